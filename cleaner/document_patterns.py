"""Patterns and tables of whole documents, compiled once: data for ``split`` and ``metadata``.

What the lines that open and close a Chinese government report look like (the title, the
meeting line, the speaker, the ``各位代表：`` opening, the closing call), what a compilation's
table of contents looks like, and the place suffixes that give an administrative level. The
logic that uses them lives in ``cleaner.split`` and ``cleaner.metadata``.

All patterns are matched against one stripped line of cleaned text (one paragraph per line,
full-width punctuation) with ``fullmatch`` unless their name says ``SEARCH``.
"""

from __future__ import annotations

import re

from cleaner.layout_patterns import CJK_NUMERAL, HAN

_NUM = f"[{CJK_NUMERAL}\\d]"
_NO_PROSE = "[^，,。；;！!？?：:《》“”]"  # a title has no sentence punctuation and quotes nothing
_SPACE = "[ \u3000]"

# ---------------------------------------------------------------- document types
# (marker in a title, doc_type), most specific first: the first marker found in a title wins.
# A summary that also plans the next year (工作总结和2024工作思路) is its own type.
DOC_TYPES: tuple[tuple[str, str], ...] = (
    ("政府工作报告", "government_work_report"),
    ("工作总结", "work_summary"),
    ("工作计划", "work_plan"),
    ("工作要点", "work_plan"),
    ("工作思路", "work_plan"),
    ("工作安排", "work_plan"),
    ("工作报告", "work_report"),
)
SUMMARY_AND_PLAN = "work_summary_and_plan"
# The first sentence of a government work report, after 各位代表 (it also says what the report is
# when the title is lost): 现在，我代表高坪镇人民政府向大会作工作报告 / 我代表司马浦镇人民政府…
REPORT_OPENING_RE = re.compile("(?:现在[，,]?)?我代表[^，。]{0,20}人民政府")
_DOC_MARKERS = "|".join(marker for marker, _ in DOC_TYPES)

# ---------------------------------------------------------------- lines of a title block
# 罗针镇政府工作报告 / 政府工作报告 / 政府工作报告（2023.2.10） / 下各镇2023年工作总结和2024 工作思路.
# Numbered lines (TOC entries, 一、…工作安排 headings) are not titles: see TOC_ENTRY_RE.
TITLE_RE = re.compile(f"(?![{CJK_NUMERAL}\\d]+[、.．])(?!（)({_NO_PROSE}{{0,24}}?)"
                      f"(?:{_DOC_MARKERS}){_NO_PROSE}{{0,16}}")
# A compilation's own title: 2022年乡镇政府工作报告-11篇, …汇编, …合集
COMPILATION_TITLE_RE = re.compile(f"{_NO_PROSE}{{0,40}}(?:[-－—（(]?{_NUM}+篇[)）]?|汇编|合集|选编|文集)"
                                  f"{_NO_PROSE}{{0,10}}")
# A table of contents: its heading, and entries `1.罗针镇政府工作报告 1` / `罗针镇……1`.
TOC_HEAD_RE = re.compile(f"目{_SPACE}*录")
TOC_ENTRY_RE = re.compile(f"(?:\\d{{1,3}}[.．、]{_SPACE}*.{{2,40}}?{_SPACE}*\\d{{1,4}}"
                          f"|.{{2,40}}?(?:[.．…·]{{3,}}|…+){_SPACE}*\\d{{1,4}})")
_DATE = (f"(?:\\d{{4}}|[〇○零一二三四五六七八九]{{4}}){_SPACE}*年"
         f"{_SPACE}*\\d{{1,2}}{_SPACE}*月{_SPACE}*\\d{{1,2}}{_SPACE}*日")
# ——2022年10月28日在临川区高坪镇第十九届人民代表大会第三次会议上; the layout stage may have left
# it cut short (…罗针镇) or in brackets.
MEETING_RE = re.compile(f"[（(]?(?:——|—|--|－－)?{_SPACE}*{_DATE}{_SPACE}*在{_NO_PROSE}{{2,60}}[）)]?")
# The second half of a meeting line broken in two: 第二十届人民代表大会第三次会议上
MEETING_TAIL_RE = re.compile(f"(?:{_NUM}|第){_NO_PROSE}{{0,20}}(?:会议|大会)上?[）)]?")
# A meeting document's label above the title: 镇六届人大二次 / 会议文件（十） / 大会文件之三
LABEL_RE = re.compile(f"{_NO_PROSE}{{0,16}}(?:会议文件|大会文件|会议材料|届人大{_NUM}+次){_NO_PROSE}{{0,8}}")
_ROLE = "(?:镇长|乡长|县长|区长|市长|省长|主任|书记|主席|代镇长|代乡长|代县长|代区长|代市长)"
# 镇人民政府镇长 魏翔 / 县长 陈永高 / 杨瑞 (a name alone counts only inside a title block)
SPEAKER_RE = re.compile(f"(?:([{HAN}]{{0,16}}{_ROLE}){_SPACE}*)?([{HAN}]{{2,4}})")
NOT_A_NAME_SEARCH_RE = re.compile("工作|回顾|安排|报告|目录|总结|计划|思路|情况|代表|会议|政府|人大")
# 各位代表： / 各位代表、同志们： / 各位代表，各位同志：
OPENING_RE = re.compile("各位代表(?:[、，,]?(?:各位)?同志们?)?[：:]")

