"""Bytes to text: BOM, strict UTF-8, then a Chinese-aware choice, never a silent loss.

``decode_bytes`` returns the text and a ``Decoding`` that says how it was read:

1. no bytes: ``EmptyInputError``; a binary format's magic number: ``BinaryInputError``;
2. a byte order mark (UTF-8, UTF-16, UTF-32) decides;
3. UTF-16/32 without BOM is recognised by its NUL bytes and confirmed by plausibility;
4. what is left with NUL bytes, control bytes or the marks of a Word file read as text is binary;
5. strict UTF-8 (nearly all files; nothing else is tried, so they pay nothing more);
6. otherwise, line by line: each line is read as UTF-8 if it is valid UTF-8 and reads at least
   as well that way, or is UTF-8 with a few bad bytes (a file cut in the middle of a
   character), else in the file's legacy encoding. Reading line by line is what makes a
   UTF-8 header pasted onto a GBK body come out right: a whole-file GB18030 decode "succeeds"
   on such bytes, with mojibake for the UTF-8 part. The legacy encoding is chosen by
   plausibility, measured on the lines that are not UTF-8, between GB18030 (for GB2312/GBK)
   and Big5-HKSCS (for Big5); chardet's guess, mapped the same way, joins them only when
   neither reads convincingly. chardet alone is not trusted: its confidence for correct GBK is
   about 0.3 and it takes UTF-16 without BOM for other things (which step 3 handles).

Bytes that cannot be decoded become one U+FFFD each and are reported in ``Decoding.lost`` with
their line, as are U+FFFD and ``锟斤拷`` already present in the text. Line numbers count
``\\n``-separated lines of the decoded text, from 1.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from cleaner.errors import BinaryInputError, EmptyInputError
from cleaner.plausibility import plausibility

_BOMS = (  # UTF-32 first: its LE BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of binary formats people mistake for text.
_BINARY_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 office document (.doc/.xls)"),
    (b"PK\x03\x04", "a ZIP archive (.docx/.xlsx/.zip)"), (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
)
# A Word binary that was read as text and saved: the OLE2 header as UTF-8 (U+0871 'ࡱ') or as
# Latin-1, and Word's 'bjbj' stream mark (catalogue family 18).
_WORD_AS_TEXT = ("ࡱ", "ÐÏ\x11à¡±")
_WORD_MARK = "bjbj"
# C0 controls that plain text does not contain (tab, LF, FF, CR, ESC and SUB do occur).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0c\r\x1a\x1b")
_MAX_CONTROL_SHARE = 0.05

# The detector's names mapped to the superset we decode with.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030",
    "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
}
_FALLBACKS = ("gb18030", "big5hkscs")
_DETECT_BYTES = 64 * 1024
_SAMPLE_CHARS = 8000  # plausibility is measured on this many characters
# A Chinese reading this plausible, and this much ahead of the other, needs no detector.
_CONVINCING = 0.9
_CLEAR_MARGIN = 0.1
# What a UTF-16/32 reading found by its NUL bytes must score to be taken.
_MIN_WIDE_PLAUSIBILITY = 0.5

_MARK = "\udcff"  # stands for one undecodable byte until it is counted; no decoder makes it
_MARK_ERRORS = "cleaner.mark-lost"


def _mark_lost(error: UnicodeError) -> tuple[str, int]:
    """Error handler: one mark per undecodable byte, counted per line, then made U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    return _MARK * (error.end - error.start), error.end


codecs.register_error(_MARK_ERRORS, _mark_lost)


@dataclass(frozen=True)
class LostBytes:
    """A line with lost text.

    kind ``undecodable``: ``count`` bytes there could not be decoded and each became U+FFFD;
    ``replacement-char``: ``count`` U+FFFD were already in the input; ``kunkinkao``: ``count``
    times ``锟斤拷``, what U+FFFD becomes after a UTF-8 → GBK round trip.
    """

    line: int
    count: int
    kind: str  # "undecodable" | "replacement-char" | "kunkinkao"


