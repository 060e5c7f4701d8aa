"""What keeps a held-out set apart from the others: no template with the skeleton of another
set's template, and no filled string that another set's template fills (``find_overlaps``).

Shared by the development sets written after ``bench/heldout_dev3.py``; a clash is reported by the
checking set's string and the other set's name only, so a blind set's forms are never shown.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

from bench import heldout as dev
from bench import heldout_dev2 as dev2
from bench.corrupt import split_paragraphs

MODULES = {"dev": "bench.heldout", "dev2": "bench.heldout_dev2", "dev3": "bench.heldout_dev3",
           "dev4": "bench.heldout_dev4", "dev5": "bench.heldout_dev5", "dev6": "bench.heldout_dev6",
           "test": "bench.heldout_test", "test2": "bench.heldout_test2", "test3": "bench.heldout_test3"}


def existing_sets(names: Iterable[str]) -> dict[str, ModuleType]:
    """The sets of ``names`` that exist, by name (a set being written may not exist yet)."""
    return {name: importlib.import_module(MODULES[name]) for name in names
            if importlib.util.find_spec(MODULES[name]) is not None}


def strings_of(value: object) -> list[str]:
    """The strings in a module's form table (a dict of tuples, or of dicts of tuples)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_of(item)]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in strings_of(item)]
    return []


def templates_of(module: ModuleType) -> list[str]:
    """A set's noise templates and near-miss templates (jammer shape names aside)."""
    forms = strings_of(getattr(module, "FORMS", {})) + strings_of(getattr(module, "NEAR_MISSES", ()))
    return [t for t in forms if not t.startswith("jammer:")]


@functools.cache
def titles() -> str:
    """Every title a template can hold: each gold report's title line and its first line (a
    compilation's entries name the first line)."""
    titles = set()
    for body in dev._load_gold().values():
        lines = split_paragraphs(body)
        titles |= {dev2._squeeze(lines[0]), dev2._squeeze(lines[dev._title_index(lines)])}
    return "(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + ")"


def template_regex(template: str) -> re.Pattern[str]:
    """A regex matching every filling of ``template`` with whitespace dropped, each field matching
    only values of its kind (``dev2.FIELD_PATTERNS``; a field of unknown kind matches a short run
    without separators). Like ``dev2.template_regex``, with every gold title for titles.

    >>> template_regex("{other} {date_md}").fullmatch("关于做好防汛备汛工作的通知11-09") is not None
    True
    """
    fields = {**dev2.FIELD_PATTERNS, "other": dev2._other_pattern(), "other2": dev2._other_pattern(),
              "title": titles(), "body_title": titles()}
    pattern, at = [], 0
    for match in re.finditer(r"\{\{|\}\}|\{([^{}]*)\}", template):
        pattern.append(re.escape(re.sub(r"\s+", "", template[at:match.start()])))
        name = match[1]
        pattern.append(re.escape(match[0][0]) if name is None else fields.get(name, dev2._VALUE))
        at = match.end()
    pattern.append(re.escape(re.sub(r"\s+", "", template[at:])))
    return re.compile("".join(pattern))


def says_something(template: str) -> bool:
    """False for a template made only of fields of unknown kind (it would match any short run).

    >>> says_something("{index}"), says_something("{x}"), says_something("来自{x}")
    (True, False, True)
    """
    fields = re.findall(r"\{([^{}]*)\}", template)
    literal = re.sub(r"\s+", "", re.sub(r"\{[^{}]*\}", "", template))
    known = {*dev2.FIELD_PATTERNS, "other", "other2", "title", "body_title"}
    return bool(literal) or all(name in known for name in fields)


@functools.cache
def patterns(names: tuple[str, ...]) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """The templates of the sets ``names`` (those that exist) as regexes (``template_regex``)."""
    found = []
    for name, module in existing_sets(names).items():
        regexes = []
        for template in templates_of(module):
            if says_something(template):
                try:
                    regexes.append(template_regex(template))
                except (re.error, ValueError):  # a template this machinery does not read
                    continue
        found.append((name, tuple(regexes)))
    return tuple(found)


def find_overlaps(ours: Sequence[str], others: tuple[str, ...], swap_names: Callable[[str], str],
                  strings: Iterable[str] = ()) -> list[str]:
    """Everything of a set that is a form of one of the sets ``others``: a template of ``ours``
    (noise or near-miss templates) with the skeleton of one of theirs, and any of ``strings``
    (filled noise or near misses) that one of their templates fills, as it is or with its names
    swapped (``swap_names``). A clash is reported by our string and the other set's name only.
    """
    found = []
    for name, module in existing_sets(others).items():
        theirs = {dev2.skeleton(t) for t in templates_of(module)}
        found += [f"template {t!r} has the skeleton of a {name} template" for t in ours
                  if dev2.skeleton(t) in theirs]
    compiled = patterns(others)
    for text in strings:
        variants = {dev2._squeeze(text), dev2._squeeze(swap_names(text))}
        for name, regexes in compiled:
            if any(p.fullmatch(variant) for p in regexes for variant in variants):
                found.append(f"string {text!r} fills a {name} template")
                break
    return found
