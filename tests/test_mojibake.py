"""Tests for cleaner.mojibake: every family repaired, clean text left alone and never tried."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import mojibake
from cleaner.change import Change, ChangeLog
from cleaner.chardata import CP1252_TO_LATIN1
from cleaner.decode import decode_bytes
from cleaner.mojibake import repair_latin_run, repair_mojibake, repair_utf8_as_gbk

SAMPLES_RAW = Path(__file__).resolve().parent.parent / "samples" / "raw"

# Lines from the seeds: the scraped ones keep their ASCII punctuation; the others are the same
# kind of report text with the full-width punctuation it should have.
SEED_LINES = [
    "政府工作报告",
    "2021年8月17日在罗店镇第十七届人民代表大会第十次会议上",
    "现在,我代表罗店镇人民政府向大会作工作报告,请予审议,并请列席会议的同志提出意见。",
    "2022年是喜迎二十大、奋进新征程的关键之年,是我镇迈向全面建成小康社会、开启现代化建设和共同富裕新征程的关键阶段。",
    "全年地区生产总值完成93.8亿元,增长5.4%;地方一般公共预算收入完成7130万元,同口径增长12.7%。",
    "（一）凝聚干群合力，守好疫情防控“防火墙”。始终把人民群众生命安全和身体健康放在第一位。",
    "一年来，全镇上下始终坚持以习近平新时代中国特色社会主义思想为指引，共克时艰、共谋发展。",
    "在区委、区政府和镇党委的坚强领导下，在镇人大的监督支持下，较好完成了各项目标任务。",
    "二是工业发展水平不高,高质量跨越式发展潜力不足;",
    "严格落实安全生产各项规章制度,坚决杜绝重特大安全事故的发生;",
    "发放独生子女奖励资金250万元,孤儿生活补贴15.76万元;",
]
_FROM_LATIN1 = {ord(v): k for k, v in CP1252_TO_LATIN1.items()}


def read_as_cp1252(data: bytes) -> str:
    """What a Windows program shows for ``data`` read as cp1252 (undefined bytes as C1)."""
    return data.decode("latin-1").translate(_FROM_LATIN1)


def test_sloppy_cp1252_matches_python_cp1252_where_it_is_defined() -> None:
    data = bytes(b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    assert read_as_cp1252(data) == data.decode("cp1252")


# --- the catalogue's real examples ------------------------------------------------------------

@pytest.mark.parametrize(("garbled", "fixed", "rule"), [
    ("鏉ユ簮锛氬箍宸炲競浜烘皯鏀垮簻闂ㄦ埛缃戠珯", "来源：广州市人民政府门户网站", "encoding.utf8-as-gbk"),
    ("鏀垮簻", "政府", "encoding.utf8-as-gbk"),
    ("¶ÔÕþ¸®²¿ÃÅÌá¹©²ÎÄ±¾ö²ß·þÎñ£¨20·Ö£©£»", "对政府部门提供参谋决策服务（20分）；",
     "encoding.gbk-as-latin1"),
    ("¡¡¡¡¡°²»Ã÷ÕæÏà¡±", "\u3000\u3000“不明真相”", "encoding.gbk-as-latin1"),
    ("Õþ¸®¹¤×÷±¨¸æ", "政府工作报告", "encoding.gbk-as-latin1"),
    ("æ”¿åºœå·¥ä½œæŠ¥å‘Š", "政府工作报告", "encoding.utf8-as-cp1252"),
])
def test_catalogue_examples_are_repaired(garbled: str, fixed: str, rule: str) -> None:
    log = ChangeLog(stage="encoding")
    assert repair_mojibake(garbled, log) == fixed
    assert [(c.rule, c.line, c.offset, c.before, c.after) for c in log.changes] == [
        (rule, 1, 0, garbled, fixed)]


def test_lossy_catalogue_example_keeps_what_survives_and_marks_the_rest() -> None:
    # 职业技 survive; the next two characters lost bytes, and the ? the wrong decoder wrote
    # for them goes with them.
    log = ChangeLog(stage="encoding")
    assert repair_mojibake("鑱屼笟鎶€鏈鏍?", log) == "职业技\ufffd\ufffd"
    (change,) = log.changes
    assert change.rule == "encoding.utf8-as-gbk"
    assert change.reason == "lossy: 2 character(s) could not be recovered"


# --- seed text through the exact wrong round trip --------------------------------------------

def _lossless_utf8_as_gbk() -> list[tuple[str, str]]:
    pairs = []
    for line in SEED_LINES:
        with contextlib.suppress(UnicodeDecodeError):
            pairs.append((line, line.encode().decode("gb18030")))
    return pairs


def test_utf8_read_as_gbk_without_loss_is_restored_exactly() -> None:
    pairs = _lossless_utf8_as_gbk()
    assert len(pairs) >= 3  # the round trip is lossless for some seed lines only
    for line, garbled in pairs:
        assert repair_mojibake(garbled) == line


def test_utf8_read_as_gbk_with_loss_is_restored_but_for_the_lost_characters() -> None:
    repaired_some = 0
    for line in SEED_LINES:
        garbled = line.encode().decode("gbk", errors="replace")  # what Python's codec shows
        if "\ufffd" not in garbled:
            continue
        repaired = repair_mojibake(garbled)
        assert repaired != garbled
        assert len(repaired) == len(line)
        assert all(got in (want, "\ufffd") for got, want in zip(repaired, line, strict=True))
        assert repaired.count("\ufffd") * 4 < len(line)
        repaired_some += 1
    assert repaired_some >= 3


@pytest.mark.parametrize(("name", "garble"), [
    ("gbk-as-latin1", lambda line: line.encode("gbk").decode("latin-1")),
    ("gbk-as-cp1252", lambda line: read_as_cp1252(line.encode("gbk"))),
    ("utf8-as-cp1252", lambda line: read_as_cp1252(line.encode())),
    ("utf8-as-cp1252-twice", lambda line: read_as_cp1252(read_as_cp1252(line.encode()).encode())),
])
def test_latin_families_are_restored_exactly(name: str, garble) -> None:
    for line in SEED_LINES:
        assert repair_mojibake(garble(line)) == line, name


def test_ftfy_handles_what_one_re_encoding_cannot() -> None:
    twice = read_as_cp1252(read_as_cp1252("政府工作报告".encode()).encode())
    assert mojibake._utf8_from_latin(twice) != "政府工作报告"
    assert repair_latin_run(twice) == ("encoding.utf8-as-cp1252", "政府工作报告")


def test_ftfy_is_used_without_its_cjk_hostile_fixes() -> None:
    # ftfy's defaults would make ，：（） ASCII and uncurl “”.
    garbled = read_as_cp1252("“十四五”规划：（一）坚持创新，".encode())
    assert mojibake._ftfy_fix_encoding(garbled) == "“十四五”规划：（一）坚持创新，"
    assert mojibake._ftfy_fix_encoding("“十四五”规划：（一），") is None


# --- one broken line in a clean document ---------------------------------------------------------

def test_mojibake_on_one_line_is_repaired_there_only_and_recorded() -> None:
    lines = SEED_LINES[:5]
    garbled = lines[0].encode().decode("gb18030")
    text = "\n".join([*lines[:2], garbled, *lines[2:]])
    offset = text.index(garbled)
    log = ChangeLog(stage="encoding")
    assert repair_mojibake(text, log) == "\n".join([*lines[:2], lines[0], *lines[2:]])
    assert log.changes == [Change("encoding", "encoding.utf8-as-gbk", 3, offset, garbled, lines[0])]


def test_a_garbled_stretch_inside_a_clean_line_is_repaired_alone() -> None:
    log = ChangeLog(stage="encoding")
    text = "来源：鏀垮簻宸ヤ綔鎶ュ憡（节选）\n第二行"
    assert repair_mojibake(text, log) == "来源：政府工作报告（节选）\n第二行"
    assert [(c.offset, c.before, c.after) for c in log.changes] == [(3, "鏀垮簻宸ヤ綔鎶ュ憡", "政府工作报告")]


def test_a_clean_character_next_to_lossy_mojibake_is_not_lost() -> None:
    assert repair_mojibake("办鑱屼笟鎶€鏈鏍?") == "办职业技\ufffd\ufffd"


def test_repair_is_idempotent() -> None:
    text = "\n".join(line.encode().decode("gbk", errors="replace") for line in SEED_LINES)
    once = repair_mojibake(text)
    assert once != text
    assert repair_mojibake(once) == once


# --- the negative set: odd-looking clean text ---------------------------------------------------

LEVEL_2_LINE = "饕餮，魑魅魍魉，耄耋，踟蹰，囹圄，孑孓，旖旎，璀璨，枇杷，蹉跎；婺、鄱、亳、邗、鄞、濉。"

NEGATIVE = [
    "价格为£20，约合€25。",
    "Café résumé naïve façade",
    "Ça coûte 20 € à Zürich, São Paulo, Ærø, Müller-Lüdenscheidt, Straße «Ñandú» ¿Qué? ¡Olé!",
    "婺城 鄱阳 亳州 邗江 鄞州 濉溪",
    "在婺城区委、区政府的正确领导下，濉溪县、鄞州区、邗江区、亳州市同步推进。",
    LEVEL_2_LINE,
    "误差控制在±5%以内",
    "面积=长×宽，速度=路程÷时间，2×3÷6=1",
    "ひらがなとカタカナ、日本語のテキストです。",
    "木匠用锛子把木料锛平，锛子是一种农具。",
    "颗粒直径小于2.5µm，气温25°C，湿度60%。",
    "“十四五”规划……——《政府工作报告》「引号」",
    "政府工作報告：現在，我代表市人民政府向大會報告工作，請予審議。",
    "锟斤拷锟斤拷",  # lost bytes: reported by the stage, not "repaired"
    "已经丢失的字\ufffd\ufffd",
]


@pytest.mark.parametrize("clean", NEGATIVE)
def test_clean_text_that_looks_odd_is_left_alone(clean: str) -> None:
    log = ChangeLog(stage="encoding")
    assert repair_mojibake(clean, log) == clean
    assert log.changes == []


def test_the_level_2_line_really_is_level_2() -> None:
    hanzi = [c for c in LEVEL_2_LINE if c not in "，；、。"]
    assert all(0xD8 <= c.encode("gb2312")[0] <= 0xF7 for c in hanzi)


def test_the_hallmark_of_utf8_as_gbk_alone_is_not_enough() -> None:
    assert repair_utf8_as_gbk("锛子") is None
    assert repair_utf8_as_gbk(LEVEL_2_LINE) is None


def _clean_samples() -> list[str]:
    texts = [decode_bytes(path.read_bytes())[0] for path in sorted(SAMPLES_RAW.iterdir())
             if path.is_file() and not path.name.startswith("mojibake")]
    return [*texts, "\n".join(SEED_LINES)]


def test_clean_text_never_reaches_the_converters(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> str:
        raise AssertionError(f"clean text reached a converter: {text[:20]!r}")

    for name in ("_utf8_from_gbk", "_utf8_from_gbk_lossy", "_gbk_from_latin", "_utf8_from_latin",
                 "_ftfy_fix_encoding"):
        monkeypatch.setattr(mojibake, name, refuse)
    texts = _clean_samples()
    assert len(texts) > 5
    # 锟斤拷 is UTF-8 U+FFFD read as GBK: mojibake in form, so it is tried (and left alone).
    for text in [*texts, *(text for text in NEGATIVE if "锟斤拷" not in text)]:
        assert repair_mojibake(text) == text


def test_the_converters_really_are_what_repairs_use(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test above would pass vacuously if repairs did not go through these names.
    monkeypatch.setattr(mojibake, "_utf8_from_gbk", lambda text: None)
    monkeypatch.setattr(mojibake, "_utf8_from_gbk_lossy", lambda text: None)
    assert repair_mojibake("鏀垮簻宸ヤ綔鎶ュ憡") == "鏀垮簻宸ヤ綔鎶ュ憡"
    monkeypatch.setattr(mojibake, "_gbk_from_latin", lambda text: None)
    assert repair_mojibake("Õþ¸®¹¤×÷±¨¸æ") == "Õþ¸®¹¤×÷±¨¸æ"


# --- properties ----------------------------------------------------------------------------------

def _common_hanzi_without_byte_80() -> list[str]:
    """GB2312 level-1 hanzi (the 3,755 most common) whose UTF-8 has no byte 0x80."""
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                char = bytes((lead, trail)).decode("gb2312")
                if 0x80 not in char.encode():
                    chars.append(char)
    return chars


# Common Chinese text: level-1 hanzi and the full-width punctuation ，：；（）！？. For the
# repair property the construction avoids the two ways a UTF-8 → GB18030 misreading loses
# bytes: a character whose UTF-8 holds byte 0x80 (GBK has no lead byte 0x80; that rules out
# 、。“”《》, whose UTF-8 all hold it) and an odd number of three-byte characters (the last
# byte would be left alone). And it needs at least four characters: a misreading of two is
# three characters that can be common Chinese themselves (宸虫爱 for 巳氮), legitimately
# ambiguous, so short spans are repaired only when clearly more plausible.
_ALPHABET = _common_hanzi_without_byte_80() + list("，：；（）！？")
_common_text = st.lists(st.sampled_from(_ALPHABET), min_size=1, max_size=30).map("".join)
_even_common_text = st.lists(st.tuples(st.sampled_from(_ALPHABET), st.sampled_from(_ALPHABET)),
                             min_size=2, max_size=15).map(lambda pairs: "".join(a + b for a, b in pairs))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_common_text)
def test_clean_common_text_is_never_repaired(text: str) -> None:
    assert repair_mojibake(text) == text


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_even_common_text)
def test_utf8_misread_as_gb18030_is_restored(text: str) -> None:
    garbled = text.encode("utf-8").decode("gb18030", errors="replace")
    assert "\ufffd" not in garbled  # the construction keeps the misreading lossless
    assert repair_mojibake(garbled) == text
