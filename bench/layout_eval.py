"""Layout benchmark: break clean reports the way exports and scrapers do, clean them, score.

Originals are clean one-paragraph-per-line reports (``tests/golden/layout/originals``: seeds 001,
003 and 004, nearly canonical already, and seed 000's body after its 52 reviewed joins). Each is
corrupted by one family, several times with different random settings:

- ``hardwrap``: cut at a fixed width (20–40 characters, or 40–80 display columns), keeping Latin
  words and numbers whole and following the Chinese line-breaking rules (no line starts with a
  closing mark, none ends with an opening one); every K lines a page footer (``— N —``, ``- N -``,
  ``第N页 共M页``, a bare number) and a running header (the report's title); variants with an
  indent on the first line of each paragraph, in ASCII spaces or in U+3000 (the hygiene stage
  keeps both, in one canonical form, for layout to read as paragraph starts);
- ``pagebreak``: like seed 000, one paragraph per line but paragraphs cut where a page of
  500–1200 characters ends, sometimes with a bare page number or ``— N —`` between the halves;
- ``collapsed``: like seed 002, the whole report on one line, paragraphs separated by a space;
  ``collapsed-nothing``: the same with nothing between paragraphs (only a sentence end right
  before a top-level heading marker can be split there);
- ``spaced``: spaced-out title (``政 府 工 作 报 告``, ``政 　 府 …``) and names (``魏 翔``), an
  overprinted title, stray spaces inside sentences (``加 快发展``), a paragraph pasted twice.

The cleaner (the default stages plus ``layout``) runs on each; the score compares its output with
the original as that cleaner writes it (normalization changes the punctuation of the originals,
layout nothing): paragraphs reproduced exactly, sentences present, false joins (a paragraph
boundary of the original missing from the output) and false splits (a line break that the
original does not have). Sentences are compared spaces aside, paragraphs exactly. Seed 000 is
measured on its own: broken sentences before and after, headings glued.

Run ``python bench/layout_eval.py`` (all), or ``synthetic``, ``seed000``, ``speed``.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.errors import RuleFileError
from cleaner.pipeline import Cleaner, StageContext
from cleaner.registry import Registry, Stage
from cleaner.rule_files import default_rules_dir, parse_rule_file, rule_files
from cleaner.ruleset import RuleSet
from cleaner.stages import default_registry, layout

ROOT = Path(__file__).resolve().parent.parent
ORIGINALS = ROOT / "tests" / "golden" / "layout" / "originals"
SEEDS = ROOT.parent / "shared" / "seeds"

CLOSING = set("，。、；：？！”’）》」』,.;:?!)")
OPENING = set("“‘（《「『(")
SENTENCE_RE = re.compile(r"[^。！？；!?;]+(?:[。！？；!?;]+[”’\"）)]*|$)")
TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%/\-+:]*|\s|.")


def registry_with_layout() -> Registry:
    """The default stages plus layout, unless the registry already has it."""
    registry = default_registry()
    if "layout" not in registry:
        registry.register(Stage("layout", layout.run, 50, "Rejoin broken lines, split collapsed text"))
    return registry


def cleaner_with_layout() -> Cleaner:
    """A cleaner running the default stages and layout with the default rules of those stages.
    Rule files written for a stage that is not registered yet are left out, not fatal."""
    registry = registry_with_layout()
    stages = [stage.name for stage in registry if stage.takes_rules]
    rules = []
    for path in rule_files([default_rules_dir()]):
        try:
            rules.extend(parse_rule_file(path, stages))
        except RuleFileError:
            continue
    active = frozenset(rule.id for rule in rules if rule.enabled)
    return Cleaner(registry=registry, rules=RuleSet(tuple(rules), active))


# ---------------------------------------------------------------- corruptions

def display_width(text: str) -> int:
    return sum(1 if ch.isascii() else 2 for ch in text)


def wrap_paragraph(paragraph: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """Cut ``paragraph`` into lines of at most ``width`` (measured by ``measure``) the way a
    typesetter does: Latin words and numbers stay whole, a space at a break is dropped, no
    line starts with a closing mark (it hangs on the line above) or ends with an opening one."""
    lines: list[str] = []
    current = ""
    for token in TOKEN_RE.findall(paragraph):
        if not current or measure(current + token) <= width or token in CLOSING:
            current += token
        elif token.isspace():
            lines.append(current.rstrip())
            current = ""
        elif current[-1] in OPENING and len(current) > 1:
            lines.append(current[:-1])
            current = current[-1] + token
        else:
            lines.append(current.rstrip())
            current = token
    if current:
        lines.append(current.rstrip())
    return lines


def footer(style: str, page: int, pages: int) -> str:
    return {"dash": f"— {page} —", "hyphen": f"- {page} -", "of": f"第{page}页 共{pages}页",
            "bare": str(page), "fraction": f"{page}/{pages}"}[style]


def physical_lines(paragraph: str, width: int, measure: Callable[[str], int], indent: str = "") -> list[str]:
    """The lines a paragraph takes on the page, its first line shortened by ``indent``."""
    if not indent:
        return wrap_paragraph(paragraph, width, measure)
    first = wrap_paragraph(paragraph, width - measure(indent), measure)[0]
    rest = paragraph[len(first):].lstrip(" ")
    return [indent + first, *(wrap_paragraph(rest, width, measure) if rest else [])]


def hardwrap(text: str, rng: random.Random, indent: str = "") -> tuple[str, str]:
    display = rng.random() < 0.3
    width = rng.randint(40, 80) if display else rng.randint(20, 40)
    measure = display_width if display else len
    page_lines = rng.randint(25, 45)
    style = rng.choice(["dash", "hyphen", "of", "bare", "fraction"])
    paragraphs = text.splitlines()
    header = paragraphs[0]
    lines = [line for paragraph in paragraphs for line in physical_lines(paragraph, width, measure, indent)]
    pages = (len(lines) + page_lines - 1) // page_lines
    out: list[str] = []
    for page in range(pages):
        if page:
            out.extend([header, ""] if rng.random() < 0.5 else [header])
        out.extend(lines[page * page_lines:(page + 1) * page_lines])
        page_footer = footer(style, page + 1, pages)
        out.extend(["", page_footer] if rng.random() < 0.5 else [page_footer])
    label = f"width {width} {'columns' if display else 'chars'}, {page_lines} lines/page, footer {style}"
    return "\n".join(out) + "\n", label


def pagebreak(text: str, rng: random.Random) -> tuple[str, str]:
    """Seed 000's shape: one paragraph per line, except where a page ends inside a paragraph.
    Pages hold 20–40 physical lines of 28–40 characters (first lines indented by two), so a
    page ends where a physical line ends, never inside a one-line heading."""
    width = rng.randint(28, 40)
    page_lines = rng.randint(20, 40)
    style = rng.choice(["none", "none", "bare", "dash"])
    out: list[str] = []
    count = 0
    page = 1
    for paragraph in text.splitlines():
        piece: list[str] = []
        lines = physical_lines(paragraph, width, len, "\u3000\u3000")
        for number, line in enumerate(lines):
            piece.append(line.lstrip("\u3000"))
            count += 1
            if count % page_lines == 0:
                if number < len(lines) - 1:
                    out.append(_rejoin(piece))
                    piece = []
                if style != "none":
                    out.append(footer("bare" if style == "bare" else "dash", page, 99))
                page += 1
        if piece:
            out.append(_rejoin(piece))
    return "\n".join(out) + "\n", f"{page_lines} lines of {width} chars a page, furniture {style}"


def _rejoin(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        text += layout.joiner(text, line) + line
    return text


def collapsed(text: str, rng: random.Random) -> tuple[str, str]:
    return " ".join(text.splitlines()) + "\n", "one line, paragraphs separated by a space"


def collapsed_nothing(text: str, rng: random.Random) -> tuple[str, str]:
    return "".join(text.splitlines()) + "\n", "one line, paragraphs joined with nothing between them"


def spaced(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.splitlines()
    notes = []
    for index, line in enumerate(lines[:8]):
        if re.fullmatch("[\u4e00-\u9fff]{4,10}", line) and "报告" in line:
            gap = rng.choice([" ", " \u3000 "])
            lines[index] = gap.join(line)
            if rng.random() < 0.5:
                lines[index] = lines[index] * 2 if gap == " \u3000 " else line * 2
            notes.append("title")
        elif re.fullmatch("[\u4e00-\u9fff]{2,3}", line) or re.fullmatch(".*长 [\u4e00-\u9fff]{2}", line):
            head, _, name = line.rpartition(" ")
            lines[index] = (head + " " if head else "") + " ".join(name)
            notes.append("name")
    long_ones = [i for i, line in enumerate(lines) if len(line) > 100]
    for index in rng.sample(long_ones, min(6, len(long_ones))):
        line = lines[index]
        spots = [m.start() for m in re.finditer("(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", line)]
        spot = rng.choice(spots[len(spots) // 4:]) if spots else 0
        if spot:
            lines[index] = line[:spot] + " " + line[spot:]
    notes.append("stray spaces")
    if long_ones:
        twice = rng.choice(long_ones)
        lines.insert(twice + 1, text.splitlines()[twice])
        notes.append("pasted twice")
    return "\n".join(lines) + "\n", ", ".join(notes)


FAMILIES: dict[str, Callable[[str, random.Random], tuple[str, str]]] = {
    "hardwrap": hardwrap,
    "hardwrap-indent-ascii": lambda text, rng: hardwrap(text, rng, "    "),
    "hardwrap-indent-u3000": lambda text, rng: hardwrap(text, rng, "\u3000\u3000"),
    "pagebreak": pagebreak,
    "collapsed": collapsed,
    "collapsed-nothing": collapsed_nothing,
    "spaced": spaced,
}


# ---------------------------------------------------------------- scoring

@dataclass
class Score:
    paragraphs: int = 0
    exact: int = 0
    sentences: int = 0
    present: int = 0
    false_joins: int = 0
    false_splits: int = 0
    content_diff: int = 0

    @property
    def lost(self) -> int:
        """Sentences of the original missing from the output (cut by a false split, or deleted)."""
        return self.sentences - self.present

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score(original: str, output: str) -> tuple[Score, list[str]]:
    """Compare paragraphs, sentences and paragraph boundaries; also return the misses."""
    gold = [line.strip() for line in original.splitlines() if line.strip()]
    got = [line.strip() for line in output.splitlines() if line.strip()]
    result = Score(paragraphs=len(gold))
    available = Counter(got)
    misses = []
    for paragraph in gold:
        if available[paragraph]:
            available[paragraph] -= 1
            result.exact += 1
        else:
            misses.append(paragraph)
    joined = _no_spaces("\n".join(got))
    for paragraph in gold:
        for sentence in SENTENCE_RE.findall(paragraph):
            if sentence.strip():
                result.sentences += 1
                result.present += _no_spaces(sentence) in joined
    flat_gold, flat_got = "".join(gold), "".join(got)
    gold_breaks = _breaks(gold)
    got_breaks = _breaks(got)
    if flat_gold != flat_got:
        mapped, matched = _map_positions(flat_gold, flat_got, gold_breaks)
        result.content_diff = len(flat_gold) + len(flat_got) - 2 * matched
        gold_breaks = mapped
    result.false_joins = len(gold_breaks - got_breaks)
    result.false_splits = len(got_breaks - gold_breaks)
    return result, misses


def _no_spaces(text: str) -> str:
    """Spaces aside: a wrap drops the space it breaks at (``305 家``), and which spaces belong
    between a number and a Chinese unit is the normalization stage's business."""
    return text.replace(" ", "").replace("\u3000", "")


