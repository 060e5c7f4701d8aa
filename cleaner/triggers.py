"""Which literal triggers occur in a text, and on which lines: a stage's one-pass prefilter.

Most rules name literal ``triggers``; a rule none of whose triggers occurs in a document costs
nothing, and one whose triggers occur searches only the lines that hold them. One scan of the
document (``TriggerIndex.find``) finds every trigger of every rule of a stage at once.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation

from cleaner.chardata import COMMON_CHARACTERS
from cleaner.zones import Span, span_holding

_FREQUENT_CHARACTERS = frozenset(COMMON_CHARACTERS)
"""Characters report text is full of: as a one-character trigger, asked with ``in`` rather than
scanned for (``TriggerIndex``)."""


@dataclass(frozen=True)
class TriggerIndex:
    """Which of many literal triggers occur in a text: a stage's prefilter, so that a rule
    none of whose triggers occurs costs nothing.

    One Aho-Corasick pass over the text finds every occurrence of every trigger at once
    (``ahocorasick_rs``, a binding of the Rust ``aho-corasick`` crate, in its DFA form): about
    60 million characters a second with the 855 boilerplate triggers, where one regex
    alternation keyed on each trigger's rarest character ran at 6, and its time grew with
    every trigger a rule pack added. One-character triggers that report text is full of
    (``年``, ``新``, ``.``: ``COMMON_CHARACTERS``) are left out of the pass and asked with ``in``,
    which finds them within the first lines: reporting each of their hundreds of occurrences
    cost more than the rest of the pass (where a rule asks which lines hold one, its
    occurrences are looked up then).

    >>> index = TriggerIndex.build(["扫一扫", "扫码", "打印", "年"])
    >>> sorted(index.present("扫一扫码看全文，今年"))
    ['年', '扫一扫', '扫码']
    >>> index.present("打 印"), index.frequent
    (frozenset(), ('年',))
    """

    triggers: tuple[str, ...]
    """The distinct triggers, sorted."""
    automaton: AhoCorasick | None = field(default=None, compare=False, repr=False)
    """Finds the triggers but the ``frequent`` ones, reported by their index in ``scanned``."""
    scanned: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """The triggers the automaton finds, sorted."""
    frequent: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """The one-character triggers report text is full of, asked with ``in``."""

    @classmethod
    def build(cls, triggers: Iterable[str]) -> TriggerIndex:
        every = tuple(sorted(set(triggers)))
        frequent = tuple(t for t in every if len(t) == 1 and t in _FREQUENT_CHARACTERS)
        scanned = tuple(t for t in every if t not in frequent)
        automaton = AhoCorasick(list(scanned), implementation=Implementation.DFA) if scanned else None
        return cls(every, automaton, scanned, frequent)

    def __reduce__(self) -> tuple[Any, ...]:
        # the automaton does not pickle: a worker process builds it again from the triggers
        return (TriggerIndex.build, (self.triggers,))

    def present(self, text: str) -> frozenset[str]:
        """The triggers that occur in ``text``."""
        return self.find(text).present

    def find(self, text: str) -> TriggerHits:
        """Every occurrence of every trigger in ``text`` (of a ``frequent`` one: whether it
        occurs; its occurrences are found when asked)."""
        starts: dict[str, list[int]] = {}
        if self.automaton is not None:
            # overlapping: a trigger inside another (一扫 in 扫一扫) is reported too; the
            # occurrences of one trigger come in order (keyed by index: no string hashing per one)
            by_index: defaultdict[int, list[int]] = defaultdict(list)
            for index, start, _ in self.automaton.find_matches_as_indexes(text, overlapping=True):
                by_index[index].append(start)
            scanned = self.scanned
            starts = {scanned[index]: found for index, found in by_index.items()}
        present = frozenset(starts)
        if self.frequent:
            present |= frozenset(t for t in self.frequent if t in text)
        return TriggerHits(text, starts, present)

    def present_after(self, before: str, after: str, present: frozenset[str]) -> frozenset[str]:
        """The triggers of ``after``, a change of ``before`` whose triggers were ``present``:
        a trigger the change brought together lies within one line (none holds a line
        break), a line that ``before`` did not have; so only those lines are scanned.

        >>> index = TriggerIndex.build(["扫码"])
        >>> sorted(index.present_after("扫<br>码\\n正文", "扫码\\n正文", frozenset()))
        ['扫码']
        """
        new_lines = set(after.split("\n")) - set(before.split("\n"))
        if not new_lines:
            return present
        return present | self.present("\n".join(new_lines))


@dataclass(frozen=True)
class TriggerHits:
    """Where the triggers of a stage occur in one ``text``: each trigger found, with the offsets
    it starts at (``TriggerIndex.find``). A rule asks which of its triggers occur (``in``) and
    which lines hold them (``lines``): the positions the one scan found, so no rule searches
    the text for its triggers again.

    >>> hits = TriggerIndex.build(["扫码", "打印"]).find("请扫码\\n正文\\n扫码打印")
    >>> "扫码" in hits, "关注" in hits, hits.lines(["扫码"]), hits.lines(["扫码"], [(7, 11)])
    (True, False, [(0, 3), (7, 11)], [(7, 11)])
    """

    text: str
    starts: dict[str, list[int]]
    """Each trigger that occurs, with the offsets where it starts, in order."""
    present: frozenset[str] = frozenset()
    """The triggers that occur."""
    _lines: dict[str, list[Span]] = field(default_factory=dict, compare=False, repr=False)
    """Memo of ``lines`` of one trigger anywhere in the text: rules share triggers."""

    def __contains__(self, trigger: object) -> bool:
        return trigger in self.present

    def __iter__(self) -> Iterator[str]:
        return iter(self.present)

    def __len__(self) -> int:
        return len(self.present)

    def _lines_between(self, trigger: str, low: int, high: int) -> Iterator[Span]:
        """The lines holding an occurrence of ``trigger`` that lies between ``low`` and
        ``high``, in order: for a trigger the scan left out (``TriggerIndex.frequent``), looked
        up now, one search per line (the other occurrences in a line are not visited)."""
        text = self.text
        position = text.find(trigger, low, high)
        while position >= 0:
            line = _line_at(text, position)
            yield line
            position = text.find(trigger, line[1], high)

    def lines(self, triggers: Sequence[str], allowed: Sequence[Span] | None = None) -> list[Span]:
        """The lines (start, end before the break) that hold one of ``triggers``, sorted. With
        ``allowed`` (sorted, disjoint spans) an occurrence counts only when it lies wholly in
        one of them, and a line only when it starts in one."""
        if allowed is None:
            if len(triggers) == 1:
                return list(self._trigger_lines(triggers[0]))
            return sorted(set().union(*map(self._trigger_lines, triggers)))
        found: set[Span] = set()
        text = self.text
        for trigger in triggers:
            for low, high in allowed:
                # the occurrences that start at low or after and end by high
                if trigger not in self.starts:  # a trigger the scan left out: looked up
                    if trigger in self.present:
                        found.update(line for line in self._lines_between(trigger, low, high)
                                     if line[0] >= low or span_holding(allowed, line[0]) is not None)
                    continue
                starts = self.starts[trigger]
                first = bisect.bisect_left(starts, low)
                last = bisect.bisect_right(starts, high - len(trigger), first)
                end = -1
                for start in starts[first:last]:
                    if start > end:  # the first occurrence on its line: the others share it
                        line = _line_at(text, start)
                        end = line[1]
                        # a line that starts at low or after starts in this span
                        if line[0] >= low or span_holding(allowed, line[0]) is not None:
                            found.add(line)
        return sorted(found)

    def _trigger_lines(self, trigger: str) -> list[Span]:
        lines = self._lines.get(trigger)
        if lines is None:
            lines = []
            if trigger not in self.starts:  # a trigger the scan left out
                if trigger in self.present:
                    lines = list(self._lines_between(trigger, 0, len(self.text)))
            else:
                for start in self.starts[trigger]:
                    if not lines or start > lines[-1][1]:
                        lines.append(_line_at(self.text, start))
            self._lines[trigger] = lines
        return lines


def _line_at(text: str, position: int) -> Span:
    """The line holding ``position``: (start, end before its break).

    >>> _line_at("ab\\ncd", 4), _line_at("ab\\ncd", 1)
    ((3, 5), (0, 2))
    """
    end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, len(text) if end == -1 else end
