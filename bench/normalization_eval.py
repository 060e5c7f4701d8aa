"""Normalization benchmark: punctuation restored exactly, changes inside protected material, MB/s.

Canonical originals are ``bench/gold/*.txt`` (the seed bodies corrected by hand, GB/T 15834
punctuation) and a few paragraphs written here by hand that hold protected material: URLs,
e-mail addresses, times, dates, decimals, IDs and English phrases. Each original is corrupted
in known ways, outside the protected material, then run through the normalization stage alone
(``cleaner.stages.normalization.normalize`` with the shipped rules):

- ``flattened``: ``，：；？！（）`` to ASCII (sometimes with a space after), curly quotes
  straightened, ``……`` to ``...``/``......``/``。。。``, ``——`` to ``--``;
- ``half-flattened``: the same for a random half of the marks, each on its own (mixed pairs
  such as ``“十四五"``, half-converted brackets);
- ``digits-units``: full-width digits, letters and ``％``, a space between a number and its unit,
  unit names as symbols (``平方米`` → ``㎡``/``m²``/``m2``, ``千瓦时`` → ``kWh``, ``℃`` → ``°C``);
- ``corner``: curly quotes as corner brackets ``「」『』``;
- ``traditional``: the flattened text in Traditional script (OpenCC s2t);
- ``all``: everything at once.

Reported per corruption: the share of the original's punctuation marks that come out exactly
right (all marks, and the corrupted ones alone), the share of lines restored exactly, and the
number of protected items changed (an item is an occurrence of a URL, time, decimal, …: each
occurrence missing from the output counts). Then the stage's throughput on ~10 MB of raw seeds
and of canonical text.

    python -m bench.normalization_eval            # the tables
    python -m bench.normalization_eval --json     # the same figures as JSON
    python -m bench.normalization_eval --mb 2     # a smaller throughput corpus
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import opencc

from cleaner.change import ChangeLog
from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.ruleset import Span, merge_spans, overlaps
from cleaner.stages.normalization import NormalizationOptions, normalize

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold"
SEEDS = ROOT.parent / "shared" / "seeds"
RULE_FILES = ("punctuation.toml", "units.toml", "script.toml", "protected.toml",
              "protected-terms.toml")
MARKS = set("，：；？！（）“”‘’…—")

# Canonical paragraphs written by hand, in the style of the reports, around protected material.
HAND_WRITTEN = """\
根据《关于做好2024年政务公开工作的通知》（国办发〔2024〕12号），详见中国政府网https://www.gov.cn/zhengce/content/2024-04/12/content_6944843.htm?id=5&from=home，咨询邮箱zwgk@zb.gov.cn，也可访问www.zb.gov.cn查阅。
会议于2023年3月22日09:51开始，14:30结束；比例尺1:500的地形图已完成测绘，发布日期为2023-03-22。
全年完成地区生产总值93.8亿元，增长5.4%；人均可支配收入45,000元，比上年增加3,250元，增长0.5个百分点。
索引号1133102400268125XW/2024-104525，按GB/T 9704-2012执行；型号ABC-123（改进型）投入使用。
招商推介会上，外商代表说：“We are glad to invest here, thank you!”全场响起热烈掌声。
引进“Smart Park”项目，推广“5G+智慧农业”模式，示例程序输出“Hello, world”。
全年空气质量优良率93.9%，PM2.5平均浓度下降8.1%，货币供应量M2增长8.1%。
新建道路12.5公里，改造老旧小区12个，面积3.1万平方米，辖区面积52.3平方公里，年发电量1200万千瓦时，平均气温25℃。
他说：“要落实‘三个一’工作法，做到‘小事不出村’。”
今年1—8月，每亩补贴25～30元……坚持一个目标——全面建成小康社会。
"""

# Protected material in the canonical text; each occurrence must survive normalization.
PROTECTED = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+;=%]+[A-Za-z0-9/#=&%]"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-.]+\.[A-Za-z]{2,}"
    r"|\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}\b|\d+:\d+"
    r"|\d+(?:,\d{3})+(?:\.\d+)?|\d+\.\d+"
    r"|[0-9A-Z]{10,}/\d{4}-\d+|GB/T \d+-\d{4}|[A-Z]{2,}-\d+"
    r"|[A-Za-z][A-Za-z0-9+]*(?:[ ,.!?'-]+[A-Za-z0-9+]+)+[.!?]?")


def protected_spans(text: str) -> list[Span]:
    return merge_spans(m.span() for m in PROTECTED.finditer(text))


# --- corruptions: (text, rng) -> text, never inside protected material -------------------------

def _outside(text: str, pattern: str, repl: Callable[[re.Match[str]], str]) -> str:
    spans = protected_spans(text)
    return re.sub(pattern, lambda m: m.group() if overlaps(spans, *m.span()) else repl(m), text)


ASCII_OF = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")",
            "“": '"', "”": '"', "‘": "'", "’": "'"}


def flatten(text: str, rng: random.Random, share: float = 1.0) -> str:
    """What web storage does to Chinese punctuation (to a ``share`` of the marks)."""
    def ascii_mark(match: re.Match[str]) -> str:
        if rng.random() >= share:
            return match.group()
        space = " " if match.group() == "，" and rng.random() < 0.1 else ""
        return ASCII_OF[match.group()] + space

    text = _outside(text, "[，：；？！（）“”‘’]", ascii_mark)
    text = _outside(text, "……", lambda m: rng.choice(["...", "......", "。。。"]))
    return _outside(text, "——", lambda m: "--")


def flatten_half(text: str, rng: random.Random) -> str:
    """Half the marks flattened, each on its own: mixed pairs such as “十四五"."""
    return flatten(text, rng, 0.5)


