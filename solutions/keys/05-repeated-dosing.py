"""Answer keys of lesson 05, Repeated dosing and steady state (exercises 05.1-05.4).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library, pandas (to read data/ directly) and ``_keylib``
(tests/unit/test_lesson_files.py checks it). ``scripts/build_exercise_keys.py`` turns ``keys()``
into the registry the checks read.

Each expected value is hand arithmetic written out below (ln 2 and ln 10 as literals, closed
forms with ``math``) or a published number read from data/human_pk.csv with pandas.

Published numbers used below (cited as in data/references.csv):
    Tanna 2022 (Pharmaceutics 14(3):620, doi:10.3390/pharmaceutics14030620): median mitragynine
    half-life 45.3 h after one 2 g kratom tea.
    Huestis 2024 (Molecules 29(5):984, doi:10.3390/molecules29050984): highest dose-group mean
    mitragynine half-life 43.4 h (single dose) and 67.9 h (after 15 daily doses); steady state
    in 8-9 days.
"""

from __future__ import annotations

import math

import pandas as pd
from _keylib import DATA_DIR, QUANTITY_FORMAT, around

LN2 = 0.6931471805599453  # ln 2, written out
LN10 = 2.302585092994046  # ln 10, written out
TANNA_T_HALF_H = 45.3

# --- exercise 05.3: a hypothetical drug, drawn by pharmacourse.exercise_figures.plot("05.3") ---
# Hidden parameters (repeated intravenous boluses, one compartment): the learner reads the first
# peak and the last (steady-state) peak and divides.
EX05_3 = {"dose_mg": 100.0, "v_l": 50.0, "k_per_h": LN2 / 18.0, "tau_h": 12.0, "n_doses": 16}
EX05_3_AXIS = {"y_max": 6.0, "y_step": 0.5}  # mg/L

# --- exercise 05.4: drug Y, an invented medicine (not kratom) ----------------------------------
EX05_4 = {"maintenance_mg": 50.0, "tau_h": 12.0, "t_half_h": 8.0}


