"""The second blind test set (session 4): boilerplate forms for an honest final measurement.

The first test set (``bench/heldout_test.py``) was measured many times during session 4 and its
per-family numbers steered decisions, so it no longer measures generalization cleanly. This set
was written by someone who read no rule file, no engine code, no test-set form and no miss list,
from the noise catalogue's families, the raw seeds and what real pages leave in scraped text:
other provinces' portal CMSs (Hanweb, TRS and Dahan-style 信息公开 tables in tab, pipe, vertical
and one-line layouts), WeChat-article heads and tails (原标题, 点击蓝字, 往期推荐, 在看), other
文库 sites and page counters, 贴吧 and Discuz profile residue, Hanweb/WordPress/clipboard markup,
other jammer shapes (URL-encoded fragments, pipe tokens, spaced capitals), and other sites',
accounts' and uploaders' names than the other sets use (``_add_names``).

Same twelve families, records (``Heldout``, ``Noise``) and scoring as the other held-out sets;
``overlaps`` proves that no form re-fills a template of ``dev``, ``dev2``, ``dev3`` or ``test``;
it reports a clash by this set's string only, never by the other set's form. (When written, no
injected string equaled a rule example either: fidelity's leak check counts those.)
Forms avoid characters a normalizer would rewrite (full-width Latin letters, ASCII punctuation
next to Chinese, traditional characters) unless they are the point: rewritten noise would no
longer be found and would count as removed. **Rule writers: do not read this file.**

>>> sample = make_heldout("forum", 1)
>>> all(item.text in sample.data for item in sample.noise), len(sample.near_misses) >= 2
(True, True)
>>> all(s in sample.gold for s in sample.near_misses)
True
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

from bench import heldout as dev
from bench import heldout_dev2 as dev2
from bench.corrupt import TOWN_OF_GOLD, split_paragraphs
from bench.heldout import Heldout, _Page, fill

# --------------------------------------------------------------------------------------------
# Names of this set: sites, accounts, uploaders, domains none of the other sets use

_SITES = (("文秘范文库", "wmfwk"), ("公文帮手网", "gwbangshou"), ("材料狗", "cailiaogou"),
          ("笔友范文网", "biyoufw"), ("一点公文", "yidiangw"), ("星火文稿", "xhwengao"),
          ("好写手范文", "haoxieshou"))
_ACCOUNTS = ("机关笔杆", "公文研习所", "材料兵", "写手驿站", "乡镇干部之家", "基层文稿")
_DOC_SITES = ("稻壳文档", "七彩文库", "淘文档网", "max文档", "蓝莓文库", "帮帮文库", "书签文档")
_NICKS = ("山城笔客", "wzx_1987", "一苇渡江", "青衫书生", "dzb_office", "北坡牧歌", "材料搬运工",
          "liyang0312")
_GOV = ("jysz", "shaoshan", "lixian", "ningxiang", "jingde", "wuyuan", "lianyuan", "taojiang")
_PROVINCE = ("湖南", "江西", "浙江", "安徽", "四川", "湖北", "福建", "河南")
_ABBR = ("鄂", "粤", "黔", "桂", "陕", "冀")


def _index(rng: random.Random) -> str:
    """A 索引号 in a multi-part shape (organization code, category, year, number)."""
    return f"{rng.randint(10**7, 10**8 - 1)}-{rng.randint(1, 20):02d}-{rng.randint(2016, 2024)}-" \
           f"{rng.randint(1, 9999):04d}"


def _add_names(page: _Page) -> None:
    """Put this set's own names into the page's template values (once per page)."""
    v, rng = page.values, page.rng
    if "site3" in v:
        return
    site, domain = rng.choice(_SITES)
    nick, nick2 = rng.sample(_NICKS, 2)
    v.update(site3=site, fdomain3=domain, acct3=rng.choice(_ACCOUNTS), docsite3=rng.choice(_DOC_SITES),
             user3=nick, user4=nick2, gov3=rng.choice(_GOV), province=rng.choice(_PROVINCE),
             abbr3=rng.choice(_ABBR), idx3=_index(rng), wxid=f"wx_{rng.randint(10**5, 10**7)}")


# --------------------------------------------------------------------------------------------
# The forms, by family. Fields are those of ``bench.heldout._Values`` and ``_add_names``.

FORMS: dict[str, tuple[str, ...]] = {
    # article meta lines of other portals and WeChat heads (catalogue family 2)
    "meta-line": (
        "信息来源：{town}人民政府　发布时间：{date} {time}　浏览次数：{n}　【打印本页】",
        "时间：{date_dot}　来源：{town}　字号：A+ | A-",
        "作者：{town}党政办　|　发布时间：{date}　|　来源：{county}人民政府网　|　【默认】【大】【特大】",
        "发布时间：{date} 来源：{town} 作者：{person} 点击率：{n} 【分享到微信】",
        "{city}{county}{town}　{date_cn}　浏览{n}次",
        "来源单位：{town}人民政府　　发布人：{person}　　发布时间：{date_slash} {time}",
        "日期：{date}　　浏览：{n}　　来源：{county}乡村振兴局　　字体：【大】【中】【小】　　【朗读】",
        "来源：{town}人民政府　发布时间：{date} {time}　阅读次数：　字体：【　】",
        "首发时间：{date}　　更新时间：{date2}　　来源：{county}融媒",
        "{date} {time} 来源：{county}新闻网 作者：{person} 【字号 大 中 小】 【打印】",
        "时间：{date}　阅读：{n}　评论：0",
        "来源：{county}电视台　记者：{person} {person2}　通讯员：{person3}",
        "{town}人民政府办公室 发布于 {date} {time}",
        "文字：{person}　图片：{person2}　来源：{county}发布",
        "【发布时间：{date_cn}】【来源：{county}人民政府】【字号：大 中 小】",
        "更新日期：{date_cn} 来源：{county}人民政府 浏览：{n}",
        "浏览量：{n}　来源：{town}党政办　发布时间：{date}",
        "信息时间：{date}　信息来源：{town}人民政府　访问次数：{n}",
        "作者：佚名　来源：{site3}　时间：{date}",
        "原文作者：{person}　首发：{acct3}　{date}",
        "{acct3} {date_cn} {time}",
        "发布时间：{date_cn}　{time}　　来源：{county}人民政府　　【视力保护色】",
        "点击：{n}　时间：{date_short}　来源：{town}",
        "分类：乡镇动态　　来源：{town}　　时间：{date}　　人气：{n}",
        "发布单位：{town}　发布时间：{date}　信息类别：工作动态",
    ),
    # portal chrome: the head forms (0–14) above the title, the tail forms (15–) below the text
    "page-chrome": (
        "您所在位置：首页 → 政务公开 → 政府工作报告",
        "当前位置：{county}人民政府 > 政务公开 > 规划计划 > 正文",
        "首页>>信息公开>>年度工作报告",
        "■ 当前位置：首页 - 乡镇之窗 - {town}",
        "首页 » 专题专栏 » 两会专题",
        "政务公开 / 政府信息公开 / 法定主动公开内容 / 计划总结",
        "关怀模式 | 无障碍 | 智能问答",
        "进入无障碍模式　退出长者版",
        "简 | 繁 | 无障碍 | 长者",
        "您好，欢迎来到{county}人民政府网！",
        "天气：晴 12～20℃　{weekday}",
        "政务服务 | 政务公开 | 互动交流 | 走进{county}",
        "搜索　请输入您要搜索的内容",
        "繁体中文 | English | 移动版",
        "{county}人民政府　{gov3}.gov.cn",
        "【打印正文】　【关闭本页】",
        "打印　分享　收藏",
        "【 打印 】【 关闭 】",
        "扫码手机阅读",
        "用微信扫描二维码分享至好友和朋友圈",
        "【返回】【顶部】",
        "收藏本文 | 打印本文 | 关闭窗口",
        "返回上一级",
        "纠错 | 打印 | 关闭",
        "附件：无",
        "朗读全文　停止朗读",
        "视力保护：关 开",
        "手机扫一扫，随时随地看",
        "微信",
        "微博",
    ),
    # page footers: pagers, credits, copyright and filing lines, counters (families 3, 4)
    "page-footer": (
        "上一篇：{other}　[{date_md}]",
        "下一篇：{other}　[{date_md}]",
        "← 上一篇　{other}",
        "下一篇　{other} →",
        "上一篇：已经是第一篇了",
        "下一篇：无",
        "【责编：{person}　审稿：{person2}】",
        "来稿：{person}　编审：{person2}",
        "编辑 {person} | 审核 {person2} | 终审 {person3}",
        "【纠错】　责任编辑：{person}",
        "主办单位：中共{county}委员会　{county}人民政府",
        "承办：{county}政务服务和大数据中心　　联系方式：{phone}",
        "© {year} {county}人民政府 版权所有 未经授权禁止复制或建立镜像",
        "Copyright 2020-{year} {gov3}.gov.cn All rights reserved.",
        "{abbr3}ICP备{icp}号　{abbr3}公网安备{gongan}号　网站标识码：{site_code}",
        "网站识别码{site_code}",
        "ICP备案：{abbr3}ICP备{icp}号-2",
        "关于我们 | 网站地图 | 使用帮助 | 隐私政策",
        "网站总访问量：{n}　　今日访问量：{m}",
        "推荐使用 Chrome、Edge 浏览器，分辨率 1366×768 以上",
        "地址：{county}{town}府前路{k}号　邮编：{zip}　电话：{phone}",
        "政务服务热线：12345",
        "技术维护：{county}融媒体中心",
        "办公时间：周一至周五 8:30-12:00 14:30-17:30",
        "本网站所有内容版权归{county}人民政府所有，转载请注明出处。",
        "意见建议：{gov3}@163.com",
    ),
    # 政府信息公开 blocks in six layouts (family 1): tabbed rows (0–2), label and value lines with
    # no colon (3–10), spaced labels with colons (11–15), one line with pipes (16), two pairs a
    # line (17–19), labels in 〔〕 (20–24)
    "disclosure": (
        "索引号\t{idx3}\t主题分类\t政务公开",
        "发布机构\t{town}人民政府\t发文日期\t{date_cn}",
        "文　　号\t无\t有效性\t有效",
        "索引码",
        "{idx3}",
        "主题分类",
        "计划总结",
        "发布机构",
        "{town}人民政府",
        "成文日期",
        "{date}",
        "文件名称：{title}",
        "索 引 码：{idx3}",
        "发布机构：{county}{town}",
        "公开目录：工作报告",
        "生成日期：{date_slash}",
        "索引号：{idx3} | 发布机构：{town}人民政府 | 公开方式：主动公开 | 发布日期：{date}",
        "索 引 号：{idx3}　　　　　　公开目录：年度工作报告",
        "发布单位：{town}人民政府　　　　　　成文时间：{date_cn}",
        "文件编号：无　　　　　　　　　　　　公开属性：主动公开",
        "〔索引号〕{idx3}",
        "〔发布机构〕{town}人民政府",
        "〔发布日期〕{date_cn}",
        "〔主题词〕工作报告",
        "〔公开范围〕面向社会",
    ),
    # content-farm wrappers: leads under the title (0–7), ads and tails (8–)
    "farm-ads": (
        "原标题：{title}",
        "导读：{site3}小编为您整理了{title}，供您参考，希望对您有所帮助。",
        "为了帮助大家更好地写作，小编特意整理了{title}，一起来看看吧。",
        "{title}（热门{k}篇）",
        "点击蓝字 关注我们",
        "来源：{acct3}　编辑：{person}",
        "阅读本文约需{m}分钟",
        "👆点击上方“{acct3}”，设为星标",
        "往期推荐",
        "👇👇👇 扫码关注 获取更多材料 👇👇👇",
        "声明：文章来源于网络，如有侵权请联系删除",
        "转载请注明来源：{site3}",
        "分享 · 点赞 · 在看",
        "戳这里👉 免费领取全套公文模板",
        "需要完整Word版的，请添加微信：{wxid}",
        "公文写作交流群：{qq}（群已满可加小编微信）",
        "本文为{site3}会员投稿，版权归原作者所有",
        "免责声明：本站所发布的文章均为网友投稿，仅供学习参考",
        "本期编辑：{person}　　审核：{person2}",
        "【{site3}】专注公文写作十年",
        "更多{title}请点击下方链接查看",
        "长按二维码识别，进群领取资料",
        "喜欢就点个赞吧！",
        "以上就是{site3}小编为大家分享的全部内容",
        "版权归原作者所有，如有侵权请联系我们，我们将及时处理。",
    ),
    # truncation notices, login walls, paywalls (family 5)
    "paywall": (
        "（全文共{n}字，此处仅展示部分内容，登录会员后阅读全文）",
        "……余下{n}字请登录后查看……",
        "【此处隐藏{n}字，付费{k}元即可解锁全文】",
        "——未完待续，完整版请下载——",
        "非会员仅可阅读前{pct}%内容",
        "您当前为游客身份，请登录后查看完整内容",
        "（篇幅较长，已省略{n}字）",
        "关注公众号“{acct3}”，回复“{m}”获取全文",
        "开通会员，畅读全站{n}篇范文",
        "本文剩余{p}页，下载后查看",
        "……【查看完整内容请充值】……",
        "以上为节选，全文请登录{site3}查看",
        "☞ 阅读全文请先登录",
        "（未完）",
        "……下载全文需消耗{k}积分……",
        "付费文章，购买后可查看剩余内容",
        "温馨提示：未登录仅能预览前{q}段",
        "……[余下{n}字]……",
        "（本文为节选，全文{n}字，点击下方“阅读原文”查看）",
        "……以下内容仅对VIP开放……",
        "扫码支付{k}元，解锁剩余{p}页",
        "【登录可见】",
        "本段内容需要{k}积分兑换后查看",
        "【此处为付费内容，已购用户请刷新页面】",
    ),
    # document-sharing sites: head (0–10), page counters (11–14), tail (15–)
    "doc-share": (
        "{title}_word文档在线阅读与下载_{docsite3}",
        "{title} | {docsite3}",
        "{title}（可编辑word版）",
        "{docsite3} > 党政/司法 > 工作总结",
        "资料提供者：{user3}　　收录时间：{date}",
        "文档大小：{size}KB　　共{p}页　　下载次数：{m}",
        "热度：{n}　　★★★☆☆",
        "由 {user3} 于 {date} 分享",
        "该文档所得收入（下载+内容+预览）归上传者、原创作者所有",
        "文档简介：{title}，全文共{p}页，可编辑。",
        "原创力推荐 · 精品文档",
        "第{k}页，总{p}页",
        "— 第{k}页 —",
        "（第{k}页）",
        "P{k}（共{p}页）",
        "下载文档　　　收藏　　　分享　　　打印",
        "预览已结束，完整文档共{p}页，请下载后查看",
        "点击下载高清完整版",
        "下载需要{k}金币　　【立即下载】",
        "您的浏览器版本过低，请升级后浏览本文档",
        "开通VIP，享{n}万份文档免费下载",
        "上传文档赚钱 | 帮助中心 | 侵权投诉",
        "本站所有文档均为用户上传，如有侵权请联系删除",
        "同类文档推荐：{other}",
        "文档下载地址：https://www.{fdomain3}.com/doc/{n}.html",
    ),
    # related pages after the text: headings (0–9), item styles (10–19), tag lines (20–)
    "related-lists": (
        "相关稿件",
        "关联信息",
        "相关链接：",
        "往期精彩",
        "热点排行",
        "最近更新",
        "推荐文章",
        "您或许还想看",
        "更多>>",
        "【相关阅读】",
        "◎ {other}",
        "{date_md} · {other}",
        "{other}　　{date_slash} 发布",
        "（{k}）{other}",
        "※ {other}",
        "◇{other}",
        "{other}（{n}阅读）",
        "⊙ {other}",
        "└ {other}",
        "{date_cn} | {other}",
        "标签：{town} 工作报告 两会",
        "热门标签：乡镇工作报告 年终总结 述职报告",
        "所属专题：{year}年{county}两会",
        "本文链接：http://www.{fdomain3}.com/{path}",
    ),
    # markup residue of other CMSs, Word and the clipboard (families 15, 16)
    "cms-tags": (
        '<!-- wp:paragraph {{"fontSize":"medium"}} -->',
        "<!-- /wp:list -->",
        "<!--ZJEG_RSS.content.begin-->",
        "<!--ZJEG_RSS.content.end-->",
        '<meta name="ContentStart">',
        '<meta name="ContentEnd">',
        '<!--ewebeditor:page title=""-->',
        "<!--ContentEnd-->",
        "<!--[if gte mso 9]>",
        "<![endif]-->",
        '<p style="line-height:1.5em;text-indent:32px">',
        "</p><p>",
        '<br clear="all">',
        '<span lang="EN-US">',
        "</span></p>",
        "[pagebreak:{k}]",
        "<!--page-->",
        '<hr class="pagebreak">',
        '<div class="TRS_UEDITOR TRS_WEB">',
        "<!--TRS_EDITOR_END-->",
        '<font color="#000000">',
        "</b></font>",
    ),
    # forums: 贴吧 and Discuz/phpwind residue; head (0–4), tail (5–)
    "forum": (
        "回复：{title}",
        "{user3}　{k}楼　{date} {time}",
        "发帖时间：{date} {time}　　只看楼主",
        "[原创] {title}",
        "[此贴被{user4}在{date} {time}重新编辑]",
        "来自Android客户端",
        "来自百度贴吧客户端",
        "送TA礼物",
        "该楼层疑似违规已被系统折叠 查看此楼",
        "点击展开，查看完整图片",
        "Rank: {k}Rank: {k}",
        "发消息",
        "升级 {pct}%",
        "马克一下，谢谢楼主分享",
        "谢谢分享，正需要",
        "好文章，支持一下！",
        "{user4}：楼主能发一份Word版吗",
        "回复{user3}：已私信",
        "登录/注册后可看大图",
        "举报 | {k}楼 | {date_short} {time}",
        "查看全部评分",
        "楼主热帖",
        "本版积分规则",
        "高级模式 | 发表回复 | 回帖后跳转到最后一页",
    ),
    # watermarks spliced into paragraphs, and jammer shapes (family 17)
    "inline-watermark": (
        "（{site3}编辑整理，转载请保留）",
        "【{site3} www.{fdomain3}.net】",
        "（更多范文请关注{acct3}）",
        "（网址：{fdomain3}.net）",
        "©{site3}",
        "（{site3}首发）",
        "文章来源于{site3}网站",
        "【{site3}·范文】",
        "〓{site3}〓",
        "（转自公众号：{acct3}）",
        "（微信号：{wxid}）",
        "{site3}独家整理，盗用必究",
        "本资料来源：www.{fdomain3}.net",
        "（资料提供：{site3}）",
        "http://{fdomain3}.net/{path}",
        "jammer:urlenc",
        "jammer:pipe-tokens",
        "jammer:spaced-caps",
    ),
    # a compilation: titles (0–3), TOC heads (4–8), entries (9–14), separators (15–)
    "compilation-toc": (
        "{year}年镇人民政府工作报告范文（{n_bodies}篇合集）",
        "精选乡镇政府工作报告{n_bodies}篇汇编",
        "乡镇政府工作报告（合集）",
        "{year}乡镇政府工作报告大全",
        "总目录",
        "—— 目录 ——",
        "本文目录",
        "目录页",
        "目　录（共{n_bodies}篇）",
        "{body_town}政府工作报告……{page}",
        "第{i}篇　{body_title}（P{page}）",
        "{i} {body_town}政府工作报告 / {page}",
        "{body_title}　　{page}页",
        "Part {i}　{body_town}政府工作报告",
        "{i}、{body_title}　　第{page}页",
        "第{i_cn}部分",
        "◆ 范文{i_cn} ◆",
        "▍第{i_cn}篇",
        "【精选范文{i}】",
        "{body_town}政府工作报告（第{i}篇）",
        "范文{i}/{n_bodies}",
    ),
}

# Near misses: real-looking report sentences that hold the noise's words. They are content.
NEAR_MISSES: tuple[str, ...] = (
    "在镇行政服务中心推行“扫码取号”，群众平均等候时间缩短一半。",
    "全镇{k}个农贸市场实现“扫码付款”全覆盖。",
    "为{n}名独居老人配发“平安码”，子女扫码即可了解老人近况。",
    "始终关注群众急难愁盼问题，全年解决群众反映问题{n}件。",
    "密切关注大宗农产品价格走势，及时启动价格补贴联动机制。",
    "在村务公开栏和小区楼道张贴监督举报二维码{k}处。",
    "每批次农产品附带质量追溯二维码，实现来源可查、去向可追。",
    "依托镇微信公众号开设“政策解读”专栏，推送文章{n}篇。",
    "建立{k}个村级防汛微信工作群，确保预警信息第一时间传达到户。",
    "多渠道拓展村集体经济收入来源，全镇村均集体经营性收入达到{m}万元。",
    "严格审核救助对象收入来源，清退不符合条件人员{k}人。",
    "为企业免费打印营业执照副本{n}份，实现“当天申请、当天领照”。",
    "推广“无证明城镇”建设，群众可在自助终端打印户籍证明等{k}类证明。",
    "邀请{k}名致富带头人分享种植经验，带动周边农户{n}户增收。",
    "组织全镇干部分享学习心得，形成调研报告{k}篇。",
    "开设“{town}好物”直播间，全年直播{m}场，带动农产品销售{n}万元。",
    "通过网络直播公开招聘社区工作者，全程接受社会监督。",
    "镇老年协会新发展会员{n}人，开展文体活动{k}场。",
    "全镇个体劳动者协会会员达到{n}户。",
    "指导群众下载使用“个人所得税”APP，办理专项附加扣除{n}人次。",
    "将惠农政策汇编成册，群众可在镇政府网站下载。",
    "全面推行网上登录签到和线上审批，办件平均时限压缩{pct}%。",
    "引导{n}名退役军人登录全国退役军人服务平台完成信息采集。",
    "升级改版镇政府网站，新增政策问答栏目。",
    "镇政府网站和政务新媒体全年未发生安全事故。",
    "编制公共服务事项目录{k}类{n}项，并向社会公布。",
    "动态调整权责清单和公共服务事项目录，做到应公开尽公开。",
    "认真做好《{town}年鉴》编辑出版工作。",
    "落实镇属媒体责任编辑制度，刊发内容一律实行三级审核。",
    "加强版权执法检查，收缴盗版出版物{n}册。",
    "推荐{k}个村申报省级美丽乡村示范村，{m}个获得批复。",
    "相关部门联合开展食品安全专项检查{k}次。",
    "利用微信小程序开展“随手拍”活动，群众上传问题线索{n}条。",
    "建成“村村通”应急广播，关注度和覆盖面进一步扩大。",
    "鼓励群众关注“{town}发布”，及时了解镇里的大事小情。",
    "在党群服务中心设置自助打印机，免费为群众打印{k}类常用表格。",
    "把群众扫码评价结果纳入干部年度考核，满意率达到{pct}%。",
    "开展“主播进村”活动，培训农村电商直播人员{n}人次。",
    "全镇新增“会员制”农产品配送网点{k}个。",
    "组织{k}家企业参加线上招聘会，提供岗位{n}个，求职者可扫码投递简历。",
    "各村通过微信群发布村务信息{n}条，接受村民监督。",
    "做好档案目录整理，完成{n}卷文书档案数字化录入。",
)


def form_count() -> int:
    """Distinct noise forms in this set (the jammer shapes count one each)."""
    return sum(len(forms) for forms in FORMS.values())


# --------------------------------------------------------------------------------------------
# Placement


def _pick(page: _Page, family: str, pool: Sequence[str], low: int, high: int) -> list[str]:
    """``low``–``high`` distinct forms of ``pool``, filled and recorded as noise of ``family``."""
    _add_names(page)
    return page.lines(family, low, high, pool)


def _header_slot(paragraphs: Sequence[str], rng: random.Random) -> int:
    """Where a header line goes: the top, above the title, under it, or before ``各位代表``."""
    title = dev._title_index(paragraphs)
    greeting = dev._body_start(paragraphs) - 1
    return rng.choice([0, title, title + 1, max(title + 1, greeting)])


def _spaced(lines: list[str], rng: random.Random, rate: float) -> list[str]:
    """Blank lines between chrome lines, as many scrapes of ``<div>``-laid pages leave them."""
    if rng.random() >= rate:
        return lines
    return [part for line in lines for part in (line, "")][:-1]


# --------------------------------------------------------------------------------------------
# Families: (paragraphs, page) -> lines


def meta_line(paragraphs: list[str], page: _Page) -> list[str]:
    """One meta line in a header slot; sometimes two, one above the title and one under it."""
    lines = _pick(page, "meta-line", FORMS["meta-line"], 1, 2)
    title = dev._title_index(paragraphs)
    if len(lines) == 2 and page.rng.random() < 0.5:
        return [*paragraphs[:title], lines[0], paragraphs[title], lines[1], *paragraphs[title + 1:]]
    at = _header_slot(paragraphs, page.rng)
    return paragraphs[:at] + lines + paragraphs[at:]


def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Navigation above the title; toolbars below the text, sometimes one item a line."""
    forms = FORMS["page-chrome"]
    head = _spaced(_pick(page, "page-chrome", forms[:15], 1, 3), page.rng, 0.3)
    if page.rng.random() < 0.25:  # a share bar flattened by the scrape: its items one per line
        tail = [page.line("page-chrome", t) for t in ("手机扫一扫，随时随地看", "微信", "微博")]
    else:
        tail = _spaced(_pick(page, "page-chrome", forms[15:28], 1, 3), page.rng, 0.3)
    return head + paragraphs + tail


