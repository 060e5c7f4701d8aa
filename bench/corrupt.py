"""Known corruptions of clean gold bodies, one function per noise family, recording what they inject.

Every family is a function ``(text, rng) -> Corruption``: ``text`` is a gold body (one paragraph per
line, canonical punctuation), ``rng`` a seeded ``random.Random``. The ``Corruption`` holds the input
the cleaner gets (``str`` or ``bytes``) and every injected noise string, so scoring is exact: a
noise string is "left" when the output holds it more often than the gold does.

Each injected string is marked ``seen`` when it is taken from the seeds or from the rule files'
own examples (the rules were written from it) and unseen otherwise: the unseen variants (other ad
wordings, other CMS tags, other meta-line layouts from ``shared/guide/noise-catalogue.md``) show
whether the rules generalize.

>>> import random
>>> corruption = cms_tags("甲乙丙丁。\\n戊己庚辛。\\n", random.Random(1))
>>> all(item.text in corruption.data for item in corruption.injected if item.noise)
True
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Injected:
    """One thing a corruption did: a noise string that must not survive cleaning (``noise``), or
    a note saying what was done (``noise=False``: an encoding, a wrap width)."""

    text: str
    seen: bool = False
    noise: bool = True


@dataclass(frozen=True)
class Corruption:
    """The cleaner's input, what was injected, and the gold when the corruption changes it (a
    compilation's gold is several bodies)."""

    data: str | bytes
    injected: tuple[Injected, ...] = ()
    gold: str | None = None

    @property
    def noise(self) -> list[Injected]:
        return [item for item in self.injected if item.noise]

    @property
    def notes(self) -> list[str]:
        return [item.text for item in self.injected if not item.noise]


CorruptFn = Callable[[str, random.Random], Corruption]


def note(text: str) -> Injected:
    return Injected(text, noise=False)


def noise(text: str, seen: bool = False) -> Injected:
    return Injected(text, seen=seen)


# --------------------------------------------------------------------------------------------
# Small helpers


def split_paragraphs(text: str) -> list[str]:
    """The lines of a gold body.

    >>> split_paragraphs("一\\n二\\n")
    ['一', '二']
    """
    return text.rstrip("\n").split("\n") if text.strip() else []


def join_paragraphs(paragraphs: Sequence[str], separator: str = "\n") -> str:
    return separator.join(paragraphs) + "\n"


def _pick(rng: random.Random, items: Sequence, k: int | None = None):
    return rng.choice(items) if k is None else rng.sample(list(items), min(k, len(items)))


def _cut_points(paragraph: str, rng: random.Random, count: int) -> list[int]:
    """Positions strictly inside ``paragraph``, not splitting a digit run, sorted."""
    candidates = [i for i in range(1, len(paragraph))
                  if not (paragraph[i - 1].isdigit() and paragraph[i].isdigit())]
    return sorted(rng.sample(candidates, min(count, len(candidates)))) if candidates else []


def _insert_between(paragraphs: list[str], lines: Sequence[str], rng: random.Random) -> list[str]:
    """Insert each of ``lines`` as its own line between two random paragraphs."""
    out = list(paragraphs)
    for line in lines:
        out.insert(rng.randint(1, len(out)), line)
    return out


_TOWNS = ("正余镇", "下各镇", "京东镇", "罗店镇", "高坪镇", "龙溪镇", "东城街道", "白塔镇", "新桥乡")
_PEOPLE = ("李仁强", "张洋", "丁科", "王敏", "陈永高", "刘芳", "赵磊", "孙启浩", "何崎")


def _date(rng: random.Random, sep: str = "-") -> str:
    return f"20{rng.randint(15, 24)}{sep}{rng.randint(1, 12):02d}{sep}{rng.randint(1, 28):02d}"


def _index_no(rng: random.Random) -> str:
    return f"{rng.randint(10**9, 10**10 - 1)}/{rng.randint(2015, 2024)}-{rng.randint(1, 99999):05d}"


def _time(rng: random.Random, seconds: bool = False) -> str:
    clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    return clock + (f":{rng.randint(0, 59):02d}" if seconds else "")


# --------------------------------------------------------------------------------------------
# Web chrome: meta lines, share/print/close, editor credits, read-aloud, table borders


def _meta_line(rng: random.Random) -> tuple[str, bool]:
    town = _pick(rng, _TOWNS)
    layouts = (
        # seed 001 (the rule was written from it)
        (f"来源: {town}人民政府 发布时间:{_date(rng)} {_time(rng)} 累计次数: 字体:[ ]", True),
        (f"发布时间:{_date(rng)} {_time(rng, True)} 来源:本站 阅读次数:{rng.randint(10, 9999)}", True),
        # catalogue layouts and look-alikes the rules were not written from
        (f"来源:{town}作者:{_pick(rng, _PEOPLE)}阅读:发布时间:{_date(rng)} {_time(rng)}字体【", False),
        (f"{_date(rng)} 00:00:00 来源: 本站原创", False),
        (f"来源：{town}人民政府办公室 | 作者：{_pick(rng, _PEOPLE)} | 发布时间：{_date(rng)} | "
         f"浏览量：{rng.randint(10, 9999)}", False),
        (f"时间：{_date(rng)} 来源：{town} 点击：{rng.randint(10, 9999)}次", False),
        (f"【发布日期：{_date(rng)}】【来源：{town}】【字号：大 中 小】", False),
        (f"发布日期：{_date(rng, '/')}  信息来源：{town}  浏览次数：{rng.randint(10, 9999)}", False),
    )
    return _pick(rng, layouts)


_CHROME_HEAD = (("朗读", True), ("【朗读全文】", True), ("【字体：大 中 小】", False),
                ("扫一扫在手机打开当前页", False), ("分享到：", False), ("语音播报", True),
                ("当前位置：首页 > 政务公开 > 计划总结", False), ("【打印】【关闭】", False))
