"""Tests for cleaner.stages.encoding: mojibake repaired as changes, lost text flagged by line."""

from __future__ import annotations

import cleaner
from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.pipeline import StageContext
from cleaner.ruleset import RuleSet
from cleaner.stages import encoding

CONTEXT = StageContext(CleanConfig(), RuleSet())
CLEAN = "政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。"


def test_clean_text_passes_unchanged_and_unflagged() -> None:
    log = ChangeLog(stage="encoding")
    assert encoding.run(CLEAN, CONTEXT, log) == CLEAN
    assert (log.changes, log.flags) == ([], [])


def test_mojibake_becomes_a_change_of_the_stage() -> None:
    garbled = CLEAN.replace("政府工作报告", "鏀垮簻宸ヤ綔鎶ュ憡")
    log = ChangeLog(stage="encoding")
    assert encoding.run(garbled, CONTEXT, log) == CLEAN
    assert [(c.stage, c.rule, c.line, c.before, c.after) for c in log.changes] == [
        ("encoding", "encoding.utf8-as-gbk", 1, "鏀垮簻宸ヤ綔鎶ュ憡", "政府工作报告")]


def test_lost_text_is_flagged_on_its_line() -> None:
    text = "第一行\n第二\ufffd\ufffd行\n第三行锟斤拷"
    log = ChangeLog(stage="encoding")
    assert encoding.run(text, CONTEXT, log) == text
    assert [(f.kind, f.line) for f in log.flags] == [("lost_bytes", 2), ("lost_bytes", 3)]
    assert log.flags[0].message.startswith("2 × U+FFFD")
    assert "锟斤拷" in log.flags[1].message


def test_what_a_lossy_repair_loses_is_flagged_too() -> None:
    log = ChangeLog(stage="encoding")
    assert encoding.run("标题\n鑱屼笟鎶€鏈鏍?", CONTEXT, log) == "标题\n职业技\ufffd\ufffd"
    assert [(f.kind, f.line) for f in log.flags] == [("lost_bytes", 2)]


def test_without_a_log_nothing_is_recorded_but_text_is_repaired() -> None:
    assert encoding.run("鏀垮簻", CONTEXT, None) == "政府"


def test_through_the_pipeline() -> None:
    # The repaired line is a source line above the opening: boilerplate removes it and keeps
    # its value as metadata.
    result = cleaner.clean_text("鏉ユ簮锛氬箍宸炲競浜烘皯鏀垮簻闂ㄦ埛缃戠珯\n各位代表：\n")
    assert result.text == "各位代表：\n"
    assert result.metadata["disclosure"]["source"] == "广州市人民政府门户网站"
    assert result.counts()["encoding.utf8-as-gbk"] == 1
