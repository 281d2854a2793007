"""Markdown documents as collections keep them: a front-matter block, then the text.

`split_front_matter` takes the block off ("---\\ntitle: …\\nsource: …\\n---"), and
`markdown_text` turns the rest into the plain text of the document, one paragraph per
line: headings, emphasis, links, images, HTML comments and tags, block quotes and list
markers go; a table row keeps its cells apart with tabs, and its rule line goes.
The words of the document are left as they are: only markup is removed.
"""
from __future__ import annotations

import html
import re

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[(?P<t>[^\]\n]*)\]\((?:[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^[ \t]{0,3}[-*+][ \t]+")
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
# Only strong emphasis: a lone * in these texts is a censored figure ("千*人计划"), and
# a run of _ a blank to fill in.
_EMPHASIS = re.compile(r"\*\*")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The front-matter fields (simple `key: value` lines) and the text after the block;
    ({}, text) when the text opens with none."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    fields = {}
    for line in m.group("body").splitlines():
        f = _FIELD.match(line)
        if f:
            fields[f.group("key").lower()] = _unquote(f.group("value"))
    return fields, text[m.end():]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def markdown_text(text: str) -> str:
    """The text of a Markdown document without its markup, one paragraph per line."""
    text = _COMMENT.sub("", text)
    return "\n".join(_line_text(line) for line in text.splitlines())


# A numbered heading in bold with its paragraph run on after it on the same line:
# "**一、2011年工作回顾** 2011年是实施…" is a heading and a paragraph.
_RUN_ON_HEADING = re.compile(r"^[ \t]*\*\*(?P<h>(?:(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)[^*。\n]{1,40}"
                             r"|(?:19|20)\d\d年[^*。\n]{0,20}(?:回顾|安排|任务|目标)))\*\*[ \t]*(?=\S)")


# Every character any markup above needs: a line without one is all words, and left as it is.
_MARKUP_CHARACTER = re.compile(r"[*\-_>#+|!\[<\\&]")


def _line_text(line: str) -> str:
    if not _MARKUP_CHARACTER.search(line):
        return line
    if _RULE.match(line) or _TABLE_RULE.match(line) and "|" in line:
        return ""
    m = _RUN_ON_HEADING.match(line)
    if m:
        return m.group("h") + "\n" + _line_text(line[m.end():])
    line = _QUOTE.sub("", line)
    line = _HEADING.sub("", line)
    line = _BULLET.sub("", line)
    if line.lstrip().startswith("|"):
        line = _table_row(line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\g<t>", line)
    line = _BREAK_TAG.sub("", line)
    line = _TAG.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    return html.unescape(line) if "&" in line else line


def _table_row(line: str) -> str:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return "\t".join(cells)
