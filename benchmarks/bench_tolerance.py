"""Benchmark row for the tolerance explorer of lesson 07 (run by scripts/bench.py, ``make bench``).

One slider move as the kernel runs it (recompute + redraw + PNG); the course asks for at most
50 ms per update.
"""

from __future__ import annotations

from _rows import slider_row

from pharmacourse import explorers

ROWS = [("tolerance explorer update (recompute + redraw + PNG)",
         slider_row(explorers.ToleranceExplorer(), "receptor_fraction", [0.1, 0.5, 1.0]), None)]
