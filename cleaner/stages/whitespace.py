"""Final whitespace: one paragraph per line, no indentation, no blank lines, one final newline.

Runs last, so that earlier stages (layout above all) still see blank lines and indents as the
paragraph signals they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cleaner.change import ChangeLog, substitute
from cleaner.chardata import LEADING_SPACE_RE, TRAILING_SPACE_RE

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

_SPACE_RUN_RE = re.compile("(?<=\\S)[ \t]{2,}(?=\\S)|\t")
_BLANK_LINES_RE = re.compile("\n{2,}")
_LINE_BREAKS_RE = re.compile("\n+")


def collapse_blank_lines(text: str, log: ChangeLog | None = None, separator: str = "\n") -> str:
    r"""Paragraphs are separated by exactly ``separator``; leading/trailing blank lines go.

    >>> collapse_blank_lines("\n\n一\n\n\n二\n")
    '一\n二'
    >>> collapse_blank_lines("一\n二", separator="\n\n")
    '一\n\n二'
    """
    stripped = text.strip("\n")
    if log is not None and stripped != text:
        leading = len(text) - len(text.lstrip("\n"))
        trailing = len(text) - len(text.rstrip("\n"))
        if leading:
            log.record("whitespace.blank-lines", 1, 0, text[:leading], "")
        if trailing > 1 and trailing < len(text):  # one final newline is not a blank line
            end = len(text) - trailing + 1
            log.record("whitespace.blank-lines", text.count("\n", 0, end) + 1, end, text[end:], "")
    breaks = _BLANK_LINES_RE if separator == "\n" else _LINE_BREAKS_RE
    return substitute(stripped, breaks, separator, log, "whitespace.blank-lines")


_EDGE_SPACE = (" ", "\t", "\u3000")
_LEADING = ("\n ", "\n\t", "\n\u3000")
_TRAILING = (" \n", "\t\n", "\u3000\n")


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    had_final_newline = text.endswith("\n")
    # Cheap substring checks first: canonical text skips every regex pass.
    if text.startswith(_EDGE_SPACE) or any(s in text for s in _LEADING):
        text = substitute(text, LEADING_SPACE_RE, "", log, "whitespace.indent")
    if text.endswith(_EDGE_SPACE) or any(s in text for s in _TRAILING):
        text = substitute(text, TRAILING_SPACE_RE, "", log, "whitespace.trailing")
    if "  " in text or "\t" in text:
        text = substitute(text, _SPACE_RUN_RE, " ", log, "whitespace.space-runs")
    separator = "\n\n" if context.config.blank_lines else "\n"
    if separator != "\n" or "\n\n" in text or text.startswith("\n") or text.endswith("\n"):
        text = collapse_blank_lines(text, log, separator)
    if not text:
        return text
    if log is not None and not had_final_newline:
        log.record("whitespace.final-newline", text.count("\n") + 1, len(text), "", "\n")
    return text + "\n"
