"""What a sentence is about: one year's results, the coming year's targets, or a term of years.

A part of a report (etl.segment.Section) says by default what its sentences are about, but
paragraphs inside it change that:

- a paragraph that opens on a term ("过去五年,…", "五年来,…", "“十三五”时期,…") gives
  figures of the term, totals and averages, not one year's: its facts count only where a
  clause names its own year;
- a sentence that opens on one year ("2017年,…", "过去一年,…", "刚(刚)过去的2017年…") is
  about that year again; one that opens on the year just past ("过去一年,…") reviews it,
  even in the plan part (which may recall it before it plans);
- the words that open the list of the coming year's targets ("今年经济社会发展的主要预期
  目标是:") make the rest of their paragraph targets of the plan year, wherever they stand.

A paragraph is a line of the text; each starts from its part's default, but for an item of
a list ("——民生保障全面加强。…", "(一)…", "1.…"), which goes on from the paragraph before,
unless what it would go on with is a year named inside a paragraph on the term.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from etl.facts import ReportMeta
from etl.headings import COMING_TERM, PAST_YEARS, YEAR, plan_end, sentence_start, target_leads, term_target_leads
from etl.segment import Section

_LEAD_IN = (r"(?:各位代表[,!:][ \t]*)?"     # "各位代表,2021年是本届政府的收官之年"
            r"(?:——|[一二三四五六七八九十]是|[(（]?[一二三四五六七八九十\d]+[)）、.]|其中|但|同时|回顾|回眸|特别是|尤其是"
            # How the figures were counted: "初步核算(下同),2015年全市地区生产总值…", "初步预测,…"
            r"|(?:[经据]?初步|据)(?:核算|统计|测算|预测|预计)(?:[(（]下同[)）])?[,，]"
            # A figure said to be preliminary before its year: "预计2013年,地区生产总值784亿元"
            r"|(?:初步)?预计(?=(?:19|20)\d\d\s?年)"
            # A remark that points at what follows: "特别需要指出的是,刚刚过去的2005年…"
            r"|[^,，。;!?\n]{2,10}的是[,，:]"
            # What a plan says: "《纲要》强调,“十二五”时期全省经济社会发展要实现…"
            r"|《[^》\n]{1,30}》(?:强调|明确|提出|指出|要求)[,，:]"
            # The year among the term's: "各位代表,在过去五年中,2022年是极不平凡、极为特殊的一年"
            r"|在过去的?[五十]年(?:中|里|间)[,，]){0,2}[ \t]*")
# A term past ("过去五年", "五年来", "本届政府…") or to come ("今后五年"), or a plan period
# whose years decide which ("“十三五”时期" reviews in 2021 and plans in 2016).
_TERM = (r"(?P<term>(?P<past>(?:过去|这|近|最近)的?[五十]年|[五十]年(?:来|间|中)|本届政府|(?:任期|届内)的?五年"
         r"|党的十[八九]大以来)|(?P<next>" + COMING_TERM + ")"
         r"|[“\"]?十(?P<period>[一二三四五六七八九]?)五[”\"]?(?:时期|期间|以来|规划期|末|(?=,)))")
# "过去一年" is last year's, wherever it stands; "2023年与2018年相比" spans years, opening none.
_YEAR = (r"(?:(?P<last>过去的?一年|一年来|(?:刚刚?|即将)过去的)|(?P<recalled>去年)"
         r"|(?P<named>(?:19|20)\d\d)\s?年(?!以来|来|[与同和比到至](?:19|20)\d\d)|今年|明年|全年)")
# A sentence opening (after a mark or a line break, spaces skipped) on a term or a year.
# Opened by the mark itself, so that re skips at C speed from one mark to the next.
_OPENER = re.compile(r"[。!?;\n][ \t]*(?P<body>" + _LEAD_IN + r"(?:" + _TERM + "|" + _YEAR + "))")


# Words that single the year out among the term's: "特别是2021年,…".
_SINGLED_OUT = re.compile(r"特别是|尤其是")
_AHEAD = re.compile(COMING_TERM)
# A term named in a part's heading: past ("过去五年和2021年工作回顾"), coming ("今后五年…"), or
# a plan period, past or coming by its years ("关于“十三五”总体部署和2016年工作").
_TERM_IN_HEADING = re.compile(r"(?P<past>过去的?" + PAST_YEARS + "|" + PAST_YEARS + r"来|本届政府)|(?P<next>" + COMING_TERM + r")"
                              r"|[“\"]?十(?P<period>[一二三四五六七八九]?)五[”\"]?")
# An average over years ("年均增长20%"): no one year's figure.
_OVER_YEARS = re.compile(r"年均(?:增长|增速|递增|提高|下降|减少|增加|新增)")
# The coming government's term, in a lead's sentence.
_NEXT_GOVERNMENT = re.compile(r"下届|新一届")
# After the term, the year as a second subject: "…和2016年工作安排".
_AND_THEN_A_YEAR = re.compile(r"[和及与、][^,;。]{0,12}?(?:(?:19|20)\d\d\s?年|今年|明年)")
# A sentence left open for the paragraphs after it: "…目标任务是:到2020年,".
_ENDS_OPEN = re.compile(r"[:,]\s*$")
_NAMES_A_YEAR = re.compile(r"今年|明年|(?:19|20)\d\d\s?年")
# Words for the coming year in a lead's sentence: "全年经济社会发展的主要预期目标是:".
_THIS_YEAR = re.compile(r"今年|明年|全年|本年度?")
# What may stand before the year that opens a paragraph: an address and a flourish.
_LONGEST_ADDRESS = 40
_FIGURE = re.compile(r"\d|年")
_LIST_ITEM = re.compile(r"\s*(?:——|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|\d{1,2}\s*[.、．](?!\d))")


def _names_a_year_before(text: str, start: int, lead: re.Match) -> bool:
    """Whether a lead names a year ("2021年主要目标是"), or its sentence the coming one up to
    it ("全年经济社会发展的主要预期目标是:"; "到2025年,…主要目标是:" is a term's)."""
    if _NAMES_A_YEAR.search(lead.group()):
        return True
    return _THIS_YEAR.search(text, sentence_start(text, start, lead.start()), lead.end()) is not None


def _names_only_later_years(lead: str, report_year: int) -> bool:
    """Whether the years a lead names are all after the report's ("到2017年,我们的奋斗目标是" in 2013)."""
    years = [int(y) for y in YEAR.findall(lead)]
    return bool(years) and min(years) > report_year and not _THIS_YEAR.search(lead)


def _heading(text: str, section: Section) -> str:
    end = text.find("\n", section.start, section.end)
    return text[section.start:end if end >= 0 else section.end]


def _sums_up_the_term(text: str, at: int, end: int) -> bool:
    """Whether the sentence from `at` sums the term up at its last year rather than reports
    that year: "2017年地区生产总值1100亿元,年均增长5.4%", "2010年全市生产总值达到7800亿元,
    五年翻了一番" give the levels the term reached, and the items after them are the term's
    again. One that compares with the year before ("比上年增长28.4%", "同比增长6.3%")
    reports the year."""
    stop = min((i for i in (text.find("。", at, end), text.find("\n", at, end)) if i >= 0), default=end)
    sentence = text[at:stop]
    return _OVER_THE_TERM.search(sentence) is not None and OVER_THE_YEAR.search(sentence) is None


_OVER_THE_TERM = re.compile(r"年均|[五十]年(?:来|间|中|累计)?(?:翻|增长|提高|累计)|翻了?[一两二三]?番")
# A growth over the year before (or since the year began, for balances).
OVER_THE_YEAR = re.compile(r"[比较](?:上年|去年|年初)|同比")


@dataclass(frozen=True)
class Frame:
    """What a sentence's facts are about by default: Section's fields, for one sentence."""
    kind: str          # "review" | "plan"
    year: int
    five_year: bool = False
    summed: bool = False    # opened by a sentence that sums a term up at this year (etl.qualify.Dating)


class Scope:
    """The frame of each sentence of one part, read in order (see the module's notes).

    The words that change a frame are looked for once in the whole part, not sentence by
    sentence: a report holds hundreds of sentences, and few of them open on a term or a year."""

    def __init__(self, text: str, section: Section, meta: ReportMeta):
        self.default = Frame(section.kind, section.year, section.five_year)
        self.targets = Frame("plan", meta.report_year)
        self.year = Frame(section.kind, section.year, False)
        self.recalled = Frame(section.kind, section.year, False)     # the same, but opening no year
        # The same year, opened by a sentence that sums the term up at its last year: only
        # for its own paragraph, the items after it are the term's again.
        self.year_summed = Frame(section.kind, section.year, False, summed=True)
        # A sentence opening on a year before this one ("2020年信用优化营商环境…" in a review of
        # 2017–2021): in a review of a term, it opens a year for its own sentence only.
        self.earlier_year = Frame(section.kind, section.year, False)
        self.last_year = self.year if section.kind == "review" else Frame("review", meta.report_year - 1)
        self.past_term = Frame("review", meta.report_year - 1, True)
        self.next_term = Frame("plan", meta.report_year, True)
        self.report_year = meta.report_year
        self.current = self.default
        self.resume: Frame | None = None     # the frame to go back to after this sentence
        # "“十三五”时期的目标任务是:到2020年," ending its paragraph: the paragraphs after it
        # list the term's targets, until one opens on a year ("今年全市…主要预期目标为:").
        self.term_list = False
        self.paragraph_end = -1
        self.just_past: set[int] = set()     # where a sentence opens on the year just past ("过去一年")
        # Where a sentence singles out the year among the term's ("特别是2021年,我们加压奋进…"):
        # what follows is the year's, as after a paragraph that opens on it.
        self.singled_out: set[int] = set()
        self.openers = self._openers(text, section.start, section.end)
        self.leads, self.undated_leads = self._leads(text, section.start, section.end, meta.report_year)
        self.term_leads = self._coming_term_leads(text, section) if section.kind == "plan" else []
        self.ahead = self._about_the_next_term(text, section)
        # "二、“十三五”时期主要目标任务和2016年工作安排": the term's targets come first, the year's
        # from the first sentence that opens on it.
        self.year_default = self.default
        # Its first paragraph introduces the term even when it opens on the year ("各位代表:
        # 今年,我们开始实施第十二个五年规划。“十二五”时期…的指导方针是:…").
        self.term_first = section.kind == "plan" and self._names_a_term_then_a_year(text, section, past=False)
        if self.term_first:
            self.default = self.current = self.next_term
        elif section.kind == "plan" and section.five_year:
            # A part about a term may go on to the coming year ("二、对下届政府工作的建议", then
            # "各位代表,2012年是…首战之年" or "今年全市…主要预期指标是:"): from there on, the
            # part is the year's; a paragraph opens it, as in a review of the term.
            self.year_default = self.year
        self.term_ahead = section.kind == "plan" and section.five_year and not self.term_first
        # "一、过去五年和2021年工作回顾": the term's results first, the year's from the first
        # paragraph that opens on it ("2021年,…", "过去一年,…").
        # A review of the term alone ("一、本届政府工作回顾") may end on the year too ("2011年,市
        # 政府…" opening a paragraph, and the year's results after it).
        self.past_first = section.kind == "review" and (
            section.five_year or self._names_a_term_then_a_year(text, section, past=True))
        if self.past_first:
            self.default = self.current = self.past_term
            self.year_default = self.year
        self.paragraph_start = -1     # where the paragraph of the sentence framed last begins
        self.paragraphs = 0     # paragraphs begun so far, the heading's line the first
        self.paragraph_only = False     # the frame was opened inside this paragraph, for it alone

    def _openers(self, text: str, start: int, end: int) -> dict[int, Frame]:
        """Where a sentence opens on a term or a year, and the frame it opens."""
        out = {}
        # The part's first sentence has no mark before it in the part: its start is read too.
        for m in _OPENER.finditer(text, start - 1 if start and text[start - 1] in "。!?;\n" else start, end):
            at = m.start("body")
            if m.group("term"):
                out[at] = self.past_term if self._is_past(m) else self.next_term
            elif m.group("last"):
                out[at] = self.last_year
                self.just_past.add(at)
            elif m.group("recalled") and self.default.kind == "plan":
                # "去年以来,我市新上一大批新兴产业项目" in a plan recalls; it moves a part on
                # the coming term on to no year.
                out[at] = self.recalled
            elif m.group("named") and int(m.group("named")) < self.year.year:
                out[at] = self.earlier_year
            elif m.group("named") and int(m.group("named")) > self.year.year and self.default.kind == "plan":
                # "2015年,农村贫困人口比2010年减少一半。…新增城镇就业135万人以上" in a plan for
                # 2011–2015: a later year, which dates its own clauses; what follows is not
                # the plan year's.
                continue
            else:
                out[at] = self.year_summed if self.default.five_year and _sums_up_the_term(text, at, end) \
                    else self.year
                if _SINGLED_OUT.match(text, at):
                    self.singled_out.add(at)
        return out

    @staticmethod
    def _leads(text: str, start: int, end: int, report_year: int) -> tuple[list[int], set[int]]:
        """Where the words that open a list of targets stand, in order; and those of them that
        name no year ("主要目标是:") or a later one ("到2017年,我们的奋斗目标是:"), which in a part
        about a term open the term's targets."""
        if text.find("目标", start, end) < 0:
            return [], set()
        found = list(target_leads(text, start, end))
        return [m.start() for m in found], {m.start() for m in found if not _names_a_year_before(text, start, m)
                                            or _names_only_later_years(m.group(), report_year)}

    def _coming_term_leads(self, text: str, section: Section) -> list[int]:
        """Where the words that open a list of the coming term's targets stand, in order:
        "确定了“十三五”经济社会发展的主要预期目标:", "下届政府的主要奋斗目标是:"."""
        out = []
        for lead, term in term_target_leads(text, section.start, section.end):
            if self._names_the_year_before(text, section.start, lead):
                continue    # "2021年是实施“十四五”规划的开局之年,经济社会发展主要预期目标为:"
            named = _TERM_IN_HEADING.search(term.group())
            coming = not self._is_past(named) if named else _NEXT_GOVERNMENT.search(term.group()) is not None
            if coming:
                out.append(lead.start())
        return out

    def _names_a_term_then_a_year(self, text: str, section: Section, past: bool) -> bool:
        """Whether the part's heading names a term (past or coming), then the year, as two
        subjects ("“十四五”时期发展目标和2021年工作安排", "过去五年和2021年工作回顾"); not a
        year's work that starts a term ("做好2006年工作,实现“十一五”良好开局")."""
        heading = _heading(text, section)
        term = _TERM_IN_HEADING.search(heading)
        return term is not None and self._is_past(term) == past and \
            _AND_THEN_A_YEAR.search(heading, term.end()) is not None

    @staticmethod
    def _about_the_next_term(text: str, section: Section) -> bool:
        """Whether the part's heading is about the coming years only ("二、今后五年的目标任务");
        not one naming a plan ("实现“十四五”圆满收官" is about its last year) or a year too
        ("今后五年的目标任务和2013年工作建议")."""
        heading = _heading(text, section)
        return _AHEAD.search(heading) is not None and _NAMES_A_YEAR.search(heading) is None

    def frame(self, text: str, start: int, end: int) -> Frame:
        """The frame of the sentence text[start:end]; sentences must come in text order."""
        found = self._frame(text, start, end)
        if found.kind == "plan" and not found.five_year and _OVER_YEARS.search(text, start, end) \
                and not _NAMES_A_YEAR.search(text, start, end) and not _THIS_YEAR.search(text, start, end):
            # "力争工业增加值达到6000亿元,年均增长20%以上" among a year's plans: an average over
            # years is a term's, and so is the sentence that gives it.
            return self.next_term
        return found

    def _frame(self, text: str, start: int, end: int) -> Frame:
        if start > self.paragraph_end:
            self.resume = None
            if self.term_list:
                self.current = self.next_term
            elif not _LIST_ITEM.match(text, start) or self.current is self.year_summed or self.paragraph_only:
                self.current = self.default
            self.paragraph_only = False
            newline = text.find("\n", start)
            self.paragraph_end = newline if newline >= 0 else len(text)
            self.paragraph_start = start
            self.paragraphs += 1
        if self.current is self.targets:
            return self.current
        at = bisect_left(self.leads, start)
        opened = self.openers.get(start)
        if at < len(self.leads) and self.leads[at] < end:
            # "今后五年…主要目标是:", "“十三五”时期的目标任务是:": the term's targets, not the
            # coming year's. ("2003年是…。预期目标为…" there: the year's.)
            # A part about the coming term that has moved on to the year ("2003年是…起步之年。
            # 全省经济增长预期目标为9%以上") lists the year's.
            moved_on = self.default is self.year
            term = self.leads[at] in self.undated_leads and (
                self.current is self.next_term or opened is self.next_term
                or (self.ahead or self.default.five_year) and self.current is self.default and not moved_on)
            self.current = self.next_term if term else self.targets
            if not term:
                self.default = self.year_default
        elif self.term_leads and self._has_term_lead(start, end):
            self.current = self.next_term
        elif opened is not None:
            if (opened is self.year or opened is self.year_summed) \
                    and (not (self.past_first or self.term_ahead) or self._opens_paragraph(text, start)
                         or self._singles_out(start)) \
                    and not (self.term_first and self.paragraphs <= 2):
                # The year's part of a part about both; in a review, a paragraph opens it (a
                # sentence on the last year inside the term's paragraphs does not).
                self.default = self.year_default
            elif opened is self.year and (self.past_first and self.default is self.past_term
                                          or self.term_ahead and self.default.five_year):
                # Inside a paragraph on the term ("(二)…五年累计完成工业项目投入5788.5亿元。2013年产业
                # 集聚区…"): the year to the paragraph's end, not in the list's next item.
                self.paragraph_only = True
            if opened is self.earlier_year and self.current.five_year:
                # For this sentence only: "2020年信用优化营商环境评估全省排名第2位。进出口总额
                # 增长237.5%" goes back to the term ("2016年下半年…,全年地区生产总值增长7%"
                # is the year's to its end).
                self.resume = self.current
            self.current = opened
        elif self.resume is not None:
            self.current, self.resume = self.resume, None
        if opened is not None or self.term_list:
            self.term_list = self.current is self.next_term and (
                self.term_list or end >= self.paragraph_end and _ENDS_OPEN.search(text, start, end) is not None)
        return self.current

    def _names_the_year_before(self, text: str, start: int, lead: re.Match) -> bool:
        """Whether a lead's sentence names the coming year up to it ("2007年是新一届政府的第一年,
        也是实施“十一五”规划的关键一年,我市经济社会发展主要预期目标为:")."""
        opening = sentence_start(text, start, lead.start())
        return _names_a_year_before(text, start, lead) or any(
            int(y) == self.report_year for y in YEAR.findall(text, opening, lead.end()))

    def _has_term_lead(self, start: int, end: int) -> bool:
        at = bisect_left(self.term_leads, start)
        return at < len(self.term_leads) and self.term_leads[at] < end

    def _opens_paragraph(self, text: str, start: int) -> bool:
        """Whether the sentence from `start` opens its paragraph: the first, or one on the year
        just past after an address without figures ("各位代表。星光不负赶路人,江河眷顾奋楫者。
        刚刚过去的2021年,…", "九层之台,起于垒土。过去一年,…"). A year named after an item's
        title ("——规模速度赶超跨越。2021年,全市…比2016年…") sums up the term."""
        if start == self.paragraph_start:
            return True
        before = text[self.paragraph_start:start]
        return start in self.just_past and len(before) <= _LONGEST_ADDRESS and not _FIGURE.search(before)

    def _singles_out(self, start: int) -> bool:
        """Whether the sentence from `start` singles the year out after the term's paragraphs
        ("五年中,…。特别是2021年,我们加压奋进…", then "一是…"); in the part's first paragraph
        ("过去五年,…特别是2020年面对突如其来的新冠肺炎疫情…") it only says what the term met."""
        return start in self.singled_out and self.paragraphs > 2

    def _is_past(self, term: re.Match) -> bool:
        if term.group("past"):
            return True
        if term.group("next"):
            return False
        return plan_end(term.group("period") or "") < self.report_year
