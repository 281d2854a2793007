"""A PDF report's text layer as plain text, page after page, its line wrapping kept."""
from __future__ import annotations

import io
import logging

from etl.errors import InputError

__all__ = ["pdf_text"]

# pypdf logs its repairs of damaged files as warnings; on the CLI they would interleave
# with our own one-line error messages. Real failures still raise.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def pdf_text(data: bytes, name: str) -> str:
    """The text of every page; InputError if the file is damaged, locked or has no text."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader, name)
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    # pypdf reports damage as any of a dozen exception types from its parser layers.
    except Exception as e:
        raise InputError(name, "corrupt or truncated pdf") from e
    text = "\n".join(page.rstrip("\n") for page in pages)
    if not text.strip():
        raise InputError(name, "pdf has no text layer (scanned?)")
    return text


def _unlock(reader, name: str) -> None:
    """Open PDFs that are encrypted with an empty password (common: 'no printing' flags)."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except Exception:
        unlocked = 0
    if not unlocked:
        raise InputError(name, "pdf is password-protected")
