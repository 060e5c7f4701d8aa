"""The run report and the end-of-run summary (cleaner.report)."""

from __future__ import annotations

import io
import json

from rich.console import Console

from cleaner import __version__
from cleaner.report import FileReport, RecordError, Totals, print_summary, progress_bar, report_json

DECODING = {"encoding": "gb18030", "confidence": 0.91, "method": "detector", "repairs": [],
            "lost": []}


def sample_reports() -> list[FileReport]:
    return [
        FileReport("raw/a.txt", ["out/a.txt"], DECODING, {"ads.qr": 2, "whitespace.indent": 1},
                   100, 60, [{"kind": "deletion_guard", "message": "m", "line": None}],
                   ["cleaning removed 40% of the text"]),
        FileReport("raw/b.txt", ["out/b.txt"], DECODING, {"whitespace.indent": 2}, 50, 50),
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
                                "changes": {"whitespace.indent": 3, "ads.qr": 2}}
    first, _, failed = report["files"]
    assert first["path"] == "raw/a.txt" and first["outputs"] == ["out/a.txt"]
    assert (first["encoding"], first["confidence"], first["method"]) == ("gb18030", 0.91, "detector")
    assert first["removed_share"] == 0.4
    assert first["flags"][0]["kind"] == "deletion_guard"
    assert first["warnings"] == ["cleaning removed 40% of the text"]
    assert "records" not in first
    assert failed["error"] == "empty file" and failed["encoding"] is None and failed["outputs"] == []


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
    console = Console(file=buffer, width=60, force_terminal=False, color_system=None)
    print_summary(sample_reports(), console)
    assert buffer.getvalue() == (
        "3 files: 2 changed, 1 error, 1 flagged\n"
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
