"""Sentences of a report → facts: which indicator each number is about, and how.

A sentence is read clause by clause (the text between commas). What a clause leaves to the
next is read here: the subject a clause that opens with a verb continues ("同比增长9.2%"),
the subjects 分别 may reach back over, a clause that only says when ("到2026年,") or how
sure ("预计,") the rest is, the zone the sentence opens on. A sentence without a number can
only hold a qualitative target ("进出口总额保持稳定增长").

Which subject each number belongs to is etl.attach's (with etl.subjects, etl.gap_words and
etl.zones); the facts a run of numbers makes, etl.records'.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import NamedTuple

from etl.attach import Attached, attach
from etl.catalog import marker_words, markers
from etl.clause import NO_FLAGS, Clause, Flags
from etl.facts import Fact, ReportMeta
from etl.gap_words import is_transparent, only_gap_words
from etl.headings import COMING_TERM, PAST_YEARS, YEARS_OF_EFFORT
from etl.mentions import Mention, find_mentions, find_mentions_in_prose
from etl.numbers import Quantity, find_index_numbers, find_quantities
from etl.own_region import own_names, with_own_region
from etl.qualify import PAST_TERM, kind_and_year
from etl.records import WITHIN_A_YEAR, facts_of, index_bases, qualitative_facts
from etl.scope import OVER_THE_YEAR, Scope
from etl.segment import Section, clauses, sentences
from etl.subjects import PART_OF_YEAR, Subject, elliptic_head, headed_by, leading_group, subject_of, widen
from etl.zones import in_zone, leaves_zone, titled_zone, zone_opening

_QUALITATIVE_HINT = re.compile(r"保持|同步|快于|高于|低于|稳定|稳步|平稳|增长|增速|下降|降低|完成上级|控制在上级|下达")
_PREDICATE_WORD = re.compile(
    r"保持|实现|稳中|稳定|稳步|平稳|增长|增速|增幅|涨幅|同步|快于|高于|低于|下降|降低|与经济|和经济|完成|控制在|达到|持续|基本|合理|明显"
    r"|[与同]全[国省市区县州]")
_QUALITATIVE_PREDICATE = re.compile(rf"\s*(?:{_PREDICATE_WORD.pattern})")
# \d, 百分之, a Chinese digit before a magnitude, or 持平 (etl.numbers.FLAT); written to open
# with one character class so that re can skip to candidates at C speed (it is tried on every
# sentence).
_MAY_HOLD_NUMBER = re.compile(r"[\d百千万过超破零〇一二两三四五六七八九十持](?:(?<=\d)|(?<=百)分之|(?<=[零〇一二两三四五六七八九十])[十百千万亿]"
                              r"|(?<=[千百万])亿|(?<=[过超破千百])万|(?<=持)平)")
_WITH = ("与", "同", "和")
_AGAINST_ANOTHER = re.compile(r"(?:高于|低于|快于|慢于|高出)(?:全[国省市区县州]|[省市]平均)")
_IN_STEP = re.compile(r"(?:基本|保持)?(?:同步|相适应|相协调|相匹配)")
# A clause that only compares or places the subject ("居全国第二", "总量居全国第二",
# "占全国的1/7") keeps it for the next.
_COMPARES = re.compile(r"(?:总量)?(?:超过|高于|快于|慢于|低于|位居|位列|居全|排名|相当于)|占全")
# A clause that only says when, or over which years ("2005年与2000年相比,": see etl.qualify).
_TIME_ONLY = re.compile(r"^即?(?:(?:力争|争取|确保|预计)?到|至|在|截至)?(?:(?:19|20)\d\d年(?:底|末)?|(?:[“\"]?十[一二三四五六七八九]五[”\"]?|[“\"]十五[”\"])(?:规划)?(?:期末|末|时期|期间))(?:时|前)?$"
                        r"|^" + COMING_TERM + "$"
                        # "…促进就业,五年来,新增城镇就业67.8万人": the rest of the sentence is the term's.
                        r"|^" + PAST_TERM + "$"
                        r"|^(?:19|20)\d\d年(?:底|末)?[与同和](?:19|20)\d\d年(?:底|末)?相比$"
                        # "通过四到五年的努力,": the years a plan's effort will take
                        r"|^" + YEARS_OF_EFFORT + "$")


# A clause that says only that what follows covers the year so far ("一季度", "今年以来",
# "1—11月份"): the progress of a year not over, neither its target nor its outcome.
# A list of them ("一季度、上半年、前三季度,全市生产总值增速分别为7.5%、8.1%、8.7%") too.
_A_PART = rf"(?:第?(?:{PART_OF_YEAR.pattern})份?)"
_PART_OF_YEAR_ONLY = re.compile(rf"\s*(?:(?:今年|本年|全年)?{_A_PART}(?:[、和及]{_A_PART})*(?:以来)?"
                                r"|今年以来|年初以来|开年以来)\s*")
# Decades looked back on, opening a clause of the paragraph ("改革开放40年来,…GDP增长202倍",
# "70年来,…。地区生产总值增长215倍", "建市20年来,", "1978年以来,"): a multiple after them is
# over the decades, not the year's growth. "创近12年来最好水平" opens nothing.
_DECADES = re.compile(r"(?:^|[,;。!?\n])\s*(?:各位代表[!,]\s*)?[^,;。!?\n\d]{0,8}?"
                      r"(?:(?<![\d〇零一二三四五六七八九十])(?:[1-9]\d|[二三四五六七八九]十[一二三四五六七八九]?)\s?年(?:来|以来|间)"
                      r"|(?P<since>(?:19|20)\d\d)\s?年以来)[,:]")
_DECADES_BEFORE = 3     # "2019年以来" in a report of 2023 looks back a term, not decades


def _after_decades(text: str, at: int, report_year: int) -> bool:
    """Whether a clause of the paragraph before `at` opens on decades looked back on."""
    paragraph = text.rfind("\n", 0, at) + 1
    return any(m.group("since") is None or int(m.group("since")) <= report_year - _DECADES_BEFORE
               for m in _DECADES.finditer(text, max(0, paragraph - 1), at))


# The most facts read from one document. The shared corpus's richest file (a national
# statistical bulletin) yields 798; a file that yields more is no report (a generated or
# broken file), and reading on would cost time and memory in proportion to its length:
# extraction stops there, and says so in a note (meta.notes: printed, and stored by ingest).
MAX_FACTS = 20_000


def extract_facts(text: str, sections: list[Section], meta: ReportMeta, source: str = "") -> list[Fact]:
    """The facts of the text's sections, in text order; at most MAX_FACTS of them."""
    facts: list[Fact] = []
    for sec in sections:
        if sec.kind in ("preamble", "notes"):
            continue
        number = -1   # where the next number starts, once looked for: sentences before it hold none
        scope = Scope(text, sec, meta)
        carried = NOTHING_CARRIED       # what a sentence ending in ";" leaves to the next
        zone = ""       # the zone a paragraph is about, from its title (etl.zones.titled_zone)
        for s, e in sentences(text, sec.start, sec.end):
            frame = scope.frame(text, s, e)
            if scope.paragraph_start == s:     # a paragraph begins (Scope reads where)
                zone = titled_zone(text, s, e, meta.region_level)
            elif zone and leaves_zone(text, s, e, meta.region):
                zone = ""
            if number < s:
                found = _MAY_HOLD_NUMBER.search(text, s, sec.end)
                number = found.start() if found else sec.end
            # Most sentences hold no number at all; they can only hold a qualitative target.
            if number < e:
                found_facts, left = _sentence_facts(Clause(text, s, e, frame, meta, source), carried,
                                                    MAX_FACTS + 1 - len(facts), zone or carried.zone)
                facts.extend(found_facts)
                if len(facts) > MAX_FACTS:
                    return _stopped(facts, meta, text)
                # "年均增长14.2%;2012年达到7000亿元": the clause after a semicolon goes on.
                carried = left if text[e:e + 1] == ";" else NOTHING_CARRIED
                continue
            carried = NOTHING_CARRIED
            if frame.kind == "plan" and _QUALITATIVE_HINT.search(text, s, e):
                for a, b in clauses(text, s, e):
                    # A qualitative target needs a predicate word; most prose clauses have none.
                    if _PREDICATE_WORD.search(text, a, b):
                        facts.extend(_qualitative(Clause(text, a, b, frame, meta, source),
                                                  find_mentions_in_prose(text, a, b)))
                        if len(facts) > MAX_FACTS:
                            return _stopped(facts, meta, text)
    return facts