_CHROME_TAIL = (
    ("【打印本页】 【关闭窗口】", False), ("扫一扫在手机打开当前页", False), ("关闭×", False),
    ("【我要纠错】 【打印】 【关闭】", False), ("相关链接：", False),
    ("网站地图 | 联系我们 | 使用帮助", False),
    ("主办单位：{town}人民政府 承办：{town}党政办公室", False),
    ("Copyright © 2022 rd.qyxgov.cn All Rights Reserved.", False),
    ("版权所有：{town}人民政府 网站标识码：3311240001 浙ICP备05012345号-1", False),
    ("(责任编辑:{person} )", False), ("编辑：{person} 责任编辑：{person2}", False),
    ("【责任编辑：{person}】", False), ("上一篇：{town}2021年政府工作报告", False),
    ("下一篇：关于做好2023年春节期间安全生产工作的通知", False), ("||||", True), ("|", True),
)


def web_chrome(text: str, rng: random.Random) -> Corruption:
    """Portal page chrome around the article: a meta line and buttons above the title, print/close
    links, editor credits, copyright and pager below it (catalogue families 2, 3, 4)."""
    paragraphs = split_paragraphs(text)
    head, tail, injected = [], [], []
    meta, seen = _meta_line(rng)
    head.append(meta)
    injected.append(noise(meta, seen))
    for line, seen in _pick(rng, _CHROME_HEAD, rng.randint(0, 2)):
        head.insert(rng.randint(0, len(head)), line)
        injected.append(noise(line, seen))
    town, person, person2 = _pick(rng, _TOWNS), *_pick(rng, _PEOPLE, 2)
    for line, seen in _pick(rng, _CHROME_TAIL, rng.randint(2, 5)):
        line = line.format(town=town, person=person, person2=person2)
        tail.append(line)
        injected.append(noise(line, seen))
    return Corruption(join_paragraphs(head + paragraphs + tail), tuple(injected))


# --------------------------------------------------------------------------------------------
# Content-farm ads and wrappers

_SEED_ADS = ("扫描上面二维码加QQ好友,获得更多文稿实用素材", "扫描下方二维码添加微信好友，获取更多范文素材")


def _ad_line(rng: random.Random) -> tuple[str, bool]:
    if rng.random() < 0.35:
        return _pick(rng, _SEED_ADS), True
    account = _pick(rng, ("笔杆子星域", "材料之家", "公文写作助手", "范文网"))
    templates = (
        "长按识别下方二维码，关注公众号获取更多精品范文",
        "扫码关注微信公众号“{a}”，每日更新公文范文",
        "更多精彩范文，请关注微信公众号：{a}",
        "本文来源于网络，仅供学习参考，如有侵权请联系删除。",
        "下面是小编为大家整理的政府工作报告，供大家参考。",
        "#第一文档网# 导语】以下是®第一文档网的小编为您整理的政府工作报告，欢迎阅读！",
        "(阅读全部图文内容,您需要先登录!)",
        "仅展示{n}字,全文共{m}字",
        "本文由会员上传分享，如需下载请先登录",
        "公众@号:{a}。整理汇总。",
        "扫一扫二维码，加入写作交流群，免费领取更多材料",
    )
    n = rng.randint(200, 900)
    return _pick(rng, templates).format(a=account, n=n, m=n + rng.randint(100, 3000)), False


def ads(text: str, rng: random.Random) -> Corruption:
    """Content-farm ads between paragraphs (seed 000's QR-code line and other wordings), an
    introduction line on top, and now and then a paywall marker spliced into a paragraph."""
    paragraphs = split_paragraphs(text)
    injected = []
    if rng.random() < 0.4:  # spliced into a body paragraph before the ad lines go in
        omitted = f"……(新文秘网http://www.wm114.cn省略{rng.randint(200, 2000)}字,正式会员可完整阅读)……"
        paragraphs = _splice(paragraphs, [omitted], rng)
        injected.append(noise(omitted))
    lines = []
    for _ in range(rng.randint(1, 4)):
        line, seen = _ad_line(rng)
        lines.append(line)
        injected.append(noise(line, seen))
    paragraphs = _insert_between(paragraphs, lines, rng)
    return Corruption(join_paragraphs(paragraphs), tuple(injected))


# --------------------------------------------------------------------------------------------
# CMS page-break markers

_CMS_TAGS = (("[!--empirenews.page--]", True), ("[/!--empirenews.page--]", True),
             ("#p#分页标题#e#", False), ("_ueditor_page_break_tag_", False),
             ("_baidu_page_break_tag_", False), ("[page]", False), ("[page]第2页[/page]", False),
             ('<hr class="ke-pagebreak" />', False), ("<!-- pagebreak -->", False))


def cms_tags(text: str, rng: random.Random) -> Corruption:
    """CMS page-break markers inside paragraphs; half of them followed by a line break, as in
    seed 000 (``基本生活出[!--empirenews.page--]`` / ``现严重困难户``), which the layout stage
    must rejoin."""
    paragraphs = split_paragraphs(text)
    pieces, injected = [], []
    for _ in range(rng.randint(1, 4)):
        tag, seen = _pick(rng, _CMS_TAGS)
        breaks = rng.random() < 0.5
        pieces.append(tag + ("\n" if breaks else ""))
        injected += [noise(tag, seen), note("marker+break" if breaks else "marker inline")]
    return Corruption(join_paragraphs(_splice(paragraphs, pieces, rng)), tuple(injected))


