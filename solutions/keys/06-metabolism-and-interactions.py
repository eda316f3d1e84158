"""Answer keys of lesson 06, Metabolism, active metabolites and interactions (exercises
06.1-06.5; 06.6 is a written answer).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library, pandas (reading data/ directly) and ``_keylib``
(tests/unit/test_lesson_files.py checks it). ``scripts/build_exercise_keys.py`` turns ``keys()``
into the registry the checks read.

Published numbers used below (cited as in data/references.csv):
    Mitragynine molar mass 398.5 g/mol: C23H30N2O4 (PubChem formula), written out below.
    Tanna 2021 (J Pharmacol Exp Ther 376(1):64): CYP3A time-dependent inhibition by
    mitragynine in human intestinal microsomes, KI 4.2 uM and kinact 0.079 1/min; the CYP3A IC50
    of 11.4 uM as tabulated in the DMD 2023 review (doi:10.1124/dmd.122.001005), Table 5.
    Huestis 2024 (Molecules 29(5):984): highest mitragynine dose in the course's PK data, 53.2 mg;
    Trakulsrichai 2015 (Drug Des Devel Ther 9:2421): lowest, 6.25 mg.
    Tanna 2021 (predicted) and Tanna 2023 (Clin Pharmacol Ther 113(6):1315, observed): midazolam
    AUC ratios, read from data/ddi_clinical.csv with pandas.
"""

from __future__ import annotations

import math

import pandas as pd
from _keylib import DATA_DIR, around

# --- published numbers (see the module docstring) --------------------------------------------
MW_MG = 23 * 12.011 + 30 * 1.008 + 2 * 14.007 + 4 * 15.999  # g/mol, C23H30N2O4 = 398.50
IC50_CYP3A_UM = 11.4
KI_GUT_UM = 4.2
KINACT_GUT_PER_MIN = 0.079
HUESTIS_TOP_DOSE_MG = 53.2
LOWEST_DOSE_MG = 6.25
TANNA2022_DOSE_MG = 39.0
GUT_VOLUME_L = 0.250  # regulatory convention: dose / 250 mL

# --- stated in the exercises (assumptions, not data) ------------------------------------------
KDEG_GUT_PER_H = 0.03  # exercise 06.5
GUT_CONC_UM = 1.0  # exercise 06.5
F_CYP3A = 0.7  # exercise 06.4: CYP3A's share of mitragynine elimination (assumed)
ACTIVITY_LEFT = 0.4  # exercise 06.4

# --- exercise 06.3: drug Q, drawn by pharmacourse.exercise_figures.plot("06.3") ---------------
EX06_3 = {"ic50_um": 9.0}


