"""What a report title or heading glued onto a line of chrome looks like: the data behind
``cleaner.glued_title``. Nothing here runs per document but the compiled patterns.
"""

from __future__ import annotations

import re

from cleaner.layout_patterns import CJK_NUMERAL, HAN, SPACE, UNIT_CHARS

# Words a report title ends with (政府工作报告, 2023年工作总结和2024工作思路 …).
TITLE_WORDS = ("政府工作报告", "工作报告", "工作总结", "工作思路", "工作计划", "工作要点")
# No word of a sentence inside (以下是为大家整理的…工作报告 is a lead-in, not a title).
_TITLE_CHAR = f"(?![的是为您你请])[{HAN}0-9〇]"
_TITLE = f"(?![年月日])(?:{_TITLE_CHAR}){{0,30}}?(?:{'|'.join(TITLE_WORDS)})"
# An outline heading: （三）务实重干，狠抓落实，种好“担当”责任田 — no sentence end inside.
_HEADING = f"[（(][{CJK_NUMERAL}]{{1,3}}[）)][^。！？!?{SPACE}]{{2,48}}"
# Where chrome ends and the title begins (or the title ends and chrome begins): spaces,
# separators, a closing bracket, a colon, or the end of a host name (来源：www.x.cn荣山镇…).
_GAP_BEFORE = f"(?:[{SPACE}|｜丨/>＞›»·•：:]+|(?<=[】〕\\]》」』>])|(?<=[A-Za-z])(?=[{HAN}]))"
_GAP_AFTER = f"(?:[{SPACE}|｜丨/<＜‹«·•]+|(?=[【〔\\[《「『<（(]))"

# A title or heading that ends the line, after some chrome.
GLUED_TAIL_RE = re.compile(f".+?{_GAP_BEFORE}(?P<title>{_TITLE}|{_HEADING})")
# A title that starts the line, before some chrome.
GLUED_HEAD_RE = re.compile(f"(?P<title>{_TITLE}){_GAP_AFTER}.+")

# A report title glued onto chrome with no gap at all (——转自公众号某某录政府工作报告, 字数：87306某镇
# 2023年工作总结和2024年工作思路): only a title of the strict shapes, a place name of two to four
# characters ending in 省/市/县/区/镇/乡 at most before it, so the chrome's words stay out of it.
_PLACE = f"[{HAN}]{{2,4}}(?:省|市|县|区|镇|乡|街道)"
_YEAR = "[0-9]{4}年度?"
_BARE_TITLE = (f"(?:{_PLACE})?(?:{_YEAR})?(?:人民)?政府工作报告"
               f"|(?:{_PLACE})?{_YEAR}(?:上半年)?工作总结(?:[和及暨](?:{_YEAR}|[0-9]{{4}})(?:工作)?(?:思路|计划|打算|要点))?")
# Such a title ending the line: the first place where one reaches the end (the longest title).
BARE_TITLE_TAIL_RE = re.compile(f".+?(?P<title>{_BARE_TITLE})")
# Or starting it, chrome glued right after (政府工作报告发布人：某镇信息员　审核人：…): not a longer
# title going on (政府工作报告（摘要）, 政府工作报告2023), no gap (GLUED_HEAD_RE takes those), and no
# sentence end after it: a title that is the subject of a farm's sentence (…工作总结由网友投稿。) is
# the farm's.
BARE_TITLE_HEAD_RE = re.compile(f"(?P<title>{_BARE_TITLE})(?![（(0-9年的和及暨{SPACE}])[^。！？!?]+")

# The line after a kept title must start the report: its opening address, its meeting line, an
# outline heading or a line of prose; otherwise (a list of titles, a table of contents) the
# title-like text is chrome itself.
PROSE_LINE_RE = re.compile(f"[^{SPACE}].{{23,}}")
PROSE_MARKS = "，。；"
HEADING_LINE_RE = re.compile(
    f"{_HEADING}|[{CJK_NUMERAL}]{{1,3}}、|第[{CJK_NUMERAL}]{{1,3}}(?:部分|章|篇)")
# A label-value line of page chrome (来源单位：镇政府　上传日期：2016.12.17), which may stand
# between a glued title and the report: no sentence mark, a label's colon.
LABEL_LINE_RE = re.compile("[^，。；！？!?]{0,40}[：:｜|][^，。；！？!?]{0,60}")
# The end of a report's last sentence, before the next report of a compilation.
SENTENCE_END_RE = re.compile(f"[。！？!?][”’\"」』）)]?[{SPACE}]*$")

