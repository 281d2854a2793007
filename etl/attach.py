"""A clause's numbers → runs of numbers, each with the subject it belongs to.

The numbers after a subject belong to it while the words between are only verbs, adverbs
and qualifiers. A run of numbers joined by 、 stays together, to be shared out over its
subject's names. A clause that opens with a verb ("同比增长9.2%") continues the subject of
the clause before; other words before a number name a subject of their own.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from itertools import accumulate

from etl.catalog import marker_words
from etl.gap_words import Gap, only_gap_words, read_gap, relative_re
from etl.headings import TARGETS_LEAD
from etl.mentions import ENUM, Mention, find_mentions
from etl.numbers import Quantity
from etl.qualify import after_comparator_len
from etl.subjects import (
    CJK_ONLY, Subject, after_head, elliptic_head, items_before, modified_subject, other_subject, part_of_year,
    parts_of, subject_of, unnamed_items,
)


@dataclass(slots=True)
class Attached:
    subject: Subject
    quantities: list[Quantity] = field(default_factory=list)
    context: str = ""             # the words between subject (or previous number) and the run


def attach(text: str, a: int, b: int, quantities: list[Quantity], mentions: list[Mention],
           prev: Subject | None) -> tuple[list[Attached], bool]:
    """Group the numbers of the clause text[a:b] into runs, each with its subject; and whether
    the clause continued the previous clause's subject `prev`."""
    quantities = _counted(text, quantities, mentions)
    runs: list[Attached] = []
    cursor = a
    current: Subject | None = None
    continued = False
    last_q: Quantity | None = None
    # Mentions come left to right: each number looks only at those that start between the
    # cursor and itself, found by bisection, so that a clause's pairing stays linear.
    starts = [m.start for m in mentions]
    mention_starts = set(starts)
    shares = False      # whether a number of the clause was a share of what it names
    unnamed = ""    # the words naming an unnamed subject before a base set aside ("低保标准由")
    set_aside: Quantity | None = None     # the last number measured against another base
    for q in quantities:
        if set_aside is not None and _same_run(text, set_aside, q):
            # "分别比2005年增长56.4%和61.1%": every number of the run is measured against it.
            set_aside, cursor = q, q.end
            continue
        set_aside = None
        if q.unit == "%" and _before_de(text, q) and (shares or _after(text, q) + 1 in mention_starts):
            # "创造了60%以上的GDP和固定资产投资、70%以上的创新成果": shares of what they name,
            # no figures of the subject before them ("增长7.5%的目标" is still the growth's).
            set_aside, cursor, last_q, shares = q, q.end, None, True
            continue
        named = [m for m in mentions[bisect_left(starts, cursor):bisect_right(starts, q.start)] if m.end <= q.start]
        if named:
            current, unnamed = _named(text, a, cursor, named), ""
            cursor = current.end
        gap = unnamed + text[cursor:q.start]
        # The 、 or comma that closed the run before names nothing: "、新建幼儿园" reads as
        # "新建幼儿园" (and is remembered once for both).
        words = read_gap(gap.lstrip("、, "))
        if words.relative:
            # Measured against another base: not this year's figure. "由2000元提高到2400元":
            # the words before the base name what the figure after it counts.
            base = relative_re().search(gap)
            unnamed = gap[:base.start()] if current is None and not runs and gap[base.start()] in "由从" else ""
            cursor, last_q, set_aside = q.end, None, q
            continue
        unnamed = ""
        if last_q is not None and runs and _same_run(text, last_q, q) and runs[-1].subject is current:
            runs[-1].quantities.append(q)
        else:
            current, context, carried_on = _subject_of_number(text, a, b, q, gap, words, current, prev, not runs)
            if carried_on is not None:
                continued = carried_on
            runs.append(Attached(current, [q], context))
        cursor = q.end
        last_q = q
    return runs, continued