# ---------------------------------------------------------------- lines after a title block
# The first section of a report: 一、2022年工作回顾 / 2022年度上半年工作回顾 / 一、工作开展情况
FIRST_SECTION_RE = re.compile(f"(?:一[、.．]{_NO_PROSE}{{2,30}}"
                              f"|{_NO_PROSE}{{0,16}}(?:工作回顾|工作总结|开展情况))")

# ---------------------------------------------------------------- the end of a report
# 各位代表！…让我们…而努力奋斗！ The call to action that closes the speech. Searched in the last
# paragraph before a title block; the ending and one of the rallying words must both be there.
CLOSING_SEARCH_RE = re.compile("(?:让我们|我们要|号召|携手|同心同德|撸起袖子).{0,400}"
                               "(?:奋斗|努力|前进|篇章|画卷|新局面|贡献|奋进|拼搏|新征程|新辉煌|蓝图)"
                               "[^。！!]{0,12}[！!。]$")
# The signature that may follow it: 大会秘书组 2023年3月 / 某某镇人民政府 2023年1月5日
SIGNATURE_RE = re.compile(f"[{HAN}]{{2,16}}(?:秘书组|秘书处|人民政府|办公室){_SPACE}*"
                          r"(?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?")

# ---------------------------------------------------------------- places
# Administrative units, longest suffix first, and the level each gives (市 is read as a city:
# a county-level city cannot be told from the name alone).
PLACE_LEVELS: tuple[tuple[str, str], ...] = (
    ("自治区", "province"), ("自治州", "city"), ("自治县", "county"), ("自治旗", "county"),
    ("街道", "town"), ("省", "province"), ("市", "city"), ("区", "county"), ("县", "county"),
    ("旗", "county"), ("镇", "town"), ("乡", "town"),
)
PLACE_UNIT_SEARCH_RE = re.compile(f"[{HAN}]+?(?:{'|'.join(s for s, _ in PLACE_LEVELS)})")
# A name never starts with these (我代表镇…, 全乡, 各区): they make a word, not a place.
NOT_A_NAME_START = "我本全该各此每这其乡城村县区市镇省"
# Where a meeting line's place ends: 高坪镇第十九届… / 茅排乡十九届… / 京东镇人大…
MEETING_PLACE_END_SEARCH_RE = re.compile(f"第?{_NUM}+届|人民代表大会|人大|会议|大会")
# 我代表高坪镇人民政府
OPENING_PLACE_SEARCH_RE = re.compile(f"代表([{HAN}]{{2,20}}?)人民政府")

# ---------------------------------------------------------------- dates and meetings
DATE_SEARCH_RE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# 第十九届人民代表大会第三次会议 (the 第 or the 议 may be missing from a cut or careless line)
MEETING_NAME_SEARCH_RE = re.compile(f"第?({_NUM}+)届(人民代表大会|人大)(?:常务委员会)?"
                                    f"第({_NUM}+)次(?:全体)?会议?")
YEAR_SEARCH_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

# ---------------------------------------------------------------- sections and the years
# A top-level heading: 一、2022年工作回顾 / 2022年工作回顾 / 接下来工作安排 (short, no prose marks).
TOP_HEADING_RE = re.compile(f"(?:[{CJK_NUMERAL}]+[、.．])?{_SPACE}*"
                            f"(?![（(]|\\d{{1,2}}[.．、])({_NO_PROSE}{{2,30}})")
# Words that make a top-level heading a review or a plan section (the years it names count).
REVIEW_SEARCH_RE = re.compile("回顾|总结|开展情况|工作情况|主要工作|取得的成绩")
PLAN_SEARCH_RE = re.compile("安排|计划|思路|打算|目标任务|重点工作|主要工作|下一步|下步|今后")
# How the first sentence of a section with no year in its heading may name its year.
LEADING_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
RELATIVE_YEARS: tuple[tuple[str, int], ...] = (("今年", 0), ("明年", 1), ("去年", -1))
LEADING_CHARS = 12  # how far into that sentence the year may stand (今年以来，… / 2023年是…)
