"""The terminal view of a diff: which rows to show, and drawing them with rich.

``shown_rows`` picks the rows to draw: each change with the rows around it, the rest folded
(``Fold``), or only one rule's changes (``rule_matcher``, ``--rule``). ``elide``, ``visible`` and
``clip`` cut long kept text and spell out edits that would not show. ``render_diff`` prints one
file: a header panel (encoding, repairs, changes per kind, flags), then its rows side by side or
inline, coloured by kind, or marked with brackets when there is no colour. The HTML review
(``cleaner.review``) draws the same rows, folds and marks.

Widths are terminal cells (``rich.cells``), never ``len()``: a Chinese character takes two.
"""

from __future__ import annotations

import fnmatch
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.change import Change
from cleaner.diff import DELETE, EQUAL, INSERT, KINDS, FileDiff, Piece, Row, kind_of

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

# --- what to show ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fold:
    """Rows left out: their raw and clean lines, and the blank raw lines dropped among them."""

    raw_lines: int
    clean_lines: int
    blank_removed: int
    changed: int = 0
    """Rows with changes left out all the same (by other rules than the one asked for)."""


def rule_matcher(pattern: str | None) -> Callable[[str], bool] | None:
    """A predicate for ``--rule``: an exact rule id, or a glob such as ``punct.*``.

    >>> match = rule_matcher("punct.*")
    >>> match("punct.comma"), match("quotes.curly")
    (True, False)
    """
    if not pattern:
        return None
    if any(ch in pattern for ch in "*?["):
        return lambda rule: fnmatch.fnmatchcase(rule, pattern)
    return lambda rule: rule == pattern


def shown_rows(diff: FileDiff, context: int = 2,
               rule: Callable[[str], bool] | None = None) -> list[Row | Fold]:
    """The rows to draw: each change with ``context`` rows around it, the rest folded.

    A change is a changed row (by ``rule`` only, when given); a dropped blank line is shown in
    context but is not itself a reason to unfold.
    """
    def wanted(row: Row) -> bool:
        if not row.changed:
            return False
        if rule is not None:
            return any(rule(change.rule) for change in row.changes) or \
                any(rule(name) for piece in row.pieces for name in piece.rules)
        return not row.blank_removed

    rows = diff.rows
    keep = [False] * len(rows)
    for index, row in enumerate(rows):
        if wanted(row):
            for near in range(max(0, index - context), min(len(rows), index + context + 1)):
                keep[near] = True
    out: list[Row | Fold] = []
    index = 0
    while index < len(rows):
        if keep[index]:
            out.append(rows[index])
            index += 1
            continue
        end = index
        while end < len(rows) and not keep[end]:
            end += 1
        stretch = rows[index:end]
        if len(stretch) == 1 and index > 0 and end < len(rows):
            out.append(stretch[0])  # a marker would take as much room as the line
        else:
            out.append(Fold(sum(row.raw_count for row in stretch),
                            sum(row.clean_count for row in stretch),
                            sum(row.blank_removed for row in stretch),
                            sum(row.changed and not row.blank_removed for row in stretch)))
        index = end
    return out


def has_visible_changes(diff: FileDiff, rule: Callable[[str], bool] | None = None) -> bool:
    return any(isinstance(item, Row) for item in shown_rows(diff, 0, rule))


# --- drawing with rich ----------------------------------------------------------------------

JOIN_MARK, SPLIT_MARK = "⏎", "↵"
# Whitespace and invisible characters inside an edit, drawn so that the edit can be seen.
_VISIBLE = {" ": "␣", "\t": "⇥", "\u3000": "⬚", "\u00a0": "⍽"}
SIDE_BY_SIDE_MIN_WIDTH = 100
BLANK_LINE = "(blank)"


def visible(text: str) -> str:
    """Spell out the characters of an edit that would otherwise not show.

    >>> visible("a b\\u3000\\u200b\\tc")
    'a␣b⬚‹200B›⇥c'
    """
    out = []
    for ch in text:
        if ch in _VISIBLE:
            out.append(_VISIBLE[ch])
        elif ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"):
            out.append(f"‹{ord(ch):04X}›")
        else:
            out.append(ch)
    return "".join(out)


