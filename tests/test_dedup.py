"""Near-duplicate detection: what is merged, what is kept apart, and the command around it.

The fixtures are two real 2022 township reports from seed 000 (tests/data/dedup/README.md);
reposts, light edits and a second year are derived from them here, deterministically.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from pathlib import Path

import pytest
from rapidfuzz.distance import Indel

from cleaner import clean_text
from cleaner.dedup import (
    DEFAULT_THRESHOLD,
    DedupDoc,
    Identity,
    add_dedup_parser,
    comparison_paragraphs,
    find_duplicates,
    guess_identity,
    identity_conflict,
    run_dedup,
    shared_paragraphs,
)

DATA = Path(__file__).parent / "data" / "dedup"
LUOZHEN = (DATA / "luozhen-2022.txt").read_text(encoding="utf-8")
GAOPING = (DATA / "gaoping-2022.txt").read_text(encoding="utf-8")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*年)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def repost(text: str) -> str:
    """The report as another site shows it: a meta line and an editor's credit around it,
    full-width punctuation, indented paragraphs separated by blank lines."""
    body = text.translate(str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}))
    paragraphs = ["\u3000\u3000" + line for line in body.split("\n") if line.strip()]
    return ("来源：罗针镇人民政府 发布时间：2022-11-03 09:51 浏览次数：1407\n\n"
            + "\n\n".join(paragraphs) + "\n\n（责任编辑：李仁强）\n")


def light_edit(text: str) -> str:
    """Two sentences rewritten and three figures changed, far from the title block."""
    lines = text.split("\n")
    for number in (len(lines) // 3, 2 * len(lines) // 3):
        sentences = lines[number].split("。")
        sentences[0] = "全年共组织开展专题培训和现场观摩活动多次，参与群众明显增加"
        lines[number] = "。".join(sentences)
    edited = "\n".join(lines)
    figures = list(_FIGURE.finditer(edited))[10:13]
    for match in reversed(figures):
        edited = edited[:match.start()] + str(int(float(match.group())) + 3) + edited[match.end():]
    return edited


def next_year(text: str) -> str:
    """The same township's report a year later: every year +1 and every third figure changed."""
    counter = iter(range(10**6))
    text = _FIGURE.sub(lambda m: m.group() + "1" if next(counter) % 3 == 0 else m.group(), text)
    return _YEAR.sub(lambda m: str(int(m.group(1)) + 1), text)


def dedup(*docs: DedupDoc, **options: object) -> dict:
    return find_duplicates(list(docs), **options).to_dict()  # type: ignore[arg-type]


def cluster_sets(result: dict) -> list[set[str]]:
    return [{c["keep"], *(d["path"] for d in c["duplicates"])} for c in result["clusters"]]


# --- what is the same report -----------------------------------------------------------------

def test_exact_duplicates_form_one_cluster_of_kind_exact() -> None:
    result = dedup(DedupDoc("a.txt", LUOZHEN), DedupDoc("b.txt", LUOZHEN),
                   DedupDoc("c.txt", GAOPING))
    assert cluster_sets(result) == [{"a.txt", "b.txt"}]
    duplicate = result["clusters"][0]["duplicates"][0]
    assert (duplicate["kind"], duplicate["similarity"]) == ("exact", 1.0)


def test_whitespace_and_punctuation_width_do_not_count_but_digits_do() -> None:
    assert comparison_paragraphs("一、加快发展, 实现增长5%。") == comparison_paragraphs(
        "\u3000一、加快发展，实现增长５％。")
    assert comparison_paragraphs("增长5%") != comparison_paragraphs("增长6%")


def test_repost_with_other_boilerplate_is_merged() -> None:
    result = dedup(DedupDoc("site-a/luozhen.txt", LUOZHEN), DedupDoc("site-b/luozhen.txt",
                                                                     repost(LUOZHEN)))
    assert cluster_sets(result) == [{"site-a/luozhen.txt", "site-b/luozhen.txt"}]
    assert result["clusters"][0]["duplicates"][0]["similarity"] >= DEFAULT_THRESHOLD


def test_light_edit_is_merged_and_the_shared_paragraphs_are_reported() -> None:
    result = dedup(DedupDoc("a.txt", LUOZHEN), DedupDoc("b.txt", light_edit(LUOZHEN)))
    assert cluster_sets(result) == [{"a.txt", "b.txt"}]
    duplicate = result["clusters"][0]["duplicates"][0]
    assert duplicate["kind"] == "near"
    assert DEFAULT_THRESHOLD <= duplicate["similarity"] < 1
    shared = duplicate["shared_paragraphs"]
    assert 0 < shared["count"] < shared["of"][0]  # the edited paragraphs are not shared
    assert len(shared["first"]) == 3


