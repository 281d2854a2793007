"""Escalation (层层加码): a region's target beside its parent city's and province's, and, across
all regions of one level, how far targets sit above the government above them."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, data, frames
from dashboard.views.common import (
    Context, chart, download_csv, empty, file_name, indicator_choice_label, indicator_choices,
    nothing_to_show, pick,
)

# Levels that have a government above them.
LOWER_LEVELS = ("prefecture", "county")


def draw(ctx: Context) -> None:
    frame = ctx.scorecard
    frame = frame[frame["unit"].isin(frames.RATE_UNITS)]
    if nothing_to_show(ctx, frame):
        return
    labels = ctx.labels
    first, second, third = st.columns([2, 3, 1])
    with first:
        region = pick(ctx, "region", labels.ui("region"), [r for r in ctx.sel.regions if r in set(frame["region"])]
                      or list(ctx.sel.regions))
    own = frame[frame["region"] == region]
    choices = indicator_choices(own if len(own) else frame, ctx.catalog.indicators["code"])
    with second:
        choice = pick(ctx, "indicator", labels.ui("indicator"), choices, format_func=indicator_choice_label(ctx))
    indicator, _, measure = choice.rpartition(":")
    with third:
        year = int(pick(ctx, "year", labels.ui("year"), sorted(frame["year"].unique().tolist(), reverse=True)))
    _chain(ctx, region, indicator, measure, year)
    _spread(ctx, region, indicator, measure, year)


def _chain(ctx: Context, region: str, indicator: str, measure: str, year: int) -> None:
    labels = ctx.labels
    st.subheader(labels.ui("escalation_chain"))
    chain = frames.ancestry(region, ctx.parents)
    rows = frames.escalation_chain(data.scorecard(ctx.url, tuple(chain), (year,), (indicator,)),
                                   chain, indicator, measure, year)
    if rows.empty:
        empty(ctx, "no_parent")
        return
    if len(rows) == 1:
        # The chart still shows the region's own target: say only what is missing.
        empty(ctx, "no_parent_target")
    elif missing := [r for r in chain if r not in set(rows["region"])]:
        # A government in between without a target must not vanish from the chain unsaid.
        st.info(labels.ui("regions_without_targets", regions="、".join(missing)), icon=":material/info:")
    name = file_name("escalation", rows, f"{indicator}-{measure}")
    chart(charts.escalation_figure(rows, labels), key="escalation", file_stem=name.removesuffix(".csv"),
          alt=labels.ui("escalation_chain"))
    download_csv(rows, name, key="csv-escalation", labels=labels)
    # A range's upper end, where one of the targets is a range ("4.5%—5%").
    high = ["target_value_high"] if rows["comparator"].eq("range").any() else []
    shown = rows[["region", "target_value", *high, "unit", "comparator", "target_sentence"]].assign(
        comparator=rows["comparator"].map(labels.comparator))
    st.dataframe(shown.rename(columns={"target_value": "target", "target_value_high": "target_high"})
                 .rename(columns=labels.ui), hide_index=True, key="escalation-table")


def _spread(ctx: Context, region: str, indicator: str, measure: str, year: int) -> None:
    labels = ctx.labels
    st.subheader(labels.ui("escalation_spread"))
    levels = ctx.catalog.regions.set_index("name")["level"].to_dict()
    own_level = levels.get(region)
    level = pick(ctx, "level", labels.ui("level"), LOWER_LEVELS,
                 default=own_level if own_level in LOWER_LEVELS else LOWER_LEVELS[-1],
                 format_func=labels.region_level)
    # Every region's target for this one indicator and year: the query is narrow enough, and
    # without the sentences and sources, which the spread does not show.
    everyone = data.scorecard(ctx.url, None, (year,), (indicator,), evidence=False)
    spread = frames.escalation_spread(everyone, ctx.parents, level, indicator, measure, year)
    if spread.empty:
        empty(ctx, "no_rows")
        return
    name = file_name("escalation-spread", spread, f"{indicator}-{measure}")
    chart(charts.spread_figure(spread, labels), key="spread", file_stem=name.removesuffix(".csv"),
          alt=labels.ui("escalation_spread"))
    download_csv(spread, name, key="csv-spread", labels=labels)
