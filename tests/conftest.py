"""Shared test data: the samples, the golden cases (tests/golden/*.toml) and the negative set.

A test that takes a ``sample_raw``, ``golden_case`` or ``negative_file`` argument runs once per
item (see ``pytest_generate_tests``), so every test module reads the data the same way.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cleaner import CleanConfig

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
