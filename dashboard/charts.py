"""Plotly figures from the frames of dashboard.frames: pure functions, no Streamlit, no database.

Targets are drawn in one neutral colour (a band for 左右, a triangle for a bound); outcomes
are points coloured by status from the single mapping in style.toml, hollow when preliminary
and diamonds when derived.
"""
from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.frames import STATUSES, TOTAL_GROUPS
from dashboard.labels import Labels, status_colours, style

MAX_COLUMNS = 3
HEIGHT_PER_ROW = 320
# Beyond this many years in a panel the targets' wording is left to the band and the hover:
# written on every year it would overlap its neighbours.
TARGET_TEXT_UP_TO_YEARS = 15


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round values (steps of 1, 2, 2.5 or 5 × 10ⁿ) from below `low` to above `high`."""
    if high == low:     # one value: a little room either side of it
        low, high = low - (abs(low) / 10 or 1.0), high + (abs(high) / 10 or 1.0)
    span = high - low
    magnitude = 10 ** math.floor(math.log10(span / count))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= span / count)
    first = math.floor(low / step) * step
    steps = math.ceil((high - first) / step - 1e-9)
    return [round(first + i * step, 9) for i in range(steps + 1)]


def value_axis(values: pd.Series, unit: str, labels: Labels) -> dict:
    """Ticks written as reports write figures (1300万人, 5%), never 13M or 9.999999999B."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    if numbers.empty:
        return {}
    ticks = nice_ticks(float(numbers.min()), float(numbers.max()))
    return dict(tickmode="array", tickvals=ticks, ticktext=[labels.figure(v, unit) for v in ticks])


def _plotted_values(frame: pd.DataFrame) -> pd.Series:
    columns = [c for c in ("target_value", "target_low", "target_high", "outcome_value") if c in frame]
    return pd.concat([frame[c] for c in columns], ignore_index=True)


def _safe(values) -> list[str]:
    """Names read from documents, escaped: Plotly reads tags (<a>, <b> …) in any text it draws."""
    return [html.escape(str(v)) for v in values]


def _target_text(row, labels: Labels) -> str:
    strive = labels.ui("strive") + " " if bool(row.get("strive")) else ""
    return f"{strive}{labels.figure(row['target_value'], row['unit'])} {labels.comparator(row['comparator'])}".strip()


def _outcome_text(row, labels: Labels) -> str:
    return (f"{labels.figure(row['outcome_value'], row['unit'])} ({labels.outcome_kind(row['outcome_kind'])}) · "
            f"{labels.status(row['status'])}")


def _printed(row, labels: Labels) -> str:
    """What a reader sees written beside a year: "目标 5%左右 · 实际 5.2%"."""
    target = f"{labels.ui('target')} {_target_text(row, labels)}"
    if pd.isna(row["outcome_value"]):
        return f"{target} · {labels.status(row['status'])}"
    return f"{target} · {labels.ui('actual')} {labels.figure(row['outcome_value'], row['unit'])}"


def _add_targets(fig: go.Figure, rows: pd.DataFrame, x: pd.Series, labels: Labels,
                 subplot: dict, showlegend: bool, written: bool = False) -> None:
    """A band for each 左右 target, a marker at every target value (a triangle for a bound);
    `written`: its wording printed under each marker."""
    look = style("target")
    symbols = style("target_symbol")
    hover = [_printed(r, labels) for r in rows.to_dict("records")]
    bands = rows["comparator"].isin(["approx", "range"])
    if bands.any():
        fig.add_trace(go.Bar(
            x=x[bands], y=(rows["target_high"] - rows["target_low"])[bands], base=rows["target_low"][bands],
            width=0.5, marker_color=look["colour"], opacity=look["band_opacity"],
            name=labels.ui("band"), legendgroup="band", showlegend=showlegend,
            hoverinfo="skip"), **subplot)
    wording = [_target_text(r, labels) for r in rows.to_dict("records")] if written else None
    fig.add_trace(go.Scatter(
        x=x, y=rows["target_value"], mode="markers+text" if written else "markers", name=labels.ui("target"),
        marker=dict(symbol=[symbols.get(c, "line-ew-open") for c in rows["comparator"]],
                    size=16, color=look["colour"], line=dict(width=2, color=look["colour"])),
        text=wording, textposition="bottom center", textfont=dict(size=11, color=look["colour"]),
        customdata=hover, hovertemplate="%{customdata}<extra>" + labels.ui("target") + "</extra>",
        legendgroup="target", showlegend=showlegend), **subplot)


