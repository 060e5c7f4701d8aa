"""Rule files: load and validate them, select rules, and apply them to text.

A rule file is TOML with one ``[[rule]]`` table per rule::

    [[rule]]
    id = "ad.qr-qq-materials"        # unique, lower-case: family.name
    stage = "boilerplate"            # a stage that takes rules (see ``cleaner.stages``)
    description = "Content-farm ad: scan the QR code, add us on QQ for more materials."
    scope = "line"                   # what the rule does with its matches (see below)
    pattern = '扫描上面二维码加QQ好友[,，]获得更多文稿实用素材'
    triggers = ["二维码"]             # cheap literal pre-check: skip the rule unless one occurs
    tags = ["ads", "content-farm"]
    examples = [{ input = "…", output = "…" }]   # run as tests
    keeps = ["营造全民主动“扫码亮码”的良好社会氛围。"]  # real text it must leave alone

Scopes:

- ``line``: delete every line the pattern matches whole (at most ``max_length`` characters);
- ``span`` (the default): replace each match with ``replacement``;
- ``protect``: the matches are protected material (URLs, names) that the stage's other rules and
  fixes must leave exactly as they are; the stage asks for them with ``Rule.spans``;
- ``flag``: the matches are reported as flags of kind ``flag`` (placeholders, …), never changed;
- ``block``: delete a run of whole lines: a line (or lines) the ``pattern`` matches from its
  start to its end, then every following item the ``continuation`` pattern matches the same way
  (blank lines between items go too), at least ``min_continuations`` of them and at most
  ``max_lines`` lines in all: a table of contents, a disclosure block in label-line layout;
- ``score``: delete every line (at most ``max_length`` characters) whose weighted ``features``
  add up to ``threshold``: chrome caught by its shape and vocabulary class rather than by its
  wording (``cleaner.scoring``). It has no pattern; ``prefilter`` literals make a cheap line
  precheck; the reason of each deletion lists the features that fired and the sum. Score
  rules run after the other rules of their stage: they judge what the specific rules left; and
  they never delete every line of a document.

Within a stage, rules run by ``priority`` (0–100, default 50, higher first), then in load order
(files sorted by name, rules in file order): a rule that must see a whole notice before the rules
that take pieces of one gives ``priority = 60``.

``zone`` says where a rule may act (``cleaner.zones``): ``anywhere`` (the default), ``header``
(before the report starts), ``footer`` (after its closing call) or ``edges`` (either). A line,
span or block rule acts when its line, match or first line lies in the zone.

A deleting rule may lift what it removes into the document's metadata: ``lift`` maps named
groups of ``lift_pattern`` (default: the rule's own patterns) to keys of the metadata table
``lift_into`` (``lift_into = "disclosure"``, ``lift = { idx = "index_number" }``); the first
value found for a key wins, values are stripped. An example may show what it lifts
(``lifted = { index_number = "…" }``). ``flag_on_remove = "incomplete"`` raises a flag of that
kind for each removal (a truncation notice: the text around it stays, but the document is not
whole).

For ``protect`` and ``flag`` rules an example's output shows the input with each match between
``⟦`` and ``⟧``, and a keep is text in which the rule finds nothing.

Instead of a ``pattern``, a rule may give ``terms``: a list of literal strings (names, place
names) that the engine turns into a pattern, longest first. ``min_count`` makes a span or flag
rule act only on a text where the pattern matches at least that many times (residue that is
only residue when it recurs). A span rule's ``apply`` may be given ``protected`` spans: matches
that overlap one of them are left as they are.

Patterns use the ``regex`` module. A user's rules run with a per-call timeout, so no pattern of
theirs can hang a run; the packaged rules run without it (the call costs a third less), their
patterns vetted by the test suite instead (``runaway_inputs``: inputs made to provoke runaway
backtracking must not time out).
The packaged rules' patterns are compiled when a rule first uses them (``LazyPattern``); a
user's rule file is compiled and checked whole when it is loaded.
"""

from __future__ import annotations

import bisect
import difflib
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import regex
from ahocorasick_rs import AhoCorasick, Implementation

