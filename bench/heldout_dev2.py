"""The second development set (session 2's held-out TEST set): 257 boilerplate forms.

It was written, like the test set now in ``bench/heldout_test.py``, by someone who never read
the rules, and it stayed unread while session 2 tuned against ``bench/heldout.py``; its misses
were then read to plan session 3, so it became a development set. The text below is its
original description.

``bench/heldout.py`` became the development set: rules are tuned against it, so its score now
says how well the rules fit it, not how they generalize. This module is the test set that stays
unread by whoever writes rules. Same twelve families, same records (``Heldout``, ``Noise``), same
placement machinery and scoring, but other noise: other wordings, layouts, label orders and
separators, other sites' chrome, other CMS and editor residue (Joomla, Word HTML exports, BBCode),
other jammer shapes, and other near-miss content sentences. No form equals a template of
``bench/heldout.py`` or merely re-fills one: ``dev_overlaps`` checks it and the smoke tests run it.
Forms avoid characters the normalizer rewrites (full-width letters, ASCII punctuation in Chinese
text) where they are not the point: rewritten noise would no longer be found, and count as removed.


>>> sample = make_heldout("doc-share", 2)
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
from bench.corrupt import TOWN_OF_GOLD, split_paragraphs
from bench.heldout import Heldout, _Page, fill

# --------------------------------------------------------------------------------------------
# The forms, by family. Template fields are those of ``bench.heldout._Values``.

FORMS: dict[str, tuple[str, ...]] = {
    # article meta lines: other label sets, orders, separators and widgets (catalogue family 2)
    "meta-line": (
        "时间：{date} {time}　　来源：{town}人民政府　　【字体：大 中 小】",
        "来源：{county}人民政府网站 ｜ 作者：{person} ｜ 发布时间：{date_cn} ｜ 浏览：{n}次",
        "发布时间：{date}　　信息来源：{town}　　阅读量：{n}　　【关闭】",
        "作者：{person}　　出处：{city}日报　　时间：{date}",
        "{county}融媒体中心　{date_cn}　{time}",
        "发稿时间：{date} {time}　　稿件来源：{town}党政办",
        "文章作者：{person}　　文章来源：{town}　　点击数：{n}　　更新时间：{date}",
        "来源：{town}人民政府网　作者：{person}　发布：{date_slash}　点击量：{n}",
        "信息来源：{county}政务服务中心　　发布日期：{date_dot}　　阅读：{n}",
        "日期：{date_cn}　作者：{town}党政综合办　来源：本站原创",
        "【发布单位：{town}人民政府】【发布日期：{date}】【阅读次数：{n}】",
        "发布时间：{date} {time_s}　来源：{town}人民政府　字号：T｜T",
        "来源：{town}　时间：{date}　阅读：{n}次　字体：默认 超大 大 中 小",
        "{date} {time}　来源：本站　作者：{person}　阅读次数：{n}　分享到：",
        "发布人：{person}　　发布时间：{date_cn} {time}　　浏览人次：{n}",
        "作者：{town}人民政府 ｜ 来源：本网原创 ｜ 发布时间：{date} {time} ｜ 点击：{n}",
        "来源：{county}人民政府门户网站　　时间：{date_dot} {time}",
        "信息发布：{town}党政办　　审核：{person}　　发布时间：{date}",
        "发表日期：{date_cn}　来源：{city}{county}{town}　阅读：{n}",
        "时间：{date_slash}　来源：{town}人民政府　撰稿：{person}",
        "{weekday}　来源：{town}人民政府",
        "（{town}人民政府　{date_cn}）",
        "提供单位：{town}人民政府　　生成日期：{date}　　访问次数：{n}次",
        "【作者】{person}　【来源】{county}新闻中心　【日期】{date}",
    ),
    # portal chrome: the first 15 above the title, the rest below the closing call
    "page-chrome": (
        "您的位置：首页 > 政务公开 > 重点领域信息公开 > 政府工作报告",
        "当前位置：网站首页 >> 政府信息公开 >> 计划总结",
        "首页 / 政务公开 / 工作报告",
        "当前位置： 首页 - 信息公开 - 法定主动公开内容 - 计划规划",
        "位置导航：{county}人民政府 > 乡镇动态 > {town}",
        "您现在的位置：首页 ＞ 政务公开 ＞ 政府工作报告",
        "适老化　无障碍阅读　简体　繁体",
        "长者模式 ｜ 读屏专用 ｜ 无障碍浏览 ｜ 网站导航",
        "登录　注册　｜　手机版　｜　微博　｜　微信",
        "欢迎访问{county}人民政府门户网站！",
        "欢迎您！今天是{weekday}",
        "智能问答 ｜ 政务服务 ｜ 互动交流 ｜ 数据发布",
        "{county}政府网　政务微信　政务微博　客户端",
        "搜索　高级搜索　热门搜索：乡村振兴 营商环境",
        "字号：大 中 小　　背景色：白 灰 绿",
        "【打印文章】　【关闭窗口】",
        "打印 ｜ 关闭 ｜ 返回顶部 ｜ 收藏本页",
        "扫一扫在手机上打开",
        "用手机扫描二维码 在手机上继续浏览此页",
        "分享到：微信　QQ　新浪微博　QQ空间",
        "【字体：大 中 小】【打印】【关闭】",
        "[ 收藏本页 ] [ 打印本页 ] [ 关闭窗口 ]",
        "分享至：",
        "TOP",
        "【纠错】【打印】【关闭】",
        "打印本页　　关闭本页　　返回首页",
        "微信扫一扫：分享",
        "回到顶部↑",
        "政务微信　政务微博　手机版",
        "相关附件：",
    ),
    # page footers: pagers, credits, copyright, filing numbers, counters (families 3, 4)
    "page-footer": (
        "上一篇文章：{other}",
        "下一篇文章：{other}",
        "上一篇：{other}　　下一篇：{other2}",
        "上一条：没有了　下一条：{other}",
        "前一篇：{other}",
        "后一篇：{other}",
        "编辑：{person}　初审：{person2}　终审：{person3}",
        "（文/图：{person}）",
        "【责任编辑：{person} 】",
        "审校：{person}　　复核：{person2}",
        "主办：{county}人民政府　　承办：{county}人民政府办公室　　版权所有",
        "Copyright©{year} {county}人民政府版权所有",
        "版权所有：{county}{town}人民政府　地址：{county}{town}　邮编：{zip}",
        "ICP备案编号：{prov}ICP备{icp}号",
        "公安机关备案号：{gongan}",
        "政府网站标识码：{site_code}",
        "网站地图 ｜ 关于本站 ｜ 隐私声明 ｜ 联系我们 ｜ 纠错",
        "主办单位：{town}人民政府　联系电话：{phone}",
        "为确保最佳浏览效果，建议使用谷歌、火狐或IE10及以上版本浏览器",
        "本站访问量：{n}　今日访问：{m}",
        "总访问量：{n}人次",
        "CopyRight 2008-{year} All Rights Reserved 版权所有：{county}人民政府",
        "【作者：{person}　编辑：{person2}】",
        "投稿邮箱：{domain}zf@163.com",
        "扫描二维码关注{county}发布",
        "维护单位：{company}",
    ),
    # disclosure blocks: six layouts, none of bench/heldout.py's (catalogue family 1)
    "disclosure": (
        # three pairs per line, spaces
        "索引号：{index}   主题分类：工作报告   发布机构：{town}人民政府",
        "发文字号：{docno}   成文日期：{date_cn}   公开方式：主动公开",
        # square-bracket labels, one per line
        "[索引号] {index}",
        "[发布机构] {town}人民政府",
        "[发布日期] {date}",
        "[公开形式] 主动公开",
        "[主题分类] 综合政务",
        # a Markdown table, as an export leaves it
        "| 索引号 | {index} |",
        "| --- | --- |",
        "| 信息名称 | {title} |",
        "| 发布单位 | {town}人民政府 |",
        "| 生成日期 | {date} |",
        # the whole block on one line
        "索引号：{index} 发布机构：{town}人民政府 发文日期：{date} 主题分类：其他 公开方式：依申请公开",
        # other labels, one per line
        "信息索引：{index}",
        "内容分类：计划总结",
        "发布单位：{town}人民政府",
        "公开日期：{date_slash}",
        "公开形式：主动公开",
        "时效性：现行有效",
        # label with its colon on one line, the value on the next
        "发文字号：",
        "{docno}",
        "成文日期：",
        "{date_cn}",
        "发布机构：",
        "{town}人民政府办公室",
    ),
    # content-farm ads, lead-ins, counters, disclaimers (catalogue family 5)
    "farm-ads": (
        # lead-ins and counters under the title (0–6)
        "以下是{site}小编为您带来的{title}，欢迎阅读参考！",
        "本站小编为你精心准备了{title}参考范文，愿这篇文章能帮助你学习工作！",
        "相信很多朋友都在找{title}，{site}为大家整理了相关内容，供大家参考借鉴。",
        "{title}范文（通用{k}篇）",
        "阅读：{n}　　点赞：{m}",
        "热度：{n}℃",
        "▲点击上方蓝字关注我们",
        # ads between paragraphs and at the end (7–)
        "更多精彩范文，请关注微信公众号“{acct}”",
        "长按识别下方二维码，免费领取全套公文模板",
        "【扫码领取】乡镇工作报告Word模板{k}套",
        "需要原文档的朋友可加QQ：{qq}",
        "小编推荐：{other}",
        "文章出自：{site}（转载请注明出处）",
        "本文由网友上传，仅供学习交流，如有侵权请联系删除",
        "【声明】本站部分内容来源于网络，版权归原作者所有",
        "原创声明：本文为{site}原创，未经授权禁止转载",
        "想要获取更多资料，请在公众号后台回复关键词“乡镇”",
        "—— END ——",
        "觉得有用就点个“在看”吧",
        "材料代写、润色修改，联系微信：{wx}",
        "{site}提醒您：本文仅供参考",
        "范文下载：点击此处下载Word文档",
        "↑↑↑ 点击上方“{acct}”关注我们 ↑↑↑",
        "文档下载后可编辑修改，欢迎下载使用",
    ),
    # truncation notices, login walls, paywalls (catalogue family 5)
    "paywall": (
        "……（剩余{n}字，登录后阅读全文）",
        "【本文仅展示前{m}00字，完整内容请开通会员】",
        "（篇幅所限，余下{n}字略，会员登录后可见）",
        "……全文共{n}字，当前仅显示部分内容……",
        "（阅读全文需消耗{k}个下载券）",
        "……内容已隐藏，关注公众号“{acct}”回复“{k}{m}”获取完整版……",
        "【免费试读已结束，剩余内容需付费】",
        "——以上为预览内容，下载文档查看完整版——",
        "温馨提示：游客仅能查看部分内容，请登录后继续阅读",
        "（因篇幅限制，此处略去{n}字）",
        "开通VIP后可阅读全文，首月仅需{k}元",
        "您还未登录，仅可浏览前{q}页",
        "▼ 展开阅读全文 ▼",
        "此文档为会员文档，需登录后查看剩余{p}页",
        "【完整版请扫码获取】",
        "（未登录用户只能阅读部分内容）",
    ),
    # document-sharing sites: head (0–10), page counters (11–13), tail (14–)
    "doc-share": (
        "{title}.doc",
        "{title}.docx - {docsite}",
        "【精品】{title}（最新版）",
        "{title}-docin.com豆丁网",
        "上传人：{user}　　上传时间：{date}",
        "文档格式：.doc　　文档大小：{size}K　　文档页数：{p}页",
        "所属分类：党政相关 > 政府工作报告",
        "文档星级：★★★★☆",
        "阅读 {n}　　下载 {m}　　页数 {p}",
        "{user}上传于{date_cn}",
        "评分：{k}.{q}分（{m}人评价）",
        "第{k}页（共{p}页）",
        "Page {k} of {p}",
        "{k} / {p}",
        "下载本文档需要{k}下载券",
        "{docsite}为您提供免费预览{q}页，下载后可查看全部{p}页",
        "点击下载全文（{size}KB）",
        "本文档仅供参考，下载后可编辑",
        "加入收藏　　分享到微信　　举报文档",
        "相关文档：{other}",
        "VIP会员免费下载此文档",
        "立即下载　　　加入书架",
        "您的浏览器不支持在线预览，请下载后查看",
    ),
    # related pages after the article: headings (0–9), item styles (10–18), tag lines (19–)
    "related-lists": (
        "相关文章",
        "相关文章推荐：",
        "为您推荐",
        "精彩推荐",
        "本文相关推荐",
        "看了本文的人还看了：",
        "同类范文",
        "更多相关文章",
        "热门推荐：",
        "[ 相关文章 ]",
        "• {other}",
        "→ {other}",
        "{other}　发布日期：{date}",
        "○ {other}",
        "[{date_md}] {other}",
        "{k}、{other}",
        "《{other}》",
        "{other}—{site}",
        "{date_md}｜{other}",
        "关键词：政府工作报告 乡镇政府 范文",
        "Tags：工作报告、{town}",
        "本文标签：政府工作报告",
        "分类：工作报告",
    ),
    # page-break markers and editor residue of other CMSs and exports (catalogue families 15, 16)
    "cms-tags": (
        '<hr class="system-pagebreak" title="{title}（{cn}）" />',
        "[page:{k}]",
        '<div class="pagebreak" style="page-break-after:always"></div>',
        '<p style="page-break-before: always"></p>',
        "{{{{pagebreak}}}}",
        "[分页]",
        "<!--分页-->",
        "[#page#]",
        '<br style="page-break-before:always; clear:both" />',
        "<!--[if !supportLineBreakNewLine]--><br /><!--[endif]-->",
        "<o:p></o:p>",
        '<p class="MsoNormal">',
        '<span style="font-family:仿宋_GB2312;font-size:16pt;">',
        "[size=4][font=仿宋]",
        "[/font][/size]",
    ),
    # forum chrome: head (0–4), tail (5–)
    "forum": (
        "楼主：{user}　时间：{date} {time}",
        "作者：{user}　　发布于：{date} {time}",
        "{user} 于 {date} {time} 发布",
        "查看：{n}｜回复：{m}",
        "最后编辑于 {date} {time}",
        "本帖子中包含更多资源，您需要 登录 才可以下载或查看，没有账号？立即注册",
        "电梯直达",
        "跳转到指定楼层",
        "只看楼主　　倒序看帖",
        "{k}#",
        "板凳",
        "顶一个",
        "楼主辛苦了，收藏了！",
        "分享到：　QQ好友和群　QQ空间　腾讯微博",
        "个性签名：认真写好每一份材料",
        "UID {n}　精华 0　积分 {m}　在线时间 {k} 小时",
        "该用户从未签到",
        "已有 {k} 人评分",
        "快速回复 返回顶部 返回列表",
        "您需要登录后才可以回帖 登录 ｜ 立即注册",
        "来自手机贴吧",
        "收起回复　｜　{k}楼　｜　{date} {time}",
    ),
    # watermarks spliced into paragraphs, and jammer shapes (catalogue family 17)
    "inline-watermark": (
        "（文章转自{site}）",
        "【{site}原创】",
        "https://m.{fdomain}.com/{path}",
        "（转载自：{site}）",
        "@{site}",
        "更多资料请访问：{fdomain}.com",
        '<span style="display:none">{site}</span>',
        "#{site}#",
        "【{acct}】",
        "jammer:hashed",
        "jammer:bracketed",
        "jammer:dotted",
    ),
    # a compilation: titles (0–2), TOC heads (3–6), entries (7–11), separators (12–)
    "compilation-toc": (
        "{year}年镇政府工作报告汇总（共{n_bodies}篇）",
        "乡镇政府工作报告精选范文合集",
        "最新乡镇政府工作报告{n_bodies}篇（可编辑）",
        "文章目录",
        "【本文目录】",
        "目录导航：",
        "内容目录",
        "{i_cn}、{body_title}………{page}",
        "（{i_cn}）{body_town}政府工作报告",
        "{body_title} ………… 第{page}页",
        "▶ {body_town}政府工作报告 P{page}",
        "{i}.{body_town}工作报告（{page}）",
        "【第{i_cn}篇】{body_town}政府工作报告",
        "篇目{i}",
        "范文{i_cn}：",
        "——————第{i}篇——————",
        "{body_town}政府工作报告（范文{i}）",
    ),
}

# Near misses: real-looking report sentences that hold the noise's words. They are content.
NEAR_MISSES: tuple[str, ...] = (
    "全镇{k}个村全部实现“扫码缴费”，群众缴纳医保足不出户。",
    "建成“智慧党建”平台，党员扫码即可参加线上学习。",
    "引导游客扫码购票，景区全年接待游客{n}人次。",
    "在各村设立防诈骗宣传栏，群众扫描二维码即可下载国家反诈中心APP。",
    "为{n}户农户张贴“一户一码”二维码门牌，实现信息动态管理。",
    "密切关注汛期天气变化，提前转移受威胁群众{n}人。",
    "高度关注青少年心理健康，开展心理辅导讲座{k}场。",
    "建立“镇村微信群+网格员”工作机制，第一时间把政策送到群众手中。",
    "通过微信公众号发布招聘信息{n}条，帮助{m}人实现就近就业。",
    "全面摸清水源地污染来源，关停搬迁养殖场{k}家。",
    "建立财政资金来源和去向台账，做到专款专用。",
    "为群众打印社保缴费凭证、医保结算单等{n}份。",
    "在镇档案室配置扫描打印设备，完成{n}卷档案数字化。",
    "组织返乡创业人员分享创业经验，带动{m}名青年回乡创业。",
    "建立经验分享机制，每季度召开一次现场推进会。",
    "借助“直播+电商”模式，全年销售农产品{m}万元。",
    "联合县融媒体中心直播镇人代会开幕式，观看人数达{n}人次。",
    "发展图书馆会员{n}名，开展读书活动{k}场。",
    "村股份经济合作社新吸纳会员{m}户。",
    "为{k}家企业提供专利和版权申报指导，新增登记作品{m}件。",
    "镇政府门户网站全年累计浏览量达{n}人次，回复网民留言{k}条。",
    "设立举报电话和举报信箱，受理群众举报{k}件，全部办结。",
    "新收藏地方文献{n}册，建成镇史陈列室。",
    "编印《{town}惠民政策目录》{n}册，发放到户。",
    "将{k}项高频事项纳入“最多跑一次”目录。",
    "引导群众登录政务服务网办理业务{n}件，网上办件率达到{pct}%。",
    "指导{k}家企业登录电子税务局完成申报。",
    "开展“送政策下基层”活动，发放惠企政策资料{n}份，企业可扫码下载电子版。",
    "全面完成{m}个村规划编制，成果在政府网站公示并提供下载查询。",
    "关闭退出“散乱污”企业{k}家，整治提升{m}家。",
    "吸引{k}名在外能人返回家乡创业。",
    "推行“码上办”服务，{k}项事项实现手机扫码办理。",
    "扎实推进全民阅读，镇图书馆年接待读者{n}人次，电子图书下载量{m}次。",
    "加强网络直播营销管理，查处违规直播行为{k}起。",
    "关注公众号、下载APP不再作为群众办事的前置条件，切实为基层减负。",
    "严禁以“扫码关注”“点赞转发”等形式给群众增加负担。",
    "全镇党员干部坚持每日登录“学习强国”学习平台。",
    "做好来信来访登记，全年来源于网络平台的诉求{n}件，按期办结率100%。",
    "本报告中部分数据来源于年度统计快报。",
    "群众可扫描村务公开栏二维码查看财务收支明细。",
    "积极推广“微信缴费”“刷脸认证”等线上服务，让数据多跑路、群众少跑腿。",
    "开展知识产权和版权保护宣传{k}场次。",
)


def form_count() -> int:
    """Distinct noise forms in the test set (the jammer shapes count one each)."""
    return sum(len(forms) for forms in FORMS.values())


# --------------------------------------------------------------------------------------------
# Placement


def _pick(page: _Page, family: str, pool: Sequence[str], low: int, high: int) -> list[str]:
    """``low``–``high`` distinct forms of ``pool``, filled and recorded as noise of ``family``."""
    return page.lines(family, low, high, pool)


def _header_slot(paragraphs: Sequence[str], rng: random.Random) -> int:
    """Where a header line goes: above the title, under it, or right before ``各位代表``."""
    title = dev._title_index(paragraphs)
    greeting = dev._body_start(paragraphs) - 1
    return rng.choice([title, title + 1, max(title + 1, greeting)])


def _glue(lines: list[str], rng: random.Random, separator: str = "　") -> list[str]:
    """Sometimes two adjacent chrome items end up on one line, as a scrape flattens a toolbar."""
    if len(lines) >= 2 and rng.random() < 0.3:
        return [lines[0] + separator + lines[1], *lines[2:]]
    return lines


# --------------------------------------------------------------------------------------------
# Families: (paragraphs, page) -> lines


def meta_line(paragraphs: list[str], page: _Page) -> list[str]:
    """One or two meta lines above the title, under it, or right before ``各位代表``."""
    lines = _pick(page, "meta-line", FORMS["meta-line"], 1, 2)
    at = _header_slot(paragraphs, page.rng)
    return paragraphs[:at] + lines + paragraphs[at:]


def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Navigation and toggles above the title; print/close/share below the closing call."""
    forms = FORMS["page-chrome"]
    head = _glue(_pick(page, "page-chrome", forms[:15], 1, 3), page.rng)
    tail = _glue(_pick(page, "page-chrome", forms[15:], 1, 3), page.rng, "　　")
    return head + paragraphs + tail


