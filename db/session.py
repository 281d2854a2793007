"""Engines and transactions that behave the same on SQLite and PostgreSQL.

SQLite is opened with foreign keys on, in WAL mode (readers never block the writer) and with
a busy timeout. Writing transactions start with BEGIN IMMEDIATE so that two processes queue
for the write lock up front instead of failing when a read turns into a write; what still
fails with "database is locked" (or with a unique-key race on PostgreSQL) is retried whole.
"""
from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, Executable, create_engine, event
from sqlalchemy.engine import URL, Dialect, make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from db.errors import DatabaseError, ReadOnlyDatabase

T = TypeVar("T")

BUSY_TIMEOUT_SECONDS = 60
WAL_CHECKPOINT_BYTES = 40 * 1024 * 1024
PAGE_BYTES = 16 * 1024
WRITE_ATTEMPTS = 8
# Page cache of the connection ingest writes with, in KiB (SQLite's default is 2,000).
BULK_CACHE_KIB = 16 * 1024
WRITE_OPTION = "tracker_write"


def is_sqlite(engine_or_url) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def sqlite_path(url) -> Path | None:
    """The file of a SQLite URL; None for other backends and in-memory databases."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = url.database
    if url.query.get("uri") == "true" and database.startswith("file:"):
        # sqlite:///file:path?mode=ro&uri=true names the file after "file:".
        database = database[len("file:"):].split("?", 1)[0]
    return Path(database)


def make_engine(url: str | URL, *, foreign_keys: bool = True, **kwargs) -> Engine:
    """An engine for `url`; SQLite files get their folder created and the pragmas above."""
    url = make_url(url)
    path = sqlite_path(url)
    if path is None:
        return create_engine(url, **kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS}, **kwargs)
    _configure_sqlite(engine, foreign_keys)
    return engine


def _configure_sqlite(engine: Engine, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        # In WAL mode, NORMAL syncs at checkpoints instead of every commit: a killed
        # process still loses nothing committed, only a power cut may lose the last ones.
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Pages of 16 KB rather than 4: ingest writes each fact into four B-trees, and with
        # larger pages it splits and writes pages less often. It only takes effect on a new file, before WAL mode is on.
        cursor.execute(f"PRAGMA page_size={PAGE_BYTES}")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except Exception:
            # A read-only file cannot switch modes; reading still works, writing will say why.
            pass
        # A checkpoint copies the WAL's pages into the file and syncs it. Ingest commits every
        # few dozen documents, and at the default of 1,000 pages nearly every commit ran one,
        # copying the same index pages each time; a larger WAL lets those copies happen
        # once for many batches. Counted in pages of the file's own size.
        page_bytes = cursor.execute("PRAGMA page_size").fetchone()[0]
        cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_BYTES // page_bytes}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def use_bulk_cache(connection: Connection) -> None:
    """Give a connection that stores many facts a larger SQLite page cache.

    Each fact goes into every index of the facts table at its own place; with the default
    2 MB most of those places are no longer cached and are read back from the file (an
    ingest of 400 reports spent an eighth of its database time so). 16 MB took that away
    there; more gained nothing measurable. A no-op on PostgreSQL, which has its own buffers.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")


def check_writable(engine: Engine) -> None:
    """Fail early, in one line, when a SQLite file cannot be written."""
    path = sqlite_path(engine.url)
    if path is None:
        return
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyDatabase(f"the database file {path} is read-only")
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyDatabase(f"the folder of the database file {path} is not writable")


def write_session(engine: Engine) -> Session:
    """A session whose transactions take the write lock at BEGIN (SQLite)."""
    return Session(bind=engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)


def read_session(engine: Engine) -> Session:
    return Session(bind=engine, expire_on_commit=False)


def is_locked(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "database is locked" in text or "database table is locked" in text or "busy" in text


def _is_readonly(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "readonly" in text or "read-only" in text


def _is_unique_race(exc: IntegrityError) -> bool:
    return (getattr(exc.orig, "sqlstate", None) == "23505"
            or "unique constraint failed" in str(exc.orig).lower())


def in_write_transaction(engine: Engine, work: Callable[[Session], T], *,
                         attempts: int = WRITE_ATTEMPTS) -> T:
    """Run `work(session)` in one transaction, committed at the end, retried whole on lock or race.

    A unique-key conflict means another process stored the same row first; on the next
    attempt `work` sees that row and does not insert it again.
    """
    for attempt in range(1, attempts + 1):
        try:
            with write_session(engine) as session, session.begin():
                return work(session)
        except OperationalError as exc:
            if _is_readonly(exc):
                raise ReadOnlyDatabase(f"the database is read-only: {exc.orig}") from None
            if not is_locked(exc) or attempt == attempts:
                raise
        except IntegrityError as exc:
            if not _is_unique_race(exc) or attempt == attempts:
                raise
        # Back off with jitter so that racing processes do not collide again in step.
        time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
    raise DatabaseError("unreachable")  # pragma: no cover - the loop returns or raises


def execute_rows(connection: Connection, statement: Executable, columns: tuple[str, ...],
                 rows: Sequence[tuple]) -> None:
    """Run `statement` once per row, as one executemany; each row a tuple of the values of
    the statement's bound parameters, named by `columns` in that order.

    The rows go to the driver as they are: SQLAlchemy's own executemany builds and converts
    each row's parameters in Python, which costs more than SQLite's insert of the row. The
    values must be ones both drivers take unconverted (str, int, float, bool, None), and
    `statement` must be built once (its compiled form is kept per statement object).
    Errors still arrive as SQLAlchemy's exceptions, so that in_write_transaction retries them.
    """
    if not rows:
        return
    sql, order = _compiled(connection.dialect, statement, columns)
    if order is None:  # a driver with named parameters (psycopg)
        params = [dict(zip(columns, row)) for row in rows]
    elif order != tuple(range(len(columns))):
        params = [tuple(row[i] for i in order) for row in rows]
    else:
        params = list(rows)
    connection.exec_driver_sql(sql, params)


def fetch_rows(connection: Connection, statement: Executable, columns: tuple[str, ...],
               values: Sequence) -> list[tuple]:
    """The rows of a select run once with `values` for its bound parameters, named by
    `columns` in that order; sent to the driver as they are, as execute_rows sends them.

    For a statement with many parameters that runs again and again: SQLAlchemy renders an
    expanding IN list anew on every execution, which costs more than the query itself.
    """
    sql, order = _compiled(connection.dialect, statement, columns)
    params = dict(zip(columns, values)) if order is None else tuple(values[i] for i in order)
    return connection.exec_driver_sql(sql, params).all()


@lru_cache(maxsize=64)  # a few statements for each engine's dialect
def _compiled(dialect: Dialect, statement: Executable,
              columns: tuple[str, ...]) -> tuple[str, tuple[int, ...] | None]:
    """The statement's SQL for `dialect`, and for a driver with positional parameters the
    place in `columns` of each (None for named parameters)."""
    compiled = statement.compile(dialect=dialect, column_keys=list(columns))
    names = compiled.positiontup if compiled.positional else list(compiled.binds)
    if set(names) != set(columns):
        # An INSERT given fewer columns would fill in SQLAlchemy's Python-side defaults,
        # which this path skips.
        raise ValueError(f"the statement takes {sorted(set(names))}, not {sorted(columns)}")
    if not compiled.positional:
        return str(compiled), None
    return str(compiled), tuple(columns.index(name) for name in names)
