"""What the dashboard plots and exports, from scorecard rows written by hand."""
import io

import pandas as pd
import pytest

from dashboard import charts, export, frames
from dashboard.labels import Labels, status_colours

ZH, EN = Labels("zh"), Labels("en")


def row(region, year, indicator, target, comparator, outcome=None, status="pending", **extra):
    base = {c: None for c in frames.SCORECARD_COLUMNS}
    parents = {"兰陵县": ("临沂市", "county"), "罗庄区": ("临沂市", "district"),
               "临沂市": ("山东省", "city"), "山东省": (None, "province"), "郯城县": ("临沂市", "county")}
    parent, level = parents[region]
    base.update(region=region, region_level=level, parent_region=parent, province="山东省",
                indicator=indicator, indicator_zh={"gdp": "地区生产总值"}.get(indicator, indicator),
                indicator_en={"gdp": "GDP"}.get(indicator, indicator), better="higher",
                measure="growth", year=year, target_value=target, unit="%", comparator=comparator,
                strive=False, target_sentence=f"{indicator} {target}", outcome_value=outcome,
                outcome_estimated=False, outcome_derived=False, status=status,
                gap=None if outcome is None else outcome - target)
    base.update(extra)
    return base


@pytest.fixture
def scorecard():
    return pd.DataFrame([
        row("兰陵县", 2023, "gdp", 7, "approx", 6, "missed", outcome_estimated=True),
        row("兰陵县", 2023, "general_budget_revenue", 10, "approx", 10.2, "met"),
        row("兰陵县", 2023, "urban_disposable_income", 10, "approx", 4.4, "missed", outcome_derived=True),
        row("兰陵县", 2024, "gdp", 6, "approx"),
        row("山东省", 2023, "gdp", 5, "at_least", 6, "exceeded"),
        row("临沂市", 2023, "gdp", 6, "approx", 6.1, "met"),
        row("罗庄区", 2023, "gdp", 6.5, "approx", 5, "missed"),
        row("郯城县", 2023, "gdp", 5, "at_least", None, "pending"),
        row("罗庄区", 2019, "gdp", None, "exact", None, "qualitative", measure="qualitative"),
    ])


def test_pending_is_grey_and_never_the_colour_of_failure():
    colours = status_colours()
    assert colours["pending"] != colours["missed"]
    red, green, blue = (int(colours["pending"][i:i + 2], 16) for i in (1, 3, 5))
    assert max(red, green, blue) - min(red, green, blue) < 16


def test_every_status_has_a_colour_and_a_name_in_both_languages():
    for status in frames.STATUSES:
        assert status in status_colours()
        assert ZH.status(status) != EN.status(status)


def test_outcome_kind_marks_estimated_and_derived(scorecard):
    kinds = frames.outcome_kind(scorecard).tolist()
    assert kinds[:4] == ["estimated", "final", "derived", "none"]


def test_filters_keep_only_matching_rows_and_empty_filters_keep_all(scorecard):
    assert len(frames.apply_filters(scorecard)) == len(scorecard)
    missed = frames.apply_filters(scorecard, statuses=["missed"])
    assert sorted(missed["indicator"] + missed["region"]) == [
        "gdp兰陵县", "gdp罗庄区", "urban_disposable_income兰陵县"]
    bounds = frames.apply_filters(scorecard, comparators=["at_least"])
    assert set(bounds["region"]) == {"山东省", "郯城县"}
    estimated = frames.apply_filters(scorecard, outcome_kinds=["estimated"])
    assert estimated["target_value"].tolist() == [7]


def test_an_approx_target_is_a_band_and_a_bound_is_open_on_one_side(scorecard):
    plotted = frames.promises(scorecard).set_index(["region", "year", "indicator"])
    assert plotted.loc[("兰陵县", 2023, "gdp"), ["target_low", "target_high"]].tolist() == [6.5, 7.5]
    at_least = plotted.loc[("山东省", 2023, "gdp")]
    assert at_least["target_low"] == 5 and pd.isna(at_least["target_high"])


