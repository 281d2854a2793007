"""The dashboard's words and colours, read from labels.toml and style.toml beside this file."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    with open(HERE / name, "rb") as f:
        return tomllib.load(f)


def status_colours() -> dict[str, str]:
    """status code → colour; the one mapping every view draws statuses with."""
    return dict(load_toml("style.toml")["status_colour"])


def style(section: str) -> dict:
    return dict(load_toml("style.toml")[section])


@dataclass(frozen=True)
class Labels:
    """The words of one language. An unknown key shows itself rather than failing a view."""

    lang: str = DEFAULT_LANGUAGE

    def _word(self, section: str, key: str) -> str:
        entry = load_toml("labels.toml").get(section, {}).get(key)
        if entry is None:
            return key
        return entry.get(self.lang) or entry.get(DEFAULT_LANGUAGE) or key

    def ui(self, key: str, **values) -> str:
        word = self._word("ui", key)
        return word.format(**values) if values else word

    def status(self, code: str) -> str:
        return self._word("status", code)

    def comparator(self, code: str) -> str:
        return self._word("comparator", code)

    def measure(self, code: str, unit: str = "") -> str:
        """A level in % or ‰ is a rate (失业率 3.5%), not an amount: 比率, not 总量."""
        if code == "level" and unit in ("%", "‰"):
            return self._word("measure", "rate")
        return self._word("measure", code)

    def figure(self, value, unit: str) -> str:
        """etl.figures.figure in this language: points of a rate as 个百分点 in Chinese."""
        from etl.figures import figure

        text = figure(value, unit)
        return text.replace(" pp", self.ui("points_suffix")) if unit == "pp" else text

    def kind(self, code: str) -> str:
        return self._word("kind", code)

    def outcome_kind(self, code: str) -> str:
        return self._word("outcome_kind", code)

    def region_level(self, code: str) -> str:
        return self._word("region_level", code)

    def language(self, code: str) -> str:
        return self._word("language", code)

    def indicator(self, code: str, zh: str | None = None, en: str | None = None) -> str:
        """The catalog's name in this language, falling back to the other one, then the code."""
        names = {"zh": zh, "en": en}
        other = "en" if self.lang == "zh" else "zh"
        return names.get(self.lang) or names.get(other) or code
