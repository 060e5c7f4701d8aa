"""Near-duplicate reports: find the copies of one report and keep one, saying why.

Two reports are *the same report* when one is a repost of the other (another site, other
boilerplate, other whitespace or punctuation width) or a lightly edited copy. They are not the
same when they are two townships' reports, or one township's reports of two years, however much
template language (``坚持以习近平新时代中国特色社会主义思想为指导…``) they share.

How (``find_duplicates``):

1. Each document is cleaned (default; reposts differ mostly in boilerplate, which cleaning
   removes) or only decoded (``clean=False``), then reduced to its *comparison text*: letters,
   digits and Chinese characters of each paragraph, full-width letters and digits folded to
   ASCII, case folded. Punctuation, spaces and line breaks do not count; digits count as they
   are (never mapped to 0): ``2022`` is not ``2023``.
2. Exact duplicates share the BLAKE2b hash of the comparison text.
3. Near-duplicate candidates come from MinHash with LSH banding over character 5-gram shingles
   (``cleaner.minhash``; Chinese has no spaces, so characters, not words). Signatures are made in
   a streaming pass, in worker processes with ``jobs > 1``; the comparison texts wait in a
   temporary file, so memory holds only about 1 KB per document.
4. A candidate is verified with rapidfuzz: the normalized Indel similarity of the two comparison
   texts (``1 - edits / total length``, what ``rapidfuzz.fuzz.ratio`` gives divided by 100).
5. ``guess_identity`` reads the place (…镇/乡/街道, …县/区/市) and the report years from the
   title block and the opening paragraph; two documents (or two clusters) whose places or report
   years clearly differ are never merged, and the report says so (``kept_apart``).
6. Verified pairs are joined by union-find, most similar first; in each cluster one document is
   kept by the policy in ``choose_keep`` (most complete, fewest flags, longest, path order).

The default threshold comes from the data (``python bench/dedup_scale.py calibrate``: the 13
seed reports, cleaned, and 5 synthetic copies of each per kind; similarity as in step 4):

pairs (similarity min / median / max)
(a) different seed reports, all 78 pairs (9 townships of seed 000,     0.107 / 0.151 / 0.201
    seeds 001-004): they share template language only (Jaccard <= 0.041)
(b) reposts: web chrome added, half-width punctuation, indents,        0.990 / 0.994 / 0.998
    blank lines, a paragraph broken in two
(c) light edits: 2 sentences rewritten, 1 dropped, 1 added, 5 figures  0.943 / 0.973 / 0.987
(c2) heavier edits: 6 rewritten, 2 dropped, 2 added, 20 figures        0.882 / 0.931 / 0.965
(d) the same report for the next year (years +1, 30% of the figures    0.982 / 0.990 / 0.998
    changed): all 65 kept apart by the guard
(e) the same report for another township (name swapped, 30% of the     0.981 / 0.987 / 0.995
    figures changed): all 65 kept apart by the guard

So ``DEFAULT_THRESHOLD = 0.85``: 0.65 above the most similar pair of different reports, 0.09
below the least similar light edit, and it still merges the heavier edits. Rows (d) and (e) are
*more* similar than light edits: no threshold can separate them, only the place/year guard does.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path, PurePath
from typing import Any, BinaryIO

from rapidfuzz.distance import Indel

from cleaner.config import CleanConfig
from cleaner.decode import decode_bytes
from cleaner.errors import InputError
from cleaner.minhash import LSHIndex, Signer, estimate_similarity

DEFAULT_THRESHOLD = 0.85
"""Verified similarity (normalized Indel, 0–1) from which two documents are the same report."""
BANDS, ROWS = 32, 4
"""LSH banding of the 128-bin signature: a pair of shingle Jaccard 0.65 (similarity ~0.85) becomes
a candidate with probability 0.998, of 0.5 with 0.87, of 0.04 (the most similar different seed
reports) with 0.0001."""
MIN_PARAGRAPH = 12
"""Paragraphs shorter than this (comparison characters) are not counted as shared: titles and
salutations like ``政府工作报告`` or ``各位代表同志们`` prove nothing."""
CHUNK = 16
"""Documents per task sent to a worker process."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def min_estimate(threshold: float) -> float:
    """Candidates whose signatures agree on fewer bins than this are not verified.

    Measured on edited seed reports, a pair at similarity s has a shingle Jaccard of about
    2s - 1.05 (0.65 at the default 0.85), and the signature's estimate of it has a standard
    error of about 0.04; the cut sits 0.2 lower. Below a threshold of about 0.75 the LSH bands
    (tuned for near duplicates) start to miss pairs, whatever this says.

    >>> min_estimate(0.85), min_estimate(0.5)
    (0.45, 0.05)
    """
    return max(0.05, round(2 * threshold - 1.25, 2))


# --- comparison text ------------------------------------------------------------------------

_FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_TO_HALF_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF5B)
                                if chr(code).isalnum()})


def comparison_paragraphs(text: str) -> list[str]:
    """The comparison text of each non-empty paragraph (line): letters, digits and Chinese
    characters only, full-width letters and digits folded to ASCII, lower case.

    >>> comparison_paragraphs("一、２０２２年工作回顾\\n\\n  各位代表：GDP增长5.2％。")
    ['一2022年工作回顾', '各位代表gdp增长52']
    >>> comparison_paragraphs("一、2022年工作回顾") == comparison_paragraphs("一、2023年工作回顾")
    False
    """
    # translate() looks up every character: run it on the rare full-width runs only
    folded = _FULL_WIDTH_ALNUM.sub(lambda m: m.group().translate(_TO_HALF_WIDTH), text).lower()
    kept = ("".join(filter(str.isalnum, line)) for line in folded.split("\n"))  # C speed
    return [line for line in kept if line]


