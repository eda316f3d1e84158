"""Answer keys of lesson 03, Dose-response (exercises 03.1-03.5; 03.6 is written).

Computed independently of the solution notebook and of the package's models: this module
imports only the standard library and ``_keylib`` (tests/unit/test_lesson_files.py checks
it). ``scripts/build_exercise_keys.py`` turns ``keys()`` into the registry the checks read.

Published number, typed from the paper (cited as in data/references.csv):
  Obeng 2021 (J Pharmacol Exp Ther 376(3):410-27, doi:10.1124/jpet.120.000189): Emax of
    7-hydroxymitragynine 41.3 % in the [35S]GTPgammaS assay at the MOR.
The other values are the invented generic drugs stated in the exercises. Every equation is
written out here (Emax/Hill, operational Emax, Gaddum/Schild, probit), without
pharmacourse.pharmacodynamics.
"""

from __future__ import annotations

from _keylib import around

OBENG2021_7OH_EMAX_PCT = 41.3
EX03_1 = {"emax": 80.0, "ec50": 40.0, "n": 2.0, "c": 60.0}  # % , nM, -, nM
EX03_2 = {"emax": 60.0, "ec50": 300.0, "n": 1.5}  # hidden: drug Z of exercise_figures.plot("03.2")
EX03_4 = {"ec50": 3.0, "b": 50.0, "kb": 5.0}  # nM
EX03_5 = {"ed50": 8.0, "td50": 130.0, "slope": 2.5}  # hidden: mg/kg, exercise_figures.table("03.5")


