"""Answer keys of lesson 10, Capstone: putting it together (exercises 10.1-10.3; 10.4 is written).

Computed independently of the solution notebook and of the package's models: this module imports
only the standard library, pandas and ``_keylib`` (tests/unit/test_lesson_files.py checks it).
Each expected value is hand arithmetic written out below (ln 2 as a literal, exponentials with
``math``), or read directly from data/ with pandas.

Published numbers used below (cited as in data/references.csv):
    Tanna 2022 (Pharmaceutics 14(3):620, doi:10.3390/pharmaceutics14030620): median mitragynine
    half-life 45.3 h after one 2 g kratom tea.
    Tanna 2021 (J Pharmacol Exp Ther 376(1):64) predicted, and Tanna 2023 (Clin Pharmacol Ther
    113(6):1315-25, doi:10.1002/cpt.2891) observed, the midazolam AUC ratio: read from
    data/ddi_clinical.csv (5.69 and 1.39).
The fm and inhibitor values of 10.1 and 10.3 are assumptions stated in the exercises (10.1) or
hidden parameters of a hypothetical drug (10.3); they are not kratom data.
"""

from __future__ import annotations

import math

import pandas as pd
from _keylib import DATA_DIR, QUANTITY_FORMAT, around

LN2 = 0.6931471805599453  # ln 2, written out
LOG2_10 = 3.321928094887362  # log2(10): half-lives to 90 % of steady state

TANNA_T_HALF_H = 45.3

# --- exercise 10.1: assumptions stated in the exercise ----------------------------------------
EX10_1_FM, EX10_1_FOLD = 0.6, 4.0

# --- exercise 10.3: a hypothetical drug, drawn by exercise_figures.plot("10.3") ----------------
EX10_3 = {"dose_mg": 9.0, "v_l": 45.0, "k_per_h": LN2 / 20.0, "ka_per_h": 1.5, "tau_h": 12.0,
          "n_doses": 30.0, "fm": 0.65, "fold": 7.0, "start_h": 48.0}
EX10_3_AXIS = {"y_max": 1200.0, "y_step": 50.0}


def _aucr(fm: float, fold: float) -> float:
    """1 / (fm / X + 1 - fm), written out."""
    return 1.0 / (fm / fold + (1.0 - fm))


def _bateman(t: float, dose: float, v: float, k: float, ka: float) -> float:
    """One oral dose (mg/L), zero before it: Dose/V * ka/(ka-k) * (e^-kt - e^-ka t)."""
    if t <= 0:
        return 0.0
    return dose / v * ka / (ka - k) * (math.exp(-k * t) - math.exp(-ka * t))


def _ex10_3_concentration(t: float, inhibited: bool) -> float:
    """Concentration (ng/mL) at time t, doses every tau; with the inhibitor, k changes at
    start_h: what is in the body then decays with the new k, what is still in the gut is
    absorbed into a body with the new k (hand-written superposition, independent of pk)."""
    p = EX10_3
    k1 = p["k_per_h"]
    k2 = k1 / _aucr(p["fm"], p["fold"]) if inhibited else k1
    tc, total = p["start_h"], 0.0
    for j in range(int(p["n_doses"])):
        tj = j * p["tau_h"]
        if tj >= t:
            continue
        if tj >= tc:
            total += _bateman(t - tj, p["dose_mg"], p["v_l"], k2, p["ka_per_h"])
        elif t <= tc:
            total += _bateman(t - tj, p["dose_mg"], p["v_l"], k1, p["ka_per_h"])
        else:
            s, u = tc - tj, t - tc
            in_body = _bateman(s, p["dose_mg"], p["v_l"], k1, p["ka_per_h"])
            in_gut_mg = p["dose_mg"] * math.exp(-p["ka_per_h"] * s)
            total += in_body * math.exp(-k2 * u) + _bateman(u, in_gut_mg, p["v_l"], k2,
                                                            p["ka_per_h"])
    return total * 1000.0


