"""A report saved in GBK, as many county sites still publish them, reads exactly as the same
report in UTF-8: its text character for character (镕 is in GBK but not in GB2312), its
region and year, and every fact with its every field, through etl.pipeline and through
`tracker extract`."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from etl.pipeline import extract_bytes

# Full-width digits and punctuation and CRLF line ends, as such files have them.
REPORT = ("青山县2024年政府工作报告\r\n"
          "——2024年1月9日在青山县第十九届人民代表大会第三次会议上\r\n"
          "各位代表：\r\n"
          "一、2023年工作回顾\r\n"
          "预计全年完成地区生产总值１２０．５亿元，同比增长６．２％。\r\n"
          "新增城镇就业５８００人，城镇登记失业率控制在３．２％以内。\r\n"
          "镕铸产业园建成投产。\r\n"
          "二、2024年工作安排\r\n"
          "地区生产总值增长６％左右，一般公共预算收入增长５％以上。\r\n")

# The normalised text: half-width digits and punctuation, one \n per line, no final newline.
TEXT = ("青山县2024年政府工作报告\n"
        "——2024年1月9日在青山县第十九届人民代表大会第三次会议上\n"
        "各位代表:\n"
        "一、2023年工作回顾\n"
        "预计全年完成地区生产总值120.5亿元,同比增长6.2%。\n"
        "新增城镇就业5800人,城镇登记失业率控制在3.2%以内。\n"
        "镕铸产业园建成投产。\n"
        "二、2024年工作安排\n"
        "地区生产总值增长6%左右,一般公共预算收入增长5%以上。")

# (kind, year, indicator, measure, value, unit, comparator, strive, estimated, sentence)
FACTS = [
    ("outcome", 2023, "gdp", "level", 12050000000.0, "元", "exact", False, True,
     "预计全年完成地区生产总值120.5亿元"),
    ("outcome", 2023, "gdp", "growth", 6.2, "%", "exact", False, True,
     "预计全年完成地区生产总值120.5亿元,同比增长6.2%"),
    ("outcome", 2023, "new_urban_jobs", "level", 5800.0, "人", "exact", False, False,
     "新增城镇就业5800人"),
    ("outcome", 2023, "registered_unemployment_rate", "level", 3.2, "%", "at_most", False, False,
     "城镇登记失业率控制在3.2%以内"),
    ("target", 2024, "gdp", "growth", 6.0, "%", "approx", False, False,
     "地区生产总值增长6%左右"),
    ("target", 2024, "general_budget_revenue", "growth", 5.0, "%", "at_least", False, False,
     "一般公共预算收入增长5%以上"),
]

FIELDS = ("kind", "year", "indicator", "measure", "value", "unit", "comparator", "strive", "estimated", "sentence")


def test_the_bytes_are_gbk_and_not_gb2312():
    data = REPORT.encode("gbk")
    assert data.decode("gbk") == REPORT
    assert data.decode("gb2312", errors="replace") != REPORT


def test_a_gbk_report_decodes_to_its_exact_text_and_yields_exactly_its_facts():
    data = REPORT.encode("gbk")
    report = extract_bytes(data, "qingshan-2024.txt")
    assert report.text == TEXT
    assert report.sha256 == hashlib.sha256(data).hexdigest()
    assert (report.meta.region, report.meta.region_level, report.meta.report_year, report.meta.review_years,
            report.meta.title) == ("青山县", "county", 2024, [2023], "青山县2024年政府工作报告")
    assert [tuple(getattr(f, name) for name in FIELDS) for f in report.facts] == FACTS
    assert all(f.region == "青山县" and f.report_year == 2024 for f in report.facts)
    # Each fact's offsets point at its sentence in the decoded text.
    assert [report.text[f.start:f.end] for f in report.facts] == [f[-1] for f in FACTS]


def test_a_gbk_report_file_gives_the_same_facts_from_tracker_extract_as_its_utf8_twin(tmp_path):
    gbk, utf8 = tmp_path / "gbk.txt", tmp_path / "utf8.txt"
    gbk.write_bytes(REPORT.encode("gbk"))
    utf8.write_bytes(REPORT.encode("utf-8"))
    tracker = Path(sys.executable).with_name("tracker")
    outputs = {}
    for path in (gbk, utf8):
        done = subprocess.run([str(tracker), "extract", str(path), "--format", "jsonl"],
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        outputs[path.name] = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    facts = outputs["gbk.txt"]
    assert [tuple(f[name] for name in FIELDS) for f in facts] == FACTS
    assert {(f["region"], f["report_year"]) for f in facts} == {("青山县", 2024)}
    assert [TEXT[f["start"]:f["end"]] for f in facts] == [f[-1] for f in FACTS]
    # The two files give the same facts, but for the file each names as its source.
    without_source = {name: [{k: v for k, v in f.items() if k != "source"} for f in out]
                      for name, out in outputs.items()}
    assert without_source["gbk.txt"] == without_source["utf8.txt"]
