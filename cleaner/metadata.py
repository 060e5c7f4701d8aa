"""What a report says it is: title, type, place, years, meeting, speaker.

Works on the cleaned text of one report (a segment of ``split_reports``). Every field is read
from the text and is None (``years``: empty) when the text does not state it: nothing is
guessed. Where a value comes from:

- ``title``: the last title line of the title block (a page title above it, such as
  ``政府工作报告（2023.2.10）``, comes first), as written.
- ``doc_type``: the title's marker (``政府工作报告`` → ``government_work_report``, ``工作总结`` →
  ``work_summary``, ``工作计划/要点/思路/安排`` → ``work_plan``, a summary that also plans →
  ``work_summary_and_plan``, another ``工作报告`` → ``work_report``); without a title, a first
  sentence ``我代表…人民政府…`` makes it a government work report.
- ``place`` and ``region``: the most specific unit named in the meeting line (``在抚州市临川区
  罗针镇`` → ``罗针镇``, region ``抚州市临川区``), else in the title, else in ``我代表…人民政府``.
  ``level`` follows the place's suffix: 镇/乡/街道 town, 县/区/旗 county, 市 city, 省 province.
- ``meeting_date`` (ISO) and ``meeting``: from the meeting line; the meeting's name is written
  in full, ``第十九届人民代表大会第三次会议``, even when the line dropped its 第 or was cut after 会.
- ``speaker`` and ``speaker_role``: the line under the meeting line (``镇人民政府镇长 魏翔``).

**Years.** ``years`` holds the years the report reviews or plans, as the report names them in its
title and in its top-level review and plan headings (``一、2022年工作回顾`` + ``二、2023年工作
安排`` → ``(2022, 2023)``). When such a heading names no year, the first words of its first
paragraph may (``2023年是…``, or ``今年以来…`` where 今年 is the meeting date's year). The
meeting date alone never adds a year: a report on 2023 delivered in January 2024 covers 2023 and
plans 2024 because its headings say so, and a report that names no year has ``years == ()``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from cleaner import document_patterns as dp
from cleaner.split import line_kind, speaker_of, title_blocks

_HEAD_LINES = 20
"""The title block is looked for in the first lines only."""
_HEADING_CHARS = 30


@dataclass(frozen=True)
class ReportMeta:
    """What one report says it is; None (``years``: empty) where the text does not say."""

    title: str | None = None
    doc_type: str | None = None
    """``government_work_report``, ``work_summary``, ``work_plan``, ``work_summary_and_plan``,
    ``work_report`` or None."""
    place: str | None = None
    level: str | None = None
    """``town`` (镇/乡/街道), ``county`` (县/区/旗), ``city`` (市), ``province`` or None."""
    years: tuple[int, ...] = ()
    """The years the report reviews or plans (see the module docstring), ascending."""
    meeting_date: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    disclosure: Mapping[str, str] = field(default_factory=dict)
    """What boilerplate removal lifted from a disclosure header (index number, publisher, dates)."""
    collection: str | None = None
    """The title of the compilation the report was split from."""
    region: str | None = None
    """The higher units named before the place (``抚州市临川区``), as written."""

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: every field, missing ones null (``years`` too when empty).

        >>> ReportMeta(years=(2022,)).to_dict()["years"], ReportMeta().to_dict()["years"]
        ([2022], None)
        """
        return {"title": self.title, "doc_type": self.doc_type, "place": self.place,
                "level": self.level, "region": self.region, "years": list(self.years) or None,
                "meeting_date": self.meeting_date, "meeting": self.meeting, "speaker": self.speaker,
                "speaker_role": self.speaker_role, "disclosure": dict(self.disclosure),
                "collection": self.collection}


# --- small readers -------------------------------------------------------------------------

def doc_type_of(title: str) -> str | None:
    """The document type a title states.

    >>> doc_type_of("罗针镇政府工作报告"), doc_type_of("下各镇2023年工作总结和2024 工作思路")
    ('government_work_report', 'work_summary_and_plan')
    >>> doc_type_of("2024年工作要点"), doc_type_of("目录")
    ('work_plan', None)
    """
    found = [doc_type for marker, doc_type in dp.DOC_TYPES if marker in title]
    if not found:
        return None
    if found[0] == "work_summary" and "work_plan" in found:
        return dp.SUMMARY_AND_PLAN
    return found[0]


