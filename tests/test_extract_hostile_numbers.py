"""Numbers written in ways the tidy reports do not use (issue 18, items 6 and 7).

A fall written as a negative growth is a growth below zero of the indicator before it; a
Chinese numeral with a decimal and a magnitude is read; a year written in Chinese numerals
dates the report; and a figure no report can mean (exponent notation, twenty digits of
亿元) yields no fact rather than a wrong one. Every sentence here is written by hand; each
expected fact is what a reader of the sentence would record.
"""
import pytest

from etl.errors import InputError
from etl.metadata import find_report_year
from etl.numbers import find_quantities, parse_chinese_number
from etl.pipeline import extract_text

HEAD = "兰陵县2024年政府工作报告\n各位代表:\n"


def review(sentence: str) -> str:
    return f"{HEAD}一、2023年工作回顾\n{sentence}\n二、2024年工作安排\n全县地区生产总值增长6%左右。\n"


def facts_of(text: str, **meta) -> list[tuple]:
    return [(f.kind, f.year, f.indicator, f.measure, f.value, f.unit)
            for f in extract_text(text, "r.txt", **meta).facts]


# --- 6. negative growth ----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, value", [
    ("全县地区生产总值增长-3.5%。", -3.5),
    ("全县地区生产总值增长－3.5%。", -3.5),       # full-width hyphen-minus
    ("全县地区生产总值增长−3.5%。", -3.5),       # U+2212 minus sign
    ("全县地区生产总值增长﹣3.5%。", -3.5),       # small hyphen-minus
    ("全县地区生产总值增长负3.5%。", -3.5),
    ("全县地区生产总值比上年增长-12.1%。", -12.1),
    ("全县地区生产总值同比-2.0%。", -2.0),
    ("全县地区生产总值增速-3.8%。", -3.8),
    ("全县地区生产总值增长—3.5%。", -3.5),       # an em dash typed for the minus sign
    ("全县地区生产总值405.4亿元,增长-3.5%。", -3.5),
], ids=["hyphen", "fullwidth", "minus-sign", "small", "fu", "bishangnian", "tongbi", "zengsu", "em-dash",
        "after-level"])
def test_a_negative_growth_is_a_fall_of_the_indicator_before_it(sentence, value):
    facts = facts_of(review(sentence))
    growth = [f for f in facts if f[:2] == ("outcome", 2023) and f[3] == "growth"]
    assert growth == [("outcome", 2023, "gdp", "growth", value, "%")]
    assert not [f for f in facts if f[2].startswith("other:")]


def test_negative_growth_reads_as_the_same_fact_as_a_fall():
    assert facts_of(review("全县地区生产总值增长-3.5%。")) == facts_of(review("全县地区生产总值下降3.5%。"))


def test_an_em_dash_between_two_figures_is_still_a_range():
    [q] = find_quantities("增长7%—8%")
    assert (q.value, q.upper) == (7, 8)
    # …and two em dashes are punctuation, not a minus sign.
    [q] = find_quantities("主要目标——增长3.5%")
    assert q.value == 3.5


def test_prices_that_fell_are_negative_when_written_with_an_em_dash():
    # 1990s report: "商品零售价格涨幅和居民消费品价格涨幅分别为—0.2%和4.0%".
    values = [q.value for q in find_quantities("商品零售价格涨幅和居民消费品价格涨幅分别为—0.2%和4.0%")]
    assert values == [-0.2, 4.0]


# --- 7. Chinese numerals -----------------------------------------------------------------------

@pytest.mark.parametrize("written, value", [
    ("二十七点三亿", 2.73e9),
    ("一点五万亿", 1.5e12),
    ("三点五万", 35000),
    ("七点五", 7.5),
], ids=["yi", "wanyi", "wan", "plain"])
def test_a_chinese_numeral_with_a_decimal_and_a_magnitude(written, value):
    assert parse_chinese_number(written) == value


def test_a_level_in_chinese_numerals_with_a_decimal():
    facts = facts_of(review("全县一般公共预算收入二十七点三亿元。"))
    assert ("outcome", 2023, "general_budget_revenue", "level", 2.73e9, "元") in facts


