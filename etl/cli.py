"""The `tracker` command. Thin: every command calls library functions and formats their result."""
from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from etl.csv_cells import safe_row
from etl.errors import InputError
from etl.facts import FIELDS
from etl.progress import progress

app = typer.Typer(
    help="Track the quantified promises of Chinese government work reports (政府工作报告).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def fail(message: str, code: int = 1) -> None:
    """One clear line on stderr and a non-zero exit; never a traceback."""
    typer.echo(f"tracker: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Report files (.txt .html .htm .docx .pdf) or folders of them."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl: one JSON fact per line; csv: UTF-8 with BOM, opens in Excel."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    region: Optional[str] = typer.Option(None, "--region", help="Region name, for reports that do not state it (e.g. 兰陵县)."),
    year: Optional[int] = typer.Option(None, "--year", help="Report (plan) year, for reports that do not state it."),
) -> None:
    """Print every quantified target and outcome of the reports as fact records.

    Example: tracker extract seeds/000_f371ca59a7da8bc1.txt --format jsonl

    A file that cannot be read is reported on stderr (file and reason) and the others go
    on; the exit status is 1 if any file failed.
    """
    from etl.pipeline import extract_file, iter_report_paths

    buf = io.StringIO()
    writer = None
    if format is Format.csv:
        writer = csv.DictWriter(buf, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
    failed = 0
    files = list(iter_report_paths(paths))
    if not files:
        fail("no report files found in " + ", ".join(map(str, paths)))
    with progress(len(files), "extract") as advance:
        for path in files:
            try:
                report = extract_file(path, region=region, year=year)
            except InputError as e:
                typer.echo(f"tracker: error: {e}", err=True)
                failed += 1
                continue
            finally:
                if advance:
                    advance(path.name)
            _write_facts(report, writer, buf)
    _write_output(buf.getvalue(), output, bom=format is Format.csv)
    if failed:
        raise typer.Exit(1)


def _write_facts(report, writer, buf) -> None:
    for fact in report.facts:
        row = fact.to_dict()
        if writer:
            writer.writerow(safe_row(row))
        else:
            buf.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_output(text: str, output: Optional[Path], bom: bool) -> None:
    if output is None:
        if bom:
            sys.stdout.buffer.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    from etl.files import atomic_write_bytes

    atomic_write_bytes(output, text.encode("utf-8-sig" if bom else "utf-8"))


def _register_commands() -> None:
    # The database and dashboard commands live beside their code.
    from db.cli import register as register_db
    from dashboard.cli import register as register_dashboard

    register_db(app)
    register_dashboard(app)


def main() -> None:
    _register_commands()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("tracker: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
