"""Numbers with their units, as reports write them.

"405.4亿元" → 40540000000 元; "1.72万户" → 17200 户; "6‰" → 0.6 %; "1,234.5亿元";
"百分之七" → 7 %; "两万人" → 20000 人; "提高1.5个百分点" → 1.5 pp.
Text is expected normalised (half-width digits). Nothing here raises on any input, and
every value returned is finite and below TOO_LARGE: a figure no report can mean is no
quantity.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal
from dataclasses import dataclass, replace
from functools import cache

from etl.catalog import units

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿点"
RANGE = "[-—–~～至到]"


# Not frozen: a frozen dataclass is much dearer to build, and extraction builds one per
# number of every report.
@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    value: float
    unit: str          # 元 美元 … counters, "%", "pp", "倍"
    text: str
    upper: float | None = None   # the top of a range ("增长7.5%-8%"): value is its bottom

    @property
    def over(self) -> bool:
        """"6万余人", "20多亿元", "过万元": more than the figure written."""
        return "余" in self.text or "多" in self.text or self.text.startswith("超")


def parse_chinese_number(s: str) -> float | None:
    """"三千五百" → 3500, "两万" → 20000, "七点五" → 7.5, "二十七点三亿" → 2730000000 (a
    magnitude after the decimals scales the whole figure); None when `s` is not a numeral."""
    if not s or any(c not in _CN_CHARS for c in s):
        return None
    whole, _, frac = s.partition("点")
    scale = 1
    if frac:
        decimals = frac.rstrip("万亿")
        for c in frac[len(decimals):]:
            scale *= CN_BIG[c]
        if not decimals or any(c not in CN_DIGITS for c in decimals):
            return None
    value = _cn_integer(whole)
    if value is None:
        return None
    if frac:
        # In decimals, so that 二十七点三亿 is 2730000000 and not 2730000000.0000005.
        return float((value + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in decimals))) * scale)
    return float(value)


def _cn_integer(s: str) -> int | None:
    """"一千零五十" → 1050; "三万五" → 35000 (a last digit right after a magnitude counts in
    the next lower one); None when `s` is not a numeral."""
    if s == "":
        return None
    total, section, digit = 0, 0, None
    magnitude = 0         # the magnitude just read, while no 零 or digit came after it
    for c in s:
        if c in "零〇":
            if digit is not None:
                return None  # "三零" is not a numeral here
            magnitude = 0    # 零 only holds a place: "一千零五十"
        elif c in CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row: "一二" is not a numeral here
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[c]
            digit, magnitude = None, CN_SMALL[c]
        elif c in CN_BIG:
            section += digit or 0
            total = (total + section) * CN_BIG[c] if CN_BIG[c] > 10_000 else total + section * CN_BIG[c]
            section, digit, magnitude = 0, None, CN_BIG[c]
        else:
            return None
    if digit is not None and magnitude >= 100:
        return total + section + digit * magnitude // 10
    return total + section + (digit or 0)


@cache
def _quantity_pattern() -> re.Pattern:
    """A number: 百分之 + a Chinese numeral, or an Arabic or Chinese numeral with an optional
    range, multiplier and unit.

    Written so that the whole pattern opens with one character class (the number's first
    character, group "first"; the alternatives then check it by lookbehind and read on):
    re then skips at C speed to where a number can start instead of trying each
    alternative at every position. `num` and `cn` are the numeral after
    its first character.
    """
    u = units()
    mults = sorted(u["multipliers"], key=len, reverse=True)
    words = sorted(set(u["currency"]) | set(u["counters"]), key=len, reverse=True)
    mult = "|".join(_multiplier_before(m, words) for m in mults)
    unit = "|".join(map(re.escape, words))
    digits = "零〇一二两三四五六七八九十"
    # Not inside a longer number: the character before the first digit is no digit, point or comma.
    # Thousands set apart by commas ("1,234.5") or by spaces, as some reports print them ("16 403元").
    arabic = (r"(?<=\d)(?<![\d.,]\d)(?P<num>\d{0,2}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{0,2}(?: \d{3})+(?!\d)(?:\.\d+)?"
              r"|\d*(?:\.\d+)?)"
              rf"(?:\s?{RANGE}\s?(?P<num2>\d+(?:\.\d+)?)(?=\s?(?:{mult})?(?:%|‰|{unit})))?")
    chinese = rf"(?<=[{digits}])(?P<cn>[{_CN_CHARS}]*)"
    # "20余亿元", "6万余人", "100多家": 余/多 may stand before or after the multiplier.
    tail = rf"\s?[余多]?(?P<mult>{mult})?(?:(?<=[万亿千百])[余多])?(?P<unit>%|‰|个百分点|百分点|倍|{unit})?"
    pct = rf"(?<=百)分之(?P<pct>[{_CN_CHARS}]+)"
    pattern = re.compile(rf"(?P<first>[百\d{digits}])(?:{pct}|(?:{arabic}|{chinese}){tail})")
    if tuple(pattern.groupindex) != _GROUPS or pattern.groups != len(_GROUPS):
        raise AssertionError("_quantity reads the number's groups by position, in _GROUPS' order")
    return pattern


_GROUPS = ("first", "pct", "num", "num2", "cn", "mult", "unit")


def _multiplier_before(mult: str, units: list[str]) -> str:
    """A multiplier that is not the first character of a unit: "50千瓦" is 50 kW, not
    50 thousand watts (千瓦, 千克, 千米, 千瓦时 are units)."""
    tails = sorted({u[len(mult):] for u in units if u.startswith(mult) and len(u) > len(mult)}, key=len, reverse=True)
    if not tails:
        return re.escape(mult)
    return re.escape(mult) + "(?!" + "|".join(map(re.escape, tails)) + ")"


@cache
def _skip_after() -> re.Pattern:
    words = sorted(units()["not_quantities"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number in text[start:end] that carries a unit or a percent sign, left to right,
    with offsets into `text`.

    A range is one quantity: "7.5%-8%" and "7.5-8%" give 7.5 with upper 8.
    """
    out: list[Quantity] = []
    end = len(text) if end is None else end
    for m in _quantity_pattern().finditer(text, start, end):
        q = _quantity(m, text)
        if q is None:
            continue
        prev = out[-1] if out else None
        if prev and prev.upper is None and prev.unit == q.unit and _RANGE_GAP.fullmatch(text, prev.end, q.start):
            out[-1] = replace(prev, end=q.end, text=text[prev.start:q.end], upper=q.value)
        else:
            out.append(q)
    if _BARE_MAGNITUDE_HINT.search(text, start, end):
        out = _with_bare_magnitudes(text, start, end, out)
    if text.find(FLAT, start, end) >= 0:
        out = _with_flat(text, start, end, out)
    return out


