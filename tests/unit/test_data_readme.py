"""data/README.md's table of resources says how many rows each file holds: the counts must be true.

The table is read by learners and instructors choosing data for an exercise; a count typed once and
never updated misleads them. This test reads every row of the table and compares it with the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "data"
ROW = re.compile(r"^\| `(?P<name>[a-z_]+)` \| (?P<rows>\d+) \|", re.MULTILINE)


def _stated() -> dict[str, int]:
    return {m["name"]: int(m["rows"]) for m in ROW.finditer((DATA / "README.md").read_text())}


def _paths() -> dict[str, Path]:
    package = json.loads((DATA / "datapackage.json").read_text())
    return {r["name"]: DATA / r["path"] for r in package["resources"]}


def test_readme_lists_every_tabular_resource() -> None:
    tabular = {name for name, path in _paths().items() if path.suffix == ".csv"}
    missing = sorted(tabular - set(_stated()))
    assert not missing, f"data/README.md's table has no row for {missing}"


def test_readme_row_counts_match_the_files() -> None:
    paths = _paths()
    wrong = {name: (stated, len(pd.read_csv(paths[name])))
             for name, stated in _stated().items()
             if name in paths and len(pd.read_csv(paths[name])) != stated}
    assert not wrong, ("data/README.md states wrong row counts (stated, actual): "
                       f"{wrong}; update the table")
