"""What the dashboard and the CLI read: the scorecard, regions, indicators, facts, documents.

Every function takes an Engine or a Session and returns a pandas DataFrame (or, for one
document, a dict). Queries are SQLAlchemy expressions with bound parameters; the filters
they use (a region's facts, one indicator in one year) are served by the indexes on facts.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy import Boolean, Engine, Select, Text, cast, func, literal, null, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from db import joined
from db.corrections import apply
from db.indicators import OTHER_PREFIX
from db.judge import (
    STORED_FIELDS, FactView, Judgement, Outcome, distinct, distinct_key, judge_each, needs_outcome,
    outcome_key,
)
from db.models import Correction, Document, Fact, Indicator, Region
from db.regions import find_regions
from db.rules import Tolerances, default_tolerances, source_ranks
from db.selects import IDS_PER_QUERY, driver_rows, narrowed, rows_by_id
from etl.collector import collector_paused

# Judging reads plain columns of the tables, neither ORM entities nor mapped attributes:
# loading entities costs ten times as much, and even a select of mapped attributes goes
# through the ORM's row loading. Judging never writes.
_facts, _documents = Fact.__table__, Document.__table__
_regions, _indicators = Region.__table__, Indicator.__table__


SCORECARD_COLUMNS = [
    "region", "region_level", "parent_region", "province", "indicator", "indicator_zh",
    "indicator_en", "better", "headline", "measure", "year", "target_value", "target_value_high", "unit",
    "comparator",
    "strive",
    "target_sentence", "target_document_id", "target_start", "target_end", "outcome_value",
    "outcome_estimated", "outcome_derived", "outcome_source_type", "outcome_source_title",
    "outcome_sentence", "outcome_document_id", "status", "gap",
    "target_fact_id", "target_corrected", "outcome_fact_id", "outcome_corrected",
]
# What a scorecard without evidence leaves out: the words each figure was read from and
# where the outcome was published. The ids of the facts and documents stay, to look them up.
EVIDENCE_COLUMNS = ("target_sentence", "target_start", "target_end", "outcome_source_type",
                    "outcome_source_title", "outcome_sentence")


@contextmanager
def _session(session_or_engine: Session | Engine) -> Iterator[Session]:
    if isinstance(session_or_engine, Session):
        _map_file(session_or_engine)
        yield session_or_engine
    else:
        with Session(session_or_engine) as session:
            _map_file(session)
            yield session


# A comparison across the country reads a few thousand rows spread over a SQLite file;
# reading them through a memory map saves a system call per page (about a tenth of its
# time). Set for reading only: an ingest touching the whole file through the map would
# count every page it reads as its own memory.
_MMAP_BYTES = 1 << 30


def _map_file(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql(f"PRAGMA mmap_size={_MMAP_BYTES}")


def _core(session: Session):
    """The session's connection, for Core statements: rows come back without the ORM's
    per-row bookkeeping, two to three times faster on the thousands of rows of a comparison."""
    return session.connection()


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
    rows = dict(_core(session).execute(select(_indicators.c.code, _indicators.c.id)
                                .where(_indicators.c.code.in_(codes))).all())
    missing = [c for c in codes if c not in rows]
    if missing:
        raise UnknownName(f"no indicator {missing[0]!r} in the database")
    return [rows[c] for c in codes]


def fact_query(kind: str | None = None, region_ids: list[int] | None = None,
               years: list[int] | None = None, indicator_ids: list[int] | None = None) -> Select:
    """Facts with their document's type and title; each filter given narrows the rows."""
    query = (select(Fact, Document.doc_type, Document.title)
             .join(Document, Fact.document_id == Document.id))
    return _narrowed(query, kind, region_ids, years, indicator_ids)


def _narrowed(query: Select, kind: str | None, region_ids: list[int] | None, years: list[int] | None,
              indicator_ids: list[int] | None) -> Select:
    if kind is not None:
        query = query.where(_facts.c.kind == kind)
    return narrowed(query, _facts, region_ids, years, indicator_ids)


# What judging reads of a fact, in the order of FactView's fields: a stored fact is no
# analyst's, its last two fields the same for every row.
_JUDGED = [*(_facts.c[name] for name in STORED_FIELDS),
           literal(False, Boolean()).label("corrected"), null().label("correction_id")]
