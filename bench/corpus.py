"""The benchmark's inputs: the gold bodies, corrupted samples of them, and the raw seeds.

bench/throughput.py builds its large corpus from these in bench/.work/ (git-ignored).
"""

from __future__ import annotations

import difflib
import random
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.corrupt import FAMILIES, Corruption, Injected, noise

BENCH_DIR = Path(__file__).resolve().parent
GOLD_DIR = BENCH_DIR / "gold"
WORK_DIR = BENCH_DIR / ".work"
SEEDS_DIR = BENCH_DIR.parent.parent / "shared" / "seeds"


@cache
def load_gold() -> dict[str, str]:
    """Gold bodies by name (``000-01`` … ``004``), in name order."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(GOLD_DIR.glob("*.txt"))}


@dataclass(frozen=True)
class Sample:
    """One benchmark case: the input, the gold the output should equal, what was injected."""

    family: str
    seed: int
    gold_name: str
    gold: str
    data: str | bytes
    injected: tuple[Injected, ...]

    @property
    def size(self) -> int:
        return len(self.data) if isinstance(self.data, bytes) else len(self.data.encode("utf-8"))


def make_sample(family: str, seed: int) -> Sample:
    """The sample of ``family`` for ``seed``: deterministic (the RNG is seeded by both)."""
    rng = random.Random(f"{family}:{seed}")
    gold = load_gold()
    name = rng.choice(sorted(gold))
    corruption: Corruption = FAMILIES[family].corrupt(gold[name], rng)
    return Sample(family, seed, name, corruption.gold or gold[name], corruption.data,
                  tuple(mark_seen(item) for item in corruption.injected))


@cache
def _removed_by_rule_examples() -> frozenset[str]:
    """What the default rule files' examples remove, whitespace removed: every input line that is
    gone from the output, and every span the output lacks (``[!--empirenews.page--]`` in
    ``基本生活出[!--empirenews.page--]``)."""
    try:
        from cleaner.rule_files import default_rules_dir

        files = sorted(Path(default_rules_dir()).glob("*.toml"))
    except Exception:  # the benchmark still runs; noise is then only marked by corrupt.py
        return frozenset()
    removed: set[str] = set()
    for path in files:
        try:
            rules = tomllib.loads(path.read_text(encoding="utf-8")).get("rule", [])
        except (OSError, tomllib.TOMLDecodeError):
            continue
        for rule in rules:
            for example in rule.get("examples", []):
                source, result = example.get("input", ""), example.get("output", "")
                kept = {_squeeze(line) for line in result.split("\n")}
                removed |= {_squeeze(line) for line in source.split("\n")} - kept
                a, b = _squeeze(source), _squeeze(result)
                matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
                removed |= {a[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes()
                            if tag in ("delete", "replace")}
    return frozenset(removed - {""})


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def mark_seen(item: Injected) -> Injected:
    """Mark a noise string seen when an example of the rule files removes exactly it (a whole
    line, or a span), so the rules were written from it. ``corrupt.py`` marks the seeds' own
    forms; everything else stays unseen."""
    if item.noise and not item.seen and _squeeze(item.text) in _removed_by_rule_examples():
        return Injected(item.text, seen=True, noise=True)
    return item


def build_samples(families: Iterable[str], seeds: Iterable[int]) -> Iterator[Sample]:
    seeds = list(seeds)
    for family in families:
        for seed in seeds:
            yield make_sample(family, seed)


# The raw seeds, with the noise strings known to be in them (the gold README says what was done).
_SEED_NOISE = {
    "000": ["2022年乡镇政府工作报告-11篇", "目 录",
            *(f"{k}.{town}政府工作报告 {page}" for k, town, page in (
                (1, "罗针镇", 1), (2, "高坪镇", 10), (3, "荣山镇", 16), (4, "云山镇", 22), (5, "温泉镇", 28),
                (6, "茅排乡", 35), (7, "龙溪镇", 41), (8, "孝桥镇", 50), (9, "司马浦镇", 56),
                (10, "顾集镇", 64), (11, "寒亭镇", 73))),
            "扫描上面二维码加QQ好友,获得更多文稿实用素材", "[!--empirenews.page--]"],
    "001": ["来源: 正余镇人民政府 发布时间:2023-03-22 09:51 累计次数: 字体:[ ]"],
    "002": ["索 引 号 | 1133102400268125XW/2024-104525 | 公开方式 | 主动公开 |",
            "成文日期 | 2024-01-10 | 发布机构 | 下各镇 |", "组配分类 | 计划总结 | ||", "||||",
            "信息来源: 下各镇 |", "下各镇2023年工作总结和2024"],
    "003": [],
    "004": ["朗读"],
}


def real_seed_samples() -> list[Sample]:
    """The five raw seeds against their hand-made gold (seed 000 against its nine bodies)."""
    gold = load_gold()
    samples = []
    for number, noise_strings in _SEED_NOISE.items():
        paths = sorted(SEEDS_DIR.glob(f"{number}_*.txt"))
        if not paths:
            continue
        body = "".join(text for name, text in gold.items() if name.split("-")[0] == number)
        samples.append(Sample("real-seeds", int(number), number, body, paths[0].read_bytes(),
                              tuple(noise(s, True) for s in noise_strings)))
    return samples


def decode_for_peers(data: str | bytes) -> str:
    """Bytes as the peers get them: decoded by cleaner's decoder, since every peer takes ``str``
    (ftfy's documentation says to decode with the right codec first); bytes the decoder refuses
    are read as UTF-8 with replacement characters."""
    if isinstance(data, str):
        return data
    from cleaner.decode import decode_bytes
    from cleaner.errors import CleanerError

    try:
        return decode_bytes(data)[0]
    except CleanerError:  # the decoder refused it: give the peers what a naive reader gets
        return data.decode("utf-8", errors="replace")
