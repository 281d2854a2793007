"""Plain targets, each judged from one row of a join of targets to their outcomes.

A comparison across regions (one indicator and year over thousands of regions) is nearly
all plain targets: a figure with one outcome in its own terms, or with nothing at all
reported for it that year, and no analyst's correction in its region. One join of targets
to outcomes returns such a target with its outcome, and its verdict follows from that row
alone, without reading targets and outcomes apart as facts, indexing the outcomes and
judging target by target, as db.loading and db.scorecard do for the rest.

Whatever is not plain is left to them, a region's year at a time (see `plain_rows`): a
target's verdict reads only facts of its region in its year and the year before.
Rows are the driver's tuples, read by the positions below.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import filterfalse
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import and_, case, select
from sqlalchemy.orm import Session

from db.judge import AVERAGE, best
from db.models import Correction, Document, Fact
from db.selects import driver_rows, narrowed, own_or_documents, rows_by_id

_facts, _documents = Fact.__table__, Document.__table__
_target, _outcome = _facts.alias("t"), _facts.alias("o")

# A target, and its outcome where one was reported in its terms (NULLs where none was);
# where none was, whether anything else was reported for it that year (its growth may be
# derived from levels, or it is not comparable) rather than nothing at all (it is pending).
_OTHERS = _facts.alias("x")
# An average over years reports on none of them (db.loading.reported_years).
_REPORTED = (select(_OTHERS.c.id).where(_OTHERS.c.indicator_id == _target.c.indicator_id,
                                        _OTHERS.c.year == _target.c.year, _OTHERS.c.kind == "outcome",
                                        _OTHERS.c.region_id == _target.c.region_id, _OTHERS.c.measure != AVERAGE)
             .exists())
_JOINED = (select(_target.c.id, _target.c.document_id, _target.c.region_id, _target.c.indicator_id,
                  _target.c.year, _target.c.measure, _target.c.value, _target.c.unit, _target.c.comparator,
                  _target.c.strive, _outcome.c.id, _outcome.c.document_id, _outcome.c.value, _outcome.c.unit,
                  _outcome.c.estimated, case((_outcome.c.id.is_(None), _REPORTED)), _target.c.value_high,
                  _target.c.basis, _outcome.c.basis, _outcome.c.comparator)
           .select_from(_target.outerjoin(_outcome, and_(
               _outcome.c.indicator_id == _target.c.indicator_id, _outcome.c.year == _target.c.year,
               _outcome.c.kind == "outcome", _outcome.c.region_id == _target.c.region_id,
               _outcome.c.measure == _target.c.measure)))
           .where(_target.c.kind == "target"))


class Row(NamedTuple):
    """The join's columns. Rows stay the driver's tuples, read by these positions; Row
    names the columns of rows transposed (Row._make(zip(*rows)))."""
    id: int
    document_id: int
    region_id: int
    indicator_id: int
    year: int
    measure: str
    value: float | None
    unit: str
    comparator: str
    strive: bool
    outcome_id: int | None
    outcome_document_id: int | None
    outcome_value: float | None
    outcome_unit: str | None
    outcome_estimated: bool | None
    reported: bool | None       # where there is no outcome: whether anything else was reported
    value_high: float | None
    basis: str
    outcome_basis: str | None
    outcome_comparator: str | None


(ID, DOCUMENT, REGION, INDICATOR, YEAR, MEASURE, VALUE, UNIT, COMPARATOR, STRIVE,
 OUTCOME_ID, OUTCOME_DOCUMENT, OUTCOME_VALUE, OUTCOME_UNIT, OUTCOME_ESTIMATED, REPORTED,
 VALUE_HIGH, BASIS, OUTCOME_BASIS, OUTCOME_COMPARATOR) = range(len(Row._fields))


def plain_rows(session: Session, region_ids: list[int] | None, years: list[int] | None,
               indicator_ids: list[int] | None, corrections: list[Correction],
               source_ranks: dict[str, int]) -> tuple[list[tuple], set[tuple[int, int]]]:
    """The joined rows of the plain targets within the filters, and the (region, year)s whose
    targets are not all plain (to be judged the usual way, each such year whole).

    A target with several outcomes in its terms keeps the row of the most authoritative one
    (judge.best). A region's year is not plain when one of its targets is stated twice, when
    an outcome has no figure, when a target without a figure or a qualitative one was
    answered anyway, when a target with none was reported on in other terms that year (its
    growth may be derived from levels, or it is not comparable), when a figure is on a
    comparable basis (judging prefers one on the target's basis), or when a correction (a
    fix, rejection or addition) is of that year or of the year before (a growth is derived
    from its level).
    """
    rows = driver_rows(session, narrowed(_JOINED, _target, region_ids, years, indicator_ids))
    rows = _one_outcome_each(session, rows, source_ranks)
    tangled = _tangled(rows) | corrected_years(corrections, region_ids, years, indicator_ids)
    return [r for r in rows if (r[REGION], r[YEAR]) not in tangled], tangled


def corrected_years(corrections: list[Correction], region_ids: list[int] | None, years: list[int] | None,
                     indicator_ids: list[int] | None) -> set[tuple[int, int]]:
    """The (region, year)s within the filters whose verdicts a correction may change: those of
    the corrected fact's year and of the year after."""
    return {(c.region_id, year) for c in corrections for year in (c.year, c.year + 1)
            if (region_ids is None or c.region_id in region_ids) and (years is None or year in years)
            and (indicator_ids is None or c.indicator_id in indicator_ids)}


