"""Cleaning tasks, JSON Lines records and the process pool (cleaner.batch)."""

from __future__ import annotations

import json
import os
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cleaner import CleanConfig, Cleaner
from cleaner.batch import Outcome, Task, _outcomes_of, clean_task, document_warnings, parts_of, run_tasks

AD = "扫描上面二维码加QQ好友,获得更多文稿实用素材"
BODY = "政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n"
NOISY = (AD + "\r\n" + BODY.replace("\n", "\r\n\r\n")).encode("gbk")



@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(CleanConfig())


def test_clean_task_writes_the_output_and_reports(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(NOISY)
    target = tmp_path / "out" / "a.txt"
    outcome = clean_task(cleaner, Task(0, "a.txt", source=str(source), output=str(target)))
    expected = cleaner.clean_bytes(NOISY)
    assert outcome.stdout is None
    assert target.read_bytes() == expected.text.encode("utf-8")
    assert AD not in target.read_text(encoding="utf-8")
    report = outcome.report
    assert report.ok and report.outputs == [str(target)]
    assert report.changes == expected.counts() and "ads.qr-code-friend" in report.changes
    assert report.decoding is not None and report.decoding["encoding"] == "gb18030"
    assert source.read_bytes() == NOISY


def test_clean_task_without_output_returns_the_bytes(cleaner: Cleaner) -> None:
    outcome = clean_task(cleaner, Task(0, "-", data=NOISY))
    assert outcome.stdout == cleaner.clean_bytes(NOISY).text.encode("utf-8")
    assert outcome.report.outputs == ["-"]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (a PDF document)"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", "binary file (NUL bytes)"),
])
def test_bad_inputs_become_errors(tmp_path: Path, cleaner: Cleaner, data: bytes, message: str) -> None:
    target = tmp_path / "out.txt"
    outcome = clean_task(cleaner, Task(0, "x", data=data, output=str(target)))
    assert outcome.report.error is not None and outcome.report.error.startswith(message)
    assert not target.exists()


def test_missing_source_is_an_error(tmp_path: Path, cleaner: Cleaner) -> None:
    outcome = clean_task(cleaner, Task(0, "gone.txt", source=str(tmp_path / "gone.txt")))
    assert outcome.report.error == "no such file or directory"


