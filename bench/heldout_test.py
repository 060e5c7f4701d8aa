"""The blind held-out TEST set for boilerplate removal (session 3, 2026-11-22).

Written in session 3 by a helper who never read the rules (``rules/``), their examples, the
cleaner's source, nor the miss lists of ``bench/README.md``, and who never ran the cleaner on these
forms while writing them. ``bench/heldout.py`` (dev) and ``bench/heldout_dev2.py`` (dev2) are the
development sets: rules are tuned against them, so their scores say how well the rules fit them.
This module is the set that says how the rules generalize, and it only can while nobody who
writes rules reads it: rule writers do not open this file, do not look at its per-form misses
(``python -m bench.fidelity --heldout test`` prints numbers only) and do not tune against it. Only
the lead runs it.

Same twelve families, same records (``Heldout``, ``Noise``), same sample maker
(``bench.heldout.make_sample``), same placement helpers and scoring as the development sets, but
other noise: other portals' chrome (政务服务 menus, 融媒体 credits, 公众号 tails), other
document-sharing and content-farm sites (their names are not dev's: ``_SITES`` …), other forum
chrome (Discuz, 贴吧, IP属地), other CMS and editor residue (WordPress blocks, Joomla readmore,
Drupal break, 135editor sections, Discuz BBCode), other jammer shapes, paywalls, TOC layouts,
disclosure layouts, and other near-miss content sentences. No form is a dev or dev2 form or
merely re-fills one: ``overlaps`` checks it and the smoke tests run it. Forms avoid characters the
normalizer rewrites (full-width letters, ASCII punctuation in Chinese text, 『』): rewritten noise
would no longer be found, and count as removed.

>>> sample = make_heldout("forum", 2)
>>> all(item.text in sample.data for item in sample.noise), len(sample.near_misses) >= 2
(True, True)
>>> all(s in sample.gold for s in sample.near_misses)
True
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Iterable, Sequence

from bench import heldout as dev
from bench import heldout_dev2 as dev2
from bench.corrupt import TOWN_OF_GOLD, split_paragraphs
from bench.heldout import Heldout, _Page, fill
from bench.heldout_dev2 import _glue, _header_slot, _pick, _squeeze, skeleton, template_regex

# --------------------------------------------------------------------------------------------
# Names of this set's own: sites, accounts, users the development sets never use. Template
# fields ``t_*`` take them (``_add_names`` fills them once per page).

_SITES = (("范文先生网", "fwsir"), ("应届毕业生网", "yjbys"), ("学习啦", "xuexila"), ("瑞文网", "ruiwen"),
          ("聚优范文网", "juyoufw"), ("三一文库", "31wenku"), ("找范文网", "zhaofanwen"),
          ("公文易", "gongwenyi"), ("语文迷", "yuwenmi"), ("文秘114", "wm114cn"))
_ACCOUNTS = ("笔杆子写作", "公文研习社", "机关写手", "秘书工作室", "材料哥说", "文稿资料库", "公文素材馆",
             "基层写作圈")
_DOC_SITES = (("爱问共享资料", "ishare"), ("360文库", "wenku360"), ("得力文库", "deliwenku"),
              ("汇文网", "huiwenwang"), ("文档之家", "wendangzhijia"), ("智库文档", "zhikudoc"),
              ("微传网", "weizhuanwang"), ("点石文库", "dianshiwenku"))
_NICKS = ("青山不老", "zhangsan1987", "基层小吏", "yangguang_xz", "梧桐树下", "笔耕不辍2020",
          "mm_jiangnan", "小镇青年", "老刘头", "writer_0731")
_RANKS = ("初级粉丝", "铁杆吧友", "吧主", "知名人士", "中级会员", "高级会员")
_REGIONS = ("湖南", "浙江", "重庆", "福建", "江西", "江苏", "安徽", "河南", "四川")


def _add_names(page: _Page) -> None:
    """Fill this set's own name fields once per page (a page belongs to one site)."""
    rng, values = page.rng, page.values
    site, domain = rng.choice(_SITES)
    docsite, docdomain = rng.choice(_DOC_SITES)
    nick, nick2 = rng.sample(_NICKS, 2)
    wxid = rng.choice(("gw", "xz", "ms", "wg")) + rng.choice(("zs", "xz", "sc")) + str(rng.randint(10, 2099))
    values.update(
        t_site=site, t_domain=domain, t_acct=rng.choice(_ACCOUNTS),
        t_wxid=wxid,
        t_docsite=docsite, t_docdomain=docdomain, t_docid=str(rng.randint(10**9, 10**10 - 1)),
        t_nick=nick, t_nick2=nick2, t_rank=rng.choice(_RANKS), t_region=rng.choice(_REGIONS))


# --------------------------------------------------------------------------------------------
# The forms, by family. Template fields are those of ``bench.heldout._Values`` and ``_add_names``.

