"""Database commands of `tracker` (ingest, import-facts, correct, scorecard, db)."""


def register(app) -> None:
    """Add the database commands to the `tracker` app."""
