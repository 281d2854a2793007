"""A run of numbers with its subject → Fact records: indicator, measure, value, unit,
comparator, flags, and the sentence that is their evidence.

A run is shared out over its subject's names: one number each when the counts agree (分别
or not), the same number for all when there is one (均, "A、B增长8%左右").
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from etl.attach import Attached
from etl.catalog import indicators, marker_words, wholes
from etl.clause import Clause, Flags
from etl.facts import Fact
from etl.gap_words import PHRASE_CACHE, only_gap_words
from etl.numbers import FLAT, Quantity
from etl.qualify import Dating, basis, comparator, measure_rule, rate_noun_only, share_of_another, unit_fits
from etl.scope import OVER_THE_YEAR
from etl.segment import MAX_CLAUSE
from etl.subjects import Subject

_EACH = re.compile("均|分别|都")


@cache
def index_bases() -> dict[str, float]:
    """Indicators a report may state as an index, and the index's base (previous year = 100)."""
    return {code: ind.index for code, ind in indicators().items() if ind.index}


def qualitative_facts(clause: Clause, subject: Subject, year: int) -> list[Fact]:
    """The clause's target without a number for each of the subject's names: listed, not judged."""
    text, a, b, _, meta, source = clause
    return [Fact(region=meta.region, region_level=meta.region_level, report_year=meta.report_year,
                 kind="target", year=year, indicator=code, name=name, measure="qualitative", value=None,
                 unit="", sentence=text[a:b], start=a, end=b, source=source)
            for code, name in zip(subject.codes, subject.names)]


def facts_of(att: Attached, clause: Clause, flags: Flags, dated: Dating) -> list[Fact]:
    """The facts of one run of numbers of the clause, dated by `dated`."""
    qs = att.quantities
    kind, year, term, summed = dated
    if kind is None:
        return []
    subj, pairs = _paired(att.subject, qs, att.context, promised=kind == "target")
    if not pairs:
        return []  # counts disagree: no reading is safe
    a = clause.start
    pairs = _yearly(pairs, clause.text[a:qs[0].start])   # the clause's words up to the run, its subject's included
    # The evidence runs from the clause that named the subject; where that is further back
    # than MAX_CLAUSE characters (a long run of clauses going on with one subject), from the
    # number's own clause, so that no fact carries a long stretch of the text.
    start = min(subj.clause_start, a)
    if clause.end - start > MAX_CLAUSE:
        start = a
    run_end = qs[-1].end if len(qs) > 1 else None
    out = []
    for code, name, q in pairs:
        fact = _fact(clause, start, code, name, q, att.context, flags, kind, year, run_end)
        if fact is not None and (not term or _a_terms_last_year(fact)) and (not summed or _a_summed_years(fact)):
            out.append(fact)
    return out


def _paired(subj: Subject, qs: list[Quantity], context: str,
            promised: bool = False) -> tuple[Subject, list[tuple[str, str, Quantity]]]:
    """The subject as the run reads it, and its (code, name, number) pairs; none when the
    counts of names and numbers disagree. `promised`: the figures are targets."""
    if subj.whole and len(qs) == 1 and len(subj.codes) > 1 and not _EACH.search(context):
        # "新建、改造高标准农田8.6万亩": one number for one joint subject, not one per verb.
        subj = replace(subj, codes=(f"other:{subj.whole}",), names=(subj.whole,))
    if len(qs) == 1 and len(subj.codes) > 1 and len(set(subj.names)) == 1 and not _EACH.search(context) \
            and not (promised and subj.names[0] in wholes()):
        # "城乡居民人均可支配收入增长9.3%": one figure for a compound is the whole's. Promised,
        # it is each part's ("城乡居民收入增长10%以上": urban and rural incomes alike).
        whole = wholes().get(subj.names[0])
        subj = replace(subj, codes=(whole or f"other:{subj.names[0]}",), names=(subj.names[0],))
    if len(subj.codes) != len(qs) and len(qs) > 1:
        subj = _compounds_as_wholes(subj, len(qs))
    if len(subj.codes) == len(qs):
        return subj, list(zip(subj.codes, subj.names, qs))
    if len(qs) == 1:
        return subj, [(c, n, qs[0]) for c, n in zip(subj.codes, subj.names)]
    if len(subj.codes) == 1:
        return subj, [(subj.codes[0], subj.names[0], q) for q in qs]
    return subj, []


