"""Text cells that a spreadsheet would run as a formula are written as text.

A sentence or file name from a scraped document may begin with "=", "+", "-" or "@";
Excel and LibreOffice read such a cell as a formula. A leading apostrophe makes it plain
text there. Numbers are left alone, so -18.7 stays a number.
"""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: dict) -> dict:
    return {k: safe_cell(v) for k, v in row.items()}


def safe_frame(frame):
    """A copy of a pandas frame with every text cell made safe."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(safe_cell)
    return out
