"""A held-out boilerplate set: noise forms the rule packs were not written from, and content that
looks like noise.

``bench/corrupt.py``'s unseen variants were read while the rule packs were written, so they no
longer tell whether the rules generalize. This module is the fresh set. It was written from the
noise catalogue's *families* (``shared/guide/noise-catalogue.md``) and from what portal, content
farm, document-sharing and forum pages leave in scraped text, without reading the rule files or
their examples; its forms are other wordings, other layouts and other sites than the catalogue's
quotes, with random dates, places, names and numbers.

One function per family, in the style of ``corrupt.py``: ``(paragraphs, rng, page) -> (lines,
noise)``. Each places its noise where real pages put it (header chrome before the title, footers
after the closing call, ads between paragraphs, truncation notices mid-text, a table of contents
before a compilation) and records every injected string exactly, with the template (*form*) it
came from, so a miss can be traced to a form. Every sample also gets 2–4 *near-miss* sentences:
real-looking report sentences that mention 扫码, 关注, 二维码, 微信, 来源, 打印, 分享, 直播,
会员, 下载, 版权, 浏览 … They are part of the sample's gold: content that must be kept.

>>> sample = make_heldout("farm-ads", 3)
>>> all(item.text in sample.data for item in sample.noise), len(sample.near_misses) >= 2
(True, True)
>>> all(s in sample.gold for s in sample.near_misses)
True
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench.corrupt import TOWN_OF_GOLD, Injected, join_paragraphs, split_paragraphs

# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Noise:
    """One injected noise string, exactly as it is in the input, and the template it came from."""

    text: str
    form: str


@dataclass(frozen=True)
class Heldout:
    """A held-out sample: the input, the gold (the body with its near-miss sentences), the noise
    injected, and the near-miss sentences (content that looks like noise)."""

    family: str
    seed: int
    gold_name: str
    gold: str
    data: str
    noise: tuple[Noise, ...]
    near_misses: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def injected(self) -> tuple[Injected, ...]:
        """The noise as ``bench.score`` takes it (every held-out form is unseen)."""
        return tuple(Injected(item.text) for item in self.noise)


# --------------------------------------------------------------------------------------------
# Random but realistic values: places, people, dates, numbers, sites

_COUNTIES = ("临澧县", "安化县", "龙游县", "巫山县", "德化县", "宁都县", "泗洪县", "凤台县", "汝阳县",
             "蒲江县", "兴国县", "会同县", "岳西县", "平和县", "崇义县", "新化县", "桐庐县", "丰都县")
_CITIES = ("常德市", "益阳市", "衢州市", "泉州市", "赣州市", "宿迁市", "淮南市", "洛阳市", "成都市",
           "吉安市", "怀化市", "安庆市")
_OTHER_TOWNS = ("石门桥镇", "梅城镇", "湖镇镇", "官渡镇", "浔中镇", "长胜乡", "青阳镇", "杨庙镇",
                "蔡店乡", "寿安镇", "杰村乡", "高椅乡", "店前镇", "九峰镇", "洋门乡", "分水镇")
_PROVINCES = ("湘", "浙", "渝", "闽", "赣", "苏", "皖", "豫", "川")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍鹏辉俊峰建国文斌宇浩凯晨欣雪琳海燕红梅志"
_NICKS = ("老张说事", "xiaoyu2019", "文海拾贝", "半亩方塘", "稻香村民", "gongwen_88", "乡村笔记",
          "清风徐来", "lw_writer", "山野闲人")
_GOV_DOMAINS = ("linli", "anhua", "longyou", "cqws", "dehua", "ningdu", "sihong", "ft", "ruyang",
                "pujiang", "xingguo", "huitong", "yuexi", "pinghe", "chongyi", "xinhua", "tonglu")
_FARM_SITES = (("第一范文网", "diyifanwen"), ("范文大全网", "fanwendaquan"), ("公文素材库", "gwsck"),
               ("文秘之家", "wenmizhijia"), ("笔杆子文库", "bgzwk"), ("写作范文网", "xzfw8"),
               ("材料精选站", "cljxz"), ("秘书帮", "mishubang"), ("公文范文网", "gwfanwen"))
_WECHAT = ("公文写作宝典", "机关材料圈", "笔尖公文", "体制内写作", "材料小助手", "每日范文精选")
_DOC_SITES = ("道客巴巴", "豆丁网", "原创力文档", "百度文库", "人人文库", "金锄头文库", "淘豆网")
_COMPANIES = ("拓尔思信息技术股份有限公司", "南京大汉网络有限公司", "开普云信息科技股份有限公司",
              "{city}政通网络科技有限公司", "{city}云畅信息技术有限公司")
_TOPICS = ("开展安全生产大检查", "做好秋冬季森林防火工作", "做好2024年度征兵工作", "开展农村人居环境整治",
           "进一步加强耕地保护", "做好防汛备汛工作", "开展燃气安全专项整治", "做好困难群众冬春救助")
_CN_NUMERALS = "一二三四五六七八九十"
_WEEKDAYS = "一二三四五六日"


def _day(rng: random.Random) -> date:
    return date(2016, 1, 1) + timedelta(days=rng.randrange(9 * 365))


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))


def _other_title(rng: random.Random, v: _Values) -> str:
    year = rng.randint(2016, 2024)
    return rng.choice((
        f"{v['town2']}{year}年上半年工作总结", f"关于{rng.choice(_TOPICS)}的通知",
        f"{v['county']}{year}年政府工作报告", f"{v['town2']}召开{year}年经济工作会议",
        f"{v['town2']}{year}年度财政预算执行情况", f"{v['county']}{year}年国民经济和社会发展统计公报",
        f"{v['town2']}{year}年工作总结及{year + 1}年工作计划",
        f"{v['town2']}开展“{rng.choice(_TOPICS)}”活动"))


class _Values(dict):
    """Template values, made on first use so that one template line holds one town, one date…
    ``{town}`` is the report's own town (the page belongs to it); everything else is random."""

    def __init__(self, rng: random.Random, town: str, title: str) -> None:
        super().__init__(town=town, title=title)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        day = _day(rng)
        makers: dict[str, Callable[[], str]] = {
            "town2": lambda: rng.choice(_OTHER_TOWNS),
            "county": lambda: rng.choice(_COUNTIES), "city": lambda: rng.choice(_CITIES),
            "prov": lambda: rng.choice(_PROVINCES),
            "person": lambda: _person(rng), "person2": lambda: _person(rng), "person3": lambda: _person(rng),
            "user": lambda: rng.choice(_NICKS), "user2": lambda: rng.choice(_NICKS),
            "date": lambda: day.isoformat(), "date2": lambda: _day(rng).isoformat(),
            "date_slash": lambda: day.strftime("%Y/%m/%d"), "date_dot": lambda: day.strftime("%Y.%m.%d"),
            "date_cn": lambda: f"{day.year}年{day.month}月{day.day}日",
            "date_md": lambda: day.strftime("%m-%d"),
            "date_short": lambda: f"{day.year}-{day.month}-{day.day}",
            "weekday": lambda: f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}",
            "year": lambda: str(day.year),
            "time": lambda: f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}",
            "time_s": lambda: f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
            "n": lambda: str(rng.randint(12, 98765)), "m": lambda: str(rng.randint(3, 60)),
            "k": lambda: str(rng.randint(2, 9)), "p": lambda: str(rng.randint(8, 40)),
            "q": lambda: str(rng.randint(2, 7)), "pct": lambda: str(rng.randint(11, 89)),
            "size": lambda: f"{rng.randint(20, 900)}.{rng.randint(0, 99):02d}",
            "cn": lambda: rng.choice(_CN_NUMERALS[1:6]),
            "qq": lambda: str(rng.randint(10**7, 4 * 10**9)), "wx": lambda: f"fw{rng.randint(1000, 99999)}",
            "icp": lambda: str(rng.randint(10**7, 10**8 - 1)),
            "site_code": lambda: str(rng.randint(10**9, 10**10 - 1)),
            "gongan": lambda: str(rng.randint(10**13, 10**14 - 1)),
            "phone": lambda: f"0{rng.randint(710, 899)}-{rng.randint(2000000, 8999999)}",
            "zip": lambda: str(rng.randint(100000, 899999)),
            "domain": lambda: rng.choice(_GOV_DOMAINS),
            "site": lambda: self._farm()[0], "fdomain": lambda: self._farm()[1],
            "acct": lambda: rng.choice(_WECHAT), "docsite": lambda: rng.choice(_DOC_SITES),
            "company": lambda: rng.choice(_COMPANIES).format(city=rng.choice(_CITIES)),
            "other": lambda: _other_title(rng, self), "other2": lambda: _other_title(rng, self),
            "index": lambda: rng.choice((
                f"{rng.randint(10**8, 10**9 - 1)}/{day.year}-{rng.randint(1, 99999):05d}",
                f"11{rng.randint(10**13, 10**14 - 1)}{rng.choice('ABKXPT')}/{day.year}-"
                f"{rng.randint(1, 999):03d}",
                f"{rng.choice(_GOV_DOMAINS)}-{day.year}-{rng.randint(1, 9999):04d}")),
            "docno": lambda: f"{rng.choice(('镇政发', '乡政发', '政办发', '镇政'))}〔{day.year}〕"
                             f"{rng.randint(1, 60)}号",
            "path": lambda: f"{rng.choice(('art', 'html', 'zwgk', 'wenzhang'))}/{day.year}{day.month:02d}/"
                            f"{rng.randint(10**5, 10**7)}.html",
        }
        value = makers[key]()
        self[key] = value
        return value

    def _farm(self) -> tuple[str, str]:
        if "_farm" not in self:
            self["_farm"] = self.rng.choice(_FARM_SITES)  # type: ignore[assignment]
        return self["_farm"]  # type: ignore[return-value]


