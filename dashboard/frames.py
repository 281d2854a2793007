"""What each view draws: scorecard rows → the exact rows and columns a chart plots.

The same frame is handed to the chart and to the "Download CSV" button, so the file always
holds what the chart shows. Everything here is pure pandas on frames the database already
filtered; nothing reads the database or Streamlit.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from db.rules import Tolerances, default_tolerances

# One row per target, as db.queries.scorecard returns it.
SCORECARD_COLUMNS = (
    "region", "region_level", "parent_region", "province", "indicator", "indicator_zh",
    "indicator_en", "better", "measure", "year", "target_value", "target_value_high", "unit", "comparator", "strive",
    "target_sentence", "target_document_id", "target_start", "target_end", "outcome_value",
    "outcome_estimated", "outcome_derived", "outcome_source_type", "outcome_source_title",
    "outcome_sentence", "outcome_document_id", "status", "gap",
)

STATUSES = ("exceeded", "met", "missed", "pending", "not comparable", "qualitative")
COMPARATORS = ("approx", "at_least", "at_most", "exact", "range")
OUTCOME_KINDS = ("final", "estimated", "derived", "none")

# Which statuses count as what in the totals; qualitative targets carry no number and are not scored.
TOTAL_GROUPS = {
    "kept": ("exceeded", "met"),
    "missed": ("missed",),
    "pending": ("pending",),
    "not comparable": ("not comparable",),
}

PROMISE_COLUMNS = [
    "region", "indicator", "indicator_zh", "indicator_en", "measure", "unit", "year",
    "comparator", "strive", "target_value", "target_value_high", "target_low", "target_high",
    "outcome_value", "outcome_kind", "status", "gap",
    "target_document_id", "outcome_document_id", "outcome_source_title", "outcome_fact_id",
]
# The documents a chart's figures come from: one row per year and role (target, outcome).
SOURCE_COLUMNS = ["region", "year", "role", "title", "url", "report_year", "doc_type"]
# Who keeps promises: one row per region.
KEEPER_COLUMNS = ["region", "region_level", "parent_region", "kept", "missed", "scored", "pending",
                  "share_kept", "first_year", "last_year"]
COMPARE_COLUMNS = ["region", "region_level", "parent_region"] + PROMISE_COLUMNS[1:]
CHAIN_COLUMNS = [
    "region", "region_level", "indicator", "indicator_zh", "indicator_en", "measure", "unit",
    "year", "target_value", "target_value_high", "comparator", "strive", "target_sentence",
]
SPREAD_COLUMNS = [
    "region", "region_level", "reference_region", "indicator", "measure", "unit", "year",
    "target_value", "target_value_high", "comparator", "reference_target_value", "reference_target_value_high",
    "reference_comparator", "excess",
]
TABLE_COLUMNS = [
    "region", "year", "indicator", "indicator_zh", "indicator_en", "measure", "unit",
    "comparator", "strive", "target_value", "outcome_value", "outcome_kind", "gap", "status",
    "target_sentence", "outcome_sentence", "outcome_source_type", "outcome_source_title",
    "outcome_document_id",
]
# Units in which the gap between two governments' targets means something (points of growth).
RATE_UNITS = ("%", "pp")


def empty_scorecard() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in SCORECARD_COLUMNS})


def outcome_kind(frame: pd.DataFrame) -> pd.Series:
    """final | estimated | derived | none, for each row of a scorecard frame."""
    kinds = np.select(
        [frame["outcome_value"].isna(), frame["outcome_derived"].fillna(False).astype(bool),
         frame["outcome_estimated"].fillna(False).astype(bool)],
        ["none", "derived", "estimated"],
        default="final",
    )
    return pd.Series(kinds, index=frame.index, dtype=object)


def apply_filters(frame: pd.DataFrame, statuses: Iterable[str] = (),
                  comparators: Iterable[str] = (), outcome_kinds: Iterable[str] = ()) -> pd.DataFrame:
    """Keep the rows matching each non-empty filter; an empty filter keeps everything."""
    keep = pd.Series(True, index=frame.index)
    if statuses:
        keep &= frame["status"].isin(list(statuses))
    if comparators:
        keep &= frame["comparator"].isin(list(comparators))
    if outcome_kinds:
        keep &= outcome_kind(frame).isin(list(outcome_kinds))
    return frame[keep]


def target_band(values: pd.Series, comparators: pd.Series, units: pd.Series,
                tolerances: Tolerances | None = None, tops: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """Low and high edge of each target: a band around a 左右 target, the stated band of a
    range (its top in `tops`), open on one side for a bound.

    The band is the judging tolerance (db/data/judging.toml), so an outcome drawn inside the
    band of a 左右 target is one the scorecard calls met.
    """
    tol = tolerances or default_tolerances()
    value = values.to_numpy(dtype=float, na_value=np.nan)
    half = np.where(units.isin(RATE_UNITS).to_numpy(dtype=bool), tol.points, np.abs(value) * tol.level_percent / 100)
    comparator = comparators.to_numpy(dtype=object)
    approx = comparator == "approx"
    low = np.where(comparator == "at_most", np.nan, np.where(approx, value - half, value))
    high = np.where(comparator == "at_least", np.nan, np.where(approx, value + half, value))
    if tops is not None:
        high = np.where(comparator == "range", tops.to_numpy(dtype=float, na_value=np.nan), high)
    return pd.Series(low, index=values.index), pd.Series(high, index=values.index)


def promises(frame: pd.DataFrame) -> pd.DataFrame:
    """Targets and outcomes over the years, one row per target."""
    out = frame[[c for c in frame.columns if c in _PROMISE_SOURCES]].take(_promise_order(frame))
    out["target_low"], out["target_high"] = target_band(
        out["target_value"].astype(float), out["comparator"], out["unit"],
        tops=out["target_value_high"].astype(float) if "target_value_high" in out else None)
    out["outcome_kind"] = outcome_kind(out)
    # Without evidence (db.queries.EVIDENCE_COLUMNS) the outcome's source is left empty.
    return out.reindex(columns=PROMISE_COLUMNS).reset_index(drop=True)


# What promises() reads of a scorecard: the columns it keeps, and those an outcome's kind is
# made of. A scorecard's others (its sentences above all) are left uncopied.
_PROMISE_SOURCES = frozenset(PROMISE_COLUMNS) | {"outcome_derived", "outcome_estimated"}
_PROMISE_ORDER = ("indicator", "measure", "region", "year")


def _promise_order(frame: pd.DataFrame) -> np.ndarray:
    """The positions of the rows with a target, by indicator, measure, region and year (ties
    as they come): ordered by each key's codes, as sort_values would order the rows, without
    sorting the keys' strings."""
    rows = np.flatnonzero(frame["target_value"].notna().to_numpy())
    codes = [pd.factorize(frame[key].take(rows), sort=True, use_na_sentinel=False)[0] for key in _PROMISE_ORDER]
    return rows[np.lexsort(codes[::-1])]


