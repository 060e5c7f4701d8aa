"""The run report and the end-of-run summary (cleaner.report)."""

from __future__ import annotations

import io
import json

from rich.console import Console

from cleaner import __version__
from cleaner.report import (
    FileReport,
    RecordError,
    Totals,
    print_summary,
    progress_bar,
    report_json,
    summary_lines,
)

DECODING = {"encoding": "gb18030", "confidence": 0.91, "method": "detector", "repairs": [],
            "lost": []}
SEGMENT = {"kind": "preamble", "start_line": 1, "end_line": 2, "title": "汇编", "reason": "r",
           "output": None, "text": "汇编\n目录\n"}


def sample_reports() -> list[FileReport]:
    return [
        FileReport("raw/a.txt", ["out/a.txt"], DECODING, {"ads.qr": 2, "whitespace.indent": 1},
                   100, 60, [{"kind": "deletion_guard", "message": "m", "line": None}],
                   ["cleaning removed 40% of the text"], reports=1),
        FileReport("raw/b.txt", ["out/b-01.txt", "out/b-02.txt"], DECODING, {"whitespace.indent": 2},
                   50, 50, reports=2, segments=[SEGMENT]),
        FileReport("raw/c.txt", error="empty file"),
    ]


def test_totals_count_files_and_sum_rules() -> None:
    totals = Totals.of(sample_reports())
    assert (totals.files, totals.ok, totals.failed, totals.changed, totals.flagged) == (3, 2, 1, 2, 1)
    assert list(totals.changes.items()) == [("whitespace.indent", 3), ("ads.qr", 2)]


def test_report_entries_hold_decoding_changes_flags_and_errors() -> None:
    report = json.loads(report_json(sample_reports()))
    assert report["cleaner_version"] == __version__
    assert report["totals"] == {"files": 3, "ok": 2, "failed": 1, "changed": 2, "flagged": 1,
                                "reports": 3, "changes": {"whitespace.indent": 3, "ads.qr": 2}}
    assert "dedup" not in report
    first, second, failed = report["files"]
    assert (second["reports"], second["segments"]) == (2, [SEGMENT])
    assert first["path"] == "raw/a.txt" and first["outputs"] == ["out/a.txt"]
    assert (first["encoding"], first["confidence"], first["method"]) == ("gb18030", 0.91, "detector")
    assert first["removed_share"] == 0.4
    assert first["flags"][0]["kind"] == "deletion_guard"
    assert first["warnings"] == ["cleaning removed 40% of the text"]
    assert "records" not in first
    assert failed["error"] == "empty file" and failed["encoding"] is None and failed["outputs"] == []


def test_dedup_section_is_added_when_given() -> None:
    section = {"threshold": 0.85, "clusters": [], "moved": []}
    assert json.loads(report_json(sample_reports(), section))["dedup"] == section


def test_summary_counts_split_compilations() -> None:
    first = summary_lines(sample_reports())[0]
    assert first == "3 files: 2 changed, 1 error, 1 flagged; 1 compilation split into 2 reports"
    assert summary_lines(sample_reports()[:1])[0] == "1 file: 1 changed, 0 errors, 1 flagged"


def test_jsonl_entries_list_record_errors() -> None:
    entry = FileReport("c.jsonl", records=2, record_errors=[RecordError(3, "invalid JSON")]).to_dict()
    assert entry["records"] == 2
    assert entry["record_errors"] == [{"line": 3, "message": "invalid JSON"}]


def test_report_json_is_readable_utf8_with_a_final_newline() -> None:
    text = report_json([FileReport("报告/甲.txt")])
    assert "报告/甲.txt" in text
    assert text.endswith("}\n")


def test_summary_on_a_console() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=90, force_terminal=False, color_system=None)
    print_summary(sample_reports(), console)
    assert buffer.getvalue() == (
        "3 files: 2 changed, 1 error, 1 flagged; 1 compilation split into 2 reports\n"
        "rules fired most:\n"
        "  3  whitespace.indent\n"
        "  2  ads.qr\n")


def test_progress_bar_counts_to_the_total() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=60, force_terminal=True, color_system=None)
    with progress_bar(3, console) as advance:
        for _ in range(3):
            advance()
    assert "3/3" in buffer.getvalue()


def test_summary_says_where_the_run_wrote() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=90, force_terminal=False, color_system=None)
    print_summary(sample_reports(), console, written=["clean/", "report run.json"])
    assert buffer.getvalue().splitlines()[1] == "written: clean/, report run.json"
