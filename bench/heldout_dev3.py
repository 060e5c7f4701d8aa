"""The third development set: boilerplate forms written fresh in session 4.

Written by a helper who read no rule file, no engine code and not the blind test set, from the
noise catalogue's families, the five raw seeds and what portals, content farms, document-sharing
sites and forums leave in scraped text. Same twelve families, records, placement machinery and
scoring as ``bench/heldout.py`` and ``bench/heldout_dev2.py``, but other noise, to widen what rule
writers see:

* other sites, accounts, document sites, nicknames and portal domains (``_SITES`` … below: none
  of them is a name of the other sets);
* other wordings and layouts: disclosure blocks as tab tables, in traditional characters, as
  bullets, bilingual, as ``<tr><td>`` residue, as one long ``｜`` line; TRS/WordPress/Word/BBCode
  residue; 贴吧 and Discuz floor chrome; Word TOC fields and dotted leaders;
* other placements: a meta line glued after the title, two-column toolbars, a footer flattened
  to one line or its credit glued to the last paragraph, ads glued to a paragraph's end, counters
  glued to a paragraph's start, opening/closing tag pairs around a paragraph, a report split over
  forum floors, related lists in the middle of the text, a TOC flattened to one line and
  ``返回目录`` links after each report.

No form has the skeleton of a ``dev``/``dev2`` template and no string it injects fills one
(``overlaps``; ``tests/test_heldout_dev3.py`` runs it and shows it catches dev and dev2 strings).
Forms avoid characters the normalizer rewrites (ASCII punctuation in Chinese text, full-width
Latin, 「」) where they are not the point: rewritten noise would count as removed.

>>> sample = make_heldout("disclosure", 1)
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

# --------------------------------------------------------------------------------------------
# Values of this set only (the other template fields are those of ``bench.heldout._Values``)

_SITES = (("公文派", "gongwenpai"), ("妙笔范文网", "miaobifw"), ("材料星球", "clxq"),
          ("一线公文网", "yxgw"), ("笔友文库", "biyouwk"), ("机关文苑", "jgwy"),
          ("范文资料站", "fwzlz"), ("好材料网", "haocailiao"))
_ACCOUNTS = ("基层公文圈", "乡镇材料汇", "笔杆子加油站", "公文研习社", "机关写手", "材料狗日记")
_DOC_SITES = ("新浪爱问共享资料", "文档投稿赚钱网", "得力文库", "max文库", "冰点文库", "课件文库")
_NICKS = ("明月清风", "tiger_wang", "写手阿飞", "zhangsan1988", "乡镇小吏", "蓝色海洋", "wenmi_li")
_PORTALS = ("yzx", "qianshan", "liyang", "jianou", "yudu", "shucheng", "xixia", "wanzhou")
_PROVINCE_NAMES = ("湖南", "浙江", "重庆", "福建", "江西", "江苏", "安徽", "河南", "四川")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def _add_values(page: _Page) -> None:
    """This set's own fields, drawn once per sample: one site, one account … per page."""
    rng = page.rng
    site, domain = rng.choice(_SITES)
    nick, nick2 = rng.sample(_NICKS, 2)
    page.values.update(site3=site, fdom3=domain, gzh=rng.choice(_ACCOUNTS), wk=rng.choice(_DOC_SITES),
                       nick=nick, nick2=nick2, gdom=rng.choice(_PORTALS),
                       provname=rng.choice(_PROVINCE_NAMES))


# --------------------------------------------------------------------------------------------
# The forms, by family and by role within the family (the placement picks from the roles)

GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    # article meta lines (catalogue family 2): other label sets, empty values, widgets at the end
    "meta-line": {"line": (
        "稿件来源：{town}党政办公室　发布日期：{date}　阅读数：{n}",
        "发布时间：{date} {time}　来源：{gdom}.gov.cn　【我要打印】",
        "{date_cn} {time} 来自：{town}人民政府 阅读 {n}",
        "【字体：大 中 小】 发布日期：{date} 作者：{town}党政办",
        "信息来源：{town}　｜　发布时间：{date} {time_s}　｜　访问量：{n}　｜　【打印】【关闭】",
        "来源：{town}人民政府　　作者：{town}人民政府　　时间：{date}　　字号：A+ A A-",
        "发布：{date}　点击：{n}　来源：{town}",
        "作者：佚名　来源：{site3}　更新：{date_short}　阅读：{n}",
        "更新时间：{date_cn} 作者：{nick} 来源：网友投稿",
        "{nick} · {date} · 阅读 {n}",
        "原创 {gzh} {date} {time} 发表于{provname}",
        "文章来源：{county}人民政府办公室　　发布时间：{date}　　【字号：大｜中｜小】",
        "发布日期：{date_dot}　信息来源：{town}　浏览次数：{n}　【打印本页】【关闭窗口】",
        "来源：{town}人民政府　发布时间：{date}　点击数：",
        "作者：　来源：{town}　发布时间：{date} {time}　阅读：",
        "发布者：系统管理员　来源：{town}　时间：{date_slash}",
        "〔来源〕{town}人民政府　〔日期〕{date}　〔阅读〕{n}",
        "{county}新闻网讯　{date_cn}　记者：{person}　通讯员：{person2}",
        "发布时间：{date} {time}　所属栏目：乡镇动态　浏览：{n}",
        "栏目：政府工作报告　来源：{town}　发布：{date}",
        "访问：{n}次　来源：{town}人民政府　发布日期：{date_cn}",
        "{date} {time}　{town}人民政府　字号：大　中　小　打印",
        "来源：{town}人民政府　时间：{date}　浏览：{n}　语音播报",
        "作者：{person}　审核：{person2}　来源：{town}　发布时间：{date}",
        "发布时间：{date_slash} {time}　信息来源：{county}{town}　背景色：",
        "时间：{date_cn}　来源：{town}　分享：",
    )},
    # portal chrome (catalogue family 3): above the title, and below the closing call
    "page-chrome": {
        "head": (
            "当前位置：首页›政务公开›政府信息公开›工作报告",
            "您现在所在的位置：{county}人民政府 → 乡镇街道 → {town} → 政务公开",
            "网站首页｜机构概况｜政务公开｜政务服务｜互动交流",
            "首页　　机构　　公开　　服务　　互动　　专题",
            "简 ｜ 繁 ｜ 无障碍 ｜ 关怀模式 ｜ 移动版",
            "个人登录　｜　法人登录　｜　注册",
            "请输入搜索内容　全站搜索",
            "热点：{town}重点项目　乡村振兴　营商环境",
            "当前栏目：政府工作报告",
            "信息公开目录　｜　信息公开指南　｜　信息公开制度　｜　依申请公开",
            "返回旧版　进入新版",
            "{county}人民政府 主办　　今日{weekday}",
            "首页 / 乡镇（街道） / {town} / 计划总结",
            "{county}人民政府网 · {town}频道",
        ),
        "tail": (
            "扫码在手机上看",
            "手机看：扫描二维码",
            "用微信扫一扫，把本文分享到朋友圈",
            "分享：微信｜微博｜QQ｜复制链接",
            "【打印正文】",
            "【关闭本页】",
            "[打印] [关闭] [顶部]",
            "× 关闭",
            "⇧ 顶部",
            "意见反馈　｜　纠错　｜　打印",
            "本页链接：https://www.{gdom}.gov.cn/{path}",
            "文章二维码",
            "收藏本文　　打印本文　　关闭本文",
            "【点赞 {k}】【评论】【转发】",
            "保存到桌面　｜　加入收藏",
        ),
    },
    # page footers (catalogue families 3, 4): pagers, credits, operators, filing numbers
    "page-footer": {"line": (
        "上篇：{other}",
        "下篇：{other}",
        "‹ 上一篇　{other}",
        "下一篇 ›　{other}",
        "主办：{county}人民政府办公室　承办：{county}融媒体中心　技术保障：{company}",
        "主办单位：{town}人民政府　网站标识码：{site_code}　{prov}ICP备{icp}号-{k}",
        "{prov}公网安备{gongan}号",
        "备案号：{prov}ICP备{icp}号　网站标识码：{site_code}",
        "© {year} {county}人民政府办公室 版权所有 未经授权 禁止复制",
        "版权所有©{county}人民政府　All rights reserved.",
        "本网站由{county}数据资源管理局承建维护",
        "联系我们：{phone}　电子邮箱：{gdom}@163.com",
        "网站总访问量：{n}　今日：{m}",
        "建议使用Chrome浏览器，分辨率1366×768以上",
        "（责任编辑：{person}　审核：{person2}）",
        "【纠错】　【打印】　责任编辑：{person}",
        "一审：{person}　二审：{person2}　三审：{person3}",
        "信息来源：{town}　|",
        "文字：{person}　图片：{person2}　编辑：{person3}",
        "扫一扫关注{county}发布微信公众号",
        "网站地图 · 联系我们 · 无障碍声明 · 隐私政策",
        "地址：{town}政府路{k}号　邮政编码：{zip}　值班电话：{phone}",
        "关于我们｜网站声明｜网站纠错｜意见建议",
        "友情链接：中国政府网　{provname}省人民政府　{city}人民政府",
        "[ 责任编辑：{person} ]",
        "本文链接：http://www.{gdom}.gov.cn/{path}",
    )},
    # disclosure blocks (catalogue family 1): nine layouts, none of the dev sets'
    "disclosure": {
        "tabs": (
            "索引号\t{index}\t公开类别\t主动公开",
            "发布机构\t{town}人民政府\t成文日期\t{date}",
            "文件名称\t{title}",
            "公开时限\t长期公开\t信息分类\t计划总结",
        ),
        "oneline": (
            "索引号：{index}｜信息分类：计划总结｜发布机构：{town}人民政府｜生成日期：{date}｜公开方式：主动公开",
        ),
        "traditional": (
            "索引號：{index}",
            "公開範圍：面向社會",
            "發布機構：{town}人民政府",
            "發文日期：{date}",
            "時效：有效",
        ),
        "bullets": (
            "◆ 索引号：{index}",
            "◆ 主题分类：城乡建设、环境保护",
            "◆ 发布机构：{town}人民政府",
            "◆ 发布日期：{date_cn}",
            "◆ 文号：无",
        ),
        "pipes": (
            "索 取 号 | {index} | 信息类别 | 计划总结 |",
            "发布日期 | {date} | 发布单位 | {town} |",
            "体裁分类 | 报告 | ||",
            "相关附件 | 无 |",
        ),
        "bilingual": (
            "索引号 Index No.：{index}",
            "发布机构 Issued by：{town}人民政府",
            "发布日期 Date：{date}",
            "主题分类 Category：工作报告",
        ),
        "brackets": (
            "〔索引号〕{index}　〔发布机构〕{town}人民政府",
            "〔成文日期〕{date}　〔公开方式〕主动公开",
        ),
        "summary": (
            "信息名称：{title}",
            "内容概述：{town}人民政府{year}年政府工作报告全文。",
            "关 键 字：工作报告",
            "文　　号：{docno}",
            "效力状态：有效",
        ),
        "html": (
            "<tr><td>索引号</td><td>{index}</td></tr>",
            "<tr><td>发布机构</td><td>{town}人民政府</td></tr>",
            "<tr><td>公开日期</td><td>{date}</td></tr>",
        ),
    },
    # content-farm wrappers (catalogue family 5): lead-ins above, ads inside, tails below
    "farm-ads": {
        "lead": (
            "【导读】{title}是怎么写的？{site3}精心为大家整理了这篇范文，快来看看吧。",
            "{site3}为您精选了{title}，供您学习参考。",
            "编辑推荐：{title}精选范文，下载即可使用。",
            "温馨提示：本文约{n}字，建议收藏后阅读。",
            "{title}（汇总{k}篇）",
            "浏览量：{n}　收藏量：{m}　下载量：{k}",
            "文章来自投稿　发布于{date}　共{n}人阅读",
            "#{site3}# 导语：{title}怎么写？下面是{site3}为您整理的范文。",
        ),
        "ad": (
            "想要这篇材料的Word版？关注公众号“{gzh}”，发送“{k}{m}”领取。",
            "资料交流群：{qq}（群内每日更新各类公文）",
            "▎扫描下方二维码，添加小编微信，拉你进材料交流群",
            "本文为“{gzh}”原创，作者：{nick}，转载请联系授权。",
            "点击“阅读原文”查看更多范文",
            "—— 以下为正文 ——",
            "往期推荐：{other}",
            "【{site3}】提供各类公文范文，欢迎收藏本站：{fdom3}.net",
            "如需下载，请加小编QQ{qq}备注“范文”",
            "—— THE END ——",
            "声明：本站资料来自网友分享，若有侵权请发邮件至{fdom3}@qq.com，我们会尽快处理。",
            "觉得不错？记得点赞、在看、分享三连哦～",
            "本文共计{n}字，由{nick}于{date}投稿",
            "文章标题：{title}　　链接：https://www.{fdom3}.net/{path}",
            "更多{title}相关范文，尽在{site3}。",
            "{site3}微信小程序上线啦，随时随地查范文！",
            "编辑：{site3}小编　来源：网络整理",
            "▼ 长按下图识别二维码，获取更多写作干货 ▼",
            "写材料、查资料，就上{site3}",
            "公文写作交流：加V {wx}",
            "此文为作者原创，著作权归作者所有，商业转载请联系作者获得授权，非商业转载请注明出处。",
            "{gzh}　｜　每天一篇好材料",
            "↓ 点击下方名片关注“{gzh}” ↓",
            "喜欢这篇文章？转发给更多需要的朋友吧",
            "本文相关热搜：乡镇工作报告、政府工作报告范文、{town}工作报告",
        ),
    },
    # paywalls, login walls, truncation notices (catalogue family 5)
    "paywall": {"notice": (
        "（全文阅读需登录，本页仅显示前{k}段）",
        "……余下{n}字，请登录后继续阅读……",
        "【温馨提示】您正在阅读试读内容，余下部分请开通会员",
        "试读已结束，如需继续阅读或下载，敬请购买",
        "本文档仅提供部分内容试读，如需获得完整版请下载",
        "以上为文档前{q}页内容，完整文档共{p}页",
        "……（付费后可见完整内容）",
        "当前为精简版，完整版{n}字请扫码付费{k}元后查看",
        "……略……（会员可见{n}字）",
        "登录查看剩余{pct}%内容",
        "（内容未完，请点击下一页继续阅读）",
        "▲ 查看全文需要先登录 ▲",
        "余下全文（共{n}字）请登录后阅读",
        "[隐藏内容需要回复才可见]",
        "本帖隐藏的内容需要积分高于 {m} 才可浏览",
        "游客，如果您要查看本帖隐藏内容请回复",
        "……此处为付费内容，已隐藏……",
        "【剩余{n}字，购买本文后可阅读】",
        "文章剩余内容{n}字，开通年卡会员即可阅读",
        "下载完整版Word文档，可编辑修改，仅需{k}元",
        "……后面还有{n}字……",
        "付费阅读｜¥{k}.{q}0",
        "查看完整内容请先登录或注册",
        "本内容为VIP专享，你已阅读{pct}%",
        "[本文已截断，全文见原网页]",
        "点击加载更多内容",
        "（以下内容仅对{site3}会员开放）",
        "（本文为节选，阅读完整报告请前往{site3}）",
        "—— 未完待续，下一页 ——",
        "【会员专区】本段内容已折叠，开通会员立即解锁",
        "全文约{n}字，免费预览{pct}%",
    )},
    # document-sharing pages (catalogue family 6): head, page counters, tail
    "doc-share": {
        "head": (
            "{title}【{wk}】",
            "{title}.pdf - 在线阅读",
            "{title}第{k}页-{wk}",
            "分享者：{nick}　　分享于{date}",
            "贡献者：{nick}｜{date}｜{n}次阅读｜{m}次下载",
            "文档ID：{n}{m}　　类型：PDF　　页数：{p}",
            "{p}页　{size}KB　{k}积分",
            "大小：{size}MB　|　格式：pdf　|　共{p}页",
            "本文档已被{n}人收藏",
            "文档简介：{title}，供参考。",
            "上传于：{date_dot}　浏览：{n}　下载：{m}",
            "{wk} > 政务文书 > 工作报告",
            "认证：{wk}官方认证　原创力度：★★★★",
        ),
        "counter": (
            "- {k} -",
            "第{k}页，共{p}页",
            "{k}/{p}页",
            "——第{k}页——",
            "[第{k}页]",
        ),
        "glued-counter": (
            "第{k}页共{p}页",
            "页码：{k}/{p}",
        ),
        "tail": (
            "本文档由用户上传，{wk}仅提供存储服务",
            "剩余{p}页未读，下载后可阅读全文",
            "下载此文档　|　在线阅读　|　举报",
            "开通会员，免费下载全站文档",
            "{wk}版权所有 · 知识共享平台",
            "预览结束，喜欢就下载吧！",
            "该文档不支持在线预览，请下载后阅读",
            "猜你喜欢：{other}.doc",
            "{k}下载券　｜　下载文档",
            "免责声明：{wk}所有文档均由用户上传，仅供阅读参考。",
            "原创力度：{k}星　｜　用户评分：{q}.{k}",
        ),
    },
    # related pages (portals and farms): headings, item styles, tag lines
    "related-lists": {
        "heading": (
            "相关内容",
            "延伸推荐",
            "你可能还喜欢",
            "其他人还在看",
            "【推荐阅读】",
            "热门范文排行",
            "最新文章",
            "同栏目文章",
            "相关政策解读",
            "阅读排行",
            "看过本文的还看了",
        ),
        "item": (
            "{cnum}{other}（{date_md}）",
            "{other}　〔{date_slash}〕",
            "◆{other}",
            "【{town2}】{other}",
            "{other}（阅读{n}）",
            "▸ {other}　{date_md}",
            "{other}.docx",
            "推荐{k}：{other}",
            "{other}　{n}人看过",
        ),
        "tags": (
            "热门标签：工作报告 乡镇工作 政府报告",
            "标签：#政府工作报告# #{town}#",
            "所属专题：政府工作报告",
            "关键字：{town}｜工作报告｜{year}",
            "TAG标签：{town} 工作报告",
        ),
    },
    # CMS, editor and export residue (catalogue families 15, 16)
    "cms-tags": {
        "piece": (
            "<!--StartFragment-->",
            "<!--EndFragment-->",
            "&emsp;&emsp;",
            ".TRS_Editor P{{margin-top:0px;margin-bottom:12px;line-height:1.5;"
            "font-family:宋体;font-size:12pt;}}",
            "<!--enpcontent-->",
            "<!--/enpcontent-->",
            '[caption id="attachment_{n}" align="aligncenter" width="600"]',
            "<!-- pagebreak -->",
            "&amp;nbsp;",
            "<o:p>&nbsp;</o:p>",
            "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>"
            "<![endif]-->",
            '<img src="/uploadfile/{year}/{n}.jpg" alt="" />',
            "![](http://www.{gdom}.gov.cn/images/{n}.png)",
            "<p><br/></p>",
            "<BR><BR>",
        ),
        # opening and closing tags wrapped around one paragraph (pairs: opener, closer)
        "pair": (
            '<P style="LINE-HEIGHT: 150%; TEXT-INDENT: 2em">', "</P>",
            '<div class="TRS_Editor">', "</div>",
            "<!-- wp:paragraph -->", "<!-- /wp:paragraph -->",
            '<span style="font-size:16px;font-family:仿宋_GB2312">', "</span>",
            "[align=center][b]", "[/b][/align]",
            "[color=#333333]", "[/color]",
        ),
    },
    # forum chrome (catalogue family 16): poster lines, floors splitting the report, post chrome
    "forum": {
        "head": (
            "{nick} 发表于 {k} 小时前",
            "楼主　{nick}　{date} {time}　只看他",
            "主题：{title}　［复制链接］",
            "发帖时间：{date} {time}　　IP属地：{provname}",
            "本主题由 {nick2} 于 {date} {time} 设置高亮",
            "百度贴吧 › {town}吧 › 看贴",
        ),
        "floor": (
            "{k}楼　{nick}　{date} {time}",
            "——续楼上——",
            "来自Android客户端{k}楼{date} {time}",
        ),
        "tail": (
            "回复（{k}）　｜　举报",
            "该楼层疑似违规已被系统折叠 隐藏此楼查看此楼",
            "马上注册，结交更多好友，享用更多功能，让你轻松玩转社区。",
            "您需要 登录 才可以下载或查看，没有账号？立即注册",
            "评分　参与人数 {k}　威望 +{k}　收起 理由",
            "支持 0　反对 0",
            "【帖子标签】工作报告",
            "举报　　回复　　只看该作者",
            "签名：写材料是一种修行",
            "{nick2}：楼主好人，感谢分享！",
            "本帖来自{site3}论坛，转载请注明",
            "返回列表　发新帖　回复",
            "[quote]{nick2}：求原文[/quote]",
            "发表于 {date} {time}　来自手机 ｜ 显示全部楼层",
            "积分 {n}　帖子 {m}　金币 {k}",
            "{nick}　{k}级　吧主",
            "收起回复　展开回复",
        ),
    },
    # watermarks and jammers spliced into paragraphs (catalogue family 17)
    "inline-watermark": {"piece": (
        "〖{site3}〗",
        "（本文由{site3}整理发布）",
        "【转载请注明出处：{site3}】",
        "{fdom3}.net",
        "www.{fdom3}.net",
        "（微信公众号：{gzh}）",
        "——{gzh}独家——",
        "❀{site3}❀",
        "•{site3}•",
        "本文首发于{site3}",
        "（来源：{gzh}）",
        "★{fdom3}★",
        "〔{site3}独家整理〕",
        "版权归{site3}所有",
        "【关注{gzh}，获取更多】",
        "{site3}·{fdom3}.net",
        "[{site3}]",
        "（{nick}原创）",
        "（{site3}提供）",
        "▌{site3}",
        "来自{gzh}的分享",
        "本段来自{fdom3}.net",
        "——摘自{site3}",
        "（此文档由{nick}上传至{wk}）",
        "〈{fdom3}.net〉",
        "〖微信搜{gzh}〗",
        "（更多范文：{fdom3}.net/fanwen）",
        "jammer:interleaved",
        "jammer:pipes",
        "jammer:underscored",
        "jammer:spaced",
        "jammer:cjk-digits",
        "jammer:doubled",
    )},
    # a compilation (catalogue 1, seed 000): title, TOC head, entries, separators, back links
    "compilation-toc": {
        "title": (
            "{year}年度乡镇人民政府工作报告（{n_bodies}篇合集）",
            "乡镇政府工作报告范本大全",
            "【精选】街道乡镇政府工作报告{n_bodies}篇汇编",
            "政府工作报告（乡镇版）汇总",
            "{year}年乡镇半年工作报告及下半年计划（共{n_bodies}篇）",
        ),
        "head": (
            "目 录 CONTENTS",
            "目　次",
            "文档目录：",
            "▍目录",
            "本篇目录",
            "〓 目 录 〓",
            "【篇目】",
            "目 录 导 航",
        ),
        "entry": (
            "{i}、{body_title}····························{page}",
            "第{i_cn}部分　{body_town}政府工作报告\t\t{page}",
            "{body_town}政府工作报告 ································· {page}",
            "◎ {body_title}　（第{page}页）",
            "[{i}] {body_town}政府工作报告 —— P{page}",
            "{i}.{body_town}政府工作报告 {page}",
            '{body_town}政府工作报告 PAGEREF _Toc{toc} \\h {page}',
            'HYPERLINK \\l "_Toc{toc}" {i_cn}、{body_town}政府工作报告 {page}',
            "{i_cn}　{body_title}／{page}",
            "{i}　{body_town}政府工作报告 ………………………… - {page} -",
            "{i}　{body_title}………{page}页",
        ),
        "sep": (
            "范文第{i}篇：{body_town}政府工作报告",
            "━━━━━━━━━━━━━━━━",
            "※　※　※",
            "第{i}篇　{body_town}政府工作报告（全文）",
            "●第{i_cn}篇●",
            "范本{i}",
            "【范文{i}】{body_town}政府工作报告",
            "———— {body_town} ————",
        ),
        "back": (
            "↑返回目录",
            "[返回目录]",
            "回到目录 ▲",
        ),
    },
}

