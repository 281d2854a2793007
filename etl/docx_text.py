"""A Word .docx report as plain text: paragraphs and table cells in document order."""
from __future__ import annotations

import io

from etl.errors import InputError

__all__ = ["docx_text"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls


def docx_text(data: bytes, name: str) -> str:
    """One paragraph per line; InputError for a legacy .doc or a damaged file."""
    import docx

    if data.startswith(_OLE2_MAGIC):
        raise InputError(name, "old word .doc format, not docx")
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_lines(document))
    # python-docx reports damage as whatever its zip and XML layers raise.
    except Exception as e:
        raise InputError(name, "corrupt or truncated docx") from e


def _docx_lines(container, seen: set | None = None):
    """Paragraphs and table cells in document order, one paragraph per line."""
    from docx.text.paragraph import Paragraph

    seen = set() if seen is None else seen
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
            continue
        for row in block.rows:
            for cell in row.cells:
                # A merged cell is returned once for every grid column it spans.
                # Keeping the element itself (not its id) keeps its proxy alive, so
                # the same cell always comes back as the same object.
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                yield from _docx_lines(cell, seen)
