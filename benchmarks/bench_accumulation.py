"""Benchmark rows of lesson 05's accumulation explorer (run by scripts/bench.py, ``make bench``).

An update row times one slider move as the kernel runs it (recompute + redraw + PNG); the course
asks for at most 50 ms. The half-life row keeps the y axis (the usual small slider step); the
interval row jumps between values three-fold apart, so each move rescales the y axis, which
redraws the y layer over the cached base (``Explorer._render``). The last row, for reading (no
goal), is the full layout and draw that happens once when tick labels need more room than the
layout gave them.
"""

from __future__ import annotations

from _rows import slider_row

from pharmacourse import explorers


def _row(name: str, values: list[float]):
    return slider_row(explorers.AccumulationExplorer(), name, values)


def _full_redraw():
    explorer = explorers.AccumulationExplorer()

    def run() -> None:
        explorer._render(full=True)

    return run


ROWS = [
    ("accumulation explorer update, half-life (recompute + redraw + PNG)",
     _row("t_half_h", [40.0, 45.3, 50.0]), None),
    ("accumulation explorer update, dose",
     _row("dose_mg", [35.0, 39.0, 43.0]), None),
    ("accumulation explorer update, interval 12/36 h (y axis rescaled)",
     _row("tau_h", [12.0, 36.0]), None),
    ("accumulation explorer full layout + draw (labels need more room; for reading)",
     _full_redraw(), None),
]
