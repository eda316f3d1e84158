"""Tolerance in the operational model: a full and a partial agonist lose receptors or coupling
(lesson 07).

Both sliders multiply the efficacy tau of both agonists (tau' = receptors left x coupling left x
tau): in this model receptor loss (down-regulation) and desensitisation (less signal per occupied
receptor) move the curves the same way, which is itself a lesson: a concentration-effect curve
cannot tell the two mechanisms apart. Generic agonists; no kratom concentration and no band.
"""

from __future__ import annotations

import numpy as np

from pharmacourse import pharmacodynamics as dyn
from pharmacourse import plots
from pharmacourse.explorers._base import Explorer, slider

__all__ = ["ToleranceExplorer"]


class ToleranceExplorer(Explorer):
    """Concentration-effect curves of a full and a partial agonist before and after tolerance.

    Sliders: the fraction of receptors left (down-regulation), the fraction of coupling left
    (desensitisation) and the partial agonist's tau before tolerance. Thin lines show the curves
    before tolerance, thick lines after; the title gives each agonist's EC50 fold shift and its
    maximum after tolerance.
    """

    TEXT = "Tolerance explorer: run this cell to move the sliders (static preview shown)"
    FULL_TAU = 30.0
    KA_NM = 100.0

    def __init__(self, receptor_fraction: float = 1.0, coupling_fraction: float = 1.0,
                 partial_tau: float = 2.0) -> None:
        sliders = {
            "receptor_fraction": slider(receptor_fraction, 0.02, 1.0, 0.01, "Receptors left",
                                        "fraction", "down-regulation"),
            "coupling_fraction": slider(coupling_fraction, 0.02, 1.0, 0.01, "Coupling left",
                                        "fraction", "desensitisation"),
            "partial_tau": slider(partial_tau, 0.2, 10.0, 0.1, "Partial agonist tau",
                                  "", "before tolerance"),
        }
        self.conc_nm = np.logspace(-1, 5, 200)
        super().__init__(sliders)

    # -- the model ------------------------------------------------------------------------------
    def _left(self) -> float:
        return self.params["receptor_fraction"] * self.params["coupling_fraction"]

    def _curve(self, tau: float, left: float) -> np.ndarray:
        return dyn.operational_model(self.conc_nm, self.KA_NM, tau, 100.0, 1.0, left)

    def summary(self) -> dict[str, float]:
        """EC50 fold shift and maximum (% of system maximum) of each agonist after tolerance."""
        left, partial = self._left(), self.params["partial_tau"]
        out = {}
        for name, tau in (("full", self.FULL_TAU), ("partial", partial)):
            before = float(dyn.operational_ec50(self.KA_NM, tau))
            after = float(dyn.operational_ec50(self.KA_NM, tau, 1.0, left))
            out[f"{name}_ec50_fold"] = after / before
            out[f"{name}_emax_pct"] = float(dyn.operational_emax(tau, 100.0, 1.0, left))
        return out

    # -- the figure -----------------------------------------------------------------------------
    def _build(self) -> None:
        ax = self.axes[0]
        full, partial = plots.series_style(0), plots.series_style(1)
        (self.full_before,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                                      color=full["color"], linestyle=":", linewidth=1.5,
                                      label=f"Full agonist (tau {self.FULL_TAU:g}), before")
        (self.full_after,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm), **full,
                                     label="Full agonist, after tolerance")
        (self.partial_before,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                                         color=partial["color"], linestyle=":", linewidth=1.5,
                                         label="Partial agonist, before")
        (self.partial_after,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm), **partial,
                                        label="Partial agonist, after tolerance")
        ax.set_xscale("log")
        ax.set_ylim(0, 105)
        ax.set_xlabel("Agonist concentration (nM, log scale; generic agonists, model)")
        ax.set_ylabel("Effect (% of system maximum)")
        ax.set_title(" ")
        ax.legend(loc="upper left")
        # the full agonist's "before" curve never changes: it stays in the cached background,
        # so a slider move redraws three artists and the title (the update stays fast)
        self.full_before.set_ydata(self._curve(self.FULL_TAU, 1.0))
        self._animate(self.full_after, self.partial_before, self.partial_after, ax.title)

    def _recompute(self) -> bool:
        left, partial = self._left(), self.params["partial_tau"]
        self.partial_before.set_ydata(self._curve(partial, 1.0))
        self.full_after.set_ydata(self._curve(self.FULL_TAU, left))
        self.partial_after.set_ydata(self._curve(partial, left))
        s = self.summary()
        self.axes[0].set_title(
            f"Full: EC50 x{s['full_ec50_fold']:.1f}, max {s['full_emax_pct']:.0f} %; "
            f"partial: EC50 x{s['partial_ec50_fold']:.1f}, max {s['partial_emax_pct']:.0f} %",
            fontsize=10)
        return False

    def describe(self) -> str:
        p, s = self.params, self.summary()
        return (f"Tolerance with {100 * p['receptor_fraction']:.0f} % of receptors and "
                f"{100 * p['coupling_fraction']:.0f} % of coupling left (model, generic agonists): "
                f"the full agonist (tau {self.FULL_TAU:g}) keeps a maximum of "
                f"{s['full_emax_pct']:.0f} % with its EC50 {s['full_ec50_fold']:.1f}-fold higher; "
                f"the partial agonist (tau {p['partial_tau']:.2g}) falls to a maximum of "
                f"{s['partial_emax_pct']:.0f} % with its EC50 {s['partial_ec50_fold']:.1f}-fold "
                f"higher")

    def data(self) -> dict[str, np.ndarray]:
        return {"conc_nm": self.conc_nm,
                "full_before": np.asarray(self.full_before.get_ydata()),
                "full_after": np.asarray(self.full_after.get_ydata()),
                "partial_before": np.asarray(self.partial_before.get_ydata()),
                "partial_after": np.asarray(self.partial_after.get_ydata())}
