"""Many readers opening the dashboard at once: does the server keep answering?

    .venv/bin/python benchmarks/dashboard_sessions.py                        # 200 sessions on the seeds
    .venv/bin/python benchmarks/dashboard_sessions.py --sessions 50
    .venv/bin/python benchmarks/dashboard_sessions.py --db sqlite:////tmp/real.sqlite --seconds 60

`tracker serve` runs on a free loopback port against the database (default: the seeds, built
once in /tmp/tracker-sessions-seeds.sqlite). The given number of Streamlit websocket sessions
connect at once, each asking for the first view as a page does (a `rerun_script` BackMsg with
the URL's query); a session's page is done when the server sends `script_finished`. Sessions
stay open until all are done or the time limit is reached. Meanwhile a separate process asks
for `/_stcore/health` every 0.2 s; an answer that takes more than 1 s (or none within 5 s)
is a slow poll.

Printed: sessions and how many finished; page time median, p95 and max; the slowest health
answer and the number of slow polls; the server's peak RSS (VmHWM, which includes its start)
and the CPU seconds it spent during the replay. Exit status 1 when any health poll was slow.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests/ is not installed with the project

from tests.session_support import replay, serving  # noqa: E402

SEEDS = "sqlite:////tmp/tracker-sessions-seeds.sqlite"


def seeded(url: str) -> str:
    from dashboard.first_start import seed_if_empty

    for line in seed_if_empty(url):
        print(line, file=sys.stderr)
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=120.0, help="time limit of the replay")
    parser.add_argument("--db", help=f"SQLAlchemy URL of the database (default: the seeds in {SEEDS})")
    parser.add_argument("--query", default="", help="the URL's query string each session opens with, e.g. tab=scorecard")
    args = parser.parse_args()
    url = args.db or seeded(SEEDS)
    with tempfile.TemporaryDirectory(prefix="tracker-sessions-") as folder, serving(url, Path(folder)) as server:
        result = replay(server, args.sessions, args.seconds, args.query)
    print(f"dashboard sessions on {url}" + (f", page ?{args.query}" if args.query else "") + ":")
    for line in result.lines():
        print("  " + line)
    return 1 if result.slow_polls else 0


if __name__ == "__main__":
    sys.exit(main())
