"""Answer keys of lesson 09, Variability (exercises 09.1-09.5).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library, pandas and ``_keylib`` (tests/unit/test_lesson_files.py
checks it). ``scripts/build_exercise_keys.py`` turns ``keys()`` into the registry the checks read.

Published numbers used below (cited as in data/references.csv):
    Manwill 2022 (Planta Med 88:838-857, doi:10.1055/a-1795-5876): mitragynine 13.9 to 270 mg/g
    in US commercial products (the US-grown plants were reported separately; read from
    data/product_composition.csv).
    Tanna 2022 product K51: mitragynine 19.48 mg/g (mean; same file), named in a mistake.
    Prozialeck 2020 (IJERPH 17(15):5512, doi:10.3390/ijerph17155512): 3.9 to 62.1 mg/g in eight
    Chicago-area products (same file).
    Tanna 2022 (Pharmaceutics 14(3):620, doi:10.3390/pharmaceutics14030620): mitragynine Vz/F
    median 12,700 L, range 5,190-19,700 L, in the 5 people of its PK table.
Statistical constant: d2(5) = 2.326, the expected range of five standard-normal values (the
quality-control table), written out here as a literal.
"""

from __future__ import annotations

import math

import pandas as pd
from _keylib import DATA_DIR, around

D2_FIVE = 2.326  # expected range of 5 standard normals, in SDs

# --- Tanna 2022, mitragynine Vz/F of the 5 people in the PK table (L) -------------------------
TANNA_VZ_MIN_L, TANNA_VZ_MAX_L = 5190.0, 19700.0

# --- exercise 09.3: the population the learner simulates (stated in the exercise) -------------
EX09_3_CV = 0.68

# --- exercise 09.4: a hypothetical drug, drawn by pharmacourse.exercise_figures.plot("09.4") ---
# Hidden parameters of one person's curve (one-compartment oral model); the exercise states the
# typical person's Cmax, EX09_4_TYPICAL_CMAX, and asks for this person's Cmax / the typical one.
EX09_4 = {"dose_mg": 40.0, "v_l": 48.0, "k_per_h": 0.05, "ka_per_h": 1.2}
EX09_4_AXIS = {"y_max": 800.0, "y_step": 50.0}
EX09_4_TYPICAL_CMAX = 450.0  # ng/mL, stated in the exercise


def _mitragynine(source: str) -> pd.Series:
    """Mitragynine mg/g of one source by statistic, read directly from the CSV with pandas."""
    df = pd.read_csv(DATA_DIR / "product_composition.csv")
    rows = df[(df["analyte"] == "mitragynine") & (df["source_ids"] == source)]
    return rows.set_index("statistic")["value"]


def _mitragynine_range(source: str) -> tuple[float, float]:
    """(min, max) mitragynine mg/g of one survey."""
    values = _mitragynine(source)
    return float(values["min"]), float(values["max"])


