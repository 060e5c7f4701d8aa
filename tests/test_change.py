"""Tests for cleaner.change: recorded substitutions and per-rule counts."""

from __future__ import annotations

import re

import regex

from cleaner.change import Change, ChangeLog, count_by_rule, substitute


def test_substitute_records_line_offset_before_after() -> None:
    log = ChangeLog(stage="demo")
    text = "第一行\n第二行 多余\n第三行"
    out = substitute(text, re.compile(" 多余"), "", log, "demo.rule")
    assert out == "第一行\n第二行\n第三行"
    assert log.changes == [Change("demo", "demo.rule", 2, text.index(" 多余"), " 多余", "")]


def test_substitute_counts_lines_across_multiline_matches() -> None:
    log = ChangeLog(stage="s")
    text = "a\n\n\nb\nc x"
    substitute(text, re.compile("\n{2,}"), "\n", log, "blank")
    substitute(text, re.compile("x"), "y", log, "x")
    assert [(c.rule, c.line) for c in log.changes] == [("blank", 1), ("x", 5)]


def test_substitute_without_log_equals_plain_sub() -> None:
    pattern = regex.compile(r"\d+")
    assert substitute("a1b22c", pattern, "#", None, "r") == pattern.sub("#", "a1b22c")


def test_no_change_is_not_recorded() -> None:
    log = ChangeLog(stage="s")
    out = substitute("政府", re.compile("政"), "政", log, "same")
    assert out == "政府"
    assert log.changes == []


def test_callable_replacement_and_timeout_passthrough() -> None:
    log = ChangeLog(stage="s")
    out = substitute("a1b2", regex.compile(r"\d"), lambda m: str(int(m.group()) * 2), log, "dbl",
                     timeout=1.0)
    assert out == "a2b4"
    assert [c.after for c in log.changes] == ["2", "4"]


def test_count_by_rule_orders_by_count_then_id() -> None:
    changes = [Change("s", rule, 1, 0, "a", "") for rule in ("b", "a", "b", "c", "a", "b")]
    assert list(count_by_rule(changes).items()) == [("b", 3), ("a", 2), ("c", 1)]


def test_flags_and_to_dict() -> None:
    log = ChangeLog(stage="s")
    log.flag("lost_bytes", "2 × U+FFFD", 3)
    log.record("r", 1, 0, "x", "y", reason="because")
    assert log.flags[0].to_dict() == {"kind": "lost_bytes", "message": "2 × U+FFFD", "line": 3}
    assert log.changes[0].to_dict()["reason"] == "because"
