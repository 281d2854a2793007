"""Figures written back as people write them (405.4亿元, 1.72万户, 7%, 1.5 pp): for the
terminal's tables and the dashboard alike."""
from __future__ import annotations

import math

# Units whose large figures are written in 万 and 亿.
_COUNTED = ("元", "美元", "人", "户", "吨", "亩", "家", "个", "人次")


def missing(value) -> bool:
    """Whether a cell holds no figure: None, or the NaN pandas leaves for one."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def figure(value, unit: str) -> str:
    """405.4亿元, 1.72万户, 7%, 1.5 pp; "—" for no value."""
    if missing(value):
        return "—"
    if unit in ("%", "pp"):
        return f"{value:.4g}%" if unit == "%" else f"{value:.4g} pp"
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size and unit in _COUNTED:
            return f"{value / size:.6g}{word}{unit}"
    return f"{value:.6g}{unit}"
