"""Tests for cleaner.stages.layout: golden cases per family, the originals, idempotence, the
whole pipeline's fixed point, and what the change log says."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.pipeline import Cleaner, StageContext
from cleaner.registry import Stage
from cleaner.rule_files import default_rules_dir, parse_rule_file
from cleaner.ruleset import RuleSet
from cleaner.stages import default_registry, layout

GOLDEN = Path(__file__).parent / "golden" / "layout"
ORIGINALS = sorted((GOLDEN / "originals").glob("*.txt"))
CONTEXT = StageContext(CleanConfig(), RuleSet())
CASES = [(path.stem, case) for path in sorted(GOLDEN.glob("*.toml"))
         for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]


def run(text: str) -> tuple[str, ChangeLog]:
    log = ChangeLog(stage="layout")
    return layout.run(text, CONTEXT, log), log


def cleaner_with_layout() -> Cleaner:
    registry = default_registry()
    if "layout" not in registry:
        registry.register(Stage("layout", layout.run, 50, "Rejoin lines, split collapsed text"))
    return Cleaner(registry=registry, rules=RuleSet())


def test_golden_files_cover_every_family() -> None:
    families = {family for family, _ in CASES}
    assert families >= {"join", "furniture", "split", "spaced", "repeat", "negative"}
    assert all(case["original"] for _, case in CASES)


@pytest.mark.parametrize(("family", "case"), CASES, ids=[f"{f}: {c['name']}" for f, c in CASES])
def test_golden_case(family: str, case: dict) -> None:
    text, log = run(case["original"])
    assert text == case["expected"]
    assert {change.rule for change in log.changes} == set(case.get("rules", []))
    if not case.get("rules"):
        assert text == case["original"], "a case without rules is a negative: nothing may change"


@pytest.mark.parametrize(("family", "case"), CASES, ids=[f"{f}: {c['name']}" for f, c in CASES])
def test_golden_output_is_a_fixed_point(family: str, case: dict) -> None:
    again, log = run(case["expected"])
    assert again == case["expected"]
    assert log.changes == []


@pytest.mark.parametrize(("family", "case"), CASES, ids=[f"{f}: {c['name']}" for f, c in CASES])
def test_pipeline_output_is_a_fixed_point(family: str, case: dict) -> None:
    cleaner = cleaner_with_layout()
    once = cleaner.clean_text(case["original"]).text
    assert cleaner.clean_text(once).text == once


@pytest.mark.parametrize("path", ORIGINALS, ids=[p.stem for p in ORIGINALS])
def test_a_laid_out_report_comes_out_unchanged(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    text, log = run(original)
    assert text == original
    assert log.changes == []


def test_every_change_says_why_and_where() -> None:
    original = "标题\n切实稳住了人民群众的粮袋子,有力带\n动了当地农民致富增收。\n"
    text, log = run(original)
    assert text == "标题\n切实稳住了人民群众的粮袋子,有力带动了当地农民致富增收。\n"
    (change,) = log.changes
    assert (change.stage, change.rule, change.line) == ("layout", "layout.join", 2)
    assert change.reason == "joined: no sentence end, next line not a heading"
    assert original[change.offset:].startswith(change.before)
    assert change.after == change.before.replace("\n", "")


def test_a_joined_line_is_checked_against_the_boilerplate_rules() -> None:
    rules = [rule for name in ("content-farm.toml", "web-chrome.toml")
             for rule in parse_rule_file(default_rules_dir() / name, ["boilerplate"])]
    context = StageContext(CleanConfig(), RuleSet(tuple(rules), frozenset(r.id for r in rules)))
    log = ChangeLog(stage="layout")
    cut_meta = "发布时间:2017-10-26,来源:本\n站,阅读次数:1407\n政府工作报告\n"
    assert layout.run(cut_meta, context, log) == "政府工作报告\n"
    assert [c.rule for c in log.changes] == ["layout.join", "meta.article-meta-line"]
    fields = "来源:正余镇人民政府\n发布时间:2023-03-22 09:51\n现在,我代表正余镇人民政府作报告。\n"
    assert layout.run(fields, context, ChangeLog()) == fields, "a field line joins nothing"
    twice = "来源:广州市人民政府门户网站\n来源:广州市人民政府门户网站\n"
    assert layout.run(twice, context, ChangeLog()) == "来源:广州市人民政府门户网站\n"


def test_recording_does_not_change_the_result() -> None:
    original = (GOLDEN / "originals" / "003.txt").read_text(encoding="utf-8")
    broken = "\n".join(wrap(paragraph, 23) for paragraph in original.splitlines()) + "\n"
    assert layout.run(broken, CONTEXT, None) == run(broken)[0]


def test_profile_tells_a_hard_wrap_from_one_paragraph_per_line() -> None:
    original = (GOLDEN / "originals" / "004.txt").read_text(encoding="utf-8")
    wrapped = "\n".join(wrap(paragraph, 30) for paragraph in original.splitlines())
    assert layout.measure_profile(_doc(wrapped)).wrap_width == 30
    assert layout.measure_profile(_doc(original)).wrap_width is None


def _doc(text: str) -> layout._Doc:
    doc = layout._prepare(text, None)
    layout._mark_furniture(doc)
    return doc


# ---------------------------------------------------------------- properties

def wrap(paragraph: str, width: int) -> str:
    """Cut at a fixed number of characters, as a plain text export does."""
    return "\n".join(paragraph[i:i + width] for i in range(0, len(paragraph), width)) or paragraph


def page_cuts(paragraphs: list[str], capacity: int) -> str:
    """Seed 000's shape: paragraphs cut where a page of ``capacity`` characters ends."""
    out, used = [], 0
    for paragraph in paragraphs:
        while used + len(paragraph) > capacity and capacity - used < len(paragraph):
            cut = max(capacity - used, 1)
            out.append(paragraph[:cut])
            paragraph, used = paragraph[cut:], 0
        out.append(paragraph)
        used += len(paragraph)
    return "\n".join(out)


def visible(text: str) -> str:
    return "".join(text.split())


_PARAGRAPHS = [line for path in ORIGINALS for line in path.read_text(encoding="utf-8").splitlines()]
excerpts = st.integers(0, len(_PARAGRAPHS) - 12).flatmap(
    lambda start: st.integers(2, 12).map(lambda size: _PARAGRAPHS[start:start + size]))


@settings(max_examples=60, deadline=None)
@given(excerpts, st.integers(18, 45), st.booleans())
def test_hard_wrap_loses_nothing_and_is_idempotent(paragraphs: list[str], width: int, collapse: bool) -> None:
    if collapse:
        broken = " ".join(paragraphs)
    else:
        broken = "\n".join(wrap(paragraph, width) for paragraph in paragraphs)
    once = layout.run(broken, CONTEXT, None)
    assert layout.run(once, CONTEXT, None) == once
    assert visible(once) == visible(broken)


@settings(max_examples=60, deadline=None)
@given(excerpts, st.integers(40, 900))
def test_page_cuts_lose_nothing_and_the_pipeline_settles(paragraphs: list[str], capacity: int) -> None:
    broken = page_cuts(paragraphs, capacity)
    once = layout.run(broken, CONTEXT, None)
    assert visible(once) == visible(broken)
    cleaner = cleaner_with_layout()
    cleaned = cleaner.clean_text(broken, explain=False).text
    assert cleaner.clean_text(cleaned, explain=False).text == cleaned
