"""A document's outline (cleaner.outline): entry keys, echoes, runs and repeated shapes."""

from __future__ import annotations

import pytest

from cleaner.outline import Outline, entry_key, names, shape

BODY = "现在，我代表镇人民政府向大会报告工作，请予审议。"
"""A body line: a sentence."""


@pytest.mark.parametrize(("line", "key"), [
    ("1、罗针镇政府工作报告 …………………… 3", "罗针镇政府工作报告"),
    ("第二篇：某乡政府工作报告", "某乡政府工作报告"),
    ("范文第3篇：某乡政府工作报告", "某乡政府工作报告"),
    ("【篇三】某镇工作总结", "某镇工作总结"),
    ("[02] 某镇政府工作报告 ··· 9", "某镇政府工作报告"),
    ("◇ 罗针镇 · 政府工作报告 —— 12", "罗针镇政府工作报告"),
    ("（一）某镇政府工作报告（第4页）", "某镇政府工作报告"),
    ("No.3 某镇2022年政府工作报告 17", "某镇2022年政府工作报告"),
    ("某镇政府工作报告\t21", "某镇政府工作报告"),
    ("某镇政府工作报告 P5", "某镇政府工作报告"),
    # a year is no number: it stays
    ("一、2022年工作回顾……3", "2022年工作回顾"),
    ("2023年政府工作报告", "2023年政府工作报告"),
])
def test_an_entry_key_drops_number_page_leaders_and_brackets(line: str, key: str) -> None:
    assert entry_key(line) == key


def test_an_entry_names_a_title_whole_or_in_pieces_of_it_and_its_place() -> None:
    assert names("某镇政府工作报告", ["某镇政府工作报告"])
    assert names("罗针镇政府工作报告", ["政府工作报告", "2022年10月28日在临川区罗针镇"])
    assert names("政府工作报告罗针镇", ["政府工作报告", "2022年10月28日在临川区罗针镇"])
    # the title must give a good part of it, and the pieces be few
    assert not names("罗针镇人民政府", ["政府工作报告", "2022年10月28日在临川区罗针镇人民政府"])
    assert names("甲乙丙丁戊己", ["戊己", "甲乙", "丙丁"])
    assert not names("甲乙丙丁戊己庚辛", ["庚辛", "甲乙", "丙丁", "戊己"])


def compilation(*entries: str, separator: str = "") -> str:
    reports = ["甲镇政府工作报告\n各位代表：\n" + BODY, "乙乡政府工作报告\n各位代表：\n" + BODY]
    return "\n".join(["目录", *entries, *(separator + report for report in reports)])


def test_entries_echo_the_titles_below_them() -> None:
    outline = Outline.of(compilation("1.甲镇政府工作报告……1", "2.乙乡政府工作报告……9"))
    assert [outline.echo(i, 4) for i in range(len(outline.lines))] == [
        None, 3, 6, None, None, None, None, None, None]


def test_a_heading_named_by_a_table_stays_and_its_entry_goes() -> None:
    text = "\n".join(["政府工作报告", "一、2022年工作回顾 …… 3", "二、2023年工作安排 …… 9", "各位代表：",
                     BODY, "一、2022年工作回顾", BODY, "二、2023年工作安排", BODY])
    outline = Outline.of(text)
    echoes = {i: outline.echo(i, 4) for i in range(len(outline.lines))}
    assert {i: t for i, t in echoes.items() if t is not None} == {1: 5, 2: 7}


def test_entries_name_titles_in_order_and_nothing_below_the_first_named_line_echoes() -> None:
    # every report has the same title; the first report's title names the second's, but it is
    # the first named line
    text = "\n".join(["政府工作报告……1", "政府工作报告……9", "政府工作报告", "各位代表：", BODY,
                      "政府工作报告", "各位代表：", BODY])
    outline = Outline.of(text)
    assert [outline.echo(i, 4) for i in range(3)] == [2, 5, None]


def test_a_doubled_line_names_nothing() -> None:
    text = "\n".join(["政府工作报告"] * 3 + ["——2022年10月29日在司马浦镇", "各位代表：", BODY])
    assert all(Outline.of(text).echo(i, 4) is None for i in range(6))