# No change from the year before, said in words: "实际利用外资与上年基本持平", "固定资产投资与去年
# 持平", "外贸出口总额224亿元、与上年持平". A quantity of its own, zero in the unit FLAT, which
# etl.qualify reads as a growth of nothing (a rate's change of no points). Not said of a rate of
# growth or a share ("增加值增速与去年持平", "所占比重与上年基本持平": the same rate or share as the
# year before, not zero), nor of a target ("预期目标总体与去年持平"), nor after a percentage
# ("社会消费品零售总额增长5.5%,与上年持平", "占33.6%,与上年基本持平": the same rate again).
FLAT = "持平"
_FLAT = re.compile(r"(?:基本|大体|大致)?(?:[与同和较比](?:上年|去年|上年度|上一年)(?:同期)?(?:相比)?|同比)"
                   r"(?:基本|大体|大致|总体)?持平")
_NOT_FLAT_AFTER = re.compile(r"(?:(?:增速|增幅|涨幅|降幅|速度|幅度|比重|占比|目标|指标)(?:总体|基本)?"
                             r"|[%‰](?:左右|以上|以下|以内)?[,、]?)$")


def _with_flat(text: str, start: int, end: int, found: list[Quantity]) -> list[Quantity]:
    more = [Quantity(m.start(), m.end(), 0.0, FLAT, m.group()) for m in _FLAT.finditer(text, start, end)
            if not _NOT_FLAT_AFTER.search(text, max(0, m.start() - 6), m.start())]
    return sorted(found + more, key=lambda q: q.start) if more else found


