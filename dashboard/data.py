"""Cached loaders: the only place the dashboard reads the database, always through db.queries.

The engine is a cached resource (one per URL and process); frames are cached data keyed by
the URL and the filter values, so a rerun with the same selection reads nothing. Filters go
to the query (SQL), never to a frame of everything. Entries expire after a while so that
reports ingested from the command line show up without a restart; an upload clears them.
Every session of the process shares these caches: a hundred readers of the first view make
one query.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dashboard.frames import empty_scorecard

TTL_SECONDS = 120
_SHARED = []     # the caches made by shared(), which forget() clears too


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    from db.migrate import open_database

    return open_database(url)


@dataclass(frozen=True)
class Catalog:
    """What the sidebar offers: regions in hierarchy order, indicators, the years stored."""
    regions: pd.DataFrame        # name, level, parent, province, path
    indicators: pd.DataFrame     # code, zh, en, unit, headline: catalogued ones, headline first
    years: tuple[int, int] | None
    documents: int
    reporting_regions: tuple[str, ...]   # regions with a document of their own

    @property
    def region_names(self) -> list[str]:
        return list(dict.fromkeys(self.regions["name"]))

    @property
    def headline_codes(self) -> list[str]:
        return self.indicators.loc[self.indicators["headline"].astype(bool), "code"].tolist()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def catalog(url: str) -> Catalog:
    from db.queries import document_summary, indicators, regions

    eng = engine(url)
    summary = document_summary(eng)
    inds = indicators(eng, catalogued_only=True)
    inds = inds.sort_values(["headline", "id"], ascending=[False, True], kind="stable")
    return Catalog(regions=regions(eng), indicators=inds.reset_index(drop=True), years=summary.years,
                   documents=summary.documents, reporting_regions=summary.reporting_regions)


def _known(names: Sequence[str] | None) -> list[str] | None:
    return None if names is None else list(names)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def scorecard(url: str, regions: tuple[str, ...] | None, years: tuple[int, ...] | None,
              indicators: tuple[str, ...] | None, evidence: bool = True) -> pd.DataFrame:
    """Targets judged against outcomes; a name no longer in the database gives no rows.
    Without `evidence`, no sentences or sources (db.queries.EVIDENCE_COLUMNS)."""
    from db.queries import UnknownName, scorecard as query

    if (regions is not None and not regions) or (indicators is not None and not indicators):
        return empty_scorecard()
    try:
        return query(engine(url), regions=_known(regions), years=_known(years), indicators=_known(indicators),
                     evidence=evidence)
    except UnknownName:
        return empty_scorecard()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def facts(url: str, regions: tuple[str, ...], years: tuple[int, ...],
          indicators: tuple[str, ...] | None) -> pd.DataFrame:
    from db.queries import FACT_COLUMNS, UnknownName, facts as query

    try:
        return query(engine(url), regions=list(regions), years=list(years), indicators=_known(indicators))
    except UnknownName:
        return pd.DataFrame(columns=FACT_COLUMNS)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def documents(url: str, regions: tuple[str, ...]) -> pd.DataFrame:
    """The documents of these regions (listing all of a national database takes most of a second)."""
    from db.queries import DOCUMENT_COLUMNS, UnknownName, documents as query

    try:
        return query(engine(url), regions=list(regions))
    except UnknownName:
        return pd.DataFrame(columns=DOCUMENT_COLUMNS)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def fact_sources(url: str, ids: tuple[int, ...]) -> pd.DataFrame:
    """The sources imported facts name (title, publisher type, link), by fact id."""
    from db.queries import fact_sources as query

    return query(engine(url), ids)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=16)
def document(url: str, document_id: int) -> dict | None:
    from db.queries import document as query

    return query(engine(url), document_id)


def shared(max_entries: int):
    """Cache what every session draws as one object all of them read, not copy: a copy of a
    Plotly figure costs about as much as drawing it anew. What it returns must never be
    changed. Entries expire like the frames, and forget() clears them with the frames."""
    def wrap(func):
        cached = st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=max_entries)(func)
        _SHARED.append(cached)
        return cached
    return wrap


def forget() -> None:
    """After an upload: every cached frame, and whatever was drawn from them, may be out of date."""
    st.cache_data.clear()
    for cached in _SHARED:
        cached.clear()
