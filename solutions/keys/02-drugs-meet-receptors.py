"""Answer keys of lesson 02, Drugs meet receptors (exercises 02.1-02.6).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library and ``_keylib`` (tests/unit/test_lesson_files.py checks
it). ``scripts/build_exercise_keys.py`` turns ``keys()`` into the registry the checks read.

Published numbers, typed from the papers (cited as in data/references.csv):
  Yue 2018 (Psychopharmacology 235(10):2823-9, doi:10.1007/s00213-018-4974-9): mitragynine's
    MOR affinity about 16-fold higher than its DOR affinity (rat brain membranes).
  Obeng 2024 (Eur J Pharmacol 176863, doi:10.1016/j.ejphar.2024.176863): mitragynine Ki at the
    human alpha-2A adrenoceptor 1260 nM ([3H]RX821002 displacement).
  Tanna 2022 (Pharmaceutics 14(3):620, doi:10.3390/pharmaceutics14030620): mitragynine median
    Cmax 81.9 nM after one 2 g kratom tea.
02.6 is a transfer task on an invented compound H (table below, stated in the exercise):
  the blocker at the lowest concentration is the receptor with no activation and the lowest Ki.
Occupancy is written out as [L] / ([L] + Kd) and Cheng-Prusoff as IC50 / (1 + [L*]/Kd), with
no call into pharmacourse.pharmacodynamics (the solutions use it; the keys must not).
"""

from __future__ import annotations

import pandas as pd
from _keylib import around

YUE_MOR_DOR_RATIO = 16.0
OBENG2024_MG_ALPHA2A_KI_NM = 1260.0
TANNA_MG_CMAX_MEDIAN_NM = 81.9
TANNA_MG_CMAX_MAX_NM = 177.0
# Values stated in the exercises themselves (invented examples):
EX02_1_KD_NM = 25.0  # occupancy at 9 x Kd
EX02_2_IC50_NM, EX02_2_RADIOLIGAND_NM, EX02_2_RADIOLIGAND_KD_NM = 450.0, 3.0, 1.2
EX02_6_COMPOUND_H = {"receptor": ["MOR", "KOR", "DOR"], "ki_nm": [12.0, 3.0, 150.0],
                     "emax_pct": [45.0, 0.0, 0.0]}  # invented, as printed in exercise 02.6
