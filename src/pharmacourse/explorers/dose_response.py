"""Dose-response of a generic agonist in the operational model: efficacy, receptor reserve and a
competitive antagonist (lesson 03)."""

from __future__ import annotations

import numpy as np

from pharmacourse import pharmacodynamics as dyn
from pharmacourse import plots
from pharmacourse.explorers._base import Explorer, slider

__all__ = ["DoseResponseExplorer"]


class DoseResponseExplorer(Explorer):
    """Operational model of agonism for a generic agonist, against a full-agonist reference.

    Sliders: KA (affinity, nM), tau (efficacy), the fraction of receptors left (receptor
    reserve) and a competitive antagonist's concentration in multiples of its KB. A partial
    agonist (small tau) loses its maximum when receptors are removed; a full agonist only moves
    right. The antagonist shifts both curves right in parallel (Gaddum/Schild).
    """

    TEXT = "Dose-response explorer: run this cell to move the sliders (static preview shown)"
    REFERENCE_TAU = 30.0

    def __init__(self, ka_nm: float = 100.0, tau: float = 1.0, receptor_fraction: float = 1.0,
                 antagonist_over_kb: float = 0.0) -> None:
        sliders = {
            "ka_nm": slider(ka_nm, 1.0, 10000.0, 0.05, "Agonist affinity KA", "nM", log=True),
            "tau": slider(tau, 0.1, 100.0, 0.05, "Efficacy tau", log=True),
            "receptor_fraction": slider(receptor_fraction, 0.02, 1.0, 0.01, "Receptors left",
                                        "fraction", "receptor reserve"),
            "antagonist_over_kb": slider(antagonist_over_kb, 0.0, 100.0, 1.0,
                                         "Competitive antagonist [B]/KB"),
        }
        self.conc_nm = np.logspace(-2, 6, 400)
        super().__init__(sliders)

    def _curves(self) -> tuple[np.ndarray, np.ndarray]:
        p = self.params
        dr = float(dyn.dose_ratio(p["antagonist_over_kb"], 1.0))
        test = dyn.operational_model(self.conc_nm / dr, p["ka_nm"], p["tau"], 100.0, 1.0,
                                    p["receptor_fraction"])
        ref = dyn.operational_model(self.conc_nm / dr, p["ka_nm"], self.REFERENCE_TAU, 100.0, 1.0,
                                   p["receptor_fraction"])
        return test, ref

    def _build(self) -> None:
        ax = self.axes[0]
        (self.ref_line,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                                   **plots.series_style(1),
                                   label=f"Full agonist, tau {self.REFERENCE_TAU:g} (model)")
        (self.line,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                               **plots.series_style(0), label="Test agonist (model)")
        ax.set_xscale("log")
        ax.set_ylim(0, 105)
        ax.set_xlabel("Agonist concentration (nM)")
        ax.set_ylabel("Effect (% of system maximum)")
        ax.set_title(" ")
        ax.legend(loc="upper left")
        self._animate(self.ref_line, self.line, ax.title)

    def _emax(self) -> float:
        p = self.params
        return float(dyn.operational_emax(p["tau"], 100.0, 1.0, p["receptor_fraction"]))

    def _recompute(self) -> bool:
        test, ref = self._curves()
        self.line.set_ydata(test)
        self.ref_line.set_ydata(ref)
        p = self.params
        self.axes[0].set_title(f"Maximum {self._emax():.0f} % with tau {p['tau']:.2g} and "
                               f"{100 * p['receptor_fraction']:.0f} % of receptors")
        return False

    def describe(self) -> str:
        p = self.params
        dr = float(dyn.dose_ratio(p["antagonist_over_kb"], 1.0))
        ec50 = dr * float(dyn.operational_ec50(p["ka_nm"], p["tau"], 1.0, p["receptor_fraction"]))
        return (f"Test agonist (KA {p['ka_nm']:.3g} nM, tau {p['tau']:.2g}, "
                f"{100 * p['receptor_fraction']:.0f} % of receptors, antagonist [B]/KB "
                f"{p['antagonist_over_kb']:.0f}): maximum {self._emax():.0f} % of the system "
                f"maximum, half of its maximum at {ec50:.3g} nM; full agonist (tau "
                f"{self.REFERENCE_TAU:g}) for comparison (model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"conc_nm": self.conc_nm, "effect": np.asarray(self.line.get_ydata()),
                "reference": np.asarray(self.ref_line.get_ydata())}
