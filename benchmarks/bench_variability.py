"""Benchmark rows of lesson 09's population explorer (run by scripts/bench.py, ``make bench``).

``ROWS``: (name, callable, baseline or None). The update row times one slider move as the kernel
runs it: a new virtual population (4,000 people, vectorised), the histogram updated in place,
the PNG re-encoded; issue 19 asks for at most 50 ms. The model row times the population alone,
against the same population drawn one person at a time in a Python loop.
"""

from __future__ import annotations

import numpy as np
from _rows import slider_row

from pharmacourse import explorers, variability

ARGS = (2.0, 3.9, 62.1, 233.0, 0.68, 0.2, 0.8, 0.1, 4000, 2026)


def _update():
    explorer = explorers.VariabilityExplorer(weight_cv_pct=20.0, inhibitor_pct=10.0)
    return slider_row(explorer, "content_fold", [15.9, 8.0, 3.0, 12.0])


def _population() -> None:
    variability.exposure_population(*ARGS)


def _population_loop() -> None:
    """The same kind of population, one person at a time (the way a first program is written)."""
    rng = np.random.default_rng(2026)
    out = []
    for _ in range(ARGS[8]):
        content = float(np.exp(rng.uniform(np.log(3.9), np.log(62.1))))
        cl = 233.0 * float(np.exp(0.62 * rng.standard_normal()))
        out.append(1000.0 * 2.0 * content / cl)


ROWS = [
    ("variability explorer update (4,000 people + histogram + PNG)", _update(), None),
    ("virtual population of 4,000 (vectorised vs per-person loop)", _population, _population_loop),
]