FORMS: dict[str, tuple[str, ...]] = {
    family: tuple(form for group in groups.values() for form in group) for family, groups in GROUPS.items()}

# Near misses: report sentences with the noise's words. They are content and must survive.
NEAR_MISSES: tuple[str, ...] = (
    "在集市、车站张贴反诈宣传二维码{n}张，群众扫码即可举报诈骗线索。",
    "始终关注留守儿童成长，建成“儿童之家”{k}个。",
    "密切关注市场价格波动，确保生猪稳产保供。",
    "建立村级微信工作群{k}个，实现户户有人联系。",
    "组建“{town}微信志愿服务队”，开展志愿服务{n}人次。",
    "清理整顿污染来源，完成{k}条沟渠清淤。",
    "本年度新增财政收入主要来源于税收增长和土地出让。",
    "为{n}名退役军人免费打印优待证申领材料。",
    "镇便民服务中心开通“一窗打印”服务，{k}类证照可现场打印。",
    "组织种植大户分享种植技术，举办田间课堂{k}场。",
    "建立数据共享平台，实现{k}个部门信息互联互通。",
    "开展“村播”培训，{m}名村民成为直播带货能手。",
    "利用直播平台推介{town}特色产品，带动销售{m}万元。",
    "发展农机合作社会员{m}户，机耕面积达{n}亩。",
    "开展会员制养老服务试点，服务老人{n}人次。",
    "推动{k}项涉企证照实现电子化，企业可在线下载打印。",
    "镇村两级统一使用“{town}政务通”APP，工作人员每日登录签到。",
    "全镇{pct}%的企业实现网上登录申报。",
    "镇政府网站开设“政策解读”专栏，全年发布解读文章{n}篇。",
    "完成镇政府网站集约化迁移，关停“僵尸”网站{k}个。",
    "编制村级小微权力清单和事项目录，公开上墙。",
    "制定《{town}产业发展目录》，引导项目向园区集中。",
    "建成{k}个直播间，孵化带货主播{m}名。",
    "在微信小程序上线“随手拍”功能，收集问题线索{n}条。",
    "进一步拓宽融资来源，成功争取专项债券{m}亿元。",
    "二维码门牌覆盖全镇{k}个村，外来人口扫码即可登记。",
    "全镇{m}家餐饮单位张贴“食安二维码”，消费者扫码可查食品来源。",
    "用好“学习强国”平台，组织党员干部登录学习、分享心得。",
    "举办“乡村振兴大讲堂”网络直播{k}场，线上观看{n}人次。",
    "加大招商力度，重点关注新能源、新材料产业，引进项目{k}个。",
    "对{k}处危房设立警示标识，张贴二维码实行动态监管。",
    "镇图书馆开通电子借阅服务，读者注册会员后可免费下载电子书。",
    "积极推广“一码通办”，群众扫一扫即可查询办事进度。",
    "完成不动产登记档案扫描{n}卷，可随时查询打印。",
    "村务监督委员会通过微信群公开村级财务，接受群众监督。",
    "关注重点人群就业，开发公益性岗位{k}个。",
    "以上各项指标数据来源于县统计局和镇统计站。",
    "组织开展网络文明传播活动，党员干部转发分享正能量作品{n}篇。",
    "开展知识产权保护宣传，指导企业下载使用正版软件。",
    "建成电商直播基地{k}个，年直播销售额突破{m}万元。",
    "在镇政府网站和政务微信同步公开财政预决算信息。",
    "将{k}项便民服务事项纳入镇级公共服务目录，实行清单化管理。",
)