def _yearly(pairs: list[tuple[str, str, Quantity]], before: str) -> list[tuple[str, str, Quantity]]:
    """Headline figures are yearly; "累计" sums several years, "每年" averages them (a
    percentage after 年均 is an average growth, a measure of its own). Other counts may add up."""
    # Each of these words holds 累 or 年; most clauses hold neither before their figures.
    # Summed over one year ("全年累计实现工业增加值增长3%"), a figure is that year's.
    cumulative = "累" in before and marker_words("cumulative").search(before) is not None \
        and WITHIN_A_YEAR.search(before) is None
    if cumulative or "年" in before and marker_words("per_year").search(before):
        # A price index "累计上涨2.1%" over the months of one year is the year's rise: only
        # a count of years before 累计 ("五年累计上涨") makes it several years'.
        yearly_index = cumulative and not _SEVERAL_YEARS.search(before)
        return [p for p in pairs if p[0].startswith("other:")
                or (not cumulative or yearly_index and p[0] in index_bases()) and _is_relative(p[2])]
    return pairs


# Summed over one year, not several: "全年累计实现工业增加值增长3%".
WITHIN_A_YEAR = re.compile(r"(?:全年|年内|当年|今年|本年)累计")
# "五年", "3年", not a year's name ("2023年", "二〇二三年").
_SEVERAL_YEARS = re.compile(r"(?<![\d〇零一二三四五六七八九])(?:\d{1,2}|[两二三四五六七八九十]{1,2})年")


def _compounds_as_wholes(subj: Subject, figures: int) -> Subject:
    """"地区生产总值和城乡常住居民人均可支配收入年均增长7.1%和7.5%": with one figure per name,
    a compound's figure is its whole's (all residents'), not one per part."""
    items = [(name, codes) for name, codes in _items_of(subj)]
    if len(items) != figures or all(len(codes) == 1 for _, codes in items):
        return subj
    codes = tuple(codes[0] if len(codes) == 1 else wholes().get(name, f"other:{name}") for name, codes in items)
    return replace(subj, codes=codes, names=tuple(name for name, _ in items))


def _items_of(subj: Subject) -> list[tuple[str, tuple[str, ...]]]:
    """The subject's names, each with its codes (a compound names several)."""
    items: list[tuple[str, list[str]]] = []
    for code, name in zip(subj.codes, subj.names):
        if items and items[-1][0] == name:
            items[-1][1].append(code)
        else:
            items.append((name, [code]))
    return [(name, tuple(codes)) for name, codes in items]


def _is_relative(q: Quantity) -> bool:
    """A percentage or points: after 年均 a growth averaged per year, a measure of its own."""
    return q.unit in ("%", "pp", "倍")


def _a_terms_last_year(fact: Fact) -> bool:
    """Whether a figure given for a term of years stands for its last year: a level the term
    ends at ("增加到28.89亿元", "到期末地区生产总值达到1万亿元"), an average per year (a
    measure of its own) or a growth over the year before; not a growth over the term, nor the
    total of a flow that adds up ("五年新增城镇就业6400万人"), nor an unknown quantity."""
    ind = indicators().get(fact.indicator)
    if ind is None:
        return False
    # A bound over a term holds for each of its years ("粮食总产稳定在1100亿斤以上"), not its end.
    if fact.measure == "avg_growth" or fact.measure == "level" and not ind.sums and fact.comparator == "exact":
        return True
    # A growth over the year before ("全市进出口总额预计实现29亿美元,同比增长4.7%") is the last year's.
    return _over_the_year(fact)