def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Credits and a pager, then the site footer, after the closing call."""
    forms = FORMS["page-footer"]
    credit = _pick(page, "page-footer", forms[6:10], 0, 1)
    previous, following = page.rng.choice(((0, 1), (2, 3), (4, 1), (0, 5)))
    pager = [page.line("page-footer", forms[previous])]
    for key in ("other", "date_md"):  # the next page is another page than the previous one
        page.values.pop(key, None)
    pager.append(page.line("page-footer", forms[following]))
    upper = [*credit, *pager] if page.rng.random() < 0.6 else [*pager, *credit]
    lower = _pick(page, "page-footer", forms[10:], 1, 4)
    if len(lower) >= 2 and page.rng.random() < 0.35:  # footer items flattened onto one line
        lower = ["　".join(lower[:2]), *lower[2:]]  # each item stays recorded as noise on its own
    return paragraphs + upper + _spaced(lower, page.rng, 0.2)


def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A disclosure block in one of six layouts, above the title (a quarter of them under it)."""
    _add_names(page)
    forms = FORMS["disclosure"]
    layouts = (forms[0:3], forms[3:11], forms[11:16], forms[16:17], forms[17:20], forms[20:25])
    layout = page.rng.randrange(len(layouts))
    rows = list(layouts[layout])
    if layout == 1:  # label and value lines go in pairs; portals show three or four of them
        pairs = sorted(page.rng.sample(range(4), page.rng.randint(3, 4)))
        rows = [row for p in pairs for row in rows[2 * p:2 * p + 2]]
    elif layout in (2, 5):
        rows = [row for row in rows if page.rng.random() < 0.8] or rows[:2]
    block = [page.line("disclosure", row) for row in rows]
    title = dev._title_index(paragraphs)
    at = title + 1 if page.rng.random() < 0.25 else title
    return paragraphs[:at] + block + paragraphs[at:]


