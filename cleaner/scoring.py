"""Scored line rules: a line is boilerplate when enough weighted evidence adds up.

A closed list of wordings (``分享到：微信 微博``) misses the next site's wording (``分享到：QQ
新浪微博``). A ``score`` rule instead sums *features*, each a class of evidence with a weight::

    [[rule]]
    id = "chrome.scored-line"
    stage = "boilerplate"
    scope = "score"
    threshold = 4
    max_length = 60
    features = [
      { name = "ui-word", pattern = '分享|收藏|回复', weight = 2, max_hits = 2 },
      { name = "edge-zone", zone = "edges", weight = 1 },
      { name = "sentence-end", pattern = '[。！？]$', weight = -6 },
    ]

A feature is a ``pattern`` searched in the stripped line, a list of literal ``terms`` (the same
as a pattern of them), a ``zone`` (``header``, ``footer``, ``edges``: the line lies there), or a
``coverage`` share: the line is made of chrome vocabulary, the matches of the features named in
``of`` covering at least that share of its letters, digits and Han characters (``返回顶部``,
``沙发``).
A ``model`` feature asks a line model (``cleaner.line_model``: the file named, relative to the
rule file) how much the line reads like chrome, and fires when its score reaches
``min_log_odds``: chrome of a wording no pattern names.
It adds ``weight`` points once, or once per distinct match up to ``max_hits``. A line whose sum
reaches ``threshold`` is deleted; the change (by ``chrome.scored-line``) gives as its reason
what fired::

    ui-word×2+4 edge-zone+1 = 5 ≥ 4

Six kinds of feature read the document the line lies in (``cleaner.outline``), found once per
document on first use:

- ``echo = 4``: the line names a line further down: its text without numbering, leaders, page
  and brackets (at least that many characters) is a title below it, or a title with its place
  and year (``1、罗针镇政府工作报告 ………… 3``). Only lines at the top of a document, before the first
  line any of them names, echo: a table of contents goes, the titles and headings it names stay;
- ``run = ["label-value"]``, ``min_run = 3``: the line is one of at least ``min_run`` lines in a
  row (blank lines between them allowed) on which one of the named features fires (a pattern,
  terms or echo feature defined before it), and none of the rule's vetoes (a negative pattern
  feature as strong as the threshold): a disclosure block, whatever its labels say;
  with ``above_title = true``, the run must end right above a title or a report's start (a
  block glued to its report's title);
- ``above = "toc-run"``: the next line holding text is the first line of a run of the named
  run feature (a table of contents' heading, of any wording);
- ``repeats = 2``: the line lies right above a title, and so do at least that many lines of its
  shape (its numbers as ``#``): the separators between the reports of a compilation
  (``◆ 第2份 ◆``, ``文档三``), whatever they look like;
- ``recurs = 2``: at least that many short lines of the document have the line's shape (a link
  back to the table of contents after each report of a compilation);
- ``heads = 2``: the line names the title right below it (its text without number and page, at
  least that many characters, is made of pieces of the title and the lines after it): a
  separator naming its report (``———— 高坪镇 ————``).

They are tried after the features of the line itself, and only when they decide: a line whose
sum reaches the threshold without them goes, and its reason does not mention them::

    echo+3 toc-run+2 = 5 ≥ 4

Negative weights carry the evidence of report text (a sentence end, a heading number), so that a
heading that holds a chrome word (``推进信息公开``) stays.

A rule may give a ``prefilter``: literals (the vocabulary of its features, separators, marks) of
which a line must hold one to be scored at all — one scan of a short line instead of a search
per feature, for the many lines that hold none.

Judging a line stops as soon as its sum can no longer reach the threshold: features are tried
positive patterns the threshold cannot be reached without first, then strongest negative, then
positive ones from the heaviest, coverage after them, features that read the document, zone
features last (finding a document's zones costs a pass over it), so a line ending in ``。``
costs one short search. Zone features are looked at only when they decide: a line whose sum
reaches the threshold without them goes, and its reason does not mention its zone.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parse tree of a pattern (``required_characters``)
import re._parser as sre_parse
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import regex
from ahocorasick_rs import AhoCorasick, Implementation

from cleaner.chardata import COMMON_CHARACTERS
from cleaner.errors import ConfigError
from cleaner.line_model import LineModel, load_model
from cleaner.outline import Outline
from cleaner.registry import unknown_name_message
from cleaner.subroutines import inline_subroutines
from cleaner.zones import Zones, find_zones

FEATURE_ZONES = ("header", "footer", "edges")
_FEATURE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "name": str, "weight": int, "pattern": str, "terms": list, "zone": str, "max_hits": int,
    "coverage": (float, int), "of": list, "echo": int, "run": list, "min_run": int, "above": str,
    "above_title": bool, "repeats": int, "heads": int, "recurs": int, "model": str,
    "min_log_odds": (float, int)}
_KINDS = ("pattern", "terms", "zone", "coverage", "model", "echo", "run", "above", "repeats", "heads",
          "recurs")
_DOCUMENT_KINDS = ("echo", "run", "above", "repeats", "heads", "recurs")
_COUNT_KINDS = {
    "echo": ("characters of a line's text that may name a title below", 4),
    "heads": ("characters of a line's text that may name the title below it", 2),
    "recurs": ("lines of one shape in the document", 2),
    "repeats": ("lines of one shape, each right above a title", 2),
}
"""The document features that take a count: what it counts, and an example value."""
_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")

InZone = Callable[[str], bool]
"""Whether the line being judged lies in a zone (``header``, ``footer`` or ``edges``)."""
Locate = Callable[[], tuple[Outline, int]]
"""The outline of the document of the line being judged (found on first use), and the line's
index in it."""


@dataclass(frozen=True)
class Feature:
    """One class of evidence: a pattern (or terms) found in the line, or the line's zone."""

    name: str
    weight: int
    pattern: regex.Pattern[str] | None = None
    zone: str = ""
    max_hits: int = 1
    coverage: float = 0.0
    of: tuple[str, ...] = ()
    """The features whose matches a coverage feature counts."""
    counted: bool = False
    """Whether a coverage feature counts this feature's matches (they must all be found)."""
    echo: int = 0
    """An echo feature: the fewest characters of a line's text that may name a title below."""
    run: tuple[Feature, ...] = ()
    """A run feature: the features one of which fires on each line of a run."""
    min_run: int = 2
    above_title: bool = False
    """For a run feature: the run must end right above a title block or a report's start."""
    breaks: tuple[Feature, ...] = ()
    """For a run feature: the rule's vetoes (negative pattern features as strong as its
    threshold); a line one of them fires on breaks a run."""
    above: Feature | None = None
    """An above feature: the run feature whose run starts on the next line holding text."""
    repeats: int = 0
    """A repeats feature: the fewest lines of one shape, each right above a title."""
    heads: int = 0
    """A heads feature: the fewest characters of a line's text that may name the title below."""
    recurs: int = 0
    """A recurs feature: the fewest short lines of one shape in the document."""
    model: LineModel | None = field(default=None, repr=False)
    """A model feature: the line model (``cleaner.line_model``) that scores the line."""
    min_log_odds: float = 0.0
    """For a model feature: the score at which it fires."""

    @property
    def document(self) -> bool:
        """Whether the feature reads the document (its outline) rather than the line."""
        return bool(self.echo or self.run or self.above or self.repeats or self.heads or self.recurs)

    @property
    def most(self) -> int:
        """The most points the feature can add (for a negative feature, 0)."""
        return max(0, self.weight * self.max_hits)

    def hits(self, line: str, in_zone: InZone, covered: dict[str, list[Span]],
             timeout: float | None = None, locate: Locate | None = None) -> int:
        """How many times the feature fires on ``line`` (at most ``max_hits``). A positive
        pattern feature notes where it matched in ``covered``; a coverage feature reads it.

        >>> covered = {}
        >>> ui = Feature("ui", 2, regex.compile("分享|收藏"), max_hits=2, counted=True)
        >>> ui.hits("收藏 分享 收藏", None, covered)
        2
        >>> Feature("all", 2, coverage=0.8, of=("ui",)).hits("收藏 分享 收藏", None, covered)
        1
        >>> Feature("edge", 1, zone="edges").hits("返回顶部", lambda z: z == "edges", covered)
        1
        """
        if self.coverage:
            spans = [span for name in self.of for span in covered.get(name, ())]
            return int(coverage(line, spans) >= self.coverage)
        if self.model is not None:
            return int(self.model.log_odds(line) >= self.min_log_odds)
        if self.pattern is None:  # a zone or the document: most features are patterns
            return self._placed(in_zone, timeout, locate)
        extra = {} if timeout is None else {"timeout": timeout}
        if self.max_hits == 1 and not self.counted:
            return int(self.pattern.search(line, **extra) is not None)
        seen: set[str] = set()
        for match in self.pattern.finditer(line, **extra):
            if match.group():
                seen.add(match.group())
                if self.counted:
                    covered.setdefault(self.name, []).append(match.span())
                elif len(seen) == self.max_hits:
                    break
        return min(len(seen), self.max_hits)

    def label(self, line: str) -> str:
        """How a change's reason names the feature that fired on ``line``: its name, and for a
        model feature the pieces of the line that weigh most towards chrome.

        >>> from cleaner.line_model import LineModel
        >>> Feature("model", 4, model=LineModel({"点击": 2.0, "重试": 1.5})).label("点击重试")
        'model(点击 重试)'
        """
        if self.model is None:
            return self.name
        return f"{self.name}({' '.join(self.model.evidence(line))})"

    def _placed(self, in_zone: InZone, timeout: float | None, locate: Locate | None) -> int:
        """The hits of a feature that reads where the line lies: its zone, or its document."""
        if self.zone:
            return int(in_zone(self.zone))
        if locate is None:  # a line judged alone has no document
            return 0
        outline, index = locate()
        if self.above is not None:
            below = outline.next_filled(index)
            return int(below is not None and not self.above.run_length(outline, index, timeout)
                       and self.above.run_length(outline, below, timeout) >= self.above.min_run)
        if self.run:
            return int(self.run_length(outline, index, timeout) >= self.min_run and (
                not self.above_title or outline.run_above_title(self.name, index)))
        if self.repeats:
            return int(outline.repeats(index) >= self.repeats)
        if self.heads:
            return int(outline.heads(index, self.heads))
        if self.recurs:
            return int(outline.recurs(index) >= self.recurs)
        return int(outline.echo(index, self.echo) is not None)

    def run_length(self, outline: Outline, index: int, timeout: float | None = None) -> int:
        """For a run feature: how long the run through line ``index`` is (0: none).

        >>> pair = Feature("pair", 1, regex.compile("^[编日类][码期别]：[0-9]+$"))
        >>> run = Feature("run", 3, run=(pair,), min_run=3)
        >>> [run.run_length(Outline.of("编码：1\\n日期：2\\n类别：3\\n正文"), i) for i in range(4)]
        [3, 3, 3, 0]
        """
        extra = {} if timeout is None else {"timeout": timeout}

        def fires(other: int) -> bool:
            text = outline.lines[other]
            return any(outline.echo(other, member.echo) is not None if member.echo
                       else member.pattern is not None and member.pattern.search(text, **extra)
                       for member in self.run) and not any(
                feature.pattern is not None and feature.pattern.search(text, **extra)
                for feature in self.breaks)

        return outline.run(self.name, index, fires)


