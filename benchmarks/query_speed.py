"""The two queries the dashboard lives on, timed on the bulk database, with their plans.

- one region's scorecard over all years: db.queries.scorecard(regions=[name]);
- one indicator compared across regions in one year: db.queries.scorecard(years=[y],
  indicators=[code], evidence=False), which is what the dashboard's comparison view asks
  for (it shows no sentences or sources); the same with evidence is timed too, for
  information.

Baseline: what a script without indexes would do, pandas.read_sql of the whole facts table
and a filter in pandas (and no judging at all). Every statement the query functions send
is captured and run again under EXPLAIN QUERY PLAN: a "SCAN facts" step would read every
fact, which is what the indexes are for.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field, replace

from figures import Figure

GOAL_MS = 50.0


@dataclass
class Timed:
    name: str
    ms: float                      # median of warm runs
    first_ms: float                # the first call (cold caches of this process)
    spread: tuple[float, float]    # the fastest and the slowest warm run
    rows: int
    baseline_ms: float
    plans: list[tuple[str, list[str]]] = field(default_factory=list)   # (statement, plan lines)
    goal: bool = True              # judged against GOAL_MS, else reported for information

    @property
    def scans_facts(self) -> bool:
        return any(_scans(line, "facts") for _, plan in self.plans for line in plan)

    @property
    def full_scans(self) -> list[str]:
        return sorted({line.strip() for _, plan in self.plans for line in plan if _scans(line, None)})


def _scans(line: str, table: str | None) -> bool:
    words = line.split()
    # "SCAN facts" or "SCAN facts USING [COVERING] INDEX": every row is read.
    return len(words) >= 2 and words[0] == "SCAN" and (table is None or words[1] == table)


def _capture(engine, work) -> tuple[object, list[tuple[str, object]]]:
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        result = work()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return result, seen


def _plans(engine, statements) -> list[tuple[str, list[str]]]:
    out = []
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            rows = cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters or ()).fetchall()
            out.append((" ".join(statement.split()), [row[-1] for row in rows]))
    finally:
        raw.close()
    return out


def _timed(engine, works: list[tuple[str, object, bool]], repeats: int, pause: float) -> list[Timed]:
    """Each (name, work, has a goal) timed `repeats` times, the works taking turns: the
    machine's speed changes from one second to the next, and each median should come from
    the same moments as the others."""
    firsts, captured = [], []
    for _, work, _ in works:
        start = time.perf_counter()
        captured.append(_capture(engine, work))
        firsts.append((time.perf_counter() - start) * 1000)
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeats):
        for (_, work, _), own in zip(works, times):
            time.sleep(pause)
            start = time.perf_counter()
            work()
            own.append((time.perf_counter() - start) * 1000)
    return [Timed(name, statistics.median(own), first, (min(own), max(own)), len(frame), float("nan"),
                  _plans(engine, statements), goal)
            for (name, _, goal), own, first, (frame, statements) in zip(works, times, firsts, captured)]


def measure(url: str, region: str, indicator: str = "gdp", year: int = 2020, repeats: int = 7,
            pause: float = 0.0) -> list[Timed]:
    import pandas as pd
    from sqlalchemy import select

    from db.migrate import open_database
    from db.models import Indicator, Region
    from db.queries import scorecard

    engine = open_database(url)
    with engine.connect() as conn:
        region_id = conn.scalar(select(Region.id).where(Region.name == region))
        indicator_id = conn.scalar(select(Indicator.id).where(Indicator.code == indicator))

    timed = _timed(engine, [
        (f"scorecard of {region}, all years", lambda: scorecard(engine, regions=[region]), True),
        (f"comparison of {indicator} in {year}, all regions",
         lambda: scorecard(engine, years=[year], indicators=[indicator], evidence=False), True),
        ("the same with sentences and sources",
         lambda: scorecard(engine, years=[year], indicators=[indicator]), False),
    ], repeats, pause)

    # Baseline: the whole facts table into pandas once, then each filter. Measured after the
    # queries: it leaves this process a heap of several gigabytes, which no dashboard has.
    start = time.perf_counter()
    with engine.connect() as conn:
        facts = pd.read_sql("SELECT * FROM facts", conn)
    load_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    facts[facts["region_id"] == region_id]
    region_ms = load_ms + (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    facts[(facts["indicator_id"] == indicator_id) & (facts["year"] == year)]
    compare_ms = load_ms + (time.perf_counter() - start) * 1000
    del facts
    engine.dispose()
    return [replace(timed[0], baseline_ms=region_ms), *(replace(t, baseline_ms=compare_ms) for t in timed[1:])]


def figures(results: list[Timed], documents: int, facts: int) -> list[Figure]:
    out = []
    for r in results:
        scans = r.full_scans
        note = (f"{r.rows} rows; warm calls {r.spread[0]:.0f}-{r.spread[1]:.0f} ms, first {r.first_ms:.0f} ms; "
                f"{documents} docs, {facts} facts")
        if scans:
            note += "; full scans: " + ", ".join(scans)
        out.append(Figure(r.name, r.ms, "ms", r.baseline_ms, "read_sql all facts + pandas filter",
                          goal=f"< {GOAL_MS:.0f} ms, no SCAN facts" if r.goal else "",
                          passed=(r.ms < GOAL_MS and not r.scans_facts) if r.goal else None, note=note))
    return out


def print_plans(results: list[Timed], say=print) -> None:
    for r in results:
        say(f"-- query plan: {r.name}")
        for statement, plan in r.plans:
            say(f"   {statement[:160]}{' …' if len(statement) > 160 else ''}")
            for line in plan:
                say(f"      {line}")
