"""The catalogs beside this file, loaded once: indicators and their names, markers, units.

Names in indicators.toml use a small notation: "[x]" is optional, "{a|b}" picks one.
`expand()` turns a name into every literal string it stands for.
"""
from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

_OPTIONAL = re.compile(r"\[([^\[\]{}]*)\]")
_CHOICE = re.compile(r"\{([^\[\]{}]*)\}")


@dataclass(frozen=True)
class Indicator:
    code: str
    zh: str
    en: str
    unit: str
    better: str
    headline: bool
    names: tuple[str, ...] = ()
    qualified: tuple[str, ...] = ()
    qualifier: tuple[str, ...] = ()
    total: str | None = None
    increase: str | None = None
    percent: str = "level"
    sums: bool = False
    gdp_share: str | None = None
    parts: dict = field(default_factory=dict)
    index: float | None = None
    counted_in: tuple[str, ...] = ()
    earlier: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """Every literal name → the indicator codes it stands for (two for a compound)."""
    codes: dict[str, tuple[str, ...]]
    qualified: dict[str, tuple[str, tuple[str, ...]]]  # bare name → (code, qualifiers)
    pattern: re.Pattern = field(repr=False)


def expand(name: str) -> list[str]:
    """All literal strings a catalog name stands for: "[全社会]固定资产投资" → two strings."""
    m = _OPTIONAL.search(name)
    if m:
        alts = [""] + m.group(1).split("|")
        return [s for a in alts for s in expand(name[:m.start()] + a + name[m.end():])]
    m = _CHOICE.search(name)
    if m:
        return [s for a in m.group(1).split("|") for s in expand(name[:m.start()] + a + name[m.end():])]
    return [name]


def trie_pattern(words: set[str]) -> str:
    """One regular expression for many literal words, factored by common prefixes.

    re tries alternatives one by one; a flat "a|b|c…" of hundreds of names is slow on long
    text. Factored into a trie, each position costs a few character tests. Longer words are
    tried before their prefixes, so the longest name wins.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body


def _read(filename: str) -> dict:
    return tomllib.loads(resources.files(__package__).joinpath(filename).read_text(encoding="utf-8"))


@cache
def regions() -> dict:
    """How region names are written and the levels they name (regions.toml)."""
    return _read("regions.toml")


@cache
def indicators() -> dict[str, Indicator]:
    """The indicator catalog by code, in file order."""
    out = {}
    for code, d in _read("indicators.toml").items():
        if code in ("compounds", "wholes"):
            continue
        out[code] = Indicator(
            code=code, zh=d["zh"], en=d["en"], unit=d["unit"], better=d["better"],
            headline=bool(d.get("headline", False)), names=tuple(d.get("names", ())),
            qualified=tuple(d.get("qualified", ())), qualifier=tuple(d.get("qualifier", ())),
            total=d.get("total"), increase=d.get("increase"),
            percent=d.get("percent", "level" if d["unit"] == "%" else "growth"),
            sums=bool(d.get("sums", False)), gdp_share=d.get("gdp_share"), parts=dict(d.get("parts", {})),
            index=d.get("index"), counted_in=tuple(d.get("counted_in", ())),
            earlier=dict(d.get("earlier", {})),
        )
    return out


@cache
def compounds() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in _read("indicators.toml").get("compounds", {}).items()}


@cache
def wholes() -> dict[str, str]:
    """Compound name → the indicator of the whole ("城乡居民人均可支配收入" → all residents')."""
    return dict(_read("indicators.toml").get("wholes", {}))


@cache
def markers() -> dict:
    return _read("markers.toml")


@cache
def marker_words(*keys: str) -> re.Pattern:
    """One regex for a list of marker words (markers()[keys[0]][keys[1]]…), read literally.

    `pattern.search(s)` answers "does s hold any of these words" in one C-level scan, where
    a Python loop over the words costs a call per word.
    """
    words = markers()
    for key in keys:
        words = words[key]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@cache
def units() -> dict:
    return _read("units.toml")


def literal_names() -> list[tuple[str, tuple[str, ...]]]:
    """(literal, codes) for every expansion of every name, compounds included."""
    pairs = [(lit, (ind.code,)) for ind in indicators().values() for n in ind.names for lit in expand(n)]
    pairs += list(compounds().items())
    return pairs


@cache
def lexicon() -> Lexicon:
    # Keys are upper-cased so that "gdp" and "GDP" are one name; Chinese is unaffected.
    codes: dict[str, tuple[str, ...]] = {}
    for lit, cs in literal_names():
        codes.setdefault(lit.upper(), cs)
    qualified = {}
    for ind in indicators().values():
        for bare in ind.qualified:
            for lit in expand(bare):
                qualified[lit.upper()] = (ind.code, ind.qualifier)
    spellings = {v for name in set(codes) | set(qualified) for spaced in spaced_variants(name)
                 for v in case_variants(spaced)}
    return Lexicon(codes=codes, qualified=qualified, pattern=re.compile(trie_pattern(spellings)))


_LATIN_EDGE = re.compile(r"(?<=[A-Za-z0-9.])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[A-Za-z])")


def spaced_variants(name: str) -> set[str]:
    """`name` with and without a space where Latin letters meet Chinese ("单位GDP 能耗",
    "单位 GDP 能耗"): many reports set a Latin word apart so. find_mentions reads a name
    without its spaces."""
    variants = {""}
    for part in _LATIN_EDGE.split(name):
        variants = {v + gap + part for v in variants for gap in (("", " ") if v else ("",))}
    return variants


def case_variants(name: str) -> set[str]:
    """Every upper/lower-case spelling of the Latin letters in `name` ("gdp", "GDP", "Gdp"…).

    Spelled out rather than matched with re.IGNORECASE: a pattern whose alternatives all
    open with a literal character lets re skip at C speed to where a name can start, and
    IGNORECASE turns that off (a tenfold difference on a report's text). Names hold at most
    a few Latin letters, so the variants stay few.
    """
    choices = [(c.upper(), c.lower()) if c.isascii() and c.isalpha() else (c,) for c in name]
    return {"".join(p) for p in itertools.product(*choices)}
