"""What a test reads back from a database on a connection of its own."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from db.models import Document, Fact
from db.session import make_engine


def stored_sources(db_url: str) -> dict[str, int]:
    """Each stored document's source → its number of facts (empty while there is no schema)."""
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            rows = s.execute(select(Document.source, func.count(Fact.id))
                             .outerjoin(Fact, Fact.document_id == Document.id).group_by(Document.source))
            return dict(rows.all())
    except SQLAlchemyError:
        return {}
    finally:
        engine.dispose()


def stored_facts(db_url: str) -> list[tuple]:
    """Every stored fact as (document source, indicator id, kind, year, value, comparator,
    sentence), in a fixed order."""
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            rows = s.execute(select(Document.source, Fact.indicator_id, Fact.kind, Fact.year, Fact.value,
                                    Fact.comparator, Fact.sentence)
                             .join(Document, Fact.document_id == Document.id))
            return sorted(tuple(row) for row in rows)
    finally:
        engine.dispose()
