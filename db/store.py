"""Storing one document with its facts: the unit of every write.

Ingest and import both come here, inside one transaction per document, so that a document
is never visible without all its facts. A document is known by its content (sha256) and by
its source: the same content again changes nothing; new content from a known source
replaces that document's facts and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.indicators import IndicatorInfo, indicator_ids
from db.models import DOC_TYPES, Document, Fact
from db.regions import Divisions, ensure_region
from etl.facts import COMPARATORS, KINDS, MEASURES


@dataclass
class FactRow:
    """A fact on its way into the database, from a report or from an imported table."""
    region: str
    kind: str
    year: int
    indicator: str
    measure: str
    value: float | None
    unit: str = ""
    comparator: str = "exact"
    strive: bool = False
    estimated: bool = False
    sentence: str = ""
    start: int | None = None
    end: int | None = None
    name: str = ""
    region_level: str = ""
    report_year: int | None = None
    source_type: str | None = None
    source_title: str | None = None
    source_url: str | None = None


@dataclass
class DocumentRow:
    source: str
    sha256: str
    doc_type: str
    title: str = ""
    text: str | None = None
    region: str | None = None
    region_level: str = ""
    report_year: int | None = None
    facts: list[FactRow] = field(default_factory=list)


def problems_of(fact: FactRow) -> list[str]:
    """What is wrong with a fact, as "field: reason" (empty when it can be stored)."""
    out = []
    if not (fact.region or "").strip():
        out.append("region: empty")
    if fact.kind not in KINDS:
        out.append(f"kind: {fact.kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(fact.year, int) or isinstance(fact.year, bool):
        out.append(f"year: {fact.year!r} is not a year")
    if not (fact.indicator or "").strip():
        out.append("indicator: empty")
    if fact.measure not in MEASURES:
        out.append(f"measure: {fact.measure!r} is not one of {', '.join(MEASURES)}")
    if fact.comparator not in COMPARATORS:
        out.append(f"comparator: {fact.comparator!r} is not one of {', '.join(COMPARATORS)}")
    if fact.value is None and fact.measure != "qualitative":
        out.append("value: missing")
    return out


def store_document(session: Session, doc: DocumentRow, *, catalog: dict[str, IndicatorInfo],
                   divisions: Divisions | None = None, force: bool = False) -> str:
    """Store `doc` and its facts; returns "new", "replaced" or "unchanged". Flushes, never commits."""
    if doc.doc_type not in DOC_TYPES:
        raise ValueError(f"document type {doc.doc_type!r} is not one of {', '.join(DOC_TYPES)}")
    # Ids only: loading a stored document would read its whole text just to compare keys.
    same_content = session.scalar(select(Document.id).where(Document.sha256 == doc.sha256))
    if same_content is not None and not force:
        return "unchanged"
    row_id = same_content or session.scalar(select(Document.id).where(Document.source == doc.source))
    row = session.get(Document, row_id) if row_id is not None else None
    status = "new" if row is None else "replaced"
    if row is None:
        row = Document(source=doc.source, sha256=doc.sha256, doc_type=doc.doc_type)
        session.add(row)
    else:
        session.execute(delete(Fact).where(Fact.document_id == row.id))
    regions = _RegionCache(session, divisions, context=doc.text or "")
    row.sha256 = doc.sha256
    row.doc_type = doc.doc_type
    row.title = doc.title
    row.text = doc.text
    row.report_year = doc.report_year
    row.region = regions.get(doc.region, doc.region_level) if doc.region else None
    session.flush()
    names: dict[str, str] = {}
    for fact in doc.facts:
        names.setdefault(fact.indicator, fact.name)
    indicators = indicator_ids(session, names, catalog)
    if doc.facts:
        # A Core executemany: the ORM's bulk path costs more than the rows themselves.
        session.connection().execute(insert(Fact.__table__), [
            _fact_values(fact, row.id, regions.get(fact.region, fact.region_level).id,
                         indicators[fact.indicator])
            for fact in doc.facts])
    return status


def _fact_values(fact: FactRow, document_id: int, region_id: int, indicator_id: int) -> dict:
    return dict(
        document_id=document_id, region_id=region_id, indicator_id=indicator_id,
        kind=fact.kind, year=fact.year,
        report_year=fact.report_year, measure=fact.measure,
        value=None if fact.value is None else float(fact.value), unit=fact.unit or "",
        comparator=fact.comparator, strive=bool(fact.strive), estimated=bool(fact.estimated),
        sentence=fact.sentence or "", start=fact.start, end=fact.end, name=fact.name or "",
        region_level=fact.region_level or "", source_type=fact.source_type,
        source_title=fact.source_title, source_url=fact.source_url,
    )


class _RegionCache:
    """Resolve each region name of a document once."""

    def __init__(self, session: Session, divisions: Divisions | None, context: str):
        self.session, self.divisions, self.context = session, divisions, context
        self.rows: dict[tuple[str, str], object] = {}

    def get(self, name: str, level_hint: str = ""):
        key = (name, level_hint or "")
        if key not in self.rows:
            self.rows[key] = ensure_region(self.session, name, level_hint, self.context, self.divisions)
        return self.rows[key]
