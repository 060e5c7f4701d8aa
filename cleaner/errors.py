"""The few errors cleaner raises. Each message names the thing that is wrong and how to fix it."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class ConfigError(CleanerError):
    """A rule file, a config file or an option is invalid (exit code 2)."""


class RuleFileError(ConfigError):
    """A rule file cannot be loaded: syntax, schema, regex or examples."""

    def __init__(self, path: str, problem: str, *, line: int | None = None,
                 rule_id: str | None = None, fix: str | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        self.rule_id = rule_id
        self.fix = fix
        where = path if line is None else f"{path}:{line}"
        rule = f" rule {rule_id!r}:" if rule_id else ""
        hint = f" ({fix})" if fix else ""
        super().__init__(f"{where}:{rule} {problem}{hint}")


class InputError(CleanerError):
    """One input cannot be cleaned; the other inputs are still processed (exit code 1)."""


class BinaryInputError(InputError):
    """The input is a binary file (NUL bytes, an office document, a PDF), not text."""


class EmptyInputError(InputError):
    """The input holds no bytes at all."""


class RuleTimeoutError(CleanerError):
    """A rule's pattern took longer than the per-match timeout on one document."""

    def __init__(self, rule_id: str, seconds: float) -> None:
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id!r} timed out after {seconds:g}s and was skipped")
