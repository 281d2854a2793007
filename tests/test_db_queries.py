"""What the dashboard reads: regions, indicators, facts, documents and one document with its evidence."""
from __future__ import annotations

import pandas as pd
import pytest

from db import queries
from db.import_facts import import_table

LANLING = ("兰陵县 县 2023 work_report", "target 2023 gdp growth 7 % approx",
           "outcome 2022 gdp growth 4 % exact estimated")
LUOZHUANG = ("罗庄区 区 2019 work_report", "target 2019 gdp growth 7.5 % approx")


@pytest.fixture
def stored(engine, ingest, write_report):
    ingest(write_report("lanling.txt", *LANLING), write_report("luozhuang.txt", *LUOZHUANG))
    return engine


@pytest.fixture
def import_row(stored, tmp_path, catalog):
    """Import one row of published figures (an imported table: a document without a report year)."""
    def load(row: str) -> None:
        table = tmp_path / "figures.csv"
        table.write_text("region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,"
                         f"source_title\n{row}\n", encoding="utf-8")
        import_table(stored, table, catalog=catalog)
    return load


def test_regions_come_with_their_parent_province_and_division_code(stored):
    rows = {r["name"]: r for r in queries.regions(stored).to_dict("records")}
    assert (rows["兰陵县"]["level"], rows["兰陵县"]["parent"], rows["兰陵县"]["province"],
            rows["兰陵县"]["division_code"]) == ("county", "临沂市", "山东省", "371324")
    assert rows["山东省"]["parent"] == "全国" and rows["山东省"]["province"] == "山东省"
    assert pd.isna(rows["全国"]["parent"]) and pd.isna(rows["全国"]["province"]) and rows["全国"]["level"] == "national"
    assert sorted(rows) == ["临沂市", "全国", "兰陵县", "山东省", "罗庄区"]


def test_regions_come_national_first_then_each_province_with_the_regions_under_it(stored, ingest, write_report):
    ingest(write_report("shanghai.txt", "上海市 市 2023 work_report", "target 2023 gdp growth 5 % approx"),
           write_report("yunnan.txt", "云南省 省 2023 work_report", "target 2023 gdp growth 6 % approx"))
    names = queries.regions(stored)["name"].tolist()
    # 上 and 云 sort before 全 character by character; the hierarchy puts the nation first.
    assert names == ["全国", "上海市", "云南省", "山东省", "临沂市", "兰陵县", "罗庄区"]


def test_indicators_say_which_direction_is_better(stored):
    rows = {r["code"]: r for r in queries.indicators(stored).to_dict("records")}
    assert (rows["registered_unemployment_rate"]["better"], rows["gdp"]["zh"], rows["gdp"]["headline"]) == (
        "lower", "地区生产总值", True)


def test_the_catalogued_indicators_leave_out_each_reports_own_commitments(stored, import_row):
    import_row("罗庄区,target,2019,other:新建幼儿园,level,3,所,exact,false,work_report,罗庄区2019年政府工作报告")
    every, catalogued = queries.indicators(stored)["code"], queries.indicators(stored, catalogued_only=True)["code"]
    assert "other:新建幼儿园" in set(every) and "other:新建幼儿园" not in set(catalogued)
    assert set(catalogued) == set(every) - {"other:新建幼儿园"} and "gdp" in set(catalogued)


def test_facts_can_be_narrowed_to_a_regions_targets(stored):
    frame = queries.facts(stored, regions=["兰陵"], kind="target")
    assert list(zip(frame["region"], frame["kind"], frame["year"], frame["value"])) == [("兰陵县", "target", 2023, 7.0)]


def test_facts_can_be_narrowed_to_one_indicator_and_year_across_regions(stored):
    frame = queries.facts(stored, indicators=["gdp"], years=[2019, 2023], kind="target")
    assert sorted(zip(frame["region"], frame["value"])) == [("兰陵县", 7.0), ("罗庄区", 7.5)]


def test_documents_are_listed_with_their_number_of_facts(stored):
    frame = queries.documents(stored)
    assert sorted(zip(frame["region"], frame["report_year"], frame["facts"])) == [("兰陵县", 2023, 2), ("罗庄区", 2019, 1)]


def test_documents_can_be_narrowed_to_some_regions(stored):
    frame = queries.documents(stored, regions=["罗庄区"])
    assert list(zip(frame["region"], frame["report_year"], frame["facts"])) == [("罗庄区", 2019, 1)]
    with pytest.raises(queries.UnknownName):
        queries.documents(stored, regions=["火星县"])


def test_the_summary_counts_documents_and_spans_the_years_reports_plan_and_review(stored):
    # 罗庄区's 2019 report reviews 2018; 兰陵县's plans 2023.
    assert queries.document_summary(stored) == (2, (2018, 2023), ("兰陵县", "罗庄区"))


def test_an_imported_tables_figures_widen_the_years_but_report_for_no_region(stored, import_row):
    import_row("罗庄区,outcome,2016,gdp,growth,6,%,approx,false,statistical_bulletin,罗庄区2016年统计公报")
    assert queries.document_summary(stored) == (3, (2016, 2023), ("兰陵县", "罗庄区"))


def test_an_empty_database_has_no_documents_and_no_years(engine):
    assert queries.document_summary(engine) == (0, None, ())


def test_a_document_comes_with_its_text_and_where_each_fact_was_read(stored):
    lanling = queries.documents(stored).set_index("region").loc["兰陵县", "id"]
    doc = queries.document(stored, int(lanling))
    assert [doc["text"][f["start"]:f["end"]] for f in doc["facts"]] == [
        "target 2023 gdp growth 7 % approx", "outcome 2022 gdp growth 4 % exact estimated"]


def test_a_document_that_does_not_exist_is_none(stored):
    assert queries.document(stored, 999) is None
