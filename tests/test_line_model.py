"""The line model (cleaner.line_model): training, scoring, its file, and the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import line_model as training
from cleaner.errors import ConfigError
from cleaner.line_model import LineModel, fold, load_model

CHROME = ["点击下载全文", "点击查看原文", "本页浏览次数：12", "扫码关注本站"]
REPORT = ["全镇完成固定资产投资1.2亿元。", "新建农村公路18公里，改造危桥3座。", "查看民生项目进度"]


def test_digits_and_latin_words_fold_so_any_number_or_host_reads_alike() -> None:
    assert fold("浏览：1256 www.a.cn") == fold("浏览：7 bbs.xy.com") == "^浏览：0 a.a.a$"


def test_a_trained_model_tells_chrome_from_report_text_in_words_it_never_saw_whole() -> None:
    model = LineModel.train(CHROME, REPORT, min_count=1)
    assert model.log_odds("点击查看全文") > 0  # never seen whole, made of chrome's pieces
    assert model.log_odds("全镇新建农村公路18公里。") < 0
    assert model.trained_on == {"chrome": 4, "report": 3}


def test_training_is_deterministic_and_the_model_round_trips_through_json() -> None:
    first = LineModel.train(CHROME, REPORT, min_count=1)
    second = LineModel.train(reversed(CHROME), REPORT, min_count=1)
    assert first.to_json() == second.to_json()
    again = LineModel.from_json(first.to_json())
    assert again.log_odds("点击下载") == pytest.approx(first.log_odds("点击下载"))


def test_evidence_names_the_pieces_that_weigh_towards_chrome() -> None:
    model = LineModel.train(CHROME, REPORT, min_count=1)
    assert "点击" in model.evidence("点击重试", count=5)


@pytest.mark.parametrize(("text", "problem"), [
    ("{not json", "invalid JSON"),
    ('{"format": "other"}', "not a line model"),
])
def test_a_file_that_is_no_model_is_an_error_naming_it(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=rf"model\.json: .*{problem}"):
        LineModel.from_json(text, "model.json")


def test_a_missing_model_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.json: cannot read the line model"):
        load_model(tmp_path / "missing.json")


def test_the_shipped_model_is_what_training_gives_now() -> None:
    """``rules/models/chrome-lines.json`` is data built by ``python -m bench.line_model``: a
    change to the development sets or the gold that it was not rebuilt after shows here."""
    assert training.MODEL.read_text(encoding="utf-8") == training.train().to_json() + "\n"


def test_the_training_data_holds_no_blind_set() -> None:
    assert not any("test" in name for name in training.DEV_SETS)
