"""Unicode hygiene: the invisible damage that every later stage would trip over.

Each fix is a small pure function ``(text, log=None) -> text`` named for what it does, with a
docstring that says why it exists. ``run`` applies them in order; a fix that changes nothing
records nothing.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from typing import TYPE_CHECKING

from cleaner.change import ChangeLog, substitute
from cleaner.chardata import (
    CONTROL_RE,
    HTML_ENTITY_RE,
    LINE_BREAK_RE,
    ODD_SPACE_RE,
    RADICAL_MAP,
    RADICAL_RE,
    TRAILING_SPACE_RE,
    ZERO_WIDTH_RE,
)
from cleaner.mojibake import repair_mojibake

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

# A paragraph indent: spaces of any kind before the first visible character of a line. It is
# kept (the layout stage reads it as a paragraph start; the whitespace stage removes it last),
# in one canonical form: one U+3000 per character, which keeps the line's width in characters
# and never narrows it in display columns (a narrower line would look short, i.e. a paragraph end).
INDENT_CHAR = "\u3000"
_INDENT_RE = re.compile("^[ \t\u3000\u00a0\u2000-\u200a\u202f\u205f]+(?=[^\\s])", re.MULTILINE)
# Each pass strips one level of escaping; real pages never nest deeper than a few.
_MAX_ENTITY_DEPTH = 8


def normalize_line_breaks(text: str, log: ChangeLog | None = None) -> str:
    r"""CRLF, CR, NEL and the Unicode line/paragraph separators become LF.

    >>> normalize_line_breaks("一\r\n二\r三\u2029四")
    '一\n二\n三\n四'
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return text
    return substitute(text, LINE_BREAK_RE, "\n", log, "hygiene.line-breaks")


def decode_html_entities(text: str, log: ChangeLog | None = None) -> str:
    """Decode HTML character references that scrapers leave behind (``&ldquo;``, ``&#12290;``),
    repeatedly, for the double- and triple-escaped ``&amp;amp;nbsp;``, until nothing changes (so
    that cleaning is idempotent). Unknown names stay as they are.

    >>> decode_html_entities("&ldquo;十四五&rdquo;规划&#12290;1&mdash;8月")
    '“十四五”规划。1—8月'
    >>> decode_html_entities("&amp;nbsp;") == "\\u00a0"
    True
    >>> decode_html_entities("&amp;amp;lt;")
    '<'

    >>> decode_html_entities("R&D 部门; &notanentity;")
    'R&D 部门; &notanentity;'
    """
    for _ in range(_MAX_ENTITY_DEPTH):
        if "&" not in text:
            break
        decoded = substitute(text, HTML_ENTITY_RE, _unescape_entity, log, "hygiene.html-entities")
        if decoded == text:
            break
        text = decoded
    return text


def _unescape_entity(match: re.Match[str]) -> str:
    entity = match.group()
    if entity[1] != "#" and entity[1:] not in html.entities.html5:
        return entity  # html.unescape would read '&notanentity;' as '¬anentity;'
    return html.unescape(entity)


def remove_zero_width(text: str, log: ChangeLog | None = None) -> str:
    """Remove zero-width spaces and joiners, soft hyphens and stray BOMs: invisible, but they
    split words for search and make equal strings unequal.

    >>> remove_zero_width("政\\u200b府\\ufeff工作")
    '政府工作'
    """
    return substitute(text, ZERO_WIDTH_RE, "", log, "hygiene.zero-width")


def remove_control_chars(text: str, log: ChangeLog | None = None) -> str:
    r"""Remove C0/C1 control characters except tab and line feed (form feeds from PDF page
    breaks, stray escapes from Word).

    >>> remove_control_chars("第一页\x0c第二页\x07")
    '第一页第二页'
    """
    return substitute(text, CONTROL_RE, "", log, "hygiene.control-chars")