def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead under the title, ads between paragraphs, a tail of WeChat-style closing lines."""
    _add_names(page)
    forms = FORMS["farm-ads"]
    leads, rest = forms[:8], forms[8:]
    title = dev._title_index(paragraphs)
    lead = page.line("farm-ads", page.rng.choice(leads))
    at = title if "篇）" in lead else title + 1
    out = [*paragraphs[:at], lead, *paragraphs[at:]]
    middle = _pick(page, "farm-ads", rest, 1, 2)
    out = dev._between(out, middle, page.rng)
    if page.rng.random() < 0.7:  # a tail of other lines than the ads in the middle
        unused = [t for t in rest if fill(t, page.values) not in middle]
        out += _spaced(_pick(page, "farm-ads", unused, 1, 3), page.rng, 0.4)
    return out


def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """A truncation or login notice: inside a paragraph, on its own line, or closing the text."""
    pieces = _pick(page, "paywall", FORMS["paywall"], 1, 2)
    roll = page.rng.random()
    if roll < 0.25:
        return paragraphs + pieces
    if roll < 0.5:
        return dev._between(paragraphs, pieces, page.rng)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.35, break_after=0.5)


def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """A 文库 page: head lines, going-up page counters between paragraphs, a tail."""
    forms = FORMS["doc-share"]
    head = _pick(page, "doc-share", forms[:11], 1, 3)
    style = page.rng.choice(forms[11:15])
    counters = []
    step = page.rng.randint(1, 3)
    for number in range(page.rng.randint(1, 3)):
        page.values["k"] = str(1 + step * (number + 1))
        counters.append(page.line("doc-share", style))
    page.values.pop("k")
    tail = _pick(page, "doc-share", forms[15:], 1, 3)
    return head + dev._between(paragraphs, counters, page.rng) + tail


def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A heading and 3–6 related pages after the text; a tag or link line before or after."""
    _add_names(page)
    forms = FORMS["related-lists"]
    heading = page.line("related-lists", page.rng.choice(forms[:10]))
    style = page.rng.choice(forms[10:20])
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
    tags = _pick(page, "related-lists", forms[20:], 0, 2)
    block = [*tags, heading, *items] if page.rng.random() < 0.4 else [heading, *items, *tags]
    return paragraphs + _spaced(block, page.rng, 0.2)


