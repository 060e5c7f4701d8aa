"""Full-width ASCII letters and digits become half-width; so does the full-width percent sign.

GB/T 15835 wants half-width digits (``２０２３`` → ``2023``), and Latin letters in Chinese text
are half-width too (``ＡＢＣ`` → ``ABC``). Only letters, digits and ``％`` are narrowed: the
full-width punctuation ``，：（）`` is correct Chinese and never touched (ftfy's width fix and
NFKC would flatten it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.change import ChangeLog, substitute
from cleaner.ruleset import Span, overlaps

RULE_ID = "width.alnum"


def _build_narrow_map() -> dict[int, str]:
    """``０``–``９``, ``Ａ``–``Ｚ``, ``ａ``–``ｚ`` and ``％`` to their ASCII forms."""
    table = {ord("％"): "%"}
    for first, last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ")):
        for code in range(ord(first), ord(last) + 1):
            table[code] = chr(code - 0xFEE0)
    return table


NARROW_MAP = _build_narrow_map()
WIDE_CLASS = "０-９Ａ-Ｚａ-ｚ％"
"""The characters ``narrow_alnum`` changes, as the body of a regular-expression class."""
_WIDE_RE = re.compile(f"[{WIDE_CLASS}]+")
# The cheap check first: a single class, no repeat, scans more than twice as fast as _WIDE_RE.
_WIDE_CHAR_RE = re.compile(f"[{WIDE_CLASS}]")


def narrow_alnum(text: str, log: ChangeLog | None = None,
                 protected: Sequence[Span] = ()) -> str:
    """Narrow full-width letters, digits and ``％``; full-width punctuation stays.

    >>> narrow_alnum("２０２３年完成ＡＢＣ项目，增长１２．５％（预计）")
    '2023年完成ABC项目，增长12．5%（预计）'
    """
    if not _WIDE_CHAR_RE.search(text):
        return text
    return substitute(text, _WIDE_RE, lambda m: _narrow(m, protected), log, RULE_ID)


def _narrow(match: re.Match[str], protected: Sequence[Span]) -> str:
    if protected and overlaps(protected, match.start(), match.end()):
        return match.group()
    return match.group().translate(NARROW_MAP)
