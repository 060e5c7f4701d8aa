"""Speed work without surprises: prove outputs unchanged, measure, and profile the pipeline.

    python -m bench.profile snapshot bench/.work/equivalence.pickle   # before optimising
    python -m bench.profile compare bench/.work/equivalence.pickle    # after each change
    python -m bench.profile speed --input raw --size 20               # whole pipeline, MB/s
    python -m bench.profile speed --input gold --size 20 --no-explain
    python -m bench.profile profile --input raw --size 5 --top 30     # cProfile, by own time
    python -m bench.profile instructions --input gold --stage boilerplate  # callgrind count

``snapshot`` cleans the raw seeds, ``samples/raw``, ``bench/gold`` and a few hundred corrupted
samples (every family of ``bench/corrupt.py``) and a few hundred samples of the development
held-out sets (``dev`` to ``dev4``: boilerplate), with and without ``explain`` and under a few
configurations, and stores the output text, every change, every flag and the metadata;
``compare`` does it again and reports the first difference of each case. An optimisation is
done only when ``compare`` finds none.

``speed`` and ``profile`` run in this process, on one core: ``raw`` is the five raw seeds
repeated to the size asked (nearly every comma is rewritten and recorded), ``gold`` the
canonical text of ``bench/gold`` repeated. Times are CPU time of the cleaning calls alone.
On a shared machine they vary by ±25 % from run to run: compare versions alternately, several
times, or count instructions, which do not vary (``valgrind --tool=callgrind python …``, the
count of a run with N documents minus that of a run with none).

``instructions`` does that in one run: it runs itself under callgrind with instrumentation off
(imports, rule loading and the warm-up run at a few times their speed, uncounted), switches it
on around the passes (``callgrind_control -i on``) and off after them (the documents of
``bench/gold`` or the raw seeds, once each, ``--repeat`` times), and prints the instructions one
document costs in one stage (the stages before it run uncounted) or in the whole pipeline
(``--stage all``). About half a minute for a stage, steady to a per cent or so, where times on
a shared machine vary by half: compare versions with it. (It used to count a run with the
passes minus one without, both instrumented from the start: ten minutes, the same numbers
within a few per cent.)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from bench.corpus import GOLD_DIR, SEEDS_DIR, build_samples
from bench.corrupt import FAMILIES
from bench.fidelity import heldout_set
from cleaner.change import ChangeLog
from cleaner.config import CleanConfig
from cleaner.decode import decode_bytes
from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner, CleanResult

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SEEDS = 12
"""Corrupted samples per family in the equivalence set (26 families: about 300 samples)."""
CONFIGS = {
    "default": CleanConfig(),
    "s2t": CleanConfig(script="s2t"),
    "corner": CleanConfig(keep_corner_brackets=True),
    "hyphen": CleanConfig(enable=("punct.month-range-hyphen",)),
}
"""Configurations of the equivalence set; all but the default run on the gold and on the
normalization families only."""
HELDOUT_SEEDS = {"dev": 6, "dev2": 6, "dev3": 10, "dev4": 10}
"""Samples per family of each development held-out set in the equivalence set (default
configuration only; never a blind ``test`` set)."""
_NORMALIZATION_FAMILIES = ("halfwidth-punct", "fullwidth", "traditional", "spurious-spaces", "mixed")


def equivalence_inputs(families: tuple[str, ...] | None = None) -> Iterator[tuple[str, str | bytes]]:
    """(name, input) of every case: raw bytes for the seeds and samples, text for the rest."""
    if families is None:
        for path in sorted(SEEDS_DIR.glob("*.txt")):
            yield f"seed/{path.name}", path.read_bytes()
        for path in sorted((ROOT / "samples" / "raw").glob("*")):
            yield f"samples/{path.name}", path.read_bytes()
    for path in sorted(GOLD_DIR.glob("*.txt")):
        yield f"gold/{path.name}", path.read_text(encoding="utf-8")
    for sample in build_samples(families or list(FAMILIES), range(SAMPLE_SEEDS)):
        yield f"{sample.family}/{sample.seed}", sample.data
    if families is None:
        yield from heldout_inputs()


def heldout_inputs() -> Iterator[tuple[str, str]]:
    """(name, input) of the development held-out samples (``HELDOUT_SEEDS``): the boilerplate
    rules fire on them far more than on the rest, and the engine's glued-title guard only there."""
    for name, seeds in HELDOUT_SEEDS.items():
        module = heldout_set(name)
        for sample in module.build_heldout(module.FAMILIES, range(seeds)):
            yield f"{name}/{sample.family}/{sample.seed}", sample.data


