"""Report files to plain text.

`read_path` fetches the bytes (refusing what is not a usable file) and `to_document` turns
bytes in any supported format into the document's text, one paragraph per line, with
the web-site furniture that scrapers copy along (share buttons, breadcrumbs, the
index-number table of 政府信息公开 pages) removed, and the title and address that a
Markdown front matter carries. Both raise `InputError` with a short reason that the CLI
prints as is.
"""
from __future__ import annotations

import codecs
import io
import logging
import re
import stat
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from etl.errors import InputError
from etl.markdown import markdown_text, split_front_matter

__all__ = ["SUPPORTED_SUFFIXES", "MAX_BYTES", "SourceText", "read_path", "to_document", "to_text"]

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}

# Government reports are at most a few MB even as PDFs with images; anything far larger
# is a mistake, and reading it whole would exhaust memory.
MAX_BYTES = 200 * 1024 * 1024

# pypdf logs its repairs of damaged files as warnings; on the CLI they would interleave
# with our own one-line error messages. Real failures still raise.
logging.getLogger("pypdf").setLevel(logging.ERROR)


# --- reading files --------------------------------------------------------------------

def read_path(path: str | Path) -> bytes:
    """The bytes of a report file; InputError if it is missing, unreadable or unsuitable."""
    name = str(path)
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        raise InputError(name, "cannot access file") from None
    _check_file(name, p, info)
    return _read_limited(name, p, info.st_size)


