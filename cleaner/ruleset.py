"""Rules and rule sets: what one validated rule does to text, and which rules each stage runs.

A ``Rule`` is one ``[[rule]]`` table of a rule file, validated (``cleaner.rule_files`` documents
the format and loads it); ``Rule.apply`` is pure: text in, text out, each change into the log.
A ``RuleSet`` holds every loaded rule, which of them are switched on, and per stage a
``StagePlan``: the stage's rules in order, with one prefilter over their triggers
(``cleaner.triggers``). What makes a packaged rule safe to run without a timeout is in
``cleaner.rule_stress``.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import regex

from cleaner.change import ChangeLog, replace_matches, substitute
from cleaner.errors import ConfigError, RuleTimeoutError
from cleaner.glued_title import kept_report_text, kept_titles, spare_glued_tails
from cleaner.registry import unknown_name_message
from cleaner.scoring import Place, Prefilter, Scorer, required_literal_sets
from cleaner.triggers import TriggerHits, TriggerIndex
from cleaner.zones import NO_ZONES, Zones, find_zones, span_holding
from cleaner.zones import merge_spans as merge_spans  # re-exported: normalization uses it

SCOPES = ("line", "span", "protect", "flag", "block", "score")
DELETING_SCOPES = ("line", "span", "block", "score")
LINE_SCOPES = ("line", "block", "score")  # scopes that delete whole lines, never part of one
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
DEFAULT_MAX_LENGTH = 200
DEFAULT_PRIORITY = 50
"""A rule's place in its stage (0–100, higher first). Gapped, as in Python-Markdown's registry:
a rule that must see the text before the others (a whole paywall notice before the rules that
take pieces of one) says ``priority = 60``; one that cleans up after them, 40."""
DEFAULT_MAX_LINES = 60
_BLANK = " \t\u3000\r"
_LINE_RE = re.compile(r"[^\n]*")
Span = tuple[int, int]



def overlaps(spans: Sequence[Span], start: int, end: int) -> bool:
    """Whether ``[start, end)`` shares a character with one of the sorted, disjoint ``spans``.

    >>> overlaps([(2, 5), (9, 12)], 5, 9), overlaps([(2, 5), (9, 12)], 4, 6)
    (False, True)
    """
    index = bisect.bisect_right(spans, (start, float("inf")))
    if index and spans[index - 1][1] > start:
        return True
    return index < len(spans) and spans[index][0] < end


class LazyPattern:
    """A rule's pattern, compiled (and checked) the first time it is used; it answers the calls
    of a ``regex`` pattern the engine makes.

    Compiling the written-out grammars of the packaged rules took about 1.4 s of every run,
    most of it for rules that a run on a few files never triggers. After the first call, the
    compiled pattern's methods sit in the instance: later calls cost what a compiled pattern's
    do.

    >>> pattern = LazyPattern(lambda: regex.compile("扫码"))
    >>> pattern.compiled_yet, pattern.search("请扫码").span(), pattern.compiled_yet
    (False, (1, 3), True)
    """

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, compile: Callable[[], regex.Pattern[str] | LazyPattern]) -> None:
        self._compile = compile
        self._compiled: regex.Pattern[str] | None = None

    @property
    def compiled_yet(self) -> bool:
        return self._compiled is not None

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            compiled = self._compile()
            assert not isinstance(compiled, LazyPattern)
            self._compiled = compiled
            # the bound methods shadow this class's: later calls go straight to the pattern
            self.__dict__.update({name: getattr(compiled, name) for name in self._METHODS})
        return self._compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def search(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled.search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled.match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled.fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[regex.Match[str]]:
        return self.compiled.finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self.compiled.findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> str:
        return self.compiled.sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> tuple[str, int]:
        return self.compiled.subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self.compiled.split(*args, **kwargs)


@dataclass(frozen=True)
class Example:
    input: str
    output: str
    lifted: tuple[tuple[str, str], ...] = ()
    """What the rule lifts into metadata from ``input`` (key, value), when the example says."""


@dataclass(frozen=True)
class Rule:
    """One validated rule. ``apply`` is pure: text in, text out, changes into ``log``."""

    id: str
    stage: str
    description: str
    scope: str
    pattern: regex.Pattern[str] | LazyPattern
    replacement: str = ""
    triggers: tuple[str, ...] = ()
    max_length: int = DEFAULT_MAX_LENGTH
    min_count: int = 1
    flag: str = ""
    terms: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    enabled: bool = True
    examples: tuple[Example, ...] = ()
    keeps: tuple[str, ...] = ()
    path: str = "<memory>"
    line: int | None = None
    zone: str = "anywhere"
    continuation: regex.Pattern[str] | LazyPattern | None = None
    min_continuations: int = 1
    max_lines: int = DEFAULT_MAX_LINES
    lift: tuple[tuple[str, str], ...] = ()
    lift_into: str = ""
    lift_pattern: regex.Pattern[str] | None = None
    flag_on_remove: str = ""
    scorer: Scorer | None = None
    """A score rule's features and threshold."""
    priority: int = DEFAULT_PRIORITY
    """When the rule runs in its stage: higher first; rules of one priority run in load order,
    score rules after the others."""
    vetted: bool = False
    """A packaged rule: the test suite runs its patterns on inputs made to provoke runaway
    backtracking (``stress_inputs``), so the stages run it without the per-call timeout, which
    cost about a third of the boilerplate stage (a ``regex`` call with ``timeout=`` parses its
    keywords and reads the clock). A user's rule keeps the timeout."""

    @property
    def source(self) -> str:
        return self.pattern.pattern

    @property
    def reports_removals(self) -> bool:
        """Whether removals are lifted into metadata or flagged (the matches must be kept)."""
        return bool(self.lift or self.flag_on_remove)

    def _present(self, text: str, present: Collection[str] | None) -> tuple[str, ...] | None:
        """The rule's triggers that occur in ``text`` (``present``: the ones known to occur,
        from the stage's one-pass prefilter); ``None`` when the rule has triggers and none
        occurs, ``()`` for a rule without triggers."""
        if not self.triggers:
            return ()
        if present is None:
            # A one-character search is much faster than a multi-character one on Chinese
            # text: look for a trigger's first character before the whole trigger.
            found = tuple(t for t in self.triggers if t[0] in text and t in text)
        else:
            if isinstance(present, TriggerHits):
                present = present.present
            if isinstance(present, frozenset):  # one C loop over the smaller set; the order of
                found = tuple(self.trigger_set & present)  # the triggers found does not matter
            else:
                found = tuple(filter(present.__contains__, self.triggers))
        return found or None

    @cached_property
    def trigger_set(self) -> frozenset[str]:
        """The rule's triggers as a set."""
        return frozenset(self.triggers)

    def _allowed(self, text: str, zones: Zones | None) -> tuple[Span, ...] | None:
        """Where the rule may act: ``None`` for anywhere, else its zone's spans."""
        if self.zone == "anywhere":
            return None
        return (zones if zones is not None else find_zones(text)).spans(self.zone)

    def _regions(self, text: str, triggers: Sequence[str], allowed: Sequence[Span] | None,
                 present: Collection[str] | None = None) -> list[Span]:
        """Where the pattern may match: the lines holding a trigger, or the whole text (its
        zone) for a rule without triggers. With triggers, matches stay within a line. The
        lines come from the stage's scan when ``present`` is its ``TriggerHits`` for this very
        text; else each trigger is looked for with ``str.find``."""
        if not self.triggers:
            return list(allowed) if allowed is not None else [(0, len(text))]
        if isinstance(present, TriggerHits) and present.text is text:
            return present.lines(triggers, allowed)
        lines: set[Span] = set()
        # a zoned rule looks for its triggers in its zone only
        for low, high in allowed if allowed is not None else ((0, len(text)),):
            for trigger in triggers:
                found = text.find(trigger, low, high)
                while found != -1:
                    end = text.find("\n", found)
                    end = len(text) if end == -1 else end
                    lines.add((text.rfind("\n", 0, found) + 1, end))
                    found = text.find(trigger, end, high)
        if allowed is not None:
            return sorted(span for span in lines if Zones.contains(allowed, span[0]))
        return sorted(lines)

    @cached_property
    def needs(self) -> tuple[Prefilter, ...]:
        """Sets of literals of each of which every match of the pattern holds one, from its
        start to the end of the text searched (``required_literal_sets``): a region holding
        none of one set's cannot hold a match (whose text, and what its lookaheads see, lies
        within the region searched), so the pattern is not run there. Found on first use (it
        compiles a lazy pattern)."""
        if self.scorer is not None:
            return ()
        # a set one of whose literals every trigger holds is met on every line the rule is run
        # on (a line holding one of its triggers): looking for it would only cost a pass
        return tuple(Prefilter.build(sorted(need)) for need in required_literal_sets(self.pattern)
                     if not (self.triggers and all(any(literal in trigger for literal in need)
                                                   for trigger in self.triggers)))

    def may_delete_piece(self, piece: str) -> bool:
        """Whether the rule may delete ``piece``, chrome glued to report text, as a
        line of its own: a line or score rule (not one that asks a line model) one of whose
        triggers it holds, or whose prefilter it passes (a cheap check, no match).

        >>> rule = Rule("demo.x", "boilerplate", "", "line", regex.compile("打印本页"), triggers=("打印",))
        >>> rule.may_delete_piece("【打印本页】"), rule.may_delete_piece("全年新建公路18公里。")
        (True, False)
        """
        if self.scope not in ("line", "score"):
            return False
        if self.scorer is not None and self.scorer.reads_model:
            # a model judges whole lines: a piece of a sentence (主会场：镇政府3楼) reads like a
            # short line of chrome more often than a line does
            return False
        if self.triggers:
            return any(trigger in piece for trigger in self.triggers)
        prefilter = self.scorer.prefilter if self.scorer is not None else None
        return prefilter is None or prefilter.admits(piece)

    def _may_match(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a literal of each of the pattern's ``needs``."""
        return all(need.admits_region(text, start, end) for need in self.needs)

    def _finditer(self, text: str, timeout: float | None,
                  regions: Sequence[Span]) -> Iterator[regex.Match[str]]:
        extra = {} if timeout is None else {"timeout": timeout}
        may_match = self._may_match if self.needs else None
        for start, end in regions:
            if may_match is None or may_match(text, start, end):
                yield from self.pattern.finditer(text, start, end, **extra)

    def apply(self, text: str, log: ChangeLog | None = None, timeout: float | None = None,
              protected: Sequence[Span] = (), *, zones: Zones | None = None,
              present: Collection[str] | None = None) -> str:
        """Apply the rule; raises ``RuleTimeoutError`` when the pattern runs too long.

        A span rule leaves alone the matches that overlap a ``protected`` span (sorted,
        disjoint); a flag rule reports its matches into ``log`` and returns ``text``; a protect
        rule returns ``text`` (the stage asks for its ``spans``). ``zones`` are the text's
        header and footer when the caller knows them (found here otherwise); ``present`` the
        triggers known to occur in ``text``.
        """
        if self.scope == "protect":
            return text
        triggers = self._present(text, present)
        if triggers is None:
            return text
        allowed = self._allowed(text, zones)
        if allowed is not None and not allowed:
            return text
        try:
            if self.scope in LINE_SCOPES:
                # a score rule takes every line and looks for its triggers in the short ones
                if self.triggers and self.scope != "score":
                    regions = self._regions(text, triggers, allowed, present)
                elif self.scope == "block":
                    regions = _whole_lines(text, allowed)
                else:  # line and score rules see the text's short lines (shared: _filled_lines)
                    regions = _zone_lines(text, allowed)
                reasons: list[str] = []
                if self.scope == "score":
                    cuts = self._find_scored(text, timeout, regions, zones, triggers, reasons)
                elif self.scope == "line":
                    cuts = self._find_lines(text, timeout, regions)
                else:
                    cuts = self._find_blocks(text, timeout, regions, allowed)
                if cuts and log is not None and self.reports_removals:
                    self._report(text, [(start, text[start:end], found)
                                        for start, end, found in cuts], log)
                if not cuts:  # most calls: nor is report text looked for
                    return text
                kept = _kept_text(text, cuts, zones,
                                  lambda variant, span: self._deletes(variant, span, timeout))
                return self._cut(text, cuts, log, reasons, kept)
            regions = self._regions(text, triggers, allowed, present)
            if self.scope == "span" and self.replacement == "" and not self.lift:
                # a deletion stops before report text glued to its end (cleaner.glued_title)
                found = self._matches(text, timeout, protected, regions)
                if not found:
                    return text
                found = spare_glued_tails(
                    text, found, lambda variant, span: self._matches_in(variant, span, timeout),
                    lambda: (zones if zones is not None else find_zones(text)).header)
                fixed = replace_matches(text, found, "", log, self.id)
                if log is not None and self.flag_on_remove:
                    self._report(text, [(m.span()[0], m.group(), [m]) for m in found], log)
                return fixed
            if (self.scope == "span" and self.min_count == 1 and not protected
                    and not self.reports_removals):
                if not self.triggers and allowed is None:
                    if not self._may_match(text, 0, len(text)):
                        return text  # no match can be found: see ``needs``
                    return substitute(text, self.pattern, self.replacement, log, self.id,
                                      timeout=timeout)
                return replace_matches(text, self._finditer(text, timeout, regions),
                                       self.replacement, log, self.id)
            matches = self._matches(text, timeout, protected, regions)
            if self.scope == "flag":
                if log is not None:
                    for match in matches:
                        log.flag(self.flag, f"{match.group()!r} ({self.id})",
                                 text.count("\n", 0, match.start()) + 1)
                return text
            if not matches:
                return text
            fixed = replace_matches(text, matches, self.replacement, log, self.id)
            if log is not None and self.reports_removals and fixed != text:
                self._report(text, [(m.start(), m.group(), [m]) for m in matches
                                    if m.expand(self.replacement) != m.group()], log)
            return fixed
        except TimeoutError:
            raise RuleTimeoutError(self.id, timeout or 0.0) from None

    def _matches(self, text: str, timeout: float | None, protected: Sequence[Span],
                 regions: Sequence[Span]) -> list[regex.Match[str]]:
        """The matches the rule acts on: none below ``min_count``, none that touch protection."""
        matches = [m for m in self._finditer(text, timeout, regions)
                   if not (protected and overlaps(protected, m.start(), m.end()))]
        return matches if len(matches) >= self.min_count else []

    def spans(self, text: str, timeout: float | None = None) -> list[Span]:
        """Where the rule's pattern matches in ``text`` (for protect rules: what to protect)."""
        triggers = self._present(text, None)
        if triggers is None:
            return []
        regions = self._regions(text, triggers, self._allowed(text, None))
        try:
            return [m.span() for m in self._finditer(text, timeout, regions)
                    if m.end() > m.start()]
        except TimeoutError:
            raise RuleTimeoutError(self.id, timeout or 0.0) from None

    def mark(self, text: str, timeout: float | None = None) -> str:
        """``text`` with each match between ``⟦`` and ``⟧``: what examples of protect and flag
        rules show.
        """
        pieces: list[str] = []
        last = 0
        found = self.spans(text, timeout)
        if self.min_count > len(found):
            return text
        for start, end in found:
            pieces += [text[last:start], MARK_OPEN, text[start:end], MARK_CLOSE]
            last = end
        return "".join(pieces) + text[last:]

    def _short_lines(self, text: str, regions: Sequence[Span] | Lines
                     ) -> Iterator[tuple[int, int, str]]:
        """The lines of ``regions`` that hold text and are at most ``max_length`` long once
        stripped: (start, end, stripped line)."""
        if isinstance(regions, Lines):  # stripped already, shared by the rules
            longest = self.max_length
            for line in regions:
                if len(line[2]) <= longest:
                    yield line
            return
        for start, end in regions:
            if _too_long(text, start, end, self.max_length):
                continue
            body = text[start:end].strip()
            if body and len(body) <= self.max_length:
                yield start, end, body

    def _find_lines(self, text: str, timeout: float | None,
                    regions: Sequence[Span] | Lines) -> list[Cut]:
        """The lines whose stripped text the pattern matches whole (at most ``max_length``)."""
        extra = {} if timeout is None else {"timeout": timeout}
        cuts: list[Cut] = []
        for start, end, body in self._short_lines(text, regions):
            match = self.pattern.fullmatch(body, **extra)
            if match:
                cuts.append((start, end, [match]))
        return cuts

    def _find_scored(self, text: str, timeout: float | None, regions: Sequence[Span] | Lines,
                     zones: Zones | None, triggers: Sequence[str], reasons: list[str]) -> list[Cut]:
        """The lines (at most ``max_length``, holding one of the ``triggers`` that occur in
        ``text`` when the rule has triggers) whose score reaches the threshold; the reason of
        each goes into ``reasons``. The text's zones are found only when a zone feature
        decides."""
        assert self.scorer is not None  # a score rule has one (checked when loading)
        place = Place(text, zones)  # its zones and outline are found once, when a feature asks
        in_zone, locate = place.in_zone, place.locate
        cuts: list[Cut] = []
        for start, end, body in self.scorer.candidates(self._short_lines(text, regions)):
            if triggers and not any(trigger in body for trigger in triggers):
                continue
            place.start = start
            score = self.scorer.judge(body, in_zone, timeout, locate)
            if score is not None:
                cuts.append((start, end, ()))
                reasons.append(score.reason(self.scorer.threshold))
        if (cuts and zones is not NO_ZONES
                and len(cuts) == sum(1 for line in text.split("\n") if line.strip())):
            # a document made of nothing but chrome-like lines is not a page: a heuristic
            # never empties it (lines another stage rebuilt are judged one by one)
            reasons.clear()
            return []
        return cuts

    def _find_blocks(self, text: str, timeout: float | None, regions: Sequence[Span],
                     allowed: Sequence[Span] | None = None) -> list[Cut]:
        """Blocks of whole lines: a start item on a line holding a trigger, then continuation
        items (blank lines between them allowed); each item runs from a line's first
        non-blank character to the end of a line. A zoned block stays in the zone span it
        starts in: in a compilation, the footer of one report ends where the next one's title
        starts, and a related list must not run on into that title and its opening lines."""
        extra = {} if timeout is None else {"timeout": timeout}
        assert self.continuation is not None  # a block rule has one (checked when loading)
        cuts: list[Cut] = []
        reached = -1
        for start, _ in regions:
            if start < reached:
                continue
            item = self._item(text, _skip_blank(text, start, newlines=False), self.pattern, extra)
            if item is None:
                continue
            limit = len(text)
            if allowed is not None:  # ... or the end of the zone span it starts in
                zone = span_holding(allowed, start)
                limit = zone[1] if zone is not None else start
            found, stop = [item], _line_end(text, _stripped_end(text, item))
            while stop < limit:
                position = _skip_blank(text, stop + 1, newlines=True)
                if position >= limit:
                    break
                following = self._item(text, position, self.continuation, extra)
                if following is None:
                    break
                found.append(following)
                stop = _line_end(text, _stripped_end(text, following))
            if (len(found) - 1 >= self.min_continuations
                    and text.count("\n", start, stop) < self.max_lines):
                cuts.append((start, stop, found))
                reached = stop
        return cuts

    def _item(self, text: str, position: int, pattern: regex.Pattern[str],
              extra: dict[str, float]) -> regex.Match[str] | None:
        """A match of ``pattern`` at ``position`` that ends a line, at most ``max_length`` long."""
        if position >= len(text):
            return None
        match = pattern.match(text, position, **extra)
        if match is None or match.end() == match.start():
            return None
        end = _stripped_end(text, match)
        if len(text[match.start():end].strip()) > self.max_length:
            return None
        stop = _line_end(text, end)
        return match if not text[end:stop].strip(_BLANK) else None

    def _matches_in(self, text: str, span: Span, timeout: float | None) -> bool:
        """Whether the pattern matches into ``span`` of ``text`` (searched from its line's start)."""
        extra = {} if timeout is None else {"timeout": timeout}
        for match in self.pattern.finditer(text, text.rfind("\n", 0, span[0]) + 1, **extra):
            if match.start() >= span[1]:
                return False
            if match.end() > span[0]:
                return True
        return False

    def _deletes(self, text: str, span: Span, timeout: float | None) -> bool:
        """Whether this rule, run on ``text`` alone, deletes the text in ``span``: asked of
        report text once the chrome glued to it is gone (what is left is still the rule's)."""
        return text[span[0]:span[1]] not in self.apply(text, None, timeout)

    def _cut(self, text: str, cuts: Sequence[Cut], log: ChangeLog | None,
             reasons: Sequence[str] = (), kept: Mapping[int, Span] | None = None) -> str:
        """Delete the line-aligned ``cuts`` with their line break (the one before the last
        line of the text when it has none); ``reasons``, when given, says why each went.
        A cut in ``kept`` (by index) leaves the report text glued to its line."""
        pieces: list[str] = []
        last = 0
        number, counted = 1, 0
        for index, (start, end, _) in enumerate(cuts):
            keep = kept.get(index) if kept else None
            if keep is not None:
                glued = text[keep[0]:keep[1]]
                if log is not None:
                    number += text.count("\n", counted, start)
                    counted = start
                    reason = reasons[index] if reasons else ""
                    log.record(self.id, number, start, text[start:end], glued,
                               f"{reason}; kept the report text glued to it".lstrip("; "))
                pieces += [text[last:start], glued]
                last = end
                continue
            if end < len(text):
                cut_start, cut_end = start, end + 1
            elif start > last:  # the last line, unterminated: drop the break before it
                cut_start, cut_end = max(start - 1, 0), end
            else:  # ... and the lines just before it went too: drop the break before them
                cut_start, cut_end = start, end
                while pieces and not pieces[-1]:
                    pieces.pop()
                if pieces and pieces[-1].endswith("\n"):
                    pieces[-1] = pieces[-1][:-1]
            if log is not None:
                number += text.count("\n", counted, start)
                counted = start
                log.record(self.id, number, start, text[start:end] + "\n", "",
                           reasons[index] if reasons else "")
            pieces.append(text[last:cut_start])
            last = cut_end
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)

    def _report(self, text: str, removed: Sequence[tuple[int, str, Sequence[regex.Match[str]]]],
                log: ChangeLog) -> None:
        """Lift the values of what was removed into metadata; flag each removal."""
        if self.lift:
            values: dict[str, str] = {}
            for _, piece, matches in removed:
                found = (list(self.lift_pattern.finditer(piece)) if self.lift_pattern is not None
                         else matches)
                for match in found:
                    for group, key in self.lift:
                        value = (match.group(group) or "").strip()
                        if value and key not in values:
                            values[key] = value
            lift_values(log, self.lift_into, values)
        if self.flag_on_remove:
            for start, piece, _ in removed:
                log.flag(self.flag_on_remove, f"{piece.strip()!r} removed ({self.id})",
                         text.count("\n", 0, start) + 1)

    def check(self) -> list[str]:
        """Run the rule's examples and keeps; return one message per failure (empty: all pass).
        An example of a lifting rule that says what it lifts must lift exactly that; an
        example of a flagging rule must raise its flag."""
        problems: list[str] = []
        for example in self.examples:
            log = ChangeLog(stage=self.stage)
            got = self._run(example.input, log)
            if got != example.output:
                problems.append(f"example {example.input!r}: expected {example.output!r}, "
                                f"got {got!r}\n{_diff(example.output, got)}")
            lifted = log.metadata.get(self.lift_into, {})
            if example.lifted and lifted != dict(example.lifted):
                problems.append(f"example {example.input!r}: expected to lift "
                                f"{dict(example.lifted)!r}, lifted {lifted!r}")
            if self.flag_on_remove and not any(f.kind == self.flag_on_remove for f in log.flags):
                problems.append(f"example {example.input!r}: no {self.flag_on_remove!r} flag raised")
        for keep in self.keeps:
            got = self._run(keep, None)
            if got != keep:
                problems.append(f"keep {keep!r} was changed to {got!r}\n{_diff(keep, got)}")
        return problems

    def _run(self, text: str, log: ChangeLog | None) -> str:
        if self.scope in ("protect", "flag"):
            return self.mark(text, timeout=5.0)
        return self.apply(text, log, timeout=5.0)


