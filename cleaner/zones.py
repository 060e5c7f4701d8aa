"""Rule zones: which lines of a document are its header and its footer.

A risky rule (a bare ``来源：XX`` line, a lone publishing timestamp, a ``打印`` toolbar) is safe
only where no report text is: before the report starts, or after its closing call. A rule says
where it may act with ``zone``:

- ``header``: the lines before the opening address (``各位代表：``) when one occurs within the
  first ``HEADER_SEARCH_LINES`` lines; else the lines before the meeting line
  (``——2023年2月10日在…``); else the first ``HEADER_FALLBACK_LINES`` lines, but never the last
  line that holds text;
- ``footer``: the lines after the last closing call (``…而努力奋斗！``) when it lies within the
  last ``FOOTER_SEARCH_LINES`` lines; else the last ``FOOTER_FALLBACK_LINES`` lines, but never
  the first line that holds text;
- in a compilation, the few lines between a closing call and the next report's title, meeting
  line or opening address are footer and header at once;
- ``edges``: header or footer; ``anywhere`` (the default): every line.

The patterns and bounds are data: ``cleaner.zone_patterns``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cleaner.zone_patterns import (
    CLOSING_CALL_RE,
    CLOSING_CALL_REACH,
    CLOSING_CALL_WORDS,
    CLOSING_END_RE,
    FOOTER_FALLBACK_LINES,
    FOOTER_SEARCH_LINES,
    HEADER_FALLBACK_LINES,
    HEADER_SEARCH_LINES,
    INTERLUDE_MAX_LINES,
    MEETING_RE,
    OPENING_RE,
    TITLE_LINE_RE,
)

ZONES = ("anywhere", "header", "footer", "edges")
Span = tuple[int, int]


@dataclass(frozen=True)
class Zones:
    """The header and footer of one text, as sorted, disjoint character spans of whole lines."""

    header: tuple[Span, ...]
    footer: tuple[Span, ...]
    length: int

    def spans(self, zone: str) -> tuple[Span, ...]:
        """The spans where a rule of ``zone`` may act.

        >>> zones = Zones(header=((0, 4),), footer=((9, 12),), length=12)
        >>> zones.spans("edges"), zones.spans("anywhere")
        (((0, 4), (9, 12)), ((0, 12),))
        """
        if zone == "header":
            return self.header
        if zone == "footer":
            return self.footer
        if zone == "edges":
            return tuple(merge_spans(self.header + self.footer))
        return ((0, self.length),)

    @staticmethod
    def contains(spans: Sequence[Span], offset: int) -> bool:
        """Whether ``offset`` lies in one of the sorted, disjoint ``spans``.

        >>> Zones.contains([(0, 4), (9, 12)], 3), Zones.contains([(0, 4), (9, 12)], 4)
        (True, False)
        """
        return span_holding(spans, offset) is not None


NO_ZONES = Zones((), (), 0)
"""For a fragment of a document (lines the layout stage rebuilt): no line is known to be header
or footer, so zoned rules do not act on it."""


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and merge the ones that overlap or touch.

    >>> merge_spans([(5, 8), (0, 2), (7, 9), (2, 3)])
    [(0, 3), (5, 9)]
    """
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def span_holding(spans: Sequence[Span], offset: int) -> Span | None:
    """The one of the sorted, disjoint ``spans`` that holds ``offset``, if any.

    >>> span_holding([(0, 4), (9, 12)], 10), span_holding([(0, 4)], 4)
    ((9, 12), None)
    """
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return spans[index] if index >= 0 and spans[index][0] <= offset < spans[index][1] else None


def line_starts(text: str) -> list[int]:
    """The offset where each line starts.

    >>> line_starts("ab\\ncd\\n")
    [0, 3, 6]
    """
    return starts_of_lines(text.split("\n"))


def starts_of_lines(lines: Sequence[str]) -> list[int]:
    """The offset where each of ``lines`` (a text split at its line breaks) starts: summing
    lengths in C is several times faster than a regex scan for the line breaks.

    >>> starts_of_lines(["ab", "cd", ""])
    [0, 3, 6]
    """
    return list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))


