"""CSV files for the "Download CSV" buttons: bytes and a file name saying what is in them."""
from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from etl.csv_cells import safe_frame

# Characters that Windows, macOS or a shell would choke on in a file name.
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')
MAX_NAMED_REGIONS = 3
MAX_STEM = 120


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text intact."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _part(text: str) -> str:
    return UNSAFE.sub("-", str(text)).strip("-.")


def _regions_part(regions: Sequence[str]) -> str:
    regions = list(dict.fromkeys(regions))
    if not regions:
        return "all-regions"
    if len(regions) > MAX_NAMED_REGIONS:
        return "+".join(map(_part, regions[:MAX_NAMED_REGIONS])) + f"+{len(regions) - MAX_NAMED_REGIONS}more"
    return "+".join(map(_part, regions))


def _years_part(years: Sequence[int]) -> str:
    years = sorted({int(y) for y in years})
    if not years:
        return "all-years"
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"


def file_name(view: str, regions: Sequence[str], years: Sequence[int], indicator: str = "") -> str:
    """e.g. promises_兰陵县_2023_gdp-growth.csv: view, regions, years and indicator."""
    parts = [_part(view), _regions_part(regions), _years_part(years)]
    if indicator:
        parts.append(_part(indicator))
    stem = "_".join(p for p in parts if p)
    return stem[:MAX_STEM] + ".csv"
