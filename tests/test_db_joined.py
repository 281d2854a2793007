"""A scorecard without evidence judges plain targets from one join, the rest fact by fact.

Each county below has one construction. The plain ones (a figure with one outcome in its
terms, or nothing reported at all) are judged from their row of the join; a county where
anything must be ranked, derived or corrected is judged the usual way, whole. Either way
the verdicts are those of the scorecard with evidence, which never takes the join.
"""
from __future__ import annotations

import random

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db import joined
from db.corrections import add_fact, fix_fact, reject_fact
from db.import_facts import import_table
from db.models import Correction, Fact, Region
from db.queries import EVIDENCE_COLUMNS, SCORECARD_COLUMNS, indicator_ids, scorecard
from db.rules import source_ranks
from db.session import in_write_transaction

TARGETS = "2023 work_report"        # the report that sets 2023's targets
REVIEW = "2024 work_report"         # the report that reviews 2023
BULLETIN = "2024 statistical_bulletin"
COUNTIES = {
    # county: (facts of the 2023 report, of the 2024 report, of the 2024 bulletin)
    "甲县": (["target 2023 gdp growth 7 % approx"], ["outcome 2023 gdp growth 7.2 % exact"], []),
    "乙县": (["target 2023 gdp growth 7 % approx"], [], []),
    "丙县": (["target 2023 gdp level 500 元 at_least"], ["outcome 2023 gdp level 480 美元 exact"], []),
    "丁县": (["target 2023 gdp qualitative - % approx"], [], []),
    "丑县": (["target 2023 energy_intensity growth -3 % at_least"],
            ["outcome 2023 energy_intensity growth -4 % exact"], []),
    "卯县": (["target 2023 gdp growth 7 % approx", "target 2023 gdp growth 8 % approx strive"],
            ["outcome 2023 gdp growth 7.2 % exact"], []),
    "寅县": (["target 2023 gdp growth 6 % approx", "target 2023 new_urban_jobs level 5000 人 at_least"],
            ["outcome 2023 gdp growth 5 % exact", "outcome 2023 new_urban_jobs level 5200 人 exact"], []),
    # Two outcomes, ranked: the bulletin's final figure over the report's estimate; and the
    # report over a news summary imported with a source of its own (below).
    "己县": (["target 2023 gdp growth 7 % approx"], ["outcome 2023 gdp growth 6 % exact estimated"],
            ["outcome 2023 gdp growth 6.4 % exact"]),
    "午县": (["target 2023 gdp growth 7 % approx"], ["outcome 2023 gdp growth 7.1 % exact"], []),
    # An average over the years of a term reports on none of them: plain, and pending.
    "巳县": (["target 2023 gdp growth 7 % approx"], ["outcome 2023 gdp avg_growth 7.8 % exact"], []),
    # Not plain: a qualitative target answered (by one outcome without a figure, by two); a
    # promise stated twice; a growth to derive from levels; other terms reported; a corrected
    # outcome.
    "庚县": (["target 2023 gdp qualitative - % approx"], ["outcome 2023 gdp qualitative - % exact"], []),
    "未县": (["target 2023 gdp qualitative - % approx"], ["outcome 2023 gdp qualitative - % exact"],
            ["outcome 2023 gdp qualitative - % exact"]),
    "辛县": (["target 2023 gdp growth 7 % approx"], ["target 2023 gdp growth 7 % approx",
                                                     "outcome 2023 gdp growth 7.5 % exact"], []),
    "壬县": (["target 2023 gdp growth 7 % approx", "outcome 2022 gdp level 100 元 exact"],
            ["outcome 2023 gdp level 105 元 exact"], []),
    "癸县": (["target 2023 new_urban_jobs level 5000 人 at_least"], ["outcome 2023 new_urban_jobs growth 3 % exact"],
            []),
    "辰县": (["target 2023 gdp growth 7 % approx"], ["outcome 2023 gdp growth 6.9 % exact"], []),
}
# 辰县's outcome is fixed below; 寅县's jobs figure is fixed too, which the GDP comparison ignores.
TANGLED_IN_GDP = {"庚县", "未县", "辛县", "壬县", "辰县"}
FILTERS = [{}, {"years": [2023]}, {"years": [2023], "indicators": ["gdp"]}, {"indicators": ["new_urban_jobs"]},
           {"regions": ["甲县", "己县", "乙县", "午县"]}, {"regions": ["辰县"], "years": [2022, 2023]}]