def _splice(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Insert each of ``pieces`` at a random place inside a random paragraph; places are chosen
    in the original text, so no piece lands inside another.

    >>> line = _splice(["甲乙丙丁"], ["<x>", "<y>", "<z>"], random.Random(0))[0]
    >>> all(tag in line for tag in ("<x>", "<y>", "<z>")), re.sub("<.>", "", line)
    (True, '甲乙丙丁')
    """
    spots: dict[int, list[tuple[int, str]]] = {}
    for piece in pieces:
        index = rng.randrange(len(paragraphs))
        cuts = _cut_points(paragraphs[index], rng, 1)
        if cuts:
            spots.setdefault(index, []).append((cuts[0], piece))
    out = list(paragraphs)
    for index, inserts in spots.items():
        line = out[index]
        for cut, piece in sorted(inserts, key=lambda x: x[0], reverse=True):
            line = line[:cut] + piece + line[cut:]
        out[index] = line
    return out


# --------------------------------------------------------------------------------------------
# Disclosure metadata block


def disclosure(text: str, rng: random.Random) -> Corruption:
    """A government-disclosure metadata table above the article (catalogue family 1): seed 002's
    ``|`` rows, and the layouts the rules were not written from (label and value on separate
    lines, key-value lines, tab-separated cells)."""
    town = _pick(rng, _TOWNS)
    index_no = _index_no(rng)
    date = _date(rng)
    layout = rng.randrange(4)
    if layout == 0:  # seed 002
        rows = [f"索 引 号 | {index_no} | 公开方式 | 主动公开 |", f"成文日期 | {date} | 发布机构 | {town} |",
                "组配分类 | 计划总结 | ||", "|", "||||"]
        lines, injected = rows, [noise(row, True) for row in rows]
        tail = [f"信息来源: {town} |", "||||", "|"]
        lines_tail, injected_tail = tail, [noise(row, True) for row in tail]
    elif layout == 1:  # zb: label and value on separate lines
        number = f"镇政发〔{rng.randint(2015, 2024)}〕{rng.randint(1, 99)}号"
        lines = ["索引号:", "", f"    {index_no}", "发文字号:", "", f"    {number}", "发布机构:", "",
                 f"    {town}人民政府", "成文日期:", "", f"    {date}"]
        injected = [noise(x) for x in (index_no, number, f"{town}人民政府", date, "索引号:", "发文字号:",
                                        "发布机构:", "成文日期:")]
        lines_tail, injected_tail = [], []
    elif layout == 2:  # key-value lines
        lines = [f"索引号：{index_no}", f"发布机构：{town}人民政府", f"成文日期：{date}",
                 "公开方式：主动公开", "主题分类：综合政务\\其他", f"浏览次数：{rng.randint(10, 9999)}"]
        injected = [noise(x) for x in lines]
        lines_tail, injected_tail = [], []
    else:  # tab-separated cells
        lines = [f"索引号\t{index_no}\t发布机构\t{town}", f"发布日期\t{date}\t公开方式\t主动公开",
                 f"标题\t{town}政府工作报告"]
        injected = [noise(x) for x in lines]
        lines_tail, injected_tail = [], []
    data = "\n".join(lines) + "\n" + text + ("\n".join(lines_tail) + "\n" if lines_tail else "")
    return Corruption(data, (*injected, *injected_tail, note(f"layout {layout}")))


# --------------------------------------------------------------------------------------------
# Page furniture, hard wraps, page-end breaks


def _footer(page: int, pages: int, rng: random.Random, style: int) -> str:
    return (f"— {page} —", f"- {page} -", f"第 {page} 页 共 {pages} 页", f"第{page}页",
            f"{page}/{pages}", f"—{page}—")[style]


def _running_header(rng: random.Random, title: str) -> str:
    return _pick(rng, (title, f"{_pick(rng, _TOWNS)}人民政府文件", "内部资料 注意保存",
                       f"{_date(rng, '/')} {_time(rng)} 政府工作报告 __ 中国政府网"))


def _url_footer(page: int, pages: int, rng: random.Random) -> str:
    path = f"{rng.randint(2015, 2024)}-03/05/content_{rng.randint(10**6, 10**7)}.html"
    return f"http://www.gov.cn/zhengce/{path} {page}/{pages}"


def _title(paragraphs: Sequence[str]) -> str:
    return next((p for p in paragraphs if "工作报告" in p or "工作总结" in p), paragraphs[0])


def page_furniture(text: str, rng: random.Random) -> Corruption:
    """PDF/print page furniture: a footer (``— 3 —``, ``第 3 页 共 12 页``, a browser-print URL
    line) and a running header at every page end, which falls inside paragraphs; the paragraph is
    broken there (catalogue family 7)."""
    paragraphs = split_paragraphs(text)
    pages = _break_at_pages(paragraphs, rng, rng.randint(800, 1600))
    lines, injected = _paginate(pages, rng, _title(paragraphs))
    return Corruption(join_paragraphs(lines), tuple(injected))


def _break_at_pages(paragraphs: list[str], rng: random.Random, page_chars: int) -> list[list[str]]:
    """Split the body into pages of about ``page_chars`` characters; a page end breaks the
    paragraph it falls in. Returns the pages as lists of lines."""
    pages: list[list[str]] = [[]]
    used = 0
    for paragraph in paragraphs:
        rest = paragraph
        while used + len(rest) > page_chars and len(rest) > 1:
            cut = max(1, page_chars - used)
            if cut >= len(rest):
                break
            while cut < len(rest) and rest[cut - 1].isdigit() and rest[cut].isdigit():
                cut += 1
            pages[-1].append(rest[:cut])
            pages.append([])
            rest, used = rest[cut:], 0
        pages[-1].append(rest)
        used += len(rest)
    return pages


def _paginate(pages: list[list[str]], rng: random.Random, title: str
              ) -> tuple[list[str], list[Injected]]:
    """A footer after every page and, from page 2 on, maybe a running header before it."""
    style = rng.randrange(6)
    header = _running_header(rng, title) if rng.random() < 0.6 else None
    url = rng.random() < 0.2
    out, injected = [], []
    for number, page in enumerate(pages, 1):
        if header and number > 1:
            out.append(header)
            injected.append(noise(header))
        out.extend(page)
        footer = _url_footer(number, len(pages), rng) if url else _footer(number, len(pages), rng, style)
        out.append(footer)
        injected.append(noise(footer))
    return out, injected


def page_breaks(text: str, rng: random.Random) -> Corruption:
    """Seed 000's layout: the text breaks only at page ends, mid-sentence, with no furniture
    (``…有力带`` / ``动了当地农民致富增收。``)."""
    paragraphs = split_paragraphs(text)
    pages = _break_at_pages(paragraphs, rng, rng.randint(900, 1500))
    lines = [line for page in pages for line in page]
    return Corruption(join_paragraphs(lines), (note("page-end breaks"),))


def hard_wrap(text: str, rng: random.Random) -> Corruption:
    """Text extracted from a PDF: every line hard-wrapped at one width (18–40 characters),
    paragraphs marked only by a short last line (and sometimes a blank line), page footers and
    running headers every 25–45 lines."""
    paragraphs = split_paragraphs(text)
    width = rng.randint(18, 40)
    indent = rng.random() < 0.4
    blank = rng.random() < 0.3
    lines = []
    for paragraph in paragraphs:
        body = ("\u3000\u3000" if indent else "") + paragraph
        lines.extend(body[i:i + width] for i in range(0, len(body), width))
        if blank:
            lines.append("")
    page_lines = rng.randint(25, 45)
    pages = [lines[i:i + page_lines] for i in range(0, len(lines), page_lines)]
    lines, injected = _paginate(pages, rng, _title(paragraphs))
    notes = (note(f"width {width}"), note("indent" if indent else "no indent"),
             note("blank lines" if blank else "no blank lines"))
    return Corruption(join_paragraphs(lines), (*injected, *notes))


def collapsed(text: str, rng: random.Random) -> Corruption:
    """Everything on one line (seed 002): paragraphs joined by a space, by ideographic spaces, or
    by nothing at all."""
    separator, seen = _pick(rng, ((" ", True), ("\u3000\u3000", False), ("", False)))
    return Corruption(separator.join(split_paragraphs(text)) + "\n",
                      (note(f"separator {separator!r}" + (" (seed 002)" if seen else "")),))


# --------------------------------------------------------------------------------------------
# Spacing: spaced-out titles and names, spurious spaces in numbers and words


_NAME_AFTER_ROLE = re.compile(r"(?<=镇长 )(\w)(\w{1,2})$")


def spaced_titles(text: str, rng: random.Random) -> Corruption:
    """Titles set with a space (seeds 001, 004) or an ideographic space between characters, and
    a speaker's name after a role spaced out (``镇长 魏 翔``, seed 003)."""
    paragraphs = split_paragraphs(text)
    separator, seen = _pick(rng, ((" ", True), ("\u3000", False), ("  ", False), (" \u3000 ", False)))
    index = paragraphs.index(_title(paragraphs)) if _title(paragraphs) in paragraphs else 0
    paragraphs[index] = separator.join(paragraphs[index])
    injected = [note(f"title separator {separator!r}" + (" (seeds 001/004)" if seen else ""))]
    for i, paragraph in enumerate(paragraphs[:8]):
        if len(paragraph) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in paragraph) and i != index:
            paragraphs[i] = " ".join(paragraph)  # a name alone on its line (seed 001: 杨 瑞)
            injected.append(note("spaced name"))
        elif _NAME_AFTER_ROLE.search(paragraph):
            paragraphs[i] = _NAME_AFTER_ROLE.sub(lambda m: " ".join(m.group()), paragraph)
            injected.append(note("spaced name after role"))
    return Corruption(join_paragraphs(paragraphs), tuple(injected))


