"""An ordered registry of named stages with gapped priorities (after Python-Markdown's Registry).

Stages run from the highest priority to the lowest. The defaults are registered with gaps of
ten so that a user's stage can slot in between two of them; the priorities are part of the
public contract and listed in ``cleaner.stages``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.errors import ConfigError

if TYPE_CHECKING:
    from cleaner.change import ChangeLog
    from cleaner.pipeline import StageContext

StageFn = Callable[[str, "StageContext", "ChangeLog | None"], str]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named ``str -> str`` step of the pipeline.

    ``run(text, context, log)`` must be a pure function of ``text`` and the immutable
    ``context``; it reports what it changed into ``log`` (``None`` means: don't record).
    ``takes_rules`` marks the stages that rule files may name in their ``stage`` field;
    ``keeps_one_copy`` the stages that remove only text still present once in the output (a
    repeated copy), which the deletion guard therefore does not count as lost.
    """

    name: str
    run: StageFn
    priority: int
    description: str
    takes_rules: bool = False
    keeps_one_copy: bool = False


class Registry:
    """Stages by name, iterated in priority order (highest first)."""

    def __init__(self) -> None:
        self._stages: dict[str, Stage] = {}

    def register(self, stage: Stage) -> None:
        if stage.name in self._stages:
            raise ConfigError(f"a stage named {stage.name!r} is already registered")
        self._stages[stage.name] = stage

    def deregister(self, name: str) -> None:
        self[name]  # raises with a suggestion when unknown
        del self._stages[name]

    def __getitem__(self, name: str) -> Stage:
        try:
            return self._stages[name]
        except KeyError:
            raise ConfigError(unknown_name_message("stage", name, self.names())) from None

    def __contains__(self, name: object) -> bool:
        return name in self._stages

    def __iter__(self) -> Iterator[Stage]:
        return iter(sorted(self._stages.values(), key=lambda s: -s.priority))

    def __len__(self) -> int:
        return len(self._stages)

    def names(self) -> list[str]:
        return [stage.name for stage in self]


def unknown_name_message(kind: str, name: str, known: list[str] | tuple[str, ...]) -> str:
    """An error message for an unknown name, with the nearest known one when there is one.

    >>> unknown_name_message("stage", "boilerplat", ["hygiene", "boilerplate"])
    "unknown stage 'boilerplat' (did you mean 'boilerplate'?)"
    >>> unknown_name_message("rule", "zzz", ["a", "b"])
    "unknown rule 'zzz' (known: a, b)"
    """
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"unknown {kind} {name!r} (did you mean {close[0]!r}?)"
    shown = ", ".join(sorted(known)[:12]) + (", …" if len(known) > 12 else "")
    return f"unknown {kind} {name!r} (known: {shown})"
