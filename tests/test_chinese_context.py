"""Chinese context from neighbouring characters (cleaner.normalize.chinese_context)."""

from __future__ import annotations

import pytest

from cleaner.normalize.chinese_context import (
    in_chinese_context,
    left_neighbour,
    pair_in_chinese_context,
    right_neighbour,
)


@pytest.mark.parametrize(("text", "mark", "chinese"), [
    ("现在,我代表", ",", True),
    ("增长126%,为罗针", ",", True),       # looks through %
    ("“三请三回”,等", ",", True),         # looks through quotes
    ("GDP,增长", ",", True),
    ("1,000", ",", False),
    ("09:51", ":", False),
    ("Hello, world", ",", False),
    ("a@b.cn,c", ",", False),
])
def test_a_mark_is_chinese_when_a_neighbour_is(text: str, mark: str, chinese: bool) -> None:
    at = text.index(mark)
    assert in_chinese_context(text, at, at + 1) is chinese


def test_neighbours_stop_at_the_line_end() -> None:
    text = "中\n, a\n"
    assert left_neighbour(text, 2) == ""
    assert right_neighbour(text, 3) == "a"
    assert right_neighbour("中,", 2) == ""


def test_converting_punctuation_does_not_change_a_decision() -> None:
    """Punctuation is see-through, so the answer is the same before and after conversion."""
    before, after = "(a),中", "（a），中"
    assert pair_in_chinese_context(before, 0, 2) == pair_in_chinese_context(after, 0, 2)
    assert in_chinese_context(before, 3, 4) == in_chinese_context(after, 3, 4)


@pytest.mark.parametrize(("text", "chinese"), [
    ("(一)加强领导", True),
    ("报告(2023.2.10)", True),
    ("细颗粒物(PM2.5)浓度", True),
    ("f(x)的值", False),       # glued to an ASCII letter: a function call
    ("ABC(2)", False),
    ("Python (version 3)", False),
    ("(a)", False),
])
def test_a_pair_is_chinese_by_its_content_or_its_outside(text: str, chinese: bool) -> None:
    assert pair_in_chinese_context(text, text.index("("), text.index(")")) is chinese
