"""Report files → the rows ingest stores: files read a window at a time, extracted in this
process or in several (`--jobs`), each turned into a DocumentRow or a failed FileResult.

What `tracker ingest` does with them (skipping stored contents, batched writes) is db.ingest's.
"""
from __future__ import annotations

import hashlib
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path

from db.models import DOC_TYPES
from db.store import DocumentRow, FactRow, problems_of
from etl.child_processes import die_with_parent
from etl.errors import InputError
from etl.facts import ExtractedReport

Extractor = Callable[[bytes, str], ExtractedReport]


@dataclass
class FileResult:
    path: str
    status: str          # new | replaced | unchanged | failed
    facts: int = 0
    reason: str = ""
    level: str = ""      # of the document's region: national | province | prefecture | county | unknown
    doc_type: str = ""
    notes: tuple[str, ...] = ()     # how region and year were read, when the user should hear it


# Files are read a few at a time and whether they are stored is asked for all of them in
# one query rather than a query per file. Read
# lazily all the same, a window at a time: holding every file's bytes before extraction
# starts made memory grow with the size of the run.
WINDOW_FILES = 16
WINDOW_BYTES = 16 * 1024 * 1024


def read_windows(files: list[Path], record: Callable[[int, FileResult], None]) -> Iterator[list[tuple]]:
    """The readable files as lists of (number, path, sha, bytes), of at most WINDOW_FILES
    files and, but for a single larger file, WINDOW_BYTES; unreadable ones recorded as failed."""
    window: list[tuple] = []
    size = 0
    for number, path in enumerate(files):
        try:
            data = _read(path)
        except InputError as exc:
            # exc.path, not str(path): it shows a name that is not UTF-8 with its bytes escaped.
            record(number, FileResult(exc.path, "failed", reason=exc.reason))
            continue
        window.append((number, path, hashlib.sha256(data).hexdigest(), data))
        size += len(data)
        if len(window) >= WINDOW_FILES or size >= WINDOW_BYTES:
            yield window
            window, size = [], 0
    if window:
        yield window


def _read(path: Path) -> bytes:
    """The file's bytes, refused as `tracker extract` refuses them: a pipe or device (reading
    it would block), an unsupported type, a file over the size limit."""
    from etl.read import read_path, shown_name

    try:
        path.stat()
    except OSError as exc:
        raise InputError(shown_name(path), exc.strerror or str(exc)) from None
    return read_path(path)



def extract_all(pending: Iterable[tuple], extract: Extractor, jobs: int, queue: int) -> Iterator[tuple]:
    """(number, path, the DocumentRow to store or a failed FileResult), in input order.

    With several jobs, the workers also turn their reports into rows: a row travels back
    to the writer in a third of the time a report with its fact objects does, and the
    single writer is what limits a parallel run. At most `queue` (a batch) and two files per job
    (and IN_FLIGHT_BYTES of them, but for one larger file) are in flight, so that the
    workers go on while the writer stores a batch, and memory stays flat however many
    files the run holds.
    """
    if jobs <= 1:
        for number, path, source, sha, data in pending:
            yield number, path, _row_of_file(extract, data, path, source, sha)
        return
    in_flight: deque = deque()
    size = 0
    with _SigtermEndsRun() as sigterm, WorkerPool(max_workers=jobs) as pool:
        sigterm.pool = pool
        for number, path, source, sha, data in pending:
            sigterm.check()
            in_flight.append((number, path, len(data), pool.submit(_row_of_file, extract, data, path, source, sha)))
            size += len(data)
            while in_flight and (len(in_flight) >= queue + 2 * jobs or size >= IN_FLIGHT_BYTES):
                size -= in_flight[0][2]
                settled = _settled(in_flight.popleft())
                sigterm.check()
                yield settled
        while in_flight:
            settled = _settled(in_flight.popleft())
            sigterm.check()
            yield settled


class WorkerPool(futures.ProcessPoolExecutor):
    """The standard process pool, but its workers die with the run.

    Ended by an exception (Ctrl-C, a SIGTERM, a failed write in the caller, which closes
    extract_all with GeneratorExit), it cancels the files not started and ends its workers
    at once, rather than waiting for the files in flight, which could take minutes.
    """

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, initializer=die_with_parent, initargs=(os.getpid(),))

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return super().__exit__(exc_type, exc, tb)
        self.shutdown(wait=False, cancel_futures=True)
        for worker in self.end_workers():
            worker.join(timeout=5)
        return False

    def end_workers(self) -> list:
        """Send every worker SIGTERM (which ends it: see etl.child_processes.die_with_parent); the workers."""
        # There is no public way to end the workers before Python 3.14 (terminate_workers);
        # `_processes` has held them since 3.2. The pool's own thread may be changing it.
        try:
            workers = list((getattr(self, "_processes", None) or {}).values())
        except RuntimeError:
            return []
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        return workers


