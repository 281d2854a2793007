"""What every `tracker` command shares at the terminal: one-line errors and writing output.

It sits in the lowest package (etl) so that the commands of every layer (etl/cli.py,
db/cli.py, dashboard/cli.py) can use it without importing one another.
"""
from __future__ import annotations

import sys
from pathlib import Path

import typer


def fail(message: str, code: int = 1) -> None:
    """One clear line on stderr and a non-zero exit; never a traceback."""
    typer.echo(f"tracker: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """One line on stderr about something the command went on past."""
    typer.echo(f"tracker: error: {message}", err=True)


def note_line(message: str) -> None:
    """One line on stderr about how something was read, which the user may want to check."""
    typer.echo(f"tracker: note: {message}", err=True)


def write_output(text: str, output: Path | None, bom: bool = False) -> None:
    """The text to standard output, or whole to a file (never half-written); `bom` starts
    it with a UTF-8 byte-order mark, which Excel needs to read a CSV as UTF-8."""
    data = text.encode("utf-8-sig" if bom else "utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from etl.files import atomic_write_bytes

    atomic_write_bytes(output, data)
