"""A session to read from, whether a query was handed a Session or an Engine."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session


@contextmanager
def reading(session_or_engine: Session | Engine) -> Iterator[Session]:
    """The session given, or a new one on the engine given (closed on leaving)."""
    if isinstance(session_or_engine, Session):
        _map_file(session_or_engine)
        yield session_or_engine
    else:
        with Session(session_or_engine) as session:
            _map_file(session)
            yield session


# A comparison across the country reads a few thousand rows spread over a SQLite file;
# reading them through a memory map saves a system call per page. Set for reading only:
# an ingest touching the whole file through the map would count every page it reads as
# its own memory.
_MMAP_BYTES = 1 << 30


def _map_file(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql(f"PRAGMA mmap_size={_MMAP_BYTES}")


def core(session: Session):
    """The session's connection, for Core statements: rows come back without the ORM's
    per-row bookkeeping, which the thousands of rows of a comparison would each pay for."""
    return session.connection()
