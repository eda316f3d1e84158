"""Benchmark row for the capstone's case explorer (run by scripts/bench.py, ``make bench``):
one slider move as the kernel runs it (recompute + redraw + PNG), at most 50 ms."""

from __future__ import annotations

from pharmacourse import explorers

_CASE = explorers.CaseExplorer()
_FM = iter([0.2, 0.5, 0.8] * 10_000)


def _move_fm() -> None:
    """One fm slider move (alternating values, so every call redraws)."""
    _CASE.update(fm=next(_FM))


ROWS = [("case explorer update (inhibitor x accumulation; recompute + redraw + PNG)",
         _move_fm, None)]
