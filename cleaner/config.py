"""Immutable cleaning configuration, and the config file (``cleaner.toml`` or ``[tool.cleaner]``).

Every option is described once, in ``CleanConfig``'s field docstrings; an unknown key in a
config file is an error that names the file and suggests the nearest known key, never a no-op.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from cleaner.errors import ConfigError
from cleaner.normalize.script import SCRIPT_MODES
from cleaner.registry import unknown_name_message

CONFIG_FILE_NAMES = ("cleaner.toml", "pyproject.toml")


@dataclass(frozen=True)
class CleanConfig:
    """How to clean. Change a copy with ``dataclasses.replace(config, field=value)``."""

    rule_paths: tuple[Path, ...] = ()
    """Extra rule files or directories of ``*.toml`` rule files, after the packaged defaults."""
    default_rules: bool = True
    """Load the rule files shipped with cleaner."""
    enable: tuple[str, ...] = ()
    """Rule ids or tags to switch on (rules with ``enabled = false`` are off until named here)."""
    disable: tuple[str, ...] = ()
    """Rule ids or tags to switch off."""
    max_removed: float = 0.30
    """Flag a document when cleaning removes more than this share of its non-space characters."""
    rule_timeout: float = 2.0
    """Seconds one rule may spend on one document before it is skipped and reported."""
    blank_lines: bool = False
    """Put a blank line between paragraphs in the output."""
    script: str = "t2s"
    """OpenCC conversion: t2s, tw2s or hk2s turn Traditional documents into Simplified ones; s2t
    turns Simplified documents into Traditional; keep converts nothing. Documents already in the
    target script are never run through OpenCC."""
    keep_corner_brackets: bool = False
    """Keep the corner brackets 「」 and 『』 (HK/TW material) instead of making them “” and ‘’."""
    remove_repeats: bool = True
    """Keep one copy of repeated text: an overprinted title, a reposted copy of the body, a
    paragraph said twice (the ``repeats`` stage)."""

    def __post_init__(self) -> None:
        if not 0.0 < self.max_removed <= 1.0:
            raise ConfigError(
                f"max_removed must be a share between 0 and 1 (not {self.max_removed!r})")
        if self.rule_timeout <= 0:
            raise ConfigError(
                f"rule_timeout must be a positive number of seconds (not {self.rule_timeout!r})")
        if self.script not in SCRIPT_MODES:
            raise ConfigError(f"invalid value for script, expected one of {', '.join(SCRIPT_MODES)} "
                              f"(not {self.script!r})")


@dataclass(frozen=True)
class RunOptions:
    """Options of a batch run that do not change how one text is cleaned."""

    jobs: int | None = None
    """Worker processes (None: all cores)."""
    glob: str = "*.txt"
    """Which files to take from a directory (matched recursively)."""
    text_key: str = "text"
    """The field that holds the text in JSONL records."""
    split: bool = True
    """Write each report of a compilation to its own file (``NAME-01.txt``, …)."""

    def __post_init__(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise ConfigError(f"jobs must be a number of worker processes, 1 or more (not {self.jobs!r})")
        if not self.glob:
            raise ConfigError("glob must be a file name pattern like '*.txt' (not empty)")
        if not self.text_key:
            raise ConfigError("text_key must name a field of the JSONL records (not empty)")


# Keys a config file may set, with the type each takes; paths are relative to that file.
_FILE_KEYS: dict[str, type] = {
    "rules": list, "default_rules": bool, "enable": list, "disable": list,
    "max_removed": float, "rule_timeout": float, "blank_lines": bool,
    "script": str, "keep_corner_brackets": bool, "remove_repeats": bool, "jobs": int, "glob": str,
    "text_key": str,
    "split": bool,
}

_TYPE_WORDS: dict[type, str] = {list: "a list", bool: "true or false", float: "a number",
                                int: "a whole number", str: "a string"}


@dataclass(frozen=True)
class FileSettings:
    """What a config file said, before the command line overrides it."""

    path: Path | None
    values: dict[str, Any]


def find_config_file(start: Path) -> Path | None:
    """The nearest ``cleaner.toml``, or ``pyproject.toml`` with a ``[tool.cleaner]`` table."""
    for folder in [start, *start.parents]:
        candidate = folder / "cleaner.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.cleaner]" in pyproject.read_text("utf-8", "replace"):
            return pyproject
    return None


def load_config_file(path: Path) -> FileSettings:
    """Read and validate a config file; errors name the file, the key and the valid keys."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    values: dict[str, Any] = {}
    for key, value in data.items():
        norm = key.replace("-", "_")
        if norm not in _FILE_KEYS and isinstance(value, dict):
            where = "[tool.cleaner] table" if path.name == "pyproject.toml" else "file"
            raise ConfigError(f"{path}: unexpected table [{key}]: options go straight in the "
                              f"{where}, like max_removed = 0.3, with no table header")
        if norm not in _FILE_KEYS:
            raise ConfigError(f"{path}: {unknown_name_message('option', key, list(_FILE_KEYS))}")
        expected = _FILE_KEYS[norm]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is list and isinstance(value, str):  # rules = "x.toml": say how to write it
            raise ConfigError(f"{path}: option {key!r} takes a list: write {key} = [{_toml_string(value)}]")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"{path}: option {key!r} takes {_TYPE_WORDS[expected]} (not {value!r})")
        if norm == "rules":
            value = [str((path.parent / str(p)).resolve()) for p in value]
        values[norm] = value
    return FileSettings(path, values)


def _toml_string(value: str) -> str:
    """``value`` as a TOML string, for messages that show the line to write.

    >>> _toml_string("my-rules.toml")
    '"my-rules.toml"'
    >>> _toml_string('a"b')
    '"a\\\\"b"'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_config(file_values: dict[str, Any], **overrides: Any) -> CleanConfig:
    """A ``CleanConfig`` from config-file values, with non-None ``overrides`` winning."""
    known = {f.name for f in fields(CleanConfig)}
    merged: dict[str, Any] = {}
    for key, value in file_values.items():
        if key == "rules":
            merged["rule_paths"] = tuple(Path(p) for p in value)
        elif key in known:
            merged[key] = tuple(value) if isinstance(value, list) else value
    for key, value in overrides.items():
        if value is None:
            continue
        if key == "rule_paths":
            merged["rule_paths"] = merged.get("rule_paths", ()) + tuple(Path(p) for p in value)
        elif key in ("enable", "disable"):
            merged[key] = tuple(merged.get(key, ())) + tuple(value)
        else:
            merged[key] = value
    return replace(CleanConfig(), **merged)


def load_settings(explicit: Path | None, *, search: bool, start: Path) -> FileSettings:
    """The config file the user named, else (when ``search``) the nearest one above ``start``."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such config file")
        return load_config_file(explicit)
    found = find_config_file(start.resolve()) if search else None
    return load_config_file(found) if found else FileSettings(None, {})


def build_run_options(file_values: dict[str, Any], **overrides: Any) -> RunOptions:
    """A ``RunOptions`` from config-file values, with non-None ``overrides`` winning."""
    known = {f.name for f in fields(RunOptions)}
    merged = {key: value for key, value in file_values.items() if key in known}
    merged.update({key: value for key, value in overrides.items() if value is not None})
    return RunOptions(**merged)
