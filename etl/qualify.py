"""How a number is qualified: kind and year of its fact, measure and sign, comparator.

These read the words around one number (its "context": the verbs between subject and
number) and the clause it stands in; they know nothing of subjects or sentences.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from etl.catalog import marker_words, markers, units
from etl.headings import COMING_TERM, PAST_YEARS, YEARS_OF_EFFORT, plan_end
from etl.numbers import FLAT

# A year the clause is dated by; not one it measures from ("比2020年", "在2023年基础上").
_YEAR_AT = re.compile(r"(?<![比较与和同由是从自])(?:到|至|在|于)?((?:19|20)\d\d)\s?年(?!以来|起|的?基础)(?:底|末|前)?")
# A five-year plan's period: "“十三五”期间", "“十一五”年均…", "“十五”时期" (the tenth, with no digit).
# After 比/较/由/从 the period is the base a figure is measured from ("比“十五”期末降低20%"):
# the figure is of the period after it.
_PLAN_PERIOD = re.compile(r"([比较由从]?)[“\"]?十([一二三四五六七八九]?)五[”\"]?(?:规划)?(?:期末|末|时期|期间|(?=年均))")
# "2005年与2000年相比,…": figures over the years between, ending in the first.
_SPAN = re.compile(r"((?:19|20)\d\d)\s?年[底末]?[与同和](?:19|20)\d\d\s?年[底末]?相比")
_LAST_YEAR = re.compile(r"[,\s]*(?:去年|上年|过去一年)")


def after_comparator_len(text: str, pos: int) -> int:
    hit = _comparator_words()[0].match(text, pos)
    return len(hit.group()) if hit else 0


@cache
def _multi_year() -> tuple[re.Pattern, re.Pattern]:
    m = markers()["multi_year"]
    return re.compile("|".join(map(re.escape, m["words"]))), re.compile("|".join(m["patterns"]))


def _is_multi_year(clause: str) -> bool:
    # The patterns open with no literal that re could skip to; a word each holds is
    # looked for first (one search for all of them), at a twentieth of the cost.
    words, pattern = _multi_year()
    return words.search(clause) is not None and pattern.search(clause) is not None


# _YEAR_AT and _PLAN_PERIOD open with no literal either; they can only match with 年, 五 in the clause.
def _year_at(clause: str) -> re.Match | None:
    return _YEAR_AT.search(clause) if "年" in clause else None


class Dating(NamedTuple):
    kind: str | None     # None: the clause's figures are no year's
    year: int
    term: bool = False   # about a term of years, dated to its last year (see etl.scope)
    # In a paragraph that sums a term up at its last year ("2017年地区生产总值1100亿元,年均
    # 增长5.4%;…"): its levels are that year's, its other growths the term's.
    summed: bool = False


_UNDATED = Dating(None, 0)
# The term just past, said in a clause of its own ("五年来", "过去五年间"): the figures after it
# are the term's (a sentence opening on it opens a paragraph about it, see etl.scope).
PAST_TERM = r"(?:(?:过去|这|近|最近)的?)?" + PAST_YEARS + "(?:来|间|中|里)"
_PAST_TERM_FIRST = re.compile(r"[,\s]*" + PAST_TERM + ",")
# The coming term, or the years a plan's effort will take ("通过四到五年的努力,"), said in a clause
# of its own: the figures after it are the term's.
_NEXT_TERM = re.compile(f"(?:{COMING_TERM}|{YEARS_OF_EFFORT}),")


def kind_and_year(clause: str, frame, meta) -> Dating:
    """_kind_and_year; a growth measured from a year before the year before ("分别比2002年
    增长87.3%和68.7%" of 2007) is over several years: the clause's figures are then read as a
    term's, whose growth is no year's (see etl.records)."""
    dated = _kind_and_year(clause, frame, meta)
    if dated.kind is not None and not dated.term and "年" in clause:
        base = _BASE_YEAR.search(clause)
        if base is not None and dated.year - int(base.group(1)) >= 2:
            return dated._replace(term=True)
    return dated


_BASE_YEAR = re.compile(r"[比较]((?:19|20)\d\d)\s?年")


def _kind_and_year(clause: str, frame, meta) -> Dating:
    """Kind and year of the facts of a clause read in `frame` (an etl.scope.Frame or a
    Section).

    A year the clause names wins over the frame's: in a review, a past year within five of
    the reviewed one is an outcome of that year, a later one a target; in a plan, a later
    year is a target of that year, and a plan period (“十三五”期间) names its last year, an
    outcome of the term once it has ended. A clause comparing two years ("2005年与2000年相比")
    is about the term between them, dated to the later. In a frame about a term, other
    figures are the term's, dated to its last year (the reviewed year, or four years after
    the plan year); which of them that year can stand for, the caller decides (see
    etl.records)."""
    if _is_multi_year(clause):
        return _UNDATED
    if "年" in clause and _PAST_TERM_FIRST.match(clause):
        return Dating("outcome", frame.year if frame.kind == "review" else meta.report_year - 1, True)
    span = _SPAN.search(clause) if "相比" in clause else None
    if span:
        # A term of years: its levels are its last year's, its growth no year's (see etl.records).
        y = int(span.group(1))
        past = y < meta.report_year or frame.kind == "review" and y <= frame.year
        return Dating("outcome" if past else "target", y, True)
    if frame.kind == "review" and meta.doc_type == "work_report":
        if marker_words("plan_reference").search(clause):
            return _UNDATED
        m = _year_at(clause)
        if m:
            y = int(m.group(1))
            if frame.year - 5 <= y <= frame.year:
                return Dating("outcome", y)
            if y > frame.year:
                return Dating("target", y)
        # A review of a term gives its totals and averages, and the levels it ended at.
        return Dating("outcome", frame.year, frame.five_year, getattr(frame, "summed", False))
    if frame.kind == "review":
        return Dating("outcome", frame.year)
    m = _PLAN_PERIOD.search(clause) if "五" in clause else None
    if m:
        # A plan that has ended is reviewed, as a term; "比“十五”时期…" gives the plan after it.
        end = plan_end(m.group(2)) + (5 if m.group(1) else 0)
        if end < meta.report_year:
            return Dating("outcome", end, True)
        # A plan not yet over sets its last year's levels, at a bound or not ("到“十四五”末城镇化率
        # 达到55%左右"), and averages; a growth over the whole plan is no year's ("确保完成“十二五”
        # 期间单位GDP能耗下降17%目标"): what records reads of a term summed up at its last year.
        return Dating("target", end, summed=True)
    m = _year_at(clause)
    if m:
        y = int(m.group(1))
        if y > meta.report_year:
            return Dating("target", y)
        if y < meta.report_year and not re.search(r"以来|起|开始", clause[m.end():m.end() + 3]):
            return Dating("outcome", y)
        if y == meta.report_year and _NEXT_TERM.match(clause):
            return Dating("target", y)      # "今后五年,…超过100亿美元,2008年超过13亿美元"
    if _LAST_YEAR.match(clause):
        # "去年居民消费价格涨幅回落到2.6%": a plan recalling last year's result.
        return Dating("outcome", meta.report_year - 1)
    if frame.five_year or _NEXT_TERM.match(clause):
        # "…宏伟蓝图,今后五年,全省经济社会发展的主要目标是:…" (the term said in a clause
        # of its own, which the caller puts before each clause after it).
        return Dating("target", meta.report_year + 4, True)
    return Dating("target", meta.report_year)


# The reading depends on the number's unit and the words before it, never on its value
# (callers remember it per wording: see etl.extract._reading).
def measure_rule(unit: str, context: str, percent: str | None) -> tuple[str | None, int, str]:
    """(measure, factor for the value, unit of the fact) for a number in `unit` after `context`."""
    g = markers()["growth"]
    verb = _last_verb(context)
    sign = -1 if verb in g["down"] else 1
    to_level = verb is not None and context[context.rfind(verb) + len(verb):][:1] in g["to"]
    average = marker_words("growth", "average").search(context) is not None
    growth = "avg_growth" if average else "growth"
    if unit == FLAT:
        # The same as the year before: no growth; a rate's own figure changed by no points.
        return ("change", 1, "pp") if percent == "level" else ("growth", 1, "%")
    if unit == "pp":
        return "change", sign, "pp"
    if unit == "倍":
        if verb in g["up"] and not to_level:
            return growth, 100, "%"
        return None, 1, ""
    if unit == "%":
        if verb is not None and not to_level:
            return growth, sign, "%"
        if to_level and (rate := _rate_noun_before(context, verb)):
            # "涨幅回落到2.6%", "增速提高到7%": the new rate of growth ("降幅扩大到3%": of a fall).
            return growth, -1 if rate == "降幅" else 1, "%"
        if percent == "growth" and not to_level:
            return "growth", 1, "%"
        return "level", 1, "%"
    if verb is not None and not to_level and (verb in _INCREASE_VERBS or verb == "增" and _FROM_BASE.search(context)):
        # "比年初新增52.3亿元" is an increase since the base, as "增加" is; a bare "新增" counts.
        return "increase", sign, unit
    return "level", 1, unit


def share_of_another(context: str) -> bool:
    """Whether a percentage after these words is a share of what they name ("农村居民人均纯收入
    的25%", "恢复至上年的73.1%", "财政支出的75%以上用于民生"): not a figure of the subject
    before them. Not after a time ("由2015年的56.3%提高到2020年的61.6%", "从年初的10.5%回落到
    年末的3.4%"), an expectation ("控制在全省预期的4.8%以内") or a share said with 占."""
    return context.endswith("的") and "占" not in context and _SHARE_OF.search(context) is not None


_SHARE_OF = re.compile(r"(?:上年|去年)(?:同期)?的$|(?<![年初末底期标])的$")


def rate_noun_only(context: str) -> bool:
    """Whether what makes the words read as a growth is a noun of a rate ("涨幅", "增速"),
    not a verb ("下降", "提高")."""
    verb = _last_verb(context)
    return verb is not None and _RATE_NOUN.fullmatch(verb) is not None


_INCREASE_VERBS = ("增加", "增长", "减少", "下降", "净增", "提高", "降低")
_FROM_BASE = re.compile(r"(?:比|较)(?:年初|上年末?|去年末?)")
_RATE_NOUN = re.compile(r"增速|增幅|涨幅|增长率|降幅")


def _rate_noun_before(context: str, verb: str) -> str | None:
    found = _RATE_NOUN.findall(context, 0, context.rfind(verb))
    return found[-1] if found else None


@cache
def _verbs_re() -> re.Pattern:
    g = markers()["growth"]
    return re.compile("|".join(map(re.escape, sorted(g["up"] + g["down"], key=len, reverse=True))))


@lru_cache(maxsize=16384)
def _last_verb(context: str) -> str | None:
    """The growth verb nearest the number: the last one in its context."""
    last = None
    for last in _verbs_re().finditer(context):
        pass
    return last.group() if last else None


@cache
def _money_units() -> frozenset[str]:
    return frozenset(units()["currency"])


def unit_fits(ind_unit: str, unit: str, measure: str) -> bool:
    if measure in ("growth", "avg_growth", "change"):
        return True
    money = _money_units()
    if ind_unit in money:
        return unit in money
    if ind_unit == "%":
        return unit == "%"
    if unit.endswith("次") and unit != ind_unit:
        return False    # times ("惠及经营主体17.5万户次") are no count of those served
    measured, counted = _dimensions().get(unit), _dimensions().get(ind_unit)
    if measured and counted and measured != counted:
        return False    # an area is no output in tonnes
    return unit not in money and unit != "%"


@cache
def _dimensions() -> dict[str, str]:
    """Each physical unit → what it measures (catalog units.toml, `dimensions`)."""
    return {unit: name for name, listed in units().get("dimensions", {}).items() for unit in listed}


@cache
def _comparable_basis() -> re.Pattern:
    return re.compile(markers()["comparable_basis"])


def basis(context: str) -> str:
    """"comparable" for a figure on a comparable basis (可比口径, 同口径), else ""."""
    return "comparable" if _comparable_basis().search(context) else ""


@cache
def _comparator_words() -> tuple[re.Pattern, re.Pattern]:
    m = markers()
    longest_first = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    # A space may stand between a number and the word after it, as some reports print them ("3% 左右").
    return re.compile(r"[ \t\u3000]{0,2}(" + longest_first(m["after"]) + ")"), re.compile(longest_first(m["before"]))


def comparator(context: str, text: str, end: int, run_end: int | None = None) -> str:
    """A word right after the number wins ("控制在3%左右" is approx); else, for a number
    inside a run ("分别增长7%和8%左右"), the word after the run's last number; else the last
    word before it, longest first so that 不低于 is not read as 低于."""
    for at in (end, run_end):
        hit = _comparator_words()[0].match(text, at) if at is not None else None
        if hit:
            return markers()["after"][hit.group(1)]
    return _comparator_before(context)


@lru_cache(maxsize=16384)
def _comparator_before(context: str) -> str:
    """The comparator named by the last comparator word in `context` ("exact" when none)."""
    last = None
    for last in _comparator_words()[1].finditer(context):
        pass
    return markers()["before"][last.group()] if last else "exact"
