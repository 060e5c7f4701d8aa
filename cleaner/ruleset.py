"""Rule files: load and validate them, select rules, and apply them to text.

A rule file is TOML with one ``[[rule]]`` table per rule::

    [[rule]]
    id = "ad.qr-qq-materials"        # unique, lower-case: family.name
    stage = "boilerplate"            # a stage that takes rules (see ``cleaner.stages``)
    description = "Content-farm ad: scan the QR code, add us on QQ for more materials."
    scope = "line"                   # line: delete lines it matches whole; span: replace matches
    pattern = '扫描上面二维码加QQ好友[,，]获得更多文稿实用素材'
    triggers = ["二维码"]             # cheap literal pre-check: skip the rule unless one occurs
    tags = ["ads", "content-farm"]
    examples = [{ input = "…", output = "…" }]   # run as tests
    keeps = ["营造全民主动“扫码亮码”的良好社会氛围。"]  # real text it must leave alone

Patterns use the ``regex`` module and run with a per-call timeout, so no pattern can hang a run.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from cleaner.change import ChangeLog, substitute
from cleaner.errors import ConfigError, RuleFileError, RuleTimeoutError
from cleaner.registry import unknown_name_message

SCOPES = ("line", "span")
FLAG_NAMES = {"IGNORECASE": regex.IGNORECASE, "DOTALL": regex.DOTALL, "VERBOSE": regex.VERBOSE}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str, "stage": str, "description": str, "scope": str, "pattern": str,
    "replacement": str, "flags": list, "triggers": list, "max_length": int, "tags": list,
    "enabled": bool, "examples": list, "keeps": list,
}
_REQUIRED = ("id", "stage", "description", "pattern", "examples", "keeps")
DEFAULT_MAX_LENGTH = 200


@dataclass(frozen=True)
class Example:
    input: str
    output: str


@dataclass(frozen=True)
class Rule:
    """One validated rule. ``apply`` is pure: text in, text out, changes into ``log``."""

    id: str
    stage: str
    description: str
    scope: str
    pattern: regex.Pattern[str]
    replacement: str = ""
    triggers: tuple[str, ...] = ()
    max_length: int = DEFAULT_MAX_LENGTH
    tags: tuple[str, ...] = ()
    enabled: bool = True
    examples: tuple[Example, ...] = ()
    keeps: tuple[str, ...] = ()
    path: str = "<memory>"
    line: int | None = None

    @property
    def source(self) -> str:
        return self.pattern.pattern

    def _triggered(self, text: str) -> bool:
        return not self.triggers or any(t in text for t in self.triggers)

    def apply(self, text: str, log: ChangeLog | None = None, timeout: float | None = None) -> str:
        """Apply the rule; raises ``RuleTimeoutError`` when the pattern runs too long."""
        if not self._triggered(text):
            return text
        try:
            if self.scope == "span":
                return substitute(text, self.pattern, self.replacement, log, self.id,
                                  timeout=timeout)
            return self._delete_lines(text, log, timeout)
        except TimeoutError:
            raise RuleTimeoutError(self.id, timeout or 0.0) from None

    def _delete_lines(self, text: str, log: ChangeLog | None, timeout: float | None) -> str:
        extra = {} if timeout is None else {"timeout": timeout}
        kept: list[str] = []
        offset = 0
        removed = False
        for number, line in enumerate(text.split("\n"), start=1):
            body = line.strip()
            if (body and len(body) <= self.max_length and self._triggered(body)
                    and self.pattern.fullmatch(body, **extra)):
                removed = True
                if log is not None:
                    log.record(self.id, number, offset, line + "\n", "")
            else:
                kept.append(line)
            offset += len(line) + 1
        return "\n".join(kept) if removed else text

    def check(self) -> list[str]:
        """Run the rule's examples and keeps; return one message per failure (empty: all pass)."""
        problems: list[str] = []
        for example in self.examples:
            got = self.apply(example.input, timeout=5.0)
            if got != example.output:
                problems.append(f"example {example.input!r}: expected {example.output!r}, "
                                f"got {got!r}\n{_diff(example.output, got)}")
        for keep in self.keeps:
            got = self.apply(keep, timeout=5.0)
            if got != keep:
                problems.append(f"keep {keep!r} was changed to {got!r}\n{_diff(keep, got)}")
        return problems


