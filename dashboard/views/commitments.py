"""All commitments: every quantified promise and result outside the headline indicators, searchable."""
from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.state import seed_text
from dashboard.views.common import Context, download_csv, empty, file_name, readable_facts, unavailable

COLUMNS = ["region", "kind", "year", "indicator", "indicator_zh", "measure", "value", "unit",
           "comparator", "strive", "estimated", "sentence", "source_title", "document_id"]
SEARCHED = ("region", "indicator", "indicator_zh", "sentence")
MAX_TABLE_ROWS = 2000


def draw(ctx: Context) -> None:
    if unavailable(ctx):
        return
    labels = ctx.labels
    rows = data.facts(ctx.url, ctx.sel.regions, ctx.sel.year_list, None)
    rows = rows[~rows["indicator"].isin(ctx.catalog.headline_codes)]
    seed_text(st.session_state, ctx.query, "q")
    words = st.text_input(labels.ui("search"), key="q").split()
    for word in words:
        # Every word must appear somewhere in the row: each one narrows the list.
        rows = rows[rows[list(SEARCHED)].astype(str).apply(
            lambda column: column.str.contains(word, case=False, regex=False)).any(axis=1)]
    # The latest years first: when the list is cut at MAX_TABLE_ROWS, what is cut is the oldest.
    rows = rows.sort_values("year", ascending=False, kind="stable")
    table = rows.reindex(columns=COLUMNS).reset_index(drop=True)
    if table.empty:
        empty(ctx, "no_rows")
        return
    if len(table) > MAX_TABLE_ROWS:
        st.caption(labels.ui("rows_shown", shown=MAX_TABLE_ROWS, total=len(table)))
    st.dataframe(readable_facts(table.head(MAX_TABLE_ROWS), ctx), hide_index=True, key="commitments-table")
    download_csv(table, file_name("commitments", table, "-".join(words)), key="csv-commitments", labels=labels)
