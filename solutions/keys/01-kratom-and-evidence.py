"""Answer keys of lesson 01, Kratom and the evidence (exercises 01.1-01.4; 01.5 is written).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library and ``_keylib`` (tests/unit/test_lesson_files.py checks
it). ``scripts/build_exercise_keys.py`` turns ``keys()`` into the registry the checks read.

Published numbers, typed from the papers (cited as in data/references.csv):
  Palamar 2021 (Am J Prev Med, doi:10.1016/j.amepre.2021.02.004): NSDUH 2019, past-year kratom
    use 0.7 % of people aged 12 and over (probability sample).
  Rogers 2021 (Front Pharmacol, doi:10.3389/fphar.2021.789075): crowdsourced online sample
    (N = 2,615), past-year use 6.7 %, lifetime 11.1 %.
  Schimmel 2021 (Addiction, doi:10.1111/add.15082): NMURx weighted online panel, past-year 0.8 %.
  Tanna 2022 (Pharmaceutics 14(3):620, doi:10.3390/pharmaceutics14030620): leaf powder K51,
    mg per g: mitragynine 19.48, speciogynine 3.18, mitraciliatine 0.647, speciociliatine 5.12,
    paynantheine 5.86, isopaynantheine 0.512;
    7-hydroxymitragynine below the LOQ (< 0.124).
  Prozialeck 2020 (01.4): 8 products bought in Chicago-area shops, mitragynine from 3.9 to
    62.1 mg/g; read here from data/product_composition.csv with pandas.
  01.3 is a transfer task on four invented studies of a hypothetical product (Herb X): only
    study B (randomised, placebo-controlled, blinded) can show that the product causes the
    effect.
"""

from __future__ import annotations

import pandas as pd
from _keylib import DATA_DIR, around

NSDUH_PAST_YEAR_PCT = 0.7
CROWD_PAST_YEAR_PCT = 6.7
CROWD_LIFETIME_PCT = 11.1
NMURX_PAST_YEAR_PCT = 0.8
K51_MG_PER_G = {"mitragynine": 19.48, "speciogynine": 3.18, "mitraciliatine": 0.647,
                "speciociliatine": 5.12, "paynantheine": 5.86, "isopaynantheine": 0.512}
K51_7OH_LOQ_MG_PER_G = 0.124
HERB_X_STUDIES = ("A", "B", "C", "D")  # invented studies of exercise 01.3
HERB_X_CAUSAL = "B"  # randomised, placebo-controlled, blinded
SHOPS = "8 products bought in Chicago-area shops"  # Prozialeck 2020, in data/


