"""Per-stage throughput of the default pipeline on a folder of documents (CPU time).

    python -m bench.stage_cost bench/gold            # canonical text
    python -m bench.stage_cost ../shared/seeds       # raw seeds
    python -m bench.stage_cost bench/gold --no-explain

One untimed pass over the first document comes first: loading OpenCC's dictionaries and building
the Traditional-only table happen once per process and are not the stages' per-document cost
(``--cold`` times them too, as this script did before). Decoding is timed apart from the stages.
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
    parser.add_argument("--no-explain", dest="explain", action="store_false",
                        help="changes not recorded (flags and metadata still are)")
    parser.add_argument("--cold", action="store_true", help="no warm-up pass")
    args = parser.parse_args()
    data = [p.read_bytes() for p in sorted(args.folder.glob("*.txt"))]
    cleaner = Cleaner()
    if not args.cold:
        cleaner.clean_bytes(data[0])
    seconds: dict[str, float] = {"(decode)": 0.0}
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
    megabytes = args.repeat * sum(len(d) for d in data) / 1e6
    total = sum(seconds.values())
    print(f"{megabytes:.1f} MB, decode and all stages {megabytes / total:.1f} MB/s "
          f"({'changes recorded' if args.explain else 'changes not recorded'})")
    for name, spent in seconds.items():
        print(f"  {name:14s} {megabytes / spent:8.1f} MB/s  ({spent / total:.0%})")


if __name__ == "__main__":
    main()
