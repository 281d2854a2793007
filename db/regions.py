"""Regions and their hierarchy (县/区 ⊂ 市 ⊂ 省 ⊂ 全国), from an administrative-division dataset.

The dataset is db/data/divisions.json.gz, written once from the one jionlp ships by
db/data/make_divisions.py (see db/data/DIVISIONS.md); jionlp itself is not needed.

A report names its region as it likes ("兰陵县", "兰陵", an old name before a rename);
`Divisions.resolve` turns that into one division of the dataset with its ancestors, and
`ensure_region` stores the chain in the regions table. Names the dataset does not know are
stored as they are, without a parent, so that nothing is lost.
"""
from __future__ import annotations

import gzip
import json
import tomllib
from collections import Counter, defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from db.models import Region


@dataclass(frozen=True)
class Division:
    name: str
    level: str                     # national | province | prefecture | county
    code: str | None
    aliases: tuple[str, ...]
    parent: Division | None = None

    @property
    def path(self) -> str:
        # The nation is every path's root: it is left out of its descendants' paths.
        return "/".join(d.name for d in self.chain() if d.level != "national") or self.name

    def chain(self) -> list[Division]:
        """This division's ancestors and itself, the nation first."""
        out = [self]
        while out[-1].parent is not None:
            out.append(out[-1].parent)
        return out[::-1]


@cache
def _config() -> dict:
    return tomllib.loads(resources.files("db").joinpath("data/regions.toml").read_text(encoding="utf-8"))


def level_of_hint(hint: str | None) -> str | None:
    """"县", "district", "county" … → "county"; None for no hint or an unknown word."""
    if not hint:
        return None
    for level, words in _config()["levels"].items():
        if hint in words:
            return level
    return None


def level_from_suffix(name: str) -> str:
    """The level a name's ending suggests, for names outside the dataset."""
    best, best_len = "unknown", 0
    for level, suffixes in _config()["suffixes"].items():
        for suffix in suffixes:
            if name.endswith(suffix) and len(suffix) > best_len:
                best, best_len = level, len(suffix)
    return best


class Divisions:
    """Every province, prefecture and county, found by full name, short name or former name."""

    def __init__(self, divisions: list[Division], renamed: dict[str, list[Division]]):
        self.all = divisions
        self.by_name: dict[str, list[Division]] = defaultdict(list)
        self.by_alias: dict[str, list[Division]] = defaultdict(list)
        for d in divisions:
            self.by_name[d.name].append(d)
            for alias in d.aliases:
                if alias and alias != d.name:
                    self.by_alias[alias].append(d)
        self.renamed = renamed

    def candidates(self, name: str) -> list[Division]:
        """Divisions a name may mean: full names first, then short names, then former names."""
        for index in (self.by_name, self.by_alias, self.renamed):
            found = index.get(name)
            if found:
                return list(found)
        return []

    def resolve(self, name: str, level_hint: str | None = None, context: str = "") -> Division | None:
        """The one division `name` means, or None when the dataset does not know it or cannot tell.

        Among several (朝阳区 is in 北京 and in 长春), a level hint, then the ancestors that
        `context` (the report's text) mentions, pick one.
        """
        found = self.candidates(name.strip())
        level = level_of_hint(level_hint)
        if level and len(found) > 1:
            found = [d for d in found if d.level == level] or found
        if len(found) > 1 and context:
            found = _most_mentioned(found, context)
        return found[0] if len(found) == 1 else None


def _most_mentioned(found: list[Division], context: str) -> list[Division]:
    def mentions(d: Division) -> int:
        return sum(context.count(n) for a in d.chain()[:-1] for n in {a.name, *a.aliases} if n)
    scores = [mentions(d) for d in found]
    best = max(scores)
    return [d for d, s in zip(found, scores) if s == best] if best else found


def build_divisions(tree: dict, changes: list[dict]) -> Divisions:
    """Divisions from jionlp's three-level location tree and its list of renames.

    `tree` maps province → city → county names to nodes holding "_admin_code", "_alias"
    (a name or a list of names) and their children; each of `changes` holds "old_loc" (pairs
    of full and short names, province first) and "new_loc" (full names).
    """
    skip = set(_config()["skip"]["names"])
    national = _config()["national"]
    nation = Division(national["name"], "national", None, tuple(national["aliases"]))
    out: list[Division] = [nation]
    for prov_name, prov_node in tree.items():
        province = Division(prov_name, "province", prov_node.get("_admin_code"), _aliases(prov_node), nation)
        out.append(province)
        for city_name, city_node in _children(prov_node):
            # 直辖市 (and 香港, 澳门) repeat themselves as their own city; groupings are not regions.
            if city_name in (prov_name, *province.aliases) or city_name in skip:
                city = province
            else:
                city = Division(city_name, "prefecture", city_node.get("_admin_code"),
                                _aliases(city_node), province)
                out.append(city)
            for county_name, county_node in _children(city_node):
                if county_name in skip:
                    continue
                out.append(Division(county_name, "county", county_node.get("_admin_code"),
                                    _aliases(county_node), city))
    return Divisions(_unique_codes(out), _renames(out, changes))


def _unique_codes(divisions: list[Division]) -> list[Division]:
    """Keep a division code only where it names one division (香港's districts all share one)."""
    counts = Counter(d.code for d in divisions)
    if all(counts[d.code] == 1 for d in divisions):
        return divisions
    rebuilt: dict[int, Division] = {}
    out = []
    for d in divisions:  # parents come before their children
        parent = rebuilt[id(d.parent)] if d.parent is not None else None
        code = d.code if counts[d.code] == 1 else None
        new = Division(d.name, d.level, code, d.aliases, parent)
        rebuilt[id(d)] = new
        out.append(new)
    return out


def _children(node: dict):
    return ((k, v) for k, v in node.items() if not k.startswith("_") and isinstance(v, dict))


def _aliases(node: dict) -> tuple[str, ...]:
    alias = node.get("_alias") or ()
    return tuple(alias) if isinstance(alias, list) else (alias,)


def _renames(divisions: list[Division], changes: list[dict]) -> dict[str, list[Division]]:
    """Former names (full and short) → the division that carries the new name."""
    by_path = {tuple(d.name for d in div.chain() if d.level != "national"): div for div in divisions}
    renamed: dict[str, list[Division]] = defaultdict(list)
    for change in changes:
        new = by_path.get(tuple(n for n in change["new_loc"] if n))
        named = [pair for pair in change.get("old_loc", []) if any(pair)]
        if new is None or not named:
            continue
        old = named[-1]
        for former in old:
            if former and former != new.name and new not in renamed[former]:
                renamed[former].append(new)
    return renamed


DIVISIONS_FILE = "data/divisions.json.gz"
_FORMAT = 1


def load_division_data() -> dict:
    """The data file: {"format", "source" (its origin), "tree", "changes"}."""
    raw = resources.files("db").joinpath(DIVISIONS_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    if data.get("format") != _FORMAT:
        raise ValueError(f"db/{DIVISIONS_FILE}: format {data.get('format')!r}, expected {_FORMAT}")
    return data


@cache
def divisions() -> Divisions:
    """The dataset, loaded once per process."""
    data = load_division_data()
    return build_divisions(data["tree"], data["changes"])


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