def test_a_report_title_names_nothing() -> None:
    text = "\n".join(["政府工作报告", "各位代表：", BODY, "政府工作报告", "各位代表：", BODY])
    assert all(Outline.of(text).echo(i, 4) is None for i in range(6))


def test_a_signature_at_both_ends_is_no_title() -> None:
    text = "\n".join(["某镇人民政府", "2023年1月5日", "各位代表：", BODY, "某镇人民政府", "2023年1月5日"])
    assert all(Outline.of(text).echo(i, 4) is None for i in range(6))


def test_a_run_spans_blank_lines_and_stops_at_a_line_that_does_not_fire() -> None:
    outline = Outline.of("编码：1\n\n日期：2\n正文。\n类别：3")
    fires = [outline.run("pair", i, lambda j: "：" in outline.lines[j]) for i in range(5)]
    assert fires == [2, 0, 2, 0, 1]


def test_separators_share_a_shape_above_titles() -> None:
    text = compilation("甲镇政府工作报告", separator="◆ 第1份 ◆\n")
    text = text.replace("◆ 第1份 ◆\n乙乡", "◆ 第2份 ◆\n乙乡")
    outline = Outline.of(text)
    assert shape("◆ 第1份 ◆") == shape("◆ 第二份 ◆") == "◆第#份◆"
    counts = {outline.lines[i]: outline.repeats(i) for i in range(len(outline.lines))}
    assert counts["◆ 第1份 ◆"] == counts["◆ 第2份 ◆"] == 2
    assert counts["各位代表："] == 0


def test_a_separator_names_the_report_below_it_not_a_title_or_its_start() -> None:
    text = "\n".join(["———— 高坪镇 ————", "政府工作报告", "2022年10月29日在临川区高坪镇", "各位代表：", BODY])
    outline = Outline.of(text)
    assert [outline.heads(i, 2) for i in range(5)] == [True, False, False, False, False]
    # a title over two lines: its first line is placed as nothing else, but it starts no block
    # of its own either; the rule decides (it asks for a number or ornaments)
    assert Outline.of(text.replace("———— 高坪镇 ————", "某县某市")).heads(0, 2) is False


def test_a_line_recurs_by_its_shape() -> None:
    outline = Outline.of("↑返回目录\n" + BODY + "\n↑返回目录\n" + BODY + "\n第1篇\n第2篇")
    assert [outline.recurs(i) for i in range(6)] == [2, 2, 2, 2, 2, 2]
    assert Outline.of("↑返回目录\n" + BODY).recurs(0) == 1


def test_a_run_may_end_above_a_title() -> None:
    outline = Outline.of("政府工作报告\n编码：1\n日期：2\n各位代表：\n" + BODY + "\n编码：1\n日期：2")
    fires = [outline.run("pair", i, lambda j: "：" in outline.lines[j] and "代表" not in outline.lines[j])
             for i in range(7)]
    assert fires == [0, 2, 2, 0, 0, 2, 2]
    assert outline.run_above_title("pair", 1) and not outline.run_above_title("pair", 5)


def test_a_table_of_contents_on_one_line_names_each_title_and_counts_its_entries() -> None:
    text = compilation().replace("目录\n", "1　甲镇政府工作报告………2页　2　乙乡政府工作报告………13页\n")
    outline = Outline.of(text)
    assert outline.echo(0, 4) == 1 and outline.entries(0) == 2
    assert outline.run("echo", 0, lambda j: outline.echo(j, 4) is not None) == 2
    # a date and a weekday are no entries
    assert Outline.of("2023年1月5日　星期四\n" + text).echo(0, 4) is None


def test_a_shared_outline_splits_once_and_learns_on_its_own() -> None:
    text = ("目录\n甲镇政府工作报告 1\n乙乡政府工作报告 9\n"
            "甲镇政府工作报告\n各位代表：\n乙乡政府工作报告\n各位代表：")
    first = Outline.shared(text)
    assert [first.echo(i, 4) for i in range(7)] == [Outline.of(text).echo(i, 4) for i in range(7)]
    second = Outline.shared(text)
    assert second.lines is first.lines and second.starts is first.starts
    assert second._echoes == {} and first._echoes  # what one rule found is not another's
    assert Outline.shared(text + "\n").lines == [*first.lines, ""]  # another text: split anew
