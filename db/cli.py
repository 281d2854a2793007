"""Database commands of `tracker` (ingest, import-facts, correct, scorecard, facts, db).

Thin: each command opens the database, calls one library function and formats its result.
Every failure the user can act on ends in one line on stderr, "tracker: error: …".
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from etl.console import fail, note_line, warn, write_output
from etl.csv_cells import safe_frame
from etl.progress import progress

DB_HELP = "Database URL (default: TRACKER_DB_URL, else tracker.sqlite in the data folder)."

db_app = typer.Typer(help="The database itself: its schema and where it is.", no_args_is_help=True)
correct_app = typer.Typer(
    help="Analysts' corrections: fix, add or reject a fact. They are kept apart from extracted "
         "facts and survive re-ingest.", no_args_is_help=True)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


@contextmanager
def _database_errors(url: str | None = None) -> Iterator[None]:
    """Turn the database layer's errors into the one-line form of every tracker error."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.errors import DatabaseError, explain

    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except DatabaseError as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(explain(exc, _shown(url)))
    except OSError as exc:
        fail(f"{exc.filename or 'file'}: {exc.strerror or exc}")
    except Exception as exc:
        # A bug still ends in one line; the type and message are enough to report it.
        fail(f"unexpected {type(exc).__name__}: {exc}")


