"""The second blind test set (bench/heldout_test2.py) measures what it says: deterministic, every
family builds, every injected string is in the input and not in the gold, near misses are gold,
and no form is a form of another held-out set. These run the generator only, never the cleaner.
"""

from __future__ import annotations

import pytest

from bench import heldout, heldout_dev2, heldout_test2, score

SEEDS = range(4)


@pytest.mark.parametrize("family", heldout_test2.FAMILIES)
def test_generator_is_deterministic(family: str) -> None:
    for seed in SEEDS:
        assert heldout_test2.make_heldout(family, seed) == heldout_test2.make_heldout(family, seed), seed
    assert heldout_test2.make_heldout(family, 0).data != heldout_test2.make_heldout(family, 1).data


@pytest.mark.parametrize("family", heldout_test2.FAMILIES)
def test_every_family_builds_noise_that_is_in_the_input_only(family: str) -> None:
    for seed in SEEDS:
        sample = heldout_test2.make_heldout(family, seed)
        texts = [item.text for item in sample.noise]
        assert texts, (family, seed)
        assert all(item.form.startswith(family + ": ") for item in sample.noise), (family, seed)
        missing = [text for text in texts if text not in sample.data]
        assert not missing, (family, seed, missing)
        # the input itself leaves every string: removal can only come from cleaning
        counts, left, _ = score.score_heldout(sample.data, sample.gold, texts, sample.near_misses)
        assert counts.removed == 0.0 and len(left) == len(set(texts)), (family, seed)
        assert counts.sentences_lost == 0 or family in ("paywall", "cms-tags", "inline-watermark")
        assert sample.near_misses and all(s in sample.gold for s in sample.near_misses), (family, seed)


@pytest.mark.parametrize("family", heldout_test2.FAMILIES)
def test_samples_differ_from_the_development_sets(family: str) -> None:
    data = heldout_test2.make_heldout(family, 0).data
    assert data not in (heldout.make_heldout(family, 0).data, heldout_dev2.make_heldout(family, 0).data)


def test_build_heldout_covers_families_and_seeds() -> None:
    samples = heldout_test2.build_heldout(["forum", "paywall"], range(3))
    assert [(s.family, s.seed) for s in samples] == [(f, n) for f in ("forum", "paywall") for n in range(3)]


def test_set_is_broad() -> None:
    assert heldout_test2.FAMILIES == heldout.FAMILIES
    assert heldout_test2.form_count() >= 250
    assert sum(len(forms) >= 20 for forms in heldout_test2.FORMS.values()) >= 10
    assert len(heldout_test2.NEAR_MISSES) >= 40
    assert not set(heldout_test2.NEAR_MISSES) & {*heldout.NEAR_MISSES, *heldout_dev2.NEAR_MISSES}


def test_names_are_new() -> None:
    assert heldout_test2._names_are_new() == []


def test_forms_are_not_forms_of_the_other_sets() -> None:
    """No template has the skeleton of a template of dev, dev2, dev3 or test, and no string the
    set injects (noise or near miss) fills one, with its own names or with dev names."""
    assert set(heldout_test2.OTHER_SETS) == set(heldout_test2.other_sets())
    strings = [text for family in heldout_test2.FAMILIES for seed in range(12)
               for sample in [heldout_test2.make_heldout(family, seed)]
               for text in (*(n.text for n in sample.noise), *sample.near_misses)]
    assert len(strings) > 800
    assert heldout_test2.overlaps(strings) == []


def test_overlap_check_is_not_vacuous() -> None:
    """Every string the dev and dev2 sets inject (jammers aside) is caught, and so is a dev form
    filled with this set's names instead of dev's."""
    strings = [n.text for module in (heldout, heldout_dev2) for family in module.FAMILIES
               for sample in [module.make_heldout(family, 0)] for n in sample.noise if "jammer" not in n.form]
    assert len(strings) > 50
    found = heldout_test2.overlaps(strings)
    assert [s for s in strings if not any(f"string {s!r} " in clash for clash in found)] == []
    renamed = "更多范文请访问公文帮手网（www.gwbangshou.com）"  # a dev form with one of this set's sites
    assert heldout_test2.overlaps([renamed]) != []