_SOURCE_TYPE = FactView._fields.index("source_type")
_SOURCE_TITLE = FactView._fields.index("source_title")


def _judged_with_sources() -> list:
    """_JUDGED, with a fact's own source type and title (imported tables cite one per row),
    else its document's: for a select joined to documents."""
    columns = list(_JUDGED)
    for at, own, document in ((_SOURCE_TYPE, _facts.c.source_type, _documents.c.doc_type),
                              (_SOURCE_TITLE, _facts.c.source_title, _documents.c.title)):
        columns[at] = func.coalesce(func.nullif(own, ""), document)     # as `own or document`
    return columns


def _without_evidence(columns: list) -> list:
    """The columns of a select of _JUDGED, with NULL for a fact's sentence and offsets."""
    return [null().label(c.name) if c.name in ("sentence", "start", "end") else c for c in columns]


# The selects of targets and of outcomes with their sources, before any filter, with their
# evidence and without; built once (a select is never changed, only copied by .where).
# Outcomes without evidence keep only their own sources (those of imported tables): finding
# each one's document was a third of a comparison's time (see _with_ranking_sources).
_TARGETS = {True: select(*_JUDGED).where(_facts.c.kind == "target"),
            False: select(*_without_evidence(_JUDGED)).where(_facts.c.kind == "target")}
_OUTCOMES = {True: (select(*_judged_with_sources()).join(_documents, _facts.c.document_id == _documents.c.id)
                    .where(_facts.c.kind == "outcome")),
             False: select(*_without_evidence(_JUDGED)).where(_facts.c.kind == "outcome")}


def _stored(session: Session, query: Select) -> list[FactView]:
    """The facts a select of _JUDGED (or of _judged_with_sources()) finds."""
    # tuple.__new__ rather than FactView._make, whose length check is Python code run once
    # per row; the select has FactView's fields, in order.
    return list(map(partial(tuple.__new__, FactView), driver_rows(session, query)))


def _with_document_sources(session: Session, facts: list[FactView],
                           wanted: Callable[[FactView], bool] = lambda f: True) -> list[FactView]:
    """The same facts in the same order; the `wanted` ones with their document's type and
    title where they have none of their own."""
    def lacking(f: FactView) -> bool:
        return f.document_id is not None and not (f.source_type and f.source_title) and wanted(f)

    missing = {f.document_id for f in facts if lacking(f)}
    if not missing:
        return facts
    query = select(_documents.c.id, _documents.c.doc_type, _documents.c.title)
    sources = {id_: (doc_type, title) for id_, doc_type, title
               in rows_by_id(session, query, _documents.c.id, missing)}
    return [_sourced(f, *sources[f.document_id]) if lacking(f) else f for f in facts]


def _sourced(fact: FactView, doc_type: str, title: str) -> FactView:
    changes = {"source_type": fact.source_type or doc_type, "source_title": fact.source_title or title}
    return fact._replace(**changes)


def _corrected(facts: list[FactView], corrections: list[Correction]) -> list[FactView]:
    """The facts with the analysts' corrections applied (`corrections.apply`)."""
    return apply(facts, corrections) if corrections else facts


# About what a region reports in a year: more indicators than this are not worth a seek each.
_INDICATORS_TO_SEEK = 50


def _within(fact: FactView, kind: str, regions: list[int] | None, years: list[int] | None,
            indicators: list[int] | None) -> bool:
    return (fact.kind == kind and (regions is None or fact.region_id in regions)
            and (years is None or fact.year in years)
            and (indicators is None or fact.indicator_id in indicators))


class _IndicatorRow(NamedTuple):
    # In the order of SCORECARD_COLUMNS. A plain tuple's fields are many times quicker to
    # read than a SQLAlchemy Row's attributes, and they are read once per scorecard row.
    code: str
    zh: str
    en: str
    better: str
    headline: bool


class _Filters(NamedTuple):
    """A query's filters as ids (None where none was given), and the corrections to apply."""
    regions: list[int] | None
    years: list[int] | None
    indicators: list[int] | None
    corrections: list[Correction]


def _filters(session: Session, regions: Iterable[str] | None, years: Iterable[int] | None,
             indicators: Iterable[str] | None) -> _Filters:
    return _Filters(region_ids(session, regions) if regions is not None else None,
                    sorted(set(years)) if years is not None else None,
                    indicator_ids(session, indicators) if indicators is not None else None,
                    list(session.scalars(select(Correction))))


