"""`tracker ingest` as a user runs it, in a child process: its wall time and peak memory.

The peak is the child's own VmHWM, read from /proc while it runs. Not ru_maxrss from
wait4: at exec the kernel keeps the high-water mark of the image it replaces, which for a
child forked from this process is this process's own size. Memory goal: ingesting 10,000
reports stays under 500 MB and needs no more than ingesting 2,000. Parallel ingest:
--jobs 2 against --jobs 1 on the same folder, each into a fresh database.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from figures import Figure

MEMORY_LIMIT_MB = 500
# Peak memory may wobble by allocator noise; more than this over the small run is growth.
GROWTH_TOLERANCE = 1.10


@dataclass
class IngestRun:
    documents: int
    jobs: int
    seconds: float
    peak_mb: float
    exit_code: int
    summary: str           # the last line tracker printed


def tracker_command() -> str:
    beside = Path(sys.executable).with_name("tracker")
    return str(beside) if beside.exists() else (shutil.which("tracker") or "tracker")


def run_ingest(folder: Path, documents: int, jobs: int = 1) -> IngestRun:
    with tempfile.TemporaryDirectory(prefix="tracker-ingest-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'tracker.sqlite'}"
        out_path = Path(tmp) / "out.txt"
        with open(out_path, "wb") as out:
            start = time.perf_counter()
            child = subprocess.Popen([tracker_command(), "ingest", str(folder), "--db", url, "--jobs", str(jobs)],
                                     stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            peak_kb, status = _watch(child.pid)
            seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        lines = out_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return IngestRun(documents, jobs, seconds, peak_kb / 1024, child.returncode, lines[-1] if lines else "")


def _watch(pid: int, every: float = 0.05) -> tuple[int, int]:
    """(peak resident KiB, wait status) of a running child, polled until it exits."""
    peak = 0
    status_file = Path(f"/proc/{pid}/status")
    while True:
        try:
            for line in status_file.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return peak, status
        time.sleep(every)


def memory_figures(small: IngestRun, large: IngestRun) -> list[Figure]:
    grows = large.peak_mb > small.peak_mb * GROWTH_TOLERANCE
    return [Figure(
        f"peak RSS, tracker ingest of {large.documents} reports", large.peak_mb, "MB",
        small.peak_mb, f"{small.documents} reports",
        goal=f"< {MEMORY_LIMIT_MB} MB, ratio <= {GROWTH_TOLERANCE}",
        passed=large.peak_mb < MEMORY_LIMIT_MB and not grows and large.exit_code == 0,
        note=f"{large.seconds:.0f} s; {large.summary}")]


def parallel_figures(one: IngestRun, two: IngestRun) -> list[Figure]:
    return [Figure(
        f"tracker ingest --jobs 2 ({two.documents} reports)", two.seconds, "s",
        one.seconds, "--jobs 1",
        goal="speed-up reported", passed=None if two.exit_code == 0 else False,
        note=f"speed-up {one.seconds / two.seconds:.2f}x; peak RSS of the writer {two.peak_mb:.0f} MB; {two.summary}")]