def fill(template: str, values: _Values) -> str:
    """A template with its fields filled.

    >>> v = _Values(random.Random(0), "正余镇", "政府工作报告")
    >>> fill("来源：{town}人民政府", v)
    '来源：正余镇人民政府'
    """
    return template.format_map(values)


# --------------------------------------------------------------------------------------------
# The forms, by family. Each string is one form; the families pick from these.

FORMS: dict[str, tuple[str, ...]] = {
    # article meta lines, before the title or right after it (catalogue family 2)
    "meta-line": (
        "发布时间：{date} {time}　　来源：{county}人民政府办公室　　浏览次数：{n}",
        "信息来源：{town}人民政府  发布日期：{date}  【字号：大 中 小】",
        "作者：{person}　来源：{city}日报　时间：{date_cn}",
        "日期：{date}　　来源：{county}政府网　　点击数：{n}",
        "{date} {time_s} 来源：{town}党政综合办公室 作者：{person} 阅读量：{n}",
        "【来源：{town}】【作者：{person}】【时间：{date}】【浏览：{n}次】",
        "发布者：{town}管理员  发布时间：{date_slash}  访问次数：{n}",
        "文章来源：{county}融媒体中心 | 发布时间：{date} | 字体：[ 大 中 小 ]",
        "发布日期: {date} 浏览次数: {n} 字号:[大 中 小]",
        "时间：{date_cn}  来源：本网  编辑：{person}",
        "录入时间：{date} {time}  作者：{person}  来源：{town}  点击：{n}",
        "发文日期：{date}  |  信息提供：{town}人民政府  |  阅读次数：{n}",
        "{date} 来源：{town}人民政府 【字号 大 中 小】",
        "浏览次数：{n}次    更新时间：{date} {time}",
        "稿源：{county}新闻网  发布时间：{date}  责任编辑：{person}",
        "发布时间：{date_cn}　信息来源：{city}{county}　作者：{person}　阅读：{n}",
        "来源:{town}人民政府|{date}|浏览量:{n}",
        "发布时间：{date}",
        "来源：{town}人民政府",
        "访问量：{n} 次 更新日期：{date_dot}",
        "[ 作者:{person}  来源:{town}  点击数:{n}  更新时间:{date_short} ]",
        "撰稿：{person}　摄影：{person2}　来源：{town}",
        "发表时间：{date} {time} 【字体：小 中 大】 【颜色：默认 护眼】",
        "{date_dot}　{town}人民政府　阅读 {n}",
    ),
    # portal page chrome: breadcrumbs, toggles, toolbars, share/print/close (families 2, 3)
    "page-chrome": (
        "当前位置：首页 > 政务公开 > 政府信息公开 > 规划计划",
        "您当前的位置：首页 >> 信息公开 >> 政府工作报告",
        "您所在的位置： 网站首页 > 走进{town} > 政府工作报告",
        "首页 > 政务公开 > 法定主动公开内容 > 政府工作报告",
        "位置：首页 » 新闻中心 » 乡镇动态",
        "无障碍 | 长辈版 | 繁體 | English",
        "无障碍浏览　关怀版　简体版　繁体版",
        "网站支持IPv6　无障碍　长者模式",
        "设为首页 | 加入收藏 | 联系我们",
        "【大】【中】【小】",
        "登录 | 注册 | 个人中心",
        "今天是：{weekday}",
        "{county}人民政府门户网站",
        "站内搜索 请输入关键词 搜索",
        "开启语音 | 暂停 | 停止",
        "收藏 | 打印 | 关闭 | 分享",
        "【打印此页】【关闭此页】",
        "[ 打印本文 ] [ 关闭窗口 ] [ 返回顶部 ]",
        "分享到：微信 微博 QQ空间",
        "扫一扫在手机上查看当前页面",
        "手机扫一扫 打开当前页",
        "【收藏】【打印】【关闭】",
        "打印本页 | 关闭窗口",
        "【我要打印】【我要纠错】【关闭】",
        "返回顶部",
        "【返回列表】",
        "分享：",
        "视力保护色：",
    ),
    # page footers: pager, editor credits, copyright, 备案号, 网站标识码, contacts (families 3, 4)
    "page-footer": (
        "上一篇：{other}",
        "下一篇：{other}",
        "上一条：{other}　下一条：{other2}",
        "【上一篇】{other} 【下一篇】{other2}",
        "上一篇：没有了",
        "版权所有：{county}人民政府办公室  技术支持：{company}",
        "版权所有 © 2019-{year} {county}人民政府 保留所有权利",
        "Copyright © {year} www.{domain}.gov.cn. All Rights Reserved",
        "主办单位：{county}人民政府办公室　承办单位：{county}大数据中心",
        "网站标识码：{site_code}  {prov}ICP备{icp}号  {prov}公网安备 {gongan}号",
        "{prov}ICP备{icp}号-1",
        "政府网站找错 | 网站地图 | 联系我们",
        "联系电话：{phone}  邮编：{zip}",
        "地址：{county}{town}人民路{k}号  邮编：{zip}",
        "建议使用1920×1080分辨率 IE9.0以上浏览器",
        "您是本站第{n}位访客",
        "责任编辑：{person}",
        "审核：{person} 编辑：{person2}",
        "【编辑：{person}】",
        "编辑：{person}　审核：{person2}　签发：{person3}",
        "（编辑：{person}　校对：{person2}）",
        "网站声明 | 网站地图 | 联系我们 | 使用帮助",
        "技术支持：{company}",
        "{county}人民政府 版权所有",
        "本网站由{county}人民政府办公室主办",
    ),
    # 政府信息公开 metadata blocks, one form per row layout (family 1)
    "disclosure": (
        "索引号： | {index} | 信息分类： | 规划计划 |",
        "发布机构： | {town}人民政府 | 生成日期： | {date} |",
        "名称： | {title} |",
        "文号： | {docno} | 关键词： | 政府工作报告 |",
        "索  引  号：{index}",
        "信息分类：工作报告",
        "发文机关：{town}人民政府",
        "成文日期：{date_cn}",
        "标　　题：{title}",
        "发布日期：{date}",
        "主 题 词：政府工作报告",
        "索引号：{index}　　　　公开方式：主动公开",
        "发布机构：{town}人民政府　　　　公开时限：常年公开",
        "公开范围：面向全社会　　　　有效性：有效",
        "【信息索引号】{index}【公开方式】主动公开【公开时限】长期公开",
        "信息索引号",
        "{index}",
        "公开责任部门",
        "{town}党政综合办公室",
        "所属主题：综合政务/工作报告　　体裁分类：报告",
        "组织机构：{town}　　发布时间：{date} {time}",
        "文件编号：{docno}　　是否有效：是",
    ),
    # content-farm ads, lead-ins, reader counters, watermark lines (family 5)
    "farm-ads": (
        "微信扫一扫，关注“{acct}”公众号，回复“报告”获取Word版",
        "添加客服QQ：{qq}，免费获取更多公文写作素材",
        "↓↓↓ 扫码加微信，领取500篇政府工作报告范文 ↓↓↓",
        "写材料没思路？扫描二维码进群，每天分享精品范文",
        "关注公众号【{acct}】，后台回复“工作报告”即可下载全文",
        "更多范文请访问{site}（www.{fdomain}.com）",
        "本文已影响{n}人",
        "下面是小编为大家精心整理的{title}，希望对大家有所帮助。",
        "以下是小编收集整理的{title}，仅供参考，欢迎大家阅读。",
        "这篇关于《{title}》的文章是由网友投稿整理，欢迎参考阅读！",
        "【导语】{site}为大家带来{title}，希望能帮助到大家，欢迎阅读！",
        "文秘帮手QQ群：{qq}（进群免费领取材料）",
        "客服微信：{wx}（备注：范文）",
        "免责声明：本文仅代表作者观点，与本站无关。如有侵权请联系我们删除。",
        "（本文系{site}原创，转载请注明出处）",
        "喜欢本文请点赞、收藏、转发，您的支持是我们最大的动力！",
        "【温馨提示】本文共{n}字，阅读约需{m}分钟。",
        "{site} www.{fdomain}.com 版权所有",
        "本文来源于{site}，更多精彩内容请关注www.{fdomain}.com",
        "写作辅导｜一对一代写｜加微信{wx}",
        "{title}（精选{k}篇）",
        "第一范文网 版权所有 侵权必究",
    ),
    # login walls, paywalls, truncation notices, spliced mid-text (family 5)
    "paywall": (
        "（未完，登录后查看全文）",
        "……此处隐藏{n}字，开通VIP会员即可查看全部内容……",
        "剩余{n}字未读，点击展开全文",
        "试读结束，购买后可阅读全文（共{p}页）",
        "[全文共{n}字，当前显示{m}00字]",
        "登录后才能查看或下载全文，还没有账号？立即注册",
        "该文档为付费文档，请先购买后下载",
        "（此处省略{n}字，完整版请下载附件）",
        "点击查看全文 >>",
        "您已阅读{pct}%，登录后继续阅读",
        "VIP专享内容 | 开通会员免费阅读全文",
        "……（内容过长，已折叠，扫码关注后阅读全部）……",
        "【付费内容】以下内容需支付{k}元后阅读",
        "本篇为会员专享，成为会员可查看余下{n}字",
    ),
    # document-sharing sites: titles, uploader lines, counters, download buttons (family 6)
    "doc-share": (
        "{title} - {docsite}",
        "{title}_{docsite}",
        "文档贡献者：{user}",
        "上传时间：{date}　　下载积分：{k}",
        "浏览：{n}次　下载：{m}次　收藏：{k}次",
        "页数：{p}页　大小：{size}KB　格式：DOCX",
        "本文档由 {user} 于 {date} 上传分享",
        "内容提供方：{user}",
        "文档分类：行业资料 > 工作报告",
        "举报 | 收藏 | 下载 | 分享",
        "下载文档到电脑，查找使用更方便",
        "{k}积分　立即下载",
        "还剩{p}页未读，继续阅读",
        "温馨提示：当前文档最多只能预览{q}页，此文档共{p}页，请下载原文档以浏览全部内容。",
        "本文档共{p}页，当前预览{q}页，下载后查看完整内容",
        "第{k}页 / 共{p}页",
        "{docsite} · 第{k}页",
        "免费下载 | VIP下载 | 加入VIP，免费下载",
        "版权说明：本文档由用户提供并上传，收益归属内容提供方，若内容存在侵权，请进行举报或认领",
    ),
    # lists of related pages after the article, tags (content farms and portals)
    "related-lists": (
        "相关推荐",
        "猜你喜欢：",
        "热门文章",
        "相关阅读：",
        "推荐阅读",
        "延伸阅读",
        "大家都在看",
        "【相关范文】",
        "您可能感兴趣的文章：",
        "{k}. {other}",
        "· {other}",
        "{other}（{date}）",
        "{other} {date_md}",
        "▪ {other}",
        "[工作总结] {other}",
        "标签：政府工作报告 乡镇 工作总结",
        "TAGS：工作报告 {town} 范文",
        "本文关键词：{title}，工作报告，乡镇",
    ),
    # CMS page-break markers of several systems, inside paragraphs (family 15)
    "cms-tags": (
        "<!--nextpage-->",
        "<!--more-->",
        '<div style="page-break-after: always"><span style="display: none;">&nbsp;</span></div>',
        '<hr style="page-break-after:always;" class="ke-pagebreak" />',
        "[!--empirenews.page--]第{cn}页[/!--empirenews.page--]",
        "#p#{title}（{k}）#e#",
        "[page]{title}（续）[/page]",
        "[NextPage]",
        "{{dede:pagebreak/}}",
        "<p>[pagebreak]</p>",
        "_m2o_page_break_tag_",
    ),
    # forum chrome (family 16)
    "forum": (
        "本帖最后由 {user} 于 {date} {time} 编辑",
        "[ 本帖最后由 {user} 于 {date_short} {time} 编辑 ]",
        "{user} 发表于 {date} {time}",
        "回复 {k}# {user2} 的帖子",
        "引用：原帖由 {user2} 于 {date_short} {time} 发表",
        "楼主 | 只看该作者 | 倒序浏览",
        "收藏 分享 评分 回复 引用 举报",
        "使用道具 举报",
        "附件: 您需要登录才可以下载或查看附件。没有帐号？注册",
        "发表回复",
        "回复 引用 TOP",
        "{k}楼",
        "沙发",
        "帖子 {n} 主题 {m} 积分 {n}",
    ),
    # inline watermarks and anti-scrape jammer tokens spliced into paragraphs (family 17)
    "inline-watermark": (
        "（www.{fdomain}.com）",
        "【来源：{site}】",
        "本文来自{site}，转载请保留出处",
        "(本文来源：{site} www.{fdomain}.com)",
        "原文地址：http://www.{fdomain}.com/{path}",
        "｜{site}｜",
        "{site}整理",
        "jammer:letter-symbol",
        "jammer:glued",
        "jammer:word",
    ),
    # a compilation: its title, a table of contents, separators between reports
    "compilation-toc": (
        "{year}年乡镇政府工作报告范文{n_bodies}篇",
        "政府工作报告合集（精选{n_bodies}篇）",
        "乡镇人民政府工作报告汇编",
        "目　录",
        "目录索引",
        "【目录】",
        "本文目录一览：",
        "{i}、{body_town}政府工作报告 …………………… {page}",
        "第{i_cn}篇：{body_title}",
        "{i}. {body_town}政府工作报告........{page}",
        "{body_town}政府工作报告\t{page}",
        "篇{i_cn}：{body_town}政府工作报告",
        "范文{i}",
        "【篇{i_cn}】",
        "==== 第{i}篇 ====",
    ),
}

