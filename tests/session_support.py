"""Many dashboard readers at once, as browsers are to the server: `tracker serve` on a free
loopback port, N Streamlit websocket sessions opened together, each asking for the first view
the way the page does, and `/_stcore/health` polled throughout from a process of its own.

Shared by benchmarks/dashboard_sessions.py and tests/test_dashboard_sessions.py.
"""
from __future__ import annotations

import asyncio
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from tests.browser_support import tracker_serving

HEALTH_EVERY = 0.2      # seconds between two polls of /_stcore/health
HEALTH_TIMEOUT = 5.0    # a poll unanswered this long is given up (and counted as slow)
HEALTH_GOAL = 1.0       # the server must answer every poll within this
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def stream(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def peak_rss_mb(self) -> float:
        """VmHWM of the server: `tracker serve` becomes Streamlit (exec), so its pid is the server's."""
        return _status_kb(self.process.pid, "VmHWM") / 1024

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS   # utime, stime


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise LookupError(key)


@contextmanager
def serving(url: str, folder: Path) -> Iterator[Server]:
    """`tracker serve --no-seed` on database `url`, listening on 127.0.0.1 only."""
    with tracker_serving(url, folder, "127.0.0.1") as (process, port, log):
        yield Server(process, port, log)


@dataclass
class Page:
    """One session's first view: seconds from connecting to the end of its script run (None if
    it did not end in time), and whether it showed an error or lost its connection."""
    seconds: float | None = None
    failed: bool = False
    messages: int = 0
    alerts: list[str] = field(default_factory=list)     # the text of every st.info, st.error …


def first_run(query_string: str = "") -> bytes:
    """The BackMsg a page sends once connected: run the script with the URL's query."""
    msg = BackMsg()
    msg.rerun_script.query_string = query_string
    msg.rerun_script.page_script_hash = ""
    return msg.SerializeToString()


def _element(msg: ForwardMsg):
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    return msg.delta.new_element


def _shows_error(element) -> bool:
    kind = element.WhichOneof("type")
    return kind == "exception" or (kind == "alert" and element.alert.format == element.alert.ERROR)


async def _session(stream: str, query_string: str, page: Page, done: asyncio.Event) -> None:
    started = time.perf_counter()
    # No websocket pings: a browser sends none, and a busy server must not look dead for it.
    async with connect(stream, subprotocols=["streamlit"], max_size=None, ping_interval=None,
                       open_timeout=None, close_timeout=1, compression=None) as ws:
        await ws.send(first_run(query_string))
        async for payload in ws:
            msg = ForwardMsg.FromString(payload)
            page.messages += 1
            element = _element(msg)
            if element is not None:
                page.failed = page.failed or _shows_error(element)
                if element.WhichOneof("type") == "alert":
                    page.alerts.append(element.alert.body)
            if (msg.WhichOneof("type") == "script_finished"
                    and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                page.seconds = time.perf_counter() - started
                break
        # A reader keeps the page open: the session (and its state) lives until the end.
        await done.wait()


async def _sessions(stream: str, count: int, seconds: float, query_string: str) -> tuple[list[Page], float]:
    """The sessions' pages, and the seconds until all were done or the time was up."""
    pages = [Page() for _ in range(count)]
    done = asyncio.Event()
    started = time.monotonic()
    tasks = [asyncio.create_task(_session(stream, query_string, page, done)) for page in pages]
    while (time.monotonic() < started + seconds
           and any(p.seconds is None and not t.done() for p, t in zip(pages, tasks))):
        await asyncio.sleep(0.1)
    wall = time.monotonic() - started
    done.set()
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for page, result in zip(pages, results):
        if isinstance(result, Exception) and page.seconds is None:
            page.failed = True
    return pages, wall


# The poller: a child process of the standard library alone, so that it starts at once and its
# timings are the server's, not those of this process's own event loop. It polls until its
# stdin closes and prints "seconds-since-start latency" per poll.
POLLER = """
import sys, threading, time, urllib.request
url, every, timeout = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
origin = time.monotonic()
while not stop.is_set():
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
        latency = time.monotonic() - started
    except OSError:
        latency = max(time.monotonic() - started, timeout)
    print(f"{started - origin:.3f} {latency:.4f}", flush=True)
    stop.wait(max(0.0, started + every - time.monotonic()))
"""


@contextmanager
def polling_health(server: Server) -> Iterator[list[tuple[float, float]]]:
    """(seconds since the first poll, latency) of every poll made while the block runs."""
    poller = subprocess.Popen([sys.executable, "-c", POLLER, server.base + "_stcore/health",
                               str(HEALTH_EVERY), str(HEALTH_TIMEOUT)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    polls: list[tuple[float, float]] = []
    try:
        polls.append(_poll(poller.stdout.readline()))    # polling has begun
        yield polls
    finally:
        out, _ = poller.communicate(timeout=HEALTH_TIMEOUT + 5)
        polls.extend(_poll(line) for line in out.splitlines() if line)


def _poll(line: str) -> tuple[float, float]:
    at, latency = line.split()
    return float(at), float(latency)


@dataclass
class Replay:
    sessions: int
    pages: list[Page]
    polls: list[tuple[float, float]]    # (seconds since the first poll, latency)
    wall: float                         # until every page was done, or the time limit
    cpu: float                          # the server's, during the replay
    peak_rss_mb: float
    page_times: list[float] = field(init=False)

    def __post_init__(self):
        self.page_times = sorted(p.seconds for p in self.pages if p.seconds is not None)

    @property
    def health(self) -> list[float]:
        return [latency for _, latency in self.polls]

    @property
    def finished(self) -> int:
        return len(self.page_times)

    @property
    def failed(self) -> int:
        return sum(p.failed for p in self.pages)

    @property
    def slow_polls(self) -> int:
        return sum(latency > HEALTH_GOAL for latency in self.health)

    @property
    def health_max(self) -> float:
        return max(self.health, default=math.nan)

    def page_time(self, share: float) -> float:
        """The page time `share` of the finished sessions stayed within (0.5: the median)."""
        if not self.page_times:
            return math.nan
        if share == 0.5:
            return statistics.median(self.page_times)
        return self.page_times[min(len(self.page_times) - 1, math.ceil(share * len(self.page_times)) - 1)]

    def lines(self) -> list[str]:
        return [
            f"sessions {self.sessions}, finished {self.finished}, with an error {self.failed}, "
            f"in {self.wall:.1f} s",
            f"page time: median {self.page_time(0.5):.2f} s, p95 {self.page_time(0.95):.2f} s, "
            f"max {self.page_time(1.0):.2f} s",
            f"/_stcore/health: {len(self.health)} polls, max {self.health_max:.3f} s, "
            f"{self.slow_polls} over {HEALTH_GOAL:g} s",
            f"server: peak RSS {self.peak_rss_mb:.0f} MB, CPU {self.cpu:.1f} s during the replay",
        ]


def replay(server: Server, sessions: int, seconds: float, query_string: str = "") -> Replay:
    """Open `sessions` sessions at once, wait for their first views (at most `seconds`), poll
    the health endpoint meanwhile."""
    with polling_health(server) as polls:
        cpu = server.cpu_seconds()
        pages, wall = asyncio.run(_sessions(server.stream, sessions, seconds, query_string))
        cpu = server.cpu_seconds() - cpu
    return Replay(sessions, pages, polls, wall, cpu, server.peak_rss_mb())
