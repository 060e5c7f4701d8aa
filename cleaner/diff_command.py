"""Previews of cleaning, nothing written: the ``cleaner diff`` command and the ``cleaner clean
--dry-run`` table.

``add_diff_parser`` declares ``cleaner diff`` (alias ``preview``) and ``run_diff`` runs it: each
input is decoded, cleaned and diffed (``cleaner.diff``), then drawn (``cleaner.diff_view``) on
standard output or through a pager, and saved as HTML or SVG on request (rich's export templates,
adjusted to keep the terminal's grid and to stay offline). ``render_dry_run`` prints, per input,
whether ``cleaner clean`` would change it and how much.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.diff import FileDiff, build_diff
from cleaner.diff_view import (
    SIDE_BY_SIDE_MIN_WIDTH,
    has_visible_changes,
    legend,
    look_for,
    render_diff,
    rule_matcher,
)
from cleaner.errors import ConfigError, InputError
from cleaner.options import add_cleaning_options

if TYPE_CHECKING:
    from rich.console import Console

    from cleaner.pipeline import Cleaner
    from cleaner.report import FileReport

# --- the `cleaner diff` command -------------------------------------------------------------

DIFF_DESCRIPTION = """\
Show what cleaning would do to files, folders (recursively) or standard input ('-'),
without writing anything: raw against cleaned, side by side on a wide terminal or inline,
changes coloured by kind. --explain names the rule behind each change.

Exit codes: 0 all inputs shown; 1 an input could not be read or cleaned; 2 a usage, config
or rule-file error."""

DIFF_EPILOG = """\
examples:
  cleaner diff report.txt --explain
      every change with the rule that made it and why
  cleaner diff raw/ --rule 'ads.*' --context 0
      only what the ad rules remove, in every file below raw/
  cleaner diff raw/ --html review.html --width 160
      the same view as an HTML page to share"""


def add_diff_parser(subparsers: Any, formatter_class: type[argparse.HelpFormatter] =
                    argparse.RawDescriptionHelpFormatter) -> argparse.ArgumentParser:
    """Declare ``cleaner diff`` (alias ``preview``) on the CLI's subparsers."""
    parser = subparsers.add_parser(
        "diff", aliases=["preview"], help="show raw against cleaned text, change by change",
        description=DIFF_DESCRIPTION, epilog=DIFF_EPILOG, formatter_class=formatter_class)
    parser.set_defaults(run=run_diff)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a file, a folder (searched recursively) or '-' for standard input")
    view = parser.add_argument_group("view")
    layout = view.add_mutually_exclusive_group()
    layout.add_argument("--inline", action="store_true",
                        help="one column, deletions and insertions in the line")
    layout.add_argument("--side-by-side", action="store_true",
                        help=f"raw and clean in two columns (default from {SIDE_BY_SIDE_MIN_WIDTH} "
                             "columns of terminal width)")
    view.add_argument("--explain", action="store_true",
                      help="label each change with its rule id and the reason for it")
    view.add_argument("--rule", metavar="ID", help="show only this rule's changes (globs: 'punct.*')")
    view.add_argument("--context", type=_non_negative, default=2, metavar="N",
                      help="unchanged lines shown around a change (default 2)")
    view.add_argument("--all", action="store_true", help="show files without changes too")
    view.add_argument("--pager", action="store_true", help="page the output ($PAGER, less -R)")
    view.add_argument("--width", type=_width, metavar="N", help="draw N columns wide")
    view.add_argument("--html", type=Path, metavar="FILE", help="also save the view as HTML")
    view.add_argument("--svg", type=Path, metavar="FILE", help="also save the view as SVG")
    where = parser.add_argument_group("input and rules")
    where.add_argument("--glob", metavar="PATTERN", help="which files to take from folders "
                                                         "(default '*.txt')")
    add_cleaning_options(where)
    return parser


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more (not {value})")
    return number


def _width(value: str) -> int:
    number = int(value)
    if number < 20:
        raise argparse.ArgumentTypeError(f"expected a width of 20 columns or more (not {value})")
    return number


def _cleaner_for(args: argparse.Namespace) -> tuple[Cleaner, str]:
    from cleaner.config import build_run_options
    from cleaner.options import config_from_args, settings_from_args
    from cleaner.pipeline import Cleaner

    settings = settings_from_args(args)
    config = config_from_args(settings, args)
    options = build_run_options(settings.values, glob=args.glob)
    return Cleaner(config), options.glob


def diff_bytes(path: str, data: bytes, cleaner: Cleaner) -> FileDiff:
    """Decode and clean ``data`` and diff the two; raises ``InputError`` for what is not text."""
    from cleaner.decode import decode_bytes

    raw, _ = decode_bytes(data)
    return build_diff(raw, cleaner.clean_bytes(data), path)


