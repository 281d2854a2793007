"""A report's metadata: which government reports (region, level), and for which year.

Evidence is read in this order: the report's own words (the meeting line "——2023年1月10日在
兰陵县第十八届人民代表大会第二次会议上", the title "罗庄区人民政府2019年政府工作报告", the
section headings "一、2022年工作回顾", a signature or publication header), then the title
that travels with the file (a Markdown front matter's `title`), then the file's path
("…/山东省/2020.md"). The report year is the year the report plans for: the year it was
delivered, or the next one for a report delivered in the last weeks of a year.

The State Council's report and the national statistical bulletin are about `全国`.
A statistical bulletin (统计公报) is an outcome document about the year it names.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePath

from etl.catalog import regions
from etl.divisions import level_of
from etl.errors import InputError
from etl.facts import ReportMeta
from etl.headings import PLAN_START, YEAR, digit_years, heading_years, review_text

_MEETING = re.compile(
    r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?:\d{1,2}日)?\s*在(?P<r>[^\s,。、“”]{2,24}?)"
    r"(?:第[一二三四五六七八九十百零〇\d]+届)?人民代表大会")
# "——2023年1月10日在…", "1955年7月5日至6日在…", "1981年11月30日和12月1日在…"
# or "2020年1月9日长沙市第十五届人民代表大会第五次会议通过".
# A meeting line stands on a line of its own, the date first: not "1994年3月，市十二届人大二次
# 会议审议通过了…" in a review of the term.
_MEETING_DATE = re.compile(r"^[—\-─━\s(（*]*(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?:\d{1,2}日)?(?:[和至][^在\n]{1,8})?"
                           r"\s*(?:在[^\n]{0,40}?(?:人民代表大会|人大)|[^\n,。]{0,40}?人民代表大会[^\n,。]{0,12}?会议通过)", re.M)
# The date the report was delivered on, in brackets on a line of its own: "(2004年5月17日 向巴平措)".
_DATELINE = re.compile(r"^\s*[(（]\s*(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月\d{1,2}日[^()（）\n]{0,20}[)）]\s*$", re.M)
# A date in a title that travels with the file: "焦作市政府工作报告(2021年2月23日 徐衣显)".
_TITLE_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月\d{1,2}日")
_TITLE = re.compile(r"(?P<r>[^\s,。:“”]{2,24}?)?(?:人民政府)?(?P<y>(?:19|20)\d\d)年(?:度)?政府工作报告")
_TITLE_YEAR_FIRST = re.compile(r"(?P<y>(?:19|20)\d\d)\s?年(?:度)?(?P<r>[^\s,。:“”()]{2,24}?)(?:人民)?政府工作报告")
_TITLE_AFTER = re.compile(r"政府工作报告\s*[(（][^()（）\n]{0,20}?(?P<y>(?:19|20)\d\d)\s*年?\s*[)）]")
_GOV = re.compile(r"(?:^|欢迎访问|\n)\s*(?P<r>[^\s,。:、“”]{2,24}?)人民政府", re.M)
_CONGRESS = re.compile(r"(?:在|^|[,。\s]|\d日)(?P<r>[^\s,。、“”在\d—-]{2,24}?)第[一二三四五六七八九十百零〇\d]+届人民代表大会")
# The head of government signing: "鹤壁市市长范修芳", "福建省人民政府省长 黄小晶".
_SIGNATURE = re.compile(r"^\s*(?P<r>[^\s,。:、“”]{2,24}?)(?:人民政府)?代?(?:省长|市长|县长|区长|州长|盟长|旗长|主席)", re.M)
_TITLE_REGION = re.compile(r"^\s*(?P<r>[^\s,。:“”]{2,24}?)(?:人民政府)?(?:\s*)政府工作报告", re.M)
# The national congress and the State Council: the report of 全国.
_NATIONAL = re.compile(r"在(?:中华人民共和国)?第[一二三四五六七八九十]+届全国人民代表大会第[一二三四五六七八九十]+次会议|^国务院总理", re.M)
# Words that a region's name never holds ("我代表县人民政府" is not a region called 我代表县,
# "总结第九届省人大" none called 总结第九届省), and the words "this", "our", "each" that
# open a mere reference ("本市", "我县", "各区"). 呼和浩特市, 本溪市 and 和平区 are names.
_NOT_IN_NAME = re.compile(r"代表|人民|政府|会议|报告|工作|第|届|[我你您请的了着把]")
_REFERENCE = re.compile(r"(?:本|我|全|各|该|这|此)(?:省|市|县|区|州|盟|旗)")
_PUBLISHED = re.compile(r"(?:发布日期|成文日期|公开日期|发布时间|日期)\s*[:：]?\s*(?P<y>(?:19|20)\d\d)[-年/.](?P<m>\d{1,2})")
_BULLETIN = re.compile(
    r"(?P<r>[^\s,。:“”]{2,24}?)?(?P<y>(?:19|20)\d\d)年(?:度)?(?P<r2>[^\s,。:“”\d]{2,12}?)?"
    r"国民经济(?:和社会发展)?(?:计划执行结果)?的?(?:统计)?公报")
_BULLETIN_ISSUER = re.compile(r"(?:国家统计局|统计局|关于)+$")
_LONE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s?年|$)")
_HEAD_LINES = 80


def national_name() -> str:
    return regions()["national"]["name"]


def is_national(name: str) -> bool:
    return name in regions()["national"]["aliases"] or name == national_name()


def unit_kind(name: str) -> str:
    """The kind of unit a name's ending names ("县", "市", …), "" when it names none."""
    for suffix, kind in regions()["suffixes"]:
        if name.endswith(suffix):
            return kind
    return ""


