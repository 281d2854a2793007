"""Whatever analysts scraped, fed to `tracker ingest` and to the library: each file yields what it
honestly holds or fails in one line naming the file and the reason, and none leaves part of a
document in the database.

Every report here is written in this file; expected facts are read off it by hand. Inputs that
other files already cover are named in their docstrings rather than tested twice:
encodings decoded (test_read.py), every format giving the same facts (test_extract_formats.py),
an HTML page's scripts and navigation dropped (test_read.py, test_extract_formats.py), and a
published-figures table with a missing column or a non-numeric value (test_db_import.py).
"""
from __future__ import annotations

import codecs
import io
import os
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from conftest import count
from db.errors import BadTable
from db.import_facts import import_table
from db.ingest import ingest_paths
from db.migrate import open_database
from db.models import Document, Fact, Indicator
from db.session import make_engine
from etl.errors import InputError
from etl.pipeline import extract_bytes, extract_text
from tests.report_builder import QINGSHAN_2024, as_docx

TRACKER = str(Path(sys.executable).with_name("tracker"))

REPORT = QINGSHAN_2024
# (kind, year, indicator, measure, value, sentence), read off REPORT by hand.
FACTS = [
    ("outcome", 2023, "gdp", "growth", 5.2, "全年地区生产总值增长5.2%"),
    ("outcome", 2023, "new_urban_jobs", "level", 4800, "新增城镇就业4800人"),
    ("target", 2024, "gdp", "growth", 6, "地区生产总值增长6%左右"),
    ("target", 2024, "registered_unemployment_rate", "level", 3.5, "城镇登记失业率控制在3.5%以内"),
]


def facts_of(report) -> list[tuple]:
    return [(f.kind, f.year, f.indicator, f.measure, f.value, f.sentence) for f in report.facts]


def offsets_hold(report) -> bool:
    return all(report.text[f.start:f.end] == f.sentence for f in report.facts)


# --- running the command and reading the database -------------------------------------------

