"""Benchmark rows of lesson 05's accumulation explorer (run by scripts/bench.py, ``make bench``).

An update row times one slider move as the kernel runs it (recompute + redraw + PNG); the course
asks for at most 50 ms. The half-life row keeps the y axis (the usual small slider step); the
interval row jumps between values three-fold apart, so each move rescales the axis and redraws
the whole figure: the worst case, for reading, not the target.
"""

from __future__ import annotations

from _rows import slider_row

from pharmacourse import explorers


def _row(name: str, values: list[float]):
    return slider_row(explorers.AccumulationExplorer(), name, values)


ROWS = [
    ("accumulation explorer update, half-life (recompute + redraw + PNG)",
     _row("t_half_h", [40.0, 45.3, 50.0]), None),
    ("accumulation explorer update, dose",
     _row("dose_mg", [35.0, 39.0, 43.0]), None),
    ("accumulation explorer update, interval 12/36 h (axis rescaled: full redraw)",
     _row("tau_h", [12.0, 36.0]), None),
]