def _diff(expected: str, got: str) -> str:
    return "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), got.splitlines(keepends=True),
        "expected", "got", lineterm="\n")).rstrip("\n")


@dataclass(frozen=True)
class RuleSet:
    """All loaded rules in load order, and which of them are switched on."""

    rules: tuple[Rule, ...] = ()
    active: frozenset[str] = field(default_factory=frozenset)

    def for_stage(self, stage: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.stage == stage and r.id in self.active)

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise ConfigError(unknown_name_message("rule", rule_id, [r.id for r in self.rules]))

    def select(self, enable: Iterable[str] = (), disable: Iterable[str] = ()) -> RuleSet:
        """Switch rules on and off by id or tag; an unknown name is an error with a suggestion."""
        active = {r.id for r in self.rules if r.enabled}
        for names, switch_on in ((enable, True), (disable, False)):
            for name in names:
                matched = {r.id for r in self.rules if r.id == name or name in r.tags}
                if not matched:
                    known = sorted({r.id for r in self.rules} | {t for r in self.rules for t in r.tags})
                    raise ConfigError(unknown_name_message("rule id or tag", name, known))
                active = active | matched if switch_on else active - matched
        return RuleSet(self.rules, frozenset(active))


def default_rules_dir() -> Path:
    """The packaged rule files: ``cleaner/rules`` in a wheel, ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"cannot find cleaner's default rules beside {package} (a broken install?)")


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their ``*.toml`` files (sorted); a missing path is an error."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.toml")))
        elif path.is_file():
            found.append(path)
        else:
            raise ConfigError(f"{path}: no such rule file or directory")
    return found


def load_rules(paths: Sequence[Path], rule_stages: Collection[str]) -> RuleSet:
    """Load and validate rule files; duplicate ids across files are an error naming both."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in rule_files(paths):
        for rule in parse_rule_file(path, rule_stages):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleFileError(str(path), f"duplicate rule id, first defined at "
                                    f"{first.path}:{first.line}", line=rule.line, rule_id=rule.id,
                                    fix="give the rule a new id, or --disable the old one")
            seen[rule.id] = rule
            rules.append(rule)
    return RuleSet(tuple(rules), frozenset(r.id for r in rules if r.enabled))


def parse_rule_file(path: Path, rule_stages: Collection[str]) -> list[Rule]:
    """Parse one rule file; every error names the file, the line and, where known, the rule."""
    name = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(name, f"cannot read rule file: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise RuleFileError(name, f"invalid TOML: {exc}", line=line,
                            fix="check quoting: use '…' or '''…''' for patterns with backslashes"
                            ) from None
    extra = sorted(set(data) - {"rule"})
    if extra:
        raise RuleFileError(name, f"unknown top-level key {extra[0]!r}", line=1,
                            fix="a rule file holds only [[rule]] tables")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleFileError(name, "no [[rule]] tables found", line=1,
                            fix="start each rule with a line [[rule]]")
    starts = [i for i, line in enumerate(raw.splitlines(), start=1)
              if line.strip().startswith("[[rule]]")]
    lines = raw.splitlines()
    return [_build_rule(table, name, starts[i] if i < len(starts) else None, lines, rule_stages)
            for i, table in enumerate(tables)]


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _field_line(lines: list[str], start: int | None, key: str) -> int | None:
    """The line of ``key = …`` within the rule table that starts at ``start``."""
    if start is None:
        return None
    for number in range(start, len(lines)):
        text = lines[number].strip()
        if number >= start and text.startswith("[[rule]]"):
            break
        if re.match(rf"{re.escape(key)}\s*=", text):
            return number + 1
    return start