FORMS: dict[str, tuple[str, ...]] = {
    # article meta lines: 融媒体 credits, 公众号 sources, other labels and widgets (catalogue family 2)
    "meta-line": (
        "发布日期：{date_cn}　　来源：{county}融媒体中心　　编辑：{person}　　【大 中 小】",
        "来源：{county}发布微信公众号　　发布时间：{date} {time}",
        "时间：{date} {time_s}　来源：{town}便民服务中心　浏览量：{n}",
        "{town}人民政府　发布于{date_cn}　阅读{n}",
        "信息来源：{town}人民政府 ｜ 发布时间：{date_dot} ｜ 点击率：{n}",
        "作者：本站编辑　来源：{county}人民政府网　更新于：{date}",
        "【信息时间：{date}】【阅读次数：{n}】【我要打印】【关闭】",
        "发布部门：{town}党政办公室　发布日期：{date}　访问量：{n}次　字号：【大】【中】【小】",
        "供稿：{town}　　审核：{person}　　时间：{date_cn}",
        "新闻来源：{city}新闻网　｜　作者：记者 {person} 通讯员 {person2}　｜　{date} {time}",
        "来源：{county}县委宣传部　{date_cn} {time}　浏览次数：{n}　语音播报",
        "{date_slash} {time_s}　作者：{person}　来源：原创　阅读：{n}　评论：0",
        "发布时间：{date_cn}　信息提供：{town}人民政府　访问：{n}　【视力保护色】",
        "本文来源：{town}人民政府　　发布者：admin　　发布时间：{date} {time}",
        "文章录入：{person}　　责任编辑：{person2}　　更新时间：{date_short}",
        "浏览量：{n}　来源：{county}人民政府办公室　时间：{date}　分享：",
        "日期：{date}　浏览：{n}　字体：【大】【中】【小】　【打印本页】",
        "{county}人民政府门户网站　www.{domain}.gov.cn　{date}",
        "发布时间：{weekday}　来源：{town}　作者：{person}",
        "【 来源：{town}人民政府 】【 时间：{date} 】【 字号：大 中 小 】",
        "阅读 {n}｜来源 {county}融媒｜{date} {time}",
        "首发：{county}发布　　时间：{date_cn}　　编辑：{person}　　审校：{person2}",
        "（来源：{county}人民政府网　发布时间：{date}）",
        "发表于 {date} {time}　来自：{county}人民政府　阅读数 {n}",
        "原创　{person}　{t_acct}　{date} {time}　发表于{t_region}",
        "{t_acct}　{date_cn} {time}　{t_region}",
    ),
    # portal chrome: the first 17 above the title (menus, breadcrumbs, toggles), the rest below
    "page-chrome": (
        "您现在的位置是：主页 > 信息公开目录 > 规划计划 > 年度工作报告",
        "当前所在位置：{county}人民政府 » 乡镇街道 » {town} » 政务公开",
        "导航：首页 → 政务公开 → 政府工作报告",
        "首页 ｜ 走进{county} ｜ 政务公开 ｜ 政务服务 ｜ 互动交流 ｜ 专题专栏",
        "政务服务　　办事指南　　投诉建议　　在线咨询",
        "简 ｜ 繁 ｜ 无障碍 ｜ 关怀模式 ｜ 登录",
        "您好，欢迎来到{town}人民政府网站　今天是{weekday}",
        "请输入搜索内容　全站搜索",
        "微信公众号　｜　政务抖音　｜　今日头条号",
        "繁体中文　English　移动版　无障碍",
        "{county}人民政府　{town}子站",
        "个人办事　法人办事　部门服务　主题服务",
        "政务公开　>　主动公开　>　计划总结　>　正文",
        "【字号：放大 缩小 默认】　【语音阅读】",
        "关爱模式　读屏模式　大字版",
        "网站首页　机构概况　政务动态　信息公开　政民互动",
        "我要写信　我要咨询　我要投诉　我要建议",
        "【打印页面】【关闭页面】【返回顶部】",
        "扫描二维码，在手机上阅读本文",
        "分享到微信朋友圈　新浪微博　复制链接",
        "打印　｜　收藏　｜　纠错　｜　关闭",
        "【我要纠错】　【打印正文】",
        "手机扫码阅读",
        "相关链接：中国政府网　{city}人民政府　{county}人民政府",
        "[打印] [关闭] [顶部]",
        "▲回到顶部",
        "文章纠错　　打印本页　　关闭窗口",
        "返回列表　返回首页",
        "用微信“扫一扫”，分享到朋友圈",
        "附件下载：",
        "【关闭本文】【打印本文】【收藏本文】",
    ),
    # page footers: pagers, credits, filing numbers, contacts (families 3, 4)
    "page-footer": (
        "« 上一篇：{other}",
        "下一篇 » {other}",
        "上篇：{other}　下篇：{other2}",
        "首页　上一页　下一页　尾页",
        "（编辑：{person}　责编：{person2}　审核：{person3}）",
        "一审：{person}　二审：{person2}　三审：{person3}",
        "责编：{person}",
        "来源：{county}融媒体中心　编辑：{person}",
        "主办单位：{town}人民政府　　技术支持：{county}大数据中心　　网站标识码：{site_code}",
        "Copyright © 2020-{year} {county}人民政府办公室 版权所有 未经授权禁止复制或建立镜像",
        "版权所有 {county}人民政府 ｜ 网站备案号：{prov}ICP备{icp}号",
        "网站地图　联系方式　网站纠错　隐私政策　免责声明",
        "电话：{phone}　邮箱：{domain}dzb@126.com",
        "最佳分辨率1366×768，请使用Chrome、Edge等浏览器访问",
        "累计访问人次：{n}",
        "本期编辑：{person}　排版：{person2}",
        "文字：{person}　图片：{person2}　编审：{person3}",
        "政府网站工作年度报表　｜　网站标识码{site_code}",
        "备案序号：{prov}ICP备{icp}号　公安备案：{prov}公网安备{gongan}号",
        "©{year} {town}人民政府 版权所有　保留一切权利",
        "本网站支持IPv6访问",
        "关于我们 ｜ 使用帮助 ｜ 版权声明",
        "（{county}融媒体中心记者 {person} 通讯员 {person2}）",
        "（供稿：{town}党政综合办）",
        "访问统计：{n}",
    ),
    # disclosure blocks: seven layouts, none of the development sets' (catalogue family 1)
    "disclosure": (
        # A: an HTML table copied with its tabs
        "索 取 号\t{index}\t公开目录\t计划总结",
        "发布机关\t{town}人民政府\t成文时间\t{date_cn}",
        "文　　号\t{docno}\t发布时间\t{date}",
        # B: other labels, one per line
        "统一编号：{index}",
        "公开属性：主动公开",
        "所属机构：{town}人民政府",
        "制发日期：{date_dot}",
        "信息类别：规划计划／年度计划",
        "有 效 性：有效",
        # C: a heading, then pairs split by a bar
        "政府信息公开",
        "索引号：{index}｜发布单位：{town}人民政府",
        "生成时间：{date}｜公开类型：主动公开",
        # D: the whole block on one line, semicolons between pairs
        "索引号：{index}；主题分类：政府工作报告；发布机构：{town}人民政府；发布日期：{date_cn}；文号：{docno}",
        # E: two pairs per line, other labels
        "信息索引号：{index}　　生成日期：{date}",
        "信息名称：{title}",
        "发文机构：{town}人民政府　　发文字号：{docno}",
        "信息类别：工作报告　　公开时间：{date_cn}",
        # F: every pair in its own brackets, one line
        "【索引号：{index}】【发布机构：{town}人民政府】【生成日期：{date}】",
        # G: a definition list as a CMS export leaves it
        "文件编号",
        "：{docno}",
        "公开日期",
        "：{date_slash}",
    ),
    # content-farm lead-ins (0–6), ads and disclaimers (7–22), WeChat article tails (23–)
    "farm-ads": (
        "【导读】{title}由{t_site}整理发布，内容仅供参考学习。",
        "小编导读：又到了写年度报告的时候，今天给大家分享一篇{title}，一起来看看吧！",
        "{title}（优选{k}篇）",
        "本文共计{n}字，预计阅读时间{m}分钟",
        "发布者：{t_site}编辑部　｜　{n}人已阅读",
        "{t_site}为您精选了{k}篇{title}，可直接下载使用。",
        "各位读友大家好，此文档由网络收集而来，欢迎您下载，谢谢",
        "关注“{t_acct}”，每天推送一篇精品公文",
        "往期推荐：{other}",
        "公文写作交流群已满，加小助手微信{t_wxid}拉你进新群",
        "素材来源于网络，版权归原作者所有，如有侵权请后台联系删除",
        "喜欢就点赞、在看、转发三连吧！",
        "本文为{t_site}签约作者原创，侵权必究",
        "【推荐】{t_site}公文写作VIP会员，海量范文免费下载",
        "更多{title}相关资料，请搜索“{t_site}”",
        "文章来源：{t_site}　网址：https://www.{t_domain}.com",
        "欢迎转发分享，转载请联系授权",
        "扫码添加客服，定制专属材料",
        "点击“阅读原文”获取Word完整版",
        "感谢您的阅读，祝您工作顺利！",
        "声明：本站所有文章资源内容，如无特殊说明或标注，均为采集网络资源。",
        "微信号：{t_wxid}　长按二维码关注",
        "（本文由{t_site}用户投稿，{date}审核通过）",
        "预览时标签不可点",
        "微信扫一扫关注该公众号",
        "继续滑动看下一个",
        "轻触阅读原文",
        "收录于合集 #公文写作 {m}个",
        "{t_acct}　向上滑动看下一个",
    ),
    # truncation notices, login walls, paywalls (catalogue family 5)
    "paywall": (
        "……（试读结束，剩余{n}字请购买后阅读）",
        "【以上为部分内容，全文请登录后下载】",
        "余下全文（{n}字）仅对会员开放",
        "（内容预览至此，完整文档共{p}页）",
        "点击加载更多内容",
        "【隐藏内容】回复本帖后可见",
        "此处内容需要权限查看",
        "……全文未完，请扫描右侧二维码付费阅读……",
        "付费阅读：本文剩余{pct}%内容，解锁需{k}元",
        "当前为试读版本，仅显示前{q}页",
        "开通超级会员，畅读全站{n}篇范文",
        "（以下内容仅限登录用户查看）",
        "因版权原因，仅展示部分内容",
        "展开剩余{pct}%",
        "阅读已结束，如需下载或编辑请购买文档",
        "（篇幅较长，全文请移步网站查看）",
        "【温馨提示】完整内容请在APP内查看，立即打开",
        "获取全文请加微信{t_wxid}，备注“全文”",
    ),
    # document-sharing sites: head (0–10), page counters (11–14), tail (15–)
    "doc-share": (
        "{title}.pdf",
        "【{t_docsite}】{title}",
        "{title}（完整版）.docx",
        "文档编号：{t_docid}",
        "贡献者：{t_nick}　　贡献时间：{date}",
        "{p}页　{m}下载　{n}浏览",
        "格式：PDF　页数：{p}　大小：{size}M",
        "★★★★★ {k}.{q}分　{m}人已评",
        "分类：办公文档 > 工作总结／汇报",
        "{t_nick} 分享于 {date} {time}",
        "认证作者：{t_nick}　　关注",
        "— {k} —",
        "第{k}页，共{p}页",
        "{title}_第{k}页",
        "· {k} ·",
        "打印文档　　下载原文　　转存到网盘",
        "本资料仅供个人学习交流使用，下载后请于24小时内删除",
        "如要下载或阅读全文，请访问：https://www.{t_docdomain}.com/doc/{t_docid}.html",
        "免费预览已结束，剩余{p}页可下载查看",
        "扫码下载APP，随时随地阅读文档",
        "上传文档赚钱　｜　开通VIP　｜　帮助中心",
        "该文档已被{n}人收藏",
        "所需积分：{k}　　立即下载",
        "文档侵权举报电话：{phone}",
        "同作者文档：{other}",
        "该文档共{p}页，到这儿已超出免费预览范围，如果喜欢就下载吧！",
    ),
    # related pages after the article: headings (0–9), item styles (10–18), tag lines (19–)
    "related-lists": (
        "相关信息",
        "相关新闻",
        "阅读排行",
        "最新更新",
        "相关范文推荐",
        "同栏目文章",
        "热门工作报告",
        "您可能还需要：",
        "◎ 相关阅读",
        "往期回顾",
        "■ {other}",
        "◆ {other}　{date_slash}",
        "【{date}】{other}",
        "{other}　（阅读{n}次）",
        "{other}　[{date_dot}]",
        "▸{other}",
        "{other}　{county}人民政府　{date}",
        "No.{k} {other}",
        "☆ {other}",
        "标签：{town} 年度报告 政府工作",
        "关键字：政府工作报告；乡镇；{year}",
        "本文链接：https://www.{t_domain}.com/{path}",
        "相关搜索：乡镇政府工作报告 {town}工作总结 政府工作报告范文",
    ),
    # residue of other CMSs, editors, forums and exports (catalogue families 15, 16)
    "cms-tags": (
        "<!-- wp:paragraph -->",
        "<!-- /wp:paragraph -->",
        '[caption id="attachment_{n}" align="aligncenter" width="{m}0"]',
        '<hr id="system-readmore" />',
        "<!--break-->",
        "[align=center][b]",
        "[/b][/align]",
        "[color=#333333]",
        "[p=30, 2, left]",
        "[img]https://img.{t_domain}.com/uploads/{year}/{n}.jpg[/img]",
        '<section data-role="paragraph" class="_135editor">',
        "</section>",
        '<span lang="EN-US"></span>',
        "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->",
        "\\newpage",
        "[/quote]",
        '<p style="text-indent:2em;">',
        '<font face="仿宋_GB2312" size="4">',
        "</font>",
        '<p class="pagebreak"></p>',
        "[attach]{n}[/attach]",
        '<!-- InstanceBeginEditable name="content" -->',
        "<!--<$[信息内容]>begin-->",
        "<!--<$[信息内容]>end-->",
        '<!--ZJEG_RSS.content.begin--><meta name="ContentStart">',
    ),
    # forum chrome: head (0–7), tail (8–24), a floor mark (the last)
    "forum": (
        "发表于 {date} {time} ｜ 只看该作者 ｜ 阅读模式",
        "楼主　{t_nick}　{date} {time}　来自 {county}",
        "回复：{n}　浏览：{m}　｜　{date} {time}",
        "{t_nick}（Lv.{k}　{t_rank}）",
        "该帖子于 {date} {time} 被 {t_nick} 修改过",
        "帖子发布于：{date_short}　　IP属地：{t_region}",
        "马上注册，结交更多好友，享用更多功能，让你轻松玩转社区。",
        "[复制链接]",
        "回复　引用　举报　｜　{k}楼",
        "感谢楼主分享，正好需要",
        "前排围观",
        "来自 iPhone 客户端",
        "积分：{n}　威望：{m}　金钱：{k}　注册时间：{date}",
        "回复 #{k} {t_nick2}",
        "[ 本帖共有{m}条回复，点击查看全部 ]",
        "赞 {m}　回复　分享",
        "该帖已被管理员设为精华",
        "温馨提示：本版禁止发布广告，违者封号处理",
        "上一主题　下一主题",
        "{t_nick2} 回复于 {date} {time}",
        "★ 本帖已被收录到合集：公文写作",
        "打赏　｜　收藏　｜　举报",
        "楼层直达：{k}",
        "共 {n} 人阅读，{m} 人回复",
        "该楼层疑似违规已被系统折叠 隐藏此楼查看此楼",
        "第{k}楼",
    ),
    # watermarks spliced into paragraphs (0–11), and jammer shapes (catalogue family 17)
    "inline-watermark": (
        "（本文首发于{t_site}）",
        "{t_site}（{t_domain}.cn）独家整理",
        "[{t_site}]",
        "微信公众号：{t_acct}",
        "★{t_site}★",
        "本文地址：{t_domain}.com/{path}",
        "{t_site}版权所有",
        "※{t_site}※",
        "（搜索“{t_acct}”获取更多范文）",
        "来自{t_site}APP",
        "http://wap.{t_domain}.cn/{path}",
        "（ID：{t_wxid}）",
        "jammer:pairs",
        "jammer:piped",
        "jammer:percent",
        "jammer:sprinkled",
    ),
    # a compilation: titles (0–3), TOC heads (4–8), entries (9–14), separators (15–)
    "compilation-toc": (
        "乡镇政府工作报告大全（{n_bodies}篇完整版）",
        "【合集】镇级政府工作报告{n_bodies}篇",
        "乡镇政府工作报告范例汇总 最新版",
        "精选乡镇人民政府工作报告（共{n_bodies}份）",
        "目录：",
        "CONTENTS",
        "本篇目录",
        "◇ 目录 ◇",
        'TOC \\o "1-2" \\h \\z \\u',
        "第{i}篇　{body_title}　{page}页",
        "▷ {body_title}　{page}",
        "{i_cn}　{body_town}人民政府工作报告……{page}",
        "[{i}] {body_title}（P{page}）",
        "{i}、{body_title}　（第{page}页）",
        "{body_title}\tPAGEREF _Toc{n} \\h {page}",
        "◆◆◆ 范文{i_cn} ◆◆◆",
        "**第{i}篇**",
        "第{i}篇　{body_town}",
        "※※※※※※",
        "·范文{i_cn}·",
        "—— 以下为第{i}篇 ——",
    ),
}

