"""The scorecard reads only the facts judging needs: it still judges as if it had read them all.

`scorecard` reads the outcomes of the targets' own years and measures first, and the rest
(anything else reported that year, the levels of the year before) only for the targets left
without an answer. These cases sit on those seams; `_judged_naively` is the definition it
must agree with: every fact within the filters, the year before included, judged at once.
"""
from __future__ import annotations


import pandas as pd
import pytest
from sqlalchemy import delete, event, inspect, select
from sqlalchemy.orm import Session

from db.corrections import add_fact, apply, fix_fact, reject_fact
from db.import_facts import import_table
from db.judge import FactView, distinct, index_outcomes, judge_each
from db.migrate import upgrade
from db.models import AnswerRules, Correction, Fact, Indicator
from db.queries import EVIDENCE_COLUMNS, SCORECARD_COLUMNS, fact_query, indicator_ids, region_ids, scorecard
from db.rules import default_tolerances, source_ranks
from db.session import in_write_transaction, make_engine

HEADER = "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"
LANLING_2023 = ("兰陵县 县 2023 work_report",
                "target 2023 gdp growth 7 % approx",
                "target 2023 fixed_asset_investment growth 10 % approx",
                "target 2023 new_urban_jobs level 5000 人 at_least",
                "outcome 2022 fixed_asset_investment growth 19.1 % exact")
# A growth is derived only from two levels published together: this report gives both.
LANLING_2024 = ("兰陵县 县 2024 work_report",
                "target 2024 gdp growth 6.5 % approx",
                "outcome 2022 gdp level 40000000000 元 exact",
                "outcome 2023 gdp level 42400000000 元 exact estimated",
                "outcome 2023 new_urban_jobs growth 3 % exact")
LUOZHUANG_2023 = ("罗庄区 区 2023 work_report",
                  "target 2023 gdp growth 7.5 % approx",
                  "outcome 2022 gdp growth 4.1 % exact")
# Whatever the filters, every frame keeps the column types it has when every kind of value occurs.
FILTERS = [{}, {"years": [2023]}, {"years": [2023], "indicators": ["gdp"]}, {"regions": ["兰陵县"]},
           {"regions": ["兰陵县"], "years": [2023, 2024]}, {"indicators": ["new_urban_jobs"]}]


@pytest.fixture
def reports(ingest, write_report):
    ingest(write_report("lanling-2023.txt", *LANLING_2023), write_report("lanling-2024.txt", *LANLING_2024),
           write_report("luozhuang-2023.txt", *LUOZHUANG_2023))


def _row(engine, indicator: str, year: int = 2023, **filters) -> dict:
    frame = scorecard(engine, **filters)
    [row] = [r for r in frame.to_dict("records")
             if (r["region"], r["indicator"], r["year"]) == ("兰陵县", indicator, year)]
    return row


def _fact_id(engine, kind: str, year: int, indicator: str, measure: str) -> int:
    with Session(engine) as s:
        return s.scalar(select(Fact.id).join(Indicator).where(
            Fact.kind == kind, Fact.year == year, Indicator.code == indicator, Fact.measure == measure))


def _verdict(row: dict) -> tuple:
    return (row["status"], None if pd.isna(row["outcome_value"]) else round(row["outcome_value"], 6),
            None if pd.isna(row["outcome_derived"]) else row["outcome_derived"])


def test_a_growth_is_derived_from_a_level_of_the_year_before_the_years_asked_for(engine, reports):
    row = _row(engine, "gdp", years=[2023], indicators=["gdp"])
    # 42400 / 40000 - 1 = 6 %, from the 2024 report's estimate and its level of the year before.
    assert _verdict(row) + (row["outcome_estimated"],) == ("missed", 6.0, True, True)
    assert _verdict(_row(engine, "gdp")) == _verdict(row)


def test_a_target_answered_only_in_other_terms_that_year_is_not_comparable(engine, reports):
    # A growth of new urban jobs was reported for 2023, not the level promised.
    assert _verdict(_row(engine, "new_urban_jobs", years=[2023], indicators=["new_urban_jobs"])) == (
        "not comparable", None, None)


def test_a_target_nothing_was_reported_for_is_pending(engine, reports):
    assert _verdict(_row(engine, "gdp", year=2024, years=[2024])) == ("pending", None, None)


def test_a_rejected_level_of_the_year_before_derives_nothing(engine, reports):
    level = _fact_id(engine, "outcome", 2022, "gdp", "level")
    in_write_transaction(engine, lambda s: reject_fact(s, level))
    assert _verdict(_row(engine, "gdp", years=[2023])) == ("not comparable", None, None)


def test_a_fixed_level_of_the_year_before_is_derived_from_as_fixed(engine, reports):
    level = _fact_id(engine, "outcome", 2022, "gdp", "level")
    in_write_transaction(engine, lambda s: fix_fact(s, level, value=42000000000))
    row = _row(engine, "gdp", years=[2023], indicators=["gdp"])
    derived = round((42400 / 42000 - 1) * 100, 6)
    assert _verdict(row) + (row["outcome_corrected"],) == ("missed", derived, True, True)


