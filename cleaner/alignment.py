"""Aligning raw and clean text: character opcodes, found sentence by sentence in long texts.

``align(a, b)`` returns difflib's opcodes turning ``a`` into ``b``, by characters: Chinese has
no spaces to diff words on. Equally long spans that differ in a few characters converted one for
one (punctuation, script) are aligned position by position; spans too long for one character-level
``SequenceMatcher`` (``CHAR_BUDGET``) are first aligned by sentences, which keeps large files near
linear. Deleted or inserted whole lines are slid to line boundaries, so that a removed line reads
as one. ``cleaner.diff`` cuts the opcodes into the rows of a diff (``rows_of``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]  # difflib's (tag, a1, a2, b1, b2)

# Characters on both sides that one character-level SequenceMatcher may see; more than that is
# first aligned by sentences, which keeps large files near linear.
CHAR_BUDGET = 2000
_NOT_WORD_RE = re.compile(r"[\W_]+")
_SENTENCE_RE = re.compile(r"\n|[^\n。！？；!?;]*[。！？；!?;]+[”’\"」』）)]*|[^\n]+")


def _token_key(token: str) -> str:
    """What two sentences must share to be aligned: their letters and digits (NFKC), so that a
    punctuation, width or spacing change does not stop a sentence from matching itself."""
    if token == "\n":
        return token
    return _NOT_WORD_RE.sub("", unicodedata.normalize("NFKC", token)) or token


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slices (C speed on long texts).

    >>> _common_prefix("政府工作", "政府报告")
    2
    """
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def align(a: str, b: str) -> list[Opcode]:
    r"""Character opcodes turning ``a`` into ``b``; deleted or inserted whole lines are slid to
    line boundaries, so that a removed line reads as one and not as the end of its neighbour.

    >>> align("一\n乙\n二\n", "一\n二\n")
    [('equal', 0, 2, 0, 2), ('delete', 2, 4, 2, 2), ('equal', 4, 6, 2, 4)]
    """
    ops: list[Opcode] = []
    _align_span(a, b, 0, len(a), 0, len(b), ops, by_sentence=True)
    return _slide_to_lines(a, b, _merge(ops))


def _align_span(a: str, b: str, a1: int, a2: int, b1: int, b2: int, out: list[Opcode],
                by_sentence: bool) -> None:
    head = _common_prefix(a[a1:a2], b[b1:b2])
    if head:
        out.append(("equal", a1, a1 + head, b1, b1 + head))
        a1, b1 = a1 + head, b1 + head
    tail = _common_suffix(a[a1:a2], b[b1:b2])
    ma2, mb2 = a2 - tail, b2 - tail
    if a1 == ma2 and b1 < mb2:
        out.append(("insert", a1, a1, b1, mb2))
    elif b1 == mb2 and a1 < ma2:
        out.append(("delete", a1, ma2, b1, b1))
    elif a1 < ma2:
        substituted = _substitutions(a, b, a1, ma2, b1, mb2)
        if substituted is not None:
            out.extend(substituted)
        elif (ma2 - a1) + (mb2 - b1) <= CHAR_BUDGET:
            matcher = SequenceMatcher(None, a[a1:ma2], b[b1:mb2], autojunk=False)
            out.extend((tag, a1 + i1, a1 + i2, b1 + j1, b1 + j2)
                       for tag, i1, i2, j1, j2 in matcher.get_opcodes())
        elif by_sentence:
            _align_sentences(a, b, a1, ma2, b1, mb2, out)
        else:
            out.append(("replace", a1, ma2, b1, mb2))
    if tail:
        out.append(("equal", ma2, a2, mb2, b2))


# Position-by-position alignment is trusted only for short runs of substituted characters.
_MAX_SUBSTITUTED_RUN = 8


def _substitutions(a: str, b: str, a1: int, a2: int, b1: int, b2: int) -> list[Opcode] | None:
    """Opcodes for two equally long spans that differ in a minority of places, in short runs and
    never at a line break: characters converted one for one (punctuation, script). None when the
    spans do not look like that (text shifted by an insertion would).

    >>> _substitutions("甲,乙,丙", "甲，乙，丙", 0, 5, 0, 5)[:2]
    [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2)]
    >>> _substitutions("甲乙丙丁戊己庚辛壬癸", "乙丙丁戊己庚辛壬癸甲", 0, 10, 0, 10) is None
    True
    """
    length = a2 - a1
    if length != b2 - b1:
        return None
    differ = [i for i, (x, y) in enumerate(zip(a[a1:a2], b[b1:b2], strict=True)) if x != y]
    if len(differ) * 5 > length * 2 or any(a[a1 + i] == "\n" or b[b1 + i] == "\n" for i in differ):
        return None
    run = 1
    for previous, i in itertools.pairwise(differ):
        run = run + 1 if i == previous + 1 else 1
        if run > _MAX_SUBSTITUTED_RUN:
            return None
    ops: list[Opcode] = []
    last = 0
    for i in differ:
        if i > last:
            ops.append(("equal", a1 + last, a1 + i, b1 + last, b1 + i))
        ops.append(("replace", a1 + i, a1 + i + 1, b1 + i, b1 + i + 1))
        last = i + 1
    if last < length:
        ops.append(("equal", a1 + last, a2, b1 + last, b2))
    return ops


