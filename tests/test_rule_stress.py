"""Vetting the packaged rules' patterns for runaway backtracking (cleaner.rule_stress)."""

from __future__ import annotations

from pathlib import Path

from conftest import SHIPPED_STAGES, load_rule_file

from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.rule_stress import RUNAWAY_RULES, runaway_inputs

SHIPPED = load_rules([default_rules_dir()], SHIPPED_STAGES).rules


def test_packaged_rules_run_without_the_timeout_only_when_vetted(tmp_path: Path) -> None:
    packaged = load_rules([default_rules_dir()], SHIPPED_STAGES).rules
    assert {r.id for r in packaged if not r.vetted} == RUNAWAY_RULES
    assert not any(rule.vetted for rule in load_rule_file(tmp_path))  # a user's rules keep the timeout


def test_no_packaged_rule_runs_away_on_stress_inputs() -> None:
    """What vets the packaged rules to run without the per-call timeout: inputs made to
    provoke runaway backtracking (``stress_inputs``) keep none of their patterns busy."""
    runaway = {rule.id: runaway_inputs(rule, timeout=0.5) for rule in SHIPPED
               if rule.id not in RUNAWAY_RULES}
    assert {rule_id: found for rule_id, found in runaway.items() if found} == {}


def test_the_stress_inputs_catch_the_known_runaway_rules() -> None:
    for rule_id in RUNAWAY_RULES:  # when one is fixed, drop it from RUNAWAY_RULES
        assert runaway_inputs(next(r for r in SHIPPED if r.id == rule_id), timeout=0.5)
