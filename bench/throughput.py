"""Throughput and scale: MB/s on one core, -j 1 against -j 2, peak memory, linearity, cost per
stage, and the peers' speed, all in one run.

    python -m bench.throughput                    # 100 MB corpus: the figures in bench/README.md
    python -m bench.throughput --size 10 --no-peers
    python -m bench.throughput --readme           # also rewrite the tables in bench/README.md

The corpus (bench/.work/corpus/, git-ignored, built on the first run and reused) cycles through
the raw samples (samples/raw), the five raw seeds and ten corrupted reports of every family of
bench/corrupt.py (the fidelity benchmark's inputs, seeds 0–9) until it holds the size asked; the
1 and 10 MB runs use a prefix of it. Each measurement runs in a fresh child process,
so its peak memory (``ru_maxrss``) is its own. Times are wall-clock on a machine with 2 cores
that other work shares: they vary by a few percent between runs.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import multiprocessing
import os
import pstats
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.corpus import SEEDS_DIR, WORK_DIR, build_samples, decode_for_peers, real_seed_samples
from bench.corrupt import FAMILIES
from bench.fidelity import machine, update_readme
from bench.peers import PEERS, peer_versions, run_peer

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = WORK_DIR / "corpus"
MB = 1_000_000


# --------------------------------------------------------------------------------------------
# The corpus


def build_corpus(megabytes: float) -> list[Path]:
    """The corpus files (in order) holding at least ``megabytes`` MB; built once, then reused."""
    target = int(megabytes * MB)
    existing = sorted(CORPUS_DIR.glob("*.txt"))
    if sum(p.stat().st_size for p in existing) < target:
        if CORPUS_DIR.exists():
            shutil.rmtree(CORPUS_DIR)
        CORPUS_DIR.mkdir(parents=True)
        sources = [p.read_bytes() for p in sorted((ROOT / "samples" / "raw").glob("*"))]
        sources += [p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))]
        for sample in build_samples(list(FAMILIES), range(10)):
            sources.append(sample.data if isinstance(sample.data, bytes) else sample.data.encode())
        total = index = 0
        while total < target:
            data = sources[index % len(sources)]
            (CORPUS_DIR / f"{index:06d}.txt").write_bytes(data)
            total += len(data)
            index += 1
        existing = sorted(CORPUS_DIR.glob("*.txt"))
    out, total = [], 0
    for path in existing:
        if total >= target:
            break
        out.append(path)
        total += path.stat().st_size
    return out


def _size(files: list[Path]) -> int:
    return sum(p.stat().st_size for p in files)


# --------------------------------------------------------------------------------------------
# Child processes


def _child(args: list[str]) -> dict:
    """Run ``python -m bench.throughput _child …`` and return the JSON it prints."""
    done = subprocess.run([sys.executable, "-m", "bench.throughput", "_child", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child {args[:2]} failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _list_file(files: list[Path], name: str) -> Path:
    path = WORK_DIR / f"{name}.list"
    path.write_text("\n".join(str(p) for p in files) + "\n", encoding="utf-8")
    return path


def child_main(argv: list[str]) -> int:
    """Inside a child: ``library LIST explain|quiet`` or ``stages LIST`` or ``profile LIST``."""
    kind, list_path = argv[0], Path(argv[1])
    files = [] if argv[1] == "-" else [Path(line) for line in list_path.read_text(encoding="utf-8").split()]
    if kind != "pool":
        with contextlib.suppress(AttributeError, OSError):  # one core, really
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from cleaner import Cleaner

    if kind == "library":
        explain = argv[2] == "explain"
        cleaner = Cleaner()
        began = time.perf_counter()
        size = failed = 0
        for path in files:
            data = path.read_bytes()
            size += len(data)
            try:
                cleaner.clean_bytes(data, explain=explain)
            except Exception:  # counted: a refused input still cost its time
                failed += 1
        seconds = time.perf_counter() - began
        print(json.dumps({"bytes": size, "seconds": seconds, "failed": failed,
                          "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    elif kind == "text":  # the peers' conditions: decoded text in, clean_text only
        cleaner = Cleaner()
        texts = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        began = time.perf_counter()
        for text in texts:
            cleaner.clean_text(text, explain=False)
        print(json.dumps({"seconds": time.perf_counter() - began}))
    elif kind == "pool":  # the library in N processes, no writing: the cleaning's own speed-up
        jobs = int(argv[2])
        began = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_pool_init) as pool:
            done = sum(pool.imap_unordered(_pool_clean, [str(p) for p in files], chunksize=16))
        print(json.dumps({"bytes": done, "seconds": time.perf_counter() - began}))
    elif kind == "writes":  # what writing the outputs costs, with and without fsync
        out = {}
        for fsync in (False, True):
            target = WORK_DIR / "writes"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            began = time.perf_counter()
            for path in files:
                with open(target / path.name, "wb") as handle:
                    handle.write(path.read_bytes())
                    if fsync:
                        handle.flush()
                        os.fsync(handle.fileno())
            out["fsync" if fsync else "plain"] = time.perf_counter() - began
            shutil.rmtree(target, ignore_errors=True)
        print(json.dumps(out))
    elif kind == "families":
        print(json.dumps(_family_speeds(int(argv[2]))))
    elif kind == "stages":
        print(json.dumps(_stage_costs(files)))
    elif kind == "profile":
        print(json.dumps({"profile": _profile(files)}))
    return 0


_POOL_CLEANER = None


def _pool_init() -> None:
    global _POOL_CLEANER
    from cleaner import Cleaner

    _POOL_CLEANER = Cleaner()


def _pool_clean(path: str) -> int:
    data = Path(path).read_bytes()
    with contextlib.suppress(Exception):
        _POOL_CLEANER.clean_bytes(data)  # type: ignore[union-attr]
    return len(data)


def _family_speeds(seeds: int) -> dict[str, list[float]]:
    """Bytes and seconds per fidelity family (``seeds`` samples each), and for the raw seeds."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    out = {}
    groups = [(family, list(build_samples([family], range(seeds)))) for family in FAMILIES]
    for family, samples in [*groups, ("real-seeds", real_seed_samples())]:
        size, began = 0, time.perf_counter()
        for sample in samples:
            size += sample.size
            with contextlib.suppress(Exception):
                if isinstance(sample.data, bytes):
                    cleaner.clean_bytes(sample.data, explain=False)
                else:
                    cleaner.clean_text(sample.data, explain=False)
        out[family] = [size, time.perf_counter() - began]
    return out


