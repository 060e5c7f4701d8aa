"""Repeats: keep one copy of text a document says twice (catalogue family 10).

Three shapes, each removal recorded with the paragraphs it repeats:

1. an overprinted line, ``政府工作报告政府工作报告`` (a bold title printed twice, a title pasted over
   and over): one copy (``repeats.overprinted``); only a title or heading, never a sentence;
2. a reposted copy: a run of paragraphs that repeats an earlier run in order, with small edits
   (a dropped paragraph, a comma made 、), goes as one block (``repeats.copy``,
   ``near-duplicate of paragraphs 1–40 (similarity 0.99)``);
3. one paragraph repeated (``repeats.paragraph``): right after itself when it holds 4 characters
   or more, a few paragraphs later (a scrape overlap) when it is as long as a sentence of
   content, anywhere further down when it holds two sentences or more;
4. a cut copy of the title (``repeats.cut-copy``): a line at the top that the next paragraph
   starts with, the page title cut short by a title bar.

Short lines repeat on purpose and stay: ``一、``, ``各位代表：``, ``附件``, the title and headings of
each report of a compilation. A compilation's reports are never copies of each other because
they share stock paragraphs: a paragraph repeated apart from its original, or a copy, counts only
inside one report (``cleaner.split`` finds them), unless the copy is a whole report again.

The stage runs after normalization: copies that differ only in punctuation width or script then
compare equal, and no later stage can make two paragraphs equal, so a second run of the
pipeline finds nothing more to remove (it is idempotent). Thresholds live in
``cleaner.repeat_patterns``.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from cleaner.change import ChangeLog
from cleaner.repeat_patterns import (
    ADJACENT_MIN,
    COPY_MIN_CHARS,
    COPY_MIN_PARAGRAPHS,
    COPY_MIN_SIMILARITY,
    CUT_COPY_MIN,
    CUT_COPY_REACH,
    DOUBLED_MAX,
    DOUBLED_RE,
    GLUED_MIN_DISTINCT,
    GLUED_TITLE_MAX,
    HAN_RE,
    MAX_STARTS,
    NEAR_LINE_MIN,
    NEAR_LINE_SIMILARITY,
    NEAR_SEARCH,
    NEAR_WINDOW,
    PARAGRAPH_MIN,
    PROSE_PUNCTUATION_RE,
    SENTENCE_INSIDE_RE,
    WHOLE_REPORT,
)
from cleaner.split import split_reports
from cleaner.stages.boilerplate import recheck_built_line
from cleaner.zones import starts_of_lines

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

NAME = "repeats"
OVERPRINTED = "repeats.overprinted"
COPY = "repeats.copy"
PARAGRAPH = "repeats.paragraph"
CUT_COPY = "repeats.cut-copy"
MAX_PASSES = 4


def squeeze(text: str) -> str:
    """``text`` without whitespace: what two paragraphs are compared by.

    >>> squeeze(" 各位代表：\\u3000 ")
    '各位代表：'
    """
    return "".join(text.split())


# ---------------------------------------------------------------- an overprinted line

def undouble(line: str) -> str:
    """One copy of a title or heading made of one text written twice or more (spaces aside),
    kept as the first copy was written. A sentence said twice stays: the paragraph rules know
    whether it is content.

    >>> undouble("政府工作报告政府工作报告"), undouble("政府工作报告 政府工作报告政府工作报告")
    ('政府工作报告', '政府工作报告')
    >>> undouble("谢谢谢谢"), undouble("——————————"), undouble("加快发展，加快发展，")
    ('谢谢谢谢', '——————————', '加快发展，加快发展，')
    """
    key = squeeze(line)
    if len(key) > DOUBLED_MAX or not _doubled_candidate(key):
        return line
    doubled = DOUBLED_RE.fullmatch(key)
    if doubled is None or PROSE_PUNCTUATION_RE.search(key) or not HAN_RE.search(key):
        return line
    stripped = line.strip()
    wanted, seen = len(doubled.group(1)), 0
    for end, char in enumerate(stripped):  # the first copy, with its own spaces
        seen += not char.isspace()
        if seen == wanted:
            return line[: len(line) - len(line.lstrip())] + stripped[: end + 1]
    return line  # unreachable: the key is made of the stripped line's characters


def unglue(line: str) -> str:
    """An overprinted title glued to the paragraph after it: one copy, on a line of its own.

    >>> unglue("政府工作报告政府工作报告政府工作报告各位代表：现在，我代表镇人民政府报告工作。")
    '政府工作报告\\n各位代表：现在，我代表镇人民政府报告工作。'
    >>> unglue("哈哈哈哈哈哈哈哈，大家笑了。"), unglue("加快发展加快发展，是第一要务。")
    ('哈哈哈哈哈哈哈哈，大家笑了。', '加快发展加快发展，是第一要务。')
    """
    stripped = line.strip()
    doubled = DOUBLED_RE.match(stripped)
    if doubled is None or doubled.end() == len(stripped):
        return line
    unit = doubled.group(1)
    if (len(unit) > GLUED_TITLE_MAX or len(set(unit)) < GLUED_MIN_DISTINCT
            or PROSE_PUNCTUATION_RE.search(unit) or not HAN_RE.search(unit)
            or PROSE_PUNCTUATION_RE.match(stripped, doubled.end())):
        return line
    return line[: len(line) - len(line.lstrip())] + unit + "\n" + stripped[doubled.end():]


def _doubled_candidate(key: str) -> bool:
    """A cheap test first: long enough for two copies of 4 characters, and its first 4
    characters found again further on, within a title's length."""
    return len(key) >= 8 and key.find(key[:4], 4, max(DOUBLED_MAX, GLUED_TITLE_MAX) + 4) != -1


