"""The fifth development set: boilerplate forms written fresh in session 8, heavier still on the
families the rule packs are weakest on.

Written by a helper who read no rule file, no engine code and no blind test set, from the noise
catalogue's families, the five raw seeds and what portals, content farms, document-sharing sites
and forums leave in scraped text. Same twelve families, records, placement machinery and scoring as
``bench/heldout.py`` … ``bench/heldout_dev4.py``, but other noise:

* other sites, accounts, document sites, forums, nicknames and portal domains (``_SITES`` … below:
  none of them is a name of the other sets, ``tests/test_heldout_dev5.py`` checks it);
* more than four fifths of the forms in the weak families: inline watermarks (site marks, reprint
  notes, jammers of new shapes, tracking queries and anti-scrape marks spliced into sentences, glued
  to a paragraph's start or end, to the title, or repeated once per printed page), forum chrome
  (PHPWind and Discuz floors, ``#N楼`` and ``NF`` markers, profile and signature lines, quote and
  move notes), disclosure blocks of other CMSs (tab rows, ``〖〗`` labels, circled numbers, bare
  label over value, ``<meta>`` residue, YAML front matter, pipe collapses), farm lead-ins and ads,
  related lists, paywalls and truncation notices, document-sharing chrome, accessibility and
  elder-care bars, toolbars, TOCs;
* other placements: a meta line glued after the title or left at the end of the page, an
  accessibility bar collapsed on one line, a toolbar glued to the closing paragraph, a farm lead-in
  glued before the title, a related list glued to the last paragraph, a page counter glued to the
  next page's first paragraph, a watermark glued before a paragraph, a TOC collapsed on one line.

No form has the skeleton of a template of another set (``dev`` … ``dev4``, ``test``, ``test2``,
``test3``) and no string it injects fills one (``overlaps``: it reports a clash by this set's string
only, never another set's form). Forms avoid characters the normalizer rewrites (ASCII punctuation
next to Chinese, full-width Latin letters and digits, full-width ASCII punctuation such as ``＝`` or
``－``, traditional characters).

>>> sample = make_heldout("forum", 1)
>>> all(item.text in sample.data for item in sample.noise), len(sample.near_misses) >= 2
(True, True)
>>> all(s in sample.gold for s in sample.near_misses)
True
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

from bench import heldout as dev
from bench import overlap
from bench.corrupt import TOWN_OF_GOLD, split_paragraphs
from bench.heldout import Heldout, _Page, fill
from bench.placement import at_breaks, columns, glue_end, glue_start, one_line

# --------------------------------------------------------------------------------------------
# Values of this set only (the other template fields are those of ``bench.heldout._Values``)

_SITES = (("墨香范文阁", "moxiangfwg"), ("公文驿栈", "gwyizhan"), ("笔花范文网", "bihuafw"),
          ("文秘苑网", "wenmiyuan"), ("稿源汇", "gaoyuanhui"), ("千篇范文库", "qianpianwk"),
          ("政写坊", "zhengxiefang"), ("青灯写作网", "qingdengxz"))
_ACCOUNTS = ("案头公文志", "基层笔谈录", "机关写作间", "公文晨读会", "材料工坊君", "乡镇写作社")
_DOC_SITES = ("拾页文库", "蓝本文档网", "墨池文库", "知行文档库", "千页文库", "卷宗文档网")
_FORUMS = ("乡镇公务员论坛", "机关茶座社区", "基层干部交流网", "公文写作吧", "青年干部论坛")
_NICKS = ("松间明月", "river_lin", "老秘书阿杰", "zhao_wb88", "南山种豆", "一苇渡江", "gw_xiaozhou",
          "听雪楼主")
_PORTALS = ("chaling", "jingning", "pengshui", "zhenghe", "chongyi", "xuyixian", "shouxian",
            "luanchuan")
_PROVINCE_NAMES = ("湖南省", "浙江省", "重庆市", "福建省", "江西省", "江苏省", "安徽省", "河南省")
_NAMES: tuple[str, ...] = (*(s for s, _ in _SITES), *(d for _, d in _SITES), *_ACCOUNTS, *_DOC_SITES,
                           *_FORUMS, *_NICKS, *_PORTALS)


def _add_values(page: _Page) -> None:
    """This set's own fields, drawn once per sample: one site, one account … per page."""
    rng = page.rng
    site, domain = rng.choice(_SITES)
    nick, nick2 = rng.sample(_NICKS, 2)
    page.values.update(site5=site, fdom5=domain, gzh5=rng.choice(_ACCOUNTS), wk5=rng.choice(_DOC_SITES),
                       bbs5=rng.choice(_FORUMS), nick6=nick, nick7=nick2, gdom5=rng.choice(_PORTALS),
                       provname5=rng.choice(_PROVINCE_NAMES), wx5=f"{domain[-4:]}_{rng.randint(10, 999)}")


# --------------------------------------------------------------------------------------------
# The forms, by family and by role within the family (the placement picks from the roles)

GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    # article meta lines (catalogue family 2)
    "meta-line": {"line": (
        "稿件发布：{date} {time}　来源单位：{town}人民政府　阅读量：{n}",
        "{town}人民政府门户网站　{date_cn} {time}　浏览{n}次",
        "作者：{town}党政办公室　　发布日期：{date_slash}　　阅读数：{n}",
        "采编：{person}　核稿：{person2}　上线时间：{date} {time}",
        "发文时间 {date}　发文单位 {town}人民政府　访问量 {n}",
        "录入时间：{date_dot}　录入员：{person}　点击：{n}",
        "{date} {time_s}　{town}人民政府网　【我要打印】【关闭窗口】",
        "信息提供：{town}综合办　发布：{date_cn}　访问：{n}人次",
        "浏览次数：{n}　发布时间：{date}　责任单位：{town}人民政府",
        "来自：{town}人民政府　{date_short} {time}　阅读{n}",
        "［{date}］　［{town}］　［点击{n}］",
        "文章作者：{person}　　文章来源：{county}{town}　　更新时间：{date}",
        "{gdom5}.gov.cn　{date}　{town}",
        "{town}政府信息网　时间：{date_cn}　点击：{n}　字号：大　中　小",
        "出处：{town}人民政府　日期：{date_slash}　人气：{n}",
        "提交人：{person}　提交日期：{date}　状态：已审核",
        "{date}　星期{cn}　{town}人民政府主办",
        "供稿：{town}人民政府　　审签：{person}　　上网日期：{date}",
        "信息员：{person}　报送日期：{date}　采用：县政府网",
        "{town}　{date_cn}　阅读 {n}　评论 {m}",
    )},
    # portal chrome (catalogue family 3): breadcrumbs, accessibility and elder-care bars, toolbars
    "page-chrome": {
        "head": (
            "当前所在：首页 ＞ 政务公开 ＞ 乡镇动态 ＞ {town}",
            "位置导航：{county}政府门户 » 镇乡街道 » {town}",
            "首页 ＞＞ 信息公开 ＞＞ 规划计划 ＞＞ 工作报告",
            "您现在的位置是：网站首页 → 政务公开 → 正文",
            "【关怀版】【无障碍浏览】【语音播报】",
            "适老化模式　｜　盲人模式　｜　高对比度",
            "辅助浏览：开启　｜　字号　｜　行距　｜　配色　｜　指读　｜　连读",
            "登录　｜　注册　｜　个人中心　｜　法人中心",
            "{town}人民政府　今天是{weekday}",
            "设为首页　｜　加入收藏　｜　联系我们",
            "站内搜索　全文检索　热词：政府工作报告",
            "{city}政务服务网　｜　{county}人民政府　｜　{town}便民服务中心",
            "返回{county}政府网　　网站地图",
            "智能问答　｜　我要咨询　｜　我要投诉",
            "{town}　政务公开　政务服务　互动交流　魅力{town}",
            "简体版　｜　繁体版　｜　移动版",
            "今日{city}：多云转晴　{k}～{m}℃",
            "主站　｜　{town}子站　｜　政务新媒体矩阵",
        ),
        "tail": (
            "分享：朋友圈　微信好友　微博　QQ空间",
            "收藏本页　｜　打印本页　｜　关闭窗口",
            "打印此页　·　关闭此页　·　回到顶部",
            "字号：〔大〕〔中〕〔小〕",
            "扫一扫，手机端打开本文",
            "用手机扫描二维码继续阅读",
            "点赞 {m}　　收藏 {k}　　转发",
            "【纠错】【打印】【收藏】【关闭】",
            "分享到微信朋友圈　　分享到微博",
            "本页网址已复制，可粘贴分享",
            "顶部　｜　底部　｜　上一页　｜　下一页",
            "听全文　｜　暂停　｜　倍速",
            "【我要纠错】　【打印本文】　【关闭页面】",
            "浏览模式：标准　｜　关怀　｜　夜间",
            "相关链接：{county}人民政府　{city}人民政府",
            "〔返回列表〕〔返回顶部〕",
            "已有{n}人阅读　{m}人点赞",
            "字体颜色：黑　蓝　灰　　背景：白　米黄",
        ),
    },
    # page footers (catalogue families 3, 4)
    "page-footer": {"line": (
        "主办单位：{town}人民政府　承办单位：{town}党政综合办公室",
        "{prov}ICP备{icp}号　网站标识码：{site_code}",
        "公安备案：{prov}公网安备{gongan}号",
        "版权所有©{year} {town}人民政府 保留所有权利",
        "建议使用1920×1080分辨率浏览",
        "访问统计：今日{m}　总计{n}",
        "上一条：{other}",
        "下一条：{other2}",
        "← 前篇：{other}　　后篇：{other2} →",
        "编辑：{person}　校对：{person2}　审核：{person3}",
        "责任编辑：{person}（{town}）",
        "（稿件来源：{town}　责任编辑：{person}）",
        "通讯地址：{county}{town}新华街{k}号（邮编{zip}）",
        "值班电话：{phone}　传真：{phone}",
        "关于我们　｜　网站声明　｜　联系方式　｜　帮助中心",
        "本网站由{company}提供技术支持",
        "{town}人民政府版权所有　转载请注明出处",
        "政府网站标识码 {site_code}　　{prov}ICP备{icp}号",
        "本页累计访问{n}人次，您是今日第{m}位",
        "【本文责编：{person}】",
    )},
    # disclosure blocks (catalogue family 1): layouts of other CMSs, none of the other sets'
    "disclosure": {
        "tabbed": (
            "索引号\t{index}\t发布机构\t{town}人民政府",
            "生成日期\t{date}\t主题分类\t综合政务",
            "发文字号\t无\t时效\t长期有效",
        ),
        "slashed": (
            "索引号：{index} / 发布机构：{town}人民政府 / 发布日期：{date}",
        ),
        "lenticular": (
            "〖索引号〗{index}",
            "〖发布单位〗{town}人民政府",
            "〖发布日期〗{date_cn}",
            "〖公开方式〗主动公开",
            "〖信息分类〗规划计划",
        ),
        "circled": (
            "①信息索引：{index}",
            "②发布机构：{town}人民政府",
            "③生成日期：{date}",
            "④公开方式：主动公开",
            "⑤公开时限：常年公开",
        ),
        "named": (
            "公开信息名称：{title}",
            "内容概述：{town}人民政府年度工作报告",
            "信息编号：{index}",
            "公开责任部门：{town}党政综合办",
            "公开时间：{date}",
        ),
        "zhejiang": (
            "信息公开目录　规划计划　　索引号　{index}",
            "发布机关　{town}人民政府　　发布日期　{date_cn}",
            "文件编号　{docno}　　有效性　有效",
        ),
        "meta": (
            '<meta name="PubDate" content="{date} {time}">',
            '<meta name="SiteDomain" content="{gdom5}.gov.cn">',
            '<meta name="ColumnType" content="gzbg">',
        ),
        "piped": (
            "索引号｜{index}｜发布机构｜{town}人民政府｜成文日期｜{date}",
        ),
        "bare": (
            "信息发布单位",
            "{town}人民政府党政办",
            "文件形成日期",
            "{date_cn}形成",
            "公开索引编码",
            "编码 {index}",
        ),
        "yaml": (
            "title: {title}",
            "source: {town}人民政府",
            "pubdate: {date}",
            "index_no: {index}",
        ),
    },
    # content-farm wrappers (catalogue family 5)
    "farm-ads": {
        "lead": (
            "本篇{title}由{site5}网友投稿，经编辑整理发布。",
            "{site5}精选：{title}，共{k}篇，供参考。",
            "导语：{title}是{site5}为您准备的，希望对您有帮助。",
            "【推荐】{title}（精选{k}篇）",
            "范文类型：工作报告　适用行业：乡镇机关　字数：{n}",
            "下面是{site5}小编精心整理的{title}，仅供参考，大家一起来看看吧。",
        ),
        "ad": (
            "⊙ 想看更多同类范文，访问{site5}（www.{fdom5}.com）",
            "{site5}会员年卡{k}8元，全站范文任意下载",
            "代写各类材料，价格实惠，联系微信：{wx5}",
            "【课程推荐】{k}天搞定年终总结，点击报名",
            "声明：本文由网友上传，不代表{site5}立场",
            "— 全文完 · 感谢阅读 —",
            "喜欢本文就点个赞吧",
            "【{site5}温馨提示】按Ctrl+D收藏本页",
            "延伸阅读：{other}",
            "关注{gzh5}，每天一篇精品公文",
            "扫描下方二维码，领取公文写作素材包",
            "所有范文均由{site5}编辑部整理",
            "原创不易，转载请注明出处",
            "{site5}　让写材料不再难",
            "（全文约{n}字，阅读约需{k}分钟）",
            "投诉　｜　打赏　｜　收藏",
            "＞＞＞点此下载Word文档＜＜＜",
            "复制链接分享本文：www.{fdom5}.com/{path}",
        ),
    },
    # paywalls, login walls, truncation notices (catalogue family 5)
    "paywall": {"notice": (
        "（试读到此结束，完整内容请前往{site5}查看）",
        "▼ 付费内容 ▼",
        "游客只能阅读前{pct}%，请登录后继续",
        "【内容已折叠，点击展开剩余{pct}%】",
        "……（此处省略{n}字）……",
        "展开阅读全文 ▽",
        "（注册{site5}会员即可阅读全文）",
        "试看结束",
        "本文为付费内容，购买后可继续阅读",
        "开通年度会员，全站文章免费看",
        "当前账号等级不足，无法查看全文",
        "微信支付{k}元解锁全文",
        "剩余部分已加密，请输入口令查看",
        "扫码关注后自动解锁全文",
        "═══ 以下内容仅会员可见 ═══",
        "查看全文需要{k}个阅读币",
        "该内容需要回复后才能查看",
        "（因篇幅原因，下文略，完整版可下载附件）",
        "〔会员可见〕",
        "【隐藏内容】回复本帖即可查看",
        "余下 {n} 字　｜　登录后继续阅读",
        "限时特惠：{k}折开通会员",
        "（节选，全文较长）",
        "预览已结束，完整版请购买文档",
        "今日阅读次数已达上限",
        "未登录用户仅可查看部分内容",
        "全文下载：www.{fdom5}.com/down/{n}",
        "〔下载本文需{k}个金豆〕",
        "点击这里继续阅读剩余内容",
        "…（正在加载剩余内容）…",
        "关注公众号“{gzh5}”，回复“全文”获取",
        "查看更多 ▽",
        "预览到此为止，后面{p}页请下载后查看",
        "已阅读{pct}%，登录后继续",
        "本文只显示前{k}段，完整内容需付费",
        "文章已截断，剩余内容请在APP中查看",
    )},
    # document-sharing pages (catalogue family 6): head, running headers, counters, tail
    "doc-share": {
        "head": (
            "{title}——{wk5}",
            "格式：docx　页数：{p}　大小：{size}KB",
            "上传者：{nick6}　上传时间：{date}",
            "所需积分：{k}　　已下载：{n}次",
            "所属分类：公文写作 ＞ 报告",
            "文档编号：{n}　贡献者：{nick6}",
            "{wk5} ＞ 行业资料 ＞ 政务",
            "{p}页　{k}积分　{n}浏览",
            "该文档由{nick6}分享",
            "温馨提示：当前文档为网页预览版，格式可能错乱，请下载后查看。",
            "综合评分 {q}.{k}　　共{m}人评分",
            "{wk5}　免费下载　在线阅读",
        ),
        "running": (
            "{title}　下载自{wk5}",
            "{title}（{wk5}收录）",
            "{fdom5}.com　文档ID {n}",
        ),
        "counter": (
            "— {k} / {p} —",
            "本页 {k}，全文 {p} 页",
            "【{k}/{p}】",
            "P{k}　总{p}P",
            "进度{pct}%　｜　页{k}",
        ),
        "tail": (
            "把本文档存到电脑上，随时查找更方便",
            "余{p}页待展开，点此继续",
            "免费下载Word文档",
            "下载此文档（{k}积分）",
            "下载需要登录，积分不足可充值",
            "本文档由用户上传至{wk5}，如有侵权请联系",
            "投诉　｜　收藏　｜　分享至微博",
            "下载Word版　｜　下载PDF版",
            "特别说明：文档预览效果可能与原文有差异，以下载文档为准。",
            "在APP中打开　｜　查看完整文档",
            "广告剩余{k}秒，开通VIP免广告",
            "下载APP，文档永久免费存",
            "以上为文档预览，页码以原文为准",
            "本文档最多可预览{k}页，共{p}页",
            "全屏　｜　缩放　｜　翻页",
            "{wk5}　侵权投诉　｜　隐私政策",
        ),
    },
    # related pages (portals and farms): headings, item styles, tag lines
    "related-lists": {
        "heading": (
            "延伸阅读一览",
            "读过本文的人还读了",
            "相似文章推荐：",
            "热门文章排行",
            "本站精选",
            "网友都在看",
            "同栏目下的其他文章",
            "相关内容延伸",
            "相关公文",
            "推荐阅读 ▼",
        ),
        "item": (
            "○ {other}　{date}",
            "◇{k}　{other}",
            "⇨ {other}",
            "〖{date_md}〗{other}",
            "{other}　（{n}阅）",
            "{other}——{town2}",
            "#{k}　{other}",
        ),
        "tags": (
            "关键字：工作报告　{town}",
            "所属专题：{year}年政府工作报告",
            "相关标签：{town}｜工作报告｜{year}",
            "热门搜索：工作总结　述职报告　{town}",
            "Tags：政府工作报告　乡镇",
        ),
    },
    # CMS, editor and export residue (catalogue families 15, 16)
    "cms-tags": {
        "piece": (
            '<p class="MsoNormal"></p>',
            "<!-- {fdom5} template -->",
            "<!--PageBreak-->",
            '<span lang="ZH-CN" style="font-size:16pt"></span>',
            "#p#分页标题#e#",
            "&ensp;&ensp;",
            "&emsp;",
            '<img src="/upload/{n}.png">',
            "{{dede:field.body/}}",
            "<br/>",
            "_ueditor_page_break_tag_",
            "<!--PAGE_SPLIT-->",
        ),
        # opening and closing tags wrapped around one paragraph (pairs: opener, closer)
        "pair": (
            "<!--ZOOM-->", "<!--/ZOOM-->",
            "<!--[if !supportLists]-->", "<!--[endif]-->",
            "<!--content_start-->", "<!--content_end-->",
            "<!--文章主体-->", "<!--/文章主体-->",
            "<!--内容开始-->", "<!--内容结束-->",
            "<!--article_text_begin-->", "<!--article_text_end-->",
        ),
    },
    # forum chrome (catalogue family 16): poster lines, floors, profile lines, quotes, edit notes
    "forum": {
        "head": (
            "发帖人：{nick6}　　时间：{date} {time}",
            "{nick6}　{date_short}　楼主　｜　只看该作者",
            "查看 {n}　｜　回复 {m}　｜　收藏 {k}",
            "〔原创帖〕{title}",
            "{bbs5} ＞ 材料交流区 ＞ {title}",
            "跳转到　{k}楼",
            "{nick6}　来自{provname5}　{k}天前",
            "上一帖　下一帖　打印本帖",
            "本帖由 {nick6} 于 {date} {time} 重新编辑",
            "{town}吧　｜　关注 {n}　｜　帖子 {m}",
        ),
        "floor": (
            "#{k}楼　{nick6}　{date} {time}",
            "第{k}楼　楼主",
            "{k}F　{nick6}",
            "回复第{k}楼 {nick7}",
            "（楼主续更，接上文）",
            "（接{k}楼）",
            "{nick6}　在{date} {time}回复",
        ),
        "profile": (
            "积分 {n}　主题 {m}　精华 {k}",
            "注册于 {date}　上次访问 {date2}",
            "{nick6}　Lv.{k}　帖子{m}",
            "在线 {m} 小时　威望 {k}",
            "今日心情　奋斗　{date}",
            "连续签到 {m} 天",
            "身份：荣誉版主",
            "个人签名：宁静致远",
        ),
        "quote": (
            "引用：{nick7} 发表于 {date} {time}　楼主辛苦，收藏了",
            "{nick7}：能发一份word吗",
            "{nick7} 于 {date} 回复：已私信",
            "本帖被 {nick7} 从 综合区 移动到本区",
            "本帖已被设为精华",
            "以下引用{nick7}在{date}的发言：",
            "该回复已被屏蔽",
        ),
        "tail": (
            "分享到　｜　收藏　｜　支持　｜　反对",
            "顶　踩　举报",
            "回复　引用　编辑",
            "快速回复　发表　清空",
            "您需要登录后才可以回帖　登录　｜　注册",
            "回帖并转播　　回帖后跳转到最后一页",
            "论坛规则　｜　联系管理员",
            "手机版　｜　Archiver　｜　{bbs5}",
            "北京时间 {date} {time}　页面执行时间 0.0{k}秒",
            "Powered by PHPWind",
            "来自手机客户端",
            "［签名］一起学习，共同进步",
        ),
    },
    # watermarks, reprint notes and jammers spliced into paragraphs (catalogue families 5, 17)
    "inline-watermark": {"piece": (
        "【{site5}·原创首发·禁止搬运】",
        "（{site5}编辑整理，转载请注明）",
        "#来自{site5}#",
        "〔来源：{site5}〕",
        "@{gzh5}　原创",
        "〔www.{fdom5}.com〕",
        "（本文链接：www.{fdom5}.com/{path}）",
        "『{site5}』",
        "【{site5}：未经授权禁止转载】",
        "（收录于{site5}范文库）",
        "◆来自{fdom5}.com",
        "（更多好文请关注{gzh5}）",
        "——转自公众号{gzh5}",
        "（{nick6}于{date_cn}整理）",
        "{site5}收集整理，仅供交流",
        "‖{site5}‖",
        "（出自{wk5}）",
        "{site5}独家",
        "△转载于{fdom5}.com△",
        "【本稿源自{site5}】",
        "（移动端：m.{fdom5}.com）",
        "｜{site5}·版权｜",
        "（著作权归{site5}所有）",
        "·{site5}出品·",
        "（{site5}VIP资料）",
        "【{gzh5}·早读】",
        "（长按扫码，关注{gzh5}）",
        "本文摘自{site5}，仅供参考",
        "（作者微信{wx5}）",
        "◀{site5}▶",
        "（原载{gzh5}，原题：{other}）",
        "（转自{site5}，侵删）",
        "{site5}网（www.{fdom5}.com）",
        "〈{site5}〉",
        "【防采集：{fdom5}】",
        "（本段来自{site5}）",
        "⊕{site5}⊕",
        "（{site5}供稿）",
        "jammer:curly",
        "jammer:piped",
        "jammer:dashed",
        "jammer:underscored",
        "jammer:ref-query",
        "jammer:hex",
    )},
    # a compilation (catalogue 1, seed 000): title, TOC head, entries, separators, back links
    "compilation-toc": {
        "title": (
            "乡镇人民政府工作报告精选{n_bodies}篇",
            "{year}年度镇政府工作报告范文集",
            "乡（镇）政府工作报告模板大全",
            "政府工作报告汇总（乡镇版）",
            "镇政府工作报告参考{n_bodies}例",
        ),
        "head": (
            "本文目录速览",
            "文章目录导航",
            "目录检索",
            "快速导航（点击标题跳转）",
            "内容目录 CONTENTS",
            "目录 ▾",
        ),
        "entry": (
            "篇{i}　{body_title}",
            "{i_cn}　{body_town}政府工作报告……P{page}",
            "◎ {body_title}　{page}",
            "{body_title}〔见第{page}页〕",
            "报告{i}：{body_town}",
            "{i} {body_title} ……… {page}",
            "范文{i_cn}：{body_town}工作报告　第{page}页",
        ),
        "sep": (
            "【范文{i_cn}】",
            "第{i}份：{body_town}政府工作报告",
            "＊＊＊",
            "═══ {body_town}的报告 ═══",
            "▲ 第{i_cn}篇 ▲",
            "（第{i}篇　共{n_bodies}篇）",
            "报告{i_cn}　{body_town}人民政府",
        ),
        "back": (
            "⇧ 回到目录",
            "【返回目录】",
            "本篇结束，返回顶部",
            "（第{i}篇结束）",
            "范文{i_cn}到此结束，请看下一篇",
        ),
    },
}