def in_order(frame: pd.DataFrame, column: str, order: Sequence[str]) -> pd.DataFrame:
    """The rows with `column`'s values in the given order (others last), otherwise as they were."""
    rank = {value: i for i, value in enumerate(order)}
    return frame.sort_values(column, key=lambda values: values.map(lambda v: rank.get(v, len(rank))),
                             kind="stable").reset_index(drop=True)


def sources(rows: pd.DataFrame, documents: pd.DataFrame, named: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where each plotted figure comes from: for every row of `rows` (promises), the document
    that set the target and the one that gave the outcome, with title and link from
    `documents` (a listing with id, title, url, report_year, doc_type). An outcome from an
    imported table cites the publication its row names (`named`: fact id, source_type,
    source_title, source_url), not the table."""
    docs = {int(d["id"]): d for d in documents.to_dict("records")}
    own = {int(n["id"]): n for n in named.to_dict("records")} if named is not None else {}
    out = []
    for r in rows.to_dict("records"):
        for role in ("target", "outcome"):
            doc_id = r.get(f"{role}_document_id")
            doc = docs.get(int(doc_id)) if pd.notna(doc_id) else None
            fact_id = r.get("outcome_fact_id") if role == "outcome" else None
            cited = own.get(int(fact_id)) if fact_id is not None and pd.notna(fact_id) else None
            if cited is not None and (doc is None or doc["doc_type"] == "imported_table"):
                out.append(_source(r, role, cited["source_title"], cited["source_url"], None, cited["source_type"]))
            elif doc is not None:
                out.append(_source(r, role, doc["title"], doc["url"], doc["report_year"], doc["doc_type"]))
            elif role == "outcome" and isinstance(r.get("outcome_source_title"), str) and r["outcome_source_title"]:
                out.append(_source(r, role, r["outcome_source_title"], None, None, "imported_table"))
    return pd.DataFrame(out, columns=SOURCE_COLUMNS)


def _source(row: dict, role: str, title, url, report_year, doc_type) -> dict:
    return {"region": row["region"], "year": row["year"], "role": role, "title": title,
            "url": url if isinstance(url, str) and url else None, "report_year": report_year,
            "doc_type": doc_type}


def keepers(frame: pd.DataFrame) -> pd.DataFrame:
    """Per region: targets kept (met or exceeded) and missed, the share kept of those two,
    and those still pending; the highest share first, more targets judged breaking ties."""
    if frame.empty:
        return pd.DataFrame(columns=KEEPER_COLUMNS)
    group_of = {status: group for group, members in TOTAL_GROUPS.items() for status in members}
    rows = frame.assign(group=frame["status"].map(group_of))
    keys = ["region", "region_level", "parent_region"]
    counts = (rows.dropna(subset=["group"]).groupby(keys, dropna=False)["group"].value_counts()
              .unstack("group", fill_value=0).reindex(columns=["kept", "missed", "pending"], fill_value=0))
    years = rows.groupby(keys, dropna=False)["year"].agg(["min", "max"])
    out = counts.join(years).reset_index().rename(columns={"min": "first_year", "max": "last_year"})
    out["scored"] = out["kept"] + out["missed"]
    out["share_kept"] = (out["kept"] / out["scored"]).where(out["scored"] > 0).round(3)
    out = out.sort_values(["share_kept", "scored", "region"], ascending=[False, False, True], na_position="last")
    return out[KEEPER_COLUMNS].reset_index(drop=True)


def indicator_groups(frame: pd.DataFrame, order: Sequence[str] = ()) -> list[tuple[tuple[str, str, str], pd.DataFrame]]:
    """(indicator, measure, unit) → its rows, one chart each: the most-promised first, ties in
    `order` (the catalog's, which puts GDP first)."""
    if frame.empty:
        return []
    groups = dict(tuple(frame.groupby(["indicator", "measure", "unit"], sort=False)))
    rank = {code: i for i, code in enumerate(order)}
    ordered = sorted(groups, key=lambda key: (-len(groups[key]), rank.get(key[0], len(rank)), key))
    return [(key, groups[key].reset_index(drop=True)) for key in ordered]


def totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Kept, missed, pending (and not comparable) targets per region and year."""
    columns = ["region", "year", *TOTAL_GROUPS, "total"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    group_of = {status: group for group, members in TOTAL_GROUPS.items() for status in members}
    scored = frame.assign(group=frame["status"].map(group_of)).dropna(subset=["group"])
    counts = (scored.groupby(["region", "year", "group"]).size()
              .unstack("group", fill_value=0)
              .reindex(columns=list(TOTAL_GROUPS), fill_value=0))
    counts["total"] = counts.sum(axis=1)
    return counts.reset_index()[columns].sort_values(["region", "year"]).reset_index(drop=True)


def scorecard_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Every target with its outcome, gap, status and both source sentences, the latest year
    first (a table cut at some length keeps the years a reader asks about first)."""
    out = frame.assign(outcome_kind=outcome_kind(frame))
    out = out.sort_values(["year", "region", "indicator", "measure"], ascending=[False, True, True, True])
    return out[TABLE_COLUMNS].reset_index(drop=True)


def compare(frame: pd.DataFrame, indicator: str, measure: str, year: int) -> pd.DataFrame:
    """One indicator across regions for one year."""
    rows = frame[(frame["indicator"] == indicator) & (frame["measure"] == measure) & (frame["year"] == year)]
    plotted = promises(rows) if not rows.empty else pd.DataFrame(columns=PROMISE_COLUMNS)
    extra = rows.drop_duplicates("region").set_index("region")[["region_level", "parent_region"]]
    plotted = plotted.join(extra, on="region")
    return plotted.sort_values("region")[COMPARE_COLUMNS].reset_index(drop=True)


def ancestry(region: str, parents: Mapping[str, str | None]) -> list[str]:
    """The region and every government above it, top-down (province first)."""
    chain, seen = [], set()
    while region and region not in seen:
        seen.add(region)
        chain.append(region)
        region = parents.get(region)
    return chain[::-1]


def escalation_chain(frame: pd.DataFrame, chain: list[str], indicator: str, measure: str,
                     year: int) -> pd.DataFrame:
    """Targets of a region and the governments above it, top-down, for one indicator and year."""
    rows = frame[(frame["indicator"] == indicator) & (frame["measure"] == measure)
                 & (frame["year"] == year) & frame["region"].isin(chain)
                 & frame["target_value"].notna()]
    order = {name: i for i, name in enumerate(chain)}
    rows = rows.assign(_order=rows["region"].map(order)).sort_values("_order")
    return rows[CHAIN_COLUMNS].reset_index(drop=True)


def escalation_spread(frame: pd.DataFrame, parents: Mapping[str, str | None], level: str,
                      indicator: str, measure: str, year: int) -> pd.DataFrame:
    """For each region of a level: its target minus that of the nearest government above it
    that set one (the parent, else the province), for one indicator and year."""
    rows = frame[(frame["indicator"] == indicator) & (frame["measure"] == measure)
                 & (frame["year"] == year) & frame["target_value"].notna()
                 & frame["unit"].isin(RATE_UNITS)]
    # Plain dicts: a frame's row object, built for each of thousands of regions, is far dearer.
    by_region = {row["region"]: row for row in rows.drop_duplicates("region").to_dict("records")}
    records = []
    for region, row in by_region.items():
        if row["region_level"] != level:
            continue
        above = [r for r in ancestry(region, parents)[:-1][::-1] if r in by_region]
        if not above:
            continue
        ref = by_region[above[0]]
        records.append({
            "region": region, "region_level": level, "reference_region": above[0],
            "indicator": indicator, "measure": measure, "unit": row["unit"], "year": year,
            "target_value": row["target_value"], "target_value_high": row.get("target_value_high"),
            "comparator": row["comparator"], "reference_target_value": ref["target_value"],
            "reference_target_value_high": ref.get("target_value_high"), "reference_comparator": ref["comparator"],
            "excess": round(float(row["target_value"]) - float(ref["target_value"]), 6),
        })
    out = pd.DataFrame.from_records(records, columns=SPREAD_COLUMNS)
    return out.sort_values(["excess", "region"], ascending=[False, True]).reset_index(drop=True)
