"""Clean names for non-headline facts ("other:<name>"), cut with jieba.

Only the short subject phrase before a number is segmented, never the whole report. The
tokenizer is private (not jieba's global one); it knows the words of jieba's dictionary that
occur in real reports (catalog/words.txt.gz, see catalog/make_words.py), weighted as in the
whole dictionary, and the catalog's indicator names, so that those are never cut apart.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from etl.catalog import literal_names, markers, trie_pattern
from etl.derived_cache import derived

PUNCTUATION = re.compile(r"[“”‘’\"'《》〈〉「」『』()\[\]【】<>•·\s①-⑳]+")
MAX_NAME = 16


def _import_jieba():
    """jieba, imported without pkg_resources: jieba imports it only to open its own dictionary,
    which tokenizer() never reads, and importing it costs a quarter of a second of every
    command's start. Without it jieba opens its files by path."""
    import sys

    if "pkg_resources" in sys.modules or "jieba" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None     # `import pkg_resources` now raises ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


@cache
def tokenizer():
    """jieba's tokenizer with the word frequencies of _frequencies(), kept between runs
    (see etl.derived_cache): building them is most of a one-report command's start."""
    jieba = _import_jieba()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total = derived("words", _word_sources(jieba), _frequencies)
    tok.initialized = True
    return tok


def _word_sources(jieba) -> list[bytes]:
    catalog = resources.files("etl.catalog")
    return [catalog.joinpath("words.txt.gz").read_bytes(), catalog.joinpath("words.toml").read_bytes(),
            repr(sorted(lit for lit, _ in literal_names())).encode(), jieba.__version__.encode()]


def _frequencies() -> tuple[dict[str, int], int]:
    """(word or prefix → frequency, total) as jieba's Tokenizer holds them."""
    import gzip
    import tomllib

    jieba = _import_jieba()
    catalog = resources.files("etl.catalog")
    tok = jieba.Tokenizer()
    with gzip.open(catalog.joinpath("words.txt.gz").open("rb")) as words:
        tok.FREQ, _ = tok.gen_pfdict(words)
    # The whole dictionary's total: with it a word weighs what it weighs there, and a phrase
    # of kept words is cut as the whole dictionary would cut it. jieba's own initialize()
    # would load all 349,046 words instead.
    tok.total = tomllib.loads(catalog.joinpath("words.toml").read_text("utf-8"))["frequency"]["total"]
    tok.initialized = True
    for lit, _ in literal_names():
        tok.add_word(lit, freq=200000)
    return tok.FREQ, tok.total


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(markers()["name_stopwords"])


@cache
def _edges() -> tuple[re.Pattern, re.Pattern]:
    # Only words of two characters or more: a single character such as 新 or 共 may begin
    # a word (新建, 共建), and telling which needs segmentation.
    # As one trie: tried at every position of a phrase, it costs a few character tests there
    # instead of one per word. Its alternatives are tried longest first, as a list sorted so.
    words = trie_pattern({w for w in _stopwords() if len(w) > 1})
    return re.compile(f"^(?:{words})+"), re.compile(f"(?:{words})+$")


@lru_cache(maxsize=65536)
def clean_name(phrase: str) -> str:
    """"年内完成技改" → "技改"; "培育省级“专精特新”中小企业" → "培育省级专精特新中小企业".

    Function words at either end are dropped by pattern; jieba is asked only to shorten a
    phrase too long to keep whole, so that it is cut at a word boundary, not mid-word.
    Names repeat from report to report, so results are remembered.
    """
    phrase = PUNCTUATION.sub("", phrase).strip("、,;:的")
    head, tail = _edges()
    core = tail.sub("", head.sub("", phrase)) or phrase
    if len(core) <= MAX_NAME:
        return core
    words = tokenizer().lcut(core, HMM=False)
    while len("".join(words)) > MAX_NAME and len(words) > 1:
        words.pop(0)   # keep the end: in Chinese the head noun comes last
    return "".join(words)[-MAX_NAME:]
