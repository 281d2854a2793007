"""`tracker import-facts`: published figures from a CSV table, each row keeping its source.

The table is checked whole before anything is written: a bad row is reported by row and
column and nothing from the file is loaded. The file is then stored like any document (its
text is the table, each fact's sentence is its row), so re-importing it changes nothing and
a changed table replaces its own facts. A table is known by its text, not its bytes: the
same figures saved again with a byte-order mark or with CRLF line endings are the same table.

A row's region must be a division the tracker knows (etl.divisions: full, short or former
name, Traditional characters read as Simplified) or one the database already holds; any
other name is refused with the nearest known one, unless it is named as a new region
(`new_regions`, the command's --new-region).
"""
from __future__ import annotations

import csv
import difflib
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, select

from db.choose_answers import refresh
from db.errors import BadTable
from db.indicators import OTHER_PREFIX, IndicatorInfo, load_catalog, sync_catalog
from etl.catalog import regions as region_config
from etl.divisions import Divisions, divisions as load_divisions
from db.rules import source_ranks
from db.models import Region
from db.session import in_write_transaction, read_session
from db.store import DocumentRow, FactRow, store_document, value_problem
from etl.facts import COMPARATORS, KINDS, MEASURES
from etl.normalize import normalise

REQUIRED = ("region", "kind", "year", "indicator", "measure", "value", "unit", "source_type")
OPTIONAL = ("comparator", "estimated", "strive", "source_title", "source_url", "sentence",
            "report_year", "name", "region_level")
TRUE, FALSE = ("true", "1", "yes", "y", "是"), ("false", "0", "no", "n", "否", "")
YEARS = range(1949, 2101)
# Rows about the same figure from the same source: a second such row repeats the first or
# contradicts it.
SAME_FIGURE = ("region", "kind", "year", "indicator", "measure", "strive", "source_type",
               "source_title", "source_url")
STATED = ("value", "unit", "comparator", "estimated")


@dataclass
class ImportResult:
    path: str
    status: str      # new | replaced | unchanged
    facts: int
    notes: tuple[str, ...] = ()   # how names were read (a Traditional region name), for the user


class RegionNames:
    """Which region names a table may use, and the name each is stored under.

    Known: a division of `known` (full, short or former name), a name `stored` gives
    (regions the database holds; asked only once a name is not a division) or one of `new`
    (regions the user adds). A name with Traditional characters is read in Simplified
    (etl.normalize.normalise, as reports are).
    """

    def __init__(self, known: Divisions, stored: Callable[[], Iterable[str]] = tuple,
                 new: Iterable[str] = ()):
        self.known = known
        self._stored_names = stored
        self._stored: set[str] | None = None
        self.new = {normalise(n).strip() for n in new if n.strip()}
        self.notes: dict[str, str] = {}   # name as written → a note on how it was read
        self._seen: dict[str, tuple[str, str | None]] = {}
        self._names: list[tuple[str, tuple[str, str]]] | None = None

    def read(self, name: str) -> tuple[str, str | None]:
        """(the name to store, why it is refused or None)."""
        found = self._seen.get(name)
        if found is None:
            found = self._seen[name] = self._read(name)
        return found

    def _read(self, name: str) -> tuple[str, str | None]:
        if self._is_known(name) or name in self.new:
            return name, None
        simplified = normalise(name).strip()
        if simplified != name and (self._is_known(simplified) or simplified in self.new):
            self.notes[name] = f"region {name} read as {simplified}"
            return simplified, None
        near = self.nearest(simplified)
        hint = f"did you mean {near!r}?" if near else "no known region is close"
        return name, (f"{name!r} is not a known region ({hint}); a region missing from the "
                      f"division list is added with --new-region {simplified}")

    def _is_known(self, name: str) -> bool:
        if self.known.candidates(name):
            return True
        if self._stored is None:
            self._stored = set(self._stored_names())
        return name in self._stored

    def nearest(self, name: str) -> str | None:
        """The closest full division name: the name without its ending (县, 区, 自治州 …)
        compared with theirs, and among as close ones, those with the same ending
        (兰陵线 → 兰陵县, 罗庄县 → 罗庄区, 兰陵区 → 兰陵县)."""
        stem, suffix = _split_suffix(name)
        matcher = difflib.SequenceMatcher(b=stem)
        if self._names is None:   # every full division name with its stem and ending
            self._names = [(n, _split_suffix(n)) for n in sorted({d.name for d in self.known.all})]
        best, best_key = None, (0.6, False)   # less alike than 0.6 is not close
        for other, (other_stem, other_suffix) in self._names:
            matcher.set_seq1(other_stem)
            if matcher.real_quick_ratio() < best_key[0] or matcher.quick_ratio() < best_key[0]:
                continue
            key = (matcher.ratio(), other_suffix == suffix)
            if key > best_key or (best is None and key == best_key):
                best, best_key = other, key
        return best