def units_in(run: str) -> list[str]:
    """The administrative units named in a run of text, in order (a word like 我代表镇 is none).

    >>> units_in("抚州市临川区罗针镇"), units_in("我代表镇"), units_in("下各镇2023年")
    (['抚州市', '临川区', '罗针镇'], [], ['下各镇'])
    """
    units = []
    for match in dp.PLACE_UNIT_SEARCH_RE.finditer(run):
        unit = match.group()
        suffix = next(s for s, _ in dp.PLACE_LEVELS if unit.endswith(s))
        if len(unit) - len(suffix) >= 2 and unit[0] not in dp.NOT_A_NAME_START:
            units.append(unit)
    return units


def level_of(place: str) -> str | None:
    """The administrative level a place name's suffix gives.

    >>> level_of("罗针镇"), level_of("城关街道"), level_of("临川区"), level_of("抚州市"), level_of("某地")
    ('town', 'town', 'county', 'city', None)
    """
    return next((level for suffix, level in dp.PLACE_LEVELS if place.endswith(suffix)), None)


def meeting_date_of(line: str) -> str | None:
    """The ISO date in a meeting line, None if it has no valid one.

    >>> meeting_date_of("——2023年2月10日在正余镇第二十届人民代表大会第三次会议上")
    '2023-02-10'
    >>> meeting_date_of("2023年2月30日在某镇") is None
    True
    """
    match = dp.DATE_SEARCH_RE.search(line)
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def meeting_of(line: str) -> str | None:
    """The meeting's name, written in full whatever the line dropped (第, a final 议).

    >>> meeting_of("2022年10月28日在茅排乡十九届人民代表大会第三次会议")
    '第十九届人民代表大会第三次会议'
    >>> meeting_of("2022年10月28日在临川区高坪镇第十九届人民代表大会第三次会"), meeting_of("在罗针镇")
    ('第十九届人民代表大会第三次会议', None)
    """
    match = dp.MEETING_NAME_SEARCH_RE.search(line)
    if match is None:
        return None
    return f"第{match.group(1)}届人民代表大会第{match.group(3)}次会议"


def meeting_place_run(line: str) -> str:
    """The text naming the place in a meeting line: after 在, before the meeting's name.

    >>> meeting_place_run("——2022年10月28日在临川区高坪镇第十九届人民代表大会第三次会议上")
    '临川区高坪镇'
    """
    after = line.split("在", 1)[1] if "在" in line else ""
    return dp.MEETING_PLACE_END_SEARCH_RE.split(after, maxsplit=1)[0]


def _year_at_start(paragraph: str, meeting_year: int | None) -> int | None:
    """The year the first words of a paragraph name: 2023年是… / 今年以来… (today's year being
    the meeting's, so None without a meeting date)."""
    head = paragraph.strip()[:dp.LEADING_CHARS]
    match = dp.LEADING_YEAR_RE.search(head)
    if match is not None:
        return int(match.group(1))
    if meeting_year is None:
        return None
    return next((meeting_year + offset for word, offset in dp.RELATIVE_YEARS if word in head), None)


def section_years(lines: list[str], meeting_year: int | None) -> set[int]:
    """The years named by the top-level review and plan headings among ``lines`` (a heading
    without one: the first words of the paragraph under it).

    >>> sorted(section_years(["一、2022年工作回顾", "正文。", "二、下步工作思路", "2023年是…。"], None))
    [2022, 2023]
    >>> sorted(section_years(["一、工作回顾", "今年以来，我们……。", "（一）2019年以来的变化"], 2022))
    [2022]
    """
    years: set[int] = set()
    for index, line in enumerate(lines):
        heading = line.strip()
        if len(heading) > _HEADING_CHARS or not dp.TOP_HEADING_RE.fullmatch(heading):
            continue
        if not (dp.REVIEW_SEARCH_RE.search(heading) or dp.PLAN_SEARCH_RE.search(heading)):
            continue
        named = {int(year) for year in dp.YEAR_SEARCH_RE.findall(heading)}
        if not named and index + 1 < len(lines):
            year = _year_at_start(lines[index + 1], meeting_year)
            named = {year} if year is not None else set()
        years |= named
    return years