# Near misses: report sentences that hold the words the noise uses. They are content.
NEAR_MISSES: tuple[str, ...] = (
    "推进“互联网+政务服务”，群众扫码即可办理社保业务。",
    "全面推广“扫码亮码”，累计扫码登记{n}人次。",
    "开通“{town}发布”微信公众号，关注人数突破{n}人。",
    "在每个村务公开栏张贴二维码，群众扫一扫即可反映诉求。",
    "持续关注困难群众生活，及时足额发放救助资金{m}万元。",
    "拓宽资金来源渠道，争取上级资金{n}万元。",
    "以上数据来源于统计部门快报，最终以年报为准。",
    "在便民服务中心设置自助打印终端{k}台，群众可就近打印不动产登记证明。",
    "组织开展农产品直播带货活动{k}场，销售额{m}万元。",
    "依托电商直播基地，培育本土主播{k}名。",
    "举办“好书分享会”{k}场，参与群众{n}人次。",
    "分享发展经验，接待省内外考察团{k}批次。",
    "新发展农民专业合作社会员{n}户。",
    "积极引导商会会员企业参与乡村振兴，{k}家企业结对帮扶{m}个村。",
    "“{town}文旅”短视频累计浏览量超过{n}万次。",
    "政府网站全年发布信息{n}条，浏览量{m}万人次。",
    "汇编惠企政策提供免费下载，企业下载使用{n}次。",
    "开展版权宣传进企业活动，{k}家企业完成作品版权登记。",
    "通过村民微信群及时发布防汛预警信息{n}条。",
    "开通12345热线微信小程序，群众诉求办结率达到{pct}%。",
    "在村级党群服务中心设置“扫码评价”二维码，收集意见建议{n}条。",
    "关注民生实事，{k}件民生实事项目全部完成。",
    "持续关注网络舆情，妥善回应群众关切{k}件。",
    "开展“云上课堂”直播培训{k}期，培训农民{n}人次。",
    "推行电子证照，群众下载政务APP即可在线申领。",
    "通过政务微博、微信等平台转发分享政策解读{k}篇。",
    "下一步，我们将继续关注重点项目建设，确保按期投产。",
    "依法关闭{k}家非法采砂场，恢复河道岸线{m}公里。",
    "组织编辑出版《{town}志》，留存乡土记忆。",
    "征集馆藏文物和民间收藏品{n}件。",
    "全镇{n}户经营主体登录国家企业信用信息公示系统完成年报。",
    "新增注册市场主体{n}户，其中企业{m}家。",
    "完成无障碍设施改造{k}处，方便残疾人和老年人出行。",
    "推出政务服务网站长辈版和无障碍版，方便老年人办事。",
    "梳理编制政务服务事项目录{n}项。",
    "开展全民阅读活动{k}场，农家书屋年借阅{n}册次。",
    "为群众免费打印复印各类证明材料{n}份。",
    "引导企业增强版权意识，保护原创设计。",
    "上一年度结转的{k}个项目全部完工。",
    "学校开通家校共享平台，家长扫码即可查看学生在校情况。",
)


