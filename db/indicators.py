"""The indicators table, kept in step with the extraction's indicator catalog (etl/catalog)."""
from __future__ import annotations

from dataclasses import dataclass

from dataclasses import asdict

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import Indicator

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


def indicator_ids(session: Session, names: dict[str, str], catalog: dict[str, IndicatorInfo]) -> dict[str, int]:
    """code → id for every code in `names` (code → the report's wording), adding the missing ones.

    In bulk: a report brings a couple of hundred codes, most of them its own "other:" ones.
    """
    ids = _ids_of(session, list(names))
    missing = [code for code in names if code not in ids]
    if missing:
        session.execute(insert(Indicator), [asdict(describe(code, catalog, names[code])) for code in missing])
        ids.update(_ids_of(session, missing))
    return ids


def _ids_of(session: Session, codes: list[str], chunk: int = 500) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(codes), chunk):
        query = select(Indicator.code, Indicator.id).where(Indicator.code.in_(codes[i:i + chunk]))
        out.update(session.execute(query).all())
    return out


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
