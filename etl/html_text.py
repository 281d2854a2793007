"""A web page's report as plain text: the main element's text, one paragraph per line,
without scripts, navigation or page furniture, and with the report's title kept."""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from etl.furniture import tidy

__all__ = ["html_text"]

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
# An XML declaration (after a BOM or blank lines, if any) at the start of an XHTML page.
_XML_DECLARATION = re.compile(r"\A[\ufeff\s]*<\?xml\b[^>]*\?>", re.IGNORECASE)
# The main element must hold at least this share of the page's Chinese text to be
# trusted; otherwise the whole body is kept, furniture and all, rather than lose text.
_MAIN_SHARE = 0.5


def html_text(markup: str) -> str:
    """The report in an HTML page, furniture removed, its title first if the body lacks it."""
    soup = _parse(markup)
    title = _page_title(soup)  # before dropping tags: <header> may hold the <h1>
    _drop_furniture_tags(soup)
    root = _main_element(soup) or soup.body or soup
    # Tidy first: a title that survives only in the index table would be dropped later.
    text = tidy(_block_text(root))
    if title and _squash(title) not in _squash(text):
        text = title + "\n" + text
    return text


def _parse(markup: str):
    """The page parsed as HTML, without a word on stderr.

    XHTML pages begin with an XML declaration, on which BeautifulSoup warns that an HTML
    parser reads XML; the page is HTML all the same, and the declaration says nothing that
    the decoded text needs. It is dropped, and BeautifulSoup's advice about its own use
    (UnusualUsageWarning and kin) is kept from the user, who can do nothing with it.
    """
    from bs4 import BeautifulSoup

    markup = _XML_DECLARATION.sub("", markup, count=1)
    with warnings.catch_warnings():
        for category in _bs4_warnings():
            warnings.simplefilter("ignore", category)
        return BeautifulSoup(markup, "lxml")


def _bs4_warnings() -> list[type[Warning]]:
    import bs4

    names = ("UnusualUsageWarning", "XMLParsedAsHTMLWarning", "MarkupResemblesLocatorWarning")
    return [getattr(bs4, name) for name in names if hasattr(bs4, name)]


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

    Empty lines are dropped: in HTML they come from markup, not from the author.
    """
    lines = (_tidy_html_line(line) for line in "".join(_pieces(root)).split("\n"))
    # Nested blocks leave runs of breaks; one paragraph per line, as for .docx.
    return "\n".join(line for line in lines if line.strip())


def _pieces(root) -> Iterator[str]:
    """The text under `root` in document order, with the breaks and tabs of `_CLOSING`.

    The tree is walked with an explicit stack rather than edited in place: inserting
    markers next to each of thousands of sibling paragraphs costs quadratic time.
    """
    from bs4 import CData, NavigableString, Tag

    stack: list = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):  # the closing mark of a block or cell
            yield node[0]
        elif isinstance(node, Tag):
            if node.name == "br":
                yield "\n"
                continue
            if node.name in _BLOCK_TAGS:
                yield "\n"
            closing = _CLOSING.get(node.name)
            if closing:
                stack.append((closing,))
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):  # not comments or doctypes
            # Source line breaks inside text are just spaces in HTML.
            yield _HTML_SPACE.sub(" ", node)


def _tidy_html_line(line: str) -> str:
    line = re.sub(r" *\t[ \t]*", "\t", line)
    return re.sub(r" {2,}", " ", line).strip(" \t")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