# --- place and year guard -------------------------------------------------------------------
# A small, honest stand-in for the metadata module: it reads only the title block (the lines
# before 各位代表) and the opening lines after it, and says nothing when it finds nothing.

_CJK = "\u4e00-\u9fff"
_ADDRESS = re.compile(r"^各位代表")
_META_LABELS = re.compile(r"来源|发布|浏览|阅读|点击|访问|索引|字体|时间[:：]|日期[:：]")
_MEETING_PLACE = re.compile(rf"日\s*在\s*([{_CJK}]{{2,40}})")                    # …日在X镇第…届
_TITLE_PLACE = (re.compile(rf"^(?:\d+[.、．])?\s*([{_CJK}]{{2,30}}?)(?:人民)?政府(?:工作)?报告"),
                re.compile(rf"^([{_CJK}]{{2,30}}?)(?:19|20)\d\d\s*年"))             # X镇2023年工作总结
_SALUTATION_PLACE = re.compile(rf"代表([{_CJK}]{{2,30}}?)人民政府")                  # 我代表X镇人民政府
_MEETING_TAIL = re.compile(r"第?[一二三四五六七八九十百零〇\d]+届|人民代表大会|人大|会议")
_UNIT = re.compile(r".+?(?:自治区|自治州|自治县|自治旗|街道|省|市|区|县|旗|镇|乡)")
_TOWNSHIP = ("街道", "镇", "乡")
_COUNTY = ("自治县", "自治旗", "市", "区", "县", "旗")
_NOT_A_NAME_START = "我本全该各此每这其乡城村县区市镇"
_DATE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
                        r"|[（(]\s*((?:19|20)\d\d)[.．/\-]\d{1,2}[.．/\-]\d{1,2}\s*[)）]")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_YEAR_OF = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_HEAD_LINES = 40
_OPENING_CHARS = 300
_SALUTATION_CHARS = 24   # 各位代表、同志们：
_TITLE_LINE_CHARS = 60   # a longer line is body text


@dataclass(frozen=True)
class Identity:
    """What the head of a report says it is; empty sets mean 'not found', never 'differs'."""

    townships: frozenset[str] = frozenset()
    counties: frozenset[str] = frozenset()
    meeting_years: frozenset[int] = frozenset()
    """The year of the meeting date (``2023年2月10日在…``) or of a dated title."""
    title_years: frozenset[int] = frozenset()
    opening_years: frozenset[int] = frozenset()
    """Years (``…年``) in the first lines after 各位代表."""

    def merge(self, other: Identity) -> Identity:
        """Everything both say: the identity of a cluster."""
        return Identity(self.townships | other.townships, self.counties | other.counties,
                        self.meeting_years | other.meeting_years,
                        self.title_years | other.title_years,
                        self.opening_years | other.opening_years)

    def describe(self) -> str:
        """A short label for tables and reasons.

        >>> Identity(frozenset({"罗针镇"}), meeting_years=frozenset({2022})).describe()
        '罗针镇 2022'
        """
        place = "/".join(sorted(self.townships or self.counties))
        years = "/".join(str(y) for y in sorted(self.meeting_years or self.title_years
                                                or self.opening_years))
        return " ".join(part for part in (place, years) if part) or "?"


def _places_in(run: str) -> tuple[set[str], set[str]]:
    """Township- and county-level names in a run of Chinese characters naming a place.

    >>> [sorted(names) for names in _places_in("抚州市临川区罗针镇")]
    [['罗针镇'], ['临川区', '抚州市']]
    >>> _places_in("我代表镇")
    (set(), set())
    """
    townships: set[str] = set()
    counties: set[str] = set()
    for unit in _UNIT.findall(run):
        suffix = next((s for s in _TOWNSHIP + _COUNTY if unit.endswith(s)), None)
        if suffix is None or len(unit) - len(suffix) < 2 or unit[0] in _NOT_A_NAME_START:
            continue
        (townships if suffix in _TOWNSHIP else counties).add(unit)
    return townships, counties


def _head(text: str) -> tuple[list[str], str]:
    """The title block (lines before 各位代表) and the opening (what follows, cut short).

    Without a 各位代表 line: the short lines at the top are the title block."""
    lines = [line.strip() for line in text.split("\n", _HEAD_LINES)[:_HEAD_LINES] if line.strip()]
    title = []
    for line in lines[:15]:
        if _ADDRESS.match(line) and len(line) <= _SALUTATION_CHARS:
            rest = lines[len(title) + 1:len(title) + 4]
            return title, "\n".join(rest)[:_OPENING_CHARS]
        if len(line) > _TITLE_LINE_CHARS:
            break  # the body has begun: there was no salutation
        title.append(line)
    title = title[:6]
    return title, "\n".join(lines[len(title):len(title) + 3])[:_OPENING_CHARS]


