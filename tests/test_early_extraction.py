"""`tracker ingest` extracts its first reports in a second process while it opens the database
(etl.early_extraction). Whatever that process does, ingest stores what it would have
extracted itself: the same facts, from the same bytes, for the region and year it was given."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import early_extraction
from etl.early_extraction import EarlyExtraction
from etl.pipeline import extract_bytes

REPORTS = {
    "a.txt": "青田县2024年政府工作报告\n二、2024年工作安排\n地区生产总值增长6%左右,新增城镇就业4900人。\n",
    "b.txt": "青田县2023年政府工作报告\n一、2022年工作回顾\n全县地区生产总值增长3.5%。\n"
             "二、2023年工作安排\n城镇登记失业率控制在3.5%以内。\n",
}

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the helper is forked on Linux only")


@pytest.fixture
def reports(tmp_path) -> list[Path]:
    paths = []
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(early_extraction, "_cores", lambda: 2)


def not_called(data: bytes, name: str):
    raise AssertionError(f"{name} was extracted again")


def facts_of(report) -> list[tuple]:
    return [(f.indicator, f.kind, f.year, f.value, f.comparator, f.sentence) for f in report.facts]


def test_the_helper_serves_each_report_as_ingest_would_extract_it(reports, two_cores):
    with EarlyExtraction(reports, None, None) as early:
        extract = early.extractor(not_called)
        for path in reports:
            data = path.read_bytes()
            got = extract(data, str(path))
            assert facts_of(got) == facts_of(extract_bytes(data, str(path)))
            assert got.text == extract_bytes(data, str(path)).text
        assert early.served == 2


def test_the_region_and_year_given_reach_the_helper(reports, two_cores):
    with EarlyExtraction(reports[:1], "兰陵县", 2025) as early:
        data = reports[0].read_bytes()
        got = early.extractor(not_called)(data, str(reports[0]))
    expected = extract_bytes(data, str(reports[0]), region="兰陵县", year=2025)
    assert (got.meta.region, got.meta.report_year) == ("兰陵县", 2025)
    assert facts_of(got) == facts_of(expected)


def test_a_file_changed_since_the_helper_read_it_is_extracted_again(reports, two_cores):
    calls = []

    def own(data, name):
        calls.append(name)
        return extract_bytes(data, name)

    with EarlyExtraction(reports, None, None) as early:
        extract = early.extractor(own)
        changed = REPORTS["a.txt"].replace("6%", "7%").encode()
        got = extract(changed, str(reports[0]))
        assert [f.value for f in got.facts if f.indicator == "gdp"] == [7.0]
        extract(reports[1].read_bytes(), str(reports[1]))
    assert calls == [str(reports[0])]


def test_a_helper_that_died_leaves_ingest_to_extract(reports, two_cores):
    calls = []
    with EarlyExtraction(reports, None, None) as early:
        os.kill(early.pid, signal.SIGKILL)
        extract = early.extractor(lambda data, name: calls.append(name) or extract_bytes(data, name))
        for path in reports:
            assert extract(path.read_bytes(), str(path)).facts
    assert calls == [str(p) for p in reports]


def test_a_large_file_is_left_to_ingest(reports, two_cores, monkeypatch):
    """Its bytes and its report are not held by two processes at once."""
    monkeypatch.setattr(early_extraction, "EARLY_BYTES", reports[0].stat().st_size - 1)
    calls = []
    with EarlyExtraction(reports, None, None) as early:
        extract = early.extractor(lambda data, name: calls.append(name) or extract_bytes(data, name))
        for path in reports:
            extract(path.read_bytes(), str(path))
    assert calls == [str(p) for p in reports]     # the first too large, and none after it


def test_on_one_core_there_is_no_helper(reports, monkeypatch):
    monkeypatch.setattr(early_extraction, "_cores", lambda: 1)
    with EarlyExtraction(reports, None, None) as early:
        assert early.pid == 0
        data = reports[0].read_bytes()
        assert facts_of(early.extractor(extract_bytes)(data, str(reports[0]))) == facts_of(extract_bytes(data, "x"))


def test_the_helper_is_gone_when_ingest_is_done(reports, two_cores):
    with EarlyExtraction(reports, None, None) as early:
        pid = early.pid
        assert pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)     # reaped: no zombie left behind


def test_tracker_ingest_stores_the_facts_it_extracts_alone(reports, tmp_path, two_cores):
    from dashboard.command import app
    from db.ingest import ingest_paths
    from db.migrate import open_database
    from tests.db_support import stored_facts

    alone = f"sqlite:///{tmp_path / 'alone.sqlite'}"
    ingest_paths(open_database(alone, write=True), reports)
    early = f"sqlite:///{tmp_path / 'early.sqlite'}"
    result = CliRunner().invoke(app, ["ingest", *map(str, reports), "--db", early])
    assert result.exit_code == 0, result.output
    assert stored_facts(early) == stored_facts(alone) != []