def test_promises_leave_out_targets_without_a_number(scorecard):
    plotted = frames.promises(scorecard)
    assert "qualitative" not in set(plotted["status"])
    assert list(plotted.columns) == frames.PROMISE_COLUMNS


def test_promises_run_by_indicator_measure_region_and_year_whatever_the_scorecard_order():
    rows = pd.DataFrame([
        row("临沂市", 2024, "gdp", 6, "approx"),
        row("兰陵县", 2023, "gdp", 7, "approx", measure="level", unit="亿元"),
        row("临沂市", 2023, "gdp", 6.5, "approx"),
        row("兰陵县", 2023, "fiscal", 5, "at_least"),
        row("兰陵县", 2024, "gdp", None, "approx", status="qualitative"),
        row("兰陵县", 2022, "gdp", 8, "range", target_value_high=9),
        row("兰陵县", 2021, "gdp", 7, "at_most", measure="level", unit="亿元"),
    ])
    plotted = frames.promises(rows)
    assert list(zip(plotted["indicator"], plotted["measure"], plotted["region"], plotted["year"])) == [
        ("fiscal", "growth", "兰陵县", 2023),
        ("gdp", "growth", "临沂市", 2023), ("gdp", "growth", "临沂市", 2024), ("gdp", "growth", "兰陵县", 2022),
        ("gdp", "level", "兰陵县", 2021), ("gdp", "level", "兰陵县", 2023),
    ]
    # Each row keeps its own band: at least 5, 6.5±0.5, 6±0.5, the range 8-9, at most 7.
    assert plotted["target_low"].tolist()[:4] == [5, 6, 5.5, 8] and plotted["target_low"].isna().tolist()[4]
    assert plotted["target_high"].tolist()[1:5] == [7, 6.5, 9, 7] and pd.isna(plotted["target_high"][0])


def test_one_chart_per_indicator_and_measure_most_promised_first(scorecard):
    groups = frames.indicator_groups(frames.promises(scorecard))
    assert [key for key, _ in groups][0] == ("gdp", "growth", "%")
    assert len(groups) == 3


def test_totals_count_kept_missed_pending_per_region_and_year(scorecard):
    totals = frames.totals(scorecard).set_index(["region", "year"])
    assert totals.loc[("兰陵县", 2023), ["kept", "missed", "pending", "total"]].tolist() == [1, 2, 0, 3]
    assert totals.loc[("山东省", 2023), "kept"] == 1
    assert totals.loc[("郯城县", 2023), "pending"] == 1
    assert ("罗庄区", 2019) not in totals.index  # a qualitative target is not scored


def test_compare_puts_one_indicator_and_year_across_regions(scorecard):
    compared = frames.compare(scorecard, "gdp", "growth", 2023)
    assert compared["region"].tolist() == sorted(["临沂市", "兰陵县", "山东省", "罗庄区", "郯城县"])
    assert list(compared.columns) == frames.COMPARE_COLUMNS


def test_ancestry_walks_up_to_the_province():
    parents = {"兰陵县": "临沂市", "临沂市": "山东省", "山东省": None}
    assert frames.ancestry("兰陵县", parents) == ["山东省", "临沂市", "兰陵县"]
    assert frames.ancestry("外省某县", parents) == ["外省某县"]


def test_escalation_chain_lists_targets_top_down_with_qualifiers(scorecard):
    chain = frames.escalation_chain(scorecard, ["山东省", "临沂市", "兰陵县"], "gdp", "growth", 2023)
    assert chain[["region", "target_value", "comparator"]].values.tolist() == [
        ["山东省", 5, "at_least"], ["临沂市", 6, "approx"], ["兰陵县", 7, "approx"]]


def test_escalation_spread_measures_each_county_against_its_parent(scorecard):
    parents = {"兰陵县": "临沂市", "罗庄区": "临沂市", "郯城县": "临沂市", "临沂市": "山东省"}
    spread = frames.escalation_spread(scorecard, parents, "county", "gdp", "growth", 2023)
    assert spread[["region", "reference_region", "excess"]].values.tolist() == [
        ["兰陵县", "临沂市", 1.0], ["郯城县", "临沂市", -1.0]]