def _before_plan_reference(text: str, a: int, b: int, quantities: list[Quantity]) -> int | None:
    """Where a review's clause stops telling results: before a remark on last year's plan
    listed after them ("城镇新增就业132万人、超额完成国家下达的110万人就业任务"); at its
    end when it makes none; None when the remark comes before every number ("超额完成年度
    任务2.1亿元", "比年初目标高1个百分点")."""
    remark = marker_words("plan_reference").search(text, a, quantities[-1].end)
    if remark is None:
        return b
    listed = text.rfind("、", a, remark.start())
    return listed if listed >= quantities[0].end else None


def _stopped(facts: list[Fact], meta: ReportMeta, text: str) -> list[Fact]:
    """The first MAX_FACTS facts of more, and a note saying where the text was read to."""
    meta.notes.append(f"more than {MAX_FACTS:,} facts, which no report holds: only the first {MAX_FACTS:,} are "
                      f"kept, and the text was read no further than character {facts[MAX_FACTS].start:,} "
                      f"of {len(text):,}")
    return facts[:MAX_FACTS]


class Carried(NamedTuple):
    """What a sentence ending in ";" leaves to the next: the list it was on goes on."""
    subject: Subject | None     # the subject it ended with
    flags: Flags                # a clause of its own ("初步预计,") said its figures are preliminary
    when: str                   # a clause of its own said when ("今后五年,")
    zone: str = ""              # the part of the region it was about ("44个县(市)地区生产总值增长23%;")


