"""A first load into an empty SQLite database builds the facts' search indexes at its end.

Each fact goes into every index of the facts table at its own place; an index built once
over all rows costs a fraction of that (a sort). So when ingest starts on a database with
no facts, it drops the indexes that only searches use (the scorecard's and the
comparison's; the one by document stays, replacing a document needs it), and builds them
again when it ends, however it ends. A load killed before its end leaves them missing:
the next ingest builds them first, and until then searches still answer, only slowly.
So does a load interrupted (Ctrl-C) while the database was locked: an interrupted write may
keep its lock until the process exits, and waiting for it would hang the run at its end.
PostgreSQL keeps its indexes throughout.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, Index, inspect, text
from sqlalchemy.exc import OperationalError

from db.models import Fact, built_here
from db.session import BUSY_TIMEOUT_SECONDS, in_write_transaction, is_locked, is_sqlite

# How long a load that ends by an error or an interrupt waits for the write lock to build the
# indexes again, before it leaves them to the next ingest.
INTERRUPTED_WAIT_SECONDS = 2


def search_indexes() -> list[Index]:
    """The facts indexes a load can do without: all but the one by document."""
    return [ix for ix in Fact.__table__.indexes
            if built_here(ix, "sqlite") and [c.name for c in ix.columns] != ["document_id"]]


def restore_search_indexes(engine: Engine) -> list[str]:
    """Build the search indexes a load left missing; the names of those built."""
    missing = _missing(engine)
    if missing:
        in_write_transaction(engine, lambda s: [ix.create(s.connection(), checkfirst=True) for ix in missing])
    return [ix.name for ix in missing]


def _missing(engine: Engine) -> list[Index]:
    if not _current_sqlite(engine):
        return []
    with engine.connect() as conn:
        present = {ix["name"] for ix in inspect(conn).get_indexes("facts")}
    return [ix for ix in search_indexes() if ix.name not in present]


def _restored_unless_locked(engine: Engine, seconds: float) -> bool:
    """Build the missing search indexes if the write lock comes within `seconds`; whether
    none is missing now."""
    missing = _missing(engine)
    if not missing:
        return True
    with engine.connect() as conn:
        try:
            with conn.begin():
                conn.exec_driver_sql(f"PRAGMA busy_timeout={int(seconds * 1000)}")
                for ix in missing:
                    ix.create(conn, checkfirst=True)
            return True
        except OperationalError as exc:
            if not is_locked(exc):
                raise
            return False
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")


# A load of fewer files keeps the indexes: it is over before building them again pays.
FIRST_LOAD_FILES = 100


@contextmanager
def indexes_built_at_end(engine: Engine, files: int,
                         announce: Callable[[str], None] = lambda _: None) -> Iterator[bool]:
    """Drop the search indexes for a load of `files` files if the database holds no facts
    yet (SQLite); yields whether it did. `announce` hears when they are built again."""
    if files < FIRST_LOAD_FILES or not _current_sqlite(engine) or not _holds_no_facts(engine):
        yield False
        return
    in_write_transaction(engine, lambda s: [ix.drop(s.connection(), checkfirst=True) for ix in search_indexes()])
    try:
        yield True
    finally:
        announce("building the indexes of the facts loaded")
        if sys.exc_info()[1] is None:
            restore_search_indexes(engine)
        elif not _restored_unless_locked(engine, INTERRUPTED_WAIT_SECONDS):
            announce("the database is locked by the interrupted write: the next ingest builds the indexes "
                     "first (searches answer meanwhile, slowly)")
        # The connection that built an index keeps its own estimate of the table, from which
        # SQLite scans the whole table for a search the index serves; a new connection (any
        # later process) plans from the schema alone. The pool's connections are replaced.
        engine.dispose()


def _current_sqlite(engine: Engine) -> bool:
    # The indexes are the current schema's: an older one (upgraded later) is left alone.
    from db.migrate import HEAD, current_revision

    return is_sqlite(engine) and current_revision(engine) == HEAD


def _holds_no_facts(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM facts LIMIT 1")).first() is None
