"""What every view shares: the context it draws from, CSV buttons, charts, empty states, and
the guard that turns any failure into a message instead of a traceback."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data, export, frames
from dashboard.data import Catalog
from dashboard.labels import Labels
from dashboard.sidebar import Selection
from dashboard.state import Query, seed_choice
from etl.figures import figure

log = logging.getLogger("dashboard")


@dataclass
class Context:
    url: str
    catalog: Catalog
    sel: Selection
    labels: Labels
    query: Query = field(default_factory=dict)

    @property
    def indicators(self) -> tuple[str, ...]:
        """The sidebar's indicators; none chosen means the headline ones."""
        return self.sel.indicators or tuple(self.catalog.headline_codes)

    @cached_property
    def scorecard(self) -> pd.DataFrame:
        """Targets of the sidebar's selection, filtered in the query, then by status and wording."""
        return self.filtered(data.scorecard(self.url, self.sel.regions, self.sel.year_list, self.indicators))

    def filtered(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Scorecard rows kept by the sidebar's status, wording and outcome filters."""
        return frames.apply_filters(rows, self.sel.statuses, self.sel.comparators, self.sel.outcome_kinds)

    @cached_property
    def parents(self) -> dict[str, str | None]:
        regions = self.catalog.regions
        return {n: (p if isinstance(p, str) else None) for n, p in zip(regions["name"], regions["parent"])}

    @cached_property
    def indicator_codes(self) -> set[str]:
        return set(self.catalog.indicators["code"])

    @cached_property
    def _indicator_names(self) -> dict[str, tuple[str, str]]:
        rows = self.catalog.indicators
        return {code: (zh, en) for code, zh, en in zip(rows["code"], rows["zh"], rows["en"])}

    def indicator_name(self, code: str) -> str:
        zh, en = self._indicator_names.get(code, (None, None))
        return self.labels.indicator(code, zh, en)


def guarded(draw: Callable[[Context], None], ctx: Context) -> None:
    """Draw a view; if it fails, say so in one line and keep the details in the server log."""
    try:
        draw(ctx)
    except Exception:  # noqa: BLE001 - a view must never show a traceback
        log.exception("view %s failed", getattr(draw, "__module__", draw))
        st.error(ctx.labels.ui("view_failed"))


def download_csv(frame: pd.DataFrame, name: str, key: str, labels: Labels) -> None:
    """The frame a chart or table shows, as CSV for Excel; downloading does not rerun the app.
    The file is written when the button is pressed: written on every run, the CSV of a long
    table took most of the time its tab took to open, for a button few readers press."""
    st.download_button(labels.ui("download_csv"), data=partial(export.csv_bytes, frame), file_name=name,
                       mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


def chart(fig: go.Figure, key: str, file_stem: str, alt: str) -> None:
    """A Plotly chart whose own PNG download names the same region, years and indicator."""
    config = {"displaylogo": False, "toImageButtonOptions": {"filename": file_stem, "scale": 2}}
    st.plotly_chart(fig, key=key, config=config, alt=alt)


def file_name(view: str, frame: pd.DataFrame, indicator: str = "") -> str:
    """Named for what the frame holds: its regions, its years, its indicator."""
    regions = frame["region"].dropna().unique().tolist() if "region" in frame else []
    years = frame["year"].dropna().astype(int).unique().tolist() if "year" in frame else []
    return export.file_name(view, regions, years, indicator)


def readable_facts(table: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Facts in the reader's language, figures as people write them; the CSV keeps the codes."""
    labels = ctx.labels
    columns = {}
    if "number" in table:
        columns[labels.ui("fact_number")] = table["number"]
    columns.update({
        labels.ui("region"): table["region"],
        labels.ui("kind"): table["kind"].map(labels.kind),
        labels.ui("year"): table["year"],
        labels.ui("indicator"): [ctx.indicator_name(code) if code in ctx.indicator_codes else zh
                                 for code, zh in zip(table["indicator"], table["indicator_zh"])],
        labels.ui("measure"): table["measure"].map(labels.measure),
        labels.ui("value"): [figure(v, u) for v, u in zip(table["value"], table["unit"])],
        labels.ui("comparator"): table["comparator"].map(labels.comparator),
        labels.ui("estimated"): table["estimated"].map(lambda e: "✓" if e else ""),
        labels.ui("sentence"): table["sentence"],
    })
    if "source_title" in table:
        columns[labels.ui("source")] = table["source_title"]
    return pd.DataFrame(columns)


def empty(ctx: Context, key: str) -> None:
    st.info(ctx.labels.ui(key), icon=":material/info:")


def unavailable(ctx: Context) -> bool:
    """Show why nothing can be drawn yet (no documents, no region chosen) and say True."""
    if ctx.catalog.documents == 0:
        empty(ctx, "empty_database")
        return True
    if not ctx.sel.regions:
        empty(ctx, "choose_regions")
        return True
    return False


def nothing_to_show(ctx: Context, frame: pd.DataFrame) -> bool:
    """Show the right empty state and say True when there is nothing to draw."""
    if unavailable(ctx):
        return True
    if frame.empty:
        empty(ctx, "no_rows")
        return True
    return False


def pick(ctx: Context, key: str, label: str, options: Sequence, default=None,
         format_func: Callable = str) -> object:
    """A select box of a view, seeded from the URL like the sidebar's widgets."""
    options = list(options)
    seed_choice(st.session_state, ctx.query, key, options, options[0] if default is None else default)
    return st.selectbox(label, options, key=key, format_func=format_func)


def indicator_choices(frame: pd.DataFrame, order: Sequence[str] = ()) -> list[str]:
    """"code:measure" of the indicators in a frame: most targets first, then in catalog order."""
    counts = (frame["indicator"] + ":" + frame["measure"]).value_counts()
    rank = {code: i for i, code in enumerate(order)}

    def key(choice: str):
        return (-counts[choice], rank.get(choice.rpartition(":")[0], len(rank)), choice)
    return sorted(counts.index, key=key)


def indicator_choice_label(ctx: Context) -> Callable[[str], str]:
    def label(choice: str) -> str:
        code, _, measure = choice.rpartition(":")
        return f"{ctx.indicator_name(code)} · {ctx.labels.measure(measure)}"
    return label
