"""A report's parts (review, plan) and its sentences and clauses.

The review part reports outcomes of past years, the plan part promises targets for the
coming year (or a five-year term); the top-level headings tell them apart, and where a
report has none, the words that open its plan ("今年主要预期目标").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.facts import ReportMeta
from etl.headings import (
    NOTES_HEADING, ORDINAL_START, PLAN_START, heading_kind, is_term_heading, reviews_then_plans, targets_lead,
)


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    kind: str          # "review" | "plan" | "preamble" | "notes" (after the speech: no facts)
    year: int          # the year its facts are about by default
    five_year: bool = False


def split_sections(text: str, meta: ReportMeta) -> list[Section]:
    """Review and plan parts, from the top-level headings; one part if there are none.

    A top-level heading that says neither ("二、大力调整产业结构") plans when it follows a
    review heading: the review comes first in a report. Where no heading plans, the plan
    begins with the paragraph that opens the list of the coming year's targets."""
    review_year = max(meta.review_years) if meta.review_years else meta.report_year - 1
    if meta.doc_type == "statistical_bulletin":
        return [Section(0, len(text), "review", meta.report_year)]
    marks = _heading_marks(text, meta.report_year)
    end = _notes_start(text, marks[0][0] if marks else 0)
    notes = [Section(end, len(text), "notes", review_year)] if end < len(text) else []
    marks = [m for m in marks if m[0] < end]
    kinds = {k for _, k, _ in marks}
    if "plan" not in kinds:
        # The plan heading was not found on a line of its own: cut where the plan begins.
        if (cut := _plan_start(text, marks[-1][0] if marks else 0, end)) is not None:
            marks.append((cut, "plan", False))
    if not marks:
        return [Section(0, end, "review", review_year)] + notes
    if marks[0][0] > LONGEST_PREAMBLE:
        # The first heading comes late, after a report whose own headings were not found
        # (a title of a whole paragraph in bold, an attachment's "2012年为民办10件实事完成
        # 情况" after it): what comes before is the report, not its preamble.
        sections = _unheaded(text, 0, marks[0][0], meta, review_year)
    else:
        first = "review" if "review" not in kinds else "preamble"   # no review heading: all before the plan reviews
        sections = [Section(0, marks[0][0], first, review_year)]
    for (start, kind, term), nxt in zip(marks, marks[1:] + [(end, None, False)]):
        year = review_year if kind == "review" else meta.report_year
        sections.append(Section(start, nxt[0], kind, year, term))
    return [s for s in sections if s.end > s.start] + notes


def _notes_start(text: str, body: int) -> int:
    """Where the notes after the speech begin (a glossary's heading after the report's first
    part, headings.NOTES_HEADING), or the text's end."""
    notes = NOTES_HEADING.search(text, body)
    return notes.start() if notes else len(text)


# The words before a report's first heading (its title, date, speaker and "各位代表:") are
# at most a few hundred characters, and the words of a paragraph before its targets a
# thousand or so.
LONGEST_PREAMBLE = 3000
LONGEST_PARAGRAPH = 2000


def _unheaded(text: str, start: int, end: int, meta: ReportMeta, review_year: int) -> list[Section]:
    """A review and then a plan from where its targets are opened, for text[start:end] found
    without headings."""
    cut = _plan_start(text, start, end)
    if cut is None:
        return [Section(start, end, "review", review_year)]
    return [Section(start, cut, "review", review_year), Section(cut, end, "plan", meta.report_year)]


def _plan_start(text: str, start: int, end: int) -> int | None:
    """Where text[start:end] opens the coming year's targets or plan: the start of its line,
    or of its sentence where the line runs on for pages (a report pasted without its line
    breaks)."""
    lead = targets_lead(text, start, end) or PLAN_START.search(text, start, end)
    if lead is None:
        return None
    line = text.rfind("\n", 0, lead.start()) + 1
    if lead.start() - line > LONGEST_PARAGRAPH:
        line = text.rfind("。", 0, lead.start()) + 1
    return max(start, line)


def _heading_marks(text: str, report_year: int) -> list[tuple[int, str, bool]]:
    """(offset, kind, about a term) of each review or plan heading, in text order."""
    marks = []
    mixed = []   # marks of parts that review a past year and then plan ("一、1998年工作回顾和1999年…")
    pos = 0
    reviewed = False    # a review heading came before, numbered as a part ("一、…回顾")
    for line in text.splitlines(keepends=True):
        kind = heading_kind(line, report_year)
        if kind == "top":
            # After "一、2014年工作回顾", "二、…" is the next part; after a review heading not
            # numbered ("2014年工作回顾"), the numbered ones are its own sections.
            kind = "plan" if reviewed else None
        if kind:
            reviewed = reviewed or kind == "review" and ORDINAL_START.match(line) is not None
            if kind == "review" and reviews_then_plans(line):
                mixed.append(len(marks))
            marks.append((pos, kind, is_term_heading(line, report_year)))
        pos += len(line)
    for i in reversed(mixed):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        after_heading = text.find("\n", marks[i][0], end)
        at = _plan_opening(text, after_heading, end, report_year) if after_heading >= 0 else None
        if at is not None:
            marks.insert(i + 1, (at, "plan", False))
    return marks


# A paragraph that opens on the coming year ("各位代表!1999年,我们将…", "今年…").
_COMING_YEAR_PARAGRAPH = re.compile(r"\n[ \t]*(?:各位代表[!！][ \t]*)?(?:今年|(?P<year>(?:19|20)\d\d)\s?年(?!以来))")


