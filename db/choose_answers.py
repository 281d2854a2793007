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
from db.selects import rows_by_id
from db.session import execute_rows, in_write_transaction, read_session

_facts = Fact.__table__

# Regions whose answers are chosen in one read and one write: a bound on the memory a
# refresh of a whole corpus holds.
REGIONS_PER_REFRESH = 25

_CLEAR_ANSWERS = delete(answers_table).where(answers_table.c.region_id.in_(bindparam("regions", expanding=True)))
_CLEAR_MARKS = delete(stale_table).where(stale_table.c.region_id.in_(bindparam("regions", expanding=True)),
                                    stale_table.c.id <= bindparam("last"))
_INSERT = insert(answers_table).inline()
_TARGETS_KEPT = select(_facts.c.id).with_for_update(read=True, key_share=True)
_COLUMNS = ("target_id", "region_id", "indicator_id", "year", "outcome_id", "before_id", "value", "unit",
            "estimated", "derived", "reported")


def refresh(engine: Engine, on_stage: Callable[[str], None] | None = None) -> int:
    """Choose the answers of every stale (region, year) again, with those of the rest of
    their regions, a few hundred regions at a time; returns the number of regions.

    A region's answers and its marks are replaced in one transaction. Marks written while
    its answers were being chosen (another ingest) are newer than `last` and stay: those
    years are judged from their facts until the next refresh.
    """
    with read_session(engine) as session:
        last = session.connection().execute(select(func.max(stale_table.c.id))).scalar()
        regions = {r for r, _ in stale_pairs(session)}
        everything = not usable(session)
        if everything:      # chosen by other rules, or never: those of every target
            regions |= set(session.connection().execute(
                select(_facts.c.region_id).where(_facts.c.kind == "target").distinct()).scalars())
    regions = sorted(regions)
    if on_stage and len(regions) > REGIONS_PER_REFRESH:    # worth saying: a second or more
        on_stage(f"choosing the outcome of each target of {len(regions)} regions")
    for start in range(0, len(regions), REGIONS_PER_REFRESH):
        chunk = regions[start:start + REGIONS_PER_REFRESH]
        with read_session(engine) as session:
            rows = _chosen(session, chunk)
        in_write_transaction(engine, lambda s: _replace(s, chunk, rows, last))
    if everything:
        in_write_transaction(engine, _set_rules)
    return len(regions)


def _chosen(session: Session, regions: list[int]) -> list[tuple]:
    """The answer rows of every target of these regions, chosen from the stored facts alone."""
    filters = loading.Filters(regions, None, None, [])
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


def _replace(session: Session, regions: list[int], rows: list[tuple], last: int | None) -> None:
    """Replace the answers of these regions with `rows`, but for targets deleted since they
    were read (another ingest replaced their report: their years are marked after `last`)."""
    connection = session.connection()
    connection.execute(_CLEAR_ANSWERS, {"regions": regions})
    # Held until the commit (PostgreSQL; SQLite's writer holds the whole file): a target
    # cannot be deleted between this read and the insert of its answer.
    still = {id_ for id_, in rows_by_id(session, _TARGETS_KEPT, _facts.c.id, [r[0] for r in rows])}
    execute_rows(connection, _INSERT, _COLUMNS, [r for r in rows if r[0] in still])
    if last is not None:
        connection.execute(_CLEAR_MARKS, {"regions": regions, "last": last})


def _set_rules(session: Session) -> None:
    connection = session.connection()
    connection.execute(delete(rules_table))
    connection.execute(insert(rules_table).values(fingerprint=fingerprint()))
