"""Hard-wrapped text, as copied from a PDF or a print layout: telling it apart from text
of paragraphs, and joining its lines back into paragraphs."""
from __future__ import annotations

import re

__all__ = ["looks_wrapped", "join_wrapped_lines"]

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
        if _continues(prev, line, full):
            out[-1] = prev + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _continues(prev: str, line: str, full: float) -> bool:
    """Whether `line` carries on the sentence that the full-width line `prev` breaks off."""
    return bool(len(prev) >= full and prev and prev[-1] not in _SENTENCE_END
                and line.strip() and not _LIST_START.match(line)
                and not prev.lstrip().startswith("——") and not _OWN_LINE.match(line))
