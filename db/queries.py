"""What the dashboard and the CLI read: the scorecard, regions, indicators, facts, documents.

Every function takes an Engine or a Session and returns a pandas DataFrame (or, for one
document, a dict). Queries are SQLAlchemy expressions with bound parameters; the filters
they use (a region's facts, one indicator in one year) are served by the indexes on facts.
Callers import them from here; each lives in the module of what it does:

- db.scorecard: the scorecard, one row per target with its outcome and verdict;
- db.listings: regions, indicators, facts and documents as stored;
- db.lookup: regions and indicators by name.
"""
from __future__ import annotations

from db.listings import (
    DOCUMENT_COLUMNS, FACT_COLUMNS, FACT_SOURCE_COLUMNS, DocumentSummary, document, document_summary, documents,
    fact_query, fact_sources, facts, indicators, regions,
)
from db.lookup import UnknownName, indicator_ids, region_ids
from db.scorecard import EVIDENCE_COLUMNS, SCORECARD_COLUMNS, scorecard

__all__ = [
    "DOCUMENT_COLUMNS", "EVIDENCE_COLUMNS", "FACT_COLUMNS", "FACT_SOURCE_COLUMNS", "SCORECARD_COLUMNS",
    "DocumentSummary", "UnknownName", "document", "document_summary", "documents", "fact_query", "fact_sources",
    "facts", "indicator_ids", "indicators",
    "region_ids", "regions", "scorecard",
]
