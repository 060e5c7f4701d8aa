"""Batch runs: clean many inputs, in one process or a pool, and collect a report per input.

Each ``Task`` is plain data. A worker builds one ``Cleaner`` (in ``init_worker``), reads its
input, cleans it, splits a compilation into its reports (``cleaner.split``), reads each report's
metadata (``cleaner.metadata``), writes its own output files atomically and returns only the
``FileReport``; output meant for standard output comes back as bytes. Results are handed back
in input order, so the files and the report are the same whatever the number of workers.

A compilation (two reports or more, as ``split_reports`` sees them) is written as ``NAME-01.txt``,
``NAME-02.txt``, … in document order. Its preamble (the compilation title, a leftover table of
contents) is not written as a report: it is kept, with its text, in the report's ``segments``,
and its title becomes each report's ``collection``. Anything else is written as one report,
``NAME.txt``, exactly as cleaned.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
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
from cleaner.metadata import extract_metadata
from cleaner.pipeline import Cleaner, CleanResult
from cleaner.report import FileReport, RecordError, merge_counts
from cleaner.split import Segment, collection_title, split_reports

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
    split: bool = True
    """Write each report of a compilation on its own (never in place: see ``_clean_task``)."""
    meta_files: bool = False
    """Write each report's metadata beside it, as ``NAME.meta.json``."""
    keep_texts: bool = False
    """Hand the reports' texts back (``Outcome.texts``): for --dedup when nothing is written."""
    reserved: tuple[str, ...] = ()
    """Output files of other inputs that a split of this one must not take (``NAME-01.txt``)."""


@dataclass
class Outcome:
    """A task's report, and its cleaned bytes when they go to standard output."""

    index: int
    report: FileReport
    stdout: bytes | None = None
    texts: list[str] | None = None
    """With ``Task.keep_texts``: each report's text (documents) or each output record's text."""


@dataclass(frozen=True)
class Part:
    """One report to write: its text, where it sits in the cleaned input, and its metadata."""

    text: str
    segment: Any
    """The ``cleaner.split.Segment`` it comes from; None when the whole input is one report."""
    meta: dict[str, object]


def parts_of(text: str, *, split: bool, lifted: Mapping[str, object] | None = None,
             ) -> tuple[list[Part], list[Segment]]:
    """The reports of a cleaned text, and the segments that are not written (the preamble).

    Two reports or more: each report segment is a part, with the compilation title (the line
    ``toc.compilation-title`` lifted out of the text, else the title of a segment before the first
    report) as its ``collection``. Otherwise, or without ``split``,
    the whole text is one part: a single report is never cut, and nothing is left out.
    """
    segments = split_reports(text) if split else []
    reports = [segment for segment in segments if segment.kind == "report"]
    collection = collection_of(segments, lifted)
    if len(reports) < 2:
        return [Part(text, None, extract_metadata(text, lifted=lifted, collection=collection).to_dict())], []
    parts = [Part(as_output_text(segment.text.strip("\n")), segment,
                  extract_metadata(segment.text, lifted=lifted, collection=collection).to_dict())
             for segment in reports]
    return parts, [segment for segment in segments if segment.kind != "report"]


def collection_of(segments: list[Segment], lifted: Mapping[str, object] | None) -> str | None:
    """The name of the collection a compilation's reports belong to: the compilation title a rule
    lifted out of the text (``toc.compilation-title``), else the title of its preamble.

    >>> collection_of([], {"compilation": {"title": "汇编-2篇"}}), collection_of([], None)
    ('汇编-2篇', None)
    """
    return _lifted_collection(lifted) or collection_title(segments)


def _lifted_collection(lifted: Mapping[str, object] | None) -> str | None:
    """The compilation title a rule lifted out of the text (``toc.compilation-title``), if any.

    >>> _lifted_collection({"compilation": {"title": "镇政府工作报告合集（精选7篇）"}})
    '镇政府工作报告合集（精选7篇）'
    >>> _lifted_collection({}) is None
    True
    """
    compilation = (lifted or {}).get("compilation")
    title = compilation.get("title") if isinstance(compilation, Mapping) else None
    return title if isinstance(title, str) and title else None


def report_count(text: str) -> int:
    """How many reports ``split_reports`` finds in a cleaned text."""
    return sum(segment.kind == "report" for segment in split_reports(text))


def numbered_path(path: Path, number: int, count: int) -> Path:
    """Where report ``number`` of ``count`` goes: the name with ``-01``, ``-02``, … before the suffix.

    >>> numbered_path(Path("out/a.txt"), 3, 11).as_posix(), numbered_path(Path("a"), 7, 120).name
    ('out/a-03.txt', 'a-007')
    """
    width = max(2, len(str(count)))
    return path.with_name(f"{path.stem}-{number:0{width}d}{path.suffix}")


def meta_path(path: Path) -> Path:
    """The metadata sidecar of an output: ``NAME.meta.json`` beside ``NAME.txt``.

    >>> meta_path(Path("out/a-01.txt")).as_posix()
    'out/a-01.meta.json'
    """
    return path.with_name(f"{path.stem}.meta.json")