def test_escalation_spread_falls_back_to_the_province_when_the_parent_set_no_target(scorecard):
    parents = {"兰陵县": "临沂市", "临沂市": "山东省"}
    without_city = scorecard[scorecard["region"] != "临沂市"]
    spread = frames.escalation_spread(without_city, parents, "county", "gdp", "growth", 2023)
    assert spread[["region", "reference_region", "excess"]].values.tolist()[0] == ["兰陵县", "山东省", 2.0]


def test_promises_figure_colours_each_outcome_by_status(scorecard):
    gdp = frames.promises(scorecard[(scorecard["indicator"] == "gdp") & (scorecard["region"] == "兰陵县")])
    fig = charts.promises_figure(gdp, EN)
    outcomes = {t.name: t for t in fig.data if t.hovertemplate and "Outcome" in t.hovertemplate}
    assert list(outcomes) == ["missed"]
    assert outcomes["missed"].marker.color == status_colours()["missed"]
    assert list(outcomes["missed"].y) == [6]
    assert list(outcomes["missed"].marker.symbol) == ["circle-open"]  # preliminary: hollow


def test_promises_figure_draws_the_band_and_the_bound(scorecard):
    rows = frames.promises(scorecard[(scorecard["indicator"] == "gdp") & (scorecard["year"] == 2023)])
    fig = charts.promises_figure(rows, ZH)
    bands = [t for t in fig.data if t.type == "bar"]
    assert bands and all(list(t.base)[0] < v < list(t.base)[0] + list(t.y)[0] for t, v in
                         zip(bands, [6, 7, 6.5]))
    targets = [t for t in fig.data if t.name == ZH.ui("target")]
    symbols = [s for t in targets for s in t.marker.symbol]
    assert "triangle-up" in symbols
    assert fig.layout.annotations[0].text in set(rows["region"])


def test_pending_outcome_has_no_point_and_derived_is_a_diamond(scorecard):
    rows = frames.promises(scorecard[scorecard["region"] == "兰陵县"])
    fig = charts.promises_figure(rows, EN)
    points = [(y, s) for t in fig.data if t.hovertemplate and "Outcome" in t.hovertemplate
              for y, s in zip(t.y, t.marker.symbol)]
    assert (4.4, "diamond-open") in points
    assert len(points) == 3  # the 2024 target has no outcome yet


def test_totals_figure_uses_the_status_colours(scorecard):
    fig = charts.totals_figure(frames.totals(scorecard), EN)
    colours = {t.name: t.marker.color for t in fig.data}
    assert colours["kept"] == status_colours()["met"]
    assert colours["pending"] == status_colours()["pending"]


def test_escalation_figure_writes_the_qualifier_on_each_bar(scorecard):
    chain = frames.escalation_chain(scorecard, ["山东省", "临沂市", "兰陵县"], "gdp", "growth", 2023)
    fig = charts.escalation_figure(chain, ZH)
    assert list(fig.data[0].text) == ["5% 以上", "6% 左右", "7% 左右"]


def test_csv_keeps_chinese_for_excel_and_holds_exactly_the_plotted_rows(scorecard):
    plotted = frames.compare(scorecard, "gdp", "growth", 2023)
    data = export.csv_bytes(plotted)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == frames.COMPARE_COLUMNS
    assert back["region"].tolist() == plotted["region"].tolist()


def test_file_name_names_region_years_and_indicator():
    assert export.file_name("promises", ["兰陵县"], [2023], "gdp-growth") == "promises_兰陵县_2023_gdp-growth.csv"
    assert export.file_name("scorecard", ["兰陵县", "罗庄区"], [2019, 2023]) == "scorecard_兰陵县+罗庄区_2019-2023.csv"


def test_file_name_is_safe_and_bounded():
    name = export.file_name("compare", ["a/b", "c:d", "e", "f"], [2023], 'x"y')
    assert name == "compare_a-b+c-d+e+1more_2023_x-y.csv"
    assert len(export.file_name("v", ["县" * 300], [2023])) <= 124


