"""Keeping Python's cycle collector from work that finds nothing.

Reading a report (tens of thousands of matches, slices and small records) or building a
scorecard allocates objects that reference counting frees and that form no reference
cycles. The collector would still start every 700 allocations, move the survivors from
generation to generation and now and then walk the whole heap, for nothing: a twentieth
of an ingest's time. Cycles made meanwhile are collected once it is back on.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block, and back on only if it was on before: a caller
    (or a thread) that turned it off keeps it off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def collector_paused_for_run() -> Iterator[Callable[[], None]]:
    """collector_paused for a run too long to leave cyclic garbage alone throughout: the
    caller calls the function it is given at quiet points (an ingest, after each batch it
    has written), which collects the youngest generation, what was made since the last
    call. An ingest keeps each batch's thousands of rows until they are written; the
    collector would otherwise walk them, and move them from generation to generation,
    every 700 allocations (a twentieth of an ingest's time)."""
    if not gc.isenabled():
        yield lambda: None
        return
    gc.disable()
    try:
        yield lambda: gc.collect(0)
    finally:
        gc.enable()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """The objects that exist now left out of the collector's full passes until the block
    ends (gc.freeze): a long run (an ingest of thousands of reports) makes the collector
    walk the whole heap now and then, and the heap is mostly what was loaded before it
    began (catalogs, dictionaries, the division dataset), none of it garbage. A process
    that froze objects itself (gc.freeze before forking, say) is left as it is."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
