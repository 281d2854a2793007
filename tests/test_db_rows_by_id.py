"""db.selects.rows_by_id reads ids in chunks (IDS_PER_QUERY at a time, defined in db.selects):
every chunk's rows come back, on SQLite and PostgreSQL, and so does every row of a
scorecard whose lookups span several chunks."""
from __future__ import annotations

import random

from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.orm import Session

from db import selects
from db.queries import scorecard
from db.selects import rows_by_id


def test_every_row_comes_back_when_more_ids_are_asked_for_than_one_query_holds(engine):
    per_query = selects.IDS_PER_QUERY
    n = 2 * per_query + 3                   # two full chunks and a part of a third
    probe = Table("rows_by_id_probe", MetaData(), Column("id", Integer, primary_key=True),
                  Column("label", String(20)))
    probe.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(probe), [{"id": i, "label": f"row {i}"} for i in range(1, n + 1)])
    asked = list(range(1, n + 1)) + [n + 10, n + 11]     # two ids without a row
    random.Random(5).shuffle(asked)
    with Session(engine) as session:
        rows = rows_by_id(session, select(probe.c.id, probe.c.label), probe.c.id, asked)
    assert len(rows) == n
    assert sorted(tuple(r) for r in rows) == [(i, f"row {i}") for i in range(1, n + 1)]


def test_fewer_ids_than_one_query_holds_and_no_ids_at_all_read_as_asked(engine):
    probe = Table("rows_by_id_small", MetaData(), Column("id", Integer, primary_key=True))
    probe.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(probe), [{"id": i} for i in (3, 5, 8)])
    with Session(engine) as session:
        assert sorted(tuple(r) for r in rows_by_id(session, select(probe.c.id), probe.c.id, {8, 3, 4})) == [(3,), (8,)]
        assert rows_by_id(session, select(probe.c.id), probe.c.id, []) == []


REPORTS = {
    "lanling-2023.txt": ("兰陵县 县 2023 work_report", "target 2023 gdp growth 7 % approx",
                         "target 2023 new_urban_jobs level 8000 人 exact"),
    "lanling-2024.txt": ("兰陵县 县 2024 work_report", "outcome 2023 gdp growth 6 % exact estimated",
                         "outcome 2023 new_urban_jobs level 8200 人 exact"),
    "luozhuang-2019.txt": ("罗庄区 区 2019 work_report", "target 2019 gdp growth 7.5 % approx"),
    "luozhuang-2020.txt": ("罗庄区 区 2020 work_report", "outcome 2019 gdp growth 7.8 % exact"),
    "xiaoshan-2020.txt": ("萧山区 区 2020 work_report", "target 2020 gdp growth 6 % approx"),
    "xiaoshan-2021.txt": ("萧山区 区 2021 work_report", "outcome 2020 gdp growth 3.1 % exact"),
}


def test_a_scorecard_whose_lookups_span_many_chunks_keeps_every_row(engine, ingest, write_report, monkeypatch):
    # One id per query: every lookup by id (documents, regions and their parents,
    # indicators, outcomes' sources) is read in several chunks.
    ingest(*(write_report(name, *lines) for name, lines in REPORTS.items()))
    monkeypatch.setattr(selects, "IDS_PER_QUERY", 1)
    frame = scorecard(engine)
    got = sorted(zip(frame["region"], frame["parent_region"], frame["province"], frame["year"],
                     frame["indicator"], frame["target_value"], frame["outcome_value"], frame["status"],
                     frame["target_document_id"].notna(), frame["outcome_document_id"].notna()))
    assert got == [
        ("兰陵县", "临沂市", "山东省", 2023, "gdp", 7.0, 6.0, "missed", True, True),
        ("兰陵县", "临沂市", "山东省", 2023, "new_urban_jobs", 8000.0, 8200.0, "exceeded", True, True),
        ("罗庄区", "临沂市", "山东省", 2019, "gdp", 7.5, 7.8, "met", True, True),
        ("萧山区", "杭州市", "浙江省", 2020, "gdp", 6.0, 3.1, "missed", True, True),
    ]
