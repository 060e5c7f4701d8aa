"""Where a held-out set puts its noise in a report: glued to a paragraph's end or start, repeated
at page breaks, collapsed onto one line, side by side in columns. Shared by the development sets
written after ``bench/heldout_dev3.py``; each set keeps its own forms and family functions.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from bench import heldout as dev


def _sentence_paragraphs(paragraphs: Sequence[str]) -> list[int]:
    """Body paragraphs that end a sentence (where something can be glued after them)."""
    start = dev._body_start(paragraphs)
    return [i for i in range(start, len(paragraphs)) if paragraphs[i].endswith(("。", "！", "；"))]


def glue_end(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece glued to the end of a body paragraph, as a scrape flattens a block into it.

    >>> glue_end(["标题", "各位代表：", "一是稳增长。", "二是惠民生。"], ["【甲】"], random.Random(1))[2:]
    ['一是稳增长。【甲】', '二是惠民生。']
    """
    out = list(paragraphs)
    for piece in pieces:
        candidates = _sentence_paragraphs(out) or [len(out) - 1]
        out[rng.choice(candidates)] += piece
    return out


def glue_start(paragraphs: list[str], pieces: Sequence[str], rng: random.Random) -> list[str]:
    """Each piece glued to the start of a body paragraph (a floor marker or counter before it)."""
    out = list(paragraphs)
    start = dev._body_start(out)
    for piece in pieces:
        index = rng.randint(min(start + 1, len(out) - 1), len(out) - 1)
        out[index] = piece + out[index]
    return out


def at_breaks(paragraphs: list[str], line: str, times: int, rng: random.Random) -> list[str]:
    """``line`` repeated ``times`` times at page breaks: between body paragraphs, spread out.

    >>> lines = ["题", "各位代表：", "甲。", "乙。", "丙。", "丁。"]
    >>> at_breaks(lines, "页眉", 2, random.Random(0)).count("页眉")
    2
    """
    out = list(paragraphs)
    start = dev._body_start(out) + 1
    slots = sorted(rng.sample(range(start, len(out)), min(times, max(0, len(out) - start))), reverse=True)
    for at in slots:
        out.insert(at, line)
    return out


def one_line(lines: Sequence[str], rng: random.Random) -> str:
    """Several lines collapsed to one, as a scrape that drops a block's line breaks leaves them."""
    return rng.choice(("　", "  ", " ", "　　")).join(lines)


def columns(lines: list[str], rng: random.Random) -> list[str]:
    """Two items side by side on one line, as a two-column bar or table comes out."""
    if len(lines) >= 2 and rng.random() < 0.4:
        return [lines[0] + rng.choice(("\t", "　　　", "     ")) + lines[1], *lines[2:]]
    return lines
