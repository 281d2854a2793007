"""`tracker correct`: an analyst's corrections from the command line (fix, reject, add,
remove, list); kept apart from extracted facts, they survive re-ingest."""
from __future__ import annotations

from typing import Optional

import typer

from db.cli_common import DB_HELP, Format, database_errors, print_table, write_frame

correct_app = typer.Typer(
    help="Analysts' corrections: fix, add or reject a fact. They are kept apart from extracted "
         "facts and survive re-ingest.", no_args_is_help=True)


@correct_app.command("fix")
def correct_fix(
    fact_id: int = typer.Argument(..., help="The fact's id (see `tracker facts`)."),
    value: Optional[float] = typer.Option(None, "--value", help="The right figure, in the fact's base unit (a finite number, at most 1e16 either way, as import-facts takes)."),
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
    value: float = typer.Option(..., "--value", help="The figure in its base unit (元, 人, %; a finite number, at most 1e16 either way)."),
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

    with database_errors(db):
        engine = open_database(db)
        with read_session(engine) as session:
            frame = pd.DataFrame(list_corrections(session))
    if format is Format.table:
        from db.tables import corrections_table

        print_table(corrections_table(frame), empty="no corrections")
    else:
        write_frame(frame, format)


def _correct(db: str | None, work):
    """Run one correction in its own transaction; returns what `work` returns."""
    from db.migrate import open_database
    from db.session import in_write_transaction

    with database_errors(db):
        engine = open_database(db, write=True)
        return in_write_transaction(engine, work)
