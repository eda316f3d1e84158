"""Benchmark row for the tolerance explorer of lesson 07 (run by scripts/bench.py, ``make bench``).

One slider move as the kernel runs it (recompute + redraw + PNG); the course asks for at most
50 ms per update.
"""

from __future__ import annotations

from pharmacourse import explorers


def _update_row():
    explorer = explorers.ToleranceExplorer()
    values = [0.1, 0.5, 1.0]
    state = {"i": 0}

    def run() -> None:
        state["i"] += 1
        explorer.update(receptor_fraction=values[state["i"] % len(values)])

    return run


ROWS = [("tolerance explorer update (recompute + redraw + PNG)", _update_row(), None)]