Cut = tuple[int, int, Sequence[regex.Match[str]]]
"""Lines to delete: from the start of a line to the end of a line (its ``\\n`` or the text's
end), with the matches that found them."""


def _kept_text(text: str, cuts: Sequence[Cut], zones: Zones | None,
               still_cut: Callable[[str, Span], bool]) -> dict[int, Span]:
    """The cuts (by index) whose line (a block's last) holds a report title, heading or
    sentences glued to chrome, to keep (``cleaner.glued_title``); the text's header is found
    only when a cut line holds a title, and ``still_cut`` asked only of lines holding report text."""
    lines = [(text.rfind("\n", start, end) + 1 or start, end) for start, end, _ in cuts]
    kept = kept_titles(text, lines, lambda: (zones if zones is not None else find_zones(text)).header)
    return kept | kept_report_text(text, lines, kept, still_cut)


def lift_values(log: ChangeLog, into: str, values: dict[str, str]) -> None:
    """Merge ``values`` into the metadata table ``into``; a key's first value wins.

    >>> log = ChangeLog()
    >>> lift_values(log, "disclosure", {"index_number": "A/1"})
    >>> lift_values(log, "disclosure", {"index_number": "B/2", "validity": "有效"})
    >>> log.metadata
    {'disclosure': {'index_number': 'A/1', 'validity': '有效'}}
    """
    if not values:
        return
    log.note(into, {})
    table = log.metadata[into]
    if isinstance(table, dict):
        for key, value in values.items():
            table.setdefault(key, value)