def form_count() -> int:
    """Distinct noise forms in the set (the jammer shapes count one each; a tag pair counts two)."""
    return sum(len(forms) for forms in FORMS.values())


# --------------------------------------------------------------------------------------------
# Placement


def _pick(page: _Page, family: str, group: str, low: int, high: int) -> list[str]:
    """``low``–``high`` distinct forms of one role of ``family``, filled and recorded as noise."""
    return page.lines(family, low, high, GROUPS[family][group])


def _sentence_paragraphs(paragraphs: Sequence[str]) -> list[int]:
    """Body paragraphs that end a sentence (where something can be glued after them)."""
    start = dev._body_start(paragraphs)
    return [i for i in range(start, len(paragraphs)) if paragraphs[i].endswith(("。", "！", "；"))]


def _glue_end(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece glued to the end of a body paragraph, as a scrape flattens an ad block into it."""
    out = list(paragraphs)
    for piece in pieces:
        candidates = _sentence_paragraphs(out) or [len(out) - 1]
        index = rng.choice(candidates)
        out[index] += piece
    return out


def _glue_start(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece glued to the start of a body paragraph (a page counter before the next page)."""
    out = list(paragraphs)
    start = dev._body_start(out)
    for piece in pieces:
        index = rng.randint(min(start + 1, len(out) - 1), len(out) - 1)
        out[index] = piece + out[index]
    return out


def _columns(lines: list[str], rng: random.Random) -> list[str]:
    """Two items side by side on one line, as a two-column toolbar or footer comes out."""
    if len(lines) >= 2 and rng.random() < 0.4:
        gap = rng.choice(("\t", "　　　　", "    ", " | "))
        return [lines[0] + gap + lines[1], *lines[2:]]
    return lines


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
    """A meta line above or under the title, before ``各位代表``, or glued after the title."""
    lines = _pick(page, "meta-line", "line", 1, 2)
    title = dev._title_index(paragraphs)
    if page.rng.random() < 0.25:
        out = list(paragraphs)
        out[title] = out[title] + page.rng.choice(("　", "  ", "\t")) + lines[0]
        return out[:title + 1] + lines[1:] + out[title + 1:]
    at = page.rng.choice([title, title + 1, max(title + 1, dev._body_start(paragraphs) - 1)])
    return paragraphs[:at] + lines + paragraphs[at:]


@_own
def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Navigation above the title; a toolbar, often two columns wide, below the closing call."""
    head = _columns(_pick(page, "page-chrome", "head", 1, 3), page.rng)
    tail = _columns(_pick(page, "page-chrome", "tail", 1, 4), page.rng)
    if page.rng.random() < 0.2:  # some portals put the share bar above the title too
        head, tail = head + tail[:1], tail[1:]
    return head + paragraphs + tail


@_own
def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Footer lines after the closing call: sometimes flattened to one line, sometimes the first
    glued to the last paragraph (a credit in brackets right after the text)."""
    lines = _pick(page, "page-footer", "line", 2, 6)
    out = list(paragraphs)
    roll = page.rng.random()
    if roll < 0.25:
        out[-1] += lines.pop(0)
    elif roll < 0.5:
        lines = ["　　".join(lines)]
    return out + lines


_DISCLOSURE_LAYOUTS = ("tabs", "oneline", "traditional", "bullets", "pipes", "bilingual", "brackets",
                       "summary", "html")


@_own
def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A disclosure block in one of nine layouts, at the top, under the title, or before
    ``各位代表``; label-per-line layouts show a subset of their rows."""
    layout = page.rng.choice(_DISCLOSURE_LAYOUTS)
    rows = list(GROUPS["disclosure"][layout])
    if layout in ("traditional", "bullets", "summary", "bilingual") and len(rows) > 3:
        keep = sorted(page.rng.sample(range(len(rows)), page.rng.randint(3, len(rows))))
        rows = [rows[i] for i in keep]
    block = [page.line("disclosure", row) for row in rows]
    title = dev._title_index(paragraphs)
    at = page.rng.choice([0, 0, title + 1, max(title + 1, dev._body_start(paragraphs) - 1)])
    return paragraphs[:at] + block + paragraphs[at:]


@_own
def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in at the top, ads between paragraphs or glued to a paragraph's end, an ad tail."""
    title = dev._title_index(paragraphs)
    lead = page.line("farm-ads", page.rng.choice(GROUPS["farm-ads"]["lead"]))
    at = page.rng.choice([title, title + 1])
    out = [*paragraphs[:at], lead, *paragraphs[at:]]
    ads = _pick(page, "farm-ads", "ad", 1, 3)
    glued = [ad for ad in ads if page.rng.random() < 0.35]
    out = dev._between(out, [ad for ad in ads if ad not in glued], page.rng)
    out = _glue_end(out, glued, page.rng)
    if page.rng.random() < 0.6:
        out += _pick(page, "farm-ads", "ad", 1, 2)
    return out


@_own
def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A notice on its own line, glued to a paragraph's end, or inside a sentence."""
    pieces = _pick(page, "paywall", "notice", 1, 2)
    roll = page.rng.random()
    if roll < 0.3:
        return dev._between(paragraphs, pieces, page.rng)
    if roll < 0.6:
        return _glue_end(paragraphs, pieces, page.rng)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.6, break_after=0.6)


