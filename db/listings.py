"""What the dashboard and the CLI list: regions, indicators, facts and documents as stored.

Each function takes an Engine or a Session and returns a pandas DataFrame (or, for one
document, a dict). Facts are listed as extracted or imported, corrections not applied.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from db.indicators import OTHER_PREFIX
from db.lookup import indicator_ids, region_ids
from db.models import Document, Fact, Indicator, Region
from db.places import every_region
from db.reading import core, reading
from db.selects import narrowed, own_or_documents, rows_by_id
from db.typed_columns import whole_numbers

_facts, _documents = Fact.__table__, Document.__table__
_regions, _indicators = Region.__table__, Indicator.__table__

REGION_COLUMNS = ["id", "name", "level", "parent", "province", "division_code", "path"]
INDICATOR_COLUMNS = ["id", "code", "zh", "en", "unit", "better", "headline"]
FACT_COLUMNS = ["id", "region", "kind", "year", "indicator", "indicator_zh", "measure", "value",
                "unit", "comparator", "strive", "estimated", "sentence", "start", "end",
                "report_year", "document_id", "source_type", "source_title", "source_url"]
DOCUMENT_COLUMNS = ["id", "source", "sha256", "doc_type", "region", "report_year", "title",
                    "url", "ingested_at", "facts"]


def regions(session_or_engine: Session | Engine) -> pd.DataFrame:
    """Stored regions in hierarchy order: the national government first, then each province
    followed by the regions under it (by path); name, level, parent, province, division code."""
    with reading(session_or_engine) as session:
        places = every_region(session)
    # By path alone, 全国 would come after every province whose name sorts before it (上海市, 云南省).
    ordered = sorted(places.values(), key=lambda p: (p["level"] != "national", p["path"] or ""))
    return pd.DataFrame(ordered, columns=REGION_COLUMNS)


def indicators(session_or_engine: Session | Engine, catalogued_only: bool = False) -> pd.DataFrame:
    """Stored indicators: code, names, unit, direction, headline; with `catalogued_only`, not
    the "other:" ones each report adds for its own commitments (tens of thousands in a
    national database)."""
    query = select(_indicators.c.id, _indicators.c.code, _indicators.c.zh, _indicators.c.en,
                   _indicators.c.unit, _indicators.c.better, _indicators.c.headline).order_by(_indicators.c.id)
    if catalogued_only:
        query = query.where(_indicators.c.code.not_like(OTHER_PREFIX + "%"))
    with reading(session_or_engine) as session:
        rows = core(session).execute(query).all()
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def fact_query(kind: str | None = None, region_ids: list[int] | None = None,
               years: list[int] | None = None, indicator_ids: list[int] | None = None) -> Select:
    """Facts with their document's type and title; each filter given narrows the rows."""
    query = (select(Fact, Document.doc_type, Document.title)
             .join(Document, Fact.document_id == Document.id))
    if kind is not None:
        query = query.where(_facts.c.kind == kind)
    return narrowed(query, _facts, region_ids, years, indicator_ids)


def facts(session_or_engine: Session | Engine, regions: Iterable[str] | None = None,
          years: Iterable[int] | None = None, indicators: Iterable[str] | None = None,
          kind: str | None = None, document_id: int | None = None) -> pd.DataFrame:
    """Every stored fact within the filters (as extracted or imported; corrections not applied)."""
    with reading(session_or_engine) as session:
        rids = region_ids(session, regions) if regions is not None else None
        iids = indicator_ids(session, indicators) if indicators is not None else None
        query = narrowed(_FACT_ROWS, _facts, rids, sorted(set(years)) if years is not None else None, iids)
        if kind is not None:
            query = query.where(_facts.c.kind == kind)
        if document_id is not None:
            query = query.where(_facts.c.document_id == document_id)
        rows = session.execute(query.order_by(_facts.c.document_id, _facts.c.id)).all()
    return whole_numbers(pd.DataFrame(rows, columns=FACT_COLUMNS),
                         ["id", "year", "start", "end", "report_year", "document_id"])


