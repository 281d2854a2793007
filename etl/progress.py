"""Progress on long runs: a bar on a terminal, a line every tenth of the way elsewhere."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer

# Runs with at least this many files show progress even when stderr is not a terminal.
LONG_RUN = 50


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[str], None] | None]:
    """Yields a function to call with each finished item's name (None for short quiet runs)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if console.is_terminal and total > 1:
        with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.description}"), console=console, transient=True) as bar:
            task = bar.add_task("", total=total)
            yield lambda name: bar.update(task, advance=1, description=name)
        return
    if total < LONG_RUN:
        yield None
        return
    done = 0
    step = max(1, total // 10)

    def advance(_name: str) -> None:
        nonlocal done
        done += 1
        if done % step == 0 or done == total:
            typer.echo(f"{label}: {done}/{total} files", err=True)

    yield advance