def _counted(text: str, quantities: list[Quantity], mentions: list[Mention]) -> list[Quantity]:
    """The numbers that count something: not those inside a name, nor thresholds in a noun."""
    # "万元GDP能耗" holds 万元 inside a name: not a number.
    if mentions:
        # Mentions come left to right: a number is inside one if one that starts at or before
        # it reaches past it (the furthest end so far, by bisection).
        starts = [m.start for m in mentions]
        reach = list(accumulate((m.end for m in mentions), max))
        quantities = [q for q in quantities
                      if not ((i := bisect_right(starts, q.start)) and reach[i - 1] > q.start)]
    if len(quantities) > 1:     # a lone number modifies nothing
        quantities = [q for q, nxt in zip(quantities, quantities[1:] + [None]) if not _is_modifier(text, q, nxt)]
    return [q for q in quantities if not _bounds_a_noun(text, q)]


def _bounds_a_noun(text: str, q: Quantity) -> bool:
    """"农民人均纯收入2500元以下的贫困人口", "9万吨以下的小煤矿", "50人以下的乡村小规模学校": a bound
    that says which of the noun after it are meant, no figure of the words before it; so does
    a threshold that places or firms pass ("生产总值过400亿元的5个", "生产总值超千亿元的区(市)县
    从2个增至8个"), not one the figure itself passes ("突破1000亿元的目标")."""
    if text.startswith(_BELOW_OF, q.end):
        return CJK_ONLY.match(text, q.end + len(_BELOW_OF)) is not None
    return text.startswith("的", q.end) and _COUNTED_AFTER.match(text, q.end + 1) is not None \
        and _THRESHOLD.search(text, max(q.start - 2, 0), q.start) is not None


_BELOW_OF = "以下的"
_THRESHOLD = re.compile(r"(?:过|超|超过|突破|逾)$")
# What a threshold picks out: places, firms and projects, or a count of them.
_COUNTED_AFTER = re.compile(r"[\d一二三四五六七八九十两]+[个家]|[县区市乡镇村]|街道|企业|项目|园区|开发区|产业|集群|行业|龙头|规上|规模以上")


def _named(text: str, a: int, cursor: int, named: list[Mention]) -> Subject:
    """The subject that the catalog's names between cursor and a number make, with the words
    before them on their line."""
    current = subject_of(named, text, a)
    lead = text[cursor:current.start]
    if not _only_lead_words(lead):
        current = items_before(lead, current) or modified_subject(text, cursor, current, named)
    return current


def _subject_of_number(text: str, a: int, b: int, q: Quantity, gap: str, words: Gap,
                       current: Subject | None, prev: Subject | None,
                       first: bool) -> tuple[Subject, str, bool | None]:
    """The subject of the number q after the words `gap` (read as `words`), the subject named
    so far in the clause being `current`; the words that are the number's context; and whether
    the clause continues the previous clause's subject `prev` (None: no news on that).
    `first`: no number of the clause has a subject yet."""
    if current is not None and only_gap_words(_after_counted(gap) if first else gap):
        return current, gap, None
    if current is not None and (head := elliptic_head(gap, current, a)) is not None:
        if first and gap[:1] in ENUM:
            # "粮食播种面积、总产量分别达到136.7万亩、10.4亿斤": a second item, its name
            # completed from the first's; once the first has its figure, the head names anew.
            head = replace(current, codes=current.codes + head.codes, names=current.names + head.names)
        return head, after_head(gap), None
    if current is None and first and prev is not None and only_gap_words(gap) \
            and not _counts_another_noun(text, gap, q, b, prev):
        if prev.whole_year is not None and "全年" in gap:
            return prev.whole_year, gap, True   # "一季度地区生产总值下降7.2%,预计全年增长3.5%"
        return prev, gap, True
    if current is None and first and prev is not None and (head := elliptic_head(gap, prev, a)):
        return head, after_head(gap), True
    if current is not None and first and \
            (more := unnamed_items(gap, read_gap(gap.lstrip("、,和及与 ")), current)) is not None:
        return more, words.verbs, None
    if current is not None and first and (part := part_of_year(gap, current)) is not None:
        return part, words.verbs, None      # "全市生产总值一季度下降7.2%": a quarter's figure, not the year's
    if (parts := parts_of(words, current or prev, a)) is not None:
        return parts, words.verbs, current is None
    if current is not None and first and len(current.codes) == 1 and CJK_ONLY.match(gap[:1]) \
            and not current.codes[0].startswith("other:"):
        # "引进内资项目215个": the projects of 引进内资, named by both, not "项目" alone.
        words = read_gap(current.names[0] + gap)
    return other_subject(text, words, q, a, prev if first else current, b), words.verbs, None


