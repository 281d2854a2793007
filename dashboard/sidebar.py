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
# Regions a view asks to add to this reader's selection on the next run (an upload's region).
REGIONS_TO_ADD = "regions_to_add"
UNKNOWN_REGIONS = "regions_unknown"     # names a link asked for that this database lacks
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
    """What a first visit shows: the track record of the highest government with reports of
    its own (全国 once its reports are in; regions come in hierarchy order), else the first region."""
    names = catalog.region_names
    have_reports = set(catalog.reporting_regions)
    reporting = [n for n in names if n in have_reports]
    return (reporting or names)[:1]


def seed(state: MutableMapping, query: Query, catalog: Catalog) -> None:
    """Give every sidebar widget its value from the URL, or its default, before it is drawn."""
    seed_choice(state, query, "lang", LANGUAGES, DEFAULT_LANGUAGE)
    if "regions" not in state:
        # Said once on the page, not dropped without a word (a link made on another database).
        known = set(catalog.region_names)
        state[UNKNOWN_REGIONS] = [r for r in dict.fromkeys(query.get("regions", ())) if r and r not in known]
    seed_list(state, query, "regions", catalog.region_names, default_regions(catalog))
    added = [r for r in state.pop(REGIONS_TO_ADD, ()) if r in set(catalog.region_names)]
    if added:
        state["regions"] = list(dict.fromkeys([*state["regions"], *added]))
    if catalog.years:
        seed_range(state, query, "years", catalog.years, catalog.years)
    seed_list(state, query, "indicators", catalog.indicators["code"], [])
    seed_list(state, query, "statuses", STATUSES, [])
    seed_list(state, query, "comparators", COMPARATORS, [])
    seed_list(state, query, "outcomes", OUTCOME_KINDS, [])


def region_labels(catalog: Catalog) -> dict[str, str]:
    """name → "兰陵县（临沂市）": the government above tells two regions of one name apart and
    keeps a chosen region's chip short; the level is in the list's order (see regions_help).
    Provinces and the nation stand alone."""
    rows = catalog.regions.drop_duplicates("name")
    out = {}
    for name, parent, level in zip(rows["name"], rows["parent"], rows["level"]):
        above = parent if isinstance(parent, str) and level not in ("national", "province") else ""
        out[name] = f"{name}（{above}）" if above else name
    return out


def indicator_labels(catalog: Catalog, labels: Labels) -> dict[str, str]:
    rows = catalog.indicators
    return {code: labels.indicator(code, zh, en) for code, zh, en in zip(rows["code"], rows["zh"], rows["en"])}


def draw(catalog: Catalog, query: Query) -> Selection:
    state = st.session_state
    seed(state, query, catalog)
    with st.sidebar:
        # Named in both languages, so either reader finds it.
        st.radio("语言 · Language", LANGUAGES, key="lang", horizontal=True,
                 format_func=Labels().language)
        labels = Labels(state["lang"])
        st.header(labels.ui("filters"))
        # No "Select all": Streamlit writes it in English only, and every region at once is
        # the whole database, not a selection.
        st.multiselect(labels.ui("regions"), catalog.region_names, key="regions", select_all=False,
                       format_func=region_labels(catalog).__getitem__, help=labels.ui("regions_help"),
                       on_change=state.pop, args=(UNKNOWN_REGIONS, None))
        if catalog.years and catalog.years[0] < catalog.years[1]:
            st.slider(labels.ui("years"), catalog.years[0], catalog.years[1], key="years")
        st.multiselect(labels.ui("indicators"), catalog.indicators["code"].tolist(), key="indicators",
                       select_all=False, format_func=indicator_labels(catalog, labels).__getitem__,
                       placeholder=labels.ui("headline_indicators"))
        st.multiselect(labels.ui("statuses"), STATUSES, key="statuses", select_all=False,
                       format_func=labels.status, placeholder=labels.ui("any"))
        st.multiselect(labels.ui("comparators"), COMPARATORS, key="comparators", select_all=False,
                       format_func=labels.comparator, placeholder=labels.ui("any"))
        st.multiselect(labels.ui("outcome_kinds"), OUTCOME_KINDS, key="outcomes", select_all=False,
                       format_func=labels.outcome_kind, placeholder=labels.ui("any"))
    return Selection(
        lang=state["lang"], regions=tuple(state["regions"]),
        years=tuple(state["years"]) if catalog.years else None,
        indicators=tuple(state["indicators"]), statuses=tuple(state["statuses"]),
        comparators=tuple(state["comparators"]), outcome_kinds=tuple(state["outcomes"]),
    )
