"""Ingest writes documents several to a transaction: the same rows as one at a time, each
document whole, a failing document costing only itself and what comes after it."""
from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import MetaData, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import db.ingest
import db.store
from conftest import fake_extract
from db.ingest import ingest_paths
from db.migrate import open_database
from db.models import Document, Fact
from tests.db_support import stored_sources
from etl.divisions import divisions
from db.session import write_session
from db.store import DocumentRow, FactRow, KnownIds, store_documents

LANLING = "兰陵县 县 {year} work_report"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _reports(write_report, n: int, *, bad: int | None = None, extra: str = "",
             more=lambda i: ()) -> list[Path]:
    """n reports of 兰陵县 (r00.txt …), one a year, three facts each: gdp, an indicator they
    share and one of their own; `bad` has a comparator the record refuses, `extra` ends the
    last line, `more(i)` gives further fact lines."""
    paths = []
    for i in range(n):
        comparator = "roughly" if i == bad else "approx"
        paths.append(write_report(
            f"r{i:02d}.txt", LANLING.format(year=2000 + i),
            f"target {2000 + i} gdp growth {i + 1} % {comparator}",
            f"target {2000 + i} other:新建幼儿园 level {i + 2} 所 exact",
            f"outcome {1999 + i} other:项目{i} level {i + 3} 个 exact{extra}", *more(i)))
    return paths


def _stored(engine) -> dict[str, int]:
    """Each stored document's file name → its number of facts."""
    with Session(engine) as s:
        rows = s.execute(select(Document.source, func.count(Fact.id))
                         .outerjoin(Fact, Fact.document_id == Document.id).group_by(Document.source))
        return {Path(source).name: n for source, n in rows}


def test_a_document_the_record_refuses_fails_alone_and_its_batch_is_stored(engine, ingest, write_report):
    paths = _reports(write_report, 7, bad=4)
    summary = ingest(*paths)
    assert [r.status for r in summary.results] == ["new"] * 4 + ["failed"] + ["new"] * 2
    assert _stored(engine) == {p.name: 3 for i, p in enumerate(paths) if i != 4}


def test_a_document_that_fails_to_store_keeps_those_before_it_and_its_error_goes_on(
        engine, ingest, write_report, monkeypatch):
    # Batches hold 1, 2, then 4 documents: r04 fails in the middle of the third.
    paths = _reports(write_report, 7)
    real = db.store._fact_values

    def fail_for_r04(fact, *args):
        if fact[1] == "target" and fact[2] == 2004:
            raise RuntimeError("the disk is gone")
        return real(fact, *args)

    monkeypatch.setattr(db.store, "_fact_values", fail_for_r04)
    heard = []
    with pytest.raises(RuntimeError):
        ingest(*paths, on_result=lambda r: heard.append((Path(r.path).name, r.status)))
    assert _stored(engine) == {f"r{i:02d}.txt": 3 for i in range(4)}
    assert heard == [(f"r{i:02d}.txt", "new") for i in range(4)]


def test_a_batch_that_failed_once_is_stored_whole_on_its_own(engine, ingest, write_report, monkeypatch):
    paths = _reports(write_report, 7)
    real = db.store._PendingFacts.write
    calls = []

    def fail_once_in_the_third_batch(self):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("a passing fault")
        real(self)

    monkeypatch.setattr(db.store._PendingFacts, "write", fail_once_in_the_third_batch)
    summary = ingest(*paths)
    assert [r.status for r in summary.results] == ["new"] * 7
    assert _stored(engine) == {p.name: 3 for p in paths}


def test_every_file_is_reported_once_with_its_outcome(engine, ingest, write_report, tmp_path):
    paths = _reports(write_report, 9, bad=2)
    ingest(*paths[:3])
    heard = []
    ingest(*paths, tmp_path / "missing.txt", on_result=lambda r: heard.append((Path(r.path).name, r.status)))
    assert sorted(heard) == sorted([("r00.txt", "unchanged"), ("r01.txt", "unchanged"), ("r02.txt", "failed"),
                                    *((f"r{i:02d}.txt", "new") for i in range(3, 9)),
                                    ("missing.txt", "failed")])


