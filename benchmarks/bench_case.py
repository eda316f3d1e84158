"""Benchmark row for the capstone's case explorer (run by scripts/bench.py, ``make bench``):
one slider move as the kernel runs it (recompute + redraw + PNG), at most 50 ms."""

from __future__ import annotations

from _rows import slider_row

from pharmacourse import explorers

ROWS = [("case explorer update (inhibitor x accumulation; recompute + redraw + PNG)",
         slider_row(explorers.CaseExplorer(), "fm", [0.2, 0.5, 0.8]), None)]