def _outcome(cleaner: Cleaner, data: str | bytes, explain: bool) -> object:
    """Everything a clean returns that a caller can see, in comparable form."""
    try:
        result: CleanResult = (cleaner.clean_bytes(data, explain=explain) if isinstance(data, bytes)
                               else cleaner.clean_text(data, explain=explain))
    except CleanerError as exc:
        return ("error", type(exc).__name__, str(exc))
    return (result.text, [c.to_dict() for c in result.changes], [f.to_dict() for f in result.flags],
            dict(result.metadata), repr(result.decoding), result.chars_before, result.chars_after)


def outcomes() -> dict[str, object]:
    """The outcome of every case of the equivalence set, by ``config/explain/case``."""
    found: dict[str, object] = {}
    for config_name, config in CONFIGS.items():
        cleaner = Cleaner(config)
        families = None if config_name == "default" else _NORMALIZATION_FAMILIES
        for name, data in equivalence_inputs(families):
            for explain in (True, False):
                found[f"{config_name}/{'explain' if explain else 'quiet'}/{name}"] = _outcome(
                    cleaner, data, explain)
    return found


def _first_difference(old: object, new: object) -> str:
    if isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new):
        for part, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                if isinstance(a, list) and isinstance(b, list):
                    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                              min(len(a), len(b)))
                    return (f"part {part}, item {at} of {len(a)}/{len(b)}: "
                            f"{a[at] if at < len(a) else None!r} -> {b[at] if at < len(b) else None!r}")
                if isinstance(a, str) and isinstance(b, str):
                    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                              min(len(a), len(b)))
                    return f"part {part} at {at}: {a[at - 20:at + 40]!r} -> {b[at - 20:at + 40]!r}"
                return f"part {part}: {a!r:.200} -> {b!r:.200}"
    return f"{old!r:.200} -> {new!r:.200}"


def snapshot(path: Path) -> int:
    started = time.perf_counter()
    found = outcomes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(found))
    changes = sum(len(v[1]) for v in found.values() if isinstance(v, tuple) and len(v) == 7)
    print(f"{len(found)} outcomes ({changes} changes) in {path} "
          f"({time.perf_counter() - started:.0f} s)")
    return 0


def compare(path: Path) -> int:
    started = time.perf_counter()
    old: dict[str, object] = pickle.loads(path.read_bytes())
    new = outcomes()
    differ = [key for key in old if old[key] != new.get(key)]
    missing = set(old) ^ set(new)
    for key in differ[:20]:
        print(f"DIFFERS {key}: {_first_difference(old[key], new.get(key))}")
    print(f"{len(old)} outcomes compared, {len(differ)} differ, {len(missing)} missing "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if differ or missing else 0


def corpus(kind: str, megabytes: float) -> list[str | bytes]:
    """``raw``: the raw seeds (bytes) repeated; ``gold``: the gold text repeated."""
    if kind == "raw":
        docs: list[str | bytes] = [p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))]
    else:
        docs = [p.read_text(encoding="utf-8") for p in sorted(GOLD_DIR.glob("*.txt"))]
    out: list[str | bytes] = []
    size = 0
    while size < megabytes * 1e6:
        doc = docs[len(out) % len(docs)]
        out.append(doc)
        size += len(doc) if isinstance(doc, bytes) else len(doc.encode("utf-8"))
    return out


def _size(docs: list[str | bytes]) -> int:
    return sum(len(d) if isinstance(d, bytes) else len(d.encode("utf-8")) for d in docs)


def _clean_all(cleaner: Cleaner, docs: list[str | bytes], explain: bool) -> int:
    changes = 0
    for doc in docs:
        result = (cleaner.clean_bytes(doc, explain=explain) if isinstance(doc, bytes)
                  else cleaner.clean_text(doc, explain=explain))
        changes += len(result.changes)
    return changes


def _warm_up(cleaner: Cleaner, docs: list[str | bytes], explain: bool) -> None:
    """Clean each distinct document once, untimed: OpenCC loads its dictionaries, and the rule
    patterns the documents trigger are compiled (the packaged rules compile on first use)."""
    _clean_all(cleaner, list(dict.fromkeys(docs)), explain)


