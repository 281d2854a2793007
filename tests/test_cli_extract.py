"""`tracker extract` as a user runs it: exit status, stdout formats, one clear line per bad file."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
REPORT = ("青山县2024年政府工作报告\n各位代表:\n一、2023年工作回顾\n全年完成地区生产总值120.5亿元,同比增长6.2%。\n"
          "二、2024年工作安排\n地区生产总值增长6%左右,新增城镇就业5000人。\n")


def tracker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard.command", *args], capture_output=True, timeout=120)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_jsonl_output_has_the_spec_fields_for_every_fact(tmp_path):
    p = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    out = tracker("extract", str(p), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    facts = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert [(f["kind"], f["indicator"], f["measure"], f["value"]) for f in facts] == [
        ("outcome", "gdp", "level", 1.205e10), ("outcome", "gdp", "growth", 6.2),
        ("target", "gdp", "growth", 6), ("target", "new_urban_jobs", "level", 5000)]
    spec = {"region", "report_year", "kind", "year", "indicator", "measure", "value", "unit",
            "comparator", "strive", "estimated", "sentence", "start", "end"}
    assert all(spec <= f.keys() for f in facts)
    assert facts[0]["region"] == "青山县" and facts[0]["report_year"] == 2024


def test_csv_output_starts_with_a_bom_so_excel_reads_chinese(tmp_path):
    p = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    out = tracker("extract", str(p), "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8-sig"))))
    assert [(r["region"], r["indicator"], r["value"]) for r in rows][:1] == [("青山县", "gdp", "12050000000.0")]


def test_output_file_is_written_whole(tmp_path):
    p = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    target = tmp_path / "facts.csv"
    out = tracker("extract", str(p), "--format", "csv", "-o", str(target))
    assert out.returncode == 0 and out.stdout == b""
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") and len(target.read_text("utf-8-sig").splitlines()) == 5


def test_a_gbk_file_reads_like_a_utf8_one(tmp_path):
    p = write(tmp_path, "gbk.txt", REPORT.encode("gbk"))
    out = tracker("extract", str(p))
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 4


def test_the_seed_reports_name_their_regions_and_years():
    out = tracker("extract", *map(str, sorted(SEEDS.glob("*.txt"))))
    facts = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert {(f["region"], f["report_year"]) for f in facts} == {("兰陵县", 2023), ("罗庄区", 2019)}


def bad_input_line(out: subprocess.CompletedProcess, path: Path) -> str:
    err = out.stderr.decode("utf-8")
    assert out.returncode != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0]
    return lines[0]


def test_an_empty_file_is_one_clear_error(tmp_path):
    p = write(tmp_path, "empty.txt", b"")
    assert "empty" in bad_input_line(tracker("extract", str(p)), p)


def test_a_binary_file_is_one_clear_error(tmp_path):
    p = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    assert "binary" in bad_input_line(tracker("extract", str(p)), p)


def test_a_file_that_is_not_a_work_report_is_one_clear_error(tmp_path):
    p = write(tmp_path, "menu.txt", "红烧肉 38元\n清蒸鱼 58元\n".encode("utf-8"))
    assert "not a government work report" in bad_input_line(tracker("extract", str(p)), p)


def test_a_missing_path_is_one_clear_error(tmp_path):
    p = tmp_path / "nowhere.txt"
    assert "not found" in bad_input_line(tracker("extract", str(p)), p)


def test_a_report_without_region_names_the_option_and_the_option_fixes_it(tmp_path):
    p = write(tmp_path, "r.txt", "2024年政府工作报告\n各位代表:\n地区生产总值增长6%左右。\n".encode("utf-8"))
    assert "--region" in bad_input_line(tracker("extract", str(p)), p)
    out = tracker("extract", str(p), "--region", "青山县")
    assert out.returncode == 0 and json.loads(out.stdout.splitlines()[0])["region"] == "青山县"


def test_a_folder_run_reports_the_bad_file_and_extracts_the_rest(tmp_path):
    write(tmp_path, "a.txt", REPORT.encode("utf-8"))
    bad = write(tmp_path, "b.txt", b"")
    write(tmp_path, "c.txt", REPORT.replace("青山县", "白水县").encode("utf-8"))
    out = tracker("extract", str(tmp_path))
    assert out.returncode == 1
    assert {json.loads(line)["region"] for line in out.stdout.splitlines()} == {"青山县", "白水县"}
    err = out.stderr.decode("utf-8").strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0]


def test_csv_and_json_lines_say_flags_in_the_same_words(tmp_path):
    p = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    as_json = [json.loads(line) for line in tracker("extract", str(p)).stdout.splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(tracker("extract", str(p), "--format", "csv").stdout.decode("utf-8-sig"))))
    assert [(r["strive"], r["estimated"]) for r in as_csv] == [
        (json.dumps(f["strive"]), json.dumps(f["estimated"])) for f in as_json]
    assert {r["strive"] for r in as_csv} | {r["estimated"] for r in as_csv} <= {"true", "false"}


def test_a_given_region_and_year_win_and_a_note_says_what_the_report_stated(tmp_path):
    p = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    out = tracker("extract", str(p), "--region", "白水县", "--year", "2025")
    assert out.returncode == 0, out.stderr
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    assert {(f["region"], f["report_year"]) for f in facts} == {("白水县", 2025)}
    notes = out.stderr.decode("utf-8").splitlines()
    assert notes == [f"tracker: note: {p}: the report names 青山县; read as 白水县 (--region)",
                     f"tracker: note: {p}: the report is for 2024; read as 2025 (--year)"]


def test_a_given_region_the_report_agrees_with_brings_no_note(tmp_path):
    p = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    out = tracker("extract", str(p), "--region", "青山县", "--year", "2024")
    assert out.returncode == 0 and out.stderr == b""
