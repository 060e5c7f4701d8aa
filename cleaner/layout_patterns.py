"""Patterns and character sets of document layout, compiled once: the layout stage's data.

What a heading, a title block, a page number or a spaced-out title looks like in Chinese
government reports (noise catalogue §1 families 6–10, §4). The logic that uses them lives in
``cleaner.stages.layout``; nothing here runs per document but the compiled patterns.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SPACE = " \u3000\t"  # a tab is a space here: the whitespace stage makes it one
CJK_NUMERAL = "一二三四五六七八九十百零〇"

# ---------------------------------------------------------------- sentence ends, continuations
# A line ends a sentence when its last mark (before closing quotes/brackets) is one of these.
# Half-width :;!? count too: seed 000 flattened its punctuation to ASCII.
SENTENCE_END_CHARS = frozenset("。！？；：…!?;:")
CLOSING_CHARS = frozenset("”’」』）)》〉】〕\"'")
# A sentence end inside a line: a line that has one is prose, not a heading.
SENTENCE_INSIDE_RE = re.compile("[。！？；!?;]")
# Punctuation that makes a short line prose rather than an unnumbered heading.
PROSE_PUNCTUATION_RE = re.compile("[，,。；;！!？?：:]")
# Marks that typesetting keeps on the line of the character before them.
CLOSING_PUNCTUATION = frozenset("，。、；：？！”’）》」』〕】,.;:?!)]")
# Marks that never start a line of their own: a line starting with one continues the last.
CONTINUATION_PUNCTUATION = frozenset("，。、；：？！）》〉】〕”’,.;:?!)")
# Characters that never start a paragraph or a heading (particles, the plural suffix).
CONTINUATION_HAN = frozenset("的了们")
# Units after a number: "…达到50" + "万元…" is one number broken across two lines.
UNIT_CHARS = frozenset("万亿千百元个%％人户家件处亩米吨台套项次名所座条辆倍")

# ---------------------------------------------------------------- headings
# Numbered heading markers (GB/T 9704 levels and the usual variants). ``1.`` must not be
# followed by a digit: ``1.5亿元`` starts with a number, not a heading.
MARKER = (
    rf"[{CJK_NUMERAL}]+、"
    rf"|[（(][{CJK_NUMERAL}]+[)）]"
    r"|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[)）]"
    "|[\u2460-\u2473\u2474-\u2487\u3220-\u3229]"
    rf"|第[{CJK_NUMERAL}\d]+(?:[章节篇]|部分)"
)
STRONG_MARKER_RE = re.compile(f"[{SPACE}]*(?:{MARKER})")
# Every marker, strong or weak, starts with one of these: a cheap test before the patterns.
MARKER_FIRST_CHARS = frozenset(CJK_NUMERAL + "（(0123456789第—-－" + "".join(
    chr(c) for c in [*range(0x2460, 0x2488), *range(0x3220, 0x322A)]))
# Markers that also occur inside a wrapped sentence: they stop a join only when nothing else
# says that the line goes on (一是…二是… enumerations, —— and -- lead-in bullets).
WEAK_MARKER_RE = re.compile(f"[{SPACE}]*(?:[{CJK_NUMERAL}]是|——|--|－－)")

# ---------------------------------------------------------------- the title block (§4)
_NO_PROSE = "[^，,。；;！!？?：:]"
TITLE_RE = re.compile(
    f"{_NO_PROSE}{{0,24}}(?:政府工作报告|工作报告|工作总结|工作思路|工作计划|工作要点){_NO_PROSE}{{0,16}}"
)
_YEAR = "(?:\\d{4}|[〇○零一二三四五六七八九]{4})"
_MONTH_DAY = "(?:\\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\\d{1,2}|[一二三四五六七八九十]{1,3})日"
_DATE_AT = (
    f"[（(]?[{SPACE}]*(?:——|—|--|－－)?[{SPACE}]*{_YEAR}[{SPACE}]*年[{SPACE}]*{_MONTH_DAY}[{SPACE}]*在"
)
# The start of a meeting line, complete or not: ——2023年2月10日在正余镇
MEETING_HEAD_RE = re.compile(f"{_DATE_AT}[^，,。；;！!？?：:]{{0,60}}")
# A complete meeting line: …在正余镇第二十届人民代表大会第三次会议上
MEETING_LINE_RE = re.compile(
    f"{_DATE_AT}[^，,。；;]{{0,30}}?第?[{CJK_NUMERAL}\\d]+届[^，,。；;]{{0,24}}?"
    f"第[{CJK_NUMERAL}\\d]+次(?:全体)?会议上?[)）]?"
)
_ROLE = "(?:长|主任|书记|总理|主席|委员)"
# 镇人民政府镇长 魏 翔 / 县长 陈永高
SPEAKER_RE = re.compile(f"[{HAN}]{{0,16}}{_ROLE}[{SPACE}]+[{HAN}](?:[{SPACE}]*[{HAN}]){{1,3}}")
# A name alone on a line (杨 瑞): a speaker line only inside the title block.
NAME_LINE_RE = re.compile(f"[{HAN}](?:[{SPACE}]*[{HAN}]){{1,3}}")
# A field line of a page's header or a form: 来源：正余镇人民政府, 发布时间:2023-03-22 09:51
# A label without a value (工作：) is the end of a sentence broken at a page end, not a field.
FIELD_LINE_RE = re.compile(
    f"[{SPACE}]*[{HAN}]{{2,8}}[{SPACE}]*[:：][{SPACE}]*[^，,。；;、！!？?“”\"（）(){SPACE}][^，,。；;、！!？?“”\"（）()]{{0,29}}")
SALUTATION_RE = re.compile("(?:各位代表|同志们)[^。！？!?]{0,12}[：:！!]")

# ---------------------------------------------------------------- page furniture
# Dash forms are the official footer (GB/T 9704 §7.5).
PAGE_NUMBER_RE = re.compile(
    f"[-—–－]{{1,2}}[{SPACE}]*\\d{{1,4}}[{SPACE}]*[-—–－]{{1,2}}"
    f"|第[{SPACE}]*\\d{{1,4}}[{SPACE}]*页(?:[{SPACE}]*[,，/／]?[{SPACE}]*共[{SPACE}]*\\d{{1,4}}[{SPACE}]*页)?"
    f"|共[{SPACE}]*\\d{{1,4}}[{SPACE}]*页[{SPACE}]*[,，/／]?[{SPACE}]*第[{SPACE}]*\\d{{1,4}}[{SPACE}]*页"
    f"|[Pp]age[{SPACE}]*\\d{{1,4}}(?:[{SPACE}]*of[{SPACE}]*\\d{{1,4}})?"
)
# 3/15 and a bare 12: page numbers only with evidence (a sequence, or a broken sentence).
PAGE_FRACTION_RE = re.compile(f"(\\d{{1,3}})[{SPACE}]*[/／][{SPACE}]*(\\d{{1,3}})")
BARE_NUMBER_RE = re.compile("\\d{1,3}")
# Browser print header (date, time, title) and footer (URL, page/pages).
PRINT_HEADER_RE = re.compile(
    f"\\d{{4}}/\\d{{1,2}}/\\d{{1,2}}[{SPACE}]*(?:上午|下午)?[{SPACE}]*\\d{{1,2}}:\\d{{2}}(?::\\d{{2}})?"
    f"(?:[{SPACE}]*(?:AM|PM|am|pm))?(?:[{SPACE}]+[^。！？!?]{{0,80}})?"
)
PRINT_FOOTER_RE = re.compile(f"(?:https?://|www\\.)\\S+[{SPACE}]+\\d{{1,3}}[{SPACE}]*/[{SPACE}]*\\d{{1,3}}")
# Word field codes shown as text in a table of contents; the page number stays.
TOC_FIELD_RE = re.compile(
    f"[{SPACE}]*(?:"
    f'TOC[{SPACE}]+\\\\o[{SPACE}]+"[^"]*"(?:[{SPACE}]+\\\\[a-z])*'
    f'|HYPERLINK[{SPACE}]+\\\\l[{SPACE}]+"_Toc\\d+"'
    f"|PAGEREF[{SPACE}]+_Toc\\d+(?:[{SPACE}]+\\\\h)?"
    f"(?:[{SPACE}]*[-—－]?[{SPACE}]*(?P<page>\\d{{1,4}})[{SPACE}]*[-—－]?)?"
    f")[{SPACE}]*"
)
TOC_FIELD_TRIGGERS = ("PAGEREF", "HYPERLINK", "TOC \\o")

# ---------------------------------------------------------------- spaced-out text
# A whole line of single characters (政 府 工 作 报 告, 杨 瑞; an overprinted copy glues two of
# them: 报 告政 府); a run of three or more single characters inside a line; a spaced
# two-character name after a role (镇长 魏 翔) or title after a chapter number (第一章  总  则).
SPACED_LINE_RE = re.compile(f"[{SPACE}]*[{HAN}]{{1,2}}(?:[{SPACE}]+[{HAN}]{{1,2}})+[{SPACE}]*")
SPACED_RUN_RE = re.compile(f"(?<![{HAN}])[{HAN}](?:[{SPACE}]+[{HAN}](?![{HAN}])){{2,}}")
SPACED_NAME_RE = re.compile(
    f"({_ROLE}|^[{SPACE}]*第[{CJK_NUMERAL}\\d]+[章节篇])[{SPACE}]+([{HAN}])[{SPACE}]+([{HAN}])(?![{HAN}])"
)
SPACES_RE = re.compile(f"[{SPACE}]+")
HAN_RUN_START_RE = re.compile(f"[{HAN}]+")

# ---------------------------------------------------------------- collapsed documents
# Collapsed documents: a space run after a sentence end (closing marks may come between; the
# half-width marks only after a Chinese character or closing mark) before what can start a
# paragraph (a Chinese character, an opening mark, a bullet, a digit); a space run before a
# numbered heading marker, after a character, a mark or a digit.
COLLAPSE_END_CHARS = frozenset("。！？；：")
COLLAPSE_HALF_END_CHARS = frozenset("!?;:")
COLLAPSE_CLOSERS = frozenset("”’」』）)》\"")
COLLAPSE_AFTER_HALF_END = frozenset("”’）》\"")
COLLAPSE_NEXT_CHARS = frozenset("“‘（(《「【—-")
COLLAPSE_BEFORE_MARKER = frozenset("”’）》\"。，,、")
# The first space of a heading-led piece: (五)多元供给、民生服务常抓不懈 社会服务有温度。
HEADING_SPACE_RE = re.compile(f"(?<=[{HAN}”’）》\")])[{SPACE}]+(?=[{HAN}“‘（《「(—\"]|--|\\d{{4}}年)")
# A signature's date stays with it: 大会秘书组 2023年3月
DATE_TAIL_RE = re.compile("\\d{4}年(?:\\d{1,2}月(?:\\d{1,2}日)?)?")
# A role and the name after it stay together: 镇人民政府镇长 魏翔
ROLE_END_RE = re.compile(f"{_ROLE}$")
NAME_AHEAD_RE = re.compile(f"[{HAN}]{{2,3}}(?:[{SPACE}]|$)")

# ---------------------------------------------------------------- paragraph starts
# In a hard-wrapped document without indents or blank lines, a full line that ends a sentence
# may end its paragraph or not; what the next line opens with decides. Measured on the clean
# originals (tests/golden/layout/originals, 480 paragraphs, 1162 sentences inside them): a
# short topic sentence of Chinese without a comma (落细防控要求。) opens a paragraph 71 % of the
# time, a year (2022年，…) 74 %, a dash bullet (——一年来，…) 29 times of 29, a salutation
# (各位代表！) always; against a prior of about 29 % for a sentence that starts a line after a
# full one. 一是 opens a paragraph only 30 % of the time, with a topic sentence (二是维护社会和谐
# 稳定。) 33 %: no paragraph start.
TOPIC_SENTENCE_RE = re.compile(f"[{HAN}][^。！？!?，,；;：:、“”\"]{{1,15}}[。！？!?]")
PARAGRAPH_OPENER_RE = re.compile("(?:各位代表|同志们|\\d{4}年|——|--|－－)")

# ---------------------------------------------------------------- wraps
# The first unit of a line, for "would it have fitted on the line above?": opening marks,
# a Latin word or one character, and the closing marks that typesetting keeps with it.
FIRST_UNIT_RE = re.compile(
    "[“‘（《「『〔【(\\[]*(?:[A-Za-z0-9][A-Za-z0-9.,%/\\-+:]*|\\S)[，。、；：？！”’）》」』〕】,.;:?!)\\]]*"
)

# ---------------------------------------------------------------- collapsed without spaces
# A collapsed document whose paragraphs were joined with nothing between them: the only safe
# boundary is a sentence end (closing marks may follow) right before a top-level heading marker
# (一、 （一） 第一章 第一部分). Never 一是 (no 、), never 一、二、三产业 (a list of numerals), never
# after ：；（a running enumeration), never 1. or （1） (numbers, items inside a paragraph).
RUN_ON_BOUNDARY_RE = re.compile(
    "(?<=[。！？!?])[”’」』）)》\"]*"
    f"(?=(?:[{CJK_NUMERAL}]{{1,3}}、(?![{CJK_NUMERAL}]{{1,3}}、)"
    f"|[（(][{CJK_NUMERAL}]{{1,3}}[)）]"
    f"|第[{CJK_NUMERAL}]{{1,3}}(?:章|部分)))"
)
