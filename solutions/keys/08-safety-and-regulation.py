"""Answer keys of lesson 08, Safety, toxicology and regulation (exercises 08.1-08.5).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library, pandas and ``_keylib`` (tests/unit/test_lesson_files.py
checks it). ``scripts/build_exercise_keys.py`` turns ``keys()`` into the registry the checks read.

Published numbers used below (cited as in data/references.csv):
    Post 2019 (Clin Toxicol 57(10):847-854, doi:10.1080/15563650.2019.1569236): 1,807 kratom
    exposures reported to US poison centres 2011-2017, 11 deaths, 2 after kratom-only exposure.
    Olsen 2019 (MMWR 68(14):326-327, doi:10.15585/mmwr.mm6814a2): 152 kratom-positive overdose
    deaths, 7 with kratom the only substance detected.
    Texas DSHS 2025 health alert: 122 (2023) and 107 (2024) kratom and 7-OH exposures reported to
    the Texas Poison Center Network, and 192 in 2025 up to 27 August.
The numbers are read from data/poison_center.csv with pandas (not through pharmacourse.data).
"""

from __future__ import annotations

import datetime

import pandas as pd
from _keylib import DATA_DIR, around

POISON = pd.read_csv(DATA_DIR / "poison_center.csv")

# --- exercise 08.3: a hypothetical population (numbers given in the exercise, all assumed) ------
EX08_3 = {"p_other": 0.10, "use_if_other": 0.15, "use_if_none": 0.01, "rr_other": 20.0,
          "rr_substance": 1.0}

# --- exercise 08.4: drawn by pharmacourse.exercise_figures.plot("08.4"), parameters hidden;
# the ceiling (emax_pct) is read first and may be seen, the EC50 is what is asked for ----------
EX08_4 = {"emax_pct": 35.0, "ec50_nm": 300.0, "hill": 1.1}


def _post(subset: str, measure: str) -> float:
    rows = POISON[(POISON["source_ids"] == "post2019") & (POISON["subset"] == subset)
                  & (POISON["measure"] == measure)]
    return float(rows["value"].iloc[0])


def _texas(year: int) -> float:
    rows = POISON[(POISON["source_ids"] == "texas_dshs2025") & (POISON["year_start"] == year)
                  & (POISON["subset"] == "kratom and 7-OH exposures")]
    return float(rows["value"].iloc[0])


