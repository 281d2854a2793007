"""Cells of a CSV as every export of the tracker writes them.

- Flags read `true` and `false`, as in the JSON lines the same commands write, not Python's
  `True` and `False`.
- Text a spreadsheet would run as a formula is written as text: a sentence or file name from
  a scraped document may begin with "=", "+", "-" or "@", which Excel and LibreOffice read
  as a formula; a leading apostrophe makes it plain text there. Numbers are left alone, so
  -18.7 stays a number.
"""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FLAGS = {True: "true", False: "false"}


def safe_cell(value):
    if isinstance(value, bool):
        return _FLAGS[value]
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: dict) -> dict:
    return {k: safe_cell(v) for k, v in row.items()}


def safe_frame(frame):
    """A copy of a pandas frame with every flag and text cell written as above."""
    out = frame.copy()
    for col in out.columns:
        kind = str(out[col].dtype)
        if kind in ("bool", "boolean"):
            out[col] = out[col].map(_FLAGS)
        elif kind == "object" or kind.startswith("str"):
            out[col] = out[col].map(safe_cell)
    return out
