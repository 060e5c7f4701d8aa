"""Tests for cleaner.decode: every supported encoding, mixed files, lost bytes, binary and empty input."""

from __future__ import annotations

import codecs
import re

import pytest

import cleaner
from cleaner import decode
from cleaner.decode import Decoding, LostBytes, decode_bytes, find_lost, sniff_binary
from cleaner.errors import BinaryInputError, EmptyInputError

# Paragraphs from the seeds (003 and 004), as they were scraped: ASCII punctuation and all.
REPORT = (
    "政 府 工 作 报 告\n"
    "2021年8月17日在罗店镇第十七届人民代表大会第十次会议上\n"
    "各位代表:\n"
    "现在,我代表罗店镇人民政府向大会作工作报告,请予审议,并请列席会议的同志提出意见。\n"
    "一、2021年上半年工作回顾\n"
    "2021年是中国共产党建党100周年,是“十四五”开局起步之年,是全面建设社会主义现代化国家新征程开启之年,"
    "全面奏响了向第二个百年奋斗目标进军的“冲锋号”。半年来,在婺城区委、区政府,双龙风景旅游区党工委、"
    "管委会和镇党委的正确领导下,全镇上下坚定践行“双城”战略。\n"
    "全年地区生产总值完成93.8亿元,增长5.4%;地方一般公共预算收入完成7130万元,同口径增长12.7%。\n"
)
# A speaker whose name needs a four-byte GB18030 sequence (𬀩, CJK extension E, outside the BMP:
# a surrogate pair in UTF-16).
RARE_NAME = "镇人民政府镇长 王𬀩\n"
# The same kind of text in Traditional characters, for Big5.
REPORT_TRADITIONAL = (
    "政府工作報告\n"
    "各位代表：\n"
    "現在，我代表鎮人民政府向大會報告工作，請予審議，並請各位列席會議的同志提出意見。\n"
    "全年地區生產總值完成93.8億元，增長5.4%；規模以上工業增加值增長6.8%；固定資產投資增長4.7%。\n"
    "堅持以人民為中心的發展思想，保障和改善民生，群眾獲得感、幸福感、安全感不斷增強。\n"
)


def test_the_rare_name_really_takes_four_bytes_in_gb18030() -> None:
    assert len("𬀩".encode("gb18030")) == 4
    with pytest.raises(UnicodeEncodeError):
        "𬀩".encode("gbk")


ROUND_TRIPS = [
    # (text, how it is encoded, the encoding reported, the method reported)
    (REPORT, "gbk", "gb18030", "plausibility"),
    (REPORT + RARE_NAME, "gb18030", "gb18030", "plausibility"),
    (REPORT_TRADITIONAL, "big5", "big5hkscs", "plausibility"),
    (REPORT_TRADITIONAL + "香港特區：啲嘢\n", "big5hkscs", "big5hkscs", "plausibility"),
    (REPORT, "utf-16-le", "utf-16-le", "nul-pattern"),
    (REPORT, "utf-16-be", "utf-16-be", "nul-pattern"),
    (REPORT, "utf-32-le", "utf-32-le", "nul-pattern"),
    (REPORT, "utf-32-be", "utf-32-be", "nul-pattern"),
    (REPORT, "utf-16", "utf-16-le", "bom"),  # Python writes a BOM, little-endian here
    (REPORT, "utf-8-sig", "utf-8", "bom"),
    (REPORT, "utf-32", "utf-32-le", "bom"),
    (REPORT + RARE_NAME, "utf-8", "utf-8", "utf-8"),
    (REPORT + RARE_NAME, "utf-16-le", "utf-16-le", "nul-pattern"),
]


def _encode(text: str, encoding: str) -> bytes:
    data = text.encode(encoding)
    if encoding in ("utf-16", "utf-32", "utf-8-sig"):
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE, codecs.BOM_UTF8))
    return data


@pytest.mark.parametrize(("text", "encoding", "reported", "method"), ROUND_TRIPS,
                         ids=[case[1] for case in ROUND_TRIPS])
def test_every_supported_encoding_round_trips(text: str, encoding: str, reported: str,
                                              method: str) -> None:
    decoded, decoding = decode_bytes(_encode(text, encoding))
    assert decoded == text
    assert (decoding.encoding, decoding.method, decoding.lost) == (reported, method, ())
    assert 0.9 < decoding.confidence <= 1.0