def segment_entry(segment: Any) -> dict[str, Any]:
    """What the report says about a segment: kind, lines of the cleaned text, title, reason."""
    return {"kind": segment.kind, "start_line": segment.start_line, "end_line": segment.end_line,
            "title": segment.title, "reason": segment.reason}


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
    texts: list[str] | None = [] if task.keep_texts else None
    try:
        if task.jsonl:
            payload = _clean_jsonl(cleaner, data, task, report, texts)
            files = [] if task.output is None else [(Path(task.output), payload)]
        else:
            parts, skipped, whole = _clean_document(cleaner, data, task, report)
            if texts is not None:
                texts += [part.text for part in parts]
            separator = "\n" if cleaner.config.blank_lines else ""
            payload = separator.join(part.text for part in parts).encode("utf-8")
            files = _document_files(task, parts, skipped, whole, report)
    except InputError as exc:
        report.error = str(exc)
        return Outcome(task.index, report)
    if task.output is None:
        report.outputs = [STDOUT]
        return Outcome(task.index, report, payload, texts)
    if task.in_place and report.record_errors:  # rewriting would drop them from the only copy
        first = report.record_errors[0]
        report.error = (f"{len(report.record_errors)} bad record(s) (first: line {first.line}: "
                        f"{first.message}): not cleaned in place, so that no record is lost; "
                        "fix those lines first")
        return Outcome(task.index, report, texts=texts)
    report.outputs = [str(path) for path, _ in files]
    for path, content in files:
        if task.in_place and content == data:  # already clean: leave the file (and its mtime) alone
            continue
        try:
            write_atomic(path, content, durable=task.in_place,
                         keep_mode_of=Path(task.source) if task.in_place and task.source else None)
        except OSError as exc:
            report.error = f"cannot write {path}: {describe_os_error(exc)}"
            return Outcome(task.index, report, texts=texts)
    return Outcome(task.index, report, texts=texts)


def _clean_document(cleaner: Cleaner, data: bytes, task: Task,
                    report: FileReport) -> tuple[list[Part], list[Any], str]:
    """Clean one document and cut it into the reports it holds; fills the report's figures.
    Also returns why the document is kept whole, when it is."""
    result = cleaner.clean_bytes(data)
    assert result.decoding is not None
    report.decoding = result.decoding.to_dict()
    report.changes = result.counts()
    report.chars_before, report.chars_after = result.chars_before, result.chars_after
    report.flags = [flag.to_dict() for flag in result.flags]
    report.warnings = document_warnings(result, cleaner.config)
    text = as_output_text(result.text)
    split, whole = task.split, "one report" if task.split else "not split (--no-split)"
    if task.in_place and split:
        # Splitting in place would replace the input by files it never had: the whole input is
        # cleaned in place, and the user is told how to split it.
        count = report_count(text)
        if count > 1:
            report.warnings.append(f"holds {count} reports: cleaned in place as one file, not "
                                   "split (to get one file per report, clean it with -o DIR)")
            split, whole = False, f"not split: cleaned in place (it holds {count} reports)"
    parts, skipped = parts_of(text, split=split, lifted=result.metadata)
    return parts, skipped, whole


def _document_files(task: Task, parts: Sequence[Part], skipped: Sequence[Any], whole: str,
                    report: FileReport) -> list[tuple[Path, bytes]]:
    """The files to write for a document's reports (and their sidecars), and the report's
    ``segments``: every segment in document order, each report with its output and metadata,
    the preamble with its text (it is written nowhere else)."""
    files: list[tuple[Path, bytes]] = []
    output = None if task.output is None else Path(task.output)
    entries: list[tuple[int, dict[str, Any]]] = []
    for number, part in enumerate(parts, start=1):
        target = output
        if output is not None and len(parts) > 1:
            target = numbered_path(output, number, len(parts))
            if str(target) in task.reserved:
                raise InputError(f"holds {len(parts)} reports, and report {number} would be "
                                 f"written to {target}, the output of another input: rename "
                                 "one of them, or keep the compilation whole with --no-split")
        entry = _report_entry(part, number if len(parts) > 1 else None, whole, target)
        if target is not None:
            files.append((target, part.text.encode("utf-8")))
            if task.meta_files:
                sidecar = meta_path(target)
                entry["meta_file"] = str(sidecar)
                files.append((sidecar, _sidecar_json(task, entry)))
        entries.append((0 if part.segment is None else part.segment.start_line, entry))
    for segment in skipped:
        entries.append((segment.start_line, {**segment_entry(segment), "output": None,
                                             "text": segment.text}))
    report.segments = [entry for _, entry in sorted(entries, key=lambda e: e[0])]
    report.reports = len(parts)
    return files


def _report_entry(part: Part, number: int | None, whole: str, target: Path | None) -> dict[str, Any]:
    if part.segment is not None:
        entry = segment_entry(part.segment)
    else:
        entry = {"kind": "report", "start_line": 1, "end_line": part.text.count("\n"),
                 "title": part.meta.get("title"), "reason": whole}
    return {**entry, "index": number, "output": STDOUT if target is None else str(target),
            "meta_file": None, "meta": part.meta}


