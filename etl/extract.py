"""Sentences of a report → facts: which indicator each number is about, and how.

A clause (the text between commas) is read as subjects followed by numbers. A subject is a
group of indicator names joined by 、/和 ("固定资产投资、社会消费品零售总额"); the numbers
after it belong to it while the words between are only verbs, adverbs and qualifiers.
A run of numbers joined by 、 is shared out over the group: one number each when the counts
agree (分别 or not), the same number for all when there is one (均, "A、B增长8%左右").
A clause that opens with a verb ("同比增长9.2%") continues the subject of the clause before.
Numbers whose subject is not in the catalog become `other:<name>` facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple
from functools import cache, lru_cache

from etl.catalog import indicators, lexicon, marker_words, markers, trie_pattern, wholes
from etl.facts import Fact, ReportMeta
from etl.mentions import ENUM, MAX_ITEM, Mention, shared_head, gdp_share_words, find_mentions, find_mentions_in_prose
from etl.naming import clean_name
from etl.numbers import Quantity, find_index_numbers, find_quantities
from etl.qualify import (
    after_comparator_len, basis, comparator, kind_and_year, measure_rule, unit_fits,
)
from etl.scope import Scope
from etl.segment import Section, clauses, sentences

_QUALITATIVE_HINT = re.compile(r"保持|同步|快于|高于|稳定|稳步|平稳|增长|增速|完成上级|控制在上级")
_PREDICATE_WORD = re.compile(
    r"保持|实现|稳中|稳定|稳步|平稳|增长|增速|增幅|同步|快于|高于|与经济|和经济|完成|控制在|达到|持续|基本|合理|明显")
_QUALITATIVE_PREDICATE = re.compile(rf"\s*(?:{_PREDICATE_WORD.pattern})")
# \d, 百分之, or a Chinese digit before a magnitude; written to open with one character
# class so that re can skip to candidates at C speed (it is tried on every sentence).
_MAY_HOLD_NUMBER = re.compile(r"[\d百千万过超破零〇一二两三四五六七八九十](?:(?<=\d)|(?<=百)分之|(?<=[零〇一二两三四五六七八九十])[十百千万亿]"
                              r"|(?<=[千百万])亿|(?<=[过超破])万)")


@dataclass(slots=True)
class Subject:
    codes: tuple[str, ...]        # catalog codes, or one "other:<name>" per item
    names: tuple[str, ...]
    end: int                      # where its words end in the text
    clause_start: int             # the clause it was named in (for the evidence sentence)
    whole: str = ""               # an unnamed subject's phrase read as one ("新建、改造高标准农田")
    start: int = -1               # where its words start in the text, when it was named
    whole_year: Subject | None = None   # of a part of the year ("一季度地区生产总值"): the year's


@dataclass(slots=True)
class Flags:
    """Never changed once made: a new one is made instead."""
    estimated: bool = False
    strive: bool = False


_NO_FLAGS = Flags()   # shared: every sentence starts with it


@dataclass(slots=True)
class Attached:
    subject: Subject
    quantities: list[Quantity] = field(default_factory=list)
    context: str = ""             # the words between subject (or previous number) and the run


@cache
def _gap_re() -> re.Pattern:
    return re.compile("(?:" + "|".join(markers()["gap"]["patterns"]) + ")*")


# The words between a subject and its number are a few verbs and adverbs that recur
# throughout a report and across reports ("同比增长", "达到"): their readings are cached.
_PHRASE_CACHE = 16384


@lru_cache(maxsize=_PHRASE_CACHE)
def _only_gap_words(s: str) -> bool:
    return _gap_re().fullmatch(s) is not None


def extract_facts(text: str, sections: list[Section], meta: ReportMeta, source: str = "") -> list[Fact]:
    facts: list[Fact] = []
    for sec in sections:
        if sec.kind == "preamble":
            continue
        number = -1   # where the next number starts, once looked for: sentences before it hold none
        scope = Scope(text, sec, meta)
        carried: Subject | None = None   # the subject a sentence ending in ";" leaves to the next
        for s, e in sentences(text, sec.start, sec.end):
            frame = scope.frame(text, s, e)
            if number < s:
                found = _MAY_HOLD_NUMBER.search(text, s, sec.end)
                number = found.start() if found else sec.end
            # Most sentences hold no number at all; they can only hold a qualitative target.
            if number < e:
                found_facts, last = _sentence_facts(text, s, e, frame, meta, source, carried)
                facts.extend(found_facts)
                # "年均增长14.2%;2012年达到7000亿元": the clause after a semicolon goes on.
                carried = last if text[e:e + 1] == ";" else None
                continue
            carried = None
            if frame.kind == "plan" and _QUALITATIVE_HINT.search(text, s, e):
                for a, b in clauses(text, s, e):
                    # A qualitative target needs a predicate word; most prose clauses have none.
                    if _PREDICATE_WORD.search(text, a, b):
                        facts.extend(_qualitative(text, a, b, find_mentions_in_prose(text, a, b), frame, meta, source))
    return facts


def _sentence_facts(text, s, e, sec, meta, source, prev: Subject | None = None) -> tuple[list[Fact], Subject | None]:
    """The facts of the sentence text[s:e], and the subject it ends with."""
    out: list[Fact] = []
    history: list[Subject] = []   # subjects named so far in the sentence, for 分别 over several clauses
    carried = prev_flags = _NO_FLAGS
    when = ""          # a clause that only says when ("到2026年,") dates the rest of the sentence
    zone = ""          # a part of the region the sentence is about ("临港产业园…,2021年实现…")
    for a, b in clauses(text, s, e):
        zone = zone or _zone_opening(text, a, b)
        quantities = find_quantities(text, a, b)
        mentions = find_mentions(text, a, b)
        if mentions and any(_indexed(m.codes) for m in mentions):
            quantities = _with_index_numbers(text, a, b, quantities)
        if not quantities:
            flags = _clause_flags(text, a, b)
            if _is_marker_only(text[a:b]):
                carried = Flags(carried.estimated or flags.estimated, carried.strive or flags.strive)
            if _is_time_only(text[a:b]):
                when = text[a:b]
            if sec.kind == "plan":
                out.extend(_qualitative(text, a, b, mentions, sec, meta, source))
            if mentions:
                prev = _subject_of(mentions, text, a)
            elif not _only_gap_words(text[a:b]) and not _COMPARES.match(text, a, b) \
                    and not (prev is not None and prev.whole_year is not None and _PART_OF_YEAR.match(text, a, b)):
                # A qualifier such as "按可比价格计算" keeps the subject, and so does a comparison
                # ("超过“十五”时期5年总和"); other words end it, unless a head word names the
                # indicator they spoke of ("粮食生产实现“十八连丰”,总产…").
                prev = _headed_by(text, b, e, a)
            prev_flags = flags
            continue
        if sec.kind == "review" and marker_words("plan_reference").search(text, a, quantities[-1].end):
            continue   # "超额完成年度任务2.1亿元": a remark on last year's plan; the subject goes on
        # 力争 before the first name or number hedges the whole clause; one later on hedges
        # only the number it stands before ("确保增长7%、力争增长8%").
        lead_end = min(quantities[0].start, mentions[0].start) if mentions else quantities[0].start
        flags = Flags(_flag_words()[0].search(text, a, b) is not None or carried.estimated,
                      marker_words("strive").search(text, a, lead_end) is not None or carried.strive)
        runs, continued = _attach(text, a, b, quantities, mentions,
                                  _widen(prev, history, text, a, b, len(quantities)))
        if continued:
            flags = Flags(flags.estimated or prev_flags.estimated, flags.strive or prev_flags.strive)
        if runs:
            # One clause, one kind and year for all its runs.
            # What follows the last number is no part of it ("上涨2.2%、控制在预期目标内").
            dated = kind_and_year(when + "," + text[a:quantities[-1].end], sec, meta)
            for att in runs:
                if zone:
                    att = replace(att, subject=_in_zone(att.subject, zone))
                out.extend(_facts_of(att, text, a, b, flags, dated, meta, source))
        history.extend(r.subject for r in runs)
        if runs:
            prev = runs[-1].subject
        elif not _is_transparent(text[a:quantities[0].start]):
            prev = None   # numbers set aside, but about a subject of their own
        prev_flags = flags
    return out, prev


# A sentence that opens on a zone, a park or a new district of the region gives that part's
# figures, clause after clause ("凤岭新区地区生产总值增长9.2%,规上工业增加值增长13.8%").
_ZONE = re.compile(r"[\u4e00-\u9fff“”]{1,8}?(?:新区|园区|产业园|开发区|高新区|经开区|综保区|保税区|自贸区|自贸试验区|试验区|示范区|片区|港区|街道)"
                   r"(?=从|已|全年|今年|去年|\d|实现|完成|地区生产总值|生产总值|GDP|规模以上|规上|固定资产|一般公共|进出口|外贸)")


_ZONE_END = re.compile("[区园道]")
# Words of an action on a zone ("深入推进跨境电商综合试验区建设"): the zone is no topic then.
_ACTION = re.compile(r"推进|推动|加快|建设|打造|实施|深化|加大|支持|依托|创建|申建|获批|积极|全力|着力|大力|争创|发挥")


def _zone_opening(text: str, a: int, b: int) -> str:
    # Every zone's name ends in 区, 园 or 道 within its first ten characters.
    if _ZONE_END.search(text, a, min(b, a + 11)) is None:
        return ""
    m = _ZONE.match(text, a, b)
    return m.group() if m and not _ACTION.search(m.group()) else ""


def _in_zone(subject: Subject, zone: str) -> Subject:
    """The subject as a figure of the zone: a catalog name becomes the zone's own (other:)."""
    if all(c.startswith("other:") for c in subject.codes):
        return subject
    names = tuple(n if c.startswith("other:") else clean_name(zone + n) for c, n in zip(subject.codes, subject.names))
    codes = tuple(c if c.startswith("other:") else f"other:{n}" for c, n in zip(subject.codes, names))
    return replace(subject, codes=codes, names=names)


