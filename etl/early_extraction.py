"""The first reports of `tracker ingest`, extracted in a second process while the first
starts its database work.

Before it stores anything, ingest imports the database layer and opens the database; before
it extracts anything, it loads the extraction's patterns and catalogs. Each takes about as
long as the other, and neither needs the other, so on a machine with two cores or more a
forked process reads and extracts the first few files while the command starts its database
side, and hands the reports over. Ingesting one report then ends in about the time of the
longer of the two instead of their sum.

Nothing depends on the helper: a file it did not extract (it failed on it, it was ended, the
file changed since) is extracted by ingest itself, the same way. It extracts what ingest
would (etl.pipeline.extract_bytes with the run's region and year) from the same bytes,
matched by path and content digest, and it ends with the command (see etl.child_processes).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from etl.child_processes import die_with_parent

# Only a run's first files, and only small ones: after them the run is under way, and the rest
# are extracted as usual. A large file is left to ingest, so that its bytes and its report are
# never held by two processes at once.
EARLY_FILES = 4
EARLY_BYTES = 8 * 1024 * 1024

Extract = Callable[[bytes, str], object]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class EarlyExtraction:
    """Started with the run's paths; `extractor(extract)` is `extract` served from the helper
    where it has the file. Use as a context manager: leaving it ends the helper."""

    def __init__(self, paths: Iterable[str | Path], region: str | None, year: int | None) -> None:
        self.pid = 0
        self._reader = None
        self._reports: dict[str, object] = {}
        self.served = 0
        # Linux only: macOS forbids much in a forked child of a process that loaded its
        # system frameworks (and Python spawns its own workers there); Windows cannot fork.
        if not sys.platform.startswith("linux") or _cores() < 2:
            return
        read_end, write_end = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _helper(parent, [str(p) for p in paths], region, year, write_end)   # never returns
        os.close(write_end)
        self.pid = pid
        self._reader = os.fdopen(read_end, "rb")

    def __enter__(self) -> EarlyExtraction:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def extractor(self, extract: Extract) -> Extract:
        def early_or_own(data: bytes, name: str):
            report = self._take(name, data)
            return extract(data, name) if report is None else report
        return early_or_own

    def _take(self, name: str, data: bytes):
        if self._reader is None:
            return None
        while name not in self._reports and self._receive():
            pass
        report = self._reports.pop(name, None)
        # A report carries the digest of the bytes it was read from.
        if report is None or report.sha256 != hashlib.sha256(data).hexdigest():
            return None
        self.served += 1
        return report

    def _receive(self) -> bool:
        try:
            name, report = pickle.load(self._reader)
        except Exception:   # the helper ended (done, failed, killed): nothing more comes
            self.close()
            return False
        self._reports[name] = report
        return True

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0


def _helper(parent: int, paths: list[str], region: str | None, year: int | None, out_fd: int) -> None:
    """In the forked process: extract the first files, send each as (path, report)."""
    status = 0
    try:
        die_with_parent(parent)
        from etl.input_files import read_path
        from etl.pipeline import extract_bytes, iter_report_paths

        with os.fdopen(out_fd, "wb") as out:
            size = 0
            for number, path in enumerate(iter_report_paths(paths)):
                if number >= EARLY_FILES or size >= EARLY_BYTES:
                    break
                try:
                    if path.stat().st_size > EARLY_BYTES - size:
                        break
                    data = read_path(path)
                    size += len(data)
                    report = extract_bytes(data, str(path), region=region, year=year)
                except Exception:
                    continue    # ingest meets the same failure itself and reports it
                pickle.dump((str(path), report), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
    except BaseException:
        status = 1
    finally:
        os._exit(status)    # never back into the command's own code, nor its exit handlers
