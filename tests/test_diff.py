"""Tests for cleaner.diff: the alignment, the rows, the attribution of changes, the rich views,
the ``cleaner diff`` command and the dry-run table.

Views are rendered to a fixed-width in-memory console and compared with the stored renderings in
``tests/snapshots/``. After an intended change of a view, regenerate them with

    UPDATE_SNAPSHOTS=1 pytest tests/test_diff.py

and review every changed file (``git diff tests/snapshots``; ``cat`` shows the ``.ansi`` ones in
colour) before committing them.
"""

from __future__ import annotations

import argparse
import html.parser
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from rich.console import Console

from cleaner.change import Change, ChangeLog
from cleaner.config import CleanConfig
from cleaner.diff import (
    DELETE,
    EQUAL,
    INSERT,
    KIND_TABLE,
    KINDS,
    Fold,
    Piece,
    Row,
    add_diff_parser,
    align,
    build_diff,
    clip,
    elide,
    kind_of,
    render_diff,
    render_dry_run,
    rows_of,
    shown_rows,
    two_column_runs,
)
from cleaner.pipeline import Cleaner, CleanResult, StageContext
from cleaner.registry import Registry, Stage
from cleaner.report import FileReport
from cleaner.ruleset import RuleSet
from cleaner.stages import encoding, whitespace

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
AD = "扫描上面二维码加QQ好友,获得更多文稿实用素材"
JOIN_REASON = "joined: no sentence end, next line not a heading"


def console(color: bool = False, width: int = 100) -> Console:
    """A fixed console that no environment variable or terminal can change."""
    return Console(file=io.StringIO(), width=width, color_system="truecolor" if color else None,
                   force_terminal=True, legacy_windows=False, no_color=False, _environ={})


def rendered(target: Console) -> str:
    assert isinstance(target.file, io.StringIO)
    return target.file.getvalue()


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {path.name}: run UPDATE_SNAPSHOTS=1 pytest {__file__}"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (f"{name} differs from the stored rendering; if intended, run "
                              f"UPDATE_SNAPSHOTS=1 pytest tests/test_diff.py and review it")


def result_of(raw: str, clean: str, *changes: Change) -> CleanResult:
    """What a pipeline would return for ``raw``: lets a test state the exact changes."""
    from cleaner.pipeline import count_visible

    return CleanResult(clean, changes, chars_before=count_visible(raw),
                       chars_after=count_visible(clean))


def basic_cleaner() -> Cleaner:
    """Hygiene, boilerplate rules and whitespace only: stages added to the default pipeline
    later do not change what these tests see."""
    from cleaner.stages import boilerplate, hygiene

    registry = Registry()
    registry.register(Stage("hygiene", hygiene.run, 90, "hygiene"))
    registry.register(Stage("boilerplate", boilerplate.run, 70, "rules", takes_rules=True))
    registry.register(Stage("whitespace", whitespace.run, 10, "final form"))
    return Cleaner(registry=registry)


def shapes(raw: str, clean: str) -> list[tuple[str, int, int, int, int]]:
    a, b = raw, clean
    return [(row.shape, row.raw_start, row.raw_count, row.clean_start, row.clean_count)
            for row in rows_of(a, b, align(a, b))]


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


# --- alignment and rows ---------------------------------------------------------------------

def test_a_removed_line_is_a_row_of_its_own() -> None:
    assert shapes("一\n广告\n二\n", "一\n二\n") == [
        ("equal", 1, 1, 1, 1), ("removed", 2, 1, 2, 0), ("equal", 3, 1, 2, 1)]


def test_a_removed_line_that_repeats_its_neighbour_still_reads_as_one_line() -> None:
    # the deletion could be placed anywhere in '二\n二\n': it is slid to whole lines
    assert shapes("一\n二\n二\n三\n", "一\n二\n三\n") == [
        ("equal", 1, 1, 1, 1), ("equal", 2, 1, 2, 1), ("removed", 3, 1, 3, 0), ("equal", 4, 1, 3, 1)]


def test_joined_and_split_lines_are_rows_of_their_shape() -> None:
    raw = "标题\n有力带\n动了增收。\n第一段。第二段。\n"
    clean = "标题\n有力带动了增收。\n第一段。\n第二段。\n"
    assert shapes(raw, clean) == [
        ("equal", 1, 1, 1, 1), ("joined", 2, 2, 2, 1), ("split", 4, 1, 3, 2)]


def test_changed_lines_pair_up_line_by_line() -> None:
    assert [s[0] for s in shapes("甲,乙\n丙,丁\n", "甲，乙\n丙，丁\n")] == ["modified", "modified"]


def test_a_long_text_is_aligned_by_sentences() -> None:
    sentence = "今年以来，全镇经济保持高质量发展，社会大局保持平安稳定。"
    raw = "\n".join(f"{i}、{sentence}" for i in range(200)) + "\n"
    clean = raw.replace("，", ",").replace("7、", "7.")
    assert len(raw) > 4000  # beyond the character budget: sentences first
    rows = rows_of(raw, clean, align(raw, clean))
    assert len(rows) == 200
    assert {row.shape for row in rows} == {"modified"}
    assert all(row.raw_start == row.clean_start for row in rows)


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
    from cleaner.diff import rule_matcher

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


# --- the command ----------------------------------------------------------------------------