class _Judging(NamedTuple):
    """What judging the targets within some filters needs, as read from the database."""
    targets: list[FactView]
    by_key: dict[tuple, list[FactView]]      # outcomes, as judge.index_outcomes has them
    years_reported: set[tuple]
    indicators: dict[int, _IndicatorRow]    # the targets' indicators
    better: dict[int, str]                  # their directions
    tolerances: Tolerances
    ranks: dict[str, int]

    def verdicts(self) -> list[Judgement]:
        """The judgement of each target, in order."""
        return judge_each(self.targets, self.by_key, self.years_reported, self.better, self.tolerances,
                          self.ranks)


def _judging(session: Session, filters: _Filters, tolerances: Tolerances | None, evidence: bool) -> _Judging:
    """The targets within the filters and what judging them reads, corrections applied;
    without `evidence`, stored facts come without their sentences and outcomes without their
    documents' sources where judging does not rank them (the verdicts are the same)."""
    rids, years, iids, corrections = filters
    ranks = source_ranks()
    targets = _targets(session, corrections, ranks, rids, years, iids, evidence)
    by_key = _outcomes(session, corrections, [t for t in targets if needs_outcome(t)], rids, years, iids, evidence)
    # The indicators asked for, when some were, are those of every target.
    found = _indicator_rows(session, iids if iids is not None else {t.indicator_id for t in targets})
    return _Judging(targets, by_key, {(region, indicator, year) for region, indicator, _, year in by_key},
                    found, {i: row.better for i, row in found.items()}, tolerances or default_tolerances(),
                    ranks)


def _targets(session: Session, corrections: list[Correction], ranks: dict[str, int],
             rids: list[int] | None, years: list[int] | None, iids: list[int] | None,
             evidence: bool) -> list[FactView]:
    """The distinct targets within the filters; documents are read only to rank repeated ones."""
    query = _narrowed(_TARGETS[evidence], None, rids, years, iids)
    found = _corrected(_stored(session, query), corrections)
    if corrections:     # the additions among them may lie outside the filters
        found = [t for t in found if _within(t, "target", rids, years, iids)]
    # Two statements of one promise have at least their region, indicator, measure and year
    # in common: most often no two targets have, which is quicker to see.
    if len(set(map(outcome_key, found))) == len(found):
        return found
    seen = Counter(map(distinct_key, found))
    if len(seen) == len(found):
        return found                # no promise stated twice: nothing to rank
    return distinct(_with_document_sources(session, found, lambda t: seen[distinct_key(t)] > 1), ranks)


def _outcomes(session: Session, corrections: list[Correction], targets: list[FactView], rids: list[int] | None,
              years: list[int] | None, iids: list[int] | None, evidence: bool) -> dict[tuple, list[FactView]]:
    """The outcomes judging `targets` can look at (corrections applied), by judge.outcome_key.

    First those in the targets' own years and measures, which answer nearly every target.
    Only for the targets left without an answer: whatever else was reported in their year
    (they are then "not comparable" rather than pending), and the levels of the year before
    where a growth can be derived. Reading every outcome of the year before for all targets
    would double the facts a comparison across regions reads.
    """
    if not targets:
        return {}
    measures = sorted({t.measure for t in targets})
    # Additions are kept as far as the year before, whose levels a growth is derived from.
    outcome_years = sorted({y for year in years for y in (year, year - 1)}) if years is not None else None
    query = _narrowed(_OUTCOMES[evidence], None, rids, years, iids).where(_facts.c.measure.in_(measures))
    found = _corrected(_stored(session, query), corrections)
    if corrections:     # the additions among them may lie outside the filters
        found = [o for o in found if _within(o, "outcome", rids, outcome_years, iids)]
    by_key, answered = _indexed(found)
    if not evidence:
        _with_ranking_sources(session, by_key)
    unanswered = [t for t in targets if outcome_key(t) not in answered]
    if unanswered:
        # Additions are in `found` already; fixes and rejections apply to what is read from here on.
        amend = [c for c in corrections if c.action != "add"]
        read = {o.id for o in found}
        # The targets' own measures in their years were read above.
        wanted = {(t.region_id, t.indicator_id, t.year) for t in unanswered}
        reported = _outcomes_of(session, wanted, rids, iids, other_than=measures)
        _index_more(by_key, _corrected(reported, amend), read)
        wanted = _derivable(unanswered, by_key)
        if wanted:
            levels = _outcomes_of(session, wanted, rids, iids, measure="level")
            _index_more(by_key, _corrected(levels, amend), read)
    return by_key