def _whole_lines(text: str, allowed: Sequence[Span] | None) -> list[Span]:
    """Every line of ``text`` (start, end without its break), those starting in ``allowed``
    (spans of whole lines: only their lines are scanned, a header is a few lines of a long text).

    >>> _whole_lines("ab\\ncd\\nef", [(3, 5)])
    [(3, 5)]
    """
    if allowed is None:
        return [(m.start(), m.end()) for m in _LINE_RE.finditer(text)]
    lines: list[Span] = []
    for start, end in allowed:
        for match in _LINE_RE.finditer(text, start):
            if match.start() >= end:
                break
            lines.append((match.start(), match.end()))
    return lines


class Lines(list[tuple[int, int, str]]):
    """Lines of a text that hold something: (start, end before the break, stripped line)."""


_filled_cache: tuple[str, Lines] | None = None
"""The last text ``_filled_lines`` split, and its lines: the line and score rules of a stage
walk the same text one after another until one of them changes it."""


def _filled_lines(text: str) -> Lines:
    """Every line of ``text`` that holds something besides blanks, stripped, found once per
    text (the last text asked for is remembered: a stage's line and score rules ask in turn).

    >>> _filled_lines("ab\\n \\n　cd ")
    [(0, 2, 'ab'), (5, 9, 'cd')]
    """
    global _filled_cache
    cached = _filled_cache  # one read: another thread may replace it
    if cached is not None and cached[0] is text:
        return cached[1]
    lines = Lines()
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        body = line.strip()
        if body:
            lines.append((start, end, body))
        start = end + 1
    _filled_cache = (text, lines)
    return lines


