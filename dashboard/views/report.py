"""Report view: a document's text with each extracted fact marked and numbered like its row."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, export
from dashboard.highlight import highlighted_html
from dashboard.views.common import Context, download_csv, empty, pick, readable_facts, unavailable
from etl.verbatim import original_offsets

TEXT_HEIGHT = 560
FACT_COLUMNS = ["number", "region", "kind", "year", "indicator", "indicator_zh", "measure", "value",
                "unit", "comparator", "strive", "estimated", "sentence", "start", "end"]


def verbatim(doc: dict, facts: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The text as the document has it, with the facts' offsets and sentences in it: a quote
    must be the report's own words ("各位代表：", not the "各位代表:" facts are read from).
    The table under the text and its CSV carry the same sentences and offsets, those of the
    text shown. A document stored before its text as read was kept shows its normalised text."""
    text, original = doc["text"] or "", doc.get("original_text")
    if not original or facts.empty or "start" not in facts:
        return original or text, facts
    offsets = original_offsets(original, text)
    located = facts["start"].notna() & facts["end"].notna()
    starts = [offsets[int(s)] for s in facts.loc[located, "start"]]
    ends = [offsets[int(e)] for e in facts.loc[located, "end"]]
    facts = facts.copy()
    facts.loc[located, "start"], facts.loc[located, "end"] = starts, ends
    facts.loc[located, "sentence"] = [original[s:e] for s, e in zip(starts, ends)]
    return original, facts


def draw(ctx: Context) -> None:
    if unavailable(ctx):
        return
    docs = data.documents(ctx.url, tuple(ctx.sel.regions))
    docs = docs[docs["region"].isin(ctx.sel.regions)]     # names resolve to former names too: list the chosen
    # The latest report first: the one a reader most often wants, and the first one shown.
    docs = docs.sort_values("report_year", ascending=False, na_position="last", kind="stable")
    if docs.empty:
        empty(ctx, "no_documents")
        return
    titles = {int(r.id): f"{r.title or r.source} · {r.region} · {'' if pd.isna(r.report_year) else int(r.report_year)}"
              for r in docs.itertuples()}
    doc_id = pick(ctx, "document", ctx.labels.ui("document"), list(titles), format_func=titles.get)
    doc = data.document(ctx.url, int(doc_id))
    if doc is None:
        empty(ctx, "no_documents")
        return
    facts = pd.DataFrame(doc["facts"])
    facts.insert(0, "number", range(1, len(facts) + 1))
    text, facts = verbatim(doc, facts)
    spans = zip(facts.get("start", []), facts.get("end", []), facts["number"]) if len(facts) else []
    # Escaped in highlighted_html, sanitised again by st.html: the text is never trusted.
    # It scrolls in its own box so the table of facts stays in reach.
    with st.container(height=TEXT_HEIGHT, border=True):
        st.html(highlighted_html(text, spans))
    st.subheader(ctx.labels.ui("facts_in_document"))
    table = facts.reindex(columns=FACT_COLUMNS)
    st.dataframe(readable_facts(table, ctx), hide_index=True, key="report-facts")
    name = export.file_name("report-facts", [doc["region"] or ""], [doc["report_year"]] if doc["report_year"] else [])
    download_csv(table, name, key="csv-report", labels=ctx.labels)
