"""Straight quotes around Chinese become curly ones, as pairs: double outside, single inside.

GB/T 15834 wants “…” in horizontal text, with ‘…’ for a quotation inside a quotation; web
copies and ASCII keyboards give ``"…"`` and ``'…'``. Quotes are paired line by line. A pair is
converted when it is in Chinese context (it holds a Chinese character, or one sits next to it),
so an English quotation stays straight. A straight quote whose partner is already curly
(``“十四五"``) takes the matching curly form. Quotes that cannot be paired, or can be paired in
two different ways, are left as they are and flagged ``unbalanced_quote``; the other pairs on
the line are still converted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.change import ChangeLog
from cleaner.normalize.brackets import apply_edits, convert_lines
from cleaner.normalize.chinese_context import HAN_RE, pair_in_chinese_context
from cleaner.ruleset import Span, overlaps

RULE_ID = "quotes.pair"


@dataclass(frozen=True)
class QuoteKind:
    """One kind of quotation mark: its straight form and its curly opening and closing forms."""

    name: str
    straight: str
    open: str
    close: str

    @property
    def marks(self) -> re.Pattern[str]:
        return _MARKS[self.name]


DOUBLE = QuoteKind("double", '"', "“", "”")
SINGLE = QuoteKind("single", "'", "‘", "’")
_MARKS = {kind.name: re.compile(f"[{kind.straight}{kind.open}{kind.close}]")
          for kind in (DOUBLE, SINGLE)}


def is_apostrophe(line: str, index: int) -> bool:
    """A ``'`` or ``’`` between two ASCII letters is an apostrophe (don't, it's), not a quote.

    >>> is_apostrophe("don't", 3), is_apostrophe("'十四五'", 0)
    (True, False)
    """
    return (0 < index < len(line) - 1 and line[index - 1].isascii() and line[index - 1].isalpha()
            and line[index + 1].isascii() and line[index + 1].isalpha())


def quote_positions(line: str, kind: QuoteKind, skip: Sequence[Span] = ()) -> list[int]:
    """Indices of the quotes of ``kind`` on ``line`` (straight and curly), without apostrophes
    and without those inside protected ``skip`` spans.

    >>> quote_positions("“十四五\\"和don't", DOUBLE), quote_positions("it's '好'", SINGLE)
    ([0, 4], [5, 7])
    """
    return [i for i in (m.start() for m in kind.marks.finditer(line))
            if not (kind is SINGLE and is_apostrophe(line, i))
            and not (skip and overlaps(skip, i, i + 1))]


def pair_quotes(line: str, kind: QuoteKind, positions: Sequence[int]) -> tuple[list[Span], bool]:
    """Pair the quotes at ``positions``; return the pairs and whether some quotes were left
    unpaired because they cannot be paired in one clear way.

    Two readings are tried: straight quotes paired in turn among themselves (curly ones
    paired apart), and one pass in which a straight quote closes whatever is open. When both
    work but disagree, only the pairs they agree on are kept.

    >>> pair_quotes('"a"和"b"', DOUBLE, [0, 2, 4, 6])
    ([(0, 2), (4, 6)], False)
    >>> pair_quotes('“十四五"和"十三五”', DOUBLE, [0, 4, 6, 10])  # two readings
    ([], True)
    >>> pair_quotes('"八五"和“十四五"和"十三五”', DOUBLE, [0, 3, 5, 9, 11, 15])
    ([(0, 3)], True)
    >>> pair_quotes('“十四五"', DOUBLE, [0, 4])
    ([(0, 4)], False)
    """
    if all(line[i] == kind.straight for i in positions):  # one reading when all are straight
        pairs = _pair_in_turn(line, kind, positions)
        return (pairs, False) if pairs is not None else ([], True)
    readings = [r for r in (_pair_in_turn(line, kind, positions),
                            _pair_greedily(line, kind, positions)) if r is not None]
    if not readings:
        return [], True
    agreed = set(readings[0]).intersection(*readings[1:])
    return sorted(agreed), len(agreed) < len(readings[0])


def _pair_in_turn(line: str, kind: QuoteKind, positions: Sequence[int]) -> list[Span] | None:
    straight = [i for i in positions if line[i] == kind.straight]
    if len(straight) % 2:
        return None
    pairs = list(zip(straight[0::2], straight[1::2], strict=True))
    stack: list[int] = []
    for i in positions:
        if line[i] == kind.open:
            stack.append(i)
        elif line[i] == kind.close:
            if not stack:
                return None
            pairs.append((stack.pop(), i))
    return None if stack else pairs


def _pair_greedily(line: str, kind: QuoteKind, positions: Sequence[int]) -> list[Span] | None:
    pairs: list[Span] = []
    stack: list[int] = []
    for i in positions:
        char = line[i]
        if char == kind.open or (char == kind.straight and not stack):
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
        else:
            return None
    return None if stack else pairs


def convert_quotes(text: str, log: ChangeLog | None = None,
                   protected: Sequence[Span] = ()) -> str:
    """Turn straight quotes in Chinese context into curly ones, line by line.

    >>> convert_quotes('开展"双返双创"等活动,He said "yes".')
    '开展“双返双创”等活动,He said "yes".'
    >>> convert_quotes("他说:\\"要落实'三个一'工作法\\"。'放管服'改革")
    '他说:“要落实‘三个一’工作法”。‘放管服’改革'
    >>> convert_quotes('“十四五"开局之年')
    '“十四五”开局之年'
    >>> convert_quotes('"未闭合的引号')
    '"未闭合的引号'
    """
    return convert_lines(text, ('"', "'"), _convert_line, log, protected)


@dataclass
class _Pair:
    kind: QuoteKind
    open_at: int
    close_at: int
    convert: bool
    final: QuoteKind | None = None

    def encloses(self, other: _Pair) -> bool:
        return self.open_at < other.open_at and other.close_at < self.close_at


def _convert_line(line: str, number: int, offset: int, log: ChangeLog | None,
                  skip: Sequence[Span]) -> str:
    if "'" not in line and DOUBLE.open not in line and DOUBLE.close not in line:
        return _convert_straight_doubles(line, number, offset, log, skip)
    pairs: list[_Pair] = []
    unbalanced = False
    # Single pairs only matter when a straight single quote is there to convert.
    for kind in (DOUBLE, SINGLE) if "'" in line else (DOUBLE,):
        positions = quote_positions(line, kind, skip)
        if not positions:
            continue
        found, unclear = pair_quotes(line, kind, positions)
        if unclear:
            paired = {i for pair in found for i in pair}
            unbalanced = unbalanced or any(line[i] == kind.straight and i not in paired
                                           for i in positions)
        for open_at, close_at in found:
            both_straight = line[open_at] == line[close_at] == kind.straight
            pairs.append(_Pair(kind, open_at, close_at, convert=not both_straight
                               or pair_in_chinese_context(line, open_at, close_at)))
    edits: dict[int, str] = {}
    curly = [p for p in pairs if p.convert]
    for pair in sorted(curly, key=lambda p: (p.open_at, -p.close_at)):  # outer pairs first
        pair.final = _final_kind(pair, line, curly)
        for at, form in ((pair.open_at, pair.final.open), (pair.close_at, pair.final.close)):
            if line[at] in (DOUBLE.straight, SINGLE.straight):
                edits[at] = form
    if log is not None:
        if log.explain:
            log.record_many(RULE_ID, [(number, offset + at, line[at], edits[at])
                                      for at in sorted(edits)])
        if unbalanced and HAN_RE.search(line):
            log.flag("unbalanced_quote", f"quotes left as they are: {line[:40]!r}", number)
    return apply_edits(line, edits)


def _convert_straight_doubles(line: str, number: int, offset: int, log: ChangeLog | None,
                              skip: Sequence[Span]) -> str:
    """``_convert_line`` for the common line, whose quotes are all straight double ones: they
    pair in turn, no pair encloses another, so a pair in Chinese context simply becomes “…”.
    An odd number of them cannot be paired (flagged, left as they are).

    >>> _convert_straight_doubles('开展"双返双创"等,He said "yes".', 1, 0, None, [])
    '开展“双返双创”等,He said "yes".'
    """
    positions = quote_positions(line, DOUBLE, skip)
    if len(positions) % 2:
        if log is not None and HAN_RE.search(line):
            log.flag("unbalanced_quote", f"quotes left as they are: {line[:40]!r}", number)
        return line
    edits: dict[int, str] = {}
    for open_at, close_at in zip(positions[0::2], positions[1::2], strict=True):
        if pair_in_chinese_context(line, open_at, close_at):
            edits[open_at] = DOUBLE.open
            edits[close_at] = DOUBLE.close
    if log is not None and log.explain:
        log.record_many(RULE_ID, [(number, offset + at, line[at], form)
                                  for at, form in edits.items()])
    return apply_edits(line, edits)


def _final_kind(pair: _Pair, line: str, curly: Sequence[_Pair]) -> QuoteKind:
    """The kind a pair ends up as. A curly member decides; a straight pair is double unless a
    double pair encloses it, and a top-level single pair holding a double pair becomes double.
    """
    for at in (pair.open_at, pair.close_at):
        if line[at] in (DOUBLE.open, DOUBLE.close):
            return DOUBLE
        if line[at] in (SINGLE.open, SINGLE.close):
            return SINGLE
    enclosing = [p for p in curly if p.encloses(pair)]
    if pair.kind is DOUBLE:
        return SINGLE if any(p.final is DOUBLE for p in enclosing) else DOUBLE
    if not enclosing and any(pair.encloses(p) and p.kind is DOUBLE for p in curly):
        return DOUBLE
    return SINGLE
