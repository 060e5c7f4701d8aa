"""What a cleaning step did: changes (rule, where, before → after) and flags (things to look at).

A change is recorded only when the text really changed. Positions are those of the text the
step received (1-based line, 0-based offset): stages run in order, so each change can be
replayed or shown against the text that stage saw.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import regex


class Change(NamedTuple):
    """One edit: which stage and rule made it, where, and the text before and after.

    A named tuple rather than a frozen dataclass: just as immutable, and a raw report has
    thousands of changes (a comma each), which a tuple builds four times faster.
    """

    stage: str
    rule: str
    line: int
    offset: int
    before: str
    after: str
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "stage": self.stage, "rule": self.rule, "line": self.line,
            "offset": self.offset, "before": self.before, "after": self.after,
        }
        if self.reason:
            d["reason"] = self.reason
        return d


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a person should look at; it does not change the text.

    kinds: ``lost_bytes`` (undecodable input), ``deletion_guard`` (too much removed),
    ``rule_timeout``, ``mixed_encoding``, and the kinds later stages add.
    """

    kind: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message, "line": self.line}


@dataclass
class ChangeLog:
    """An append-only collector that fixes write to; ``None`` in its place means 'don't record'.

    Besides changes it collects flags and document metadata (values a stage lifted out of the
    text, such as a disclosure block's index number). With ``explain=False`` changes are
    dropped but flags and metadata are still kept: they are few and callers rely on them.

    >>> log = ChangeLog(stage="demo", explain=False)
    >>> log.record("r", 1, 0, "a", "b"); log.flag("incomplete", "truncated"); log.note("k", "v")
    >>> log.changes, [f.kind for f in log.flags], log.metadata
    ([], ['incomplete'], {'k': 'v'})
    """

    changes: list[Change] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    metadata: dict[str, object] = field(default_factory=dict)
    stage: str = ""
    explain: bool = True

    def record(self, rule: str, line: int, offset: int, before: str, after: str,
               reason: str = "") -> None:
        if self.explain and before != after:
            self.changes.append(Change(self.stage, rule, line, offset, before, after, reason))

    def record_many(self, rule: str, edits: Iterable[tuple[int, int, str, str]]) -> None:
        """``record(rule, line, offset, before, after)`` for each of ``edits``, in one go.

        >>> log = ChangeLog(stage="demo")
        >>> log.record_many("r", [(1, 0, "a", "b"), (2, 5, "c", "c")])
        >>> log.changes == [Change("demo", "r", 1, 0, "a", "b")]
        True
        """
        if not self.explain:
            return
        stage, append = self.stage, self.changes.append
        for line, offset, before, after in edits:
            if before != after:
                append(Change(stage, rule, line, offset, before, after))

    def flag(self, kind: str, message: str, line: int | None = None) -> None:
        self.flags.append(Flag(kind, message, line))

    def note(self, key: str, value: object) -> None:
        """Record a metadata value; the first value recorded for a key wins."""
        self.metadata.setdefault(key, value)


Pattern = re.Pattern[str] | regex.Pattern[str]
Replacement = str | Callable[[Any], str]


def substitute(text: str, pattern: Pattern, repl: Replacement,
               log: ChangeLog | None, rule: str, *, timeout: float | None = None) -> str:
    """``pattern.sub(repl, text)``, recording each match that changed into ``log``.

    ``pattern`` is a ``re`` or ``regex`` pattern; ``timeout`` (seconds, ``regex`` only) bounds
    the time one call may take.

    >>> log = ChangeLog(stage="demo")
    >>> substitute("a1b22", regex.compile(r"\\d+"), "#", log, "digits")
    'a#b#'
    >>> [(c.rule, c.offset, c.before, c.after) for c in log.changes]
    [('digits', 1, '1', '#'), ('digits', 3, '22', '#')]
    """
    extra = {} if timeout is None else {"timeout": timeout}
    if log is None or not log.explain:
        return pattern.sub(repl, text, **extra)
    return replace_matches(text, pattern.finditer(text, **extra), repl, log, rule)


def replace_matches(text: str, matches: Iterable[Any], repl: Replacement, log: ChangeLog | None,
                    rule: str) -> str:
    """Replace the given ``matches`` of ``text`` (in order, not overlapping), recording each one
    that changed. The engine uses it to act on matches found in some lines only.

    >>> log = ChangeLog(stage="demo")
    >>> text = "a,b\\nc,d"
    >>> replace_matches(text, re.finditer(",", text), "，", log, "comma")
    'a，b\\nc，d'
    >>> [(c.line, c.offset) for c in log.changes]
    [(1, 1), (2, 5)]
    """
    # A replacement without a backslash is the same for every match: no expand() call.
    constant = None if callable(repl) or "\\" in repl else repl
    pieces: list[str] = []
    append = pieces.append
    last = 0
    if log is None or not log.explain:
        for match in matches:
            start, end = match.span()
            append(text[last:start])
            append(constant if constant is not None
                   else repl(match) if callable(repl) else match.expand(repl))
            last = end
    else:
        stage, changes = log.stage, []
        line = 1
        try:
            for match in matches:
                start, end = match.span()
                after = (constant if constant is not None
                         else repl(match) if callable(repl) else match.expand(repl))
                before = match.group()
                line += text.count("\n", last, start)
                append(text[last:start])
                append(after)
                if before != after:
                    changes.append(Change(stage, rule, line, start, before, after))
                if "\n" in before:
                    line += before.count("\n")
                last = end
        finally:  # a pattern that times out half way has still made the changes before it
            log.changes.extend(changes)
    if not pieces:
        return text
    append(text[last:])
    return "".join(pieces)


def count_by_rule(changes: Iterable[Change]) -> dict[str, int]:
    """How many changes each rule made, most first (ties by rule id)."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.rule] = counts.get(change.rule, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
