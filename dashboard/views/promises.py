"""A region's track record: per indicator, the target of each year (a band for 左右, a bound
for 以上/以内, a range) against the outcome, values written on the chart, and under each chart
the rule used and the documents every figure comes from."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard import charts, data, frames
from dashboard.labels import Labels
from dashboard.views.common import Context, chart, download_csv, file_name, nothing_to_show
from db.rules import default_tolerances
from etl.figures import figure

# Each chart costs the browser a fraction of a second to draw: the most-promised indicators
# come first, a few at a time; a button draws more, the sidebar's indicator filter any one.
CHARTS_AT_ONCE = 4
SHOWN_KEY = "promises_shown"
# Markdown would read these in a document's title (and $ as the start of a formula).
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~])")


def draw(ctx: Context) -> None:
    plotted = frames.promises(ctx.scorecard)
    if nothing_to_show(ctx, plotted):
        return
    st.caption(ctx.labels.ui("promises_intro"))
    without = [r for r in ctx.sel.regions if r not in set(plotted["region"])]
    if without:
        # A chosen region must not vanish without a word.
        st.info(ctx.labels.ui("regions_without_targets", regions="、".join(without)), icon=":material/info:")
    documents = data.documents(ctx.url, tuple(sorted(set(plotted["region"]))))
    # Outcomes of imported tables (documents of no region) cite the publication their row names.
    reports = set(documents.loc[documents["doc_type"] != "imported_table", "id"])
    named = data.fact_sources(ctx.url, tuple(sorted(
        int(f) for f, d in zip(plotted["outcome_fact_id"], plotted["outcome_document_id"])
        if pd.notna(f) and (pd.isna(d) or int(d) not in reports))))
    groups = frames.indicator_groups(plotted, ctx.catalog.indicators["code"])
    shown = st.session_state.setdefault(SHOWN_KEY, CHARTS_AT_ONCE)
    for (indicator, measure, unit), rows in groups[:shown]:
        slug = f"{indicator}-{measure}"
        name = file_name("promises", rows, slug)
        chart(_figure(rows, ctx.labels.lang), key=f"promises-{slug}-{unit}",
              file_stem=name.removesuffix(".csv"), alt=_alt(ctx, rows))
        _caption(ctx, frames.sources(rows, documents, named))
        download_csv(rows, name, key=f"csv-promises-{slug}-{unit}", labels=ctx.labels)
    if len(groups) > shown:
        hidden = len(groups) - shown
        st.button(ctx.labels.ui("more_charts", more=min(hidden, CHARTS_AT_ONCE), count=hidden), key="promises-more",
                  on_click=_show_more, icon=":material/expand_more:")


def _show_more() -> None:
    st.session_state[SHOWN_KEY] += CHARTS_AT_ONCE


@st.cache_data(show_spinner=False, max_entries=128)
def _figure(rows: pd.DataFrame, lang: str):
    """A chart, built once per rows and language: building it costs more than the query behind
    it, and a reader going back to this tab asks for the same charts again."""
    return charts.promises_figure(rows, Labels(lang))


def _caption(ctx: Context, sources: pd.DataFrame) -> None:
    """The rule in words, the latest year's sources, and every year's in an expander."""
    labels = ctx.labels
    tolerances = default_tolerances()
    lines = [labels.ui("rule", points=f"{tolerances.points:g}", percent=f"{tolerances.level_percent:g}")]
    # Plain records grouped by year: a chart of forty years has eighty sources to list.
    by_year: dict[int, list[dict]] = {}
    for source in sources.to_dict("records"):
        by_year.setdefault(int(source["year"]), []).append(source)
    if by_year:
        latest = max(by_year)
        lines.append(labels.ui("latest_sources", year=latest, sources=_source_line(by_year[latest], labels)))
    st.caption("  \n".join(lines))
    if len(by_year) > 1:
        documents = {(s["title"], s["url"], s["report_year"]) for year in by_year.values() for s in year}
        with st.expander(labels.ui("all_sources", count=len(documents))):
            st.markdown("\n".join(f"- {year} · {_source_line(found, labels)}" for year, found in by_year.items()))


def _source_line(sources: list[dict], labels) -> str:
    """"目标:[全国 2024年 政府工作报告](url) · 结果:[…统计公报](url)" for one year's sources."""
    parts = []
    for role in ("target", "outcome"):
        links = list(dict.fromkeys(_link(s) for s in sources if s["role"] == role))
        if links:
            parts.append(f"{labels.ui(role)}: " + "; ".join(links))
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
