"""Whole reports: metadata, sections, and constructions that span clauses."""
import pytest

from etl.errors import InputError
from etl.pipeline import extract_text
from tests.report_builder import report


def test_region_and_year_come_from_the_meeting_line():
    text = "政府工作报告\n——2022年1月12日在青山县第十七届人民代表大会第四次会议上\n各位代表:\n一、过去一年的工作\n地区生产总值增长5%。"
    meta = extract_text(text, "r.txt").meta
    assert (meta.region, meta.region_level, meta.report_year, meta.review_years) == ("青山县", "county", 2022, [2021])


def test_a_report_delivered_in_december_plans_for_the_next_year():
    text = "政府工作报告\n——2022年12月28日在河口区第九届人民代表大会第三次会议上\n各位代表:\n地区生产总值增长5%。"
    assert extract_text(text, "r.txt").meta.report_year == 2023


def test_region_and_year_come_from_a_title_with_a_higher_level_prefix():
    text = "江南省白水市清河区人民政府2021年政府工作报告\n各位代表:\n一、2020年工作回顾\n"
    meta = extract_text(text, "r.txt").meta
    assert (meta.region, meta.region_level, meta.report_year) == ("清河区", "county", 2021)


def test_region_comes_from_the_signature_when_the_title_lacks_it():
    text = "2020年政府工作报告\n白水市人民政府市长 李某\n各位代表:\n我代表市人民政府向大会报告工作。\n"
    meta = extract_text(text, "r.txt").meta
    assert (meta.region, meta.region_level, meta.report_year) == ("白水市", "prefecture", 2020)


def test_headings_with_years_tell_review_from_plan_even_with_the_same_words():
    text = ("政府工作报告\n——在青山县第十七届人民代表大会第四次会议上\n各位代表:\n"
            "一、2021年主要工作\n新增城镇就业5100人。\n二、2022年主要工作\n新增城镇就业5000人。\n")
    r = extract_text(text, "r.txt")
    assert r.meta.report_year == 2022
    assert [(f.kind, f.year, f.value) for f in r.facts] == [("outcome", 2021, 5100), ("target", 2022, 5000)]


def test_a_report_without_a_region_is_an_error_that_names_the_option():
    with pytest.raises(InputError, match="--region"):
        extract_text("2023年政府工作报告\n各位代表:\n全县地区生产总值增长5%。", "no-region.txt")


def test_a_report_without_a_year_is_an_error_that_names_the_option():
    with pytest.raises(InputError, match="--year"):
        extract_text("青山县政府工作报告\n各位代表:\n地区生产总值增长5%。", "no-year.txt")


def test_region_and_year_given_by_the_user_win():
    text = "政府工作报告\n各位代表:\n一、过去一年工作回顾\n地区生产总值增长5%。"
    r = extract_text(text, "r.txt", region="青山县", year=2019)
    assert (r.facts[0].region, r.facts[0].report_year, r.facts[0].year) == ("青山县", 2019, 2018)


def test_text_that_is_not_a_work_report_is_an_error():
    with pytest.raises(InputError, match="not a government work report"):
        extract_text("今天天气很好,我们去公园散步,看到很多人在锻炼身体。", "diary.txt")


def test_fenbie_reaches_back_over_the_subjects_of_earlier_clauses():
    text = report(review="城镇居民人均可支配收入42170元,农村居民人均可支配收入18320元,分别增长8.2%、9.2%。")
    facts = extract_text(text, "r.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [
        ("urban_disposable_income", "level", 42170), ("rural_disposable_income", "level", 18320),
        ("urban_disposable_income", "growth", 8.2), ("rural_disposable_income", "growth", 9.2)]


def test_a_qualifier_clause_does_not_break_the_subject():
    facts = extract_text(report(review="社会消费品零售总额105亿元,按可比价格计算,增长11.3%。"), "r.txt").facts
    assert [(f.measure, f.value) for f in facts] == [("level", 1.05e10), ("growth", 11.3)]


