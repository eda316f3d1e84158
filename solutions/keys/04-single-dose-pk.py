"""Answer keys of lesson 04, Pharmacokinetics of a single dose (exercises 04.1-04.5).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library and ``_keylib`` (tests/unit/test_lesson_files.py checks
it). ``scripts/build_exercise_keys.py`` turns ``keys()`` into the registry the checks read.

Each expected value is hand arithmetic written out below (ln 2 and ln 10 as literals,
closed-form equations evaluated with ``math``) or the paper's published number: a key that used
the same model call as the solution could not catch a bug in the model.

Published numbers used below (cited as in data/references.csv):
    Tanna 2022 (Pharmaceutics 14(3):620, doi:10.3390/pharmaceutics14030620), mitragynine after
    one 2 g kratom tea (about 39 mg mitragynine), medians: t1/2 45.3 h, Vz/F 12,700 L,
    CL/F 233 L/h; blood sampled to 120 h.
    Trakulsrichai 2015 (Drug Des Devel Ther 9:2421-9, doi:10.2147/DDDT.S79658), chronic users
    at steady state: t1/2 23.24 +/- 16.07 h (mean +/- SD); blood sampled to 24 h.
    Huestis 2024 (Molecules 29(5):984, doi:10.3390/molecules29050984): highest group mean
    t1/2 43.4 h (single dose) and 67.9 h (multiple doses).
"""

from __future__ import annotations

import math

from _keylib import QUANTITY_FORMAT, around

LN2 = 0.6931471805599453  # ln 2, written out

# --- published numbers (see the module docstring) --------------------------------------------
TANNA_T_HALF_H = 45.3
TANNA_VZ_F_L = 12700.0
TANNA_CL_F_L_PER_H = 233.0
TANNA_DOSE_MG = 39.0  # mitragynine in one 2 g tea of product K51
TANNA_SAMPLING_H = 120.0
TRAKULSRICHAI_T_HALF_H = 23.24
TRAKULSRICHAI_T_HALF_SD_H = 16.07
TRAKULSRICHAI_SAMPLING_H = 24.0
HUESTIS_T_HALF_SINGLE_H = 43.4
HUESTIS_T_HALF_MULTIPLE_H = 67.9

# --- exercise 04.4: a hypothetical drug, drawn by pharmacourse.exercise_figures.plot("04.4") ---
# Hidden parameters (one-compartment oral model); the learner reads Cmax off the figure.
EX04_4 = {"dose_mg": 60.0, "v_l": 48.0, "k_per_h": 0.15, "ka_per_h": 1.5}
EX04_4_AXIS = {"y_max": 1200.0, "y_step": 50.0}  # ng/mL: axis top and grid spacing

# --- the simulated subject of exercise 04.5 ---------------------------------------------------
# One-compartment oral model with Tanna's medians; ka = 5.8 1/h is the value stated in the
# exercise (chosen there so that the model peaks at about 1 h, Tanna's median tmax).
SIM_KA_PER_H = 5.8
SIM_SAMPLE_TIMES_H = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 12.0, 24.0)


def bateman_ng_per_ml(t_h: float) -> float:
    """C(t) = Dose/V * ka/(ka - k) * (e^(-k t) - e^(-ka t)), k = CL/V; mg/L * 1000 = ng/mL.

    Written out with ``math.exp`` on purpose: independent of pharmacourse.pk.
    """
    k = TANNA_CL_F_L_PER_H / TANNA_VZ_F_L
    ka = SIM_KA_PER_H
    mg_per_l = (
        TANNA_DOSE_MG / TANNA_VZ_F_L * ka / (ka - k) * (math.exp(-k * t_h) - math.exp(-ka * t_h))
    )
    return mg_per_l * 1000.0


def _ex04_4_peak() -> tuple[float, float]:
    """(tmax in h, Cmax in ng/mL) of the Bateman function, written out with ``math``.

    dC/dt = 0  <=>  tmax = ln(ka/k) / (ka - k); C = Dose/V * ka/(ka - k) (e^-k t - e^-ka t).
    """
    p = EX04_4
    k, ka = p["k_per_h"], p["ka_per_h"]
    tmax_h = math.log(ka / k) / (ka - k)
    mg_per_l = p["dose_mg"] / p["v_l"] * ka / (ka - k) * (
        math.exp(-k * tmax_h) - math.exp(-ka * tmax_h))
    return tmax_h, mg_per_l * 1000.0


