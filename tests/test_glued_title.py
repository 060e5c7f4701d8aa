"""Tests of cleaner.glued_title: which title, heading or sentence a whole-line cut keeps."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.glued_title import glued_report_text, glued_title, kept_report_text, kept_titles, starts_report

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


def test_a_bare_title_starting_a_line_of_chrome_is_kept() -> None:
    line = "政府工作报告发布人：石桥镇信息员　审核人：李明　2021-07-18"
    text = f"{line}\n2022年10月28日在石桥镇第十九届人民代表大会第三次会议上\n各位代表：\n{BODY}"
    kept = kept_titles(text, _spans(text, line), lambda: [(0, len(line) + 1)])
    assert [text[a:b] for a, b in kept.values()] == ["政府工作报告"]


def test_a_title_that_is_the_subject_of_a_farms_sentence_goes_with_its_line() -> None:
    line = "本篇石桥镇2023年工作总结由网友投稿，经编辑整理发布。"
    text = f"石桥镇2023年工作总结\n{line}\n{BODY}"
    assert kept_titles(text, _spans(text, line), lambda: [(0, len(text))]) == {}


def test_a_compilations_next_title_is_kept_past_an_end_mark_of_the_last_report() -> None:
    line = "篇二：白沙镇政府工作报告"
    text = f"{BODY}\n（本篇完）\n{line}\n一、2022年工作回顾\n{BODY}"
    kept = kept_titles(text, _spans(text, line), lambda: [])
    assert [text[a:b] for a, b in kept.values()] == ["白沙镇政府工作报告"]


def test_a_span_deletion_in_the_header_leaves_a_title_glued_after_a_gap() -> None:
    text = ("点击上方蓝字“公文笔记君”，设为星标，第一时间获取范文　　石桥镇政府工作报告\n"
            f"一、2022年工作回顾\n{BODY}\n")
    result = clean_text(text)
    assert result.text.startswith("石桥镇政府工作报告\n一、2022年工作回顾")
    body = f"{BODY}\n往期推荐：白沙镇2016年工作总结及2017年工作计划\n（七）加强作风建设。\n{BODY}\n"
    assert "白沙镇2016年工作总结" not in clean_text(f"石桥镇政府工作报告\n各位代表：\n{body}").text  # related


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
    assert "kept the report text glued to it" in change.reason
    assert clean_text(result.text).text == result.text  # idempotent


SENTENCE = "全年新建农村公路18公里，改造危桥3座。"


@pytest.mark.parametrize(("line", "text"), [
    (f"【打印本页】【关闭窗口】{SENTENCE}", SENTENCE),
    (f"{SENTENCE}　【打印本页】", SENTENCE),
    ("更多范文请关注“笔杆子素材”　新建农村公路18公里，改造危桥3座。", "新建农村公路18公里，改造危桥3座。"),
    ("（本文来源于网络，如有侵权请联系删除）（三）持续改善民生福祉", "（三）持续改善民生福祉"),
    ("浏览次数：1256二、2024年工作安排", "二、2024年工作安排"),
    ("二、2024年工作安排　【打印本页】【关闭窗口】", "二、2024年工作安排"),
])
def test_glued_report_text_finds_the_longest_report_text_first(line: str, text: str) -> None:
    (start, end), _ = glued_report_text(line)[0]
    assert line[start:end] == text


@pytest.mark.parametrize("line", [
    "扫描上面二维码加QQ好友，获得更多文稿实用素材。",  # one sentence of chrome: no gap inside
    "资料简介：某镇政府工作报告，仅供参考。",  # a label's value is the chrome's own text
    "一、2022年工作回顾 / 3",  # a table of contents entry: its page number is no chrome of words
    "欢迎光临！　【打印本页】",  # an exclamation without clause or number is chrome's voice
    "全年新建农村公路18公里，改造危桥3座。",  # nothing glued to it
])
def test_glued_report_text_finds_nothing_in_chrome(line: str) -> None:
    assert glued_report_text(line) == []


def test_report_text_is_kept_only_when_the_rule_would_not_delete_it_alone() -> None:
    line = "【打印本页】全年新建公路18公里，改造危桥3座。"
    text = f"{BODY}\n{line}\n{BODY}"
    asked: list[str] = []

    def still_cut(variant: str, span: tuple[int, int]) -> bool:
        asked.append(variant[span[0]:span[1]])
        return "危桥" in variant[span[0]:span[1]]

    assert kept_report_text(text, _spans(text, line), (), still_cut) == {}
    assert asked == ["全年新建公路18公里，改造危桥3座。"]
    kept = kept_report_text(text, _spans(text, line), (), lambda variant, span: False)
    assert [text[a:b] for a, b in kept.values()] == ["全年新建公路18公里，改造危桥3座。"]


def test_a_bare_heading_is_kept_only_when_the_report_goes_on_after_it() -> None:
    line = "上一篇：（二）扎实推进乡村振兴"
    text = f"{BODY}\n{line}\n版权所有：石桥镇人民政府"
    assert kept_report_text(text, _spans(text, line), (), lambda variant, span: False) == {}
    text = f"{BODY}\n{line}\n{BODY}"
    kept = kept_report_text(text, _spans(text, line), (), lambda variant, span: False)
    assert [text[a:b] for a, b in kept.values()] == ["（二）扎实推进乡村振兴"]


@pytest.mark.parametrize("chrome", ["【打印本页】【关闭窗口】", "VIP会员免费下载　", "【字体：大 中 小】"])
def test_a_sentence_glued_to_chrome_in_the_body_survives_cleaning(chrome: str) -> None:
    sentence = "全年新建农村公路18公里，改造危桥3座。"
    text = f"石桥镇政府工作报告\n各位代表：\n{BODY}\n{chrome}{sentence}\n{BODY}\n"
    result = clean_text(text)
    assert sentence in result.text
    assert chrome.strip() not in result.text
    assert clean_text(result.text).text == result.text  # idempotent
