"""`tracker ingest`: extract report files and store each, with its facts, in one transaction.

Files whose content is already stored are skipped before extraction (re-ingesting changes
nothing). Extraction may run in several processes; one process writes, so that SQLite sees
a single writer per ingest.
"""
from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, select

from db.indicators import IndicatorInfo, load_catalog, sync_catalog
from db.models import DOC_TYPES, Document
from db.regions import Divisions, divisions as load_divisions
from db.session import in_write_transaction, read_session
from db.store import DocumentRow, FactRow, problems_of, store_document
from etl.errors import InputError
from etl.facts import ExtractedReport

Extractor = Callable[[bytes, str], ExtractedReport]


@dataclass
class FileResult:
    path: str
    status: str          # new | replaced | unchanged | failed
    facts: int = 0
    reason: str = ""


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


def default_extractor(region: str | None = None, year: int | None = None) -> Extractor:
    from etl.pipeline import extract_bytes

    return partial(extract_bytes, region=region, year=year)


def report_paths(paths: Iterable[str | Path]) -> list[Path]:
    from etl.pipeline import iter_report_paths

    return list(iter_report_paths(paths))


def ingest_paths(engine: Engine, paths: Iterable[str | Path], *, extract: Extractor | None = None,
                 jobs: int = 1, force: bool = False,
                 catalog: dict[str, IndicatorInfo] | None = None,
                 known_divisions: Divisions | None = None,
                 on_result: Callable[[FileResult], None] | None = None) -> IngestSummary:
    """Ingest every report file under `paths`; one transaction per document.

    `extract(data, name)` turns a file's bytes into an ExtractedReport (default: the
    project's extraction). A file that cannot be read or extracted is recorded as failed
    with its reason and the others go on.
    """
    extract = extract or default_extractor()
    catalog = load_catalog() if catalog is None else catalog
    known_divisions = known_divisions or load_divisions()
    in_write_transaction(engine, lambda s: sync_catalog(s, catalog))
    done: dict[int, FileResult] = {}

    def record(number: int, result: FileResult) -> None:
        done[number] = result
        if on_result:
            on_result(result)

    def store(path: Path, source: str, sha: str, report: ExtractedReport) -> FileResult:
        return store_report(engine, report, name=str(path), source=source, sha=sha, catalog=catalog,
                            known_divisions=known_divisions, force=force)

    def pending() -> Iterator[tuple]:
        # Read lazily, one file at a time: holding every file's bytes before extraction
        # starts made memory grow with the size of the run.
        for number, path in enumerate(report_paths(paths)):
            try:
                data = _read(path)
            except InputError as exc:
                record(number, FileResult(str(path), "failed", reason=exc.reason))
                continue
            sha = hashlib.sha256(data).hexdigest()
            if not force and _stored(engine, sha):
                record(number, FileResult(str(path), "unchanged"))
                continue
            yield number, path, _source_of(path), sha, data

    for number, path, source, sha, outcome in _extract_all(pending(), extract, jobs):
        record(number, outcome if isinstance(outcome, FileResult) else store(path, source, sha, outcome))
    summary = IngestSummary([done[n] for n in sorted(done)])
    return summary


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
    return FileResult(name, status, facts=len(doc.facts) if status != "unchanged" else 0)


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


def _stored(engine: Engine, sha: str) -> bool:
    with read_session(engine) as session:
        return session.scalar(select(Document.id).where(Document.sha256 == sha)) is not None


def _extract_all(pending: Iterable[tuple], extract: Extractor, jobs: int) -> Iterator[tuple]:
    """(number, path, source, sha, ExtractedReport or a failed FileResult), in input order.

    With several jobs at most 2×jobs files are in flight, so that memory stays flat however
    many files the run holds.
    """
    if jobs <= 1:
        for number, path, source, sha, data in pending:
            yield number, path, source, sha, _extract_one(extract, data, path)
        return
    in_flight: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for number, path, source, sha, data in pending:
            in_flight.append((number, path, source, sha, pool.submit(_extract_one, extract, data, path)))
            if len(in_flight) >= 2 * jobs:
                yield _settled(in_flight.popleft())
        while in_flight:
            yield _settled(in_flight.popleft())


def _settled(item: tuple) -> tuple:
    number, path, source, sha, future = item
    try:
        outcome = future.result()
    except Exception as exc:  # a worker that died takes its file with it, not the run
        outcome = FileResult(str(path), "failed", reason=_reason(exc))
    return number, path, source, sha, outcome


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
    facts = []
    for number, fact in enumerate(report.facts, 1):
        row = FactRow(
            region=fact.region or meta.region, kind=fact.kind, year=fact.year,
            indicator=fact.indicator, measure=fact.measure, value=fact.value, unit=fact.unit,
            comparator=fact.comparator, strive=fact.strive, estimated=fact.estimated,
            sentence=fact.sentence, start=fact.start, end=fact.end, name=fact.name,
            region_level=fact.region_level or meta.region_level,
            report_year=fact.report_year or meta.report_year,
        )
        problems = problems_of(row)
        if problems:
            raise InputError(source, f"fact {number} ({fact.sentence[:30]!r}): {'; '.join(problems)}")
        facts.append(row)
    return DocumentRow(
        source=source, sha256=sha, doc_type=doc_type, title=meta.title or "",
        text=report.text, region=meta.region or None, region_level=meta.region_level or "",
        report_year=meta.report_year, facts=facts,
    )
