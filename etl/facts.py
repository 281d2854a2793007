"""The fact record (see the spec) and the report metadata it is read against."""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("target", "outcome")
MEASURES = ("level", "growth", "change", "avg_growth", "increase", "qualitative")
COMPARATORS = ("approx", "at_least", "at_most", "exact", "range")

# Column order of CSV output and of every table that shows facts.
FIELDS = (
    "region", "region_level", "report_year", "kind", "year", "indicator", "name",
    "measure", "value", "value_high", "unit", "comparator", "strive", "estimated", "basis",
    "sentence", "start", "end", "source",
)


@dataclass(slots=True)
class Fact:
    region: str
    report_year: int
    kind: str
    year: int
    indicator: str
    measure: str
    value: float | None
    unit: str
    comparator: str = "exact"
    strive: bool = False
    estimated: bool = False
    sentence: str = ""
    start: int = 0
    end: int = 0
    name: str = ""            # the indicator as the report words it
    region_level: str = ""
    source: str = ""          # file the fact was read from
    value_high: float | None = None   # the top of a range (comparator "range")
    basis: str = ""           # "comparable": on a comparable basis (可比口径), beside the plain figure

    def to_dict(self) -> dict:
        # Every field is a plain value, so asdict's deep copy would only cost time.
        return {k: getattr(self, k) for k in FIELDS}


@dataclass
class ReportMeta:
    region: str
    region_level: str
    report_year: int                      # the plan year: the year the report looks ahead to
    review_years: list[int] = field(default_factory=list)
    doc_type: str = "work_report"         # or "statistical_bulletin"
    title: str = ""
    url: str = ""                         # where the document was found, when it says
    # What a user should hear about how region and year were read (a given --region that
    # differs from the one the report names).
    notes: list[str] = field(default_factory=list)


@dataclass
class ExtractedReport:
    source: str          # path or name of the document
    sha256: str          # of the raw bytes, as read
    text: str            # the normalised text that offsets refer to
    meta: ReportMeta
    facts: list[Fact]
    original: str = ""   # the text as read, before normalising (etl.verbatim maps offsets into it)
