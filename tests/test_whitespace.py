"""Tests for cleaner.stages.whitespace: the final one-paragraph-per-line form."""

from __future__ import annotations

import pytest

from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.pipeline import StageContext
from cleaner.ruleset import RuleSet
from cleaner.stages import whitespace


def run(text: str, blank_lines: bool = False) -> tuple[str, ChangeLog]:
    log = ChangeLog(stage="whitespace")
    context = StageContext(CleanConfig(blank_lines=blank_lines), RuleSet())
    return whitespace.run(text, context, log), log


@pytest.mark.parametrize(("raw", "expected"), [
    ("\n\n政府工作报告\n\n\n各位代表：\n\n", "政府工作报告\n各位代表：\n"),
    ("   现在，我代表\t镇政府   报告工作。  ", "现在，我代表 镇政府 报告工作。\n"),
    ("", ""),
    ("\n \n", ""),
])
def test_final_form(raw: str, expected: str) -> None:
    assert run(raw)[0] == expected


def test_blank_lines_option_and_its_idempotence() -> None:
    once, _ = run("甲\n乙\n\n\n丙", blank_lines=True)
    assert once == "甲\n\n乙\n\n丙\n"
    twice, log = run(once, blank_lines=True)
    assert twice == once and log.changes == []


def test_canonical_text_records_nothing() -> None:
    text, log = run("政府工作报告\n各位代表：\n")
    assert text == "政府工作报告\n各位代表：\n" and log.changes == []
