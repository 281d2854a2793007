"""A report's text as HTML with each extracted fact marked, every character of it escaped.

The text comes from uploaded files and is never trusted: it is escaped with html.escape, and
the only tags in the result are the ones written here. The result goes to st.html, which
sanitises it once more.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

WRAPPER = '<div style="white-space: pre-wrap; line-height: 1.8; font-size: 0.95rem">{}</div>'
MARK = '<mark title="{title}" style="background: #fff3b0; padding: 0 1px">{text}</mark><sup>[{numbers}]</sup>'


def marked_spans(spans: Iterable[tuple[int | None, int | None, int]], length: int) -> list[tuple[int, int, list[int]]]:
    """(start, end, fact numbers) in text order, without overlaps.

    Several facts read from one clause share its span (分别 constructions) and one mark; a
    span reaching into the previous one starts where that one ends.
    """
    by_span: dict[tuple[int, int], list[int]] = {}
    for start, end, number in spans:
        if start is None or end is None:
            continue
        start, end = max(0, int(start)), min(length, int(end))
        if start < end:
            by_span.setdefault((start, end), []).append(number)
    out: list[tuple[int, int, list[int]]] = []
    for (start, end), numbers in sorted(by_span.items()):
        if out and start < out[-1][1]:
            start = out[-1][1]
        if start < end:
            out.append((start, end, sorted(numbers)))
    return out


def highlighted_html(text: str, spans: Iterable[tuple[int | None, int | None, int]]) -> str:
    """The text, escaped, with <mark> around each fact's sentence and its numbers after it."""
    parts, at = [], 0
    for start, end, numbers in marked_spans(spans, len(text)):
        parts.append(html.escape(text[at:start]))
        label = ", ".join(map(str, numbers))
        parts.append(MARK.format(title=html.escape(f"#{label}"), text=html.escape(text[start:end]),
                                 numbers=label))
        at = end
    parts.append(html.escape(text[at:]))
    return WRAPPER.format("".join(parts))
