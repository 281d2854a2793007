"""A region's track record: per indicator, the target of each year (a band for 左右, a bound
for 以上/以内, a range) against the outcome, values written on the chart, and under each chart
the rule used and the documents every figure comes from."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, data, frames
from dashboard.labels import Labels
from dashboard.sidebar import Selection
from dashboard.views.common import Context, chart, download_csv, empty, file_name, unavailable
from db.rules import default_tolerances
from etl.figures import figure

# Each chart costs the browser a fraction of a second to draw: the most-promised indicators
# come first, a few at a time; a button draws more, the sidebar's indicator filter any one.
CHARTS_AT_ONCE = 4
SHOWN_KEY = "promises_shown"
# Markdown would read these in a document's title (and $ as the start of a formula).
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~])")


@dataclass(frozen=True)
class Panel:
    """One indicator's chart with its caption and rows, as every reader of a selection sees it."""
    key: str
    file_name: str
    figure: go.Figure
    alt: str
    caption: str
    all_sources: tuple[str, str] | None     # (expander title, every year's sources) when many years
    rows: pd.DataFrame                      # what the chart plots, for its CSV


@dataclass(frozen=True)
class TrackRecord:
    plotted: bool
    without: tuple[str, ...]                # chosen regions with no target to plot
    panels: tuple[Panel, ...]
    hidden: int                             # charts beyond the panels


def draw(ctx: Context) -> None:
    if unavailable(ctx):
        return
    shown = st.session_state.setdefault(SHOWN_KEY, CHARTS_AT_ONCE)
    record = track_record(ctx.url, ctx.sel, shown)
    if not record.plotted:
        empty(ctx, "no_rows")
        return
    st.caption(ctx.labels.ui("promises_intro"))
    if record.without:
        # A chosen region must not vanish without a word.
        st.info(ctx.labels.ui("regions_without_targets", regions="、".join(record.without)), icon=":material/info:")
    for panel in record.panels:
        _draw_panel(panel, ctx.labels)
    if record.hidden:
        st.button(ctx.labels.ui("more_charts", more=min(record.hidden, CHARTS_AT_ONCE), count=record.hidden),
                  key="promises-more", on_click=_show_more, icon=":material/expand_more:")


def _draw_panel(panel: Panel, labels: Labels) -> None:
    chart(panel.figure, key=f"promises-{panel.key}", file_stem=panel.file_name.removesuffix(".csv"), alt=panel.alt)
    st.caption(panel.caption)
    if panel.all_sources:
        title, listing = panel.all_sources
        # Written out only once opened: decades of sources under four charts are a fifth of
        # what a browser spends drawing the page, for a list few readers open.
        with st.expander(title, key=f"sources-{panel.key}", on_change="rerun") as box:
            if box.open:
                st.markdown(listing)
    download_csv(panel.rows, panel.file_name, key=f"csv-promises-{panel.key}", labels=labels)


def _show_more() -> None:
    st.session_state[SHOWN_KEY] += CHARTS_AT_ONCE


@data.shared(max_entries=64)
def track_record(url: str, sel: Selection, shown: int) -> TrackRecord:
    """The first `shown` charts of a selection, made once for all its readers: many readers
    open the same first view, and each would otherwise build the same charts."""
    ctx = Context(url=url, catalog=data.catalog(url), sel=sel, labels=Labels(sel.lang))
    # Panels in the order the reader chose the regions (全国, 山东省, 临沂市), not by name.
    plotted = frames.in_order(frames.promises(ctx.scorecard), "region", sel.regions)
    if plotted.empty:
        return TrackRecord(plotted=False, without=(), panels=(), hidden=0)
    without = tuple(r for r in sel.regions if r not in set(plotted["region"]))
    documents = data.documents(url, tuple(sorted(set(plotted["region"]))))
    # Outcomes of imported tables (documents of no region) cite the publication their row names.
    reports = set(documents.loc[documents["doc_type"] != "imported_table", "id"])
    named = data.fact_sources(url, tuple(sorted(
        int(f) for f, d in zip(plotted["outcome_fact_id"], plotted["outcome_document_id"])
        if pd.notna(f) and (pd.isna(d) or int(d) not in reports))))
    groups = frames.indicator_groups(plotted, ctx.catalog.indicators["code"])
    panels = tuple(_panel(ctx, key, rows, frames.sources(rows, documents, named)) for key, rows in groups[:shown])
    return TrackRecord(plotted=True, without=without, panels=panels, hidden=max(0, len(groups) - shown))


