"""Where a clause names indicators of the catalog.

Besides names written out in full, this reads the shared heads of enumerations:
"城镇、农村居民人均可支配收入" names urban and rural income, "新增存、贷款" new deposits and
new loans, "工业、服务业增加值" two value-added figures. It drops names that are only the
denominator of a share ("占一般公共预算支出的…") or belong to a part of the region
("罗庄街道、盛庄街道地方财政收入"), and bare names whose qualifier is missing ("利税"
means industrial profits and taxes only after "规模以上工业…").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.catalog import indicators, lexicon, marker_words, markers

ENUM = "、和及与"
_ENUM_CHAR = re.compile(f"[{ENUM}]")
_STOP_CHARS = set(",;:。!?()“”\"'\n") | set("0123456789")
MAX_ITEM = 10
# The characters of an enumerated item, as runs matched at C speed: to the left of an
# enumerator an item also ends at 和/及/与, to the right only at 、.
_LEFT_ITEM = re.compile("[^" + re.escape("".join(sorted(_STOP_CHARS)) + ENUM) + f"]{{1,{MAX_ITEM}}}$")
_RIGHT_ITEM = re.compile("[^" + re.escape("".join(sorted(_STOP_CHARS)) + "、") + f"]{{0,{MAX_ITEM}}}")


@dataclass(slots=True)   # built per name found; frozen ones are much dearer to build
class Mention:
    start: int
    end: int
    codes: tuple[str, ...]
    name: str                 # the name as completed: "城镇居民人均可支配收入"


@cache
def _stop_pattern() -> re.Pattern:
    # Words that end an enumerated item: the verbs and adverbs that follow a subject.
    words = ["分别", "均", "各(?=[增提下降达为减上])", "同比", "比上年", "较上年", "增长", "下降", "为", "达到", "达", "预计",
             "实现", "完成", "突破", "超过", "控制", "保持", "提高", "降低", "增加", "减少", "占", "年均"]
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


def find_mentions(text: str, a: int, b: int) -> list[Mention]:
    """Mentions of catalog indicators in text[a:b], left to right, without overlaps."""
    lex = lexicon()
    found = []
    for m in lex.pattern.finditer(text, a, b):
        lit = m.group().upper().replace(" ", "")   # catalog.spaced_variants
        if lit in lex.codes:
            found.append(Mention(m.start(), m.end(), lex.codes[lit], lit))
        else:
            code, qualifiers = lex.qualified[lit]
            if any(q in text[a:m.start()] for q in qualifiers):
                found.append(Mention(m.start(), m.end(), (code,), lit))
    sectors = _sector_mentions(text, a, b)
    if sectors:
        found = _merged(found, sectors)
    enumerates = _ENUM_CHAR.search(text, a, b) is not None
    if not found and not enumerates:
        return found   # no name and no enumeration to complete one from
    found = _drop_appositives(text, found)
    if enumerates:
        found = _complete_enumerations(text, a, b, found)
    found = _gdp_shares(text, b, found)
    return [mm for mm in found if not _is_share_base(text, a, mm) and not _is_part(text, a, mm)]


def _sector_mentions(text: str, a: int, b: int) -> list[Mention]:
    """The sectors named by their ordinals ("一、二、三产分别增长…", "二产增长8%"), each as
    its value added (markers.toml's sectors): the first items of an enumeration by their
    ordinal, the last with the head the items share."""
    if text.find("产", a, b) < 0:
        return []   # most clauses name no sector: every name of one holds 产
    ordinals, all_three, names = _sectors()
    out = []
    for hit in ordinals.finditer(text, a, b):
        items = list(_ORDINAL.finditer(text, hit.start("ordinals"), hit.end("ordinals")))
        if len(items) > 1 and hit.end("ordinals") - hit.start("ordinals") == len(items):
            # "一二三产分别增长…": the ordinals run together, one name for the sectors.
            out.append(Mention(hit.start(), hit.end(), tuple(c for i in items for c in lexicon().codes[names[i.group()]]),
                               hit.group()))
            continue
        for k, item in enumerate(items):
            start = hit.start() if k == 0 else item.start() - (text[item.start() - 1] == "第")
            end = hit.end() if k == len(items) - 1 else _SECTOR_WORD.match(text, item.end()).end()
            out.append(_sector(start, end, names[item.group()]))
    for hit in all_three.finditer(text, a, b):
        # "三次产业增加值分别…": one name for the three, as "城乡居民…" is one for two.
        out.append(Mention(hit.start(), hit.end(), tuple(c for n in names.values() for c in lexicon().codes[n]),
                           hit.group()))
    return sorted(out, key=lambda m: m.start)


def _sector(start: int, end: int, name: str) -> Mention:
    return Mention(start, end, lexicon().codes[name], name)


_ORDINAL = re.compile("[一二三]")
_SECTOR_WORD = re.compile("(?:产业|产)?")     # "一产、二产…": what an item says after its ordinal


@cache
def _sectors() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    sectors = markers()["sectors"]
    return re.compile(sectors["pattern"]), re.compile(sectors["all"]), sectors["names"]


def _merged(found: list[Mention], more: list[Mention]) -> list[Mention]:
    """Both lists' mentions in text order, but for those of `found` that overlap one of `more`."""
    kept = [m for m in found if not any(m.start < o.end and o.start < m.end for o in more)]
    return sorted(kept + more, key=lambda m: m.start)


def _gdp_shares(text: str, b: int, found: list[Mention]) -> list[Mention]:
    """"研发经费投入占GDP比重" names R&D intensity, not R&D spending and GDP."""
    if not any(_gdp_share_code(m.codes) for m in found):
        return found
    out: list[Mention] = []
    skip_to = -1
    for m in found:
        if m.start < skip_to:
            continue
        share = _gdp_share_code(m.codes)
        tail = share and gdp_share_words().match(text, m.end, b)
        if tail:
            m = Mention(m.start, tail.end(), (share,), m.name + tail.group())
            skip_to = tail.end()
        out.append(m)
    return out


def _gdp_share_code(codes: tuple[str, ...]) -> str | None:
    return _gdp_shares_of().get(codes[0]) if len(codes) == 1 else None


@cache
def _gdp_shares_of() -> dict[str, str]:
    return {code: ind.gdp_share for code, ind in indicators().items() if ind.gdp_share}


@cache
def gdp_share_words() -> re.Pattern:
    return re.compile(markers()["gdp_share"])


def find_mentions_in_prose(text: str, a: int, b: int) -> list[Mention]:
    """find_mentions for clauses without a number: stock phrases ("经济运行总体平稳、稳中有进",
    "持续深化…") recur throughout a report and across reports, and reading their
    enumerations costs more than remembering them."""
    found = _prose_mentions(text[a:b + 1], b - a, a > 0)
    return [Mention(a + s, a + e, codes, name) for s, e, codes, name in found]


@lru_cache(maxsize=16384)
def _prose_mentions(clause_and_next: str, length: int, inside: bool) -> tuple[tuple, ...]:
    # What find_mentions reads besides the clause is the character after it and whether
    # the clause opens the text; a space before stands for the text before it.
    text = " " + clause_and_next if inside else clause_and_next
    at = 1 if inside else 0
    return tuple((m.start - at, m.end - at, m.codes, m.name) for m in find_mentions(text, at, at + length))


def _drop_appositives(text: str, found: list[Mention]) -> list[Mention]:
    """"地区生产总值(GDP)": the name in brackets restates the one before it."""
    out: list[Mention] = []
    for m in found:
        if out and text[out[-1].end:m.start].strip() == "(" and text[m.end:m.end + 1] == ")":
            continue
        out.append(m)
    return out


def _complete_enumerations(text: str, a: int, b: int, found: list[Mention]) -> list[Mention]:
    taken = {(m.start, m.end) for m in found}
    extra = []
    # Found by a regex rather than a loop over every character: most clauses enumerate nothing.
    for hit in _ENUM_CHAR.finditer(text, a, b):
        i = hit.start()
        if text[i] != "、" and not _is_enum_word(text, i):
            continue
        left = _left_item(text, a, i, found)
        right = _right_item(text, i + 1, b, found)
        if not left or not right:
            continue
        (ls, le), (rs, re_) = left, right
        lm = _mention_at(found, ls, le)
        rm = _mention_at(found, rs, re_)
        if lm is None and rm is not None:
            m = _suffix_completion(text[ls:le], rm.name, ls, le)
        elif lm is None and rm is None:
            m = _suffix_completion(text[ls:le], text[rs:re_], ls, le)
            r = _prefix_completion(text[ls:le], text[rs:re_], rs, re_)
            if m and r and (r.start, r.end) not in taken:
                extra.append(r)
                taken.add((r.start, r.end))
        else:
            m = None
        if m and (m.start, m.end) not in taken:
            extra.append(m)
            taken.add((m.start, m.end))
    return sorted(found + extra, key=lambda m: m.start)


def _is_enum_word(text: str, i: int) -> bool:
    # 和/及/与 join items only when they stand between two nouns, not inside a word like 和美.
    return text[i] in "和及与" and 0 < i < len(text) - 1 and "\u4e00" <= text[i + 1] <= "\u9fff"


def _mention_at(found: list[Mention], s: int, e: int) -> Mention | None:
    return next((m for m in found if m.start <= s and m.end >= e or (s <= m.start and m.end == e)), None)


def _left_item(text: str, a: int, i: int, found: list[Mention]) -> tuple[int, int] | None:
    while i > a and text[i - 1].isspace():
        i -= 1
    # The earliest start from which only item characters run up to i, at most MAX_ITEM.
    run = _LEFT_ITEM.search(text, max(a, i - MAX_ITEM), i)
    s = run.start() if run else i
    for m in found:  # never reach back into a name already read
        if m.end <= i and m.end > s:
            s = m.end
    return (s, i) if s < i else None


def _right_item(text: str, j: int, b: int, found: list[Mention]) -> tuple[int, int] | None:
    while j < b and text[j].isspace():
        j += 1
    for m in found:
        if m.start == j:
            return m.start, m.end
    e = _RIGHT_ITEM.match(text, j, b).end()
    stop = _stop_pattern().search(text, j, e)
    if stop:
        e = stop.start()
    return (j, e) if e > j else None


def _suffix_completion(left: str, right: str, s: int, e: int) -> Mention | None:
    """"城镇" + "农村居民人均可支配收入" → "城镇居民人均可支配收入" (the head is shared)."""
    hit = shared_head(left, right)
    return Mention(s, e, *hit) if hit else None


def _prefix_completion(left: str, right: str, s: int, e: int) -> Mention | None:
    """"新增存" + "贷款" → "新增贷款" (the modifier is shared)."""
    hit = _shared_modifier(left, right)
    return Mention(s, e, *hit) if hit else None


# Enumerated items recur across a report and across reports: each pair is read once.
@lru_cache(maxsize=16384)
def shared_head(left: str, right: str) -> tuple[tuple[str, ...], str] | None:
    """The catalog name that `left` + the shortest tail of `right` make, its start as early
    as possible: "城镇" + "农村居民人均可支配收入" → "城镇" + "居民人均可支配收入"."""
    if not _same_length_upper(left + right):
        return _completion_trying_every_split(left, right, head=True)
    upper = left.upper()
    for k in range(1, len(right)):
        tail = right[k:].upper()
        for head in _names_by_tail().get(tail, ()):
            if upper.endswith(head):
                return lexicon().codes[head + tail], left[len(left) - len(head):] + right[k:]
    return None


@lru_cache(maxsize=16384)
def _shared_modifier(left: str, right: str) -> tuple[tuple[str, ...], str] | None:
    """The catalog name that the longest part of `left` + `right` make: "新增存" + "贷款"
    → "新增" + "贷款"."""
    if not _same_length_upper(left + right):
        return _completion_trying_every_split(left, right, head=False)
    heads = _names_by_tail().get(right.upper(), ())
    upper = left.upper()
    for j in range(len(left) - 1, 0, -1):
        for head in heads:
            if upper.endswith(head, 0, j):
                return lexicon().codes[head + right.upper()], left[j - len(head):j] + right
    return None


@cache
def _names_by_tail() -> dict[str, tuple[str, ...]]:
    """Every catalog name cut in two at every place: its second part → the first parts it
    follows, longest first. A pair of enumerated items is then read with one lookup per
    split of one item, instead of one per split of both."""
    heads: dict[str, set[str]] = {}
    for name in lexicon().codes:
        for i in range(1, len(name)):
            heads.setdefault(name[i:], set()).add(name[:i])
    return {tail: tuple(sorted(hs, key=len, reverse=True)) for tail, hs in heads.items()}


def _same_length_upper(s: str) -> bool:
    # Upper-casing keeps positions only when no character becomes two (ß → SS).
    return len(s.upper()) == len(s)


def _completion_trying_every_split(left: str, right: str, head: bool) -> tuple[tuple[str, ...], str] | None:
    """What _shared_head (head=True) or _shared_modifier finds, by trying every split."""
    if head:
        splits = ((left + right[k:], len(left)) for k in range(1, len(right)))
    else:
        splits = ((left[:j] + right, j) for j in range(len(left) - 1, 0, -1))
    for cand, before in splits:
        hit = _name_ending(cand, before)
        if hit:
            return hit
    return None


def _name_ending(cand: str, before: int) -> tuple[tuple[str, ...], str] | None:
    """A catalog name that ends `cand` and starts before position `before`, longest first."""
    codes = lexicon().codes
    for p in range(0, before):
        key = cand[p:].upper()
        if key in codes:
            return codes[key], cand[p:]
    return None


def _is_share_base(text: str, a: int, m: Mention) -> bool:
    return marker_words("share").search(text, max(a, m.start - 4), m.start) is not None


def _is_part(text: str, a: int, m: Mention) -> bool:
    # The twelve characters before the name, read as one string: no suffix holds a
    # punctuation mark or digit, so one that ends them ends the words since the last mark.
    before = text[max(a, m.start - 12):m.start].rstrip("的")
    return before.endswith(_subunit_suffixes())


@cache
def _subunit_suffixes() -> tuple[str, ...]:
    return tuple(markers()["subunit_suffixes"])
