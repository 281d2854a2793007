"""The first start of `tracker serve`: an empty database is filled with the seeds (the `seeds`
package: real reports of 全国, 山东省, 临沂市 and two of its counties, national statistical
bulletins and a table of published figures; see seeds/SOURCES), so that the dashboard never
opens on nothing and needs nothing beside the installed package."""
from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def seeds_folder() -> Path:
    """Where the installed `seeds` package keeps its files (the repository's seeds/ in a clone)."""
    return Path(str(resources.files("seeds")))


def seed_sources(seeds: Path | None = None) -> tuple[list[Path], list[Path]]:
    """(report folders, tables) that exist: the seeds folder itself and its CSV files."""
    seeds = seeds or seeds_folder()
    if not seeds.is_dir():
        return [], []
    return [seeds], sorted(seeds.glob("*.csv"))


def seed_if_empty(url: str, seeds: Path | None = None, seed: bool = True) -> Iterator[str]:
    """Open (creating its schema if new) the database; when it holds no document and `seed`
    is set, ingest the seeds into it. Yields one line per step."""
    from db.import_facts import import_table
    from db.ingest import ingest_paths
    from db.migrate import open_database
    from db.queries import document_summary

    engine = open_database(url, write=True)
    try:
        if not seed or document_summary(engine).documents:
            return
        reports, tables = seed_sources(seeds)
        for folder in reports:
            yield f"first start: ingesting the seed reports in {folder} …"
            summary = ingest_paths(engine, [folder])
            yield (f"first start: ingested {summary.count('new')} seed reports "
                   f"({summary.facts} facts)")
            for failed in summary.failed:
                yield f"first start: {failed.path}: {failed.reason}"
        for table in tables:
            result = import_table(engine, table)
            yield f"first start: imported {result.facts} published figures from {table.name}"
    finally:
        engine.dispose()
