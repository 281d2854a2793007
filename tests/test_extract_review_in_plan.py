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


# A report that closes a plan period: its first part reviews the period, then the year just past.
PERIOD_END = "示范县2024年政府工作报告\n——2024年1月8日在示范县第十九届人民代表大会第三次会议上\n各位代表:\n\n一、“十四五”时期工作回顾\n\n"


def test_the_year_just_past_opened_by_gang_guoqu_de_reviews_that_year_inside_a_period_review():
    # "刚过去的2023年" says the same as "刚刚过去的2023年": the figures after it are 2023's,
    # not the period's.
    for opener in ("刚过去的2023年", "刚刚过去的2023年"):
        text = (PERIOD_END + "五年来,全县经济实力显著增强。\n\n"
                f"{opener},是“十四五”收官之年。全年地区生产总值增长5.4%,城镇登记失业率控制在3.1%。\n\n"
                "二、2024年工作安排\n\n地区生产总值增长6%左右。\n")
        assert gdp(text) == [("outcome", 2023, "growth", 5.4), ("target", 2024, "growth", 6)], opener


def test_a_year_after_a_note_on_preliminary_figures_opens_that_year():
    # "初步核算(下同),2023年全县…": the note on how the figures were counted comes before the
    # year the sentence opens on.
    for note in ("初步核算(下同),", "初步核算,", "据初步统计,", "经初步测算,"):
        text = (PERIOD_END + "五年来,全县经济实力稳步提升。\n\n"
                f"主要经济指标稳健增长。{note}2023年全县地区生产总值实现168亿元,同比(下同)增长6.3%。\n\n"
                "二、2024年工作安排\n\n地区生产总值增长6%左右。\n")
        assert gdp(text) == [("outcome", 2023, "level", 1.68e10), ("outcome", 2023, "growth", 6.3),
                             ("target", 2024, "growth", 6)], note


def test_a_year_that_sums_up_the_term_gives_its_levels_but_leaves_the_next_items_to_the_term():
    # "2023年地区生产总值168亿元,年均增长6.1%" sums the five years up at their last: the
    # levels in its paragraph are 2023's, the jobs in the next item the term's total.
    text = (PERIOD_END + "五年来,全县经济实力稳步提升。\n\n"
            "——综合实力迈上新台阶。初步核算,2023年地区生产总值168亿元,年均增长6.1%;"
            "固定资产投资105亿元,年均增长7.8%。\n"
            "——人民生活得到新改善。城镇新增就业2.6万人。\n\n"
            "二、2024年工作安排\n\n城镇新增就业5000人。\n")
    facts = [(f.kind, f.year, f.indicator, f.measure, f.value) for f in extract_text(text, "test.txt").facts
             if f.indicator in ("gdp", "fixed_asset_investment", "new_urban_jobs") and f.measure != "avg_growth"]
    assert facts == [("outcome", 2023, "gdp", "level", 1.68e10),
                     ("outcome", 2023, "fixed_asset_investment", "level", 1.05e10),
                     ("target", 2024, "new_urban_jobs", "level", 5000)]


def test_a_year_compared_with_the_year_before_in_a_term_review_reports_that_year():
    # "2023年地区生产总值…比上年增长5.4%,五年年均增长6.1%": the year's growth, then the term's average.
    text = (PERIOD_END + "五年来,全县开放水平不断提高。\n\n"
            "——开放型经济平稳增长。初步核算,2023年地区生产总值168亿元,比上年增长5.4%,五年年均增长6.1%。\n\n"
            "二、2024年工作安排\n\n地区生产总值增长6%左右。\n")
    assert gdp(text)[:2] == [("outcome", 2023, "level", 1.68e10), ("outcome", 2023, "growth", 5.4)]


def test_a_growth_after_a_year_that_sums_up_the_term_is_the_terms():
    # "地方财政收入达到19.9亿元,增长4倍" after "2023年…五年翻了一番": the level is 2023's,
    # the growth over the five years is no year's.
    text = (PERIOD_END + "五年来,全县经济实力稳步提升。\n\n"
            "——经济发展实现跨越。初步统计,2023年全县地区生产总值达到168亿元,五年翻了一番。"
            "一般公共预算收入达到19.9亿元,增长4倍。\n\n"
            "二、2024年工作安排\n\n一般公共预算收入增长6%。\n")
    revenue = [(f.kind, f.year, f.measure, f.value) for f in extract_text(text, "test.txt").facts
               if f.indicator == "general_budget_revenue"]
    assert revenue == [("outcome", 2023, "level", 1.99e9), ("target", 2024, "growth", 6)]


