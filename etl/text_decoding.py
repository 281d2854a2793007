"""The bytes of a text or HTML document to str, in whatever encoding they were saved.

A byte order mark, strict UTF-8 and an HTML page's declared charset are tried before
statistical detection; a file whose lines mix UTF-8 and GBK is read a line at a time;
text with a few damaged bytes is still read.
"""
from __future__ import annotations

import codecs
import re

from etl.errors import InputError

__all__ = ["decode_text"]

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# GBK and GB2312 are subsets of GB18030; decoding as the superset loses nothing and
# keeps the rare characters that pages labelled GB2312 contain anyway.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "ms936", "euc_cn", "hz", "gb18030"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY = "not a text document (binary data)"

# Damaged bytes tolerated in text that no encoding decodes cleanly: at least a few, then one
# in a hundred characters (the share of control characters `_looks_binary` tolerates).
_DAMAGE_ALLOWED = 8
_DAMAGE_SHARE = 100


def decode_text(data: bytes, name: str) -> str:
    """The text of `data`; InputError if no encoding gives text rather than binary noise."""
    text = _decode_guess(data)
    if text is None or _looks_binary(text):
        raise InputError(name, _BINARY)
    return text


def _decode_guess(data: bytes) -> str | None:
    """The text of `data`, trying the certain answers before the statistical one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            if text is not None:
                return text
            break
    # Strict UTF-8 is cheap to try, and GBK text practically never passes it by accident.
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    declared = _declared_charset(data)
    if declared:
        text = _try_decode(data, declared)
        if text is not None:
            return text
    return _decode_mixed(data) or _detect(data) or _decode_damaged(data)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _canonical_encoding(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name.replace("-", "_") in _GB_FAMILY else name


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its top."""
    match = _META_CHARSET.search(data[:8192])
    return _canonical_encoding(match.group(1).decode("ascii")) if match else None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = _canonical_encoding(best.encoding) or best.encoding
    if encoding == "gb18030":
        text = _try_decode(data, "gb18030")
        if text is not None:
            return text
    return str(best)


def _decode_damaged(data: bytes) -> str | None:
    """UTF-8 or GB18030 text with a few bad bytes: a download cut off inside a character, a stray byte.

    Strict decoding and detection both give up on such a file, and refusing it as binary
    loses a whole report for one character. The encoding that leaves fewer bytes undecoded
    wins (UTF-8 on a tie); a bad byte inside the text becomes U+FFFD, so the damage stays
    visible, while the first bytes of a character cut off at the very end are left out.
    """
    best = min((data.decode(encoding, errors="replace") for encoding in ("utf-8", "gb18030")),
               key=lambda text: text.count("\ufffd"))
    damaged = best.count("\ufffd")
    if damaged > max(_DAMAGE_ALLOWED, len(best) // _DAMAGE_SHARE):
        return None
    return best.removesuffix("\ufffd")


def _decode_mixed(data: bytes) -> str | None:
    """A file whose lines are some UTF-8 and some GBK, each line in its own encoding.

    Such a file comes of pasting a GBK page's paragraph into a UTF-8 report: whole, it is
    neither encoding, and was refused as binary (or the pasted line lost to U+FFFD). A line
    break is a line break in both (a GBK character's second byte is never a newline), so each
    line is decoded on its own: a line only one encoding decodes is in that one. Only a file
    with both kinds of line is read so: one with no line that only UTF-8 decodes (every GBK
    file, whatever lines of it happen to pass as UTF-8 too) is left to the steps that read it
    before. A line that both encodings decode is in the encoding of most of the file's
    bytes that only one of them decodes (UTF-8 on a tie); a line neither decodes is read with
    that one too, its bad bytes as U+FFFD, as many as `_decode_damaged` tolerates.
    """
    lines = data.split(b"\n")
    valid_utf8 = [line.isascii() or _try_decode(line, "utf-8") is not None for line in lines]
    if not any(valid and not line.isascii() for valid, line in zip(valid_utf8, lines)):
        return None  # no line for UTF-8 to claim: a GBK (or other) file
    decoded: list[str | None] = []
    only = {"utf-8": 0, "gb18030": 0}
    for line, utf8 in zip(lines, valid_utf8):
        gb = line.isascii() or _try_decode(line, "gb18030") is not None
        if utf8 != gb:
            encoding = "utf-8" if utf8 else "gb18030"
            only[encoding] += len(line)
            decoded.append(line.decode(encoding))
        else:
            decoded.append(line.decode("ascii") if line.isascii() else None)
    if not only["utf-8"] or not only["gb18030"]:
        return None
    majority = "gb18030" if only["gb18030"] > only["utf-8"] else "utf-8"
    damaged = 0
    for number, (line, text) in enumerate(zip(lines, decoded)):
        if text is None:
            text = decoded[number] = line.decode(majority, errors="replace")
            damaged += text.count("\ufffd")
    text = "\n".join(decoded)
    if damaged > max(_DAMAGE_ALLOWED, len(text) // _DAMAGE_SHARE):
        return None
    return text


def _looks_binary(text: str) -> bool:
    """Decoded bytes of an image or archive: NULs, or control characters everywhere."""
    if "\x00" in text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls > max(8, len(text) // 100)
