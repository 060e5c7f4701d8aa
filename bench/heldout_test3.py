"""The third blind test set (session 5): fresh boilerplate forms for an honest final measurement.

The two earlier test sets (``bench/heldout_test.py``, ``bench/heldout_test2.py``) have been run and
their per-family numbers looked at, so they no longer measure generalization cleanly. This set was
written in session 5 by a helper who read no rule file, no engine code, no golden case and no form
or near miss of the other test sets, and never ran the cleaner on it. It comes from the noise
catalogue's families, the five raw seeds and what real pages leave in scraped text: other CMS
vendors' portals (集约化平台, 开普云, 拓尔思 TRS, 大汉 Hanweb, 南威, 中国政府网-style article heads),
WeChat, Toutiao and Baijiahao heads and tails, other 文库 sites with running headers repeated at
every page break, other forums (天涯-style 回复日期, floors, replies, signatures), Word/WordPress/
135-editor residue and Word TOC fields, other jammer shapes (hex runs, hash tokens, dashed tokens,
letters woven into a site name, doubled-w domains), and other sites', accounts', uploaders' and
portals' names than the other sets use (``_SITES`` … below).

Placements the other sets use less: meta lines glued to the title, two chrome lines collapsed to
one, footers in two columns, ads glued to a paragraph's end or repeated at the top and the end,
notices at a paragraph's start, page counters splitting a sentence, a 文库 running header at every
page break, related items collapsed to one line, residue glued to the title, a report split over
forum floors with replies between, a compilation whose running header repeats before every report.

Same twelve families, records (``Heldout``, ``Noise``) and scoring as the other held-out sets;
``overlaps`` proves that no template or near miss has the skeleton of a template of ``dev``,
``dev2``, ``dev3``, ``dev4`` (when it exists), ``test`` or ``test2``, and reports a clash by this
set's string only. Forms avoid characters a normalizer would rewrite (full-width Latin, ASCII
punctuation next to Chinese, traditional characters, HTML entities): rewritten noise would no
longer be found and would count as removed. **Rule writers: do not read this file.**

>>> sample = make_heldout("doc-share", 2)
>>> all(item.text in sample.data for item in sample.noise), len(sample.near_misses) >= 2
(True, True)
>>> all(s in sample.gold for s in sample.near_misses)
True
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import random
import re
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

from bench import heldout as dev
from bench import heldout_dev2 as dev2
from bench.corrupt import TOWN_OF_GOLD, split_paragraphs
from bench.heldout import Heldout, _Page, fill

# --------------------------------------------------------------------------------------------
# Names of this set only: sites, accounts, 文库 sites, uploaders, portals, places

_SITES = (("文思公文", "wensigw"), ("秘书工坊", "mishugf"), ("文案铺子", "wenanpuzi"),
          ("笔墨公文网", "bimogw"), ("智写范文", "zhixiefw"), ("稿子驿站", "gaoziyz"),
          ("精材文摘", "jingcaiwz"))
_ACCOUNTS = ("公文素材君", "机关写作营", "乡镇笔谈", "材料人说", "镇街文稿室", "基层写材料")
_DOC_SITES = ("凌云文档", "文客久久网", "咨信网", "163文库", "读根文库", "知页文库")
_NICKS = ("东篱采菊", "kevin_zhou", "老林笔记", "huangshan77", "镇里的笔杆", "北方的雪", "gw_helper2020")
_PORTALS = ("yinan", "pingyi", "yanggu", "jiexiu", "huadian", "mile", "lintao", "wenchang")
_PLACES = ("沂南县", "平邑县", "阳谷县", "介休市", "桦甸市", "弥勒市", "临洮县", "文昌市")
_ABBR = ("鲁", "晋", "吉", "滇", "甘", "琼")
_REGIONS = ("山东", "山西", "吉林", "云南", "甘肃", "海南")
_FORUMS = ("基层之声论坛", "乡镇干部之家论坛", "公务员写作社区")
_KEYWORDS = ("政府工作报告", "乡镇工作", "年度总结", "工作计划", "述职报告", "公文范文")
_CIRCLED = "❶❷❸❹❺❻"


def _add_values(page: _Page) -> None:
    """This set's own fields, drawn once per sample: one site, one account, one portal … a page."""
    rng = page.rng
    site, domain = rng.choice(_SITES)
    nick, nick2 = rng.sample(_NICKS, 2)
    kw, kw2 = rng.sample(_KEYWORDS, 2)
    region = rng.randrange(len(_ABBR))
    page.values.update(
        farm=site, fdom=domain, gzh=rng.choice(_ACCOUNTS), wk=rng.choice(_DOC_SITES), nick=nick, nick2=nick2,
        gov=rng.choice(_PORTALS), xian=rng.choice(_PLACES), abbr=_ABBR[region], region=_REGIONS[region],
        bbs=rng.choice(_FORUMS), kw=kw, kw2=kw2,
        idx=f"{rng.choice('ABCDEFGH')}{rng.randint(10**6, 10**7 - 1)}-{rng.randint(2016, 2024)}"
            f"-{rng.randint(1, 999):03d}",
        wenhao=f"{rng.choice(('政字', '府发', '政办字'))}〔{rng.randint(2016, 2024)}〕{rng.randint(1, 90)}号",
        wxid=f"gw{rng.choice(('zs', 'xz', 'cl'))}{rng.randint(100, 9999)}",
        docid=str(rng.randint(10**11, 10**12 - 1)), star=f"{rng.randint(3, 4)}.{rng.randint(0, 9)}",
        toc=str(rng.randint(10**8, 10**9 - 1)), mb=f"{rng.randint(1, 9)}.{rng.randint(10, 99)}")


# --------------------------------------------------------------------------------------------
# The forms, by family and by role within the family (the placements pick from the roles)

GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    # article meta lines (catalogue family 2): other vendors' label sets, WeChat/Toutiao heads
    "meta-line": {"line": (
        "供稿单位：{town}党政办　　发稿时间：{date} {time}　　人气：{n}",
        "文章出处：{xian}融媒体中心　上线时间：{date}　热度：{n}",
        "发布单位：{town}人民政府｜发布时间：{date_cn}｜阅读人数：{n}",
        "来源：{town}　发布时间：{date} {time_s}　分享到：",
        "{date} {time}　{town}党政综合办　已阅读{n}次",
        "信息提供单位：{town}社会事务办　　发布时间：{date_cn}",
        "时间：{date_slash}　来源：{xian}发布　作者：通讯员 {person}",
        "通讯员：{person}　{person2}　　发布时间：{date}",
        "【发布时间：{date}】【信息来源：{town}】【字体：大 中 小】【打印】",
        "作者：{town}人民政府　　发布时间：{date} {time}　　来源：本站原创",
        "发布时间：{date_cn}　　来源：{town}　　【关闭窗口】【打印】",
        "浏览量：{n}　发布日期：{date}　分享：",
        "{gzh}　{date_short}　{time}　头条号",
        "发布于{region} {date_md} {time}　{gzh}",
        "{gzh}　{date_md} {time}　{region}　关注",
        "{gzh} 优质政务领域创作者 {date_md} · {region}",
        "来源：{xian}新闻网　　时间：{date} {time}　　编辑：{person}",
        "{town}人民政府 {date} 阅读：{n} 评论：0",
        "发布者：系统管理员　发布时间：{date} {time}　点击：{n}",
        "信息时间：{date}　　信息来源：{town}　　访问次数：{n}　　【字体：默认 大 超大】",
        "发布时间：{date}｜来源：{xian}人民政府办公室｜字号：T｜T",
        "发布：{town}党政办　审核：{person}　时间：{date_dot}",
        "文：{person}　图：{person2}　{date_cn}",
        "作者单位：{town}经济发展办　发布时间：{date}",
        "来源：{gov}.gov.cn　　日期：{date}　　点击量：{n}　　【我要纠错】",
    )},
    # portal chrome (families 2, 3): other breadcrumbs, toggles, share bars, print/close rows
    "page-chrome": {
        "head": (
            "首页 › 政府信息公开 › 规划信息 › 政府工作报告",
            "您现在的位置：{xian}人民政府 → 政务公开 → 工作报告",
            "所在位置：首页 / 政府信息公开 / 法定主动公开内容 / 工作报告",
            "当前栏目：乡镇动态 › 正文",
            "无障碍阅读　｜　适老化版本　｜　English",
            "个人登录　法人登录　｜　无障碍服务　｜　手机版",
            "欢迎访问{xian}人民政府网站！今天是{date_cn}",
            "请输入您要搜索的内容　高级检索",
            "政务微信　政务微博　手机版　智能问答",
            "字号：默认　大　超大　｜　颜色：白　黄　蓝",
            "语音朗读：播放　暂停　结束",
            "{region}政务服务网　｜　{xian}人民政府门户网站",
            "站群导航　部门网站　乡镇网站",
        ),
        "tail": (
            "【打印文章】　【关闭本页】",
            "分享到：QQ好友　新浪微博　微信朋友圈",
            "扫一扫，用手机看新闻",
            "用微信“扫一扫”，分享至朋友圈",
            "【纠错】　【打印】　【收藏】",
            "打印｜收藏｜关闭",
            "附件（0）",
            "【返回上一页】",
            "↑ 返回页首",
            "手机浏览请扫描二维码",
            "本文链接二维码",
            "添加到收藏夹　｜　发送到手机",
            "点赞　在看　转发　留言",
            "TOP ▲",
        )},
    # footers (families 3, 4): other 主办/备案 layouts, review chains, pagers of other wording
    "page-footer": {"line": (
        "主办：{xian}人民政府办公室　运维：{xian}大数据发展中心",
        "备案号：{abbr}ICP备{icp}号-{q}",
        "公安机关备案号 {gongan}",
        "网站识别码：{site_code}",
        "政府网站标识码 {site_code}　｜　{abbr}ICP备{icp}号",
        "版权所有：{xian}人民政府　地址：{xian}{town2}政府街{k}号　电话：{phone}",
        "CopyRight © {year} {xian}人民政府办公室 All Rights Reserved",
        "关于我们 ｜ 网站地图 ｜ 隐私声明 ｜ 站点统计",
        "推荐使用谷歌、火狐、360极速模式浏览器浏览本站",
        "（责任编辑：{person}）",
        "文字：{person}　图片：{person2}　视频：{person3}",
        "采写：{person}　核稿：{person2}　值班主任：{person3}",
        "校对：{person}　复核：{person2}　签发：{person3}",
        "来源：{xian}融媒　编辑：{person}　责编：{person2}",
        "编辑 / {person}　审核 / {person2}",
        "总访问量：{n}　今日访问：{m}",
        "网站运维：{xian}数字政府服务中心　技术支持电话：{phone}",
        "{xian}人民政府办公室主办　{xian}政务数据服务中心承办",
        "上一条信息：{other}",
        "下一条信息：{other}",
        "前一篇：{other}　后一篇：{other2}",
        "政务服务热线：12345　　监督举报电话：{phone}",
        "网站纠错　｜　网站声明　｜　无障碍声明",
        "本文来源：{gzh}　编辑：{person}　审核：{person2}",
        "〔稿件来源：{town}党政办〕",
    )},
    # 政府信息公开 blocks (family 1), one role per layout
    "disclosure": {
        "grid": (
            "索 引 号 {idx}　　　　分　　类 工作报告",
            "制发机关 {town}人民政府　　　　成文日期 {date_cn}",
            "标　　题 {title}",
            "文　　号 {wenhao}　　　　主 题 词 报告",
        ),
        "rows": (
            "信息索取号：{idx}",
            "生成机构：{town}人民政府",
            "公开类别：政府工作报告",
            "信息时效：长期有效",
            "登记日期：{date}",
            "公文标题：{title}",
            "公开渠道：政府网站",
        ),
        "oneline": (
            "索引号/{idx}　发布机构/{town}人民政府　发布日期/{date}　分类/工作报告",
        ),
        "brackets": (
            "〔索 取 号〕{idx}",
            "〔制发单位〕{town}人民政府",
            "〔成文时间〕{date}",
            "〔公开属性〕主动公开",
        ),
        "vertical": (
            "组配分类",
            "综合政务 / 其他",
            "有 效 性",
            "现行有效",
            "是否公开",
            "主动公开",
        ),
        "hanweb": (
            "所属机构：{town}人民政府　　所属主题：工作报告　　发布日期：{date}",
            "部门：{town}党政办　　索取号：{idx}　　文号：{wenhao}",
        ),
    },
    # content-farm, WeChat and Toutiao wrappers (family 5)
    "farm-ads": {
        "lead": (
            "{title}由{farm}会员“{nick}”投稿，精心整理后发布于此，供参考。",
            "导读：本文是一篇{title}范文，共{n}字，可直接下载修改使用。",
            "【写作提示】{title}一般包括回顾和打算两部分，下面是一篇参考范文。",
            "各位读友大家好，今天给大家分享一篇{title}，觉得有用记得点赞哦。",
            "点击上方蓝色字体“{gzh}”关注我们",
            "▲点击上方“{gzh}”，设为星标，第一时间获取最新材料",
            "小编精心为您挑选了{title}，欢迎收藏和转发。",
        ),
        "ad": (
            "—— 广告 ——",
            "长按识别下方二维码，加入{gzh}材料交流群",
            "需要本文Word原稿的朋友，私信回复“{kw}”即可获取",
            "想要更多精品材料？关注{gzh}，每日更新{m}篇",
            "开通{farm}年卡会员，全站{n}篇范文免费下载",
            "【广告】公文写作特训营限时{k}折，扫码立即报名",
            "商务合作请联系微信：{wxid}",
            "本站所有文章均来自网络，仅供学习交流，如需商用请联系原作者。",
            "温馨提示：复制内容请先登录，登录后可一键复制全文",
            "如果觉得本文对您有帮助，请打赏作者{k}元",
            "觉得不错就点个“在看”吧",
            "点击下方“阅读原文”查看更多范文",
            "转载须经授权，侵权必究｜{farm}编辑部",
            "（{farm}编辑整理，未经许可禁止转载）",
            "素材来源于网络，版权归原作者所有，如有侵权请后台留言删除",
            "— END —",
            "作者：{nick}　来源：{farm}（ID：{fdom}）",
            "{gzh}｜专注基层公文写作{k}年",
        )},
    # login walls, paywalls, truncation and unlock notices (family 5)
    "paywall": {"notice": (
        "— 剩余{pct}%内容需登录查看 —",
        "登录{farm}账号，解锁全文",
        "本文为付费内容，购买后可继续阅读（{k}.90元）",
        "内容已被折叠，点击展开剩余{n}字",
        "……全文未完，请下载完整版……",
        "【以下为VIP内容】",
        "阅读全文需消耗{k}个金币",
        "完整内容请前往{farm}APP查看",
        "下载APP，阅读完整内容",
        "— 试看已结束 —",
        "关注公众号后回复验证码可解锁全文",
        "本段内容仅对注册用户可见",
        "隐藏内容：回复后可见",
        "您的阅读权限不够，请升级会员等级",
        "文章篇幅较长，仅展示前{pct}%",
        "此处为付费阅读区域，已购用户请刷新页面",
        "（会员专享：余下{n}字）",
        "（注：因篇幅所限，后续内容请在文末下载查看）",
        "查看剩余{p}页内容，请支付{k}元",
        "扫码支付{k}元，即可复制全文",
        "【全文阅读】请先完成实名认证",
        "余下内容需要输入提取码查看",
        "本文档仅提供部分内容试读，如需完整版请联系客服",
        "剩余内容已隐藏，长按二维码识别后查看",
        "文章未完，点击“继续阅读”",
    )},
    # 文库 pages (family 6): head, page counters, a running header at every page, tail
    "doc-share": {
        "head": (
            "{title}_{wk}精品文档",
            "上传人：{nick}　　上传日期：{date}　　文件大小：{size}KB",
            "分享者：{nick}｜{p}页｜{n}阅读",
            "【{wk}】{title}（可编辑版）",
            "{title}（{size}KB）.docx",
            "{title}（word版）免费下载",
            "文档编号：{docid}　　适用场景：乡镇政府",
            "评分：{star}分　　{n}人已下载",
            "VIP免费　　原创认证　　{p}页",
        ),
        "counter": (
            "·第{k}页·",
            "当前第{k}页　总{p}页",
            "Pg. {k}/{p}",
            "（预览第{k}页）",
            "{wk}　　第{k}页",
        ),
        "running": (
            "{wk}　精品文档　可编辑修改",
            "本资料来源于{wk}，仅供个人学习参考",
            "{title}　｜　{wk}整理",
        ),
        "tail": (
            "下载此文档需消耗{k}个下载券",
            "点击下载完整版文档（docx格式，{size}KB）",
            "本文档{k}积分，您的积分余额不足",
            "文档可以自由编辑，下载后请自行核对",
            "举报本文档　｜　申请认领",
            "预览结束，剩余{p}页可下载查看",
            "已有{n}人下载本文档",
            "该用户其他文档",
            "收藏本文档　　分享到微信",
        )},
    # related pages and tags (portals, WeChat 往期, farms)
    "related-lists": {
        "heading": (
            "往期内容回看",
            "热门推荐",
            "相关稿件推荐",
            "同类文章",
            "精彩推荐 ▼",
            "更多相关内容",
            "本栏目最新",
            "看了本文的人还看了",
            "专题阅读",
            "你可能还想读",
        ),
        "item": (
            "» {other}",
            "◆ {other}（{date_dot}）",
            "{other}　〔发布日期 {date_dot}〕",
            "{cnum}《{other}》",
            "◇{other}〔{date_md}〕",
            "{other}　阅读 {n}",
            "★ {other}",
            "{other}　评论 {k}",
            "{other}　点击：{n}",
            "▷ {other}",
        ),
        "tags": (
            "关键字：{kw}；{kw2}；范文",
            "专题：{kw}　{kw2}",
            "分类：工作报告　标签：{town}",
            "本文标签：{kw}　{kw2}",
            "相关话题：{kw}、{kw2}",
            "收录于合集 #{kw} {m}个",
        )},
    # CMS, editor and Word residue (family 15, 16): pieces inside text, pairs around a paragraph
    "cms-tags": {
        "piece": (
            "<!-- page_split -->",
            "[[pagebreak]]",
            "<br/><br/>",
            '<p class="ue_page_break"></p>',
            '<div style="page-break-before:always"></div>',
            "<!--分页符-->",
            "#page#",
            "$$分页$$",
            '<w:br w:type="page"/>',
            '<p class="MsoPlainText" align="justify">',
            "<![if !supportLists]>",
            "<![endif]>",
            "<!--[if gte mso 9]><xml>",
            "PAGE \\* MERGEFORMAT {k}",
            "<pb/>",
            '<img src="/upload/{year}/{docid}.png" />',
            "{{pagebreak_{k}}}",
            "<!--TRS_EDITOR-->",
        ),
        "pair": (
            "<!-- wp:paragraph --><p>",
            "</p><!-- /wp:paragraph -->",
            '<section data-tools="135editor" data-id="{n}">',
            "</section><!-- 135end -->",
            '<p style="text-indent:32px;line-height:2;">',
            "</p><p><br/></p>",
            '<font face="FangSong_GB2312" size="4">',
            "</font></span>",
            '<div id="zoom">',
            "</div><!--zoom end-->",
        )},
    # forums (family 16): 天涯-style heads, floors, replies and profile residue
    "forum": {
        "head": (
            "【楼主】{nick}　{date} {time}",
            "{nick}　发表于 {date_md} {time}　来自手机",
            "【原创】{title}（求指正）",
            "作者：{nick}　　回复日期：{date} {time}",
            "发帖人：{nick}　　所在版块：公文写作",
            "{nick} 楼主 ｜ {date} {time} ｜ 阅读 {n}",
            "{bbs} › 公文写作 › 查看主题",
        ),
        "floor": (
            "{k}#　{nick}",
            "（续上楼）",
            "—— 接{k}楼 ——",
            "楼主：{nick}　　回复日期：{date} {time}",
        ),
        "reply": (
            "楼主好人，资料已存，谢谢！",
            "感谢分享，正好用得上",
            "顶！mark一下",
            "{nick2}：支持楼主，资料很全",
            "坐等楼主更新下一篇，先收藏了",
        ),
        "tail": (
            "评论（{m}）　　只看楼主",
            "回复本楼　｜　举报",
            "快速回复　返回列表",
            "积分 {n}　　威望 {m}　　注册时间 {date}",
            "签名：写材料的路上，我们一起加油",
            "该帖子已被管理员加精",
            "点赞（{m}）　收藏　分享",
            "查看本版积分规则",
            "发帖前请阅读版规",
        )},
    # watermarks and jammers spliced into the text (family 17)
    "inline-watermark": {"piece": (
        "（首发：{farm}）",
        "（原载于{farm}）",
        "{farm}出品　翻版必究",
        "〔{fdom}.net〕",
        "（@{gzh} 出品）",
        "www.{fdom}.cn",
        "（图文来源：{gzh}）",
        "更多资料请搜索{farm}",
        "文章转自{farm}",
        "（{farm}独家）",
        "ωωω.{fdom}.com",
        "【{farm}首发】",
        "m.{fdom}.com/p/{n}",
        "本文由{farm}用户上传",
        "——{gzh}——",
        "{fdom}.com提供",
        "转自微信公众号{gzh}",
        "{farm}·原创",
        "◆{fdom}◆",
        "jammer:hex",
        "jammer:hash",
        "jammer:dashed",
        "jammer:woven",
        "jammer:dotted",
        "jammer:braced",
    )},
    # compilations: titles, tables of contents, separators, back links, running headers
    "compilation-toc": {
        "title": (
            "{year}年度镇级政府工作报告选编（{n_bodies}篇）",
            "乡镇政府工作报告{n_bodies}篇（可编辑）",
            "【合集】乡镇政府工作报告范文汇总",
            "精编乡镇政府工作报告（共{n_bodies}篇）",
            "{year}年乡镇人民政府工作报告（范本{n_bodies}则）",
        ),
        "head": (
            "目次页",
            "本期目录",
            "本合集包含以下文档：",
            "文档目录（点击标题跳转）",
        ),
        "entry": (
            "{i}）{body_town}政府工作报告　第{page}页",
            "◎{body_town}政府工作报告 ·········· {page}",
            "{i_cn}、{body_town}工作报告（P{page}）",
            "{body_town}政府工作报告 —— {page}",
            "第{i}份　{body_town}政府工作报告",
            "{i_cn}　{body_town}政府工作报告（{page}）",
            "_Toc{toc} {body_town}政府工作报告 PAGEREF _Toc{toc} \\h {page}",
        ),
        "sep": (
            "◆◇◆◇◆◇",
            "—— 第{i}份 ——",
            "【第{i_cn}份】{body_town}",
            "报告{i_cn}",
            "********",
            "（{i}/{n_bodies}）",
        ),
        "back": (
            "▲返回目录",
            "回到目录↑",
        ),
        "source": (
            "（本篇整理自{body_town}人民政府网站）",
            "本篇由{body_town}党政办提供，仅供学习参考",
        ),
        "running": (
            "乡镇政府工作报告汇编　·　内部参考",
            "{year}年乡镇政府工作报告选编",
        )},
}

