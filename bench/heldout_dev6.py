"""The sixth development set: boilerplate forms written fresh in session 9, four fifths and more of
them in the families the rule packs are weakest on, to estimate how the rules do on forms nobody
tuned on.

Written by a helper who read no rule file, no engine code and no blind test set, and who never ran
the cleaner on these forms while writing them (no form was chosen, dropped or edited for whether it
is caught), from the noise catalogue's families, the five raw seeds and what county portals of
other provinces, content farms, document-sharing sites, Discuz and PHPWind forums and WeChat-article
mirrors leave in scraped text. Same twelve families, records (``Heldout``, ``_Page``, ``fill``),
placement machinery (``bench/placement.py``) and scoring as ``bench/heldout.py`` …
``bench/heldout_dev5.py``, but other noise:

* other sites, accounts, document sites, forums, nicknames and portal domains (``_SITES`` … below:
  none of them is a name of the other sets, ``tests/test_heldout_dev6.py`` checks it);
* inline watermarks in brackets of every kind, reprint notes, mirror marks and jammers of new shapes
  spliced into sentences, glued to the title, to a paragraph's start or end, or repeated once per
  printed page; paywalls and truncation notices; document-sharing bars (download, preview, pages,
  score, format); forum chrome (floors, profiles, signatures, quote, edit and move notes, reply
  boxes); related lists under many headings (bullets, dates, view counts, collapsed on one line);
  disclosure blocks of other CMSs (tables, spaced labels, English keys, label over value); TOCs
  (numbered entries, dotted leaders, page numbers, collapsed); page chrome (toolbars, breadcrumbs,
  accessibility and elder-care bars, pagers); meta lines;
* placements: own lines, glued to a paragraph's start or end, at page breaks, collapsed on one
  line, in columns, glued to the title (before or after it).

No form has the skeleton of a template of another set (``dev`` … ``dev5``, ``test``, ``test2``,
``test3``) and no string it injects fills one (``overlaps``: it reports a clash by this set's string
only, never another set's form). Forms avoid characters the normalizer rewrites (ASCII punctuation
next to Chinese, full-width Latin letters and digits, full-width ASCII punctuation such as ``＝`` or
``－``, traditional characters).

>>> sample = make_heldout("doc-share", 2)
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

_SITES = (("砚田范文苑", "yantianfwy"), ("案牍集萃网", "andujicui"), ("文枢范文站", "wenshufw"),
          ("书吏文库网", "shuliwk"), ("墨耕公文网", "mogenggw"), ("简牍范文馆", "jiandufwg"),
          ("笔架山文苑", "bijiashanwy"), ("公牍云集", "gongduyunji"))
_ACCOUNTS = ("砚边公文札记", "基层笔耕坊", "公文灯下读", "机关笔记本君", "镇村材料局", "写材料的老周")
_DOC_SITES = ("积页文库", "典藏文档网", "页集文库", "青简文档", "书山文档库", "万卷文档站")
_FORUMS = ("乡镇干部之家论坛", "公考与公文社区", "基层治理交流吧", "文秘沙龙论坛", "乡村振兴干部论坛")
_NICKS = ("竹影清风", "pine_wu77", "老镇长的笔记", "xuhang_2020", "东篱采菊人", "孤舟蓑笠", "gov_lilei",
          "北窗听雨")
_PORTALS = ("lueyang", "jingyuanxian", "gongcheng", "binchuan", "fupingxian", "juyexian", "huiningxian",
            "longshengxian")
_COUNTIES6 = ("略阳县", "靖远县", "恭城瑶族自治县", "宾川县", "阜平县", "巨野县", "会宁县", "龙胜各族自治县")
_PROVINCE_NAMES = ("陕西省", "甘肃省", "广西壮族自治区", "云南省", "河北省", "山东省")
_NAMES: tuple[str, ...] = (*(s for s, _ in _SITES), *(d for _, d in _SITES), *_ACCOUNTS, *_DOC_SITES,
                           *_FORUMS, *_NICKS, *_PORTALS)


def _add_values(page: _Page) -> None:
    """This set's own fields, drawn once per sample: one site, one account … per page."""
    rng = page.rng
    site, domain = rng.choice(_SITES)
    nick, nick2 = rng.sample(_NICKS, 2)
    county = rng.randrange(len(_COUNTIES6))  # a county's portal domain goes with its name
    page.values.update(site6=site, fdom6=domain, gzh6=rng.choice(_ACCOUNTS), wk6=rng.choice(_DOC_SITES),
                       bbs6=rng.choice(_FORUMS), nick8=nick, nick9=nick2, gdom6=_PORTALS[county],
                       county6=_COUNTIES6[county], provname6=rng.choice(_PROVINCE_NAMES),
                       uid6=str(rng.randint(10**5, 10**7)), tid6=str(rng.randint(10**4, 10**6)))


# --------------------------------------------------------------------------------------------
# The forms, by family and by role within the family (the placement picks from the roles)

GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    # article meta lines (catalogue family 2)
    "meta-line": {"line": (
        "时间：{date}　作者：{town}党政办　来源：{county6}人民政府网　点击量：{n}",
        "【发布日期：{date_cn}】【信息来源：{town}】【浏览：{n}】",
        "{town}　丨　{date} {time}　丨　阅读 {n}",
        "文稿来源：{town}人民政府　发稿时间：{date_slash}　热度：{n}",
        "审稿人：{person}　发稿人：{person2}　发稿日期：{date}",
        "来源单位 {town}人民政府　发布时间 {date} {time}　浏览次数 {n} 次",
        "发布：{county6}{town}　｜　时间：{date_dot}　｜　已读：{n}",
        "供稿单位：{town}政府办　　供稿人：{person}　　{date_cn}",
        "{date_cn} {time}　来源：{county6}融媒　编辑：{person}　阅读{n}",
        "信息日期：{date}　信息提供：{town}人民政府　信息撰写：{person}",
        "〔{date}〕〔{town}人民政府〕〔阅读量{n}〕",
        "撰写：{person}　发布：{town}政务公开办　日期：{date_short}",
        "来源：{gdom6}.gov.cn　发布时间：{date}　字体：大 中 小　打印",
        "{town}人民政府　发表于{date}　{n}次阅读",
        "报送单位：{town}　报送时间：{date} {time}　采用栏目：乡镇动态",
        "阅{n}　｜　{date}　｜　{town}人民政府",
        "作者 {person}　来源 {town}　时间 {date_slash}　点击 {n}",
        "【时间】{date}　【来源】{town}　【作者】{person}",
        "原文发布于{date_cn}　{county6}人民政府网站",
        "最后更新：{date} {time_s}　浏览人次：{n}",
        "{date}　来源：{county6}人民政府　访问 {n} 次　分享到",
        "发布人：{town}信息员　审核人：{person}　{date}",
    )},
    # portal chrome (catalogue family 3): breadcrumbs, accessibility and elder-care bars, toolbars, pagers
    "page-chrome": {
        "head": (
            "当前页面：首页 › 政府信息公开 › 工作报告",
            "所在位置 ▸ {county6}人民政府 ▸ 乡镇之窗 ▸ {town}",
            "首页 → 政务公开 → 政府工作报告 → 详情",
            "网站首页丨政务公开丨乡镇动态丨正文",
            "您的位置：{county6}政府网 · 镇街频道 · {town} · 报告",
            "无障碍阅读　｜　老年模式　｜　大字幕",
            "【长者版】【读屏】【放大镜】【纯文本】",
            "关怀模式　大鼠标　十字线　声音　重置",
            "开启无障碍　退出长者模式",
            "移动端　｜　微信公众号　｜　政务微博　｜　头条号",
            "{county6}人民政府　欢迎您！　今天是{date_cn}",
            "{provname6}人民政府　｜　{county6}人民政府",
            "搜本站　搜全省　请输入检索词",
            "用户登录　｜　免费注册　｜　退出",
            "政务公开　办事服务　互动交流　数据发布",
            "English　｜　手机版　｜　无障碍",
            "天气：晴　{k}℃～{m}℃　空气质量：良",
            "专题专栏　｜　领导信息　｜　机构设置",
            "{gdom6}.gov.cn　{county6}人民政府门户",
        ),
        "tail": (
            "【打印】　【关闭】　【返回】",
            "打印　丨　收藏　丨　关闭",
            "分享至：微信　QQ好友　新浪微博",
            "扫码在手机上阅读本页",
            "微信扫一扫　分享给好友",
            "【A+】【A】【A-】",
            "【字体：放大　默认　缩小】",
            "保存到桌面　｜　打印正文　｜　关闭本页",
            "文章纠错　｜　打印文章　｜　关闭窗口",
            "← 返回上一页",
            "回到页首 ↑",
            "第1页　第2页　下一页　尾页",
            "共{k}页　当前第1页　跳转",
            "首页　上一页　1　2　3　下一页　末页",
            "阅读全文　收起",
            "本文已被浏览{n}次",
            "点击朗读　停止朗读",
            "【我要评论】【我要收藏】",
            "本页二维码（手机扫描）",
            "附件下载：无",
            "【相关附件】",
        ),
    },
    # page footers (catalogue families 3, 4)
    "page-footer": {"line": (
        "{county6}人民政府办公室主办　{town}人民政府承办",
        "网站识别码：{site_code}　{prov}ICP备{icp}号-{k}",
        "{prov}公网安备{gongan}号　｜　网站地图",
        "{county6}人民政府主站　{gdom6}.gov.cn　©{year}",
        "版权所有　{county6}人民政府　未经授权不得复制",
        "网站维护：{county6}数据资源管理局",
        "纠错电话：{phone}　邮箱：{gdom6}@163.com",
        "办公地址：{county6}{town}政府街{k}号",
        "上一个：{other}",
        "下一个：{other2}",
        "上一篇文章：{other}　　下一篇文章：{other2}",
        "（责编：{person}　终审：{person2}）",
        "【编审：{person}】",
        "采写：{person}　初审：{person2}　终审：{person3}",
        "累计访问量：{n}　今日访问：{m}",
        "推荐使用谷歌浏览器或360极速模式访问本站",
        "网站声明　丨　隐私保护　丨　联系我们",
        "{county6}人民政府　主办　｜　技术支持：{company}",
        "本站已支持IPv6访问",
        "扫码关注“{county6}发布”政务微信",
    )},
    # disclosure blocks (catalogue family 1): tables, spaced labels, English keys, label over value
    "disclosure": {
        "spaced": (
            "索 引 编 号：{index}",
            "发 布 机 构：{town}人民政府",
            "形 成 时 间：{date_cn}",
            "公 开 类 型：主动公开",
            "主 题 分 类：工作报告",
            "发 文 字 号：{docno}",
        ),
        "table": (
            "｜索引号｜{index}｜",
            "｜发文单位｜{town}人民政府｜",
            "｜成文时间｜{date}｜",
            "｜公开属性｜主动公开｜",
            "｜文件标题｜{title}｜",
        ),
        "english": (
            "Index No：{index}",
            "Publisher：{town}人民政府",
            "Issue Date：{date}",
            "Category：工作报告",
            "Status：有效",
        ),
        "over": (
            "索引号码",
            "{index}（索引）",
            "信息发布机关",
            "{town}人民政府（党政办）",
            "信息形成时间",
            "{date_cn}印发",
            "公开类别",
            "主动公开（全文）",
        ),
        "pairs": (
            "索取号：{index}　　　体裁：报告",
            "公开主体：{town}人民政府　　　公开日期：{date}",
            "信息类别：政府工作报告　　　有效状态：现行有效",
        ),
        "squared": (
            "［索引号］{index}",
            "［发布机关］{town}人民政府",
            "［成文日期］{date}",
            "［主题词］报告　政府",
        ),
        "dotted": (
            "索引号·{index}",
            "发布机构·{town}人民政府",
            "发布日期·{date_dot}",
        ),
        "prose": (
            "本信息由{town}人民政府于{date_cn}主动公开，索引号{index}。",
        ),
        "header": (
            "政府信息公开　｜　法定主动公开内容　｜　工作报告",
            "信息名称：{title}　　信息索引：{index}　　生产日期：{date}",
        ),
        "gansu": (
            "标识码：{index}",
            "生成单位：{town}人民政府",
            "发文日期：{date_slash}",
            "公开范围：社会公众",
            "信息时效：长期",
        ),
    },
    # content-farm wrappers and WeChat-mirror chrome (catalogue family 5)
    "farm-ads": {
        "lead": (
            "{site6}小编为您整理了{title}，欢迎借鉴参考。",
            "以下{title}由{site6}会员分享，供大家学习参考。",
            "{title}（通用{k}篇）——{site6}",
            "摘要：本文是一篇关于{title}的范文，全文{n}字。",
            "原创　{gzh6}　{date}　{county6}",
            "{gzh6}　{date_cn} {time} 发表于{provname6}",
            "点击上方蓝字“{gzh6}”，设为星标，第一时间获取范文",
            "{site6}范文频道　›　工作报告　›　乡镇",
        ),
        "ad": (
            "本文由{site6}整理发布，如需转载请保留链接",
            "【{site6}】年终总结、述职报告、政府工作报告一站下载",
            "加入{site6}材料交流群，群号{qq}",
            "需要Word原稿的请私信小编",
            "为您推荐：{other}",
            "猜你喜欢：{other}",
            "赞赏　｜　在看　｜　转发",
            "预览时链接与标签均不可点击",
            "微信扫一扫　可关注本号",
            "阅读原文　阅读 {n}　在看 {m}",
            "（完）",
            "— THE END —",
            "往期精彩｜{other}",
            "长按识别二维码，关注{gzh6}",
            "{site6}提醒您：范文仅供参考，请结合实际修改",
            "觉得有用就转发给身边的笔杆子吧",
            "本站所有资料均来自网络，版权归原作者所有",
            "更多精彩尽在{site6}　www.{fdom6}.cn",
            "写作咨询热线：{phone}（{site6}）",
            "{site6}编辑部　{date}",
            "【广告】公文写作训练营第{k}期火热招生中",
            "VIP会员享全站{k}万篇范文免费下载",
            "本文已收入专辑《乡镇公文》，专辑共{m}篇",
            "微信扫一扫使用小程序",
            "轻点两下取消赞　在看，轻点两下取消在看",
            "分享　留言　收藏　听过",
            "继续滑动看下一个　轻触阅读原文",
        ),
    },
    # paywalls, login walls, truncation notices (catalogue family 5)
    "paywall": {"notice": (
        "（以上为部分内容，全文请登录{site6}）",
        "付费阅读区　◆◆◆",
        "本篇剩余{pct}%内容，成为会员后阅读",
        "⋯⋯内容过长，仅展示前{n}字⋯⋯",
        "【付费】解锁全文需{k}元",
        "登录{site6}可继续阅读剩余{n}字",
        "剩余内容请扫码付费后查看",
        "（全文完整版请在{site6}下载）",
        "非会员仅可阅读部分，开通会员看全文",
        "（余下部分已隐藏，充值即可阅读）",
        "本文设置了阅读权限，请先登录",
        "此处内容已隐藏，评论后刷新可见",
        "（篇幅所限，后文从略，需要全文请留言）",
        "点击阅读剩余全文（共{n}字）",
        "剩余{p}段未显示，请登录后查看全部",
        "下载券不足，无法查看完整内容",
        "购买本文　{k}元",
        "全文阅读请移步{gzh6}",
        "登录查看完整内容 ›",
        "继续阅读需消耗{k}个书币",
        "【VIP专享】剩余内容仅对会员开放",
        "免费试读部分结束，感谢您的阅读",
        "（正文未完，请翻页）",
        "温馨提示：当前为节选内容",
        "解锁全文　｜　开通会员　｜　单篇购买",
        "已隐藏{n}字，点击展开",
        "付费内容分割线　以下需购买",
        "（想看全文？关注{gzh6}后回复关键词）",
        "试读已结束，下载完整版请支付{k}元",
        "本段内容仅限付费用户阅读",
        "当前仅显示第1页，全部{p}页请下载",
        "余文加载失败，点击重试",
    )},
    # document-sharing pages (catalogue family 6): head, running headers, counters, tail
    "doc-share": {
        "head": (
            "DOCX　{title}",
            "{title}　-　{wk6}在线阅读",
            "文档格式：DOC　文档页数：{p}页　文档大小：{size}K",
            "上传人：{nick8}　｜　上传日期：{date}　｜　浏览：{n}",
            "下载积分：{k}分　　下载次数：{n}",
            "文档评分：★★★★☆（{q}.{k}分）",
            "资料分类：党政司法 › 政府工作报告",
            "{wk6}　›　实用文档　›　报告",
            "本文档共{p}页，可免费预览{k}页",
            "文档简介：{town}政府工作报告全文",
            "VIP免费　｜　{k}下载券",
            "贡献者等级：文库达人Lv{k}",
            "认证：{wk6}原创力认证",
        ),
        "running": (
            "{title}_P{k}",
            "{wk6}在线预览第{k}屏",
            "{wk6}　用户分享文档　仅供学习",
            "精品文档　值得下载",
        ),
        "counter": (
            "本文第 {k} 页　全 {p} 页",
            "‹ {k} ›",
            "{k}　of　{p}",
            "~ {k} ~",
            "页码：{k}",
            "p. {k} / {p}",
        ),
        "tail": (
            "点击下载完整版文档（docx格式）",
            "立即下载　　加入收藏　　举报",
            "免费下载　｜　在线预览　｜　打印",
            "将文档下载到本地，离线也能查看",
            "尚有{p}页未展示，点击加载更多",
            "下载所需积分：{k}　您当前积分：0",
            "本文档为{wk6}用户上传，版权归原作者",
            "下载后可任意编辑修改",
            "文档质量：优　｜　下载后评价",
            "相似文档：{other}",
            "该文档已被{n}人下载",
            "资料提供者：{nick8}　｜　文档ID {n}",
            "如要投诉违规内容，请到{wk6}投诉中心",
            "上传我的文档　赚取收益",
            "格式：docx　｜　页数：{p}　｜　预览结束",
            "在线阅读已结束，下载原文档继续",
        ),
    },
    # related pages (portals and farms): headings, item styles, tag lines
    "related-lists": {
        "heading": (
            "延展阅读推荐",
            "其他人还看了",
            "该栏目最新发布",
            "与本文相关的文章",
            "猜您喜欢",
            "近期热文",
            "同类范文推荐：",
            "相关政策文件",
            "点击排行榜",
            "【相关文章】",
            "更多相关内容 ›",
            "浏览本文的用户还浏览了：",
        ),
        "item": (
            "• {other}　{date_md}",
            "▫ {other}",
            "〈{k}〉{other}",
            "{other}（{date}发布）",
            "{other}　阅读（{n}）",
            "{other}　〈{date_slash}〉",
            "▶ {other}（{town2}）",
            "{other}　浏览：{n}",
            "№{k}　{other}",
            "{other}　发布于{date_cn}",
        ),
        "tags": (
            "标签：政府工作报告　{town}　{year}",
            "本文关键词：乡镇　工作报告",
            "所属栏目：{town}政务",
            "话题：#{town}#　#政府工作报告#",
            "分类：工作报告　｜　热度：{n}",
            "相关搜索：{county6}政府工作报告",
        ),
    },
    # CMS, editor and export residue (catalogue families 15, 16)
    "cms-tags": {
        "piece": (
            "<!--{fdom6} article-->",
            '<div class="Custom_UnionStyle">',
            "</span></div>",
            '<font face="FangSong_GB2312">',
            "</font></p>",
            "&#8194;&#8194;",
            "&zwnj;",
            "<!--cms:pagebreak-->",
            '<hr class="ke-pagebreak-x">',
            "<!--翻页-->",
            "{{pe:pagebreak}}",
            "<o:p>&#160;</o:p>",
        ),
        "pair": (
            "<!--正文内容begin-->", "<!--正文内容end-->",
            "<!--begin body-->", "<!--end body-->",
            "<!--TRS_CONTENT-->", "<!--/TRS_CONTENT-->",
            '<div id="zoomcon">', "</div><!--zoomcon-->",
        ),
    },
    # forum chrome (catalogue family 16): poster lines, floors, profile lines, quotes, edit notes
    "forum": {
        "head": (
            "{bbs6} › 公文写作 › 工作报告交流",
            "楼主：{nick8}　发表时间：{date} {time}",
            "{nick8} 发表于 {date_short} {time}　｜　显示全部楼层",
            "阅读：{n}　回复：{m}　　只看楼主",
            "【精华】{title}（全文）",
            "标题：{title}　　［复制本帖地址］",
            "UID {uid6}　帖子 {m}　积分 {n}",
            "楼层直达　第{k}层",
            "倒序浏览　｜　阅读模式",
            "{nick8}　〔{provname6}〕　{date}",
            "tid={tid6}　{bbs6}",
        ),
        "floor": (
            "{k}#　{nick8}　｜　{date} {time} 来自网页版",
            "{nick9}　抢到沙发",
            "{nick9}　坐板凳",
            "地板　{nick9}",
            "第{k}层　楼主　{date}",
            "{nick8}（楼主）　续：",
            "回复 {nick9} 的第{k}楼",
            "（未完待续，见下楼）",
        ),
        "profile": (
            "金币 {n}　贡献 {m}　在线时间 {k} 小时",
            "加入于 {date}　活跃于 {date2}",
            "用户组：中级会员",
            "{nick8}　发消息　加好友",
            "威望 {k}　金钱 {n}　阅读权限 {m}",
            "勋章：优秀版主",
            "签名：笔耕不辍，厚积薄发",
            "签名：基层工作，以实为本",
        ),
        "quote": (
            "{nick9} 发表于 {date} {time}　求原文档，谢谢楼主",
            "引用 {nick9} 的回复：顶一个",
            "该帖由 {nick8} 在 {date} {time} 修改过",
            "该帖已被 {nick9} 移至 材料下载区",
            "本帖被管理员设置为精华帖",
            "提示：该帖被管理员屏蔽",
            "附件：{title}.doc（{size} KB，下载次数：{m}）",
            "{nick9}：收藏了，谢谢分享",
        ),
        "tail": (
            "回复　｜　引用　｜　举报　｜　只看该作者",
            "支持（{k}）　反对（0）",
            "提交回复　　发帖后回到本页",
            "高级模式　｜　B　Color　Image　Link",
            "您需要登录后才可以回帖　登录　丨　立即注册",
            "返回列表　｜　发新帖",
            "评分　｜　收藏　｜　分享　｜　淘帖",
            "Powered by Discuz! X3.5 Licensed",
            "Archiver　｜　手机版　｜　小黑屋",
            "来自安卓客户端",
            "{date} {time} GMT+8　Processed in 0.0{k} second(s)",
            "快捷回复　｜　回到顶端　｜　帖子列表",
            "本版块积分规则说明",
            "{bbs6}（{gdom6}bbs.com）",
        ),
    },
    # watermarks, reprint notes, mirror marks and jammers spliced into paragraphs (families 5, 17)
    "inline-watermark": {"piece": (
        "〔{site6}·范文〕",
        "【{site6}整理】",
        "（{site6}收集）",
        "《{site6}》原创",
        "「{site6}」",
        "［{site6}版权所有］",
        "〘文库〙{site6}",
        "（转载自{site6}）",
        "（首发平台：微信公众号“{gzh6}”）",
        "（来源　{gzh6}）",
        "（摘编自{site6}）",
        "（节选自{site6}范文库第{k}辑）",
        "范文由{site6}提供",
        "【本文转自{site6}】",
        "（{fdom6}.cn）",
        "【www.{fdom6}.cn】",
        "（原文：www.{fdom6}.cn/fanwen/{n}）",
        "〔{gzh6}　编辑整理〕",
        "（{gzh6}　出品·转载需授权）",
        "▪{site6}▪",
        "✦{site6}✦",
        "☆更多范文见{site6}☆",
        "（未经{site6}许可不得转载）",
        "（{site6}水印）",
        "【{wk6}·预览】",
        "〔源自{wk6}〕",
        "（搜索“{gzh6}”关注我们）",
        "【{nick8}整理】",
        "（{nick8}　投稿）",
        "{site6}〖范文〗",
        "（图文转自：{gzh6}）",
        "（本内容来自{site6}网友投稿）",
        "（{site6}　{fdom6}.cn）",
        "【转】",
        "〔原创·{site6}〕",
        "（{site6}为您整理）",
        "｜来自{site6}",
        "〃{gzh6}〃",
        "（镜像自{gzh6}）",
        "【文章来源：{site6}】",
        "jammer:star",
        "jammer:caret",
        "jammer:at-site",
        "jammer:dotted",
        "jammer:mixed",
        "jammer:colons",
    )},
    # a compilation (catalogue 1, seed 000): title, TOC head, entries, separators, back links
    "compilation-toc": {
        "title": (
            "{year}年乡镇政府工作报告汇编（共{n_bodies}篇）",
            "乡镇政府工作报告集锦",
            "镇级政府工作报告优秀范文合集",
            "最新乡镇政府工作报告{n_bodies}篇汇总",
            "政府工作报告（乡镇篇）选编",
        ),
        "head": (
            "篇　目",
            "〔目录〕",
            "全文目录速查：",
            "目录（点标题即可跳读）",
            "TABLE OF CONTENTS",
            "篇目索引",
        ),
        "entry": (
            "{i}、{body_title}（P{page}）",
            "{i}）{body_title}…………{page}",
            "{body_title}··········{page}",
            "第{i_cn}篇范文　{body_title}",
            "（{i_cn}）{body_town}篇　{page}",
            "◇ {body_title}（{page}）",
            "No.{i}　{body_town}　{page}",
            "{body_title}　……　P{page}",
            "{i_cn}、{body_town}人民政府工作报告（{page}）",
        ),
        "sep": (
            "══ 篇{i} ══",
            "第{i_cn}篇",
            "【篇目{i}】",
            "～～～～～～",
            "篇{i_cn}：{body_town}",
            "第{i}部分　{body_town}",
            "（{i}）",
            "─────── {i} ───────",
        ),
        "back": (
            "⇡ 回目录",
            "【回到目录】",
            "返回目录 ›",
            "（本篇完）",
            "点击返回顶部目录",
        ),
    },
}

