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

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
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


# --------------------------------------------------------------------------------------------
# Held-out boilerplate (bench/heldout.py) and the raw seeds: removal, residue, sentences lost


def lost_sentences(output: str, gold: str) -> list[str]:
    """Gold sentences (split after 。！？) not found verbatim in the output, whitespace ignored.

    >>> lost_sentences("甲。乙。\\n", "甲。丙。乙。\\n")
    ['丙。']
    """
    out = squeeze(output)
    return [s for p in gold.split("\n") for s in sentences(p) if squeeze(s) and squeeze(s) not in out]


def noise_left(output: str, gold: str, texts: Iterable[str]) -> list[str]:
    """The noise strings the output holds (whitespace ignored) more often than the gold does.

    >>> noise_left("返回顶部\\n甲。\\n", "甲。\\n", ["返回顶部", "【关闭】"])
    ['返回顶部']
    """
    out, ref = squeeze(output), squeeze(gold)
    return [t for t in dict.fromkeys(texts) if squeeze(t) and out.count(squeeze(t)) > ref.count(squeeze(t))]


def residue(output: str, gold: str) -> list[str]:
    """What the output holds that the gold does not, as fragments (whitespace ignored): lines
    are aligned first, then the characters of the lines that differ. It catches noise that was
    cut short (a meta line whose date stayed) as well as noise left whole.

    >>> residue("甲乙。\\n发布时间：2023\\n丙丁。\\n", "甲乙。\\n丙丁。\\n")
    ['发布时间：2023']
    >>> residue("甲乙XY丙丁。\\n", "甲乙丙丁。\\n")
    ['XY']
    """
    out_lines = [squeeze(line) for line in output.split("\n") if squeeze(line)]
    gold_lines = [squeeze(line) for line in gold.split("\n") if squeeze(line)]
    fragments: list[str] = []
    lines = difflib.SequenceMatcher(None, gold_lines, out_lines, autojunk=False)
    for tag, g1, g2, o1, o2 in lines.get_opcodes():
        if tag == "insert":
            fragments += out_lines[o1:o2]
        elif tag == "replace":
            a, b = "\n".join(gold_lines[g1:g2]), "\n".join(out_lines[o1:o2])
            chars = difflib.SequenceMatcher(None, a, b, autojunk=False)
            fragments += [part for t, _, _, j1, j2 in chars.get_opcodes() if t in ("insert", "replace")
                          for part in b[j1:j2].split("\n") if part]
    return fragments


def stray_lines(output: str, gold: str) -> list[str]:
    """Output lines that are no gold paragraph (whitespace ignored): on the raw seeds, the noise
    left (and any paragraph the cleaner damaged).

    >>> stray_lines("甲。\\n朗读\\n", "甲。\\n")
    ['朗读']
    """
    paragraphs = {squeeze(p) for p in gold.split("\n")}
    return [line.strip() for line in output.split("\n") if squeeze(line) and squeeze(line) not in paragraphs]


@dataclass
class HeldoutScore:
    """Counts summed over held-out samples; the properties are the shares."""

    samples: int = 0
    noise_items: int = 0
    noise_items_left: int = 0
    noise_chars: int = 0
    residue_chars: int = 0
    sentences: int = 0
    sentences_lost: int = 0
    near_misses: int = 0
    near_misses_lost: int = 0
    sentences_damaged: int = 0  # lost although whole in the input: the cleaning cut or deleted them
    near_misses_damaged: int = 0
    truncation_flagged: int = 0
    stray_lines: int = 0  # output lines that are no gold paragraph

    def __add__(self, other: HeldoutScore) -> HeldoutScore:
        return HeldoutScore(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def removed(self) -> float | None:
        """Share of injected noise strings gone from the output (None when none was injected)."""
        return 1 - self.noise_items_left / self.noise_items if self.noise_items else None

    @property
    def residue_share(self) -> float | None:
        """Characters the output holds beyond the gold, per injected noise character."""
        return self.residue_chars / self.noise_chars if self.noise_chars else None

    @property
    def content_kept(self) -> float:
        return _share(self.sentences - self.sentences_lost, self.sentences)

    def as_dict(self) -> dict[str, float | int | None]:
        data: dict[str, float | int | None] = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(removed=self.removed, residue_share=self.residue_share, content_kept=self.content_kept)
        return data


def score_heldout(output: str, gold: str, noise_texts: Sequence[str], near_misses: Sequence[str] = (),
                  flagged: bool = False, data: str | None = None
                  ) -> tuple[HeldoutScore, list[str], list[str]]:
    """Score one held-out output: the counts, the noise strings left and the residue fragments.
    Near-miss sentences are part of the gold; they are counted again on their own. With the input
    ``data``, a lost sentence that was whole in the input is also counted as *damaged*: the
    cleaning cut or deleted it (the others were broken by noise spliced into them and left).

    >>> s, left, frags = score_heldout("甲。扫码办理。\\n返回顶部\\n", "甲。扫码办理。\\n", ["返回顶部"],
    ...                                ["扫码办理。"])
    >>> s.removed, s.content_kept, s.near_misses_lost, left, frags
    (0.0, 1.0, 0, ['返回顶部'], ['返回顶部'])
    """
    left = noise_left(output, gold, noise_texts)
    fragments = residue(output, gold)
    lost = lost_sentences(output, gold)
    out = squeeze(output)
    whole = squeeze(data) if data is not None else ""
    result = HeldoutScore(
        samples=1, noise_items=len(set(noise_texts)), noise_items_left=len(left),
        noise_chars=sum(len(squeeze(t)) for t in set(noise_texts)),
        residue_chars=sum(len(f) for f in fragments), sentences=sum(
            len(sentences(p)) for p in gold.split("\n")), sentences_lost=len(lost),
        near_misses=len(near_misses), near_misses_lost=sum(squeeze(s) not in out for s in near_misses),
        sentences_damaged=sum(squeeze(s) in whole for s in lost),
        near_misses_damaged=sum(squeeze(s) not in out and squeeze(s) in whole for s in near_misses),
        truncation_flagged=int(flagged), stray_lines=len(stray_lines(output, gold)))
    return result, left, fragments