def form_count() -> int:
    """Distinct noise forms in the held-out set (the jammer shapes count one each)."""
    return sum(len(forms) for forms in FORMS.values())


# --------------------------------------------------------------------------------------------
# Placement helpers


@dataclass
class _Page:
    """What a family function needs: the rng, the template values, the injected noise so far."""

    rng: random.Random
    values: _Values
    noise: list[Noise] = field(default_factory=list)

    def line(self, family: str, template: str | None = None) -> str:
        """A filled form of ``family`` (random when ``template`` is None), recorded as noise."""
        template = template if template is not None else self.rng.choice(FORMS[family])
        text = fill(template, self.values)
        self.noise.append(Noise(text, f"{family}: {template}"))
        return text

    def lines(self, family: str, low: int, high: int, pool: Sequence[str] | None = None) -> list[str]:
        pool = list(pool if pool is not None else FORMS[family])
        chosen = self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))
        return [self.line(family, template) for template in chosen]


def _title_index(paragraphs: Sequence[str]) -> int:
    """The report's title line: the first line naming the report, else the first line."""
    return next((i for i, p in enumerate(paragraphs[:4]) if "报告" in p or "总结" in p), 0)


def _body_start(paragraphs: Sequence[str]) -> int:
    """The first body paragraph: after ``各位代表`` when there is one, else after the title."""
    for i, p in enumerate(paragraphs[:8]):
        if p.startswith("各位代表"):
            return i + 1
    return _title_index(paragraphs) + 1