FORMS: dict[str, tuple[str, ...]] = {
    family: tuple(form for group in groups.values() for form in group) for family, groups in GROUPS.items()}

# The families the rules are weakest on (session 8 and 9 blind results): most of this set's forms.
WEAK_FAMILIES: tuple[str, ...] = ("inline-watermark", "related-lists", "disclosure", "forum", "farm-ads",
                                  "paywall", "page-chrome", "compilation-toc", "doc-share", "meta-line")

# Near misses: report sentences with the noise's words. They are content and must survive.
NEAR_MISSES: tuple[str, ...] = (
    "在镇村两级便民服务点张贴医保缴费二维码，群众扫码即可完成缴费，参保率达{pct}%。",
    "推行“扫码入企”制度，执法人员入企检查须先扫码登记，全年减少重复检查{k}次。",
    "在农贸市场推广“扫码溯源”，{m}个摊位实现农产品来源可查、去向可追。",
    "高度关注留守儿童和困境儿童，为{m}名儿童落实“一对一”关爱措施。",
    "持续关注汛期地质灾害隐患点，落实群测群防员{k}名。",
    "将群众关注度高的{k}件民生实事纳入政府工作报告，逐项明确责任单位。",
    "依托镇政府微信公众号开设“政策解读”栏目，全年发布解读文章{m}篇。",
    "开发“{town}办事通”小程序，群众登录后可在线预约、查询办件进度。",
    "在各村党群服务中心设置政务服务二维码，扫一扫即可获取办事指南。",
    "多渠道拓宽财政收入来源，全年一般公共预算收入增长{pct}%。",
    "把好用工来源审查关，对{k}家用工企业开展根治欠薪专项检查。",
    "严格核查饮用水水源地周边污染来源，完成整治点位{k}处。",
    "为行动不便的老人提供上门打印、代办服务{n}人次。",
    "镇政务服务中心配置自助打印终端，不动产登记证明可现场打印。",
    "开设“村民讲堂”，邀请致富带头人分享创业经验{k}场次。",
    "建立部门间数据共享机制，{m}类证明材料实现免于提交。",
    "依托电商服务站开展农产品直播带货，实现销售额{m}万元。",
    "联合县融媒体中心直播“村晚”活动，线上观看人数突破{n}人次。",
    "组织两委干部收看全省乡村振兴工作会议视频直播。",
    "引导农户加入专业合作社，合作社会员达到{n}户。",
    "镇老年协会发展会员{n}人，常态化开展文体活动。",
    "指导{k}家企业下载并使用个人所得税APP，做好年度汇算。",
    "组织群众下载安装“国家反诈中心”APP，安装率达{pct}%。",
    "镇图书室全年接待阅读群众{n}人次，开展读书活动{k}场。",
    "利用村级广播和宣传栏开展法治宣传，群众浏览学习热情高涨。",
    "景区全年接待浏览观光游客{m}万人次，旅游收入增长{pct}%。",
    "点击率较高的便民服务事项，全部实现“一网通办”。",
    "对群众在“12345”热线和网络平台的留言全部按时回复，回复率达100%。",
    "对人大代表提出的{k}件建议逐件研究办理，按时回复率100%。",
    "按照档案管理目录，对{m}卷历史档案进行数字化扫描。",
    "编制公共服务事项目录，公布服务事项{m}项。",
    "完善不动产登记索引，补录历史数据{n}条。",
    "严格落实新闻发布和信息审核制度，明确责任编辑把关职责。",
    "对政府网站上的转载内容逐条核查，清理过期信息{m}条。",
    "发布各类预警信息{k}次，确保群众及时知晓。",
    "开展“最美庭院”网络评选，群众点赞投票{n}次。",
    "认真落实村务公开制度，村级财务收支情况每季度发布一次。",
    "修订完善《{town}村规民约范本》，全文印发到各村民小组。",
    "推动农村电商发展，帮助{k}家农户开通网店上传商品。",
    "督促各村按时上传低保对象评议材料，接受群众监督。",
    "实行家庭积分管理，农户可凭积分在“爱心超市”兑换物品。",
    "将“门前三包”落实情况纳入文明积分，全镇{pct}%的农户参与。",
    "组织{k}名机关干部参加网上会员制图书馆学习活动。",
    "原创舞台剧《{town}记忆》在全市文艺汇演中获二等奖。",
    "严厉打击网络谣言，依法处置违规账号{k}个，删除不实信息{m}条。",
    "引导村民在网上评论区理性表达诉求，营造清朗网络空间。",
    "推动镇级政府网站与县政府网站首页互联互通。",
    "建成{k}个村级服务站点，群众可在家门口登录办理社保业务。",
    "利用手机信令大数据分析外出务工人员流向，精准推送就业信息。",
    "全年受理网上信访和来信来访{m}件，全部在规定时限内回复。",
    "镇应急广播系统全年播发信息{n}条，覆盖所有自然村。",
    "推行“码上监督”，群众扫描公示牌二维码即可反映问题。",
    "推动“一码通办”改造，{m}个高频事项实现扫码即办。",
    "对{k}处景点设置语音导览二维码，提升游客体验。",
    "积极争取上级付费培训名额，免费培训农民{n}人次。",
    "对未按规定缴纳的保洁费用，由村委会登记后分期收取，收支情况在村务公开栏发布。",
    "编印《{town}惠企政策汇编》，可在镇政府门户网站下载全文。",
    "加强网络安全管理，政府网站全年未发生被篡改事件。",
    "开展政府网站和政务新媒体普查，整改错别字和失效链接{k}处。",
    "组织干部收看警示教育片，引导党员干部分享学习体会{m}篇。",
    "完善政务服务好差评机制，群众可登录平台对办事体验进行评价。",
    "推动{k}个村建立微信群议事机制，群众可随时转发政策信息。",
    "开展“全民阅读进万家”活动，向群众推荐优秀读物{k}种。",
    "整合村级信息发布渠道，形成“村村响”与微信群同步发布的格局。",
    "在镇政府网站开设“回复公开”栏目，已公开群众留言答复{m}条。",
    "{town}的经验做法被省级媒体全文转载。",
    "全镇{k}所学校全部接入教育云平台，学生可在线收看名师直播课。",
)


