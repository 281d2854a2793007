"""Benchmark corpus: invented work reports for N regions × M years, and what each one states.

    python benchmarks/generate.py OUT --regions 100 --years 20 --seed 1

writes OUT/<region number>_<year>.txt (UTF-8), OUT/manifest.jsonl (one expected headline
fact per line, in the fields of shared/eval's gold files, so its score.py reads it too) and
OUT/corpus.json (the parameters and the size of the text). The same seed gives the same
bytes: every report draws from its own random generator, seeded by (seed, region, year),
so any part of the corpus can be rebuilt alone, in any order.

For the benchmarks only: names and figures are invented, the prose is stitched together
from corpus.toml, and every figure comes from a template in templates.py.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import templates as tpl

FIRST_YEAR, LAST_YEAR = 2005, 2024
CN_NUMBERS = "一二三四五六七八九十"


def fingerprint(*files: str) -> str:
    """A short hash of the generator's own sources: a cached corpus built by other code is stale."""
    digest = hashlib.sha256()
    for name in ("generate.py", "templates.py", "corpus.toml", *files):
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()[:12]


@cache
def words() -> dict:
    return tomllib.loads(Path(__file__).with_name("corpus.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Region:
    index: int
    name: str          # 安平县
    prefecture: str    # 东川市
    province: str      # 宁江省
    size: float        # economy relative to a typical county


@dataclass
class Report:
    file: str
    region: str
    report_year: int
    text: str
    facts: list[tpl.Expected] = field(default_factory=list)
    sentences: int = 0
    numeric: int = 0   # sentences holding a figure


def regions(count: int, seed: int = 1) -> list[Region]:
    """`count` county-level regions with invented, unique names, about nine to a prefecture."""
    rng = random.Random(f"{seed}:regions")
    w = words()["names"]
    taken: set[str] = set()

    def fresh(suffix: str) -> str:
        while True:
            name = rng.choice(w["first"]) + rng.choice(w["second"]) + suffix
            if name not in taken and name[-2] != name[-1]:
                taken.add(name)
                return name

    provinces = [fresh(w["province_suffix"]) for _ in range(31)]
    prefectures = [(fresh(w["prefecture_suffix"]), provinces[i % 31]) for i in range(max(1, math.ceil(count / 9)))]
    out = []
    for i in range(count):
        prefecture, province = prefectures[i % len(prefectures)]
        out.append(Region(i, fresh(rng.choice(w["county_suffixes"])), prefecture, province,
                          size=round(rng.lognormvariate(0, 0.6), 3)))
    return out


def report_years(years: int) -> list[int]:
    """The latest `years` report years of 2005–2024."""
    years = max(1, min(years, LAST_YEAR - FIRST_YEAR + 1))
    return list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))


def corpus(n_regions: int, n_years: int, seed: int = 1) -> Iterator[Report]:
    """Reports region by region, year by year (generated lazily: nothing is kept)."""
    for region in regions(n_regions, seed):
        for year in report_years(n_years):
            yield build_report(region, year, seed)


# ---- one report ----------------------------------------------------------------------------