def _breaks(paragraphs: list[str]) -> set[int]:
    positions, total = set(), 0
    for paragraph in paragraphs[:-1]:
        total += len(paragraph)
        positions.add(total)
    return positions


def _map_positions(source: str, target: str, positions: set[int]) -> tuple[set[int], int]:
    """Map positions of ``source`` to ``target`` through the matching blocks of a diff; a
    position in a changed region is dropped."""
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    blocks = matcher.get_matching_blocks()
    mapped = set()
    for position in positions:
        for a, b, size in blocks:
            if a <= position <= a + size and size:
                mapped.add(b + position - a)
                break
    return mapped, sum(size for _, _, size in blocks)


# ---------------------------------------------------------------- runs

def synthetic(variants: int, seed: int, verbose: bool, families: list[str] | None = None) -> bool:
    """Score every family (or ``families``); True when the targets are met: at least 99 % of
    the paragraphs exact and no sentence lost."""
    cleaner = cleaner_with_layout()
    originals = sorted(ORIGINALS.glob("*.txt"))
    total = Score()
    print(f"{'family':24} {'paras':>6} {'exact':>7} {'sent.':>6} {'present':>8} {'lost':>5} {'f.joins':>8} "
          f"{'f.splits':>8} {'diff':>5}")
    for family, corrupt in FAMILIES.items():
        if families and family not in families:
            continue
        family_score = Score()
        for path in originals:
            original = path.read_text(encoding="utf-8")
            gold = cleaner.clean_text(original, explain=False).text  # normalization on
            for variant in range(variants):
                rng = random.Random(f"{seed}-{family}-{path.stem}-{variant}")
                broken, label = corrupt(original, rng)
                result, misses = score(gold, cleaner.clean_text(broken, explain=False).text)
                family_score.add(result)
                if verbose and (misses or result.false_splits):
                    print(f"  {family} {path.stem} #{variant} ({label}): {len(misses)} missed, "
                          f"{result.false_joins} joins, {result.false_splits} splits")
                    for miss in misses[:3]:
                        print(f"    - {miss[:70]}")
        total.add(family_score)
        _print_row(family, family_score)
    _print_row("all", total)
    exact_share = total.exact / total.paragraphs
    return exact_share >= 0.99 and total.present == total.sentences


