"""What the selects that read facts share: their filters, and their rows as the driver
returns them."""
from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Integer, Select, Table, column, func, text, tuple_
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
    """driver_rows of the select for these values of `column`."""
    ids = sorted(ids)
    listed = _LISTED_IDS.get(session.get_bind().dialect.name)
    if listed is not None:
        return driver_rows(session, query.where(column.in_(text(listed).bindparams(ids=json.dumps(ids))
                                                           .columns(_id_column))))
    rows = []           # another database: IN lists, IDS_PER_QUERY at a time
    for start in range(0, len(ids), IDS_PER_QUERY):
        rows += driver_rows(session, query.where(column.in_(ids[start:start + IDS_PER_QUERY])))
    return rows


# Lists of ids, and of (region, year)s, as rows of a select of one JSON parameter: the
# statement is then the same for any list, and compiled once, where an IN list is bound value
# by value on each call (which took longer than the database takes to read the rows), and
# no list is too long for the database's limit on parameters.
_LISTED_IDS = {
    "sqlite": "SELECT value FROM json_each(:ids)",
    "postgresql": "SELECT value::int FROM jsonb_array_elements_text(CAST(:ids AS jsonb))",
}
_id_column = column("value", Integer)
_PAIR_ROWS = {
    "sqlite": "SELECT json_extract(value, '$[0]') AS region_id, json_extract(value, '$[1]') AS year "
              "FROM json_each(:pairs)",
    "postgresql": "SELECT (value->>0)::int AS region_id, (value->>1)::int AS year "
                  "FROM jsonb_array_elements(CAST(:pairs AS jsonb))",
}


def of_pairs(session: Session, facts: Table, pairs: list[tuple[int, int]]):
    """The condition that a fact (of the table, or an alias of it) is of one of these
    (region, year)s. The database seeks each in an index of the facts."""
    pair = tuple_(facts.c.region_id, facts.c.year)
    rows = _PAIR_ROWS.get(session.get_bind().dialect.name)
    if rows is None:    # another database: an IN list of pairs, which every SQL database reads
        return pair.in_(pairs)
    return pair.in_(text(rows).bindparams(pairs=json.dumps(pairs)).columns(column("region_id", Integer),
                                                                           column("year", Integer)))
