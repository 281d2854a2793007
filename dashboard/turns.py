"""Script runs take turns: one `tracker serve` process runs every reader's script in a thread
of its own, and all of them share one interpreter lock with the server's event loop. Many runs
computing at once leave the loop no time to answer anyone, not even `/_stcore/health`; so only
AT_ONCE runs compute at a time, and the others wait on a lock, which takes no CPU, in the
order they came.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# One: the interpreter lock lets one thread compute at a time anyway, and every run more that
# computes is one more to take the lock from the loop. Runs are short once the caches are warm.
AT_ONCE = 1
# A run that gets its turn within this shows no notice, which would only flicker (Streamlit's own
# "running" sign waits as long). TRACKER_TURN_PATIENCE, in seconds, sets another.
DEFAULT_PATIENCE_SECONDS = 0.5


def patience_seconds(setting: str | None) -> float:
    """The patience TRACKER_TURN_PATIENCE sets: a number of seconds, not negative; else the default."""
    try:
        seconds = float(setting) if setting is not None else DEFAULT_PATIENCE_SECONDS
    except ValueError:
        return DEFAULT_PATIENCE_SECONDS
    return seconds if seconds >= 0 else DEFAULT_PATIENCE_SECONDS


PATIENCE_SECONDS = patience_seconds(os.environ.get("TRACKER_TURN_PATIENCE"))


class Turns:
    """At most `size` holders at once; the others are served first come, first served."""

    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self._free = size
        self._waiting: deque[threading.Event] = deque()

    @property
    def in_line(self) -> int:
        """How many runs wait for a turn."""
        with self._lock:
            return len(self._waiting)

    def line_up(self) -> threading.Event:
        """Join the line; the event is set when the turn is this run's, at once if one is free.
        A run whose reader left, or asked for another run meanwhile, ends at its first Streamlit
        command in its turn, so it holds up no one."""
        mine = threading.Event()
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                mine.set()
            else:
                self._waiting.append(mine)
        return mine

    def wait(self) -> None:
        """Take a turn, waiting in line for it."""
        self.line_up().wait()

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()   # the turn goes to the first in line
            else:
                self._free += 1


TURNS = Turns(AT_ONCE)


@contextmanager
def turn(waiting: Callable[[], Callable[[], None]], turns: Turns = TURNS,
         patience: float = PATIENCE_SECONDS) -> Iterator[None]:
    """Run the block in a turn of its own. When the turn is `patience` seconds in coming,
    `waiting()` shows that the run waits and returns what takes the notice away again."""
    mine = turns.line_up()
    try:
        if not mine.wait(patience):
            clear = waiting()
            mine.wait()
            clear()
        yield
    finally:
        # A run stopped while in line (at its notice) still takes its turn, to hand it on.
        mine.wait()
        turns.release()


@contextmanager
def aside(turns: Turns = TURNS) -> Iterator[None]:
    """Within a turn, give it up for a long task (an upload's ingest), so that the readers in
    line are not held up for all of it; then wait for a turn again."""
    turns.release()
    try:
        yield
    finally:
        turns.wait()
