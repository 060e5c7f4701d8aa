"""Tests for cleaner.diff_command: the ``cleaner diff`` command, its HTML and SVG exports, and the
``cleaner clean --dry-run`` table (compared with its stored rendering in ``tests/snapshots/``)."""

from __future__ import annotations

import argparse
import html.parser
import io
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import AD, assert_snapshot, console, rendered

from cleaner.diff_command import add_diff_parser, render_dry_run, two_column_runs
from cleaner.report import FileReport

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
