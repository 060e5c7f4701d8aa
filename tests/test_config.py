"""CleanConfig, RunOptions and the config file (cleaner.config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import (
    CleanConfig,
    RunOptions,
    build_config,
    build_run_options,
    find_config_file,
    load_config_file,
    load_settings,
)
from cleaner.errors import ConfigError


def test_cleaner_toml_is_found_in_a_parent(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text("blank_lines = true\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == tmp_path / "cleaner.toml"


def test_pyproject_counts_only_with_a_tool_cleaner_table(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nmax-removed = 0.5\n",
                                             encoding="utf-8")
    found = find_config_file(inner)
    assert found == tmp_path / "pyproject.toml"
    assert load_config_file(found).values == {"max_removed": 0.5}


def test_unknown_key_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text("max_remove = 0.5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown option 'max_remove' \(did you mean 'max_removed'\?\)"):
        load_config_file(path)


@pytest.mark.parametrize(("text", "message"), [
    ("jobs = 'four'\n", "option 'jobs' takes a whole number (not 'four')"),
    ("blank_lines = 1\n", "option 'blank_lines' takes true or false (not 1)"),
    ("jobs = \n", "invalid TOML"),
])
def test_bad_values_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_rule_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text("rules = ['my-rules']\nenable = ['x']\n", encoding="utf-8")
    values = load_config_file(path).values
    config = build_config(values, rule_paths=["extra.toml"], enable=["y"], max_removed=0.4)
    assert config.rule_paths == ((tmp_path / "my-rules").resolve(), Path("extra.toml"))
    assert config.enable == ("x", "y")
    assert config.max_removed == 0.4


def test_command_line_overrides_win_and_none_means_unset() -> None:
    config = build_config({"blank_lines": True, "max_removed": 0.5}, blank_lines=False,
                          max_removed=None)
    assert (config.blank_lines, config.max_removed) == (False, 0.5)


def test_load_settings(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text("glob = '*.htm'\n", encoding="utf-8")
    assert load_settings(None, search=True, start=tmp_path).values == {"glob": "*.htm"}
    assert load_settings(None, search=False, start=tmp_path).values == {}
    other = tmp_path / "other.toml"
    other.write_text("jobs = 3\n", encoding="utf-8")
    assert load_settings(other, search=True, start=tmp_path).values == {"jobs": 3}
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(tmp_path / "nope.toml", search=True, start=tmp_path)


def test_run_options_from_file_and_overrides() -> None:
    options = build_run_options({"jobs": 3, "glob": "*.htm", "max_removed": 0.5}, jobs=None,
                                text_key="content")
    assert options == RunOptions(jobs=3, glob="*.htm", text_key="content")


@pytest.mark.parametrize(("make", "message"), [
    (lambda: RunOptions(jobs=0), "jobs must be a number of worker processes"),
    (lambda: RunOptions(glob=""), "glob must be a file name pattern"),
    (lambda: CleanConfig(max_removed=30), "max_removed must be a share between 0 and 1"),
])
def test_invalid_options_are_refused(make: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make()  # type: ignore[operator]


def test_a_string_where_a_list_goes_shows_the_line_to_write(tmp_path: Path) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text('rules = "my-rules.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert str(caught.value) == f"{path}: option 'rules' takes a list: write rules = [\"my-rules.toml\"]"


@pytest.mark.parametrize(("name", "text", "message"), [
    ("cleaner.toml", "[cleaner]\nmax_removed = 0.5\n",
     "unexpected table [cleaner]: options go straight in the file"),
    ("pyproject.toml", "[tool.cleaner.options]\nmax_removed = 0.5\n",
     "unexpected table [options]: options go straight in the [tool.cleaner] table"),
])
def test_a_table_header_is_explained(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert message in str(caught.value)
