"""Input discovery, output paths and atomic writes (cleaner.files)."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePath

import pytest

from cleaner.files import Input, InputProblem, discover, escapes, output_path, write_atomic


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("各位代表：\n", encoding="utf-8")


def relatives(found: list[Input | InputProblem]) -> list[str]:
    return [item.relative.as_posix() for item in found if isinstance(item, Input)]


def test_directory_is_searched_recursively_and_sorted(tmp_path: Path) -> None:
    make(tmp_path, "raw/b.txt", "raw/a/z.txt", "raw/a/deep/y.txt", "raw/notes.md")
    found = discover([str(tmp_path / "raw")], "*.txt")
    assert relatives(found) == ["a/deep/y.txt", "a/z.txt", "b.txt"]
    first = found[0]
    assert isinstance(first, Input)
    assert first.display == str(tmp_path / "raw" / "a" / "deep" / "y.txt")
    assert first.source == tmp_path / "raw" / "a" / "deep" / "y.txt"


def test_glob_chooses_other_files(tmp_path: Path) -> None:
    make(tmp_path, "raw/a.txt", "raw/sub/page.html", "raw/other/page.htm")
    assert relatives(discover([str(tmp_path / "raw")], "*.html")) == ["sub/page.html"]
    assert relatives(discover([str(tmp_path / "raw")], "other/*")) == ["other/page.htm"]


def test_output_directory_inside_the_input_is_skipped(tmp_path: Path) -> None:
    make(tmp_path, "raw/a.txt", "raw/clean/a.txt", "raw/clean/sub/b.txt")
    found = discover([str(tmp_path / "raw")], "*.txt", skip=tmp_path / "raw" / "clean")
    assert relatives(found) == ["a.txt"]


def test_file_arguments_keep_their_name_and_order(tmp_path: Path) -> None:
    make(tmp_path, "x/b.txt", "y/a.html")
    found = discover([str(tmp_path / "x/b.txt"), str(tmp_path / "y/a.html"), "-"], "*.txt")
    assert [item.display for item in found] == [str(tmp_path / "x/b.txt"),
                                                str(tmp_path / "y/a.html"), "-"]
    assert relatives(found) == ["b.txt", "a.html", "stdin"]
    stdin = found[2]
    assert isinstance(stdin, Input) and stdin.source is None


def test_arguments_that_yield_nothing_are_problems_in_place(tmp_path: Path) -> None:
    make(tmp_path, "good.txt", "empty-dir/readme.md")
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    found = discover([str(tmp_path / "missing.txt"), str(tmp_path / "good.txt"),
                      str(tmp_path / "empty-dir"), str(tmp_path / "dangling")], "*.txt")
    kinds = [(type(item).__name__, getattr(item, "message", "")) for item in found]
    assert kinds[0] == ("InputProblem", "no such file or directory")
    assert kinds[1] == ("Input", "")
    assert kinds[2][0] == "InputProblem" and "no files matching '*.txt'" in kinds[2][1]
    assert kinds[3] == ("InputProblem", "broken symbolic link")


def test_output_path_mirrors_the_relative_path_with_the_suffix() -> None:
    item = Input("raw/a/b.html", Path("raw/a/b.html"), PurePath("a/b.html"))
    assert output_path(item, Path("out"), ".txt") == Path("out/a/b.txt")
    bare = Input("README", Path("README"), PurePath("README"))
    assert output_path(bare, Path("out"), ".txt") == Path("out/README.txt")


def test_escapes_sees_through_symbolic_links(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "elsewhere"
    out.mkdir()
    outside.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    assert escapes(out / "sub" / "a.txt", out)
    assert escapes(out / ".." / "a.txt", out)
    assert not escapes(out / "real" / "a.txt", out)


def test_write_atomic_writes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "dir" / "a.txt"
    write_atomic(target, "各位代表：\n".encode())
    write_atomic(target, "第二次\n".encode())
    assert target.read_bytes() == "第二次\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_write_atomic_failure_keeps_the_old_file_and_removes_the_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_atomic_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        write_atomic(fresh, b"x\n")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_bytes(b"old\n")
        kept.chmod(0o640)
        write_atomic(kept, b"new\n", keep_mode_of=kept)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old_umask)


def test_only_durable_writes_are_forced_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    write_atomic(tmp_path / "out.txt", b"x")
    assert synced == []
    write_atomic(tmp_path / "in-place.txt", b"y", durable=True)
    assert len(synced) == 1
    assert (tmp_path / "out.txt").read_bytes() == b"x" and (tmp_path / "in-place.txt").read_bytes() == b"y"


def test_a_quoted_pattern_is_told_to_use_glob(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    [problem] = discover([str(tmp_path / "raw" / "*.htm")], "*.txt")
    assert isinstance(problem, InputProblem)
    assert problem.message == ("no such file or directory (a pattern? give the folder and the "
                               f"pattern apart: {tmp_path / 'raw'} --glob '*.htm')")
