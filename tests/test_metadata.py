"""Region and year of real reports: their own words first, then a title that travels with the
file, then its path. The lines are as real reports write them (the file each came from is
named); the expected values are the report's, read by hand."""
import pytest

from etl.errors import InputError
from etl.metadata import clean_region, read_meta
from etl.normalize import normalise

BODY = "各位代表：\n一、过去一年工作回顾\n全年地区生产总值增长5%。\n"


def meta_of(head: str, name: str = "r.txt", title: str = ""):
    return read_meta(normalise(head + "\n" + BODY), name, title=title)


def test_the_state_councils_report_is_about_the_nation():
    # 政府工作报告-国务院/2019.md
    meta = meta_of("政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n国务院总理　李克强")
    assert (meta.region, meta.region_level, meta.report_year, meta.doc_type) == ("全国", "national", 2019, "work_report")


@pytest.mark.parametrize("title, year", [
    ("中华人民共和国2024年国民经济和社会发展统计公报[1]\n国家统计局", 2024),             # 国家统计局年度统计/2024.md
    ("中华人民共和国国家统计局关于一九七八年国民经济计划执行结果的公报\n1979年6月27日", 1978),  # …/1978.md
    ("中华人民共和国国家统计局关于一九八二年国民经济和社会发展计划执行结果的公报", 1982),      # …/1982.md
    ("中华人民共和国\n2015年国民经济和社会发展统计公报[1]", 2015),                          # …/2015.md
])
def test_a_national_statistical_bulletin_is_an_outcome_document_of_the_nation_for_its_year(title, year):
    meta = read_meta(normalise(title + "\n一、综合\n全年国内生产总值增长2.3%。\n"), "b.md")
    assert (meta.region, meta.report_year, meta.review_years, meta.doc_type) == (
        "全国", year, [year], "statistical_bulletin")


def test_a_provincial_bulletin_is_the_provinces():
    meta = read_meta(normalise("山东省2020年国民经济和社会发展统计公报\n山东省统计局\n全年生产总值增长3.6%。"), "b.txt")
    assert (meta.region, meta.report_year, meta.doc_type) == ("山东省", 2020, "statistical_bulletin")


def test_a_meeting_date_in_chinese_numerals_gives_the_year():
    # 政府工作报告-省自治区/福建省/2009.md
    meta = meta_of("**——二〇〇九年一月十日在福建省第十一届人民代表大会第二次会议上\n福建省人民政府省长 黄小晶**")
    assert (meta.region, meta.report_year) == ("福建省", 2009)


def test_a_meeting_line_that_says_the_report_was_passed_gives_the_year():
    # 政府工作报告-主要城市/长沙市/2020.md
    meta = meta_of("2020年1月9日长沙市第十五届人民代表大会第五次会议通过", title="2020年政府工作报告")
    assert (meta.region, meta.report_year) == ("长沙市", 2020)


def test_a_meeting_line_naming_the_congress_for_short_gives_the_year():
    # 政府工作报告-其他地市/鹤壁市/2014.md
    meta = meta_of("——2014年2月25日在市十届人大一次会议上\n鹤壁市市长范修芳")
    assert meta.report_year == 2014


def test_a_date_recalled_in_the_review_is_no_meeting_line():
    # 政府工作报告-主要城市/天津市/2003.md: the review recalls a session of 1994
    meta = meta_of("1994年3月，市十二届人大二次会议审议通过了加快天津经济社会发展的“三五八十”四大奋斗目标。",
                   name="政府工作报告-主要城市/天津市/2003.md", title="天津市2003年政府工作报告")
    assert (meta.region, meta.report_year) == ("天津市", 2003)


def test_a_dateline_gives_the_year():
    # 政府工作报告-省自治区/西藏自治区/2004.md
    meta = meta_of("(2004年5月17日 向巴平措)", name="西藏自治区/2004.md")
    assert (meta.region, meta.report_year) == ("西藏自治区", 2004)


def test_a_title_dated_in_december_plans_for_the_next_year():
    # 政府工作报告-主要城市/长春市/2012.md: no meeting line in the text
    meta = meta_of("现在，我代表市人民政府向大会作工作报告。", name="政府工作报告-主要城市/长春市/2012.md",
                   title="长春政府工作报告 （2011年12月26日 崔杰）")
    assert (meta.region, meta.report_year) == ("长春市", 2012)


def test_the_text_wins_over_the_title_and_the_title_over_the_path():
    # 政府工作报告-主要城市/兰州市/2021.md was delivered in December 2021 for 2022
    meta = meta_of("——2021年12月21日在兰州市第十七届人民代表大会第一次会议上",
                   name="政府工作报告-主要城市/兰州市/2021.md", title="兰州市人民政府工作报告（2022）")
    assert meta.report_year == 2022
    meta = meta_of("现在，我代表市人民政府向大会报告工作。", name="政府工作报告-主要城市/兰州市/2019.md",
                   title="兰州市2020年政府工作报告")
    assert (meta.region, meta.report_year) == ("兰州市", 2020)


def test_the_folder_names_the_region_when_nothing_else_does():
    meta = meta_of("现在，我代表市人民政府向大会报告工作。", name="政府工作报告-主要城市/呼和浩特市/2013.md")
    assert (meta.region, meta.report_year) == ("呼和浩特市", 2013)
    meta = meta_of("现在，我代表国务院向大会报告政府工作。", name="政府工作报告-国务院/1987.md")
    assert (meta.region, meta.report_year) == ("全国", 1987)


def test_a_report_planning_for_the_nearest_year_not_a_vision_a_decade_on():
    text = ("二〇二一年二月二十三日在焦作市第十三届人民代表大会第四次会议上\n各位代表：\n"
            "一、2020年工作回顾及“十三五”主要成就\n全年地区生产总值增长3%。\n"
            "二、2035年远景目标及“十四五”时期经济社会发展主要目标\n三、2021年重点工作\n")
    assert read_meta(normalise(text), "r.txt").report_year == 2021


@pytest.mark.parametrize("raw, name", [
    ("呼和浩特市", "呼和浩特市"), ("本溪市", "本溪市"), ("和平区", "和平区"), ("巴音郭楞蒙古自治州", "巴音郭楞蒙古自治州"),
    ("山东省临沂市兰陵县", "兰陵县"), ("向吉林省", "吉林省"), ("中华人民共和国", "全国"),
    ("自治州", None), ("本市", None), ("我代表县", None), ("总结第九届省", None), ("向市", None),
])
def test_what_a_region_name_is(raw, name):
    assert clean_region(raw) == name


def test_a_file_that_names_no_region_anywhere_is_refused_with_the_option():
    with pytest.raises(InputError, match="--region"):
        read_meta(normalise("2023年政府工作报告\n各位代表：\n全年地区生产总值增长5%。"), "README.md")