Span = tuple[int, int]


def coverage(line: str, spans: list[Span]) -> float:
    """The share of the letters, digits and Han characters of ``line`` that lie in ``spans``.

    >>> coverage("返回 顶部", [(0, 2)]), coverage("——", [])
    (0.5, 0.0)
    """
    counted = [i for i, ch in enumerate(line) if ch.isalnum()]
    if not counted:
        return 0.0
    inside = set()
    for start, end in spans:
        inside.update(range(start, end))
    return sum(1 for i in counted if i in inside) / len(counted)


@dataclass(frozen=True)
class LineScore:
    """What fired on a line (feature name, hits, points) and the sum."""

    fired: tuple[tuple[str, int, int], ...]

    @property
    def total(self) -> int:
        return sum(points for _, _, points in self.fired)

    def reason(self, threshold: int) -> str:
        """The explanation recorded with a deletion (the change names the rule).

        >>> LineScore((("ui-word", 2, 4), ("edge-zone", 1, 1))).reason(4)
        'ui-word×2+4 edge-zone+1 = 5 ≥ 4'
        """
        parts = " ".join(f"{name}{f'×{hits}' if hits > 1 else ''}{points:+d}"
                         for name, hits, points in self.fired)
        relation = "≥" if self.total >= threshold else "<"
        return f"{parts} = {self.total} {relation} {threshold}"


