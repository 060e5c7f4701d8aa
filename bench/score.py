"""Score a cleaned text against its gold body and the noise that was injected.

Four figures, each a share (numerator, denominator), summed over samples:

* content kept: gold sentences found verbatim in the output, whitespace-insensitive;
* noise left: injected noise strings the output holds more often than the gold does;
* exact paragraphs: gold paragraphs that are an output line, exactly;
* punctuation: gold punctuation marks found at the same place in the output (places are counted
  in letters and digits, so a mark is judged even where the text around it moved).

A fifth, *text kept*, ignores punctuation, width and spacing: it tells lost words from
unrestored punctuation.

>>> s = score("现在，我代表镇政府作报告。\\n", "现在，我代表镇政府作报告。\\n", [])
>>> s.content_kept, s.exact_paragraphs, s.punctuation
(1.0, 1.0, 1.0)
>>> s = score("现在,我代表镇政府作报告.\\n朗读\\n", "现在，我代表镇政府作报告。\\n", ["朗读"])
>>> s.content_kept, s.text_kept, s.noise_left, s.punctuation
(0.0, 1.0, 1.0, 0.0)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields

import regex

from bench.corrupt import Injected

_SPACE_RE = re.compile(r"\s+")
_SENTENCE_RE = re.compile(r"[^。！？]*[。！？]+[”’）」』]*|[^。！？]+$")


def squeeze(text: str) -> str:
    """Drop all whitespace: the comparison is whitespace-insensitive.

    >>> squeeze("政 府\\n工作\\u3000报告")
    '政府工作报告'
    """
    return _SPACE_RE.sub("", text)


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph after 。！？ (with any closing quote or bracket).

    >>> sentences("一是稳增长。二是“惠民生！”三是")
    ['一是稳增长。', '二是“惠民生！”', '三是']
    """
    return [s for s in _SENTENCE_RE.findall(paragraph) if s.strip()]


def is_mark(ch: str) -> bool:
    """A punctuation mark or symbol (Unicode categories P* and S*).

    >>> is_mark("，"), is_mark("%"), is_mark("政"), is_mark("２")
    (True, True, False, False)
    """
    return unicodedata.category(ch)[0] in "PS"


_INVISIBLE_RE = regex.compile(r"[\s\p{Cf}\p{Cc}]+")
_MARKS_RE = regex.compile(r"([\p{P}\p{S}]+)")


def skeleton(text: str) -> tuple[str, dict[int, list[str]]]:
    """Letters and digits (NFKC, so ２ matches 2 and ⼯ matches 工), and the marks found before
    each skeleton position. Whitespace and format characters are ignored.

    >>> skeleton("（一）稳增长。")
    ('一稳增长', {0: ['（'], 1: ['）'], 4: ['。']})
    """
    parts = _MARKS_RE.split(_INVISIBLE_RE.sub("", text))
    chars: list[str] = []
    marks: dict[int, list[str]] = {}
    length = 0
    for index, part in enumerate(parts):
        if index % 2:  # a run of marks
            marks.setdefault(length, []).extend(part)
        elif part:
            part = unicodedata.normalize("NFKC", part)
            chars.append(part)
            length += len(part)
    return "".join(chars), marks


