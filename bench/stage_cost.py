"""Per-stage throughput of the default pipeline on a folder of documents (CPU time).

    python -m bench.stage_cost bench/gold            # canonical text
    python -m bench.stage_cost ../shared/seeds       # raw seeds
    python -m bench.stage_cost bench/gold --no-explain
    python -m bench.stage_cost ../shared/seeds --rules 15   # and the 15 costliest rules

One untimed pass over the documents comes first: loading OpenCC's dictionaries, building the
Traditional-only table and compiling the rule patterns the documents trigger (the packaged rules
compile on first use) happen once per process and are not the stages' per-document cost
(``--cold`` times them too, as this script did before). Decoding is timed apart from the stages.

``--rules N`` also times each rule's ``apply`` (what it costs when one of its triggers occurs;
a rule none of whose triggers occurs costs nothing) and lists the N costliest: where to look
when a new rule slows the stage down.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cleaner.change import ChangeLog
from cleaner.decode import decode_bytes
from cleaner.pipeline import Cleaner
from cleaner.ruleset import Rule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-explain", dest="explain", action="store_false",
                        help="changes not recorded (flags and metadata still are)")
    parser.add_argument("--cold", action="store_true", help="no warm-up pass")
    parser.add_argument("--rules", type=int, default=0, metavar="N",
                        help="also list the N rules whose apply costs most")
    args = parser.parse_args()
    data = [p.read_bytes() for p in sorted(args.folder.glob("*.txt"))]
    cleaner = Cleaner()
    if not args.cold:
        for raw in data:
            cleaner.clean_bytes(raw)
    seconds: dict[str, float] = {"(decode)": 0.0}
    rule_seconds: Counter[str] = Counter()
    with _timing_rules(rule_seconds) if args.rules else _nothing():
        _run(cleaner, data, args, seconds)
    megabytes = args.repeat * sum(len(d) for d in data) / 1e6
    total = sum(seconds.values())
    print(f"{megabytes:.1f} MB, decode and all stages {megabytes / total:.1f} MB/s "
          f"({'changes recorded' if args.explain else 'changes not recorded'})")
    for name, spent in seconds.items():
        print(f"  {name:14s} {megabytes / spent:8.1f} MB/s  ({spent / total:.0%})")
    if args.rules:
        documents = args.repeat * len(data)
        print("costliest rules (time in apply per document; timing adds overhead):")
        for rule_id, spent in rule_seconds.most_common(args.rules):
            print(f"  {rule_id:40s} {spent / documents * 1e6:8.0f} µs  ({spent / total:.1%})")


def _run(cleaner: Cleaner, data: list[bytes], args: argparse.Namespace,
         seconds: dict[str, float]) -> None:
    for _ in range(args.repeat):
        for raw in data:
            started = time.process_time()
            text = decode_bytes(raw)[0]
            seconds["(decode)"] += time.process_time() - started
            for stage in cleaner.registry:
                log = ChangeLog(stage=stage.name, explain=args.explain)
                started = time.process_time()
                text = stage.run(text, cleaner.context, log)
                seconds[stage.name] = seconds.get(stage.name, 0.0) + time.process_time() - started


@contextmanager
def _timing_rules(spent: Counter[str]) -> Iterator[None]:
    """Time every ``Rule.apply`` into ``spent`` (by rule id) while the block runs."""
    original: Callable[..., str] = Rule.apply

    def timed(rule: Rule, *args: object, **kwargs: object) -> str:
        started = time.process_time()
        try:
            return original(rule, *args, **kwargs)
        finally:
            spent[rule.id] += time.process_time() - started

    Rule.apply = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        Rule.apply = original  # type: ignore[method-assign]


@contextmanager
def _nothing() -> Iterator[None]:
    yield


if __name__ == "__main__":
    main()
