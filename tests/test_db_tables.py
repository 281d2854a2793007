"""The terminal tables render whatever pandas left in a cell."""
import math

import pandas as pd
from rich.console import Console

from db.tables import corrections_table


def test_a_correction_without_note_unit_or_source_renders_as_blank_cells():
    frame = pd.DataFrame([
        {"id": 1, "action": "add", "region": "青山县", "kind": "outcome", "year": 2023, "indicator": "gdp",
         "measure": "growth", "original_value": math.nan, "original_unit": math.nan, "value": 6.1,
         "unit": math.nan, "note": math.nan, "source_title": "2023年青山县统计公报"},
        {"id": 2, "action": "reject", "region": "青山县", "kind": "target", "year": 2023, "indicator": "gdp",
         "measure": "growth", "original_value": 7.0, "original_unit": "%", "value": math.nan,
         "unit": math.nan, "note": math.nan, "source_title": math.nan},
    ])
    console = Console(record=True, width=200)
    console.print(corrections_table(frame))
    out = console.export_text()
    assert "2023年青山县统计公报" in out and "7%" in out and "nan" not in out


def _row(**changes) -> dict:
    row = {"id": 1, "action": "fix", "region": "青山县", "kind": "outcome", "year": 2023,
           "indicator": "new_urban_jobs", "measure": "level", "original_value": 4900.0, "original_unit": "人",
           "value": math.nan, "unit": math.nan, "note": math.nan, "source_title": math.nan}
    return {**row, **changes}


def _was_and_now(row: dict) -> list[str]:
    console = Console(record=True, width=200)
    console.print(corrections_table(pd.DataFrame([row])))
    line = [ln for ln in console.export_text().splitlines() if "青山县" in ln][0]
    return [cell.strip() for cell in line.split("│")][8:10]


def test_a_fix_of_the_value_reads_in_the_facts_unit_before_and_after():
    assert _was_and_now(_row(value=5100.0)) == ["4900人", "5100人"]


def test_a_fix_of_the_unit_shows_the_old_unit_before_and_the_new_after():
    assert _was_and_now(_row(original_value=49.0, original_unit="万元", unit="亿元")) == ["49万元", "49亿元"]


def test_a_fix_of_the_wording_alone_shows_the_value_unchanged():
    assert _was_and_now(_row()) == ["4900人", "4900人"]
