"""What judging a query's targets reads: the targets within its filters, the outcomes that
may answer them, their indicators' directions, corrections applied (db.corrections).

Judging itself is db.judge's; this module only reads the facts it is handed.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import NamedTuple

from sqlalchemy import Boolean, Select, literal, null, select
from sqlalchemy.orm import Session

from db.corrections import apply
from db.judge import (
    AVERAGE, STORED_FIELDS, FactView, Judgement, distinct, distinct_key, judge_each, needs_outcome, outcome_key,
)
from db.lookup import IndicatorRow, indicator_ids, indicator_rows, region_ids
from db.models import Correction, Document, Fact
from db.rules import Tolerances, default_tolerances, source_ranks
from db.selects import IDS_PER_QUERY, driver_rows, narrowed, of_pairs, own_or_documents, rows_by_id

# Judging reads plain columns of the tables, neither ORM entities nor mapped attributes:
# loading entities costs far more, and even a select of mapped attributes goes through the
# ORM's row loading. Judging never writes.
_facts, _documents = Fact.__table__, Document.__table__

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
        columns[at] = own_or_documents(own, document)
    return columns


def _without_evidence(columns: list) -> list:
    """The columns of a select of _JUDGED, with NULL for a fact's sentence and offsets."""
    return [null().label(c.name) if c.name in ("sentence", "start", "end") else c for c in columns]


# The selects of targets and of outcomes with their sources, before any filter, with their
# evidence and without; built once (a select is never changed, only copied by .where).
# Outcomes without evidence keep only their own sources (those of imported tables): judging
# ranks only the outcomes that share a key, and only those need their documents' sources
# (_with_ranking_sources), not every outcome of a comparison.
_TARGETS = {True: select(*_JUDGED).where(_facts.c.kind == "target"),
            False: select(*_without_evidence(_JUDGED)).where(_facts.c.kind == "target")}
_OUTCOMES = {True: (select(*_judged_with_sources()).join(_documents, _facts.c.document_id == _documents.c.id)
                    .where(_facts.c.kind == "outcome")),
             False: select(*_without_evidence(_JUDGED)).where(_facts.c.kind == "outcome")}

# About what a region reports in a year: more indicators than this are not worth a seek each.
_INDICATORS_TO_SEEK = 50
# Beyond these many, a listing of indicators costs more queries, and one of (region, year)s
# more seeks, than reading every outcome of the regions.
_INDICATORS_TO_LIST = 4 * IDS_PER_QUERY
_PAIRS_TO_LIST = 2 * IDS_PER_QUERY


class Filters(NamedTuple):
    """A query's filters as ids (None where none was given), and the corrections to apply."""
    regions: list[int] | None
    years: list[int] | None
    indicators: list[int] | None
    corrections: list[Correction]
    pairs: set[tuple[int, int]] | None = None   # only these (region, year)s within the rest (db.joined)


def load_filters(session: Session, regions: Iterable[str] | None, years: Iterable[int] | None,
                 indicators: Iterable[str] | None) -> Filters:
    return Filters(region_ids(session, regions) if regions is not None else None,
                   sorted(set(years)) if years is not None else None,
                   indicator_ids(session, indicators) if indicators is not None else None,
                   list(session.scalars(select(Correction))))


class Judging(NamedTuple):
    """What judging the targets within some filters needs, as read from the database."""
    targets: list[FactView]
    by_key: dict[tuple, list[FactView]]      # outcomes, as judge.index_outcomes has them
    years_reported: set[tuple]
    indicators: dict[int, IndicatorRow]     # the targets' indicators
    better: dict[int, str]                  # their directions
    tolerances: Tolerances
    ranks: dict[str, int]

    def verdicts(self) -> list[Judgement]:
        """The judgement of each target, in order."""
        return judge_each(self.targets, self.by_key, self.years_reported, self.better, self.tolerances,
                          self.ranks)


def load_judging(session: Session, filters: Filters, tolerances: Tolerances | None, evidence: bool) -> Judging:
    """The targets within the filters and what judging them reads, corrections applied;
    without `evidence`, stored facts come without their sentences and outcomes without their
    documents' sources where judging does not rank them (the verdicts are the same)."""
    iids, corrections = filters.indicators, filters.corrections
    ranks = source_ranks()
    targets = _targets(session, corrections, ranks, filters, evidence)
    by_key = _outcomes(session, corrections, [t for t in targets if needs_outcome(t)], filters, evidence)
    # The indicators asked for, when some were, are those of every target.
    found = indicator_rows(session, iids if iids is not None else {t.indicator_id for t in targets})
    return Judging(targets, by_key, reported_years(by_key),
                   found, {i: row.better for i, row in found.items()}, tolerances or default_tolerances(),
                   ranks)


