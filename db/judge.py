"""Targets against outcomes: which outcome counts, and whether the promise was kept.

Pure functions over facts (`FactView`s); db/loading.py loads the facts and db/scorecard.py
hands them over.
One rule judges a target against its outcome (`verdict`): the scorecard, the comparison
across regions (db/joined.py) and every export call it.

The outcome of a target is the outcome of the same region, indicator, measure and year from
the most authoritative source (`rank`). When a growth (or a change of a rate) is missing
but the levels of that year and the year before are there, it is derived from them and
marked derived. The status compares the outcome with the target in the direction in which
the indicator is good; the gap is outcome minus target, in the target's unit.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import NamedTuple

from db.rules import Tolerances

EXCEEDED, MET, MISSED = "exceeded", "met", "missed"
PENDING, NOT_COMPARABLE, QUALITATIVE = "pending", "not comparable", "qualitative"
# Every status a scorecard row can have; qualitative targets are listed, not judged.
STATUSES = (EXCEEDED, MET, MISSED, PENDING, NOT_COMPARABLE, QUALITATIVE)

RATE_UNITS = ("%", "pp")
# An average growth over several years ("年均增长"): no one year's.
AVERAGE = "avg_growth"
RELATIVE_MEASURES = ("growth", "change", AVERAGE)
# Measures whose outcome can be derived from levels, and those that are percentages whatever
# unit the extraction wrote beside them.
_DERIVED = ("growth", "change")
_PERCENTAGES = ("growth", "avg_growth")
_EPSILON = 1e-9
_DIRECTIONS = {"higher": 1, "lower": -1}
# The direction of an indicator the catalog does not know ("other:主要污染物排放总量"): the
# one its target states. A promised fall ("降低3%") is beaten by a larger fall.
AS_STATED = "as stated"
# Measures whose negative figures are falls ("下降3%", "减少1000吨"), not levels below zero.
_SIGNED_MEASURES = (*RELATIVE_MEASURES, "increase")


# A named tuple straight from its values: its generated __new__ is Python code, called
# twice per judged target.
_new = tuple.__new__


class FactView(NamedTuple):
    """A fact as judging sees it: as stored, as fixed by an analyst, or added by one.

    A tuple: a comparison across regions builds thousands from the rows of one query. Its
    flags (strive, estimated) are as the database driver returns them: bools, or 0 and 1
    from SQLite, whose driver has no booleans; judging only tests them for truth and hashes
    them (1 == True), and the scorecard frame shows them as bools."""
    id: int | None
    document_id: int | None
    region_id: int
    indicator_id: int
    kind: str
    year: int
    measure: str
    value: float | None
    unit: str
    comparator: str
    strive: bool
    estimated: bool
    source_type: str | None
    source_title: str | None
    sentence: str = ""
    start: int | None = None
    end: int | None = None
    report_year: int | None = None
    value_high: float | None = None
    basis: str | None = ""
    corrected: bool = False
    correction_id: int | None = None


# The fields a fact's row in the database holds; the rest are an analyst's.
STORED_FIELDS = FactView._fields[:FactView._fields.index("corrected")]


class Outcome(NamedTuple):
    value: float
    unit: str
    estimated: bool
    derived: bool
    source_type: str
    source_title: str
    sentence: str
    document_id: int | None
    fact_id: int | None
    corrected: bool = False
    before_id: int | None = None    # of a derived growth: the level of the year before


class Judgement(NamedTuple):
    target: FactView
    outcome: Outcome | None
    status: str
    gap: float | None


def rank(fact: FactView, source_ranks: dict[str, int], basis: str = "") -> tuple:
    """Sort key of authority: a correction, then a figure on the basis asked for (a plain
    figure over one on a comparable basis, unless the target is on that basis), then a final
    figure over an estimate, then an exact figure over a bound ("突破8000亿元"), then the
    source type (bulletin over work report), then the later report, then, within one
    document, the figure stated first (stored first: facts are stored in text order): a
    report gives the region's own figure before its parts ("…实际利用外资7186万美元,增长
    127%,其中外商直接投资3170万美元") and before a zone's (兰州新区)."""
    return (fact.corrected, (fact.basis or "") == basis, not fact.estimated, fact.comparator == "exact",
            source_ranks.get(fact.source_type, 0), fact.report_year or 0, fact.document_id or 0,
            -(fact.id or 0))


def best(candidates: Iterable[FactView], source_ranks: dict[str, int], basis: str = "") -> FactView | None:
    usable = [f for f in candidates if f.value is not None]
    if len(usable) == 1:
        return usable[0]        # the usual case: nothing to rank
    return max(usable, key=lambda f: rank(f, source_ranks, basis)) if usable else None


def as_outcome(fact: FactView) -> Outcome:
    return _new(Outcome, (fact.value, fact.unit, fact.estimated, False, fact.source_type, fact.source_title,
                          fact.sentence, fact.document_id, fact.id, fact.corrected, None))


