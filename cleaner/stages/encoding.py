"""Encoding repair: undo mojibake that was saved as text, and report bytes lost before us.

Runs first on text (after ``cleaner.decode`` on bytes), so that text handed to
``clean_text`` gets the same repairs as a file. U+FFFD and ``锟斤拷`` cannot be repaired: they
are kept, and every line holding them is flagged ``lost_bytes``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.change import ChangeLog
from cleaner.decode import find_lost
from cleaner.mojibake import repair_mojibake

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    text = repair_mojibake(text, log)
    if log is not None:
        for lost in find_lost(text):
            what = ("U+FFFD replacement characters" if lost.kind == "replacement-char"
                    else "'锟斤拷' (bytes lost by an earlier GBK round trip)")
            log.flag("lost_bytes", f"{lost.count} × {what}: the original bytes are gone",
                     lost.line)
    return text