def test_unexpected_exception_fails_only_that_input(cleaner: Cleaner,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(data: bytes, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(cleaner, "clean_bytes", explode)
    outcome = clean_task(cleaner, Task(4, "a.txt", data=b"x"))
    assert outcome.index == 4
    assert outcome.report.error == "internal error, please report it: RuntimeError: boom"


def test_jsonl_records_keep_other_fields_and_bad_lines_are_reported(cleaner: Cleaner) -> None:
    lines = [json.dumps({"id": 1, "text": AD + "\n各位代表：", "source": {"src": "x"}}, ensure_ascii=False),
             "{not json",
             "",
             json.dumps({"id": 3, "body": "no text here"}),
             json.dumps(["a list"]),
             json.dumps({"id": 5, "text": "　　现在，我代表镇人民政府向大会报告工作。"}, ensure_ascii=False)]
    outcome = clean_task(cleaner, Task(0, "c.jsonl", data="\n".join(lines).encode(), jsonl=True))
    assert outcome.stdout is not None
    records = [json.loads(line) for line in outcome.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == [1, 5]
    first = records[0]
    assert first["source"] == {"src": "x"}
    assert first["text"] == cleaner.clean_text(AD + "\n各位代表：").text.rstrip("\n")
    assert first["cleaner"]["changes"]["ads.qr-code-friend"] == 1
    assert first["cleaner"]["chars_before"] > first["cleaner"]["chars_after"]
    assert records[1]["text"] == "现在，我代表镇人民政府向大会报告工作。"
    report = outcome.report
    assert report.records == 2
    assert [(e.line, e.message.split(":")[0]) for e in report.record_errors] == [
        (2, "invalid JSON"), (4, "no 'text' field (choose the field with --text-key)"),
        (5, "a record must be a JSON object (not list)")]
    assert report.error is not None and report.error.startswith("3 bad record(s)")
    assert report.changes["ads.qr-code-friend"] == 1


def test_jsonl_text_key(cleaner: Cleaner) -> None:
    line = json.dumps({"content": AD + "\n各位代表：", "text": "untouched" + AD}, ensure_ascii=False)
    outcome = clean_task(cleaner, Task(0, "c.jsonl", data=line.encode(), jsonl=True, text_key="content"))
    assert outcome.stdout is not None
    record = json.loads(outcome.stdout)
    assert record["content"] == "各位代表："
    assert record["text"] == "untouched" + AD


def test_deletion_guard_warning_names_the_share() -> None:
    strict = Cleaner(CleanConfig(max_removed=0.3))
    result = strict.clean_text(AD + "\n各位代表：\n")
    warnings = document_warnings(result, strict.config)
    assert len(warnings) == 1
    assert f"removed {result.removed_share:.0%} of the text" in warnings[0]
    assert "more than --max-removed 30%" in warnings[0]
    lenient = Cleaner(replace(strict.config, max_removed=1.0))
    assert document_warnings(lenient.clean_text(AD + "\n各位代表：\n"), lenient.config) == []


def test_pool_hands_outcomes_back_in_input_order(tmp_path: Path, cleaner: Cleaner) -> None:
    tasks = []
    for index, body in enumerate(["一\n" * 300, "二\n", "三\n" * 50]):
        source = tmp_path / f"{index}.txt"
        source.write_text(body, encoding="utf-8")
        tasks.append(Task(index, source.name, source=str(source), output=str(tmp_path / f"o{index}.txt")))
    seen: list[int] = []
    outcomes = run_tasks(tasks, cleaner, 2, on_done=lambda outcome: seen.append(outcome.index))
    assert seen == [0, 1, 2]
    assert [o.index for o in outcomes] == [0, 1, 2]
    assert [(tmp_path / f"o{i}.txt").read_text(encoding="utf-8") for i in range(3)] == [
        "一\n" * 300, "二\n", "三\n" * 50]


def test_a_broken_worker_fails_its_inputs_only() -> None:
    future: Future[list[Outcome]] = Future()
    future.set_exception(RuntimeError("worker died"))
    [outcome] = _outcomes_of(future, [Task(7, "a.txt")])
    assert outcome.index == 7
    assert outcome.report.error == "worker failed: RuntimeError('worker died')"
    both = _outcomes_of(future, [Task(7, "a.txt"), Task(8, "b.txt")])
    assert [(o.index, o.report.error) for o in both] == [
        (i, "worker failed (with the 2 inputs sent to it together): RuntimeError('worker died')")
        for i in (7, 8)]


def test_many_tasks_go_to_the_workers_in_chunks_and_come_back_in_order(
        tmp_path: Path, cleaner: Cleaner) -> None:
    tasks = [Task(i, f"{i}", data=f"第{i}段\n".encode()) for i in range(40)]
    seen: list[int] = []
    outcomes = run_tasks(tasks, cleaner, 2, on_done=lambda outcome: seen.append(outcome.index))
    assert seen == list(range(40))
    assert [o.stdout for o in outcomes] == [f"第{i}段\n".encode() for i in range(40)]


def test_no_pool_for_one_task_or_one_job(tmp_path: Path, cleaner: Cleaner,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr("cleaner.batch.ProcessPoolExecutor", no_pool)
    one = [Task(0, "a", data=b"x\n")]
    two = [Task(0, "a", data=b"x\n"), Task(1, "b", data=b"y\n")]
    assert [o.stdout for o in run_tasks(one, cleaner, 8)] == [b"x\n"]
    assert [o.stdout for o in run_tasks(two, cleaner, 1)] == [b"x\n", b"y\n"]


def test_in_place_leaves_a_clean_file_alone(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "a.txt"
    source.write_text("各位代表：\n", encoding="utf-8")
    os.utime(source, (1_000_000, 1_000_000))
    outcome = clean_task(cleaner, Task(0, "a.txt", source=str(source), output=str(source), in_place=True))
    assert outcome.report.ok and outcome.report.outputs == [str(source)]
    assert source.stat().st_mtime == 1_000_000


# --- compilations, metadata ------------------------------------------------------------------

# Two short reports behind a title and a table of contents (shared with the other CLI tests).
COMPILATION = (Path(__file__).parent / "data" / "compilation-two-reports.txt").read_text(encoding="utf-8")


def report_segments(cleaner: Cleaner, text: str) -> list[Any]:
    """The report segments the splitter finds in the cleaned ``text`` (what the outputs hold)."""
    from cleaner.split import split_reports

    return [s for s in split_reports(cleaner.clean_text(text).text) if s.kind == "report"]


def test_a_single_report_is_one_part_holding_the_whole_text(cleaner: Cleaner) -> None:
    text = cleaner.clean_text(BODY).text
    parts, skipped = parts_of(text, split=True)
    assert [(part.text, part.segment) for part in parts] == [(text, None)] and skipped == []
    assert set(parts[0].meta) >= {"title", "place", "years", "collection", "disclosure"}


def test_a_compilation_is_cut_into_its_reports_and_its_preamble(cleaner: Cleaner) -> None:
    result = cleaner.clean_text(COMPILATION)
    text = result.text
    # the compilation title and its TOC went by rule; the title is lifted into the metadata
    assert result.metadata["compilation"] == {"title": "2023年乡镇政府工作报告汇编"}
    lifted = {**result.metadata, "disclosure": {"index_number": "x/2023-1"}}
    parts, skipped = parts_of(text, split=True, lifted=lifted)
    assert len(parts) == len(report_segments(cleaner, COMPILATION)) == 2 and skipped == []
    assert parts[0].text.startswith("正余镇政府工作报告\n") and parts[1].text.startswith("温泉镇")
    assert all(part.text.endswith("奋斗！\n") for part in parts)
    assert all(part.meta["collection"] == "2023年乡镇政府工作报告汇编" for part in parts)
    assert all(part.meta["disclosure"] == {"index_number": "x/2023-1"} for part in parts)
    # nothing is lost: the parts and the skipped segments hold every line of the text
    assert sorted("".join([*(p.text for p in parts), *(s.text for s in skipped)]).splitlines()) == sorted(
        text.splitlines())
    whole, none = parts_of(text, split=False)
    assert [part.text for part in whole] == [text] and none == []


def test_a_compilation_is_written_report_by_report(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "c.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    target = tmp_path / "out" / "c.txt"
    outcome = clean_task(cleaner, Task(0, "c.txt", source=str(source), output=str(target)))
    segments = report_segments(cleaner, COMPILATION)
    report = outcome.report
    assert report.ok and report.reports == 2
    assert report.outputs == [str(tmp_path / "out" / name) for name in ("c-01.txt", "c-02.txt")]
    assert not target.exists()
    for output, segment in zip(report.outputs, segments, strict=True):
        assert Path(output).read_text(encoding="utf-8") == segment.text.strip("\n") + "\n"
    # the compilation title and TOC went by rule: no preamble is left, only the two reports
    assert [(e["kind"], e["index"]) for e in report.segments] == [("report", 1), ("report", 2)]
    entry = report.segments[0]
    assert (entry["start_line"], entry["end_line"]) == (segments[0].start_line, segments[0].end_line)
    assert entry["output"] == report.outputs[0]
    assert entry["meta"]["collection"] == "2023年乡镇政府工作报告汇编"


def test_a_single_report_is_written_as_today(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(NOISY)
    target = tmp_path / "a.out.txt"
    outcome = clean_task(cleaner, Task(0, "a.txt", source=str(source), output=str(target)))
    assert target.read_bytes() == cleaner.clean_bytes(NOISY).text.encode("utf-8")
    assert outcome.report.outputs == [str(target)] and outcome.report.reports == 1
    [entry] = outcome.report.segments
    assert (entry["kind"], entry["index"], entry["reason"], entry["meta_file"]) == (
        "report", None, "one report", None)


def test_no_split_and_standard_output(cleaner: Cleaner) -> None:
    whole = clean_task(cleaner, Task(0, "-", data=COMPILATION.encode(), split=False))
    assert whole.stdout == cleaner.clean_text(COMPILATION).text.encode("utf-8")
    assert whole.report.segments[0]["reason"] == "not split (--no-split)"
    split = clean_task(cleaner, Task(0, "-", data=COMPILATION.encode(), keep_texts=True))
    segments = report_segments(cleaner, COMPILATION)
    # to standard output: the reports one after the other like paragraphs, without the preamble
    assert split.stdout == "".join(s.text.strip("\n") + "\n" for s in segments).encode("utf-8")
    assert split.texts == [s.text.strip("\n") + "\n" for s in segments]


def test_a_compilation_is_not_split_in_place(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "c.txt"
    source.write_text(COMPILATION.replace("\n", "\r\n"), encoding="utf-8")
    outcome = clean_task(cleaner, Task(0, "c.txt", source=str(source), output=str(source), in_place=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.txt"]
    assert source.read_text(encoding="utf-8") == cleaner.clean_text(COMPILATION).text
    assert outcome.report.warnings == ["holds 2 reports: cleaned in place as one file, not split "
                                       "(to get one file per report, clean it with -o DIR)"]


def test_a_split_never_takes_the_output_of_another_input(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "c.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    taken = str(tmp_path / "out" / "c-02.txt")
    outcome = clean_task(cleaner, Task(0, "c.txt", source=str(source), output=str(tmp_path / "out/c.txt"),
                                       reserved=(taken,)))
    assert outcome.report.error is not None
    assert f"report 2 would be written to {taken}, the output of another input" in outcome.report.error
    assert not (tmp_path / "out").exists()


def test_metadata_sidecars_beside_each_report(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "c.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    outcome = clean_task(cleaner, Task(0, "c.txt", source=str(source), output=str(tmp_path / "c.txt.out"),
                                       meta_files=True))
    entries = [e for e in outcome.report.segments if e["kind"] == "report"]
    assert [Path(e["meta_file"]).name for e in entries] == ["c.txt-01.meta.json", "c.txt-02.meta.json"]
    sidecar = json.loads(Path(entries[1]["meta_file"]).read_text(encoding="utf-8"))
    assert sidecar["source"] == "c.txt" and sidecar["output"] == entries[1]["output"]
    assert sidecar["segment"]["index"] == 2 and sidecar["meta"] == entries[1]["meta"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_jsonl_compilation_becomes_one_record_per_report(cleaner: Cleaner) -> None:
    lines = [json.dumps({"id": 1, "text": COMPILATION}, ensure_ascii=False),
             json.dumps({"id": 2, "text": BODY}, ensure_ascii=False)]
    outcome = clean_task(cleaner, Task(0, "c.jsonl", data="\n".join(lines).encode(), jsonl=True))
    assert outcome.stdout is not None
    records = [json.loads(line) for line in outcome.stdout.decode().splitlines()]
    segments = report_segments(cleaner, COMPILATION)
    assert [r["id"] for r in records] == [1, 1, 2]
    assert [r["text"] for r in records[:2]] == [s.text.strip("\n") for s in segments]
    assert [r["cleaner"]["segment"]["index"] for r in records[:2]] == [1, 2]
    assert records[0]["cleaner"]["segment"]["of"] == 2 and "segment" not in records[2]["cleaner"]
    assert all(set(r["meta"]) >= {"title", "place", "collection"} for r in records)
    report = outcome.report
    assert (report.records, report.reports) == (2, 3)
    assert report.segments == []  # the compilation title and TOC went by rule: no preamble
    assert all(r["meta"]["collection"] == "2023年乡镇政府工作报告汇编" for r in records[:2])


def test_a_jsonl_record_with_a_meta_field_of_its_own_is_not_overwritten(cleaner: Cleaner) -> None:
    line = json.dumps({"text": BODY, "meta": {"src": "x"}}, ensure_ascii=False)
    outcome = clean_task(cleaner, Task(0, "c.jsonl", data=line.encode(), jsonl=True))
    assert outcome.stdout == b""
    assert outcome.report.record_errors[0].message.startswith("has a 'meta' field of its own")
    # the output of an earlier run (with its 'cleaner' field) is cleaned again, its meta renewed
    again = clean_task(cleaner, Task(0, "c.jsonl", data=clean_task(
        cleaner, Task(0, "c.jsonl", data=json.dumps({"text": BODY}).encode(), jsonl=True)).stdout,
        jsonl=True))
    assert again.report.ok and json.loads(again.stdout or b"{}")["text"] == BODY.rstrip("\n")


def test_jsonl_in_place_with_bad_records_leaves_the_file_alone(tmp_path: Path, cleaner: Cleaner) -> None:
    source = tmp_path / "c.jsonl"
    data = (json.dumps({"text": AD + "\n" + BODY}, ensure_ascii=False) + "\n{oops\n").encode()
    source.write_bytes(data)
    outcome = clean_task(cleaner, Task(0, "c.jsonl", source=str(source), output=str(source),
                                       in_place=True, jsonl=True))
    assert source.read_bytes() == data
    assert outcome.report.error is not None
    assert "not cleaned in place, so that no record is lost" in outcome.report.error
