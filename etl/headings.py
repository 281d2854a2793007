"""Headings of a report and what they say: a review of a past year or a plan for the coming one.

"一、2022年工作回顾" reviews, "二、2023年工作安排" plans, "今后五年的主要任务" plans for a
term. Both the metadata (which years a report reviews) and the sections read them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

CN_ORD = "一二三四五六七八九十"
_HEADING = re.compile(
    rf"^\s*(?:[{CN_ORD}]+\s*[、.．]|第[{CN_ORD}]+部分|[(（][{CN_ORD}]+[)）])?\s*(?P<t>[^。;]{{2,40}})$")
_HEADING_MAX = 40

# "以优异成绩迎接…" looks ahead.
REVIEW = re.compile(r"回顾|工作总结|(?<!优异)成绩|成就|过去[的一二三四五]*年|以来(?:的)?工作|工作情况|完成情况")
# Words that make a numbered part a review ("一、四年来的主要工作", "一、本届政府的主要工作",
# "一、关于去年和今年前4个月工作", "一、圆满完成上届人代会确定的各项任务", "一、…“十五”
# 目标任务胜利完成"); a line of its own that says "一年来,主要做了以下工作:" only leads in.
# A part that says the targets were met is one too ("一、…,基本实现了年初确定的主要经济增长目标",
# "一、全面完成了…各项目标和任务", "一、奋力开拓,“十五”经济社会发展目标全面实现").
_REVIEW_PART = re.compile(r"[一二三四五六七八九十两]年来|去年|上届|本届政府的?主要工作|(?:圆满|胜利)完成"
                          r"|(?:实现|完成|达到)了|年初(?:确定|提出)的|目标(?:任务)?(?:全面|胜利|圆满|顺利|基本)?(?:实现|完成)")
# ... unless the heading calls to the work ahead ("四、为完成和超额完成第一个五年计划而奋斗").
_CALLS_AHEAD = re.compile(r"奋斗|确保|力争|努力")
PLAN = re.compile(r"安排|目标|任务|打算|部署|总体要求|指导思想|展望|今后|未来|今年|自身建设|主要工作|重点工作|工作重点")
YEAR = re.compile(r"((?:19|20)\d\d)\s?年")
# A glossary or notes after the speech, on a line of its own ("名词解释", "注释:", "附:名词解释",
# "《政府工作报告》名词注释", "数据说明"): they explain terms and last year's figures, and
# promise nothing. An attachment ("附件") may list the year's promises (十件民生实事): not one.
NOTES_HEADING = re.compile(r"^[ \t]*(?:附:?[ \t]*)?(?:《[^》\n]{1,30}》)?(?:有关内容|有关)?"
                           r"(?:名词解释|名词注释|注释|注解|附注|数据说明|说明)[ \t]*:?[ \t]*$", re.M)
# A year in Chinese numerals: "二〇二三年", "一九七八年", with 零 or ○ for 〇, or a zero typed
# as a digit or a letter ("二0二三年", "二O二三年"); without 年 only in brackets, as a title
# ends ("政府工作报告(二〇二三)"). Each numeral is one digit, so offsets do not move.
_CN_YEAR = re.compile(r"[一二三四五六七八九〇零○]{4}(?=年)|二[〇零○0O][一二三四五六七八九〇零○0O]{2}(?=年)"
                      r"|(?<=[(（])(?:一九|二[〇零○0O])[一二三四五六七八九〇零○0O]{2}(?=[)）])")
_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "0": "0", "O": "0"}
# The year of a vision decades on ("2035年远景目标", "2035年绵阳经济社会发展的远景目标").
_VISION = re.compile(r"((?:19|20)\d\d)\s?年[^,、;和与及]{0,20}?远景")


def digit_years(text: str) -> str:
    """"二〇二三年" → "2023年", "一九七八年" → "1978年"; the rest of `text` unchanged, and
    as long as it was."""
    if not _CN_YEAR.search(text):
        return text
    return _CN_YEAR.sub(lambda m: "".join(_CN_YEAR_DIGITS[c] for c in m.group()), text)


# The coming term, in words: "今后五年", "未来的五年", "今后5年".
COMING_TERM = r"(?:今后|未来)的?(?:[五十]|5|10)年"
# Years a past term may count, a government's or a plan's: "五年来", "过去四年", "3年来" (one
# year is last year's: "一年来").
PAST_YEARS = r"(?:[两二三四五六七八九十]|[2-9]|10)年"
# The years a plan's effort will take: "通过四到五年的努力", "用3年时间".
YEARS_OF_EFFORT = (r"(?:通过|用)(?:[二三四五六七八九十两]|\d{1,2})(?:到[三四五六七八九十]|[至到-]\d{1,2})?年(?:左右)?"
                   r"(?:的|时间)?(?:努力|奋斗)?")
# A term of several years: "今后五年", "过去五年", "“十三五”时期", "第十三个五年规划". A heading that names one
# only (no single year beside it) heads a part about the term, not about one year.
# A government's term named by its number ("市第四届人民政府工作回顾", "本届政府工作回顾") is
# one of five years too, and so is the coming government's ("二、对下届政府工作的建议",
# "二、新一届政府工作的总体思路和主要目标"), but for the year since it took office
# ("新一届政府成立以来").
TERM = re.compile(r"(?:今后|未来)(?:[五十]|5|10)年|(?:过去|近|这)" + PAST_YEARS + "|" + PAST_YEARS + r"来|[“\"]?十[一二三四五六七八九]五[”\"]?|[“\"]十五[”\"]"
                  r"|第十[一二三四五六七八九]?个五年(?:规划|计划)"
                  r"|(?:本|下|(?<!新)[一二三四五六七八九十]+)届[^,;。\n]{0,6}?政府"
                  r"|新一届[^,;。\n]{0,6}?政府(?![^,;。\n]{0,12}?以来)")
ORDINAL_START = re.compile(
    rf"\s*(?:[{CN_ORD}]+\s*[、.．]|[(（][{CN_ORD}\d]+[)）]|第[{CN_ORD}]+部分|\d+\s*[、.．](?!\d))")
_TOP_ORDINAL = re.compile(rf"\s*(?:[{CN_ORD}]+\s*[、.．]|第[{CN_ORD}]+部分)")
# Words that open the list of the coming year's targets: "今年经济社会发展的主要预期目标是:",
# "2022年全市经济社会发展主要预期目标为:", "主要预期目标建议为:", "今年…的主要目标是", with
# 指标 for 目标: "今年全市经济社会发展的主要预期指标是:" ("以上预期指标是指导性的" opens none),
# and as the early 2000s said it, "主要调控目标是:", "预期调控目标是", "主要预期和调控目标是:".
_TARGETS = r"(?:预期(?:和)?)?(?:调控)?目标"
TARGETS_LEAD = re.compile(
    rf"主要{_TARGETS}(?:建议)?(?:是|为)?\s?[:：]|主要预期指标(?:建议)?(?:是|为)?\s?[:：]|预期(?:调控)?目标(?:建议)?(?:是|为)"
    rf"|(?:今年|明年|(?:19|20)\d\d\s?年)[^。;\n]{{0,30}}?(?:(?:主要)?{_TARGETS}|(?:主要)?预期指标)(?:建议)?(?:是|为)")
# A lead that recalls last year's targets opens no list of new ones.
_RECALLED = re.compile(r"去年|上年|年初|完成|实现|超额|圆满")
PLAN_START = re.compile(
    r"今年(?:全[县区市省旗州])?(?:经济社会发展的?)?主要预期目标"
    r"|(?:19|20)\d\d\s?年(?:全[县区市省旗州])?(?:的)?(?:经济社会发展)?(?:的)?(?:主要)?(?:工作安排|预期目标)"
    r"|今年(?:政府)?(?:工作|重点工作)的?(?:总体要求|安排)")


def targets_lead(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The first words in text[start:end] that open a list of the coming year's targets."""
    return next(target_leads(text, start, end), None)