def keys() -> dict[str, dict]:
    """Exercise keys of lesson 03, before encoding (see solutions/README.md)."""
    p1 = EX03_1
    effect = p1["emax"] * p1["c"] ** p1["n"] / (p1["ec50"] ** p1["n"] + p1["c"] ** p1["n"])
    effect_n1 = p1["emax"] * p1["c"] / (p1["ec50"] + p1["c"])  # Hill coefficient forgotten
    fraction_pct = 100.0 * effect / p1["emax"]  # forgot to multiply by Emax
    p2 = EX03_2
    # the classic slip: reading the concentration at 50 % effect instead of half of Emax (30 %):
    # Emax C^n / (EC50^n + C^n) = 50  <=>  C = EC50 * (50 / (Emax - 50))^(1/n)
    c_at_50pct = p2["ec50"] * (50.0 / (p2["emax"] - 50.0)) ** (1.0 / p2["n"])
    tau = OBENG2021_7OH_EMAX_PCT / (100.0 - OBENG2021_7OH_EMAX_PCT)  # Emax = 100 tau / (1 + tau)
    emax_10x = 100.0 * (10 * tau) / (1.0 + 10 * tau)
    p4 = EX03_4
    dr = 1.0 + p4["b"] / p4["kb"]
    ti = EX03_5["td50"] / EX03_5["ed50"]
    pct = "a percentage (a plain number is read as %), or a quantity such as '75 percent'"
    conc = ("a concentration in nM (a plain number is read as nM), or a quantity with units, "
            "e.g. Q_(x, 'uM') or the string 'x uM'")
    return {
        "03.1": {
            "title": "Effect from the Emax/Hill equation",
            "kind": "quantity",
            "unit": "percent",
            "value": effect,
            "tolerance": {"abs": 0.5},
            "format": pct + "; tolerance +/- 0.5 %",
            "hint": "Re-read 'The graded curve' in lesson 03: E = Emax x C^n / (EC50^n + C^n), "
            "with n = 2 here.",
            "explain": "With n = 2 the curve is steeper than with n = 1: 1.5 x EC50 already gives "
            "more than two thirds of Emax.",
            "mistakes": [
                (*around(effect_n1), "That is the answer for a Hill coefficient of 1. Raise C "
                 "and EC50 to the power n = 2."),
                (*around(fraction_pct), "That is the fraction of the drug's own maximum (in %). "
                 "Multiply by Emax = 80 % to get the effect on the system's scale."),
                (*around(effect / 100.0, 0.05), "That looks like a fraction read as percent: a "
                 "plain number is read in %, so give e.g. 42 for 42 %."),
            ],
        },
        "03.2": {
            "title": "Read the EC50 off a plot",
            "kind": "quantity",
            "unit": "nM",
            "value": p2["ec50"],
            "tolerance": {"rel": 0.10},
            "format": conc + "; tolerance +/- 10 %",
            "hint": "Re-read 'The graded curve' in lesson 03: the EC50 gives half of the drug's "
            "own maximum. Drug Z levels off at 60 %, so look for 30 %, then read the x axis.",
            "explain": "For a partial agonist, half of its own Emax lies below 50 % of the system "
            "maximum; reading at 50 % confuses potency with efficacy.",
            "mistakes": [
                (c_at_50pct * 0.85, c_at_50pct * 1.15, "You read the concentration at 50 % "
                 "effect. The EC50 is at half of drug Z's own maximum (60 % / 2 = 30 %)."),
                (25.0, 35.0, "That looks like an effect (%), not a concentration: read the x axis "
                 "below the point where the curve crosses 30 %."),
                (*around(p2["ec50"] / 1000.0, 0.1), "That looks like uM read as nM: give nM, or "
                 "a quantity with its unit such as '0.2 uM'."),
            ],
        },
        "03.3": {
            "title": "A partial agonist's maximum at two levels of receptor reserve",
            "kind": "quantity",
            "unit": "percent",
            "value": emax_10x,
            "tolerance": {"abs": 1.0},
            "format": pct + "; tolerance +/- 1 %",
            "hint": "Re-read 'Partial agonists and receptor reserve' in lesson 03: tau = Emax / "
            "(100 - Emax); ten times the receptors gives ten times tau; then Emax = 100 tau' / "
            "(1 + tau').",
            "explain": "In the operational model (an illustration, not a measurement) the same "
            "molecule reaches very different maxima in systems with different receptor numbers: "
            "efficacy is always measured in a system.",
            "mistakes": [
                (*around(OBENG2021_7OH_EMAX_PCT, 0.01), "That is the measured Emax in the assay; "
                 "the exercise asks for the model maximum with ten times the receptors."),
                (*around(10 * tau, 0.02), "That is tau' (about 7), not the maximum: Emax = 100 "
                 "tau' / (1 + tau')."),
                (99.5, 1000.0, "A maximum cannot exceed 100 % of the system maximum: multiply "
                 "tau, not Emax, by ten."),
                (*around(100.0 * (0.1 * tau) / (1.0 + 0.1 * tau), 0.03), "That is the maximum "
                 "with a tenth of the receptors; the exercise asks for ten times as many."),
                (*around(emax_10x / 100.0, 0.05), "That looks like a fraction read as percent: "
                 "give the maximum in %."),
            ],
        },
        "03.4": {
            "title": "Dose ratio and the shifted EC50",
            "kind": "quantity",
            "unit": "nM",
            "value": p4["ec50"] * dr,
            "tolerance": {"rel": 0.02},
            "format": conc + "; tolerance +/- 2 %",
            "hint": "Re-read section 4 of lesson 03, 'Competitive antagonism: a parallel shift' "
            "(no Schild plot needed): DR = "
            "1 + [B]/KB, and the new EC50 is EC50 x DR.",
            "explain": "The curve moves right by the dose ratio and keeps its maximum: enough "
            "agonist still reaches the full effect.",
            "mistakes": [
                (*around(p4["ec50"] * p4["b"] / p4["kb"]), "You forgot the 1 in DR = 1 + "
                 "[B]/KB (with no antagonist the ratio must be 1)."),
                (*around(dr, 0.01), "That is the dose ratio itself; multiply the EC50 (3 nM) by "
                 "it."),
                (*around(p4["ec50"] / dr), "The antagonist makes the agonist *less* potent: "
                 "multiply the EC50 by DR, do not divide."),
            ],
        },
        "03.5": {
            "title": "Therapeutic index from quantal data",
            "kind": "quantity",
            "unit": "",
            "value": ti,
            "tolerance": {"rel": 0.05},
            "format": "a plain number (a ratio, no unit); tolerance +/- 5 %",
            "hint": "Re-read 'Quantal curves and the therapeutic index' in lesson 03: TI = TD50 / "
            "ED50; find each as the dose where its column crosses 0.5.",
            "explain": "The table's doses are widely spaced, so interpolating on log10(dose) "
            "matters; a TI alone still hides how much the curves' tails overlap.",
            "mistakes": [
                (*around(1.0 / ti, 0.06), "Upside down: TI = TD50 / ED50, so a safer drug has a "
                 "larger index."),
                (EX03_5["td50"] * 0.85, EX03_5["td50"] * 1.15, "That looks like the TD50 itself "
                 "or TD50 - ED50; the therapeutic index is the ratio TD50 / ED50."),
                (EX03_5["ed50"] * 0.8, EX03_5["ed50"] * 1.2, "That looks like the ED50; divide "
                 "the TD50 by it."),
            ],
        },
    }


def figures() -> dict[str, dict]:
    """Hidden parameters of the read-the-plot figures (stored obfuscated in the package)."""
    return {
        "03.2": {"kind": "emax", "emax_pct": EX03_2["emax"], "ec50_nm": EX03_2["ec50"],
                 "hill": EX03_2["n"]},
        "03.5": {"kind": "quantal_table", **EX03_5},
    }