# Near misses: real-sounding report sentences that hold the noise's words. They are content.
NEAR_MISSES: tuple[str, ...] = (
    "全镇推行“扫码入园”管理，{k}个产业园区实现车辆人员数字化登记。",
    "开展“关注森林”主题宣传活动{k}次，发放宣传资料{n}份。",
    "为{m}个行政村制作村级综合信息二维码，村民扫一扫即可查阅村规民约。",
    "镇政务服务大厅开通微信预约功能，群众办事平均等候时间缩短至{m}分钟。",
    "查明{k}起水体污染事件的污染来源并依法处置。",
    "建立农产品质量追溯体系，{n}批次农产品实现来源可查、去向可追。",
    "为老年人免费打印健康档案和体检报告{n}份。",
    "推动{k}家规上企业分享数字化转型经验，带动中小企业上云用云。",
    "组织{m}名乡村主播参加直播电商培训，带动农特产品线上销售{n}万元。",
    "镇人大代表联络站开展“代表直播间”活动{k}期。",
    "为{n}名新就业形态劳动者办理工会会员入会手续。",
    "规范农村集体“三资”管理，群众可登录监管平台查询账目。",
    "开放镇数字农业平台数据下载服务，全年提供气象墒情数据{n}条。",
    "开展餐饮服务单位“明厨亮灶”星级评分，{k}家单位评为五星。",
    "严厉打击侵权盗版行为，查处未经授权转载新闻作品案件{k}起。",
    "修订完善村规民约示范文本，编入目录的条款由村民代表会议表决通过。",
    "组织编辑《{town}年鉴（{year}）》，收录资料{n}万字。",
    "镇文化站开设线上展厅，累计浏览{n}人次。",
    "农户点击“一键报修”即可反映灌溉设施问题，全年受理报修{k}件。",
    "企业法人登录“一网通办”平台即可在线申领营业执照。",
    "群众可通过手机扫码预约婚姻登记、社保卡补办等{k}项服务。",
    "将{k}个村级微信工作群纳入规范管理，防止“指尖上的形式主义”。",
    "争取中央预算内资金{m}00万元，资金来源全部落实到位。",
    "全镇{k}所学校全部实现课堂教学直播录播全覆盖。",
    "建成{k}个农家书屋“共享阅读角”，群众可在线下载电子书刊。",
    "镇综合文化站新发展文艺志愿者协会会员{m}名。",
    "定期打印、张贴村务公开清单，接受群众监督。",
    "持续关注极端天气对农业生产的影响，及时启动农业保险理赔。",
    "高度关注食品安全，全年抽检食品{n}批次，未发生食品安全事故。",
    "在镇政府网站开设“网上评议”栏目，群众评分满意率持续提升。",
    "梳理公布村级组织工作事项清单和证明事项目录，取消不合理证明{k}项。",
    "全面推行“扫码点餐”“扫码乘车”等便民应用，智慧城镇建设取得新进展。",
    "组建“{town}发布”新媒体矩阵，微信视频号粉丝达{n}人。",
    "在县融媒体中心开设“镇长直播带货”专栏，推介本地特色农产品。",
    "严格落实转载新闻信息来源审核制度，全年未发生网络意识形态事件。",
    "关停取缔非法采矿点{k}处，其中{m}处已完成生态修复。",
    "建立党员积分管理制度，党员可通过手机登录“智慧党建”系统查询积分。",
    "开展“二维码+网格化”管理，实现出租房屋流动人口动态登记。",
    "组织{m}名村干部分享基层治理“金点子”，评选优秀案例{k}个。",
    "督促{k}家网吧落实实名登记上网制度。",
    "开展视力筛查，建立学生屈光档案{n}份，及时关注儿童青少年近视问题。",
    "认真办理人大代表建议{k}件，办理结果全部上网公开，可供查阅下载。",
    "通过“村村响”广播和微信群转发防诈骗提示{n}条。",
    "村级“码上议事”平台收集群众意见{n}条，采纳{k}条。",
    "推动“电商+直播+合作社”模式，带动{m}户脱贫户增收。",
    "发放“惠农一卡通”{n}张，补贴资金可通过手机银行查询下载明细。",
    "资金来源：上级补助{m}00万元，镇级配套{k}00万元。",
    "浏览量、点赞量不是衡量宣传工作的唯一标准，关键要看群众满意度。",
    "全年编辑印发《{town}工作简报》{m}期。",
    "点击率较高的政务信息主要集中在就业、社保和教育领域。",
    "下一步，我们将继续做好直播带货等新业态培育工作。",
)


