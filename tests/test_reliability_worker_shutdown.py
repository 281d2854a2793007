"""`tracker ingest --jobs N` killed (issue 18, item 5): its worker processes die with it.

Before, a parent killed with SIGKILL or SIGTERM left its workers blocked forever on their
queue, ~167 MB each. Now each worker asks the kernel for SIGKILL when its parent dies
(Linux), and a SIGTERM ends the run as Ctrl-C does: workers stopped, exit status 143.

Worker processes are found through /proc (a process whose parent is the ingest), and every
one still running when a test ends is killed, whatever the test's outcome.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.db_support import stored_sources

TRACKER = str(Path(sys.executable).with_name("tracker"))


def write_reports(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        lines = ["青田县2024年政府工作报告", "一、2023年工作回顾"]
        lines += [f"全县地区生产总值增长{i % 9 + 1}.{j}%,新增城镇就业{1000 + i}人。" for j in range(20)]
        lines += ["二、2024年工作安排", f"地区生产总值增长{i % 7 + 1}%左右,城镇登记失业率控制在3.{i % 10}%以内。"]
        (folder / f"report-{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def process_state(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, parent = stat[stat.rindex(")") + 2:].split()[:2]
    return state, int(parent)


def running(pid: int) -> bool:
    state = process_state(pid)
    return state is not None and state[0] not in "ZX"   # a zombie is dead, waiting to be reaped


def children_of(parent: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            state = process_state(int(entry))
            if state and state[1] == parent and state[0] not in "ZX":
                found.add(int(entry))
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def reports(tmp_path) -> Path:
    write_reports(tmp_path / "reports", 300)
    return tmp_path / "reports"


def ingest_with_workers(reports: Path, db: Path, workers: set[int]) -> subprocess.Popen:
    """A `tracker ingest --jobs 2` that has started both its workers (added to `workers`)."""
    run = subprocess.Popen([TRACKER, "ingest", str(reports), "--jobs", "2", "--db", f"sqlite:///{db}"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found = wait_for(lambda: len(children_of(run.pid)) >= 2 or run.poll() is not None, 60)
    workers |= children_of(run.pid)
    assert found and run.poll() is None and len(workers) == 2, "the run had both workers when it was killed"
    return run


def kill_all(run: subprocess.Popen | None, workers: set[int]) -> None:
    for pid in workers:
        if running(pid):
            os.kill(pid, signal.SIGKILL)
    if run is not None and run.poll() is None:
        run.kill()
    if run is not None:
        run.communicate()


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_the_workers_of_a_killed_parallel_ingest_die_with_it(reports, tmp_path, kill):
    run, workers = None, set()
    try:
        run = ingest_with_workers(reports, tmp_path / "tracker.sqlite", workers)
        os.kill(run.pid, kill)
        run.wait(timeout=30)
        gone = wait_for(lambda: not any(running(pid) for pid in workers), 5)
        assert gone, f"workers {sorted(p for p in workers if running(p))} outlived their parent"
        _, err = run.communicate(timeout=30)   # the workers held the pipes open too
        if kill == signal.SIGTERM:
            # Ended as Ctrl-C ends it: in one piece, with the status a shell expects of SIGTERM.
            assert run.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err
            assert len(stored_sources(f"sqlite:///{tmp_path / 'tracker.sqlite'}")) < 300
    finally:
        kill_all(run, workers)


def test_a_parallel_ingest_left_alone_still_stores_every_report(tmp_path):
    write_reports(tmp_path / "reports", 20)
    db = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    run = subprocess.run([TRACKER, "ingest", str(tmp_path / "reports"), "--jobs", "2", "--db", db],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("documents: 20 new, 0 replaced, 0 unchanged, 0 failed")
    assert len(stored_sources(db)) == 20
