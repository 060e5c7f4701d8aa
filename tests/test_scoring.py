"""Scored line rules (cleaner.scoring): features, judging, reasons, and the safety of the shipped
score rules on real report text.

The shipped score rules are checked against every line of the gold bodies, the negative set and
the expected sample outputs — in the body of a document and at its edges, where the zone feature
adds its weight — and nothing may be deleted.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import regex

from cleaner.change import ChangeLog
from cleaner.errors import RuleFileError
from cleaner.outline import Outline
from cleaner.pipeline import rule_stages
from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.rule_stress import rule_patterns
from cleaner.ruleset import Rule
from cleaner.scoring import (
    Feature,
    Gate,
    LineScore,
    Place,
    Prefilter,
    Scorer,
    coverage,
    required_characters,
    required_literal_sets,
    required_literals,
)
from cleaner.stages import default_registry
from cleaner.zones import NO_ZONES

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = load_rules([default_rules_dir()], rule_stages(default_registry()))
SCORE_RULES = [rule for rule in SHIPPED.rules if rule.scope == "score"]
REAL_TEXT = sorted([*(ROOT / "bench" / "gold").glob("*.txt"),
                    *(ROOT / "tests" / "golden" / "negative").glob("*.txt"),
                    *(ROOT / "samples" / "expected").glob("*.txt")])
OPENING = "政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作。\n"
CLOSING = "\n让我们团结一心，为建设美丽家园而努力奋斗！\n"
REASON_RE = re.compile(r"(?P<parts>.+) = (?P<total>-?\d+) ≥ (?P<threshold>\d+)")
# a part of a reason: a feature's name (a model's with its evidence in brackets), hits, points
PART_RE = re.compile(r"(?P<name>[\w-]+)(?:\(.*?\))?(?:×\d+)?(?P<points>[+-]\d+)")


def scorer(*features: Feature, threshold: int = 4) -> Scorer:
    return Scorer(features, threshold)


def ui(weight: int = 2, max_hits: int = 2) -> Feature:
    return Feature("ui", weight, regex.compile("分享|收藏|打印"), max_hits=max_hits, counted=True)


END = Feature("end", -6, regex.compile("[。！？]$"))
EDGE = Feature("edge", 1, zone="edges")


def never_in_zone(zone: str) -> bool:
    return False


def always_in_zone(zone: str) -> bool:
    return True


def load_score_rule(tmp_path: Path, features: str, extra: str = "") -> Rule:
    text = textwrap.dedent("""\
        [[rule]]
        id = "demo.scored"
        stage = "boilerplate"
        description = "Scored chrome."
        scope = "score"
        threshold = 4
        features = [
        {features}
        ]
        {extra}
        examples = [{{ input = "正文。\\n收藏　打印\\n结尾。", output = "正文。\\n结尾。" }}]
        keeps = ["收藏文物。"]
        """).format(features=features, extra=extra)
    path = tmp_path / "scored.toml"
    path.write_text(text, encoding="utf-8")
    return load_rules([path], ["boilerplate"]).rules[0]


# --- features and judging ----------------------------------------------------------------------

def test_a_feature_adds_its_weight_once_per_distinct_match_up_to_max_hits() -> None:
    assert ui(max_hits=2).hits("收藏 收藏", never_in_zone, {}) == 1
    assert ui(max_hits=2).hits("收藏 分享 打印", never_in_zone, {}) == 2
    assert ui(max_hits=3).hits("收藏 分享 打印", never_in_zone, {}) == 3


def test_a_coverage_feature_fires_when_the_line_is_made_of_the_counted_vocabulary() -> None:
    made_of = scorer(ui(), Feature("all", 2, coverage=0.6, of=("ui",)))
    assert made_of.score("收藏 打印", never_in_zone).fired == (("ui", 2, 4), ("all", 1, 2))
    assert made_of.score("收藏文物征集工作", never_in_zone).fired == (("ui", 1, 2),)
    assert coverage("收藏 打印 ——", [(0, 2), (3, 5)]) == 1.0


def test_judge_stops_early_and_decides_as_score_does() -> None:
    rule = scorer(ui(), END, EDGE)
    lines = ["收藏　打印", "收藏　打印。", "收藏", "分享发展经验", "打印本页　收藏本页！", ""]
    for line in lines:
        for in_zone in (never_in_zone, always_in_zone):
            judged = rule.judge(line, in_zone)
            assert (judged is not None) == (rule.score(line, in_zone).total >= rule.threshold), line


def test_the_zone_is_looked_at_only_when_it_decides() -> None:
    asked: list[str] = []

    def in_zone(zone: str) -> bool:
        asked.append(zone)
        return True

    rule = scorer(ui(), EDGE, threshold=3)
    assert rule.judge("收藏　打印", in_zone) is not None and asked == []
    assert rule.judge("收藏", in_zone) is not None and asked == ["edges"]


def test_the_prefilter_skips_lines_without_its_literals() -> None:
    rule = Scorer((ui(),), 4, Prefilter.build(["收藏"]))
    assert rule.judge("分享　打印", never_in_zone) is None
    assert rule.judge("收藏　打印", never_in_zone) is not None


def test_the_reason_lists_what_fired_and_the_sum() -> None:
    score = LineScore((("ui", 2, 4), ("edge", 1, 1), ("end", 1, -6)))
    assert score.reason(4) == "ui×2+4 edge+1 end-6 = -1 < 4"


# --- a score rule in the engine ----------------------------------------------------------------

FEATURES = """\
  { name = "ui", pattern = '分享|收藏|打印', weight = 2, max_hits = 2 },
  { name = "all-ui", coverage = 0.6, of = ["ui"], weight = 1 },
  { name = "edge", zone = "edges", weight = 1 },
  { name = "end", pattern = '[。！？]$', weight = -6 },"""


def test_a_score_rule_deletes_lines_and_records_why(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, FEATURES)
    log = ChangeLog(stage="boilerplate")
    text = "各位代表：\n开展工作。\n收藏　打印\n分享发展经验。\n结尾。"
    assert rule.apply(text, log) == "各位代表：\n开展工作。\n分享发展经验。\n结尾。"
    [change] = log.changes
    assert (change.rule, change.line, change.before, change.after) == (
        "demo.scored", 3, "收藏　打印\n", "")
    assert change.reason == "ui×2+4 all-ui+1 = 5 ≥ 4"


def test_the_zone_feature_tips_a_line_at_the_edges_only(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, FEATURES.replace("max_hits = 2", "max_hits = 1"))
    body = "各位代表：\n打印\n正文。\n让我们为建设美丽家园而努力奋斗！"
    assert rule.apply(body) == body  # ui 2 + all-ui 1 = 3 in the body
    log = ChangeLog(stage="boilerplate")
    assert rule.apply(body + "\n打印", log) == body
    assert log.changes[0].reason.endswith("ui+2 all-ui+1 edge+1 = 4 ≥ 4")


def test_a_feature_may_list_literal_terms(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, FEATURES.replace("pattern = '分享|收藏|打印'",
                                                      'terms = ["分享", "收藏", "打印"]'))
    assert rule.apply("正文。\n收藏　打印\n结尾。") == "正文。\n结尾。"


def test_a_score_rule_never_empties_a_text(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, FEATURES)
    assert rule.apply("收藏　打印\n\n分享　收藏") == "收藏　打印\n\n分享　收藏"
    assert rule.apply("收藏　打印\n正文。") == "正文。"


def test_lines_another_stage_rebuilt_are_judged_one_by_one(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, FEATURES)
    assert rule.apply("收藏　打印", zones=NO_ZONES) == ""


def test_lines_longer_than_max_length_are_not_scored(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, FEATURES, "max_length = 4")
    assert rule.apply("正文。\n收藏　打印\n结尾。") == "正文。\n收藏　打印\n结尾。"


def test_score_rules_run_after_the_other_rules_of_their_stage() -> None:
    order = [rule.scope for rule in SHIPPED.for_stage("boilerplate")]
    assert "score" in order
    assert order.index("score") == len(order) - order.count("score")


# --- features that read the document ----------------------------------------------------------

BODY = "现在，我代表镇人民政府向大会报告工作，请予审议。"
STRUCTURE = """\
  { name = "echo", weight = 3, echo = 4 },
  { name = "toc-run", weight = 2, run = ["echo"], min_run = 2 },
  { name = "heads-toc", weight = 2, above = "toc-run" },
  { name = "list-word", weight = 2, pattern = '目|录' },"""
TOC = "\n".join(["目　录", "1.甲镇政府工作报告……1", "2.乙乡政府工作报告……9",
                 "甲镇政府工作报告", "各位代表：", BODY, "乙乡政府工作报告", "各位代表：", BODY])


def test_a_table_of_contents_goes_by_its_echoes_and_explains_why(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, STRUCTURE)
    log = ChangeLog(stage="boilerplate")
    assert rule.apply(TOC, log) == TOC.split("\n", 3)[3]
    assert [change.reason for change in log.changes] == [
        "heads-toc+2 list-word+2 = 4 ≥ 4", "echo+3 toc-run+2 = 5 ≥ 4", "echo+3 toc-run+2 = 5 ≥ 4"]


def test_one_echo_is_no_table(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, STRUCTURE)
    text = TOC.replace("2.乙乡政府工作报告……9\n", "")
    assert rule.apply(text) == text


def test_a_line_judged_alone_has_no_document() -> None:
    echo = Feature("echo", 5, echo=4)
    assert echo.hits("1.甲镇政府工作报告……1", never_in_zone, {}) == 0
    place = Place(TOC)
    place.start = TOC.index("1.")
    assert echo.hits("1.甲镇政府工作报告……1", never_in_zone, {}, None, place.locate) == 1


def test_the_document_is_read_only_when_it_decides() -> None:
    read: list[int] = []

    def locate() -> tuple[Outline, int]:
        read.append(1)
        return Outline.of("正文"), 0

    rule = scorer(ui(), Feature("echo", 3, echo=4), threshold=4)
    assert rule.judge("收藏　打印", never_in_zone, None, locate) is not None and read == []
    assert rule.judge("收藏", never_in_zone, None, locate) is None and read == [1]


def test_a_run_counts_lines_of_the_features_it_names(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, """\
  { name = "pair", weight = 1, pattern = '^\\p{Han}{2,6}：\\S{1,20}$' },
  { name = "pairs", weight = 3, run = ["pair"], min_run = 3 },""")
    text = "编码：X1/2023-5\n部门：某镇人民政府\n日期：2023-01-05\n政府工作报告\n各位代表：\n" + BODY
    assert rule.apply(text) == "政府工作报告\n各位代表：\n" + BODY
    assert rule.apply(text.replace("日期：2023-01-05\n", "")) == text.replace("日期：2023-01-05\n", "")


def test_a_veto_breaks_a_run_and_a_glued_run_ends_above_a_title(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, """\
  { name = "pair", weight = 1, pattern = '^\\p{Han}{2,6}：\\S{1,20}$' },
  { name = "glued", weight = 3, run = ["pair"], min_run = 2, above_title = true },
  { name = "speaker", weight = -6, pattern = '报告人' },""")
    text = "编码：X1/2023-5\n部门：某镇人民政府\n政府工作报告\n各位代表：\n" + BODY
    assert rule.apply(text) == "政府工作报告\n各位代表：\n" + BODY
    apart = text.replace("部门：某镇人民政府\n", "部门：某镇人民政府\n目录\n")
    assert rule.apply(apart) == apart  # not glued to its title
    speaker = text.replace("编码：X1/2023-5", "报告人：张三")
    assert rule.apply(speaker) == speaker  # the veto breaks the run: one line is left


def test_separators_go_by_their_shape_and_back_links_by_recurring(tmp_path: Path) -> None:
    rule = load_score_rule(tmp_path, """\
  { name = "short", weight = 1, pattern = '^[^，。：]{1,5}$' },
  { name = "between", weight = 3, repeats = 2 },
  { name = "again", weight = 3, recurs = 3 },""")
    reports = [town + "工作报告\n各位代表：\n" + BODY + "\n↑目录" for town in ("甲镇", "乙乡", "丙镇")]
    text = reports[0] + "\n◆ 2 ◆\n" + reports[1] + "\n◆ 3 ◆\n" + reports[2]
    log = ChangeLog(stage="boilerplate")
    assert rule.apply(text, log) == "\n".join(reports).replace("\n↑目录", "")
    assert [change.reason for change in log.changes] == [
        "short+1 again+3 = 4 ≥ 4", "short+1 between+3 = 4 ≥ 4"] * 2 + ["short+1 again+3 = 4 ≥ 4"]


@pytest.mark.parametrize(("feature", "problem"), [
    ('{ name = "e", weight = 3, echo = 1 }', "echo is the fewest characters"),
    ('{ name = "e", weight = -3, echo = 4 }', "an echo feature fires once, with a positive weight"),
    ('{ name = "r", weight = 3, run = ["nope"] }', "unknown feature to run 'nope'"),
    ('{ name = "r", weight = 3, run = ["ui"], min_run = 1 }', "min_run is the fewest lines"),
    ('{ name = "r", weight = 3, pattern = "x", min_run = 3 }', "only a run feature takes min_run"),
    ('{ name = "a", weight = 3, above = "ui" }', "unknown run feature 'ui'"),
    ('{ name = "s", weight = 3, repeats = 1 }', "repeats is the fewest lines of one shape"),
    ('{ name = "s", weight = 3, repeats = 2, echo = 4 }', "(not echo and repeats)"),
    ('{ name = "h", weight = 3, heads = 1 }', "heads is the fewest characters"),
    ('{ name = "c", weight = 3, recurs = 1 }', "recurs is the fewest lines of one shape"),
    ('{ name = "t", weight = 3, echo = 4, above_title = true }', "only a run feature takes above_title"),
    ('{ name = "t", weight = 3, run = ["ui"], above_title = 1 }', "'above_title' must be a bool"),
])
def test_document_features_are_checked_at_load_with_their_line(tmp_path: Path, feature: str,
                                                               problem: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_score_rule(tmp_path, '  { name = "ui", pattern = "收藏", weight = 2 },\n  ' + feature + ",")
    assert problem in caught.value.problem
    assert caught.value.line == 9  # the line of the feature, in load_score_rule's file


# --- the shipped score rules are safe on real report text --------------------------------------

def real_lines() -> list[str]:
    lines = set()
    for path in REAL_TEXT:
        lines.update(line.strip() for line in path.read_text(encoding="utf-8").split("\n"))
    return sorted(line for line in lines if line)


@pytest.mark.parametrize("rule", SCORE_RULES, ids=lambda rule: rule.id)
@pytest.mark.parametrize("path", REAL_TEXT, ids=lambda path: path.name)
def test_no_real_document_loses_a_line(rule: Rule, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert rule.apply(text) == text


@pytest.mark.parametrize("rule", SCORE_RULES, ids=lambda rule: rule.id)
def test_no_real_line_goes_in_the_body_or_at_the_edges(rule: Rule) -> None:
    lost = []
    for line in real_lines():
        for text in (OPENING + line + CLOSING, line + "\n" + OPENING, OPENING + CLOSING + line):
            if rule.apply(text) != text:
                lost.append(line)
                break
    assert lost == []


@pytest.mark.parametrize("rule", SCORE_RULES, ids=lambda rule: rule.id)
def test_keeps_stay_at_the_edges_too(rule: Rule) -> None:
    for keep in rule.keeps:
        for text in (keep + "\n" + OPENING, OPENING + CLOSING + keep):
            assert rule.apply(text) == text, keep


@pytest.mark.parametrize("rule", SCORE_RULES, ids=lambda rule: rule.id)
def test_every_deletion_explains_itself(rule: Rule) -> None:
    for example in rule.examples:
        log = ChangeLog(stage=rule.stage)
        rule.apply(example.input, log)
        assert log.changes, example.input
        for change in log.changes:
            match = REASON_RE.fullmatch(change.reason)
            assert match and change.rule == rule.id, change.reason
            points = [int(part["points"]) for part in PART_RE.finditer(match["parts"])]
            assert sum(points) == int(match["total"]) >= int(match["threshold"])


def compilations(count: int = 60) -> list[str]:
    """Clean compilations: two to four gold bodies one after another, no noise at all."""
    import random

    bodies = sorted(path.read_text(encoding="utf-8").rstrip("\n")
                    for path in (ROOT / "bench" / "gold").glob("*.txt"))
    rng = random.Random(6)
    return ["\n".join(rng.sample(bodies, rng.randint(2, 4))) + "\n" for _ in range(count)]


@pytest.mark.parametrize("rule", SCORE_RULES, ids=lambda rule: rule.id)
def test_no_clean_compilation_loses_a_line(rule: Rule) -> None:
    """Titles repeat across the reports of a compilation, separators do not exist: the rules
    that read a document's structure must find nothing in one."""
    changed = [text[:40] for text in compilations() if rule.apply(text) != text]
    assert changed == []


