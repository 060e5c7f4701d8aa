"""Tests for cleaner.stages.repeats: repeats made from the gold bodies go, real text stays.

The golden cases (``tests/golden/repeats.toml``) run through the whole pipeline in
``test_golden.py``; here the stage is checked on the gold bodies (``bench/gold``), on the
benchmark's own corruption (``bench.corrupt.duplicates``) and on compilations made from them.
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache

import pytest
from conftest import negative_files

from bench.corpus import load_gold
from bench.corrupt import duplicates
from cleaner import CleanConfig, clean_text
from cleaner.change import ChangeLog
from cleaner.pipeline import Cleaner
from cleaner.stages.repeats import COPY, OVERPRINTED, PARAGRAPH, find_copies, remove_repeats, run


@cache
def gold() -> dict[str, str]:
    return load_gold()


def stage(text: str, log: ChangeLog | None = None) -> str:
    return run(text, Cleaner().context, log)


def paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


GOLD_NAMES = sorted(load_gold())


# ---------------------------------------------------------------- real text stays

@pytest.mark.parametrize("name", GOLD_NAMES)
def test_a_gold_body_is_left_alone(name: str) -> None:
    log = ChangeLog(stage="repeats")
    assert stage(gold()[name], log) == gold()[name]
    assert log.changes == []


def test_the_negative_set_is_left_alone() -> None:
    for path in negative_files():
        text = path.read_text(encoding="utf-8")
        assert stage(text) == text, path.name


def test_gold_bodies_one_after_the_other_stay_whole() -> None:
    # A compilation: every report has its title, 各位代表 and headings; none is a copy of another.
    text = "".join(gold()[name] for name in GOLD_NAMES)
    assert stage(text) == text


def test_reports_of_a_compilation_keep_the_stock_paragraphs_they_share() -> None:
    # The second report says three paragraphs of the first one again, word for word (long enough
    # to be a copy inside one report): each report keeps its own.
    first, second = (paragraphs(gold()[name]) for name in ("000-01", "000-02"))
    shared = [p for p in first if len(p) > 100][:3]
    second = second[:6] + shared + second[6:]
    text = "\n".join(first + second) + "\n"
    assert len(stage(text)) == len(text)
    assert stage(text) == text


def test_a_refrain_heading_in_two_reports_stays() -> None:
    refrain = "坚持项目为王，增强发展动力"
    first, second = (paragraphs(gold()[name]) for name in ("000-03", "000-04"))
    text = "\n".join([*first[:8], refrain, *first[8:], *second[:8], refrain, *second[8:]]) + "\n"
    assert stage(text) == text


# ---------------------------------------------------------------- repeats go

@pytest.mark.parametrize("name", GOLD_NAMES)
def test_a_reposted_copy_goes_as_one_block(name: str) -> None:
    body = paragraphs(gold()[name])
    rng = random.Random(name)
    copy = list(body)
    del copy[rng.randrange(len(copy))]
    edit = rng.randrange(len(copy))
    copy[edit] = copy[edit].replace("，", "、", 1)
    log = ChangeLog(stage="repeats")
    assert stage("\n".join(body + copy) + "\n", log) == gold()[name]
    [change] = log.changes
    assert change.rule == COPY and change.line == len(body) + 1
    assert change.reason.startswith(("near-duplicate of paragraphs 1–", "repeats paragraphs 1–"))


@pytest.mark.parametrize("name", GOLD_NAMES)
def test_doubled_paragraphs_go(name: str) -> None:
    body = paragraphs(gold()[name])
    doubled = sorted(random.Random(name).sample(range(len(body)), 3))
    text = "\n".join(p for i, p in enumerate(body) for p in ([p, p] if i in doubled else [p])) + "\n"
    log = ChangeLog(stage="repeats")
    assert stage(text, log) == gold()[name]
    assert [c.rule for c in log.changes] == [PARAGRAPH] * 3
    assert all("right after itself" in c.reason for c in log.changes)


def test_an_overprinted_title_is_said_once() -> None:
    log = ChangeLog(stage="repeats")
    title = "罗针镇政府工作报告"
    assert stage(f"{title} {title}\n各位代表：\n", log) == f"{title}\n各位代表：\n"
    [change] = log.changes
    assert (change.rule, change.line, change.after) == (OVERPRINTED, 1, "罗针镇政府工作报告")
    assert "2 times" in change.reason


@pytest.mark.parametrize("seed", range(12))
def test_the_benchmark_duplicates_go_through_the_pipeline(seed: int) -> None:
    name = GOLD_NAMES[seed % len(GOLD_NAMES)]
    corrupted = duplicates(gold()[name], random.Random(seed))
    assert clean_text(corrupted.data).text == gold()[name], corrupted.notes


def test_a_whole_report_reposted_after_another_goes() -> None:
    first, second = gold()["000-01"], gold()["000-02"]
    log = ChangeLog(stage="repeats")
    assert stage(first + second + first, log) == first + second
    [change] = log.changes
    assert change.rule == COPY and change.before == first


# ---------------------------------------------------------------- contract

def test_every_removal_says_where_and_why() -> None:
    body = gold()["000-05"]
    text = "工作报告摘要工作报告摘要\n" + body + body
    log = ChangeLog(stage="repeats")
    remove_repeats(text, log)
    lines = text.split("\n")
    assert {c.rule for c in log.changes} == {OVERPRINTED, COPY}
    for change in log.changes:
        assert change.reason
        assert text[change.offset:].startswith(change.before)
        assert lines[change.line - 1] == change.before.split("\n")[0]


def test_explain_off_gives_the_same_text() -> None:
    text = gold()["004"] * 2
    assert remove_repeats(text, ChangeLog(explain=False)) == remove_repeats(text, None) == gold()["004"]


def test_the_stage_is_idempotent() -> None:
    body = gold()["003"]
    once = stage("标题标题标题标题\n" + body + body.replace("，", "、", 3) + body)
    assert stage(once) == once


def test_the_switch_turns_the_stage_off() -> None:
    text = gold()["001"] * 2
    context = replace(Cleaner().context, config=CleanConfig(remove_repeats=False))
    assert run(text, context, None) == text
    title = "政府工作报告 政府工作报告\n"
    assert Cleaner(CleanConfig(remove_repeats=False)).clean_text(title).text == title


def test_a_short_line_repeated_a_thousand_times_is_no_copy() -> None:
    # MAX_STARTS bounds the search; runs of short lines are no copy.
    assert find_copies(["|"] * 1000) == []


def test_a_paragraph_an_overprinted_title_was_glued_to_is_checked_against_the_boilerplate_rules() -> None:
    """The boilerplate stage saw the ad glued after the title; once the title is put on its own
    line, the ad is a line the rules delete, so a second run changes nothing."""
    result = clean_text("政府工作报告政府工作报告扫描上面二维码加QQ好友,获得更多文稿实用素材")
    assert result.text == "政府工作报告\n"
    assert "ads.qr-code-friend" in {change.rule for change in result.changes}
    assert clean_text(result.text).text == result.text