def widen_digits_and_units(text: str, rng: random.Random) -> str:
    """Full-width digits and letters, spaces before units, unit names as symbols."""
    text = _outside(text, r"[0-9A-Za-z]+", lambda m: "".join(
        chr(ord(c) + 0xFEE0) for c in m.group()) if rng.random() < 0.3 else m.group())
    text = _outside(text, "%", lambda m: "％" if rng.random() < 0.5 else "%")
    symbols = {"平方米": ["㎡", "m²", "m2"], "平方公里": ["km²", "km2"], "千瓦时": ["kWh", "kW·h"],
               "℃": ["°C"]}
    text = _outside(text, r"(?<=[0-9０-９万])(?:平方米|平方公里|千瓦时|℃)",
                    lambda m: rng.choice(symbols[m.group()]))
    return _outside(text, r"(?<=[0-9０-９])(?=[家万亿元个人亩年%％])",
                    lambda m: " " if rng.random() < 0.3 else "")


def corner_quotes(text: str, rng: random.Random) -> str:
    corner = {"“": "「", "”": "」", "‘": "『", "’": "』"}
    return _outside(text, "[“”‘’]", lambda m: corner[m.group()])


_S2T = opencc.OpenCC("s2t")


def traditional(text: str, rng: random.Random) -> str:
    return flatten(_S2T.convert(text), rng)


def everything(text: str, rng: random.Random) -> str:
    return widen_digits_and_units(traditional(text, rng), rng)


CORRUPTIONS: dict[str, Callable[[str, random.Random], str]] = {
    "flattened": flatten, "half-flattened": flatten_half, "digits-units": widen_digits_and_units,
    "corner": corner_quotes,
    "traditional": traditional, "all": everything,
}


# --- scoring ----------------------------------------------------------------------------------

@dataclass
class Score:
    marks: int = 0
    marks_right: int = 0
    corrupted: int = 0
    corrupted_right: int = 0
    lines: int = 0
    lines_right: int = 0
    protected: int = 0
    protected_changed: int = 0
    changed_items: list[str] = field(default_factory=list)
    wrong_lines: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("marks", "marks_right", "corrupted", "corrupted_right", "lines",
                     "lines_right", "protected", "protected_changed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.changed_items += other.changed_items
        self.wrong_lines += other.wrong_lines

    def as_dict(self) -> dict[str, float | int]:
        return {"marks": self.marks, "marks_restored": _share(self.marks_right, self.marks),
                "corrupted_marks": self.corrupted,
                "corrupted_restored": _share(self.corrupted_right, self.corrupted),
                "lines_exact": _share(self.lines_right, self.lines),
                "protected_items": self.protected, "protected_changed": self.protected_changed}


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _kept_positions(original: str, other: str) -> set[int]:
    """Positions of ``original`` that an alignment with ``other`` keeps unchanged."""
    matcher = difflib.SequenceMatcher(None, original, other, autojunk=False)
    return {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}


def score(original: str, corrupted: str, output: str) -> Score:
    result = Score()
    pairs = zip(original.split("\n"), corrupted.split("\n"), output.split("\n"), strict=True)
    for canon, bad, out in pairs:
        if not canon:
            continue
        result.lines += 1
        result.lines_right += canon == out
        if canon != out:
            result.wrong_lines.append((canon, bad, out))
        marks = [i for i, c in enumerate(canon) if c in MARKS]
        if not marks:
            continue
        untouched = _kept_positions(canon, bad)
        right = _kept_positions(canon, out) if canon != out else set(range(len(canon)))
        result.marks += len(marks)
        result.marks_right += sum(i in right for i in marks)
        corrupted = [i for i in marks if i not in untouched]
        result.corrupted += len(corrupted)
        result.corrupted_right += sum(i in right for i in corrupted)
    items = [m.group() for m in PROTECTED.finditer(original)]
    result.protected = len(items)
    for item in sorted(set(items)):
        missing = original.count(item) - output.count(item)
        if missing > 0:
            result.protected_changed += missing
            result.changed_items.append(item)
    return result


def originals() -> dict[str, str]:
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(GOLD.glob("*.txt"))}
    texts["hand-written"] = HAND_WRITTEN
    return texts


