"""How fast the dashboard feels in a real browser, on the whole real corpus.

    .venv/bin/python benchmarks/dashboard_browser.py                          # ingests the corpus first (~100 s)
    .venv/bin/python benchmarks/dashboard_browser.py --db /tmp/corpus.sqlite  # built once, reused after

`tracker serve` runs on a free port against a database of the whole corpus (../shared/corpus
from the repository root); Debian's headless Chromium, driven by Playwright at 1400×1000, in
a new browser context each round (an empty cache, as a first visit), times
  first view    page.goto() until finished;
  filter        one region added in the sidebar's region filter, until finished;
  tab → NAME    a click on each other tab in turn, then back to the first, until finished.
                One click must select the tab: a lost click fails (the tab is then clicked
                once more, and that click is timed).
  first view, returning reader   page.goto() in a new tab of the same browser context, whose
                cache now holds Streamlit's and Plotly's scripts, until finished.
Finished: the server has reported the end of a script run the action started (read off the
websocket), nothing is stale or a skeleton, every Plotly chart is drawn and their number has
not changed for 0.3 s. The time is to the start of that quiet spell, when the page took its
final form. Round 1 also meets the server's cold caches; the max shows it.

Baseline, in the same run: the first view of a bare page, a Streamlit script of one title and
one three-point Plotly chart, served with the settings of `tracker serve`: what Streamlit and
Plotly cost a first visit on this machine before the dashboard does anything.

Goals: first view < 2 s (a first visit and a returning reader's), a filter or tab change
< 1 s. The exit status is 0 whatever the figures, non-zero only when the benchmark itself
fails. Errors the page shows are listed, with screenshots in /tmp/bench_shots/.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests/ is not installed with the project

import pytest  # noqa: E402 - browser_support reports a failed start through pytest.fail
from playwright.sync_api import Error as PlaywrightError, sync_playwright  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.exc import SQLAlchemyError  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from dashboard.cli import streamlit_command  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, serving, wait_until_up  # noqa: E402

RETURNING = "first view, returning reader"
GOALS = {"first view": 2.0, RETURNING: 2.0}          # every other action: 1 s
QUIET = 0.3                          # seconds the charts must stay unchanged
POLL_MS = 20
NO_RUN = 5.0                         # an action that starts no run within this was lost
TIMEOUT = 180.0
SHOTS = Path("/tmp/bench_shots")
STATE_JS = """() => {
  const n = s => document.querySelectorAll(s).length;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return {busy: n('[data-testid="stStatusWidget"]') + n('[data-stale="true"]') + n('[data-testid="stSkeleton"]'),
          undrawn: charts.filter(c => !c.querySelector('.main-svg')).length,
          drawn: n('.js-plotly-plot .main-svg')};
}"""
PROBLEMS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


class Runs:
    """Script runs the server started and finished, read off the page's websocket. Streamlit's
    running indicator shows only after 500 ms (and this app's header never showed it), so
    the page alone cannot tell a short rerun that is over from one not yet begun."""

    def __init__(self, page):
        self.started = self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        msg = ForwardMsg.FromString(payload) if isinstance(payload, bytes) else ForwardMsg()
        kind = msg.WhichOneof("type")
        if kind == "session_status_changed" and msg.session_status_changed.script_is_running:
            self.started += 1
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.finished += 1


def timed(page, runs: Runs, action) -> float | None:
    """Seconds from the action until the page is finished (see the module's doc); None when
    the action started no script run at all."""
    before, started = (runs.started, runs.finished), time.perf_counter()
    action()
    settled_at, drawn = None, None
    while time.perf_counter() - started < TIMEOUT:
        state = page.evaluate(STATE_JS)
        now = time.perf_counter()
        if runs.started == before[0] and now - started > NO_RUN:
            return None
        done = runs.finished > before[1] and not state["busy"] and not state["undrawn"]
        if not done:
            settled_at = None
        elif settled_at is None or state["drawn"] != drawn:
            settled_at = now
        elif now - settled_at >= QUIET:
            return settled_at - started
        drawn = state["drawn"]
        page.wait_for_timeout(POLL_MS)  # not time.sleep: Playwright delivers websocket events meanwhile
    raise TimeoutError(f"the dashboard was not finished within {TIMEOUT:.0f} s")


def screenshot(page, what: str, round_no: int) -> Path:
    """The viewport, scrolled to the first error if any (Streamlit scrolls its own main block,
    so a full-page shot would not reach it)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = page.locator(PROBLEMS)
    if problems.count():
        problems.first.scroll_into_view_if_needed(timeout=5_000)
    path = SHOTS / f"round{round_no}-{re.sub(r'[^0-9A-Za-z一-鿿]+', '_', what)}.png"
    page.screenshot(path=path)
    return path


def note_problems(page, what: str, round_no: int, seen: dict[str, str], messages: list[str] | None = None) -> None:
    """Each error text the page shows (or `messages`), said at once (a later failure must not
    lose it) and once, with a screenshot of where it first showed."""
    for message in messages or [m.strip() for m in page.locator(PROBLEMS).all_inner_texts()]:
        if message not in seen:
            seen[message] = f"{what}, round {round_no}: {screenshot(page, what, round_no)}"
            print(f"  the page showed an error ({seen[message]}): {message}")


def open_region_menu(page, region: str):
    """Type into the region filter; the option is clicked (and timed) by the caller."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    box.get_by_role("combobox").click()
    page.keyboard.type(region)
    option = page.get_by_role("option", name=re.compile("^" + re.escape(region))).first
    option.wait_for(timeout=30_000)  # a region not in the database (or already chosen) stops here
    return option


def click_tab(page, runs: Runs, name: str) -> tuple[float | None, int]:
    """Seconds until the tab is shown, and the clicks lost before it: one click must do, but a
    reader whose click was lost clicks again, and so does this, once."""
    tab = page.get_by_role("tab", name=name, exact=True)
    for lost in range(2):
        seconds = timed(page, runs, tab.click)
        if tab.get_attribute("aria-selected") == "true":
            return seconds, lost
    return None, 2


Result = dict[str, tuple[float | None, int]]   # what → (seconds, actions lost: they started no run)


def one_round(browser, base: str, region: str, round_no: int, seen: dict[str, str]) -> Result:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    runs = Runs(page)
    times: Result = {}
    what = "first view"
    try:
        times[what] = (seconds := timed(page, runs, lambda: page.goto(base)), int(seconds is None))
        note_problems(page, what, round_no, seen)
        names = page.get_by_role("tab").all_text_contents()
        what = f"filter: + {region}"
        option = open_region_menu(page, region)
        times[what] = (seconds := timed(page, runs, option.click), int(seconds is None))
        page.keyboard.press("Escape")
        note_problems(page, what, round_no, seen)
        for name in names[1:] + names[:1]:
            what = f"tab → {name}"
            times[what] = click_tab(page, runs, name)
            note_problems(page, what, round_no, seen)
        what = RETURNING
        again = context.new_page()      # the same browser: its cache holds the scripts and fonts
        again_runs = Runs(again)
        times[what] = (seconds := timed(again, again_runs, lambda: again.goto(base)), int(seconds is None))
        note_problems(again, what, round_no, seen)
    except (PlaywrightError, TimeoutError) as exc:
        # The page broke (or the app changed under it): this action failed, the round ends
        # here, and the next round starts on a new page.
        times[what] = (None, 1)
        note_problems(page, what, round_no, seen, [f"{type(exc).__name__}: {str(exc).splitlines()[0]}"])
    finally:
        context.close()
    return times


BARE_PAGE = """
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("bare page")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])))
"""


def bare_page_first_views(browser, folder: Path, rounds: int) -> list[float]:
    """The baseline: seconds to the first view of BARE_PAGE, one new browser context a round."""
    script, log, port = folder / "bare_page.py", folder / "bare.log", free_port()
    script.write_text(BARE_PAGE, encoding="utf-8")
    command = streamlit_command(port, "localhost", app=script)
    with open(log, "wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://localhost:{port}/"
    seconds = []
    try:
        wait_until_up(base, server, log)
        for _ in range(rounds):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            runs = Runs(page)
            seconds.append(timed(page, runs, lambda: page.goto(base)))
            context.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return [s for s in seconds if s is not None]


def document_count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT COUNT(*) FROM documents")).scalar_one()
    except SQLAlchemyError:  # no such table: a new database
        return 0
    finally:
        engine.dispose()


def build(url: str, corpus: Path) -> int:
    """Ingest the corpus unless the database already holds documents; their number."""
    if (documents := document_count(url)):
        print(f"reusing {url}: {documents} documents")
        return documents
    if not corpus.is_dir():
        raise SystemExit(f"error: no corpus at {corpus}. Pass --corpus FOLDER (the shared corpus of work reports, "
                         "../shared/corpus from the repository root) or --db with a database that holds it.")
    print(f"ingesting {corpus} into {url} (about 100 s)")
    tracker, began = Path(sys.executable).with_name("tracker"), time.perf_counter()
    done = subprocess.run([str(tracker), "ingest", str(corpus), "--db", url])
    print(f"ingest took {time.perf_counter() - began:.0f} s")
    if not (documents := document_count(url)):
        raise SystemExit(f"error: tracker ingest stored no documents (exit status {done.returncode})")
    if done.returncode:  # e.g. the corpus's README.md is no report: not a reason to stop
        print(f"tracker ingest reported failures (exit status {done.returncode}); going on with {documents} documents")
    return documents


def pad(text: str, width: int) -> str:
    """Left-justify counting a CJK character as two columns, as a terminal shows it."""
    return text + " " * max(0, width - sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text))


def report(results: list[Result], seen: dict[str, str], bare: list[float]) -> None:
    if bare:
        first = [r["first view"][0] for r in results if r.get("first view", (None,))[0] is not None]
        ratio = f"; the dashboard's first view takes {statistics.median(first) / statistics.median(bare):.2f}x it" if first else ""
        print(f"baseline: first view of a bare Streamlit page with one Plotly chart, median {statistics.median(bare):.2f} s "
              f"({min(bare):.2f}-{max(bare):.2f}){ratio}")
    print(f"{pad('what', 30)} {'median s':>9} {'min':>7} {'max':>7}  {'goal':<7} result")
    for what in dict.fromkeys(k for r in results for k in r):   # a broken round ends early
        ok = [r[what][0] for r in results if r.get(what, (None,))[0] is not None]
        lost = sum(r[what][1] for r in results if what in r)
        goal = GOALS.get(what, 1.0)
        cells = (f"{statistics.median(ok):9.2f} {min(ok):7.2f} {max(ok):7.2f}" if ok else f"{'-':>9} {'-':>7} {'-':>7}")
        verdict = "PASS" if ok and not lost and statistics.median(ok) < goal else "FAIL"
        if lost:
            verdict += f" ({lost} lost in {len(results)} rounds{'; times of the retry' if ok else ''})"
        print(f"{pad(what, 30)} {cells}  < {goal:g} s   {verdict}")
    for message, where in seen.items():
        print(f"error on the page ({where}): {message}")


def measure(url: str, rounds: int, region: str, folder: Path) -> None:
    with serving(url, folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        print(f"tracker serve at {base}, Chromium {browser.version}, headless, 1400×1000")
        seen: dict[str, str] = {}
        bare = bare_page_first_views(browser, folder, rounds)
        print("bare page: first view " + ", ".join(f"{s:.2f}" for s in bare))
        results = []
        for n in range(1, rounds + 1):
            results.append(one_round(browser, base, region, n, seen))
            print(f"round {n}: " + ", ".join(f"{k} {'-' if v is None else f'{v:.2f}'}{' (lost)' * lost}"
                                          for k, (v, lost) in results[-1].items()))
        browser.close()
    report(results, seen, bare)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every action (default 5); median, min and max")
    parser.add_argument("--db", help="SQLite file (or SQLAlchemy URL) to reuse if it holds documents, else to build "
                                     "and keep (default: a temporary file, deleted unless --keep)")
    parser.add_argument("--corpus", type=Path, default=REPO / ".." / "shared" / "corpus",
                        help="folder of reports to ingest (default ../shared/corpus from the repository root)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its path")
    parser.add_argument("--region", default="山东省", help="region added in the filter change (default 山东省)")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # in order with tracker ingest's output when piped
    # A TERM (a CI timeout, kill) unwinds like Ctrl-C, so the server is stopped by `serving`.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if not CHROMIUM.exists():
        raise SystemExit(f"error: {CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    began = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="tracker-browser-bench-"))
    url = (args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}") if args.db \
        else f"sqlite:///{folder / 'corpus.sqlite'}"
    try:
        documents = build(url, args.corpus.resolve())
        print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}; {datetime.now():%Y-%m-%d %H:%M}; "
              f"{documents} documents in {url}; {args.rounds} rounds")
        measure(url, args.rounds, args.region, folder)
    except pytest.fail.Exception as exc:  # tracker serve did not start
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep and not args.db and (folder / "corpus.sqlite").exists():
            kept = Path(tempfile.gettempdir()) / f"tracker-browser-bench-{os.getpid()}.sqlite"
            shutil.move(folder / "corpus.sqlite", kept)
            print(f"database kept: {kept} (reuse it with --db {kept})")
        shutil.rmtree(folder, ignore_errors=True)
    print(f"whole run: {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the server is already stopped (see main)
        sys.exit("interrupted")
