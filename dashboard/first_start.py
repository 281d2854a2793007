"""The first start of `tracker serve`: an empty database is filled with the seed reports and
the published figures, so that the dashboard never opens on nothing."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# The published figures live in the shared folder beside the repository (see its README).
PUBLISHED = REPO.parent / "shared" / "data" / "published_figures.csv"


def seed_sources(seeds: Path = SEEDS, published: Path = PUBLISHED) -> tuple[list[Path], list[Path]]:
    """(report folders, tables) that exist: seeds/ itself, its CSV files and the published figures."""
    reports = [seeds] if seeds.is_dir() else []
    tables = sorted(seeds.glob("*.csv")) if seeds.is_dir() else []
    if published.is_file():
        tables.append(published)
    return reports, tables


def seed_if_empty(url: str, seeds: Path = SEEDS, published: Path = PUBLISHED,
                  seed: bool = True) -> Iterator[str]:
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
        reports, tables = seed_sources(seeds, published)
        for folder in reports:
            summary = ingest_paths(engine, [folder])
            yield (f"first start: ingested {summary.count('new')} seed reports from {folder} "
                   f"({summary.facts} facts)")
            for failed in summary.failed:
                yield f"first start: {failed.path}: {failed.reason}"
        for table in tables:
            result = import_table(engine, table)
            yield f"first start: imported {result.facts} published figures from {table}"
    finally:
        engine.dispose()
