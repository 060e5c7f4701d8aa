"""Split a compilation of reports into its reports.

Works on cleaned text (one paragraph per line). A report begins with a *title block*: a run of
short lines made of a title (``罗针镇政府工作报告``), a meeting document's label, a meeting line
(``——2022年10月28日在…第…届人民代表大会第…次会议上``), a speaker and the ``各位代表：``
opening. Each block gets points for what it holds and for what surrounds it (a first section
heading after it, the previous report's closing call before it); a block with enough points
starts a report. The points are small named facts, listed in each segment's ``reason``.

What keeps a single report whole: a heading (``二、2023年工作安排``) is numbered, so it is never
a title; a title quoted in a sentence is not a line of its own; a title alone (a running header)
needs a place name, must be the only line of its kind in the text and must not repeat the title
of the report it would cut; and a report must have a body before the next one may start.

Text before the first report (a compilation's title, a table of contents) is a ``preamble``
segment when the text holds several reports or a table of contents; a single report is always
one segment, whatever precedes its title. Concatenating the segments gives back the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cleaner import document_patterns as dp

REPORT = "report"
PREAMBLE = "preamble"
_THRESHOLD = 3.0
"""Points a title block needs to start a report (see ``_score``)."""
_SHORT_LINE = 40
"""A preamble line longer than this with a sentence in it is a report's body, not a preamble."""
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+\Z")


@dataclass(frozen=True)
class Segment:
    """One piece of a split text: a report, or the preamble before the first report."""

    kind: str
    """``"report"`` or ``"preamble"`` (text before the first report: compilation title, TOC)."""
    start_line: int
    """1-based line number of the first line, in the text given to ``split_reports``."""
    end_line: int
    """Line number of the last line (inclusive)."""
    text: str
    """The segment's lines, each ending with ``"\\n"`` (the last one only if the input's did)."""
    title: str | None
    """The report's title line as written (``罗针镇政府工作报告``); for a preamble, the compilation's
    title; None if there is none."""
    reason: str
    """Why a segment starts here, e.g. ``title line + meeting line + 各位代表 opening``."""

    def to_dict(self, *, with_text: bool = False) -> dict[str, object]:
        """The segment as JSON-ready data; the text only when asked (it can be large).

        >>> Segment("report", 1, 2, "政府工作报告\\n各位代表：\\n", "政府工作报告", "whole text").to_dict()
        {'kind': 'report', 'start_line': 1, 'end_line': 2, 'title': '政府工作报告', \
'reason': 'whole text', 'chars': 13}
        """
        data: dict[str, object] = {"kind": self.kind, "start_line": self.start_line,
                                   "end_line": self.end_line, "title": self.title,
                                   "reason": self.reason, "chars": len(self.text)}
        if with_text:
            data["text"] = self.text
        return data


# --- what one line is ------------------------------------------------------------------------

def line_kind(line: str) -> str:
    """What a line of cleaned text is, on its own: ``title``, ``compilation`` (a compilation's
    title), ``toc`` (a table of contents' heading or entry), ``meeting``, ``label`` (a meeting
    document's label), ``opening`` (各位代表：), ``closing`` (a closing call) or ``body``.

    >>> [line_kind(s) for s in ("罗针镇政府工作报告", "2022年乡镇政府工作报告-11篇", "目 录",
    ...                         "1.罗针镇政府工作报告 1", "各位代表、同志们：", "会议文件（十）")]
    ['title', 'compilation', 'toc', 'toc', 'opening', 'label']
    >>> line_kind("——2022年10月28日在温泉镇第十九届人民代表大会第三次会议上")
    'meeting'
    >>> [line_kind(s) for s in ("二、2023年工作安排", "根据《罗针镇政府工作报告》安排，抓好落实。")]
    ['body', 'body']
    >>> line_kind("各位代表！让我们更加紧密地团结起来，为建设美丽罗针而努力奋斗！")
    'closing'
    """
    line = line.strip()
    if not line:
        return "blank"
    if len(line) <= 60:
        if dp.COMPILATION_TITLE_RE.fullmatch(line):
            return "compilation"
        if dp.TOC_HEAD_RE.fullmatch(line) or dp.TOC_ENTRY_RE.fullmatch(line):
            return "toc"
        if dp.MEETING_RE.fullmatch(line):
            return "meeting"
        if dp.OPENING_RE.fullmatch(line):
            return "opening"
        if dp.LABEL_RE.fullmatch(line):
            return "label"
        if dp.TITLE_RE.fullmatch(line):
            return "title"
    if dp.CLOSING_SEARCH_RE.search(line) or dp.SIGNATURE_RE.fullmatch(line):
        return "closing"
    return "body"


def speaker_of(line: str) -> tuple[str | None, str] | None:
    """The (role, name) of a speaker line, or None; trust it only inside a title block.

    >>> speaker_of("镇人民政府镇长 魏翔"), speaker_of("杨瑞"), speaker_of("工作回顾")
    (('镇人民政府镇长', '魏翔'), (None, '杨瑞'), None)
    """
    match = dp.SPEAKER_RE.fullmatch(line.strip())
    if match is None or dp.NOT_A_NAME_SEARCH_RE.search(match.group(2)):
        return None
    return match.group(1), match.group(2)


