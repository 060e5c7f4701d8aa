"""Tests for cleaner.pipeline: the public API, change recording, flags and the deletion guard."""

from __future__ import annotations

import dataclasses

import pytest

import cleaner
from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.errors import BinaryInputError, EmptyInputError
from cleaner.pipeline import Cleaner, StageContext
from cleaner.registry import Stage
from cleaner.ruleset import RuleSet
from cleaner.stages import default_registry

AD = "扫描上面二维码加QQ好友,获得更多文稿实用素材"


def test_clean_text_returns_text_and_changes_with_stage_and_rule() -> None:
    result = cleaner.clean_text(f"各位代表：\n{AD}\n现在，我代表镇人民政府向大会报告工作。")
    assert result.text == "各位代表：\n现在，我代表镇人民政府向大会报告工作。\n"
    [change] = [c for c in result.changes if c.rule == "ads.qr-code-friend"]
    assert (change.stage, change.line, change.before, change.after) == ("boilerplate", 2, AD + "\n", "")
    assert result.counts()["ads.qr-code-friend"] == 1
    assert result.decoding is None


def test_clean_text_on_clean_text_records_nothing() -> None:
    clean = "政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n"
    result = cleaner.clean_text(clean)
    assert result.text == clean
    assert result.changes == ()
    assert not result.changed


def test_clean_bytes_reports_decoding() -> None:
    result = cleaner.clean_bytes("政府工作报告\n各位代表：\n".encode("gb18030"))
    assert result.text == "政府工作报告\n各位代表：\n"
    assert result.decoding is not None and result.decoding.encoding == "gb18030"


def test_clean_bytes_rejects_binary_and_empty() -> None:
    with pytest.raises(BinaryInputError, match="binary file"):
        cleaner.clean_bytes(b"%PDF-1.7\n...")
    with pytest.raises(EmptyInputError):
        cleaner.clean_bytes(b"")


def test_explain_false_gives_same_text_without_changes() -> None:
    text = f"\u3000\u3000各位代表：\r\n{AD}\r\n"
    assert cleaner.clean_text(text, explain=False).text == cleaner.clean_text(text).text
    assert cleaner.clean_text(text, explain=False).changes == ()


def test_deletion_guard_flags_a_document_that_loses_too_much() -> None:
    text = "\n".join([AD] * 5 + ["现在，我代表镇人民政府向大会报告工作。"])
    result = cleaner.clean_text(text)
    assert [f.kind for f in result.flags] == ["deletion_guard"]
    assert result.removed_share > 0.3
    relaxed = cleaner.clean_text(text, CleanConfig(max_removed=0.95))
    assert relaxed.flags == ()


def test_deletion_guard_does_not_count_a_repeated_copy_as_lost() -> None:
    """A report pasted twice loses half its text to the repeats stage, but nothing of it is lost."""
    report = "\n".join(f"{n}、全镇完成固定资产投资{n}亿元，同比增长{n}%，重点项目稳步推进。"
                       for n in "一二三四五")
    result = cleaner.clean_text(report + "\n" + report + "\n")
    assert result.text == report + "\n"
    assert result.removed_share > 0.3  # the copy did go ...
    assert "deletion_guard" not in [f.kind for f in result.flags]  # ... but the text is all there


def test_lost_bytes_are_flagged_not_dropped() -> None:
    result = cleaner.clean_text("完成投资\ufffd\ufffd万元。\n锟斤拷锟斤拷\n")
    assert "\ufffd\ufffd" in result.text and "锟斤拷" in result.text
    assert [(f.kind, f.line) for f in result.flags] == [("lost_bytes", 1), ("lost_bytes", 2)]


def test_explain_false_still_keeps_flags() -> None:
    text = "完成投资\ufffd\ufffd万元。\n" + "\n".join([AD] * 5)
    quiet = cleaner.clean_text(text, explain=False)
    assert quiet.changes == ()
    assert [f.kind for f in quiet.flags] == [f.kind for f in cleaner.clean_text(text).flags]
    assert {"lost_bytes", "deletion_guard"} <= {f.kind for f in quiet.flags}


def test_undecodable_bytes_are_flagged() -> None:
    data = "第一行\n".encode() + b"\xff\xfe\xfa bad\n" + "第三行\n".encode("gb18030")
    result = cleaner.clean_bytes(data)
    assert any(f.kind == "lost_bytes" for f in result.flags)
    assert "第一行" in result.text and "第三行" in result.text


def test_disabling_a_rule_by_id_and_by_tag() -> None:
    ad = "扫描下方二维码添加微信好友，获取更多范文素材"  # full-width: normalization leaves it as is
    text = f"{ad}\n正文。"
    assert ad not in cleaner.clean_text(text).text
    # the scored chrome-line and farm-line rules catch the ad as well, and so does the rule for a
    # farm sentence glued to a paragraph (layout joins the ad to 正文。): all four must go to keep it
    assert ad not in cleaner.clean_text(text, CleanConfig(disable=("ads.qr-code-friend",))).text
    every = ("ads.qr-code-friend", "chrome.scored-line", "farm.scored-line", "farm.glued-sentence")
    assert ad in cleaner.clean_text(text, CleanConfig(disable=every)).text
    assert ad in cleaner.clean_text(text, CleanConfig(disable=("ads", "scored"))).text


def test_a_user_stage_slots_in_between_by_priority() -> None:
    registry = default_registry()
    seen: list[str] = []

    def spy(text: str, context: StageContext, log: ChangeLog | None) -> str:
        seen.append(text)
        return text

    registry.register(Stage("spy", spy, 80, "sees text after hygiene, before boilerplate"))
    Cleaner(registry=registry).clean_text(f"甲\r\n{AD}\r\n")
    assert seen == [f"甲\n{AD}\n"]


def test_stages_receive_immutable_context() -> None:
    context = Cleaner().context
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.config = CleanConfig()  # type: ignore[misc]
    assert isinstance(context.rules, RuleSet)


def test_explain_lines_name_stage_rule_and_line() -> None:
    lines = cleaner.clean_text(f"甲\n{AD}\n乙\n").explain()
    assert lines == [f"boilerplate/ads.qr-code-friend line 2: {AD + chr(10)!r} → ''"]