def _overprinted(line: str, single: str) -> str:
    """The reason for undoubling ``line`` into ``single``.

    >>> _overprinted("标题一二标题一二", "标题一二")
    'a title written 2 times (overprinted or pasted): one copy'
    >>> _overprinted("标题一二标题一二正文。", "标题一二\\n正文。")
    'a title written 2 times and glued to the paragraph after it: one copy, on its own line'
    """
    title, _, glued = single.strip().partition("\n")
    times = len(squeeze(line[: len(line) - len(glued)])) // len(squeeze(title))
    if glued:
        return f"a title written {times} times and glued to the paragraph after it: one copy, on its own line"
    return f"a title written {times} times (overprinted or pasted): one copy"


# ---------------------------------------------------------------- a reposted copy

@dataclass(frozen=True, slots=True)
class Copy:
    """Paragraphs ``start`` to ``end`` (exclusive, indexes among the paragraphs) repeat the
    paragraphs ``sources``, in order, with this ``similarity`` (1.0: verbatim)."""

    start: int
    end: int
    sources: tuple[int, ...]
    similarity: float

    def reason(self) -> str:
        """
        >>> Copy(40, 43, (0, 1, 3), 0.9996).reason()
        'near-duplicate of paragraphs 1–4 (similarity 0.99)'
        >>> Copy(3, 6, (0, 1, 2), 1.0).reason()
        'repeats paragraphs 1–3 (a reposted copy)'
        """
        span = f"paragraphs {self.sources[0] + 1}–{self.sources[-1] + 1}"
        if self.similarity >= 1.0:
            return f"repeats {span} (a reposted copy)"
        shown = math.floor(self.similarity * 100) / 100  # 0.9996 is not 1.00: the copy was edited
        return f"near-duplicate of {span} (similarity {shown:.2f})"


def find_copies(keys: list[str]) -> list[Copy]:
    """Runs of paragraphs (given as their ``squeeze``d text) that repeat, in order, earlier
    paragraphs: at least ``COPY_MIN_PARAGRAPHS`` of them, ``COPY_MIN_CHARS`` characters, each
    the same as its original or a near copy of it (``NEAR_LINE_SIMILARITY``). The original
    comes wholly before the copy. Where a copy could start at several earlier occurrences of
    its first paragraph, the longest run wins.

    >>> body = ["政府工作报告", "各位代表：", "甲" * 80 + "。", "乙" * 80 + "，丙。", "丁" * 80 + "。"]
    >>> repost = body[:3] + ["乙" * 80 + "、丙。", body[4]]
    >>> find_copies(body + repost)
    [Copy(start=5, end=10, sources=(0, 1, 2, 3, 4), similarity=0.99...)]
    >>> find_copies(["政府工作报告", "各位代表：", "甲。", "政府工作报告", "各位代表：", "乙。"])
    []
    """
    where: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        where.setdefault(key, []).append(index)
    copies: list[Copy] = []
    start = 1
    while start < len(keys):
        earlier = where[keys[start]]
        before = bisect.bisect_left(earlier, start)
        best: list[int] = []
        for first in earlier[max(0, before - MAX_STARTS):before]:
            sources = _follow(keys, where, start, first)
            if len(sources) > len(best):
                best = sources
        copy = _as_copy(keys, start, best, copies[-1].end if copies else 0)
        if copy is None:
            start += 1
            continue
        copies.append(copy)
        start = copy.end
    return copies


