"""Near-duplicate detection at scale, and the data behind dedup's default threshold.

    python bench/dedup_scale.py calibrate            # similarity of seed pairs, reposts, edits
    python bench/dedup_scale.py run --docs 10000     # generate, run ours and datasketch, compare
    python bench/dedup_scale.py run --docs 100000 --peer-thresholds 0.5

``run`` writes a corpus of ``--docs`` reports to bench/.work/ (git-ignored) as JSON Lines: base
reports recombined from the seed reports' sentences with fresh figures, place names and years,
plus planted copies of some of them (exact copies, reposts with other boilerplate, whitespace
and punctuation width, light edits) and hard negatives (the same report for the next year, or
for another township, with 30% of the figures changed). It then runs, each as a child process:

- ours: ``python -m cleaner.dedup CORPUS --jsonl -j 2 --report …``;
- datasketch's MinHashLSH (128 permutations, the same 5-gram shingles of the same comparison
  text, no cleaning) at each ``--peer-thresholds`` value, candidates accepted when their
  estimated Jaccard reaches it: the usual way it is used for deduplication. It runs in a
  scratch venv (``--peer-python``, default /tmp/venv-datasketch/bin/python, made with
  ``python -m venv /tmp/venv-datasketch && /tmp/venv-datasketch/bin/pip install datasketch``),
  never in the project's.

For each: wall time, CPU time (user + system of all its processes), peak memory (of its largest
process, from ``wait4``; and the sum over the process tree, sampled from /proc every 0.1 s; the
corpus is generated in a child process, since Linux carries the forking process's peak into the
child's ``ru_maxrss``),
precision and recall over planted pairs (two documents of one planted group are a true pair;
everything else, hard negatives included, is not). The machine has 2 cores shared with other
work: wall times vary with what else runs, CPU times much less.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
SEEDS = ROOT.parent / "shared" / "seeds"
PEER_PYTHON = "/tmp/venv-datasketch/bin/python"

_TITLE = re.compile(r"^\S*政府工作报告$")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*年)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PLACE_CHARS = ("东南西北上下新老青白金石龙凤云山河湖桥溪水田坪岭塘湾沙港泉林松柏桂梅兰竹"
                "安平和兴隆福寿永宁华阳")

_HEADERS = (
    "来源：{place}人民政府 发布时间：{year}-03-22 09:51 浏览次数：{n} 字体：[大 中 小]",
    "当前位置：首页 > 政务公开 > 工作报告",
    "扫一扫在手机打开当前页",
    "索 引 号：1133102400268125XW/{year}-{n} | 公开方式 | 主动公开 |",
)
_FOOTERS = ("（责任编辑：李仁强）", "打印本页 关闭窗口", "上一篇：关于印发工作要点的通知",
            "Copyright © {year} 版权所有 All Rights Reserved.")
_HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!",
                             "？": "?", "“": '"', "”": '"'})


# --- the seed reports ---------------------------------------------------------------------------

def seed_reports(seeds: Path = SEEDS) -> list[tuple[str, str]]:
    """The seeds as separate reports: seed 000 is a compilation, split at its title lines
    (``政府工作报告`` or ``X镇政府工作报告`` alone on a line, after the table of contents)."""
    reports = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if not path.name.startswith("000_"):
            reports.append((path.stem[:3], text))
            continue
        lines = text.split("\n")
        starts = [i for i, line in enumerate(lines) if i > 12 and _TITLE.match(line.strip())]
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            reports.append((f"000.{start + 1}", "\n".join(lines[start:end]) + "\n"))
    return reports


# --- synthetic copies -------------------------------------------------------------------------

def change_figures(text: str, share: float, rng: random.Random) -> str:
    """Change ``share`` of the figures (numbers that are not years) to other numbers."""
    def swap(match: re.Match[str]) -> str:
        if rng.random() >= share:
            return match.group()
        return "".join(rng.choice("0123456789") if c.isdigit() else c for c in match.group())
    return _FIGURE.sub(swap, text)


def change_n_figures(text: str, count: int, rng: random.Random) -> str:
    matches = list(_FIGURE.finditer(text))
    chosen = sorted(rng.sample(matches, min(count, len(matches))), key=lambda m: m.start())
    for match in reversed(chosen):
        new = str(int(float(match.group())) + rng.randint(1, 9))
        text = text[:match.start()] + new + text[match.end():]
    return text


def repost(text: str, rng: random.Random, place: str = "", year: int = 2023) -> str:
    """The same report on another site: web chrome around it, half-width punctuation, indents,
    blank lines and a long paragraph broken in two."""
    lines = [line for line in text.split("\n") if line.strip()]
    if rng.random() < 0.5:
        lines = [line.translate(_HALF_WIDTH) for line in lines]
    if rng.random() < 0.5:
        lines = ["\u3000\u3000" + line for line in lines]
    long = [i for i, line in enumerate(lines) if len(line) > 120]
    if long:
        i = rng.choice(long)
        lines[i:i + 1] = [lines[i][:60], lines[i][60:]]
    n = rng.randint(100, 99999)
    head = [h.format(place=place or "某某镇", year=year, n=n) for h in rng.sample(_HEADERS, 2)]
    tail = [f.format(year=year) for f in rng.sample(_FOOTERS, 2)]
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    return sep.join(head + lines + tail) + "\n"


def light_edit(text: str, rng: random.Random, pool: Sequence[str], *, rewrites: int = 2,
               drops: int = 1, adds: int = 1, figures: int = 5) -> str:
    """A lightly edited copy: by default two sentences rewritten, one dropped, one added, five
    figures changed; the title block and the years are left alone."""
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if len(line) > 40 and i > 4]
    for _ in range(rewrites):
        i = rng.choice(body)
        sentences = _SENTENCE.findall(lines[i])
        if sentences:
            sentences[rng.randrange(len(sentences))] = rng.choice(pool)
            lines[i] = "".join(sentences)
    for _ in range(drops):
        i = rng.choice(body)
        sentences = _SENTENCE.findall(lines[i])
        if len(sentences) > 1:
            del sentences[rng.randrange(len(sentences))]
            lines[i] = "".join(sentences)
    for _ in range(adds):
        i = rng.choice(body)
        lines[i] = lines[i] + rng.choice(pool)
    return change_n_figures("\n".join(lines), figures, rng)


def next_year(text: str, rng: random.Random) -> str:
    """The same template for the next year: every year +1 and 30% of the figures changed."""
    text = change_figures(text, 0.3, rng)
    return _YEAR.sub(lambda m: str(int(m.group(1)) + 1), text)


def other_township(text: str, place: str, new_place: str, rng: random.Random) -> str:
    """The same template for another township: its name swapped, 30% of the figures changed."""
    stem, new_stem = place[:-1], new_place[:-1]
    return change_figures(text.replace(stem, new_stem), 0.3, rng)


# --- calibration ------------------------------------------------------------------------------

def _similarity_tools() -> tuple[Callable[[str], str], Callable[[str, str], float],
                                 Callable[[str, str], float]]:
    from rapidfuzz.distance import Indel

    from cleaner import clean_text
    from cleaner.dedup import comparison_paragraphs
    from cleaner.minhash import shingle_hashes

    def key(text: str) -> str:
        return "".join(comparison_paragraphs(clean_text(text, explain=False).text))

    def jaccard(a: str, b: str) -> float:
        sa, sb = set(shingle_hashes(a)), set(shingle_hashes(b))
        return len(sa & sb) / len(sa | sb)

    return key, Indel.normalized_similarity, jaccard


def _summary(label: str, values: Sequence[float]) -> str:
    return (f"{label:<52} n={len(values):<4} min {min(values):.3f}  median "
            f"{statistics.median(values):.3f}  max {max(values):.3f}")


def calibrate(seeds: Path, rounds: int, seed: int) -> None:
    from cleaner.dedup import guess_identity, identity_conflict

    rng = random.Random(seed)
    key, similarity, jaccard = _similarity_tools()
    reports = seed_reports(seeds)
    keys = [key(text) for _, text in reports]
    identities = [guess_identity(text) for _, text in reports]
    pool = [s for _, text in reports for s in _SENTENCE.findall(text) if len(s) > 20]
    print(f"{len(reports)} seed reports:")
    for (name, _), ident, k in zip(reports, identities, keys, strict=True):
        print(f"  {name:<8} {ident.describe():<16} {len(k):>6} characters")
    pairs = list(combinations(range(len(reports)), 2))
    seed_sims = [similarity(keys[a], keys[b]) for a, b in pairs]
    seed_jacc = [jaccard(keys[a], keys[b]) for a, b in pairs]
    print(_summary("(a) different seed reports, similarity", seed_sims))
    print(_summary("    shingle Jaccard", seed_jacc))
    worst = max(range(len(pairs)), key=seed_sims.__getitem__)
    print(f"    most similar pair: {reports[pairs[worst][0]][0]} ~ {reports[pairs[worst][1]][0]}")

    rows: dict[str, list[tuple[float, float, bool]]] = {
        "(b) reposts": [], "(c) light edits": [], "(c2) heavier edits (6/2/2, 20 figures)": [],
        "(d) next year (must be kept apart)": [], "(e) other township (must be kept apart)": []}
    for _ in range(rounds):
        for (_, text), k, ident in zip(reports, keys, identities, strict=True):
            place = min(ident.townships, default="")
            year = min(ident.meeting_years, default=2023)
            variants = {"(b) reposts": repost(text, rng, place, year),
                        "(c) light edits": light_edit(text, rng, pool),
                        "(c2) heavier edits (6/2/2, 20 figures)": light_edit(
                            text, rng, pool, rewrites=6, drops=2, adds=2, figures=20),
                        "(d) next year (must be kept apart)": next_year(text, rng)}
            if place:
                new = rng.choice(_PLACE_CHARS) + rng.choice(_PLACE_CHARS) + place[-1]
                variants["(e) other township (must be kept apart)"] = other_township(
                    text, place, new, rng)
            for label, variant in variants.items():
                vk = key(variant)
                guarded = identity_conflict(ident, guess_identity(variant)) is not None
                rows[label].append((similarity(k, vk), jaccard(k, vk), guarded))
    for label, values in rows.items():
        print(_summary(label + ", similarity", [v[0] for v in values]))
        print(_summary("    shingle Jaccard", [v[1] for v in values]))
        print(f"    kept apart by the place/year guard: {sum(v[2] for v in values)}/{len(values)}")


# --- corpus -----------------------------------------------------------------------------------

def _place(rng: random.Random) -> str:
    return rng.choice(_PLACE_CHARS) + rng.choice(_PLACE_CHARS) + rng.choice("镇镇镇乡")


def _base_report(rng: random.Random, shapes: Sequence[list[int]],
                 pool: Sequence[str]) -> tuple[str, str, int]:
    """A new report: the paragraph shape of a seed report, filled with random sentences of all
    seeds, every figure fresh; its own title block, place and year."""
    place, year = _place(rng), rng.randint(2015, 2024)
    head = [f"{place}政府工作报告",
            f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日在{place}第{rng.randint(15, 21)}"
            f"届人民代表大会第{rng.randint(1, 6)}次会议上",
            "各位代表：",
            f"现在，我代表{place}人民政府向大会报告工作，请予审议。",
            f"一、{year}年工作回顾"]
    shape = rng.choice(shapes)
    body = ["".join(rng.choice(pool) for _ in range(count)) for count in shape]
    text = "\n".join(head + body) + "\n"
    return change_figures(text.replace("2022", str(year)), 1.0, rng), place, year


def generate(docs: int, seed: int, out: Path, seeds: Path = SEEDS) -> dict[str, int]:
    """Write ``docs`` records to ``out`` (JSONL: id, text) and the planted groups beside it."""
    rng = random.Random(seed)
    reports = seed_reports(seeds)
    pool = [s for _, text in reports for s in _SENTENCE.findall(text) if 12 <= len(s) <= 160]
    shapes = []  # sentences per paragraph, at most 4 per paragraph and 40 paragraphs
    for _, text in reports:
        paragraphs = [p for p in text.split("\n") if len(p) > 40]
        shape = [min(4, max(1, len(_SENTENCE.findall(p)))) for p in paragraphs][:40]
        if len(shape) < 15:  # a report on one line (seed 002): paragraphs of 3 sentences
            shape = [3] * min(40, len(_SENTENCE.findall(text)) // 3)
        shapes.append(shape)
    records: list[tuple[str, str]] = []
    groups: list[list[str]] = []
    counts = {"base": 0, "exact": 0, "repost": 0, "light_edit": 0, "next_year": 0,
              "other_township": 0}
    while len(records) < docs:
        text, place, year = _base_report(rng, shapes, pool)
        base_id = f"d{len(records):06d}"
        records.append((base_id, text))
        counts["base"] += 1
        roll = rng.random()
        if roll < 0.08:  # planted duplicates: 1 to 3 copies
            group = [base_id]
            for _ in range(rng.choice((1, 1, 2, 3))):
                kind = rng.choice(("exact", "repost", "light_edit"))
                if kind == "exact":
                    copy = text
                elif kind == "repost":
                    copy = repost(text, rng, place, year + 1)
                else:
                    copy = light_edit(text, rng, pool)
                copy_id = f"d{len(records):06d}"
                records.append((copy_id, copy))
                group.append(copy_id)
                counts[kind] += 1
            groups.append(group)
        elif roll < 0.10:  # hard negatives
            if rng.random() < 0.5:
                records.append((f"d{len(records):06d}", next_year(text, rng)))
                counts["next_year"] += 1
            else:
                new = _place(rng)
                while new[:-1] == place[:-1]:
                    new = _place(rng)
                records.append((f"d{len(records):06d}", other_township(text, place, new, rng)))
                counts["other_township"] += 1
    order = list(range(len(records)))
    rng.shuffle(order)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for i in order:
            handle.write(json.dumps({"id": records[i][0], "text": records[i][1]},
                                    ensure_ascii=False) + "\n")
    truth = {"groups": groups, "counts": counts, "docs": len(records)}
    out.with_suffix(".truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return counts


# --- measuring a child process ----------------------------------------------------------------

def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (from /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def measure(command: Sequence[str]) -> dict[str, float]:
    """Run ``command``: wall seconds, CPU seconds and peak RSS of its largest process (from
    ``wait4``: the child and the descendants it reaped), peak RSS of its whole process tree."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT)
    peak_tree = 0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        peak_tree = max(peak_tree, _tree_rss_kib(child.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} … failed with exit code {child.returncode}")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "largest_mib": usage.ru_maxrss / 1024, "tree_mib": peak_tree / 1024}


def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(sorted(set(g)), 2)}  # type: ignore[misc]


