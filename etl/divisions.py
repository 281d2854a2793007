"""The administrative divisions of China (全国 ⊃ 省 ⊃ 市 ⊃ 县/区) and the one each name means.

The dataset is etl/catalog/divisions.json.gz, written once from the one jionlp ships by
etl/catalog/make_divisions.py (see etl/catalog/DIVISIONS.md); jionlp itself is not needed.

A report names its region as it likes ("兰陵县", "兰陵", an old name before a rename);
`Divisions.resolve` turns that into one division with its ancestors. Every tool speaks of
the same four levels: national, province, prefecture, county.
"""
from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from etl.catalog import regions as _config

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
    for level, suffixes in _config()["level_suffixes"].items():
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
        """Divisions a name may mean: full names first, then short names, then former names,
        then a short name with its level's suffix ("新疆自治区" is 新疆维吾尔自治区)."""
        for index in (self.by_name, self.by_alias, self.renamed):
            found = index.get(name)
            if found:
                return list(found)
        return self._short_with_suffix(name)

    def _short_with_suffix(self, name: str) -> list[Division]:
        level = level_from_suffix(name)
        for suffix in _config()["level_suffixes"].get(level, ()):
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                found = [d for d in self.by_alias.get(name[:-len(suffix)], ())
                         if d.level == level and d.name.endswith(suffix)]   # 罗庄县 is no 罗庄区
                if found:
                    return found
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


DIVISIONS_FILE = "divisions.json.gz"
_FORMAT = 1


def load_division_data() -> dict:
    """The data file: {"format", "source" (its origin), "tree", "changes"}."""
    raw = resources.files("etl.catalog").joinpath(DIVISIONS_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    if data.get("format") != _FORMAT:
        raise ValueError(f"etl/catalog/{DIVISIONS_FILE}: format {data.get('format')!r}, expected {_FORMAT}")
    return data


@cache
def divisions() -> Divisions:
    """The dataset, loaded once per process."""
    data = load_division_data()
    return build_divisions(data["tree"], data["changes"])


def level_of(name: str, level_hint: str | None = None, context: str = "") -> str:
    """The level of the region `name` means: its division's, else what the hint or the
    name's ending says, else "unknown"."""
    division = divisions().resolve(name, level_hint, context)
    if division is not None:
        return division.level
    return level_of_hint(level_hint) or level_from_suffix(name.strip())