@_own
def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """Head lines, page counters (on their own line, or glued before the next page's text), a tail."""
    groups = GROUPS["doc-share"]
    head = _pick(page, "doc-share", "head", 1, 3)
    glued = page.rng.random() < 0.35
    style = page.rng.choice(groups["glued-counter"] if glued else groups["counter"])
    page.values["p"] = str(page.rng.randint(8, 30))
    counters = []
    for number in range(page.rng.randint(1, 3)):
        page.values["k"] = str(2 + number * page.rng.randint(2, 4))
        counters.append(page.line("doc-share", style))
    page.values.pop("k")
    body = (_glue_start if glued else dev._between)(paragraphs, counters, page.rng)
    tail = _pick(page, "doc-share", "tail", 1, 3)
    return head + body + tail


@_own
def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 items: after the closing call, or between paragraphs (a WeChat
    推荐阅读 block); items sometimes two to a line."""
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
        items = ["　　".join(items[i:i + 2]) for i in range(0, len(items), 2)]
    tags = _pick(page, "related-lists", "tags", 0, 1)
    block = [heading, *items, *tags]
    if page.rng.random() < 0.25:
        out = list(paragraphs)
        at = page.rng.randint(dev._body_start(out) + 1, max(dev._body_start(out) + 1, len(out) - 2))
        return out[:at] + block + out[at:]
    return paragraphs + block


@_own
def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Residue inside paragraphs; an opening and closing tag around a whole paragraph."""
    pieces = _pick(page, "cms-tags", "piece", 0, 2)
    out = dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.4, break_after=0.4)
    pairs = GROUPS["cms-tags"]["pair"]
    if not pieces or page.rng.random() < 0.6:
        opener = page.rng.randrange(0, len(pairs), 2)
        start = dev._body_start(out)
        index = page.rng.randint(start, len(out) - 1)
        out[index] = (page.line("cms-tags", pairs[opener]) + out[index]
                      + page.line("cms-tags", pairs[opener + 1]))
    return out


