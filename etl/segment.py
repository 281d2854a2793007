"""A report's metadata (region, level, years) and its parts: review, plan, sentences, clauses.

Reading order of evidence for the metadata: the title ("罗庄区人民政府2019年政府工作报告"),
the meeting line ("——2023年1月10日在兰陵县第十八届人民代表大会第二次会议上"), the section
headings ("一、2022年工作回顾" / "二、2023年工作安排"), the signature and publication header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.catalog import _read
from etl.errors import InputError
from etl.facts import ReportMeta

CN_ORD = "一二三四五六七八九十"
_MEETING = re.compile(
    r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?:\d{1,2}日)?\s*在(?P<r>[^\s,。、“”]{2,24}?)"
    r"(?:第[一二三四五六七八九十百零〇\d]+届)?人民代表大会")
_TITLE = re.compile(r"(?P<r>[^\s,。:“”]{2,24}?)?(?:人民政府)?(?P<y>(?:19|20)\d\d)年(?:度)?政府工作报告")
_TITLE_YEAR_FIRST = re.compile(r"(?P<y>(?:19|20)\d\d)\s?年(?:度)?(?P<r>[^\s,。:“”()]{2,24}?)(?:人民)?政府工作报告")
_TITLE_AFTER = re.compile(r"政府工作报告\s*[(（]\s*(?P<y>(?:19|20)\d\d)\s*年?\s*[)）]")
_GOV = re.compile(r"(?:^|欢迎访问|\n)\s*(?P<r>[^\s,。:、“”]{2,24}?)人民政府", re.M)
_CONGRESS = re.compile(r"(?:在|^|[,。\s])(?P<r>[^\s,。、“”在\d—-]{2,24}?)第[一二三四五六七八九十百零〇\d]+届人民代表大会")
_TITLE_REGION = re.compile(r"^\s*(?P<r>[^\s,。:“”]{2,24}?)(?:人民政府)?(?:\s*)政府工作报告", re.M)
# Words that a region's name never holds: "我代表县人民政府" is not a region called 我代表县.
_NOT_IN_NAME = re.compile(r"[我你您代表向请本各位的了在对把和及与]")
_PUBLISHED = re.compile(r"(?:发布日期|成文日期|公开日期|发布时间|日期)\s*[:：]?\s*(?P<y>(?:19|20)\d\d)[-年/.](?P<m>\d{1,2})")
_BULLETIN_PATTERN = re.compile(r"(?P<r>[^\s,。:“”]{2,24}?)(?P<y>(?:19|20)\d\d)年国民经济和社会发展统计公报")


class _Bulletin:
    """The bulletin title pattern, tried only where its closing words occur: its lazy
    prefix makes a search over a long line slow, and most texts are not bulletins."""

    @staticmethod
    def search(text: str):
        return _BULLETIN_PATTERN.search(text) if "统计公报" in text else None

    @staticmethod
    def finditer(text: str):
        return _BULLETIN_PATTERN.finditer(text) if "统计公报" in text else iter(())


_BULLETIN = _Bulletin()
_HEADING = re.compile(
    rf"^\s*(?:[{CN_ORD}]+\s*[、.．]|第[{CN_ORD}]+部分|[(（][{CN_ORD}]+[)）])?\s*(?P<t>[^。;]{{2,40}})$")
_HEADING_MAX = 40


def _heading(line: str) -> re.Match | None:
    """The heading a line is, if any. Only lines as short as a heading are tried: on a
    paragraph the pattern backtracks over its forty-character title at every length."""
    return _HEADING.match(line) if len(line.strip()) <= _HEADING_MAX else None


_REVIEW = re.compile(r"回顾|工作总结|成绩|成就|过去[的一二三四五]*年|以来(?:的)?工作|工作情况|完成情况")
_PLAN = re.compile(r"安排|目标|任务|打算|部署|总体要求|指导思想|展望|今后|未来|今年|自身建设|主要工作|重点工作")
_YEAR = re.compile(r"((?:19|20)\d\d)\s?年")
_FIVE_YEARS = re.compile(r"今后五年|未来五年")


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    kind: str          # "review" | "plan" | "preamble"
    year: int          # the year its facts are about by default
    five_year: bool = False


@cache
def _region_catalog() -> dict:
    return _read("regions.toml")


def region_level(name: str) -> str:
    for suffix, level in _region_catalog()["suffixes"]:
        if name.endswith(suffix):
            return level
    return ""


def clean_region(raw: str) -> str | None:
    """"山东省临沂市兰陵县" → "兰陵县"; "枣庄市市中区" → "市中区"; None if not a region name."""
    name = re.sub(r"^[^\u4e00-\u9fff]+", "", raw.strip())
    name = re.sub(r"^(?:在|中共|欢迎访问|关于)", "", name)
    if not region_level(name) or _NOT_IN_NAME.search(name):
        return None
    changed = True
    while changed:
        changed = False
        for suffix, level in _region_catalog()["suffixes"]:
            if level not in _region_catalog()["prefix_levels"]:
                continue
            i = name.find(suffix, 2)
            rest = name[i + len(suffix):] if i > 0 else ""
            if len(rest) >= 2 and region_level(rest):
                name, changed = rest, True
                break
    return name if len(name) >= 2 else None


@lru_cache(maxsize=8)
def _first_lines(text: str, n: int = 60) -> tuple[str, ...]:
    return tuple(ln.strip() for ln in _head(text, n).splitlines()[:n] if ln.strip())


def _head(text: str, n: int) -> str:
    """The text up to the end of its n-th line: splitting a whole report to read its top
    lines costs more than the rest of reading its metadata."""
    end = 0
    for _ in range(n):
        end = text.find("\n", end) + 1
        if end == 0:
            return text
    return text[:end]


def find_region(text: str) -> str | None:
    head = "\n".join(_first_lines(text, 80))
    for pattern in (_MEETING, _CONGRESS, _TITLE, _TITLE_YEAR_FIRST, _BULLETIN, _TITLE_REGION):
        for m in pattern.finditer(head):
            r = m.groupdict().get("r")
            if r and (name := clean_region(r)):
                return name
    for m in _GOV.finditer(text[:20000]):
        if name := clean_region(m.group("r")):
            return name
    return None


# Reading a report's metadata asks for its headings' years and its first lines several
# times; each is worked out once per text.
@lru_cache(maxsize=4)
def _heading_years(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    review, plan = [], []
    for line in text.splitlines():
        m = _heading(line)
        if not m:
            continue
        years = [int(y) for y in _YEAR.findall(m.group("t"))]
        if not years:
            continue
        if _REVIEW.search(m.group("t")):
            review.extend(years)
        elif _PLAN.search(m.group("t")):
            plan.extend(years)
    return tuple(review), tuple(plan)


def find_report_year(text: str) -> int | None:
    """The plan year: title, meeting date, plan heading, review heading + 1, publication date."""
    head = "\n".join(_first_lines(text, 80))
    m = _BULLETIN.search(head)
    if m:
        return int(m.group("y"))
    for pattern in (_TITLE, _TITLE_YEAR_FIRST, _TITLE_AFTER):
        m = pattern.search(head)
        if m:
            return _shifted_for_review(text, int(m.group("y")))
    m = _MEETING.search(head)
    if m:
        return _plan_year_of_date(m)
    review, plan = _heading_years(text)
    if plan:
        return max(plan)
    if review:
        return max(review) + 1
    m = _PUBLISHED.search(head)
    if m:
        return _plan_year_of_date(m)
    m = _PLAN_START.search(text)
    years = _YEAR.findall(m.group()) if m else []
    return int(years[0]) if years else None


def _plan_year_of_date(m: re.Match) -> int:
    # A report delivered in the last weeks of a year plans for the next one.
    return int(m.group("y")) + (1 if int(m.group("m")) >= 11 else 0)


_YEAR_MENTION = re.compile(r"(?<![比较由与和从自])((?:19|20)\d\d)\s?年(?!以来|起|的)")


def _review_text(text: str) -> str:
    """The text after the first review heading, up to the next top-level heading."""
    start = end = None
    pos = 0
    for line in text.splitlines(keepends=True):
        m = _heading(line)
        top = m and "。" not in line and _ORDINAL_START.match(line)
        if top and start is None and _REVIEW.search(line):
            start = pos
        elif top and start is not None:
            end = pos
            break
        pos += len(line)
    return "" if start is None else text[start:end]


def _shifted_for_review(text: str, year: int) -> int:
    """Some sites title a report by the year it reviews ("2019年梨树县政府工作报告" read in
    January 2020). When the review part speaks of the title's year, plan for the next."""
    review, _ = _heading_years(text)
    if review:
        return max(year, max(review) + 1)
    years = [int(y) for y in _YEAR_MENTION.findall(_review_text(text))]
    if years:
        modal = max(set(years), key=years.count)
        if modal == year and years.count(modal) >= 2:
            return year + 1
    return year


