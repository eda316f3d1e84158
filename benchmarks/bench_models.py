"""Benchmark rows for the models and explorers (run by scripts/bench.py, ``make bench``).

``ROWS``: (name, callable, baseline callable or None). The population row compares the
vectorised simulation with a plain Python loop over subjects, in the same run.
"""

from __future__ import annotations

import numpy as np

from pharmacourse import explorers, population

_TIMES = np.linspace(0.0, 15 * 24.0 + 72.0, 2000)
# Illustrative values for timing only (not data): typical CL/F, V/F, ka and their variability.
_TYPICAL = {"cl_l_per_h": 233.0, "v_l": 15000.0, "ka_per_h": 6.0}
_OMEGA = {"cl_l_per_h": 0.3, "v_l": 0.3, "ka_per_h": 0.3}


def population_vectorised() -> None:
    population.simulate_oral_regimen(_TIMES, 39.0, 24.0, 15, _TYPICAL, _OMEGA, 1000, seed=1)


def population_10000() -> None:
    population.simulate_oral_regimen(_TIMES, 39.0, 24.0, 15, _TYPICAL, _OMEGA, 10_000, seed=1)


def population_loop() -> None:
    population.simulate_oral_regimen_loop(_TIMES, 39.0, 24.0, 15, _TYPICAL, _OMEGA, 1000, seed=1)


def _explorer_row(cls, name: str, values: list[float]):
    explorer = cls()
    state = {"i": 0}

    def run() -> None:
        state["i"] += 1
        explorer.update(**{name: values[state["i"] % len(values)]})

    return run


ROWS = [
    ("population 1000 subjects x 2000 times, 15 doses (vectorised vs Python loop)",
     population_vectorised, population_loop),
    ("population 10,000 subjects x 2000 times, 15 doses (an explorer update; goal <= 200 ms)",
     population_10000, None),
    ("PK explorer update (recompute + redraw + PNG)",
     _explorer_row(explorers.PKExplorer, "t_half_h", [30.0, 45.3, 60.0]), None),
    ("dose-response explorer update",
     _explorer_row(explorers.DoseResponseExplorer, "tau", [0.5, 1.0, 5.0]), None),
    ("occupancy explorer update",
     _explorer_row(explorers.OccupancyExplorer, "ligand_nm", [10.0, 100.0, 1000.0]), None),
    ("DDI calculator update",
     _explorer_row(explorers.DDICalculator, "dose_mg", [10.0, 39.0, 50.0]), None),
    ("single-dose PK explorer update",
     _explorer_row(explorers.SingleDosePKExplorer, "t_half_h", [30.0, 45.3, 60.0]), None),
    ("sampling explorer update",
     _explorer_row(explorers.SamplingExplorer, "recruitment", [1.0, 10.0, 30.0]), None),
]
