"""The words between a subject (or a clause's start) and its number: what they say.

Between an indicator's name and its figure stand only verbs, adverbs and qualifiers
("同比增长", "达到"): the catalog's `gap` words. Words of any other kind name a subject of
their own, which the catalog may not know ("新建、改造高标准农田" → other: names).
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from etl.catalog import markers, trie_pattern
from etl.naming import clean_name


@cache
def _gap_re() -> re.Pattern:
    return re.compile("(?:" + "|".join(markers()["gap"]["patterns"]) + ")*")


@cache
def lead_words_re() -> re.Pattern:
    """The gap words that open a phrase."""
    return re.compile("^(?:" + "|".join(markers()["gap"]["patterns"]) + ")*")


@cache
def relative_re() -> re.Pattern:
    """Words that measure a number against another base ("比2015年增长")."""
    return re.compile("|".join(markers()["relative"]))


# The words between a subject and its number are a few verbs and adverbs that recur
# throughout a report and across reports ("同比增长", "达到"): their readings are cached.
PHRASE_CACHE = 16384


@lru_cache(maxsize=PHRASE_CACHE)
def only_gap_words(s: str) -> bool:
    return _gap_re().fullmatch(s) is not None


def is_transparent(prefix: str) -> bool:
    """"是2010年的1.5倍" only compares the subject before it; "争取上级转移支付资金较2021年
    增加…" names a subject of its own."""
    return only_gap_words(relative_re().sub("", prefix))


class Gap(NamedTuple):
    """What the words between a subject (or a clause's start) and its number say."""
    relative: bool       # measured against another base ("比2015年增长")
    core: str            # without the verbs that end them: an unnamed subject's words
    verbs: str           # those verbs, the number's context
    names: tuple         # other_names(core)
    share: str | None    # the words, when they open with a share ("占…的"), else None


@lru_cache(maxsize=PHRASE_CACHE)
def read_gap(gap: str) -> Gap:
    """The words before a number, read once per wording: they recur throughout a report."""
    # A space before the number ("均下降 3%", as some reports print figures) says nothing.
    core, verbs = _split_verbs(gap.rstrip(" \t\u3000"))
    stripped = gap.lstrip("、,和 ")
    return Gap(bool(gap) and relative_re().search(gap) is not None, core, verbs, other_names(core),
               stripped if stripped.startswith(_share_words()) else None)


@lru_cache(maxsize=PHRASE_CACHE)
def other_names(core: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
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
