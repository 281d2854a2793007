"""Hostile and unlucky tables and corrections (issue 18, items 12-15): a region that does not
exist, the same table saved with a BOM or CRLF, a report given another --region, a correction
to infinity."""
from __future__ import annotations

import codecs
from functools import partial

import pytest
import typer
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

import db.cli
from conftest import count, fake_extract
from db.corrections import CorrectionError, add_fact, fix_fact
from db.errors import BadTable
from db.import_facts import import_table
from db.ingest import ingest_paths
from db.models import Correction, Document, Fact, Region
from db.session import in_write_transaction

HEADER = "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"
ROW = "{region},outcome,2023,gdp,growth,6,%,exact,false,statistical_bulletin,{region}2023年统计公报,\n"
CMD = "=cmd|' /C calc'!A0"


@pytest.fixture
def table(tmp_path):
    def write(*regions: str, name: str = "figures.csv"):
        path = tmp_path / name
        path.write_text(HEADER + "".join(ROW.format(region=r) for r in regions), encoding="utf-8")
        return path
    return write


@pytest.fixture(scope="module")
def tracker():
    app = typer.Typer()
    app.command("noop")(lambda: None)   # keeps subcommand names in the command line
    db.cli.register(app)

    def run(*args):
        return CliRunner().invoke(app, [str(a) for a in args])
    return run


# --- 12. a region that does not exist --------------------------------------------------------

def test_a_misspelt_region_is_refused_with_the_nearest_known_name(engine, table, catalog):
    with pytest.raises(BadTable) as caught:
        import_table(engine, table("兰陵县", "兰陵线"), catalog=catalog)
    assert caught.value.problems == [
        "row 3, column region: '兰陵线' is not a known region (did you mean '兰陵县'?); a region "
        "missing from the division list is added with --new-region 兰陵线"]
    assert (count(engine, "documents"), count(engine, "facts"), count(engine, "regions")) == (0, 0, 0)


@pytest.mark.parametrize("name", ["火星县", CMD])
def test_a_region_no_division_is_near_is_refused_and_not_created(engine, table, catalog, name):
    with pytest.raises(BadTable) as caught:
        import_table(engine, table(name), catalog=catalog)
    assert caught.value.problems == [
        f"row 2, column region: {name!r} is not a known region (no known region is close); a region "
        f"missing from the division list is added with --new-region {name}"]
    assert count(engine, "regions") == 0


def test_the_nearest_name_prefers_the_same_ending(engine, table, catalog):
    with pytest.raises(BadTable) as caught:
        import_table(engine, table("罗庄县"), catalog=catalog)
    assert "(did you mean '罗庄区'?)" in caught.value.problems[0]


def test_a_traditional_name_is_read_as_the_simplified_division(engine, table, catalog):
    result = import_table(engine, table("蘭陵縣"), catalog=catalog)
    assert (result.status, result.facts, result.notes) == ("new", 1, ("region 蘭陵縣 read as 兰陵县",))
    with Session(engine) as s:
        region = s.scalar(select(Region).join(Fact, Fact.region_id == Region.id))
        assert (region.name, region.level, region.parent.name) == ("兰陵县", "county", "临沂市")


def test_a_new_region_is_added_only_when_named(engine, table, catalog):
    result = import_table(engine, table("火星县", "兰陵县"), catalog=catalog, new_regions=["火星县"])
    assert (result.status, result.facts) == ("new", 2)
    with Session(engine) as s:
        mars = s.scalar(select(Region).where(Region.name == "火星县"))
        assert (mars.level, mars.parent) == ("county", None)
    # Once in the database it is a known region: another table may name it.
    again = import_table(engine, table("火星县", name="more.csv"), catalog=catalog)
    assert again.status == "new"
    with pytest.raises(BadTable):
        import_table(engine, table("水星县", name="other.csv"), catalog=catalog, new_regions=["火星县"])


