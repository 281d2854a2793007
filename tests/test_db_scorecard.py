"""The scorecard from stored reports and imported figures, on SQLite and PostgreSQL."""
from __future__ import annotations

import gc

import pandas as pd
import pytest
from sqlalchemy import text

from db.import_facts import import_table
from db import places
from db.queries import UnknownName, fact_query, scorecard

LANLING_2023 = ("兰陵县 县 2023 work_report",
                "target 2023 gdp growth 7 % approx",
                "target 2023 general_budget_revenue growth 10 % approx",
                "target 2023 fixed_asset_investment growth 10 % approx",
                "target 2023 urban_disposable_income growth 8 % approx",
                "target 2023 other:进出口稳定增长 qualitative - - exact",
                "outcome 2022 urban_disposable_income level 40600 元 exact estimated")
LUOZHUANG_2019 = ("罗庄区 区 2019 work_report",
                  "target 2019 gdp growth 7.5 % approx",
                  "target 2019 new_urban_jobs level 4900 人 exact")
HEADER = "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"


def row(region, year, indicator, measure, value, unit, *, estimated="false", source="work_report",
        title="2024年兰陵县人民政府工作报告") -> str:
    return f"{region},outcome,{year},{indicator},{measure},{value},{unit},exact,{estimated},{source},{title},\n"


@pytest.fixture
def figures(engine, tmp_path, catalog):
    """Imports a table of outcome rows."""
    def load(*rows: str, name: str = "figures.csv"):
        path = tmp_path / name
        path.write_text(HEADER + "".join(rows), encoding="utf-8")
        return import_table(engine, path, catalog=catalog)
    return load


@pytest.fixture
def lanling(ingest, write_report):
    return ingest(write_report("lanling-2023.txt", *LANLING_2023))


def _by_indicator(frame) -> dict:
    return {r["indicator"]: r for r in frame.to_dict("records")}


def test_lanling_2023_targets_are_judged_against_the_next_reports_outcomes(engine, lanling, figures):
    figures(row("兰陵县", 2023, "gdp", "growth", 6, "%", estimated="true"),
            row("兰陵县", 2023, "general_budget_revenue", "growth", 10.2, "%"),
            row("兰陵县", 2023, "fixed_asset_investment", "growth", 6.2, "%"))
    rows = _by_indicator(scorecard(engine, regions=["兰陵县"], years=[2023]))
    assert (rows["gdp"]["target_value"], rows["gdp"]["outcome_value"], rows["gdp"]["outcome_estimated"],
            rows["gdp"]["status"], rows["gdp"]["gap"]) == (7.0, 6.0, True, "missed", -1.0)
    assert (rows["general_budget_revenue"]["status"], rows["general_budget_revenue"]["gap"]) == ("met", 0.2)
    assert (rows["fixed_asset_investment"]["status"], rows["fixed_asset_investment"]["gap"]) == ("missed", -3.8)


def test_a_bulletin_figure_is_preferred_to_a_work_reports(engine, lanling, figures):
    figures(row("兰陵县", 2023, "gdp", "growth", 6.0, "%"),
            row("兰陵县", 2023, "gdp", "growth", 6.8, "%", source="statistical_bulletin", title="兰陵县2023年统计公报"))
    gdp = _by_indicator(scorecard(engine, regions=["兰陵县"]))["gdp"]
    assert (gdp["outcome_value"], gdp["outcome_source_type"], gdp["outcome_source_title"], gdp["status"]) == (
        6.8, "statistical_bulletin", "兰陵县2023年统计公报", "met")


def test_a_final_figure_is_preferred_to_an_estimate(engine, lanling, ingest, write_report, figures):
    ingest(write_report("lanling-2024.txt", "兰陵县 县 2024 work_report",
                        "outcome 2023 gdp growth 6 % exact estimated"))
    figures(row("兰陵县", 2023, "gdp", "growth", 6.6, "%", source="news_summary", title="晚报"))
    gdp = _by_indicator(scorecard(engine, regions=["兰陵县"]))["gdp"]
    assert (gdp["outcome_value"], gdp["outcome_estimated"], gdp["status"]) == (6.6, False, "met")