def test_names_from_documents_are_escaped_in_every_chart(scorecard):
    hostile = '<a href="https://example.org">县</a>'
    compared = frames.compare(scorecard, "gdp", "growth", 2023).assign(region=hostile)
    fig = charts.compare_figure(compared, ZH)
    target = [t for t in fig.data if t.name == ZH.ui("target")][0]
    assert set(target.x) == {"&lt;a href=&quot;https://example.org&quot;&gt;县&lt;/a&gt;"}
    plotted = frames.promises(scorecard[scorecard["indicator"] == "gdp"]).assign(region=hostile)
    titles = [a.text for a in charts.promises_figure(plotted, ZH).layout.annotations]
    assert titles == ["&lt;a href=&quot;https://example.org&quot;&gt;县&lt;/a&gt;"]


# The track record

def test_the_track_record_writes_each_years_target_and_outcome_on_the_chart(scorecard):
    rows = frames.promises(scorecard[(scorecard["region"] == "兰陵县") & (scorecard["indicator"] == "gdp")])
    fig = charts.promises_figure(rows, ZH)
    written = [text for trace in fig.data if "text" in (getattr(trace, "mode", None) or "") for text in trace.text]
    # 2023: 7%左右 against 6%; 2024: 6%左右, no outcome yet.
    assert sorted(written) == ["6%", "6% 左右", "7% 左右"]
    hover = [c for trace in fig.data if trace.customdata is not None for c in trace.customdata]
    assert "目标 7% 左右 · 实际 6%" in hover and "目标 6% 左右 · 待公布" in hover


def test_the_track_record_joins_the_outcomes_with_a_line_in_the_neutral_colour():
    rows = frames.promises(pd.DataFrame([row("临沂市", y, "gdp", 6, "approx", o, "met")
                                         for y, o in ((2021, 8.1), (2022, 4.5), (2023, 6.1))]))
    fig = charts.promises_figure(rows, ZH)
    lines = [t for t in fig.data if getattr(t, "mode", None) == "lines"]
    assert len(lines) == 1 and list(lines[0].y) == [8.1, 4.5, 6.1]
    assert lines[0].line.color == status_colours()["pending"]


def test_many_years_leave_the_targets_wording_to_the_band_and_the_hover():
    years = range(2000, 2000 + charts.TARGET_TEXT_UP_TO_YEARS + 1)
    rows = frames.promises(pd.DataFrame([row("临沂市", y, "gdp", 8, "approx", 9, "exceeded") for y in years]))
    fig = charts.promises_figure(rows, ZH)
    targets = [t for t in fig.data if t.name == ZH.ui("target") and getattr(t, "mode", None)]
    assert targets and all(t.mode == "markers" for t in targets)


def test_value_ticks_are_written_as_reports_write_figures():
    rows = frames.promises(pd.DataFrame([
        row("临沂市", 2022, "new_urban_jobs", 12_000_000, "at_least", 12_060_000, "met", unit="人", measure="level"),
        row("临沂市", 2023, "new_urban_jobs", 12_000_000, "approx", 12_440_000, "exceeded", unit="人", measure="level")]))
    axis = charts.promises_figure(rows, ZH).layout.yaxis
    # The band of a 左右 level reaches 2% below 1200万 (the judging tolerance).
    assert list(axis.ticktext) == ["1160万人", "1180万人", "1200万人", "1220万人", "1240万人", "1260万人"]


@pytest.mark.parametrize("low, high, ticks", [
    (0, 57.5, [0, 20, 40, 60]),
    (-3.5, 8.1, [-5, -2.5, 0, 2.5, 5, 7.5, 10]),
    (5, 5, [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]),
])
def test_nice_ticks_are_round_and_cover_the_values(low, high, ticks):
    assert charts.nice_ticks(low, high) == pytest.approx(ticks)