def clean_region(raw: str) -> str | None:
    """"山东省临沂市兰陵县" → "兰陵县"; "枣庄市市中区" → "市中区"; "中华人民共和国" → "全国";
    None if not a region name."""
    name = re.sub(r"^[^\u4e00-\u9fff]+", "", raw.strip())
    name = re.sub(r"^(?:在|向|中共|欢迎访问|关于)", "", name)
    if is_national(name):
        return national_name()
    if not unit_kind(name) or _NOT_IN_NAME.search(name) or _REFERENCE.fullmatch(name) \
            or _only_suffix(name):
        return None
    changed = True
    while changed:
        changed = False
        for suffix, kind in regions()["suffixes"]:
            if kind not in regions()["prefix_levels"]:
                continue
            i = name.find(suffix, 2)
            rest = name[i + len(suffix):] if i > 0 else ""
            if len(rest) >= 2 and unit_kind(rest):
                name, changed = rest, True
                break
    return name if len(name) >= 2 else None


def _only_suffix(name: str) -> bool:
    """"自治州", "自治区": an administrative suffix with no name before it."""
    return any(name == suffix for suffix, _ in regions()["suffixes"])


def arabic_years(text: str) -> str:
    """"一九七八年", "二〇〇九年一月十日", "二〇二三年元月十日" → "1978年", "2009年1月10日",
    "2023年1月10日"; other text unchanged."""
    text = digit_years(text)
    if "年" not in text:
        return text
    return _CN_MONTH_DAY.sub(lambda m: f"{_cn_small(m.group(1))}月" + (f"{_cn_small(m.group(2))}日" if m.group(2) else ""),
                             text)


