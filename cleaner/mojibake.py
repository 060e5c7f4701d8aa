"""Mojibake repair: text that was decoded with the wrong codec and saved that way.

Three families, each undone by re-encoding with the wrong codec and decoding with the right one
(rule ids in brackets):

* UTF-8 read as GBK (``鏀垮簻`` → 政府) [``encoding.utf8-as-gbk``]: made of hallmark pairs
  (``cleaner.chardata.UTF8_AS_GBK_RE``), so ``锛`` (，：（）), ``銆`` (、。) and ``鈥`` (“”)
  abound. Often lossy: where the wrong decoder met a byte pair GBK does not have, it wrote ``?``
  or U+FFFD and the character is gone; the repair puts one U+FFFD there (the encoding stage
  reports it), which takes that marker with it. A span may have taken in up to two clean
  characters at its edges (``：鏀垮簻（``): they are left as they are;
* GBK read as Latin-1 or cp1252 (``Õþ¸®`` → 政府) [``encoding.gbk-as-latin1``,
  ``encoding.gbk-as-cp1252``]: runs made mostly of Latin-1 letters and symbols;
* UTF-8 read as cp1252 (``æ”¿åºœ`` → 政府) [``encoding.utf8-as-cp1252``]: the direct
  re-encoding, and ftfy's ``fix_encoding`` (which also undoes it done twice) with a
  configuration that cannot touch punctuation, quotes or widths.

Candidates are judged by ``cleaner.plausibility`` on the characters they change: a repair is
applied to a span (a whole line, or the stretch of it that is mojibake) only when it is a clear
improvement and reads as Chinese on its own; one of under four characters must be all common
characters. Clean text pays for one regex scan and never reaches the candidate decoders: a line
is looked at only where a cheap gate fires (a hallmark pair, a Latin-1 symbol followed by
another), and a span is tried only when hallmarks are dense in it or Latin-1 symbols make up
most of it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import lru_cache

from cleaner.change import ChangeLog
from cleaner.chardata import (
    CP1252_SPECIALS,
    CP1252_TO_LATIN1,
    LATIN_MOJIBAKE_GATE_RE,
    LATIN_MOJIBAKE_RUN_RE,
    UTF8_AS_GBK_HALLMARKS,
    UTF8_AS_GBK_RE,
    common_characters,
)
from cleaner.plausibility import plausibility

RULE_UTF8_AS_GBK = "encoding.utf8-as-gbk"
RULE_GBK_AS_LATIN1 = "encoding.gbk-as-latin1"
RULE_GBK_AS_CP1252 = "encoding.gbk-as-cp1252"
RULE_UTF8_AS_CP1252 = "encoding.utf8-as-cp1252"

# A clear improvement: how much more plausible a repair must be than the text it replaces.
MIN_GAIN = 0.35
# A strict UTF-8-as-GBK repair needs less: that the GBK bytes of a string decode as UTF-8 without
# one error is itself strong evidence (clean Chinese text essentially never does).
STRICT_MIN_GAIN = 0.1
# What a repair must score on its own: it has to read as Chinese text, not merely as less bad.
MIN_SCORE = 0.9
# Hallmark pairs per non-ASCII character for a span to be tried as UTF-8 read as GBK: mojibake
# has about one per three characters, clean text one in a hundred at most.
MIN_HALLMARK_SHARE = 0.1
# How many clean characters a UTF-8-as-GBK span may have taken in at each edge.
_MAX_TRIM = 2
# Three hallmark pairs this close (in characters) make a line worth trying even when they are
# few in it: a stretch of mojibake inside a long clean line.
_CLUSTER = 12
# A lossy repair may lose at most this share of the characters it produces (the catalogue
# example 鑱屼笟鎶€鏈鏍? keeps 职业技 and loses two).
MAX_LOST_SHARE = 0.5

_LOSSY_ERRORS = "cleaner.mojibake-lost"


def _lost_character(error: UnicodeError) -> tuple[str, int]:
    """Error handler for lossy repairs: one U+FFFD per broken UTF-8 character. A broken character
    is its lead byte and what follows of its length: continuation bytes and the ``?`` (or
    U+FFFD, encoded as 0xFF) that the wrong decoder wrote for the bytes it could not read."""
    assert isinstance(error, UnicodeDecodeError)
    data, start, end = error.object, error.start, error.end
    lead = data[start]
    size = 3 if 0xE0 <= lead <= 0xEF else 2 if 0xC2 <= lead <= 0xDF else 4 if 0xF0 <= lead <= 0xF4 else 1
    while end - start < size and end < len(data) and (data[end] in b"?\xff" or 0x80 <= data[end] <= 0xBF):
        end += 1
    return "\ufffd", end


codecs.register_error(_LOSSY_ERRORS, _lost_character)


@lru_cache(maxsize=1)
def _utf8_as_gbk_span_re() -> re.Pattern[str]:
    """A stretch of a line that can be UTF-8 read as GBK: characters whose GBK bytes are UTF-8
    bytes of a three-byte sequence (E0–EF, 80–BF), € (byte 80 in cp936), U+FFFD and ASCII,
    beginning and ending with a non-ASCII one (and a ``?`` a lossy decoder left at the end)."""
    chars = ["€", "\ufffd"]
    for lead in (*range(0x80, 0xC0), *range(0xE0, 0xF0)):
        for trail in (*range(0x80, 0xC0), *range(0xE0, 0xF0)):
            try:
                chars.append(bytes((lead, trail)).decode("gb18030"))
            except UnicodeDecodeError:
                continue
    klass = "[" + re.escape("".join(chars)) + "]"
    return re.compile(f"{klass}(?:[\x20-\x7e]*{klass})*\\??")


def _encode_cp936(text: str, lossy: bool = False) -> bytes:
    """GBK bytes as Windows' cp936 writes them: ``€`` is byte 0x80. In lossy mode U+FFFD (a byte
    the wrong decoder could not read) becomes 0xFF, which no UTF-8 sequence contains."""
    if "€" in text:
        return b"\x80".join(_encode_cp936(part, lossy) for part in text.split("€"))
    if lossy and "\ufffd" in text:
        return b"\xff".join(part.encode("gb18030") for part in text.split("\ufffd"))
    return text.encode("gb18030")


def _encode_sloppy_cp1252(text: str) -> bytes | None:
    """The bytes a program decoded as cp1252 or Latin-1 (both, for C1 controls); None when
    ``text`` has a character neither can produce."""
    try:
        return text.translate(CP1252_TO_LATIN1).encode("latin-1")
    except UnicodeEncodeError:
        return None


# The converters. Module-level functions, each returning None when the bytes do not decode,
# so that tests can replace them and prove that clean text never reaches them.

def _utf8_from_gbk(text: str) -> str | None:
    """Undo UTF-8 read as GBK, strictly."""
    try:
        return _encode_cp936(text).decode("utf-8")
    except UnicodeError:
        return None


def _utf8_from_gbk_lossy(text: str) -> str | None:
    """Undo UTF-8 read as GBK where bytes were lost: U+FFFD for each broken character."""
    try:
        return _encode_cp936(text, lossy=True).decode("utf-8", errors=_LOSSY_ERRORS)
    except UnicodeError:
        return None


def _gbk_from_latin(text: str) -> str | None:
    """Undo GBK read as Latin-1 or cp1252."""
    raw = _encode_sloppy_cp1252(text)
    try:
        return raw.decode("gb18030") if raw is not None else None
    except UnicodeDecodeError:
        return None


def _utf8_from_latin(text: str) -> str | None:
    """Undo UTF-8 read as cp1252 or Latin-1."""
    raw = _encode_sloppy_cp1252(text)
    try:
        return raw.decode("utf-8") if raw is not None else None
    except UnicodeDecodeError:
        return None


def _ftfy_fix_encoding(text: str) -> str | None:
    """ftfy's encoding fixes only (UTF-8 read as cp1252 and its sloppy variants). Its other
    fixes would turn ，：（） into ASCII and uncurl “”: every one is switched off."""
    import ftfy  # lazily: only text that looks broken pays for ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=False, remove_control_chars=False, normalization=None, explain=False)
    fixed = ftfy.fix_encoding(text, config)
    return fixed if fixed != text else None


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))  # counts; drops nothing


_ASCII_RE = re.compile("[\x00-\x7f]+")
_LATIN_HIGH_RE = re.compile(f"[\u0080-\u00ff{re.escape(CP1252_SPECIALS)}]")


def _score(text: str) -> float:
    """Plausibility of the non-ASCII characters: the only ones a re-encoding changes, so ASCII
    around them must not make a poor candidate look good (``«Café»`` → ``獵af榛``)."""
    return plausibility(_ASCII_RE.sub("", text))


def _acceptable(fixed: str, base: float, gain: float) -> float | None:
    """The score of ``fixed`` if it is a clear improvement on ``base`` and reads as Chinese on
    its own; a short repair (under four non-ASCII characters) must be all common characters."""
    score = _score(fixed)
    floor = MIN_SCORE if _non_ascii(fixed) >= 4 else 1.0
    return score if score >= base + gain and score >= floor else None


def repair_utf8_as_gbk(span: str) -> tuple[str, str] | None:
    """Repair UTF-8 read as GBK; ``(rule, fixed)`` or None. Lossy input comes back with U+FFFD
    where characters were lost; clean characters at the edges of ``span`` stay as they are.

    >>> repair_utf8_as_gbk("鏀垮簻宸ヤ綔鎶ュ憡锛岀幇鍦ㄦ垜浠ｈ〃")
    ('encoding.utf8-as-gbk', '政府工作报告，现在我代表')
    >>> repair_utf8_as_gbk("鑱屼笟鎶€鏈鏍?")
    ('encoding.utf8-as-gbk', '职业技\ufffd\ufffd')
    >>> repair_utf8_as_gbk("：鏀垮簻宸ヤ綔鎶ュ憡（")
    ('encoding.utf8-as-gbk', '：政府工作报告（')
    >>> repair_utf8_as_gbk("鄱阳湖畔婺源县") is None
    True
    """
    found = _utf8_as_gbk_repair(span)
    if found is None:
        return None
    rule, start, end, fixed = found
    return rule, span[:start] + fixed + span[end:]


def _utf8_as_gbk_repair(span: str) -> tuple[str, int, int, str] | None:
    """``(rule, start, end, fixed)``: the repair of ``span[start:end]``. A span can take in up
    to two clean characters at each edge (： and （ are made of the same GBK bytes as mojibake);
    those are left out when the rest decodes strictly, or loses fewer characters."""
    hallmarks = len(UTF8_AS_GBK_RE.findall(span))
    if not hallmarks or hallmarks < MIN_HALLMARK_SHARE * _non_ascii(span):
        return None
    pieces = [(start, end) for start, end in _trims(span) if end - start >= 2]
    for start, end in pieces:
        piece = span[start:end]
        fixed = _utf8_from_gbk(piece)
        if fixed is None or fixed == piece:
            continue
        # Six or more characters that all decode strictly: the evidence is the decoding itself,
        # so the repair only has to read as Chinese and be no worse (宸虫爱 → 巳氮 is all common
        # characters both ways; short spans like it need a clear gain, long ones cannot be text).
        gain = 0.0 if _non_ascii(fixed) >= 4 else STRICT_MIN_GAIN
        if _non_ascii(fixed) >= 2 and _acceptable(fixed, _score(piece), gain):
            return RULE_UTF8_AS_GBK, start, end, fixed
    best: tuple[int, int, int, str] | None = None  # (lost, start, end, fixed)
    for start, end in pieces:
        piece = span[start:end]
        fixed = _utf8_from_gbk_lossy(piece)
        if fixed is None:
            continue
        lost = fixed.count("\ufffd") - piece.count("\ufffd")
        kept = fixed.replace("\ufffd", "")
        if lost > MAX_LOST_SHARE * len(fixed) or _non_ascii(kept) < 2:
            continue
        if _acceptable(kept, _score(piece), MIN_GAIN) and (best is None or lost < best[0]):
            best = (lost, start, end, fixed)
    return (RULE_UTF8_AS_GBK, best[1], best[2], best[3]) if best else None


def _trims(span: str) -> list[tuple[int, int]]:
    """(start, end) of ``span`` and of it less up to ``_MAX_TRIM`` common Chinese characters or
    punctuation at either edge, least trimmed first. ASCII and rare characters are never
    trimmed: in mojibake they are part of it (``鏍?``)."""
    common = common_characters()

    def trimmable(chars: str) -> int:
        count = 0
        for char in chars[:_MAX_TRIM]:
            if char.isascii() or char not in common:
                break
            count += 1
        return count

    left, right = trimmable(span), trimmable(span[::-1])
    pairs = [(i, j) for i in range(left + 1) for j in range(right + 1)]
    pairs.sort(key=lambda pair: pair[0] + pair[1])
    return [(i, len(span) - j) for i, j in pairs]


def repair_latin_run(run: str) -> tuple[str, str] | None:
    """Repair a run of Latin-1/cp1252 mojibake; ``(rule, fixed)`` or None.

    >>> repair_latin_run("Õþ¸®¹¤×÷±¨¸æ")
    ('encoding.gbk-as-latin1', '政府工作报告')
    >>> repair_latin_run("æ”¿åºœå·¥ä½œ")
    ('encoding.utf8-as-cp1252', '政府工作')
    >>> repair_latin_run("Café résumé") is None
    True
    """
    high = len(_LATIN_HIGH_RE.findall(run))
    # One Chinese character's worth is too little evidence; and in mojibake the Latin-1
    # characters are the bulk, where in Latin prose (Ça coûte à Zürich) they are sprinkled.
    if high < 4 or high * 3 < len(run) - run.count(" "):
        return None
    gbk_rule = RULE_GBK_AS_CP1252 if any(c in CP1252_SPECIALS for c in run) else RULE_GBK_AS_LATIN1
    candidates: tuple[tuple[str, Callable[[str], str | None]], ...] = (
        (gbk_rule, _gbk_from_latin), (RULE_UTF8_AS_CP1252, _utf8_from_latin))
    return _best(run, (*candidates, (RULE_UTF8_AS_CP1252, _ftfy_fix_encoding)))


def _latin_repair(run: str) -> tuple[str, int, int, str] | None:
    repaired = repair_latin_run(run)
    return (repaired[0], 0, len(run), repaired[1]) if repaired else None


def _best(text: str, candidates: tuple[tuple[str, Callable[[str], str | None]], ...]
          ) -> tuple[str, str] | None:
    """The most plausible acceptable candidate repair of ``text``."""
    base = _score(text)
    best: tuple[float, str, str] | None = None
    for rule, convert in candidates:
        fixed = convert(text)
        if not fixed or fixed == text or _non_ascii(fixed) < 2:
            continue
        score = _acceptable(fixed, base, MIN_GAIN)
        if score is not None and (best is None or score > best[0]):
            best = (score, rule, fixed)
    return (best[1], best[2]) if best else None


def repair_mojibake(text: str, log: ChangeLog | None = None) -> str:
    """Repair every span that is mojibake of a known family; leave all else alone.

    >>> repair_mojibake("标题\\n鏉ユ簮锛氬箍宸炲競浜烘皯鏀垮簻闂ㄦ埛缃戠珯\\n价格£20")
    '标题\\n来源：广州市人民政府门户网站\\n价格£20'
    """
    if text.isascii():
        return text
    pieces: list[str] = []
    last = 0          # end of the text already copied to pieces
    line_number = 1
    counted = 0       # position up to which newlines were counted into line_number
    for start, end in _suspect_lines(text):
        line = text[start:end]
        line_number += text.count("\n", counted, start)
        counted = start
        fixed = _repair_line(line, line_number, start, log)
        if fixed != line:
            pieces += [text[last:start], fixed]
            last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


@lru_cache(maxsize=1)
def _suspect_re() -> re.Pattern[str]:
    """Characters that can start a gate pair: hallmarks and Latin-1 letters and symbols."""
    return re.compile(f"[{re.escape(UTF8_AS_GBK_HALLMARKS)}\u00a1-\u00ff]")


def _suspect_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line where a gate pair occurs: one C-level scan for clean text."""
    suspect = _suspect_re()
    spans: list[tuple[int, int]] = []
    match = suspect.search(text)
    while match is not None:
        pos = match.start()
        if UTF8_AS_GBK_RE.match(text, pos) or LATIN_MOJIBAKE_GATE_RE.match(text, pos):
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            spans.append((start, end))
            match = suspect.search(text, end)
        else:
            match = suspect.search(text, pos + 1)
    return spans


