"""Published mitragynine values the kratom explorers start from (data/human_pk), and their dose
and half-life sliders. Explorers never invent numbers: a missing row raises ``LookupError``."""

from __future__ import annotations

import ipywidgets as widgets

from pharmacourse.explorers._base import slider

__all__ = ["PUBLISHED_MG_DOSE_RANGE_MG", "dose_slider", "ka_slider", "mitragynine_sliders",
           "published", "regimen_sliders", "tanna2022_dose_mg"]

#: Range of single mitragynine doses given in the published human studies (data/human_pk,
#: dose_description): 6.25 mg (lowest, Trakulsrichai 2015) to 53.2 mg (highest, Huestis 2024).
PUBLISHED_MG_DOSE_RANGE_MG = (6.25, 53.2)


def published(parameter: str, study: str, statistic: str, analyte: str = "mitragynine") -> float:
    """One value from data/human_pk (raises if absent: explorers never invent numbers)."""
    from pharmacourse import data

    df = data.load("human_pk")
    sel = df[(df["study_id"] == study) & (df["analyte"] == analyte)
             & (df["parameter"] == parameter) & (df["statistic"] == statistic)]
    if len(sel) != 1:
        raise LookupError(f"data/human_pk has {len(sel)} rows for {study} {analyte} "
                          f"{parameter} {statistic}; expected one")
    return float(sel["value"].iloc[0])


def tanna2022_dose_mg() -> float:
    """Mitragynine in the single 2 g kratom dose of Tanna 2022 (about 39 mg, data/human_pk)."""
    from pharmacourse import data

    df = data.load("human_pk")
    doses = df.loc[df["study_id"] == "tanna2022", "mg_dose_mg"].dropna().unique()
    if len(doses) != 1:
        raise LookupError(f"expected one mitragynine dose for tanna2022, found {list(doses)}")
    return float(doses[0])


def dose_slider(dose_mg: float) -> widgets.Widget:
    """Mitragynine dose slider over the range of the published studies, saying so."""
    lo, hi = PUBLISHED_MG_DOSE_RANGE_MG
    return slider(dose_mg, lo, hi, 0.05, "Mitragynine dose", "mg",
                  f"{lo:g}-{hi:g} mg, the range of the published studies in this course's "
                  "PK data")


def mitragynine_sliders(dose_mg: float | None,
                        t_half_h: float | None) -> tuple[widgets.Widget, widgets.Widget]:
    """Dose and half-life sliders of the PK explorers, starting at Tanna 2022's dose and median
    half-life (data/human_pk) unless given; the dose range is that of the published studies."""
    dose0 = tanna2022_dose_mg() if dose_mg is None else dose_mg
    t_half0 = published("t_half", "tanna2022", "median") if t_half_h is None else t_half_h
    return dose_slider(dose0), slider(t_half0, 5.0, 80.0, 0.1, "Half-life", "h")


def ka_slider(ka_per_h: float, lo: float, hi: float) -> widgets.Widget:
    """Absorption rate constant slider; ka has no published value for mitragynine: "assumed"."""
    return slider(ka_per_h, lo, hi, 0.1, "Absorption rate constant ka", "1/h", "assumed")


def regimen_sliders(dose_mg: float | None, tau_h: float,
                    t_half_h: float | None) -> dict[str, widgets.Widget]:
    """Dose, dosing interval (6-48 h) and half-life sliders of the repeated-dosing explorers."""
    dose, t_half = mitragynine_sliders(dose_mg, t_half_h)
    return {"dose_mg": dose, "tau_h": slider(tau_h, 6.0, 48.0, 1.0, "Dosing interval", "h"),
            "t_half_h": t_half}