def form_count() -> int:
    """Distinct noise forms in the set (the jammer shapes count one each; a tag pair counts two).

    >>> form_count() >= 350
    True
    """
    return sum(len(forms) for forms in FORMS.values())


def weak_share() -> float:
    """The share of this set's forms in the weak families (``WEAK_FAMILIES``).

    >>> weak_share() >= 0.8
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


def _gap(rng: random.Random) -> str:
    """The space a scrape leaves where a block met the title or a paragraph (sometimes none)."""
    return rng.choice(("", "　", " ", "　　"))


# --------------------------------------------------------------------------------------------
# Families: (paragraphs, page) -> lines


@_own
def meta_line(paragraphs: list[str], page: _Page) -> list[str]:
    """A meta line glued before or after the title, above or under it, at the page's end, or two
    meta lines side by side."""
    lines = columns(_pick(page, "meta-line", "line", 1, 2), page.rng)
    title = dev._title_index(paragraphs)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.2:
        out[title] += _gap(page.rng) + lines.pop(0)
    elif roll < 0.3:
        out[title] = lines.pop(0) + _gap(page.rng) + out[title]
    elif roll < 0.4:
        return out + lines
    at = page.rng.choice([title, title + 1, title + 1, dev._body_start(out) - 1])
    return out[:at] + lines + out[at:]


@_own
def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Bars above the title (in columns, on one line, or a breadcrumb glued to the title), a toolbar
    or pager after the closing call (glued to it, on one line), sometimes a pager at page breaks."""
    groups = GROUPS["page-chrome"]
    head = _pick(page, "page-chrome", "head", 1, 4)
    out = list(paragraphs)
    title = dev._title_index(out)
    roll = page.rng.random()
    if roll < 0.25:
        head = [one_line(head, page.rng)]
    elif roll < 0.45:
        out[title] = head.pop() + _gap(page.rng) + out[title]
    else:
        head = columns(head, page.rng)
    out = out[:title] + head + out[title:]
    tail = _pick(page, "page-chrome", "tail", 1, 4)
    roll = page.rng.random()
    if roll < 0.2:
        out[-1] += _gap(page.rng) + tail.pop(0)
    elif roll < 0.4:
        tail = [one_line(tail, page.rng)]
    else:
        tail = columns(tail, page.rng)
    if page.rng.random() < 0.2:
        pager = page.line("page-chrome", page.rng.choice(groups["tail"][11:14]))
        out = at_breaks(out, pager, page.rng.randint(1, 3), page.rng)
    return out + tail


