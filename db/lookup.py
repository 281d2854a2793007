"""Regions and indicators as stored: their ids by name, and the named indicators by id."""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.indicators import OTHER_PREFIX
from db.judge import AS_STATED
from db.models import Indicator
from db.reading import core
from db.regions import find_regions
from db.selects import rows_by_id

_indicators = Indicator.__table__


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
    rows = dict(core(session).execute(select(_indicators.c.code, _indicators.c.id)
                               .where(_indicators.c.code.in_(codes))).all())
    missing = [c for c in codes if c not in rows]
    if missing:
        raise UnknownName(f"no indicator {missing[0]!r} in the database")
    return [rows[c] for c in codes]


class IndicatorRow(NamedTuple):
    # In the order of db.scorecard.SCORECARD_COLUMNS. A plain tuple rather than SQLAlchemy's
    # Row: its fields are read once per scorecard row, and a Row's attributes are slower to read.
    code: str
    zh: str
    en: str
    better: str
    headline: bool


def indicator_rows(session: Session, ids: Iterable[int]) -> dict[int, IndicatorRow]:
    """The named indicators only: a database holds tens of thousands of them."""
    query = select(_indicators.c.id, _indicators.c.code, _indicators.c.zh, _indicators.c.en,
                   _indicators.c.better, _indicators.c.headline)
    # The driver's rows: SQLite's headline flag is 0 or 1, shown as a bool. An indicator the
    # catalog does not know (other:) is judged in the direction its target states
    # (db.judge.AS_STATED), and says so.
    return {id_: IndicatorRow(code, zh, en, AS_STATED if code.startswith(OTHER_PREFIX) else better, bool(headline))
            for id_, code, zh, en, better, headline in rows_by_id(session, query, _indicators.c.id, ids)}

