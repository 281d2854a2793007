"""Shared fixtures: a fresh database on each backend, a stand-in indicator catalog, fake reports.

`db_url` runs a test on SQLite (a file in the test's folder) and on PostgreSQL (a new
database on the server named by TRACKER_TEST_PG_URL, dropped afterwards). Without that
variable the PostgreSQL cases skip, except under CI (CI set to anything but 0, false or no:
see tests/ci_support.py), where they fail: CI must never pass by testing one backend only.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.indicators import IndicatorInfo
from etl.errors import InputError
from etl.facts import ExtractedReport, Fact, ReportMeta
from tests.ci_support import missing

PG_ENV = "TRACKER_TEST_PG_URL"

# Tables the tool keeps between runs (etl.derived_cache) go to a folder of this test run's,
# never to the user's own cache; the tool's subprocesses inherit it.
os.environ["TRACKER_CACHE_DIR"] = tempfile.mkdtemp(prefix="tracker-test-cache-")


def _postgres_server() -> str:
    server = os.environ.get(PG_ENV)
    if server:
        return server
    missing(f"{PG_ENV} is not set (.ci/run sets it)",
            f"{PG_ENV} is not set: CI must run the database tests on PostgreSQL too")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """The URL of a new, empty database; one per test, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.sqlite'}"
        return
    server = make_url(_postgres_server())
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def engine(db_url):
    """An engine on a new database at the current schema."""
    from db.migrate import open_database

    eng = open_database(db_url)
    yield eng
    eng.dispose()


# A stand-in for the extraction's catalog, so that these tests say their own directions.
CATALOG = {i.code: i for i in (
    IndicatorInfo("gdp", "地区生产总值", "Gross regional product", "元", "higher", True),
    IndicatorInfo("general_budget_revenue", "一般公共预算收入", "General public budget revenue", "元", "higher", True),
    IndicatorInfo("fixed_asset_investment", "固定资产投资", "Fixed-asset investment", "元", "higher", True),
    IndicatorInfo("urban_disposable_income", "城镇居民人均可支配收入", "Urban disposable income", "元", "higher", True),
    IndicatorInfo("new_urban_jobs", "新增城镇就业", "New urban jobs", "人", "higher", True),
    IndicatorInfo("registered_unemployment_rate", "城镇登记失业率", "Registered unemployment rate", "%", "lower", True),
    IndicatorInfo("energy_intensity", "单位GDP能耗", "Energy intensity", "%", "lower", True),
    IndicatorInfo("cpi", "居民消费价格", "Consumer prices", "%", "lower", True),
    IndicatorInfo("population_growth_rate", "人口自然增长率", "Natural population growth", "%", "neutral", True),
)}


@pytest.fixture
def catalog():
    return dict(CATALOG)


def fake_extract(data: bytes, name: str) -> ExtractedReport:
    """Reads the little fact language of `fake_report` back, as extraction would read a report.

    First line: "region REGION LEVEL REPORT_YEAR DOC_TYPE". Then one fact a line:
    "KIND YEAR INDICATOR MEASURE VALUE UNIT COMPARATOR [strive] [estimated]"; a line
    "broken" makes the file unreadable.
    """
    text_ = data.decode("utf-8")
    lines = text_.splitlines()
    _, region, level, report_year, doc_type = lines[0].split()
    meta = ReportMeta(region=region, region_level=level, report_year=int(report_year),
                      doc_type=doc_type, title=f"{report_year}年{region}政府工作报告")
    facts, offset = [], len(lines[0]) + 1
    for line in lines[1:]:
        if line == "broken":
            raise InputError(name, "unreadable on purpose")
        kind, year, indicator, measure, value, unit, comparator, *flags = line.split()
        facts.append(Fact(
            region=region, report_year=int(report_year), kind=kind, year=int(year),
            indicator=indicator, measure=measure,
            value=None if value == "-" else float(value), unit=unit, comparator=comparator,
            strive="strive" in flags, estimated="estimated" in flags, sentence=line,
            start=offset, end=offset + len(line), region_level=level, source=name))
        offset += len(line) + 1
    return ExtractedReport(source=name, sha256=hashlib.sha256(data).hexdigest(), text=text_,
                           meta=meta, facts=facts)


def fake_report(header: str, *facts: str) -> str:
    """The text `fake_extract` reads: fake_report("兰陵县 县 2023 work_report", "target 2023 gdp growth 7 % approx")."""
    return "\n".join([f"region {header}", *facts]) + "\n"


@pytest.fixture
def write_report(tmp_path):
    """Writes a fake report file under the test's folder and returns its path."""
    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)

    def write(name: str, header: str, *facts: str):
        path = folder / name
        path.write_text(fake_report(header, *facts), encoding="utf-8")
        return path
    return write


@pytest.fixture
def ingest(engine, catalog):
    """Ingests files with `fake_extract` and the stand-in catalog."""
    from db.ingest import ingest_paths

    def run(*paths, **options):
        return ingest_paths(engine, paths, extract=fake_extract, catalog=catalog, **options)
    return run


def count(engine, table: str) -> int:
    """Rows in one of the tracker's tables."""
    from sqlalchemy import func, select

    from db.models import Base

    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Base.metadata.tables[table])).scalar_one()
