"""`tracker extract` on inputs no report looks like: time and peak memory of each, beside its goal.

    python benchmarks/hostile_inputs.py                # every input (about a minute, and as long again to write them)
    python benchmarks/hostile_inputs.py --only line_1mb,line_50mb
    python benchmarks/hostile_inputs.py --keep DIR     # keep the generated files in DIR

Each input is generated in a temporary folder (or --keep DIR) and read by `tracker extract
FILE -o OUT` in a child process; its peak memory is the child's VmHWM, polled from /proc
(see ingest_runs.py). Inputs (issue 18, items 1 and 3):

  line_1mb     one 1 MB line of figures with no punctuation ("地区生产总值增长5%" repeated)
  line_50mb    the same, 50 MB
  spaced_50mb  one 50 MB line of figures parted by spaces: a fact every few characters
  digits_50mb  one 50 MB line of digits: no fact, so that every clause of it is read
  report_50mb  50 MB of generated reports in one file: many sentences, as a report has
  docx_bomb_1gb          a .docx of about 1 MB whose word/document.xml unpacks to 1 GB (item 2)
  docx_paragraphs_100mb  a .docx of a few hundred KB holding 100 MB of report paragraphs
                         (item 2): both refused as too large when unpacked, before unpacking

Before the limits on clauses and facts (etl/segment.py MAX_CLAUSE, etl/extract.py
MAX_FACTS), the 1 MB line took 1 min 42 s and 19.5 GB and the 50 MB line did not end.
One line per input: name, size, seconds, peak MB, facts written, goal, PASS/FAIL.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generate import corpus
from ingest_runs import _watch, tracker_command

MB = 1_000_000
HEAD = "青山县2024年政府工作报告\n一、2023年工作回顾\n"
PARAGRAPH = "<w:p><w:r><w:t>全县地区生产总值增长5%,新增城镇就业4800人。</w:t></w:r></w:p>".encode()
DOCX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                           'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                           'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
                           'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
                           'main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}
DOCUMENT_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                 b'wordprocessingml/2006/main"><w:body>')


@dataclass(frozen=True)
class Input:
    name: str
    size: int                  # bytes, about
    seconds: float             # goal: at most this long
    peak_mb: float             # goal: at most this much memory


INPUTS = (
    Input("line_1mb", 1 * MB, 10, 300),
    Input("line_50mb", 50 * MB, 60, 1000),
    Input("spaced_50mb", 50 * MB, 60, 1000),
    Input("digits_50mb", 50 * MB, 60, 1000),
    Input("report_50mb", 50 * MB, 60, 1000),
    Input("docx_bomb_1gb", 1000 * MB, 10, 300),
    Input("docx_paragraphs_100mb", 100 * MB, 10, 300),
)


def write_docx(path: Path, filler: bytes, size: int) -> None:
    """A docx whose document.xml holds `size` bytes of `filler`, packed a megabyte at a time."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in DOCX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("word/document.xml", "w") as part:
            part.write(DOCUMENT_HEAD)
            chunk = filler * (MB // len(filler))
            for _ in range(size // len(chunk)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")


def write_input(item: Input, folder: Path) -> Path:
    """The input's file in folder (written once: an existing one is reused)."""
    path = folder / f"{item.name}.{'docx' if item.name.startswith('docx') else 'txt'}"
    if path.exists():
        return path
    if item.name.startswith("docx"):
        write_docx(path, b" " if "bomb" in item.name else PARAGRAPH, item.size)
        return path
    with open(path, "w", encoding="utf-8") as out:
        if item.name.startswith("report"):
            written = 0
            for report in corpus(n_regions=1000, n_years=20):
                out.write(report.text + "\n")
                written += len(report.text.encode("utf-8")) + 1
                if written >= item.size:
                    break
        else:
            unit = {"spaced": "地区生产总值增长5% ", "digits": "5"}.get(item.name.split("_")[0], "地区生产总值增长5%")
            out.write(HEAD)
            out.write(unit * (item.size // len(unit.encode("utf-8"))) + "\n")
    return path


@dataclass
class Run:
    seconds: float
    peak_mb: float
    exit_code: int
    facts: int
    last_line: str             # what tracker said last on stderr (a note, an error)
    said: str = ""             # all it said on stderr


def run_extract(path: Path, folder: Path) -> Run:
    out = folder / f"{path.stem}.jsonl"
    err = folder / f"{path.stem}.stderr"
    with open(err, "wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen([tracker_command(), "extract", str(path), "-o", str(out)],
                                 stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL)
        peak_kb, status = _watch(child.pid)
        seconds = time.perf_counter() - start
    facts = sum(1 for _ in open(out, "rb")) if out.exists() else 0
    lines = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return Run(seconds, peak_kb / 1024, os.waitstatus_to_exitcode(status), facts, lines[-1] if lines else "",
               "\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(i.name for i in INPUTS), help="comma-separated inputs to run")
    parser.add_argument("--keep", type=Path, default=None, help="write (and reuse) the inputs in this folder")
    args = parser.parse_args()
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(chosen) - {i.name for i in INPUTS}
    if unknown:
        parser.error(f"unknown input(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="tracker-hostile-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        failed = 0
        for item in (i for i in INPUTS if i.name in chosen):
            path = write_input(item, folder)
            run = run_extract(path, folder)
            # A zip bomb is refused (exit 1, saying why); every other input is read.
            refused = item.name.startswith("docx")
            read_as_expected = ("too large when unpacked" in run.said) if refused else run.exit_code == 0
            ok = read_as_expected and run.seconds <= item.seconds and run.peak_mb <= item.peak_mb
            failed += not ok
            print(f"{item.name:12} {path.stat().st_size / MB:6.1f} MB  {run.seconds:6.1f} s  "
                  f"peak {run.peak_mb:6.0f} MB  {run.facts:6d} facts  "
                  f"goal < {item.seconds:g} s, < {item.peak_mb:g} MB  {'PASS' if ok else 'FAIL'}"
                  + (f"  (exit {run.exit_code})" if run.exit_code else ""), flush=True)
            reason = next((line for line in run.said.splitlines() if "too large" in line), run.last_line)
            if reason:
                print(f"{'':12} {reason[:240]}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
