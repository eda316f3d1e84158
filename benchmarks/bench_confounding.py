"""Benchmark row for lesson 08's confounding explorer (run by scripts/bench.py, ``make bench``).

One slider move as the kernel runs it (recompute + redraw + PNG); issue 19 asks for <= 50 ms.
"""

from __future__ import annotations

from _rows import slider_row

from pharmacourse import explorers


def _update_row(name: str, values: list[float]):
    explorer = explorers.ConfoundingExplorer(observed={"published share": 95.4})
    return slider_row(explorer, name, values)


ROWS = [
    ("confounding explorer update (true risk ratio)",
     _update_row("rr_substance", [1.0, 2.5, 5.0]), None),
    ("confounding explorer update (association)",
     _update_row("association", [1.0, 10.0, 30.0]), None),
]
