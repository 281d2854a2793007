"""The dashboard: page config → a turn to run → cached loaders → sidebar → layout.

Run it with `tracker serve` (or `streamlit run dashboard/app.py` with TRACKER_DB_URL set).
"""
from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from dashboard import data, sidebar, turns
from dashboard.data import Catalog
from dashboard.labels import DEFAULT_LANGUAGE, LANGUAGES, Labels
from dashboard.state import Query, query_from_state, read_query, seed_choice
from dashboard.views import TABS
from dashboard.views.common import Context, guarded
from db.config import database_url

# Parameters the views own; with the sidebar's, they are the whole selection in the URL.
VIEW_KEYS = ("tab", "indicator", "year", "region", "level", "document", "q", "compare_all", "scope",
             "keepers_indicator", "keepers_measure")


def open_catalog(url: str) -> Catalog:
    """What the sidebar offers; when the database cannot be read, say so and end the run."""
    try:
        return data.catalog(url)
    except Exception as exc:  # noqa: BLE001 - one line on the page, the details in the log
        logging.getLogger("dashboard").exception("cannot open the database")
        from db.errors import DatabaseError, explain

        st.error(Labels().ui("database_failed"))
        st.text(str(exc) if isinstance(exc, DatabaseError) else explain(exc))
        st.stop()


def draw_tabs(ctx: Context) -> None:
    codes = [code for code, _ in TABS]
    seed_choice(st.session_state, ctx.query, "tab", codes, codes[0])
    lang = ctx.labels.lang
    names = [ctx.labels.ui(f"tab_{code}") for code in codes]
    # One tabs widget per language: its state is the label, so a new language starts a new widget
    # that opens on the tab the reader was on. Streamlit keys a widget by its default too: a
    # default that followed every tab change would replace the widget and undo the click that
    # changed it, so the default is fixed when the widget is made.
    if st.session_state.get("tabs_language") != lang:
        st.session_state["tabs_language"] = lang
        st.session_state["tabs_opened_on"] = st.session_state["tab"]
    tabs = st.tabs(names, key=f"view_{lang}", on_change="rerun",
                   default=names[codes.index(st.session_state["tabs_opened_on"])])
    for code, view, tab in zip(codes, (module for _, module in TABS), tabs):
        if tab.open:
            st.session_state["tab"] = code
            with tab:
                guarded(view.draw, ctx)


def page(url: str, query: Query) -> None:
    catalog = open_catalog(url)
    selection = sidebar.draw(catalog, query)
    labels = Labels(selection.lang)
    st.title(labels.ui("title"))
    if unknown := st.session_state.get(sidebar.UNKNOWN_REGIONS):
        st.info(labels.ui("regions_unknown", regions="、".join(unknown)), icon=":material/info:")
    draw_tabs(Context(url=url, catalog=catalog, sel=selection, labels=labels, query=query))
    # The URL, rewritten from what the session now holds, so a link reproduces this view.
    new_query = query_from_state(st.session_state, query, (*sidebar.KEYS, *VIEW_KEYS))
    if new_query != query:
        st.query_params.from_dict(new_query)


def reader_language(query: Query) -> str:
    chosen = st.session_state.get("lang") or (list(query.get("lang", ())) or [None])[-1]
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def queued(slot, query: Query) -> Callable[[], None]:
    """Say that this run waits for its turn; return what clears the notice."""
    slot.info(Labels(reader_language(query)).ui("waiting_turn"), icon=":material/hourglass_top:")
    return slot.empty


st.set_page_config(page_title=Labels().ui("page_title"), page_icon=":material/fact_check:", layout="wide")
# Every run has the notice's place, so a run that waited lays out its page like one that did not.
notice = st.empty()
request = read_query(st.query_params)
with turns.turn(lambda: queued(notice, request)):
    page(database_url(), request)
