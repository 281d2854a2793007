"""Long clauses and documents of figures cost time and memory in proportion to their length
(issue 18, items 1 and 3): a clause is cut at MAX_CLAUSE characters, a fact's evidence is at
most that long and still text[start:end], a clause's numbers are paired with its names in
linear time, and a document yields at most MAX_FACTS facts, with a note where it has more.

Before the limits a 1 MB line without a comma took 1 min 42 s and 19.5 GB (each of its
10,699 facts carried the whole line as its sentence), and a 250 KB line grew the database
by 1.38 GB. The inputs here are generated; benchmarks/hostile_inputs.py replays large ones.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from db.ingest import ingest_paths
from db.migrate import open_database
from etl import extract, records, segment
from etl.pipeline import extract_bytes, extract_text
from etl.segment import MAX_CLAUSE, clauses

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
HEAD = "青山县2024年政府工作报告\n一、2023年工作回顾\n"


def long_line(unit: str, size: int) -> str:
    """A report whose review is one line of `unit` repeated to `size` UTF-8 bytes."""
    return HEAD + unit * (size // len(unit.encode("utf-8"))) + "\n"


def assert_evidence_short(report) -> None:
    assert report.facts
    for f in report.facts:
        assert len(f.sentence) <= MAX_CLAUSE
        assert report.text[f.start:f.end] == f.sentence


@pytest.mark.parametrize("unit", ["地区生产总值增长5%", "地区生产总值增长5% ", "全年地区生产总值达到300亿元、增长5%"])
def test_a_long_line_without_commas_is_read_in_short_clauses(unit):
    text = long_line(unit, 200_000)
    started = time.perf_counter()
    report = extract_text(text, "long.txt", region="青山县", year=2024)
    seconds = time.perf_counter() - started
    assert seconds < 10, f"{seconds:.1f} s for a 200 KB line"
    assert_evidence_short(report)
    if not unit.endswith("%"):   # with nothing between them, the figures are read as one odd name's
        assert sum(f.indicator == "gdp" and f.value == 5 for f in report.facts) > 5_000


def test_a_long_run_of_clauses_on_one_subject_keeps_each_fact_short():
    # Each clause goes on with the subject named in the first: the evidence of a fact reaches
    # back to that clause only while it is near.
    text = HEAD + "地区生产总值增长5%" + ",同比增长6%" * 10_000 + "。\n"
    report = extract_text(text, "commas.txt", region="青山县", year=2024)
    assert_evidence_short(report)
    assert len(report.facts) == 10_001
    assert report.facts[0].sentence == "地区生产总值增长5%"
    assert report.facts[1].sentence == "地区生产总值增长5%,同比增长6%"
    assert report.facts[-1].sentence == "同比增长6%"


def test_a_long_clause_is_cut_at_a_separator_and_never_inside_a_number():
    items = "、".join(f"项目{i}投资{i * 1.5:.1f}亿元" for i in range(400))
    text = items + "," + "12345678" * 200 + "," + "增长5%" * 300
    spans = list(clauses(text, 0, len(text)))
    assert all(b - a <= MAX_CLAUSE for a, b in spans)
    first = [s for s in spans if s[1] <= len(items)]
    # Cut before a 、, so that each piece but the first opens with one.
    assert all(text[a] == "、" for a, _ in first[1:])
    assert "".join(text[a:b] for a, b in first) == items
    figures = [text[a:b] for a, b in spans if b > len(items) + 1 + 1600]
    assert all(piece.endswith("%") for piece in figures[:-1])
    assert "".join(figures) == "增长5%" * 300


def test_clauses_of_real_reports_are_not_cut(monkeypatch):
    """The facts of real reports are those read without the limit: their clauses are shorter."""
    names = ["000_f371ca59a7da8bc1.txt", "002_b94fd21329743d31.txt",
             "政府工作报告-国务院/1955.md", "国家统计局年度统计/2023.md"]
    reports = [(name, (SEEDS / name).read_bytes()) for name in names]
    limited = [extract_bytes(data, name).facts for name, data in reports]
    monkeypatch.setattr(segment, "MAX_CLAUSE", 10**9)
    monkeypatch.setattr(records, "MAX_CLAUSE", 10**9)
    assert [extract_bytes(data, name).facts for name, data in reports] == limited
    assert all(limited)


def test_a_document_yields_at_most_max_facts_and_says_so(monkeypatch):
    monkeypatch.setattr(extract, "MAX_FACTS", 50)
    text = long_line("地区生产总值增长5% ", 30_000)
    report = extract_text(text, "many.txt", region="青山县", year=2024)
    assert len(report.facts) == 50
    assert any("more than 50 facts" in note for note in report.meta.notes)
    # One sentence per figure: stopped between sentences alike.
    report = extract_text(HEAD + "地区生产总值增长5%。" * 80, "many.txt", region="青山县", year=2024)
    assert len(report.facts) == 50 and any("more than 50 facts" in n for n in report.meta.notes)
    # As many facts as allowed, and no more: nothing is said.
    report = extract_text(HEAD + "地区生产总值增长5%。" * 50, "fifty.txt", region="青山县", year=2024)
    assert len(report.facts) == 50 and not report.meta.notes


def test_ingesting_a_long_line_stores_short_sentences(tmp_path):
    path = tmp_path / "青山县2024.txt"
    path.write_text(long_line("地区生产总值增长5% ", 250_000), encoding="utf-8")
    db = tmp_path / "tracker.sqlite"
    engine = open_database(f"sqlite:///{db}")
    started = time.perf_counter()
    summary = ingest_paths(engine, [path])
    assert time.perf_counter() - started < 20
    assert not summary.failed
    engine.dispose()
    # The text itself (250 KB) and some 9,000 facts of one short sentence each (1.38 GB before).
    assert db.stat().st_size < 50_000_000
