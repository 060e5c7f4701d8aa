"""The fourth development set: boilerplate forms written fresh in session 5, heavier on the families
the rule packs are weakest on.

Written by a helper who read no rule file, no engine code and no blind test set, from the noise
catalogue's families, the five raw seeds and what portals, content farms, document-sharing sites
and forums leave in scraped text. Same twelve families, records, placement machinery and scoring as
``bench/heldout.py`` … ``bench/heldout_dev3.py``, but other noise:

* other sites, accounts, document sites, forums, nicknames and portal domains (``_SITES`` … below:
  none of them is a name of the other sets, ``tests/test_heldout_dev4.py`` checks it);
* more than two thirds of the forms in the weak families: inline watermarks (reprint notes,
  bracketed site marks and jammers spliced into sentences), forum chrome (Discuz, 贴吧 and other
  BBS floors, profile lines, quote and reply chrome, edit notes), disclosure blocks of other CMSs
  (markdown tables, key rows without colons, one-line collapses, ``【】`` labels, API residue),
  paywalls and login walls, document-sharing chrome, toolbars and accessibility bars, TOCs;
* other placements: breadcrumbs and meta lines glued before the title, farm lead-ins glued after
  it, disclosure blocks at the end of the page or collapsed to one line, share rows and running
  headers repeated at page breaks, counters glued to a paragraph's end, forum floors with profile
  lines splitting the report, reprint notes glued to a paragraph's end, TOCs in two columns and
  separators glued to the report titles.

No form has the skeleton of a template of another set (``dev``, ``dev2``, ``dev3``, ``test``,
``test2``, and ``test3`` when it exists) and no string it injects fills one (``overlaps``: it
reports a clash by this set's string only, never another set's form). Forms avoid characters the
normalizer rewrites (ASCII punctuation next to Chinese, full-width Latin, traditional characters).

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

_SITES = (("文案侠", "wenanxia"), ("稿子铺", "gaozipu"), ("政文荟", "zhengwenhui"),
          ("笔耕园", "bigengyuan"), ("范本云", "fanbenyun"), ("材料驿站", "cailiaoyz"),
          ("写稿匠", "xiegaojiang"), ("公文百宝箱", "gwbbx"))
_ACCOUNTS = ("乡镇笔记本", "公文夜读", "基层写作课", "材料人之家", "笔墨机关", "文字匠工作室")
_DOC_SITES = ("云展文库", "书签文档网", "墨客文库", "知页文档", "方格文库", "闻道文库")
_FORUMS = ("乡镇干部论坛", "基层之家社区", "笔友会论坛", "公务员交流吧", "机关生活网论坛")
_NICKS = ("竹林听雨", "atlas_chen", "老笔头", "wangxm2021", "北窗闲坐", "乡音未改", "li_gongwen",
          "夜航船")
_PORTALS = ("taojiang", "jinyun", "fengjie", "youxi", "shicheng", "guanyun", "lixin", "xinjin")
_PROVINCE_NAMES = ("湖南", "浙江", "重庆", "福建", "江西", "江苏", "安徽", "河南", "四川")
_NAMES: tuple[str, ...] = (*(s for s, _ in _SITES), *(d for _, d in _SITES), *_ACCOUNTS, *_DOC_SITES,
                           *_FORUMS, *_NICKS, *_PORTALS)


def _add_values(page: _Page) -> None:
    """This set's own fields, drawn once per sample: one site, one account … per page."""
    rng = page.rng
    site, domain = rng.choice(_SITES)
    nick, nick2 = rng.sample(_NICKS, 2)
    page.values.update(site4=site, fdom4=domain, gzh4=rng.choice(_ACCOUNTS), wk4=rng.choice(_DOC_SITES),
                       bbs4=rng.choice(_FORUMS), nick4=nick, nick5=nick2, gdom4=rng.choice(_PORTALS),
                       provname=rng.choice(_PROVINCE_NAMES), wx4=f"{domain[:4]}{rng.randint(100, 9999)}")


# --------------------------------------------------------------------------------------------
# The forms, by family and by role within the family (the placement picks from the roles)

GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    # article meta lines (catalogue family 2)
    "meta-line": {"line": (
        "发稿时间：{date} {time}　稿件来源：{town}　阅读次数：{n}",
        "{town}人民政府　发布于：{date_cn}　浏览：{n}次",
        "时间：{date_slash}　作者：{town}政府办　点击率：{n}",
        "发布人：{person}　　发布时间：{date} {time}　　文章来源：{town}",
        "信息时间：{date}　信息来源：{town}人民政府　信息作者：{person}",
        "更新于 {date} {time} · {n} 次浏览",
        "投稿人：{nick4}　审核人：{person}　日期：{date}",
        "来源单位：{town}人民政府　上传日期：{date_dot}",
        "发布日期：{date_cn}　　【 大 中 小 】　　【 打印 】",
        "录入：{person}　责编：{person2}　发布：{date}",
        "阅读：{n}　时间：{date} {time}　来源：{gdom4}.gov.cn",
        "发表于{date_cn}　{town}人民政府网",
        "公开日期：{date}　　点击量：{n}　　来源：{town}政府",
        "{town}人民政府丨{date}丨{n}阅",
        "本文来源：{town}人民政府网站　　发布时间：{date} {time_s}",
        "首发时间：{date}　最近更新：{date2}",
        "作者｜{person}　来源｜{town}　编辑｜{person2}",
        "{date_cn}　来源：{town}党政办　浏览量：{n}　【字体：大　中　小】",
        "发布单位：{town}人民政府　发布日期：{date_short}　阅读人数：{n}",
        "时间：{date} {time}　　来源：{town}　　作者：管理员　　浏览：{n}次",
    )},
    # portal chrome (catalogue family 3): breadcrumbs, accessibility bars, toolbars, share rows
    "page-chrome": {
        "head": (
            "首页〉政务公开〉乡镇政务〉{town}",
            "您的位置：{county}人民政府〉乡镇政府〉{town}〉工作报告",
            "所在位置：首页 - 信息公开 - 政府工作报告",
            "当前页面：{town}人民政府 / 政务公开 / 正文",
            "【适老化】【无障碍】【读屏专用】",
            "长者专区　｜　读屏模式　｜　大字版",
            "无障碍阅读　放大　缩小　十字线　纯文本　读屏",
            "工具条：　声音　语速　放大　缩小　配色　大鼠标　十字线　读屏　重置　退出",
            "字体：特大　大　中　小",
            "{town}人民政府欢迎您！",
            "手机版　｜　微信　｜　微博　｜　今日头条",
            "请输入关键字　高级检索",
            "天气：{city}　晴　{k}℃",
            "{county}人民政府　{town}人民政府　{county}政务服务网",
            "导航：政务公开　　政务服务　　政民互动　　走进{town}",
            "繁　｜　简　｜　读屏　｜　English",
            "栏目导航：政府信息公开 › 计划总结",
        ),
        "tail": (
            "分享到：　微信好友　朋友圈　新浪微博　QQ",
            "转发　收藏　点赞　评论",
            "【字体：放大　正常　缩小】",
            "〔打印该页〕〔关闭该页〕",
            "【大字】【小字】【默认】",
            "A+　A　A-　打印",
            "分享至：微信　QQ　微博　钉钉",
            "手机扫码阅读本文",
            "扫描二维码，手机浏览本页",
            "打印｜关闭｜收藏｜返回顶部",
            "点击右上角，分享给朋友",
            "复制本页网址",
            "〔关闭〕",
            "返回首页　｜　返回上级",
            "阅读模式　｜　护眼模式　｜　夜间模式",
            "朗读全文　｜　停止朗读",
            "【发表评论】　【推荐给好友】",
            "阅读 {n}　　在看 {m}",
        ),
    },
    # page footers (catalogue families 3, 4)
    "page-footer": {"line": (
        "{county}人民政府办公室主办　{county}政务数据局承办",
        "网站标识码{site_code}　{prov}ICP备{icp}号-{k}　{prov}公网安备{gongan}号",
        "ICP备案序号：{prov}ICP备{icp}号",
        "版权所有：{town}人民政府　未经许可不得转载",
        "Copyright©{year} {gdom4}.gov.cn",
        "本站总浏览量：{n}人次",
        "上一则：{other}",
        "下一则：{other2}",
        "上一篇文章：{other}　｜　下一篇文章：{other2}",
        "责编：{person}　审核：{person2}",
        "（来源：{town}人民政府　编辑：{person}）",
        "初审：{person}　复审：{person2}　终审：{person3}",
        "稿件编辑：{person}",
        "联系地址：{county}{town}{k}号　联系电话：{phone}",
        "网站纠错　｜　隐私声明　｜　站点地图",
        "推荐使用谷歌、火狐、360极速模式浏览本站",
        "主办：{county}人民政府｜版权所有，违者必究",
        "党政机关　｜　政府网站找错　｜　适老化无障碍服务",
        "技术服务：{company}　运维电话：{phone}",
        "【责任编辑　{person}】",
    )},
    # disclosure blocks (catalogue family 1): layouts of other CMSs, none of the dev sets'
    "disclosure": {
        "markdown": (
            "| 索引号 | {index} | 发布机构 | {town}人民政府 |",
            "| --- | --- | --- | --- |",
            "| 成文日期 | {date} | 公开日期 | {date2} |",
            "| 组配分类 | 计划总结 | 文号 | 无 |",
        ),
        "spaced": (
            "索引号 {index}",
            "发布机构 {town}人民政府",
            "生成日期 {date}",
            "公开形式 主动公开",
            "信息类别 工作报告",
        ),
        "grid": (
            "索引号：{index}　　　　发布机构：{town}人民政府",
            "成文日期：{date_cn}　　　　发布日期：{date2}",
            "主题分类：综合政务　　　　公开范围：全社会",
        ),
        "lenticular": (
            "【发文机构】{town}人民政府",
            "【联合发文单位】无",
            "【成文日期】{date}",
            "【发布日期】{date2}",
            "【有效性】有效",
            "【索引号】{index}",
        ),
        "hunan": (
            "信息索引编码：{index}",
            "所属部门：{town}党政综合办",
            "公开类型：依职权主动公开",
            "成文时间：{date_cn}",
            "标题名称：{title}",
        ),
        "dots": (
            "● 公开目录：工作报告",
            "● 公开主体：{town}人民政府",
            "● 公开日期：{date}",
            "● 公开载体：政府网站",
        ),
        "api": (
            '{{"syh":"{index}","fbjg":"{town}人民政府","fbrq":"{date}"}}',
        ),
        "classify": (
            "主题分类：政府工作/工作报告　服务对象：公众　体裁分类：报告　发文字号：无",
            "信息索引号：{index}　　所属栏目：计划总结　　信息时效：长期",
        ),
        "stacked": (
            "索引号：",
            "{index}（{town}人民政府信息公开目录）",
            "公开主体单位：",
            "{town}人民政府（公章）",
        ),
    },
    # content-farm wrappers (catalogue family 5)
    "farm-ads": {
        "lead": (
            "【{site4}导读】本文是{site4}为您整理的{title}，欢迎参阅。",
            "以下是{site4}为大家分享的{title}，欢迎借鉴！",
            "{title}（通用{k}篇）",
            "推荐度：★★★★☆　　收藏：{m}　　下载：{n}",
        ),
        "ad": (
            "→ 更多范文，请到{site4}（{fdom4}.cn）",
            "加入{site4}VIP，海量范文免费下载",
            "写作需求请私信小编，微信号：{wx4}",
            "【广告】公文写作速成课，限时{k}9元",
            "本文转载自网络，仅供学习交流，如有侵权请联系删除。",
            "— 本文完 —",
            "【{site4}小贴士】收藏本站，下次找范文更方便",
            "相关范文：{other}",
            "♥ 觉得有用，点亮“在看” ♥",
            "对文章有疑问？欢迎在评论区留言",
            "长按识别二维码，加入材料写作交流群",
            "更多精彩内容，敬请关注{gzh4}微信公众号",
            "本站所有文章均来自网络，版权归原作者所有",
            "{site4}｜专注公文范文{k}年",
            "（本文共{n}字）",
            "赞赏　｜　在看　｜　分享",
            "〔广告位招租〕",
            "文章链接：{fdom4}.cn/{path}",
        ),
    },
    # paywalls, login walls, truncation notices (catalogue family 5)
    "paywall": {"notice": (
        "（未完待续，剩余{pct}%请登录{site4}阅读）",
        "══ 以下内容为付费内容 ══",
        "温馨提示：游客仅可浏览前{k}00字，登录后可查看全文",
        "【全文已隐藏，点击“阅读全文”展开】",
        "……（中间部分省略，完整版共{p}页）……",
        "…… 展开全文 ∨",
        "（登录{site4}账号，解锁全部{n}字）",
        "免费试读结束",
        "本文为{site4}付费文章，订阅后可阅读全部",
        "开通SVIP，畅读全站文章",
        "您的阅读权限不足，请升级会员等级",
        "扫码支付{k}元，立即阅读完整版",
        "剩余内容已加密，输入提取码后查看",
        "微信扫码登录后，自动展开全文",
        "—— 以下为会员内容 ——",
        "阅读全文需消耗{k}积分",
        "此处内容已被作者隐藏，评论后可见",
        "（篇幅所限，后文从略，全文请见附件下载）",
        "〔登录可见〕",
        "**** 隐藏内容：本帖内容需回复可见 ****",
        "剩余 {n} 字　｜　开通会员后继续阅读",
        "限时免费阅读，剩余{k}天",
        "（……原文较长，此处仅摘录部分……）",
        "本页仅展示前{q}页，查看全部请购买文档",
        "今日免费阅读次数已用完，明天再来吧",
        "您正在使用游客模式，只能查看部分内容",
        "完整版下载地址：{fdom4}.cn/d/{n}",
        "〔本文档需要{k}金币下载〕",
        "点击“继续阅读”查看剩余{n}字",
        "…（内容加载中）…",
        "关注“{gzh4}”，回复“{k}{m}”获取全文",
        "继续阅读 ∨",
        "阅读已结束，如果下载本文需要使用{k}下载券",
        "已显示{pct}%，剩余部分请登录查看",
        "本文仅展示部分内容，全文共{n}字，购买后可下载",
    )},
    # document-sharing pages (catalogue family 6): head, running headers, counters, tail
    "doc-share": {
        "head": (
            "{title}_{wk4}手机版",
            "文档格式：.doc　文档页数：{p}页　文档大小：{size}K",
            "由{nick4}上传于{date}",
            "下载积分：{k}　　浏览次数：{n}",
            "文档分类：行政公文 > 工作报告",
            "资源ID：{n}　提供者：{nick4}",
            "{wk4}首页 / 公文 / 报告",
            "VIP免费　{p}页　{n}阅读",
            "本文由{nick4}贡献",
            "doc文档可能在WAP端浏览体验不佳。建议您优先选择TXT，或下载源文件到本机查看。",
            "评分：{q}.{k}分　　{m}人评价",
        ),
        "running": (
            "{wk4}·精品文档　{title}",
            "{title}　{wk4}整理",
            "{fdom4}.cn　　文档编号{n}",
        ),
        "counter": (
            "第{k}页 / 总{p}页",
            "◀ {k}/{p} ▶",
            "PDF第{k}页（共{p}页）",
            "〔第{k}页〕",
            "文档第{k}页，已阅读{pct}%",
        ),
        "tail": (
            "把文档下载到手机，随时随地阅读",
            "尚有{p}页未展示，点击加载",
            "免费下载这篇文档",
            "立即下载（需{k}积分）",
            "下载本文档需要登录，并付出相应积分。如何获取积分？",
            "本文档为{wk4}用户上传，版权归原作者所有",
            "举报　｜　收藏　｜　分享到微信",
            "原格式下载　｜　TXT下载",
            "下载提示：本站不保证用户上传文档的完整性，不预览、不比对内容而直接下载产生的后果由用户承担。",
            "APP内打开　｜　阅读全文",
            "文档加载中……广告还剩{k}秒",
            "打开APP，阅读全文并永久保存",
            "页数说明：因为是网页转换，页数仅供参考",
            "当前文档最多预览{k}页，此文档共{p}页",
            "全屏阅读　｜　放大　｜　缩小",
            "{wk4}　版权申诉　｜　用户协议",
        ),
    },
    # related pages (portals and farms): headings, item styles, tag lines
    "related-lists": {
        "heading": (
            "相关阅读推荐",
            "猜你想看",
            "本类热门",
            "本站相关阅读：",
            "小编推荐",
            "网友还浏览了",
            "同类文章精选",
            "本栏目更多",
        ),
        "item": (
            "· {other}　{date_slash}",
            "{k}）{other}",
            "▶ {other}",
            "〔{date_md}〕{other}",
            "{other}…　{n}次阅读",
            "{other}（{town2}政务动态）",
            "Top{k}　{other}",
        ),
        "tags": (
            "标签：工作报告　{town}　{year}年",
            "本文关键词：政府工作报告，{town}",
            "相关搜索：{town}政府工作报告　乡镇工作报告范文",
            "热搜词：工作报告｜年终总结",
            "更多：{town}　范文　报告",
        ),
    },
    # CMS, editor and export residue (catalogue families 15, 16)
    "cms-tags": {
        "piece": (
            '<div class="page-break"></div>',
            "<!-- Generated by {site4} CMS -->",
            "<!--Page Separator-->",
            '<div style="page-break-after: always"><span style="display:none">&nbsp;</span></div>',
            '<hr class="ke-pagebreak" />',
            "<!--NoIndexStart-->",
            "<!--NoIndexEnd-->",
            "&#x3000;&#x3000;",
            "&nbsp;&nbsp;&nbsp;&nbsp;",
            "<u></u>",
            "{{$info.content}}",
            "<wbr>",
        ),
        # opening and closing tags wrapped around one paragraph (pairs: opener, closer)
        "pair": (
            "<!--startprint-->", "<!--endprint-->",
            '<article class="content">', "</article>",
            '<td class="bt_content">', "</td>",
            "<blockquote>", "</blockquote>",
            "<!--正文开始-->", "<!--正文结束-->",
            "<!--$[信息内容]>>开始-->", "<!--$[信息内容]<<结束-->",
            "<ucapcontent>", "</ucapcontent>",
        ),
    },
    # forum chrome (catalogue family 16): poster lines, floors, profile lines, quotes, edit notes
    "forum": {
        "head": (
            "楼主：{nick4}　　发表于：{date} {time}",
            "{nick4}　发表于 {date_short} {time}　｜　只看楼主　｜　倒序浏览",
            "人气：{n}　回帖：{m}",
            "原创首发：{title}",
            "{bbs4} » 公文写作 » {title}",
            "电梯直达　{k}#",
            "{nick4}（{provname}）　{k}小时前",
            "阅读模式　打印　上一主题　下一主题",
            "最后编辑于{date} {time}，共编辑{k}次",
            "贴吧　{town}吧　关注：{n}　贴子：{m}",
        ),
        "floor": (
            "{k}#　{nick4}　发表于 {date} {time}",
            "{k}楼·{nick4}",
            "沙发　{nick4}",
            "板凳　{nick4}",
            "回复 {k}楼 {nick5} 的帖子",
            "——楼主接上文——",
            "（续）第{k}部分",
        ),
        "profile": (
            "UID {n}　帖子 {m}　精华 {k}",
            "注册时间 {date}　最后登录 {date2}",
            "{nick4}　｜　{k}级会员　｜　发帖{m}",
            "在线时间 {m} 小时",
            "TA的每日心情　开心　{date} {time}",
            "签到天数：{m} 天",
            "头衔：资深版主",
        ),
        "quote": (
            "引用 {nick5} 的回复：求word版",
            "回复 {nick5}：资料已发邮箱，请查收",
            "原帖由 {nick5} 于 {date} {time} 发表",
            "此帖已被{nick5}编辑过",
            "（该帖于{date} {time}被管理员移动）",
            "该帖子已被管理员加入精华",
        ),
        "tail": (
            "分享　｜　收藏本帖　｜　只看楼主　｜　打赏楼主",
            "收藏{k}　分享　淘帖",
            "回复　使用道具　举报",
            "高级模式　B　Color　Image　Link　Quote　Code",
            "游客请先登录后再参与讨论　【登录】【注册】",
            "发表回复　回帖后跳转到最后一页",
            "版块规则｜发帖须知",
            "小黑屋｜手机版｜{bbs4}",
            "GMT+8, {date} {time}",
            "Powered by Discuz! X3.4",
            "↑回顶部　发表新帖　快捷回复",
            "发自我的华为手机",
            "本楼含有高级字体",
            "图片已压缩，点击查看原图",
        ),
    },
    # watermarks, reprint notes and jammers spliced into paragraphs (catalogue families 5, 17)
    "inline-watermark": {"piece": (
        "【{site4}·原创】",
        "（{site4}小编整理，转载请保留本链接）",
        "#{site4}整理#",
        "〔本文来自{site4}〕",
        "@{gzh4}出品",
        "〔{fdom4}.cn〕",
        "（原文地址：{fdom4}.cn/{path}）",
        "〘{site4}〙",
        "【{site4}提醒：转载需授权】",
        "（{site4}资料库收录）",
        "◇{fdom4}◇",
        "（关注公众号{gzh4}看更多）",
        "——本文转自{gzh4}",
        "（{nick4}整理于{date_cn}）",
        "☆本资料由{site4}收集☆",
        "∥{site4}∥",
        "（文档来源：{wk4}）",
        "{site4}首发",
        "▲转贴自{fdom4}.cn▲",
        "【稿子来源于{site4}】",
        "（手机访问：m.{fdom4}.cn）",
        "∣{site4}∣",
        "（版权声明：本文归{site4}所有）",
        "—{site4}制作—",
        "（{site4}会员专享资料）",
        "【{gzh4}·每日一文】",
        "（扫码关注{gzh4}）",
        "本资料来自{site4}，仅供学习",
        "（微信ID：{wx4}）",
        "▶{site4}◀",
        "（转载自{gzh4}，原标题：{other}）",
        "（本文转自{site4}，如有侵权请联系删除）",
        "{site4}（{fdom4}.cn）整理",
        "jammer:bracketed",
        "jammer:slashed",
        "jammer:hash-run",
        "jammer:tilde-domain",
        "jammer:url-query",
        "jammer:caret",
    )},
    # a compilation (catalogue 1, seed 000): title, TOC head, entries, separators, back links
    "compilation-toc": {
        "title": (
            "{year}年乡镇政府工作报告合辑（{n_bodies}篇）",
            "乡镇人民政府工作报告选编",
            "政府工作报告优秀范文{n_bodies}则",
            "镇（乡）政府工作报告汇编本",
            "最新乡镇政府工作报告范例（{n_bodies}份）",
        ),
        "head": (
            "本篇目录一览",
            "篇目导航",
            "报告目录",
            "目录（点击可跳转）",
            "目 次 Contents",
            "【篇章目录】",
        ),
        "entry": (
            "{i}）{body_title}",
            "第{i}篇：{body_town}政府工作报告……{page}",
            "▪ {body_title} 〔P{page}〕",
            "〔{page}〕{body_title}",
            "No.{i}　{body_town}政府工作报告",
            "{i}　{body_title}·········{page}",
            "{i_cn}、{body_town}年度报告　p.{page}",
        ),
        "sep": (
            "【第{i}篇】",
            "第{i_cn}篇：{body_town}人民政府",
            "☆ ☆ ☆",
            "◇◇◇◇◇◇◇◇",
            "▼ 范文{i_cn} ▼",
            "〔{i}/{n_bodies}〕",
            "范文{i}　{body_town}",
        ),
        "back": (
            "返回目录↑",
            "〔回目录〕",
            "本篇完，点击返回目录",
            "（第{i}篇完）",
            "＊ 第{i}篇正文完 ＊",
        ),
    },
}