def test_growth_against_a_base_year_or_a_higher_level_is_not_a_years_growth():
    text = report(review="地区生产总值增长6.2%,增速高于全省1.2个百分点,一般公共预算收入比2018年增长45%。")
    facts = extract_text(text, "r.txt").facts
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("gdp", "growth", 6.2)]


def test_from_a_to_b_keeps_only_the_new_level():
    facts = extract_text(report(review="外贸进出口总额由2019年的4500万美元增加到2.3亿美元。"), "r.txt").facts
    assert [(f.year, f.value, f.unit) for f in facts] == [(2023, 2.3e8, "美元")]


def test_real_and_nominal_growth_words_do_not_hide_the_subject():
    (f,) = extract_text(report(plan="农村居民人均可支配收入实际增长7%。"), "r.txt").facts
    assert (f.indicator, f.measure, f.value) == ("rural_disposable_income", "growth", 7)


def test_latin_indicator_names_match_in_any_case():
    (f,) = extract_text(report(review="gdp增长5.5%。"), "r.txt").facts
    assert f.indicator == "gdp"


def test_average_growth_over_a_plan_period_is_kept_apart_from_one_years_growth():
    (f,) = extract_text(report(plan="“十四五”时期,地区生产总值年均增长6.5%左右。"), "r.txt").facts
    assert (f.year, f.measure, f.value, f.comparator) == (2025, "avg_growth", 6.5, "approx")


def test_a_statistical_bulletin_holds_only_outcomes_of_its_year():
    text = "青山县2022年国民经济和社会发展统计公报\n全年实现地区生产总值428.7亿元,比上年增长2.8%。"
    r = extract_text(text, "b.txt")
    assert r.meta.doc_type == "statistical_bulletin"
    assert [(f.kind, f.year, f.measure, f.value) for f in r.facts] == [
        ("outcome", 2022, "level", 4.287e10), ("outcome", 2022, "growth", 2.8)]


def test_a_title_naming_the_year_under_review_is_read_as_the_next_years_report():
    text = ("2019年青山县政府工作报告\n——在青山县第十八届人民代表大会第四次会议上\n各位代表:\n"
            "一、过去一年政府工作成效显著\n2019年,是我县极不平凡的一年。"
            "2019年全县地区生产总值增长6%。\n二、今年的主要任务\n地区生产总值增长6.5%左右。\n")
    r = extract_text(text, "r.txt")
    assert r.meta.report_year == 2020
    assert [(f.kind, f.year, f.value) for f in r.facts] == [("outcome", 2019, 6), ("target", 2020, 6.5)]


def test_without_a_review_heading_the_text_before_the_plan_is_the_review():
    text = ("青山县2024年政府工作报告\n各位代表:\n过去一年,全县地区生产总值增长5.3%。\n"
            "二、2024年工作安排\n地区生产总值增长6%左右。\n")
    facts = extract_text(text, "r.txt").facts
    assert [(f.kind, f.year, f.value) for f in facts] == [("outcome", 2023, 5.3), ("target", 2024, 6)]


def test_without_a_plan_heading_the_plan_starts_at_its_opening_words():
    text = ("青山县2024年政府工作报告\n各位代表:\n一、2023年工作回顾\n全县地区生产总值增长5.3%。\n"
            "今年全县经济社会发展主要预期目标是:地区生产总值增长6%左右。\n")
    facts = extract_text(text, "r.txt").facts
    assert [(f.kind, f.year, f.value) for f in facts] == [("outcome", 2023, 5.3), ("target", 2024, 6)]


@pytest.mark.parametrize("collecting", [True, False])
def test_reading_a_report_leaves_the_garbage_collector_as_it_was(collecting):
    # Extraction holds the cycle collector off while it reads (etl.collector.collector_paused).
    import gc

    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        assert extract_text(report(plan="地区生产总值增长6%左右。"), "t.txt").facts
        assert gc.isenabled() is collecting
        with pytest.raises(InputError):
            extract_text("一段没有标题的文字。", "t.txt")
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()


