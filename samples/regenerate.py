"""Rewrite samples/expected/ from the current pipeline and print a unified diff of what changed.

Run it after changing a stage or a rule that alters the output on the samples::

    python samples/regenerate.py           # rewrite the goldens, show the diff
    python samples/regenerate.py --check   # only show the diff; exit 1 if anything would change

The diff is the point: read every hunk against samples/raw before keeping it. A golden that
was regenerated without being read proves nothing (see samples/README.md).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from cleaner import clean_bytes

SAMPLES = Path(__file__).resolve().parent
RAW = SAMPLES / "raw"
EXPECTED = SAMPLES / "expected"


def expected_name(raw: Path) -> Path:
    """The golden file for a raw sample: same relative name, always ``.txt``.

    >>> expected_name(RAW / "sub" / "report.html").relative_to(EXPECTED).as_posix()
    'sub/report.txt'
    """
    return (EXPECTED / raw.relative_to(RAW)).with_suffix(".txt")


def raw_samples() -> list[Path]:
    return sorted(p for p in RAW.rglob("*") if p.is_file())


def render_diff(name: str, old: str, new: str) -> str:
    """A unified diff between two versions of a golden, line by line ('' when equal).

    >>> print(render_diff("a.txt", "一\\n二\\n", "一\\n三\\n"), end="")
    --- expected/a.txt (before)
    +++ expected/a.txt (after)
    @@ -1,2 +1,2 @@
     一
    -二
    +三
    """
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"expected/{name} (before)", f"expected/{name} (after)")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true",
                        help="don't write anything; exit 1 if a golden would change")
    args = parser.parse_args(argv)
    changed = 0
    wanted = set()
    for raw in raw_samples():
        target = expected_name(raw)
        wanted.add(target)
        new = clean_bytes(raw.read_bytes()).text
        old = target.read_bytes().decode("utf-8") if target.exists() else ""
        if new == old:
            continue
        changed += 1
        name = target.relative_to(EXPECTED).as_posix()
        sys.stdout.write(render_diff(name, old, new) or f"(new golden: expected/{name})\n")
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(new.encode("utf-8"))
    stale = sorted(p for p in EXPECTED.rglob("*") if p.is_file() and p not in wanted)
    for path in stale:
        print(f"stale golden with no raw sample (delete it by hand): {path.relative_to(SAMPLES)}")
    verb = "would change" if args.check else "rewritten"
    print(f"{changed} golden(s) {verb}; {len(wanted) - changed} unchanged; {len(stale)} stale",
          file=sys.stderr)
    return 1 if args.check and (changed or stale) else 0


if __name__ == "__main__":
    sys.exit(main())
