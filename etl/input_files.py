"""Report files on disk: which ones are accepted, and their bytes.

`read_path` raises `InputError` with a short reason that the CLI prints as is.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from etl.errors import InputError

__all__ = ["SUPPORTED_SUFFIXES", "MAX_BYTES", "read_path", "shown_name"]

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}

# Government reports are at most a few MB even as PDFs with images; anything far larger
# is a mistake, and reading it whole would exhaust memory.
MAX_BYTES = 200 * 1024 * 1024


def shown_name(path: str | Path) -> str:
    """The path as a line can show it: the bytes of a name that is not UTF-8 escaped
    (b"\\xff" as "\\xff"), never the lone surrogates Python decodes them to."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        return name.decode("utf-8", "backslashreplace")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:   # a surrogate that stands for no byte
            return name.encode("utf-8", "backslashreplace").decode("ascii")
    return name


def read_path(path: str | Path) -> bytes:
    """The bytes of a report file; InputError if it is missing, unreadable or unsuitable.

    A name that is not UTF-8 is refused before the file is read: its facts would name a
    source that no output (JSON, CSV, the database) can hold.
    """
    name = shown_name(path)
    p = Path(os.fsdecode(path))
    if name != os.fsdecode(path):
        raise InputError(name, "file name is not valid UTF-8 (rename the file)")
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        raise InputError(name, "cannot access file") from None
    _check_file(name, p, info)
    return _read_limited(name, p, info.st_size)


def _check_file(name: str, p: Path, info) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, _folder_problem(p))
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
        raise InputError(name, "not a regular file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"({suffix})" if suffix else "(no suffix)"
        raise InputError(name, f"unsupported file type {kind}")
    if info.st_size > MAX_BYTES:
        raise InputError(name, _too_large())


def _read_limited(name: str, p: Path, size: int) -> bytes:
    try:
        with open(p, "rb") as f:
            # A buffer of the size stat() gave, not of the limit: read() allocates what it
            # is asked for, and most reports are a small fraction of the limit.
            data = f.read(min(size, MAX_BYTES) + 1)
            if len(data) > size:
                # The file has grown since stat(): read on, one byte more than allowed.
                data += f.read(MAX_BYTES + 1 - len(data))
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError:
        raise InputError(name, "cannot read file") from None
    if len(data) > MAX_BYTES:
        raise InputError(name, _too_large())
    return data


def _folder_problem(p: Path) -> str:
    """Why a folder is not a report: it is one, or, when a folder run passed it on, it
    cannot be listed (see etl.pipeline.iter_report_paths)."""
    try:
        with os.scandir(p):
            pass
    except PermissionError:
        return "cannot list the folder: permission denied"
    except OSError as exc:
        return f"cannot list the folder: {(exc.strerror or str(exc)).lower()}"
    return "is a directory"


def _too_large() -> str:
    return f"file too large (over {MAX_BYTES // (1024 * 1024)} MB)"
