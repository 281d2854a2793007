"""A Word .docx report as plain text: paragraphs and table cells in document order."""
from __future__ import annotations

import copy
import io
import zipfile

from etl.errors import InputError
from etl.input_files import MAX_BYTES

__all__ = ["docx_text", "MAX_UNPACKED_BYTES", "MAX_XML_PART_BYTES"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls

# A .docx is a zip archive, and a zip can hold a thousand times its own size: unpacking it
# whole costs memory and time with what it holds, not with the file. The sizes the zip
# states are checked before anything is unpacked, and what each part really holds before
# python-docx reads it (see _check_unpacked_sizes), so such a file is refused in a moment:
# - All parts together may unpack to no more than the largest file read directly
#   (MAX_BYTES, 200 MB): pictures are stored packed as they are, so a report's docx unpacks
#   to little more than its own size; only a bomb goes far beyond it.
# - One XML part (word/document.xml above all) may unpack to MAX_XML_PART_BYTES. A report's
#   document.xml is a few hundred KB to a few MB (its 10,000-60,000 characters with Word's
#   formatting around every run); 32 MB leaves room for several times the longest while
#   bounding the parse, which takes about ten times the XML's size in memory.
MAX_UNPACKED_BYTES = MAX_BYTES
MAX_XML_PART_BYTES = 32 * 1024 * 1024
_CHUNK = 1024 * 1024


def docx_text(data: bytes, name: str) -> str:
    """One paragraph per line; InputError for a legacy .doc, a damaged file, or one that
    would unpack to more than the limits above."""
    import docx

    if data.startswith(_OLE2_MAGIC):
        raise InputError(name, "old word .doc format, not docx")
    try:
        _check_unpacked_sizes(data, name)
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_lines(document))
    except InputError:
        raise
    # python-docx reports damage as whatever its zip and XML layers raise.
    except Exception as e:
        raise InputError(name, "corrupt or truncated docx") from e


def _check_unpacked_sizes(data: bytes, name: str) -> None:
    """InputError if the archive unpacks to more than the limits.

    The sizes the zip's directory states are checked first, which costs nothing. A directory
    can lie, and zipfile's `read()` (which python-docx uses) decompresses a whole member in
    one step before cutting it to the stated size; so every member is then unpacked here a
    megabyte at a time, allowed one byte more than it states. A member that holds more is
    refused having unpacked no more than its stated size, which the limits bound: as a bad
    CRC (zipfile checks it on that extra byte) or, should the CRC match, as a member larger
    than it says.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        if total > MAX_UNPACKED_BYTES:
            raise InputError(name, _too_large(total, MAX_UNPACKED_BYTES))
        for member in members:
            if member.file_size > MAX_XML_PART_BYTES and member.filename.lower().endswith((".xml", ".rels")):
                raise InputError(name, _too_large(member.file_size, MAX_XML_PART_BYTES, member.filename))
        for member in members:
            if _unpacked_size(archive, member) > member.file_size:
                raise InputError(name, f"corrupt docx: {member.filename} holds more than it states")


def _unpacked_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    """How many bytes `member` unpacks to, up to one more than it states (BadZipFile on a bad CRC)."""
    probe = copy.copy(member)
    probe.file_size = member.file_size + 1
    unpacked = 0
    with archive.open(probe) as stream:
        while unpacked <= member.file_size and (chunk := stream.read(_CHUNK)):
            unpacked += len(chunk)
    return unpacked


def _too_large(size: int, limit: int, part: str = "") -> str:
    where = f"{part}: " if part else ""
    return f"too large when unpacked ({where}{_mb(size)} MB; the limit is {_mb(limit)} MB)"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.{0 if size >= 1024 * 1024 else 1}f}"


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
