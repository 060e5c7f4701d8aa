"""Tests for cleaner.stages.hygiene: each fix, and the stage's recorded changes."""

from __future__ import annotations

import pytest

from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.pipeline import StageContext
from cleaner.ruleset import RuleSet
from cleaner.stages import hygiene

CONTEXT = StageContext(CleanConfig(), RuleSet())


@pytest.mark.parametrize(("raw", "expected", "rule"), [
    ("甲\r\n乙\r丙", "甲\n乙\n丙", "hygiene.line-breaks"),
    ("&ldquo;两个确立&rdquo;&#12290;", "“两个确立”。", "hygiene.html-entities"),
    ("&amp;ldquo;双重转义&amp;rdquo;", "“双重转义”", "hygiene.html-entities"),
    ("工\u200b作\u200d报\u00ad告", "工作报告", "hygiene.zero-width"),
    ("第一页\x0c第二页\x1b", "第一页第二页", "hygiene.control-chars"),
    ("⽤⼾⼯作", "用户工作", "hygiene.kangxi-radicals"),
    ("增长\u00a05%\u2009以上", "增长 5% 以上", "hygiene.odd-spaces"),
    ("\u00a0\u00a0现在，我代表", "\u3000\u3000现在，我代表", "hygiene.indent"),
    ("  \t现在，我代表", "\u3000\u3000\u3000现在，我代表", "hygiene.indent"),
    ("各位代表：  \t", "各位代表：", "hygiene.trailing-space"),
    ("\uf9d1届", "六届", "hygiene.nfc"),
])
def test_each_fix_through_the_stage(raw: str, expected: str, rule: str) -> None:
    log = ChangeLog(stage="hygiene")
    assert hygiene.run(raw, CONTEXT, log) == expected
    assert rule in {c.rule for c in log.changes}


@pytest.mark.parametrize("clean", [
    "面积100㎡，①号楼，℃，１２３",  # no NFKC: ㎡ ① and full-width digits are later stages' business
    "R&D 部门; &notanentity; AT&T",
    "“十四五”规划《政府工作报告》（一）",
    "政\u3000府\u3000工\u3000作",  # U+3000 inside a line is for the layout stage
    "第一章\t总则",
    "\u3000\u3000现在，我代表",  # a canonical indent stays: layout reads it, whitespace removes it
])
def test_clean_or_out_of_scope_text_is_untouched(clean: str) -> None:
    log = ChangeLog(stage="hygiene")
    assert hygiene.run(clean, CONTEXT, log) == clean
    assert log.changes == []


def test_nested_entities_are_decoded_to_a_fixed_point() -> None:
    assert hygiene.decode_html_entities("&amp;amp;amp;lt;") == "<"


def test_entities_that_decode_to_line_breaks_are_normalized() -> None:
    assert hygiene.run("一&#13;二&#x2028;三", CONTEXT, None) == "一\n二\n三"


def test_invisible_character_inside_mojibake_no_longer_blocks_repair() -> None:
    log = ChangeLog(stage="hygiene")
    assert hygiene.run("Õþ\u00ad¸®", CONTEXT, log) == "政府"
    assert {"hygiene.zero-width", "encoding.gbk-as-latin1"} <= {c.rule for c in log.changes}


def test_nfc_records_the_changed_line_only() -> None:
    log = ChangeLog(stage="hygiene")
    hygiene.normalize_nfc("甲\ne\u0301\n乙", log)
    assert [(c.line, c.after) for c in log.changes] == [(2, "\u00e9")]


def test_odd_space_glued_to_mojibake_no_longer_blocks_repair() -> None:
    # found by the idempotence property: NBSP + GBK-as-Latin-1 needed two passes
    assert hygiene.run("\u00a0Õþ¸®¹¤×÷±¨¸æ", CONTEXT, None) == "\u3000政府工作报告"  # an indent
