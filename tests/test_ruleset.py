"""The rule engine (cleaner.ruleset): order, selection, application, zones, blocks, lifting, checks.

The last test runs ``Rule.check`` for every rule shipped in ``rules/``, so each rule's examples
and keeps are tests of their own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from conftest import DEMO_RULES, DEMO_STAGES, SHIPPED_STAGES, load_rule_file, write_rule_file
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.errors import ConfigError, RuleFileError, RuleTimeoutError
from cleaner.pipeline import Cleaner
from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.ruleset import Rule, merge_spans, overlaps
from cleaner.stages.boilerplate import apply_stage_rules


def one_rule(tmp_path: Path, body: str):
    """A single rule from the lines of ``body`` (a rule table without the [[rule]] header)."""
    return load_rule_file(tmp_path, "[[rule]]\n" + textwrap.dedent(body))[0]


# --- order ------------------------------------------------------------------------------------

ORDERED = """\
[[rule]]
id = "demo.{name}"
stage = "boilerplate"
description = "A rule of priority {priority}."
{priority_line}pattern = '{name}'
replacement = ""
examples = [{{ input = "{name}甲", output = "甲" }}]
keeps = ["乙"]
"""


def test_rules_run_by_priority_then_in_load_order(tmp_path: Path) -> None:
    rules = [("late", 40), ("first", None), ("early", 60), ("second", None)]
    text = "".join(ORDERED.format(name=name, priority=priority or 50,
                                  priority_line=f"priority = {priority}\n" if priority else "")
                   for name, priority in rules)
    ruleset = load_rules([write_rule_file(tmp_path, text)], DEMO_STAGES)
    assert [r.id for r in ruleset.for_stage("boilerplate")] == [
        "demo.early", "demo.first", "demo.second", "demo.late"]

def test_a_priority_out_of_range_names_the_fix(tmp_path: Path) -> None:
    text = ORDERED.format(name="x", priority=500, priority_line="priority = 500\n")
    with pytest.raises(RuleFileError, match=r"priority 500 is out of range.*use 0–100"):
        load_rules([write_rule_file(tmp_path, text)], DEMO_STAGES)


# --- selection --------------------------------------------------------------------------------

def test_select_switches_rules_by_id_and_by_tag(tmp_path: Path) -> None:
    ruleset = load_rules([write_rule_file(tmp_path, DEMO_RULES)], DEMO_STAGES)
    assert ruleset.select(enable=["demo.off"]).active == {"demo.ad", "demo.comma", "demo.off"}
    assert ruleset.select(enable=["optional"]).active == {"demo.ad", "demo.comma", "demo.off"}
    assert ruleset.select(disable=["punctuation"]).active == {"demo.ad"}
    assert ruleset.select(disable=["demo.ad"]).active == {"demo.comma"}
    assert ruleset.get("demo.off").id == "demo.off"


def test_an_unknown_name_in_select_suggests_the_nearest(tmp_path: Path) -> None:
    ruleset = load_rules([write_rule_file(tmp_path, DEMO_RULES)], DEMO_STAGES)
    with pytest.raises(ConfigError, match=r"unknown rule id or tag 'demo.coma' "
                                          r"\(did you mean 'demo.comma'\?\)"):
        ruleset.select(disable=["demo.coma"])
    with pytest.raises(ConfigError, match=r"did you mean 'punctuation'"):
        ruleset.select(enable=["punctuaton"])
    with pytest.raises(ConfigError, match=r"unknown rule 'demo\.xyz'"):
        ruleset.get("demo.xyz")


# --- application ------------------------------------------------------------------------------

def test_a_line_rule_deletes_whole_matching_lines_only(tmp_path: Path) -> None:
    ad = load_rule_file(tmp_path)[0]
    log = ChangeLog(stage="boilerplate")
    text = "正文。\n  扫码领取资料  \n通过扫码领取资料。\n"
    assert ad.apply(text, log) == "正文。\n通过扫码领取资料。\n"
    assert [(c.rule, c.line, c.offset, c.before, c.after) for c in log.changes] == [
        ("demo.ad", 2, 4, "  扫码领取资料  \n", "")]


def test_a_line_longer_than_max_length_stays(tmp_path: Path) -> None:
    long_line = "扫码领取资料" + "甲" * 10
    rule = one_rule(tmp_path, """\
        id = "demo.long"
        stage = "boilerplate"
        description = "Whole line, capped."
        scope = "line"
        pattern = '扫码领取资料.*'
        max_length = 10
        examples = [{ input = "扫码领取资料", output = "" }]
        keeps = ["扫码领取资料甲甲甲甲甲甲甲甲甲甲"]
        """)
    assert rule.apply(long_line) == long_line


def test_a_span_rule_replaces_matches_and_records_each(tmp_path: Path) -> None:
    comma = load_rule_file(tmp_path)[1]
    log = ChangeLog(stage="normalization")
    assert comma.apply("现在,我代表\n1,000,政府", log) == "现在，我代表\n1,000,政府"
    assert [(c.line, c.offset, c.before, c.after) for c in log.changes] == [(1, 2, ",", "，")]


def test_a_deletion_to_the_line_end_stops_before_report_text_glued_after_a_gap(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.download"
        stage = "boilerplate"
        description = "A download note, to the end of its line."
        pattern = '本文档共\\d+页[^\\n]*'
        examples = [{ input = "正文。\\n本文档共5页，下载后可编辑\\n结尾。", output = "正文。\\n\\n结尾。" }]
        keeps = ["全文共5页。"]
        """)
    log = ChangeLog(stage="boilerplate")
    body = "2024年是全面贯彻落实党的二十大精神的关键之年，全镇上下要团结一心。"
    text = f"正文。\n本文档共5页，下载后可编辑　二、2024年工作安排\n{body}"
    assert rule.apply(text, log) == f"正文。\n二、2024年工作安排\n{body}"
    assert [c.before for c in log.changes] == ["本文档共5页，下载后可编辑　"]
    # text the pattern matches alone too is the rule's own: it goes
    assert rule.apply("正文。\n本文档共5页，下载后可编辑　本文档共3页，仅供参考。") == "正文。\n"


