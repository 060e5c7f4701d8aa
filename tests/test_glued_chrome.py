"""Chrome glued onto report text goes when the line and score rules delete it on its own line;
the report text never does (cleaner.glued_chrome, run by the boilerplate stage)."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.change import ChangeLog
from cleaner.glued_chrome import drop_glued_chrome, glued_pieces

SENTENCE = "全年新建农村公路18公里，改造危桥3座，完成投资1.2亿元。"
OPENING = "各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n"
CLOSING = "让我们为建设美丽家园而努力奋斗！\n"


@pytest.mark.parametrize(("line", "chrome"), [
    (f"【打印本页】【关闭窗口】{SENTENCE}", ["【打印本页】【关闭窗口】"]),
    (f"{SENTENCE}　责任编辑：李明", ["责任编辑：李明"]),
    (f"浏览次数：1256　{SENTENCE}　【打印】", ["浏览次数：1256", "【打印】"]),
])
def test_glued_pieces_finds_the_chrome_around_the_report_text(line: str, chrome: list[str]) -> None:
    found = glued_pieces(line)
    assert found is not None
    (low, high), pieces = found
    assert line[low:high] == SENTENCE
    assert [piece for _, _, piece in pieces] == chrome


@pytest.mark.parametrize("line", [
    SENTENCE,
    "全年新建农村公路18公里。改造危桥3座，完成投资1.2亿元。",  # a sentence end is no chrome's gap
    "全年新建农村公路18公里，改造危桥3座。具体工作如下：",  # the report's lead-in
    "（一）持续改善民生福祉　增进群众获得感",  # a heading: no sentence to glue chrome to
    "全年新建农村公路18公里，改造危桥3座。其中，",  # a line the page broke in the next sentence
    "全年新建农村公路18公里，改造危桥3座。扫码关注",
    "3楼 会议室完成改造，2楼·东侧设便民服务窗口。",  # a space and a dot inside the sentence
    "【打印本页】等功能在新版网站保留。",  # the bracket is the sentence's subject
])
def test_glued_pieces_finds_nothing_in_report_lines(line: str) -> None:
    assert glued_pieces(line) is None


def _rules_delete(word: str):
    """A stand-in for the stage's rules: deletes every line that holds ``word``."""
    def probe(variant: str, pieces: list[str]) -> ChangeLog:
        log = ChangeLog(stage="boilerplate")
        for number, line in enumerate(variant.split("\n"), 1):
            if word in line:
                log.record("demo.rule", number, 0, line + "\n", "", "demo+5 = 5 ≥ 4")
        return log
    return probe


def test_only_the_pieces_the_rules_delete_go_and_the_change_names_the_rule() -> None:
    text = f"{OPENING}{SENTENCE}　责任编辑：李明\n{CLOSING}"
    log = ChangeLog(stage="boilerplate")
    assert drop_glued_chrome(text, _rules_delete("编辑"), log) == f"{OPENING}{SENTENCE}\n{CLOSING}"
    (change,) = log.changes
    assert (change.rule, change.line, change.before, change.reason) == (
        "demo.rule", 3, "　责任编辑：李明", "demo+5 = 5 ≥ 4; glued to report text")
    assert text[change.offset:change.offset + len(change.before)] == change.before
    assert drop_glued_chrome(text, _rules_delete("打印"), None) == text


def test_a_line_whose_report_text_the_rules_delete_alone_is_left_whole() -> None:
    text = f"{OPENING}{SENTENCE}　责任编辑：李明\n"
    assert drop_glued_chrome(text, _rules_delete("公路"), None) == text


def test_no_probe_runs_when_nothing_is_glued() -> None:
    def probe(variant: str, pieces: list[str]) -> ChangeLog:
        raise AssertionError("the probe ran")
    text = f"{OPENING}{SENTENCE}\n{CLOSING}"
    assert drop_glued_chrome(text, probe, None) == text


@pytest.mark.parametrize("glued", [
    f"【打印本页】【关闭窗口】{SENTENCE}",
    f"{SENTENCE}　责任编辑：李明",
    f"{SENTENCE}　浏览次数：1256　【打印】【关闭】",
    f"{SENTENCE}浏览次数：1256",
])
def test_the_pipeline_drops_chrome_glued_to_a_paragraph_and_keeps_the_sentence(glued: str) -> None:
    body = "今年以来，全镇上下团结一心，攻坚克难，各项工作稳步推进。"
    result = clean_text(f"某镇政府工作报告\n{OPENING}{glued}\n{body}\n{CLOSING}")
    assert SENTENCE in result.text
    assert "打印" not in result.text and "编辑" not in result.text and "浏览" not in result.text
    assert clean_text(result.text).text == result.text


def test_report_sentences_that_mention_chrome_words_stay_glued_or_not() -> None:
    near = "群众可扫码关注“某镇发布”公众号，第一时间获取政策信息。"
    result = clean_text(f"某镇政府工作报告\n{OPENING}{SENTENCE}　{near}\n{CLOSING}")
    assert near in result.text and SENTENCE in result.text
