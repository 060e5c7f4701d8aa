"""The third held-out development set (bench/heldout_dev3.py) measures what it says: deterministic
samples, every injected string really in the input and absent from the gold, near misses in the
gold, and no form of the dev or dev2 sets (the overlap check, and proof that it is not vacuous).
These run the generator only, never the cleaner."""

from __future__ import annotations

import pytest

from bench import fidelity, heldout, heldout_dev2, heldout_dev3, score

SEEDS = range(4)


@pytest.mark.parametrize("family", heldout_dev3.FAMILIES)
def test_samples_are_deterministic_and_vary_with_the_seed(family: str) -> None:
    for seed in SEEDS:
        assert heldout_dev3.make_heldout(family, seed) == heldout_dev3.make_heldout(family, seed), seed
    assert heldout_dev3.make_heldout(family, 0).data != heldout_dev3.make_heldout(family, 1).data


@pytest.mark.parametrize("family", heldout_dev3.FAMILIES)
def test_every_family_builds_its_noise_into_the_input_only(family: str) -> None:
    for seed in SEEDS:
        sample = heldout_dev3.make_heldout(family, seed)
        texts = [item.text for item in sample.noise]
        assert texts, seed
        assert [text for text in texts if text not in sample.data] == [], seed
        # the input itself leaves every string: removal can only come from cleaning
        counts, left, _ = score.score_heldout(sample.data, sample.gold, texts, sample.near_misses)
        assert counts.removed == 0.0 and len(left) == len(set(texts)), seed
        assert counts.sentences_lost == 0 or family in ("paywall", "cms-tags", "inline-watermark"), seed
        assert sample.near_misses and all(s in sample.gold for s in sample.near_misses), seed


@pytest.mark.parametrize("family", heldout_dev3.FAMILIES)
def test_samples_differ_from_the_other_development_sets(family: str) -> None:
    data = heldout_dev3.make_heldout(family, 0).data
    assert data not in (heldout.make_heldout(family, 0).data, heldout_dev2.make_heldout(family, 0).data)


def test_the_set_is_broad_and_registered() -> None:
    assert heldout_dev3.FAMILIES == heldout.FAMILIES
    assert all(len(forms) >= 20 for forms in heldout_dev3.FORMS.values())
    assert heldout_dev3.form_count() >= 300
    assert len(heldout_dev3.NEAR_MISSES) >= 40
    assert not set(heldout_dev3.NEAR_MISSES) & {*heldout.NEAR_MISSES, *heldout_dev2.NEAR_MISSES}
    assert fidelity.heldout_set("dev3") is heldout_dev3


def _strings(module, seeds: range) -> list[str]:
    return [text for family in module.FAMILIES for seed in seeds
            for sample in [module.make_heldout(family, seed)]
            for text in (*(n.text for n in sample.noise), *sample.near_misses)]


def test_no_form_refills_a_dev_or_dev2_template() -> None:
    strings = _strings(heldout_dev3, range(12))
    assert len(strings) > 800
    assert heldout_dev3.overlaps(strings) == []


@pytest.mark.parametrize("module", [heldout, heldout_dev2])
def test_the_overlap_check_catches_the_other_sets_strings(module) -> None:
    """Not vacuous: every noise string the dev and dev2 sets inject (jammers aside) is caught."""
    strings = [n.text for family in module.FAMILIES for seed in range(3)
               for sample in [module.make_heldout(family, seed)]
               for n in sample.noise if "jammer" not in n.form]
    assert len(strings) > 100
    assert len(heldout_dev3.overlaps(strings)) == len(strings)


def test_the_overlap_check_sees_through_new_names() -> None:
    """A dev template re-filled with one of this set's site names is still caught."""
    refilled = ["公文派整理", "本文来源于妙笔范文网，更多精彩内容请关注www.miaobifw.com"]
    assert len(heldout_dev3.overlaps(refilled)) == len(refilled)
    assert heldout_dev3.overlaps(["本文首发于公文派"]) == []
