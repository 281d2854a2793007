"""The indicators table, kept in step with the extraction's indicator catalog (etl/catalog)."""
from __future__ import annotations

import importlib
from collections.abc import MutableMapping
from dataclasses import dataclass
from functools import cache, lru_cache

from sqlalchemy import Connection, Insert, Select, bindparam, func, select
from sqlalchemy.orm import Session

from db.models import Indicator
from db.session import execute_rows, fetch_rows

OTHER_PREFIX = "other:"


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    zh: str
    en: str = ""
    unit: str = ""
    better: str = "higher"
    headline: bool = False


def load_catalog() -> dict[str, IndicatorInfo]:
    """The extraction's catalog by code (empty when the etl package has none)."""
    try:
        from etl.catalog import indicators
    except ImportError:
        return {}
    return {code: IndicatorInfo(code, i.zh, i.en, i.unit, i.better, bool(i.headline))
            for code, i in indicators().items()}


def describe(code: str, catalog: dict[str, IndicatorInfo], name: str = "") -> IndicatorInfo:
    """What to store for `code`: the catalog's entry, else a plain "higher is better" entry.

    "other:新建幼儿园" is named 新建幼儿园; other unknown codes by the report's own wording.
    """
    if code in catalog:
        return catalog[code]
    return IndicatorInfo(code=code, zh=_unknown_name(code, name))


def _unknown_name(code: str, name: str) -> str:
    return code[len(OTHER_PREFIX):] if code.startswith(OTHER_PREFIX) else (name or code)


_UNKNOWN = IndicatorInfo(code="", zh="")    # what an unknown code is stored with, besides its name


def _row_of(code: str, catalog: dict[str, IndicatorInfo], name: str) -> tuple:
    """describe(code, catalog, name) as a row of _COLUMNS, built directly for an unknown code:
    a report brings some forty of them, and a frozen dataclass costs more than its row."""
    info = catalog.get(code)
    if info is not None:
        return info.code, info.zh, info.en, info.unit, info.better, bool(info.headline)
    return code, _unknown_name(code, name), _UNKNOWN.en, _UNKNOWN.unit, _UNKNOWN.better, _UNKNOWN.headline


def sync_catalog(session: Session, catalog: dict[str, IndicatorInfo]) -> None:
    """Insert the catalog's indicators that are missing; bring changed ones up to date."""
    # Only the catalog's own rows: a database holds thousands of "other:" indicators, and
    # loading them all would make every ingest's start grow with the database.
    stored = {row.code: row for row in session.scalars(select(Indicator).where(Indicator.code.in_(list(catalog))))}
    for info in catalog.values():
        _write(session, stored.get(info.code), info)
    session.flush()


def ensure_indicator(session: Session, code: str, catalog: dict[str, IndicatorInfo],
                     name: str = "") -> Indicator:
    row = session.scalar(select(Indicator).where(Indicator.code == code))
    if row is None or code in catalog:
        row = _write(session, row, describe(code, catalog, name))
        session.flush()
    return row


def indicator_ids(connection: Connection, names: dict[str, str], catalog: dict[str, IndicatorInfo],
                  known: MutableMapping[str, int] | None = None) -> dict[str, int]:
    """code → id for every code in `names` (code → the report's wording), adding the missing ones.

    In bulk: a report brings a couple of hundred codes, most of them its own "other:" ones.
    `known` (code → id) holds codes already looked up, by earlier documents of the same run;
    the ones found or added here are added to it. The caller decides how long an entry may
    live (see db.store.KnownIds): an id from a rolled-back insert names no row.
    """
    known = {} if known is None else known
    ids, missing = {}, []
    for code in names:
        found = known.get(code)
        if found is None:
            missing.append(code)
        else:
            ids[code] = found
    if missing:
        # Added where missing, then looked up: a report's codes are mostly new ones, and
        # looking each up before adding it cost as much again as adding it.
        found = _insert_missing(connection, [_row_of(code, catalog, names[code]) for code in missing])
        rest = [code for code in missing if code not in found]
        if rest:
            found.update(_ids_of(connection, rest))
        known.update(found)
        ids.update(found)
    return ids


# Codes are looked up in lists of a few fixed lengths, each statement built and compiled
# once (see db.session.fetch_rows); a shorter list repeats its last code, which IN ignores.
_LIST_LENGTHS = (8, 64, 500)
_COLUMNS = ("code", "zh", "en", "unit", "better", "headline")
_MAX_ID = select(func.max(Indicator.id))
_ADDED_AFTER = select(Indicator.code, Indicator.id).where(Indicator.id > bindparam("after"))


@lru_cache(maxsize=len(_LIST_LENGTHS))
def _ids_of_codes(length: int) -> tuple[Select, tuple[str, ...]]:
    names = tuple(f"code{i}" for i in range(length))
    return select(Indicator.code, Indicator.id).where(Indicator.code.in_([bindparam(n) for n in names])), names


def _ids_of(connection: Connection, codes: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    longest = _LIST_LENGTHS[-1]
    for i in range(0, len(codes), longest):
        chunk = codes[i:i + longest]
        length = next(n for n in _LIST_LENGTHS if n >= len(chunk))
        statement, names = _ids_of_codes(length)
        out.update(fetch_rows(connection, statement, names, chunk + chunk[-1:] * (length - len(chunk))))
    return out


def _insert_missing(connection: Connection, rows: list[tuple]) -> dict[str, int]:
    """Insert the indicators, given as rows of _COLUMNS, whose codes are not stored yet, in
    order; the ids of those inserted (and of any another process added meanwhile)."""
    # Their ids are above every id stored before: one range read finds them, where looking
    # each code up again took as long as inserting it. Rows another process added meanwhile
    # (PostgreSQL) are told apart by code.
    before = connection.execute(_MAX_ID).scalar() or 0
    execute_rows(connection, _insert_ignoring(connection.dialect.name), _COLUMNS, rows)
    wanted = {row[0] for row in rows}
    return {code: id_ for code, id_ in fetch_rows(connection, _ADDED_AFTER, ("after",), (before,)) if code in wanted}


@cache
def _insert_ignoring(dialect: str) -> Insert:
    """INSERT that skips a row whose code is stored already (built once per dialect, so
    that execute_rows compiles it once)."""
    # Each dialect's module is imported only where it is used.
    module = importlib.import_module(f"sqlalchemy.dialects.{dialect}")
    return module.insert(Indicator.__table__).on_conflict_do_nothing(index_elements=["code"]).inline()


def _write(session: Session, row: Indicator | None, info: IndicatorInfo) -> Indicator:
    values = dict(zh=info.zh, en=info.en, unit=info.unit, better=info.better, headline=info.headline)
    if row is None:
        row = Indicator(code=info.code, **values)
        session.add(row)
        return row
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
    return row
