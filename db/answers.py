"""Each target's answer, chosen once from the stored facts and kept (the answers table).

Choosing a target's outcome reads every outcome that may answer it, ranks them and derives
growths from levels (db.judge); a region's scorecard chose anew for each of its thousands
of targets on every call. The choice only changes when the facts of the target's year (or
of the year before, whose levels a growth is derived from) change, so it is kept:

- storing a document's facts marks their (region, year)s and the years after stale, in the
  same transaction (`mark`, `mark_replaced`, called by db.store);
- db.choose_answers.refresh, run after an ingest or import, chooses the answers of the
  stale years again;
- the scorecard reads the answers of the years that are not stale (`stored_rows`) and judges
  the others from their facts, as it judges the years an analyst corrected.

Answers chosen by other rules (another version of judging) are not read (`usable`): the
scorecard then judges everything from the facts until the next refresh chooses them all again.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from operator import itemgetter
from pathlib import Path

from sqlalchemy import bindparam, insert, null, select
from sqlalchemy.orm import Session

from db.models import Answer, AnswerRules, Document, Fact, StaleAnswer
from db.selects import driver_rows, narrowed, own_or_documents
from db.session import execute_rows

answers_table, stale_table, rules_table = Answer.__table__, StaleAnswer.__table__, AnswerRules.__table__
_facts, _documents = Fact.__table__, Document.__table__


@cache
def fingerprint() -> str:
    """What the choice of an answer depends on besides the facts: the code that chooses it
    and the ranking of sources. Any change to them makes stored answers unread."""
    digest = hashlib.sha256()
    for module in ("judge.py", "loading.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    digest.update(resources.files("db").joinpath("data/judging.toml").read_bytes())
    return digest.hexdigest()


# --- Marking: called by db.store, inside the transaction that writes the facts.

_MARK = insert(stale_table).inline()
_MARK_COLUMNS = ("region_id", "year")
_old = _facts.alias("old")
_MARK_REPLACED = insert(stale_table).from_select(
    ["region_id", "year"],
    select(_old.c.region_id, _old.c.year).where(_old.c.document_id == bindparam("document_id"))
    .union(select(_old.c.region_id, _old.c.year + 1).where(_old.c.document_id == bindparam("document_id"))))


def mark(connection, pairs: Iterable[tuple[int, int]]) -> None:
    """Mark these (region, year)s of new facts stale, with the years after them."""
    execute_rows(connection, _MARK, _MARK_COLUMNS,
                 sorted({(region, y) for region, year in pairs for y in (year, year + 1)}))


def mark_replaced(connection, document_id: int) -> None:
    """Mark the (region, year)s of a document's facts, and the years after, stale: before
    they are deleted."""
    connection.execute(_MARK_REPLACED, {"document_id": document_id})


# --- Reading.

def usable(session: Session) -> bool:
    """Whether the stored answers were chosen by today's rules."""
    stored = session.connection().execute(select(rules_table.c.fingerprint)).scalars().all()
    return stored == [fingerprint()]


def stale_pairs(session: Session) -> set[tuple[int, int]]:
    """The (region, year)s marked stale."""
    return set(map(tuple, session.connection().execute(select(stale_table.c.region_id, stale_table.c.year).distinct())))


_outcome, _before, _source = _facts.alias("o"), _facts.alias("b"), _documents.alias("od")
_target = _facts.alias("t")
# An answer with its target's fields (judge.STORED_FIELDS order, less the sources) and its outcome's.
_TARGET_FIELDS = ("id", "document_id", "region_id", "indicator_id", "year", "measure", "value", "unit",
                  "comparator", "strive", "value_high")
_EVIDENCE_FIELDS = ("sentence", "start", "end")


def _select(evidence: bool):
    target = [_target.c[name] for name in _TARGET_FIELDS]
    outcome = [answers_table.c.outcome_id, _outcome.c.document_id, answers_table.c.value, answers_table.c.unit,
               answers_table.c.estimated, answers_table.c.derived, answers_table.c.reported]
    if evidence:
        target += [_target.c[name] for name in _EVIDENCE_FIELDS]
        outcome += [own_or_documents(_outcome.c.source_type, _source.c.doc_type),
                    own_or_documents(_outcome.c.source_title, _source.c.title),
                    _outcome.c.sentence, _before.c.sentence]
    else:
        target += [null()] * len(_EVIDENCE_FIELDS)
        outcome += [null()] * 4
    joined = (answers_table.join(_target, _target.c.id == answers_table.c.target_id)
              .outerjoin(_outcome, _outcome.c.id == answers_table.c.outcome_id))
    if evidence:
        joined = (joined.outerjoin(_source, _source.c.id == _outcome.c.document_id)
                  .outerjoin(_before, _before.c.id == answers_table.c.before_id))
    return select(*target, *outcome).select_from(joined)


_SELECTS = {True: _select(True), False: _select(False)}
# Positions in a row of _SELECTS.
(T_ID, T_DOCUMENT, T_REGION, T_INDICATOR, T_YEAR, T_MEASURE, T_VALUE, T_UNIT, T_COMPARATOR, T_STRIVE,
 T_HIGH, T_SENTENCE, T_START, T_END, O_ID, O_DOCUMENT, O_VALUE, O_UNIT, O_ESTIMATED, O_DERIVED,
 O_REPORTED, O_SOURCE_TYPE, O_SOURCE_TITLE, O_SENTENCE, O_BEFORE_SENTENCE) = range(25)


def stored_rows(session: Session, region_ids: list[int] | None, years: list[int] | None,
                indicator_ids: list[int] | None, evidence: bool,
                leave_out: set[tuple[int, int]]) -> list[tuple]:
    """The targets within the filters with their stored answers, as rows of positions
    T_* and O_*, but for the (region, year)s to `leave_out` (judged from their facts)."""
    rows = driver_rows(session, narrowed(_SELECTS[evidence], answers_table, region_ids, years, indicator_ids))
    if leave_out:
        rows = [r for r in rows if (r[T_REGION], r[T_YEAR]) not in leave_out]
    return rows


# What db.judge.verdicts_of reads of a row.
VERDICT_FIELDS = itemgetter(T_MEASURE, T_VALUE, T_UNIT, T_COMPARATOR, T_HIGH, O_VALUE, O_UNIT, T_INDICATOR, O_REPORTED)


def outcome_sentence(row: tuple) -> str | None:
    """An answer's sentence: a derived growth's is both levels' (judge.derive)."""
    if row[O_DERIVED]:
        return " / ".join(s for s in (row[O_SENTENCE], row[O_BEFORE_SENTENCE]) if s)
    return row[O_SENTENCE]