@_own
def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Footer lines after the closing call: one glued to it, two to a line, or all on one line."""
    lines = _pick(page, "page-footer", "line", 2, 5)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.2:
        out[-1] += lines.pop(0)
    elif roll < 0.4:
        lines = [one_line(lines, page.rng)]
    else:
        lines = columns(lines, page.rng)
    return out + lines


_DISCLOSURE_LAYOUTS = tuple(GROUPS["disclosure"])
_FREE_ROWS = ("spaced", "table", "english", "squared", "gansu")  # layouts whose rows come in any subset
_KEEP_LINES = ("over", "table")  # layouts a scrape does not collapse to one line


@_own
def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A disclosure block in one of ten layouts: at the top, under the title, before ``各位代表``
    or at the end; sometimes on one line, two rows side by side, or glued before or after the title."""
    layout = page.rng.choice(_DISCLOSURE_LAYOUTS)
    rows = list(GROUPS["disclosure"][layout])
    if layout in _FREE_ROWS:
        keep = sorted(page.rng.sample(range(len(rows)), page.rng.randint(3, len(rows))))
        rows = [rows[i] for i in keep]
    block = [page.line("disclosure", row) for row in rows]
    roll = page.rng.random()
    if layout not in _KEEP_LINES and len(block) > 1 and roll < 0.3:
        block = [one_line(block, page.rng)]
    elif layout not in _KEEP_LINES and roll < 0.5:
        block = columns(block, page.rng)
    out = list(paragraphs)
    title = dev._title_index(out)
    if len(block) == 1 and page.rng.random() < 0.35:
        if page.rng.random() < 0.5:
            out[title] = block[0] + _gap(page.rng) + out[title]
        else:
            out[title] += _gap(page.rng) + block[0]
        return out
    at = page.rng.choice([0, 0, title + 1, max(title + 1, dev._body_start(out) - 1), len(out)])
    return out[:at] + block + out[at:]