_NUMBER_UNIT_RE = re.compile(r"(?<=\d)(?=(?:万元|亿元|万|亿|元|年|月|日|个|户|人|亩|家|件|%|次|公里|平方米))")
_CJK_PAIR_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")
_CJK_DIGIT_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?=\d)")


def spurious_spaces(text: str, rng: random.Random) -> Corruption:
    """Spaces where Chinese typesetting has none: between a number and its unit (``1.71 亿元``,
    ``17229 件``, seed 002), before a number (``投资 33.27亿元``), and between two characters of a
    word (``加 快发展``, catalogue family 8)."""
    paragraphs = split_paragraphs(text)
    injected = []
    for _ in range(rng.randint(4, 12)):
        index = rng.randrange(len(paragraphs))
        paragraph = paragraphs[index]
        kind = rng.choices(("unit", "digit", "pair"), (5, 2, 2))[0]
        pattern = {"unit": _NUMBER_UNIT_RE, "digit": _CJK_DIGIT_RE, "pair": _CJK_PAIR_RE}[kind]
        spots = [m.start() for m in pattern.finditer(paragraph)]
        if not spots:
            continue
        at = rng.choice(spots)
        paragraphs[index] = paragraph[:at] + " " + paragraph[at:]
        injected.append(note(f"space {kind}" + (" (seed 002)" if kind != "pair" else "")))
    return Corruption(join_paragraphs(paragraphs), tuple(injected))


# --------------------------------------------------------------------------------------------
# Punctuation and width

_HALF_WIDTH = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"}


def halfwidth_punctuation(text: str, rng: random.Random) -> Corruption:
    """Chinese punctuation flattened to ASCII by whatever stored the page: seed 000's
    ``, : ; ( ) ! ?`` and straight quotes, and the other flattenings the catalogue lists:
    ``...`` or ``。。。`` for ……, ``--`` for ——, ``・``/``•`` for ·, ``'`` for ‘’."""
    variant = rng.randrange(3)
    # seed 000 style flattens every mark; partial flattening (variant 1) a random subset
    marks = list(_HALF_WIDTH) if variant in (0, 2) else _pick(rng, list(_HALF_WIDTH), rng.randint(2, 5))
    out = text.translate(str.maketrans({mark: _HALF_WIDTH[mark] for mark in marks}))
    quotes = variant == 0 or rng.random() < 0.5
    if quotes:
        out = out.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    injected = [note(f"marks {''.join(marks)}" + (" + quotes" if quotes else "")
                     + (" (seed 000)" if variant == 0 else ""))]
    if variant == 2:
        ellipsis = _pick(rng, ("...", "。。。", "......"))
        out = out.replace("……", ellipsis).replace("——", "--").replace("·", _pick(rng, ("・", "•")))
        injected.append(note(f"ellipsis {ellipsis}, dash --, middle dot"))
    return Corruption(out, tuple(injected))


