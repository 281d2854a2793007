"""The division data file beside the code (etl/catalog/divisions.json.gz) loads, says where it came
from, and holds divisions known by hand."""
from __future__ import annotations

import sys

from etl.divisions import build_divisions, divisions, load_division_data


def test_the_data_file_records_its_origin():
    source = load_division_data()["source"]
    assert source["package"] == "jionlp"
    assert source["version"]
    assert "jionlp.dictionary.dictionary_loader.china_location_loader(detail=False)" in source["calls"]
    assert "jionlp.dictionary.dictionary_loader.china_location_change_loader()" in source["calls"]
    assert source["generator"] == "etl/catalog/make_divisions.py"


def test_the_tree_holds_a_county_under_its_city_and_province():
    tree = load_division_data()["tree"]
    assert tree["山东省"]["_admin_code"] == "370000"
    assert tree["山东省"]["临沂市"]["_admin_code"] == "371300"
    assert tree["山东省"]["临沂市"]["兰陵县"] == {"_admin_code": "371324", "_alias": ["兰陵"]}


def test_the_changes_hold_the_rename_of_xiangfan():
    changes = load_division_data()["changes"]
    assert any(["襄樊市", "襄樊"] in c["old_loc"] and c["new_loc"][:2] == ["湖北省", "襄阳市"]
               for c in changes)


def test_the_divisions_built_from_it_chain_counties_cities_and_provinces():
    lanling = divisions().resolve("兰陵县")
    assert [(d.name, d.level, d.code) for d in lanling.chain()] == [
        ("全国", "national", None), ("山东省", "province", "370000"),
        ("临沂市", "prefecture", "371300"), ("兰陵县", "county", "371324")]
    assert lanling.aliases == ("兰陵",)


def test_a_former_name_resolves_to_the_renamed_city():
    xiangyang = divisions().resolve("襄樊市")
    assert (xiangyang.name, xiangyang.path, xiangyang.code) == ("襄阳市", "湖北省/襄阳市", "420600")
    assert divisions().resolve("襄樊") is xiangyang


def test_a_municipalitys_district_is_directly_under_it():
    haidian = divisions().resolve("海淀区")
    assert (haidian.path, haidian.level, haidian.code) == ("北京市/海淀区", "county", "110108")
    assert (haidian.parent.name, haidian.parent.level, haidian.parent.code) == ("北京市", "province", "110000")


def test_the_divisions_are_built_without_jionlp(monkeypatch):
    monkeypatch.setitem(sys.modules, "jionlp", None)  # importing it would fail
    data = load_division_data()
    built = build_divisions(data["tree"], data["changes"])
    assert len(built.all) > 3000
    assert divisions.__wrapped__().resolve("兰陵").path == "山东省/临沂市/兰陵县"
