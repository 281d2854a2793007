"""What every `tracker` command shares at the terminal: one-line errors and writing output.

It sits in the lowest package (etl) so that the commands of every layer (etl/cli.py,
db/cli.py, dashboard/cli.py) can use it without importing one another.
"""
from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
from pathlib import Path

import typer


def fail(message: str, code: int = 1) -> None:
    """One clear line on stderr and a non-zero exit; never a traceback."""
    typer.echo(f"tracker: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """One line on stderr about something the command went on past."""
    typer.echo(f"tracker: error: {message}", err=True)


def note_line(message: str) -> None:
    """One line on stderr about how something was read, which the user may want to check."""
    typer.echo(f"tracker: note: {message}", err=True)


def write_output(text: str, output: Path | None, bom: bool = False) -> None:
    """The text to standard output, or whole to a file (never half-written); `bom` starts
    it with a UTF-8 byte-order mark, which Excel needs to read a CSV as UTF-8.

    A file is written beside its place under a temporary name and renamed into place, so
    that a full disk or an interruption leaves the earlier file, or none, never half of one.
    A new file gets the usual permissions (0666 less the umask, as a shell's `>` gives);
    a replaced one keeps its own. Failing to write is one line and exit status 1.
    """
    data = text.encode("utf-8-sig" if bom else "utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        _replace_file(Path(output), data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


def _replace_file(path: Path, data: bytes) -> None:
    try:
        info = path.stat()
        mode = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None
    except FileNotFoundError:
        mode = None
    fd, tmp = _temporary_beside(path)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new file in `path`'s folder, created 0666 less the umask (not mkstemp's 0600)."""
    folder = path.parent
    for _ in range(100):
        tmp = os.path.join(folder, f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