def _ex10_3() -> dict[str, float]:
    p = EX10_3
    last_dose_h = (p["n_doses"] - 1) * p["tau_h"]
    trough = {x: _ex10_3_concentration(last_dose_h, x) for x in (False, True)}
    grid = [last_dose_h + i * 0.01 for i in range(1, int(p["tau_h"] * 100))]
    peak = {x: max(_ex10_3_concentration(t, x) for t in grid[:600]) for x in (False, True)}
    return {"ratio": trough[True] / trough[False], "difference": trough[True] - trough[False],
            "peak_ratio": peak[True] / peak[False]}


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 10, before encoding (see solutions/README.md)."""
    # 10.1: AUCR = 1 / (0.6/4 + 0.4) = 1 / 0.55 = 1.818; new t1/2 = 45.3 * 1.818 = 82.36 h;
    #       90 % of the new steady state after log2(10) = 3.32 new half-lives = 273.6 h = 11.40 d
    aucr = _aucr(EX10_1_FM, EX10_1_FOLD)
    t_half_new = TANNA_T_HALF_H * aucr
    t90_d = t_half_new * LOG2_10 / 24.0

    # 10.2: fraction of the predicted increase that appeared, (observed - 1) / (predicted - 1)
    ddi = pd.read_csv(DATA_DIR / "ddi_clinical.csv")
    mdz = ddi[(ddi["object_drug"] == "midazolam") & (ddi["measure"] == "auc_ratio")]
    predicted = float(mdz.loc[mdz["kind"] == "predicted", "estimate"].iloc[0])
    observed = float(mdz.loc[mdz["kind"] == "observed", "estimate"].iloc[0])
    share = (observed - 1.0) / (predicted - 1.0)

    ex3 = _ex10_3()
    return {
        "10.1": {
            "title": "How long until an inhibitor's full effect?",
            "kind": "quantity",
            "unit": "d",
            "value": t90_d,
            "tolerance": {"abs": 0.15},
            "format": QUANTITY_FORMAT.format(unit_words="days", unit="d", alt="h")
            + "; tolerance +/- 0.15 d",
            "hint": "Re-read 'Step 4' of lesson 10: first the AUC ratio 1 / (fm/X + 1 - fm), "
            "then the new half-life (old half-life times that ratio), then 90 % of steady state "
            "after log2(10) = 3.32 new half-lives.",
            "explain": "The inhibitor lengthens the half-life, so the new plateau is also reached "
            "more slowly than the first one: a study sampling a few days would miss most of it.",
            "mistakes": [
                (*around(TANNA_T_HALF_H * LOG2_10 / 24.0), "That is the time with the old "
                 "half-life. With the inhibitor the half-life is longer: multiply it by the AUC "
                 "ratio first."),
                (*around(t_half_new / 24.0), "That is the new half-life in days. 90 % of steady "
                 "state takes 3.32 half-lives."),
                (*around(TANNA_T_HALF_H * EX10_1_FOLD * LOG2_10 / 24.0), "You multiplied the "
                 "half-life by the fold X. Only the share fm goes through CYP3A: use "
                 "1 / (fm/X + 1 - fm)."),
                (*around(t90_d * 24.0, 0.01), "A plain number is read in days; your value looks "
                 "like hours. Convert, or give a quantity such as 'x h'."),
            ],
        },
        "10.2": {
            "title": "How much of the predicted interaction appeared?",
            "kind": "quantity",
            "unit": "",
            "value": share,
            "tolerance": {"abs": 0.003},
            "format": "a plain number (a fraction, no unit), e.g. 0.5; tolerance +/- 0.003",
            "hint": "Re-read 'Step 3' of lesson 10: select the midazolam auc_ratio rows of "
            "ddi_clinical, one predicted and one observed; the increase is the ratio minus 1.",
            "explain": "Less than a tenth of the predicted increase appeared after one dose: the "
            "prediction flagged the interaction, but sized it poorly.",
            "mistakes": [
                (*around(observed / predicted), "You divided the ratios themselves. The increase "
                 "is the ratio minus 1 (a ratio of 1 means no change)."),
                (*around((predicted - 1.0) / (observed - 1.0)), "Upside down: observed increase "
                 "divided by predicted increase."),
                (*around(observed - 1.0), "That is the observed increase alone; divide it by the "
                 "predicted increase."),
            ],
        },
        "10.3": {
            "title": "Read the exposure change off the curves",
            "kind": "quantity",
            "unit": "",
            "value": ex3["ratio"],
            "tolerance": {"rel": 0.08},
            "format": "a plain number (a ratio, no unit); tolerance +/- 8 %",
            "hint": "Re-read 'Step 4' of lesson 10: at steady state the trough just before a "
            "dose scales with the exposure. Read both curves just before the last dose "
            "(grid lines every 50 ng/mL) and divide with-inhibitor by alone.",
            "explain": "With a drug that is given often relative to its half-life, the trough "
            "ratio at the new steady state is close to the exposure (AUC) ratio.",
            "mistakes": [
                (*around(1.0 / ex3["ratio"], 0.05), "Upside down: divide the curve with the "
                 "inhibitor by the curve alone."),
                (*around(ex3["difference"], 0.1), "That is a difference in ng/mL; the question "
                 "asks for the ratio of the two troughs."),
                (*around(ex3["peak_ratio"], 0.04), "That looks like the ratio of the peaks. Read "
                 "the troughs, the lowest points just before a dose: they follow the exposure."),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {"10.3": {"kind": "inhibitor_switch", **EX10_3, **EX10_3_AXIS}}