def guess_identity(text: str) -> Identity:
    """Place names and report years from the head of a report (a stand-in for real metadata).

    >>> guess_identity("政府工作报告\\n2022年10月28日在抚州市临川区罗针镇\\n各位代表、同志们:\\n"
    ...                "现在,我代表镇人民政府向大会作工作报告\\n2022年度上半年工作回顾").describe()
    '罗针镇 2022'
    >>> i = guess_identity("政府工作报告(2023.2.10)\\n——2023年2月10日在正余镇\\n第二十届人民代表大会"
    ...                    "第三次会议上\\n各位代表:\\n我代表正余镇人民政府\\n2022年工作回顾")
    >>> sorted(i.townships), sorted(i.meeting_years), sorted(i.opening_years)
    (['正余镇'], [2023], [2022])
    >>> guess_identity("坚持以习近平新时代中国特色社会主义思想为指导")
    Identity(townships=frozenset(), counties=frozenset(), meeting_years=frozenset(), \
title_years=frozenset(), opening_years=frozenset())
    """
    title, opening = _head(text)
    title = [line for line in title if not _META_LABELS.search(line)]  # a web page's own lines
    townships: set[str] = set()
    counties: set[str] = set()
    meeting: set[int] = set()
    title_years: set[int] = set()
    # Places by source, most trusted first; the first source naming one wins, so a place the
    # opening merely mentions (我代表…, 向…致谢) cannot blur the one the title block states.
    for patterns, lines in (((_MEETING_PLACE,), title), (_TITLE_PLACE, title),
                            ((_SALUTATION_PLACE,), opening.split("\n"))):
        found_townships: set[str] = set()
        found_counties: set[str] = set()
        for line in lines:
            for pattern in patterns:
                for match in pattern.finditer(line):
                    run = _MEETING_TAIL.split(match.group(1), maxsplit=1)[0]
                    more_townships, more_counties = _places_in(run)
                    found_townships |= more_townships
                    found_counties |= more_counties
        townships = townships or found_townships
        counties = counties or found_counties
    for line in title:
        for match in _DATE_YEAR.finditer(line):
            meeting.add(int(match.group(1) or match.group(2)))
        title_years.update(int(y) for y in _ANY_YEAR.findall(_DATE_YEAR.sub("", line)))
    opening_years = {int(y) for y in _YEAR_OF.findall(opening)}
    return Identity(frozenset(townships), frozenset(counties), frozenset(meeting),
                    frozenset(title_years), frozenset(opening_years))


def identity_conflict(a: Identity, b: Identity) -> str | None:
    """Why two identities cannot be the same report, or None when nothing clearly differs.

    Only facts both sides state are compared: a repost that lost its title block conflicts
    with nothing.

    >>> luozhen = Identity(frozenset({"罗针镇"}), meeting_years=frozenset({2022}))
    >>> identity_conflict(luozhen, Identity(frozenset({"高坪镇"}), meeting_years=frozenset({2022})))
    'places differ: 罗针镇 ≠ 高坪镇'
    >>> identity_conflict(luozhen, Identity(frozenset({"罗针镇"}), meeting_years=frozenset({2023})))
    'report years differ: meeting date 2022 ≠ 2023'
    >>> identity_conflict(luozhen, Identity()) is None
    True
    """
    def names(values: frozenset[Any]) -> str:
        return "/".join(str(v) for v in sorted(values))

    reasons = []
    if a.townships and b.townships and not a.townships & b.townships:
        reasons.append(f"places differ: {names(a.townships)} ≠ {names(b.townships)}")
    elif (a.counties and b.counties and not a.counties & b.counties
          and not (a.townships & b.townships)):
        reasons.append(f"places differ: {names(a.counties)} ≠ {names(b.counties)}")
    for label, x, y in (("meeting date", a.meeting_years, b.meeting_years),
                        ("title", a.title_years, b.title_years),
                        ("opening paragraph", a.opening_years, b.opening_years)):
        if x and y and not x & y:
            reasons.append(f"report years differ: {label} {names(x)} ≠ {names(y)}")
            break
    return "; ".join(reasons) or None


# --- documents and their fingerprints -------------------------------------------------------

@dataclass(frozen=True)
class DedupDoc:
    """One document to compare: its text, or a file to read.

    ``flags`` are the kinds of the flags cleaning raised (``lost_bytes``, ``truncated``, …), used
    by the keep policy; documents read from ``source`` are flagged as they are cleaned.
    ``place`` and ``year``, when known (metadata, a JSONL field), replace what
    ``guess_identity`` would read from the text.
    """

    path: str
    text: str | None = None
    source: Path | None = None
    flags: tuple[str, ...] = ()
    place: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Fingerprint:
    """What a worker sends back for one document (or why it could not read it)."""

    path: str
    problem: str | None = None
    digest: bytes = b""
    signature: array | None = None
    identity: Identity = field(default_factory=Identity)
    chars: int = 0
    flags: tuple[str, ...] = ()
    lost_marks: int = 0
    packed: bytes = b""
    """The comparison paragraphs, newline-joined, UTF-8 (compressing them cost more time than
    the disk it saved was worth)."""


_SIGNER = Signer()
_worker: dict[str, Any] = {}


def _start_worker(clean: bool, config: CleanConfig | None) -> None:
    """Build the worker's cleaner once (each process, or the calling process with one job)."""
    _worker.clear()
    if clean:
        from cleaner.pipeline import Cleaner  # the pipeline loads rules: only when cleaning

        _worker["cleaner"] = Cleaner(config)


def _fingerprint_chunk(docs: list[DedupDoc]) -> list[Fingerprint]:
    return [_fingerprint_safely(doc) for doc in docs]


def _fingerprint_safely(doc: DedupDoc) -> Fingerprint:
    """``fingerprint`` with the worker's cleaner; a bug one document triggers stops only it."""
    try:
        return fingerprint(doc, _worker.get("cleaner"))
    except Exception as exc:
        return Fingerprint(doc.path, f"internal error, please report it: {type(exc).__name__}: {exc}")


def _identity_of(doc: DedupDoc, text: str) -> Identity:
    """What the text says, unless the caller knows better (``doc.place``, ``doc.year``)."""
    identity = guess_identity(text)
    if doc.place:
        townships, counties = _places_in(doc.place)
        if not townships and not counties:
            townships = {doc.place}
        identity = replace(identity, townships=frozenset(townships), counties=frozenset(counties))
    if doc.year is not None:
        identity = replace(identity, meeting_years=frozenset({doc.year}), title_years=frozenset(),
                           opening_years=frozenset())
    return identity


