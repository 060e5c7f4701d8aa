"""Tests for cleaner.alignment: removed lines slid to whole lines, long texts aligned by sentences;
read through the rows cut from the alignment (``cleaner.diff.rows_of``)."""

from __future__ import annotations

from conftest import shapes

from cleaner.alignment import align
from cleaner.diff import rows_of


def test_a_removed_line_is_a_row_of_its_own() -> None:
    assert shapes("一\n广告\n二\n", "一\n二\n") == [
        ("equal", 1, 1, 1, 1), ("removed", 2, 1, 2, 0), ("equal", 3, 1, 2, 1)]


def test_a_removed_line_that_repeats_its_neighbour_still_reads_as_one_line() -> None:
    # the deletion could be placed anywhere in '二\n二\n': it is slid to whole lines
    assert shapes("一\n二\n二\n三\n", "一\n二\n三\n") == [
        ("equal", 1, 1, 1, 1), ("equal", 2, 1, 2, 1), ("removed", 3, 1, 3, 0), ("equal", 4, 1, 3, 1)]


def test_a_long_text_is_aligned_by_sentences() -> None:
    sentence = "今年以来，全镇经济保持高质量发展，社会大局保持平安稳定。"
    raw = "\n".join(f"{i}、{sentence}" for i in range(200)) + "\n"
    clean = raw.replace("，", ",").replace("7、", "7.")
    assert len(raw) > 4000  # beyond the character budget: sentences first
    rows = rows_of(raw, clean, align(raw, clean))
    assert len(rows) == 200
    assert {row.shape for row in rows} == {"modified"}
    assert all(row.raw_start == row.clean_start for row in rows)
