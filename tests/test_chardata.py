"""Tests for cleaner.chardata: the tables are what the codecs say, and the patterns match what
they are named for."""

from __future__ import annotations

import pytest

from cleaner.chardata import (
    CJK_PUNCTUATION,
    CP1252_SPECIALS,
    CP1252_TO_LATIN1,
    LATIN_MOJIBAKE_GATE_RE,
    LATIN_MOJIBAKE_RUN_RE,
    RADICAL_MAP,
    UTF8_AS_GBK_HALLMARKS,
    UTF8_AS_GBK_RE,
    common_characters,
)


def test_cp1252_specials_are_cp1252s_bytes_80_to_9f() -> None:
    defined = bytes(b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    assert defined.decode("cp1252") == CP1252_SPECIALS
    assert all(chr(code).encode("cp1252") == value.encode("latin-1")
               for code, value in CP1252_TO_LATIN1.items())


def test_hallmarks_are_gbk_pairs_that_start_like_utf8_sequences() -> None:
    for char in UTF8_AS_GBK_HALLMARKS:
        lead, trail = char.encode("gb18030")
        assert (0xE2 <= lead <= 0xE9 or lead == 0xEF) and 0x80 <= trail <= 0xBF
    assert {"锛", "銆", "鈥", "鏀"} <= set(UTF8_AS_GBK_HALLMARKS)


@pytest.mark.parametrize("clean", ["政府工作报告", "锛子", "婺城区", "“十四五”", "鄱阳湖"])
def test_hallmark_pairs_are_absent_from_ordinary_text(clean: str) -> None:
    assert UTF8_AS_GBK_RE.search(clean) is None


def test_hallmark_pairs_are_in_every_utf8_as_gbk_misreading_of_two_characters() -> None:
    for text in ("政府", "工作", "报告", "来源", "人民"):
        assert UTF8_AS_GBK_RE.search(text.encode().decode("gb18030")), text


@pytest.mark.parametrize(("text", "gate"), [
    ("Õþ¸®", True), ("æ”¿åºœ", True), ("价格£20", False), ("Café", False), ("±5%", False),
    ("……——“”", False), ("25°C", False), ("\u00a0\u00a0", False),
])
def test_latin_gate(text: str, gate: bool) -> None:
    assert (LATIN_MOJIBAKE_GATE_RE.search(text) is not None) is gate


def test_latin_run_takes_in_ascii_between_mojibake() -> None:
    line = "政府¶ÔÕþ¸®£¨20·Ö£©£»后文"
    assert [m.group() for m in LATIN_MOJIBAKE_RUN_RE.finditer(line)] == ["¶ÔÕþ¸®£¨20·Ö£©£»"]


def test_common_characters() -> None:
    common = common_characters()
    assert {"政", "府", "镇", "鎮", "，", "（", "a", "1"} <= common
    assert set(CJK_PUNCTUATION) <= common
    assert not {"婺", "ぐ", "ア", "Õ", "\ufffd"} & common  # level 2, kana, Latin-1, lost


def test_radical_map_maps_to_ideographs() -> None:
    assert RADICAL_MAP[0x2F64] == "用" and RADICAL_MAP[0x2F3E] == "户"
    assert all(0x4E00 <= ord(value) <= 0x9FFF for value in RADICAL_MAP.values())
