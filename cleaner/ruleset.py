"""Rule files: load and validate them, select rules, and apply them to text.

A rule file is TOML with one ``[[rule]]`` table per rule::

    [[rule]]
    id = "ad.qr-qq-materials"        # unique, lower-case: family.name
    stage = "boilerplate"            # a stage that takes rules (see ``cleaner.stages``)
    description = "Content-farm ad: scan the QR code, add us on QQ for more materials."
    scope = "line"                   # what the rule does with its matches (see below)
    pattern = '扫描上面二维码加QQ好友[,，]获得更多文稿实用素材'
    triggers = ["二维码"]             # cheap literal pre-check: skip the rule unless one occurs
    tags = ["ads", "content-farm"]
    examples = [{ input = "…", output = "…" }]   # run as tests
    keeps = ["营造全民主动“扫码亮码”的良好社会氛围。"]  # real text it must leave alone

Scopes:

- ``line``: delete every line the pattern matches whole (at most ``max_length`` characters);
- ``span`` (the default): replace each match with ``replacement``;
- ``protect``: the matches are protected material (URLs, names) that the stage's other rules and
  fixes must leave exactly as they are; the stage asks for them with ``Rule.spans``;
- ``flag``: the matches are reported as flags of kind ``flag`` (placeholders, …), never changed.

For ``protect`` and ``flag`` rules an example's output shows the input with each match between
``⟦`` and ``⟧``, and a keep is text in which the rule finds nothing.

Instead of a ``pattern``, a rule may give ``terms``: a list of literal strings (names, place
names) that the engine turns into a pattern, longest first. ``min_count`` makes a span or flag
rule act only on a text where the pattern matches at least that many times (residue that is
only residue when it recurs). A span rule's ``apply`` may be given ``protected`` spans: matches
that overlap one of them are left as they are.

Patterns use the ``regex`` module and run with a per-call timeout, so no pattern can hang a run.
"""

from __future__ import annotations

import bisect
import difflib
import re
import tomllib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from cleaner.change import ChangeLog, replace_matches, substitute
from cleaner.errors import ConfigError, RuleFileError, RuleTimeoutError
from cleaner.registry import unknown_name_message

SCOPES = ("line", "span", "protect", "flag")
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
FLAG_NAMES = {"IGNORECASE": regex.IGNORECASE, "DOTALL": regex.DOTALL, "VERBOSE": regex.VERBOSE}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
_FLAG_KIND_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str, "stage": str, "description": str, "scope": str, "pattern": str, "terms": list,
    "replacement": str, "flags": list, "triggers": list, "max_length": int, "min_count": int,
    "flag": str, "tags": list, "enabled": bool, "examples": list, "keeps": list,
}
_REQUIRED = ("id", "stage", "description", "examples", "keeps")
DEFAULT_MAX_LENGTH = 200
_LINE_RE = re.compile(r"[^\n]*")
Span = tuple[int, int]