def _print_row(name: str, s: Score) -> None:
    print(f"{name:24} {s.paragraphs:6d} {s.exact / s.paragraphs:7.2%} {s.sentences:6d} "
          f"{s.present / s.sentences:8.2%} {s.lost:5d} {s.false_joins:8d} {s.false_splits:8d} "
          f"{s.content_diff:5d}")


def before_layout(text: str) -> str:
    """The text as the layout stage receives it: the stages above it in the default order."""
    cleaner = cleaner_with_layout()
    log = ChangeLog()
    for stage in cleaner.registry:
        if stage.priority <= 50:
            break
        text = stage.run(text, cleaner.context, log)
    return text


def broken_sentences(text: str) -> list[tuple[str, str]]:
    """Pairs of neighbouring lines (blank lines skipped) where a sentence is cut: the first line
    does not end with 。！？；：!?;:… (closing quotes and brackets skipped), is prose (it has a
    comma or a sentence end inside and is not a short numbered heading; same test as
    ``layout.looks_like_heading``), and the next line starts with neither a numbered heading
    marker nor a salutation (各位代表…：)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    pairs = []
    for first, second in itertools.pairwise(lines):
        if layout.ends_sentence(first) or layout.looks_like_heading(first):
            continue
        if layout.heading_marker(second) == "strong" or layout.title_block_kind(second) == "salutation":
            continue
        if not re.search("[，,。；;！!？?、]", first):
            continue
        pairs.append((first, second))
    return pairs


def seed000(show: bool) -> bool:
    paths = sorted(SEEDS.glob("000_*.txt"))
    if not paths:
        print(f"seed 000 not found in {SEEDS}")
        return False
    raw = paths[0].read_text(encoding="utf-8")
    before = before_layout(raw)
    cleaner = cleaner_with_layout()
    result = cleaner.clean_text(raw)
    after = result.text
    broken_before, broken_after = broken_sentences(before), broken_sentences(after)
    short_lines = [line.strip() for line in before.splitlines()
                   if line.strip() and layout.looks_like_heading(line)]
    out_lines = set(after.splitlines())
    glued = [line for line in short_lines  # each heading as the pipeline writes it alone
             if cleaner.clean_text(line, explain=False).text.strip() not in out_lines]
    joins = [c for c in result.changes if c.rule == "layout.join"]
    print(f"seed 000: broken sentences before {len(broken_before)}, after {len(broken_after)}; "
          f"joins made {len(joins)}; heading/title lines {len(short_lines)}, glued {len(glued)}")
    for first, second in (broken_before if show else []):
        print(f"  {first[-12:]!r} / {second[:12]!r}")
    for line in glued:
        print(f"  glued: {line!r}")
    for first, second in broken_after:
        print(f"  still broken: {first[-12:]!r} / {second[:12]!r}")
    return not broken_after and not glued


def speed(megabytes: float, repeats: int) -> None:
    """CPU time of ``layout.run`` alone (``time.process_time``, best of ``repeats``), on about
    ``megabytes`` of text per measurement, each document cleaned on its own as the pipeline
    does; then one document of that size (the seeds repeated) to show that nothing is quadratic."""
    seeds = [before_layout(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    originals = [p.read_text(encoding="utf-8") for p in sorted(ORIGINALS.glob("*.txt"))]
    pools = {"seeds (as layout receives them)": seeds, "clean originals": originals}
    for family in ("hardwrap-indent-ascii", "hardwrap", "pagebreak", "collapsed", "spaced"):
        rng = random.Random(f"speed-{family}")
        pools[f"{family} corruptions"] = [before_layout(FAMILIES[family](text, rng)[0]) for text in originals]
    context = StageContext(CleanConfig(), RuleSet())
    print(f"{'layout.run on':40} {'MB':>5} {'MB/s, no log':>13} {'MB/s, with log':>15}")
    for label, pool in pools.items():
        size = sum(len(t.encode("utf-8")) for t in pool)
        rounds = max(1, round(megabytes * 1e6 / size))
        rates = []
        for recording in (False, True):
            best = float("inf")
            for _ in range(repeats):
                start = time.process_time()
                for _ in range(rounds):
                    for text in pool:
                        layout.run(text, context, ChangeLog() if recording else None)
                best = min(best, time.process_time() - start)
            rates.append(rounds * size / 1e6 / best)
        print(f"{label:40} {rounds * size / 1e6:5.1f} {rates[0]:13.1f} {rates[1]:15.1f}")
    one = "\n".join(seeds) * max(1, round(megabytes * 1e6 / sum(len(t.encode()) for t in seeds)))
    start = time.process_time()
    layout.run(one, context, None)
    elapsed = time.process_time() - start
    print(f"{'one document of the seeds repeated':40} {len(one.encode()) / 1e6:5.1f} "
          f"{len(one.encode()) / 1e6 / elapsed:13.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all", choices=["all", "synthetic", "seed000", "speed"])
    parser.add_argument("--variants", type=int, default=5, help="corrupted copies per original and family")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--family", action="append", choices=list(FAMILIES),
                        help="score only this family (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    ok = True
    if args.what in ("all", "synthetic"):
        ok &= synthetic(args.variants, args.seed, args.verbose, args.family)
    if args.what in ("all", "seed000"):
        ok &= seed000(args.verbose)
    if args.what in ("all", "speed"):
        speed(args.megabytes, args.repeats)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