def test_a_growth_from_a_year_further_back_than_the_year_before_is_no_years_growth():
    # "分别比2018年增长57.3%和68.7%" of 2023: growth over five years. The levels stay 2023's;
    # a growth over the year before is that year's.
    review = ("2023年城镇居民人均可支配收入和农民人均纯收入分别达到40000元和20000元,"
              "分别比{base}增长57.3%和68.7%。")
    incomes = ("urban_disposable_income", "rural_net_income")

    def facts(base: str) -> list[tuple]:
        return [(f.year, f.indicator, f.measure, f.value)
                for f in extract_text(report(review=review.format(base=base)), "test.txt").facts
                if f.indicator in incomes]

    assert facts("2018年") == [(2023, "urban_disposable_income", "level", 40000), (2023, "rural_net_income", "level", 20000)]
    assert facts("上年")[2:] == [(2023, "urban_disposable_income", "growth", 57.3),
                               (2023, "rural_net_income", "growth", 68.7)]
    # Measured against a named year, each figure of the run is set aside with the first:
    # none is left over to be paired with both names.
    assert (2023, "urban_disposable_income", "growth", 68.7) not in facts("2022年")


TERM_REVIEW = "示范县2024年政府工作报告\n——2024年1月8日在示范县第十九届人民代表大会第三次会议上\n各位代表:\n\n一、本届政府和2023年工作回顾\n\n"


def outcomes(text: str, *indicators: str) -> list[tuple]:
    return [(f.year, f.indicator, f.measure, f.value) for f in extract_text(text, "test.txt").facts
            if f.kind == "outcome" and f.indicator in indicators]


def test_a_sentence_on_an_earlier_year_leaves_a_term_review_to_the_term():
    # "2021年营商环境评估…" inside "五年来,…" is about 2021: the trade growth and the jobs
    # after it are still the term's, not 2023's.
    text = (TERM_REVIEW + "五年来,我们主要做了以下工作。\n\n"
            "四是坚持开放。市场主体总量突破26万户。2021年营商环境评估全省排名第2位。进出口总额增长237.5%。\n\n"
            "五是坚持共享。城镇新增就业20.2万人。\n\n"
            "各位代表!刚刚过去的2023年,全县上下团结奋斗。全年地区生产总值增长5.7%。\n\n"
            "二、2024年工作安排\n\n地区生产总值增长6%左右。\n")
    assert outcomes(text, "gdp", "trade_total", "new_urban_jobs") == [(2023, "gdp", "growth", 5.7)]


def test_a_term_said_in_a_clause_of_its_own_makes_the_rest_of_the_sentence_the_terms():
    # "…促进就业,五年来,新增城镇就业6.8万人": five years' jobs, not 2023's; the price rise
    # before it is the year's.
    text = (TERM_REVIEW + "2023年,全县经济平稳运行。居民消费价格上涨2.1%。采取积极政策促进就业,五年来,"
            "新增城镇就业6.8万人,城镇登记失业率控制在4%以内。\n\n二、2024年工作安排\n\n城镇新增就业1.2万人。\n")
    assert outcomes(text, "cpi", "new_urban_jobs", "registered_unemployment_rate") == [(2023, "cpi", "growth", 2.1)]


def test_a_growth_over_the_year_before_in_a_term_review_is_the_last_years():
    # "同比增长4.7%" in a review of five years compares with the year before: the last year's.
    text = (TERM_REVIEW.replace("本届政府和2023年工作回顾", "过去五年工作回顾") + "五年来,全县开放水平不断提高。\n\n"
            "——对外开放取得新进展。2021年实际利用外资取得突破,达到1.2亿美元。全县进出口总额预计实现29亿美元,"
            "同比增长4.7%,五年增长1倍。\n\n二、2024年工作安排\n\n进出口总额增长5%。\n")
    assert outcomes(text, "trade_total") == [(2023, "trade_total", "level", 2.9e9), (2023, "trade_total", "growth", 4.7)]