def run_diff(args: argparse.Namespace) -> int:
    """``cleaner diff``: print each input's diff; 0 fine, 1 an input failed, 2 a usage error."""
    from rich.console import Console

    from cleaner.files import STDIN

    try:
        cleaner, glob = _cleaner_for(args)
    except ConfigError as exc:
        _error(str(exc))
        return 2
    if args.paths.count(STDIN) > 1:
        _error("standard input ('-') can be read only once")
        return 2
    console = _stdout_console(highlight=False, width=args.width)
    exporter = None
    if args.html is not None or args.svg is not None:
        width = args.width or (console.width if console.is_terminal else 140)
        exporter = Console(record=True, file=io.StringIO(), width=width, highlight=False,
                           color_system="truecolor", force_terminal=True, legacy_windows=False)
    consoles = [console] + ([exporter] if exporter is not None else [])
    view = {"explain": args.explain, "context": args.context, "rule": args.rule,
            "side_by_side": True if args.side_by_side else (False if args.inline else None)}
    try:
        status = _show_all(args, cleaner, glob, console, consoles, view)
    except _PipeClosed:  # `cleaner diff … | head`: the reader has gone, which is fine
        return 0
    if exporter is not None:
        status = max(status, _export(exporter, args.html, args.svg))
    return status


def _show_all(args: argparse.Namespace, cleaner: Cleaner, glob: str, console: Console,
              consoles: list[Console], view: dict[str, Any]) -> int:
    """Diff and print every input; 1 when one of them could not be read or cleaned."""
    from cleaner.files import InputProblem, discover

    status, quiet = 0, 0
    pager = console.pager(styles=True) if args.pager else contextlib.nullcontext()
    with pager:
        for target in consoles:
            target.print(legend(look_for(target)))
        for item in discover(args.paths, glob):
            if isinstance(item, InputProblem):
                _error(f"{item.display}: {item.message}")
                status = 1
                continue
            try:
                data = sys.stdin.buffer.read() if item.source is None else item.source.read_bytes()
                diff = diff_bytes(item.display, data, cleaner)
            except OSError as exc:
                _error(f"{item.display}: {exc.strerror or exc}")
                status = 1
                continue
            except InputError as exc:
                _error(f"{item.display}: {exc}")
                status = 1
                continue
            rule = rule_matcher(args.rule)
            if args.all or (has_visible_changes(diff, rule) if rule else diff.result.changed):
                for target in consoles:
                    render_diff(diff, target, **view)
            else:
                quiet += 1
        if quiet:
            what = f"changes by rule {args.rule!r}" if args.rule else "changes"
            note = f"{quiet} file{'s' if quiet != 1 else ''} without {what} not shown (--all shows them)"
            for target in consoles:
                target.print(note, style="dim")
    return status


class _PipeClosed(Exception):
    """Standard output was closed by its reader."""


def _stdout_console(**options: Any) -> Console:
    """A console on standard output that reports a closed pipe instead of exiting with 1 (what
    rich does), so that ``cleaner diff … | head`` ends like ``cleaner clean … | head``."""
    from rich.console import Console

    class StdoutConsole(Console):
        def on_broken_pipe(self) -> None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise _PipeClosed

    return StdoutConsole(**options)


# rich's export templates, made to keep the terminal's grid in a browser and to stay offline.
# HTML: a monospace font whose symbols and box lines are one column wide comes first; each run
# of double-width characters (Chinese) is spaced to exactly two columns, and fullwidth
# punctuation is not trimmed (``text-spacing-trim``), whatever CJK font the browser falls back to.
# SVG: without the web font that rich's template fetches from a CDN.
_MONO_FONTS = ("'DejaVu Sans Mono',Menlo,Consolas,'Noto Sans Mono CJK SC','Noto Sans CJK SC',"
               "'Microsoft YaHei',monospace")
HTML_FORMAT = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<title>cleaner diff</title>
<style>
{stylesheet}
body {{
    color: {foreground};
    background-color: {background};
}}
pre {{ font-family: FONTS; font-size: 14px; line-height: 1.35; text-spacing-trim: space-all; }}
.w {{ letter-spacing: calc(2ch - 1em); }}
</style>
</head>
<body>
    <pre><code style="font-family:inherit">{code}</code></pre>
