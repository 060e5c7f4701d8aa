"""The command line: ``cleaner clean`` and friends, a thin layer over ``cleaner.pipeline``.

Each subcommand is one ``_add_<name>`` function that declares its options and one ``run_<name>``
function that does the work and returns the exit code: 0 all fine, 1 an input failed, 2 a usage,
config or rule-file error. Messages go to stderr as ``cleaner: error: …`` lines, never as
tracebacks.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.batch import STDOUT, Outcome, Task, no_progress, run_tasks
from cleaner.config import RunOptions, build_config, build_run_options
from cleaner.dedup import KEEP_POLICY, DedupDoc, DedupResult, add_dedup_parser, find_duplicates
from cleaner.diff_command import add_diff_parser, render_dry_run
from cleaner.errors import ConfigError
from cleaner.files import (
    STDIN,
    Input,
    InputProblem,
    describe_os_error,
    discover,
    escapes,
    output_path,
    write_atomic,
)
from cleaner.mine import add_mine_parser
from cleaner.options import add_cleaning_options, config_from_args, positive_int, settings_from_args
from cleaner.pipeline import Cleaner
from cleaner.report import FileReport, print_summary, progress_bar, report_json
from cleaner.review import FileResult, write_review
from cleaner.rule_tools import add_rules_parser

PROG = "cleaner"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_RECORD_ERRORS_SHOWN = 10
JSONL_SUFFIXES = (".jsonl", ".ndjson")

DESCRIPTION = """\
Turn messy Chinese government work reports (政府工作报告) into clean, canonical UTF-8 text:
one paragraph per line. Every change is made by a named rule and can be explained."""

CLEAN_DESCRIPTION = """\
Clean files, folders (recursively) or standard input ('-').

Output is UTF-8 without BOM, LF line endings, one paragraph per line and a final newline.
One input without -o is written to standard output; several inputs, or a folder, need
-o DIR (the folder layout is mirrored there, with the suffix .txt) or --in-place. Inputs are
never modified unless you say --in-place, and every file is written atomically.

Compilations: an input holding several reports (a title, a table of contents, then report
after report) is written as NAME-01.txt, NAME-02.txt, … in document order; a single report is
written as NAME.txt, never cut. The preamble (the compilation title, a leftover table of
contents) is not written as a report: the run report (--report) keeps its text under the
file's "segments", and its title becomes each report's "collection". To standard output the
reports follow each other like paragraphs, without the preamble (-o DIR gives one file per
report). --in-place never splits: the input is cleaned as one file, and a warning says how
many reports it holds. In JSON Lines, a record holding a compilation becomes one record per
report. --no-split (or split = false in cleaner.toml) keeps every input whole.

Metadata: each report's title, type, place and level, years, meeting and its date, speaker
and role, the disclosure fields lifted from the page header, and its collection go to the
run report, to each JSON Lines record's "meta" field, and with --meta to NAME.meta.json beside
each output. A field not found is null, never guessed.

Duplicates: --dedup compares the reports written in this run, as 'cleaner dedup' does. With
-o DIR each duplicate (and its .meta.json) is moved to DIR/duplicates/, mirroring its path:
never deleted. With --in-place, to standard output, with --dry-run and for JSON Lines records
duplicates are only listed (terminal and --report): nothing is moved.

Defaults come from cleaner.toml (or [tool.cleaner] in pyproject.toml) in the current
directory or a parent; options given here win.

