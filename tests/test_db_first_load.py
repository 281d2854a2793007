"""A first load into an empty SQLite database builds the facts' search indexes at its end."""
from __future__ import annotations

import pytest

import db.first_load
from conftest import fake_extract
from db.ingest import ingest_paths
from db.migrate import open_database


def _indexes(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts'").all())


@pytest.fixture
def sqlite_engine(tmp_path, monkeypatch):
    monkeypatch.setattr(db.first_load, "FIRST_LOAD_FILES", 3)   # a load of three files counts
    engine = open_database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    yield engine
    engine.dispose()


@pytest.fixture
def reports(write_report):
    return [write_report(f"r{i}.txt", f"兰陵县 县 {2000 + i} work_report", f"target {2000 + i} gdp growth 7 % approx")
            for i in range(4)]


def test_a_first_load_searches_without_the_indexes_and_ends_with_all_of_them(sqlite_engine, catalog, reports):
    built = _indexes(sqlite_engine)
    during, stages = [], []

    def extract(data, name):
        during.append(set(_indexes(sqlite_engine)))
        return fake_extract(data, name)

    ingest_paths(sqlite_engine, reports, extract=extract, catalog=catalog, on_stage=stages.append)
    assert during[-1] == {"ix_facts_document_id"}                 # replacing a document still needs it
    assert _indexes(sqlite_engine) == built                        # as the migrations made them
    assert stages == ["building the indexes of the facts loaded"]


def test_a_load_into_a_database_with_facts_keeps_its_indexes(sqlite_engine, catalog, reports, write_report):
    ingest_paths(sqlite_engine, reports[:1], extract=fake_extract, catalog=catalog)
    built, during = _indexes(sqlite_engine), []

    def extract(data, name):
        during.append(_indexes(sqlite_engine))
        return fake_extract(data, name)

    ingest_paths(sqlite_engine, reports[1:], extract=extract, catalog=catalog)
    assert during and all(seen == built for seen in during)


def test_a_first_load_that_fails_still_ends_with_its_indexes(sqlite_engine, catalog, reports, monkeypatch):
    built = _indexes(sqlite_engine)

    def broken_write(self, docs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr("db.ingest._BatchWriter._write", broken_write)
    with pytest.raises(RuntimeError):
        ingest_paths(sqlite_engine, reports, extract=fake_extract, catalog=catalog)
    assert _indexes(sqlite_engine) == built


def test_indexes_a_killed_load_left_missing_are_built_by_the_next_ingest(sqlite_engine, catalog, reports):
    ingest_paths(sqlite_engine, reports[:1], extract=fake_extract, catalog=catalog)
    built = _indexes(sqlite_engine)
    with sqlite_engine.begin() as conn:   # as a load killed before its end leaves them
        for ix in db.first_load.search_indexes():
            conn.exec_driver_sql(f"DROP INDEX {ix.name}")
    ingest_paths(sqlite_engine, reports[1:2], extract=fake_extract, catalog=catalog)
    assert _indexes(sqlite_engine) == built


def test_after_a_first_load_searches_in_the_same_process_use_the_indexes(sqlite_engine, catalog, reports):
    from db.queries import fact_query

    ingest_paths(sqlite_engine, reports, extract=fake_extract, catalog=catalog)
    for query, index in ((fact_query("target", years=[2001], indicator_ids=[1]), "ix_facts_comparison"),
                         (fact_query("target", region_ids=[1]), "ix_facts_region_id_facts_kind_facts_year")):
        sql = query.compile(sqlite_engine, compile_kwargs={"literal_binds": True})
        with sqlite_engine.connect() as conn:
            plan = " ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        assert index in plan


def test_an_interrupted_first_load_never_waits_for_a_lock_it_may_hold_itself(sqlite_engine, tmp_path):
    """Ctrl-C in the middle of a write may leave that write's lock held until the process
    exits; the load's end must then leave the indexes to the next ingest, not wait forever."""
    import sqlite3
    import threading

    stages, raised = [], []
    holder = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None, check_same_thread=False)

    def interrupted_load():
        try:
            with db.first_load.indexes_built_at_end(sqlite_engine, 5, stages.append):
                holder.execute("BEGIN IMMEDIATE")          # the interrupted write's lock
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            raised.append(True)

    load = threading.Thread(target=interrupted_load, daemon=True)
    load.start()
    load.join(timeout=30)          # left waiting, it would wait BUSY_TIMEOUT_SECONDS × WRITE_ATTEMPTS
    holder.rollback()
    holder.close()
    assert not load.is_alive() and raised == [True]
    assert "the next ingest builds the indexes" in stages[-1]
    assert set(db.first_load.restore_search_indexes(sqlite_engine)) == {ix.name for ix in db.first_load.search_indexes()}


def test_an_interrupted_first_load_with_the_lock_free_ends_with_its_indexes(sqlite_engine):
    built = _indexes(sqlite_engine)
    with pytest.raises(KeyboardInterrupt):
        with db.first_load.indexes_built_at_end(sqlite_engine, 5):
            raise KeyboardInterrupt
    assert _indexes(sqlite_engine) == built