def score(predicted: Iterable[Iterable[str]], truth: Iterable[Iterable[str]]) -> dict[str, float]:
    """Precision and recall of the pairs inside predicted clusters against planted pairs."""
    found, planted = _pairs(predicted), _pairs(truth)
    hits = len(found & planted)
    return {"pairs_found": len(found), "pairs_planted": len(planted), "true_pairs": hits,
            "precision": hits / len(found) if found else 1.0,
            "recall": hits / len(planted) if planted else 1.0}


def _our_clusters(report: Path, corpus: Path) -> list[list[str]]:
    """Our report names records ``FILE:LINE``; map lines back to record ids."""
    with corpus.open(encoding="utf-8") as handle:
        ids = [json.loads(line)["id"] for line in handle]
    data = json.loads(report.read_text(encoding="utf-8"))

    def record(path: str) -> str:
        return ids[int(path.rsplit(":", 1)[1]) - 1]

    return [[record(c["keep"])] + [record(d["path"]) for d in c["duplicates"]]
            for c in data["clusters"]]


# --- the peer: datasketch (runs in its own venv; imports nothing from cleaner) ---------------

def peer(corpus: Path, threshold: float, out: Path) -> None:
    """datasketch MinHashLSH on the same comparison text and shingles; union-find of the pairs
    whose estimated Jaccard reaches ``threshold``."""
    from datasketch import MinHash, MinHashLSH

    not_compared = re.compile(r"[^\w]+|_+")
    full_width = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B)
                                if chr(c).isalnum()})
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    template = MinHash(num_perm=128)  # permutations made once, reused (as its docs advise)
    ids, hashes = [], []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = not_compared.sub("", record["text"]).translate(full_width).lower()
            shingles = {text[i:i + 5].encode("utf-8") for i in range(max(1, len(text) - 4))}
            minhash = MinHash(num_perm=128, permutations=template.permutations,
                              scheme=template.scheme)
            minhash.update_batch(list(shingles))
            lsh.insert(len(ids), minhash)
            ids.append(record["id"])
            hashes.append(minhash)
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, minhash in enumerate(hashes):
        for j in lsh.query(minhash):
            if j != i and minhash.jaccard(hashes[j]) >= threshold:
                parent[find(i)] = find(j)
    clusters: dict[int, list[str]] = {}
    for i, record_id in enumerate(ids):
        clusters.setdefault(find(i), []).append(record_id)
    out.write_text(json.dumps([c for c in clusters.values() if len(c) > 1]), encoding="utf-8")


