"""Accumulation on daily dosing of mitragynine: how far the level climbs above one dose's, and how
soon it stops climbing (lesson 05).

The learner reads two things off the plot: the accumulation ratio (the steady-state trough over
the trough after the first dose: the dashed line over the first dot) and the time to 90 % of
steady state (where the dots cross the dash-dotted 90 % line).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from pharmacourse import pk, plots
from pharmacourse.explorers._base import Explorer, rescale_y
from pharmacourse.explorers._mitragynine import published, regimen_sliders

__all__ = ["AccumulationExplorer"]


class AccumulationExplorer(Explorer):
    """Repeated oral doses of mitragynine with the first dose alone beside them.

    Model: one-compartment oral (``pk.multiple_dose_oral``, ``pk.one_compartment_oral``) with
    Tanna 2022's median apparent volume (data/human_pk) and an assumed ka (no published value).
    Drawn: the regimen's curve; the first dose alone (what a person would have without the later
    doses); a dot at each trough (just before the next dose); the steady-state trough (dashed);
    90 % of it (dash-dotted). Sliders: dose (the published studies' range), dosing interval,
    half-life. The accumulation ratio 1 / (1 - exp(-ke tau)) and the time to 90 % of steady state
    t1/2 log2(10) are printed under the plot (``readout``), for the learner to check a reading.

    Limitation: one compartment underestimates the early peak (lesson 04); read times and
    ratios here, not peak heights.
    """

    TEXT = "Accumulation explorer: run this cell to move the sliders (static preview shown)"
    DAYS = 21.0
    KA_PER_H = 2.0  # assumed: no published value; the studies report tmax of about 1 h

    def __init__(self, dose_mg: float | None = None, tau_h: float = 24.0,
                 t_half_h: float | None = None) -> None:
        self.v_l = published("vz_f", "tanna2022", "median")
        self.t_h = np.linspace(0.0, self.DAYS * 24.0, 2017)
        super().__init__(regimen_sliders(dose_mg, tau_h, t_half_h))
        # the two readings as text under the plot (a widget: no glyphs to redraw in the PNG)
        self.readout = widgets.Label(value=self._readout_text())
        self.readout.add_class("explorer-readout")
        self.children = (*self.children, self.readout)

    def model(self) -> dict[str, np.ndarray | float]:
        """Curves (ng/mL) and the two readings, for the current sliders."""
        p = self.params
        ke = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
        tau = p["tau_h"]
        n_doses = int(np.ceil(self.t_h[-1] / tau)) + 1
        args = (p["dose_mg"], tau, n_doses, self.v_l, ke, self.KA_PER_H)
        trough_t = tau * np.arange(1, int(self.t_h[-1] // tau) + 1)
        return {
            "c": pk.mg_per_l_to_ng_per_ml(pk.multiple_dose_oral(self.t_h, *args)),
            "single": pk.mg_per_l_to_ng_per_ml(
                pk.one_compartment_oral(self.t_h, p["dose_mg"], self.v_l, ke, self.KA_PER_H)),
            "trough_t_h": trough_t,
            "trough": pk.mg_per_l_to_ng_per_ml(pk.multiple_dose_oral(trough_t, *args)),
            "trough_ss": float(pk.mg_per_l_to_ng_per_ml(pk.steady_state_oral(
                0.0, p["dose_mg"], tau, self.v_l, ke, self.KA_PER_H))),
            "ratio": float(pk.accumulation_ratio(ke, tau)),
            "t90_d": float(pk.time_to_fraction_of_steady_state_h(0.9, p["t_half_h"])) / 24.0,
        }

    def _build(self) -> None:
        ax = self.axes[0]
        days = self.t_h / 24.0
        zeros = np.zeros_like(days)
        (self.line,) = ax.plot(days, zeros, **plots.series_style(0),
                               label=plots.label("Repeated doses", ["simulated", "ka assumed"]))
        (self.single_line,) = ax.plot(days, zeros, **plots.series_style(2),
                                      label="First dose alone (simulated)")
        (self.troughs,) = ax.plot([], [], "o", color=plots.OKABE_ITO["black"], markersize=4,
                                  label="Trough before each dose")
        self.ss_line = ax.axhline(0.0, color=plots.OKABE_ITO["vermillion"], linestyle="--",
                                  linewidth=1.5, label="Trough at steady state (model)")
        self.ss90_line = ax.axhline(0.0, color=plots.OKABE_ITO["vermillion"], linestyle="-.",
                                    linewidth=1.5, label="90 % of it")
        ax.set_xlabel("Time since first dose (days)")
        ax.set_ylabel("Plasma concentration (ng/mL)")
        ax.set_xlim(0, self.DAYS)
        ax.set_xticks(np.arange(0, self.DAYS + 1, 3))
        ax.grid(True, axis="x", color="0.85")
        ax.set_title("Repeated doses: the troughs climb to a plateau")
        ax.legend(loc="lower right")
        self._animate(self.line, self.single_line, self.troughs, self.ss_line, self.ss90_line)

    def _recompute(self) -> bool:
        m = self.model()
        self.line.set_ydata(m["c"])
        self.single_line.set_ydata(m["single"])
        self.troughs.set_data(m["trough_t_h"] / 24.0, m["trough"])
        self.ss_line.set_ydata([m["trough_ss"]] * 2)
        self.ss90_line.set_ydata([0.9 * m["trough_ss"]] * 2)
        self._ratio, self._t90_d = m["ratio"], m["t90_d"]
        if hasattr(self, "readout"):
            self.readout.value = self._readout_text()
        return rescale_y(self.axes[0], float(np.max(m["c"])))

    def _readout_text(self) -> str:
        return (f"Model: accumulation ratio {self._ratio:.1f}; 90 % of steady state after "
                f"{self._t90_d:.1f} days")

    def readings(self) -> dict[str, float]:
        """What the learner should read off the current plot: ratio and days to 90 %."""
        return {"accumulation_ratio": self._ratio, "t90_days": self._t90_d}

    def describe(self) -> str:
        p = self.params
        first = float(self.troughs.get_ydata()[0]) if len(self.troughs.get_ydata()) else 0.0
        return (f"Mitragynine {p['dose_mg']:.3g} mg every {p['tau_h']:.0f} h, half-life "
                f"{p['t_half_h']:.1f} h: trough after the first dose {first:.3g} ng/mL, at "
                f"steady state {float(self.ss_line.get_ydata()[0]):.3g} ng/mL (accumulation "
                f"ratio {self._ratio:.2f}); 90 % of steady state after {self._t90_d:.1f} days "
                "(model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"t_h": self.t_h, "c_ng_per_ml": np.asarray(self.line.get_ydata()),
                "single_ng_per_ml": np.asarray(self.single_line.get_ydata()),
                "trough_t_h": np.asarray(self.troughs.get_xdata()) * 24.0,
                "trough_ng_per_ml": np.asarray(self.troughs.get_ydata())}