EX02_5_KD_NM = 60.0  # hidden: the curve pharmacourse.exercise_figures.plot("02.5") draws


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 02, before encoding (see solutions/README.md)."""
    occ_9kd_pct = 100.0 * (9 * EX02_1_KD_NM) / (9 * EX02_1_KD_NM + EX02_1_KD_NM)  # 90 %
    ki_nm = EX02_2_IC50_NM / (1.0 + EX02_2_RADIOLIGAND_NM / EX02_2_RADIOLIGAND_KD_NM)  # 128.6
    dor_pct = 100.0 * 1.0 / (1.0 + YUE_MOR_DOR_RATIO)  # [L] = Ki(MOR), Ki(DOR) = 16 Ki(MOR)
    conc_90_nm = 9.0 * OBENG2024_MG_ALPHA2A_KI_NM  # [L]/([L]+Ki) = 0.9  <=>  [L] = 9 Ki
    fold_90 = conc_90_nm / TANNA_MG_CMAX_MEDIAN_NM  # 138.5
    pct = "a percentage (a plain number is read as %), or a fraction as Q_(x, '')"
    conc = ("a concentration in nM (a plain number is read as nM), or a quantity with units, "
            "e.g. Q_(x, 'uM') or the string 'x uM'")
    compound_h = pd.DataFrame(EX02_6_COMPOUND_H)
    not_activated = compound_h[compound_h["emax_pct"] == 0.0]
    blocker = not_activated.sort_values("ki_nm")["receptor"].iloc[0]
    options_02_6 = list(compound_h["receptor"])
    return {
        "02.1": {
            "title": "Occupancy at nine times the Kd",
            "kind": "quantity",
            "unit": "percent",
            "value": occ_9kd_pct,
            "tolerance": {"abs": 0.5},
            "format": pct + "; tolerance +/- 0.5 %",
            "hint": "Re-read '1. Binding and the dissociation constant' in lesson 02: occupancy = "
            "[L] / ([L] + Kd); with [L] = 9 x Kd only the ratio matters.",
            "explain": "Occupancy depends only on [L]/Kd: 1 x Kd gives 50 %, 9 x Kd gives 90 %.",
            "mistakes": [
                (49.5, 50.5, "That is the occupancy at [L] = Kd. The exercise asks for 9 x Kd."),
                (9.5, 10.5, "That is the share of receptors left empty, Kd / ([L] + Kd). "
                 "Occupancy is [L] / ([L] + Kd)."),
                (0.85, 0.95, "That looks like a fraction (0 to 1) read as percent. Multiply by "
                 "100, or give Q_(x, '') for a fraction."),
            ],
        },
        "02.2": {
            "title": "Ki from an IC50",
            "kind": "quantity",
            "unit": "nM",
            "value": ki_nm,
            "tolerance": {"rel": 0.02},
            "format": conc + "; tolerance +/- 2 %",
            "hint": "Re-read '2. From IC50 to Ki' in lesson 02: Ki = IC50 / (1 + [L*]/Kd), with "
            "[L*] and Kd of the radioligand.",
            "explain": "More radioligand needs more competitor, so the Ki is always below the "
            "IC50 of a competition assay.",
            "mistakes": [
                (*around(ki_nm / 1000.0, 0.03), "That is the right number in uM, but a plain "
                 "number is read as nM. Give Q_(x, 'uM') or the string 'x uM', or convert to nM."),
                (*around(EX02_2_IC50_NM, 0.01), "That is the IC50 itself. Correct it for the "
                 "radioligand with the Cheng-Prusoff equation."),
                (*around(EX02_2_IC50_NM * (1 + EX02_2_RADIOLIGAND_NM / EX02_2_RADIOLIGAND_KD_NM),
                          0.02), "You multiplied by (1 + [L*]/Kd): divide instead."),
                (*around(EX02_2_IC50_NM / (EX02_2_RADIOLIGAND_NM / EX02_2_RADIOLIGAND_KD_NM),
                          0.02), "The denominator is 1 + [L*]/Kd: the '1 +' is missing."),
            ],
        },
        "02.3": {
            "title": "From a selectivity ratio to occupancy",
            "kind": "quantity",
            "unit": "percent",
            "value": dor_pct,
            "tolerance": {"abs": 0.2},
            "format": pct + "; tolerance +/- 0.2 %",
            "hint": "Re-read '3. Three opioid receptors and the kratom binding data' in lesson 02: "
            "Ki(DOR) = ratio x Ki(MOR); at [L] = Ki(MOR), occupancy of DOR = "
            "[L] / ([L] + Ki(DOR)).",
            "explain": "Sixteen-fold selectivity still leaves a few percent of DOR occupied when "
            "half of MOR is: selective is not exclusive.",
            "mistakes": [
                (49.5, 50.5, "50 % is the MOR occupancy. DOR has a 16-fold larger Ki, so its "
                 "occupancy at the same concentration is much lower."),
                (93.5, 94.5, "That is the share of DOR left empty. Occupancy is [L] / ([L] + Ki)."),
                (6.2, 6.3, "You computed [L]/Ki(DOR) = 1/16; the denominator is [L] + Ki(DOR), "
                 "so 1/(1 + 16)."),
            ],
        },
        "02.4": {
            "title": "How far from the alpha-2A Ki?",
            "kind": "quantity",
            "unit": "",
            "value": fold_90,
            "tolerance": {"rel": 0.02},
            "format": "a plain number (a ratio, no unit); tolerance +/- 2 %",
            "hint": "Re-read '5. What a micromolar Ki means in a person' in lesson 02: solve "
            "[L] / ([L] + Ki) = 0.9 for [L] (it is 9 x Ki), then divide by the median Cmax.",
            "explain": "The concentration for 90 % occupancy is over a hundred times the median "
            "peak measured, and that peak is a total (bound + unbound) concentration: the gap to "
            "the free concentration is larger still.",
            "mistakes": [
                (*around(OBENG2024_MG_ALPHA2A_KI_NM / TANNA_MG_CMAX_MEDIAN_NM, 0.02), "That is "
                 "Ki / Cmax, the factor for 50 % occupancy. For 90 % the concentration is 9 x Ki."),
                (*around(conc_90_nm / TANNA_MG_CMAX_MAX_NM, 0.02), "You used the highest Cmax "
                 "(statistic 'max'); the exercise asks for the median."),
                (*around(TANNA_MG_CMAX_MEDIAN_NM / conc_90_nm, 0.02), "The ratio is upside "
                 "down: divide the concentration for 90 % by the Cmax."),
                (*around(conc_90_nm, 0.01), "That is the concentration itself (nM). Divide it "
                 "by the median Cmax to get the ratio."),
            ],
        },
        "02.5": {
            "title": "Read the Kd off an occupancy curve",
            "kind": "quantity",
            "unit": "nM",
            "value": EX02_5_KD_NM,
            "tolerance": {"rel": 0.15},
            "format": conc + "; tolerance +/- 15 %",
            "hint": "Re-read '1. Binding and the dissociation constant' in lesson 02: Kd is the "
            "concentration at which the curve crosses 50 %. On a log axis, count the minor grid "
            "lines after 10 nM (20, 30, 40, ...).",
            "explain": "Reading on a log axis: the minor grid lines between 10 and 100 nM are at "
            "20, 30, ... 90 nM and get closer together to the right.",
            "mistakes": [
                (*around(EX02_5_KD_NM / 1000.0, 0.2), "That looks like uM read as nM. Give "
                 "Q_(x, 'uM') or convert to nM."),
                (*around(9 * EX02_5_KD_NM, 0.15), "That is where the curve reaches 90 % (9 x Kd). "
                 "The Kd is where it crosses 50 %."),
                (*around(EX02_5_KD_NM / 9, 0.15), "That is where the curve reaches 10 % (Kd / 9). "
                 "The Kd is where it crosses 50 %."),
            ],
        },
        "02.6": {
            "title": "Binding is not activating: a new compound",
            "kind": "choice",
            "choice": blocker,
            "options": options_02_6,
            "format": "one of these strings: " + ", ".join(repr(o) for o in options_02_6),
            "hint": "Re-read '4. Binding is not activating' in lesson 02: keep the receptors "
            "where compound H produced no effect (emax_pct == 0), then pick the one with the "
            "smallest Ki (the tightest binding).",
            "explain": "Compound H binds KOR most tightly of all and does not activate it: at "
            "low concentrations it blocks KOR while it partly activates MOR.",
            "choice_mistakes": [
                ("MOR", "Compound H activates MOR (emax 45 %): it is a partial agonist there, "
                 "not a blocker."),
                ("DOR", "Compound H does not activate DOR either, but its Ki there is 50 times "
                 "higher than at KOR: blocking DOR needs far more compound."),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {"02.5": {"kind": "occupancy", "kd_nm": EX02_5_KD_NM}}
