"""Bringing a database to the current schema with the alembic migrations in db/migrations/.

A new (empty) database is migrated to head when it is opened; an older one is left alone
and the user is told to run `tracker db upgrade`, so that nobody's data changes shape
behind their back. Migrations run under a lock (BEGIN IMMEDIATE on SQLite, an advisory lock
on PostgreSQL) so that two processes opening one new database create it once.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.pool import NullPool

from db.errors import DatabaseError, SchemaOutOfDate
from db.session import WRITE_OPTION, is_sqlite, make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
# Any constant will do: it names the lock that schema changes of this tool take.
_PG_LOCK_KEY = 7_243_117


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code so that an installed package needs no ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision` (head by default) in one transaction, under the schema lock."""
    _migrate(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate back to an earlier `revision`, as `upgrade` migrates forward."""
    _migrate(engine, command.downgrade, revision)


def _migrate(engine: Engine, step, revision: str) -> None:
    # Foreign keys stay off on SQLite while tables are rebuilt in batch mode: dropping the
    # old copy of a table must not cascade into the rows that refer to it.
    migration_engine = make_engine(engine.url, foreign_keys=False, poolclass=NullPool)
    try:
        with migration_engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if not is_sqlite(conn.engine):
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
                step(alembic_config(conn), revision)
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
        revision = MigrationContext.configure(conn).get_current_revision()
    if revision is None:
        return "empty", None
    if revision == head_revision():
        return "current", revision
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    return ("old" if revision in known else "unknown"), revision


def ensure_current(engine: Engine) -> None:
    """Create the schema of a new database; refuse, with the fix in the message, an out-of-date one."""
    state, revision = schema_state(engine)
    if state == "current":
        return
    if state == "empty":
        upgrade(engine)
        return
    if state == "old":
        raise SchemaOutOfDate(
            f"the database schema is at revision {revision}, older than this tracker "
            f"({head_revision()}); run `tracker db upgrade` to bring it up to date")
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