Exit codes: 0 all fine; 1 an input failed (the others are still cleaned); 2 a usage,
config or rule-file error."""

CLEAN_EPILOG = """\
examples:
  cleaner clean raw/ -o clean/
      clean every *.txt below raw/ into clean/, keeping the folder layout
  cat report.txt | cleaner clean - > report.clean.txt
      standard input to standard output
  cleaner clean corpus.jsonl --jsonl --text-key content -o out/
      clean the "content" field of each JSON Lines record into out/corpus.jsonl
  cleaner clean raw/ --glob '*.htm' -o clean/ --report run.json -q
      clean .htm files, write a JSON report of every change, print only errors
  cleaner clean raw/ -o clean/ --rules my-rules/ --disable disclosure
      add your own rule files (*.toml) and switch off the rules tagged 'disclosure'
  cleaner clean compilation.txt -o clean/ --report run.json
      a file of 11 reports gives clean/compilation-01.txt … clean/compilation-11.txt;
      run.json lists its segments (kind, lines, title, why) and keeps the preamble's text
  cleaner clean compilation.txt --no-split > whole.txt
      keep a compilation as one text, table of contents included
  cleaner clean raw/ -o clean/ --meta
      also write clean/NAME.meta.json beside each report: title, place, years, meeting, …
  cleaner clean raw/ -o clean/ --dedup --report run.json
      move reposts and copies of a report to clean/duplicates/ (never deleted); run.json
      lists each cluster, the report kept and why"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keep the hand-wrapped description and examples; wider option column."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def add_argument(self, action: argparse.Action) -> None:
        """Also count the subcommands' indent when sizing the name column: argparse leaves it
        out, and wraps a long entry such as 'diff (preview)' onto a line of its own."""
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        indent = self._current_indent + self._indent_increment
        for sub in getattr(action, "_get_subactions", list)():  # the commands of a subparsers action
            width = len(self._format_action_invocation(sub)) + indent
            self._action_max_length = max(self._action_max_length, width)