def fingerprint(doc: DedupDoc, cleaner: Any = None) -> Fingerprint:
    """Read (if needed), clean (when ``cleaner`` is given) and fingerprint one document.

    Cleaning runs with ``explain=False``: the changes are not needed here, and recording them
    costs about a third of the time. The decoding and deletion-guard flags are still raised."""
    flags = list(doc.flags)
    try:
        if doc.text is not None:
            text = doc.text
            if cleaner is not None:
                result = cleaner.clean_text(text, explain=False)
                text, flags = result.text, flags + [f.kind for f in result.flags]
        else:
            if doc.source is None:
                return Fingerprint(doc.path, "no text and no file to read")
            data = doc.source.read_bytes()
            if cleaner is not None:
                result = cleaner.clean_bytes(data, explain=False)
                text, flags = result.text, flags + [f.kind for f in result.flags]
            else:
                text, decoding = decode_bytes(data)
                flags += ["lost_bytes" for lost in decoding.lost if lost.kind == "undecodable"]
    except OSError as exc:
        return Fingerprint(doc.path, _os_reason(exc))
    except InputError as exc:
        return Fingerprint(doc.path, str(exc))
    paragraphs = comparison_paragraphs(text)
    key = "".join(paragraphs)
    if not key:
        return Fingerprint(doc.path, "no text to compare (nothing but punctuation and spaces)")
    return Fingerprint(
        doc.path, None, hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest(),
        _SIGNER.sign(key), _identity_of(doc, text), len(key), tuple(flags),
        text.count("\ufffd") + text.count("锟斤拷"), "\n".join(paragraphs).encode("utf-8"))


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return "cannot read: " + reason[:1].lower() + reason[1:]


def _batched(items: Iterable[DedupDoc], size: int) -> Iterator[list[DedupDoc]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def fingerprints(docs: Iterable[DedupDoc], *, jobs: int = 1, clean: bool = True,
                 config: CleanConfig | None = None) -> Iterator[Fingerprint]:
    """Fingerprints in input order, computed in ``jobs`` processes with a bounded number of
    chunks in flight, so that a long stream of documents never piles up in memory."""
    if jobs <= 1:
        _start_worker(clean, config)
        for doc in docs:
            yield _fingerprint_safely(doc)
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(clean, config)) as pool:
        pending: deque[Future[list[Fingerprint]]] = deque()
        for chunk in _batched(docs, CHUNK):
            pending.append(pool.submit(_fingerprint_chunk, chunk))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


class _TextStore:
    """Comparison texts on disk (a temporary file), read back for verification."""

    def __init__(self) -> None:
        self._file: BinaryIO = tempfile.TemporaryFile(prefix="cleaner-dedup-")  # noqa: SIM115
        self._end = 0
        self.paragraphs = functools.lru_cache(maxsize=512)(self._read)

    def put(self, packed: bytes) -> tuple[int, int]:
        self._file.seek(self._end)
        self._file.write(packed)
        where = (self._end, len(packed))
        self._end += len(packed)
        return where

    def _read(self, where: tuple[int, int]) -> tuple[str, ...]:
        self._file.seek(where[0])
        return tuple(self._file.read(where[1]).decode("utf-8").split("\n"))

    def text(self, where: tuple[int, int]) -> str:
        return "".join(self.paragraphs(where))

    def close(self) -> None:
        self._file.close()


# --- result ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SharedParagraphs:
    """Which paragraphs two documents have in common (comparison text, at least
    ``MIN_PARAGRAPH`` characters): how many, out of how many in each, and the first few."""

    count: int
    totals: tuple[int, int]
    first: tuple[str, ...] = ()

    def describe(self) -> str:
        """``shared/paragraphs of the first document`` (the kept one, in a cluster)."""
        return f"{self.count}/{self.totals[0]}"

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "of": list(self.totals), "first": list(self.first)}


def shared_paragraphs(a: Sequence[str], b: Sequence[str], *, examples: int = 3) -> SharedParagraphs:
    """The paragraphs ``a`` and ``b`` share, in ``a``'s order.

    >>> shared = shared_paragraphs(
    ...     ["各位代表", "一年来全镇上下团结奋进成绩喜人", "全年财政收入增长5个百分点"],
    ...     ["一年来全镇上下团结奋进成绩喜人", "全年财政收入增长7个百分点"])
    >>> shared.count, shared.totals, shared.first
    (1, (2, 2), ('一年来全镇上下团结奋进成绩喜人',))
    """
    in_a = [p for p in a if len(p) >= MIN_PARAGRAPH]
    in_b = {p for p in b if len(p) >= MIN_PARAGRAPH}
    common = [p for p in dict.fromkeys(in_a) if p in in_b]
    first = tuple(p if len(p) <= 24 else p[:24] + "…" for p in common[:examples])
    return SharedParagraphs(len(common), (len(set(in_a)), len(in_b)), first)


@dataclass(frozen=True)
class Duplicate:
    path: str
    similarity: float
    kind: str  # "exact" | "near"
    shared: SharedParagraphs

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "similarity": round(self.similarity, 4), "kind": self.kind,
                "shared_paragraphs": self.shared.to_dict()}


@dataclass(frozen=True)
class Cluster:
    keep: str
    duplicates: tuple[Duplicate, ...]
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"keep": self.keep, "duplicates": [d.to_dict() for d in self.duplicates],
                "reason": self.reason}


@dataclass(frozen=True)
class KeptApart:
    """Two documents similar enough to merge that the place/year guard kept apart."""

    paths: tuple[str, str]
    similarity: float
    reason: str
    shared: SharedParagraphs

    def to_dict(self) -> dict[str, object]:
        return {"paths": list(self.paths), "similarity": round(self.similarity, 4),
                "reason": self.reason, "shared_paragraphs": self.shared.to_dict()}


