"""Tests of cleaner.glued_title: which title or heading a whole-line cut keeps."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.glued_title import glued_title, kept_titles, starts_report

BODY = "过去一年，全镇上下团结一心，攻坚克难，经济社会发展取得了新的成绩。"


@pytest.mark.parametrize(("line", "title"), [
    ("发布时间：2023-03-02　浏览：1208　石桥镇政府工作报告", "石桥镇政府工作报告"),
    ("来源：www.shiqiao.cn石桥镇政府工作报告", "石桥镇政府工作报告"),
    ("【第2篇】白沙镇政府工作报告", "白沙镇政府工作报告"),
    ("石桥镇2022年工作总结　推荐指数：★★★★", "石桥镇2022年工作总结"),
    ("石桥镇政府工作报告（小编整理，转载请注明）", "石桥镇政府工作报告"),
    ("楼主　江南小吏　发帖：44　（二）推进乡村振兴，农业稳中有进", "（二）推进乡村振兴，农业稳中有进"),
])
def test_glued_title_finds_the_title_at_either_end(line: str, title: str) -> None:
    found = glued_title(line)
    assert found is not None
    (start, end), _ = found
    assert line[start:end] == title


@pytest.mark.parametrize("line", [
    "石桥镇政府工作报告",  # a title alone: nothing glued to it
    "以下是为大家整理的2023年乡镇政府工作报告（5篇），仅供参考。",  # a lead-in's words, not a title
    "发布时间：2023-03-02　浏览次数：1208",
    "打印本页　关闭窗口",
    "（二）扎实推进乡村振兴。全年新建高标准农田一万二千亩。",  # no chrome before it
])
def test_glued_title_finds_nothing_in_chrome_or_a_whole_title(line: str) -> None:
    assert glued_title(line) is None


@pytest.mark.parametrize(("line", "starts"), [
    ("各位代表：", True),
    ("——2023年2月20日在石桥镇第十八届人民代表大会第三次会议上", True),
    ("一、2022年工作回顾", True),
    ("（一）坚持稳中求进", True),
    (BODY, True),
    ("白沙镇2022年工作总结", False),  # another title: a list
    ("打印本页　关闭窗口", False),
])
def test_starts_report(line: str, starts: bool) -> None:
    assert starts_report(line) is starts


def _spans(text: str, *lines: str) -> list[tuple[int, int]]:
    spans = []
    for line in lines:
        start = text.index(line)
        spans.append((start, start + len(line)))
    return spans


def test_a_title_in_the_header_is_kept_when_the_report_follows() -> None:
    line = "浏览次数：1208　石桥镇政府工作报告"
    text = f"{line}\n来源：镇政府　日期：2023-03-02\n各位代表：\n{BODY}"
    kept = kept_titles(text, _spans(text, line), lambda: [(0, len(line) + 1)])
    assert [text[a:b] for a, b in kept.values()] == ["石桥镇政府工作报告"]


def test_a_title_below_the_body_goes_with_its_line() -> None:
    line = "上一篇：白沙镇2023年工作计划"
    text = f"石桥镇政府工作报告\n各位代表：\n{BODY}\n{line}\n{BODY}"
    assert kept_titles(text, _spans(text, line), lambda: [(0, 10)]) == {}


def test_a_title_followed_by_another_title_goes_with_its_line() -> None:
    line = "【第1篇】石桥镇政府工作报告"
    text = f"{line}\n石桥镇政府工作报告\n各位代表：\n{BODY}"
    assert kept_titles(text, _spans(text, line), lambda: [(0, len(text))]) == {}


def test_the_header_is_asked_for_only_when_a_line_holds_a_title() -> None:
    line = "楼主　江南小吏　发帖：44　（二）扎实推进乡村振兴"
    text = f"{BODY}\n{line}\n{BODY}"

    def no_header() -> list[tuple[int, int]]:
        raise AssertionError("a heading needs no header")

    kept = kept_titles(text, _spans(text, line), no_header)
    assert [text[a:b] for a, b in kept.values()] == ["（二）扎实推进乡村振兴"]


def test_the_change_says_the_title_was_kept() -> None:
    text = ("发布时间：2023-03-02　浏览次数：1208　【字体：大 中 小】　石桥镇政府工作报告\n"
            f"各位代表：\n{BODY}\n让我们为建设富裕文明的新石桥而努力奋斗！\n")
    result = clean_text(text)
    assert result.text.startswith("石桥镇政府工作报告\n各位代表：")
    change = next(c for c in result.changes if c.stage == "boilerplate")
    assert change.after == "石桥镇政府工作报告"
    assert "kept the title glued to it" in change.reason
    assert clean_text(result.text).text == result.text  # idempotent
