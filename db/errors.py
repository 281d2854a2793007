"""Errors of the database layer, each with a one-line message fit for stderr."""
from __future__ import annotations


class DatabaseError(Exception):
    """Something the user can act on: a wrong URL, an old schema, a read-only file, bad input."""


class SchemaOutOfDate(DatabaseError):
    pass


class ReadOnlyDatabase(DatabaseError):
    pass


class BadTable(DatabaseError):
    """An imported table with bad rows; `problems` lists every one as "row N, column C: reason"."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        first = problems[0] if problems else "no rows"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{path}: {first}{more}; nothing was loaded")


def explain(exc: BaseException, url: str | None = None) -> str:
    """One line saying what went wrong with the database, for errors raised by the driver."""
    where = f" ({url})" if url else ""
    # The driver's own message, first line only: SQLAlchemy appends the statement and a link.
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database is read-only{where}: {text}"
    if "unable to open database file" in lowered:
        return f"cannot open the database file{where}: check that its folder exists and is writable"
    if "database is locked" in lowered:
        return f"the database stayed locked by another process{where}; try again"
    if "connection" in lowered and ("refused" in lowered or "failed" in lowered):
        return f"cannot connect to the database{where}: {text}"
    return f"database error{where}: {text}"
