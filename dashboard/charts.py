"""Plotly figures from the frames of dashboard.frames: pure functions, no Streamlit, no database.

Targets are drawn in one neutral colour (a band for 左右, a triangle for a bound); outcomes
are points coloured by status from the single mapping in style.toml, hollow when preliminary
and diamonds when derived.
"""
from __future__ import annotations

import copy
import functools
import html
import math
from collections.abc import Collection

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.frames import STATUSES, TOTAL_GROUPS
from dashboard.labels import Labels, status_colours, style

MAX_COLUMNS = 3
HEIGHT_PER_ROW = 320
# Beyond this many years in a panel the targets' wording is left to the band and the hover,
# and the outcomes' figures go above and below their points in turn: written on every year
# above, they would overlap their neighbours.
TARGET_TEXT_UP_TO_YEARS = 15
YEAR_TICKS = 10     # at most this many steps between year ticks in a panel
# Room under a track record's panels for the year ticks and a row of the legend, set beforehand:
# a margin Plotly has to widen for them makes it lay the chart out twice, a fifth or more of
# what drawing one costs a browser. It still widens a margin that turns out too narrow.
BOTTOM_MARGIN = 100


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


def left_margin(tick_texts) -> int:
    """Pixels left of a chart for its widest tick ("1300万人" is wider than "5%"; "内蒙古自治区"),
    at the 12 px of Plotly's ticks (a Chinese character takes about 12 px, a digit or sign 7)
    with the ticks' own room beside them."""
    widest = max((sum(12 if ord(c) > 0x2E7F else 7 for c in text) for text in tick_texts), default=0)
    return max(50, widest + 34)


def year_step(span: int) -> int:
    """Years between ticks: every year over a short span, round steps over decades, so that a
    panel a third of the page wide is not crowded with labels."""
    return next(step for step in (1, 2, 5, 10, 20, 50) if span / step <= YEAR_TICKS)


def _plotted_values(frame: pd.DataFrame) -> pd.Series:
    columns = [c for c in ("target_value", "target_low", "target_high", "outcome_value") if c in frame]
    return pd.concat([frame[c] for c in columns], ignore_index=True)


def _safe(values) -> list[str]:
    """Names read from documents, escaped: Plotly reads tags (<a>, <b> …) in any text it draws."""
    return [html.escape(str(v)) for v in values]


def _target_text(row, labels: Labels) -> str:
    """A target as the report worded it: "5% 左右", "力争 6% 以上", a range "4.5%—5%", and a
    bare figure as it stands ("8%", not "8% (确数)")."""
    strive = labels.ui("strive") + " " if bool(row.get("strive")) else ""
    value = labels.figure(row["target_value"], row["unit"])
    high = row.get("target_value_high")
    if row["comparator"] == "range" and pd.notna(high):
        return f"{strive}{labels.ui('range_text', low=value, high=labels.figure(high, row['unit']))}"
    wording = "" if row["comparator"] == "exact" else labels.comparator(row["comparator"])
    return f"{strive}{value} {wording}".strip()


def _outcome_text(row, labels: Labels) -> str:
    return (f"{labels.figure(row['outcome_value'], row['unit'])} ({labels.outcome_kind(row['outcome_kind'])}) · "
            f"{labels.status(row['status'])}")


