"""`tracker ingest`: extract report files and store each document whole, with its facts.

Files whose content is already stored are skipped before extraction (re-ingesting changes
nothing). Extraction (db.extraction) may run in several processes; one process writes, so
that SQLite sees a single writer per ingest. Documents are written a few dozen to a
transaction.
"""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, bindparam, select
from sqlalchemy.exc import OperationalError

from db.choose_answers import refresh
from db.errors import DatabaseError
from db.extraction import (
    WINDOW_FILES, Extractor, FileResult, document_row, extract_all, extract_one, read_windows,
)
from db.first_load import indexes_built_at_end, restore_search_indexes
from db.indicators import IndicatorInfo, load_catalog, sync_catalog
from db.models import LEVELS, Document
from etl.divisions import Divisions, divisions as load_divisions, level_from_suffix, level_of_hint
from db.session import fetch_rows, in_write_transaction, is_locked, read_session, use_bulk_cache
from db.regions import other_regions_reports
from db.store import DocumentRow, KnownIds, PendingIds, store_document, store_documents
from etl.collector import collector_paused_for_run, heap_frozen
from etl.errors import InputError
from etl.facts import ExtractedReport



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
                 on_stage: Callable[[str], None] | None = None,
                 region: str | None = None, year: int | None = None) -> IngestSummary:
    """Ingest every report file under `paths`; each document is stored whole or not at all.

    `extract(data, name)` turns a file's bytes into an ExtractedReport (default: the
    project's extraction). A file that cannot be read or extracted is recorded as failed
    with its reason and the others go on. Documents are written a batch per transaction
    (see _BatchWriter); `on_result` hears of each file once its outcome is final, and
    `on_stage` of work after the last file (a first load's indexes, see db.first_load).
    A content already stored as another region's report than `region`, or another year's
    than `year` (what the user gave, if anything), stays as it is, with a note saying so;
    --force reads it again as `region` and `year`.
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
        pending = _pending(files, stored=stored, force=force, record=record,
                           region=region, year=year, divisions=known_divisions)
        for number, path, outcome in extract_all(pending, extract, jobs, queue=BATCH_DOCUMENTS):
            if isinstance(outcome, FileResult):
                record(number, outcome)
            else:
                writer.add(number, str(path), outcome)
        writer.flush()
    # After the indexes of a first load are built: choosing reads the facts by them.
    refresh(engine, on_stage)
    return IngestSummary([done[n] for n in sorted(done)])


def _pending(files: list[Path], *, stored: _StoredCheck, force: bool,
             record: Callable[[int, FileResult], None], region: str | None = None,
             year: int | None = None, divisions: Divisions | None = None) -> Iterator[tuple]:
    """(number, path, source, sha, bytes) of each file to extract; the others are recorded
    as failed (unreadable) or unchanged (stored already, with a note when stored as
    another region's report than `region` or another year's than `year`)."""
    sources = _Sources()
    for window in read_windows(files, record):
        known = set() if force else stored.among([sha for _, _, sha, _ in window])
        elsewhere = other_regions_reports(stored.connection, known, region, divisions) if region and known else {}
        other_year = _other_years_reports(stored.connection, known, year) if year is not None and known else {}
        for number, path, sha, data in window:
            if sha in known:
                notes = tuple(n[sha] for n in (elsewhere, other_year) if sha in n)
                record(number, FileResult(str(path), "unchanged", notes=notes))
                continue
            yield number, path, sources.of(path), sha, data


def _other_years_reports(connection, shas: set[str], year: int) -> dict[str, str]:
    """Among the stored documents with these contents, those stored as another year's report
    than `year` (as --year takes it): sha256 → a note saying so and how to read it again."""
    rows = connection.execute(select(Document.sha256, Document.report_year).where(Document.sha256.in_(sorted(shas))))
    as_new = f"use --force to read it again as the {year} report"
    return {sha: (f"already stored as the {stored} report; {as_new}" if stored is not None
                  else f"already stored without a year; {as_new}")
            for sha, stored in rows if stored != year}


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
    refresh(engine)
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
    outcome = extract_one(extract or default_extractor(), data, Path(name))
    if isinstance(outcome, FileResult):
        return outcome
    return store_report(engine, outcome, name=name, source=source or name, sha=sha,
                        catalog=catalog, force=force)


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