def looks_like_report(text: str) -> bool:
    return bool(re.search(r"政府工作报告|各位代表|工作回顾|统计公报|主要预期目标", text))


def read_meta(text: str, name: str, region: str | None = None, year: int | None = None) -> ReportMeta:
    """Region, level and years of a report; InputError naming what is missing."""
    if not looks_like_report(text):
        raise InputError(name, "not a government work report (no title, meeting line or report sections found)")
    region = region or find_region(text)
    if not region:
        raise InputError(name, "cannot find the region this report is about; pass --region")
    year = year or find_report_year(text)
    if not year:
        raise InputError(name, "cannot find the year of this report; pass --year")
    bulletin = _BULLETIN.search("\n".join(_first_lines(text, 80)))
    if bulletin:
        return ReportMeta(region=region, region_level=region_level(region), report_year=year,
                          review_years=[year], doc_type="statistical_bulletin", title=bulletin.group())
    review, _ = _heading_years(text)
    title = next((ln for ln in _first_lines(text) if "工作报告" in ln), "")
    return ReportMeta(region=region, region_level=region_level(region), report_year=year,
                      review_years=sorted(set(review)) or [year - 1], title=title)


def split_sections(text: str, meta: ReportMeta) -> list[Section]:
    """Review and plan parts, from the top-level headings; one part if there are none."""
    review_year = max(meta.review_years) if meta.review_years else meta.report_year - 1
    if meta.doc_type == "statistical_bulletin":
        return [Section(0, len(text), "review", meta.report_year)]
    marks = []
    pos = 0
    for line in text.splitlines(keepends=True):
        kind = _heading_kind(line, meta.report_year)
        if kind:
            marks.append((pos, kind, bool(_FIVE_YEARS.search(line))))
        pos += len(line)
    if not marks:
        return _sections_without_headings(text, meta, review_year)
    kinds = {k for _, k, _ in marks}
    if "plan" not in kinds:
        # The plan heading was not found on a line of its own: cut where the plan begins.
        m = _PLAN_START.search(text, marks[-1][0])
        if m:
            marks.append((text.rfind("\n", 0, m.start()) + 1, "plan", False))
    first = "review" if "review" not in kinds else "preamble"   # no review heading: all before the plan reviews
    sections = [Section(0, marks[0][0], first, review_year)]
    for (start, kind, five), nxt in zip(marks, marks[1:] + [(len(text), None, False)]):
        year = review_year if kind == "review" else meta.report_year
        sections.append(Section(start, nxt[0], kind, year, five))
    return [s for s in sections if s.end > s.start]