# A magnitude without a digit before it: "突破千亿元大关", "跨上百亿元台阶", "过万元", and of
# things counted, "粮食产量稳定在百万吨", "游客突破千万人次大关"; not a scale or a threshold inside
# a noun ("百万吨级乙烯项目", "投资千万元以上重点项目", "“两个百万亩”产业基地").
_BARE_MAGNITUDE_HINT = re.compile("[千百万]亿|[过超破]万|[千百]万")
# A mark a sum passes, after which 元 goes without saying: "突破千亿大关", "迈上2000亿台阶";
# not the steps counted ("连续跨越四个千亿台阶").
_MILESTONE = "大关|台阶|关口"
_BARE_MAGNITUDE = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万亿.个])(?:(?P<big>[千百万])亿|(?P<over>[过超破])万)"
                             r"(?:(?P<unit>元|美元)|(?=" + _MILESTONE + "))"
                             r"|(?<![\d零〇一二两三四五六七八九十百千万亿.每])(?P<mid>[千百])万"
                             r"(?P<counted>吨|人次|人|户|千瓦|辆|标箱)(?=(?:以上|左右|大关|关口|台阶)?(?:[^\u4e00-\u9fff]|$))")
_BARE_VALUE = {"千": 1e11, "百": 1e10, "万": 1e12}
_BARE_COUNT = {"千": 1e7, "百": 1e6}


def _with_bare_magnitudes(text: str, start: int, end: int, found: list[Quantity]) -> list[Quantity]:
    more = []
    for m in _BARE_MAGNITUDE.finditer(text, start, end):
        if any(q.start <= m.start() < q.end for q in found) or _STEP_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        if m.group("mid"):
            more.append(Quantity(m.start(), m.end(), _BARE_COUNT[m.group("mid")], m.group("counted"), m.group()))
            continue
        at = m.start() if m.group("big") else m.start() + 1      # "过" is no part of the figure…
        value = _BARE_VALUE[m.group("big")] if m.group("big") else 1e4
        more.append(Quantity(at, m.end(), value, m.group("unit") or "元",
                             m.group() if m.group("big") else "超" + text[at:m.end()]))
    return sorted(found + more, key=lambda q: q.start) if more else found


_RANGE_GAP = re.compile(rf"\s?{RANGE}\s?")
_SUMS = ("亿", "万亿")
_MARK_AFTER = re.compile(_MILESTONE)


def _passes_a_mark(text: str, start: int, end: int) -> bool:
    """Whether the sum text[start:end] is a mark passed ("…2000亿台阶"), not a count of steps."""
    return _MARK_AFTER.match(text, end) is not None and not text.startswith("个", start - 1) \
        and _STEP_BEFORE.search(text, max(0, start - 4), start) is None


# Another step of the size a mark says, not the mark itself: "再跨百亿台阶", "连跨两个千亿台阶".
_STEP_BEFORE = re.compile(r"(?:再|又|连)(?:跨|跨上|跨越|迈上|跃上|上|登上)$")


def _quantity(m: re.Match, text: str) -> Quantity | None:
    first, pct, num, num2, cn, mult, unit = m.groups()   # in _GROUPS' order
    start, end = m.span()
    if pct:
        value = parse_chinese_number(pct)
        return None if value is None else Quantity(start, end, value, "%", m.group())
    if mult in _SUMS and (not unit or unit == "台" and text.startswith("阶", end)) and _passes_a_mark(text, start, m.end("mult")):
        unit, end = "元", m.end("mult")     # "突破2000亿大关", "迈上1万亿台阶"
    if not unit or _is_not_a_quantity(text, start, end, unit):
        return None
    if cn is not None:
        value = _chinese_value(first + cn, mult)
    else:
        num = first + num
        value = _scaled(num.replace(",", "").replace(" ", "") if "," in num or " " in num else num, mult)
    if value is None or not math.isfinite(value) or _after_exponent(text, start):
        return None
    upper = _scaled(num2, mult) if num2 else None
    if _is_negated(text, start, unit):
        # "增长-3.5%", "增长负3.5%", "同比-2.0%": a fall written as a negative growth.
        start, value, upper = start - 1, -value, None if upper is None else -upper
    # Figures are rounded to ten decimals where arithmetic may have left a tail (0.1 × 3);
    # one read from ten decimals or fewer and scaled exactly (see _scaled) is already that
    # figure, and round() was a quarter of the cost of reading a number.
    exact = cn is None and _decimals(num) <= 10 and (num2 is None or _decimals(num2) <= 10)
    conversions = units()["conversions"]
    if unit in conversions:
        # 斤 and 公顷 are restated in the catalog's base units (吨, 亩).
        base, factor = conversions[unit]
        value, unit, exact = value * factor, base, False
        upper = upper * factor if upper is not None else None
    if unit == "‰":
        value, unit, exact = value / 10, "%", False
        upper = upper / 10 if upper is not None else None
    elif unit in ("个百分点", "百分点"):
        unit = "pp"
    if not exact:
        value = round(value, 10)
        upper = None if upper is None else round(upper, 10)
    if abs(value) >= TOO_LARGE or upper is not None and abs(upper) >= TOO_LARGE:
        return None
    return Quantity(start, end, value, unit, m.group() if end == m.end() else text[start:end], upper)


