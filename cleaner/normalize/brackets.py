"""ASCII round brackets in Chinese context become full-width, always as a pair.

GB/T 15834 wants ``（）`` in Chinese text; web copies flatten them to ``()``. A bracket is
converted only together with its partner on the same line, so ``f(x)``, an unbalanced ``(`` or
a bracket inside a URL stays as it is; a pair half-converted already (``(一）``) is completed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cleaner.change import ChangeLog
from cleaner.normalize.chinese_context import in_chinese_context, pair_in_chinese_context
from cleaner.ruleset import Span, overlaps

RULE_ID = "punct.brackets"
OPENERS = {"(": "（", "（": "（"}
CLOSERS = {")": "）", "）": "）"}
_BRACKET_RE = re.compile("[()（）]")


def bracket_pairs(line: str, skip: Sequence[Span] = ()) -> tuple[list[Span], list[int]]:
    """Pair round brackets (ASCII or full-width) on one line; return the pairs as
    ``(open, close)`` indices and the indices of brackets left without a partner. Brackets at
    a ``skip`` span (protected material) take no part.

    >>> bracket_pairs("(一)加强(含(2)项)")
    ([(0, 2), (7, 9), (5, 11)], [])
    >>> bracket_pairs("a)b(c")
    ([], [1, 3])
    """
    pairs: list[Span] = []
    stack: list[int] = []
    lonely: list[int] = []
    for match in _BRACKET_RE.finditer(line):
        index = match.start()
        if skip and overlaps(skip, index, index + 1):
            continue
        if match.group() in OPENERS:
            stack.append(index)
        elif stack:
            pairs.append((stack.pop(), index))
        else:
            lonely.append(index)
    return pairs, sorted(lonely + stack)


def convert_brackets(text: str, log: ChangeLog | None = None,
                     protected: Sequence[Span] = ()) -> str:
    """Make each bracket pair in Chinese context full-width; flag unpaired ASCII brackets on
    lines with Chinese text (``unbalanced_bracket``), and leave them alone.

    >>> convert_brackets("(一)加强领导;政府工作报告(2023.2.10)")
    '（一）加强领导;政府工作报告（2023.2.10）'
    >>> convert_brackets("函数f(x)的值,Python (version 3),(一）")
    '函数f(x)的值,Python (version 3),（一）'
    >>> convert_brackets("缺少(右括号")
    '缺少(右括号'
    """
    return convert_lines(text, ("(", ")"), _convert_line, log, protected)


LineConverter = Callable[[str, int, int, "ChangeLog | None", Sequence[Span]], str]


def convert_lines(text: str, marks: tuple[str, str], convert_line: LineConverter,
                  log: ChangeLog | None, protected: Sequence[Span]) -> str:
    """Run ``convert_line(line, number, offset, log, skip)`` on each line that holds one of the
    two ``marks`` (pairs never span lines); ``skip`` is the protected spans in the line's own
    coordinates. Shared by the bracket and the quote steps; two plain ``in`` checks per line,
    since this runs on every line of a document.

    >>> convert_lines("a(\\nb", ("(", ")"), lambda line, *_: line.upper(), None, ())
    'A(\\nb'
    """
    first, second = marks
    if first not in text and second not in text:
        return text
    out: list[str] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if first in line or second in line:
            end = offset + len(line)
            skip = [(max(s, offset) - offset, min(e, end) - offset)
                    for s, e in protected if s < end and e > offset]
            line = convert_line(line, number, offset, log, skip)
        out.append(line)
        offset += len(line) + 1
    return "\n".join(out)


def _convert_line(line: str, number: int, offset: int, log: ChangeLog | None,
                  skip: Sequence[Span]) -> str:
    pairs, lonely = bracket_pairs(line, skip)
    edits: dict[int, str] = {}
    for open_at, close_at in pairs:
        if line[open_at] == "（" and line[close_at] == "）":
            continue
        if pair_in_chinese_context(line, open_at, close_at):
            edits[open_at] = OPENERS[line[open_at]]
            edits[close_at] = CLOSERS[line[close_at]]
    if log is not None:
        if log.explain:
            log.record_many(RULE_ID, [(number, offset + at, line[at], edits[at])
                                      for at in sorted(edits)])
        unpaired = [i for i in lonely if line[i] in "()" and in_chinese_context(line, i, i + 1)]
        if unpaired:
            at = unpaired[0]
            log.flag("unbalanced_bracket", f"unpaired bracket left as it is: "
                     f"{line[max(0, at - 12):at + 12]!r}", number)
    return apply_edits(line, edits)


def apply_edits(line: str, edits: dict[int, str]) -> str:
    """``line`` with the characters at the keys of ``edits`` replaced by the values.

    >>> apply_edits("(一)", {0: "（", 2: "）"})
    '（一）'
    """
    if not edits:
        return line
    pieces: list[str] = []
    last = 0
    for at in sorted(edits):
        pieces += [line[last:at], edits[at]]
        last = at + 1
    pieces.append(line[last:])
    return "".join(pieces)
