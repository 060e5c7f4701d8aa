"""What a document's outline is read from: the data behind ``cleaner.outline``.

A table of contents names the titles below it, decorated: a number before (``一、`` ``1.``
``（一）`` ``第一篇：`` ``【篇二】`` ``[01]``), a page after (``…… 3`` ``第4页`` ``P12`` ``（3）``),
leader dots, brackets. An entry's *key* is its text without them, kept to Han characters and
digits, so that ``1、罗针镇政府工作报告 ………… 3`` and ``罗针镇政府工作报告`` share one key.
Nothing here runs per document but the compiled patterns.
"""

from __future__ import annotations

import re

from cleaner.zone_patterns import MEETING_RE, OPENING_RE

_S = r"[ \t\u3000]"
_N = r"[一二三四五六七八九十\d]{1,3}"
# A number or bullet before an entry's text; as many as there are (▶ 1. …). A number of four
# digits is a year (2022年工作回顾), never a number.
ENTRY_NUMBER_RE = re.compile(rf"""(?x)
^(?:{_S}*
  (?: [▶►▸▷•·●○◎◉◆◇■□▪▫★☆→➤➢‣∙・❖*>\-—]+
    | [\[【〔〖(（<]{_S}*(?:(?:第{_S}*)?{_N}{_S}*(?:[篇章节部分份]{{1,2}})? | (?:篇|范文){_S}*{_N})
      {_S}*[\]】〕〗)）>]
    | (?:(?:[\u4e00-\u9fff]{{1,2}}{_S}*)?第{_S}*{_N}{_S}*[篇章节部分份]{{1,2}} | 篇{_S}*{_N} | 范文{_S}*{_N}
       | [Nn][Oo]\.?{_S}*\d{{1,3}})
      {_S}*[:：、.．]?
    | \d{{1,3}}(?!\d){_S}*[.、．:：](?!\d) | \d{{1,3}}(?=[ \t\u3000])
    | [一二三四五六七八九十]{{1,3}}{_S}*[、.．:：] | [一二三四五六七八九十]{{1,3}}(?=[ \t\u3000])
    | [①-⑳ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]
  ){_S}*)+""")
# A page reference after an entry's text: after a leader, spaces, a tab or a bar (… 3, 第4页,
# P12, Page 3, - 4 -), in brackets ((3), [第4页]), or glued to the text (第4页, P4).
ENTRY_PAGE_RE = re.compile(rf"""(?x)
(?: (?:{_S}*[.．…·⋯_\-—－]{{2,}}{_S}* | {_S}+(?:[|｜/／]{_S}*)? | {_S}*[|｜/／]{_S}*)
    (?: 第{_S}*\d{{1,4}}{_S}*页 | [Pp](?:age)?{_S}?\.?{_S}?\d{{1,4}} | [-－—]{_S}*\d{{1,4}}{_S}*[-－—]
      | \d{{1,4}}{_S}*页? )
  | {_S}*[(（\[【]{_S}*(?:第{_S}*\d{{1,4}}{_S}*页 | [Pp]\.?{_S}?\d{{1,4}} | \d{{1,4}}{_S}*页?){_S}*[)）\]】]
  | (?<=[^\d\s])(?:第\d{{1,4}}页 | [Pp]\d{{1,4}})
){_S}*$""")
# Where a table of contents written on one line splits into entries: after a page number
# (…… 2页　2　某镇政府工作报告 …… 13页), before the next entry.
ENTRY_SPLIT_RE = re.compile(r"(?:(?<=\d)|(?<=\d页))[ \t\u3000]+(?=\S)")
# What a key keeps: Han characters and digits (brackets, leaders, spaces and Latin letters go).
KEY_CHARACTER_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df\d]")
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A number in a line's shape: digits, Chinese and Roman numerals, circled numbers.
NUMBER_RE = re.compile(r"[\d一二三四五六七八九十百零〇ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ①-⑳]+")

# A line of body text: a paragraph (long), or a sentence (a sentence end, not just a heading's).
BODY_LINE_RE = re.compile(r"[^\n]{60,}|[^\n]{12,}[。！？；][”’」』）)]?$")
BODY_MIN_LENGTH = 60
# Where a report starts, besides its body: its opening address or its meeting line.
REPORT_START_RES = (OPENING_RE, MEETING_RE)

SHORT_LINE = 80
"""An entry, a title or a line around a title is at most this long once stripped."""
ENTRIES_LINE = 240
"""A table of contents on one line is at most this long."""
ECHO_WINDOW = 3
"""A title and the lines after it, this many in all (with its place and year), are what an entry
may name."""
ECHO_PIECES = 3
"""An entry names a title when it is made of at most this many pieces of the title and the lines
after it (罗针镇 + 政府工作报告), each of two characters or more."""
