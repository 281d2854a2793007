"""Clean names for non-headline facts ("other:<name>"), cut with jieba.

Only the short subject phrase before a number is segmented, never the whole report, so
segmentation costs little. The tokenizer is private (not jieba's global one) and knows the
catalog's indicator names as words, so that they are never cut apart.
"""
from __future__ import annotations

import re
from functools import cache

from etl.catalog import literal_names, markers

_PUNCT = re.compile(r"[“”‘’\"'《》〈〉「」『』()\[\]【】<>•·\s]+")
MAX_NAME = 16


@cache
def tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for lit, _ in literal_names():
        tok.add_word(lit, freq=200000)
    return tok


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(markers()["name_stopwords"])


def clean_name(phrase: str) -> str:
    """"年内完成技改" → "技改"; "培育省级“专精特新”中小企业" → "培育省级专精特新中小企业"."""
    phrase = _PUNCT.sub("", phrase).strip("、,;:的")
    if not phrase:
        return ""
    stop = _stopwords()
    # Segment only when there is something to cut: a function word at either end, or a
    # phrase too long to keep whole. Most phrases need neither.
    if len(phrase) <= MAX_NAME and not (phrase.startswith(_stop_tuple()) or phrase.endswith(_stop_tuple())):
        return phrase
    words = tokenizer().lcut(phrase, HMM=False)
    while words and words[0] in stop:
        words.pop(0)
    while words and words[-1] in stop:
        words.pop()
    # Keep the end of a long phrase: in Chinese the head noun comes last.
    while len("".join(words)) > MAX_NAME and len(words) > 1:
        words.pop(0)
    return "".join(words)[-MAX_NAME:]


@cache
def _stop_tuple() -> tuple[str, ...]:
    return tuple(_stopwords())
