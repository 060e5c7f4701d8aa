"""Tests for cleaner.plausibility: the yardstick that ranks right readings above wrong ones."""

from __future__ import annotations

import pytest

from cleaner.plausibility import plausibility

REPORT = "现在，我代表镇人民政府向大会报告工作，请予审议，并请各位列席会议的同志提出意见。"
TRADITIONAL = "現在，我代表鎮人民政府向大會報告工作，請予審議，並請各位列席會議的同志提出意見。"


@pytest.mark.parametrize("text", [REPORT, TRADITIONAL, "2023年GDP增长5.4%。", "“十四五”规划……"])
def test_real_chinese_reads_as_plausible(text: str) -> None:
    assert plausibility(text) > 0.9


@pytest.mark.parametrize(("wrong", "how"), [
    (REPORT.encode().decode("gb18030", errors="replace"), "UTF-8 read as GB18030"),
    (REPORT.encode("gbk").decode("latin-1"), "GBK read as Latin-1"),
    (REPORT.encode().decode("cp1252", errors="replace"), "UTF-8 read as cp1252"),
    (REPORT.encode("gbk").decode("big5", errors="replace"), "GBK read as Big5"),
    (TRADITIONAL.encode("big5").decode("gbk", errors="replace"), "Big5 read as GBK"),
    (REPORT.encode("utf-16-le").decode("gbk", errors="replace"), "UTF-16 read as GBK"),
])
def test_every_wrong_reading_scores_clearly_below_the_right_one(wrong: str, how: str) -> None:
    assert plausibility(wrong) < plausibility(REPORT) - 0.3, how


def test_score_bounds_and_what_counts() -> None:
    assert plausibility("") == 1.0
    assert plausibility(" \n\u3000\u00a0") == 1.0  # whitespace is not counted
    assert plausibility("政府") == 1.0             # common characters: +1 each
    assert plausibility("龘靐") == 0.0             # rare characters: 0
    assert plausibility("Õþ") == -1.0             # typical of mojibake: -1
    assert plausibility("\ufffd\ue000") == -1.0    # lost bytes, private use
    assert plausibility("政 Õ") == 0.0            # averaged over the non-space characters


def test_the_chinese_middle_dot_is_not_mojibake() -> None:
    assert plausibility("尼古拉·哥白尼") == 1.0