def _stage_costs(files: list[Path]) -> dict:
    """Seconds spent decoding and in each registered stage (explain on, the library default)."""
    from cleaner import Cleaner
    from cleaner.decode import decode_bytes
    from cleaner.registry import Registry, Stage
    from cleaner.stages import default_registry

    spent: dict[str, float] = {"decode": 0.0}
    registry = Registry()

    def timed(name, run):
        def wrapper(text, context, log):
            began = time.perf_counter()
            try:
                return run(text, context, log)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - began
        return wrapper

    for stage in default_registry():
        registry.register(Stage(stage.name, timed(stage.name, stage.run), stage.priority,
                                stage.description, stage.takes_rules))
    cleaner = Cleaner(registry=registry)
    size = 0
    began = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        size += len(data)
        start = time.perf_counter()
        try:
            text, _ = decode_bytes(data)
        except Exception:
            continue
        spent["decode"] += time.perf_counter() - start
        cleaner.clean_text(text)
    total = time.perf_counter() - began
    return {"bytes": size, "total": total, "stages": spent,
            "order": ["decode", *(s.name for s in default_registry())]}


def _profile(files: list[Path]) -> list[list]:
    """The functions with the most own time (cProfile), over ``files``."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        with contextlib.suppress(Exception):  # refused inputs are counted elsewhere
            cleaner.clean_bytes(path.read_bytes())
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = filename.replace(str(ROOT) + "/", "")
        rows.append([f"{where}:{line} {function}", calls, own, cumulative])
    rows.sort(key=lambda r: -r[2])
    return rows[:15]


# --------------------------------------------------------------------------------------------
# The CLI with -j N, peak memory of the process tree


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
            parents[int(entry)] = int(fields["PPid"].strip())
            rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
        except (OSError, KeyError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def run_cli(files: list[Path], jobs: int) -> dict:
    """``cleaner clean LIST… -o OUT -j N -q`` over ``files`` (their folder), timed, with the
    peak memory of the largest process (GNU time) and of the whole process tree (sampled)."""
    out = WORK_DIR / f"out-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    cleaner_bin = Path(sys.executable).with_name("cleaner")
    command = [str(cleaner_bin), "clean", str(CORPUS_DIR), "-o", str(out), "-j", str(jobs), "-q"]
    time_bin = shutil.which("time") or "/usr/bin/time"
    timed = [time_bin, "-v", *command] if Path(time_bin).exists() else command
    began = time.perf_counter()
    process = subprocess.Popen(timed, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.is_set():
            peak_tree = max(peak_tree, _tree_rss_kb(process.pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - began
    stop.set()
    sampler.join()
    maxrss = next((int(line.split(":")[1]) for line in stderr.splitlines()
                   if "Maximum resident set size" in line), 0)
    shutil.rmtree(out, ignore_errors=True)
    shown = " ".join(["cleaner", *command[1:]]).replace(str(ROOT) + "/", "")
    return {"jobs": jobs, "seconds": seconds, "exit": process.returncode, "maxrss_kb": maxrss,
            "tree_peak_kb": peak_tree, "command": shown}


# --------------------------------------------------------------------------------------------
# Report


def mbps(size: int, seconds: float) -> str:
    return f"{size / MB / seconds:.2f}" if seconds else "—"


def mib(kb: int) -> str:
    return f"{kb / 1024:.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_child":
        return child_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=float, default=100, help="corpus size in MB (default 100)")
    parser.add_argument("--no-peers", action="store_true", help="skip the peers' throughput")
    parser.add_argument("--peer-size", type=float, default=10,
                        help="MB of the corpus the peers (and clean_text beside them) run over")
    parser.add_argument("--readme", action="store_true", help="rewrite the tables in bench/README.md")
    args = parser.parse_args(argv)

    sizes = [s for s in (1, 10, 100) if s < args.size] + [args.size]
    corpus = build_corpus(args.size)
    print(f"corpus: {len(corpus)} files, {_size(corpus) / MB:.1f} MB in {CORPUS_DIR}", file=sys.stderr)
    load_before = os.getloadavg()[0]
    lines = [f"Run: `python -m bench.throughput {' '.join(argv)}`, {time.strftime('%Y-%m-%d')}, "
             f"{machine()}. Corpus: {len(corpus)} files, {_size(corpus) / MB:.1f} MB (samples/raw, "
             "the raw seeds and 10 corrupted reports per fidelity family, cycled).", ""]

    # 1. library, one core, linearity and peak memory
    rows = ["| corpus | files | seconds | MB/s | peak memory (ru_maxrss) | s per MB |",
            "|--:|--:|--:|--:|--:|--:|"]
    for size in sizes:
        files = build_corpus(size)
        result = _child(["library", str(_list_file(files, f"lib-{size}")), "quiet"])
        rows.append(f"| {result['bytes'] / MB:.1f} MB | {len(files)} | {result['seconds']:.2f} "
                    f"| {mbps(result['bytes'], result['seconds'])} | {mib(result['maxrss_kb'])} "
                    f"| {result['seconds'] / (result['bytes'] / MB):.3f} |")
        print(rows[-1], file=sys.stderr)
    explained = _child(["library", str(_list_file(build_corpus(min(10, args.size)), "lib-explain")),
                        "explain"])
    lines += ["**Library, one core** (`Cleaner().clean_bytes(data, explain=False)` per file, process "
              "pinned to one CPU; the last row is the headline figure):", "", *rows, "",
              f"With `explain=True` (every change recorded, the library default): "
              f"{mbps(explained['bytes'], explained['seconds'])} MB/s over "
              f"{explained['bytes'] / MB:.1f} MB.", ""]

    # 2. CLI -j 1 / -j 2 over the whole corpus
    cli = [run_cli(corpus, jobs) for jobs in (1, 2)]
    size = _size(corpus)
    rows = ["| command | seconds | MB/s | speed-up | peak memory, largest process "
            "| peak memory, process tree |", "|---|--:|--:|--:|--:|--:|"]
    for result in cli:
        failed = f" (exit {result['exit']}: an input refused)" if result["exit"] else ""
        rows.append(f"| `{result['command']}`{failed} | {result['seconds']:.1f} "
                    f"| {mbps(size, result['seconds'])} | {cli[0]['seconds'] / result['seconds']:.2f}× "
                    f"| {mib(result['maxrss_kb'])} | {mib(result['tree_peak_kb'])} |")
        print(rows[-1], file=sys.stderr)
    lines += ["**CLI, -j 1 against -j 2** (whole corpus, outputs written to bench/.work/; the CLI "
              "records every change for its report):", "", *rows, ""]
    listed = str(_list_file(corpus, "pool"))
    pools = {jobs: _child(["pool", listed, str(jobs)]) for jobs in (1, 2)}
    writes = _child(["writes", listed])
    lines += ["Controls, to tell the cleaning from the rest: the library (`clean_bytes`, explain on) over "
              "the same files in a `multiprocessing` pool, no output written: "
              f"1 process {mbps(size, pools[1]['seconds'])} MB/s, 2 processes "
              f"{mbps(size, pools[2]['seconds'])} MB/s ({pools[1]['seconds'] / pools[2]['seconds']:.2f}×). "
              f"Writing the {len(corpus)} outputs alone, one process: {writes['plain']:.1f} s without "
              f"fsync, {writes['fsync']:.1f} s with an fsync per file (as `cleaner.files.write_atomic` "
              "does).", ""]

    # 3. cost per stage and profile
    stage_files = build_corpus(min(10, args.size))
    costs = _child(["stages", str(_list_file(stage_files, "stages"))])
    rows = ["| stage | seconds | share | MB/s if alone |", "|---|--:|--:|--:|"]
    for name in costs["order"]:
        spent = costs["stages"].get(name, 0.0)
        rows.append(f"| {name} | {spent:.2f} | {100 * spent / costs['total']:.0f} % "
                    f"| {mbps(costs['bytes'], spent)} |")
    profile = _child(["profile", str(_list_file(stage_files, "profile"))])["profile"]
    prof_rows = ["| function | calls | own s | cumulative s |", "|---|--:|--:|--:|"]
    prof_rows += [f"| `{name}` | {calls} | {own:.2f} | {cum:.2f} |"
                  for name, calls, own, cum in profile[:12]]
    lines += [f"**Cost per stage** over {costs['bytes'] / MB:.1f} MB (explain on; total "
              f"{costs['total']:.2f} s, file reading included in the total only):", "", *rows, "",
              "Where the time goes (cProfile, own time, same files):", "", *prof_rows, ""]

    speeds = _child(["families", "-", "5"])
    rows = ["| family | MB | MB/s |", "|---|--:|--:|"]
    rows += [f"| {family} | {size / MB:.2f} | {mbps(size, seconds)} |"
             for family, (size, seconds) in speeds.items()]
    lines += ["**Speed per fidelity family** (5 samples each, library, one core): the slow inputs.",
              "", *rows, ""]

    # 4. peers
    if not args.no_peers:
        peer_files = build_corpus(min(args.peer_size, args.size))
        texts = [decode_for_peers(p.read_bytes()) for p in peer_files]
        text_bytes = sum(len(t.encode()) for t in texts)
        texts_path = WORK_DIR / "peer-texts.json"
        texts_path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        ours = _child(["text", str(_list_file(peer_files, "text")), str(texts_path)])
        versions = peer_versions()
        rows = ["| tool | version | seconds | MB/s | speed relative to cleaner |", "|---|---|--:|--:|--:|",
                f"| cleaner (`clean_text`, explain off) | — | {ours['seconds']:.2f} "
                f"| {mbps(text_bytes, ours['seconds'])} | 1.00× |"]
        for tool in PEERS:
            try:
                run = run_peer(tool, texts, label="throughput")
            except RuntimeError as exc:
                rows.append(f"| {tool} | {versions.get(tool)} | not run: {exc} | | |")
                continue
            raised = f" ({run.failed} texts raised)" if run.failed else ""
            rows.append(f"| {tool} | {versions.get(tool)} | {run.seconds:.2f} "
                        f"| {mbps(text_bytes, run.seconds)} | {ours['seconds'] / run.seconds:.2f}× |{raised}")
            print(rows[-1], file=sys.stderr)
        lines += [f"**Peers, same texts** ({len(texts)} files, {text_bytes / MB:.1f} MB as UTF-8, decoded "
                  "beforehand by cleaner's decoder since the peers take `str`; time inside the tool "
                  "only, one process each):", "", *rows, ""]

    lines.append(f"Load average (1 min) when the run started: {load_before:.1f}; when it ended: "
                 f"{os.getloadavg()[0]:.1f} (2 cores, shared with other work: above 2, every figure "
                 "here is pessimistic).")
    text = "\n".join(lines)
    print(text)
    (WORK_DIR / "throughput.md").write_text(text, encoding="utf-8")
    if args.readme:
        update_readme("throughput", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