def _printed(row, labels: Labels) -> str:
    """What a reader sees written beside a year: "目标 5%左右 · 实际 5.2%"."""
    target = f"{labels.ui('target')} {_target_text(row, labels)}"
    if pd.isna(row["outcome_value"]):
        return f"{target} · {labels.status(row['status'])}"
    return f"{target} · {labels.ui('actual')} {labels.figure(row['outcome_value'], row['unit'])}"


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain specs, not checked property by property: graph_objects would check
    every value of every trace, which costs more than the query behind a chart. Every kind of
    chart is checked in full by the tests (tests/test_dashboard_charts.py)."""
    layout.setdefault("xaxis", {})
    layout.setdefault("yaxis", {})
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            # By default Plotly measures every tick label against the page to hide those that
            # stick out; ours cannot, and the measuring is about half of what a browser spends
            # drawing a chart.
            axis.setdefault("ticklabeloverflow", "allow")
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _values(series: pd.Series) -> list:
    """Numbers as JSON writes them: None where there is none."""
    return [None if pd.isna(v) else v for v in series.tolist()]


def _target_traces(rows: pd.DataFrame, x: list, labels: Labels, axes: dict, showlegend: bool,
                   written: bool = False) -> list[dict]:
    """A band for each 左右 target, a marker at every target value (a triangle for a bound);
    `written`: its wording printed under each marker."""
    look = style("target")
    symbols = style("target_symbol")
    records = rows.to_dict("records")
    traces = []
    bands = rows["comparator"].isin(["approx", "range"]).tolist()
    if any(bands):
        banded = [r for r, b in zip(records, bands) if b]
        traces.append(dict(
            type="bar", x=[v for v, b in zip(x, bands) if b],
            y=[r["target_high"] - r["target_low"] for r in banded], base=[r["target_low"] for r in banded],
            width=0.5, marker=dict(color=look["colour"]), opacity=look["band_opacity"],
            name=labels.ui("band"), legendgroup="band", showlegend=showlegend, hoverinfo="skip", **axes))
    trace = dict(
        type="scatter", x=x, y=_values(rows["target_value"]), mode="markers+text" if written else "markers",
        name=labels.ui("target"),
        marker=dict(symbol=[symbols.get(r["comparator"], "line-ew-open") for r in records],
                    size=16, color=look["colour"], line=dict(width=2, color=look["colour"])),
        textposition="bottom center", textfont=dict(size=11, color=look["colour"]),
        customdata=[_printed(r, labels) for r in records],
        hovertemplate="%{customdata}<extra>" + labels.ui("target") + "</extra>",
        legendgroup="target", showlegend=showlegend, **axes)
    if written:
        trace["text"] = [_target_text(r, labels) for r in records]
    return [*traces, trace]


def _outcome_line(rows: pd.DataFrame, x: list, axes: dict) -> list[dict]:
    """The outcomes joined year to year, under their points: the path the figure took."""
    points = [(v, y) for v, y in zip(x, rows["outcome_value"].tolist()) if pd.notna(y)]
    if len(points) < 2:
        return []
    return [dict(type="scatter", x=[v for v, _ in points], y=[y for _, y in points], mode="lines",
                 line=dict(color=status_colours()["pending"], width=1.5),
                 hoverinfo="skip", showlegend=False, **axes)]


def _outcome_traces(rows: pd.DataFrame, x: list, labels: Labels, axes: dict,
                    written: bool = False, alternate: bool = False) -> list[dict]:
    """One trace per status, each outcome's figure printed above it when `written` (with
    `alternate`, every other year's below: decades of figures a year apart overlap); the
    legend's key is drawn apart (see _key_traces)."""
    colours = status_colours()
    symbols = style("outcome_symbol")
    points = [(v, r) for v, r in zip(x, rows.to_dict("records")) if pd.notna(r["outcome_value"])]
    traces = []
    for status in STATUSES:
        part = [(v, r) for v, r in points if r["status"] == status]
        if not part:
            continue
        records = [r for _, r in part]
        trace = dict(
            type="scatter", x=[v for v, _ in part], y=[r["outcome_value"] for r in records],
            mode="markers+text" if written else "markers", name=labels.status(status),
            marker=dict(symbol=[symbols.get(r["outcome_kind"], "circle") for r in records], size=13,
                        color=colours[status], line=dict(width=2, color=colours[status])),
            textposition=[_above_or_below(v, alternate) for v, _ in part],
            textfont=dict(size=11, color=colours[status]),
            customdata=[f"{_printed(r, labels)} ({_outcome_text(r, labels)})" for r in records],
            hovertemplate="%{customdata}<extra>" + labels.ui("outcome") + "</extra>",
            legendgroup=status, showlegend=False, **axes)
        if written:
            trace["text"] = [labels.figure(r["outcome_value"], r["unit"]) for r in records]
        traces.append(trace)
    return traces


def _above_or_below(year, alternate: bool) -> str:
    return "bottom center" if alternate and year % 2 else "top center"


def _key_traces(rows: pd.DataFrame, labels: Labels) -> list[dict]:
    """Legend entries without data: a filled dot per status, then the marks of preliminary and
    derived outcomes. Plotly would otherwise draw each status with its first point's mark."""
    colours = status_colours()
    symbols = style("outcome_symbol")
    with_outcome = rows[rows["outcome_value"].notna()]
    statuses, kinds = set(with_outcome["status"]), set(with_outcome["outcome_kind"])
    traces = [dict(type="scatter", x=[None], y=[None], mode="markers", name=labels.status(status),
                   marker=dict(symbol="circle", size=11, color=colours[status]),
                   legendgroup=status, hoverinfo="skip")
              for status in STATUSES if status in statuses]
    traces += [dict(type="scatter", x=[None], y=[None], mode="markers", name=labels.outcome_kind(kind),
                    marker=dict(symbol=symbols[kind], size=11, color=style("target")["colour"], line=dict(width=2)),
                    legendgroup=f"kind-{kind}", hoverinfo="skip")
               for kind in ("estimated", "derived") if kind in kinds]
    return traces