def test_a_deletion_ending_in_a_number_the_text_goes_on_with_leaves_the_number(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.jammer"
        stage = "boilerplate"
        description = "A jammer of hashes, letters and digits."
        pattern = '#[#A-Za-z0-9]{4,}'
        examples = [{ input = "全镇#Q7#mK#上下", output = "全镇上下" }]
        keeps = ["全镇上下"]
        """)
    assert rule.apply("全镇#Q7#mK#2022年完成投资3亿元。") == "全镇2022年完成投资3亿元。"
    assert rule.apply("全镇#Q7#mK#2022上下") == "全镇上下"  # no unit after it: the jammer's digits


def test_triggers_skip_the_pattern_when_absent(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.trigger"
        stage = "normalization"
        description = "Replaces a, but only where the trigger b occurs."
        pattern = 'a'
        replacement = "A"
        triggers = ["bb"]
        examples = [{ input = "a bb", output = "A bb" }]
        keeps = ["a b"]
        """)
    assert rule.apply("a b a") == "a b a"
    assert rule.apply("a bb a") == "A bb A"


def test_protected_spans_are_left_alone(tmp_path: Path) -> None:
    comma = load_rule_file(tmp_path)[1]
    text = "甲,乙 丙,丁"
    log = ChangeLog()
    assert comma.apply(text, log, protected=[(0, 3)]) == "甲,乙 丙，丁"
    assert [(c.offset, c.before) for c in log.changes] == [(5, ",")]


def test_min_count_acts_only_on_recurring_matches(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.residue"
        stage = "normalization"
        description = "Residue only when it recurs three times."
        pattern = '\\(x\\)'
        replacement = ""
        min_count = 3
        examples = [{ input = "a(x)b(x)c(x)", output = "abc" }]
        keeps = ["a(x)b(x)c"]
        """)
    assert rule.apply("a(x)b(x)") == "a(x)b(x)"
    assert rule.apply("a(x)b(x)c(x)d(x)") == "abcd"
    # protected matches do not count towards min_count
    assert rule.apply("a(x)b(x)c(x)", protected=[(0, 4)]) == "a(x)b(x)c(x)"


def test_a_flag_rule_reports_and_changes_nothing(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.placeholder"
        stage = "normalization"
        description = "A placeholder."
        scope = "flag"
        flag = "placeholder"
        pattern = 'X(?=亿元)'
        examples = [{ input = "突破X亿元", output = "突破⟦X⟧亿元" }]
        keeps = ["X光机"]
        """)
    log = ChangeLog()
    text = "甲\n突破X亿元,X亿元"
    assert rule.apply(text, log) == text
    assert log.changes == []
    assert [(f.kind, f.line) for f in log.flags] == [("placeholder", 2), ("placeholder", 2)]
    assert "demo.placeholder" in log.flags[0].message
    assert rule.mark("突破X亿元") == "突破⟦X⟧亿元"