_FULL_DIGITS = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)
                              if chr(c).isalnum() or chr(c) == "%"})


def fullwidth(text: str, rng: random.Random) -> Corruption:
    """Full-width digits, Latin letters and ％ (``２０２２年``, ``ＡＰＰ``): some documents, or
    some numbers in them."""
    if rng.random() < 0.4:
        return Corruption(text.translate(_FULL_DIGITS), (note("whole document"),))
    out = re.sub(r"[0-9A-Za-z%.]+", lambda m: m.group().translate(_FULL_DIGITS)
                 if rng.random() < 0.5 else m.group(), text)
    return Corruption(out, (note("half of the numbers"),))


# --------------------------------------------------------------------------------------------
# HTML entities and markup

_NAMED = {"“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "…": "&hellip;", "‘": "&lsquo;",
          "’": "&rsquo;", "·": "&middot;", "%": "&#37;"}


def html_entities(text: str, rng: random.Random) -> Corruption:
    """Character references left by a scraper (catalogue family 16): named (``&ldquo;``,
    ``&mdash;``), decimal and hex (``&#12290;``, ``&#x3002;``), double-escaped (``&amp;ldquo;``),
    and ``&nbsp;`` indents."""
    injected = []

    def entity(ch: str) -> str:
        roll = rng.random()
        if ch in _NAMED and roll < 0.5:
            ref = _NAMED[ch]
        elif roll < 0.75:
            ref = f"&#{ord(ch)};"
        else:
            ref = f"&#x{ord(ch):x};"
        if rng.random() < 0.1:
            ref = "&amp;" + ref[1:]
        injected.append(noise(ref))
        return ref

    rate = rng.uniform(0.05, 0.5)
    out = "".join(entity(ch) if (ch in _NAMED or ch in "。，、：") and rng.random() < rate else ch
                  for ch in text)
    out = "".join(entity(ch) if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.003 else ch for ch in out)
    if rng.random() < 0.5:
        out = "\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + line if line else line for line in out.split("\n"))
        injected.append(noise("&nbsp;"))
    return Corruption(out, tuple(_dedupe(injected)))


def _dedupe(items: list[Injected]) -> list[Injected]:
    return list(dict.fromkeys(items))


def html_markup(text: str, rng: random.Random) -> Corruption:
    """Tags that survived scraping: ``<p>`` around paragraphs, ``<br />``, ``<span style=…>``,
    a TRS editor ``<div>``, an ``enpproperty`` comment (catalogue family 16)."""
    paragraphs = split_paragraphs(text)
    open_p = _pick(rng, ("<p>", '<p style="text-indent:2em;">', '<p align="justify">'))
    span = '<span style="font-family:仿宋_GB2312;font-size:16pt">'
    out, tags = [], {open_p, "</p>"}
    for paragraph in paragraphs:
        if rng.random() < 0.2:
            paragraph = span + paragraph + "</span>"
            tags |= {span, "</span>"}
        if rng.random() < 0.1:
            paragraph = paragraph + "<br />"
            tags.add("<br />")
        out.append(open_p + paragraph + "</p>")
    head = '<div class="TRS_Editor">'
    comment = f"<!--enpproperty <articleid>{rng.randint(10**6, 10**7)}</articleid>/enpproperty-->"
    lines = [comment, head, *out, "</div>"]
    tags |= {head, "</div>", comment}
    return Corruption(join_paragraphs(lines), tuple(noise(tag) for tag in sorted(tags)))


# --------------------------------------------------------------------------------------------
# Invisible damage: odd whitespace, line endings

_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_ODD_SPACES = ("\u00a0", "\u2002", "\u2003", "\u2009", "\u3000", "\t", " ")


def odd_whitespace(text: str, rng: random.Random) -> Corruption:
    """Whitespace and invisible characters: U+3000/NBSP indents, trailing spaces and tabs, blank
    lines, zero-width characters and soft hyphens inside words, form feeds between pages."""
    paragraphs = split_paragraphs(text)
    injected = set()
    out = []
    indent = _pick(rng, ("\u3000\u3000", "\u00a0\u00a0\u00a0\u00a0", "    ", "\t", ""))
    for paragraph in paragraphs:
        chars = list(paragraph)
        for _ in range(rng.randint(0, 2)):
            if len(chars) > 2:
                ch = rng.choice(_INVISIBLE)
                chars.insert(rng.randint(1, len(chars) - 1), ch)
                injected.add(ch)
        line = indent + "".join(chars) + "".join(rng.choice(_ODD_SPACES) for _ in range(rng.randint(0, 3)))
        out.append(line)
        if rng.random() < 0.3:
            out.append(_pick(rng, ("", " ", "\u3000", "\t", "\u00a0")))
        if rng.random() < 0.03:
            out.append("\x0c")
            injected.add("\x0c")
    return Corruption(join_paragraphs(out), (*(noise(ch) for ch in sorted(injected)),
                                             note(f"indent {indent!r}")))


def line_endings(text: str, rng: random.Random) -> Corruption:
    """CRLF (Windows), CR (old Mac), a mix, and the Unicode separators U+2028/U+2029 and NEL."""
    variant = rng.randrange(4)
    if variant == 0:
        out = text.replace("\n", "\r\n")
    elif variant == 1:
        out = text.replace("\n", "\r")
    elif variant == 2:
        out = "".join(rng.choice(("\r\n", "\n", "\r\n\r\n")) if ch == "\n" else ch for ch in text)
    else:
        out = "".join(rng.choice(("\u2028", "\u2029", "\x85", "\n")) if ch == "\n" else ch for ch in text)
    return Corruption(out, (note(("crlf", "cr", "mixed", "unicode separators")[variant]),))