def _add_outcome(engine, catalog, year: int, measure: str, value: float, unit: str) -> None:
    in_write_transaction(engine, lambda s: add_fact(
        s, region="罗庄区", kind="outcome", year=year, indicator="gdp", measure=measure, value=value,
        unit=unit, source_title=f"罗庄区{year}年统计公报", catalog=catalog))


def test_an_added_level_of_the_year_before_is_derived_from(engine, reports, catalog):
    _add_outcome(engine, catalog, 2022, "level", 3.0e10, "元")
    _add_outcome(engine, catalog, 2023, "level", 3.3e10, "元")
    [row] = [r for r in scorecard(engine, years=[2023], indicators=["gdp"]).to_dict("records")
             if r["region"] == "罗庄区"]
    assert _verdict(row) + (row["outcome_corrected"],) == ("exceeded", 10.0, True, True)


def test_a_target_stated_twice_is_judged_once_from_its_better_source(engine, reports, tmp_path, catalog):
    path = tmp_path / "targets.csv"
    row = "兰陵县,target,2023,gdp,growth,7,%,approx,false,statistical_bulletin,兰陵县统计公报,\n"
    path.write_text(HEADER + row, encoding="utf-8")
    import_table(engine, path, catalog=catalog)
    rows = [r for r in scorecard(engine, years=[2023], indicators=["gdp"]).to_dict("records")
            if r["region"] == "兰陵县"]
    bulletin = _fact_id_of_source(engine, "statistical_bulletin")
    assert [r["target_fact_id"] for r in rows] == [bulletin]


def _fact_id_of_source(engine, source_type: str) -> int:
    with Session(engine) as s:
        return s.scalar(select(Fact.id).where(Fact.kind == "target", Fact.source_type == source_type))


@pytest.mark.parametrize("evidence", [True, False])
@pytest.mark.parametrize("filters", FILTERS)
def test_every_target_is_judged_as_if_every_fact_had_been_read(engine, reports, catalog, filters, evidence):
    rejected = _fact_id(engine, "outcome", 2022, "fixed_asset_investment", "growth")
    in_write_transaction(engine, lambda s: reject_fact(s, rejected))
    _add_outcome(engine, catalog, 2023, "growth", 7.6, "%")
    frame = scorecard(engine, evidence=evidence, **filters)
    assert _verdicts(frame) == _judged_naively(engine, **filters)


@pytest.mark.parametrize("filters", FILTERS)
def test_without_evidence_a_scorecard_is_the_same_less_its_sentences_and_sources(engine, reports, filters):
    full, lean = scorecard(engine, **filters), scorecard(engine, evidence=False, **filters)
    assert list(lean.columns) == [c for c in SCORECARD_COLUMNS if c not in EVIDENCE_COLUMNS]
    pd.testing.assert_frame_equal(lean, full[list(lean.columns)])


@pytest.mark.parametrize("evidence", [True, False])
def test_two_outcomes_of_one_target_are_ranked_by_their_documents_source(engine, reports, write_report, ingest,
                                                                        tmp_path, catalog, evidence):
    # The report's figure comes from a work report (its document says so); the imported one
    # cites a news summary, which ranks lower. Without evidence, outcomes are read without
    # their documents' sources: judging must still find the work report's.
    ingest(write_report("lanling-2024-review.txt", "兰陵县 县 2024 work_report", "outcome 2023 gdp growth 5 % exact"))
    path = tmp_path / "news.csv"
    path.write_text(HEADER + "兰陵县,outcome,2023,gdp,growth,6,%,exact,false,news_summary,兰陵新闻,\n", encoding="utf-8")
    import_table(engine, path, catalog=catalog)
    row = _row(engine, "gdp", years=[2023], indicators=["gdp"])
    lean = [r for r in scorecard(engine, years=[2023], indicators=["gdp"], evidence=evidence).to_dict("records")
            if r["region"] == "兰陵县"]
    assert row["outcome_value"] == 5.0 and [(r["outcome_value"], r["status"]) for r in lean] == [(5.0, "missed")]


def _verdicts(frame: pd.DataFrame) -> list[tuple]:
    return sorted((r["target_fact_id"], r["status"], None if pd.isna(r["gap"]) else r["gap"],
                   None if pd.isna(r["outcome_value"]) else r["outcome_value"])
                  for r in frame.to_dict("records"))


def _judged_naively(engine, regions=None, years=None, indicators=None) -> list[tuple]:
    """Every fact within the filters (outcomes of the year before too), judged at once."""
    with Session(engine) as s:
        rids = region_ids(s, regions) if regions is not None else None
        iids = indicator_ids(s, indicators) if indicators is not None else None
        outcome_years = sorted({y for year in years for y in (year, year - 1)}) if years else None
        corrections = list(s.scalars(select(Correction)))
        targets = [v for v in apply(_views(s, fact_query("target", rids, years, iids)), corrections)
                   if _within(v, "target", rids, years, iids)]
        outcomes = [v for v in apply(_views(s, fact_query("outcome", rids, outcome_years, iids)), corrections)
                    if _within(v, "outcome", rids, outcome_years, iids)]
        better = dict(s.execute(select(Indicator.id, Indicator.better)).all())
    ranks = source_ranks()
    found = judge_each(distinct(targets, ranks), *index_outcomes(outcomes), better, default_tolerances(), ranks)
    return sorted((j.target.id, j.status, j.gap, j.outcome.value if j.outcome else None) for j in found)