def _a_summed_years(fact: Fact) -> bool:
    """Whether a figure of a paragraph that sums a term up at its last year is that year's:
    a level it reached ("地方财政收入达到1991亿元"), an average per year or a growth over the
    year before ("比年初增长7.2%"), not a growth over the term ("增长4倍")."""
    return fact.measure in ("level", "avg_growth") or _over_the_year(fact)


def _over_the_year(fact: Fact) -> bool:
    """Whether the fact is a growth over the year before ("同比增长4.7%", "比年初增长7.2%")."""
    return fact.measure in ("growth", "change", "increase") and OVER_THE_YEAR.search(fact.sentence) is not None


def _fact(clause: Clause, start: int, code: str, name: str, q: Quantity, context: str, flags: Flags,
          kind: str, year: int, run_end: int | None) -> Fact | None:
    """The fact of the number q of a run, named `name` (catalog `code`, or other:), after the
    words `context`; its evidence runs from `start` to the clause's end."""
    reading = _reading(code if code in indicators() else None, q.unit, context)
    if reading is None:
        return None
    stored, measure, factor, unit, strives = reading
    if measure == "increase" and "净增" in context and _NEW_ONES.search(name):
        return None     # "新增城镇就业50万人,净增20万人": the stock's net change, not the new ones'
    if stored is None:
        stored = code if code.startswith("other:") else f"other:{name}"
    stored = _series_of_year(stored, name, year)
    if stored in _flows() and (_counted_by_new(clause, name, q) or "新增" in context):
        stored = _flows()[stored]   # "市场主体新增2万户", "…,新增10家高新技术企业": what was added
    elif measure == "level" and stored in indicators() and (unit in _AMOUNTS and _added(clause, name, q)
                                                            or _added(clause, name, q, _NET_ADDED)):
        # "新增粮食产量8亿斤", "净增高新技术企业517家": more than the year before, not the level
        measure = "increase"
    value = q.value * factor if factor != 1 else q.value
    base = index_bases().get(stored)
    if base and unit in ("%", "index") and value >= base / 2:
        # "居民消费价格指数控制在103.5左右", "…指数104%": a growth of 3.5, of 4.
        value, measure, unit = round(value - base, 10), "growth", "%"
    elif base and unit == "pp" and name.endswith("指数") and _INDEX_MOVES.fullmatch(context):
        # "居民消费价格指数上升2个百分点": the index 2 points above its base, a rise of 2%.
        measure, unit = "growth", "%"
    elif unit == "index":
        return None
    high = None
    if q.upper is not None:
        # "增长6%-6.5%": a band, its bottom the value ("下降3%-5%": from -5 to -3).
        value, high = sorted((value, q.upper * factor))
    text, meta, end = clause.text, clause.meta, clause.end
    return Fact(
        region=meta.region, report_year=meta.report_year, kind=kind, year=year, indicator=stored,
        measure=measure, value=value, unit=unit,
        comparator="range" if high is not None else "at_least" if q.over else "approx" if q.unit == FLAT
        else comparator(context, text, q.end, run_end),
        strive=(flags.strive or strives) and kind == "target",
        estimated=flags.estimated and kind == "outcome",
        sentence=text[start:end], start=start, end=end, name=name.removeprefix("other:"),
        region_level=meta.region_level, source=clause.source, value_high=high, basis=basis(context),
    )


@cache
def _flows() -> dict[str, str]:
    """A stock → the flow that adds up to it (catalog `total`): 市场主体 → 新登记市场主体."""
    return {ind.total: ind.code for ind in indicators().values() if ind.total}


# An index's own move in points, said with nothing else ("居民消费价格指数上升2个百分点",
# "…指数上升控制在3个百分点以内"): not one measured against a base ("比上年回落2个百分点" changes
# the rise) or another region ("低于全省0.3个百分点").
_INDEX_MOVES = re.compile(r"(?:上升|上涨|增长|提高|下降|降低)(?:控制在|控制)?")
# A name of the new ones of something: "新增城镇就业", "新设立市场主体".
_NEW_ONES = re.compile(r"新增|新设|新登记")
# Words that may open a clause before its 新增: when, where, how sure.
_BEFORE_NEW = r"(?:全年|当年|年内|今年|全市|全省|全县|全区|其中|力争|争取|确保|预计|累计)*"
# A clause that opens on 新增 and lists what it counts: "(全年)新增X 192家、Y 4万户".
_NEW_LIST = re.compile(_BEFORE_NEW + r"新(?:增|登记)[^,;:。]*、[^,;:。、]*$")


