"""Normalization: punctuation, numbers and units, and script, the way GB/T 15834 and 15835 say.

Other tools get this wrong in ways we must not: they turn ``，。`` into ``,.``, straighten curly
quotes, or delete text in brackets. Here every change is a named rule or a named fix, made only
in Chinese context, and protected material (URLs, e-mail addresses, times, decimals, IDs,
English, protected names) is never changed.

Steps, in order; each sees the text the previous one produced:

1. script       span rules tagged ``script`` (pinyin residue), then OpenCC when the
                document needs converting (``cleaner.normalize.script``)
2. width        full-width letters, digits and ``％`` to half-width (``cleaner.normalize.width``)
3. units        span rules tagged ``units``: unit symbols, spaces in and after numbers
4. punctuation  the other span rules: half-width marks in Chinese context, ellipses,
                dashes, ranges, 文号 brackets, corner brackets
5. pairs        round brackets and quotes, converted as pairs (``cleaner.normalize.brackets``,
                ``cleaner.normalize.quotes``)
6. residue      the ``script`` span rules once more: residue is removed only when it recurs,
                and the steps above can add to the count
7. flags        flag rules: placeholders, units without a number, 万-style digit grouping

Units come before punctuation because a unit symbol turning into Chinese (``m2`` → ``平方米``)
can put a mark into Chinese context; marks decide their context by looking through other
punctuation (``cleaner.normalize.chinese_context``), so the order of the punctuation steps
among themselves does not matter. Both keep the stage idempotent.

Protect rules (``scope = "protect"``) mark the material that no step may change: rules skip
matches that touch it, the pair steps skip marks inside it, OpenCC never sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.change import ChangeLog
from cleaner.errors import ConfigError, RuleTimeoutError
from cleaner.normalize.brackets import convert_brackets
from cleaner.normalize.quotes import convert_quotes
from cleaner.normalize.script import (
    SCRIPT_MODES,
    TO_SIMPLIFIED,
    convert_script,
    needs_conversion,
    traditional_or,
)
from cleaner.normalize.width import WIDE_CLASS, narrow_alnum
from cleaner.ruleset import Rule, Span, merge_spans
from cleaner.triggers import TriggerIndex

if TYPE_CHECKING:
    from cleaner.config import CleanConfig
    from cleaner.pipeline import StageContext

NAME = "normalization"
SCRIPT_TAG = "script"
UNITS_TAG = "units"
CORNER_BRACKETS_TAG = "corner-brackets"
MAX_PASSES = 3
"""Passes over a document at most (see ``normalize``); residue rarely needs more than two."""


@dataclass(frozen=True)
class NormalizationOptions:
    """The options of this stage, with their defaults (mirrored by ``CleanConfig``)."""

    script: str = "t2s"
    """OpenCC conversion: ``t2s``, ``tw2s`` or ``hk2s`` turn Traditional documents into
    Simplified ones; ``s2t`` turns Simplified documents into Traditional; ``keep`` converts
    nothing. Documents already in the target script are never run through OpenCC."""
    keep_corner_brackets: bool = False
    """Keep the corner brackets 「」 and 『』 (HK/TW material) instead of making them “” and ‘’."""

    def __post_init__(self) -> None:
        if self.script not in SCRIPT_MODES:
            raise ConfigError(f"invalid value for script, expected one of "
                              f"{', '.join(SCRIPT_MODES)} (not {self.script!r})")


def options_from(config: CleanConfig) -> NormalizationOptions:
    """The normalization options a configuration asks for."""
    return NormalizationOptions(script=config.script,
                                keep_corner_brackets=config.keep_corner_brackets)


class _Protection:
    """The protected spans of the current text, found by the protect rules.

    Spans are looked for once; they are looked for again after a change only if there were
    some, since no step creates a URL or a protected name where there was none.
    """

    def __init__(self, rules: Sequence[Rule], timeout: float | None,
                 log: ChangeLog | None) -> None:
        self.rules = rules
        self.timeout = timeout
        self.log = log
        self._text: str | None = None
        self._spans: list[Span] = []

    def spans(self, text: str) -> list[Span]:
        if text is self._text or (self._text is not None and not self._spans):
            return self._spans
        found: list[Span] = []
        for rule in self.rules:
            try:
                found.extend(rule.spans(text, self.timeout))
            except RuleTimeoutError as exc:
                if self.log is not None:
                    self.log.flag("rule_timeout", str(exc))
        self._text, self._spans = text, merge_spans(found)
        return self._spans


class _Triggers:
    """Which triggers occur in the stage's input, for all its rules at once: one scan finds
    the triggers of two characters or more, ``in`` the one-character ones.

    Each rule looked for its own triggers in the whole text before (``Rule._present``), which
    cost half the stage on canonical text, where most find nothing. One-character triggers
    (``,`` ``:`` the space) are left to ``in``, as fast as a scan: raw text holds them by the
    thousand, and a scan that reported each would cost more than it saves. The scan is not
    repeated after a change (on raw text nearly every line changes): the rules look for
    themselves then (``present`` gives ``None``).
    """

    def __init__(self, index: TriggerIndex, text: str) -> None:
        self.text = text
        self.found = index.present(text)

    def present(self, text: str) -> _Triggers | None:
        return self if text is self.text else None

    def __contains__(self, trigger: object) -> bool:
        if not isinstance(trigger, str):
            return False
        return trigger in self.found if len(trigger) > 1 else trigger in self.text

    def __iter__(self) -> Iterator[str]:
        return iter(self.found)  # the one-character triggers are answered by ``in`` only

    def __len__(self) -> int:
        return len(self.found)


@dataclass(frozen=True)
class _Plan:
    """The stage's rules sorted into its steps."""

    protect: tuple[Rule, ...]
    script: tuple[Rule, ...]
    units: tuple[Rule, ...]
    punctuation: tuple[Rule, ...]
    flags: tuple[Rule, ...]
    index: TriggerIndex
    """The triggers of all the rules of two characters or more (see ``_Triggers``)."""