FORMS: dict[str, tuple[str, ...]] = {
    family: tuple(form for group in groups.values() for form in group) for family, groups in GROUPS.items()}

# The families the rules are weakest on (session 8's blind results): most of this set's forms.
WEAK_FAMILIES: tuple[str, ...] = ("inline-watermark", "related-lists", "disclosure", "forum", "farm-ads",
                                  "paywall", "page-chrome", "compilation-toc", "doc-share")

# Near misses: report sentences with the noise's words. They are content and must survive.
NEAR_MISSES: tuple[str, ...] = (
    "开通“{town}便民”微信服务号，群众扫码即可查询低保、医保办理进度。",
    "在{k}个村级活动中心张贴防诈骗二维码，引导群众安装国家反诈中心APP。",
    "重点关注防返贫监测对象{m}户，逐户落实帮扶措施。",
    "群众普遍关注的农村公路养护问题得到有效解决，完成道路修补{n}平方米。",
    "镇政府官方公众号全年推送原创稿件{n}篇，阅读量累计{m}万人次。",
    "拓宽村集体经济收入来源，{k}个村年收入突破{m}万元。",
    "严把食材来源关，学校食堂原材料全部实现可追溯。",
    "在便民服务大厅设立打印复印专区，免费为群众打印各类证明材料{n}份。",
    "组织{m}名种植大户走上讲台，分享特色种养经验。",
    "推动部门信息共享共用，群众办事少跑腿、少交材料。",
    "联合电商平台开展助农直播{k}场，销售脐橙等农产品{n}吨。",
    "组织村干部观看警示教育片直播，筑牢廉洁从政思想防线。",
    "发展家庭农场会员{m}家，推动小农户与现代农业有机衔接。",
    "镇商会新增会员企业{k}家，会员企业累计捐资助学{m}万元。",
    "指导经营主体登录国家企业信用信息公示系统完成年报，年报率达{pct}%。",
    "推广医保电子凭证，{pct}%的参保群众可登录手机办理异地就医备案。",
    "组织开展“书香{town}”全民阅读活动，举办读书分享会{k}场。",
    "建成{k}个24小时自助阅读驿站，配备图书{n}册。",
    "指导群众下载使用“{town}智慧社区”应用，在线反映诉求{n}件。",
    "开设税务自助终端，企业可自行下载完税证明。",
    "编制镇级权责清单目录，明确职责事项{m}项。",
    "规范村级档案管理，建立案卷目录和索引{n}条。",
    "按照政府信息公开目录要求，主动公开各类信息{n}条。",
    "网民在县长信箱的留言评论，均在{k}个工作日内予以回复。",
    "对群众在政务平台上的评论和建议逐条梳理，采纳合理建议{m}条。",
    "“最美{town}人”评选活动收到群众点赞{n}次，评选出先进典型{k}名。",
    "宣传片在县融媒体平台获得网友点赞转发，展示了{town}的新面貌。",
    "一批反映{town}发展成就的稿件被省市主流媒体转载。",
    "依法查处未经许可擅自转载新闻信息的违规网站{k}家。",
    "镇政府网站首页开设“我为政府工作报告提建议”专栏，收到建议{m}条。",
    "为{k}户困难家庭免费安装网络电视，可收藏点播农业技术讲座。",
    "实行党员积分制管理，积分结果与评先评优挂钩。",
    "推行垃圾分类积分兑换，参与农户达{n}户。",
    "建成游客服务中心，年接待浏览观光游客{m}万人次。",
    "督促{k}个村及时上传“三资”管理台账，实现村级财务网上监管。",
    "打造原创文艺节目{k}个，其中{q}个获得市级奖项。",
    "编印《{town}惠民政策全文汇编》，发放到户{n}册。",
    "规范农村付费保洁，保洁费收缴率达{pct}%。",
    "对照评议发现的问题印发整改清单，全文在村务公开栏公示。",
    "建立新时代文明实践“积分超市”{k}个，群众以积分兑换生活用品。",
    "新建{k}层安置楼{m}栋，交付使用{n}套。",
    "网格员上门为独居老人代为预约挂号、代为打印检查报告。",
    "全镇{pct}%的行政村开通村务微信群，村务大事小事群里发布。",
    "通过“{town}发布”视频号直播镇人代会开幕式，线上观看{n}人次。",
    "围绕群众关注的上学难问题，新建幼儿园{k}所。",
    "开展“扫码评价”服务，群众对窗口服务满意率达{pct}%。",
    "在景区主要节点设置二维码导览牌{m}块，游客扫一扫即可听讲解。",
    "全面推行“亮码经营”，{n}家餐饮单位公开食品安全信息。",
    "加强网站和政务新媒体管理，关停整合僵尸账号{k}个。",
    "组织党员干部收看“学习强国”直播课堂{m}场次。",
    "全年在各级媒体发布{town}新闻稿件{n}篇，其中头版头条{k}篇。",
    "规范信息发布审核流程，实行“三审三校”制度。",
    "完善“码上办”服务，{m}项高频事项实现手机扫码办理。",
    "设立{k}个“码上议”二维码平台，群众随时反映身边问题。",
    "积极推行政务服务“好差评”，群众可在办事后登录平台评价。",
    "建成数字图书馆分馆，提供电子书下载服务{n}次。",
    "利用微信小程序开展网上招募，新增志愿服务会员{m}人。",
    "强化网络评论引导，妥善处置网络舆情{k}起。",
    "村史馆开通线上展厅，网友在线阅读村史资料{n}人次。",
    "开展“清朗”专项行动，清理网上违规转载和侵权内容{m}条。",
    "严格执行保密规定，涉密文件一律不得复印、不得分享到微信群。",
    "依托“{town}发布”公众号开设“代表风采”专栏，刊发稿件{m}篇。",
    "镇纪委公布举报二维码，全年受理群众举报{k}件。",
    "建立企业服务“首问负责”制度，在镇政府网站首页公布联系电话。",
    "组织{k}场“下载一个应用、学会一项技能”数字技能培训。",
    "组建{k}支直播电商服务队，为{m}家合作社会员提供运营指导。",
)


