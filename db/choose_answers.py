"""Choosing the answers of the stale (region, year)s again (see db.answers), after an ingest
or an import."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from db import loading
from db.answers import fingerprint, rules_table, stale_pairs, stale_table, usable, answers_table
from db.models import Fact
from db.rules import default_tolerances
from db.selects import of_pairs, rows_by_id
from db.session import execute_rows, in_write_transaction, read_session

_facts = Fact.__table__

# About this many targets' answers are chosen in one read and one write when all are chosen
# again: a bound on the memory choosing a whole corpus's holds (a province's 70 years hold
# a few thousand targets, a city's twenty years as many).
TARGETS_PER_REFRESH = 10_000
# (region, year)s whose answers are chosen in one read and one write after an ingest that
# added to a database whose answers were chosen before.
PAIRS_PER_REFRESH = 500

_CLEAR_ANSWERS = delete(answers_table).where(answers_table.c.region_id.in_(bindparam("regions", expanding=True)))
_CLEAR_MARKS = delete(stale_table).where(stale_table.c.region_id.in_(bindparam("regions", expanding=True)),
                                    stale_table.c.id <= bindparam("last"))
_INSERT = insert(answers_table).inline()
_TARGETS_KEPT = select(_facts.c.id).with_for_update(read=True, key_share=True)
_COLUMNS = ("target_id", "region_id", "indicator_id", "year", "outcome_id", "before_id", "value", "unit",
            "estimated", "derived", "reported")


def refresh(engine: Engine, on_stage: Callable[[str], None] | None = None) -> None:
    """Choose the answers of every stale (region, year) again.

    A few hundred (region, year)s are chosen in one read and one write. Answers chosen by
    other rules (or never) are all chosen again, a few regions at a time. Answers and marks
    are replaced in one transaction; marks written while the answers were being chosen
    (another ingest) are newer than `last` and stay: those years are judged from their
    facts until the next refresh.
    """
    with read_session(engine) as session:
        last = session.connection().execute(select(func.max(stale_table.c.id))).scalar()
        stale = sorted(stale_pairs(session))
        everything = not usable(session)     # chosen by other rules, or never: all of them
        if everything:
            chunks = [(regions, None) for regions in _regions_in_chunks(session, {r for r, _ in stale})]
        else:
            chunks = [(None, set(stale[i:i + PAIRS_PER_REFRESH])) for i in range(0, len(stale), PAIRS_PER_REFRESH)]
    if on_stage and len(chunks) > 1:       # worth saying: a second or more
        on_stage("choosing the outcome of each target" + (" again" if not everything else ""))
    for regions_, pairs in chunks:
        with read_session(engine) as session:
            rows = _chosen(session, loading.Filters(regions_, None, None, [], pairs))
        in_write_transaction(engine, lambda s: _replace(s, regions_, pairs, rows, last))
    if everything:
        in_write_transaction(engine, _set_rules)


def _regions_in_chunks(session: Session, stale_regions: set[int]) -> list[list[int]]:
    """Every region with targets or stale years, in lists of about TARGETS_PER_REFRESH targets."""
    counts = dict(session.connection().execute(
        select(_facts.c.region_id, func.count()).where(_facts.c.kind == "target").group_by(_facts.c.region_id)).all())
    chunks, size = [[]], 0
    for region in sorted(counts.keys() | stale_regions):
        if chunks[-1] and size + counts.get(region, 0) > TARGETS_PER_REFRESH:
            chunks.append([])
            size = 0
        chunks[-1].append(region)
        size += counts.get(region, 0)
    return [chunk for chunk in chunks if chunk]


def _chosen(session: Session, filters: loading.Filters) -> list[tuple]:
    """The answer rows of every target within the filters, chosen from the stored facts alone."""
    judging = loading.load_judging(session, filters, default_tolerances(), evidence=False)
    rows = []
    for target, outcome, _, _ in judging.verdicts():
        if outcome is None:
            reported = (target.region_id, target.indicator_id, target.year) in judging.years_reported
            rows.append((target.id, target.region_id, target.indicator_id, target.year, None, None, None, None,
                         None, None, reported))
        else:
            rows.append((target.id, target.region_id, target.indicator_id, target.year, outcome.fact_id,
                         outcome.before_id, outcome.value, outcome.unit, bool(outcome.estimated),
                         bool(outcome.derived), False))
    return rows


def _replace(session: Session, regions: list[int] | None, pairs: set[tuple[int, int]] | None, rows: list[tuple],
             last: int | None) -> None:
    """Replace the answers of these regions, or of these (region, year)s, with `rows`, but for
    targets deleted since they were read (another ingest replaced their report: their years
    are marked after `last`); and delete the marks up to `last` that they answer."""
    connection = session.connection()
    if pairs is None:
        connection.execute(_CLEAR_ANSWERS, {"regions": regions})
    else:
        connection.execute(delete(answers_table).where(of_pairs(session, answers_table, sorted(pairs))))
    # Held until the commit (PostgreSQL; SQLite's writer holds the whole file): a target
    # cannot be deleted between this read and the insert of its answer.
    still = {id_ for id_, in rows_by_id(session, _TARGETS_KEPT, _facts.c.id, [r[0] for r in rows])}
    execute_rows(connection, _INSERT, _COLUMNS, [r for r in rows if r[0] in still])
    if last is None:
        return
    if pairs is None:
        connection.execute(_CLEAR_MARKS, {"regions": regions, "last": last})
    else:
        connection.execute(delete(stale_table).where(of_pairs(session, stale_table, sorted(pairs)),
                                                     stale_table.c.id <= last))


def _set_rules(session: Session) -> None:
    connection = session.connection()
    connection.execute(delete(rules_table))
    connection.execute(insert(rules_table).values(fingerprint=fingerprint()))
