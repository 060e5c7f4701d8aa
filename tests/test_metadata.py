"""Report metadata: cleaner.metadata (the seed expectations are in tests/golden/documents)."""

from __future__ import annotations

import json
import tomllib
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cleaner import clean_bytes
from cleaner.batch import collection_of
from cleaner.metadata import ReportMeta, extract_metadata
from cleaner.split import REPORT, split_reports

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "tests" / "golden" / "documents"
GOLD = ROOT / "bench" / "gold"
SEEDS = ROOT.parent / "shared" / "seeds"


def expected_reports() -> list[tuple[str, int, dict[str, Any]]]:
    """(seed file, index among the seed's reports, the segment's expectation) for every report."""
    reports = []
    for path in sorted(DOCUMENTS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        segments = [s for s in data["segment"] if s["kind"] == REPORT]
        reports.extend((data["seed"], index, segment) for index, segment in enumerate(segments))
    return reports


def as_expected(meta: dict[str, Any]) -> dict[str, object]:
    """A golden ``meta`` table as ``ReportMeta.to_dict()`` gives it: unlisted fields null."""
    full: dict[str, object] = {f.name: None for f in fields(ReportMeta)}
    full.update(meta)
    full["disclosure"] = {}
    return full


@cache
def seed_reports(name: str) -> tuple[list[str], str | None]:
    result = clean_bytes((SEEDS / name).read_bytes())
    segments = split_reports(result.text)
    return [s.text for s in segments if s.kind == REPORT], collection_of(segments, result.metadata)


REPORTS = expected_reports()
IDS = [segment["gold"] for _, _, segment in REPORTS]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the repository")
@pytest.mark.parametrize(("seed", "index", "expected"), REPORTS, ids=IDS)
def test_a_seed_report_has_its_expected_metadata(seed: str, index: int, expected: dict[str, Any]) -> None:
    texts, collection = seed_reports(seed)
    meta = extract_metadata(texts[index], collection=collection).to_dict()
    assert meta == as_expected(expected["meta"]) | {"collection": collection}


@pytest.mark.parametrize(("seed", "index", "expected"), REPORTS, ids=IDS)
def test_the_gold_body_of_a_report_has_the_same_metadata(seed: str, index: int,
                                                         expected: dict[str, Any]) -> None:
    text = (GOLD / f"{expected['gold']}.txt").read_text(encoding="utf-8")
    meta = extract_metadata(text).to_dict()
    assert meta == as_expected(expected["meta"] | expected.get("gold_meta", {}))


def test_a_missing_field_is_null_never_guessed() -> None:
    meta = extract_metadata("荣山镇政府工作报告\n各位代表：\n现在，我代表荣山镇人民政府向大会做工作报告。\n"
                            "一、工作回顾\n今年以来，我们抓了三件事。\n")
    assert (meta.place, meta.level, meta.doc_type) == ("荣山镇", "town", "government_work_report")
    # 今年 without a meeting date names no year; no meeting line, no speaker
    assert (meta.years, meta.meeting_date, meta.meeting) == ((), None, None)
    assert (meta.speaker, meta.region) == (None, None)
    assert json.loads(json.dumps(meta.to_dict()))["years"] is None


def test_a_report_delivered_in_january_covers_the_year_it_reviews_and_the_year_it_plans() -> None:
    meta = extract_metadata("政府工作报告\n——2024年1月12日在某某镇第十八届人民代表大会第四次会议上\n"
                            "各位代表：\n"
                            "一、2023年工作回顾\n正文。\n二、今年工作安排\n今年是关键之年。\n")
    assert (meta.years, meta.meeting_date) == ((2023, 2024), "2024-01-12")


def test_the_meeting_date_alone_adds_no_year() -> None:
    meta = extract_metadata("政府工作报告\n——2024年1月12日在某某镇第十八届人民代表大会第四次会议上\n"
                            "各位代表：\n"
                            "一、过去一年的工作\n正文。\n")
    assert meta.years == ()


def test_a_county_report_names_its_place_region_and_level() -> None:
    meta = extract_metadata("政府工作报告\n"
                            "——2023年1月5日在江西省抚州市临川区第十八届人民代表大会第二次会议上\n"
                            "区长 张三\n各位代表：\n")
    assert (meta.place, meta.level, meta.region) == ("临川区", "county", "江西省抚州市")
    assert (meta.speaker, meta.speaker_role) == ("张三", "区长")


def test_disclosure_and_collection_are_carried_over() -> None:
    lifted = {"disclosure": {"index_number": "1133102400268125XW/2024-104525", "publisher": "下各镇"},
              "other": 1}
    meta = extract_metadata("下各镇2023年工作总结和2024工作思路\n今年以来，全镇经济平稳。\n",
                            lifted=lifted, collection="汇编")
    assert dict(meta.disclosure) == lifted["disclosure"]
    assert meta.collection == "汇编"
    assert (meta.doc_type, meta.years, meta.place) == ("work_summary_and_plan", (2023, 2024), "下各镇")


def test_a_title_quoted_in_the_body_is_not_the_title() -> None:
    meta = extract_metadata("今年以来，我们认真落实《罗针镇政府工作报告》提出的各项任务。\n")
    assert meta == ReportMeta()


def test_to_dict_is_json_ready_with_every_field() -> None:
    data = extract_metadata((GOLD / "003.txt").read_text(encoding="utf-8")).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert set(data) == {f.name for f in fields(ReportMeta)}