@cache
def _suffixes() -> tuple[str, ...]:
    """The endings of division names (自治县, 县, 区, 市 …), longest first."""
    config = region_config()
    words = {w for ws in (*config["levels"].values(), *config["level_suffixes"].values()) for w in ws}
    return tuple(sorted((w for w in words if not w.isascii() and w != "县级市"), key=len, reverse=True))


def _split_suffix(name: str) -> tuple[str, str]:
    for suffix in _suffixes():
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)], suffix
    return name, ""


def table_text(raw: bytes) -> str:
    """A table's bytes as text: UTF-8 with any byte-order mark dropped and every line
    ending \\n, so that the same table saved by another program reads (and is known) the same."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_table(path: str | Path, catalog: dict[str, IndicatorInfo] | None = None,
               regions: RegionNames | None = None) -> DocumentRow:
    """The table as a document with one fact per row; BadTable lists every bad cell.

    An indicator must be a code of `catalog` (default: the extraction's) or other:<name>; a
    region one `regions` knows (default: a division of the dataset); a row repeating an
    earlier one word for word is stored once, and one contradicting it (the same figure
    from the same source, another value) is a bad row. The document's sha256 is that of
    its text (table_text), not of its bytes.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadTable(str(path), [exc.strerror or str(exc)]) from None
    try:
        text = table_text(raw)
    except UnicodeDecodeError as exc:
        raise BadTable(str(path), [f"not UTF-8 text (byte {exc.start})"]) from None
    catalog = load_catalog() if catalog is None else catalog
    regions = RegionNames(load_divisions()) if regions is None else regions
    facts, problems = _parse(text, set(catalog), regions)
    if problems:
        raise BadTable(str(path), problems)
    if not facts:
        raise BadTable(str(path), ["the table has no rows"])
    return DocumentRow(source=path.resolve().as_posix(),
                       sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                       doc_type="imported_table", title=path.name, text=text, facts=facts,
                       notes=tuple(regions.notes.values()))


def _parse(text: str, codes: set[str], regions: RegionNames) -> tuple[list[FactRow], list[str]]:
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    consumed = 0

    def feed():
        nonlocal consumed
        for line in lines:
            consumed += 1
            yield line

    reader = csv.reader(feed())
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return [], ["the file is empty"]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [f"row 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"]
    facts, problems = [], []
    seen: dict[tuple, tuple[int, dict, FactRow]] = {}
    row_number = 1
    while True:
        first_line = consumed
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"row {row_number + 1}: {exc}")
            break
        row_number += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"row {row_number}: {len(cells)} cells for {len(header)} columns")
            continue
        record = dict(zip(header, (c.strip() for c in cells)))
        start = offsets[first_line]
        sentence = text[start:offsets[consumed]].rstrip("\r\n")
        fact, bad = _fact(record, sentence, start, codes, regions)
        problems += [f"row {row_number}, column {column}: {reason}" for column, reason in bad]
        if bad:
            continue
        key = tuple(getattr(fact, column) for column in SAME_FIGURE)
        if key not in seen:
            seen[key] = (row_number, record, fact)
            facts.append(fact)
            continue
        first_number, first_record, first = seen[key]
        differs = [c for c in STATED if getattr(fact, c) != getattr(first, c)]
        if differs:
            column = differs[0]
            problems.append(
                f"row {row_number}, column {column}: {record.get(column, '')!r} contradicts row "
                f"{first_number} ({first_record.get(column, '')!r}) for the same region, kind, year, "
                "indicator, measure and source")
    return facts, problems


