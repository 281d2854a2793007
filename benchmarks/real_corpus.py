"""Speed on real reports, from the command a user types (../shared/corpus, or --corpus DIR).

    .venv/bin/python benchmarks/real_corpus.py                   # everything, ~10 minutes
    .venv/bin/python benchmarks/real_corpus.py --only one,queries --db /tmp/corpus.sqlite

Every figure is of a process started as a user starts it (start-up, reading, extraction,
storing, index building included) and stands beside a baseline measured in the same run:

- `ingest`: `tracker ingest CORPUS` into a new SQLite file, pinned to one core, against
  `jieba.lcut` of the same files' text in a process of its own, pinned to the same core and
  timed the same way (its start-up and dictionary included). Goal: ≤ 0.25× jieba's time.
  Peak memory is the ingest process's VmHWM, read from /proc (goal < 500 MB).
- `parallel`: the same ingest with --jobs 2 on every core, against the one-core run.
- `one`: `tracker ingest REPORT` of one real report, start to end, five times: into a new
  database, and into a copy of the whole corpus's database (the report changed by a line,
  so that it is stored again, as a corrected report is). Goal: < 1 s.
- `queries`: on the whole corpus's database, as the dashboard asks: the scorecard of the
  province and of the city with the most reports (goal < 20 ms), one indicator across all
  regions and years (< 50 ms), one region's track-record series (< 20 ms), each the median
  of warm calls taken in turns; baseline: the whole facts table read into pandas.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure
from ingest_runs import _watch, tracker_command

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
SECTIONS = ("ingest", "parallel", "one", "queries")
INGEST_GOAL, MEMORY_GOAL_MB, ONE_GOAL_S = 0.25, 500, 1.0
SCORECARD_GOAL_MS, INDICATOR_GOAL_MS, SERIES_GOAL_MS = 20, 50, 20

# jieba.lcut of every report file's text, as one process: what a user would run to segment them.
JIEBA = """
import sys, jieba, logging
from pathlib import Path
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
words = 0
for path in sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".md", ".txt") and p.name != "README.md"):
    words += len(jieba.lcut(path.read_bytes().decode("utf-8", "replace")))
print(words)
"""


def say(text: str = "") -> None:
    print(text, flush=True)


def timed_process(command: list[str], cpu: int | None = None) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, its summary: tracker's "documents: …" line, else the
    last line of output) of a command run to its end."""
    pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 preexec_fn=pin)
        peak_kb, status = _watch(child.pid)
        seconds = time.perf_counter() - start
        out.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
    summary = next((line for line in lines if line.startswith("documents:")), lines[-1] if lines else "")
    return seconds, peak_kb / 1024, os.waitstatus_to_exitcode(status), summary


def ingest(corpus: Path, db: Path, jobs: int, cpu: int | None) -> tuple[float, float, int, str]:
    db.unlink(missing_ok=True)
    return timed_process([tracker_command(), "ingest", str(corpus), "--db", f"sqlite:///{db}", "--jobs", str(jobs)], cpu)


def stored_all(summary: str, reports: int) -> bool:
    """Whether the run stored every report (the corpus's README fails as no report, exit 1)."""
    counts = re.match(r"documents: (\d+) new, (\d+) replaced, (\d+) unchanged", summary)
    return bool(counts) and sum(map(int, counts.groups())) >= reports


def ingest_figures(corpus: Path, db: Path, cpu: int, megabytes: float, reports: int) -> tuple[list[Figure], float]:
    jieba_s, _, status, words = timed_process([sys.executable, "-c", JIEBA, str(corpus)], cpu)
    say(f"   jieba.lcut, one core: {jieba_s:.1f} s ({words} words, exit {status})")
    seconds, peak, status, summary = ingest(corpus, db, 1, cpu)
    say(f"   tracker ingest, one core: {seconds:.1f} s, peak {peak:.0f} MB ({summary})")
    return [
        Figure(f"tracker ingest of the corpus ({megabytes:.0f} MB), one core", seconds, "s", jieba_s,
               "jieba.lcut of the same text, one core", goal=f"ratio <= {INGEST_GOAL}",
               passed=stored_all(summary, reports) and seconds / jieba_s <= INGEST_GOAL, note=summary),
        Figure("peak memory of that ingest", peak, "MB", None, goal=f"< {MEMORY_GOAL_MB} MB",
               passed=stored_all(summary, reports) and peak < MEMORY_GOAL_MB),
    ], seconds


def parallel_figure(corpus: Path, db: Path, one_core_s: float, reports: int) -> Figure:
    seconds, peak, status, summary = ingest(corpus, db, 2, None)
    return Figure("tracker ingest --jobs 2, every core", seconds, "s", one_core_s, "--jobs 1, one core",
                  goal="faster than one core", passed=stored_all(summary, reports) and seconds < one_core_s,
                  note=f"speed-up {one_core_s / seconds:.2f}x; peak of the writer {peak:.0f} MB; {summary}")