def _with_ranking_sources(session: Session, by_key: dict[tuple, list[FactView]]) -> None:
    """Give the outcomes read without their documents' sources those sources where judging
    ranks them: where one key has several (rarely: most have one, which needs no rank)."""
    shared = [key for key, outcomes in by_key.items() if len(outcomes) > 1]
    if not shared:
        return
    sourced = iter(_with_document_sources(session, [o for key in shared for o in by_key[key]]))
    for key in shared:      # the same outcomes, in the same order
        by_key[key] = [next(sourced) for _ in by_key[key]]


def _indexed(outcomes: list[FactView]) -> tuple[dict[tuple, list[FactView]], set[tuple]]:
    """The outcomes as judge.index_outcomes has them, and the keys of those with a figure:
    the targets of those keys are answered in their own terms."""
    by_key, answered = defaultdict(list), set()
    for o in outcomes:      # one pass over the thousands of outcomes of a comparison
        key = outcome_key(o)
        by_key[key].append(o)
        if o.value is not None:
            answered.add(key)
    return by_key, answered


def _derivable(targets: list[FactView], by_key: dict[tuple, list[FactView]]) -> set[tuple[int, int, int]]:
    """(region, indicator, year before) of the growth and change targets that have a level of
    their own year to derive from: most targets without an outcome have no level either."""
    return {(t.region_id, t.indicator_id, t.year - 1) for t in targets
            if t.measure in ("growth", "change")
            and any(o.value is not None
                    for o in by_key.get((t.region_id, t.indicator_id, "level", t.year), ()))}


def _index_more(by_key: dict[tuple, list[FactView]], facts: list[FactView], read: set[int]) -> None:
    """Index these outcomes too, leaving out those read (and corrected) before."""
    for o in facts:
        if o.id not in read:
            read.add(o.id)
            by_key[outcome_key(o)].append(o)


def _outcomes_of(session: Session, wanted: set[tuple[int, int, int]], rids: list[int] | None,
                 iids: list[int] | None, measure: str | None = None,
                 other_than: list[str] | None = None) -> list[FactView]:
    """Outcomes of these (region, indicator, year)s, of one measure or of all but some, with
    their documents' sources."""
    regions, indicators = sorted({r for r, _, _ in wanted}), sorted({i for _, i, _ in wanted})
    query = select(*_JUDGED).where(_facts.c.kind == "outcome",
                                   _facts.c.year.in_(sorted({y for _, _, y in wanted})))
    if measure is not None:
        query = query.where(_facts.c.measure == measure)
    if other_than is not None:
        query = query.where(_facts.c.measure.not_in(other_than))
    # Listed when few enough, else narrowed by the filters asked for (the rows are picked
    # out below either way). The indicators of a few regions are left out when there are
    # many (one county over the years): an index seek for each in each year costs more than
    # reading whatever those regions reported in those years (6 ms against 0.2 for a county).
    by_region = len(regions) <= IDS_PER_QUERY
    by_indicator = len(indicators) <= (_INDICATORS_TO_SEEK if by_region else IDS_PER_QUERY)
    query = _narrowed(query, None, regions if by_region else rids, None, indicators if by_indicator else iids)
    rows = [o for o in _stored(session, query) if (o.region_id, o.indicator_id, o.year) in wanted]
    return _with_document_sources(session, rows)


def scorecard(session_or_engine: Session | Engine, regions: Iterable[str] | None = None,
              years: Iterable[int] | None = None, indicators: Iterable[str] | None = None,
              tolerances: Tolerances | None = None, evidence: bool = True) -> pd.DataFrame:
    """One row per target: what was promised, what came out, from where, and the verdict.

    Without `evidence` the frame leaves out EVIDENCE_COLUMNS (sentences, their offsets, the
    outcomes' sources), with the same verdicts: what a comparison across regions plots, read
    in half the time.
    """
    # In a function of its own, so that the facts and judgements read are freed before the
    # collector resumes: it would otherwise walk every one of them.
    with collector_paused():
        return _scorecard(session_or_engine, regions, years, indicators, tolerances, evidence)