def _shop_range() -> tuple[float, float]:
    """(lowest, highest) mitragynine content of the shop survey, read from data/ directly."""
    table = pd.read_csv(DATA_DIR / "product_composition.csv")
    rows = table[(table["product"] == SHOPS) & (table["analyte"] == "mitragynine")]
    value = dict(zip(rows["statistic"], rows["value"], strict=True))
    return float(value["min"]), float(value["max"])


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 01, before encoding (see solutions/README.md)."""
    ratio = CROWD_PAST_YEAR_PCT / NSDUH_PAST_YEAR_PCT  # 9.571

    total = sum(K51_MG_PER_G.values())  # 34.799 mg/g of quantified alkaloids
    mg_share_pct = 100.0 * K51_MG_PER_G["mitragynine"] / total  # 55.98 %
    others = total - K51_MG_PER_G["mitragynine"]
    lowest, highest = _shop_range()
    us = pd.read_csv(DATA_DIR / "product_composition.csv")
    us = us[us["product"] == "US commercial products (Manwill 2022)"]
    us_ratio = us[us["statistic"] == "max"]["value"].item() / us[us["statistic"] == "min"][
        "value"].item()
    return {
        "01.1": {
            "title": "How many times NSDUH's estimate?",
            "kind": "quantity",
            "unit": "",
            "value": ratio,
            "tolerance": {"abs": 0.05},
            "format": "a plain number (a ratio, no unit); tolerance +/- 0.05",
            "hint": "Re-read '3. Who uses kratom?' in lesson 01: select the two past-year rows "
            "(measure == 'past_year_use') and divide the crowdsourced value by NSDUH's.",
            "explain": "Nearly tenfold in the same country: the two surveys asked different people "
            "(a household probability sample from age 12 vs adults recruited online).",
            "mistakes": [
                (*around(CROWD_LIFETIME_PCT / NSDUH_PAST_YEAR_PCT, 0.01), "You used the "
                 "crowdsourced *lifetime* estimate; compare past-year with past-year."),
                (*around(NSDUH_PAST_YEAR_PCT / CROWD_PAST_YEAR_PCT, 0.02), "The ratio is "
                 "upside down: divide the crowdsourced estimate by NSDUH's."),
                (*around(CROWD_PAST_YEAR_PCT - NSDUH_PAST_YEAR_PCT, 0.005), "That is the "
                 "difference in percentage points; the exercise asks for the ratio."),
                (*around(CROWD_PAST_YEAR_PCT / NMURX_PAST_YEAR_PCT, 0.01), "You divided by the "
                 "NMURx panel's estimate; the denominator is NSDUH 2019."),
            ],
        },
        "01.2": {
            "title": "Mitragynine's share of the quantified alkaloids",
            "kind": "quantity",
            "unit": "percent",
            "value": mg_share_pct,
            "tolerance": {"abs": 1.0},
            "format": "a percentage (a plain number is read as %), or a fraction as Q_(x, ''); "
            "tolerance +/- 1 %",
            "hint": "Re-read '1. The plant and what is in it' in lesson 01: keep the K51 rows "
            "that were quantified (statistic is not 'lt_loq'), add their values, and divide "
            "mitragynine by the sum.",
            "explain": "Just over half in this product. The share differs between products and "
            "laboratories, so a single 'typical' figure hides real variation.",
            "mistakes": [
                (*around(mg_share_pct / 100.0, 0.03), "That looks like a fraction read as "
                 "percent. Multiply by 100, or give Q_(x, '') for a fraction."),
                (*around(100.0 * K51_MG_PER_G["mitragynine"] / others, 0.01), "You divided "
                 "mitragynine by the *other* alkaloids only; divide by the total, mitragynine "
                 "included."),
                (*around(K51_MG_PER_G["mitragynine"] / 10.0, 0.02), "That is mitragynine's "
                 "share of the leaf's *weight* (mg/g / 10). The exercise asks for its share of "
                 "the quantified alkaloids."),
            ],
        },
        "01.3": {
            "title": "Which study could show that a product works?",
            "kind": "choice",
            "choice": HERB_X_CAUSAL,
            "options": list(HERB_X_STUDIES),
            "format": "one study letter as a string: 'A', 'B', 'C' or 'D'",
            "hint": "Re-read '5. How to weigh a claim' in lesson 01: which study compares "
            "people who took the product with people who did not, with chance deciding who took "
            "it and nobody knowing who took which?",
            "explain": "Random allocation makes the groups alike in everything but the product, "
            "and placebo plus blinding remove expectation: only then can a difference be put "
            "down to the product.",
            "choice_mistakes": [
                ("A", "A survey of buyers: they chose the product, they report their own sleep, "
                 "and there is no comparison group."),
                ("C", "Case reports: no comparison group, and sleep problems often improve "
                 "without any treatment."),
                ("D", "There is a comparison group, but people chose whether to take Herb X: the "
                 "two groups can differ in many other ways (confounding), and nobody was blinded."),
            ],
        },
        "01.4": {
            "title": "How much does the content vary between shop products?",
            "kind": "quantity",
            "unit": "",
            "value": highest / lowest,
            "tolerance": {"rel": 0.02},
            "format": "a plain number (a ratio, no unit); tolerance +/- 2 %",
            "hint": "Re-read '1. The plant and what is in it' in lesson 01: keep the rows of the "
            "Chicago-area shop survey for mitragynine, then divide the 'max' value by the 'min' "
            "value.",
            "explain": "Eight products of different kinds bought in shops differed about "
            "sixteenfold in mitragynine: the label does not tell the dose.",
            "mistakes": [
                (*around(highest - lowest, 0.01), "That is the difference in mg/g; the exercise "
                 "asks how many *times* the highest is the lowest (a ratio)."),
                (*around(lowest / highest, 0.03), "The ratio is upside down: divide the highest "
                 "by the lowest."),
                (*around(us_ratio, 0.02), "You used the survey of US commercial products and "
                 "plants; use the 8 Chicago-area shop products."),
            ],
        },
    }