class UsageError(Exception):
    """The command line asks for something cleaner will not do (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION, formatter_class=_Formatter,
                                     epilog="Run 'cleaner COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    _add_clean(commands)
    add_diff_parser(commands, formatter_class=_Formatter)
    add_dedup_parser(commands)
    add_rules_parser(commands)
    add_mine_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or an argparse usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except (ConfigError, UsageError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Exception as exc:  # a bug: one clear line, not a traceback (CLEANER_DEBUG=1 shows it)
        if os.environ.get("CLEANER_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc}. This is a bug in cleaner: please "
               "report it with the command you ran (CLEANER_DEBUG=1 shows the traceback)")
        return EXIT_FAILED


# --- cleaner clean ---------------------------------------------------------------------------

def _add_clean(commands: Any) -> None:
    clean = commands.add_parser("clean", help="clean files, folders or standard input",
                                description=CLEAN_DESCRIPTION, epilog=CLEAN_EPILOG,
                                formatter_class=_Formatter)
    clean.set_defaults(run=run_clean)
    clean.add_argument("paths", nargs="+", metavar="PATH",
                       help="a file, a folder (searched recursively) or '-' for standard input")
    where = clean.add_argument_group("input and output")
    where.add_argument("-o", "--output", type=Path, metavar="DIR",
                       help="write cleaned files below DIR, mirroring each input's path")
    where.add_argument("--in-place", action="store_true", help="overwrite the inputs")
    where.add_argument("--glob", metavar="PATTERN",
                       help="which files to take from folders (default '*.txt', with --jsonl '*.jsonl')")
    where.add_argument("--jsonl", action="store_true",
                       help="inputs are JSON Lines: clean one field of each record, keep the others")
    where.add_argument("--text-key", metavar="KEY", help="the JSONL field to clean (default 'text')")
    docs = clean.add_argument_group("reports: compilations, metadata, duplicates")
    docs.add_argument("--split", action=argparse.BooleanOptionalAction, default=None,
                      help="write each report of a compilation to its own file NAME-01.txt, … "
                           "(default: yes; never in place)")
    docs.add_argument("--meta", action="store_true",
                      help="write each report's metadata to NAME.meta.json beside it (needs -o DIR "
                           "or --in-place; JSONL records carry it in their 'meta' field)")
    docs.add_argument("--dedup", action="store_true",
                      help="find reposts and copies among the reports written, list them, and with "
                           "-o DIR move them to DIR/duplicates/. " + KEEP_POLICY[0].upper()
                           + KEEP_POLICY[1:])
    add_cleaning_options(clean.add_argument_group("how to clean"))
    run = clean.add_argument_group("run")
    run.add_argument("-j", "--jobs", type=positive_int, metavar="N",
                     help="worker processes (default: all cores)")
    run.add_argument("-q", "--quiet", action="store_true",
                     help="print errors only: no warnings, progress or summary")
    run.add_argument("--report", type=Path, metavar="FILE.json",
                     help="write a JSON report: per file its encoding, changes per rule, flags, "
                          "segments and each report's metadata; with --dedup the clusters")
    run.add_argument("--dry-run", action="store_true",
                     help="write nothing: show per input whether cleaning would change it, and how much")
    run.add_argument("--json", action="store_true", help="with --dry-run: print JSON, not a table")
    run.add_argument("--review", type=Path, metavar="FILE.html",
                     help="also write one self-contained HTML page to review the run: summary, rule "
                          "hits, files by share removed, each file's diff")


@dataclass(frozen=True)
class CleanPlan:
    """What a ``clean`` run will do, checked before anything is read or written."""

    tasks: list[Task]
    failed: dict[int, FileReport]
    """Inputs that failed before cleaning (a missing path, …), by their place on the command line."""


def run_clean(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    try:  # a bad value in the file is reported against the file, before options override it
        build_config(settings.values)
        build_run_options(settings.values)
    except ConfigError as exc:
        raise ConfigError(f"{settings.path}: {exc}") from None
    config = config_from_args(settings, args)
    glob = args.glob if args.glob is not None else (
        "*.jsonl" if args.jsonl and "glob" not in settings.values else None)
    options = build_run_options(settings.values, jobs=args.jobs, glob=glob, text_key=args.text_key,
                                split=args.split)
    cleaner = Cleaner(config)  # loads and checks the rules before any input is touched
    if args.text_key is not None and not args.jsonl:
        raise UsageError("--text-key names the field to clean in JSON Lines records: add --jsonl, "
                         "or drop --text-key for plain text files")
    if args.json and not args.dry_run:
        raise UsageError("--json goes with --dry-run (the run's JSON report is --report FILE.json)")
    if args.review is not None and args.jsonl:
        raise UsageError("--review shows documents, not JSON Lines records: drop --review or --jsonl")
    _check_destination(args)
    plan = _plan(args, options)
    _prepare_destinations(args)
    review = _review_items(plan, cleaner) if args.review is not None else {}
    quiet = args.quiet
    show = not quiet and sys.stderr.isatty()
    for report in plan.failed.values():
        _error(f"{report.path}: {report.error}")
    if not args.jsonl and not quiet:
        for task in plan.tasks:
            if Path(task.display).suffix.lower() in JSONL_SUFFIXES:
                _warn(f"{task.display}: looks like JSON Lines but is cleaned as plain text: add "
                      "--jsonl to clean one field of each record (--text-key, default 'text')")

    def on_done(outcome: Outcome) -> None:
        _print_messages(outcome.report, quiet)
        if not quiet and not args.dry_run:
            _print_split_note(outcome.report, args.report)

    jobs = options.jobs or os.cpu_count() or 1
    progress = no_progress
    if show and len(plan.tasks) > 1:
        progress = partial(progress_bar, console=_stderr_console())
    tasks = plan.tasks
    if args.dry_run:  # clean in memory only: no output file, nothing to standard output
        tasks = [dataclasses.replace(task, output=None, in_place=False) for task in tasks]
    outcomes = run_tasks(tasks, cleaner, jobs, on_done, progress)
    for outcome in outcomes:
        if outcome.stdout is not None and not args.dry_run:
            _write_stdout(outcome.stdout)
    by_index = plan.failed | {outcome.index: outcome.report for outcome in outcomes}
    reports = [by_index[index] for index in sorted(by_index)]
    status = EXIT_FAILED if any(not r.ok for r in reports) else EXIT_OK
    dedup: dict[str, Any] | None = None
    if args.dedup:
        dedup, moved_all = _dedup_written(args, options, outcomes, jobs, quiet)
        status = status if moved_all else EXIT_FAILED
    if args.report is not None:
        try:
            write_atomic(args.report, report_json(reports, dedup).encode("utf-8"))
        except OSError as exc:
            _error(f"{args.report}: cannot write the report: {describe_os_error(exc)}")
            status = EXIT_FAILED
    if args.review is not None:
        entries = [review[index] if report.ok and index in review
                   else FileResult(report.path, error=report.error)
                   for index, report in sorted(by_index.items())]
        try:
            write_review(args.review, entries)
        except OSError as exc:
            _error(f"{args.review}: cannot write the review: {describe_os_error(exc)}")
            status = EXIT_FAILED
    if args.dry_run:
        from rich.console import Console

        render_dry_run(reports, Console(highlight=False), as_json=args.json)
    if show:
        print_summary(reports, _stderr_console(), _written(args, status == EXIT_OK or any(
            report.ok for report in reports)))
    return status


def _written(args: argparse.Namespace, any_output: bool) -> list[str]:
    """Where a ``clean`` run wrote, for the summary: the user should not have to guess."""
    written: list[str] = []
    if any_output and not args.dry_run:
        if args.output is not None:
            written.append(f"{args.output}{os.sep}")
        elif args.in_place:
            written.append("the inputs, in place")
    for name, path in (("report", args.report), ("review", args.review)):
        if path is not None and path.exists():
            written.append(f"{name} {path}")
    return written


def _review_items(plan: CleanPlan, cleaner: Cleaner) -> dict[int, FileResult]:
    """Each input's text and what cleaning does to it, for --review: read before anything is
    written, since an in-place run overwrites its inputs."""
    items: dict[int, FileResult] = {}
    for task in plan.tasks:
        try:
            data = task.data if task.source is None else Path(task.source).read_bytes()
        except OSError as exc:
            items[task.index] = FileResult(task.display, error=describe_os_error(exc))
            continue
        items[task.index] = FileResult.from_bytes(task.display, data or b"", cleaner)
    return items


def _check_destination(args: argparse.Namespace) -> None:
    """Usage errors about where the output goes, before any input is read."""
    if args.in_place and args.output is not None:
        raise UsageError("--in-place and -o contradict each other: give one of them")
    if args.paths.count(STDIN) > 1:
        raise UsageError("standard input ('-') can be read only once")
    if args.in_place and STDIN in args.paths:
        raise UsageError("standard input cannot be cleaned in place: drop --in-place to write "
                         "it to standard output, or give -o DIR")
    if args.output is None and not args.in_place and not args.dry_run:
        folders = [p for p in args.paths if p != STDIN and Path(p).is_dir()]
        if len(args.paths) > 1 or folders:
            what = f"the folder {folders[0]}" if folders else f"{len(args.paths)} inputs"
            raise UsageError(f"{what} cannot go to standard output: add -o DIR to write the "
                             "cleaned files below DIR, or --in-place to overwrite the inputs")
    if args.output is not None and args.output.exists() and not args.output.is_dir():
        raise UsageError(f"-o {args.output}: not a directory")
    if args.meta and args.jsonl:
        raise UsageError("--meta writes NAME.meta.json beside each output file, and JSON Lines "
                         "records carry their metadata in their 'meta' field already: drop --meta")
    if args.meta and args.output is None and not args.in_place and not args.dry_run:
        raise UsageError("--meta writes NAME.meta.json beside each output file, and standard "
                         "output is no file: add -o DIR, or find the metadata in --report FILE.json")
    if args.report is not None and args.report.is_dir():
        raise UsageError(f"--report {args.report}: is a directory, give a file name like run.json")
    if args.review is not None and args.review.is_dir():
        raise UsageError(f"--review {args.review}: is a directory, give a file name like review.html")


def _prepare_destinations(args: argparse.Namespace) -> None:
    """Create the folders the run writes to once the plan holds (a usage error creates
    nothing), so that a place that cannot be written is one usage error before any work, not
    one error per input after all of it."""
    if args.output is not None and not args.dry_run:
        _prepare_folder("-o", args.output, args.output)
    for flag, path in (("--report", args.report), ("--review", args.review)):
        if path is not None:
            _prepare_folder(flag, path, path.parent)


def _prepare_folder(flag: str, given: Path, folder: Path) -> None:
    """Create ``folder`` (where ``flag given`` writes), or say why it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # mkdir says "file exists" when a file stands where a folder should
        reason = "not a directory" if isinstance(exc, FileExistsError) else describe_os_error(exc)
        raise UsageError(f"{flag} {given}: cannot create the folder {exc.filename or folder}: "
                         f"{reason}; choose a place you can write to") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{flag} {given}: cannot write in the folder {folder}: permission denied; "
                         "choose a place you can write to")


