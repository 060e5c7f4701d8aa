"""How much a string reads like Chinese text: the measure that decides between decodings and repairs.

Kept apart from the decoders (as ftfy keeps ``badness``) so that every choice between
candidate texts is made by the same, tested yardstick.
"""

from __future__ import annotations

from cleaner.chardata import common_characters

# Characters that almost never occur in real Chinese documents but are typical of mojibake:
# Latin-1 letters and symbols, box drawing, private use, replacement characters.
_SUSPICIOUS_RANGES = ((0x00A1, 0x00FF), (0x0100, 0x024F), (0x2500, 0x257F), (0xE000, 0xF8FF),
                      (0xFFFD, 0xFFFD))


def _suspicious(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _SUSPICIOUS_RANGES)


def plausibility(text: str) -> float:
    """Score in [-1, 1]: +1 per common character, 0 per rare one, -1 per mojibake-typical one,
    averaged over the non-space characters. Real Chinese prose scores above 0.9.

    >>> plausibility("政府工作报告") > 0.9
    True
    >>> plausibility("鏀垮簻宸ヤ綔鎶ュ憡") < 0.5
    True
    >>> plausibility("Õþ¸®¹¤×÷±¨¸æ") < 0
    True
    """
    common = common_characters()
    total = score = 0
    for char in text:
        if char.isspace():
            continue
        total += 1
        if char in common:
            score += 1
        elif _suspicious(char):
            score -= 1
    return score / total if total else 1.0
