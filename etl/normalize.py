"""The canonical form of a report's text.

Every character offset the project stores (fact spans, section bounds) refers to the
string `normalise` returns, so it must be deterministic and idempotent: normalising
already normalised text changes nothing.

What it does, in order (the order matters for idempotence, see `normalise`):
  1. line breaks \\r\\n and \\r become \\n;
  2. full-width ASCII becomes half-width, odd spaces become a plain space, zero-width
     characters and soft hyphens go, Kangxi radicals become the ideographs they look
     like (a common PDF artefact);
  3. Unicode NFC, so that combining accents are composed and CJK compatibility
     ideographs become their unified form;
  4. Traditional Chinese becomes Simplified, on the lines that need it;
  5. pinyin readings in parentheses after a character are dropped: 報(bào)告 → 报告;
  6. punctuation that damaged copies put inside numbers is mended: a full stop between
     digits is a decimal point ("增长9。5%"), and "％。" before 以内/以下/以上/左右, or
     after a rate before another mark, is a per-mille sign that lost its second half
     ("控制在7.2％。以内", "人口自然增长率6.5％。。").

Full NFKC is deliberately not used: it would also turn … into ..., ① into 1, ㎡ into
m2 and ½ into 1⁄2, which changes what the report says.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files

__all__ = ["normalise"]


# --- 2. width, spaces and invisible characters ----------------------------------------

# Blocks whose compatibility mapping is a pure change of form (width, vertical or small
# presentation, radical glyph). Other compatibility mappings (circled digits, squared
# units, fractions, the ellipsis) carry meaning and are left alone.
_FORM_BLOCKS = (
    (0xFF01, 0xFFEE),  # half-width and full-width forms: ＡＢ１２．５％，：；（）
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms (vertical brackets, overlines)
    (0xFE50, 0xFE6F),  # small form variants: ﹐﹑﹪
    (0x2E80, 0x2EFF),  # CJK radicals supplement
    (0x2F00, 0x2FDF),  # Kangxi radicals: ⼀ → 一
)
_FORM_TAGS = {"<wide>", "<narrow>", "<vertical>", "<small>", "<compat>"}

# Spaces that are not U+0020: no-break, ideographic, the typographic widths.
_SPACES = [0x00A0, 0x3000, 0x202F, 0x205F, *range(0x2000, 0x200B)]

# Characters that take no room and only break searches: zero-width space, (non-)joiner,
# word joiner, byte-order mark, soft hyphen.
_INVISIBLE = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]

# Dashes that stand for a minus sign before a figure ("增长−3.5%"): the minus sign, and the
# small and full-width hyphen-minus that form-folding leaves as they are.
_MINUS = [0x2212, 0xFE63]


def _form_mapping(cp: int) -> str | None:
    """The one-step compatibility mapping of `cp` if it is a mere change of form.

    One step rather than full NFKC, so that ︙ becomes … and not ...
    """
    tag, _, codes = unicodedata.decomposition(chr(cp)).partition(" ")
    if tag not in _FORM_TAGS or not codes:
        return None
    return "".join(chr(int(code, 16)) for code in codes.split())


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for lo, hi in _FORM_BLOCKS:
        for cp in range(lo, hi + 1):
            mapped = _form_mapping(cp)
            if mapped is not None:
                table[cp] = mapped
    table.update({cp: " " for cp in _SPACES})
    table.update({cp: None for cp in _INVISIBLE})
    table.update({cp: "-" for cp in _MINUS})
    return table


_TABLE = _build_table()
# str.translate looks up every character of the text; a regex finds the few runs that
# need it at C speed, so mostly clean text (the usual case) costs almost nothing.
_FOLDABLE_RUN = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]+")


def folded_char(char: str) -> str:
    """What form-folding makes of one character ("：" → ":", a zero-width space → "")."""
    mapped = _TABLE.get(ord(char), char)
    return "" if mapped is None else mapped


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_TABLE)


def _fold_forms(text: str) -> str:
    return _FOLDABLE_RUN.sub(_fold_run, text)


# --- 4. Traditional to Simplified -----------------------------------------------------

@cache
def _converter():
    """OpenCC t2s, built on first use: most reports never need it."""
    from opencc import OpenCC

    return OpenCC("t2s")


def _read_opencc_dict(name: str) -> dict[str, list[str]]:
    text = (files("opencc") / "dictionary" / name).read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        table[key] = values.split(" ")
    return table


@cache
def _traditional_only() -> frozenset[str]:
    """The characters that occur only in Traditional text.

    Taken from OpenCC's own tables: characters t2s changes, minus every character that
    appears on the Simplified side of any mapping (乾, 於, 麽 are also Simplified) or
    that has a Traditional form itself. So Simplified text never matches, and the output
    of t2s never matches either, which keeps `normalise` idempotent.
    """
    chars = _read_opencc_dict("TSCharacters.txt")
    phrases = _read_opencc_dict("TSPhrases.txt")
    simplified_side = {c for table in (chars, phrases)
                       for values in table.values() for value in values for c in value}
    has_traditional_form = set(_read_opencc_dict("STCharacters.txt"))
    return frozenset(key for key, values in chars.items()
                     if len(key) == 1 and values[0] != key
                     and key not in simplified_side and key not in has_traditional_form)


# What normalise needs to know of a text's characters, read in one pass: whether any
# needs folding, and whether any is Traditional-only now or once folded (⿓ → 龍).
_FOLDABLE, _TRADITIONAL, _FOLDS_TO_TRADITIONAL = 1, 2, 4


@cache
def _char_kinds():
    """Flags per code point (_FOLDABLE, _TRADITIONAL, _FOLDS_TO_TRADITIONAL)."""
    import numpy

    traditional = _traditional_only()
    kinds = numpy.zeros(0x110000, dtype=numpy.uint8)
    kinds[sorted(_TABLE)] |= _FOLDABLE
    kinds[[ord(c) for c in traditional]] |= _TRADITIONAL
    kinds[[cp for cp, folded in _TABLE.items() if folded and not traditional.isdisjoint(folded)]] |= _FOLDS_TO_TRADITIONAL
    return kinds


def _kinds_in(text: str) -> int:
    # One table lookup per character in numpy: cheaper than a regex class of the foldable
    # characters or a set() of the text's characters.
    import numpy

    codes = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
    return int(numpy.bitwise_or.reduce(_char_kinds()[codes])) if codes.size else 0


def _to_simplified(text: str) -> str:
    """Convert the lines that contain Traditional-only characters.

    OpenCC is pure Python and slow (about half a million characters a second), so it
    only sees the lines that need it; a Simplified report passes through untouched.
    """
    traditional = _traditional_only()
    convert = _converter().convert
    lines = text.split("\n")
    return "\n".join(line if traditional.isdisjoint(line) else convert(line)
                     for line in lines)


# --- 5. pinyin annotations ------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PINYIN_CHARS = "A-Za-z\u00c0-\u024f\u0300-\u036f' "
# One or more parenthesised Latin groups right after a character. Consecutive groups are
# taken together so that removing the first cannot leave the next one behind a
# character for a second pass to remove.
# The pattern opens with the bracket itself (the character before it is checked by a
# lookbehind after it) so that re can skip to each "(" instead of testing every position.
_ANNOTATION = re.compile(rf"\((?<=[{_CJK}]\()[{_PINYIN_CHARS}]{{1,40}}\)(?:\([{_PINYIN_CHARS}]{{1,40}}\))*")
_GROUP = re.compile(r"\(([^()]*)\)")
_TONE_MARKS = re.compile("[\u0300-\u036f]")
_SYLLABLES = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|er"
    r"|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u))+"
)


def _is_pinyin(group: str) -> bool:
    """True for readings like bào, bao, Bàogào, xi'an; False for GDP, AI, km, kWh."""
    plain = _TONE_MARKS.sub("", unicodedata.normalize("NFD", group))
    toned = len(plain) != len(group)
    # Without tone marks, accept only lower-case words of two letters or more: upper
    # case is an abbreviation (人工智能(AI)), a single letter a list label.
    if not toned and (not plain.islower() or len(plain.strip()) < 2):
        return False
    words = plain.lower().replace("'", " ").split()
    return bool(words) and all(_SYLLABLES.fullmatch(w) for w in words)


