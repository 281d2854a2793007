"""Migrations: a database made by the first schema keeps its rows when brought to head."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import column, insert, table

from conftest import count
from db.errors import SchemaOutOfDate
from db.judge import MISSED
from db.migrate import current_revision, ensure_current, head_revision, open_database, upgrade
from db.queries import scorecard
from db.session import make_engine

FIRST = "0001"
TRACKER = str(Path(sys.executable).with_name("tracker"))


def _rows_at_the_first_revision(engine) -> None:
    """A county, a report and one target and one outcome, written as the first schema had them."""
    regions = table("regions", column("id"), column("name"), column("level"), column("parent_id"),
                    column("division_code"), column("path"))
    documents = table("documents", column("id"), column("source"), column("sha256"), column("doc_type"),
                      column("region_id"), column("report_year"), column("title"), column("text"),
                      column("ingested_at"))
    indicators = table("indicators", column("id"), column("code"), column("zh"), column("en"),
                       column("unit"), column("better"), column("headline"))
    facts = table("facts", *(column(c) for c in (
        "id", "document_id", "region_id", "indicator_id", "kind", "year", "report_year", "measure",
        "value", "unit", "comparator", "strive", "estimated", "sentence", "start", "end", "name",
        "region_level", "source_type", "source_title", "source_url")))
    fact = dict(document_id=1, region_id=1, indicator_id=1, report_year=2023, measure="growth",
                unit="%", strive=False, sentence="", start=None, end=None, name="地区生产总值",
                region_level="县", source_type=None, source_title=None, source_url=None)
    with engine.begin() as conn:
        conn.execute(insert(regions), [dict(id=1, name="兰陵县", level="county", parent_id=None,
                                            division_code=None, path="兰陵县")])
        conn.execute(insert(documents), [dict(id=1, source="/reports/lanling.txt", sha256="a" * 64,
                                              doc_type="work_report", region_id=1, report_year=2023,
                                              title="2023年兰陵县政府工作报告", text="……",
                                              ingested_at=datetime(2024, 1, 1, tzinfo=timezone.utc))])
        conn.execute(insert(indicators), [dict(id=1, code="gdp", zh="地区生产总值", en="GDP", unit="元",
                                               better="higher", headline=True)])
        conn.execute(insert(facts), [
            dict(fact, id=1, kind="target", year=2023, value=7.0, comparator="approx", estimated=False),
            dict(fact, id=2, kind="outcome", year=2023, value=6.0, comparator="exact", estimated=True),
        ])


@pytest.fixture
def old_database(db_url):
    engine = make_engine(db_url)
    upgrade(engine, FIRST)
    _rows_at_the_first_revision(engine)
    yield engine
    engine.dispose()


def test_upgrading_from_the_first_revision_keeps_every_row(old_database):
    before = {t: count(old_database, t) for t in ("regions", "documents", "indicators", "facts")}
    upgrade(old_database)
    assert current_revision(old_database) == head_revision()
    assert {t: count(old_database, t) for t in before} == before == {
        "regions": 1, "documents": 1, "indicators": 1, "facts": 2}


def test_rows_from_the_first_revision_are_judged_after_the_upgrade(old_database):
    upgrade(old_database)
    [row] = scorecard(old_database).to_dict("records")
    assert (row["region"], row["target_value"], row["outcome_value"], row["status"]) == ("兰陵县", 7.0, 6.0, MISSED)


def test_an_older_database_is_not_changed_behind_the_users_back(old_database):
    with pytest.raises(SchemaOutOfDate, match="tracker db upgrade"):
        ensure_current(old_database)
    assert current_revision(old_database) == FIRST


def test_a_new_database_gets_the_current_schema_when_opened(db_url):
    engine = open_database(db_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_a_new_database_is_stamped_as_alembic_stamps_it(db_url, tmp_path):
    """Its version table is alembic's own, so that alembic reads the head from it and later
    migrations start from there."""
    from alembic import command
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from db.migrate import VERSION_TABLE, alembic_config

    ours = open_database(db_url)
    reference = make_engine(f"sqlite:///{tmp_path / 'reference.sqlite'}")
    with reference.begin() as conn:
        command.stamp(alembic_config(conn), "head")
    try:
        with ours.connect() as conn, reference.connect() as ref:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
            described = [inspect(c).get_columns(VERSION_TABLE) for c in (conn, ref)]
            assert [[(c["name"], str(c["type"]), c["nullable"]) for c in cols] for cols in described] == [
                [("version_num", "VARCHAR(32)", False)]] * 2
            keys = [inspect(c).get_pk_constraint(VERSION_TABLE) for c in (conn, ref)]
            assert [k["constrained_columns"] for k in keys] == [["version_num"]] * 2
    finally:
        ours.dispose()
        reference.dispose()


def test_the_upgrade_command_brings_an_old_database_to_head(old_database, db_url):
    done = subprocess.run([TRACKER, "db", "upgrade", "--db", db_url],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert current_revision(old_database) == head_revision()
    assert count(old_database, "facts") == 2