# --- run --------------------------------------------------------------------------------------

def run(docs: int, seed: int, jobs: int, peer_python: str, peer_thresholds: Sequence[float],
        skip_peer: bool, skip_ours: bool) -> None:
    corpus = WORK / f"dedup-{docs}.jsonl"
    if not corpus.exists():
        # In a child process: this one must stay small, because Linux counts the memory of the
        # process that forks a child in that child's peak (ru_maxrss survives exec).
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "generate", "--docs", str(docs), "--seed",
                        str(seed)], check=True)
        print(f"generated {corpus.relative_to(ROOT)} in {time.perf_counter() - started:.0f}s")
    truth = json.loads(corpus.with_suffix(".truth.json").read_text(encoding="utf-8"))
    print(f"corpus: {truth['docs']} records, {corpus.stat().st_size / 2**20:.0f} MiB, "
          f"planted: {truth['counts']}", flush=True)
    if not skip_ours:
        report = WORK / f"dedup-{docs}.ours.json"
        command = [sys.executable, "-m", "cleaner.dedup", str(corpus), "--jsonl", "-j", str(jobs),
                   "--report", str(report), "-q"]
        print("$ " + " ".join(command), flush=True)
        figures = measure(command)
        figures |= score(_our_clusters(report, corpus), truth["groups"])
        kept_apart = len(json.loads(report.read_text(encoding="utf-8"))["kept_apart"])
        print(_line("ours (cleaner.dedup)", figures) + f"  kept apart by the guard: {kept_apart}",
              flush=True)
    if skip_peer:
        return
    for threshold in peer_thresholds:
        out = WORK / f"dedup-{docs}.datasketch-{threshold}.json"
        command = [peer_python, str(Path(__file__).resolve()), "peer", str(corpus),
                   "--threshold", str(threshold), "--out", str(out)]
        print("$ " + " ".join(command), flush=True)
        figures = measure(command)
        figures |= score(json.loads(out.read_text(encoding="utf-8")), truth["groups"])
        print(_line(f"datasketch MinHashLSH t={threshold}", figures), flush=True)


