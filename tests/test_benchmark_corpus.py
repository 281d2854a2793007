"""The benchmark corpus generator (benchmarks/generate.py) and extraction agree.

The generator is run as its README says, in a child process; extraction reads its reports
back through etl.pipeline. Facts are compared by the rule of shared/eval/score.py: kind,
year, indicator and measure equal, value within 0.5%.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from etl.catalog import indicators
from etl.pipeline import extract_file

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "benchmarks" / "generate.py"


def generate(out: Path, regions: int = 2, years: int = 3, seed: int = 7) -> dict:
    done = subprocess.run([sys.executable, str(GENERATOR), str(out), "--regions", str(regions),
                           "--years", str(years), "--seed", str(seed)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def manifest(folder: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        fact = json.loads(line)
        out.setdefault(fact["file"], []).append(fact)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate(out, regions=3, years=4, seed=11)
    return out


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    generate(tmp_path / "a")
    generate(tmp_path / "b")
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


def test_another_seed_writes_other_reports(tmp_path):
    generate(tmp_path / "a", seed=1)
    generate(tmp_path / "b", seed=2)
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert a.keys() == b.keys()
    assert all(a[name] != b[name] for name in a if name.endswith(".txt"))


def test_one_report_per_region_and_year_of_the_latest_years(corpus):
    names = sorted(p.name for p in corpus.glob("*.txt"))
    assert names == [f"{r:05d}_{y}.txt" for r in range(3) for y in (2021, 2022, 2023, 2024)]


def test_a_report_has_title_meeting_line_and_both_parts(corpus):
    text = (corpus / "00001_2022.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].endswith("2022年政府工作报告")
    assert lines[1].startswith("——2022年") and lines[1].endswith("次会议上")
    assert "一、2021年工作回顾" in lines
    assert "二、2022年工作安排" in lines


def test_most_sentences_hold_no_number(corpus):
    info = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    assert info["documents"] == 12
    assert 0.55 <= 1 - info["numeric_sentences"] / info["sentences"] <= 0.75


def test_every_report_states_targets_and_outcomes(corpus):
    for file, facts in manifest(corpus).items():
        kinds = Counter(f["kind"] for f in facts)
        assert kinds["outcome"] >= 10 and kinds["target"] >= 8, file


def _key(fact: dict) -> tuple:
    return fact["kind"], fact["year"], fact["indicator"], fact["measure"]


def _unmatched(expected: list[dict], found: list[dict]) -> tuple[list[dict], list[dict]]:
    left = list(found)
    missed = []
    for e in expected:
        hit = next((f for f in left if _key(f) == _key(e)
                    and math.isclose(f["value"], e["value"], rel_tol=0.005)), None)
        if hit is None:
            missed.append(e)
        else:
            left.remove(hit)
            assert (hit["comparator"], hit["strive"], hit["estimated"]) == \
                   (e["comparator"], e["strive"], e["estimated"]), (e, hit["sentence"])
    return missed, left


def test_extraction_reads_back_exactly_the_headline_facts_written(corpus):
    headline = {code for code, ind in indicators().items() if ind.headline}
    for file, expected in manifest(corpus).items():
        report = extract_file(corpus / file)
        assert report.meta.report_year == int(file[6:10])
        found = [f.to_dict() for f in report.facts if f.indicator in headline]
        missed, extra = _unmatched(expected, found)
        assert missed == [], f"{file}: not extracted"
        assert extra == [], f"{file}: extracted but never written"
