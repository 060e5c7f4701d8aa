"""Boilerplate removal: web chrome, ads and CMS residue, driven entirely by rule files.

The stage itself knows no patterns: it applies the active rules whose ``stage`` is
``boilerplate`` in load order. A rule that times out is skipped for this document and flagged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.change import ChangeLog
from cleaner.errors import RuleTimeoutError

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

NAME = "boilerplate"


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    return apply_stage_rules(NAME, text, context, log)


def apply_stage_rules(stage: str, text: str, context: StageContext,
                      log: ChangeLog | None) -> str:
    """Apply the active rules of ``stage``; shared by every stage that takes rules."""
    timeout = context.config.rule_timeout
    for rule in context.rules.for_stage(stage):
        try:
            text = rule.apply(text, log, timeout)
        except RuleTimeoutError as exc:
            if log is not None:
                log.flag("rule_timeout", str(exc))
    return text