NOTHING_CARRIED = Carried(None, NO_FLAGS, "")


def _sentence_facts(sentence: Clause, before: Carried, room: int, zone: str = "") -> tuple[list[Fact], Carried]:
    """The facts of the sentence and what it leaves to a sentence after a semicolon;
    `before` is what the sentence before left to it. Clauses are read until `room` facts
    are found."""
    text, s, e, frame = sentence.text, sentence.start, sentence.end, sentence.frame
    out: list[Fact] = []
    history: list[Subject] = []   # subjects named so far in the sentence, for 分别 over several clauses
    prev, carried, prev_flags = before.subject, before.flags, NO_FLAGS
    when = before.when  # a clause that only says when ("到2026年,") dates the rest of the sentence
    # zone: the part of the region the sentence is about ("临港产业园…,2021年实现…"), at first its paragraph's
    part_of_year = False   # after "一季度," or "今年以来,": figures of part of a year, no year's
    aside = None       # the subject an aside restated in money, whose growth may follow the aside
    topic = None       # the words the sentence opens on, when they name no indicator ("粮食生产再获大丰收")
    since = False      # the clause before measured from a year long past ("由2015年的94.9亿元增加到170亿元")
    summed = False     # the clause before summed several years ("五年累计实际利用外资33.7亿美元")
    year_before = ""   # the year the clause before named for its figure ("2007年达到9145亿元")
    listed_zone = before.zone   # a part of the region a list opens on with its figures ("44个县(市)地区生产总值…")
    opening = True     # no clause before gave a figure or named an indicator ("2007年,", "以…为核心,激发…活力,")
    for a, b in clauses(text, s, e):
        if len(out) >= room:
            break
        if _PART_OF_YEAR_ONLY.fullmatch(text, a, b):
            part_of_year = True
            continue
        if part_of_year and "全年" in text[a:b]:
            part_of_year = False    # "一季度…,预计全年增长7%": the year's figure again
        zone = "" if zone and leaves_zone(text, a, b, sentence.meta.region) else zone or zone_opening(text, a, b, opening)
        quantities = find_quantities(text, a, b)
        if any(q.unit == "倍" for q in quantities) and _after_decades(text, a, sentence.meta.report_year):
            quantities = [q for q in quantities if q.unit != "倍"]
        mentions = with_own_region(text, a, find_mentions(text, a, b), own_names(sentence.meta.region))
        if opening and zone and mentions and before is NOTHING_CARRIED:
            listed_zone = zone
        opening = opening and not quantities and not mentions
        if mentions and any(_indexed(m.codes) for m in mentions):
            quantities = _with_index_numbers(text, a, b, quantities)
        if quantities and part_of_year:
            prev = subject_of(mentions, text, a) if mentions else prev
            continue
        if since and quantities and _grows_since(text, a, b, quantities[0].start, mentions):
            # ",增长79.1%" after "由2015年的…增加到…", "…比2016年增长39%,社会消费品零售总额增长
            # 26.4%": a list measured from the base its first item names, no year's growth.
            prev = subject_of(mentions, text, a) if mentions else prev
            continue
        since = _from_long_ago(text, a, b, sentence.meta.report_year) \
            or since and OVER_THE_YEAR.search(text, a, b) is None
        if summed and quantities and _sums_on(text, a, quantities):
            # ",完成外贸进出口211亿美元" after "五年累计实际利用外资33.7亿美元": another sum of the
            # years, whose subject a 分别 after it may still reach ("…,年均分别增长12%和10.7%").
            if mentions:
                prev = subject_of(mentions, text, a)
                history.append(prev)
            continue
        summed = _sums_years(text, s, a, b, frame.five_year)
        if quantities:
            # ",增长14.4%" after "2007年达到9145亿元": the growth of the year just named.
            bare = not mentions and _BARE_CHANGE.match(text, a, quantities[0].start) is not None
            dated = year_before if bare and year_before else when
            year_before = _year_named(text, a, quantities[0].start) or (year_before if bare else "")
        if not quantities:
            if a == s and not mentions:
                words = text[a:min(b, a + _TOPIC)]
                topic = Subject((f"other:{words}",), (words,), b, a)
            flags = _clause_flags(text, a, b)
            if _is_marker_only(text[a:b]):
                carried = carried.merged(flags)
            if _is_time_only(text[a:b]):
                when = text[a:b]
            elif _ESTIMATE_OF_A_YEAR.fullmatch(text, a, b):
                # "预计2015年,实现地区生产总值710亿元": preliminary, as after "预计,"; the year
                # dates nothing the frame does not (in a term's review its growths stay the term's).
                carried = carried.merged(Flags(estimated=True))
            if frame.kind == "plan":
                out.extend(_qualitative(sentence.part(a, b), mentions))
            prev = _subject_after_words(text, a, b, e, mentions, prev)
            prev_flags = flags
            continue
        if frame.kind == "review":
            b = _before_plan_reference(text, a, b, quantities)
            if b is None:
                continue   # "超额完成年度任务2.1亿元": a remark on last year's plan; the subject goes on
            quantities = [q for q in quantities if q.end <= b]
            mentions = [m for m in mentions if m.end <= b]
        if topic is not None and not mentions:
            prev = _head_of_topic(text[a:quantities[0].start], topic, prev, a)
        flags = _number_flags(text, a, b, quantities, mentions, carried)
        if aside is not None and not mentions and _BARE_GROWTH.match(text, a, quantities[0].start):
            prev = aside     # "…6.51万亿元,总量折合超过1万亿美元,比上年增长8.7%": the total's growth
        aside = None
        runs, continued = attach(text, a, b, quantities, mentions,
                                 widen(prev, history, text, a, b, len(quantities)))
        if not runs and mentions and frame.kind == "plan" and _AGAINST_ANOTHER.search(text, a, b):
            # "地区生产总值增速高于全省0.5个百分点": a promise measured against another region's
            # figure, listed though it cannot be judged from the region's own.
            out.extend(_qualitative(sentence.part(a, b), mentions))
        if continued:
            flags = flags.merged(prev_flags)
        if runs:
            if not mentions and _is_aside(text, a, b, runs, prev, continued):
                aside = prev
            out.extend(_runs_facts(sentence.part(a, b), runs, quantities[-1].end, flags, dated, zone))
            history.extend(r.subject for r in runs)
            prev = runs[-1].subject
        elif mentions:
            # Numbers set aside, about the subject the clause names, which the next clause may
            # go on with: "…收入分别从1000亿元、500亿元台阶,迈上了2000亿元、1000亿元台阶".
            prev = subject_of(mentions, text, a)
        elif not is_transparent(text[a:quantities[0].start]):
            prev = None   # numbers set aside, but about a subject of their own
        prev_flags = flags
    # A list that opens on when ("到2020年,全市地区生产总值达到4300亿元…;规模工业增加值…")
    # is all of that year; a time said inside a list ("…;到2024年,地区生产总值突破1780亿元;
    # 单位GDP能耗下降2.7%;…") dates its own item only.
    opened = before is NOTHING_CARRIED
    # So is a list that opens on a part of the region's figures ("44个县(市)地区生产总值增长23%;财政一般
    # 预算收入492亿元,增长44%"), not one that names a part further in or opens on its other doings
    # ("自贸试验区红河片区147项改革试点任务全部完成;…").
    return out, Carried(prev, Flags(estimated=carried.estimated), when if opened or before.when else "",
                        listed_zone if zone else "")