def form_count() -> int:
    """Distinct noise forms in the set (the jammer shapes count one each; a tag pair counts two).

    >>> form_count() >= 300
    True
    """
    return sum(len(forms) for forms in FORMS.values())


def weak_share() -> float:
    """The share of this set's forms in the weak families (``WEAK_FAMILIES``).

    >>> weak_share() >= 0.7
    True
    """
    return sum(len(FORMS[family]) for family in WEAK_FAMILIES) / form_count()



# --------------------------------------------------------------------------------------------
# Placement


def _pick(page: _Page, family: str, group: str, low: int, high: int) -> list[str]:
    """``low``–``high`` distinct forms of one role of ``family``, filled and recorded as noise."""
    return page.lines(family, low, high, GROUPS[family][group])


def _own(function: Callable[[list[str], _Page], list[str]]) -> Callable[[list[str], _Page], list[str]]:
    """A family function that first draws this set's own fields."""
    @functools.wraps(function)
    def run(paragraphs: list[str], page: _Page) -> list[str]:
        _add_values(page)
        return function(paragraphs, page)
    return run


# --------------------------------------------------------------------------------------------
# Families: (paragraphs, page) -> lines


@_own
def meta_line(paragraphs: list[str], page: _Page) -> list[str]:
    """A meta line glued after the title, under it, above it, or left at the end of the page; two
    sometimes collapsed to one line."""
    lines = _pick(page, "meta-line", "line", 1, 2)
    title = dev._title_index(paragraphs)
    out = list(paragraphs)
    if len(lines) == 2 and page.rng.random() < 0.3:
        lines = [one_line(lines, page.rng)]
    roll = page.rng.random()
    if roll < 0.25:
        out[title] += page.rng.choice(("　", "  ", "　　")) + lines.pop(0)
    elif roll < 0.4:
        return out + lines
    at = page.rng.choice([title, title + 1, dev._body_start(out) - 1])
    return out[:at] + lines + out[at:]


