"""Where the database lives: `--db URL`, else TRACKER_DB_URL, else a SQLite file in the data folder.

A value that is no URL (no "://") is the path of a SQLite file: users type paths.
"""
from __future__ import annotations

import os
from pathlib import Path

DB_FILE = "tracker.sqlite"


def data_dir() -> Path:
    """$TRACKER_DATA_DIR, else $XDG_DATA_HOME/work-report-tracker (~/.local/share/…); created if missing."""
    explicit = os.environ.get("TRACKER_DATA_DIR")
    if explicit:
        path = Path(explicit).expanduser()
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(xdg).expanduser() / "work-report-tracker"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(explicit: str | None = None) -> str:
    """The SQLAlchemy URL to use: the one given, else TRACKER_DB_URL, else the default SQLite file."""
    given = explicit or os.environ.get("TRACKER_DB_URL")
    if given:
        return given if "://" in given else sqlite_url(Path(given))
    return sqlite_url(data_dir() / DB_FILE)


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite file, from a path as a user types it (relative, or with ~)."""
    return f"sqlite:///{path.expanduser().absolute()}"