# --- the gate: features a line lacks the key characters of are not searched -------------------


@pytest.mark.parametrize("rule", SHIPPED.rules, ids=[rule.id for rule in SHIPPED.rules])
def test_every_match_of_a_shipped_pattern_holds_one_of_its_key_characters(rule: Rule) -> None:
    """``required_characters`` is sound on what the rules match: their examples, keeps and the
    lines around them."""
    samples = [line for example in rule.examples for line in example.input.split("\n")]
    samples += [line for keep in rule.keeps for line in keep.split("\n")]
    for what, pattern in rule_patterns(rule):
        need = required_characters(pattern)
        if need is None:
            continue
        for line in samples:
            for match in pattern.finditer(line):
                assert match.group() == "" or not need.isdisjoint(match.group()), (what, line)


@pytest.mark.parametrize(("source", "flags", "expected"), [
    ("扫码|扫一扫", 0, {"扫"}),        # the prefix the branches share
    ("扫码|关注", 0, {"扫", "关"}),
    ("(?:打印|关闭)本页", 0, {"本"}),   # the rarer part of a sequence
    ("(?x) 分 \\s* 享", 0, {"分"}),
    ("分享?", 0, {"分"}),
    ("[^。]+", 0, None),                 # any character but one: nothing known
    ("(?:分享)?", 0, None),              # may match nothing
    ("\\d+页", 0, {"页"}),
    ("(?i)vip", 0, None),                # case ignored: not read
    ("VIP", regex.IGNORECASE, None),
    ("(?:vip){e<=1}", 0, None),          # fuzzy matching: regex syntax re reads otherwise
    ("[[:alpha:]]+", 0, None),
    ("(?&name)", 0, None),
    ("(?<=关注)号", 0, {"号"}),          # a lookbehind is not what the match holds
])
def test_required_characters(source: str, flags: int, expected: set[str] | None) -> None:
    found = required_characters(source, flags)
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize("rule", SHIPPED.rules, ids=[rule.id for rule in SHIPPED.rules])
def test_wherever_a_shipped_pattern_matches_the_text_holds_its_literals(rule: Rule) -> None:
    """``required_literals`` and ``required_literal_sets`` are sound on what the rules match
    (their examples, keeps and the lines around them): from each match's start on, the line
    holds a literal of every set (of the match itself, or of what a lookahead saw)."""
    samples = [line for example in rule.examples for line in example.input.split("\n")]
    samples += [line for keep in rule.keeps for line in keep.split("\n")]
    for what, pattern in rule_patterns(rule):
        needs = list(required_literal_sets(pattern))
        best = required_literals(pattern)
        needs += [best] if best is not None else []
        for line in samples:
            for match in pattern.finditer(line):
                for need in needs:
                    assert any(literal in line[match.start():] for literal in need), (what, line, need)


