"""The schema and its constraints, on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, delete, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import Base, Document, Fact, Indicator, Region, built_here
from db.migrate import HEAD, head_revision, open_database, upgrade
from db.session import make_engine


def _document(source="a.txt", sha="a" * 64, **kw) -> Document:
    return Document(source=source, sha256=sha, doc_type="work_report", **kw)


def _fact(document, region, indicator, **kw) -> Fact:
    fields = dict(kind="target", year=2023, measure="growth", value=7.0, unit="%")
    fields.update(kw)
    return Fact(document=document, region=region, indicator=indicator, **fields)


@pytest.fixture
def stored(engine):
    """A region, an indicator and a document with one fact."""
    with Session(engine) as s, s.begin():
        region = Region(name="兰陵县", level="county", path="兰陵县")
        indicator = Indicator(code="gdp", zh="地区生产总值")
        document = _document()
        s.add(_fact(document, region, indicator))
    return engine


@pytest.fixture
def migrated(db_url):
    """A new database built by running every migration in turn (not from the models)."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


def test_the_migrations_build_exactly_the_schema_the_models_describe(migrated):
    with migrated.connect() as conn:
        # Indexes built on one kind of database only are compared where they are built.
        include = lambda obj, name, type_, reflected, compare_to: built_here(obj, conn.dialect.name)  # noqa: E731
        differences = compare_metadata(MigrationContext.configure(conn, opts={"include_object": include}),
                                       Base.metadata)
    assert differences == []


def test_on_sqlite_the_migrations_write_the_checks_the_models_describe(tmp_path):
    # compare_metadata leaves CHECK constraints out; SQLite keeps their text as written.
    eng = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    upgrade(eng)
    migrated = {(table, c["name"], " ".join(c["sqltext"].split()))
                for table in Base.metadata.tables for c in inspect(eng).get_check_constraints(table)}
    eng.dispose()
    described = {(table.name, c.name, " ".join(str(c.sqltext).split()))
                 for table in Base.metadata.sorted_tables for c in table.constraints
                 if isinstance(c, CheckConstraint)}
    assert migrated == described
    assert ("facts", "ck_facts_kind", "kind = 'target' OR kind = 'outcome'") in migrated


def test_the_head_the_models_describe_is_the_migrations_head():
    assert HEAD == head_revision()


def test_a_new_database_and_a_migrated_one_hold_the_same_schema(engine, migrated):
    # A new database is created from the models in one step; one migrated from nothing
    # must end up the same (tables, columns, indexes and checks).
    def schema(eng):
        found = inspect(eng)
        return {t: (sorted((c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(t)),
                    sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(t)),
                    sorted((c["name"], " ".join(c["sqltext"].split())) for c in found.get_check_constraints(t)))
                for t in found.get_table_names()}
    created, built = schema(engine), schema(migrated)
    assert created == built
    assert {"facts", "documents", "regions", "indicators", "corrections", "alembic_version"} <= set(created)


def test_a_fact_needs_a_stored_document(stored):
    with Session(stored) as s:
        s.add(Fact(document_id=999, region_id=1, indicator_id=1, kind="target", year=2023,
                   measure="growth", value=7.0))
        with pytest.raises(IntegrityError):
            s.flush()


def test_a_fact_is_a_target_or_an_outcome(stored):
    with Session(stored) as s:
        s.add(_fact(s.get(Document, 1), s.get(Region, 1), s.get(Indicator, 1), kind="promise"))
        with pytest.raises(IntegrityError):
            s.flush()


def test_a_comparator_outside_the_spec_is_refused(stored):
    with Session(stored) as s:
        s.add(_fact(s.get(Document, 1), s.get(Region, 1), s.get(Indicator, 1), comparator="about"))
        with pytest.raises(IntegrityError):
            s.flush()


def test_two_documents_cannot_share_a_source(stored):
    with Session(stored) as s:
        s.add(_document(source="a.txt", sha="b" * 64))
        with pytest.raises(IntegrityError):
            s.flush()


def test_two_documents_cannot_share_their_content(stored):
    with Session(stored) as s:
        s.add(_document(source="copy-of-a.txt", sha="a" * 64))
        with pytest.raises(IntegrityError):
            s.flush()


def test_an_indicator_is_better_higher_lower_or_neutral(engine):
    with Session(engine) as s:
        s.add(Indicator(code="cpi", zh="居民消费价格", better="sideways"))
        with pytest.raises(IntegrityError):
            s.flush()


def test_deleting_a_document_deletes_its_facts_in_the_database_itself(stored):
    with Session(stored) as s, s.begin():
        s.execute(delete(Document).where(Document.id == 1))
    with Session(stored) as s:
        assert s.scalars(select(Fact)).all() == []


def test_a_region_knows_its_parent(engine):
    with Session(engine) as s, s.begin():
        province = Region(name="山东省", level="province", path="山东省")
        s.add(Region(name="临沂市", level="prefecture", path="山东省/临沂市", parent=province))
    with Session(engine) as s:
        city = s.scalars(select(Region).where(Region.name == "临沂市")).one()
        assert city.parent.name == "山东省"


def test_a_new_sqlite_file_has_16_kb_pages_and_an_old_one_keeps_its_own(tmp_path):
    import sqlite3

    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as conn:   # as files made before pages grew: 4 KB
        conn.execute("PRAGMA page_size=4096")
        conn.execute("CREATE TABLE t (x)")
    for path, page, checkpoint in ((tmp_path / "new.sqlite", 16384, 2560), (old, 4096, 10240)):
        eng = make_engine(f"sqlite:///{path}")
        with eng.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA page_size").scalar() == page
            # A checkpoint once the WAL holds about 40 MB, whatever the page size.
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == checkpoint
        eng.dispose()


def test_sqlite_is_opened_with_foreign_keys_on_and_in_wal_mode(tmp_path):
    eng = open_database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    eng.dispose()