# FACT_COLUMNS as plain columns: the tens of thousands of facts of a national listing would
# otherwise each be loaded as an ORM object, which costs most of the listing's time.
_FACT_ROWS = (select(_facts.c.id, _regions.c.name, _facts.c.kind, _facts.c.year, _indicators.c.code,
                     _indicators.c.zh, _facts.c.measure, _facts.c.value, _facts.c.unit, _facts.c.comparator,
                     _facts.c.strive, _facts.c.estimated, _facts.c.sentence, _facts.c.start, _facts.c.end,
                     _facts.c.report_year, _facts.c.document_id,
                     own_or_documents(_facts.c.source_type, _documents.c.doc_type),
                     own_or_documents(_facts.c.source_title, _documents.c.title), _facts.c.source_url)
              .join(_documents, _facts.c.document_id == _documents.c.id)
              .join(_regions, _facts.c.region_id == _regions.c.id)
              .join(_indicators, _facts.c.indicator_id == _indicators.c.id))


FACT_SOURCE_COLUMNS = ["id", "source_type", "source_title", "source_url"]


def fact_sources(session_or_engine: Session | Engine, ids: Iterable[int]) -> pd.DataFrame:
    """The source each of these facts names itself (an imported table's row names the
    publication it was typed from: its title, publisher type and link)."""
    query = select(_facts.c.id, _facts.c.source_type, _facts.c.source_title, _facts.c.source_url)
    with reading(session_or_engine) as session:
        rows = rows_by_id(session, query, _facts.c.id, set(ids))
    return pd.DataFrame(rows, columns=FACT_SOURCE_COLUMNS)


def documents(session_or_engine: Session | Engine, regions: Iterable[str] | None = None) -> pd.DataFrame:
    """Stored documents with their number of facts (without their text); only those of the
    regions named, when some are (names resolve as for facts)."""
    facts_in = select(func.count()).where(Fact.document_id == Document.id).scalar_subquery()
    query = (select(Document.id, Document.source, Document.sha256, Document.doc_type,
                    Region.name.label("region"), Document.report_year, Document.title,
                    Document.url, Document.ingested_at, facts_in.label("facts"))
             .outerjoin(Region, Document.region_id == Region.id)
             .order_by(Document.id))
    with reading(session_or_engine) as session:
        if regions is not None:
            query = query.where(Document.region_id.in_(region_ids(session, regions)))
        rows = session.execute(query).all()
    return pd.DataFrame([r._asdict() for r in rows], columns=DOCUMENT_COLUMNS)


class DocumentSummary(NamedTuple):
    """What the stored documents span, without listing them: documents() reads every row
    and counts every fact."""
    documents: int
    years: tuple[int, int] | None       # the first and last year facts can be about
    reporting_regions: tuple[str, ...]  # names of the regions with a document of their own, sorted


def document_summary(session_or_engine: Session | Engine) -> DocumentSummary:
    """How many documents, the years their facts can be about and the regions that report.

    The years are each report's plan year and the year it reviews, and the years of the
    facts of documents without a report year (imported tables).
    """
    per_region = (select(_regions.c.name, func.count(), func.count(_documents.c.report_year),
                         func.min(_documents.c.report_year), func.max(_documents.c.report_year))
                  .select_from(_documents).outerjoin(_regions, _documents.c.region_id == _regions.c.id)
                  .group_by(_documents.c.region_id, _regions.c.name))
    with reading(session_or_engine) as session:
        rows = core(session).execute(per_region).all()
        years = [year for *_, first, last in rows if first is not None for year in (first - 1, last)]
        if any(count > dated for _, count, dated, _, _ in rows):
            undated = (select(func.min(_facts.c.year), func.max(_facts.c.year))
                       .join(_documents, _facts.c.document_id == _documents.c.id)
                       .where(_documents.c.report_year.is_(None)))
            years += [year for year in core(session).execute(undated).one() if year is not None]
    names = sorted({name for name, *_ in rows if name is not None})
    return DocumentSummary(sum(count for _, count, *_ in rows), (min(years), max(years)) if years else None,
                           tuple(names))


def document(session_or_engine: Session | Engine, document_id: int) -> dict | None:
    """One document with its text and its facts' offsets in that text, and the text as it was
    read where normalising changed it (`original_text`, else None); None if there is none."""
    with reading(session_or_engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            return None
        out = {"id": doc.id, "source": doc.source, "sha256": doc.sha256, "doc_type": doc.doc_type,
               "region": doc.region.name if doc.region else None, "report_year": doc.report_year,
               "title": doc.title, "text": doc.text, "original_text": doc.original_text,
               "ingested_at": doc.ingested_at}
        out["facts"] = facts(session, document_id=document_id).to_dict("records")
    return out