def form_count() -> int:
    """Distinct noise forms in the test set (the jammer shapes count one each)."""
    return sum(len(forms) for forms in FORMS.values())


# --------------------------------------------------------------------------------------------
# Families: (paragraphs, page) -> lines


def meta_line(paragraphs: list[str], page: _Page) -> list[str]:
    """One or two meta lines at a header slot; two of them sometimes flattened onto one line."""
    lines = _pick(page, "meta-line", FORMS["meta-line"], 1, 2)
    if len(lines) == 2 and page.rng.random() < 0.3:
        lines = [lines[0] + "　" + lines[1]]
    at = _header_slot(paragraphs, page.rng)
    return paragraphs[:at] + lines + paragraphs[at:]


def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Menus, breadcrumbs and toggles above the title; print/share/close below the closing call."""
    forms = FORMS["page-chrome"]
    head = _glue(_pick(page, "page-chrome", forms[:17], 1, 3), page.rng, "　｜　")
    tail = _glue(_pick(page, "page-chrome", forms[17:], 1, 3), page.rng)
    return head + paragraphs + tail


def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Pager, credits, filing and contact lines after the closing call; a flattened footer puts
    two of them on one line."""
    lines = _pick(page, "page-footer", FORMS["page-footer"], 2, 6)
    if len(lines) >= 3 and page.rng.random() < 0.25:
        lines = [*lines[:-2], lines[-2] + "　　" + lines[-1]]
    return paragraphs + lines


