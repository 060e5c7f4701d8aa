"""Encoding repair: undo mojibake that was saved as text, and report text lost before us.

Runs first on text (after ``cleaner.decode`` on bytes), so that text handed to ``clean_text``
gets the same repairs as a file. Each repaired span is a change (``encoding.utf8-as-gbk``,
``encoding.gbk-as-latin1``, ``encoding.gbk-as-cp1252``, ``encoding.utf8-as-cp1252``; see
``cleaner.mojibake``). U+FFFD and ``锟斤拷`` cannot be repaired: they are kept, and every line
holding them, including those a lossy repair left, is flagged ``lost_bytes``.

Clean text costs a few C-level scans: the mojibake gates and two substring searches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.change import ChangeLog
from cleaner.decode import find_lost
from cleaner.mojibake import repair_mojibake

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

_WHAT_WAS_LOST = {
    "replacement-char": "U+FFFD replacement character(s)",
    "kunkinkao": "'锟斤拷' (U+FFFD after a UTF-8 → GBK round trip)",
}


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    """Repair mojibake; flag each line where text was lost before cleaning."""
    text = repair_mojibake(text, log)
    if log is not None:
        for lost in find_lost(text):
            log.flag("lost_bytes", f"{lost.count} × {_WHAT_WAS_LOST[lost.kind]}: the original "
                     "text is gone", lost.line)
    return text
