"""import-facts: published figures from a CSV, each row keeping its source, all or nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import count
from db.errors import BadTable
from db.import_facts import import_table
from db.models import Document, Fact, Indicator

HEADER = "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"
GDP_ROW = "兰陵县,outcome,2023,gdp,growth,6,%,approx,true,work_report,2024年兰陵县人民政府工作报告,http://example.org/119828\n"
BULLETIN_ROW = "罗庄区,outcome,2022,gdp,level,42870000000,元,exact,false,statistical_bulletin,罗庄区2022年统计公报,https://example.org/41721\n"


@pytest.fixture
def table(tmp_path):
    def write(*rows: str, header: str = HEADER):
        path = tmp_path / "figures.csv"
        path.write_text(header + "".join(rows), encoding="utf-8")
        return path
    return write


def _load(engine, path, catalog):
    return import_table(engine, path, catalog=catalog)


def test_each_row_becomes_a_fact_that_keeps_its_source(engine, table, catalog):
    result = _load(engine, table(GDP_ROW, BULLETIN_ROW), catalog)
    assert (result.status, result.facts) == ("new", 2)
    with Session(engine) as s:
        rows = s.execute(select(Fact.value, Fact.estimated, Fact.source_type, Fact.source_title, Fact.source_url)
                         .order_by(Fact.id)).all()
    assert [tuple(r) for r in rows] == [
        (6.0, True, "work_report", "2024年兰陵县人民政府工作报告", "http://example.org/119828"),
        (42870000000.0, False, "statistical_bulletin", "罗庄区2022年统计公报", "https://example.org/41721"),
    ]


def test_the_table_is_stored_as_an_imported_document_whose_rows_are_the_evidence(engine, table, catalog):
    _load(engine, table(GDP_ROW), catalog)
    with Session(engine) as s:
        fact = s.scalars(select(Fact)).one()
        assert fact.document.doc_type == "imported_table"
        assert fact.document.text[fact.start:fact.end] == GDP_ROW.rstrip("\n")


def test_importing_the_same_table_again_changes_nothing(engine, table, catalog):
    path = table(GDP_ROW, BULLETIN_ROW)
    _load(engine, path, catalog)
    result = _load(engine, path, catalog)
    assert (result.status, count(engine, "documents"), count(engine, "facts")) == ("unchanged", 1, 2)


def test_a_changed_table_replaces_its_own_facts(engine, table, catalog):
    path = table(GDP_ROW, BULLETIN_ROW)
    _load(engine, path, catalog)
    table(GDP_ROW.replace(",6,%", ",5.8,%"))
    result = _load(engine, path, catalog)
    with Session(engine) as s:
        values = list(s.scalars(select(Fact.value)))
    assert (result.status, values, count(engine, "documents")) == ("replaced", [5.8], 1)


def test_a_bad_value_is_reported_by_row_and_column_and_nothing_is_loaded(engine, table, catalog):
    path = table(GDP_ROW, BULLETIN_ROW.replace("42870000000", "428.7亿"))
    with pytest.raises(BadTable) as caught:
        _load(engine, path, catalog)
    assert caught.value.problems == ["row 3, column value: '428.7亿' is not a number"]
    assert (count(engine, "documents"), count(engine, "facts")) == (0, 0)


def test_every_bad_cell_of_the_table_is_reported(engine, table, catalog):
    path = table(GDP_ROW.replace("outcome", "result"), GDP_ROW, BULLETIN_ROW.replace(",false,", ",maybe,"))
    with pytest.raises(BadTable) as caught:
        _load(engine, path, catalog)
    assert caught.value.problems == [
        "row 2, column kind: 'result' is not one of target, outcome",
        "row 4, column estimated: 'maybe' is not true or false",
    ]


def test_a_row_that_does_not_say_where_it_comes_from_is_refused(engine, table, catalog):
    path = table(GDP_ROW.replace(",2024年兰陵县人民政府工作报告,http://example.org/119828", ",,"))
    with pytest.raises(BadTable) as caught:
        _load(engine, path, catalog)
    assert caught.value.problems[0].startswith("row 2, column source_title: empty")


def test_an_unknown_source_type_is_refused(engine, table, catalog):
    with pytest.raises(BadTable) as caught:
        _load(engine, table(GDP_ROW.replace("work_report", "rumour")), catalog)
    assert caught.value.problems[0].startswith("row 2, column source_type: 'rumour' is not one of")


def test_a_missing_column_is_reported_on_the_header_row(engine, table, catalog):
    header = HEADER.replace("measure,", "")
    with pytest.raises(BadTable) as caught:
        _load(engine, table("兰陵县,outcome,2023,gdp,6,%,approx,true,work_report,t,u\n", header=header), catalog)
    assert caught.value.problems == ["row 1: missing column measure"]


def test_the_message_names_the_file_the_first_problem_and_says_nothing_was_loaded(table):
    path = table(GDP_ROW.replace(",2023,", ",twenty,"))
    with pytest.raises(BadTable) as caught:
        import_table(None, path)
    assert str(caught.value) == f"{path}: row 2, column year: 'twenty' is not a year; nothing was loaded"


def test_imported_rows_resolve_their_regions_and_indicators(engine, table, catalog):
    _load(engine, table(GDP_ROW), catalog)
    with Session(engine) as s:
        fact = s.scalars(select(Fact)).one()
        assert (fact.region.path, fact.indicator.code) == ("山东省/临沂市/兰陵县", "gdp")
        assert s.scalars(select(Document.title)).one() == "figures.csv"
        assert s.scalar(select(Indicator.better).where(Indicator.code == "gdp")) == "higher"