FORMS: dict[str, tuple[str, ...]] = {
    family: tuple(form for group in groups.values() for form in group) for family, groups in GROUPS.items()}

# The families the rules are weakest on (session 4's blind results): most of this set's forms.
WEAK_FAMILIES: tuple[str, ...] = ("inline-watermark", "forum", "disclosure", "paywall", "doc-share",
                                  "page-chrome", "compilation-toc")

# Near misses: report sentences with the noise's words. They are content and must survive.
NEAR_MISSES: tuple[str, ...] = (
    "组织群众扫码参与满意度测评，收回有效问卷{n}份。",
    "在村务公开栏张贴政策二维码，村民扫描后即可收听政策解读。",
    "持续关注汛期地质灾害隐患点，落实监测责任人{k}名。",
    "把群众关注的饮水安全问题列为民生实事，新建供水站{k}座。",
    "依托“{town}发布”微信公众号推送惠民政策{n}条。",
    "建立网格员微信联络机制，矛盾纠纷平均化解时间缩短{k}天。",
    "摸清集体经济收入来源，制定一村一策增收方案。",
    "新增收入来源主要是光伏发电和标准厂房租金。",
    "为老年人提供免费复印打印服务{n}人次，方便办理社保认证。",
    "便民服务中心配置自助打印终端{k}台，群众可自助打印社保缴费证明。",
    "组织致富带头人分享创业经验，开展经验交流会{k}场。",
    "推进政务数据共享，实现{m}项证明材料免提交。",
    "邀请县融媒体中心开展直播推介，{town}茶叶线上销量增长{pct}%。",
    "利用直播带货销售农特产品{m}万元，带动{n}户农户增收。",
    "吸纳{m}户农户成为合作社会员，统一供种、统一销售。",
    "老年协会发展会员{n}名，开展文体活动{m}场次。",
    "引导企业通过政务服务平台下载电子营业执照。",
    "群众可在“{town}智慧党建”平台下载学习资料。",
    "开展全民阅读活动，新建农家书屋阅读点{k}个。",
    "建成城市书房{k}处，全年接待阅读群众{n}人次。",
    "全镇党员登录“学习强国”平台学习率达{pct}%。",
    "推广企业登录“一网通办”平台办理开办手续，平均用时{k}个工作日。",
    "编制《{town}公共服务事项目录》，梳理事项{m}项。",
    "完善村级档案目录，整理归档文书{n}件。",
    "建立重点项目索引台账，实行挂图作战。",
    "镇党委发布人才引进公告，引进专业人才{m}名。",
    "通过政务新媒体及时发布防汛预警信息{n}条。",
    "组建镇级宣传编辑团队，全年编辑印发工作简报{m}期。",
    "及时回复群众来信来访，办结率达{pct}%。",
    "对12345热线工单做到件件有回复、事事有着落。",
    "完成老旧小区{k}栋楼的外立面改造。",
    "新建安置楼{m}幢，安置拆迁户{n}户。",
    "加强版权保护，查处侵权盗版案件{k}起。",
    "开展“扫黄打非”进基层活动，清查出版物{n}册。",
    "深化“互联网+政务服务”，群众办事只需扫一扫。",
    "在田间地头竖立二维码标识牌，扫码即可了解地块种植信息。",
    "首次开展网络直播招聘会，{m}家企业提供岗位{n}个。",
    "建立特殊群体关爱台账，重点关注独居老人{n}人。",
    "全年转发分享正面宣传稿件{n}篇，营造良好舆论氛围。",
    "在镇政府网站公开征求意见，收到群众留言{m}条。",
    "设立意见箱和微信留言渠道，收集群众意见建议{n}条。",
    "畅通投诉渠道，公布举报电话和邮箱。",
    "落实主要负责人“第一责任人”职责，全年签发文件{m}件。",
    "举办“读书月”活动，开展亲子阅读活动{k}场。",
    "深入开展“我为群众办实事”活动，收集群众“微心愿”{n}个，在微信群公开认领。",
    "完成{k}个行政村光纤宽带和移动网络全覆盖，村民上网、登录政务平台更加便捷。",
    "加强对网络信息内容的监测，依法处置不实信息{k}条。",
    "村级财务每季度在公开栏和“村务微信群”同步公开。",
    "推行“扫码入企”制度，执法检查事前报备、事后评价。",
    "开展消防安全宣传，发放宣传资料{n}份，转发警示视频{m}条。",
    "全面推行电子证照，{k}类证照实现扫码亮证。",
    "推进数字乡村建设，建成村级电商服务站{k}个，开通网店{m}家。",
    "完善公共法律服务目录，为群众提供法律咨询{n}人次。",
    "修订完善镇机关公文处理、信息发布、值班等制度{k}项。",
    "制作{town}旅游宣传片，在短视频平台播放量超过{n}万次。",
    "推进楼宇经济发展，新增税收过千万元楼宇{k}栋。",
    "组织编辑出版《{town}志》，收录资料{n}万字。",
    "完成{k}处文物保护单位数字化建档，建立文物资源索引。",
    "试点推行“云上会员”养老服务模式，服务老年人{n}人次。",
    "开展“正版正货”承诺活动，{k}家企业签订版权保护承诺书。",
    "上线{town}便民服务微信小程序，群众登录后可在线预约办事。",
)