def _one_outcome_each(session: Session, rows: list[tuple], source_ranks: dict[str, int]) -> list[tuple]:
    """The rows, with one row for a target that has several outcomes in its terms: that of
    the outcome judging would take. Where one of them has no figure, all of that target's
    are kept (_tangled)."""
    ids = list(map(_ID, rows))
    if len(set(ids)) == len(ids):
        return rows                 # the usual case: one outcome or none for every target
    count = Counter(ids)
    several = [r for r in rows if count[r[ID]] > 1]
    unfigured = {r[ID] for r in several if r[OUTCOME_VALUE] is None}
    ranked = [r for r in several if r[ID] not in unfigured]
    sources = _sources(session, {r[OUTCOME_ID] for r in ranked})
    candidates = defaultdict(list)
    for r in ranked:
        source_type, report_year = sources[r[OUTCOME_ID]]
        candidates[r[ID]].append(_new(_Candidate, (r[OUTCOME_VALUE], r[OUTCOME_ESTIMATED], r[OUTCOME_COMPARATOR],
                                                   source_type, report_year, r[OUTCOME_DOCUMENT], r[OUTCOME_ID])))
    # Targets in the same terms have the same candidates, and the same best of them.
    chosen = {best(found, source_ranks).id for found in candidates.values()}
    return [r for r in rows if count[r[ID]] == 1 or r[ID] in unfigured or r[OUTCOME_ID] in chosen]


class _Candidate(NamedTuple):
    """An outcome of a joined row, with what judge.rank reads of it (never corrected here:
    a region with a correction is not plain)."""
    value: float
    estimated: bool
    comparator: str
    source_type: str
    report_year: int | None
    document_id: int
    id: int
    corrected = False
    basis = ""          # a region with a figure on another basis is not plain


# A named tuple straight from its values, without its generated __new__ (Python code).
_new = tuple.__new__


# An outcome's source type (its own, an imported table's, else its document's) and report year.
_SOURCE = (select(_facts.c.id, own_or_documents(_facts.c.source_type, _documents.c.doc_type), _facts.c.report_year)
           .join(_documents, _facts.c.document_id == _documents.c.id))


def _sources(session: Session, ids: set[int]) -> dict[int, tuple[str, int | None]]:
    """The source type and report year of these outcomes, read apart: in the join, every
    outcome would read its document for the few that are ranked."""
    return {id_: tuple(rest) for id_, *rest in rows_by_id(session, _SOURCE, _facts.c.id, ids)}


def _tangled(rows: list[tuple]) -> set[tuple[int, int]]:
    """The (region, year)s of rows that one join row cannot judge."""
    out = set()
    ids = list(map(_ID, rows))
    targets = len(set(ids))
    if targets < len(ids):          # a target with several outcomes, one of them without a figure
        twice = {id_ for id_, n in Counter(ids).items() if n > 1}
        out |= {_PAIR(r) for r in rows if r[ID] in twice}
    # A promise stated twice (the same figure in the same terms, as db.judge.distinct_key
    # has it) shares at least its outcome's terms with another: most often no two targets do.
    if len(set(map(_TERMS, rows))) < targets:
        promises = Counter(map(_PROMISE, {r[ID]: r for r in rows}.values()))
        out |= {(key[0], key[3]) for key, n in promises.items() if n > 1}
    out |= {_PAIR(r) for r in rows if r[BASIS] or r[OUTCOME_BASIS]}
    return out | {_PAIR(r) for r in filterfalse(_answers_plainly, rows)}


def _answers_plainly(row: tuple) -> bool:
    """Whether the row's outcome is the whole answer: a figure for a target with one, or
    none for a target with none, or none and nothing else reported that year."""
    asks = row[VALUE] is not None and row[MEASURE] != "qualitative"
    if row[OUTCOME_ID] is None:
        return not (asks and row[REPORTED])
    return asks and row[OUTCOME_VALUE] is not None


_ID = itemgetter(ID)
_PAIR = itemgetter(REGION, YEAR)
_TERMS = itemgetter(REGION, INDICATOR, MEASURE, YEAR)
_PROMISE = itemgetter(REGION, INDICATOR, MEASURE, YEAR, VALUE, UNIT, COMPARATOR, STRIVE)


# What db.judge.verdicts_of reads of a row: without an outcome, nothing was reported for the
# target that year (plain_rows saw to it).
VERDICT_FIELDS = itemgetter(MEASURE, VALUE, UNIT, COMPARATOR, VALUE_HIGH, OUTCOME_VALUE, OUTCOME_UNIT, INDICATOR,
                            REPORTED)