def reported_years(by_key: dict[tuple, list[FactView]]) -> set[tuple[int, int, int]]:
    """The (region, indicator, year)s something was reported for. Not an average over years
    ("年均增长7.8%" in a review of five): it reports on none of them, and a target of the last
    of them with only that is pending, not "not comparable"."""
    return {(region, indicator, year) for region, indicator, measure, year in by_key if measure != AVERAGE}


def _targets(session: Session, corrections: list[Correction], ranks: dict[str, int], filters: Filters,
             evidence: bool) -> list[FactView]:
    """The distinct targets within the filters; documents are read only to rank repeated ones."""
    rids, years, iids, _, pairs = filters
    found = _corrected(_in_pairs(session, _narrowed(_TARGETS[evidence], rids, years, iids, pairs), pairs),
                       corrections)
    if corrections:     # the additions among them may lie outside the filters
        found = [t for t in found if _within(t, "target", rids, years, iids) and _paired(t, pairs)]
    # Two statements of one promise have at least their region, indicator, measure and year
    # in common: most often no two targets have, which is quicker to see.
    if len(set(map(outcome_key, found))) == len(found):
        return found
    seen = Counter(map(distinct_key, found))
    if len(seen) == len(found):
        return found                # no promise stated twice: nothing to rank
    return distinct(_with_document_sources(session, found, lambda t: seen[distinct_key(t)] > 1), ranks)


def _outcomes(session: Session, corrections: list[Correction], targets: list[FactView], filters: Filters,
              evidence: bool) -> dict[tuple, list[FactView]]:
    """The outcomes judging `targets` can look at (corrections applied), by judge.outcome_key.

    First those in the targets' own years and measures, which answer nearly every target.
    Only for the targets left without an answer: whatever else was reported in their year
    (they are then "not comparable" rather than pending), and the levels of the year before
    where a growth can be derived. Reading every outcome of the year before for all targets
    would read a second year of facts in a comparison across regions, where nearly every
    target is answered already.
    """
    if not targets:
        return {}
    rids, years, iids, _, pairs = filters
    measures = sorted({t.measure for t in targets})
    # Additions are kept as far as the year before, whose levels a growth is derived from.
    outcome_years = sorted({y for year in years for y in (year, year - 1)}) if years is not None else None
    query = _narrowed(_OUTCOMES[evidence], rids, years, iids, pairs).where(_facts.c.measure.in_(measures))
    if pairs is not None:       # the targets' own years: their outcomes' too
        found = _in_pairs(session, query, pairs)
    else:
        found = _of_indicators(session, query, _indicators_asked(targets, iids))
    found = _corrected(found, corrections)
    if corrections:     # the additions among them may lie outside the filters
        found = [o for o in found if _within(o, "outcome", rids, outcome_years, iids)
                 and (_paired(o, pairs) or _paired(o, pairs, later=1))]
    by_key, answered = _indexed(found)
    if not evidence:
        _with_ranking_sources(session, by_key)
    unanswered = [t for t in targets if outcome_key(t) not in answered]
    if unanswered:
        _answer_more(session, by_key, unanswered, found, corrections, rids, iids, measures)
    return by_key


def _narrowed(query: Select, rids: list[int] | None, years: list[int] | None, iids: list[int] | None,
              pairs: set[tuple[int, int]] | None) -> Select:
    """The select narrowed by the filters, but for the regions and years where (region, year)s
    are listed (they lie within them): _in_pairs joins those."""
    return narrowed(query, _facts, None, None, iids) if pairs is not None else narrowed(query, _facts, rids, years, iids)


def _in_pairs(session: Session, query: Select, pairs: set[tuple[int, int]] | None) -> list[FactView]:
    """The facts of a select of _JUDGED, of these (region, year)s only (all, for None)."""
    if pairs is None:
        return _stored(session, query)
    return _stored(session, query.where(of_pairs(session, _facts, sorted(pairs))))


def _paired(fact: FactView, pairs: set[tuple[int, int]] | None, later: int = 0) -> bool:
    """Whether the fact is of one of the (region, year)s, or `later` years before one."""
    return pairs is None or (fact.region_id, fact.year + later) in pairs


def _indicators_asked(targets: list[FactView], iids: list[int] | None) -> list[int] | None:
    """The indicators whose outcomes may answer the targets, where the filters name none and
    the targets' own are few enough to list (a few regions' targets, not a whole database's).
    A region reports on more indicators than it sets targets for, and turning a row into
    Python objects costs far more than the database's passing over it."""
    if iids is not None:
        return None             # the filter is in the query already
    own = {t.indicator_id for t in targets}
    return sorted(own) if len(own) <= _INDICATORS_TO_LIST else None


