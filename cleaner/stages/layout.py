"""Layout: give a document back its paragraphs.

PDF and Word exports cut sentences at a fixed width or at page ends, pages leave numbers and
running headers behind, scrapers collapse a whole report onto one line or space out its title.
This stage works line by line with the patterns of ``cleaner.layout_patterns``:

1. per line: Word TOC field codes go (``layout.toc-field``), spaced-out titles and names close
   up (``政 府 工 作 报 告``, ``layout.spaced-text``), a collapsed line is split at its paragraph
   boundaries (``layout.split``);
2. page furniture is found and dropped: page numbers (``— 3 —``, ``第3页 共10页``, ``3/15``, a
   bare number that interrupts a sentence; ``layout.page-number``), browser print headers and
   footers (``layout.print-furniture``), running headers that repeat at page boundaries
   (``layout.running-header``), a line repeated right after itself (``layout.repeat``: dropped
   before a join could glue the copies; every other repeat is the repeats stage's);
3. lines are rejoined (``layout.join``), deciding from the document's own profile. In every
   document a line that ends no sentence goes on with the next one, unless either is a heading
   or a title-block line. In a hard-wrapped document (near-constant line widths) a full line
   goes on too, and even one ending a sentence when paragraphs are marked otherwise (indents,
   blank lines); without such marks a line that ends a sentence is never joined;
4. spaces inside Chinese sentences go (``layout.spaced-text``).

Every decision is recorded with a reason (``joined: no sentence end, next line not a
heading``). A line the stage builds is checked against the boilerplate rules once more (the
boilerplate stage ran before the line existed), and the stage repeats its pass until the text
no longer changes, so that it is idempotent and its output is a fixed point of the whole
pipeline. Known limit: a short line
without punctuation reads as a heading, so a page break right after the few first characters
of a paragraph stays (gluing a heading to its paragraph is the worse mistake).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.change import ChangeLog
from cleaner.layout_patterns import (
    BARE_NUMBER_RE,
    CLOSING_CHARS,
    CLOSING_PUNCTUATION,
    COLLAPSE_AFTER_HALF_END,
    COLLAPSE_BEFORE_MARKER,
    COLLAPSE_CLOSERS,
    COLLAPSE_END_CHARS,
    COLLAPSE_HALF_END_CHARS,
    COLLAPSE_NEXT_CHARS,
    CONTINUATION_HAN,
    CONTINUATION_PUNCTUATION,
    DATE_TAIL_RE,
    FIELD_LINE_RE,
    FIRST_UNIT_RE,
    HAN_RUN_START_RE,
    HEADING_SPACE_RE,
    MARKER_FIRST_CHARS,
    MEETING_HEAD_RE,
    MEETING_LINE_RE,
    NAME_AHEAD_RE,
    NAME_LINE_RE,
    PAGE_FRACTION_RE,
    PAGE_NUMBER_RE,
    PARAGRAPH_OPENER_RE,
    PRINT_FOOTER_RE,
    PRINT_HEADER_RE,
    PROSE_PUNCTUATION_RE,
    ROLE_END_RE,
    RUN_ON_BOUNDARY_RE,
    SALUTATION_RE,
    SENTENCE_END_CHARS,
    SENTENCE_INSIDE_RE,
    SPACED_LINE_RE,
    SPACED_NAME_RE,
    SPACED_RUN_RE,
    SPACES_RE,
    SPEAKER_RE,
    STRONG_MARKER_RE,
    TITLE_RE,
    TOC_FIELD_RE,
    TOC_FIELD_TRIGGERS,
    TOPIC_SENTENCE_RE,
    UNIT_CHARS,
    WEAK_MARKER_RE,
)
from cleaner.repeat_patterns import ADJACENT_MIN, HAN_RE
from cleaner.stages.boilerplate import NAME as BOILERPLATE
from cleaner.stages.boilerplate import check_fragment, recheck_built_line
from cleaner.zones import starts_of_lines

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

MAX_PASSES = 4
NUMBERED_HEADING_MAX = 60  # a numbered line longer than this is a paragraph that starts with a number
UNNUMBERED_HEADING_MAX = 40
DENSE_MIN_LINES = 6
TITLE_BLOCK_MAX = 80
RUNNING_HEADER_MAX = 50
CONTEXT = 8  # characters shown on each side of a join or split in the change log
# A line without spaces is a collapsed document only when it is long and holds at least half of
# the document, or is longer than any paragraph of a real report (the longest in the seeds and
# bench/gold is 872 characters), and has two boundaries or more (none of those has even one).
RUN_ON_MIN_CHARS = 100
RUN_ON_ALONE_CHARS = 1500
RUN_ON_MIN_BOUNDARIES = 2

JOIN = "layout.join"
SPLIT = "layout.split"
PAGE_NUMBER = "layout.page-number"
RUNNING_HEADER = "layout.running-header"
PRINT_FURNITURE = "layout.print-furniture"
TOC_FIELD = "layout.toc-field"
SPACED = "layout.spaced-text"
REPEAT = "layout.repeat"

_DIGITS_RE = re.compile("[0-9]+")
_DIGIT_RE = re.compile("[0-9]")
_SALUTATION_SPLIT_RE = re.compile("[ \u3000\t]+(?=(?:各位代表|同志们)[^。！？!?]{0,12}[：:])")


# ---------------------------------------------------------------- line classification

def ends_sentence(text: str) -> bool:
    """True when the last mark of ``text``, before closing quotes and brackets, ends a sentence.

    A closing quote alone does not: ``坚持"严"`` + ``字当头`` is one sentence cut at a page end
    in seed 000, and a heading may end in a quote (``树立履职“好榜样”``).

    An odd ASCII quote at the end opens a quotation (``撑起"致富伞"。"`` + ``单打独斗"…``).

    >>> [ends_sentence(s) for s in ("各位代表:", "树立履职“好榜样”", "他说：“好。”", "有力带")]
    [True, False, True, False]
    >>> ends_sentence('撑起"致富伞"。"'), ends_sentence('他说:"好。"')
    (False, True)
    """
    end = len(text)
    if text.endswith('"') and text.count('"') % 2:
        return False  # an odd ASCII quote at the end opens a quotation
    while end and text[end - 1] in CLOSING_CHARS:
        end -= 1
    return end > 0 and text[end - 1] in SENTENCE_END_CHARS


def heading_marker(text: str) -> str | None:
    """``"strong"`` for a numbered heading marker at the line start (一、 （一） 1. （1） ① 第一章),
    ``"weak"`` for one that may also continue a sentence (一是, ——), else ``None``.

    >>> [heading_marker(s) for s in ("（一）坚持", "1.5亿元", "10.顾集镇", "二是加强", "2022年")]
    ['strong', None, 'strong', 'weak', None]
    """
    first = text[:1]
    if first in _INDENTS:
        text = text.lstrip(" \u3000\t")
        first = text[:1]
    if first not in MARKER_FIRST_CHARS:
        return None
    if STRONG_MARKER_RE.match(text):
        return "strong"
    if WEAK_MARKER_RE.match(text):
        return "weak"
    return None


def looks_like_heading(text: str) -> bool:
    """A line that can stand alone as a heading: numbered, short, no sentence end inside; or
    unnumbered (or led by 一是, ——), short and without prose punctuation (``2022年工作回顾``).

    >>> [looks_like_heading(s) for s in ("一、稳增长、促发展,综合实力明显增强", "全面加强政府自身建设",
    ...  "(一)知重负重。企业发展稳中求进。", "抓好已经审批的衔接项目建", "各位代表、同志们")]
    [True, True, False, True, True]
    >>> looks_like_heading("交线路。我镇已成功开通荣山至抚州的城乡公交路线,促")
    False
    """
    s = text.strip()
    if not s:
        return False
    if heading_marker(s) == "strong":
        return len(s) <= NUMBERED_HEADING_MAX and not SENTENCE_INSIDE_RE.search(s, 0, len(s) - 1)
    return (len(s) <= UNNUMBERED_HEADING_MAX and not PROSE_PUNCTUATION_RE.search(s)
            and s[-1] not in "、“‘（《([")


def title_block_kind(text: str) -> str | None:
    """What part of a title block ``text`` is: ``title``, ``meeting`` (complete meeting line),
    ``meeting-head`` (its first half), ``speaker`` or ``salutation``; or ``field`` for a
    label-and-value line of a page header (``来源：正余镇人民政府``); ``None`` otherwise.

    >>> [title_block_kind(s) for s in ("荣山镇政府工作报告", "——2023年2月10日在正余镇",
    ...  "2023年3月31日在京东镇第六届人民代表大会第二次会议上", "镇人民政府镇长 魏翔", "各位代表:",
    ...  "发布时间:2023-03-22 09:51", "今年工作报告已经审议通过。")]
    ['title', 'meeting-head', 'meeting', 'speaker', 'salutation', 'field', None]
    """
    s = text.strip()
    if not s or len(s) > TITLE_BLOCK_MAX:
        return None
    if ("代表" in s or "同志们" in s) and SALUTATION_RE.fullmatch(s):
        return "salutation"
    if "年" in s and "在" in s:
        if MEETING_LINE_RE.fullmatch(s):
            return "meeting"
        if MEETING_HEAD_RE.fullmatch(s):
            return "meeting-head"
    if _has_space(s) and SPEAKER_RE.fullmatch(s):
        return "speaker"
    if len(s) <= UNNUMBERED_HEADING_MAX and "工作" in s and TITLE_RE.fullmatch(s):
        return "title"
    if len(s) <= UNNUMBERED_HEADING_MAX and (":" in s or "：" in s) and FIELD_LINE_RE.fullmatch(s):
        return "field"
    return None


def continues(before: str, after: str) -> bool:
    """True when ``after`` cannot start a paragraph: it opens with a mark that never starts a
    line, a particle, or the unit of a number that ``before`` ends with.

    >>> continues("村集体经济达到50", "万元有新安村"), continues("工作回顾", "的一年")
    (True, True)
    >>> continues("2022年工作回顾", "2022年是喜迎二十大")
    False
    """
    first = after.lstrip()[:1]
    if not first or not before:
        return False
    if first in CONTINUATION_PUNCTUATION or first in CONTINUATION_HAN:
        return True
    return before[-1].isdigit() and first in UNIT_CHARS


def joiner(before: str, after: str) -> str:
    """What goes between two joined lines: nothing between Chinese characters, one space
    between Latin words (a wrap at a space dropped it).

    >>> joiner("有力带", "动了"), joiner("the State", "Council"), joiner("GB/T", "9704")
    ('', ' ', ' ')
    >>> joiner("达到50", "万元")
    ''
    """
    if not before or not after:
        return ""
    last, first = before[-1], after[0]
    if last.isascii() and last.isalpha() and first.isascii() and first.isalnum():
        return " "
    if (last in ".,;:!?)%" and len(before) > 1 and before[-2].isascii() and before[-2].isalnum()
            and first.isascii() and first.isalpha()):
        return " "
    return ""


def _has_space(text: str) -> bool:
    return " " in text or "\u3000" in text or "\t" in text


def is_han(char: str) -> bool:
    """A Chinese character (unified ideographs, extension A, compatibility ideographs).

    >>> is_han("政"), is_han("，"), is_han("A")
    (True, False, False)
    """
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


# ---------------------------------------------------------------- per-line fixes

def _record(log: ChangeLog | None, rule: str, where: tuple[int, int], start: int,
            before: str, after: str, reason: str) -> None:
    if log is not None:
        log.record(rule, where[0], where[1] + start, before, after, reason)


def strip_toc_fields(line: str, log: ChangeLog | None = None, where: tuple[int, int] = (1, 0)) -> str:
    r"""Remove Word field codes shown as text in a table of contents; the page number stays.

    >>> strip_toc_fields('HYPERLINK \\l "_Toc511834220" 一、工作回顾 PAGEREF _Toc514963803 \\h - 3 -')
    '一、工作回顾 3'
    """
    if not any(trigger in line for trigger in TOC_FIELD_TRIGGERS):
        return line

    def replace(match: re.Match[str]) -> str:
        page = match.group("page")
        at_edge = match.start() == 0 or match.end() == len(line)
        replacement = f" {page}" if page else ("" if at_edge else " ")
        if match.start() == 0:
            replacement = replacement.lstrip()
        _record(log, TOC_FIELD, where, match.start(), match.group(), replacement,
                "Word table-of-contents field code")
        return replacement

    return TOC_FIELD_RE.sub(replace, line).strip(" \u3000\t")


def collapse_spaced_text(line: str, log: ChangeLog | None = None, where: tuple[int, int] = (1, 0)) -> str:
    """Close up spaced-out titles and names: a line of single characters, a run of three or
    more single characters, a two-character name after a role. Two names stay apart.

    >>> collapse_spaced_text("政 府 工 作 报 告"), collapse_spaced_text("政 \\u3000 府 \\u3000 工 \\u3000 作")
    ('政府工作报告', '政府工作')
    >>> collapse_spaced_text("镇人民政府镇长 魏 翔"), collapse_spaced_text("杨 瑞")
    ('镇人民政府镇长 魏翔', '杨瑞')
    >>> collapse_spaced_text("杜勇 王少洋"), collapse_spaced_text("2023年 政 府 工 作 报 告")
    ('杜勇 王少洋', '2023年政府工作报告')
    """
    if not _has_space(line):
        return line
    runs = [m.span() for m in SPACES_RE.finditer(line)
            if m.start() and m.end() < len(line) and is_han(line[m.start() - 1]) and is_han(line[m.end()])]
    if not runs:
        return line
    if SPACED_LINE_RE.fullmatch(line) and _mostly_single(line):
        fixed = SPACES_RE.sub("", line)
        _record(log, SPACED, where, 0, line, fixed, "spaced-out line of single characters")
        return fixed

    def close_run(match: re.Match[str]) -> str:
        fixed = SPACES_RE.sub("", match.group())
        _record(log, SPACED, where, match.start(), match.group(), fixed,
                "spaced-out run of single characters")
        return fixed

    if any(b[0] - a[1] == 1 for a, b in itertools.pairwise(runs)):  # 政 府 工: one character between
        line = SPACED_RUN_RE.sub(close_run, line)

    def close_name(match: re.Match[str]) -> str:
        fixed = f"{match.group(1)} {match.group(2)}{match.group(3)}"
        _record(log, SPACED, where, match.start(), match.group(), fixed,
                "spaced two-character name after a role, or title after a chapter number")
        return fixed

    return SPACED_NAME_RE.sub(close_name, line)


def _mostly_single(line: str) -> bool:
    """Tokens of a spaced-out line: all single characters, or at least three quarters of three
    or more (an overprinted title glues the last of one copy to the first of the next)."""
    tokens = line.split()
    single = sum(1 for token in tokens if len(token) == 1)
    return single == len(tokens) or (len(tokens) >= 3 and single * 4 >= 3 * len(tokens))


def split_collapsed(line: str, log: ChangeLog | None = None, where: tuple[int, int] = (1, 0)
                    ) -> list[tuple[int, str]]:
    """Split a line that holds several paragraphs separated by spaces (seed 002), as
    ``(offset, piece)`` pairs. Boundaries: a space after a sentence end, a space before a
    numbered heading marker and, once the line is known to be collapsed, the space after a
    heading, a title, a meeting line, and before ``各位代表：``. A line with fewer than two
    boundaries is not collapsed and stays whole; numbers (``1.71 亿元``) are never split.

    >>> line = "总结 一、工作情况 (一)经济平稳。 工业基础持续夯实。今年1.71 亿元。 二是加强。"
    >>> [piece for _, piece in split_collapsed(line)]
    ['总结', '一、工作情况', '(一)经济平稳。', '工业基础持续夯实。今年1.71 亿元。', '二是加强。']
    >>> [p for _, p in split_collapsed("(五)多元供给、民生服务常抓不懈 社会服务有温度。 (六)强化。 落实。")]
    ['(五)多元供给、民生服务常抓不懈', '社会服务有温度。', '(六)强化。', '落实。']
    >>> [p for _, p in split_collapsed("现在,我代表镇政府作报告。 请审议。")]
    ['现在,我代表镇政府作报告。 请审议。']
    """
    if not _has_space(line):
        return [(0, line)]
    spaces = [m.span() for m in SPACES_RE.finditer(line) if _is_boundary(line, m.start(), m.end())]
    if len(spaces) < 2:
        return [(0, line)]
    pieces: list[tuple[int, str]] = []
    start = 0
    for space_start, space_end in spaces:
        pieces.append((start, line[start:space_start]))
        start = space_end
    pieces.append((start, line[start:]))
    refined: list[tuple[int, str]] = []
    for offset, piece in pieces:
        refined.extend(_split_piece(offset, piece))
    if log is not None:
        for (left_at, left), (right_at, right) in itertools.pairwise(refined):
            tail, head = left[-CONTEXT:], right[:CONTEXT]
            gap = line[left_at + len(left): right_at]
            log.record(SPLIT, where[0], where[1] + left_at + len(left) - len(tail), tail + gap + head,
                       tail + "\n" + head, "split: collapsed line, space at a paragraph boundary")
    return [(offset, piece) for offset, piece in refined if piece]


def run_on_cuts(line: str, size: int) -> list[int]:
    """Where a collapsed line whose paragraphs were joined with nothing between them splits:
    after a sentence end (and its closing marks) right before a top-level heading marker. Empty
    when the line is not collapsed: shorter than ``RUN_ON_MIN_CHARS``, less than half of a
    document of ``size`` characters (and shorter than ``RUN_ON_ALONE_CHARS``), or fewer than
    ``RUN_ON_MIN_BOUNDARIES`` boundaries. Never before 一是, inside 1.5亿元 or a date, nor
    before （1） or an item after ：；.

    >>> line = "报告工作。一、回顾收入1.2亿元。（一）稳中有进。一是加强。" + "种粮。" * 30 + "二、安排。"
    >>> [line[cut:cut + 3] for cut in run_on_cuts(line, len(line))]
    ['一、回', '（一）', '二、安']
    >>> run_on_cuts(line, 4 * len(line)), run_on_cuts("主要工作：（一）抓经济；（二）抓民生。" * 9, 171)
    ([], [])
    """
    length = len(line)
    if length < RUN_ON_MIN_CHARS or (2 * length < size and length < RUN_ON_ALONE_CHARS):
        return []
    cuts = [match.end() for match in RUN_ON_BOUNDARY_RE.finditer(line)]
    return cuts if len(cuts) >= RUN_ON_MIN_BOUNDARIES else []


def split_run_on(pieces: list[tuple[int, str]], cuts: list[int], line: str, log: ChangeLog | None = None,
                 where: tuple[int, int] = (1, 0)) -> list[tuple[int, str]]:
    """The ``(offset, piece)`` pairs of a line cut further at ``cuts`` (offsets in ``line``),
    each cut recorded.

    >>> split_run_on([(0, "甲。一、乙。"), (7, "丙")], [2], "甲。一、乙。 丙")
    [(0, '甲。'), (2, '一、乙。'), (7, '丙')]
    """
    out: list[tuple[int, str]] = []
    for offset, piece in pieces:
        start = offset
        for cut in cuts:
            if offset < cut < offset + len(piece):
                out.append((start, line[start:cut]))
                start = cut
                if log is not None:
                    tail, head = line[max(0, cut - CONTEXT):cut], line[cut:cut + CONTEXT]
                    log.record(SPLIT, where[0], where[1] + cut - len(tail), tail + head, tail + "\n" + head,
                               "split: collapsed line, sentence end right before a heading marker")
        out.append((start, line[start:offset + len(piece)]))
    return out


def _is_boundary(line: str, start: int, end: int) -> bool:
    """Is the space run ``line[start:end]`` a paragraph boundary of a collapsed line: after a
    sentence end (closing marks may come between) before what can start a paragraph, or before
    a numbered heading marker?"""
    if start == 0 or end == len(line):
        return False
    following = line[end]
    j = start
    while j > 0 and line[j - 1] in COLLAPSE_CLOSERS:
        j -= 1
    if j > 0:
        mark = line[j - 1]
        if (mark in COLLAPSE_END_CHARS or (mark in COLLAPSE_HALF_END_CHARS and j > 1 and (
                is_han(line[j - 2]) or line[j - 2] in COLLAPSE_AFTER_HALF_END))) and (
                is_han(following) or following in COLLAPSE_NEXT_CHARS or following.isdigit()):
            return True
    before = line[start - 1]
    return ((is_han(before) or before in COLLAPSE_BEFORE_MARKER or before.isdigit())
            and following in MARKER_FIRST_CHARS and STRONG_MARKER_RE.match(line, end) is not None)


def _split_piece(offset: int, piece: str) -> list[tuple[int, str]]:
    """Splits inside one piece of a collapsed line, where a space still marks a boundary: after
    a complete meeting line; after the heading or title a piece opens with (the text before the
    space has no sentence end, or no punctuation at all when unnumbered; a role and its name
    stay together); before a salutation. Spaces in numbers (``1.71 亿元``) are never boundaries."""
    cut: int | None = None
    resume = 0
    meeting = MEETING_LINE_RE.match(piece)
    if meeting and piece[meeting.end(): meeting.end() + 1] in _INDENTS:
        cut = meeting.end()
        resume = cut + len(piece[cut:]) - len(piece[cut:].lstrip(" \u3000\t"))
    numbered = STRONG_MARKER_RE.match(piece) is not None
    for match in ([] if cut is not None else HEADING_SPACE_RE.finditer(piece, 0, NUMBERED_HEADING_MAX + 1)):
        left = piece[: match.start()]
        if numbered:
            if not SENTENCE_INSIDE_RE.search(left) and ":" not in left and "：" not in left:
                cut, resume = match.start(), match.end()
            break
        if PROSE_PUNCTUATION_RE.search(left) or len(left) > UNNUMBERED_HEADING_MAX \
                or DATE_TAIL_RE.fullmatch(piece, match.end()) or continues(left, piece[match.end():]):
            break
        if ROLE_END_RE.search(left) and NAME_AHEAD_RE.match(piece, match.end()):
            continue
        cut, resume = match.start(), match.end()
        break
    if cut is None:
        salutation = _SALUTATION_SPLIT_RE.search(piece)
        if salutation and salutation.start() > 0:
            cut, resume = salutation.start(), salutation.end()
    if cut is None:
        return [(offset, piece)]
    return [(offset, piece[:cut]), *_split_piece(offset + resume, piece[resume:])]


# ---------------------------------------------------------------- the document

class _Doc:
    """The lines of one pass, where each came from, and what has been decided about them.

    Work is candidate-driven: whole-list filters (C-speed comprehensions) pick the few lines
    that need a decision, so a clean document costs little more than splitting it."""

    def __init__(self, lines: list[str], starts: list[int] | None,
                 origin: list[tuple[int, int]] | None) -> None:
        self.lines = lines
        self.starts = starts  # offset of each source line in the pass input (when recording)
        self.origin = origin  # (source line, column) of each line, when collapsed lines were split
        self.furniture: dict[int, str] = {}  # line index -> rule id of a line to drop
        self.split_lines: set[int] = set()  # lines cut out of a collapsed line
        self.profile = Profile()
        self.widths: list[int] = []  # each line's width in the profile's metric, when hard-wrapped
        self._heading: dict[int, bool] = {}
        self._title: dict[int, str | None] = {}
        self._headings_alone: bool | None = None

    def where(self, index: int, column: int = 0) -> tuple[int, int]:
        """(1-based line, offset) in the pass input of ``column`` of line ``index``."""
        source, start = (index, 0) if self.origin is None else self.origin[index]
        return source + 1, (self.starts[source] if self.starts else 0) + start + column

    def is_content(self, index: int) -> bool:
        line = self.lines[index]
        return bool(line) and index not in self.furniture and not line.isspace()

    def next_content(self, index: int) -> int | None:
        for j in range(index, len(self.lines)):
            if self.is_content(j):
                return j
        return None

    def previous_content(self, index: int) -> int | None:
        for j in range(index, -1, -1):
            if self.is_content(j):
                return j
        return None

    def heading(self, index: int) -> bool:
        if index not in self._heading:
            self._heading[index] = looks_like_heading(self.lines[index])
        return self._heading[index]

    def headings_alone(self) -> bool:
        """Do this hard-wrapped document's numbered headings stand on lines of their own (rather
        than lead their paragraphs, ``（一）知重负重。企业发展…``)? Decided by the unambiguous
        ones: a numbered line with a sentence end among its first characters leads; one
        narrower than the wrap width without any stands alone. A numbered line exactly as wide
        as the wrap width goes the way of the majority (``（一）…把牢“忠诚”方向盘`` at width 22)."""
        if self._headings_alone is None:
            alone = led = 0
            room = (self.profile.wrap_width or 0) - 1
            for index in [i for i, line in enumerate(self.lines) if line[:1] in _MARKER_OR_INDENT]:
                line = self.lines[index].strip()
                if heading_marker(line) != "strong":
                    continue
                if SENTENCE_INSIDE_RE.search(line, 0, NUMBERED_HEADING_MAX):
                    led += 1
                elif self.widths and self.widths[index] < room and not ends_sentence(line):
                    alone += 1
            self._headings_alone = alone > led
        return self._headings_alone

    def title(self, index: int) -> str | None:
        """The title-block kind of a line; a short name alone (杨 瑞) counts next to one."""
        if index not in self._title:
            line = self.lines[index]
            kind = title_block_kind(line)
            if kind is None and len(line) <= 12 and NAME_LINE_RE.fullmatch(line.strip()):
                kind = self._name_in_title_block(index)
            self._title[index] = kind
        return self._title[index]

    def _name_in_title_block(self, index: int) -> str | None:
        before, after = self.previous_content(index - 1), self.next_content(index + 1)
        name = self.lines[index].strip()
        if before is not None and MEETING_LINE_RE.fullmatch(self.lines[before].strip() + name):
            return None  # the second half of a meeting line: 第三 + 次会议上
        before_kind = title_block_kind(self.lines[before]) if before is not None else None
        if before_kind in ("meeting", "meeting-head", "title") \
                or (after is not None and title_block_kind(self.lines[after]) == "salutation"):
            return "speaker"
        return None


_TOC_RE = re.compile("_Toc|TOC \\\\o")


def _lines_with(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[int]:
    """Indexes of the lines holding a match: one scan of the whole text, not one per line."""
    found: list[int] = []
    end = -1
    for match in pattern.finditer(text):
        if match.start() > end:
            index = bisect.bisect_right(starts, match.start()) - 1
            found.append(index)
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
    return found


def _lines_with_spaces(text: str, starts: list[int]) -> list[int]:
    """Indexes of the lines with a space, U+3000 or tab between two other characters (an
    indent is no space), found with ``str.find`` (far quicker than a regex over the text)."""
    found: set[int] = set()
    size = len(text)
    for char in (" ", "\u3000", "\t"):
        position = text.find(char)
        while position != -1:
            before = text[position - 1] if position else "\n"
            if before not in _LINE_EDGE:
                index = bisect.bisect_right(starts, position) - 1
                line_end = starts[index + 1] - 1 if index + 1 < len(starts) else size
                rest = text[position:line_end].lstrip(" \u3000\t")
                if rest:
                    found.add(index)
                position = text.find(char, line_end)
            else:
                position = text.find(char, position + 1)
    return sorted(found)


_LINE_EDGE = frozenset("\n \u3000\t")


def _prepare(text: str, log: ChangeLog | None) -> _Doc:
    """Split into lines, applying the per-line fixes and splitting collapsed lines."""
    lines = text.split("\n")
    toc = any(trigger in text for trigger in TOC_FIELD_TRIGGERS)
    size = len(text)
    run_on = [i for i, line in enumerate(lines) if len(line) >= RUN_ON_MIN_CHARS and run_on_cuts(line, size)]
    starts = starts_of_lines(lines) if log is not None or toc or run_on or _has_space(text) else None
    chosen = _lines_with_spaces(text, starts) if starts else []
    if toc or run_on:
        chosen = sorted(set(chosen) | set(_lines_with(_TOC_RE, text, starts) if toc else ()) | set(run_on))
    split: dict[int, list[tuple[int, str]]] = {}
    for index in chosen:
        here = (index + 1, starts[index] if starts else 0)
        line = strip_toc_fields(lines[index], log, here) if toc else lines[index]
        line = collapse_spaced_text(line, log, here)
        pieces = split_collapsed(line, log, here)
        cuts = run_on_cuts(line, size) if index in run_on else []
        if cuts:
            pieces = split_run_on(pieces, cuts, line, log, here)
        if len(pieces) > 1:
            split[index] = pieces
        lines[index] = line
    if log is None:
        starts = None  # offsets serve the change log only
    if not split:
        return _Doc(lines, starts, None)
    new_lines: list[str] = []
    origin: list[tuple[int, int]] = []
    pieces_at: list[int] = []
    for index, line in enumerate(lines):
        if index in split:
            pieces_at.extend(range(len(new_lines), len(new_lines) + len(split[index])))
        for column, piece in split.get(index, [(0, line)]):
            new_lines.append(piece)
            origin.append((index, column))
    doc = _Doc(new_lines, starts, origin)
    doc.split_lines.update(pieces_at)
    return doc


# ---------------------------------------------------------------- page furniture

_CANDIDATE = "candidate"
_DROPPED = (PAGE_NUMBER, RUNNING_HEADER, PRINT_FURNITURE)
_FURNITURE_FIRST = frozenset("-—–－第共Pp0123456789hw \u3000\t")


def _mark_furniture(doc: _Doc) -> None:
    """Find page numbers, print headers/footers and running headers (``doc.furniture``), and
    measure the document's profile on what is left.

    Bare numbers and fractions (``12``, ``3/15``) are candidates first: they count as page
    numbers when running headers are looked for, and are kept or dropped on evidence after."""
    lines = doc.lines
    candidates: list[int] = []
    for index in [i for i, line in enumerate(lines) if len(line) <= 130 and line[:1] in _FURNITURE_FIRST]:
        s = lines[index].strip()
        if not s:
            continue
        head = s[0]
        if head in "-—–－第共Pp" and PAGE_NUMBER_RE.fullmatch(s):
            doc.furniture[index] = PAGE_NUMBER
        elif head.isdigit():
            if len(s) <= 9 and (BARE_NUMBER_RE.fullmatch(s) or PAGE_FRACTION_RE.fullmatch(s)):
                candidates.append(index)
                doc.furniture[index] = _CANDIDATE
            elif "/" in s and ":" in s and PRINT_HEADER_RE.fullmatch(s):
                doc.furniture[index] = PRINT_FURNITURE
        elif head in "hw" and PRINT_FOOTER_RE.fullmatch(s):
            doc.furniture[index] = PRINT_FURNITURE
    doc.profile = measure_profile(doc)
    _mark_running_headers(doc)
    _mark_page_numbers(doc, candidates)
    _mark_doubled_lines(doc)


def _mark_doubled_lines(doc: _Doc) -> None:
    """A line right after an identical one (blank lines and furniture between aside) is a
    repeat, dropped before any join could glue the two copies together; the repeats stage
    handles every other repeat, once the lines are paragraphs. Like there, it takes
    ``ADJACENT_MIN`` Chinese characters: a table cell of figures (``100万元``) may repeat."""
    repeated = {line for line, count in Counter(doc.lines).items()
                if count > 1 and len(HAN_RE.findall(line)) >= ADJACENT_MIN}
    if not repeated:
        return
    for index in [i for i, line in enumerate(doc.lines) if line in repeated]:
        before = doc.previous_content(index - 1)
        if (before is not None and index not in doc.furniture
                and doc.lines[before].strip() == doc.lines[index].strip()):
            doc.furniture[index] = REPEAT


def _interrupts_sentence(doc: _Doc, index: int) -> bool:
    """True when the content line before ``index`` stops mid-sentence (a page boundary)."""
    before = doc.previous_content(index - 1)
    if before is None:
        return False
    text = doc.lines[before].strip()
    return not ends_sentence(text) and not doc.heading(before) and doc.title(before) is None


def _neighbour(doc: _Doc, index: int, step: int) -> int | None:
    """The nearest non-blank line before (``step`` -1) or after (1) ``index``."""
    j = index + step
    while 0 <= j < len(doc.lines) and not doc.lines[j].strip():
        j += step
    return j if 0 <= j < len(doc.lines) else None


def _near_page_number(doc: _Doc, index: int) -> bool:
    for step in (-1, 1):
        j = _neighbour(doc, index, step)
        if j is not None and doc.furniture.get(j) in (PAGE_NUMBER, PRINT_FURNITURE, _CANDIDATE):
            return True
    return False


def _mark_running_headers(doc: _Doc) -> None:
    """Short lines that repeat (digits aside) at page boundaries: after a line that stops
    mid-sentence or fills the wrap width, or next to a page number, for at least half of three
    or more occurrences, or for both of two. A running header has words (two letters or
    characters at least), is not prose (no punctuation) and, in a hard-wrapped document, is
    narrower than the wrap width: a wrapped line that happens to repeat is none of these.
    The document's own title (among its first lines, or followed by a meeting line, speaker
    or salutation) stays unless a page number sits next to it."""
    profile = doc.profile
    full = profile.wrap_width - 1 if profile.wrap_width else RUNNING_HEADER_MAX + 1
    limit = min(full, RUNNING_HEADER_MAX + 10)  # a line as wide as the wrap width is no header
    if doc.furniture:  # page numbers about: a header may carry one (政府工作报告 3), compare digits aside
        short = [i for i, line in enumerate(doc.lines) if 0 < len(line) < limit and i not in doc.furniture]
    else:  # otherwise only lines repeated exactly can be headers: find them at C speed first
        exact = {line for line, count in Counter(doc.lines).items() if count >= 2 and 0 < len(line) < limit}
        if not exact:
            return
        short = [i for i, line in enumerate(doc.lines) if line in exact]
    keys = {i: _DIGITS_RE.sub("#", line) if _DIGIT_RE.search(line) else line
            for i in short if not PROSE_PUNCTUATION_RE.search(line := doc.lines[i].strip())}
    repeated = {key for key, count in Counter(keys.values()).items()
                if count >= 2 and 0 < len(key) <= RUNNING_HEADER_MAX and profile.measure(key) < full
                and not PROSE_PUNCTUATION_RE.search(key) and sum(map(str.isalpha, key)) >= 2}
    if not repeated:
        return
    occurrences: dict[str, list[int]] = {}
    for index, key in keys.items():
        if key in repeated:
            occurrences.setdefault(key, []).append(index)
    first_content = [i for i in range(min(len(doc.lines), 50)) if doc.is_content(i)][:3]
    headers: list[int] = []
    for indexes in occurrences.values():
        if len(indexes) < 2:
            continue
        near = [_near_page_number(doc, i) for i in indexes]
        at_boundary = sum(1 for i, n in zip(indexes, near, strict=True)
                          if n or _interrupts_sentence(doc, i) or _after_full_line(doc, i))
        if at_boundary * 2 >= len(indexes) and (len(indexes) >= 3 or at_boundary == len(indexes)):
            headers.extend(i for i, n in zip(indexes, near, strict=True)
                           if n or not (i in first_content or _next_to_title_block(doc, i)))
    for i in headers:
        doc.furniture[i] = RUNNING_HEADER


def _after_full_line(doc: _Doc, index: int) -> bool:
    """In a hard-wrapped document, the line before ``index`` fills the wrap width: a page
    ended there (a header breaks the run of full lines even where a sentence ends)."""
    if doc.profile.wrap_width is None:
        return False
    before = doc.previous_content(index - 1)
    return before is not None and doc.widths[before] >= doc.profile.wrap_width - 1


def _next_to_title_block(doc: _Doc, index: int) -> bool:
    """A real title is followed by a meeting line, a speaker or the salutation. A name alone
    does not count here: it reads as a speaker only next to a title, which would make any
    header before a short line (``实效``) a title."""
    after = doc.next_content(index + 1)
    return after is not None and title_block_kind(doc.lines[after]) in _TITLE_BLOCK_STOPS


def _mark_page_numbers(doc: _Doc, candidates: list[int]) -> None:
    """A bare number (or 3/15) is a page number next to a running header or page number, when
    it interrupts a sentence, or when three or more such lines outside any table count pages
    (each one or two more than the last)."""
    if not candidates:
        return
    decided: list[int] = []
    sequence: list[tuple[int, int]] = []
    denominators: Counter[str] = Counter()
    for index in candidates:
        s = doc.lines[index].strip()
        fraction = PAGE_FRACTION_RE.fullmatch(s)
        if fraction and int(fraction.group(1)) <= int(fraction.group(2)):
            denominators[fraction.group(2)] += 1
        neighbours = [_neighbour(doc, index, -1), _neighbour(doc, index, 1)]
        in_table = all(j is not None and len(doc.lines[j].strip()) <= 8
                       and doc.furniture.get(j) != RUNNING_HEADER for j in neighbours)
        after = doc.next_content(index + 1)
        next_to_furniture = any(j is not None and doc.furniture.get(j) in _DROPPED for j in neighbours)
        if next_to_furniture or (not in_table and after is not None and _interrupts_sentence(doc, index)
                                 and not heading_marker(doc.lines[after]) and not doc.heading(after)):
            decided.append(index)
        if not in_table:
            sequence.append((index, int(fraction.group(1)) if fraction else int(s)))
    if len(sequence) >= 3 and all(0 < b[1] - a[1] <= 2 for a, b in itertools.pairwise(sequence)):
        decided.extend(index for index, _ in sequence)
    for index in candidates:
        fraction = PAGE_FRACTION_RE.fullmatch(doc.lines[index].strip())
        if fraction and denominators[fraction.group(2)] >= 2:
            decided.append(index)
    for index in candidates:
        del doc.furniture[index]
    for index in decided:
        doc.furniture[index] = PAGE_NUMBER


# ---------------------------------------------------------------- the document's profile

@dataclass(frozen=True)
class Profile:
    """How a document breaks its lines, measured on its content lines.

    ``wrap_width``: the width (in ``metric`` units) at which a hard-wrapped document cuts its
    lines, ``None`` when it is not hard-wrapped (one paragraph per line, page-end breaks);
    ``blank_separated``: paragraphs are separated by blank lines; ``indented``: paragraphs of a
    hard-wrapped document start with an indent and their other lines do not; ``dense``: most
    content lines of a hard-wrapped document (six or more) are as wide as the wrap width, as
    when paragraphs run over many lines: only then may a full line that ends a sentence go on
    without indents or blank lines to say where paragraphs start (a list of short targets
    ending in ； has a few lines of one width too).
    """

    wrap_width: int | None = None
    metric: str = "chars"
    blank_separated: bool = False
    indented: bool = False
    dense: bool = False

    def measure(self, text: str) -> int:
        if self.metric == "chars":
            return len(text)
        return display_width(text)


def display_width(text: str) -> int:
    """Columns on a page: two for a Chinese character or full-width mark, one for ASCII.

    >>> display_width("增长8.5%"), display_width("政府")
    (8, 4)
    """
    if text.isascii():
        return len(text)
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def measure_profile(doc: _Doc) -> Profile:
    """Decide per document: hard-wrapped when at least 30 % of the content lines (four or
    more, mostly prose) have one width within one unit (in characters, or in display
    columns when that fits better); blank-separated when most neighbouring lines have a blank
    line between them; indented when a hard-wrapped document indents some lines, not most."""
    lines = doc.lines
    widths = list(map(len, lines))
    counts = Counter(widths)
    for index in doc.furniture:
        counts[widths[index]] -= 1
    content = len(lines) - counts[0]
    runs = sum(1 for i in [i for i, w in enumerate(widths) if not w] if i and widths[i - 1])
    runs -= bool(len(widths) > 1 and not widths[-1] and widths[-2])  # the final newline
    blank_separated = content >= 4 and runs * 2 >= content - 1
    if content < 4:
        return Profile(blank_separated=blank_separated)
    needed = max(4, (3 * content + 9) // 10)
    short = len([w for w in widths if 10 <= w <= 120])
    if short * 10 < 6 * content:
        return Profile(blank_separated=blank_separated)  # long lines: not hard-wrapped
    best = _best_width(counts) if 3 * max(counts.values()) >= needed else None
    metric_widths: list[int] | None = [display_width(line) if line else 0 for line in lines]
    display_counts = Counter(metric_widths)
    for index in doc.furniture:
        display_counts[metric_widths[index]] -= 1
    display_best = _best_width(display_counts)
    if display_best is not None and (best is None or display_best[1] > best[1]):
        best = display_best
    else:
        metric_widths = None
    if best is None or best[1] < needed:
        return Profile(blank_separated=blank_separated)
    width = best[0]
    metric = "chars" if metric_widths is None else "display"
    measured = widths if metric_widths is None else metric_widths
    cluster = [line for line, w in zip(lines, measured, strict=True) if width - 1 <= w <= width + 1]
    if sum(1 for line in cluster if PROSE_PUNCTUATION_RE.search(line)) * 2 < len(cluster):
        return Profile(blank_separated=blank_separated)
    indents = sum(1 for line in lines if line[:1] in _INDENTS and not line.isspace())
    doc.widths = measured
    dense = best[1] >= DENSE_MIN_LINES and 2 * best[1] >= content
    return Profile(width, metric, blank_separated, 2 <= indents <= 0.7 * content, dense)


def _best_width(counts: Counter[int]) -> tuple[int, int] | None:
    """The wrap width and how many lines are within one unit of it: the window of three widths
    (of 10 or more) holding the most lines, and the most common width in it (hanging
    punctuation makes a line one longer, a character pulled down one shorter).

    >>> _best_width(Counter({28: 3, 29: 5, 30: 9, 12: 2}))
    (30, 17)
    """
    best = max(((w, counts[w - 1] + counts[w] + counts[w + 1]) for w in counts if w >= 10),
               key=lambda item: (item[1], item[0]), default=None)
    if best is None:
        return None
    return max((best[0] - 1, best[0], best[0] + 1), key=lambda w: (counts[w], w)), best[1]


def _is_full(profile: Profile, last: str, following: str) -> bool:
    """Would the first unit of ``following`` have fitted on ``last``? If not, ``last`` was cut
    by the wrap width, not ended by its author."""
    if profile.wrap_width is None:
        return False
    first = following[:1]
    if "\u4e00" <= first <= "\u9fff" and following[1:2] not in CLOSING_PUNCTUATION:
        unit_width = 1 if profile.metric == "chars" else 2  # one Chinese character: the usual case
    else:
        unit = FIRST_UNIT_RE.match(following.lstrip())
        unit_width = profile.measure(unit.group()) if unit else 1
    slack = 0 if profile.metric == "chars" else 1
    return profile.measure(last.rstrip()) + unit_width > profile.wrap_width - slack


# ---------------------------------------------------------------- joining

def _join_reason(doc: _Doc, parts: list[str], size: int, last: int, nxt: int) -> str | None:
    """Why the paragraph made of ``parts`` (``size`` characters, ending with line ``last``) goes
    on with line ``nxt``, or None when it does not.

    The base rule holds in every document: a line that ends no sentence goes on, unless it or
    the next line is a heading or a title-block line. The profile only adds joins: in a
    hard-wrapped document a full line goes on whatever it ends with when paragraphs are marked
    otherwise (blank lines, indents), and goes on over a heading marker that opens a full line
    (``…14座小`` + ``(二)型及以上水库…``)."""
    profile = doc.profile
    a_text, b_text = doc.lines[last].rstrip(), doc.lines[nxt].strip()
    joined = len(parts) > 1
    if not joined and "在" in a_text and "年" in a_text and doc.title(last) in ("meeting", "meeting-head"):
        if doc.title(nxt) not in ("meeting", "salutation") and len(b_text) <= 40 \
                and not PROSE_PUNCTUATION_RE.search(b_text) \
                and MEETING_LINE_RE.fullmatch(parts[0].strip() + b_text):
            return "joined: meeting line wrapped onto the next line"
        return None
    if joined and size <= TITLE_BLOCK_MAX and MEETING_LINE_RE.fullmatch("".join(parts).strip()):
        return None
    b_marker = heading_marker(b_text)
    full = (profile.wrap_width is not None and not (profile.indented and doc.lines[nxt][:1] in _INDENTS)
            and _is_full(profile, a_text, b_text))
    a_ends = ends_sentence(a_text)
    if b_marker == "strong":
        following = doc.next_content(nxt + 1)
        if not (full and not a_ends and following is not None
                and _is_full(profile, doc.lines[nxt], doc.lines[following])):
            return None
    if a_ends:
        if not full:
            return None
        if profile.blank_separated and nxt == last + 1:
            reason = "joined: full-width line inside a blank-line-separated paragraph"
        elif profile.indented:
            reason = "joined: full-width line, next line not indented"
        elif not profile.dense:
            return None
        elif not joined and doc.heading(last) and heading_marker(a_text) == "strong":
            # A numbered heading that ends a sentence leads its paragraph (62 of 66 in the originals).
            reason = "joined: full-width numbered heading ending a sentence, which leads its paragraph"
        elif _starts_paragraph(doc, nxt):
            return None
        else:
            reason = "joined: full-width line in a hard-wrapped document, next line not a paragraph start"
        return reason if _no_title_stop(doc, joined, last, nxt) else None
    if full:
        if not _no_title_stop(doc, joined, last, nxt):
            return None
        if not joined and _heading_alone(doc, last, nxt):
            return None
        return f"joined: line cut at the wrap width ({profile.wrap_width}), next line not a heading"
    if joined:
        a_heading = size <= NUMBERED_HEADING_MAX + 4 and looks_like_heading("".join(parts))
    else:
        a_heading = doc.heading(last)
    if a_heading or b_marker or _heading_line(doc, nxt):
        if not continues(a_text, b_text):
            return None
        reason = f"joined: next line starts with {b_text[0]!r}, which continues a sentence"
    else:
        reason = "joined: no sentence end, next line not a heading"
    if not _no_title_stop(doc, joined, last, nxt, titles=True):
        return None
    return reason


def _heading_alone(doc: _Doc, last: int, nxt: int) -> bool:
    """Line ``last`` is a numbered heading as wide as the wrap width, in a document whose
    headings stand alone, and line ``nxt`` is no short tail of it: the heading ends there."""
    a = doc.lines[last]
    if a.lstrip(" \u3000\t")[:1] not in MARKER_FIRST_CHARS or heading_marker(a) != "strong":
        return False
    if not doc.heading(last) or not doc.headings_alone():
        return False
    b = doc.lines[nxt].strip()
    following = doc.next_content(nxt + 1)
    tail = (len(a.strip()) + len(b) <= NUMBERED_HEADING_MAX
            and not PROSE_PUNCTUATION_RE.search(b, 0, len(b) - 1)
            and (following is None or not _is_full(doc.profile, doc.lines[nxt], doc.lines[following])))
    return not tail


def _starts_paragraph(doc: _Doc, index: int) -> bool:
    """In a hard-wrapped document without indents or blank lines, does line ``index`` start a
    paragraph although the line before it is full and ends a sentence? It does when it is a
    heading or title-block line, or opens with a salutation, a year or a short topic sentence
    (``layout_patterns.TOPIC_SENTENCE_RE``: more often a paragraph start than not)."""
    text = doc.lines[index].lstrip(" \u3000\t")
    marker = heading_marker(text)
    return (marker == "strong" or PARAGRAPH_OPENER_RE.match(text) is not None
            or (marker is None and TOPIC_SENTENCE_RE.match(text) is not None)
            or _heading_line(doc, index) or doc.title(index) is not None)


def _heading_line(doc: _Doc, index: int) -> bool:
    """Line ``index`` looks like a heading, and in a hard-wrapped document it is not itself cut
    at the wrap width (a full line of wrapped prose may happen to have no comma)."""
    if not doc.heading(index):
        return False
    if doc.profile.wrap_width is None:
        return True
    following = doc.next_content(index + 1)
    return following is None or not _is_full(doc.profile, doc.lines[index], doc.lines[following])


def _no_title_stop(doc: _Doc, joined: bool, last: int, nxt: int, titles: bool = False) -> bool:
    """Neither line is a title-block line that a join must not cross (with ``titles``, a title
    or field line counts too: only a full line in a hard-wrapped document may run into one)."""
    stops = (*_TITLE_BLOCK_STOPS, "title", "field") if titles else _TITLE_BLOCK_STOPS
    return doc.title(nxt) not in stops and (joined or doc.title(last) not in stops)


_INDENTS = frozenset(" \u3000\t")
_MARKER_OR_INDENT = MARKER_FIRST_CHARS | _INDENTS
_TITLE_BLOCK_STOPS = ("meeting", "meeting-head", "speaker", "salutation")
_FURNITURE_REASON = {
    PAGE_NUMBER: "page number",
    PRINT_FURNITURE: "browser print header or footer",
    RUNNING_HEADER: "running header repeated at page boundaries",
    REPEAT: "line repeated right after itself",
}

Locator = Callable[[int], tuple[int, int]]


_NOT_PLAIN_END = SENTENCE_END_CHARS | CLOSING_CHARS | _INDENTS


def _maybe_title(line: str) -> bool:
    """Cheap test: could ``line`` be a title-block line at all? If not, it stops no join. Each
    kind has a literal it cannot do without: a name is short, a speaker line has a space, a
    salutation 各位代表 or 同志们, a meeting line 日在, a title 工作报告 and its kin."""
    return (len(line) <= 12 or _has_space(line) or "各位代表" in line or "同志们" in line
            or "日在" in line
            or (len(line) <= 40 and "工作" in line and any(noun in line for noun in _TITLE_NOUNS)))


_TITLE_NOUNS = ("工作报告", "工作总结", "工作思路", "工作计划", "工作要点")


def _join(doc: _Doc, log: ChangeLog | None) -> tuple[list[str], list[Locator] | None, set[int]]:
    """The lines of the pass output: paragraphs (joined lines) and blank lines, furniture
    dropped; changes recorded into ``log``, with a locator per output line when recording, and
    the output lines this pass built (joined, or split from a collapsed line)."""
    lines = doc.lines
    profile = doc.profile
    if profile.wrap_width is not None:
        candidates = [i for i, line in enumerate(lines) if line]
    else:
        candidates = [i for i, line in enumerate(lines) if line and line[-1] not in SENTENCE_END_CHARS]
    dropped = set(doc.furniture)
    joined: dict[int, tuple[str, list[tuple[int, int]]]] = {}  # first line -> text, (position, line)
    consumed = -1
    count = len(lines)
    furniture = doc.furniture
    hard = profile.wrap_width is not None
    if hard:  # the hot loop of a hard-wrapped document: per-line facts computed once
        measure = len if profile.metric == "chars" else display_width
        widths = doc.widths
        room = profile.wrap_width - (0 if profile.metric == "chars" else 1)
        han_width = 1 if profile.metric == "chars" else 2
        wrap_reason = f"joined: line cut at the wrap width ({profile.wrap_width}), next line not a heading"
        plain = [bool(line) and line[-1] not in _NOT_PLAIN_END and not _maybe_title(line)
                 and line[0] not in _MARKER_OR_INDENT for line in lines]
    for index in candidates:
        if index <= consumed or index in furniture or lines[index].isspace():
            continue
        parts = [lines[index]]
        size = len(lines[index])
        last = index
        pieces: list[tuple[int, int]] = [(0, index)]
        while True:
            nxt = last + 1
            if not (nxt < count and lines[nxt] and nxt not in furniture and not lines[nxt].isspace()):
                nxt = doc.next_content(last + 1)
                if nxt is None:
                    break
            a, b = lines[last], lines[nxt]
            first = b[:1]
            if (not hard and len(parts) == 1 and doc.heading(last) and not continues(a, b)
                    and not ("年" in a and "在" in a)):
                break  # a heading line, and the next does not continue it: the usual case
            if (hard and plain[last] and "\u4e00" <= first <= "\u9fff" and first not in MARKER_FIRST_CHARS
                    and (plain[nxt] or (b[-1] in _NOT_PLAIN_END and not _maybe_title(b)))
                    and widths[last] + (han_width if b[1:2] not in CLOSING_PUNCTUATION
                                        else measure(FIRST_UNIT_RE.match(b).group())) > room
                    and (len(parts) == 1 or size > TITLE_BLOCK_MAX or "在" not in parts[0])):
                reason = wrap_reason  # the common case of a hard wrap, decided without _join_reason
            else:
                reason = _join_reason(doc, parts, size, last, nxt)
            if reason is None:
                break
            following = b.lstrip(" \u3000\t") if first in _INDENTS else b
            end = parts[-1][-1]
            glue = joiner(parts[-1], following) if end.isascii() and following[:1].isascii() else ""
            if log is not None:
                tail = parts[-1][-CONTEXT:]
                number, offset = doc.where(last, len(a) - len(tail))
                log.record(JOIN, number, offset, tail + "\n" + following[:CONTEXT],
                           tail + glue + following[:CONTEXT], reason)
            pieces.append((size + len(glue), nxt))
            parts.append(glue + following if glue else following)
            size += len(glue) + len(following)
            if nxt == last + 1:
                dropped.add(nxt)
            else:
                dropped.update(range(last + 1, nxt + 1))
            last = nxt
        if last != index:
            joined[index] = ("".join(parts), pieces)
        consumed = last
    if log is not None:
        for index in sorted(doc.furniture):
            number, offset = doc.where(index)
            rule = doc.furniture[index]
            log.record(rule, number, offset, lines[index] + "\n", "", _FURNITURE_REASON[rule])
    built_source = set(joined) | doc.split_lines
    if not dropped and not joined:
        out, built = lines, built_source
    else:
        kept = [i for i in range(len(lines)) if i not in dropped]
        out = [joined[i][0] if i in joined else lines[i] for i in kept]
        built = {number for number, i in enumerate(kept) if i in built_source} if built_source else set()
    if log is None:
        return out, None, built
    locators = [_locator(doc, joined[i][1] if i in joined else [(0, i)], lines)
                for i in range(len(lines)) if i not in dropped]
    return out, locators, built


def _locator(doc: _Doc, pieces: list[tuple[int, int]], lines: list[str]) -> Locator:
    """Where a position of a (joined) output line was in the pass input."""
    positions = [position for position, _ in pieces]

    def locate(position: int) -> tuple[int, int]:
        start, index = pieces[max(bisect.bisect_right(positions, position) - 1, 0)]
        indent = len(lines[index]) - len(lines[index].lstrip(" \u3000\t")) if start else 0
        return doc.where(index, indent + position - start)

    return locate


# ---------------------------------------------------------------- after joining

def remove_inner_spaces(text: str, log: ChangeLog | None = None, locate: Locator | None = None) -> str:
    """Remove a single space between two Chinese characters inside prose (``加 快发展``). Lines
    without prose punctuation (headings, speaker lines) are left alone, and so is a space
    between two words that stand on their own (a role and a name, two names, a two-part
    slogan). Spaces next to punctuation or numbers are the normalization stage's business.

    >>> remove_inner_spaces("今年是加 快发展的一年，取得突 破性进展。")
    '今年是加快发展的一年，取得突破性进展。'
    >>> remove_inner_spaces("奋力谱写“云想尖峰 花享罗店”新篇章。"), remove_inner_spaces("镇长 魏翔")
    ('奋力谱写“云想尖峰 花享罗店”新篇章。', '镇长 魏翔')
    >>> remove_inner_spaces("出席：杜勇 王少洋。人口674 149 546人。抓紧“关键 少数”。")
    '出席：杜勇 王少洋。人口674 149 546人。抓紧“关键少数”。'
    """
    if not _has_space(text) or not PROSE_PUNCTUATION_RE.search(text):
        return text
    pieces: list[str] = []
    last = 0
    for match in SPACES_RE.finditer(text):
        start, end = match.span()
        run = match.group()
        if start == 0 or end == len(text) or (run != "\u3000" and run.strip(" \t")):
            continue  # the whitespace stage makes a run of spaces and tabs one space: same rule
        if not (is_han(text[start - 1]) and is_han(text[end])) or _two_words(text, start, end):
            continue
        if log is not None:
            line, offset = locate(start) if locate else (1, start)
            log.record(SPACED, line, offset, text[max(0, start - 4): end + 4],
                       text[max(0, start - 4): start] + text[end: end + 4], "space inside a Chinese sentence")
        pieces.append(text[last:start])
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _two_words(text: str, start: int, end: int) -> bool:
    """The space at ``text[start:end]``, between two Chinese characters, separates two words
    that stand on their own: a role and a name (``镇长 魏翔``), two names in a list (2–4
    characters each, after a colon, a space or the line start), or the two mirrored halves of a
    quoted slogan (``“云想尖峰 花享罗店”``; ``“关键 少数”`` is a stray space)."""
    left = start
    while left > 0 and is_han(text[left - 1]) and start - left <= 4:
        left -= 1
    right = HAN_RUN_START_RE.match(text, end)
    a, b = start - left, (right.end() - end) if right else 0
    after = text[right.end()] if right and right.end() < len(text) else ""
    if 2 <= b <= 3 and ROLE_END_RE.search(text, max(0, start - 2), start):
        return True  # a role and a name: 镇长 魏翔
    if not (2 <= a <= 4 and 2 <= b <= 4):
        return False
    before = text[left - 1] if left else ""
    if before in ("“", "\"", "「") and after in ("”", "\"", "」"):
        return a == b >= 3
    return before in _NAME_BEFORE and after in _NAME_AFTER


_NAME_BEFORE = frozenset(("", " ", "\u3000", "\t", "：", ":"))
_NAME_AFTER = frozenset(("", " ", "\u3000", "\t", "，", ",", "。", "；", ";"))


# ---------------------------------------------------------------- the stage

def layout_pass(text: str, log: ChangeLog | None = None, context: StageContext | None = None) -> str:
    """One pass of the whole stage (``run`` repeats it until nothing changes). With a
    ``context``, each line the pass builds is checked against the boilerplate rules."""
    doc = _prepare(text, log)
    _mark_furniture(doc)
    lines, locators, built = _join(doc, log)
    if lines is doc.lines:
        lines = list(lines)
    joined = "\n".join(lines)
    spaced = _lines_with_spaces(joined, starts_of_lines(lines)) if _has_space(joined) else []
    for index in spaced:
        lines[index] = remove_inner_spaces(lines[index], log, locators[index] if locators else None)
    if built and context is not None and context.rules.for_stage(BOILERPLATE):
        lines, locators = _recheck(lines, built, context, log, locators)
    return "\n".join(lines)


def _recheck(lines: list[str], built: set[int], context: StageContext, log: ChangeLog | None,
             locators: list[Locator] | None) -> tuple[list[str], list[Locator] | None]:
    """Check each line the pass built (two halves joined, a piece split off a collapsed line)
    against the boilerplate rules, as the line the boilerplate stage would have seen had the
    document been laid out already: ``来源：…`` + ``作者：…`` joined is the meta line it removes.
    Without this the pipeline would not settle (its second run would remove the line)."""
    order = sorted(built)
    together = "\n".join(lines[index] for index in order)
    if check_fragment(together, context, None) == together:
        return lines, locators  # the usual case: one look at all of them, nothing to do
    gone: set[int] = set()
    for index in order:
        locate = locators[index] if locators else (lambda offset, number=index + 1: (number, offset))
        checked = recheck_built_line(lines[index], context, log, locate,
                                     "a line built by layout, checked against the boilerplate rules")
        if checked == lines[index]:
            continue
        if checked.strip():
            lines[index] = checked
        else:
            gone.add(index)
    if not gone:
        return lines, locators
    kept = [i for i in range(len(lines)) if i not in gone]
    return [lines[i] for i in kept], [locators[i] for i in kept] if locators else None


def run(text: str, context: StageContext | None, log: ChangeLog | None) -> str:
    """Rejoin broken lines, split collapsed ones, drop page furniture, close up spaced text;
    repeat until nothing changes, so that the stage, and the pipeline, settle."""
    for _ in range(MAX_PASSES):
        fixed = layout_pass(text, log, context)
        if fixed == text:
            break
        text = fixed
    return text
