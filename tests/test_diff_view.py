"""Tests for cleaner.diff_view: which rows are shown, and the rich views.

Views are rendered to a fixed-width in-memory console and compared with the stored renderings in
``tests/snapshots/``. After an intended change of a view, regenerate them with

    UPDATE_SNAPSHOTS=1 pytest tests/test_diff_view.py tests/test_diff_command.py

and review every changed file (``git diff tests/snapshots``; ``cat`` shows the ``.ansi`` ones in
colour) before committing them.
"""

from __future__ import annotations

import pytest
from conftest import AD, JOIN_REASON, assert_snapshot, console, rendered, result_of

from cleaner.change import Change, ChangeLog
from cleaner.config import CleanConfig
from cleaner.diff import EQUAL, Piece, Row, build_diff
from cleaner.diff_view import Fold, clip, elide, render_diff, shown_rows
from cleaner.pipeline import Cleaner, StageContext
from cleaner.registry import Registry, Stage
from cleaner.ruleset import RuleSet
from cleaner.stages import encoding, whitespace

# --- what is shown --------------------------------------------------------------------------

def test_unchanged_stretches_fold_around_changes() -> None:
    raw = "".join(f"第{i}行。\n" for i in range(1, 21)).replace("第10行", "第10行,")
    diff = build_diff(raw, result_of(raw, raw.replace("第10行,", "第10行，")))
    items = shown_rows(diff, context=2)
    assert [type(item).__name__ for item in items] == ["Fold"] + ["Row"] * 5 + ["Fold"]
    assert items[0] == Fold(7, 7, 0) and items[-1] == Fold(8, 8, 0)
    assert [item.raw_start for item in items if isinstance(item, Row)] == [8, 9, 10, 11, 12]
    assert [type(item).__name__ for item in shown_rows(diff, context=0)] == ["Fold", "Row", "Fold"]


def test_rule_filter_shows_only_that_rules_rows() -> None:
    raw = f"甲,乙\n{AD}\n丙\n"
    changes = (Change("normalization", "punct.comma", 1, 1, ",", "，"),
               Change("boilerplate", "ads.qr-code-friend", 2, 4, AD + "\n", ""))
    diff = build_diff(raw, result_of(raw, "甲，乙\n丙\n", *changes))
    from cleaner.diff_view import rule_matcher

    rows = [item for item in shown_rows(diff, 0, rule_matcher("ads.*")) if isinstance(item, Row)]
    assert [row.raw_start for row in rows] == [2]
    assert [row.raw_start for row in shown_rows(diff, 0, rule_matcher("punct.comma"))
            if isinstance(row, Row)] == [1]


def test_long_kept_text_is_cut_by_cells_not_characters() -> None:
    from rich.cells import cell_len

    wide = [p.text for p in elide([Piece(EQUAL, "政" * 300)], changed=False)]
    narrow = [p.text for p in elide([Piece(EQUAL, "a" * 300)], changed=False)]
    assert cell_len(wide[0]) == cell_len(narrow[0]) == 160
    assert len(wide[0]) == 80 and len(narrow[0]) == 160
    assert clip("政府工作报告", 5) == "政府…" and clip("report", 5) == "repo…"


# --- snapshots ------------------------------------------------------------------------------

def cjk_diff() -> object:
    """Wide and narrow characters, a long line that wraps, an ad line, punctuation, indent."""
    long_line = ("2022年，是极其特殊、极具挑战、极为不易的一年。过去一年，我们坚持以习近平新时代中国"
                 "特色社会主义思想为指导，全镇经济保持高质量发展，GDP增长6.5%，社会大局保持平安稳定。")
    raw = (f"政府工作报告\n\u3000\u3000各位代表：\n{long_line}\n{AD}\n"
           "(一)盘活存量,做优增量。\n结束\n")
    clean = (f"政府工作报告\n各位代表：\n{long_line}\n"
             "（一）盘活存量，做优增量。\n结束\n")
    changes = (
        Change("hygiene", "hygiene.indent", 2, 7, "\u3000\u3000", ""),
        Change("boilerplate", "ads.qr-code-friend", 4, 99, AD + "\n", ""),
        Change("normalization", "punct.brackets", 4, 0, "(", "（"),
        Change("normalization", "punct.brackets", 4, 2, ")", "）"),
        Change("normalization", "punct.comma", 4, 7, ",", "，"),
    )
    return build_diff(raw, result_of(raw, clean, *changes), "cjk.txt")