def _plan_opening(text: str, start: int, end: int, report_year: int) -> int | None:
    """Where the plan begins in a part that reviews first: the line of the first paragraph
    that opens on the coming year, or of the words that open its targets; None if neither."""
    found = [m.start() + 1 for m in _COMING_YEAR_PARAGRAPH.finditer(text, start, end)
             if m.group("year") is None or int(m.group("year")) == report_year][:1]
    found += [m.start() for m in (targets_lead(text, start, end), PLAN_START.search(text, start, end)) if m]
    return text.rfind("\n", 0, min(found)) + 1 if found else None


# ---- sentences and clauses ----------------------------------------------------------------

# One mark at a time: a pattern that is a single character class lets re skip ahead at C
# speed, and a run of marks ("。。") only leaves empty sentences between them, which are dropped.
_SENTENCE_END = re.compile(r"[。!?;\n]")
# Text from PDFs breaks lines inside sentences: a line break after a long line that does
# not end in punctuation continues the sentence.
_SOFT_BREAK_MIN = 15
_HARD_LINE_END = "。!?;:"
# A comma between digits followed by exactly three digits is a thousands separator; one
# before the words without figures that close a bracket ("1500亿元(预计数,下同),增长5%")
# ends no clause.
_CLAUSE_END = re.compile(r":|,(?!(?<=\d,)\d{3}(?!\d))(?![^()\d]{0,20}\))")


def sentences(text: str, start: int, end: int):
    """(start, end) of each sentence between start and end, trimmed of spaces."""
    pos = start
    isspace = str.isspace
    for m in _SENTENCE_END.finditer(text, start, end):
        i = m.start()   # a mark is one character
        if text[i] == "\n" and _is_soft_break(text, i):
            continue
        # A report holds hundreds of sentences: the usual case, nothing to trim, tested inline.
        if pos < i and not isspace(text[pos]) and not isspace(text[i - 1]):
            yield pos, i
        elif span := _trimmed(text, pos, i):
            yield span
        pos = i + 1
    if span := _trimmed(text, pos, end):
        yield span


def _is_soft_break(text: str, i: int) -> bool:
    if i and text[i - 1] in _HARD_LINE_END:
        return False   # most lines end a paragraph: no need to read the line
    line_start = text.rfind("\n", 0, i) + 1
    line = text[line_start:i].rstrip()
    if len(line) < _SOFT_BREAK_MIN or line[-1] in _HARD_LINE_END or not text[i + 1:i + 2].strip():
        return False
    # A numbered heading ("一、过去五年和2021年工作回顾") ends its line, however long.
    return not ORDINAL_START.match(text, i + 1) and not heading_kind(line, 0)




# The longest clause read as one, in characters. A report's clauses are well under 300
# characters (of the 2.9 million clauses of the shared corpus's 2,700 files, 70 are longer
# and 8 longer than 500, the longest 795: table rows run together and a list of 41 names); a
# longer stretch without a comma is cut (see _pieces) into clauses of at most this many.
# What is read from a clause grows with its length: the evidence sentence of each of its facts,
# and the pairing of its numbers with its names, so that a line of figures with no comma (a
# broken or hostile file) would cost time and memory with the square of its length.
MAX_CLAUSE = 500


def clauses(text: str, start: int, end: int):
    """(start, end) of each comma- or colon-delimited clause of a sentence; one longer than
    MAX_CLAUSE is cut into several."""
    pos = start
    isspace = str.isspace
    for m in _CLAUSE_END.finditer(text, start, end):
        i = m.start()   # a mark is one character
        if i - pos > MAX_CLAUSE:
            yield from _pieces(text, pos, i)
        elif pos < i and not isspace(text[pos]) and not isspace(text[i - 1]):
            yield pos, i
        elif span := _trimmed(text, pos, i):
            yield span
        pos = i + 1
    if end - pos > MAX_CLAUSE:
        yield from _pieces(text, pos, end)
    elif span := _trimmed(text, pos, end):
        yield span


# Where a clause too long to read as one is best cut: before a space or 、 (an enumeration
# goes on: "、新建幼儿园" reads as "新建幼儿园"), after a closing mark or the % that ends a figure.
_CUT_BEFORE = frozenset(" \t\u3000、")
_CUT_AFTER = frozenset(")）]】》」』”’%‰")
_IN_NUMBER = frozenset("0123456789.．")


def _pieces(text: str, a: int, b: int):
    """(start, end) of clauses of at most MAX_CLAUSE characters that text[a:b] is cut into,
    trimmed of spaces: each cut at the last separator-like place of the second half of the
    MAX_CLAUSE characters from its start, else at the last place not inside a number, else
    at MAX_CLAUSE."""
    while b - a > MAX_CLAUSE:
        cut = _cut_at(text, a + MAX_CLAUSE // 2, a + MAX_CLAUSE)
        if span := _trimmed(text, a, cut):
            yield span
        a = cut
    if span := _trimmed(text, a, b):
        yield span


def _cut_at(text: str, low: int, high: int) -> int:
    """Where to end a clause that must end between low and high (see _pieces)."""
    for k in range(high, low, -1):
        if text[k] in _CUT_BEFORE or text[k - 1] in _CUT_AFTER:
            return k
    for k in range(high, low, -1):
        if text[k - 1] not in _IN_NUMBER or text[k] not in _IN_NUMBER and text[k] not in "%‰":
            return k
    return high


def _trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    """text[a:b] without the spaces around it, as offsets; None when nothing is left."""
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        return a, b   # the usual case, in two tests
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None