def _scorecard(session_or_engine: Session | Engine, regions: Iterable[str] | None, years: Iterable[int] | None,
               indicators: Iterable[str] | None, tolerances: Tolerances | None, evidence: bool) -> pd.DataFrame:
    """With evidence, every target judged from its facts (_judging). Without, the plain targets
    from their rows of one join (db.joined) and only the others from their facts, region by
    region: the same verdicts, in half the time across the country."""
    tolerances = tolerances or default_tolerances()
    plain, judging = [], None
    with _session(session_or_engine) as session:
        filters = _filters(session, regions, years, indicators)
        if evidence:
            judging = _judging(session, filters, tolerances, evidence=True)
        else:
            plain, tangled = joined.plain_rows(session, *filters, source_ranks())
            if tangled:
                judging = _judging(session, filters._replace(regions=sorted(tangled)), tolerances, evidence=False)
        targets = judging.targets if judging else []
        places = _places_of(session, {r[joined.REGION] for r in plain} | {t.region_id for t in targets})
        wanted = set(filters.indicators if filters.indicators is not None else
                     {r[joined.INDICATOR] for r in plain} | {t.indicator_id for t in targets})
        indicators = (judging.indicators if judging and wanted <= judging.indicators.keys()
                      else _indicator_rows(session, wanted))
    parts = []
    if plain:
        parts.append(_plain_part(plain, places, indicators, tolerances))
    if targets:
        parts.append(_judged_part(judging, places, indicators))
    return _scorecard_frame(_merged(parts, _sort_key(places, indicators)),
                            SCORECARD_COLUMNS if evidence else _LEAN_COLUMNS)


class _Part(NamedTuple):
    """Scorecard rows in their order, column by column."""
    columns: dict[str, Sequence]
    by: tuple[Sequence, ...]    # each row's region id, year, indicator id, measure and fact id


def _sort_key(places: _Places, indicators: dict[int, _IndicatorRow]) -> Callable[[int, int, int, str, int], tuple]:
    """The order of a scorecard's rows, given a target's region, year, indicator, measure and id:
    province (regions without one last), region, year, headline indicators first in the
    catalog's order (the order they were stored in), measure, then as stored."""
    order = places.order
    last = {i: not row.headline for i, row in indicators.items()}
    return lambda region, year, indicator, measure, id_: (order[region], year, last[indicator], indicator, measure,
                                                          id_ or 0)


def _judged_part(judging: _Judging, places: _Places, indicators: dict[int, _IndicatorRow]) -> _Part:
    """The rows of the judged targets. Sorted before they are judged: sorting the frame costs more."""
    key = _sort_key(places, indicators)
    targets = sorted(judging.targets, key=lambda t: key(t.region_id, t.year, t.indicator_id, t.measure, t.id))
    targets, outcomes, statuses, gaps = zip(*judging._replace(targets=targets).verdicts())
    # Column by column, each taken whole from the targets, outcomes, places and indicators
    # by zip (in C) rather than gathered row by row in Python and transposed.
    t = FactView._make(zip(*targets))
    place = list(zip(*map(places.names.__getitem__, t.region_id)))
    indicator = list(zip(*map(indicators.__getitem__, t.indicator_id)))
    o = Outcome._make(zip(*[_NO_OUTCOME if o is None else o for o in outcomes]))
    values = (*place, *indicator, t.measure, t.year, t.value, t.value_high, t.unit, t.comparator, _flags(t.strive),
              t.sentence, t.document_id, t.start, t.end, o.value, _flags(o.estimated), o.derived, o.source_type,
              o.source_title, o.sentence, o.document_id, statuses, gaps, t.id,
              _flags(t.corrected), o.fact_id, _flags(o.corrected))
    return _Part(dict(zip(SCORECARD_COLUMNS, values)), (t.region_id, t.year, t.indicator_id, t.measure, t.id))