@pytest.mark.parametrize(("text", "encoding", "reported", "method"), ROUND_TRIPS,
                         ids=[case[1] for case in ROUND_TRIPS])
def test_clean_bytes_cleans_what_clean_text_cleans(text: str, encoding: str, reported: str,
                                                   method: str) -> None:
    result = cleaner.clean_bytes(_encode(text, encoding))
    assert result.decoding is not None and result.decoding.encoding == reported
    assert result.text == cleaner.clean_text(text).text
    assert "人民政府向大会" in result.text or "人民政府向大會" in result.text


def test_utf16_detection_survives_characters_whose_low_byte_is_nul() -> None:
    # 一 (U+4E00), 怀 (U+6000), 退 (U+9000): NUL bytes on the "wrong" side in UTF-16.
    text = "一一一退怀一\n" * 3 + REPORT
    data = text.encode("utf-16-le")
    assert data[0::2].count(0) > 0
    decoded, decoding = decode_bytes(data)
    assert (decoded, decoding.encoding) == (text, "utf-16-le")


def test_strict_utf8_is_certain_and_asks_nothing_else(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_detector(data: bytes) -> None:
        raise AssertionError("UTF-8 input must not reach the detector")

    monkeypatch.setattr(decode, "_detected_encoding", no_detector)
    text, decoding = decode_bytes(REPORT.encode())
    assert text == REPORT
    assert decoding == Decoding("utf-8", 1.0, "utf-8")


def test_the_detector_is_asked_only_when_chinese_readings_are_unconvincing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bytes] = []
    real = decode._detected_encoding
    monkeypatch.setattr(decode, "_detected_encoding", lambda data: asked.append(data) or real(data))
    decode_bytes(REPORT.encode("gbk"))
    assert asked == []
    japanese = "政府の活動報告。現在、私は市役所を代表して大会に報告します。ひらがなとカタカナ。\n"
    text, decoding = decode_bytes(japanese.encode("shift_jis"))
    assert len(asked) == 1
    assert (text, decoding.method) == (japanese, "detector")


def test_a_wrong_detector_guess_loses_to_plausibility(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "_detected_encoding", lambda data: "big5hkscs")
    monkeypatch.setattr(decode, "_CONVINCING", 2.0)  # force the detector to be asked
    text, decoding = decode_bytes(REPORT.encode("gbk"))
    assert (text, decoding.encoding, decoding.method) == (REPORT, "gb18030", "plausibility")


def test_legacy_confidence_is_the_plausibility_of_the_reading() -> None:
    _, right = decode_bytes(REPORT.encode("gbk"))
    assert right.confidence == pytest.approx(decode._confidence(REPORT))


def test_utf8_header_on_gbk_body_is_decoded_line_by_line() -> None:
    header = "来源：广州市人民政府门户网站\n"
    data = header.encode() + REPORT.encode("gbk")
    whole = data.decode("gb18030")  # the trap: a whole-file decode "succeeds" …
    assert whole.startswith("鏉ユ簮锛氬箍宸炲競")  # … with mojibake for the UTF-8 line
    text, decoding = decode_bytes(data)
    assert text == header + REPORT
    assert (decoding.encoding, decoding.method, decoding.lost) == ("mixed:gb18030+utf-8", "per-line", ())


def test_one_gbk_line_in_a_utf8_file() -> None:
    lines = REPORT.splitlines(keepends=True)
    data = b"".join(line.encode("gbk" if n == 3 else "utf-8") for n, line in enumerate(lines))
    text, decoding = decode_bytes(data)
    assert text == REPORT
    assert decoding.encoding == "mixed:gb18030+utf-8"


def test_undecodable_bytes_become_replacement_chars_and_are_reported() -> None:
    good = REPORT.encode("gbk")
    second_line = good.index(b"\n") + 1
    data = good[:second_line] + b"\xff" + good[second_line:]  # 0xFF is no GBK byte
    text, decoding = decode_bytes(data)
    assert text == REPORT.replace("\n", "\n\ufffd", 1)
    assert decoding.lost == (LostBytes(2, 1, "undecodable"),)


