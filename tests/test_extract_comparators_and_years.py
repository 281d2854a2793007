"""Which comparator a number takes when two comparator words stand before it, and which
year a clause that names its own year is dated to, in a review and in a plan.

Every report here is written by hand; each expected fact is what a reader of the sentence
would record.
"""
import pytest

from etl.pipeline import extract_text
from tests.report_builder import report

HEAD_2023 = ("青山县2023年政府工作报告\n"
             "——2023年1月10日在青山县第十九届人民代表大会第二次会议上\n"
             "各位代表:\n")


def report_2023(review: str, plan: str) -> str:
    """A report of 青山县 delivered in 2023: `review` about 2022, `plan` for 2023."""
    return f"{HEAD_2023}一、2022年工作回顾\n{review}\n二、2023年工作安排\n{plan}\n"


def facts_of(text: str) -> list[tuple]:
    return [(f.kind, f.year, f.indicator, f.measure, f.value, f.comparator)
            for f in extract_text(text, "r.txt").facts]


# --- two comparator words before one number -----------------------------------------------

@pytest.mark.parametrize("sentence, indicator, value, comparator", [
    # 稳定在 (about) opens the words, 低于 (below) is nearest the number: a ceiling.
    ("城镇登记失业率稳定在低于3.5%的水平。", "registered_unemployment_rate", 3.5, "at_most"),
    # 稳定在 (about) opens the words, 不低于 (not below) is nearest the number: a floor.
    ("粮食总产量稳定在不低于60万吨的水平。", "grain_output", 600000, "at_least"),
    # 控制在 (at most) opens the words, 约 (about) is nearest the number.
    ("城镇登记失业率控制在约3.5%。", "registered_unemployment_rate", 3.5, "approx"),
], ids=["ceiling-after-about", "floor-after-about", "about-after-ceiling"])
def test_the_comparator_word_nearest_the_number_wins_over_an_earlier_one(sentence, indicator, value, comparator):
    facts = facts_of(report_2023("全年完成地区生产总值120.5亿元。", sentence))
    assert ("target", 2023, indicator, "level", value, comparator) in facts
    assert [f for f in facts if f[2] == indicator] == [("target", 2023, indicator, "level", value, comparator)]


def test_a_comparator_word_hidden_in_an_earlier_word_yields_to_the_one_before_the_number():
    # 郑州市 2023: "签约" holds 约 (about), yet 突破 (beyond), nearest the number, makes it a floor.
    text = report_2023("全年完成地区生产总值120.5亿元。", "力争招商引资签约总额突破7000亿元。")
    [fact] = [f for f in extract_text(text, "r.txt").facts if f.value == 7e11]
    assert (fact.kind, fact.year, fact.unit, fact.comparator) == ("target", 2023, "元", "at_least")


# --- a year named in a review ----------------------------------------------------------------

REVIEW = ("全年完成地区生产总值120.5亿元,同比增长6.2%。"
          "2020年城镇居民人均可支配收入达到3.5万元。"
          "2017年全县一般公共预算收入达到8.6亿元。")


def test_a_review_clause_naming_a_year_up_to_five_years_before_the_reviewed_one_is_that_years_outcome():
    facts = facts_of(report_2023(REVIEW, "地区生产总值增长6%左右。"))
    assert facts == [
        ("outcome", 2022, "gdp", "level", 12050000000, "exact"),
        ("outcome", 2022, "gdp", "growth", 6.2, "exact"),
        # two years before the reviewed 2022
        ("outcome", 2020, "urban_disposable_income", "level", 35000, "exact"),
        # five years before it: the window's first year
        ("outcome", 2017, "general_budget_revenue", "level", 860000000, "exact"),
        ("target", 2023, "gdp", "growth", 6, "approx"),
    ]


def test_a_review_clause_naming_a_later_year_is_a_target_of_that_year():
    facts = facts_of(report_2023("全年完成地区生产总值120.5亿元。到2025年地区生产总值达到150亿元。",
                                 "地区生产总值增长6%左右。"))
    assert ("target", 2025, "gdp", "level", 15000000000, "exact") in facts


# --- a year named in a plan ------------------------------------------------------------------

def test_a_plan_clause_naming_an_earlier_year_is_that_years_outcome_not_a_target():
    plan = ("地区生产总值增长6%左右。"
            "2021年全县粮食总产量达到60万吨,今年粮食总产量稳定在60万吨以上。"
            "2021年全县外贸进出口总额达到30亿元,今年要突破35亿元。")
    facts = facts_of(report_2023("全年完成地区生产总值120.5亿元。", plan))
    assert facts == [
        ("outcome", 2022, "gdp", "level", 12050000000, "exact"),
        ("target", 2023, "gdp", "growth", 6, "approx"),
        ("outcome", 2021, "grain_output", "level", 600000, "exact"),
        ("target", 2023, "grain_output", "level", 600000, "at_least"),
        ("outcome", 2021, "trade_total", "level", 3000000000, "exact"),
        ("target", 2023, "trade_total", "level", 3500000000, "at_least"),
    ]


@pytest.mark.parametrize("plan, comparator", [
    ("居民消费价格涨幅控制在3% 左右。", "approx"), ("固定资产投资增长8% 以上。", "at_least"),
    ("居民消费价格涨幅3%\u3000左右。", "approx"),
])
def test_a_comparator_after_a_space_is_read(plan, comparator):
    facts = extract_text(report(plan=plan), "t.txt").facts
    assert [f.comparator for f in facts] == [comparator]
