"""Many readers at once: one `tracker serve` keeps answering while they open the dashboard.

The server runs on the seeds; thirty websocket sessions ask for the first view at the same
moment, as thirty browsers would (see tests/session_support.py), while `/_stcore/health` is
polled from another process. Below, the turns the script runs take (dashboard/turns.py).
"""
from __future__ import annotations

import threading
import time

import pytest

from dashboard.labels import Labels
from dashboard.turns import Turns, aside, turn
from tests.session_support import HEALTH_GOAL, replay, serving

SESSIONS = 30
SECONDS = 60


# The server's patience before a reader is told to wait: a tenth of the default, so that a
# hundred readers' line outlasts it however quick each run is on the machine.
PATIENCE = "0.05"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from dashboard.first_start import seed_if_empty

    folder = tmp_path_factory.mktemp("sessions")
    url = f"sqlite:///{folder / 'tracker.sqlite'}"
    list(seed_if_empty(url))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TRACKER_TURN_PATIENCE", PATIENCE)
        with serving(url, folder) as server:
            yield server


def test_thirty_readers_at_once_all_get_the_first_view_and_the_server_keeps_answering(server):
    result = replay(server, SESSIONS, SECONDS)
    report = "\n".join(result.lines())
    assert result.finished == SESSIONS, report
    assert result.failed == 0, report
    assert result.slow_polls == 0, f"/_stcore/health took over {HEALTH_GOAL} s:\n{report}"
    # Every page is the whole first view: the track record's charts, not only a notice.
    assert min(page.messages for page in result.pages) > 20, report


@pytest.mark.parametrize("setting, seconds", [(None, 0.5), ("0.05", 0.05), ("2", 2.0), ("soon", 0.5), ("-1", 0.5)])
def test_the_patience_is_set_in_seconds_and_what_is_no_such_number_keeps_the_default(setting, seconds):
    from dashboard.turns import patience_seconds

    assert patience_seconds(setting) == seconds


def test_a_reader_who_waits_for_a_turn_is_told_so(server):
    # A hundred: the last wait far longer than the server's patience (PATIENCE).
    result = replay(server, 100, SECONDS)
    assert result.finished == 100, "\n".join(result.lines())
    told = [page for page in result.pages if Labels("zh").ui("waiting_turn") in page.alerts]
    assert told, "no reader waited long enough to be told"
    assert len(told) < 100       # the first took its turn at once


def holders(turns: Turns, count: int, order: list[int], hold: threading.Event) -> list[threading.Thread]:
    """`count` threads that take a turn one after the other, note it in `order`, hold it until
    `hold` is set, and give it back."""
    def run(number: int) -> None:
        turns.wait()
        order.append(number)
        hold.wait(5)
        turns.release()
    threads = []
    for number in range(count):
        threads.append(threading.Thread(target=run, args=(number,)))
        threads[-1].start()
        until(lambda: len(order) + turns.in_line == number + 1)     # holding or in line, in this order
    return threads


def until(condition, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_no_more_than_the_turns_run_at_once():
    turns, order, hold = Turns(2), [], threading.Event()
    threads = holders(turns, 4, order, hold)
    assert order == [0, 1] and turns.in_line == 2
    hold.set()
    for thread in threads:
        thread.join(5)
    assert sorted(order) == [0, 1, 2, 3]


def test_the_runs_in_line_take_their_turns_in_the_order_they_came():
    turns, order, hold = Turns(1), [], threading.Event()
    threads = holders(turns, 5, order, hold)
    hold.set()
    for thread in threads:
        thread.join(5)
    assert order == [0, 1, 2, 3, 4]


def test_a_run_that_waits_longer_than_the_patience_shows_the_notice_until_its_turn():
    turns, shown = Turns(1), []

    def waiting():
        shown.append("notice")
        return lambda: shown.append("cleared")
    with turn(waiting, turns, patience=0.05):
        shown.append("page")                    # a free turn: no notice
    turns.wait()
    threading.Timer(0.02, turns.release).start()
    with turn(waiting, turns, patience=2):
        shown.append("page")                    # a turn soon enough: none either
    turns.wait()
    threading.Timer(0.2, turns.release).start()
    with turn(waiting, turns, patience=0.05):
        shown.append("page")
    assert shown == ["page", "page", "notice", "cleared", "page"]


def test_a_run_that_fails_gives_its_turn_back():
    turns = Turns(1)
    with pytest.raises(ZeroDivisionError), turn(lambda: (lambda: None), turns):
        1 / 0
    assert turns.line_up().is_set()


def stopped():
    # Streamlit ends the run of a reader who left at the run's next command.
    raise RuntimeError("the reader left")


def test_a_run_stopped_at_its_notice_hands_its_turn_on_when_it_comes():
    turns = Turns(1)
    turns.wait()
    threading.Timer(0.1, turns.release).start()
    with pytest.raises(RuntimeError), turn(stopped, turns, patience=0.01):
        pass
    assert turns.line_up().is_set()


def test_a_run_stopped_as_its_notice_is_cleared_hands_its_turn_on():
    turns = Turns(1)
    turns.wait()
    threading.Timer(0.1, turns.release).start()
    with pytest.raises(RuntimeError), turn(lambda: stopped, turns, patience=0.01):
        pass
    assert turns.line_up().is_set()


def test_a_long_task_lets_the_readers_in_line_go_first_and_then_finishes_its_run():
    turns, order = Turns(1), []
    turns.wait()
    reader = threading.Thread(target=lambda: (turns.wait(), order.append("reader"), turns.release()))
    reader.start()
    until(lambda: turns.in_line == 1)
    with aside(turns):
        reader.join(5)
        order.append("ingest")
    order.append("rest of the run")
    turns.release()
    assert order == ["reader", "ingest", "rest of the run"]
    assert turns.line_up().is_set()