from cleaner.change import ChangeLog, replace_matches, substitute
from cleaner.chardata import COMMON_CHARACTERS
from cleaner.errors import ConfigError, RuleFileError, RuleTimeoutError
from cleaner.glued_title import kept_report_text, kept_titles, spare_glued_tails
from cleaner.registry import unknown_name_message
from cleaner.scoring import Place, Prefilter, Scorer, parse_scorer, required_literal_sets
from cleaner.subroutines import inline_subroutines
from cleaner.zones import NO_ZONES, ZONES, Zones, find_zones, span_holding
from cleaner.zones import merge_spans as merge_spans  # re-exported: normalization uses it

SCOPES = ("line", "span", "protect", "flag", "block", "score")
DELETING_SCOPES = ("line", "span", "block", "score")
LINE_SCOPES = ("line", "block", "score")  # scopes that delete whole lines, never part of one
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
NO_PATTERN = regex.compile("(?!)")
"""The pattern of a rule that has none of its own (a score rule): it matches nothing."""
FLAG_NAMES = {"IGNORECASE": regex.IGNORECASE, "DOTALL": regex.DOTALL, "VERBOSE": regex.VERBOSE}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
_FLAG_KIND_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str, "stage": str, "description": str, "scope": str, "pattern": str, "terms": list,
    "replacement": str, "flags": list, "triggers": list, "max_length": int, "min_count": int,
    "flag": str, "tags": list, "enabled": bool, "examples": list, "keeps": list,
    "zone": str, "continuation": str, "min_continuations": int, "max_lines": int,
    "lift": dict, "lift_into": str, "lift_pattern": str, "flag_on_remove": str,
    "threshold": int, "features": list, "prefilter": list, "priority": int,
}
_REQUIRED = ("id", "stage", "description", "examples", "keeps")
DEFAULT_MAX_LENGTH = 200
DEFAULT_PRIORITY = 50
"""A rule's place in its stage (0–100, higher first). Gapped, as in Python-Markdown's registry:
a rule that must see the text before the others (a whole paywall notice before the rules that
take pieces of one) says ``priority = 60``; one that cleans up after them, 40."""
DEFAULT_MAX_LINES = 60
_KEY_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_BLANK = " \t\u3000\r"
_LINE_RE = re.compile(r"[^\n]*")
_FREQUENT_CHARACTERS = frozenset(COMMON_CHARACTERS)
"""Characters report text is full of: as a one-character trigger, asked with ``in`` rather than
scanned for (``TriggerIndex``)."""
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


def terms_pattern(terms: Iterable[str]) -> str:
    r"""A pattern matching any of the literal ``terms``, the longest first, so that a longer
    name wins over a name it contains.

    >>> terms_pattern(["乾安", "乾安县", "1+1"])
    '1\\+1|乾安县|乾安'
    """
    unique = sorted(set(terms), key=lambda t: (-len(t), t))
    return "|".join(regex.escape(t, literal_spaces=True) for t in unique)


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
                found = spare_glued_tails(text, found,
                                          lambda variant, span: self._matches_in(variant, span, timeout))
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


RUNAWAY_RULES = frozenset({"farm.paywall-run"})
"""Packaged rules whose patterns ``runaway_inputs`` catches running away (``farm.paywall-run``:
exponential on a run of ``需要``): they keep the per-call timeout until their pattern is fixed.
The test suite fails when one is fixed (drop it from here) or another appears."""
STRESS_RUN = 40
"""How long the runs of ``stress_inputs`` are: enough for nested quantifiers on a near miss to
take (exponentially) longer than any timeout, short enough that a sound pattern takes µs."""


