"""Chrome glued onto report text, judged as the line it would be on its own.

A scraped page glues chrome onto a paragraph (``【打印本页】【关闭窗口】全年新建公路18公里。``,
``全年新建公路18公里。　责任编辑：李明``, ``…改造危桥3座。浏览次数：1256``). The line and score
rules judge whole lines, and the line holds a report sentence, so they leave it, chrome and all.
After the stage's rules ran, ``drop_glued_chrome`` splits each such line into its pieces (the
chrome before the first gap or after the last sentence end of report text),
runs the line and score rules once over the text with the pieces on lines of their own, and
deletes from the real text each chrome piece they delete there: the rule that did it is named in
the change. Nothing else of that probe is kept: the report text is never touched.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.change import ChangeLog
from cleaner.glued_title_patterns import (
    CHROME_GAP_RE,
    CLAUSE_MARKS_RE,
    CONTINUING_WORDS,
    GLUED_CHROME_RE,
    GLUED_SENTENCES_RE,
    GLUED_TAIL_MARKS_RE,
    GLUED_TEXT_START_RE,
    SENTENCE_END_CHARS,
)
from cleaner.layout_patterns import SPACE

# A probe: the text with pieces on lines of their own, and the chrome pieces -> the changes the
# rules made to it, or None when no rule may judge a piece.
Probe = Callable[[str, list[str]], "ChangeLog | None"]


def glued_pieces(line: str) -> tuple[tuple[int, int], list[tuple[int, int, str]]] | None:
    """The report text of ``line`` (its span) and the chrome glued before or after it (spans
    with their gap, and the chrome alone), or ``None`` when the line is not report text with
    chrome glued on. Chrome holds no sentence end: ``…。其中，全镇…`` has no chrome piece.

    >>> text, pieces = glued_pieces("【打印本页】【关闭窗口】全年新建农村公路18公里，改造危桥3座。")
    >>> text, pieces
    ((12, 32), [(0, 12, '【打印本页】【关闭窗口】')])
    >>> glued_pieces("全年新建农村公路18公里，改造危桥3座。　责任编辑：李明")[1]
    [(20, 28, '责任编辑：李明')]
    >>> glued_pieces("全年新建农村公路18公里。改造危桥3座，完成投资1.2亿元。") is None
    True
    >>> glued_pieces("全年新建农村公路18公里，改造危桥3座。具体工作如下：") is None
    True
    """
    body = line.rstrip(SPACE)
    # most paragraphs: no gap of chrome near the start, a sentence end at the end
    if body[-1:] in SENTENCE_END_CHARS and not CHROME_GAP_RE.search(body, 0, 80):
        return None
    last = max(body.rfind("。"), body.rfind("！"), body.rfind("？"))
    if last < 0:  # a heading, a title: no sentence to glue chrome to
        return None
    pieces: list[tuple[int, int, str]] = []
    high = last + 1
    while high < len(body) and body[high] in SENTENCE_END_CHARS:
        high += 1
    tail = body[high:].lstrip(SPACE)
    # right after a sentence, with no gap, words alone (…。其中，全镇) may be the next sentence,
    # broken by the page; chrome glued there shows a label, a count or a button (…。浏览次数：1256)
    if tail and GLUED_CHROME_RE.fullmatch(tail) and (
            body[high] in SPACE or (GLUED_TAIL_MARKS_RE.search(tail) and tail[-1] not in "：:")):
        pieces.append((high, len(line), tail))
    else:
        high = len(body)
    for gap in GLUED_TEXT_START_RE.finditer(body, 1, min(81, high)):
        head = body[:gap.start()].strip(SPACE)
        # a single space or a middle dot may stand inside a sentence (3楼 会议室, 2楼·东侧), and a
        # clause mark says the words before it are the sentence's own
        if gap.group() in (" ", "·") or CLAUSE_MARKS_RE.search(head):
            continue
        # text going on from the bracket (【打印本页】等功能…): the bracket is the sentence's subject
        if body[gap.end():gap.end() + 1] in CONTINUING_WORDS:
            continue
        if GLUED_CHROME_RE.fullmatch(head) and GLUED_SENTENCES_RE.fullmatch(body, gap.end(), high):
            return (gap.end(), high), [(0, gap.end(), head), *pieces]
    if not pieces or not GLUED_SENTENCES_RE.fullmatch(body, 0, high):
        return None
    return (0, high), pieces


def drop_glued_chrome(text: str, probe: Probe, log: ChangeLog | None) -> str:
    r"""``text`` without the chrome pieces glued onto its report text that ``probe`` (the
    stage's line and score rules) deletes when each piece stands on its own line.

    >>> def probe(variant, pieces):  # a stand-in for the rules: deletes lines that hold 责任编辑
    ...     log = ChangeLog(stage="demo")
    ...     for number, line in enumerate(variant.split("\n"), 1):
    ...         if "责任编辑" in line:
    ...             log.record("demo.editor", number, 0, line + "\n", "")
    ...     return log
    >>> drop_glued_chrome("各位代表：\n全年新建公路18公里。　责任编辑：李明\n结尾。", probe, None)
    '各位代表：\n全年新建公路18公里。\n结尾。'
    """
    lines = text.split("\n")
    split = {index: glued for index, line in enumerate(lines)
             if len(line) >= 12 and (glued := glued_pieces(line)) is not None}
    if not split:
        return text
    variant_lines: list[str] = []
    for index, line in enumerate(lines):
        if index not in split:
            variant_lines.append(line)
            continue
        (low, high), pieces = split[index]
        heads = [chrome for start, _, chrome in pieces if start == 0]
        tails = [chrome for start, _, chrome in pieces if start > 0]
        variant_lines += [*heads, line[low:high], *tails]
    probed = probe("\n".join(variant_lines),
                   [chrome for _, pieces in split.values() for _, _, chrome in pieces])
    if probed is None:
        return text
    deleted: dict[str, tuple[str, str]] = {}
    for change in probed.changes:
        if not change.after and change.before.endswith("\n"):
            for cut in change.before[:-1].split("\n"):
                deleted.setdefault(cut, (change.rule, change.reason))
    offset = 0
    for index, line in enumerate(lines):
        at, offset = offset, offset + len(line) + 1
        if index not in split:
            continue
        (low, high), pieces = split[index]
        if line[low:high] in deleted:  # the report text alone is the rules': leave the line
            continue
        kept, last = [], 0
        for start, end, chrome in pieces:
            if chrome not in deleted:
                continue
            rule, reason = deleted[chrome]
            if log is not None:
                log.record(rule, index + 1, at + start, line[start:end], "",
                           f"{reason}; glued to report text".lstrip("; "))
            kept.append(line[last:start])
            last = end
        lines[index] = "".join(kept) + line[last:]
    return "\n".join(lines)
