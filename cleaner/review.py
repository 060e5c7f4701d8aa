"""The HTML review of a batch: one self-contained page that a team lead opens to approve a run.

``write_review(path, file_results)`` writes a single HTML file — inline CSS and a few lines of
JavaScript, no network and no external assets — with a summary (files, errors, flags), bar
charts of rule hits and characters removed per rule family, a table of files sortable by the
share removed, and each file's diff one click away (a ``<details>`` element, opened by its
link). The diffs are the rows of ``cleaner.diff``, explained rule by rule, folded and marked
as in the terminal view (``cleaner.diff_view``).

Every piece of document text is escaped: it is untrusted input.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner import __version__
from cleaner.diff import DELETE, EQUAL, INSERT, KINDS, FileDiff, Piece, Row, build_diff, kind_of
from cleaner.diff_view import (
    ELIDED,
    JOIN_MARK,
    SPLIT_MARK,
    Fold,
    changes_by_rule,
    clip,
    elide,
    fold_label,
    line_pieces,
    shown_rows,
    visible,
)
from cleaner.errors import InputError
from cleaner.pipeline import count_visible

if TYPE_CHECKING:
    from cleaner.change import Change
    from cleaner.pipeline import Cleaner, CleanResult

# Unchanged lines shown around each change in the page's diffs.
REVIEW_CONTEXT = 2

# Light tints for the page (white background): per kind, the background of its edits.
TINTS = {
    "boilerplate": "#ffd2cf", "lines": "#cfe3ff", "punctuation": "#fff0b8",
    "numbers": "#c9f1f4", "script": "#d5f3c6", "encoding": "#eed6fb",
    "whitespace": "#e3e6ea", "other": "#fbdcc0",
}


@dataclass(frozen=True)
class FileResult:
    """One input of a batch as the review shows it: its decoded text and what cleaning did,
    or the error that stopped it."""

    path: str
    raw: str = ""
    result: CleanResult | None = None
    error: str | None = None

    @classmethod
    def from_bytes(cls, path: str, data: bytes, cleaner: Cleaner) -> FileResult:
        """Decode and clean ``data``; an input that is not text becomes an error entry."""
        from cleaner.decode import decode_bytes

        try:
            raw, _ = decode_bytes(data)
            return cls(path, raw, cleaner.clean_bytes(data))
        except InputError as exc:
            return cls(path, error=str(exc))


@dataclass(frozen=True)
class _Entry:
    """A file of the review with its diff and figures."""

    index: int
    item: FileResult
    diff: FileDiff | None

    @property
    def anchor(self) -> str:
        return f"f{self.index}"

    @property
    def removed(self) -> int:
        result = self.item.result
        return 0 if result is None else result.chars_before - result.chars_after

    @property
    def share(self) -> float:
        result = self.item.result
        return 0.0 if result is None else result.removed_share

    @property
    def status(self) -> str:
        if self.item.error is not None:
            return "error"
        assert self.item.result is not None
        if self.item.result.flags:
            return "flagged"
        return "changed" if self.item.result.changes else "unchanged"


def write_review(path: Path | str, file_results: Iterable[FileResult]) -> None:
    """Write the review page for ``file_results`` to ``path`` (UTF-8, one file, atomically)."""
    from cleaner.files import write_atomic

    write_atomic(Path(path), review_html(file_results).encode("utf-8"))


def review_html(file_results: Iterable[FileResult]) -> str:
    """The review page as a string; the same inputs give the same bytes (no timestamps)."""
    entries = []
    for index, item in enumerate(file_results, start=1):
        diff = build_diff(item.raw, item.result, item.path) if item.result is not None else None
        entries.append(_Entry(index, item, diff))
    parts = [_HEAD, '<header><h1>cleaner review</h1>',
             f'<p class="meta">cleaner {_e(__version__)} · {len(entries)} file'
             f'{"s" if len(entries) != 1 else ""}</p></header>',
             _summary(entries), _families(entries), _file_table(entries),
             '<section id="diffs"><h2>Diffs</h2>', _legend()]
    parts += [_file_section(entry) for entry in entries]
    parts += ["</section>", f"<script>{_SCRIPT}</script>", "</body>\n</html>\n"]
    return "\n".join(parts)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _summary(entries: Sequence[_Entry]) -> str:
    results = [e.item.result for e in entries if e.item.result is not None]
    before = sum(r.chars_before for r in results)
    removed = sum(r.chars_before - r.chars_after for r in results)
    flags: dict[str, int] = {}
    for result in results:
        for kind in sorted({flag.kind for flag in result.flags}):
            flags[kind] = flags.get(kind, 0) + 1
    cards = [
        ("files", len(entries)),
        ("changed", sum(e.status in ("changed", "flagged") for e in entries)),
        ("unchanged", sum(e.status == "unchanged" for e in entries)),
        ("errors", sum(e.status == "error" for e in entries)),
        ("flagged", sum(e.status == "flagged" for e in entries)),
        ("changes", sum(len(r.changes) for r in results)),
        ("characters removed", f"{removed:,}" + (f" ({removed / before:.1%})" if before else "")),
    ]
    out = ['<section id="summary"><h2>Summary</h2><div class="cards">']
    for label, value in cards:
        warn = " warn" if label in ("errors", "flagged") and value else ""
        out.append(f'<div class="card{warn}"><span class="value">{_e(value)}</span> '
                   f'<span class="label">{_e(label)}</span></div>')
    out.append("</div>")
    if flags:
        out.append('<p class="flags">flags: ' + ", ".join(
            f'{_e(kind.replace("_", " "))} in {n} file{"s" if n != 1 else ""}'
            for kind, n in flags.items()) + "</p>")
    errors = [e for e in entries if e.status == "error"]
    if errors:
        out.append('<ul class="errors">' + "".join(
            f'<li><a href="#{e.anchor}">{_e(e.item.path)}</a>: {_e(e.item.error)}</li>'
            for e in errors) + "</ul>")
    out.append("</section>")
    return "\n".join(out)


def rule_family(rule: str) -> str:
    """The family of a rule id: what comes before its first dot.

    >>> rule_family("ads.qr-code-friend"), rule_family("hygiene.zero-width")
    ('ads', 'hygiene')
    """
    return rule.split(".", 1)[0]


def family_figures(changes: Iterable[Change]) -> dict[str, tuple[int, int, str]]:
    """Per rule family: hits, non-space characters removed (net) and the kind of its first hit."""
    figures: dict[str, tuple[int, int, str]] = {}
    for change in changes:
        family = rule_family(change.rule)
        hits, removed, kind = figures.get(family, (0, 0, kind_of(change.stage, change.rule)))
        figures[family] = (hits + 1, removed + count_visible(change.before)
                           - count_visible(change.after), kind)
    return dict(sorted(figures.items(), key=lambda kv: (-kv[1][0], kv[0])))


def _families(entries: Sequence[_Entry]) -> str:
    changes = [c for e in entries if e.item.result is not None for c in e.item.result.changes]
    figures = family_figures(changes)
    out = ['<section id="families"><h2>Rules by family</h2>']
    if not figures:
        out.append("<p>No rule changed anything.</p></section>")
        return "\n".join(out)
    most_hits = max(hits for hits, _, _ in figures.values())
    most_removed = max(max(removed, 0) for _, removed, _ in figures.values()) or 1
    out.append('<table class="chart"><thead><tr><th>family</th><th>rule hits</th>'
               '<th>characters removed</th></tr></thead><tbody>')
    for family, (hits, removed, kind) in figures.items():
        out.append(
            f'<tr><th scope="row">{_e(family)}</th>'
            f'<td><div class="bar k-{kind}" style="width:{100 * hits / most_hits:.1f}%"></div>'
            f'<span class="num">{hits:,}</span></td>'
            f'<td><div class="bar removed" style="width:{100 * max(removed, 0) / most_removed:.1f}%">'
            f'</div><span class="num">{removed:,}</span></td></tr>')
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _file_table(entries: Sequence[_Entry]) -> str:
    out = ['<section id="files"><h2>Files</h2>',
           '<p class="hint">Click a column to sort; click a file to open its diff.</p>',
           '<table class="files sortable"><thead><tr>',
           '<th data-sort="num">#</th><th data-sort="text">file</th>'
           '<th data-sort="text">status</th><th data-sort="text">encoding</th>'
           '<th data-sort="num">changes</th><th data-sort="num">chars removed</th>'
           '<th data-sort="num" aria-sort="descending">share removed</th>'
           '<th data-sort="text">flags</th></tr></thead><tbody>']
    for entry in sorted(entries, key=lambda e: (-e.share, e.index)):
        result = entry.item.result
        decoding = result.decoding if result is not None else None
        encoding = decoding.encoding if decoding is not None else ""
        changes = len(result.changes) if result is not None else 0
        flags = ", ".join(sorted({f.kind.replace("_", " ") for f in result.flags})) if result else ""
        out.append(
            f'<tr class="{entry.status}"><td data-value="{entry.index}">{entry.index}</td>'
            f'<td data-value="{_e(entry.item.path)}"><a href="#{entry.anchor}">{_e(entry.item.path)}</a></td>'
            f'<td data-value="{entry.status}">{entry.status}</td>'
            f'<td data-value="{_e(encoding)}">{_e(encoding)}</td>'
            f'<td data-value="{changes}">{changes:,}</td>'
            f'<td data-value="{entry.removed}">{entry.removed:,}</td>'
            f'<td data-value="{entry.share:.6f}">{entry.share:.1%}</td>'
            f'<td data-value="{_e(flags)}">{_e(flags or entry.item.error or "")}</td></tr>')
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _legend() -> str:
    items = "".join(f'<span class="legend-item"><ins class="k-{kind.name}">{_e(kind.label)}</ins></span>'
                    for kind in KINDS.values())
    return (f'<p class="legend">{items}<br><del class="k-other">deleted</del> '
            f'<ins class="k-other">inserted</ins> · {JOIN_MARK} lines joined · {SPLIT_MARK} line '
            f'split · {_e(visible(" "))} space · {_e(visible(chr(0x3000)))} ideographic space</p>')


def _file_section(entry: _Entry) -> str:
    item, diff = entry.item, entry.diff
    result = item.result
    if result is None or diff is None:
        return (f'<details id="{entry.anchor}" class="file error"><summary>{_e(item.path)} — '
                f'<span class="status">error</span>: {_e(item.error)}</summary></details>')
    counts = diff.kind_counts()
    what = ", ".join(f"{KINDS[k].label} {n}" for k, n in counts.items()) or "no changes"
    out = [f'<details id="{entry.anchor}" class="file {entry.status}">',
           f'<summary><span class="path">{_e(item.path)}</span> — {entry.share:.1%} removed · '
           f'{_e(what)}</summary>', _file_header(diff), _diff_table(diff), "</details>"]
    return "\n".join(out)


def _file_header(diff: FileDiff) -> str:
    result = diff.result
    rows = []
    if result.decoding is not None:
        d = result.decoding
        rows.append(("encoding", f"{d.encoding} · confidence {d.confidence:.2f} · {d.method}"))
    repairs = [c.rule for c in result.changes if kind_of(c.stage, c.rule) == "encoding"]
    rows.append(("repairs", ", ".join(f"{r} ×{repairs.count(r)}" for r in dict.fromkeys(repairs))
                 or "none"))
    if diff.line_endings:
        rows.append(("line breaks", f"{len(diff.line_endings)} converted to LF"))
    removed = result.chars_before - result.chars_after
    rows.append(("removed", f"{removed:,} of {result.chars_before:,} characters"))
    if diff.unplaced:
        rows.append(("not placed", f"{len(diff.unplaced)} change(s) could not be placed in the view"))
    flags = "; ".join(f"{f.kind.replace('_', ' ')}"
                      + (f" (line {f.line})" if f.line is not None else "") + f": {f.message}"
                      for f in result.flags)
    rows.append(("flags", flags or "none"))
    return '<dl class="head">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows) + "</dl>"


def _diff_table(diff: FileDiff) -> str:
    items = shown_rows(diff, REVIEW_CONTEXT)
    if not any(isinstance(item, Row) for item in items):
        return '<p class="nochange">No visible change.</p>'
    encoding = f" ({diff.result.decoding.encoding})" if diff.result.decoding is not None else ""
    out = ['<table class="diff"><colgroup><col class="n"><col class="t"><col class="n">'
           '<col class="t"></colgroup>',
           f'<thead><tr><th></th><th>raw{_e(encoding)}</th><th></th><th>clean</th></tr></thead><tbody>']
    for item in items:
        if isinstance(item, Fold):
            out.append(f'<tr class="fold"><td></td><td>{_e(fold_label(item, DELETE))}</td><td></td>'
                       f'<td>{_e(fold_label(item, INSERT))}</td></tr>')
            continue
        out.append(_diff_row(item))
    out.append("</tbody></table>")
    return "\n".join(out)


def _line_numbers(start: int, count: int) -> str:
    return "" if not count else (str(start) if count == 1 else f"{start}–{start + count - 1}")


def _diff_row(row: Row) -> str:
    pieces = elide(line_pieces(row), row.changed)
    if row.blank_removed and not pieces:
        first = row.pieces[0]
        pieces = [Piece(DELETE, "", first.kind, first.rules)]
    left = _side_html(pieces, DELETE, blank=row.blank_removed)
    right = _side_html(pieces, INSERT)
    out = [f'<tr class="{row.shape}"><td class="n">{_line_numbers(row.raw_start, row.raw_count)}</td>'
           f'<td class="t">{left}</td><td class="n">{_line_numbers(row.clean_start, row.clean_count)}'
           f'</td><td class="t">{right}</td></tr>']
    if row.changed and row.changes:
        out.append(f'<tr class="why"><td></td><td colspan="3">{_why(row)}</td></tr>')
    return "".join(out)


def _side_html(pieces: Sequence[Piece], side: str, blank: bool = False) -> str:
    out = []
    for piece in pieces:
        if piece.op == EQUAL:
            out.append(_e(piece.text))
        elif piece.op == ELIDED:
            out.append(f'<span class="elided" title="text left out">{_e(piece.text)}</span>')
        elif piece.op == side:
            tag = "del" if side == DELETE else "ins"
            mark = JOIN_MARK if side == DELETE else SPLIT_MARK
            shown = _e(visible(piece.text)).replace("\n", mark + "<br>")
            if blank and not shown:
                shown = '<span class="blank">(blank line)</span>'
            title = f' title="{_e(", ".join(piece.rules))}"' if piece.rules else ""
            out.append(f'<{tag} class="k-{piece.kind or "other"}"{title}>{shown}</{tag}>')
    return "".join(out)


def _why(row: Row) -> str:
    labels = []
    for (rule, reason), changes in changes_by_rule(row).items():
        first = changes[0]
        label = f'↳ <span class="rule k-{kind_of(first.stage, rule)}">{_e(rule)}</span>'
        if len(changes) > 1:
            label += f" ×{len(changes)}"
        if reason:
            label += f" — {_e(reason)}"
        else:
            before = clip(visible(first.before).replace("\n", JOIN_MARK), 40) or "∅"
            after = clip(visible(first.after).replace("\n", JOIN_MARK), 40) or "∅"
            label += f': <span class="edit">{_e(before)} → {_e(after)}</span>'
        labels.append(label)
    return "<br>".join(labels)


def _kind_css() -> str:
    rules = []
    for kind in KINDS.values():
        tint = TINTS[kind.name]
        rules.append(f".k-{kind.name}{{--tint:{tint};--ink:{_darker(kind.colour)}}}")
    return "\n".join(rules)


def _darker(colour: str) -> str:
    """The kind's colour darkened to be readable on white.

    >>> _darker("#e06c75")
    '#864046'
    """
    value = int(colour[1:], 16)
    r, g, b = (value >> 16) & 255, (value >> 8) & 255, value & 255
    return f"#{int(r * 0.6):02x}{int(g * 0.6):02x}{int(b * 0.6):02x}"


_CSS = """
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
       system-ui, sans-serif; margin: 0 auto; max-width: 1600px; padding: 0 24px 48px;
       color: #1f2328; background: #ffffff; font-size: 15px; line-height: 1.5; }
