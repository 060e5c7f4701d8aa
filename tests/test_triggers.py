"""The trigger prefilter (cleaner.triggers): which triggers occur in a text, and on which lines."""

from __future__ import annotations

import pickle

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.ruleset import Rule
from cleaner.triggers import TriggerIndex


def test_the_trigger_index_finds_exactly_the_triggers_in_a_text() -> None:
    triggers = ["扫一扫", "扫码", "一扫", "打印本页", "打印", "|", "全部", "部门", "部"]
    index = TriggerIndex.build(triggers)
    # keys at the start, the end and inside a trigger; several triggers sharing a key
    for text in ["扫一扫码", "打印本页|", "一扫而光", "无", "扫扫码码打印", "部全", "全部门", "印本页"]:
        assert index.present(text) == {t for t in triggers if t in text}, text


# Common characters (keys of triggers made of common characters only), rare ones, marks.
_TRIGGER_ALPHABET = "的一全部大家扫码印.（|"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_TRIGGER_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(_TRIGGER_ALPHABET + "\n", max_size=40))
def test_the_trigger_index_agrees_with_in_on_any_text(triggers: list[str], text: str) -> None:
    assert TriggerIndex.build(triggers).present(text) == {t for t in triggers if t in text}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_TRIGGER_ALPHABET, min_size=1, max_size=3), min_size=1, max_size=5),
       st.text(_TRIGGER_ALPHABET + "\n", max_size=40),
       st.lists(st.integers(0, 40), max_size=6))
def test_the_lines_of_the_trigger_scan_agree_with_str_find(triggers: list[str], text: str,
                                                          cuts: list[int]) -> None:
    """The lines a rule searches are the same whether they come from the stage's scan or from
    looking for each trigger with ``str.find`` (zones: the spans between sorted ``cuts``)."""
    rule = Rule("demo.x", "boilerplate", "", "span", regex.compile("x"), triggers=tuple(triggers))
    bounds = sorted({min(c, len(text)) for c in cuts})
    allowed = list(zip(bounds[::2], bounds[1::2], strict=False))
    hits = TriggerIndex.build(triggers).find(text)
    for zone in (None, allowed):
        assert rule._regions(text, triggers, zone, hits) == rule._regions(text, triggers, zone)


def test_the_frequent_one_character_triggers_are_asked_not_scanned() -> None:
    index = TriggerIndex.build(["年", "扫码", "|"])
    assert index.frequent == ("年",)
    hits = index.find("今年\n扫码|\n年年有余")
    assert hits.starts == {"扫码": [3], "|": [5]} and "年" in hits
    assert hits.lines(["年"]) == [(0, 2), (7, 11)] and hits.lines(["年"], [(3, 11)]) == [(7, 11)]


def test_the_trigger_index_pickles_for_worker_processes() -> None:
    index = pickle.loads(pickle.dumps(TriggerIndex.build(["扫码", "打印"])))
    assert index.present("请扫码") == {"扫码"}


@pytest.mark.parametrize(("allowed", "expected"), [
    ([(0, 4)], [(0, 3)]),                 # a zone of whole lines: the lines in it
    ([(0, 9)], [(0, 3), (4, 8)]),
    ([(4, 6)], [(4, 8)]),                 # a zone ending inside a line: its occurrence lies in it
    ([(4, 5)], []),                       # ... or not
    ([(0, 2), (5, 9)], []),               # an occurrence across a zone's end does not count
    ([(2, 6)], [(4, 8)]),                 # a line that starts before the zone does not count
])
def test_the_lines_of_a_trigger_in_zones(allowed: list[tuple[int, int]], expected: list) -> None:
    hits = TriggerIndex.build(["扫码", "打印"]).find("请扫码\n扫码打印\n")
    assert hits.lines(["扫码"], allowed) == expected
    assert hits.lines(["扫码", "打印"], allowed) == expected  # 打印 adds no line in these zones