def _between(paragraphs: list[str], lines: Sequence[str], rng: random.Random) -> list[str]:
    """Each line on its own between two body paragraphs."""
    out = list(paragraphs)
    start = _body_start(out)
    for line in lines:
        out.insert(rng.randint(start + 1, max(start + 1, len(out) - 1)), line)
    return out


def _sentence_ends(paragraph: str) -> list[int]:
    return [i + 1 for i, ch in enumerate(paragraph[:-1]) if ch in "。！？；"]


def _inside(paragraphs: list[str], pieces: Sequence[str], rng: random.Random, mid_sentence: float,
            break_after: float = 0.0) -> list[str]:
    """Each piece inside a body paragraph: after a sentence, or (with probability
    ``mid_sentence``) inside one; followed by a line break with probability ``break_after``."""
    out = list(paragraphs)
    start = _body_start(out)
    for piece in pieces:
        candidates = [i for i in range(start, len(out)) if len(out[i]) > 40] or [len(out) - 1]
        index = rng.choice(candidates)
        paragraph = out[index]
        ends = _sentence_ends(paragraph)
        if ends and rng.random() >= mid_sentence:
            at = rng.choice(ends)
        else:
            cuts = [i for i in range(4, len(paragraph) - 4)
                    if not (paragraph[i - 1].isascii() and paragraph[i].isascii())]
            at = rng.choice(cuts) if cuts else len(paragraph)
        tail = "\n" if rng.random() < break_after else ""
        out[index] = paragraph[:at] + piece + tail + paragraph[at:]
    return "\n".join(out).split("\n")