def clip(text: str, cells: int) -> str:
    """Cut ``text`` to at most ``cells`` terminal cells, with an ellipsis when cut.

    >>> clip("政府工作报告", 7)
    '政府工…'
    """
    from rich.cells import cell_len

    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        width = cell_len(ch)
        if used + width > cells - 1:
            break
        out.append(ch)
        used += width
    return "".join(out) + "…"


@dataclass(frozen=True)
class Look:
    """How edits are drawn: styles by kind in colour, bracket markers when there is no colour."""

    plain: bool

    def deleted(self, kind: str) -> str:
        return "" if self.plain else f"strike {KINDS[kind].colour}"

    def inserted(self, kind: str) -> str:
        return "" if self.plain else f"bold underline {KINDS[kind].colour}"

    def brackets(self, op: str) -> tuple[str, str]:
        if not self.plain:
            return "", ""
        return ("[-", "-]") if op == DELETE else ("{+", "+}")


def look_for(console: Console) -> Look:
    return Look(plain=console.color_system is None or console.no_color)


def line_pieces(row: Row) -> list[Piece]:
    """The row's pieces without the final line break of each side (it ends the row, and a
    kept piece holds both sides' break at once)."""
    pieces = list(row.pieces)
    stripped = -1
    for side in (DELETE, INSERT):
        for index in range(len(pieces) - 1, -1, -1):
            piece = pieces[index]
            if piece.op in (EQUAL, side):
                if index != stripped and piece.text.endswith("\n"):
                    pieces[index] = Piece(piece.op, piece.text[:-1], piece.kind, piece.rules)
                    stripped = index
                break
    return [piece for piece in pieces if piece.text]


# Kept text drawn at most: a whole unchanged line, and around each edit of a changed line.
# Longer stretches are cut to a mark, so that a 16,000-character line does not fill the screen.
LINE_CELLS = 160
EDIT_CELLS = 40
ELIDED = "⋯"


def _cells_head(text: str, cells: int) -> str:
    from rich.cells import cell_len

    used = 0
    for index, ch in enumerate(text):
        used += cell_len(ch)
        if used > cells:
            return text[:index]
    return text


def _cells_tail(text: str, cells: int) -> str:
    return _cells_head(text[::-1], cells)[::-1]


def elide(pieces: list[Piece], changed: bool) -> list[Piece]:
    """Cut long kept stretches to their ends (``ELIDED`` marks the cut), cell-width aware.

    >>> [p.text for p in elide([Piece("=", "一二三四五六七八九十" * 10)], changed=False)][1]
    '⋯'
    """
    from rich.cells import cell_len

    out: list[Piece] = []
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        limit = 2 * EDIT_CELLS if changed else LINE_CELLS
        if piece.op != EQUAL or cell_len(piece.text) <= limit + 2:
            out.append(piece)
            continue
        if not changed:
            head, tail = _cells_head(piece.text, LINE_CELLS), ""
        else:
            head = _cells_head(piece.text, EDIT_CELLS) if index > 0 else ""
            tail = _cells_tail(piece.text, EDIT_CELLS) if index < last else ""
        if head:
            out.append(Piece(EQUAL, head))
        out.append(Piece(ELIDED, ELIDED))
        if tail:
            out.append(Piece(EQUAL, tail))
    return out


def piece_text(pieces: Iterable[Piece], look: Look, side: str = "") -> Text:
    """Draw pieces as one rich ``Text``; ``side`` ``-``/``+`` keeps one side and breaks lines
    where that side does (the side-by-side view), ``''`` draws both inline."""
    from rich.text import Text

    text = Text()
    for piece in pieces:
        if piece.op == EQUAL:
            text.append(piece.text)
            continue
        if piece.op == ELIDED:
            text.append(piece.text, style="dim")
            continue
        if side and piece.op != side:
            continue
        kind = piece.kind or "other"
        mark = JOIN_MARK if piece.op == DELETE else SPLIT_MARK
        style = look.deleted(kind) if piece.op == DELETE else look.inserted(kind)
        left, right = look.brackets(piece.op)
        if not side:
            text.append(left + visible(piece.text).replace("\n", mark) + right, style=style)
            continue
        lines = piece.text.split("\n")  # one column: break where this side breaks
        for index, line in enumerate(lines):
            shown = visible(line) + (mark if index < len(lines) - 1 else "")
            if shown:
                text.append(left + shown + right, style=style)
            if index < len(lines) - 1:
                text.append("\n")
    return text


