"""Files: find the inputs, map each to its output path, read bytes and write outputs atomically.

Nothing here cleans text. The rules it enforces are about not hurting the user's files: inputs
are only read (unless cleaning in place), an output is written to a temporary file beside it and
moved into place in one step, and no output path may leave the output directory.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One document to clean, as the user named it."""

    display: str
    """The path as the user gave it (joined with the path inside a directory argument), or '-'."""
    source: Path | None
    """Where to read it; None for standard input."""
    relative: PurePath
    """Its path below the directory argument it was found in (a file argument: its name)."""


@dataclass(frozen=True)
class InputProblem:
    """An argument that yields no document: the run goes on and ends with exit code 1."""

    display: str
    message: str


def discover(arguments: Iterable[str], pattern: str,
             skip: Path | None = None) -> list[Input | InputProblem]:
    """Expand the command-line paths, in order: files as given, directories recursively by
    ``pattern``, and a problem for each argument that yields nothing.

    ``skip`` is a directory to leave out (the output directory, when it sits inside an input
    directory). Files inside a directory come out sorted by their relative path, so runs are
    reproducible.
    """
    found: list[Input | InputProblem] = []
    skip_resolved = skip.resolve() if skip is not None else None
    for argument in arguments:
        if argument == STDIN:
            found.append(Input(STDIN, None, PurePath("stdin")))
            continue
        path = Path(argument)
        if path.is_dir():
            files, trouble = _walk(path, pattern, skip_resolved)
            found.extend(trouble)
            if not files and not trouble:
                found.append(InputProblem(argument, f"no files matching {pattern!r} in this "
                                          "directory (choose others with --glob)"))
            found.extend(Input(str(path / rel), path / rel, rel) for rel in files)
        elif path.exists():
            found.append(Input(argument, path, PurePath(path.name)))
        elif path.is_symlink():
            found.append(InputProblem(argument, "broken symbolic link"))
        else:
            found.append(InputProblem(argument, "no such file or directory" + _pattern_hint(argument)))
    return found


def _pattern_hint(argument: str) -> str:
    """A hint for a quoted shell pattern given as a path: folders take their pattern from --glob.

    >>> _pattern_hint("raw/*.htm")
    " (a pattern? give the folder and the pattern apart: raw --glob '*.htm')"
    >>> _pattern_hint("raw/a.txt")
    ''
    """
    path = PurePath(argument)
    if not any(char in path.name for char in "*?[") or any(char in str(path.parent) for char in "*?["):
        return ""
    return f" (a pattern? give the folder and the pattern apart: {path.parent} --glob '{path.name}')"


def _walk(root: Path, pattern: str, skip: Path | None) -> tuple[list[PurePath], list[InputProblem]]:
    """Files below ``root`` whose relative path matches ``pattern``; unreadable folders are problems."""
    found: list[PurePath] = []
    problems: list[InputProblem] = []

    def unreadable(error: OSError) -> None:
        where = error.filename or str(root)
        problems.append(InputProblem(str(where), f"cannot read directory: {error.strerror or error}"))

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(folder)
        if skip is not None:
            dirs[:] = [d for d in dirs if (here / d).resolve() != skip]
        dirs.sort()
        for name in names:
            rel = PurePath(here.relative_to(root), name)
            if rel.match(pattern) and (here / name).is_file():
                found.append(rel)
    return sorted(found, key=lambda p: p.parts), problems


def output_path(item: Input, out_dir: Path, suffix: str) -> Path:
    """Where ``item`` goes below ``out_dir``: its relative path with ``suffix``.

    >>> output_path(Input("d/a/b.html", Path("d/a/b.html"), PurePath("a/b.html")), Path("out"),
    ...             ".txt").as_posix()
    'out/a/b.txt'
    >>> output_path(Input("-", None, PurePath("stdin")), Path("out"), ".jsonl").as_posix()
    'out/stdin.jsonl'
    """
    rel = item.relative
    return out_dir / rel.parent / (rel.stem + suffix if rel.suffix else rel.name + suffix)


def escapes(path: Path, out_dir: Path) -> bool:
    """True when ``path`` resolves outside ``out_dir`` (through '..' or a symbolic link)."""
    return not path.resolve().is_relative_to(out_dir.resolve())


def describe_os_error(error: OSError) -> str:
    """A short, lower-case reason for an ``OSError``, without the path (the caller names it).

    >>> describe_os_error(PermissionError(13, "Permission denied", "a.txt"))
    'permission denied'
    >>> describe_os_error(IsADirectoryError(21, "Is a directory"))
    'is a directory'
    """
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]


def as_output_text(text: str) -> str:
    """Text as cleaner writes it: LF line endings and one final newline (nothing for no text).

    >>> as_output_text("一\\r\\n二")
    '一\\n二\\n'
    >>> as_output_text("")
    ''
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if not text or text.endswith("\n") else text + "\n"


def write_atomic(path: Path, data: bytes, *, keep_mode_of: Path | None = None,
                 durable: bool = False) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same directory, which is renamed over ``path``
    (``os.replace``). With ``durable`` the bytes are forced to disk first (``fsync``): in-place
    runs ask for it, because there the file replaced is the only copy of an input; outputs below
    ``-o`` can be made again from their inputs and skip it, which makes batch runs several times
    faster. New files get the usual permissions (0666 less the umask); ``keep_mode_of`` keeps the
    permissions of the file being replaced. On any error the temporary file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if keep_mode_of is not None:
            os.chmod(temp, stat.S_IMODE(keep_mode_of.stat().st_mode))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
