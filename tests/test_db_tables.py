"""The terminal tables render whatever pandas left in a cell."""
import math

import pandas as pd
from rich.console import Console

from db.tables import corrections_table


def test_a_correction_without_note_unit_or_source_renders_as_blank_cells():
    frame = pd.DataFrame([
        {"id": 1, "action": "add", "region": "青山县", "kind": "outcome", "year": 2023, "indicator": "gdp",
         "measure": "growth", "original_value": math.nan, "value": 6.1, "unit": math.nan,
         "note": math.nan, "source_title": "2023年青山县统计公报"},
        {"id": 2, "action": "reject", "region": "青山县", "kind": "target", "year": 2023, "indicator": "gdp",
         "measure": "growth", "original_value": 7.0, "value": math.nan, "unit": "%",
         "note": math.nan, "source_title": math.nan},
    ])
    console = Console(record=True, width=200)
    console.print(corrections_table(frame))
    out = console.export_text()
    assert "2023年青山县统计公报" in out and "7%" in out and "nan" not in out
