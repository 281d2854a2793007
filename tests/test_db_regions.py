"""Regions resolve against the administrative-division dataset, with their ancestors."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Region
from db.regions import ensure_region, find_regions
from etl.divisions import divisions, level_from_suffix, level_of_hint


def _chain(region: Region) -> list[tuple[str, str]]:
    out = []
    while region is not None:
        out.append((region.name, region.level))
        region = region.parent
    return out


def test_a_short_county_name_resolves_to_the_county_under_its_city_and_province(engine):
    with Session(engine) as s, s.begin():
        region = ensure_region(s, "兰陵")
        assert _chain(region) == [("兰陵县", "county"), ("临沂市", "prefecture"), ("山东省", "province"),
                                  ("全国", "national")]
        assert region.division_code == "371324"


def test_a_district_resolves_to_its_full_name(engine):
    with Session(engine) as s, s.begin():
        assert ensure_region(s, "罗庄").path == "山东省/临沂市/罗庄区"


def test_a_region_is_stored_once_however_it_is_named(engine):
    with Session(engine) as s, s.begin():
        ensure_region(s, "兰陵")
        ensure_region(s, "兰陵县")
        ensure_region(s, "罗庄区")
    with Session(engine) as s:
        names = sorted(s.scalars(select(Region.name)))
    assert names == ["临沂市", "全国", "兰陵县", "山东省", "罗庄区"]


def test_a_name_the_dataset_does_not_know_is_kept_without_a_parent(engine):
    with Session(engine) as s, s.begin():
        region = ensure_region(s, "示范县")
        assert (region.name, region.level, region.parent, region.division_code) == ("示范县", "county", None, None)


def test_a_name_shared_by_two_districts_is_told_apart_by_the_report_text():
    region = divisions().resolve("朝阳区", context="长春市朝阳区人民政府工作报告 …… 长春 ……")
    assert region.path == "吉林省/长春市/朝阳区"


def test_a_name_shared_by_two_districts_resolves_to_nothing_without_a_clue():
    assert divisions().resolve("朝阳区") is None


def test_a_short_name_with_its_levels_suffix_resolves_to_the_full_name():
    # "新疆自治区2006年政府工作报告": the title of a real report.
    assert divisions().resolve("新疆自治区").path == "新疆维吾尔自治区"
    assert divisions().resolve("广西自治区").path == "广西壮族自治区"
    assert divisions().resolve("恩施州").path == "湖北省/恩施土家族苗族自治州"
    assert divisions().resolve("新疆市") is None     # no 市 is called 新疆


def test_a_former_name_resolves_to_the_renamed_city():
    assert divisions().resolve("襄樊市").path == "湖北省/襄阳市"


def test_a_municipality_has_no_city_between_it_and_its_districts():
    assert [d.name for d in divisions().resolve("海淀区").chain()] == ["全国", "北京市", "海淀区"]


def test_the_nation_is_every_provinces_parent_and_its_reports_region():
    nation = divisions().resolve("全国")
    assert (nation.level, nation.path, nation.parent) == ("national", "全国", None)
    assert divisions().resolve("山东省").parent is nation
    assert divisions().resolve("中华人民共和国") is nation
    # Paths stay as they were: the nation is every path's root and left out of them.
    assert divisions().resolve("兰陵县").path == "山东省/临沂市/兰陵县"


def test_the_level_of_an_unknown_name_comes_from_its_ending():
    assert [level_from_suffix(n) for n in ("示范县", "某某自治州", "某某省", "某某")] == [
        "county", "prefecture", "province", "unknown"]


def test_a_user_may_look_a_stored_region_up_by_its_short_name(engine):
    with Session(engine) as s, s.begin():
        ensure_region(s, "兰陵县")
    with Session(engine) as s:
        assert [r.path for r in find_regions(s, "兰陵")] == ["山东省/临沂市/兰陵县"]


def test_every_level_word_names_exactly_one_level():
    from etl.catalog import regions

    words = [w for ws in regions()["levels"].values() for w in ws]
    assert len(words) == len(set(words))
    assert [level_of_hint(w) for w in ("县", "区", "市", "省", "district")] == [
        "county", "county", "prefecture", "province", "county"]
