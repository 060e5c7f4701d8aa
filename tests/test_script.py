"""Script detection and OpenCC conversion (cleaner.normalize.script)."""

from __future__ import annotations

import pytest

from cleaner.change import ChangeLog
from cleaner.normalize.script import (
    convert_script,
    is_traditional,
    needs_conversion,
    traditional_only,
    traditional_or,
    traditional_share,
)

SIMPLIFIED = "现在，我代表城关镇人民政府向大会作工作报告，请予审议。"
TRADITIONAL = "現在，我代表城關鎮人民政府向大會作工作報告，請予審議。"


def test_traditional_only_characters_exclude_shared_ones() -> None:
    chars = traditional_only()
    assert {"關", "鎮", "報", "會"} <= chars
    assert not {"关", "镇", "乾", "著", "人", "后"} & chars  # Simplified, or in GB 2312


def test_detection() -> None:
    assert is_traditional(TRADITIONAL)
    assert not is_traditional(SIMPLIFIED)
    assert traditional_share(SIMPLIFIED) == 0.0
    assert not is_traditional(SIMPLIFIED * 20 + "臺灣")   # a few names in a Simplified text
    assert not is_traditional("English only")


@pytest.mark.parametrize(("mode", "text", "expected"), [
    ("t2s", TRADITIONAL, True), ("t2s", SIMPLIFIED, False),
    ("hk2s", TRADITIONAL, True), ("s2t", SIMPLIFIED, True), ("s2t", TRADITIONAL, False),
    ("keep", TRADITIONAL, False), ("s2t", "no Chinese at all", False),
])
def test_needs_conversion(mode: str, text: str, expected: bool) -> None:
    assert needs_conversion(text, mode) is expected


def test_round_trip_through_traditional() -> None:
    traditional = convert_script(SIMPLIFIED, "s2t")
    assert is_traditional(traditional)
    assert convert_script(traditional, "t2s") == SIMPLIFIED


def test_protected_spans_survive_conversion() -> None:
    text = "建德市乾潭鎮、乾安的發展"
    assert convert_script(text, "t2s") == "建德市干潭镇、干安的发展"   # what OpenCC alone does
    assert convert_script(text, "t2s", protected=[(3, 5), (7, 9)]) == "建德市乾潭镇、乾安的发展"


def test_changes_are_recorded_as_changed_stretches() -> None:
    log = ChangeLog(stage="normalization")
    convert_script("第一行\n城關鎮人民政府", "t2s", log)
    assert [(c.rule, c.line, c.offset, c.before, c.after) for c in log.changes] == [
        ("script.t2s", 2, 5, "關鎮", "关镇")]


def test_one_class_for_traditional_and_extra_characters() -> None:
    pattern = traditional_or("０-９")
    assert pattern.search(TRADITIONAL) and pattern.search("２０２３年")
    assert pattern.search(SIMPLIFIED + "2023年") is None
