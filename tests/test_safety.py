"""Filter values never become SQL, and uploads are checked, kept inside the data folder and parsed,
never run.

Covered elsewhere and not repeated here: a file name losing its folders and the type and size
check (test_dashboard_upload.py), the server refusing uploads over the limit
(test_dashboard_cli.py), the report view escaping a report's text (test_dashboard_app.py). In a
real browser: test_browser_safety.py.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from conftest import count
from dashboard import upload
from db import queries
from db.config import data_dir
from db.ingest import default_extractor, ingest_paths
from db.models import Document
from db.queries import UnknownName
from tests.report_builder import QINGSHAN_2024

TRACKER = str(Path(sys.executable).with_name("tracker"))
INJECTION = "兰陵县' OR 1=1 --"
TABLES = ("regions", "documents", "indicators", "facts")

REPORT = QINGSHAN_2024


@pytest.fixture
def stored(engine, ingest, write_report):
    """兰陵县 and 罗庄区 with a target and an outcome each: what an injection would try to reach."""
    ingest(write_report("lanling.txt", "兰陵县 县 2023 work_report", "target 2023 gdp growth 7 % approx",
                        "outcome 2022 gdp growth 4 % exact"),
           write_report("luozhuang.txt", "罗庄区 区 2019 work_report", "target 2019 gdp growth 7.5 % approx"))
    return engine


def sizes(engine) -> dict[str, int]:
    return {t: count(engine, t) for t in TABLES}


def statements(engine) -> list[tuple[str, list]]:
    """Every statement the engine sends from now on, with its parameter values."""
    sent = []

    @event.listens_for(engine, "before_cursor_execute")
    def keep(conn, cursor, statement, parameters, context, executemany):
        rows = parameters if executemany else [parameters]
        values = []
        for row in rows:
            values += list(row.values()) if isinstance(row, dict) else list(row or ())
        sent.append((statement, values))
    return sent


# --- SQL --------------------------------------------------------------------------------------

def test_every_filter_value_reaches_the_database_as_a_bound_parameter(stored):
    sent = statements(stored)
    with pytest.raises(UnknownName):
        queries.scorecard(stored, regions=[INJECTION])
    with pytest.raises(UnknownName):
        queries.facts(stored, indicators=[INJECTION])
    queries.facts(stored, kind=INJECTION)
    assert sent, "the queries ran"
    assert not [sql for sql, _ in sent if INJECTION in sql]
    assert sum(INJECTION in values for _, values in sent) >= 3


def test_a_region_named_like_an_injection_matches_nothing_and_changes_nothing(stored):
    before = sizes(stored)
    with pytest.raises(UnknownName, match="no region named"):
        queries.scorecard(stored, regions=[INJECTION])
    with pytest.raises(UnknownName, match="no region named"):
        queries.facts(stored, regions=[INJECTION])
    assert queries.facts(stored, kind="target' OR '1'='1").empty
    assert sizes(stored) == before
    assert queries.scorecard(stored, regions=["兰陵县"])["target_value"].tolist() == [7.0]


def test_a_stored_region_whose_name_is_an_injection_is_matched_by_itself_only(stored, tmp_path):
    # A name typed by an analyst (--region, the upload form) is stored and looked up as it is.
    path = tmp_path / "odd.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert not ingest_paths(stored, [path], extract=default_extractor(region=INJECTION)).failed
    card = queries.scorecard(stored, regions=[INJECTION])
    assert sorted(zip(card["region"], card["target_value"])) == [(INJECTION, 3.5), (INJECTION, 6.0)]
    assert set(queries.facts(stored, regions=[INJECTION])["region"]) == {INJECTION}
    assert queries.scorecard(stored, regions=["兰陵县"])["target_value"].tolist() == [7.0]


def test_the_commands_filters_match_nothing_for_an_injection_and_leave_the_tables_intact(stored, db_url):
    before = sizes(stored)
    card = subprocess.run([TRACKER, "scorecard", "--region", INJECTION, "--db", db_url],
                          capture_output=True, text=True, timeout=120)
    assert (card.returncode, card.stdout) == (1, "")
    assert card.stderr == f"tracker: error: no region named {INJECTION!r} in the database\n"
    rows = subprocess.run([TRACKER, "facts", "--kind", "target' OR '1'='1", "--indicator", "gdp", "--db", db_url],
                          capture_output=True, text=True, timeout=120)
    assert (rows.returncode, rows.stdout, rows.stderr) == (0, "", "no facts match\n")
    assert sizes(stored) == before


# --- uploads ----------------------------------------------------------------------------------

@pytest.fixture
def data(tmp_path, monkeypatch):
    """The data folder, as the dashboard finds it (TRACKER_DATA_DIR)."""
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "data"))
    return data_dir()


@pytest.fixture
def sqlite_engine(tmp_path):
    from db.migrate import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'tracker.sqlite'}")
    yield engine
    engine.dispose()


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_an_upload_over_the_size_limit_is_refused_and_nothing_of_it_is_kept(sqlite_engine, data):
    oversize = REPORT.encode("utf-8").ljust(upload.MAX_MB * 1024 * 1024 + 1, b"\n")
    result = upload.ingest_upload(sqlite_engine, "report.txt", oversize, data)
    assert (result.ok, result.message) == (False, "upload_too_big")
    assert files_under(data) == []
    assert count(sqlite_engine, "documents") == 0


# What a file of the wrong type might do if it were ever run or imported: leave a mark.
PAYLOAD = "import pathlib; pathlib.Path({mark!r}).write_text('ran')\n"


@pytest.mark.parametrize("name", ["report.py", "report.sh", "report.txt.exe", "report", "report.pyc"])
def test_an_upload_of_another_type_is_refused_and_never_run(sqlite_engine, data, tmp_path, name):
    mark = tmp_path / "ran"
    result = upload.ingest_upload(sqlite_engine, name, PAYLOAD.format(mark=str(mark)).encode(), data)
    assert (result.ok, result.message) == (False, "upload_bad_type")
    assert files_under(data) == []
    assert not mark.exists()


@pytest.mark.parametrize("name", ["../../escape.txt", "..\\..\\escape.txt", "reports/../../../escape.txt",
                                  "{outside}/escape.txt"])
def test_an_uploaded_file_name_with_folders_is_kept_inside_the_data_folder(sqlite_engine, data, tmp_path, name):
    outside = tmp_path / "outside"
    outside.mkdir()
    result = upload.ingest_upload(sqlite_engine, name.format(outside=outside), REPORT.encode("utf-8"), data)
    assert (result.ok, result.values) == (True, {"facts": 4})
    [kept] = files_under(data)
    assert kept.parent == data / "uploads" and kept.name.endswith("_escape.txt")
    assert kept.read_bytes() == REPORT.encode("utf-8")
    assert not list(tmp_path.rglob("escape.txt"))
    with Session(sqlite_engine) as s:
        assert s.scalars(select(Document.source)).one() == kept.resolve().as_posix()


def test_an_uploaded_report_holding_code_is_stored_as_text_and_nothing_runs(sqlite_engine, data, tmp_path):
    mark, shell_mark = tmp_path / "ran", tmp_path / "shell-ran"
    code = PAYLOAD.format(mark=str(mark)).strip()
    shell = f"$(touch {shell_mark}) `touch {shell_mark}`"
    text = REPORT + code + "\n" + shell + "\n"
    result = upload.ingest_upload(sqlite_engine, "report.txt", text.encode("utf-8"), data)
    assert result.ok
    assert not mark.exists() and not shell_mark.exists()
    [kept] = files_under(data)
    assert kept.stat().st_mode & 0o111 == 0, "a kept upload is not executable"
    with Session(sqlite_engine) as s:
        stored_text = s.scalars(select(Document.text)).one()
    assert code in stored_text and shell in stored_text