def evaluate(seed: int) -> dict[str, Score]:
    rules = load_rules([default_rules_dir() / name for name in RULE_FILES], ["normalization"])
    stage_rules = rules.for_stage("normalization")
    options = NormalizationOptions()
    results: dict[str, Score] = {}
    for name, corrupt in CORRUPTIONS.items():
        total = Score()
        for doc, original in originals().items():
            rng = random.Random(f"{seed}/{name}/{doc}")
            corrupted = corrupt(original, rng)
            output = normalize(corrupted, stage_rules, options, timeout=2.0, log=ChangeLog())
            total.add(score(original, corrupted, output))
        results[name] = total
    return results


# --- throughput -------------------------------------------------------------------------------

def throughput(megabytes: float) -> dict[str, dict[str, float]]:
    """MB/s of the stage alone on raw seeds and on canonical text, with and without explain."""
    rules = load_rules([default_rules_dir() / name for name in RULE_FILES],
                       ["normalization"]).for_stage("normalization")
    options = NormalizationOptions()
    corpora = {
        "raw seeds": [p.read_text(encoding="utf-8", errors="replace")
                      for p in sorted(SEEDS.glob("*.txt"))],
        "canonical (gold)": list(originals().values()),
        "traditional (gold, s2t)": [_S2T.convert(t) for t in originals().values()],
    }
    figures: dict[str, dict[str, float]] = {}
    for name, texts in corpora.items():
        docs: list[str] = []
        size = 0
        while size < megabytes * 1e6:
            for text in texts:
                docs.append(text)
                size += len(text.encode("utf-8"))
        figures[name] = {"MB": size / 1e6}
        for explain in (False, True):
            start = time.perf_counter()
            for doc in docs:
                normalize(doc, rules, options, timeout=2.0, log=ChangeLog() if explain else None)
            figures[name]["explain" if explain else "no explain"] = (
                size / (time.perf_counter() - start) / 1e6)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="corruption seed (default 1)")
    parser.add_argument("--mb", type=float, default=10.0, help="throughput corpus size in MB")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--details", type=int, default=0, metavar="N",
                        help="show the first N lines per corruption that did not come out exact")
    args = parser.parse_args(argv)
    results = evaluate(args.seed)
    speed = {} if args.no_throughput else throughput(args.mb)
    if args.json:
        print(json.dumps({"fidelity": {k: v.as_dict() for k, v in results.items()},
                          "throughput_mb_s": speed}, ensure_ascii=False, indent=2))
        return 0
    print(f"Normalization on {len(originals())} canonical documents, corruption seed {args.seed}\n")
    print("| corruption | marks | restored exactly | corrupted marks | restored | lines exact "
          "| protected items | changed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in results.items():
        d = result.as_dict()
        print(f"| {name} | {d['marks']} | {d['marks_restored']:.2%} | {d['corrupted_marks']} "
              f"| {d['corrupted_restored']:.2%} | {d['lines_exact']:.2%} | {d['protected_items']} "
              f"| {d['protected_changed']} |")
    for name, result in results.items():
        for canon, bad, out in result.wrong_lines[:args.details]:
            print(f"\n[{name}]\n  original  {canon}\n  corrupted {bad}\n  output    {out}")
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, canon, out).get_opcodes():
                if tag != "equal":
                    print(f"  {tag}: {canon[max(0, i1 - 8):i2 + 8]!r} → {out[max(0, j1 - 8):j2 + 8]!r}")
    changed = sorted({item for r in results.values() for item in r.changed_items})
    if changed:
        print("\nprotected items changed:", ", ".join(repr(i) for i in changed))
    if speed:
        print("\n| corpus | MB | MB/s (no explain) | MB/s (explain) |\n|---|---:|---:|---:|")
        for name, fig in speed.items():
            print(f"| {name} | {fig['MB']:.1f} | {fig['no explain']:.1f} | {fig['explain']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
