"""The dashboard, run headless with AppTest against a small database built from hand-written facts.

The reports and the published figures below are written by hand; every expected value in a
test is read off them, not off the program's output.
"""
from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.labels import Labels, status_colours
from db.import_facts import import_table
from db.indicators import IndicatorInfo
from db.ingest import ingest_paths
from db.migrate import open_database
from etl.facts import ExtractedReport, Fact, ReportMeta

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
ZH, EN = Labels("zh"), Labels("en")

CATALOG = {i.code: i for i in (
    IndicatorInfo("gdp", "地区生产总值", "Gross regional product", "元", "higher", True),
    IndicatorInfo("general_budget_revenue", "一般公共预算收入", "General public budget revenue", "元", "higher", True),
    IndicatorInfo("new_urban_jobs", "新增城镇就业", "New urban jobs", "人", "higher", True),
)}

# (region, level, report year, text, facts as (kind, year, indicator, measure, value, unit,
# comparator, estimated, sentence)); each sentence appears verbatim in the text.
REPORTS = {
    "lanling-2023.txt": ("兰陵县", "county", 2023,
                         "兰陵县2023年政府工作报告\n一、2022年工作回顾\n预计全年地区生产总值增长4%。\n"
                         "二、2023年主要预期目标\n地区生产总值增长7%左右,"
                         "一般公共预算收入增长10%左右,新增城镇就业8000人。"
                         "新建幼儿园5所。<script>alert('x')</script> **不是粗体**\n",
                         [("outcome", 2022, "gdp", "growth", 4, "%", "exact", True, "预计全年地区生产总值增长4%"),
                          ("target", 2023, "gdp", "growth", 7, "%", "approx", False, "地区生产总值增长7%左右"),
                          ("target", 2023, "general_budget_revenue", "growth", 10, "%", "approx", False,
                           "一般公共预算收入增长10%左右"),
                          ("target", 2023, "new_urban_jobs", "level", 8000, "人", "exact", False, "新增城镇就业8000人"),
                          ("target", 2023, "other:新建幼儿园", "level", 5, "所", "exact", False, "新建幼儿园5所")]),
    "linyi-2023.txt": ("临沂市", "prefecture", 2023, "临沂市2023年政府工作报告\n地区生产总值增长6%左右。\n",
                       [("target", 2023, "gdp", "growth", 6, "%", "approx", False, "地区生产总值增长6%左右")]),
    "luozhuang-2019.txt": ("罗庄区", "county", 2019, "罗庄区2019年政府工作报告\n地区生产总值增长8%左右。\n",
                           [("target", 2019, "gdp", "growth", 8, "%", "approx", False, "地区生产总值增长8%左右")]),
}

PUBLISHED = """region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title
兰陵县,outcome,2023,gdp,growth,6,%,approx,true,work_report,2024年兰陵县政府工作报告
兰陵县,outcome,2023,general_budget_revenue,growth,10.2,%,exact,false,work_report,2024年兰陵县政府工作报告
山东省,target,2023,gdp,growth,5,%,at_least,false,news_summary,山东省政府工作报告速览
"""


def extract(data: bytes, name: str) -> ExtractedReport:
    region, level, year, text, facts = REPORTS[Path(name).name]
    return ExtractedReport(
        source=name, sha256="", text=text,
        meta=ReportMeta(region=region, region_level=level, report_year=year, title=f"{region}{year}年政府工作报告"),
        facts=[Fact(region=region, report_year=year, kind=k, year=y, indicator=i, measure=m, value=v, unit=u,
                    comparator=c, estimated=e, sentence=s, start=text.index(s), end=text.index(s) + len(s),
                    region_level=level)
               for k, y, i, m, v, u, c, e, s in facts])


def build_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'dashboard.sqlite'}"
    engine = open_database(url)
    for name, (_, _, _, text, _) in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    summary = ingest_paths(engine, [folder / name for name in REPORTS], extract=extract, catalog=CATALOG)
    assert not summary.failed
    (folder / "published.csv").write_text(PUBLISHED, encoding="utf-8")
    import_table(engine, folder / "published.csv", catalog=CATALOG)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("dashboard"))


