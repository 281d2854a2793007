"""File → normalised text → metadata and sections → facts.

The one entry point that `tracker extract`, `tracker ingest` and the dashboard's upload
all call, so that every path through the tool reads a report the same way.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from etl.collector import collector_paused
from etl.errors import InputError
from etl.extract import extract_facts
from etl.facts import ExtractedReport
from etl.normalize import normalise
from etl.read import SUPPORTED_SUFFIXES, read_path, to_text
from etl.segment import read_meta, split_sections


def iter_report_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders expanded (recursively, sorted) to the supported files in them."""
    for p in map(Path, paths):
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            yield p


def extract_text(text: str, name: str = "<text>", region: str | None = None,
                 year: int | None = None, sha256: str | None = None) -> ExtractedReport:
    """Extract a report given as text (normalised here; offsets refer to the result)."""
    with collector_paused():
        text = normalise(text)
        meta = read_meta(text, name, region=region, year=year)
        sections = split_sections(text, meta)
        facts = extract_facts(text, sections, meta, source=name)
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return ExtractedReport(source=name, sha256=digest, text=text, meta=meta, facts=facts)


def extract_bytes(data: bytes, name: str, region: str | None = None,
                  year: int | None = None) -> ExtractedReport:
    """Extract a report given as bytes; `name` carries the file name (its suffix picks the format)."""
    return extract_text(to_text(data, name), name, region=region, year=year,
                        sha256=hashlib.sha256(data).hexdigest())


def extract_file(path: str | Path, region: str | None = None,
                 year: int | None = None) -> ExtractedReport:
    """Extract one report file. Raises InputError (one line: file and reason) for bad input."""
    data = read_path(path)
    try:
        report = extract_bytes(data, str(path), region=region, year=year)
    except InputError as e:
        if e.path != str(path):
            raise InputError(str(path), e.reason) from None
        raise
    return report
