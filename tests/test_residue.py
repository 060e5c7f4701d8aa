"""The residue stage (cleaner.stages.residue): chrome the boilerplate rules left, on whole lines."""

from __future__ import annotations

from cleaner import clean_text
from cleaner.config import CleanConfig
from cleaner.pipeline import Cleaner


def test_lines_the_stage_brings_together_are_laid_out_again() -> None:
    """A line gone from between two that layout keeps apart only because of it: they are laid
    out again at once, so a second run finds nothing to do (found by the idempotence test)."""
    result = clean_text("&ldquo;\n00000\n&ldquo;")
    assert "chrome.model-line" in {change.rule for change in result.changes}
    assert clean_text(result.text).text == result.text


def test_the_stage_runs_after_layout_and_normalization_on_canonical_lines() -> None:
    names = Cleaner(CleanConfig()).registry.names()
    order = [names.index(name) for name in ("layout", "normalization", "residue", "repeats")]
    assert order == sorted(order)


def test_a_spaced_out_title_is_whole_when_the_stage_sees_it() -> None:
    result = clean_text("政 府 工 作 报 告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n")
    assert result.text.startswith("政府工作报告\n")