def test_two_townships_of_the_same_year_are_not_merged() -> None:
    result = dedup(DedupDoc("luozhen.txt", LUOZHEN), DedupDoc("gaoping.txt", GAOPING),
                   DedupDoc("luozhen-repost.txt", repost(LUOZHEN)),
                   DedupDoc("gaoping-edit.txt", light_edit(GAOPING)))
    assert sorted(map(sorted, cluster_sets(result))) == [["gaoping-edit.txt", "gaoping.txt"],
                                                         ["luozhen-repost.txt", "luozhen.txt"]]


def test_one_townships_two_years_are_kept_apart_by_the_guard_which_says_why() -> None:
    result = dedup(DedupDoc("2022.txt", LUOZHEN), DedupDoc("2023.txt", next_year(LUOZHEN)))
    assert result["clusters"] == []
    [pair] = result["kept_apart"]
    assert pair["paths"] == ["2022.txt", "2023.txt"]
    assert pair["similarity"] >= DEFAULT_THRESHOLD  # the text alone would have merged them
    assert "report years differ" in pair["reason"] and "2022 ≠ 2023" in pair["reason"]


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_reports() -> list[DedupDoc]:
    """The seed reports one by one: seed 000 (a compilation) split at its title lines."""
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        starts = [i for i, line in enumerate(lines)
                  if i > 12 and re.fullmatch(r"\S*政府工作报告", line.strip())] if path.name.startswith(
            "000_") else [0]
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            docs.append(DedupDoc(f"{path.name}:{start + 1}", "\n".join(lines[start:end])))
    return docs


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the repository")
def test_the_seed_reports_share_template_language_but_none_is_merged() -> None:
    docs = seed_reports()
    assert len(docs) >= 11
    result = dedup(*docs)
    assert result["documents"] == len(docs)
    assert result["clusters"] == [] and result["kept_apart"] == []
    texts = ["".join(comparison_paragraphs(clean_text(doc.text or "").text)) for doc in docs]
    closest = max(Indel.normalized_similarity(a, b) for a, b in itertools.combinations(texts, 2))
    assert closest < DEFAULT_THRESHOLD - 0.3  # measured: 0.20


def test_another_townships_copy_of_the_template_is_kept_apart() -> None:
    other = LUOZHEN.replace("罗针", "青云")
    result = dedup(DedupDoc("luozhen.txt", LUOZHEN), DedupDoc("qingyun.txt", other))
    assert result["clusters"] == []
    assert result["kept_apart"][0]["reason"] == "places differ: 罗针镇 ≠ 青云镇"


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 2, 0), (2, 1, 0)])
def test_known_places_override_the_text_even_for_identical_texts(order: tuple[int, ...]) -> None:
    docs = [DedupDoc("a.txt", LUOZHEN, place="罗针镇"), DedupDoc("b.txt", LUOZHEN, place="高坪镇"),
            DedupDoc("c.txt", LUOZHEN)]
    result = dedup(*(docs[i] for i in order))
    assert cluster_sets(result) == [{"a.txt", "c.txt"}]
    [pair] = result["kept_apart"]
    assert (pair["paths"], pair["similarity"]) == (["a.txt", "b.txt"], 1.0)
    assert pair["reason"] == "places differ: 罗针镇 ≠ 高坪镇"


def test_no_cluster_joins_two_years_through_a_report_of_unknown_year() -> None:
    middle = light_edit(LUOZHEN)
    result = dedup(DedupDoc("a.txt", LUOZHEN, year=2022), DedupDoc("b.txt", middle),
                   DedupDoc("c.txt", light_edit(middle).replace("奋进", "奋勇"), year=2023))
    clusters = cluster_sets(result)
    assert not any({"a.txt", "c.txt"} <= cluster for cluster in clusters)
    assert len(clusters) == 1 and len(clusters[0]) == 2
    assert any("2022 ≠ 2023" in pair["reason"] for pair in result["kept_apart"])


def test_clean_false_compares_the_text_as_given() -> None:
    noisy = "扫描上面二维码加QQ好友,获得更多文稿实用素材\n" + LUOZHEN
    cleaned = dedup(DedupDoc("a.txt", LUOZHEN), DedupDoc("b.txt", noisy))
    raw = dedup(DedupDoc("a.txt", LUOZHEN), DedupDoc("b.txt", noisy), clean=False)
    assert cleaned["clusters"][0]["duplicates"][0]["kind"] == "exact"
    assert raw["clusters"][0]["duplicates"][0]["kind"] == "near"


