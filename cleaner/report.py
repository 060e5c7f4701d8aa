"""The run report: what happened to each input, as JSON for machines and a short summary for people.

A ``FileReport`` is built by the worker that cleaned the file and is plain data (it crosses
process boundaries). ``build_report`` puts them in input order with the run totals; it holds no
timestamps or durations, so the same inputs give a byte-identical report whatever ``-j`` was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from cleaner import __version__


@dataclass
class RecordError:
    """A JSONL line that could not be cleaned."""

    line: int
    message: str


@dataclass
class FileReport:
    """What cleaning one input did. ``error`` is set when the input failed."""

    path: str
    outputs: list[str] = field(default_factory=list)
    decoding: dict[str, Any] | None = None
    changes: dict[str, int] = field(default_factory=dict)
    chars_before: int = 0
    chars_after: int = 0
    flags: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    records: int | None = None
    """JSONL only: the records cleaned."""
    record_errors: list[RecordError] = field(default_factory=list)
    """JSONL only: the lines that were not valid records (left out of the output)."""
    reports: int = 0
    """Reports written: 1 for a plain document, one per report of a compilation (and for JSONL,
    one per output record)."""
    segments: list[dict[str, Any]] = field(default_factory=list)
    """Documents: each segment in document order (kind, lines of the cleaned text, title,
    reason); a report with its output, metadata file and metadata, the preamble with its text.
    JSONL: only the preamble segments, with their record's line (the metadata is in each
    output record's ``meta``)."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def removed_share(self) -> float:
        """Share of non-space characters removed (0 when cleaning added some).

        >>> FileReport("a.txt", chars_before=200, chars_after=150).removed_share
        0.25
        """
        if not self.chars_before:
            return 0.0
        return round(max(0.0, (self.chars_before - self.chars_after) / self.chars_before), 4)

    def to_dict(self) -> dict[str, Any]:
        decoding = self.decoding or {}
        entry: dict[str, Any] = {
            "path": self.path,
            "outputs": list(self.outputs),
            "encoding": decoding.get("encoding"),
            "confidence": decoding.get("confidence"),
            "method": decoding.get("method"),
            "repairs": decoding.get("repairs", []),
            "lost": decoding.get("lost", []),
            "changes": dict(self.changes),
            "chars_before": self.chars_before,
            "chars_after": self.chars_after,
            "removed_share": self.removed_share,
            "flags": list(self.flags),
            "warnings": list(self.warnings),
            "error": self.error,
            "reports": self.reports,
            "segments": list(self.segments),
        }
        if self.records is not None:
            entry["records"] = self.records
            entry["record_errors"] = [{"line": e.line, "message": e.message}
                                      for e in self.record_errors]
        return entry


def merge_counts(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Sum per-rule counts; most first, ties by rule id.

    >>> merge_counts([{"a": 1, "b": 2}, {"a": 3}])
    {'a': 4, 'b': 2}
    """
    total: dict[str, int] = {}
    for part in counts:
        for rule, n in part.items():
            total[rule] = total.get(rule, 0) + n
    return dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True)
class Totals:
    files: int
    ok: int
    failed: int
    changed: int
    flagged: int
    changes: dict[str, int]
    reports: int = 0

    @classmethod
    def of(cls, reports: Sequence[FileReport]) -> Totals:
        return cls(
            files=len(reports), ok=sum(r.ok for r in reports),
            failed=sum(not r.ok for r in reports), changed=sum(r.changed for r in reports),
            flagged=sum(r.flagged for r in reports),
            changes=merge_counts(r.changes for r in reports), reports=sum(r.reports for r in reports))

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "ok": self.ok, "failed": self.failed,
                "changed": self.changed, "flagged": self.flagged, "reports": self.reports,
                "changes": dict(self.changes)}


def build_report(reports: Sequence[FileReport],
                 dedup: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole report: version, totals, then one entry per input in input order, and with
    ``clean --dedup`` the duplicates found among the reports written."""
    built = {"cleaner_version": __version__, "totals": Totals.of(reports).to_dict(),
             "files": [r.to_dict() for r in reports]}
    if dedup is not None:
        built["dedup"] = dedup
    return built


def report_json(reports: Sequence[FileReport], dedup: dict[str, Any] | None = None) -> str:
    """The report as JSON text (UTF-8 readable, two-space indent, final newline)."""
    return json.dumps(build_report(reports, dedup), ensure_ascii=False, indent=2) + "\n"


def summary_lines(reports: Sequence[FileReport], top: int = 5,
                  written: Sequence[str] = ()) -> list[str]:
    """The end-of-run summary as plain lines: the counts, where the run wrote (``written``:
    the output folder, the run report, …), then the rules that fired most.

    >>> for line in summary_lines([FileReport("a", changes={"x.y": 12, "z": 3}, reports=11),
    ...                            FileReport("b", error="empty file")],
    ...                           written=["clean/", "report run.json"]):
    ...     print(line)
    2 files: 1 changed, 1 error, 0 flagged; 1 compilation split into 11 reports
    written: clean/, report run.json
    rules fired most:
      12  x.y
       3  z
    """
    totals = Totals.of(reports)
    errors = "error" if totals.failed == 1 else "errors"
    files = "file" if totals.files == 1 else "files"
    lines = [f"{totals.files} {files}: {totals.changed} changed, {totals.failed} {errors}, "
             f"{totals.flagged} flagged"]
    split = [r for r in reports if r.records is None and r.reports > 1]
    if split:
        lines[0] += (f"; {len(split)} compilation{'' if len(split) == 1 else 's'} split into "
                     f"{sum(r.reports for r in split)} reports")
    if written:
        lines.append("written: " + ", ".join(written))
    fired = list(totals.changes.items())[:top]
    if fired:
        width = len(str(fired[0][1]))
        lines.append("rules fired most:")
        lines += [f"  {n:>{width}}  {rule}" for rule, n in fired]
    return lines


def print_summary(reports: Sequence[FileReport], console: Any, written: Sequence[str] = ()) -> None:
    """Print the summary on a rich console (the CLI passes one writing to stderr)."""
    from rich.text import Text

    first, *rest = summary_lines(reports, written=written)
    console.print(Text(first, style="bold"))
    for line in rest:
        console.print(Text(line, style="dim"), overflow="ellipsis", no_wrap=True)


@contextmanager
def progress_bar(total: int, console: Any) -> Iterator[Callable[[], None]]:
    """A rich progress bar counting cleaned files; yields a function to call once per file."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("clean", total=total)
        yield lambda: progress.advance(task)