def _follow(keys: list[str], where: dict[str, list[int]], start: int, first: int) -> list[int]:
    """The originals of paragraphs ``start``, ``start + 1``, … read as a copy of the text from
    paragraph ``first`` on, up to the first paragraph that repeats nothing after the last
    original found."""
    sources = [first]
    for index in range(start + 1, len(keys)):
        source = _next_same(where[keys[index]], sources[-1], start)
        if source is None:
            source = _next_near(keys, index, sources[-1], start)
        if source is None:
            break
        sources.append(source)
    return sources


def _next_same(positions: list[int], after: int, limit: int) -> int | None:
    """The first of ``positions`` (sorted) after ``after`` and before ``limit``."""
    at = bisect.bisect_right(positions, after)
    return positions[at] if at < len(positions) and positions[at] < limit else None


def _next_near(keys: list[str], index: int, after: int, limit: int) -> int | None:
    """The first of the ``NEAR_SEARCH`` paragraphs after ``after`` (and before ``limit``) of which
    paragraph ``index`` is a near copy: a small edit in a paragraph long enough to be content."""
    key = keys[index]
    if len(key) < NEAR_LINE_MIN:
        return None
    for source in range(after + 1, min(limit, after + 1 + NEAR_SEARCH)):
        if Indel.normalized_similarity(key, keys[source], score_cutoff=NEAR_LINE_SIMILARITY):
            return source
    return None


def _previous_near(keys: list[str], index: int, before: int) -> int | None:
    """The nearest of the ``NEAR_SEARCH`` paragraphs before paragraph ``before`` of which paragraph
    ``index`` is a near copy (``_next_near`` going backwards)."""
    key = keys[index]
    if len(key) < NEAR_LINE_MIN:
        return None
    for source in range(before - 1, max(-1, before - 1 - NEAR_SEARCH), -1):
        if Indel.normalized_similarity(key, keys[source], score_cutoff=NEAR_LINE_SIMILARITY):
            return source
    return None


def _as_copy(keys: list[str], start: int, sources: list[int], floor: int) -> Copy | None:
    """A ``Copy`` when the run is long enough and similar enough to its originals, and holds a
    paragraph of content (not only headings and salutations). Its length is that of the text it
    repeats, from its first original to its last: a copy may have dropped paragraphs (and the
    layout stage may have removed some of it already). It grows
    back over a first paragraph that is a near copy of the one before the first original (an
    edit in the copy's first paragraph), not below ``floor`` (the end of the copy before)."""
    if not sources:
        return None
    first = list(sources)
    while start - 1 >= floor and (source := _previous_near(keys, start - 1, first[0])) is not None:
        start -= 1
        first.insert(0, source)
    end = start + len(first)
    copied = keys[start:end]
    if len(copied) < COPY_MIN_PARAGRAPHS or not any(map(_is_prose, copied)):
        return None
    if sum(map(len, keys[first[0]:first[-1] + 1])) < COPY_MIN_CHARS:
        return None
    similarity = Indel.normalized_similarity("\n".join(copied), "\n".join(keys[s] for s in first))
    if similarity < COPY_MIN_SIMILARITY:
        return None
    return Copy(start, end, tuple(first), round(similarity, 4))


def _is_prose(key: str) -> bool:
    """A paragraph of content: as long as a sentence of content, with a sentence end in it.

    >>> _is_prose("一、2022年工作回顾"), _is_prose("全年开展73轮全员核酸检测，累计检测714万人次，完成任务。")
    (False, True)
    """
    return len(key) >= PARAGRAPH_MIN and SENTENCE_INSIDE_RE.search(key) is not None


# ---------------------------------------------------------------- reports of a compilation

def _segments(lines: list[str], paragraphs: list[int]) -> tuple[list[int], list[int]]:
    """The report (segment) of each paragraph, and each segment's characters, from
    ``cleaner.split`` on the text as it stands."""
    segments = split_reports("\n".join(lines))
    starts = [segment.start_line - 1 for segment in segments]
    segment_of = [bisect.bisect_right(starts, line) - 1 for line in paragraphs]
    chars = [0] * len(segments)
    for index, line in zip(segment_of, paragraphs, strict=True):
        chars[index] += len(squeeze(lines[line]))
    return segment_of, chars


