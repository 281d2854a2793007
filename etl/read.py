"""Report files to plain text.

`read_path` fetches the bytes (refusing what is not a usable file) and `to_document` turns
bytes in any supported format into the document's text, one paragraph per line, with
the web-site furniture that scrapers copy along removed, and the title and address that
a Markdown front matter carries. Both raise `InputError` with a short reason that the
CLI prints as is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.docx_text import docx_text
from etl.errors import InputError
from etl.furniture import tidy
from etl.html_text import html_text
from etl.input_files import MAX_BYTES, SUPPORTED_SUFFIXES, read_path, shown_name
from etl.markdown import markdown_text, split_front_matter
from etl.pdf_text import pdf_text
from etl.text_decoding import decode_text
from etl.wrapped_lines import join_wrapped_lines, looks_wrapped

__all__ = ["SUPPORTED_SUFFIXES", "MAX_BYTES", "SourceText", "read_path", "shown_name", "to_document",
           "to_text"]

_HTML_MARKER = re.compile(r"<html|<body", re.IGNORECASE)


@dataclass(frozen=True)
class SourceText:
    """A document's text, and what travels with it: a title and the address it was found at."""
    text: str
    title: str = ""
    url: str = ""


def to_text(data: bytes, name: str) -> str:
    """The plain text of a document given as bytes; `name`'s suffix picks the format."""
    return to_document(data, name).text


def to_document(data: bytes, name: str) -> SourceText:
    """The text of a document given as bytes, with its front matter's title and source."""
    if not data:
        raise InputError(name, "empty file")
    kind = _format_of(data, name)
    fields, text = _format_text(kind, data, name)
    text = tidy(text)
    if kind == "pdf" or kind in ("text", "markdown") and looks_wrapped(text):
        text = join_wrapped_lines(text)   # after furniture is gone, so no title joins a menu line
    if not text:
        raise InputError(name, "empty file" if kind in ("text", "markdown") else "no text found")
    return SourceText(text, fields.get("title", ""), fields.get("source") or fields.get("url", ""))


def _format_of(data: bytes, name: str) -> str:
    """'docx', 'pdf', 'html', 'markdown' or 'text'.

    A container's signature wins over the suffix (a PDF saved as .txt is still a PDF);
    for text, the suffix decides and `to_document` still sniffs for HTML after decoding.
    """
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data[:1024].lstrip()[:5] == b"%PDF-":
        return "pdf"
    suffix = Path(name).suffix.lower()
    if suffix in (".docx", ".pdf"):
        return suffix[1:]  # wrong signature: the parser reports the file as corrupt
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def _format_text(kind: str, data: bytes, name: str) -> tuple[dict[str, str], str]:
    """The front matter's fields (Markdown only) and the text, as the format gives it."""
    if kind == "docx":
        return {}, docx_text(data, name)
    if kind == "pdf":
        return {}, pdf_text(data, name)
    text = decode_text(data, name)
    if kind == "markdown":
        fields, text = split_front_matter(text)
        return fields, markdown_text(text)
    if kind == "html" or _HTML_MARKER.search(text):
        return {}, html_text(text)
    return {}, text