class _Writer:
    """Accumulates paragraphs and counts sentences, with and without figures."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.lines: list[str] = []
        self.facts: list[tpl.Expected] = []
        self.sentences = self.numeric = 0

    def line(self, text: str) -> None:
        self.lines.append(text)

    def paragraph(self, parts: list[str | tpl.Sentence]) -> None:
        out = []
        for part in parts:
            self.sentences += 1
            if isinstance(part, tpl.Sentence):
                self.numeric += 1
                self.facts.extend(part.facts)
                part = part.text
            out.append(part + "。")
        self.lines.append("".join(out))


def _prose(rng: random.Random) -> str:
    p = words()["prose"]

    def act() -> str:
        return rng.choice(p["verbs"]) + rng.choice(p["objects"])

    kind = rng.randrange(4)
    if kind == 0:
        return f"{act()},{act()},{act()},{rng.choice(p['results'])}"
    if kind == 1:
        return f"坚持{rng.choice(p['principles'])},{act()},{act()}"
    if kind == 2:
        return f"{rng.choice(p['context'])},{act()},{act()},{rng.choice(p['results'])}"
    return f"{act()},{rng.choice(p['results'])}"


def _paragraph_parts(rng: random.Random, figures: list[tpl.Sentence], extra) -> list[str | tpl.Sentence]:
    """Prose with the given figures spread in, plus figures outside the headline table:
    about a third of the sentences hold a number."""
    parts: list[str | tpl.Sentence] = [_prose(rng) for _ in range(rng.randint(4, 7))]
    for s in figures:
        parts.insert(rng.randint(1, len(parts)), s)
    for _ in range(rng.randint(1, 4)):
        parts.insert(rng.randint(1, len(parts)), extra())
    return parts


def _spread(rng: random.Random, items: list, buckets: int) -> list[list]:
    out: list[list] = [[] for _ in range(buckets)]
    for item in items:
        out[rng.randrange(buckets)].append(item)
    return out


def build_report(region: Region, report_year: int, seed: int = 1) -> Report:
    rng = random.Random(f"{seed}:{region.index}:{report_year}")
    w = words()
    review_year = report_year - 1
    unit = region.name[-1]             # 县, 区 or 市: "全县", "县人民政府"
    counts = w["counts"]
    out = _Writer(rng)

    meeting = f"——{report_year}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日在{region.name}第{_cn(rng.randint(14, 19))}届人民代表大会第{_cn(rng.randint(1, 5))}次会议上"
    out.line(f"{region.name}{report_year}年政府工作报告")
    out.line(meeting)
    out.line(f"{region.name}人民政府{w['leader'][unit]} {rng.choice(w['names']['surnames'])}{rng.choice(w['names']['given'])}")
    out.line("各位代表:")
    out.line(f"现在,我代表{unit}人民政府向大会报告工作,请予审议,并请{unit}政协委员和其他列席人员提出意见。")

    # The review: a summary paragraph of headline results, then a section per theme.
    figures = tpl.Figures(rng, region.size, review_year)
    chosen = rng.sample(tpl.OUTCOMES, rng.randint(10, 14))
    outcomes = [make(figures, review_year) for make in chosen]
    out.line(f"一、{review_year}年工作回顾")
    p = w["prose"]
    summary, rest = outcomes[:4], outcomes[4:]
    joined = tpl.join(summary)
    out.paragraph([f"{rng.choice(p['openers'])},{rng.choice(p['year_character'])}",
                   f"{rng.choice(p['context'])},{rng.choice(p['verbs'])}{rng.choice(p['objects'])}", joined])
    headings = rng.sample(w["headings"]["review"], rng.randint(5, 7))
    extra_review = lambda: _extra(rng, figures, review_year, counts)  # noqa: E731
    for n, (heading, mine) in enumerate(zip(headings, _spread(rng, rest, len(headings)))):
        out.line(f"({_cn(n + 1)}){heading}")
        for part in _spread(rng, mine, rng.randint(2, 4)):
            out.paragraph(_paragraph_parts(rng, part, extra_review))

    # The plan: the main targets in one paragraph, then a section per theme.
    plan = tpl.Figures(rng, region.size, report_year)
    targets = [make(plan, report_year) for make in rng.sample(tpl.TARGETS, rng.randint(8, 12))]
    out.line(f"二、{report_year}年工作安排")
    out.paragraph([f"{rng.choice(p['plan_openers'])}坚持{rng.choice(p['principles'])},{rng.choice(p['verbs'])}{rng.choice(p['objects'])}"])
    out.lines.append("今年经济社会发展的主要预期目标是:" + ";".join(t.text for t in targets) + "。")
    out.sentences += len(targets)
    out.numeric += len(targets)
    out.facts.extend(f for t in targets for f in t.facts)
    extra_plan = lambda: tpl.counted(plan, counts)  # noqa: E731
    for n, heading in enumerate(rng.sample(w["headings"]["plan"], rng.randint(5, 7))):
        out.line(f"({_cn(n + 1)}){heading}")
        for _ in range(rng.randint(2, 4)):
            out.paragraph(_paragraph_parts(rng, [], extra_plan))

    out.line(f"三、{w['headings']['self_building']}")
    out.paragraph(rng.sample(p["self_building"], 5))
    out.paragraph(rng.sample(p["closing"], 3))
    return Report(file=f"{region.index:05d}_{report_year}.txt", region=region.name,
                  report_year=report_year, text="\n".join(out.lines) + "\n", facts=out.facts,
                  sentences=out.sentences, numeric=out.numeric)


def _extra(rng: random.Random, figures: tpl.Figures, year: int, counts: dict) -> tpl.Sentence:
    roll = rng.random()
    if roll < 0.6:
        return tpl.counted(figures, counts)
    if roll < 0.85:
        return tpl.catalogued_other(figures, year)
    return tpl.distractor(figures, year)


def _cn(n: int) -> str:
    """1 → 一, 14 → 十四 (ordinals of sections and congresses)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMBERS[tens - 1]) + "十" + (CN_NUMBERS[ones - 1] if ones else "")


# ---- writing a corpus to disk --------------------------------------------------------------

def write_corpus(folder: str | Path, n_regions: int, n_years: int, seed: int = 1) -> dict:
    """Write the reports, the manifest of expected facts and corpus.json; returns the latter.

    A folder whose corpus.json already describes the same corpus, from the same generator
    sources, is left as it is.
    """
    folder = Path(folder)
    params = {"regions": n_regions, "years": n_years, "seed": seed, "generator": fingerprint()}
    info_path = folder / "corpus.json"
    if info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if {k: info.get(k) for k in params} == params:
            return info
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.txt"):
        stale.unlink()
    info = {**params, "documents": 0, "bytes": 0, "sentences": 0, "numeric_sentences": 0, "facts": 0}
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for report in corpus(n_regions, n_years, seed):
            data = report.text.encode("utf-8")
            (folder / report.file).write_bytes(data)
            for fact in report.facts:
                manifest.write(json.dumps({"file": report.file, "region": report.region,
                                           "report_year": report.report_year, **fact.to_dict()},
                                          ensure_ascii=False) + "\n")
            info["documents"] += 1
            info["bytes"] += len(data)
            info["sentences"] += report.sentences
            info["numeric_sentences"] += report.numeric
            info["facts"] += len(report.facts)
    # Written last: a folder without it (an interrupted run) is rebuilt next time.
    info_path.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the reports into")
    parser.add_argument("--regions", type=int, default=100, help="number of regions (default 100)")
    parser.add_argument("--years", type=int, default=20, help="report years per region, the latest of 2005–2024 (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed writes the same bytes (default 1)")
    args = parser.parse_args()
    info = write_corpus(args.out, args.regions, args.years, args.seed)
    print(json.dumps(info, ensure_ascii=False))


if __name__ == "__main__":
    main()