def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A disclosure block in one of seven layouts, above the title (a quarter of them under it)."""
    forms = FORMS["disclosure"]
    layouts = (forms[0:3], forms[3:9], forms[9:12], forms[12:13], forms[13:17], forms[17:18], forms[18:22])
    layout = page.rng.randrange(len(layouts))
    rows = list(layouts[layout])
    if layout in (1, 4):  # one row per label: portals show some of them
        rows = page.rng.sample(rows, page.rng.randint(2, len(rows)))
    block = [page.line("disclosure", row) for row in rows]
    title = dev._title_index(paragraphs)
    at = title + 1 if page.rng.random() < 0.25 else 0
    return paragraphs[:at] + block + paragraphs[at:]


def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in under the title, ads between paragraphs or after a sentence, a tail of ads."""
    forms = FORMS["farm-ads"]
    leads, middle, tails = forms[:7], forms[7:23], forms[23:]
    title = dev._title_index(paragraphs)
    lead = page.line("farm-ads", page.rng.choice(leads))
    at = title if lead.endswith("篇）") else title + 1
    out = [*paragraphs[:at], lead, *paragraphs[at:]]
    ads = _pick(page, "farm-ads", middle, 1, 3)
    glued = [ad for ad in ads if page.rng.random() < 0.2]
    out = dev._between(out, [ad for ad in ads if ad not in glued], page.rng)
    out = _after_paragraph(out, glued, page.rng)
    if page.rng.random() < 0.6:  # a tail: ads, or what a WeChat article leaves under its text
        out += _pick(page, "farm-ads", (*middle, *tails), 1, 3)
    return out


