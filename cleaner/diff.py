"""Diff previews: raw versus cleaned text, change by change, coloured by kind and explained.

``build_diff(raw, result)`` aligns the decoded input with the cleaned text (sentences first,
then characters: Chinese has no spaces to diff words on), cuts the alignment into rows (a line
kept, removed, changed, joined or split) and attributes each visible change to the ``Change``
records that made it, so that a reviewer sees *which rule did what* and not only a textual diff.
``render_diff`` draws one file with rich, side by side or inline; the ``cleaner diff`` command
(``add_diff_parser``, ``run_diff``) and the HTML review (``cleaner.review``) are built on the
same rows. ``render_dry_run`` prints what ``cleaner clean --dry-run`` would do.

Widths are terminal cells (``rich.cells``), never ``len()``: a Chinese character takes two.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import fnmatch
import io
import itertools
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.change import Change
from cleaner.chardata import LINE_BREAK_RE
from cleaner.errors import ConfigError, InputError
from cleaner.options import add_cleaning_options

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from cleaner.pipeline import Cleaner, CleanResult
    from cleaner.report import FileReport

# --- kinds of change ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of change as the reader sees it: a colour and a legend label."""

    name: str
    label: str
    colour: str


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("boilerplate", "boilerplate removed", "#e06c75"),
    Kind("lines", "lines joined/split", "#61afef"),
    Kind("punctuation", "punctuation", "#e5c07b"),
    Kind("numbers", "numbers/units", "#56b6c2"),
    Kind("script", "script conversion", "#98c379"),
    Kind("encoding", "encoding & character repair", "#c678dd"),
    Kind("whitespace", "whitespace & invisible chars", "#9da5b4"),
    Kind("other", "other", "#d19a66"),
)}

# Which kind a change is: (stage, rule-id prefix, kind); the first row whose stage ('' = any)
# and prefix match wins. One table, so that a new stage or rule family is one line here.
KIND_TABLE: tuple[tuple[str, str, str], ...] = (
    ("encoding", "", "encoding"),
    ("hygiene", "hygiene.html-entities", "encoding"),
    ("hygiene", "hygiene.nfc", "encoding"),
    ("hygiene", "hygiene.kangxi-radicals", "encoding"),
    ("hygiene", "", "whitespace"),
    ("boilerplate", "", "boilerplate"),
    ("layout", "layout.join", "lines"),
    ("layout", "layout.split", "lines"),
    ("layout", "layout.spaced", "whitespace"),
    ("layout", "layout.", "boilerplate"),  # page numbers, running headers, duplicates: furniture
    ("", "punct.", "punctuation"),
    ("", "quotes.", "punctuation"),
    ("", "units.", "numbers"),
    ("", "numbers.", "numbers"),
    ("", "width.", "numbers"),  # full-width digits and letters
    ("", "script.", "script"),
    ("whitespace", "", "whitespace"),
)


def kind_of(stage: str, rule: str) -> str:
    """The kind of a change made by ``rule`` in ``stage`` (see ``KIND_TABLE``).

    >>> kind_of("layout", "layout.join"), kind_of("normalization", "punct.comma")
    ('lines', 'punctuation')
    >>> kind_of("boilerplate", "ads.qr-code-friend"), kind_of("mystage", "my.rule")
    ('boilerplate', 'other')
    """
    for table_stage, prefix, kind in KIND_TABLE:
        if (not table_stage or table_stage == stage) and rule.startswith(prefix):
            return kind
    return "other"


def kind_counts(changes: Iterable[Change]) -> dict[str, int]:
    """Changes per kind, in legend order."""
    counts = dict.fromkeys(KINDS, 0)
    for change in changes:
        counts[kind_of(change.stage, change.rule)] += 1
    return {kind: n for kind, n in counts.items() if n}


# --- the diff model -------------------------------------------------------------------------

EQUAL, DELETE, INSERT = "=", "-", "+"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text in a row: kept (``=``), deleted (``-``) or inserted (``+``); in a view, also
    the mark (``⋯``) of kept text left out."""

    op: str
    text: str
    kind: str = ""
    rules: tuple[str, ...] = ()


@dataclass
class Row:
    """Raw lines ``raw_start…`` that became clean lines ``clean_start…`` (either count may be 0).

    Each side's text ends with its line break; the pieces spell out both sides at once.
    """

    raw_start: int
    raw_count: int
    clean_start: int
    clean_count: int
    pieces: list[Piece]
    changes: list[Change] = field(default_factory=list)

    @cached_property
    def changed(self) -> bool:
        return any(piece.op != EQUAL for piece in self.pieces)

    @property
    def raw_text(self) -> str:
        return "".join(piece.text for piece in self.pieces if piece.op != INSERT)

    @property
    def clean_text(self) -> str:
        return "".join(piece.text for piece in self.pieces if piece.op != DELETE)

    @cached_property
    def shape(self) -> str:
        """equal, removed, added, joined, split or modified."""
        if not self.changed:
            return "equal"
        if not self.clean_count:
            return "removed"
        if not self.raw_count:
            return "added"
        if self.raw_count > self.clean_count:
            return "joined"
        if self.clean_count > self.raw_count:
            return "split"
        return "modified"

    @property
    def blank_removed(self) -> bool:
        """A blank raw line that cleaning dropped: shown in context, never the reason to show."""
        return self.shape == "removed" and not self.raw_text.strip()

    def rules(self) -> set[str]:
        return {change.rule for change in self.changes}


@dataclass
class FileDiff:
    """One file: its raw text, its cleaning result, the rows, and the changes not placed on a row."""

    path: str
    raw: str
    result: CleanResult
    rows: list[Row]
    unplaced: list[Change] = field(default_factory=list)
    """Changes that fit no row: undone by a later step, or too far from where they were made."""
    line_endings: list[Change] = field(default_factory=list)
    """Line-ending conversions (CRLF to LF …): counted in the header, not drawn on every line."""

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.rows)

    def kind_counts(self) -> dict[str, int]:
        return kind_counts(self.result.changes)


def display_text(raw: str) -> str:
    r"""Raw text as the diff shows it: line breaks as LF and a final one.

    Line-ending conversions are counted in the header, not drawn on every line.

    >>> display_text("一\r\n二\r三")
    '一\n二\n三\n'
    """
    text = LINE_BREAK_RE.sub("\n", raw)
    return text if not text or text.endswith("\n") else text + "\n"


def build_diff(raw: str, result: CleanResult, path: str = "-") -> FileDiff:
    r"""Align ``raw`` (the decoded input) with ``result.text`` and explain each row.

    >>> from cleaner.pipeline import clean_text
    >>> raw = "各位代表：\n扫描上面二维码加QQ好友,获得更多文稿实用素材\n现在，我代表"
    >>> diff = build_diff(raw, clean_text(raw))
    >>> [(row.shape, row.raw_start, sorted(row.rules())) for row in diff.rows]
    [('equal', 1, []), ('removed', 2, ['ads.qr-code-friend']), ('equal', 3, [])]
    """
    a, b = display_text(raw), result.text
    rows = rows_of(a, b, align(a, b))
    last_line = b.count("\n")
    endings = [c for c in result.changes if _is_line_ending(c, last_line)]
    unplaced = _attribute(rows, [c for c in result.changes if not _is_line_ending(c, last_line)])
    for row in rows:
        if row.changed:
            row.pieces = [_classify(piece, row) for piece in row.pieces]
    return FileDiff(path, raw, result, rows, unplaced, endings)


def _is_line_ending(change: Change, last_line: int) -> bool:
    r"""True for a change of line-break characters only (``\r\n`` to ``\n``), or for the final
    line break added at the end of the text (the view shows both texts with one).

    >>> _is_line_ending(Change("hygiene", "hygiene.line-breaks", 1, 0, "\r\n", "\n"), 9)
    True
    >>> _is_line_ending(Change("whitespace", "whitespace.final-newline", 9, 80, "", "\n"), 9)
    True
    """
    if LINE_BREAK_RE.sub("\n", change.before) == LINE_BREAK_RE.sub("\n", change.after):
        return True
    return not change.before and change.after == "\n" and change.line >= last_line


# --- alignment: sentences, then characters --------------------------------------------------

Opcode = tuple[str, int, int, int, int]  # difflib's (tag, a1, a2, b1, b2)

# Characters on both sides that one character-level SequenceMatcher may see; more than that is
# first aligned by sentences, which keeps large files near linear.
CHAR_BUDGET = 2000
_NOT_WORD_RE = re.compile(r"[\W_]+")
_SENTENCE_RE = re.compile(r"\n|[^\n。！？；!?;]*[。！？；!?;]+[”’\"」』）)]*|[^\n]+")


def _token_key(token: str) -> str:
    """What two sentences must share to be aligned: their letters and digits (NFKC), so that a
    punctuation, width or spacing change does not stop a sentence from matching itself."""
    if token == "\n":
        return token
    return _NOT_WORD_RE.sub("", unicodedata.normalize("NFKC", token)) or token


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slices (C speed on long texts).

    >>> _common_prefix("政府工作", "政府报告")
    2
    """
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def align(a: str, b: str) -> list[Opcode]:
    r"""Character opcodes turning ``a`` into ``b``; deleted or inserted whole lines are slid to
    line boundaries, so that a removed line reads as one and not as the end of its neighbour.

    >>> align("一\n乙\n二\n", "一\n二\n")
    [('equal', 0, 2, 0, 2), ('delete', 2, 4, 2, 2), ('equal', 4, 6, 2, 4)]
    """
    ops: list[Opcode] = []
    _align_span(a, b, 0, len(a), 0, len(b), ops, by_sentence=True)
    return _slide_to_lines(a, b, _merge(ops))


