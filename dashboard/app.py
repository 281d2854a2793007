"""The dashboard: page config → cached loaders → sidebar → layout.

Run it with `tracker serve` (or `streamlit run dashboard/app.py` with TRACKER_DB_URL set).
"""
from __future__ import annotations

import logging

import streamlit as st

from dashboard import data, sidebar
from dashboard.labels import Labels
from dashboard.state import query_from_state, read_query, seed_choice
from dashboard.views import TABS
from dashboard.views.common import Context, guarded
from db.config import database_url

# Parameters the views own; with the sidebar's, they are the whole selection in the URL.
VIEW_KEYS = ("tab", "indicator", "year", "region", "level", "document", "q", "compare_all", "scope",
             "keepers_indicator", "keepers_measure")

st.set_page_config(page_title=Labels().ui("page_title"), page_icon=":material/fact_check:", layout="wide")

# Loaders
url = database_url()
query = read_query(st.query_params)
try:
    catalog = data.catalog(url)
except Exception as exc:  # noqa: BLE001 - one line on the page, the details in the log
    logging.getLogger("dashboard").exception("cannot open the database")
    from db.errors import DatabaseError, explain

    st.error(Labels().ui("database_failed"))
    st.text(str(exc) if isinstance(exc, DatabaseError) else explain(exc))
    st.stop()

# Sidebar
selection = sidebar.draw(catalog, query)
labels = Labels(selection.lang)

# Layout
st.title(labels.ui("title"))
codes = [code for code, _ in TABS]
seed_choice(st.session_state, query, "tab", codes, codes[0])
names = [labels.ui(f"tab_{code}") for code in codes]
# One tabs widget per language: its state is the label, so a new language starts a new widget
# that opens on the tab the reader was on. Streamlit keys a widget by its default too: a
# default that followed every tab change would replace the widget and undo the click that
# changed it, so the default is fixed when the widget is made.
if st.session_state.get("tabs_language") != selection.lang:
    st.session_state["tabs_language"] = selection.lang
    st.session_state["tabs_opened_on"] = st.session_state["tab"]
tabs = st.tabs(names, key=f"view_{selection.lang}", on_change="rerun",
               default=names[codes.index(st.session_state["tabs_opened_on"])])
ctx = Context(url=url, catalog=catalog, sel=selection, labels=labels, query=query)
for code, view, tab in zip(codes, (module for _, module in TABS), tabs):
    if tab.open:
        st.session_state["tab"] = code
        with tab:
            guarded(view.draw, ctx)

# The URL, rewritten from what the session now holds, so a link reproduces this view.
new_query = query_from_state(st.session_state, query, (*sidebar.KEYS, *VIEW_KEYS))
if new_query != query:
    st.query_params.from_dict(new_query)