@_own
def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """Poster lines above (or glued to the title), the report split over floors, chrome below."""
    head = _pick(page, "forum", "head", 1, 2)
    out = list(paragraphs)
    if page.rng.random() < 0.2:
        title = dev._title_index(out)
        out[title] = head.pop() + "　" + out[title]
    if page.rng.random() < 0.5:
        floors = []
        for number in range(page.rng.randint(1, 2)):
            page.values["k"] = str(number + 2)
            floors.append(page.line("forum", page.rng.choice(GROUPS["forum"]["floor"])))
        page.values.pop("k")
        out = dev._between(out, floors, page.rng)
    tail = _pick(page, "forum", "tail", 1, 4)
    return head + out + tail


_ASCII = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz"
_SYMBOLS = "}%[@~^*"


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape neither dev set uses.

    >>> sorted({len(_jammer(random.Random(3), s)) > 4 for s in (
    ...     "jammer:interleaved", "jammer:pipes", "jammer:underscored", "jammer:spaced",
    ...     "jammer:cjk-digits", "jammer:doubled")})
    [True]
    """
    site = rng.choice(_SITES)[0]
    if shape == "jammer:interleaved":  # ``材}料%星[球`` : a site name with symbols between its characters
        return "".join(ch + rng.choice(_SYMBOLS) for ch in site[:-1]) + site[-1]
    pairs = ["".join(rng.choice(_ASCII) for _ in range(2)) for _ in range(rng.randint(3, 5))]
    if shape == "jammer:pipes":  # ``|a7|Q2|kx|``
        return "|" + "|".join(pairs) + "|"
    if shape == "jammer:underscored":  # ``_x9_Kp_3M_``
        return "_" + "_".join(pairs) + "_"
    if shape == "jammer:spaced":  # ``K 7 P 2 Q M`` : single characters between spaces
        return " " + " ".join(rng.choice(_ASCII) for _ in range(rng.randint(5, 8))) + " "
    if shape == "jammer:cjk-digits":  # ``文9库2网7`` : a site's characters each followed by a digit
        return "".join(ch + rng.choice("0123456789") for ch in site)
    return site + site  # ``jammer:doubled``: a site name twice, as a repeated hidden span shows it


@_own
def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Watermarks and jammers spliced into sentences, and one sometimes at a paragraph's start."""
    out = dev.splice_watermarks(paragraphs, page, GROUPS["inline-watermark"]["piece"], _jammer)
    if page.rng.random() < 0.3:
        plain = [t for t in GROUPS["inline-watermark"]["piece"] if not t.startswith("jammer")]
        template = page.rng.choice(plain)
        out = _glue_start(out, [page.line("inline-watermark", template)], page.rng)
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
    """2–4 reports behind a title and a table of contents (sometimes flattened to one line),
    separators before the reports and ``返回目录`` links after them."""
    _add_values(page)
    rng, groups = page.rng, GROUPS["compilation-toc"]
    names = [first, *rng.sample([name for name in gold if name != first], rng.randint(1, 3))]
    page.values["n_bodies"] = str(len(names))
    lines = [page.line("compilation-toc", rng.choice(groups["title"]))]
    if rng.random() < 0.8:
        lines.append(page.line("compilation-toc", rng.choice(groups["head"])))
    entry = rng.choice(groups["entry"])
    separator = rng.choice(groups["sep"]) if rng.random() < 0.7 else None
    back = rng.choice(groups["back"]) if rng.random() < 0.35 else None
    number = rng.randint(1, 3)
    entries = []
    for i, name in enumerate(names, 1):
        page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name],
                           page=str(number), body_title=split_paragraphs(gold[name])[0],
                           toc=str(rng.randint(10**8, 10**9 - 1)))
        entries.append(page.line("compilation-toc", entry))
        number += rng.randint(5, 14)
    lines += ["　".join(entries)] if rng.random() < 0.25 else entries
    for i, name in enumerate(names, 1):
        if separator:
            page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name])
            lines.append(page.line("compilation-toc", separator))
        lines += split_paragraphs(gold[name])
        if back:
            lines.append(page.line("compilation-toc", back))
    return lines, "".join(gold[name] for name in names)


