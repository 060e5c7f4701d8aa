"""A line model: how much a short line reads like page chrome rather than report text.

A rule names the wordings its author saw; the next site words its chrome otherwise
(``余文加载失败，点击重试`` where a rule knows ``加载全文``). The pieces of chrome wordings recur
across sites all the same (``点击``, ``加载``, ``重试``, ``本页``, ``发帖``), and report text rarely
holds them. A ``LineModel`` weighs each character n-gram of a line (1 to 3 characters, digits
and Latin words folded: ``2023`` → ``0``, ``www`` → ``a``) by the log of how much likelier it is
in chrome than in report text, and adds the weights up: naive Bayes over n-grams, trained on
lines of both kinds (``python -m bench.line_model``). A score rule uses it as a feature
(``model = "models/chrome-lines.json"``, ``min_log_odds = 12``), so its change names the rule and
the feature, and the rule's vetoes (a title, a heading, a sentence of report text) still apply.

The model is data: a JSON file of n-gram weights beside the rule files. It knows nothing of
where a line stands; the rule that uses it decides which lines it may judge.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cleaner.errors import ConfigError

GRAM_SIZES = (1, 2, 3)
MIN_COUNT = 2
"""An n-gram seen fewer times in both kinds of line together is left out of the model (its
weight would be noise); it then weighs what an unseen n-gram weighs."""
_DIGITS_RE = re.compile("[0-9０-９]+")
_LATIN_RE = re.compile("[A-Za-z]{2,}")
_SPACES_RE = re.compile("[ \t\u3000\u00a0]+")
FORMAT = "cleaner-line-model/1"


def fold(line: str) -> str:
    """The line as the model reads it: numbers as ``0``, Latin words as ``a``, a run of spaces as
    one, stripped, between ``^`` and ``$`` (so n-grams at its ends are told apart).

    >>> fold("　浏览次数：1256  www.example.com ")
    '^浏览次数：0 a.a.a$'
    """
    text = _SPACES_RE.sub(" ", line).strip()
    text = _LATIN_RE.sub("a", _DIGITS_RE.sub("0", text))
    return f"^{text}$"


def grams(line: str) -> list[str]:
    """The n-grams of ``line`` the model weighs (of its folded form).

    >>> grams("点击")
    ['^', '点', '击', '$', '^点', '点击', '击$', '^点击', '点击$']
    """
    text = fold(line)
    return [text[i:i + size] for size in GRAM_SIZES for i in range(len(text) - size + 1)]


@dataclass(frozen=True)
class LineModel:
    """N-gram weights: the log of how much likelier each n-gram is in chrome than in report
    text; ``unseen`` weighs any n-gram the model does not list."""

    weights: dict[str, float] = field(repr=False)
    unseen: float = 0.0
    trained_on: dict[str, int] = field(default_factory=dict)
    """How many lines of each kind (``chrome``, ``report``) the model was trained on."""
    _last: tuple[str, float] = field(default=("\0", 0.0), init=False, repr=False, compare=False)

    @classmethod
    def train(cls, chrome: Iterable[str], report: Iterable[str], min_count: int = MIN_COUNT
              ) -> LineModel:
        """A model from lines of chrome and lines of report text (multinomial naive Bayes with
        add-one smoothing; n-grams seen fewer than ``min_count`` times are left out).

        >>> model = LineModel.train(["点击下载", "点击查看"], ["全镇完成投资", "查看民生项目"], min_count=1)
        >>> model.log_odds("点击重试") > 0 > model.log_odds("完成民生项目")
        True
        """
        chrome_counts, report_counts = Counter(), Counter()
        lines = {"chrome": 0, "report": 0}
        for kind, source, counts in (("chrome", chrome, chrome_counts), ("report", report, report_counts)):
            for line in source:
                counts.update(grams(line))
                lines[kind] += 1
        vocabulary = set(chrome_counts) | set(report_counts)
        chrome_total = sum(chrome_counts.values()) + len(vocabulary)
        report_total = sum(report_counts.values()) + len(vocabulary)
        unseen = math.log(report_total / chrome_total)
        weights = {gram: round(math.log((chrome_counts[gram] + 1) / chrome_total)
                               - math.log((report_counts[gram] + 1) / report_total), 3)
                   for gram in sorted(vocabulary)
                   if chrome_counts[gram] + report_counts[gram] >= min_count}
        return cls(weights, round(unseen, 3), lines)

    def log_odds(self, line: str) -> float:
        """How much likelier ``line`` is chrome than report text, as a sum of log-ratios (0:
        no evidence either way; a long line adds more evidence, of either sign). The last
        line's score is remembered: a rule's model features ask in turn."""
        last = self._last
        if last[0] == line:
            return last[1]
        weights, unseen = self.weights, self.unseen
        score = sum(weights.get(gram, unseen) for gram in grams(line))
        object.__setattr__(self, "_last", (line, score))
        return score

    def evidence(self, line: str, count: int = 3) -> list[str]:
        """The pieces of ``line`` (as folded, without the line's ends) that weigh most towards
        chrome, none inside another: what a change's reason shows.

        >>> LineModel({"点击": 2.0, "，点击": 2.5, "击": 0.5, "下载": 1.5}).evidence("，点击下载")
        ['，点击', '下载']
        """
        weights = self.weights
        found = {gram.strip("^$"): weights[gram] for gram in grams(line) if weights.get(gram, 0.0) > 0}
        shown: list[str] = []
        for piece in sorted(found, key=lambda piece: (-found[piece], -len(piece))):
            if piece.strip() and not any(piece in other or other in piece for other in shown):
                shown.append(piece)
        return shown[:count]

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "trained_on": self.trained_on, "unseen": self.unseen,
                           "weights": self.weights}, ensure_ascii=False, indent=0, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, source: str = "<memory>") -> LineModel:
        """A model from ``to_json``'s text; a file of another kind is an error naming ``source``."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{source}: not a line model (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ConfigError(f"{source}: not a line model (expected \"format\": \"{FORMAT}\"); "
                              f"train one with `python -m bench.line_model`")
        return cls(data["weights"], data["unseen"], data.get("trained_on", {}))


@cache
def load_model(path: Path) -> LineModel:
    """The model in the file at ``path`` (read once per process)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the line model: {exc.strerror or exc}") from None
    return LineModel.from_json(text, str(path))
