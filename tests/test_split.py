"""Splitting compilations: cleaner.split (the seed expectations are in tests/golden/documents)."""

from __future__ import annotations

import random
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import CleanResult, clean_bytes
from cleaner.batch import collection_of
from cleaner.split import PREAMBLE, REPORT, Segment, collection_title, split_reports

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "tests" / "golden" / "documents"
GOLD = ROOT / "bench" / "gold"
SEEDS = ROOT.parent / "shared" / "seeds"
EXPECTATIONS = sorted(DOCUMENTS.glob("*.toml"))

LUOZHEN = ("政府工作报告\n2022年10月28日在罗针镇第十九届人民代表大会第三次会议上\n各位代表：\n"
           "现在，我代表镇人民政府向大会作工作报告，请予审议。\n一、2022年工作回顾\n今年以来，我们抓了三件事。\n"
           "二、2023年工作安排\n明年要抓好五项工作。\n"
           "各位代表！让我们更加紧密地团结起来，为建设美丽罗针而努力奋斗！\n")
GAOPING = ("高坪镇政府工作报告\n一、2022年工作回顾\n今年以来，全镇经济平稳。\n"
           "各位代表！让我们团结一心，为高坪高质量发展而努力奋斗！\n")
TOC = "2022年乡镇政府工作报告-2篇\n目 录\n1.罗针镇政府工作报告 1\n2.高坪镇政府工作报告 10\n"


def gold_bodies() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(GOLD.glob("*.txt"))}


@cache
def cleaned_seed(name: str) -> CleanResult:
    return clean_bytes((SEEDS / name).read_bytes())


def starts(segments: list[Segment]) -> list[tuple[str, str]]:
    return [(s.kind, s.text.split("\n", 1)[0]) for s in segments]


# --- seeds and gold bodies -----------------------------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the repository")
@pytest.mark.parametrize("path", EXPECTATIONS, ids=lambda p: p.stem)
def test_a_seed_splits_into_its_expected_segments(path: Path) -> None:
    expected = tomllib.loads(path.read_text(encoding="utf-8"))
    result = cleaned_seed(expected["seed"])
    segments = split_reports(result.text)
    found = [{"kind": s.kind, "first_line": s.text.split("\n", 1)[0].strip(), "title": s.title}
             for s in segments]
    wanted = [{"kind": e["kind"], "first_line": e["first_line"], "title": e.get("title")}
              for e in expected["segment"]]
    assert found == wanted
    assert collection_of(segments, result.metadata) == expected.get("collection")


def test_the_gold_bodies_of_the_expectations_exist() -> None:
    named = [seg["gold"] for path in EXPECTATIONS
             for seg in tomllib.loads(path.read_text(encoding="utf-8"))["segment"] if "gold" in seg]
    assert sorted(named) == sorted(gold_bodies())


@pytest.mark.parametrize("name", sorted(gold_bodies()))
def test_a_single_report_is_one_segment(name: str) -> None:
    text = gold_bodies()[name]
    [segment] = split_reports(text)
    assert (segment.kind, segment.start_line, segment.text) == (REPORT, 1, text)


@pytest.mark.parametrize("seed", range(12))
def test_gold_bodies_concatenated_in_random_order_split_where_they_were_joined(seed: int) -> None:
    bodies = gold_bodies()
    rng = random.Random(seed)
    names = rng.sample(sorted(bodies), rng.randint(2, len(bodies)))
    text = "".join(bodies[name] for name in names)
    segments = split_reports(text)
    assert [s.text for s in segments] == [bodies[name] for name in names]


# --- boundaries ----------------------------------------------------------------------------------

def test_a_compilation_with_a_toc_has_a_preamble_then_its_reports() -> None:
    segments = split_reports(TOC + LUOZHEN + GAOPING)
    assert starts(segments) == [(PREAMBLE, "2022年乡镇政府工作报告-2篇"), (REPORT, "政府工作报告"),
                                (REPORT, "高坪镇政府工作报告")]
    assert [(s.start_line, s.end_line) for s in segments] == [(1, 4), (5, 13), (14, 17)]
    assert collection_title(segments) == "2022年乡镇政府工作报告-2篇"


