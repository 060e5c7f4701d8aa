"""Traditional-script detection and OpenCC conversion that leaves protected terms alone.

A document is Traditional when enough of its Chinese characters exist only in Traditional
script (``關``, ``鎮``, ``報``: characters OpenCC's t2s changes and GB 2312 lacks). Simplified
documents are not run through OpenCC at all: a single regex search rejects them. Protected
spans (names, place names, URLs) are swapped for private-use characters before conversion and
put back after, so conversion cannot alter them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

import opencc

from cleaner.change import ChangeLog
from cleaner.ruleset import Span

TO_SIMPLIFIED = ("t2s", "tw2s", "hk2s")
TO_TRADITIONAL = ("s2t",)
SCRIPT_MODES = (*TO_SIMPLIFIED, *TO_TRADITIONAL, "keep")
TRADITIONAL_SHARE = 0.10
"""A document is Traditional when at least this share of its Chinese characters is
Traditional-only (Traditional documents measure about 0.35, Simplified ones 0)."""
MIN_TRADITIONAL_CHARS = 2
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))
_HAN_COUNT_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MASK_CANDIDATES = [chr(c) for c in range(0xE000, 0xF900)]


@cache
def converter(mode: str) -> opencc.OpenCC:
    """One OpenCC converter per mode and process (building one reads its dictionaries)."""
    return opencc.OpenCC(mode)


@cache
def traditional_only() -> frozenset[str]:
    """Characters that exist only in Traditional script: t2s changes them and GB 2312 (the
    Simplified character set) does not have them. Built once from OpenCC's own tables.
    """
    chars = [chr(c) for first, last in _HAN_BLOCKS for c in range(first, last)]
    simplified = converter("t2s").convert("\n".join(chars)).split("\n")
    found = set()
    for char, simple in zip(chars, simplified, strict=True):
        if simple != char:
            try:
                char.encode("gb2312")
            except UnicodeEncodeError:
                found.add(char)
    return frozenset(found)


@cache
def _traditional_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(traditional_only())) + "]")


@cache
def traditional_or(extra: str) -> re.Pattern[str]:
    """A class of the Traditional-only characters and of ``extra`` (the body of a class, such as
    ``０-９``): one scan that finds neither tells that a document needs no conversion to
    Simplified and holds none of ``extra`` (cheaper than two scans).

    >>> [bool(traditional_or("０-９").search(t)) for t in ("城关镇", "城關鎮", "２０２３年")]
    [False, True, True]
    """
    return re.compile("[" + "".join(sorted(traditional_only())) + extra + "]")


def traditional_share(text: str) -> float:
    """Share of the Chinese characters in ``text`` that are Traditional-only.

    >>> traditional_share("城關鎮人民政府工作報告"), traditional_share("城关镇人民政府")
    (0.2727272727272727, 0.0)
    """
    pattern = _traditional_re()
    if not pattern.search(text):
        return 0.0
    han = len(text) - len(_HAN_COUNT_RE.sub("", text))  # counting by deletion: no match list
    return (len(text) - len(pattern.sub("", text))) / han if han else 0.0


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in Traditional script (fast on Simplified text: one search).

    >>> is_traditional("城關鎮人民政府工作報告"), is_traditional("城关镇人民政府，臺")
    (True, False)
    """
    pattern = _traditional_re()
    if not pattern.search(text):
        return False
    hits = len(text) - len(pattern.sub("", text))
    han = len(text) - len(_HAN_COUNT_RE.sub("", text))
    return hits >= MIN_TRADITIONAL_CHARS and hits / han >= TRADITIONAL_SHARE


def needs_conversion(text: str, mode: str) -> bool:
    """Whether ``mode`` converts ``text``: to-Simplified modes convert Traditional documents
    only, ``s2t`` converts the others, ``keep`` nothing.

    >>> needs_conversion("城關鎮", "t2s"), needs_conversion("城关镇", "t2s")
    (True, False)
    >>> needs_conversion("城关镇", "s2t"), needs_conversion("城關鎮", "keep")
    (True, False)
    """
    if mode == "keep":
        return False
    if mode in TO_SIMPLIFIED:
        return is_traditional(text)
    return _HAN_COUNT_RE.search(text) is not None and not is_traditional(text)


def convert_script(text: str, mode: str, log: ChangeLog | None = None,
                   protected: Sequence[Span] = ()) -> str:
    """Convert ``text`` with OpenCC ``mode``, leaving ``protected`` spans exactly as they are;
    each changed stretch of a line is recorded as rule ``script.<mode>``.

    >>> convert_script("城關鎮乾潭村", "t2s")
    '城关镇干潭村'
    >>> convert_script("城關鎮乾潭村", "t2s", protected=[(3, 5)])
    '城关镇乾潭村'
    """
    masked, mask, originals = _mask(text, protected)
    converted = converter(mode).convert(masked)
    if originals:
        restore = iter(originals)
        converted = re.sub(mask, lambda _: next(restore), converted)
    if log is not None and log.explain and converted != text:
        _record(text, converted, f"script.{mode}", log)
    return converted


def _mask(text: str, protected: Sequence[Span]) -> tuple[str, str, list[str]]:
    """Replace each protected span with a private-use character that ``text`` lacks."""
    if not protected:
        return text, "", []
    mask = next(c for c in _MASK_CANDIDATES if c not in text)
    pieces: list[str] = []
    last = 0
    for start, end in protected:
        pieces += [text[last:start], mask]
        last = end
    pieces.append(text[last:])
    return "".join(pieces), mask, [text[start:end] for start, end in protected]


def _record(before: str, after: str, rule: str, log: ChangeLog) -> None:
    """Record, line by line, the stretch from the first to the last changed character."""
    offset = 0
    for number, (old, new) in enumerate(zip(before.split("\n"), after.split("\n"),
                                             strict=False), start=1):
        if old != new:
            start, old_end, new_end = changed_stretch(old, new)
            log.record(rule, number, offset + start, old[start:old_end], new[start:new_end])
        offset += len(old) + 1


def changed_stretch(old: str, new: str) -> tuple[int, int, int]:
    """Where two strings differ: ``old[start:old_end]`` became ``new[start:new_end]``. The common
    prefix and suffix are found by halving, with slice comparisons (no loop per character).

    >>> changed_stretch("城關鎮人民", "城关镇人民"), changed_stretch("abc", "abXYc")
    ((1, 3, 3), (2, 2, 4))
    """
    prefix = _common_length(old, new, lambda s, n: s[:n])
    suffix = _common_length(old[prefix:], new[prefix:], lambda s, n: s[len(s) - n:])
    return prefix, len(old) - suffix, len(new) - suffix


def _common_length(a: str, b: str, part: Callable[[str, int], str]) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if part(a, middle) == part(b, middle):
            low = middle
        else:
            high = middle - 1
    return low
