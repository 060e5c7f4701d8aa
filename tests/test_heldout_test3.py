"""The third blind test set (bench/heldout_test3.py) measures what it says: deterministic, every
family builds, every injected string is in the input and not in the gold, near misses are gold,
and no form is a form of another held-out set. These run the generator only, never the cleaner.
"""

from __future__ import annotations

import pytest

from bench import heldout, heldout_dev2, heldout_test3, score

SEEDS = range(4)
# families whose noise may be spliced inside a sentence (the input itself then breaks it)
SPLICED = ("paywall", "cms-tags", "inline-watermark", "doc-share")


@pytest.mark.parametrize("family", heldout_test3.FAMILIES)
def test_generator_is_deterministic(family: str) -> None:
    for seed in SEEDS:
        assert heldout_test3.make_heldout(family, seed) == heldout_test3.make_heldout(family, seed), seed
    assert heldout_test3.make_heldout(family, 0).data != heldout_test3.make_heldout(family, 1).data


@pytest.mark.parametrize("family", heldout_test3.FAMILIES)
def test_every_family_builds_noise_that_is_in_the_input_only(family: str) -> None:
    for seed in SEEDS:
        sample = heldout_test3.make_heldout(family, seed)
        texts = [item.text for item in sample.noise]
        assert texts, (family, seed)
        assert all(item.form.startswith(family + ": ") for item in sample.noise), (family, seed)
        missing = [text for text in texts if text not in sample.data]
        assert not missing, (family, seed, missing)
        # the input itself leaves every string: removal can only come from cleaning
        counts, left, _ = score.score_heldout(sample.data, sample.gold, texts, sample.near_misses)
        assert counts.removed == 0.0 and len(left) == len(set(texts)), (family, seed)
        assert counts.sentences_lost == 0 or family in SPLICED, (family, seed)
        assert sample.near_misses and all(s in sample.gold for s in sample.near_misses), (family, seed)


def test_noise_never_holds_a_gold_sentence() -> None:
    """A noise string is page furniture: none of them contains a whole sentence of the report (a
    title, which has no sentence end, may be quoted by a 文库 or forum head)."""
    for family in heldout_test3.FAMILIES:
        for seed in SEEDS:
            sample = heldout_test3.make_heldout(family, seed)
            gold = {s for p in sample.gold.split("\n") for s in score.sentences(p)
                    if s.endswith(("。", "！", "？"))}
            assert [t.text for t in sample.noise if any(s in t.text for s in gold)] == [], (family, seed)


@pytest.mark.parametrize("family", heldout_test3.FAMILIES)
def test_samples_differ_from_the_development_sets(family: str) -> None:
    data = heldout_test3.make_heldout(family, 0).data
    assert data not in (heldout.make_heldout(family, 0).data, heldout_dev2.make_heldout(family, 0).data)


def test_build_heldout_covers_families_and_seeds() -> None:
    samples = heldout_test3.build_heldout(["forum", "doc-share"], range(3))
    assert [(s.family, s.seed) for s in samples] == [(f, n) for f in ("forum", "doc-share") for n in range(3)]


def test_set_is_broad() -> None:
    assert heldout_test3.FAMILIES == heldout.FAMILIES
    assert heldout_test3.form_count() >= 300
    assert all(len(heldout_test3.FORMS[family]) >= 20 for family in heldout_test3.FAMILIES)
    assert len(heldout_test3.NEAR_MISSES) >= 50
    assert len(set(heldout_test3.NEAR_MISSES)) == len(heldout_test3.NEAR_MISSES)
    assert not set(heldout_test3.NEAR_MISSES) & {*heldout.NEAR_MISSES, *heldout_dev2.NEAR_MISSES}


def test_every_form_is_used() -> None:
    """Each form of each family is drawn by some sample (none is dead weight in the count)."""
    used = {n.form for family in heldout_test3.FAMILIES for seed in range(150)
            for n in heldout_test3.make_heldout(family, seed).noise}
    unused = [f"{family}: {form}" for family, forms in heldout_test3.FORMS.items() for form in forms
              if f"{family}: {form}" not in used]
    assert unused == []


def test_names_are_new() -> None:
    assert heldout_test3._names_are_new() == []


def test_forms_are_not_forms_of_the_other_sets() -> None:
    """No template has the skeleton of a template of another set, and no string the set injects
    (noise or near miss) fills one, with its own names or with dev names."""
    assert {"bench.heldout", "bench.heldout_dev2", "bench.heldout_dev3", "bench.heldout_test",
            "bench.heldout_test2"} <= set(heldout_test3.other_sets())
    strings = [text for family in heldout_test3.FAMILIES for seed in range(12)
               for sample in [heldout_test3.make_heldout(family, seed)]
               for text in (*(n.text for n in sample.noise), *sample.near_misses)]
    assert len(strings) > 800
    assert heldout_test3.overlaps(strings) == []


def test_overlap_check_is_not_vacuous() -> None:
    """Every string the dev and dev2 sets inject (jammers aside) is caught, and so is a dev form
    filled with this set's names instead of dev's."""
    strings = [n.text for module in (heldout, heldout_dev2) for family in module.FAMILIES
               for sample in [module.make_heldout(family, 0)] for n in sample.noise if "jammer" not in n.form]
    assert len(strings) > 50
    found = heldout_test3.overlaps(strings)
    assert [s for s in strings if not any(f"string {s!r} " in clash for clash in found)] == []
    renamed = "更多范文请访问文案铺子（www.wenanpuzi.com）"  # a dev form with one of this set's sites
    assert heldout_test3.overlaps([renamed]) != []