# 元月 is the first month.
_CN_MONTH_DAY = re.compile(r"(?<=\d年)(元|[一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def _cn_small(numeral: str) -> int:
    """"十" → 10, "二十三" → 23, "七" → 7, "元" → 1 (months and days)."""
    if numeral == "元":
        return 1
    tens, _, ones = numeral.rpartition("十")
    if "十" not in numeral:
        return _CN_DIGIT_VALUE[numeral]
    return (_CN_DIGIT_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT_VALUE[ones] if ones else 0)


_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九") if i}


@lru_cache(maxsize=8)
def _head(text: str, n: int = _HEAD_LINES) -> str:
    """The first n non-empty lines, Chinese-numeral years written in digits: splitting a
    whole report to read its top lines costs more than the rest of reading its metadata."""
    end = 0
    for _ in range(n):
        end = text.find("\n", end) + 1
        if end == 0:
            end = len(text)
            break
    lines = (ln.strip() for ln in text[:end].splitlines())
    return arabic_years("\n".join(ln for ln in lines if ln))


def _line_with(text: str, words: str, lines: int = 60) -> str:
    """The first of the text's first lines that holds `words`, as written."""
    return next((ln.strip() for ln in text[:20000].splitlines()[:lines] if words in ln), "")


def bulletin_title(text: str) -> re.Match | None:
    """The title of a statistical bulletin among the text's first lines, if it is one."""
    head = _head(text)
    return _BULLETIN.search(head) if "公报" in head else None


def _bulletin_region(m: re.Match, head: str) -> str | None:
    for raw in (m.group("r"), m.group("r2")):
        if raw and (name := clean_region(_BULLETIN_ISSUER.sub("", raw))):
            return name
    # "中华人民共和国" on the line above the title, or the national bureau signing it.
    before = head[:m.start()].splitlines()[-1:] or [""]
    if name := clean_region(before[0]):
        return name
    if re.search(r"^(?:中华人民共和国)?国家统计局$", head, re.M):
        return national_name()
    return None


def find_region(text: str) -> str | None:
    """The region a report's own words name, or None."""
    head = _head(text)
    for pattern in (_MEETING, _CONGRESS, _TITLE, _TITLE_YEAR_FIRST):
        for m in pattern.finditer(head):
            r = m.groupdict().get("r")
            if r and (name := clean_region(r)):
                return name
    bulletin = bulletin_title(text)
    if bulletin and (name := _bulletin_region(bulletin, head)):
        return name
    for pattern in (_TITLE_REGION, _SIGNATURE):
        for m in pattern.finditer(head):
            if name := clean_region(m.group("r")):
                return name
    if _NATIONAL.search(head):
        return national_name()
    for m in _GOV.finditer(text[:20000]):
        if name := clean_region(m.group("r")):
            return name
    return None


def find_report_year(text: str, title: str = "") -> int | None:
    """The plan year: the meeting's date, a title in the text, then the title that travels
    with the file, then the text's plan heading, review heading + 1, publication date."""
    stated, parts = _stated_year(text), _year_by_parts(text)
    if stated and parts and abs(stated - parts) > 1 and heading_years(text)[1]:
        return parts    # a dateline mistyped by years ("(2010年2月20日…)" over "2003年预期目标")
    return stated or _title_year(title, text) or parts


def _stated_year(text: str) -> int | None:
    """The year the text says it was delivered for, in its title or meeting line."""
    head = _head(text)
    bulletin = bulletin_title(text)
    if bulletin:
        return int(bulletin.group("y"))
    m = _MEETING_DATE.search(head) or _DATELINE.search(head)
    if m:
        return _plan_year_of_date(m)
    for pattern in (_TITLE, _TITLE_YEAR_FIRST, _TITLE_AFTER):
        m = pattern.search(head)
        if m:
            return _shifted_for_review(text, int(m.group("y")))
    return None


def _year_by_parts(text: str) -> int | None:
    """The plan year as the text's parts tell it: its nearest plan year ("三、2021年重点工作",
    not "二、2035年远景目标"), the year after its review, its publication date."""
    head = _head(text)
    review, plan = heading_years(text)
    if plan:
        after_review = [y for y in plan if not review or y > max(review)] or list(plan)
        # The nearest year planned for: not a vision a decade on. Without a review heading,
        # the year before it may head the review in plan words ("一、2021年主要工作").
        near = [y for y in after_review if y <= min(after_review) + 1]
        return max(near) if not review else min(near)
    if review:
        return max(review) + 1
    m = _PUBLISHED.search(head)
    if m:
        return _plan_year_of_date(m)
    m = PLAN_START.search(text)
    years = YEAR.findall(m.group()) if m else []
    return int(years[0]) if years else None


def _plan_year_of_date(m: re.Match) -> int:
    # A report delivered in the last weeks of a year plans for the next one.
    return int(m.group("y")) + (1 if int(m.group("m")) >= 11 else 0)


_YEAR_MENTION = re.compile(r"(?<![比较由与和从自])((?:19|20)\d\d)\s?年(?!以来|起|的)")


def _shifted_for_review(text: str, year: int) -> int:
    """Some sites title a report by the year it reviews ("2019年梨树县政府工作报告" read in
    January 2020). When the review part speaks of the title's year, plan for the next."""
    review, _ = heading_years(text)
    if review:
        return max(year, max(review) + 1)
    years = [int(y) for y in _YEAR_MENTION.findall(review_text(text))]
    if years:
        modal = max(set(years), key=years.count)
        if modal == year and years.count(modal) >= 2:
            return year + 1
    return year


def looks_like_report(text: str) -> bool:
    return bool(re.search(r"政府工作报告|各位代表|工作回顾|统计公报|主要预期目标|计划执行结果的公报", text))


def _title_year(title: str, text: str = "") -> int | None:
    title = arabic_years(title)
    m = _TITLE_DATE.search(title)
    if m:
        return _plan_year_of_date(m)
    years = _LONE_YEAR.findall(title)
    return _shifted_for_review(text, int(years[-1])) if years else None


def _title_region(title: str) -> str | None:
    title = arabic_years(title)
    for pattern in (_TITLE, _TITLE_YEAR_FIRST, _BULLETIN, _TITLE_REGION):
        m = pattern.search(title)
        if m and (r := m.groupdict().get("r")) and (name := clean_region(_BULLETIN_ISSUER.sub("", r))):
            return name
    return None


_BARE_TITLE = re.compile(r"\s*(?:(?:19|20)\d\d\s*年?)?\s*")
_PATH_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def _path_region(name: str) -> str | None:
    """The region the file's folder is named after ("…/山东省/2020.md", "…/政府工作报告-国务院/2019.md")."""
    parts = PurePath(name).parts
    for word in reversed(_PATH_WORD.findall(parts[-2] if len(parts) > 1 else "")):
        if found := clean_region(word):
            return found
    return None


def _path_year(name: str) -> int | None:
    m = re.fullmatch(r"((?:19|20)\d\d)(?:[^\d].*)?", PurePath(name).stem)
    return int(m.group(1)) if m else None


def read_meta(text: str, name: str, region: str | None = None, year: int | None = None,
              title: str = "") -> ReportMeta:
    """Region, level and years of a report; InputError naming what is missing.

    `region` and `year`, when given, win over what the report states (a note says so where
    the two differ); `title` is a title that travels with the file."""
    if _BARE_TITLE.fullmatch(title):
        title = ""      # a front matter titled "1982年" names nothing the text does not
    # A text that names neither region nor year is read as a report only when the user says
    # which one it is (a pasted excerpt, a short upload): both --region and --year.
    if not (region and year) and not looks_like_report(text) and not looks_like_report(title):
        raise InputError(name, "not a government work report (no title, meeting line or report sections found); "
                               "pass --region and --year to read it anyway")
    notes = []
    stated_region = find_region(text) or _title_region(title) or _path_region(name)
    if region and stated_region and stated_region != region:
        notes.append(f"the report names {stated_region}; read as {region} (--region)")
    region = region or stated_region
    if not region:
        raise InputError(name, "cannot find the region this report is about; pass --region")
    stated_year = find_report_year(text, title) or _path_year(name)
    if year and stated_year and stated_year != year:
        notes.append(f"the report is for {stated_year}; read as {year} (--year)")
    year = year or stated_year
    if not year:
        raise InputError(name, "cannot find the year of this report; pass --year")
    bulletin = bulletin_title(text)
    if bulletin:
        return ReportMeta(region=region, region_level=level_of(region, unit_kind(region), text), report_year=year,
                          review_years=[year], doc_type="statistical_bulletin",
                          title=title or _line_with(text, "公报") or bulletin.group(), notes=notes)
    review, _ = heading_years(text)
    title = title or _line_with(text, "工作报告")
    return ReportMeta(region=region, region_level=level_of(region, unit_kind(region), text), report_year=year,
                      review_years=sorted(set(review)) or [year - 1], title=title, notes=notes)