def _zone_lines(text: str, allowed: Sequence[Span] | None) -> Lines:
    """The lines of ``_filled_lines`` that start in ``allowed`` (sorted spans of whole lines;
    ``None``: every line).

    >>> _zone_lines("ab\\ncd\\nef", [(3, 5)])
    [(3, 5, 'cd')]
    """
    lines = _filled_lines(text)
    if allowed is None:
        return lines
    inside = Lines()
    for low, high in allowed:
        first = bisect.bisect_left(lines, (low,))
        last = bisect.bisect_left(lines, (high,), first)
        inside.extend(lines[first:last])
    return inside


def _too_long(text: str, start: int, end: int, max_length: int) -> bool:
    """Whether the line ``text[start:end]`` is longer than ``max_length`` even stripped, told
    without copying it when nothing at its ends would be stripped: most lines of a report are
    paragraphs far longer than any chrome line, and line rules visit all of them.

    >>> _too_long("一二三\\n　四", 0, 3, 2), _too_long("一二三\\n　四", 4, 6, 1)
    (True, False)
    """
    return (end - start > max_length and not text[start].isspace()
            and not text[end - 1].isspace())


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _stripped_end(text: str, match: regex.Match[str]) -> int:
    """Where ``match`` ends without the blanks and line breaks it took at its end."""
    end = match.end()
    while end > match.start() and text[end - 1] in " \t\u3000\r\n":
        end -= 1
    return end


