"""Rule files: their format, and loading and validating them into a ``RuleSet``.

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
- ``flag``: the matches are reported as flags of kind ``flag`` (placeholders, …), never changed;
- ``block``: delete a run of whole lines: a line (or lines) the ``pattern`` matches from its
  start to its end, then every following item the ``continuation`` pattern matches the same way
  (blank lines between items go too), at least ``min_continuations`` of them and at most
  ``max_lines`` lines in all: a table of contents, a disclosure block in label-line layout;
- ``score``: delete every line (at most ``max_length`` characters) whose weighted ``features``
  add up to ``threshold``: chrome caught by its shape and vocabulary class rather than by its
  wording (``cleaner.scoring``). It has no pattern; ``prefilter`` literals make a cheap line
  precheck; the reason of each deletion lists the features that fired and the sum. Score
  rules run after the other rules of their stage: they judge what the specific rules left; and
  they never delete every line of a document.

Within a stage, rules run by ``priority`` (0–100, default 50, higher first), then in load order
(files sorted by name, rules in file order): a rule that must see a whole notice before the rules
that take pieces of one gives ``priority = 60``.

``zone`` says where a rule may act (``cleaner.zones``): ``anywhere`` (the default), ``header``
(before the report starts), ``footer`` (after its closing call) or ``edges`` (either). A line,
span or block rule acts when its line, match or first line lies in the zone.

A deleting rule may lift what it removes into the document's metadata: ``lift`` maps named
groups of ``lift_pattern`` (default: the rule's own patterns) to keys of the metadata table
``lift_into`` (``lift_into = "disclosure"``, ``lift = { idx = "index_number" }``); the first
value found for a key wins, values are stripped. An example may show what it lifts
(``lifted = { index_number = "…" }``). ``flag_on_remove = "incomplete"`` raises a flag of that
kind for each removal (a truncation notice: the text around it stays, but the document is not
whole).

For ``protect`` and ``flag`` rules an example's output shows the input with each match between
``⟦`` and ``⟧``, and a keep is text in which the rule finds nothing.

Instead of a ``pattern``, a rule may give ``terms``: a list of literal strings (names, place
names) that the engine turns into a pattern, longest first. ``min_count`` makes a span or flag
rule act only on a text where the pattern matches at least that many times (residue that is
only residue when it recurs). A span rule's ``apply`` may be given ``protected`` spans: matches
that overlap one of them are left as they are.

Patterns use the ``regex`` module. A user's rules run with a per-call timeout, so no pattern of
theirs can hang a run; the packaged rules run without it (the call costs a third less), their
patterns vetted by the test suite instead (``runaway_inputs``: inputs made to provoke runaway
backtracking must not time out).
The packaged rules' patterns are compiled when a rule first uses them (``LazyPattern``); a
user's rule file is compiled and checked whole when it is loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import regex

from cleaner.errors import ConfigError, RuleFileError
from cleaner.registry import unknown_name_message
from cleaner.rule_stress import RUNAWAY_RULES
from cleaner.ruleset import (
    DEFAULT_MAX_LENGTH,
    DEFAULT_MAX_LINES,
    DEFAULT_PRIORITY,
    DELETING_SCOPES,
    LINE_SCOPES,
    SCOPES,
    Example,
    LazyPattern,
    Rule,
    RuleSet,
)
from cleaner.scoring import Fail, parse_scorer
from cleaner.subroutines import inline_subroutines
from cleaner.zones import ZONES

NO_PATTERN = regex.compile("(?!)")
"""The pattern of a rule that has none of its own (a score rule): it matches nothing."""
FLAG_NAMES = {"IGNORECASE": regex.IGNORECASE, "DOTALL": regex.DOTALL, "VERBOSE": regex.VERBOSE}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
_FLAG_KIND_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str, "stage": str, "description": str, "scope": str, "pattern": str, "terms": list,
    "replacement": str, "flags": list, "triggers": list, "max_length": int, "min_count": int,
    "flag": str, "tags": list, "enabled": bool, "examples": list, "keeps": list,
    "zone": str, "continuation": str, "min_continuations": int, "max_lines": int,
    "lift": dict, "lift_into": str, "lift_pattern": str, "flag_on_remove": str,
    "threshold": int, "features": list, "prefilter": list, "priority": int,
}
_REQUIRED = ("id", "stage", "description", "examples", "keeps")
_KEY_RE = re.compile(r"[a-z][a-z0-9_]*\Z")


def terms_pattern(terms: Iterable[str]) -> str:
    r"""A pattern matching any of the literal ``terms``, the longest first, so that a longer
    name wins over a name it contains.

    >>> terms_pattern(["乾安", "乾安县", "1+1"])
    '1\\+1|乾安县|乾安'
    """
    unique = sorted(set(terms), key=lambda t: (-len(t), t))
    return "|".join(regex.escape(t, literal_spaces=True) for t in unique)


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
        packaged = _packaged(path)
        for rule in parse_rule_file(path, rule_stages, lazy=packaged, vetted=packaged):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleFileError(str(path), f"duplicate rule id, first defined at "
                                    f"{first.path}:{first.line}", line=rule.line, rule_id=rule.id,
                                    fix="give the rule a new id, or --disable the old one")
            seen[rule.id] = rule
            rules.append(rule)
    return RuleSet(tuple(rules), frozenset(r.id for r in rules if r.enabled))


def _packaged(path: Path) -> bool:
    """Whether ``path`` is one of the packaged rule files (``default_rules_dir``)."""
    try:
        return path.resolve().is_relative_to(default_rules_dir())
    except ConfigError:
        return False


def parse_rule_file(path: Path, rule_stages: Collection[str], *, lazy: bool = False,
                    vetted: bool = False) -> list[Rule]:
    """Parse one rule file; every error names the file, the line and, where known, the rule.

    With ``lazy``, patterns are compiled when first used (``LazyPattern``): ``load_rules`` says
    so for the packaged rules, whose every pattern the test suite compiles and checks; a user's
    file is checked whole when it is loaded, so that its errors show at once. With ``vetted``
    (the packaged rules again) its rules run without the per-call timeout (``Rule.vetted``)."""
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
    rules = [_build_rule(table, name, starts[i] if i < len(starts) else None, lines, rule_stages,
                         lazy=lazy)
             for i, table in enumerate(tables)]
    if not vetted:
        return rules
    return [replace(rule, vetted=rule.id not in RUNAWAY_RULES) for rule in rules]


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


def _feature_line(lines: list[str], start: int | None, name: str, occurrence: int = 1) -> int | None:
    """The line of the feature ``name = "…"`` (its ``occurrence``-th) within the rule table that
    starts at ``start``."""
    if start is None:
        return None
    wanted = re.compile(rf"""\bname\s*=\s*["']{re.escape(name)}["']""")
    for number in range(start, len(lines)):
        if lines[number].strip().startswith("[[rule]]"):
            break
        if wanted.search(lines[number]):
            occurrence -= 1
            if not occurrence:
                return number + 1
    return None


def _build_rule(table: dict[str, Any], path: str, start: int | None, lines: list[str],
                rule_stages: Collection[str], *, lazy: bool = False) -> Rule:
    rule_id = table.get("id") if isinstance(table.get("id"), str) else None

    def fail(problem: str, key: str | None = None, fix: str | None = None,
             feature: str | None = None, occurrence: int = 1) -> RuleFileError:
        line = _field_line(lines, start, key) if key else start
        if feature:  # a score rule's feature: the line that names it
            line = _feature_line(lines, start, feature, occurrence) or line
        return RuleFileError(path, problem, line=line, rule_id=rule_id, fix=fix)

    _check_fields(table, fail)
    if not _ID_RE.match(table["id"]):
        raise fail(f"invalid id {table['id']!r}", "id",
                   fix="use lower-case letters, digits, '.', '-' and '_', like 'ads.qq-qr'")
    if table["stage"] not in rule_stages:
        raise fail(unknown_name_message("stage", table["stage"], sorted(rule_stages)), "stage")
    scope = table.get("scope", "span")
    if scope not in SCOPES:
        raise fail(f"invalid scope {scope!r}, expected one of {', '.join(SCOPES)}", "scope")
    if scope != "span" and "replacement" in table:
        what = ("deletes the lines it matches" if scope in LINE_SCOPES
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
    score_keys = [key for key in ("threshold", "features", "prefilter") if key in table]
    if scope == "score":
        taken = [key for key in ("pattern", "terms") if key in table]
        if taken:
            raise fail(f"a score rule adds up its features and takes no {taken[0]}", taken[0],
                       fix="make it a feature: features = [{ name = \"…\", pattern = '…', "
                           "weight = 2 }]")
    elif score_keys:
        raise fail(f"{score_keys[0]} is for score rules (this one has scope {scope!r})",
                   score_keys[0], fix=f'remove {score_keys[0]}, or use scope = "score"')
    elif ("pattern" in table) == ("terms" in table):
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
    scorer = parse_scorer(table, flags, fail, Path(path).parent) if scope == "score" else None
    if scorer is not None:
        pattern = NO_PATTERN
    else:
        source = table["pattern"] if "pattern" in table else terms_pattern(table["terms"])
        pattern = _compile(source, flags, "pattern", fail, lazy=lazy)
    replacement = table.get("replacement", "")
    _check_group_refs(replacement, pattern, fail)
    for key in ("triggers", "tags", "keeps"):
        if not all(isinstance(item, str) and item for item in table.get(key, [])):
            raise fail(f"every item of {key!r} must be a non-empty string", key)
    if any("\n" in trigger for trigger in table.get("triggers", [])):
        raise fail("a trigger is a literal within one line: it cannot hold a line break",
                   "triggers")
    zone = table.get("zone", "anywhere")
    if zone not in ZONES:
        raise fail(f"invalid zone {zone!r}, expected one of {', '.join(ZONES)}", "zone",
                   fix='use zone = "header" for lines before the report starts')
    if zone != "anywhere" and scope == "protect":
        raise fail("a protect rule protects everywhere and takes no zone", "zone",
                   fix="remove zone")
    continuation = _block_fields(table, scope, flags, fail, lazy=lazy)
    lift, lift_into, lift_pattern = _lift_fields(table, scope, flags, pattern, continuation, fail)
    flag_on_remove = table.get("flag_on_remove", "")
    if flag_on_remove:
        if scope not in DELETING_SCOPES:
            raise fail(f"only a rule that removes text raises a flag on removal (not a {scope} "
                       f"rule)", "flag_on_remove", fix='remove flag_on_remove, or use scope = "span"')
        if not _FLAG_KIND_RE.match(flag_on_remove):
            raise fail(f"invalid flag kind {flag_on_remove!r}", "flag_on_remove",
                       fix="use lower-case letters, digits and '_', like 'incomplete'")
    examples = _examples(table["examples"], lift, fail)
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
        examples=examples, keeps=tuple(table["keeps"]), path=path, line=start,
        zone=zone, continuation=continuation,
        min_continuations=table.get("min_continuations", 1),
        max_lines=table.get("max_lines", DEFAULT_MAX_LINES), lift=lift, lift_into=lift_into,
        lift_pattern=lift_pattern, flag_on_remove=flag_on_remove, scorer=scorer,
        priority=_priority(table, fail),
    )


def _check_fields(table: dict[str, Any], fail: Fail) -> None:
    """Every field of the rule table is known, the required ones are there, each of its type."""
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


def _examples(items: list[Any], lift: tuple[tuple[str, str], ...], fail: Fail) -> tuple[Example, ...]:
    """A rule's ``examples``: each ``{ input, output }`` (and ``lifted``, what a lifting rule lifts
    from its input); an example must change its input."""
    examples: list[Example] = []
    for item in items:
        if not (isinstance(item, dict) and set(item) in ({"input", "output"},
                                                         {"input", "output", "lifted"})
                and isinstance(item["input"], str) and isinstance(item["output"], str)):
            raise fail("each example must be a table { input = \"…\", output = \"…\" } "
                       "(and lifted = { key = \"value\" } for a lifting rule)", "examples")
        if item["input"] == item["output"]:
            raise fail(f"example {item['input']!r} does not change: put it under keeps", "examples")
        lifted = item.get("lifted", {})
        if lifted and not lift:
            raise fail("an example shows lifted values, but the rule lifts nothing", "examples",
                       fix="add lift = { group = \"key\" } and lift_into, or remove lifted")
        if not (isinstance(lifted, dict) and all(isinstance(v, str) for v in lifted.values())):
            raise fail("lifted must be a table of strings { key = \"value\" }", "examples")
        unknown = sorted(set(lifted) - {key for _, key in lift})
        if unknown:
            raise fail(f"an example lifts {unknown[0]!r}, a key the rule's lift does not fill",
                       "examples", fix=f"use one of {', '.join(sorted({k for _, k in lift}))}")
        examples.append(Example(item["input"], item["output"], tuple(lifted.items())))
    return tuple(examples)


def _priority(table: dict[str, Any], fail: Fail) -> int:
    """A rule's ``priority``: 0–100, ``DEFAULT_PRIORITY`` when not given."""
    priority = table.get("priority", DEFAULT_PRIORITY)
    if not 0 <= priority <= 100:
        raise fail(f"priority {priority} is out of range", "priority",
                   fix=f"use 0–100: higher runs first, {DEFAULT_PRIORITY} is the default")
    return priority


def _compile(source: str, flags: int, key: str, fail: Fail, *, inline: bool = True,
             lazy: bool = False) -> regex.Pattern[str] | LazyPattern:
    """``source`` compiled, its ``(?&name)`` calls written out unless ``inline`` is False (a
    pattern that runs rarely compiles about five times faster with the calls left in); with
    ``lazy``, compiled (and checked) when first used."""
    if lazy:
        return LazyPattern(lambda: _compile(source, flags, key, fail, inline=inline))
    if inline:
        source = inline_subroutines(source, bool(flags & regex.VERBOSE))
    try:
        pattern = regex.compile(source, flags)
    except regex.error as exc:
        pos = f" at position {exc.pos}" if exc.pos is not None else ""
        raise fail(f"invalid {key}{pos}: {exc.msg}", key) from None
    if pattern.search(""):
        raise fail(f"the {key} matches the empty string", key,
                   fix="make it match at least one character")
    return pattern


def _block_fields(table: dict[str, Any], scope: str, flags: int, fail: Fail, *,
                  lazy: bool = False) -> regex.Pattern[str] | LazyPattern | None:
    """The continuation pattern of a block rule; the block fields are for block rules only."""
    block_keys = [key for key in ("continuation", "min_continuations", "max_lines") if key in table]
    if scope != "block":
        if block_keys:
            raise fail(f"{block_keys[0]} is for block rules (this one has scope {scope!r})",
                       block_keys[0], fix=f'remove {block_keys[0]}, or use scope = "block"')
        return None
    if "continuation" not in table:
        raise fail("a block rule needs a continuation pattern: what the lines after its first "
                   "line look like", fix="add continuation = '…'")
    if table.get("min_continuations", 1) < 0:
        raise fail("min_continuations must be 0 or more", "min_continuations")
    if table.get("max_lines", DEFAULT_MAX_LINES) < 1:
        raise fail("max_lines must be a positive number of lines", "max_lines")
    return _compile(table["continuation"], flags, "continuation", fail, lazy=lazy)


def _lift_fields(table: dict[str, Any], scope: str, flags: int, pattern: regex.Pattern[str],
                 continuation: regex.Pattern[str] | None, fail: Fail,
                 ) -> tuple[tuple[tuple[str, str], ...], str, regex.Pattern[str] | None]:
    """``lift`` (group → key), ``lift_into`` and ``lift_pattern``, checked against each other
    and against the groups the patterns have."""
    keys = [key for key in ("lift", "lift_into", "lift_pattern") if key in table]
    if not keys:
        return (), "", None
    if scope not in DELETING_SCOPES:
        raise fail(f"only a rule that removes text lifts values (not a {scope} rule)", keys[0],
                   fix="remove the lift fields")
    if scope == "score" and "lift_pattern" not in table:
        raise fail("a score rule has no pattern to take values from: lift needs a lift_pattern",
                   keys[0], fix="add lift_pattern = '(?P<name>…)', run on each line removed")
    if "lift" not in table or "lift_into" not in table:
        missing = "lift_into" if "lift" in table else "lift"
        raise fail(f"{keys[0]} needs {missing}", keys[0],
                   fix='give both: lift = { group = "key" } and lift_into = "disclosure"')
    if not _KEY_RE.match(table["lift_into"]):
        raise fail(f"invalid metadata table {table['lift_into']!r}", "lift_into",
                   fix="use lower-case letters, digits and '_', like 'disclosure'")
    # a lift pattern runs only on what a rule removed: its grammar is not written out
    lift_pattern = (_compile(table["lift_pattern"], flags, "lift_pattern", fail, inline=False)
                    if "lift_pattern" in table else None)
    sources = [lift_pattern] if lift_pattern is not None else [p for p in (pattern, continuation) if p]
    groups = {name for p in sources for name in p.groupindex}
    pairs: list[tuple[str, str]] = []
    for group, key in table["lift"].items():
        if group not in groups:
            where = "lift_pattern" if lift_pattern is not None else "pattern"
            raise fail(f"lift names group {group!r}, which the {where} does not have", "lift",
                       fix=f"name a group (?P<{group}>…) in the {where}, or use one of "
                           f"{', '.join(sorted(groups)) or '(no named groups)'}")
        if not (isinstance(key, str) and _KEY_RE.match(key)):
            raise fail(f"lift maps {group!r} to {key!r}: a key must be snake_case", "lift",
                       fix='like lift = { idx = "index_number" }')
        pairs.append((group, key))
    if not pairs:
        raise fail("lift is empty", "lift", fix='add group = "key" pairs')
    return tuple(pairs), table["lift_into"], lift_pattern


def _check_group_refs(replacement: str, pattern: regex.Pattern[str], fail: Fail) -> None:
    for name, number in re.findall(r"\\g<([^>]*)>|\\(\d+)", replacement):
        ref = name or number
        ok = (int(ref) <= pattern.groups) if ref.isdigit() else ref in pattern.groupindex
        if not ok:
            raise fail(f"replacement refers to group {ref!r}, which the pattern does not have",
                       "replacement")