def test_the_command_refuses_an_unknown_region_in_one_line_and_takes_new_region(tracker, table, db_url):
    path = table("火星县")
    refused = tracker("import-facts", path, "--db", db_url)
    assert (refused.exit_code, refused.stderr) == (1, (
        f"tracker: error: {path}: row 2, column region: '火星县' is not a known region (no known region "
        "is close); a region missing from the division list is added with --new-region 火星县; "
        "nothing was loaded\n"))
    taken = tracker("import-facts", path, "--new-region", "火星县", "--db", db_url)
    assert (taken.exit_code, taken.stdout) == (0, f"{path}: new; facts stored: 1\n")


def test_the_command_notes_a_traditional_name_and_documents_new_region(tracker, table, db_url):
    path = table("蘭陵縣")
    result = tracker("import-facts", path, "--db", db_url)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"tracker: note: {path}: region 蘭陵縣 read as 兰陵县\n"
    helped = " ".join(tracker("import-facts", "--help").stdout.split())
    assert "--new-region" in helped and "nearest known one" in helped


# --- 13. the same table with a BOM or CRLF line endings -------------------------------------

@pytest.mark.parametrize("resave", [
    pytest.param(lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), id="bom"),
    pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    pytest.param(lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"), id="bom+crlf"),
])
def test_the_same_figures_saved_again_are_not_a_second_copy(engine, table, catalog, tmp_path, resave):
    first = table("兰陵县", "罗庄区")
    import_table(engine, first, catalog=catalog)
    copy = tmp_path / "figures-excel.csv"
    copy.write_bytes(resave(first.read_text(encoding="utf-8")))
    result = import_table(engine, copy, catalog=catalog)
    assert (result.status, count(engine, "documents"), count(engine, "facts")) == ("unchanged", 1, 2)
    # Saved again over the first file, it is the same table too.
    first.write_bytes(resave(first.read_text(encoding="utf-8")))
    assert import_table(engine, first, catalog=catalog).status == "unchanged"


def test_a_crlf_table_stores_rows_without_carriage_returns(engine, tmp_path, catalog):
    path = tmp_path / "figures.csv"
    path.write_bytes(codecs.BOM_UTF8 + (HEADER + ROW.format(region="兰陵县")).replace("\n", "\r\n").encode("utf-8"))
    import_table(engine, path, catalog=catalog)
    with Session(engine) as s:
        fact = s.scalars(select(Fact)).one()
        assert "\r" not in fact.document.text and "\ufeff" not in fact.document.text
        assert fact.document.text[fact.start:fact.end] == fact.sentence == ROW.format(region="兰陵县").rstrip("\n")


# --- 14. a stored report given another --region ---------------------------------------------

def _extract_as(data: bytes, name: str, region: str | None = None):
    """fake_extract with the region --region gives winning over the report's own."""
    lines = data.decode("utf-8").split("\n")
    if region:
        words = lines[0].split()
        lines[0] = " ".join([words[0], region, *words[2:]])
    return fake_extract("\n".join(lines).encode("utf-8"), name)


def _stored_region(engine) -> str:
    with Session(engine) as s:
        return s.scalar(select(Region.name).join(Document, Document.region_id == Region.id))


def test_a_report_stored_for_one_region_and_given_another_says_so(engine, catalog, write_report):
    path = write_report("report.txt", "兰陵县 县 2023 work_report", "target 2023 gdp growth 7 % approx")

    def run(region, **options):
        return ingest_paths(engine, [path], extract=partial(_extract_as, region=region), region=region,
                            catalog=catalog, **options).results[0]

    assert run("兰陵县").status == "new"
    again = run("郯城县")
    assert (again.status, again.notes) == ("unchanged", (
        "already stored as 兰陵县's report; use --force to read it again as 郯城县",))
    assert _stored_region(engine) == "兰陵县"
    # The same region (by any of its names) is no news.
    assert run("兰陵").notes == ()
    forced = run("郯城县", force=True)
    assert (forced.status, _stored_region(engine), count(engine, "documents")) == ("replaced", "郯城县", 1)


