"""Mitragynine and its active metabolite 7-OH after one oral dose, with CYP3A turned down
(lesson 06).

Model: ``pk.parent_metabolite_oral`` (first-order absorption, elimination of mitragynine, a
fraction of which forms 7-hydroxymitragynine, and first-order elimination of 7-OH). CYP3A4 forms
7-OH (Kamble 2019; "exclusively" among the recombinant CYPs tested by Basiliere & Kerrigan 2020)
and clears most of mitragynine ("predominantly", Kamble 2019; no number in the abstract this
course could read). A CYP3A
activity below 100 % (an inhibitor, as ketoconazole in the mouse study of Hill 2022) therefore
slows both the formation of 7-OH and the elimination of mitragynine:

    k_formation = fm * k_parent * a
    k_parent,eff = k_parent * (1 - f_CYP3A + f_CYP3A * a)

with a the remaining CYP3A activity (0-1), fm the fraction of mitragynine's (uninhibited)
elimination that forms 7-OH and f_CYP3A the share of its elimination by CYP3A (fm <= f_CYP3A).

Published starting values (data/human_pk, Tanna 2022 medians): mitragynine dose, half-life and
Vz/F; 7-OH half-life. Assumed (labelled so): ka, fm, f_CYP3A. The volume of 7-OH is not
published either: it is set once, so that with the default fm and half-lives the 7-OH/mitragynine
AUC ratio equals Tanna 2022's (median 7-OH AUC / median mitragynine AUC, in nM*h). Same
one-compartment limitation as the lesson 04 explorers: model peaks are far below the published
Cmax. Worse for 7-OH: with mitragynine's concentration almost flat after absorption, the model's
7-OH rises for many hours, while in people 7-OH peaked about 1 h after the dose, as mitragynine
did (Tanna 2022): the model misses mitragynine's fast early fall (two compartments) and any
formation during the first pass. Read AUC ratios and slopes, not peak heights or times.
"""

from __future__ import annotations

import numpy as np

from pharmacourse import pk, plots
from pharmacourse.explorers._base import Explorer, slider
from pharmacourse.explorers._mitragynine import (
    PUBLISHED_MG_DOSE_RANGE_MG,
    dose_slider,
    published,
    tanna2022_dose_mg,
)

__all__ = ["ParentMetaboliteExplorer"]

MG, OH = "mitragynine", "7-hydroxymitragynine"