def header_lines(lines: Sequence[str]) -> int:
    """How many lines at the top are header (see the module docstring).

    >>> header_lines(["来源：县政府", "政府工作报告", "各位代表：", "现在，我代表……"])
    2
    >>> header_lines(["来源：县政府", "政府工作报告", "——2023年2月10日在正余镇第二十届人民代表大会"])
    2

    A fallback zone never holds the last (first) filled line: a document is never all header
    (or all footer).

    >>> header_lines(["来源：广州市人民政府门户网站", ""]), header_lines(["2011-06-18", "政府工作报告"])
    (0, 1)
    """
    search = lines[:HEADER_SEARCH_LINES]
    for pattern in (OPENING_RE, MEETING_RE):
        for index, line in enumerate(search):
            if pattern.match(line.strip()):
                return index
    return min(HEADER_FALLBACK_LINES, _last_filled(lines))


def _first_filled(lines: Sequence[str]) -> int:
    return next((i for i, line in enumerate(lines) if line.strip()), len(lines))


def _last_filled(lines: Sequence[str]) -> int:
    return next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)


def is_closing_call(lines: Sequence[str], index: int) -> bool:
    """Whether line ``index`` ends a closing call: it ends like one (…而努力奋斗！) and it, or
    one of the lines just before it, addresses the delegates (让我们, 各位代表).

    >>> is_closing_call(["各位代表！让我们团结一心，", "为建设美丽家园而努力奋斗！"], 1)
    True
    >>> is_closing_call(["全年引进项目12个，为发展注入新的力量。"], 0)
    False
    """
    if not CLOSING_END_RE.search(lines[index]):
        return False
    return any(CLOSING_CALL_RE.search(lines[i])
               for i in range(max(0, index - CLOSING_CALL_REACH), index + 1))


def _starts_report(line: str) -> bool:
    body = line.strip()
    return bool(OPENING_RE.match(body) or MEETING_RE.match(body) or TITLE_LINE_RE.fullmatch(body))


def find_zones(text: str) -> Zones:
    """The header and footer of ``text``.

    >>> text = "首页>政务公开\\n政府工作报告\\n各位代表：\\n正文。\\n让我们为美好明天而努力奋斗！\\n打印本页"
    >>> zones = find_zones(text)
    >>> [text[a:b] for a, b in zones.header], [text[a:b] for a, b in zones.footer]
    (['首页>政务公开\\n政府工作报告\\n'], ['打印本页'])
    """
    lines = text.split("\n")
    starts = starts_of_lines(lines)
    count = len(lines)

    def span(first: int, stop: int) -> Span:
        return (starts[first], starts[stop] if stop < count else len(text))

    head = header_lines(lines)
    header = [span(0, head)] if head else []
    footer: list[Span] = []
    closings = [i for i in _closing_candidates(text, starts) if is_closing_call(lines, i)]
    last = closings[-1] if closings else -1
    if last >= 0 and last >= count - FOOTER_SEARCH_LINES:
        if last + 1 < count:
            footer.append(span(last + 1, count))
    else:
        first = max(count - FOOTER_FALLBACK_LINES, _first_filled(lines) + 1)
        if first < count:
            footer.append(span(first, count))
    for closing in closings:
        for index in range(closing + 1, min(count, closing + 1 + INTERLUDE_MAX_LINES)):
            if _starts_report(lines[index]):
                if index > closing + 1:
                    header.append(span(closing + 1, index))
                    footer.append(span(closing + 1, index))
                break
    return Zones(tuple(merge_spans(header)), tuple(merge_spans(footer)), len(text))


def _closing_candidates(text: str, starts: list[int]) -> list[int]:
    """Lines that may end a closing call: those holding a word of address (让我们, 各位代表, found
    with ``str.find``, much faster than a regex scan) and the few lines after them."""
    found: set[int] = set()
    for word in CLOSING_CALL_WORDS:
        at = text.find(word)
        while at != -1:
            line = bisect.bisect_right(starts, at) - 1
            found.update(range(line, min(line + CLOSING_CALL_REACH + 1, len(starts))))
            at = text.find(word, at + len(word))
    return sorted(found)