def copy_allowed(copy: Copy, segment_of: list[int], chars: list[int], keys: list[str]) -> bool:
    """True when the copy lies in the report of its originals, or is, in every other report it
    reaches, that whole report again (``WHOLE_REPORT`` of its characters): reports of a
    compilation share stock paragraphs and are no copies of each other.

    >>> keys = ["甲" * 50, "乙" * 50, "丙" * 50, "甲" * 50, "乙" * 50, "丙" * 50]
    >>> copy = Copy(3, 6, (0, 1, 2), 1.0)
    >>> copy_allowed(copy, [0, 0, 0, 0, 0, 0], [300], keys)
    True
    >>> copy_allowed(copy, [0, 0, 0, 1, 1, 1], [150, 150], keys)
    True
    >>> copy_allowed(copy, [0, 0, 0, 1, 1, 1], [150, 400], keys)
    False
    """
    home = {segment_of[source] for source in copy.sources}
    inside: dict[int, int] = {}
    for index in range(copy.start, copy.end):
        inside[segment_of[index]] = inside.get(segment_of[index], 0) + len(keys[index])
    return all((segment in home and len(home) == 1) or count >= WHOLE_REPORT * chars[segment]
               for segment, count in inside.items())


# ---------------------------------------------------------------- one paragraph repeated

def repeated_paragraph(key: str, distance: int) -> str | None:
    """Why a paragraph that repeats one ``distance`` paragraphs before it (in the same report)
    goes, or None when it stays.

    >>> repeated_paragraph("各位代表：", 1), repeated_paragraph("各位代表：", 5)
    ('right after itself', None)
    >>> repeated_paragraph("一、", 1), repeated_paragraph("100万元", 1) is None
    (None, True)
    >>> repeated_paragraph("全年开展73轮全员核酸检测，累计检测714万人次，圆满完成各项防控任务。", 3)
    'within 3 paragraphs (a scrape overlap)'
    >>> closing = "各位代表，扬帆起航正当时，砥砺奋进谱新篇，让我们紧密团结、凝心聚力、共同奋斗！"
    >>> repeated_paragraph(closing, 9) is None
    True
    >>> repeated_paragraph("疫情防控科学精准。全年开展73轮全员核酸检测，累计检测714万人次。", 9)
    'two sentences or more, 9 paragraphs apart'
    """
    if distance == 1 and len(key) >= ADJACENT_MIN and len(HAN_RE.findall(key)) >= ADJACENT_MIN:
        return "right after itself"
    if len(key) < PARAGRAPH_MIN:
        return None
    if distance <= NEAR_WINDOW:
        return f"within {distance} paragraphs (a scrape overlap)"
    if SENTENCE_INSIDE_RE.search(key, 0, len(key) - 1):
        return f"two sentences or more, {distance} paragraphs apart"
    return None


# ---------------------------------------------------------------- the stage

Recheck = Callable[[str, int], str]
"""A paragraph put on a line of its own (and its line number) -> what the boilerplate rules
leave of it."""


def remove_repeats(text: str, log: ChangeLog | None = None, recheck: Recheck | None = None) -> str:
    """One pass: undouble overprinted lines, then remove reposted copies, then single repeated
    paragraphs. Paragraph numbers in the reasons count the non-blank lines of ``text``. A
    paragraph an overprinted title was glued to goes through ``recheck`` once on its own line: the
    boilerplate stage saw it glued (``政府工作报告政府工作报告扫描上面二维码加QQ好友…``), and would take
    it on a second run.

    >>> remove_repeats("政府工作报告政府工作报告\\n各位代表：\\n各位代表：\\n\\n现在。\\n")
    '政府工作报告\\n各位代表：\\n\\n现在。\\n'
    """
    lines = text.split("\n")
    squeezed = [squeeze(line) for line in lines]
    starts: list[int] = []  # line offsets in ``text``, computed at the first change recorded

    def offset(index: int) -> int:
        if not starts:
            starts.extend(starts_of_lines(text.split("\n")))
        return starts[index]

    undoubled = unglued = False
    for index in [i for i, key in enumerate(squeezed) if _doubled_candidate(key)]:
        line = lines[index]
        single = undouble(line)
        if single is line:
            single = unglue(line)
            unglued = unglued or single is not line
        if single is not line:
            if log is not None:
                log.record(OVERPRINTED, index + 1, offset(index), line, single, _overprinted(line, single))
            if single.count("\n") == 1 and recheck is not None:
                title, paragraph = single.split("\n")
                checked = recheck(paragraph, index + 2)
                single = f"{title}\n{checked}" if checked.strip() else title
            lines[index], squeezed[index], undoubled = single, squeeze(single), True
    if unglued:  # a title put back on its own line: the next pass sees the paragraphs as they are
        return "\n".join(lines)
    paragraphs = [index for index, key in enumerate(squeezed) if key]
    keys = [squeezed[index] for index in paragraphs]
    cut = cut_copies(keys)
    if len(set(keys)) == len(keys) and not cut:
        return "\n".join(lines) if undoubled else text
    segments: list[tuple[list[int], list[int]]] = []  # computed once, when first needed

    def segment_info() -> tuple[list[int], list[int]]:
        if not segments:
            segments.append(_segments(lines, paragraphs))
        return segments[0]

    copied: set[int] = set()
    for copy in find_copies(keys):
        segment_of, chars = segment_info()
        if copy_allowed(copy, segment_of, chars, keys):
            copied.update(range(copy.start, copy.end))
            if log is not None:
                first = paragraphs[copy.start]
                before = "".join(lines[paragraphs[i]] + "\n" for i in range(copy.start, copy.end))
                log.record(COPY, first + 1, offset(first), before, "", copy.reason())
    repeated = _single_repeats(keys, copied, segment_info)
    repeated.update(cut)
    if log is not None:
        for index, reason in repeated.items():
            line = paragraphs[index]
            rule = CUT_COPY if reason.startswith(CUT_COPY_REASON) else PARAGRAPH
            log.record(rule, line + 1, offset(line), lines[line] + "\n", "", reason)
    gone = {paragraphs[index] for index in copied.union(repeated)}
    return "\n".join(line for index, line in enumerate(lines) if index not in gone)