def form_count() -> int:
    """Distinct noise forms in the set (the jammer shapes count one each; a tag pair counts two).

    >>> form_count() >= 300
    True
    """
    return sum(len(forms) for forms in FORMS.values())


def weak_share() -> float:
    """The share of this set's forms in the weak families (``WEAK_FAMILIES``).

    >>> weak_share() >= 2 / 3
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
    """A meta line glued before the title, two collapsed to one line, or one above or under it."""
    lines = _pick(page, "meta-line", "line", 1, 2)
    title = dev._title_index(paragraphs)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.25:
        out[title] = lines.pop() + page.rng.choice(("　", " ")) + out[title]
    elif roll < 0.45 and len(lines) == 2:
        lines = [one_line(lines, page.rng)]
    at = page.rng.choice([title, title + 1, max(title + 1, dev._body_start(out) - 1)])
    return out[:at] + lines + out[at:]


@_own
def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """A bar above the title (sometimes a breadcrumb glued to it), a toolbar below the closing
    call (two columns or one line), sometimes a share row repeated at page breaks."""
    head = columns(_pick(page, "page-chrome", "head", 1, 3), page.rng)
    out = list(paragraphs)
    if page.rng.random() < 0.25:
        title = dev._title_index(out)
        out[title] = head.pop() + "　" + out[title]
        out = out[:title] + head + out[title:]
        head = []
    tail = _pick(page, "page-chrome", "tail", 1, 4)
    roll = page.rng.random()
    if roll < 0.25:
        tail = [one_line(tail, page.rng)]
    elif roll < 0.5:
        tail = columns(tail, page.rng)
    if page.rng.random() < 0.2:
        repeated = page.line("page-chrome", page.rng.choice(GROUPS["page-chrome"]["tail"]))
        out = at_breaks(out, repeated, page.rng.randint(2, 3), page.rng)
    return head + out + tail


@_own
def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Footer lines after the closing call: one glued to the last paragraph, two columns, or all
    on one line."""
    lines = _pick(page, "page-footer", "line", 2, 6)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.25:
        out[-1] += lines.pop(0)
    elif roll < 0.45:
        lines = [one_line(lines, page.rng)]
    else:
        lines = columns(lines, page.rng)
    return out + lines


