"""Scorecard: every target with its outcome, gap, status and source sentences, and the totals of
kept, missed and pending promises per region and year."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data, frames
from dashboard.labels import Labels, status_colours
from dashboard.views.common import Context, chart, download_csv, file_name, nothing_to_show
from etl.figures import figure

# Beyond this many rows the table is cut (and says so); the CSV always holds every row.
MAX_TABLE_ROWS = 2000


def draw(ctx: Context) -> None:
    frame = ctx.scorecard
    if nothing_to_show(ctx, frame):
        return
    labels = ctx.labels
    totals = frames.totals(frame)
    _metrics(totals, labels)
    st.subheader(labels.ui("totals"))
    name = file_name("totals", totals)
    chart(charts.totals_figure(totals, labels), key="totals", file_stem=name.removesuffix(".csv"),
          alt=labels.ui("totals"))
    download_csv(totals, name, key="csv-totals", labels=labels)

    st.subheader(labels.ui("targets_table"))
    table = frames.scorecard_table(frame)
    shown = table.head(MAX_TABLE_ROWS)
    if len(table) > len(shown):
        st.caption(labels.ui("rows_shown", shown=len(shown), total=len(table)))
    documents = data.documents(ctx.url, tuple(ctx.sel.regions))
    reports = set(documents.loc[documents["doc_type"] != "imported_table", "id"])
    st.dataframe(_styled(_readable(shown, ctx, reports), labels), hide_index=True, key="scorecard-table")
    download_csv(table, file_name("scorecard", table), key="csv-scorecard", labels=labels)


def _metrics(totals: pd.DataFrame, labels: Labels) -> None:
    columns = st.columns(len(frames.TOTAL_GROUPS))
    for column, group in zip(columns, frames.TOTAL_GROUPS):
        name = labels.ui(group) if group == "kept" else labels.status(group)
        column.metric(name, int(totals[group].sum()) if len(totals) else 0)


def _readable(table: pd.DataFrame, ctx: Context, reports: set[int]) -> pd.DataFrame:
    """The table in the reader's language: names instead of codes, figures as people write them
    (300亿元, 7%, -1 pp), headers translated. The CSV keeps the plain numbers and codes."""
    labels = ctx.labels
    gap_units = table["unit"].map(lambda unit: "pp" if unit == "%" else unit)
    return pd.DataFrame({
        labels.ui("region"): table["region"],
        labels.ui("year"): table["year"],
        labels.ui("indicator"): [labels.indicator(c, zh, en) for c, zh, en in
                                 zip(table["indicator"], table["indicator_zh"], table["indicator_en"])],
        labels.ui("measure"): [labels.measure(m, u) for m, u in zip(table["measure"], table["unit"])],
        labels.ui("target"): [figure(v, u) for v, u in zip(table["target_value"], table["unit"])],
        labels.ui("comparator"): table["comparator"].map(labels.comparator),
        labels.ui("outcome"): [figure(v, u) for v, u in zip(table["outcome_value"], table["unit"])],
        labels.ui("outcome_kind"): table["outcome_kind"].map(labels.outcome_kind),
        labels.ui("gap"): [labels.figure(v, u) for v, u in zip(table["gap"], gap_units)],
        labels.ui("status"): table["status"].map(labels.status),
        labels.ui("target_sentence"): table["target_sentence"],
        labels.ui("outcome_sentence"): [_evidence(s, d, reports, labels) for s, d in
                                        zip(table["outcome_sentence"], table["outcome_document_id"])],
        labels.ui("outcome_source"): table["outcome_source_title"].fillna("—"),
    })


def _evidence(sentence, document_id, reports: set[int], labels: Labels) -> str:
    """The outcome's sentence; for a figure from an imported table (a document that is no
    report of these regions) its row is no sentence: the source column says where it is from."""
    if not isinstance(sentence, str) or not sentence:
        return "—"
    if pd.notna(document_id) and int(document_id) not in reports:
        return labels.ui("imported_figure")
    return sentence


def _styled(table: pd.DataFrame, labels: Labels):
    """The status cell in its status colour, the same mapping the charts use."""
    by_name = {labels.status(code): colour for code, colour in status_colours().items()}
    return table.style.map(lambda v: f"color: {by_name[v]}; font-weight: bold" if v in by_name else "",
                           subset=[labels.ui("status")])