def _align_span(a: str, b: str, a1: int, a2: int, b1: int, b2: int, out: list[Opcode],
                by_sentence: bool) -> None:
    head = _common_prefix(a[a1:a2], b[b1:b2])
    if head:
        out.append(("equal", a1, a1 + head, b1, b1 + head))
        a1, b1 = a1 + head, b1 + head
    tail = _common_suffix(a[a1:a2], b[b1:b2])
    ma2, mb2 = a2 - tail, b2 - tail
    if a1 == ma2 and b1 < mb2:
        out.append(("insert", a1, a1, b1, mb2))
    elif b1 == mb2 and a1 < ma2:
        out.append(("delete", a1, ma2, b1, b1))
    elif a1 < ma2:
        substituted = _substitutions(a, b, a1, ma2, b1, mb2)
        if substituted is not None:
            out.extend(substituted)
        elif (ma2 - a1) + (mb2 - b1) <= CHAR_BUDGET:
            matcher = SequenceMatcher(None, a[a1:ma2], b[b1:mb2], autojunk=False)
            out.extend((tag, a1 + i1, a1 + i2, b1 + j1, b1 + j2)
                       for tag, i1, i2, j1, j2 in matcher.get_opcodes())
        elif by_sentence:
            _align_sentences(a, b, a1, ma2, b1, mb2, out)
        else:
            out.append(("replace", a1, ma2, b1, mb2))
    if tail:
        out.append(("equal", ma2, a2, mb2, b2))


# Position-by-position alignment is trusted only for short runs of substituted characters.
_MAX_SUBSTITUTED_RUN = 8


def _substitutions(a: str, b: str, a1: int, a2: int, b1: int, b2: int) -> list[Opcode] | None:
    """Opcodes for two equally long spans that differ in a minority of places, in short runs and
    never at a line break: characters converted one for one (punctuation, script). None when the
    spans do not look like that (text shifted by an insertion would).

    >>> _substitutions("甲,乙,丙", "甲，乙，丙", 0, 5, 0, 5)[:2]
    [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2)]
    >>> _substitutions("甲乙丙丁戊己庚辛壬癸", "乙丙丁戊己庚辛壬癸甲", 0, 10, 0, 10) is None
    True
    """
    length = a2 - a1
    if length != b2 - b1:
        return None
    differ = [i for i, (x, y) in enumerate(zip(a[a1:a2], b[b1:b2], strict=True)) if x != y]
    if len(differ) * 5 > length * 2 or any(a[a1 + i] == "\n" or b[b1 + i] == "\n" for i in differ):
        return None
    run = 1
    for previous, i in itertools.pairwise(differ):
        run = run + 1 if i == previous + 1 else 1
        if run > _MAX_SUBSTITUTED_RUN:
            return None
    ops: list[Opcode] = []
    last = 0
    for i in differ:
        if i > last:
            ops.append(("equal", a1 + last, a1 + i, b1 + last, b1 + i))
        ops.append(("replace", a1 + i, a1 + i + 1, b1 + i, b1 + i + 1))
        last = i + 1
    if last < length:
        ops.append(("equal", a1 + last, a2, b1 + last, b2))
    return ops