# No report means a figure this large, in any unit: the largest any report writes are
# about 4e15 元 (上海 金融市场交易总额, 3373.6万亿元), 1.3e14 元 for the nation's GDP, 3e13
# 吨公里 of freight. A figure of 1e17 (十万万亿) or more is a typing slip or a hostile
# input ("99999999999999999999亿元"); it yields no quantity rather than a wrong one.
TOO_LARGE = 1e17


def _after_exponent(text: str, start: int) -> bool:
    """"1e308亿元", "2.5E-3亿元": the digits after an exponent mark are no figure of their
    own, and no report writes numbers in exponent notation."""
    at = start - 1 if start and text[start - 1] in "+-" else start
    return at >= 2 and text[at - 1] in "eE" and (text[at - 2].isdigit() or text[at - 2] == ".")


def _is_negated(text: str, start: int, unit: str = "") -> bool:
    """A minus sign or 负 right before a number, itself after a word (not after a figure:
    "6%-6.5%" and "7.5-8%" are ranges). A lone em or en dash after a word stands for the
    minus sign before a percentage ("涨幅分别为—0.2%和4.0%"); elsewhere it joins a range
    ("1月—3月") and two of them are a dash ("目标——3.5%")."""
    if start == 0:
        return False
    sign = text[start - 1]
    if sign not in "-负" and not (sign in "—–" and unit == "%"):
        return False
    before = text[start - 2:start - 1]
    if sign in "—–":
        return "\u4e00" <= before <= "\u9fff"
    return before == "" or "\u4e00" <= before <= "\u9fff" or before in " ,:;("


def _decimals(digits: str) -> int:
    point = digits.find(".")
    return 0 if point < 0 else len(digits) - point - 1


def _scaled(digits: str, mult: str | None) -> float:
    if not mult:
        return float(digits)   # the same double Decimal would give, without building one
    # Exact: 2.3亿 is 230000000, not 229999999.99999997. "2.3" × 1e8 is 23 × 1e8 / 10 in
    # integers, and dividing integers rounds once, correctly, as Decimal would.
    whole, _, fraction = digits.partition(".")
    return int(whole + fraction) * _multiplier(mult) / 10 ** len(fraction)


@cache
def _multiplier(mult: str) -> int:
    return int(units()["multipliers"][mult])


def _chinese_value(cn: str, mult: str | None) -> float | None:
    # Lone Chinese digits are too often words ("一村一品", "三个务必"): accept a numeral
    # only when it has a magnitude in it or is followed by 万/亿.
    if not mult and not any(c in cn for c in "十百千万亿"):
        return None
    value = parse_chinese_number(cn)
    if value is None:
        return None
    return float(Decimal(str(value)) * Decimal(str(units()["multipliers"][mult] if mult else 1)))


def _is_not_a_quantity(text: str, start: int, end: int, unit: str) -> bool:
    before = text[start - 1:start] if start else ""
    after = text[end:end + 1]
    if before == "第":
        return True  # ordinals (第2位)
    if after == "/" or before == "/":
        return True  # ratios and fractions (420万元/亩, 1/3)
    if unit in ("个", "名") and _skip_after().match(text, end):
        return True  # "3个月", "第1名次"
    return False


# An index number with no unit ("居民消费价格指数控制在103.5左右", "…指数102.2"): a figure
# near 100, then a comparator word, a mark or the clause's end.
_INDEX_NUMBER = re.compile(r"(?<![\d.])(1\d\d(?:\.\d+)?|[5-9]\d(?:\.\d+)?)(?=\s*(?:左右|以内|以下|以上|上下|$|[,。;、)]))")


def find_index_numbers(text: str, start: int, end: int) -> list[Quantity]:
    """Numbers written as an index (previous year = 100) without a unit, in text[start:end]."""
    return [Quantity(m.start(), m.end(), float(m.group()), "index", m.group())
            for m in _INDEX_NUMBER.finditer(text, start, end)]
