"""Benchmark rows for lesson 06's explorers (run by scripts/bench.py, ``make bench``).

``ROWS``: (name, callable, baseline callable or None), as in ``bench_explorers.py``. An update row
times one slider move as the kernel runs it (recompute + redraw + PNG); issue 19 asks for at most
50 ms each.
"""

from __future__ import annotations

from _rows import slider_row

from pharmacourse import explorers

ROWS = [
    ("parent-metabolite explorer update (CYP3A activity)",
     slider_row(explorers.ParentMetaboliteExplorer(), "cyp3a_activity_pct", [100.0, 50.0, 10.0]),
     None),
    ("DDI calculator with time-dependent inhibition update",
     slider_row(explorers.DDICalculator(time_dependent=True), "kinact_per_min",
                [0.0, 0.068, 0.15]), None),
]