def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="cleaner")
    add_diff_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.run(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ad.txt").write_text(f"各位代表：\n{AD}\n现在，我代表镇人民政府向大会报告工作。\n",
                                   encoding="utf-8")
    (folder / "clean.txt").write_text("各位代表：\n现在，我代表镇人民政府向大会报告工作。\n",
                                      encoding="utf-8")
    return folder


def test_diff_command_shows_files_with_changes(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", str(inputs), "--inline", "--width", "120", "--explain"], capsys)
    assert (code, err) == (0, "")
    assert "ad.txt" in out and "ads.qr-code-friend" in out and AD in out
    assert "clean.txt" not in out and "1 file without changes not shown" in out
    code, out, _ = run(["preview", str(inputs), "--all", "--width", "100"], capsys)
    assert code == 0 and "clean.txt" in out


def test_diff_command_rule_filter_and_pager(inputs: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["diff", str(inputs), "--rule", "hygiene.*", "--width", "100"], capsys)
    assert code == 0 and "2 files without changes by rule 'hygiene.*' not shown" in out
    plain = run(["diff", str(inputs), "--width", "100"], capsys)
    monkeypatch.setenv("PAGER", "cat")
    assert run(["diff", str(inputs), "--width", "100", "--pager"], capsys) == plain


def test_diff_command_reads_stdin(inputs: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = (inputs / "ad.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["diff", "-", "--inline", "--width", "80"], capsys)
    assert code == 0 and f"[-{AD}-]" in out and "─ - ─" in out  # the panel names stdin '-'


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["diff", "missing.txt"], 1, "missing.txt: no such file or directory"),
    (["diff", "binary.txt"], 1, "binary.txt: binary file"),
    (["diff", "in", "--enable", "no-such-rule"], 2, "no-such-rule"),
    (["diff", "in", "--config", "nowhere.toml"], 2, "nowhere.toml: no such config file"),
    (["diff", "-", "-"], 2, "standard input ('-') can be read only once"),
])
def test_diff_command_exit_codes(inputs: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                 code: int, message: str) -> None:
    (inputs.parent / "binary.txt").write_bytes(b"%PDF-1.7\n")
    got, _, err = run(argv, capsys)
    assert got == code
    assert message in err and err.startswith("cleaner: error: ")


def test_a_failed_input_does_not_stop_the_others(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", "missing.txt", str(inputs / "ad.txt"), "--width", "100"], capsys)
    assert code == 1 and "missing.txt" in err and "ad.txt" in out


class _TextOf(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_and_svg_exports_hold_the_diff(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["diff", str(inputs / "ad.txt"), "--explain", "--width", "120",
                        "--html", "view.html", "--svg", "view.svg"], capsys)
    assert code == 0
    page = Path("view.html").read_text(encoding="utf-8")
    parser = _TextOf()
    parser.feed(page)
    text = "".join(parser.text)
    assert AD in text and "ads.qr-code-friend" in text and "各位代表" in text
    assert '<span class="w">' in page  # Chinese runs held to two columns each
    assert "http://" not in page and "https://" not in page  # offline: no web fonts, no scripts
    svg = Path("view.svg").read_text(encoding="utf-8")
    assert "ads.qr-code-friend" in svg and "@font-face" not in svg
    assert set(re.findall(r"https?://[^\"' >]+", svg)) <= {
        "http://www.w3.org/2000/svg", "https://www.textualize.io"}  # a namespace and a comment


def test_two_column_runs_leave_tags_and_narrow_text_alone() -> None:
    assert two_column_runs('<a title="政府">x</a>') == '<a title="政府">x</a>'
    assert two_column_runs("ab政府cd") == 'ab<span class="w">政府</span>cd'


# --- dry run --------------------------------------------------------------------------------

def dry_reports() -> list[FileReport]:
    return [FileReport("a.txt", changes={"ads.qr-code-friend": 2, "hygiene.zero-width": 1},
                       chars_before=1000, chars_after=900),
            FileReport("b.txt", chars_before=500, chars_after=500),
            FileReport("c.txt", error="binary file (a PDF document), not text")]


def test_dry_run_json_says_what_would_change() -> None:
    target = console()
    render_dry_run(dry_reports(), target, as_json=True)
    data = json.loads(rendered(target))
    assert data["totals"] == {"files": 3, "would_change": 1, "errors": 1, "chars_before": 1500,
                              "chars_removed": 100}
    assert [(f["path"], f["would_change"], f["changes"], f["removed_share"]) for f in data["files"]] == [
        ("a.txt", True, 3, 0.1), ("b.txt", False, 0, 0.0), ("c.txt", False, 0, 0.0)]


def test_dry_run_table_matches_snapshot() -> None:
    target = console()
    render_dry_run(dry_reports(), target, as_json=False)
    assert_snapshot("dry-run.txt", rendered(target))


def test_encoding_stage_alone_is_what_the_snapshot_assumes() -> None:
    """Guard for the encoding snapshot: the stage repairs the two mojibake lines, nothing else."""
    log = ChangeLog(stage="encoding")
    text = encoding.run("鏀垮簻宸ヤ綔鎶ュ憡\n罗针镇\n", StageContext(CleanConfig(), RuleSet()), log)
    assert text == "政府工作报告\n罗针镇\n"
    assert [c.rule for c in log.changes] == ["encoding.utf8-as-gbk"]