# --------------------------------------------------------------------------------------------
# Samples (the same interface as bench/heldout.py, so bench/fidelity.py runs any set)


def make_heldout(family: str, seed: int) -> Heldout:
    """The dev3 sample of ``family`` for ``seed``: deterministic, and seeded apart from the other sets."""
    return dev.make_sample(family, seed, label="heldout-dev3", family_functions=FAMILY_FUNCTIONS,
                           near_misses=NEAR_MISSES, append_rate=0.55, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the development sets

# This set's names, each mapped to a name of the same kind in ``bench/heldout.py``: a string is
# also checked with its names swapped, so that a dev template re-filled with a new site name is
# still caught ("{site}整理" with 公文派 is "第一范文网整理" with another name).
_SWAPS: tuple[tuple[str, str], ...] = tuple(sorted(
    [*((name, dev._FARM_SITES[0][0]) for name, _ in _SITES),
     *((domain, dev._FARM_SITES[0][1]) for _, domain in _SITES),
     *((name, dev._WECHAT[0]) for name in _ACCOUNTS), *((name, dev._DOC_SITES[0]) for name in _DOC_SITES),
     *((name, dev._NICKS[0]) for name in _NICKS), *((name, dev._GOV_DOMAINS[0]) for name in _PORTALS)],
    key=lambda pair: -len(pair[0])))


def swap_names(text: str) -> str:
    """``text`` with this set's site, account and user names replaced by dev names of the same kind.

    >>> swap_names("本文首发于公文派")
    '本文首发于第一范文网'
    """
    for ours, theirs in _SWAPS:
        text = text.replace(ours, theirs)
    return text


def _templates(forms: dict[str, tuple[str, ...]]) -> list[str]:
    return [t for group in forms.values() for t in group if not t.startswith("jammer:")]


@functools.cache
def _dev_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(dev2.template_regex(t) for module in (dev, dev2)
                 for t in (*_templates(module.FORMS), *module.NEAR_MISSES))


def overlaps(strings: Iterable[str] = ()) -> list[str]:
    """Everything in this set that is a form of ``dev`` or ``dev2``: a template (or near-miss
    template) with the skeleton of one of theirs, and any of ``strings`` (filled noise or near
    misses) that one of their templates fills, as it is or with its names swapped (``swap_names``).
    Empty when the sets are apart.

    >>> overlaps()
    []
    """
    theirs = {dev2.skeleton(t) for module in (dev, dev2)
              for t in (*_templates(module.FORMS), *module.NEAR_MISSES)}
    found = [f"template {t!r}" for t in (*_templates(FORMS), *NEAR_MISSES) if dev2.skeleton(t) in theirs]
    patterns = _dev_patterns()
    for text in strings:
        for variant in {dev2._squeeze(text), dev2._squeeze(swap_names(text))}:
            hit = next((p.pattern for p in patterns if p.fullmatch(variant)), None)
            if hit is not None:
                found.append(f"string {text!r} fills the template {hit!r}")
                break
    return found
