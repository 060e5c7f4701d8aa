"""Per-stage throughput of the default pipeline on a folder of documents (CPU time).

    python -m bench.stage_cost bench/gold            # canonical text
    python -m bench.stage_cost ../shared/seeds       # raw seeds
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cleaner.change import ChangeLog
from cleaner.decode import decode_bytes
from cleaner.pipeline import Cleaner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = [decode_bytes(p.read_bytes())[0] for p in sorted(args.folder.glob("*.txt"))]
    cleaner = Cleaner()
    seconds: dict[str, float] = {}
    for _ in range(args.repeat):
        for text in docs:
            for stage in cleaner.registry:
                started = time.process_time()
                text = stage.run(text, cleaner.context, ChangeLog(stage=stage.name))
                seconds[stage.name] = seconds.get(stage.name, 0.0) + time.process_time() - started
    megabytes = args.repeat * sum(len(d.encode()) for d in docs) / 1e6
    total = sum(seconds.values())
    print(f"{megabytes:.1f} MB, all stages {megabytes / total:.1f} MB/s (changes recorded)")
    for name, spent in seconds.items():
        print(f"  {name:14s} {megabytes / spent:8.1f} MB/s  ({spent / total:.0%})")


if __name__ == "__main__":
    main()