def one_report_figures(report: Path, full_db: Path | None, runs: int = 5) -> list[Figure]:
    out = []
    with tempfile.TemporaryDirectory(prefix="tracker-one-") as tmp:
        tmp = Path(tmp)
        fresh = []
        for run in range(runs):
            db = tmp / f"fresh{run}.sqlite"
            fresh.append(timed_process([tracker_command(), "ingest", str(report), "--db", f"sqlite:///{db}"])[0])
        out.append(_one_figure("into a new database", fresh))
        if full_db and full_db.exists():
            db = tmp / "corpus.sqlite"
            shutil.copyfile(full_db, db)
            changed = tmp / report.name
            into_full = []
            for run in range(runs):
                changed.write_bytes(report.read_bytes() + b"\n" * (run + 1))
                into_full.append(timed_process([tracker_command(), "ingest", str(changed), "--db", f"sqlite:///{db}"])[0])
            out.append(_one_figure("into the whole corpus's database", into_full))
    return out


def _one_figure(where: str, seconds: list[float]) -> Figure:
    return Figure(f"tracker ingest of one report {where}", statistics.median(seconds), "s", None,
                  goal=f"< {ONE_GOAL_S:g} s", passed=max(seconds) < ONE_GOAL_S,
                  note="runs " + ", ".join(f"{s:.2f}" for s in seconds))


def query_figures(db: Path, repeats: int = 31) -> list[Figure]:
    import pandas as pd
    from sqlalchemy import func, select

    from dashboard import frames
    from db.migrate import open_database
    from db.models import Document, Region
    from db.queries import scorecard
    from query_speed import _timed

    engine = open_database(f"sqlite:///{db}")
    with engine.connect() as conn:
        most = conn.execute(select(Region.name, Region.level, func.count(Document.id))
                            .join(Document, Document.region_id == Region.id)
                            .group_by(Region.id).order_by(func.count(Document.id).desc())).all()
    province = next(name for name, level, _ in most if level == "province")
    city = next(name for name, level, _ in most if level in ("prefecture", "county"))
    works = [
        (f"scorecard of {province}, all years", lambda: scorecard(engine, regions=[province]), SCORECARD_GOAL_MS),
        (f"scorecard of {city}, all years", lambda: scorecard(engine, regions=[city]), SCORECARD_GOAL_MS),
        ("gdp across all regions and years", lambda: scorecard(engine, indicators=["gdp"], evidence=False),
         INDICATOR_GOAL_MS),
        (f"track-record series of {province}",
         lambda: frames.promises(scorecard(engine, regions=[province])), SERIES_GOAL_MS),
    ]
    results = _timed(engine, [(name, work, True) for name, work, _ in works], repeats, pause=0.05)
    start = time.perf_counter()
    with engine.connect() as conn:
        pd.read_sql("SELECT * FROM facts", conn)
    baseline_ms = (time.perf_counter() - start) * 1000
    engine.dispose()
    return [Figure(r.name, r.ms, "ms", baseline_ms, "read_sql of all facts", goal=f"< {goal} ms",
                   passed=r.ms < goal,
                   note=f"{r.rows} rows; warm calls {r.spread[0]:.1f}-{r.spread[1]:.1f} ms, first {r.first_ms:.0f} ms")
            for r, (_, _, goal) in zip(results, works)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", type=Path, help="the whole corpus's database: kept, and reused by --only one,queries "
                        "(default: a temporary file)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated, of {', '.join(SECTIONS)}")
    parser.add_argument("--report", type=Path, help="the report of `one` (default: the corpus's latest national report)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if not args.corpus.is_dir():
        parser.error(f"no corpus at {args.corpus}: give --corpus DIR")
    with tempfile.TemporaryDirectory(prefix="tracker-real-") as tmp:
        db = args.db or Path(tmp) / "corpus.sqlite"
        files = [p for p in args.corpus.rglob("*.md") if p.name != "README.md"]
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        cpu = min(os.sched_getaffinity(0))
        say(f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
            f"{time.strftime('%Y-%m-%d %H:%M')} · {len(files)} reports, {megabytes:.0f} MB in {args.corpus}")
        figures: list[Figure] = []
        one_core_s = None
        if "ingest" in only:
            found, one_core_s = ingest_figures(args.corpus, db, cpu, megabytes, len(files))
            figures += found
        if "parallel" in only:
            if one_core_s is None:
                one_core_s = ingest(args.corpus, db, 1, cpu)[0]
            figures.append(parallel_figure(args.corpus, Path(tmp) / "parallel.sqlite", one_core_s, len(files)))
        if "one" in only:
            national = sorted((args.corpus / "政府工作报告-国务院").glob("*.md"))
            figures += one_report_figures(args.report or (national[-1] if national else files[0]), db)
        if "queries" in only:
            if not db.exists():
                ingest(args.corpus, db, 2, None)
            figures += query_figures(db)
        say()
        for figure in figures:
            say(figure.line())
    return 0 if all(f.passed is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
