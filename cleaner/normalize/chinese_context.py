"""Whether a punctuation mark stands in Chinese context, decided from its neighbours.

A mark's neighbours are the nearest characters on the same line that are neither spaces nor
punctuation: in ``增长5%,其中`` the comma's neighbours are ``5`` and ``其``. Punctuation is
see-through so that the decision for one mark never depends on whether another mark has been
converted yet; this keeps normalization idempotent. The rule files use the same definition in
their lookarounds: ``(?<=\\p{Han}[\\p{P} \\t\\u3000]*)`` and ``(?=[\\p{P} \\t\\u3000]*\\p{Han})``.
"""

from __future__ import annotations

import unicodedata

import regex

HAN_RE = regex.compile(r"\p{Han}")
_SPACES = " \t\u3000"


def is_han(char: str) -> bool:
    """A Chinese character (Unicode script Han, as ``\\p{Han}`` in the rule files).

    >>> is_han("中"), is_han("〇"), is_han("a"), is_han("，"), is_han("")
    (True, True, False, False, False)
    """
    return bool(char) and HAN_RE.match(char) is not None


def is_see_through(char: str) -> bool:
    """Spaces and punctuation (Unicode category P*): skipped when looking for a neighbour.

    >>> [is_see_through(c) for c in " ,，%（a5中"]
    [True, True, True, True, True, False, False, False]
    """
    return char in _SPACES or unicodedata.category(char).startswith("P")


def is_ascii_alnum(char: str) -> bool:
    """An ASCII letter or digit: the sign of English, numbers and codes.

    >>> is_ascii_alnum("a"), is_ascii_alnum("７"), is_ascii_alnum("中")
    (True, False, False)
    """
    return char.isascii() and char.isalnum()


def left_neighbour(text: str, index: int) -> str:
    """The nearest character before ``index`` on its line that is not see-through ('' if none).

    >>> left_neighbour("增长5%,其中", 5)
    '5'
    >>> left_neighbour("一\\n,其中", 2)
    ''
    """
    i = index - 1
    while i >= 0 and text[i] != "\n" and is_see_through(text[i]):
        i -= 1
    return "" if i < 0 or text[i] == "\n" else text[i]


def right_neighbour(text: str, index: int) -> str:
    """The nearest character at or after ``index`` on its line that is not see-through.

    >>> right_neighbour("增长5%, “其中", 5)
    '其'
    """
    i = index
    while i < len(text) and text[i] != "\n" and is_see_through(text[i]):
        i += 1
    return "" if i >= len(text) or text[i] == "\n" else text[i]


def in_chinese_context(text: str, start: int, end: int) -> bool:
    """Whether the mark ``text[start:end]`` has a Chinese character as a neighbour on either side.

    >>> in_chinese_context("现在,我", 2, 3), in_chinese_context("1,000", 1, 2)
    (True, False)
    >>> in_chinese_context("Hello, world", 5, 6), in_chinese_context("增长5%,其中", 5, 6)
    (False, True)
    """
    return is_han(left_neighbour(text, start)) or is_han(right_neighbour(text, end))


def pair_in_chinese_context(text: str, open_at: int, close_at: int) -> bool:
    """Whether a pair of brackets or quotes at ``open_at``/``close_at`` is Chinese: it holds a
    Chinese character, or a neighbour outside it is one. A pair that holds only ASCII and is
    glued to an ASCII letter or digit on its left (``f(x)``, ``ABC(2)``) is not Chinese.

    >>> pair_in_chinese_context("政府工作报告(2023.2.10)", 6, 16)
    True
    >>> pair_in_chinese_context("函数f(x)的值", 3, 5), pair_in_chinese_context("GDP(国内)", 3, 6)
    (False, True)
    >>> pair_in_chinese_context("Python (version 3)", 7, 17)
    False
    """
    if HAN_RE.search(text, open_at + 1, close_at):
        return True
    before = open_at - 1
    while before >= 0 and text[before] in _SPACES:
        before -= 1
    if before >= 0 and is_ascii_alnum(text[before]):
        return False
    return is_han(left_neighbour(text, open_at)) or is_han(right_neighbour(text, close_at + 1))
