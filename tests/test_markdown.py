"""Markdown as collections keep reports: a front matter, then text with markup around it."""
from etl.markdown import markdown_text, split_front_matter
from etl.pipeline import extract_bytes
from etl.read import to_document

FRONT = "---\nsource: https://www.example.gov.cn/art/2020/1/23/art_1.html\ntitle: 政府工作报告（省十三届人大第三次会议 2020年）\n---\n"


def test_the_front_matter_gives_title_and_address_and_is_not_text():
    fields, body = split_front_matter(FRONT + "**政府工作报告**\n")
    assert fields == {"source": "https://www.example.gov.cn/art/2020/1/23/art_1.html",
                      "title": "政府工作报告（省十三届人大第三次会议 2020年）"}
    assert body == "**政府工作报告**\n"


def test_a_text_without_front_matter_is_left_whole():
    assert split_front_matter("---\n各位代表：\n") == ({}, "---\n各位代表：\n")


def test_markup_goes_and_the_words_stay():
    text = ("## 一、2019年工作回顾\n"
            "**坚持品牌强市。**全年地区生产总值增长5.5%。\n"
            "<!-- （驻马店市政府网站） -->\n"
            "![](./W020250228306575336348_ORIGIN.png)\n"
            "见[附件1](./fj1.html)。千*人计划\n"
            "> 〔注〕这里列举的各年粮食总产量，都扣除了大豆的产量。\n"
            "- 一、打通一批“断头路”。\n"
            "产品&mdash;产业\n")
    assert markdown_text(text).split("\n") == [
        "一、2019年工作回顾", "坚持品牌强市。全年地区生产总值增长5.5%。", "", "", "见附件1。千*人计划",
        "〔注〕这里列举的各年粮食总产量，都扣除了大豆的产量。", "一、打通一批“断头路”。", "产品—产业"]


def test_a_table_keeps_its_cells_apart_and_loses_its_rule():
    text = "| 指标 | 单位 | 比上年增长<br>（%） |\n| --- | --- | --- |\n| 国内生产总值 | 亿元 | 2.3 |\n"
    assert markdown_text(text).split("\n") == ["指标\t单位\t比上年增长（%）", "", "国内生产总值\t亿元\t2.3"]


def test_a_numbered_bold_heading_that_runs_on_into_its_paragraph_is_a_line_of_its_own():
    assert markdown_text("**一、2011年工作回顾** 2011年是实施“十二五”规划的第一年。").split("\n") == [
        "一、2011年工作回顾", "2011年是实施“十二五”规划的第一年。"]


def test_a_markdown_report_is_read_with_its_title_and_address(tmp_path):
    data = (FRONT + "——2020年1月18日在山东省第十三届人民代表大会第三次会议上\n\n各位代表：\n\n"
            "**一、2019年工作回顾**\n\n全年地区生产总值增长5.5%。\n").encode("utf-8")
    assert to_document(data, "2020.md").url == "https://www.example.gov.cn/art/2020/1/23/art_1.html"
    report = extract_bytes(data, "2020.md")
    assert (report.meta.region, report.meta.report_year, report.meta.url) == (
        "山东省", 2020, "https://www.example.gov.cn/art/2020/1/23/art_1.html")
    assert report.meta.title == "政府工作报告(省十三届人大第三次会议 2020年)"
    assert [(f.kind, f.year, f.indicator, f.value) for f in report.facts] == [("outcome", 2019, "gdp", 5.5)]
