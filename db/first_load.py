"""A first load into an empty SQLite database builds the facts' search indexes at its end.

Each fact goes into every index of the facts table at its own place; an index built once
over all rows costs a fraction of that (a sort). So when ingest starts on a database with
no facts, it drops the indexes that only searches use (the scorecard's and the
comparison's; the one by document stays, replacing a document needs it), and builds them
again when it ends, however it ends. A load killed before its end leaves them missing:
the next ingest builds them first, and until then searches still answer, only slowly.
PostgreSQL keeps its indexes throughout.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, Index, inspect, text

from db.models import Fact, built_here
from db.session import in_write_transaction, is_sqlite


def search_indexes() -> list[Index]:
    """The facts indexes a load can do without: all but the one by document."""
    return [ix for ix in Fact.__table__.indexes
            if built_here(ix, "sqlite") and [c.name for c in ix.columns] != ["document_id"]]


def restore_search_indexes(engine: Engine) -> list[str]:
    """Build the search indexes a load left missing; the names of those built."""
    if not _current_sqlite(engine):
        return []
    with engine.connect() as conn:
        present = {ix["name"] for ix in inspect(conn).get_indexes("facts")}
    missing = [ix for ix in search_indexes() if ix.name not in present]
    if missing:
        in_write_transaction(engine, lambda s: [ix.create(s.connection(), checkfirst=True) for ix in missing])
    return [ix.name for ix in missing]


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
        restore_search_indexes(engine)
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
