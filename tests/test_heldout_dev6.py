"""The sixth held-out development set (bench/heldout_dev6.py) measures what it says: deterministic
samples, every injected string really in the input and absent from the gold, near misses in the
gold, most forms in the weak families, new names, and no form of any other set (the overlap check,
and proof that it is not vacuous). These run the generator only, never the cleaner; the blind sets
are only called through code, their forms are never shown."""

from __future__ import annotations

import pytest

from bench import (
    fidelity,
    heldout,
    heldout_dev2,
    heldout_dev3,
    heldout_dev4,
    heldout_dev5,
    heldout_dev6,
    score,
)

SEEDS = range(4)
# families whose placement splices noise inside a sentence or glues it to a paragraph's start, so
# the raw input itself can break a gold sentence (cleaning has to restore it)
SPLICED = ("paywall", "cms-tags", "inline-watermark", "farm-ads", "forum")
NOISE_WORDS = ("扫码", "关注", "二维码", "微信", "公众号", "来源", "打印", "分享", "直播", "会员", "下载",
               "阅读", "登录", "目录", "索引", "评论", "点赞", "转载", "收藏", "积分", "浏览", "上传",
               "原创", "全文", "付费", "首页", "网站", "共享", "发布", "楼", "扫", "信息", "点击", "回复")
DEV_SETS = (heldout, heldout_dev2, heldout_dev3, heldout_dev4, heldout_dev5)


@pytest.mark.parametrize("family", heldout_dev6.FAMILIES)
def test_samples_are_deterministic_and_vary_with_the_seed(family: str) -> None:
    for seed in SEEDS:
        assert heldout_dev6.make_heldout(family, seed) == heldout_dev6.make_heldout(family, seed), seed
    assert heldout_dev6.make_heldout(family, 0).data != heldout_dev6.make_heldout(family, 1).data


@pytest.mark.parametrize("family", heldout_dev6.FAMILIES)
def test_every_family_builds_its_noise_into_the_input_only(family: str) -> None:
    for seed in SEEDS:
        sample = heldout_dev6.make_heldout(family, seed)
        texts = [item.text for item in sample.noise]
        assert texts, seed
        assert [text for text in texts if text not in sample.data] == [], seed
        assert [text for text in texts if text in sample.gold] == [], seed
        # the input itself leaves every string: removal can only come from cleaning
        counts, left, _ = score.score_heldout(sample.data, sample.gold, texts, sample.near_misses)
        assert counts.removed == 0.0 and len(left) == len(set(texts)), seed
        assert counts.sentences_lost == 0 or family in SPLICED, seed
        assert sample.near_misses and all(s in sample.gold for s in sample.near_misses), seed


@pytest.mark.parametrize("family", heldout_dev6.FAMILIES)
def test_samples_differ_from_the_other_development_sets(family: str) -> None:
    data = heldout_dev6.make_heldout(family, 0).data
    others = DEV_SETS
    assert data not in [module.make_heldout(family, 0).data for module in others]


def test_the_set_is_broad_heavy_on_the_weak_families_and_registered() -> None:
    assert heldout_dev6.FAMILIES == heldout.FAMILIES
    assert all(len(forms) >= 20 for forms in heldout_dev6.FORMS.values())
    assert heldout_dev6.form_count() >= 350
    assert heldout_dev6.weak_share() >= 0.8
    assert set(heldout_dev6.WEAK_FAMILIES) < set(heldout_dev6.FAMILIES)
    assert fidelity.heldout_set("dev6") is heldout_dev6


def test_near_misses_are_many_new_and_share_the_noise_words() -> None:
    near = heldout_dev6.NEAR_MISSES
    assert len(near) >= 60
    assert len(set(near)) == len(near)
    assert not set(near) & {s for module in DEV_SETS for s in module.NEAR_MISSES}
    assert [s for s in near if not any(word in s for word in NOISE_WORDS)] == []
    assert all(s.endswith("。") for s in near)  # whole report sentences


def _strings(module, seeds: range) -> list[str]:
    return [text for family in module.FAMILIES for seed in seeds
            for sample in [module.make_heldout(family, seed)]
            for text in (*(n.text for n in sample.noise), *sample.near_misses)]


def test_no_form_refills_a_template_of_another_set() -> None:
    assert {"dev", "dev2", "dev3", "dev4", "dev5", "test", "test2", "test3"} <= set(heldout_dev6.other_sets())
    strings = _strings(heldout_dev6, range(12))
    assert len(strings) > 800
    assert heldout_dev6.overlaps(strings) == []


@pytest.mark.parametrize("module", DEV_SETS)
def test_the_overlap_check_catches_the_other_sets_strings(module) -> None:
    """Not vacuous: every noise string the development sets inject (jammers aside) is caught."""
    strings = [n.text for family in module.FAMILIES for seed in range(3)
               for sample in [module.make_heldout(family, seed)]
               for n in sample.noise if "jammer" not in n.form]
    assert len(strings) > 100
    assert len(heldout_dev6.overlaps(strings)) == len(strings)


def test_the_overlap_check_sees_through_new_names() -> None:
    """A dev template re-filled with one of this set's site names is still caught."""
    refilled = ["砚田范文苑整理", "本文来源于案牍集萃网，更多精彩内容请关注www.andujicui.com"]
    assert len(heldout_dev6.overlaps(refilled)) == len(refilled)
    assert heldout_dev6.overlaps(["砚田范文苑的老师傅说这份材料写得扎实"]) == []


def test_the_names_are_new() -> None:
    """No site, account, document site, forum, nickname or portal of this set is in any other set's
    samples (checked through code: nothing of the blind sets is shown)."""
    for name, module in heldout_dev6.other_sets().items():
        texts = [sample.data for family in module.FAMILIES for seed in range(3)
                 for sample in [module.make_heldout(family, seed)]]
        texts += heldout_dev6.templates_of(module)
        used = [ours for ours in heldout_dev6._NAMES if any(ours in text for text in texts)]
        assert used == [], name


def test_no_string_of_another_set_fills_a_template_of_this_set() -> None:
    """The other way round: the sets written before keep apart from this one too, so a later set's
    overlap check against dev6 sees no clash that is not its own (counted only: nothing shown)."""
    from bench import overlap
    from bench.heldout_dev2 import _squeeze

    templates = heldout_dev6.templates_of(heldout_dev6)
    ours = [overlap.template_regex(t) for t in templates if overlap.says_something(t)]
    for name, module in heldout_dev6.other_sets().items():
        strings = [_squeeze(s) for s in _strings(module, range(6))]
        assert sum(1 for s in strings if any(p.fullmatch(s) for p in ours)) == 0, name