@dataclass(frozen=True)
class DedupProblem:
    path: str
    message: str


@dataclass
class DedupResult:
    """Clusters with at least one duplicate, pairs kept apart, and inputs that failed."""

    threshold: float
    documents: int = 0
    clusters: list[Cluster] = field(default_factory=list)
    kept_apart: list[KeptApart] = field(default_factory=list)
    problems: list[DedupProblem] = field(default_factory=list)
    candidates: int = 0
    """Candidate pairs verified (for the curious and the benchmark)."""

    def duplicate_paths(self) -> list[str]:
        return [d.path for c in self.clusters for d in c.duplicates]

    def to_dict(self) -> dict[str, object]:
        return {
            "threshold": self.threshold, "documents": self.documents,
            "clusters": [c.to_dict() for c in self.clusters],
            "kept_apart": [k.to_dict() for k in self.kept_apart],
            "problems": [{"path": p.path, "error": p.message} for p in self.problems],
        }


# --- keep policy ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Member:
    """What the keep policy looks at."""

    path: str
    truncations: int
    lost: int
    flags: int
    chars: int


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


_CRITERIA: tuple[tuple[str, Callable[[Member], int], Callable[[Member, Member], str]], ...] = (
    ("most complete", lambda m: m.truncations,
     lambda k, r: f"{_plural(k.truncations, 'incomplete-text flag')}, the next has {r.truncations}"),
    ("fewest lost bytes", lambda m: m.lost,
     lambda k, r: f"{_plural(k.lost, 'lost-byte mark')}, the next has {r.lost}"),
    ("fewest flags", lambda m: m.flags,
     lambda k, r: f"{_plural(k.flags, 'flag')}, the next has {r.flags}"),
    ("longest", lambda m: -m.chars,
     lambda k, r: f"{k.chars} characters, the next has {r.chars}"),
)


KEEP_POLICY = ("one report per cluster is kept: the most complete text (fewest 'incomplete' or "
               "truncation flags), then the fewest lost bytes, then the fewest flags of any kind "
               "(a repost still carrying junk or cut short loses), then the longest, then the "
               "first path in sorted order")
"""``choose_keep`` in words, for help texts and reports."""


def choose_keep(members: Sequence[Member]) -> tuple[Member, str]:
    """The member to keep and why: most complete text (fewest incomplete-text flags, then fewest
    lost-byte flags and U+FFFD/锟斤拷 marks), then fewest flags of any kind, then the longest
    comparison text, then the first path in sorted order.

    >>> keep, why = choose_keep([Member("a.txt", 0, 0, 0, 900), Member("b.txt", 0, 0, 0, 950)])
    >>> keep.path, why
    ('b.txt', 'longest: 950 characters, the next has 900')
    >>> choose_keep([Member("b.txt", 0, 0, 0, 9), Member("a.txt", 0, 0, 0, 9)])[1]
    'first in path order: equal by completeness, flags and length'
    >>> choose_keep([Member("a.txt", 1, 0, 1, 990), Member("b.txt", 0, 0, 0, 950)])[1]
    'most complete: 0 incomplete-text flags, the next has 1'
    """
    field_ = sorted(members, key=lambda m: m.path)
    for name, key, explain in _CRITERIA:
        best = min(key(m) for m in field_)
        winners = [m for m in field_ if key(m) == best]
        if len(winners) < len(field_):
            runner_up = min((m for m in field_ if key(m) != best), key=key)
            if len(winners) == 1:
                return winners[0], f"{name}: {explain(winners[0], runner_up)}"
            field_ = winners
    return field_[0], "first in path order: equal by completeness, flags and length"


# --- the search -----------------------------------------------------------------------------

class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        return min(ra, rb)


@dataclass
class _Entry:
    path: str
    digest: bytes
    identity: Identity
    member: Member
    where: tuple[int, int]


INCOMPLETE_FLAGS = ("incomplete",)
"""Flag kinds that say a text is not whole (truncated, paywalled; the boilerplate stage raises
``incomplete``); any kind naming a truncation counts too."""


def is_incomplete_flag(kind: str) -> bool:
    """True for a flag kind saying the text is cut short.

    >>> is_incomplete_flag("incomplete"), is_incomplete_flag("truncated"), is_incomplete_flag("lost_bytes")
    (True, True, False)
    """
    return kind in INCOMPLETE_FLAGS or "truncat" in kind


def _member(fp: Fingerprint) -> Member:
    truncations = sum(map(is_incomplete_flag, fp.flags))
    lost = sum(kind == "lost_bytes" for kind in fp.flags) + fp.lost_marks
    return Member(fp.path, truncations, lost, len(fp.flags), fp.chars)