_DISCLOSURE_LAYOUTS = tuple(GROUPS["disclosure"])


@_own
def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A disclosure block in one of nine layouts: at the top, under the title, before ``各位代表``
    or at the end of the page; sometimes collapsed to one line."""
    layout = page.rng.choice(_DISCLOSURE_LAYOUTS)
    rows = list(GROUPS["disclosure"][layout])
    if layout in ("spaced", "lenticular", "hunan", "dots"):
        keep = sorted(page.rng.sample(range(len(rows)), page.rng.randint(3, len(rows))))
        rows = [rows[i] for i in keep]
    block = [page.line("disclosure", row) for row in rows]
    if layout not in ("markdown", "stacked") and len(block) > 1 and page.rng.random() < 0.25:
        block = [one_line(block, page.rng)]
    title = dev._title_index(paragraphs)
    at = page.rng.choice([0, 0, title + 1, max(title + 1, dev._body_start(paragraphs) - 1),
                          len(paragraphs)])
    return paragraphs[:at] + block + paragraphs[at:]


@_own
def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in under the title or glued after it; ads between paragraphs, glued to a paragraph's
    end or inside one; sometimes an ad tail."""
    out = list(paragraphs)
    title = dev._title_index(out)
    lead = page.line("farm-ads", page.rng.choice(GROUPS["farm-ads"]["lead"]))
    if page.rng.random() < 0.3:
        out[title] += "　" + lead
    else:
        out.insert(title + 1, lead)
    ads = _pick(page, "farm-ads", "ad", 1, 3)
    roll = page.rng.random()
    if roll < 0.4:
        out = dev._between(out, ads, page.rng)
    elif roll < 0.75:
        out = glue_end(out, ads, page.rng)
    else:
        out = dev._inside(out, ads, page.rng, mid_sentence=0.3, break_after=0.3)
    if page.rng.random() < 0.5:
        out += _pick(page, "farm-ads", "ad", 1, 2)
    return out