@cache
def _index_bases() -> dict[str, float]:
    """Indicators a report may state as an index, and the index's base (previous year = 100)."""
    return {code: ind.index for code, ind in indicators().items() if ind.index}


def _indexed(codes: tuple[str, ...]) -> bool:
    bases = _index_bases()
    return any(c in bases for c in codes)


def _with_index_numbers(text: str, a: int, b: int, quantities: list[Quantity]) -> list[Quantity]:
    """The clause's numbers and those written as an index without a unit, in text order."""
    taken = [(q.start, q.end) for q in quantities]
    more = [q for q in find_index_numbers(text, a, b) if not any(s <= q.start < e for s, e in taken)]
    return sorted(quantities + more, key=lambda q: q.start) if more else quantities


def _qualitative(text, a, b, mentions, sec, meta, source) -> list[Fact]:
    """"进出口总额保持稳定增长", "农村居民人均可支配收入增长快于城镇居民": a target without a
    number, listed but not judged. Only a clause that opens with the indicator counts, so
    that policy prose ("加快推动固定资产投资稳步增长") is not read as a promise."""
    if not mentions or not _only_gap_words(text[a:mentions[0].start]):
        return []
    first = _subject_of(_leading_group(mentions, text), text, a)
    if not _QUALITATIVE_PREDICATE.match(text, first.end, b):
        return []
    kind, year, _ = kind_and_year(text[a:b], sec, meta)
    if kind != "target":
        return []
    return [Fact(region=meta.region, region_level=meta.region_level, report_year=meta.report_year,
                 kind=kind, year=year, indicator=code, name=name, measure="qualitative", value=None,
                 unit="", sentence=text[a:b], start=a, end=b, source=source)
            for code, name in zip(first.codes, first.names)]