def _skip_blank(text: str, position: int, *, newlines: bool) -> int:
    """The first position from ``position`` that is not a blank (nor a line break, with
    ``newlines``)."""
    skip = " \t\u3000\r\n" if newlines else " \t\u3000\r"
    while position < len(text) and text[position] in skip:
        position += 1
    return position


def _diff(expected: str, got: str) -> str:
    return "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), got.splitlines(keepends=True),
        "expected", "got", lineterm="\n")).rstrip("\n")


@dataclass(frozen=True)
class StagePlan:
    """The active rules of one stage, in order, and the prefilter over their triggers."""

    rules: tuple[Rule, ...]
    index: TriggerIndex


@dataclass(frozen=True)
class RuleSet:
    """All loaded rules in load order, and which of them are switched on."""

    rules: tuple[Rule, ...] = ()
    active: frozenset[str] = field(default_factory=frozenset)
    _plans: dict[str, StagePlan] = field(default_factory=dict, compare=False, hash=False,
                                         repr=False)

    def for_stage(self, stage: str) -> tuple[Rule, ...]:
        """The stage's active rules: by priority (highest first), then in load order, score
        rules last among those of one priority (they judge the lines the specific rules left)."""
        rules = [r for r in self.rules if r.stage == stage and r.id in self.active]
        return tuple(sorted(rules, key=lambda r: (-r.priority, r.scope == "score")))

    def plan(self, stage: str) -> StagePlan:
        """The stage's rules and their prefilter, built once per rule set."""
        plan = self._plans.get(stage)
        if plan is None:
            rules = self.for_stage(stage)
            plan = StagePlan(rules, TriggerIndex.build(t for r in rules for t in r.triggers))
            self._plans[stage] = plan
        return plan

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise ConfigError(unknown_name_message("rule", rule_id, [r.id for r in self.rules]))

    def select(self, enable: Iterable[str] = (), disable: Iterable[str] = ()) -> RuleSet:
        """Switch rules on and off by id or tag; an unknown name is an error with a suggestion."""
        active = {r.id for r in self.rules if r.enabled}
        for names, switch_on in ((enable, True), (disable, False)):
            for name in names:
                matched = {r.id for r in self.rules if r.id == name or name in r.tags}
                if not matched:
                    known = sorted({r.id for r in self.rules} | {t for r in self.rules for t in r.tags})
                    raise ConfigError(unknown_name_message("rule id or tag", name, known))
                active = active | matched if switch_on else active - matched
        return RuleSet(self.rules, frozenset(active))