def _line(label: str, f: dict[str, float]) -> str:
    return (f"{label:<34} {f['seconds']:7.1f}s wall, {f['cpu_seconds']:7.1f}s CPU  peak "
            f"{f['largest_mib']:6.0f} MiB (largest process), {f['tree_mib']:6.0f} MiB (process "
            f"tree)  precision {f['precision']:.4f}  recall "
            f"{f['recall']:.4f}  ({f['true_pairs']}/{f['pairs_planted']} planted pairs, "
            f"{f['pairs_found']} found)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    cal = commands.add_parser("calibrate", help="similarity distributions behind the threshold")
    cal.add_argument("--seeds", type=Path, default=SEEDS)
    cal.add_argument("--rounds", type=int, default=5, help="synthetic copies per seed report")
    cal.add_argument("--seed", type=int, default=7)
    go = commands.add_parser("run", help="generate a corpus, run ours and datasketch, compare")
    go.add_argument("--docs", type=int, default=10000)
    go.add_argument("--seed", type=int, default=7)
    go.add_argument("-j", "--jobs", type=int, default=2)
    go.add_argument("--peer-python", default=PEER_PYTHON)
    go.add_argument("--peer-thresholds", type=float, nargs="+", default=[0.5, 0.8])
    go.add_argument("--skip-peer", action="store_true")
    go.add_argument("--skip-ours", action="store_true")
    gen = commands.add_parser("generate", help="(internal) write the corpus for --docs")
    gen.add_argument("--docs", type=int, required=True)
    gen.add_argument("--seed", type=int, default=7)
    pe = commands.add_parser("peer", help="(internal) datasketch side, run in its own venv")
    pe.add_argument("corpus", type=Path)
    pe.add_argument("--threshold", type=float, required=True)
    pe.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "calibrate":
        calibrate(args.seeds, args.rounds, args.seed)
    elif args.command == "run":
        run(args.docs, args.seed, args.jobs, args.peer_python, args.peer_thresholds, args.skip_peer,
            args.skip_ours)
    elif args.command == "generate":
        print(generate(args.docs, args.seed, WORK / f"dedup-{args.docs}.jsonl"))
    else:
        peer(args.corpus, args.threshold, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