def _views(session, query) -> list[FactView]:
    return [FactView(id=f.id, document_id=f.document_id, region_id=f.region_id, indicator_id=f.indicator_id,
                     kind=f.kind, year=f.year, measure=f.measure, value=f.value, unit=f.unit,
                     comparator=f.comparator, strive=f.strive, estimated=f.estimated,
                     source_type=f.source_type or doc_type, source_title=f.source_title or title,
                     sentence=f.sentence, start=f.start, end=f.end, report_year=f.report_year)
            for f, doc_type, title in session.execute(query)]


def _within(view, kind, regions, years, indicators) -> bool:
    return (view.kind == kind and (regions is None or view.region_id in regions)
            and (years is None or view.year in years)
            and (indicators is None or view.indicator_id in indicators))


def test_the_column_types_do_not_depend_on_what_was_found(engine, reports):
    full = scorecard(engine)
    empty = scorecard(engine, years=[1990])
    pending = scorecard(engine, years=[2024])
    assert list(full.columns) == list(empty.columns) == list(pending.columns) == SCORECARD_COLUMNS
    whole = ["year", "target_document_id", "target_start", "target_end", "outcome_document_id",
             "target_fact_id", "outcome_fact_id"]
    for frame in (full, empty, pending):
        assert all(str(frame[c].dtype) == "Int64" for c in whole)


# EXPLAIN QUERY PLAN is SQLite's; on a tiny table PostgreSQL scans whatever the indexes.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_no_query_of_a_scorecard_reads_the_whole_facts_table(engine, reports):
    sent = []

    def record(conn, cursor, sql, params, context, executemany):
        sent.append((sql, params))

    event.listen(engine, "before_cursor_execute", record)
    scorecard(engine, years=[2023], indicators=["gdp"])
    scorecard(engine, years=[2023], indicators=["gdp"], evidence=False)
    scorecard(engine, regions=["兰陵县"])
    with engine.connect() as conn:
        plans = [" ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
                 for sql, params in sent if sql.lstrip().upper().startswith("SELECT")]
    assert plans and not [p for p in plans if "SCAN facts" in p]


def test_upgrading_replaces_the_index_of_one_indicator_in_one_year(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0003")
    upgrade(engine)
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("facts")}
    engine.dispose()
    assert "ix_facts_indicator_id_facts_year_facts_kind" not in indexes
    assert [cols[:5] for cols in indexes.values()].count(["indicator_id", "year", "kind", "region_id", "measure"]) == 1


# SQLite only: PostgreSQL keeps the narrow index (db/models.py).
@pytest.mark.parametrize("evidence", [True, False])
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_on_sqlite_a_comparison_reads_its_facts_from_the_index_alone(engine, reports, evidence):
    # Judged from the facts, as where no stored answers can be read (db.answers).
    in_write_transaction(engine, lambda s: s.execute(delete(AnswerRules)))
    sent = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, sql, params, context, many:
                 sent.append((sql, params)))
    assert len(scorecard(engine, years=[2023], indicators=["gdp"], evidence=evidence)) > 0
    with engine.connect() as conn:
        steps = [r[-1] for sql, params in sent if sql.lstrip().upper().startswith("SELECT")
                 for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
    reads = [step for step in steps if step.split()[:2] in (["SEARCH", "facts"], ["SCAN", "facts"])]
    assert reads and all("USING COVERING INDEX ix_facts_comparison" in step for step in reads)


def test_a_county_with_many_unanswered_indicators_is_judged_as_if_every_fact_had_been_read(
        engine, ingest, write_report):
    # More indicators than are worth an index seek each: the county's outcomes are read by year.
    targets = [f"target 2023 other_{n} level {n} 个 at_least" for n in range(60)]
    outcomes = ["outcome 2023 other_7 growth 3 % exact", "outcome 2023 other_8 level 9 个 exact",
                "outcome 2022 other_9 level 1 个 exact"]
    ingest(write_report("many-2023.txt", "兰陵县 县 2023 work_report", *targets),
           write_report("many-2024.txt", "兰陵县 县 2024 work_report", *outcomes))
    frame = scorecard(engine, regions=["兰陵县"])
    statuses = {(r["indicator"], r["status"]) for r in frame.to_dict("records")}
    assert _verdicts(frame) == _judged_naively(engine, regions=["兰陵县"])
    assert {s for i, s in statuses if i not in ("other_7", "other_8")} == {"pending"}
    assert sorted(s for i, s in statuses if i in ("other_7", "other_8")) == ["met", "not comparable"]