def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Pager, credits, copyright and filing lines after the closing call, sometimes blank-separated."""
    lines = _pick(page, "page-footer", FORMS["page-footer"], 2, 6)
    if page.rng.random() < 0.3:
        lines = [part for line in lines for part in (line, "")][:-1]
    return paragraphs + lines


def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A disclosure block in one of six layouts, above the title (a fifth of them under it)."""
    forms = FORMS["disclosure"]
    layouts = (forms[0:2], forms[2:7], forms[7:12], forms[12:13], forms[13:19], forms[19:25])
    layout = page.rng.randrange(len(layouts))
    rows = list(layouts[layout])
    if layout in (1, 4):  # one row per label: some portals show only a few of them
        rows = page.rng.sample(rows, page.rng.randint(3, len(rows)))
    if layout == 5:  # label and value lines go in pairs
        pairs = page.rng.sample(range(3), page.rng.randint(2, 3))
        rows = [row for p in sorted(pairs) for row in rows[2 * p:2 * p + 2]]
    block = [page.line("disclosure", row) for row in rows]
    title = dev._title_index(paragraphs)
    at = title + 1 if page.rng.random() < 0.2 else 0
    return paragraphs[:at] + block + paragraphs[at:]


def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in under the title, ads between paragraphs or glued after a sentence, an ad tail."""
    forms = FORMS["farm-ads"]
    leads, middle = forms[:7], forms[7:]
    title = dev._title_index(paragraphs)
    lead = page.line("farm-ads", page.rng.choice(leads))
    at = title if "篇）" in lead else title + 1
    out = [*paragraphs[:at], lead, *paragraphs[at:]]
    ads = _pick(page, "farm-ads", middle, 1, 3)
    glued = [ad for ad in ads if page.rng.random() < 0.25]
    out = dev._between(out, [ad for ad in ads if ad not in glued], page.rng)
    out = dev._inside(out, glued, page.rng, mid_sentence=0.0)
    if page.rng.random() < 0.6:
        out += _pick(page, "farm-ads", middle, 1, 2)
    return out


def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A truncation or login notice inside the text, or closing a text cut short."""
    pieces = _pick(page, "paywall", FORMS["paywall"], 1, 2)
    if page.rng.random() < 0.3:  # the notice where the preview stops, on a line of its own
        return dev._between(paragraphs, pieces, page.rng)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.4, break_after=0.5)


