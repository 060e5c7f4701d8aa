"""Character tables and patterns, built once; the logic that uses them lives in the stages.

Nothing here runs per document except the compiled patterns and ``str.translate`` tables.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import lru_cache

# Zero-width and invisible format characters that carry nothing in plain text.
# U+FEFF is a BOM at the start of a file and a zero-width no-break space elsewhere.
ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\u2061\u2062\u2063\ufeff\u00ad\u180e]+")

# C0 controls but tab and line feed, DEL, and C1 controls. CR is handled by line endings first.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")

# Line endings other than LF: CRLF, lone CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
LINE_BREAK_RE = re.compile("\r\n?|[\u0085\u2028\u2029]")

# Spaces that are not ASCII space or U+3000: NBSP, en/em/thin spaces, narrow NBSP, math space.
ODD_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")

# An HTML character reference: named (with ;), decimal or hex.
HTML_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# Indentation at a line start (ASCII space, tab, ideographic space) and trailing whitespace.
LEADING_SPACE_RE = re.compile("^[ \t\u3000]+", re.MULTILINE)
TRAILING_SPACE_RE = re.compile("[ \t\u3000]+$", re.MULTILINE)


def _build_radical_map() -> dict[int, str]:
    """Kangxi radicals (U+2F00–U+2FD5) and CJK radical supplements (U+2E80–U+2EFF) that have a
    compatibility mapping to a unified ideograph, e.g. ⽤ (U+2F64) → 用. PDF extractors emit them
    for ordinary characters; NFC keeps them, NFKC would also flatten ㎡ and ①, so we map only these.
    """
    table: dict[int, str] = {}
    for code in [*range(0x2E80, 0x2F00), *range(0x2F00, 0x2FD6)]:
        mapped = unicodedata.normalize("NFKC", chr(code))
        if mapped != chr(code) and len(mapped) == 1:
            table[code] = mapped
    table.update({ord(k): v for k, v in _SIMPLIFIED_RADICALS.items()})
    return table


# Radicals with no compatibility mapping whose glyph is a whole Simplified character, and the
# Kangxi radical 戶 (U+2F3E) that extracted Simplified text means as 户.
_SIMPLIFIED_RADICALS = {
    "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长", "⻔": "门", "⻙": "韦", "⻚": "页",
    "⻛": "风", "⻜": "飞", "⻢": "马", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄",
    "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟", "⼾": "户",
}


RADICAL_MAP = _build_radical_map()
RADICAL_RE = re.compile("[" + "".join(chr(c) for c in sorted(RADICAL_MAP)) + "]")

# Chinese characters (unified ideographs, extension A, compatibility ideographs).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN_CLASS}]")

# Full-width and CJK punctuation common in Chinese text.
CJK_PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】〔〕……——·～「」『』﹏￥％"


@lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """Characters a Chinese text is mostly made of: GB2312 level-1 hanzi (the 3,755 most common
    Simplified characters), Big5 level-1 hanzi (5,401 common Traditional characters), CJK
    punctuation, printable ASCII and whitespace. Used to judge how plausible a decoding is.
    """
    chars: set[str] = set(CJK_PUNCTUATION)
    chars.update(chr(c) for c in range(0x20, 0x7F))
    chars.update("\n\t\u3000")
    for lead in range(0xB0, 0xD8):  # GB2312 rows 16–55: level-1 hanzi
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    for lead in range(0xA4, 0xC7):  # Big5 0xA440–0xC67E: frequently used hanzi
        trails = range(0x40, 0x7F) if lead == 0xC6 else [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        for trail in trails:  # (0xC6A1 on is kana and symbols, not hanzi)
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("big5"))
    return frozenset(chars)


# ---------------------------------------------------------------------------------------------
# Mojibake tables. Built once at import from the codecs themselves, so they cannot drift from
# the conversions ``cleaner.mojibake`` undoes.

# cp1252's characters for bytes 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined there:
# Windows reads them as the C1 controls U+0081 …, which Latin-1 covers).
CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

# Sloppy cp1252 → Latin-1: maps each cp1252 special to the C1 control with the same byte, so
# that ``text.translate(CP1252_TO_LATIN1).encode("latin-1")`` gives back the bytes a Windows
# program decoded as cp1252 or Latin-1, whichever it was.
CP1252_TO_LATIN1 = {ord(char): chr(byte) for byte, char in zip(
    (byte for byte in range(0x80, 0xA0) if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)),
    CP1252_SPECIALS, strict=True)}


def _gbk_chars(leads: range | tuple[int, ...], trails: range | tuple[int, ...]) -> str:
    """Every character that GB18030 (GBK's superset) decodes from a byte pair (lead, trail)."""
    chars = []
    for lead in leads:
        for trail in trails:
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes((lead, trail)).decode("gb18030"))
    return "".join(chars)