FORMS: dict[str, tuple[str, ...]] = {
    family: tuple(form for group in groups.values() for form in group) for family, groups in GROUPS.items()}

# Near misses: real report sentences with the words the noise uses. They are content.
NEAR_MISSES: tuple[str, ...] = (
    "在{k}个行政村推行“扫码入户”，网格员扫码即可调取住户信息。",
    "全镇养殖场统一张贴防疫二维码，实现扫码查验、扫码溯源。",
    "持续关注空巢老人生活状况，组织志愿者上门探访{n}人次。",
    "高度关注汛期地质灾害隐患，落实{k}处隐患点监测责任人。",
    "镇政府微信公众号开设“办事指南”栏目，累计推送{m}期。",
    "村（社区）干部通过微信视频连线群众，及时解答政策疑问。",
    "优化财政收入来源结构，非税收入占比下降{k}个百分点。",
    "水源地保护区内{k}处污染来源全部清理到位。",
    "镇社保所配备自助打印机，群众可自行打印参保缴费证明。",
    "为{n}户农户打印发放惠农补贴明白卡。",
    "组织致富带头人在田间地头分享产业发展经验{k}场次。",
    "推动检验检测结果共享互认，减少企业重复送检。",
    "借助网络直播推广{town}农特产品，线上销售额同比增长{pct}%。",
    "在镇文化站开设直播课堂，邀请非遗传承人现场授课。",
    "吸纳{m}户脱贫户成为专业合作社会员，户均增收{n}元。",
    "镇老年协会会员发展到{n}人，常态开展文体活动。",
    "指导{k}家小微企业下载安装个人所得税APP，完成汇算清缴。",
    "推动农户下载使用“防返贫监测”小程序，实现风险自主申报。",
    "组织机关干部开展读书活动，人均阅读书目{k}本。",
    "建成{k}个农家书屋阅读点，实现村村有书读。",
    "组织{m}名干部登录网络学院完成年度学习任务。",
    "督促{k}家企业登录安全生产信息平台开展隐患自查。",
    "修订完善村规民约，编印《{town}乡贤名录》。",
    "完成村级档案目录整理，归档文件{n}件。",
    "建立重点项目索引清单，实行挂图作战。",
    "按期发布防汛、抗旱等预警信息{n}条。",
    "依法发布禁渔期通告，查处非法捕捞{k}起。",
    "组织编辑《{town}年鉴》，全面记录全镇发展历程。",
    "对群众留言逐条回复，回复率达到{pct}%。",
    "认真办理人大代表建议{k}件，全部按期答复回复。",
    "强化版权执法监管，查处盗版出版物{k}起。",
    "鼓励文创企业申请版权登记，全年登记作品{n}件。",
    "依托“互联网+监管”平台，实现食品来源可查、去向可追。",
    "建立“码上办”服务专区，扫描二维码即可预约办理{k}类事项。",
    "在{k}所学校推广“阳光食堂”，家长扫码即可查看后厨实况。",
    "针对群众关注的停车难问题，新增公共停车位{m}个。",
    "持续关注企业用工需求，举办线上线下招聘会{k}场。",
    "组建“红色宣讲团”，通过微信群、朋友圈分享身边好人故事。",
    "建立镇村干部微信联络群，实现政策信息一键直达。",
    "全年统计数据来源于镇统计站月报和部门台账。",
    "开辟多元化资金来源，撬动社会资本投入{m}亿元。",
    "便民服务中心提供免费复印、打印服务，全年服务群众{n}人次。",
    "积极推广电子社保卡，群众无需打印纸质材料即可办理业务。",
    "推进“数据共享、一网通办”，办事材料精简{pct}%。",
    "鼓励电商企业开展直播销售，培育网红带货主播{k}名。",
    "通过镇广播站和抖音直播间宣传防诈知识。",
    "引导种粮大户加入农机专业合作社，入社会员达到{n}户。",
    "组织企业登录“信用中国”网站开展信用修复{k}家。",
    "公开财政预算和政府采购信息，主动接受群众监督，全年在政务公开栏发布信息{n}条。",
    "完善村务公开目录，将惠民资金发放情况纳入公开内容。",
    "安装高清视频监控{k}路，实现重点区域全天候关注。",
    "开展“我为群众办实事”活动，在线回复群众诉求{n}条。",
    "制作发放政策宣传折页{n}份，扫描折页上的二维码可收听语音解读。",
    "引导村民下载“{town}智慧党建”APP，党员学习率达到{pct}%。",
    "发布《{town}招商引资项目册》，推介重点项目{k}个。",
    "关注青少年心理健康，在中小学配备心理辅导教师{k}名。",
)