def _of_indicators(session: Session, query: Select, indicators: list[int] | None) -> list[FactView]:
    """The facts of a select of _JUDGED, of these indicators only (all, for None)."""
    if indicators is None:
        return _stored(session, query)
    return _views(rows_by_id(session, query, _facts.c.indicator_id, indicators))


def _answer_more(session: Session, by_key: dict[tuple, list[FactView]], unanswered: list[FactView],
                 found: list[FactView], corrections: list[Correction], rids: list[int] | None,
                 iids: list[int] | None, measures: list[str]) -> None:
    """Index, for the targets without an answer in their own terms, whatever else was
    reported in their year and the levels a growth can be derived from."""
    # Additions are in `found` already; fixes and rejections apply to what is read from here on.
    amend = [c for c in corrections if c.action != "add"]
    read = {o.id for o in found}
    # The targets' own measures in their years were read before.
    wanted = {(t.region_id, t.indicator_id, t.year) for t in unanswered}
    reported = _outcomes_of(session, wanted, rids, iids, other_than=measures)
    _index_more(by_key, _corrected(reported, amend), read)
    wanted = _derivable(unanswered, by_key)
    if wanted:
        levels = _outcomes_of(session, wanted, rids, iids, measure="level")
        _index_more(by_key, _corrected(levels, amend), read)


def _stored(session: Session, query: Select) -> list[FactView]:
    """The facts a select of _JUDGED (or of _judged_with_sources()) finds."""
    return _views(driver_rows(session, query))


def _views(rows: list[tuple]) -> list[FactView]:
    # tuple.__new__ rather than FactView._make, whose length check is Python code run once
    # per row; the select has FactView's fields, in order.
    return list(map(partial(tuple.__new__, FactView), rows))


def _with_document_sources(session: Session, facts: list[FactView],
                           wanted: Callable[[FactView], bool] = lambda f: True) -> list[FactView]:
    """The same facts in the same order; the `wanted` ones with their document's type and
    title where they have none of their own."""
    def lacking(f: FactView) -> bool:
        return f.document_id is not None and not (f.source_type and f.source_title) and wanted(f)

    lacks = list(map(lacking, facts))
    missing = {f.document_id for f, lack in zip(facts, lacks) if lack}
    if not missing:
        return facts
    query = select(_documents.c.id, _documents.c.doc_type, _documents.c.title)
    sources = {id_: (doc_type, title) for id_, doc_type, title
               in rows_by_id(session, query, _documents.c.id, missing)}
    return [_sourced(f, *sources[f.document_id]) if lack else f for f, lack in zip(facts, lacks)]


def _sourced(fact: FactView, doc_type: str, title: str) -> FactView:
    changes = {"source_type": fact.source_type or doc_type, "source_title": fact.source_title or title}
    return fact._replace(**changes)


def _corrected(facts: list[FactView], corrections: list[Correction]) -> list[FactView]:
    """The facts with the analysts' corrections applied (`corrections.apply`)."""
    return apply(facts, corrections) if corrections else facts


def _within(fact: FactView, kind: str, regions: list[int] | None, years: list[int] | None,
            indicators: list[int] | None) -> bool:
    return (fact.kind == kind and (regions is None or fact.region_id in regions)
            and (years is None or fact.year in years)
            and (indicators is None or fact.indicator_id in indicators))


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
    query = select(*_JUDGED).where(_facts.c.kind == "outcome")
    if measure is not None:
        query = query.where(_facts.c.measure == measure)
    if other_than is not None:
        query = query.where(_facts.c.measure.not_in(other_than))
    # Listed when few enough, else narrowed by the filters asked for (the rows are picked
    # out below either way). The indicators of a few regions are left out when there are
    # many (one county over the years): an index seek for each in each year costs more than
    # reading whatever those regions reported in those years.
    by_region = len(regions) <= IDS_PER_QUERY
    by_indicator = len(indicators) <= (_INDICATORS_TO_SEEK if by_region else IDS_PER_QUERY)
    # The (region, year)s themselves when few: listing the regions and the years apart reads
    # every year of every region (a comparison across regions wants a year or two of each).
    pairs = {(r, y) for r, _, y in wanted}
    pairs = pairs if len(pairs) <= _PAIRS_TO_LIST else None
    query = _narrowed(query, regions if by_region else rids, sorted({y for _, _, y in wanted}),
                      indicators if by_indicator else iids, pairs)
    found = _in_pairs(session, query, pairs)
    rows = [o for o in found if (o.region_id, o.indicator_id, o.year) in wanted]
    return _with_document_sources(session, rows)