def find_duplicates(docs: Iterable[DedupDoc], *, threshold: float = DEFAULT_THRESHOLD,
                    jobs: int = 1, clean: bool = True, config: CleanConfig | None = None,
                    on_fingerprint: Callable[[Fingerprint], None] | None = None) -> DedupResult:
    """Find the exact and near duplicates among ``docs`` (see the module docstring).

    ``clean``: clean each document with ``config`` before comparing (give ``False`` for texts
    that are already clean, as ``cleaner clean --dedup`` has them). ``jobs``: worker processes
    for the streaming pass. The result does not depend on ``jobs`` nor on the order of ``docs``
    (paths decide ties). ``on_fingerprint`` is called for each document as it is read (progress).
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    result = DedupResult(threshold)
    store = _TextStore()
    try:
        entries: list[_Entry] = []
        groups = _UnionFind()
        exact: dict[bytes, int] = {}
        index = LSHIndex(BANDS, ROWS)
        indexed: list[int] = []  # LSH number -> entry
        signatures = array("I")
        bins = _SIGNER.bins
        for fp in fingerprints(docs, jobs=jobs, clean=clean, config=config):
            if on_fingerprint is not None:
                on_fingerprint(fp)
            if fp.problem is not None:
                result.problems.append(DedupProblem(fp.path, fp.problem))
                continue
            number = groups.add()
            entries.append(_Entry(fp.path, fp.digest, fp.identity, _member(fp),
                                  store.put(fp.packed)))
            twin = exact.get(fp.digest)
            if twin is not None and identity_conflict(entries[twin].identity, fp.identity) is None:
                groups.union(twin, number)
                continue
            exact.setdefault(fp.digest, number)
            assert fp.signature is not None
            index.add(fp.signature)
            indexed.append(number)
            signatures.extend(fp.signature)
        result.documents = len(entries)

        def signature(n: int) -> memoryview:
            return memoryview(signatures)[n * bins:(n + 1) * bins]

        # Each exact group speaks through its member with the first path, and candidates are
        # taken most similar first, ties by path: the input order does not matter.
        canonical: dict[int, int] = {}
        for number, entry in enumerate(entries):
            root = groups.find(number)
            if root not in canonical or entry.path < entries[canonical[root]].path:
                canonical[root] = number
        candidates = []
        cut = min_estimate(threshold)
        for a, b in index.candidate_pairs():
            estimate = estimate_similarity(signature(a), signature(b))
            if estimate >= cut:
                ea, eb = canonical[groups.find(indexed[a])], canonical[groups.find(indexed[b])]
                if entries[eb].path < entries[ea].path:
                    ea, eb = eb, ea
                candidates.append((-estimate, entries[ea].path, entries[eb].path, ea, eb))
        candidates.sort(key=lambda c: c[:3])
        identities: dict[int, Identity] = {}
        for number, entry in enumerate(entries):
            root = groups.find(number)
            identities[root] = identities.get(root, Identity()).merge(entry.identity)
        apart: dict[int, set[int]] = {}  # cluster -> clusters found in conflict with it
        for *_, ea, eb in candidates:
            ra, rb = groups.find(ea), groups.find(eb)
            if ra == rb or rb in apart.get(ra, ()):
                continue
            result.candidates += 1
            a_text, b_text = store.text(entries[ea].where), store.text(entries[eb].where)
            similarity = Indel.normalized_similarity(a_text, b_text, score_cutoff=threshold)
            if similarity < threshold:
                continue
            conflict = identity_conflict(entries[ea].identity, entries[eb].identity)
            if conflict is None:
                conflict = identity_conflict(identities[ra], identities[rb])
                if conflict is not None:
                    conflict = "alike, but joining them would join clusters whose " + conflict
            if conflict is not None:
                apart.setdefault(ra, set()).add(rb)
                apart.setdefault(rb, set()).add(ra)
                shared = shared_paragraphs(store.paragraphs(entries[ea].where),
                                           store.paragraphs(entries[eb].where))
                result.kept_apart.append(KeptApart((entries[ea].path, entries[eb].path),
                                                   similarity, conflict, shared))
                continue
            root = groups.union(ra, rb)
            identities[root] = identities.pop(ra).merge(identities.pop(rb))
            _merge_apart(apart, ra, rb, root)
        result.clusters = _clusters(entries, groups, store)
        result.kept_apart.sort(key=lambda k: k.paths)
    finally:
        store.close()
    return result


def _merge_apart(apart: dict[int, set[int]], a: int, b: int, root: int) -> None:
    """Clusters ``a`` and ``b`` became ``root``: it is in conflict with whatever either was.

    >>> apart = {1: {5}, 5: {1}, 2: {7}, 7: {2}}
    >>> _merge_apart(apart, 1, 2, 1)
    >>> apart == {1: {5, 7}, 5: {1}, 7: {1}}
    True
    """
    others = apart.pop(a, set()) | apart.pop(b, set())
    if others:
        apart[root] = others
    for other in others:
        apart[other] = (apart[other] - {a, b}) | {root}


def _clusters(entries: list[_Entry], groups: _UnionFind, store: _TextStore) -> list[Cluster]:
    members: dict[int, list[int]] = {}
    for number in range(len(entries)):
        members.setdefault(groups.find(number), []).append(number)
    clusters = []
    for numbers in members.values():
        if len(numbers) < 2:
            continue
        by_path = {entries[n].path: n for n in numbers}
        kept, reason = choose_keep([entries[n].member for n in numbers])
        keep = entries[by_path[kept.path]]
        keep_text = store.text(keep.where)
        duplicates = []
        for n in numbers:
            entry = entries[n]
            if entry is keep:
                continue
            if entry.digest == keep.digest:
                similarity, kind = 1.0, "exact"
            else:
                similarity, kind = Indel.normalized_similarity(keep_text, store.text(entry.where)), "near"
            shared = shared_paragraphs(store.paragraphs(keep.where), store.paragraphs(entry.where))
            duplicates.append(Duplicate(entry.path, similarity, kind, shared))
        duplicates.sort(key=lambda d: d.path)
        clusters.append(Cluster(keep.path, tuple(duplicates), reason))
    clusters.sort(key=lambda c: c.keep)
    return clusters


# --- inputs ---------------------------------------------------------------------------------

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass
class Inputs:
    """The documents named on a command line, read lazily, and what went wrong finding them."""

    files: list[tuple[DedupDoc, PurePath]] = field(default_factory=list)
    """Plain files, each with its path below the folder argument it was found in."""
    jsonl: list[Path] = field(default_factory=list)
    text_key: str = "text"
    problems: list[DedupProblem] = field(default_factory=list)

    def movable(self) -> dict[str, tuple[Path, PurePath]]:
        """Each file document's path -> (its file, its path below the folder it was found in)."""
        return {doc.path: (doc.source, rel) for doc, rel in self.files if doc.source is not None}

    def docs(self) -> Iterator[DedupDoc]:
        """File documents, then each JSONL record (read line by line, never all at once)."""
        for doc, _ in self.files:
            yield doc
        for path in self.jsonl:
            yield from self._records(path)

    def _records(self, path: Path) -> Iterator[DedupDoc]:
        try:
            handle = path.open("rb")
        except OSError as exc:
            self.problems.append(DedupProblem(str(path), _os_reason(exc)))
            return
        with handle:
            for number, raw in enumerate(handle, start=1):
                where = f"{path}:{number}"
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    self.problems.append(DedupProblem(where, f"not a JSON line: {exc}"))
                    continue
                text = record.get(self.text_key) if isinstance(record, dict) else None
                if not isinstance(text, str):
                    self.problems.append(DedupProblem(
                        where, f"no {self.text_key!r} text field (choose the field with --text-key)"))
                    continue
                yield DedupDoc(where, text=text)


