"""Who keeps promises: for one indicator over the sidebar's years, each region's share of
targets kept, across the provinces or across the cities of one province, sortable."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, data, export, frames
from dashboard.views.common import (
    Context, chart, download_csv, empty, indicator_choice_label, indicator_choices, pick, unavailable,
)

PROVINCES = "provinces"


def draw(ctx: Context) -> None:
    if unavailable(ctx):
        return
    labels = ctx.labels
    regions = ctx.catalog.regions
    provinces = regions.loc[regions["level"] == "province", "name"].tolist()
    first, second, third = st.columns([2, 2, 2])
    with first:
        code = pick(ctx, "keepers_indicator", labels.ui("indicator"), ctx.indicators, format_func=ctx.indicator_name)
    with third:
        scope = pick(ctx, "scope", labels.ui("keepers_scope"), [PROVINCES, *provinces],
                     format_func=lambda s: labels.ui("all_provinces") if s == PROVINCES
                     else labels.ui("cities_of", province=s))
    # One indicator across every region: narrow enough a query, without sentences and sources.
    every = data.scorecard(ctx.url, None, ctx.sel.year_list, (code,), evidence=False)
    if scope == PROVINCES:
        rows = every[every["region_level"] == "province"]
    else:
        rows = every[(every["region_level"] == "prefecture") & (every["parent_region"] == scope)]
    rows = ctx.filtered(rows)
    if rows.empty:
        empty(ctx, "no_keepers")
        return
    with second:
        choice = pick(ctx, "keepers_measure", labels.ui("measure"), indicator_choices(rows),
                      format_func=indicator_choice_label(ctx))
    measure = choice.rpartition(":")[2]
    table = frames.keepers(rows[rows["measure"] == measure])
    name = export.file_name("keepers", table["region"].tolist(), list(ctx.sel.year_list), f"{code}-{measure}")
    chart(charts.keepers_figure(table, labels, chosen=ctx.sel.regions), key="keepers", file_stem=name.removesuffix(".csv"),
          alt=labels.ui("tab_keepers"))
    st.caption(labels.ui("keepers_caption"))
    shown = table.assign(share_kept=table["share_kept"] * 100,
                         region_level=table["region_level"].map(labels.region_level))
    st.dataframe(shown.rename(columns={c: labels.ui(c) for c in frames.KEEPER_COLUMNS}), hide_index=True,
                 key="keepers-table",
                 column_config={labels.ui("share_kept"): st.column_config.NumberColumn(format="%.0f%%")})
    download_csv(table, name, key="csv-keepers", labels=labels)