def _check_file(name: str, p: Path, info) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory")
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
        raise InputError(name, "not a regular file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"({suffix})" if suffix else "(no suffix)"
        raise InputError(name, f"unsupported file type {kind}")
    if info.st_size > MAX_BYTES:
        raise InputError(name, _too_large())


def _read_limited(name: str, p: Path, size: int) -> bytes:
    try:
        with open(p, "rb") as f:
            # A buffer of the size stat() gave, not of the limit: read() allocates what it is
            # asked for, and the limit's worth cost more than reading a report.
            data = f.read(min(size, MAX_BYTES) + 1)
            if len(data) > size:
                # The file has grown since stat(): read on, one byte more than allowed.
                data += f.read(MAX_BYTES + 1 - len(data))
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError:
        raise InputError(name, "cannot read file") from None
    if len(data) > MAX_BYTES:
        raise InputError(name, _too_large())
    return data


def _too_large() -> str:
    return f"file too large (over {MAX_BYTES // (1024 * 1024)} MB)"


# --- bytes to text --------------------------------------------------------------------

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
    fields: dict[str, str] = {}
    if kind == "docx":
        text = _docx_text(data, name)
    elif kind == "pdf":
        text = _pdf_text(data, name)
    else:
        text = _decode(data, name)
        if kind == "markdown":
            fields, text = split_front_matter(text)
            text = markdown_text(text)
        elif kind == "html" or _HTML_MARKER.search(text):
            text = _html_text(text)
    text = tidy(text)
    if kind == "pdf" or kind in ("text", "markdown") and looks_wrapped(text):
        text = join_wrapped_lines(text)   # after furniture is gone, so no title joins a menu line
    if not text:
        raise InputError(name, "empty file" if kind in ("text", "markdown") else "no text found")
    return SourceText(text, fields.get("title", ""), fields.get("source") or fields.get("url", ""))


_HTML_MARKER = re.compile(r"<html|<body", re.IGNORECASE)
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls


def _format_of(data: bytes, name: str) -> str:
    """'docx', 'pdf', 'html', 'markdown' or 'text'.

    A container's signature wins over the suffix (a PDF saved as .txt is still a PDF);
    for text, the suffix decides and `to_text` still sniffs for HTML after decoding.
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


# --- text encodings -------------------------------------------------------------------

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


def _decode(data: bytes, name: str) -> str:
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
    # Strict UTF-8 is fast, and GBK text practically never passes it by accident.
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    declared = _declared_charset(data)
    if declared:
        text = _try_decode(data, declared)
        if text is not None:
            return text
    return _detect(data) or _decode_damaged(data)


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


# Damaged bytes tolerated in text that no encoding decodes cleanly: at least a few, then one
# in a hundred characters (the share of control characters `_looks_binary` tolerates).
_DAMAGE_ALLOWED = 8
_DAMAGE_SHARE = 100


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


def _looks_binary(text: str) -> bool:
    """Decoded bytes of an image or archive: NULs, or control characters everywhere."""
    if "\x00" in text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls > max(8, len(text) // 100)


# --- HTML -----------------------------------------------------------------------------

_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "form",
              "iframe", "select", "button", "template"]
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "ul", "ol", "dl", "dt", "dd", "section", "article", "main", "aside",
               "blockquote", "pre", "center", "address", "figure", "figcaption", "caption"}
# What follows an element's content: a line break after a block, a tab after a cell so
# that the cells of one table row stay on one line but apart.
_CLOSING = {**{tag: "\n" for tag in _BLOCK_TAGS}, "td": "\t", "th": "\t"}
_MAIN_HINT = re.compile(r"content|article|zoom|text|detail", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")  # not \s: NBSP and U+3000 are authored
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")
# The main element must hold at least this share of the page's Chinese text to be
# trusted; otherwise the whole body is kept, furniture and all, rather than lose text.
_MAIN_SHARE = 0.5


def _html_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    title = _page_title(soup)  # before dropping tags: <header> may hold the <h1>
    _drop_furniture_tags(soup)
    root = _main_element(soup) or soup.body or soup
    # Tidy first: a title that survives only in the index table would be dropped later.
    text = tidy(_block_text(root))
    if title and _squash(title) not in _squash(text):
        text = title + "\n" + text
    return text


def _han_count(element) -> int:
    return len(_HAN.findall(element.get_text()))


def _page_title(soup) -> str | None:
    """The report's title, to restore it if the main element leaves it out.

    The <title> (minus its '_site name' tail) comes first: it names this page, while a
    heading may belong to a list of other reports. The first candidate that names a
    报告 wins; failing that, the <title>.
    """
    page_title = None
    if soup.title and soup.title.string:
        page_title = next((p for p in _TITLE_SPLIT.split(soup.title.string.strip()) if p), None)
    headings = [_HTML_SPACE.sub(" ", h.get_text()).strip() for h in soup.find_all(["h1", "h2", "h3"])]
    for candidate in [page_title or "", *headings]:
        if "报告" in candidate or "報告" in candidate:
            return candidate
    return page_title


def _drop_furniture_tags(soup) -> None:
    total = _han_count(soup)
    for tag in soup.find_all(_DROP_TAGS):
        if tag.decomposed:  # inside a tag dropped earlier
            continue
        # ASP.NET pages wrap the whole body in one <form>; dropping it would drop the
        # report, so a tag that holds most of the page is unwrapped instead.
        if total and _han_count(tag) > total * _MAIN_SHARE:
            tag.unwrap()
        else:
            tag.decompose()


def _main_element(soup):
    """The element holding the report, if one obviously does; None otherwise."""
    candidates = soup.find_all("article") + [
        el for el in soup.find_all(["div", "td"])
        if _MAIN_HINT.search(" ".join(el.get("class") or []) + " " + (el.get("id") or ""))
    ]
    if not candidates:
        return None
    counts = [(_han_count(el), i) for i, el in enumerate(candidates)]
    best, i = max(counts, key=lambda c: (c[0], -c[1]))  # ties: the outermost, first
    total = _han_count(soup.body or soup)
    return candidates[i] if best and best >= total * _MAIN_SHARE else None


def _block_text(root) -> str:
    """Text with a line break around every block element and a tab after every cell.

    Empty lines are dropped: in HTML they come from markup, not from the author. The
    tree is walked with an explicit stack rather than edited in place: inserting
    markers next to each of thousands of sibling paragraphs costs quadratic time.
    """
    from bs4 import CData, NavigableString, Tag

    pieces: list[str] = []
    stack: list = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):  # the closing mark of a block or cell
            pieces.append(node[0])
        elif isinstance(node, Tag):
            if node.name == "br":
                pieces.append("\n")
                continue
            if node.name in _BLOCK_TAGS:
                pieces.append("\n")
            closing = _CLOSING.get(node.name)
            if closing:
                stack.append((closing,))
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):  # not comments or doctypes
            # Source line breaks inside text are just spaces in HTML.
            pieces.append(_HTML_SPACE.sub(" ", node))
    lines = (_tidy_html_line(line) for line in "".join(pieces).split("\n"))
    # Nested blocks leave runs of breaks; one paragraph per line, as for .docx.
    return "\n".join(line for line in lines if line.strip())


def _tidy_html_line(line: str) -> str:
    line = re.sub(r" *\t[ \t]*", "\t", line)
    return re.sub(r" {2,}", " ", line).strip(" \t")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- .docx ----------------------------------------------------------------------------

def _docx_text(data: bytes, name: str) -> str:
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


# --- .pdf -----------------------------------------------------------------------------

def _pdf_text(data: bytes, name: str) -> str:
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


_SENTENCE_END = "。!?;:！？；：”」』)）"
_LIST_START = re.compile(r"\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+部分|——)")


# Lines that always stand alone: the salutation, a line ending in a colon.
_OWN_LINE = re.compile(r"\s*(?:各位代表|各位委员)|.*[:：]\s*$")


# A text copied from a PDF or a print layout breaks its lines at a fixed width: most of its
# long lines stop short of a sentence's end. In a text of paragraphs, few do.
_WRAPPED_SHARE = 0.5


def looks_wrapped(text: str) -> bool:
    """Whether a plain text is broken into lines of one width inside its sentences."""
    lines = [ln.strip() for ln in text.split("\n") if len(ln.strip()) > 8]
    if len(lines) < 10:
        return False
    full = sorted(map(len, lines))[int(len(lines) * 0.9)] * 0.8
    long = [ln for ln in lines if len(ln) >= full]
    open_ended = sum(ln[-1] not in _SENTENCE_END for ln in long)
    return open_ended > len(long) * _WRAPPED_SHARE


def join_wrapped_lines(text: str) -> str:
    """Undo a PDF's line wrapping: a line that runs to the full width and does not end a
    sentence continues on the next line ("一般公共预算收\n入增长10%" is one word)."""
    lines = text.split("\n")
    lengths = sorted(len(ln.strip()) for ln in lines if len(ln.strip()) > 8)
    if not lengths:
        return text
    full = lengths[int(len(lengths) * 0.9)] * 0.8   # a wrapped line is nearly as long as the longest
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1].rstrip()
        wraps = (len(prev) >= full and prev and prev[-1] not in _SENTENCE_END
                 and line.strip() and not _LIST_START.match(line)
                 and not prev.lstrip().startswith("——") and not _OWN_LINE.match(line))
        if wraps:
            out[-1] = prev + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


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


# --- page furniture and layout --------------------------------------------------------

_FURNITURE_FILE = "furniture.txt"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@cache
def _furniture() -> re.Pattern[str]:
    """One pattern for a line made only of furniture items, from catalog/furniture.txt."""
    source = (files("etl") / "catalog" / _FURNITURE_FILE).read_text(encoding="utf-8")
    items = []
    for number, line in enumerate(source.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            re.compile(line)
        except re.error as e:
            raise ValueError(f"{_FURNITURE_FILE} line {number}: {e}") from None
        items.append(f"(?:{line})")
    # Atomic groups and possessive spaces keep matching linear on long lines that
    # merely start like furniture.
    return re.compile(r"(?:\s*+(?>" + "|".join(items) + r"))+\s*+")


def is_furniture(line: str) -> bool:
    """True for a line that is nothing but site furniture (see catalog/furniture.txt)."""
    stripped = line.strip().strip(_INVISIBLE).strip()
    return bool(stripped) and _furniture().fullmatch(stripped) is not None


def tidy(text: str) -> str:
    """Drop furniture lines and trailing spaces; at most one blank line in a row."""
    lines = [line.rstrip() for line in text.splitlines()]
    text = "\n".join(line for line in lines if not is_furniture(line))
    if "\n\n\n" in text:   # the pattern has no literal to skip to: a tenth of the cost
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


_BLANK_LINES = re.compile(r"\n{3,}")
