"""`tracker ingest`: extract report files and store each document whole, with its facts.

Files whose content is already stored are skipped before extraction (re-ingesting changes
nothing). Extraction may run in several processes; one process writes, so that SQLite sees
a single writer per ingest. Documents are written a few dozen to a transaction.
"""
from __future__ import annotations

import hashlib
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, bindparam, select
from sqlalchemy.exc import OperationalError

from db.errors import DatabaseError
from db.first_load import indexes_built_at_end, restore_search_indexes
from db.indicators import IndicatorInfo, load_catalog, sync_catalog
from db.models import DOC_TYPES, LEVELS, Document
from etl.divisions import Divisions, divisions as load_divisions, level_from_suffix, level_of_hint
from db.session import fetch_rows, in_write_transaction, is_locked, read_session, use_bulk_cache
from db.store import (
    DocumentRow, FactRow, KnownIds, PendingIds, problems_of, store_document, store_documents,
)
from etl.collector import collector_paused_for_run, heap_frozen
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


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def facts(self) -> int:
        return sum(r.facts for r in self.results if r.status in ("new", "replaced"))

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def stored_by_level(self) -> dict[str, int]:
        """Documents stored by this run (new or replaced) by their region's level, national first."""
        counts = Counter(r.level or "unknown" for r in self.results if r.status in ("new", "replaced"))
        return {level: counts[level] for level in LEVELS if counts[level]}

    def stored_of_type(self, doc_type: str) -> int:
        return sum(r.doc_type == doc_type and r.status in ("new", "replaced") for r in self.results)


def default_extractor(region: str | None = None, year: int | None = None) -> Extractor:
    from etl.pipeline import extract_bytes

    return partial(extract_bytes, region=region, year=year)


def report_paths(paths: Iterable[str | Path]) -> list[Path]:
    from etl.pipeline import iter_report_paths

    return list(iter_report_paths(paths))


# Documents are written in batches, one transaction each: a commit per document was a
# fifth of the database side's time, and a batch looks up the indicators of all its
# documents in a few statements. A batch is written once it holds this many documents or
# has waited this long since its first one, so that an interrupted run loses little work
# and progress shows soon. The first batches are smaller still (1, 2, 4 … documents), so
# that a run's first documents show at once, and a short run shows its progress too.
BATCH_DOCUMENTS = 50
BATCH_SECONDS = 0.5


