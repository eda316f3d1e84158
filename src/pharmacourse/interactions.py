"""Drug-drug interaction (DDI) predictions with static models, as in regulatory DDI guidance.

A precipitant (here mitragynine) inhibits an enzyme (CYP3A, CYP2D6) that clears an object drug
(midazolam, dextromethorphan). Static models predict the object drug's AUC ratio (with / without
the precipitant) from one inhibitor concentration:

- basic reversible inhibition: R1 = 1 + [I] / Ki, with the gut concentration
  [I]_gut = Dose / 250 mL (``gut_concentration_um``);
- basic time-dependent inhibition (TDI): R2 = (k_obs + kdeg) / kdeg,
  k_obs = kinact [I] / (KI + [I]);
- mechanistic static model: AUCR = 1 / (A_g B_g C_g (1 - Fg) + Fg) * 1 / (A_h B_h C_h fm + 1 - fm)
  with A = kdeg / (kdeg + k_obs) (TDI), B = 1 / (1 + [I] / Ki) (reversible) and
  C = 1 + d Emax [I] / ([I] + EC50) (induction; 1 when not given), separately for the gut (g)
  and the liver (h).

Concentrations in uM (umol/L), rate constants in 1/min, doses in mg, molar masses in g/mol.
kinact and kdeg must share a time unit (1/min here): kdeg is often quoted per hour (divide by 60).

Which concentration goes in is the caller's choice; the regulatory conventions (FDA 2020; ICH M12
2024) are: unbound Imax,u with an unbound Ki,u for hepatic R1 (cut-off 1.02, i.e. Imax,u = Ki,u /
50); total Dose / 250 mL for R1,gut (cut-off 11); 50 x Imax,u for R2 in FDA 2020 (5 x Imax,u in
ICH M12; cut-off 1.25); and, in the mechanistic model, the unbound hepatic inlet concentration
for the liver and Fa ka Dose / Qg for the gut wall.

Sources: US FDA. *In Vitro Drug Interaction Studies - Cytochrome P450 Enzyme- and
Transporter-Mediated Drug Interactions. Guidance for Industry*, January 2020 (basic and
mechanistic static models). The kratom figures come from
a review's Table 5 (Drug Metab Dispos 2023;51(8):923-935, doi:10.1124/dmd.122.001005): gut R of
71 for mitragynine at CYP3A with [I]_gut about 400 uM and Ki = IC50 / 2 = 5.7 uM.

Caveat taught in lesson 06: the static model predicted a 5.7-fold midazolam AUC rise for a 2 g
kratom dose (Tanna 2021); the clinical study observed 1.39-fold (Tanna 2023).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive

__all__ = [
    "GUT_VOLUME_ML",
    "auc_ratio_from_fm",
    "auc_ratio_mechanistic_static",
    "gut_concentration_um",
    "k_obs_per_min",
    "r_value_reversible",
    "r_value_time_dependent",
]

Array = NDArray[np.float64]

#: Volume used for the intestinal luminal concentration, [I]_gut = Dose / 250 mL (FDA 2020).
GUT_VOLUME_ML = 250.0


@_checked
def gut_concentration_um(
    dose_mg: ArrayLike, molar_mass_g_per_mol: float, volume_ml: float = GUT_VOLUME_ML
) -> Array:
    """Intestinal luminal inhibitor concentration, [I]_gut = Dose / 250 mL, in uM.

    Equation: [I]_gut [uM] = Dose [mg] / M [g/mol] / V [L] * 1000 (mg / (g/mol) = mmol).
    For 39 mg mitragynine (M 398.5 g/mol): about 390 uM.

    Args:
        dose_mg: oral dose of the inhibitor (mg).
        molar_mass_g_per_mol: its molar mass (g/mol), e.g. ``pharmacourse.data.molar_mass``.
        volume_ml: luminal volume (mL), 250 by convention.
    """
    return (_nonneg("dose_mg", dose_mg) / _positive("molar_mass_g_per_mol", molar_mass_g_per_mol)
            / (_positive("volume_ml", volume_ml) / 1000.0) * 1000.0)


@_checked
def r_value_reversible(inhibitor_um: ArrayLike, ki_um: ArrayLike) -> Array:
    """Basic static model for reversible inhibition: R1 = 1 + [I] / Ki (dimensionless).

    The function takes whatever [I] it is given; the FDA 2020 conventions are:

    - hepatic R1 = 1 + Imax,u / Ki,u: Imax,u the unbound maximal (steady-state, highest dose)
      plasma concentration, Ki,u the Ki corrected for nonspecific binding in the incubation;
      cut-off 1.02, i.e. an interaction is flagged when Imax,u > Ki,u / 50;
    - R1,gut = 1 + Igut / Ki,u with the total (not unbound) Igut = Dose / 250 mL
      (``gut_concentration_um``), for orally given CYP3A inhibitors; cut-off 11.

    Using the unbound hepatic inlet concentration instead of Imax,u (as the DMD 2023 review's
    Table 5 does) is more conservative (higher R1). A total plasma concentration with a Ki,u would
    overstate R1 by 1 / fu.

    Args:
        inhibitor_um: inhibitor concentration (uM), >= 0.
        ki_um: reversible inhibition constant Ki (uM), > 0; from an IC50 see
            ``pharmacourse.pharmacodynamics.cheng_prusoff_ki``.
    """
    return 1.0 + _nonneg("inhibitor_um", inhibitor_um) / _positive("ki_um", ki_um)


@_checked
def k_obs_per_min(inhibitor_um: ArrayLike, kinact_per_min: ArrayLike, ki_um: ArrayLike) -> Array:
    """Observed inactivation rate of an enzyme by a time-dependent inhibitor (1/min).

    Equation: k_obs = kinact [I] / (KI + [I]).

    Args:
        inhibitor_um: inhibitor concentration (uM), >= 0 (unbound, with an unbound KI,u).
        kinact_per_min: maximal inactivation rate constant (1/min), >= 0.
        ki_um: KI, the concentration giving half of kinact (uM), > 0.
    """
    i = _nonneg("inhibitor_um", inhibitor_um)
    return _nonneg("kinact_per_min", kinact_per_min) * i / (_positive("ki_um", ki_um) + i)


@_checked
def r_value_time_dependent(
    inhibitor_um: ArrayLike, kinact_per_min: ArrayLike, ki_um: ArrayLike, kdeg_per_min: ArrayLike
) -> Array:
    """Basic static model for time-dependent inhibition: R2 = (k_obs + kdeg) / kdeg.

    k_obs = kinact [I] / (KI + [I]). The ratio of the enzyme's turnover with and without the
    inactivator. The concentration is used as given, not scaled: FDA 2020 uses
    [I] = 50 x Imax,u (unbound Cmax) with an unbound KI,u, ICH M12 (2024) 5 x Imax,u; cut-off
    1.25. Multiply before the call, e.g. ``r_value_time_dependent(50 * imax_u, ...)``.

    Units: kinact and kdeg must be in the same unit (here 1/min). kdeg is often quoted per hour
    (about 0.02-0.03 per hour for CYP3A, half-lives of about 1-1.5 days; liver CYP3A4 models use
    1-6 days, mean 3, Galetin 2006, doi:10.1124/dmd.105.006874): divide it by 60,
    or R2 comes out 60 times too small.

    Args:
        inhibitor_um: inhibitor concentration (uM), >= 0.
        kinact_per_min: maximal inactivation rate constant (1/min), >= 0.
        ki_um: KI (uM), > 0.
        kdeg_per_min: the enzyme's natural degradation rate constant (1/min), > 0.
    """
    kdeg = _positive("kdeg_per_min", kdeg_per_min)
    return (k_obs_per_min(inhibitor_um, kinact_per_min, ki_um) + kdeg) / kdeg


def _organ_term(
    i: Array,
    ki_um: Array | None,
    kinact_per_min: Array | None,
    ki_tdi_um: Array | None,
    kdeg: Array | None,
    d_emax: Array | None,
    ec50_um: Array | None,
) -> Array:
    """A * B * C for one organ (1 when the organ sees no inhibitor); arguments already checked."""
    a = np.ones_like(i)
    if kinact_per_min is not None:
        a = kdeg / (kdeg + kinact_per_min * i / (ki_tdi_um + i))
    b = 1.0 / (1.0 + i / ki_um) if ki_um is not None else np.ones_like(i)
    c = 1.0 + d_emax * i / (i + ec50_um) if d_emax is not None else np.ones_like(i)
    return a * b * c


@_checked
def auc_ratio_mechanistic_static(
    fm: ArrayLike,
    fg: ArrayLike,
    inhibitor_gut_um: ArrayLike,
    inhibitor_liver_um: ArrayLike,
    ki_um: ArrayLike | None = None,
    kinact_per_min: ArrayLike | None = None,
    ki_tdi_um: ArrayLike | None = None,
    kdeg_gut_per_min: ArrayLike | None = None,
    kdeg_liver_per_min: ArrayLike | None = None,
    d_emax: ArrayLike | None = None,
    ec50_um: ArrayLike | None = None,
) -> Array:
    """Object-drug AUC ratio from the mechanistic static model (gut and liver terms).

    Equation:
        AUCR = 1 / (A_g B_g C_g (1 - Fg) + Fg) * 1 / (A_h B_h C_h fm + (1 - fm))
        A = kdeg / (kdeg + kinact [I] / (KI + [I]))   time-dependent inhibition
        B = 1 / (1 + [I] / Ki)                         reversible inhibition
        C = 1 + d Emax [I] / ([I] + EC50)              induction

    FDA 2020 uses [I]_h = the unbound hepatic inlet concentration and [I]_g = Fa ka Dose / Qg
    (Qg, the enterocyte blood flow, about 18 L/h); Dose / 250 mL is the basic model's luminal
    concentration and, used for [I]_g, overstates the gut-wall inhibition.

    Args:
        fm: fraction of the object drug's clearance by the inhibited enzyme (0-1).
        fg: fraction of the object drug escaping gut-wall metabolism without inhibitor (0-1).
        inhibitor_gut_um: inhibitor concentration at the gut enzyme (uM).
        inhibitor_liver_um: unbound inhibitor concentration at the liver enzyme (uM).
        ki_um: reversible Ki (uM); None for no reversible component.
        kinact_per_min, ki_tdi_um: TDI parameters (1/min, uM); None for no TDI.
        kdeg_gut_per_min, kdeg_liver_per_min: enzyme degradation rate constants in gut and
            liver (1/min), needed with TDI.
        d_emax, ec50_um: induction scaling and EC50 (uM); None for no induction.

    Returns:
        Predicted AUC ratio (dimensionless), >= 1 for pure inhibition, < 1 for pure induction.

    Raises:
        ValueError: no mechanism given (no Ki, kinact or d*Emax), a mechanism's parameters given
            incompletely, or an invalid (NaN, negative, out of range) input.
    """
    if ki_um is None and kinact_per_min is None and d_emax is None:
        raise ValueError("no mechanism given: pass ki_um (reversible), kinact_per_min with "
                         "ki_tdi_um and kdeg (time-dependent) and/or d_emax with ec50_um "
                         "(induction)")
    tdi = (kinact_per_min, ki_tdi_um, kdeg_gut_per_min, kdeg_liver_per_min)
    if any(x is not None for x in tdi) and any(x is None for x in tdi):
        raise ValueError("time-dependent inhibition needs kinact_per_min, ki_tdi_um, "
                         "kdeg_gut_per_min and kdeg_liver_per_min together")
    if (d_emax is None) != (ec50_um is None):
        raise ValueError("induction needs d_emax and ec50_um together")
    fm_arr = _fraction("fm", fm)
    fg_arr = _fraction("fg", fg)
    i_gut = _nonneg("inhibitor_gut_um", inhibitor_gut_um)
    i_liver = _nonneg("inhibitor_liver_um", inhibitor_liver_um)
    checks = {"ki_um": _positive, "kinact_per_min": _nonneg, "ki_tdi_um": _positive,
              "kdeg_gut_per_min": _positive, "kdeg_liver_per_min": _positive,
              "d_emax": _nonneg, "ec50_um": _positive}
    given = {"ki_um": ki_um, "kinact_per_min": kinact_per_min, "ki_tdi_um": ki_tdi_um,
             "kdeg_gut_per_min": kdeg_gut_per_min, "kdeg_liver_per_min": kdeg_liver_per_min,
             "d_emax": d_emax, "ec50_um": ec50_um}
    v = {name: None if value is None else checks[name](name, value)
         for name, value in given.items()}
    gut = _organ_term(i_gut, v["ki_um"], v["kinact_per_min"], v["ki_tdi_um"],
                      v["kdeg_gut_per_min"], v["d_emax"], v["ec50_um"])
    liver = _organ_term(i_liver, v["ki_um"], v["kinact_per_min"], v["ki_tdi_um"],
                        v["kdeg_liver_per_min"], v["d_emax"], v["ec50_um"])
    return 1.0 / (gut * (1.0 - fg_arr) + fg_arr) * 1.0 / (liver * fm_arr + (1.0 - fm_arr))


@_checked
def auc_ratio_from_fm(fm: ArrayLike, activity_fold_reduction: ArrayLike) -> Array:
    """AUC ratio of a drug when the enzyme clearing the fraction ``fm`` of it loses activity.

    Equation: AUCR = 1 / (fm / X + (1 - fm)), X the fold reduction of the enzyme's activity
    (X = 1: no change; X -> infinity: that pathway blocked, AUCR -> 1 / (1 - fm)). The liver
    term of the mechanistic static model with the inhibition written as one number; clearance
    and the elimination rate constant fall by the same factor (volume unchanged).

    Args:
        fm: fraction of the drug's clearance through the inhibited enzyme (0-1).
        activity_fold_reduction: how many times lower the enzyme's activity is (>= 1).

    Raises:
        ValueError: fm outside 0-1, or a fold reduction below 1 (that would be induction).
    """
    x = _positive("activity_fold_reduction", activity_fold_reduction)
    if np.any(x < 1.0):
        raise ValueError("activity_fold_reduction must be >= 1 (1 = no inhibition); "
                         f"got {np.min(x)!r}")
    f = _fraction("fm", fm)
    return 1.0 / (f / x + (1.0 - f))
