"""Tables derived from the package's data, kept in the user's cache directory between runs.

A command that reads one report should not spend most of its time rebuilding the same
table from the same files at every start. A derived table is stored under a name made of
a digest of everything it is derived from (the caller's `sources`, this Python's version),
so a changed catalog or an upgrade makes a new entry instead of reading a stale one.

The directory is $TRACKER_CACHE_DIR, else $XDG_CACHE_HOME/work-report-tracker, else
~/.cache/work-report-tracker. Nothing depends on it: a missing, unwritable or damaged entry
only means the table is built again. Entries are written whole (a temporary file renamed
into place) so that two processes starting together never read half of one.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
APP = "work-report-tracker"


def cache_dir() -> Path:
    if os.environ.get("TRACKER_CACHE_DIR"):
        return Path(os.environ["TRACKER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / APP


def _entry(name: str, sources: Iterable[bytes]) -> Path:
    digest = hashlib.sha256(repr(sys.version_info).encode())
    for source in sources:
        digest.update(len(source).to_bytes(8, "little"))
        digest.update(source)
    return cache_dir() / f"{name}-{digest.hexdigest()[:24]}.marshal"


def derived(name: str, sources: Iterable[bytes], build: Callable[[], T]) -> T:
    """build(), or what an earlier run stored for the same `sources`.

    The value must be made of what marshal keeps (dicts, lists, tuples, strings, numbers):
    reading it back runs no code, unlike a pickle.
    """
    path = _entry(name, sources)
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _store(path, marshal.dumps(value))
    return value


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _drop_older(path)
    except OSError:
        pass    # a read-only home or a full disk: the next run builds the table again


def _drop_older(path: Path) -> None:
    """Remove the entries of the same name made from other sources: they are never read again."""
    name = path.name.rsplit("-", 1)[0]
    for other in path.parent.glob(f"{name}-*.marshal"):
        if other != path:
            other.unlink(missing_ok=True)
