"""Storing documents with their facts: the unit of every write.

Ingest and import both come here, inside a transaction that holds each document with all
its facts (ingest puts several documents in one), so that a document is never visible
without all its facts, nor its facts beside answers chosen before them (db.answers marks
their years stale in the same transaction). A document is known by its content (sha256)
and by its source: the same content again changes nothing; new content from a known
source replaces that document's facts and nothing else.
"""
from __future__ import annotations

from collections.abc import MutableMapping
from itertools import islice
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from db.answers import mark, mark_replaced
from db.indicators import IndicatorInfo, indicator_ids
from db.models import DOC_TYPES, Document, Fact
from db.regions import region_id
from etl.divisions import Divisions
from db.session import execute_rows
from etl.facts import COMPARATORS, KINDS, MEASURES


# No figure a report can mean comes near this in its base unit (元, 人, %): China's GDP is
# about 1.3e14 元, all its banks' assets about 4e14 元. Imported rows and analysts'
# corrections beyond it are refused (see value_problem).
LARGEST_VALUE = 1e16


def value_problem(value: float) -> str | None:
    """Why `value` cannot be a stored figure, or None: it must be a finite number no
    larger than LARGEST_VALUE either way (a NaN would be stored as NULL, an infinity
    would become a gap of +inf)."""
    if value != value or value in (float("inf"), float("-inf")):
        return "is not a finite number"
    if abs(value) > LARGEST_VALUE:
        return f"is beyond any figure a report states (at most {LARGEST_VALUE:g} either way, in the base unit)"
    return None


class FactRow(NamedTuple):
    """A fact on its way into the database, from a report or from an imported table.

    Storing reads a fact by position only, so a plain tuple of these fields in this order
    is stored as well: ingest passes those (db.ingest.document_row), because a batch holds
    thousands of facts and the garbage collector leaves tuples of strings and numbers alone,
    where it would sweep as many objects again and again.
    """
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
    value_high: float | None = None
    basis: str = ""


@dataclass
class DocumentRow:
    source: str
    sha256: str
    doc_type: str
    title: str = ""
    text: str | None = None
    original_text: str | None = None    # the text as read, when normalising changed it
    url: str | None = None
    region: str | None = None
    region_level: str = ""
    report_year: int | None = None
    facts: list[FactRow] = field(default_factory=list)  # or plain tuples in FactRow's order
    notes: tuple[str, ...] = ()     # how region and year were read, for the user (not stored)


# Where storing finds what it reads of a fact (see FactRow).
_REGION, _INDICATOR, _NAME, _REGION_LEVEL = map(
    FactRow._fields.index, ("region", "indicator", "name", "region_level"))