h1 { font-size: 26px; margin: 20px 0 0; } h2 { font-size: 20px; margin: 28px 0 10px; }
.meta, .hint { color: #59636e; margin: 4px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #d1d9e0; border-radius: 8px; padding: 10px 16px; min-width: 110px; }
.card .value { display: block; font-size: 22px; font-weight: 600; }
.card .label { color: #59636e; }
.card.warn { border-color: #d1242f; background: #fff5f5; }
.errors { color: #d1242f; }
table { border-collapse: collapse; }
table.chart { width: 100%; max-width: 1000px; }
table.chart th, table.chart td { padding: 3px 8px; text-align: left; vertical-align: middle; }
table.chart td { width: 42%; }
.bar { display: inline-block; height: 14px; min-width: 2px; background: var(--ink, #59636e);
       border-radius: 3px; vertical-align: middle; max-width: 80%; }
.bar.removed { background: #cf222e; }
.num { margin-left: 6px; font-variant-numeric: tabular-nums; }
table.files th, table.files td { border-bottom: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; }
table.files td:nth-child(1), table.files td:nth-child(5), table.files td:nth-child(6),
table.files td:nth-child(7) { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; background: #f6f8fa; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
tr.error td { color: #d1242f; } tr.flagged td:nth-child(3) { color: #9a6700; font-weight: 600; }
details.file { border: 1px solid #d1d9e0; border-radius: 8px; margin: 10px 0; padding: 0 12px; }
details.file > summary { cursor: pointer; padding: 8px 0; font-weight: 600; }
details.file.error > summary { color: #d1242f; }
details.file:target, details.file[open] { border-color: #0969da; }
dl.head { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 4px 0 12px; }
dl.head dt { color: #59636e; } dl.head dd { margin: 0; }
table.diff { width: 100%; table-layout: fixed; margin-bottom: 12px; }
table.diff col.n { width: 4.5em; } table.diff col.t { width: 50%; }
table.diff th { text-align: left; border-bottom: 1px solid #d1d9e0; padding: 2px 6px; }
table.diff td { vertical-align: top; padding: 1px 6px; white-space: pre-wrap;
                overflow-wrap: anywhere; }
table.diff td.n { color: #59636e; text-align: right; font-variant-numeric: tabular-nums;
                  white-space: nowrap; }
tr.fold td, tr.why td { color: #59636e; font-size: 13px; }
tr.fold td { background: #f6f8fa; }
tr.why td { padding-bottom: 4px; }
del, ins { background: var(--tint); border-radius: 2px; }
del { text-decoration: line-through; text-decoration-color: var(--ink); }
ins { text-decoration: none; box-shadow: inset 0 -2px 0 var(--ink); }
.rule { color: var(--ink); font-weight: 600; } .edit { font-family: monospace; }
.elided { color: #8c959f; } .blank { font-style: italic; }
.legend .legend-item { margin-right: 10px; } .legend { line-height: 2; }
"""

_HEAD = (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
         f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
         f"<title>cleaner review</title>\n<style>{_CSS}\n{_kind_css()}\n</style>\n</head>\n<body>")

# Open the diff a link points to; sort the file table by the clicked column.
_SCRIPT = """
(function () {
  function openTarget(scroll) {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") { el.open = true; if (scroll) { el.scrollIntoView(); } }
  }
  window.addEventListener("hashchange", function () { openTarget(true); });
  openTarget(false);  // on load the browser scrolls to the fragment itself
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
      var numeric = th.getAttribute("data-sort") === "num";
      var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-value"), y = b.cells[col].getAttribute("data-value");
        if (numeric) { x = parseFloat(x); y = parseFloat(y); }
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
"""