# A base of long ago: "由2015年的94.9亿元…", "比2016年增长", "比“十二五”末增长" (group 1: its year).
_FROM_YEAR = re.compile(r"[由从比较](?:((?:19|20)\d\d)\s?年(?!以来)|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期?末|时期))")


def _from_long_ago(text: str, a: int, b: int, report_year: int | None) -> bool:
    """Whether text[a:b] measures from a plan's end or a year before the one before the year
    it reviews (a report of 2021 reviews 2020: "由2019年的…" is the year's change, "由2015年的…"
    the term's)."""
    found = _FROM_YEAR.search(text, a, b)
    return found is not None and (found.group(1) is None
                                  or report_year is not None and int(found.group(1)) < report_year - 2)


_SUM = re.compile(r"累计(?!.{0,3}(?:增长|下降|上涨))")
_SEVERAL_YEARS_SUM = re.compile(PAST_YEARS + "(?:来|间|中)?累计")
# The words a clause of another sum opens on: a verb of doing, and the name.
_ANOTHER_SUM = re.compile(r"[,\s]*(?:完成|实现)")


def _sums_years(text: str, s: int, a: int, b: int, term: bool) -> bool:
    """Whether the clause text[a:b] of the sentence from s sums several years: 累计 after a
    count of years in the sentence ("五年累计…"), or anywhere in a paragraph about a term."""
    found = _SUM.search(text, a, b)
    if found is None or WITHIN_A_YEAR.match(text, max(s, found.start() - 2), found.end()):
        return False
    return term or _SEVERAL_YEARS_SUM.search(text, s, found.end()) is not None


