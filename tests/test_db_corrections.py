"""Corrections: kept apart from facts, applied when judging, surviving re-ingest."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import count
from db.corrections import CorrectionError, add_fact, fix_fact, list_corrections, reject_fact, remove_correction
from db.import_facts import import_table
from db.models import Fact, Indicator
from db.queries import scorecard
from db.session import in_write_transaction

LANLING = "兰陵县 县 2023 work_report"
GDP_TARGET = "target 2023 gdp growth 7 % approx"
HEADER = "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"


@pytest.fixture
def lanling(ingest, write_report):
    path = write_report("lanling.txt", LANLING, GDP_TARGET)
    ingest(path)
    return path


@pytest.fixture
def outcome_6(engine, tmp_path, catalog):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "兰陵县,outcome,2023,gdp,growth,6,%,exact,false,statistical_bulletin,兰陵县2023年统计公报,\n",
                    encoding="utf-8")
    import_table(engine, path, catalog=catalog)


def _fact_id(engine, kind: str) -> int:
    with Session(engine) as s:
        return s.scalar(select(Fact.id).join(Indicator).where(Indicator.code == "gdp", Fact.kind == kind))


def _gdp(engine) -> dict:
    [row] = [r for r in scorecard(engine).to_dict("records") if r["indicator"] == "gdp"]
    return row


def _write(engine, work):
    return in_write_transaction(engine, work)


def test_a_fixed_target_is_judged_by_its_corrected_value(engine, lanling, outcome_6):
    target = _fact_id(engine, "target")
    _write(engine, lambda s: fix_fact(s, target, value=6.2, note="报告原文为6.2%"))
    gdp = _gdp(engine)
    assert (gdp["target_value"], gdp["target_corrected"], gdp["status"]) == (6.2, True, "met")


def test_a_fix_leaves_the_extracted_fact_as_it_was(engine, lanling):
    target = _fact_id(engine, "target")
    _write(engine, lambda s: fix_fact(s, target, value=6.2))
    with Session(engine) as s:
        assert s.get(Fact, target).value == 7.0
    assert count(engine, "corrections") == 1


def test_a_fix_survives_re_ingesting_the_changed_document(engine, lanling, outcome_6, ingest, write_report):
    _write(engine, lambda s: fix_fact(s, _fact_id(engine, "target"), value=6.2))
    write_report("lanling.txt", LANLING, GDP_TARGET, "target 2023 new_urban_jobs level 8000 人 exact")
    assert [r.status for r in ingest(lanling).results] == ["replaced"]
    gdp = _gdp(engine)
    assert (gdp["target_value"], gdp["status"]) == (6.2, "met")


def test_a_rejected_outcome_no_longer_counts(engine, lanling, outcome_6):
    _write(engine, lambda s: reject_fact(s, _fact_id(engine, "outcome"), note="the city's figure"))
    assert _gdp(engine)["status"] == "pending"


def test_a_rejected_target_leaves_the_scorecard(engine, lanling):
    _write(engine, lambda s: reject_fact(s, _fact_id(engine, "target")))
    assert len(scorecard(engine)) == 0


def test_an_added_outcome_outranks_a_statistical_bulletin(engine, lanling, outcome_6, catalog):
    _write(engine, lambda s: add_fact(
        s, region="兰陵", kind="outcome", year=2023, indicator="gdp", measure="growth", value=6.7,
        unit="%", source_title="兰陵县2023年统计公报(修订)", catalog=catalog))
    gdp = _gdp(engine)
    assert (gdp["outcome_value"], gdp["outcome_source_type"], gdp["outcome_corrected"], gdp["status"]) == (
        6.7, "correction", True, "met")


def test_an_added_target_is_judged_like_an_extracted_one(engine, outcome_6, catalog):
    _write(engine, lambda s: add_fact(
        s, region="兰陵县", kind="target", year=2023, indicator="gdp", measure="growth", value=5,
        unit="%", comparator="at_least", note="从新闻发布会记录补录", catalog=catalog))
    gdp = _gdp(engine)
    assert (gdp["target_value"], gdp["comparator"], gdp["status"]) == (5.0, "at_least", "met")


def test_an_added_fact_must_say_where_it_comes_from(engine, catalog):
    with pytest.raises(CorrectionError):
        _write(engine, lambda s: add_fact(s, region="兰陵县", kind="outcome", year=2023, indicator="gdp",
                                          measure="growth", value=6.7, unit="%", catalog=catalog))


def test_removing_a_correction_restores_the_extracted_fact(engine, lanling, outcome_6):
    correction = _write(engine, lambda s: fix_fact(s, _fact_id(engine, "target"), value=6.2).id)
    _write(engine, lambda s: remove_correction(s, correction))
    assert (_gdp(engine)["target_value"], _gdp(engine)["status"]) == (7.0, "missed")


def test_fixing_a_fact_that_does_not_exist_is_an_error(engine):
    with pytest.raises(CorrectionError, match="no fact 999"):
        _write(engine, lambda s: fix_fact(s, 999, value=1))


def test_a_fix_must_change_something(engine, lanling):
    with pytest.raises(CorrectionError):
        _write(engine, lambda s: fix_fact(s, _fact_id(engine, "target")))


def test_the_list_shows_what_was_corrected_and_why(engine, lanling):
    _write(engine, lambda s: fix_fact(s, _fact_id(engine, "target"), value=6.2, note="报告原文为6.2%"))
    with Session(engine) as s:
        [entry] = list_corrections(s)
    assert (entry["action"], entry["region"], entry["indicator"], entry["original_value"], entry["value"],
            entry["note"]) == ("fix", "兰陵县", "gdp", 7.0, 6.2, "报告原文为6.2%")


def test_the_list_gives_the_unit_of_the_fact_a_correction_is_about(engine, lanling):
    # A fix of the value alone stores no unit; the fact's own unit is listed beside it.
    _write(engine, lambda s: fix_fact(s, _fact_id(engine, "target"), value=6.2))
    _write(engine, lambda s: add_fact(s, region="兰陵县", kind="outcome", year=2023, indicator="gdp",
                                      measure="growth", value=6.1, unit="%", source_title="统计公报"))
    with Session(engine) as s:
        fixed, added = list_corrections(s)
    assert (fixed["unit"], fixed["original_unit"]) == (None, "%")
    assert (added["unit"], added["original_unit"]) == ("%", None)