@dataclass(frozen=True)
class Scorer:
    """A score rule's features and threshold."""

    features: tuple[Feature, ...]
    threshold: int
    prefilter: Prefilter | None = None
    """The literals a line must hold one of to be scored (``None``: every line is)."""
    order: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """The features' indexes in judging order (``_judging_order``)."""
    within: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """After each step of ``order``, the most points the features still to try can add."""
    steps: tuple[tuple[Feature, int, bool], ...] = field(init=False, repr=False, compare=False)
    """``order`` as the judge walks it: the feature, ``within``, and whether it reads the line's
    zone or document (tried only while the sum falls short)."""

    def __post_init__(self) -> None:
        best = sum(feature.most for feature in self.features)
        # a positive pattern (or model) without which the threshold is out of reach is tried
        # first: most lines fail it, and nothing else need be searched (a separator rule's
        # few-words, a model rule's model)
        necessary = {i for i, feature in enumerate(self.features)
                     if (feature.pattern is not None or feature.model is not None)
                     and best - feature.most < self.threshold}
        order = tuple(sorted(range(len(self.features)),
                             key=lambda i: (i not in necessary, _judging_order(self.features[i]))))
        rest = best
        within = []
        for index in order:
            rest -= self.features[index].most
            within.append(rest)
        object.__setattr__(self, "order", order)
        object.__setattr__(self, "within", tuple(within))
        object.__setattr__(self, "steps", tuple(
            (self.features[i], rest, bool(self.features[i].zone or self.features[i].document))
            for i, rest in zip(order, within, strict=True)))

    @cached_property
    def reads_model(self) -> bool:
        """Whether a feature of the rule asks a line model (``cleaner.line_model``)."""
        return any(feature.model is not None for feature in self.features)

    def score(self, line: str, in_zone: InZone, timeout: float | None = None,
              locate: Locate | None = None) -> LineScore:
        """Every feature's points on ``line`` (features in rule order)."""
        covered: dict[str, list[Span]] = {}
        fired: dict[int, tuple[str, int, int]] = {}
        for index in self.order:
            feature = self.features[index]
            hits = feature.hits(line, in_zone, covered, timeout, locate)
            if hits:
                fired[index] = (feature.label(line), hits, feature.weight * hits)
        return LineScore(tuple(fired[i] for i in sorted(fired)))

    def judge(self, line: str, in_zone: InZone, timeout: float | None = None,
              locate: Locate | None = None) -> LineScore | None:
        """The line's score when it reaches the threshold, else ``None``, trying as few
        features as it takes to know (see the module docstring).

        >>> scorer = Scorer((Feature("ui", 2, regex.compile("分享|收藏"), max_hits=2),
        ...                  Feature("end", -6, regex.compile("[。！？]$"))), threshold=4)
        >>> scorer.judge("收藏　分享", lambda z: False).total
        4
        >>> scorer.judge("收藏　分享经验。", lambda z: False) is None
        True
        """
        if self.prefilter is not None and not self.prefilter.admits(line):
            return None
        walk = self.walk
        # a feature whose literals the line lacks cannot fire (``required_literals``): it is
        # not searched, and adds nothing to the most the line may reach
        positions = (self.gate.open_for(line) if self.gate.automaton is not None
                     else range(len(walk)))
        rest = sum(walk[i][2] for i in positions)
        if rest < self.threshold:
            return None
        total = 0
        covered: dict[str, list[Span]] = {}
        fired: dict[int, tuple[str, int, int]] = {}
        for position in sorted(positions):
            index, feature, most, deferred = walk[position]
            if deferred and total >= self.threshold:
                break  # the line goes whatever its zone or document says: do not read them
            rest -= most
            hits = feature.hits(line, in_zone, covered, timeout, locate)
            if hits:
                fired[index] = (feature.label(line), hits, feature.weight * hits)
                total += feature.weight * hits
            if total + rest < self.threshold:
                return None
        return LineScore(tuple(fired[i] for i in sorted(fired)))

    @cached_property
    def gate(self) -> Gate:
        """The key characters of the positive pattern features (built on first use: it parses
        their patterns, which a run that never judges a line need not)."""
        return Gate.build([self.features[i] for i in self.order])

    def candidates(self, lines: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The ``lines`` (start, end, stripped line) ``judge`` may find reaching the threshold:
        those holding a key character of the prefilter, and of the gate when the features
        it does not gate cannot reach the threshold alone. One search per line, in C, instead
        of a call of ``judge`` for each of the many lines that hold none.

        >>> scorer = Scorer((Feature("ui", 4, regex.compile("分享|收藏")),), threshold=4)
        >>> scorer.candidates([(0, 4, "分享本页"), (5, 9, "全年工作")])
        [(0, 4, '分享本页')]
        """
        checks = self.admission
        if not checks:
            return list(lines)
        if len(checks) == 1:
            search = checks[0].search
            return [line for line in lines if search(line[2])]
        return [line for line in lines if all(check.search(line[2]) for check in checks)]

    @cached_property
    def admission(self) -> tuple[re.Pattern[str], ...]:
        """What ``candidates`` asks of a line: a key character of each of these classes."""
        checks = []
        if self.prefilter is not None:
            checks.append(self.prefilter.keys)
        if self.gate.admit is not None and self.gate.ungated < self.threshold:
            checks.append(self.gate.admit)
        return tuple(checks)

    @cached_property
    def walk(self) -> tuple[tuple[int, Feature, int, bool], ...]:
        """The features as ``judge`` walks them (``order``): index, feature, the most it adds,
        and whether it reads the line's zone or document."""
        return tuple((index, feature, feature.most, deferred)
                     for index, (feature, _, deferred) in zip(self.order, self.steps, strict=True))


@dataclass(frozen=True)
class Gate:
    """What a line must hold for each pattern feature of a score rule to fire on it: one of the
    feature's literals (``required_literals``). One Aho-Corasick pass over a line finds the
    literals it holds, and so which features may fire; the others are not searched (a feature
    that cannot fire adds nothing, so judging is unchanged), and a line whose possible positive
    features cannot reach the threshold is not judged further.

    >>> gate = Gate.build([Feature("ui", 2, regex.compile("享|收藏"), max_hits=2),
    ...                    Feature("end", -6, regex.compile("[。！？]$")),
    ...                    Feature("edge", 1, zone="edges")])
    >>> gate.admit.findall("收藏本页"), gate.ungated, [sorted(n) if n else n for n in gate.needs]
    (['藏'], 1, [['享', '收藏'], ['。', '！', '？'], None])
    >>> gate.always, gate.literals, gate.opens
    ((2,), ('。', '享', '收藏', '！', '？'), ((1,), (0,), (0,), (1,), (1,)))
    >>> sorted(gate.open_for("收藏本页")), sorted(gate.open_for("藏。"))
    ([0, 2], [1, 2])
    """

    needs: tuple[frozenset[str] | None, ...]
    """For each feature (in the order given), its literals; ``None``: not gated (a zone, the
    document, coverage, or a pattern whose literals are not known)."""
    ungated: int
    """The most points the features that are not gated add."""
    always: tuple[int, ...] = ()
    """The positions of the features that are not gated: tried on every line."""
    literals: tuple[str, ...] = ()
    """Every literal of the gated features, sorted."""
    opens: tuple[tuple[int, ...], ...] = ()
    """For each of ``literals``, the positions of the features it lets be tried."""
    admit: re.Pattern[str] | None = field(default=None, compare=False)
    """A character class of the rarest character of each literal of the positive features
    (``None``: none is gated): a line holding none of them gets no points from them."""
    automaton: AhoCorasick | None = field(default=None, compare=False, repr=False)
    """Finds ``literals`` (by index) in a line."""

    @classmethod
    def build(cls, features: Sequence[Feature]) -> Gate:
        needs = tuple(required_literals(f.pattern) if f.pattern is not None else None
                      for f in features)
        if not any(need is not None and f.weight > 0 for f, need in zip(features, needs, strict=True)):
            # no positive feature is gated: a line's possible points are known without a look,
            # and looking for the negative features' literals would cost every line a pass
            needs = (None,) * len(features)
        opens: dict[str, list[int]] = {}
        positive: set[str] = set()
        for position, (feature, need) in enumerate(zip(features, needs, strict=True)):
            for literal in need or ():
                opens.setdefault(literal, []).append(position)
                if feature.weight > 0:
                    positive.add(_key_character(literal))
        ungated = sum(f.most for f, need in zip(features, needs, strict=True) if need is None)
        always = tuple(i for i, need in enumerate(needs) if need is None)
        literals = tuple(sorted(opens))
        return cls.restore(needs, ungated, always, literals,
                           tuple(tuple(opens[literal]) for literal in literals),
                           _character_class(positive))

    @classmethod
    def restore(cls, needs: tuple[frozenset[str] | None, ...], ungated: int, always: tuple[int, ...],
                literals: tuple[str, ...], opens: tuple[tuple[int, ...], ...],
                admit: re.Pattern[str] | None) -> Gate:
        """A gate of these parts, its automaton built (an automaton does not pickle)."""
        # a contiguous NFA: a DFA of the literals of all score rules held ~5 MiB more, for a
        # fraction of a per cent of the stage's instructions
        automaton = (AhoCorasick(list(literals), implementation=Implementation.ContiguousNFA)
                     if literals else None)
        return cls(needs, ungated, always, literals, opens, admit, automaton)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Gate.restore, (self.needs, self.ungated, self.always, self.literals, self.opens,
                               self.admit))

    def open_for(self, line: str) -> set[int]:
        """The positions of the features that may fire on ``line``: those not gated, and those
        one of whose literals it holds."""
        positions = set(self.always)
        if self.automaton is not None:
            opens = self.opens
            # overlapping: every literal the line holds is found, a literal inside another too
            for index in {index for index, _, _ in
                          self.automaton.find_matches_as_indexes(line, overlapping=True)}:
                positions.update(opens[index])
        return positions