@_own
def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Bars above the title (sometimes all on one line, or a breadcrumb glued before the title), a
    toolbar after the closing call or glued to it, sometimes one repeated at page breaks."""
    groups = GROUPS["page-chrome"]
    head = _pick(page, "page-chrome", "head", 1, 3)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.25:
        head = [one_line(head, page.rng)]
    elif roll < 0.45:
        title = dev._title_index(out)
        out[title] = head.pop() + page.rng.choice(("　", " ", "")) + out[title]
        out = out[:title] + head + out[title:]
        head = []
    else:
        head = columns(head, page.rng)
    tail = _pick(page, "page-chrome", "tail", 1, 4)
    roll = page.rng.random()
    if roll < 0.2:
        out[-1] += tail.pop(0)
    elif roll < 0.4:
        tail = [one_line(tail, page.rng)]
    else:
        tail = columns(tail, page.rng)
    if page.rng.random() < 0.25:
        repeated = page.line("page-chrome", page.rng.choice(groups["tail"] + groups["head"][4:8]))
        out = at_breaks(out, repeated, page.rng.randint(2, 3), page.rng)
    return head + out + tail


@_own
def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Footer lines after the closing call: one glued to the last paragraph, two columns, or all
    on one line; sometimes a prev/next pair between the report and the footer."""
    lines = _pick(page, "page-footer", "line", 2, 6)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.2:
        out[-1] += lines.pop(0)
    elif roll < 0.45:
        lines = [one_line(lines, page.rng)]
    else:
        lines = columns(lines, page.rng)
    return out + lines