def test_sources_name_the_document_of_each_target_and_outcome_and_an_imported_figures_title():
    rows = frames.promises(pd.DataFrame([
        row("临沂市", 2023, "gdp", 6, "approx", 6.1, "met", target_document_id=1, outcome_document_id=2),
        row("临沂市", 2022, "gdp", 6.5, "approx", 4.5, "missed", target_document_id=3,
            outcome_source_title="临沂市2022年统计公报(市统计局)")]))
    documents = pd.DataFrame([
        {"id": 1, "title": "临沂市2023年政府工作报告", "url": "http://www.linyi.gov.cn/a", "report_year": 2023,
         "doc_type": "work_report", "region": "临沂市"},
        {"id": 2, "title": "临沂市2024年政府工作报告", "url": None, "report_year": 2024,
         "doc_type": "work_report", "region": "临沂市"},
        {"id": 3, "title": "政府工作报告", "url": None, "report_year": 2022, "doc_type": "work_report",
         "region": "临沂市"}])
    found = frames.sources(rows, documents)
    # No link reads as NaN or None.
    assert [[y, r, t, u if isinstance(u, str) else None]
            for y, r, t, u in found[["year", "role", "title", "url"]].itertuples(index=False)] == [
        [2022, "target", "政府工作报告", None],
        [2022, "outcome", "临沂市2022年统计公报(市统计局)", None],
        [2023, "target", "临沂市2023年政府工作报告", "http://www.linyi.gov.cn/a"],
        [2023, "outcome", "临沂市2024年政府工作报告", None]]


def test_keepers_rank_regions_by_the_share_of_judged_targets_kept():
    frame = pd.DataFrame([
        row("兰陵县", 2021, "gdp", 7, "approx", 7.2, "met"),
        row("兰陵县", 2022, "gdp", 7, "approx", 4, "missed"),
        row("兰陵县", 2023, "gdp", 7, "approx", None, "pending"),
        row("罗庄区", 2021, "gdp", 7, "approx", 8, "exceeded"),
        row("罗庄区", 2022, "gdp", 7, "approx", 7.1, "met"),
        row("郯城县", 2022, "gdp", 7, "approx", 3, "missed"),
    ])
    table = frames.keepers(frame)
    assert table[["region", "kept", "missed", "scored", "pending", "share_kept"]].values.tolist() == [
        ["罗庄区", 2, 0, 2, 0, 1.0], ["兰陵县", 1, 1, 2, 1, 0.5], ["郯城县", 0, 1, 1, 0, 0.0]]
    assert table[["first_year", "last_year"]].values.tolist() == [[2021, 2022], [2021, 2023], [2022, 2022]]


def test_an_imported_outcome_cites_the_publication_its_row_names_not_the_table():
    rows = frames.promises(pd.DataFrame([
        row("兰陵县", 2023, "gdp", 7, "approx", 6, "missed", target_document_id=1, outcome_document_id=9,
            outcome_fact_id=77, outcome_source_title="2024年兰陵县人民政府工作报告")]))
    documents = pd.DataFrame([
        {"id": 1, "title": "2023年政府工作报告", "url": None, "report_year": 2023, "doc_type": "work_report",
         "region": "兰陵县"},
        {"id": 9, "title": "published_figures.csv", "url": None, "report_year": None, "doc_type": "imported_table",
         "region": None}])
    named = pd.DataFrame([{"id": 77, "source_type": "work_report", "source_title": "2024年兰陵县人民政府工作报告",
                           "source_url": "http://www.ilynn.cn/document_detail/119828.html"}])
    outcome = frames.sources(rows, documents, named).iloc[1]
    assert (outcome["title"], outcome["url"], outcome["doc_type"]) == (
        "2024年兰陵县人民政府工作报告", "http://www.ilynn.cn/document_detail/119828.html", "work_report")


# Charts are built from plain specs, unchecked at draw time: each kind must pass Plotly's check.

