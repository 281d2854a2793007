"""File → normalised text → metadata and sections → facts.

The one entry point that `tracker extract`, `tracker ingest` and the dashboard's upload
all call, so that every path through the tool reads a report the same way.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from etl.collector import collector_paused
from etl.errors import InputError
from etl.extract import extract_facts
from etl.facts import ExtractedReport
from etl.normalize import normalise
from etl.metadata import read_meta
from etl.read import SUPPORTED_SUFFIXES, read_path, to_document
from etl.segment import split_sections


def iter_report_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders expanded (recursively, sorted) to the supported files in them.

    Nothing in a folder is passed over in silence but files of other types and links to
    folders (which are not followed): a folder that cannot be listed, a named pipe or
    device, and a link to nothing under a report's name are yielded too, so that reading
    them (etl.input_files.read_path) fails them with their reason, as for a path given.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(_folder_entries(p))
        else:
            yield p


def _folder_entries(folder: Path) -> Iterator[Path]:
    """The entries of `folder` and its subfolders that a folder run must read (see
    iter_report_paths), in no particular order."""
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError:
            yield current   # read_path names the reason: it cannot be listed
            continue
        for entry in entries:
            path = current / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                elif entry.is_symlink():
                    # A link to a file counts as the file; to a folder, it is not followed
                    # (no loops); to nothing, it is named if it has a report's name.
                    if not entry.is_dir() and path.suffix.lower() in SUPPORTED_SUFFIXES:
                        yield path
                elif not entry.is_file(follow_symlinks=False):
                    yield path   # a pipe, socket or device, whatever its name
                elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield path
            except OSError:
                yield path


def extract_text(text: str, name: str = "<text>", region: str | None = None,
                 year: int | None = None, sha256: str | None = None, title: str = "",
                 url: str = "") -> ExtractedReport:
    """Extract a report given as text (normalised here; offsets refer to the result).
    `title` and `url` travel with the text (a front matter's); the text's own words win."""
    with collector_paused():
        original, text = text, normalise(text)
        meta = read_meta(text, name, region=region, year=year, title=normalise(title) if title else "")
        meta.url = url
        sections = split_sections(text, meta)
        facts = extract_facts(text, sections, meta, source=name)
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return ExtractedReport(source=name, sha256=digest, text=text, meta=meta, facts=facts,
                           original="" if original == text else original)


def extract_bytes(data: bytes, name: str, region: str | None = None,
                  year: int | None = None) -> ExtractedReport:
    """Extract a report given as bytes; `name` carries the file name (its suffix picks the format)."""
    document = to_document(data, name)
    return extract_text(document.text, name, region=region, year=year,
                        sha256=hashlib.sha256(data).hexdigest(), title=document.title, url=document.url)


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