# --- keep policy -----------------------------------------------------------------------------

def test_keep_prefers_the_copy_without_truncation_flag_even_if_shorter() -> None:
    longer = LUOZHEN + "\n下一步，我们将继续努力。\n"
    result = dedup(DedupDoc("a.txt", longer, flags=("truncated",)), DedupDoc("b.txt", LUOZHEN))
    cluster = result["clusters"][0]
    assert cluster["keep"] == "b.txt"
    assert cluster["reason"].startswith("most complete: 0 incomplete-text flags, the next has 1")


def test_keep_prefers_the_copy_without_an_incomplete_flag_over_a_longer_one() -> None:
    longer = LUOZHEN + "\n下一步，我们将继续努力。\n"
    result = dedup(DedupDoc("a.txt", longer, flags=("incomplete",)), DedupDoc("b.txt", LUOZHEN))
    assert result["clusters"][0]["keep"] == "b.txt"


def test_keep_prefers_fewer_lost_bytes_then_the_longest_then_path_order() -> None:
    lossy = LUOZHEN.replace("罗针镇", "罗\ufffd镇", 1)
    assert dedup(DedupDoc("a.txt", lossy), DedupDoc("b.txt", LUOZHEN))["clusters"][0]["keep"] == "b.txt"
    longer = LUOZHEN + "\n全镇上下团结一心，奋力开创新局面。\n"
    result = dedup(DedupDoc("a.txt", LUOZHEN), DedupDoc("z.txt", longer))
    assert result["clusters"][0]["keep"] == "z.txt"
    assert result["clusters"][0]["reason"].startswith("longest: ")
    result = dedup(DedupDoc("z.txt", LUOZHEN), DedupDoc("a.txt", LUOZHEN))
    assert result["clusters"][0]["keep"] == "a.txt"
    assert result["clusters"][0]["reason"].startswith("first in path order")


# --- determinism -----------------------------------------------------------------------------

def _corpus() -> list[DedupDoc]:
    return [DedupDoc("luozhen.txt", LUOZHEN), DedupDoc("gaoping.txt", GAOPING),
            DedupDoc("luozhen-copy.txt", LUOZHEN), DedupDoc("luozhen-repost.txt", repost(LUOZHEN)),
            DedupDoc("luozhen-edit.txt", light_edit(LUOZHEN)),
            DedupDoc("luozhen-2023.txt", next_year(LUOZHEN)),
            DedupDoc("gaoping-edit.txt", light_edit(GAOPING))]


def test_same_result_with_one_or_two_jobs_and_in_any_input_order() -> None:
    docs = _corpus()
    first = dedup(*docs, jobs=1)
    assert dedup(*docs, jobs=2) == first
    shuffled = docs[:]
    random.Random(5).shuffle(shuffled)
    assert shuffled != docs
    assert dedup(*shuffled) == first
    assert len(first["clusters"]) == 2 and first["kept_apart"]


# --- the place and year guard ----------------------------------------------------------------

def test_guess_identity_reads_place_and_years_of_the_fixtures() -> None:
    luozhen, gaoping = guess_identity(LUOZHEN), guess_identity(GAOPING)
    assert (luozhen.townships, luozhen.meeting_years) == ({"罗针镇"}, {2022})
    assert (gaoping.townships, gaoping.counties) == ({"高坪镇"}, {"临川区"})
    assert identity_conflict(luozhen, gaoping) == "places differ: 罗针镇 ≠ 高坪镇"


def test_guess_identity_ignores_a_web_pages_publication_line() -> None:
    text = "来源：临川区人民政府 发布时间：2023-01-05\n政府工作报告\n各位代表：\n2022年工作回顾"
    identity = guess_identity(text)
    assert not identity.counties and not identity.meeting_years
    assert identity.opening_years == {2022}


def test_guess_identity_finds_nothing_in_plain_body_text() -> None:
    assert guess_identity("我代表镇人民政府向大会报告工作。坚持以习近平新时代中国特色社会主义思想为指导。"
                          ) == Identity()


def test_a_repost_without_title_block_conflicts_with_nothing() -> None:
    body_only = LUOZHEN.split("各位代表、同志们:\n", 1)[1]
    assert identity_conflict(guess_identity(LUOZHEN), guess_identity("政府工作报告\n" + body_only)) is None


def test_shared_paragraphs_ignore_titles_and_salutations() -> None:
    shared = shared_paragraphs(["政府工作报告", "各位代表同志们", "全镇上下团结一心奋力开创新局面"],
                               ["政府工作报告", "各位代表同志们", "全镇上下团结一心奋力开创新局面"])
    assert (shared.count, shared.totals) == (1, (1, 1))