def _sidecar_json(task: Task, entry: Mapping[str, Any]) -> bytes:
    """A report's metadata file: where the report came from, then its metadata."""
    where = {key: entry[key] for key in ("index", "start_line", "end_line", "title", "reason")}
    sidecar = {"source": task.display, "output": entry["output"], "segment": where,
               "meta": entry["meta"]}
    return (json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _clean_jsonl(cleaner: Cleaner, data: bytes, task: Task, report: FileReport,
                 texts: list[str] | None) -> bytes:
    """Clean the ``text_key`` field of each JSON Lines record; keep the other fields.

    A record holding a compilation becomes one record per report, each with its ``meta`` and,
    in its ``cleaner`` field, the ``segment`` it comes from (index, of, lines, title, reason);
    the preamble goes to the run report. A bad line (not JSON, not an object, no text field, a
    ``meta`` field of its own) is left out of the output and reported with its line number;
    the other records are still cleaned.
    """
    text_key = task.text_key
    text, decoding = decode_bytes(data)
    report.decoding = decoding.to_dict()
    report.records = 0
    lines: list[str] = []
    counts: list[dict[str, int]] = []
    kept_whole = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw.strip()
        if not body:
            continue
        record, problem = _parse_record(body, text_key)
        if record is None:
            report.record_errors.append(RecordError(number, problem))
            continue
        result = cleaner.clean_text(record[text_key])
        cleaned = as_output_text(result.text)
        parts, skipped = parts_of(cleaned, split=task.split and not task.in_place,
                                  lifted=result.metadata)
        if task.in_place and task.split and report_count(cleaned) > 1:
            kept_whole += 1
        stats = record_stats(result)
        for index, part in enumerate(parts, start=1):
            out = dict(record)
            out[text_key] = part.text.removesuffix("\n")
            out["cleaner"] = stats if part.segment is None else {
                **stats, "segment": {"index": index, "of": len(parts), **segment_entry(part.segment)}}
            out["meta"] = part.meta
            lines.append(json.dumps(out, ensure_ascii=False))
            if texts is not None:
                texts.append(out[text_key])
        report.segments += [{"record": number, **segment_entry(segment), "output": None,
                             "text": segment.text} for segment in skipped]
        report.records += 1
        report.reports += len(parts)
        counts.append(result.counts())
        report.chars_before += result.chars_before
        report.chars_after += result.chars_after
        report.flags += [{**flag.to_dict(), "record": number} for flag in result.flags]
        report.warnings += [f"line {number}: {w}" for w in document_warnings(result, cleaner.config)]
    if kept_whole:
        report.warnings.append(f"{kept_whole} record(s) hold several reports: cleaned in place "
                               "as one record each, not split (clean with -o DIR to split them)")
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
    if "meta" in record and "cleaner" not in record and text_key != "meta":
        # a field of the user's own, not the metadata of an earlier run: never overwrite it
        return None, ("has a 'meta' field of its own, where cleaner writes the report's "
                      "metadata: rename that field first")
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


def _work(chunk: Sequence[Task]) -> list[Outcome]:
    assert _worker_cleaner is not None, "init_worker was not run"
    return [clean_task(_worker_cleaner, task) for task in chunk]


MAX_CHUNK = 8
"""Tasks sent to a worker at a time. Each round trip through the pool costs the parent about
1 ms of CPU (pickling, pipes, waking threads), about a tenth of cleaning a 17 KB file; on two
cores that time is taken from the workers."""


def chunk_size(tasks: int, workers: int) -> int:
    """Tasks per chunk: up to ``MAX_CHUNK``, but at least 8 chunks per worker, so that the
    workers finish together and the progress bar moves smoothly.

    >>> chunk_size(1236, 2), chunk_size(40, 2), chunk_size(3, 2)
    (8, 2, 1)
    """
    return max(1, min(MAX_CHUNK, tasks // (8 * workers)))


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
    size = chunk_size(len(tasks), workers)
    chunks = [tasks[start:start + size] for start in range(0, len(tasks), size)]
    pool = ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=(config,))
    try:
        futures = {pool.submit(_work, chunk): chunk for chunk in chunks}
        with progress(len(tasks)) as advance:
            for future in as_completed(futures):
                for outcome in _outcomes_of(future, futures[future]):
                    ready[position[outcome.index]] = outcome
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


def _outcomes_of(future: Future[list[Outcome]], chunk: Sequence[Task]) -> list[Outcome]:
    """The worker's outcomes, or failed ones when the worker itself broke (killed, crashed):
    then every input of its chunk fails, and the message says so."""
    error = future.exception()
    if error is None:
        return future.result()
    also = f" (with the {len(chunk)} inputs sent to it together)" if len(chunk) > 1 else ""
    return [Outcome(task.index, FileReport(task.display, error=f"worker failed{also}: {error!r}"))
            for task in chunk]
