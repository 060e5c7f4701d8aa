"""Splitting benchmark: concatenate the gold bodies in random order, split, score the boundaries.

The gold bodies (``bench/gold/*.txt``: the 9 reports of seed 000 and seeds 001–004, one report
each) are joined in a random order and a random number (2–13), so the true boundaries are known.
Variants:

- ``plain``: the bodies one after the other;
- ``toc``: a compilation title and a table of contents first (they must become the preamble);
- ``bare``: each report's title block cut to its first line (no meeting line, speaker or
  各位代表): boundaries then rest on the title, the first section and the closing call;
- ``headers``: single reports (not concatenated) with their own title repeated every 8–15 lines
  as a running header, and a sentence quoting the title: any boundary found is a false split.

A boundary is the first line of a report other than line 1 (and, with a TOC, the first report's
line). Scores: boundary precision and recall over all trials, and the share of texts cut exactly.

Run ``python -m bench.documents_eval`` (``--trials N``, ``--seed S``, ``--details K`` to list misses).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

from cleaner.split import line_kind, split_reports

GOLD = Path(__file__).resolve().parent / "gold"


@dataclass
class Tally:
    """Boundary counts over the trials of one variant."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    texts: int = 0
    exact: int = 0

    def add(self, expected: set[int], found: set[int]) -> None:
        self.true_positive += len(expected & found)
        self.false_positive += len(found - expected)
        self.false_negative += len(expected - found)
        self.texts += 1
        self.exact += expected == found

    def row(self, name: str) -> str:
        found = self.true_positive + self.false_positive
        expected = self.true_positive + self.false_negative
        precision = self.true_positive / found if found else 1.0
        recall = self.true_positive / expected if expected else 1.0
        return (f"{name:10} {self.texts:6d} {expected:9d} {precision:10.4f} {recall:8.4f} "
                f"{self.false_positive:6d} {self.false_negative:6d} {self.exact / self.texts:8.2%}")


def load_gold() -> dict[str, list[str]]:
    """The gold bodies, as lists of lines (each ending with a newline)."""
    return {path.stem: path.read_text(encoding="utf-8").splitlines(keepends=True)
            for path in sorted(GOLD.glob("*.txt"))}


def bare(lines: list[str]) -> list[str]:
    """A report with its title block cut to the title: no meeting line, speaker or 各位代表."""
    head = next((i for i, line in enumerate(lines[:8]) if line.startswith("各位代表")), None)
    if head is None:
        return lines
    titles = [line for line in lines[:head] if line_kind(line) in ("title", "label")]
    return titles + lines[head + 1:]


def toc(names: list[str], bodies: dict[str, list[str]]) -> list[str]:
    """A compilation title and a table of contents naming the reports."""
    entries = [f"{n}.{bodies[name][0].strip()} {n * 7 - 6}\n" for n, name in enumerate(names, 1)]
    return [f"2022年乡镇政府工作报告-{len(names)}篇\n", "目 录\n", *entries]


def concatenation(bodies: dict[str, list[str]], names: list[str], variant: str) -> tuple[str, set[int]]:
    """The text of the reports ``names`` joined in order, and the 1-based line of each start."""
    lines = toc(names, bodies) if variant == "toc" else []
    starts = set()
    for name in names:
        if lines:
            starts.add(len(lines) + 1)
        lines.extend(bare(bodies[name]) if variant == "bare" else bodies[name])
    return "".join(lines), starts


def with_running_headers(lines: list[str], rng: random.Random) -> str:
    """One report with its title repeated every 8–15 lines and quoted once in a sentence."""
    title = lines[0].strip()
    out = [lines[0]]
    gap = rng.randint(8, 15)
    for number, line in enumerate(lines[1:], 1):
        if number % gap == 0:
            out.append(title + "\n")
        out.append(line)
    out.insert(len(out) // 2, f"会议审议通过了《{title}》，要求各村认真抓好落实。\n")
    return "".join(out)


def found_starts(text: str) -> set[int]:
    """The start lines the splitter reports, except a first report at line 1."""
    return {s.start_line for s in split_reports(text) if s.kind == "report" and s.start_line > 1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=300, help="texts per variant (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--details", type=int, default=0, help="list up to K misses per variant")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    bodies = load_gold()
    print(f"{'variant':10} {'texts':>6} {'boundary':>9} {'precision':>10} {'recall':>8} "
          f"{'f.pos':>6} {'f.neg':>6} {'exact':>8}")
    for variant in ("plain", "toc", "bare"):
        tally, shown = Tally(), 0
        for _ in range(args.trials):
            names = rng.sample(sorted(bodies), rng.randint(2, len(bodies)))
            text, expected = concatenation(bodies, names, variant)
            found = found_starts(text)
            tally.add(expected, found)
            if found != expected and shown < args.details:
                shown += 1
                print(f"  {variant} {names}: missed {sorted(expected - found)}, "
                      f"extra {sorted(found - expected)}")
        print(tally.row(variant))
    tally = Tally()
    for _ in range(args.trials):
        name = rng.choice(sorted(bodies))
        found = found_starts(with_running_headers(bodies[name], rng))
        tally.add(set(), found)
        if found and args.details:
            print(f"  headers {name}: false splits at {sorted(found)}")
    print(tally.row("headers"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
