"""Tests for cleaner.registry and the default stage list in cleaner.stages."""

from __future__ import annotations

import itertools

import pytest

from cleaner.errors import ConfigError
from cleaner.registry import Registry, Stage
from cleaner.stages import default_registry


def _noop(text, context, log):  # type: ignore[no-untyped-def]
    return text


def test_stages_iterate_by_priority_highest_first() -> None:
    registry = Registry()
    registry.register(Stage("late", _noop, 10, "x"))
    registry.register(Stage("early", _noop, 90, "x"))
    registry.register(Stage("middle", _noop, 50, "x"))
    assert registry.names() == ["early", "middle", "late"]


def test_default_order_is_the_documented_one() -> None:
    names = default_registry().names()
    documented = ["encoding", "hygiene", "boilerplate", "layout", "normalization", "residue", "repeats",
                  "whitespace"]
    assert names == [n for n in documented if n in names]
    assert names[0] == "encoding" and names[-1] == "whitespace"


def test_default_priorities_leave_gaps_for_user_stages() -> None:
    priorities = sorted(stage.priority for stage in default_registry())
    assert all(b - a >= 5 for a, b in itertools.pairwise(priorities))


def test_unknown_stage_suggests_nearest() -> None:
    with pytest.raises(ConfigError, match="did you mean 'boilerplate'"):
        default_registry()["boilerplat"]


def test_duplicate_and_deregister() -> None:
    registry = Registry()
    registry.register(Stage("a", _noop, 10, "x"))
    with pytest.raises(ConfigError, match="already registered"):
        registry.register(Stage("a", _noop, 20, "x"))
    registry.deregister("a")
    assert "a" not in registry and len(registry) == 0
    with pytest.raises(ConfigError, match="unknown stage"):
        registry.deregister("a")


def test_only_rule_stages_take_rules() -> None:
    takes = {stage.name for stage in default_registry() if stage.takes_rules}
    assert "boilerplate" in takes
    assert "hygiene" not in takes and "whitespace" not in takes
