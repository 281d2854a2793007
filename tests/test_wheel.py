"""A wheel of the project works on its own: built from this checkout, unpacked where neither the
repository nor the shared folder beside it can be seen, it opens the first view from its seeds.

The expected figures are those of the documents themselves: the State Council's 2024 report
promised GDP growth of 5%左右, and the 2025 report and the 2024 statistical bulletin both say
the economy grew 5%.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

FIRST_VIEW = """
import json, sys
from dashboard.first_start import seed_if_empty
from db import queries
from db.migrate import open_database

url = sys.argv[1]
lines = list(seed_if_empty(url))
engine = open_database(url)
card = queries.scorecard(engine, regions=["全国"], years=[2024], indicators=["gdp"])
row = card[card["measure"] == "growth"].iloc[0]
regions = queries.regions(engine)
print(json.dumps({
    "lines": lines,
    "modules": [m.__file__ for m in (sys.modules["etl"], sys.modules["db"], sys.modules["seeds"])],
    "gdp_2024": [float(row["target_value"]), row["comparator"], float(row["outcome_value"]), row["status"]],
    "paths": sorted(regions["path"]),
}, ensure_ascii=False))
"""


def build_wheel(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(REPO)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("*.whl"))


def test_an_unpacked_wheel_opens_the_first_view_on_its_seeds_alone(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run([sys.executable, "-c", FIRST_VIEW, f"sqlite:///{elsewhere / 'first.sqlite'}"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert all(Path(m).is_relative_to(site) for m in seen["modules"]), seen["modules"]
    assert seen["lines"][1].startswith("first start: ingested 147 seed reports")
    assert seen["gdp_2024"] == [5.0, "approx", 5.0, "met"]
    assert {"全国", "山东省", "山东省/临沂市", "山东省/临沂市/兰陵县", "山东省/临沂市/罗庄区"} <= set(seen["paths"])
