"""Bytes to text: BOM, strict UTF-8, then a Chinese-aware detector, never a silent loss.

``decode_bytes`` returns the text and a ``Decoding`` that says how it was read. Bytes that no
candidate encoding can read are replaced by U+FFFD and reported as lost, line by line.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from cleaner.errors import BinaryInputError, EmptyInputError
from cleaner.plausibility import plausibility

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of binary formats people mistake for text.
_BINARY_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 office document (.doc/.xls)"),
    (b"PK\x03\x04", "a ZIP archive (.docx/.xlsx/.zip)"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"{\\rtf", None),  # RTF is text, but markup: let it through
)
# Candidate encodings for non-UTF-8 bytes, the detector's names mapped to supersets.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz-gb-2312": "gb18030",
    "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
    "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
}
_FALLBACKS = ("gb18030", "big5hkscs")
_DETECT_BYTES = 64 * 1024


@dataclass(frozen=True)
class LostBytes:
    """A line where bytes could not be decoded (replaced by U+FFFD) or ``锟斤拷`` stands."""

    line: int
    count: int
    kind: str  # "undecodable" | "replacement-char" | "kunkinkao"


@dataclass(frozen=True)
class Decoding:
    """How the bytes were read."""

    encoding: str
    confidence: float
    method: str  # "bom" | "utf-8" | "detector" | "fallback" | "per-line"
    repairs: tuple[str, ...] = ()
    lost: tuple[LostBytes, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        return {
            "encoding": self.encoding, "confidence": round(self.confidence, 3),
            "method": self.method, "repairs": list(self.repairs),
            "lost": [{"line": x.line, "count": x.count, "kind": x.kind} for x in self.lost],
        }


def sniff_binary(data: bytes) -> str | None:
    """Why ``data`` is not text, or None. UTF-16/32 (which contain NULs) must be ruled out first."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    head = data[:8192]
    if b"\x00" in head:
        return "NUL bytes"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit on one parity only (ASCII in UTF-16)."""
    head = data[: 64 * 1024]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    if odd and not even:
        name = "utf-16-le"
    elif even and not odd:
        name = "utf-16-be"
    else:
        return None
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def decode_bytes(data: bytes) -> tuple[str, Decoding]:
    """Decode ``data``; raise ``EmptyInputError`` or ``BinaryInputError`` for what is not text.

    >>> decode_bytes("政府工作报告".encode("gbk"))[1].encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "政府".encode())[0]
    '政府'
    """
    if not data:
        raise EmptyInputError("empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(name, errors="replace")
            return text, Decoding(name, 1.0, "bom", lost=tuple(find_lost(text)))
    utf16 = _utf16_without_bom(data)
    if utf16:
        text = data.decode(utf16)
        return text, Decoding(utf16, plausibility(text[:20000]), "detector")
    why = sniff_binary(data)
    if why:
        raise BinaryInputError(f"binary file ({why}), not text")
    try:
        text = data.decode("utf-8")
        return text, Decoding("utf-8", 1.0, "utf-8", lost=tuple(find_lost(text)))
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _detected_encoding(data: bytes) -> str | None:
    import chardet  # imported lazily: UTF-8 input, the common case, never pays for it

    guess = chardet.detect(data[:_DETECT_BYTES])
    name = (guess.get("encoding") or "").lower()
    return _SUPERSETS.get(name)


def _decode_legacy(data: bytes) -> tuple[str, Decoding]:
    """Non-UTF-8 bytes: the detector's guess and the Chinese fallbacks, decoded strictly; the most
    plausible strict decoding wins. If none decodes strictly, decode line by line."""
    candidates: list[str] = []
    detected = _detected_encoding(data)
    if detected:
        candidates.append(detected)
    candidates += [name for name in _FALLBACKS if name not in candidates]
    best: tuple[float, str, str] | None = None
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = plausibility(text[:20000])
        if best is None or score > best[0] + 0.02:
            best = (score, name, text)
    if best is not None:
        score, name, text = best
        method = "detector" if name == detected else "fallback"
        return text, Decoding(name, max(score, 0.0), method, lost=tuple(find_lost(text)))
    return _decode_per_line(data)


def _decode_per_line(data: bytes) -> tuple[str, Decoding]:
    """Each line as UTF-8, else GB18030, else Big5-HKSCS; what none can read becomes U+FFFD and
    is reported. Handles files that mix encodings (a UTF-8 header pasted onto a GBK body)."""
    lines = data.split(b"\n")
    out: list[str] = []
    lost: list[LostBytes] = []
    used: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        for name in ("utf-8", "gb18030", "big5hkscs"):
            try:
                out.append(raw.decode(name))
                used[name] = used.get(name, 0) + 1
                break
            except UnicodeDecodeError:
                continue
        else:
            text = raw.decode("gb18030", errors="replace")
            lost.append(LostBytes(number, text.count("\ufffd"), "undecodable"))
            out.append(text)
            used["gb18030"] = used.get("gb18030", 0) + 1
    text = "\n".join(out)
    main = max(used, key=lambda k: used[k]) if used else "utf-8"
    encoding = main if len(used) == 1 else "mixed:" + "+".join(sorted(used))
    return text, Decoding(encoding, max(plausibility(text[:20000]), 0.0), "per-line",
                          lost=tuple(lost))


def find_lost(text: str) -> list[LostBytes]:
    """Lines with U+FFFD or ``锟斤拷`` (GBK bytes of U+FFFD read back as GBK): earlier losses."""
    if "\ufffd" not in text and "锟斤拷" not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "\ufffd" in line:
            found.append(LostBytes(number, line.count("\ufffd"), "replacement-char"))
        if "锟斤拷" in line:
            found.append(LostBytes(number, line.count("锟斤拷"), "kunkinkao"))
    return found
