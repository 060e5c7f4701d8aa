"""A report's title or heading glued onto a line of chrome: what a whole-line cut keeps.

Pages and farms glue chrome onto the line of a report's title (``发布日期：2024年5月23日　【大 中
小】　荣山镇政府工作报告``, ``荣山镇政府工作报告　导读：本文是小编整理的…``) or a forum stamp onto
an outline heading (``签到天数：44 天　（三）务实重干，狠抓落实``). A rule that deletes the whole
line would take the title with it. The rule engine asks ``kept_titles`` before it deletes lines:
when a line ends (or starts) with a title or a heading that the report needs (see there), only
the chrome goes. Report sentences glued onto chrome anywhere are kept the same way
(``kept_report_text``), and a deleting span match that runs to a line's end stops before them
(``spare_glued_tails``). The patterns are data:
``cleaner.glued_title_patterns``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, NamedTuple

from cleaner.glued_title_patterns import (
    BARE_TITLE_HEAD_RE,
    BARE_TITLE_TAIL_RE,
    GLUED_HEAD_RE,
    GLUED_HEADING_RE,
    GLUED_LEAD_HEADING_RE,
    GLUED_SENTENCES_RE,
    GLUED_SIGNATURE_RE,
    GLUED_TAIL_RE,
    GLUED_TAIL_SENTENCES_RE,
    GLUED_TEXT_START_RE,
    HEADING_LINE_RE,
    LABEL_LINE_RE,
    NUMBER_CONTINUES,
    PROSE_LINE_RE,
    PROSE_MARKS,
    REPORT_TEXT_MARKS_RE,
    SENTENCE_END_RE,
    TITLE_WORDS,
)
from cleaner.layout_patterns import SPACE
from cleaner.zone_patterns import MEETING_RE, OPENING_RE

Span = tuple[int, int]
# A line between a report's end and the next report's title (点击返回顶部目录, （本篇完）) is short.
_END_MARK_CHARS = 20


def glued_title(line: str) -> tuple[Span, bool] | None:
    """Where a title or heading sits at the end (or start) of chrome ``line``, and whether it
    is an outline heading (which may stand anywhere) rather than a title (header only).

    >>> line = "发布日期：2024年5月23日　【大 中 小】　荣山镇政府工作报告"
    >>> (start, end), heading = glued_title(line)
    >>> line[start:end], heading
    ('荣山镇政府工作报告', False)
    >>> line = "荣山镇政府工作报告　推荐度：★★★★　下载：1861"
    >>> (start, end), heading = glued_title(line)
    >>> line[start:end], heading
    ('荣山镇政府工作报告', False)
    >>> glued_title("签到天数：44 天　（三）务实重干，狠抓落实")[1]
    True
    >>> glued_title("政府工作报告（通用5篇）")
    ((0, 6), False)
    >>> glued_title("荣山镇政府工作报告") is None, glued_title("访问量：2024　打印") is None
    (True, True)
    """
    stripped = line.strip(SPACE)
    offset = line.find(stripped) if stripped else 0
    for pattern in (GLUED_TAIL_RE, GLUED_HEAD_RE):
        match = pattern.fullmatch(stripped)
        if match:
            start, end = match.span("title")
            return (offset + start, offset + end), not match.group("title").endswith(TITLE_WORDS)
    return None


def bare_title(line: str) -> Span | None:
    """Where a report title of a strict shape ends chrome ``line`` with no gap before it, or
    starts it with no gap after it.

    >>> line = "——转自公众号基层笔谈录政府工作报告"
    >>> start, end = bare_title(line)
    >>> line[start:end]
    '政府工作报告'
    >>> line = "适用行业：乡镇机关　字数：87306下各镇2023年工作总结和2024工作思路"
    >>> start, end = bare_title(line)
    >>> line[start:end]
    '下各镇2023年工作总结和2024工作思路'
    >>> line = "政府工作报告发布人：温泉镇信息员　审核人：袁平"
    >>> start, end = bare_title(line)
    >>> line[start:end]
    '政府工作报告'
    >>> bare_title("政府工作报告") is None, bare_title("点击查看更多工作报告") is None
    (True, True)
    >>> bare_title("政府工作报告（摘要）") is None
    True
    """
    body = line.rstrip(SPACE)
    match = BARE_TITLE_TAIL_RE.fullmatch(body) or BARE_TITLE_HEAD_RE.fullmatch(body)
    return match.span("title") if match else None


def starts_report(line: str, *, prose: bool = True) -> bool:
    """Whether ``line`` can follow a report's title or heading: the opening address, the meeting
    line, an outline heading or (with ``prose``) a line of prose; not another title of a list.

    >>> starts_report("各位代表："), starts_report("（一）坚持稳中求进")
    (True, True)
    >>> starts_report("今年以来，在县委、县政府的坚强领导下，全镇上下紧紧围绕发展目标。")
    True
    >>> starts_report("2. 龙溪镇2023年工作总结"), starts_report("")
    (False, False)
    """
    body = line.strip(SPACE)
    if not body:
        return False
    if OPENING_RE.match(body) or MEETING_RE.match(body) or HEADING_LINE_RE.match(body):
        return True
    return prose and bool(PROSE_LINE_RE.fullmatch(body)) and any(mark in body for mark in PROSE_MARKS)


def kept_titles(text: str, lines: Sequence[Span], header: Callable[[], Sequence[Span]]
                ) -> dict[int, Span]:
    r"""The titles and headings to keep (by index) of the ``lines`` a rule would delete (sorted
    spans of whole lines; a block gives its last line).

    Either is kept only when the report goes on after it: the next line that holds text
    (skipping lines the rule deletes and label-value lines of chrome) starts the report. A
    heading is then kept anywhere; a title in the document's ``header`` (spans, asked for only
    when a line holds a title), or right after a report's last sentence when the next report's
    opening, meeting line or heading follows (a compilation's separator). Elsewhere in or below
    a report's body, a title is a related page's. A title may be glued with no gap at all
    when it has a strict shape (``bare_title``).

    >>> text = "来源：镇政府　荣山镇政府工作报告\n各位代表：\n现在，我代表镇人民政府作报告。"
    >>> kept = kept_titles(text, [(0, 16)], lambda: [(0, 17)])
    >>> [text[a:b] for a, b in kept.values()]
    ['荣山镇政府工作报告']
    >>> text = "1）推荐：龙溪镇工作总结\n2）推荐：荣山镇工作总结\n荣山镇工作总结\n今年以来，全镇团结一心。"
    >>> kept_titles(text, [(0, 12), (13, 25)], lambda: [(0, 34)])  # the report has its title
    {}
    >>> text = "今年任务全面完成。\n相关推荐：龙溪镇工作总结\n今年以来，全镇上下团结一心，再创佳绩。"
    >>> kept_titles(text, [(10, 22)], lambda: [])  # a report's body, not its start: a related page
    {}
    >>> text = "青灯写作网收集整理，仅供交流政府工作报告\n各位代表：\n现在，我代表镇人民政府作报告。"
    >>> [text[a:b] for a, b in kept_titles(text, [(0, 20)], lambda: [(0, 21)]).values()]
    ['政府工作报告']
    """
    cut_starts = {start for start, _ in lines}
    found: dict[int, tuple[Span, bool]] = {}
    for index, (start, end) in enumerate(lines):
        glued = glued_title(text[start:end])
        if glued is not None:
            found[index] = ((start + glued[0][0], start + glued[0][1]), glued[1])
        elif (bare := bare_title(text[start:end])) is not None:
            found[index] = ((start + bare[0], start + bare[1]), False)
    if not found:
        return {}
    head = header() if any(not heading for _, heading in found.values()) else ()
    kept: dict[int, Span] = {}
    for index, (title, heading) in found.items():
        start, end = lines[index]
        following = _next_filled_line(text, end, cut_starts)
        if not starts_report(following):
            continue
        if (heading or any(low <= start < high for low, high in head)
                or (SENTENCE_END_RE.search(_previous_filled_line(text, start))
                    and starts_report(following, prose=False))):
            kept[index] = title
    return kept


def _next_filled_line(text: str, end: int, skipped: Collection[int] = ()) -> str:
    r"""The first line after the line ending at ``end`` that holds more than spaces, does
    not start at one of the ``skipped`` offsets and is no label-value line of chrome.

    >>> _next_filled_line("a\n \n\nb\nc", 1), _next_filled_line("a\nb\nc", 1, {2})
    ('b', 'c')
    >>> _next_filled_line("a\n来源：镇政府　日期：2016.12.17\n各位代表：", 1)
    '各位代表：'
    """
    position = end
    while position < len(text):
        stop = text.find("\n", position + 1)
        stop = len(text) if stop < 0 else stop
        line = text[position + 1:stop]
        body = line.strip(SPACE)
        if body and position + 1 not in skipped and (
                starts_report(body) or not LABEL_LINE_RE.fullmatch(body)):
            return line
        position = stop
    return ""


def _previous_filled_line(text: str, start: int) -> str:
    r"""The last line before the line starting at ``start`` that holds more than spaces, past
    up to two short lines with no sentence end between a report's end and the next report's
    title (``点击返回顶部目录``, ``（本篇完）``).

    >>> _previous_filled_line("全年新建公路18公里，改造危桥3座。\n\n下一行", 20)
    '全年新建公路18公里，改造危桥3座。'
    >>> _previous_filled_line("而努力奋斗！\n（本篇完）\n篇二：某镇政府工作报告", 13)
    '而努力奋斗！'
    """
    skipped = 0
    for line in reversed(text[:start].split("\n")):
        body = line.strip(SPACE)
        if not body:
            continue
        if skipped < 2 and len(body) <= _END_MARK_CHARS and not SENTENCE_END_RE.search(body):
            skipped += 1
            continue
        return line
    return ""


def glued_report_text(line: str) -> list[tuple[Span, bool]]:
    """Where report text sits at the end (or start) of chrome ``line``, longest first, and
    whether it is a bare outline heading (no sentence end).

    >>> line = "【打印本页】【关闭窗口】全年新建农村公路18公里，改造危桥3座。"
    >>> [(line[a:b], heading) for (a, b), heading in glued_report_text(line)]
    [('全年新建农村公路18公里，改造危桥3座。', False)]
    >>> line = "全年新建农村公路18公里。责任编辑：李明"
    >>> [line[a:b] for (a, b), _ in glued_report_text(line)]
    ['全年新建农村公路18公里。']
    >>> line = "浏览次数：1256二、2024年工作安排"
    >>> [(line[a:b], heading) for (a, b), heading in glued_report_text(line)]
    [('二、2024年工作安排', True)]
    >>> line = "积分 41142　主题 24　上半年，我们重点抓了以下工作："
    >>> [line[a:b] for (a, b), _ in glued_report_text(line)]
    ['上半年，我们重点抓了以下工作：']
    >>> line = "（三）持续改善民生福祉　【打印本页】"
    >>> [(line[a:b], heading) for (a, b), heading in glued_report_text(line)]
    [('（三）持续改善民生福祉', True)]
    >>> line = "大会秘书组 2023年3月主办单位：某镇人民政府"
    >>> [line[a:b] for (a, b), _ in glued_report_text(line)]
    ['大会秘书组 2023年3月']
    >>> glued_report_text("扫描上面二维码加QQ好友，获得更多文稿实用素材。")
    []
    >>> glued_report_text("全年新建农村公路18公里，改造危桥3座。")  # no chrome: nothing to keep apart
    []
    """
    found: list[tuple[Span, bool]] = []
    size = len(line.rstrip(SPACE))
    for gap in GLUED_TEXT_START_RE.finditer(line, 1):
        start = gap.end()
        if start >= size:
            break
        for pattern, heading in ((GLUED_TAIL_SENTENCES_RE, False), (GLUED_HEADING_RE, True)):
            if pattern.fullmatch(line, start, size) and REPORT_TEXT_MARKS_RE.search(line[start:size]):
                found.append(((start, size), heading))
                break
    lead = len(line) - len(line.lstrip(SPACE))
    match = GLUED_SENTENCES_RE.match(line, lead)
    if match and line[match.end():].strip(SPACE) and REPORT_TEXT_MARKS_RE.search(match.group()):
        found.append(((lead, match.end()), False))
    match = GLUED_LEAD_HEADING_RE.match(line, lead)
    if match:
        found.append(((lead, match.end()), True))
    match = GLUED_SIGNATURE_RE.match(line, lead)
    if match and line[match.end():].strip(SPACE):
        found.append(((lead, match.end()), False))
    return sorted(found, key=lambda item: item[0][0] - item[0][1])


def kept_report_text(text: str, lines: Sequence[Span], skipped: Collection[int],
                     still_cut: Callable[[str, Span], bool]) -> dict[int, Span]:
    r"""The report text to keep (by index) of the ``lines`` a rule would delete, those in
    ``skipped`` aside: sentences (or a heading the report goes on after) glued onto chrome that
    the rule would not delete once the chrome is gone. ``still_cut(variant, span)`` says
    whether the rule deletes ``span`` of ``variant``, the text with the line made that text.

    >>> text = "一、工作回顾\n【打印本页】全年新建公路18公里，改造危桥3座。\n二、工作安排"
    >>> kept = kept_report_text(text, [(7, 31)], (), lambda variant, span: False)
    >>> [text[a:b] for a, b in kept.values()]
    ['全年新建公路18公里，改造危桥3座。']
    >>> kept_report_text(text, [(7, 31)], (), lambda variant, span: True)  # still the rule's
    {}
    """
    cut_starts = {start for start, _ in lines}
    kept: dict[int, Span] = {}
    for index, (start, end) in enumerate(lines):
        if index in skipped:
            continue
        for (low, high), heading in glued_report_text(text[start:end]):
            if heading and not starts_report(_next_filled_line(text, end, cut_starts)):
                continue
            variant = text[:start] + text[start + low:start + high] + text[end:]
            if not still_cut(variant, (start, start + high - low)):
                kept[index] = (start + low, start + high)
                break
    return kept


_SPAN_GAPS = SPACE + "|｜丨>＞›»·•"


class Trimmed(NamedTuple):
    """A deleting span match cut short before the report text glued to its end: quacks like
    the ``regex.Match`` that ``cleaner.change.replace_matches`` reads (span, group, expand)."""

    start: int
    end: int
    text: str

    def span(self) -> Span:
        return (self.start, self.end)

    def group(self) -> str:
        return self.text

    def expand(self, template: str) -> str:
        return template


def spare_glued_tails(text: str, matches: Sequence[Any], matches_in: Callable[[str, Span], bool],
                      header: Callable[[], Sequence[Span]] = lambda: ()) -> list[Any]:
    """The deleting span ``matches`` of ``text``, each that runs to its line's end over report
    text glued after chrome (``全年新建公路18公里，改造危桥3座。`` after ``本文档共5页，下载后可编辑　``)
    cut short before that text, unless the rule matches the text alone too:
    ``matches_in(variant, span)`` says whether the pattern matches ``span`` of ``variant``, the
    text with the match's chrome gone. A report's title glued after a gap counts as such text in
    the document's ``header`` (spans, asked for only when a match ends in a title) when the
    report's opening, meeting line or a heading follows. A match that ends inside a number the
    text goes on with (``#Q7#mK#2022`` before ``年工作回顾``) stops before its digits.

    >>> import re
    >>> text = "本文档共5页，下载后可编辑　全年新建公路18公里，改造危桥3座。\\n下一行"
    >>> found = list(re.finditer("本文档共.*", text))
    >>> [m.group() for m in spare_glued_tails(text, found, lambda variant, span: False)]
    ['本文档共5页，下载后可编辑　']
    >>> [m.group() for m in spare_glued_tails(text, found, lambda variant, span: True)] == [found[0].group()]
    True
    >>> text = "扫码阅读#Q7#mK#2022年工作回顾"
    >>> [m.group() for m in spare_glued_tails(text, list(re.finditer("#[#A-Za-z0-9]+", text)), None)]
    ['#Q7#mK#']
    """
    spared: list[Any] = []
    for match in matches:
        start, end = match.span()
        if text[end - 1:end].isdigit() and text[end:end + 1] in NUMBER_CONTINUES:
            digits = end - 1
            while digits > start and (text[digits - 1].isdigit() or text[digits - 1] == "."):
                digits -= 1
            if digits > start:  # the number stays whole: the cut ends before its digits
                match = Trimmed(start, digits, text[start:digits])
                spared.append(match)
                continue
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if end - start < 12 or text[end:line_end].strip(SPACE):
            spared.append(match)
            continue
        chrome = text[start:end]
        size = len(chrome.rstrip(SPACE))
        glued = glued_report_text(chrome)
        found = glued_title(chrome)
        # a report's title in the header (not a heading: glued_report_text has those)
        title = found[0] if found is not None and not found[1] else None
        if title is not None and any(low <= start < high for low, high in header()):
            glued.append((title, True))
        for (low, high), heading in glued:
            # after a gap of spaces or a separator only: what follows a bracket or a sentence end
            # inside one match (【导读】本文是…整理的, …。欢迎参阅。) is the rule's own text
            if high != size or low == 0 or (not heading and chrome[low - 1] not in _SPAN_GAPS):
                continue
            if heading and not starts_report(_next_filled_line(text, line_end),
                                             prose=(low, high) != title):
                continue
            variant = text[:start] + chrome[low:] + text[end:]
            if not matches_in(variant, (start, start + high - low)):
                match = Trimmed(start, start + low, chrome[:low])
                break
        spared.append(match)
    return spared