# Report text glued onto chrome in a report's body (``【打印本页】【关闭窗口】全年新建公路18公里。``,
# ``全年新建公路18公里。责任编辑：李明``): whole sentences, each starting with a character of
# text and ending with its sentence end; or an outline heading standing at the line's end.
# (ASCII quotes too: the normalizer turns them into “” only later, after the boilerplate stage)
_SENTENCE_START = f"[{HAN}（(“‘《0-9\"']"
_SENTENCE = f"{_SENTENCE_START}[^。！？!?\\n]{{9,}}?[。！？!?][”’」』）)\"']?"
GLUED_SENTENCES_RE = re.compile(f"(?:{_SENTENCE})+")
# At the line's end, the last may be a lead-in ending in a colon (上半年，我们重点抓了以下工作：), with
# no gap in it (a label's colon ends chrome: 积分 41142　来源：).
GLUED_TAIL_SENTENCES_RE = re.compile(
    f"(?:{_SENTENCE})*{_SENTENCE_START}[^。！？!?：:{SPACE}\\n]{{9,}}?[：:]|(?:{_SENTENCE})+")
# An outline heading's marker: 二、 or （三）.
_HEADING_MARK = f"[{CJK_NUMERAL}]{{1,3}}、|[（(][{CJK_NUMERAL}]{{1,3}}[）)]"
GLUED_HEADING_RE = re.compile(
    f"(?:{_HEADING_MARK}|第[{CJK_NUMERAL}]{{1,3}}部分)[^。！？!?{SPACE}|｜丨]{{2,30}}"
    # or a part's heading without a marker: 2022年度上半年工作回顾, 2024年工作安排
    f"|[0-9]{{4}}年[^。！？!?，{SPACE}|｜丨]{{0,12}}?工作(?:回顾|安排|打算|总结|思路|计划|要点)")
# Report text is a sentence with a clause mark or a number in it, or a heading: a short
# exclamation (欢迎光临！) is chrome's voice.
REPORT_TEXT_MARKS_RE = re.compile(f"[，、；0-9]|^(?:{GLUED_HEADING_RE.pattern})")
# Where chrome ends and report text begins: spaces and separators, a closing bracket, a sentence
# end, or an outline heading's marker. Not a label's colon: what follows a label (资料简介：…，仅
# 供参考。) is its value, the chrome's own text; nor a closing quote (本文为“某某圈”原创，…).
GLUED_TEXT_START_RE = re.compile(
    f"[{SPACE}|｜丨>＞›»·•]+|(?<=[】〕\\]》」』>。！？!?])"
    f"|(?<![{CJK_NUMERAL}第（(])(?=(?:{_HEADING_MARK})[^{CJK_NUMERAL}])")
# A report's signature and date starting a line, with a page's footer glued right after it, no gap
# (大会秘书组 2023年3月主办单位：…): the signer is a body (…组, …政府, …办公室), never a label (发布日期)
# nor a source (某县融媒体中心); after a gap: the fields of a meta line (某镇人民政府　2023年3月1日　浏览：3).
GLUED_SIGNATURE_RE = re.compile(
    f"[{HAN}]{{1,12}}(?:组|政府|办公室|委员会|主席团|党委|人大)[{SPACE}]*"
    f"[0-9]{{4}}年[0-9]{{1,2}}月(?:[0-9]{{1,2}}日)?(?![0-9日{SPACE}])")
# Where a heading that starts a line ends and chrome begins: spaces, separators or an opening
# bracket.
GLUED_TEXT_END_RE = re.compile(f"[{SPACE}|｜丨<＜‹«·•]+|(?=[【〔\\[<])")
# An outline heading that starts a line, before such a gap and chrome of words (not the page
# number of a table of contents: 一、工作回顾 / 3).
GLUED_LEAD_HEADING_RE = re.compile(
    f"(?:{_HEADING_MARK})[^。！？!?{SPACE}|｜丨【〔\\[<]{{2,30}}"
    f"(?=(?:{GLUED_TEXT_END_RE.pattern}).*?[A-Za-z{HAN}]{{2}})")

# What a number of the report goes on with (2022年, 488.24万元, 14个): a deletion that ends inside
# such a number took its digits from the text after it (#Q7#mK#2022 before 年工作回顾).
NUMBER_CONTINUES = UNIT_CHARS | frozenset("年月日号时余多")
# Chrome glued before or after report text (cleaner.glued_chrome): no sentence end in it, two
# characters of text at least; a piece of a sentence (…。其中，全镇) is judged like any line.
GLUED_CHROME_RE = re.compile(f"(?=[^{SPACE}]{{2}})[^。！？!?\\n]{{2,80}}")
# What a line that may hold chrome glued on shows (cleaner.glued_chrome): a gap, a separator or a
# closing bracket of chrome in its first 80 characters, or no sentence end (with its closing
# marks) at its end. Most paragraphs show neither and are not looked into.
CHROME_GAP_RE = re.compile(f"[{SPACE}|｜丨>＞›»·•】〕\\]]")
SENTENCE_END_CHARS = frozenset("。！？!?”’」』）)")
CLAUSE_MARKS_RE = re.compile("[，、；]")
# Words that go on from what stands before them (等, 和, 的 …): no sentence starts with them.
CONTINUING_WORDS = frozenset("等和及与或的之被均都也则")
# What chrome glued right after a sentence end shows (a label's colon, a count, a button, a host,
# an account): words alone there may be the next sentence, broken by the page.
GLUED_TAIL_MARKS_RE = re.compile("[：:｜|【\\[〔0-9@/]")