NEWS = ("region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"
        "午县,outcome,2023,gdp,growth,6.5,%,exact,false,news_summary,午县新闻,\n")


@pytest.fixture
def counties(engine, ingest, write_report, tmp_path, catalog):
    paths = []
    for county, reports in COUNTIES.items():
        for header, facts in zip((TARGETS, REVIEW, BULLETIN), reports):
            if facts:
                paths.append(write_report(f"{county}-{header.replace(' ', '-')}.txt", f"{county} 县 {header}", *facts))
    ingest(*paths)
    (tmp_path / "news.csv").write_text(NEWS, encoding="utf-8")
    import_table(engine, tmp_path / "news.csv", catalog=catalog)
    _fix(engine, "辰县", "gdp", 7.6)
    _fix(engine, "寅县", "new_urban_jobs", 4800)


def _fix(engine, county: str, indicator: str, value: float) -> None:
    with Session(engine) as s:
        [fact_id] = s.scalars(select(Fact.id).join(Region).where(
            Region.name == county, Fact.kind == "outcome",
            Fact.indicator_id.in_(indicator_ids(s, [indicator]))))
    in_write_transaction(engine, lambda s: fix_fact(s, fact_id, value=value))


def _lean_and_full(engine, **filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    lean, full = scorecard(engine, evidence=False, **filters), scorecard(engine, **filters)
    return lean, full[list(lean.columns)]


@pytest.mark.parametrize("filters", FILTERS)
def test_without_evidence_every_target_is_judged_as_with_it(engine, counties, filters):
    lean, full = _lean_and_full(engine, **filters)
    assert list(lean.columns) == [c for c in SCORECARD_COLUMNS if c not in EVIDENCE_COLUMNS]
    pd.testing.assert_frame_equal(lean, full)


def _tangled(engine, **filters) -> set[str]:
    with Session(engine) as s:
        ids = indicator_ids(s, filters["indicators"]) if "indicators" in filters else None
        corrections = list(s.scalars(select(Correction)))
        _, tangled = joined.plain_rows(s, None, filters.get("years"), ids, corrections, source_ranks())
        return set(s.scalars(select(Region.name).where(Region.id.in_({region for region, _ in tangled}))))


def test_only_counties_with_something_to_rank_derive_or_correct_are_judged_fact_by_fact(engine, counties):
    assert _tangled(engine, years=[2023], indicators=["gdp"]) == TANGLED_IN_GDP
    # 寅县's jobs figure was fixed, and 癸县 reported jobs in other terms.
    assert _tangled(engine, years=[2023], indicators=["new_urban_jobs"]) == {"寅县", "癸县"}
    # A correction counts for the year after too (a growth may be derived from a level), not before.
    assert "辰县" in _tangled(engine, years=[2024], indicators=["gdp"])
    assert "辰县" not in _tangled(engine, years=[2022], indicators=["gdp"])


def test_the_plain_counties_verdicts(engine, counties):
    lean = scorecard(engine, years=[2023], evidence=False)
    verdicts = {(r["region"], r["indicator"], r["target_value"] if pd.notna(r["target_value"]) else None):
                (r["status"], None if pd.isna(r["gap"]) else r["gap"]) for r in lean.to_dict("records")}
    assert verdicts[("甲县", "gdp", 7.0)] == ("met", 0.2)
    assert verdicts[("乙县", "gdp", 7.0)] == ("pending", None)
    assert verdicts[("巳县", "gdp", 7.0)] == ("pending", None)
    assert verdicts[("丙县", "gdp", 500.0)] == ("not comparable", None)
    assert verdicts[("丁县", "gdp", None)] == ("qualitative", None)
    assert verdicts[("丑县", "energy_intensity", -3.0)] == ("met", -1.0)
    assert verdicts[("卯县", "gdp", 7.0)] == ("met", 0.2)
    assert verdicts[("卯县", "gdp", 8.0)] == ("missed", -0.8)
    assert verdicts[("寅县", "gdp", 6.0)] == ("missed", -1.0)
    assert verdicts[("己县", "gdp", 7.0)] == ("missed", -0.6)
    assert verdicts[("午县", "gdp", 7.0)] == ("met", 0.1)


# The pieces a random county's reports are made of: every construction above, and more.
PIECES = [
    "target {y} gdp growth {v} % approx",
    "target {y} gdp growth {v} % at_least",
    "target {y} gdp growth {v} % approx strive",
    "target {y} gdp qualitative - % approx",
    "target {y} gdp qualitative {v} % approx",
    "target {y} gdp level {v}00 元 approx",
    "target {y} gdp change {v} pp approx",
    "target {y} registered_unemployment_rate level {v} % at_most",
    "outcome {y} gdp growth {v} % exact",
    "outcome {y} gdp growth {v} % exact estimated",
    "outcome {y} gdp growth {v} pp exact",
    "outcome {y} gdp qualitative - % exact",
    "outcome {y} gdp level {v}00 元 exact",
    "outcome {y} gdp level {v}00 美元 exact",
    "outcome {y} gdp level {v} % exact",
    "outcome {y} registered_unemployment_rate level {v} % exact",
]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_random_counties_are_judged_alike_with_and_without_evidence(engine, ingest, write_report, catalog):
    rng = random.Random(2023)
    paths = []
    for n in range(60):
        for header in (TARGETS, REVIEW, BULLETIN):
            facts = [rng.choice(PIECES).format(y=rng.choice((2022, 2023)), v=rng.choice((3, 5, 7, 7.5)))
                     for _ in range(rng.randrange(4))]
            if facts:
                paths.append(write_report(f"r{n}-{header.replace(' ', '-')}.txt", f"随机{n}县 县 {header}", *facts))
    ingest(*paths)
    with Session(engine) as s:
        facts = list(s.scalars(select(Fact.id).order_by(Fact.id)))
    for fact_id in rng.sample(facts, 8):
        in_write_transaction(engine, lambda s: (fix_fact(s, fact_id, value=6.5) if fact_id % 2 else
                                                reject_fact(s, fact_id)))
    in_write_transaction(engine, lambda s: add_fact(
        s, region="随机1县", kind="outcome", year=2023, indicator="gdp", measure="growth", value=7.1, unit="%",
        source_title="随机1县统计公报", catalog=catalog))
    for filters in ({}, {"years": [2023]}, {"years": [2023], "indicators": ["gdp"]}, {"years": [2022, 2023]}):
        lean, full = _lean_and_full(engine, **filters)
        assert len(lean) > 30
        pd.testing.assert_frame_equal(lean, full)


def test_a_year_that_cannot_be_judged_from_the_join_leaves_the_regions_other_years_to_it(
        engine, ingest, write_report):
    # 子县 states its 2023 promise twice (in its 2023 report and again in 2024's); 2022 is plain.
    ingest(write_report("zi-2022.txt", "子县 县 2022 work_report", "target 2022 gdp growth 6 % approx"),
           write_report("zi-2023.txt", "子县 县 2023 work_report", "outcome 2022 gdp growth 6.1 % exact",
                        "target 2023 gdp growth 7 % approx"),
           write_report("zi-2024.txt", "子县 县 2024 work_report", "target 2023 gdp growth 7 % approx",
                        "outcome 2023 gdp growth 7.5 % exact"))
    with Session(engine) as s:
        plain, tangled = joined.plain_rows(s, None, None, indicator_ids(s, ["gdp"]), [], source_ranks())
        zi = s.scalar(select(Region.id).where(Region.name == "子县"))
    assert tangled == {(zi, 2023)}
    assert [(r[joined.YEAR], r[joined.OUTCOME_VALUE]) for r in plain] == [(2022, 6.1)]
    lean, full = _lean_and_full(engine, indicators=["gdp"])
    pd.testing.assert_frame_equal(lean, full)
    assert lean[["year", "status"]].values.tolist() == [[2022, "met"], [2023, "met"]]
