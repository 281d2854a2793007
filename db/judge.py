"""Targets against outcomes: which outcome counts, and whether the promise was kept.

Pure functions over facts (`FactView`s and `StoredFact`s); db/queries.py loads the facts
and hands them over.

The outcome of a target is the outcome of the same region, indicator, measure and year from
the most authoritative source (`rank`). When a growth (or a change of a rate) is missing
but the levels of that year and the year before are there, it is derived from them and
marked derived. The status compares the outcome with the target in the direction in which
the indicator is good; the gap is outcome minus target, in the target's unit.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from db.rules import Tolerances

EXCEEDED, MET, MISSED = "exceeded", "met", "missed"
PENDING, NOT_COMPARABLE, QUALITATIVE = "pending", "not comparable", "qualitative"
# Every status a scorecard row can have; qualitative targets are listed, not judged.
STATUSES = (EXCEEDED, MET, MISSED, PENDING, NOT_COMPARABLE, QUALITATIVE)

RATE_UNITS = ("%", "pp")
RELATIVE_MEASURES = ("growth", "change", "avg_growth")
# Measures whose outcome can be derived from levels, and those that are percentages whatever
# unit the extraction wrote beside them.
_DERIVED = ("growth", "change")
_PERCENTAGES = ("growth", "avg_growth")
_EPSILON = 1e-9
_DIRECTIONS = {"higher": 1, "lower": -1}
# Measures whose negative figures are falls ("下降3%", "减少1000吨"), not levels below zero.
_SIGNED_MEASURES = (*RELATIVE_MEASURES, "increase")


@dataclass(frozen=True)
class FactView:
    """A fact as judging sees it: as extracted, as fixed by an analyst, or added by one."""
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
    source_type: str
    source_title: str
    sentence: str = ""
    start: int | None = None
    end: int | None = None
    report_year: int | None = None
    value_high: float | None = None
    basis: str = ""
    corrected: bool = False
    correction_id: int | None = None


class StoredFact(NamedTuple):
    """A fact as its row is stored, in FactView's fields and their order (a test keeps them so).

    A comparison across regions reads thousands of facts per query, and a tuple is built
    from a row several times faster than a frozen dataclass. A stored fact is never a
    corrected one: a fix makes it a FactView (corrections rebuild facts with
    dataclasses.replace). Judging reads either.

    Its flags (strive, estimated) are as the database driver returns them: bools, or 0 and 1
    from SQLite, whose driver has no booleans. Judging only tests them for truth and hashes
    them (1 == True); the scorecard frame shows them as bools.
    """
    id: int
    document_id: int
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
    sentence: str
    start: int | None
    end: int | None
    report_year: int | None
    value_high: float | None
    basis: str | None
    # Not fields: the same for every stored fact.
    corrected = False
    correction_id = None


AnyFact = FactView | StoredFact


# Outcomes and judgements are tuples too, built once per target: cheaper than frozen dataclasses.
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


class Judgement(NamedTuple):
    target: AnyFact
    outcome: Outcome | None
    status: str
    gap: float | None


def rank(fact: AnyFact, source_ranks: dict[str, int], basis: str = "") -> tuple:
    """Sort key of authority: a correction, then a figure on the basis asked for (a plain
    figure over one on a comparable basis, unless the target is on that basis), then a final
    figure over an estimate, then an exact figure over a bound ("突破8000亿元"), then the
    source type (bulletin over work report), then the later report, then the later stored."""
    return (fact.corrected, (fact.basis or "") == basis, not fact.estimated, fact.comparator == "exact",
            source_ranks.get(fact.source_type, 0), fact.report_year or 0, fact.document_id or 0, fact.id or 0)


def best(candidates: Iterable[AnyFact], source_ranks: dict[str, int], basis: str = "") -> AnyFact | None:
    usable = [f for f in candidates if f.value is not None]
    if len(usable) == 1:
        return usable[0]        # the usual case: nothing to rank
    return max(usable, key=lambda f: rank(f, source_ranks, basis)) if usable else None


def as_outcome(fact: AnyFact) -> Outcome:
    # Positional: a tuple's keyword arguments cost more, once per target.
    return Outcome(fact.value, fact.unit, fact.estimated, False, fact.source_type, fact.source_title,
                   fact.sentence, fact.document_id, fact.id, fact.corrected)


def derive(measure: str, this_year: AnyFact | None, year_before: AnyFact | None) -> Outcome | None:
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
                   corrected=this_year.corrected or year_before.corrected)


def tolerance(measure: str, unit: str, target: float, tolerances: Tolerances) -> float:
    """How far from a 左右 target still counts as met: points for rates, a share for levels."""
    if measure in RELATIVE_MEASURES or unit in RATE_UNITS:
        return tolerances.points
    return abs(target) * tolerances.level_percent / 100


def status_of(target: AnyFact, outcome: float, better: str, tolerances: Tolerances) -> str:
    """exceeded, met or missed, for a target with a number and an outcome in its unit."""
    return status_for(target.value, target.measure, target.unit, target.comparator, outcome, better, tolerances,
                      target.value_high)


def status_for(value: float, measure: str, unit: str, comparator: str, outcome: float, better: str,
               tolerances: Tolerances, high: float | None = None) -> str:
    """status_of a target given as its figure, measure, unit and comparator (judging rows
    that are not facts); `high` is the top of a range (comparator "range")."""
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


def judge_all(targets: Iterable[AnyFact], outcomes: Iterable[AnyFact], better: dict[int, str],
              tolerances: Tolerances, source_ranks: dict[str, int]) -> list[Judgement]:
    """One judgement per distinct target (a target stated twice is judged once, from its best source)."""
    by_key, years_reported = index_outcomes(outcomes)
    return [judge(target, by_key, years_reported, better.get(target.indicator_id, "higher"),
                  tolerances, source_ranks)
            for target in distinct(targets, source_ranks)]


# What an outcome answers, and what a target asks for: (region, indicator, measure, year).
# An attrgetter builds the tuple in C; it is taken for every fact of a query.
outcome_key = attrgetter("region_id", "indicator_id", "measure", "year")


def index_outcomes(outcomes: Iterable[AnyFact]) -> tuple[dict[tuple, list[AnyFact]], set[tuple]]:
    """Outcomes by `outcome_key`, and every (region, indicator, year) with any outcome at all."""
    by_key: dict[tuple, list[AnyFact]] = defaultdict(list)
    for o in outcomes:
        by_key[outcome_key(o)].append(o)
    return by_key, {(region, indicator, year) for region, indicator, _, year in by_key}


# Two targets with this in common are one promise stated twice.
distinct_key = attrgetter("region_id", "indicator_id", "measure", "year", "value", "unit", "comparator",
                          "strive")


def distinct(targets: Iterable[AnyFact], source_ranks: dict[str, int]) -> list[AnyFact]:
    """Each promise once, from its best source, in the order it was first seen."""
    chosen: dict[tuple, AnyFact] = {}
    for t in targets:
        key = distinct_key(t)
        if key not in chosen or rank(t, source_ranks) > rank(chosen[key], source_ranks):
            chosen[key] = t
    return list(chosen.values())


def needs_outcome(target: AnyFact) -> bool:
    """Whether judging looks for an outcome at all (qualitative and figureless targets are not compared)."""
    return target.measure != "qualitative" and target.value is not None


def judge(target: AnyFact, by_key: dict, years_reported: set, better: str,
          tolerances: Tolerances, source_ranks: dict[str, int]) -> Judgement:
    """The verdict on one target, given the outcomes indexed by `index_outcomes`."""
    if target.measure == "qualitative":
        return Judgement(target, None, QUALITATIVE, None)
    if target.value is None:
        return Judgement(target, None, NOT_COMPARABLE, None)
    region, indicator, measure, year = target.region_id, target.indicator_id, target.measure, target.year
    found = best(by_key.get((region, indicator, measure, year), ()), source_ranks, target.basis or "")
    outcome = as_outcome(found) if found else None
    if outcome is None and measure in _DERIVED:
        outcome = derive(measure, *_levels_to_derive_from(by_key.get((region, indicator, "level", year), ()),
                                                          by_key.get((region, indicator, "level", year - 1), ()),
                                                          source_ranks))
    if outcome is None:
        return _unanswered(target, years_reported)
    if not comparable(measure, target.unit, outcome.unit):
        return Judgement(target, outcome, NOT_COMPARABLE, None)
    # Rounded so that 10.2 - 10 reads 0.2, not 0.1999999999999993.
    return Judgement(target, outcome, status_of(target, outcome.value, better, tolerances),
                     round(outcome.value - target.value, 9))


def _levels_to_derive_from(this_year: Iterable[AnyFact], year_before: Iterable[AnyFact],
                           source_ranks: dict[str, int]) -> tuple[AnyFact | None, AnyFact | None]:
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


def _published_together(a: AnyFact, b: AnyFact) -> bool:
    return a.document_id == b.document_id and (a.basis or "") == (b.basis or "")


def _unanswered(target: AnyFact, years_reported: set) -> Judgement:
    """The verdict on a target with a figure that no outcome answers."""
    # Something was reported for that year, only not in the promised terms.
    reported = (target.region_id, target.indicator_id, target.year) in years_reported
    return Judgement(target, None, NOT_COMPARABLE if reported else PENDING, None)


def judge_each(targets: Iterable[AnyFact], by_key: dict, years_reported: set, better: dict[int, str],
               tolerances: Tolerances, source_ranks: dict[str, int]) -> list[Judgement]:
    """`judge` of each target, in order (`better` by indicator id).

    A comparison across regions judges thousands of targets, nearly all either with one
    outcome in their own terms and unit or with none at all (nor a level to derive a growth
    from). Those are judged here without `judge`'s chain of calls (half its time); every other
    target goes through `judge`, which stays the one definition.
    """
    out = []
    append, outcomes_of, direction = out.append, by_key.get, better.get
    for t in targets:
        measure, value = t.measure, t.value
        if value is None or measure == "qualitative":
            append(judge(t, by_key, years_reported, direction(t.indicator_id, "higher"), tolerances,
                         source_ranks))
            continue
        found = outcomes_of((t.region_id, t.indicator_id, measure, t.year))
        if not found:
            if measure not in _DERIVED or not outcomes_of((t.region_id, t.indicator_id, "level", t.year)):
                append(_unanswered(t, years_reported))
                continue
        elif len(found) == 1:
            o = found[0]
            if o.value is not None and comparable(measure, t.unit, o.unit):
                outcome = _new(Outcome, (o.value, o.unit, o.estimated, False, o.source_type, o.source_title,
                                         o.sentence, o.document_id, o.id, o.corrected))
                status = status_of(t, o.value, direction(t.indicator_id, "higher"), tolerances)
                append(_new(Judgement, (t, outcome, status, round(o.value - value, 9))))
                continue
        append(judge(t, by_key, years_reported, direction(t.indicator_id, "higher"), tolerances, source_ranks))
    return out


# A named tuple straight from its values: its generated __new__ is Python code and costs as
# much again, twice per judged target.
_new = tuple.__new__


def comparable(measure: str, target_unit: str, outcome_unit: str) -> bool:
    """Whether an outcome in its unit answers a target in its own: in the same unit, or both
    about a growth, which is a percentage whatever unit was written beside it."""
    return measure in _PERCENTAGES or target_unit == outcome_unit
