"""Write words.txt.gz, the word list etl/naming.py segments long names with, from jieba's dictionary.

Run by hand from the repository root, with a folder of real reports beside it:

    python etl/catalog/make_words.py ../shared/corpus     # writes etl/catalog/words.txt.gz and words.toml

jieba's own dictionary holds 349,046 words; loading it takes more than a second, which every
`tracker ingest` of a single report would pay. Naming a fact only ever segments phrases of
government reports, so the list keeps the words of jieba's dictionary that occur anywhere in
the given reports (as jieba itself would find them: every dictionary word starting at every
position of every block jieba segments), with jieba's frequencies. words.toml records
the whole dictionary's total frequency, which naming uses as jieba would, so that a phrase
made of kept words is cut exactly as with the whole dictionary.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import hashlib
import re
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent
# What jieba segments as one block (its re_han_default).
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")
_SUFFIXES = (".md", ".markdown", ".txt")


def dictionary() -> tuple[list[tuple[str, int]], bytes]:
    """jieba's dictionary as (word, frequency) pairs, and its bytes."""
    import jieba

    raw = (Path(jieba.__file__).parent / "dict.txt").read_bytes()
    entries = []
    for line in raw.decode("utf-8").splitlines():
        word, freq = line.split(" ")[:2]
        entries.append((word, int(freq)))
    return entries, raw


def occurring(words: dict[str, int], reports: list[Path]) -> set[str]:
    """The words found in the reports, at any position, in the reports' text as extraction
    reads it (normalised), without the punctuation naming drops from a phrase before
    cutting it (马可·波罗 is cut as 马可波罗)."""
    from etl.naming import PUNCTUATION
    from etl.normalize import normalise

    prefixes = {w[:i] for w in words for i in range(1, len(w) + 1)}
    found: set[str] = set()
    for path in reports:
        text = PUNCTUATION.sub("", normalise(path.read_text(encoding="utf-8", errors="replace")))
        for run in _BLOCK.findall(text):
            for start in range(len(run)):
                end = start + 1
                while end <= len(run) and run[start:end] in prefixes:
                    if run[start:end] in words:
                        found.add(run[start:end])
                    end += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path, help="a folder of real reports (Markdown or text)")
    args = parser.parse_args()
    reports = sorted(p for p in args.reports.rglob("*") if p.suffix in _SUFFIXES)
    entries, raw = dictionary()
    found = occurring(dict(entries), reports)
    kept = [f"{w} {f}" for w, f in entries if w in found]
    # A fixed timestamp: the same words give the same bytes.
    with open(HERE / "words.txt.gz", "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(kept) + "\n").encode("utf-8"))
    (HERE / "words.toml").write_text(
        "# The word list beside this file (words.txt.gz): where it comes from, written by make_words.py.\n"
        "[source]\n"
        f'package = "jieba {metadata.version("jieba")}"\n'
        'file = "jieba/dict.txt"\n'
        f'sha256 = "{hashlib.sha256(raw).hexdigest()}"\n'
        'license = "MIT"\n'
        f"dictionary_words = {len(entries)}\n"
        f"kept_words = {len(kept)}\n"
        f"reports_read = {len(reports)}\n"
        f'generated = "{datetime.date.today().isoformat()}"\n\n'
        "[frequency]\n"
        "# The whole dictionary's total: a word's probability is its frequency over this.\n"
        f"total = {sum(f for _, f in entries)}\n",
        encoding="utf-8")
    print(f"kept {len(kept)} of {len(entries)} words found in {len(reports)} reports")


if __name__ == "__main__":
    main()
