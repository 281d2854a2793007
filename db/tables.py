"""Rich tables of the scorecard, facts and corrections for the terminal (db/cli.py)."""
from __future__ import annotations

import pandas as pd
from rich.table import Table

from etl.figures import figure, missing

COMPARATOR_WORDS = {"approx": "左右", "at_least": "以上", "at_most": "以内", "exact": ""}
# Pending and qualitative look neutral: no result yet is not a failure.
STATUS_STYLES = {"exceeded": "bold green", "met": "green", "missed": "red", "pending": "dim",
                 "not comparable": "yellow", "qualitative": "dim"}


def _text(value) -> str:
    """A cell's words; "" for a value pandas left missing (None or NaN)."""
    return "" if missing(value) else str(value)


def _target(row) -> str:
    words = COMPARATOR_WORDS.get(row.comparator, "")
    text = f"{figure(row.target_value, row.unit)}{words}" if not missing(row.target_value) else "(qualitative)"
    return f"力争 {text}" if row.strive else text


def _outcome(row) -> str:
    if missing(row.outcome_value):
        return "—"
    unit = "%" if row.measure in ("growth", "avg_growth") else row.unit
    marks = [m for m, on in (("estimated", row.outcome_estimated), ("derived", row.outcome_derived),
                             ("corrected", row.outcome_corrected)) if on is True]
    return figure(row.outcome_value, unit) + (f" ({', '.join(marks)})" if marks else "")


def _gap(row) -> str:
    if missing(row.gap):
        return ""
    if row.measure in ("growth", "avg_growth", "change") or row.unit == "%":
        return f"{row.gap:+.2f} pp"
    return ("+" if row.gap >= 0 else "-") + figure(abs(row.gap), row.unit)


def scorecard_table(frame: pd.DataFrame) -> Table:
    table = Table("Region", "Year", "Indicator", "Measure", "Target", "Outcome", "Source",
                  "Status", "Gap", title="Targets against outcomes", title_justify="left")
    for row in frame.itertuples(index=False):
        source = row.outcome_source_title or row.outcome_source_type or ""
        table.add_row(row.region, str(row.year), row.indicator_zh, row.measure, _target(row),
                      _outcome(row), source if not missing(source) else "",
                      f"[{STATUS_STYLES.get(row.status, '')}]{row.status}[/]", _gap(row))
    return table


def facts_table(frame: pd.DataFrame) -> Table:
    table = Table("Id", "Region", "Kind", "Year", "Indicator", "Measure", "Value", "Flags", "Source")
    for row in frame.itertuples(index=False):
        unit = "%" if row.measure in ("growth", "avg_growth") else row.unit
        flags = " ".join(w for w, on in (("estimated", row.estimated), ("strive", row.strive)) if on)
        value = figure(row.value, unit) + COMPARATOR_WORDS.get(row.comparator, "")
        table.add_row(str(row.id), row.region, row.kind, str(row.year), row.indicator_zh,
                      row.measure, value, flags, row.source_title or row.source_type or "")
    return table


def corrections_table(frame: pd.DataFrame) -> Table:
    table = Table("Id", "Action", "Region", "Kind", "Year", "Indicator", "Measure", "Was", "Now", "Note")
    for row in frame.itertuples(index=False):
        # The fact's own unit before (unknown once its document dropped it), the fix's after.
        was_unit = _text(row.original_unit)
        unit = _text(row.unit) or was_unit
        # A fix keeps only what it changes: an unchanged value reads as it was.
        now = row.original_value if row.action == "fix" and missing(row.value) else row.value
        table.add_row(str(row.id), row.action, row.region, row.kind, str(row.year), row.indicator,
                      row.measure, figure(row.original_value, was_unit), figure(now, unit),
                      _text(row.note) or _text(row.source_title))
    return table