def _leading_group(mentions: list[Mention], text: str) -> list[Mention]:
    """The first names of a clause that are joined only by enumerators."""
    group = mentions[:1]
    for m in mentions[1:]:
        if "".join(text[group[-1].end:m.start].split()) not in ("、", "和", "及", "与", "以及"):
            break
        group.append(m)
    return group


def _is_transparent(prefix: str) -> bool:
    """"是2010年的1.5倍" only compares the subject before it; "争取上级转移支付资金较2021年
    增加…" names a subject of its own."""
    return _only_gap_words(_relative_re().sub("", prefix))


def _widen(prev: Subject | None, history: list[Subject], text: str, a: int, b: int, n: int) -> Subject | None:
    """"城镇居民…42170元,农村居民…18320元,分别增长8.2%、9.2%": 分别 in text[a:b] reaches back
    over as many subjects as it has numbers."""
    if prev is None or n <= len(prev.codes) or text.find("分别", a, b) < 0:
        return prev
    taken: list[Subject] = []
    for subj in reversed(history):
        if any(t.codes == subj.codes for t in taken):
            continue   # a level and its growth name the same subject twice
        taken.insert(0, subj)
        if sum(len(t.codes) for t in taken) >= n:
            break
    codes = tuple(c for t in taken for c in t.codes)
    if len(codes) != n:
        return prev
    names = tuple(x for t in taken for x in t.names)
    return Subject(codes, names, prev.end, taken[0].clause_start)


