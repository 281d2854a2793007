"""Ingest: one transaction per document, idempotent, a changed file replaces its own facts."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import db.extraction
import db.ingest
import db.store
from conftest import count, fake_extract
from db.models import Document, Fact, Indicator

LANLING = "兰陵县 县 2023 work_report"
LUOZHUANG = "罗庄区 区 2019 work_report"


def _facts(engine, source_name: str) -> list[tuple]:
    with Session(engine) as s:
        rows = s.execute(
            select(Fact.kind, Fact.year, Indicator.code, Fact.measure, Fact.value)
            .join(Indicator).join(Document).where(Document.source.endswith(source_name))
            .order_by(Fact.id))
        return [tuple(r) for r in rows]


def test_a_report_is_stored_with_its_region_year_text_and_facts(engine, ingest, write_report):
    path = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx",
                        "outcome 2022 gdp growth 4 % exact estimated")
    summary = ingest(path)
    assert [(r.status, r.facts) for r in summary.results] == [("new", 2)]
    with Session(engine) as s:
        doc = s.scalars(select(Document)).one()
        assert (doc.region.name, doc.report_year, doc.doc_type) == ("兰陵县", 2023, "work_report")
        assert doc.source == path.resolve().as_posix()
        assert doc.text.startswith("region 兰陵县")
    assert _facts(engine, "lanling.txt") == [("target", 2023, "gdp", "growth", 7.0),
                                             ("outcome", 2022, "gdp", "growth", 4.0)]


def test_a_facts_offsets_point_at_its_sentence_in_the_stored_text(engine, ingest, write_report):
    ingest(write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx"))
    with Session(engine) as s:
        fact = s.scalars(select(Fact)).one()
        assert fact.document.text[fact.start:fact.end] == "target 2023 gdp growth 7 % approx"


def test_ingesting_an_unchanged_file_again_changes_nothing(engine, ingest, write_report):
    path = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx")
    ingest(path)
    ids_before = _ids(engine)
    summary = ingest(path)
    assert [r.status for r in summary.results] == ["unchanged"]
    assert _ids(engine) == ids_before


def _ids(engine) -> dict[str, list[int]]:
    with Session(engine) as s:
        return {"documents": list(s.scalars(select(Document.id))), "facts": list(s.scalars(select(Fact.id))),
                "indicators": list(s.scalars(select(Indicator.id)))}


def test_a_changed_file_replaces_its_own_facts_and_nothing_else(engine, ingest, write_report):
    lanling = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx")
    luozhuang = write_report("luozhuang.txt", LUOZHUANG, "target 2019 gdp growth 7.5 % approx")
    ingest(lanling, luozhuang)
    with Session(engine) as s:
        luozhuang_fact_ids = list(s.scalars(select(Fact.id).join(Document).where(Document.source.endswith("luozhuang.txt"))))
    write_report("lanling.txt", LANLING, "target 2023 gdp growth 6.5 % approx",
                 "target 2023 fixed_asset_investment growth 10 % approx")
    summary = ingest(lanling)
    assert [(r.status, r.facts) for r in summary.results] == [("replaced", 2)]
    assert _facts(engine, "lanling.txt") == [("target", 2023, "gdp", "growth", 6.5),
                                             ("target", 2023, "fixed_asset_investment", "growth", 10.0)]
    with Session(engine) as s:
        assert list(s.scalars(select(Fact.id).join(Document).where(Document.source.endswith("luozhuang.txt")))) == luozhuang_fact_ids
    assert count(engine, "documents") == 2


def test_the_same_content_under_another_name_is_stored_once(engine, ingest, write_report):
    first = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx")
    copy = write_report("copy.txt", LANLING, "target 2023 gdp growth 7 % approx")
    summary = ingest(first, copy)
    assert [r.status for r in summary.results] == ["new", "unchanged"]
    assert (count(engine, "documents"), count(engine, "facts")) == (1, 1)


def test_a_file_that_cannot_be_read_fails_with_its_reason_and_the_others_are_stored(engine, ingest, write_report, tmp_path):
    good = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx")
    bad = write_report("bad.txt", LUOZHUANG, "broken")
    summary = ingest(bad, good, tmp_path / "missing.txt")
    assert [(r.status, r.reason) for r in summary.results] == [
        ("failed", "unreadable on purpose"), ("new", ""), ("failed", "No such file or directory")]
    assert count(engine, "documents") == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fact_the_record_does_not_allow_fails_its_whole_document(engine, ingest, write_report, jobs):
    path = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx",
                        "target 2023 gdp growth 8 % roughly")
    good = write_report("luozhuang.txt", LUOZHUANG, "target 2019 gdp growth 7.5 % approx")
    summary = ingest(path, good, jobs=jobs)
    assert [r.status for r in summary.results] == ["failed", "new"]
    assert "fact 2" in summary.results[0].reason and "comparator" in summary.results[0].reason
    assert (count(engine, "documents"), count(engine, "facts")) == (1, 1)


def test_a_failure_while_storing_facts_leaves_no_trace_of_the_document(engine, ingest, write_report, monkeypatch):
    path = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx",
                        "target 2023 fixed_asset_investment growth 10 % approx")
    real = db.store._fact_values
    stored = []

    def fail_on_second(*args):
        stored.append(1)
        if len(stored) == 2:
            raise RuntimeError("the disk is gone")
        return real(*args)

    monkeypatch.setattr(db.store, "_fact_values", fail_on_second)
    with pytest.raises(RuntimeError):
        ingest(path)
    assert (count(engine, "documents"), count(engine, "facts")) == (0, 0)


def test_an_indicator_outside_the_catalog_is_named_after_its_code(engine, ingest, write_report):
    ingest(write_report("lanling.txt", LANLING, "target 2023 other:新建幼儿园 level 5 所 exact"))
    with Session(engine) as s:
        row = s.scalars(select(Indicator).where(Indicator.code == "other:新建幼儿园")).one()
        assert (row.zh, row.better, row.headline) == ("新建幼儿园", "higher", False)


def test_the_catalogs_indicators_are_stored_with_their_direction(engine, ingest, write_report):
    ingest(write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx"))
    with Session(engine) as s:
        better = dict(s.execute(select(Indicator.code, Indicator.better)).all())
    assert (better["registered_unemployment_rate"], better["energy_intensity"], better["gdp"]) == ("lower", "lower", "higher")


def test_several_extraction_processes_store_every_document_once(engine, ingest, write_report):
    paths = [write_report(f"r{i}.txt", f"兰陵县 县 {2000 + i} work_report", f"target {2000 + i} gdp growth {i} % approx")
             for i in range(6)]
    summary = ingest(*paths, jobs=3)
    assert sorted(r.status for r in summary.results) == ["new"] * 6
    assert (count(engine, "documents"), count(engine, "facts")) == (6, 6)


def test_only_files_whose_content_is_not_stored_yet_are_extracted(engine, catalog, write_report):
    from db.ingest import WINDOW_FILES, ingest_paths

    # More files than are asked about in one query, stored ones among them in every window.
    paths = [write_report(f"r{i:02}.txt", f"兰陵县 县 {2000 + i} work_report", f"target {2000 + i} gdp growth {i} % approx")
             for i in range(2 * WINDOW_FILES + 5)]
    stored_before = paths[::3]
    ingest_paths(engine, stored_before, extract=fake_extract, catalog=catalog)
    extracted = []

    def extract(data, name):
        extracted.append(name)
        return fake_extract(data, name)
    summary = ingest_paths(engine, paths, extract=extract, catalog=catalog)
    assert extracted == [str(p) for p in paths if p not in stored_before]
    assert [r.status for r in summary.results] == ["unchanged" if p in stored_before else "new" for p in paths]
    assert count(engine, "documents") == len(paths)


def test_a_document_is_known_by_the_real_path_of_its_file(engine, ingest, write_report, tmp_path):
    original = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx")
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(original.parent, target_is_directory=True)
    other = tmp_path / "other"
    other.mkdir()
    (other / "link.txt").symlink_to(write_report("luozhuang.txt", LUOZHUANG, "target 2019 gdp growth 7.5 % approx"))
    ingest(linked_folder / "lanling.txt", other / "link.txt")
    with Session(engine) as s:
        sources = sorted(s.scalars(select(Document.source)))
    assert sources == sorted([original.resolve().as_posix(), (original.parent / "luozhuang.txt").resolve().as_posix()])


class _InlinePool:
    """A stand-in for the process pool that runs each file at once and counts the bytes
    handed to it and not yet taken back."""
    outstanding = most = 0

    def __init__(self, max_workers):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, extract, data, *args):
        from concurrent.futures import Future

        type(self).outstanding += len(data)
        type(self).most = max(type(self).most, type(self).outstanding)
        future = Future()
        future.set_result(fn(extract, data, *args))
        original = future.result

        def result(timeout=None):
            type(self).outstanding -= len(data)
            return original(timeout)
        future.result = result
        return future


def test_parallel_ingest_holds_a_bounded_amount_of_file_data_in_flight(engine, ingest, write_report, monkeypatch):
    paths = [write_report(f"r{i:02}.txt", f"兰陵县 县 {2000 + i} work_report", f"target {2000 + i} gdp growth {i} % approx")
             for i in range(12)]
    size = max(p.stat().st_size for p in paths)
    monkeypatch.setattr(db.extraction, "WorkerPool", _InlinePool)
    monkeypatch.setattr(db.extraction, "IN_FLIGHT_BYTES", 3 * size)
    summary = ingest(*paths, jobs=2)
    assert [r.status for r in summary.results] == ["new"] * len(paths)
    assert _InlinePool.outstanding == 0 and _InlinePool.most <= 4 * size


def test_force_extracts_an_unchanged_file_again(engine, ingest, write_report):
    path = write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx")
    ingest(path)
    summary = ingest(path, force=True)
    assert [(r.status, r.facts) for r in summary.results] == [("replaced", 1)]
    assert count(engine, "facts") == 1


def test_an_uploaded_document_is_stored_under_the_source_it_is_given(engine, catalog):
    from conftest import fake_extract, fake_report
    from db.ingest import ingest_bytes

    data = fake_report(LANLING, "target 2023 gdp growth 7 % approx").encode("utf-8")
    first = ingest_bytes(engine, data, "lanling.txt", source="upload:lanling.txt", extract=fake_extract, catalog=catalog)
    again = ingest_bytes(engine, data, "lanling.txt", source="upload:lanling.txt", extract=fake_extract, catalog=catalog)
    assert [(r.status, r.facts) for r in (first, again)] == [("new", 1), ("unchanged", 0)]
    with Session(engine) as s:
        assert s.scalars(select(Document.source)).all() == ["upload:lanling.txt"]


SOUND = db.store.FactRow("兰陵县", "target", 2023, "gdp", "growth", 7.0, "%", "approx")


@pytest.mark.parametrize("field, value, problem", [
    ("region", "", "region: empty"),
    ("region", "  ", "region: empty"),
    ("indicator", "\t", "indicator: empty"),
    ("kind", "result", "kind: 'result' is not one of target, outcome"),
    ("year", "2023", "year: '2023' is not a year"),
    ("year", True, "year: True is not a year"),
    ("measure", "rate", "measure: 'rate' is not one of level, growth, change, avg_growth, increase, qualitative"),
    ("comparator", "about", "comparator: 'about' is not one of approx, at_least, at_most, exact, range"),
    ("value", None, "value: missing"),
])
def test_a_fact_that_cannot_be_stored_is_told_what_is_wrong(field, value, problem):
    assert db.store.problems_of(SOUND._replace(**{field: value})) == [problem]


def test_a_sound_fact_and_a_qualitative_target_without_a_figure_can_be_stored():
    assert db.store.problems_of(SOUND) == []
    assert db.store.problems_of(tuple(SOUND._replace(measure="qualitative", value=None))) == []


@pytest.mark.parametrize("new", [1, 9, 64, 65, 501, 1200])
def test_codes_looked_up_and_added_in_bulk_each_get_their_own_row(engine, catalog, new):
    from db.indicators import indicator_ids

    names = {"gdp": "地区生产总值", **{f"other:项目{n}": f"项目{n}" for n in range(new)}}
    with engine.begin() as connection:
        added = indicator_ids(connection, names, catalog)
    with engine.begin() as connection:   # a later run, which remembers no ids
        found = indicator_ids(connection, dict(reversed(names.items())), catalog)
    with Session(engine) as s:
        stored = dict(s.execute(select(Indicator.code, Indicator.id)).all())
    assert set(added) == set(names) and found == added
    assert all(stored[code] == id_ for code, id_ in added.items())
    assert len(set(added.values())) == len(names)


def test_codes_added_in_bulk_are_stored_as_describe_says(engine, catalog):
    from db.indicators import describe, indicator_ids

    names = {"gdp": "GDP", "other:新建幼儿园": "新建幼儿园", "registered_unemployment_rate": "失业率", "mystery": ""}
    with engine.begin() as connection:
        indicator_ids(connection, names, catalog)
    with Session(engine) as s:
        stored = {i.code: (i.code, i.zh, i.en, i.unit, i.better, i.headline) for i in s.scalars(select(Indicator))}
    for code, name in names.items():
        d = describe(code, catalog, name)
        assert stored[code] == (d.code, d.zh, d.en, d.unit, d.better, d.headline)
    assert stored["other:新建幼儿园"][1] == "新建幼儿园" and stored["mystery"][1] == "mystery"


def test_on_sqlite_facts_are_written_with_a_page_cache_that_holds_their_indexes(tmp_path, catalog, write_report):
    from sqlalchemy import event

    from db.ingest import ingest_paths
    from db.migrate import open_database
    from db.session import BULK_CACHE_KIB
    from conftest import fake_extract

    engine = open_database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    caches = []

    @event.listens_for(engine, "before_cursor_execute")
    def _look(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO facts"):
            caches.append(cursor.connection.execute("PRAGMA cache_size").fetchone()[0])

    ingest_paths(engine, [write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx")],
                 extract=fake_extract, catalog=catalog)
    engine.dispose()
    assert caches == [-BULK_CACHE_KIB]
    assert BULK_CACHE_KIB >= 8 * 1024   # well above SQLite's default of 2,000 KiB


@pytest.mark.parametrize("frozen_before", [False, True])
def test_ingest_leaves_the_collectors_frozen_objects_as_it_found_them(ingest, write_report, frozen_before):
    # Ingest freezes the heap it starts with (etl.collector.heap_frozen) and thaws it after,
    # unless the process had frozen objects of its own.
    import gc

    if frozen_before:
        gc.freeze()
    try:
        ingest(write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx"))
        # Thawed after the run; the process's own frozen objects stay frozen.
        assert (gc.get_freeze_count() > 0) is frozen_before
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("collecting", [True, False])
def test_ingest_leaves_the_collector_as_it_found_it(ingest, write_report, collecting):
    import gc

    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        ingest(write_report("lanling.txt", LANLING, "target 2023 gdp growth 7 % approx"))
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()


def test_reference_cycles_made_while_ingesting_are_collected_as_it_goes(engine, catalog, write_report):
    # The collector is held off through an ingest (etl.collector.collector_paused_for_run),
    # so garbage in cycles is collected after each batch instead: it must not pile up.
    import gc
    import weakref

    from conftest import fake_extract
    from db.ingest import ingest_paths

    class Node:
        pass

    made, first_alive = [], []

    def extract(data, name):
        if made:
            first_alive.append(made[0]() is not None)
        a, b = Node(), Node()
        a.other, b.other = b, a          # garbage in a cycle once this returns
        made.append(weakref.ref(a))
        return fake_extract(data, name)

    paths = [write_report(f"r{i}.txt", f"兰陵县 县 {2000 + i} work_report", "target 2023 gdp growth 7 % approx")
             for i in range(3)]
    assert gc.isenabled()
    ingest_paths(engine, paths, extract=extract, catalog=catalog)
    # The first batch is the first document alone: its garbage is gone before the next is read.
    assert first_alive == [False, False]
