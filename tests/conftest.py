"""Shared test data: the samples, the golden cases (tests/golden/*.toml), the negative set, a
demo rule file for the rule-engine tests, and helpers for the diff tests (changes stated
exactly, a fixed console, stored renderings).

A test that takes a ``sample_raw``, ``golden_case`` or ``negative_file`` argument runs once per
item (see ``pytest_generate_tests``), so every test module reads the data the same way.
"""

from __future__ import annotations

import io
import os
import textwrap
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from cleaner import CleanConfig
from cleaner.alignment import align
from cleaner.change import Change
from cleaner.diff import rows_of
from cleaner.pipeline import CleanResult, rule_stages
from cleaner.rule_files import load_rules
from cleaner.stages import default_registry

TESTS = Path(__file__).resolve().parent
SAMPLES = TESTS.parent / "samples"
SAMPLES_RAW = SAMPLES / "raw"
SAMPLES_EXPECTED = SAMPLES / "expected"
GOLDEN = TESTS / "golden"
NEGATIVE = GOLDEN / "negative"


@dataclass(frozen=True)
class GoldenCase:
    """One ``[[case]]`` of a golden file: ``clean_text(original, config).text == expected``."""

    file: str
    name: str
    original: str
    expected: str
    comment: str = ""
    config: CleanConfig | None = None
    rules: tuple[str, ...] | None = None
    """The rule ids that must fire, exactly (None: not checked)."""
    xfail: str = ""
    """Why the case fails today (a known bug); the test is then a strict xfail until fixed."""

    @property
    def id(self) -> str:
        return f"{self.file}/{self.name}"


_CASE_KEYS = {"name", "original", "expected", "comment", "config", "rules", "xfail"}
_CONFIG_KEYS = {f.name for f in fields(CleanConfig)}


def _case(path: Path, index: int, table: dict[str, Any]) -> GoldenCase:
    where = f"{path.name}: case #{index + 1} ({table.get('name', '?')!r})"
    unknown = set(table) - _CASE_KEYS
    missing = {"name", "original", "expected"} - set(table)
    if unknown or missing:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}; "
                         f"a case has {sorted(_CASE_KEYS)}")
    config = None
    if "config" in table:
        bad = set(table["config"]) - _CONFIG_KEYS
        if bad:
            raise ValueError(f"{where}: unknown config keys {sorted(bad)} "
                             f"(CleanConfig has {sorted(_CONFIG_KEYS)})")
        config = CleanConfig(**table["config"])
    rules = tuple(table["rules"]) if "rules" in table else None
    return GoldenCase(path.stem, table["name"], table["original"], table["expected"],
                      table.get("comment", ""), config, rules, table.get("xfail", ""))


@cache
def golden_cases() -> tuple[GoldenCase, ...]:
    """Every case of every ``tests/golden/*.toml`` file; names are unique within a file."""
    cases: list[GoldenCase] = []
    for path in sorted(GOLDEN.glob("*.toml")):
        tables = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
        file_cases = [_case(path, i, table) for i, table in enumerate(tables)]
        names = [case.name for case in file_cases]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"{path.name}: duplicate case names {duplicates}")
        cases += file_cases
    return tuple(cases)


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES_RAW.rglob("*") if p.is_file())


def expected_file(raw: Path) -> Path:
    """The golden output of a raw sample: same relative name, always ``.txt``."""
    return (SAMPLES_EXPECTED / raw.relative_to(SAMPLES_RAW)).with_suffix(".txt")


def negative_files() -> list[Path]:
    return sorted(NEGATIVE.glob("*.txt"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "sample_raw" in metafunc.fixturenames:
        samples = sample_files()
        metafunc.parametrize("sample_raw", samples,
                             ids=[p.relative_to(SAMPLES_RAW).as_posix() for p in samples])
    if "golden_case" in metafunc.fixturenames:
        cases = golden_cases()
        metafunc.parametrize("golden_case", cases, ids=[case.id for case in cases])
    if "negative_file" in metafunc.fixturenames:
        files = negative_files()
        metafunc.parametrize("negative_file", files, ids=[p.name for p in files])


# --- rule files for the rule-engine tests (test_ruleset, test_rule_files, test_rule_stress) ----

DEMO_STAGES = ("boilerplate", "normalization")
# Every stage the shipped rule files may name.
SHIPPED_STAGES = tuple(rule_stages(default_registry()))

DEMO_RULES = """\
[[rule]]
id = "demo.ad"
stage = "boilerplate"
description = "An ad line."
scope = "line"
pattern = '扫码领取资料'
triggers = ["扫码"]
max_length = 10
tags = ["ads"]
examples = [{ input = "正文。\\n扫码领取资料\\n结尾。", output = "正文。\\n结尾。" }]
keeps = ["通过扫码领取资料的群众达2万人。"]

[[rule]]
id = "demo.comma"
stage = "normalization"
description = "Comma between Chinese characters."
pattern = '(?<=\\p{Han}),(?=\\p{Han})'
replacement = "，"
triggers = [","]
tags = ["punctuation"]
examples = [{ input = "现在,我", output = "现在，我" }]
keeps = ["1,000"]

[[rule]]
id = "demo.off"
stage = "normalization"
enabled = false
description = "Off until enabled."
pattern = 'x+'
replacement = "y"
tags = ["punctuation", "optional"]
examples = [{ input = "x", output = "y" }]
keeps = ["z"]
"""


def write_rule_file(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    """Write ``text`` (dedented) as the rule file ``name`` in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_rule_file(tmp_path: Path, text: str = DEMO_RULES) -> list:
    """The rules of ``text`` written as a rule file, loaded for the two ``DEMO_STAGES``."""
    return list(load_rules([write_rule_file(tmp_path, text)], DEMO_STAGES).rules)


# --- diffs (test_alignment, test_diff, test_diff_view, test_diff_command) --------------------

SNAPSHOTS = TESTS / "snapshots"
UPDATE_SNAPSHOTS = "UPDATE_SNAPSHOTS=1 pytest tests/test_diff_view.py tests/test_diff_command.py"
AD = "扫描上面二维码加QQ好友,获得更多文稿实用素材"
JOIN_REASON = "joined: no sentence end, next line not a heading"


def console(color: bool = False, width: int = 100) -> Console:
    """A fixed console that no environment variable or terminal can change."""
    return Console(file=io.StringIO(), width=width, color_system="truecolor" if color else None,
                   force_terminal=True, legacy_windows=False, no_color=False, _environ={})


def rendered(target: Console) -> str:
    assert isinstance(target.file, io.StringIO)
    return target.file.getvalue()


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {path.name}: run {UPDATE_SNAPSHOTS}"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (f"{name} differs from the stored rendering; if intended, run "
                              f"{UPDATE_SNAPSHOTS} and review it")


def result_of(raw: str, clean: str, *changes: Change) -> CleanResult:
    """What a pipeline would return for ``raw``: lets a test state the exact changes."""
    from cleaner.pipeline import count_visible

    return CleanResult(clean, changes, chars_before=count_visible(raw),
                       chars_after=count_visible(clean))


def shapes(raw: str, clean: str) -> list[tuple[str, int, int, int, int]]:
    a, b = raw, clean
    return [(row.shape, row.raw_start, row.raw_count, row.clean_start, row.clean_count)
            for row in rows_of(a, b, align(a, b))]