def _after_paragraph(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece glued to the end of a body paragraph, as a scrape joins an ad to the text above.

    >>> _after_paragraph(["题", "各位代表：", "甲。乙。", "（一）丙"], ["广告"], random.Random(0))
    ['题', '各位代表：', '甲。乙。广告', '（一）丙']
    """
    out = list(paragraphs)
    start = dev._body_start(out)
    for piece in pieces:
        ends = [i for i in range(start, len(out)) if out[i].endswith("。")] or [len(out) - 1]
        out[rng.choice(ends)] += piece
    return out


def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A truncation or login notice inside the text, on its own line, or closing the text."""
    pieces = _pick(page, "paywall", FORMS["paywall"], 1, 2)
    draw = page.rng.random()
    if draw < 0.2:  # the notice where the preview stops: the last line
        return paragraphs + pieces
    if draw < 0.45:
        return dev._between(paragraphs, pieces, page.rng)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.4, break_after=0.5)


def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """A document-sharing page: head lines, rising page counters between paragraphs, a tail."""
    forms = FORMS["doc-share"]
    head = _pick(page, "doc-share", forms[:11], 1, 3)
    style = page.rng.choice(forms[11:15])
    counters = []
    number = 1
    for _ in range(page.rng.randint(1, 3)):
        number += page.rng.randint(1, 3)
        page.values["k"] = str(number)
        counters.append(page.line("doc-share", style))
    page.values.pop("k")
    tail = _pick(page, "doc-share", forms[15:], 1, 3)
    return head + dev._between(paragraphs, counters, page.rng) + tail