@cache
def _flag_words() -> tuple[re.Pattern, re.Pattern]:
    m = markers()
    return re.compile("|".join(m["estimated"])), re.compile("|".join(m["strive"]))


def _clause_flags(text: str, a: int, b: int) -> Flags:
    estimated, strive = _flag_words()
    return Flags(estimated.search(text, a, b) is not None, strive.search(text, a, b) is not None)


_TIME_ONLY = re.compile(r"^(?:到|至|在|截至|预计到)?(?:(?:19|20)\d\d年(?:底|末)?|[“\"]?十[一二三四五六七八九]五[”\"]?(?:规划)?(?:期末|末|时期|期间))(?:时|前)?$")


def _is_time_only(clause: str) -> bool:
    return _TIME_ONLY.match(clause.strip()) is not None


def _is_marker_only(clause: str) -> bool:
    m = markers()
    rest = clause
    for w in m["estimated"] + m["strive"] + ["据", "经", "全年", "今年", "到年末", "到年底", "年末", "年底"]:
        rest = rest.replace(w, "")
    return len(rest.strip()) <= 2


def _subject_of(mentions: list[Mention], text: str, clause_start: int) -> Subject:
    """The last group of names joined only by enumerators."""
    group = [mentions[-1]]
    for m in reversed(mentions[:-1]):
        between = text[m.end:group[0].start]
        between = "".join(between.split())
        if between and all(c in "、和及与" for c in between) or between == "以及":
            group.insert(0, m)
        else:
            break
    codes = tuple(c for m in group for c in m.codes)
    names = tuple(n for m in group for n in ([m.name] * len(m.codes)))
    return Subject(codes, names, group[-1].end, clause_start, start=group[0].start)


@cache
def _relative_re() -> re.Pattern:
    return re.compile("|".join(markers()["relative"]))


def _attach(text, a, b, quantities, mentions, prev):
    """Group the clause's numbers into runs, each with its subject; and whether the clause
    continued the previous clause's subject."""
    # "万元GDP能耗" holds 万元 inside a name: not a number.
    if mentions:
        quantities = [q for q in quantities if not any(m.start <= q.start < m.end for m in mentions)]
    if len(quantities) > 1:     # a lone number modifies nothing
        quantities = [q for q, nxt in zip(quantities, quantities[1:] + [None]) if not _is_modifier(text, q, nxt)]
    runs: list[Attached] = []
    cursor = a
    current: Subject | None = None
    continued = False
    last_q: Quantity | None = None
    for q in quantities:
        named = [m for m in mentions if cursor <= m.start and m.end <= q.start]
        if named:
            current = _subject_of(named, text, a)
            lead = text[cursor:current.start]
            if not _only_lead_words(lead):
                current = _items_before(lead, current) or _modified_subject(text, cursor, current, named)
            cursor = current.end
        gap = text[cursor:q.start]
        # The 、 or comma that closed the run before names nothing: "、新建幼儿园" reads as
        # "新建幼儿园" (and is remembered once for both).
        words = _read_gap(gap.lstrip("、, "))
        if words.relative:
            cursor, last_q = q.end, None   # measured against another base: not this year's figure
            continue
        if last_q is not None and runs and _same_run(text, last_q, q) and runs[-1].subject is current:
            runs[-1].quantities.append(q)
        elif current is not None and _only_gap_words(gap):
            runs.append(Attached(current, [q], gap))
        elif current is not None and (head := _elliptic_head(gap, current, a)) is not None:
            if not runs and gap[:1] in ENUM:
                # "粮食播种面积、总产量分别达到136.7万亩、10.4亿斤": a second item, its name
                # completed from the first's; once the first has its figure, the head names anew.
                head = replace(current, codes=current.codes + head.codes, names=current.names + head.names)
            current = head
            runs.append(Attached(current, [q], gap))
        elif current is None and not runs and prev is not None and _only_gap_words(gap):
            current, continued = prev, True
            if prev.whole_year is not None and "全年" in gap:
                current = prev.whole_year   # "一季度地区生产总值下降7.2%,预计全年增长3.5%"
            runs.append(Attached(current, [q], gap))
        elif current is None and not runs and prev is not None and (head := _elliptic_head(gap, prev, a)):
            current, continued = head, True
            runs.append(Attached(current, [q], gap))
        elif current is not None and not runs and (more := _unnamed_items(gap, _read_gap(gap.lstrip("、,和及与 ")), current)) is not None:
            current = more
            runs.append(Attached(current, [q], words.verbs))
        elif current is not None and not runs and (part := _part_of_year(gap, current)) is not None:
            current = part      # "全市生产总值一季度下降7.2%": a quarter's figure, not the year's
            runs.append(Attached(current, [q], words.verbs))
        elif (parts := _parts_of(words, current or prev, a)) is not None:
            current, continued = parts, current is None
            runs.append(Attached(current, [q], words.verbs))
        else:
            current = _other_subject(text, words, q, a, prev if not runs else current, b)
            runs.append(Attached(current, [q], words.verbs))
        cursor = q.end
        last_q = q
    return runs, continued


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def _only_lead_words(lead: str) -> bool:
    """Whether the words before a named subject, on its line, only say when, where or how
    sure ("预计全年", "全市", "其中"): other words make the name part of a longer one."""
    return _only_gap_words(lead[lead.rfind("\n") + 1:].lstrip("、,和及与 "))