def _sums_on(text: str, a: int, quantities: list[Quantity]) -> bool:
    """Whether the clause opens on 完成/实现 and gives amounts only, as the sum before it did."""
    return _ANOTHER_SUM.match(text, a) is not None and not any(q.unit in ("%", "pp", "倍") for q in quantities)


_ESTIMATE_OF_A_YEAR = re.compile(r"\s*(?:初步)?预计(?:19|20)\d\d\s?年(?:全年)?\s*")
# A change said with no name: "增长14.4%", "年增长32.4%", "比上年下降2%".
_BARE_CHANGE = re.compile(r"[,\s]*(?:同比|[比较]上年)?年?(?:增长|下降|提高|增加|上升|减少|降低)了?\s*$")
# A year a figure is of, named before it: "2007年达到9145亿元" (not a base: "比2002年", "由2015年的",
# "为1997年的1.5倍").
_NAMED_YEAR = re.compile(r"(?<![比较由从为是于\d])((?:19|20)\d\d)\s?年(?![以来初的]|[与同和比到至](?:19|20))")


def _year_named(text: str, a: int, first: int) -> str:
    """The year named in text[a:first] (before a clause's first number), as "2007年"; "" if none."""
    found = _NAMED_YEAR.search(text, a, first)
    return found.group(1) + "年" if found else ""