def stress_inputs(samples: Iterable[str], run: int = STRESS_RUN) -> list[str]:
    """Inputs that provoke runaway backtracking in a pattern written for ``samples`` (a rule's
    examples and keeps): each sample repeated; a run of each character and of each pair of
    neighbouring characters the samples hold; each sample glued to a run of its last character.
    Nested quantifiers (``(?:a|aa)+c``) blow up on a long run their inner parts take many ways
    that ends in a near miss: these are such runs, built from what the pattern is about.

    >>> stress_inputs(["ab"], run=4)
    ['abab', 'aaaa', 'bbbb', 'abbbbb']
    """
    inputs: list[str] = []
    pieces: dict[str, None] = {}
    for sample in samples:
        for line in sample.split("\n"):
            if not line:
                continue
            inputs.append(line * max(1, run // len(line)))
            pieces.update(dict.fromkeys(line))
            pieces.update(dict.fromkeys(line[i:i + 2] for i in range(len(line) - 1)))
    inputs += [piece * (run // len(piece)) for piece in pieces]
    inputs += [sample + sample[-1] * run for sample in samples if sample]
    return list(dict.fromkeys(inputs))


def rule_patterns(rule: Rule) -> list[tuple[str, regex.Pattern[str] | LazyPattern]]:
    """Every pattern a rule runs on text: (what it is, the pattern)."""
    found: list[tuple[str, regex.Pattern[str] | LazyPattern]] = []
    if rule.scorer is None:
        found.append(("pattern", rule.pattern))
    if rule.continuation is not None:
        found.append(("continuation", rule.continuation))
    if rule.lift_pattern is not None:
        found.append(("lift_pattern", rule.lift_pattern))
    if rule.scorer is not None:
        found += [(f"feature {f.name!r}", f.pattern) for f in rule.scorer.features
                  if f.pattern is not None]
    return found


def runaway_inputs(rule: Rule, timeout: float = 1.0) -> list[str]:
    """The patterns of ``rule`` that one of its ``stress_inputs`` keeps busy longer than
    ``timeout`` (searched, and matched whole for the rules that match lines whole): what
    vets a packaged rule to run without the per-call timeout. Empty for a sound rule.

    >>> rule = Rule("demo.slow", "boilerplate", "", "span", regex.compile("(?:a|aa)+c"),
    ...             examples=(Example("aac", ""),), keeps=("b",))
    >>> runaway_inputs(rule, timeout=0.05)
    ["pattern on 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"]
    """
    samples = [e.input for e in rule.examples] + list(rule.keeps)
    found: list[str] = []
    for what, pattern in rule_patterns(rule):
        for sample in stress_inputs(samples):
            try:
                pattern.search(sample, timeout=timeout)
                pattern.fullmatch(sample, timeout=timeout)
            except TimeoutError:
                found.append(f"{what} on {sample!r}")
                break
    return found


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


def default_rules_dir() -> Path:
    """The packaged rule files: ``cleaner/rules`` in a wheel, ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"cannot find cleaner's default rules beside {package} (a broken install?)")


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their ``*.toml`` files (sorted); a missing path is an error."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.toml")))
        elif path.is_file():
            found.append(path)
        else:
            raise ConfigError(f"{path}: no such rule file or directory")
    return found


def load_rules(paths: Sequence[Path], rule_stages: Collection[str]) -> RuleSet:
    """Load and validate rule files; duplicate ids across files are an error naming both."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in rule_files(paths):
        packaged = _packaged(path)
        for rule in parse_rule_file(path, rule_stages, lazy=packaged, vetted=packaged):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleFileError(str(path), f"duplicate rule id, first defined at "
                                    f"{first.path}:{first.line}", line=rule.line, rule_id=rule.id,
                                    fix="give the rule a new id, or --disable the old one")
            seen[rule.id] = rule
            rules.append(rule)
    return RuleSet(tuple(rules), frozenset(r.id for r in rules if r.enabled))


def _packaged(path: Path) -> bool:
    """Whether ``path`` is one of the packaged rule files (``default_rules_dir``)."""
    try:
        return path.resolve().is_relative_to(default_rules_dir())
    except ConfigError:
        return False


def parse_rule_file(path: Path, rule_stages: Collection[str], *, lazy: bool = False,
                    vetted: bool = False) -> list[Rule]:
    """Parse one rule file; every error names the file, the line and, where known, the rule.

    With ``lazy``, patterns are compiled when first used (``LazyPattern``): ``load_rules`` says
    so for the packaged rules, whose every pattern the test suite compiles and checks; a user's
    file is checked whole when it is loaded, so that its errors show at once. With ``vetted``
    (the packaged rules again) its rules run without the per-call timeout (``Rule.vetted``)."""
    name = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(name, f"cannot read rule file: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise RuleFileError(name, f"invalid TOML: {exc}", line=line,
                            fix="check quoting: use '…' or '''…''' for patterns with backslashes"
                            ) from None
    extra = sorted(set(data) - {"rule"})
    if extra:
        raise RuleFileError(name, f"unknown top-level key {extra[0]!r}", line=1,
                            fix="a rule file holds only [[rule]] tables")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleFileError(name, "no [[rule]] tables found", line=1,
                            fix="start each rule with a line [[rule]]")
    starts = [i for i, line in enumerate(raw.splitlines(), start=1)
              if line.strip().startswith("[[rule]]")]
    lines = raw.splitlines()
    rules = [_build_rule(table, name, starts[i] if i < len(starts) else None, lines, rule_stages,
                         lazy=lazy)
             for i, table in enumerate(tables)]
    if not vetted:
        return rules
    return [replace(rule, vetted=rule.id not in RUNAWAY_RULES) for rule in rules]


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _field_line(lines: list[str], start: int | None, key: str) -> int | None:
    """The line of ``key = …`` within the rule table that starts at ``start``."""
    if start is None:
        return None
    for number in range(start, len(lines)):
        text = lines[number].strip()
        if number >= start and text.startswith("[[rule]]"):
            break
        if re.match(rf"{re.escape(key)}\s*=", text):
            return number + 1
    return start


def _feature_line(lines: list[str], start: int | None, name: str, occurrence: int = 1) -> int | None:
    """The line of the feature ``name = "…"`` (its ``occurrence``-th) within the rule table that
    starts at ``start``."""
    if start is None:
        return None
    wanted = re.compile(rf"""\bname\s*=\s*["']{re.escape(name)}["']""")
    for number in range(start, len(lines)):
        if lines[number].strip().startswith("[[rule]]"):
            break
        if wanted.search(lines[number]):
            occurrence -= 1
            if not occurrence:
                return number + 1
    return None


def _build_rule(table: dict[str, Any], path: str, start: int | None, lines: list[str],
                rule_stages: Collection[str], *, lazy: bool = False) -> Rule:
    rule_id = table.get("id") if isinstance(table.get("id"), str) else None

    def fail(problem: str, key: str | None = None, fix: str | None = None,
             feature: str | None = None, occurrence: int = 1) -> RuleFileError:
        line = _field_line(lines, start, key) if key else start
        if feature:  # a score rule's feature: the line that names it
            line = _feature_line(lines, start, feature, occurrence) or line
        return RuleFileError(path, problem, line=line, rule_id=rule_id, fix=fix)

    for key in table:
        if key not in _FIELDS:
            raise fail(unknown_name_message("field", key, list(_FIELDS)), key)
    for key in _REQUIRED:
        if key not in table:
            raise fail(f"missing required field {key!r}", fix=f"add {key} = …")
    for key, expected in _FIELDS.items():
        if key in table and not isinstance(table[key], expected):
            kind = expected.__name__ if isinstance(expected, type) else "value"
            raise fail(f"field {key!r} must be a {kind} (not {table[key]!r})", key)
    if not _ID_RE.match(table["id"]):
        raise fail(f"invalid id {table['id']!r}", "id",
                   fix="use lower-case letters, digits, '.', '-' and '_', like 'ads.qq-qr'")
    if table["stage"] not in rule_stages:
        raise fail(unknown_name_message("stage", table["stage"], sorted(rule_stages)), "stage")
    scope = table.get("scope", "span")
    if scope not in SCOPES:
        raise fail(f"invalid scope {scope!r}, expected one of {', '.join(SCOPES)}", "scope")
    if scope != "span" and "replacement" in table:
        what = ("deletes the lines it matches" if scope in LINE_SCOPES
                else "leaves its matches as they are")
        raise fail(f"a {scope} rule {what} and takes no replacement",
                   "replacement", fix="remove replacement, or use scope = \"span\"")
    if scope == "flag":
        if "flag" not in table:
            raise fail("a flag rule needs the kind of flag it raises", fix='add flag = "placeholder"')
        if not _FLAG_KIND_RE.match(table["flag"]):
            raise fail(f"invalid flag kind {table['flag']!r}", "flag",
                       fix="use lower-case letters, digits and '_', like 'unit_without_number'")
    elif "flag" in table:
        raise fail(f"only a flag rule takes a flag kind (this one has scope {scope!r})", "flag",
                   fix='remove flag, or use scope = "flag"')
    min_count = table.get("min_count", 1)
    if min_count < 1:
        raise fail("min_count must be a positive number of matches", "min_count")
    if min_count > 1 and scope not in ("span", "flag"):
        raise fail(f"min_count applies to span and flag rules (not {scope!r})", "min_count")
    score_keys = [key for key in ("threshold", "features", "prefilter") if key in table]
    if scope == "score":
        taken = [key for key in ("pattern", "terms") if key in table]
        if taken:
            raise fail(f"a score rule adds up its features and takes no {taken[0]}", taken[0],
                       fix="make it a feature: features = [{ name = \"…\", pattern = '…', "
                           "weight = 2 }]")
    elif score_keys:
        raise fail(f"{score_keys[0]} is for score rules (this one has scope {scope!r})",
                   score_keys[0], fix=f'remove {score_keys[0]}, or use scope = "score"')
    elif ("pattern" in table) == ("terms" in table):
        raise fail("a rule needs either a pattern or a list of terms (not both)",
                   "terms" if "terms" in table else None,
                   fix="add pattern = '…', or terms = [\"…\"] for literal strings")
    if "terms" in table and not (table["terms"] and all(isinstance(t, str) and t
                                                        for t in table["terms"])):
        raise fail("terms must be a list of non-empty strings", "terms")
    flags = regex.MULTILINE | regex.V0
    for flag in table.get("flags", []):
        if flag not in FLAG_NAMES:
            raise fail(f"invalid flag {flag!r}, expected one of {', '.join(FLAG_NAMES)}", "flags")
        flags |= FLAG_NAMES[flag]
    scorer = parse_scorer(table, flags, fail) if scope == "score" else None
    if scorer is not None:
        pattern = NO_PATTERN
    else:
        source = table["pattern"] if "pattern" in table else terms_pattern(table["terms"])
        pattern = _compile(source, flags, "pattern", fail, lazy=lazy)
    replacement = table.get("replacement", "")
    _check_group_refs(replacement, pattern, fail)
    for key in ("triggers", "tags", "keeps"):
        if not all(isinstance(item, str) and item for item in table.get(key, [])):
            raise fail(f"every item of {key!r} must be a non-empty string", key)
    if any("\n" in trigger for trigger in table.get("triggers", [])):
        raise fail("a trigger is a literal within one line: it cannot hold a line break",
                   "triggers")
    zone = table.get("zone", "anywhere")
    if zone not in ZONES:
        raise fail(f"invalid zone {zone!r}, expected one of {', '.join(ZONES)}", "zone",
                   fix='use zone = "header" for lines before the report starts')
    if zone != "anywhere" and scope == "protect":
        raise fail("a protect rule protects everywhere and takes no zone", "zone",
                   fix="remove zone")
    continuation = _block_fields(table, scope, flags, fail, lazy=lazy)
    lift, lift_into, lift_pattern = _lift_fields(table, scope, flags, pattern, continuation, fail)
    flag_on_remove = table.get("flag_on_remove", "")
    if flag_on_remove:
        if scope not in DELETING_SCOPES:
            raise fail(f"only a rule that removes text raises a flag on removal (not a {scope} "
                       f"rule)", "flag_on_remove", fix='remove flag_on_remove, or use scope = "span"')
        if not _FLAG_KIND_RE.match(flag_on_remove):
            raise fail(f"invalid flag kind {flag_on_remove!r}", "flag_on_remove",
                       fix="use lower-case letters, digits and '_', like 'incomplete'")
    examples = []
    for item in table["examples"]:
        if not (isinstance(item, dict) and set(item) in ({"input", "output"},
                                                         {"input", "output", "lifted"})
                and isinstance(item["input"], str) and isinstance(item["output"], str)):
            raise fail("each example must be a table { input = \"…\", output = \"…\" } "
                       "(and lifted = { key = \"value\" } for a lifting rule)", "examples")
        if item["input"] == item["output"]:
            raise fail(f"example {item['input']!r} does not change: put it under keeps", "examples")
        lifted = item.get("lifted", {})
        if lifted and not lift:
            raise fail("an example shows lifted values, but the rule lifts nothing", "examples",
                       fix="add lift = { group = \"key\" } and lift_into, or remove lifted")
        if not (isinstance(lifted, dict) and all(isinstance(v, str) for v in lifted.values())):
            raise fail("lifted must be a table of strings { key = \"value\" }", "examples")
        unknown = sorted(set(lifted) - {key for _, key in lift})
        if unknown:
            raise fail(f"an example lifts {unknown[0]!r}, a key the rule's lift does not fill",
                       "examples", fix=f"use one of {', '.join(sorted({k for _, k in lift}))}")
        examples.append(Example(item["input"], item["output"], tuple(lifted.items())))
    if not examples:
        raise fail("a rule needs at least one example", "examples")
    if not table["keeps"]:
        raise fail("a rule needs at least one keep: real report text it must leave alone", "keeps")
    max_length = table.get("max_length", DEFAULT_MAX_LENGTH)
    if max_length < 1:
        raise fail("max_length must be a positive number of characters", "max_length")
    return Rule(
        id=table["id"], stage=table["stage"], description=table["description"].strip(),
        scope=scope, pattern=pattern, replacement=replacement,
        triggers=tuple(table.get("triggers", ())), max_length=max_length, min_count=min_count,
        flag=table.get("flag", ""), terms=tuple(table.get("terms", ())),
        tags=tuple(table.get("tags", ())), enabled=table.get("enabled", True),
        examples=tuple(examples), keeps=tuple(table["keeps"]), path=path, line=start,
        zone=zone, continuation=continuation,
        min_continuations=table.get("min_continuations", 1),
        max_lines=table.get("max_lines", DEFAULT_MAX_LINES), lift=lift, lift_into=lift_into,
        lift_pattern=lift_pattern, flag_on_remove=flag_on_remove, scorer=scorer,
        priority=_priority(table, fail),
    )


def _priority(table: dict[str, Any], fail: Any) -> int:
    """A rule's ``priority``: 0–100, ``DEFAULT_PRIORITY`` when not given."""
    priority = table.get("priority", DEFAULT_PRIORITY)
    if not 0 <= priority <= 100:
        raise fail(f"priority {priority} is out of range", "priority",
                   fix=f"use 0–100: higher runs first, {DEFAULT_PRIORITY} is the default")
    return priority


def _compile(source: str, flags: int, key: str, fail: Any, *, inline: bool = True,
             lazy: bool = False) -> regex.Pattern[str] | LazyPattern:
    """``source`` compiled, its ``(?&name)`` calls written out unless ``inline`` is False (a
    pattern that runs rarely compiles about five times faster with the calls left in); with
    ``lazy``, compiled (and checked) when first used."""
    if lazy:
        return LazyPattern(lambda: _compile(source, flags, key, fail, inline=inline))
    if inline:
        source = inline_subroutines(source, bool(flags & regex.VERBOSE))
    try:
        pattern = regex.compile(source, flags)
    except regex.error as exc:
        pos = f" at position {exc.pos}" if exc.pos is not None else ""
        raise fail(f"invalid {key}{pos}: {exc.msg}", key) from None
    if pattern.search(""):
        raise fail(f"the {key} matches the empty string", key,
                   fix="make it match at least one character")
    return pattern


def _block_fields(table: dict[str, Any], scope: str, flags: int, fail: Any, *,
                  lazy: bool = False) -> regex.Pattern[str] | LazyPattern | None:
    """The continuation pattern of a block rule; the block fields are for block rules only."""
    block_keys = [key for key in ("continuation", "min_continuations", "max_lines") if key in table]
    if scope != "block":
        if block_keys:
            raise fail(f"{block_keys[0]} is for block rules (this one has scope {scope!r})",
                       block_keys[0], fix=f'remove {block_keys[0]}, or use scope = "block"')
        return None
    if "continuation" not in table:
        raise fail("a block rule needs a continuation pattern: what the lines after its first "
                   "line look like", fix="add continuation = '…'")
    if table.get("min_continuations", 1) < 0:
        raise fail("min_continuations must be 0 or more", "min_continuations")
    if table.get("max_lines", DEFAULT_MAX_LINES) < 1:
        raise fail("max_lines must be a positive number of lines", "max_lines")
    return _compile(table["continuation"], flags, "continuation", fail, lazy=lazy)


def _lift_fields(table: dict[str, Any], scope: str, flags: int, pattern: regex.Pattern[str],
                 continuation: regex.Pattern[str] | None, fail: Any,
                 ) -> tuple[tuple[tuple[str, str], ...], str, regex.Pattern[str] | None]:
    """``lift`` (group → key), ``lift_into`` and ``lift_pattern``, checked against each other
    and against the groups the patterns have."""
    keys = [key for key in ("lift", "lift_into", "lift_pattern") if key in table]
    if not keys:
        return (), "", None
    if scope not in DELETING_SCOPES:
        raise fail(f"only a rule that removes text lifts values (not a {scope} rule)", keys[0],
                   fix="remove the lift fields")
    if scope == "score" and "lift_pattern" not in table:
        raise fail("a score rule has no pattern to take values from: lift needs a lift_pattern",
                   keys[0], fix="add lift_pattern = '(?P<name>…)', run on each line removed")
    if "lift" not in table or "lift_into" not in table:
        missing = "lift_into" if "lift" in table else "lift"
        raise fail(f"{keys[0]} needs {missing}", keys[0],
                   fix='give both: lift = { group = "key" } and lift_into = "disclosure"')
    if not _KEY_RE.match(table["lift_into"]):
        raise fail(f"invalid metadata table {table['lift_into']!r}", "lift_into",
                   fix="use lower-case letters, digits and '_', like 'disclosure'")
    # a lift pattern runs only on what a rule removed: its grammar is not written out
    lift_pattern = (_compile(table["lift_pattern"], flags, "lift_pattern", fail, inline=False)
                    if "lift_pattern" in table else None)
    sources = [lift_pattern] if lift_pattern is not None else [p for p in (pattern, continuation) if p]
    groups = {name for p in sources for name in p.groupindex}
    pairs: list[tuple[str, str]] = []
    for group, key in table["lift"].items():
        if group not in groups:
            where = "lift_pattern" if lift_pattern is not None else "pattern"
            raise fail(f"lift names group {group!r}, which the {where} does not have", "lift",
                       fix=f"name a group (?P<{group}>…) in the {where}, or use one of "
                           f"{', '.join(sorted(groups)) or '(no named groups)'}")
        if not (isinstance(key, str) and _KEY_RE.match(key)):
            raise fail(f"lift maps {group!r} to {key!r}: a key must be snake_case", "lift",
                       fix='like lift = { idx = "index_number" }')
        pairs.append((group, key))
    if not pairs:
        raise fail("lift is empty", "lift", fix='add group = "key" pairs')
    return tuple(pairs), table["lift_into"], lift_pattern


def _check_group_refs(replacement: str, pattern: regex.Pattern[str], fail: Any) -> None:
    for name, number in re.findall(r"\\g<([^>]*)>|\\(\d+)", replacement):
        ref = name or number
        ok = (int(ref) <= pattern.groups) if ref.isdigit() else ref in pattern.groupindex
        if not ok:
            raise fail(f"replacement refers to group {ref!r}, which the pattern does not have",
                       "replacement")
