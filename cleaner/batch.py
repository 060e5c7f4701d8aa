"""Batch runs: clean many inputs, in one process or a pool, and collect a report per input.

Each ``Task`` is plain data. A worker builds one ``Cleaner`` (in ``init_worker``), reads its
input, cleans it, writes its own output file atomically and returns only the ``FileReport``;
output meant for standard output comes back as bytes. Results are handed back in input order,
so the files and the report are the same whatever the number of workers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.change import Flag
from cleaner.config import CleanConfig
from cleaner.decode import decode_bytes
from cleaner.errors import InputError
from cleaner.files import as_output_text, describe_os_error, write_atomic
from cleaner.pipeline import Cleaner, CleanResult
from cleaner.report import FileReport, RecordError, merge_counts

STDOUT = "-"


@dataclass(frozen=True)
class Task:
    """One input to clean and where its output goes."""

    index: int
    display: str
    """The input as the report and messages name it."""
    source: str | None = None
    """The file to read; None when ``data`` holds the input (standard input)."""
    data: bytes | None = None
    output: str | None = None
    """The file to write; None: return the bytes for standard output."""
    in_place: bool = False
    jsonl: bool = False
    text_key: str = "text"


@dataclass
class Outcome:
    """A task's report, and its cleaned bytes when they go to standard output."""

    index: int
    report: FileReport
    stdout: bytes | None = None


def clean_task(cleaner: Cleaner, task: Task) -> Outcome:
    """Read, clean and write one input; any failure becomes ``report.error``, so that one bad
    input (or a bug that only it triggers) does not stop the others."""
    try:
        return _clean_task(cleaner, task)
    except Exception as exc:
        error = f"internal error, please report it: {type(exc).__name__}: {exc}"
        return Outcome(task.index, FileReport(task.display, error=error))


def _clean_task(cleaner: Cleaner, task: Task) -> Outcome:
    report = FileReport(task.display)
    try:
        data = task.data if task.source is None else Path(task.source).read_bytes()
    except OSError as exc:
        report.error = describe_os_error(exc)
        return Outcome(task.index, report)
    assert data is not None, "a task without a source carries its data"
    try:
        if task.jsonl:
            payload = _clean_jsonl(cleaner, data, task.text_key, report)
        else:
            payload = _clean_document(cleaner, data, report)
    except InputError as exc:
        report.error = str(exc)
        return Outcome(task.index, report)
    if task.output is None:
        report.outputs = [STDOUT]
        return Outcome(task.index, report, payload)
    if task.in_place and payload == data:  # already clean: leave the file (and its mtime) alone
        report.outputs = [task.output]
        return Outcome(task.index, report)
    try:
        write_atomic(Path(task.output), payload, durable=task.in_place,
                     keep_mode_of=Path(task.source) if task.in_place and task.source else None)
    except OSError as exc:
        report.error = f"cannot write {task.output}: {describe_os_error(exc)}"
        return Outcome(task.index, report)
    report.outputs = [task.output]
    return Outcome(task.index, report)


def _clean_document(cleaner: Cleaner, data: bytes, report: FileReport) -> bytes:
    result = cleaner.clean_bytes(data)
    assert result.decoding is not None
    report.decoding = result.decoding.to_dict()
    report.changes = result.counts()
    report.chars_before, report.chars_after = result.chars_before, result.chars_after
    report.flags = [flag.to_dict() for flag in result.flags]
    report.warnings = document_warnings(result, cleaner.config)
    return as_output_text(result.text).encode("utf-8")