def _key_character(literal: str) -> str:
    """The character of ``literal`` least frequent in report text (``COMMON_CHARACTERS``).

    >>> _key_character("分享"), _key_character("的")
    ('享', '的')
    """
    return max(literal, key=lambda ch: _RANK.get(ch, len(_RANK)))


def _character_class(characters: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any one of ``characters`` (``None`` for none)."""
    every = sorted(characters)
    return re.compile("[" + "".join(re.escape(ch) for ch in every) + "]") if every else None


_COMMON = frozenset(COMMON_CHARACTERS[:200]) | frozenset(" \t\u3000")
_RANK = {ch: rank for rank, ch in enumerate(COMMON_CHARACTERS)}
"""How frequent each character is in report text (0: the most)."""
"""Characters frequent in report text: a poor key (``required_characters`` prefers others)."""
_WIDEST_RANGE = 128
"""A character range wider than this (``[一-龥]``) gives no key characters."""


def required_characters(pattern: regex.Pattern[str] | str, flags: int = 0) -> frozenset[str] | None:
    r"""Characters one of which every match of ``pattern`` holds, the rarest such set found; or
    ``None`` when no such set is known (a pattern that may match classes of characters only,
    ignores case, or uses syntax the analysis does not read).

    The pattern is parsed by Python's own regular expression parser (``re._parser``), with the
    ``regex`` properties (``\p{Han}``) read as ``\w``, a class the analysis treats as unknown;
    syntax ``re`` reads otherwise than ``regex`` (fuzzy matching, POSIX classes, nested sets)
    gives ``None``. A sequence needs what any one of its parts needs; an alternation what its
    branches need together; a repeat what its body does if it repeats at least once.

    >>> sorted(required_characters(regex.compile("(?:分享|收藏)到?[:：]")))
    ['分', '藏']
    >>> sorted(required_characters(regex.compile("[一二三]、|第[0-9]+页")))
    ['、', '第']
    >>> sorted(required_characters(regex.compile("^(?:顶|赞)+[！!]*$")))
    ['赞', '顶']
    >>> required_characters(regex.compile(r"\p{Han}{2,4}[:：]?")) is None
    True
    >>> required_characters(regex.compile("分享", regex.IGNORECASE)) is None
    True
    """
    tree = _parse(pattern, flags)
    return None if tree is None else _sequence_needs(tree)


def required_literals(pattern: regex.Pattern[str] | str, flags: int = 0) -> frozenset[str] | None:
    r"""Strings one of which the text searched holds wherever ``pattern`` matches, from the
    match's start on: the rarest such set found, or ``None`` when none is known. The analysis
    extends ``required_characters``'s: a run of literal characters in a sequence is one string,
    which every match of the sequence holds whole; what a lookahead needs counts too (it lies
    after the match's start, and a search never looks past the end of the text or region
    searched), and a conditional needs what its branches need together. A line (or region)
    that holds none of them cannot hold a match: the pattern need not be searched there.

    >>> sorted(required_literals(regex.compile("(?:分享|收藏)到?[:：]")))
    ['分享', '收藏']
    >>> sorted(required_literals(regex.compile("[一二三]、|第[0-9]+页")))
    ['、', '第']
    >>> sorted(required_literals(regex.compile(r"(?x) 返回 \s* 顶部 | 回到顶部")))
    ['回到顶部', '返回']
    >>> required_literals(regex.compile(r"\p{Han}{2,4}[:：]?")) is None
    True
    >>> sorted(required_literals(r"(?<=关注)\p{Han}+(?=公众号|微信)")), required_literals(r"(?<=关注)号")
    (['公众号', '微信'], frozenset({'号'}))
    """
    tree = _parse(pattern, flags)
    if tree is None:
        return None
    # what the match itself holds is the better key: what a lookahead sees only when it is all
    return _sequence_literals(tree, ahead=False) or _sequence_literals(tree, ahead=True)


def required_literal_sets(pattern: regex.Pattern[str] | str, flags: int = 0,
                          most: int = 3) -> tuple[frozenset[str], ...]:
    r"""Sets of strings (at most ``most``, the rarest first) of each of which the text searched
    holds one wherever ``pattern`` matches (see ``required_literals``): what the parts of the
    pattern's top sequence need, every one of them. A region lacking all of one set's strings
    cannot hold a match; asking for several sets rejects more regions than the rarest alone,
    when which is rarest in a document is not known (blanks, or the words of a title).

    >>> [sorted(need) for need in required_literal_sets(r"[ 　]+(?:工作)?(?:报告|总结)$")]
    [['总结', '报告'], [' ', '\u3000']]
    >>> required_literal_sets(r"\p{Han}+")
    ()
    """
    tree = _parse(pattern, flags)
    if tree is None:
        return ()
    found = _sequence_candidates(tree, ahead=False) or _sequence_candidates(tree, ahead=True)
    return tuple(sorted(set(found), key=_literal_rarity)[:most])


def _parse(pattern: regex.Pattern[str] | str, flags: int) -> Any:
    """``pattern``'s parse tree by ``re``'s parser, or ``None`` when that would not read it as
    ``regex`` does (see ``required_characters``)."""
    if isinstance(pattern, str):
        source = pattern
    else:
        source, flags = pattern.pattern, pattern.flags
    if flags & regex.IGNORECASE or _UNREAD_SYNTAX.search(source):
        return None
    source = _PROPERTY_RE.sub(r"\\w", source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a FutureWarning: a construct re reads otherwise
            tree = sre_parse.parse(source, re.VERBOSE if flags & regex.VERBOSE else 0)
    except (re.error, Warning, RecursionError, ValueError, TypeError, OverflowError):
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    return tree


_PROPERTY_RE = re.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
_UNREAD_SYNTAX = re.compile(
    r"\[:\^?[a-z]+:\]|\{[edis]\s*(?:[<=}]|$)|\(\?[|&]|\(\?\((?!\w+\))|\\[LXGKmMh]"
    r"|\(\?[a-zA-Z]*[V01fbew]|\(\?[a-zA-Z]*i[a-zA-Z]*(?![a-zA-Z:])")
"""What ``regex`` reads otherwise than ``re`` or ``re`` cannot read: POSIX classes, fuzzy
constraints, branch resets, subroutine calls, conditionals on anything but a group (``re``
reads ``(?(glued)…|…)`` as ``regex`` does, and refuses ``(?(DEFINE)…)``: no group has that
name), named lists and other ``regex`` escapes, ``regex``-only inline flags and case ignored
for the whole pattern (a group that ignores case, ``(?i:…)``, is a node the analysis knows
nothing of)."""


def _sequence_needs(items: Any) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for item in items:
        need = _node_needs(item)
        if need is not None and (best is None or _rarity(need) < _rarity(best)):
            best = need
    return best


def _rarity(need: frozenset[str]) -> int:
    """How often a line holds one of ``need``, roughly: lower is a better key."""
    return sum(8 if ch in _COMMON else 1 for ch in need)


def _node_needs(node: tuple[Any, Any]) -> frozenset[str] | None:
    """What one node of a parse tree needs (see ``required_characters``)."""
    op, value = node
    if op is sre.LITERAL:
        return frozenset(chr(value))
    if op is sre.IN:
        found: set[str] = set()
        for kind, item in value:
            if kind is sre.LITERAL:
                found.add(chr(item))
            elif kind is sre.RANGE and item[1] - item[0] <= _WIDEST_RANGE:
                found.update(map(chr, range(item[0], item[1] + 1)))
            else:  # a negated class, a category (\d, \w), a wide range: anything
                return None
        return frozenset(found)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, _, body = value
        return _sequence_needs(body) if least >= 1 else None
    if op is sre.SUBPATTERN:
        _, add_flags, _, body = value
        return None if add_flags & sre.SRE_FLAG_IGNORECASE else _sequence_needs(body)
    if op is sre.ATOMIC_GROUP:
        return _sequence_needs(value)
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            need = _sequence_needs(branch)
            if need is None:
                return None
            union |= need
        return frozenset(union)
    return None  # anchors, lookarounds, group references, any character: nothing known


def _sequence_literals(items: Any, ahead: bool) -> frozenset[str] | None:
    """What a sequence needs: the rarest of what its parts need (``_sequence_candidates``)."""
    return min(_sequence_candidates(items, ahead), key=_literal_rarity, default=None)


def _sequence_candidates(items: Any, ahead: bool) -> list[frozenset[str]]:
    """What each part of a sequence needs (every one of them is needed), a run of literal
    characters being one part: a match of the sequence holds the run whole; with ``ahead``,
    what its lookaheads need too."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    items = list(items)
    for position, item in enumerate(items):
        need: frozenset[str] | None
        if item[0] is sre.LITERAL:
            run.append(chr(item[1]))
            if position + 1 < len(items) and items[position + 1][0] is sre.LITERAL:
                continue
            need, run = frozenset(["".join(run)]), []
        else:
            need = _node_literals(item, ahead)
        if need is not None:
            found.append(need)
    return found


def _literal_rarity(need: frozenset[str]) -> float:
    """How often a line holds one of ``need``, roughly: lower is a better key."""
    return sum((8 if all(ch in _COMMON for ch in literal) else 1) / len(literal) for literal in need)


def _node_literals(node: tuple[Any, Any], ahead: bool) -> frozenset[str] | None:
    """What one node of a parse tree needs (see ``required_literals``)."""
    op, value = node
    if op in (sre.LITERAL, sre.IN):
        return _node_needs(node)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, _, body = value
        return _sequence_literals(body, ahead) if least >= 1 else None
    if op is sre.SUBPATTERN:
        _, add_flags, _, body = value
        return None if add_flags & sre.SRE_FLAG_IGNORECASE else _sequence_literals(body, ahead)
    if op is sre.ATOMIC_GROUP:
        return _sequence_literals(value, ahead)
    if op is sre.ASSERT and value[0] == 1 and ahead:  # what it sees lies before the end
        return _sequence_literals(value[1], ahead)
    branches = (value[1] if op is sre.BRANCH
                else value[1:] if op is sre.GROUPREF_EXISTS  # a conditional: yes or no
                else [None])
    union: set[str] = set()
    for branch in branches:
        need = None if branch is None else _sequence_literals(branch, ahead)
        if need is None:
            return None  # anchors, lookbehinds, group references, any character: nothing known
        union |= need
    return frozenset(union)


class Place:
    """Where the line being judged lies: at ``start`` (set before each judgement) in ``text``,
    whose zones and outline are found on first use, once for all its lines.

    >>> place = Place("返回顶部\\n各位代表：\\n正文。\\n返回顶部")
    >>> place.start = 0
    >>> place.in_zone("header"), place.locate()[1]
    (True, 0)
    """

    def __init__(self, text: str, zones: Zones | None = None) -> None:
        self.text = text
        self.start = 0
        self._zones = zones
        self._outline: Outline | None = None

    def in_zone(self, zone: str) -> bool:
        """Whether the line lies in ``zone`` (``header``, ``footer`` or ``edges``)."""
        if self._zones is None:
            self._zones = find_zones(self.text)
        return Zones.contains(self._zones.spans(zone), self.start)

    def locate(self) -> tuple[Outline, int]:
        """The text's outline, and the line's index in it."""
        if self._outline is None:
            self._outline = Outline.shared(self.text)
        return self._outline, self._outline.index(self.start)


def _judging_order(feature: Feature) -> tuple[int, int]:
    """Strongest negative evidence first, then positive from the heaviest, then coverage (it
    reads what they matched); then the features that read the document, runs after the echoes
    they may count, and zones last."""
    stage = (4 if feature.zone else 3 if feature.run or feature.above or feature.repeats
             else 2 if feature.echo or feature.heads or feature.recurs else 1 if feature.coverage
             else 0)
    return (stage, feature.weight if feature.weight < 0 else 100 - feature.weight)


Fail = Callable[..., Exception]
"""``fail(problem, feature=name, fix=…)`` → the error to raise, naming file, line and rule."""


def parse_scorer(table: dict[str, Any], flags: int, fail: Fail, base: Path | None = None) -> Scorer:
    """The ``threshold`` and ``features`` of a score rule's table, validated; a model feature's
    file is found relative to ``base``, the rule file's folder."""
    if "threshold" not in table:
        raise fail("a score rule needs a threshold: the sum at which a line is deleted",
                   key="threshold", fix="add threshold = 4")
    threshold = table["threshold"]
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1:
        raise fail(f"threshold must be a positive whole number (not {threshold!r})", key="threshold")
    raw = table.get("features")
    if not isinstance(raw, list) or not raw:
        raise fail("a score rule needs features: the evidence it adds up", key="features",
                   fix="add features = [{ name = \"ui-word\", pattern = '…', weight = 2 }, …]")
    features: list[Feature] = []
    for number, item in enumerate(raw, start=1):
        features.append(_parse_feature(item, number, flags, fail, features, base))
        names = [f.name for f in features]
        if names.count(features[-1].name) > 1:
            raise fail(f"two features are named {features[-1].name!r}", feature=features[-1].name,
                       occurrence=2, fix="give each feature its own name: the reason shows it")
    counted = {name for feature in features for name in feature.of}
    features = [replace(f, counted=True) if f.name in counted else f for f in features]
    # a line with evidence of report text that vetoes it (a negative pattern feature at least as
    # strong as the threshold) breaks a run
    breaks = tuple(f for f in features if f.pattern is not None and f.weight <= -threshold)
    runs = {f.name: replace(f, breaks=breaks) for f in features if f.run}
    features = [runs.get(f.name, f) if f.run else
                replace(f, above=runs[f.above.name]) if f.above is not None else f for f in features]
    best = sum(f.most for f in features)
    if best < threshold:
        raise fail(f"the features add up to at most {best}, below the threshold {threshold}: the "
                   f"rule can never delete a line", key="threshold",
                   fix="lower the threshold or add positive features")
    return Scorer(tuple(features), threshold, _prefilter(table.get("prefilter"), fail))


@dataclass(frozen=True)
class Prefilter:
    """Literals a line must hold one of. Each literal has a key character, its rarest in
    report text (``COMMON_CHARACTERS``): one scan for the key characters (a character class,
    which ``re`` runs far faster than an alternation of the literals) rejects most lines or
    regions at once. A short line is looked at by one Aho-Corasick pass for the literals; a
    region by a scan for the key characters, the literals of the keys found checked with
    ``str.find``.

    >>> gate = Prefilter.build(["分享", "QQ空间", "|"])
    >>> gate.admits("分享到：微信"), gate.admits("经验｜分 享"), gate.admits("a|b")
    (True, False, True)
    """

    keys: re.Pattern[str]
    literals: dict[str, tuple[str, ...]]
    """For each key character, the literals it stands for (a literal of one character: itself)."""
    few: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """The literals, when there are few (``_FEW_LITERALS``): a region is searched for each."""

    @classmethod
    def build(cls, literals: Sequence[str]) -> Prefilter:
        by_key: dict[str, list[str]] = {}
        every = sorted(set(literals))
        for literal in every:
            by_key.setdefault(_key_character(literal), []).append(literal)
        keys = re.compile("[" + "".join(re.escape(ch) for ch in sorted(by_key)) + "]")
        return cls(keys, {key: tuple(found) for key, found in by_key.items()},
                   tuple(every) if len(every) <= _FEW_LITERALS else ())

    def __reduce__(self) -> tuple[Any, ...]:
        # the automaton does not pickle: a worker process builds it again from the literals
        return (Prefilter.build, (sorted({literal for found in self.literals.values()
                                          for literal in found}),))

    @cached_property
    def automaton(self) -> AhoCorasick:
        """Finds the literals in a line: built on first use (a prefilter of regions, a rule's
        ``needs``, never asks for it), a contiguous NFA (a DFA costs megabytes)."""
        return AhoCorasick(sorted({literal for found in self.literals.values() for literal in found}),
                           implementation=Implementation.ContiguousNFA)

    def admits(self, line: str) -> bool:
        """Whether ``line`` holds one of the literals."""
        return bool(self.automaton.find_matches_as_indexes(line))

    def admits_region(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds one of the literals (each key character found is
        looked at once: a long region holds common ones many times).

        >>> gate = Prefilter.build(["分享", "|"])
        >>> gate.admits_region("分 享｜分享", 0, 4), gate.admits_region("分 享｜分享", 2, 6)
        (False, True)
        """
        if self.few:  # a search for each, at memchr speed
            return any(text.find(literal, start, end) >= 0 for literal in self.few)
        seen: set[str] = set()
        for match in self.keys.finditer(text, start, end):
            key = match.group()
            if key in seen:
                continue
            seen.add(key)
            for literal in self.literals[key]:
                if literal == key or text.find(literal, start, end) >= 0:
                    return True
        return False


_FEW_LITERALS = 6
"""Up to this many literals, a region is searched for each with ``str.find`` (a scan for one
character, or a short string, at memchr speed) rather than scanned for a class of their key
characters (a class of CJK characters costs ``re`` tens of instructions a character)."""


def _prefilter(literals: object, fail: Fail) -> Prefilter | None:
    """The rule's ``prefilter``, checked."""
    if literals is None:
        return None
    if not (isinstance(literals, list) and literals
            and all(isinstance(t, str) and t and "\n" not in t for t in literals)):
        raise fail("prefilter must be a list of non-empty literals within a line", key="prefilter",
                   fix='like prefilter = ["分享", "|", "【"]')
    return Prefilter.build(literals)


def _parse_feature(item: object, number: int, flags: int, fail: Fail,
                   earlier: Sequence[Feature], base: Path | None = None) -> Feature:
    if not isinstance(item, dict):
        raise fail(f"feature {number} must be a table {{ name = \"…\", pattern = '…', weight = 2 }}",
                   key="features")
    label = item.get("name") if isinstance(item.get("name"), str) else None

    def bad(problem: str, fix: str | None = None) -> Exception:
        named = f"feature {label!r}" if label else f"feature {number}"
        return fail(f"{named}: {problem}", feature=label, key="features", fix=fix)

    for key in item:
        if key not in _FEATURE_FIELDS:
            raise bad(unknown_name_message("feature field", key, list(_FEATURE_FIELDS)))
    for key in ("name", "weight"):
        if key not in item:
            raise bad(f"missing {key!r}", fix=f"add {key} = …" if key == "name" else "add weight = 2")
    for key, expected in _FEATURE_FIELDS.items():
        value = item.get(key)
        wrong_bool = isinstance(value, bool) and expected is not bool  # True is an int to Python
        if key in item and (not isinstance(value, expected) or wrong_bool):
            kind = expected.__name__ if isinstance(expected, type) else "number"
            raise bad(f"{key!r} must be a {kind} (not {value!r})")
    if not _NAME_RE.match(item["name"]):
        raise bad("invalid name", fix="use lower-case letters, digits, '-' and '_', like 'ui-word'")
    if item["weight"] == 0:
        raise bad("weight 0 adds nothing", fix="give a positive weight for evidence of noise, a "
                                               "negative one for evidence of report text")
    kinds = [key for key in _KINDS if key in item]
    if len(kinds) != 1:
        raise bad("a feature needs exactly one of pattern, terms, zone, coverage or model (line), "
                  "echo, run, above, repeats, heads or recurs (document)"
                  + (f" (not {' and '.join(kinds)})" if kinds else ""),
                  fix="pattern = '…' (searched in the line), terms = [\"…\"], zone = \"edges\", "
                      "coverage = 0.8, model = \"models/chrome-lines.json\", echo = 4, "
                      "run = [\"label-value\"], above = \"toc-run\", repeats = 2, heads = 2 or recurs = 2")
    max_hits = item.get("max_hits", 1)
    if max_hits < 1:
        raise bad("max_hits must be 1 or more")
    if "coverage" in item:
        return _coverage_feature(item, max_hits, earlier, bad)
    if "of" in item:
        raise bad("only a coverage feature takes of", fix="remove of, or add coverage = 0.6")
    if "model" in item:
        return _model_feature(item, max_hits, base, bad)
    if "min_log_odds" in item:
        raise bad("only a model feature takes min_log_odds",
                  fix='remove min_log_odds, or add model = "models/chrome-lines.json"')
    for key in ("min_run", "above_title"):
        if key in item and "run" not in item:
            raise bad(f"only a run feature takes {key}", fix=f'remove {key}, or add run = ["…"]')
    if kinds[0] in _DOCUMENT_KINDS:
        return _document_feature(item, max_hits, earlier, bad)
    if "zone" in item:
        if item["zone"] not in FEATURE_ZONES:
            raise bad(unknown_name_message("zone", item["zone"], FEATURE_ZONES),
                      fix='zone = "edges": the lines before the report starts or after its close')
        if max_hits != 1:
            raise bad("a zone feature fires once: it takes no max_hits")
        return Feature(item["name"], item["weight"], zone=item["zone"])
    if "terms" in item:
        if not (item["terms"] and all(isinstance(t, str) and t for t in item["terms"])):
            raise bad("terms must be a list of non-empty strings")
        from cleaner.rule_files import terms_pattern  # here: rule_files imports this module

        source = terms_pattern(item["terms"])
    else:
        source = item["pattern"]
    try:
        pattern = regex.compile(inline_subroutines(source, bool(flags & regex.VERBOSE)), flags)
    except regex.error as exc:
        pos = f" at position {exc.pos}" if exc.pos is not None else ""
        raise bad(f"invalid pattern{pos}: {exc.msg}") from None
    if pattern.search(""):
        raise bad("the pattern matches the empty string", fix="make it match at least one character")
    return Feature(item["name"], item["weight"], pattern, max_hits=max_hits)



def _model_feature(item: dict[str, Any], max_hits: int, base: Path | None,
                   bad: Callable[..., Exception]) -> Feature:
    """A model feature: the line model in the file ``model`` names (relative to the rule
    file's folder) scores the line at ``min_log_odds`` or more; it fires once."""
    if max_hits != 1:
        raise bad("a model feature fires once: it takes no max_hits")
    if "min_log_odds" not in item:
        raise bad("a model feature needs min_log_odds: the score at which it fires",
                  fix="add min_log_odds = 12")
    path = Path(item["model"]) if base is None else base / item["model"]
    try:
        model = load_model(path.resolve())
    except ConfigError as exc:
        raise bad(str(exc), fix="name a model file beside the rule file, like models/chrome-lines.json"
                  ) from None
    return Feature(item["name"], item["weight"], model=model, min_log_odds=float(item["min_log_odds"]))


def _document_feature(item: dict[str, Any], max_hits: int, earlier: Sequence[Feature],
                      bad: Callable[..., Exception]) -> Feature:
    """An echo, run, above or repeats feature: it reads the document, fires once, with a
    positive weight; a run counts earlier pattern, terms or echo features, an above names an
    earlier run."""
    kind = next(key for key in _DOCUMENT_KINDS if key in item)
    if max_hits != 1 or item["weight"] < 0:
        raise bad(f"a{'n' if kind[0] in 'ae' else ''} {kind} feature fires once, with a positive weight",
                  fix="remove max_hits; give a positive weight")
    name, weight = item["name"], item["weight"]
    if kind in _COUNT_KINDS:
        what, example = _COUNT_KINDS[kind]
        if item[kind] < 2:
            raise bad(f"{kind} is the fewest {what}, 2 or more (not {item[kind]!r})",
                      fix=f"{kind} = {example}")
        return Feature(name, weight, **{kind: item[kind]})
    if kind == "above":
        runs = {f.name: f for f in earlier if f.run}
        if item["above"] not in runs:
            raise bad(unknown_name_message("run feature", item["above"], sorted(runs)),
                      fix="name a run feature defined before this one")
        return Feature(name, weight, above=runs[item["above"]])
    members = {f.name: f for f in earlier if (f.pattern is not None or f.echo) and f.weight > 0}
    if not item["run"] or not all(isinstance(member, str) for member in item["run"]):
        raise bad("run must list the features that fire on each line of a run",
                  fix='like run = ["label-value"]')
    for member in item["run"]:
        if member not in members:
            raise bad(unknown_name_message("feature to run", member, sorted(members)),
                      fix="name a positive pattern, terms or echo feature defined before this one")
    min_run = item.get("min_run", 2)
    if min_run < 2:
        raise bad(f"min_run is the fewest lines of a run, 2 or more (not {min_run!r})", fix="min_run = 3")
    return Feature(name, weight, run=tuple(members[m] for m in item["run"]), min_run=min_run,
                   above_title=item.get("above_title", False))


def _coverage_feature(item: dict[str, Any], max_hits: int, earlier: Sequence[Feature],
                      bad: Callable[..., Exception]) -> Feature:
    """A coverage feature: a share, and the earlier positive pattern features it counts."""
    if not 0 < item["coverage"] <= 1:
        raise bad(f"coverage is a share of the line, above 0 and at most 1 (not {item['coverage']!r})")
    if max_hits != 1 or item["weight"] < 0:
        raise bad("a coverage feature fires once, with a positive weight")
    counted = {f.name for f in earlier if f.pattern is not None and f.weight > 0}
    of = item.get("of")
    if not of:
        raise bad("a coverage feature needs the features whose matches it counts",
                  fix='add of = ["ui-word", …]')
    for name in of:
        if name not in counted:
            raise bad(unknown_name_message("feature to count", str(name), sorted(counted)),
                      fix="name a positive pattern or terms feature defined before this one")
    return Feature(item["name"], item["weight"], coverage=float(item["coverage"]), of=tuple(of))