def test_a_protect_rule_from_terms_marks_the_longest_term(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.names"
        stage = "normalization"
        description = "Names."
        scope = "protect"
        terms = ["乾安", "乾安县", "a.b"]
        examples = [{ input = "吉林省乾安县", output = "吉林省⟦乾安县⟧" }]
        keeps = ["乾燥", "axb"]
        """)
    assert rule.terms == ("乾安", "乾安县", "a.b")
    assert rule.spans("乾安县和乾安,a.b") == [(0, 3), (4, 6), (7, 10)]
    assert rule.apply("乾安县") == "乾安县"  # a protect rule changes nothing itself


def test_a_catastrophic_pattern_times_out(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.slow"
        stage = "normalization"
        description = "Nested quantifiers: exponential on a near miss."
        pattern = '(?:a|aa)+c\\d'
        replacement = ""
        examples = [{ input = "aac1", output = "" }]
        keeps = ["b"]
        """)
    with pytest.raises(RuleTimeoutError, match=r"demo\.slow") as caught:
        rule.apply("a" * 40 + "c", timeout=0.05)
    assert caught.value.rule_id == "demo.slow"


def test_spans_helpers() -> None:
    assert merge_spans([(4, 6), (0, 1), (1, 2), (5, 9)]) == [(0, 2), (4, 9)]
    spans = [(0, 2), (4, 9)]
    assert [overlaps(spans, s, e) for s, e in [(2, 4), (1, 3), (8, 12), (9, 10)]] == [
        False, True, True, False]
    assert overlaps([], 0, 5) is False


# --- check() ----------------------------------------------------------------------------------

def test_check_reports_a_failing_example_and_a_changed_keep(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.wrong"
        stage = "normalization"
        description = "Its example and keep are wrong on purpose."
        pattern = ','
        replacement = "，"
        examples = [{ input = "甲,乙", output = "甲、乙" }, { input = "a,b", output = "a，b" }]
        keeps = ["1,000", "丙丁"]
        """)
    problems = rule.check()
    assert len(problems) == 2
    assert problems[0].startswith("example '甲,乙': expected '甲、乙', got '甲，乙'")
    assert problems[1].startswith("keep '1,000' was changed to '1，000'")


def test_check_on_a_protect_rule_compares_the_marked_text(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.url"
        stage = "normalization"
        description = "URLs; the keep is wrong on purpose."
        scope = "protect"
        pattern = 'https?://\\S+'
        examples = [{ input = "见http://a.cn", output = "见⟦http://a.cn⟧" }]
        keeps = ["见https://b.cn"]
        """)
    problems = rule.check()
    assert len(problems) == 1
    assert "keep '见https://b.cn' was changed to '见⟦https://b.cn⟧'" in problems[0]


SHIPPED = load_rules([default_rules_dir()], SHIPPED_STAGES).rules


@pytest.mark.parametrize("rule", SHIPPED, ids=[rule.id for rule in SHIPPED])
def test_every_shipped_rule_passes_its_examples_and_keeps(rule) -> None:
    assert rule.check() == []


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["微信", " 微信 ", "正文。", "", "微信群覆盖全镇。", "微博"]), max_size=8),
       st.booleans())
def test_line_deletion_equals_deleting_from_the_list_of_lines(lines: list[str], final: bool) -> None:
    # trigger-driven deletion touches only candidate lines; it must act exactly like deleting
    # matching items from text.split("\n") and joining the rest
    text = "\n".join(lines) + ("\n" if final else "")
    rule = Rule(id="t.wechat", stage="boilerplate", description="d", scope="line",
                pattern=regex.compile("微信|微博"), triggers=("微信", "微博"))
    expected = "\n".join(line for line in text.split("\n") if line.strip() not in ("微信", "微博"))
    assert rule.apply(text) == expected


# --- zones, blocks, lifting, flags on removal ----------------------------------------------------

