"""Thresholds and patterns of the repeats stage (``cleaner.stages.repeats``), apart from its logic.

The numbers come from the gold bodies (``bench/gold``, 488 paragraphs), the raw seeds and the
negative set, where no paragraph of a single report repeats. What does repeat legitimately is
short: in a compilation every report has its ``政府工作报告``, ``各位代表：`` and ``一、2022年工作回顾``
(seed 000); the longest line of the gold without a sentence end is a meeting line of 34
characters (``2022年10月28日在临川区高坪镇第十九届人民代表大会第三次会议上``), the longest target in a
list of targets 26 (``规模以上工业增加值增长8.5%左右；``), which may come back in the next year's list.
"""

from __future__ import annotations

import re

from cleaner.layout_patterns import HAN

# ---------------------------------------------------------------- one paragraph repeated
ADJACENT_MIN = 4
"""A line repeated right after itself (blank lines aside) goes when it holds this many Chinese
characters: the catalogue's "natural reduplication of 4 characters or more is rare". Shorter ones
stay, and so do table cells of figures (``100万元``) and separators (``||||``)."""
PARAGRAPH_MIN = 30
"""A paragraph repeated further down goes from this many characters on (spaces aside): longer than
the targets of a list (26 in the gold), which may come back in the next year's list."""
NEAR_WINDOW = 6
"""Within this many paragraphs a repeat of ``PARAGRAPH_MIN`` characters or more is a scrape
overlap (a page's last paragraphs fetched again at the top of the next one)."""
SENTENCE_INSIDE_RE = re.compile("[。！？；!?;]")
"""Further apart, a repeat goes only when it holds two sentences or more (a sentence end before its
last character): a one-sentence line, a slogan or a closing call, may come back on purpose."""

# ---------------------------------------------------------------- a reposted copy
COPY_MIN_PARAGRAPHS = 3
"""A reposted copy is a run of at least this many paragraphs that repeat, in order, earlier ones."""
COPY_MIN_CHARS = 200
"""... that repeats at least this many characters (counted from its first original to its last),
with a paragraph of content among them (a run of short headings and salutations that two
compiled reports share is not a copy) ..."""
COPY_MIN_SIMILARITY = 0.9
"""... whose text is at least this similar (Indel, 1 − edits / total length) to the paragraphs it
repeats."""
NEAR_LINE_MIN = 20
"""Inside a copy, a paragraph with a small edit (a comma made 、, a word changed) matches its
original when it is at least this long ..."""
NEAR_LINE_SIMILARITY = 0.9
"""... and at least this similar to it (one character changed in 20 gives 0.95)."""
NEAR_SEARCH = 12
"""How many paragraphs past the last matched original an edited paragraph's original is looked for
(a copy drops paragraphs)."""
MAX_STARTS = 8
"""A copy may start at any earlier occurrence of its first paragraph: the latest this many are
tried (a short line repeated a thousand times must not make the search quadratic)."""
WHOLE_REPORT = 0.9
"""Several reports of a compilation share stock paragraphs: a copy that crosses into another report
than its original's goes only when it is that whole report (this share of its characters) again."""

# ---------------------------------------------------------------- an overprinted line
DOUBLED_RE = re.compile("(.{4,}?)\\1+")
"""A line made of one text of 4 characters or more written twice or more (spaces aside):
``政府工作报告政府工作报告``, a bold title overprinted or pasted twice."""
DOUBLED_MAX = 80
"""Only a title or heading is undoubled: at most this many characters (spaces aside), ..."""
PROSE_PUNCTUATION_RE = re.compile("[，,。；;！!？?：:]")
"""... with no sentence punctuation (a sentence said twice is left to the paragraph rules) ..."""
HAN_RE = re.compile(f"[{HAN}]")
"""... and a Chinese character in it (``——————``, ``1111`` and ``ABAB`` stay)."""
GLUED_TITLE_MAX = 40
"""An overprinted title the layout stage has glued to the paragraph after it (a line of no
punctuation longer than 40 characters reads as no heading to it, so ``TTT`` went on with the next
line): the title goes back on a line of its own when one copy holds at most this many characters,
which layout reads as a heading and leaves alone (a longer one would be joined again on the next
run) ..."""
GLUED_MIN_DISTINCT = 4
"""... and this many different characters (``哈哈哈哈哈哈哈哈，…`` and ``2022年2022年…`` stay)."""
