"""A country-sized database for the query benchmarks, built by bulk inserts (no extraction).

About 3,000 regions (31 provinces, their prefectures, county-level regions under them),
50,000 reports over 2005–2024 (a random five-sixths of all region-years, so that series
have gaps), and about 60 facts per report, 20 of them headline figures (outcomes of the
reviewed year, targets of the plan year) and the rest counts of the region's own
("other:新建乡镇幼儿园", drawn from some 20,000 codes, common ones far more often). Each
document's text holds its facts' sentences, at the offsets the facts give.

The schema comes from the project's migrations (open_database), so indexes are the real
ones. The database is kept beside a small JSON file naming its parameters and reused
when they match: building 3 million facts takes minutes.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import random
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from db.session import PAGE_BYTES
from generate import fingerprint, report_years, regions as invent_regions, words

FACTS_PER_DOCUMENT = 60


@dataclass(frozen=True)
class BulkDatabase:
    path: Path
    url: str
    documents: int
    facts: int
    regions: int
    indicators: int
    sample_region: str      # the county with the most reports, for the scorecard query


def build(folder: Path, documents: int = 50_000, seed: int = 1, log=print) -> BulkDatabase:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bulk_{documents}_{seed}.sqlite"
    info_path = path.with_suffix(".json")
    made_by = fingerprint("bulk_db.py")
    if path.exists() and info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.pop("made_by", None) == made_by and _page_bytes(path) == PAGE_BYTES:
            upgrade_schema(f"sqlite:///{path}")
            return BulkDatabase(path=path, url=f"sqlite:///{path}", **info)
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), info_path):
        stale.unlink(missing_ok=True)
    log(f"building {path} ({documents} documents); reused on later runs")
    info = _fill(f"sqlite:///{path}", documents, seed, log)
    info_path.write_text(json.dumps({**info, "made_by": made_by}, ensure_ascii=False), encoding="utf-8")
    return BulkDatabase(path=path, url=f"sqlite:///{path}", **info)


def _page_bytes(path: Path) -> int:
    # A file kept from before pages grew is measured as no new database would be.
    import sqlite3

    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA page_size").fetchone()[0]


def upgrade_schema(url: str) -> None:
    """Bring a database kept from an earlier run up to the current migrations, as a user
    would with `tracker db upgrade`: its rows stay, new indexes are built; then choose the
    answers its next ingest would choose (none, when they are chosen already)."""
    from db.choose_answers import refresh
    from db.migrate import make_engine, schema_state, upgrade

    engine = make_engine(url)
    try:
        if schema_state(engine)[0] == "old":
            upgrade(engine)
        refresh(engine)
    finally:
        engine.dispose()


def _fill(url: str, documents: int, seed: int, log) -> dict:
    from sqlalchemy import func, insert, select

    from db import choose_answers
    from db.indicators import load_catalog, sync_catalog
    from db.migrate import open_database
    from db.models import Document, Fact, Indicator, Region
    from db.session import in_write_transaction

    rng = random.Random(f"{seed}:bulk")
    engine = open_database(url)
    catalog = load_catalog()
    in_write_transaction(engine, lambda s: sync_catalog(s, catalog))
    with engine.begin() as conn:
        codes = dict(conn.execute(select(Indicator.code, Indicator.id)).all())
        next_id = conn.scalar(select(func.max(Indicator.id))) + 1
        others = _other_codes()
        conn.execute(insert(Indicator), [
            {"id": next_id + i, "code": f"other:{name}", "zh": name, "en": "", "unit": unit,
             "better": "higher", "headline": False} for i, (name, unit) in enumerate(others)])
        other_ids = [next_id + i for i in range(len(others))]
        places, region_rows = _regions(documents)
        conn.execute(insert(Region), region_rows)

    pairs = [(place, year) for place in places for year in report_years(20)]
    chosen = sorted(rng.sample(range(len(pairs)), min(documents, len(pairs))))
    # Zipf-like: the hundredth code is used a hundredth as often as the first.
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(other_ids))))
    facts = 0
    reports_of: dict[str, int] = {}
    batch_docs, batch_facts = [], []
    for doc_id, index in enumerate(chosen, 1):
        place, year = pairs[index]
        if place["level"] == "county":
            reports_of[place["name"]] = reports_of.get(place["name"], 0) + 1
        doc, rows = _document(rng, doc_id, place, year, codes, other_ids, weights, others)
        batch_docs.append(doc)
        batch_facts += rows
        if len(batch_docs) == 1000 or doc_id == len(chosen):
            with engine.begin() as conn:
                conn.execute(insert(Document), batch_docs)
                conn.execute(insert(Fact), batch_facts)
            facts += len(batch_facts)
            batch_docs, batch_facts = [], []
            if doc_id % 10_000 == 0:
                log(f"  {doc_id} documents, {facts} facts")
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    # As the end of an ingest does: the facts were inserted without marking their years.
    log("  choosing the outcome of each target")
    choose_answers.refresh(engine)
    engine.dispose()
    return {"documents": len(chosen), "facts": facts, "regions": len(region_rows),
            "indicators": len(codes) + len(others), "sample_region": max(reports_of, key=reports_of.get)}


def _other_codes() -> list[tuple[str, str]]:
    """(name, unit) of every count the corpus generator can write ("新建乡镇幼儿园", "所")."""
    c = words()["counts"]
    return [(verb + place + thing, unit)
            for thing, unit, *_ in c["things"] for place in c["places"] for verb in c["verbs"]]


def _regions(documents: int) -> tuple[list[dict], list[dict]]:
    """Reporting places (every region) and the rows of the regions table, parents first."""
    counties = invent_regions(max(1, round(documents / 20 * 1.2 * 0.88)))
    rows: list[dict] = []
    ids: dict[str, int] = {}

    def add(name: str, level: str, parent: str | None, path: str, size: float) -> None:
        ids[path] = len(rows) + 1
        rows.append({"id": ids[path], "name": name, "level": level, "parent_id": ids.get(parent) if parent else None,
                     "division_code": None, "path": path, "_size": size})

    for c in counties:
        if c.province not in ids:
            add(c.province, "province", None, c.province, 30.0)
        prefecture_path = f"{c.province}/{c.prefecture}"
        if prefecture_path not in ids:
            add(c.prefecture, "prefecture", c.province, prefecture_path, 6.0)
        add(c.name, "county", prefecture_path, f"{prefecture_path}/{c.name}", c.size)
    places = [{"id": r["id"], "name": r["name"], "level": r["level"], "size": r.pop("_size")} for r in rows]
    return places, rows


_LEVEL_WORD = {"province": "省", "prefecture": "市"}


def _document(rng: random.Random, doc_id: int, place: dict, year: int, codes: dict[str, int],
              other_ids: list[int], weights: list[float], others: list[tuple[str, str]]):
    level = _LEVEL_WORD.get(place["level"], place["name"][-1])
    facts = _headline(rng, place["size"], year) + _counts(rng, year, other_ids, weights, others)
    lines, rows, offset = [], [], 0
    title = f"{place['name']}{year}年政府工作报告"
    lines.append(title)
    offset += len(title) + 1
    for kind, fact_year, code, measure, value, unit, comparator, sentence in facts:
        indicator = codes[code] if isinstance(code, str) else code
        rows.append({
            "document_id": doc_id, "region_id": place["id"], "indicator_id": indicator, "kind": kind,
            "year": fact_year, "report_year": year, "measure": measure, "value": value, "unit": unit,
            "comparator": comparator, "strive": False, "estimated": False, "sentence": sentence,
            "start": offset, "end": offset + len(sentence), "name": "", "region_level": level,
            "source_type": None, "source_title": None, "source_url": None})
        lines.append(sentence + "。")
        offset += len(sentence) + 2
    text = "\n".join(lines)
    source = f"/bulk/{place['id']:05d}_{year}.txt"
    doc = {"id": doc_id, "source": source, "sha256": hashlib.sha256(source.encode()).hexdigest(),
           "doc_type": "work_report", "region_id": place["id"], "report_year": year, "title": title,
           "text": text}
    return doc, rows


def _headline(rng: random.Random, size: float, year: int) -> list[tuple]:
    """Twelve outcomes of the reviewed year and eight targets of the plan year."""
    review = year - 1
    gdp = size * 15e9 * 1.09 ** (review - 2005)
    urban = 9000 * 1.09 ** (review - 2005) * rng.uniform(0.8, 1.25)
    rural = "rural_net_income" if review < 2014 else "rural_disposable_income"

    def g(lo: float, hi: float) -> float:
        return round(rng.uniform(lo, hi), 1)

    out = []
    for code, measure, value, unit, words_ in [
        ("gdp", "level", round(gdp, -6), "元", "地区生产总值"), ("gdp", "growth", g(3, 11), "%", "地区生产总值增长"),
        ("general_budget_revenue", "level", round(gdp * 0.06, -4), "元", "一般公共预算收入"),
        ("general_budget_revenue", "growth", g(2, 15), "%", "一般公共预算收入增长"),
        ("fixed_asset_investment", "growth", g(-5, 20), "%", "固定资产投资增长"),
        ("retail_sales", "level", round(gdp * 0.35, -4), "元", "社会消费品零售总额"),
        ("retail_sales", "growth", g(4, 14), "%", "社会消费品零售总额增长"),
        ("urban_disposable_income", "level", round(urban), "元", "城镇居民人均可支配收入"),
        ("urban_disposable_income", "growth", g(5, 10), "%", "城镇居民人均可支配收入增长"),
        (rural, "growth", g(6, 12), "%", "农村居民收入增长"),
        ("new_urban_jobs", "level", round(size * rng.uniform(3000, 9000), -1), "人", "新增城镇就业"),
        ("registered_unemployment_rate", "level", g(1.8, 4.2), "%", "城镇登记失业率"),
    ]:
        out.append(("outcome", review, code, measure, value, unit, "exact", words_ + _say(value, unit)))
    for code, measure, value, unit, comparator, words_ in [
        ("gdp", "growth", float(rng.randint(6, 10)), "%", "approx", "地区生产总值增长"),
        ("general_budget_revenue", "growth", float(rng.randint(4, 10)), "%", "at_least", "一般公共预算收入增长"),
        ("fixed_asset_investment", "growth", float(rng.randint(8, 15)), "%", "approx", "固定资产投资增长"),
        ("retail_sales", "growth", float(rng.randint(8, 12)), "%", "approx", "社会消费品零售总额增长"),
        ("urban_disposable_income", "growth", float(rng.randint(7, 10)), "%", "approx", "城镇居民人均可支配收入增长"),
        ("rural_net_income" if year <= 2014 else "rural_disposable_income", "growth", float(rng.randint(8, 11)), "%",
         "approx", "农村居民收入增长"),
        ("registered_unemployment_rate", "level", 4.0, "%", "at_most", "城镇登记失业率控制在"),
        ("new_urban_jobs", "level", round(size * 5000, -1), "人", "at_least", "新增城镇就业"),
    ]:
        out.append(("target", year, code, measure, value, unit, comparator, words_ + _say(value, unit)))
    return out


def _say(value: float, unit: str) -> str:
    if unit == "元" and value >= 1e8:
        return f"{value / 1e8:.2f}亿元"
    if unit == "元" and value >= 1e5:
        return f"{value / 1e4:.0f}万元"
    return f"{value:g}{unit}"


def _counts(rng: random.Random, year: int, other_ids: list[int], weights: list[float],
            others: list[tuple[str, str]]) -> list[tuple]:
    first = other_ids[0]
    picks = rng.choices(other_ids, cum_weights=weights, k=FACTS_PER_DOCUMENT - 20)
    out = []
    for i, indicator in enumerate(picks):
        name, unit = others[indicator - first]
        kind, fact_year = ("outcome", year - 1) if i % 2 else ("target", year)
        value = float(rng.randint(2, 500))
        out.append((kind, fact_year, indicator, "level", value, unit, "exact", f"{name}{value:g}{unit}"))
    return out