def test_a_report_stored_without_a_region_and_given_one_says_so(engine, catalog, write_report):
    path = write_report("report.txt", "全国 national 2023 work_report", "target 2023 gdp growth 5 % approx")
    ingest_paths(engine, [path], extract=fake_extract, catalog=catalog)
    with engine.begin() as connection:   # as a report whose region could not be read
        connection.execute(Document.__table__.update().values(region_id=None))
    result = ingest_paths(engine, [path], extract=fake_extract, catalog=catalog, region="兰陵县").results[0]
    assert result.notes == ("already stored without a region; use --force to read it again as 兰陵县",)


def test_a_report_stored_for_one_year_and_given_another_says_so(engine, catalog, write_report):
    path = write_report("report.txt", "兰陵县 县 2023 work_report", "target 2023 gdp growth 7 % approx")
    assert ingest_paths(engine, [path], extract=fake_extract, catalog=catalog).results[0].status == "new"
    again = ingest_paths(engine, [path], extract=fake_extract, catalog=catalog, year=2024).results[0]
    assert (again.status, again.notes) == ("unchanged", (
        "already stored as the 2023 report; use --force to read it again as the 2024 report",))
    same = ingest_paths(engine, [path], extract=fake_extract, catalog=catalog, year=2023).results[0]
    assert (same.status, same.notes) == ("unchanged", ())


# --- 15. a correction to infinity ------------------------------------------------------------

@pytest.fixture
def fact_id(engine, table, catalog):
    import_table(engine, table("兰陵县"), catalog=catalog)
    with Session(engine) as s:
        return s.scalar(select(Fact.id))


@pytest.mark.parametrize("value, reason", [
    (float("inf"), "value inf is not a finite number"),
    (float("-inf"), "value -inf is not a finite number"),
    (float("nan"), "value nan is not a finite number"),
    (1e308, "value 1e+308 is beyond any figure a report states (at most 1e+16 either way, in the base unit)"),
    (-1e17, "value -1e+17 is beyond any figure a report states (at most 1e+16 either way, in the base unit)"),
])
def test_a_fix_to_a_figure_no_report_can_state_is_refused(engine, fact_id, value, reason):
    with pytest.raises(CorrectionError) as caught:
        in_write_transaction(engine, lambda s: fix_fact(s, fact_id, value=value))
    assert str(caught.value) == reason
    assert count(engine, "corrections") == 0


def test_an_added_figure_is_held_to_the_same_bounds(engine):
    with pytest.raises(CorrectionError, match="not a finite number"):
        in_write_transaction(engine, lambda s: add_fact(
            s, region="兰陵县", kind="outcome", year=2023, indicator="gdp", measure="growth",
            value=float("inf"), unit="%", source_title="统计公报"))


def test_a_large_but_possible_figure_is_taken(engine, fact_id):
    in_write_transaction(engine, lambda s: fix_fact(s, fact_id, value=1.26e14))
    with Session(engine) as s:
        assert s.scalar(select(Correction.value)) == 1.26e14


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e308"])
def test_correct_fix_refuses_a_value_no_report_can_state_in_one_line(tracker, table, db_url, value):
    tracker("import-facts", table("兰陵县"), "--db", db_url)
    result = tracker("correct", "fix", "1", "--value", value, "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"tracker: error: value {float(value)!r} ")
    assert result.stderr.count("\n") == 1


def test_import_facts_applies_the_same_bounds(engine, tmp_path, catalog):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + ROW.format(region="兰陵县").replace(",6,%,", ",1e308,元,"), encoding="utf-8")
    with pytest.raises(BadTable) as caught:
        import_table(engine, path, catalog=catalog)
    assert caught.value.problems == [
        "row 2, column value: '1e308' is beyond any figure a report states (at most 1e+16 either way, "
        "in the base unit)"]
