"""Tests for cleaner.change: recorded substitutions and per-rule counts."""

from __future__ import annotations

import pickle
import re

import pytest
import regex

from cleaner.change import Change, ChangeLog, count_by_rule, replace_matches, substitute


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


def test_recorded_changes_are_immutable_and_picklable() -> None:
    log = ChangeLog(stage="s")
    substitute("甲,乙", re.compile(","), "，", log, "comma")
    made = log.changes[0]
    plain = Change("s", "comma", 1, 1, ",", "，")
    assert type(made) is Change and made == plain and hash(made) == hash(plain)
    assert repr(made) == repr(plain) and pickle.loads(pickle.dumps(made)) == plain
    with pytest.raises(AttributeError):
        made.line = 2  # type: ignore[misc]


def test_record_many_skips_unchanged_and_respects_explain() -> None:
    edits = [(1, 0, "a", "b"), (1, 3, "c", "c"), (2, 5, "d", "")]
    log = ChangeLog(stage="s")
    log.record_many("r", edits)
    assert log.changes == [Change("s", "r", 1, 0, "a", "b"), Change("s", "r", 2, 5, "d", "")]
    quiet = ChangeLog(stage="s", explain=False)
    quiet.record_many("r", edits)
    assert quiet.changes == []


@pytest.mark.parametrize("repl", ["，", r"<\1>", lambda m: m.group(1) * 2])
def test_replace_matches_equals_sub_and_records_every_match(repl) -> None:
    text = "甲,乙\n丙,,丁\n,"
    pattern = regex.compile("(,)")
    for log in (None, ChangeLog(stage="s", explain=False), ChangeLog(stage="s")):
        assert replace_matches(text, pattern.finditer(text), repl, log, "r") == pattern.sub(repl, text)
    assert [(c.line, c.offset) for c in log.changes] == [(1, 1), (2, 5), (2, 6), (3, 9)]


def test_changes_before_a_timeout_stay_recorded() -> None:
    log = ChangeLog(stage="s")

    def matches():
        yield from re.finditer(",", "a,b,")
        raise TimeoutError

    with pytest.raises(TimeoutError):
        replace_matches("a,b,", matches(), "，", log, "r")
    assert [c.offset for c in log.changes] == [1, 3]
