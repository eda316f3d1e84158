"""Static drug-drug interaction predictions for mitragynine as a CYP3A inhibitor (lesson 06).

``DDICalculator()`` shows reversible inhibition only; ``DDICalculator(time_dependent=True)`` adds
mitragynine's time-dependent inhibition (TDI) of CYP3A (KI and kinact sliders starting at the
human liver microsome values of Tanna 2021, data/enzyme_inhibition), a third bar for the
mechanistic static model with TDI, and the AUC ratio observed for midazolam after one kratom dose
(Tanna 2023, data/ddi_clinical) as a reference line.
"""

from __future__ import annotations

import numpy as np

from pharmacourse import interactions, pharmacodynamics, plots
from pharmacourse.explorers._base import Explorer, slider
from pharmacourse.explorers._mitragynine import dose_slider, tanna2022_dose_mg

__all__ = ["DDICalculator"]


def _inhibition(enzyme: str, parameter: str, source: str,
                system: str = "human liver microsomes") -> float:
    """One mitragynine inhibition value from data/enzyme_inhibition (raises if absent)."""
    from pharmacourse import data

    df = data.load("enzyme_inhibition")
    sel = df[(df["inhibitor"] == "mitragynine") & (df["enzyme"] == enzyme)
             & (df["parameter"] == parameter) & (df["source_ids"] == source)
             & (df["system"] == system)]
    if len(sel) != 1:
        raise LookupError(f"data/enzyme_inhibition has {len(sel)} rows for mitragynine {enzyme} "
                          f"{parameter} ({source}); expected one")
    return float(sel["value"].iloc[0])


def _observed_midazolam_aucr() -> float:
    """Midazolam AUC ratio observed after one 2 g kratom dose (Tanna 2023, data/ddi_clinical)."""
    from pharmacourse import data

    df = data.load("ddi_clinical")
    sel = df[(df["kind"] == "observed") & (df["object_drug"] == "midazolam")
             & (df["measure"] == "auc_ratio")]
    if len(sel) != 1:
        raise LookupError(f"data/ddi_clinical has {len(sel)} observed midazolam AUC ratios; "
                          "expected one")
    return float(sel["estimate"].iloc[0])