# --------------------------------------------------------------------------------------------
# Encodings and mojibake

_ENCODINGS = ("gb18030", "gbk", "gb2312", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig")


def encoding(text: str, rng: random.Random) -> Corruption:
    """The body as bytes in every encoding the decoder supports (GB18030/GBK/GB2312, UTF-16 with
    and without BOM, UTF-32, UTF-8 with BOM); Big5 comes with the ``traditional`` family."""
    names = list(_ENCODINGS)
    rng.shuffle(names)
    for name in names:
        try:
            data = text.encode(name)
        except UnicodeEncodeError:
            continue
        return Corruption(data, (note(name),))
    raise AssertionError("unreachable: gb18030 encodes everything")


def _gbk_bytes(text: str) -> bytes | None:
    try:
        return text.encode("gbk")
    except UnicodeEncodeError:
        return None


def _utf8_as_gbk(line: str) -> str | None:
    """UTF-8 bytes read as GBK (``鏀垮簻`` for 政府), when the round trip is exact."""
    try:
        broken = line.encode("utf-8").decode("gb18030")
        return broken if broken.encode("gb18030").decode("utf-8") == line else None
    except UnicodeError:
        return None


def _gbk_as(codec: str) -> Callable[[str], str | None]:
    def convert(line: str) -> str | None:
        data = _gbk_bytes(line)
        if data is None:
            return None
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            return None
    return convert


def _utf8_as_cp1252(line: str) -> str | None:
    try:
        return line.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return None


_MOJIBAKE = (("utf8-as-gbk", _utf8_as_gbk), ("gbk-as-latin1", _gbk_as("latin-1")),
             ("gbk-as-cp1252", _gbk_as("cp1252")), ("utf8-as-cp1252", _utf8_as_cp1252))


def mojibake(text: str, rng: random.Random) -> Corruption:
    """Text decoded with the wrong codec and saved that way (catalogue family 11): UTF-8 read as
    GBK, GBK read as Latin-1 or cp1252, UTF-8 read as cp1252; the whole document or some lines.
    Only exact round trips are used (no bytes lost), so the gold stays reachable."""
    name, convert = _pick(rng, _MOJIBAKE)
    paragraphs = split_paragraphs(text)
    whole = rng.random() < 0.5
    injected = [note(name + (" whole document" if whole else " some lines"))]
    out = []
    for paragraph in paragraphs:
        broken = convert(paragraph) if (whole or rng.random() < 0.3) and paragraph else None
        if broken and broken != paragraph:
            out.append(broken)
            injected.append(noise(broken))
        else:
            out.append(paragraph)
    return Corruption(join_paragraphs(out), tuple(injected))


# --------------------------------------------------------------------------------------------
# Traditional script


@cache
def _opencc(config: str):
    import opencc  # a project dependency (the normalization stage uses it)

    return opencc.OpenCC(config)


def to_traditional(text: str, config: str = "s2t") -> str:
    """Convert to Traditional characters so that OpenCC's t2s gives ``text`` back exactly: a
    character whose round trip is ambiguous stays simplified.

    >>> to_traditional("政府工作报告")
    '政府工作報告'
    """
    converted = _opencc(config).convert(text)
    if len(converted) != len(text):
        return text
    back = _opencc("t2s").convert(converted)
    if back == text:
        return converted
    fixed = "".join(c if b == s else s for c, b, s in zip(converted, back, text, strict=True))
    return fixed if _opencc("t2s").convert(fixed) == text else text


_PINYIN = {"鎮": "zhèn", "關": "guān", "經": "jīng", "過": "guò", "發": "fā", "區": "qū", "設": "shè",
           "農": "nóng", "產": "chǎn", "實": "shí", "業": "yè", "務": "wù", "會": "huì", "開": "kāi",
           "東": "dōng", "鄉": "xiāng", "進": "jìn", "動": "dòng", "將": "jiāng", "黨": "dǎng"}
_TW_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def traditional(text: str, rng: random.Random) -> Corruption:
    """The body in Traditional characters (OpenCC s2t, s2tw or s2hk), sometimes with Taiwan-style
    「」 quotes, pinyin residue after characters (``鎮(zhèn)``, catalogue family 12), or as Big5
    bytes."""
    config = _pick(rng, ("s2t", "s2tw", "s2hk"))
    out = "\n".join(to_traditional(p, config) for p in text.split("\n"))
    injected = [note(config)]
    roll = rng.random()
    if roll < 0.3:
        out = out.translate(_TW_QUOTES)
        injected += [note("「」 quotes"), *(noise(q) for q in "「」『』" if q in out)]
    elif roll < 0.55:
        count = 0

        def gloss(match: re.Match[str]) -> str:
            nonlocal count
            if count >= 30 or rng.random() < 0.5:
                return match.group()
            count += 1
            return f"{match.group()}({_PINYIN[match.group()]})"

        out = re.sub("[" + "".join(_PINYIN) + "]", gloss, out)
        injected += [note("pinyin residue"), *(noise(f"({p})") for p in sorted(set(_PINYIN.values()))
                                               if f"({p})" in out)]
    if rng.random() < 0.3:
        try:
            return Corruption(out.encode("big5hkscs"), (*injected, note("big5hkscs")))
        except UnicodeEncodeError:
            injected.append(note("big5 impossible, kept as text"))
    return Corruption(out, tuple(injected))


# --------------------------------------------------------------------------------------------
# Glyph garbage and anti-scrape jammers


@cache
def _radicals() -> dict[str, str]:
    """Ideograph -> the Kangxi/CJK radical that looks like it (⼯ for 工)."""
    table = {}
    for cp in (*range(0x2F00, 0x2FD6), *range(0x2E80, 0x2EFF)):
        ch = chr(cp)
        unified = unicodedata.normalize("NFKC", ch)
        if unified != ch and len(unified) == 1:
            table.setdefault(unified, ch)
    return table


def radicals(text: str, rng: random.Random) -> Corruption:
    """Kangxi radicals for ideographs, as PDF text extraction emits them (``政府⼯作报告``,
    catalogue family 18)."""
    table = _radicals()
    rate = rng.uniform(0.05, 0.6)
    used = set()

    def swap(ch: str) -> str:
        if ch in table and rng.random() < rate:
            used.add(table[ch])
            return table[ch]
        return ch

    out = "".join(swap(ch) for ch in text)
    return Corruption(out, tuple(noise(r) for r in sorted(used)))


def jammer(text: str, rng: random.Random) -> Corruption:
    """Anti-scrape jammer strings spliced into paragraphs (``& e9 H8 h2 W# K``, catalogue
    family 17)."""
    pieces = []
    for _ in range(rng.randint(2, 8)):
        tokens = [rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz")
                  + rng.choice("!#$%&*+-/:;<=>?@^_|~") for _ in range(rng.randint(4, 7))]
        pieces.append(" " + " ".join(tokens) + " ")
    paragraphs = _splice(split_paragraphs(text), pieces, rng)
    return Corruption(join_paragraphs(paragraphs), tuple(noise(p.strip()) for p in pieces))


# --------------------------------------------------------------------------------------------
# Duplicates and compilations


def duplicates(text: str, rng: random.Random) -> Corruption:
    """Repeated text: a reposted copy of the body (with small edits: a near-duplicate), doubled
    paragraphs, an overprinted title (``政府工作报告政府工作报告``, catalogue family 10)."""
    paragraphs = split_paragraphs(text)
    variant = rng.randrange(3)
    injected = []
    if variant == 0:
        copy = list(paragraphs)
        del copy[rng.randrange(len(copy))]
        edit = rng.randrange(len(copy))
        copy[edit] = copy[edit].replace("，", "、", 1)
        out = paragraphs + copy
        injected = [noise(p) for p in dict.fromkeys(copy)]
        injected.append(note("reposted near-duplicate copy"))
    elif variant == 1:
        out = []
        doubled = set(_pick(rng, range(len(paragraphs)), rng.randint(1, 4)))
        for i, paragraph in enumerate(paragraphs):
            out.append(paragraph)
            if i in doubled:
                out.append(paragraph)
                injected.append(noise(paragraph))
        injected.append(note("doubled paragraphs"))
    else:
        title = _title(paragraphs)
        index = paragraphs.index(title)
        out = list(paragraphs)
        if rng.random() < 0.5:
            out[index] = title * rng.randint(2, 3)
        else:
            out[index:index] = [title] * rng.randint(1, 3)
        injected = [noise(title), note("overprinted title")]
    return Corruption(join_paragraphs(out), tuple(injected))


TOWN_OF_GOLD = {"000-01": "罗针镇", "000-02": "高坪镇", "000-03": "荣山镇", "000-04": "云山镇",
                "000-05": "温泉镇", "000-06": "茅排乡", "000-07": "龙溪镇", "000-08": "孝桥镇",
                "000-09": "司马浦镇", "001": "正余镇", "002": "下各镇", "003": "京东镇", "004": "罗店镇"}


def compilation(text: str, rng: random.Random) -> Corruption:
    """Several reports in one file behind a compilation title and a table of contents (seed 000),
    QR-code ads between them. The gold is the bodies in order."""
    from bench.corpus import load_gold  # the other bodies come from the gold set

    gold = load_gold()
    names = [name for name, body in gold.items() if body != text]
    chosen = _pick(rng, names, rng.randint(1, 3))
    bodies = [text, *(gold[name] for name in chosen)]
    first = next((name for name, body in gold.items() if body == text), None)
    towns = [TOWN_OF_GOLD.get(first or "", "某镇"), *(TOWN_OF_GOLD[n] for n in chosen)]
    seen = rng.random() < 0.5
    title = (f"2022年乡镇政府工作报告-{len(bodies)}篇" if seen
             else f"【精选】{len(bodies)}篇乡镇政府工作报告汇编")
    toc_head = "目 录" if seen else "目录"
    page = 1
    toc = []
    for k, town in enumerate(towns, 1):
        toc.append(f"{k}.{town}政府工作报告 {page}" if seen else f"{k}.{town}政府工作报告……………………{page}")
        page += rng.randint(5, 12)
    injected = [noise(title, seen), noise(toc_head, seen), *(noise(line, seen) for line in toc)]
    parts = [title, toc_head, *toc]
    for k, body in enumerate(bodies):
        if k and rng.random() < 0.5:
            ad = _SEED_ADS[0]
            parts.append(ad)
            injected.append(noise(ad, True))
        if not seen:
            marker = f"第{k + 1}篇"
            parts.append(marker)
            injected.append(noise(marker))
        parts.extend(split_paragraphs(body))
    return Corruption(join_paragraphs(parts), tuple(injected), gold="".join(bodies))


# --------------------------------------------------------------------------------------------
# Registry


@dataclass(frozen=True)
class Family:
    """A noise family: its corruption, the stage expected to undo it, one line on what it is."""

    name: str
    corrupt: CorruptFn
    stage: str
    summary: str
    components: tuple[str, ...] = field(default=())


def seed_noise(text: str, rng: random.Random) -> Corruption:
    """Only the noise forms the default rule pack was written from (seeds 000–004): the meta
    line and 朗读 above the title, seed 002's disclosure rows and borders, seed 000's QR-code ad
    and EmpireCMS markers. The other families add the variants the rules have not seen."""
    paragraphs = split_paragraphs(text)
    town = _pick(rng, _TOWNS)
    head = [f"来源: {town}人民政府 发布时间:{_date(rng)} {_time(rng)} 累计次数: 字体:[ ]"]
    if rng.random() < 0.5:
        head.append("朗读")
    if rng.random() < 0.5:
        head = [f"索 引 号 | {_index_no(rng)} | 公开方式 | 主动公开 |",
                f"成文日期 | {_date(rng)} | 发布机构 | {town} |", "组配分类 | 计划总结 | ||", "|", "||||",
                *head]
    tail = [f"信息来源: {town} |", "||||"] if rng.random() < 0.5 else []
    tags = [_pick(rng, ("[!--empirenews.page--]", "[/!--empirenews.page--]")) + _pick(rng, ("", "\n"))
            for _ in range(rng.randint(1, 3))]
    paragraphs = _splice(paragraphs, tags, rng)
    ads = [_SEED_ADS[0]] * rng.randint(1, 2)
    paragraphs = _insert_between(paragraphs, ads, rng)
    injected = [noise(line, True) for line in dict.fromkeys([*head, *tail, *ads, *(t.strip() for t in tags)])]
    return Corruption(join_paragraphs(head + paragraphs + tail), tuple(injected))


def clean(text: str, rng: random.Random) -> Corruption:
    """No corruption at all: clean text must come out byte-identical (the negative set)."""
    return Corruption(text, (note("clean"),))


FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("clean", clean, "all", "the gold itself: must come out unchanged"),
    Family("encoding", encoding, "decode",
           "GB18030/GBK/GB2312, UTF-16 (BOM or not), UTF-32, UTF-8-BOM bytes"),
    Family("mojibake", mojibake, "encoding",
           "UTF-8 read as GBK, GBK as Latin-1/cp1252, UTF-8 as cp1252"),
    Family("line-endings", line_endings, "hygiene", "CRLF, CR, mixed, U+2028/2029, NEL"),
    Family("odd-whitespace", odd_whitespace, "hygiene",
           "indents, NBSP, zero-width, soft hyphen, form feed, blank lines"),
    Family("html-entities", html_entities, "hygiene", "&ldquo; &#12290; &#x3002; &amp;ldquo; &nbsp;"),
    Family("radicals", radicals, "hygiene", "Kangxi radicals for ideographs (⼯ for 工)"),
    Family("seed-noise", seed_noise, "boilerplate",
           "only the noise forms the rule pack was written from (seeds 000–004)"),
    Family("web-chrome", web_chrome, "boilerplate",
           "meta lines, share/print/close, editor credits, copyright"),
    Family("ads", ads, "boilerplate", "QR-code ads, content-farm wrappers, paywall markers"),
    Family("cms-tags", cms_tags, "boilerplate+layout",
           "EmpireCMS, DedeCMS, UEditor, phpcms, KindEditor markers"),
    Family("disclosure", disclosure, "boilerplate", "disclosure metadata tables in four layouts"),
    Family("html-markup", html_markup, "boilerplate",
           "<p>, <span style>, <br />, TRS div, enpproperty comment"),
    Family("jammer", jammer, "boilerplate", "anti-scrape jammer tokens inside paragraphs"),
    Family("page-breaks", page_breaks, "layout",
           "breaks at page ends mid-sentence, no furniture (seed 000)"),
    Family("page-furniture", page_furniture, "layout", "page-end breaks with footers and running headers"),
    Family("hard-wrap", hard_wrap, "layout", "hard wraps at 18–40 chars, page footers, running headers"),
    Family("collapsed", collapsed, "layout", "one-line layout (seed 002)"),
    Family("spaced-titles", spaced_titles, "layout", "政 府 工 作 报 告, 魏 翔"),
    Family("spurious-spaces", spurious_spaces, "layout/normalization", "1.71 亿元, 投资 33.27亿元, 加 快"),
    Family("halfwidth-punct", halfwidth_punctuation, "normalization", ", : ; ( ) ! ? \" ... -- ・"),
    Family("fullwidth", fullwidth, "normalization", "２０２２年, ＡＰＰ, ％"),
    Family("traditional", traditional, "normalization", "s2t/s2tw/s2hk, 「」, pinyin residue, Big5"),
    Family("duplicates", duplicates, "layout/dedup", "reposted copy, doubled paragraphs, overprinted title"),
    Family("compilation", compilation, "boilerplate+documents", "several reports with a TOC (seed 000)"),
)}

