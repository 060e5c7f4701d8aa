"""The command line, run in-process through ``cleaner.cli.main`` (plus two subprocess checks)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import CleanConfig, Cleaner, __version__, batch
from cleaner.cli import main

AD = "扫描上面二维码加QQ好友,获得更多文稿实用素材"
BODY = ("政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议，"
        "并请各位列席会议的同志提出意见。\n一、2023年工作回顾\n")
NOISY = AD + "\r\n" + BODY.replace("\n", "\r\n\r\n")
BLANK_LINES = "\n\n"



@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run every test from its own empty directory, so no config file above is found."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def library() -> Cleaner:
    return Cleaner(CleanConfig())


def write(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (hidden ones too), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --- basics -----------------------------------------------------------------------------------

def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"cleaner {__version__}\n"


def test_help_teaches_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert "cleaner clean raw/ -o clean/" in out and "--jsonl" in out and "--report" in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "clean" in capsys.readouterr().err


def test_single_file_goes_to_stdout_as_utf8_lf(capsysbinary: pytest.CaptureFixture[bytes],
                                               library: Cleaner) -> None:
    source = write("report.txt", NOISY, "gbk")
    assert main(["clean", "report.txt"]) == 0
    out = capsysbinary.readouterr().out
    assert out == library.clean_bytes(source.read_bytes()).text.encode("utf-8")
    assert AD.encode() not in out and b"\r" not in out
    assert not out.startswith(b"\xef\xbb\xbf") and out.endswith("工作回顾\n".encode())


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes],
                         library: Cleaner) -> None:
    set_stdin(monkeypatch, "\ufeff".encode() + NOISY.encode())
    assert main(["clean", "-"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == library.clean_text(NOISY).text.encode("utf-8")
    assert captured.err == b""


def test_blank_lines_option(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", BODY)
    assert main(["clean", "a.txt", "--blank-lines"]) == 0
    assert capsys.readouterr().out == BODY.replace("\n", BLANK_LINES).rstrip("\n") + "\n"


# --- folders, -o, --in-place ------------------------------------------------------------------

def test_folder_is_mirrored_below_output(in_tmp: Path, library: Cleaner) -> None:
    write("raw/a.txt", NOISY)
    write("raw/sub/deep/b.txt", BODY, "gbk")
    write("raw/sub/c.html", BODY)
    write("raw/notes.md", BODY)
    assert main(["clean", "raw", "-o", "out", "-q"]) == 0
    assert sorted(tree(in_tmp / "out")) == ["a.txt", "sub/deep/b.txt"]
    assert (in_tmp / "out/a.txt").read_bytes() == library.clean_text(NOISY).text.encode()
    assert (in_tmp / "out/sub/deep/b.txt").read_text(encoding="utf-8") == BODY
    assert main(["clean", "raw", "-o", "html-out", "--glob", "*.html"]) == 0
    assert sorted(tree(in_tmp / "html-out")) == ["sub/c.txt"]


def test_file_argument_goes_to_its_name_in_output(in_tmp: Path) -> None:
    write("x/y/report.htm", BODY)
    assert main(["clean", "x/y/report.htm", "-o", "out"]) == 0
    assert tree(in_tmp / "out") == {"report.txt": BODY.encode()}


def test_several_inputs_without_output_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", BODY)
    write("b.txt", BODY)
    write("raw/c.txt", BODY)
    assert main(["clean", "a.txt", "b.txt"]) == 2
    assert "add -o DIR" in capsys.readouterr().err
    assert main(["clean", "raw"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cleaner: error: the folder raw cannot go to standard output")
    assert "--in-place" in err and "Traceback" not in err


def test_inputs_are_untouched_and_no_temporary_files_remain(in_tmp: Path) -> None:
    before = {"raw/a.txt": write("raw/a.txt", NOISY).read_bytes(),
              "raw/b.txt": write("raw/b.txt", NOISY, "gbk").read_bytes()}
    assert main(["clean", "raw", "-o", "out", "-j", "1"]) == 0
    assert {f"raw/{name}": data for name, data in tree(in_tmp / "raw").items()} == before
    assert sorted(tree(in_tmp / "out")) == ["a.txt", "b.txt"]


def test_in_place_rewrites_the_inputs(in_tmp: Path, library: Cleaner) -> None:
    write("raw/a.txt", NOISY, "gbk")
    write("raw/sub/b.txt", BODY)
    assert main(["clean", "raw", "--in-place"]) == 0
    assert tree(in_tmp / "raw") == {"a.txt": library.clean_text(NOISY).text.encode(),
                                    "sub/b.txt": BODY.encode()}


def test_in_place_with_output_or_stdin_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", NOISY)
    assert main(["clean", "a.txt", "--in-place", "-o", "out"]) == 2
    assert main(["clean", "-", "--in-place"]) == 2
    assert capsys.readouterr().err.count("cleaner: error:") == 2
    assert Path("a.txt").read_bytes() == NOISY.encode()


def test_output_directory_inside_the_input_is_not_cleaned_again(in_tmp: Path) -> None:
    write("raw/a.txt", NOISY)
    assert main(["clean", "raw", "-o", "raw/clean"]) == 0
    assert main(["clean", "raw", "-o", "raw/clean", "--report", "r.json"]) == 0
    assert sorted(tree(in_tmp / "raw")) == ["a.txt", "clean/a.txt"]
    assert json.loads(Path("r.json").read_text(encoding="utf-8"))["totals"]["files"] == 1


def test_output_path_cannot_escape_the_output_directory(in_tmp: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    write("raw/sub/a.txt", NOISY)
    write("raw/b.txt", NOISY)
    (in_tmp / "outside").mkdir()
    (in_tmp / "out").mkdir()
    (in_tmp / "out" / "sub").symlink_to(in_tmp / "outside", target_is_directory=True)
    assert main(["clean", "raw", "-o", "out"]) == 1
    assert "would leave the output directory" in capsys.readouterr().err
    assert list((in_tmp / "outside").iterdir()) == []
    assert (in_tmp / "out" / "b.txt").is_file()


def test_two_inputs_for_one_output_is_an_error_naming_both(in_tmp: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    write("a/x.txt", BODY)
    write("b/x.txt", BODY)
    assert main(["clean", "a/x.txt", "b/x.txt", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "a/x.txt and b/x.txt would both be written to out/x.txt" in err
    assert main(["clean", "a/x.txt", "a/x.txt", "-o", "out"]) == 2
    assert "a/x.txt is given twice" in capsys.readouterr().err
    assert not (in_tmp / "out").exists()


def test_output_over_an_input_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", NOISY)
    assert main(["clean", "a.txt", "-o", "."]) == 2
    assert "would be written over the input a.txt" in capsys.readouterr().err
    assert Path("a.txt").read_bytes() == NOISY.encode()


# --- bad inputs -------------------------------------------------------------------------------

def test_bad_inputs_fail_alone(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("raw/good.txt", NOISY)
    Path("raw/nul.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00")
    Path("raw/doc.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    Path("raw/empty.txt").write_bytes(b"")
    Path("nothing-here").mkdir()
    code = main(["clean", "raw", "missing.txt", "nothing-here", "-o", "out"])
    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert sorted(err) == sorted([
        "cleaner: error: raw/doc.txt: binary file (a PDF document), not text",
        "cleaner: error: raw/empty.txt: empty file",
        "cleaner: error: raw/nul.txt: binary file (NUL bytes), not text",
        "cleaner: error: missing.txt: no such file or directory",
        "cleaner: error: nothing-here: no files matching '*.txt' in this directory "
        "(choose others with --glob)",
    ])
    assert sorted(tree(in_tmp / "out")) == ["good.txt"]


def test_unreadable_file_is_reported_in_process(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Root can read anything, so the permission error is simulated here (see the next test)."""
    write("raw/a.txt", NOISY)
    write("raw/secret.txt", NOISY)
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert main(["clean", "raw", "-o", "out", "-j", "1"]) == 1
    assert capsys.readouterr().err == "cleaner: error: raw/secret.txt: permission denied\n"
    assert sorted(tree(in_tmp / "out")) == ["a.txt"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: root reads a chmod 000 file, so no permission error")
def test_unreadable_file_for_real(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("raw/a.txt", NOISY)
    secret = write("raw/secret.txt", NOISY)
    secret.chmod(0)
    try:
        assert main(["clean", "raw", "-o", "out"]) == 1
    finally:
        secret.chmod(0o644)
    assert "raw/secret.txt: permission denied" in capsys.readouterr().err
    assert sorted(tree(in_tmp / "out")) == ["a.txt"]


def test_undecodable_bytes_are_not_a_failure(in_tmp: Path) -> None:
    write("a.txt", "各位代表：\n")
    with Path("a.txt").open("ab") as handle:
        handle.write(b"\xff\xfe\xfa bad\n" + "政府工作报告\n".encode("gbk"))
    assert main(["clean", "a.txt", "-o", "out", "--report", "r.json", "-q"]) == 0
    entry = json.loads(Path("r.json").read_text(encoding="utf-8"))["files"][0]
    assert entry["error"] is None
    assert "lost_bytes" in {flag["kind"] for flag in entry["flags"]}
    assert "\ufffd" in (in_tmp / "out/a.txt").read_text(encoding="utf-8")


# --- JSONL ------------------------------------------------------------------------------------

def jsonl_input() -> str:
    return "\n".join([
        json.dumps({"id": 1, "text": AD + "\n" + BODY, "source": "web"}, ensure_ascii=False),
        "{oops",
        json.dumps({"id": 2, "title": "no text"}),
        json.dumps({"id": 3, "text": "\u3000\u3000各位代表："}, ensure_ascii=False),
    ]) + "\n"


def test_jsonl_to_output_keeps_fields_and_reports_bad_lines(
        in_tmp: Path, capsys: pytest.CaptureFixture[str], library: Cleaner) -> None:
    write("data/c.jsonl", jsonl_input())
    assert main(["clean", "data", "--jsonl", "-o", "out"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("cleaner: error: data/c.jsonl:2: invalid JSON")
    assert err[1] == "cleaner: error: data/c.jsonl:3: no 'text' field (choose the field with --text-key)"
    records = [json.loads(line) for line in (in_tmp / "out/c.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 3]
    assert records[0]["source"] == "web"
    assert records[0]["text"] == library.clean_text(AD + "\n" + BODY).text.rstrip("\n")
    assert records[0]["cleaner"]["changes"]["ads.qr-code-friend"] == 1
    assert records[1]["text"] == "各位代表："


def test_jsonl_stdin_to_stdout_with_text_key(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    line = json.dumps({"content": AD + "\n各位代表：", "n": 1}, ensure_ascii=False)
    set_stdin(monkeypatch, (line + "\n").encode())
    assert main(["clean", "-", "--jsonl", "--text-key", "content", "--max-removed", "0.9"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["content"] == "各位代表：" and record["n"] == 1


# --- parallel runs and the report ------------------------------------------------------------

def test_parallel_run_is_byte_identical_to_serial(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("raw/a.txt", NOISY)
    write("raw/b/b.txt", NOISY, "gbk")
    write("raw/b/c.txt", BODY)
    write("raw/d.txt", AD + "\n各位代表：\n")
    Path("raw/e.txt").write_bytes(b"")
    write("raw/f.txt", COMPILATION)
    args = ["clean", "raw", "-o", "out", "--report", "run.json", "-q", "--meta", "--dedup"]
    pools: list[int] = []
    real_run_pool = batch._run_pool

    def counting_run_pool(tasks: list[batch.Task], *rest: object) -> list[batch.Outcome]:
        pools.append(len(tasks))
        return real_run_pool(tasks, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "_run_pool", counting_run_pool)
    assert main([*args, "-j", "1"]) == 1
    serial = tree(in_tmp / "out"), Path("run.json").read_bytes()
    shutil.rmtree("out")
    Path("run.json").unlink()
    assert main([*args, "-j", "2"]) == 1
    assert pools == [6]
    assert "f-02.txt" in serial[0] and json.loads(serial[1])["dedup"]["clusters"]
    assert (tree(in_tmp / "out"), Path("run.json").read_bytes()) == serial


def test_report_content(in_tmp: Path, library: Cleaner) -> None:
    write("raw/a.txt", NOISY, "gbk")
    write("raw/b.txt", BODY)
    Path("raw/c.txt").write_bytes(b"")
    assert main(["clean", "raw", "-o", "out", "--report", "reports/run.json"]) == 1
    text = Path("reports/run.json").read_text(encoding="utf-8")
    assert str(in_tmp) not in text
    report = json.loads(text)
    assert report["cleaner_version"] == __version__
    expected = library.clean_bytes(NOISY.encode("gbk"))
    assert report["totals"] == {"files": 3, "ok": 2, "failed": 1, "changed": 1, "flagged": 0,
                                "reports": 2, "changes": expected.counts()}
    a, b, c = report["files"]
    assert a["path"] == "raw/a.txt" and a["outputs"] == ["out/a.txt"]
    assert (a["encoding"], a["method"]) == ("gb18030", expected.decoding.method)
    assert a["changes"] == expected.counts()
    assert (a["chars_before"], a["chars_after"]) == (expected.chars_before, expected.chars_after)
    assert a["removed_share"] == round(expected.removed_share, 4)
    assert (a["flags"], a["warnings"], a["error"]) == ([], [], None)
    assert b["changes"] == {} and b["encoding"] == "utf-8"
    assert c["error"] == "empty file" and c["outputs"] == []


def test_deletion_guard_is_named_on_stderr_and_does_not_fail(
        in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("raw/mostly-ad.txt", AD + "\n各位代表：\n")
    write("raw/fine.txt", BODY)
    assert main(["clean", "raw", "-o", "out", "--report", "r.json"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("cleaner: warning: raw/mostly-ad.txt: cleaning removed 8")
    assert "(more than --max-removed 30%); written anyway" in err and "fine.txt" not in err
    assert (in_tmp / "out/mostly-ad.txt").read_text(encoding="utf-8") == "各位代表：\n"
    fine, mostly_ad = json.loads(Path("r.json").read_text(encoding="utf-8"))["files"]
    assert mostly_ad["path"] == "raw/mostly-ad.txt"
    assert [flag["kind"] for flag in mostly_ad["flags"]] == ["deletion_guard"]
    assert mostly_ad["warnings"] and not fine["warnings"]
    assert main(["clean", "raw", "-o", "out", "-q"]) == 0
    assert capsys.readouterr().err == ""


# --- configuration and rules ------------------------------------------------------------------

def test_config_in_a_parent_sets_defaults_and_flags_win(in_tmp: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    write("cleaner.toml", "blank_lines = true\n")
    write("project/sub/a.txt", BODY)
    monkeypatch.chdir(in_tmp / "project" / "sub")
    assert main(["clean", "a.txt"]) == 0
    assert BLANK_LINES in capsys.readouterr().out
    assert main(["clean", "a.txt", "--no-blank-lines"]) == 0
    assert capsys.readouterr().out == BODY
    assert main(["clean", "a.txt", "--no-config"]) == 0
    assert capsys.readouterr().out == BODY


def test_unknown_config_key_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    write("cleaner.toml", "max_remove = 0.5\n")
    write("a.txt", BODY)
    assert main(["clean", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert "cleaner.toml: unknown option 'max_remove' (did you mean 'max_removed'?)" in err
    assert "Traceback" not in err


def test_bad_value_in_config_names_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    write("settings.toml", "max_removed = 5\n")
    write("a.txt", BODY)
    assert main(["clean", "a.txt", "--config", "settings.toml"]) == 2
    assert capsys.readouterr().err.startswith(
        "cleaner: error: settings.toml: max_removed must be a share between 0 and 1")


def test_bad_rule_file_names_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    write("mine.toml", "\n".join([
        "[[rule]]",
        'id = "mine.broken"',
        'stage = "boilerplate"',
        'description = "an unbalanced group"',
        "pattern = '(扫码'",
        'examples = [{ input = "a", output = "b" }]',
        'keeps = ["c"]',
    ]) + "\n")
    write("a.txt", BODY)
    assert main(["clean", "a.txt", "--rules", "mine.toml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cleaner: error: mine.toml:5: rule 'mine.broken': invalid pattern")
    assert err.count("\n") == 1


def test_custom_rule_file_is_applied(capsys: pytest.CaptureFixture[str]) -> None:
    write("mine.toml", "\n".join([
        "[[rule]]",
        'id = "mine.print-button"',
        'stage = "boilerplate"',
        'description = "a print button line"',
        'scope = "line"',
        "pattern = '甲乙丙丁戊己庚'",
        'examples = [{ input = "甲乙丙丁戊己庚\\n各位代表：", output = "各位代表：" }]',
        'keeps = ["甲乙丙丁戊的设计获奖。"]',
    ]) + "\n")
    write("a.txt", "甲乙丙丁戊己庚\n" + BODY)
    assert main(["clean", "a.txt", "--rules", "mine.toml"]) == 0
    assert capsys.readouterr().out == BODY
    assert main(["clean", "a.txt", "--rules", "mine.toml", "--disable", "mine.print-button"]) == 0
    assert capsys.readouterr().out.startswith("甲乙丙丁戊己庚\n")


def test_unknown_rule_id_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", BODY)
    assert main(["clean", "a.txt", "--enable", "ads.qr-code-frend"]) == 2
    err = capsys.readouterr().err
    assert err == ("cleaner: error: unknown rule id or tag 'ads.qr-code-frend' "
                   "(did you mean 'ads.qr-code-friend'?)\n")


def test_no_default_rules(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", AD + "\n" + BODY)
    assert main(["clean", "a.txt", "--no-default-rules", "--max-removed", "1"]) == 0
    assert capsys.readouterr().out == AD + "\n" + BODY


# --- as a program -----------------------------------------------------------------------------

def test_python_dash_m_cleaner_version() -> None:
    done = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True,
                          text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"cleaner {__version__}\n")


def test_installed_script(in_tmp: Path) -> None:
    script = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or shutil.which("cleaner")
    if script is None:
        pytest.skip("the cleaner console script is not installed (pip install -e .)")
    write("a.txt", "")
    done = subprocess.run([script, "clean", "a.txt"], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr == "cleaner: error: a.txt: empty file\n"


# --- compilations, metadata, dedup -----------------------------------------------------------

# Two short reports behind a title and a table of contents (shared with the other CLI tests).
COMPILATION = (Path(__file__).parent / "data" / "compilation-two-reports.txt").read_text(encoding="utf-8")
# its title and TOC go by rule (the title is lifted into the metadata); a printer's line stays as
# a preamble, which is not written as a report
WITH_PREAMBLE = "县人大常委会办公室编印\n" + COMPILATION
REPORT = """正余镇政府工作报告
——2023年2月10日在正余镇第二十届人民代表大会第三次会议上
各位代表：
现在，我代表正余镇人民政府向大会报告工作，请予审议，并请各位列席会议的同志提出意见。
一、2022年工作回顾
过去一年，全镇上下坚持稳中求进工作总基调，完成财政收入1.2亿元，同比增长6.3%。
新建高标准农田3000亩，改造农村公路18公里，新增城镇就业岗位420个。
二、2023年工作安排
今年全镇经济社会发展的主要预期目标是：地区生产总值增长6%以上。
各位代表！让我们团结一心，为建设美丽正余而努力奋斗！
"""
GAOPING = REPORT.replace("正余", "高坪").replace("1.2亿元", "0.8亿元").replace("3000亩", "1200亩")
REPOST = ("来源：本站 发布时间：2023-02-15 09:30 阅读次数：112\n" + AD + "\n"  # web chrome,
          + REPORT.rsplit("各位代表！", 1)[0].replace("，", ",").replace("：", ":"))  # no last line


def written(root: Path) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in tree(root).items()}


def test_help_teaches_splitting_metadata_and_dedup(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--help"]) == 0
    out = capsys.readouterr().out
    for example in ("--no-split > whole.txt", "-o clean/ --meta", "--dedup --report run.json"):
        assert "cleaner clean " in out and example in out
    assert "NAME-01.txt" in out and "--in-place never splits" in out and "duplicates/" in out
    assert "most complete text" in out  # the keep policy


def test_a_compilation_is_written_as_numbered_reports(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                                                      library: Cleaner) -> None:
    from cleaner.split import split_reports

    write("raw/sub/c.txt", WITH_PREAMBLE)
    write("raw/a.txt", REPORT)
    assert main(["clean", "raw", "-o", "out", "--report", "run.json"]) == 0
    cleaned = library.clean_text(WITH_PREAMBLE).text
    reports = [s for s in split_reports(cleaned) if s.kind == "report"]
    assert len(reports) == 2
    assert written(in_tmp / "out") == {"a.txt": library.clean_text(REPORT).text,
                                       "sub/c-01.txt": reports[0].text.strip("\n") + "\n",
                                       "sub/c-02.txt": reports[1].text.strip("\n") + "\n"}
    err = capsys.readouterr().err
    assert "cleaner: note: raw/sub/c.txt: 2 reports → out/sub/c-01.txt … out/sub/c-02.txt; " in err
    assert "not written as a report: its text is in run.json" in err
    run = json.loads(Path("run.json").read_text(encoding="utf-8"))
    assert run["totals"]["reports"] == 3
    single, compilation = run["files"]
    assert [e["kind"] for e in single["segments"]] == ["report"]
    assert single["segments"][0]["meta"]["collection"] is None
    preamble = [e for e in compilation["segments"] if e["kind"] != "report"]
    assert preamble and all(e["output"] is None and e["text"] for e in preamble)
    reports = [e for e in compilation["segments"] if e["kind"] == "report"]
    assert all(e["meta"]["collection"] == "2023年乡镇政府工作报告汇编" for e in reports)
    assert "".join(e["text"] for e in preamble) in cleaned
    assert [(e["index"], e["output"]) for e in compilation["segments"] if e["kind"] == "report"] == [
        (1, "out/sub/c-01.txt"), (2, "out/sub/c-02.txt")]


def test_no_split_writes_the_compilation_whole(in_tmp: Path, library: Cleaner) -> None:
    write("c.txt", COMPILATION)
    assert main(["clean", "c.txt", "-o", "out", "--no-split"]) == 0
    assert written(in_tmp / "out") == {"c.txt": library.clean_text(COMPILATION).text}
    write("cleaner.toml", "split = false\n")
    assert main(["clean", "c.txt", "-o", "out2", "-q"]) == 0
    assert list(written(in_tmp / "out2")) == ["c.txt"]
    assert main(["clean", "c.txt", "-o", "out3", "-q", "--split"]) == 0
    assert list(written(in_tmp / "out3")) == ["c-01.txt", "c-02.txt"]


def test_a_compilation_to_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    write("c.txt", WITH_PREAMBLE)
    assert main(["clean", "c.txt", "-o", "out", "-q"]) == 0
    files = [Path("out/c-01.txt").read_bytes(), Path("out/c-02.txt").read_bytes()]
    assert main(["clean", "c.txt"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == b"".join(files)  # the reports in order, no preamble
    assert "2 reports → standard output, one after the other".encode() in captured.err
    assert b"add --report FILE.json to keep its text" in captured.err
    assert main(["clean", "c.txt", "--blank-lines", "-q"]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert out.count("\n\n正余镇") == 0 and "奋斗！\n\n温泉镇" in out


def test_in_place_keeps_a_compilation_whole_and_says_so(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                                                        library: Cleaner) -> None:
    write("raw/c.txt", COMPILATION)
    assert main(["clean", "raw", "--in-place"]) == 0
    assert written(in_tmp / "raw") == {"c.txt": library.clean_text(COMPILATION).text}
    assert ("cleaner: warning: raw/c.txt: holds 2 reports: cleaned in place as one file, not split"
            in capsys.readouterr().err)


def test_a_split_that_would_take_another_inputs_output_fails_alone(
        in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("raw/c.txt", COMPILATION)
    write("raw/c-01.txt", REPORT)
    assert main(["clean", "raw", "-o", "out"]) == 1
    assert "raw/c.txt: holds 2 reports, and report 1 would be written to out/c-01.txt, the output " \
           "of another input" in capsys.readouterr().err
    assert written(in_tmp / "out") == {"c-01.txt": Cleaner().clean_text(REPORT).text}


def test_meta_sidecars(in_tmp: Path) -> None:
    write("raw/c.txt", COMPILATION)
    write("raw/a.txt", REPORT)
    assert main(["clean", "raw", "-o", "out", "--meta", "-q"]) == 0
    assert sorted(tree(in_tmp / "out")) == ["a.meta.json", "a.txt", "c-01.meta.json", "c-01.txt",
                                            "c-02.meta.json", "c-02.txt"]
    sidecar = json.loads(Path("out/c-02.meta.json").read_text(encoding="utf-8"))
    assert (sidecar["source"], sidecar["output"], sidecar["segment"]["index"]) == (
        "raw/c.txt", "out/c-02.txt", 2)
    assert sidecar["meta"]["collection"] is not None
    single = json.loads(Path("out/a.meta.json").read_text(encoding="utf-8"))
    assert single["segment"]["index"] is None and single["meta"]["collection"] is None


@pytest.mark.parametrize(("extra", "message"), [
    ([], "--meta writes NAME.meta.json beside each output file, and standard output is no file"),
    (["--jsonl", "-o", "out"], "JSON Lines records carry their metadata in their 'meta' field"),
])
def test_meta_needs_output_files(extra: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", REPORT)
    assert main(["clean", "a.txt", "--meta", *extra]) == 2
    assert message in capsys.readouterr().err


def test_jsonl_output_carries_meta_and_segments(in_tmp: Path) -> None:
    write("c.jsonl", json.dumps({"id": 7, "text": WITH_PREAMBLE}, ensure_ascii=False) + "\n")
    assert main(["clean", "c.jsonl", "--jsonl", "-o", "out", "--report", "run.json", "-q"]) == 0
    records = [json.loads(line) for line in Path("out/c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["cleaner"]["segment"]["index"]) for r in records] == [(7, 1), (7, 2)]
    assert all(r["meta"]["collection"] == "2023年乡镇政府工作报告汇编" for r in records)
    run = json.loads(Path("run.json").read_text(encoding="utf-8"))
    assert [(e["record"], e["kind"]) for e in run["files"][0]["segments"]] == [(1, "preamble")]


def test_dedup_moves_a_planted_repost_aside(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("raw/zhengyu.txt", REPORT)
    write("raw/gaoping.txt", GAOPING)  # another township's report: template text, not a duplicate
    write("raw/web/repost.txt", REPOST, "gbk")
    assert main(["clean", "raw", "-o", "out", "--meta", "--dedup", "--report", "run.json"]) == 0
    assert sorted(tree(in_tmp / "out")) == [
        "duplicates/web/repost.meta.json", "duplicates/web/repost.txt", "gaoping.meta.json",
        "gaoping.txt", "zhengyu.meta.json", "zhengyu.txt"]
    err = capsys.readouterr().err
    assert "cleaner: dedup: 3 reports, 1 duplicate (0 exact, 1 near) in 1 cluster, moved to " \
           "out/duplicates" in err
    run = json.loads(Path("run.json").read_text(encoding="utf-8"))
    [cluster] = run["dedup"]["clusters"]
    assert cluster["keep"] == "out/zhengyu.txt"
    assert [d["path"] for d in cluster["duplicates"]] == ["out/web/repost.txt"]
    assert cluster["reason"].startswith("longest: ")
    assert run["dedup"]["policy"].startswith("one report per cluster is kept: the most complete")
    assert run["dedup"]["moved"] == [
        {"from": "out/web/repost.txt", "to": "out/duplicates/web/repost.txt"},
        {"from": "out/web/repost.meta.json", "to": "out/duplicates/web/repost.meta.json"}]
    [entry] = next(f for f in run["files"] if f["path"] == "raw/web/repost.txt")["segments"]
    assert entry["moved_to"] == "out/duplicates/web/repost.txt"
    # a second run replaces its own earlier output in duplicates/
    assert main(["clean", "raw", "-o", "out", "--dedup", "-q"]) == 0
    assert sorted(tree(in_tmp / "out/duplicates")) == ["web/repost.meta.json", "web/repost.txt"]


def test_dedup_keeps_the_complete_copy_over_a_longer_incomplete_one(in_tmp: Path) -> None:
    write("rules/incomplete.toml", """
[[rule]]
id = "test.incomplete"
stage = "normalization"
scope = "flag"
flag = "incomplete"
description = "A notice that the rest of the text is missing."
pattern = '余下内容仅会员可见'
examples = [{ input = "余下内容仅会员可见", output = "⟦余下内容仅会员可见⟧" }]
keeps = ["会员代表大会"]
""")
    write("raw/a.txt", REPORT)
    write("raw/b.txt", REPORT + "三、其他事项\n余下内容仅会员可见，请登录后阅读全部内容和附件。\n")
    assert main(["clean", "raw", "-o", "out", "--rules", "rules", "--dedup", "--report", "run.json",
                 "-q"]) == 0
    [cluster] = json.loads(Path("run.json").read_text(encoding="utf-8"))["dedup"]["clusters"]
    assert (cluster["keep"], cluster["duplicates"][0]["kind"]) == ("out/a.txt", "near")
    # the user flag rule and the shipped paywall rules both mark the incomplete copy
    assert cluster["reason"].startswith("most complete: 0 incomplete-text flags, the next has")
    assert sorted(tree(in_tmp / "out")) == ["a.txt", "duplicates/b.txt"]


def test_dedup_to_standard_output_only_lists(capsys: pytest.CaptureFixture[str]) -> None:
    write("c.txt", COMPILATION.replace("温泉", "正余").replace("52万人次", "1.2亿元"))
    assert main(["clean", "c.txt", "--dedup", "--no-split"]) == 0
    assert "dedup: 1 reports, 0 duplicates" in capsys.readouterr().err
    write("twice.txt", "正余镇政府工作报告\n" + REPORT.split("\n", 1)[1] + REPORT)
    # the repeats stage would keep one copy of a report said twice: dedup is what this tests
    assert main(["clean", "twice.txt", "--no-remove-repeats", "--dedup", "--report", "run.json"]) == 0
    err = capsys.readouterr().err
    assert "listed only (written to standard output: there is no file to move)" in err
    run = json.loads(Path("run.json").read_text(encoding="utf-8"))
    assert run["dedup"]["moved"] == [] and run["dedup"]["moved_to"] is None
    assert run["dedup"]["clusters"][0]["keep"].startswith("twice.txt (report ")


def test_dedup_lists_duplicate_jsonl_records(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps({"id": n, "text": text}, ensure_ascii=False)
             for n, text in enumerate([REPORT, GAOPING, REPOST], start=1)]
    write("c.jsonl", "\n".join(lines) + "\n")
    assert main(["clean", "c.jsonl", "--jsonl", "-o", "out", "--dedup", "--report", "run.json"]) == 0
    assert "listed only (records of a JSON Lines file cannot be moved" in capsys.readouterr().err
    dedup = json.loads(Path("run.json").read_text(encoding="utf-8"))["dedup"]
    assert [(c["keep"], [d["path"] for d in c["duplicates"]]) for c in dedup["clusters"]] == [
        ("out/c.jsonl:1", ["out/c.jsonl:3"])]
    assert len(Path("out/c.jsonl").read_text(encoding="utf-8").splitlines()) == 3  # nothing removed


# --- destinations and option values checked before any work ----------------------------------

def test_output_folder_that_cannot_be_created_is_one_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        write(Path("in") / name, BODY)
    write("blocker", "a file where the output folder should go")
    assert main(["clean", "in", "-o", "blocker/out"]) == 2
    err = capsys.readouterr().err
    assert err == ("cleaner: error: -o blocker/out: cannot create the folder blocker/out: "
                   "not a directory; choose a place you can write to\n")


@pytest.mark.parametrize("flag", ["--report", "--review"])
def test_report_destination_checked_before_cleaning(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    write("in/a.txt", BODY)
    write("blocker", "x")
    assert main(["clean", "in", "-o", "out", flag, "blocker/run.out"]) == 2
    assert f"{flag} blocker/run.out: cannot create the folder blocker: not a directory" in (
        capsys.readouterr().err)
    assert not list(Path("out").rglob("*.txt"))


def test_review_that_is_a_folder_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    write("in/a.txt", BODY)
    Path("pages").mkdir()
    assert main(["clean", "in", "-o", "out", "--review", "pages"]) == 2
    assert "--review pages: is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "message"), [
    (["-j", "0"], "argument -j/--jobs: must be a whole number, 1 or more (not '0')"),
    (["--jobs", "two"], "argument -j/--jobs: must be a whole number, 1 or more (not 'two')"),
    (["--max-removed", "30%"], "argument --max-removed: must be a share above 0 and at most 1"),
])
def test_bad_option_values_name_the_flag(argv: list[str], message: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", BODY)
    assert main(["clean", "a.txt", *argv]) == 2
    assert message in capsys.readouterr().err


def test_empty_glob_is_an_error_not_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    write("in/a.txt", BODY)
    assert main(["clean", "in", "-o", "out", "--glob", ""]) == 2
    assert "glob must be a file name pattern" in capsys.readouterr().err
    assert not Path("out/a.txt").exists()


def test_jsonl_file_without_jsonl_flag_gets_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    write("corpus.jsonl", json.dumps({"text": BODY}, ensure_ascii=False) + "\n")
    assert main(["clean", "corpus.jsonl", "-o", "out"]) == 0
    assert ("cleaner: warning: corpus.jsonl: looks like JSON Lines but is cleaned as plain text: "
            "add --jsonl") in capsys.readouterr().err
    assert main(["clean", "corpus.jsonl", "--jsonl", "-o", "out"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_text_key_without_jsonl_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", BODY)
    assert main(["clean", "a.txt", "--text-key", "body"]) == 2
    assert "--text-key names the field to clean in JSON Lines records: add --jsonl" in (
        capsys.readouterr().err)


def test_in_place_jsonl_with_a_bad_record_says_the_file_was_left_alone(
        capsys: pytest.CaptureFixture[str]) -> None:
    original = json.dumps({"text": NOISY}, ensure_ascii=False) + "\nnot json\n"
    path = write("corpus.jsonl", original)
    assert main(["clean", "corpus.jsonl", "--jsonl", "--in-place"]) == 1
    assert path.read_text(encoding="utf-8") == original
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("cleaner: error: corpus.jsonl:2: invalid JSON")
    assert err[1].startswith("cleaner: error: corpus.jsonl: 1 bad record(s)")
    assert err[1].endswith("not cleaned in place, so that no record is lost; fix those lines first")


def test_top_level_help_keeps_each_command_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split() == ["diff", "(preview)", "show", "raw", "against", "cleaned", "text,",
                                "change", "by", "change"] for line in lines)


def test_a_bug_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import cleaner.cli

    def broken(args: object) -> int:
        raise ValueError("boom")

    monkeypatch.setattr(cleaner.cli, "run_clean", broken)
    write("a.txt", BODY)
    monkeypatch.delenv("CLEANER_DEBUG", raising=False)
    assert main(["clean", "a.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cleaner: error: internal error: ValueError: boom. This is a bug in cleaner")
    assert "Traceback" not in err
    monkeypatch.setenv("CLEANER_DEBUG", "1")
    with pytest.raises(ValueError, match="boom"):
        main(["clean", "a.txt"])


def test_stdin_on_a_terminal_says_it_is_waiting(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    set_stdin(monkeypatch, BODY.encode("utf-8"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert main(["clean", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("cleaner: reading standard input: paste or type the text, then Ctrl-D")
    assert captured.out.startswith("政府工作报告\n")
    set_stdin(monkeypatch, BODY.encode("utf-8"))
    assert main(["clean", "-"]) == 0
    assert capsys.readouterr().err == ""