def _counted_by_new(clause: Clause, name: str, q: Quantity) -> bool:
    """"新增“四上”企业192家、市场主体4万户": the 新增 that opens a list counts every item of
    it, one named by itself after its mark ("、总数达56.8万户", "、惠及经营主体13.4万户" are not)."""
    text = clause.text
    if not _NEW_LIST.match(text, clause.start, q.start):
        return False
    item = text[text.rfind("、", clause.start, q.start) + 1:q.start]
    return name in item and only_gap_words(item.replace(name, "", 1))


# A clause opening on 新增 before a name that does not say it: "(全年)新增粮食产量8亿斤". Only
# amounts: new things counted ("新增发明专利授权160件", "新增高新技术企业60家") are the year's
# count of them, whether the catalog keeps the flow or the stock.
_AMOUNTS = ("元", "美元", "吨")
_ADDED = re.compile(_BEFORE_NEW + "新增")
# A net increase before any name: "净增高新技术企业517家" is the stock's change, not the stock.
_NET_ADDED = re.compile(_BEFORE_NEW + "净增")


def _added(clause: Clause, name: str, q: Quantity, lead_words: re.Pattern = _ADDED) -> bool:
    """"新增粮食产量8亿斤", "新增地方财政收入10亿元": 新增 (or the `lead_words` given) before a
    catalog name that is not one of new things counts what was added to it, an increase, not
    its level."""
    text = clause.text
    lead = lead_words.match(text, clause.start, q.start)
    return lead is not None and text.startswith(name, lead.end()) and "新增" not in name


def _series_of_year(code: str, name: str, year: int) -> str:
    """The series a name that does not say which one means in `year` (catalog `earlier`)."""
    earlier = indicators()[code].earlier if code in indicators() else None
    if earlier and year < earlier["before"] and earlier["unless"] not in name:
        return earlier["code"]
    return code


@lru_cache(maxsize=PHRASE_CACHE)
def _reading(code: str | None, unit: str, context: str) -> tuple[str | None, str, int, str, bool] | None:
    """How a number in `unit` after the words `context` reads as a fact of the catalog's
    `code` (None: of an indicator outside it): (the code to store, None for the report's own
    name; measure; factor of the value; unit of the fact; whether the words strive), or None
    when it is no fact. Those three recur throughout every report: each is read once."""
    cat = indicators()
    ind = cat.get(code) if code is not None else None
    if unit == "index":     # a figure near 100 without a unit: an index only of an indicator stated as one
        return (code, "growth", 1, unit, marker_words("strive").search(context) is not None) \
            if ind is not None and ind.index else None
    measure, factor, unit = measure_rule(unit, context, ind.percent if ind is not None else None)
    if measure is None or unit == "%" and ind is not None and share_of_another(context):
        return None
    if measure == "level" and unit == "%" and ind is not None and ind.unit == "%" and ind.percent == "growth":
        # Prices have no level in percent: "物价涨幅由3.1%降至1.5%" is the rise they fell to.
        measure = "growth"
    elif measure == "growth" and ind is not None and ind.unit == "%" and ind.percent != "growth" \
            and rate_noun_only(context):
        # A rate's own figure is its level: in "城镇登记失业率、居民消费价格涨幅分别控制在4.5%、
        # 3%以内" the rise is the prices'.
        measure = "level"
    if ind is not None and measure in ("level", "increase") and unit in ind.counted_in:
        unit = ind.unit
    if ind is not None and not unit_fits(ind.unit, unit, measure):
        code = None
    elif ind is not None and measure == "increase" and ind.increase:
        code, measure = ind.increase, "level"
    if code is not None and code not in cat:
        code = None
    return code, measure, factor, unit, marker_words("strive").search(context) is not None