class RunTerminated(SystemExit):
    """A SIGTERM during a parallel run: ends the process with 143 (128 + SIGTERM)."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


class _SigtermEndsRun:
    """While a parallel run goes on, SIGTERM ends it as a failed write would: cleanly.

    Left to its default, SIGTERM ends the parent at once and leaves the workers to the death
    signal they asked for (etl.child_processes). Here the handler ends the workers at once (the file in hand then fails
    fast) and notes the signal; extract_all raises RunTerminated at its next `check()`.
    That is always inside extract_all, so between two of the caller's batches and never in
    the middle of a write: raised from the handler, at whatever line the signal came, it
    could break off SQLAlchemy halfway through a transaction's end and leave its lock held
    (Ctrl-C, which does that, has been seen to hang a run on its own lock so). Only the main
    thread can set a handler; in another thread (the dashboard's), this does nothing.
    """

    def __init__(self) -> None:
        self.pool: WorkerPool | None = None
        self.requested = False
        self.previous = None

    def __enter__(self) -> _SigtermEndsRun:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, self._on_sigterm)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
        if exc_type is None:
            self.check()   # a SIGTERM while the last files were written ends the run all the same

    def _on_sigterm(self, signum, frame) -> None:
        self.requested = True
        if self.pool is not None:
            self.pool.end_workers()

    def check(self) -> None:
        if self.requested:
            raise RunTerminated()


# Reports are a few MB at most, but a folder of large PDFs must not pile up in memory.
IN_FLIGHT_BYTES = 64 * 1024 * 1024


def _settled(item: tuple) -> tuple:
    number, path, _, future = item
    try:
        outcome = future.result()
    except Exception as exc:  # a worker that died takes its file with it, not the run
        outcome = FileResult(str(path), "failed", reason=_reason(exc))
    return number, path, outcome


def _row_of_file(extract: Extractor, data: bytes, path: Path, source: str, sha: str) -> DocumentRow | FileResult:
    outcome = extract_one(extract, data, path)
    if isinstance(outcome, FileResult):
        return outcome
    try:
        return document_row(outcome, source, sha)
    except InputError as exc:
        return FileResult(str(path), "failed", reason=exc.reason)


def extract_one(extract: Extractor, data: bytes, path: Path) -> ExtractedReport | FileResult:
    try:
        return extract(data, str(path))
    except InputError as exc:
        return FileResult(str(path), "failed", reason=exc.reason)
    except Exception as exc:
        # A bug in extraction fails this file, loudly, and leaves the rest of the run alone.
        return FileResult(str(path), "failed", reason=_reason(exc))


def _reason(exc: BaseException) -> str:
    return f"extraction failed: {type(exc).__name__}: {exc}"


def document_row(report: ExtractedReport, source: str, sha: str) -> DocumentRow:
    """The report as it will be stored; InputError when a fact cannot be stored."""
    meta = report.meta
    doc_type = meta.doc_type or "work_report"
    if doc_type not in DOC_TYPES:
        raise InputError(source, f"document type {doc_type!r} is not one of {', '.join(DOC_TYPES)}")
    region, level, year = meta.region, meta.region_level, meta.report_year
    # Plain tuples in FactRow's field order (see FactRow for why), built in one pass.
    facts = [(fact.region or region, fact.kind, fact.year, fact.indicator, fact.measure, fact.value,
              fact.unit, fact.comparator, fact.strive, fact.estimated, fact.sentence, fact.start,
              fact.end, fact.name, fact.region_level or level, fact.report_year or year,
              None, None, None, fact.value_high, fact.basis)
             for fact in report.facts]
    for number, row in enumerate(facts, 1):
        problems = problems_of(row)
        if problems:
            sentence = FactRow(*row).sentence
            raise InputError(source, f"fact {number} ({sentence[:30]!r}): {'; '.join(problems)}")
    return DocumentRow(
        source=source, sha256=sha, doc_type=doc_type, title=(meta.title or "")[:300],
        text=report.text, original_text=report.original or None, url=meta.url or None, region=meta.region or None, region_level=meta.region_level or "",
        report_year=meta.report_year, facts=facts, notes=tuple(meta.notes),
    )