def _grows_since(text: str, a: int, b: int, first: int, mentions: list[Mention]) -> bool:
    """Whether the clause text[a:b] says only a change before its first number, of the name it
    opens on if any, and over no year before."""
    start = max([m.end for m in mentions if m.end <= first], default=a)
    return _BARE_CHANGE.match(text, start, first) is not None and OVER_THE_YEAR.search(text, a, b) is None


# A growth over the year before, said with no name: "比上年增长8.7%", "同比增长13%".
_BARE_GROWTH = re.compile(r"[,\s]*(?:" + OVER_THE_YEAR.pattern + r")(?:增长|下降)\s*$")
_MONEY = ("元", "美元")
# Words of an aside that restates a total: its size in another currency, a mark it passed.
_RESTATES = re.compile(r"折合|总量|行列|大关|台阶|突破|跨越|跨过|迈上|跃上|站上")


def _is_aside(text: str, a: int, b: int, runs: list[Attached], before: Subject | None, continued: bool) -> bool:
    """Whether a clause without a catalog name, after a catalog subject, only restated its
    total in money ("总量折合超过1万亿美元", "第三个进入3000亿元行列": words of _RESTATES) or gave
    its share of a larger whole ("占全省的25.3%")."""
    if before is None or all(c.startswith("other:") for c in before.codes) \
            or not all(c.startswith("other:") for r in runs for c in r.subject.codes):
        return False
    units = {q.unit for r in runs for q in r.quantities}
    if text.startswith("占", a):
        return units == {"%"}
    return not continued and _RESTATES.search(text, a, b) is not None and units <= set(_MONEY)


# The words a sentence opens on that may name what a head word alone counts later ("粮食生产…",
# "工业经济…"); further in they name something narrower ("中小微工业企业活力显著增强,…,增加值增长
# 24.6%" is no value added of all industry).
_TOPIC = 4


def _head_of_topic(gap: str, topic: Subject, prev: Subject | None, a: int) -> Subject | None:
    """The subject a head word alone names ("总产量达到…") by the words the sentence opened on
    ("粮食生产再获大丰收,增产8.32亿斤,总产量达到816.16亿斤"), where the subject before does not
    ("规模以上工业总产值突破6000亿元,增加值增长6.9%" is the head of 规模以上工业's)."""
    if prev is not None and elliptic_head(gap, prev, a) is not None:
        return prev
    return elliptic_head(gap, topic, a) or prev


def _subject_after_words(text: str, a: int, b: int, sentence_end: int, mentions: list[Mention],
                         prev: Subject | None) -> Subject | None:
    """The subject left to the next clause by the clause text[a:b], which holds no number."""
    if mentions:
        return subject_of(mentions, text, a)
    # A qualifier such as "按可比价格计算" keeps the subject, and so does a comparison
    # ("超过“十五”时期5年总和"); other words end it, unless a head word names the
    # indicator they spoke of ("粮食生产实现“十八连丰”,总产…").
    if only_gap_words(text[a:b]) or _COMPARES.match(text, a, b) \
            or prev is not None and prev.whole_year is not None and PART_OF_YEAR.match(text, a, b):
        return prev
    return headed_by(text, b, sentence_end, a)


def _runs_facts(clause: Clause, runs: list[Attached], numbers_end: int, flags: Flags, when: str,
                zone: str) -> list[Fact]:
    """The facts of the clause's runs of numbers, which end at numbers_end."""
    # One clause, one kind and year for all its runs.
    # What follows the last number is no part of it ("上涨2.2%、控制在预期目标内").
    dated = kind_and_year(when + "," + clause.text[clause.start:numbers_end], clause.frame, clause.meta)
    out: list[Fact] = []
    for att in runs:
        if zone:
            att = replace(att, subject=in_zone(att.subject, zone))
        out.extend(facts_of(att, clause, flags, dated))
    return out