def _midazolam_ratios() -> tuple[float, float]:
    ddi = pd.read_csv(DATA_DIR / "ddi_clinical.csv")
    mdz = ddi[(ddi["object_drug"] == "midazolam") & (ddi["measure"] == "auc_ratio")]
    predicted = float(mdz.loc[mdz["kind"] == "predicted", "estimate"].iloc[0])
    observed = float(mdz.loc[mdz["kind"] == "observed", "estimate"].iloc[0])
    return predicted, observed


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 06, before encoding (see solutions/README.md)."""
    # 06.1: [I]gut = 53.2 mg / 398.5 g/mol / 0.25 L = 0.5340 mmol/L = 534.0 uM;
    #       Ki = IC50 / 2 = 5.7 uM; R1,gut = 1 + 534.0 / 5.7 = 94.7
    i_gut_um = HUESTIS_TOP_DOSE_MG / MW_MG / GUT_VOLUME_L * 1000.0
    ki_um = IC50_CYP3A_UM / 2.0
    r1 = 1.0 + i_gut_um / ki_um
    r1_lowest = 1.0 + LOWEST_DOSE_MG / MW_MG / GUT_VOLUME_L * 1000.0 / ki_um  # about 12.0

    # 06.2: excess exposure predicted / observed = (5.69 - 1) / (1.39 - 1) = 12.0
    predicted, observed = _midazolam_ratios()
    excess_ratio = (predicted - 1.0) / (observed - 1.0)

    # 06.3: read IC50 = 9 uM off the curve; Ki = IC50 / 2 for [S] = Km (Cheng-Prusoff)
    ic50 = EX06_3["ic50_um"]

    # 06.4: mitragynine AUC x 1 / (1 - f + f a); 7-OH formation x a, so 7-OH AUC x a / (1 - f + f a)
    parent_factor = 1.0 / (1.0 - F_CYP3A + F_CYP3A * ACTIVITY_LEFT)
    metabolite_factor = ACTIVITY_LEFT * parent_factor

    # 06.5: kobs = 0.079 x 1 / (4.2 + 1) = 0.01519 1/min; kdeg = 0.03 / 60 = 0.0005 1/min;
    #       activity left = kdeg / (kdeg + kobs) = 3.12 %
    kobs = KINACT_GUT_PER_MIN * GUT_CONC_UM / (KI_GUT_UM + GUT_CONC_UM)
    kdeg = KDEG_GUT_PER_H / 60.0
    left_pct = 100.0 * kdeg / (kdeg + kobs)
    kobs_hlm = 0.068 * GUT_CONC_UM / (4.1 + GUT_CONC_UM)  # the liver microsome values

    return {
        "06.1": {
            "title": "R1,gut at the highest dose in the course's PK data",
            "kind": "quantity",
            "unit": "",
            "value": r1,
            "tolerance": {"abs": 0.5},
            "format": "a plain number (R1 is dimensionless); tolerance +/- 0.5",
            "hint": "Re-read 'Static models' in lesson 06: [I]gut = dose / molar mass / 0.25 L "
            "(in uM), Ki = IC50 / 2, and R1,gut = 1 + [I]gut / Ki.",
            "explain": "Above the cut-off of 11 at every dose in those studies (about "
            f"{r1_lowest:.0f} at the lowest, {LOWEST_DOSE_MG:g} mg): the basic screen alone cannot "
            "tell a small interaction from a large one; that is the job of the mechanistic model "
            "and, finally, of a clinical study.",
            "mistakes": [
                (*around(r1 - 1.0, 0.003), "That is [I]gut / Ki: R1 = 1 + [I]gut / Ki."),
                (*around(1.0 + i_gut_um / IC50_CYP3A_UM, 0.01),
                 "You used the IC50 as Ki; Cheng-Prusoff with [S] = Km gives Ki = IC50 / 2."),
                (*around(1.0 + HUESTIS_TOP_DOSE_MG / GUT_VOLUME_L / ki_um, 0.01),
                 "You divided mg by mL but did not convert to a molar concentration: divide "
                 "by the molar mass (g/mol) to get uM."),
                (*around(1.0 + TANNA2022_DOSE_MG / MW_MG / GUT_VOLUME_L * 1000.0 / ki_um, 0.01),
                 "That is the dose of one tea in Tanna 2022; the exercise asks for the highest "
                 "dose in the course's PK data."),
            ],
        },
        "06.2": {
            "title": "Predicted and observed excess exposure",
            "kind": "quantity",
            "unit": "",
            "value": excess_ratio,
            "tolerance": {"abs": 0.1},
            "format": "a plain number (a ratio, no unit); tolerance +/- 0.1",
            "hint": "Re-read 'The clinical test' in lesson 06: select the predicted and the "
            "observed midazolam AUC ratio with .query(...), subtract 1 from each (the rise), "
            "then divide predicted by observed.",
            "explain": "Compared as rises, the miss is about three times larger than the ratio "
            "of the ratios suggests: a ratio of 1 means no interaction, so the interaction "
            "itself is the part above 1.",
            "mistakes": [
                (*around(predicted / observed, 0.01),
                 "That is the ratio of the ratios (as in the lesson). Compare the rises: "
                 "subtract 1 from each ratio first."),
                (*around(1.0 / excess_ratio, 0.02),
                 "The fraction is upside down: predicted rise / observed rise."),
            ],
        },
        "06.3": {
            "title": "Read an IC50, compute a Ki",
            "kind": "quantity",
            "unit": "uM",
            "value": ic50 / 2.0,
            "tolerance": {"rel": 0.12},
            "format": "a concentration in uM (a plain number is read as uM), or a quantity "
            "such as 'x nM'; tolerance +/- 12 %",
            "hint": "Re-read 'Reversible inhibition' in lesson 06: the IC50 is where the curve "
            "crosses 50 % activity (read it on the log axis); with [S] = Km, Ki = IC50 / 2.",
            "explain": "On a log axis the minor grid lines are 2, 3, ... 9 times each power of "
            "ten; reading between them is the main source of error.",
            "mistakes": [
                (*around(ic50, 0.1), "That is the IC50. Cheng-Prusoff with [S] = Km halves it."),
                (*around(2.0 * ic50, 0.08), "Ki = IC50 / (1 + [S]/Km) = IC50 / 2, not IC50 x 2."),
            ],
        },
        "06.4": {
            "title": "An inhibitor's effect on 7-OH exposure",
            "kind": "quantity",
            "unit": "",
            "value": metabolite_factor,
            "tolerance": {"abs": 0.02},
            "format": "a plain number (7-OH AUC with / without the inhibitor); tolerance +/- 0.02",
            "hint": "Re-read 'From mitragynine to 7-OH: the parent-metabolite model' in lesson "
            "06: the inhibitor slows 7-OH formation (x activity left) but also keeps more "
            "mitragynine in the body (x 1 / (1 - f + f x activity left)).",
            "explain": "The extra mitragynine partly offsets the slower formation, so 7-OH falls "
            "less than the enzyme activity does.",
            "mistakes": [
                (*around(ACTIVITY_LEFT, 0.01),
                 "That counts only the slower formation; the inhibitor also raises mitragynine, "
                 "the source of 7-OH."),
                (*around(parent_factor, 0.01),
                 "That is the change in mitragynine's AUC; the question asks about 7-OH."),
                (*around(1.0 - F_CYP3A + F_CYP3A * ACTIVITY_LEFT, 0.01),
                 "That is the remaining fraction of mitragynine's elimination; 7-OH's AUC "
                 "changes by (activity left) / (that fraction)."),
            ],
        },
        "06.5": {
            "title": "Gut CYP3A left under time-dependent inhibition",
            "kind": "quantity",
            "unit": "percent",
            "value": left_pct,
            "tolerance": {"rel": 0.03},
            "format": "a percentage (a plain number is read as %), or a quantity such as "
            "'x percent'; tolerance +/- 3 % of the value",
            "hint": "Re-read 'Time-dependent inhibition' in lesson 06: kobs = kinact [I] / (KI + "
            "[I]); the active enzyme settles at kdeg / (kdeg + kobs). kinact is per minute, kdeg "
            "per hour: convert one of them.",
            "explain": "Even 1 uM, far below the gut-lumen convention of dose / 250 mL, would "
            "inactivate nearly all gut CYP3A at its new level, and it would get there fast: the "
            "approach runs at kdeg + kobs, a half-time of about "
            f"{math.log(2) / (kdeg + kobs):.0f} minutes here. Only recovery, at kdeg, takes days. "
            "Gut inactivation can raise an object drug's AUC at most 1/Fg-fold, though, so a "
            "large over-prediction comes from the liver term.",
            "mistakes": [
                (*around(100.0 * KDEG_GUT_PER_H / (KDEG_GUT_PER_H + kobs), 0.01),
                 "kdeg is per hour and kobs per minute: convert kdeg to 1/min (divide by 60) "
                 "before adding them."),
                (*around(100.0 * kdeg / (kdeg + kobs_hlm), 0.015),
                 "Those are the liver microsome constants; the gut wall has its own (human "
                 "intestinal microsomes)."),
                (*around(100.0 * kobs / (kdeg + kobs), 0.01),
                 "That is the fraction inactivated; the question asks for the activity left."),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {"06.3": {"kind": "enzyme_inhibition", **EX06_3}}
