"""What the dashboard and the CLI read: the scorecard, regions, indicators, facts, documents.

Every function takes an Engine or a Session and returns a pandas DataFrame (or, for one
document, a dict). Queries are SQLAlchemy expressions with bound parameters; the filters
they use (a region's facts, one indicator in one year) are served by the indexes on facts.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from db.corrections import apply
from db.judge import FactView, Judgement, judge_all
from db.models import Correction, Document, Fact, Indicator, Region
from db.regions import find_regions
from db.rules import Tolerances, default_tolerances, source_ranks

SCORECARD_COLUMNS = [
    "region", "region_level", "parent_region", "province", "indicator", "indicator_zh",
    "indicator_en", "better", "headline", "measure", "year", "target_value", "unit", "comparator", "strive",
    "target_sentence", "target_document_id", "target_start", "target_end", "outcome_value",
    "outcome_estimated", "outcome_derived", "outcome_source_type", "outcome_source_title",
    "outcome_sentence", "outcome_document_id", "status", "gap",
    "target_fact_id", "target_corrected", "outcome_fact_id", "outcome_corrected",
]


@contextmanager
def _session(session_or_engine: Session | Engine) -> Iterator[Session]:
    if isinstance(session_or_engine, Session):
        yield session_or_engine
    else:
        with Session(session_or_engine) as session:
            yield session


class UnknownName(LookupError):
    """A region or indicator the database does not hold."""


def region_ids(session: Session, names: Iterable[str]) -> list[int]:
    """Stored regions by name (short names and former names resolve too)."""
    ids = []
    for name in names:
        found = find_regions(session, name)
        if not found:
            raise UnknownName(f"no region named {name!r} in the database")
        ids += [r.id for r in found]
    return ids


def indicator_ids(session: Session, codes: Iterable[str]) -> list[int]:
    codes = list(codes)
    rows = dict(session.execute(select(Indicator.code, Indicator.id).where(Indicator.code.in_(codes))).all())
    missing = [c for c in codes if c not in rows]
    if missing:
        raise UnknownName(f"no indicator {missing[0]!r} in the database")
    return [rows[c] for c in codes]


def fact_query(kind: str | None = None, region_ids: list[int] | None = None,
               years: list[int] | None = None, indicator_ids: list[int] | None = None) -> Select:
    """Facts with their document's type and title; each filter given narrows the rows."""
    query = (select(Fact, Document.doc_type, Document.title)
             .join(Document, Fact.document_id == Document.id))
    if kind is not None:
        query = query.where(Fact.kind == kind)
    if region_ids is not None:
        query = query.where(Fact.region_id.in_(region_ids))
    if years is not None:
        query = query.where(Fact.year.in_(years))
    if indicator_ids is not None:
        query = query.where(Fact.indicator_id.in_(indicator_ids))
    return query


def _views(session: Session, query: Select) -> list[FactView]:
    return [FactView(
        id=f.id, document_id=f.document_id, region_id=f.region_id, indicator_id=f.indicator_id,
        kind=f.kind, year=f.year, measure=f.measure, value=f.value, unit=f.unit,
        comparator=f.comparator, strive=f.strive, estimated=f.estimated,
        source_type=f.source_type or doc_type, source_title=f.source_title or title,
        sentence=f.sentence, start=f.start, end=f.end, report_year=f.report_year,
    ) for f, doc_type, title in session.execute(query)]


def _within(view: FactView, kind: str, regions: list[int] | None, years: list[int] | None,
            indicators: list[int] | None) -> bool:
    return (view.kind == kind and (regions is None or view.region_id in regions)
            and (years is None or view.year in years)
            and (indicators is None or view.indicator_id in indicators))