def _build_rule(table: dict[str, Any], path: str, start: int | None, lines: list[str],
                rule_stages: Collection[str]) -> Rule:
    rule_id = table.get("id") if isinstance(table.get("id"), str) else None

    def fail(problem: str, key: str | None = None, fix: str | None = None) -> RuleFileError:
        line = _field_line(lines, start, key) if key else start
        return RuleFileError(path, problem, line=line, rule_id=rule_id, fix=fix)

    for key in table:
        if key not in _FIELDS:
            raise fail(unknown_name_message("field", key, list(_FIELDS)), key)
    for key in _REQUIRED:
        if key not in table:
            raise fail(f"missing required field {key!r}", fix=f"add {key} = …")
    for key, expected in _FIELDS.items():
        if key in table and not isinstance(table[key], expected):
            kind = expected.__name__ if isinstance(expected, type) else "value"
            raise fail(f"field {key!r} must be a {kind} (not {table[key]!r})", key)
    if not _ID_RE.match(table["id"]):
        raise fail(f"invalid id {table['id']!r}", "id",
                   fix="use lower-case letters, digits, '.', '-' and '_', like 'ads.qq-qr'")
    if table["stage"] not in rule_stages:
        raise fail(unknown_name_message("stage", table["stage"], sorted(rule_stages)), "stage")
    scope = table.get("scope", "span")
    if scope not in SCOPES:
        raise fail(f"invalid scope {scope!r}, expected one of {', '.join(SCOPES)}", "scope")
    if scope == "line" and "replacement" in table:
        raise fail("a line rule deletes the lines it matches and takes no replacement",
                   "replacement", fix="remove replacement, or use scope = \"span\"")
    flags = regex.MULTILINE | regex.V0
    for flag in table.get("flags", []):
        if flag not in FLAG_NAMES:
            raise fail(f"invalid flag {flag!r}, expected one of {', '.join(FLAG_NAMES)}", "flags")
        flags |= FLAG_NAMES[flag]
    try:
        pattern = regex.compile(table["pattern"], flags)
    except regex.error as exc:
        pos = f" at position {exc.pos}" if exc.pos is not None else ""
        raise fail(f"invalid pattern{pos}: {exc.msg}", "pattern") from None
    if pattern.search(""):
        raise fail("the pattern matches the empty string", "pattern",
                   fix="make it match at least one character")
    replacement = table.get("replacement", "")
    _check_group_refs(replacement, pattern, fail)
    for key in ("triggers", "tags", "keeps"):
        if not all(isinstance(item, str) and item for item in table.get(key, [])):
            raise fail(f"every item of {key!r} must be a non-empty string", key)
    examples = []
    for item in table["examples"]:
        if not (isinstance(item, dict) and set(item) == {"input", "output"}
                and all(isinstance(v, str) for v in item.values())):
            raise fail("each example must be a table { input = \"…\", output = \"…\" }", "examples")
        if item["input"] == item["output"]:
            raise fail(f"example {item['input']!r} does not change: put it under keeps", "examples")
        examples.append(Example(item["input"], item["output"]))
    if not examples:
        raise fail("a rule needs at least one example", "examples")
    if not table["keeps"]:
        raise fail("a rule needs at least one keep: real report text it must leave alone", "keeps")
    max_length = table.get("max_length", DEFAULT_MAX_LENGTH)
    if max_length < 1:
        raise fail("max_length must be a positive number of characters", "max_length")
    return Rule(
        id=table["id"], stage=table["stage"], description=table["description"].strip(),
        scope=scope, pattern=pattern, replacement=replacement,
        triggers=tuple(table.get("triggers", ())), max_length=max_length,
        tags=tuple(table.get("tags", ())), enabled=table.get("enabled", True),
        examples=tuple(examples), keeps=tuple(table["keeps"]), path=path, line=start,
    )


def _check_group_refs(replacement: str, pattern: regex.Pattern[str], fail: Any) -> None:
    for name, number in re.findall(r"\\g<([^>]*)>|\\(\d+)", replacement):
        ref = name or number
        ok = (int(ref) <= pattern.groups) if ref.isdigit() else ref in pattern.groupindex
        if not ok:
            raise fail(f"replacement refers to group {ref!r}, which the pattern does not have",
                       "replacement")