# A name of this many characters or fewer after an enumerator is a bare head that shares the
# modifier of the name before it ("县域生产总值和财政收入"); a longer one carries its own
# ("市区居民人均可支配收入和农民人均纯收入").
_SHARES_A_MODIFIER = 4


def _modified_subject(text: str, lead_from: int, named: Subject, mentions: list[Mention]) -> Subject:
    """"全省海洋生产总值", "县域地区生产总值": a catalog name inside a longer one names
    something else (a part of the economy, of the region), by the whole phrase. Only the
    first of an enumeration is so modified ("市区居民人均可支配收入和农民人均纯收入": the second
    keeps its name)."""
    first = next(m for m in mentions if m.start == named.start)
    if len(named.codes) > len(first.codes) and len(named.names[len(first.codes)]) <= _SHARES_A_MODIFIER:
        first = Mention(first.start, named.end, named.codes, named.names[0])   # the whole enumeration
    phrase = text[lead_from:first.end].lstrip("、,和及与 ")
    codes, names, whole = _other_names(phrase)
    rest = len(first.codes)
    if len(named.codes) > rest and len(named.names[rest]) > _SHARES_A_MODIFIER:
        return replace(named, codes=codes + named.codes[rest:], names=names + named.names[rest:])
    part_of_year = _PART_OF_YEAR.search(text, lead_from, first.start) is not None
    return Subject(codes, names, named.end, named.clause_start, whole, named.start, named if part_of_year else None)


# A part of a year before a name: its figure is not the year's, but "全年" after it is.
_PART_OF_YEAR = re.compile(r"[一二三四]季度|[上下]半年|前三季度|\d{1,2}(?:[-—至~]\d{1,2})?月")


def _part_of_year(gap: str, named: Subject) -> Subject | None:
    """"全市生产总值一季度下降7.2%": the subject's figure for a part of the year."""
    period = _PART_OF_YEAR.match(gap)
    if period is None or not _only_gap_words(gap[period.end():]) or len(named.codes) != 1:
        return None
    name = clean_name(named.names[0] + period.group())
    return Subject((f"other:{name}",), (name,), named.end, named.clause_start, start=named.start, whole_year=named)


def _is_modifier(text: str, q: Quantity, nxt: Quantity | None) -> bool:
    """"过10亿元项目10个", "5000万元以上项目32个": a threshold inside a noun, not a count."""
    if nxt is None:
        return False
    between = text[q.end + after_comparator_len(text, q.end):nxt.start]
    return bool(_CJK_ONLY.fullmatch(between)) and not _only_gap_words(between) and between[0] not in "和及与"


def _same_run(text: str, p: Quantity, q: Quantity) -> bool:
    # "分别增长7%左右和7%以上": a comparator word may close each number of the run.
    between = "".join(text[p.end + after_comparator_len(text, p.end):q.start].split())
    return between in ("、", "和", "及", ",") and _kind(p) == _kind(q)


def _kind(q: Quantity) -> str:
    return q.unit if q.unit in ("%", "pp", "倍") else "amount"


@cache
def _heads() -> tuple[str, ...]:
    return tuple(sorted(markers()["heads"], key=len, reverse=True))


@cache
def _heads_re() -> re.Pattern:
    # Longest first, as _heads() lists them: the first that matches is the longest.
    return re.compile("|".join(map(re.escape, _heads())))


_COMPARES = re.compile(r"(?:超过|高于|快于|慢于|低于|位居|位列|居全|排名|相当于)")