def form_count() -> int:
    """Distinct noise forms in the set (a jammer shape counts one; each tag of a pair counts one)."""
    return sum(len(forms) for forms in FORMS.values())


# --------------------------------------------------------------------------------------------
# Placement


def _pick(page: _Page, family: str, group: str, low: int, high: int) -> list[str]:
    """``low``–``high`` distinct forms of one role of ``family``, filled and recorded as noise."""
    return page.lines(family, low, high, GROUPS[family][group])


def _ends(paragraphs: Sequence[str]) -> list[int]:
    """Body paragraphs that end a sentence (something can be glued after them)."""
    start = dev._body_start(paragraphs)
    return [i for i in range(start, len(paragraphs)) if paragraphs[i].endswith(("。", "！", "；"))]


def _glue_end(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece glued to the end of a body paragraph, as a scrape flattens a widget into it."""
    out = list(paragraphs)
    for piece in pieces:
        index = rng.choice(_ends(out) or [len(out) - 1])
        out[index] += piece
    return out


def _glue_start(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece glued to the start of a body paragraph."""
    out = list(paragraphs)
    start = dev._body_start(out)
    for piece in pieces:
        index = rng.randint(min(start + 1, len(out) - 1), len(out) - 1)
        out[index] = piece + out[index]
    return out


def _collapse(lines: list[str], rng: random.Random, rate: float) -> list[str]:
    """With probability ``rate``, the lines side by side on one line (two columns, a flattened bar).

    >>> _collapse(["甲", "乙", "丙"], random.Random(1), 1.0)[0].count("甲")
    1
    """
    if len(lines) >= 2 and rng.random() < rate:
        gap = rng.choice(("　　", "\t", "   ", "　｜　"))
        return [gap.join(lines)]
    return lines


def _page_breaks(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece on its own line where a page ended: between paragraphs, or splitting a long
    paragraph in the middle of a sentence (a page of a 文库 preview ends mid-sentence)."""
    out = list(paragraphs)
    start = dev._body_start(out)
    for piece in pieces:
        long = [i for i in range(start, len(out)) if len(out[i]) > 60]
        if long and rng.random() < 0.5:
            index = rng.choice(long)
            text = out[index]
            cuts = [i for i in range(10, len(text) - 10)
                    if text[i - 1] not in "。！？；" and not (text[i - 1].isascii() and text[i].isascii())]
            at = rng.choice(cuts) if cuts else len(text)
            out[index:index + 1] = [text[:at], piece, text[at:]] if cuts else [text, piece]
        else:
            out.insert(rng.randint(start + 1, max(start + 1, len(out) - 1)), piece)
    return out


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
    """Meta lines above or under the title, two collapsed to one, or glued to the title with no gap."""
    lines = _collapse(_pick(page, "meta-line", "line", 1, 2), page.rng, 0.35)
    title = dev._title_index(paragraphs)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.3:
        out[title] = out[title] + page.rng.choice(("", "　", " ")) + lines[0]
        return out[:title + 1] + lines[1:] + out[title + 1:]
    at = title if roll < 0.55 else page.rng.choice([title + 1, max(title + 1, dev._body_start(out) - 1)])
    return out[:at] + lines + out[at:]


@_own
def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Navigation rows above the title (often flattened to one line), a toolbar below the closing
    call or glued to it; some portals repeat the toolbar above the title too."""
    head = _collapse(_pick(page, "page-chrome", "head", 1, 3), page.rng, 0.4)
    tail = _collapse(_pick(page, "page-chrome", "tail", 1, 4), page.rng, 0.3)
    out = list(paragraphs)
    if page.rng.random() < 0.25:
        out[-1] += tail.pop(0)
    if tail and page.rng.random() < 0.25:  # the same toolbar at the top and the bottom
        head.append(page.line("page-chrome", page.rng.choice(GROUPS["page-chrome"]["tail"])))
        tail.append(head[-1])
    return head + out + tail


@_own
def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Footer lines after the closing call, in two columns, flattened, or the credit glued on."""
    lines = _pick(page, "page-footer", "line", 2, 6)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.25:
        out[-1] += lines.pop(0)
    elif roll < 0.5:
        gap = page.rng.choice(("　　", "\t", " ｜ "))
        lines = [gap.join(lines[i:i + 2]) for i in range(0, len(lines), 2)]
    elif roll < 0.65:
        lines = ["　".join(lines)]
    return out + lines


@_own
def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A 信息公开 block in one of six layouts, above the title or between the title and the body."""
    layout = page.rng.choice(list(GROUPS["disclosure"]))
    rows = list(GROUPS["disclosure"][layout])
    if layout in ("rows", "brackets") and len(rows) > 3:
        keep = sorted(page.rng.sample(range(len(rows)), page.rng.randint(3, len(rows))))
        rows = [rows[i] for i in keep]
    block = [page.line("disclosure", row) for row in rows]
    if layout == "rows" and page.rng.random() < 0.3:
        block = ["　　".join(block)]
    title = dev._title_index(paragraphs)
    at = page.rng.choice([0, 0, title + 1])
    return paragraphs[:at] + block + paragraphs[at:]


@_own
def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in above or under the title; ads between paragraphs or glued to a paragraph's end;
    one ad sometimes repeated at the top and the end (seed 000 repeats its QQ ad)."""
    title = dev._title_index(paragraphs)
    lead = page.line("farm-ads", page.rng.choice(GROUPS["farm-ads"]["lead"]))
    at = page.rng.choice([title, title + 1, title + 1])
    out = [*paragraphs[:at], lead, *paragraphs[at:]]
    ads = _pick(page, "farm-ads", "ad", 1, 3)
    glued = [ad for ad in ads if page.rng.random() < 0.35]
    out = _glue_end(dev._between(out, [ad for ad in ads if ad not in glued], page.rng), glued, page.rng)
    roll = page.rng.random()
    if roll < 0.25:
        out.append(ads[0])
    elif roll < 0.7:
        out += _pick(page, "farm-ads", "ad", 1, 2)
    return out


@_own
def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A notice on its own line, glued to a paragraph's end or start, or inside a sentence."""
    pieces = _pick(page, "paywall", "notice", 1, 2)
    roll = page.rng.random()
    if roll < 0.25:
        return dev._between(paragraphs, pieces, page.rng)
    if roll < 0.45:
        return _glue_end(paragraphs, pieces, page.rng)
    if roll < 0.6:
        return _glue_start(paragraphs, pieces, page.rng)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.6, break_after=0.5)


@_own
def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """Head lines; at each page break a counter, and sometimes the site's running header too,
    often splitting a sentence; a tail of buttons."""
    groups = GROUPS["doc-share"]
    head = _collapse(_pick(page, "doc-share", "head", 1, 3), page.rng, 0.25)
    style = page.rng.choice(groups["counter"])
    running = page.rng.choice(groups["running"]) if page.rng.random() < 0.5 else None
    page.values["p"] = str(page.rng.randint(9, 28))
    breaks = []
    for number in range(page.rng.randint(1, 3)):
        page.values["k"] = str(2 + number * page.rng.randint(2, 3))
        counter = page.line("doc-share", style)
        breaks.append(counter if running is None else counter + "\n" + page.line("doc-share", running))
    page.values.pop("k")
    body = "\n".join(_page_breaks(paragraphs, breaks, page.rng)).split("\n")
    tail = _collapse(_pick(page, "doc-share", "tail", 1, 3), page.rng, 0.25)
    return head + body + tail


@_own
def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 items after the closing call or mid-text; items sometimes all on one line."""
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
        page.values.update(k=str(number), cnum=_CIRCLED[number - 1])
        items.append(page.line("related-lists", style))
    if page.rng.random() < 0.2:
        items = ["　".join(items)]
    tags = _pick(page, "related-lists", "tags", 0, 1)
    block = [heading, *items, *tags] if page.rng.random() < 0.75 else [*tags, heading, *items]
    if page.rng.random() < 0.25:
        start = dev._body_start(paragraphs)
        at = page.rng.randint(start + 1, max(start + 1, len(paragraphs) - 2))
        return paragraphs[:at] + block + paragraphs[at:]
    return paragraphs + block


@_own
def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Residue inside paragraphs or glued to the title; a tag pair around a whole paragraph."""
    pieces = _pick(page, "cms-tags", "piece", 0, 2)
    out = dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.4, break_after=0.4)
    if page.rng.random() < 0.2:
        title = dev._title_index(out)
        out[title] += page.line("cms-tags", page.rng.choice(GROUPS["cms-tags"]["piece"]))
    pairs = GROUPS["cms-tags"]["pair"]
    if not pieces or page.rng.random() < 0.5:
        opener = page.rng.randrange(0, len(pairs), 2)
        index = page.rng.randint(dev._body_start(out), len(out) - 1)
        opening, closing = page.line("cms-tags", pairs[opener]), page.line("cms-tags", pairs[opener + 1])
        out[index] = opening + out[index] + closing
    return out


