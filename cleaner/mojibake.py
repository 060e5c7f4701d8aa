"""Mojibake repair: text that was decoded with the wrong codec and saved that way.

Three families, each undone by re-encoding with the wrong codec and decoding with the right one:

* UTF-8 read as GBK (``鏀垮簻`` → 政府): hallmark characters are those whose GBK lead byte is a
  UTF-8 lead byte (E2–E9, EF), so ``锛`` (，：（）), ``銆`` (、。) and ``鈥`` (“”) abound;
* GBK read as Latin-1 or cp1252 (``Õþ¸®`` → 政府): runs of Latin-1 letters and symbols;
* UTF-8 read as cp1252 (``æ”¿åºœ`` → 政府): left to ftfy's ``fix_encoding``, which leaves
  punctuation and quotes alone.

A repair is applied to a line (or a run within it) only when the result decodes strictly and is
clearly more plausible as Chinese text (``cleaner.plausibility``). Clean text never reaches the
candidate decoders: cheap pattern gates come first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from cleaner.change import ChangeLog
from cleaner.plausibility import plausibility

# A clear improvement: how much more plausible a repair must be than the text it replaces.
MIN_GAIN = 0.35
_UTF8_LEAD_BYTES = (0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF)
_LATIN1_RUN_RE = re.compile("[\u0080-\u00ff](?:[\u0020-\u007e]{0,3}[\u0080-\u00ff])+")


@lru_cache(maxsize=1)
def _utf8_as_gbk_re() -> re.Pattern[str]:
    """Characters that UTF-8 bytes turn into when read as GBK (their GBK lead byte is a UTF-8
    lead byte). Real Chinese text has a few; UTF-8-as-GBK mojibake is made of little else."""
    chars = []
    for lead in _UTF8_LEAD_BYTES:
        for trail in range(0x40, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return re.compile("[" + re.escape("".join(chars)) + "]")


def _encode(text: str, codec: str) -> bytes:
    """Encode; for GBK, as Windows' cp936 does it, where byte 0x80 reads as €."""
    if codec == "gb18030" and "€" in text:
        return b"\x80".join(part.encode(codec) for part in text.split("€"))
    return text.encode(codec)


def _reencode(wrong: str, right: str, errors: str = "strict") -> Callable[[str], str | None]:
    def convert(text: str) -> str | None:
        try:
            return _encode(text, wrong).decode(right, errors=errors)
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
    return convert


def _ftfy_fix_encoding(text: str) -> str | None:
    import ftfy  # lazily: only text that looks broken pays for ftfy

    fixed = ftfy.fix_encoding(text)
    return fixed if fixed != text else None


_UTF8_AS_GBK = ("encoding.utf8-as-gbk", _reencode("gb18030", "utf-8"))
_UTF8_AS_GBK_LOSSY = ("encoding.utf8-as-gbk", _reencode("gb18030", "utf-8", "replace"))
_LATIN_FAMILY = (
    ("encoding.gbk-as-latin1", _reencode("latin-1", "gbk")),
    ("encoding.gbk-as-cp1252", _reencode("cp1252", "gbk")),
    ("encoding.utf8-as-cp1252", _ftfy_fix_encoding),
)


def _best_repair(text: str, candidates: tuple[tuple[str, Callable[[str], str | None]], ...]
                 ) -> tuple[str, str] | None:
    """The most plausible candidate repair of ``text`` if it is a clear improvement."""
    base = plausibility(text)
    best: tuple[float, str, str] | None = None
    for rule, convert in candidates:
        fixed = convert(text)
        if not fixed or fixed == text:
            continue
        # A lossy repair keeps U+FFFD where bytes were lost (reported later); judge the rest,
        # but never accept one that is more loss than text.
        lost = fixed.count("\ufffd") - text.count("\ufffd")
        if lost * 2 > len(fixed):
            continue
        score = plausibility(fixed.replace("\ufffd", "")) if lost > 0 else plausibility(fixed)
        if score >= base + MIN_GAIN and (best is None or score > best[0]):
            best = (score, rule, fixed)
    return (best[1], best[2]) if best else None


def repair_utf8_as_gbk(line: str) -> tuple[str, str] | None:
    """Repair a line of UTF-8-read-as-GBK mojibake; ``(rule, fixed)`` or None.

    >>> repair_utf8_as_gbk("鏀垮簻宸ヤ綔鎶ュ憡锛岀幇鍦ㄦ垜浠ｈ〃")
    ('encoding.utf8-as-gbk', '政府工作报告，现在我代表')
    >>> repair_utf8_as_gbk("鄱阳湖畔婺源县") is None
    True
    """
    hits = len(_utf8_as_gbk_re().findall(line))
    if hits < 2 or hits < 0.3 * len(line.strip()):
        return None
    return _best_repair(line, (_UTF8_AS_GBK,)) or _best_repair(line, (_UTF8_AS_GBK_LOSSY,))


def repair_latin_run(run: str) -> tuple[str, str] | None:
    """Repair a run of Latin-1/cp1252 mojibake; ``(rule, fixed)`` or None.

    >>> repair_latin_run("Õþ¸®¹¤×÷±¨¸æ")
    ('encoding.gbk-as-latin1', '政府工作报告')
    >>> repair_latin_run("æ”¿åºœå·¥ä½œ")
    ('encoding.utf8-as-cp1252', '政府工作')
    >>> repair_latin_run("Café résumé") is None
    True
    """
    return _best_repair(run, _LATIN_FAMILY)


def repair_mojibake(text: str, log: ChangeLog | None = None) -> str:
    """Repair every line or run that is mojibake of a known family; leave all else alone.

    >>> repair_mojibake("标题\\n鏉ユ簮锛氬箍宸炲競浜烘皯鏀垮簻闂ㄦ埛缃戠珯\\n价格£20")
    '标题\\n来源：广州市人民政府门户网站\\n价格£20'
    """
    if text.isascii():
        return text
    gbk_gate = _utf8_as_gbk_re().search(text) is not None
    latin_gate = _LATIN1_RUN_RE.search(text) is not None
    if not (gbk_gate or latin_gate):
        return text
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        fixed_line = line
        if gbk_gate:
            repaired = repair_utf8_as_gbk(line)
            if repaired:
                rule, fixed_line = repaired
                if log is not None:
                    log.record(rule, index + 1, offset, line, fixed_line)
        if latin_gate and _LATIN1_RUN_RE.search(fixed_line):
            fixed_line = _repair_latin_runs(fixed_line, index + 1, offset, log)
        offset += len(line) + 1
        lines[index] = fixed_line
    return "\n".join(lines)


def _repair_latin_runs(line: str, number: int, offset: int, log: ChangeLog | None) -> str:
    pieces: list[str] = []
    last = 0
    for match in _LATIN1_RUN_RE.finditer(line):
        repaired = repair_latin_run(match.group())
        if not repaired:
            continue
        rule, fixed = repaired
        pieces += [line[last:match.start()], fixed]
        if log is not None:
            log.record(rule, number, offset + match.start(), match.group(), fixed)
        last = match.end()
    if not pieces:
        return line
    return "".join(pieces) + line[last:]