def ingest_paths(engine: Engine, paths: Iterable[str | Path], *, extract: Extractor | None = None,
                 jobs: int = 1, force: bool = False,
                 catalog: dict[str, IndicatorInfo] | None = None,
                 known_divisions: Divisions | None = None,
                 on_result: Callable[[FileResult], None] | None = None,
                 on_stage: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest every report file under `paths`; each document is stored whole or not at all.

    `extract(data, name)` turns a file's bytes into an ExtractedReport (default: the
    project's extraction). A file that cannot be read or extracted is recorded as failed
    with its reason and the others go on. Documents are written a batch per transaction
    (see _BatchWriter); `on_result` hears of each file once its outcome is final, and
    `on_stage` of work after the last file (a first load's indexes, see db.first_load).
    """
    extract = extract or default_extractor()
    catalog = load_catalog() if catalog is None else catalog
    known_divisions = known_divisions or load_divisions()
    in_write_transaction(engine, lambda s: sync_catalog(s, catalog))
    restore_search_indexes(engine)   # after a first load that was killed before its end
    done: dict[int, FileResult] = {}

    def record(number: int, result: FileResult) -> None:
        done[number] = result
        if on_result:
            on_result(result)

    files = report_paths(paths)
    with indexes_built_at_end(engine, len(files), on_stage or (lambda _: None)), heap_frozen(), \
            collector_paused_for_run() as collect, _StoredCheck(engine) as stored:
        writer = _BatchWriter(engine, catalog=catalog, divisions=known_divisions, force=force,
                              record=record, before_write=stored.release, after_write=collect)
        pending = _pending(files, stored=stored, force=force, record=record)
        for number, path, outcome in _extract_all(pending, extract, jobs):
            if isinstance(outcome, FileResult):
                record(number, outcome)
            else:
                writer.add(number, str(path), outcome)
        writer.flush()
    return IngestSummary([done[n] for n in sorted(done)])


def _pending(files: list[Path], *, stored: _StoredCheck, force: bool,
             record: Callable[[int, FileResult], None]) -> Iterator[tuple]:
    """(number, path, source, sha, bytes) of each file to extract; the others are recorded
    as failed (unreadable) or unchanged (stored already)."""
    sources = _Sources()
    for window in _read_windows(files, record):
        known = set() if force else stored.among([sha for _, _, sha, _ in window])
        for number, path, sha, data in window:
            if sha in known:
                record(number, FileResult(str(path), "unchanged"))
                continue
            yield number, path, sources.of(path), sha, data


# Files are read a few at a time and whether they are stored is asked for all of them in
# one query: a query per file took as long as a sixtieth of extracting the file. Read
# lazily all the same, a window at a time: holding every file's bytes before extraction
# starts made memory grow with the size of the run.
WINDOW_FILES = 16
WINDOW_BYTES = 16 * 1024 * 1024


def _read_windows(files: list[Path], record: Callable[[int, FileResult], None]) -> Iterator[list[tuple]]:
    """The readable files as lists of (number, path, sha, bytes), of at most WINDOW_FILES
    files and, but for a single larger file, WINDOW_BYTES; unreadable ones recorded as failed."""
    window: list[tuple] = []
    size = 0
    for number, path in enumerate(files):
        try:
            data = _read(path)
        except InputError as exc:
            record(number, FileResult(str(path), "failed", reason=exc.reason))
            continue
        window.append((number, path, hashlib.sha256(data).hexdigest(), data))
        size += len(data)
        if len(window) >= WINDOW_FILES or size >= WINDOW_BYTES:
            yield window
            window, size = [], 0
    if window:
        yield window


class _BatchWriter:
    """Stores extracted reports several to a transaction, each document whole or not at all.

    A batch is retried whole on a lock or a unique-key race (in_write_transaction). When it
    fails otherwise, its documents are stored again one per transaction, as they were before
    batching: those before a failing document are kept, and its error goes on. Ids of
    indicators and regions are remembered across batches, but only those of batches that
    committed (KnownIds).
    """

    def __init__(self, engine: Engine, *, catalog: dict[str, IndicatorInfo], divisions: Divisions,
                 force: bool, record: Callable[[int, FileResult], None],
                 before_write: Callable[[], None] = lambda: None,
                 after_write: Callable[[], None] = lambda: None):
        self.engine, self.catalog, self.divisions, self.force = engine, catalog, divisions, force
        self.record, self.before_write, self.after_write = record, before_write, after_write
        self.known = KnownIds()
        self.batch: list[tuple[int, str, DocumentRow]] = []
        self.started = 0.0
        self.size = 1  # documents in the next batch; doubles up to BATCH_DOCUMENTS

    def add(self, number: int, name: str, doc: DocumentRow) -> None:
        if not self.batch:
            self.started = time.monotonic()
        self.batch.append((number, name, doc))
        if len(self.batch) >= self.size or time.monotonic() - self.started >= BATCH_SECONDS:
            self.flush()
            self.size = min(2 * self.size, BATCH_DOCUMENTS)

    def flush(self) -> None:
        """Write the gathered documents in one transaction (nothing when there are none)."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        self._write_batch(batch)
        del batch   # freed before after_write, which may collect what the batch left
        self.after_write()

    def _write_batch(self, batch: list[tuple[int, str, DocumentRow]]) -> None:
        self.before_write()
        try:
            statuses = self._write([doc for _, _, doc in batch])
        except Exception as exc:
            if len(batch) == 1 or _about_the_database(exc):
                raise
            # One document may be at fault: store them one per transaction, as before
            # batching, so that those before it are kept and its error goes on.
            for number, name, doc in batch:
                self._report([(number, name, doc)], self._write([doc]))
            return
        self._report(batch, statuses)

    def _write(self, docs: list[DocumentRow]) -> list[str]:
        """Store `docs` in one transaction; each one's status, in order."""
        attempts: list[PendingIds] = []

        def work(session) -> list[str]:
            use_bulk_cache(session.connection())
            known = self.known.transaction()  # afresh on every attempt: a retry follows a rollback
            attempts.append(known)
            return store_documents(session, docs, catalog=self.catalog, divisions=self.divisions,
                                   force=self.force, known=known)

        statuses = in_write_transaction(self.engine, work)
        self.known.keep(attempts[-1])
        return statuses

    def _report(self, batch: list[tuple[int, str, DocumentRow]], statuses: list[str]) -> None:
        for (number, name, doc), status in zip(batch, statuses):
            facts = len(doc.facts) if status != "unchanged" else 0
            self.record(number, FileResult(name, status, facts=facts, level=_level_of(doc), doc_type=doc.doc_type,
                                           notes=doc.notes))


def _level_of(doc: DocumentRow) -> str:
    region = doc.region or ""
    return level_of_hint(doc.region_level) or level_from_suffix(region)


def _about_the_database(exc: Exception) -> bool:
    """Errors that storing the documents one at a time would only meet again: the database
    read-only, or still locked after in_write_transaction's attempts."""
    return isinstance(exc, DatabaseError) or (isinstance(exc, OperationalError) and is_locked(exc))


def store_report(engine: Engine, report: ExtractedReport, *, name: str, source: str, sha: str,
                 catalog: dict[str, IndicatorInfo], known_divisions: Divisions | None = None,
                 force: bool = False) -> FileResult:
    """Store one extracted report in its own transaction."""
    try:
        doc = document_row(report, source, sha)
    except InputError as exc:
        return FileResult(name, "failed", reason=exc.reason)
    status = in_write_transaction(engine, lambda s: store_document(
        s, doc, catalog=catalog, divisions=known_divisions, force=force))
    return FileResult(name, status, facts=len(doc.facts) if status != "unchanged" else 0, notes=doc.notes)


def ingest_bytes(engine: Engine, data: bytes, name: str, *, source: str | None = None,
                 extract: Extractor | None = None, catalog: dict[str, IndicatorInfo] | None = None,
                 force: bool = False) -> FileResult:
    """Ingest one document given as bytes (an upload); `source` names it (default: `name`)."""
    sha = hashlib.sha256(data).hexdigest()
    if not force and _stored(engine, sha):
        return FileResult(name, "unchanged")
    catalog = load_catalog() if catalog is None else catalog
    in_write_transaction(engine, lambda s: sync_catalog(s, catalog))
    outcome = _extract_one(extract or default_extractor(), data, Path(name))
    if isinstance(outcome, FileResult):
        return outcome
    return store_report(engine, outcome, name=name, source=source or name, sha=sha,
                        catalog=catalog, force=force)


def _read(path: Path) -> bytes:
    """The file's bytes, refused as `tracker extract` refuses them: a pipe or device (reading
    it would block), an unsupported type, a file over the size limit."""
    from etl.read import read_path

    try:
        path.stat()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    return read_path(path)


def _source_of(path: Path) -> str:
    # The absolute path, so that one file is one document whichever folder ingest ran from.
    return path.resolve().as_posix()


class _Sources:
    """_source_of for the files of a run, their folders resolved once each: resolving a
    path asks the file system about every folder on the way, again for each file."""

    def __init__(self):
        self.folders: dict[Path, Path] = {}

    def of(self, path: Path) -> str:
        if path.is_symlink():
            return _source_of(path)   # the file it links to, wherever that is
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        return (folder / path.name).as_posix()


def _stored(engine: Engine, sha: str) -> bool:
    with read_session(engine) as session:
        return session.scalar(select(Document.id).where(Document.sha256 == sha)) is not None


class _StoredCheck:
    """Which of some files' contents are stored already, asked for each window of a run's
    files (see _read_windows) on one connection.

    Its read stays open from one question to the next (beginning and ending a read costs
    more than the question) until `release()`, which the writer calls before each batch:
    on SQLite a read left open holds back the WAL checkpoint that a commit runs. A document
    stored by another process meanwhile is missed at worst, which costs one extraction:
    storing it then finds it unchanged.
    """

    def __init__(self, engine: Engine):
        self.engine = engine

    def __enter__(self) -> _StoredCheck:
        self.connection = self.engine.connect()
        return self

    def __exit__(self, *exc) -> None:
        self.connection.close()

    def among(self, shas: list[str]) -> set[str]:
        """The contents among `shas` (at most WINDOW_FILES) that are stored."""
        if not shas:
            return set()
        padded = shas + shas[-1:] * (WINDOW_FILES - len(shas))   # IN ignores the repeats
        return {sha for (sha,) in fetch_rows(self.connection, _STORED_SHAS, _SHA_PARAMS, padded)}

    def release(self) -> None:
        self.connection.rollback()


# One statement of WINDOW_FILES parameters, built and compiled once (see fetch_rows).
_SHA_PARAMS = tuple(f"sha{i}" for i in range(WINDOW_FILES))
_STORED_SHAS = select(Document.sha256).where(Document.sha256.in_([bindparam(n) for n in _SHA_PARAMS]))


def _extract_all(pending: Iterable[tuple], extract: Extractor, jobs: int) -> Iterator[tuple]:
    """(number, path, the DocumentRow to store or a failed FileResult), in input order.

    With several jobs, the workers also turn their reports into rows: a row travels back
    to the writer in a third of the time a report with its fact objects does, and the
    single writer is what limits a parallel run. At most a batch and two files per job
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
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for number, path, source, sha, data in pending:
            in_flight.append((number, path, len(data), pool.submit(_row_of_file, extract, data, path, source, sha)))
            size += len(data)
            while in_flight and (len(in_flight) >= BATCH_DOCUMENTS + 2 * jobs or size >= IN_FLIGHT_BYTES):
                size -= in_flight[0][2]
                yield _settled(in_flight.popleft())
        while in_flight:
            yield _settled(in_flight.popleft())


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
    outcome = _extract_one(extract, data, path)
    if isinstance(outcome, FileResult):
        return outcome
    try:
        return document_row(outcome, source, sha)
    except InputError as exc:
        return FileResult(str(path), "failed", reason=exc.reason)


def _extract_one(extract: Extractor, data: bytes, path: Path) -> ExtractedReport | FileResult:
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
        text=report.text, url=meta.url or None, region=meta.region or None, region_level=meta.region_level or "",
        report_year=meta.report_year, facts=facts, notes=tuple(meta.notes),
    )
