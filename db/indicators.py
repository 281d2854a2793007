"""The indicators table, kept in step with the extraction's indicator catalog (etl/catalog)."""
from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from db.models import Indicator
from db.session import execute_rows

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
    zh = code[len(OTHER_PREFIX):] if code.startswith(OTHER_PREFIX) else (name or code)
    return IndicatorInfo(code=code, zh=zh)


def sync_catalog(session: Session, catalog: dict[str, IndicatorInfo]) -> None:
    """Insert the catalog's indicators that are missing; bring changed ones up to date."""
    stored = {row.code: row for row in session.scalars(select(Indicator))}
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
        found = _ids_of(connection, missing)
        new = [code for code in missing if code not in found]
        if new:
            found.update(_insert(connection, [describe(code, catalog, names[code]) for code in new]))
        known.update(found)
        ids.update(found)
    return ids


# Built once: building a statement costs more than running it.
_IDS_OF = select(Indicator.code, Indicator.id).where(Indicator.code.in_(bindparam("codes", expanding=True)))
_COLUMNS = ("code", "zh", "en", "unit", "better", "headline")
_INSERT = insert(Indicator.__table__).inline()


def _ids_of(connection: Connection, codes: list[str], chunk: int = 500) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(codes), chunk):
        out.update(connection.execute(_IDS_OF, {"codes": codes[i:i + chunk]}).all())
    return out


def _insert(connection: Connection, infos: list[IndicatorInfo]) -> dict[str, int]:
    """Insert new indicators in order; their ids."""
    execute_rows(connection, _INSERT, _COLUMNS,
                 [(i.code, i.zh, i.en, i.unit, i.better, bool(i.headline)) for i in infos])
    return _ids_of(connection, [i.code for i in infos])


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