def _align_sentences(a: str, b: str, a1: int, a2: int, b1: int, b2: int,
                     out: list[Opcode]) -> None:
    """Align long spans sentence by sentence, then characters within sentences that differ."""
    bounds_a = [m.start() for m in _SENTENCE_RE.finditer(a, a1, a2)] + [a2]
    bounds_b = [m.start() for m in _SENTENCE_RE.finditer(b, b1, b2)] + [b2]
    keys_a = [_token_key(a[s:e]) for s, e in itertools.pairwise(bounds_a)]
    keys_b = [_token_key(b[s:e]) for s, e in itertools.pairwise(bounds_b)]
    # a line break is no anchor: it may join whatever sentences surround it
    matcher = SequenceMatcher(lambda key: key == "\n", keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        sa, ea, sb, eb = bounds_a[i1], bounds_a[i2], bounds_b[j1], bounds_b[j2]
        if tag != "delete" and tag != "insert" and i2 - i1 == j2 - j1:  # sentence by sentence
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                _align_span(a, b, bounds_a[i], bounds_a[i + 1], bounds_b[j], bounds_b[j + 1], out,
                            by_sentence=False)
        else:
            _align_span(a, b, sa, ea, sb, eb, out, by_sentence=False)


def _merge(ops: list[Opcode]) -> list[Opcode]:
    """Drop empty opcodes and fuse neighbours: equal with equal, any two edits into one edit."""
    merged: list[Opcode] = []
    for tag, a1, a2, b1, b2 in ops:
        if a1 == a2 and b1 == b2:
            continue
        if merged:
            ptag, pa1, pa2, pb1, pb2 = merged[-1]
            if (ptag == "equal") == (tag == "equal"):
                assert pa2 == a1 and pb2 == b1, "opcodes must be contiguous"
                new_tag = tag if ptag == tag else "replace"
                merged[-1] = (new_tag, pa1, a2, pb1, b2)
                continue
        merged.append((tag, a1, a2, b1, b2))
    return merged


def _aligned(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and text[end - 1] == "\n"


def _slide_to_lines(a: str, b: str, ops: list[Opcode]) -> list[Opcode]:
    """Slide each pure deletion or insertion that spans a line break along its equal neighbours
    until it covers whole lines (``\\n乙`` after ``一`` becomes ``乙\\n``), when it can."""
    ops = list(ops)
    k = 0
    while k < len(ops):
        tag, a1, a2, b1, b2 = ops[k]
        text, start, end = (a, a1, a2) if tag == "delete" else (b, b1, b2)
        if tag not in ("delete", "insert") or "\n" not in text[start:end] \
                or _aligned(text, start, end):
            k += 1
            continue
        before = ops[k - 1] if k > 0 and ops[k - 1][0] == "equal" else None
        after = ops[k + 1] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else None
        shift = _find_shift(text, start, end, before[2] - before[1] if before else 0,
                            after[2] - after[1] if after else 0)
        if shift:
            ops[k] = (tag, a1 + shift, a2 + shift, b1 + shift, b2 + shift)
            if after:
                ops[k + 1] = ("equal", after[1] + shift, after[2], after[3] + shift, after[4])
            else:  # slid left at the very end: what it slid over is equal after it
                ops.insert(k + 1, ("equal", a2 + shift, a2, b2 + shift, b2))
            if before:
                ops[k - 1] = ("equal", before[1], before[2] + shift, before[3], before[4] + shift)
            else:  # slid right at the very start: what it slid over is equal before it
                ops.insert(k, ("equal", a1, a1 + shift, b1, b1 + shift))
                k += 1
        k += 1
    return _merge(ops)


def _find_shift(text: str, start: int, end: int, room_left: int, room_right: int) -> int:
    """The smallest shift (right first) that makes ``text[start:end]`` cover whole lines while
    the text stays the same, or 0.

    >>> _find_shift("一\\n乙\\n二\\n", 1, 3, 1, 3)  # '\\n乙' -> '乙\\n'
    1
    """
    length = end - start
    right_ok = left_ok = True
    for step in range(1, length + 1):
        right_ok = right_ok and step <= room_right and text[start + step - 1] == text[end + step - 1]
        if right_ok and _aligned(text, start + step, end + step):
            return step
        left_ok = left_ok and step <= room_left and text[start - step] == text[end - step]
        if left_ok and _aligned(text, start - step, end - step):
            return -step
        if not (right_ok or left_ok):
            break
    return 0


_LINE_CHUNK_RE = re.compile(r"[^\n]*\n|[^\n]+")


def _line_chunks(text: str) -> list[str]:
    r"""Lines with their LF; only LF ends a line here (not form feeds, as ``splitlines`` has it).

    >>> _line_chunks("一\x0c二\n三")
    ['一\x0c二\n', '三']
    """
    return _LINE_CHUNK_RE.findall(text)


def _leading_extra_line(ours: list[str], theirs: list[str]) -> bool:
    """Whether the first of ``ours`` is a whole line with no counterpart in ``theirs``: ours has
    lines to spare, and the next one resembles theirs at least as well (a removed line followed
    by a changed one, not a changed line followed by a join)."""
    if len(ours) <= max(len(theirs), 1) or not ours[0].endswith("\n"):
        return False
    other = theirs[0] if theirs else ""
    return _resemblance(ours[0], other) <= _resemblance(ours[1], other)


def _resemblance(x: str, y: str) -> float:
    return SequenceMatcher(None, x, y, autojunk=False).quick_ratio() if x and y else 0.0


def rows_of(a: str, b: str, ops: Sequence[Opcode]) -> list[Row]:
    """Cut the opcodes into rows at each point where both texts are at a line start.

    A replaced stretch is taken line by line from both sides at once, so that a changed line
    pairs with its counterpart and leftover line breaks read as joins or splits.
    """
    rows: list[Row] = []
    pieces: list[Piece] = []
    line_a = line_b = 1
    row_a = row_b = 1
    at_start_a = at_start_b = True

    def add(op: str, chunk: str) -> None:
        nonlocal line_a, line_b, at_start_a, at_start_b
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + chunk)
        else:
            pieces.append(Piece(op, chunk))
        ends = chunk.endswith("\n")
        if op != INSERT:
            line_a += ends
            at_start_a = ends
        if op != DELETE:
            line_b += ends
            at_start_b = ends

    def cut() -> None:
        nonlocal pieces, row_a, row_b
        if pieces and at_start_a and at_start_b:
            rows.append(Row(row_a, line_a - row_a, row_b, line_b - row_b, pieces))
            pieces, row_a, row_b = [], line_a, line_b

    for tag, a1, a2, b1, b2 in ops:
        if tag == "equal":
            for chunk in _line_chunks(a[a1:a2]):
                add(EQUAL, chunk)
                cut()
        elif tag == "delete":
            for chunk in _line_chunks(a[a1:a2]):
                add(DELETE, chunk)
                cut()
        elif tag == "insert":
            for chunk in _line_chunks(b[b1:b2]):
                add(INSERT, chunk)
                cut()
        else:
            old, new = _line_chunks(a[a1:a2]), _line_chunks(b[b1:b2])
            while at_start_a and at_start_b and _leading_extra_line(old, new):
                add(DELETE, old.pop(0))
                cut()
            while at_start_a and at_start_b and _leading_extra_line(new, old):
                add(INSERT, new.pop(0))
                cut()
            for k in range(max(len(old), len(new))):
                if k < len(old):
                    add(DELETE, old[k])
                if k < len(new):
                    add(INSERT, new[k])
                cut()
    if pieces:
        rows.append(Row(row_a, line_a - row_a + (not at_start_a), row_b,
                        line_b - row_b + (not at_start_b), pieces))
    return rows


# --- attribution: which change made which row -----------------------------------------------

# How many changed rows around its estimated place a change is looked for.
_SEARCH_ROWS = 60


# Whitespace and invisible format characters: what comparisons of visible text leave out.
_INVISIBLE_RE = re.compile("[\\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")


def _squash(text: str) -> str:
    r"""Text without whitespace or invisible characters, for matching a change to a row.

    >>> _squash("扫描\u200b二维码 加 QQ\n")
    '扫描二维码加QQ'
    """
    return _INVISIBLE_RE.sub("", text)


def _raw_line_hints(changes: Sequence[Change]) -> list[tuple[int, int]]:
    """Estimate, for each change, the raw line it happened on: two guesses.

    A change's line is counted in the text its step received, after earlier steps removed,
    joined or split lines; replaying the line-count effect of earlier changes maps it back.
    Consecutive changes by one rule come from one pass over one text. Whether the passes of one
    stage see each other's work (sequential fixes) or all count in the stage's input (a stage
    that decides on the whole text first) is the stage's business, so both guesses are made:
    after every earlier pass, and after the earlier stages only.
    """
    events: list[tuple[int, int]] = []  # (raw line, lines removed there; negative: added)
    stage_start = 0  # events before this index come from earlier stages
    hints: list[tuple[int, int]] = []
    start = 0
    while start < len(changes):
        end = start
        key = (changes[start].stage, changes[start].rule)
        while end < len(changes) and (changes[end].stage, changes[end].rule) == key:
            end += 1
        if start and changes[start].stage != changes[start - 1].stage:
            stage_start = len(events)
        passes = _line_map(events)
        stages = _line_map(events[:stage_start])
        group_events = []
        for change in changes[start:end]:
            raw = _to_raw(change.line, *passes)
            hints.append((raw, _to_raw(change.line, *stages)))
            removed = change.before.count("\n") - change.after.count("\n")
            if removed:
                whole = not change.after and change.before.endswith("\n")
                group_events.append((raw if whole else raw + 1, removed))
        events.extend(group_events)
        start = end
    return hints


def _line_map(events: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted positions of line-count events and the running totals before each."""
    ordered = sorted(events)
    totals = [0]
    for _, k in ordered:
        totals.append(totals[-1] + k)
    return [p for p, _ in ordered], totals


def _to_raw(line: int, positions: list[int], totals: list[int]) -> int:
    raw = line
    for _ in range(64):  # a fixed point: raw = line + lines removed at or before raw
        moved = line + totals[bisect.bisect_right(positions, raw)]
        if moved == raw:
            break
        raw = moved
    return max(raw, 1)


def _distance(row: Row, line: int) -> int:
    last = row.raw_start + max(row.raw_count, 1) - 1
    return row.raw_start - line if line < row.raw_start else max(0, line - last)


def _nearest_rows(rows: Sequence[Row], starts: Sequence[int], line: int) -> Iterator[int]:
    """Indexes of ``rows`` (sorted, not overlapping) by their distance to ``line``, nearest first
    (the earlier on a tie), at most ``_SEARCH_ROWS`` on either side."""
    right = bisect.bisect_right(starts, line)
    left = right - 1
    if left >= 0 and _distance(rows[left], line) == 0:
        yield left
        left -= 1
    low, high = max(0, right - 1 - _SEARCH_ROWS), min(len(rows), right + _SEARCH_ROWS)
    while left >= low or right < high:
        if right >= high or (left >= low and
                             _distance(rows[left], line) <= _distance(rows[right], line)):
            yield left
            left -= 1
        else:
            yield right
            right += 1


def _fit(change: Change, raw_sq: str, clean_sq: str, row: Row) -> int:
    """How well ``change`` explains ``row``: 2 both sides match, 1 one side does, 0 not at all."""
    before = _squash(_first_line(change.before))
    after = _squash(_first_line(change.after))
    if before or after:
        found_before = bool(before) and before in raw_sq
        found_after = bool(after) and after in clean_sq
        if (found_before or not before) and (found_after or not after):
            return 2
        return 1 if found_before or found_after else 0
    if any(_whitespace_match(change, piece) for piece in row.pieces):
        return 2
    # invisible characters removed from a line that a later step removed whole
    return 1 if row.shape == "removed" and change.before and change.before in row.raw_text else 0


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line
    return ""


def _whitespace_match(change: Change, piece: Piece) -> bool:
    """A change that only moves whitespace explains a whitespace-only piece of the same sort."""
    if piece.op == EQUAL or _squash(piece.text):
        return False
    if "\n" in piece.text:
        newlines = change.before.count("\n") - change.after.count("\n")
        return newlines > 0 if piece.op == DELETE else newlines < 0
    return _squash(change.before) == _squash(change.after)


def _attribute(rows: list[Row], changes: Sequence[Change]) -> list[Change]:
    """Attach each change to the changed row it explains, nearest its estimated line first;
    return the changes that fit no row (undone by a later step, or beyond the search)."""
    changed = [row for row in rows if row.changed]
    if not changed:
        return list(changes)
    starts = [row.raw_start for row in changed]
    squashed: dict[int, tuple[str, str]] = {}

    def texts(index: int) -> tuple[str, str]:
        if index not in squashed:
            squashed[index] = (_squash(changed[index].raw_text), _squash(changed[index].clean_text))
        return squashed[index]

    unplaced: list[Change] = []
    for change, hints in zip(changes, _raw_line_hints(changes), strict=True):
        # an edit that starts with a line break is about the line after it
        shift = 1 if change.before.startswith("\n") and change.after else 0
        best: tuple[int, int] | None = None
        for hint in dict.fromkeys(hints):
            for index in _nearest_rows(changed, starts, hint + shift):
                score = _fit(change, *texts(index), changed[index])
                if score == 2:
                    best = (score, index)
                    break
                if score and best is None:
                    best = (score, index)
            if best is not None and best[0] == 2:
                break
        if best is None:
            unplaced.append(change)
            continue
        index = best[1]
        changed[index].changes.append(change)
        if change.before.strip("\n").count("\n"):  # a block of lines: the rows it covers
            block = _squash(change.before)
            for follower in range(index + 1, len(changed)):
                follower_raw = texts(follower)[0]
                if not follower_raw or follower_raw not in block:
                    break
                changed[follower].changes.append(change)
    return unplaced


def _classify(piece: Piece, row: Row) -> Piece:
    """Give an edited piece the kind and rules of the changes on its row that explain it: those
    whose text holds the piece, else (a line repaired whole, diffed char by char) those that
    share a character with it; failing both, a kind guessed from the piece itself."""
    if piece.op == EQUAL:
        return piece
    if not row.changes:
        return Piece(piece.op, piece.text, _guess_kind(piece, row))
    text = _squash(piece.text)

    def side(change: Change) -> str:
        return _squash(change.before if piece.op == DELETE else change.after)

    explains = [c for c in row.changes
                if (text and text in side(c)) or (not text and _whitespace_match(c, piece))
                or (row.shape == "removed" and _squash(c.before))]
    if not explains and text:
        explains = [c for c in row.changes if any(ch in side(c) for ch in text)]
    # the widest change first: a line an ad rule removed is boilerplate, even if a zero-width
    # space in it was removed before
    explains.sort(key=lambda c: -len(side(c)))
    rules = tuple(dict.fromkeys(c.rule for c in explains))
    kind = kind_of(explains[0].stage, explains[0].rule) if explains else _guess_kind(piece, row)
    return Piece(piece.op, piece.text, kind, rules)


def _guess_kind(piece: Piece, row: Row) -> str:
    """The kind of an edit no recorded change explains, from what it looks like."""
    text = _squash(piece.text)
    if row.shape == "removed":
        return "boilerplate" if text else "whitespace"
    if not text:
        return "lines" if "\n" in piece.text else "whitespace"
    if all(unicodedata.category(ch)[0] in "PS" for ch in text):
        return "punctuation"
    if any(ch.isdigit() for ch in text):
        return "numbers"
    return "other"


# --- what to show ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fold:
    """Rows left out: their raw and clean lines, and the blank raw lines dropped among them."""

    raw_lines: int
    clean_lines: int
    blank_removed: int
    changed: int = 0
    """Rows with changes left out all the same (by other rules than the one asked for)."""


def rule_matcher(pattern: str | None) -> Callable[[str], bool] | None:
    """A predicate for ``--rule``: an exact rule id, or a glob such as ``punct.*``.

    >>> match = rule_matcher("punct.*")
    >>> match("punct.comma"), match("quotes.curly")
    (True, False)
    """
    if not pattern:
        return None
    if any(ch in pattern for ch in "*?["):
        return lambda rule: fnmatch.fnmatchcase(rule, pattern)
    return lambda rule: rule == pattern


def shown_rows(diff: FileDiff, context: int = 2,
               rule: Callable[[str], bool] | None = None) -> list[Row | Fold]:
    """The rows to draw: each change with ``context`` rows around it, the rest folded.

    A change is a changed row (by ``rule`` only, when given); a dropped blank line is shown in
    context but is not itself a reason to unfold.
    """
    def wanted(row: Row) -> bool:
        if not row.changed:
            return False
        if rule is not None:
            return any(rule(change.rule) for change in row.changes) or \
                any(rule(name) for piece in row.pieces for name in piece.rules)
        return not row.blank_removed

    rows = diff.rows
    keep = [False] * len(rows)
    for index, row in enumerate(rows):
        if wanted(row):
            for near in range(max(0, index - context), min(len(rows), index + context + 1)):
                keep[near] = True
    out: list[Row | Fold] = []
    index = 0
    while index < len(rows):
        if keep[index]:
            out.append(rows[index])
            index += 1
            continue
        end = index
        while end < len(rows) and not keep[end]:
            end += 1
        stretch = rows[index:end]
        if len(stretch) == 1 and index > 0 and end < len(rows):
            out.append(stretch[0])  # a marker would take as much room as the line
        else:
            out.append(Fold(sum(row.raw_count for row in stretch),
                            sum(row.clean_count for row in stretch),
                            sum(row.blank_removed for row in stretch),
                            sum(row.changed and not row.blank_removed for row in stretch)))
        index = end
    return out


def has_visible_changes(diff: FileDiff, rule: Callable[[str], bool] | None = None) -> bool:
    return any(isinstance(item, Row) for item in shown_rows(diff, 0, rule))


# --- drawing with rich ----------------------------------------------------------------------

JOIN_MARK, SPLIT_MARK = "⏎", "↵"
# Whitespace and invisible characters inside an edit, drawn so that the edit can be seen.
_VISIBLE = {" ": "␣", "\t": "⇥", "\u3000": "⬚", "\u00a0": "⍽"}
SIDE_BY_SIDE_MIN_WIDTH = 100
BLANK_LINE = "(blank)"


def visible(text: str) -> str:
    """Spell out the characters of an edit that would otherwise not show.

    >>> visible("a b\\u3000\\u200b\\tc")
    'a␣b⬚‹200B›⇥c'
    """
    out = []
    for ch in text:
        if ch in _VISIBLE:
            out.append(_VISIBLE[ch])
        elif ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"):
            out.append(f"‹{ord(ch):04X}›")
        else:
            out.append(ch)
    return "".join(out)


def clip(text: str, cells: int) -> str:
    """Cut ``text`` to at most ``cells`` terminal cells, with an ellipsis when cut.

    >>> clip("政府工作报告", 7)
    '政府工…'
    """
    from rich.cells import cell_len

    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        width = cell_len(ch)
        if used + width > cells - 1:
            break
        out.append(ch)
        used += width
    return "".join(out) + "…"


@dataclass(frozen=True)
class Look:
    """How edits are drawn: styles by kind in colour, bracket markers when there is no colour."""

    plain: bool

    def deleted(self, kind: str) -> str:
        return "" if self.plain else f"strike {KINDS[kind].colour}"

    def inserted(self, kind: str) -> str:
        return "" if self.plain else f"bold underline {KINDS[kind].colour}"

    def brackets(self, op: str) -> tuple[str, str]:
        if not self.plain:
            return "", ""
        return ("[-", "-]") if op == DELETE else ("{+", "+}")


def look_for(console: Console) -> Look:
    return Look(plain=console.color_system is None or console.no_color)


def line_pieces(row: Row) -> list[Piece]:
    """The row's pieces without the final line break of each side (it ends the row, and a
    kept piece holds both sides' break at once)."""
    pieces = list(row.pieces)
    stripped = -1
    for side in (DELETE, INSERT):
        for index in range(len(pieces) - 1, -1, -1):
            piece = pieces[index]
            if piece.op in (EQUAL, side):
                if index != stripped and piece.text.endswith("\n"):
                    pieces[index] = Piece(piece.op, piece.text[:-1], piece.kind, piece.rules)
                    stripped = index
                break
    return [piece for piece in pieces if piece.text]


# Kept text drawn at most: a whole unchanged line, and around each edit of a changed line.
# Longer stretches are cut to a mark, so that a 16,000-character line does not fill the screen.
LINE_CELLS = 160
EDIT_CELLS = 40
ELIDED = "⋯"


def _cells_head(text: str, cells: int) -> str:
    from rich.cells import cell_len

    used = 0
    for index, ch in enumerate(text):
        used += cell_len(ch)
        if used > cells:
            return text[:index]
    return text


def _cells_tail(text: str, cells: int) -> str:
    return _cells_head(text[::-1], cells)[::-1]


def elide(pieces: list[Piece], changed: bool) -> list[Piece]:
    """Cut long kept stretches to their ends (``ELIDED`` marks the cut), cell-width aware.

    >>> [p.text for p in elide([Piece("=", "一二三四五六七八九十" * 10)], changed=False)][1]
    '⋯'
    """
    from rich.cells import cell_len

    out: list[Piece] = []
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        limit = 2 * EDIT_CELLS if changed else LINE_CELLS
        if piece.op != EQUAL or cell_len(piece.text) <= limit + 2:
            out.append(piece)
            continue
        if not changed:
            head, tail = _cells_head(piece.text, LINE_CELLS), ""
        else:
            head = _cells_head(piece.text, EDIT_CELLS) if index > 0 else ""
            tail = _cells_tail(piece.text, EDIT_CELLS) if index < last else ""
        if head:
            out.append(Piece(EQUAL, head))
        out.append(Piece(ELIDED, ELIDED))
        if tail:
            out.append(Piece(EQUAL, tail))
    return out


def piece_text(pieces: Iterable[Piece], look: Look, side: str = "") -> Text:
    """Draw pieces as one rich ``Text``; ``side`` ``-``/``+`` keeps one side and breaks lines
    where that side does (the side-by-side view), ``''`` draws both inline."""
    from rich.text import Text

    text = Text()
    for piece in pieces:
        if piece.op == EQUAL:
            text.append(piece.text)
            continue
        if piece.op == ELIDED:
            text.append(piece.text, style="dim")
            continue
        if side and piece.op != side:
            continue
        kind = piece.kind or "other"
        mark = JOIN_MARK if piece.op == DELETE else SPLIT_MARK
        style = look.deleted(kind) if piece.op == DELETE else look.inserted(kind)
        left, right = look.brackets(piece.op)
        if not side:
            text.append(left + visible(piece.text).replace("\n", mark) + right, style=style)
            continue
        lines = piece.text.split("\n")  # one column: break where this side breaks
        for index, line in enumerate(lines):
            shown = visible(line) + (mark if index < len(lines) - 1 else "")
            if shown:
                text.append(left + shown + right, style=style)
            if index < len(lines) - 1:
                text.append("\n")
    return text


def _row_numbers(start: int, count: int) -> str:
    if not count:
        return ""
    return str(start) if count == 1 else f"{start}-{start + count - 1}"


_SIGNS = {"equal": " ", "removed": "-", "added": "+", "modified": "~", "joined": JOIN_MARK,
          "split": SPLIT_MARK}


def changes_by_rule(row: Row) -> dict[tuple[str, str], list[Change]]:
    """The row's changes grouped by (rule, reason), in order of first appearance: one label each
    in the terminal view and in the HTML review."""
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in row.changes:
        groups.setdefault((change.rule, change.reason), []).append(change)
    return groups


def explain_lines(row: Row, look: Look) -> list[Text]:
    """One label per rule on the row: the rule id, how often, and its reason or its edit."""
    from rich.text import Text

    labels = []
    for (rule, reason), changes in changes_by_rule(row).items():
        first = changes[0]
        kind = kind_of(first.stage, rule)
        label = Text("↳ ", style="dim")
        label.append(rule, style="" if look.plain else KINDS[kind].colour)
        if len(changes) > 1:
            label.append(f" ×{len(changes)}")
        if reason:
            label.append(f" — {reason}")
        else:
            before = clip(visible(first.before).replace("\n", JOIN_MARK), 24)
            after = clip(visible(first.after).replace("\n", JOIN_MARK), 24)
            label.append(f": {before or '∅'} → {after or '∅'}", style="dim")
        labels.append(label)
    return labels


def _lines(n: int) -> str:
    return f"{n} line{'s' if n != 1 else ''}"


def fold_label(fold: Fold, side: str = "") -> str:
    """The marker for folded rows: inline (``side`` ''), or for the raw (-) or clean (+) column.

    >>> fold_label(Fold(12, 10, 2)), fold_label(Fold(12, 10, 2), "+")
    ('⋯ 12 lines unchanged (2 blank lines dropped)', '⋯ 10 lines')
    """
    if side == INSERT:
        return f"⋯ {_lines(fold.clean_lines)}"
    notes = []
    if fold.changed:
        notes.append(f"{fold.changed} changed by other rules")
    if fold.blank_removed:
        notes.append(f"{fold.blank_removed} blank line{'s' if fold.blank_removed != 1 else ''} dropped")
    noted = f" ({', '.join(notes)})" if notes else ""
    if side == DELETE or fold.changed:
        return f"⋯ {_lines(fold.raw_lines)}{noted}"
    return f"⋯ {_lines(fold.raw_lines)} unchanged{noted}"


def diff_view(diff: FileDiff, look: Look, *, side_by_side: bool, explain: bool = False,
              context: int = 2, rule: Callable[[str], bool] | None = None) -> RenderableType:
    """The body of one file's diff: a rich table, side by side or inline."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    items = shown_rows(diff, context, rule)
    if side_by_side:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True,
                      padding=(0, 1), header_style="bold")
        table.add_column("", justify="right", style="dim", no_wrap=True)
        table.add_column(_raw_heading(diff), ratio=1, overflow="fold")
        table.add_column("", justify="right", style="dim", no_wrap=True)
        table.add_column("clean", ratio=1, overflow="fold")
    else:
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(justify="right", style="dim", no_wrap=True)
        table.add_column(justify="right", style="dim", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
    for item in items:
        if isinstance(item, Fold):
            if side_by_side:
                table.add_row("", Text(fold_label(item, DELETE), style="dim"), "",
                              Text(fold_label(item, INSERT), style="dim"))
            else:
                table.add_row("", "", "", Text(fold_label(item), style="dim"))
            continue
        pieces = elide(line_pieces(item), item.changed)
        if item.blank_removed and not pieces:
            first = item.pieces[0]
            pieces = [Piece(DELETE, BLANK_LINE, first.kind, first.rules)]
        raw_no = _row_numbers(item.raw_start, item.raw_count)
        clean_no = _row_numbers(item.clean_start, item.clean_count)
        labels = explain_lines(item, look) if explain and item.changed else []
        if side_by_side:
            right = piece_text(pieces, look, INSERT)
            for label in labels:
                if right:
                    right.append("\n")
                right.append_text(label)
            table.add_row(raw_no, piece_text(pieces, look, DELETE), clean_no, right)
        else:
            body = piece_text(pieces, look)
            for label in labels:
                body.append("\n")
                body.append_text(label)
            table.add_row(raw_no, clean_no, Text(_SIGNS[item.shape], style="bold"), body)
    return table


def _raw_heading(diff: FileDiff) -> str:
    decoding = diff.result.decoding
    return f"raw ({decoding.encoding})" if decoding is not None else "raw"


def header_panel(diff: FileDiff, look: Look) -> RenderableType:
    """Per file: encoding and confidence, repairs, changes per kind, characters removed, flags."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    result = diff.result
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    decoding = result.decoding
    if decoding is not None:
        grid.add_row("encoding", f"{decoding.encoding} · confidence {decoding.confidence:.2f} · "
                                 f"{decoding.method}")
    repairs = [c for c in result.changes if kind_of(c.stage, c.rule) == "encoding"]
    repaired = Text(", ".join(f"{rule} ×{n}" for rule, n in _count(repairs).items()) or "none")
    if decoding is not None and decoding.repairs:
        repaired.append("; " + ", ".join(decoding.repairs))
    grid.add_row("repairs", repaired)
    if diff.line_endings:
        grid.add_row("line breaks", line_break_note(diff.line_endings))
    counts = Text()
    for kind, n in diff.kind_counts().items():
        if counts:
            counts.append(" · ")
        counts.append(f"{KINDS[kind].label} {n}", style="" if look.plain else KINDS[kind].colour)
    if diff.unplaced:
        counts.append(f" ({len(diff.unplaced)} not placed in the view)", style="dim")
    grid.add_row("changes", counts if counts else Text("none"))
    removed = result.chars_before - result.chars_after
    share = f" ({removed / result.chars_before:.1%})" if result.chars_before else ""
    grid.add_row("removed", f"{removed:,} of {result.chars_before:,} characters{share}")
    flags = Text()
    for flag in result.flags:
        if flags:
            flags.append("\n")
        where = f" (line {flag.line})" if flag.line is not None else ""
        flags.append(flag.kind.replace("_", " "), style="" if look.plain else "bold red")
        flags.append(f"{where}: {flag.message}")
    grid.add_row("flags", flags if flags else Text("none"))
    return Panel(grid, title=Text(diff.path, style="bold"), title_align="left", expand=True)


def line_break_note(changes: Sequence[Change]) -> str:
    r"""What happened to line breaks, which the view does not draw.

    >>> line_break_note([Change("hygiene", "hygiene.line-breaks", 1, 0, "\r\n", "\n")] * 2)
    '2 converted to LF (hygiene.line-breaks)'
    """
    final = [c for c in changes if not c.before and c.after == "\n"]
    converted = [c for c in changes if c not in final]
    notes = []
    if converted:
        notes.append(f"{len(converted)} converted to LF ({', '.join(_count(converted))})")
    if final:
        notes.append(f"final line break added ({', '.join(_count(final))})")
    return "; ".join(notes)


def _count(changes: Iterable[Change]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.rule] = counts.get(change.rule, 0) + 1
    return counts


def legend(look: Look) -> Text:
    """What the colours and marks mean."""
    from rich.text import Text

    text = Text("legend: ", style="dim")
    for index, kind in enumerate(KINDS.values()):
        if index:
            text.append(" · ", style="dim")
        text.append(kind.label, style="" if look.plain else kind.colour)
    text.append(f"\n        {JOIN_MARK} lines joined  {SPLIT_MARK} line split  "
                f"{_VISIBLE[' ']} space  {_VISIBLE[chr(0x3000)]} ideographic space  "
                "‹200B› invisible character", style="dim")
    if look.plain:
        text.append("\n        [-deleted-]  {+inserted+}", style="dim")
    else:
        text.append("\n        ", style="dim")
        text.append("deleted", style="strike")
        text.append("  ")
        text.append("inserted", style="bold underline")
        text.append("  (coloured by kind)", style="dim")
    return text


def render_diff(diff: FileDiff, console: Console, *, side_by_side: bool | None = None,
                explain: bool = False, context: int = 2, rule: str | None = None) -> None:
    """Print one file: its header panel, then its diff (side by side on a wide console)."""
    look = look_for(console)
    if side_by_side is None:
        side_by_side = console.width >= SIDE_BY_SIDE_MIN_WIDTH
    console.print(header_panel(diff, look))
    console.print(diff_view(diff, look, side_by_side=side_by_side, explain=explain,
                            context=context, rule=rule_matcher(rule)))


# --- the `cleaner diff` command -------------------------------------------------------------

DIFF_DESCRIPTION = """\
Show what cleaning would do to files, folders (recursively) or standard input ('-'),
without writing anything: raw against cleaned, side by side on a wide terminal or inline,
changes coloured by kind. --explain names the rule behind each change.

Exit codes: 0 all inputs shown; 1 an input could not be read or cleaned; 2 a usage, config
or rule-file error."""

DIFF_EPILOG = """\
examples:
  cleaner diff report.txt --explain
      every change with the rule that made it and why
  cleaner diff raw/ --rule 'ads.*' --context 0
      only what the ad rules remove, in every file below raw/
  cleaner diff raw/ --html review.html --width 160
      the same view as an HTML page to share"""


def add_diff_parser(subparsers: Any, formatter_class: type[argparse.HelpFormatter] =
                    argparse.RawDescriptionHelpFormatter) -> argparse.ArgumentParser:
    """Declare ``cleaner diff`` (alias ``preview``) on the CLI's subparsers."""
    parser = subparsers.add_parser(
        "diff", aliases=["preview"], help="show raw against cleaned text, change by change",
        description=DIFF_DESCRIPTION, epilog=DIFF_EPILOG, formatter_class=formatter_class)
    parser.set_defaults(run=run_diff)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a file, a folder (searched recursively) or '-' for standard input")
    view = parser.add_argument_group("view")
    layout = view.add_mutually_exclusive_group()
    layout.add_argument("--inline", action="store_true",
                        help="one column, deletions and insertions in the line")
    layout.add_argument("--side-by-side", action="store_true",
                        help=f"raw and clean in two columns (default from {SIDE_BY_SIDE_MIN_WIDTH} "
                             "columns of terminal width)")
    view.add_argument("--explain", action="store_true",
                      help="label each change with its rule id and the reason for it")
    view.add_argument("--rule", metavar="ID", help="show only this rule's changes (globs: 'punct.*')")
    view.add_argument("--context", type=_non_negative, default=2, metavar="N",
                      help="unchanged lines shown around a change (default 2)")
    view.add_argument("--all", action="store_true", help="show files without changes too")
    view.add_argument("--pager", action="store_true", help="page the output ($PAGER, less -R)")
    view.add_argument("--width", type=_width, metavar="N", help="draw N columns wide")
    view.add_argument("--html", type=Path, metavar="FILE", help="also save the view as HTML")
    view.add_argument("--svg", type=Path, metavar="FILE", help="also save the view as SVG")
    where = parser.add_argument_group("input and rules")
    where.add_argument("--glob", metavar="PATTERN", help="which files to take from folders "
                                                         "(default '*.txt')")
    add_cleaning_options(where)
    return parser


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more (not {value})")
    return number


def _width(value: str) -> int:
    number = int(value)
    if number < 20:
        raise argparse.ArgumentTypeError(f"expected a width of 20 columns or more (not {value})")
    return number


def _cleaner_for(args: argparse.Namespace) -> tuple[Cleaner, str]:
    from cleaner.config import build_run_options
    from cleaner.options import config_from_args, settings_from_args
    from cleaner.pipeline import Cleaner

    settings = settings_from_args(args)
    config = config_from_args(settings, args)
    options = build_run_options(settings.values, glob=args.glob)
    return Cleaner(config), options.glob


def diff_bytes(path: str, data: bytes, cleaner: Cleaner) -> FileDiff:
    """Decode and clean ``data`` and diff the two; raises ``InputError`` for what is not text."""
    from cleaner.decode import decode_bytes

    raw, _ = decode_bytes(data)
    return build_diff(raw, cleaner.clean_bytes(data), path)


def run_diff(args: argparse.Namespace) -> int:
    """``cleaner diff``: print each input's diff; 0 fine, 1 an input failed, 2 a usage error."""
    from rich.console import Console

    from cleaner.files import STDIN

    try:
        cleaner, glob = _cleaner_for(args)
    except ConfigError as exc:
        _error(str(exc))
        return 2
    if args.paths.count(STDIN) > 1:
        _error("standard input ('-') can be read only once")
        return 2
    console = _stdout_console(highlight=False, width=args.width)
    exporter = None
    if args.html is not None or args.svg is not None:
        width = args.width or (console.width if console.is_terminal else 140)
        exporter = Console(record=True, file=io.StringIO(), width=width, highlight=False,
                           color_system="truecolor", force_terminal=True, legacy_windows=False)
    consoles = [console] + ([exporter] if exporter is not None else [])
    view = {"explain": args.explain, "context": args.context, "rule": args.rule,
            "side_by_side": True if args.side_by_side else (False if args.inline else None)}
    try:
        status = _show_all(args, cleaner, glob, console, consoles, view)
    except _PipeClosed:  # `cleaner diff … | head`: the reader has gone, which is fine
        return 0
    if exporter is not None:
        status = max(status, _export(exporter, args.html, args.svg))
    return status


def _show_all(args: argparse.Namespace, cleaner: Cleaner, glob: str, console: Console,
              consoles: list[Console], view: dict[str, Any]) -> int:
    """Diff and print every input; 1 when one of them could not be read or cleaned."""
    from cleaner.files import InputProblem, discover

    status, quiet = 0, 0
    pager = console.pager(styles=True) if args.pager else contextlib.nullcontext()
    with pager:
        for target in consoles:
            target.print(legend(look_for(target)))
        for item in discover(args.paths, glob):
            if isinstance(item, InputProblem):
                _error(f"{item.display}: {item.message}")
                status = 1
                continue
            try:
                data = sys.stdin.buffer.read() if item.source is None else item.source.read_bytes()
                diff = diff_bytes(item.display, data, cleaner)
            except OSError as exc:
                _error(f"{item.display}: {exc.strerror or exc}")
                status = 1
                continue
            except InputError as exc:
                _error(f"{item.display}: {exc}")
                status = 1
                continue
            rule = rule_matcher(args.rule)
            if args.all or (has_visible_changes(diff, rule) if rule else diff.result.changed):
                for target in consoles:
                    render_diff(diff, target, **view)
            else:
                quiet += 1
        if quiet:
            what = f"changes by rule {args.rule!r}" if args.rule else "changes"
            note = f"{quiet} file{'s' if quiet != 1 else ''} without {what} not shown (--all shows them)"
            for target in consoles:
                target.print(note, style="dim")
    return status


class _PipeClosed(Exception):
    """Standard output was closed by its reader."""


def _stdout_console(**options: Any) -> Console:
    """A console on standard output that reports a closed pipe instead of exiting with 1 (what
    rich does), so that ``cleaner diff … | head`` ends like ``cleaner clean … | head``."""
    from rich.console import Console

    class StdoutConsole(Console):
        def on_broken_pipe(self) -> None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise _PipeClosed

    return StdoutConsole(**options)


# rich's export templates, made to keep the terminal's grid in a browser and to stay offline.
# HTML: a monospace font whose symbols and box lines are one column wide comes first; each run
# of double-width characters (Chinese) is spaced to exactly two columns, and fullwidth
# punctuation is not trimmed (``text-spacing-trim``), whatever CJK font the browser falls back to.
# SVG: without the web font that rich's template fetches from a CDN.
_MONO_FONTS = ("'DejaVu Sans Mono',Menlo,Consolas,'Noto Sans Mono CJK SC','Noto Sans CJK SC',"
               "'Microsoft YaHei',monospace")
HTML_FORMAT = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<title>cleaner diff</title>
<style>
{stylesheet}
body {{
    color: {foreground};
    background-color: {background};
}}
pre {{ font-family: FONTS; font-size: 14px; line-height: 1.35; text-spacing-trim: space-all; }}
.w {{ letter-spacing: calc(2ch - 1em); }}
</style>
</head>
<body>
    <pre><code style="font-family:inherit">{code}</code></pre>
</body>
</html>
""".replace("FONTS", _MONO_FONTS)
_TAG_RE = re.compile(r"(<[^>]*>)")


def _export_theme() -> Any:
    from rich.terminal_theme import MONOKAI  # dark, like the terminals the colours were picked on

    return MONOKAI


def two_column_runs(code: str) -> str:
    """Wrap each run of double-width characters in HTML text (not tags) in ``<span class="w">``.

    >>> two_column_runs('<span class="r1">政府 report</span>')
    '<span class="r1"><span class="w">政府</span> report</span>'
    """
    from rich.cells import cell_len

    out: list[str] = []
    for part in _TAG_RE.split(code):
        if part.startswith("<") or part.isascii():
            out.append(part)
            continue
        run: list[str] = []
        for ch in part:
            if cell_len(ch) == 2:
                run.append(ch)
                continue
            if run:
                out.append('<span class="w">' + "".join(run) + "</span>")
                run = []
            out.append(ch)
        if run:
            out.append('<span class="w">' + "".join(run) + "</span>")
    return "".join(out)


_SVG_TEXT_RE = re.compile(r'(<text [^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')


def cell_text_lengths(svg: str) -> str:
    """Give each SVG text its width in terminal cells: rich sizes a text by its number of
    characters (``len``), which squeezes Chinese into half its width.

    >>> cell_text_lengths('<text x="0" textLength="24.4">政府</text>')
    '<text x="0" textLength="48.8">政府</text>'
    """
    import html

    from rich.cells import cell_len

    def fix(match: re.Match[str]) -> str:
        content = html.unescape(match.group(4))
        if not content or content.isascii():
            return match.group()
        per_char = float(match.group(2)) / len(content)
        return (match.group(1) + f"{per_char * cell_len(content):.4g}" + match.group(3)
                + match.group(4) + match.group(5))

    return _SVG_TEXT_RE.sub(fix, svg)


def _svg_format() -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT

    start = CONSOLE_SVG_FORMAT.index("    @font-face")
    end = CONSOLE_SVG_FORMAT.index("    .{unique_id}-matrix")
    template = CONSOLE_SVG_FORMAT[:start] + CONSOLE_SVG_FORMAT[end:]
    return template.replace("font-family: Fira Code, monospace;", f"font-family: {_MONO_FONTS};")


def _export(console: Console, html: Path | None, svg: Path | None) -> int:
    """Save what ``console`` recorded as HTML and/or SVG; 1 when a file cannot be written."""
    status = 0
    for path, fmt in ((html, "html"), (svg, "svg")):
        if path is None:
            continue
        if fmt == "html":
            page = console.export_html(code_format="{code}", theme=_export_theme(), clear=False)
            styles = console.export_html(code_format="{stylesheet}", theme=_export_theme(),
                                         clear=False)
            content = HTML_FORMAT.format(code=two_column_runs(page), stylesheet=styles,
                                         foreground=_export_theme().foreground_color.hex,
                                         background=_export_theme().background_color.hex)
        else:
            content = cell_text_lengths(console.export_svg(
                title="cleaner diff", code_format=_svg_format(), theme=_export_theme(),
                clear=False))
        try:
            path.write_text(content, encoding="utf-8")
        except OSError as exc:
            _error(f"{path}: cannot write: {exc.strerror or exc}")
            status = 1
    return status


def _error(message: str) -> None:
    print(f"cleaner: error: {message}", file=sys.stderr)


# --- cleaner clean --dry-run ----------------------------------------------------------------


def dry_run_entry(report: FileReport) -> dict[str, Any]:
    """What cleaning one input would do, as plain data.

    >>> from cleaner.report import FileReport
    >>> entry = dry_run_entry(FileReport("a.txt", changes={"x": 2}, chars_before=200, chars_after=150))
    >>> entry["would_change"], entry["chars_removed"], entry["removed_share"]
    (True, 50, 0.25)
    """
    return {
        "path": report.path,
        "would_change": report.ok and report.changed,
        "changes": sum(report.changes.values()),
        "chars_before": report.chars_before,
        "chars_after": report.chars_after,
        "chars_removed": report.chars_before - report.chars_after,
        "removed_share": report.removed_share,
        "rules": dict(report.changes),
        "flags": sorted({flag["kind"] for flag in report.flags}),
        "error": report.error,
    }


def render_dry_run(results: Sequence[FileReport], console: Console, as_json: bool) -> None:
    """``cleaner clean --dry-run``: per input, whether cleaning would change it and how much.

    Nothing is written. ``as_json`` prints one JSON document (for scripts) instead of a table.
    """
    entries = [dry_run_entry(report) for report in results]
    totals = {
        "files": len(entries),
        "would_change": sum(e["would_change"] for e in entries),
        "errors": sum(e["error"] is not None for e in entries),
        "chars_before": sum(e["chars_before"] for e in entries),
        "chars_removed": sum(e["chars_removed"] for e in entries),
    }
    if as_json:
        console.out(json.dumps({"dry_run": True, "totals": totals, "files": entries},
                               ensure_ascii=False, indent=2), highlight=False)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title="dry run: nothing written", title_justify="left", show_footer=True,
                  expand=True)
    table.add_column("file", footer=f"{totals['files']} files", overflow="fold", ratio=2)
    table.add_column("would", footer=f"{totals['would_change']} to change", no_wrap=True)
    table.add_column("changes", justify="right", no_wrap=True)
    table.add_column("removed", justify="right", footer=f"{totals['chars_removed']:,}",
                     no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    table.add_column("top rules / flags / error", overflow="fold", ratio=3)
    for entry in entries:
        if entry["error"] is not None:
            table.add_row(entry["path"], Text("fail", style="bold red"), "", "", "",
                          Text(entry["error"], style="red"))
            continue
        notes = Text(", ".join(f"{rule} ×{n}" for rule, n in list(entry["rules"].items())[:3]))
        if entry["flags"]:
            notes.append(("; " if notes else "") + "flags: " + ", ".join(entry["flags"]),
                         style="yellow")
        table.add_row(entry["path"], "change" if entry["would_change"] else Text("keep", style="dim"),
                      str(entry["changes"]), f"{entry['chars_removed']:,}",
                      f"{entry['removed_share']:.1%}", notes)
    console.print(table)
