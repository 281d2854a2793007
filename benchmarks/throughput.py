"""Extraction and ingest throughput beside jieba's default-mode segmentation of the same text.

All three run in this one process, pinned to one core, on the same generated reports:
(a) extraction only (etl.pipeline.extract_bytes on the bytes in memory), (b) the whole
ingest of the folder into a fresh SQLite database (db.ingest.ingest_paths, one process),
(c) jieba.lcut (default mode, the global tokenizer) of each report's text. Each is warmed
up first (dictionaries, catalogs and the division dataset loaded) so that one-off start-up
costs are not counted per megabyte, and the median of a few repetitions is reported.
"""
from __future__ import annotations

import json
import logging
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from figures import Figure, one_core
from recall import Score

GOAL_RATIO = 1 / 3


@dataclass
class Throughput:
    megabytes: float
    documents: int
    rounds: list[tuple[float, float, float]]   # (extraction, jieba, ingest) seconds of each round
    score: Score

    def median(self, which: int) -> float:
        return statistics.median(r[which] for r in self.rounds)

    def paired(self, which: int) -> tuple[float, float]:
        """(time, jieba's time) of the round whose ratio of the two is the median: each
        ratio is of times taken a few seconds apart, so the machine's drift over a run
        (jieba alone took 8.8 to 11.5 s in five rounds of one run) cancels out in it."""
        by_ratio = sorted(self.rounds, key=lambda r: r[which] / r[JIEBA])
        middle = by_ratio[len(by_ratio) // 2]
        return middle[which], middle[JIEBA]

    def ratios(self, which: int) -> list[float]:
        return [r[which] / r[JIEBA] for r in self.rounds]


EXTRACT, JIEBA, INGEST = range(3)


def _reports(folder: Path) -> list[tuple[bytes, str]]:
    return [(p.read_bytes(), str(p)) for p in sorted(folder.glob("*.txt"))]


def _expected(folder: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    with open(folder / "manifest.jsonl", encoding="utf-8") as f:
        for line in f:
            fact = json.loads(line)
            out.setdefault(fact["file"], []).append(fact)
    return out


def forget_phrases() -> None:
    """Empty extraction's bounded caches (verb phrases, enumerated pairs, names), so that a
    repetition over the same reports starts as a first reading of them does; the catalogs
    (unbounded caches, loaded once per process) stay."""
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("etl."):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize is not None:
                value.cache_clear()


def measure(folder: Path, repeats: int = 3) -> Throughput:
    import jieba

    from db.ingest import ingest_paths
    from db.migrate import open_database
    from etl.divisions import divisions
    from etl.pipeline import extract_bytes

    reports = _reports(folder)
    texts = [data.decode("utf-8") for data, _ in reports]
    jieba.setLogLevel(logging.WARNING)
    with one_core(), tempfile.TemporaryDirectory(prefix="tracker-ingest-") as tmp:
        # Warm-up: jieba's dictionary, the catalogs and private tokenizer, the division dataset.
        jieba.initialize()
        jieba.lcut(texts[0])
        extract_bytes(*reports[0])
        divisions()

        engines = []

        def fresh_start() -> None:
            for e in engines:
                e.dispose()
            engines.append(open_database(f"sqlite:///{Path(tmp) / f'ingest{len(engines)}.sqlite'}"))
            forget_phrases()

        def extract_all() -> None:
            for data, name in reports:
                extract_bytes(data, name)

        # The three in turn, round after round, rather than each one's repetitions together:
        # this machine's speed drifts by a tenth or more over a minute, and a ratio of times
        # taken minutes apart carries that drift. Extracted facts are not kept while timing.
        rounds = [(_timed(extract_all, forget_phrases),
                   _timed(lambda: [jieba.lcut(t) for t in texts]),
                   _timed(lambda: ingest_paths(engines[-1], [folder], jobs=1), fresh_start))
                  for _ in range(repeats)]
        for e in engines:
            e.dispose()

        # Scored on one more, untimed reading: ingest never makes dicts of its facts.
        score = _score(folder, {Path(name).name: extract_bytes(data, name).facts for data, name in reports})

    return Throughput(sum(len(d) for d, _ in reports) / 1e6, len(reports), rounds, score)


def _timed(work, setup=None) -> float:
    if setup is not None:
        setup()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _score(folder: Path, extracted: dict[str, list]) -> Score:
    score = Score()
    for file, facts in _expected(folder).items():
        score.add(file, facts, [f.to_dict() for f in extracted.get(file, [])])
    return score


def figures(t: Throughput) -> list[Figure]:
    mbps = lambda s: t.megabytes / s  # noqa: E731
    size = f"{t.documents} reports, {t.megabytes:.1f} MB, one core, median of {len(t.rounds)} rounds"
    each = lambda which: "ratio of each round: " + ", ".join(f"{r:.3f}" for r in t.ratios(which))  # noqa: E731
    ingest, jieba = t.paired(INGEST)
    extraction, jieba_beside = t.paired(EXTRACT)
    return [
        Figure("extraction throughput (extract_bytes)", mbps(t.median(EXTRACT)), "MB/s",
               mbps(t.median(JIEBA)), "jieba.lcut", note=size),
        Figure("ingest throughput (extract + SQLite)", mbps(t.median(INGEST)), "MB/s",
               mbps(t.median(JIEBA)), "jieba.lcut", note=size),
        Figure("extraction time / jieba time", extraction, "s", jieba_beside, "jieba.lcut s, same round",
               note="the round of median ratio; " + each(EXTRACT)),
        Figure("ingest time / jieba time", ingest, "s", jieba, "jieba.lcut s, same round",
               goal="ratio <= 0.33", passed=ingest / jieba <= GOAL_RATIO,
               note="the round of median ratio; " + each(INGEST)),
        Figure("extraction recall on generated corpus", t.score.recall, "",
               note=f"{t.score.matched}/{t.score.expected} expected headline facts found"),
        Figure("extraction precision on generated corpus", t.score.precision, "",
               note=f"{t.score.matched}/{t.score.predicted} headline facts extracted were written; "
                    f"comparator right {t.score.same_comparator}, strive/estimated right {t.score.same_flags}"),
    ]
