"""The diff model: raw against cleaned text in rows, each edit explained by the changes that made it.

``build_diff(raw, result)`` aligns the decoded input with the cleaned text (``cleaner.alignment``:
sentences first, then characters), cuts the alignment into rows (a line kept, removed, changed,
joined or split: ``rows_of``) and attributes each visible change to the ``Change`` records that
made it, so that a reviewer sees *which rule did what* and not only a textual diff. Each edit
gets the kind of its change (``KINDS``: boilerplate, punctuation, …), which the views colour.

The views are built on these rows: the terminal view (``cleaner.diff_view``), the ``cleaner diff``
command (``cleaner.diff_command``) and the HTML review (``cleaner.review``).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from typing import TYPE_CHECKING

from cleaner.alignment import Opcode, align
from cleaner.change import Change
from cleaner.chardata import LINE_BREAK_RE

if TYPE_CHECKING:
    from cleaner.pipeline import CleanResult

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


# --- rows: the alignment cut at line starts -------------------------------------------------

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
