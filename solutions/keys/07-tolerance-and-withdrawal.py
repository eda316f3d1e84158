"""Answer keys of lesson 07, Tolerance, dependence and withdrawal (exercises 07.1-07.4).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library, pandas and ``_keylib`` (tests/unit/test_lesson_files.py checks
it). The operational model is written out below by hand (Black and Leff 1983, n = 1):

    Emax = Em * tau' / (1 + tau'),   EC50 = KA / (1 + tau'),   tau' = q * tau

so a key can catch a bug in ``pharmacourse.pharmacodynamics``. Exercise 07.3 reads
data/dependence_surveys.csv with pandas (Smith KE et al. 2022, J Addict Med 16(6):666-670,
doi:10.1097/ADM.0000000000000986: 29.5 % current kratom use disorder, 14.0 % mild, 7.0 %
moderate, 8.5 % severe, among 129 people). Exercise 07.5 is written (no key).
"""

from __future__ import annotations

import pandas as pd
from _keylib import DATA_DIR, around

# --- exercises 07.1 and 07.2: generic agonists in a tolerant tissue ---------------------------
FULL_TAU = 40.0
PARTIAL_TAU = 1.5
FRACTION_LEFT = 0.15  # 85 % of the receptors lost

# --- exercise 07.4: drug Z, drawn by pharmacourse.exercise_figures.plot("07.4") ---------------
# Stated in the exercise: before daily exposure tau = 4 and KA = 200 nM (EC50 then 200/5 = 40 nM).
# Hidden: q = 0.3 of tau is left. The figure shows Emax = 100 q tau / (1 + q tau) = 54.5 % and
# EC50 = KA / (1 + q tau) = 90.9 nM, the answer.
EX07_4_TAU_BEFORE = 4.0
EX07_4_Q = 0.3
EX07_4_KA_NM = 200.0


