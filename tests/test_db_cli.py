"""The database commands as a user meets them: examples in the help, one-line errors, CSV and JSON."""
from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

import db.cli

HEADER = "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"
GDP_ROW = "兰陵县,outcome,2023,gdp,growth,6,%,approx,true,work_report,2024年兰陵县人民政府工作报告,\n"


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    app.command("noop")(lambda: None)   # keeps subcommand names in the command line
    db.cli.register(app)
    return app


@pytest.fixture
def tracker(app):
    def run(*args: str):
        return CliRunner().invoke(app, [str(a) for a in args])
    return run


@pytest.fixture
def figures(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + GDP_ROW, encoding="utf-8")
    return path


COMMANDS = [["ingest"], ["import-facts"], ["scorecard"], ["facts"], ["correct", "fix"],
            ["correct", "reject"], ["correct", "add"], ["correct", "list"], ["correct", "remove"],
            ["db", "upgrade"], ["db", "current"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_shows_an_example_in_its_help(tracker, command):
    result = tracker(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: tracker {' '.join(command)}" in " ".join(result.stdout.split())


def test_import_reports_a_bad_row_in_one_line_and_fails(tracker, tmp_path, db_url):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + GDP_ROW.replace(",6,", ",six,"), encoding="utf-8")
    result = tracker("import-facts", path, "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr == f"tracker: error: {path}: row 2, column value: 'six' is not a number; nothing was loaded\n"


def test_the_scorecard_as_csv_opens_in_excel(tracker, db_url, correction_of_target):
    result = tracker("scorecard", "--db", db_url, "--format", "csv")
    lines = result.stdout_bytes.decode("utf-8").splitlines()
    assert lines[0].startswith("\ufeffregion,region_level,parent_region,province,")
    assert lines[1].startswith("兰陵县,county,临沂市,山东省,gdp,")


def test_the_scorecard_as_jsonl_is_one_object_a_line(tracker, figures, db_url, correction_of_target):
    result = tracker("scorecard", "--db", db_url, "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["region"], r["indicator"], r["target_value"], r["outcome_value"], r["status"]) for r in rows] == [
        ("兰陵县", "gdp", 5.0, 6.0, "met")]


@pytest.fixture
def correction_of_target(tracker, figures, db_url):
    """A database with the 2023 outcome imported and a GDP target added by hand (5% 以上)."""
    tracker("import-facts", figures, "--db", db_url)
    result = tracker("correct", "add", "--region", "兰陵县", "--kind", "target", "--year", "2023",
                     "--indicator", "gdp", "--measure", "growth", "--value", "5", "--unit", "%",
                     "--comparator", "at_least", "--source-title", "会议纪要", "--db", db_url)
    assert result.exit_code == 0, result.stderr


def test_an_unknown_region_is_one_line_on_stderr(tracker, figures, db_url):
    tracker("import-facts", figures, "--db", db_url)
    result = tracker("scorecard", "--region", "示范县", "--db", db_url)
    assert (result.exit_code, result.stderr) == (1, "tracker: error: no region named '示范县' in the database\n")


def test_a_read_only_database_is_one_line_on_stderr(tracker, figures, tmp_path):
    writable = f"sqlite:///{tmp_path / 'ro.sqlite'}"
    tracker("import-facts", figures, "--db", writable)
    read_only = f"sqlite:///file:{tmp_path / 'ro.sqlite'}?mode=ro&uri=true"
    result = tracker("correct", "reject", "1", "--db", read_only)
    assert result.exit_code == 1
    assert result.stderr.startswith("tracker: error: the database is read-only")
    assert result.stderr.count("\n") == 1


def test_an_old_database_asks_for_tracker_db_upgrade(tracker, db_url):
    from db.migrate import upgrade
    from db.session import make_engine

    engine = make_engine(db_url)
    upgrade(engine, "0001")
    engine.dispose()
    result = tracker("scorecard", "--db", db_url)
    assert result.exit_code == 1
    assert "run `tracker db upgrade`" in result.stderr and result.stderr.count("\n") == 1


def test_ingest_ends_with_a_summary_and_reports_each_failed_file(tracker, tmp_path, db_url):
    result = tracker("ingest", tmp_path / "missing.txt", "--db", db_url)
    assert result.exit_code == 1
    assert f"tracker: error: {tmp_path / 'missing.txt'}: No such file or directory" in result.stderr
    assert result.stdout.startswith("documents: ")


def test_ingest_of_a_collection_counts_what_it_stored_by_level_and_names_what_it_refused(tracker, tmp_path, db_url):
    corpus = tmp_path / "corpus"
    for path, text in {
        "政府工作报告-国务院/2019.md": "**政府工作报告**\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n"
                                    "各位代表：\n## 一、2018年工作回顾\n国内生产总值增长6.6%。\n",
        "国家统计局年度统计/2018.md": "---\ntitle: 2018年\n---\n中华人民共和国2018年国民经济和社会发展统计公报\n"
                                   "全年国内生产总值900309亿元，比上年增长6.6%。\n",
        "政府工作报告-省自治区/山东省/2019.md": "——2019年1月27日在山东省第十三届人民代表大会第二次会议上\n各位代表：\n"
                                            "一、2018年工作回顾\n全省生产总值增长6.4%。\n",
        "README.md": "# 政府工作报告集\n",
    }.items():
        (corpus / path).parent.mkdir(parents=True, exist_ok=True)
        (corpus / path).write_text(text, encoding="utf-8")
    result = tracker("ingest", corpus, "--db", db_url)
    assert result.exit_code == 1     # the README is no report
    assert result.stderr.count("tracker: error: ") == 1 and "README.md: cannot find the region" in result.stderr
    assert result.stdout.splitlines()[-1] == "stored by level: national 2, province 1 (of them statistical bulletins: 1)"


def test_the_correction_list_shows_an_added_target(tracker, db_url, correction_of_target):
    result = tracker("correct", "list", "--db", db_url, "--format", "jsonl")
    [entry] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (entry["action"], entry["kind"], entry["value"], entry["source_title"]) == ("add", "target", 5.0, "会议纪要")


def test_a_fix_says_what_it_changed_from_and_to(tracker, figures, db_url):
    tracker("import-facts", figures, "--db", db_url)     # fact 1: GDP growth 6% 左右, an estimate
    result = tracker("correct", "fix", "1", "--value", "6.2", "--final", "--note", "统计公报", "--db", db_url)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("correction 1: fact 1 fixed: value 6 → 6.2, estimated true → false "
                             "(as extracted → as corrected)\n")


def test_an_empty_database_says_to_ingest_first(tracker, db_url):
    for command in (["scorecard"], ["facts"]):
        result = tracker(*command, "--db", db_url)
        assert result.exit_code == 0
        assert "the database holds no reports yet: `tracker ingest" in result.stderr


def test_a_database_with_reports_but_no_match_does_not_say_it_is_empty(tracker, figures, db_url):
    tracker("import-facts", figures, "--db", db_url)
    result = tracker("scorecard", "--year", "1999", "--db", db_url)
    assert "no reports yet" not in result.stderr and "no targets match" in result.stderr


def test_ingest_notes_a_given_region_that_differs_from_the_reports(tracker, tmp_path, db_url):
    report = tmp_path / "r.txt"
    report.write_text("青山县2024年政府工作报告\n各位代表:\n一、2023年工作回顾\n地区生产总值增长6.2%。\n"
                      "二、2024年工作安排\n地区生产总值增长6%左右。\n", encoding="utf-8")
    result = tracker("ingest", report, "--region", "白水县", "--db", db_url)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"tracker: note: {report}: the report names 青山县; read as 白水县 (--region)\n"


def test_a_file_path_given_as_db_is_a_sqlite_file(tracker, figures, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stored = tracker("import-facts", figures, "--db", "reports.sqlite")
    assert stored.exit_code == 0, stored.output
    assert (tmp_path / "reports.sqlite").is_file()
    read = tracker("facts", "--region", "兰陵县", "--db", str(tmp_path / "reports.sqlite"), "--format", "csv")
    assert read.exit_code == 0, read.output
    assert "兰陵县" in read.stdout
