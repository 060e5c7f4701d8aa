"""Boilerplate removal: web chrome, ads and CMS residue, driven entirely by rule files.

The stage itself knows no patterns: it applies the active rules whose ``stage`` is
``boilerplate`` in load order. A user's rule that times out is skipped for this document and
flagged; the packaged rules run without the timeout (``Rule.vetted``).

Two things keep it fast with many rules loaded: one scan of the document finds where the rule
triggers occur in it (a rule with none costs nothing; a rule with some searches only the lines
that hold them), and the document's header and footer (``cleaner.zones``) are found once, only
when a zoned rule is triggered, and again only after the text changed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from cleaner.change import ChangeLog
from cleaner.errors import RuleTimeoutError
from cleaner.glued_chrome import drop_glued_chrome
from cleaner.ruleset import LINE_SCOPES
from cleaner.zones import NO_ZONES, Zones, find_zones

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

NAME = "boilerplate"


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    return _clean(text, context, log, document=True)


def check_fragment(text: str, context: StageContext, log: ChangeLog | None) -> str:
    """What the stage leaves of lines another stage built (two halves joined, a piece split
    off): the stage would have seen them so had the document come laid out. A fragment's zones
    are unknown: zoned rules leave it alone."""
    return _clean(text, context, log, document=False)


def recheck_built_line(line: str, context: StageContext, log: ChangeLog | None,
                       locate: Callable[[int], tuple[int, int]], reason: str) -> str:
    """What the stage leaves of ``line``, one another stage built (``check_fragment``); when it
    changed, the changes go into ``log`` (the calling stage's), placed by ``locate`` (an offset
    in the line -> line number and offset in that stage's input), with ``reason`` where the
    rule gave none."""
    scratch = ChangeLog(stage=NAME) if log is not None else None
    checked = check_fragment(line, context, scratch)
    if checked != line and log is not None and scratch is not None:
        for change in scratch.changes:
            number, offset = locate(change.offset)
            log.record(change.rule, number, offset, change.before, change.after, change.reason or reason)
        log.flags.extend(scratch.flags)
    return checked


def _clean(text: str, context: StageContext, log: ChangeLog | None, *, document: bool) -> str:
    text = apply_stage_rules(NAME, text, context, log, document=document)
    # chrome glued onto report text, judged by the line and score rules as a line of its own
    return drop_glued_chrome(
        text, lambda variant, pieces: _probe(variant, pieces, context, document=document), log)


def _probe(text: str, pieces: Sequence[str], context: StageContext, *, document: bool
           ) -> ChangeLog | None:
    """What the stage's line and score rules that may judge one of the ``pieces`` delete of
    ``text``; ``None`` when no rule may (most documents: the probe costs nothing)."""
    judges = frozenset(rule.id for rule in context.rules.plan(NAME).rules
                       if any(rule.may_delete_piece(piece) for piece in pieces))
    if not judges:
        return None
    log = ChangeLog(stage=NAME)
    apply_stage_rules(NAME, text, context, log, document=document, only=judges)
    return log


def apply_stage_rules(stage: str, text: str, context: StageContext,
                      log: ChangeLog | None, *, document: bool = False,
                      only: Collection[str] | None = None) -> str:
    """Apply the active rules of ``stage``; shared by every stage that takes rules.

    With ``document`` the text is a whole document and zoned rules act in its header and
    footer; without, it is a fragment (lines another stage rebuilt) whose zones are unknown,
    and zoned rules leave it alone. ``only`` limits the rules to those ids.
    """
    timeout = context.config.rule_timeout
    plan = context.rules.plan(stage)
    hits = plan.index.find(text)
    present = hits.present
    zones: Zones | None = None if document else NO_ZONES
    for rule in plan.rules:
        if rule.triggers and present.isdisjoint(rule.triggers):
            continue
        if only is not None and rule.id not in only:
            continue
        if rule.zone != "anywhere" and zones is None:
            zones = find_zones(text)
        if rule.triggers and hits.text is not text:
            # the text changed: where its triggers lie now (found only when a rule asks)
            hits = plan.index.find(text)
            present = hits.present
        try:
            # a packaged rule's patterns are vetted by the test suite: no per-call timeout
            fixed = rule.apply(text, log, None if rule.vetted else timeout, zones=zones, present=hits)
        except RuleTimeoutError as exc:
            if log is not None:
                log.flag("rule_timeout", str(exc))
            continue
        if fixed != text:
            # Deleting whole lines cannot bring a trigger together (none holds a line break);
            # a span removed from within a line can.
            if rule.scope not in LINE_SCOPES:
                present = plan.index.present_after(text, fixed, present)
            if document:
                zones = None
            text = fixed
    return text
