"""What a report title or heading glued onto a line of chrome looks like: the data behind
``cleaner.glued_title``. Nothing here runs per document but the compiled patterns.
"""

from __future__ import annotations

import re

from cleaner.layout_patterns import CJK_NUMERAL, HAN, SPACE

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
