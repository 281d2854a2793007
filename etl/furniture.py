"""Removing page furniture: the share buttons, breadcrumbs and index tables that web
sites print around a report (listed in catalog/furniture.txt) and scrapers copy along."""
from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

__all__ = ["is_furniture", "tidy"]

_FURNITURE_FILE = "furniture.txt"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_BLANK_LINES = re.compile(r"\n{3,}")


@cache
def _furniture() -> re.Pattern[str]:
    """One pattern for a line made only of furniture items, from catalog/furniture.txt."""
    source = (files("etl") / "catalog" / _FURNITURE_FILE).read_text(encoding="utf-8")
    items = []
    for number, line in enumerate(source.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            re.compile(line)
        except re.error as e:
            raise ValueError(f"{_FURNITURE_FILE} line {number}: {e}") from None
        items.append(f"(?:{line})")
    # Atomic groups and possessive spaces keep matching linear on long lines that
    # merely start like furniture.
    return re.compile(r"(?:\s*+(?>" + "|".join(items) + r"))+\s*+")


def is_furniture(line: str) -> bool:
    """True for a line that is nothing but site furniture (see catalog/furniture.txt)."""
    stripped = line.strip().strip(_INVISIBLE).strip()
    return bool(stripped) and _furniture().fullmatch(stripped) is not None


def tidy(text: str) -> str:
    """Drop furniture lines and trailing spaces; at most one blank line in a row."""
    lines = [line.rstrip() for line in text.splitlines()]
    text = "\n".join(line for line in lines if not is_furniture(line))
    # The pattern has no literal for the regex engine to skip ahead to; most texts
    # have no run of blank lines, and the substring test rules that out cheaply.
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")
