"""Golden tests: the samples, the golden cases and the negative set, as data.

* every ``samples/raw`` file cleans to its ``samples/expected`` file, byte for byte
  (update them with ``python samples/regenerate.py`` and review the diff);
* every ``[[case]]`` of ``tests/golden/*.toml`` cleans to its ``expected`` text, and fires
  exactly its ``rules`` when it lists them;
* every ``tests/golden/negative/*.txt`` file is canonical text that must come out unchanged,
  with no change recorded: whatever a stage learns to fix, it must leave real text alone.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from conftest import (
    SAMPLES_EXPECTED,
    GoldenCase,
    expected_file,
    golden_cases,
    negative_files,
    sample_files,
)

from cleaner import clean_bytes, clean_text

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_PUNCT = "，。、；：？！“”‘’（）《》—…·"


def diff(expected: str, actual: str, limit: int = 80) -> str:
    """A unified diff of two texts, lines shown with ``repr`` so invisible characters show."""
    lines = list(difflib.unified_diff([repr(x) for x in expected.splitlines(keepends=True)],
                                      [repr(x) for x in actual.splitlines(keepends=True)],
                                      "expected", "actual", lineterm=""))
    cut = lines[:limit] + ([f"... ({len(lines) - limit} more diff lines)"] if len(lines) > limit else [])
    return "\n".join(cut)


# --- samples ----------------------------------------------------------------------------------

def test_sample_cleans_to_expected(sample_raw: Path) -> None:
    target = expected_file(sample_raw)
    assert target.is_file(), f"no golden for {sample_raw.name}: run python samples/regenerate.py"
    expected = target.read_bytes().decode("utf-8")
    actual = clean_bytes(sample_raw.read_bytes()).text
    if actual != expected:
        pytest.fail(f"{sample_raw.name} no longer cleans to {target.name}. If the change is "
                    f"intended, run python samples/regenerate.py and review every hunk.\n"
                    + diff(expected, actual))


def test_samples_and_goldens_pair_up() -> None:
    raws = sample_files()
    assert len(raws) >= 10, "samples/raw is missing files"
    goldens = {p for p in SAMPLES_EXPECTED.rglob("*") if p.is_file()}
    assert goldens == {expected_file(p) for p in raws}, "every raw sample needs one golden"


# --- golden cases -------------------------------------------------------------------------------

def test_golden_case(golden_case: GoldenCase, request: pytest.FixtureRequest) -> None:
    if golden_case.xfail:
        request.applymarker(pytest.mark.xfail(strict=True, reason=golden_case.xfail))
    result = clean_text(golden_case.original, golden_case.config)
    assert result.text == golden_case.expected, (
        f"{golden_case.id} ({golden_case.comment})\n" + diff(golden_case.expected, result.text))
    if golden_case.rules is not None:
        assert sorted(result.counts()) == sorted(golden_case.rules), "\n".join(result.explain())


def test_every_family_has_golden_cases() -> None:
    per_file: dict[str, int] = {}
    for case in golden_cases():
        per_file[case.file] = per_file.get(case.file, 0) + 1
    for family in ("hygiene", "boilerplate", "whitespace"):
        assert per_file.get(family, 0) >= 5, f"tests/golden/{family}.toml has too few cases"


# --- negative set -------------------------------------------------------------------------------

def test_negative_file_is_unchanged(negative_file: Path) -> None:
    data = negative_file.read_bytes()
    text = data.decode("utf-8")
    result = clean_text(text)
    assert result.text == text, diff(text, result.text)
    assert result.changes == (), "\n".join(result.explain())
    assert result.flags == ()
    assert clean_bytes(data).text == text


# Canonical text, as the later stages (layout, punctuation) will produce it: what those stages
# may not touch. These checks keep a non-canonical line from slipping into the negative set.
_ASCII_PUNCT_IN_CHINESE = re.compile(f"[{HAN}{CJK_PUNCT}][,:;()!?]|[,:;()!?][{HAN}{CJK_PUNCT}]")
_SPACED_OUT = re.compile(f"[{HAN}](?:[ \u3000][{HAN}]){{2,}}")
_SPACE_BEFORE_UNIT = re.compile(f"\\d [{HAN}%]|[{HAN}] \\d")
_TERMINAL = tuple("。！？；：…”’）》")


def test_negative_file_is_canonical(negative_file: Path) -> None:
    text = negative_file.read_bytes().decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n"), "one final newline"
    for number, line in enumerate(text.split("\n")[:-1], start=1):
        where = f"{negative_file.name}:{number}: {line[:40]}"
        assert line and line == line.strip() and "\t" not in line and "\r" not in line, where
        assert not _ASCII_PUNCT_IN_CHINESE.search(line), f"ASCII punctuation in Chinese: {where}"
        assert not _SPACED_OUT.search(line), f"spaced-out characters: {where}"
        assert not _SPACE_BEFORE_UNIT.search(line), f"space between number and Chinese: {where}"
        # A line that does not end a sentence must be a title or heading: short, no full stop.
        assert line.endswith(_TERMINAL) or (len(line) <= 40 and "。" not in line), \
            f"looks like a broken line: {where}"


def test_negative_set_is_broad() -> None:
    files = negative_files()
    assert len(files) >= 8
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    for needle in ("扫码", "关注", "二维码", "微信", "来源", "打印", "分享", "直播", "会员",
                   "（一）", "《", "\n1.5亿元", "\n——", "12345", "%", "1∶500", "http", "www."):
        assert needle in text, f"the negative set no longer contains {needle!r}"
