"""Results recalled where a report plans: constructions that say a figure is a past year's or
a past term's, not a target, whatever part of the report it stands in.

Sentences written for the test; expected values from what each sentence plainly says.
"""
from etl.pipeline import extract_text
from tests.report_builder import HEADER, report


def gdp(text: str) -> list[tuple]:
    """(kind, year, measure, value) of every GDP fact with a number, in order."""
    return [(f.kind, f.year, f.measure, round(f.value, 6))
            for f in extract_text(text, "test.txt").facts if f.indicator == "gdp" and f.value is not None]


def all_facts(text: str) -> list[tuple]:
    return [(f.kind, f.year, f.indicator, f.measure, f.value) for f in extract_text(text, "test.txt").facts]


def test_a_heading_that_reviews_a_past_year_before_the_coming_ones_heads_a_review():
    # "一、2023年工作回顾和2024年工作的总体要求": last year's results come first; the part
    # plans from the paragraph that opens on the coming year.
    text = (f"{HEADER}\n一、2023年工作回顾和2024年工作的总体要求\n\n"
            "过去一年,全县上下团结奋斗,各项事业取得新进展。\n\n"
            "经济保持较快增长。地区生产总值突破300亿元,比上年增长6.2%。\n\n"
            "各位代表!2024年,我们将坚持稳中求进,地区生产总值增长6.5%左右。\n\n"
            "二、扎实推进乡村振兴\n\n粮食生产保持稳定。\n")
    assert gdp(text) == [("outcome", 2023, "level", 3e10), ("outcome", 2023, "growth", 6.2),
                         ("target", 2024, "growth", 6.5)]


def test_a_plan_paragraph_recalling_the_past_year_gives_that_years_outcomes():
    # "过去一年,…": the sentences after it report last year's results, not this year's targets.
    plan = ("2024年是实施发展规划的关键一年。过去一年,我们的各项工作取得了很大成绩。"
            "地区生产总值增长5.1%,城镇登记失业率控制在3.2%。\n"
            "今年主要预期目标是:地区生产总值增长6%左右。")
    assert gdp(report(plan=plan)) == [("outcome", 2023, "growth", 5.1), ("target", 2024, "growth", 6)]


def test_a_growth_between_two_named_years_is_no_one_years_figure():
    # "2023年与2018年相比,…增长45.2%": growth over five years, neither 2023's nor a target;
    # the level it reached is 2023's.
    assert gdp(report(review="2023年与2018年相比,地区生产总值增长45.2%。")) == []
    assert gdp(report(plan="2023年与2018年相比,地区生产总值增长45.2%,达到300亿元。")) == [
        ("outcome", 2023, "level", 3e10)]


def test_a_term_paragraph_keeps_its_term_over_a_sentence_comparing_two_years():
    # After "五年来,", a sentence opening on "2023年与2018年相比" is still about the term:
    # the growth over the term is no year's figure, and nothing of it is a target.
    plan = ("五年来,全县经济实力显著增强。2023年与2018年相比,地区生产总值增长45.2%;"
            "一般公共预算收入增长1.2倍。\n今年地区生产总值增长6%左右。")
    facts = all_facts(report(plan=plan))
    assert [f for f in facts if f[0] == "target"] == [("target", 2024, "gdp", "growth", 6)]
    assert not [f for f in facts if f[4] in (45.2, 120)]


def test_a_past_plan_period_named_inside_a_plan_sentence_is_reviewed_not_planned():
    # "“十三五”期间…年均增长7.1%" in a report of 2024: the term ended in 2020.
    plan = "按照新的统计数据,“十三五”期间地区生产总值年均增长7.1%。"
    assert gdp(report(plan=plan)) == [("outcome", 2020, "avg_growth", 7.1)]


def test_the_tenth_plan_period_is_named_without_a_digit():
    # "“十五”期间" is the tenth five-year plan, 2001-2005; in a report of 2007 it is past.
    header = HEADER.replace("2024", "2007")
    text = (f"{header}\n一、2006年工作回顾\n\n全年地区生产总值增长9.1%。\n\n二、2007年工作安排\n\n"
            "根据新的普查数据,“十五”期间地区生产总值年均增长9.5%,比原来预计的高一些。\n")
    assert gdp(text) == [("outcome", 2006, "growth", 9.1), ("outcome", 2005, "avg_growth", 9.5)]


def test_a_coming_plan_period_before_an_average_growth_dates_it_to_the_periods_end():
    # "“十五五”年均增长5.5%左右": the average of 2026-2030, planned in 2024.
    plan = "按照新的测算,全县地区生产总值“十五五”年均增长5.5%左右。"
    assert gdp(report(plan=plan)) == [("target", 2030, "avg_growth", 5.5)]


def test_a_plan_period_a_figure_is_measured_from_does_not_date_it():
    # "比“十三五”期末下降13.5%": a fall since 2020, over the term after it; no figure of 2020.
    plan = "按照规划,单位地区生产总值能耗比“十三五”期末下降13.5%。"
    assert [f for f in all_facts(report(plan=plan)) if f[1] == 2020] == []