def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """A document-sharing page: head lines, page counters between paragraphs, a tail."""
    forms = FORMS["doc-share"]
    head = _pick(page, "doc-share", forms[:11], 1, 3)
    style = page.rng.choice(forms[11:14])
    counters = []
    for number in range(page.rng.randint(1, 3)):
        page.values["k"] = str(2 + number * page.rng.randint(2, 4))
        counters.append(page.line("doc-share", style))
    page.values.pop("k")
    tail = _pick(page, "doc-share", forms[14:], 1, 3)
    return head + dev._between(paragraphs, counters, page.rng) + tail


def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 related pages after the closing call, maybe a tag line."""
    forms = FORMS["related-lists"]
    heading = page.line("related-lists", page.rng.choice(forms[:10]))
    style = page.rng.choice(forms[10:19])
    items: list[str] = []
    seen: set[str] = set()
    for number in range(1, page.rng.randint(3, 6) + 1):
        for _ in range(10):  # a list does not repeat a title
            for key in ("other", "town2", "date", "date_md", "date_slash"):
                page.values.pop(key, None)
            if fill("{other}", page.values) not in seen:
                break
        seen.add(page.values["other"])
        page.values["k"] = str(number)
        items.append(page.line("related-lists", style))
    tags = _pick(page, "related-lists", forms[19:], 0, 1)
    return paragraphs + ([*tags, heading, *items] if page.rng.random() < 0.4 else [heading, *items, *tags])


def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Page breaks and editor residue inside paragraphs, half followed by a line break."""
    pieces = _pick(page, "cms-tags", FORMS["cms-tags"], 1, 3)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.5, break_after=0.5)