def problems_of(fact: FactRow | tuple) -> list[str]:
    """What is wrong with a fact, as "field: reason" (empty when it can be stored)."""
    region, kind, year, indicator, measure, value, _, comparator = fact[:8]
    # Nearly every fact is sound: one test of it all first (ingest asks once per fact).
    if (region and indicator and type(year) is int and kind in KINDS and measure in MEASURES
            and comparator in COMPARATORS and (value is not None or measure == "qualitative")
            and not region.isspace() and not indicator.isspace()):
        return []
    out = []
    if not (region or "").strip():
        out.append("region: empty")
    if kind not in KINDS:
        out.append(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(year, int) or isinstance(year, bool):
        out.append(f"year: {year!r} is not a year")
    if not (indicator or "").strip():
        out.append("indicator: empty")
    if measure not in MEASURES:
        out.append(f"measure: {measure!r} is not one of {', '.join(MEASURES)}")
    if comparator not in COMPARATORS:
        out.append(f"comparator: {comparator!r} is not one of {', '.join(COMPARATORS)}")
    if value is None and measure != "qualitative":
        out.append("value: missing")
    return out


class KnownIds:
    """Indicator codes and region paths already looked up, with their ids, across the
    documents of one run, so that each is read from the database once.

    A transaction works on its own copy (`transaction()`), which replaces the remembered
    ids only once it has committed (`keep()`): after a rollback an inserted row is gone,
    and its id must not be handed to a later document. At most `limit` ids of each kind
    are kept, the newest, so that memory stays flat however many codes a long run meets.
    """

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self.indicators: dict[str, int] = {}
        self.regions: dict[str, int] = {}

    def transaction(self) -> PendingIds:
        return PendingIds(dict(self.indicators), dict(self.regions))

    def keep(self, pending: PendingIds) -> None:
        """Call once `pending`'s transaction has committed."""
        self.indicators = _newest(pending.indicators, self.limit)
        self.regions = _newest(pending.regions, self.limit)


@dataclass
class PendingIds:
    """One transaction's ids: those known when it began and those it found or added."""
    indicators: dict[str, int]
    regions: dict[str, int]


def _newest(ids: dict[str, int], limit: int) -> dict[str, int]:
    """`ids`, cut to its newest half once it holds more than `limit` (dicts keep insertion order)."""
    if len(ids) <= limit:
        return ids
    return dict(islice(ids.items(), len(ids) - limit // 2, None))


def store_document(session: Session, doc: DocumentRow, *, catalog: dict[str, IndicatorInfo],
                   divisions: Divisions | None = None, force: bool = False) -> str:
    """Store `doc` and its facts; returns "new", "replaced" or "unchanged". Never commits."""
    return store_documents(session, [doc], catalog=catalog, divisions=divisions, force=force)[0]


def store_documents(session: Session, docs: list[DocumentRow], *, catalog: dict[str, IndicatorInfo],
                    divisions: Divisions | None = None, force: bool = False,
                    known: PendingIds | None = None) -> list[str]:
    """Store `docs` with their facts, with the same rows and statuses as storing them one
    after another; returns the status of each. Never commits.

    Each document's own row is written in turn (a later one sees an earlier one's content);
    the indicators and facts of all are written together at the end, which takes a few
    statements instead of a few per document. `known` carries ids looked up before in this
    transaction or committed before it (KnownIds.transaction()); without it every id is
    looked up afresh.
    """
    # Core statements on the session's connection: the ORM's unit of work costs more than
    # the rows it writes, and nothing here needs the objects.
    connection = session.connection()
    known = KnownIds().transaction() if known is None else known
    facts = _PendingFacts(connection, catalog, known)
    for doc in docs:
        if doc.doc_type not in DOC_TYPES:
            raise ValueError(f"document type {doc.doc_type!r} is not one of {', '.join(DOC_TYPES)}")
    if len(docs) > 1 and connection.dialect.insert_executemany_returning_sort_by_parameter_order \
            and _all_new(connection, docs):
        _store_new_rows(connection, docs, divisions, known, facts)
        facts.write()
        return ["new"] * len(docs)
    statuses = []
    for doc in docs:
        row_id, same_content = _stored_as(connection, doc)
        if same_content and not force:
            statuses.append("unchanged")
            continue
        if row_id in facts.rows:
            # This document replaces one stored just before it: that one's facts go in first,
            # to be deleted below as they would have been had each had its own turn.
            facts.write()
        statuses.append("new" if row_id is None else "replaced")
        regions = _RegionIds(connection, divisions, doc.text or "", known.regions)
        facts.add(*_store_row(connection, doc, row_id, regions))
    facts.write()
    return statuses


def _store_row(connection: Connection, doc: DocumentRow, row_id: int | None,
               regions: _RegionIds) -> tuple[int, DocumentRow, list[int]]:
    """Write the document's own row (its old facts deleted), and resolve the regions of its
    facts in the order they come, as they would be without batching; (row id, doc, region ids)."""
    if row_id is not None:
        mark_replaced(connection, row_id)
        connection.execute(_DELETE_FACTS, {"document_id": row_id})
    values = dict(sha256=doc.sha256, doc_type=doc.doc_type, title=doc.title, text=doc.text,
                  original_text=doc.original_text, url=doc.url, report_year=doc.report_year,
                  region_id=regions.get(doc.region, doc.region_level) if doc.region else None)
    if row_id is None:
        inserted = connection.execute(_INSERT_DOCUMENT, {"source": doc.source, **values})
        row_id = inserted.inserted_primary_key[0]
    else:
        # The source stays: the same content found under another name keeps its first one.
        connection.execute(_UPDATE_DOCUMENT, {"document_id": row_id, **values})
    return row_id, doc, [regions.get(fact[_REGION], fact[_REGION_LEVEL]) for fact in doc.facts]


def _all_new(connection: Connection, docs: list[DocumentRow]) -> bool:
    """Whether no document of `docs` shares its content or source with a stored one or
    with another of them: then each one in turn would be stored as new. One query."""
    shas, sources = {d.sha256 for d in docs}, {d.source for d in docs}
    if len(shas) < len(docs) or len(sources) < len(docs):
        return False
    stored = connection.execute(select(Document.id).where(
        or_(Document.sha256.in_(shas), Document.source.in_(sources))).limit(1)).first()
    return stored is None


def _store_new_rows(connection: Connection, docs: list[DocumentRow], divisions: Divisions | None,
                    known: PendingIds, facts: _PendingFacts) -> None:
    """_store_row for documents that are all new, their rows inserted in one statement:
    the same rows, in the same order, as inserting them one after another, which cost a
    statement per document of a batch of dozens."""
    rows, fact_regions = [], []
    for doc in docs:
        # Each document's region before its facts', as _store_row resolves them.
        regions = _RegionIds(connection, divisions, doc.text or "", known.regions)
        rows.append(dict(source=doc.source, sha256=doc.sha256, doc_type=doc.doc_type, title=doc.title,
                         text=doc.text, original_text=doc.original_text, url=doc.url, report_year=doc.report_year,
                         region_id=regions.get(doc.region, doc.region_level) if doc.region else None))
        fact_regions.append([regions.get(fact[_REGION], fact[_REGION_LEVEL]) for fact in doc.facts])
    ids = connection.execute(_INSERT_DOCUMENTS, rows).scalars().all()
    for row_id, doc, region_ids in zip(ids, docs, fact_regions):
        facts.add(row_id, doc, region_ids)


class _PendingFacts:
    """Facts of documents whose rows are written, to be inserted together with their indicators."""

    def __init__(self, connection: Connection, catalog: dict[str, IndicatorInfo], known: PendingIds):
        self.connection, self.catalog, self.known = connection, catalog, known
        self.docs: list[tuple[int, DocumentRow, list[int]]] = []
        self.rows: set[int] = set()

    def add(self, row_id: int, doc: DocumentRow, region_ids: list[int]) -> None:
        self.docs.append((row_id, doc, region_ids))
        self.rows.add(row_id)

    def write(self) -> None:
        # Indicators are added in the order their codes first come, named as the first fact
        # with the code words it: the same rows as adding each document's in turn.
        names: dict[str, str] = {}
        for _, doc, _ in self.docs:
            for fact in doc.facts:
                names.setdefault(fact[_INDICATOR], fact[_NAME])
        indicators = indicator_ids(self.connection, names, self.catalog, self.known.indicators)
        rows = [_fact_values(fact, row_id, region, indicators[fact[_INDICATOR]])
                for row_id, doc, region_ids in self.docs
                for fact, region in zip(doc.facts, region_ids)]
        execute_rows(self.connection, _INSERT_FACTS, FACT_COLUMNS, rows)
        mark(self.connection, {(row[_ROW_REGION], row[_ROW_YEAR]) for row in rows})
        self.docs, self.rows = [], set()


# Built once: building a statement costs more than running it.
_STORED_AS = select(Document.id, Document.sha256).where(
    or_(Document.sha256 == bindparam("sha256"), Document.source == bindparam("source")))
_DELETE_FACTS = delete(Fact.__table__).where(Fact.document_id == bindparam("document_id"))
_INSERT_DOCUMENT = insert(Document.__table__)  # ingested_at: the column's default
# Many rows in one statement, their ids returned in the order the rows were given (SQLite
# from 3.35 and PostgreSQL can; with an older SQLite each document has its own statement).
_INSERT_DOCUMENTS = insert(Document.__table__).returning(Document.id, sort_by_parameter_order=True)
_UPDATE_DOCUMENT = update(Document.__table__).where(Document.id == bindparam("document_id"))

# inline(): no RETURNING of the new key, which an executemany has no use for.
_INSERT_FACTS = insert(Fact.__table__).inline()
FACT_COLUMNS = (
    "document_id", "region_id", "indicator_id", "kind", "year", "report_year", "measure", "value",
    "unit", "comparator", "strive", "estimated", "sentence", "start", "end", "name", "region_level",
    "source_type", "source_title", "source_url", "value_high", "basis",
)
_ROW_REGION, _ROW_YEAR = FACT_COLUMNS.index("region_id"), FACT_COLUMNS.index("year")


def _stored_as(connection: Connection, doc: DocumentRow) -> tuple[int | None, bool]:
    """The stored document `doc` would replace (same content first, else same source), and
    whether its content is the same; one query for both keys."""
    rows = connection.execute(_STORED_AS, {"sha256": doc.sha256, "source": doc.source}).all()
    for row_id, sha in rows:
        if sha == doc.sha256:
            return row_id, True
    return (rows[0][0] if rows else None), False


def _fact_values(fact: FactRow | tuple, document_id: int, region_id: int, indicator_id: int) -> tuple:
    """The fact's row, in the order of FACT_COLUMNS."""
    (_, kind, year, _, measure, value, unit, comparator, strive, estimated, sentence, start, end,
     name, region_level, report_year, source_type, source_title, source_url, *more) = fact
    value_high, basis = more if more else (None, "")
    return (
        document_id, region_id, indicator_id, kind, year, report_year, measure,
        None if value is None else float(value), unit or "", comparator, bool(strive),
        bool(estimated), sentence or "", start, end, name or "", region_level or "",
        source_type, source_title, source_url, None if value_high is None else float(value_high), basis or "",
    )


class _RegionIds:
    """Resolve each region name of a document once (the resolution may depend on its text)."""

    def __init__(self, connection: Connection, divisions: Divisions | None, context: str,
                 known: MutableMapping[str, int]):
        self.connection, self.divisions, self.context, self.known = connection, divisions, context, known
        self.ids: dict[tuple[str, str], int] = {}

    def get(self, name: str, level_hint: str = "") -> int:
        key = (name, level_hint or "")
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = region_id(self.connection, name, level_hint, self.context,
                                              self.divisions, self.known)
        return found
