"""The rules of judging, read from data/judging.toml: tolerances and the ranking of sources."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Tolerances:
    points: float           # growth, change and rates: absolute, in percentage points
    level_percent: float    # levels: relative to the target, in percent


@cache
def _rules() -> dict:
    return tomllib.loads(resources.files("db").joinpath("data/judging.toml").read_text(encoding="utf-8"))


def default_tolerances() -> Tolerances:
    t = _rules()["tolerance"]
    return Tolerances(points=float(t["points"]), level_percent=float(t["level_percent"]))


def source_ranks() -> dict[str, int]:
    """Source type → rank; a higher rank is the more authoritative source."""
    return {k: int(v) for k, v in _rules()["source_rank"].items()}