def judgements(session: Session, regions: Iterable[str] | None = None, years: Iterable[int] | None = None,
               indicators: Iterable[str] | None = None,
               tolerances: Tolerances | None = None) -> list[Judgement]:
    """Every target within the filters, judged against its outcome (corrections applied)."""
    rids = region_ids(session, regions) if regions is not None else None
    iids = indicator_ids(session, indicators) if indicators is not None else None
    years = sorted(set(years)) if years is not None else None
    # Outcomes of the year before are needed to derive a growth from two levels.
    outcome_years = sorted({y for year in years for y in (year, year - 1)}) if years is not None else None
    corrections = list(session.scalars(select(Correction)))
    targets = [v for v in apply(_views(session, fact_query("target", rids, years, iids)), corrections)
               if _within(v, "target", rids, years, iids)]
    outcomes = [v for v in apply(_views(session, fact_query("outcome", rids, outcome_years, iids)), corrections)
                if _within(v, "outcome", rids, outcome_years, iids)]
    better = dict(session.execute(select(Indicator.id, Indicator.better)).all())
    return judge_all(targets, outcomes, better, tolerances or default_tolerances(), source_ranks())


def scorecard(session_or_engine: Session | Engine, regions: Iterable[str] | None = None,
              years: Iterable[int] | None = None, indicators: Iterable[str] | None = None,
              tolerances: Tolerances | None = None) -> pd.DataFrame:
    """One row per target: what was promised, what came out, from where, and the verdict."""
    with _session(session_or_engine) as session:
        found = judgements(session, regions, years, indicators, tolerances)
        places = _places(session)
        inds = {i.id: i for i in session.scalars(select(Indicator))}
    rows = [_scorecard_row(j, places[j.target.region_id], inds[j.target.indicator_id]) for j in found]
    frame = _whole_numbers(pd.DataFrame(rows, columns=SCORECARD_COLUMNS),
                           ["year", "target_document_id", "target_start", "target_end",
                            "outcome_document_id", "target_fact_id", "outcome_fact_id"])
    # Headline indicators first, in the catalog's order (the order they were stored in).
    order = frame["indicator"].map({i.code: i.id for i in inds.values()})
    return (frame.assign(_order=order)
            .sort_values(["province", "region", "year", "headline", "_order", "measure"],
                         ascending=[True, True, True, False, True, True], kind="stable",
                         na_position="last")
            .drop(columns="_order").reset_index(drop=True))


def _whole_numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    # Ids and offsets stay integers when some rows have none (pandas would make them floats).
    return frame.astype({c: "Int64" for c in columns})


def _scorecard_row(j: Judgement, place: dict, indicator: Indicator) -> dict:
    t, o = j.target, j.outcome
    return {
        "region": place["name"], "region_level": place["level"], "parent_region": place["parent"],
        "province": place["province"], "indicator": indicator.code, "indicator_zh": indicator.zh,
        "indicator_en": indicator.en, "better": indicator.better, "headline": indicator.headline,
        "measure": t.measure,
        "year": t.year, "target_value": t.value, "unit": t.unit, "comparator": t.comparator,
        "strive": t.strive, "target_sentence": t.sentence, "target_document_id": t.document_id,
        "target_start": t.start, "target_end": t.end,
        "outcome_value": o.value if o else None, "outcome_estimated": o.estimated if o else None,
        "outcome_derived": o.derived if o else None,
        "outcome_source_type": o.source_type if o else None,
        "outcome_source_title": o.source_title if o else None,
        "outcome_sentence": o.sentence if o else None,
        "outcome_document_id": o.document_id if o else None,
        "status": j.status, "gap": j.gap,
        "target_fact_id": t.id, "target_corrected": t.corrected,
        "outcome_fact_id": o.fact_id if o else None, "outcome_corrected": o.corrected if o else None,
    }


def _places(session: Session) -> dict[int, dict]:
    """Every stored region with its parent's and its province's names."""
    rows = {r.id: r for r in session.scalars(select(Region))}
    out = {}
    for r in rows.values():
        top = r
        while top.parent_id is not None:
            top = rows[top.parent_id]
        out[r.id] = {"id": r.id, "name": r.name, "level": r.level,
                     "parent": rows[r.parent_id].name if r.parent_id else None,
                     "province": top.name if top.level == "province" else None,
                     "division_code": r.division_code, "path": r.path}
    return out


def regions(session_or_engine: Session | Engine) -> pd.DataFrame:
    """Stored regions: name, level, parent, province, division code."""
    with _session(session_or_engine) as session:
        places = _places(session)
    columns = ["id", "name", "level", "parent", "province", "division_code", "path"]
    return pd.DataFrame(list(places.values()), columns=columns).sort_values("path", ignore_index=True)