# --- what a paragraph is about: the year, a term of years, the coming year's targets -----------

SCOPED = ("政府工作报告\n——2022年1月12日在青山县第十七届人民代表大会第四次会议上\n各位代表:\n"
          "一、过去五年和2021年工作回顾\n"
          "过去五年,我们砥砺奋进。地区生产总值由2016年的80亿元增加到120亿元,年均增长7%,累计新增城镇就业3万人。\n"
          "——民生保障全面加强。城镇登记失业率控制在3%以内,新增城镇就业7000人。\n"
          "2021年是本届政府的收官之年。全年地区生产总值增长6.5%。\n"
          "(一)就业形势稳定。新增城镇就业6500人。\n"
          "二、今后五年和2022年工作安排\n"
          "今后五年,地区生产总值年均增长6.5%,新增城镇就业每年5000人以上。\n"
          "二、着力扩大内需\n"
          "今年全县经济社会发展的主要预期目标是:地区生产总值增长6%左右;\n"
          "新增城镇就业6000人。\n")


def _scoped(indicator: str) -> list[tuple]:
    facts = extract_text(SCOPED, "r.txt").facts
    return [(f.kind, f.year, f.measure, f.value, f.comparator) for f in facts if f.indicator == indicator]


def test_a_term_paragraph_gives_the_level_it_ended_at_and_its_average_but_no_total_nor_bound():
    # Neither the five years' 3万 new jobs nor "控制在3%以内" over the term (a list item of it)
    # is 2021's; 120亿元, where the term ended, is.
    assert ("outcome", 2021, "level", 1.2e10, "exact") in _scoped("gdp")
    assert ("outcome", 2021, "avg_growth", 7, "exact") in _scoped("gdp")
    assert _scoped("registered_unemployment_rate") == []


def test_a_paragraph_opened_by_the_year_and_its_list_items_give_that_years_outcomes():
    assert ("outcome", 2021, "growth", 6.5, "exact") in _scoped("gdp")
    assert [f for f in _scoped("new_urban_jobs") if f[0] == "outcome"] == [("outcome", 2021, "level", 6500, "exact")]


def test_a_term_to_come_gives_targets_for_its_last_year_and_the_list_of_targets_the_years():
    assert ("target", 2026, "avg_growth", 6.5, "exact") in _scoped("gdp")
    assert ("target", 2022, "growth", 6, "approx") in _scoped("gdp")
    # "每年5000人以上" is no one year's target; the list goes on after its semicolon's line.
    assert [f for f in _scoped("new_urban_jobs") if f[0] == "target"] == [("target", 2022, "level", 6000, "exact")]


@pytest.mark.parametrize("region, level", [
    ("邹城市", "county"),         # a 市 that is a county-level city (of 济宁市)
    ("临沂市", "prefecture"),
    ("山东省", "province"),
    ("兰陵县", "county"),
])
def test_the_level_is_the_divisions_own_in_the_words_the_database_uses(region, level):
    text = f"政府工作报告\n——2022年1月12日在{region}第十七届人民代表大会第四次会议上\n各位代表:\n地区生产总值增长5%。"
    assert extract_text(text, "r.txt").meta.region_level == level


def test_a_short_excerpt_is_read_when_the_user_names_its_region_and_year():
    text = "2024年全县地区生产总值增长6.5%左右。\n"
    with pytest.raises(InputError, match="pass --region and --year"):
        extract_text(text, "excerpt.txt")
    facts = extract_text(text, "excerpt.txt", region="郯城县", year=2024).facts
    assert [(f.region, f.kind, f.year, f.indicator, f.measure, f.value, f.comparator) for f in facts] == [
        ("郯城县", "target", 2024, "gdp", "growth", 6.5, "approx")]