def test_without_its_toc_the_compilation_title_is_still_the_preamble() -> None:
    segments = split_reports("2022年乡镇政府工作报告-2篇\n" + LUOZHEN + GAOPING)
    assert [s.kind for s in segments] == [PREAMBLE, REPORT, REPORT]


def test_a_single_report_after_a_toc_keeps_the_toc_apart() -> None:
    assert [s.kind for s in split_reports(TOC + LUOZHEN)] == [PREAMBLE, REPORT]


def test_the_reason_lists_the_evidence_of_the_boundary() -> None:
    segments = split_reports(LUOZHEN + GAOPING)
    assert segments[1].reason == ("title line + title named once in the text + first section heading"
                                  " + closing call before")
    assert segments[1].title == "高坪镇政府工作报告"


@pytest.mark.parametrize("line", ["二、2023年工作安排", "2023年工作安排", "政府工作报告",
                                  "会议审议通过了《高坪镇政府工作报告》，要求各村认真抓好落实。",
                                  "高坪镇政府工作报告"])
def test_a_heading_a_running_header_or_a_quoted_title_does_not_start_a_report(line: str) -> None:
    text = GAOPING.replace("今年以来，", f"今年以来，\n{line}\n")
    assert len(split_reports(text)) == 1


def test_a_running_header_repeating_the_title_of_the_report_is_not_a_boundary() -> None:
    lines = LUOZHEN.replace("政府工作报告", "罗针镇政府工作报告", 1).split("\n")
    lines.insert(6, "罗针镇政府工作报告")  # before 今年以来 in the middle of the report
    assert len(split_reports(GAOPING + "\n".join(lines))) == 2


def test_a_stacked_page_title_and_title_stay_with_the_report() -> None:
    text = "政府工作报告（2023.2.10）\n" + LUOZHEN
    assert starts(split_reports(text)) == [(REPORT, "政府工作报告（2023.2.10）")]
    assert starts(split_reports(GAOPING + text)) == [(REPORT, "高坪镇政府工作报告"),
                                                    (REPORT, "政府工作报告（2023.2.10）")]


def test_a_title_block_with_no_body_since_the_last_one_does_not_start_a_report() -> None:
    text = "政府工作报告\n各位代表：\n" + LUOZHEN
    assert len(split_reports(text)) == 1


def test_text_with_no_title_block_is_one_report_without_title() -> None:
    [segment] = split_reports("今年以来，我们抓了三件事。\n")
    assert (segment.kind, segment.title) == (REPORT, None)
    assert split_reports("") == []


def test_report_text_before_the_first_title_block_is_a_report_not_a_preamble() -> None:
    body = "今年以来，我们抓了三件事，取得了明显成效，群众满意度持续提升。\n"
    segments = split_reports(body + LUOZHEN + GAOPING)
    assert [(s.kind, s.title) for s in segments] == [(REPORT, None), (REPORT, "政府工作报告"),
                                                     (REPORT, "高坪镇政府工作报告")]


@given(st.lists(st.sampled_from([LUOZHEN, GAOPING, TOC, "正文。\n", "\n", "政府工作报告\n", "各位代表：\n"]),
                max_size=8), st.sampled_from(["", "无换行结尾"]))
def test_the_segments_give_back_the_text_with_consecutive_line_numbers(parts: list[str], tail: str) -> None:
    text = "".join(parts) + tail
    segments = split_reports(text)
    assert "".join(s.text for s in segments) == text
    line = 1
    for segment in segments:
        assert segment.start_line == line
        line = segment.end_line + 1
        assert segment.text.count("\n") + (not segment.text.endswith("\n")) == (
            segment.end_line - segment.start_line + 1)


def test_to_dict_is_json_ready_and_leaves_the_text_out_unless_asked() -> None:
    segment = split_reports(LUOZHEN)[0]
    data: dict[str, Any] = segment.to_dict()
    assert "text" not in data and data["chars"] == len(LUOZHEN)
    assert segment.to_dict(with_text=True)["text"] == LUOZHEN