def test_of_two_figures_a_report_gives_in_the_same_terms_the_first_stated_is_the_regions(engine, lanling, ingest,
                                                                                          write_report):
    # "实际利用外资7186万美元,增长127%,其中外商直接投资3170万美元…": the whole comes before
    # its part, and a region's own figure before a zone's.
    ingest(write_report("lanling-2024.txt", "兰陵县 县 2024 work_report",
                        "outcome 2023 gdp growth 6.2 % exact", "outcome 2023 gdp growth 13 % exact"))
    for evidence in (True, False):
        gdp = _by_indicator(scorecard(engine, regions=["兰陵县"], evidence=evidence))["gdp"]
        assert (gdp["outcome_value"], gdp["status"]) == (6.2, "missed")


def test_a_growth_is_derived_from_the_levels_of_two_consecutive_years_published_together(engine, lanling, figures):
    figures(row("兰陵县", 2023, "urban_disposable_income", "level", 42400, "元"),
            row("兰陵县", 2022, "urban_disposable_income", "level", 40600, "元", estimated="true"))
    income = _by_indicator(scorecard(engine, regions=["兰陵县"]))["urban_disposable_income"]
    # 42400 / 40600 - 1 = 4.4335 %
    assert income["outcome_value"] == pytest.approx(4.4335, abs=1e-4)
    assert (income["outcome_derived"], income["outcome_estimated"], income["status"]) == (True, True, "missed")


def test_levels_from_two_publications_derive_no_growth(engine, lanling, figures):
    # The 2022 level is the 2023 report's, the 2023 level another publication's: their
    # definitions may differ (a revision, a new basis), so no growth is made of them.
    figures(row("兰陵县", 2023, "urban_disposable_income", "level", 42400, "元"))
    income = _by_indicator(scorecard(engine, regions=["兰陵县"]))["urban_disposable_income"]
    assert (pd.isna(income["outcome_value"]), income["status"]) == (True, "not comparable")


def test_targets_without_outcomes_are_pending(engine, ingest, write_report):
    ingest(write_report("luozhuang-2019.txt", *LUOZHUANG_2019))
    frame = scorecard(engine, regions=["罗庄区"], years=[2019])
    assert sorted(zip(frame["indicator"], frame["status"])) == [("gdp", "pending"), ("new_urban_jobs", "pending")]


def test_a_qualitative_target_is_listed_with_no_verdict(engine, lanling):
    row_ = _by_indicator(scorecard(engine, regions=["兰陵县"]))["other:进出口稳定增长"]
    assert row_["status"] == "qualitative"
    assert pd.isna(row_["target_value"]) and pd.isna(row_["gap"])


def test_each_row_places_its_region_under_its_city_and_province(engine, lanling):
    gdp = _by_indicator(scorecard(engine))["gdp"]
    assert (gdp["region"], gdp["region_level"], gdp["parent_region"], gdp["province"]) == (
        "兰陵县", "county", "临沂市", "山东省")


def test_each_row_points_at_the_sentence_of_its_target(engine, lanling):
    gdp = _by_indicator(scorecard(engine))["gdp"]
    assert (gdp["target_sentence"], gdp["target_end"] - gdp["target_start"]) == (
        "target 2023 gdp growth 7 % approx", len("target 2023 gdp growth 7 % approx"))


def test_a_short_region_name_selects_the_region(engine, lanling, ingest, write_report):
    ingest(write_report("luozhuang-2019.txt", *LUOZHUANG_2019))
    assert set(scorecard(engine, regions=["罗庄"])["region"]) == {"罗庄区"}


def test_an_unknown_region_is_an_error(engine, lanling):
    with pytest.raises(UnknownName):
        scorecard(engine, regions=["示范县"])


def test_a_year_filter_keeps_that_years_targets(engine, lanling, ingest, write_report):
    ingest(write_report("luozhuang-2019.txt", *LUOZHUANG_2019))
    assert set(scorecard(engine, years=[2019])["year"]) == {2019}


def _plan(engine, query) -> str:
    compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return " ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
        conn.execute(text("SET enable_seqscan = off"))   # tiny tables: ask whether an index can serve
        return " ".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {compiled}"))


def test_a_regions_targets_are_found_through_an_index(engine, lanling):
    plan = _plan(engine, fact_query("target", region_ids=[3]))
    assert "ix_facts_region_id_facts_kind_facts_year" in plan