def _emax_pct(tau_eff: float) -> float:
    return 100.0 * tau_eff / (1.0 + tau_eff)


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figure (stored obfuscated in the package)."""
    tau_now = EX07_4_Q * EX07_4_TAU_BEFORE
    return {"07.4": {"kind": "emax", "emax_pct": _emax_pct(tau_now),
                     "ec50_nm": EX07_4_KA_NM / (1.0 + tau_now), "hill": 1.0}}


def _smith_2022() -> dict[str, float]:
    table = pd.read_csv(DATA_DIR / "dependence_surveys.csv")
    rows = table[table["study"] == "Smith 2022"]
    return dict(zip(rows["measure"], rows["value"], strict=True))


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 07, before encoding (see solutions/README.md)."""
    # 07.1: EC50 fold shift = (1 + tau) / (1 + q tau) = 41 / 7 = 5.857
    fold = (1.0 + FULL_TAU) / (1.0 + FRACTION_LEFT * FULL_TAU)
    # 07.2: Emax after / Emax before for tau 1.5, q 0.15: 18.37 % / 60 % = 30.6 %
    before, after = _emax_pct(PARTIAL_TAU), _emax_pct(FRACTION_LEFT * PARTIAL_TAU)
    kept_pct = 100.0 * after / before
    # 07.3: mild among those with any disorder = 14.0 / 29.5 = 47.5 %
    smith = _smith_2022()
    mild_share_pct = 100.0 * smith["use_disorder_mild"] / smith["use_disorder_any"]
    # 07.4: EC50 now = KA / (1 + q tau) = 200 / 2.2 = 90.9 nM; the slip of reading at 50 % of
    #       the system maximum: 50 = Emax c / (c + EC50)  ->  c = 50 EC50 / (Emax - 50)
    emax_now, ec50_now = figures()["07.4"]["emax_pct"], figures()["07.4"]["ec50_nm"]
    at_half_system = 50.0 * ec50_now / (emax_now - 50.0)

    return {
        "07.1": {
            "title": "How far does a full agonist's curve shift?",
            "kind": "quantity", "unit": "", "value": fold, "tolerance": {"rel": 0.02},
            "format": "a plain number (a fold change, no unit); tolerance +/- 2 %",
            "hint": "Re-read section 1 of lesson 07: EC50 = KA / (1 + q tau) before (q = 1) and "
            "after tolerance; divide after by before.",
            "explain": "About 6-fold, a little less than 1/q: receptor reserve absorbs part of "
            "the loss, and the maximum stays near 86 %.",
            "mistakes": [
                (*around(1.0 / FRACTION_LEFT), "You assumed the EC50 rises as the receptors fall "
                 "(1/q). In the operational model the fold shift is (1 + tau) / (1 + q tau)."),
                (*around(1.0 / fold), "The ratio is upside down: tolerance raises the EC50, so "
                 "the factor is above 1."),
                (*around(FRACTION_LEFT), "That is the fraction of tau left, not the shift of the "
                 "EC50."),
            ],
        },
        "07.2": {
            "title": "How much of its maximum does a partial agonist keep?",
            "kind": "quantity", "unit": "percent", "value": kept_pct, "tolerance": {"abs": 1.0},
            "format": "a percentage of the agonist's own maximum before tolerance (a plain "
            "number is read as percent); tolerance +/- 1 percentage point",
            "hint": "Re-read section 1 of lesson 07: Emax = 100 q tau / (1 + q tau) % of the "
            "system maximum; compute it for q = 1 and q = 0.15, then divide.",
            "explain": "The partial agonist keeps under a third of its maximum while the full "
            "agonist of 07.1 keeps almost all of it: no reserve, no protection.",
            "mistakes": [
                (*around(100.0 * FRACTION_LEFT), "You assumed the effect falls in proportion to "
                 "the receptors. The operational model is not proportional: Emax = q tau / (1 + q "
                 "tau)."),
                (*around(after), "That is the maximum after tolerance in % of the system maximum. "
                 "The exercise asks for it as a share of the agonist's own maximum before."),
                (*around(before, 0.01), "That is the maximum before tolerance: compute the one "
                 "after, with q tau."),
            ],
        },
        "07.3": {
            "title": "How many of the use disorders were mild?",
            "kind": "quantity", "unit": "percent", "value": mild_share_pct,
            "tolerance": {"abs": 0.5},
            "format": "a percentage (a plain number is read as percent); tolerance +/- 0.5 "
            "percentage point",
            "hint": "Re-read section 3 of lesson 07: select Smith 2022's rows with .query(), take "
            "the mild share and the share with any use disorder, and divide.",
            "explain": "Nearly half of the disorders in this sample were mild: a threshold that "
            "leaves out mild cases (as Garcia-Romeu 2020 did) removes about half of them.",
            "mistakes": [
                (*around(smith["use_disorder_mild"], 0.01), "That is the mild share of all "
                 "respondents. The exercise asks for mild cases among those with any use "
                 "disorder."),
                (*around(100.0 - mild_share_pct), "That is the moderate-or-severe share of the "
                 "disorders; the exercise asks for the mild share."),
                (*around(smith["use_disorder_any"] / smith["use_disorder_mild"]), "The ratio is "
                 "upside down, and it is not a percentage: divide mild by any, times 100."),
            ],
        },
        "07.4": {
            "title": "Read a tolerant tissue's curve: the EC50 now",
            "kind": "quantity", "unit": "nM", "value": ec50_now, "tolerance": {"rel": 0.08},
            "format": "a concentration in nM (a plain number is read as nM), or a quantity such "
            "as Q_(x, 'uM'); tolerance +/- 8 %",
            "hint": "Re-read section 1 of lesson 07 and lesson 03's EC50: find the plateau of the "
            "curve, take half of *that* plateau, and read the concentration where the curve "
            "crosses it.",
            "explain": "A partial agonist's EC50 is where it reaches half of its own maximum. "
            "After tolerance its maximum fell and its EC50 moved only about two-fold: the "
            "flattened curve, not the shift, shows most of the tolerance.",
            "mistakes": [
                (*around(at_half_system, 0.08), "You read where the curve crosses 50 % of the "
                 "system maximum. For a partial agonist the EC50 is where it reaches half of its "
                 "own plateau."),
                (*around(EX07_4_KA_NM / (1.0 + EX07_4_TAU_BEFORE), 0.03), "That is the EC50 "
                 "before tolerance, stated in the task. Read the curve as it is now."),
                (*around(EX07_4_KA_NM, 0.03), "That is the affinity KA stated in the task, not the "
                 "EC50 read off the curve."),
            ],
        },
    }