def _plan(args: argparse.Namespace, options: RunOptions) -> CleanPlan:
    """Find the inputs and their outputs; refuse collisions and overwriting an input."""
    out_dir: Path | None = args.output
    suffix = ".jsonl" if args.jsonl else ".txt"
    found = discover(args.paths, options.glob, skip=out_dir)
    sources = {item.source.resolve(): item.display for item in found
               if isinstance(item, Input) and item.source is not None}
    tasks: list[Task] = []
    failed: dict[int, FileReport] = {}
    claimed: dict[Path, int] = {}
    for index, item in enumerate(found):
        if isinstance(item, InputProblem):
            failed[index] = FileReport(item.display, error=item.message)
            continue
        target: Path | None = None
        resolved: Path | None = None
        if args.in_place:
            assert item.source is not None
            target, resolved = item.source, item.source.resolve()
        elif out_dir is not None:
            target = output_path(item, out_dir, suffix)
            if escapes(target, out_dir):
                failed[index] = FileReport(item.display, error=(
                    f"its output {target} would leave the output directory {out_dir} "
                    "(through a symbolic link?): not written"))
                continue
            resolved = target.resolve()
            overwritten = sources.get(resolved)
            if overwritten is not None:
                raise UsageError(f"{item.display} would be written over the input {overwritten}: "
                                 "choose another -o DIR, or clean in place with --in-place")
        if resolved is not None:
            first = found[claimed.setdefault(resolved, index)]
            if first is not item:
                if first.display == item.display:
                    raise UsageError(f"{item.display} is given twice: name each input once")
                raise UsageError(f"{first.display} and {item.display} would both be written to "
                                 f"{target}: rename one, or clean them in separate runs")
        data = _read_stdin(args.quiet) if item.source is None else None
        tasks.append(Task(index, item.display, source=None if item.source is None else str(item.source),
                          data=data, output=None if target is None else str(target),
                          in_place=args.in_place, jsonl=args.jsonl, text_key=options.text_key,
                          split=options.split, meta_files=args.meta,
                          keep_texts=args.dedup and (target is None or args.dry_run)))
    if options.split and not args.jsonl and not args.in_place:
        tasks = _reserve_numbered_names(tasks)
    return CleanPlan(tasks, failed)