@dataclass(frozen=True)
class Decoding:
    """How the bytes were read.

    ``encoding``: a Python codec name, or ``mixed:a+b`` when lines were read with different
    codecs. ``method``: ``bom``, ``utf-8`` (strict, or UTF-8 with a few undecodable bytes,
    which ``lost`` lists), ``nul-pattern`` (UTF-16/32 without BOM),
    ``plausibility`` (GB18030 or Big5-HKSCS, whichever reads as Chinese), ``detector``
    (chardet's guess, asked when neither did, read at least as well) or ``per-line`` (lines in
    different encodings).
    ``confidence``: 1.0 when the encoding is certain (a BOM; strict UTF-8, which other encodings
    practically never pass); otherwise the plausibility (``cleaner.plausibility``) of the
    decoded text, clipped to [0, 1]: about the share of characters that are common in Chinese
    text, less the share typical of mojibake. It is not chardet's confidence.
    ``repairs``: repairs made while decoding (none at present: mojibake repairs are changes of
    the encoding stage). ``lost``: lines with lost text (``LostBytes``).
    """

    encoding: str
    confidence: float
    method: str
    repairs: tuple[str, ...] = ()
    lost: tuple[LostBytes, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        return {
            "encoding": self.encoding, "confidence": round(self.confidence, 3),
            "method": self.method, "repairs": list(self.repairs),
            "lost": [{"line": x.line, "count": x.count, "kind": x.kind} for x in self.lost],
        }


def sniff_binary(data: bytes) -> str | None:
    """Why ``data`` is not text, or None. UTF-16/32 (which contain NULs) must be ruled out first.

    >>> sniff_binary(b"%PDF-1.7 ...")
    'a PDF document'
    >>> sniff_binary("政府".encode() + b"\\x00\\x00")
    'NUL bytes'
    >>> sniff_binary("政府工作报告".encode()) is None
    True
    """
    magic = _binary_magic(data)
    if magic:
        return magic
    head = data[:8192]
    if b"\xe0\xa1\xb1" in head[:64] or (b"bjbj" in data[:_DETECT_BYTES] and _junk_share(head) > 0.01):
        return "a Word document read as text"
    if b"\x00" in head:
        return "NUL bytes"
    if _junk_share(head) > _MAX_CONTROL_SHARE:
        return "control bytes"
    return None


def _binary_magic(data: bytes) -> str | None:
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    return None


def _junk_share(head: bytes) -> float:
    """Share of NUL and control bytes, which text has next to none of."""
    if not head:
        return 0.0
    return (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head)


def decode_bytes(data: bytes) -> tuple[str, Decoding]:
    """Decode ``data``; raise ``EmptyInputError`` or ``BinaryInputError`` for what is not text.

    >>> decode_bytes("政府工作报告".encode("gbk"))[1].encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "政府".encode())[0]
    '政府'
    """
    if not data:
        raise EmptyInputError("empty file")
    magic = _binary_magic(data)
    if magic:
        raise BinaryInputError(f"binary file ({magic}), not text")
    text, decoding = _decode(data)
    if not text and decoding.method == "bom":
        raise EmptyInputError("empty file (a byte order mark and nothing else)")
    head = text[:64]
    if any(mark in head for mark in _WORD_AS_TEXT) or (
            _WORD_MARK in text[:_DETECT_BYTES] and _text_junk_share(text[:8192]) > 0.01):
        raise BinaryInputError("binary file (a Word document read as text), not text")
    return text, decoding


def _decode(data: bytes) -> tuple[str, Decoding]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, lost = _finish(_decode_marking(data[len(bom):], name))
            return text, Decoding(name, 1.0, "bom", lost=lost)
    wide = _decode_wide_without_bom(data)
    if wide:
        return wide
    why = sniff_binary(data)
    if why:
        raise BinaryInputError(f"binary file ({why}), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)
    text, lost = _finish(text)
    return text, Decoding("utf-8", 1.0, "utf-8", lost=lost)


def _text_junk_share(text: str) -> float:
    if not text:
        return 0.0
    junk = sum(text.count(c) for c in "\x00\ufffd") + sum(
        text.count(chr(b)) for b in _CONTROL_BYTES if b)
    return junk / len(text)


def _decode_marking(data: bytes, name: str) -> str:
    """Decode; each undecodable byte becomes a mark (see ``_finish``)."""
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return data.decode(name, errors=_MARK_ERRORS)


def _finish(marked: str) -> tuple[str, tuple[LostBytes, ...]]:
    """The text with each mark made U+FFFD, and every line with lost text: undecodable bytes
    (the marks) and the U+FFFD and ``锟斤拷`` that were there before."""
    if _MARK not in marked:
        return marked, tuple(find_lost(marked))
    lost = [LostBytes(number, line.count(_MARK), "undecodable")
            for number, line in enumerate(marked.split("\n"), start=1) if _MARK in line]
    lost += find_lost(marked)
    lost.sort(key=lambda x: x.line)  # stable: undecodable first on a line
    return marked.replace(_MARK, "\ufffd"), tuple(lost)


def _decode_wide_without_bom(data: bytes) -> tuple[str, Decoding] | None:
    """UTF-16 or UTF-32 without BOM: ASCII in them is half (three quarters) NUL bytes, on one
    side of each code unit. Chinese text has few NULs (U+4E00 一 is ``00 4E`` in UTF-16-LE), so
    the side with most NULs gives the byte order and plausibility confirms the reading."""
    head = data[:_DETECT_BYTES]
    nuls = head.count(0)
    if len(head) < 4 or not nuls:
        return None
    candidates = []
    if len(data) % 4 == 0 and nuls >= len(head) // 3:
        by_position = [head[i::4].count(0) for i in range(4)]
        candidates.append("utf-32-le" if by_position[3] >= by_position[0] else "utf-32-be")
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 2 * even:
        candidates.append("utf-16-le")
    elif even >= 2 * odd:
        candidates.append("utf-16-be")
    elif len(data) % 2 == 0:
        # Neither side dominates: U+3000, 一 and other U+xx00 characters put NULs on the
        # other side from ASCII's. Try both orders; plausibility decides.
        candidates += ["utf-16-le", "utf-16-be"]
    best: tuple[float, str, str] | None = None
    for name in candidates:
        marked = _decode_marking(data, name)
        score = plausibility(marked[:_SAMPLE_CHARS])
        if score >= _MIN_WIDE_PLAUSIBILITY and (best is None or score > best[0]):
            best = (score, name, marked)
    if best is None:
        return None
    score, name, marked = best
    text, lost = _finish(marked)
    return text, Decoding(name, min(score, 1.0), "nul-pattern", lost=lost)


def _detected_encoding(data: bytes) -> str | None:
    """chardet's guess mapped to the superset we decode with; None for what we do not use."""
    import chardet  # imported lazily: UTF-8 input, the common case, never pays for it

    name = (chardet.detect(data[:_DETECT_BYTES]).get("encoding") or "").lower()
    name = _SUPERSETS.get(name, name)
    if not name or name.startswith(("utf-16", "utf-32", "ascii", "utf-8")):
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _choose_legacy(sample: bytes) -> tuple[str, str]:
    """The encoding that reads ``sample`` (the lines that are not UTF-8) most plausibly, and how
    it was found. The Chinese encodings are tried first (``plausibility``); chardet is asked only
    when neither reads convincingly, as it is slow (10–20 ms a file) and weak on Chinese; its
    guess then competes with them (``detector`` if it wins). Undecodable bytes count against a
    candidate: they are scored as U+FFFD."""
    sample = sample[:_DETECT_BYTES]
    scores = {name: plausibility(_decode_marking(sample, name)[:_SAMPLE_CHARS]) for name in _FALLBACKS}
    ranked = sorted(scores, key=lambda name: -scores[name])  # stable: ties keep GB18030 first
    best, second = ranked[0], ranked[1]
    if scores[best] >= _CONVINCING and scores[best] - scores[second] >= _CLEAR_MARGIN:
        return best, "plausibility"
    detected = _detected_encoding(sample)
    if detected is None:
        return best, "plausibility"
    if detected not in scores:
        scores[detected] = plausibility(_decode_marking(sample, detected)[:_SAMPLE_CHARS])
    if scores[detected] >= scores[best]:
        return detected, "detector"
    return best, "plausibility"


def _decode_legacy(data: bytes) -> tuple[str, Decoding]:
    """Bytes that are not UTF-8 as a whole, decoded line by line (see the module docstring)."""
    lines = data.split(b"\n")  # no legacy CJK encoding has 0x0A inside a character
    damaged_file = _damaged_utf8(data)  # UTF-8 but for a few bytes: its bad lines are UTF-8 too
    as_utf8: dict[int, str | None] = {}  # lines that are (damaged: None) UTF-8
    legacy_lines: list[bytes] = []
    for index, raw in enumerate(lines):
        if raw.isascii():
            continue
        try:
            as_utf8[index] = raw.decode("utf-8")
        except UnicodeDecodeError:
            if damaged_file:
                as_utf8[index] = None
            else:
                legacy_lines.append(raw)
    name, method = _choose_legacy(b"\n".join(legacy_lines) or data)
    whole = _decode_marking(data, name)
    if not as_utf8:  # one encoding throughout
        text, lost = _finish(whole)
        return text, Decoding(name, _confidence(text), method, lost=lost)
    out = whole.split("\n")
    if len(out) != len(lines):  # cannot happen with a CJK codec; be safe all the same
        out = [_decode_marking(raw, name) for raw in lines]
    used: set[str] = set()
    for index, raw in enumerate(lines):
        if index not in as_utf8:
            if not raw.isascii():
                used.add(name)
            continue
        utf8 = as_utf8[index]
        if utf8 is None:
            utf8 = _decode_marking(raw, "utf-8")
        legacy = out[index]
        if _MARK in legacy or plausibility(utf8) >= plausibility(legacy):  # ties go to UTF-8
            out[index] = utf8
            used.add("utf-8")
        else:
            used.add(name)
    text, lost = _finish("\n".join(out))
    if len(used) > 1:
        encoding, method = "mixed:" + "+".join(sorted(used)), "per-line"
    elif used == {"utf-8"}:
        encoding, method = "utf-8", "utf-8"
    else:
        encoding = name
    return text, Decoding(encoding, _confidence(text), method, lost=lost)


def _damaged_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 with a few bad bytes (a file cut in the
    middle of a character) rather than another encoding, which breaks at nearly every character.

    >>> _damaged_utf8("政府工作报告".encode()[:-1])
    True
    >>> _damaged_utf8("政府工作报告".encode("gbk"))
    False
    """
    read = data.decode("utf-8", errors="replace")  # only to count the bad bytes
    bad = read.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(read) - read.count("\ufffd") - len(data.decode("ascii", errors="ignore"))
    return bad * 4 <= good


def _confidence(text: str) -> float:
    return min(max(plausibility(text[:_SAMPLE_CHARS]), 0.0), 1.0)


def find_lost(text: str) -> list[LostBytes]:
    """Lines with U+FFFD or ``锟斤拷`` (GBK bytes of U+FFFD read back as GBK): earlier losses.
    Only the lines that hold them are looked at.

    >>> find_lost("好\\n坏\\ufffd\\ufffd\\n锟斤拷锟斤拷")
    [LostBytes(line=2, count=2, kind='replacement-char'), LostBytes(line=3, count=2, kind='kunkinkao')]
    """
    found: list[LostBytes] = []
    for marker, kind in (("\ufffd", "replacement-char"), ("锟斤拷", "kunkinkao")):
        pos = text.find(marker)
        line, counted = 1, 0
        while pos >= 0:
            line += text.count("\n", counted, pos)
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            found.append(LostBytes(line, text.count(marker, start, end), kind))
            counted = start
            pos = text.find(marker, end)
    found.sort(key=lambda x: x.line)  # stable: U+FFFD before 锟斤拷 on a line
    return found