def overlaps(spans: Sequence[Span], start: int, end: int) -> bool:
    """Whether ``[start, end)`` shares a character with one of the sorted, disjoint ``spans``.

    >>> overlaps([(2, 5), (9, 12)], 5, 9), overlaps([(2, 5), (9, 12)], 4, 6)
    (False, True)
    """
    index = bisect.bisect_right(spans, (start, float("inf")))
    if index and spans[index - 1][1] > start:
        return True
    return index < len(spans) and spans[index][0] < end


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and merge the ones that overlap or touch.

    >>> merge_spans([(5, 8), (0, 2), (7, 9), (2, 3)])
    [(0, 3), (5, 9)]
    """
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def terms_pattern(terms: Iterable[str]) -> str:
    r"""A pattern matching any of the literal ``terms``, the longest first, so that a longer
    name wins over a name it contains.

    >>> terms_pattern(["乾安", "乾安县", "1+1"])
    '1\\+1|乾安县|乾安'
    """
    unique = sorted(set(terms), key=lambda t: (-len(t), t))
    return "|".join(regex.escape(t, literal_spaces=True) for t in unique)


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
    min_count: int = 1
    flag: str = ""
    terms: tuple[str, ...] = ()
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
        # A one-character search is much faster than a multi-character one on Chinese text:
        # look for a trigger's first character before looking for the whole trigger.
        return not self.triggers or any(t[0] in text and t in text for t in self.triggers)

    def _regions(self, text: str) -> list[Span]:
        """Where the pattern may match: the lines holding a trigger (found with ``str.find``,
        which is far faster than any regex scan), or the whole text for a rule without
        triggers. With triggers, matches stay within a line."""
        if not self.triggers:
            return [(0, len(text))]
        lines: set[Span] = set()
        for trigger in self.triggers:
            found = text.find(trigger)
            while found != -1:
                end = text.find("\n", found)
                end = len(text) if end == -1 else end
                lines.add((text.rfind("\n", 0, found) + 1, end))
                found = text.find(trigger, end)
        return sorted(lines)

    def _finditer(self, text: str, timeout: float | None) -> Iterator[regex.Match[str]]:
        extra = {} if timeout is None else {"timeout": timeout}
        for start, end in self._regions(text):
            yield from self.pattern.finditer(text, start, end, **extra)

    def apply(self, text: str, log: ChangeLog | None = None, timeout: float | None = None,
              protected: Sequence[Span] = ()) -> str:
        """Apply the rule; raises ``RuleTimeoutError`` when the pattern runs too long.

        A span rule leaves alone the matches that overlap a ``protected`` span (sorted,
        disjoint); a flag rule reports its matches into ``log`` and returns ``text``; a protect
        rule returns ``text`` (the stage asks for its ``spans``).
        """
        if self.scope == "protect" or not self._triggered(text):
            return text
        try:
            if self.scope == "line":
                return self._delete_lines(text, log, timeout)
            if self.scope == "span" and self.min_count == 1 and not protected:
                if not self.triggers:
                    return substitute(text, self.pattern, self.replacement, log, self.id,
                                      timeout=timeout)
                return replace_matches(text, self._finditer(text, timeout), self.replacement,
                                       log, self.id)
            matches = self._matches(text, timeout, protected)
            if self.scope == "flag":
                if log is not None:
                    for match in matches:
                        log.flag(self.flag, f"{match.group()!r} ({self.id})",
                                 text.count("\n", 0, match.start()) + 1)
                return text
            if not matches:
                return text
            return replace_matches(text, matches, self.replacement, log, self.id)
        except TimeoutError:
            raise RuleTimeoutError(self.id, timeout or 0.0) from None

    def _matches(self, text: str, timeout: float | None,
                 protected: Sequence[Span]) -> list[regex.Match[str]]:
        """The matches the rule acts on: none below ``min_count``, none that touch protection."""
        matches = [m for m in self._finditer(text, timeout)
                   if not (protected and overlaps(protected, m.start(), m.end()))]
        return matches if len(matches) >= self.min_count else []

    def spans(self, text: str, timeout: float | None = None) -> list[Span]:
        """Where the rule's pattern matches in ``text`` (for protect rules: what to protect)."""
        if not self._triggered(text):
            return []
        try:
            return [m.span() for m in self._finditer(text, timeout) if m.end() > m.start()]
        except TimeoutError:
            raise RuleTimeoutError(self.id, timeout or 0.0) from None

    def mark(self, text: str, timeout: float | None = None) -> str:
        """``text`` with each match between ``⟦`` and ``⟧``: what examples of protect and flag
        rules show.
        """
        pieces: list[str] = []
        last = 0
        found = self.spans(text, timeout)
        if self.min_count > len(found):
            return text
        for start, end in found:
            pieces += [text[last:start], MARK_OPEN, text[start:end], MARK_CLOSE]
            last = end
        return "".join(pieces) + text[last:]

    def _delete_lines(self, text: str, log: ChangeLog | None, timeout: float | None) -> str:
        """Delete each line whose stripped text the pattern matches whole, with its line break
        (the one before it for a last line without one)."""
        extra = {} if timeout is None else {"timeout": timeout}
        regions = (self._regions(text) if self.triggers
                   else [(m.start(), m.end()) for m in _LINE_RE.finditer(text)])
        pieces: list[str] = []
        last = 0
        number, counted = 1, 0
        for start, end in regions:
            line = text[start:end]
            body = line.strip()
            if not body or len(body) > self.max_length or not self.pattern.fullmatch(body, **extra):
                continue
            if end < len(text):
                cut_start, cut_end = start, end + 1
            elif start > last:  # the last line, unterminated: drop the break before it
                cut_start, cut_end = max(start - 1, 0), end
            else:  # ... and the lines just before it went too: drop the break before them
                cut_start, cut_end = start, end
                while pieces and not pieces[-1]:
                    pieces.pop()
                if pieces and pieces[-1].endswith("\n"):
                    pieces[-1] = pieces[-1][:-1]
            if log is not None:
                number += text.count("\n", counted, start)
                counted = start
                log.record(self.id, number, start, line + "\n", "")
            pieces.append(text[last:cut_start])
            last = cut_end
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)

    def check(self) -> list[str]:
        """Run the rule's examples and keeps; return one message per failure (empty: all pass)."""
        run = self.mark if self.scope in ("protect", "flag") else self.apply
        problems: list[str] = []
        for example in self.examples:
            got = run(example.input, timeout=5.0)
            if got != example.output:
                problems.append(f"example {example.input!r}: expected {example.output!r}, "
                                f"got {got!r}\n{_diff(example.output, got)}")
        for keep in self.keeps:
            got = run(keep, timeout=5.0)
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
    if scope != "span" and "replacement" in table:
        what = ("deletes the lines it matches" if scope == "line"
                else "leaves its matches as they are")
        raise fail(f"a {scope} rule {what} and takes no replacement",
                   "replacement", fix="remove replacement, or use scope = \"span\"")
    if scope == "flag":
        if "flag" not in table:
            raise fail("a flag rule needs the kind of flag it raises", fix='add flag = "placeholder"')
        if not _FLAG_KIND_RE.match(table["flag"]):
            raise fail(f"invalid flag kind {table['flag']!r}", "flag",
                       fix="use lower-case letters, digits and '_', like 'unit_without_number'")
    elif "flag" in table:
        raise fail(f"only a flag rule takes a flag kind (this one has scope {scope!r})", "flag",
                   fix='remove flag, or use scope = "flag"')
    min_count = table.get("min_count", 1)
    if min_count < 1:
        raise fail("min_count must be a positive number of matches", "min_count")
    if min_count > 1 and scope not in ("span", "flag"):
        raise fail(f"min_count applies to span and flag rules (not {scope!r})", "min_count")
    if ("pattern" in table) == ("terms" in table):
        raise fail("a rule needs either a pattern or a list of terms (not both)",
                   "terms" if "terms" in table else None,
                   fix="add pattern = '…', or terms = [\"…\"] for literal strings")
    if "terms" in table and not (table["terms"] and all(isinstance(t, str) and t
                                                        for t in table["terms"])):
        raise fail("terms must be a list of non-empty strings", "terms")
    flags = regex.MULTILINE | regex.V0
    for flag in table.get("flags", []):
        if flag not in FLAG_NAMES:
            raise fail(f"invalid flag {flag!r}, expected one of {', '.join(FLAG_NAMES)}", "flags")
        flags |= FLAG_NAMES[flag]
    source = table["pattern"] if "pattern" in table else terms_pattern(table["terms"])
    try:
        pattern = regex.compile(source, flags)
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
        triggers=tuple(table.get("triggers", ())), max_length=max_length, min_count=min_count,
        flag=table.get("flag", ""), terms=tuple(table.get("terms", ())),
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
