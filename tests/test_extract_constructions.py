"""Each construction of the language that extraction reads, on sentences written for the test.

Expected values are worked out by hand from the sentence: 万 = 1e4, 亿 = 1e8, ‰ = 0.1 %.
"""
import pytest

from etl.pipeline import extract_text
from tests.report_builder import HEADER, report


def headline(text: str) -> list[tuple]:
    """(kind, year, indicator, measure, value) of every catalog fact, in order."""
    facts = extract_text(text, "test.txt").facts
    return [(f.kind, f.year, f.indicator, f.measure, round(f.value, 6))
            for f in facts if not f.indicator.startswith("other:")]


def facts_of(text: str, indicator: str):
    return [f for f in extract_text(text, "test.txt").facts if f.indicator == indicator]


def test_fenbie_shares_a_run_of_numbers_over_a_compound_name():
    got = headline(report(review="城乡居民人均可支配收入分别达到4.2万元、2.1万元。"))
    assert got == [("outcome", 2023, "urban_disposable_income", "level", 42000),
                   ("outcome", 2023, "rural_disposable_income", "level", 21000)]


def test_one_figure_for_urban_and_rural_income_is_both_targets_and_the_whole_outcome():
    got = headline(report(review="城乡居民人均可支配收入增长7.1%。", plan="城乡居民收入增长8%以上。"))
    assert got == [("outcome", 2023, "disposable_income", "growth", 7.1),
                   ("target", 2024, "urban_disposable_income", "growth", 8),
                   ("target", 2024, "rural_disposable_income", "growth", 8)]


def test_shared_head_of_an_enumeration_names_both_items():
    got = headline(report(review="城镇、农村居民人均可支配收入分别增长6.5%、7.8%。"))
    assert got == [("outcome", 2023, "urban_disposable_income", "growth", 6.5),
                   ("outcome", 2023, "rural_disposable_income", "growth", 7.8)]


def test_shared_modifier_of_an_enumeration_names_both_items():
    got = headline(report(review="全年新增存、贷款分别为12.5亿元、8.3亿元。"))
    assert got == [("outcome", 2023, "new_deposits", "level", 1.25e9),
                   ("outcome", 2023, "new_loans", "level", 8.3e8)]


def test_jun_gives_every_item_the_same_number():
    got = headline(report(plan="规模以上工业增加值和固定资产投资均增长9%左右。"))
    assert got == [("target", 2024, "industrial_value_added", "growth", 9),
                   ("target", 2024, "fixed_asset_investment", "growth", 9)]


def test_one_number_after_an_enumeration_applies_to_each_item():
    facts = extract_text(report(plan="社会消费品零售总额、进出口总额增长6%左右。"), "t.txt").facts
    assert [(f.indicator, f.value, f.comparator) for f in facts] == [
        ("retail_sales", 6, "approx"), ("trade_total", 6, "approx")]


def test_level_and_growth_in_one_clause_are_two_facts():
    got = headline(report(review="实现地区生产总值356.2亿元、增长6.1%。"))
    assert got == [("outcome", 2023, "gdp", "level", 3.562e10), ("outcome", 2023, "gdp", "growth", 6.1)]


def test_a_clause_opening_with_a_verb_continues_the_subject_before_it():
    got = headline(report(review="一般公共预算收入18.6亿元,同比增长7.3%,税收占比78%。"))
    assert got == [("outcome", 2023, "general_budget_revenue", "level", 1.86e9),
                   ("outcome", 2023, "general_budget_revenue", "growth", 7.3)]


def test_wan_and_yi_are_multiplied_out_and_dollars_kept():
    (jobs,) = facts_of(report(plan="新增城镇就业1.35万人。"), "new_urban_jobs")
    (fdi,) = facts_of(report(review="实际利用外资2.5亿美元。"), "foreign_investment_used")
    assert (jobs.value, jobs.unit) == (13500, "人")
    assert (fdi.value, fdi.unit) == (2.5e8, "美元")


def test_per_mille_becomes_percent():
    (f,) = facts_of(report(plan="人口自然增长率控制在5‰以内。"), "population_growth_rate")
    assert (f.measure, f.value, f.unit, f.comparator) == ("level", 0.5, "%", "at_most")


def test_a_per_mille_range_becomes_a_percent_range_at_both_ends():
    from etl.numbers import find_quantities

    (q,) = find_quantities("人口自然增长率保持在5-6‰之间")
    assert (q.value, q.upper, q.unit) == (0.5, 0.6, "%")
    (r,) = find_quantities("出生率4‰-5‰")
    assert (r.value, r.upper, r.unit) == (0.4, 0.5, "%")


def test_falling_is_negative_growth():
    (a,) = facts_of(report(review="单位GDP能耗下降3.2%。"), "energy_intensity")
    (b,) = facts_of(report(plan="万元地区生产总值能耗降低4%。"), "energy_intensity")
    assert (a.measure, a.value) == ("growth", -3.2)
    assert (b.kind, b.measure, b.value) == ("target", "growth", -4)


def test_percentage_points_are_a_change():
    (f,) = facts_of(report(review="城镇调查失业率比上年下降0.3个百分点。"), "surveyed_unemployment_rate")
    assert (f.measure, f.value, f.unit) == ("change", -0.3, "pp")


@pytest.mark.parametrize("sentence, comparator", [
    ("地区生产总值增长6%左右。", "approx"),
    ("地区生产总值增长6%以上。", "at_least"),
    ("地区生产总值增长不低于6%。", "at_least"),
    ("地区生产总值突破600亿元。", "at_least"),
    ("城镇登记失业率控制在4%以内。", "at_most"),
    ("城镇调查失业率不超过5.5%。", "at_most"),
    ("地区生产总值增长6%。", "exact"),
])
def test_comparator_words(sentence, comparator):
    (f,) = [f for f in extract_text(report(plan=sentence), "t.txt").facts]
    assert f.comparator == comparator


def test_lizheng_and_zhengqu_mark_a_target_as_striven_for():
    facts = extract_text(report(plan="争取实际利用外资3000万美元,地区生产总值增长6%。"), "t.txt").facts
    assert [(f.indicator, f.strive) for f in facts] == [
        ("foreign_investment_used", True), ("gdp", False)]


def test_yuji_marks_only_its_own_clause_as_estimated():
    facts = extract_text(report(review="预计全年地区生产总值增长5.2%,完成一般公共预算收入9.8亿元。"), "t.txt").facts
    assert [(f.indicator, f.estimated) for f in facts] == [("gdp", True), ("general_budget_revenue", False)]


def test_a_clause_that_is_only_a_marker_carries_to_the_rest_of_the_sentence():
    facts = extract_text(report(review="据初步核算,全年地区生产总值完成210亿元,增长4.5%。"), "t.txt").facts
    assert [(f.measure, f.estimated) for f in facts] == [("level", True), ("growth", True)]


def test_a_target_for_a_named_later_year_is_about_that_year():
    (f,) = facts_of(report(plan="到2026年,地区生产总值突破500亿元。"), "gdp")
    assert (f.kind, f.year, f.value, f.comparator) == ("target", 2026, 5e10, "at_least")


def test_the_end_of_a_five_year_plan_names_its_last_year():
    (f,) = facts_of(report(plan="“十四五”末,常住人口城镇化率达到65%。"), "urbanization_rate")
    assert (f.kind, f.year, f.value) == ("target", 2025, 65)


def test_full_width_digits_and_punctuation_are_read():
    (f,) = facts_of(report(plan="地区生产总值增长６．５％左右，"), "gdp")
    assert (f.value, f.comparator) == (6.5, "approx")
    assert f.sentence == "地区生产总值增长6.5%左右"


def test_traditional_script_is_read_as_simplified():
    facts = extract_text(report(plan="地區生產總值增長6%左右,城鎮登記失業率控制在4%以內。"), "t.txt").facts
    assert [(f.indicator, f.value, f.comparator) for f in facts] == [
        ("gdp", 6, "approx"), ("registered_unemployment_rate", 4, "at_most")]


def test_a_figure_of_a_part_of_the_region_is_not_the_regions_own():
    got = headline(report(review="经济开发区地区生产总值增长12%,城东街道、城西街道固定资产投资分别增长8%、9%。"))
    assert got == []


def test_the_denominator_of_a_share_is_not_given_the_share():
    facts = extract_text(report(review="教育支出占一般公共预算支出的21.5%。"), "t.txt").facts
    assert [f.indicator for f in facts if f.indicator == "general_budget_expenditure"] == []


def test_a_bare_name_without_its_qualifier_is_not_the_headline_indicator():
    got = headline(report(plan="新能源产业实现产值、利税分别增长10%、12%。"))
    assert got == []


def test_a_bare_name_after_its_qualifier_is_the_headline_indicator():
    got = headline(report(review="规上工业增加值、利税分别增长6.6%、9.1%。"))
    assert got == [("outcome", 2023, "industrial_value_added", "growth", 6.6),
                   ("outcome", 2023, "industrial_profit_tax", "growth", 9.1)]


def test_a_share_of_last_years_plan_is_not_a_fact():
    assert headline(report(review="固定资产投资完成年度目标的105%。")) == []


def test_words_between_name_and_number_that_change_the_subject_break_the_link():
    assert facts_of(report(review="出口退税3.1亿元。"), "exports") == []


@pytest.mark.parametrize("figure", ["1,234.5", "1 234.5"])
def test_thousands_separators_are_read(figure):
    (f,) = facts_of(report(review=f"完成固定资产投资{figure}亿元。"), "fixed_asset_investment")
    assert f.value == 1.2345e11


def test_thousands_set_apart_by_spaces_keep_the_name_before_them():
    got = headline(report(review="全年完成地区生产总值2 311.43亿元,增长10.5%;城镇居民人均可支配收入22 587元。"))
    assert got == [("outcome", 2023, "gdp", "level", 2.31143e11), ("outcome", 2023, "gdp", "growth", 10.5),
                   ("outcome", 2023, "urban_disposable_income", "level", 22587)]


def test_chinese_numerals_are_read():
    (f,) = facts_of(report(plan="一般公共预算收入增长百分之八左右。"), "general_budget_revenue")
    assert (f.measure, f.value) == ("growth", 8)


def test_growth_by_a_multiple_is_a_percentage():
    (f,) = facts_of(report(review="实际利用外资增长1.5倍。"), "foreign_investment_used")
    assert (f.measure, f.value) == ("growth", 150)


