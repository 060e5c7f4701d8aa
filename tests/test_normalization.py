"""The normalization stage (cleaner.stages.normalization): golden cases, never-touch negatives,
a Traditional round trip, a mixed document, options, protection, idempotence.

The stage is tested alone (``normalize``) and through a pipeline built from a registry that
holds it, as the lead will register it.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import opencc
import pytest
from conftest import NEGATIVE
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.errors import ConfigError
from cleaner.pipeline import Cleaner
from cleaner.registry import Registry, Stage
from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.ruleset import Rule
from cleaner.stages import hygiene, normalization, whitespace
from cleaner.stages.normalization import NormalizationOptions, normalize, options_from

RULE_FILES = ("punctuation.toml", "units.toml", "script.toml", "protected.toml",
              "protected-terms.toml")
GOLDEN = Path(__file__).resolve().parent / "golden" / "normalization"
# Rules that are not rule-file rules: the stage's logic records under these ids.
LOGIC_IDS = {"punct.brackets", "quotes.pair", "width.alnum", "script.t2s"}


@cache
def ruleset():
    return load_rules([default_rules_dir() / name for name in RULE_FILES], ["normalization"])


def stage_rules() -> tuple[Rule, ...]:
    return ruleset().for_stage("normalization")


def run(text: str, log: ChangeLog | None = None, **options: Any) -> str:
    return normalize(text, stage_rules(), NormalizationOptions(**options), timeout=2.0, log=log)


def flag_rule_ids(log: ChangeLog) -> set[str]:
    """The ids of the flag rules that raised ``log``'s flags (their messages end in ``(id)``)."""
    return {m.group(1) for f in log.flags if (m := re.search(r"\(([a-z0-9_.-]+)\)$", f.message))}


# --- golden cases -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    file: str
    name: str
    original: str
    expected: str
    comment: str = ""
    rules: tuple[str, ...] | None = None
    flags: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.file}/{self.name}"


_CASE_KEYS = {"name", "original", "expected", "comment", "rules", "flags", "options"}