def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 related pages after the closing call, maybe a tag line before or after."""
    forms = FORMS["related-lists"]
    heading = page.line("related-lists", page.rng.choice(forms[:10]))
    style = page.rng.choice(forms[10:19])
    items: list[str] = []
    seen: set[str] = set()
    for number in range(1, page.rng.randint(3, 6) + 1):
        for _ in range(10):  # a list does not repeat a title
            for key in ("other", "town2", "date", "date_slash", "date_dot", "n"):
                page.values.pop(key, None)
            if fill("{other}", page.values) not in seen:
                break
        seen.add(page.values["other"])
        page.values["k"] = str(number)
        items.append(page.line("related-lists", style))
    tags = _pick(page, "related-lists", forms[19:], 0, 2)
    return paragraphs + ([*tags, heading, *items] if page.rng.random() < 0.3 else [heading, *items, *tags])


def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Editor and forum residue inside paragraphs, sometimes followed by a line break."""
    pieces = _pick(page, "cms-tags", FORMS["cms-tags"], 1, 3)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.4, break_after=0.4)


def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """A report posted on a forum: poster lines above, a floor mark inside, post chrome below."""
    forms = FORMS["forum"]
    head = _pick(page, "forum", forms[:8], 1, 2)
    tail = _pick(page, "forum", forms[8:-1], 1, 4)
    out = list(paragraphs)
    if page.rng.random() < 0.3:  # the report continued on the next floor
        page.values["k"] = str(page.rng.randint(2, 5))
        out = dev._between(out, [page.line("forum", forms[-1])], page.rng)
    return head + out + tail


_ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz"
_HEX = "0123456789ABCDEF"
_SPRINKLE = "}%^*$@"


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape neither development set uses.

    >>> [len(_jammer(random.Random(1), s)) > 4 for s in ("jammer:pairs", "jammer:piped",
    ...                                                   "jammer:percent", "jammer:sprinkled")]
    [True, True, True, True]
    """
    if shape == "jammer:pairs":  # ``k3 Q9 xZ 7m`` : two-character tokens between spaces
        return " ".join(rng.choice(_ALNUM) + rng.choice(_ALNUM) for _ in range(rng.randint(4, 6)))
    if shape == "jammer:piped":  # ``|a8|Kq|3z|`` : short tokens between bars
        tokens = ("".join(rng.choice(_ALNUM) for _ in range(rng.randint(1, 3)))
                  for _ in range(rng.randint(3, 5)))
        return "|" + "|".join(tokens) + "|"
    if shape == "jammer:percent":  # ``%E6%96%87%E7`` : URL-encoded bytes
        return "".join(f"%{rng.choice('ABCDE')}{rng.choice(_HEX)}" for _ in range(rng.randint(3, 6)))
    # ``语}文%迷^网`` : a site's name with symbols sprinkled between its characters
    name = rng.choice(_SITES)[0]
    return "".join(ch + (rng.choice(_SPRINKLE) if i < len(name) - 1 and rng.random() < 0.7 else "")
                   for i, ch in enumerate(name)) + rng.choice(_SPRINKLE)


def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Watermarks and jammer strings spliced into paragraphs, inside and between sentences."""
    return dev.splice_watermarks(paragraphs, page, FORMS["inline-watermark"], _jammer)


FAMILY_FUNCTIONS: dict[str, Callable[[list[str], _Page], list[str]]] = {
    "meta-line": meta_line, "page-chrome": page_chrome, "page-footer": page_footer,
    "disclosure": disclosure, "farm-ads": farm_ads, "paywall": paywall, "doc-share": doc_share,
    "related-lists": related_lists, "cms-tags": cms_tags, "forum": forum,
    "inline-watermark": inline_watermark,
}
FAMILIES: tuple[str, ...] = (*FAMILY_FUNCTIONS, "compilation-toc")
assert FAMILIES == dev.FAMILIES  # the same families as the development sets, in the same order


