"""Which indicator a clause's words name, as the subject of the numbers after them.

A subject is a group of names joined by 、/和 ("固定资产投资、社会消费品零售总额"), read from
the catalog's mentions, or from the words before a number when the catalog knows none
of them (`other:<name>`). Around the catalog's names: a longer phrase that holds one names
something else ("全省海洋生产总值"); a head word alone names the total or a part of the
indicator just named ("总数", "总产"); a part of the year makes a figure of its own
("生产总值一季度…"); items the catalog does not name may be enumerated with those it does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from etl.catalog import indicators, lexicon, marker_words, markers
from etl.gap_words import Gap, lead_words_re, only_gap_words, other_names, read_gap
from etl.mentions import MAX_ITEM, Mention, gdp_share_words, shared_head
from etl.naming import clean_name
from etl.numbers import Quantity
from etl.qualify import after_comparator_len


@dataclass(slots=True)
class Subject:
    codes: tuple[str, ...]        # catalog codes, or one "other:<name>" per item
    names: tuple[str, ...]
    end: int                      # where its words end in the text
    clause_start: int             # the clause it was named in (for the evidence sentence)
    whole: str = ""               # an unnamed subject's phrase read as one ("新建、改造高标准农田")
    start: int = -1               # where its words start in the text, when it was named
    whole_year: Subject | None = None   # of a part of the year ("一季度地区生产总值"): the year's


CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_ENUMERATED = re.compile("[、和及与]")
# A part of a year before a name: its figure is not the year's, but "全年" after it is.
PART_OF_YEAR = re.compile(r"[一二三四]季度|[上下]半年|前三季度|\d{1,2}(?:[-—至~]\d{1,2})?月"
                          r"|前(?:\d{1,2}|[一二三四五六七八九十]{1,2})个?月")
# A name of this many characters or fewer after an enumerator is a bare head that shares the
# modifier of the name before it ("县域生产总值和财政收入"); a longer one carries its own
# ("市区居民人均可支配收入和农民人均纯收入").
_SHARES_A_MODIFIER = 4


def subject_of(mentions: list[Mention], text: str, clause_start: int) -> Subject:
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


def leading_group(mentions: list[Mention], text: str) -> list[Mention]:
    """The first names of a clause that are joined only by enumerators."""
    group = mentions[:1]
    for m in mentions[1:]:
        if "".join(text[group[-1].end:m.start].split()) not in ("、", "和", "及", "与", "以及"):
            break
        group.append(m)
    return group


def widen(prev: Subject | None, history: list[Subject], text: str, a: int, b: int, n: int) -> Subject | None:
    """"城镇居民…42170元,农村居民…18320元,分别增长8.2%、9.2%": 分别 in text[a:b] reaches back
    over as many subjects as it has numbers; so do rates joined in pairs without it ("到位内资
    605.8亿元,利用外资18亿美元,同比增长26%和16.7%")."""
    if prev is None or n <= len(prev.codes) or text.find("分别", a, b) < 0 and not _JOINED_RATES.search(text, a, b):
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


_JOINED_RATES = re.compile(r"\d\s?(?:%|‰|个百分点)\s?(?:和|、|及|与)\s?\d")


def modified_subject(text: str, lead_from: int, named: Subject, mentions: list[Mention]) -> Subject:
    """"全省海洋生产总值", "县域地区生产总值": a catalog name inside a longer one names
    something else (a part of the economy, of the region), by the whole phrase. Only the
    first of an enumeration is so modified ("市区居民人均可支配收入和农民人均纯收入": the second
    keeps its name)."""
    first = next(m for m in mentions if m.start == named.start)
    if len(named.codes) > len(first.codes) and len(named.names[len(first.codes)]) <= _SHARES_A_MODIFIER:
        first = Mention(first.start, named.end, named.codes, named.names[0])   # the whole enumeration
    phrase = text[lead_from:first.end].lstrip("、,和及与 ")
    codes, names, whole = other_names(phrase)
    rest = len(first.codes)
    if len(named.codes) > rest and len(named.names[rest]) > _SHARES_A_MODIFIER:
        return replace(named, codes=codes + named.codes[rest:], names=names + named.names[rest:])
    part_of_year = PART_OF_YEAR.search(text, lead_from, first.start) is not None
    return Subject(codes, names, named.end, named.clause_start, whole, named.start, named if part_of_year else None)


def part_of_year(gap: str, named: Subject) -> Subject | None:
    """"全市生产总值一季度下降7.2%": the subject's figure for a part of the year."""
    period = PART_OF_YEAR.match(gap)
    if period is None or not only_gap_words(gap[period.end():]) or len(named.codes) != 1:
        return None
    name = clean_name(named.names[0] + period.group())
    return Subject((f"other:{name}",), (name,), named.end, named.clause_start, start=named.start, whole_year=named)


@cache
def _heads() -> tuple[str, ...]:
    return tuple(sorted(markers()["heads"], key=len, reverse=True))


@cache
def _heads_re() -> re.Pattern:
    # Longest first, as _heads() lists them: the first that matches is the longest.
    return re.compile("|".join(map(re.escape, _heads())))


def headed_by(text: str, after: int, sentence_end: int, clause_start: int) -> Subject | None:
    """The subject the next clause names by a head word alone ("总产152.3亿斤") after this
    clause's words, which name no indicator of the catalog ("粮食生产实现“十八连丰”")."""
    lead = _BEFORE_HEAD.match(text, after + 1, sentence_end)     # "…大丰收,预计总产1352亿斤"
    hit = _heads_re().match(text, lead.end(), sentence_end)
    if hit is None:
        return None
    words = text[clause_start:after]
    if _of_an_area(words):
        return None
    lex = lexicon()
    for size in range(min(len(words), 6), 1, -1):     # the longest words before it that fit
        for i in range(0, len(words) - size + 1):
            cand = (words[i:i + size] + hit.group()).upper()
            if cand in lex.codes and len(lex.codes[cand]) == 1:
                return Subject(lex.codes[cand], (cand,), clause_start, clause_start)
    return None


# Words that may stand before the head word: how sure, over which time.
_BEFORE_HEAD = re.compile(r"(?:预计|全年|当年|初步统计|初步核算)*")


def _of_an_area(words: str) -> bool:
    """Whether words name a place inside the region ("产业集聚区规模以上工业企业")."""
    return marker_words("areas").search(words) is not None


def after_head(gap: str) -> str:
    """The words after the head word of `gap` (elliptic_head): the head names, it does not
    say how the figure was measured ("增加值" holds 增加 and is no increase)."""
    hit = _heads_re().search(gap)
    return gap[hit.end():] if hit else gap


def elliptic_head(gap: str, current: Subject, clause_start: int) -> Subject | None:
    """"…市场主体1.72万户、总数达到…": 总数 is the total of the indicator just named."""
    g = gap.lstrip("、,和及与 ")
    g = g[after_comparator_len(g, 0):].lstrip("、,和及与 ")   # "…305万亩左右、产量达到25亿斤"
    g = g[_BEFORE_HEAD.match(g).end():]                         # "…大丰收,预计总产1352亿斤"
    hit = _heads_re().match(g)
    if hit is None or not only_gap_words(g[hit.end():]) or len(current.codes) != 1:
        return None
    head = hit.group()
    code, name = current.codes[0], current.names[0]
    if _of_an_area(name):
        return None
    cat = indicators()
    if head in ("总数", "总量") and code in cat and cat[code].total:
        return Subject((cat[code].total,), (cat[cat[code].total].zh,), current.end, current.clause_start)
    # The name as written, then as the catalog writes it ("粮播面积…、产量…" is 粮食's).
    for said in (name, cat[code].zh if code in cat else name):
        if (found := _head_of(said, head)) is not None:
            return Subject(found[0], (found[1],), current.end, current.clause_start)
    return None


def _head_of(name: str, head: str) -> tuple[tuple[str, ...], str] | None:
    """The codes and name of the longest part of `name` that the head word makes a name of."""
    lex = lexicon()
    for size in range(len(name), 1, -1):
        for i in range(0, len(name) - size + 1):
            cand = name[i:i + size] + head
            if cand.upper() in lex.codes and len(lex.codes[cand.upper()]) == 1:
                return lex.codes[cand.upper()], cand
    return None


def other_subject(text: str, words: Gap, q: Quantity, clause_start: int, before: Subject | None,
                  clause_end: int | None = None) -> Subject:
    """The subject of a number whose words before it name nothing in the catalog."""
    # A share of the subject just named: "民生支出56.4亿元、占一般公共预算支出的84.6%".
    if before is not None and words.share is not None and len(before.names) == 1:
        return _share_of(before, words.share, q)
    codes, names, whole = words.names
    # "飞鹤乳品等58个重点项目": examples of what is counted, which the noun after the number names.
    examples = whole.endswith("等")
    if (len(whole) <= 2 or examples) and clause_end is not None:
        # "新建5所幼儿园": the counted noun comes after the number.
        if noun := _noun_after(text, q, clause_end):
            codes, names, whole = other_names(noun if examples else words.core + noun)
    return Subject(codes, names, q.start, clause_start, whole)


def _share_of(before: Subject, share_words: str, q: Quantity) -> Subject:
    if (share := _gdp_share_of(before.codes[0], share_words)) is not None:
        return Subject((share,), (indicators()[share].zh,), q.start, before.clause_start)
    base = before.names[0].removeprefix("other:")
    name = clean_name(base + share_words.rstrip("的")) or base
    return Subject((f"other:{name}",), (name,), q.start, before.clause_start)


def _gdp_share_of(code: str, share_words: str) -> str | None:
    """"研发投入410亿元、占GDP比重4.91%": the indicator that the share words make of `code`."""
    ind = indicators().get(code)
    if ind is None or ind.gdp_share is None:
        return None
    m = gdp_share_words().match(share_words)
    return ind.gdp_share if m and only_gap_words(share_words[m.end():]) else None


def _noun_after(text: str, q: Quantity, clause_end: int) -> str:
    m = CJK_ONLY.match(text, q.end + after_comparator_len(text, q.end), clause_end)
    return m.group() if m else ""


def items_before(lead: str, named: Subject) -> Subject | None:
    """"农业、规模以上工业、服务业增加值分别增长6%、8.5%和8.5%": items the catalog does not name,
    enumerated before those it does, have figures of their own (other:)."""
    body = lead[lead.rfind("\n") + 1:]
    if not body.endswith(("、", "和", "及", "与")):
        return None
    words = read_gap(body.rstrip("、和及与 "))
    if words.verbs or any(c.isdigit() for c in words.core):
        return None
    codes, names, _ = words.names
    if len(codes) < 1 or any(len(n) > MAX_ITEM for n in names):
        return None
    # An item may share the head of the name after it further on: "规上工业、农业、服务业增加值".
    shared = [shared_head(n, named.names[0]) for n in names]
    codes = tuple(hit[0][0] if hit and len(hit[0]) == 1 else code for code, hit in zip(codes, shared))
    return replace(named, codes=codes + named.codes, names=names + named.names)


def unnamed_items(gap: str, words: Gap, named: Subject) -> Subject | None:
    """"生产总值、人均GDP、全员劳动生产率增速均为7%": items the catalog does not name, enumerated
    after those it does, share their number; each is a fact of its own (other:)."""
    if not gap.startswith(("、", "和", "及")) or not words.verbs or any(c.isdigit() for c in words.core):
        return None
    codes, names, _ = words.names
    if any(len(n) > MAX_ITEM for n in names):
        return None
    return replace(named, codes=named.codes + codes, names=named.names + names)


def parts_of(words: Gap, whole: Subject | None, clause_start: int) -> Subject | None:
    """"居民人均可支配收入增长7.5%左右,其中城镇和农村分别增长7%左右和7%以上": the parts of
    the indicator just named, by the words that name them (the catalog's `parts`)."""
    if whole is None or len(whole.codes) != 1 or whole.codes[0] not in indicators():
        return None
    parts = indicators()[whole.codes[0]].parts
    if not parts:
        return None
    items = [i for i in _ENUMERATED.split(lead_words_re().sub("", words.core)) if i]
    if not items or any(i not in parts for i in items):
        return None
    codes = tuple(parts[i] for i in items)
    return Subject(codes, tuple(indicators()[c].zh for c in codes), whole.end, clause_start)
