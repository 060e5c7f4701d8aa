"""A test stand-in for ``cleaner.metadata`` (the real one is written on another branch).

Used by tests/test_batch.py and tests/test_cli.py only when ``cleaner.metadata`` is missing;
it follows the agreed API and finds only a title line and a township name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))")


@dataclass(frozen=True)
class ReportMeta:
    title: str | None = None
    doc_type: str | None = None
    place: str | None = None
    level: str | None = None
    years: tuple[int, ...] = ()
    meeting_date: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    disclosure: object = None
    collection: str | None = None

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["years"] = list(self.years)
        return d


def extract_metadata(text: str, *, lifted: Mapping[str, object] | None = None,
                     collection: str | None = None) -> ReportMeta:
    first = next((line.strip() for line in text.split("\n") if line.strip()), None)
    place = _PLACE.search(text[:300])
    return ReportMeta(title=first, place=place.group(1) if place else None,
                      level="township" if place else None,
                      disclosure=(lifted or {}).get("disclosure"), collection=collection)