def _sim_auc_0_24_trapezoid() -> float:
    # Linear trapezoidal rule written out: sum over intervals of width * mean height.
    t = SIM_SAMPLE_TIMES_H
    c = [bateman_ng_per_ml(ti) for ti in t]
    total = 0.0
    for i in range(len(t) - 1):
        total += (t[i + 1] - t[i]) * (c[i] + c[i + 1]) / 2.0
    return total


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 04, before encoding (see solutions/README.md)."""
    # 04.1: t1/2 = ln2 / k with k = CL/F / (Vz/F)  ->  t1/2 = ln2 * Vz/F / (CL/F)
    #       = 0.6931471805599453 * 12700 / 233 = 37.78 h
    t_half_from_cl_v = LN2 * TANNA_VZ_F_L / TANNA_CL_F_L_PER_H
    k_per_h = TANNA_CL_F_L_PER_H / TANNA_VZ_F_L

    # 04.2: Tanna median / Trakulsrichai mean = 45.3 / 23.24 = 1.949
    ratio = TANNA_T_HALF_H / TRAKULSRICHAI_T_HALF_H

    # 04.3: half-lives covered by the sampling window: 24/23.24 = 1.03 vs 120/45.3 = 2.65
    covered = {
        "trakulsrichai2015": TRAKULSRICHAI_SAMPLING_H / TRAKULSRICHAI_T_HALF_H,
        "tanna2022": TANNA_SAMPLING_H / TANNA_T_HALF_H,
    }
    fewest = min(covered, key=covered.get)

    tmax_h, cmax = _ex04_4_peak()
    auc = _sim_auc_0_24_trapezoid()
    sum_of_concs = sum(bateman_ng_per_ml(t) for t in SIM_SAMPLE_TIMES_H)
    left_rectangles = sum(
        (SIM_SAMPLE_TIMES_H[i + 1] - SIM_SAMPLE_TIMES_H[i])
        * bateman_ng_per_ml(SIM_SAMPLE_TIMES_H[i])
        for i in range(len(SIM_SAMPLE_TIMES_H) - 1)
    )
    auc_inf = TANNA_DOSE_MG / TANNA_CL_F_L_PER_H * 1000.0  # Dose/CL in ng*h/mL

    studies = ["trakulsrichai2015", "tanna2022", "huestis2024"]
    return {
        "04.1": {
            "title": "Half-life from clearance and volume",
            "kind": "quantity",
            "unit": "h",
            "value": t_half_from_cl_v,
            "tolerance": {"abs": 0.5},
            "format": QUANTITY_FORMAT.format(unit_words="hours", unit="h", alt="d")
            + "; tolerance +/- 0.5 h",
            "hint": "Re-read 'Half-life and the elimination rate constant' in lesson 04: for a "
            "one-compartment model k = CL/V, and t1/2 = ln 2 / k.",
            "explain": "It is shorter than Tanna's published median half-life: the median of "
            "CL/F and the median of Vz/F come from different people, so their ratio need not "
            "give the median half-life.",
            "mistakes": [
                (
                    *around(k_per_h),
                    "That looks like the rate constant k (in 1/h), not the "
                    "half-life: convert k to t1/2.",
                ),
                (
                    *around(LN2 * TANNA_CL_F_L_PER_H / TANNA_VZ_F_L),
                    "The ratio is upside "
                    "down: k = CL/V (clearance divided by volume), then t1/2 = ln 2 / k.",
                ),
                (
                    *around(1.0 / k_per_h),
                    "Close, but 1/k is the mean residence time of a "
                    "one-compartment model, not the half-life: the factor ln 2 is missing.",
                ),
                (
                    *around(TANNA_T_HALF_H, 0.01),
                    "That is the published median half-life. The "
                    "exercise asks you to compute it from the median CL/F and Vz/F.",
                ),
            ],
        },
        "04.2": {
            "title": "How different are the published half-lives?",
            "kind": "quantity",
            "unit": "",
            "value": ratio,
            "tolerance": {"abs": 0.02},
            "format": "a plain number (a ratio, no unit); tolerance +/- 0.02",
            "hint": "Re-read 'Three studies, three half-lives' in lesson 04: filter the table "
            "on study_id, analyte == 'mitragynine', parameter == 't_half' and the central "
            "statistic (Tanna: median; Trakulsrichai: mean), then divide Tanna by Trakulsrichai.",
            "explain": "A median and a mean are both central values, so the ratio is only a "
            "rough first comparison: they summarise skewed data differently, and the two studies "
            "also differ in design and in how long they sampled (exercise 04.6).",
            "mistakes": [
                (
                    *around(TRAKULSRICHAI_T_HALF_H / TANNA_T_HALF_H),
                    "The ratio is upside down: divide Tanna 2022 by Trakulsrichai 2015.",
                ),
                (
                    *around(TANNA_T_HALF_H / TRAKULSRICHAI_T_HALF_SD_H, 0.007),
                    "You divided by "
                    "Trakulsrichai's standard deviation (statistic 'sd'); use the mean.",
                ),
                (
                    *around(HUESTIS_T_HALF_MULTIPLE_H / TRAKULSRICHAI_T_HALF_H, 0.006),
                    "You used "
                    "Huestis 2024's multiple-dose value; the numerator is Tanna 2022's median.",
                ),
                (
                    *around(HUESTIS_T_HALF_SINGLE_H / TRAKULSRICHAI_T_HALF_H, 0.008),
                    "You used "
                    "Huestis 2024's single-dose value; the numerator is Tanna 2022's median.",
                ),
            ],
        },
        "04.3": {
            "title": "Which half-life rests on the shortest sampling?",
            "kind": "choice",
            "choice": fewest,
            "options": studies,
            "format": "one study_id as a string: " + ", ".join(repr(s) for s in studies),
            "hint": "Re-read 'Sampling long enough' in lesson 04: divide each study's "
            "sampling_h by its mitragynine half-life (central statistic); the smallest number of "
            "half-lives covered is the answer.",
            "explain": "Its blood samples covered only about one half-life, so the terminal "
            "slope, and the half-life estimated from it, is uncertain.",
            "choice_mistakes": [
                (
                    "tanna2022",
                    "Tanna 2022 sampled to 120 h, more than two of its half-lives: "
                    "that is the most half-lives covered, not the fewest.",
                ),
                (
                    "huestis2024",
                    "The table has no sampling duration for Huestis 2024 "
                    "(sampling_h is missing), so it cannot be the answer here: compare the studies "
                    "that report one.",
                ),
            ],
        },
        "04.4": {
            "title": "Read Cmax off the curve",
            "kind": "quantity",
            "unit": "ng/mL",
            "value": cmax,
            "tolerance": {"rel": 0.05},
            "format": "a concentration in ng/mL (a plain number is read as ng/mL), or a quantity "
            "with units such as 'x ng/mL'; tolerance +/- 5 %",
            "hint": "Re-read 'Reading a concentration-time curve' in lesson 04: Cmax is the "
            "height of the highest point of the curve, read on the y axis (ng/mL).",
            "explain": "Cmax is read on the y axis at the top of the curve; the time of the "
            "peak (tmax) is read on the x axis below it.",
            "mistakes": [
                (
                    *around(tmax_h, 0.15),
                    "That looks like tmax (the time of the peak, in h). The question "
                    "asks for the height of the peak (ng/mL).",
                ),
                (
                    *around(cmax / 1000.0, 0.1),
                    "That looks like mg/L. The plot's axis is in ng/mL (1 mg/L = 1000 ng/mL).",
                ),
            ],
        },
        "04.5": {
            "title": "AUC from eight samples by trapezoids",
            "kind": "quantity",
            "unit": "ng*h/mL",
            "value": auc,
            "tolerance": {"rel": 0.02},
            "format": "an exposure in ng*h/mL (a plain number is read as ng*h/mL), or a "
            "quantity with units such as 'x ng*h/mL'; tolerance +/- 2 %",
            "hint": "Re-read 'AUC and NCA of a simulated study' in lesson 04: for each interval "
            "between two samples, add width x (C1 + C2) / 2.",
            "explain": "This is AUC0-24: only about a third of the total exposure (Dose/CL) of "
            "this model lies within the first 24 h, one reason why short sampling misleads.",
            "mistakes": [
                (
                    *around(auc_inf, 0.05),
                    "That is AUC0-inf (Dose/CL), the whole area. The "
                    "exercise asks for the area under the eight sampled points, to 24 h.",
                ),
                (
                    *around(sum_of_concs, 0.03),
                    "You added the concentrations. Each trapezoid's "
                    "area is its width (hours between samples) times its mean height.",
                ),
                (
                    *around(left_rectangles, 0.02),
                    "You used rectangles with the height of each "
                    "interval's first sample. A trapezoid uses the mean of both ends.",
                ),
                (
                    *around(auc / 1000.0, 0.1),
                    "That looks like mg*h/L. Give ng*h/mL (x 1000), or a quantity with units.",
                ),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {"04.4": {"kind": "oral_pk", **EX04_4, **EX04_4_AXIS}}
