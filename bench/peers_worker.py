"""Run one peer tool over texts, inside bench/.venv-peers (never in the project venv).

    bench/.venv-peers/bin/python bench/peers_worker.py TOOL IN.jsonl OUT.jsonl

IN holds one JSON object per line, ``{"id": …, "text": …}``; OUT gets ``{"id": …, "text": …,
"error": …}`` in the same order, then a last line ``{"seconds": …}``: the time spent in the tool
itself (import and set-up excluded). Each tool is used as its documentation says:

* ``ftfy``: ``ftfy.fix_text(text)`` with its defaults;
* ``jionlp``: ``jionlp.clean_text(text)`` with its defaults;
* ``data-juicer``: its text-cleaning mappers in a chain, each called on batches the way its
  executor calls them (``op.process_batched({"text": [...]})``): fix_unicode_mapper,
  punctuation_normalization_mapper, whitespace_normalization_mapper, chinese_convert_mapper
  (mode ``t2s``: our gold is Simplified; its default is ``s2t``), remove_repeat_sentences_mapper.

This file imports nothing from the project, so it runs with only the peers installed.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

BATCH = 64


def _ftfy() -> Callable[[list[str]], list[str]]:
    import ftfy

    return lambda texts: [ftfy.fix_text(text) for text in texts]


def _jionlp() -> Callable[[list[str]], list[str]]:
    import jionlp

    return lambda texts: [jionlp.clean_text(text) for text in texts]


def _data_juicer() -> Callable[[list[str]], list[str]]:
    from data_juicer.ops.mapper import (
        ChineseConvertMapper,
        FixUnicodeMapper,
        PunctuationNormalizationMapper,
        RemoveRepeatSentencesMapper,
        WhitespaceNormalizationMapper,
    )

    ops = [FixUnicodeMapper(), PunctuationNormalizationMapper(), WhitespaceNormalizationMapper(),
           ChineseConvertMapper(mode="t2s"), RemoveRepeatSentencesMapper()]

    def run(texts: list[str]) -> list[str]:
        batch = {"text": list(texts)}
        for op in ops:
            batch = op.process_batched(batch)
        return batch["text"]

    return run


TOOLS: dict[str, Callable[[], Callable[[list[str]], list[str]]]] = {
    "identity": lambda: (lambda texts: list(texts)),
    "ftfy": _ftfy,
    "jionlp": _jionlp,
    "data-juicer": _data_juicer,
}


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in TOOLS:
        print(f"usage: peers_worker.py {{{'|'.join(TOOLS)}}} IN.jsonl OUT.jsonl", file=sys.stderr)
        return 2
    tool, source, target = argv
    with open(source, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    apply = TOOLS[tool]()
    seconds = 0.0
    with open(target, "w", encoding="utf-8") as out:
        for start in range(0, len(records), BATCH):
            batch = records[start:start + BATCH]
            texts = [r["text"] for r in batch]
            began = time.perf_counter()
            try:
                results, errors = apply(texts), [None] * len(batch)
            except Exception:  # one bad text must not hide the others: retry one by one
                results, errors = [], []
                for text in texts:
                    try:
                        results += apply([text])
                        errors.append(None)
                    except Exception as exc:  # report it; the sample scores as lost
                        results.append("")
                        errors.append(f"{type(exc).__name__}: {exc}"[:300])
            seconds += time.perf_counter() - began
            for record, text, error in zip(batch, results, errors, strict=True):
                out.write(json.dumps({"id": record["id"], "text": text, "error": error},
                                     ensure_ascii=False) + "\n")
        out.write(json.dumps({"seconds": seconds}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
