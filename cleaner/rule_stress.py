"""Vetting patterns for runaway backtracking: what lets a packaged rule run without a timeout.

A user's rule runs with a per-call timeout, so no pattern of theirs can hang a run. The packaged
rules run without it (the call costs a third less): the test suite vets their patterns instead,
on inputs made to provoke runaway backtracking (``stress_inputs``, ``runaway_inputs``). A
packaged rule that fails the vetting is listed in ``RUNAWAY_RULES`` and keeps the timeout.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from cleaner.ruleset import LazyPattern, Rule

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

    >>> from cleaner.ruleset import Example
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