_DISCLOSURE_LAYOUTS = tuple(GROUPS["disclosure"])
_FREE_ROWS = ("lenticular", "circled", "named", "yaml")  # layouts whose rows come in any subset
_KEEP_LINES = ("bare", "meta", "tabbed")  # layouts a scrape does not collapse to one line


@_own
def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A disclosure block in one of ten layouts: at the top, under the title, before ``各位代表``
    or at the end of the page; sometimes collapsed to one line, sometimes glued before the title."""
    layout = page.rng.choice(_DISCLOSURE_LAYOUTS)
    rows = list(GROUPS["disclosure"][layout])
    if layout in _FREE_ROWS:
        keep = sorted(page.rng.sample(range(len(rows)), page.rng.randint(3, len(rows))))
        rows = [rows[i] for i in keep]
    block = [page.line("disclosure", row) for row in rows]
    if layout not in _KEEP_LINES and len(block) > 1 and page.rng.random() < 0.3:
        block = [one_line(block, page.rng)]
    out = list(paragraphs)
    title = dev._title_index(out)
    if len(block) == 1 and page.rng.random() < 0.3:
        out[title] = block[0] + "　" + out[title]
        return out
    at = page.rng.choice([0, title + 1, max(title + 1, dev._body_start(out) - 1), len(out), len(out)])
    return out[:at] + block + out[at:]


@_own
def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in glued before or after the title or under it; ads between paragraphs, glued to a
    paragraph's start or end, or inside one; sometimes an ad tail."""
    out = list(paragraphs)
    title = dev._title_index(out)
    lead = page.line("farm-ads", page.rng.choice(GROUPS["farm-ads"]["lead"]))
    roll = page.rng.random()
    if roll < 0.2:
        out[title] = lead + out[title]
    elif roll < 0.4:
        out[title] += "　" + lead
    else:
        out.insert(title + 1, lead)
    ads = _pick(page, "farm-ads", "ad", 1, 3)
    roll = page.rng.random()
    if roll < 0.3:
        out = dev._between(out, ads, page.rng)
    elif roll < 0.55:
        out = glue_end(out, ads, page.rng)
    elif roll < 0.7:
        out = glue_start(out, ads, page.rng)
    else:
        out = dev._inside(out, ads, page.rng, mid_sentence=0.4, break_after=0.3)
    if page.rng.random() < 0.5:
        out += columns(_pick(page, "farm-ads", "ad", 1, 2), page.rng)
    return out