def test_threshold_outside_0_1_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates([], threshold=0)


# --- command line ----------------------------------------------------------------------------

def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cleaner")
    add_dedup_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["dedup", *argv])


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    (root / "site-b").mkdir(parents=True)
    (root / "luozhen.txt").write_text(LUOZHEN, encoding="utf-8")
    (root / "gaoping.txt").write_text(GAOPING, encoding="utf-8")
    (root / "site-b" / "luozhen.txt").write_text(light_edit(LUOZHEN), encoding="utf-8")
    (root / "site-b" / "luozhen-copy.txt").write_text(LUOZHEN, encoding="utf-8")
    (root / "luozhen-2023.txt").write_text(next_year(LUOZHEN), encoding="utf-8")
    return root


def test_cli_report_json_schema(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    out = tmp_path / "dups.json"
    args = parse(str(reports), "--report", str(out), "-j", "1")
    assert args.run is run_dedup
    assert run_dedup(args) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    [cluster] = report["clusters"]
    assert cluster["keep"] == str(reports / "luozhen.txt")
    assert isinstance(cluster["reason"], str) and cluster["reason"]
    kinds = {}
    for duplicate in cluster["duplicates"]:
        assert set(duplicate) >= {"path", "similarity", "kind"}
        assert 0 < duplicate["similarity"] <= 1
        kinds[Path(duplicate["path"]).name] = duplicate["kind"]
    assert kinds == {"luozhen-copy.txt": "exact", "luozhen.txt": "near"}
    assert cluster["reason"].startswith("first in path order")  # the copy ties, the edit is shorter
    assert [Path(p).name for p in report["kept_apart"][0]["paths"]] == ["luozhen-2023.txt",
                                                                        "luozhen.txt"]
    printed = capsys.readouterr().out
    assert str(reports / "site-b" / "luozhen-copy.txt") in printed
    assert "similar but kept apart" in printed and "report years differ" in printed


def test_cli_move_duplicates_mirrors_paths_and_never_overwrites(
        reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aside = tmp_path / "aside"
    (aside / "site-b").mkdir(parents=True)
    (aside / "site-b" / "luozhen.txt").write_text("already here", encoding="utf-8")
    status = run_dedup(parse(str(reports), "--move-duplicates", str(aside), "-q", "-j", "1"))
    assert status == 1
    assert (aside / "site-b" / "luozhen-copy.txt").read_text(encoding="utf-8") == LUOZHEN
    assert not (reports / "site-b" / "luozhen-copy.txt").exists()
    assert (aside / "site-b" / "luozhen.txt").read_text(encoding="utf-8") == "already here"
    assert (reports / "site-b" / "luozhen.txt").exists()  # not moved, not lost
    assert (reports / "luozhen.txt").exists() and (reports / "luozhen-2023.txt").exists()
    error = capsys.readouterr().err
    assert f"{reports / 'site-b' / 'luozhen.txt'}: cannot move to" in error and "exists" in error


def test_cli_jsonl_records_with_text_key(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = [{"content": LUOZHEN}, {"content": GAOPING}, {"content": light_edit(LUOZHEN)},
               {"other": "no text"}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    out = tmp_path / "dups.json"
    status = run_dedup(parse(str(corpus), "--text-key", "content", "--report", str(out), "-q"))
    assert status == 1  # the record without the field is reported
    report = json.loads(out.read_text(encoding="utf-8"))
    assert cluster_sets(report) == [{f"{corpus}:1", f"{corpus}:3"}]
    assert report["problems"] == [{"path": f"{corpus}:4", "error": "no 'content' text field "
                                   "(choose the field with --text-key)"}]


def test_cli_refuses_to_move_jsonl_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": LUOZHEN}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_dedup(parse(str(corpus), "--move-duplicates", str(tmp_path / "aside"))) == 2
    assert "JSONL" in capsys.readouterr().err


def test_cli_missing_and_empty_inputs_are_named(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    status = run_dedup(parse(str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "-q"))
    assert status == 1
    error = capsys.readouterr().err
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in error
    assert f"{tmp_path / 'empty.txt'}: empty" in error


def test_cli_rejects_a_threshold_above_1() -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse("a.txt", "--threshold", "1.5")
    assert exit_info.value.code == 2


def test_module_entry_point_writes_the_report_to_standard_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cleaner.dedup import main

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GAOPING, encoding="utf-8")
    assert main([str(tmp_path), "--report", "-", "-j", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert cluster_sets(report) == [{str(tmp_path / "a.txt"), str(tmp_path / "b.txt")}]