class ParentMetaboliteExplorer(Explorer):
    """Mitragynine -> 7-OH after one oral dose; sliders for dose, fm, 7-OH half-life and the
    CYP3A activity left (100 % = no inhibitor). Concentrations in nM, as Tanna 2022 reports.

    Thin grey lines: the same dose with full CYP3A activity, for comparison. The title gives the
    7-OH/mitragynine AUC ratio and how an inhibitor changes each AUC (closed form: AUC_p =
    Dose / (V_p k_p,eff), AUC_m = fm k_p a Dose / (k_p,eff V_m k_m), in molar units).
    """

    TEXT = "Parent-metabolite explorer: run this cell to move the sliders (static preview shown)"
    HOURS = 48.0
    #: Bottom of the log concentration axis (nM): the early rise is cut, the decline is not.
    Y_BOTTOM_NM = 0.02

    def __init__(self, dose_mg: float | None = None, fm: float = 0.1,
                 t_half_metabolite_h: float | None = None, cyp3a_activity_pct: float = 100.0,
                 ka_per_h: float = 5.8, f_cyp3a: float = 0.7) -> None:
        from pharmacourse import data

        if not 0.0 < f_cyp3a < 1.0:
            raise ValueError(f"f_cyp3a (share of mitragynine clearance by CYP3A) must be in "
                             f"(0, 1) so that some clearance is left at 0 % activity; got "
                             f"{f_cyp3a}")
        if not 0.0 <= fm <= f_cyp3a:
            raise ValueError(f"fm (fraction forming 7-OH) must be between 0 and f_cyp3a "
                             f"({f_cyp3a}): 7-OH is formed by CYP3A; got {fm}")
        self.ka_per_h, self.f_cyp3a = float(ka_per_h), float(f_cyp3a)
        self.mw_parent, self.mw_met = data.molar_mass(MG), data.molar_mass(OH)
        self.v_parent_l = published("vz_f", "tanna2022", "median")
        self.k_parent_per_h = float(pk.elimination_rate_constant_per_h(
            published("t_half", "tanna2022", "median")))
        t_half_m0 = published("t_half", "tanna2022", "median", OH)
        if t_half_metabolite_h is None:
            t_half_metabolite_h = t_half_m0
        # Calibration of the unpublished 7-OH volume: molar AUC_m / AUC_p = fm k_p V_p / (k_m V_m)
        self.target_auc_ratio = (published("auc_inf", "tanna2022", "median", OH)
                                 / published("auc_inf", "tanna2022", "median"))
        k_m0 = float(pk.elimination_rate_constant_per_h(t_half_m0))
        self.v_met_l = fm * self.k_parent_per_h * self.v_parent_l / (k_m0 * self.target_auc_ratio)
        if dose_mg is None:
            dose_mg = tanna2022_dose_mg()
        sliders = {
            "dose_mg": dose_slider(dose_mg),
            "fm": slider(fm, 0.0, f_cyp3a, 0.01, "fm, fraction of mitragynine forming 7-OH", "",
                         "assumed"),
            "t_half_metabolite_h": slider(
                t_half_metabolite_h, 1.0, 30.0, 0.1, "7-OH elimination half-life", "h",
                f"not measured in people; {t_half_m0:g} h is its apparent value after "
                "mitragynine, Tanna 2022"),
            "cyp3a_activity_pct": slider(cyp3a_activity_pct, 0.0, 100.0, 1.0,
                                         "CYP3A activity left", "%", "100 = no inhibitor"),
        }
        self.t_h = np.linspace(0.0, self.HOURS, 481)
        super().__init__(sliders, height_in=3.8)

    # -- the model ----------------------------------------------------------------------------
    def curves(self, activity_pct: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(mitragynine, 7-OH) in nM over ``t_h`` for the sliders (or another CYP3A activity)."""
        p = self.params
        a = (p["cyp3a_activity_pct"] if activity_pct is None else activity_pct) / 100.0
        k_eff = self.k_parent_per_h * (1.0 - self.f_cyp3a + self.f_cyp3a * a)
        fm_eff = p["fm"] * self.k_parent_per_h * a / k_eff
        k_m = float(pk.elimination_rate_constant_per_h(p["t_half_metabolite_h"]))
        c_p, c_m = pk.parent_metabolite_oral(
            self.t_h, p["dose_mg"], self.ka_per_h, k_eff, self.v_parent_l, fm_eff, k_m,
            self.v_met_l, molar_mass_ratio=self.mw_met / self.mw_parent)
        return c_p / self.mw_parent * 1e6, c_m / self.mw_met * 1e6  # mg/L -> nM

    def aucs_nm_h(self, activity_pct: float | None = None) -> dict[str, float]:
        """AUC0-inf of mitragynine and 7-OH (nM*h), closed form, for the sliders."""
        p = self.params
        a = (p["cyp3a_activity_pct"] if activity_pct is None else activity_pct) / 100.0
        k_eff = self.k_parent_per_h * (1.0 - self.f_cyp3a + self.f_cyp3a * a)
        k_m = float(pk.elimination_rate_constant_per_h(p["t_half_metabolite_h"]))
        dose_umol = p["dose_mg"] / self.mw_parent * 1e3
        auc_p = dose_umol / (self.v_parent_l * k_eff) * 1e3  # umol/L*h -> nM*h
        formed_umol = p["fm"] * self.k_parent_per_h * a * dose_umol / k_eff
        auc_m = formed_umol / (self.v_met_l * k_m) * 1e3
        return {"parent": auc_p, "metabolite": auc_m}

    # -- the figure ---------------------------------------------------------------------------
    def _build(self) -> None:
        ax = self.axes[0]
        (self.ref_p,) = ax.plot(self.t_h, np.ones_like(self.t_h), color="0.6", linewidth=1.5,
                                linestyle="-", label="full CYP3A activity (reference)")
        (self.ref_m,) = ax.plot(self.t_h, np.ones_like(self.t_h), color="0.6", linewidth=1.5,
                                linestyle="--")
        (self.line_p,) = ax.plot(self.t_h, np.ones_like(self.t_h), **plots.series_style(0),
                                 linewidth=2.2,
                                 label=plots.label("mitragynine", ["simulated", "ka assumed"]))
        (self.line_m,) = ax.plot(self.t_h, np.ones_like(self.t_h), **plots.series_style(1),
                                 linewidth=2.2,
                                 label=plots.label("7-OH", ["simulated", "fm assumed"]))
        ax.set_xlabel("Time after the dose (h)")
        ax.set_ylabel("Plasma concentration (nM, log scale)")
        ax.set_xlim(0, self.HOURS)
        ax.set_xticks(np.arange(0, self.HOURS + 1, 6))
        ax.set_yscale("log")
        top = self._y_top()
        ax.set_ylim(self.Y_BOTTOM_NM, top)
        ticks = [t for t in (0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50)
                 if self.Y_BOTTOM_NM <= t <= top]
        ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
        ax.minorticks_off()
        ax.legend(loc="upper right")
        ax.set_title(" ")
        self._animate(self.ref_p, self.ref_m, self.line_p, self.line_m, ax.title)

    def _y_top(self) -> float:
        """A fixed y range that holds every curve the sliders can make (compare across moves)."""
        saved = dict(self.params)
        self.params.update(dose_mg=PUBLISHED_MG_DOSE_RANGE_MG[1], fm=self.f_cyp3a,
                           t_half_metabolite_h=30.0)
        top = max(float(np.max(c)) for a in (0.0, 100.0) for c in self.curves(a))
        self.params = saved
        return 1.5 * top

    def _recompute(self) -> bool:
        c_p, c_m = self.curves()
        r_p, r_m = self.curves(100.0)
        for line, y in ((self.line_p, c_p), (self.line_m, c_m), (self.ref_p, r_p),
                        (self.ref_m, r_m)):
            line.set_ydata(y)
        v = self._values = self.values()
        self.axes[0].set_title(f"AUC 7-OH/MG {v['auc_ratio']:.2f}; vs full CYP3A: "
                               f"MG x{v['parent_change']:.2f}, 7-OH x{v['metabolite_change']:.2f}")
        return False

    def values(self) -> dict[str, float]:
        """AUC ratio 7-OH/mitragynine (molar) and each AUC relative to full CYP3A activity."""
        now, full = self.aucs_nm_h(), self.aucs_nm_h(100.0)
        return {"auc_ratio": now["metabolite"] / now["parent"],
                "parent_change": now["parent"] / full["parent"],
                "metabolite_change": (now["metabolite"] / full["metabolite"]
                                      if full["metabolite"] > 0 else float("nan"))}

    def describe(self) -> str:
        p, v = self.params, self._values
        return (f"One {p['dose_mg']:.3g} mg dose of mitragynine with "
                f"{p['cyp3a_activity_pct']:.0f} % CYP3A activity, fm {p['fm']:.2f} (assumed), "
                f"7-OH half-life {p['t_half_metabolite_h']:.1f} h: 7-OH/mitragynine AUC ratio "
                f"{v['auc_ratio']:.2f}; mitragynine AUC x{v['parent_change']:.2f} and 7-OH AUC "
                f"x{v['metabolite_change']:.2f} compared with full CYP3A activity (model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"t_h": self.t_h, "parent_nm": np.asarray(self.line_p.get_ydata()),
                "metabolite_nm": np.asarray(self.line_m.get_ydata()),
                "parent_reference_nm": np.asarray(self.ref_p.get_ydata()),
                "metabolite_reference_nm": np.asarray(self.ref_m.get_ydata())}