def collect_inputs(arguments: Sequence[str], *, glob: str | None = None, jsonl: bool = False,
                   text_key: str = "text", skip: Path | None = None) -> Inputs:
    """Files and folders (searched recursively, sorted) as documents. A file is JSON Lines
    with ``jsonl`` or when it ends in .jsonl/.ndjson. ``skip`` is a folder left out (where
    duplicates are moved to, when it sits inside an input folder)."""
    inputs = Inputs(text_key=text_key)
    pattern = glob or ("*.jsonl" if jsonl else "*.txt")
    skipped = skip.resolve() if skip is not None else None
    seen: set[Path] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.rglob(pattern) if p.is_file()
                           and (skipped is None or not p.resolve().is_relative_to(skipped)))
            if not found:
                inputs.problems.append(DedupProblem(argument, f"no files matching {pattern!r} "
                                                    "in this folder (choose others with --glob)"))
            for file in found:
                _add_file(inputs, file, file.relative_to(path), jsonl, seen)
        elif path.is_file():
            _add_file(inputs, path, PurePath(path.name), jsonl, seen)
        else:
            inputs.problems.append(DedupProblem(argument, "no such file or directory"))
    return inputs


def _add_file(inputs: Inputs, path: Path, relative: PurePath, jsonl: bool, seen: set[Path]) -> None:
    """Add a file once, however many arguments name it (a file is no duplicate of itself)."""
    resolved = path.resolve()
    if resolved in seen:
        return
    seen.add(resolved)
    if jsonl or path.suffix.lower() in JSONL_SUFFIXES:
        inputs.jsonl.append(path)
    else:
        inputs.files.append((DedupDoc(str(path), source=path), relative))


# --- moving duplicates aside ----------------------------------------------------------------

def move_aside(source: Path, target: Path) -> None:
    """Move one file to ``target`` (creating folders), never overwriting, never deleting it
    first: a rename when both are on one file system, else a copy renamed into place, then the
    source removed. Raises ``FileExistsError`` when ``target`` exists."""
    if target.exists() or target.is_symlink():
        raise FileExistsError(17, "the target exists: not overwritten", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
        return
    except OSError as exc:
        if exc.errno != 18:  # EXDEV: another file system
            raise
    temp = target.with_name(f".{target.name}.moving")
    shutil.copy2(source, temp)
    os.replace(temp, target)
    source.unlink()


def move_duplicates(result: DedupResult, files: Mapping[str, tuple[Path, PurePath]],
                    destination: Path) -> list[DedupProblem]:
    """Move every duplicate below ``destination``; returns those that could not be moved, and why.

    ``files`` maps a document's path (as in ``result``) to the file to move and its path below
    ``destination`` (``Inputs.movable()``: the input file and its path below the folder it was
    found in; ``cleaner clean --dedup``: the output file and its path below the output folder).
    """
    problems = []
    for path in result.duplicate_paths():
        source, rel = files[path]
        target = destination / rel
        try:
            move_aside(source, target)
        except OSError as exc:
            problems.append(DedupProblem(path, f"cannot move to {target}: "
                                         f"{(exc.strerror or str(exc)).lower()}"))
    return problems


# --- command line ---------------------------------------------------------------------------

DESCRIPTION = """\
Find reports that are the same report: exact copies, reposts with other boilerplate, and
lightly edited copies. Keep one per cluster (most complete text, fewest flags, longest, then
path order) and say why.

Documents are cleaned first (as 'cleaner clean' would) and compared on their letters, digits
and Chinese characters: punctuation, spaces and line breaks do not count, digits do. Candidates
come from MinHash/LSH over character 5-grams and are verified with rapidfuzz (similarity 0-1).
Reports whose place (…镇/乡/街道/县/区/市) or report year, read from the title block and the
opening lines, clearly differ are never merged, however similar: they are listed as kept apart.

Nothing is deleted: --move-duplicates moves the duplicate files aside.

Exit codes: 0 done; 1 an input could not be read or a file not moved (the rest is done);
2 a usage error."""

EPILOG = """\
examples:
  cleaner dedup reports/
      list the clusters of duplicates among reports/**/*.txt
  cleaner dedup reports/ --report dups.json --move-duplicates dups/
      write a JSON report and move the duplicates to dups/, mirroring reports/'s layout
  cleaner dedup corpus.jsonl --text-key content -j 2
      one report per JSON line (field 'content'), two worker processes
  cleaner dedup a.txt b.txt --threshold 0.95 --no-clean
      compare two files as decoded, without cleaning, with a stricter threshold"""


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1 (not {value})")
    return number


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (not {value})")
    return number


def add_dedup_parser(subparsers: Any) -> None:
    """Declare ``cleaner dedup`` on an ``add_subparsers()`` object; it runs ``run_dedup``."""
    parser = subparsers.add_parser(
        "dedup", help="find exact and near-duplicate reports and keep one of each",
        description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run_dedup)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a file, a folder (searched recursively) or a JSONL file")
    where = parser.add_argument_group("input")
    where.add_argument("--glob", metavar="PATTERN",
                       help="which files to take from folders (default '*.txt', with --jsonl "
                            "'*.jsonl')")
    where.add_argument("--jsonl", action="store_true",
                       help="inputs are JSON Lines, one report per line (automatic for "
                            ".jsonl/.ndjson files)")
    where.add_argument("--text-key", default="text", metavar="KEY",
                       help="the JSONL field holding the text (default 'text')")
    where.add_argument("--clean", action=argparse.BooleanOptionalAction, default=True,
                       help="clean each document before comparing (default: yes; --no-clean "
                            "compares the decoded text)")
    match = parser.add_argument_group("matching")
    match.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD, metavar="T",
                       help=f"similarity from which two reports are the same (0-1, default "
                            f"{DEFAULT_THRESHOLD}; below about 0.75 some pairs are missed: the "
                            "candidate search is tuned for near duplicates)")
    out = parser.add_argument_group("output and run")
    out.add_argument("--report", type=Path, metavar="FILE.json",
                     help="write the clusters, the pairs kept apart and the problems as JSON "
                          "('-' for standard output)")
    out.add_argument("--move-duplicates", type=Path, metavar="DIR",
                     help="move the duplicate files (never the kept ones) below DIR, mirroring "
                          "their paths below the folder they were found in; nothing is overwritten")
    out.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    out.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                     help="worker processes (default: all cores)")


