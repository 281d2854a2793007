"""The tables: regions, documents, indicators, facts and the analysts' corrections, and the
outcome judging chose for each target (answers), kept beside the facts it was chosen from.

Facts are owned by the document they were read from (deleted with it, replaced when it
changes). Corrections live in their own table and point at facts by what they are about
(document, region, indicator, kind, year, measure), never by fact id alone, because fact
rows are recreated whenever their document is re-ingested.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean, CheckConstraint, DateTime, Double, ForeignKey, Index, Integer, MetaData,
    String, Text, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from etl.facts import COMPARATORS, KINDS

# Named constraints, so that migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

LEVELS = ("national", "province", "prefecture", "county", "unknown")
DOC_TYPES = ("work_report", "statistical_bulletin", "imported_table")
DIRECTIONS = ("higher", "lower", "neutral")
ACTIONS = ("fix", "add", "reject")


def _only_on(dialect: str, index: Index) -> Index:
    """An index built on one kind of database only (see built_here)."""
    index.info["only_on"] = dialect
    return index.ddl_if(dialect=dialect)


def built_here(obj, dialect: str) -> bool:
    """Whether the schema on a `dialect` database has `obj` (for alembic's include_object)."""
    return obj.info.get("only_on", dialect) == dialect


# What judging reads of a fact (db.judge.STORED_FIELDS), after the columns a comparison
# across regions picks its facts by.
_JUDGED_COLUMNS = ("id", "document_id", "value", "unit", "comparator", "strive", "estimated", "source_type",
                   "source_title", "sentence", "start", "end", "report_year", "value_high", "basis")


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _equals_one_of(column: str, values: tuple[str, ...]) -> str:
    """The same test as _one_of, for the tables written a row per fact (facts, indicators):
    SQLite builds an IN list's lookup table anew for every row it checks, which cost more
    than a third of storing a fact; comparisons joined by OR cost nothing to speak of."""
    return " OR ".join(f"{column} = {v!r}" for v in values)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Region(Base):
    """An administrative division: 兰陵县 ⊂ 临沂市 ⊂ 山东省."""

    __tablename__ = "regions"
    __table_args__ = (
        CheckConstraint(_one_of("level", LEVELS), name="level"),
        Index(None, "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    division_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    # Names repeat across the country (朝阳区 in 北京 and in 长春); the path does not.
    path: Mapped[str] = mapped_column(String(300), unique=True)

    parent: Mapped[Region | None] = relationship(remote_side=[id])


class Document(Base):
    """One ingested file: a work report, a statistical bulletin or an imported table."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(_one_of("doc_type", DOC_TYPES), name="doc_type"),
        # A file's content is stored once, under one source, even when two ingests race.
        UniqueConstraint("source"),
        UniqueConstraint("sha256"),
        # A region's documents, and what the dashboard's catalog asks of all of them (which
        # years, which regions report), read from a few pages instead of every document's text.
        Index(None, "region_id", "report_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    doc_type: Mapped[str] = mapped_column(String(30))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    report_year: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str | None] = mapped_column(Text)
    # The text as it was read, before normalising, where that changed it: what the report
    # view shows, so that quotes are the document's own words (etl.verbatim maps the offsets).
    original_text: Mapped[str | None] = mapped_column(Text)
    # Where the document was found (a Markdown front matter's `source`), when it says.
    url: Mapped[str | None] = mapped_column(String(1000))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)

    region: Mapped[Region | None] = relationship()
    facts: Mapped[list[Fact]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True)


class Indicator(Base):
    """What a fact measures; `better` says in which direction a result is good."""

    __tablename__ = "indicators"
    __table_args__ = (CheckConstraint(_equals_one_of("better", DIRECTIONS), name="better"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    zh: Mapped[str] = mapped_column(String(100))
    en: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(20), default="")
    better: Mapped[str] = mapped_column(String(10), default="higher")
    headline: Mapped[bool] = mapped_column(Boolean, default=False)


class Fact(Base):
    """One target or outcome, as read from its document (see spec/facts.md)."""

    __tablename__ = "facts"
    __table_args__ = (
        CheckConstraint(_equals_one_of("kind", KINDS), name="kind"),
        CheckConstraint(_equals_one_of("comparator", COMPARATORS), name="comparator"),
        Index(None, "document_id"),
        # A region's scorecard over the years, and one indicator compared across regions
        # (with region and measure, to pick out some regions' or one measure's facts).
        Index(None, "region_id", "kind", "year"),
        _only_on("postgresql", Index(None, "indicator_id", "year", "kind", "region_id", "measure")),
        # On SQLite the comparison's index holds every column judging reads: the facts of one
        # indicator and year lie on a few neighbouring pages of it instead of one page of the
        # table each (thousands across the file), which is what a comparison across the
        # country spent most of its time on. PostgreSQL limits an index entry to a third of a
        # page, which a long sentence can exceed, so it keeps the narrow index.
        _only_on("sqlite", Index("ix_facts_comparison", "indicator_id", "year", "kind", "region_id", "measure",
                                 *_JUDGED_COLUMNS)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    report_year: Mapped[int | None] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(20))
    value: Mapped[float | None] = mapped_column(Double)
    # The top of a range ("增长6%-6.5%", comparator range): value is its bottom.
    value_high: Mapped[float | None] = mapped_column(Double)
    unit: Mapped[str] = mapped_column(String(20), default="")
    comparator: Mapped[str] = mapped_column(String(10), default="exact")
    strive: Mapped[bool] = mapped_column(Boolean, default=False)
    estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    # "comparable" for a figure on a comparable basis (可比口径, 同口径) beside the plain one.
    basis: Mapped[str] = mapped_column(String(20), default="", server_default="")
    sentence: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    region_level: Mapped[str] = mapped_column(String(20), default="")
    # Imported tables cite a publication per row; extracted facts leave these empty and
    # inherit their document's type and title.
    source_type: Mapped[str | None] = mapped_column(String(30))
    source_title: Mapped[str | None] = mapped_column(String(300))
    source_url: Mapped[str | None] = mapped_column(String(1000))

    document: Mapped[Document] = relationship(back_populates="facts")
    region: Mapped[Region] = relationship()
    indicator: Mapped[Indicator] = relationship()


class Correction(Base):
    """An analyst's fix, addition or rejection, kept apart from what extraction found.

    fix and reject name the facts they mean by document, region, indicator, kind, year,
    measure and strive, so that they still apply after the document is re-ingested and its
    fact rows are recreated. add carries a whole fact of its own.
    """

    __tablename__ = "corrections"
    __table_args__ = (
        CheckConstraint(_one_of("action", ACTIONS), name="action"),
        CheckConstraint(_one_of("kind", KINDS), name="kind"),
        CheckConstraint(f"comparator IS NULL OR {_one_of('comparator', COMPARATORS)}", name="comparator"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(10))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(20))
    strive: Mapped[bool] = mapped_column(Boolean, default=False)
    original_value: Mapped[float | None] = mapped_column(Double)
    # The corrected or added figure; for a fix, what is left empty stays as extracted.
    value: Mapped[float | None] = mapped_column(Double)
    value_high: Mapped[float | None] = mapped_column(Double)
    unit: Mapped[str | None] = mapped_column(String(20))
    comparator: Mapped[str | None] = mapped_column(String(10))
    estimated: Mapped[bool | None] = mapped_column(Boolean)
    source_title: Mapped[str | None] = mapped_column(String(300))
    source_url: Mapped[str | None] = mapped_column(String(1000))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)

    document: Mapped[Document | None] = relationship()
    region: Mapped[Region] = relationship()
    indicator: Mapped[Indicator] = relationship()


class Answer(Base):
    """The outcome judging chose for a target from the stored facts (db.answers): which one,
    or that there was none and whether anything else was reported for it that year. The
    scorecard reads these instead of choosing again; the verdict itself is worked out as it
    is read, with the tolerances and directions of the day (db.judge.verdict).

    Analysts' corrections are not applied here: the scorecard judges the (region, year)s they
    touch anew. A target without a row is a promise stated twice (the other statement has it).
    """

    __tablename__ = "answers"
    __table_args__ = (
        Index(None, "region_id", "year"),
        Index(None, "indicator_id", "year"),
    )

    target_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True,
                                           autoincrement=False)
    # The target's own, to find its answer by the scorecard's filters.
    region_id: Mapped[int] = mapped_column(Integer)
    indicator_id: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    # The outcome (for a growth derived from levels, the level of the target's year) and, for
    # a derived growth, the level of the year before. No foreign keys: when either is deleted,
    # its (region, year) is marked stale in the same transaction (StaleAnswers).
    outcome_id: Mapped[int | None] = mapped_column(Integer)
    before_id: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Double)
    unit: Mapped[str | None] = mapped_column(String(20))
    estimated: Mapped[bool | None] = mapped_column(Boolean)
    derived: Mapped[bool | None] = mapped_column(Boolean)
    # Without an outcome: whether anything else was reported for the target that year.
    reported: Mapped[bool] = mapped_column(Boolean, default=False)


class StaleAnswer(Base):
    """A (region, year) whose facts changed since its answers were chosen: written with the
    facts, in their transaction, and deleted when the answers are chosen again. The scorecard
    judges such a year from its facts until then."""

    __tablename__ = "stale_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)


class AnswerRules(Base):
    """The rules the stored answers were chosen by (db.answers.fingerprint): answers
    chosen by other rules (an older version of this tool) are not read."""

    __tablename__ = "answer_rules"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
