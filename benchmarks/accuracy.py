"""Accuracy against hand-read gold: verdicts on real report pairs, facts of composed reports.

    .venv/bin/python benchmarks/accuracy.py            # every set (about 30 s)
    .venv/bin/python benchmarks/accuracy.py --only verdicts.held_out

Needs the shared folder beside the repository (`../shared`: the corpus and the scorers).
Prints one line per set: its name, what was scored, F1, precision and recall.

| set | what | scorer |
|---|---|---|
| `realworld` | 220 targets of 32 real report pairs (national, 山东省, eleven cities), `../shared/eval` | `verdicts.py` |
| `verdicts.dev` | 210 targets of 20 real pairs of other provinces and cities, 2004–2025, read by hand once | `verdicts.py` |
| `verdicts.held_out` | 135 targets of 12 real pairs of yet other regions, read by hand once | `verdicts.py` |
| `seeds` | 59 facts of the two seed reports, `../shared/eval` | `score.py` |
| `composed` | 307 facts of nine reports written for this (county, city and province; Markdown, HTML, damaged, Traditional, GBK) | `score.py` |
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
TRACKER = Path(sys.executable).with_name("tracker")


def sets() -> dict[str, list[str]]:
    """Each set's scorer command line."""
    verdicts = [sys.executable, str(SHARED / "eval" / "verdicts.py"), "--corpus", str(SHARED / "corpus"),
                "--ingest", f"{TRACKER} ingest {{}}", "--scorecard", f"{TRACKER} scorecard --format jsonl"]
    facts = [sys.executable, str(SHARED / "eval" / "score.py"), "--cmd", f"{TRACKER} extract {{}} --format jsonl"]
    return {
        "realworld": verdicts + ["--gold", str(SHARED / "eval" / "realworld.gold.jsonl")],
        "verdicts.dev": verdicts + ["--gold", str(HERE / "accuracy" / "verdicts.dev.jsonl")],
        "verdicts.held_out": verdicts + ["--gold", str(HERE / "accuracy" / "verdicts.held_out.jsonl")],
        "seeds": facts + ["--gold", str(SHARED / "eval" / "seeds.gold.jsonl"), "--docs", str(SHARED / "seeds")],
        "composed": facts + ["--gold", str(HERE / "accuracy" / "composed.gold.jsonl"),
                             "--docs", str(HERE / "accuracy" / "composed")],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated set names")
    parser.add_argument("-v", "--verbose", action="store_true", help="every miss and extra, as the scorers print them")
    args = parser.parse_args()
    if not (SHARED / "eval").is_dir():
        sys.exit(f"accuracy: the shared folder is not beside the repository ({SHARED})")
    wanted = args.only.split(",") if args.only else list(sets())
    for name in wanted:
        command = sets()[name] + (["-v"] if args.verbose else [])
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        lines = done.stdout.strip().splitlines()
        if args.verbose:
            print("\n".join(lines[:-1]))
        print(f"{name:20} {lines[-1] if lines else done.stderr.strip()[-200:]}")


if __name__ == "__main__":
    main()
