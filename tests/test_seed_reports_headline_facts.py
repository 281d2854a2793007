"""The two real seed reports in seeds/ (兰陵县 2023, 罗庄区 2019) yield exactly their
headline facts: every one the hand-read gold holds, with its kind, year, indicator, measure,
value, unit, comparator, strive and estimated flags, and no other.

The expected facts are copied from shared/eval/seeds.gold.jsonl (two independent readings,
reconciled), the independent truth; they are written here so that the test needs nothing
outside the repository. "Headline" is the gold's rule (shared/eval/score.py): a fact of one
of the indicators below that has a value.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.pipeline import extract_bytes

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# The headline indicators scored against the gold (shared/eval/score.py's HEADLINE).
HEADLINE = {
    "gdp", "general_budget_revenue", "fiscal_revenue_total", "fixed_asset_investment",
    "retail_sales", "disposable_income", "urban_disposable_income", "rural_disposable_income",
    "rural_net_income", "new_urban_jobs", "registered_unemployment_rate",
    "surveyed_unemployment_rate", "trade_total", "exports", "foreign_investment_used",
    "industrial_output", "industrial_value_added", "industrial_revenue", "industrial_profit_tax",
    "services_value_added", "cpi", "rd_intensity", "energy_intensity", "population_growth_rate",
    "grain_output", "new_deposits", "new_loans", "deposit_balance", "loan_balance",
    "new_market_entities", "market_entities",
}

REGION_AND_YEAR = {
    "000_f371ca59a7da8bc1.txt": ("兰陵县", 2023),
    "002_b94fd21329743d31.txt": ("罗庄区", 2019),
}

# (kind, year, indicator, measure, value, unit, comparator, strive, estimated), as the gold has them.
GOLD = {
    "000_f371ca59a7da8bc1.txt": [
        ("outcome", 2022, "gdp", "growth", 4, "%", "exact", False, True),
        ("outcome", 2022, "general_budget_revenue", "level", 2480000000, "元", "exact", False, False),
        ("outcome", 2022, "general_budget_revenue", "growth", 9.5, "%", "exact", False, False),
        ("outcome", 2022, "fixed_asset_investment", "level", 17970000000, "元", "exact", False, False),
        ("outcome", 2022, "fixed_asset_investment", "growth", 19.1, "%", "exact", False, False),
        ("outcome", 2022, "new_deposits", "level", 4738000000, "元", "exact", False, False),
        ("outcome", 2022, "new_loans", "level", 4993000000, "元", "exact", False, False),
        ("outcome", 2022, "new_market_entities", "level", 17200, "户", "exact", False, False),
        ("outcome", 2022, "market_entities", "level", 100200, "户", "exact", False, False),
        ("outcome", 2022, "urban_disposable_income", "level", 40600, "元", "exact", False, True),
        ("outcome", 2022, "rural_disposable_income", "level", 19400, "元", "exact", False, True),
        ("outcome", 2022, "industrial_output", "level", 24910000000, "元", "exact", False, False),
        ("outcome", 2022, "industrial_output", "growth", 5.1, "%", "exact", False, False),
        ("outcome", 2022, "trade_total", "level", 9000000000, "元", "exact", False, False),
        ("outcome", 2022, "trade_total", "growth", 43.8, "%", "exact", False, False),
        ("outcome", 2022, "grain_output", "level", 669000, "吨", "exact", False, False),
        ("outcome", 2022, "new_urban_jobs", "level", 8645, "人", "exact", False, False),
        ("target", 2023, "gdp", "growth", 7, "%", "approx", False, False),
        ("target", 2023, "general_budget_revenue", "growth", 10, "%", "approx", False, False),
        ("target", 2023, "fixed_asset_investment", "growth", 10, "%", "approx", False, False),
        ("target", 2023, "retail_sales", "growth", 10, "%", "approx", False, False),
        ("target", 2023, "disposable_income", "growth", 10, "%", "approx", False, False),
        ("target", 2023, "industrial_output", "level", 30000000000, "元", "exact", True, False),
        ("target", 2023, "industrial_output", "growth", 20, "%", "exact", True, False),
        ("target", 2023, "rd_intensity", "level", 2, "%", "at_least", True, False),
        ("target", 2023, "trade_total", "level", 10000000000, "元", "exact", True, False),
        ("target", 2023, "trade_total", "growth", 10, "%", "at_least", True, False),
        ("target", 2023, "new_urban_jobs", "level", 8000, "人", "exact", False, False),
        ("target", 2023, "registered_unemployment_rate", "level", 2.5, "%", "at_most", False, False),
    ],
    "002_b94fd21329743d31.txt": [
        ("outcome", 2018, "gdp", "level", 40540000000, "元", "exact", False, False),
        ("outcome", 2018, "gdp", "growth", 9.2, "%", "exact", False, False),
        ("outcome", 2018, "general_budget_revenue", "level", 2400000000, "元", "exact", False, False),
        ("outcome", 2018, "general_budget_revenue", "growth", 18.1, "%", "exact", False, False),
        ("outcome", 2018, "industrial_output", "growth", 17.6, "%", "exact", False, False),
        ("outcome", 2018, "industrial_revenue", "growth", 19.7, "%", "exact", False, False),
        ("outcome", 2018, "industrial_profit_tax", "growth", 32.6, "%", "exact", False, False),
        ("outcome", 2018, "retail_sales", "growth", 8.1, "%", "exact", False, False),
        ("outcome", 2018, "energy_intensity", "growth", -18.7, "%", "exact", False, False),
        ("outcome", 2018, "services_value_added", "level", 17530000000, "元", "exact", False, False),
        ("outcome", 2018, "services_value_added", "growth", 8, "%", "exact", False, False),
        ("outcome", 2018, "deposit_balance", "level", 36560000000, "元", "exact", False, False),
        ("outcome", 2018, "loan_balance", "level", 39650000000, "元", "exact", False, False),
        ("outcome", 2018, "new_deposits", "level", 2960000000, "元", "exact", False, False),
        ("outcome", 2018, "new_loans", "level", 3140000000, "元", "exact", False, False),
        ("outcome", 2018, "trade_total", "level", 2710000000, "元", "exact", False, False),
        ("outcome", 2018, "urban_disposable_income", "level", 37000, "元", "exact", False, False),
        ("outcome", 2018, "rural_disposable_income", "level", 14000, "元", "exact", False, False),
        ("outcome", 2018, "new_urban_jobs", "level", 7650, "人", "exact", False, False),
        ("outcome", 2018, "registered_unemployment_rate", "level", 2.14, "%", "at_most", False, False),
        ("target", 2019, "gdp", "growth", 7.5, "%", "approx", False, False),
        ("target", 2019, "general_budget_revenue", "growth", 9, "%", "at_least", False, False),
        ("target", 2019, "fixed_asset_investment", "growth", 8, "%", "approx", False, False),
        ("target", 2019, "retail_sales", "growth", 8, "%", "approx", False, False),
        ("target", 2019, "urban_disposable_income", "growth", 8, "%", "approx", False, False),
        ("target", 2019, "registered_unemployment_rate", "level", 3.5, "%", "at_most", False, False),
        ("target", 2019, "trade_total", "level", 2800000000, "元", "exact", False, False),
        ("target", 2019, "foreign_investment_used", "level", 20000000, "美元", "exact", True, False),
        ("target", 2019, "new_market_entities", "level", 8000, "户", "exact", False, False),
        ("target", 2019, "new_urban_jobs", "level", 4900, "人", "exact", False, False),
    ],
}

FIELDS = ("kind", "year", "indicator", "measure", "value", "unit", "comparator", "strive", "estimated")


def headline_facts(report) -> list[tuple]:
    return sorted(tuple(round(f.value, 6) if name == "value" else getattr(f, name) for name in FIELDS)
                  for f in report.facts if f.indicator in HEADLINE and f.value is not None)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_a_seed_report_yields_exactly_the_headline_facts_of_the_gold(name):
    report = extract_bytes((SEEDS / name).read_bytes(), name)
    assert (report.meta.region, report.meta.report_year) == REGION_AND_YEAR[name]
    assert headline_facts(report) == sorted(GOLD[name])


def test_the_gold_holds_fifty_nine_headline_facts_of_the_two_seeds():
    # As shared/eval/README.md counts them: a guard against a fact lost in copying.
    assert {name: len(facts) for name, facts in GOLD.items()} == {
        "000_f371ca59a7da8bc1.txt": 29, "002_b94fd21329743d31.txt": 30}
