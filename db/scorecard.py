"""The scorecard: one row per target, with its outcome and verdict, as a pandas DataFrame.

Targets are read with the answers chosen for them when they were stored (db.answers), but
for the years whose facts changed since and those an analyst corrected, which are judged
from their facts (db.loading, db.judge). Where no answers can be read (chosen by other
rules), plain targets are judged from their rows of one join (db.joined) and the others from
their facts. The rows of the parts are merged in one order and typed as pandas types a frame
of rows.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db import answers, joined
from db.judge import FactView, Outcome, verdicts_of
from db.loading import Filters, Judging, load_filters, load_judging
from db.lookup import IndicatorRow, indicator_rows
from db.places import Places, places_of
from db.reading import reading
from db.rules import Tolerances, default_tolerances, source_ranks
from db.typed_columns import text_array, whole_number_array, whole_numbers
from etl.collector import collector_paused

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
_LEAN_COLUMNS = [name for name in SCORECARD_COLUMNS if name not in EVIDENCE_COLUMNS]

_WHOLE_NUMBER_COLUMNS = ("year", "target_document_id", "target_start", "target_end", "outcome_document_id",
                         "target_fact_id", "outcome_fact_id")
_TEXT_COLUMNS = ("region", "region_level", "parent_region", "province", "indicator", "indicator_zh",
                 "indicator_en", "better", "measure", "unit", "comparator", "target_sentence",
                 "outcome_source_type", "outcome_source_title", "outcome_sentence", "status")


def scorecard(session_or_engine: Session | Engine, regions: Iterable[str] | None = None,
              years: Iterable[int] | None = None, indicators: Iterable[str] | None = None,
              tolerances: Tolerances | None = None, evidence: bool = True) -> pd.DataFrame:
    """One row per target: what was promised, what came out, from where, and the verdict.

    Without `evidence` the frame leaves out EVIDENCE_COLUMNS (sentences, their offsets, the
    outcomes' sources), with the same verdicts: what a comparison across regions plots, read
    from one join for most targets (db.joined).
    """
    # In a function of its own, so that the facts and judgements read are freed before the
    # collector resumes: it would otherwise walk every one of them.
    with collector_paused():
        return _scorecard(session_or_engine, regions, years, indicators, tolerances, evidence)


def _scorecard(session_or_engine: Session | Engine, regions: Iterable[str] | None, years: Iterable[int] | None,
               indicators: Iterable[str] | None, tolerances: Tolerances | None, evidence: bool) -> pd.DataFrame:
    tolerances = tolerances or default_tolerances()
    with reading(session_or_engine) as session:
        read = _read(session, load_filters(session, regions, years, indicators), tolerances, evidence)
    parts = []
    if read.stored:
        parts.append(_stored_part(read.stored, read.places, read.indicators, tolerances))
    if read.plain:
        parts.append(_plain_part(read.plain, read.places, read.indicators, tolerances))
    if read.targets:
        parts.append(_judged_part(read.judging, read.places, read.indicators))
    return _scorecard_frame(_merged(parts, _sort_key(read.places, read.indicators)),
                            SCORECARD_COLUMNS if evidence else _LEAN_COLUMNS)


class _Read(NamedTuple):
    """What a scorecard's rows are made of, as read from the database."""
    stored: list[tuple]             # targets with their stored answers (answers.stored_rows)
    plain: list[tuple]              # the plain targets' rows of the join (joined.plain_rows)
    judging: Judging | None         # the other targets, to be judged from their facts
    targets: list[FactView]         # those targets (none without `judging`)
    places: Places                  # of every target's region
    indicators: dict[int, IndicatorRow]     # of every target's indicator


def _read(session: Session, filters: Filters, tolerances: Tolerances, evidence: bool) -> _Read:
    """The targets with their stored answers, and the (region, year)s that have none to read
    (their facts changed since, or an analyst corrected them) to be judged from their facts.

    Where no stored answers can be read: with evidence, every target to be judged from its
    facts (db.loading). Without, the plain targets from their rows of one join (db.joined)
    and only the others from their facts, a region's year at a time: the same verdicts,
    without reading every target's outcomes apart and indexing them."""
    stored, plain, judging = [], [], None
    live = _judged_live(session, filters)
    if live is not None:
        stored = answers.stored_rows(session, filters.regions, filters.years, filters.indicators, evidence, live)
        if live:
            judging = load_judging(session, filters._replace(pairs=live), tolerances, evidence)
    elif evidence:
        judging = load_judging(session, filters, tolerances, evidence=True)
    else:
        plain, tangled = joined.plain_rows(session, filters.regions, filters.years, filters.indicators,
                                           filters.corrections, source_ranks())
        if tangled:
            judging = load_judging(session, filters._replace(pairs=tangled), tolerances, evidence=False)
    targets = judging.targets if judging else []
    places = places_of(session, {r[joined.REGION] for r in plain} | {t.region_id for t in targets}
                       | {r[answers.T_REGION] for r in stored})
    wanted = set(filters.indicators if filters.indicators is not None else
                 {r[joined.INDICATOR] for r in plain} | {t.indicator_id for t in targets}
                 | {r[answers.T_INDICATOR] for r in stored})
    indicators = (judging.indicators if judging and wanted <= judging.indicators.keys()
                  else indicator_rows(session, wanted))
    return _Read(stored, plain, judging, targets, places, indicators)


# Beyond these many (region, year)s to judge from their facts (a database whose answers
# are still being chosen), judging the whole query from its facts costs less.
_MOST_JUDGED_LIVE = 1000


def _judged_live(session: Session, filters: Filters) -> set[tuple[int, int]] | None:
    """The (region, year)s within the filters whose targets are judged from their facts
    rather than read with their stored answers: those whose facts changed since their
    answers were chosen, and those an analyst's correction may change. None where the
    stored answers are not to be read at all."""
    if not answers.usable(session):
        return None
    regions = None if filters.regions is None else set(filters.regions)
    years = None if filters.years is None else set(filters.years)
    stale = {(r, y) for r, y in answers.stale_pairs(session)
             if (regions is None or r in regions) and (years is None or y in years)}
    live = stale | joined.corrected_years(filters.corrections, filters.regions, filters.years,
                                          filters.indicators)
    return None if len(live) > _MOST_JUDGED_LIVE else live


class _Part(NamedTuple):
    """Scorecard rows in their order, column by column."""
    columns: dict[str, Sequence]
    by: tuple[Sequence, ...]    # each row's region id, year, indicator id, measure and fact id


def _sort_key(places: Places, indicators: dict[int, IndicatorRow]) -> Callable[[int, int, int, str, int], tuple]:
    """The order of a scorecard's rows, given a target's region, year, indicator, measure and id:
    province (regions without one last), region, year, headline indicators first in the
    catalog's order (the order they were stored in), measure, then as stored."""
    order = places.order
    last = {i: not row.headline for i, row in indicators.items()}
    return lambda region, year, indicator, measure, id_: (order[region], year, last[indicator], indicator, measure,
                                                          id_ or 0)


def _judged_part(judging: Judging, places: Places, indicators: dict[int, IndicatorRow]) -> _Part:
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


def _stored_part(rows: list[tuple], places: Places, indicators: dict[int, IndicatorRow],
                 tolerances: Tolerances) -> _Part:
    """The rows of the targets read with their stored answers (answers.stored_rows); the
    verdicts worked out now, by today's tolerances and directions."""
    a = answers
    key = _sort_key(places, indicators)
    rows = sorted(rows, key=lambda r: key(r[a.T_REGION], r[a.T_YEAR], r[a.T_INDICATOR], r[a.T_MEASURE], r[a.T_ID]))
    statuses, gaps = verdicts_of(rows, a.VERDICT_FIELDS, {i: row.better for i, row in indicators.items()}, tolerances)
    c = list(zip(*rows))
    place = list(zip(*map(places.names.__getitem__, c[a.T_REGION])))
    indicator = list(zip(*map(indicators.__getitem__, c[a.T_INDICATOR])))
    # A stored answer is neither an analyst's nor corrected (None where there is none).
    answered = tuple(None if o is None else False for o in c[a.O_ID])
    derived = tuple(None if o is None else bool(d) for o, d in zip(c[a.O_ID], c[a.O_DERIVED]))
    values = (*place, *indicator, c[a.T_MEASURE], c[a.T_YEAR], c[a.T_VALUE], c[a.T_HIGH], c[a.T_UNIT],
              c[a.T_COMPARATOR], _flags(c[a.T_STRIVE]), c[a.T_SENTENCE], c[a.T_DOCUMENT], c[a.T_START],
              c[a.T_END], c[a.O_VALUE], _flags(c[a.O_ESTIMATED]), derived, c[a.O_SOURCE_TYPE],
              c[a.O_SOURCE_TITLE], list(map(a.outcome_sentence, rows)), c[a.O_DOCUMENT], statuses, gaps,
              c[a.T_ID], (False,) * len(rows), c[a.O_ID], answered)
    return _Part(dict(zip(SCORECARD_COLUMNS, values)),
                 (c[a.T_REGION], c[a.T_YEAR], c[a.T_INDICATOR], c[a.T_MEASURE], c[a.T_ID]))


# An outcome's columns where a target has none.
_NO_OUTCOME = (None,) * len(Outcome._fields)


def _plain_part(rows: list[tuple], places: Places, indicators: dict[int, IndicatorRow],
                tolerances: Tolerances) -> _Part:
    """The rows of the plain targets, from their rows of the join (joined.plain_rows)."""
    key = _sort_key(places, indicators)
    rows = sorted(rows, key=lambda r: key(*_PLAIN_KEY(r)))
    statuses, gaps = verdicts_of(rows, joined.VERDICT_FIELDS, {i: row.better for i, row in indicators.items()},
                                 tolerances)
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


def _flags(values: tuple) -> tuple:
    """True and False (None where there is none) for flags as drivers return them: SQLite's
    are 0 and 1, which as keys are False and True."""
    return tuple(map(_AS_FLAG.get, values))


_AS_FLAG = {False: False, True: True}


def _merged(parts: list[_Part], key: Callable[[int, int, int, str, int], tuple]) -> dict[str, Sequence]:
    """The columns of the parts' rows, together in the order of `key` (_sort_key)."""
    if len(parts) < 2:
        return parts[0].columns if parts else {}
    keys = [k for part in parts for k in map(key, *part.by)]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    shared = [name for name in SCORECARD_COLUMNS if all(name in part.columns for part in parts)]
    return {name: list(map([v for part in parts for v in part.columns[name]].__getitem__, order))
            for name in shared}


def _scorecard_frame(values: dict[str, Sequence], columns: list[str]) -> pd.DataFrame:
    """The frame of these of SCORECARD_COLUMNS."""
    if not values:
        return whole_numbers(pd.DataFrame([], columns=columns), [c for c in _WHOLE_NUMBER_COLUMNS if c in columns])
    # Ids and offsets straight into Int64, every other column typed as pandas types it from
    # rows (from dicts alike).
    return pd.DataFrame({name: _column(name, values[name]) for name in columns})


def _column(name: str, values: tuple):
    if name in _WHOLE_NUMBER_COLUMNS:
        return whole_number_array(values)
    if name in _TEXT_COLUMNS:
        return text_array(values)
    return values
