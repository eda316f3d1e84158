"""Answer keys of lesson 01, Kratom and the evidence (exercises 01.1-01.6).

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
  Funding (01.6): data/references.csv notes Huestis 2024 as funded by Johnson Foods LLC (a
    company) and Henningfield 2022 by the American Kratom Foundation (a foundation).
  Study designs (01.5) are read from each paper's title and methods: Vicknasingam 2020 (Yale J
    Biol Med 93(2):229-38, PMID 32607084) is randomised, double-blind and placebo-controlled;
    Tanna 2023 gave kratom to all participants in a fixed sequence; Smith 2024 observed usual
    doses; Matsumoto 2004 is in mice; Grundmann 2017 a survey; Kiyokawa 2023 case reports.
The odds ratio of 01.2 is written out as (p1 / (1 - p1)) / (p0 / (1 - p0)).
"""

from __future__ import annotations

from _keylib import around

NSDUH_PAST_YEAR_PCT = 0.7
CROWD_PAST_YEAR_PCT = 6.7
CROWD_LIFETIME_PCT = 11.1
NMURX_PAST_YEAR_PCT = 0.8
K51_MG_PER_G = {"mitragynine": 19.48, "speciogynine": 3.18, "mitraciliatine": 0.647,
                "speciociliatine": 5.12, "paynantheine": 5.86, "isopaynantheine": 0.512}
K51_7OH_LOQ_MG_PER_G = 0.124
COMPANY_FUNDED_REFERENCE = "huestis2024"  # note in data/references.csv: Johnson Foods LLC
RCT_AMONG_CANDIDATES = "vicknasingam2020"  # randomised, placebo-controlled, double-blind
CANDIDATES_01_5 = ("matsumoto2004", "tanna2023", "smith2024_obs", "grundmann2017",
                   "vicknasingam2020", "kiyokawa2023")


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 01, before encoding (see solutions/README.md)."""
    ratio = CROWD_PAST_YEAR_PCT / NSDUH_PAST_YEAR_PCT  # 9.571

    def odds(pct: float) -> float:
        return (pct / 100.0) / (1.0 - pct / 100.0)

    r_needed = odds(CROWD_PAST_YEAR_PCT) / odds(NSDUH_PAST_YEAR_PCT)  # 10.19
    total = sum(K51_MG_PER_G.values())  # 34.799 mg/g of quantified alkaloids
    mg_share_pct = 100.0 * K51_MG_PER_G["mitragynine"] / total  # 55.98 %
    others = total - K51_MG_PER_G["mitragynine"]
    surveys = ["NSDUH 2019", "NSDUH 2019 (prescription opioid use disorder subgroup)",
               "NMURx online panel", "crowdsourced online sample",
               "residential treatment programme"]
    candidates_01_5 = list(CANDIDATES_01_5)
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
            "title": "How much over-recruitment?",
            "kind": "quantity",
            "unit": "",
            "value": r_needed,
            "tolerance": {"rel": 0.02},
            "format": "a plain number (a ratio, no unit); tolerance +/- 2 %",
            "hint": "Re-read 'Explore: how much selection does it take?' in lesson 01: r is the "
            "ratio of the odds, odds = p / (1 - p), with p as a fraction (6.7 % = 0.067).",
            "explain": "Close to the plain ratio of the percentages, because both are small; for "
            "common outcomes odds and proportions part ways.",
            "mistakes": [
                (*around(ratio, 0.015), "That is the plain ratio of the percentages. The "
                 "recruitment ratio is the ratio of the *odds*, p / (1 - p)."),
                (*around(1.0 / r_needed, 0.03), "The ratio is upside down: the crowdsourced odds "
                 "go on top."),
                (*around(odds(CROWD_LIFETIME_PCT) / odds(NSDUH_PAST_YEAR_PCT), 0.02), "You used "
                 "the crowdsourced *lifetime* estimate; use its past-year estimate."),
            ],
        },
        "01.3": {
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
        "01.4": {
            "title": "Which estimate is closest to NSDUH's?",
            "kind": "choice",
            "choice": "NMURx online panel",
            "options": surveys,
            "format": "one survey name as a string: " + ", ".join(repr(s) for s in surveys),
            "hint": "Re-read the bar chart of '3. Who uses kratom?' in lesson 01: find the bar "
            "whose length is closest to the NSDUH 2019 bar (not NSDUH 2019 itself).",
            "explain": "A volunteer panel weighted to resemble the population lands close to the "
            "probability survey; unweighted convenience samples do not.",
            "choice_mistakes": [
                ("NSDUH 2019 (prescription opioid use disorder subgroup)", "Same survey, but a "
                 "subgroup: its bar is among the longest. Compare bar lengths, not names."),
                ("crowdsourced online sample", "Its bar is about ten times longer than NSDUH's. "
                 "Look for the bar nearest in length."),
                ("NSDUH 2019", "That is the reference itself; pick the *other* estimate closest "
                 "to it."),
            ],
        },
        "01.6": {
            "title": "Which study was paid for by a company?",
            "kind": "choice",
            "choice": COMPANY_FUNDED_REFERENCE,
            "options": [],
            "format": "one reference id as a string, e.g. 'tanna2022'",
            "hint": "Re-read '6. Who paid?' in lesson 01: filter refs on the note column with "
            "refs['note'].str.contains('Funded', na=False) and read who funded each.",
            "explain": "Worth reading closely, not dismissing: judge its methods (randomised, "
            "double-blind, placebo-controlled) and check it against independent studies.",
            "choice_mistakes": [
                ("henningfield2022", "That study was funded by the American Kratom Foundation, a "
                 "foundation, not a company."),
                ("tanna2022", "Tanna 2022 has no funding note in the references table. Filter "
                 "the note column for 'Funded'."),
            ],
        },
        "01.5": {
            "title": "Which study is a randomised, placebo-controlled trial?",
            "kind": "choice",
            "choice": RCT_AMONG_CANDIDATES,
            "options": candidates_01_5,
            "format": "one study id as a string: " + ", ".join(repr(c) for c in candidates_01_5),
            "hint": "Re-read '5. How to weigh a claim' in lesson 01 and read each title: which "
            "one says that participants were randomised and compared with a placebo?",
            "explain": "The only placebo-controlled human study of kratom and pain: small, in "
            "regular users, one preparation, one laboratory pain test.",
            "choice_mistakes": [
                ("tanna2023", "A clinical study in people, but every participant received "
                 "kratom in a fixed sequence: no randomisation and no placebo."),
                ("smith2024_obs", "People were observed after their usual dose: no placebo and "
                 "no randomisation."),
                ("matsumoto2004", "Controlled, but in mice: an animal study."),
                ("grundmann2017", "An online survey: self-report, no comparison group."),
                ("kiyokawa2023", "Case reports: no comparison group at all."),
            ],
        },
    }
