"""MinHash signatures over character shingles and LSH banding, in pure Python at C speed.

Why this shape: numpy is not a dependency, and a textbook MinHash (128 hash functions, each a
Python-level pass over every shingle) costs about 128 x 0.1 µs per character, far too slow for
100,000 reports. Instead:

- A shingle is a tuple of ``size`` code points, hashed by ``hash(tuple_of_ints)``: both
  ``zip`` and ``hash`` run in C, and the hash of a tuple of ints does not depend on
  ``PYTHONHASHSEED`` (unlike ``hash(str)``), so every process and every run agrees. Digits are
  code points like any other: ``2022`` and ``2023`` never hash alike.
- The signature is a *one-permutation* MinHash (Li, Owen & Zhang 2012): the low bits of a
  shingle's hash choose one of ``bins`` bins, the whole hash ranks it inside; each bin keeps its
  minimum. One pass instead of 128, and Python sees only the hashes below a cut that keeps
  about 8 per bin (the filter runs in C); a full pass runs only for the rare bin left empty.
- Bins a short text leaves empty borrow the value of a donor bin chosen by a fixed sequence
  (optimal densification, Shrivastava 2017), so two texts still collide on a bin with
  probability equal to their Jaccard similarity.
- Values are folded to 32 bits and kept in ``array('I')``: 512 bytes per document.

``LSHIndex`` holds one array of band keys per band and finds candidate pairs by sorting, so its
memory is a few bytes per document and band, and a bucket too big to pair up fully is linked
linearly (a star and a chain), keeping the candidate search far from quadratic.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, pairwise
from operator import eq, gt

SHINGLE_SIZE = 5
NUM_BINS = 128
KEEP_PER_BIN = 8
"""The filter keeps hashes expected to number about this many per bin; when it leaves a bin empty
(about 4% of long texts, e**-8 per bin) every hash is looked at: the result never depends on it."""
LARGE_BUCKET = 200
"""Buckets with more members than this are linked as a star and a chain, not all pairs."""

_HASH_SPAN = 1 << 64
_HASH_MIN = -(1 << 63)
_LOW32 = 0xFFFFFFFF


def _hashes(text: str, size: int) -> Iterator[int]:
    """The hash of every ``size``-character shingle, lazily (``text`` at least ``size`` long)."""
    codes = memoryview(text.encode("utf-32-le")).cast("I").tolist()
    return map(hash, zip(*(codes[i:] for i in range(size)), strict=False))


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> list[int]:
    """The hash of every ``size``-character shingle of ``text`` (repeats included).

    A text shorter than ``size`` is one shingle; an empty text has none.

    >>> len(shingle_hashes("罗针镇政府工作报告")), len(shingle_hashes("罗针镇")), shingle_hashes("")
    (5, 1, [])
    >>> shingle_hashes("2022年度") != shingle_hashes("2023年度")
    True
    """
    if not text:
        return []
    if len(text) < size:
        return [hash(tuple(memoryview(text.encode("utf-32-le")).cast("I").tolist()))]
    return list(_hashes(text, size))


def _fold(minima: list[int]) -> array:
    """64-bit minima folded to 32 bits: half the memory, equality almost as telling."""
    return array("I", [(m ^ (m >> 32)) & _LOW32 for m in minima])


def _donor_sequence(bins: int) -> list[list[int]]:
    """For each bin, the fixed order in which an empty bin looks for a donor."""
    orders = []
    for target in range(bins):
        ranked = sorted(range(bins), key=lambda donor, t=target: hash((t, donor, 0x5EED)))
        orders.append([donor for donor in ranked if donor != target])
    return orders


@dataclass(frozen=True)
class Signer:
    """Computes signatures of one shape (shingle size, number of bins); build once, reuse."""

    bins: int = NUM_BINS
    size: int = SHINGLE_SIZE
    _donors: list[list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.bins < 2 or self.bins & (self.bins - 1):
            raise ValueError(f"bins must be a power of two of at least 2 (not {self.bins})")
        if self.size < 1:
            raise ValueError(f"shingle size must be at least 1 (not {self.size})")
        object.__setattr__(self, "_donors", _donor_sequence(self.bins))

    def sign(self, text: str) -> array:
        """The signature of ``text``: ``bins`` unsigned 32-bit values.

        >>> signer = Signer(bins=8, size=3)
        >>> a = signer.sign("各位代表现在我代表镇人民政府向大会报告工作")
        >>> a == signer.sign("各位代表现在我代表镇人民政府向大会报告工作"), len(a)
        (True, 8)
        >>> signer.sign("") == array("I", [0] * 8)
        True
        """
        bins = self.bins
        shingles = len(text) - self.size + 1
        if shingles <= KEEP_PER_BIN * bins:
            return self._sign_all(shingle_hashes(text, self.size))
        # Only the hashes below a cut that keeps about KEEP_PER_BIN per bin can be a bin's
        # minimum; filtering them happens in C, so Python sees one hash in ``shingles/kept``.
        cut = _HASH_MIN + int(KEEP_PER_BIN * bins / shingles * _HASH_SPAN)
        mask = bins - 1
        minima: list[int | None] = [None] * bins
        for value in filter(partial(gt, cut), _hashes(text, self.size)):
            slot = value & mask
            current = minima[slot]
            if current is None or value < current:
                minima[slot] = value
        if None in minima:  # rare: a bin with no hash below the cut; look at them all
            return self._sign_all(shingle_hashes(text, self.size))
        return _fold(minima)  # type: ignore[arg-type]

    def _sign_all(self, hashes: list[int]) -> array:
        """The signature from every shingle hash; empty bins are densified."""
        bins = self.bins
        if not hashes:
            return array("I", bytes(4 * bins))
        mask = bins - 1
        minima: list[int | None] = [None] * bins
        for value in hashes:
            slot = value & mask
            current = minima[slot]
            if current is None or value < current:
                minima[slot] = value
        if None in minima:
            minima = self._densify(minima)
        return _fold(minima)  # type: ignore[arg-type]

    def _densify(self, minima: list[int | None]) -> list[int]:
        """Fill empty bins from donors, in an order fixed per bin (the same for every text)."""
        filled = list(minima)
        for slot, value in enumerate(minima):
            if value is None:
                donor = next(d for d in self._donors[slot] if minima[d] is not None)
                filled[slot] = minima[donor]
        return filled  # type: ignore[return-value]


def estimate_similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of equal bins: an estimate of the Jaccard similarity of the shingle sets.

    >>> estimate_similarity(array("I", [1, 2, 3, 4]), array("I", [1, 2, 0, 4]))
    0.75
    """
    return sum(map(eq, a, b)) / len(a)