def app_on(url: str, monkeypatch, data_dir: Path):
    monkeypatch.setenv("TRACKER_DB_URL", url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))

    def start(**params) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()
    return start


@pytest.fixture
def app(db_url, monkeypatch, tmp_path):
    """A fresh AppTest on the fixture database; query parameters go in as keyword arguments."""
    return app_on(db_url, monkeypatch, tmp_path / "data")


@pytest.fixture
def own_app(monkeypatch, tmp_path):
    """Like `app`, on a database of its own, for tests that write to it."""
    (tmp_path / "db").mkdir()
    return app_on(build_database(tmp_path / "db"), monkeypatch, tmp_path / "data")


@pytest.fixture
def downloads(monkeypatch):
    """Every file a download button would hand over when pressed: file name → bytes. The
    buttons write their file when pressed (a callable), so this keeps each callable Streamlit
    is given and calls it, as the server does on a press."""
    deferred: dict[str, tuple[str, Callable]] = {}
    original = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)
        deferred[file_id] = (file_name, data_callable)
        return file_id
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)

    def files(at: AppTest) -> dict[str, bytes]:
        out = {}
        for button in at.get("download_button"):
            name, make = deferred[button.proto.deferred_file_id]
            out[name] = make()
        return out
    return files


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


def figures(at: AppTest) -> list[dict]:
    """Each chart as plain lists (the spec packs numbers as typed arrays)."""
    return [_plain(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def _plain(value):
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def no_failure(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert ZH.ui("view_failed") not in [e.value for e in at.error]


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


# Filters and query parameters

def test_a_first_visit_opens_on_the_highest_government_with_reports_and_writes_the_url(app):
    at = app()
    no_failure(at)
    # 全国 and 山东省 have no report of their own here (山东省 only an imported target): the
    # highest government that reported is 临沂市.
    assert at.sidebar.multiselect(key="regions").value == ["临沂市"]
    assert at.sidebar.slider(key="years").value == (2018, 2023)
    assert at.query_params["years"] == "2018-2023"
    assert at.query_params["tab"] == "promises"


def test_the_query_parameters_choose_regions_years_language_and_view(app, downloads):
    at = app(regions="兰陵县", years="2023", lang="en", tab="scorecard")
    no_failure(at)
    assert at.sidebar.multiselect(key="regions").value == ["兰陵县"]
    assert at.sidebar.slider(key="years").value == (2023, 2023)
    assert [t.label for t in at.tabs][2] == EN.ui("tab_scorecard")
    table = read_csv(downloads(at)["scorecard_兰陵县_2023.csv"])
    assert sorted(table["indicator"]) == ["gdp", "general_budget_revenue", "new_urban_jobs"]


def test_changing_a_filter_rewrites_the_url(app):
    at = app(regions="兰陵县")
    at.sidebar.multiselect(key="regions").set_value(["罗庄区", "临沂市"]).run()
    at.sidebar.slider(key="years").set_value((2019, 2023)).run()
    no_failure(at)
    assert at.query_params["regions"] == ["罗庄区", "临沂市"]
    assert at.query_params["years"] == "2019-2023"


def test_a_link_reproduces_the_view_it_was_copied_from(app):
    first = app(regions="兰陵县")
    first.sidebar.multiselect(key="statuses").set_value(["missed"]).run()
    second = app(**first.query_params)
    assert second.sidebar.multiselect(key="regions").value == ["兰陵县"]
    assert second.sidebar.multiselect(key="statuses").value == ["missed"]


def test_a_link_naming_an_unknown_region_falls_back_to_the_default(app):
    at = app(regions="火星县", years="1900-1901")
    no_failure(at)
    assert at.sidebar.multiselect(key="regions").value == ["临沂市"]
    assert at.sidebar.slider(key="years").value == (2018, 2018)


def test_the_status_filter_keeps_only_missed_targets(app, downloads):
    at = app(regions="兰陵县", years="2023", statuses="missed", tab="scorecard")
    table = read_csv(downloads(at)["scorecard_兰陵县_2023.csv"])
    assert table[["indicator", "target_value", "outcome_value", "status"]].values.tolist() == [
        ["gdp", 7.0, 6.0, "missed"]]


def test_the_wording_filter_keeps_only_bounds(app, downloads):
    at = app(regions="山东省", years="2023", comparators="at_least", tab="scorecard")
    table = read_csv(downloads(at)["scorecard_山东省_2023.csv"])
    assert table[["region", "target_value", "comparator"]].values.tolist() == [["山东省", 5.0, "at_least"]]


def test_the_outcome_filter_keeps_targets_without_an_outcome(app, downloads):
    at = app(regions="兰陵县", years="2023", outcomes="none", tab="scorecard")
    table = read_csv(downloads(at)["scorecard_兰陵县_2023.csv"])
    assert table["indicator"].tolist() == ["new_urban_jobs"]
    assert table["status"].tolist() == ["pending"]


def test_the_indicator_filter_narrows_the_charts_to_one_indicator(app):
    at = app(regions="兰陵县", years="2023", indicators="general_budget_revenue")
    titles = [f["layout"]["title"]["text"] for f in figures(at)]
    assert titles == ["一般公共预算收入 · 增长 (%)"]


def test_the_language_switch_translates_every_label(app):
    at = app(regions="兰陵县", years="2023")
    assert at.tabs[0].label == ZH.ui("tab_promises")
    at.sidebar.radio(key="lang").set_value("en").run()
    no_failure(at)
    assert [t.label for t in at.tabs] == [EN.ui(f"tab_{c}") for c in
                                          ("promises", "keepers", "scorecard", "compare", "escalation",
                                           "report", "commitments", "upload")]
    assert at.sidebar.multiselect(key="regions").label == "Regions"
    assert figures(at)[0]["layout"]["title"]["text"] == "Gross regional product · growth (%)"
    assert at.query_params["lang"] == "en"


# Status colours

def test_each_outcome_point_has_the_colour_of_its_status(app):
    at = app(regions="兰陵县", years="2023")
    colours = status_colours()
    points = {}
    for fig in figures(at):
        for trace in fig["data"]:
            if trace.get("legendgroup") in colours and trace["y"] != [None]:
                points[(fig["layout"]["title"]["text"], trace["legendgroup"])] = (trace["y"], trace["marker"]["color"])
    assert points[("地区生产总值 · 增长 (%)", "missed")] == ([6.0], colours["missed"])
    assert points[("一般公共预算收入 · 增长 (%)", "met")] == ([10.2], colours["met"])


def test_a_preliminary_outcome_is_drawn_hollow(app):
    at = app(regions="兰陵县", years="2023", indicators="gdp")
    missed = [t for t in figures(at)[0]["data"] if t.get("legendgroup") == "missed" and t["y"] != [None]][0]
    assert missed["marker"]["symbol"] == ["circle-open"]


def test_pending_targets_are_counted_in_grey_not_in_the_colour_of_failure(app):
    at = app(regions="兰陵县", years="2023", tab="scorecard")
    totals = figures(at)[0]
    bars = {t["name"]: (t["y"], t["marker"]["color"]) for t in totals["data"]}
    assert bars[ZH.status("pending")] == ([1], status_colours()["pending"])
    assert bars[ZH.status("missed")] == ([1], status_colours()["missed"])
    assert status_colours()["pending"] != status_colours()["missed"]


def test_the_scorecard_table_names_statuses_in_the_readers_language(app):
    at = app(regions="兰陵县", years="2023", tab="scorecard", lang="en")
    shown = at.dataframe[0].value
    statuses = dict(zip(shown["Indicator"], shown["Status"]))
    assert statuses == {"Gross regional product": "missed", "General public budget revenue": "met",
                        "New urban jobs": "pending"}


def test_an_imported_outcome_shows_its_source_not_its_csv_row(app):
    at = app(regions="兰陵县", years="2023", tab="scorecard")
    shown = at.dataframe[0].value.set_index("指标")
    gdp = shown.loc["地区生产总值"]
    assert gdp["结果原文"] == ZH.ui("imported_figure")     # not the row "兰陵县,outcome,2023,gdp,…"
    assert gdp["结果来源"] == "2024年兰陵县政府工作报告"


# Empty states

def test_an_empty_database_says_how_to_add_reports(monkeypatch, tmp_path):
    monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    no_failure(at)
    assert infos(at) == [ZH.ui("empty_database")]


def test_no_region_chosen_asks_for_one(app):
    at = app(regions="")
    no_failure(at)
    assert infos(at) == [ZH.ui("choose_regions")]


def test_a_selection_matching_nothing_says_so_in_every_view(app):
    for tab in ("promises", "scorecard", "compare", "escalation"):
        at = app(regions="罗庄区", statuses="exceeded", tab=tab)
        no_failure(at)
        assert infos(at) == [ZH.ui("no_rows")], tab


def test_a_failing_view_shows_one_line_not_a_traceback(app, monkeypatch):
    from dashboard import data, frames

    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(frames, "promises", broken)
    data.forget()       # the charts an earlier test drew for this selection are cached
    at = app(regions="兰陵县")
    assert not at.exception
    assert [e.value for e in at.error] == [ZH.ui("view_failed")]


# CSV contents

def test_the_promises_csv_holds_exactly_the_rows_and_columns_plotted(app, downloads):
    at = app(regions="兰陵县", years="2023", indicators="gdp")
    files = downloads(at)
    assert list(files) == ["promises_兰陵县_2023_gdp-growth.csv"]
    table = read_csv(files["promises_兰陵县_2023_gdp-growth.csv"])
    assert table[["region", "year", "target_value", "target_low", "target_high", "comparator",
                  "outcome_value", "outcome_kind", "status"]].values.tolist() == [
        ["兰陵县", 2023, 7.0, 6.5, 7.5, "approx", 6.0, "estimated", "missed"]]
    plotted = figures(at)[0]
    target = [t for t in plotted["data"] if t["name"] == ZH.ui("target")][0]
    assert target["y"] == table["target_value"].tolist()


def test_a_chosen_region_without_targets_is_named_not_dropped(app):
    at = app(regions=["兰陵县", "罗庄区"], years="2023", indicators="gdp")
    no_failure(at)
    assert ZH.ui("regions_without_targets", regions="罗庄区") in infos(at)


def test_the_track_record_draws_a_few_charts_and_more_on_request(app, monkeypatch):
    monkeypatch.setattr("dashboard.views.promises.CHARTS_AT_ONCE", 1)
    at = app(regions="兰陵县", years="2023")
    no_failure(at)
    assert len(figures(at)) == 1
    at.button(key="promises-more").click().run()
    assert len(figures(at)) == 2


def test_under_each_chart_the_rule_and_the_sources_are_written_out(app):
    at = app(regions="兰陵县", years="2023", indicators="gdp")
    no_failure(at)
    captions = [c.value for c in at.caption]
    rule = ZH.ui("rule", points="0.5", percent="2")
    sources = [c for c in captions if c.startswith(rule)]
    assert len(sources) == 1
    # The target from 兰陵县's own report, the outcome from the published figures' title.
    assert "2023 年的来源：目标：兰陵县2023年政府工作报告 · 结果：2024年兰陵县政府工作报告" in sources[0]


def test_who_keeps_promises_lists_the_cities_of_a_province_and_exports_them(app, downloads):
    at = app(regions="兰陵县", years="2018-2023", tab="keepers", scope="山东省", keepers_indicator="gdp")
    no_failure(at)
    files = downloads(at)
    assert list(files) == ["keepers_临沂市_2018-2023_gdp-growth.csv"]
    table = read_csv(files["keepers_临沂市_2018-2023_gdp-growth.csv"])
    assert table[["region", "parent_region", "kept", "missed", "pending"]].values.tolist() == [
        ["临沂市", "山东省", 0, 0, 1]]
    assert at.query_params["scope"] == "山东省"


def test_the_scorecard_csv_keeps_the_source_sentences(app, downloads):
    at = app(regions="兰陵县", years="2023", tab="scorecard")
    table = read_csv(downloads(at)["scorecard_兰陵县_2023.csv"]).set_index("indicator")
    assert table.loc["gdp", "target_sentence"] == "地区生产总值增长7%左右"
    assert table.loc["gdp", "outcome_source_title"] == "2024年兰陵县政府工作报告"
    assert table.loc["gdp", "gap"] == -1.0


def test_the_compare_csv_puts_one_indicator_across_regions(app, downloads):
    at = app(regions=["兰陵县", "临沂市", "山东省"], indicator="gdp:growth", year="2023", tab="compare")
    no_failure(at)
    table = read_csv(downloads(at)["compare_临沂市+兰陵县+山东省_2023_gdp-growth.csv"])
    assert dict(zip(table["region"], table["target_value"])) == {"临沂市": 6.0, "兰陵县": 7.0, "山东省": 5.0}


def test_the_compare_view_can_set_every_region_beside_the_chosen_ones(app, downloads):
    # Only 兰陵县 chosen; the toggle reads every region's GDP target for 2023 (no evidence needed).
    at = app(regions="兰陵县", indicator="gdp:growth", year="2023", tab="compare", compare_all="True")
    no_failure(at)
    [name] = [n for n in downloads(at) if n.startswith("compare_")]
    table = read_csv(downloads(at)[name])
    assert dict(zip(table["region"], table["target_value"])) == {"临沂市": 6.0, "兰陵县": 7.0, "山东省": 5.0}


def test_escalation_sets_the_county_beside_its_city_and_province(app, downloads):
    at = app(regions="兰陵县", region="兰陵县", indicator="gdp:growth", year="2023", tab="escalation")
    no_failure(at)
    files = downloads(at)
    chain = read_csv(files["escalation_山东省+临沂市+兰陵县_2023_gdp-growth.csv"])
    assert chain[["region", "target_value", "comparator"]].values.tolist() == [
        ["山东省", 5.0, "at_least"], ["临沂市", 6.0, "approx"], ["兰陵县", 7.0, "approx"]]
    assert figures(at)[0]["data"][0]["text"] == ["5% 以上", "6% 左右", "7% 左右"]
    spread = read_csv(files["escalation-spread_兰陵县_2023_gdp-growth.csv"])
    assert spread[["region", "reference_region", "excess"]].values.tolist() == [["兰陵县", "临沂市", 1.0]]


def test_escalation_without_a_parent_target_says_only_that_and_shows_the_own_target(app):
    at = app(regions="罗庄区", region="罗庄区", indicator="gdp:growth", year="2019", tab="escalation")
    no_failure(at)
    assert ZH.ui("no_parent_target") in infos(at) and ZH.ui("no_parent") not in infos(at)
    assert figures(at)[0]["data"][0]["text"] == ["8% 左右"]


# Report view, commitments and uploads

def test_the_report_text_is_escaped_and_each_fact_is_marked(app):
    at = app(regions="兰陵县", tab="report")
    no_failure(at)
    body = at.get("html")[0].proto.body
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "**不是粗体**" in body
    assert body.count("<mark") == 5
    facts = at.dataframe[0].value
    assert facts[ZH.ui("fact_number")].tolist() == [1, 2, 3, 4, 5]
    assert facts[ZH.ui("value")].tolist() == ["4%", "7%", "10%", "8000人", "5所"]


def test_all_commitments_lists_the_non_headline_promises_and_can_be_searched(app):
    at = app(regions="兰陵县", tab="commitments")
    assert at.dataframe[0].value[ZH.ui("indicator")].tolist() == ["新建幼儿园"]
    at.text_input(key="q").set_value("高铁").run()
    assert infos(at) == [ZH.ui("no_rows")]
    assert at.query_params["q"] == "高铁"


def test_an_uploaded_table_is_ingested_and_appears(own_app, tmp_path, downloads):
    at = own_app(regions="兰陵县", years="2023", tab="upload")
    table = "region,kind,year,indicator,measure,value,unit,source_type,source_title\n" \
            "兰陵县,outcome,2023,new_urban_jobs,level,8100,人,work_report,2024年兰陵县政府工作报告\n"
    at.file_uploader(key="upload_file").set_value(("jobs.csv", table.encode("utf-8"), "text/csv"))
    at.run()
    at.button(key="upload_button").click().run()
    no_failure(at)
    assert [s.value for s in at.success] == [ZH.ui("upload_done", facts=1)]
    assert list((tmp_path / "data" / "uploads").iterdir())[0].name.endswith("_jobs.csv")
    at.session_state["view_zh"] = ZH.ui("tab_scorecard")
    at.run()
    table = read_csv(downloads(at)["scorecard_兰陵县_2023.csv"]).set_index("indicator")
    assert table.loc["new_urban_jobs", ["outcome_value", "status"]].tolist() == [8100, "exceeded"]


def test_an_uploaded_report_of_a_new_region_joins_this_readers_selection_only(own_app, monkeypatch):
    monkeypatch.setattr("db.ingest.default_extractor", lambda region=None, year=None: _short_report)
    at = own_app(regions="兰陵县", years="2023-2024", tab="upload")
    at.file_uploader(key="upload_file").set_value(("short.txt", "2024年全县地区生产总值增长6.5%左右。".encode(), "text/plain"))
    at.run()
    at.button(key="upload_button").click().run()
    no_failure(at)
    assert at.sidebar.multiselect(key="regions").value == ["兰陵县", "罗庄区"]
    # A later visitor still opens on the default view.
    assert own_app().sidebar.multiselect(key="regions").value == ["临沂市"]


def _short_report(data: bytes, name: str) -> ExtractedReport:
    text = data.decode("utf-8")
    meta = ReportMeta(region="罗庄区", region_level="county", report_year=2024, title="")
    return ExtractedReport(source=name, sha256="", text=text, meta=meta, facts=[
        Fact(region="罗庄区", report_year=2024, kind="target", year=2024, indicator="gdp", measure="growth",
             value=6.5, unit="%", comparator="approx", sentence=text[:-1], start=0, end=len(text) - 1,
             region_level="county")])


def test_an_upload_naming_an_unknown_region_is_refused_with_the_nearest_name(own_app):
    at = own_app(regions="兰陵县", tab="upload")
    at.file_uploader(key="upload_file").set_value(("short.txt", "2024年全县地区生产总值增长6.5%左右。".encode(), "text/plain"))
    at.run()
    at.text_input(key="upload_region").input("兰陵线")
    at.number_input(key="upload_year").set_value(2024)
    at.button(key="upload_button").click().run()
    no_failure(at)
    assert [e.value for e in at.error] == [ZH.ui("upload_unknown_region", region="兰陵线", near="兰陵县")]
    assert "兰陵线" not in at.sidebar.multiselect(key="regions").options


def test_a_bad_upload_gets_a_clear_message_not_a_traceback(own_app):
    at = own_app(tab="upload")
    at.file_uploader(key="upload_file").set_value(("broken.csv", b"region,kind\n", "text/csv"))
    at.run()
    at.button(key="upload_button").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [ZH.ui("upload_failed")]
    assert at.text[0].value.startswith("broken.csv: row 1: missing columns")


def test_the_report_is_shown_in_its_own_words_and_its_facts_quote_them(monkeypatch, tmp_path):
    """Facts are read from the normalised text ("各位代表:", "6.5%"); a reader quoting the
    report must see the document's own characters ("各位代表：", "６．５％")."""
    report = tmp_path / "qingtian-2024.txt"
    report.write_text("青田县2024年政府工作报告\r\n各位代表：\r\n二、2024年工作安排\r\n"
                      "全县地区生产总值增长６．５％左右，城镇登记失业率控制在３．５％以内。\r\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'own-words.sqlite'}"
    engine = open_database(url)
    assert not ingest_paths(engine, [report]).failed
    engine.dispose()
    at = app_on(url, monkeypatch, tmp_path / "data")(regions="青田县", tab="report")
    no_failure(at)
    body = at.get("html")[0].proto.body
    assert "各位代表：" in body and "各位代表:" not in body
    marked = re.findall(r"<mark[^>]*>(.*?)</mark>", body)
    assert any("６．５％左右" in m for m in marked) and any("３．５％以内" in m for m in marked)
    sentences = at.dataframe[0].value[ZH.ui("sentence")].tolist()
    assert any("增长６．５％左右" in s for s in sentences), sentences


def test_the_report_view_and_all_commitments_open_on_the_latest_year(monkeypatch, tmp_path):
    """Ingested oldest first (a folder in name order), a county's reports must still open on
    the latest: the one a reader wants, and the first rows kept when a long list is cut."""
    url = f"sqlite:///{tmp_path / 'latest.sqlite'}"
    paths = []
    for year, schools in ((2022, 3), (2024, 5)):
        paths.append(tmp_path / f"qingtian-{year}.txt")
        paths[-1].write_text(f"青田县{year}年政府工作报告\n二、{year}年工作安排\n新建幼儿园{schools}所。\n", encoding="utf-8")
    engine = open_database(url)
    assert not ingest_paths(engine, paths).failed
    engine.dispose()
    start = app_on(url, monkeypatch, tmp_path / "data")
    at = start(regions="青田县", tab="report")
    no_failure(at)
    assert "2024" in at.selectbox(key="document").format_func(at.selectbox(key="document").value)
    assert at.dataframe[0].value[ZH.ui("value")].tolist() == ["5所"]
    at = start(regions="青田县", tab="commitments")
    no_failure(at)
    assert at.dataframe[0].value[ZH.ui("year")].tolist() == [2024, 2022]


def test_a_link_naming_a_region_this_database_lacks_says_so(app):
    at = app(regions=["兰陵县", "青田县"], years="2023")
    no_failure(at)
    assert list(at.multiselect(key="regions").value) == ["兰陵县"]
    assert ZH.ui("regions_unknown", regions="青田县") in infos(at)
    # Once the reader chooses regions, the link's leftovers are no longer news.
    at.multiselect(key="regions").select("临沂市").run()
    assert not any("青田县" in text for text in infos(at))


def test_the_track_records_panels_follow_the_order_the_regions_were_chosen_in(app):
    at = app(regions=["罗庄区", "兰陵县"], years="2019-2023", indicators="gdp")
    no_failure(at)
    assert [a["text"] for a in figures(at)[0]["layout"]["annotations"]] == ["罗庄区", "兰陵县"]


def test_escalation_says_which_government_in_between_set_no_target(monkeypatch, tmp_path):
    # 山东省 and 兰陵县 promised 2023's GDP growth; 临沂市, between them, did not, nor did 全国
    # (this database holds none of its reports).
    url = f"sqlite:///{tmp_path / 'chain.sqlite'}"
    paths = []
    for region, target in (("山东省", "5%以上"), ("兰陵县", "7%左右")):
        paths.append(tmp_path / f"{region}-2023.txt")
        paths[-1].write_text(f"{region}2023年政府工作报告\n二、2023年工作安排\n地区生产总值增长{target}。\n",
                             encoding="utf-8")
    engine = open_database(url)
    assert not ingest_paths(engine, paths).failed
    engine.dispose()
    at = app_on(url, monkeypatch, tmp_path / "data")(regions="兰陵县", region="兰陵县", indicator="gdp:growth",
                                                     year="2023", tab="escalation")
    no_failure(at)
    assert figures(at)[0]["data"][0]["x"] == ["山东省", "兰陵县"]
    assert ZH.ui("regions_without_targets", regions="全国、临沂市") in infos(at)
