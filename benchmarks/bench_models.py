"""Benchmark rows for the models (run by scripts/bench.py, ``make bench``).

The explorers' rows are in ``bench_explorers.py``.

``ROWS``: (name, callable, baseline callable or None). The population row compares the
vectorised simulation with a plain Python loop over subjects, in the same run.
"""

from __future__ import annotations

import numpy as np

from pharmacourse import population

_TIMES = np.linspace(0.0, 15 * 24.0 + 72.0, 2000)
# Illustrative values for timing only (not data): typical CL/F, V/F, ka and their variability.
_TYPICAL = {"cl_l_per_h": 233.0, "v_l": 15000.0, "ka_per_h": 6.0}
_OMEGA = {"cl_l_per_h": 0.3, "v_l": 0.3, "ka_per_h": 0.3}


def population_vectorised() -> None:
    population.simulate_oral_regimen(_TIMES, 39.0, 24.0, 15, _TYPICAL, _OMEGA, 1000, seed=1)


def population_10000() -> None:
    population.simulate_oral_regimen(_TIMES, 39.0, 24.0, 15, _TYPICAL, _OMEGA, 10_000, seed=1)


_PLOT_TIMES = np.linspace(0.0, 15 * 24.0 + 72.0, 400)  # one point per ~2 pixels of a plot


def population_10000_plot_grid() -> None:
    population.simulate_oral_regimen(_PLOT_TIMES, 39.0, 24.0, 15, _TYPICAL, _OMEGA, 10_000, seed=1)


def population_loop() -> None:
    population.simulate_oral_regimen_loop(_TIMES, 39.0, 24.0, 15, _TYPICAL, _OMEGA, 1000, seed=1)


ROWS = [
    ("population 1000 subjects x 2000 times, 15 doses (vectorised vs Python loop)",
     population_vectorised, population_loop),
    ("population 10,000 subjects x 400 times (a plot's grid), 15 doses: explorer update "
     "(goal <= 200 ms)",
     population_10000_plot_grid, None),
    ("population 10,000 subjects x 2000 times, 15 doses (information)",
     population_10000, None),
]
