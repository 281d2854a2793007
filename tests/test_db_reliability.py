"""`tracker ingest` as processes run it: killed midway, and two at once on one database."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

from tests.db_support import stored_sources

TRACKER = str(Path(sys.executable).with_name("tracker"))
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@cache
def _facts_per_seed() -> dict[str, int]:
    from etl.pipeline import extract_file

    return {p.name: len(extract_file(p).facts) for p in sorted(SEEDS.glob("*.txt"))}


def _copies(folder: Path, n: int, start: int = 0) -> dict[str, int]:
    """n distinct report files (seed texts with i trailing newlines) → the facts each should have."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    expected = {}
    for i in range(start, start + n):
        seed = seeds[i % len(seeds)]
        path = folder / f"report-{i:03d}.txt"
        path.write_bytes(seed.read_bytes() + b"\n" * (i + 1))
        expected[path.resolve().as_posix()] = _facts_per_seed()[seed.name]
    return expected


def _ingest(db_url: str, *paths) -> subprocess.Popen:
    return subprocess.Popen([TRACKER, "ingest", *map(str, paths), "--db", db_url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_an_ingest_killed_midway_leaves_whole_documents_and_a_rerun_completes_it(db_url, tmp_path):
    expected = _copies(tmp_path / "reports", 120)
    assert all(n > 0 for n in expected.values()), "extraction finds facts in the seeds"
    run = _ingest(db_url, tmp_path / "reports")
    deadline = time.monotonic() + 120
    while len(stored_sources(db_url)) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()

    after_kill = stored_sources(db_url)
    assert 3 <= len(after_kill) < len(expected), "the kill came midway"
    assert all(after_kill[source] == expected[source] for source in after_kill)

    rerun = _ingest(db_url, tmp_path / "reports")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert out.startswith(f"documents: {len(expected) - len(after_kill)} new, 0 replaced, "
                          f"{len(after_kill)} unchanged, 0 failed")
    assert stored_sources(db_url) == expected


def test_two_ingests_at_once_into_one_new_database_lose_nothing(db_url, tmp_path):
    # The two runs share a third of their files, and both find the database not yet created.
    expected = _copies(tmp_path / "all", 60)
    first = sorted(tmp_path.joinpath("all").glob("*.txt"))[:40]
    second = sorted(tmp_path.joinpath("all").glob("*.txt"))[20:]
    runs = [_ingest(db_url, *first), _ingest(db_url, *second)]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in results]
    assert stored_sources(db_url) == expected