@_own
def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in glued to the title or under it; ads between paragraphs, glued to a paragraph's
    start or end, or inside one; sometimes an ad tail, two to a line or all on one line."""
    out = list(paragraphs)
    title = dev._title_index(out)
    lead = page.line("farm-ads", page.rng.choice(GROUPS["farm-ads"]["lead"]))
    roll = page.rng.random()
    if roll < 0.15:
        out[title] = lead + _gap(page.rng) + out[title]
    elif roll < 0.35:
        out[title] += _gap(page.rng) + lead
    elif roll < 0.5:
        out.insert(title, lead)
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
        out = dev._inside(out, ads, page.rng, mid_sentence=0.3, break_after=0.4)
    if page.rng.random() < 0.5:
        tail = _pick(page, "farm-ads", "ad", 1, 3)
        out += [one_line(tail, page.rng)] if page.rng.random() < 0.3 else columns(tail, page.rng)
    return out


@_own
def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A notice on its own line, glued to a paragraph's end or start, or inside a sentence (then the
    text after it is what the page still shows); sometimes a second notice closing the page."""
    pieces = _pick(page, "paywall", "notice", 1, 2)
    if len(pieces) == 2 and page.rng.random() < 0.25:
        pieces = [one_line(pieces, page.rng)]
    roll = page.rng.random()
    if roll < 0.25:
        out = dev._between(paragraphs, pieces, page.rng)
    elif roll < 0.5:
        out = glue_end(paragraphs, pieces, page.rng)
    elif roll < 0.6:
        out = glue_start(paragraphs, pieces, page.rng)
    else:
        out = dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.6, break_after=0.4)
    if page.rng.random() < 0.3:
        out = [*out, page.line("paywall", page.rng.choice(GROUPS["paywall"]["notice"]))]
    return out


