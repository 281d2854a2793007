"""The regions table: each region a report or a user names, stored with its ancestors
(县/区 ⊂ 市 ⊂ 省 ⊂ 全国) as etl.divisions resolves it.

Names the dataset does not know are stored as they are, without a parent, so that nothing
is lost.
"""
from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from db.models import Document, Region
from etl.divisions import Divisions, divisions, level_from_suffix, level_of_hint


@dataclass(frozen=True)
class RegionKey:
    """What a regions row holds besides its parent."""
    path: str
    name: str
    level: str
    code: str | None


def region_chain(name: str, level_hint: str | None = None, context: str = "",
                 known: Divisions | None = None) -> list[RegionKey]:
    """The rows `name` stands for, the province first: its division's chain, else the name alone."""
    division = (known or divisions()).resolve(name, level_hint, context)
    if division is None:
        name = name.strip()
        return [RegionKey(name, name, level_of_hint(level_hint) or level_from_suffix(name), None)]
    return [RegionKey(d.path, d.name, d.level, d.code) for d in division.chain()]


def ensure_region(session: Session, name: str, level_hint: str | None = None, context: str = "",
                  known: Divisions | None = None) -> Region:
    """The regions row for `name`, created with its ancestors when it is new."""
    parent = None
    for key in region_chain(name, level_hint, context, known):
        parent = _get_or_add(session, key, parent)
    return parent


def _get_or_add(session: Session, key: RegionKey, parent: Region | None) -> Region:
    row = session.scalar(select(Region).where(Region.path == key.path))
    if row is None:
        row = Region(path=key.path, name=key.name, level=key.level, division_code=key.code, parent=parent)
        session.add(row)
        session.flush()
    return row


def region_id(connection: Connection, name: str, level_hint: str | None, context: str,
              known: Divisions | None, ids: MutableMapping[str, int]) -> int:
    """The id of the regions row for `name`, created with its ancestors when it is new.

    `ids` (path → id) holds the rows already looked up: a run of documents from one region
    then reads its chain once. The caller decides how long an entry may live (see
    db.store.KnownIds): an id from a rolled-back insert names no row.
    """
    parent_id = None
    for key in region_chain(name, level_hint, context, known):
        found = ids.get(key.path)
        if found is None:
            found = ids[key.path] = _id_or_insert(connection, key, parent_id)
        parent_id = found
    return parent_id


# Built once: building a statement costs more than running it.
_ID_BY_PATH = select(Region.id).where(Region.path == bindparam("path"))
_INSERT = insert(Region.__table__)


def _id_or_insert(connection: Connection, key: RegionKey, parent_id: int | None) -> int:
    found = connection.scalar(_ID_BY_PATH, {"path": key.path})
    if found is not None:
        return found
    values = dict(path=key.path, name=key.name, level=key.level, division_code=key.code, parent_id=parent_id)
    return connection.execute(_INSERT, values).inserted_primary_key[0]


def find_regions(session: Session, name: str) -> list[Region]:
    """Stored regions a user's name means: the exact name, else what the dataset resolves it to."""
    rows = list(session.scalars(select(Region).where(Region.name == name)))
    if rows:
        return rows
    division = divisions().resolve(name)
    if division is None:
        return []
    return list(session.scalars(select(Region).where(Region.path == division.path)))


def other_regions_reports(connection: Connection, shas: Iterable[str], region: str,
                          known: Divisions | None = None) -> dict[str, str]:
    """Among the stored documents with these contents, those stored as another region's report
    than `region` (a name as --region takes it): sha256 → a note saying so, for the user.

    Ingest skips a content it has stored whatever region it is given now; the note says
    that the report stayed the first region's, and how to read it again as `region`.
    """
    shas = list(shas)
    if not shas or not region.strip():
        return {}
    path = region_chain(region, known=known)[-1].path
    rows = connection.execute(
        select(Document.sha256, Region.name, Region.path)
        .outerjoin(Region, Region.id == Document.region_id)
        .where(Document.sha256.in_(shas))).all()
    as_new = f"use --force to read it again as {region.strip()}"
    return {sha: (f"already stored as {name}'s report; {as_new}" if name is not None
                  else f"already stored without a region; {as_new}")
            for sha, name, stored_path in rows if stored_path != path}