def _align_sentences(a: str, b: str, a1: int, a2: int, b1: int, b2: int,
                     out: list[Opcode]) -> None:
    """Align long spans sentence by sentence, then characters within sentences that differ."""
    bounds_a = [m.start() for m in _SENTENCE_RE.finditer(a, a1, a2)] + [a2]
    bounds_b = [m.start() for m in _SENTENCE_RE.finditer(b, b1, b2)] + [b2]
    keys_a = [_token_key(a[s:e]) for s, e in itertools.pairwise(bounds_a)]
    keys_b = [_token_key(b[s:e]) for s, e in itertools.pairwise(bounds_b)]
    # a line break is no anchor: it may join whatever sentences surround it
    matcher = SequenceMatcher(lambda key: key == "\n", keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        sa, ea, sb, eb = bounds_a[i1], bounds_a[i2], bounds_b[j1], bounds_b[j2]
        if tag != "delete" and tag != "insert" and i2 - i1 == j2 - j1:  # sentence by sentence
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                _align_span(a, b, bounds_a[i], bounds_a[i + 1], bounds_b[j], bounds_b[j + 1], out,
                            by_sentence=False)
        else:
            _align_span(a, b, sa, ea, sb, eb, out, by_sentence=False)


def _merge(ops: list[Opcode]) -> list[Opcode]:
    """Drop empty opcodes and fuse neighbours: equal with equal, any two edits into one edit."""
    merged: list[Opcode] = []
    for tag, a1, a2, b1, b2 in ops:
        if a1 == a2 and b1 == b2:
            continue
        if merged:
            ptag, pa1, pa2, pb1, pb2 = merged[-1]
            if (ptag == "equal") == (tag == "equal"):
                assert pa2 == a1 and pb2 == b1, "opcodes must be contiguous"
                new_tag = tag if ptag == tag else "replace"
                merged[-1] = (new_tag, pa1, a2, pb1, b2)
                continue
        merged.append((tag, a1, a2, b1, b2))
    return merged


def _aligned(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and text[end - 1] == "\n"


def _slide_to_lines(a: str, b: str, ops: list[Opcode]) -> list[Opcode]:
    """Slide each pure deletion or insertion that spans a line break along its equal neighbours
    until it covers whole lines (``\\n乙`` after ``一`` becomes ``乙\\n``), when it can."""
    ops = list(ops)
    k = 0
    while k < len(ops):
        tag, a1, a2, b1, b2 = ops[k]
        text, start, end = (a, a1, a2) if tag == "delete" else (b, b1, b2)
        if tag not in ("delete", "insert") or "\n" not in text[start:end] \
                or _aligned(text, start, end):
            k += 1
            continue
        before = ops[k - 1] if k > 0 and ops[k - 1][0] == "equal" else None
        after = ops[k + 1] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else None
        shift = _find_shift(text, start, end, before[2] - before[1] if before else 0,
                            after[2] - after[1] if after else 0)
        if shift:
            ops[k] = (tag, a1 + shift, a2 + shift, b1 + shift, b2 + shift)
            if after:
                ops[k + 1] = ("equal", after[1] + shift, after[2], after[3] + shift, after[4])
            else:  # slid left at the very end: what it slid over is equal after it
                ops.insert(k + 1, ("equal", a2 + shift, a2, b2 + shift, b2))
            if before:
                ops[k - 1] = ("equal", before[1], before[2] + shift, before[3], before[4] + shift)
            else:  # slid right at the very start: what it slid over is equal before it
                ops.insert(k, ("equal", a1, a1 + shift, b1, b1 + shift))
                k += 1
        k += 1
    return _merge(ops)


def _find_shift(text: str, start: int, end: int, room_left: int, room_right: int) -> int:
    """The smallest shift (right first) that makes ``text[start:end]`` cover whole lines while
    the text stays the same, or 0.

    >>> _find_shift("一\\n乙\\n二\\n", 1, 3, 1, 3)  # '\\n乙' -> '乙\\n'
    1
    """
    length = end - start
    right_ok = left_ok = True
    for step in range(1, length + 1):
        right_ok = right_ok and step <= room_right and text[start + step - 1] == text[end + step - 1]
        if right_ok and _aligned(text, start + step, end + step):
            return step
        left_ok = left_ok and step <= room_left and text[start - step] == text[end - step]
        if left_ok and _aligned(text, start - step, end - step):
            return -step
        if not (right_ok or left_ok):
            break
    return 0