@_own
def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """Head bars (in columns or on one line); at page breaks a running header, a page counter or
    both on one line (the counter sometimes glued to a page's end or the next one's start); a tail
    of buttons and notices (in columns or on one line)."""
    groups = GROUPS["doc-share"]
    head = _pick(page, "doc-share", "head", 1, 4)
    collapse = len(head) > 1 and page.rng.random() < 0.3
    head = [one_line(head, page.rng)] if collapse else columns(head, page.rng)
    out = list(paragraphs)
    style = page.rng.choice(groups["counter"])
    running = page.rng.choice(groups["running"]) if page.rng.random() < 0.5 else None
    page.values["p"] = str(page.rng.randint(6, 28))
    breaks = []
    for number in range(page.rng.randint(1, 3)):
        page.values["k"] = str(2 + number * page.rng.randint(1, 3))
        marks = [page.line("doc-share", style)]
        if running:
            marks.append(page.line("doc-share", running))
        breaks.append(one_line(marks, page.rng) if len(marks) > 1 and page.rng.random() < 0.5
                      else "\n".join(marks))
    page.values.pop("k")
    roll = page.rng.random()
    place = glue_end if roll < 0.25 else glue_start if roll < 0.4 else dev._between
    out = "\n".join(place(out, breaks, page.rng)).split("\n")
    tail = _pick(page, "doc-share", "tail", 1, 4)
    collapse = len(tail) > 1 and page.rng.random() < 0.25
    tail = [one_line(tail, page.rng)] if collapse else columns(tail, page.rng)
    return head + out + tail


@_own
def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 items after the closing call, glued to it, or between paragraphs; the
    heading sometimes glued to the first item, items two to a line, or the whole list on one line."""
    groups = GROUPS["related-lists"]
    heading = page.line("related-lists", page.rng.choice(groups["heading"]))
    style = page.rng.choice(groups["item"])
    items: list[str] = []
    seen: set[str] = set()
    for number in range(1, page.rng.randint(3, 6) + 1):
        for _ in range(10):  # a list does not repeat a title
            for key in ("other", "town2", "date", "date_md", "date_slash", "date_cn", "n"):
                page.values.pop(key, None)
            if fill("{other}", page.values) not in seen:
                break
        seen.add(page.values["other"])
        page.values["k"] = str(number)
        items.append(page.line("related-lists", style))
    roll = page.rng.random()
    if roll < 0.2:
        items = ["　　".join(items[i:i + 2]) for i in range(0, len(items), 2)]
    elif roll < 0.4:
        items = [one_line(items, page.rng)]
    block = [heading, *items]
    if page.rng.random() < 0.15:
        block = [heading + _gap(page.rng) + items[0], *items[1:]]
    block += _pick(page, "related-lists", "tags", 0, 1)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.2:
        at = page.rng.randint(dev._body_start(out) + 1, max(dev._body_start(out) + 1, len(out) - 2))
        return out[:at] + block + out[at:]
    if roll < 0.35:
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
    """Thread head lines (in columns or one glued to the title); the report split over floors (a
    floor line with a profile line or signature, sometimes glued to the next paragraph); quotes and
    edit notes between; reply box and forum footer below (in columns or on one line)."""
    groups = GROUPS["forum"]
    head = columns(_pick(page, "forum", "head", 1, 3), page.rng)
    out = list(paragraphs)
    if page.rng.random() < 0.2:
        title = dev._title_index(out)
        out[title] = head.pop() + _gap(page.rng) + out[title]
    if page.rng.random() < 0.7:
        floor_style = page.rng.choice(groups["floor"])
        breaks: list[str] = []
        for number in range(page.rng.randint(1, 3)):
            page.values["k"] = str(number + 2)
            for key in ("date", "time"):
                page.values.pop(key, None)
            marker = page.line("forum", floor_style)
            if page.rng.random() < 0.5:
                marker += "　" + page.line("forum", page.rng.choice(groups["profile"]))
            breaks.append(marker)
        page.values.pop("k")
        glued = page.rng.random() < 0.3
        breaks = [b + _gap(page.rng) for b in breaks] if glued else breaks
        out = (glue_start if glued else dev._between)(out, breaks, page.rng)
    if page.rng.random() < 0.45:
        out = dev._between(out, _pick(page, "forum", "quote", 1, 2), page.rng)
    tail = [*_pick(page, "forum", "profile", 0, 1), *_pick(page, "forum", "tail", 1, 4)]
    if page.rng.random() < 0.2:
        return head + out + [one_line(tail, page.rng)]
    return head + out + columns(tail, page.rng)


_ASCII = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz"
_CJK_FILLER = ("的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
               "说产种面而方后多定行学法所民得经")


def _token(rng: random.Random, low: int = 2, high: int = 2) -> str:
    return "".join(rng.choice(_ASCII) for _ in range(rng.randint(low, high)))


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape the other development sets do not use (never starting or ending
    with ASCII punctuation, which the normalizer would rewrite next to Chinese).

    >>> sorted({len(_jammer(random.Random(3), s)) > 5 for s in (
    ...     "jammer:star", "jammer:caret", "jammer:at-site", "jammer:dotted", "jammer:mixed",
    ...     "jammer:colons")})
    [True]
    """
    count = rng.randint(3, 5)
    if shape == "jammer:star":  # ``k9*Qm*2x*Wp``
        first = rng.choice(_ASCII[10:]) + _token(rng, 1, 1)  # a letter first, not a floor number
        return "*".join([first, *(_token(rng) for _ in range(count - 1))])
    if shape == "jammer:caret":  # ``Wq^7z^Lp``
        return "^".join(_token(rng, 2, 3) for _ in range(count))
    if shape == "jammer:at-site":  # ``x7K@yantianfwy`` : the mirror's domain inside
        return f"{_token(rng, 3, 4)}@{rng.choice(_SITES)[1]}"
    if shape == "jammer:dotted":  # ``K.p.7.Q.x``
        return ".".join(rng.choice(_ASCII) for _ in range(count + 2))
    if shape == "jammer:mixed":  # ``的x7是Q2在kM`` : Chinese filler and ASCII, alternating
        return "".join(rng.choice(_CJK_FILLER) + _token(rng, 1, 2) for _ in range(count))
    return ":".join(_token(rng) for _ in range(count))  # ``a1:Qm:7x``