def _counts_another_noun(text: str, gap: str, q: Quantity, b: int, prev: Subject) -> bool:
    """Whether the number of what was added counts the noun after its counter ("粮食总产439.2
    亿斤;新增13家国家级农业产业化重点龙头企业"): the clause is about that noun, not the subject
    before it, unless the noun names that subject again ("抓好高新技术企业培育认定工作,新增10家
    高新技术企业")."""
    after = _after(text, q)
    if "新增" not in gap or q.unit not in _THING_COUNTERS or not CJK_ONLY.match(text, after, min(b, after + 1)) \
            or text[after] in "和及与或" or text.startswith("百分点", after):
        return False
    named = find_mentions(text, after, b)
    return not (named and named[0].start == after and set(named[0].codes) & set(prev.codes))


# Counters of things, as against people, money or physical units: "13家", "3个", "5所".
_THING_COUNTERS = frozenset("家个所座处项件条台套辆艘架批")


def _after_counted(gap: str) -> str:
    """The words after an indicator, less a word that restates what it counts ("总数达")."""
    said = marker_words("counted").match(gap)
    return gap[said.end():] if said else gap


def _only_lead_words(lead: str) -> bool:
    """Whether the words before a named subject, on its line, only say when, where or how
    sure ("预计全年", "全市", "其中"), or what is made so or planned ("力争使全社会固定资产投资
    增长10%", "…完成投资746亿元,带动固定资产投资增长15.4%", "把居民消费价格涨幅控制在3%左右",
    "安排全社会固定资产投资850亿元"): other words make the name part of a longer one. 使, 把,
    带动, 安排, 计划 and 围绕 ("围绕今年完成全社会固定资产投资1.1万亿元以上的目标") lead only to
    a name: before a number they name a subject of their own ("带动2.6万人就业", "安排资金5亿元")."""
    words = lead[lead.rfind("\n") + 1:].lstrip("、,和及与 ")
    return only_gap_words(words) or any(w in words and only_gap_words(words.replace(w, "", 1))
                                        for w in _LEADING_TO_A_NAME) or _opens_the_targets(words)


def _opens_the_targets(words: str) -> bool:
    """Whether the words open the year's targets right before the name, with no colon between
    ("今年全市经济社会发展的主要预期目标是地区生产总值增长7%")."""
    return any(m.end() == len(words) for m in TARGETS_LEAD.finditer(words))


_LEADING_TO_A_NAME = ("使", "把", "带动", "围绕", "安排", "计划")


# A short note in brackets inside a noun: "县(市)", "企业(集团)".
_NOTE = re.compile(r"\([^()]{1,8}\)")


def _is_modifier(text: str, q: Quantity, nxt: Quantity | None) -> bool:
    """"过10亿元项目10个", "5000万元以上项目32个": a threshold inside a noun, not a count.
    After a threshold word the noun may hold a note ("超10亿元县(市)达到10个"); a count before
    one is a count ("9个县(市)4个乡镇", "1000家以上企业(单位)结对1000个以上行政村")."""
    if nxt is None:
        return False
    between = text[_after(text, q):nxt.start]
    if text[max(0, q.start - 1):q.start] in _THRESHOLD_WORDS:
        between = _NOTE.sub("", between)
    return bool(CJK_ONLY.fullmatch(between)) and not only_gap_words(between) and between[0] not in "和及与"


_THRESHOLD_WORDS = ("超", "过", "逾")


_DE = "的"


def _after(text: str, q: Quantity) -> int:
    """Where the words after a number and its comparator word start."""
    return q.end + after_comparator_len(text, q.end)


def _before_de(text: str, q: Quantity) -> bool:
    """Whether 的 follows the number: "60%以上的GDP" (a share), "增长7.5%的目标"."""
    return text.startswith(_DE, _after(text, q))


def _same_run(text: str, p: Quantity, q: Quantity) -> bool:
    # "分别增长7%左右和7%以上": a comparator word may close each number of the run.
    between = "".join(text[p.end + after_comparator_len(text, p.end):q.start].split())
    return between in ("、", "和", "及", ",") and _kind(p) == _kind(q)


def _kind(q: Quantity) -> str:
    return q.unit if q.unit in ("%", "pp", "倍") else "amount"
