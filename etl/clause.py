"""A stretch of a report read for facts, with what its facts are read against."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from etl.facts import ReportMeta
from etl.scope import Frame


class Clause(NamedTuple):
    """text[start:end]: a clause, or a whole sentence read clause by clause; in the frame of
    its sentence, of the report `meta` describes, read from the file `source`."""
    text: str
    start: int
    end: int
    frame: Frame
    meta: ReportMeta
    source: str

    def part(self, start: int, end: int) -> Clause:
        """A clause of this sentence, read in the same frame."""
        # Built as a plain tuple: NamedTuple's own constructor adds a call per clause.
        return tuple.__new__(Clause, (self.text, start, end, self.frame, self.meta, self.source))


@dataclass(slots=True)
class Flags:
    """How sure a clause's figures are. Never changed once made: a new one is made instead."""
    estimated: bool = False
    strive: bool = False

    def merged(self, other: Flags) -> Flags:
        return Flags(self.estimated or other.estimated, self.strive or other.strive)


NO_FLAGS = Flags()   # shared: every sentence starts with it
