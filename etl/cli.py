"""Extraction commands of `tracker` (extract). Thin: they call library functions and format their result."""
from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from etl.console import fail, note_line, warn, write_output
from etl.csv_cells import safe_row
from etl.errors import InputError
from etl.facts import FIELDS
from etl.progress import progress


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def extract(
    paths: list[Path] = typer.Argument(..., help="Report files (.txt .md .html .htm .docx .pdf) or folders of them."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl: one JSON fact per line; csv: UTF-8 with BOM, opens in Excel."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    region: Optional[str] = typer.Option(None, "--region", help="Region name (e.g. 兰陵县), for reports that do not state it; it wins over what a report states, with a note where they differ."),
    year: Optional[int] = typer.Option(None, "--year", help="Report (plan) year, for reports that do not state it; it wins over what a report states, with a note where they differ."),
) -> None:
    """Print every quantified target and outcome of the reports as fact records.

    Example: tracker extract seeds/000_f371ca59a7da8bc1.txt --format jsonl

    A file that cannot be read is reported on stderr (file and reason) and the others go
    on; the exit status is 1 if any file failed. When none could be read, an output file
    is left as it was.
    """
    from etl.pipeline import extract_file, iter_report_paths
    from etl.read import shown_name

    buf = io.StringIO()
    writer = None
    if format is Format.csv:
        writer = csv.DictWriter(buf, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
    failed = 0
    files = list(iter_report_paths(paths))
    if not files:
        fail("no report files found in " + ", ".join(map(shown_name, paths)))
    with progress(len(files), "extract") as advance:
        for path in files:
            try:
                report = extract_file(path, region=region, year=year)
            except InputError as e:
                warn(str(e))
                failed += 1
                continue
            finally:
                if advance:
                    advance(shown_name(path.name))
            for note in report.meta.notes:
                note_line(f"{path}: {note}")
            _write_facts(report, writer, buf)
    if output is not None and failed == len(files):
        # Nothing was read: an empty file in place of an earlier run's would only lose it.
        note_line(f"nothing extracted; {output} " + ("left as it was" if output.exists() else "not written"))
    else:
        write_output(buf.getvalue(), output, bom=format is Format.csv)
    if failed:
        raise typer.Exit(1)


def _write_facts(report, writer, buf) -> None:
    for fact in report.facts:
        row = fact.to_dict()
        if writer:
            writer.writerow(safe_row(row))
        else:
            buf.write(json.dumps(row, ensure_ascii=False) + "\n")


def register(app: typer.Typer) -> None:
    """Add the extraction commands to the `tracker` app."""
    app.command()(extract)
