"""Database commands of `tracker` (ingest, import-facts, scorecard, facts, db; `correct` is
db.correct_cli's).

Thin: each command opens the database, calls one library function and formats its result.
Every failure the user can act on ends in one line on stderr, "tracker: error: …".
"""
from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from db.cli_common import DB_HELP, Format, database_errors, print_table, shown, write_frame
from db.correct_cli import correct_app
from etl.console import fail, note_line, warn

if TYPE_CHECKING:
    from etl.early_extraction import EarlyExtraction
from etl.progress import progress

db_app = typer.Typer(help="The database itself: its schema and where it is.", no_args_is_help=True)


def ingest(
    paths: list[Path] = typer.Argument(..., help="Report files (.txt .md .html .docx .pdf) or folders of them."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extraction processes; one process writes."),
    force: bool = typer.Option(False, "--force", help="Extract again files whose content is already stored (after the extraction improved)."),
    region: Optional[str] = typer.Option(None, "--region", help="Region name, for reports that do not state it; it wins over what a report states, with a note where they differ. A report already stored as another region's is left as it is, with a note; add --force to read it again as this region (it then becomes this region's report, not a second copy)."),
    year: Optional[int] = typer.Option(None, "--year", help="Report (plan) year, for reports that do not state it; it wins over what a report states, with a note where they differ. A report already stored as another year's is left as it is, with a note; add --force to read it again as this year's."),
) -> None:
    """Extract reports and store them with their facts; each document is stored whole.

    Example: tracker ingest seeds/ --jobs 4

    A file already stored is left as it is; a changed file replaces its own facts. A file
    that fails is reported with its reason and the others go on (exit status 1).
    """
    from etl.early_extraction import EarlyExtraction

    with EarlyExtraction(paths, region, year) if jobs == 1 else nullcontext() as early:
        _ingest(paths, db, jobs, force, region, year, early)


def _ingest(paths: list[Path], db: str | None, jobs: int, force: bool, region: str | None, year: int | None,
            early: EarlyExtraction | None) -> None:
    from db.ingest import default_extractor, ingest_paths, report_paths
    from db.migrate import open_database

    extract = default_extractor(region, year)
    with database_errors(db):
        engine = open_database(db, write=True)
        files = report_paths(paths)
        if not files:
            fail("no report files found in " + ", ".join(map(str, paths)))
        with progress(len(files), "ingest") as advance:
            on_result = (lambda result: advance(Path(result.path).name)) if advance else None
            summary = ingest_paths(engine, files, extract=early.extractor(extract) if early else extract,
                                   region=region, year=year,
                                   jobs=jobs, force=force, on_result=on_result,
                                   on_stage=(lambda stage: typer.echo(f"ingest: {stage}", err=True))
                                   if advance else None)
    for result in summary.results:
        for note in result.notes:
            note_line(f"{result.path}: {note}")
    for result in summary.failed:
        warn(f"{result.path}: {result.reason}")
    typer.echo(
        f"documents: {summary.count('new')} new, {summary.count('replaced')} replaced, "
        f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed; "
        f"facts stored: {summary.facts}")
    levels = summary.stored_by_level()
    if levels:
        bulletins = summary.stored_of_type("statistical_bulletin")
        typer.echo("stored by level: " + ", ".join(f"{level} {n}" for level, n in levels.items())
                   + (f" (of them statistical bulletins: {bulletins})" if bulletins else ""))
    if summary.failed:
        raise typer.Exit(1)


def import_facts(
    file: Path = typer.Argument(..., help="CSV in the columns of published_figures.csv (region, kind, year, indicator, measure, value, unit, comparator, estimated, source_type, source_title, source_url)."),
    new_region: Optional[list[str]] = typer.Option(None, "--new-region", help="A region the division list lacks (a development zone, a new district), to add as written, without a parent (repeatable)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Load published figures (statistical bulletins, later reports, yearbooks), each row with its source.

    Example: tracker import-facts ../shared/data/published_figures.csv

    The whole file is checked first: a bad row is reported by row and column, and then
    nothing from the file is loaded. Importing the same file again changes nothing, also
    when it was saved again with a byte-order mark or CRLF line endings.

    A region must be a known division (full, short or former name; Traditional characters
    are read as Simplified) or one already in the database; any other name is refused
    with the nearest known one, unless given with --new-region.
    """
    from db.errors import BadTable
    from db.import_facts import import_table
    from db.migrate import open_database

    with database_errors(db):
        engine = open_database(db, write=True)
        try:
            result = import_table(engine, file, new_regions=new_region or ())
        except BadTable as exc:
            for problem in exc.problems[1:]:
                warn(f"{exc.path}: {problem}")
            fail(str(exc))
    for note in result.notes:
        note_line(f"{result.path}: {note}")
    typer.echo(f"{result.path}: {result.status}; facts stored: {result.facts}")


@db_app.command("upgrade")
def db_upgrade(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Bring the database to the current schema, keeping every row, and choose each target's
    outcome again where it was chosen by an older version.

    Example: tracker db upgrade --db sqlite:///old.sqlite
    """
    from db.choose_answers import refresh
    from db.migrate import head_revision, schema_state, upgrade
    from db.config import database_url
    from db.session import check_writable, make_engine

    with database_errors(db):
        engine = make_engine(database_url(db))
        check_writable(engine)
        state, before = schema_state(engine)
        if state == "unknown":
            fail(f"the database schema is at revision {before}, which this tracker does not know")
        if state == "foreign":
            fail("the database has tables but none of this tracker's; give another --db")
        upgrade(engine)
        typer.echo(f"schema: {before or 'empty'} → {head_revision()}" if before != head_revision()
                   else f"schema: {before} (already current)")
        refresh(engine, on_stage=lambda stage: typer.echo(f"upgrade: {stage}…", err=True))


@db_app.command("current")
def db_current(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Show where the database is and the revision of its schema.

    Example: tracker db current
    """
    from db.config import database_url
    from db.migrate import head_revision, schema_state
    from db.session import make_engine

    with database_errors(db):
        engine = make_engine(database_url(db))
        state, revision = schema_state(engine)
    typer.echo(f"database: {shown(db)}")
    typer.echo(f"schema: {revision or 'empty'} ({state}; this tracker's is {head_revision()})")


def scorecard(
    region: Optional[list[str]] = typer.Option(None, "--region", "-r", help="Region (repeatable); short names such as 兰陵 work."),
    year: Optional[list[int]] = typer.Option(None, "--year", "-y", help="Target year (repeatable)."),
    indicator: Optional[list[str]] = typer.Option(None, "--indicator", "-i", help="Indicator code (repeatable), e.g. gdp."),
    headline: bool = typer.Option(False, "--headline", help="Only the headline indicators (GDP, budget revenue, investment …)."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table for reading; csv (UTF-8 with BOM) or jsonl with every column."),
    points: Optional[float] = typer.Option(None, "--tolerance-points", help="左右 tolerance for growth and rates, in percentage points (default 0.5)."),
    level_percent: Optional[float] = typer.Option(None, "--tolerance-level", help="左右 tolerance for levels, in percent of the target (default 2)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Which promises were kept: every target against its outcome, with status and gap.

    Example: tracker scorecard --region 兰陵县 --year 2023

    Status is exceeded, met, missed, pending (no outcome yet), not comparable, or
    qualitative (listed, not judged). The gap is outcome minus target.
    """
    from dataclasses import replace

    from db.migrate import open_database
    from db.queries import UnknownName, scorecard as build
    from db.rules import default_tolerances

    tolerances = default_tolerances()
    if points is not None:
        tolerances = replace(tolerances, points=points)
    if level_percent is not None:
        tolerances = replace(tolerances, level_percent=level_percent)
    with database_errors(db):
        engine = open_database(db)
        try:
            frame = build(engine, regions=region or None, years=year or None,
                          indicators=indicator or None, tolerances=tolerances)
        except UnknownName as exc:
            fail(str(exc))
    if headline:
        frame = frame[frame["headline"]].reset_index(drop=True)
    if frame.empty:
        _say_if_nothing_is_stored(engine)
    if format is Format.table:
        from db.tables import scorecard_table

        print_table(scorecard_table(frame), empty="no targets match")
    else:
        write_frame(frame, format)


def facts(
    region: Optional[list[str]] = typer.Option(None, "--region", "-r", help="Region (repeatable)."),
    year: Optional[list[int]] = typer.Option(None, "--year", "-y", help="Year the fact is about (repeatable)."),
    indicator: Optional[list[str]] = typer.Option(None, "--indicator", "-i", help="Indicator code (repeatable)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="target or outcome."),
    document: Optional[int] = typer.Option(None, "--document", help="Only the facts of this document id."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table, csv (UTF-8 with BOM) or jsonl."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List stored facts with their ids (the ids `tracker correct` takes).

    Example: tracker facts --region 兰陵县 --year 2023 --kind target
    """
    from db.migrate import open_database
    from db.queries import UnknownName, facts as build

    with database_errors(db):
        engine = open_database(db)
        try:
            frame = build(engine, regions=region or None, years=year or None,
                          indicators=indicator or None, kind=kind, document_id=document)
        except UnknownName as exc:
            fail(str(exc))
    if frame.empty:
        _say_if_nothing_is_stored(engine)
    if format is Format.table:
        from db.tables import facts_table

        print_table(facts_table(frame), empty="no facts match")
    else:
        write_frame(frame, format)


def _say_if_nothing_is_stored(engine) -> None:
    """On a database without any report, say how to fill it rather than only "no match"."""
    from db.queries import document_summary

    if not document_summary(engine).documents:
        note_line("the database holds no reports yet: `tracker ingest FILES_OR_FOLDERS` stores some "
                  "(`tracker serve` loads the sample reports into an empty database)")


def register(app) -> None:
    """Add the database commands to the `tracker` app."""
    app.command("ingest")(ingest)
    app.command("import-facts")(import_facts)
    app.command("scorecard")(scorecard)
    app.command("facts")(facts)
    app.add_typer(correct_app, name="correct")
    app.add_typer(db_app, name="db")