def _headed_by(text: str, after: int, sentence_end: int, clause_start: int) -> Subject | None:
    """The subject the next clause names by a head word alone ("总产152.3亿斤") after this
    clause's words, which name no indicator of the catalog ("粮食生产实现“十八连丰”")."""
    nxt = after + 1
    hit = _heads_re().match(text, nxt, sentence_end)
    if hit is None:
        return None
    words = text[clause_start:after]
    lex = lexicon()
    for size in range(min(len(words), 6), 1, -1):     # the longest words before it that fit
        for i in range(0, len(words) - size + 1):
            cand = (words[i:i + size] + hit.group()).upper()
            if cand in lex.codes and len(lex.codes[cand]) == 1:
                return Subject(lex.codes[cand], (cand,), clause_start, clause_start)
    return None


def _elliptic_head(gap: str, current: Subject, clause_start: int) -> Subject | None:
    """"…市场主体1.72万户、总数达到…": 总数 is the total of the indicator just named."""
    g = gap.lstrip("、,和及与 ")
    g = g[after_comparator_len(g, 0):].lstrip("、,和及与 ")   # "…305万亩左右、产量达到25亿斤"
    hit = _heads_re().match(g)
    if hit is None or not _only_gap_words(g[hit.end():]) or len(current.codes) != 1:
        return None
    head = hit.group()
    code, name = current.codes[0], current.names[0]
    cat = indicators()
    if head in ("总数", "总量") and code in cat and cat[code].total:
        return Subject((cat[code].total,), (cat[cat[code].total].zh,), current.end, current.clause_start)
    lex = lexicon()
    for size in range(len(name), 1, -1):          # the longest part of the name that fits
        for i in range(0, len(name) - size + 1):
            cand = name[i:i + size] + head
            if cand.upper() in lex.codes and len(lex.codes[cand.upper()]) == 1:
                return Subject(lex.codes[cand.upper()], (cand,), current.end, current.clause_start)
    return None


def _other_subject(text, words: _Gap, q, clause_start, before: Subject | None, clause_end=None) -> Subject:
    """The subject of a number whose words before it name nothing in the catalog."""
    # A share of the subject just named: "民生支出56.4亿元、占一般公共预算支出的84.6%".
    if before is not None and words.share is not None and len(before.names) == 1:
        if (share := _gdp_share_of(before.codes[0], words.share)) is not None:
            return Subject((share,), (indicators()[share].zh,), q.start, before.clause_start)
        base = before.names[0].removeprefix("other:")
        name = clean_name(base + words.share.rstrip("的")) or base
        return Subject((f"other:{name}",), (name,), q.start, before.clause_start)
    codes, names, whole = words.names
    if len(whole) <= 2 and clause_end is not None:
        # "新建5所幼儿园": the counted noun comes after the number.
        if noun := _noun_after(text, q, clause_end):
            codes, names, whole = _other_names(words.core + noun)
    return Subject(codes, names, q.start, clause_start, whole)


def _items_before(lead: str, named: Subject) -> Subject | None:
    """"农业、规模以上工业、服务业增加值分别增长6%、8.5%和8.5%": items the catalog does not name,
    enumerated before those it does, have figures of their own (other:)."""
    body = lead[lead.rfind("\n") + 1:]
    if not body.endswith(("、", "和", "及", "与")):
        return None
    words = _read_gap(body.rstrip("、和及与 "))
    if words.verbs or any(c.isdigit() for c in words.core):
        return None
    codes, names, _ = words.names
    if len(codes) < 1 or any(len(n) > MAX_ITEM for n in names):
        return None
    # An item may share the head of the name after it further on: "规上工业、农业、服务业增加值".
    shared = [shared_head(n, named.names[0]) for n in names]
    codes = tuple(hit[0][0] if hit and len(hit[0]) == 1 else code for code, hit in zip(codes, shared))
    return replace(named, codes=codes + named.codes, names=names + named.names)


def _unnamed_items(gap: str, words: _Gap, named: Subject) -> Subject | None:
    """"生产总值、人均GDP、全员劳动生产率增速均为7%": items the catalog does not name, enumerated
    after those it does, share their number; each is a fact of its own (other:)."""
    if not gap.startswith(("、", "和", "及")) or not words.verbs or any(c.isdigit() for c in words.core):
        return None
    codes, names, _ = words.names
    if any(len(n) > MAX_ITEM for n in names):
        return None
    return replace(named, codes=named.codes + codes, names=named.names + names)