def _add_outcome_line(fig: go.Figure, rows: pd.DataFrame, x: pd.Series, subplot: dict) -> None:
    """The outcomes joined year to year, under their points: the path the figure took."""
    has = rows["outcome_value"].notna()
    if has.sum() < 2:
        return
    fig.add_trace(go.Scatter(x=x[has], y=rows.loc[has, "outcome_value"], mode="lines",
                             line=dict(color=status_colours()["pending"], width=1.5),
                             hoverinfo="skip", showlegend=False), **subplot)


def _add_outcomes(fig: go.Figure, rows: pd.DataFrame, x: pd.Series, labels: Labels,
                  subplot: dict, written: bool = False) -> None:
    """One trace per status, each outcome's figure printed above it when `written`; the
    legend's key is drawn apart (see _add_key)."""
    colours = status_colours()
    symbols = style("outcome_symbol")
    has = rows["outcome_value"].notna()
    for status in STATUSES:
        part = has & rows["status"].eq(status)
        if not part.any():
            continue
        sub = rows[part]
        records = sub.to_dict("records")
        fig.add_trace(go.Scatter(
            x=x[part], y=sub["outcome_value"], mode="markers+text" if written else "markers",
            name=labels.status(status),
            marker=dict(symbol=[symbols.get(k, "circle") for k in sub["outcome_kind"]], size=13,
                        color=colours[status], line=dict(width=2, color=colours[status])),
            text=[labels.figure(r["outcome_value"], r["unit"]) for r in records] if written else None,
            textposition="top center", textfont=dict(size=11, color=colours[status]),
            customdata=[f"{_printed(r, labels)} ({_outcome_text(r, labels)})" for r in records],
            hovertemplate="%{customdata}<extra>" + labels.ui("outcome") + "</extra>",
            legendgroup=status, showlegend=False), **subplot)


def _add_key(fig: go.Figure, rows: pd.DataFrame, labels: Labels) -> None:
    """Legend entries without data: a filled dot per status, then the marks of preliminary and
    derived outcomes. Plotly would otherwise draw each status with its first point's mark."""
    colours = status_colours()
    symbols = style("outcome_symbol")
    with_outcome = rows[rows["outcome_value"].notna()]
    for status in STATUSES:
        if status in set(with_outcome["status"]):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels.status(status),
                                     marker=dict(symbol="circle", size=11, color=colours[status]),
                                     legendgroup=status, hoverinfo="skip"))
    for kind in ("estimated", "derived"):
        if kind in set(with_outcome["outcome_kind"]):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels.outcome_kind(kind),
                                     marker=dict(symbol=symbols[kind], size=11, color=style("target")["colour"],
                                                 line=dict(width=2)),
                                     legendgroup=f"kind-{kind}", hoverinfo="skip"))


def _title(rows: pd.DataFrame, labels: Labels) -> str:
    first = rows.iloc[0]
    name = labels.indicator(first["indicator"], first.get("indicator_zh"), first.get("indicator_en"))
    return html.escape(f"{name} · {labels.measure(first['measure'], first['unit'])} ({first['unit']})")