@_own
def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """Poster lines above (or glued to the title), the report split over floors with replies
    between them, profile and reply chrome below."""
    groups = GROUPS["forum"]
    head = _pick(page, "forum", "head", 1, 2)
    out = list(paragraphs)
    if page.rng.random() < 0.2:
        title = dev._title_index(out)
        out[title] = head.pop() + " " + out[title]
    if page.rng.random() < 0.5:
        breaks = []
        for number in range(page.rng.randint(1, 2)):
            page.values["k"] = str(number + 2)
            lines = [page.line("forum", page.rng.choice(groups["floor"]))]
            if page.rng.random() < 0.5:
                lines.insert(0, page.line("forum", page.rng.choice(groups["reply"])))
            breaks.append("\n".join(lines))
        page.values.pop("k")
        out = "\n".join(dev._between(out, breaks, page.rng)).split("\n")
    tail = _pick(page, "forum", "reply", 0, 2) + _collapse(_pick(page, "forum", "tail", 1, 3), page.rng, 0.3)
    return head + out + tail


_ASCII = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz"


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape of this set.

    >>> sorted({len(_jammer(random.Random(5), s)) > 5 for s in (
    ...     "jammer:hex", "jammer:hash", "jammer:dashed", "jammer:woven", "jammer:dotted", "jammer:braced")})
    [True]
    """
    pairs = ["".join(rng.choice(_ASCII) for _ in range(2)) for _ in range(rng.randint(3, 5))]
    if shape == "jammer:hex":  # ``0x3F7A9C2E``
        return "0x" + "".join(rng.choice("0123456789ABCDEF") for _ in range(rng.randint(6, 10)))
    if shape == "jammer:hash":  # ``#A7#k2#9Q#``
        return "#" + "#".join(pairs) + "#"
    if shape == "jammer:dashed":  # ``k9-Xz-7Q-pm``
        return "-".join(pairs)
    if shape == "jammer:woven":  # ``文q思7公8文``: a site's characters with letters or digits woven in
        site = rng.choice(_SITES)[0]
        return "".join(ch + rng.choice(_ASCII) for ch in site[:-1]) + site[-1]
    if shape == "jammer:dotted":  # ``a.7.K.q.2``
        return ".".join(rng.choice(_ASCII) for _ in range(rng.randint(5, 7)))
    return "".join("{" + pair + "}" for pair in pairs)  # ``jammer:braced``: ``{a9}{Kx}{3m}``


@_own
def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Watermarks and jammers inside sentences; one sometimes glued to the title or a paragraph's start."""
    forms = GROUPS["inline-watermark"]["piece"]
    out = dev.splice_watermarks(paragraphs, page, forms, _jammer)
    plain = [t for t in forms if not t.startswith("jammer:")]
    roll = page.rng.random()
    if roll < 0.2:
        title = dev._title_index(out)
        out[title] += page.line("inline-watermark", page.rng.choice(plain))
    elif roll < 0.4:
        out = _glue_start(out, [page.line("inline-watermark", page.rng.choice(plain))], page.rng)
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
    """2–4 reports behind a title and a table of contents (sometimes on one line); separators,
    a running header repeated before every report, a source credit and ``返回目录`` links after them."""
    _add_values(page)
    rng, groups = page.rng, GROUPS["compilation-toc"]
    names = [first, *rng.sample([name for name in gold if name != first], rng.randint(1, 3))]
    page.values["n_bodies"] = str(len(names))
    lines = [page.line("compilation-toc", rng.choice(groups["title"]))]
    if rng.random() < 0.8:
        lines.append(page.line("compilation-toc", rng.choice(groups["head"])))
    entry = rng.choice(groups["entry"])
    separator = rng.choice(groups["sep"]) if rng.random() < 0.7 else None
    running = rng.choice(groups["running"]) if rng.random() < 0.35 else None
    back = rng.choice(groups["back"]) if rng.random() < 0.3 else None
    source = rng.choice(groups["source"]) if rng.random() < 0.3 else None
    number = rng.randint(1, 3)
    entries = []
    for i, name in enumerate(names, 1):
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name],
                           page=str(number), toc=str(rng.randint(10**8, 10**9 - 1)))
        entries.append(page.line("compilation-toc", entry))
        number += rng.randint(5, 14)
    lines += ["　".join(entries)] if rng.random() < 0.2 else entries
    for i, name in enumerate(names, 1):
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name])
        if running:
            lines.append(page.line("compilation-toc", running))
        if separator:
            lines.append(page.line("compilation-toc", separator))
        lines += split_paragraphs(gold[name])
        if source:
            lines.append(page.line("compilation-toc", source))
        if back:
            lines.append(page.line("compilation-toc", back))
    return lines, "".join(gold[name] for name in names)