def _parts_of(words: _Gap, whole: Subject | None, clause_start: int) -> Subject | None:
    """"居民人均可支配收入增长7.5%左右,其中城镇和农村分别增长7%左右和7%以上": the parts of
    the indicator just named, by the words that name them (the catalog's `parts`)."""
    if whole is None or len(whole.codes) != 1 or whole.codes[0] not in indicators():
        return None
    parts = indicators()[whole.codes[0]].parts
    if not parts:
        return None
    items = [i for i in _ENUMERATED.split(_lead_words_re().sub("", words.core)) if i]
    if not items or any(i not in parts for i in items):
        return None
    codes = tuple(parts[i] for i in items)
    return Subject(codes, tuple(indicators()[c].zh for c in codes), whole.end, clause_start)


_ENUMERATED = re.compile("[、和及与]")


@cache
def _lead_words_re() -> re.Pattern:
    return re.compile("^(?:" + "|".join(markers()["gap"]["patterns"]) + ")*")


def _gdp_share_of(code: str, share_words: str) -> str | None:
    """"研发投入410亿元、占GDP比重4.91%": the indicator that the share words make of `code`."""
    ind = indicators().get(code)
    if ind is None or ind.gdp_share is None:
        return None
    m = gdp_share_words().match(share_words)
    return ind.gdp_share if m and _only_gap_words(share_words[m.end():]) else None


class _Gap(NamedTuple):
    """What the words between a subject (or a clause's start) and its number say."""
    relative: bool       # measured against another base ("比2015年增长")
    core: str            # without the verbs that end them: an unnamed subject's words
    verbs: str           # those verbs, the number's context
    names: tuple         # _other_names(core)
    share: str | None    # the words, when they open with a share ("占…的"), else None


@lru_cache(maxsize=_PHRASE_CACHE)
def _read_gap(gap: str) -> _Gap:
    """The words before a number, read once per wording: they recur throughout a report."""
    core, verbs = _split_verbs(gap)
    stripped = gap.lstrip("、,和 ")
    return _Gap(bool(gap) and _relative_re().search(gap) is not None, core, verbs, _other_names(core),
                stripped if stripped.startswith(_share_words()) else None)


