"""The pipeline: decode, then every registered stage in order, recording what each changed.

``Cleaner`` holds the immutable configuration, the loaded rules and the registry; ``clean_text``
and ``clean_bytes`` are pure functions of their input and that state. I/O, parallelism and
reporting live elsewhere (``cleaner.batch``, ``cleaner.report``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cleaner.change import Change, ChangeLog, Flag, count_by_rule
from cleaner.config import CleanConfig
from cleaner.decode import Decoding, decode_bytes
from cleaner.registry import Registry
from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.ruleset import RuleSet
from cleaner.stages import default_registry


@dataclass(frozen=True)
class StageContext:
    """What a stage may read besides the text: configuration and rules, both immutable."""

    config: CleanConfig
    rules: RuleSet


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text, every change made on the way, and the flags raised."""

    text: str
    changes: tuple[Change, ...] = ()
    flags: tuple[Flag, ...] = ()
    decoding: Decoding | None = None
    chars_before: int = 0
    chars_after: int = 0
    stages_run: tuple[str, ...] = field(default=(), repr=False)
    metadata: Mapping[str, object] = field(default_factory=dict)
    """Values stages lifted out of the text (e.g. a disclosure block's fields), by key."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def removed_share(self) -> float:
        """Share of non-space characters that cleaning removed (0 when it added some)."""
        if not self.chars_before:
            return 0.0
        return max(0.0, (self.chars_before - self.chars_after) / self.chars_before)

    def counts(self) -> dict[str, int]:
        """Changes per rule id, most first."""
        return count_by_rule(self.changes)

    def explain(self) -> list[str]:
        """One human-readable line per change: stage/rule, where, before → after."""
        return [f"{c.stage}/{c.rule} line {c.line}: {c.before!r} → {c.after!r}"
                + (f" ({c.reason})" if c.reason else "") for c in self.changes]


def count_visible(text: str) -> int:
    """Non-whitespace characters: what the deletion guard compares."""
    return len(text) - sum(text.count(ch) for ch in " \t\n\r\u3000")


def removed_share(before: int, after: int, copies: int = 0) -> float:
    """The share of the text that cleaning lost, for the deletion guard: a repeated copy that
    went (``copies`` characters) was not lost, its original is still there.

    >>> removed_share(1000, 400, copies=500)  # a report said twice, and 100 characters of chrome
    0.2
    >>> removed_share(0, 0)
    0.0
    """
    kept_whole = before - copies
    return (kept_whole - after) / kept_whole if kept_whole > 0 else 0.0


class Cleaner:
    """A configured pipeline. Build one per configuration and reuse it for many documents."""

    def __init__(self, config: CleanConfig | None = None, *, registry: Registry | None = None,
                 rules: RuleSet | None = None) -> None:
        self.config = config or CleanConfig()
        self.registry = registry or default_registry()
        if rules is None:
            rules = load_configured_rules(self.config, self.registry)
        self.context = StageContext(self.config, rules)

    @property
    def rules(self) -> RuleSet:
        return self.context.rules

    def clean_text(self, text: str, *, explain: bool = True) -> CleanResult:
        """Clean ``text``; with ``explain=False`` changes are not recorded (a little faster),
        but flags and metadata still are."""
        return self._run(text, None, explain)

    def clean_bytes(self, data: bytes, *, explain: bool = True) -> CleanResult:
        """Decode ``data`` (raises ``EmptyInputError``/``BinaryInputError``) and clean it."""
        text, decoding = decode_bytes(data)
        return self._run(text, decoding, explain)

    def _run(self, text: str, decoding: Decoding | None, explain: bool) -> CleanResult:
        log = ChangeLog(explain=explain)
        # Lost bytes (U+FFFD, 锟斤拷) are flagged per line by the encoding stage.
        if decoding is not None and decoding.method == "per-line":
            log.flag("mixed_encoding", f"lines decoded one by one ({decoding.encoding}): the file "
                     "mixes encodings")
        before = count_visible(text)
        copies = 0  # removed by stages that keep one copy: not lost, so not held against the guard
        for stage in self.registry:
            log.stage = stage.name
            if stage.keeps_one_copy:
                visible = count_visible(text)
                text = stage.run(text, self.context, log)
                copies += visible - count_visible(text)
            else:
                text = stage.run(text, self.context, log)
        after = count_visible(text)
        removed = removed_share(before, after, copies)
        if removed > self.config.max_removed:
            log.flag("deletion_guard", f"cleaning removed {removed:.0%} of the non-space "
                     f"characters (more than max_removed {self.config.max_removed:.0%}): check "
                     "the rules that fired")
        return CleanResult(text, tuple(log.changes), tuple(log.flags), decoding, before, after,
                           tuple(self.registry.names()), dict(log.metadata))


def rule_stages(registry: Registry) -> list[str]:
    return [stage.name for stage in registry if stage.takes_rules]


def load_configured_rules(config: CleanConfig, registry: Registry) -> RuleSet:
    """The rule set a configuration asks for: defaults and extra files, then enable/disable."""
    paths = ([default_rules_dir()] if config.default_rules else []) + list(config.rule_paths)
    # Stage names are checked against the default stages as well as this registry's, so that a
    # registry without some default stage still loads the default rules (they just don't run).
    stages = dict.fromkeys([*rule_stages(default_registry()), *rule_stages(registry)])
    return _load_cached(tuple(paths), tuple(stages)).select(config.enable, config.disable)


@cache
def _load_cached(paths: tuple[Path, ...], stages: tuple[str, ...]) -> RuleSet:
    return load_rules(paths, stages)


@cache
def default_cleaner() -> Cleaner:
    return Cleaner()


def clean_text(text: str, config: CleanConfig | None = None, *, explain: bool = True) -> CleanResult:
    """Clean a string with the default rules (or ``config``); see ``Cleaner.clean_text``.

    >>> result = clean_text("政府工作报告\\r\\n\\r\\n各位代表：\\u200b\\n")
    >>> result.text
    '政府工作报告\\n各位代表：\\n'
    >>> sorted(result.counts())
    ['hygiene.line-breaks', 'hygiene.zero-width', 'whitespace.blank-lines']
    """
    cleaner = default_cleaner() if config is None else Cleaner(config)
    return cleaner.clean_text(text, explain=explain)


def clean_bytes(data: bytes, config: CleanConfig | None = None, *,
                explain: bool = True) -> CleanResult:
    """Decode and clean bytes; ``result.decoding`` says how they were read.

    >>> result = clean_bytes("政府工作报告\\n".encode("gbk"))
    >>> result.text, result.decoding.encoding
    ('政府工作报告\\n', 'gb18030')
    """
    cleaner = default_cleaner() if config is None else Cleaner(config)
    return cleaner.clean_bytes(data, explain=explain)
