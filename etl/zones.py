"""A part of the region that a sentence gives the figures of: a zone, a park, a new district,
the Production and Construction Corps in 新疆 (兵团).

A sentence that opens on one ("凤岭新区地区生产总值增长9.2%,规上工业增加值增长13.8%") is
about that part clause after clause: its figures are the part's own, not the region's.
"""
from __future__ import annotations

import re
from dataclasses import replace

from etl.naming import clean_name
from etl.subjects import Subject

_COUNT = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
# The counties of the region taken together are a part too ("县域地区生产总值平均增长6.9%",
# "县域经济综合实力不断增强,实现生产总值增长13.7%左右"), this year's as well ("今年县域规模以上
# 工业增加值增长20%以上,财政总收入增长15%以上").
# A zone's own doings open a clause about it as its figures do ("开发区年内新落地亿元以上项目20个,规上
# 工业产值增长15%", "工业集中区新入驻企业23家,实现规上工业产值62.4亿元").
# So are counties or zones counted, opening a sentence ("44个县(市)生产总值同比增长18.8%、地方财政一般
# 预算收入增长38%", "10个省级以上园区生产总值、固定资产投资…均增长20%以上"; further in, "26个区县实现
# 农村黑臭水体动态清零" is one item of a list about the region), and a part a target is set for
# ("确保县域生产总值和财政一般预算收入增长20%以上").
_ZONES = (r"[\u4e00-\u9fff“”]{0,8}?(?:新区|园区|产业园|开发区|高新区|经开区|综保区|保税区"
          r"|自贸区|自贸试验区|试验区|示范区|片区|港区|街道|集中区|集聚区)")
_ZONE = re.compile(r"(?:确保|力争|争取|预计|其中)?(?:今年|去年|全年)?"
                   r"(?P<zone>(?P<counted>" + _COUNT + r"个(?:" + _ZONES + r"|[\u4e00-\u9fff]{0,6}?"
                   r"(?:县[(（][市区、]{1,3}[)）]|县市区|县市|县区|区县|城区|县)))"
                   r"|" + _ZONES + r"|(?:新疆生产建设)?兵团|县域(?:经济)?)"
                   r"(?=从|已|全年|今年|去年|年内|\d(?![\d.]*(?:个|家|座|处|批))|实现|完成|地区生产总值|生产总值|GDP|规模以上|规上"
                   r"|固定资产|一般公共|进出口|外贸|综合实力|经济总量|经济发展|继续|持续|新?入驻|新?落地|累计"
                   r"|营业收入|主营业务收入|工业总?产值|工业投资|工业增加值|税收|财政收入)")
_ZONE_END = re.compile("[区园道团域县]")
# Words of an action on a zone ("深入推进跨境电商综合试验区建设", "新建返乡创业示范园区5个"): the
# zone is no topic then; nor is a count of zones ("…示范园区5个").
_ACTION = re.compile(r"推进|推动|加快|建设|打造|实施|深化|加大|支持|依托|创建|申建|获批|积极|全力|着力|大力|争创|发挥"
                     r"|新建|建成|新增|认定|新设")


def zone_opening(text: str, a: int, b: int, opens_sentence: bool) -> str:
    """The zone the clause text[a:b] opens on, or ""; counted ones only if it opens its sentence."""
    # Every zone's name ends in 区, 园, 道, 团, 域 or 县 within its first twelve characters.
    if _ZONE_END.search(text, a, min(b, a + 13)) is None:
        return ""
    m = _ZONE.match(text, a, b)
    if m is None or _ACTION.search(m.group()) or m.group("counted") and not opens_sentence:
        return ""
    return m.group("zone")


# A paragraph whose first sentence is only the title of the work on one named zone ("加快兰州新区
# 建设。", "高质量建设三江新区。", "(四)全力建设郑州航空港经济综合实验区。") goes on about it: the
# figures of its sentences without a subject are the zone's, until one names the whole region.
# Not the title of work on zones of a kind ("加快自贸试验区和开发区建设", "推进高新区提质增效" in a
# province, "推动现代农业示范区建设"): those paragraphs go on about the region.
_TITLED = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．])?\s*"
                     r"(?:推动|推进|加快|加快推进|着力增强|着力推进|着力提升|全力建设|全力推进|高质量建设|高标准建设"
                     r"|加快建设|做强做优|做大做强|提升|打造)"
                     r"(?P<zone>(?:(?![和与及])[\u4e00-\u9fff“”]){2,10}?(?:新区|开发区|高新区|经开区|试验区|综保区|保税区|片区))"
                     r"[^,，、和与及;。]{0,8}")
_KIND_OF_ZONE = re.compile(r"现代农业|农业|各类|各级|省级|国家级|产业|工业|示范")


def titled_zone(text: str, start: int, end: int, region_level: str) -> str:
    """The named zone a paragraph's first sentence is only the title of the work on, or ""."""
    if region_level == "province" or end - start > 30 or _ZONE_END.search(text, start, end) is None:
        return ""
    m = _TITLED.fullmatch(text, start, end)
    return m.group("zone") if m and not _KIND_OF_ZONE.search(m.group("zone")) else ""


# A clause opening on the report's whole region again ("…,全市出口额增长29.1%", "…,到2025年全州
# 规模工业总产值达3200亿元以上") is the region's: the zone ends there. Not a share of it ("占全市比
# 重"), nor a larger region ("滇中新区…,全省经济重要增长极的作用不断显现,…" in a city's report).
_WHEN = re.compile(r"\s*(?:(?:到|至)?(?:19|20)\d\d年(?:底|末)?|今年|全年|预计)*")


def leaves_zone(text: str, a: int, b: int, region: str) -> bool:
    """Whether the clause text[a:b] is about the whole of `region` again, not the zone before it."""
    whole = "全国" if region == "全国" else "全" + region[-1:]
    return text.startswith(whole, _WHEN.match(text, a, b).end())


def in_zone(subject: Subject, zone: str) -> Subject:
    """The subject as a figure of the zone: a catalog name becomes the zone's own (other:)."""
    if all(c.startswith("other:") for c in subject.codes):
        return subject
    names = tuple(n if c.startswith("other:") else clean_name(zone + n) for c, n in zip(subject.codes, subject.names))
    codes = tuple(c if c.startswith("other:") else f"other:{n}" for c, n in zip(subject.codes, names))
    return replace(subject, codes=codes, names=names)