# --------------------------------------------------------------------------------------------
# Samples (the same interface as the other sets, so bench/fidelity.py runs any of them)


def make_heldout(family: str, seed: int) -> Heldout:
    """The sample of ``family`` for ``seed``: deterministic, seeded apart from the other sets."""
    return dev.make_sample(family, seed, label="heldout-test3-s5", family_functions=FAMILY_FUNCTIONS,
                           near_misses=NEAR_MISSES, append_rate=0.55, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the other sets

OTHER_SETS = ("bench.heldout", "bench.heldout_dev2", "bench.heldout_dev3", "bench.heldout_dev4",
              "bench.heldout_test", "bench.heldout_test2")


def other_sets() -> dict[str, ModuleType]:
    """The other held-out modules that exist (``dev4`` may not yet)."""
    return {name: importlib.import_module(name) for name in OTHER_SETS if importlib.util.find_spec(name)}


def _templates(module: ModuleType) -> list[str]:
    return [t for group in module.FORMS.values() for t in group if not t.startswith("jammer:")]


def _fills_anything(template: str) -> bool:
    """A template that is one field of a kind ``template_regex`` does not know: its regex fills
    any text without spaces or colons, so a string matching it shows no overlap (the skeleton
    check still compares it).

    >>> _fills_anything("{toc_code}"), _fills_anything("{index}"), _fills_anything("第{k}页")
    (True, False, False)
    """
    match = re.fullmatch(r"\{([^{}]*)\}", template)
    known = {*dev2.FIELD_PATTERNS, "other", "other2", "title", "body_title"}
    return match is not None and match[1] not in known


def _as_dev_names(text: str) -> str:
    """``text`` with this set's names swapped for development-set names of the same kind, so that
    a form that differs from a dev form by its names only is still caught.

    >>> _as_dev_names("文章转自文思公文")
    '文章转自第一范文网'
    """
    swaps = [*((site, dev._FARM_SITES[0][0]) for site, _ in _SITES),
             *((domain, dev._FARM_SITES[0][1]) for _, domain in _SITES),
             *((name, dev._WECHAT[0]) for name in _ACCOUNTS),
             *((name, dev._DOC_SITES[0]) for name in _DOC_SITES),
             *((name, dev._NICKS[0]) for name in _NICKS), *((name, dev._GOV_DOMAINS[0]) for name in _PORTALS),
             *((name, dev._COUNTIES[0]) for name in _PLACES if name.endswith("县")),
             *((name, dev._CITIES[0]) for name in _PLACES if name.endswith("市")),
             *((name, dev._PROVINCES[0]) for name in _ABBR)]
    for ours, theirs in sorted(swaps, key=lambda pair: -len(pair[0])):
        text = text.replace(ours, theirs)
    return text


def overlaps(strings: Iterable[str] = ()) -> list[str]:
    """This set's templates (and near-miss templates) with the skeleton of a template of another
    set, and those of ``strings`` (filled noise or near misses) that another set's template fills
    with values of the right kinds (as they are, or with this set's names swapped for dev names).
    A clash names this set's string and the other set, never the other set's form (the test sets
    must stay unread). Empty when the sets are apart.

    >>> overlaps()
    []
    """
    ours = [t for group in FORMS.values() for t in group if not t.startswith("jammer:")]
    found = []
    for name, module in other_sets().items():
        theirs = [*_templates(module), *module.NEAR_MISSES]
        skeletons = {dev2.skeleton(t) for t in theirs}
        found += [f"template {t!r} has the skeleton of a {name} template"
                  for t in (*ours, *NEAR_MISSES) if dev2.skeleton(t) in skeletons]
        patterns = [dev2.template_regex(t) for t in theirs if not _fills_anything(t)]
        for text in strings:
            candidates = {dev2._squeeze(text), dev2._squeeze(_as_dev_names(text))}
            if any(p.fullmatch(c) for p in patterns for c in candidates):
                found.append(f"string {text!r} fills a {name} template")
    return found


def _names_are_new() -> list[str]:
    """This set's names that another set already uses as a name (checked by the tests).

    >>> _names_are_new()
    []
    """
    ours = {*(s for s, _ in _SITES), *(d for _, d in _SITES), *_ACCOUNTS, *_DOC_SITES, *_NICKS, *_PORTALS,
            *_PLACES, *_ABBR, *_REGIONS, *_FORUMS}
    used = []
    for module in other_sets().values():
        pools = [getattr(module, attr) for attr in dir(module)
                 if isinstance(getattr(module, attr), tuple) and attr != "FAMILIES"]
        for pool in pools:
            flat = {x for item in pool for x in (item if isinstance(item, tuple) else (item,))
                    if isinstance(x, str)}
            used += sorted(ours & flat)
    return sorted(set(used))