def test_interrupted_between_batches_or_in_one_only_whole_documents_stay(engine, ingest, write_report, monkeypatch):
    paths = _reports(write_report, 12)
    real = db.store._PendingFacts.write
    calls = []

    def interrupt_the_third_batch(self):
        calls.append(1)
        real(self)
        if len(calls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(db.store._PendingFacts, "write", interrupt_the_third_batch)
    with pytest.raises(KeyboardInterrupt):
        ingest(*paths)
    assert _stored(engine) == {f"r{i:02d}.txt": 3 for i in range(3)}

    monkeypatch.setattr(db.store._PendingFacts, "write", real)
    summary = ingest(*paths)
    assert [r.status for r in summary.results] == ["unchanged"] * 3 + ["new"] * 9
    assert _stored(engine) == {p.name: 3 for p in paths}


def test_ids_from_a_rolled_back_attempt_are_not_used_after_it(engine, ingest, write_report, monkeypatch):
    # Batches hold 1, 2, 4, then 5 documents. The third adds other:第三批, hits a lock and
    # runs again; on PostgreSQL the second attempt gives the indicator another id, and the
    # fourth batch must use that one, not the id of the insert that was rolled back.
    paths = _reports(write_report, 12, more=lambda i: [f"target {2000 + i} other:第三批 level 1 个 exact"] * (i >= 3))
    real = db.store.execute_rows
    facts_inserts = []

    def locked_once(connection, statement, columns, rows):
        if statement is db.store._INSERT_FACTS:
            facts_inserts.append(1)
            if len(facts_inserts) == 3:
                raise OperationalError("INSERT INTO facts", {}, Exception("database is locked"))
        real(connection, statement, columns, rows)

    monkeypatch.setattr(db.store, "execute_rows", locked_once)
    summary = ingest(*paths)
    assert [r.status for r in summary.results] == ["new"] * 12
    assert len(facts_inserts) == 5, "each batch once and the third again, none one document at a time"
    assert _stored(engine) == {p.name: 3 + (i >= 3) for i, p in enumerate(paths)}
    with Session(engine) as s:
        used = s.scalars(select(func.count(func.distinct(Fact.indicator_id)))).one()
    assert used == 2 + 12 + 1   # gdp, 新建幼儿园, each report's own 项目, 第三批


def test_known_ids_join_the_run_only_once_their_transaction_commits():
    known = KnownIds(limit=4)
    first = known.transaction()
    first.indicators["other:甲"] = 7
    assert known.transaction().indicators == {}, "not before the commit"
    known.keep(first)
    assert known.transaction().indicators == {"other:甲": 7}
    rolled_back = known.transaction()
    rolled_back.indicators["other:乙"] = 8
    assert known.transaction().indicators == {"other:甲": 7}


def test_known_ids_keep_the_newest_within_their_limit():
    known = KnownIds(limit=4)
    pending = known.transaction()
    pending.indicators.update({f"other:{i}": i for i in range(5)})
    known.keep(pending)
    assert known.transaction().indicators == {"other:3": 3, "other:4": 4}


# --- the same rows as one document per transaction ---------------------------------------

def _with_other_region(data: bytes, name: str):
    """fake_extract, with the facts whose line ends in "@罗庄区" moved to 罗庄区."""
    report = fake_extract(data, name)
    report.facts = [dataclasses.replace(f, region="罗庄区", region_level="区")
                    if f.sentence.endswith("@罗庄区") else f for f in report.facts]
    return report


def _scenario(engine, catalog, write_report) -> list[list[tuple]]:
    """New reports sharing indicators, a copy of one, facts of another region; then changed
    content, and a forced run naming one file twice."""
    paths = _reports(write_report, 9, extra=" @罗庄区")
    copy = paths[3].with_name("copy.txt")
    copy.write_bytes(paths[3].read_bytes())

    def run(*files, **options) -> list[tuple]:
        summary = ingest_paths(engine, files, extract=_with_other_region, catalog=catalog, **options)
        return [(Path(r.path).name, r.status, r.facts) for r in summary.results]

    results = [run(*paths[:6], copy, *paths[6:])]
    for path in paths[2:5]:
        with path.open("a", encoding="utf-8") as f:
            f.write("target 2030 other:新指标 level 1 个 exact\n")
    results.append(run(*paths))
    # Batches of 1 and 2: the file named twice is stored twice in one transaction.
    results.append(run(paths[5], paths[1], paths[1], force=True))
    return results


def _every_row(engine) -> dict[str, list[tuple]]:
    """Every row of every table in key order, without the times they were written."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        return {name: [tuple(v for k, v in row._mapping.items() if k not in ("ingested_at", "created_at"))
                       for row in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for name, t in metadata.tables.items()}


def test_batches_store_the_same_rows_and_statuses_as_one_document_at_a_time(catalog, write_report, tmp_path,
                                                                            monkeypatch):
    outcomes = []
    for batch in (1, db.ingest.BATCH_DOCUMENTS):
        monkeypatch.setattr(db.ingest, "BATCH_DOCUMENTS", batch)
        shutil.rmtree(tmp_path / "reports")
        (tmp_path / "reports").mkdir()
        engine = open_database(f"sqlite:///{tmp_path / f'batch{batch}.sqlite'}")
        outcomes.append((_scenario(engine, catalog, write_report), _every_row(engine)))
        engine.dispose()
    (one_results, one_rows), (batch_results, batch_rows) = outcomes
    assert batch_results == one_results
    assert one_results[0][6] == ("copy.txt", "unchanged", 0)
    assert [status for _, status, _ in one_results[1]] == ["unchanged"] * 2 + ["replaced"] * 3 + ["unchanged"] * 4
    assert [status for _, status, _ in one_results[2]] == ["replaced"] * 3
    assert batch_rows == one_rows
    assert [name for _, name, *_ in one_rows["regions"]] == ["全国", "山东省", "临沂市", "兰陵县", "罗庄区"]


def _new_documents() -> list[DocumentRow]:
    """Two new reports, each with a fact about a region of its own that no row holds yet."""
    return [DocumentRow(source=f"/reports/{own}.txt", sha256=f"{i:064d}", doc_type="work_report",
                        title=f"{own}政府工作报告", text="", region=own, region_level=own[-1], report_year=2023,
                        facts=[FactRow(region=other, kind="target", year=2023, indicator="gdp", measure="growth",
                                       value=7.0 + i, unit="%", comparator="approx", region_level=other[-1],
                                       report_year=2023, name="地区生产总值")])
            for i, (own, other) in enumerate([("兰陵县", "罗庄区"), ("郯城县", "兰山区")])]


def test_new_documents_stored_together_get_the_rows_they_get_one_at_a_time(catalog, tmp_path):
    rows = []
    for together in (False, True):
        engine = open_database(f"sqlite:///{tmp_path / f'together-{together}.sqlite'}")
        docs = _new_documents()
        with write_session(engine) as session, session.begin():
            statuses = [status for batch in ([docs] if together else [[d] for d in docs])
                        for status in store_documents(session, batch, catalog=catalog, divisions=divisions())]
        assert statuses == ["new", "new"]
        rows.append(_every_row(engine))
        engine.dispose()
    assert rows[1] == rows[0]
    # Each document's region is added before those of its facts, document after document.
    assert [name for _, name, *_ in rows[0]["regions"]] == ["全国", "山东省", "临沂市", "兰陵县", "罗庄区", "郯城县",
                                                           "兰山区"]


# --- killed in the middle of a batch -----------------------------------------------------

TRACKER_PY = """
import os, sys, time
import db.store
real = db.store._PendingFacts.write
calls = []

def write_then_hang(self):
    real(self)
    calls.append(1)
    if len(calls) == 3:  # the third batch has written its rows and not committed
        open(os.environ["MARK"], "w").close()
        time.sleep(600)

db.store._PendingFacts.write = write_then_hang
sys.argv[0] = "tracker"
from dashboard.command import main
main()
"""


def _copies(folder: Path, n: int) -> dict[str, int]:
    """n distinct report files (the seeds with i trailing newlines) → the facts each should have."""
    from etl.pipeline import extract_file

    seeds = sorted(SEEDS.glob("*.txt"))
    facts = {seed: len(extract_file(seed).facts) for seed in seeds}
    folder.mkdir(parents=True)
    expected = {}
    for i in range(n):
        path = folder / f"report-{i:03d}.txt"
        path.write_bytes(seeds[i % len(seeds)].read_bytes() + b"\n" * (i + 1))
        expected[path.resolve().as_posix()] = facts[seeds[i % len(seeds)]]
    return expected


def test_a_run_killed_in_the_middle_of_a_batch_leaves_whole_documents_and_a_rerun_completes_it(db_url, tmp_path):
    expected = _copies(tmp_path / "reports", 12)
    mark = tmp_path / "mark"
    run = subprocess.Popen([sys.executable, "-c", TRACKER_PY, "ingest", str(tmp_path / "reports"), "--db", db_url],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "MARK": str(mark)})
    deadline = time.monotonic() + 120
    while not mark.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert mark.exists(), run.communicate()[1] if run.poll() is not None else "the third batch never came"
    os.kill(run.pid, signal.SIGKILL)
    run.communicate()

    after_kill = stored_sources(db_url)
    assert len(after_kill) == 3, "the first two batches (1 and 2 documents) and nothing of the third"
    assert all(after_kill[source] == expected[source] for source in after_kill)

    tracker = str(Path(sys.executable).with_name("tracker"))
    rerun = subprocess.run([tracker, "ingest", str(tmp_path / "reports"), "--db", db_url],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith("documents: 9 new, 0 replaced, 3 unchanged, 0 failed")
    assert stored_sources(db_url) == expected
