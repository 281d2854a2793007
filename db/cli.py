"""Database commands of `tracker` (ingest, import-facts, correct, scorecard, facts, db).

Thin: each command opens the database, calls one library function and formats its result.
Every failure the user can act on ends in one line on stderr, "tracker: error: …".
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

DB_HELP = "Database URL (default: TRACKER_DB_URL, else tracker.sqlite in the data folder)."
# Runs with at least this many files show progress even when stderr is not a terminal.
LONG_RUN = 50

db_app = typer.Typer(help="The database itself: its schema and where it is.", no_args_is_help=True)


def _fail(message: str, code: int = 1):
    from etl.cli import fail

    fail(message, code)


@contextmanager
def _database_errors(url: str | None = None) -> Iterator[None]:
    """Turn the database layer's errors into the one-line form of every tracker error."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.errors import DatabaseError, explain

    try:
        yield
    except DatabaseError as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(explain(exc, _shown(url)))


def _shown(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    from db.config import database_url

    try:
        return make_url(database_url(url)).render_as_string(hide_password=True)
    except Exception:
        return "the database"


def ingest(
    paths: list[Path] = typer.Argument(..., help="Report files (.txt .html .docx .pdf) or folders of them."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extraction processes; one process writes."),
    force: bool = typer.Option(False, "--force", help="Extract again files whose content is already stored (after the extraction improved)."),
    region: Optional[str] = typer.Option(None, "--region", help="Region name, for reports that do not state it."),
    year: Optional[int] = typer.Option(None, "--year", help="Report (plan) year, for reports that do not state it."),
) -> None:
    """Extract reports and store them with their facts, one transaction per document.

    Example: tracker ingest seeds/ --jobs 4

    A file already stored is left as it is; a changed file replaces its own facts. A file
    that fails is reported with its reason and the others go on (exit status 1).
    """
    from db.ingest import default_extractor, ingest_paths, report_paths
    from db.migrate import open_database

    with _database_errors(db):
        engine = open_database(db, write=True)
        files = report_paths(paths)
        if not files:
            _fail("no report files found in " + ", ".join(map(str, paths)))
        with _progress(len(files)) as advance:
            summary = ingest_paths(engine, files, extract=default_extractor(region, year),
                                   jobs=jobs, force=force, on_result=advance)
    for result in summary.failed:
        typer.echo(f"tracker: error: {result.path}: {result.reason}", err=True)
    typer.echo(
        f"documents: {summary.count('new')} new, {summary.count('replaced')} replaced, "
        f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed; "
        f"facts stored: {summary.facts}")
    if summary.failed:
        raise typer.Exit(1)


@contextmanager
def _progress(total: int):
    """A rich progress bar on stderr for a terminal; for long runs elsewhere, a line every tenth."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if console.is_terminal:
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.description}"), console=console, transient=True) as bar:
            task = bar.add_task("", total=total)
            yield lambda result: bar.update(task, advance=1, description=Path(result.path).name)
        return
    if total < LONG_RUN:
        yield None
        return
    done = 0
    step = max(1, total // 10)

    def advance(_result) -> None:
        nonlocal done
        done += 1
        if done % step == 0 or done == total:
            typer.echo(f"ingest: {done}/{total} files", err=True)

    yield advance


def import_facts(
    file: Path = typer.Argument(..., help="CSV in the columns of published_figures.csv (region, kind, year, indicator, measure, value, unit, comparator, estimated, source_type, source_title, source_url)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Load published figures (statistical bulletins, later reports, yearbooks), each row with its source.

    Example: tracker import-facts ../shared/data/published_figures.csv

    The whole file is checked first: a bad row is reported by row and column, and then
    nothing from the file is loaded. Importing the same file again changes nothing.
    """
    from db.errors import BadTable
    from db.import_facts import import_table
    from db.migrate import open_database

    with _database_errors(db):
        engine = open_database(db, write=True)
        try:
            result = import_table(engine, file)
        except BadTable as exc:
            for problem in exc.problems[1:]:
                typer.echo(f"tracker: error: {exc.path}: {problem}", err=True)
            _fail(str(exc))
    typer.echo(f"{result.path}: {result.status}; facts stored: {result.facts}")


@db_app.command("upgrade")
def db_upgrade(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Bring the database to the current schema, keeping every row.

    Example: tracker db upgrade --db sqlite:///old.sqlite
    """
    from db.migrate import head_revision, schema_state, upgrade
    from db.config import database_url
    from db.session import check_writable, make_engine

    with _database_errors(db):
        engine = make_engine(database_url(db))
        check_writable(engine)
        state, before = schema_state(engine)
        if state == "unknown":
            _fail(f"the database schema is at revision {before}, which this tracker does not know")
        if state == "foreign":
            _fail("the database has tables but none of this tracker's; give another --db")
        upgrade(engine)
    typer.echo(f"schema: {before or 'empty'} → {head_revision()}" if before != head_revision()
               else f"schema: {before} (already current)")


@db_app.command("current")
def db_current(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Show where the database is and the revision of its schema.

    Example: tracker db current
    """
    from db.config import database_url
    from db.migrate import head_revision, schema_state
    from db.session import make_engine

    with _database_errors(db):
        engine = make_engine(database_url(db))
        state, revision = schema_state(engine)
    typer.echo(f"database: {_shown(db)}")
    typer.echo(f"schema: {revision or 'empty'} ({state}; this tracker's is {head_revision()})")


def register(app) -> None:
    """Add the database commands to the `tracker` app."""
    app.command("ingest")(ingest)
    app.command("import-facts")(import_facts)
    app.add_typer(db_app, name="db")