def _read_stdin(quiet: bool) -> bytes:
    """Standard input's bytes; on a terminal, first say that cleaner is waiting for them."""
    if not quiet and sys.stdin.isatty():
        print(f"{PROG}: reading standard input: paste or type the text, then Ctrl-D "
              "(give a file name instead of '-' to clean a file)", file=sys.stderr)
    return sys.stdin.buffer.read()


_NUMBERED = re.compile(r"^(?P<stem>.+)-\d{2,}(?P<suffix>\.[^.]*)?$")


def _reserve_numbered_names(tasks: list[Task]) -> list[Task]:
    """Tell each task the outputs of other inputs that its reports could take if it turned out
    to be a compilation (``a.txt`` split into ``a-01.txt`` … while ``a-01.txt`` is an input too),
    so that it fails with a clear message instead of writing over them."""
    numbered: dict[tuple[str, str], list[str]] = {}
    for task in tasks:
        if task.output is not None:
            path = Path(task.output)
            match = _NUMBERED.match(path.name)
            if match:
                key = (str(path.parent), match["stem"] + (match["suffix"] or ""))
                numbered.setdefault(key, []).append(task.output)
    if not numbered:
        return tasks
    return [dataclasses.replace(task, reserved=tuple(numbered.get(
                (str(Path(task.output).parent), Path(task.output).name), ())))
            if task.output is not None else task for task in tasks]


def _print_split_note(report: FileReport, report_file: Path | None) -> None:
    """Say where a compilation went, and where its preamble went (it is written nowhere else)."""
    if report.records is not None or report.reports < 2 or not report.ok:
        return
    outputs = [e["output"] for e in report.segments if e["kind"] == "report"]
    where = ("standard output, one after the other" if outputs[0] == STDOUT
             else f"{outputs[0]} … {outputs[-1]}")
    note = f"{report.path}: {report.reports} reports → {where}"
    preamble = [e for e in report.segments if e["kind"] != "report"]
    if preamble:
        lines = ", ".join(f"lines {e['start_line']}–{e['end_line']}" for e in preamble)
        title = next((e["title"] for e in preamble if e["title"]), None)
        kept = (f"its text is in {report_file}" if report_file is not None
                else "add --report FILE.json to keep its text; the input still has it")
        note += (f"; preamble ({lines}{f', {title}' if title else ''}) not written as a report: "
                 f"{kept}")
    print(f"{PROG}: note: {note}", file=sys.stderr)


# --- clean --dedup ---------------------------------------------------------------------------

DUPLICATES_DIR = "duplicates"
MAX_CLUSTERS_SHOWN = 10


@dataclass(frozen=True)
class _Written:
    """A report file written in this run, as ``--dedup`` may move it."""

    path: Path
    meta_file: Path | None
    entry: dict[str, Any]
    """Its entry in the file report's segments (gains ``moved_to``)."""