def add_near_misses(paragraphs: list[str], rng: random.Random, values: _Values,
                    pool: Sequence[str], append_rate: float) -> tuple[list[str], list[str]]:
    """2–4 near-miss sentences of ``pool``: appended to a body paragraph (at ``append_rate``), or
    as a short paragraph of their own."""
    out = list(paragraphs)
    start = _body_start(out)
    chosen = [fill(t, values) for t in rng.sample(pool, rng.randint(2, 4))]
    for sentence in chosen:
        ends = [i for i in range(start, len(out) - 1) if out[i].endswith("。")]
        if ends and rng.random() < append_rate:
            index = rng.choice(ends)
            out[index] += sentence
        else:
            out.insert(rng.randint(start + 1, max(start + 1, len(out) - 1)), sentence)
    return out, chosen


# --------------------------------------------------------------------------------------------
# Families: (paragraphs, page) -> lines


def meta_line(paragraphs: list[str], page: _Page) -> list[str]:
    """An article meta line (sometimes two) before the title, or between the title and the body."""
    lines = page.lines("meta-line", 1, 2)
    title = _title_index(paragraphs)
    at = title + 1 if page.rng.random() < 0.4 else title
    return paragraphs[:at] + lines + paragraphs[at:]


def page_chrome(paragraphs: list[str], page: _Page) -> list[str]:
    """Breadcrumbs, toggles and toolbars above the title; print/close/share below the closing call."""
    forms = FORMS["page-chrome"]
    head = page.lines("page-chrome", 1, 3, forms[:16])
    tail = page.lines("page-chrome", 1, 3, forms[15:])
    return head + paragraphs + tail


def page_footer(paragraphs: list[str], page: _Page) -> list[str]:
    """Editor credit, pager, related footer lines, copyright, 备案号 after the closing call."""
    return paragraphs + page.lines("page-footer", 2, 6)