def speed(kind: str, megabytes: float, explain: bool, repeat: int) -> int:
    docs = corpus(kind, megabytes)
    cleaner = Cleaner(replace(CleanConfig()))
    _warm_up(cleaner, docs, explain)
    best = float("inf")
    changes = 0
    for _ in range(repeat):
        started = time.process_time()
        changes = _clean_all(cleaner, docs, explain)
        best = min(best, time.process_time() - started)
    size = _size(docs)
    print(f"{kind}: {size / 1e6:.1f} MB, {changes} changes, best of {repeat}: {best:.2f} s CPU, "
          f"{size / 1e6 / best:.1f} MB/s ({'explain' if explain else 'no explain'})")
    return 0


def profile(kind: str, megabytes: float, explain: bool, top: int, sort: str) -> int:
    docs = corpus(kind, megabytes)
    cleaner = Cleaner()
    _warm_up(cleaner, docs, explain)
    profiler = cProfile.Profile()
    profiler.enable()
    _clean_all(cleaner, docs, explain)
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stdout).sort_stats(sort).print_stats(top)
    return 0


def _documents(kind: str) -> list[str | bytes]:
    """``raw``: the raw seeds (bytes); ``gold``: the gold text, each document once."""
    if kind == "raw":
        return [p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt"))]
    return [p.read_text(encoding="utf-8") for p in sorted(GOLD_DIR.glob("*.txt"))]


def _instrument(on: bool) -> None:
    """Switch callgrind's instrumentation of this process on or off (``instructions``)."""
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],
                   capture_output=True, check=False)  # not under callgrind: nothing to do


def _work(kind: str, stage: str, repeat: int) -> int:
    """What ``instructions`` counts: ``stage`` (or the whole pipeline) over every document,
    ``repeat`` times, after the uncounted set-up and stages before it."""
    cleaner = Cleaner()
    docs = _documents(kind)
    if stage == "all":
        _warm_up(cleaner, docs, True)
        _instrument(True)
        for _ in range(repeat):
            _clean_all(cleaner, docs, True)
        _instrument(False)
        return 0
    stages = list(cleaner.registry)
    names = [s.name for s in stages]
    if stage not in names:
        raise SystemExit(f"unknown stage {stage!r}, expected all or one of {', '.join(names)}")
    runner = stages[names.index(stage)]
    inputs = []
    for doc in docs:
        text = doc if isinstance(doc, str) else decode_bytes(doc)[0]
        for before in stages[:names.index(stage)]:
            text = before.run(text, cleaner.context, ChangeLog(stage=before.name))
        inputs.append(text)
    for text in inputs:  # warm up (see _warm_up)
        runner.run(text, cleaner.context, ChangeLog(stage=stage))
    _instrument(True)
    for _ in range(repeat):
        for text in inputs:
            runner.run(text, cleaner.context, ChangeLog(stage=stage))
    _instrument(False)
    return 0


def instructions(kind: str, stage: str, repeat: int) -> int:
    """Instructions per document (callgrind), counted around the passes only (``_work``)."""
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
               sys.executable, "-m", "bench.profile", "_work", "--input", kind, "--stage", stage,
               "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or found is None:
        print(done.stderr[-2000:], file=sys.stderr)
        return 1
    per_document = int(found.group(1)) / (repeat * len(_documents(kind)))
    print(f"{kind}, {stage}: {per_document / 1e6:.2f} M instructions per document "
          f"(callgrind, {repeat} passes over {len(_documents(kind))} documents)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("snapshot", "compare"):
        commands.add_parser(name).add_argument("path", type=Path)
    for name in ("speed", "profile"):
        sub = commands.add_parser(name)
        sub.add_argument("--input", choices=("raw", "gold"), default="raw")
        sub.add_argument("--size", type=float, default=5.0, help="megabytes (default 5)")
        sub.add_argument("--no-explain", dest="explain", action="store_false")
        if name == "speed":
            sub.add_argument("--repeat", type=int, default=3)
        else:
            sub.add_argument("--top", type=int, default=40)
            sub.add_argument("--sort", default="tottime")
    for name in ("instructions", "_work"):
        sub = commands.add_parser(name)
        sub.add_argument("--input", choices=("raw", "gold"), default="gold")
        sub.add_argument("--stage", default="all", help="a stage name, or all (the default)")
        sub.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if args.command == "instructions":
        return instructions(args.input, args.stage, args.repeat)
    if args.command == "_work":
        return _work(args.input, args.stage, args.repeat)
    if args.command == "snapshot":
        return snapshot(args.path)
    if args.command == "compare":
        return compare(args.path)
    if args.command == "speed":
        return speed(args.input, args.size, args.explain, args.repeat)
    return profile(args.input, args.size, args.explain, args.top, args.sort)


if __name__ == "__main__":
    sys.exit(main())
