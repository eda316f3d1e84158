"""Benchmark rows for the explorers (run by scripts/bench.py, ``make bench``).

``ROWS``: (name, callable, baseline callable or None). An update row times one slider move as the
kernel runs it (recompute + redraw + PNG); issue 19 asks for at most 50 ms each. The import rows
start a fresh interpreter, as a lesson's kernel does: importing the package alone should cost
almost nothing (explorers load lazily), and one explorer should cost only what it needs; the
baseline is an interpreter that imports nothing.
"""

from __future__ import annotations

import subprocess
import sys

from _rows import slider_row

from pharmacourse import explorers


def _explorer_row(cls, name: str, values: list[float]):
    return slider_row(cls(), name, values)


def _fresh_import(statement: str):
    def run() -> None:
        subprocess.run([sys.executable, "-c", statement], check=True)

    return run


ROWS = [
    ("PK explorer update (recompute + redraw + PNG)",
     _explorer_row(explorers.PKExplorer, "t_half_h", [30.0, 45.3, 60.0]), None),
    ("dose-response explorer update",
     _explorer_row(explorers.DoseResponseExplorer, "tau", [0.5, 1.0, 5.0]), None),
    ("occupancy explorer update",
     _explorer_row(explorers.OccupancyExplorer, "ligand_nm", [10.0, 100.0, 1000.0]), None),
    ("DDI calculator update",
     _explorer_row(explorers.DDICalculator, "dose_mg", [10.0, 39.0, 50.0]), None),
    ("single-dose PK explorer update",
     _explorer_row(explorers.SingleDosePKExplorer, "t_half_h", [30.0, 45.3, 60.0]), None),
    ("sampling explorer update",
     _explorer_row(explorers.SamplingExplorer, "recruitment", [1.0, 10.0, 30.0]), None),
    ("fresh process: import pharmacourse.explorers (vs empty interpreter)",
     _fresh_import("import pharmacourse.explorers"), _fresh_import("pass")),
    ("fresh process: from pharmacourse.explorers import PKExplorer",
     _fresh_import("from pharmacourse.explorers import PKExplorer"), None),
    ("fresh process: from pharmacourse.explorers import SamplingExplorer",
     _fresh_import("from pharmacourse.explorers import SamplingExplorer"), None),
]