@cache
def golden_cases() -> tuple[Case, ...]:
    cases: list[Case] = []
    for path in sorted(GOLDEN.glob("*.toml")):
        for table in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            unknown = set(table) - _CASE_KEYS
            assert not unknown, f"{path.name}: case {table.get('name')!r}: unknown keys {unknown}"
            rules = table.get("rules")
            cases.append(Case(path.stem, table["name"], table["original"], table["expected"],
                              table.get("comment", ""), None if rules is None else tuple(rules),
                              tuple(table.get("flags", ())), table.get("options", {})))
    names = [case.id for case in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    return tuple(cases)


@pytest.mark.parametrize("case", golden_cases(), ids=[case.id for case in golden_cases()])
def test_golden_case(case: Case) -> None:
    log = ChangeLog(stage="normalization")
    assert run(case.original, log, **case.options) == case.expected, case.comment
    if case.rules is not None:
        assert sorted({c.rule for c in log.changes}) == sorted(case.rules)
    assert [f.kind for f in log.flags] == list(case.flags)
    again = ChangeLog(stage="normalization")
    assert run(case.expected, again, **case.options) == case.expected
    assert again.changes == []


def test_every_rule_fires_in_some_golden_case() -> None:
    fired: set[str] = set()
    for case in golden_cases():
        log = ChangeLog()
        run(case.original, log, **case.options)
        fired |= {c.rule for c in log.changes} | flag_rule_ids(log)
    acting = {r.id for r in stage_rules() if r.scope in ("span", "flag")}
    assert acting - fired == set()
    assert LOGIC_IDS - fired == set()


def test_golden_cases_cover_every_never_touch_item() -> None:
    """Each item the issue says must never change is in a case, and survives it."""
    for item in ("09:51", "2023-03-22", "93.63%", "1:500", "1133102400268125XW/2024-104525",
                 "Hello, world", "f(x)", "一一", "1—8月", "674 149 546", "45,000", "个百分点",
                 "三四个月", "M2", "PM2.5", "1-9月", "X亿元", "http://www.gov.cn/zhengce/index.htm?id=5,c=2",
                 "zfb@zb.gov.cn", "规划m2地块"):
        holding = [c for c in golden_cases() if item in c.original]
        assert holding, f"no golden case holds {item!r}"
        assert all(c.original.count(item) == c.expected.count(item) for c in holding), item


@pytest.mark.parametrize("path", sorted(NEGATIVE.glob("*.txt")), ids=lambda p: p.name)
def test_canonical_text_is_left_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    log = ChangeLog()
    assert run(text, log) == text
    assert log.changes == []


# --- documents --------------------------------------------------------------------------------

CANONICAL = textwrap.dedent("""\
    各位代表：
    现在，我代表镇人民政府向大会报告工作，请予审议，并请各位列席会议的同志提出意见。
    （一）知重负重、唯勤唯实，经济运行逆势前行。全年完成一般公共预算收入1.22亿元，增长5.4%；
    全面落实“疫情要防住、经济要稳住、发展要安全”的重大要求，以“招商引资突破年”为抓手。
    ——综合实力更强。累计检测714万人次，覆盖率达到93.9%。
""")


def test_traditional_document_round_trip() -> None:
    traditional = opencc.OpenCC("s2t").convert(CANONICAL)
    assert traditional != CANONICAL
    log = ChangeLog()
    assert run(traditional, log) == CANONICAL
    assert {c.rule for c in log.changes} == {"script.t2s"}
    assert run(CANONICAL, script="s2t") == traditional


def test_flattened_document_is_restored() -> None:
    flattened = (CANONICAL.replace("，", ",").replace("：", ":").replace("；", ";")
                 .replace("（", "(").replace("）", ")").replace("“", '"').replace("”", '"')
                 .replace("——", "--").replace("4%", "４％"))
    assert run(flattened) == CANONICAL


def test_in_a_mixed_document_only_the_chinese_parts_change() -> None:
    english = [
        "Report of the township government (draft), 2023: see http://www.gov.cn/a?b=1,c=2.",
        'He said "yes", then: "no!" Times 09:51; ratio 1:500; 3.5, 1,000... f(x) -- ok?',
        "Contact: zfb@zb.gov.cn, tel 0571-88888888 (office).",
    ]
    chinese = ['现在,我代表镇人民政府向大会作工作报告,请予审议:"双返双创(三请三回)"等活动...',
               "完成率93.63 %,面积100㎡;2 014年!"]
    document = "\n".join([english[0], chinese[0], english[1], chinese[1], english[2]]) + "\n"
    log = ChangeLog()
    lines = run(document, log).split("\n")
    assert [lines[0], lines[2], lines[4]] == english
    assert lines[1] == "现在，我代表镇人民政府向大会作工作报告，请予审议：“双返双创（三请三回）”等活动……"
    assert lines[3] == "完成率93.63%，面积100平方米；2014年！"
    assert {c.line for c in log.changes} == {2, 4}


def test_through_a_pipeline_holding_the_stage() -> None:
    registry = Registry()
    registry.register(Stage("hygiene", hygiene.run, 90, "Unicode hygiene"))
    registry.register(Stage("normalization", normalization.run, 30,
                            "Punctuation, numbers and units, script", takes_rules=True))
    registry.register(Stage("whitespace", whitespace.run, 10, "Final whitespace"))
    cleaner = Cleaner(registry=registry, rules=ruleset())
    result = cleaner.clean_text("\u3000\u3000现在,我代表镇人民政府(草案)\r\n")
    assert result.text == "现在，我代表镇人民政府（草案）\n"
    assert [(c.stage, c.rule) for c in result.changes if c.stage == "normalization"] == [
        ("normalization", "punct.comma"), ("normalization", "punct.brackets"),
        ("normalization", "punct.brackets")]


# --- options, protection, timeouts ------------------------------------------------------------

def test_options_are_checked() -> None:
    with pytest.raises(ConfigError, match=r"invalid value for script, expected one of t2s, tw2s, "
                                          r"hk2s, s2t, keep \(not 'simplified'\)"):
        NormalizationOptions(script="simplified")


def test_options_are_read_from_the_config() -> None:
    assert options_from(CleanConfig()) == NormalizationOptions()
    config = SimpleNamespace(script="keep", keep_corner_brackets=True)
    assert options_from(config) == NormalizationOptions("keep", True)  # type: ignore[arg-type]


def user_rules(tmp_path: Path, text: str) -> tuple[Rule, ...]:
    path = tmp_path / "user.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    files = [default_rules_dir() / name for name in RULE_FILES] + [path]
    return load_rules(files, ["normalization"]).for_stage("normalization")


def test_a_user_protected_term_is_never_changed(tmp_path: Path) -> None:
    rules = user_rules(tmp_path, """\
        [[rule]]
        id = "protect.user-names"
        stage = "normalization"
        scope = "protect"
        description = "A company name with an ASCII comma and a Traditional character."
        terms = ["A,B公司", "於梨華"]
        examples = [{ input = "与A,B公司合作", output = "与⟦A,B公司⟧合作" }]
        keeps = ["A公司"]
        """)
    text = "與A,B公司合作,於梨華講話,我們發展"
    log = ChangeLog()
    out = normalize(text, rules, NormalizationOptions(), log=log)
    assert out == "与A,B公司合作，於梨華讲话，我们发展"
    assert all("\ue000" not in c.before + c.after for c in log.changes)  # real text recorded


def test_a_rule_that_times_out_is_flagged_and_skipped(tmp_path: Path) -> None:
    rules = user_rules(tmp_path, """\
        [[rule]]
        id = "user.slow"
        stage = "normalization"
        description = "Catastrophic backtracking on a near miss."
        pattern = '(?:a|aa)+c\\d'
        replacement = ""
        examples = [{ input = "aac1", output = "" }]
        keeps = ["b"]
        """)
    log = ChangeLog()
    text = "a" * 40 + "c,现在"
    assert normalize(text, rules, NormalizationOptions(), timeout=0.05, log=log) == (
        "a" * 40 + "c，现在")
    assert [f.kind for f in log.flags] == ["rule_timeout"]


def test_without_explain_the_text_is_the_same() -> None:
    for case in golden_cases():
        assert run(case.original, None, **case.options) == case.expected


# --- idempotence ------------------------------------------------------------------------------

PIECES = [*"中国年月日元万人镇一号发政", *"aZ09 .,:;?!()\"'-~%[]【】\t\n", *"，。（）“”‘’…—、《》",
          "２", "Ａ", "％", "--", "...", "「", "」", "『", "』", "m2", "2 014年", "°C", "kWh", "KM",
          "http://a.cn/x?y=1", "1,000", "09:51", "镇政发", "7号", "don't", "〝", "〞", "㎡", "X亿元",
          "**", "0。1", "(guān)", "關鎮", "乾潭", "・", "〜", "．", "km²", "128 家", "a@b.cn", "──",
          "1—8月", "6 万", "2 万㎡"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
# Found by fuzzing: the year's space rule must run after m2 → 平方米; pinyin residue counted
# after ㎡ → 平方米; removing residue puts -- into Chinese context.
@example("0m2.2 014年")
@example("6 万、2 万㎡(guān)一(guān)X亿元(guān)")
@example("镇政发(guān)--關鎮(guān)2 万㎡(guān)(guān)")
def test_normalization_is_idempotent(text: str) -> None:
    once = run(text)
    assert run(once) == once