# The order in which ``mixed`` applies families: content first, then noise spliced into paragraphs,
# then whole noise lines, then markup and layout, then transport, so that a later corruption never
# rewrites an earlier noise string (layout only moves whitespace, which scoring ignores).
_MIX_ORDER = ("halfwidth-punct", "fullwidth", "spurious-spaces", "spaced-titles", "radicals",
              "cms-tags", "jammer", "duplicates", "web-chrome", "ads", "disclosure", "html-entities",
              "page-breaks", "hard-wrap", "collapsed", "odd-whitespace", "line-endings")
_MIX_TRANSPORT = ("encoding", "mojibake")


def mixed(text: str, rng: random.Random) -> Corruption:
    """Two to five families at once, applied in a fixed order (content, noise, layout, transport),
    as real pages carry several kinds of damage."""
    names = set(_pick(rng, _MIX_ORDER, rng.randint(2, 5)))
    layouts = names & {"page-breaks", "hard-wrap", "collapsed"}
    if len(layouts) > 1:
        names -= set(sorted(layouts)[1:])
    data: str | bytes = text
    injected: list[Injected] = []
    gold = None
    for name in _MIX_ORDER:
        if name in names:
            corruption = FAMILIES[name].corrupt(data, rng)  # type: ignore[arg-type]
            data, gold = corruption.data, corruption.gold or gold
            injected += [*corruption.injected, note(name)]
    if rng.random() < 0.3:
        name = rng.choice(_MIX_TRANSPORT)
        corruption = FAMILIES[name].corrupt(str(data), rng)
        data = corruption.data
        injected += [*corruption.injected, note(name)]
    return Corruption(data, tuple(injected), gold)


FAMILIES["mixed"] = Family("mixed", mixed, "all", "2–5 families at once, sometimes re-encoded")


def family_names() -> list[str]:
    return list(FAMILIES)

