"""Tests for cleaner.diff: the kinds of change, the rows cut from the alignment, and the
attribution of changes to rows."""

from __future__ import annotations

import pytest
from conftest import AD, JOIN_REASON, result_of, shapes

from cleaner.alignment import align
from cleaner.change import Change
from cleaner.diff import (
    DELETE,
    EQUAL,
    INSERT,
    KIND_TABLE,
    KINDS,
    build_diff,
    kind_of,
    rows_of,
)
from cleaner.pipeline import Cleaner
from cleaner.registry import Registry, Stage
from cleaner.stages import whitespace


def basic_cleaner() -> Cleaner:
    """Hygiene, boilerplate rules and whitespace only: stages added to the default pipeline
    later do not change what these tests see."""
    from cleaner.stages import boilerplate, hygiene

    registry = Registry()
    registry.register(Stage("hygiene", hygiene.run, 90, "hygiene"))
    registry.register(Stage("boilerplate", boilerplate.run, 70, "rules", takes_rules=True))
    registry.register(Stage("whitespace", whitespace.run, 10, "final form"))
    return Cleaner(registry=registry)


# --- kinds ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("stage", "rule", "kind"), [
    ("encoding", "encoding.utf8-as-gbk", "encoding"),
    ("hygiene", "hygiene.html-entities", "encoding"),
    ("hygiene", "hygiene.zero-width", "whitespace"),
    ("boilerplate", "ads.qr-code-friend", "boilerplate"),
    ("layout", "layout.join", "lines"),
    ("layout", "layout.split", "lines"),
    ("layout", "layout.page-number", "boilerplate"),
    ("layout", "layout.spaced-text", "whitespace"),
    ("normalization", "punct.brackets", "punctuation"),
    ("normalization", "quotes.pair", "punctuation"),
    ("normalization", "units.square-metre", "numbers"),
    ("normalization", "width.alnum", "numbers"),
    ("normalization", "script.t2s", "script"),
    ("whitespace", "whitespace.blank-lines", "whitespace"),
    ("my-stage", "my.rule", "other"),
])
def test_kind_of_maps_stage_and_rule_prefix(stage: str, rule: str, kind: str) -> None:
    assert kind_of(stage, rule) == kind


def test_kind_table_names_only_known_kinds() -> None:
    assert {kind for _, _, kind in KIND_TABLE} <= set(KINDS)


# --- rows -----------------------------------------------------------------------------------

def test_joined_and_split_lines_are_rows_of_their_shape() -> None:
    raw = "标题\n有力带\n动了增收。\n第一段。第二段。\n"
    clean = "标题\n有力带动了增收。\n第一段。\n第二段。\n"
    assert shapes(raw, clean) == [
        ("equal", 1, 1, 1, 1), ("joined", 2, 2, 2, 1), ("split", 4, 1, 3, 2)]


def test_changed_lines_pair_up_line_by_line() -> None:
    assert [s[0] for s in shapes("甲,乙\n丙,丁\n", "甲，乙\n丙，丁\n")] == ["modified", "modified"]


def test_rows_spell_out_both_texts() -> None:
    raw, clean = "一\n乙,丙\n丁\n戊\n", "一\n乙，丙丁\n戊\n己\n"
    rows = rows_of(raw, clean, align(raw, clean))
    assert "".join(row.raw_text for row in rows) == raw
    assert "".join(row.clean_text for row in rows) == clean


# --- attribution ----------------------------------------------------------------------------

def test_each_change_is_placed_on_its_row() -> None:
    raw = f"各位代表：\n{AD}\n\n\n现在，我代表\n"
    diff = build_diff(raw, basic_cleaner().clean_text(raw))
    placed = {change.rule: row.raw_start for row in diff.rows for change in row.changes}
    assert placed == {"ads.qr-code-friend": 2, "whitespace.blank-lines": 3}
    [removed] = [row for row in diff.rows if row.raw_start == 2]
    assert [(p.op, p.kind, p.rules) for p in removed.pieces] == [
        (DELETE, "boilerplate", ("ads.qr-code-friend",))]
    assert diff.unplaced == []


def test_blank_line_removals_go_to_their_own_blank_lines() -> None:
    raw = "一\n\n二\n\n三\n"
    diff = build_diff(raw, basic_cleaner().clean_text(raw))
    assert [(row.raw_start, len(row.changes)) for row in diff.rows if row.changed] == [(2, 1), (4, 1)]
    assert all(row.blank_removed for row in diff.rows if row.changed)


def test_same_edit_on_many_lines_goes_to_the_nearest_line() -> None:
    raw = "甲,乙\n丙丁\n戊,己\n"
    clean = "甲，乙\n丙丁\n戊，己\n"
    changes = (Change("normalization", "punct.comma", 1, 1, ",", "，"),
               Change("normalization", "punct.comma", 3, 8, ",", "，"))
    diff = build_diff(raw, result_of(raw, clean, *changes))
    assert [(row.raw_start, [c.line for c in row.changes]) for row in diff.rows if row.changed] == [
        (1, [1]), (3, [3])]
    [piece] = [p for p in diff.rows[0].pieces if p.op == INSERT]
    assert (piece.text, piece.kind, piece.rules) == ("，", "punctuation", ("punct.comma",))


def test_a_removed_line_takes_the_kind_of_the_rule_that_removed_it() -> None:
    raw = f"各位代表：\n{AD[:4]}\u200b{AD[4:]}\n现在开始。\n"
    diff = build_diff(raw, basic_cleaner().clean_text(raw))
    [removed] = [row for row in diff.rows if row.shape == "removed"]
    assert sorted(removed.rules()) == ["ads.qr-code-friend", "hygiene.zero-width"]
    assert [(p.kind, p.rules[0]) for p in removed.pieces] == [("boilerplate", "ads.qr-code-friend")]


def test_a_join_is_attributed_to_the_layout_rule() -> None:
    raw, clean = "有力带\n动了增收。\n", "有力带动了增收。\n"
    join = Change("layout", "layout.join", 1, 1, "力带\n动了", "力带动了", JOIN_REASON)
    [row] = build_diff(raw, result_of(raw, clean, join)).rows
    assert row.shape == "joined" and row.changes == [join]
    assert [(p.op, p.text, p.kind) for p in row.pieces if p.op != EQUAL] == [(DELETE, "\n", "lines")]


def test_line_ending_conversions_are_counted_not_drawn() -> None:
    raw = "一\r\n二\r\n"
    diff = build_diff(raw, basic_cleaner().clean_text(raw))
    assert not diff.changed
    assert [c.rule for c in diff.line_endings] == ["hygiene.line-breaks"] * 2
    assert diff.unplaced == []