@_own
def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A notice on its own line, glued to a paragraph's end, or inside a sentence; sometimes the
    same notice again at the end of the page."""
    pieces = _pick(page, "paywall", "notice", 1, 2)
    roll = page.rng.random()
    if roll < 0.3:
        out = dev._between(paragraphs, pieces, page.rng)
    elif roll < 0.6:
        out = glue_end(paragraphs, pieces, page.rng)
    else:
        out = dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.7, break_after=0.4)
    if page.rng.random() < 0.2:
        out = [*out, page.line("paywall", page.rng.choice(GROUPS["paywall"]["notice"]))]
    return out


@_own
def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """Head lines; at each page break a running header, a page counter, or both (the counter
    sometimes glued to the end of the page's last paragraph); a download tail."""
    groups = GROUPS["doc-share"]
    head = columns(_pick(page, "doc-share", "head", 1, 3), page.rng)
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
    out = (glue_end if page.rng.random() < 0.35 else dev._between)(out, counters, page.rng)
    tail = _pick(page, "doc-share", "tail", 1, 3)
    return head + out + tail


@_own
def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 items after the closing call or between paragraphs; items sometimes two
    to a line, or the whole list on one line."""
    groups = GROUPS["related-lists"]
    heading = page.line("related-lists", page.rng.choice(groups["heading"]))
    style = page.rng.choice(groups["item"])
    items: list[str] = []
    seen: set[str] = set()
    for number in range(1, page.rng.randint(3, 6) + 1):
        for _ in range(10):  # a list does not repeat a title
            for key in ("other", "town2", "date", "date_md", "date_slash", "n"):
                page.values.pop(key, None)
            if fill("{other}", page.values) not in seen:
                break
        seen.add(page.values["other"])
        page.values["k"] = str(number)
        items.append(page.line("related-lists", style))
    roll = page.rng.random()
    if roll < 0.2:
        items = ["　　".join(items[i:i + 2]) for i in range(0, len(items), 2)]
    elif roll < 0.3:
        items = [one_line(items, page.rng)]
    block = [heading, *items, *_pick(page, "related-lists", "tags", 0, 1)]
    if page.rng.random() < 0.3:
        out = list(paragraphs)
        at = page.rng.randint(dev._body_start(out) + 1, max(dev._body_start(out) + 1, len(out) - 2))
        return out[:at] + block + out[at:]
    return paragraphs + block


@_own
def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Residue inside paragraphs; an opening and closing tag around a whole paragraph."""
    pieces = _pick(page, "cms-tags", "piece", 0, 2)
    out = dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.5, break_after=0.4)
    pairs = GROUPS["cms-tags"]["pair"]
    if not pieces or page.rng.random() < 0.6:
        opener = page.rng.randrange(0, len(pairs), 2)
        index = page.rng.randint(dev._body_start(out), len(out) - 1)
        out[index] = (page.line("cms-tags", pairs[opener]) + out[index]
                      + page.line("cms-tags", pairs[opener + 1]))
    return out


