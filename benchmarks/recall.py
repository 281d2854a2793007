"""How much of what the generator wrote extraction reads back: precision and recall.

The rule of shared/eval/score.py: a predicted fact matches an expected one when kind, year,
indicator and measure agree and the value is within 0.5% (relative); only headline codes
are counted on the predicted side, so extracting more never costs precision. Matches are
one to one, per document.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

KEY = ("kind", "year", "indicator", "measure")


@cache
def headline_codes() -> frozenset[str]:
    from etl.catalog import indicators

    return frozenset(code for code, ind in indicators().items() if ind.headline)


@dataclass
class Score:
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    same_comparator: int = 0
    same_flags: int = 0            # strive and estimated both right
    misses: list[tuple[str, dict]] = field(default_factory=list)     # (document, expected fact)
    extras: list[tuple[str, dict]] = field(default_factory=list)     # (document, predicted fact)
    wrong_flags: list[tuple[str, dict, dict]] = field(default_factory=list)  # (document, expected, predicted)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def add(self, document: str, expected: Iterable[dict], predicted: Iterable[dict]) -> None:
        expected = list(expected)
        predicted = [p for p in predicted if p.get("indicator") in headline_codes()]
        self.expected += len(expected)
        self.predicted += len(predicted)
        pool: dict[tuple, list[dict]] = defaultdict(list)
        for p in predicted:
            pool[_key(p)].append(p)
        for e in expected:
            candidates = pool.get(_key(e), [])
            hit = next((p for p in candidates if _close(p.get("value"), e["value"])), None)
            if hit is None:
                self.misses.append((document, e))
                continue
            candidates.remove(hit)
            self.matched += 1
            self.same_comparator += hit.get("comparator") == e.get("comparator")
            if (bool(hit.get("strive")), bool(hit.get("estimated"))) == (e["strive"], e["estimated"]):
                self.same_flags += 1
            else:
                self.wrong_flags.append((document, e, hit))
        self.extras += [(document, p) for ps in pool.values() for p in ps]


def _key(fact: dict) -> tuple:
    return tuple(fact.get(k) for k in KEY)


def _close(a, b) -> bool:
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return a == b or math.isclose(a, b, rel_tol=0.005, abs_tol=0.0)