@pytest.mark.parametrize(("source", "expected"), [
    ("扫码|扫一扫", {"扫"}),                    # the prefix the branches share
    ("(?:打印|关闭)本页", {"本页"}),            # a run of literals is one string
    ("(?x) 分 \\s* 享", {"分"}),              # ... which blanks between them break
    ("[^。]+", None),
    ("(?:分享)?", None),
    ("(?i)vip", None),
    ("(?i:vip)下载", {"下载"}),                 # a group that ignores case says nothing
    ("(?<=关注)号", {"号"}),                    # a lookbehind is not what the text holds on
    ("\\p{Han}+(?=公众号|微信)", {"公众号", "微信"}),  # a lookahead is, when nothing else is
    ("(?P<g>【)?\\p{Han}+(?(g)】|：)", {"】", "："}),  # a conditional: either branch
    ("(?P<g>【)?\\p{Han}+(?(g)】)", None),
    ("(?&name)(?(DEFINE)(?P<name>a))", None),
])
def test_required_literals(source: str, expected: set[str] | None) -> None:
    found = required_literals(source)
    assert (None if found is None else set(found)) == expected


def test_required_literal_sets_are_every_part_the_match_needs() -> None:
    sets = required_literal_sets("(?x) 下载 \\s* [：:] \\s* \\d+ 次")
    assert sorted(map(sorted, sets)) == [[":", "："], ["下载"], ["次"]]
    assert required_literal_sets("(?x) 下载 [：:] \\d+ 次", most=1) == (sets[0],)
    assert required_literal_sets("\\p{Han}+") == ()


