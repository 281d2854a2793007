"""The sidebar: language, regions, years, indicators and the status filters.

Each widget's key is its query parameter (see dashboard.state), seeded from the URL before
the widget is drawn; the returned Selection is what every view reads.
"""
from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

import streamlit as st

from dashboard.data import Catalog
from dashboard.frames import COMPARATORS, OUTCOME_KINDS, STATUSES
from dashboard.labels import DEFAULT_LANGUAGE, LANGUAGES, Labels
from dashboard.state import Query, seed_choice, seed_list, seed_range

KEYS = ("lang", "regions", "years", "indicators", "statuses", "comparators", "outcomes")
# With more regions than this, the first start selects the first few rather than all.
ALL_REGIONS_UP_TO = 6
FIRST_REGIONS = 3


@dataclass(frozen=True)
class Selection:
    lang: str
    regions: tuple[str, ...]
    years: tuple[int, int] | None
    indicators: tuple[str, ...]         # empty: the headline indicators
    statuses: tuple[str, ...]           # empty: every status (likewise below)
    comparators: tuple[str, ...]
    outcome_kinds: tuple[str, ...]

    @property
    def year_list(self) -> tuple[int, ...]:
        return tuple(range(self.years[0], self.years[1] + 1)) if self.years else ()


def default_regions(catalog: Catalog) -> list[str]:
    """What a first visit shows: every region of a small database, else the first few that report."""
    names = catalog.region_names
    if len(names) <= ALL_REGIONS_UP_TO:
        return names
    reporting = [n for n in names if n in set(catalog.reporting_regions)]
    return (reporting or names)[:FIRST_REGIONS]


def seed(state: MutableMapping, query: Query, catalog: Catalog) -> None:
    """Give every sidebar widget its value from the URL, or its default, before it is drawn."""
    seed_choice(state, query, "lang", LANGUAGES, DEFAULT_LANGUAGE)
    seed_list(state, query, "regions", catalog.region_names, default_regions(catalog))
    if catalog.years:
        seed_range(state, query, "years", catalog.years, catalog.years)
    seed_list(state, query, "indicators", catalog.indicators["code"], [])
    seed_list(state, query, "statuses", STATUSES, [])
    seed_list(state, query, "comparators", COMPARATORS, [])
    seed_list(state, query, "outcomes", OUTCOME_KINDS, [])


def _region_label(catalog: Catalog, labels: Labels):
    rows = catalog.regions.drop_duplicates("name").set_index("name")

    def label(name: str) -> str:
        row = rows.loc[name]
        parent = row["parent"] if isinstance(row["parent"], str) else ""
        where = " · ".join(p for p in (parent, labels.region_level(row["level"])) if p)
        return f"{name}({where})" if where else name
    return label


def _indicator_label(catalog: Catalog, labels: Labels):
    rows = catalog.indicators.set_index("code")
    return lambda code: labels.indicator(code, rows.at[code, "zh"], rows.at[code, "en"])


def draw(catalog: Catalog, query: Query) -> Selection:
    state = st.session_state
    seed(state, query, catalog)
    with st.sidebar:
        # Named in both languages, so either reader finds it.
        st.radio("语言 · Language", LANGUAGES, key="lang", horizontal=True,
                 format_func=Labels().language)
        labels = Labels(state["lang"])
        st.header(labels.ui("filters"))
        st.multiselect(labels.ui("regions"), catalog.region_names, key="regions",
                       format_func=_region_label(catalog, labels), help=labels.ui("regions_help"))
        if catalog.years and catalog.years[0] < catalog.years[1]:
            st.slider(labels.ui("years"), catalog.years[0], catalog.years[1], key="years")
        st.multiselect(labels.ui("indicators"), catalog.indicators["code"].tolist(), key="indicators",
                       format_func=_indicator_label(catalog, labels),
                       placeholder=labels.ui("headline_indicators"))
        st.multiselect(labels.ui("statuses"), STATUSES, key="statuses", format_func=labels.status,
                       placeholder=labels.ui("any"))
        st.multiselect(labels.ui("comparators"), COMPARATORS, key="comparators",
                       format_func=labels.comparator, placeholder=labels.ui("any"))
        st.multiselect(labels.ui("outcome_kinds"), OUTCOME_KINDS, key="outcomes",
                       format_func=labels.outcome_kind, placeholder=labels.ui("any"))
    return Selection(
        lang=state["lang"], regions=tuple(state["regions"]),
        years=tuple(state["years"]) if catalog.years else None,
        indicators=tuple(state["indicators"]), statuses=tuple(state["statuses"]),
        comparators=tuple(state["comparators"]), outcome_kinds=tuple(state["outcomes"]),
    )
