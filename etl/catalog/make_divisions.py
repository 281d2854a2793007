"""Write divisions.json.gz, the administrative divisions etl/divisions.py reads, from jionlp's dataset.

Run by hand, with jionlp installed (it is not a dependency of the package, and nothing
imports this script):

    pip install jionlp
    python etl/catalog/make_divisions.py            # writes etl/catalog/divisions.json.gz

The file keeps exactly what `etl.divisions.build_divisions` reads, in the shape it reads it:

- "tree": jionlp's three-level location tree (`china_location_loader(detail=False)`),
  province → city → county, each node keeping its children (by name, in jionlp's order),
  "_admin_code" and "_alias" (always a list here; jionlp gives a string or a list).
  "_full_name" (the node's own key again) is dropped.
- "changes": jionlp's list of renames (`china_location_change_loader()`), each keeping
  "old_loc" (pairs of full and short names, province first) and "new_loc" (full names);
  "date" and "department" are dropped.
- "source": where it came from (package, version, functions, source files' sha256, date).

See DIVISIONS.md beside this script.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import hashlib
import io
import json
from importlib import metadata
from pathlib import Path

FORMAT = 1
OUT = Path(__file__).with_name("divisions.json.gz")
SOURCE_FILES = ("dictionary/china_location.txt", "dictionary/china_location_change.txt")


def _node(node: dict) -> dict:
    out: dict = {}
    for key, value in node.items():
        if key == "_admin_code":
            out[key] = value
        elif key == "_alias":
            alias = value or ()
            out[key] = list(alias) if isinstance(alias, list) else [alias]
        elif key.startswith("_"):
            continue
        elif isinstance(value, dict):
            out[key] = _node(value)
        else:
            raise ValueError(f"unexpected entry {key!r}: {value!r}")
    return out


def build() -> dict:
    # jionlp greets on stdout when imported.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
        from jionlp.dictionary.dictionary_loader import (
            china_location_change_loader, china_location_loader,
        )
        tree = china_location_loader(detail=False)
        changes = china_location_change_loader()
    root = Path(jionlp.__file__).parent
    return {
        "format": FORMAT,
        "source": {
            "package": "jionlp",
            "version": metadata.version("jionlp"),
            "calls": [
                "jionlp.dictionary.dictionary_loader.china_location_loader(detail=False)",
                "jionlp.dictionary.dictionary_loader.china_location_change_loader()",
            ],
            "files": {f"jionlp/{name}": hashlib.sha256((root / name).read_bytes()).hexdigest()
                      for name in SOURCE_FILES},
            "generated": datetime.date.today().isoformat(),
            "generator": "etl/catalog/make_divisions.py",
            "license": "Apache-2.0 (jionlp's license)",
            "homepage": "https://github.com/dongrixinyu/JioNLP",
        },
        "tree": {name: _node(node) for name, node in tree.items()},
        "changes": [{"old_loc": c.get("old_loc", []), "new_loc": c["new_loc"]} for c in changes],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # mtime=0: the same data gives the same bytes.
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{args.out}: {args.out.stat().st_size} bytes ({len(text.encode('utf-8'))} uncompressed), "
          f"{len(data['tree'])} provinces, {len(data['changes'])} changes, jionlp {data['source']['version']}")


if __name__ == "__main__":
    main()
