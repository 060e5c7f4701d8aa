"""Round brackets as pairs (cleaner.normalize.brackets)."""

from __future__ import annotations

import pytest

from cleaner.change import ChangeLog
from cleaner.normalize.brackets import bracket_pairs, convert_brackets


@pytest.mark.parametrize(("text", "expected"), [
    ("(一)加强组织领导", "（一）加强组织领导"),
    ("(1)完善制度;(2)强化考核", "（1）完善制度;（2）强化考核"),
    ("政府工作报告(2023.2.10)", "政府工作报告（2023.2.10）"),
    ("“双返双创(三请三回)”", "“双返双创（三请三回）”"),
    ("(一）加强", "（一）加强"),                       # half-converted pair completed
    ("工业性投资(1-9月)(不含比亚迪)", "工业性投资（1-9月）（不含比亚迪）"),
    ("(含(2)项)", "（含（2）项）"),
])
def test_pairs_in_chinese_context_become_full_width(text: str, expected: str) -> None:
    assert convert_brackets(text) == expected


@pytest.mark.parametrize("text", [
    "函数f(x)的值",
    "Python (version 3) is used",
    "print(x)",
    "缺少(右括号",
    "多了)右括号",
    "（一）已经是全角",
])
def test_other_brackets_stay(text: str) -> None:
    assert convert_brackets(text) == text


def test_pairs_do_not_cross_lines() -> None:
    assert convert_brackets("第一行(未闭合\n第二行)未开") == "第一行(未闭合\n第二行)未开"


def test_protected_brackets_take_no_part() -> None:
    text = "见http://a.cn/f(1)页(附件)"
    assert convert_brackets(text, protected=[(1, 18)]) == "见http://a.cn/f(1)页（附件）"


def test_changes_and_unpaired_flags_are_recorded() -> None:
    log = ChangeLog(stage="normalization")
    assert convert_brackets("甲\n(一)加强(领导", log) == "甲\n（一）加强(领导"
    assert [(c.rule, c.line, c.offset, c.before, c.after) for c in log.changes] == [
        ("punct.brackets", 2, 2, "(", "（"), ("punct.brackets", 2, 4, ")", "）")]
    assert [(f.kind, f.line) for f in log.flags] == [("unbalanced_bracket", 2)]


def test_bracket_pairs_nest() -> None:
    assert bracket_pairs("((a)b)") == ([(1, 3), (0, 5)], [])
