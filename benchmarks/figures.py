"""One measured figure beside its baseline and its goal, printed as one line."""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    goal: str = ""                 # as the issue states it, e.g. "ratio <= 0.33"
    passed: bool | None = None     # None: no goal, reported for information
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def line(self) -> str:
        verdict = {True: "PASS", False: "FAIL", None: "info"}[self.passed]
        value = "n/a" if self.value is None else f"{self.value:.4g} {self.unit}"
        base = f"{self.baseline:.4g} {self.unit} ({self.baseline_name})" if self.baseline is not None else "-"
        ratio = f"{self.ratio:.3g}" if self.ratio is not None else "-"
        text = f"{self.name:<44} {value:>16}   baseline {base:<40} ratio {ratio:>7}   goal {self.goal or '-':<22} {verdict}"
        return text + (f"   [{self.note}]" if self.note else "")


@contextmanager
def one_core(cpu: int | None = None):
    """Pin this process to one CPU (the issue's goals are per core), restoring it afterwards
    so that processes started later (parallel ingest) see every core again."""
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu if cpu is not None else min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)