def _huestis(parameter: str, statistic: str, regimen: str) -> float:
    """One mitragynine value of Huestis 2024, read from data/human_pk.csv with pandas."""
    df = pd.read_csv(DATA_DIR / "human_pk.csv")
    row = df[(df["study_id"] == "huestis2024") & (df["analyte"] == "mitragynine")
             & (df["parameter"] == parameter) & (df["statistic"] == statistic)
             & (df["dose_regimen"] == regimen)]
    if len(row) != 1:
        raise LookupError(f"expected one huestis2024 {parameter} {statistic} {regimen} row")
    return float(row["value"].iloc[0])


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 05, before encoding (see solutions/README.md)."""
    # 05.1 (was 04.2): 1 - 2^(-t/t1/2) = 0.9  ->  t = t1/2 * log2(10) = t1/2 * ln10 / ln2;
    #      45.3 h * 3.3219 / 24 h/d = 6.27 d
    t90_d = TANNA_T_HALF_H * (LN10 / LN2) / 24.0

    # 05.2: observed time to steady state (upper end, days) in multiple-dose half-lives:
    #       9 d * 24 h/d / 67.9 h = 3.18 half-lives
    ss_days = _huestis("time_to_steady_state", "max", "multiple")
    t_half_multi = _huestis("t_half", "max_group_mean", "multiple")
    t_half_single = _huestis("t_half", "max_group_mean", "single")
    half_lives = ss_days * 24.0 / t_half_multi

    # 05.3: accumulation ratio R = 1 / (1 - exp(-k tau)), k tau = ln2 * 12 / 18 = 0.4621;
    #       exp(-0.4621) = 0.6300, R = 2.70
    p = EX05_3
    r_fig = 1.0 / (1.0 - math.exp(-p["k_per_h"] * p["tau_h"]))
    first_peak = p["dose_mg"] / p["v_l"]

    # 05.4: loading dose = maintenance x R, R = 1 / (1 - 2^(-tau / t1/2)) = 1 / (1 - 2^-1.5)
    #       = 1 / (1 - 0.35355) = 1.547; 50 mg x 1.547 = 77.4 mg
    q = EX05_4
    r_y = 1.0 / (1.0 - 2.0 ** (-q["tau_h"] / q["t_half_h"]))
    loading = q["maintenance_mg"] * r_y
    k_y = LN2 / q["t_half_h"]

    return {
        "05.1": {
            "title": "Time to 90 % of steady state",
            "kind": "quantity",
            "unit": "d",
            "value": t90_d,
            "tolerance": {"abs": 0.1},
            "format": QUANTITY_FORMAT.format(unit_words="days", unit="d", alt="h")
            + "; tolerance +/- 0.1 d",
            "hint": "Re-read 'Time to steady state: the half-life decides' in lesson 05: the "
            "fraction of steady state reached after a time t is 1 - 2^(-t / t1/2); solve it "
            "for 90 %.",
            "explain": "Only the half-life matters, not the dose; the 8-9 days Huestis 2024 "
            "observed correspond to 4-5 single-dose half-lives (about 94-97 % of steady state).",
            "mistakes": [
                (7.4, 9.6, "That is the '4-5 half-lives' rule of thumb, which gives about "
                 "94-97 % of steady state. Compute the time for exactly 90 %."),
                (*around(TANNA_T_HALF_H * LN10 / 24.0), "You used ln(10) x t1/2. The factor "
                 "ln 2 is missing: t = t1/2 x ln(10) / ln(2)."),
                (*around(LN10 / LN2, 0.01), "That is the number of half-lives. Multiply by "
                 "the half-life to get a time (and give it in days)."),
                (*around(TANNA_T_HALF_H * LN10 / LN2, 0.04), "A plain number is read in days. "
                 "Your value looks like hours: give a quantity such as 'x h', or convert."),
            ],
        },
        "05.2": {
            "title": "How many half-lives did Huestis 2024's steady state take?",
            "kind": "quantity",
            "unit": "",
            "value": half_lives,
            "tolerance": {"abs": 0.05},
            "format": "a plain number (a count of half-lives, no unit); tolerance +/- 0.05",
            "hint": "Re-read 'Kratom: Huestis 2024's multiple-dose arm' in lesson 05: select "
            "the 'time_to_steady_state' row with statistic 'max' (in days) and the "
            "multiple-dose 't_half' row (in hours); put both in hours, then divide.",
            "explain": "About three multiple-dose half-lives, which by 1 - 2^(-n) is only "
            "about 89 % of the way: either steady state was judged before it was complete, or "
            "the longer multiple-dose half-life (the highest group mean, a terminal phase seen "
            "after long sampling) does not set the rise, or (our hypothesis, not tested in "
            "people) mitragynine slowly inactivates the CYP3A that clears it, so its half-life "
            "lengthened over the days of dosing (see the box in the lesson).",
            "mistakes": [
                (*around(ss_days / t_half_multi, 0.02), "The units differ: the time to steady "
                 "state is in days, the half-life in hours. Convert days to hours first."),
                (*around(ss_days * 24.0 / t_half_single), "You used the single-dose half-life; "
                 "the exercise asks for the multiple-dose value."),
                (*around(t_half_multi / (ss_days * 24.0)), "The ratio is upside down: divide "
                 "the time by the half-life."),
                (*around(_huestis("time_to_steady_state", "min", "multiple") * 24.0
                         / t_half_multi, 0.01), "You used the lower end (8 days); the exercise "
                 "asks for the upper end, statistic 'max'."),
            ],
        },
        "05.3": {
            "title": "Read the accumulation ratio off the curve",
            "kind": "quantity",
            "unit": "",
            "value": r_fig,
            "tolerance": {"rel": 0.05},
            "format": "a plain number (a ratio, no unit); tolerance +/- 5 %",
            "hint": "Re-read 'The accumulation ratio' in lesson 05: read the height of the "
            "first peak and of a peak at the end (the plateau), then divide the later by the "
            "first.",
            "explain": "For repeated injections the ratio is the same at every point of the "
            "interval (peaks, troughs): 1 / (1 - e^(-k tau)). Here each dose comes after two "
            "thirds of a half-life, so much is left and the level climbs almost three-fold.",
            "mistakes": [
                (*around(1.0 / r_fig, 0.03), "The ratio is upside down: divide the plateau "
                 "peak by the first peak."),
                (*around(r_fig * first_peak, 0.04), "That is the height of the plateau peak "
                 "(mg/L). Divide it by the height of the first peak."),
                (*around(r_fig - 1.0, 0.04), "That is the plateau's trough over the first "
                 "peak. Compare like with like: peak with peak."),
            ],
        },
        "05.4": {
            "title": "A loading dose for drug Y",
            "kind": "quantity",
            "unit": "mg",
            "value": loading,
            "tolerance": {"rel": 0.02},
            "format": QUANTITY_FORMAT.format(unit_words="mg", unit="mg", alt="g")
            + "; tolerance +/- 2 %",
            "hint": "Re-read 'Loading dose' in lesson 05: the loading dose is the maintenance "
            "dose times the accumulation ratio, 1 / (1 - e^(-k tau)) with k = ln 2 / t1/2.",
            "explain": "The loading dose puts into the body at once what the regimen would "
            "hold at steady state; after it, the maintenance doses only replace what leaves.",
            "mistakes": [
                (*around(q["maintenance_mg"], 0.01), "That is the maintenance dose itself: a "
                 "loading dose is larger, by the accumulation ratio."),
                (*around(q["maintenance_mg"] / (1.0 - math.exp(-q["tau_h"] / q["t_half_h"]))),
                 "You used k = 1 / t1/2. The rate constant is k = ln 2 / t1/2."),
                (*around(q["maintenance_mg"] * (1.0 - 2.0 ** (-q["tau_h"] / q["t_half_h"]))),
                 "You multiplied by 1 - e^(-k tau) instead of dividing by it."),
                (*around(q["maintenance_mg"] / (k_y * q["tau_h"])), "That is Dose / (k tau), "
                 "which belongs to the average level, not to the accumulation ratio."),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {"05.3": {"kind": "repeated_iv", **EX05_3, **EX05_3_AXIS}}