@dataclass
class Score:
    """Counts summed over samples; the properties are the shares."""

    samples: int = 0
    sentences: int = 0
    sentences_kept: int = 0
    sentences_text_kept: int = 0
    paragraphs: int = 0
    paragraphs_exact: int = 0
    marks: int = 0
    marks_restored: int = 0
    noise_items: int = 0
    noise_items_left: int = 0
    noise_seen_items: int = 0
    noise_seen_items_left: int = 0
    identical: int = 0  # outputs equal to the gold, byte for byte

    def __add__(self, other: Score) -> Score:
        return Score(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def content_kept(self) -> float:
        return _share(self.sentences_kept, self.sentences)

    @property
    def text_kept(self) -> float:
        return _share(self.sentences_text_kept, self.sentences)

    @property
    def exact_paragraphs(self) -> float:
        return _share(self.paragraphs_exact, self.paragraphs)

    @property
    def punctuation(self) -> float:
        return _share(self.marks_restored, self.marks)

    @property
    def noise_left(self) -> float | None:
        """None when nothing was injected (a family that only damages the text itself)."""
        return self.noise_items_left / self.noise_items if self.noise_items else None

    @property
    def noise_left_seen(self) -> float | None:
        if not self.noise_seen_items:
            return None
        return self.noise_seen_items_left / self.noise_seen_items

    @property
    def noise_left_unseen(self) -> float | None:
        unseen = self.noise_items - self.noise_seen_items
        return (self.noise_items_left - self.noise_seen_items_left) / unseen if unseen else None

    def as_dict(self) -> dict[str, float | int | None]:
        data: dict[str, float | int | None] = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(content_kept=self.content_kept, text_kept=self.text_kept,
                    exact_paragraphs=self.exact_paragraphs, punctuation=self.punctuation,
                    noise_left=self.noise_left, noise_left_seen=self.noise_left_seen,
                    noise_left_unseen=self.noise_left_unseen)
        return data


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _noise_key(item: Injected | str) -> tuple[str, bool]:
    text = item.text if isinstance(item, Injected) else item
    return text, item.seen if isinstance(item, Injected) else False


def score(output: str, gold: str, injected: Iterable[Injected | str]) -> Score:
    """Score one output against its gold and the injected noise (``Injected`` items whose
    ``noise`` is False are notes and are ignored; plain strings count as unseen noise)."""
    out_squeezed, gold_squeezed = squeeze(output), squeeze(gold)
    out_skeleton, out_marks = skeleton(output)
    out_lines = set(output.split("\n"))
    result = Score(samples=1, identical=int(output == gold))
    cursor = 0
    for paragraph in gold.rstrip("\n").split("\n"):
        if not paragraph:
            continue
        result.paragraphs += 1
        result.paragraphs_exact += paragraph in out_lines
        for sentence in sentences(paragraph):
            result.sentences += 1
            result.sentences_kept += squeeze(sentence) in out_squeezed
            result.sentences_text_kept += skeleton(sentence)[0] in out_skeleton
        marks, restored, cursor = _marks_restored(paragraph, out_skeleton, out_marks, cursor)
        result.marks += marks
        result.marks_restored += restored
    seen_noise: dict[str, bool] = {}
    for item in injected:
        if isinstance(item, Injected) and not item.noise:
            continue
        text, seen = _noise_key(item)
        seen_noise[text] = seen_noise.get(text, False) or seen
    for text, seen in seen_noise.items():
        key = squeeze(text)
        left = (output.count(text) > gold.count(text) if not key
                else out_squeezed.count(key) > gold_squeezed.count(key))
        result.noise_items += 1
        result.noise_items_left += left
        result.noise_seen_items += seen
        result.noise_seen_items_left += left and seen
    return result


def _marks_restored(paragraph: str, out_skeleton: str, out_marks: dict[int, list[str]],
                    cursor: int) -> tuple[int, int, int]:
    """(marks in ``paragraph``, marks found at the same place in the output, next cursor).
    The paragraph is located by its skeleton, searching forward from ``cursor`` first; a
    paragraph that is not found whole is located sentence by sentence."""
    text, marks = skeleton(paragraph)
    total = sum(len(v) for v in marks.values())
    if not total:
        return 0, 0, cursor
    at = _find(out_skeleton, text, cursor)
    if at >= 0:
        return total, _match(marks, out_marks, at), at + len(text)
    restored = 0
    for sentence in sentences(paragraph):
        s_text, s_marks = skeleton(sentence)
        at = _find(out_skeleton, s_text, cursor) if s_text else -1
        if at >= 0:
            restored += _match(s_marks, out_marks, at)
            cursor = at + len(s_text)
    return total, restored, cursor


def _find(haystack: str, needle: str, cursor: int) -> int:
    if not needle:
        return -1
    at = haystack.find(needle, cursor)
    return at if at >= 0 else haystack.find(needle)


def _match(marks: dict[int, list[str]], out_marks: dict[int, list[str]], offset: int) -> int:
    return sum((Counter(found) & Counter(out_marks.get(offset + pos, ()))).total()
               for pos, found in marks.items())