def target_leads(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """The words in text[start:end] that open a list of the coming year's targets, in order."""
    for m, term in _leads(text, start, end):
        if term is None:    # not a term's ("“十一五”时期…的主要目标是:")
            yield m


def term_target_leads(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[re.Match, re.Match]]:
    """The words in text[start:end] that open a list of a term's targets ("确定了“十三五”经济
    社会发展的主要预期目标:"), each with the term its sentence names."""
    for m, term in _leads(text, start, end):
        if term is not None:
            yield m, term


def _leads(text: str, start: int, end: int | None) -> Iterator[tuple[re.Match, re.Match | None]]:
    """Each lead of a list of targets in text[start:end], with the term its sentence names up
    to it, if any; not last year's targets recalled."""
    end = len(text) if end is None else end
    for m in TARGETS_LEAD.finditer(text, start, end):
        opening = sentence_start(text, start, m.start())
        if not _RECALLED.search(text, opening, m.start()):
            yield m, TERM.search(text, opening, m.end())


def sentence_start(text: str, start: int, at: int) -> int:
    """Where the sentence holding text[at] begins, not before `start`."""
    return max(max(text.rfind(c, start, at) for c in "。;\n") + 1, start)


def heading(line: str) -> re.Match | None:
    """The heading a line is, if any. Only lines as short as a heading are tried: on a
    paragraph the pattern backtracks over its forty-character title at every length."""
    return _HEADING.match(line) if len(line.strip()) <= _HEADING_MAX else None


@lru_cache(maxsize=4)
def heading_years(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The years that review headings and plan headings name, in text order."""
    review, plan = [], []
    for line in text.splitlines():
        m = heading(line)
        if not m:
            continue
        title = digit_years(m.group("t"))
        # "二、“十四五”时期主要目标任务和2035年远景目标": a vision decades on plans no year;
        # "一、2018年以来工作回顾" reviews the years since, the last of them as the year.
        years = [int(m.group(1)) for m in YEAR.finditer(title)
                 if m.group(1) not in _VISION.findall(title) and not title.startswith("以来", m.end())]
        if not years:
            continue
        if REVIEW.search(title):
            planned = _planned_after_review(title)
            review.extend(y for y in years if y not in planned)
            plan.extend(planned)
        elif PLAN.search(title):
            plan.extend(years)
    return tuple(review), tuple(plan)


def heading_kind(line: str, report_year: int) -> str | None:
    """"review", "plan", "top" (a top-level heading that says neither), or None when the
    line is no heading."""
    m = heading(line)
    if not m or "。" in line or "工作报告" in line:
        return None
    t = m.group("t")
    top = _TOP_ORDINAL.match(line) is not None
    if not top and _LEADS_IN.search(t):
        return None     # "到2017年,我们的奋斗目标是:" leads into a list, in the part it stands in
    years = [int(y) for y in YEAR.findall(t)]
    if years and (REVIEW.search(t) or PLAN.search(t) or "工作" in t or top):
        # "一、2022年主要工作" reviews, "二、2023年主要工作" plans: the year decides; but a
        # part that reviews a past year before the coming one reviews first (a top-level
        # part: a table's caption "2019年…完成情况及2020年…主要指标" heads no review).
        return "review" if max(years) < report_year or top and reviews_then_plans(t) else "plan"
    if REVIEW.search(t) or top and _REVIEW_PART.search(t) and not _CALLS_AHEAD.search(t):
        return "review"
    if PLAN.search(_QUOTED.sub("", t)) and (top or YEAR.search(t) or _COMING_TERM_PART.match(t)
                                           or _names_a_plan_ahead(line, t, report_year)):
        return "plan"   # "今后五年工作目标任务" heads the coming term's part, numbered or not
    return "top" if top else None


def _names_a_plan_ahead(line: str, title: str, report_year: int) -> bool:
    """Whether a line not numbered heads the part on a five-year plan not yet over
    ("“十四五”时期目标任务", "锚定新坐标——“十四五”时期主要任务" in 2021, "决胜“十四五”收官之年
    的重点任务" in 2025); not one that says the plan's targets were met. A numbered line
    below a part's heading ("(一)着眼“十四五”目标任务,…") heads a section of that part."""
    if ORDINAL_START.match(line) or _REVIEW_PART.search(title):
        return False
    plan = _PLAN_NUMBER.search(title)
    return plan is not None and plan_end(plan.group(1)) >= report_year


# A line that leads into what follows it ("…奋斗目标是:", "…主要预期目标为:"): no heading.
_LEADS_IN = re.compile(r"[,，][^,，]*(?:是|为)\s*[:：]\s*$")
# A line on the coming term, not a sentence that leads into it ("今后五年的主要任务是:").
_COMING_TERM_PART = re.compile(COMING_TERM + r"[^:：,，是]*$")
# A name in quotes: "三、统筹抓好“五大重点工作”,形成大抓发展的良好局面" reviews the work done
# on a named programme; its 重点工作 plans nothing.
_QUOTED = re.compile(r"“[^“”]{1,12}”")


def reviews_then_plans(title: str) -> bool:
    """A heading that reviews a year and then plans the next ("一、1998年工作回顾和1999年工作
    的总体要求"): its part gives the past year's results first."""
    return bool(_planned_after_review(title))


def _planned_after_review(title: str) -> list[int]:
    """The years a review heading names after its review word, later than those before it:
    the years it goes on to plan for ("…回顾和1999年工作的总体要求")."""
    review = REVIEW.search(title)
    if review is None or not YEAR.search(title):
        return []
    years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(title)]
    before = [y for at, y in years if at < review.start()]
    return [y for at, y in years if at > review.start() and y > max(before)] if before else []


# Words that make a heading about the first year of a term ("四、确保实现“十三五”良好开局").
_ONE_YEAR = re.compile(r"开局|起步之年|今年|明年")
# A five-year plan named by its number: "十五" the tenth, "十四五" and "第十四个五年规划" the
# fourteenth.
_PLAN_NUMBER = re.compile(r"十([一二三四五六七八九]?)个?五")


def is_term_heading(line: str, report_year: int | None = None) -> bool:
    """A heading about a term of several years and about no single year: not one that names
    the plan ending in the report's own year ("二、…全面实现“十五”计划的各项目标" in 2005,
    "…实现“十四五”规划…圆满收官" in 2025), which is about that last year."""
    if TERM.search(line) is None or YEAR.search(line) is not None or _ONE_YEAR.search(line) is not None:
        return False
    plan = _PLAN_NUMBER.search(line)
    return plan is None or report_year is None or plan_end(plan.group(1)) != report_year


def plan_end(digit: str) -> int:
    """The last year of the five-year plan "十" + digit + "五" (digit "" for the tenth): the
    n-th plan ends in 1955 + 5n ("十五" in 2005, "十四五" in 2025)."""
    return 1955 + 5 * (10 + ("一二三四五六七八九".index(digit) + 1 if digit else 0))


def review_text(text: str) -> str:
    """The text after the first review heading, up to the next top-level heading."""
    start = end = None
    pos = 0
    for line in text.splitlines(keepends=True):
        m = heading(line)
        top = m and "。" not in line and ORDINAL_START.match(line)
        if top and start is None and REVIEW.search(line):
            start = pos
        elif top and start is not None:
            end = pos
            break
        pos += len(line)
    return "" if start is None else text[start:end]
