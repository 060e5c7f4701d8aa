"""The outline of a document: evidence a score rule reads from the document itself.

Wordings change from site to site; the structure of a block does not. A table of contents
names the titles below it: its entries *echo* lines further down (``1、罗针镇政府工作报告 ………… 3``
names the title ``政府工作报告`` and its place ``…罗针镇``). A disclosure block is a *run* of short
``label：value`` lines, whatever its labels. ``Outline`` finds these once per document, on first
use, for the ``echo``, ``run`` and ``above`` features of ``cleaner.scoring``.

An echo is only ever a line *before* what it names, at the top of the document: before the first
body line, and before the first line that any of them names (the first report's title, or its
first heading). A report's own title (followed by its meeting line, its opening address or its
body) names nothing; a heading that reappears in a table of contents stays, the entry goes.

The decorations an entry drops and what a body line is are data: ``cleaner.outline_patterns``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cleaner.outline_patterns import (
    BODY_LINE_RE,
    ECHO_PIECES,
    ECHO_WINDOW,
    ENTRIES_LINE,
    ENTRY_NUMBER_RE,
    ENTRY_PAGE_RE,
    ENTRY_SPLIT_RE,
    HAN_RE,
    KEY_CHARACTER_RE,
    NUMBER_RE,
    REPORT_START_RES,
    SHORT_LINE,
)
from cleaner.zone_patterns import TITLE_LINE_RE
from cleaner.zones import starts_of_lines

_split: tuple[str, list[str], list[int]] | None = None
"""The last text ``Outline.shared`` split, its stripped lines and their offsets (never changed
once made: the outlines of that text share them)."""


def entry_key(line: str) -> str:
    """The text of a (possibly) table-of-contents line without its number, page, leaders and
    brackets: its Han characters and digits.

    >>> entry_key("1、罗针镇政府工作报告 ………… 3"), entry_key("【第二篇】某乡工作总结（第12页）")
    ('罗针镇政府工作报告', '某乡工作总结')
    >>> entry_key("一、2022年工作回顾……3"), entry_key("▶ 高坪镇政府工作报告 P9")
    ('2022年工作回顾', '高坪镇政府工作报告')
    """
    line = ENTRY_NUMBER_RE.sub("", line.strip(), count=1)
    line = ENTRY_PAGE_RE.sub("", line, count=1)
    return "".join(KEY_CHARACTER_RE.findall(line))


def entries_of(line: str) -> list[str]:
    """The entries of a table of contents written on one line (a piece without Han characters,
    a number, goes with the next).

    >>> entries_of("1　甲镇政府工作报告………2页　2　乙乡政府工作报告………13页")
    ['1\\u3000甲镇政府工作报告………2页', '2\\u3000乙乡政府工作报告………13页']
    """
    entries: list[str] = []
    begin: int | None = None
    start = 0
    for match in [*ENTRY_SPLIT_RE.finditer(line), None]:
        end = match.start() if match is not None else len(line)
        if begin is None:
            begin = start
        if HAN_RE.search(line, start, end):
            entries.append(line[begin:end])
            begin = None
        start = match.end() if match is not None else len(line)
    return entries


def is_body(line: str) -> bool:
    """Whether a stripped line is body text: a paragraph or a sentence.

    >>> is_body("全年完成财政收入3422万元。"), is_body("一、2022年工作回顾")
    (True, False)
    """
    return BODY_LINE_RE.match(line) is not None


def starts_report(line: str) -> bool:
    """Whether a stripped line starts a report's text: body, opening address or meeting line.

    >>> starts_report("各位代表："), starts_report("——2023年2月10日在正余镇第二十届人民代表大会第三次会议上")
    (True, True)
    >>> starts_report("罗针镇政府工作报告")
    False
    """
    return is_body(line) or any(pattern.match(line) for pattern in REPORT_START_RES)


def shape(line: str) -> str:
    """A line with its numbers (digits, Chinese numerals) as ``#`` and without blanks: the
    separators between the reports of a compilation share one shape.

    >>> shape("==== 第2篇 ===="), shape("◆ 文档十二 ◆")
    ('====第#篇====', '◆文档#◆')
    """
    return NUMBER_RE.sub("#", "".join(line.split()))


def names(key: str, window: list[str], title_share: float = 1 / 3) -> bool:
    """Whether an entry's ``key`` names the title ``window[0]`` (keys of the title and the lines
    after it): it is the title's key, or it is made of a few pieces of them, the title giving at
    least ``title_share`` of it (``罗针镇`` from the meeting line + ``政府工作报告`` from the title).

    >>> names("罗针镇政府工作报告", ["政府工作报告", "2022年10月28日在临川区罗针镇"])
    True
    >>> names("荣山镇工作报告", ["荣山镇政府工作报告"]), names("镇政府办公室", ["政府工作报告"])
    (True, False)
    """
    if key == window[0]:
        return True
    position = pieces = from_title = 0
    while position < len(key):
        longest, source = 0, 0
        for index, text in enumerate(window):
            size = 2
            while position + size <= len(key) and key[position:position + size] in text:
                size += 1
            if size - 1 > longest:
                longest, source = size - 1, index
        pieces += 1
        if longest < 2 or pieces > ECHO_PIECES:
            return False
        from_title += longest if source == 0 else 0
        position += longest
    return from_title >= title_share * len(key)


@dataclass
class Outline:
    """A document's lines (stripped) and what was found about them so far."""

    lines: list[str]
    starts: list[int]
    """Where each line starts in the text."""
    _echoes: dict[int, dict[int, int]] = field(default_factory=dict, repr=False)
    _entries: dict[int, int] = field(default_factory=dict, repr=False)
    _runs: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    _run_ends: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    _above_titles: Counter[str] | None = field(default=None, repr=False)
    _shapes: Counter[str] | None = field(default=None, repr=False)

    @classmethod
    def shared(cls, text: str) -> Outline:
        """A fresh outline of ``text`` (what it finds is its own: a rule's answers may depend
        on what it asked before) on the lines and offsets split once for all the rules that
        ask in turn: the last text asked for is remembered.

        >>> text = "目录\\n一、回顾 1"
        >>> first, second = Outline.shared(text), Outline.shared(text)
        >>> first is not second and first.lines is second.lines
        True
        """
        global _split
        cached = _split  # one read: another thread may replace it
        if cached is None or cached[0] is not text:
            outline = cls.of(text)
            _split = (text, outline.lines, outline.starts)
            return outline
        return cls(cached[1], cached[2])

    @classmethod
    def of(cls, text: str) -> Outline:
        """The outline of ``text``.

        >>> outline = Outline.of("目录\\n一、回顾 1\\n\\n二、安排 5")
        >>> outline.lines, outline.index(10)
        (['目录', '一、回顾 1', '', '二、安排 5'], 2)
        """
        raw = text.split("\n")
        return cls([line.strip() for line in raw], starts_of_lines(raw))

    def index(self, offset: int) -> int:
        """The line that starts at (or holds) ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def next_filled(self, index: int, step: int = 1) -> int | None:
        """The next line after ``index`` that holds text (``step=-1``: the one before)."""
        index += step
        while 0 <= index < len(self.lines):
            if self.lines[index]:
                return index
            index += step
        return None

    def echo(self, index: int, min_length: int) -> int | None:
        """The line further down that line ``index`` names (its key at least ``min_length``
        characters, two of them Han), when it names one: see the module docstring.

        >>> outline = Outline.of("目录\\n甲镇政府工作报告 1\\n乙乡政府工作报告 9\\n甲镇政府工作报告\\n"
        ...                      "各位代表：\\n乙乡政府工作报告\\n各位代表：")
        >>> [outline.echo(i, 4) for i in range(7)]
        [None, 3, 5, None, None, None, None]
        """
        if min_length not in self._echoes:
            self._echoes[min_length] = self._find_echoes(min_length)
        return self._echoes[min_length].get(index)

    def _find_echoes(self, min_length: int) -> dict[int, int]:
        lines = self.lines
        first_body = next((i for i, line in enumerate(lines) if is_body(line)), len(lines))
        candidates: list[tuple[int, str]] = []
        for index in range(first_body):
            line = lines[index]
            if not line or len(line) > ENTRIES_LINE or starts_report(line):
                continue
            if self._is_title(index) and not ENTRY_PAGE_RE.search(line):
                continue  # a report's own title (or a heading): it names nothing
            following = self.next_filled(index)
            if following is not None and lines[following] == line:
                continue  # a line doubled: the copies name nothing
            key = entry_key(line)
            if len(key) >= min_length and len(HAN_RE.findall(key)) >= 2:
                candidates.append((index, key))
        if not candidates:
            return {}
        titles = [i for i in range(candidates[0][0] + 1, len(lines))
                  if lines[i] and len(lines[i]) <= SHORT_LINE and not is_body(lines[i])
                  and self._is_title(i)]
        windows: dict[int, list[str]] = {}

        def named(key: str, floor: int) -> int | None:
            """The first title below ``floor`` that ``key`` names."""
            for title in titles:
                if title <= floor:
                    continue
                if title not in windows:
                    windows[title] = self._window(title)
                if names(key, windows[title]):
                    return title
            return None

        found: dict[int, int] = {}
        last: dict[int, int] = {}
        for index, key in candidates:
            # entries in a row name titles in their order (each report titled 政府工作报告)
            previous = self.next_filled(index, -1)
            floor = max(index, last.get(previous, -1) if previous is not None else -1)
            title = named(key, floor) if len(lines[index]) <= SHORT_LINE else None
            if title is not None:
                found[index] = last[index] = title
                continue
            targets = self._entries_named(lines[index], min_length, floor, named)
            if targets:
                found[index], last[index] = targets[0], targets[-1]
                self._entries[index] = len(targets)
        if not found:
            return {}
        first = min(found.values())  # the first report starts there: nothing below is an entry
        return {index: title for index, title in found.items() if index < first}

    @staticmethod
    def _entries_named(line: str, min_length: int, floor: int,
                       named: Callable[[str, int], int | None]) -> list[int]:
        """The titles the entries of a table of contents on one line name, in order; empty
        unless there are two entries or more and each names one."""
        keys = [entry_key(entry) for entry in entries_of(line)]
        if len(keys) < 2 or any(len(key) < min_length for key in keys):
            return []
        targets: list[int] = []
        for key in keys:
            title = named(key, max([floor, *targets]))
            if title is None:
                return []
            targets.append(title)
        return targets

    def entries(self, index: int) -> int:
        """How many entries line ``index`` holds when it is a table of contents on one line
        (found by ``echo``), else 1."""
        return self._entries.get(index, 1)

    def _is_title(self, index: int) -> bool:
        """Whether line ``index`` is placed as a title is: right above a report's start (body,
        opening address, meeting line), or above a heading right above body text."""
        following = self.next_filled(index)
        if following is None or starts_report(self.lines[index]):
            return False
        if starts_report(self.lines[following]):
            return True
        after = self.next_filled(following)
        return (after is not None and len(self.lines[following]) <= SHORT_LINE
                and is_body(self.lines[after]))

    def _window(self, title: int) -> list[str]:
        """The keys of a title and the short lines after it (its place, its year)."""
        keys = ["".join(KEY_CHARACTER_RE.findall(self.lines[title]))]
        index: int | None = title
        while len(keys) < ECHO_WINDOW:
            index = self.next_filled(index) if index is not None else None
            if index is None or len(self.lines[index]) > SHORT_LINE or is_body(self.lines[index]):
                break
            keys.append("".join(KEY_CHARACTER_RE.findall(self.lines[index])))
        return keys

    def heads(self, index: int, min_length: int) -> bool:
        """Whether line ``index`` names the title right below it (its key, at least
        ``min_length`` characters, two of them Han, made of pieces of the title and the lines
        after it, whichever gives them): a separator naming its report, ``———— 高坪镇 ————``.

        >>> outline = Outline.of("—— 高坪镇 ——\\n政府工作报告\\n2022年10月29日在临川区高坪镇\\n各位代表：")
        >>> [outline.heads(i, 2) for i in range(4)]
        [True, False, False, False]
        """
        below = self.next_filled(index)
        key = entry_key(self.lines[index])
        if (below is None or len(key) < min_length or len(HAN_RE.findall(key)) < 2
                or starts_report(self.lines[index]) or self._is_title(index)
                or not self._above_title(index)):
            return False  # a report's start or title is no separator
        return names(key, self._window(below), title_share=0)

    def repeats(self, index: int) -> int:
        """How many lines of line ``index``'s shape lie right above a title (see ``_is_title``),
        this one among them; 0 when it does not.

        >>> outline = Outline.of("—— 1 ——\\n甲镇政府工作报告\\n各位代表：\\n"
        ...                      "—— 2 ——\\n乙乡政府工作报告\\n各位代表：")
        >>> [outline.repeats(i) for i in range(6)]
        [2, 0, 0, 2, 0, 0]
        """
        if self._above_titles is None:
            self._above_titles = Counter(
                shape(line) for i, line in enumerate(self.lines)
                if line and len(line) <= SHORT_LINE and self._above_title(i))
        if not self._above_title(index):
            return 0
        return self._above_titles[shape(self.lines[index])]

    def recurs(self, index: int) -> int:
        """How many short lines of the document have line ``index``'s shape (this one among
        them): a link back to the table of contents after each report recurs.

        >>> outline = Outline.of("↑返回目录\\n正文。\\n↑返回目录\\n结尾。")
        >>> [outline.recurs(i) for i in range(4)]
        [2, 1, 2, 1]
        """
        if self._shapes is None:
            self._shapes = Counter(shape(line) for line in self.lines
                                   if line and len(line) <= SHORT_LINE)
        return self._shapes[shape(self.lines[index])] if self.lines[index] else 0

    def _above_title(self, index: int) -> bool:
        """Whether the next line holding text after line ``index`` heads a title block: it is
        placed as a title, or it stands right above a report's title (镇六届人大二次会议文件（十） above
        政府工作报告 above its meeting line), words and not a separator.

        >>> outline = Outline.of("◆\\n大会文件（十）\\n政府工作报告\\n——2023年3月31日在京东镇人民代表大会上")
        >>> [outline._above_title(i) for i in range(4)]
        [True, True, False, False]
        """
        following = self.next_filled(index)
        if (following is None or len(self.lines[following]) > SHORT_LINE
                or starts_report(self.lines[following])):
            return False
        if self._is_title(following):
            return True
        title = self.next_filled(following)
        return (title is not None and len(HAN_RE.findall(self.lines[following])) >= 4
                and TITLE_LINE_RE.match(self.lines[title]) is not None and self._is_title(title))

    def run(self, name: str, index: int, fires: Callable[[int], bool]) -> int:
        """How many lines holding text, one after another (blank lines between them allowed),
        ``fires`` holds for in the run through line ``index`` (0: not for this line); a table of
        contents on one line counts its entries. ``name`` keys the answer: the run of one
        feature is found once.

        >>> outline = Outline.of("a：1\\n\\nb：2\\nc：3\\n正文")
        >>> [outline.run("pair", i, lambda j: "：" in outline.lines[j]) for i in range(5)]
        [3, 0, 3, 3, 0]
        """
        known = self._runs.setdefault(name, {})
        if index in known:
            return known[index]
        if not self.lines[index] or not fires(index):
            known[index] = 0
            return 0
        members = [index]
        for step in (-1, 1):
            other = self.next_filled(index, step)
            while other is not None and fires(other):
                members.append(other)
                other = self.next_filled(other, step)
        length = sum(self.entries(member) for member in members)
        for member in members:
            known[member] = length
        self._run_ends.setdefault(name, {}).update(dict.fromkeys(members, max(members)))
        return length

    def run_above_title(self, name: str, index: int) -> bool:
        """Whether the run of ``name`` through line ``index`` (found by ``run`` before) ends right
        above a title block or a report's start (its opening address, its meeting line).

        >>> outline = Outline.of("编码：1\\n日期：2\\n各位代表：\\n正文。")
        >>> outline.run("pair", 0, lambda j: j < 2), outline.run_above_title("pair", 0)
        (2, True)
        """
        last = self._run_ends.get(name, {}).get(index)
        if last is None:
            return False
        following = self.next_filled(last)
        return following is not None and (starts_report(self.lines[following])
                                          or self._above_title(last))
