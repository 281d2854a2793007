"""Every benchmark figure of the tracker, each beside its baseline and its goal.

    python benchmarks/run.py            # the sizes of the issue (takes a while, see README)
    python benchmarks/run.py --quick    # small sizes: a smoke run of every benchmark
    python benchmarks/run.py --only throughput,queries

Generated corpora and the bulk query database are kept in --workdir and reused.
One line per figure: name, value, baseline, ratio (value / baseline), goal, PASS/FAIL/info.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bulk_db
import ingest_runs
import query_speed
import throughput
from figures import Figure
from generate import write_corpus

SECTIONS = ("throughput", "memory", "parallel", "queries", "dashboard")


@dataclass(frozen=True)
class Sizes:
    throughput_regions: int     # × 20 years
    memory_small_regions: int
    memory_large_regions: int
    query_documents: int
    repeats: int
    throughput_rounds: int


FULL = Sizes(throughput_regions=20, memory_small_regions=100, memory_large_regions=500,
             query_documents=50_000, repeats=3, throughput_rounds=5)
QUICK = Sizes(throughput_regions=2, memory_small_regions=5, memory_large_regions=25,
              query_documents=2_000, repeats=2, throughput_rounds=2)


def say(text: str = "") -> None:
    print(text, flush=True)


def corpus(workdir: Path, regions: int, seed: int) -> tuple[Path, dict]:
    folder = workdir / f"corpus_{regions}x20_{seed}"
    info = write_corpus(folder, regions, 20, seed)
    share = 1 - info["numeric_sentences"] / info["sentences"]
    say(f"   corpus {folder}: {info['documents']} reports, {info['bytes'] / 1e6:.1f} MB, "
        f"{share:.0%} of sentences without a number, {info['facts']} headline facts written")
    return folder, info


def run_throughput(workdir: Path, sizes: Sizes, seed: int) -> list[Figure]:
    folder, _ = corpus(workdir, sizes.throughput_regions, seed)
    return throughput.figures(throughput.measure(folder, sizes.throughput_rounds))


def run_memory_and_parallel(workdir: Path, sizes: Sizes, seed: int, sections: set[str]) -> list[Figure]:
    small_folder, small_info = corpus(workdir, sizes.memory_small_regions, seed)
    small = ingest_runs.run_ingest(small_folder, small_info["documents"], jobs=1)
    say(f"   tracker ingest --jobs 1, {small.documents} reports: {small.seconds:.1f} s, peak {small.peak_mb:.0f} MB; {small.summary}")
    out = []
    if "memory" in sections:
        large_folder, large_info = corpus(workdir, sizes.memory_large_regions, seed)
        large = ingest_runs.run_ingest(large_folder, large_info["documents"], jobs=1)
        say(f"   tracker ingest --jobs 1, {large.documents} reports: {large.seconds:.1f} s, peak {large.peak_mb:.0f} MB; {large.summary}")
        out += ingest_runs.memory_figures(small, large)
    if "parallel" in sections:
        two = ingest_runs.run_ingest(small_folder, small_info["documents"], jobs=2)
        say(f"   tracker ingest --jobs 2, {two.documents} reports: {two.seconds:.1f} s; {two.summary}")
        out += ingest_runs.parallel_figures(small, two)
    return out


def run_queries(workdir: Path, sizes: Sizes, seed: int) -> list[Figure]:
    db = bulk_db.build(workdir, sizes.query_documents, seed, log=lambda m: say("   " + m))
    say(f"   bulk database {db.path}: {db.documents} documents, {db.facts} facts, {db.regions} regions, "
        f"{db.indicators} indicators")
    # Many calls, spread over a few seconds: this machine's speed changes from moment to moment
    # (a fixed Python loop takes 12 to 23 ms), and the median of a burst of calls reports the
    # moment rather than the query.
    results = query_speed.measure(db.url, db.sample_region, repeats=31, pause=0.1)
    query_speed.print_plans(results, say=lambda m: say("   " + m))
    return query_speed.figures(results, db.documents, db.facts)


def run_dashboard(documents: int, repeats: int) -> list[Figure]:
    """The dashboard's own benchmark (benchmarks/dashboard_rerun.py), at the query benchmark's size.

    It builds and names its own synthetic database (its sidebar clicks choose its own
    region names), so it is run as it stands and its medians are read from what it prints.
    """
    script = Path(__file__).with_name("dashboard_rerun.py")
    if not script.exists():
        say("   benchmarks/dashboard_rerun.py does not exist: no dashboard figures")
        return [Figure("dashboard rerun / first load", None, "s", goal="< 1 s / < 3 s",
                       passed=False, note="benchmarks/dashboard_rerun.py missing")]
    done = subprocess.run([sys.executable, str(script), "--documents", str(documents), "--repeat", str(repeats)],
                          capture_output=True, text=True)
    figures = []
    for line in done.stdout.splitlines():
        say("   " + line)
        m = _DASHBOARD_LINE.match(line)
        if m:
            what, seconds = m.group("what").strip(), float(m.group("median"))
            limit = 3.0 if what.startswith("first load") else 1.0
            figures.append(Figure(f"dashboard: {what}", seconds, "s", goal=f"< {limit:g} s",
                                  passed=seconds < limit, note=f"AppTest, {documents} documents, median"))
    if done.returncode != 0 or not figures:
        say("   " + (done.stderr.strip().splitlines() or ["(no error output)"])[-1])
        figures.append(Figure("dashboard (benchmarks/dashboard_rerun.py)", None, "", goal="runs",
                              passed=False, note=f"exit status {done.returncode}"))
    return figures


# "  first load                           2.10 s   (min 2.10, max 2.10)"
_DASHBOARD_LINE = re.compile(r"^\s+(?P<what>\S.*?)\s+(?P<median>\d+(?:\.\d+)?) s\s+\(min")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tracker-benchmarks",
                        help="where generated corpora and the bulk database are kept and reused")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    sizes = QUICK if args.quick else FULL
    args.workdir.mkdir(parents=True, exist_ok=True)

    say(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"workdir {args.workdir}; {'quick' if args.quick else 'full'} sizes")
    results: list[Figure] = []
    if "throughput" in sections:
        say("== throughput (one process, one core)")
        results += _shown(run_throughput(args.workdir, sizes, args.seed))
    if sections & {"memory", "parallel"}:
        say("== memory and parallel ingest (tracker ingest in a child process)")
        results += _shown(run_memory_and_parallel(args.workdir, sizes, args.seed, sections))
    if "queries" in sections:
        say("== queries (SQLite, bulk database)")
        results += _shown(run_queries(args.workdir, sizes, args.seed))
    if "dashboard" in sections:
        say("== dashboard (AppTest)")
        results += _shown(run_dashboard(sizes.query_documents, sizes.repeats))
    say()
    say("== summary")
    for figure in results:
        say(figure.line())
    failed = [f for f in results if f.passed is False]
    say(f"{len(results) - len(failed)} of {len(results)} figures meet their goal or have none; {len(failed)} do not")


def _shown(figures: list[Figure]) -> list[Figure]:
    for figure in figures:
        say(figure.line())
    return figures


if __name__ == "__main__":
    main()