def every_chart(scorecard) -> dict:
    parents = {"兰陵县": "临沂市", "罗庄区": "临沂市", "郯城县": "临沂市", "临沂市": "山东省", "山东省": None}
    judged = scorecard[scorecard["measure"] != "qualitative"]
    return {
        "promises": charts.promises_figure(frames.promises(judged[judged["indicator"] == "gdp"]), ZH),
        "compare": charts.compare_figure(frames.compare(scorecard, "gdp", "growth", 2023), ZH),
        "totals": charts.totals_figure(frames.totals(scorecard), EN),
        "escalation": charts.escalation_figure(
            frames.escalation_chain(scorecard, ["山东省", "临沂市", "兰陵县"], "gdp", "growth", 2023), ZH),
        "spread": charts.spread_figure(frames.escalation_spread(scorecard, parents, "county", "gdp", "growth", 2023), ZH),
        "keepers": charts.keepers_figure(frames.keepers(scorecard), ZH),
        "empty compare": charts.compare_figure(frames.compare(scorecard.iloc[:0], "gdp", "growth", 2023), ZH),
    }


def test_every_kind_of_chart_passes_plotlys_own_check(scorecard):
    import plotly.graph_objects as go

    for name, fig in every_chart(scorecard).items():
        spec = fig.to_dict()
        assert spec["data"], name
        go.Figure(spec)   # raises ValueError on a property Plotly does not know or a bad value


def test_each_region_of_the_track_record_is_drawn_in_its_own_panel():
    # Years tell the regions apart: 临沂市 reported 2019-2021, 兰陵县 2022-2024, 罗庄区 2025.
    years = {"临沂市": (2019, 2020, 2021), "兰陵县": (2022, 2023, 2024), "罗庄区": (2025,)}
    rows = frames.promises(pd.DataFrame([row(region, y, "gdp", 6, "approx", 6.1, "met")
                                         for region, ys in years.items() for y in ys]))
    fig = charts.promises_figure(rows, ZH).to_dict()
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert titles == list(years)
    panel_of = {"x" + (str(i + 1) if i else ""): title for i, title in enumerate(titles)}
    drawn = [t for t in fig["data"] if t["x"] != [None]]          # the legend's key has no panel
    assert drawn
    for trace in drawn:
        assert set(trace["x"]) <= set(years[panel_of[trace.get("xaxis", "x")]]), trace
    # One value axis for all: every panel reads the same ticks.
    assert len({tuple(axis["tickvals"]) for name, axis in fig["layout"].items() if name.startswith("yaxis")}) == 1


@pytest.mark.parametrize("first, last, most_ticks", [(2019, 2025, 7), (1995, 2025, 10), (1954, 2026, 10)])
def test_a_panel_of_many_years_writes_a_readable_number_of_year_ticks(first, last, most_ticks):
    rows = frames.promises(pd.DataFrame([row("临沂市", y, "gdp", 8, "approx", 9, "exceeded")
                                         for y in range(first, last + 1)]))
    axis = charts.promises_figure(rows, ZH).to_dict()["layout"]["xaxis"]
    low, high = axis["range"]
    ticks = [y for y in range(first, last + 1) if (y % axis["dtick"]) == 0 and low <= y <= high]
    assert 2 <= len(ticks) <= most_ticks + 1 and axis["tickformat"] == "d"
    assert axis["dtick"] == 1 or (last - first) > charts.YEAR_TICKS


def test_a_range_is_written_with_both_ends_wherever_a_target_is_written():
    # 全国 2026: 经济增长4.5%—5%.
    national = row("山东省", 2026, "gdp", 4.5, "range", target_value_high=5.0)
    plotted = frames.promises(pd.DataFrame([national]))
    fig = charts.promises_figure(plotted, ZH)
    written = [t for trace in fig.data if trace.text is not None for t in trace.text]
    hover = [c for trace in fig.data if trace.customdata is not None for c in trace.customdata]
    assert written == ["4.5%—5%"] and hover == ["目标 4.5%—5% · 待公布"]
    chain = frames.escalation_chain(pd.DataFrame([national]), ["山东省"], "gdp", "growth", 2026)
    assert list(charts.escalation_figure(chain, EN).data[0].text) == ["4.5%–5%"]