def _row_numbers(start: int, count: int) -> str:
    if not count:
        return ""
    return str(start) if count == 1 else f"{start}-{start + count - 1}"


_SIGNS = {"equal": " ", "removed": "-", "added": "+", "modified": "~", "joined": JOIN_MARK,
          "split": SPLIT_MARK}


def changes_by_rule(row: Row) -> dict[tuple[str, str], list[Change]]:
    """The row's changes grouped by (rule, reason), in order of first appearance: one label each
    in the terminal view and in the HTML review."""
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in row.changes:
        groups.setdefault((change.rule, change.reason), []).append(change)
    return groups


def explain_lines(row: Row, look: Look) -> list[Text]:
    """One label per rule on the row: the rule id, how often, and its reason or its edit."""
    from rich.text import Text

    labels = []
    for (rule, reason), changes in changes_by_rule(row).items():
        first = changes[0]
        kind = kind_of(first.stage, rule)
        label = Text("↳ ", style="dim")
        label.append(rule, style="" if look.plain else KINDS[kind].colour)
        if len(changes) > 1:
            label.append(f" ×{len(changes)}")
        if reason:
            label.append(f" — {reason}")
        else:
            before = clip(visible(first.before).replace("\n", JOIN_MARK), 24)
            after = clip(visible(first.after).replace("\n", JOIN_MARK), 24)
            label.append(f": {before or '∅'} → {after or '∅'}", style="dim")
        labels.append(label)
    return labels


def _lines(n: int) -> str:
    return f"{n} line{'s' if n != 1 else ''}"


def fold_label(fold: Fold, side: str = "") -> str:
    """The marker for folded rows: inline (``side`` ''), or for the raw (-) or clean (+) column.

    >>> fold_label(Fold(12, 10, 2)), fold_label(Fold(12, 10, 2), "+")
    ('⋯ 12 lines unchanged (2 blank lines dropped)', '⋯ 10 lines')
    """
    if side == INSERT:
        return f"⋯ {_lines(fold.clean_lines)}"
    notes = []
    if fold.changed:
        notes.append(f"{fold.changed} changed by other rules")
    if fold.blank_removed:
        notes.append(f"{fold.blank_removed} blank line{'s' if fold.blank_removed != 1 else ''} dropped")
    noted = f" ({', '.join(notes)})" if notes else ""
    if side == DELETE or fold.changed:
        return f"⋯ {_lines(fold.raw_lines)}{noted}"
    return f"⋯ {_lines(fold.raw_lines)} unchanged{noted}"