def plan_rules(rules: Sequence[Rule], options: NormalizationOptions) -> _Plan:
    """Sort the stage's rules into steps by scope and tag; drop corner-bracket rules when the
    options keep corner brackets.
    """
    spans = [r for r in rules if r.scope == "span"
             and not (options.keep_corner_brackets and CORNER_BRACKETS_TAG in r.tags)]
    return _Plan(
        protect=tuple(r for r in rules if r.scope == "protect"),
        script=tuple(r for r in spans if SCRIPT_TAG in r.tags),
        units=tuple(r for r in spans if UNITS_TAG in r.tags and SCRIPT_TAG not in r.tags),
        punctuation=tuple(r for r in spans if SCRIPT_TAG not in r.tags
                          and UNITS_TAG not in r.tags),
        flags=tuple(r for r in rules if r.scope == "flag"),
        index=TriggerIndex.build(t for r in rules for t in r.triggers if len(t) > 1),
    )


_PLANS: dict[tuple[int, NormalizationOptions], tuple[Sequence[Rule], _Plan]] = {}


def _cached_plan(rules: Sequence[Rule], options: NormalizationOptions) -> _Plan:
    """``plan_rules`` once per rule sequence and options: a pipeline passes the same rules for
    every document. Keyed by identity (hashing the rules would cost more than planning)."""
    key = (id(rules), options)
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1]
    plan = plan_rules(rules, options)
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[key] = (rules, plan)
    return plan


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    """Normalize punctuation, numbers and units, and script (see the module docstring)."""
    # The rule set's cached plan gives the same tuple for every document, so the step plan
    # below is made once too.
    return normalize(text, context.rules.plan(NAME).rules, options_from(context.config),
                     timeout=context.config.rule_timeout, log=log)


def normalize(text: str, rules: Sequence[Rule], options: NormalizationOptions, *,
              timeout: float | None = None, log: ChangeLog | None = None) -> str:
    """The stage as a pure function of the text, its rules and its options."""
    plan = _cached_plan(rules, options)
    protection = _Protection(plan.protect, timeout, log)
    triggers = _Triggers(plan.index, text)

    def apply(rules: Sequence[Rule], text: str) -> str:
        for rule in rules:
            try:
                text = rule.apply(text, log, timeout, protection.spans(text),
                                  present=triggers.present(text))
            except RuleTimeoutError as exc:
                if log is not None:
                    log.flag("rule_timeout", str(exc))
        return text

    # Removing residue can put marks into Chinese context (发(guān)--关 → 发--关) and steps can
    # add residue (㎡(guān) → 平方米（guān）, counted by min_count), so a pass that removed residue
    # at its end is followed by another; documents without residue make one pass.
    for _ in range(MAX_PASSES):
        text, residue_removed = _normalize_once(text, plan, options, apply, protection, log)
        if not residue_removed:
            break
    apply(plan.flags, text)
    return text


def _normalize_once(text: str, plan: _Plan, options: NormalizationOptions,
                    apply: Callable[[Sequence[Rule], str], str], protection: _Protection,
                    log: ChangeLog | None) -> tuple[str, bool]:
    """Steps 1–6 once; also says whether step 6 removed pinyin residue."""
    text = apply(plan.script, text)
    # Most documents are Simplified and hold no full-width letters or digits: one scan says so.
    if options.script not in TO_SIMPLIFIED or traditional_or(WIDE_CLASS).search(text):
        if needs_conversion(text, options.script):
            text = convert_script(text, options.script, log, protection.spans(text))
        text = narrow_alnum(text, log, protection.spans(text))
    text = apply(plan.units, text)
    text = apply(plan.punctuation, text)
    text = convert_brackets(text, log, protection.spans(text))
    text = convert_quotes(text, log, protection.spans(text))
    before_residue = text
    text = apply(plan.script, text)
    return text, text != before_residue