def _dedup_written(args: argparse.Namespace, options: RunOptions, outcomes: Sequence[Outcome],
                   jobs: int, quiet: bool) -> tuple[dict[str, Any], bool]:
    """Find the duplicates among the reports this run wrote; with -o move them to
    OUT/duplicates/. Returns the report's "dedup" section and whether everything went well."""
    docs, written = _written_reports(outcomes, options.text_key, args.jsonl)
    count = sum(outcome.report.reports for outcome in outcomes if outcome.report.ok)
    result = find_duplicates(docs, clean=False, jobs=jobs if count >= 200 else 1)
    ok = not result.problems
    for problem in result.problems:
        _error(f"{problem.path}: --dedup cannot read it: {problem.message}")
    why_not = _why_not_moved(args)
    moved: list[dict[str, str]] = []
    if why_not is None and result.clusters:
        assert args.output is not None
        moved, problems = _move_duplicates(result.duplicate_paths(), written, args.output)
        for problem in problems:
            _error(problem)
        ok = ok and not problems
    section = {**result.to_dict(), "policy": KEEP_POLICY,
               "moved_to": None if why_not else str(args.output / DUPLICATES_DIR),
               "moved": moved, "not_moved": why_not}
    if not quiet:
        for line in dedup_summary(result, moved_to=section["moved_to"], why_not=why_not):
            print(f"{PROG}: {line}", file=sys.stderr)
    return section, ok


def _why_not_moved(args: argparse.Namespace) -> str | None:
    """Why --dedup only lists the duplicates in this run, or None when it moves them."""
    if args.dry_run:
        return "--dry-run writes and moves nothing"
    if args.jsonl:
        return "records of a JSON Lines file cannot be moved: each is named FILE:LINE"
    if args.in_place:
        return ("--in-place: the duplicates are your input files, and they stay where they are "
                "('cleaner dedup --move-duplicates DIR' moves files aside)")
    if args.output is None:
        return "written to standard output: there is no file to move"
    return None


def _written_reports(outcomes: Sequence[Outcome], text_key: str,
                     jsonl: bool) -> tuple[Iterator[DedupDoc], dict[str, _Written]]:
    """The reports written (or, without files, handed back) in this run as dedup documents,
    read lazily; and the report files by their path, for moving."""
    written: dict[str, _Written] = {}
    docs: list[DedupDoc] = []
    jsonl_files: list[Path] = []
    for outcome in outcomes:
        report = outcome.report
        if not report.ok:
            continue
        kinds = tuple(str(flag["kind"]) for flag in report.flags)
        if outcome.texts is not None:
            label = f"{report.path} (output record {{}})" if jsonl else f"{report.path} (report {{}})"
            docs += [DedupDoc(label.format(n) if len(outcome.texts) > 1 else report.path,
                              text=text, flags=() if jsonl else kinds)
                     for n, text in enumerate(outcome.texts, start=1)]
        elif jsonl:
            jsonl_files += [Path(output) for output in report.outputs]
        else:
            for entry in report.segments:
                if entry["kind"] != "report":
                    continue
                path = Path(entry["output"])
                meta = entry["meta"]
                docs.append(DedupDoc(str(path), source=path, flags=kinds, place=_place(meta),
                                     year=_meeting_year(meta)))
                sidecar = entry["meta_file"]
                written[str(path)] = _Written(path, None if sidecar is None else Path(sidecar), entry)
    return itertools.chain(docs, *(_output_records(path, text_key) for path in jsonl_files)), written


