"""Analysts' corrections: fix a fact's figure, reject a fact, add a fact extraction missed.

Corrections are stored apart from facts and applied when facts are read for judging
(`apply`), so re-ingesting a document never loses them. A fix or a rejection names its
facts by document, region, indicator, kind, year, measure and strive (`key_of`).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import DatabaseError
from db.indicators import IndicatorInfo, ensure_indicator
from db.judge import FactView
from db.models import Correction, Fact
from db.regions import ensure_region
from db.store import value_problem
from etl.facts import COMPARATORS, KINDS, MEASURES


class CorrectionError(DatabaseError):
    pass


def key_of(item) -> tuple:
    """What a fix or a rejection is about; the same for a fact and for the corrections of it."""
    return (item.document_id, item.region_id, item.indicator_id, item.kind, item.year,
            item.measure, bool(item.strive))


def apply(facts: Iterable[FactView], corrections: Iterable[Correction]) -> list[FactView]:
    """Facts with rejections taken out, fixes applied and additions added."""
    fixes, rejected, added = {}, set(), []
    for c in sorted(corrections, key=lambda c: c.id):
        if c.action == "reject":
            rejected.add(key_of(c))
        elif c.action == "fix":
            fixes[key_of(c)] = c          # the latest fix of a fact wins
        else:
            added.append(_added(c))
    out = []
    for fact in facts:
        key = key_of(fact)
        if key in rejected:
            continue
        out.append(_fixed(fact, fixes[key]) if key in fixes else fact)
    return out + added


def _fixed(fact: FactView, c: Correction) -> FactView:
    return fact._replace(
        value=fact.value if c.value is None else c.value,
        value_high=fact.value_high if c.value_high is None else c.value_high,
        unit=fact.unit if c.unit is None else c.unit,
        comparator=c.comparator or fact.comparator,
        estimated=fact.estimated if c.estimated is None else c.estimated,
        source_type="correction", corrected=True, correction_id=c.id,
    )


def _added(c: Correction) -> FactView:
    return FactView(
        id=None, document_id=None, region_id=c.region_id, indicator_id=c.indicator_id,
        kind=c.kind, year=c.year, measure=c.measure, value=c.value, value_high=c.value_high, unit=c.unit or "",
        comparator=c.comparator or "exact", strive=c.strive, estimated=bool(c.estimated),
        source_type="correction", source_title=c.source_title or c.note or "",
        sentence=c.note or "", corrected=True, correction_id=c.id,
    )


def fix_fact(session: Session, fact_id: int, *, value: float | None = None, unit: str | None = None,
             comparator: str | None = None, estimated: bool | None = None, note: str = "") -> Correction:
    """Record the right figure for a fact; what is not given stays as extracted."""
    fact = _fact(session, fact_id)
    if value is None and unit is None and comparator is None and estimated is None:
        raise CorrectionError("a fix needs at least one of value, unit, comparator, estimated")
    _check_value(value)
    _check_comparator(comparator)
    return _add(session, _about(fact, "fix", value=value, unit=unit, comparator=comparator,
                                estimated=estimated, note=note))


def reject_fact(session: Session, fact_id: int, note: str = "") -> Correction:
    """Take a fact out of judging (a misread sentence, a figure about something else)."""
    return _add(session, _about(_fact(session, fact_id), "reject", note=note))


def add_fact(session: Session, *, region: str, kind: str, year: int, indicator: str, measure: str,
             value: float, unit: str, comparator: str = "exact", estimated: bool = False,
             strive: bool = False, source_title: str = "", source_url: str | None = None,
             note: str = "", catalog: dict[str, IndicatorInfo] | None = None) -> Correction:
    """Record a target or an outcome extraction missed, with where it was found."""
    if kind not in KINDS:
        raise CorrectionError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if measure not in MEASURES:
        raise CorrectionError(f"measure {measure!r} is not one of {', '.join(MEASURES)}")
    _check_value(value)
    _check_comparator(comparator)
    if not (source_title or source_url or note):
        raise CorrectionError("say where the figure comes from (source title, URL or note)")
    if catalog is None:
        from db.indicators import load_catalog
        catalog = load_catalog()
    return _add(session, Correction(
        action="add", region=ensure_region(session, region),
        indicator=ensure_indicator(session, indicator, catalog), kind=kind, year=year,
        measure=measure, strive=strive, value=value, unit=unit, comparator=comparator,
        estimated=estimated, source_title=source_title or None, source_url=source_url, note=note))


def remove_correction(session: Session, correction_id: int) -> None:
    """Withdraw a correction: the facts are judged as extracted again."""
    row = session.get(Correction, correction_id)
    if row is None:
        raise CorrectionError(f"there is no correction {correction_id}")
    session.delete(row)


def list_corrections(session: Session) -> list[dict]:
    """Every correction, oldest first. A fix keeps only what it changes (its unit is None when
    the unit stays), so the unit of the fact it is about is given beside it."""
    rows = list(session.scalars(select(Correction).order_by(Correction.id)))
    units = _units_of_facts(session, [c for c in rows if c.action != "add"])
    return [{
        "id": c.id, "action": c.action, "region": c.region.name, "indicator": c.indicator.code,
        "kind": c.kind, "year": c.year, "measure": c.measure, "strive": c.strive,
        "original_value": c.original_value, "original_unit": units.get(key_of(c)), "value": c.value, "unit": c.unit,
        "comparator": c.comparator, "estimated": c.estimated,
        "document": c.document.source if c.document else None,
        "source_title": c.source_title, "source_url": c.source_url, "note": c.note,
        "created_at": c.created_at.isoformat() if c.created_at else None,
    } for c in rows]


def _fact(session: Session, fact_id: int) -> Fact:
    fact = session.get(Fact, fact_id)
    if fact is None:
        raise CorrectionError(f"there is no fact {fact_id} (see `tracker facts` for ids)")
    return fact


def _about(fact: Fact, action: str, **values) -> Correction:
    return Correction(action=action, document_id=fact.document_id, region_id=fact.region_id,
                      indicator_id=fact.indicator_id, kind=fact.kind, year=fact.year,
                      measure=fact.measure, strive=fact.strive, original_value=fact.value, **values)


def _check_value(value: float | None) -> None:
    """A figure as import-facts takes one (db.store.value_problem): finite and within bounds."""
    problem = None if value is None else value_problem(value)
    if problem:
        raise CorrectionError(f"value {value!r} {problem}")


def _check_comparator(comparator: str | None) -> None:
    if comparator is not None and comparator not in COMPARATORS:
        raise CorrectionError(f"comparator {comparator!r} is not one of {', '.join(COMPARATORS)}")


def _add(session: Session, correction: Correction) -> Correction:
    session.add(correction)
    session.flush()
    return correction


def _units_of_facts(session: Session, corrections: list[Correction]) -> dict[tuple, str]:
    """The unit of the stored fact each of these fixes and rejections is about, by key_of
    (none for a fact its document no longer has)."""
    documents = {c.document_id for c in corrections}
    if not documents:
        return {}
    facts = session.execute(select(Fact.document_id, Fact.region_id, Fact.indicator_id, Fact.kind, Fact.year,
                                   Fact.measure, Fact.strive, Fact.unit).where(Fact.document_id.in_(documents)))
    return {key_of(f): f.unit for f in facts}