def _shown(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    from db.config import database_url

    try:
        return make_url(database_url(url)).render_as_string(hide_password=True)
    except Exception:
        return "the database"


def ingest(
    paths: list[Path] = typer.Argument(..., help="Report files (.txt .md .html .docx .pdf) or folders of them."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extraction processes; one process writes."),
    force: bool = typer.Option(False, "--force", help="Extract again files whose content is already stored (after the extraction improved)."),
    region: Optional[str] = typer.Option(None, "--region", help="Region name, for reports that do not state it; it wins over what a report states, with a note where they differ."),
    year: Optional[int] = typer.Option(None, "--year", help="Report (plan) year, for reports that do not state it; it wins over what a report states, with a note where they differ."),
) -> None:
    """Extract reports and store them with their facts; each document is stored whole.

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
            fail("no report files found in " + ", ".join(map(str, paths)))
        with progress(len(files), "ingest") as advance:
            on_result = (lambda result: advance(Path(result.path).name)) if advance else None
            summary = ingest_paths(engine, files, extract=default_extractor(region, year),
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
                warn(f"{exc.path}: {problem}")
            fail(str(exc))
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
            fail(f"the database schema is at revision {before}, which this tracker does not know")
        if state == "foreign":
            fail("the database has tables but none of this tracker's; give another --db")
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
    with _database_errors(db):
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

        _print_table(scorecard_table(frame), empty="no targets match")
    else:
        _write_frame(frame, format)


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

    with _database_errors(db):
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

        _print_table(facts_table(frame), empty="no facts match")
    else:
        _write_frame(frame, format)


def _say_if_nothing_is_stored(engine) -> None:
    """On a database without any report, say how to fill it rather than only "no match"."""
    from db.queries import document_summary

    if not document_summary(engine).documents:
        note_line("the database holds no reports yet: `tracker ingest FILES_OR_FOLDERS` stores some "
                  "(`tracker serve` loads the sample reports into an empty database)")


def _print_table(table, empty: str) -> None:
    from rich.console import Console

    if table.row_count == 0:
        typer.echo(empty, err=True)
        return
    Console(soft_wrap=False).print(table)


def _write_frame(frame, format: Format) -> None:
    """CSV (UTF-8 with BOM, for Excel) or one JSON object a line, to stdout."""
    import json

    if format is Format.csv:
        write_output(safe_frame(frame).to_csv(index=False), None, bom=True)
    else:
        lines = [json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False)
                 for record in frame.to_dict("records")]
        write_output("".join(line + "\n" for line in lines), None)


def _plain(value):
    """A cell as JSON has it: missing values null, numpy scalars as numbers, times as ISO text."""
    import pandas as pd

    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


@correct_app.command("fix")
def correct_fix(
    fact_id: int = typer.Argument(..., help="The fact's id (see `tracker facts`)."),
    value: Optional[float] = typer.Option(None, "--value", help="The right figure, in the fact's base unit."),
    unit: Optional[str] = typer.Option(None, "--unit", help="The right unit."),
    comparator: Optional[str] = typer.Option(None, "--comparator", help="approx, at_least, at_most or exact."),
    estimated: Optional[bool] = typer.Option(None, "--estimated/--final", help="Whether the figure is a 预计 estimate."),
    note: str = typer.Option("", "--note", help="Why; where the right figure comes from."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Correct a fact's figure or qualifier; what is not given stays as extracted.

    Example: tracker correct fix 42 --value 7.5 --comparator approx --note "报告第3页"
    """
    from db.corrections import fix_fact
    from db.models import Fact

    def work(session):
        stored = session.get(Fact, fact_id)
        before = {name: getattr(stored, name, None) for name in _FIXABLE}
        correction = fix_fact(session, fact_id, value=value, unit=unit, comparator=comparator,
                              estimated=estimated, note=note)
        changes = [f"{name} {_shown_value(before[name])} → {_shown_value(getattr(correction, name))}"
                   for name in _FIXABLE if getattr(correction, name) is not None]
        return correction.id, changes

    row, changes = _correct(db, work)
    typer.echo(f"correction {row}: fact {fact_id} fixed: " + ", ".join(changes) + " (as extracted → as corrected)")


# What `correct fix` may change, in the order its message names them.
_FIXABLE = ("value", "unit", "comparator", "estimated")


def _shown_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "—" if value is None or value == "" else str(value)


@correct_app.command("reject")
def correct_reject(
    fact_id: int = typer.Argument(..., help="The fact's id (see `tracker facts`)."),
    note: str = typer.Option("", "--note", help="Why the fact is wrong."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Take a wrongly extracted fact out of judging.

    Example: tracker correct reject 42 --note "a sub-sector figure, not the county's"
    """
    from db.corrections import reject_fact

    row = _correct(db, lambda s: reject_fact(s, fact_id, note=note).id)
    typer.echo(f"correction {row}: fact {fact_id} rejected")


@correct_app.command("add")
def correct_add(
    region: str = typer.Option(..., "--region", help="Region, e.g. 兰陵县."),
    kind: str = typer.Option(..., "--kind", help="target or outcome."),
    year: int = typer.Option(..., "--year", help="The year the figure is about."),
    indicator: str = typer.Option(..., "--indicator", help="Indicator code, e.g. gdp."),
    measure: str = typer.Option(..., "--measure", help="level, growth, change …"),
    value: float = typer.Option(..., "--value", help="The figure in its base unit (元, 人, %)."),
    unit: str = typer.Option(..., "--unit", help="元, 人, %, pp …"),
    comparator: str = typer.Option("exact", "--comparator", help="approx, at_least, at_most or exact."),
    estimated: bool = typer.Option(False, "--estimated", help="The figure is a 预计 estimate."),
    strive: bool = typer.Option(False, "--strive", help="The target is hedged with 力争/争取."),
    source_title: str = typer.Option("", "--source-title", help="Where the figure was published."),
    source_url: Optional[str] = typer.Option(None, "--source-url", help="Its address."),
    note: str = typer.Option("", "--note", help="Anything else worth keeping."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add a target or an outcome that extraction missed; it outranks every other source.

    Example: tracker correct add --region 兰陵县 --kind outcome --year 2023 --indicator gdp --measure growth --value 6.1 --unit % --source-title "兰陵县2023年统计公报"
    """
    from db.corrections import add_fact

    row = _correct(db, lambda s: add_fact(
        s, region=region, kind=kind, year=year, indicator=indicator, measure=measure, value=value,
        unit=unit, comparator=comparator, estimated=estimated, strive=strive,
        source_title=source_title, source_url=source_url, note=note).id)
    typer.echo(f"correction {row}: {kind} added")


@correct_app.command("remove")
def correct_remove(
    correction_id: int = typer.Argument(..., help="The correction's id (see `tracker correct list`)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Withdraw a correction; the facts are judged as extracted again.

    Example: tracker correct remove 3
    """
    from db.corrections import remove_correction

    _correct(db, lambda s: remove_correction(s, correction_id))
    typer.echo(f"correction {correction_id} removed")


@correct_app.command("list")
def correct_list(
    format: Format = typer.Option(Format.table, "--format", "-f", help="table, csv (UTF-8 with BOM) or jsonl."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List every correction, oldest first.

    Example: tracker correct list --format csv > corrections.csv
    """
    import pandas as pd

    from db.corrections import list_corrections
    from db.migrate import open_database
    from db.session import read_session

    with _database_errors(db):
        engine = open_database(db)
        with read_session(engine) as session:
            frame = pd.DataFrame(list_corrections(session))
    if format is Format.table:
        from db.tables import corrections_table

        _print_table(corrections_table(frame), empty="no corrections")
    else:
        _write_frame(frame, format)


def _correct(db: str | None, work):
    """Run one correction in its own transaction; returns what `work` returns."""
    from db.migrate import open_database
    from db.session import in_write_transaction

    with _database_errors(db):
        engine = open_database(db, write=True)
        return in_write_transaction(engine, work)


def register(app) -> None:
    """Add the database commands to the `tracker` app."""
    app.command("ingest")(ingest)
    app.command("import-facts")(import_facts)
    app.command("scorecard")(scorecard)
    app.command("facts")(facts)
    app.add_typer(correct_app, name="correct")
    app.add_typer(db_app, name="db")
