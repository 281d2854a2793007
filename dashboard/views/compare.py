"""Compare regions: one indicator across regions for one year, targets and outcomes."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, data, frames
from dashboard.state import seed_choice
from dashboard.views.common import (
    Context, chart, download_csv, empty, file_name, indicator_choice_label, indicator_choices,
    nothing_to_show, pick,
)


def draw(ctx: Context) -> None:
    frame = ctx.scorecard
    if nothing_to_show(ctx, frame):
        return
    labels = ctx.labels
    left, right, third = st.columns([3, 1, 1])
    with left:
        choice = pick(ctx, "indicator", labels.ui("indicator"), indicator_choices(frame, ctx.catalog.indicators["code"]),
                      format_func=indicator_choice_label(ctx))
    years = sorted(frame["year"].unique().tolist(), reverse=True)
    with right:
        year = pick(ctx, "year", labels.ui("year"), years)
    with third:
        seed_choice(st.session_state, ctx.query, "compare_all", [False, True], False)
        every_region = st.toggle(labels.ui("all_regions"), key="compare_all")
    indicator, _, measure = choice.rpartition(":")
    if every_region:
        # Every region's target for this one indicator and year: the query is narrow enough,
        # and without the sentences and sources, which the comparison does not show.
        rows = ctx.filtered(data.scorecard(ctx.url, None, (int(year),), (indicator,), evidence=False))
    else:
        rows = frame
    plotted = frames.compare(rows, indicator, measure, int(year))
    if plotted.empty:
        empty(ctx, "no_rows")
        return
    name = file_name("compare", plotted, f"{indicator}-{measure}")
    chart(charts.compare_figure(plotted, labels), key="compare", file_stem=name.removesuffix(".csv"),
          alt=labels.ui("tab_compare"))
    download_csv(plotted, name, key="csv-compare", labels=labels)