def _drop_readings(match: re.Match[str]) -> str:
    groups = _GROUP.findall(match.group())
    kept = 0
    while kept < len(groups) and _is_pinyin(groups[kept]):
        kept += 1
    return "".join(f"({g})" for g in groups[kept:])


def _drop_pinyin(text: str) -> str:
    if "(" not in text:
        return text
    return _ANNOTATION.sub(_drop_readings, text)


# --- the canonical form ---------------------------------------------------------------

def normalise(text: str) -> str:
    """The canonical text of a report; all stored character offsets refer to it.

    The steps run in an order that makes the result a fixed point: forms are folded
    before NFC (a full-width letter followed by a combining accent only composes once it
    is half-width), and pinyin goes last because folding turns （bào） into (bào) and
    removing zero-width characters can put a reading right after its character.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kinds = _kinds_in(text)
    folded = _fold_forms(text) if kinds & _FOLDABLE else text
    composed = unicodedata.normalize("NFC", folded)
    if composed is not folded and composed != folded:
        kinds = _kinds_in(composed) & _TRADITIONAL   # what composing made is read again
    # A Traditional character that folding removed only costs _to_simplified a look.
    if kinds & (_TRADITIONAL | _FOLDS_TO_TRADITIONAL):
        composed = _to_simplified(composed)
    return _join_split_words(_mend_numbers(_drop_pinyin(composed)))


# --- 6. damaged numbers ---------------------------------------------------------------

# Both open with a literal, so that re skips at C speed to where they can match.
_STOP_IN_NUMBER = re.compile(r"。(?<=\d。)(?=\d)")
_BROKEN_PER_MILLE = re.compile(r"%。(?=以内|以下|以上|左右)")
# At a clause's end the broken sign looks like a percentage and a full stop, but is followed
# by another mark ("人口自然增长率6.5％。。", "…8.7％。；"): a rate's ("…率") only, as
# "增长51.9%。," is a percentage with a stray stop.
_BROKEN_PER_MILLE_AT_END = re.compile(r"%。(?=[。;,、])")
_RATE_BEFORE = 14   # characters before the figure in which its rate is named


def _mend_numbers(text: str) -> str:
    if _STOP_IN_NUMBER.search(text):
        text = _STOP_IN_NUMBER.sub(".", text)
    if "%。" in text:
        text = _BROKEN_PER_MILLE.sub("‰", text)
        text = _BROKEN_PER_MILLE_AT_END.sub(
            lambda m: "‰" if "率" in text[max(0, m.start() - _RATE_BEFORE):m.start()] else m.group(), text)
    return text


# --- 7. words split by a space --------------------------------------------------------

# Text taken from PDFs often holds a space inside a word ("其中地 方财政收入", "刚 刚过去的
# 一年", "三 是改革开放"); Chinese sets no space between its characters, so one between two
# is dropped (the reader still sees the document's own text: etl.verbatim maps it back).
# So do figures, set with a space as a thousands separator ("2 311.43亿元") or split by a slip
# of typesetting ("增长 1 1 %", "达到 1 69.4亿"): a space between two digits is dropped too.
# A space after a decimal point too ("增长23. 9%"), not after a list's number at a line's
# start ("1. 2023年…").
_SPLIT_WORD = re.compile(r" (?:(?<=[\u4e00-\u9fff] )(?=[\u4e00-\u9fff])|(?<=\d )(?=\d)"
                         r"|(?<=[^\s]\d\. )(?=\d{1,3}(?:%|‰|万|亿|千|百|元|个|倍)))")


def _join_split_words(text: str) -> str:
    return _SPLIT_WORD.sub("", text) if " " in text else text