_SEATS = ("沙发　{nick4}", "板凳　{nick4}")


@_own
def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """Poster lines above; the report split over floors (a floor line, a profile line, sometimes
    glued to the next paragraph); quote chrome or an edit note between; post chrome below."""
    groups = GROUPS["forum"]
    head = _pick(page, "forum", "head", 1, 3)
    out = list(paragraphs)
    if page.rng.random() < 0.3:
        out = glue_start(out, [page.line("forum", page.rng.choice(groups["quote"]))], page.rng)
    if page.rng.random() < 0.6:
        floor_style = page.rng.choice(groups["floor"])
        breaks: list[str] = []
        for number in range(page.rng.randint(1, 2)):
            page.values["k"] = str(number + 2)
            if floor_style in _SEATS:  # the poster takes the sofa (floor 2), then the bench (3)
                floor_style = _SEATS[number]
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
    return head + out + columns(tail, page.rng)


_ASCII = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz"


def _token(rng: random.Random, low: int = 2, high: int = 2) -> str:
    return "".join(rng.choice(_ASCII) for _ in range(rng.randint(low, high)))


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape the other development sets do not use.

    >>> sorted({len(_jammer(random.Random(5), s)) > 5 for s in (
    ...     "jammer:bracketed", "jammer:slashed", "jammer:hash-run", "jammer:tilde-domain",
    ...     "jammer:url-query", "jammer:caret")})
    [True]
    """
    count = rng.randint(3, 5)
    if shape == "jammer:bracketed":  # ``[x7][Qm][2k]``
        return "".join(f"[{_token(rng)}]" for _ in range(count))
    if shape == "jammer:slashed":  # ``w7/Q2/k9/Mx``
        return "/".join(_token(rng) for _ in range(count + 1))
    if shape == "jammer:hash-run":  # ``#a9#K2#pp#``
        return "#" + "#".join(_token(rng) for _ in range(count)) + "#"
    if shape == "jammer:tilde-domain":  # ``~gaozipu~3k~`` : a site's domain between tildes
        return f"~{rng.choice(_SITES)[1]}~{_token(rng, 1, 3)}~"
    if shape == "jammer:url-query":  # ``?from=gaozipu&uid=3841`` : a tracking query left in the text
        return f"?from={rng.choice(_SITES)[1]}&uid={rng.randint(100, 99999)}"
    return "^" + "^".join(_token(rng, 1, 2) for _ in range(count)) + "^"  # ``jammer:caret``: ``^K^7p^x^``


@_own
def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Watermarks and jammers spliced into sentences; sometimes a reprint note glued to the title's
    end, or one watermark repeated at the end of several paragraphs (one per printed page)."""
    pieces = GROUPS["inline-watermark"]["piece"]
    out = dev.splice_watermarks(paragraphs, page, pieces, _jammer)
    plain = [t for t in pieces if not t.startswith("jammer")]
    roll = page.rng.random()
    if roll < 0.2:
        title = dev._title_index(out)
        out[title] += page.line("inline-watermark", page.rng.choice(plain))
    elif roll < 0.45:
        mark = page.line("inline-watermark", page.rng.choice(plain))
        for _ in range(page.rng.randint(2, 3)):
            out = glue_end(out, [mark], page.rng)
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
    """2–4 reports behind a title and a table of contents (sometimes two entries to a line),
    separators before the reports (sometimes glued to their titles), back links after them."""
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
    if rng.random() < 0.3:
        entries = ["　　　".join(entries[i:i + 2]) for i in range(0, len(entries), 2)]
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
    """The dev4 sample of ``family`` for ``seed``: deterministic, and seeded apart from the other sets."""
    return dev.make_sample(family, seed, label="heldout-dev4", family_functions=FAMILY_FUNCTIONS,
                           near_misses=NEAR_MISSES, append_rate=0.55, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the other sets (read through code only: the blind sets' forms are never shown)

OTHER_SETS: tuple[str, ...] = ("dev", "dev2", "dev3", "test", "test2", "test3")


def other_sets() -> dict[str, ModuleType]:
    """The other held-out sets that exist, by name (``test3`` may not exist yet)."""
    return overlap.existing_sets(OTHER_SETS)


# This set's names, each mapped to a name of the same kind in ``bench/heldout.py``: a string is
# also checked with its names swapped, so that a dev template re-filled with a new site name is
# still caught ("{site}整理" with 文案侠 is "第一范文网整理" with another name).
_SWAPS: tuple[tuple[str, str], ...] = tuple(sorted(
    [*((name, dev._FARM_SITES[0][0]) for name, _ in _SITES),
     *((domain, dev._FARM_SITES[0][1]) for _, domain in _SITES),
     *((name, dev._WECHAT[0]) for name in _ACCOUNTS), *((name, dev._DOC_SITES[0]) for name in _DOC_SITES),
     *((name, dev._FARM_SITES[0][0]) for name in _FORUMS),
     *((name, dev._NICKS[0]) for name in _NICKS), *((name, dev._GOV_DOMAINS[0]) for name in _PORTALS)],
    key=lambda pair: -len(pair[0])))


def swap_names(text: str) -> str:
    """``text`` with this set's names replaced by dev names of the same kind.

    >>> swap_names("本文首发于文案侠")
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
