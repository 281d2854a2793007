"""Bringing a database to the current schema with the alembic migrations in db/migrations/.

A new (empty) database gets the schema the models describe, stamped with the migrations'
head (the models and the migrations are one schema: tests/test_db_models.py compares them);
an older one is left alone and the user is told to run `tracker db upgrade`, so that
nobody's data changes shape behind their back. Schema changes run under a lock (BEGIN
IMMEDIATE on SQLite, an advisory lock on PostgreSQL) so that two processes opening one new
database create it once.

Opening a current database reads its revision with one query and imports no alembic:
every command opens the database first.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Engine, MetaData, PrimaryKeyConstraint, String, Table, inspect, text
from sqlalchemy.pool import NullPool

from db.errors import DatabaseError, SchemaOutOfDate
from db.session import WRITE_OPTION, is_sqlite, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
# The newest migration's revision: the schema db/models.py describes. A test checks that it
# is the head of db/migrations/versions.
HEAD = "0010"
# Any constant will do: it names the lock that schema changes of this tool take.
_PG_LOCK_KEY = 7_243_117


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code so that an installed package needs no ini file."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The head of the migrations, as alembic reads it from db/migrations/versions."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _stored_revision(conn)


def _stored_revision(conn: Connection) -> str | None:
    """The revision alembic stamped on the database; None for a database without one."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision` (head by default) in one transaction, under the schema lock."""
    from alembic import command

    _migrate(engine, lambda conn: command.upgrade(alembic_config(conn), revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate back to an earlier `revision`, as `upgrade` migrates forward."""
    from alembic import command

    _migrate(engine, lambda conn: command.downgrade(alembic_config(conn), revision))


def create(engine: Engine) -> None:
    """Give a new database the current schema in one step (rather than every migration in
    turn), stamped with the head; a database that got its schema meanwhile is left alone."""
    _migrate(engine, _create_and_stamp)


def _create_and_stamp(conn: Connection) -> None:
    from db.models import Base

    if _stored_revision(conn) is not None:
        return              # another process created it while this one waited for the lock
    Base.metadata.create_all(conn)
    _stamp_head(conn)


def _stamp_head(conn: Connection) -> None:
    """Stamp the schema with HEAD as `alembic stamp head` does, in alembic's own version table,
    without importing alembic and reading its scripts: a new database is most often a user's
    first `tracker ingest` of one report, which should not wait for them."""
    version = Table(VERSION_TABLE, MetaData(), Column("version_num", String(32), nullable=False),
                    PrimaryKeyConstraint("version_num", name=f"{VERSION_TABLE}_pkc"))
    version.create(conn)
    conn.execute(version.insert().values(version_num=HEAD))


def _migrate(engine: Engine, step) -> None:
    # Foreign keys stay off on SQLite while tables are rebuilt in batch mode: dropping the
    # old copy of a table must not cascade into the rows that refer to it.
    migration_engine = make_engine(engine.url, foreign_keys=False, poolclass=NullPool)
    try:
        with migration_engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if not is_sqlite(conn.engine):
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
                step(conn)
                if is_sqlite(conn.engine):
                    _check_foreign_keys(conn)
    finally:
        migration_engine.dispose()


def _check_foreign_keys(conn: Connection) -> None:
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise DatabaseError(f"migration would leave {len(broken)} rows pointing nowhere; nothing was changed")


def schema_state(engine: Engine) -> tuple[str, str | None]:
    """("empty" | "current" | "old" | "unknown" | "foreign", revision)."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return "empty", None
        if VERSION_TABLE not in tables:
            return "foreign", None
        revision = _stored_revision(conn)
    if revision is None:
        return "empty", None
    if revision == HEAD:
        return "current", revision
    return ("old" if revision in _known_revisions() else "unknown"), revision


def ensure_current(engine: Engine) -> None:
    """Create the schema of a new database; refuse, with the fix in the message, an out-of-date one."""
    state, revision = schema_state(engine)
    if state == "current":
        return
    if state == "empty":
        create(engine)
        return
    if state == "old":
        raise SchemaOutOfDate(
            f"the database schema is at revision {revision}, older than this tracker "
            f"({HEAD}); run `tracker db upgrade` to bring it up to date")
    if state == "unknown":
        raise SchemaOutOfDate(
            f"the database schema is at revision {revision}, which this tracker does not know; "
            "it was written by a newer version")
    raise DatabaseError("the database has tables but none of this tracker's; give another --db")


def open_database(url: str | None = None, *, write: bool = False) -> Engine:
    """An engine on the database the user means (see db.config), with its schema current.

    `write` checks up front that a SQLite file can be written, for a one-line error
    instead of a failure halfway through.
    """
    from db.config import database_url
    from db.session import check_writable

    engine = make_engine(database_url(url))
    if write:
        check_writable(engine)
    ensure_current(engine)
    return engine