@lru_cache(maxsize=_PHRASE_CACHE)
def _other_names(core: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """"新建、改造高标准农田" → its items' names and the phrase read as one name."""
    whole = clean_name(core) or "数量"
    items = [p for p in core.split("、") if p]
    if len(items) < 2:
        # One item: its clean name is the phrase's (the 、 around it are stripped either way).
        return (f"other:{whole}",), (whole,), whole
    names = tuple(n for n in (clean_name(p) for p in items) if n) or (whole,)
    if len(names) > 1 and any(len(n) < 2 for n in names):
        names = (whole,)
    return tuple(f"other:{n}" for n in names), names, whole


@cache
def _share_words() -> tuple[str, ...]:
    return tuple(markers()["share"])


def _noun_after(text: str, q: Quantity, clause_end: int) -> str:
    m = _CJK_ONLY.match(text, q.end + after_comparator_len(text, q.end), clause_end)
    return m.group() if m else ""


@cache
def _verb_tail() -> re.Pattern:
    words = set(markers()["gap"]["patterns"]) - {"、", "\\s+", "的", "和", "与", "及", "以及"}
    # The literal words as one trie: the pattern is tried at every position of a phrase,
    # and a trie costs a few character tests there instead of one per word. The order of
    # the alternatives does not change what "(?:…)+$" matches: it runs to the end either way.
    literal = {w for w in words if re.escape(w) == w}
    return re.compile("(?:" + "|".join([trie_pattern(literal), *sorted(words - literal)]) + ")+$")


def _split_verbs(phrase: str) -> tuple[str, str]:
    """The words before a number → (the subject's words, the verbs that end them):
    "全年新增城镇就业" → ("全年新增城镇就业", ""), "城镇就业增长" → ("城镇就业", "增长")."""
    m = _verb_tail().search(phrase)
    if m is None:
        return phrase, ""
    # What follows the verbs can only be the line break that $ lets them stand before.
    return phrase[:m.start()] + phrase[m.end():], m.group()


# ---- one run of numbers → facts ----------------------------------------------------------

def _facts_of(att: Attached, text, a, b, flags, dated, meta, source) -> list[Fact]:
    subj, qs = att.subject, att.quantities
    if subj.whole and len(qs) == 1 and len(subj.codes) > 1 and not re.search("均|分别|都", att.context):
        # "新建、改造高标准农田8.6万亩": one number for one joint subject, not one per verb.
        subj = replace(subj, codes=(f"other:{subj.whole}",), names=(subj.whole,))
    if len(qs) == 1 and len(subj.codes) > 1 and len(set(subj.names)) == 1 \
            and not re.search("均|分别|都", att.context):
        # "城乡居民人均可支配收入增长9.3%": one figure for a compound is the whole's.
        whole = wholes().get(subj.names[0])
        subj = replace(subj, codes=(whole or f"other:{subj.names[0]}",), names=(subj.names[0],))
    if len(subj.codes) != len(qs) and len(qs) > 1:
        subj = _compounds_as_wholes(subj, len(qs))
    if len(subj.codes) == len(qs):
        pairs = list(zip(subj.codes, subj.names, qs))
    elif len(qs) == 1:
        pairs = [(c, n, qs[0]) for c, n in zip(subj.codes, subj.names)]
    elif len(subj.codes) == 1:
        pairs = [(subj.codes[0], subj.names[0], q) for q in qs]
    else:
        return []  # counts disagree: no reading is safe
    kind, year, term = dated
    if kind is None:
        return []
    before = text[a:qs[0].start]     # the clause's words up to the run, its subject's included
    # Each of these words holds 累 or 年; most clauses hold neither before their figures.
    cumulative = "累" in before and marker_words("cumulative").search(before) is not None
    if cumulative or "年" in before and marker_words("per_year").search(before):
        # Headline figures are yearly; "累计" sums several years, "每年" averages them (a
        # percentage after 年均 is an average growth, a measure of its own). Other counts may add up.
        pairs = [p for p in pairs if p[0].startswith("other:") or not cumulative and _is_relative(p[2])]
    out = []
    for code, name, q in pairs:
        fact = _fact(code, name, q, att.context, text, a, b, subj, flags, kind, year, meta, source,
                     qs[-1].end if len(qs) > 1 else None)
        if fact is not None and (not term or _a_terms_last_year(fact)):
            out.append(fact)
    return out


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
    ends at ("增加到28.89亿元", "到期末地区生产总值达到1万亿元"), or an average per year (a
    measure of its own); not a growth over the term, nor the total of a flow that adds up
    ("五年新增城镇就业6400万人"), nor an unknown quantity."""
    ind = indicators().get(fact.indicator)
    if ind is None:
        return False
    # A bound over a term holds for each of its years ("粮食总产稳定在1100亿斤以上"), not its end.
    return fact.measure == "avg_growth" or fact.measure == "level" and not ind.sums and fact.comparator == "exact"


def _fact(code, name, q, context, text, a, b, subj, flags, kind, year, meta, source, run_end=None) -> Fact | None:
    reading = _reading(code if code in indicators() else None, q.unit, context)
    if reading is None:
        return None
    stored, measure, factor, unit, strives = reading
    if stored is None:
        stored = code if code.startswith("other:") else f"other:{name}"
    start = min(subj.clause_start, a)
    value = q.value * factor if factor != 1 else q.value
    base = _index_bases().get(stored)
    if base and unit in ("%", "index") and value >= base / 2:
        # "居民消费价格指数控制在103.5左右", "…指数104%": a growth of 3.5, of 4.
        value, measure, unit = round(value - base, 10), "growth", "%"
    elif unit == "index":
        return None
    high = None
    if q.upper is not None:
        # "增长6%-6.5%": a band, its bottom the value ("下降3%-5%": from -5 to -3).
        value, high = sorted((value, q.upper * factor))
    # In Fact's field order: a fact per number of every report, and keywords cost a third more.
    return Fact(
        meta.region, meta.report_year, kind, year, stored, measure, value, unit,
        "range" if high is not None else "at_least" if q.over else comparator(context, text, q.end, run_end),
        (flags.strive or strives) and kind == "target",
        flags.estimated and kind == "outcome", text[start:b], start, b,
        name.removeprefix("other:"), meta.region_level, source, high, basis(context),
    )


@lru_cache(maxsize=_PHRASE_CACHE)
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
    if measure is None:
        return None
    if ind is not None and not unit_fits(ind.unit, unit, measure):
        code = None
    elif ind is not None and measure == "increase" and ind.increase:
        code, measure = ind.increase, "level"
    if code is not None and code not in cat:
        code = None
    return code, measure, factor, unit, marker_words("strive").search(context) is not None