def tracker(*args, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([TRACKER, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def one_error_line(done: subprocess.CompletedProcess, path: Path) -> str:
    """The single stderr line of a failed run, which must name the file."""
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], done.stderr
    return lines[0]


def stored(url: str) -> dict[str, list[tuple]]:
    """Each stored document's source → its facts (kind, year, indicator, measure, value, sentence)."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            out = {source: [] for source in s.scalars(select(Document.source))}
            rows = s.execute(select(Document.source, Fact.kind, Fact.year, Indicator.code, Fact.measure,
                                    Fact.value, Fact.sentence)
                             .join(Fact, Fact.document_id == Document.id).join(Indicator)
                             .order_by(Fact.id))
            for source, *fact in rows:
                out[source].append(tuple(fact))
            # A fact whose document is gone would be a half-written document.
            orphans = s.scalar(select(func.count(Fact.id)).where(Fact.document_id.not_in(select(Document.id))))
            assert orphans == 0
        return out
    finally:
        engine.dispose()


@pytest.fixture
def database(tmp_path):
    """A SQLite file already holding REPORT, so that a failing run has something to leave alone."""
    good = tmp_path / "qingshan.txt"
    good.write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    engine = open_database(url)
    assert [r.status for r in ingest_paths(engine, [good]).results] == ["new"]
    engine.dispose()
    return url


# --- files built in the test ----------------------------------------------------------------

def png() -> bytes:
    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    pixels = zlib.compress(b"\x00" + b"\x10\x80\xf0" * 16)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def as_pdf(text: str) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont("STSong-Light", 10)
    for i, line in enumerate(text.splitlines()):
        pdf.drawString(40, 800 - 14 * i, line)
    pdf.save()
    return out.getvalue()


def first_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


# A report saved as GBK and opened as Latin-1 somewhere along the way: "ÇàÉ½ÏØ2024Äê…".
GARBLED = REPORT.encode("gbk").decode("latin-1").encode("utf-8")

BAD_FILES = [
    ("empty.txt", lambda: b"", "empty file"),
    ("photo.txt", png, "not a text document (binary data)"),
    ("cut.docx", lambda: first_half(as_docx(REPORT)), "corrupt or truncated docx"),
    ("cut.pdf", lambda: first_half(as_pdf(REPORT)), "corrupt or truncated pdf"),
    ("garbled.txt", lambda: GARBLED, "not a government work report"),
    # A spreadsheet is a zip like a .docx: only its suffix tells it apart.
    ("figures.xlsx", lambda: as_docx("青山县"), "unsupported file type (.xlsx)"),
]


@pytest.mark.parametrize("name, make, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_fails_ingest_in_one_line_and_leaves_the_database_as_it_was(database, tmp_path, name,
                                                                              make, reason):
    before = stored(database)
    path = tmp_path / name
    path.write_bytes(make())
    done = tracker("ingest", path, "--db", database)
    assert one_error_line(done, path).startswith(f"tracker: error: {path}: {reason}")
    assert done.stdout.startswith("documents: 0 new, 0 replaced, 0 unchanged, 1 failed")
    assert stored(database) == before


def test_a_named_pipe_is_refused_rather_than_waited_on(database, tmp_path):
    # Reading a FIFO blocks until someone writes to it; ingest must not hang on one.
    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)
    done = tracker("ingest", pipe, "--db", database, timeout=60)
    assert one_error_line(done, pipe) == f"tracker: error: {pipe}: not a regular file"


# --- encodings ------------------------------------------------------------------------------

# GB18030 is checked with characters that GBK lacks (𠮷 U+20BB7, 䶮 U+4DAE).
RARE = "“𠮷祥”“䶮德”社区服务中心建成投用。\n"
ENCODINGS = {
    "gbk": lambda: REPORT.encode("gbk"),
    "gb18030": lambda: (REPORT + RARE).encode("gb18030"),
    "utf-16-le-bom": lambda: codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"),
    "utf-16-be-bom": lambda: codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda: REPORT.encode("utf-16-le"),
    "utf-8-bom": lambda: codecs.BOM_UTF8 + REPORT.encode("utf-8"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_report_in_any_common_encoding_is_stored_with_its_text_and_facts(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(ENCODINGS[encoding]())
    engine = open_database(f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    summary = ingest_paths(engine, [path])
    assert [(r.status, r.facts) for r in summary.results] == [("new", 4)]
    text = (REPORT + (RARE if encoding == "gb18030" else "")).rstrip("\n")
    with Session(engine) as s:
        document = s.scalars(select(Document)).one()
        # The byte-order mark is not text: offsets count from the report's first character.
        assert document.text == text
        assert [(f.kind, f.value, document.text[f.start:f.end]) for f in document.facts] == [
            (kind, value, sentence) for kind, _, _, _, value, sentence in FACTS]
    engine.dispose()


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_report_cut_off_inside_a_character_keeps_everything_before_the_cut(encoding):
    # A download that stopped early ends in the first bytes of a two- or three-byte character.
    data = REPORT.encode(encoding)
    cut = data[:-2]   # drops the final line break and the last byte of the closing 。
    report = extract_bytes(cut, "cut.txt")
    assert facts_of(report) == FACTS
    assert report.text.startswith("青山县2024年政府工作报告\n")
    assert offsets_hold(report)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_stray_byte_in_a_report_costs_one_character_not_the_file(encoding):
    data = REPORT.encode(encoding)
    at = data.index("各位代表".encode(encoding))
    report = extract_bytes(data[:at] + b"\xff" + data[at:], "stray.txt")
    assert facts_of(report) == FACTS
    assert "\ufffd各位代表" in report.text


# --- Traditional script, readings and mojibake ----------------------------------------------

TRADITIONAL = ("青山縣2024年政府工作報(bào)告\n"
               "——2024年1月9日在青山縣第十九屆人民代表大會第三次會議上\n"
               "各位代表:\n"
               "一、2023年工作回顧\n"
               "全年地區生產總值增長(zhǎng)5.2%,新增城鎮就業4800人。\n"
               "二、2024年工作安排\n"
               "地區生產總值增長(zhǎng)6%左右,城鎮登記失業率控制在3.5%以內。\n")


def test_a_traditional_report_with_pinyin_readings_is_stored_as_simplified_text(tmp_path):
    path = tmp_path / "traditional.txt"
    path.write_bytes(TRADITIONAL.encode("big5hkscs"))
    engine = open_database(f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    assert not ingest_paths(engine, [path]).failed
    with Session(engine) as s:
        document = s.scalars(select(Document)).one()
        assert (document.region.name, document.title) == ("青山县", "青山县2024年政府工作报告")
        assert [(f.indicator.code, f.value, document.text[f.start:f.end]) for f in document.facts] == [
            (code, value, sentence) for _, _, code, _, value, sentence in FACTS]
    engine.dispose()


def test_garbled_lines_inside_a_readable_report_do_not_hide_its_other_facts():
    garbled = "全年地区生产总值增长5.2%。".encode("utf-8").decode("gbk", errors="replace")
    text = REPORT.replace("全年地区生产总值增长5.2%,", garbled + "\n全年")
    report = extract_text(text, "mixed.txt")
    headline = [f[:5] for f in facts_of(report) if not f[2].startswith("other:")]
    assert headline == [("outcome", 2023, "new_urban_jobs", "level", 4800), *(f[:5] for f in FACTS[2:])]
    assert offsets_hold(report)


# --- what a report holds ----------------------------------------------------------------------

def test_a_report_without_any_figures_is_stored_with_no_facts(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("青山县2024年政府工作报告\n各位代表:\n一、2023年工作回顾\n过去一年,全县上下团结一心,攻坚克难。\n"
                    "二、2024年工作安排\n今年要坚持稳中求进工作总基调。\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    done = tracker("ingest", path, "--db", url)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("documents: 1 new, 0 replaced, 0 unchanged, 0 failed; facts stored: 0")
    assert stored(url) == {path.resolve().as_posix(): []}


def test_a_report_of_only_a_review_holds_only_outcomes_of_the_year_before():
    text = "青山县2024年政府工作报告\n各位代表:\n一、2023年工作回顾\n全年地区生产总值增长5.2%,新增城镇就业4800人。\n"
    assert facts_of(extract_text(text, "review.txt")) == FACTS[:2]


def test_a_report_of_only_a_plan_holds_only_targets_of_its_year():
    text = "青山县2024年政府工作报告\n各位代表:\n二、2024年工作安排\n地区生产总值增长6%左右,城镇登记失业率控制在3.5%以内。\n"
    assert facts_of(extract_text(text, "plan.txt")) == FACTS[2:]


def test_chinese_numerals_full_width_digits_and_thousands_separators_are_read():
    text = ("青山县2024年政府工作报告\n各位代表:\n一、2023年工作回顾\n"
            "全年完成固定资产投资１，２３４．５亿元，新增城镇就业两万人。\n"
            "二、2024年工作安排\n地区生产总值增长百分之七左右,城镇登记失业率控制在百分之三点五以内。\n")
    assert [(f.indicator, f.value, f.unit) for f in extract_text(text, "numerals.txt").facts] == [
        ("fixed_asset_investment", 123_450_000_000, "元"), ("new_urban_jobs", 20_000, "人"),
        ("gdp", 7, "%"), ("registered_unemployment_rate", 3.5, "%")]


# --- a very large file ----------------------------------------------------------------------

PROSE = "我们坚持以人民为中心的发展思想,扎实推进各项工作,全县经济社会发展稳中有进、稳中向好,群众获得感持续增强。\n"
# Runs `tracker` in this process and writes its peak memory (KiB) to the file named first.
MEASURED = """
import atexit, resource, sys
from pathlib import Path
out = Path(sys.argv.pop(1))
atexit.register(lambda: out.write_text(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
sys.argv[0] = "tracker"
from dashboard.command import main
main()
"""


def test_a_fifty_megabyte_report_is_ingested_whole_quickly_and_in_bounded_memory(tmp_path):
    head, review, plan = REPORT.split("全年")[0], "全年地区生产总值增长5.2%。\n", REPORT.split("二、")[1]
    half = (50 * 1024 * 1024 // len(PROSE.encode("utf-8"))) // 2
    body = head + review + PROSE * half + "全年新增城镇就业4800人。\n" + PROSE * half + "二、" + plan
    path = tmp_path / "huge.txt"
    path.write_text(body, encoding="utf-8")
    assert path.stat().st_size >= 50 * 1024 * 1024
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    peak = tmp_path / "peak"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MEASURED, str(peak), "ingest", str(path), "--db", url],
                          capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    [(source, facts)] = stored(url).items()
    assert facts == [("outcome", 2023, "gdp", "growth", 5.2, "全年地区生产总值增长5.2%"),
                     ("outcome", 2023, "new_urban_jobs", "level", 4800, "全年新增城镇就业4800人"), *FACTS[2:]]
    # About 6 s and 400 MB where this was written: the bounds catch a quadratic step or a
    # copy of the text per sentence, not a slow machine.
    assert seconds < 60
    assert int(peak.read_text()) < 1024 * 1024


# --- published figures ----------------------------------------------------------------------

HEADER = "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"
ROW = "青田县,outcome,2023,gdp,growth,5.2,%,exact,false,statistical_bulletin,青田县2023年统计公报,\n"


@pytest.fixture
def table(tmp_path):
    def write(*rows: str):
        path = tmp_path / "figures.csv"
        path.write_text(HEADER + "".join(rows), encoding="utf-8")
        return path
    return write


def test_an_unknown_indicator_code_is_refused_with_the_nearest_known_one(engine, table, catalog):
    with pytest.raises(BadTable) as caught:
        import_table(engine, table(ROW.replace(",gdp,", ",gpd,")), catalog=catalog)
    assert caught.value.problems == [
        "row 2, column indicator: 'gpd' is not in the indicator catalog (did you mean 'gdp'? "
        "an indicator outside it is written other:<name>)"]
    assert (count(engine, "documents"), count(engine, "facts")) == (0, 0)


def test_an_indicator_outside_the_catalog_is_taken_under_its_other_name(engine, table, catalog):
    result = import_table(engine, table(ROW.replace(",gdp,growth,5.2,%,", ",other:新建幼儿园,level,5,所,")),
                          catalog=catalog)
    assert (result.status, result.facts) == ("new", 1)
    with Session(engine) as s:
        assert s.scalar(select(Indicator.zh).join(Fact)) == "新建幼儿园"


def test_a_row_repeated_word_for_word_is_stored_once(engine, table, catalog):
    result = import_table(engine, table(ROW, ROW), catalog=catalog)
    assert (result.status, result.facts, count(engine, "facts")) == ("new", 1, 1)


def test_two_rows_giving_one_figure_of_one_source_different_values_are_refused(engine, table, catalog):
    with pytest.raises(BadTable) as caught:
        import_table(engine, table(ROW, ROW.replace(",5.2,", ",5.4,")), catalog=catalog)
    assert caught.value.problems == [
        "row 3, column value: '5.4' contradicts row 2 ('5.2') for the same region, kind, year, "
        "indicator, measure and source"]
    assert (count(engine, "documents"), count(engine, "facts")) == (0, 0)


def test_the_same_figure_from_two_sources_is_kept_twice(engine, table, catalog):
    # A bulletin and a later work report may both state it; judging prefers the bulletin.
    other = ROW.replace("statistical_bulletin,青田县2023年统计公报", "work_report,2024年青田县政府工作报告")
    result = import_table(engine, table(ROW, other.replace(",5.2,", ",5.3,")), catalog=catalog)
    assert result.facts == 2


# --- any bytes at all -------------------------------------------------------------------------

# Starts that send bytes down each reader: zip (docx), PDF, byte-order marks, HTML.
PREFIXES = st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                            b"<html><body>", "青山县2024年政府工作报告\n各位代表:\n".encode("gbk")])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PREFIXES, st.binary(max_size=400), st.sampled_from(["r.txt", "r.html", "r.docx", "r.pdf"]))
def test_any_bytes_are_read_or_refused_with_a_reason_never_a_crash(prefix, data, name):
    try:
        report = extract_bytes(prefix + data, name, region="青山县", year=2024)
    except InputError as exc:
        assert exc.path == name and exc.reason and "\n" not in exc.reason
        return
    assert offsets_hold(report)
