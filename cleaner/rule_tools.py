"""``cleaner rules``: list, test, check and measure rules — from "I see junk" to "it is gone
everywhere, and this real sentence is safe" without touching code.

- ``rules list``: every loaded rule (id, stage, scope, zone, tags, description); ``--json``.
- ``rules test [FILE…]``: run every rule's examples and keeps; non-zero exit on any failure.
- ``rules check FILE``: validate a user rule file (schema, patterns, ids unique also against the
  shipped rules, examples and keeps), with errors that name the line and the fix.
- ``rules stats PATH…``: how often each rule fires over a corpus and how much it removes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from cleaner.errors import InputError
from cleaner.pipeline import rule_stages
from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.ruleset import Rule, RuleSet
from cleaner.stages import default_registry

EPILOG = """\
examples:
  cleaner rules list --stage boilerplate
  cleaner rules test                      # the shipped rules' examples and keeps
  cleaner rules check my-rules.toml       # before you use a rule file of your own
  cleaner rules stats raw/ --top 15       # which rules fire on a corpus, and how much they remove

a new rule, step by step:
  1. cleaner mine raw/                    # or copy a junk line you saw
  2. write it as a [[rule]] in my-rules.toml, with examples AND keeps
     (real report sentences with the same words, which it must leave alone)
  3. cleaner rules check my-rules.toml
  4. cleaner rules stats raw/ --rules my-rules.toml
  5. cleaner clean raw/ -o clean/ --rules my-rules.toml"""


def add_rules_parser(commands: Any) -> None:
    parser = commands.add_parser("rules", help="list, test, check and measure rules",
                                 description=__doc__, epilog=EPILOG,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = parser.add_subparsers(title="subcommands", dest="verb", metavar="VERB", required=True)

    listing = verbs.add_parser("list", help="show the loaded rules")
    _add_rule_sources(listing)
    listing.add_argument("--stage", choices=_stages(), help="only the rules of this stage")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)

    test = verbs.add_parser("test", help="run every rule's examples and keeps")
    test.add_argument("files", nargs="*", type=Path, metavar="FILE",
                      help="rule files or folders (default: the shipped rules)")
    test.set_defaults(run=run_test)

    check = verbs.add_parser("check", help="validate a rule file of your own")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.set_defaults(run=run_check)

    stats = verbs.add_parser("stats", help="how often each rule fires over a corpus")
    stats.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of raw documents")
    stats.add_argument("--glob", default="*.txt", help="files to take from folders (default *.txt)")
    _add_rule_sources(stats)
    stats.add_argument("--top", type=int, default=0, metavar="N", help="only the N most frequent")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(run=run_stats)


def _add_rule_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", type=Path, metavar="FILE_OR_DIR",
                        help="extra rule files (repeatable)")
    parser.add_argument("--no-default-rules", action="store_true", help="leave out the shipped rules")


def _stages() -> list[str]:
    return rule_stages(default_registry())


def _load(paths: Iterable[Path], defaults: bool) -> RuleSet:
    sources = ([default_rules_dir()] if defaults else []) + list(paths)
    return load_rules(sources, _stages())


def _first_line(text: str) -> str:
    return " ".join(text.split())


# --- list ------------------------------------------------------------------------------------

def run_list(args: argparse.Namespace) -> int:
    ruleset = _load(args.rules or [], not args.no_default_rules)
    rules = [r for r in ruleset.rules if args.stage is None or r.stage == args.stage]
    if args.json:
        print(json.dumps([{"id": r.id, "stage": r.stage, "scope": r.scope, "zone": r.zone,
                           "tags": list(r.tags),
                           "enabled": r.id in ruleset.active, "description": _first_line(r.description),
                           "file": r.path, "line": r.line} for r in rules],
                         ensure_ascii=False, indent=2))
        return 0
    table = Table(title=f"{len(rules)} rules", show_lines=False)
    for column in ("id", "stage", "scope", "zone", "tags", "description"):
        table.add_column(column, overflow="fold")
    for rule in rules:
        style = None if rule.id in ruleset.active else "dim"
        table.add_row(rule.id, rule.stage, rule.scope, rule.zone, ", ".join(rule.tags),
                      _first_line(rule.description), style=style)
    Console().print(table)
    return 0


# --- test and check --------------------------------------------------------------------------

@dataclass
class TestOutcome:
    passed: int = 0
    failures: list[tuple[Rule, str]] = field(default_factory=list)


def test_rules(rules: Iterable[Rule]) -> TestOutcome:
    """Run each rule's examples and keeps (``Rule.check``)."""
    outcome = TestOutcome()
    for rule in rules:
        problems = rule.check()
        if problems:
            outcome.failures.extend((rule, problem) for problem in problems)
        else:
            outcome.passed += 1
    return outcome


