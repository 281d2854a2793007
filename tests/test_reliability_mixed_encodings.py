"""A file whose lines mix UTF-8 and GBK (issue 18, item 8): a paragraph pasted from a GBK page
into a UTF-8 report, or the other way round. Whole, such a file is neither encoding and was
refused as "binary data"; read a line at a time, each line in the encoding that decodes it,
every line's facts are extracted. Files in one encoding decode exactly as before.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from etl.errors import InputError
from etl.pipeline import extract_bytes
from etl.text_decoding import decode_text
from test_extract_gbk_report import FACTS, FIELDS, REPORT, TEXT

LINES = REPORT.split("\r\n")
# The lines with facts: the review's figures, and the plan's.
FACT_LINES = [number for number, line in enumerate(LINES) if "增长" in line or "就业" in line]


def mixed(lines_in_gbk: set[int], *, others: str = "utf-8") -> bytes:
    return b"\r\n".join(line.encode("gbk" if number in lines_in_gbk else others)
                        for number, line in enumerate(LINES))


def facts_of(data: bytes) -> list[tuple]:
    return [tuple(getattr(f, name) for name in FIELDS) for f in extract_bytes(data, "mixed.txt").facts]


@pytest.mark.parametrize("gbk_line", FACT_LINES)
def test_a_utf8_report_with_one_line_in_gbk_yields_every_fact_of_its_utf8_twin(gbk_line):
    data = mixed({gbk_line})
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = extract_bytes(data, "mixed.txt")
    assert report.text == TEXT
    assert facts_of(data) == FACTS
    assert report.meta.region == "青山县" and report.meta.report_year == 2024


def test_a_gbk_report_with_one_pasted_utf8_line_reads_each_line_in_its_own_encoding():
    data = mixed(set(range(len(LINES))) - {FACT_LINES[0]})
    assert decode_text(data, "mixed.txt") == REPORT
    assert facts_of(data) == FACTS


def test_every_second_line_in_the_other_encoding():
    assert decode_text(mixed(set(range(0, len(LINES), 2))), "mixed.txt") == REPORT


def test_tracker_extract_reads_a_mixed_file_with_the_gbk_lines_facts(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(mixed({FACT_LINES[-1]}))
    run = subprocess.run([sys.executable, "-m", "dashboard.command", "extract", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["kind"], r["indicator"], r["value"]) for r in rows] == [(f[0], f[2], f[4]) for f in FACTS]
    assert "general_budget_revenue" in {r["indicator"] for r in rows}   # the GBK line's fact


def test_a_damaged_byte_in_a_mixed_file_is_shown_and_the_rest_read():
    data = mixed({FACT_LINES[-1]}).replace("镕".encode(), b"\xff", 1)
    text = decode_text(data, "mixed.txt")
    assert text == REPORT.replace("镕", "\ufffd")


def test_files_in_one_encoding_decode_exactly_as_before():
    for encoding in ("utf-8", "gbk", "gb18030"):
        assert decode_text(REPORT.encode(encoding), "one.txt") == REPORT
    # A GBK file with a line that happens to be valid UTF-8 too (一 is D2 BB, Cyrillic һ in UTF-8)
    # is still read as GBK throughout, that line included.
    gbk = (REPORT + "\r\n一\r\n").encode("gbk")
    assert "一\r\n".encode("gbk").decode("utf-8") == "һ\r\n"
    assert decode_text(gbk, "one.txt") == REPORT + "\r\n一\r\n"


def test_binary_noise_is_still_refused():
    noise = bytes(range(256)) * 64
    with pytest.raises(InputError, match="binary data"):
        decode_text(noise, "noise.txt")