def place_in(text: str) -> str | None:
    """The first place name (…镇, …乡, …街道, …县, …区, …市, …省) in a run of text, or None.

    >>> place_in("罗针镇政府工作报告"), place_in("下各镇2023年工作总结和2024 工作思路")
    ('罗针镇', '下各镇')
    >>> place_in("政府工作报告"), place_in("我代表镇人民政府")
    (None, None)
    """
    for match in dp.PLACE_UNIT_SEARCH_RE.finditer(text):
        unit = match.group()
        suffix = next(s for s, _ in dp.PLACE_LEVELS if unit.endswith(s))
        if len(unit) - len(suffix) >= 2 and unit[0] not in dp.NOT_A_NAME_START:
            return unit
    return None


def _normal(line: str) -> str:
    return "".join(line.split())


# --- title blocks ----------------------------------------------------------------------------

@dataclass(frozen=True)
class TitleBlock:
    """A run of title-block lines: [start, end) line indexes, the kind of each non-blank line
    (``title``, ``label``, ``meeting``, ``meeting_tail``, ``speaker``, ``opening``) and the last
    title line."""

    start: int
    end: int
    kinds: tuple[str, ...]
    title: str | None


_STARTERS = frozenset({"title", "label", "meeting", "opening"})


def title_blocks(lines: list[str], kinds: list[str]) -> list[TitleBlock]:
    """Every title block: a starter line, then title-block lines; 各位代表 ends the block. A
    meeting line's second half and a speaker count only after a title or a meeting line."""
    blocks = []
    i = 0
    while i < len(lines):
        if kinds[i] not in _STARTERS:
            i += 1
            continue
        j, seen = i, []
        while j < len(lines):
            kind = kinds[j]
            if kind == "blank":
                j += 1
                continue
            if kind not in _STARTERS:
                after_head = bool(seen) and seen[-1] in ("title", "meeting")
                if after_head and seen[-1] == "meeting" and dp.MEETING_TAIL_RE.fullmatch(lines[j].strip()):
                    kind = "meeting_tail"
                elif after_head and "speaker" not in seen and speaker_of(lines[j]) is not None:
                    kind = "speaker"
                else:
                    break
            seen.append(kind)
            j += 1
            if kind == "opening":
                break
        titles = [lines[k].strip() for k in range(i, j) if kinds[k] == "title"]
        blocks.append(TitleBlock(i, j, tuple(seen), titles[-1] if titles else None))
        i = j
    return blocks


def _neighbour(lines: list[str], index: int, step: int) -> int | None:
    """The index of the nearest non-blank line from ``index`` going by ``step``, or None."""
    while 0 <= index < len(lines):
        if lines[index].strip():
            return index
        index += step
    return None


def _score(block: TitleBlock, lines: list[str], kinds: list[str], title_counts: Counter[str],
           current_title: str | None) -> tuple[float, list[str]]:
    """The points of a title block and the facts that earned them.

    title with a place 2 (a bare 政府工作报告 1, another title 0.5), meeting line 2, 各位代表
    opening 2, speaker 0.5, a ``我代表…人民政府`` first sentence right after (when 各位代表 is
    missing) 2, a first section heading right after 1, the previous report's
    closing call right before 1.5 (or the start of the text / a table of contents 1); a title
    with a place that is the only such line in the text 1 more when nothing else but the title
    speaks for the block, and a title alone that repeats the current report's title is a
    running header (no points).
    """
    points, facts = 0.0, []
    if block.title is not None:
        if place_in(block.title):
            points, facts = 2.0, ["title line"]
        elif "政府工作报告" in block.title:
            points, facts = 1.0, ["title line"]
        else:
            points, facts = 0.5, ["title-like line"]
    for kind, value, fact in (("meeting", 2.0, "meeting line"), ("speaker", 0.5, "speaker line"),
                              ("opening", 2.0, "各位代表 opening")):
        if kind in block.kinds:
            points += value
            facts.append(fact)
    after = _neighbour(lines, block.end, 1)
    next_line = lines[after].strip() if after is not None else ""
    opens = "opening" not in block.kinds and bool(dp.REPORT_OPENING_RE.match(next_line))
    if opens:
        points += 2.0
        facts.append("我代表…人民政府 first sentence")
    title_only = not opens and not {"meeting", "opening"} & set(block.kinds)
    if title_only and block.title is not None:
        if current_title is not None and _normal(block.title) == _normal(current_title):
            return 0.0, ["repeats the current report's title (a running header)"]
        if place_in(block.title) and title_counts[_normal(block.title)] == 1:
            points += 1.0
            facts.append("title named once in the text")
    if dp.FIRST_SECTION_RE.fullmatch(next_line):
        points += 1.0
        facts.append("first section heading")
    before = _neighbour(lines, block.start - 1, -1)
    if before is None:
        points += 1.0
        facts.append("start of text")
    elif kinds[before] in ("toc", "compilation"):
        points += 1.0
        facts.append("after the table of contents")
    elif kinds[before] == "closing":
        points += 1.5
        facts.append("closing call before")
    return points, facts