def indicators(session_or_engine: Session | Engine) -> pd.DataFrame:
    """Stored indicators: code, names, unit, direction, headline."""
    with _session(session_or_engine) as session:
        rows = session.execute(select(Indicator.id, Indicator.code, Indicator.zh, Indicator.en,
                                      Indicator.unit, Indicator.better, Indicator.headline)
                               .order_by(Indicator.id)).all()
    return pd.DataFrame([r._asdict() for r in rows],
                        columns=["id", "code", "zh", "en", "unit", "better", "headline"])


FACT_COLUMNS = ["id", "region", "kind", "year", "indicator", "indicator_zh", "measure", "value",
                "unit", "comparator", "strive", "estimated", "sentence", "start", "end",
                "report_year", "document_id", "source_type", "source_title", "source_url"]


def facts(session_or_engine: Session | Engine, regions: Iterable[str] | None = None,
          years: Iterable[int] | None = None, indicators: Iterable[str] | None = None,
          kind: str | None = None, document_id: int | None = None) -> pd.DataFrame:
    """Every stored fact within the filters (as extracted or imported; corrections not applied)."""
    with _session(session_or_engine) as session:
        rids = region_ids(session, regions) if regions is not None else None
        iids = indicator_ids(session, indicators) if indicators is not None else None
        query = (fact_query(kind, rids, sorted(set(years)) if years is not None else None, iids)
                 .add_columns(Region.name, Indicator.code, Indicator.zh)
                 .join(Region, Fact.region_id == Region.id)
                 .join(Indicator, Fact.indicator_id == Indicator.id)
                 .order_by(Fact.document_id, Fact.id))
        if document_id is not None:
            query = query.where(Fact.document_id == document_id)
        rows = [{
            "id": f.id, "region": region, "kind": f.kind, "year": f.year, "indicator": code,
            "indicator_zh": zh, "measure": f.measure, "value": f.value, "unit": f.unit,
            "comparator": f.comparator, "strive": f.strive, "estimated": f.estimated,
            "sentence": f.sentence, "start": f.start, "end": f.end, "report_year": f.report_year,
            "document_id": f.document_id, "source_type": f.source_type or doc_type,
            "source_title": f.source_title or title, "source_url": f.source_url,
        } for f, doc_type, title, region, code, zh in session.execute(query)]
    return _whole_numbers(pd.DataFrame(rows, columns=FACT_COLUMNS),
                          ["id", "year", "start", "end", "report_year", "document_id"])


DOCUMENT_COLUMNS = ["id", "source", "sha256", "doc_type", "region", "report_year", "title",
                    "ingested_at", "facts"]


def documents(session_or_engine: Session | Engine) -> pd.DataFrame:
    """Stored documents with their number of facts (without their text)."""
    per_document = (select(Fact.document_id, func.count(Fact.id).label("n"))
                    .group_by(Fact.document_id).subquery())
    query = (select(Document.id, Document.source, Document.sha256, Document.doc_type,
                    Region.name.label("region"), Document.report_year, Document.title,
                    Document.ingested_at, func.coalesce(per_document.c.n, 0).label("facts"))
             .outerjoin(Region, Document.region_id == Region.id)
             .outerjoin(per_document, per_document.c.document_id == Document.id)
             .order_by(Document.id))
    with _session(session_or_engine) as session:
        rows = session.execute(query).all()
    return pd.DataFrame([r._asdict() for r in rows], columns=DOCUMENT_COLUMNS)


def document(session_or_engine: Session | Engine, document_id: int) -> dict | None:
    """One document with its text and its facts' offsets in that text; None if there is none."""
    with _session(session_or_engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            return None
        out = {"id": doc.id, "source": doc.source, "sha256": doc.sha256, "doc_type": doc.doc_type,
               "region": doc.region.name if doc.region else None, "report_year": doc.report_year,
               "title": doc.title, "text": doc.text, "ingested_at": doc.ingested_at}
        out["facts"] = facts(session, document_id=document_id).to_dict("records")
    return out