def _panel(ctx: Context, key: tuple[str, str, str], rows: pd.DataFrame, sources: pd.DataFrame) -> Panel:
    indicator, measure, unit = key
    slug = f"{indicator}-{measure}"
    caption, all_sources = _caption(ctx.labels, sources)
    return Panel(key=f"{slug}-{unit}", file_name=file_name("promises", rows, slug),
                 figure=_figure(rows, ctx.labels.lang), alt=_alt(ctx, rows), caption=caption,
                 all_sources=all_sources, rows=rows)


@st.cache_data(show_spinner=False, max_entries=128)
def _figure(rows: pd.DataFrame, lang: str):
    """A chart, built once per rows and language: building it costs more than the query behind
    it, and a reader going back to this tab asks for the same charts again."""
    return charts.promises_figure(rows, Labels(lang))


def _caption(labels: Labels, sources: pd.DataFrame) -> tuple[str, tuple[str, str] | None]:
    """The rule in words and the latest year's sources; with more than one year, every year's
    sources under a title (an expander on the page)."""
    tolerances = default_tolerances()
    lines = [labels.ui("rule", points=f"{tolerances.points:g}", percent=f"{tolerances.level_percent:g}")]
    # Plain records grouped by year: a chart of forty years has eighty sources to list.
    by_year: dict[int, list[dict]] = {}
    for source in sources.to_dict("records"):
        by_year.setdefault(int(source["year"]), []).append(source)
    if by_year:
        latest = max(by_year)
        lines.append(labels.ui("latest_sources", year=latest, sources=_source_line(by_year[latest], labels)))
    if len(by_year) <= 1:
        return "  \n".join(lines), None
    documents = {(s["title"], s["url"], s["report_year"]) for year in by_year.values() for s in year}
    listing = "\n".join(f"- {year} · {_source_line(found, labels)}" for year, found in by_year.items())
    return "  \n".join(lines), (labels.ui("all_sources", count=len(documents)), listing)


def _source_line(sources: list[dict], labels) -> str:
    """"目标：[全国 2024年 政府工作报告](url) · 结果：[…统计公报](url)" for one year's sources."""
    parts = []
    for role in ("target", "outcome"):
        links = list(dict.fromkeys(_link(s) for s in sources if s["role"] == role))
        if links:
            parts.append(labels.ui("role_sources", role=labels.ui(role),
                                   documents=labels.ui("list_separator").join(links)))
    return " · ".join(parts)


def _link(source: dict) -> str:
    """A document as a reader would cite it: its region and year when the title lacks them."""
    title = str(source["title"] or "").strip()
    year = source["report_year"]
    if pd.notna(year) and str(int(year)) not in title:
        title = f"{source['region']} {int(year)}年 {title}"
    elif source["doc_type"] == "work_report" and source["region"] not in title:
        title = f"{source['region']} {title}"     # "2023年政府工作报告" of which government
    text = _MARKDOWN.sub(r"\\\1", title)
    url = source["url"]
    return f"[{text}]({url})" if isinstance(url, str) and url.startswith(("http://", "https://")) else text


def _alt(ctx: Context, rows) -> str:
    """What the chart says, in words, for screen readers."""
    labels = ctx.labels
    return "; ".join(
        f"{r['region']} {r['year']}: {labels.ui('target')} {figure(r['target_value'], r['unit'])} "
        f"{labels.comparator(r['comparator'])}, {labels.ui('outcome')} {figure(r['outcome_value'], r['unit'])}, "
        f"{labels.status(r['status'])}" for r in rows.to_dict("records"))
