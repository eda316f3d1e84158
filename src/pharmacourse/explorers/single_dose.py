"""One oral dose of mitragynine: the Bateman curve, its peak and its area (lesson 04)."""

from __future__ import annotations

import numpy as np

from pharmacourse import pk, plots
from pharmacourse.explorers._base import Explorer, point
from pharmacourse.explorers._mitragynine import (
    PUBLISHED_MG_DOSE_RANGE_MG,
    ka_slider,
    mitragynine_sliders,
    published,
)

__all__ = ["SingleDosePKExplorer"]


class SingleDosePKExplorer(Explorer):
    """One oral dose of mitragynine: dose, half-life and ka (the Bateman function).

    Model: one-compartment oral absorption (``pk.one_compartment_oral``) with the apparent volume
    Vz/F of Tanna 2022 (median, data/human_pk) and F folded into it; half-life and dose start at
    Tanna 2022's median and dose. ka has no published value and is marked "assumed" (the default
    is the lesson's choice). The marker is the model's Cmax at tmax; the title gives Cmax, tmax
    and AUC0-inf = Dose / (k Vz/F). Same one-compartment limitation as ``PKExplorer``: the early
    peak is several-fold below the published Cmax.
    """

    TEXT = "Single-dose PK explorer: run this cell to move the sliders (static preview shown)"
    HOURS = 72.0

    def __init__(self, dose_mg: float | None = None, t_half_h: float | None = None,
                 ka_per_h: float = 5.8) -> None:
        self.v_l = published("vz_f", "tanna2022", "median")
        dose, t_half = mitragynine_sliders(dose_mg, t_half_h)
        sliders = {
            "dose_mg": dose,
            "t_half_h": t_half,
            "ka_per_h": ka_slider(ka_per_h, 0.1, 8.0),
        }
        self.t_h = np.linspace(0.0, self.HOURS, 721)
        super().__init__(sliders)

    def _model(self) -> tuple[np.ndarray, float]:
        p = self.params
        k = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
        c = pk.mg_per_l_to_ng_per_ml(
            pk.one_compartment_oral(self.t_h, p["dose_mg"], self.v_l, k, p["ka_per_h"]))
        auc_ng_h_per_ml = float(pk.mg_per_l_to_ng_per_ml(
            pk.auc_inf_mg_h_per_l(p["dose_mg"], k * self.v_l)))
        return np.asarray(c), auc_ng_h_per_ml

    def _build(self) -> None:
        ax = self.axes[0]
        (self.line,) = ax.plot(self.t_h, np.zeros_like(self.t_h), **plots.series_style(0),
                               label=plots.label("Mitragynine, one-compartment model",
                                                 ["simulated", "ka assumed"]))
        (self.peak,) = ax.plot([0.0], [0.0], marker="o", linestyle="none", markersize=8,
                               color=plots.OKABE_ITO["vermillion"], label="Cmax at tmax (model)")
        ax.set_xlabel("Time after the dose (h)")
        ax.set_ylabel("Plasma concentration (ng/mL)")
        ax.set_xlim(0, self.HOURS)
        ax.set_xticks(np.arange(0, self.HOURS + 1, 12))
        lo, hi = PUBLISHED_MG_DOSE_RANGE_MG
        # Fixed y range: the highest possible peak (top dose, instant absorption) fits, so
        # curves can be compared across slider moves.
        ax.set_ylim(0, 1.1 * float(pk.mg_per_l_to_ng_per_ml(hi / self.v_l)))
        ax.set_title(" ")
        ax.legend(loc="upper right")
        self._animate(self.line, self.peak, ax.title)

    def _recompute(self) -> bool:
        c, self._auc_ng_h_per_ml = self._model()
        self.line.set_ydata(c)
        i = int(np.argmax(c))
        self.peak.set_data([self.t_h[i]], [c[i]])
        self.axes[0].set_title(f"Cmax {c[i]:.2f} ng/mL at tmax {self.t_h[i]:.1f} h; "
                               f"AUC0-inf {self._auc_ng_h_per_ml:.0f} ng·h/mL")
        return False

    def describe(self) -> str:
        p = self.params
        t_peak, c_peak = point(self.peak)
        return (f"One {p['dose_mg']:.3g} mg dose of mitragynine, half-life {p['t_half_h']:.1f} h, "
                f"ka {p['ka_per_h']:.2g} 1/h: peak {c_peak:.2f} ng/mL at {t_peak:.1f} h, "
                f"AUC0-inf {self._auc_ng_h_per_ml:.0f} ng·h/mL (model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"t_h": self.t_h, "c_ng_per_ml": np.asarray(self.line.get_ydata()),
                "peak": point(self.peak)}