def _print_outcome(outcome: TestOutcome) -> int:
    for rule, problem in outcome.failures:
        where = f"{rule.path}:{rule.line}" if rule.line else rule.path
        print(f"FAIL {rule.id} ({where}): {problem}", file=sys.stderr)
    failed = len({rule.id for rule, _ in outcome.failures})
    print(f"rules: {outcome.passed} passed, {failed} failed")
    return 1 if failed else 0


def run_test(args: argparse.Namespace) -> int:
    ruleset = _load(args.files, defaults=not args.files)
    return _print_outcome(test_rules(ruleset.rules))


def run_check(args: argparse.Namespace) -> int:
    """Load the files alone (schema, patterns, ids), then beside the shipped rules (ids must
    not clash), then run their examples and keeps."""
    own = _load(args.files, defaults=False)
    shipped = {rule.id: rule for rule in _load([], defaults=True).rules}
    clashes = [rule for rule in own.rules if rule.id in shipped and rule.path != shipped[rule.id].path]
    for rule in clashes:
        first = shipped[rule.id]
        print(f"cleaner: error: {rule.path}:{rule.line}: rule {rule.id!r}: the id is taken by a "
              f"shipped rule ({first.path}:{first.line}) (give it a new id, or --disable "
              f"{rule.id} and keep yours)", file=sys.stderr)
    status = _print_outcome(test_rules(own.rules))
    return 2 if clashes else status


# --- stats -----------------------------------------------------------------------------------

@dataclass
class RuleStats:
    fired: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    documents: Counter[str] = field(default_factory=Counter)
    total_documents: int = 0
    total_chars: int = 0


def collect_stats(texts: Iterable[bytes], cleaner: Any) -> RuleStats:
    """Clean each document and count, per rule: changes, characters removed, documents hit."""
    stats = RuleStats()
    for data in texts:
        result = cleaner.clean_bytes(data)
        stats.total_documents += 1
        stats.total_chars += result.chars_before
        seen: set[str] = set()
        for change in result.changes:
            stats.fired[change.rule] += 1
            stats.removed[change.rule] += max(0, len(change.before) - len(change.after))
            seen.add(change.rule)
        stats.documents.update(seen)
    return stats


def run_stats(args: argparse.Namespace) -> int:
    from cleaner.config import build_config
    from cleaner.files import Input, discover
    from cleaner.pipeline import Cleaner

    config = build_config({}, rule_paths=args.rules, default_rules=not args.no_default_rules)
    cleaner = Cleaner(config)
    status = 0

    def documents() -> Iterable[bytes]:
        nonlocal status
        for item in discover(args.paths, args.glob):
            if not isinstance(item, Input) or item.source is None:
                print(f"cleaner: error: {item.display}: {getattr(item, 'message', 'not a file')}",
                      file=sys.stderr)
                status = 1
                continue
            try:
                data = item.source.read_bytes()
                cleaner.clean_bytes(data, explain=False)  # surface bad input here, named
            except (InputError, OSError) as exc:
                print(f"cleaner: error: {item.display}: {exc}", file=sys.stderr)
                status = 1
                continue
            yield data

    stats = collect_stats(documents(), cleaner)
    ranked = stats.fired.most_common(args.top or None)
    if args.json:
        print(json.dumps({"documents": stats.total_documents, "characters": stats.total_chars,
                          "rules": [{"id": rule, "fired": fired, "documents": stats.documents[rule],
                                     "chars_removed": stats.removed[rule]} for rule, fired in ranked]},
                         ensure_ascii=False, indent=2))
        return status
    table = Table(title=f"rules fired on {stats.total_documents} documents "
                        f"({stats.total_chars:,} characters)")
    for column, justify in (("rule", "left"), ("fired", "right"), ("documents", "right"),
                            ("chars removed", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for rule, fired in ranked:
        table.add_row(rule, str(fired), str(stats.documents[rule]), f"{stats.removed[rule]:,}")
    Console().print(table)
    return status

