"""A test stand-in for ``cleaner.split`` (the real one is written on another branch).

Used by tests/test_batch.py and tests/test_cli.py only when ``cleaner.split`` is missing. It
follows the agreed API: ``split_reports(text)`` returns segments whose texts concatenate to
``text``; one report gives one segment. A report starts at a short line ending in 政府工作报告;
lines before the first report (a compilation title, a table of contents) are the preamble.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

_TITLE = re.compile(r"^[^\d\s]{0,12}政府工作报告$")


@dataclass(frozen=True)
class Segment:
    kind: str
    start_line: int
    end_line: int
    text: str
    title: str | None
    reason: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def split_reports(text: str) -> list[Segment]:
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _TITLE.match(line.strip())]
    if len(starts) < 2:
        return [Segment("report", 1, len(lines), text, None, "one report")]
    segments = []
    if starts[0] > 0:
        segments.append(Segment("preamble", 1, starts[0], "".join(lines[:starts[0]]),
                                lines[0].strip() or None, "before the first report"))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        segments.append(Segment("report", start + 1, end, "".join(lines[start:end]),
                                lines[start].strip(), "title line"))
    return segments