def _qualitative(clause: Clause, mentions: list[Mention]) -> list[Fact]:
    """"进出口总额保持稳定增长", "农村居民人均可支配收入增长快于城镇居民": a target without a
    number, listed but not judged. Only a clause that opens with the indicator counts, so
    that policy prose ("加快推动固定资产投资稳步增长") is not read as a promise."""
    text, a, b = clause.text, clause.start, clause.end
    if not mentions or not only_gap_words(text[a:mentions[0].start]):
        return []
    first = subject_of(leading_group(mentions, text), text, a)
    if not _QUALITATIVE_PREDICATE.match(text, first.end, b):
        return []
    kind, year = kind_and_year(text[a:b], clause.frame, clause.meta)[:2]
    if kind != "target":
        return []
    benchmarks = {code for m in mentions[1:] if _is_benchmark(text, m) for code in m.codes}
    return [f for f in qualitative_facts(clause, first, year) if f.indicator not in benchmarks]


def _is_benchmark(text: str, mention: Mention) -> bool:
    """"居民人均可支配收入与经济增长同步": what the promise is measured against, not a
    second subject of it."""
    return text[mention.start - 1:mention.start] in _WITH and _IN_STEP.match(text, mention.end) is not None


def _indexed(codes: tuple[str, ...]) -> bool:
    bases = index_bases()
    return any(c in bases for c in codes)


def _with_index_numbers(text: str, a: int, b: int, quantities: list[Quantity]) -> list[Quantity]:
    """The clause's numbers and those written as an index without a unit, in text order."""
    taken = [(q.start, q.end) for q in quantities]
    more = [q for q in find_index_numbers(text, a, b) if not any(s <= q.start < e for s, e in taken)]
    return sorted(quantities + more, key=lambda q: q.start) if more else quantities


@cache
def _flag_words() -> tuple[re.Pattern, re.Pattern]:
    m = markers()
    return re.compile("|".join(m["estimated"])), re.compile("|".join(m["strive"]))


def _clause_flags(text: str, a: int, b: int) -> Flags:
    estimated, strive = _flag_words()
    return Flags(estimated.search(text, a, b) is not None, strive.search(text, a, b) is not None)


def _number_flags(text: str, a: int, b: int, quantities: list[Quantity], mentions: list[Mention],
                  carried: Flags) -> Flags:
    """How sure the figures of the clause text[a:b] are, with what a clause before it said."""
    # 力争 before the first name or number hedges the whole clause; one later on hedges
    # only the number it stands before ("确保增长7%、力争增长8%").
    lead_end = min(quantities[0].start, mentions[0].start) if mentions else quantities[0].start
    return Flags(_flag_words()[0].search(text, a, b) is not None or carried.estimated,
                 marker_words("strive").search(text, a, lead_end) is not None or carried.strive)


def _is_time_only(clause: str) -> bool:
    return _TIME_ONLY.match(clause.strip()) is not None


def _is_marker_only(clause: str) -> bool:
    """Whether the clause says only how sure or when the rest is ("预计", "力争,全年"): two
    characters at most are left once those words are taken out."""
    words, other_characters = _marker_only_words()
    if other_characters.search(clause):
        return False    # taking out words cannot take out characters no word holds
    rest = clause
    for w in words:
        rest = rest.replace(w, "")
    return len(rest.strip()) <= 2


@cache
def _marker_only_words() -> tuple[list[str], re.Pattern]:
    """The words _is_marker_only takes out, and a pattern finding three characters that none
    of them holds (blanks aside)."""
    m = markers()
    words = m["estimated"] + m["strive"] + ["据", "经", "全年", "今年", "到年末", "到年底", "年末", "年底"]
    held = re.escape("".join(sorted(set("".join(words)))))
    return words, re.compile(rf"[^{held}\s](?:.*?[^{held}\s]){{2}}", re.S)