def _plain_part(rows: list[tuple], places: _Places, indicators: dict[int, _IndicatorRow],
                tolerances: Tolerances) -> _Part:
    """The rows of the plain targets, from their rows of the join (joined.plain_rows)."""
    key = _sort_key(places, indicators)
    rows = sorted(rows, key=lambda r: key(*_PLAIN_KEY(r)))
    statuses, gaps = joined.verdicts(rows, {i: row.better for i, row in indicators.items()}, tolerances)
    c = joined.Row._make(zip(*rows))
    place = list(zip(*map(places.names.__getitem__, c.region_id)))
    indicator = list(zip(*map(indicators.__getitem__, c.indicator_id)))
    # An outcome as it was stored: neither derived nor corrected (None where there is none).
    stored = tuple(None if o is None else False for o in c.outcome_id)
    values = (*place, *indicator, c.measure, c.year, c.value, c.value_high, c.unit, c.comparator, _flags(c.strive),
              c.document_id, c.outcome_value, _flags(c.outcome_estimated), stored, c.outcome_document_id,
              statuses, gaps, c.id, (False,) * len(rows), c.outcome_id, stored)
    return _Part(dict(zip(_LEAN_COLUMNS, values)), (c.region_id, c.year, c.indicator_id, c.measure, c.id))


# What _sort_key's key is made of, of a row of the join.
_PLAIN_KEY = itemgetter(joined.REGION, joined.YEAR, joined.INDICATOR, joined.MEASURE, joined.ID)
_LEAN_COLUMNS = [name for name in SCORECARD_COLUMNS if name not in EVIDENCE_COLUMNS]


def _merged(parts: list[_Part], key: Callable[[int, int, int, str, int], tuple]) -> dict[str, Sequence]:
    """The columns of the parts' rows, together in the order of `key` (_sort_key)."""
    if len(parts) < 2:
        return parts[0].columns if parts else {}
    keys = [k for part in parts for k in map(key, *part.by)]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    shared = [name for name in SCORECARD_COLUMNS if all(name in part.columns for part in parts)]
    return {name: list(map([v for part in parts for v in part.columns[name]].__getitem__, order))
            for name in shared}


_WHOLE_NUMBER_COLUMNS = ("year", "target_document_id", "target_start", "target_end", "outcome_document_id",
                         "target_fact_id", "outcome_fact_id")


def _scorecard_frame(values: dict[str, Sequence], columns: list[str]) -> pd.DataFrame:
    """The frame of these of SCORECARD_COLUMNS."""
    if not values:
        return _whole_numbers(pd.DataFrame([], columns=columns), [c for c in _WHOLE_NUMBER_COLUMNS if c in columns])
    # Ids and offsets straight into Int64, every other column typed as pandas types it from
    # rows (from dicts alike).
    return pd.DataFrame({name: _column(name, values[name]) for name in columns})


# An outcome's columns where a target has none.
_NO_OUTCOME = (None,) * len(Outcome._fields)


def _flags(values: tuple) -> tuple:
    """True and False (None where there is none) for flags as drivers return them: SQLite's
    are 0 and 1, which as keys are False and True."""
    return tuple(map(_AS_FLAG.get, values))


_AS_FLAG = {False: False, True: True}


_TEXT_COLUMNS = ("region", "region_level", "parent_region", "province", "indicator", "indicator_zh",
                 "indicator_en", "better", "measure", "unit", "comparator", "target_sentence",
                 "outcome_source_type", "outcome_source_title", "outcome_sentence", "status")
# What pandas makes of a column of strings: its arrow-backed str from pandas 3 on, objects before.
_INFERRED_TEXT = pd.Series(["text"]).dtype


def _column(name: str, values: tuple):
    if name in _WHOLE_NUMBER_COLUMNS:
        return _whole_number_array(values)
    if name in _TEXT_COLUMNS and getattr(_INFERRED_TEXT, "storage", None) == "pyarrow":
        return _text_array(values)
    return values


def _text_array(values: tuple):
    """The arrow-backed str array pandas would infer from these values, built by pyarrow in
    one call (three times quicker than pandas checking each value). What pandas would not
    make a str column of (a column of Nones only, a value that is no string) is left to it."""
    import pyarrow as pa    # there whenever pandas infers arrow-backed strings

    try:
        array = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return values
    if array.null_count == len(array):
        return values       # pandas keeps Nones as objects
    return pd.arrays.ArrowStringArray(array, dtype=_INFERRED_TEXT)