def join_diff() -> object:
    raw = "一、工作回顾\n过去一年，全镇经济有力带\n动了当地农民致富增收。\n第一段。第二段。\n结尾\n"
    clean = "一、工作回顾\n过去一年，全镇经济有力带动了当地农民致富增收。\n第一段。\n第二段。\n结尾\n"
    changes = (Change("layout", "layout.join", 2, 17, "经济有力带\n动了当地", "经济有力带动了当地",
                      JOIN_REASON),
               Change("layout", "layout.split", 3, 4, "第一段。第二段", "第一段。\n第二段",
                      "split: two paragraphs on one line"))
    return build_diff(raw, result_of(raw, clean, *changes), "join.txt")


def encoding_diff() -> object:
    """A UTF-8-read-as-GBK line repaired by the encoding stage (only it and whitespace run, so
    that stages added to the default pipeline later do not change this rendering)."""
    registry = Registry()
    registry.register(Stage("encoding", encoding.run, 95, "mojibake"))
    registry.register(Stage("whitespace", whitespace.run, 10, "final form"))
    raw = "鏀垮簻宸ヤ綔鎶ュ憡\n2022年10月28日在抚州市临川区罗针镇\n鍚勪綅浠ｈ〃銆佸悓蹇椾滑:\n"
    result = Cleaner(registry=registry, rules=RuleSet()).clean_text(raw)
    assert result.text.startswith("政府工作报告\n")
    return build_diff(raw, result, "mojibake.txt")


@pytest.mark.parametrize(("name", "make", "side_by_side", "explain", "color"), [
    ("cjk-side-by-side.txt", cjk_diff, True, False, False),
    ("cjk-inline.txt", cjk_diff, False, False, False),
    ("cjk-side-by-side-explain.ansi", cjk_diff, True, True, True),
    ("join-split-inline-explain.txt", join_diff, False, True, False),
    ("join-split-side-by-side-explain.txt", join_diff, True, True, False),
    ("join-split-inline.ansi", join_diff, False, False, True),
    ("encoding-repair-side-by-side-explain.txt", encoding_diff, True, True, False),
    ("encoding-repair-inline.ansi", encoding_diff, False, False, True),
])
def test_view_matches_snapshot(name: str, make, side_by_side: bool, explain: bool, color: bool) -> None:
    target = console(color)
    render_diff(make(), target, side_by_side=side_by_side, explain=explain)
    assert_snapshot(name, rendered(target))


def test_rule_view_matches_snapshot() -> None:
    target = console()
    render_diff(cjk_diff(), target, side_by_side=False, explain=True, context=0,
                rule="punct.*")
    text = rendered(target)
    assert "punct.brackets" in text and "ads.qr-code-friend" not in text.split("╯", 1)[1]
    assert_snapshot("rule-filter-inline.txt", text)


def test_no_rendered_line_is_wider_than_the_console() -> None:
    from rich.cells import cell_len

    for width in (60, 100, 140):
        for side_by_side in (True, False):
            target = console(width=width)
            render_diff(cjk_diff(), target, side_by_side=side_by_side, explain=True)
            lines = rendered(target).splitlines()
            assert lines and max(cell_len(line) for line in lines) == width


def test_default_layout_depends_on_width() -> None:
    narrow, wide = console(width=80), console(width=120)
    render_diff(join_diff(), narrow)
    render_diff(join_diff(), wide)
    assert "clean" not in rendered(narrow).split("╯", 1)[1]  # inline: no column headings
    assert "clean" in rendered(wide).split("╯", 1)[1]


def test_encoding_stage_alone_is_what_the_snapshot_assumes() -> None:
    """Guard for the encoding snapshot: the stage repairs the two mojibake lines, nothing else."""
    log = ChangeLog(stage="encoding")
    text = encoding.run("鏀垮簻宸ヤ綔鎶ュ憡\n罗针镇\n", StageContext(CleanConfig(), RuleSet()), log)
    assert text == "政府工作报告\n罗针镇\n"
    assert [c.rule for c in log.changes] == ["encoding.utf8-as-gbk"]
