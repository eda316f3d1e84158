"""Repeated oral dosing of mitragynine: how the half-life, not the dose, sets the time to steady
state (lesson 05)."""

from __future__ import annotations

import numpy as np

from pharmacourse import pk, plots
from pharmacourse.explorers._base import Explorer, rescale_y
from pharmacourse.explorers._mitragynine import ka_slider, published, regimen_sliders

__all__ = ["PKExplorer"]


class PKExplorer(Explorer):
    """Repeated oral dosing of mitragynine: dose, interval, half-life and ka.

    Model: one-compartment oral, superposition of equal doses (``pk.multiple_dose_oral``), with
    the apparent volume Vz/F = 12,700 L (Tanna 2022 median, data/human_pk). Half-life starts at
    Tanna 2022's median 45.3 h; ka has no published value (the studies report tmax about 1 h) and
    is marked "assumed". The dashed line is the average steady-state concentration
    F Dose / (CL tau). The default dose is the mitragynine content of Tanna 2022's 2 g dose.

    Limitation (say it in the lesson): Tanna 2022 fitted two compartments; one compartment with
    the terminal volume reproduces the slow accumulation and the time to steady state but not the
    early peak (it underestimates Cmax several-fold). Read times and ratios here, not peaks.
    """

    TEXT = "PK explorer: run this cell to move the sliders (static preview shown)"
    DAYS = 21.0

    def __init__(self, dose_mg: float | None = None, tau_h: float = 24.0,
                 t_half_h: float | None = None, ka_per_h: float = 2.0) -> None:
        self.v_l = published("vz_f", "tanna2022", "median")
        sliders = {**regimen_sliders(dose_mg, tau_h, t_half_h),
                   "ka_per_h": ka_slider(ka_per_h, 0.2, 10.0)}
        self.t_h = np.linspace(0.0, self.DAYS * 24.0, 2000)
        super().__init__(sliders)

    def _model(self) -> tuple[np.ndarray, float, float]:
        p = self.params
        ke = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
        n_doses = int(np.ceil(self.t_h[-1] / p["tau_h"]))
        c = pk.mg_per_l_to_ng_per_ml(
            pk.multiple_dose_oral(self.t_h, p["dose_mg"], p["tau_h"], n_doses, self.v_l, ke,
                                  p["ka_per_h"]))
        css = float(pk.mg_per_l_to_ng_per_ml(
            pk.average_steady_state_conc_mg_per_l(p["dose_mg"], p["tau_h"], ke * self.v_l)))
        t90 = float(pk.time_to_fraction_of_steady_state_h(0.9, p["t_half_h"])) / 24.0
        return c, css, t90

    def _build(self) -> None:
        ax = self.axes[0]
        days = self.t_h / 24.0
        (self.line,) = ax.plot(days, np.zeros_like(days), **plots.series_style(0),
                               label=plots.label("Mitragynine, one-compartment model",
                                                 ["simulated", "ka assumed"]))
        self.css_line = ax.axhline(0.0, **plots.series_style(1),
                                   label="Average at steady state (model)")
        self.t90_line = ax.axvline(0.0, color=plots.OKABE_ITO["black"], linestyle=":",
                                   linewidth=1.5, label="90 % of steady state (model)")
        ax.set_xlabel("Time since first dose (days)")
        ax.set_ylabel("Plasma concentration (ng/mL)")
        ax.set_xlim(0, self.DAYS)
        ax.set_title(" ")
        ax.legend(loc="lower right")
        self._animate(self.line, self.css_line, self.t90_line, ax.title)

    def _recompute(self) -> bool:
        c, css, t90 = self._model()
        self.line.set_ydata(c)
        self.css_line.set_ydata([css, css])
        self.t90_line.set_xdata([t90, t90])
        self.axes[0].set_title(f"Half-life {self.params['t_half_h']:.1f} h: 90 % of steady state "
                               f"after {t90:.1f} days, whatever the dose")
        return rescale_y(self.axes[0], float(np.max(c)))

    def describe(self) -> str:
        p = self.params
        css = float(self.css_line.get_ydata()[0])
        t90 = float(self.t90_line.get_xdata()[0])
        top = float(np.max(self.line.get_ydata()))
        return (f"Mitragynine {p['dose_mg']:.3g} mg every {p['tau_h']:.0f} h, half-life "
                f"{p['t_half_h']:.1f} h: average at steady state {css:.3g} ng/mL, 90 % of it "
                f"after {t90:.1f} days; highest {top:.3g} ng/mL in {self.DAYS:g} days (model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"t_h": self.t_h, "c_ng_per_ml": np.asarray(self.line.get_ydata())}