def _fact(r: dict, sentence: str, start: int, codes: set[str],
          regions: RegionNames) -> tuple[FactRow | None, list[tuple[str, str]]]:
    bad: list[tuple[str, str]] = []

    def check(column: str, ok: bool, reason: str) -> None:
        if not ok:
            bad.append((column, reason))

    check("region", bool(r["region"]), "empty")
    region, refused = regions.read(r["region"]) if r["region"] else ("", None)
    check("region", not refused, refused or "")
    check("kind", r["kind"] in KINDS, f"{r['kind']!r} is not one of {', '.join(KINDS)}")
    year = _int(r["year"])
    check("year", year in YEARS, f"{r['year']!r} is not a year")
    check("indicator", bool(r["indicator"]), "empty")
    if r["indicator"] and not _known_indicator(r["indicator"], codes):
        bad.append(("indicator", _unknown_indicator(r["indicator"], codes)))
    check("measure", r["measure"] in MEASURES, f"{r['measure']!r} is not one of {', '.join(MEASURES)}")
    value = _number(r["value"])
    if r["measure"] == "qualitative":
        check("value", not r["value"] or value is not None, f"{r['value']!r} is not a number")
    else:
        check("value", value is not None, f"{r['value']!r} is not a number")
    if value is not None and value_problem(value):
        bad.append(("value", f"{r['value']!r} {value_problem(value)}"))
    comparator = r.get("comparator") or "exact"
    check("comparator", comparator in COMPARATORS,
          f"{comparator!r} is not one of {', '.join(COMPARATORS)}")
    flags = {}
    for column in ("estimated", "strive"):
        word = (r.get(column) or "").lower()
        check(column, word in TRUE or word in FALSE, f"{r.get(column)!r} is not true or false")
        flags[column] = word in TRUE
    ranks = source_ranks()
    check("source_type", r["source_type"] in ranks,
          f"{r['source_type']!r} is not one of {', '.join(ranks)}")
    check("source_title", bool(r.get("source_title") or r.get("source_url")),
          "empty, and so is source_url: every row must say where it comes from")
    report_year = _int(r.get("report_year") or "")
    check("report_year", not r.get("report_year") or report_year in YEARS,
          f"{r.get('report_year')!r} is not a year")
    if bad:
        return None, bad
    return FactRow(
        region=region, kind=r["kind"], year=year, indicator=r["indicator"],
        measure=r["measure"], value=value, unit=r["unit"], comparator=comparator,
        strive=flags["strive"], estimated=flags["estimated"],
        sentence=r.get("sentence") or sentence, start=None if r.get("sentence") else start,
        end=None if r.get("sentence") else start + len(sentence), name=r.get("name") or "",
        region_level=r.get("region_level") or "", report_year=report_year,
        source_type=r["source_type"], source_title=r.get("source_title") or None,
        source_url=r.get("source_url") or None,
    ), []


def _known_indicator(code: str, codes: set[str]) -> bool:
    # Without a catalog to check against, every code is taken as written.
    return not codes or code in codes or (code.startswith(OTHER_PREFIX) and len(code) > len(OTHER_PREFIX))


def _unknown_indicator(code: str, codes: set[str]) -> str:
    """Why a code is refused; a typo (gpd) is told its nearest catalog code."""
    near = difflib.get_close_matches(code, sorted(codes), n=1)
    hint = f"did you mean {near[0]!r}? " if near else ""
    return f"{code!r} is not in the indicator catalog ({hint}an indicator outside it is written {OTHER_PREFIX}<name>)"


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def import_table(engine: Engine, path: str | Path, *, force: bool = False,
                 catalog: dict[str, IndicatorInfo] | None = None,
                 known_divisions: Divisions | None = None,
                 new_regions: Iterable[str] = ()) -> ImportResult:
    """Check the whole table, then store it in one transaction.

    A region must be a known division or one the database holds, or be named in
    `new_regions` (then stored as written, without a parent).
    """
    catalog = load_catalog() if catalog is None else catalog
    known_divisions = known_divisions or load_divisions()

    def stored() -> list[str]:
        with read_session(engine) as session:
            return list(session.scalars(select(Region.name)))

    doc = read_table(path, catalog, RegionNames(known_divisions, stored, new_regions))

    def work(session):
        sync_catalog(session, catalog)
        return store_document(session, doc, catalog=catalog, divisions=known_divisions, force=force)

    status = in_write_transaction(engine, work)
    refresh(engine)
    return ImportResult(str(path), status, 0 if status == "unchanged" else len(doc.facts), doc.notes)
