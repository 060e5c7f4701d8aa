"""The command line: ``cleaner clean`` and friends, a thin layer over ``cleaner.pipeline``.

Each subcommand is one ``_add_<name>`` function that declares its options and one ``run_<name>``
function that does the work and returns the exit code: 0 all fine, 1 an input failed, 2 a usage,
config or rule-file error. Messages go to stderr as ``cleaner: error: …`` lines, never as
tracebacks.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.batch import Outcome, Task, no_progress, run_tasks
from cleaner.config import RunOptions, build_config, build_run_options
from cleaner.dedup import add_dedup_parser
from cleaner.diff import add_diff_parser, render_dry_run
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
from cleaner.options import add_cleaning_options, config_from_args, settings_from_args
from cleaner.pipeline import Cleaner
from cleaner.report import FileReport, print_summary, progress_bar, report_json
from cleaner.review import FileResult, write_review
from cleaner.rule_tools import add_rules_parser

PROG = "cleaner"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_RECORD_ERRORS_SHOWN = 10

DESCRIPTION = """\
Turn messy Chinese government work reports (政府工作报告) into clean, canonical UTF-8 text:
one paragraph per line. Every change is made by a named rule and can be explained."""

CLEAN_DESCRIPTION = """\
Clean files, folders (recursively) or standard input ('-').

Output is UTF-8 without BOM, LF line endings, one paragraph per line and a final newline.
One input without -o is written to standard output; several inputs, or a folder, need
-o DIR (the folder layout is mirrored there, with the suffix .txt) or --in-place. Inputs are
never modified unless you say --in-place, and every file is written atomically.

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
      add your own rule files (*.toml) and switch off the rules tagged 'disclosure'"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keep the hand-wrapped description and examples; wider option column."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


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
    add_cleaning_options(clean.add_argument_group("how to clean"))
    run = clean.add_argument_group("run")
    run.add_argument("-j", "--jobs", type=int, metavar="N",
                     help="worker processes (default: all cores)")
    run.add_argument("-q", "--quiet", action="store_true",
                     help="print errors only: no warnings, progress or summary")
    run.add_argument("--report", type=Path, metavar="FILE.json",
                     help="write a JSON report: per file its encoding, changes per rule, flags")
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
    glob = args.glob or ("*.jsonl" if args.jsonl and "glob" not in settings.values else None)
    options = build_run_options(settings.values, jobs=args.jobs, glob=glob, text_key=args.text_key)
    cleaner = Cleaner(config)  # loads and checks the rules before any input is touched
    if args.json and not args.dry_run:
        raise UsageError("--json goes with --dry-run (the run's JSON report is --report FILE.json)")
    if args.review is not None and args.jsonl:
        raise UsageError("--review shows documents, not JSON Lines records: drop --review or --jsonl")
    _check_destination(args)
    plan = _plan(args, options)
    review = _review_items(plan, cleaner) if args.review is not None else {}
    quiet = args.quiet
    show = not quiet and sys.stderr.isatty()
    for report in plan.failed.values():
        _error(f"{report.path}: {report.error}")

    def on_done(outcome: Outcome) -> None:
        _print_messages(outcome.report, quiet)

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
    if args.report is not None:
        try:
            write_atomic(args.report, report_json(reports).encode("utf-8"))
        except OSError as exc:
            _error(f"{args.report}: cannot write the report: {exc.strerror or exc}")
            status = EXIT_FAILED
    if args.review is not None:
        entries = [review[index] if report.ok and index in review
                   else FileResult(report.path, error=report.error)
                   for index, report in sorted(by_index.items())]
        try:
            write_review(args.review, entries)
        except OSError as exc:
            _error(f"{args.review}: cannot write the review: {exc.strerror or exc}")
            status = EXIT_FAILED
    if args.dry_run:
        from rich.console import Console

        render_dry_run(reports, Console(highlight=False), as_json=args.json)
    if show:
        print_summary(reports, _stderr_console())
    return status


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
    if args.report is not None and args.report.is_dir():
        raise UsageError(f"--report {args.report}: is a directory, give a file name like run.json")


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
        if args.in_place:
            assert item.source is not None
            target = item.source
        elif out_dir is not None:
            target = output_path(item, out_dir, suffix)
            if escapes(target, out_dir):
                failed[index] = FileReport(item.display, error=(
                    f"its output {target} would leave the output directory {out_dir} "
                    "(through a symbolic link?): not written"))
                continue
            overwritten = sources.get(target.resolve())
            if overwritten is not None:
                raise UsageError(f"{item.display} would be written over the input {overwritten}: "
                                 "choose another -o DIR, or clean in place with --in-place")
        if target is not None:
            first = found[claimed.setdefault(target.resolve(), index)]
            if first is not item:
                if first.display == item.display:
                    raise UsageError(f"{item.display} is given twice: name each input once")
                raise UsageError(f"{first.display} and {item.display} would both be written to "
                                 f"{target}: rename one, or clean them in separate runs")
        data = sys.stdin.buffer.read() if item.source is None else None
        tasks.append(Task(index, item.display, source=None if item.source is None else str(item.source),
                          data=data, output=None if target is None else str(target),
                          in_place=args.in_place, jsonl=args.jsonl, text_key=options.text_key))
    return CleanPlan(tasks, failed)


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
    elif report.error is not None:
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
