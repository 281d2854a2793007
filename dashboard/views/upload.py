"""Add a report: upload a report or a published-figures table; it is ingested and appears."""
from __future__ import annotations

import json

import streamlit as st

from dashboard import data, sidebar, turns
from dashboard.upload import MAX_MB, SUFFIXES, UploadResult, ingest_upload
from dashboard.views.common import Context

RESULT_KEY = "upload_result"


# Streamlit writes its file uploader's button and limits in English only; in another language
# they are hidden and the reader's words are drawn in their place.
_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {browse}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limits}; font-size: 0.75rem; }}
</style>"""


def _uploader_words(labels) -> str:
    types = "、".join(s.lstrip(".").upper() for s in SUFFIXES if s != ".htm")
    return _UPLOADER_CSS.format(browse=json.dumps(labels.ui("upload_browse"), ensure_ascii=False),
                                limits=json.dumps(labels.ui("upload_limits", limit=MAX_MB, types=types),
                                                  ensure_ascii=False))


def draw(ctx: Context) -> None:
    labels = ctx.labels
    _show(st.session_state.pop(RESULT_KEY, None), ctx)
    st.caption(labels.ui("upload_intro"))
    if labels.lang != "en":
        st.html(_uploader_words(labels))
    uploaded = st.file_uploader(labels.ui("upload_file"), type=[s.lstrip(".") for s in SUFFIXES],
                                key="upload_file", max_upload_size=MAX_MB)
    left, right = st.columns(2)
    region = left.text_input(labels.ui("upload_region"), key="upload_region").strip()
    year = right.number_input(labels.ui("upload_year"), min_value=1949, max_value=2100, value=None,
                              step=1, key="upload_year")
    new_region = st.checkbox(labels.ui("upload_new_region"), key="upload_new_region")
    if not st.button(labels.ui("upload_button"), key="upload_button", disabled=uploaded is None, type="primary"):
        return
    from db.config import data_dir

    with st.spinner(), turns.aside():
        result = ingest_upload(data.engine(ctx.url), uploaded.name, uploaded.getvalue(), data_dir(),
                               region=region or None, year=int(year) if year else None, new_region=new_region)
    if result.ok:
        # Everything cached may now be out of date; rerun so the sidebar offers the new region,
        # chosen in this reader's selection (and no one else's: the default view stays).
        data.forget()
        st.session_state[RESULT_KEY] = result
        st.session_state[sidebar.REGIONS_TO_ADD] = result.regions
        st.rerun()
    _show(result, ctx)


def _show(result: UploadResult | None, ctx: Context) -> None:
    if result is None:
        return
    message = ctx.labels.ui(result.message, **result.values)
    (st.success if result.ok else st.error)(message)
    if result.detail:
        # The file's name and the reason come from the file: shown as plain text.
        st.text(result.detail)
    if not result.ok:
        st.caption(ctx.labels.ui("upload_fill_in"))