@_own
def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A notice on its own line, glued to a paragraph's end or start, or inside a sentence; sometimes
    a second notice at the end of the page, sometimes both on one line."""
    pieces = _pick(page, "paywall", "notice", 1, 2)
    if len(pieces) == 2 and page.rng.random() < 0.2:
        pieces = [one_line(pieces, page.rng)]
    roll = page.rng.random()
    if roll < 0.25:
        out = dev._between(paragraphs, pieces, page.rng)
    elif roll < 0.5:
        out = glue_end(paragraphs, pieces, page.rng)
    elif roll < 0.6:
        out = glue_start(paragraphs, pieces, page.rng)
    else:
        out = dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.6, break_after=0.5)
    if page.rng.random() < 0.25:
        out = [*out, page.line("paywall", page.rng.choice(GROUPS["paywall"]["notice"]))]
    return out


@_own
def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """Head lines (sometimes one line); at each page break a running header, a page counter, or
    both (the counter sometimes glued to the end of the page or the start of the next); a tail."""
    groups = GROUPS["doc-share"]
    head = _pick(page, "doc-share", "head", 1, 3)
    if len(head) > 1 and page.rng.random() < 0.25:
        head = [one_line(head, page.rng)]
    else:
        head = columns(head, page.rng)
    out = list(paragraphs)
    if page.rng.random() < 0.5:
        running = page.line("doc-share", page.rng.choice(groups["running"]))
        out = at_breaks(out, running, page.rng.randint(2, 4), page.rng)
    style = page.rng.choice(groups["counter"])
    page.values["p"] = str(page.rng.randint(8, 30))
    counters = []
    for number in range(page.rng.randint(1, 3)):
        page.values["k"] = str(2 + number * page.rng.randint(2, 4))
        page.values["pct"] = str(int(page.values["k"]) * 100 // int(page.values["p"]))  # read so far
        counters.append(page.line("doc-share", style))
    page.values.pop("k")
    page.values.pop("pct")
    roll = page.rng.random()
    place = glue_end if roll < 0.3 else glue_start if roll < 0.45 else dev._between
    out = place(out, counters, page.rng)
    tail = columns(_pick(page, "doc-share", "tail", 1, 3), page.rng)
    return head + out + tail


@_own
def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 items after the closing call, glued to it, or between paragraphs; items
    sometimes two to a line, or the whole list on one line."""
    groups = GROUPS["related-lists"]
    heading = page.line("related-lists", page.rng.choice(groups["heading"]))
    style = page.rng.choice(groups["item"])
    items: list[str] = []
    seen: set[str] = set()
    for number in range(1, page.rng.randint(3, 6) + 1):
        for _ in range(10):  # a list does not repeat a title
            for key in ("other", "town2", "date", "date_md", "n"):
                page.values.pop(key, None)
            if fill("{other}", page.values) not in seen:
                break
        seen.add(page.values["other"])
        page.values["k"] = str(number)
        items.append(page.line("related-lists", style))
    roll = page.rng.random()
    if roll < 0.2:
        items = ["　　".join(items[i:i + 2]) for i in range(0, len(items), 2)]
    elif roll < 0.35:
        items = [one_line(items, page.rng)]
    block = [heading, *items, *_pick(page, "related-lists", "tags", 0, 1)]
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.25:
        at = page.rng.randint(dev._body_start(out) + 1, max(dev._body_start(out) + 1, len(out) - 2))
        return out[:at] + block + out[at:]
    if roll < 0.4:
        out[-1] += block.pop(0)
    return out + block


@_own
def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Residue inside paragraphs; an opening and closing tag around a whole paragraph."""
    pieces = _pick(page, "cms-tags", "piece", 0, 2)
    out = dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.4, break_after=0.5)
    pairs = GROUPS["cms-tags"]["pair"]
    if not pieces or page.rng.random() < 0.6:
        opener = page.rng.randrange(0, len(pairs), 2)
        index = page.rng.randint(dev._body_start(out), len(out) - 1)
        out[index] = (page.line("cms-tags", pairs[opener]) + out[index]
                      + page.line("cms-tags", pairs[opener + 1]))
    return out


@_own
def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """Poster lines above; the report split over floors (a floor line, with a profile line or a
    signature, sometimes glued to the next paragraph); quote chrome between; post chrome below."""
    groups = GROUPS["forum"]
    head = columns(_pick(page, "forum", "head", 1, 3), page.rng)
    out = list(paragraphs)
    if page.rng.random() < 0.25:
        out = glue_start(out, [page.line("forum", page.rng.choice(groups["quote"])) + "　"], page.rng)
    if page.rng.random() < 0.65:
        floor_style = page.rng.choice(groups["floor"])
        breaks: list[str] = []
        for number in range(page.rng.randint(1, 3)):
            page.values["k"] = str(number + 2)
            marker = page.line("forum", floor_style)
            if page.rng.random() < 0.5:
                marker += "　" + page.line("forum", page.rng.choice(groups["profile"]))
            breaks.append(marker)
        page.values.pop("k")
        glued = page.rng.random() < 0.3
        out = (glue_start if glued else dev._between)(out, [b + "　" if glued else b for b in breaks],
                                                       page.rng)
    if page.rng.random() < 0.4:
        out = dev._between(out, _pick(page, "forum", "quote", 1, 1), page.rng)
    tail = [*_pick(page, "forum", "profile", 0, 1), *_pick(page, "forum", "tail", 1, 4)]
    if page.rng.random() < 0.2:
        return head + out + [one_line(tail, page.rng)]
    return head + out + columns(tail, page.rng)


_ASCII = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz"


def _token(rng: random.Random, low: int = 2, high: int = 2) -> str:
    return "".join(rng.choice(_ASCII) for _ in range(rng.randint(low, high)))


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape the other development sets do not use (never starting or ending
    with ASCII punctuation, which the normalizer would rewrite next to Chinese).

    >>> sorted({len(_jammer(random.Random(5), s)) > 5 for s in (
    ...     "jammer:curly", "jammer:piped", "jammer:dashed", "jammer:underscored", "jammer:ref-query",
    ...     "jammer:hex")})
    [True]
    """
    count = rng.randint(3, 5)
    if shape == "jammer:curly":  # ``{x7}{Qm}{2k}``
        return "".join(f"{{{_token(rng)}}}" for _ in range(count))
    if shape == "jammer:piped":  # ``w7|Q2|k9|Mx``
        return "|".join(_token(rng) for _ in range(count + 1))
    if shape == "jammer:dashed":  # ``a9-K2-pp-Wm``
        return "-".join(_token(rng, 2, 3) for _ in range(count))
    if shape == "jammer:underscored":  # ``x7_Qm_2k`` : a site's domain inside
        return f"{_token(rng)}_{rng.choice(_SITES)[1]}_{_token(rng, 1, 3)}"
    if shape == "jammer:ref-query":  # ``ref=moxiangfwg&t=38412`` : a tracking query left in the text
        return f"ref={rng.choice(_SITES)[1]}&t={rng.randint(1000, 999999)}"
    return "0x" + "".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(6, 10)))  # hex