def _has_body(kinds: list[str], start: int, end: int) -> bool:
    return any(kind not in ("blank", "toc", "compilation") for kind in kinds[start:end])


def _looks_like_preamble(lines: list[str], kinds: list[str]) -> bool:
    """True when lines before the first report hold no report text: a compilation's title, a
    table of contents, short lines."""
    return all(kind in ("blank", "toc", "compilation")
               or (len(line.strip()) <= _SHORT_LINE and "。" not in line)
               for line, kind in zip(lines, kinds, strict=True))


def split_reports(text: str) -> list[Segment]:
    """Cleaned text -> its segments in order: reports, and a preamble before the first one.

    A single report is exactly one ``report`` segment; ``"".join(s.text for s in segments)``
    is the input.

    >>> r1 = "政府工作报告\\n2022年10月28日在罗针镇第十九届人民代表大会第三次会议上\\n各位代表：\\n正文。\\n"
    >>> r2 = "高坪镇政府工作报告\\n一、2022年工作回顾\\n正文。\\n"
    >>> [(s.kind, s.start_line, s.title) for s in split_reports("汇编-2篇\\n" + r1 + r2)]
    [('preamble', 1, '汇编-2篇'), ('report', 2, '政府工作报告'), ('report', 6, '高坪镇政府工作报告')]
    >>> [s.reason for s in split_reports(r1 + "二、2023年工作安排\\n正文。\\n")]
    ['title line + meeting line + 各位代表 opening + start of text (a single report)']
    """
    lines = _LINE_RE.findall(text)
    if not lines:
        return []
    kinds = [line_kind(line) for line in lines]
    title_counts = Counter(_normal(line) for line, kind in zip(lines, kinds, strict=True) if kind == "title")
    starts: list[tuple[TitleBlock, str]] = []
    current_title: str | None = None
    last_end = 0
    for block in title_blocks(lines, kinds):
        points, facts = _score(block, lines, kinds, title_counts, current_title)
        if points < _THRESHOLD:
            continue
        if starts and not _has_body(kinds, last_end, block.start):
            continue  # no body since the last title block: still the same report's head
        starts.append((block, " + ".join(facts)))
        current_title = block.title
        last_end = block.end
    return _segments(lines, kinds, starts)


def _segments(lines: list[str], kinds: list[str], starts: list[tuple[TitleBlock, str]]) -> list[Segment]:
    """Cut the lines at the accepted title blocks."""
    def make(kind: str, start: int, end: int, title: str | None, reason: str) -> Segment:
        return Segment(kind, start + 1, end, "".join(lines[start:end]), title, reason)

    has_toc = any(kind == "toc" for kind in kinds[:starts[0][0].start]) if starts else False
    if not starts:
        return [make(REPORT, 0, len(lines), None, "no title block found: the whole text is one report")]
    if len(starts) == 1 and not has_toc:
        block, reason = starts[0]
        return [make(REPORT, 0, len(lines), block.title, reason + " (a single report)")]
    segments = []
    first = starts[0][0].start
    if first > 0:
        head_kind = PREAMBLE if _looks_like_preamble(lines[:first], kinds[:first]) else REPORT
        reason = ("text before the first report: compilation title, table of contents"
                  if head_kind == PREAMBLE else "report text before the first title block (no title found)")
        title = _compilation_title(lines[:first], kinds[:first]) if head_kind == PREAMBLE else None
        segments.append(make(head_kind, 0, first, title, reason))
    bounds = [block.start for block, _ in starts] + [len(lines)]
    for (block, reason), end in zip(starts, bounds[1:], strict=True):
        segments.append(make(REPORT, block.start, end, block.title, reason))
    return segments


def collection_title(segments: list[Segment]) -> str | None:
    """The compilation's title, from the preamble: its compilation-title line, else its first
    line that is not part of a table of contents; None without a preamble.

    >>> collection_title(split_reports("2022年乡镇政府工作报告-11篇\\n目 录\\n1.罗针镇政府工作报告 1\\n"
    ...                                "罗针镇政府工作报告\\n各位代表：\\n正文。\\n"))
    '2022年乡镇政府工作报告-11篇'
    >>> collection_title(split_reports("政府工作报告\\n各位代表：\\n正文。\\n")) is None
    True
    """
    preamble = next((s for s in segments if s.kind == PREAMBLE), None)
    return None if preamble is None else preamble.title


def _compilation_title(lines: list[str], kinds: list[str]) -> str | None:
    """A preamble's compilation-title line, else its first line that is not part of a table of
    contents."""
    pairs = [(line.strip(), kind) for line, kind in zip(lines, kinds, strict=True) if line.strip()]
    return next((line for line, kind in pairs if kind == "compilation"),
                next((line for line, kind in pairs if kind != "toc"), None))
