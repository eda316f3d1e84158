"""The capstone case (lesson 10): a participant of a daily-dosing study starts a CYP3A
inhibitor. What happens to mitragynine depends on a number nobody has measured in people, the
fraction of its clearance through CYP3A (fm), which the learner varies as an assumption."""

from __future__ import annotations

import numpy as np

from pharmacourse import interactions, pk, plots
from pharmacourse.explorers._base import Explorer, rescale_y, slider
from pharmacourse.explorers._mitragynine import mitragynine_sliders, published

__all__ = ["CaseExplorer"]


class CaseExplorer(Explorer):
    """Daily mitragynine (15 doses, as in Huestis 2024's multiple-dose arm) with and without a
    CYP3A inhibitor started on a chosen day.

    Model: one-compartment oral with Tanna 2022's median Vz/F and half-life (data/human_pk) and
    an assumed ka, as ``PKExplorer``; from the inhibitor's start the elimination rate constant is
    divided by the AUC ratio 1 / (fm / X + 1 - fm) (``interactions.auc_ratio_from_fm``). fm (the
    fraction of mitragynine's clearance by CYP3A in people: not measured, "predominantly" CYP3A4
    in liver preparations) and X (how many times the inhibitor lowers CYP3A activity) are
    assumptions, labelled so. The inhibitor slows systemic clearance only (volume unchanged); a
    gut-wall effect would raise exposure further without changing the half-life (not modelled).
    Read ratios and times, not peak heights (one compartment misses the early peak, lesson 04).
    """

    TEXT = "Case explorer: run this cell to move the sliders (static preview shown)"
    N_DOSES = 15
    TAU_H = 24.0
    DAYS = 24.0

    def __init__(self, dose_mg: float | None = None, t_half_h: float | None = None,
                 fm: float = 0.5, fold: float = 5.0, start_day: float = 8.0,
                 ka_per_h: float = 5.8) -> None:
        self.v_l = published("vz_f", "tanna2022", "median")
        self.ka_per_h = float(ka_per_h)
        dose, t_half = mitragynine_sliders(dose_mg, t_half_h)
        sliders = {
            "dose_mg": dose,
            "t_half_h": t_half,
            "fm": slider(fm, 0.0, 0.95, 0.05, "fm, share of mitragynine cleared by CYP3A", "",
                         "assumed, not measured"),
            "fold": slider(fold, 1.0, 20.0, 0.5, "CYP3A activity divided by", "",
                           "assumed inhibitor"),
            "start_day": slider(start_day, 0.0, 14.0, 1.0, "Inhibitor started on day", "days"),
        }
        self.t_h = np.linspace(0.0, self.DAYS * 24.0, 1153)
        super().__init__(sliders)

    def values(self) -> dict[str, float]:
        """Accumulation ratio, half-lives before/with the inhibitor, the steady-state AUC ratio."""
        p = self.params
        aucr = float(interactions.auc_ratio_from_fm(p["fm"], p["fold"]))
        ke = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
        return {"accumulation": float(pk.accumulation_ratio(ke, self.TAU_H)),
                "auc_ratio": aucr, "t_half_h": p["t_half_h"],
                "t_half_inhibited_h": p["t_half_h"] * aucr}

    def _curves(self) -> tuple[np.ndarray, np.ndarray]:
        p = self.params
        ke = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
        ke_after = ke / float(interactions.auc_ratio_from_fm(p["fm"], p["fold"]))
        args = (p["dose_mg"], self.TAU_H, self.N_DOSES, self.v_l)
        without = pk.multiple_dose_oral(self.t_h, *args, ke, self.ka_per_h)
        with_inh = pk.multiple_dose_oral_ke_change(self.t_h, *args, ke, ke_after,
                                                    p["start_day"] * 24.0, self.ka_per_h)
        return pk.mg_per_l_to_ng_per_ml(without), pk.mg_per_l_to_ng_per_ml(with_inh)

    def _build(self) -> None:
        ax = self.axes[0]
        days = self.t_h / 24.0
        zeros = np.zeros_like(days)
        (self.line_without,) = ax.plot(days, zeros, **plots.series_style(0),
                                       label=plots.label("Daily doses alone", ["simulated"]))
        (self.line_with,) = ax.plot(days, zeros, **plots.series_style(1),
                                    label=plots.label("With a CYP3A inhibitor",
                                                      ["simulated", "fm and inhibitor assumed"]))
        self.start_line = ax.axvline(0.0, color=plots.OKABE_ITO["black"], linestyle=":",
                                     linewidth=1.5, label="Inhibitor started")
        ax.set_xlabel("Time since the first daily dose (days)")
        ax.set_ylabel("Mitragynine in plasma (ng/mL, model)")
        ax.set_xlim(0, self.DAYS)
        ax.set_title(" ")
        ax.legend(loc="upper left")
        self._animate(self.line_without, self.line_with, self.start_line, ax.title)

    def _recompute(self) -> bool:
        without, with_inh = self._curves()
        self.line_without.set_ydata(without)
        self.line_with.set_ydata(with_inh)
        day = self.params["start_day"]
        self.start_line.set_xdata([day, day])
        v = self.values()
        self.axes[0].set_title(f"Accumulation x{v['accumulation']:.1f}; inhibitor: half-life "
                               f"{v['t_half_h']:.0f} -> {v['t_half_inhibited_h']:.0f} h, "
                               f"AUC x{v['auc_ratio']:.2f}", fontsize=10)
        top = float(max(np.max(without), np.max(with_inh)))
        return rescale_y(self.axes[0], top, headroom=1.35)

    def describe(self) -> str:
        p, v = self.params, self.values()
        return (f"Mitragynine {p['dose_mg']:.3g} mg daily for {self.N_DOSES} days, half-life "
                f"{p['t_half_h']:.1f} h (accumulation ratio {v['accumulation']:.2f}); CYP3A "
                f"inhibitor from day {p['start_day']:.0f} dividing CYP3A activity by "
                f"{p['fold']:.3g} with fm {p['fm']:.2f} (both assumed): half-life "
                f"{v['t_half_inhibited_h']:.1f} h, exposure x{v['auc_ratio']:.2f} (model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"t_h": self.t_h, "without_ng_per_ml": np.asarray(self.line_without.get_ydata()),
                "with_ng_per_ml": np.asarray(self.line_with.get_ydata())}