def diff_view(diff: FileDiff, look: Look, *, side_by_side: bool, explain: bool = False,
              context: int = 2, rule: Callable[[str], bool] | None = None) -> RenderableType:
    """The body of one file's diff: a rich table, side by side or inline."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    items = shown_rows(diff, context, rule)
    if side_by_side:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True,
                      padding=(0, 1), header_style="bold")
        table.add_column("", justify="right", style="dim", no_wrap=True)
        table.add_column(_raw_heading(diff), ratio=1, overflow="fold")
        table.add_column("", justify="right", style="dim", no_wrap=True)
        table.add_column("clean", ratio=1, overflow="fold")
    else:
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(justify="right", style="dim", no_wrap=True)
        table.add_column(justify="right", style="dim", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
    for item in items:
        if isinstance(item, Fold):
            if side_by_side:
                table.add_row("", Text(fold_label(item, DELETE), style="dim"), "",
                              Text(fold_label(item, INSERT), style="dim"))
            else:
                table.add_row("", "", "", Text(fold_label(item), style="dim"))
            continue
        pieces = elide(line_pieces(item), item.changed)
        if item.blank_removed and not pieces:
            first = item.pieces[0]
            pieces = [Piece(DELETE, BLANK_LINE, first.kind, first.rules)]
        raw_no = _row_numbers(item.raw_start, item.raw_count)
        clean_no = _row_numbers(item.clean_start, item.clean_count)
        labels = explain_lines(item, look) if explain and item.changed else []
        if side_by_side:
            right = piece_text(pieces, look, INSERT)
            for label in labels:
                if right:
                    right.append("\n")
                right.append_text(label)
            table.add_row(raw_no, piece_text(pieces, look, DELETE), clean_no, right)
        else:
            body = piece_text(pieces, look)
            for label in labels:
                body.append("\n")
                body.append_text(label)
            table.add_row(raw_no, clean_no, Text(_SIGNS[item.shape], style="bold"), body)
    return table


def _raw_heading(diff: FileDiff) -> str:
    decoding = diff.result.decoding
    return f"raw ({decoding.encoding})" if decoding is not None else "raw"


def header_panel(diff: FileDiff, look: Look) -> RenderableType:
    """Per file: encoding and confidence, repairs, changes per kind, characters removed, flags."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    result = diff.result
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    decoding = result.decoding
    if decoding is not None:
        grid.add_row("encoding", f"{decoding.encoding} · confidence {decoding.confidence:.2f} · "
                                 f"{decoding.method}")
    repairs = [c for c in result.changes if kind_of(c.stage, c.rule) == "encoding"]
    repaired = Text(", ".join(f"{rule} ×{n}" for rule, n in _count(repairs).items()) or "none")
    if decoding is not None and decoding.repairs:
        repaired.append("; " + ", ".join(decoding.repairs))
    grid.add_row("repairs", repaired)
    if diff.line_endings:
        grid.add_row("line breaks", line_break_note(diff.line_endings))
    counts = Text()
    for kind, n in diff.kind_counts().items():
        if counts:
            counts.append(" · ")
        counts.append(f"{KINDS[kind].label} {n}", style="" if look.plain else KINDS[kind].colour)
    if diff.unplaced:
        counts.append(f" ({len(diff.unplaced)} not placed in the view)", style="dim")
    grid.add_row("changes", counts if counts else Text("none"))
    removed = result.chars_before - result.chars_after
    share = f" ({removed / result.chars_before:.1%})" if result.chars_before else ""
    grid.add_row("removed", f"{removed:,} of {result.chars_before:,} characters{share}")
    flags = Text()
    for flag in result.flags:
        if flags:
            flags.append("\n")
        where = f" (line {flag.line})" if flag.line is not None else ""
        flags.append(flag.kind.replace("_", " "), style="" if look.plain else "bold red")
        flags.append(f"{where}: {flag.message}")
    grid.add_row("flags", flags if flags else Text("none"))
    return Panel(grid, title=Text(diff.path, style="bold"), title_align="left", expand=True)


def line_break_note(changes: Sequence[Change]) -> str:
    r"""What happened to line breaks, which the view does not draw.

    >>> line_break_note([Change("hygiene", "hygiene.line-breaks", 1, 0, "\r\n", "\n")] * 2)
    '2 converted to LF (hygiene.line-breaks)'
    """
    final = [c for c in changes if not c.before and c.after == "\n"]
    converted = [c for c in changes if c not in final]
    notes = []
    if converted:
        notes.append(f"{len(converted)} converted to LF ({', '.join(_count(converted))})")
    if final:
        notes.append(f"final line break added ({', '.join(_count(final))})")
    return "; ".join(notes)


def _count(changes: Iterable[Change]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.rule] = counts.get(change.rule, 0) + 1
    return counts


def legend(look: Look) -> Text:
    """What the colours and marks mean."""
    from rich.text import Text

    text = Text("legend: ", style="dim")
    for index, kind in enumerate(KINDS.values()):
        if index:
            text.append(" · ", style="dim")
        text.append(kind.label, style="" if look.plain else kind.colour)
    text.append(f"\n        {JOIN_MARK} lines joined  {SPLIT_MARK} line split  "
                f"{_VISIBLE[' ']} space  {_VISIBLE[chr(0x3000)]} ideographic space  "
                "‹200B› invisible character", style="dim")
    if look.plain:
        text.append("\n        [-deleted-]  {+inserted+}", style="dim")
    else:
        text.append("\n        ", style="dim")
        text.append("deleted", style="strike")
        text.append("  ")
        text.append("inserted", style="bold underline")
        text.append("  (coloured by kind)", style="dim")
    return text


def render_diff(diff: FileDiff, console: Console, *, side_by_side: bool | None = None,
                explain: bool = False, context: int = 2, rule: str | None = None) -> None:
    """Print one file: its header panel, then its diff (side by side on a wide console)."""
    look = look_for(console)
    if side_by_side is None:
        side_by_side = console.width >= SIDE_BY_SIDE_MIN_WIDTH
    console.print(header_panel(diff, look))
    console.print(diff_view(diff, look, side_by_side=side_by_side, explain=explain,
                            context=context, rule=rule_matcher(rule)))
