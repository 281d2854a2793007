"""Promises vs outcomes: per indicator, each target against its outcome over the years."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, frames
from dashboard.views.common import Context, chart, download_csv, file_name, nothing_to_show
from etl.figures import figure

# More charts than this make the page slow to draw and hard to read; the rest are counted.
MAX_CHARTS = 12


def draw(ctx: Context) -> None:
    plotted = frames.promises(ctx.scorecard)
    if nothing_to_show(ctx, plotted):
        return
    st.caption(ctx.labels.ui("promises_intro"))
    groups = frames.indicator_groups(plotted, ctx.catalog.indicators["code"])
    for (indicator, measure, unit), rows in groups[:MAX_CHARTS]:
        slug = f"{indicator}-{measure}"
        name = file_name("promises", rows, slug)
        chart(charts.promises_figure(rows, ctx.labels), key=f"promises-{slug}-{unit}",
              file_stem=name.removesuffix(".csv"), alt=_alt(ctx, rows))
        download_csv(rows, name, key=f"csv-promises-{slug}-{unit}", labels=ctx.labels)
    if len(groups) > MAX_CHARTS:
        st.caption(ctx.labels.ui("more_charts", count=len(groups) - MAX_CHARTS))


def _alt(ctx: Context, rows) -> str:
    """What the chart says, in words, for screen readers."""
    labels = ctx.labels
    return "; ".join(
        f"{r['region']} {r['year']}: {labels.ui('target')} {figure(r['target_value'], r['unit'])} "
        f"{labels.comparator(r['comparator'])}, {labels.ui('outcome')} {figure(r['outcome_value'], r['unit'])}, "
        f"{labels.status(r['status'])}" for r in rows.to_dict("records"))