def derive(measure: str, this_year: FactView | None, year_before: FactView | None) -> Outcome | None:
    """Growth (%) from two consecutive levels, or the change (pp) of a rate; None when it cannot be."""
    if this_year is None or year_before is None or this_year.unit != year_before.unit:
        return None
    is_rate = this_year.unit in RATE_UNITS
    if measure == "growth" and not is_rate and year_before.value:
        value, unit = (this_year.value / year_before.value - 1) * 100, "%"
    elif measure == "change" and is_rate:
        value, unit = this_year.value - year_before.value, "pp"
    else:
        return None
    return Outcome(value=value, unit=unit, estimated=this_year.estimated or year_before.estimated,
                   derived=True, source_type=this_year.source_type, source_title=this_year.source_title,
                   sentence=" / ".join(s for s in (this_year.sentence, year_before.sentence) if s),
                   document_id=this_year.document_id, fact_id=this_year.id,
                   corrected=this_year.corrected or year_before.corrected, before_id=year_before.id)


def tolerance(measure: str, unit: str, target: float, tolerances: Tolerances) -> float:
    """How far from a 左右 target still counts as met: points for rates, a share for levels."""
    if measure in RELATIVE_MEASURES or unit in RATE_UNITS:
        return tolerances.points
    return abs(target) * tolerances.level_percent / 100


def verdict(measure: str, value: float | None, unit: str, comparator: str, high: float | None,
            outcome: float | None, outcome_unit: str | None, better: str, tolerances: Tolerances,
            reported: bool = False) -> tuple[str, float | None]:
    """The status and gap of a target (its measure, figure, unit, comparator and the top of a
    range) against its outcome's figure and unit; None for no outcome, when `reported` says
    whether anything else was reported for it that year (not comparable) or nothing (pending).
    The gap is outcome minus target, in the target's unit."""
    if measure == "qualitative":
        return QUALITATIVE, None
    if value is None:
        return NOT_COMPARABLE, None
    if outcome is None:
        return (NOT_COMPARABLE if reported else PENDING), None
    if not comparable(measure, unit, outcome_unit):
        return NOT_COMPARABLE, None
    # Rounded so that 10.2 - 10 reads 0.2, not 0.1999999999999993.
    return (status_for(value, measure, unit, comparator, outcome, better, tolerances, high),
            round(outcome - value, 9))


def verdicts_of(rows: Iterable[tuple], fields: Callable[[tuple], tuple], better: dict[int, str],
                tolerances: Tolerances) -> tuple[list[str], list[float | None]]:
    """The status and gap of each row, in order, by `verdict`: rows of a query that carry a
    target with its outcome (db.joined, db.answers), whose `fields` gives (measure, value,
    unit, comparator, top of a range, outcome, outcome's unit, indicator id, whether
    anything else was reported)."""
    statuses, gaps = [], []
    direction = better.get
    for r in rows:
        measure, value, unit, comparator, high, outcome, outcome_unit, indicator, reported = fields(r)
        status, gap = verdict(measure, value, unit, comparator, high, outcome, outcome_unit,
                              direction(indicator, "higher"), tolerances, bool(reported))
        statuses.append(status)
        gaps.append(gap)
    return statuses, gaps


def status_of(target: FactView, outcome: float, better: str, tolerances: Tolerances) -> str:
    """exceeded, met or missed, for a target with a number and an outcome in its unit."""
    return status_for(target.value, target.measure, target.unit, target.comparator, outcome, better, tolerances,
                      target.value_high)


def status_for(value: float, measure: str, unit: str, comparator: str, outcome: float, better: str,
               tolerances: Tolerances, high: float | None = None) -> str:
    """status_of a target given as its figure, measure, unit and comparator (judging rows
    that are not facts); `high` is the top of a range (comparator "range")."""
    if better == AS_STATED:
        better = "lower" if value < 0 and measure in _SIGNED_MEASURES else "higher"
    if comparator == "range" and high is not None:
        # A band: met inside it, beyond it exceeded or missed by the indicator's direction.
        if value - _EPSILON <= outcome <= high + _EPSILON:
            return MET
        beyond = outcome - (high if outcome > high else value)
        return EXCEEDED if _DIRECTIONS.get(better, 0) * beyond > 0 else MISSED
    gap = outcome - value
    # "下降3%以上" is stored as -3 at_least, "减少1000吨以上" as -1000 at_least: 以上 bounds
    # the size of the fall, so the outcome must be -3 (-1000) or below.
    if value < 0 and measure in _SIGNED_MEASURES and comparator in ("at_least", "at_most"):
        comparator = "at_most" if comparator == "at_least" else "at_least"
    if comparator == "at_least":
        return MET if gap >= -_EPSILON else MISSED
    if comparator == "at_most":
        return MET if gap <= _EPSILON else MISSED
    allowed = tolerance(measure, unit, value, tolerances) if comparator == "approx" else 0.0
    if abs(gap) <= allowed + _EPSILON:
        return MET
    return EXCEEDED if _DIRECTIONS.get(better, 0) * gap > 0 else MISSED


