"""The report's own region named before a figure's name: "北京市生产总值…" in 北京's report,
"湛江居民人均可支配收入…" in 湛江's, "市生产总值比上年增长8.2%" in a city's. The name is the
region's own figure, as "全市生产总值" is; another region's name before it ("哈尔滨市生产总值"
in 黑龙江's report) still makes a figure of that region."""
from __future__ import annotations

from functools import lru_cache

from etl.divisions import divisions, level_from_suffix
from etl.gap_words import only_gap_words
from etl.mentions import Mention

# The suffix alone stands for the region of that level ("市生产总值" in a city's report).
_SUFFIXES = ("市", "省", "区", "县", "州", "盟", "旗")


@lru_cache(maxsize=256)
def own_names(region: str) -> tuple[str, ...]:
    """The words a report may call its own region by: its name, its short names and its
    level's suffix; longest first."""
    names = {region} if region else set()
    for d in divisions().candidates(region)[:1]:
        names.update(a for a in d.aliases if len(a) >= 2)
    names.update(s for s in _SUFFIXES if region.endswith(s) and level_from_suffix(region))
    return tuple(sorted(names, key=len, reverse=True))


def with_own_region(text: str, a: int, mentions: list[Mention], names: tuple[str, ...]) -> list[Mention]:
    """The mentions, each that stands right after the report's own name taken to start at it,
    where only words that say when or how stand before the name in the clause ("去年北京市
    生产总值"): the name is then read as the figure's. "全市" and "城市" are left whole."""
    for m in mentions:
        for name in names:
            start = m.start - len(name)
            if start >= a and text.startswith(name, start) and only_gap_words(text[a:start]):
                m.start = start
                break
    return mentions
