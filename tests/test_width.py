"""Full-width letters and digits to half-width (cleaner.normalize.width)."""

from __future__ import annotations

from cleaner.change import ChangeLog
from cleaner.normalize.width import NARROW_MAP, narrow_alnum


def test_letters_digits_and_percent_are_narrowed() -> None:
    assert narrow_alnum("２０２３年ＡＢＣ公司ｘｙ增长１２％") == "2023年ABC公司xy增长12%"


def test_full_width_punctuation_is_never_touched() -> None:
    text = "，。：；？！（）“”《》〔〕、——……～·"
    assert narrow_alnum(text) == text
    assert all(chr(code) not in text for code in NARROW_MAP)


def test_each_run_is_one_recorded_change() -> None:
    log = ChangeLog()
    narrow_alnum("第\n２０２３年ＡＢ", log)
    assert [(c.rule, c.line, c.offset, c.before, c.after) for c in log.changes] == [
        ("width.alnum", 2, 2, "２０２３", "2023"), ("width.alnum", 2, 7, "ＡＢ", "AB")]


def test_protected_runs_stay() -> None:
    assert narrow_alnum("ＡＢ和ＣＤ", protected=[(0, 2)]) == "ＡＢ和CD"