# --- the whole report ----------------------------------------------------------------------

def _place(meeting_line: str | None, title: str | None, opening: str) -> tuple[str | None, str | None]:
    """(place, region) from the meeting line, else the title, else 我代表…人民政府."""
    runs = []
    if meeting_line:
        runs.append(meeting_place_run(meeting_line))
    if title:
        match = dp.TITLE_RE.fullmatch(title)
        runs.append(match.group(1) if match else "")
    match = dp.OPENING_PLACE_SEARCH_RE.search(opening)
    if match:
        runs.append(match.group(1))
    for run in runs:
        units = units_in(run)
        if units:
            return units[-1], "".join(units[:-1]) or None
    return None, None


def extract_metadata(text: str, *, lifted: Mapping[str, object] | None = None,
                     collection: str | None = None) -> ReportMeta:
    """What the report ``text`` (cleaned, one paragraph per line) says it is.

    ``lifted`` is ``CleanResult.metadata``: its ``disclosure`` mapping is carried over.
    ``collection`` is the compilation's title when the report was split from one.

    >>> meta = extract_metadata("政府工作报告\\n——2023年2月10日在正余镇第二十届人民代表大会第三次会议上\\n"
    ...                         "杨瑞\\n各位代表：\\n现在，我代表正余镇人民政府向大会作工作报告。\\n"
    ...                         "2022年工作回顾\\n正文。\\n2023年工作安排\\n正文。\\n")
    >>> meta.place, meta.level, meta.years, meta.meeting_date, meta.meeting, meta.speaker
    ('正余镇', 'town', (2022, 2023), '2023-02-10', '第二十届人民代表大会第三次会议', '杨瑞')
    >>> extract_metadata("坚持以习近平新时代中国特色社会主义思想为指导。\\n") == ReportMeta()
    True
    """
    lines = text.split("\n")
    head = lines[:_HEAD_LINES]
    kinds = [line_kind(line) for line in head]
    blocks = [block for block in title_blocks(head, kinds)
              if {"title", "meeting", "opening"} & set(block.kinds)]
    block = blocks[0] if blocks else None
    title = block.title if block else None
    meeting_line = speaker = role = None
    body_start = 0
    if block is not None:
        body_start = block.end
        block_lines = [line.strip() for line in head[block.start:block.end] if line.strip()]
        for kind, line in zip(block.kinds, block_lines, strict=True):
            if kind == "meeting":
                meeting_line = line
            elif kind == "meeting_tail" and meeting_line is not None:
                meeting_line += line
            elif kind == "speaker":
                role, speaker = speaker_of(line) or (None, None)
    opening = next((line for line in lines[body_start:body_start + 3] if line.strip()), "")
    doc_type = doc_type_of(title) if title else None
    if doc_type is None and dp.REPORT_OPENING_RE.match(opening.strip()):
        doc_type = "government_work_report"
    place, region = _place(meeting_line, title, opening)
    meeting_date = meeting_date_of(meeting_line) if meeting_line else None
    meeting_year = int(meeting_date[:4]) if meeting_date else None
    years = {int(year) for year in dp.YEAR_SEARCH_RE.findall(title)} if title else set()
    years |= section_years(lines[body_start:], meeting_year)
    disclosure = (lifted or {}).get("disclosure")
    return ReportMeta(
        title=title, doc_type=doc_type, place=place, level=level_of(place) if place else None,
        years=tuple(sorted(years)), meeting_date=meeting_date,
        meeting=meeting_of(meeting_line) if meeting_line else None, speaker=speaker, speaker_role=role,
        disclosure={str(k): str(v) for k, v in disclosure.items()} if isinstance(disclosure, Mapping) else {},
        collection=collection, region=region)