def test_a_prefilter_looks_at_a_region_of_a_text() -> None:
    for literals in (["分享", "|"], [f"词{i}" for i in range(10)] + ["分享", "|"]):  # searched, scanned
        gate = Prefilter.build(literals)
        assert gate.admits_region("分 享｜分享", 2, 6) and not gate.admits_region("分 享｜分享", 0, 4)
        assert not gate.admits_region("分享", 1, 2) and gate.admits_region("x|", 0, 2)


def test_a_prefilter_and_a_gate_pickle_for_worker_processes() -> None:
    import pickle

    gate = Prefilter.build(["分享", "|"])
    assert pickle.loads(pickle.dumps(gate)).admits("分享本页")
    rule = scorer(Feature("ui", 4, regex.compile("分享|收藏")))
    assert sorted(pickle.loads(pickle.dumps(rule.gate)).open_for("收藏本页")) == [0]


def test_a_line_without_a_features_key_characters_is_not_searched_for_it() -> None:
    searched: list[str] = []

    class Spy:
        def __init__(self, pattern: str) -> None:
            self.compiled = regex.compile(pattern)
            self.pattern, self.flags = self.compiled.pattern, self.compiled.flags

        def search(self, line: str, **kwargs: object) -> object:
            searched.append(self.pattern)
            return self.compiled.search(line)

    rule = scorer(Feature("ui", 2, Spy("分享|收藏"), max_hits=1),  # type: ignore[arg-type]
                  Feature("site", 2, Spy("本站"), max_hits=1))  # type: ignore[arg-type]
    assert rule.judge("收藏本站", lambda zone: False) is not None
    assert sorted(searched) == ["分享|收藏", "本站"]
    searched.clear()
    assert rule.judge("全年完成财政收入3422万元", lambda zone: False) is None
    assert searched == []  # neither feature can fire: the line is not judged
    assert rule.gate == Gate.build([rule.features[i] for i in rule.order])


def test_candidates_are_the_lines_a_judge_may_keep_going_on() -> None:
    ui = Feature("ui", 2, regex.compile("分享|收藏"), max_hits=2)
    alone = scorer(ui, Feature("end", -6, regex.compile("[。！？]$")))
    lines = [(0, 4, "收藏　分享"), (5, 9, "全年工作"), (10, 14, "分享经验。")]
    assert alone.candidates(lines) == [lines[0], lines[2]]  # the others lack the key characters
    assert [line for line in lines if alone.judge(line[2], lambda zone: False)] == [lines[0]]
    edged = scorer(ui, Feature("edge", 4, zone="edges"))  # the zone alone may reach the threshold
    assert edged.candidates(lines) == lines