def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Markup residue inside paragraphs (half followed by a line break), or a begin/end pair
    around the body."""
    forms = FORMS["cms-tags"]
    if page.rng.random() < 0.3:
        begin, end = page.rng.choice(((2, 3), (4, 5), (8, 9), (18, 19)))
        start = dev._body_start(paragraphs)
        first = page.line("cms-tags", forms[begin])
        last = page.line("cms-tags", forms[end])
        return [*paragraphs[:start], first, *paragraphs[start:], last]
    pieces = _pick(page, "cms-tags", forms, 1, 3)
    return dev._inside(paragraphs, pieces, page.rng, mid_sentence=0.5, break_after=0.5)


def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """A report posted in a forum: the post head above, replies and board chrome below."""
    forms = FORMS["forum"]
    head = _pick(page, "forum", forms[:5], 1, 2)
    tail = _pick(page, "forum", forms[5:], 2, 5)
    return head + paragraphs + _spaced(tail, page.rng, 0.3)


_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
_ENCODED_WORDS = ("政府", "工作", "报告", "范文", "乡镇", "总结")


def _jammer(rng: random.Random, shape: str) -> str:
    """A jammer string of a shape the other sets do not use.

    >>> [len(_jammer(random.Random(3), s)) > 5 for s in ("jammer:urlenc", "jammer:pipe-tokens",
    ...                                                   "jammer:spaced-caps")]
    [True, True, True]
    """
    if shape == "jammer:urlenc":  # a URL-encoded word left by a broken link: ``%E6%94%BF%E5%BA%9C``
        return urllib.parse.quote(rng.choice(_ENCODED_WORDS))
    if shape == "jammer:pipe-tokens":  # ``x9|Qa|7m|Kp``
        return "|".join("".join(rng.choice(_ALNUM) for _ in range(2)) for _ in range(rng.randint(4, 6)))
    return " ".join(rng.choice(_ALNUM[:24]) for _ in range(rng.randint(5, 7)))  # ``Q W R K T``


def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Watermarks and jammer strings spliced into paragraphs, inside and between sentences."""
    _add_names(page)
    return dev.splice_watermarks(paragraphs, page, FORMS["inline-watermark"], _jammer)