CUT_COPY_REASON = "a cut copy of paragraph"


def cut_copies(keys: list[str]) -> dict[int, str]:
    """Lines among the first paragraphs that the next paragraph starts with, and no sentence
    ends in: a page title cut short above the whole title. Nothing of it is lost.

    >>> cut_copies(["下各镇2023年工作总结和2024", "下各镇2023年工作总结和2024工作思路", "今年以来。"])
    {0: 'a cut copy of paragraph 2 (the page title cut short)'}
    >>> cut_copies(["政府工作报告", "政府工作报告起草说明"]), cut_copies(["正文。", "正文。再说一句。"])
    ({}, {})
    """
    found: dict[int, str] = {}
    for index, key in enumerate(keys[:CUT_COPY_REACH]):
        following = keys[index + 1] if index + 1 < len(keys) else ""
        if (len(key) >= CUT_COPY_MIN and len(following) > len(key) and following.startswith(key)
                and not SENTENCE_INSIDE_RE.search(key)):
            found[index] = f"{CUT_COPY_REASON} {index + 2} (the page title cut short)"
    return found


def _single_repeats(keys: list[str], copied: set[int],
                    segment_info: Callable[[], tuple[list[int], list[int]]]) -> dict[int, str]:
    """Paragraphs (outside the copies already found) that repeat an earlier one and go, with
    their reason. Distances count the paragraphs that stay; apart from a repeat right
    after itself, the two must be in one report."""
    gone: dict[int, str] = {}
    last_seen: dict[str, tuple[int, int]] = {}  # key -> (paragraph index, rank among those kept)
    rank = 0
    for index, key in enumerate(keys):
        if index in copied:
            continue
        seen = last_seen.get(key)
        reason = repeated_paragraph(key, rank - seen[1]) if seen is not None else None
        if reason is not None and seen is not None and rank - seen[1] > 1:
            segment_of = segment_info()[0]
            if segment_of[seen[0]] != segment_of[index]:
                reason = None
        if reason is None or seen is None:
            last_seen[key] = (index, rank)
            rank += 1
            continue
        gone[index] = f"paragraph {index + 1} repeats paragraph {seen[0] + 1} {reason}"
    return gone


def run(text: str, context: StageContext | None, log: ChangeLog | None) -> str:
    """Keep one copy of repeated text (unless ``remove_repeats`` is off); repeat the pass until
    nothing changes, so that removing a copy that stood between two equal paragraphs is
    followed through."""
    if context is not None and not context.config.remove_repeats:
        return text
    recheck = _boilerplate_recheck(context, log) if context is not None else None
    for _ in range(MAX_PASSES):
        fixed = remove_repeats(text, log, recheck)
        if fixed == text:
            break
        text = fixed
    return text


def _boilerplate_recheck(context: StageContext, log: ChangeLog | None) -> Recheck:
    """What the boilerplate rules leave of a paragraph on a line of its own (a fragment: zoned
    rules leave it alone); their changes go into ``log`` under their own rule ids."""
    return lambda paragraph, number: recheck_built_line(
        paragraph, context, log, lambda offset: (number, offset),
        "a paragraph an overprinted title was glued to, checked against the boilerplate rules")