def _whole_number_array(values: tuple) -> pd.api.extensions.ExtensionArray:
    """pd.array(values, dtype="Int64"), for ints and Nones: built through numpy, which is
    several times quicker than pandas checking each value."""
    try:    # the usual column, read once, in C
        return pd.arrays.IntegerArray(np.fromiter(values, dtype=np.int64, count=len(values)),
                                      np.zeros(len(values), dtype=bool))
    except TypeError:       # some Nones
        pass
    objects = np.array(values, dtype=object)
    missing = np.equal(objects, None)
    objects[missing] = 0
    return pd.arrays.IntegerArray(objects.astype(np.int64), missing)


def _whole_numbers(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    # Ids and offsets stay integers when some rows have none (pandas would make them floats).
    return frame.astype({c: "Int64" for c in columns})


def _indicator_rows(session: Session, ids: Iterable[int]) -> dict[int, _IndicatorRow]:
    """The named indicators only: a database holds tens of thousands of them."""
    query = select(_indicators.c.id, _indicators.c.code, _indicators.c.zh, _indicators.c.en,
                   _indicators.c.better, _indicators.c.headline)
    # The driver's rows: SQLite's headline flag is 0 or 1, shown as a bool.
    return {id_: _IndicatorRow(code, zh, en, better, bool(headline))
            for id_, code, zh, en, better, headline in rows_by_id(session, query, _indicators.c.id, ids)}


class _Places(NamedTuple):
    """Where regions are: what a scorecard row says of its region, and the order of the rows."""
    names: dict[int, tuple[str, str, str | None, str | None]]  # (name, level, parent's name, province's name)
    order: dict[int, int]       # by region id, as _region_order has it


def _places_of(session: Session, ids: set[int]) -> _Places:
    """The places of the regions of `ids` (and maybe of others)."""
    if len(ids) > IDS_PER_QUERY:
        # Many regions (a comparison across the country): one read of the small table is quicker.
        return _every_place(_core(session).execute(_regions_as_text(session)).scalar() or "[]")
    query = select(*_REGION_ROW)
    rows, wanted = {}, ids
    while wanted:   # the regions, then their parents, then theirs: 县 ⊂ 市 ⊂ 省
        rows.update((row[0], row) for row in rows_by_id(session, query, _regions.c.id, wanted))
        wanted = {row[3] for row in rows.values() if row[3] is not None} - rows.keys()
    return _placed(rows, ids)


# What places are worked out from: a region's id, name, level and parent's id.
_REGION_ROW = (_regions.c.id, _regions.c.name, _regions.c.level, _regions.c.parent_id)


def _regions_as_text(session: Session) -> Select:
    """Every row of the regions table (as _REGION_ROW) in one JSON array, built by the database:
    it reads several times quicker than the rows, and compares as one string."""
    if session.get_bind().dialect.name == "postgresql":
        return select(cast(func.json_agg(aggregate_order_by(func.json_build_array(*_REGION_ROW), _regions.c.id)),
                           Text))
    return select(func.json_group_array(func.json_array(*_REGION_ROW)))


# The whole regions table as last read (_regions_as_text), and its places.
_last_places: tuple[str, _Places] | None = None


def _every_place(table: str) -> _Places:
    """The places of every region, given the whole regions table as _regions_as_text has it.

    Worked out again only when the table reads differently from the last time: naming and
    ordering some thousands of regions costs as much as judging their targets, and the table
    rarely changes. It can change at any time (an ingest in another process adds regions, a
    migration renames them), which is why it is read on every call and compared whole rather
    than trusted to be as it was; its JSON says every row's values unambiguously.
    """
    global _last_places
    last = _last_places     # read once: another thread may replace it meanwhile
    if last is not None and last[0] == table:
        return last[1]
    rows = json.loads(table)
    places = _placed({row[0]: row for row in rows}, [row[0] for row in rows])
    _last_places = (table, places)
    return places


def _placed(rows: dict[int, tuple], ids: Iterable[int]) -> _Places:
    """The places of the regions of `ids`, given the rows (id, name, level, parent id) of
    those regions and of all their ancestors."""
    names = {}
    for id_ in ids:
        _, name, level, parent = up = rows[id_]
        while up[2] != "province" and up[3] is not None:
            up = rows[up[3]]
        names[id_] = (name, level, rows[parent][1] if parent else None,
                      up[1] if up[2] == "province" else None)
    return _Places(names, _region_order(names))


def _region_order(names: dict[int, tuple]) -> dict[int, int]:
    """Each region's place in the order by province (regions without one last), then name.

    Regions of the same province and name share a place, so their rows interleave as they
    would sorted by those names; an int is compared many times quicker than the names."""
    by_name = {region: (province is None, province or "", name)
               for region, (name, _, _, province) in names.items()}
    place = {key: n for n, key in enumerate(sorted(set(by_name.values())))}
    return {region: place[key] for region, key in by_name.items()}


def _places(session: Session) -> dict[int, dict]:
    """Every stored region with its parent's and its province's names."""
    query = select(_regions.c.id, _regions.c.name, _regions.c.level, _regions.c.parent_id,
                   _regions.c.division_code, _regions.c.path)
    rows = {r.id: r for r in session.execute(query)}
    out = {}
    for r in rows.values():
        up = r
        while up.level != "province" and up.parent_id is not None:
            up = rows[up.parent_id]
        out[r.id] = {"id": r.id, "name": r.name, "level": r.level,
                     "parent": rows[r.parent_id].name if r.parent_id else None,
                     "province": up.name if up.level == "province" else None,
                     "division_code": r.division_code, "path": r.path}
    return out


def regions(session_or_engine: Session | Engine) -> pd.DataFrame:
    """Stored regions: name, level, parent, province, division code."""
    with _session(session_or_engine) as session:
        places = _places(session)
    columns = ["id", "name", "level", "parent", "province", "division_code", "path"]
    return pd.DataFrame(list(places.values()), columns=columns).sort_values("path", ignore_index=True)


def indicators(session_or_engine: Session | Engine, catalogued_only: bool = False) -> pd.DataFrame:
    """Stored indicators: code, names, unit, direction, headline; with `catalogued_only`, not
    the "other:" ones each report adds for its own commitments (tens of thousands in a
    national database)."""
    query = select(_indicators.c.id, _indicators.c.code, _indicators.c.zh, _indicators.c.en,
                   _indicators.c.unit, _indicators.c.better, _indicators.c.headline).order_by(_indicators.c.id)
    if catalogued_only:
        query = query.where(_indicators.c.code.not_like(OTHER_PREFIX + "%"))
    with _session(session_or_engine) as session:
        rows = _core(session).execute(query).all()
    return pd.DataFrame(rows, columns=["id", "code", "zh", "en", "unit", "better", "headline"])


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


def documents(session_or_engine: Session | Engine, regions: Iterable[str] | None = None) -> pd.DataFrame:
    """Stored documents with their number of facts (without their text); only those of the
    regions named, when some are (names resolve as for facts)."""
    facts_in = select(func.count()).where(Fact.document_id == Document.id).scalar_subquery()
    query = (select(Document.id, Document.source, Document.sha256, Document.doc_type,
                    Region.name.label("region"), Document.report_year, Document.title,
                    Document.ingested_at, facts_in.label("facts"))
             .outerjoin(Region, Document.region_id == Region.id)
             .order_by(Document.id))
    with _session(session_or_engine) as session:
        if regions is not None:
            query = query.where(Document.region_id.in_(region_ids(session, regions)))
        rows = session.execute(query).all()
    return pd.DataFrame([r._asdict() for r in rows], columns=DOCUMENT_COLUMNS)


class DocumentSummary(NamedTuple):
    """What the stored documents span, without listing them (documents() reads every row
    and counts every fact: most of a second on a national database)."""
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
    with _session(session_or_engine) as session:
        rows = _core(session).execute(per_region).all()
        years = [year for *_, first, last in rows if first is not None for year in (first - 1, last)]
        if any(count > dated for _, count, dated, _, _ in rows):
            undated = (select(func.min(_facts.c.year), func.max(_facts.c.year))
                       .join(_documents, _facts.c.document_id == _documents.c.id)
                       .where(_documents.c.report_year.is_(None)))
            years += [year for year in _core(session).execute(undated).one() if year is not None]
    names = sorted({name for name, *_ in rows if name is not None})
    return DocumentSummary(sum(count for _, count, *_ in rows), (min(years), max(years)) if years else None,
                           tuple(names))


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