FAMILY_FUNCTIONS: dict[str, Callable[[list[str], _Page], list[str]]] = {
    "meta-line": meta_line, "page-chrome": page_chrome, "page-footer": page_footer,
    "disclosure": disclosure, "farm-ads": farm_ads, "paywall": paywall, "doc-share": doc_share,
    "related-lists": related_lists, "cms-tags": cms_tags, "forum": forum,
    "inline-watermark": inline_watermark,
}
FAMILIES: tuple[str, ...] = (*FAMILY_FUNCTIONS, "compilation-toc")
assert FAMILIES == dev.FAMILIES  # the same families as the other sets, in the same order


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
        lines.append(page.line("compilation-toc", entry))
        number += rng.randint(6, 15)
    for i, (name, body) in enumerate(zip(names, bodies, strict=True), 1):
        if separator:
            page.values.update(i=str(i), i_cn=dev._CN_NUMERALS[i - 1], body_town=TOWN_OF_GOLD[name])
            lines.append(page.line("compilation-toc", separator))
        lines += split_paragraphs(body)
    return lines, "".join(bodies)


# --------------------------------------------------------------------------------------------
# Samples (the same interface as the other sets, so bench/fidelity.py runs any of them)


def make_heldout(family: str, seed: int) -> Heldout:
    """The sample of ``family`` for ``seed``: deterministic, seeded apart from the other sets."""
    return dev.make_sample(family, seed, label="heldout-test2-s4", family_functions=FAMILY_FUNCTIONS,
                           near_misses=NEAR_MISSES, append_rate=0.55, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]


