"""Straight quotes to curly ones, as pairs (cleaner.normalize.quotes)."""

from __future__ import annotations

import pytest

from cleaner.change import ChangeLog
from cleaner.normalize.quotes import DOUBLE, SINGLE, convert_quotes, pair_quotes, quote_positions


@pytest.mark.parametrize(("text", "expected"), [
    ('开展"双返双创"等活动', "开展“双返双创”等活动"),
    ('"粮袋子"和"菜篮子"', "“粮袋子”和“菜篮子”"),
    ('发展"AI+"产业', "发展“AI+”产业"),                      # Chinese outside, ASCII inside
    ("推进'放管服'改革", "推进‘放管服’改革"),
    ('他说:"要落实\'三个一\'工作法"', "他说:“要落实‘三个一’工作法”"),    # double outside
    ("'他说\"好\"'", "“他说‘好’”"),                            # single outside → swapped
    ('“十四五"开局', "“十四五”开局"),                          # straight partner of a curly one
    ('"十四五”开局', "“十四五”开局"),
])
def test_quotes_in_chinese_context_become_curly(text: str, expected: str) -> None:
    assert convert_quotes(text) == expected


@pytest.mark.parametrize("text", [
    'He said "yes" and left.',
    "It's the workers' day",
    "don't stop",
    "“十四五”规划",
])
def test_english_quotes_and_apostrophes_stay(text: str) -> None:
    assert convert_quotes(text) == text


@pytest.mark.parametrize("text", [
    '做到"小事不出村、大事不出镇',                 # unbalanced
    '“十四五"和"十三五”',                          # two readings: straight pair, or mixed pairs
    '“他说"好"”',                                  # the same shape, so the same doubt
])
def test_unclear_quotes_are_left_alone_and_flagged(text: str) -> None:
    log = ChangeLog(stage="normalization")
    assert convert_quotes("甲\n" + text, log) == "甲\n" + text
    assert log.changes == []
    assert [(f.kind, f.line) for f in log.flags] == [("unbalanced_quote", 2)]


def test_an_unbalanced_english_line_is_not_flagged() -> None:
    log = ChangeLog()
    assert convert_quotes('5 inch" screen', log) == '5 inch" screen'
    assert log.flags == []


def test_each_converted_quote_is_recorded() -> None:
    log = ChangeLog(stage="normalization")
    convert_quotes('甲\n开展"双返"', log)
    assert [(c.rule, c.line, c.offset, c.before, c.after) for c in log.changes] == [
        ("quotes.pair", 2, 4, '"', "“"), ("quotes.pair", 2, 7, '"', "”")]


def test_quotes_inside_protected_material_stay() -> None:
    text = '见"甲"和"乙"'
    assert convert_quotes(text, protected=[(4, 8)]) == '见“甲”和"乙"'


def test_positions_skip_apostrophes_and_pairs_follow_positions() -> None:
    line = "it's '好'"
    assert quote_positions(line, SINGLE) == [5, 7]
    assert pair_quotes('"a""b"', DOUBLE, [0, 2, 3, 5]) == ([(0, 2), (3, 5)], False)
    assert pair_quotes('"a"b"', DOUBLE, [0, 2, 4]) == ([], True)


def test_clear_pairs_are_converted_beside_an_unclear_stretch() -> None:
    log = ChangeLog()
    text = '深入实施"八五"普法，“十四五"和"十三五”'
    assert convert_quotes(text, log) == '深入实施“八五”普法，“十四五"和"十三五”'
    assert [f.kind for f in log.flags] == ["unbalanced_quote"]


def test_lines_of_straight_double_quotes_pair_in_turn() -> None:
    log = ChangeLog(stage="normalization")
    text = '开展"双返"和"双创",He said "yes".\n"未闭合"的"引号'
    assert convert_quotes(text, log) == '开展“双返”和“双创”,He said "yes".\n"未闭合"的"引号'
    assert [c.offset for c in log.changes] == [2, 5, 7, 10]
    assert [(f.kind, f.line) for f in log.flags] == [("unbalanced_quote", 2)]
    quiet = ChangeLog(explain=False)
    assert convert_quotes(text, quiet) == convert_quotes(text)
    assert quiet.changes == [] and quiet.flags == log.flags
