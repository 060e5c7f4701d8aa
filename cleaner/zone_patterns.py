"""Where a report starts and ends: the data behind rule zones (``cleaner.zones``).

A rule with ``zone = "header"`` acts only before the report starts, ``zone = "footer"`` only
after its closing call: that is where a bare ``来源：XX`` or ``2011-06-18 00:00:00`` line is page
chrome rather than report text. Nothing here runs per document but the compiled patterns.
"""

from __future__ import annotations

import re

from cleaner.layout_patterns import MEETING_HEAD_RE, TITLE_RE

# The opening address that starts the report body: 各位代表：, 各位代表、同志们：, 各位委员：
OPENING_RE = re.compile(
    r"[ \t\u3000]*(?:各位代表|各位委员|各位人大代表)[、，,和及同志们列席会议的人员 \u3000]{0,14}[：:]")
# The meeting line (——2023年2月10日在正余镇…) and the title line (政府工作报告, 工作总结…):
# the layout stage's own definitions, so that both stages agree on what a title block is.
MEETING_RE = MEETING_HEAD_RE
TITLE_LINE_RE = TITLE_RE
# The last words of a closing call: …而努力奋斗！ …而不懈努力。 …作出新的更大贡献！
CLOSING_END_RE = re.compile(
    r"(?:奋斗|努力|前进|进军|拼搏|奋进|力量|贡献|篇章|辉煌|成绩|业绩|未来|新局面)"
    r"[”’\x22')）]?[ \t\u3000]*[！!。][ \t\u3000]*$", re.MULTILINE)
# ... said to the delegates: the closing line (or one of the two before it, when the closing
# paragraph is broken over lines) holds one of these.
CLOSING_CALL_WORDS = ("让我们", "各位代表", "同志们", "我们坚信", "我们相信")
CLOSING_CALL_RE = re.compile("|".join(CLOSING_CALL_WORDS))
CLOSING_CALL_REACH = 2

# How far to look, and what to assume when nothing is found (counted in lines).
HEADER_SEARCH_LINES = 80
"""The opening address or meeting line must occur within the first 80 lines to bound the header."""
HEADER_FALLBACK_LINES = 10
"""Without an opening address or a meeting line, the header is the first 10 lines."""
FOOTER_SEARCH_LINES = 40
"""The last closing call must occur within the last 40 lines to bound the footer."""
FOOTER_FALLBACK_LINES = 10
"""Without a closing call near the end, the footer is the last 10 lines."""
INTERLUDE_MAX_LINES = 15
"""In a compilation, up to 15 lines between a closing call and the next report's title,
meeting line or opening address are footer of the one and header of the next."""