REPORT = ("来源：县政府办\n政府工作报告\n各位代表：\n来源：县政府办\n让我们为美好明天而努力奋斗！\n"
          "来源：县政府办")


@pytest.mark.parametrize(("zone", "expected"), [
    ("anywhere", "政府工作报告\n各位代表：\n让我们为美好明天而努力奋斗！"),
    ("header", "政府工作报告\n各位代表：\n来源：县政府办\n让我们为美好明天而努力奋斗！\n来源：县政府办"),
    ("footer", "来源：县政府办\n政府工作报告\n各位代表：\n来源：县政府办\n让我们为美好明天而努力奋斗！"),
    ("edges", "政府工作报告\n各位代表：\n来源：县政府办\n让我们为美好明天而努力奋斗！"),
])
def test_a_zoned_rule_acts_only_in_its_zone(tmp_path: Path, zone: str, expected: str) -> None:
    rule = one_rule(tmp_path, f"""\
        id = "demo.source"
        stage = "boilerplate"
        description = "A bare source line."
        scope = "line"
        zone = "{zone}"
        pattern = '来源：\\S+'
        triggers = ["来源"]
        examples = [{{ input = "来源：县政府办\\n正文。", output = "正文。" }}]
        keeps = ["资金来源：上级补助。"]
        """)
    assert rule.apply(REPORT) == expected


def test_a_zoned_span_rule_acts_on_matches_that_start_in_its_zone(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.tag"
        stage = "boilerplate"
        description = "A tag."
        zone = "header"
        pattern = '<x>'
        replacement = ""
        examples = [{ input = "<x>题\\n正文。", output = "题\\n正文。" }]
        keeps = ["各位代表：\\n<x>"]
        """)
    assert rule.apply("<x>标题<x>\n各位代表：\n正文<x>。") == "标题\n各位代表：\n正文<x>。"


TOC = """\
id = "demo.toc"
stage = "boilerplate"
description = "A table of contents."
scope = "block"
pattern = '目\\s*录'
continuation = '\\d+\\.\\S+\\s+\\d+'
min_continuations = 2
triggers = ["目"]
examples = [{ input = "目录\\n1.甲 1\\n2.乙 5\\n正文。", output = "正文。" }]
keeps = ["目录\\n1.甲 1\\n正文。"]
"""


def test_a_block_rule_deletes_its_run_of_lines_as_one_change(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, TOC)
    log = ChangeLog(stage="boilerplate")
    text = "汇编\n目 录\n1.罗针镇 1\n\n2.高坪镇 10\n3.荣山镇 16\n政府工作报告\n"
    assert rule.apply(text, log) == "汇编\n政府工作报告\n"
    assert [(c.rule, c.line, c.before) for c in log.changes] == [
        ("demo.toc", 2, "目 录\n1.罗针镇 1\n\n2.高坪镇 10\n3.荣山镇 16\n")]


@pytest.mark.parametrize("text", [
    "目录\n1.甲 1\n正文。",             # one entry: fewer than min_continuations
    "目录编制\n1.甲 1\n2.乙 5\n",      # the start pattern must take its whole line
    "目录\n1.甲 1 和乙\n2.乙 5\n",     # an item must end its line
])
def test_a_block_needs_whole_lines_and_enough_continuations(tmp_path: Path, text: str) -> None:
    assert one_rule(tmp_path, TOC).apply(text) == text


def test_a_block_at_the_end_of_a_text_takes_the_break_before_it(tmp_path: Path) -> None:
    assert one_rule(tmp_path, TOC).apply("正文。\n目录\n1.甲 1\n2.乙 5") == "正文。"


LIFT = """\
id = "demo.index"
stage = "boilerplate"
description = "An index number line."
scope = "line"
pattern = '索引号：(?P<idx>\\S+)(?:\\s+有效性：(?P<valid>\\S+))?'
lift_into = "disclosure"
lift = { idx = "index_number", valid = "validity" }
triggers = ["索引号"]
examples = [{ input = "索引号：A/1\\n正文。", output = "正文。", lifted = { index_number = "A/1" } }]
keeps = ["索引号编制工作有序开展。"]
"""


def test_lifted_values_merge_into_one_table_and_the_first_wins(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, LIFT)
    log = ChangeLog(stage="boilerplate", explain=False)
    assert rule.apply("索引号：A/1\n索引号：B/2 有效性：有效\n正文。", log) == "正文。"
    assert log.metadata == {"disclosure": {"index_number": "A/1", "validity": "有效"}}


def test_a_score_rule_lifts_with_its_lift_pattern(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.scored-index"
        stage = "boilerplate"
        description = "A label-value line, scored."
        scope = "score"
        threshold = 2
        features = [{ name = "label-value", pattern = '^\\p{Han}{3}：\\S+$', weight = 2 }]
        lift_into = "disclosure"
        lift_pattern = '索引号：(?P<idx>\\S+)'
        lift = { idx = "index_number" }
        examples = [{ input = "索引号：A/1\\n正文。", output = "正文。", lifted = { index_number = "A/1" } }]
        keeps = ["索引号编制工作有序开展。"]
        """)
    log = ChangeLog(stage="boilerplate", explain=False)
    assert rule.apply("索引号：A/1\n发布者：某镇\n正文。", log) == "正文。"
    assert log.metadata == {"disclosure": {"index_number": "A/1"}}


