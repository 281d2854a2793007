"""How long the dashboard takes to rerun after a filter change, on a database of 50,000 documents.

    .venv/bin/python benchmarks/dashboard_rerun.py                 # builds /tmp/tracker-bench-50000.sqlite once
    .venv/bin/python benchmarks/dashboard_rerun.py --documents 5000 --repeat 3

The database is synthetic and bulk-inserted through the db models (no text is extracted):
30 provinces × 10 prefectures × 15 counties, one work report per region and year until the
document count is reached, each with 8 headline targets for its plan year, 8 outcomes for
the year it reviews and 4 other commitments (20 facts a document, a million in all). Report
texts are short: the report view is not what is measured.

The app runs headless in AppTest, in this process, as a browser session would drive it: the
first load (cold caches: the engine, the sidebar's catalog, the first scorecard), then
reruns after changing one filter. Each change is timed from the click to the end of the
script run; Streamlit's own rendering in the browser is not included.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import func, insert, select

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "dashboard" / "app.py"
PROVINCES, PREFECTURES, COUNTIES = 30, 10, 15
FIRST_YEAR = 2014
# (indicator, measure, unit, comparator, target, outcome): outcomes straddle the target so
# that every status occurs.
HEADLINE = [
    ("gdp", "growth", "%", "approx", 7.0, 6.5),
    ("general_budget_revenue", "growth", "%", "approx", 8.0, 8.2),
    ("fixed_asset_investment", "growth", "%", "approx", 10.0, 7.0),
    ("retail_sales", "growth", "%", "approx", 9.0, 9.3),
    ("new_urban_jobs", "level", "人", "at_least", 8000.0, 8400.0),
    ("registered_unemployment_rate", "level", "%", "at_most", 3.5, 3.2),
    ("disposable_income", "growth", "%", "approx", 8.0, 7.2),
    ("cpi", "growth", "%", "approx", 3.0, 2.1),
]
OTHERS = ["other:新建幼儿园", "other:改造老旧小区", "other:新增停车位", "other:建设公园"]


def region_rows() -> list[dict]:
    rows, next_id = [], 1
    for p in range(PROVINCES):
        province = {"id": next_id, "name": f"测{p:02d}省", "level": "province", "parent_id": None}
        province["path"] = province["name"]
        rows.append(province)
        next_id += 1
        for c in range(PREFECTURES):
            city = {"id": next_id, "name": f"测{p:02d}省{c:02d}市", "level": "prefecture",
                    "parent_id": province["id"], "path": f"{province['path']}/测{p:02d}省{c:02d}市"}
            rows.append(city)
            next_id += 1
            for k in range(COUNTIES):
                name = f"测{p:02d}省{c:02d}市{k:02d}县"
                rows.append({"id": next_id, "name": name, "level": "county", "parent_id": city["id"],
                             "path": f"{city['path']}/{name}"})
                next_id += 1
    return rows


def build(url: str, documents: int) -> None:
    """Fill a new database; skipped when it already holds the documents."""
    from db.indicators import ensure_indicator, load_catalog, sync_catalog
    from db.migrate import open_database
    from db.models import Document, Fact, Region
    from db.session import write_session

    from bulk_db import upgrade_schema

    upgrade_schema(url)   # a database kept from a run before the latest migrations
    engine = open_database(url)
    with write_session(engine) as session:
        if session.scalar(select(func.count(Document.id))) >= documents:
            return
    started = time.perf_counter()
    regions = region_rows()
    catalog = load_catalog()
    with write_session(engine) as session, session.begin():
        sync_catalog(session, catalog)
        indicator_ids = {code: ensure_indicator(session, code, catalog).id
                         for code in [h[0] for h in HEADLINE] + OTHERS}
        session.execute(insert(Region), regions)
    levels = {r["id"]: r["level"] for r in regions}
    region_ids = [r["id"] for r in regions]
    batch_docs, batch_facts = [], []

    def flush():
        with write_session(engine) as session, session.begin():
            session.execute(insert(Document), batch_docs)
            session.execute(insert(Fact), batch_facts)
        batch_docs.clear()
        batch_facts.clear()

    for number in range(documents):
        region = region_ids[number % len(region_ids)]
        year = FIRST_YEAR + number // len(region_ids)
        doc_id = number + 1
        text = f"{year}年政府工作报告(合成)第{doc_id}号"
        batch_docs.append({"id": doc_id, "source": f"synthetic/{doc_id}.txt",
                           "sha256": hashlib.sha256(text.encode()).hexdigest(), "doc_type": "work_report",
                           "region_id": region, "report_year": year, "title": f"{year}年政府工作报告",
                           "text": text})
        base = {"document_id": doc_id, "region_id": region, "report_year": year, "strive": False,
                "region_level": levels[region], "start": 0, "end": len(text)}
        wobble = (number % 7 - 3) / 2
        for code, measure, unit, comparator, target, outcome in HEADLINE:
            batch_facts.append({**base, "indicator_id": indicator_ids[code], "kind": "target", "year": year,
                                "measure": measure, "value": target, "unit": unit, "comparator": comparator,
                                "estimated": False, "sentence": f"{code} {target}"})
            batch_facts.append({**base, "indicator_id": indicator_ids[code], "kind": "outcome", "year": year - 1,
                                "measure": measure, "value": outcome + wobble, "unit": unit, "comparator": "exact",
                                "estimated": number % 5 == 0, "sentence": f"{code} {outcome + wobble}"})
        for code in OTHERS:
            batch_facts.append({**base, "indicator_id": indicator_ids[code], "kind": "target", "year": year,
                                "measure": "level", "value": 10.0, "unit": "个", "comparator": "exact",
                                "estimated": False, "sentence": f"{code} 10个"})
        if len(batch_docs) == 2000:
            flush()
    if batch_docs:
        flush()
    engine.dispose()
    print(f"built {documents} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(url: str, repeat: int, tab: str) -> dict[str, list[float]]:
    """Seconds for the first load and for reruns after each kind of filter change."""
    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DB_URL"] = url
    counties = [f"测{p:02d}省{c:02d}市{k:02d}县" for p in range(PROVINCES) for c in range(PREFECTURES)
                for k in range(COUNTIES)]
    at = AppTest.from_file(str(APP), default_timeout=900)
    at.query_params["regions"] = counties[:3]
    at.query_params["tab"] = tab
    times: dict[str, list[float]] = {"first load": [timed(at.run)]}
    check(at)
    high = at.sidebar.slider(key="years").value[1]
    for i in range(repeat):
        chosen = counties[3 * (i + 1): 3 * (i + 2)]
        times.setdefault("regions changed (new query)", []).append(
            timed(lambda: at.sidebar.multiselect(key="regions").set_value(chosen).run()))
        times.setdefault("years narrowed (new query)", []).append(
            timed(lambda: at.sidebar.slider(key="years").set_value((high - 2 - i % 3, high)).run()))
        times.setdefault("status filter (cached query)", []).append(
            timed(lambda: at.sidebar.multiselect(key="statuses").set_value(["missed"]).run()))
        times.setdefault("status filter cleared (cached)", []).append(
            timed(lambda: at.sidebar.multiselect(key="statuses").set_value([]).run()))
        check(at)
    return times


def check(at) -> None:
    if at.exception or at.error:
        raise SystemExit(f"the app failed: {[e.value for e in at.exception] + [e.value for e in at.error]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--db", help="SQLAlchemy URL (default: a SQLite file in /tmp named for the size)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tab", default="promises", help="view to measure: promises, scorecard, …")
    args = parser.parse_args()
    url = args.db or f"sqlite:////tmp/tracker-bench-{args.documents}.sqlite"
    build(url, args.documents)
    times = measure(url, args.repeat, args.tab)
    print(f"dashboard rerun on {args.documents} documents ({url}), view {args.tab!r}, 3 counties, "
          f"median of {args.repeat}:")
    for what, seconds in times.items():
        print(f"  {what:34s} {statistics.median(seconds):6.2f} s   (min {min(seconds):.2f}, max {max(seconds):.2f})")


if __name__ == "__main__":
    main()