def band_keys(signature: Sequence[int], bands: int, rows: int) -> list[int]:
    """One key per band: the hash of that band's ``rows`` values (stable across processes).

    >>> band_keys(array("I", [1, 2, 3, 4]), 2, 2) == band_keys(array("I", [1, 2, 3, 9]), 2, 2)
    False
    >>> band_keys(array("I", [1, 2, 3, 4]), 2, 2)[0] == band_keys(array("I", [1, 2, 3, 9]), 2, 2)[0]
    True
    """
    return [hash(tuple(signature[b * rows:(b + 1) * rows])) for b in range(bands)]


def collision_probability(similarity: float, bands: int, rows: int) -> float:
    """Probability that two documents of this Jaccard similarity share at least one band.

    >>> round(collision_probability(0.5, 32, 4), 3), round(collision_probability(0.1, 32, 4), 4)
    (0.873, 0.0032)
    """
    return 1 - (1 - similarity ** rows) ** bands


@dataclass
class LSHIndex:
    """Band keys of many signatures; ``candidate_pairs`` yields the pairs that share a band.

    >>> index = LSHIndex(bands=2, rows=2)
    >>> for sig in ([1, 2, 3, 4], [1, 2, 7, 8], [5, 6, 7, 9], [0, 0, 0, 0]):
    ...     _ = index.add(array("I", sig))
    >>> sorted(index.candidate_pairs())
    [(0, 1)]
    """

    bands: int = 32
    rows: int = 4
    large_bucket: int = LARGE_BUCKET
    _keys: list[array] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._keys = [array("q") for _ in range(self.bands)]

    def __len__(self) -> int:
        return len(self._keys[0]) if self._keys else 0

    def add(self, signature: Sequence[int]) -> int:
        """Index a signature; returns its number (0, 1, 2, … in the order added)."""
        if len(signature) < self.bands * self.rows:
            raise ValueError(f"signature has {len(signature)} values, bands x rows needs "
                             f"{self.bands * self.rows}")
        for keys, key in zip(self._keys, band_keys(signature, self.bands, self.rows), strict=True):
            keys.append(key)
        return len(self) - 1

    def buckets(self) -> Iterator[list[int]]:
        """Every group of two or more documents sharing a band key, band by band."""
        for keys in self._keys:
            order = sorted(range(len(keys)), key=keys.__getitem__)
            start = 0
            for end in range(1, len(order) + 1):
                if end == len(order) or keys[order[end]] != keys[order[start]]:
                    if end - start > 1:
                        yield sorted(order[start:end])
                    start = end

    def candidate_pairs(self) -> Iterator[tuple[int, int]]:
        """Distinct pairs (i < j) sharing at least one band.

        A bucket larger than ``large_bucket`` yields its first member paired with each other
        member and each member with the next, so work stays linear in the bucket's size.
        """
        seen: set[int] = set()
        for bucket in self.buckets():
            if len(bucket) <= self.large_bucket:
                pairs = ((a, b) for i, a in enumerate(bucket) for b in bucket[i + 1:])
            else:
                head = bucket[0]
                pairs = chain(((head, b) for b in bucket[1:]), pairwise(bucket[1:]))
            for a, b in pairs:
                code = (a << 32) | b
                if code not in seen:
                    seen.add(code)
                    yield a, b