def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """A report posted on a forum: poster lines above, floor marks inside, post chrome below."""
    forms = FORMS["forum"]
    head = _pick(page, "forum", forms[:5], 1, 2)
    tail = _pick(page, "forum", forms[5:], 1, 4)
    out = list(paragraphs)
    if page.rng.random() < 0.3:  # the report continued on the next floor
        out = dev._between(out, [page.line("forum", "{k}#")], page.rng)
    return head + out + tail


_ASCII = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqr"


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape bench/heldout.py does not use.

    >>> [len(_jammer(random.Random(1), s)) > 4 for s in ("jammer:hashed", "jammer:bracketed",
    ...                                                   "jammer:dotted")]
    [True, True, True]
    """
    if shape == "jammer:hashed":  # ``#k9Qp2#`` : a random token between hashes
        return "#" + "".join(rng.choice(_ASCII) for _ in range(rng.randint(5, 8))) + "#"
    if shape == "jammer:bracketed":  # ``[x7Kq]`` : a short random token in brackets
        return "[" + "".join(rng.choice(_ASCII) for _ in range(rng.randint(4, 6))) + "]"
    return ".".join(rng.choice(_ASCII) for _ in range(rng.randint(4, 6)))  # ``k.9.Q.2``


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
assert FAMILIES == dev.FAMILIES  # the same families as the development set, in the same order


def compilation_toc(gold: dict[str, str], first: str, page: _Page) -> tuple[list[str], str]:
    """2–4 reports behind a compilation title and a table of contents, separators between them."""
    rng, forms = page.rng, FORMS["compilation-toc"]
    names = [first, *rng.sample([name for name in gold if name != first], rng.randint(1, 3))]
    bodies = [gold[name] for name in names]
    page.values["n_bodies"] = str(len(names))
    lines = [page.line("compilation-toc", rng.choice(forms[:3]))]
    if rng.random() < 0.8:
        lines.append(page.line("compilation-toc", rng.choice(forms[3:7])))
    entry = rng.choice(forms[7:12])
    separator = rng.choice(forms[12:]) if rng.random() < 0.8 else None
    number = rng.randint(1, 4)
    for i, name in enumerate(names, 1):
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name],
                           page=str(number), body_title=split_paragraphs(gold[name])[0])
        lines.append(page.line("compilation-toc", entry))
        number += rng.randint(5, 14)
    for i, (name, body) in enumerate(zip(names, bodies, strict=True), 1):
        if separator:
            page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name])
            lines.append(page.line("compilation-toc", separator))
        lines += split_paragraphs(body)
    return lines, "".join(bodies)


# --------------------------------------------------------------------------------------------
# Samples (the same interface as bench/heldout.py, so bench/fidelity.py runs either set)


def make_heldout(family: str, seed: int) -> Heldout:
    """The test sample of ``family`` for ``seed``: deterministic, and seeded apart from the dev set."""
    return dev.make_sample(family, seed, label="heldout-test", family_functions=FAMILY_FUNCTIONS,
                           near_misses=NEAR_MISSES, append_rate=0.5, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the development set


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


_CJK = "[\u4e00-\u9fff]"
_VALUE = r"[^\s：:|｜【】\[\]]+?"


def _one_of(names: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(name) for name in names) + ")"


# What each template field can hold (bench.heldout._Values makes them): a dev template "fills" a
# string only when every field matches a value of its kind, not any text at all.
FIELD_PATTERNS: dict[str, str] = {
    **dict.fromkeys(("n", "m", "k", "p", "q", "pct", "icp", "site_code", "gongan", "zip", "year", "qq",
                     "i", "page", "n_bodies"), r"\d+"),
    "size": r"[\d.]+", "wx": r"fw\d+", "phone": r"\d+-\d+",
    "date": r"\d{4}-\d{2}-\d{2}", "date2": r"\d{4}-\d{2}-\d{2}", "date_slash": r"\d{4}/\d{2}/\d{2}",
    "date_dot": r"\d{4}\.\d{2}\.\d{2}", "date_cn": r"\d{4}年\d{1,2}月\d{1,2}日", "date_md": r"\d{2}-\d{2}",
    "date_short": r"\d{4}-\d{1,2}-\d{1,2}", "weekday": r"\d{4}年\d{1,2}月\d{1,2}日星期.",
    "time": r"\d{2}:\d{2}", "time_s": r"\d{2}:\d{2}:\d{2}",
    **dict.fromkeys(("town", "town2", "body_town"), _CJK + "{1,4}[镇乡]"),
    "county": _CJK + "{1,4}县", "city": _CJK + "{1,4}市", "prov": _CJK,
    **dict.fromkeys(("person", "person2", "person3"), _CJK + "{2,3}"),
    **dict.fromkeys(("user", "user2"), _one_of(dev._NICKS)),
    "site": _one_of(name for name, _ in dev._FARM_SITES), "fdomain": _one_of(d for _, d in dev._FARM_SITES),
    "acct": _one_of(dev._WECHAT), "docsite": _one_of(dev._DOC_SITES), "domain": _one_of(dev._GOV_DOMAINS),
    "company": _CJK + "+公司", "cn": "[一二三四五]", "i_cn": "[一二三四五六七八九十]",
    "index": r"[0-9A-Za-z]+[/-]\d{4}-\d+", "docno": _CJK + r"+〔\d{4}〕\d+号", "path": r"[\w/.]+",
}


@functools.cache
def _other_pattern() -> str:
    """The shapes of ``bench.heldout._other_title`` (the titles of other pages)."""
    town, county, year = FIELD_PATTERNS["town2"], FIELD_PATTERNS["county"], r"\d{4}"
    topic = _one_of(dev._TOPICS)
    return ("(?:" + "|".join((
        f"{town}{year}年上半年工作总结", f"关于{topic}的通知", f"{county}{year}年政府工作报告",
        f"{town}召开{year}年经济工作会议", f"{town}{year}年度财政预算执行情况",
        f"{county}{year}年国民经济和社会发展统计公报", f"{town}{year}年工作总结及{year}年工作计划",
        f"{town}开展“{topic}”活动")) + ")")


@functools.cache
def _title_pattern() -> str:
    """The report titles the samples use (``{title}``, ``{body_title}``)."""
    titles = {_squeeze(split_paragraphs(body)[dev._title_index(split_paragraphs(body))])
              for body in dev._load_gold().values()}
    return _one_of(sorted(titles))


def skeleton(template: str) -> str:
    """A template with its fields blanked and its whitespace dropped: two templates with the same
    skeleton are one form filled twice. A bare field keeps its name (``{docno}`` is not ``{index}``).

    >>> skeleton("来源：{town}　 时间：{date}") == skeleton("来源：{county} 时间：{date_cn}")
    True
    >>> skeleton("{docno}") == skeleton("{index}")
    False
    """
    if re.fullmatch(r"\{[^{}]*\}", template):
        return template
    return re.sub(r"\s+", "", re.sub(r"\{\{|\}\}|\{[^{}]*\}",
                                     lambda m: m[0][0] if m[0] in ("{{", "}}") else "{}", template))


def template_regex(template: str) -> re.Pattern[str]:
    """A regex matching every filling of ``template`` with whitespace dropped, each field matching
    only values of its kind (``FIELD_PATTERNS``).

    >>> template_regex("上一篇：{other}").fullmatch("上一篇：关于做好防汛备汛工作的通知") is not None
    True
    >>> template_regex("发布时间：{date}").fullmatch("发布时间：2020-01-02来源：本站") is None
    True
    """
    fields = {**FIELD_PATTERNS, "other": _other_pattern(), "other2": _other_pattern(),
              "title": _title_pattern(), "body_title": _title_pattern()}
    pattern, at = [], 0
    for match in re.finditer(r"\{\{|\}\}|\{([^{}]*)\}", template):
        pattern.append(re.escape(re.sub(r"\s+", "", template[at:match.start()])))
        name = match[1]
        pattern.append(re.escape(match[0][0]) if name is None else fields.get(name, _VALUE))
        at = match.end()
    pattern.append(re.escape(re.sub(r"\s+", "", template[at:])))
    return re.compile("".join(pattern))


def dev_overlaps(strings: Iterable[str] = ()) -> list[str]:
    """Everything in this set that is a form of the development set: a template (or near-miss
    template) with the skeleton of a dev template, and any of ``strings`` (filled noise or near
    misses) that a dev template fills (every field with a value of its kind). Empty when the sets
    are apart.

    >>> dev_overlaps()
    []
    """
    dev_forms = [t for forms in dev.FORMS.values() for t in forms if not t.startswith("jammer:")]
    dev_skeletons = {skeleton(t) for t in (*dev_forms, *dev.NEAR_MISSES)}
    ours = [t for forms in FORMS.values() for t in forms if not t.startswith("jammer:")]
    found = [f"template {t!r}" for t in (*ours, *NEAR_MISSES) if skeleton(t) in dev_skeletons]
    patterns = [template_regex(t) for t in (*dev_forms, *dev.NEAR_MISSES)]
    for text in strings:
        squeezed = _squeeze(text)
        hit = next((p.pattern for p in patterns if p.fullmatch(squeezed)), None)
        if hit is not None:
            found.append(f"string {text!r} fills the dev template {hit!r}")
    return found