def disclosure(paragraphs: list[str], page: _Page) -> list[str]:
    """A 政府信息公开 metadata block above the title, in one of five layouts."""
    forms = FORMS["disclosure"]
    layouts = (forms[0:4], forms[4:11], forms[11:15], forms[15:19], forms[19:22])
    layout = page.rng.randrange(len(layouts))
    rows = list(layouts[layout])
    if layout in (1, 2, 4):
        rows = page.rng.sample(rows, page.rng.randint(max(2, len(rows) - 3), len(rows)))
    block = [page.line("disclosure", row) for row in rows]
    return block + paragraphs


def farm_ads(paragraphs: list[str], page: _Page) -> list[str]:
    """A lead-in under the title, ads between paragraphs, a watermark or disclaimer at the end."""
    forms = FORMS["farm-ads"]
    leads = (forms[6], forms[7], forms[8], forms[9], forms[10], forms[16], forms[20])
    title = _title_index(paragraphs)
    lead = page.line("farm-ads", page.rng.choice(leads))
    at = title if lead.endswith("篇）") else title + 1
    out = [*paragraphs[:at], lead, *paragraphs[at:]]
    middle = [t for t in forms if t not in leads]
    out = _between(out, page.lines("farm-ads", 1, 3, middle), page.rng)
    if page.rng.random() < 0.6:
        out += page.lines("farm-ads", 1, 2, middle)
    return out


def paywall(paragraphs: list[str], page: _Page) -> list[str]:
    """One or two truncation or login notices inside the text (the text around them is kept)."""
    pieces = page.lines("paywall", 1, 2)
    return _inside(paragraphs, pieces, page.rng, mid_sentence=0.3, break_after=0.5)


def doc_share(paragraphs: list[str], page: _Page) -> list[str]:
    """A document-sharing page: its title and uploader lines on top, page counters between
    paragraphs, a preview notice and download buttons at the end."""
    forms = FORMS["doc-share"]
    head = page.lines("doc-share", 1, 3, forms[:10])
    counters = []
    for template in page.rng.sample(forms[15:17], page.rng.randint(1, 2)):
        page.values["k"] = str(page.rng.randint(2, 6) + len(counters) * 3)  # page counters go up
        counters.append(page.line("doc-share", template))
    page.values.pop("k")
    tail = page.lines("doc-share", 1, 3, [*forms[9:15], *forms[17:]])
    return head + _between(paragraphs, counters, page.rng) + tail


def related_lists(paragraphs: list[str], page: _Page) -> list[str]:
    """A list of related pages after the closing call: a heading, 3–6 items, maybe a tag line."""
    forms = FORMS["related-lists"]
    heading = page.line("related-lists", page.rng.choice(forms[:9]))
    style = page.rng.choice(forms[9:15])
    items: list[str] = []
    titles: set[str] = set()
    for number in range(1, page.rng.randint(3, 6) + 1):
        for _ in range(10):  # a new title and date per item; a list does not repeat a title
            for key in ("other", "town2", "date", "date_md"):
                page.values.pop(key, None)
            if fill("{other}", page.values) not in titles:
                break
        titles.add(page.values["other"])
        page.values["k"] = str(number)
        items.append(page.line("related-lists", style))
    tags = page.lines("related-lists", 0, 1, forms[15:])
    return paragraphs + ([heading, *items, *tags] if page.rng.random() < 0.7 else [*tags, heading, *items])


def cms_tags(paragraphs: list[str], page: _Page) -> list[str]:
    """Page-break markers of other CMSs inside paragraphs, half followed by a line break."""
    pieces = page.lines("cms-tags", 1, 3)
    return _inside(paragraphs, pieces, page.rng, mid_sentence=0.6, break_after=0.5)


def forum(paragraphs: list[str], page: _Page) -> list[str]:
    """A report posted on a forum: the poster line and edit note above, post chrome below."""
    forms = FORMS["forum"]
    head = page.lines("forum", 1, 2, forms[:3])
    tail = page.lines("forum", 1, 4, forms[3:])
    if page.rng.random() < 0.3:  # the edit note glued to the first line, as Discuz leaves it
        first = head.pop()
        paragraphs = [first + " " + paragraphs[0], *paragraphs[1:]]
    return head + paragraphs + tail


_JAMMER_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz"


def _jammer(rng: random.Random, shape: str) -> str:
    """An anti-scrape jammer string of one of three shapes."""
    if shape == "jammer:letter-symbol":  # ``Kp$ 2x& 9M,`` : two or three characters then a symbol
        return " ".join("".join(rng.choice(_JAMMER_CHARS) for _ in range(rng.randint(1, 2)))
                        + rng.choice(".,'`\"$&^") for _ in range(rng.randint(4, 6)))
    if shape == "jammer:glued":  # ``Xk9pQ2mL`` glued into the text
        return "".join(rng.choice(_JAMMER_CHARS) for _ in range(rng.randint(7, 11)))
    return rng.choice(("新内容", "内容来自", "织梦好")) + str(rng.randint(100, 9999)) + rng.choice("abcxyz")