def _heading_kind(line: str, report_year: int) -> str | None:
    m = _heading(line)
    if not m or "。" in line or "工作报告" in line:
        return None
    t = m.group("t")
    years = [int(y) for y in _YEAR.findall(t)]
    if years and (_REVIEW.search(t) or _PLAN.search(t) or "工作" in t):
        # "一、2022年主要工作" reviews, "二、2023年主要工作" plans: the year decides.
        return "review" if max(years) < report_year else "plan"
    if _REVIEW.search(t):
        return "review"
    if _PLAN.search(t) and (re.match(rf"\s*(?:[{CN_ORD}]+\s*[、.．]|第[{CN_ORD}]+部分)", line) or _YEAR.search(t)):
        return "plan"
    return None


_PLAN_START = re.compile(r"今年(?:全[县区市省旗州])?(?:经济社会发展的?)?主要预期目标|(?:19|20)\d\d\s?年(?:全[县区市省旗州])?(?:的)?(?:经济社会发展)?(?:的)?(?:主要)?(?:工作安排|预期目标)|今年(?:政府)?(?:工作|重点工作)的?(?:总体要求|安排)")


def _sections_without_headings(text: str, meta: ReportMeta, review_year: int) -> list[Section]:
    m = _PLAN_START.search(text)
    if not m:
        return [Section(0, len(text), "review", review_year)]
    cut = text.rfind("\n", 0, m.start()) + 1
    return [Section(0, cut, "review", review_year), Section(cut, len(text), "plan", meta.report_year)]


# ---- sentences and clauses ----------------------------------------------------------------

# One mark at a time: a pattern that is a single character class lets re skip ahead at C
# speed, and a run of marks ("。。") only leaves empty sentences between them, which are dropped.
_SENTENCE_END = re.compile(r"[。!?;\n]")
# Text from PDFs breaks lines inside sentences: a line break after a long line that does
# not end in punctuation continues the sentence.
_SOFT_BREAK_MIN = 15
_HARD_LINE_END = "。!?;:"
# A comma between digits followed by exactly three digits is a thousands separator.
_CLAUSE_END = re.compile(r":|,(?!(?<=\d,)\d{3}(?!\d))")


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
    return not _ORDINAL_START.match(text, i + 1)


_ORDINAL_START = re.compile(rf"\s*(?:[{CN_ORD}]+\s*[、.．]|[(（][{CN_ORD}\d]+[)）]|第[{CN_ORD}]+部分|\d+\s*[、.．](?!\d))")


def clauses(text: str, start: int, end: int):
    """(start, end) of each comma- or colon-delimited clause of a sentence."""
    pos = start
    isspace = str.isspace
    for m in _CLAUSE_END.finditer(text, start, end):
        i = m.start()   # a mark is one character
        if pos < i and not isspace(text[pos]) and not isspace(text[i - 1]):
            yield pos, i
        elif span := _trimmed(text, pos, i):
            yield span
        pos = i + 1
    if span := _trimmed(text, pos, end):
        yield span


def _trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    """text[a:b] without the spaces around it, as offsets; None when nothing is left."""
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        return a, b   # the usual case, in two tests
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None