def _clean_jsonl(cleaner: Cleaner, data: bytes, text_key: str, report: FileReport) -> bytes:
    """Clean the ``text_key`` field of each JSON Lines record; keep the other fields.

    A bad line (not JSON, not an object, no text field) is left out of the output and reported
    with its line number; the other records are still cleaned.
    """
    text, decoding = decode_bytes(data)
    report.decoding = decoding.to_dict()
    report.records = 0
    lines: list[str] = []
    counts: list[dict[str, int]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw.strip()
        if not body:
            continue
        record, problem = _parse_record(body, text_key)
        if record is None:
            report.record_errors.append(RecordError(number, problem))
            continue
        result = cleaner.clean_text(record[text_key])
        record[text_key] = result.text.removesuffix("\n")
        record["cleaner"] = record_stats(result)
        lines.append(json.dumps(record, ensure_ascii=False))
        report.records += 1
        counts.append(result.counts())
        report.chars_before += result.chars_before
        report.chars_after += result.chars_after
        report.flags += [{**flag.to_dict(), "record": number} for flag in result.flags]
        report.warnings += [f"line {number}: {w}" for w in document_warnings(result, cleaner.config)]
    report.changes = merge_counts(counts)
    if report.record_errors:
        first = report.record_errors[0]
        report.error = (f"{len(report.record_errors)} bad record(s), left out of the output "
                        f"(first: line {first.line}: {first.message})")
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _parse_record(body: str, text_key: str) -> tuple[dict[str, Any] | None, str]:
    """The record on one JSONL line, or None and why it is not usable.

    >>> _parse_record('{"text": "各位代表：", "id": 7}', "text")
    ({'text': '各位代表：', 'id': 7}, '')
    >>> _parse_record('{"body": "x"}', "text")[1]
    "no 'text' field (choose the field with --text-key)"
    """
    try:
        record = json.loads(body)
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON: {exc.msg} (column {exc.colno})"
    if not isinstance(record, dict):
        return None, f"a record must be a JSON object (not {type(record).__name__})"
    if text_key not in record:
        return None, f"no {text_key!r} field (choose the field with --text-key)"
    if not isinstance(record[text_key], str):
        return None, f"field {text_key!r} must be a string (not {type(record[text_key]).__name__})"
    return record, ""


def record_stats(result: CleanResult) -> dict[str, Any]:
    """The ``cleaner`` field added to a JSONL record."""
    return {"changes": result.counts(), "chars_before": result.chars_before,
            "chars_after": result.chars_after, "removed_share": round(result.removed_share, 4),
            "flags": [flag.to_dict() for flag in result.flags]}


def document_warnings(result: CleanResult, config: CleanConfig) -> list[str]:
    """What a person should know about one cleaned document: too much removed, bytes lost."""
    warnings: list[str] = []
    if any(flag.kind == "deletion_guard" for flag in result.flags):
        top = ", ".join(f"{rule} ×{n}" for rule, n in list(result.counts().items())[:3])
        warnings.append(f"cleaning removed {result.removed_share:.0%} of the text (more than "
                        f"--max-removed {config.max_removed:.0%}); written anyway, check it"
                        + (f" (rules: {top})" if top else ""))
    lost = [flag for flag in result.flags if flag.kind == "lost_bytes"]
    if lost:
        warnings.append(_lost_bytes_warning(lost))
    return warnings


def _lost_bytes_warning(lost: Sequence[Flag]) -> str:
    lines = sorted({flag.line for flag in lost if flag.line is not None})
    where = f" on {len(lines)} line(s), first line {lines[0]}" if lines else ""
    return f"bytes were lost before cleaning{where} (kept as U+FFFD; see the report)"


# One Cleaner per worker process, built once by the pool's initializer.
_worker_cleaner: Cleaner | None = None


def init_worker(config: CleanConfig) -> None:
    global _worker_cleaner
    _worker_cleaner = Cleaner(config)


def _work(task: Task) -> Outcome:
    assert _worker_cleaner is not None, "init_worker was not run"
    return clean_task(_worker_cleaner, task)


Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]
"""Given the number of tasks, a context that yields a function to call once per finished task."""


@contextmanager
def no_progress(total: int) -> Iterator[Callable[[], None]]:
    yield lambda: None


def run_tasks(tasks: Sequence[Task], cleaner: Cleaner, jobs: int,
              on_done: Callable[[Outcome], None] = lambda outcome: None,
              progress: Progress = no_progress) -> list[Outcome]:
    """Clean every task; ``on_done`` sees the outcomes in input order, as soon as each is ready.

    With ``jobs`` > 1 and more than one task, a process pool does the work; otherwise this
    process does, with ``cleaner``. ``progress`` is entered once the workers exist, so that no
    thread of the progress display is running when they are forked.
    """
    if jobs <= 1 or len(tasks) <= 1:
        outcomes = []
        with progress(len(tasks)) as advance:
            for task in tasks:
                outcome = clean_task(cleaner, task)
                outcomes.append(outcome)
                advance()
                on_done(outcome)
        return outcomes
    return _run_pool(tasks, cleaner.config, min(jobs, len(tasks)), on_done, progress)


def _run_pool(tasks: Sequence[Task], config: CleanConfig, workers: int,
              on_done: Callable[[Outcome], None], progress: Progress) -> list[Outcome]:
    ready: dict[int, Outcome] = {}
    outcomes: list[Outcome] = []
    position = {task.index: i for i, task in enumerate(tasks)}
    pool = ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=(config,))
    try:
        futures: dict[Future[Outcome], Task] = {pool.submit(_work, task): task for task in tasks}
        with progress(len(tasks)) as advance:
            for future in as_completed(futures):
                task = futures[future]
                ready[position[task.index]] = _outcome_of(future, task)
                advance()
                while len(outcomes) in ready:  # hand results on in input order
                    outcome = ready.pop(len(outcomes))
                    outcomes.append(outcome)
                    on_done(outcome)
    except BaseException:  # Ctrl-C or a failing callback: drop the queued work, don't wait for it
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return outcomes


def _outcome_of(future: Future[Outcome], task: Task) -> Outcome:
    """The worker's outcome, or a failed one when the worker itself broke (killed, crashed)."""
    error = future.exception()
    if error is None:
        return future.result()
    return Outcome(task.index, FileReport(task.display, error=f"worker failed: {error!r}"))