def _error(message: str) -> None:
    print(f"cleaner: error: {message}", file=sys.stderr)


def run_dedup(args: argparse.Namespace) -> int:
    """Run ``cleaner dedup``; returns the exit code."""
    inputs = collect_inputs(args.paths, glob=args.glob, jsonl=args.jsonl, text_key=args.text_key,
                            skip=args.move_duplicates)
    if args.move_duplicates is not None and inputs.jsonl:
        _error("--move-duplicates moves files, and records of a JSONL file cannot be moved: "
               f"drop {inputs.jsonl[0]} or use --report to list the duplicate records")
        return EXIT_USAGE
    jobs = args.jobs or os.cpu_count() or 1
    result = find_duplicates(inputs.docs(), threshold=args.threshold, jobs=jobs, clean=args.clean)
    result.problems[:0] = inputs.problems
    status = EXIT_FAILED if result.problems else EXIT_OK
    for problem in result.problems:
        _error(f"{problem.path}: {problem.message}")
    if args.move_duplicates is not None:
        for problem in move_duplicates(result, inputs.movable(), args.move_duplicates):
            _error(f"{problem.path}: {problem.message}")
            status = EXIT_FAILED
    if args.report is not None:
        payload = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if str(args.report) == "-":
            sys.stdout.write(payload)
        else:
            try:
                _write_report(args.report, payload)
            except OSError as exc:
                _error(f"{args.report}: cannot write the report: {(exc.strerror or exc)}")
                status = EXIT_FAILED
    if not args.quiet and str(args.report) != "-":
        print_result(result, moved_to=args.move_duplicates)
    return status


def _write_report(path: Path, payload: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(payload, encoding="utf-8")
    os.replace(temp, path)


def print_result(result: DedupResult, *, moved_to: Path | None = None, console: Any = None) -> None:
    """The clusters as a table (cluster, kept file, duplicates with similarity and kind, shared
    paragraphs), the pairs kept apart, and a summary line."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    if result.clusters:
        table = Table(title="duplicates", title_justify="left")
        for column in ("#", "kept", "why kept", "duplicate", "similarity", "kind", "shared ¶"):
            table.add_column(column, overflow="fold",
                             justify="right" if column in ("#", "similarity", "shared ¶") else "left")
        for number, cluster in enumerate(result.clusters, start=1):
            for place, dup in enumerate(cluster.duplicates):
                first = place == 0
                table.add_row(str(number) if first else "", cluster.keep if first else "",
                              cluster.reason.split(":", 1)[0] if first else "", dup.path,
                              f"{dup.similarity:.3f}", dup.kind, dup.shared.describe(),
                              end_section=place == len(cluster.duplicates) - 1)
        console.print(table)
    if result.kept_apart:
        table = Table(title="similar but kept apart", title_justify="left")
        for column in ("report", "report", "similarity", "shared ¶", "why"):
            table.add_column(column, overflow="fold")
        for pair in result.kept_apart:
            table.add_row(pair.paths[0], pair.paths[1], f"{pair.similarity:.3f}",
                          pair.shared.describe(), pair.reason)
        console.print(table)
    duplicates = [d for c in result.clusters for d in c.duplicates]
    exact = sum(d.kind == "exact" for d in duplicates)
    summary = (f"{result.documents} documents: {len(result.clusters)} clusters with "
               f"{len(duplicates)} duplicates ({exact} exact, {len(duplicates) - exact} near); "
               f"{len(result.kept_apart)} similar pairs kept apart by place or year")
    if moved_to is not None:
        summary += f"; duplicates moved to {moved_to}"
    if result.problems:
        count = len(result.problems)
        summary += f"; {count} input{'s' if count != 1 else ''} could not be read"
    console.print(summary, highlight=False)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m cleaner.dedup …``: the dedup command on its own."""
    parser = argparse.ArgumentParser(prog="cleaner")
    add_dedup_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["dedup", *(sys.argv[1:] if argv is None else argv)])
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
