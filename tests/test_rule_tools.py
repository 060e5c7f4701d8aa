"""Tests for cleaner.rule_tools: `cleaner rules list|test|check|stats`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli import main

GOOD = '''
[[rule]]
id = "local.footer"
stage = "boilerplate"
description = "Our portal's footer."
scope = "line"
pattern = '本站声明.{0,20}'
triggers = ["本站声明"]
examples = [{ input = "正文。\\n本站声明：转载请注明出处", output = "正文。" }]
keeps = ["加强本站声明管理工作，规范信息发布。"]
'''
Capture = pytest.CaptureFixture[str]
FAILING_KEEP = GOOD.replace("加强本站声明管理工作，规范信息发布。", "本站声明")
CLASH = GOOD.replace('"local.footer"', '"ads.qr-code-friend"')


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_list_json_has_every_shipped_rule(capsys: Capture) -> None:
    assert main(["rules", "list", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    ids = {r["id"] for r in rules}
    assert {"ads.qr-code-friend", "cms.empirecms-page-break"} <= ids
    assert all(r["description"] and r["stage"] and r["file"].endswith(".toml") for r in rules)
    zones = {r["id"]: r["zone"] for r in rules}
    assert (zones["toc.table-of-contents"], zones["meta.source-line"], zones["ads.qr-code-friend"]) == (
        "header", "edges", "anywhere")


def test_list_filters_by_stage_and_adds_user_rules(tmp_path: Path, capsys: Capture) -> None:
    assert main(["rules", "list", "--json", "--no-default-rules", "--rules", str(write(tmp_path, GOOD))]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["local.footer"]


def test_shipped_rules_pass_their_own_tests(capsys: Capture) -> None:
    assert main(["rules", "test"]) == 0
    assert ", 0 failed" in capsys.readouterr().out


def test_a_failing_keep_fails_with_a_diff(tmp_path: Path, capsys: Capture) -> None:
    assert main(["rules", "test", str(write(tmp_path, FAILING_KEEP))]) == 1
    captured = capsys.readouterr()
    assert "FAIL local.footer" in captured.err and "keep '本站声明' was changed" in captured.err
    assert "0 passed, 1 failed" in captured.out


def test_check_accepts_a_good_file(tmp_path: Path, capsys: Capture) -> None:
    assert main(["rules", "check", str(write(tmp_path, GOOD))]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out


def test_check_refuses_an_id_taken_by_a_shipped_rule(tmp_path: Path, capsys: Capture) -> None:
    assert main(["rules", "check", str(write(tmp_path, CLASH))]) == 2
    assert "the id is taken by a shipped rule" in capsys.readouterr().err


def test_check_names_the_line_of_a_bad_pattern(tmp_path: Path, capsys: Capture) -> None:
    bad = write(tmp_path, GOOD.replace("'本站声明.{0,20}'", "'本站(声明'"))
    assert main(["rules", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:7:" in err  # the pattern = line and "invalid pattern at position" in err


def test_stats_counts_fires_documents_and_removed_chars(tmp_path: Path, capsys: Capture) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    ad = "扫描上面二维码加QQ好友,获得更多文稿实用素材"
    (corpus / "a.txt").write_text(f"正文。\n{ad}\n{ad}\n", encoding="utf-8")
    (corpus / "b.txt").write_text(f"{ad}\n正文。\n", encoding="utf-8")
    (corpus / "c.txt").write_text("正文。\n", encoding="utf-8")
    assert main(["rules", "stats", str(corpus), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 3
    [row] = [r for r in report["rules"] if r["id"] == "ads.qr-code-friend"]
    assert row == {"id": "ads.qr-code-friend", "fired": 3, "documents": 2,
                   "chars_removed": 3 * (len(ad) + 1)}


def test_stats_names_bad_inputs_and_goes_on(tmp_path: Path, capsys: Capture) -> None:
    (tmp_path / "bin.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "ok.txt").write_text("正文。\n", encoding="utf-8")
    assert main(["rules", "stats", str(tmp_path), "--json"]) == 1
    captured = capsys.readouterr()
    assert "bin.txt: binary file" in captured.err
    assert json.loads(captured.out)["documents"] == 1


def test_check_names_the_line_and_fix_of_a_bad_zone(tmp_path: Path, capsys: Capture) -> None:
    bad = write(tmp_path, GOOD.replace('scope = "line"', 'scope = "line"\nzone = "bottom"'))
    assert main(["rules", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:7:" in err and "invalid zone 'bottom'" in err and 'zone = "header"' in err


def test_list_rejects_an_unknown_stage_naming_the_valid_ones(capsys: Capture) -> None:
    assert main(["rules", "list", "--stage", "boilerplat"]) == 2
    err = capsys.readouterr().err
    assert "'boilerplat'" in err and "'boilerplate'" in err and "'normalization'" in err