def test_an_example_that_lifts_something_else_fails_its_check(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, LIFT.replace('index_number = "A/1"', 'index_number = "A/2"'))
    [problem] = rule.check()
    assert "expected to lift {'index_number': 'A/2'}, lifted {'index_number': 'A/1'}" in problem


def test_a_removal_can_raise_a_flag_and_the_text_around_it_stays(tmp_path: Path) -> None:
    rule = one_rule(tmp_path, """\
        id = "demo.cut"
        stage = "boilerplate"
        description = "A truncation notice."
        pattern = '省略\\d+字'
        replacement = ""
        flag_on_remove = "incomplete"
        triggers = ["省略"]
        examples = [{ input = "甲省略9字乙", output = "甲乙" }]
        keeps = ["省略审批环节。"]
        """)
    log = ChangeLog(stage="boilerplate", explain=False)
    assert rule.apply("加快发展。\n全面推进省略912字乡村振兴。", log) == "加快发展。\n全面推进乡村振兴。"
    assert [(f.kind, f.line) for f in log.flags] == [("incomplete", 2)]
    assert "省略912字" in log.flags[0].message


def test_a_span_rule_searches_only_the_lines_that_hold_what_a_match_needs() -> None:
    searched: list[tuple[int, int]] = []

    class Spy:
        def __init__(self, source: str) -> None:
            self.compiled = regex.compile(source, regex.MULTILINE)
            self.pattern, self.flags = self.compiled.pattern, self.compiled.flags

        def finditer(self, text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
            searched.append((start, end))
            return self.compiled.finditer(text, start, end)

    rule = Rule("demo.x", "boilerplate", "", "span", Spy("【(?:打印|关闭)本页】"),  # type: ignore[arg-type]
                triggers=("【",))
    text = "【打印本页】\n【附件】打印\n本页【关闭本页】"
    assert rule.apply(text) == "\n【附件】打印\n本页"
    assert searched == [(0, 6), (14, 22)]  # the second line holds 【 but not 本页
    # 【 is needed too, but every line the rule runs on holds it: its trigger
    assert sorted(sorted(need.few) for need in rule.needs) == [["关闭", "打印"], ["本页】"]]


def test_the_boilerplate_stage_skips_zoned_rules_on_a_fragment() -> None:
    cleaner = Cleaner(CleanConfig())
    text = "来源：县政府办\n各位代表：\n正文。"
    assert apply_stage_rules("boilerplate", text, cleaner.context, None) == text
    assert apply_stage_rules("boilerplate", text, cleaner.context, None, document=True) == \
        "各位代表：\n正文。"


def test_a_users_runaway_rule_is_stopped_and_flagged_by_the_stage(tmp_path: Path) -> None:
    path = write_rule_file(tmp_path, """\
[[rule]]
id = "demo.slow"
stage = "boilerplate"
description = "Nested quantifiers: exponential on a near miss."
pattern = '(?:a|aa)+c\\d'
examples = [{ input = "aac1", output = "" }]
keeps = ["b"]
""")
    cleaner = Cleaner(CleanConfig(rule_paths=(path,), default_rules=False, rule_timeout=0.05))
    log = ChangeLog(stage="boilerplate")
    text = "a" * 40 + "c"
    assert apply_stage_rules("boilerplate", text, cleaner.context, log, document=True) == text
    assert [f.kind for f in log.flags] == ["rule_timeout"]