def splice_watermarks(paragraphs: list[str], page: _Page, forms: Sequence[str],
                      jammer: Callable[[random.Random, str], str]) -> list[str]:
    """2–4 of ``forms`` spliced into paragraphs, inside and between sentences; a ``jammer:SHAPE``
    form is a random string that ``jammer`` makes (each held-out set has its own shapes)."""
    pieces = []
    for template in page.rng.sample(forms, page.rng.randint(2, 4)):
        if template.startswith("jammer:"):
            text = jammer(page.rng, template)
            page.noise.append(Noise(text, f"inline-watermark: {template}"))
            pieces.append(text)
        else:
            pieces.append(page.line("inline-watermark", template))
    return _inside(paragraphs, pieces, page.rng, mid_sentence=0.5)


def inline_watermark(paragraphs: list[str], page: _Page) -> list[str]:
    """Site watermarks and jammer strings spliced into paragraphs, inside and between sentences."""
    return splice_watermarks(paragraphs, page, FORMS["inline-watermark"], _jammer)


FamilyFn = Callable[[list[str], _Page], list[str]]

FAMILY_FUNCTIONS: dict[str, FamilyFn] = {
    "meta-line": meta_line, "page-chrome": page_chrome, "page-footer": page_footer,
    "disclosure": disclosure, "farm-ads": farm_ads, "paywall": paywall, "doc-share": doc_share,
    "related-lists": related_lists, "cms-tags": cms_tags, "forum": forum,
    "inline-watermark": inline_watermark,
}
FAMILIES: tuple[str, ...] = (*FAMILY_FUNCTIONS, "compilation-toc")


def compilation_toc(gold: dict[str, str], first: str, page: _Page) -> tuple[list[str], str]:
    """2–4 reports behind a compilation title and a table of contents, separators between them.
    Returns the lines and the gold (the bodies in order)."""
    rng, forms = page.rng, FORMS["compilation-toc"]
    others = rng.sample([name for name in gold if name != first], rng.randint(1, 3))
    names = [first, *others]
    bodies = [gold[name] for name in names]
    towns = [TOWN_OF_GOLD[name] for name in names]
    page.values["n_bodies"] = str(len(names))
    lines = [page.line("compilation-toc", rng.choice(forms[:3]))]
    if rng.random() < 0.8:
        lines.append(page.line("compilation-toc", rng.choice(forms[3:7])))
    entry = rng.choice(forms[7:11])
    separator = rng.choice(forms[11:]) if rng.random() < 0.8 else None
    number = rng.randint(1, 3)
    for i, (town, body) in enumerate(zip(towns, bodies, strict=True), 1):
        page.values.update(i=str(i), i_cn=_CN_NUMERALS[i - 1], body_town=town, page=str(number),
                           body_title=split_paragraphs(body)[0])
        lines.append(page.line("compilation-toc", entry))
        number += rng.randint(4, 12)
    for i, (town, body) in enumerate(zip(towns, bodies, strict=True), 1):
        if separator:
            page.values.update(i=str(i), i_cn=_CN_NUMERALS[i - 1], body_town=town)
            lines.append(page.line("compilation-toc", separator))
        lines += split_paragraphs(body)
    return lines, "".join(bodies)


# --------------------------------------------------------------------------------------------
# Samples


def _load_gold() -> dict[str, str]:
    from bench.corpus import load_gold  # corpus imports corrupt; kept lazy like corrupt.compilation

    return load_gold()


def make_sample(family: str, seed: int, *, label: str,
                family_functions: dict[str, FamilyFn],
                near_misses: Sequence[str], append_rate: float,
                toc: Callable[[dict[str, str], str, _Page], tuple[list[str], str]]) -> Heldout:
    """A sample of one held-out set (its ``label`` seeds the RNG with ``family`` and ``seed``):
    a gold body with near misses, corrupted by the set's function for ``family``."""
    if family not in family_functions and family != "compilation-toc":
        known = ", ".join([*family_functions, "compilation-toc"])
        raise ValueError(f"unknown held-out family {family!r} (choose from {known})")
    rng = random.Random(f"{label}:{family}:{seed}")
    gold = _load_gold()
    name = rng.choice(sorted(gold))
    paragraphs = split_paragraphs(gold[name])
    values = _Values(rng, TOWN_OF_GOLD[name], paragraphs[_title_index(paragraphs)])
    page = _Page(rng, values)
    paragraphs, near = add_near_misses(paragraphs, rng, values, near_misses, append_rate)
    if family == "compilation-toc":
        gold = {**gold, name: join_paragraphs(paragraphs)}
        lines, gold_text = toc(gold, name, page)
    else:
        gold_text = join_paragraphs(paragraphs)
        lines = family_functions[family](paragraphs, page)
    return Heldout(family, seed, name, gold_text, join_paragraphs(lines), tuple(page.noise), tuple(near))


def make_heldout(family: str, seed: int) -> Heldout:
    """The held-out sample of ``family`` for ``seed``: deterministic (the RNG is seeded by both)."""
    return make_sample(family, seed, label="heldout", family_functions=FAMILY_FUNCTIONS,
                       near_misses=NEAR_MISSES, append_rate=0.6, toc=compilation_toc)


def build_heldout(families: Sequence[str] = FAMILIES, seeds: Sequence[int] | range = range(20)
                  ) -> list[Heldout]:
    return [make_heldout(family, seed) for family in families for seed in seeds]
