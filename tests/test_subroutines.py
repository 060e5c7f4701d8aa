"""Tests for cleaner.subroutines: a grammar's (?&name) calls written out match the same text."""

from __future__ import annotations

import regex

from cleaner.subroutines import inline_subroutines, split_definitions

GRAMMAR = r"""(?x)
(?&label)(?&s)*[:：](?&s)*(?&value)
(?(DEFINE)
  (?P<s>[ \t\u3000])
  (?P<label>索(?&s)*引(?&s)*[号號]|发(?&s)*布(?&s)*机(?&s)*构)
  (?P<value>[^\n|｜(）)]+)
)"""


def test_a_grammar_written_out_matches_what_the_grammar_matches() -> None:
    inlined = inline_subroutines(GRAMMAR)
    assert "(?&" not in inlined and "DEFINE" not in inlined
    lines = ["索 引 号：1133/2024-1", "索引號: X1", "发布机构：某镇人民政府", "索引：没有号",
             "公开方式：主动公开", "发 布 机 构 ： 县政府办"]
    grammar, written_out = regex.compile(GRAMMAR), regex.compile(inlined)
    for line in lines:
        expected = grammar.fullmatch(line)
        got = written_out.fullmatch(line)
        assert (expected and expected.group(0)) == (got and got.group(0)), line
    assert [bool(written_out.fullmatch(line)) for line in lines] == [True, True, True, False, False, True]


def test_named_captures_outside_the_definitions_survive() -> None:
    pattern = regex.compile(inline_subroutines(r"(?P<year>(?&d){4})年(?(DEFINE)(?P<d>[0-9]))"))
    match = pattern.search("2023年")
    assert match is not None and match.group("year") == "2023"


def test_parentheses_inside_classes_and_escapes_do_not_confuse_the_split() -> None:
    rest, definitions = split_definitions(r"(?&a)(?(DEFINE)(?P<a>[()\]]\(x\)))")
    assert rest == "(?&a)" and definitions == {"a": r"[()\]]\(x\)"}


def test_undefined_and_recursive_calls_are_left_to_the_regex_module() -> None:
    recursive = r"(?&n)(?(DEFINE)(?P<n>a(?&n)?b))"
    assert inline_subroutines(recursive) == recursive
    assert regex.fullmatch(inline_subroutines(recursive), "aabb")
    unbalanced = "(?&a)(?(DEFINE)(?P<a>x)"
    assert inline_subroutines(unbalanced) == unbalanced
    assert inline_subroutines("(?&other)(?(DEFINE)(?P<a>x))") == "(?&other)"


def test_comments_of_a_verbose_grammar_may_hold_brackets() -> None:
    grammar = "(?x)(?&a)!\n(?(DEFINE)\n  (?P<a>[a-z]+  # letters (not digits)\n  )\n)"
    inlined = inline_subroutines(grammar)
    assert "(?&" not in inlined
    assert regex.fullmatch(inlined, "abc!") and not regex.fullmatch(inlined, "12!")
    # without (?x) in the text, the flag says so
    assert "(?&" not in inline_subroutines(grammar.replace("(?x)", ""), verbose=True)