def compilation_toc(gold: dict[str, str], first: str, page: _Page) -> tuple[list[str], str]:
    """2–4 reports behind a compilation title and a table of contents, separators between them."""
    rng, forms = page.rng, FORMS["compilation-toc"]
    names = [first, *rng.sample([name for name in gold if name != first], rng.randint(1, 3))]
    bodies = [gold[name] for name in names]
    page.values["n_bodies"] = str(len(names))
    lines = [page.line("compilation-toc", rng.choice(forms[:4]))]
    if rng.random() < 0.85:
        lines.append(page.line("compilation-toc", rng.choice(forms[4:9])))
    entry = rng.choice(forms[9:15])
    separator = rng.choice(forms[15:]) if rng.random() < 0.75 else None
    number = rng.randint(1, 3)
    for i, name in enumerate(names, 1):
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name],
                           page=str(number), body_title=split_paragraphs(gold[name])[0])
        page.values.pop("n", None)  # a Word TOC field has its own bookmark per entry
        lines.append(page.line("compilation-toc", entry))
        number += rng.randint(4, 15)
    for i, (name, body) in enumerate(zip(names, bodies, strict=True), 1):
        if separator:
            page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name])
            lines.append(page.line("compilation-toc", separator))
        lines += split_paragraphs(body)
    return lines, "".join(bodies)


# --------------------------------------------------------------------------------------------
# Samples (the same interface as the development sets, so bench/fidelity.py runs any of them)


def _named(function: Callable[..., list[str]]) -> Callable[[list[str], _Page], list[str]]:
    """A family function that first fills this set's own name fields."""
    def run(paragraphs: list[str], page: _Page) -> list[str]:
        _add_names(page)
        return function(paragraphs, page)
    return run


def _named_toc(gold: dict[str, str], first: str, page: _Page) -> tuple[list[str], str]:
    _add_names(page)
    return compilation_toc(gold, first, page)


_RUNNERS = {family: _named(function) for family, function in FAMILY_FUNCTIONS.items()}


def make_heldout(family: str, seed: int) -> Heldout:
    """The test sample of ``family`` for ``seed``: deterministic, seeded apart from dev and dev2."""
    return dev.make_sample(family, seed, label="heldout-blind-s3", family_functions=_RUNNERS,
                           near_misses=NEAR_MISSES, append_rate=0.55, toc=_named_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the development sets


@functools.cache
def _development_templates() -> tuple[tuple[str, ...], frozenset[str]]:
    """Every template and near miss of dev and dev2 (jammer shapes aside), and their skeletons."""
    templates = tuple(t for module in (dev, dev2) for forms in module.FORMS.values() for t in forms
                      if not t.startswith("jammer:"))
    templates += (*dev.NEAR_MISSES, *dev2.NEAR_MISSES)
    return templates, frozenset(skeleton(t) for t in templates)


@functools.cache
def _development_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(template_regex(t) for t in _development_templates()[0])


def _as_development_names(text: str) -> str:
    """``text`` with this set's own names swapped for development names of the same kind, so a
    dev template re-filled with a new site or user name is still caught.

    >>> _as_development_names("【来源：范文先生网】") == "【来源：" + dev._FARM_SITES[0][0] + "】"
    True
    """
    swaps = [*((name, dev._FARM_SITES[0][0]) for name, _ in _SITES),
             *((domain, dev._FARM_SITES[0][1]) for _, domain in _SITES),
             *((name, dev._WECHAT[0]) for name in _ACCOUNTS),
             *((name, dev._DOC_SITES[0]) for name, _ in _DOC_SITES),
             *((name, dev._NICKS[0]) for name in _NICKS)]
    for ours, theirs in sorted(swaps, key=lambda pair: -len(pair[0])):
        text = text.replace(ours, theirs)
    return text


def overlaps(strings: Iterable[str] = ()) -> list[str]:
    """Everything in this set that is a form of a development set (dev or dev2): a template (or
    near-miss template) with the skeleton of one of theirs, and any of ``strings`` (filled noise
    or near misses) that one of their templates fills, every field with a value of its kind (this
    set's own names count as names of the same kind). Empty when the sets are apart.

    >>> overlaps()
    []
    """
    skeletons = _development_templates()[1]
    ours = [t for forms in FORMS.values() for t in forms if not t.startswith("jammer:")]
    found = [f"template {t!r}" for t in (*ours, *NEAR_MISSES) if skeleton(t) in skeletons]
    found += [f"near miss {t!r} is a development near miss" for t in NEAR_MISSES
              if t in dev.NEAR_MISSES or t in dev2.NEAR_MISSES]
    patterns = _development_patterns()
    for text in strings:
        squeezed = _squeeze(_as_development_names(text))
        hit = next((p.pattern for p in patterns if p.fullmatch(squeezed)), None)
        if hit is not None:
            found.append(f"string {text!r} fills the development template {hit!r}")
    return found
