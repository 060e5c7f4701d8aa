"""MinHash signatures and LSH banding: stable, accurate enough, and linear on big buckets."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from cleaner import minhash
from cleaner.minhash import (
    LSHIndex,
    Signer,
    collision_probability,
    estimate_similarity,
    shingle_hashes,
)

TEXT = "".join((Path(__file__).parent / "data" / "dedup" / "luozhen-2022.txt")
               .read_text(encoding="utf-8").split())


def jaccard(a: str, b: str) -> float:
    sa, sb = set(shingle_hashes(a)), set(shingle_hashes(b))
    return len(sa & sb) / len(sa | sb)


def test_signature_is_the_same_in_another_process_with_another_hash_seed() -> None:
    code = ("import sys; from cleaner.minhash import Signer; "
            "sys.stdout.write(Signer().sign(sys.stdin.read()).tobytes().hex())")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", code], input=TEXT[:3000], env=env,
                           capture_output=True, text=True, check=True).stdout
    assert other == Signer().sign(TEXT[:3000]).tobytes().hex()


def test_estimate_tracks_the_true_jaccard_similarity() -> None:
    rng = random.Random(1)
    signer = Signer()
    errors = []
    for cut in (500, 1500, 3000, 4500):
        a = TEXT[:6000]
        chars = list(a)
        for i in rng.sample(range(len(chars)), cut // 10):
            chars[i] = "〇"
        b = "".join(chars)[: 6000 - cut // 3]
        errors.append(abs(estimate_similarity(signer.sign(a), signer.sign(b)) - jaccard(a, b)))
    assert max(errors) < 0.15  # the standard error is about 0.045 for 128 bins


def test_one_changed_digit_changes_the_signature() -> None:
    signer = Signer()
    assert signer.sign("二〇二二年财政收入增长2022万元") != signer.sign("二〇二二年财政收入增长2023万元")


def test_short_texts_fill_every_bin_and_stay_comparable() -> None:
    signer = Signer()
    short = "各位代表现在我代表镇人民政府向大会报告工作"  # 17 shingles for 128 bins
    assert signer.sign(short) == signer.sign(short)
    similar = estimate_similarity(signer.sign(short), signer.sign(short + "请予审议"))
    template = "坚持以习近平新时代中国特色社会主义思想为指导"
    unrelated = estimate_similarity(signer.sign(short), signer.sign(template))
    assert similar > 0.5 > unrelated


def test_signer_refuses_shapes_it_cannot_use() -> None:
    with pytest.raises(ValueError, match="power of two"):
        Signer(bins=100)
    with pytest.raises(ValueError, match="shingle size"):
        Signer(size=0)


def test_lsh_pairs_near_duplicates_and_not_unrelated_text() -> None:
    signer = Signer()
    index = LSHIndex(bands=32, rows=4)
    original = TEXT[:4000]
    edited = original[:1000] + "全年共组织开展专题培训多次" + original[1010:]
    for text in (original, TEXT[4000:8000], edited, TEXT[8000:12000]):
        index.add(signer.sign(text))
    assert list(index.candidate_pairs()) == [(0, 2)]


def test_a_large_bucket_is_linked_linearly_and_stays_connected() -> None:
    index = LSHIndex(bands=2, rows=2, large_bucket=10)
    for _ in range(50):
        index.add(array("I", [1, 2, 3, 4]))
    pairs = list(index.candidate_pairs())
    assert len(pairs) < 2 * 50  # not 50 * 49 / 2
    reached = {0}
    for a, b in pairs:  # pairs come head-first, then as a chain
        if a in reached:
            reached.add(b)
    assert reached == set(range(50))


def test_collision_probability_rises_with_similarity() -> None:
    low, high = collision_probability(0.2, 32, 4), collision_probability(0.7, 32, 4)
    assert low < 0.1 < 0.99 < high


@pytest.mark.parametrize("keep_per_bin", [8, 1])  # with 1, most texts need the full pass too
def test_the_c_speed_filter_never_changes_the_signature(keep_per_bin: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minhash, "KEEP_PER_BIN", keep_per_bin)
    signer = Signer()
    for length in (200, 1100, 3000, len(TEXT)):
        text = TEXT[:length]
        assert signer.sign(text) == signer._sign_all(shingle_hashes(text))
