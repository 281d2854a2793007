"""Where regions are: each region's parent and province, and the order regions are listed in.

A region's places are worked out from the regions table, walking up from a region to its
province (县 ⊂ 市 ⊂ 省).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from db.models import Region
from db.reading import core
from db.selects import IDS_PER_QUERY, rows_by_id

_regions = Region.__table__


class Places(NamedTuple):
    """What a scorecard row says of its region, and the order of the rows."""
    names: dict[int, tuple[str, str, str | None, str | None]]  # (name, level, parent's name, province's name)
    order: dict[int, int]       # by region id, as _region_order has it


def places_of(session: Session, ids: set[int]) -> Places:
    """The places of the regions of `ids` (and maybe of others)."""
    if len(ids) > IDS_PER_QUERY:
        # Many regions (a comparison across the country): one read of the small table is quicker.
        return _every_place(core(session).execute(_regions_as_text(session)).scalar() or "[]")
    query = select(*_REGION_ROW)
    rows, wanted = {}, ids
    while wanted:   # the regions, then their parents, then theirs: 县 ⊂ 市 ⊂ 省
        rows.update((row[0], row) for row in rows_by_id(session, query, _regions.c.id, wanted))
        wanted = {row[3] for row in rows.values() if row[3] is not None} - rows.keys()
    return _placed(rows, ids)


# What places are worked out from: a region's id, name, level and parent's id.
_REGION_ROW = (_regions.c.id, _regions.c.name, _regions.c.level, _regions.c.parent_id)


def _regions_as_text(session: Session) -> Select:
    """Every row of the regions table (as _REGION_ROW) in one JSON array, built by the database:
    it reads quicker than the rows, and compares as one string."""
    if session.get_bind().dialect.name == "postgresql":
        return select(cast(func.json_agg(aggregate_order_by(func.json_build_array(*_REGION_ROW), _regions.c.id)),
                           Text))
    return select(func.json_group_array(func.json_array(*_REGION_ROW)))


# The whole regions table as last read (_regions_as_text), and its places.
_last_places: tuple[str, Places] | None = None


def _every_place(table: str) -> Places:
    """The places of every region, given the whole regions table as _regions_as_text has it.

    Worked out again only when the table reads differently from the last time: naming and
    ordering thousands of regions is no small part of a comparison across them, and the
    table rarely changes. It can change at any time (an ingest in another process adds
    regions, a migration renames them), which is why it is read on every call and compared
    whole rather than trusted to be as it was; its JSON says every row's values unambiguously.
    """
    global _last_places
    last = _last_places     # read once: another thread may replace it meanwhile
    if last is not None and last[0] == table:
        return last[1]
    rows = json.loads(table)
    places = _placed({row[0]: row for row in rows}, [row[0] for row in rows])
    _last_places = (table, places)
    return places


def _placed(rows: dict[int, tuple], ids: Iterable[int]) -> Places:
    """The places of the regions of `ids`, given the rows (id, name, level, parent id) of
    those regions and of all their ancestors."""
    names = {}
    for id_ in ids:
        _, name, level, parent = up = rows[id_]
        while up[2] != "province" and up[3] is not None:
            up = rows[up[3]]
        names[id_] = (name, level, rows[parent][1] if parent else None,
                      up[1] if up[2] == "province" else None)
    return Places(names, _region_order(names))


def _region_order(names: dict[int, tuple]) -> dict[int, int]:
    """Each region's place in the order by province (regions without one last), then name.

    Regions of the same province and name share a place, so their rows interleave as they
    would sorted by those names; sorting by an int rather than by the names is quicker."""
    by_name = {region: (province is None, province or "", name)
               for region, (name, _, _, province) in names.items()}
    place = {key: n for n, key in enumerate(sorted(set(by_name.values())))}
    return {region: place[key] for region, key in by_name.items()}


def every_region(session: Session) -> dict[int, dict]:
    """Every stored region with its parent's and its province's names, division code and path."""
    query = select(_regions.c.id, _regions.c.name, _regions.c.level, _regions.c.parent_id,
                   _regions.c.division_code, _regions.c.path)
    rows = {r.id: r for r in session.execute(query)}
    out = {}
    for r in rows.values():
        up = r
        while up.level != "province" and up.parent_id is not None:
            up = rows[up.parent_id]
        out[r.id] = {"id": r.id, "name": r.name, "level": r.level,
                     "parent": rows[r.parent_id].name if r.parent_id else None,
                     "province": up.name if up.level == "province" else None,
                     "division_code": r.division_code, "path": r.path}
    return out