def normalize_nfc(text: str, log: ChangeLog | None = None) -> str:
    """Compose to NFC, line by line, recording only the lines that change. Never NFKC: it would
    turn ㎡ into m2 and ① into 1. NFC does map CJK compatibility ideographs to unified ones.

    >>> normalize_nfc("e\\u0301") == "\\u00e9"
    True
    >>> normalize_nfc("面积100㎡，①")
    '面积100㎡，①'
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        if not unicodedata.is_normalized("NFC", line):
            fixed = unicodedata.normalize("NFC", line)
            if log is not None:
                log.record("hygiene.nfc", index + 1, offset, line, fixed)
            lines[index] = fixed
        offset += len(line) + 1
    return "\n".join(lines)


def map_radicals(text: str, log: ChangeLog | None = None) -> str:
    """Map Kangxi radical look-alikes (⽤ U+2F64) to the ideographs they stand for (用), as PDF
    text extraction often emits them.

    >>> map_radicals("政府⼯作报告，⽤⼾")
    '政府工作报告，用户'
    """
    return substitute(text, RADICAL_RE, lambda m: RADICAL_MAP[ord(m.group())], log,
                      "hygiene.kangxi-radicals")


def canonical_indent(indent: str) -> str:
    """The canonical form of a paragraph indent: one U+3000 per character, whatever the spaces
    were (ASCII, tab, no-break, U+3000), so that later stages test one form.

    >>> canonical_indent(" \\u00a0\\t") == "\\u3000" * 3
    True
    """
    return INDENT_CHAR * len(indent)


def normalize_spaces(text: str, log: ChangeLog | None = None) -> str:
    """No-break, en, em and thin spaces become an ordinary space, whitespace at line ends goes.
    A paragraph indent stays, in its canonical form (``canonical_indent``): the layout stage
    reads it as a paragraph start, the whitespace stage removes it at the end. U+3000 inside a
    line stays for the layout stage, which tells spaced-out titles from real gaps.

    >>> normalize_spaces("\\u00a0\\u00a0现在，我代表\\u00a0镇政府  ") == "\\u3000\\u3000现在，我代表 镇政府"
    True
    """
    # An indent needs work only with an ASCII space, a tab or an odd space in it.
    if text.startswith(" ") or "\n " in text or "\t" in text or ODD_SPACE_RE.search(text):
        text = substitute(text, _INDENT_RE, _canonical_match, log, "hygiene.indent")
    text = substitute(text, ODD_SPACE_RE, " ", log, "hygiene.odd-spaces")
    return substitute(text, TRAILING_SPACE_RE, "", log, "hygiene.trailing-space")


def _canonical_match(match: re.Match[str]) -> str:
    return canonical_indent(match.group())


# Each character-class fix, with the class that gates it: one scan of the text finds which
# classes occur at all, so clean text pays for one pass instead of one per fix.
_GATED_FIXES = (
    (ZERO_WIDTH_RE, remove_zero_width),
    (CONTROL_RE, remove_control_chars),
    (RADICAL_RE, map_radicals),
)
# One merged character class: `re` scans a single class ~10x faster than an alternation.
_GATE_RE = re.compile("[" + "".join(p.pattern.rstrip("+")[1:-1] for p in
                                    (*(p for p, _ in _GATED_FIXES), ODD_SPACE_RE)) + "]")
_LINE_EDGE_SPACES = (" \n", "\u3000\n", "\n ")


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    """Apply every hygiene fix in order, skipping those whose characters do not occur."""
    # Entities first: &#13; and &#x2028; decode to line breaks that must be normalized too.
    text = decode_html_entities(text, log)
    text = normalize_line_breaks(text, log)
    found = set(_GATE_RE.findall(text))
    if found:
        present = "".join(found)
        for pattern, fix in _GATED_FIXES:
            if pattern.search(present):
                text = fix(text, log)
    text = normalize_nfc(text, log)
    # A tab anywhere is rare and found by memchr: it stands for "\t\n" and "\n\t".
    if (ODD_SPACE_RE.search("".join(found)) or text.startswith((" ", "\t")) or "\t" in text
            or text.endswith((" ", "\t", "\u3000")) or any(s in text for s in _LINE_EDGE_SPACES)):
        text = normalize_spaces(text, log)
    if found:
        # An invisible character or odd space inside mojibake blocks its repair in the encoding
        # stage; now that it is gone, repair again (clean text never gets here).
        text = repair_mojibake(text, log)
    return text