def _title(rows: pd.DataFrame, labels: Labels) -> str:
    first = rows.iloc[0]
    name = labels.indicator(first["indicator"], first.get("indicator_zh"), first.get("indicator_en"))
    return html.escape(f"{name} · {labels.measure(first['measure'], first['unit'])} ({first['unit']})")


def _grid(nrows: int, cols: int, titles: list[str]) -> dict:
    """The layout of a grid of panels sharing their y axis, each titled: make_subplots's, made
    once per shape (it costs as much as the rest of the chart)."""
    layout = copy.deepcopy(_grid_layout(nrows, cols, len(titles)))
    for annotation, title in zip(layout.get("annotations", ()), titles):
        annotation["text"] = title
    return layout


@functools.lru_cache(maxsize=32)
def _grid_layout(nrows: int, cols: int, panels: int) -> dict:
    titles = [str(i) for i in range(panels)] or None     # placeholders: an empty title gets no annotation
    grid = make_subplots(rows=nrows, cols=cols, shared_yaxes=True, subplot_titles=titles,
                         horizontal_spacing=0.04, vertical_spacing=0.12)
    layout = grid.to_dict()["layout"]
    layout.pop("template", None)
    return layout


def _axes_of(layout: dict, letter: str) -> list[dict]:
    return [axis for name, axis in layout.items() if name.startswith(f"{letter}axis")]


def promises_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """One indicator and measure: a panel per region, years across, target against outcome."""
    regions = list(dict.fromkeys(frame["region"]))
    cols = min(len(regions), MAX_COLUMNS) or 1
    nrows = max(1, math.ceil(len(regions) / cols))
    layout = _grid(nrows, cols, _safe(regions))
    traces = []
    for i, (region, rows) in enumerate(_by_region(frame, regions)):
        axes = {"xaxis": f"x{i + 1 if i else ''}", "yaxis": f"y{i + 1 if i else ''}"}
        x = rows["year"].tolist()
        few = rows["year"].nunique() <= TARGET_TEXT_UP_TO_YEARS
        traces += _target_traces(rows, x, labels, axes, showlegend=i == 0, written=few)
        traces += _outcome_line(rows, x, axes)
        traces += _outcome_traces(rows, x, labels, axes, written=True, alternate=not few)
    traces += _key_traces(frame, labels)
    years = frame["year"].astype(int) if len(frame) else pd.Series([0])
    first, last = int(years.min()), int(years.max())
    for axis in _axes_of(layout, "x"):
        axis.update(dtick=year_step(last - first), tickformat="d", range=[first - 0.6, last + 0.6])
    ticks = value_axis(_plotted_values(frame), frame["unit"].iloc[0], labels) if len(frame) else {}
    for axis in _axes_of(layout, "y"):
        axis.update(ticks)
    height, top = HEIGHT_PER_ROW * nrows + 60, 80
    # The legend's top 40 px under the panels, below the year ticks (y is a share of the panels' height).
    layout.update(height=height, barmode="overlay",
                  margin=dict(t=top, l=left_margin(ticks.get("ticktext", ())), r=20, b=BOTTOM_MARGIN),
                  legend=dict(orientation="h", yanchor="top", y=-40 / (height - top - BOTTOM_MARGIN)))
    if len(frame):
        layout["title"] = {"text": _title(frame, labels)}
    return _figure(traces, layout)


def _by_region(frame: pd.DataFrame, regions: list[str]):
    groups = dict(tuple(frame.groupby("region", sort=False)))
    return [(region, groups[region].reset_index(drop=True)) for region in regions]


def compare_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """One indicator and year: regions across, target against outcome."""
    x = _safe(frame["region"])
    traces = [*_target_traces(frame, x, labels, {}, showlegend=True),
              *_outcome_traces(frame, x, labels, {}), *_key_traces(frame, labels)]
    layout = dict(barmode="overlay", xaxis=dict(type="category"), height=420, legend=dict(orientation="h", y=-0.2))
    if len(frame):
        layout.update(title={"text": _title(frame, labels)},
                      yaxis=value_axis(_plotted_values(frame), frame["unit"].iloc[0], labels))
    return _figure(traces, layout)