@_own
def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Watermarks and jammers spliced into sentences; sometimes a mark glued to the title (before or
    after it), one glued before a paragraph, one repeated at the end of several paragraphs, one on a
    line of its own at each page break, or one glued to the start of each page's first paragraph."""
    pieces = GROUPS["inline-watermark"]["piece"]
    out = dev.splice_watermarks(paragraphs, page, pieces, _jammer)
    plain = [t for t in pieces if not t.startswith("jammer")]
    roll = page.rng.random()
    if roll < 0.1:
        title = dev._title_index(out)
        out[title] = page.line("inline-watermark", page.rng.choice(plain)) + out[title]
    elif roll < 0.2:
        title = dev._title_index(out)
        out[title] += page.line("inline-watermark", page.rng.choice(plain))
    elif roll < 0.35:
        out = glue_start(out, [page.line("inline-watermark", page.rng.choice(plain))], page.rng)
    elif roll < 0.55:
        mark = page.line("inline-watermark", page.rng.choice(plain))
        for _ in range(page.rng.randint(2, 3)):
            out = glue_end(out, [mark], page.rng)
    elif roll < 0.7:  # a page's watermark on a line of its own at each page break
        out = at_breaks(out, page.line("inline-watermark", page.rng.choice(plain)), page.rng.randint(2, 3),
                        page.rng)
    elif roll < 0.8:  # the same mark before the first paragraph of each printed page
        mark = page.line("inline-watermark", page.rng.choice(plain))
        out = glue_start(out, [mark] * page.rng.randint(2, 3), page.rng)
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
    """2–4 reports behind a title and a table of contents (sometimes two entries to a line, all on
    one, or the head glued to the first entry), separators before the reports (sometimes glued to
    their first line), back links after."""
    _add_values(page)
    rng, groups = page.rng, GROUPS["compilation-toc"]
    names = [first, *rng.sample([name for name in gold if name != first], rng.randint(1, 3))]
    page.values["n_bodies"] = str(len(names))
    lines = [page.line("compilation-toc", rng.choice(groups["title"]))]
    head = page.line("compilation-toc", rng.choice(groups["head"])) if rng.random() < 0.85 else None
    entry = rng.choice(groups["entry"])
    separator = rng.choice(groups["sep"]) if rng.random() < 0.75 else None
    glued = rng.random() < 0.3
    back = rng.choice(groups["back"]) if rng.random() < 0.35 else None
    number = rng.randint(1, 3)
    entries = []
    for i, name in enumerate(names, 1):
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name],
                           page=str(number), body_title=split_paragraphs(gold[name])[0])
        entries.append(page.line("compilation-toc", entry))
        number += rng.randint(3, 15)
    roll = rng.random()
    if roll < 0.2:
        entries = ["　　".join(entries[i:i + 2]) for i in range(0, len(entries), 2)]
    elif roll < 0.35:
        entries = [one_line(entries, rng)]
    if head and rng.random() < 0.2:
        entries[0] = head + _gap(rng) + entries[0]
    elif head:
        lines.append(head)
    lines += entries
    for i, name in enumerate(names, 1):
        body = split_paragraphs(gold[name])
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name],
                           body_title=body[0])
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
    """The dev6 sample of ``family`` for ``seed``: deterministic, and seeded apart from the other sets."""
    return dev.make_sample(family, seed, label="heldout-dev6", family_functions=FAMILY_FUNCTIONS,
                           near_misses=NEAR_MISSES, append_rate=0.5, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the other sets (read through code only: the blind sets' forms are never shown)

OTHER_SETS: tuple[str, ...] = ("dev", "dev2", "dev3", "dev4", "dev5", "test", "test2", "test3")


def other_sets() -> dict[str, ModuleType]:
    """The other held-out sets that exist, by name."""
    return overlap.existing_sets(OTHER_SETS)


# This set's names, each mapped to a name of the same kind in ``bench/heldout.py``: a string is
# also checked with its names swapped, so that a dev template re-filled with a new site name is
# still caught ("{site}整理" with 砚田范文苑 is "第一范文网整理" with another name).
_SWAPS: tuple[tuple[str, str], ...] = tuple(sorted(
    [*((name, dev._FARM_SITES[0][0]) for name, _ in _SITES),
     *((domain, dev._FARM_SITES[0][1]) for _, domain in _SITES),
     *((name, dev._WECHAT[0]) for name in _ACCOUNTS), *((name, dev._DOC_SITES[0]) for name in _DOC_SITES),
     *((name, dev._FARM_SITES[0][0]) for name in _FORUMS),
     *((name, dev._NICKS[0]) for name in _NICKS), *((name, dev._GOV_DOMAINS[0]) for name in _PORTALS),
     *((name, dev._COUNTIES[0]) for name in _COUNTIES6)],
    key=lambda pair: -len(pair[0])))


def swap_names(text: str) -> str:
    """``text`` with this set's names replaced by dev names of the same kind.

    >>> swap_names("本文首发于砚田范文苑")
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