class DDICalculator(Explorer):
    """Static DDI predictions for mitragynine as a CYP3A inhibitor of an object drug.

    Bars: the basic gut R value R1,gut = 1 + [I]_gut / Ki ([I]_gut = dose / 250 mL) and the
    mechanistic static AUC ratio with gut and liver terms (reversible inhibition). Defaults:
    Ki = IC50 / 2 from the CYP3A IC50 of 11.4 uM (data/enzyme_inhibition, as tabulated in the
    DMD 2023 review); fm and Fg of the object drug are assumed, as labelled. The log axis shows
    the regulatory cut-off of 11 for R1,gut as a reference line.

    Simplification to teach before use: the same Ki is used for gut and liver, and the gut term
    of the mechanistic model takes Dose / 250 mL, the basic-model convention; FDA's mechanistic
    model uses [I]g = Fa ka Dose / Qg, which is lower, so this overstates gut-wall inhibition.
    """

    TEXT = "DDI calculator: run this cell to move the sliders (static preview shown)"
    CUTOFF_GUT = 11.0

    #: CYP3A degradation rate constants (1/h), assumed: 0.019 per hour is a liver half-life of
    #: 36 h, at the short end of the 1-6 days models use (mean 3 days in Galetin 2006,
    #: references.csv galetin2006; a slower kdeg raises the TDI bar); the gut wall turns over
    #: faster (no kratom-specific value; see pharmacourse.interactions).
    KDEG_GUT_PER_H = 0.03
    KDEG_LIVER_PER_H = 0.019

    def __init__(self, dose_mg: float | None = None, ki_um: float | None = None, fm: float = 0.9,
                 fg: float = 0.5, i_liver_um: float = 0.0, time_dependent: bool = False,
                 kinact_per_min: float | None = None, ki_tdi_um: float | None = None) -> None:
        from pharmacourse import data

        self.time_dependent = bool(time_dependent)

        if dose_mg is None:
            dose_mg = tanna2022_dose_mg()
        self.molar_mass = data.molar_mass("mitragynine")
        if ki_um is None:
            ic50 = _inhibition("CYP3A", "ic50", "tanna2021;dmd2023")
            ki_um = float(pharmacodynamics.cheng_prusoff_ki(ic50, 1.0, 1.0))
        sliders = {
            "dose_mg": dose_slider(dose_mg),
            "ki_um": slider(ki_um, 0.1, 100.0, 0.05, "Reversible Ki", "uM", log=True),
            "fm": slider(fm, 0.0, 1.0, 0.01, "fm, fraction metabolised by CYP3A", "", "assumed"),
            "fg": slider(fg, 0.05, 1.0, 0.01, "Fg, fraction escaping gut metabolism", "",
                         "assumed"),
            "i_liver_um": slider(i_liver_um, 0.0, 2.0, 0.01, "Unbound liver concentration",
                                 "uM"),
        }
        if self.time_dependent:
            if kinact_per_min is None:
                kinact_per_min = _inhibition("CYP3A", "kinact", "tanna2021")
            if ki_tdi_um is None:
                ki_tdi_um = _inhibition("CYP3A", "ki_inact", "tanna2021")
            sliders["kinact_per_min"] = slider(kinact_per_min, 0.0, 0.2, 0.001,
                                               "kinact, maximal inactivation rate", "1/min")
            sliders["ki_tdi_um"] = slider(ki_tdi_um, 0.1, 100.0, 0.05, "KI (half-maximal "
                                          "inactivation)", "uM", log=True)
            self.observed = _observed_midazolam_aucr()
        super().__init__(sliders, height_in=3.6)

    def values(self) -> dict[str, float]:
        """R1,gut, the gut concentration (uM) and the mechanistic AUC ratio for the sliders."""
        p = self.params
        i_gut = float(interactions.gut_concentration_um(p["dose_mg"], self.molar_mass))
        r_gut = float(interactions.r_value_reversible(i_gut, p["ki_um"]))
        aucr = float(interactions.auc_ratio_mechanistic_static(
            p["fm"], p["fg"], i_gut, p["i_liver_um"], ki_um=p["ki_um"]))
        out = {"i_gut_um": i_gut, "r1_gut": r_gut, "auc_ratio": aucr}
        if self.time_dependent:
            out["auc_ratio_tdi"] = float(interactions.auc_ratio_mechanistic_static(
                p["fm"], p["fg"], i_gut, p["i_liver_um"], ki_um=p["ki_um"],
                kinact_per_min=p["kinact_per_min"], ki_tdi_um=p["ki_tdi_um"],
                kdeg_gut_per_min=self.KDEG_GUT_PER_H / 60.0,
                kdeg_liver_per_min=self.KDEG_LIVER_PER_H / 60.0))
        return out

    def _build(self) -> None:
        ax = self.axes[0]
        names = ["R1,gut (basic model)", "AUC ratio (mechanistic; fm, Fg assumed)"]
        colours = [plots.OKABE_ITO["blue"], plots.OKABE_ITO["orange"]]
        hatches = ["", "//"]
        if self.time_dependent:
            names = ["R1,gut\n(basic)", "AUC ratio,\nreversible only", "AUC ratio, with TDI\n"
                     "(kdeg assumed)"]
            colours.append(plots.OKABE_ITO["bluish_green"])
            hatches.append("..")
        x = list(range(len(names)))
        self.bars = ax.bar(x, [1.0] * len(x), color=colours, hatch=hatches, edgecolor="black")
        ax.set_xticks(x, names)
        ax.axhline(self.CUTOFF_GUT, color=plots.OKABE_ITO["black"], linestyle=":", linewidth=1.5,
                   label="R1,gut cut-off 11 (FDA 2020)")
        if self.time_dependent:
            ax.axhline(self.observed, color=plots.OKABE_ITO["vermillion"], linestyle="--",
                       linewidth=1.5, label=f"observed midazolam AUC ratio {self.observed:g} "
                       "(Tanna 2023)")
        ax.set_yscale("log")
        ax.set_ylim(0.9, 1000)
        ax.set_ylabel("Predicted ratio (with / without)")
        ax.legend(loc="upper right")
        self.texts = [ax.text(i, 1.0, "", ha="center", va="bottom") for i in x]
        ax.set_title(" ")
        self._animate(*self.bars, *self.texts, ax.title)

    def _recompute(self) -> bool:
        self._values = v = self.values()
        shown = [v["r1_gut"], v["auc_ratio"]] + ([v["auc_ratio_tdi"]] if self.time_dependent
                                                 else [])
        for bar, txt, val in zip(self.bars, self.texts, shown, strict=True):
            bar.set_height(val)
            txt.set_position((bar.get_x() + bar.get_width() / 2, val * 1.05))
            txt.set_text(f"{val:.2f}")
        self.axes[0].set_title(f"{self.params['dose_mg']:.3g} mg mitragynine: gut concentration "
                               f"{v['i_gut_um']:.0f} uM")
        return False

    def describe(self) -> str:
        p, v = self.params, self._values
        side = "above" if v["r1_gut"] >= self.CUTOFF_GUT else "below"
        text = (f"{p['dose_mg']:.3g} mg mitragynine, Ki {p['ki_um']:.3g} uM: gut concentration "
                f"{v['i_gut_um']:.0f} uM, R1,gut {v['r1_gut']:.2f} ({side} the cut-off "
                f"{self.CUTOFF_GUT:g}), AUC ratio {v['auc_ratio']:.2f} with fm {p['fm']:.2f} "
                f"and Fg {p['fg']:.2f} (assumed)")
        if self.time_dependent:
            text += (f"; with time-dependent inhibition (kinact {p['kinact_per_min']:.3g} 1/min, "
                     f"KI {p['ki_tdi_um']:.3g} uM, kdeg assumed) {v['auc_ratio_tdi']:.2f}, "
                     f"against {self.observed:g} observed for midazolam (Tanna 2023)")
        return text

    def data(self) -> dict[str, np.ndarray]:
        return {"heights": np.array([b.get_height() for b in self.bars])}
