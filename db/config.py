"""Where the database lives: `--db URL`, else TRACKER_DB_URL, else a SQLite file in the data folder."""
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
    if explicit:
        return explicit
    from_env = os.environ.get("TRACKER_DB_URL")
    if from_env:
        return from_env
    return f"sqlite:///{data_dir() / DB_FILE}"