def _crude_rr(p: dict[str, float]) -> float:
    """Risk of death (relative units) in users / non-users, strata written out by hand."""
    c, u1, u0 = p["p_other"], p["use_if_other"], p["use_if_none"]
    people_so, people_s = c * u1, (1 - c) * u0          # substance with / without other drugs
    people_o, people_n = c * (1 - u1), (1 - c) * (1 - u0)  # no substance, with / without others
    deaths_so = people_so * p["rr_other"] * p["rr_substance"]
    deaths_s = people_s * p["rr_substance"]
    deaths_o = people_o * p["rr_other"]
    deaths_n = people_n
    return ((deaths_so + deaths_s) / (people_so + people_s)) / (
        (deaths_o + deaths_n) / (people_o + people_n))


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 08, before encoding (see solutions/README.md)."""
    # 08.1: 2 kratom-only deaths of 11 deaths reported to poison centres = 18.2 %
    all_deaths = _post("all kratom exposures", "deaths")
    alone = _post("kratom-only exposures", "deaths")
    exposures = _post("all kratom exposures", "exposures")
    share_alone = 100.0 * alone / all_deaths

    # 08.2: 192 exposures in the first 239 days of 2025 (1 Jan - 27 Aug) -> x 365/239 per year
    days = datetime.date(2025, 8, 27).timetuple().tm_yday
    per_year_2025 = _texas(2025) * 365.0 / days
    ratio = per_year_2025 / _texas(2024)

    crude = _crude_rr(EX08_3)
    return {
        "08.1": {
            "title": "Deaths after kratom alone in poison-centre data",
            "kind": "quantity",
            "unit": "percent",
            "value": share_alone,
            "tolerance": {"abs": 0.3},
            "format": "a percentage (a plain number is read as %), e.g. 12.5; tolerance +/- 0.3",
            "hint": "Re-read section 3 of lesson 08 ('Deaths'): select the two 'deaths' rows of "
            "Post 2019 (subset 'all kratom exposures' and 'kratom-only exposures') and divide.",
            "explain": "About one in five deaths reported to poison centres followed kratom alone, "
            "a higher share than the 4.6 % of SUDORS: a different system, period and definition. "
            "Eleven deaths are too few for a precise share.",
            "mistakes": [
                (*around(100.0 * all_deaths / alone), "The ratio is upside down: kratom-only "
                 "deaths divided by all deaths."),
                (*around(100.0 * alone / exposures, 0.05), "You divided by all exposures; the "
                 "question asks for the share of the deaths."),
                (*around(100.0 * 7 / 152, 0.02), "That is the SUDORS share from the lesson "
                 "(Olsen 2019); use the poison-centre deaths of Post 2019."),
                (*around(alone / all_deaths, 0.05), "That is a fraction; give a percentage "
                 "(x 100)."),
            ],
        },
        "08.2": {
            "title": "Texas 2025: a partial year, annualised",
            "kind": "quantity",
            "unit": "",
            "value": ratio,
            "tolerance": {"rel": 0.03},
            "format": "a plain number (a ratio, no unit); tolerance +/- 3 %",
            "hint": "Re-read section 3 of lesson 08: the 2025 count covers 1 January to "
            "27 August only. Scale it to a full year (x 365 / days elapsed), then divide by 2024.",
            "explain": "If calls continued at the same pace, 2025 would have about 2.7 times the "
            "2024 count; but the concentrated 7-OH exposures came mostly in July-August, so a "
            "steady pace is itself an assumption.",
            "mistakes": [
                (*around(_texas(2025) / _texas(2024)), "You compared a partial year with a full "
                 "one: scale the 2025 count to 365 days first."),
                (*around(per_year_2025 / _texas(2023)), "You divided by the 2023 count; the "
                 "question asks for 2024."),
            ],
        },
        "08.3": {
            "title": "A harmless substance in a naive comparison",
            "kind": "quantity",
            "unit": "",
            "value": crude,
            "tolerance": {"rel": 0.02},
            "format": "a plain number (a risk ratio, no unit); tolerance +/- 2 %",
            "hint": "Re-read section 4 of lesson 08: epi.crude_risk_ratio takes p_other, "
            "use_if_other, use_if_none, rr_other and rr_substance.",
            "explain": "The substance does nothing here (true risk ratio 1), yet its users die "
            "almost five times as often: all of it is confounding by other drug use.",
            "mistakes": [
                (0.98, 1.02, "That is the true risk ratio you put in, not what a naive "
                 "comparison reports: compute the crude ratio."),
                (*around(EX08_3["use_if_other"] / EX08_3["use_if_none"]), "That is how much "
                 "more common the substance is among people using other drugs, not a risk ratio."),
                (*around(EX08_3["rr_other"]), "That is the risk ratio of the other drugs."),
            ],
        },
        "08.4": {
            "title": "Read the ceiling of drug Z, then its EC50",
            "kind": "quantity",
            "unit": "nM",
            "value": EX08_4["ec50_nm"],
            "tolerance": {"rel": 0.2},
            "format": "a concentration in nM (a plain number is read as nM), or a quantity such as "
            "'x uM'; tolerance +/- 20 %",
            "hint": "Re-read section 2 of lesson 08 and the ceiling in lesson 03: read the ceiling "
            "(where the curve flattens, y axis), halve it, and read the concentration at which the "
            "curve crosses that half (x axis, log scale).",
            "explain": "Drug Z's ceiling is well above zero and its EC50 is the concentration for "
            "half of that ceiling, not for half of the system maximum: a partial agonist never "
            "reaches 50 % of the system here. Capped is not absent.",
            "mistakes": [
                (*around(EX08_4["emax_pct"], 0.15), "That looks like the ceiling (in %, y axis). "
                 "Now halve it and read the concentration (x axis) where the curve crosses it."),
                (5000.0, 100000.0, "That is where the curve reaches its ceiling; the EC50 is where "
                 "it reaches half of the ceiling."),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {"08.4": {"kind": "emax", **EX08_4}}
