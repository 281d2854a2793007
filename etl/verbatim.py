"""Where each character of a normalised text stands in the text as the document has it.

Facts point into the normalised text (etl.normalize): full-width punctuation folded, line
ends made "\\n", invisible characters dropped, Traditional lines converted, pinyin readings
removed. A reader quoting a report wants its own words ("各位代表：", not "各位代表:"), so
the report is shown as it was read and each fact's span is carried over to it.

Walked once, side by side: a character that normalising leaves alone or folds character by
character (the usual case, and all of a Simplified report's punctuation) is matched at once;
where the two part (a conversion, a composed accent, a dropped reading), they are brought
back into step at the nearest place where a few characters agree again.
"""
from __future__ import annotations

from etl.normalize import folded_char

# Characters that must agree for the two texts to count as back in step, and how far ahead
# to look for that place: a dropped reading "(bào)" or a composed accent is far shorter.
_AGREE = 4
_AHEAD = 24


def original_offsets(original: str, normalised: str) -> list[int]:
    """offsets[j]: where normalised[j] came from in `original`; one entry more, len(original),
    for the end. Spans map as original[offsets[start]:offsets[end]]."""
    offsets = [0] * (len(normalised) + 1)
    i = j = 0
    while i < len(original) and j < len(normalised):
        piece, used = _piece(original, i)
        if normalised.startswith(piece, j):
            offsets[j:j + len(piece)] = [i] * len(piece)
            i, j = i + used, j + len(piece)
        else:
            # A converted character (國 → 国) stands for the one it was converted from.
            if used == 1 and _chinese(piece[:1]) and _chinese(normalised[j]):
                skip_original, skip_normalised = 1, 1
            else:
                skip_original, skip_normalised = _in_step(original, i, normalised, j)
            offsets[j:j + skip_normalised] = [i] * skip_normalised
            i, j = i + skip_original, j + skip_normalised
    offsets[j:] = [len(original)] * (len(offsets) - j)
    return offsets


def _piece(original: str, i: int) -> tuple[str, int]:
    """What normalising makes of the original's text at i, and how many characters of it that
    takes: one, or the two of a CR LF line end."""
    char = original[i]
    if char == "\r":
        return "\n", 2 if original.startswith("\n", i + 1) else 1
    return folded_char(char), 1


def _folded(original: str, start: int, length: int) -> str:
    out, i = [], start
    while i < len(original) and sum(map(len, out)) < length:
        piece, used = _piece(original, i)
        out.append(piece)
        i += used
    return "".join(out)[:length]


def _in_step(original: str, i: int, normalised: str, j: int) -> tuple[int, int]:
    """(a, b): the fewest characters to pass over in each text, the original first, after
    which the next _AGREE characters agree again; when none within _AHEAD, one of each."""
    for total in range(1, 2 * _AHEAD + 1):
        for a in range(max(0, total - _AHEAD), min(total, _AHEAD) + 1):
            b = total - a
            wanted = normalised[j + b:j + b + _AGREE]
            if wanted and _agree(_folded(original, i + a, len(wanted)), wanted):
                return a, b
    return 1, 1


def _agree(found: str, wanted: str) -> bool:
    """Equal, but for characters that conversion may have changed: a Chinese character in
    the one and in the other at the same place agree (國 and 国)."""
    return len(found) == len(wanted) and all(f == w or (_chinese(f) and _chinese(w)) for f, w in zip(found, wanted))


def _chinese(char: str) -> bool:
    return bool(char) and ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000")