def promises_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """One indicator and measure: a panel per region, years across, target against outcome."""
    regions = list(dict.fromkeys(frame["region"]))
    cols = min(len(regions), MAX_COLUMNS) or 1
    nrows = max(1, math.ceil(len(regions) / cols))
    fig = make_subplots(rows=nrows, cols=cols, shared_yaxes=True, subplot_titles=_safe(regions) or None,
                        horizontal_spacing=0.04, vertical_spacing=0.12)
    for i, region in enumerate(regions):
        rows = frame[frame["region"] == region].reset_index(drop=True)
        subplot = dict(row=i // cols + 1, col=i % cols + 1)
        few = rows["year"].nunique() <= TARGET_TEXT_UP_TO_YEARS
        _add_targets(fig, rows, rows["year"], labels, subplot, showlegend=i == 0, written=few)
        _add_outcome_line(fig, rows, rows["year"], subplot)
        _add_outcomes(fig, rows, rows["year"], labels, subplot, written=True)
    _add_key(fig, frame, labels)
    years = frame["year"].astype(int) if len(frame) else pd.Series([0])
    fig.update_xaxes(dtick=1, tickformat="d", range=[years.min() - 0.6, years.max() + 0.6])
    if len(frame):
        fig.update_yaxes(**value_axis(_plotted_values(frame), frame["unit"].iloc[0], labels))
    fig.update_layout(title=_title(frame, labels) if len(frame) else None,
                      height=HEIGHT_PER_ROW * nrows + 60, barmode="overlay",
                      margin=dict(t=80, l=40, r=20, b=40), legend=dict(orientation="h", y=-0.15))
    return fig


def compare_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """One indicator and year: regions across, target against outcome."""
    fig = go.Figure()
    x = pd.Series(_safe(frame["region"]), index=frame.index)
    _add_targets(fig, frame, x, labels, {}, showlegend=True)
    _add_outcomes(fig, frame, x, labels, {})
    _add_key(fig, frame, labels)
    fig.update_layout(title=_title(frame, labels) if len(frame) else None, barmode="overlay",
                      xaxis=dict(type="category"), height=420, legend=dict(orientation="h", y=-0.2))
    if len(frame):
        fig.update_yaxes(**value_axis(_plotted_values(frame), frame["unit"].iloc[0], labels))
    return fig


def totals_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Stacked counts of kept, missed, pending targets per region and year."""
    colours = status_colours()
    x = [_safe(frame["region"]), frame["year"].astype(str).tolist()]
    fig = go.Figure()
    for group, members in TOTAL_GROUPS.items():
        name = labels.ui(group) if group == "kept" else labels.status(group)
        fig.add_trace(go.Bar(x=x, y=frame[group], name=name, marker_color=colours[members[-1]]))
    # A few bars stay slim rather than filling the width.
    fig.update_layout(barmode="stack", height=380, legend=dict(orientation="h", y=-0.25),
                      bargap=max(0.2, 0.8 - 0.1 * len(frame)))
    return fig


def escalation_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """A region's target beside those of the governments above it, qualifier written on each bar."""
    look = style("target")
    text = [_target_text(r, labels) for r in frame.to_dict("records")]
    fig = go.Figure(go.Bar(x=_safe(frame["region"]), y=frame["target_value"], text=text,
                           textposition="outside", textfont=dict(size=15), marker_color=look["colour"],
                           hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_layout(title=_title(frame, labels) if len(frame) else None, height=380,
                      xaxis=dict(type="category"), yaxis=dict(rangemode="tozero"))
    if len(frame):
        fig.update_yaxes(**value_axis(pd.concat([frame["target_value"], pd.Series([0.0])]), frame["unit"].iloc[0],
                                     labels))
    return fig


def spread_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Regions of one level, by how many points their target sits above the reference's."""
    look = style("target")
    text = [f"{labels.figure(r['target_value'], r['unit'])} {labels.comparator(r['comparator'])} vs "
            f"{r['reference_region']} {labels.figure(r['reference_target_value'], r['unit'])} "
            f"{labels.comparator(r['reference_comparator'])}" for r in frame.to_dict("records")]
    fig = go.Figure(go.Bar(x=frame["excess"], y=_safe(frame["region"]), orientation="h", text=_safe(text),
                           marker_color=look["colour"], hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_layout(height=max(300, 28 * len(frame) + 120), xaxis_title=labels.ui("excess"),
                      yaxis=dict(type="category", autorange="reversed"))
    return fig


def keepers_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Regions by the share of their judged targets kept, "kept of judged" written on each bar."""
    colours = status_colours()
    judged = frame[frame["scored"] > 0]
    text = [f"{k}/{s} ({share:.0%})" for k, s, share in zip(judged["kept"], judged["scored"], judged["share_kept"])]
    fig = go.Figure(go.Bar(x=judged["share_kept"] * 100, y=_safe(judged["region"]), orientation="h",
                           text=text, textposition="outside", marker_color=colours["met"],
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_layout(height=34 * len(judged) + 130, bargap=0.35, xaxis=dict(range=[0, 115], ticksuffix="%"),
                      xaxis_title=labels.ui("share_kept"), yaxis=dict(type="category", autorange="reversed"),
                      margin=dict(l=10, r=20, t=30, b=40))
    return fig
