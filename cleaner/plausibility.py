"""How much a string reads like Chinese text: the measure that decides between decodings and repairs.

Kept apart from the decoders (as ftfy keeps ``badness``) so that every choice between candidate
texts (which encoding a file is in, whether a line is mojibake) is made by the same, tested
yardstick. It only compares: a score means little on its own, but the right decoding of Chinese
text scores clearly above the wrong ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cleaner.chardata import common_characters

# Characters that almost never occur in Chinese documents but are typical of mojibake: C1
# controls, Latin-1 letters and symbols (not NBSP, and not the middle dot · that Chinese uses as
# 间隔号), Latin Extended, spacing modifiers and the cp1252 specials ‚„†‡‰‹› (GBK read as cp1252),
# box drawing, private use (unassigned GBK codes), replacement characters and lone surrogates.
_SUSPICIOUS_RE = re.compile(
    "[\u0080-\u009f\u00a1-\u00b6\u00b8-\u00ff\u0100-\u024f\u02b0-\u02ff\u201a\u201e\u2020\u2021"
    "\u2030\u2039\u203a\u2500-\u257f\ue000-\uf8ff\ufffd\ud800-\udfff]")
_SPACE_RE = re.compile(r"\s")


def plausibility(text: str) -> float:
    """Score in [-1, 1]: +1 per common character, 0 per rare one, -1 per mojibake-typical one,
    averaged over the non-space characters; 1.0 when there are none.

    Common means GB2312 level-1 or Big5 level-1 hanzi, CJK punctuation or printable ASCII
    (``cleaner.chardata.common_characters``). Real Chinese prose scores above 0.9.

    >>> plausibility("政府工作报告") > 0.9
    True
    >>> plausibility("鏀垮簻宸ヤ綔鎶ュ憡") < 0.5
    True
    >>> plausibility("Õþ¸®¹¤×÷±¨¸æ") < 0
    True
    >>> plausibility("")
    1.0
    """
    total = len(text) - len(_SPACE_RE.findall(text))
    if total <= 0:
        return 1.0
    common = sum(map(_common_nonspace().__contains__, text))
    suspicious = len(_SUSPICIOUS_RE.findall(text))
    return (common - suspicious) / total


@lru_cache(maxsize=1)
def _common_nonspace() -> frozenset[str]:
    """The common characters but whitespace, which the score skips."""
    return frozenset(c for c in common_characters() if not c.isspace())
