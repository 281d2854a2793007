"""A report is shown as it was read, each fact's span carried over from the normalised text:
the words quoted must be the document's own ("各位代表：", not "各位代表:"), and normalising
them again must give back the sentence the fact was read from."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.normalize import normalise
from etl.pipeline import extract_text
from etl.read import to_document
from etl.verbatim import original_offsets

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def quote(original: str, offsets: list[int], start: int, end: int) -> str:
    return original[offsets[start]:offsets[end]]


@pytest.mark.parametrize("original, normalised_part, verbatim", [
    ("各位代表：\r\n现在，我代表市人民政府向大会报告工作。", "各位代表:", "各位代表："),
    ("全年地区生产总值增长５．２％，完成目标。", "增长5.2%", "增长５．２％"),
    ("經濟穩中有進，地區生產總值增長６％左右。", "地区生产总值增长6%左右", "地區生產總值增長６％左右"),
    ("城镇新增就业(jiù yè)１．２万人；居民收入增长５％。", "居民收入增长5%", "居民收入增长５％"),
    ("標題\u200b：\r\r\n地区\u3000生产总值增长−３．５％", "地区生产总值增长-3.5%", "地区\u3000生产总值增长−３．５％"),
    # A space inside a word, as text from PDFs has it, is dropped from the normalised text.
    ("其中地 方财政收入100.8亿元，增长12.3％。", "地方财政收入100.8亿元", "地 方财政收入100.8亿元"),
])
def test_a_span_of_the_normalised_text_quotes_the_documents_own_words(original, normalised_part, verbatim):
    normalised = normalise(original)
    start = normalised.index(normalised_part)
    offsets = original_offsets(original, normalised)
    assert quote(original, offsets, start, start + len(normalised_part)) == verbatim


def test_the_offsets_run_forward_and_end_at_the_end():
    original = "一、２０２３年工作回顾\r\n全年完成地区生产总值４０５．４亿元，同比增长９．２％。"
    normalised = normalise(original)
    offsets = original_offsets(original, normalised)
    assert len(offsets) == len(normalised) + 1 and offsets[-1] == len(original)
    assert offsets == sorted(offsets)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*/*/2023.md"))[:3],
                         ids=lambda p: p.name)
def test_every_fact_of_a_real_report_quotes_words_that_normalise_to_its_sentence(path):
    document = to_document(path.read_bytes(), path.name)
    report = extract_text(document.text, path.name)
    offsets = original_offsets(document.text, report.text)
    assert report.facts
    for fact in report.facts:
        if fact.start is None:
            continue
        words = quote(document.text, offsets, fact.start, fact.end)
        assert normalise(words) == report.text[fact.start:fact.end], fact.sentence
