"""What the selects that read facts share: their filters, and their rows as the driver
returns them."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, Table, func
from sqlalchemy.orm import Session

# Ids per IN list: far below the bound-parameter limits of every backend (999 in old SQLite).
IDS_PER_QUERY = 500


def narrowed(query: Select, facts: Table, region_ids: list[int] | None, years: list[int] | None,
             indicator_ids: list[int] | None) -> Select:
    """The select with each filter given on these facts (the facts table, or an alias of it)."""
    if region_ids is not None:
        query = query.where(facts.c.region_id.in_(region_ids))
    if years is not None:
        query = query.where(facts.c.year.in_(years))
    if indicator_ids is not None:
        query = query.where(facts.c.indicator_id.in_(indicator_ids))
    return query


def own_or_documents(own, documents):
    """A fact's own source type or title (an imported table's row names the publication it
    was typed from), else its document's: `own or documents`, in SQL."""
    return func.coalesce(func.nullif(own, ""), documents)


def driver_rows(session: Session, query: Select) -> list[tuple]:
    """Plain tuples, without SQLAlchemy's Row objects and their type processing, which add a
    sixth to reading the thousands of rows of a comparison. The one processing skipped that
    shows: SQLite's booleans stay 0 and 1 (judge.FactView says so).
    """
    result = session.connection().execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def rows_by_id(session: Session, query: Select, column, ids: Iterable[int]) -> list[tuple]:
    """driver_rows of the select for these values of `column`, IDS_PER_QUERY at a time."""
    ids, rows = sorted(ids), []
    for start in range(0, len(ids), IDS_PER_QUERY):
        rows += driver_rows(session, query.where(column.in_(ids[start:start + IDS_PER_QUERY])))
    return rows