def test_a_total_after_a_flow_is_the_stock():
    facts = extract_text(report(review="新登记市场主体3200户、总数达到2.1万户。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("new_market_entities", 3200), ("market_entities", 21000)]


@pytest.mark.parametrize("sentence, value", [
    ("全市高新技术企业总数达到460家。", 460),
    ("高新技术企业保有量突破520家。", 520),
    ("高新技术企业数量达到380家。", 380),
])
def test_a_word_restating_what_an_indicator_counts_keeps_the_indicator(sentence, value):
    facts = extract_text(report(review=sentence), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("high_tech_enterprises", "level", value)]


def test_a_total_after_a_figure_is_not_that_figures_subject():
    facts = extract_text(report(review="新增省级研发平台12家、总数达到95家。"), "t.txt").facts
    assert [f.value for f in facts if f.name == "新增省级研发平台"] == [12]


def test_the_increase_of_a_balance_is_the_new_flow():
    facts = extract_text(report(review="各项存款余额210亿元,比上年增加18亿元。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [
        ("deposit_balance", "level", 2.1e10), ("new_deposits", "level", 1.8e9)]


def test_the_same_sentence_is_an_outcome_in_the_review_and_a_target_in_the_plan():
    text = report(review="新增城镇就业5200人。", plan="新增城镇就业5000人。")
    assert headline(text) == [("outcome", 2023, "new_urban_jobs", "level", 5200),
                              ("target", 2024, "new_urban_jobs", "level", 5000)]


def test_non_headline_commitments_get_a_clean_other_name():
    facts = extract_text(report(plan="年内新建幼儿园5所,新建、改造高标准农田8.6万亩。"), "t.txt").facts
    assert [(f.indicator, f.value, f.unit) for f in facts] == [
        ("other:新建幼儿园", 5, "所"), ("other:新建、改造高标准农田", 86000, "亩")]


@pytest.mark.parametrize("sentence, name, value, unit", [
    ("推动青山化工等12个重点项目竣工投产。", "other:重点项目竣工投产", 12, "个"),
    ("引进华丰电子、东岳新材等30家规上企业。", "other:规上企业", 30, "家"),
    ("实施老城区雨污分流等15项民生工程。", "other:民生工程", 15, "项"),
])
def test_a_count_after_examples_is_named_by_what_follows_it(sentence, name, value, unit):
    # "X等N个Y": X are examples of the Y counted; the examples name nothing that is counted.
    facts = extract_text(report(plan=sentence), "t.txt").facts
    assert [(f.indicator, f.value, f.unit) for f in facts] == [(name, value, unit)]


def test_every_fact_points_at_its_sentence_in_the_normalised_text():
    r = extract_text(report(review="全年完成地区生产总值１２０．５亿元，同比增长６．２％。"), "t.txt")
    assert [r.text[f.start:f.end] == f.sentence for f in r.facts] == [True, True]
    assert r.facts[1].sentence == "全年完成地区生产总值120.5亿元,同比增长6.2%"


@pytest.mark.parametrize("sentence", ["地区生产总值增长7.5%-8%。", "地区生产总值增长7.5～8%。", "地区生产总值增长7.5-8%。"])
def test_a_range_is_read_as_a_band_from_its_bottom_to_its_top(sentence):
    (f,) = facts_of(report(plan=sentence), "gdp")
    assert (f.measure, f.value, f.value_high, f.comparator) == ("growth", 7.5, 8, "range")


def test_a_range_of_falls_runs_from_the_larger_fall_to_the_smaller():
    (f,) = facts_of(report(plan="单位地区生产总值能耗下降3%-4%。"), "energy_intensity")
    assert (f.value, f.value_high, f.comparator) == (-4, -3, "range")


def test_jin_and_hectares_are_restated_in_tonnes_and_mu():
    (grain,) = facts_of(report(review="粮食总产达到55.7亿斤。"), "grain_output")
    (area,) = extract_text(report(plan="建设高标准农田2000公顷。"), "t.txt").facts
    assert (grain.value, grain.unit) == (2785000, "吨")    # 55.7亿斤 = 5.57e9 斤 = 2.785e6 吨
    assert (area.value, area.unit) == (30000, "亩")        # 1 公顷 = 15 亩


def test_national_names_of_headline_indicators_are_read():
    facts = extract_text(report(plan="国内生产总值增长5%左右,单位国内生产总值能耗降低2.5%左右。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("gdp", 5), ("energy_intensity", -2.5)]


def test_from_one_level_to_another_keeps_the_new_level_only():
    facts = extract_text(report(review="一般公共预算收入从5.2亿元提高至6.8亿元。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("general_budget_revenue", "level", 6.8e8)]


@pytest.mark.parametrize("plan, name, value", [
    ("城乡低保标准由每人每月560元提高到600元。", "城乡低保标准", 600),
    ("农村特困供养标准由5200元提高到5600元。", "农村特困供养标准", 5600),
])
def test_from_one_level_to_another_of_an_unnamed_subject_keeps_the_new_level_and_the_name(plan, name, value):
    facts = extract_text(report(plan=plan), "t.txt").facts
    assert [(f.name, f.value) for f in facts] == [(name, value)]


def test_a_remark_on_last_years_plan_does_not_break_the_subject():
    facts = extract_text(report(review="固定资产投资完成23亿元,超额完成年度任务1.5亿元,增长9.4%。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [
        ("fixed_asset_investment", "level", 2.3e9), ("fixed_asset_investment", "growth", 9.4)]


@pytest.mark.parametrize("sentence, kept", [
    ("城镇新增就业8.6万人、超额完成省下达的7万人就业任务。", [("new_urban_jobs", "level", 86000)]),
    ("固定资产投资增长9.5%、高于年初目标1.5个百分点。", [("fixed_asset_investment", "growth", 9.5)]),
    ("比年初目标高1个百分点。", []),
])
def test_results_listed_before_a_remark_on_last_years_plan_are_kept(sentence, kept):
    facts = extract_text(report(review=sentence), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == kept


def test_the_progress_of_the_year_so_far_is_neither_target_nor_outcome():
    plan = "地区生产总值增长6%。今年以来,经济稳中向好,一季度,地区生产总值增长4.2%,固定资产投资增长7.1%。"
    review = "1-11月份,全市工业投资增长9.7%。一般公共预算收入增长5%。"
    assert headline(report(plan=plan, review=review)) == [
        ("outcome", 2023, "general_budget_revenue", "growth", 5), ("target", 2024, "gdp", "growth", 6)]


def test_the_whole_year_after_a_part_of_it_is_the_years_figure():
    got = headline(report(review="上半年,地区生产总值增长3.1%,全年增长5.2%。"))
    assert got == [("outcome", 2023, "gdp", "growth", 5.2)]


def test_the_main_targets_of_a_part_about_the_next_five_years_are_the_terms():
    text = ("示范县2024年政府工作报告\n一、2023年工作回顾\n\n地区生产总值增长5%。\n\n"
            "二、今后五年的目标任务\n\n主要目标是:人均地区生产总值达到12万元,城镇新增就业年均2000人以上。\n\n"
            "三、2024年工作安排\n\n今年主要预期目标是:地区生产总值增长6%左右。\n")
    targets = [(f.year, f.indicator, f.value) for f in extract_text(text, "t.txt").facts if f.kind == "target"]
    assert (2024, "gdp", 6) in targets
    assert [t for t in targets if t[0] == 2024] == [(2024, "gdp", 6)]


@pytest.mark.parametrize("clause, indicator", [
    # What it keeps in step with is no second target.
    ("居民人均可支配收入与经济增长同步", "disposable_income"),
    ("一般公共预算收入与经济增长基本同步", "general_budget_revenue"),
    # A promised fall is a promise too.
    ("城镇调查失业率低于上年水平", "surveyed_unemployment_rate"),
    ("单位地区生产总值能耗降低完成省下达目标", "energy_intensity"),
])
def test_a_target_without_a_figure_is_listed_once_under_its_own_indicator(clause, indicator):
    facts = extract_text(report(plan=f"地区生产总值增长6%,{clause}。"), "t.txt").facts
    assert [(f.indicator, f.measure) for f in facts] == [("gdp", "growth"), (indicator, "qualitative")]


def test_a_clause_saying_the_figures_are_preliminary_reaches_over_semicolons():
    review = "初步预计,地区生产总值增长5.1%,增幅全省第三;一般公共预算收入增长6.2%;固定资产投资增长8%。地区生产总值增长5%。"
    facts = extract_text(report(review=review), "t.txt").facts
    assert [f.estimated for f in facts] == [True, True, True, False]


def test_a_comma_in_a_bracket_of_words_ends_no_clause():
    facts = extract_text(report(review="全年完成地区生产总值312亿元(预计数,下同),比上年增长5.3%。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("gdp", "level", 3.12e10), ("gdp", "growth", 5.3)]


def test_a_paragraph_addressed_to_the_deputies_that_opens_on_last_year_gives_its_outcomes():
    text = ("示范县2024年政府工作报告\n一、过去五年工作回顾\n\n"
            "各位代表,2023年是本届政府的收官之年。全县地区生产总值增长5.4%;一般公共预算收入增长7%。\n\n"
            "二、2024年工作安排\n\n地区生产总值增长6%。\n")
    assert headline(text) == [("outcome", 2023, "gdp", "growth", 5.4),
                              ("outcome", 2023, "general_budget_revenue", "growth", 7),
                              ("target", 2024, "gdp", "growth", 6)]


def test_the_numbered_sections_under_a_review_heading_without_a_number_review():
    text = ("示范县2024年政府工作报告\n2023年工作回顾\n\n2023年,全县地区生产总值增长5.4%。\n\n"
            "一、全面加强经济调控\n\n全年新增城镇就业4100人,城镇登记失业率控制在3.2%。\n\n"
            "2024年工作安排\n\n新增城镇就业4500人。\n")
    assert headline(text) == [("outcome", 2023, "gdp", "growth", 5.4),
                              ("outcome", 2023, "new_urban_jobs", "level", 4100),
                              ("outcome", 2023, "registered_unemployment_rate", "level", 3.2),
                              ("target", 2024, "new_urban_jobs", "level", 4500)]


@pytest.mark.parametrize("heading", ["一、四年来的主要工作", "一、本届政府的主要工作", "一、关于去年和今年前4个月工作",
                                     "一、圆满完成上届人代会确定的各项任务", "一、全年目标任务胜利完成",
                                     "一、2019年以来工作回顾"])
def test_a_numbered_part_that_looks_back_reviews(heading):
    text = (f"示范县2024年政府工作报告\n{heading}\n\n全年新增城镇就业4100人。\n\n"
            "二、2024年工作安排\n\n新增城镇就业4500人。\n")
    assert headline(text) == [("outcome", 2023, "new_urban_jobs", "level", 4100),
                              ("target", 2024, "new_urban_jobs", "level", 4500)]


def test_a_part_that_means_to_greet_a_congress_with_fine_results_does_not_review():
    text = ("示范县2024年政府工作报告\n一、攻坚克难,全面建成小康社会\n\n全年新增城镇就业4100人。\n\n"
            "二、善作善成,以优异成绩迎接党的二十大胜利召开\n\n今年主要预期目标是:新增城镇就业4500人。\n")
    assert ("outcome", 2023, "new_urban_jobs", "level", 4100) in headline(text)


def test_a_broken_per_mille_sign_at_a_rates_clause_end_is_mended():
    facts = extract_text(report(review="人口自然增长率5.8％。;居民消费价格上涨2.1%。,"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("population_growth_rate", 0.58), ("cpi", 2.1)]


def test_words_of_expectation_keep_the_subject():
    review = "单位生产总值能耗可望降低3.5%。"
    plan = "全县经济增长预期目标为7%左右。"
    facts = extract_text(report(review=review, plan=plan), "t.txt").facts
    assert [(f.kind, f.indicator, f.value, f.estimated) for f in facts] == [
        ("outcome", "energy_intensity", -3.5, True), ("target", "gdp", 7, False)]


def test_a_paragraph_that_looks_back_on_a_plan_period_gives_no_outcome_of_its_last_year():
    review = ("——回眸“十三五”,民生事业全面进步。新增城镇就业2.1万人,城镇登记失业率控制在4%以内。\n\n"
              "2023年,地区生产总值增长5.4%。")
    assert headline(report(review=review)) == [("outcome", 2023, "gdp", "growth", 5.4)]


@pytest.mark.parametrize("clause, indicator", [
    ("外商投资实际到位资金3.2亿美元", "foreign_investment_used"),
    ("进出口贸易总额增长12%", "trade_total"),
    ("新增就业人员1.2万人", "new_urban_jobs"),
    ("城镇居民年人均可支配收入3.1万元", "urban_disposable_income"),
    ("农民年人均纯收入8000元", "rural_net_income"),
    ("全省人均国内生产总值达到9047元", "per_capita_gdp"),
    ("社会商品零售总额增长9%", "retail_sales"),
    ("直接利用外资2.1亿美元", "foreign_investment_used"),
    ("实际吸收外资4.4亿美元", "foreign_investment_used"),
    ("一般公共预算地方收入增长8%", "general_budget_revenue"),
    ("物价涨幅为2.9%", "cpi"),
])
def test_wordings_of_headline_indicators_found_in_reports_are_read(clause, indicator):
    facts = extract_text(report(review=clause + "。"), "t.txt").facts
    assert [f.indicator for f in facts] == [indicator]


def test_a_report_whose_only_heading_is_an_attachment_is_read_as_review_then_plan():
    prose = "我们坚持稳中求进工作总基调,统筹推进各项工作,经济社会保持健康发展。" * 120
    text = ("示范县2024年政府工作报告\n各位代表:\n\n"
            f"过去一年,全县地区生产总值增长5.4%。{prose}\n\n"
            "今年全县经济社会发展的主要预期目标是:地区生产总值增长6%左右。\n\n"
            "2023年为民办十件实事完成情况\n\n新建幼儿园5所。\n")
    assert headline(text) == [("outcome", 2023, "gdp", "growth", 5.4), ("target", 2024, "gdp", "growth", 6)]


@pytest.mark.parametrize("plan, comparator", [
    ("地区生产总值增长不能低于6%。", "at_least"),
    ("地区生产总值增长不得低于6%。", "at_least"),
    ("地区生产总值增长不得超过6%。", "at_most"),
])
def test_must_not_fall_below_is_a_floor_and_must_not_exceed_a_ceiling(plan, comparator):
    facts = extract_text(report(plan=plan), "t.txt").facts
    assert [(f.indicator, f.measure, f.value, f.comparator) for f in facts] == [("gdp", "growth", 6, comparator)]


def test_a_heading_that_calls_to_complete_a_plan_does_not_review():
    text = ("示范县2024年政府工作报告\n一、为完成和超额完成“十四五”规划而奋斗\n\n"
            "今年主要预期目标是:新增城镇就业4500人。\n")
    assert headline(text) == [("target", 2024, "new_urban_jobs", "level", 4500)]


def test_a_report_pasted_on_one_line_plans_from_the_sentence_that_opens_its_targets():
    prose = "我们坚持稳中求进工作总基调,统筹推进各项工作。" * 100
    text = ("示范县2024年政府工作报告\n"
            f"各位代表:全县地区生产总值增长5.4%。{prose}今年全县经济社会发展的主要预期目标是:"
            "地区生产总值增长6%左右。\n")
    assert headline(text) == [("outcome", 2023, "gdp", "growth", 5.4), ("target", 2024, "gdp", "growth", 6)]


def test_a_clause_saying_when_dates_the_list_past_its_semicolons():
    plan = ("到2028年,全县地区生产总值达到600亿元;一般公共预算收入达到40亿元。"
            "按照县委部署,今后五年,全县经济社会发展的主要目标是:人均地区生产总值达到12万元;城镇化率达到65%。"
            "今年主要预期目标是:地区生产总值增长6%。")
    targets = [(f.year, f.indicator, f.value) for f in extract_text(report(plan=plan), "t.txt").facts
               if not f.indicator.startswith("other:")]
    assert targets == [(2028, "gdp", 6e10), (2028, "general_budget_revenue", 4e9),
                       (2028, "per_capita_gdp", 120000), (2028, "urbanization_rate", 65), (2024, "gdp", 6)]


def test_the_plan_year_named_after_the_term_is_that_years_target():
    plan = "今后五年,力争实际利用外资超过10亿美元,2024年超过1.5亿美元。"
    assert headline(report(plan=plan)) == [("target", 2024, "foreign_investment_used", "level", 1.5e8)]


def test_a_time_said_inside_a_list_dates_its_own_item_only():
    plan = "今年主要预期目标是:地区生产总值增长6%;到2026年,地区生产总值突破600亿元;一般公共预算收入增长5%。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6), ("target", 2026, "gdp", "level", 6e10),
                                           ("target", 2024, "general_budget_revenue", "growth", 5)]


def test_prices_that_fell_to_a_percentage_rose_by_it():
    facts = extract_text(report(review="物价涨幅由3.1%降至1.5%。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("cpi", "growth", 1.5)]


def test_a_compared_figure_with_a_subject_of_its_own_ends_the_subject():
    facts = extract_text(report(review="一般公共预算收入8.1亿元,争取上级资金较2022年增加2亿元,增长12%。"), "t.txt").facts
    assert [(f.indicator, f.measure) for f in facts if not f.indicator.startswith("other:")] == [
        ("general_budget_revenue", "level")]


def test_a_headline_sum_over_several_years_is_not_a_years_figure():
    facts = extract_text(report(review="四年来,地区生产总值累计完成420亿元,年均增长5.5%。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("gdp", "avg_growth", 5.5)]


def test_a_clause_summing_a_plan_period_or_several_years_gives_no_years_figure():
    facts = extract_text(report(review="“十三五”期间共完成固定资产投资597.7亿元,三年累计新增城镇就业1.2万人。"
                                       "过去一年,一般公共预算收入8.1亿元。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("general_budget_revenue", 810_000_000)]


def test_every_multi_year_pattern_holds_a_word_it_is_looked_for_by():
    from etl.catalog import markers

    multi = markers()["multi_year"]
    assert all(any(w in p for w in multi["words"]) for p in multi["patterns"])


def test_pastoral_names_of_rural_income_are_rural_income():
    facts = extract_text(report(review="城镇、牧区常住居民人均可支配收入分别达到4.1万元和2.2万元。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [
        ("urban_disposable_income", 41000), ("rural_disposable_income", 22000)]


def test_lizheng_late_in_a_clause_hedges_only_its_own_number():
    facts = extract_text(report(plan="地区生产总值确保增长7%、力争增长8%。"), "t.txt").facts
    assert [(f.value, f.strive) for f in facts] == [(7, False), (8, True)]


def test_targets_without_a_number_are_listed_as_qualitative():
    text = report(plan="地区生产总值增长6%左右;进出口总额保持稳定增长;农村居民人均可支配收入增长快于城镇居民;要加快推动固定资产投资稳步增长。")
    facts = extract_text(text, "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [
        ("gdp", "growth", 6), ("trade_total", "qualitative", None), ("rural_disposable_income", "qualitative", None)]


def test_a_name_restated_in_brackets_and_a_footnote_mark_do_not_hide_the_number():
    facts = extract_text(report(review="全区生产总值(GDP)[2]91.3亿元,比上年增长7.5%。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("gdp", "level", 9.13e9), ("gdp", "growth", 7.5)]


def test_latin_letters_in_a_name_match_in_either_case():
    got = headline(report(review="全县gdp增长5.1%,单位Gdp能耗下降2.4%,r&d经费投入强度达到2.3%。"))
    assert got == [("outcome", 2023, "gdp", "growth", 5.1),
                   ("outcome", 2023, "energy_intensity", "growth", -2.4),
                   ("outcome", 2023, "rd_intensity", "level", 2.3)]


@pytest.mark.parametrize("text", [
    "城镇、农村居民人均可支配收入保持同步增长",          # clause at the very start of the text
    "一、今年目标:新增存、贷款保持稳定增长,和",          # an enumerator closing the text
    "经济运行总体平稳、稳中有进,地区生产总值(GDP)稳定增长",  # an appositive after a name
])
def test_remembered_mentions_of_prose_are_those_read_afresh(text):
    from etl.mentions import find_mentions, find_mentions_in_prose
    from etl.segment import clauses

    spans = list(clauses(text, 0, len(text))) + [(0, len(text))]
    for a, b in spans:
        assert find_mentions_in_prose(text, a, b) == find_mentions(text, a, b)
        assert find_mentions_in_prose(text, a, b) == find_mentions(text, a, b)   # now from memory
    assert any(find_mentions(text, a, b) for a, b in spans)


@pytest.mark.parametrize("name", ["固定资产投资", "规模以上固定资产投资", "规上固定资产投资", "限额以上固定资产投资"])
def test_investment_above_a_size_is_fixed_asset_investment(name):
    facts = extract_text(report(plan=f"{name}增长10%。"), "test.txt").facts
    assert [(f.kind, f.indicator, f.measure, f.value) for f in facts] == [
        ("target", "fixed_asset_investment", "growth", 10)]


def test_every_base_of_a_run_is_set_aside_not_only_the_first():
    # "分别由26000元、11800元提高到…": both are the bases; the second was read as a level.
    facts = headline(report(review="城乡居民人均可支配收入分别由26000元、11800元提高到38600元、18100元。"))
    assert facts == [("outcome", 2023, "urban_disposable_income", "level", 38600),
                     ("outcome", 2023, "rural_disposable_income", "level", 18100)]


def test_a_clause_of_bases_only_hands_its_subject_to_the_next():
    # "…分别从300亿元、20亿元台阶,迈上了500亿元、40亿元台阶": the new levels are the subject's.
    facts = headline(report(review="全县地区生产总值、一般公共预算收入分别从300亿元、20亿元台阶,"
                                   "迈上了500亿元、40亿元台阶。"))
    assert facts == [("outcome", 2023, "gdp", "level", 5e10), ("outcome", 2023, "general_budget_revenue", "level", 4e9)]


def test_dibao_is_a_noun_not_lower_than():
    # 低保 (the minimum living allowance) is no "低于…平均": its growths are its own.
    facts = extract_text(report(review="城乡低保平均标准分别提高5%、6.7%。"), "test.txt").facts
    assert [(f.measure, f.value) for f in facts] == [("growth", 5), ("growth", 6.7)]


@pytest.mark.parametrize("name", ["社会消费品零售总额", "社会消费品零售额", "全社会消费品零售总额", "全社会消费品零售额"])
def test_retail_sales_with_or_without_quan_and_zong(name):
    facts = extract_text(report(plan=f"{name}增长13%。"), "test.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("retail_sales", "growth", 13)]


def test_a_regions_whole_driven_by_projects_is_the_regions_figure():
    # "…,带动全市固定资产投资完成323亿元,增长8.8%": the city's investment, which the
    # projects drove.
    facts = headline(report(review="重点项目完成投资112亿元,带动全市固定资产投资完成323亿元,增长8.8%。"))
    assert facts == [("outcome", 2023, "fixed_asset_investment", "level", 3.23e10),
                     ("outcome", 2023, "fixed_asset_investment", "growth", 8.8)]


def test_a_percentage_before_de_is_a_share_of_what_follows():
    # "创造了60%以上的GDP…、70%以上的创新成果": shares, no growth of the GDP named between them.
    assert headline(report(review="民营经济创造了60%以上的GDP和固定资产投资、70%以上的创新成果和税收。")) == []


def test_a_share_of_the_budget_between_a_figure_and_its_growth_is_a_remark():
    # "…122亿元,完成年度预算的103.8%,按可比口径同比增长15.4%": the growth is the revenue's.
    facts = headline(report(review="一般公共预算收入12.2亿元,完成年度预算的103.8%,同比增长15.4%。"))
    assert facts == [("outcome", 2023, "general_budget_revenue", "level", 1.22e9),
                     ("outcome", 2023, "general_budget_revenue", "growth", 15.4)]


def test_registered_foreign_capital_arrived_is_foreign_investment_and_keeps_its_partner():
    facts = headline(report(plan="外贸进出口、注册外资实际到账分别增长3.5%、10%。"))
    assert facts == [("target", 2024, "trade_total", "growth", 3.5),
                     ("target", 2024, "foreign_investment_used", "growth", 10)]


def test_consumer_prices_without_residents_are_the_cpi():
    assert headline(report(plan="消费价格涨幅控制在3%以内。")) == [("target", 2024, "cpi", "growth", 3)]


@pytest.mark.parametrize("join", ["、", "和"])
def test_a_rise_named_after_a_rate_in_a_list_is_not_the_rates(join):
    # "城镇登记失业率、居民消费价格涨幅分别控制在4.5%、3%以内": 涨幅 is the prices'; the
    # unemployment rate's figure is its level.
    assert headline(report(plan=f"城镇登记失业率{join}居民消费价格涨幅分别控制在4.5%、3%以内。")) == [
        ("target", 2024, "registered_unemployment_rate", "level", 4.5), ("target", 2024, "cpi", "growth", 3)]


@pytest.mark.parametrize("name", ["单位 GDP 能耗", "单位GDP 能耗", "单位 GDP能耗"])
def test_a_latin_word_set_apart_by_spaces_is_still_the_name(name):
    got = headline(report(review=f"全年{name}下降2.8%,人均 GDP 达到6.1万元。"))
    assert got == [("outcome", 2023, "energy_intensity", "growth", -2.8),
                   ("outcome", 2023, "per_capita_gdp", "level", 61000)]


@pytest.mark.parametrize("plan", ["确保正常年景粮食总产量稳定在52万吨以上。", "在正常年景下,粮食总产量稳定在52万吨以上。"])
def test_a_normal_harvest_condition_leaves_the_grain_target_its_name(plan):
    assert headline(report(plan=plan)) == [("target", 2024, "grain_output", "level", 520000)]


def test_a_yearly_per_capita_income_of_rural_residents_is_their_net_income():
    got = headline(report(plan="农村居民年人均纯收入增长9%。"))
    assert got == [("target", 2024, "rural_net_income", "growth", 9)]


@pytest.mark.parametrize("plan", ["力争地区生产总值超50亿元县(市、区)达到6个。", "培育产值过5亿元企业(集团)8家,地区生产总值增长7%。"])
def test_a_threshold_inside_a_noun_with_a_note_in_brackets_is_no_figure_of_its_own(plan):
    got = headline(report(plan=plan))
    assert got == ([("target", 2024, "gdp", "growth", 7)] if "增长" in plan else [])


def test_a_count_before_a_note_in_brackets_stays_a_count():
    facts = extract_text(report(review="全市9个县(市)4个乡镇获得表彰。"), "t.txt").facts
    assert sorted(f.value for f in facts) == [4, 9]


def test_domestic_and_foreign_capital_used_are_two_indicators_of_one_compound():
    got = headline(report(review="全市实际利用内外资分别增长12%和9%。引进省外资金320亿元。",
                          plan="确保实际利用内外资分别增长5%、8%。"))
    assert got == [("outcome", 2023, "domestic_investment_used", "growth", 12),
                   ("outcome", 2023, "foreign_investment_used", "growth", 9),
                   ("outcome", 2023, "domestic_investment_used", "level", 3.2e10),
                   ("target", 2024, "domestic_investment_used", "growth", 5),
                   ("target", 2024, "foreign_investment_used", "growth", 8)]


def test_one_figure_for_domestic_and_foreign_capital_together_is_neither():
    facts = extract_text(report(review="实际利用内外资500亿元。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("other:实际利用内外资", 5e10)]


def test_value_added_after_output_is_the_same_industrys_and_a_level():
    got = headline(report(review="规模以上工业总产值520亿元、增加值131.5亿元,分别增长9.2%、8.4%。"
                                 "服务业较快发展,增加值达到860亿元。"))
    assert got == [("outcome", 2023, "industrial_output", "level", 5.2e10),
                   ("outcome", 2023, "industrial_value_added", "level", 1.315e10),
                   ("outcome", 2023, "industrial_output", "growth", 9.2),
                   ("outcome", 2023, "industrial_value_added", "growth", 8.4),
                   ("outcome", 2023, "services_value_added", "level", 8.6e10)]


def test_value_added_of_an_area_inside_the_region_is_not_the_regions():
    got = headline(report(review="全市6个产业集聚区规模以上工业企业达到310家,增加值增长18.2%。"
                                 "开发区工业总产值增长15%,增加值增长12%。"))
    assert got == []


@pytest.mark.parametrize("review, indicator", [
    ("一般公共预算收入再创新高、增长7.3%。", "general_budget_revenue"),
    ("大口径财政收入完成96亿元、增长7.3%。", "fiscal_revenue_total"),
    ("外资到位2.3亿美元,增长7.3%。", "foreign_investment_used"),
    ("利用外商直接投资增长7.3%。", "foreign_investment_used"),
])
def test_headline_names_and_words_between_name_and_figure(review, indicator):
    assert [(i, m) for _, _, i, m, v in headline(report(review=review)) if v == 7.3] == [(indicator, "growth")]


def test_jobs_counted_as_positions_are_counted_in_people():
    facts = facts_of(report(review="城镇新增就业1.3万人。", plan="新增城镇就业岗位1.2万个。"), "new_urban_jobs")
    assert [(f.kind, f.value, f.unit) for f in facts] == [("outcome", 13000, "人"), ("target", 12000, "人")]


@pytest.mark.parametrize("plan", ["新增城镇就业再就业9万人以上。", "城镇新增就业、再就业9万人以上。"])
def test_new_jobs_with_re_employment_is_the_new_jobs_target(plan):
    assert headline(report(plan=plan)) == [("target", 2024, "new_urban_jobs", "level", 90000)]


@pytest.mark.parametrize("year, rural", [(2011, "rural_net_income"), (2016, "rural_disposable_income")])
def test_a_rural_income_not_said_which_is_the_series_of_its_year(year, rural):
    text = (f"示范县{year}年政府工作报告\n一、{year - 1}年工作回顾\n\n城乡居民收入分别增长9%、11%。\n\n"
            f"二、{year}年工作安排\n\n城乡居民收入增长10%以上,农民人均可支配收入增长10%。\n")
    got = headline(text)
    assert got == [("outcome", year - 1, "urban_disposable_income", "growth", 9),
                   ("outcome", year - 1, rural, "growth", 11),
                   ("target", year, "urban_disposable_income", "growth", 10),
                   ("target", year, rural, "growth", 10),
                   ("target", year, "rural_disposable_income", "growth", 10)]


def test_a_count_of_times_is_no_count_of_those_served():
    got = headline(report(review="兑现政策资金96亿元,惠及市场主体25万户次,市场主体总数达到120万户。"))
    assert got == [("outcome", 2023, "market_entities", "level", 1.2e6)]


def test_new_jobs_counted_in_person_times_are_counted_in_people():
    facts = facts_of(report(plan="城镇新增就业2万人次。"), "new_urban_jobs")
    assert [(f.value, f.unit) for f in facts] == [(20000, "人")]


@pytest.mark.parametrize("review, plan, value", [
    ("居民消费价格累计上涨1.2%。", "居民消费价格累计增长控制在3%以内。", 1.2),
    ("全年居民消费价格指数累计下降0.2%。", "居民消费价格累计增长控制在3%以内。", -0.2),
])
def test_a_price_index_累计_over_a_year_is_the_years_rise(review, plan, value):
    assert headline(report(review=review, plan=plan)) == [("outcome", 2023, "cpi", "growth", value),
                                                         ("target", 2024, "cpi", "growth", 3)]


def test_a_price_index_累计_over_five_years_is_no_years_rise():
    assert headline(report(review="五年来居民消费价格累计上涨10.2%。")) == []


@pytest.mark.parametrize("review, indicator", [("组织财政收入223.8亿元,增长7%。", "fiscal_revenue_total"),
                                               ("粮食年产量达206.7万吨,增长7%。", "grain_output")])
def test_more_names_of_revenue_and_grain(review, indicator):
    assert {i for _, _, i, _, _ in headline(report(review=review))} == {indicator}


def test_a_price_index_累计_after_the_years_name_is_that_years_rise():
    assert headline(report(review="2023年,居民消费价格累计上涨0.8%。")) == [("outcome", 2023, "cpi", "growth", 0.8)]


def _plan_part(heading: str, body: str) -> str:
    return f"示范市2016年政府工作报告\n一、2015年工作回顾\n\n地区生产总值增长7%。\n\n{heading}\n\n{body}\n"


TERM_THEN_YEAR = ("“十三五”时期是全面建成小康社会的决胜期。\n\n目标任务是:\n\n"
                  "生产总值年均增长8.5%,城镇居民人均可支配收入年均增长8%以上。\n\n"
                  "今年全市经济社会发展的主要预期目标为:生产总值增长8%。")


def test_a_part_about_the_coming_term_and_the_year_lists_the_terms_targets_first():
    got = headline(_plan_part("二、“十三五”总体部署和2016年工作", TERM_THEN_YEAR))
    assert got == [("outcome", 2015, "gdp", "growth", 7),
                   ("target", 2020, "gdp", "avg_growth", 8.5),
                   ("target", 2020, "urban_disposable_income", "avg_growth", 8),
                   ("target", 2016, "gdp", "growth", 8)]


def test_a_years_work_that_starts_a_term_is_the_years():
    got = headline(_plan_part("二、做好2016年工作,实现“十三五”良好开局", "全市生产总值增长8%,固定资产投资增长12%。"))
    assert got == [("outcome", 2015, "gdp", "growth", 7), ("target", 2016, "gdp", "growth", 8),
                   ("target", 2016, "fixed_asset_investment", "growth", 12)]


def test_a_terms_targets_opened_at_a_paragraphs_end_go_on_in_the_paragraphs_after():
    body = ("“十三五”时期的目标任务是:到2020年,\n\n综合实力跃上新台阶。生产总值年均增长8.5%。\n\n"
            "人民生活水平提高。城镇居民人均可支配收入年均增长8%以上。\n\n"
            "2016年主要预期目标为:生产总值增长8%。")
    got = headline(_plan_part("二、2016年工作安排", body))
    assert got == [("outcome", 2015, "gdp", "growth", 7),
                   ("target", 2020, "gdp", "avg_growth", 8.5),
                   ("target", 2020, "urban_disposable_income", "avg_growth", 8),
                   ("target", 2016, "gdp", "growth", 8)]


def test_investment_in_projects_over_the_statistical_threshold_is_fixed_asset_investment():
    got = headline(report(review="500万元以上固定资产投资完成320亿元,增长15%。", plan="500万元以上项目固定资产投资增长12%。"))
    assert got == [("outcome", 2023, "fixed_asset_investment", "level", 3.2e10),
                   ("outcome", 2023, "fixed_asset_investment", "growth", 15),
                   ("target", 2024, "fixed_asset_investment", "growth", 12)]


def test_xinzeng_opening_a_list_counts_each_item_but_a_total_after_it():
    got = headline(report(review="新增“四上”企业192家、市场主体4万户。新增市场主体5万户、总数达到56.8万户。",
                          plan="新增规上工业企业100家以上、各类市场主体5万户以上。"))
    assert got == [("outcome", 2023, "new_market_entities", "level", 40000),
                   ("outcome", 2023, "new_market_entities", "level", 50000),
                   ("outcome", 2023, "market_entities", "level", 568000),
                   ("target", 2024, "new_market_entities", "level", 50000)]


def test_a_count_of_an_indicators_projects_is_named_by_both():
    facts = extract_text(report(review="引进内资项目215个,实际利用外资项目50个。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("other:引进内资项目", 215), ("other:实际利用外资项目", 50)]


@pytest.mark.parametrize("review, indicator, value", [
    ("高新技术企业发展到225家。", "high_tech_enterprises", 225),
    ("粮食产量恢复到150万吨。", "grain_output", 1.5e6),
    ("单位生产总值能耗再降低4%。", "energy_intensity", -4),
])
def test_verbs_of_reaching_again_or_back_say_nothing_of_what_is_counted(review, indicator, value):
    assert [(i, v) for _, _, i, _, v in headline(report(review=review))] == [(indicator, value)]


def test_recovering_to_a_share_of_an_earlier_year_is_no_growth():
    assert headline(report(review="预计全年地区生产总值恢复到2019年同期95%以上。")) == []


def test_urban_and_rural_disposable_income_without_per_capita_is_the_compound():
    got = headline(report(review="城乡居民可支配收入达到38220元和15760元,分别增长6.5%和7.5%。"))
    assert got == [("outcome", 2023, "urban_disposable_income", "level", 38220),
                   ("outcome", 2023, "rural_disposable_income", "level", 15760),
                   ("outcome", 2023, "urban_disposable_income", "growth", 6.5),
                   ("outcome", 2023, "rural_disposable_income", "growth", 7.5)]


def _review_part(heading: str, body: str) -> str:
    return f"示范市2022年政府工作报告\n{heading}\n\n{body}\n\n二、2022年工作安排\n\n地区生产总值增长6%。\n"


TERM_THEN_YEAR_REVIEW = ("过去五年,是极不平凡的五年。\n\n——这五年,民生保障取得重大突破。\n\n"
                         "就业、教育、医疗等民生事业大幅改善,城镇新增就业23.21万人。2021年,全市地区生产总值增长8%。\n\n"
                         "{opener},全市地区生产总值增长8.2%,城镇新增就业4.6万人。\n\n消费持续回暖,社会消费品零售总额增长9%。")


@pytest.mark.parametrize("opener", ["过去一年", "各位代表,即将过去的2021年", "各位代表。星光不负赶路人,江河眷顾奋楫者。刚刚过去的2021年"])
def test_a_review_of_the_term_and_the_year_gives_the_years_figures_only_from_the_year_on(opener):
    got = headline(_review_part("一、过去五年和2021年工作回顾", TERM_THEN_YEAR_REVIEW.format(opener=opener)))
    assert got == [("outcome", 2021, "gdp", "growth", 8),
                   ("outcome", 2021, "gdp", "growth", 8.2),
                   ("outcome", 2021, "new_urban_jobs", "level", 46000),
                   ("outcome", 2021, "retail_sales", "growth", 9),
                   ("target", 2022, "gdp", "growth", 6)]


GOVERNMENTS_TERM = ("五年来,全市上下砥砺奋进。\n\n民生事业大幅改善,城镇新增就业23.21万人。\n\n"
                    "2021年,全市地区生产总值增长8.2%。\n\n投资结构更加优化,城镇新增就业4.6万人。")


def test_a_review_of_a_governments_term_gives_the_years_figures_from_the_paragraph_that_opens_on_it():
    got = headline(_review_part("一、市第四届人民政府工作回顾", GOVERNMENTS_TERM))
    assert got == [("outcome", 2021, "gdp", "growth", 8.2),
                   ("outcome", 2021, "new_urban_jobs", "level", 46000),
                   ("target", 2022, "gdp", "growth", 6)]


def test_a_review_since_a_new_government_was_formed_is_the_years():
    got = headline(_review_part("一、新一届政府成立以来的工作", "全市地区生产总值增长6.8%,城镇新增就业4.4万人。"))
    assert got == [("outcome", 2021, "gdp", "growth", 6.8),
                   ("outcome", 2021, "new_urban_jobs", "level", 44000),
                   ("target", 2022, "gdp", "growth", 6)]


@pytest.mark.parametrize("review, fact", [
    ("城镇登记失业率控制到3.8%。", ("registered_unemployment_rate", "level", 3.8)),
    ("城镇登记失业率处于2.77%的较低水平。", ("registered_unemployment_rate", "level", 2.77)),
    ("CPI微降0.1%。", ("cpi", "growth", -0.1)),
    ("城镇居民消费价格上涨3.1%。", ("cpi", "growth", 3.1)),
    ("城市居民消费价格总指数上涨2.1%。", ("cpi", "growth", 2.1)),
])
def test_verbs_and_names_of_a_years_outcome_in_a_review(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


@pytest.mark.parametrize("review", ["社会消费品零售总额扣除物价因素影响实际增长19.7%。",
                                    "社会消费品零售总额扣除价格上涨因素,实际增长19.7%。"])
def test_growth_net_of_prices_stays_the_indicators_own(review):
    assert headline(report(review=review)) == [("outcome", 2023, "retail_sales", "growth", 19.7)]


def test_a_plan_word_in_quotes_names_a_programme_and_makes_no_plan_heading():
    text = ("示范市2022年政府工作报告\n2021年工作回顾\n\n一、聚焦发展,交出高分答卷\n\n全市地区生产总值增长8%。\n\n"
            "二、统筹抓好“五大重点工作”,形成良好局面\n\n城镇新增就业4.6万人。\n\n2022年工作安排\n\n地区生产总值增长6%。\n")
    assert headline(text) == [("outcome", 2021, "gdp", "growth", 8),
                              ("outcome", 2021, "new_urban_jobs", "level", 46000),
                              ("target", 2022, "gdp", "growth", 6)]


def test_bi_zeng_and_bi_jiang_are_growth_over_the_year_before():
    # "比增"/"比降" (比上年增长/下降), as reports of 福建 write them.
    got = headline(report(review="全市生产总值3065亿元,比增14%;出口总额82亿美元,比降14.8%。空气优良天数318天,同比增加11天。"))
    assert got == [("outcome", 2023, "gdp", "level", 3.065e11), ("outcome", 2023, "gdp", "growth", 14),
                   ("outcome", 2023, "exports", "level", 8.2e9), ("outcome", 2023, "exports", "growth", -14.8),
                   ("outcome", 2023, "good_air_days", "level", 318), ("outcome", 2023, "good_air_days", "increase", 11)]


def test_a_share_falling_to_a_level_keeps_its_name():
    facts = extract_text(report(review="非税收入占比降至29.7%。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("other:非税收入占比", 29.7)]


def test_trade_in_services_is_neither_total_trade_nor_lost_from_a_list():
    got = [(i, v) for _, _, i, _, v in headline(report(
        review="社会消费品零售总额、货物进出口和服务进出口分别增长26.5%、28.4%和48.95%。"))]
    assert got == [("retail_sales", 26.5), ("trade_total", 28.4), ("services_trade", 48.95)]
    facts = extract_text(report(plan="力争货物和服务进出口增长6%。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts] == [("goods_and_services_trade", 6)]


def test_a_later_year_opening_a_sentence_in_a_terms_plan_leaves_the_rest_to_the_term():
    text = ("示范省2011年政府工作报告\n一、“十一五”时期工作回顾\n\n城镇新增就业95万人。\n\n"
            "二、“十二五”时期主要目标和任务\n\n2015年,农村贫困人口比2010年减少一半。实施积极的就业政策,新增城镇就业135万人以上。\n\n"
            "三、2011年工作安排\n\n城镇新增就业23万人以上。\n")
    jobs = [(f.kind, f.year, f.value) for f in facts_of(text, "new_urban_jobs")]
    assert jobs == [("target", 2011, 230000)]


@pytest.mark.parametrize("review", ["货物贸易进出口总额完成100亿元,增长32.6%。", "货物贸易完成100亿元,增长32.6%。"])
def test_trade_in_goods_is_total_trade(review):
    assert headline(report(review=review)) == [("outcome", 2023, "trade_total", "level", 1e10),
                                               ("outcome", 2023, "trade_total", "growth", 32.6)]


@pytest.mark.parametrize("review, fact", [
    ("全年消费品零售总额144.73亿元。", ("retail_sales", "level", 1.4473e10)),
    ("城市和农村居民家庭人均可支配收入分别达到13250元和6212元。",
     ("urban_disposable_income", "level", 13250)),
    ("地区外贸进出口总额增长17.7%。", ("trade_total", "growth", 17.7)),
])
def test_older_names_of_headline_indicators(review, fact):
    assert headline(report(review=review))[0] == ("outcome", 2023, *fact)


def test_a_part_of_retail_sales_is_not_retail_sales():
    assert headline(report(review="城镇消费品零售额增长8%,乡村消费品零售额增长6%。")) == []


@pytest.mark.parametrize("heading", ["一、积极应对复杂的经济环境,基本实现了年初确定的主要经济增长目标",
                                     "一、全面完成了省十一届人大一次会议确定的各项目标和任务"])
def test_a_numbered_part_saying_the_targets_were_met_reviews(heading):
    text = (f"示范省2009年政府工作报告\n2008年工作回顾\n\n{heading}\n\n全省地区生产总值增长11.8%。\n\n"
            "2009年工作安排\n\n主要目标是:地区生产总值增长8.5%。\n")
    assert headline(text) == [("outcome", 2008, "gdp", "growth", 11.8), ("target", 2009, "gdp", "growth", 8.5)]


@pytest.mark.parametrize("review, fact", [
    ("粮食总产量仍然达到1168.27万吨。", ("grain_output", "level", 11682700)),
    ("但居民消费价格总水平上涨6%。", ("cpi", "growth", 6)),
    ("地方财政一般预算收入仍增长18.1%。", ("general_budget_revenue", "growth", 18.1)),
    ("使全区固定资产投资总额达到383亿元。", ("fixed_asset_investment", "level", 3.83e10)),
])
def test_adverbs_conjunctions_and_shi_say_nothing_of_what_is_counted(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


def test_shi_before_a_count_of_people_is_no_figure_of_the_subject_before_it():
    facts = extract_text(report(review="地方财政出资2.96亿元,使199.3万人受益。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts if f.value == 1993000] != [("other:地方财政出资", 1993000)]


@pytest.mark.parametrize("name", ["引进外资", "利用国外资金到位额", "直接利用外资到位额", "外商直接投资实际到位",
                                  "实际直接利用外资额"])
def test_more_names_of_foreign_investment_used(name):
    assert headline(report(review=f"{name}4.2亿美元。")) == [("outcome", 2023, "foreign_investment_used", "level", 4.2e8)]


@pytest.mark.parametrize("review, fact", [
    ("规模以上工业实现增加值581.7亿元。", ("industrial_value_added", "level", 5.817e10)),
    ("全市规模以上工业企业完成增加值381.9亿元。", ("industrial_value_added", "level", 3.819e10)),
    ("地方财政总收入完成151.2亿元。", ("fiscal_revenue_total", "level", 1.512e10)),
])
def test_a_verb_inside_a_name_or_a_place_before_it_keeps_the_indicator(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


def test_a_count_of_zones_opens_no_zone():
    got = headline(report(review="新建返乡创业示范园区5个,城镇新增就业5.2万人,全市城镇登记失业率3.5%。"))
    assert got == [("outcome", 2023, "new_urban_jobs", "level", 52000),
                   ("outcome", 2023, "registered_unemployment_rate", "level", 3.5)]


@pytest.mark.parametrize("aside", ["总量折合超过1万亿美元", "在东北地区第三个进入3000亿元行列"])
def test_a_growth_after_an_aside_restating_the_total_is_the_totals(aside):
    got = headline(report(review=f"实现地区生产总值3258.1亿元,{aside},比上年增长13%。"))
    assert got == [("outcome", 2023, "gdp", "level", 3.2581e11), ("outcome", 2023, "gdp", "growth", 13)]


def test_a_growth_after_another_money_figure_is_that_figures():
    facts = extract_text(report(review="一般公共预算收入50亿元,非税收入10亿元,比上年增长5%。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts if f.measure == "growth"] == [("other:非税收入", "growth", 5)]


def test_the_tenth_plan_in_quotes_is_a_term():
    text = ("示范省2001年政府工作报告\n一、“九五”时期政府工作回顾\n\n2000年全省完成国内生产总值4668.3亿元。\n\n"
            "二、“十五”期间经济和社会发展目标\n\n“十五”期末,粮食综合生产能力稳定在1600万吨。各类开发区出口创汇均增长100%。\n\n"
            "三、2001年政府工作的主要任务\n\n今年国民经济的主要预期目标是:国内生产总值增长9%。\n")
    assert headline(text) == [("outcome", 2000, "gdp", "level", 4.6683e11),
                              ("target", 2005, "grain_output", "level", 1.6e7),
                              ("target", 2001, "gdp", "growth", 9)]


def test_a_heading_saying_the_plans_targets_were_met_reviews_the_term_then_the_year():
    text = ("示范省2006年政府工作报告\n一、奋力开拓,“十五”经济社会发展目标全面实现\n\n"
            "五年来,全省城镇新增就业170万人。\n\n特别需要指出的是,刚刚过去的2005年,全省生产总值增长12.5%;"
            "财政收入475.39亿元,增长17.7%。\n\n二、2006年工作安排\n\n全省生产总值增长9%。\n")
    assert headline(text) == [("outcome", 2005, "gdp", "growth", 12.5),
                              ("outcome", 2005, "fiscal_revenue_total", "level", 4.7539e10),
                              ("outcome", 2005, "fiscal_revenue_total", "growth", 17.7),
                              ("target", 2006, "gdp", "growth", 9)]


@pytest.mark.parametrize("lead", ["初步预测", "初步预计", "据测算"])
def test_a_years_list_in_a_term_review_opened_by_an_estimate_is_the_years(lead):
    text = (f"示范市2007年政府工作报告\n一、过去五年工作回顾\n\n{lead},2006年全市实现地区生产总值1185亿元,比上年增长12%;"
            "全社会固定资产投资683亿元,增长25%。\n\n二、2007年工作安排\n\n全社会固定资产投资750亿元。\n")
    assert headline(text) == [("outcome", 2006, "gdp", "level", 1.185e11), ("outcome", 2006, "gdp", "growth", 12),
                              ("outcome", 2006, "fixed_asset_investment", "level", 6.83e10),
                              ("outcome", 2006, "fixed_asset_investment", "growth", 25),
                              ("target", 2007, "fixed_asset_investment", "level", 7.5e10)]


@pytest.mark.parametrize("review, fact", [
    ("新增粮食产量8亿斤。", ("grain_output", "increase", 4e5)),
    ("全年新增社会消费品零售总额200亿元。", ("retail_sales", "increase", 2e10)),
    ("新增高新技术企业50家。", ("new_high_tech_enterprises", "level", 50)),
    ("新增城镇就业5万人。", ("new_urban_jobs", "level", 50000)),
])
def test_xinzeng_before_an_amount_is_what_was_added_to_it(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


def test_revenue_raised_in_the_region_is_its_total_fiscal_revenue():
    got = headline(report(review="来源于惠州的财政总收入1188.1亿元,增长18.7%。"))
    assert got == [("outcome", 2023, "fiscal_revenue_total", "level", 1.1881e11),
                   ("outcome", 2023, "fiscal_revenue_total", "growth", 18.7)]


def test_a_space_inside_a_word_from_a_pdf_keeps_the_name():
    got = headline(report(review="其中地 方财政收入100.8亿元,增长12.3%;农 牧民人均纯收入2003元。"))
    assert got == [("outcome", 2023, "local_fiscal_revenue", "level", 1.008e10),
                   ("outcome", 2023, "local_fiscal_revenue", "growth", 12.3),
                   ("outcome", 2023, "rural_net_income", "level", 2003)]


@pytest.mark.parametrize("aside", ["占全国的1/7", "总量排名全省第四", "占全省的25.3%"])
def test_a_growth_after_a_share_or_a_rank_is_the_totals(aside):
    got = [f for f in headline(report(review=f"全市地区生产总值672.3亿元,{aside},比上年增长18.4%。")) if f[2] == "gdp"]
    assert got == [("outcome", 2023, "gdp", "level", 6.723e10), ("outcome", 2023, "gdp", "growth", 18.4)]


def test_a_change_in_points_after_a_share_is_the_shares():
    facts = extract_text(report(review="服务业增加值500亿元,占GDP比重45%,比上年提高1.2个百分点。"), "t.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts if f.measure == "change"] == [
        ("other:服务业增加值占GDP比重", "change", 1.2)]


def test_a_targets_lead_of_its_own_in_a_plan_periods_part_opens_the_terms_targets():
    text = ("测试市2021年政府工作报告\n一、2020年工作回顾\n\n全市地区生产总值增长4%。\n\n二、“十四五”工作思路及主要举措\n\n"
            "今后五年我市经济社会发展的总体要求是:坚持稳中求进工作总基调。\n\n"
            "主要预期目标是:地区生产总值年均增长6.5%左右。\n\n三、2021年主要目标和重点任务\n\n"
            "经济社会发展主要预期目标是:地区生产总值增长7.5%左右。\n")
    assert headline(text) == [("outcome", 2020, "gdp", "growth", 4), ("target", 2025, "gdp", "avg_growth", 6.5),
                              ("target", 2021, "gdp", "growth", 7.5)]


def test_an_unnumbered_heading_on_the_coming_five_years_opens_the_terms_part():
    text = ("测试市2022年政府工作报告\n一、过去五年工作回顾\n\n各位代表,即将过去的2021年,预计地区生产总值增长8%左右。\n\n"
            "今后五年工作目标任务\n\n主要奋斗目标:地区生产总值年均增长6.5%以上。\n\n"
            "二、2022年工作安排\n\n全市经济社会发展的主要预期目标:地区生产总值增长7.5%。\n")
    assert headline(text) == [("outcome", 2021, "gdp", "growth", 8), ("target", 2026, "gdp", "avg_growth", 6.5),
                              ("target", 2022, "gdp", "growth", 7.5)]


@pytest.mark.parametrize("heading, year", [("二、明确任务,全面实现“十五”计划的各项目标", 2005),
                                           ("二、争先跨越,实现“十四五”规划圆满收官", 2025)])
def test_a_plan_part_naming_the_plan_that_ends_this_year_is_that_years(heading, year):
    text = (f"测试省{year}年政府工作报告\n一、{year - 1}年工作回顾\n\n全省生产总值增长9%。\n\n{heading}\n\n"
            "主要预期目标是:全省生产总值增长8.5%。\n")
    assert headline(text) == [("outcome", year - 1, "gdp", "growth", 9), ("target", year, "gdp", "growth", 8.5)]


@pytest.mark.parametrize("review, fact", [
    ("城镇失业登记率控制在3.9%以内。", ("registered_unemployment_rate", "level", 3.9)),
    ("一般公共预算收入自然口径增长4.3%。", ("general_budget_revenue", "growth", 4.3)),
])
def test_a_word_order_variant_and_the_natural_basis(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


@pytest.mark.parametrize("review, fact", [
    ("居民消费价格水平上涨2.5%。", ("cpi", "growth", 2.5)),
    ("居民消费品价格上涨2.5%。", ("cpi", "growth", 2.5)),
    ("全年完成社会固定资产投资10728亿元。", ("fixed_asset_investment", "level", 1.0728e12)),
])
def test_shorter_names_of_prices_and_investment(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


def test_an_area_is_no_output_in_tonnes():
    facts = facts_of(report(review="粮食总产量稳定在1200万亩、370万吨。"), "grain_output")
    assert [(f.value, f.unit) for f in facts] == [(3.7e6, "吨")]


@pytest.mark.parametrize("review", ["2021年,兵团生产总值增长8%,固定资产投资增长16.2%。",
                                    "支持兵团加快发展,兵团综合实力显著增强,生产总值达到1960亿元,固定资产投资增长16.2%。"])
def test_figures_of_the_production_and_construction_corps_are_not_the_regions(review):
    assert headline(report(review=review)) == []


@pytest.mark.parametrize("review", ["粮食再获大丰收,预计总产1352亿斤。", "粮食生产再获丰收,全年总产1352亿斤。"])
def test_a_head_word_after_an_estimate_names_the_indicator_of_the_clause_before(review):
    assert headline(report(review=review)) == [("outcome", 2023, "grain_output", "level", 6.76e7)]


def test_a_part_headed_by_the_plans_full_name_is_the_terms():
    text = ("测试市2016年政府工作报告\n一、2015年工作回顾\n\n地区生产总值增长6.5%。\n\n"
            "二、《测试市国民经济和社会发展第十三个五年规划纲要(草案)》说明\n\n主要目标是:地区生产总值年均增长7%左右。\n\n"
            "三、2016年主要工作\n\n主要预期目标是:地区生产总值增长7%。\n")
    assert headline(text) == [("outcome", 2015, "gdp", "growth", 6.5), ("target", 2020, "gdp", "avg_growth", 7),
                              ("target", 2016, "gdp", "growth", 7)]


@pytest.mark.parametrize("heading", ["二、对下届政府工作的建议", "二、新一届政府工作的总体思路和主要目标"])
def test_a_part_on_the_next_governments_work_is_the_terms(heading):
    text = ("测试市2012年政府工作报告\n一、本届政府工作回顾\n\n2011年全市地区生产总值增长11%。\n\n"
            f"{heading}\n\n新一届政府要全力实现以下奋斗目标:\n\n——地区生产总值年均增长13%,固定资产投资年均增长28%。\n\n"
            "三、2012年工作安排\n\n今年经济社会发展的主要预期目标是:地区生产总值增长10%。\n")
    assert headline(text) == [("outcome", 2011, "gdp", "growth", 11), ("target", 2016, "gdp", "avg_growth", 13),
                              ("target", 2016, "fixed_asset_investment", "avg_growth", 28),
                              ("target", 2012, "gdp", "growth", 10)]


def test_a_review_since_the_new_government_took_office_is_the_years():
    text = ("测试市2019年政府工作报告\n一、新一届政府成立以来的工作\n\n全市地区生产总值增长7%。\n\n"
            "二、2019年工作安排\n\n地区生产总值增长6.5%左右。\n")
    assert headline(text) == [("outcome", 2018, "gdp", "growth", 7), ("target", 2019, "gdp", "growth", 6.5)]


@pytest.mark.parametrize("year_opens", ["各位代表,2008年是新一届政府带领全省人民开创新局面的起始之年。",
                                        "今年全省经济社会发展的主要预期指标是:地区生产总值增长10%。"])
def test_a_part_on_the_coming_term_goes_on_to_the_year(year_opens):
    text = ("测试省2008年政府工作报告\n一、过去五年工作回顾\n\n五年来,全省生产总值年均增长12%。\n\n"
            "二、今后五年的奋斗目标和要求\n\n今后五年的主要目标是:全省生产总值年均增长10%。\n\n"
            f"{year_opens}\n\n约束性指标是:单位生产总值能耗下降4%。\n\n"
            "千方百计扩大就业。城镇登记失业率控制在4%以内。\n")
    got = [f for f in headline(text) if f[2] != "gdp" or f[3] == "avg_growth"]
    assert got == [("outcome", 2007, "gdp", "avg_growth", 12), ("target", 2012, "gdp", "avg_growth", 10),
                   ("target", 2008, "energy_intensity", "growth", -4),
                   ("target", 2008, "registered_unemployment_rate", "level", 4)]


def test_an_undated_lead_after_the_part_moved_on_to_the_year_lists_the_years_targets():
    text = ("测试省2003年政府工作报告\n一、过去五年工作的回顾\n\n五年来,全省生产总值年均增长9%。\n\n"
            "二、今后五年的工作\n\n今后五年,全省生产总值年均增长10%。\n\n"
            "2003年是完成新一届政府五年任务的起步之年。全省经济增长预期目标为9%以上。\n")
    assert headline(text)[-1] == ("target", 2003, "gdp", "growth", 9)


def test_the_main_expected_indicators_lead_the_years_targets():
    text = ("测试市2004年政府工作报告\n一、2003年政府工作回顾\n\n全市地区生产总值增长13%。\n\n"
            "做好今年工作,要坚持以发展为主题。\n\n"
            "今年全市经济和社会发展的主要预期指标是:地区生产总值增长12.5%,城镇登记失业率控制在6%左右。\n")
    assert headline(text) == [("outcome", 2003, "gdp", "growth", 13), ("target", 2004, "gdp", "growth", 12.5),
                              ("target", 2004, "registered_unemployment_rate", "level", 6)]


def test_a_span_of_years_opening_a_paragraph_opens_no_year():
    text = ("测试省2008年政府工作报告\n一、2007年工作回顾\n\n全省生产总值增长13%。\n\n二、今后五年的主要奋斗目标和要求\n\n"
            "2008年到2012年,是新一届政府履行职责的五年。\n\n财政总收入年均增长15%。\n")
    assert headline(text)[-1] == ("target", 2012, "fiscal_revenue_total", "avg_growth", 15)


def test_last_year_recalled_in_a_part_on_the_coming_term_moves_it_on_to_no_year():
    text = ("测试市2012年政府工作报告\n一、本届政府工作回顾\n\n2011年全市地区生产总值增长11%。\n\n"
            "二、对下届政府工作的建议\n\n去年以来,我市新上一大批新兴产业项目,投资增速明显加快。\n\n"
            "新一届政府要全力实现以下奋斗目标:\n\n——地区生产总值年均增长13%。\n")
    assert headline(text)[-1] == ("target", 2016, "gdp", "avg_growth", 13)


@pytest.mark.parametrize("review, fact", [
    ("外商直接投资连续2年突破1亿美元。", ("foreign_investment_used", "level", 1e8)),
    ("粮食产量连续两年稳定在110万吨以上。", ("grain_output", "level", 1.1e6)),
    ("城镇新增就业连续4年超过90万人。", ("new_urban_jobs", "level", 9e5)),
])
def test_a_bound_held_for_several_years_is_the_last_years_too(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


def test_a_sum_over_consecutive_years_is_no_years_figure():
    assert headline(report(review="固定资产投资连续3年累计完成597亿元。")) == []


@pytest.mark.parametrize("plan, fact", [
    ("今年计划安排全社会固定资产投资300亿元。", ("fixed_asset_investment", "level", 3e10)),
    ("完成年度固定资产投资564亿元。", ("fixed_asset_investment", "level", 5.64e10)),
    ("力促进出口总额增长8%以上。", ("trade_total", "growth", 8)),
    ("锚定经济总量1100亿元目标。", ("gdp", "level", 1.1e11)),
    ("本省生产总值增长10%左右。", ("gdp", "growth", 10)),
    ("全疆地区生产总值增长7%。", ("gdp", "growth", 7)),
])
def test_a_plans_verbs_and_the_regions_own_words_before_a_name(plan, fact):
    assert headline(report(plan=plan)) == [("target", 2024, *fact)]


@pytest.mark.parametrize("plan", ["启动实施2024年度10个重点项目。", "普惠性幼儿园覆盖率比上一年度提高2个百分点。"])
def test_a_named_year_keeps_its_niandu(plan):
    names = [f.indicator for f in extract_text(report(plan=plan), "t.txt").facts]
    assert all("年度" in n for n in names if n.startswith("other:")), names


@pytest.mark.parametrize("review", [
    "经过一年来的不懈努力,县域经济综合实力不断增强,实现生产总值增长13.7%左右,完成一般公共预算收入63.5亿元。",
    "县域地区生产总值平均增长6.9%,一般公共预算收入平均增长6%。",
    "今年县域规模以上工业增加值增长20%以上,一般公共预算收入增长15%以上。",
])
def test_figures_of_the_counties_taken_together_are_not_the_regions(review):
    assert headline(report(review=review)) == []


def test_work_on_the_counties_names_no_part():
    got = headline(report(review="县域商业体系建设全面加速,社会消费品零售总额增长6.7%。"))
    assert got == [("outcome", 2023, "retail_sales", "growth", 6.7)]


def test_a_lead_naming_the_coming_plan_opens_the_terms_targets():
    text = ("测试市2016年政府工作报告\n一、2015年工作回顾\n\n地区生产总值增长6.5%。\n\n二、关于预期目标\n\n"
            "《纲要(草案)》确定了“十三五”经济社会发展的主要预期目标:地区生产总值年均增长7.5%。\n\n"
            "三、2016年工作安排\n\n预期目标是:地区生产总值增长7.5%。\n")
    assert headline(text) == [("outcome", 2015, "gdp", "growth", 6.5), ("target", 2020, "gdp", "avg_growth", 7.5),
                              ("target", 2016, "gdp", "growth", 7.5)]


def test_a_lead_naming_the_first_year_of_a_plan_opens_the_years_targets():
    text = ("测试市2021年政府工作报告\n一、2020年工作回顾\n\n全市生产总值增长3%。\n\n二、2021年工作安排\n\n"
            "2021年是实施“十四五”规划的开局之年,经济社会发展主要预期目标为:全市生产总值增长7.5%左右。\n")
    assert headline(text) == [("outcome", 2020, "gdp", "growth", 3), ("target", 2021, "gdp", "growth", 7.5)]


def test_a_lead_far_after_the_year_it_names_opens_the_years_targets():
    text = ("测试市2007年政府工作报告\n一、2006年工作回顾\n\n全市生产总值增长13%。\n\n二、2007年工作安排\n\n"
            "2007年是新一届政府的第一年,也是实施“十一五”规划的关键一年,我市经济社会发展主要预期目标为:"
            "地区生产总值增长12.5%以上。\n")
    assert headline(text) == [("outcome", 2006, "gdp", "growth", 13), ("target", 2007, "gdp", "growth", 12.5)]


@pytest.mark.parametrize("review, other", [
    ("粮食总产439.2亿斤;新增13家国家级农业产业化重点龙头企业。", "other:国家级农业产业化重点龙头企业"),
    ("城镇新增就业4.15万人,新增3个国家级创业孵化基地。", "other:国家级创业孵化基地"),
])
def test_a_count_of_what_was_added_is_the_counted_nouns(review, other):
    facts = extract_text(report(review=review), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts][1:] == [(other, 13 if "13" in review else 3)]


def test_a_count_that_names_the_subject_again_stays_with_it():
    got = headline(report(review="抓好高新技术企业培育认定工作,新增10家高新技术企业。"))
    assert got == [("outcome", 2023, "new_high_tech_enterprises", "level", 10)]


@pytest.mark.parametrize("review, expected", [
    ("市场主体新增2万户。", [("new_market_entities", 20000)]),
    ("高新技术企业新增20家。", [("new_high_tech_enterprises", 20)]),
    ("国家高新技术企业达到300家,新增35家。", [("high_tech_enterprises", 300), ("new_high_tech_enterprises", 35)]),
    ("新认定国家高新技术企业35家。", [("new_high_tech_enterprises", 35)]),
])
def test_what_was_added_to_a_stock_is_its_flow_not_its_level(review, expected):
    # A promise of a total ("高新技术企业达到135家") is not met or missed by the firms added.
    assert [(f.indicator, f.value) for f in extract_text(report(review=review), "t.txt").facts] == expected


def test_shou_before_chao_is_for_the_first_time():
    assert headline(report(review="粮食产量首超300万吨。")) == [("outcome", 2023, "grain_output", "level", 3e6)]


def test_a_level_before_a_run_of_years_over_a_bound_is_kept():
    got = headline(report(review="粮食总产439.2亿斤、连续12年超430亿斤。"))
    assert got[0] == ("outcome", 2023, "grain_output", "level", 2.196e7)


@pytest.mark.parametrize("review, fact", [
    ("重点项目完成投资746亿元,带动固定资产投资增长15.4%。", ("fixed_asset_investment", "growth", 15.4)),
    ("带动全社会固定资产投资增长2%。", ("fixed_asset_investment", "growth", 2)),
])
def test_daidong_before_a_name_leads_to_it(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


def test_daidong_before_a_number_names_a_subject_of_its_own():
    facts = extract_text(report(review="城镇新增就业3万人;发放创业担保贷款3亿元,带动2.6万人就业。"), "t.txt").facts
    assert [(f.indicator, f.value) for f in facts if f.value == 26000] == [("other:带动就业", 26000)]


def _report_of(region: str, review: str) -> str:
    return (f"{region}2013年政府工作报告\n——2013年1月20日在{region}第十二届人民代表大会第一次会议上\n各位代表:\n"
            f"一、2012年工作回顾\n{review}\n二、2013年工作安排\n地区生产总值增长8%。\n")


@pytest.mark.parametrize("region, review", [
    ("北京市", "北京市生产总值比上年增长11%。"),
    ("西藏自治区", "西藏生产总值比上年增长11%。"),
    ("上海市", "全年实现市生产总值比上年增长11%。"),
])
def test_the_reports_own_region_before_a_name_is_the_regions_figure(region, review):
    assert headline(_report_of(region, review))[0] == ("outcome", 2012, "gdp", "growth", 11)


def test_another_regions_name_before_a_name_is_that_regions_figure():
    facts = extract_text(_report_of("黑龙江省", "哈尔滨市生产总值比上年增长11%。"), "t.txt").facts
    assert [f.indicator for f in facts if f.kind == "outcome"] == ["other:哈尔滨市生产总值"]


def test_what_a_plan_says_opens_on_the_term_it_names():
    text = ("测试省2011年政府工作报告\n一、2010年工作回顾\n\n全省生产总值增长12%。\n\n二、开拓创新,推动科学发展\n\n"
            "《纲要》强调,“十二五”时期全省经济社会发展要实现更加宏伟的目标:地区生产总值年均增长10%以上。\n\n"
            "三、2011年工作安排\n\n今年全省生产总值增长10%。\n")
    assert headline(text)[1] == ("target", 2015, "gdp", "avg_growth", 10)


def test_a_part_on_the_term_then_the_year_opens_on_the_term_though_its_first_words_name_the_year():
    text = ("测试省2011年政府工作报告\n一、2010年工作回顾\n\n全省生产总值增长14%。\n\n二、“十二五”时期发展目标和今年主要工作\n\n"
            "各位代表:今年,我们开始实施第十二个五年规划。\n\n全省经济社会发展的主要目标是:地区生产总值年均增长11%。\n\n"
            "今年全省经济社会发展的主要预期目标是:地区生产总值增长11%。\n")
    assert headline(text)[1:] == [("target", 2015, "gdp", "avg_growth", 11), ("target", 2011, "gdp", "growth", 11)]


@pytest.mark.parametrize("review", ["改革开放40年来,全市GDP增长202倍。",
                                    "新中国成立70周年。70年来,勤劳智慧的人民创造了奇迹。地区生产总值增长215倍。",
                                    "1978年以来,地区生产总值增长38倍。"])
def test_a_multiple_after_decades_looked_back_on_is_no_years_growth(review):
    assert headline(report(review=review)) == []


def test_a_multiple_after_a_remark_on_years_is_the_years_growth():
    got = headline(report(review="地区生产总值增长13.9%,创近12年来最好水平,外商直接投资增长1.2倍。"))
    assert got == [("outcome", 2023, "gdp", "growth", 13.9), ("outcome", 2023, "foreign_investment_used", "growth", 120)]


def test_the_end_of_last_year_before_a_rate_says_when():
    got = headline(report(plan="去年末城镇登记失业率3.8%。"))
    assert got == [("outcome", 2023, "registered_unemployment_rate", "level", 3.8)]


def test_weirao_before_a_name_leads_to_it():
    got = headline(report(plan="围绕今年完成全社会固定资产投资1.1万亿元以上的目标,抓好项目建设。"))
    assert got == [("target", 2024, "fixed_asset_investment", "level", 1.1e12)]


def test_an_average_over_years_among_a_years_plans_is_the_terms():
    got = headline(report(plan="加快新型工业化。力争工业增加值达到6000亿元,年均增长20%以上。\n\n地区生产总值增长6%。"))
    assert got == [("target", 2028, "industry_value_added", "level", 6e11),
                   ("target", 2028, "industry_value_added", "avg_growth", 20),
                   ("target", 2024, "gdp", "growth", 6)]


def test_an_annual_mean_is_no_average_over_years():
    got = headline(report(plan="细颗粒物(PM2.5)年均浓度下降5%,空气质量优良天数比例达到85%。"))
    assert all(f[1] == 2024 for f in got) and got, got


def test_the_coming_five_years_in_digits_are_a_term():
    text = ("测试区2021年政府工作报告\n一、2020年工作回顾\n\n全区生产总值增长3.9%。\n\n二、今后5年的目标任务\n\n"
            "今后5年,全区经济社会发展的主要预期目标是:森林覆盖率达到20%。\n\n三、2021年工作安排\n\n"
            "今年主要预期目标是:地区生产总值增长7%。\n")
    assert headline(text)[1:] == [("target", 2025, "forest_coverage", "level", 20), ("target", 2021, "gdp", "growth", 7)]


@pytest.mark.parametrize("review, fact", [
    ("财政总收入增长 1 1 %。", ("fiscal_revenue_total", "growth", 11)),
    ("外贸进出口总额达到 1 69.4亿美元。", ("trade_total", "level", 1.694e10)),
    ("全市生产总值达到2 311.43亿元。", ("gdp", "level", 2.31143e11)),
])
def test_a_figure_split_by_a_space_is_one_figure(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


def test_the_same_as_the_year_before_is_no_growth_and_a_target_of_none_is_about_none():
    facts = extract_text(report(
        review="全年一般公共预算收入850亿元,与上年持平;实际利用外资按可比口径与上年基本持平。",
        plan="地区生产总值增长6%左右,全社会固定资产投资与去年持平。"), "t.txt").facts
    assert [(f.kind, f.indicator, f.measure, f.value, f.unit, f.comparator) for f in facts] == [
        ("outcome", "general_budget_revenue", "level", 8.5e10, "元", "exact"),
        ("outcome", "general_budget_revenue", "growth", 0, "%", "approx"),
        ("outcome", "foreign_investment_used", "growth", 0, "%", "approx"),
        ("target", "gdp", "growth", 6, "%", "approx"),
        ("target", "fixed_asset_investment", "growth", 0, "%", "approx")]


def test_a_rate_the_same_as_the_year_before_changed_by_no_points():
    got = headline(report(review="城镇登记失业率与上年持平,居民消费价格总水平与上年持平。"))
    assert got == [("outcome", 2023, "registered_unemployment_rate", "change", 0),
                   ("outcome", 2023, "cpi", "growth", 0)]


@pytest.mark.parametrize("review", [
    "规模以上工业总产值增长6.9%、增加值增速与去年持平。",       # the same rate of growth, not none
    "地方财政收入增长8%,占地区生产总值的比重与上年基本持平。",     # the same share
    "社会消费品零售总额增长5.5%,与上年持平。",                     # the same growth again
])
def test_a_rate_of_growth_or_a_share_the_same_as_the_year_before_is_not_zero(review):
    assert [f for f in extract_text(report(review=review), "t.txt").facts if f.value == 0] == []


def test_a_target_the_same_as_last_years_target_is_no_figure():
    plan = "今年全国经济增长预期目标总体与去年持平,全市地区生产总值增长5%左右。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 5)]


@pytest.mark.parametrize("heading", ["名词解释", "注释:", "《政府工作报告》有关内容名词注释", "附:名词解释", "数据说明"])
def test_notes_after_the_speech_promise_nothing(heading):
    notes = (f"\n各位代表!让我们携手奋进。\n\n{heading}\n\n1.“双千工程”:2023年全县地区生产总值增长5%,"
             "实际利用外资9.5亿美元。\n2.2023年主要预期目标未完成1项:新增城镇就业预期5000人,完成4200人。\n")
    text = report(review="全年地区生产总值增长5.2%。", plan="地区生产总值增长6%左右。") + notes
    assert headline(text) == [("outcome", 2023, "gdp", "growth", 5.2), ("target", 2024, "gdp", "growth", 6)]


def test_an_attachment_of_the_years_promises_is_still_read():
    attachment = "\n附件\n\n2024年十件民生实事\n\n新增城镇就业5000人以上。\n"
    text = report(plan="地区生产总值增长6%左右。") + attachment
    assert headline(text) == [("target", 2024, "gdp", "growth", 6), ("target", 2024, "new_urban_jobs", "level", 5000)]


@pytest.mark.parametrize("lead", ["主要调控目标是:", "今年全县经济社会发展的预期调控目标是", "主要预期和调控目标是:"])
def test_control_targets_open_the_years_targets_where_no_heading_plans(lead):
    text = ("示范县2002年政府工作报告\n——2002年1月8日在示范县第十四届人民代表大会第五次会议上\n各位代表:\n\n"
            "一、国民经济持续快速发展\n\n2001年全县地区生产总值增长10.1%。2002年是实施“十五”计划的关键一年。"
            f"{lead}地区生产总值增长9%;全社会固定资产投资增长15%。\n\n二、加快经济结构调整\n\n大力发展特色农业。\n")
    assert headline(text) == [("outcome", 2001, "gdp", "growth", 10.1), ("target", 2002, "gdp", "growth", 9),
                              ("target", 2002, "fixed_asset_investment", "growth", 15)]


@pytest.mark.parametrize("plan", ["今年全县经济社会发展的主要预期目标是地区生产总值增长7%。",
                                  "今年全县经济发展的预期目标为地区生产总值增长7%。"])
def test_a_name_right_after_the_words_opening_the_targets_is_the_name(plan):
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 7)]


def test_rural_net_income_without_jumin_is_still_rural_net_income():
    got = headline(report(review="农村人均纯收入8481元,增长6.5%。"))
    assert got == [("outcome", 2023, "rural_net_income", "level", 8481), ("outcome", 2023, "rural_net_income", "growth", 6.5)]


@pytest.mark.parametrize("review", ["农民人均纯收入2500元以下的贫困人口提前一年整体脱贫。",
                                    "基本消除一般公共预算收入1亿元以下的乡镇。",
                                    "彻底关闭生产能力在3万吨以下的小煤矿。"])
def test_a_bound_naming_which_of_a_noun_is_meant_is_no_figure(review):
    assert [f for f in extract_text(report(review=review), "t.txt").facts if f.kind == "outcome"] == []


def test_a_bound_of_the_subjects_own_figure_stays_a_figure():
    got = headline(report(plan="城镇登记失业率控制在4%以下,地区生产总值增长6%以上。"))
    assert got == [("target", 2024, "registered_unemployment_rate", "level", 4), ("target", 2024, "gdp", "growth", 6)]


@pytest.mark.parametrize("review", ["县域经济发展继续提速,预计全年实现生产总值280亿元,增长20%。",
                                    "示范高新区继续保持领先地位,生产总值达到53亿元,增长25.3%。"])
def test_a_sentence_opening_on_a_zone_that_goes_on_is_the_zones(review):
    assert [f for f in extract_text(report(review=review), "t.txt").facts if f.indicator == "gdp"] == []


def test_a_zones_sentence_that_names_the_whole_region_again_is_the_regions():
    review = "兴隆综保区继续扩大开放,进出口额增长40%,全县出口额增长29.1%。"
    assert headline(report(review=review)) == [("outcome", 2023, "exports", "growth", 29.1)]


def test_a_larger_region_named_in_a_zones_sentence_leaves_it_the_zones():
    review = "示范高新区继续领跑,全省经济重要增长极的作用不断显现,地区生产总值增长25%。"
    assert [f for f in extract_text(report(review=review), "t.txt").facts if f.indicator == "gdp"] == []


@pytest.mark.parametrize("review, value", [("人口出生率为10.34‰、自然增长率为5.65‰。", 0.565),
                                           ("人口出生率和自然增长率分别控制在9.39‰和4.56‰。", 0.456)])
def test_the_natural_growth_rate_after_the_populations_birth_rate_is_the_populations(review, value):
    assert headline(report(review=review)) == [("outcome", 2023, "population_growth_rate", "level", value)]


def test_a_natural_growth_rate_of_something_else_is_not_the_populations():
    assert headline(report(review="企业利润自然增长率为5%。")) == []


@pytest.mark.parametrize("review", ["初步预计全年全县地区生产总值增长4.5%左右。", "初步测算全县地区生产总值增长4.5%左右。"])
def test_a_preliminary_estimate_before_a_name_leads_to_it(review):
    facts = [f for f in extract_text(report(review=review), "t.txt").facts if f.indicator == "gdp"]
    assert [(f.kind, f.year, f.value, f.estimated) for f in facts] == [("outcome", 2023, 4.5, True)]


@pytest.mark.parametrize("review, fact", [
    ("粮食生产再获大丰收,增产8.32亿斤,总产量达到816.16亿斤。", ("grain_output", "level", 40808000)),
    ("粮食稳产保供能力持续增强,种植面积达172.5万亩,产量达14.3亿斤。", ("grain_output", "level", 715000)),
])
def test_a_head_word_alone_names_what_the_sentence_opened_on(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


@pytest.mark.parametrize("review, fact", [
    # the subject just before names the head's scope, not the sentence's opening words
    ("工业经济企稳回升,全年规模以上工业总产值突破1万亿元,增加值增长11%。", ("industrial_value_added", "growth", 11)),
    # words further into the opening name something narrower than the head would with them
    ("中小微工业企业活力显著增强,带动45万人就业,增加值增长24.6%。", None),
])
def test_a_head_word_takes_the_opening_words_last_and_only_their_first(review, fact):
    got = [g for g in headline(report(review=review)) if g[2] != "industrial_output"]
    assert got == ([("outcome", 2023, *fact)] if fact else [])


@pytest.mark.parametrize("review, fact", [
    ("粮食产量稳定在百万吨以上。", ("grain_output", "level", 1e6)),
    ("全市接待游客突破千万人次大关。", ("tourists", "level", 1e7)),
])
def test_a_bare_million_of_things_counted_is_a_figure(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


@pytest.mark.parametrize("review", ["建成百万吨级乙烯项目。", "抓好30个投资千万元以上重点技改项目。",
                                    "年授权发明专利达到每百万人50件以上。"])
def test_a_bare_million_naming_a_scale_or_a_threshold_is_no_figure(review):
    assert not any(f.value in (1e6, 1e7) for f in extract_text(report(review=review), "t.txt").facts)


@pytest.mark.parametrize("review", ["新增城镇就业人员1.69万人。", "全年城镇新增就业人员1.69万人。"])
def test_new_urban_jobs_counted_as_persons_are_new_urban_jobs(review):
    assert headline(report(review=review)) == [("outcome", 2023, "new_urban_jobs", "level", 16900)]


@pytest.mark.parametrize("plan", ["实际直接使用外资额增长18%。", "实际直接利用外资到位额增长18%。"])
def test_foreign_investment_used_directly_is_foreign_investment_used(plan):
    assert headline(report(plan=plan)) == [("target", 2024, "foreign_investment_used", "growth", 18)]


def _report_of_2021(between: str) -> str:
    return ("示范市2021年政府工作报告\n各位代表:\n一、2020年工作回顾\n全市生产总值增长3.1%。\n"
            f"{between}\n"
            "二、2021年工作安排\n今年发展的主要预期目标是:地区生产总值增长8%左右。\n")


@pytest.mark.parametrize("heading", ["“十四五”时期目标任务", "锚定新目标——“十四五”时期主要任务",
                                     "“十四五”发展总体思路和目标任务"])
def test_a_heading_without_a_number_on_a_plan_not_yet_over_opens_its_targets(heading):
    text = _report_of_2021(f"{heading}\n奋斗目标是:力争到2025年,全市生产总值超1500亿元、年均增长7%以上。")
    assert headline(text) == [("outcome", 2020, "gdp", "growth", 3.1), ("target", 2025, "gdp", "level", 1.5e11),
                              ("target", 2025, "gdp", "avg_growth", 7), ("target", 2021, "gdp", "growth", 8)]


def test_a_heading_without_a_number_saying_a_plan_was_met_stays_in_the_review():
    text = ("示范市2020年政府工作报告\n各位代表:\n一、2019年工作回顾\n“十三五”目标任务圆满完成\n"
            "全市生产总值增长6.1%。\n二、2020年工作安排\n地区生产总值增长6%左右。\n")
    assert headline(text) == [("outcome", 2019, "gdp", "growth", 6.1), ("target", 2020, "gdp", "growth", 6)]


def test_a_numbered_heading_on_a_plan_inside_the_years_plan_keeps_the_year():
    plan = "(一)聚焦“十四五”目标任务,推动高质量发展\n地区生产总值增长6%左右。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6)]


@pytest.mark.parametrize("lead", ["力争到2028年", "争取到2028年", "确保到2028年"])
def test_a_clause_striving_for_a_year_dates_the_clauses_after_it(lead):
    plan = f"地区生产总值增长6%左右。奋斗目标是:{lead},全县生产总值达到300亿元。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6), ("target", 2028, "gdp", "level", 3e10)]


@pytest.mark.parametrize("plan, fact", [
    ("经济增长预期目标确定为6.5%左右。", ("gdp", "growth", 6.5)),
    ("把地区生产总值增速确定为7%。", ("gdp", "growth", 7)),
    ("居民消费价格涨幅目标控制在4%以内。", ("cpi", "growth", 4)),
    ("全社会固定资产投资调控目标为2530亿元。", ("fixed_asset_investment", "level", 2.53e11)),
    ("经济增长速度的调控目标定为8%。", ("gdp", "growth", 8)),
])
def test_a_target_set_for_a_name_is_the_names_target(plan, fact):
    assert headline(report(plan=plan)) == [("target", 2024, *fact)]


def test_a_figure_beyond_a_target_is_not_the_names_level():
    review = "一般公共预算收入达到40.11亿元,超“十三五”目标2.11亿元。"
    assert [f.value for f in facts_of(report(review=review), "general_budget_revenue")] == [4.011e9]


@pytest.mark.parametrize("review, fact", [
    ("海关出口总额完成73.6亿美元。", ("exports", "level", 7.36e9)),
    ("全市海关进出口总额增长45.8%。", ("trade_total", "growth", 45.8)),
    ("户籍人口自然增长率5.98‰。", ("population_growth_rate", "level", 0.598)),
    ("常住人口自然增长率6.25‰。", ("population_growth_rate", "level", 0.625)),
    ("新增城镇就业人口10.1万人。", ("new_urban_jobs", "level", 101000)),
    ("全年经济增长速度达到9.5%。", ("gdp", "growth", 9.5)),
    ("常住人口人均地区生产总值8.5万元。", ("per_capita_gdp", "level", 85000)),
    ("按常住人口计算人均生产总值8.5万元。", ("per_capita_gdp", "level", 85000)),
])
def test_names_qualified_by_how_they_are_counted_are_the_indicator(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


@pytest.mark.parametrize("review", ["旅游总收入424.8亿元,恢复至上年的73.1%。",
                                    "城乡低保标准分别达到城镇居民人均可支配收入的20%和农村居民人均纯收入的25%。",
                                    "一般公共预算支出的75%以上用于民生。",
                                    "人均地区生产总值仅为全国的58.5%。"])
def test_a_percentage_of_what_the_words_before_it_name_is_no_figure_of_the_subject(review):
    assert [f for f in headline(report(review=review)) if f[3] != "level" or f[4] < 1000] == []


@pytest.mark.parametrize("review, fact", [
    ("城镇化率由2018年的56.3%提高到2023年的61.6%。", ("urbanization_rate", "level", 61.6)),
    ("居民消费价格涨幅从年初的4.5%回落到年末的2.1%。", ("cpi", "growth", 2.1)),
])
def test_a_percentage_of_a_time_is_the_subjects_own(review, fact):
    assert headline(report(review=review))[-1] == ("outcome", 2023, *fact)


@pytest.mark.parametrize("review", ["各县区中,生产总值过400亿元的5个、财政收入过30亿元的3个。",
                                    "地区生产总值超100亿元的县区由4个增加到10个。"])
def test_a_threshold_places_pass_is_no_figure_of_the_region(review):
    assert headline(report(review=review)) == []


def test_a_threshold_the_figure_itself_passes_is_its_figure():
    assert headline(report(plan="实现地区生产总值突破1000亿元的目标。")) == [("target", 2024, "gdp", "level", 1e11)]


def test_a_list_of_parts_of_the_year_opening_a_sentence_gives_no_years_figures():
    review = ("一季度、上半年、前三季度,全市生产总值增速分别为7.5%、8.1%、8.7%,固定资产投资增速分别为11.3%、16.1%、19.4%。"
              "预计全年全市生产总值增长9.5%左右。")
    assert headline(report(review=review)) == [("outcome", 2023, "gdp", "growth", 9.5)]


@pytest.mark.parametrize("months", ["前11月", "前11个月", "前十个月"])
def test_the_first_months_of_the_year_opening_a_sentence_give_no_years_figures(months):
    review = f"{months},固定资产投资、一般公共预算收入分别增长8.2%、11.8%。全年地区生产总值增长6%。"
    assert headline(report(review=review)) == [("outcome", 2023, "gdp", "growth", 6)]


def _term_review(*paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return (f"示范市2024年政府工作报告\n各位代表:\n一、过去五年工作回顾\n\n过去五年,我们砥砺奋进。\n\n{body}\n\n"
            "二、2024年工作安排\n\n地区生产总值增长6%左右。\n")


def _outcomes_2023(text: str) -> list[tuple]:
    return [f for f in headline(text) if f[:2] == ("outcome", 2023)]


def test_a_year_named_inside_a_term_paragraph_is_not_the_next_items_year():
    text = _term_review("(二)结构调整迈出新步伐。五年累计完成工业投资5788亿元。2023年产业集聚区完成营业收入4600亿元。",
                        "(三)民生持续改善。新增城镇就业人员69.2万人。")
    assert _outcomes_2023(text) == []


def test_a_paragraph_on_the_year_among_the_terms_opens_the_years_items():
    text = _term_review("各位代表,在过去五年中,2023年是极不平凡的一年。我们迎难而上。",
                        "一是经济稳定增长。固定资产投资增长10.2%。")
    assert _outcomes_2023(text) == [("outcome", 2023, "fixed_asset_investment", "growth", 10.2)]


def test_the_year_singled_out_after_the_terms_paragraphs_opens_the_years_items():
    text = _term_review("(一)综合实力显著增强。五年累计完成投资2万亿元。",
                        "五年中,我们经受了巨大考验。特别是2023年,我们加压奋进,各项工作亮点纷呈。",
                        "一是经济运行稳中向好。固定资产投资增长22.1%。")
    assert _outcomes_2023(text) == [("outcome", 2023, "fixed_asset_investment", "growth", 22.1)]


def test_the_year_singled_out_in_the_terms_opening_paragraph_leaves_the_items_the_terms():
    text = ("示范市2024年政府工作报告\n各位代表:\n一、过去五年工作回顾\n\n"
            "过去五年,我们砥砺奋进。特别是2023年面对突如其来的困难,统筹发展和安全。\n\n"
            "(一)民生持续改善。新增城镇就业16.1万人。\n\n二、2024年工作安排\n\n地区生产总值增长6%左右。\n")
    assert _outcomes_2023(text) == []


@pytest.mark.parametrize("review, facts", [
    ("全市地区生产总值历史性突破2000亿元,达到2311亿元。", [("gdp", "level", 2e11), ("gdp", "level", 2.311e11)]),
    ("社会消费品零售总额增1.8%。", [("retail_sales", "growth", 1.8)]),
    ("市场主体由53.6万户增至111.5万户。", [("market_entities", "level", 1115000)]),
    ("全社会固定资产投资完成额达600亿元。", [("fixed_asset_investment", "level", 6e10)]),
    ("城镇新增就业人员数达13.5万人。", [("new_urban_jobs", "level", 135000)]),
    ("高新技术企业净增120家。", [("high_tech_enterprises", "increase", 120)]),
    ("全年净增高新技术企业517家。", [("high_tech_enterprises", "increase", 517)]),
    ("城镇登记失业率始终保持在4%以下。", [("registered_unemployment_rate", "level", 4)]),
])
def test_words_between_a_name_and_its_figure_that_say_nothing_of_what_is_counted(review, facts):
    assert headline(report(review=review)) == [("outcome", 2023, *f) for f in facts]


@pytest.mark.parametrize("plan, facts", [
    ("地区生产总值增速设定在6.1%左右。", [("gdp", "growth", 6.1)]),
    ("全市固定资产投资必保增长7%以上。", [("fixed_asset_investment", "growth", 7)]),
    ("居民消费价格上涨幅度控制在3%以内。", [("cpi", "growth", 3)]),
    ("全社会固定资产投资总规模达到4300亿元。", [("fixed_asset_investment", "level", 4.3e11)]),
])
def test_words_setting_a_target_between_a_name_and_its_figure(plan, facts):
    assert headline(report(plan=plan)) == [("target", 2024, *f) for f in facts]


def test_a_net_increase_after_a_flow_is_no_figure_of_the_flow():
    assert headline(report(plan="争取新增城镇就业50万人,净增20万人。")) == [("target", 2024, "new_urban_jobs", "level", 5e5)]


@pytest.mark.parametrize("review, facts", [
    ("外贸进出口总额增长23. 9%。", [("trade_total", "growth", 23.9)]),
    ("实现就业再就业6.2万人。", [("new_urban_jobs", "level", 62000)]),
    ("商务口径实际利用外资3.1亿美元。", [("foreign_investment_used", "level", 3.1e8)]),
    ("规上工业产值增长2.5%。", [("industrial_output", "growth", 2.5)]),
    ("粮播面积190.6万亩、产量82.1万吨。", [("grain_sown_area", "level", 1906000), ("grain_output", "level", 821000)]),
])
def test_wordings_of_real_reports_for_headline_figures(review, facts):
    assert headline(report(review=review)) == [("outcome", 2023, *f) for f in facts]


def test_a_list_number_at_a_lines_start_stays_apart_from_the_figure_after_it():
    plan = "地区生产总值增长6%左右。\n1. 20%的新增财力用于民生。"
    assert 1.2 not in [f[4] for f in headline(report(plan=plan))]


@pytest.mark.parametrize("plan", ["开发区年内新落地亿元以上项目20个,规上工业增加值增长15%。",
                                  "工业集中区新入驻企业23家,实现规上工业增加值62.4亿元。",
                                  "带动产业集聚区完成固定资产投资1000亿元。",
                                  "确保综合保税区入驻企业20家以上,进出口额10亿元以上。"])
def test_a_zones_doings_opening_a_sentence_make_its_figures_the_zones(plan):
    assert headline(report(plan=plan)) == []


def _coming_term(*paragraphs: str) -> str:
    body = "\n".join(paragraphs)
    return (f"示范市2013年政府工作报告\n各位代表:\n一、2012年工作回顾\n全市生产总值增长10%。\n"
            f"二、今后五年的目标和任务\n{body}\n三、2013年主要工作\n今年经济社会发展主要预期目标是:全市生产总值增长9%左右。\n")


def test_a_line_leading_into_the_terms_targets_is_no_heading_of_the_year():
    text = _coming_term("今后五年,我们要奋发有为。", "到2017年,我们的奋斗目标是:", "——全市生产总值达到2万亿元。")
    assert ("target", 2017, "gdp", "level", 2e12) in headline(text)
    assert ("target", 2013, "gdp", "level", 2e12) not in headline(text)


def test_this_year_named_inside_a_terms_paragraph_leaves_the_next_items_the_terms():
    text = _coming_term("今后5年,努力实现以下目标任务:", "——交通更加便捷。全面建成快速铁路网。今年将开通高铁。",
                        "——开放水平提升。外贸进出口总额达600亿美元。")
    assert ("target", 2017, "trade_total", "level", 6e10) in headline(text)


@pytest.mark.parametrize("review, fact", [
    ("新口径固定资产投资完成2500亿元。", ("fixed_asset_investment", "level", 2.5e11)),
    ("验资口径实际利用外资1亿美元。", ("foreign_investment_used", "level", 1e8)),
])
def test_a_caliber_before_a_name_says_nothing_of_what_is_counted(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


@pytest.mark.parametrize("review, fact", [
    ("城乡居民人均可支配收入分别达到53026元和22435元、各增长6.5%和9.5%。",
     [("urban_disposable_income", "level", 53026), ("rural_disposable_income", "level", 22435),
      ("urban_disposable_income", "growth", 6.5), ("rural_disposable_income", "growth", 9.5)]),
    ("居民消费价格指数上升2个百分点。", [("cpi", "growth", 2)]),
    ("居民消费价格指数比上年回落2个百分点。", [("cpi", "change", -2)]),
    ("工业技改投资增长17.7%,工业投资增长19.3%。",
     [("renovation_investment", "growth", 17.7), ("industrial_investment", "growth", 19.3)]),
    ("户籍人口城镇化率37%,常住人口城镇化率55%。",
     [("registered_urbanization_rate", "level", 37), ("urbanization_rate", "level", 55)]),
    ("研究与试验发展经费投入强度2.1%。", [("rd_intensity", "level", 2.1)]),
])
def test_each_an_index_in_points_and_series_apart(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *f) for f in fact]


@pytest.mark.parametrize("plan, code", [
    ("地区生产总值增速高于全省0.5个百分点。", "gdp"),
    ("规模以上工业增加值与全省同步增长。", "industrial_value_added"),
    ("居民消费价格涨幅低于全省平均水平。", "cpi"),
])
def test_a_target_measured_against_another_regions_figure_is_listed(plan, code):
    facts = extract_text(report(plan=plan), "t.txt").facts
    assert [(f.kind, f.year, f.indicator, f.measure, f.value) for f in facts] == [("target", 2024, code, "qualitative", None)]


def test_the_years_a_plans_effort_will_take_make_its_figures_no_targets_of_the_year():
    plan = "地区生产总值增长6%左右。通过四到五年的努力,使人均地区生产总值达到1万美元以上。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6)]


def test_a_paragraph_titled_by_the_work_on_one_named_zone_goes_on_about_it():
    plan = "地区生产总值增长6%左右。\n推动凤岭新区加快成势。大力实施重点项目,实现地区生产总值200亿元以上。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6)]


@pytest.mark.parametrize("title", ["加快自贸试验区和开发区建设。", "加快省级开发区建设。"])
def test_a_paragraph_titled_by_work_on_zones_of_a_kind_goes_on_about_the_region(title):
    plan = f"地区生产总值增长6%左右。\n{title}深化改革,实际利用外资增长5%左右。"
    assert ("target", 2024, "foreign_investment_used", "growth", 5) in headline(report(plan=plan))


_SECTORS = ("primary_value_added", "secondary_value_added", "services_value_added")


@pytest.mark.parametrize("plan", [
    "一、二、三产分别增长4%、8%、6%左右。",
    "第一、二、三产业增加值分别增长4%、8%、6%左右。",
    "一产、二产、三产增加值分别增长4%、8%、6%左右。",
    "三次产业增加值分别增长4%、8%和6%左右。",
    "一二三产分别增长4%、8%、6%左右。",
])
def test_the_sectors_named_by_their_ordinals_are_their_value_added(plan):
    assert headline(report(plan=plan)) == [("target", 2024, code, "growth", v) for code, v in zip(_SECTORS, (4, 8, 6))]


@pytest.mark.parametrize("review, fact", [
    ("第一产业增长3.5%。", ("primary_value_added", "growth", 3.5)),
    ("二产实现增加值434亿元。", ("secondary_value_added", "level", 4.34e10)),
    ("三产增加值增长9%。", ("services_value_added", "growth", 9)),
])
def test_one_sector_named_by_its_ordinal_is_its_value_added(review, fact):
    assert headline(report(review=review)) == [("outcome", 2023, *fact)]


@pytest.mark.parametrize("review", ["第一产业投资增长5%。", "二、三产业比重达到90%。", "统一产业增长5%。",
                                    "三次产业结构调整为10:40:50。", "一二三产业融合发展,增长5%。"])
def test_sectors_named_with_other_words_or_ordinals_inside_words_are_no_value_added(review):
    assert headline(report(review=review)) == []


@pytest.mark.parametrize("opening", ["四年来", "4年来", "过去三年间", "近两年来"])
def test_a_sentence_opening_on_a_past_term_of_any_length_gives_no_figure_of_the_year(opening):
    review = f"地区生产总值增长5.2%。{opening},新增城镇就业11.5万人,城镇登记失业率控制在4%以内。"
    assert headline(report(review=review)) == [("outcome", 2023, "gdp", "growth", 5.2)]


def test_a_part_reviewing_four_years_gives_figures_only_of_the_years_it_names():
    text = (HEADER + "\n一、过去四年工作回顾\n\n城镇新增就业41.4万人,城镇登记失业率控制在4.5%以内。\n\n"
            "预计2023年,地区生产总值784亿元,增长9%。\n\n二、2024年工作安排\n\n地区生产总值增长7%左右。\n")
    assert headline(text) == [("outcome", 2023, "gdp", "level", 7.84e10), ("outcome", 2023, "gdp", "growth", 9),
                              ("target", 2024, "gdp", "growth", 7)]


@pytest.mark.parametrize("review", [
    "地区生产总值由2018年的94.9亿元增加到170亿元,增长79.1%。",
    "地区生产总值比2016年增长39%,社会消费品零售总额增长26.4%,进出口总额增长86.9%。",
    "固定资产投资比“十三五”末增长18.1%,规模以上工业增加值增长27.5%。",
])
def test_growths_listed_after_a_base_of_long_ago_are_measured_from_it(review):
    assert [f for f in headline(report(review=review)) if f[3] == "growth"] == []


def test_a_growth_over_the_year_before_ends_the_list_measured_from_long_ago():
    review = "地区生产总值比2016年增长39%,进出口总额比上年增长6.9%,社会消费品零售总额增长5.4%。"
    assert headline(report(review=review)) == [("outcome", 2023, "trade_total", "growth", 6.9),
                                               ("outcome", 2023, "retail_sales", "growth", 5.4)]


def test_a_base_of_the_year_before_last_leaves_the_next_growths_the_years():
    review = "地区生产总值由2022年的94.9亿元增加到100亿元,增长5.4%。"
    assert ("outcome", 2023, "gdp", "growth", 5.4) in headline(report(review=review))


def test_a_time_said_after_ji_dates_the_rest_of_the_sentence():
    plan = "地区生产总值增长6%左右。“两步走”战略:即到2026年,经济总量迈上万亿台阶;到2035年,地区生产总值达到2万亿元。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6), ("target", 2026, "gdp", "level", 1e12),
                                           ("target", 2035, "gdp", "level", 2e12)]


def test_a_growth_over_a_plan_not_yet_over_is_no_years_but_its_end_levels_are_targets():
    plan = ("地区生产总值增长6%左右。确保完成“十五五”期间单位地区生产总值能耗下降13.5%目标,"
            "力争“十五五”末常住人口城镇化率达到60%左右。")
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6),
                                           ("target", 2030, "urbanization_rate", "level", 60)]


@pytest.mark.parametrize("review, fact", [
    ("新增市场主体9921个。", ("new_market_entities", "level", 9921, "户")),
    ("市场主体总数达到12万家。", ("market_entities", "level", 120000, "户")),
    ("新认定高新技术企业170户。", ("new_high_tech_enterprises", "level", 170, "家")),
    ("高新技术企业增加179户。", ("high_tech_enterprises", "increase", 179, "家")),
])
def test_firms_counted_in_hu_jia_or_ge_are_one_count(review, fact):
    facts = extract_text(report(review=review), "t.txt").facts
    assert [(f.indicator, f.measure, f.value, f.unit) for f in facts] == [fact]


@pytest.mark.parametrize("plan, fact", [
    ("安排全社会固定资产投资850亿元。", ("fixed_asset_investment", "level", 8.5e10)),
    ("全年计划完成固定资产投资1820亿元。", ("fixed_asset_investment", "level", 1.82e11)),
    ("今年计划新增城镇就业1.8万人。", ("new_urban_jobs", "level", 18000)),
])
def test_a_figure_planned_for_a_name_is_its_target(plan, fact):
    assert headline(report(plan=plan)) == [("target", 2024, *fact)]


def test_money_planned_for_something_else_is_no_catalog_figure():
    assert headline(report(plan="安排资金5亿元,重点项目计划投资300亿元。")) == []


def test_a_growth_after_a_level_dated_in_a_terms_review_is_that_years():
    text = _term_review("地区生产总值年均增长6%,2023年达到9145亿元,年增长5.4%。")
    assert headline(text) == [("outcome", 2023, "gdp", "avg_growth", 6), ("outcome", 2023, "gdp", "level", 9.145e11),
                              ("outcome", 2023, "gdp", "growth", 5.4), ("target", 2024, "gdp", "growth", 6)]


def test_the_base_of_a_multiple_dates_no_growth_after_it():
    review = "财政总收入达到292亿元,为2018年的1.7倍,比上年增长20%。"
    assert ("outcome", 2023, "fiscal_revenue_total", "growth", 20) in headline(report(review=review))


@pytest.mark.parametrize("review", [
    "2023年,44个县(市)生产总值同比增长18.8%、地方财政一般预算收入增长38%。",
    "44个县(市)地区生产总值增长23%;财政一般预算收入492亿元,增长44%。",
    "兵团生产总值预计完成751亿元,增长13.2%;固定资产投资420亿元,增长32%。",
    "10个省级以上园区生产总值、固定资产投资、财政收入均增长20%以上。",
    "以调整区划为核心,激发城区经济发展活力,56个城区地区生产总值增长17%;财政一般预算收入911亿元,增长24%。",
])
def test_a_list_opening_on_a_part_of_the_region_gives_the_parts_figures(review):
    assert headline(report(review=review)) == []


@pytest.mark.parametrize("review, fact", [
    ("新建管网2100公里,26个区县实现农村黑臭水体动态清零,空气质量优良天数达到329天。", ("good_air_days", "level", 329)),
    ("自贸试验区红河片区147项改革试点任务全部完成;进出口总额达335.2亿元。", ("trade_total", "level", 3.352e10)),
    ("力争工业增加值突破300亿元,园区工业产值占全市工业产值比重超过90%;国家高新技术企业超100家。",
     ("high_tech_enterprises", "level", 100)),
])
def test_a_part_named_further_in_a_list_leaves_its_next_items_the_regions(review, fact):
    assert ("outcome", 2023, *fact) in headline(report(review=review))


def test_a_target_set_for_the_counties_together_is_theirs():
    plan = "地区生产总值增长7%左右,确保县域生产总值和财政一般预算收入增长20%以上。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 7)]


def test_another_step_of_a_marks_size_is_no_level():
    review = "全市生产总值再跨百亿台阶、突破1200亿元、增长3.2%左右。"
    assert headline(report(review=review)) == [("outcome", 2023, "gdp", "level", 1.2e11), ("outcome", 2023, "gdp", "growth", 3.2)]


def test_a_zones_investment_opening_a_list_makes_the_list_the_zones():
    plan = "地区生产总值增长6%左右。确保开发区工业投资增长20%以上、规上工业增加值增长15%以上。"
    assert headline(report(plan=plan)) == [("target", 2024, "gdp", "growth", 6)]


def test_a_sum_over_the_year_is_the_years_figure_and_over_years_none():
    review = "全年累计实现工业增加值增长3%,年内累计新增城镇就业5万人。五年累计新增城镇就业20万人。"
    assert headline(report(review=review)) == [("outcome", 2023, "industry_value_added", "growth", 3),
                                               ("outcome", 2023, "new_urban_jobs", "level", 50000)]


def test_another_sum_after_a_sum_of_years_is_no_years_figure():
    review = ("五年累计完成全社会固定资产投资6960亿元,实现社会消费品零售额7290.1亿元,年均分别增长12%和10.7%。"
              "全年累计接待游客1206万人次,实现旅游收入49.53亿元。")
    assert headline(report(review=review)) == [
        ("outcome", 2023, "fixed_asset_investment", "avg_growth", 12), ("outcome", 2023, "retail_sales", "avg_growth", 10.7),
        ("outcome", 2023, "tourists", "level", 1.206e7), ("outcome", 2023, "tourism_revenue", "level", 4.953e9)]


@pytest.mark.parametrize("plan, fact", [
    ("确保单位生产总值能耗和二氧化碳排放量均下降 3%。", ("energy_intensity", "growth", -3)),
    ("实际利用外资、到位内资均增长 15%。", ("foreign_investment_used", "growth", 15)),
    ("消费价格指数涨幅控制在3.5%左右。", ("cpi", "growth", 3.5)),
    ("全社会研发投入经费增长10%。", ("rd_spending", "growth", 10)),
])
def test_a_space_before_the_figure_and_other_wordings_of_headline_names(plan, fact):
    assert headline(report(plan=plan)) == [("target", 2024, *fact)]


def test_a_years_income_per_head_of_both_urban_and_rural_residents():
    plan = "城镇和农村居民年人均可支配收入分别增长8%左右。"
    assert headline(report(plan=plan)) == [("target", 2024, "urban_disposable_income", "growth", 8),
                                           ("target", 2024, "rural_disposable_income", "growth", 8)]


@pytest.mark.parametrize("review", [
    "城镇居民人均可支配收入26738元,农村居民人均可支配收入11986元,实际增长9.7%和13.4%。",
    "城镇居民人均可支配收入26738元、农村居民人均可支配收入11986元,增长9.7%、13.4%。",
])
def test_rates_joined_in_a_pair_go_to_the_subjects_before_them_in_turn(review):
    assert [f for f in headline(report(review=review)) if f[3] == "growth"] == [
        ("outcome", 2023, "urban_disposable_income", "growth", 9.7), ("outcome", 2023, "rural_disposable_income", "growth", 13.4)]


def test_an_estimate_of_a_year_in_a_clause_of_its_own_makes_the_rest_preliminary():
    facts = extract_text(report(review="预计2023年,实现地区生产总值710亿元,增长8%。地区生产总值增长3%。"), "t.txt").facts
    assert [(f.measure, f.value, f.estimated) for f in facts] == [("level", 7.1e10, True), ("growth", 8, True),
                                                                  ("growth", 3, False)]