def test_one_indicator_in_one_year_across_regions_is_found_through_an_index(engine, lanling):
    plan = _plan(engine, fact_query("outcome", years=[2022, 2023], indicator_ids=[1]))
    by_dialect = {"sqlite": "ix_facts_comparison", "postgresql": "ix_facts_indicator_id_facts_year_facts_kind"}
    assert by_dialect[engine.dialect.name] in plan


@pytest.mark.parametrize("collecting", [True, False])
def test_the_garbage_collector_is_left_as_it_was(engine, lanling, collecting):
    # The scorecard holds the cycle collector off while it works (etl.collector.collector_paused).
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        assert len(scorecard(engine, regions=["兰陵县"])) == 5
        assert gc.isenabled() is collecting
        with pytest.raises(UnknownName):
            scorecard(engine, regions=["示范县"])
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()


def test_whole_number_columns_keep_missing_values(engine, ingest, write_report):
    ingest(write_report("luozhuang-2019.txt", *LUOZHUANG_2019))
    frame = scorecard(engine, regions=["罗庄区"])
    assert str(frame["outcome_document_id"].dtype) == "Int64" and frame["outcome_document_id"].isna().all()
    assert str(frame["target_document_id"].dtype) == "Int64" and frame["target_document_id"].notna().all()


def test_text_columns_are_typed_as_pandas_types_strings(engine, ingest, write_report):
    ingest(write_report("luozhuang-2019.txt", *LUOZHUANG_2019))
    frame = scorecard(engine, regions=["罗庄区"])
    assert frame["region"].dtype == pd.Series(["罗庄区"]).dtype
    assert frame["outcome_sentence"].dtype == pd.Series([None]).dtype     # no outcome: Nones only
    assert list(frame["status"]) == ["pending", "pending"]


def _places(engine) -> set[tuple]:
    frame = scorecard(engine)
    return set(zip(frame["region"], frame["parent_region"], frame["province"]))


def test_regions_renamed_or_added_since_the_last_scorecard_are_named_as_stored(engine, lanling, ingest,
                                                                              write_report, monkeypatch):
    # Across many regions, places are worked out from the whole regions table and kept for
    # as long as it reads the same (db.places._every_place); here two regions are many.
    monkeypatch.setattr(places, "IDS_PER_QUERY", 1)
    ingest(write_report("luozhuang-2019.txt", *LUOZHUANG_2019))
    assert _places(engine) == {("兰陵县", "临沂市", "山东省"), ("罗庄区", "临沂市", "山东省")}
    with engine.begin() as conn:    # as another process might, between two scorecards
        conn.execute(text("UPDATE regions SET name = '沂州市' WHERE name = '临沂市'"))
    assert _places(engine) == {("兰陵县", "沂州市", "山东省"), ("罗庄区", "沂州市", "山东省")}
    ingest(write_report("xiaoshan-2020.txt", "萧山区 区 2020 work_report", "target 2020 gdp growth 6 % approx"))
    assert _places(engine) == {("兰陵县", "沂州市", "山东省"), ("罗庄区", "沂州市", "山东省"),
                               ("萧山区", "杭州市", "浙江省")}


def test_flags_are_booleans_whatever_the_driver_returns(engine, ingest, write_report):
    # SQLite's driver returns booleans as 0 and 1; the frame shows True and False.
    ingest(write_report("luozhuang-2019.txt", "罗庄区 区 2019 work_report",
                        "target 2019 gdp growth 7.5 % approx strive",
                        "target 2019 new_urban_jobs level 4900 人 exact"),
           write_report("luozhuang-2020.txt", "罗庄区 区 2020 work_report",
                        "outcome 2019 gdp growth 7 % exact estimated",
                        "outcome 2019 new_urban_jobs level 5000 人 exact"))
    frame = scorecard(engine, regions=["罗庄区"], years=[2019])
    assert frame["strive"].dtype == bool
    assert sorted(zip(frame["indicator"], frame["strive"], frame["outcome_estimated"])) == [
        ("gdp", True, True), ("new_urban_jobs", False, False)]
    assert {type(v) for v in frame["outcome_estimated"]} == {bool}
