"""What the database commands share: the --db help, output formats, one-line errors, and
tables, CSV and JSON lines on stdout."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum

import typer

from etl.console import fail, write_output
from etl.csv_cells import safe_frame

DB_HELP = ("Database URL, or the path of a SQLite file (default: TRACKER_DB_URL, else tracker.sqlite "
           "in the data folder).")


class Format(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


@contextmanager
def database_errors(url: str | None = None) -> Iterator[None]:
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
        fail(explain(exc, shown(url)))
    except OSError as exc:
        fail(f"{exc.filename or 'file'}: {exc.strerror or exc}")
    except Exception as exc:
        # A bug still ends in one line; the type and message are enough to report it.
        fail(f"unexpected {type(exc).__name__}: {exc}")


def shown(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    from db.config import database_url

    try:
        return make_url(database_url(url)).render_as_string(hide_password=True)
    except Exception:
        return "the database"


def print_table(table, empty: str) -> None:
    from rich.console import Console

    if table.row_count == 0:
        typer.echo(empty, err=True)
        return
    Console(soft_wrap=False).print(table)


def write_frame(frame, format: Format) -> None:
    """CSV (UTF-8 with BOM, for Excel) or one JSON object a line, to stdout."""
    import json

    if format is Format.csv:
        write_output(safe_frame(frame).to_csv(index=False), None, bom=True)
    else:
        lines = [json.dumps({k: plain(v) for k, v in record.items()}, ensure_ascii=False)
                 for record in frame.to_dict("records")]
        write_output("".join(line + "\n" for line in lines), None)


def plain(value):
    """A cell as JSON has it: missing values null, numpy scalars as numbers, times as ISO text."""
    import pandas as pd

    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value