# UTF-8 read as GBK. A CJK character is three UTF-8 bytes, a lead (E2–E9, EF for full-width
# forms) and two continuation bytes (80–BF); GBK reads them in pairs, so two characters
# ``L1 C C L2 C C`` come out as ``(L1 C)(C L2)(C C)``: a "hallmark" whose GBK lead is a UTF-8
# lead byte, always followed by a character whose GBK lead is a continuation byte. Real text
# rarely has that pair; mojibake has one per two characters (鏀垮 in 鏀垮簻 for 政府).
UTF8_AS_GBK_HALLMARKS = _gbk_chars((*range(0xE2, 0xEA), 0xEF), range(0x80, 0xC0))
UTF8_AS_GBK_FOLLOWERS = _gbk_chars(range(0x81, 0xC0), (*range(0x40, 0x7F), *range(0x80, 0xFF))) + "€"
UTF8_AS_GBK_RE = re.compile(f"[{re.escape(UTF8_AS_GBK_HALLMARKS)}][{re.escape(UTF8_AS_GBK_FOLLOWERS)}]")

# GBK (or UTF-8) read as Latin-1/cp1252: every byte of a Chinese character becomes one Latin-1
# letter or symbol, a C1 control or a cp1252 special (Õþ¸® for 政府, æ”¿åºœ for 政府). A Latin-1
# letter or symbol followed by another is the cheap sign; a single £, °, µ, ±, ×, é is ordinary
# text, and so are the specials that Chinese uses (…—“”‘’), which therefore never start the sign.
LATIN_MOJIBAKE_CLASS = "\u0080-\u00ff" + re.escape(CP1252_SPECIALS)
LATIN_MOJIBAKE_GATE_RE = re.compile(f"[\u00a1-\u00ff][{LATIN_MOJIBAKE_CLASS}]")
# A run of such characters, with ASCII inside (text that was ASCII all along, and GBK trail
# bytes 40–7E read as ASCII letters): ``£¨20·Ö£©``, ``100%¡£``. Re-encoding leaves ASCII as it is.
LATIN_MOJIBAKE_RUN_RE = re.compile(
    f"[{LATIN_MOJIBAKE_CLASS}](?:[\t\u0020-\u007e]*[{LATIN_MOJIBAKE_CLASS}])+")

# The 400 characters most common in report text (the raw seeds), most common first: the
# trigger index (cleaner.triggers) asks for a one-character trigger among them with ``in``
# rather than scanning for it, and a score rule keys each literal on its character rarest in
# report text (cleaner.scoring). Regenerate by counting characters over a corpus of clean reports.
COMMON_CHARACTERS = (
    ',、。"的全工实业村作20建展进发大力镇1人化和一政设生项新农推目持治产年加动会民成好为坚防保强面提等区行中不开以3理“”高安上重社务乡在有个资入各完体是升府经落5水4整改元群主代'
    '我平增定党制地做点现抓部要时级万公环效续众6施.度深造合管对稳济态共事服风心下控基活创三企情干集质优决8二()境户用能导路步疫程方领打了规家法查排量7任委;前出严信位同收题向解商学'
    '到及市标善员四积通表机品9道格监引结总长文更精线金责国投确色来育策城明居次习接们快兴清场问意域障极访关办划美求特-分立五难过自范种十督支争系余放振计处护性局统取断组今教报果件正把聚'
    '营小招所网础思牢应战固紧山%准房贯多得老式底与义险利型贫本转源近想神促专健头省突彻类传两常形数:奋之期养司指亩议综势益维攻就卫江示核已当联第条日着园调富子命台补助科切措测流林识+亿'
    '交织培依围达先扎田口破困配筑置间土预其除守扶批溪半宣内让厕技患检功月康筹案外队电'
)