# --------------------------------------------------------------------------------------------
# No overlap with the other sets


OTHER_SETS = ("bench.heldout", "bench.heldout_dev2", "bench.heldout_test", "bench.heldout_dev3")


def other_sets() -> dict[str, ModuleType]:
    """The other held-out modules that exist (``dev3`` may not yet)."""
    return {name: importlib.import_module(name) for name in OTHER_SETS if importlib.util.find_spec(name)}


def _templates(module: ModuleType) -> list[str]:
    return [t for group in module.FORMS.values() for t in group if not t.startswith("jammer:")]


def _as_dev_names(text: str) -> str:
    """``text`` with this set's names swapped for development-set names of the same kind, so that
    a form that differs from a dev form by its site name only is still caught.

    >>> _as_dev_names("转载请注明来源：公文帮手网")
    '转载请注明来源：第一范文网'
    """
    swaps = [*((site, dev._FARM_SITES[0][0]) for site, _ in _SITES),
             *((domain, dev._FARM_SITES[0][1]) for _, domain in _SITES),
             *((name, dev._WECHAT[0]) for name in _ACCOUNTS),
             *((name, dev._DOC_SITES[0]) for name in _DOC_SITES),
             *((name, dev._NICKS[0]) for name in _NICKS), *((name, dev._GOV_DOMAINS[0]) for name in _GOV)]
    for ours, theirs in sorted(swaps, key=lambda pair: -len(pair[0])):
        text = text.replace(ours, theirs)
    return text


def overlaps(strings: Iterable[str] = ()) -> list[str]:
    """This set's templates (and near-miss templates) with the skeleton of a template of another
    set, and those of ``strings`` (filled noise or near misses) that another set's template fills
    with values of the right kinds (as they are, or with this set's names swapped for dev names).
    A clash names this set's string and the other set, never the other set's form (the test set
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
        patterns = [dev2.template_regex(t) for t in theirs]
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
    ours = {*(s for s, _ in _SITES), *(d for _, d in _SITES), *_ACCOUNTS, *_DOC_SITES, *_NICKS, *_GOV}
    used = []
    for module in other_sets().values():
        pools = [getattr(module, attr) for attr in dir(module)
                 if isinstance(getattr(module, attr), tuple) and attr != "FAMILIES"]
        for pool in pools:
            flat = {x for item in pool for x in (item if isinstance(item, tuple) else (item,))
                    if isinstance(x, str)}
            used += sorted(ours & flat)
    return sorted(set(used))

