"""Receptor occupancy against ligand concentration: 50 % where [L] = Kd (lesson 02)."""

from __future__ import annotations

import numpy as np

from pharmacourse import pharmacodynamics, plots
from pharmacourse.explorers._base import Explorer, point, slider

__all__ = ["OccupancyExplorer"]


class OccupancyExplorer(Explorer):
    """Receptor occupancy (Hill-Langmuir) against ligand concentration, generic ligand.

    Sliders: Kd (nM) and the free ligand concentration (nM); the marker shows the occupancy at
    that concentration (50 % exactly where [L] = Kd).
    """

    TEXT = "Occupancy explorer: run this cell to move the sliders (static preview shown)"

    def __init__(self, kd_nm: float = 100.0, ligand_nm: float = 100.0) -> None:
        sliders = {
            "kd_nm": slider(kd_nm, 0.1, 10000.0, 0.05, "Dissociation constant Kd", "nM",
                            log=True),
            "ligand_nm": slider(ligand_nm, 0.1, 100000.0, 0.05, "Free ligand concentration",
                                "nM", log=True),
        }
        self.conc_nm = np.logspace(-2, 6, 400)
        super().__init__(sliders)

    def _build(self) -> None:
        ax = self.axes[0]
        (self.line,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                               **plots.series_style(0), label="Occupancy (model)")
        (self.marker,) = ax.plot([1.0], [0.0], marker="o", markersize=9, linestyle="none",
                                 color=plots.OKABE_ITO["vermillion"], label="Chosen concentration")
        ax.set_xscale("log")
        ax.set_ylim(0, 100)
        ax.set_xlabel("Free ligand concentration (nM)")
        ax.set_ylabel("Receptors occupied (%)")
        ax.set_title(" ")
        ax.legend(loc="upper left")
        self._animate(self.line, self.marker, ax.title)

    def _recompute(self) -> bool:
        p = self.params
        self.line.set_ydata(100 * pharmacodynamics.occupancy(self.conc_nm, p["kd_nm"]))
        occ = 100 * float(pharmacodynamics.occupancy(p["ligand_nm"], p["kd_nm"]))
        self.marker.set_data([p["ligand_nm"]], [occ])
        self.axes[0].set_title(f"[L] = {p['ligand_nm']:.3g} nM occupies {occ:.0f} % of receptors "
                               f"(Kd {p['kd_nm']:.3g} nM)")
        return False

    def describe(self) -> str:
        ligand_nm, occ = point(self.marker)
        return (f"Free ligand {ligand_nm:.3g} nM with Kd {self.params['kd_nm']:.3g} nM: "
                f"{occ:.0f} % of receptors occupied (model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"conc_nm": self.conc_nm, "occupancy_pct": np.asarray(self.line.get_ydata()),
                "marker": point(self.marker)}