def test_a_utf8_file_cut_inside_a_character_stays_utf8() -> None:
    data = REPORT.encode()[:-2]  # the final newline and the last byte of 。 are cut off
    text, decoding = decode_bytes(data)
    assert text == REPORT[:-2] + "\ufffd\ufffd"  # one U+FFFD per byte left of 。
    assert (decoding.encoding, decoding.method) == ("utf-8", "utf-8")
    assert decoding.lost == (LostBytes(REPORT.count("\n"), 2, "undecodable"),)


def test_lost_text_already_in_the_input_is_reported_by_line() -> None:
    text = "第一行\n第二行\ufffd\ufffd缺字\n第三行锟斤拷锟斤拷\n"
    _, decoding = decode_bytes(text.encode())
    assert decoding.lost == (LostBytes(2, 2, "replacement-char"), LostBytes(3, 2, "kunkinkao"))
    assert decoding.to_dict()["lost"] == [
        {"line": 2, "count": 2, "kind": "replacement-char"},
        {"line": 3, "count": 2, "kind": "kunkinkao"}]


def test_lost_bytes_are_told_apart_from_earlier_losses() -> None:
    data = "甲\n".encode("gbk") + b"\x81\n" + "乙锟斤拷\n".encode("gbk")  # 0x81 alone: no character
    text, decoding = decode_bytes(data)
    assert text == "甲\n\ufffd\n乙锟斤拷\n"
    assert decoding.lost == (LostBytes(2, 1, "undecodable"), LostBytes(3, 1, "kunkinkao"))


def test_find_lost_reports_only_lines_that_hold_losses() -> None:
    assert find_lost(REPORT) == []
    assert find_lost("甲\n\n乙\ufffd丙\ufffd\n丁") == [LostBytes(3, 2, "replacement-char")]


@pytest.mark.parametrize(("data", "why"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "an OLE2 office document (.doc/.xls)"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml", "a ZIP archive (.docx/.xlsx/.zip)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    ("政府工作报告".encode() + b"\x00\x01\x00\x00\x02" + bytes(40), "NUL bytes"),
    (b"\x01\x02\x03\x04\x05 abc \x06\x07\x08\x0e\x0f", "control bytes"),
])
def test_binary_input_is_rejected(data: bytes, why: str) -> None:
    assert sniff_binary(data) == why
    with pytest.raises(BinaryInputError, match=re.escape(f"binary file ({why}), not text")):
        decode_bytes(data)


@pytest.mark.parametrize("data", [
    # a .doc read as UTF-8 with replacement and saved: the OLE2 header shows as ࡱ
    "\ufffd\ufffd\x11ࡱ\x1a\ufffd".encode() + "政府工作报告".encode() * 20,
    # the same read as Latin-1, saved with a BOM
    codecs.BOM_UTF8 + "ÐÏ\x11à¡±\x1aá".encode() + "政府工作报告".encode() * 20,
    # Word's stream mark among control bytes
    "政府".encode() * 100 + b"bjbj\x01\x02\x03\x04\x05\x06\x07\x08" * 8 + "报告".encode() * 100,
])
def test_word_binary_read_as_text_is_rejected(data: bytes) -> None:
    with pytest.raises(BinaryInputError, match="Word document read as text"):
        decode_bytes(data)


def test_text_that_merely_mentions_bjbj_is_text() -> None:
    text = "文件标记bjbj出现在正文中。\n"
    assert decode_bytes(text.encode())[0] == text


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_input_is_rejected(data: bytes) -> None:
    with pytest.raises(EmptyInputError, match="empty file"):
        decode_bytes(data)


def test_whitespace_only_input_is_text() -> None:
    assert decode_bytes(b"\n \n") == ("\n \n", Decoding("utf-8", 1.0, "utf-8"))


def test_decoding_to_dict() -> None:
    decoding = Decoding("gb18030", 0.98765, "plausibility", lost=(LostBytes(2, 1, "undecodable"),))
    assert decoding.to_dict() == {"encoding": "gb18030", "confidence": 0.988, "method": "plausibility",
                                  "repairs": [], "lost": [{"line": 2, "count": 1, "kind": "undecodable"}]}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_when_nuls_fall_on_both_sides(codec: str) -> None:
    # U+3000 indents and 一 put NULs on the side opposite to ASCII's: no side dominates
    text = "\u3000\u3000政府工作报告，一、二\n各位代表：现在我代表镇人民政府\n"
    decoded, decoding = decode_bytes(text.encode(codec))
    assert decoded == text and decoding.encoding == codec
