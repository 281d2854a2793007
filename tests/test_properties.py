"""Properties that hold for any input: the parsers never raise, offsets always point home."""
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.errors import InputError
from etl.numbers import find_quantities, parse_chinese_number
from etl.pipeline import extract_text

# Text drawn mostly from the characters reports are made of, so that numbers, units,
# markers and indicator names actually meet.
REPORT_ALPHABET = st.sampled_from(
    list("0123456789.,%‰、。;:()“”一二两三四五六七八九十百千万亿元人户吨亩增长下降左右以上以内控制在力争预计分别均和")
    + ["地区生产总值", "一般公共预算收入", "城镇、农村居民人均可支配收入", "个百分点", "\n", "一、2023年工作回顾\n",
       "二、2024年工作安排\n", "新增城镇就业", "固定资产投资", "同比", "比上年", "到2025年", "“十四五”末", "新增存、贷款"])
report_text = st.lists(REPORT_ALPHABET, max_size=120).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text())
def test_the_number_parser_never_raises_and_gives_only_finite_numbers(s):
    value = parse_chinese_number(s)
    assert value is None or math.isfinite(value)


@SETTINGS
@given(st.one_of(st.text(), report_text))
def test_quantities_are_finite_and_lie_inside_the_text(s):
    for q in find_quantities(s):
        assert math.isfinite(q.value)
        assert 0 <= q.start < q.end <= len(s)


@SETTINGS
@given(st.one_of(st.text(), report_text))
def test_extraction_never_raises_and_every_sentence_is_its_slice(body):
    try:
        report = extract_text("政府工作报告\n" + body, "any.txt", region="青山县", year=2024)
    except InputError:
        return  # a clear refusal is an allowed answer; a crash is not
    for f in report.facts:
        assert report.text[f.start:f.end] == f.sentence
        assert f.value is None or math.isfinite(f.value)
        assert f.kind in ("target", "outcome")


@SETTINGS
@given(st.one_of(st.text(), report_text))
def test_sentences_worth_reading_are_those_with_a_digit_or_a_chinese_numeral(s):
    from etl.extract import _MAY_HOLD_NUMBER

    # A digit, 百分之, a Chinese digit before a magnitude, or a magnitude word that is itself
    # a figure's start (百亿, 千亿, 过万, 超万, 破万).
    plain = re.search(r"\d|百分之|[零〇一二两三四五六七八九十][十百千万亿]|[千百万]亿|[过超破]万", s)
    assert bool(_MAY_HOLD_NUMBER.search(s)) == bool(plain)


def _plain_quantity_pattern() -> re.Pattern:
    """The number pattern spelled the plain way, alternative by alternative."""
    from etl.catalog import units
    from etl.numbers import _CN_CHARS, RANGE

    u = units()
    mult = "|".join(map(re.escape, sorted(u["multipliers"], key=len, reverse=True)))
    unit = "|".join(map(re.escape, sorted(set(u["currency"]) | set(u["counters"]), key=len, reverse=True)))
    arabic = (r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)"
              rf"(?:\s?{RANGE}\s?(?P<num2>\d+(?:\.\d+)?)(?=\s?(?:{mult})?(?:%|‰|{unit})))?")
    chinese = rf"(?P<cn>[零〇一二两三四五六七八九十][{_CN_CHARS}]*)"
    tail = rf"\s?(?P<mult>{mult})?(?P<unit>%|‰|个百分点|百分点|倍|{unit})?"
    return re.compile(rf"百分之(?P<pct>[{_CN_CHARS}]+)|(?:{arabic}|{chinese}){tail}")


numberish_text = st.lists(st.one_of(REPORT_ALPHABET, st.sampled_from(
    ["1,234", "12,34", "3.5", ".5", "5.", "-", "~", "至", "百分之", "百分", "两", "点", "亿元", "万", "%", " ", "第"])),
    max_size=40).map("".join)


@SETTINGS
@given(st.one_of(st.text(), numberish_text))
def test_the_fast_number_pattern_matches_what_the_plain_one_does(s):
    from etl.numbers import _quantity_pattern

    def reading(m, first=""):
        g = m.groupdict()
        whole = lambda k: None if g[k] is None else first + g[k]  # noqa: E731
        return m.span(), g["pct"], whole("num"), g["num2"], whole("cn"), g["mult"], g["unit"]

    plain = [reading(m) for m in _plain_quantity_pattern().finditer(s)]
    fast = [reading(m, m.group("first")) for m in _quantity_pattern().finditer(s)]
    assert fast == plain


@SETTINGS
@given(st.from_regex(r"\A\d{1,9}(\.\d{1,6})?\Z"), st.sampled_from(["万亿", "亿", "千万", "百万", "万", "千"]))
def test_a_multiplied_figure_is_the_exact_product_rounded_once(digits, mult):
    from decimal import Decimal

    from etl.catalog import units
    from etl.numbers import _scaled

    exact = Decimal(digits) * Decimal(str(units()["multipliers"][mult]))
    assert _scaled(digits, mult) == float(exact)
