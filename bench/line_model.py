"""Train the line model the shipped rules use (``rules/models/chrome-lines.json``), and check it.

    python -m bench.line_model                 # train and write the model
    python -m bench.line_model --check         # the shipped model is what training gives now
    python -m bench.line_model --cross-check   # report lines the model would take, unseen

Chrome: every line of boilerplate the **development** held-out sets inject (``dev`` … ``dev6``,
seeds 0–29). Report text: the lines of ``bench/gold``, the near-miss sentences of those sets
(report sentences that use chrome words) and the negative set of the golden tests; not the
rules' keeps (the model would go stale with every keep written). The blind sets (``test``,
``test2``, ``test3``) are never read: their numbers stay an estimate for forms nobody trained on.

``--cross-check`` trains on half of the gold reports and asks how many short lines (60
characters at most) of the other half the model scores at or above the shipped rule's
``min_log_odds``, before and after the rule's vetoes (titles, headings, meeting lines), as if at
the document's edges (where the rule asks least): report text the model has not seen, which it
must leave alone.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from cleaner.line_model import LineModel
from cleaner.pipeline import rule_stages
from cleaner.rule_files import default_rules_dir, load_rules
from cleaner.stages import default_registry

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "rules" / "models" / "chrome-lines.json"
DEV_SETS = ("heldout", "heldout_dev2", "heldout_dev3", "heldout_dev4", "heldout_dev5", "heldout_dev6")
SEEDS = range(30)
GOLD = ROOT / "bench" / "gold"
NEGATIVE = ROOT / "tests" / "golden" / "negative"


def _lines(text: str) -> Iterator[str]:
    return (line.strip() for line in text.split("\n") if line.strip())


@functools.cache
def _development_samples() -> tuple[tuple[str, ...], frozenset[str]]:
    """One pass over the development sets: every line of boilerplate they inject (sorted), and
    their near-miss sentences."""
    chrome: set[str] = set()
    near: set[str] = set()
    for name in DEV_SETS:
        module = importlib.import_module(f"bench.{name}")
        for family in module.FAMILIES:
            for seed in SEEDS:
                sample = module.make_heldout(family, seed)
                for item in sample.noise:
                    chrome.update(_lines(item.text))
                near.update(sample.near_misses)
    return tuple(sorted(chrome)), frozenset(near)


def chrome_lines() -> list[str]:
    """Every line of boilerplate the development sets inject, once each, sorted."""
    return list(_development_samples()[0])


def near_misses() -> frozenset[str]:
    """The development sets' near misses: report sentences that use chrome words."""
    return _development_samples()[1]


def report_lines(gold: Iterable[Path] | None = None) -> list[str]:
    """Lines of report text: the gold reports (``gold``: those files only), the near misses
    and the negative set, once each, sorted."""
    found: set[str] = set()
    for path in sorted(GOLD.glob("*.txt")) if gold is None else gold:
        found.update(_lines(path.read_text(encoding="utf-8")))
    found |= near_misses()
    for path in sorted(NEGATIVE.glob("*.txt")):
        found.update(_lines(path.read_text(encoding="utf-8")))
    return sorted(found)


def train() -> LineModel:
    return LineModel.train(chrome_lines(), report_lines())


def cross_check(min_log_odds: float, max_length: int = 60) -> str:
    """Train on half the gold reports, score the short lines of the other half."""
    files = sorted(GOLD.glob("*.txt"))
    rule = load_rules([default_rules_dir()], rule_stages(default_registry())).get("chrome.model-line")
    assert rule.scorer is not None
    rows = []
    for turn in range(2):
        order = list(files)
        random.Random(turn).shuffle(order)
        train_on, held = order[: len(order) // 2], order[len(order) // 2:]
        model = LineModel.train(chrome_lines(), report_lines(train_on))
        lines = sorted({line for path in held for line in _lines(path.read_text("utf-8"))
                        if len(line) <= max_length})
        taken = [line for line in lines if model.log_odds(line) >= min_log_odds]
        # the rule as shipped, but with the model trained without these reports
        scorer = replace(rule.scorer, features=tuple(
            replace(feature, model=model) if feature.model is not None else feature
            for feature in rule.scorer.features))
        # the worst case: every line at the document's edges, where the rule asks least
        vetoed = [line for line in taken if scorer.judge(line, lambda zone: True) is None]
        rows.append(f"turn {turn}: {len(taken)} of {len(lines)} short unseen report lines score "
                    f"≥ {min_log_odds}; {len(taken) - len(vetoed)} after the rule's vetoes"
                    + "".join(f"\n    {line}" for line in taken if line not in vetoed))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped model is stale")
    parser.add_argument("--cross-check", action="store_true",
                        help="how many unseen report lines the model would take")
    parser.add_argument("--min-log-odds", type=float, default=12.0)
    args = parser.parse_args(argv)
    if args.cross_check:
        print(cross_check(args.min_log_odds))
        return 0
    model = train()
    text = model.to_json() + "\n"
    if args.check:
        current = MODEL.read_text(encoding="utf-8") if MODEL.is_file() else ""
        if current != text:
            print(f"{MODEL} is stale: run `python -m bench.line_model`", file=sys.stderr)
            return 1
        print(f"{MODEL} is up to date ({len(model.weights)} n-grams)")
        return 0
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL}: {len(model.weights)} n-grams, trained on {model.trained_on}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
