"""Pharmacokinetic models: analytic solutions of linear compartment models.

Every function is a pure numpy function: arguments broadcast against each other, so one call can
evaluate a whole population (parameters shaped ``(n_subjects, 1)``) on a time grid shaped
``(n_times,)`` and return an ``(n_subjects, n_times)`` array.

Units are in the argument names: doses in mg, volumes in L, times in h, rate constants in 1/h,
clearances in L/h. Concentrations come back in **mg/L** (numerically equal to ug/mL); multiply
by 1000 (``mg_per_l_to_ng_per_ml``) for ng/mL, the unit the kratom studies report, or use
``to_nmol_per_l`` for nmol/L (nM) with a compound's molar mass from ``data/``.

Sources for the equations (standard textbook results):
- Rowland M, Tozer TN. *Clinical Pharmacokinetics and Pharmacodynamics: Concepts and
  Applications*, 4th ed. Lippincott Williams & Wilkins, 2011 (one-compartment models,
  accumulation, time to steady state).
- Gibaldi M, Perrier D. *Pharmacokinetics*, 2nd ed. Marcel Dekker, 1982 (Bateman function,
  multiple dosing by superposition and its closed form, metabolite kinetics).
- Bateman H. The solution of a system of differential equations occurring in the theory of
  radioactive transformations. Proc Cambridge Philos Soc 1910;15:423-427.

Every analytic solution here is checked against a numerical ODE solution
(``scipy.integrate.solve_ivp``) in ``tests/unit/test_pk.py``.

Invalid inputs raise ``ValueError`` naming the argument rather than returning NaN or a negative
concentration: NaN or infinite values, strings, None, bools, arrays that do not broadcast,
negative doses or times since the first dose, zero or negative volumes, clearances, rate
constants, half-lives or dosing intervals, F outside (0, 1], fractions outside [0, 1], and a
number of doses that is not a whole number from 1 to 10,000 (``pharmacourse._validate``). Times
before a dose (t < 0) are valid and give 0. Results are finite for every valid input.

The functions live in topic modules (``relations``: rate constant, half-life, clearance, volume,
binding; ``conversions``: concentration units; ``single_dose``; ``repeated``: multiple doses and
steady state; ``metabolites``). Every public name is re-exported here, so
``pk.one_compartment_oral(...)`` and ``from pharmacourse.pk import ...`` work as before.
"""

from __future__ import annotations

from pharmacourse.pk.changing import multiple_dose_oral_ke_change
from pharmacourse.pk.conversions import mg_per_l_to_ng_per_ml, to_nmol_per_l
from pharmacourse.pk.metabolites import parent_metabolite_oral
from pharmacourse.pk.relations import (
    LN2,
    auc_inf_mg_h_per_l,
    clearance_l_per_h,
    elimination_rate_constant_per_h,
    fraction_unbound_from_percent_bound,
    half_life_h,
    unbound_concentration,
    volume_l,
)
from pharmacourse.pk.repeated import (
    accumulation_ratio,
    average_steady_state_conc_mg_per_l,
    fraction_of_steady_state,
    loading_dose_mg,
    multiple_dose_oral,
    multiple_dose_oral_superposition,
    peak_trough_fluctuation,
    steady_state_iv_bolus,
    steady_state_oral,
    time_to_fraction_of_steady_state_h,
)
from pharmacourse.pk.single_dose import one_compartment_iv_bolus, one_compartment_oral

__all__ = [
    "LN2",
    "accumulation_ratio",
    "auc_inf_mg_h_per_l",
    "average_steady_state_conc_mg_per_l",
    "clearance_l_per_h",
    "elimination_rate_constant_per_h",
    "fraction_of_steady_state",
    "fraction_unbound_from_percent_bound",
    "half_life_h",
    "loading_dose_mg",
    "mg_per_l_to_ng_per_ml",
    "multiple_dose_oral",
    "multiple_dose_oral_ke_change",
    "multiple_dose_oral_superposition",
    "one_compartment_iv_bolus",
    "one_compartment_oral",
    "parent_metabolite_oral",
    "peak_trough_fluctuation",
    "steady_state_iv_bolus",
    "steady_state_oral",
    "time_to_fraction_of_steady_state_h",
    "to_nmol_per_l",
    "unbound_concentration",
    "volume_l",
]