# What an outcome answers, and what a target asks for: (region, indicator, measure, year).
# An attrgetter builds the tuple in C; it is taken for every fact of a query.
outcome_key = attrgetter("region_id", "indicator_id", "measure", "year")


def index_outcomes(outcomes: Iterable[FactView]) -> tuple[dict[tuple, list[FactView]], set[tuple]]:
    """Outcomes by `outcome_key`, and every (region, indicator, year) with any outcome at all."""
    by_key: dict[tuple, list[FactView]] = defaultdict(list)
    for o in outcomes:
        by_key[outcome_key(o)].append(o)
    return by_key, {(region, indicator, year) for region, indicator, _, year in by_key}


# Two targets with this in common are one promise stated twice.
distinct_key = attrgetter("region_id", "indicator_id", "measure", "year", "value", "unit", "comparator",
                          "strive")


def distinct(targets: Iterable[FactView], source_ranks: dict[str, int]) -> list[FactView]:
    """Each promise once, from its best source, in the order it was first seen."""
    chosen: dict[tuple, FactView] = {}
    for t in targets:
        key = distinct_key(t)
        if key not in chosen or rank(t, source_ranks) > rank(chosen[key], source_ranks):
            chosen[key] = t
    return list(chosen.values())


def needs_outcome(target: FactView) -> bool:
    """Whether judging looks for an outcome at all (qualitative and figureless targets are not compared)."""
    return target.measure != "qualitative" and target.value is not None


def judge(target: FactView, by_key: dict, years_reported: set, better: str,
          tolerances: Tolerances, source_ranks: dict[str, int]) -> Judgement:
    """The verdict on one target, given the outcomes indexed by `index_outcomes`."""
    outcome = outcome_of(target, by_key, source_ranks) if needs_outcome(target) else None
    if outcome is None:
        reported = (target.region_id, target.indicator_id, target.year) in years_reported
        status, gap = verdict(target.measure, target.value, target.unit, target.comparator, target.value_high,
                              None, None, better, tolerances, reported)
    else:
        status, gap = verdict(target.measure, target.value, target.unit, target.comparator, target.value_high,
                              outcome.value, outcome.unit, better, tolerances)
    return _new(Judgement, (target, outcome, status, gap))


def outcome_of(target: FactView, by_key: dict, source_ranks: dict[str, int]) -> Outcome | None:
    """The outcome that answers a target: the most authoritative in its terms, else a growth
    derived from levels (`derive`); None when there is none."""
    region, indicator, measure, year = target.region_id, target.indicator_id, target.measure, target.year
    found = by_key.get((region, indicator, measure, year))
    if found and len(found) == 1 and found[0].value is not None:
        return as_outcome(found[0])     # the usual case: one outcome, nothing to rank
    chosen = best(found or (), source_ranks, target.basis or "")
    if chosen is not None:
        return as_outcome(chosen)
    if measure in _DERIVED:
        return derive(measure, *_levels_to_derive_from(by_key.get((region, indicator, "level", year), ()),
                                                       by_key.get((region, indicator, "level", year - 1), ()),
                                                       source_ranks))
    return None


def _levels_to_derive_from(this_year: Iterable[FactView], year_before: Iterable[FactView],
                           source_ranks: dict[str, int]) -> tuple[FactView | None, FactView | None]:
    """The two levels a growth may be derived from: published together (by one document or
    one imported table) or set by an analyst, as exact figures on one basis. Levels from two
    publications may follow two definitions (a census revises GDP, a tax reform the
    revenue), and a bound ("超过1.2万亿元") or an approximate figure is no level to divide by."""
    exact = [f for f in year_before if f.value is not None and f.comparator == "exact"]
    pairs = [(a, b) for a in this_year if a.value is not None and a.comparator == "exact"
             for b in exact if _published_together(a, b) or a.corrected or b.corrected]
    if not pairs:
        return None, None
    return max(pairs, key=lambda pair: rank(pair[0], source_ranks))


def _published_together(a: FactView, b: FactView) -> bool:
    return a.document_id == b.document_id and (a.basis or "") == (b.basis or "")


def judge_each(targets: Iterable[FactView], by_key: dict, years_reported: set, better: dict[int, str],
               tolerances: Tolerances, source_ranks: dict[str, int]) -> list[Judgement]:
    """`judge` of each target, in order (`better` by indicator id)."""
    direction = better.get
    return [judge(t, by_key, years_reported, direction(t.indicator_id, "higher"), tolerances, source_ranks)
            for t in targets]


def comparable(measure: str, target_unit: str, outcome_unit: str) -> bool:
    """Whether an outcome in its unit answers a target in its own: in the same unit, or both
    about a growth, which is a percentage whatever unit was written beside it."""
    return measure in _PERCENTAGES or target_unit == outcome_unit