@_own
def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Watermarks and jammers spliced into sentences; sometimes a mark glued before or after the
    title, one glued before a paragraph, one repeated at the end of several paragraphs, or one on
    its own line at page breaks (one per printed page)."""
    pieces = GROUPS["inline-watermark"]["piece"]
    out = dev.splice_watermarks(paragraphs, page, pieces, _jammer)
    plain = [t for t in pieces if not t.startswith("jammer")]
    roll = page.rng.random()
    if roll < 0.1:
        title = dev._title_index(out)
        out[title] = page.line("inline-watermark", page.rng.choice(plain)) + out[title]
    elif roll < 0.25:
        title = dev._title_index(out)
        out[title] += page.line("inline-watermark", page.rng.choice(plain))
    elif roll < 0.4:
        out = glue_start(out, [page.line("inline-watermark", page.rng.choice(plain))], page.rng)
    elif roll < 0.65:
        mark = page.line("inline-watermark", page.rng.choice(plain))
        for _ in range(page.rng.randint(2, 3)):
            out = glue_end(out, [mark], page.rng)
    elif roll < 0.8:  # a page's watermark on a line of its own at each page break
        out = at_breaks(out, page.line("inline-watermark", page.rng.choice(plain)), page.rng.randint(2, 3),
                        page.rng)
    return out


FAMILY_FUNCTIONS: dict[str, Callable[[list[str], _Page], list[str]]] = {
    "meta-line": meta_line, "page-chrome": page_chrome, "page-footer": page_footer,
    "disclosure": disclosure, "farm-ads": farm_ads, "paywall": paywall, "doc-share": doc_share,
    "related-lists": related_lists, "cms-tags": cms_tags, "forum": forum,
    "inline-watermark": inline_watermark,
}
FAMILIES: tuple[str, ...] = (*FAMILY_FUNCTIONS, "compilation-toc")
assert FAMILIES == dev.FAMILIES  # the same families as the other sets, in the same order


def compilation_toc(gold: dict[str, str], first: str, page: _Page) -> tuple[list[str], str]:
    """2–4 reports behind a title and a table of contents (sometimes two entries to a line, or all
    on one), separators before the reports (sometimes glued to their titles), back links after."""
    _add_values(page)
    rng, groups = page.rng, GROUPS["compilation-toc"]
    names = [first, *rng.sample([name for name in gold if name != first], rng.randint(1, 3))]
    page.values["n_bodies"] = str(len(names))
    lines = [page.line("compilation-toc", rng.choice(groups["title"]))]
    if rng.random() < 0.8:
        lines.append(page.line("compilation-toc", rng.choice(groups["head"])))
    entry = rng.choice(groups["entry"])
    separator = rng.choice(groups["sep"]) if rng.random() < 0.75 else None
    glued = rng.random() < 0.35
    back = rng.choice(groups["back"]) if rng.random() < 0.35 else None
    number = rng.randint(1, 3)
    entries = []
    for i, name in enumerate(names, 1):
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name],
                           page=str(number), body_title=split_paragraphs(gold[name])[0])
        entries.append(page.line("compilation-toc", entry))
        number += rng.randint(5, 14)
    roll = rng.random()
    if roll < 0.2:
        entries = ["　　　".join(entries[i:i + 2]) for i in range(0, len(entries), 2)]
    elif roll < 0.35:
        entries = [one_line(entries, rng)]
    lines += entries
    for i, name in enumerate(names, 1):
        body = split_paragraphs(gold[name])
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name])
        if separator:
            mark = page.line("compilation-toc", separator)
            if glued:
                body = [mark + body[0], *body[1:]]
            else:
                lines.append(mark)
        lines += body
        if back:
            lines.append(page.line("compilation-toc", back))
    return lines, "".join(gold[name] for name in names)


# --------------------------------------------------------------------------------------------
# Samples (the same interface as bench/heldout.py, so bench/fidelity.py runs any set)


def make_heldout(family: str, seed: int) -> Heldout:
    """The dev5 sample of ``family`` for ``seed``: deterministic, and seeded apart from the other sets."""
    return dev.make_sample(family, seed, label="heldout-dev5", family_functions=FAMILY_FUNCTIONS,
                           near_misses=NEAR_MISSES, append_rate=0.5, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the other sets (read through code only: the blind sets' forms are never shown)

OTHER_SETS: tuple[str, ...] = ("dev", "dev2", "dev3", "dev4", "test", "test2", "test3")


def other_sets() -> dict[str, ModuleType]:
    """The other held-out sets that exist, by name."""
    return overlap.existing_sets(OTHER_SETS)


# This set's names, each mapped to a name of the same kind in ``bench/heldout.py``: a string is
# also checked with its names swapped, so that a dev template re-filled with a new site name is
# still caught ("{site}整理" with 墨香范文阁 is "第一范文网整理" with another name).
_SWAPS: tuple[tuple[str, str], ...] = tuple(sorted(
    [*((name, dev._FARM_SITES[0][0]) for name, _ in _SITES),
     *((domain, dev._FARM_SITES[0][1]) for _, domain in _SITES),
     *((name, dev._WECHAT[0]) for name in _ACCOUNTS), *((name, dev._DOC_SITES[0]) for name in _DOC_SITES),
     *((name, dev._FARM_SITES[0][0]) for name in _FORUMS),
     *((name, dev._NICKS[0]) for name in _NICKS), *((name, dev._GOV_DOMAINS[0]) for name in _PORTALS)],
    key=lambda pair: -len(pair[0])))


def swap_names(text: str) -> str:
    """``text`` with this set's names replaced by dev names of the same kind.

    >>> swap_names("本文首发于墨香范文阁")
    '本文首发于第一范文网'
    """
    for ours, theirs in _SWAPS:
        text = text.replace(ours, theirs)
    return text


templates_of = overlap.templates_of  # a set's noise and near-miss templates


def overlaps(strings: Iterable[str] = ()) -> list[str]:
    """Everything in this set that is a form of another set: a template (or near-miss template)
    with the skeleton of one of theirs, and any of ``strings`` (filled noise or near misses) that
    one of their templates fills, as it is or with its names swapped (``swap_names``). A clash is
    reported by this set's string and the other set's name only. Empty when the sets are apart.

    >>> overlaps()
    []
    """
    ours = [*(t for forms in FORMS.values() for t in forms if not t.startswith("jammer:")), *NEAR_MISSES]
    return overlap.find_overlaps(ours, OTHER_SETS, swap_names, strings)
