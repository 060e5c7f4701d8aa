"""Tests for cleaner.zones: where a document's header and footer are."""

from __future__ import annotations

from cleaner.zones import find_zones


def texts(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_the_header_ends_at_the_opening_address_and_the_footer_follows_the_closing_call() -> None:
    text = ("索引号：A/1\n政府工作报告\n——2023年2月10日在正余镇第二十届人民代表大会第三次会议上\n"
            "各位代表：\n正文。\n各位代表！让我们团结一心，\n为建设美丽家园而努力奋斗！\n打印本页\n关闭窗口")
    zones = find_zones(text)
    assert texts(text, zones.header) == [text[:text.index("各位代表：")]]
    assert texts(text, zones.footer) == ["打印本页\n关闭窗口"]


def test_without_an_address_the_meeting_line_bounds_the_header() -> None:
    text = "来源：县政府\n政府工作报告\n2023年3月31日在京东镇第六届人民代表大会第二次会议上\n正文。\n"
    assert texts(text, find_zones(text).header) == ["来源：县政府\n政府工作报告\n"]


def test_without_markers_the_fallbacks_never_cover_the_whole_document() -> None:
    lines = [f"第{i}行内容。" for i in range(30)]
    text = "\n".join(lines)
    zones = find_zones(text)
    assert texts(text, zones.header) == ["\n".join(lines[:10]) + "\n"]
    assert texts(text, zones.footer) == ["\n".join(lines[20:])]
    assert find_zones("来源：广州市人民政府门户网站\n").header == ()


def test_between_two_reports_of_a_compilation_lines_are_header_and_footer() -> None:
    text = ("各位代表：\n正文。\n让我们为美好明天而努力奋斗！\n相关推荐\n下一篇：荣山镇\n荣山镇政府工作报告\n"
            "各位代表：\n" + "正文。\n" * 60 + "让我们为美好明天而努力奋斗！\n")
    zones = find_zones(text)
    interlude = "相关推荐\n下一篇：荣山镇\n"
    assert interlude in texts(text, zones.header) and interlude in texts(text, zones.footer)