def _output_records(path: Path, text_key: str) -> Iterator[DedupDoc]:
    """The records of a JSONL file this run wrote, one document each (``FILE:LINE``)."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            flags = tuple(str(flag["kind"]) for flag in record.get("cleaner", {}).get("flags", []))
            meta = record.get("meta") or {}
            yield DedupDoc(f"{path}:{number}", text=record[text_key], flags=flags,
                           place=_place(meta), year=_meeting_year(meta))


def _place(meta: dict[str, Any]) -> str | None:
    place = meta.get("place")
    return place if isinstance(place, str) and place else None


def _meeting_year(meta: dict[str, Any]) -> int | None:
    """The year of the meeting date in a report's metadata, when it has one.

    >>> _meeting_year({"meeting_date": "2023-02-10"}), _meeting_year({"meeting_date": None})
    (2023, None)
    """
    date = meta.get("meeting_date")
    match = re.match(r"((?:19|20)\d\d)", date) if isinstance(date, str) else None
    return int(match.group(1)) if match else None


def _move_duplicates(paths: Sequence[str], written: dict[str, _Written],
                     out_dir: Path) -> tuple[list[dict[str, str]], list[str]]:
    """Move each duplicate report (and its metadata file) to OUT/duplicates/, mirroring its path
    below OUT. An older file there (an earlier run's) is replaced, as outputs below -o are."""
    moved: list[dict[str, str]] = []
    problems: list[str] = []
    for path in paths:
        item = written[path]
        for source in (item.path, item.meta_file):
            if source is None:
                continue
            target = out_dir / DUPLICATES_DIR / source.relative_to(out_dir)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
            except OSError as exc:
                problems.append(f"{source}: a duplicate, but cannot move it to {target}: "
                                f"{describe_os_error(exc)}")
                break
            moved.append({"from": str(source), "to": str(target)})
            item.entry["moved_to" if source == item.path else "meta_moved_to"] = str(target)
    return moved, problems


def dedup_summary(result: DedupResult, *, moved_to: str | None, why_not: str | None) -> list[str]:
    """The dedup lines of a clean run: one summary line, then each cluster (the first few).

    >>> from cleaner.dedup import Cluster, Duplicate, SharedParagraphs
    >>> found = DedupResult(0.85, documents=3, clusters=[Cluster("out/a.txt", (Duplicate(
    ...     "out/b.txt", 1.0, "exact", SharedParagraphs(9, (9, 9))),), "longest: 90 characters, "
    ...     "the next has 80")])
    >>> first, cluster = dedup_summary(found, moved_to="out/duplicates", why_not=None)
    >>> first.split("; ")
    ['dedup: 3 reports, 1 duplicate (1 exact, 0 near) in 1 cluster, moved to out/duplicates', \
'0 similar pairs kept apart by place or year']
    >>> cluster
    '  kept out/a.txt (longest: 90 characters, the next has 80): out/b.txt exact 1.000'
    """
    duplicates = [d for c in result.clusters for d in c.duplicates]
    exact = sum(d.kind == "exact" for d in duplicates)
    clusters = f"{len(result.clusters)} cluster" + ("" if len(result.clusters) == 1 else "s")
    line = (f"dedup: {result.documents} reports, {len(duplicates)} duplicate"
            f"{'' if len(duplicates) == 1 else 's'} ({exact} exact, {len(duplicates) - exact} near) "
            f"in {clusters}")
    if duplicates:
        line += f", moved to {moved_to}" if moved_to else f", listed only ({why_not})"
    line += f"; {len(result.kept_apart)} similar pairs kept apart by place or year"
    lines = [line]
    for cluster in result.clusters[:MAX_CLUSTERS_SHOWN]:
        dups = ", ".join(f"{d.path} {d.kind} {d.similarity:.3f}" for d in cluster.duplicates)
        lines.append(f"  kept {cluster.keep} ({cluster.reason}): {dups}")
    hidden = len(result.clusters) - MAX_CLUSTERS_SHOWN
    if hidden > 0:
        lines.append(f"  … and {hidden} more clusters (--report FILE.json lists them all)")
    return lines


def _print_messages(report: FileReport, quiet: bool) -> None:
    """Errors always; warnings (deletion guard, lost bytes) unless quiet."""
    if not quiet:
        for warning in report.warnings:
            _warn(f"{report.path}: {warning}")
    if report.record_errors:
        for problem in report.record_errors[:MAX_RECORD_ERRORS_SHOWN]:
            _error(f"{report.path}:{problem.line}: {problem.message}")
        hidden = len(report.record_errors) - MAX_RECORD_ERRORS_SHOWN
        if hidden > 0:
            _error(f"{report.path}: {hidden} more bad record(s); --report lists them all")
    if report.error is not None:  # after bad records too: it says what became of the file
        _error(f"{report.path}: {report.error}")


def _write_stdout(data: bytes) -> None:
    """Write bytes as they are (UTF-8, LF), whatever the terminal's encoding or newline mode."""
    stream = sys.stdout
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is None:
            stream.write(data.decode("utf-8"))
        else:
            buffer.write(data)
            buffer.flush()
    except BrokenPipeError:  # `cleaner clean x.txt | head`: the reader has gone, that is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)