def _normal_cdf(x: float) -> float:
    """Phi(x) = (1 + erf(x / sqrt 2)) / 2, written out with math.erf."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _ex09_4_cmax() -> float:
    """Cmax (ng/mL) of the Bateman curve: tmax = ln(ka/k)/(ka - k), written out with math."""
    p = EX09_4
    k, ka = p["k_per_h"], p["ka_per_h"]
    tmax = math.log(ka / k) / (ka - k)
    mg_per_l = p["dose_mg"] / p["v_l"] * ka / (ka - k) * (
        math.exp(-k * tmax) - math.exp(-ka * tmax))
    return mg_per_l * 1000.0


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 09, before encoding (see solutions/README.md)."""
    # 09.1: top Manwill product / top Chicago product = 270 / 62.1 = 4.348
    #       (270 mg/g = 27 % mitragynine by weight; K51 19.48 mg/g = 1.95 %)
    m_lo, m_hi = _mitragynine_range("manwill2022")
    p_lo, p_hi = _mitragynine_range("prozialeck2020")
    k51 = float(_mitragynine("tanna2022")["mean"])
    us_over_chicago = m_hi / p_hi

    # 09.2: omega = ln(19700 / 5190) / 2.326 = 1.3339 / 2.326 = 0.5735;
    #       CV = sqrt(exp(omega^2) - 1) = sqrt(exp(0.3289) - 1) = 0.624 -> 62.4 %
    omega_vz = math.log(TANNA_VZ_MAX_L / TANNA_VZ_MIN_L) / D2_FIVE
    cv_vz_pct = 100.0 * math.sqrt(math.exp(omega_vz**2) - 1.0)
    naive_omega = math.log(TANNA_VZ_MAX_L / TANNA_VZ_MIN_L)

    # 09.3: AUC > 2 x typical  <=>  CL < CL_typical / 2  <=>  eta < -ln 2;
    #       P = Phi(-ln 2 / omega), omega = sqrt(ln(1 + 0.68^2)) = 0.6165 -> Phi(-1.1243) = 13.0 %
    omega_cl = math.sqrt(math.log(1.0 + EX09_3_CV**2))
    share_pct = 100.0 * _normal_cdf(-math.log(2.0) / omega_cl)


    return {
        "09.1": {
            "title": "How far above the shop products is the top product?",
            "kind": "quantity",
            "unit": "",
            "value": us_over_chicago,
            "tolerance": {"abs": 0.1},
            "format": "a plain number (a ratio, no unit); tolerance +/- 0.1",
            "hint": "Re-read 'What is in the product' in lesson 09: select the max rows of "
            "manwill2022 and prozialeck2020 (mitragynine), then divide the first by the second.",
            "explain": "About four times the richest shop product: the US top product is 27 % "
            "mitragynine by weight, against about 2 % for K51 and far above any leaf assay in the "
            "table, so it was probably enriched. The abstract does not say which kind of product "
            "it was: an inference, not a finding.",
            "mistakes": [
                (*around(m_hi / m_lo, 0.01), "That is the fold range of the Manwill survey "
                 "(max / min). The exercise compares the tops of the two surveys."),
                (*around(m_hi / k51, 0.01), "That compares the top product with K51. The exercise "
                 "asks about the richest Chicago-area product (prozialeck2020, max)."),
                (*around(p_hi / p_lo, 0.01), "That is the fold range of the Chicago-area survey. "
                 "The exercise compares the tops of the two surveys."),
                (*around(p_hi / m_hi, 0.02), "The ratio is upside down: divide the US top "
                 "product's content by the Chicago one's."),
            ],
        },
        "09.2": {
            "title": "A CV from a range of five people",
            "kind": "quantity",
            "unit": "percent",
            "value": cv_vz_pct,
            "tolerance": {"abs": 1.5},
            "format": "a percentage (a plain number is read as %), or a fraction as Q_(x, ''); "
            "tolerance +/- 1.5 %",
            "hint": "Re-read 'Describing variability' in lesson 09: omega = ln(max / min) / "
            "d2(n), with d2 from variability.EXPECTED_RANGE_SD, then CV = sqrt(exp(omega^2) - 1).",
            "explain": "Close to the clearance CV: with five people, both are rough. The volume "
            "varies about as much between people as the clearance does.",
            "mistakes": [
                (*around(100.0 * omega_vz, 0.02), "That is omega itself (as a percentage). "
                 "Convert it: CV = sqrt(exp(omega^2) - 1)."),
                (*around(cv_vz_pct / 100.0, 0.03), "That looks like a fraction read as percent. "
                 "Multiply by 100, or give Q_(x, '') for a fraction."),
                (*around(100.0 * math.sqrt(math.exp(naive_omega**2) - 1.0), 0.02), "You used "
                 "ln(max / min) as omega: the range of five people spans about 2.3 SDs, so "
                 "divide by d2(5) first."),
            ],
        },
        "09.3": {
            "title": "How many people get more than twice the typical exposure?",
            "kind": "quantity",
            "unit": "percent",
            "value": share_pct,
            "tolerance": {"abs": 1.5},
            "format": "a percentage of the virtual people (a plain number is read as %), or a "
            "fraction as Q_(x, ''); tolerance +/- 1.5 percentage points",
            "hint": "Re-read 'Four sources, one at a time and together' in lesson 09: simulate "
            "with only the clearance source on, then count the AUCs above twice the typical "
            "person's AUC and divide by the number of people.",
            "explain": "About one person in eight. On a log scale, 'twice the typical' is ln 2 "
            "above the median, so the share is Phi(-ln 2 / omega): the larger the CV, the larger "
            "the share.",
            "mistakes": [
                (*around(share_pct / 100.0, 0.1), "That looks like a fraction read as percent. "
                 "Multiply by 100, or give Q_(x, '') for a fraction."),
                (*around(2.0 * share_pct, 0.1), "That counts both tails (above twice and below "
                 "half the typical exposure). The exercise asks only for above twice."),
                (*around(100.0 - share_pct, 0.02), "That is the share at or *below* twice the "
                 "typical exposure: count those above it."),
            ],
        },
        "09.4": {
            "title": "Read one person's peak",
            "kind": "quantity",
            "unit": "ng/mL",
            "value": _ex09_4_cmax(),
            "tolerance": {"rel": 0.05},
            "format": "a number in ng/mL (a plain number is read as ng/mL); tolerance +/- 5 %",
            "hint": "Re-read the figure: read the height of the peak on the y axis (grid lines "
            "every 50 ng/mL).",
            "explain": "About 1.6 times the typical person's peak of 450 ng/mL: one person can "
            "sit far from the typical value. One curve cannot say why: a smaller volume or a "
            "larger absorbed dose raises the peak; a slower clearance raises the AUC much more "
            "than the peak.",
            "mistakes": [
                (*around(EX09_4_TYPICAL_CMAX, 0.02), "That is the typical person's peak given in "
                 "the task. Read this person's curve."),
                (*around(_ex09_4_cmax() / EX09_4_TYPICAL_CMAX, 0.1), "That is the ratio to the "
                 "typical person; the exercise asks for the peak in ng/mL."),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {"09.4": {"kind": "oral_pk", **EX09_4, **EX09_4_AXIS}}
