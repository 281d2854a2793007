"""`tracker import-facts`: published figures from a CSV table, each row keeping its source.

The table is checked whole before anything is written: a bad row is reported by row and
column and nothing from the file is loaded. The file is then stored like any document (its
text is the table, each fact's sentence is its row), so re-importing it changes nothing and
a changed table replaces its own facts.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from db.errors import BadTable
from db.indicators import OTHER_PREFIX, IndicatorInfo, load_catalog, sync_catalog
from etl.divisions import Divisions, divisions as load_divisions
from db.rules import source_ranks
from db.session import in_write_transaction
from db.store import DocumentRow, FactRow, store_document
from etl.facts import COMPARATORS, KINDS, MEASURES

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


def read_table(path: str | Path, catalog: dict[str, IndicatorInfo] | None = None) -> DocumentRow:
    """The table as a document with one fact per row; BadTable lists every bad cell.

    An indicator must be a code of `catalog` (default: the extraction's) or other:<name>; a
    row repeating an earlier one word for word is stored once, and one contradicting it (the
    same figure from the same source, another value) is a bad row.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadTable(str(path), [exc.strerror or str(exc)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadTable(str(path), [f"not UTF-8 text (byte {exc.start})"]) from None
    catalog = load_catalog() if catalog is None else catalog
    facts, problems = _parse(text, set(catalog))
    if problems:
        raise BadTable(str(path), problems)
    if not facts:
        raise BadTable(str(path), ["the table has no rows"])
    return DocumentRow(source=path.resolve().as_posix(), sha256=hashlib.sha256(raw).hexdigest(),
                       doc_type="imported_table", title=path.name, text=text, facts=facts)


def _parse(text: str, codes: set[str]) -> tuple[list[FactRow], list[str]]:
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
        fact, bad = _fact(record, sentence, start, codes)
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


def _fact(r: dict, sentence: str, start: int,
          codes: set[str]) -> tuple[FactRow | None, list[tuple[str, str]]]:
    bad: list[tuple[str, str]] = []

    def check(column: str, ok: bool, reason: str) -> None:
        if not ok:
            bad.append((column, reason))

    check("region", bool(r["region"]), "empty")
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
        region=r["region"], kind=r["kind"], year=year, indicator=r["indicator"],
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
                 known_divisions: Divisions | None = None) -> ImportResult:
    """Check the whole table, then store it in one transaction."""
    catalog = load_catalog() if catalog is None else catalog
    doc = read_table(path, catalog)
    known_divisions = known_divisions or load_divisions()

    def work(session):
        sync_catalog(session, catalog)
        return store_document(session, doc, catalog=catalog, divisions=known_divisions, force=force)

    status = in_write_transaction(engine, work)
    return ImportResult(str(path), status, 0 if status == "unchanged" else len(doc.facts))