def test_the_totals_chart_gives_each_region_its_years_in_order():
    # 临沂市 reported from 2014, 山东省 from 1994: Plotly places a region's years where each
    # year first appears in the chart, so the years must first appear in order.
    frame = frames.totals(pd.DataFrame([row(r, y, "gdp", 7, "approx", 7.1, "met")
                                        for r, ys in (("临沂市", (2014, 2020)), ("山东省", (1994, 2014, 2020)))
                                        for y in ys]))
    regions, years = charts.totals_figure(frame, ZH).to_dict()["data"][0]["x"]
    first_seen = list(dict.fromkeys(years))
    assert first_seen == sorted(first_seen)
    for region in set(regions):
        own = [int(y) for r, y in zip(regions, years) if r == region]
        assert own == sorted(own)


def test_the_scorecard_table_lists_the_latest_year_first(scorecard):
    table = frames.scorecard_table(scorecard)
    assert table["year"].tolist() == sorted(scorecard["year"], reverse=True)
    # Within a year, regions in order.
    assert table.loc[table["year"] == 2023, "region"].tolist() == sorted(scorecard.loc[scorecard["year"] == 2023, "region"])


def test_a_bare_target_figure_is_written_as_it_stands():
    # "地区生产总值增长8%": no qualifier in the report, none on the chart.
    rows = frames.promises(pd.DataFrame([row("临沂市", 2018, "gdp", 8, "exact", 7.1, "missed")]))
    written = [t for trace in charts.promises_figure(rows, ZH).data if trace.text is not None for t in trace.text]
    assert sorted(written) == ["7.1%", "8%"]


def test_who_keeps_promises_names_the_readers_regions_in_bold():
    frame = frames.keepers(pd.DataFrame([row(r, 2022, "gdp", 7, "approx", 7.1, "met")
                                         for r in ("兰陵县", "罗庄区", "郯城县")]))
    axis = charts.keepers_figure(frame, ZH, chosen=("罗庄区",)).to_dict()["layout"]["yaxis"]
    assert dict(zip(axis["tickvals"], axis["ticktext"])) == {"兰陵县": "兰陵县", "罗庄区": "<b>罗庄区</b>", "郯城县": "郯城县"}


def test_decades_of_outcomes_are_written_above_and_below_in_turn():
    def positions(years):
        rows = frames.promises(pd.DataFrame([row("临沂市", y, "gdp", 8, "approx", 8.1, "met") for y in years]))
        fig = charts.promises_figure(rows, ZH)
        [outcomes] = [t for t in fig.data if t.name == ZH.status("met") and t.text is not None]
        return dict(zip(outcomes.x, outcomes.textposition))
    few = positions(range(2019, 2025))
    assert set(few.values()) == {"top center"}
    many = positions(range(2000, 2000 + charts.TARGET_TEXT_UP_TO_YEARS + 1))
    # Neighbours on opposite sides: figures a year apart no longer overlap.
    assert all(many[y] != many[y + 1] for y in range(2000, 2000 + charts.TARGET_TEXT_UP_TO_YEARS))


def test_the_spread_writes_both_targets_as_every_other_chart_does():
    # 兰陵县: "增长7%左右" against its city's bare "增长6%"; the province's range "4.5%—5%" beside it.
    frame = pd.DataFrame([row("临沂市", 2026, "gdp", 6, "exact"), row("兰陵县", 2026, "gdp", 7, "approx"),
                          row("郯城县", 2026, "gdp", 5, "at_least"),
                          row("山东省", 2026, "gdp", 4.5, "range", target_value_high=5.0)])
    parents = {"兰陵县": "临沂市", "郯城县": "临沂市", "临沂市": "山东省", "山东省": None}
    city = frames.escalation_spread(frame, parents, "city", "gdp", "growth", 2026)
    county = frames.escalation_spread(frame, parents, "county", "gdp", "growth", 2026)
    assert list(charts.spread_figure(city, ZH).data[0].text) == ["6% vs 山东省 4.5%—5%"]
    assert list(charts.spread_figure(county, ZH).data[0].text) == ["7% 左右 vs 临沂市 6%", "5% 以上 vs 临沂市 6%"]