def _dense_hallmarks(line: str) -> bool:
    """Whether hallmark pairs are frequent enough in ``line``, overall or in one stretch (three
    within a dozen characters), for it to hold UTF-8 read as GBK. Clean text has them alone, or
    in pairs in Traditional text (鎮, 銜 are hallmarks)."""
    starts = [match.start() for match in UTF8_AS_GBK_RE.finditer(line)]
    if not starts:
        return False
    if len(starts) >= MIN_HALLMARK_SHARE * _non_ascii(line):
        return True
    return any(last - first <= _CLUSTER for first, last in zip(starts, starts[2:], strict=False))


def _repair_line(line: str, number: int, offset: int, log: ChangeLog | None) -> str:
    """Repair the mojibake spans of one line, recording each repair."""
    if _dense_hallmarks(line):
        line = _repair_spans(line, _utf8_as_gbk_span_re(), _utf8_as_gbk_repair, number, offset, log)
    if LATIN_MOJIBAKE_GATE_RE.search(line):
        line = _repair_spans(line, LATIN_MOJIBAKE_RUN_RE, _latin_repair, number, offset, log)
    return line


def _repair_spans(line: str, span_re: re.Pattern[str],
                  repair: Callable[[str], tuple[str, int, int, str] | None],
                  number: int, offset: int, log: ChangeLog | None) -> str:
    """Repair each span of ``line`` that ``span_re`` finds, recording what changed."""
    pieces: list[str] = []
    last = 0
    for match in span_re.finditer(line):
        repaired = repair(match.group())
        if not repaired:
            continue
        rule, start, end, fixed = repaired
        start, end = match.start() + start, match.start() + end
        before = line[start:end]
        pieces += [line[last:start], fixed]
        if log is not None:
            lost = fixed.count("\ufffd") - before.count("\ufffd")
            reason = f"lossy: {lost} character(s) could not be recovered" if lost > 0 else ""
            log.record(rule, number, offset + start, before, fixed, reason)
        last = end
    if not pieces:
        return line
    return "".join(pieces) + line[last:]