</body>
</html>
""".replace("FONTS", _MONO_FONTS)
_TAG_RE = re.compile(r"(<[^>]*>)")


def _export_theme() -> Any:
    from rich.terminal_theme import MONOKAI  # dark, like the terminals the colours were picked on

    return MONOKAI


def two_column_runs(code: str) -> str:
    """Wrap each run of double-width characters in HTML text (not tags) in ``<span class="w">``.

    >>> two_column_runs('<span class="r1">政府 report</span>')
    '<span class="r1"><span class="w">政府</span> report</span>'
    """
    from rich.cells import cell_len

    out: list[str] = []
    for part in _TAG_RE.split(code):
        if part.startswith("<") or part.isascii():
            out.append(part)
            continue
        run: list[str] = []
        for ch in part:
            if cell_len(ch) == 2:
                run.append(ch)
                continue
            if run:
                out.append('<span class="w">' + "".join(run) + "</span>")
                run = []
            out.append(ch)
        if run:
            out.append('<span class="w">' + "".join(run) + "</span>")
    return "".join(out)


_SVG_TEXT_RE = re.compile(r'(<text [^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')


def cell_text_lengths(svg: str) -> str:
    """Give each SVG text its width in terminal cells: rich sizes a text by its number of
    characters (``len``), which squeezes Chinese into half its width.

    >>> cell_text_lengths('<text x="0" textLength="24.4">政府</text>')
    '<text x="0" textLength="48.8">政府</text>'
    """
    import html

    from rich.cells import cell_len

    def fix(match: re.Match[str]) -> str:
        content = html.unescape(match.group(4))
        if not content or content.isascii():
            return match.group()
        per_char = float(match.group(2)) / len(content)
        return (match.group(1) + f"{per_char * cell_len(content):.4g}" + match.group(3)
                + match.group(4) + match.group(5))

    return _SVG_TEXT_RE.sub(fix, svg)


def _svg_format() -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT

    start = CONSOLE_SVG_FORMAT.index("    @font-face")
    end = CONSOLE_SVG_FORMAT.index("    .{unique_id}-matrix")
    template = CONSOLE_SVG_FORMAT[:start] + CONSOLE_SVG_FORMAT[end:]
    return template.replace("font-family: Fira Code, monospace;", f"font-family: {_MONO_FONTS};")


def _export(console: Console, html: Path | None, svg: Path | None) -> int:
    """Save what ``console`` recorded as HTML and/or SVG; 1 when a file cannot be written."""
    status = 0
    for path, fmt in ((html, "html"), (svg, "svg")):
        if path is None:
            continue
        if fmt == "html":
            page = console.export_html(code_format="{code}", theme=_export_theme(), clear=False)
            styles = console.export_html(code_format="{stylesheet}", theme=_export_theme(),
                                         clear=False)
            content = HTML_FORMAT.format(code=two_column_runs(page), stylesheet=styles,
                                         foreground=_export_theme().foreground_color.hex,
                                         background=_export_theme().background_color.hex)
        else:
            content = cell_text_lengths(console.export_svg(
                title="cleaner diff", code_format=_svg_format(), theme=_export_theme(),
                clear=False))
        try:
            path.write_text(content, encoding="utf-8")
        except OSError as exc:
            _error(f"{path}: cannot write: {exc.strerror or exc}")
            status = 1
    return status


def _error(message: str) -> None:
    print(f"cleaner: error: {message}", file=sys.stderr)


# --- cleaner clean --dry-run ----------------------------------------------------------------


def dry_run_entry(report: FileReport) -> dict[str, Any]:
    """What cleaning one input would do, as plain data.

    >>> from cleaner.report import FileReport
    >>> entry = dry_run_entry(FileReport("a.txt", changes={"x": 2}, chars_before=200, chars_after=150))
    >>> entry["would_change"], entry["chars_removed"], entry["removed_share"]
    (True, 50, 0.25)
    """
    return {
        "path": report.path,
        "would_change": report.ok and report.changed,
        "changes": sum(report.changes.values()),
        "chars_before": report.chars_before,
        "chars_after": report.chars_after,
        "chars_removed": report.chars_before - report.chars_after,
        "removed_share": report.removed_share,
        "rules": dict(report.changes),
        "flags": sorted({flag["kind"] for flag in report.flags}),
        "error": report.error,
    }


def render_dry_run(results: Sequence[FileReport], console: Console, as_json: bool) -> None:
    """``cleaner clean --dry-run``: per input, whether cleaning would change it and how much.

    Nothing is written. ``as_json`` prints one JSON document (for scripts) instead of a table.
    """
    entries = [dry_run_entry(report) for report in results]
    totals = {
        "files": len(entries),
        "would_change": sum(e["would_change"] for e in entries),
        "errors": sum(e["error"] is not None for e in entries),
        "chars_before": sum(e["chars_before"] for e in entries),
        "chars_removed": sum(e["chars_removed"] for e in entries),
    }
    if as_json:
        console.out(json.dumps({"dry_run": True, "totals": totals, "files": entries},
                               ensure_ascii=False, indent=2), highlight=False)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title="dry run: nothing written", title_justify="left", show_footer=True,
                  expand=True)
    table.add_column("file", footer=f"{totals['files']} files", overflow="fold", ratio=2)
    table.add_column("would", footer=f"{totals['would_change']} to change", no_wrap=True)
    table.add_column("changes", justify="right", no_wrap=True)
    table.add_column("removed", justify="right", footer=f"{totals['chars_removed']:,}",
                     no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    table.add_column("top rules / flags / error", overflow="fold", ratio=3)
    for entry in entries:
        if entry["error"] is not None:
            table.add_row(entry["path"], Text("fail", style="bold red"), "", "", "",
                          Text(entry["error"], style="red"))
            continue
        notes = Text(", ".join(f"{rule} ×{n}" for rule, n in list(entry["rules"].items())[:3]))
        if entry["flags"]:
            notes.append(("; " if notes else "") + "flags: " + ", ".join(entry["flags"]),
                         style="yellow")
        table.add_row(entry["path"], "change" if entry["would_change"] else Text("keep", style="dim"),
                      str(entry["changes"]), f"{entry['chars_removed']:,}",
                      f"{entry['removed_share']:.1%}", notes)
    console.print(table)