def totals_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Stacked counts of kept, missed, pending targets per region and year."""
    colours = status_colours()
    # Plotly orders a region's years by where each year first appears in the whole chart:
    # given region by region, a second region's years shared with the first came before its
    # others (2014, 2016, …, 1994, 1995, …). Year by year, each region's run is in order.
    frame = frame.sort_values(["year", "region"], kind="stable")
    x = [_safe(frame["region"]), frame["year"].astype(str).tolist()]
    traces = [dict(type="bar", x=x, y=frame[group].tolist(), marker=dict(color=colours[members[-1]]),
                   name=labels.ui(group) if group == "kept" else labels.status(group))
              for group, members in TOTAL_GROUPS.items()]
    # A few bars stay slim rather than filling the width; the legend goes below the regions' names.
    # Under the bars: two rows of names (years, regions), then the legend (see BOTTOM_MARGIN).
    height, top, bottom = 400, 30, 115
    return _figure(traces, dict(barmode="stack", height=height, bargap=max(0.2, 0.8 - 0.1 * len(frame)),
                                legend=dict(orientation="h", yanchor="top", y=-60 / (height - top - bottom)),
                                margin=dict(l=50, r=20, t=top, b=bottom)))


def escalation_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """A region's target beside those of the governments above it, qualifier written on each bar."""
    text = [_target_text(r, labels) for r in frame.to_dict("records")]
    bar = dict(type="bar", x=_safe(frame["region"]), y=frame["target_value"].tolist(), text=text,
               textposition="outside", textfont=dict(size=15), marker=dict(color=style("target")["colour"]),
               hovertemplate="%{x}: %{text}<extra></extra>")
    layout = dict(height=380, xaxis=dict(type="category"), yaxis=dict(rangemode="tozero"))
    if len(frame):
        layout["title"] = {"text": _title(frame, labels)}
        layout["yaxis"].update(value_axis(pd.concat([frame["target_value"], pd.Series([0.0])]),
                                          frame["unit"].iloc[0], labels))
    return _figure([bar], layout)


def spread_figure(frame: pd.DataFrame, labels: Labels) -> go.Figure:
    """Regions of one level, by how many points their target sits above the reference's."""
    text = [f"{_target_text(r, labels)} vs {r['reference_region']} {_target_text(_reference(r), labels)}"
            for r in frame.to_dict("records")]
    bar = dict(type="bar", x=frame["excess"].tolist(), y=_safe(frame["region"]), orientation="h", text=_safe(text),
               marker=dict(color=style("target")["colour"]), hovertemplate="%{y}: %{text}<extra></extra>")
    return _figure([bar], dict(height=max(300, 28 * len(frame) + 120), xaxis=dict(title={"text": labels.ui("excess")}),
                               yaxis=dict(type="category", autorange="reversed")))


def _reference(row: dict) -> dict:
    """The reference government's target of a spread row, as _target_text reads a target."""
    return {"target_value": row["reference_target_value"], "target_value_high": row["reference_target_value_high"],
            "comparator": row["reference_comparator"], "unit": row["unit"]}


def keepers_figure(frame: pd.DataFrame, labels: Labels, chosen: Collection[str] = ()) -> go.Figure:
    """Regions by the share of their judged targets kept, "kept of judged" written on each bar;
    the `chosen` regions (the sidebar's) named in bold, to be found among thirty."""
    judged = frame[frame["scored"] > 0]
    text = [f"{k}/{s} ({share:.0%})" for k, s, share in zip(judged["kept"], judged["scored"], judged["share_kept"])]
    names = _safe(judged["region"])
    bar = dict(type="bar", x=(judged["share_kept"] * 100).tolist(), y=names, orientation="h",
               text=text, textposition="outside", marker=dict(color=status_colours()["met"]),
               hovertemplate="%{y}: %{text}<extra></extra>")
    ticks = [f"<b>{name}</b>" if region in chosen else name for region, name in zip(judged["region"], names)]
    return _figure([bar], dict(height=34 * len(judged) + 130, bargap=0.35, xaxis=dict(range=[0, 115], ticksuffix="%",
                                                                                 title={"text": labels.ui("share_kept")}),
                               yaxis=dict(type="category", autorange="reversed", tickmode="array", tickvals=names,
                                          ticktext=ticks),
                               # Room for the regions' names and the axis title (see BOTTOM_MARGIN).
                               margin=dict(l=left_margin(judged["region"]), r=20, t=30, b=70)))
