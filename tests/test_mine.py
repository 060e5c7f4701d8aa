"""Tests for cleaner.mine: recurring boilerplate is found, report text is not proposed."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.mine import NUMBER_MARK, as_toml, collect, line_shape, looks_like_content, rank, shape_pattern

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
AD = "扫描上面二维码加QQ好友,获得更多文稿实用素材"


def test_shapes_abstract_numbers_and_dates() -> None:
    a = line_shape("发布时间:2023-03-22 09:51 阅读:1407")
    assert a == line_shape("发布时间:2024-1-10 10:02 阅读:7")
    assert re.fullmatch(shape_pattern(a), "发布时间:2021-12-30 08:00 阅读:99")


@pytest.mark.parametrize("line", [
    "政府工作报告", "政 府 工 作 报 告", "各位代表：", "一、2022年工作回顾", "（三）持续优化营商环境",
    "2023年工作安排", "——2023年2月10日在正余镇第二十届人民代表大会第三次会议上，全镇共有3个村。",
    "现在，我代表镇人民政府向大会报告工作，请予审议。",
])
def test_report_structure_and_prose_are_never_candidates(line: str) -> None:
    assert looks_like_content(line)


def test_ranked_by_junk_evidence_then_spread() -> None:
    docs = [("a", f"正文。\n{AD}\n政府工作报告\n||||\n"), ("b", f"{AD}\n政府工作报告\n||||\n")]
    ranked = rank(collect(docs))
    assert [c.examples[0] for c in ranked] == [AD, "||||"]
    assert ranked[0].document_count == 2 and ranked[0].occurrences == 2


def test_single_occurrences_are_not_proposed() -> None:
    assert rank(collect([("a", f"{AD}\n")])) == []


def test_proposal_is_a_rule_that_loads_once_keeps_are_added() -> None:
    [candidate] = rank(collect([("a", f"{AD}\n{AD}\n")]))
    text = as_toml(candidate, 1, ["群众可扫描二维码加入志愿服务队。"])
    table = tomllib.loads(text)["rule"][0]
    assert "keeps" not in table  # the user must add keeps: the printout asks for them
    assert re.fullmatch(table["pattern"], AD)
    assert table["examples"] == [{"input": AD, "output": ""}]
    assert "群众可扫描二维码加入志愿服务队。" in text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside the checkout")
def test_mining_the_seeds_surfaces_the_qr_ad_without_the_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mine", str(SEEDS), "--no-default-rules", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["examples"] == [AD]
    assert NUMBER_MARK not in found[0]["pattern"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside the checkout")
def test_with_the_shipped_rules_the_ad_is_known(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mine", str(SEEDS), "--json"]) == 0
    assert AD not in capsys.readouterr().out


def test_no_documents_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["mine", str(tmp_path)]) == 1
    assert "empty.txt: empty file" in capsys.readouterr().err