@pytest.mark.parametrize("first_lines", [
    "兰陵县二〇二三年政府工作报告",
    "兰陵县二零二三年政府工作报告",
    "兰陵县二○二三年政府工作报告",
    "兰陵县二0二三年政府工作报告",       # a zero typed as a digit
    "兰陵县二O二三年政府工作报告",       # …or as a letter O
    "兰陵县政府工作报告(二〇二三)",
    "兰陵县政府工作报告\n——二〇二三年一月十日在兰陵县第十八届人民代表大会第二次会议上",
    "兰陵县政府工作报告\n——二〇二三年元月十日在兰陵县第十八届人民代表大会第二次会议上",
], ids=["ling-circle", "ling", "white-circle", "digit-zero", "letter-o", "brackets", "meeting", "yuanyue"])
def test_a_year_in_chinese_numerals_dates_the_report(first_lines):
    text = f"{first_lines}\n各位代表:\n全县地区生产总值增长5%。\n"
    assert find_report_year(text) == 2023
    assert extract_text(text, "r.txt", region="兰陵县").meta.report_year == 2023


def test_review_and_plan_headings_in_chinese_numerals_date_the_report():
    text = ("兰陵县政府工作报告\n各位代表:\n一、二〇二三年工作回顾\n全县地区生产总值增长5%。\n"
            "二、二〇二四年工作安排\n全县地区生产总值增长6%左右。\n")
    assert facts_of(text) == [("outcome", 2023, "gdp", "growth", 5, "%"),
                              ("target", 2024, "gdp", "growth", 6, "%")]


# --- 7. figures no report can mean -----------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "全县地区生产总值1e308亿元。",
    "全县地区生产总值1E+308亿元。",
    "全县地区生产总值2.5e-3亿元。",
    "全县地区生产总值99999999999999999999亿元。",
    "全县地区生产总值99999999999999999999元。",
    "全县地区生产总值九千九百万亿亿元。",
], ids=["exponent", "exponent-plus", "exponent-minus", "twenty-digits-yi", "twenty-digits", "chinese"])
def test_a_figure_no_report_can_mean_yields_no_fact(sentence):
    facts = facts_of(review(sentence), region="兰陵县", year=2024)
    assert [f for f in facts if f[0] == "outcome"] == []
    assert find_quantities(sentence) == []


def test_the_largest_figures_reports_do_write_are_read():
    # 上海市 2024: 金融市场交易总额 3373.6万亿元; the bound leaves a margin above such figures.
    [q] = find_quantities("金融市场交易总额达到3373.6万亿元")
    assert q.value == 3.3736e15
    [q] = find_quantities("全国国内生产总值1260582亿元")
    assert q.value == 1.260582e14


def test_a_refused_figure_leaves_the_rest_of_the_sentence_read():
    facts = facts_of(review("全县地区生产总值1e308亿元,增长5.2%。"))
    assert [f for f in facts if f[0] == "outcome"] == [("outcome", 2023, "gdp", "growth", 5.2, "%")]


def test_a_year_that_cannot_be_found_is_still_an_error():
    with pytest.raises(InputError, match="year"):
        extract_text("兰陵县政府工作报告\n各位代表:\n全县地区生产总值增长5%。\n", "r.txt")


@pytest.mark.parametrize("vision", ["二〇三五年远景目标", "2035年远景目标", "二〇三五年兰陵经济社会发展的远景目标"])
def test_a_heading_about_a_vision_decades_on_does_not_date_the_report(vision):
    # 贵州省 2021: "二、“十四五”时期主要目标任务和二O三五年远景目标", then "三、全力做好2021年工作".
    text = ("兰陵县政府工作报告\n——2021年1月25日在兰陵县第十八届人民代表大会第五次会议上\n各位代表:\n"
            "一、2020年工作回顾\n全县地区生产总值增长3.5%。\n"
            f"二、“十四五”时期主要目标任务和{vision}\n全县地区生产总值年均增长6%。\n"
            "三、全力做好2021年工作\n全县地区生产总值增长7%左右。\n")
    assert find_report_year(text) == 2021


@pytest.mark.parametrize("text, value", [
    ("规模工业总产值突破千亿大关", 1e11), ("地区生产总值迈上2000亿台阶", 2e11),
    ("经济总量突破1.2万亿大关", 1.2e12), ("存款余额突破百亿关口", 1e10),
])
def test_a_sum_passing_a_mark_is_in_yuan_without_saying_so(text, value):
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(value, "元")]


@pytest.mark.parametrize("text", ["地区生产总值连续跨越四个千亿台阶", "每年跨越一个百亿元台阶", "连跨2个百亿台阶",
                                  "打造千亿级产业集群"])
def test_a_count_of_marks_or_a_scale_is_no_sum(text):
    assert [q.unit for q in find_quantities(text)] in ([], ["个"])
