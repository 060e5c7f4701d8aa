"""Rule files (cleaner.rule_files): loading, and validation errors that name the file, the line,
the rule and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from conftest import DEMO_RULES, DEMO_STAGES, SHIPPED_STAGES, load_rule_file, write_rule_file

from cleaner.errors import ConfigError, RuleFileError
from cleaner.rule_files import default_rules_dir, load_rules, parse_rule_file, rule_files
from cleaner.ruleset import LazyPattern

# --- loading ----------------------------------------------------------------------------------

def test_a_good_file_loads_with_every_field(tmp_path: Path) -> None:
    ad, comma, off = load_rule_file(tmp_path)
    assert (ad.id, ad.stage, ad.scope, ad.triggers, ad.max_length, ad.tags) == (
        "demo.ad", "boilerplate", "line", ("扫码",), 10, ("ads",))
    assert (ad.path, ad.line) == (str(tmp_path / "demo.toml"), 1)
    assert (comma.scope, comma.replacement, comma.line) == ("span", "，", 13)
    assert off.enabled is False


def test_enabled_false_rules_are_loaded_but_inactive(tmp_path: Path) -> None:
    ruleset = load_rules([write_rule_file(tmp_path, DEMO_RULES)], DEMO_STAGES)
    assert ruleset.active == {"demo.ad", "demo.comma"}
    assert [r.id for r in ruleset.for_stage("normalization")] == ["demo.comma"]


def test_a_directory_expands_to_its_toml_files_sorted(tmp_path: Path) -> None:
    write_rule_file(tmp_path, DEMO_RULES.replace("demo.", "b."), "b.toml")
    write_rule_file(tmp_path, DEMO_RULES.replace("demo.", "a."), "a.toml")
    (tmp_path / "notes.txt").write_text("not a rule file", encoding="utf-8")
    assert [p.name for p in rule_files([tmp_path])] == ["a.toml", "b.toml"]
    assert [r.id for r in load_rules([tmp_path], DEMO_STAGES).rules][:2] == ["a.ad", "a.comma"]


def test_a_missing_rule_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such rule file"):
        rule_files([tmp_path / "nope.toml"])


def test_duplicate_ids_across_files_name_both_places(tmp_path: Path) -> None:
    first = write_rule_file(tmp_path, DEMO_RULES, "a.toml")
    tables = DEMO_RULES.split("[[rule]]")
    second = write_rule_file(tmp_path, tables[0] + "[[rule]]" + tables[2], "b.toml")  # demo.comma alone
    with pytest.raises(RuleFileError) as caught:
        load_rules([first, second], DEMO_STAGES)
    error = caught.value
    assert (error.path, error.line, error.rule_id) == (str(second), 1, "demo.comma")
    assert f"first defined at {first}:13" in str(error)
    assert error.fix


def test_default_rules_dir_holds_the_shipped_rules() -> None:
    assert (default_rules_dir() / "punctuation.toml").is_file()


# --- validation errors: each names the file, the line and the rule ----------------------------

RULE_HEAD = """\
[[rule]]
id = "demo.bad"
stage = "normalization"
description = "A rule with one thing wrong."
"""
TAIL = """\
examples = [{ input = "a", output = "b" }]
keeps = ["c"]
"""


@pytest.mark.parametrize(("middle", "problem", "line"), [
    ("pattern = 'a'\nreplacement = 'b'\nscope = \"span\"\nflavour = 1\n",
     "unknown field 'flavour'", 8),
    ("patern = 'a'\n", "unknown field 'patern' (did you mean 'pattern'?)", 5),
    ("pattern = 'a'\nreplacement = 'b'\nmax_length = \"10\"\n", "field 'max_length' must be a int", 7),
    ("pattern = 'a)b'\nreplacement = 'b'\n", "invalid pattern at position 1: unbalanced", 5),
    ("pattern = 'a|'\nreplacement = 'b'\n", "matches the empty string", 5),
    ("pattern = 'a'\nreplacement = '\\2'\n", "refers to group '2'", 6),
    ("pattern = 'a'\nscope = \"everywhere\"\n", "invalid scope 'everywhere'", 6),
    ("pattern = 'a'\nscope = \"line\"\nreplacement = 'b'\n", "takes no replacement", 7),
    ("pattern = 'a'\nreplacement = 'b'\nflags = [\"GLOBAL\"]\n", "invalid flag 'GLOBAL'", 7),
    ("pattern = 'a'\nreplacement = 'b'\nmax_length = 0\n", "max_length must be a positive", 7),
    ("pattern = 'a'\nscope = \"flag\"\n", "needs the kind of flag", 1),
    ("pattern = 'a'\nscope = \"flag\"\nflag = \"Place Holder\"\n", "invalid flag kind", 7),
    ("pattern = 'a'\nreplacement = 'b'\nflag = \"placeholder\"\n", "only a flag rule takes", 7),
    ("pattern = 'a'\nreplacement = 'b'\nmin_count = 0\n", "min_count must be a positive", 7),
    ("pattern = 'a'\nscope = \"line\"\nmin_count = 2\n", "min_count applies to span and flag", 7),
    ("pattern = 'a'\nterms = [\"a\"]\nscope = \"protect\"\n", "either a pattern or a list of terms", 6),
    ("scope = \"protect\"\n", "either a pattern or a list of terms", 1),
    ("terms = []\nscope = \"protect\"\n", "terms must be a list of non-empty strings", 5),
    ("pattern = 'a'\nreplacement = 'b'\ntriggers = [\"\"]\n", "every item of 'triggers'", 7),
    ("pattern = 'a'\nreplacement = 'b'\nzone = \"top\"\n", "invalid zone 'top'", 7),
    ("pattern = 'a'\nscope = \"protect\"\nzone = \"header\"\n", "takes no zone", 7),
    ("pattern = 'a'\nscope = \"block\"\n", "needs a continuation pattern", 1),
    ("pattern = 'a'\nscope = \"block\"\ncontinuation = 'b('\n", "invalid continuation", 7),
    ("pattern = 'a'\nreplacement = 'b'\ncontinuation = 'b'\n", "continuation is for block rules", 7),
    ("pattern = 'a'\nscope = \"block\"\ncontinuation = 'b'\nmax_lines = 0\n", "max_lines must be", 8),
    ("pattern = '(?P<n>a)'\nreplacement = 'b'\nlift = { n = \"number\" }\n", "lift needs lift_into", 7),
    ("pattern = '(?P<n>a)'\nreplacement = 'b'\nlift_into = \"disclosure\"\nlift = { m = \"number\" }\n",
     "lift names group 'm', which the pattern does not have", 8),
    ("pattern = '(?P<n>a)'\nreplacement = 'b'\nlift_into = \"disclosure\"\nlift = { n = \"Number\" }\n",
     "a key must be snake_case", 8),
    ("pattern = '(?P<n>a)'\nscope = \"flag\"\nflag = \"x\"\nlift_into = \"d\"\nlift = { n = \"k\" }\n",
     "only a rule that removes text lifts values", 9),
    ("pattern = 'a'\nscope = \"flag\"\nflag = \"x\"\nflag_on_remove = \"incomplete\"\n",
     "only a rule that removes text raises a flag on removal", 8),
    ("pattern = 'a'\nreplacement = 'b'\nflag_on_remove = \"Not Whole\"\n", "invalid flag kind", 7),
    ("pattern = 'a'\nreplacement = 'b'\ntriggers = [\"a\\nb\"]\n", "cannot hold a line break", 7),
    # score rules: the rule's fields, then each feature's, on the line that names the feature
    ("scope = \"score\"\nthreshold = 4\n", "needs features", 1),
    ("scope = \"score\"\nfeatures = [{ name = \"a\", pattern = 'x', weight = 4 }]\n",
     "needs a threshold", 1),
    ("pattern = 'a'\nscope = \"score\"\n", "takes no pattern", 5),
    ("scope = \"score\"\nthreshold = 4\nlift_into = \"disclosure\"\nlift = { v = \"v\" }\n"
     "features = [{ name = \"a\", pattern = 'x', weight = 4 }]\n", "lift needs a lift_pattern", 8),
    ("pattern = 'a'\nscope = \"line\"\nthreshold = 4\n", "threshold is for score rules", 7),
    ("pattern = 'a'\nscope = \"line\"\nprefilter = [\"a\"]\n", "prefilter is for score rules", 7),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"ok\", pattern = 'x', weight = 2 },\n"
     "  { name = \"bad\", pattern = 'x(', weight = 2 },\n]\n", "feature 'bad': invalid pattern", 9),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"a\", patern = 'x', weight = 4 },\n]\n",
     "unknown feature field 'patern' (did you mean 'pattern'?)", 8),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"a\", pattern = 'x' },\n]\n",
     "feature 'a': missing 'weight'", 8),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"a\", zone = \"top\", weight = 4 },\n]\n",
     "unknown zone 'top'", 8),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"a\", pattern = 'x', zone = \"edges\", "
     "weight = 4 },\n]\n", "exactly one of pattern, terms, zone, coverage or model", 8),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"a\", pattern = 'x', weight = 2 },\n"
     "  { name = \"all\", coverage = 0.5, of = [\"b\"], weight = 2 },\n]\n",
     "unknown feature to count 'b'", 9),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"a\", pattern = 'x', weight = 2 },\n"
     "  { name = \"a\", pattern = 'y', weight = 2 },\n]\n", "two features are named 'a'", 9),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"a\", pattern = 'x', weight = 3 },\n]\n",
     "can never delete a line", 6),
    ("scope = \"score\"\nthreshold = 4\nprefilter = []\n"
     "features = [{ name = \"a\", pattern = 'x', weight = 4 }]\n", "prefilter must be a list", 7),
    # a model feature: its file is found beside the rule file
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"m\", model = \"none.json\", "
     "min_log_odds = 9, weight = 4 },\n]\n", "cannot read the line model", 8),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"m\", model = \"none.json\", "
     "weight = 4 },\n]\n", "needs min_log_odds", 8),
    ("scope = \"score\"\nthreshold = 4\nfeatures = [\n  { name = \"m\", pattern = 'x', min_log_odds = 9, "
     "weight = 4 },\n]\n", "only a model feature takes min_log_odds", 8),
])
def test_each_validation_error_names_file_line_and_rule(tmp_path: Path, middle: str, problem: str,
                                                        line: int) -> None:
    path = write_rule_file(tmp_path, RULE_HEAD + middle + TAIL)
    with pytest.raises(RuleFileError) as caught:
        parse_rule_file(path, DEMO_STAGES)
    error = caught.value
    assert problem in error.problem
    assert (error.path, error.line, error.rule_id) == (str(path), line, "demo.bad")
    assert str(error).startswith(f"{path}:{line}: rule 'demo.bad': ")


def test_an_unknown_stage_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    path = write_rule_file(tmp_path, RULE_HEAD.replace('"normalization"', '"normalisation"')
                 + "pattern = 'a'\nreplacement = 'b'\n" + TAIL)
    with pytest.raises(RuleFileError, match=r"demo.toml:3: .*unknown stage 'normalisation' "
                                            r"\(did you mean 'normalization'\?\)"):
        parse_rule_file(path, DEMO_STAGES)


@pytest.mark.parametrize(("tail", "problem"), [
    ("examples = []\nkeeps = [\"c\"]\n", "needs at least one example"),
    ("examples = [{ input = \"a\", output = \"a\" }]\nkeeps = [\"c\"]\n", "does not change"),
    ("examples = [{ input = \"a\" }]\nkeeps = [\"c\"]\n", "each example must be a table"),
    ("examples = [{ input = \"a\", output = \"b\" }]\nkeeps = []\n", "needs at least one keep"),
    ("examples = [{ input = \"a\", output = \"b\" }]\n", "missing required field 'keeps'"),
])
def test_examples_and_keeps_are_required(tmp_path: Path, tail: str, problem: str) -> None:
    path = write_rule_file(tmp_path, RULE_HEAD + "pattern = 'a'\nreplacement = 'b'\n" + tail)
    with pytest.raises(RuleFileError, match=problem) as caught:
        parse_rule_file(path, DEMO_STAGES)
    assert caught.value.line is not None


def test_invalid_toml_reports_its_line(tmp_path: Path) -> None:
    path = write_rule_file(tmp_path, RULE_HEAD + "pattern = \"unclosed\n" + TAIL)
    with pytest.raises(RuleFileError, match="invalid TOML") as caught:
        parse_rule_file(path, DEMO_STAGES)
    assert caught.value.line == 5


@pytest.mark.parametrize(("text", "problem"), [
    ("[settings]\nx = 1\n", "unknown top-level key 'settings'"),
    ("# nothing here\n", r"no \[\[rule\]\] tables found"),
])
def test_a_file_of_something_else_is_rejected(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(RuleFileError, match=problem):
        parse_rule_file(write_rule_file(tmp_path, text), DEMO_STAGES)



def test_packaged_rules_compile_on_first_use_and_a_users_file_when_loaded(tmp_path: Path) -> None:
    packaged = load_rules([default_rules_dir()], SHIPPED_STAGES).get("ads.follow-us")
    assert isinstance(packaged.pattern, LazyPattern) and not packaged.pattern.compiled_yet
    assert packaged.check() == [] and packaged.pattern.compiled_yet
    assert all(isinstance(rule.pattern, regex.Pattern) for rule in load_rule_file(tmp_path))


def test_a_lazy_pattern_names_file_line_and_rule_when_it_fails_to_compile(tmp_path: Path) -> None:
    broken = DEMO_RULES.replace("pattern = '扫码领取资料'", "pattern = '扫码(领取资料'")
    path = write_rule_file(tmp_path, broken)
    with pytest.raises(RuleFileError, match="invalid pattern"):
        parse_rule_file(path, DEMO_STAGES)
    rule = parse_rule_file(path, DEMO_STAGES, lazy=True)[0]  # loads: the pattern is not compiled yet
    with pytest.raises(RuleFileError, match=r"demo\.toml:6: rule 'demo\.ad': invalid pattern"):
        rule.apply("扫码领取资料")
