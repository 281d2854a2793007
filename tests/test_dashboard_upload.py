"""Uploads in the app and the first start of `tracker serve`: what is taken, kept and refused."""
from pathlib import Path

import pytest

from dashboard import upload
from dashboard.first_start import seed_if_empty, seed_sources
from db.migrate import open_database
from db.queries import documents

TABLE = ("region,kind,year,indicator,measure,value,unit,source_type,source_title\n"
         "兰陵县,outcome,2023,gdp,growth,6,%,work_report,2024年兰陵县政府工作报告\n")


@pytest.fixture
def engine(tmp_path):
    eng = open_database(f"sqlite:///{tmp_path / 'upload.sqlite'}")
    yield eng
    eng.dispose()


def test_a_file_name_loses_its_folders_and_odd_characters():
    assert upload.safe_name("../../etc/passwd") == "passwd"
    assert upload.safe_name("C:\\Users\\me\\兰陵县 2023 报告.docx") == "兰陵县_2023_报告.docx"
    assert upload.safe_name("..") == "upload"


def test_only_reports_and_tables_of_at_most_twenty_megabytes_are_taken():
    assert upload.check("report.PDF", 1000) is None
    assert upload.check("figures.csv", 20 * 1024 * 1024) is None
    assert upload.check("virus.exe", 10).message == "upload_bad_type"
    too_big = upload.check("report.txt", 20 * 1024 * 1024 + 1)
    assert (too_big.ok, too_big.message, too_big.detail) == (False, "upload_too_big", "report.txt")


def test_a_good_table_is_imported_and_kept_under_the_data_folder(engine, tmp_path):
    result = upload.ingest_upload(engine, "figures.csv", TABLE.encode(), tmp_path / "data")
    assert (result.ok, result.message, result.values) == (True, "upload_done", {"facts": 1})
    kept = list((tmp_path / "data" / "uploads").iterdir())
    assert [p.name[17:] for p in kept] == ["figures.csv"]
    again = upload.ingest_upload(engine, "figures.csv", TABLE.encode(), tmp_path / "data")
    assert again.message == "upload_unchanged"


def test_a_broken_report_is_refused_with_its_reason_and_not_kept(engine, tmp_path):
    result = upload.ingest_upload(engine, "report.docx", b"not a zip at all", tmp_path / "data")
    assert (result.ok, result.message) == (False, "upload_failed")
    assert result.detail.startswith("report.docx: ")
    assert not list((tmp_path / "data").rglob("*.docx"))
    assert len(documents(engine)) == 0


def test_a_bad_table_names_the_row_and_column(engine, tmp_path):
    bad = TABLE.replace(",2023,", ",next year,")
    result = upload.ingest_upload(engine, "figures.csv", bad.encode(), tmp_path / "data")
    assert not result.ok
    assert result.detail == "figures.csv: row 2, column year: 'next year' is not a year"
    assert not list((tmp_path / "data" / "uploads").iterdir())


def test_the_first_start_loads_the_seeds_once(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bulletin.csv").write_text(TABLE, encoding="utf-8")
    (seeds / "published.csv").write_text(TABLE.replace("兰陵县", "罗庄区"), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'first.sqlite'}"
    lines = list(seed_if_empty(url, seeds))
    assert lines[-2:] == ["first start: imported 1 published figures from bulletin.csv",
                          "first start: imported 1 published figures from published.csv"]
    assert len(documents(open_database(url))) == 2
    assert list(seed_if_empty(url, seeds)) == []


def test_the_seeds_are_the_installed_seeds_package_and_need_nothing_beside_the_repository():
    repo = Path(__file__).resolve().parents[1]
    reports, tables = seed_sources()
    assert reports == [repo / "seeds"]
    assert tables == [repo / "seeds" / "published_figures.csv"]
    # The real series the first view opens on: every national report and bulletin, 山东省, 临沂市.
    assert len(list((repo / "seeds" / "政府工作报告-国务院").glob("*.md"))) == 59
    assert len(list((repo / "seeds" / "国家统计局年度统计").glob("*.md"))) == 48
    assert (repo / "seeds" / "SOURCES").read_text(encoding="utf-8").count("fc1a2f67a589763dc905aaa90f2b1ba356bbccde") == 1


def test_a_missing_seeds_folder_seeds_nothing(tmp_path):
    assert seed_sources(tmp_path / "absent") == ([], [])
