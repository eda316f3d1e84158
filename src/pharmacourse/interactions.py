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

__all__ = [
    "GUT_VOLUME_ML",
    "auc_ratio_mechanistic_static",
    "gut_concentration_um",
    "k_obs_per_min",
    "r_value_reversible",
    "r_value_time_dependent",
]

Array = NDArray[np.float64]

#: Volume used for the intestinal luminal concentration, [I]_gut = Dose / 250 mL (FDA 2020).
GUT_VOLUME_ML = 250.0


def _nonneg(name: str, value: ArrayLike) -> Array:
    arr = np.asarray(value, dtype=float)
    if np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return arr


def _positive(name: str, value: ArrayLike) -> Array:
    arr = np.asarray(value, dtype=float)
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be positive, got {value!r}")
    return arr


def _fraction(name: str, value: ArrayLike) -> Array:
    arr = np.asarray(value, dtype=float)
    if np.any((arr < 0) | (arr > 1)):
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
    return arr


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
    return (_nonneg("dose", dose_mg) / _positive("molar mass", molar_mass_g_per_mol)
            / (_positive("volume", volume_ml) / 1000.0) * 1000.0)


def r_value_reversible(inhibitor_um: ArrayLike, ki_um: ArrayLike) -> Array:
    """Basic static model for reversible inhibition: R1 = 1 + [I] / Ki (dimensionless).

    Use the unbound systemic or hepatic inlet concentration for R1 (guidance cut-off 1.02) or
    [I]_gut for R1,gut (cut-off 11).

    Args:
        inhibitor_um: inhibitor concentration (uM).
        ki_um: reversible inhibition constant Ki (uM); from an IC50 see
            ``pharmacourse.pd.cheng_prusoff_ki``.
    """
    return 1.0 + _nonneg("[I]", inhibitor_um) / _positive("Ki", ki_um)


def k_obs_per_min(inhibitor_um: ArrayLike, kinact_per_min: ArrayLike, ki_um: ArrayLike) -> Array:
    """Observed inactivation rate of an enzyme by a time-dependent inhibitor (1/min).

    Equation: k_obs = kinact [I] / (KI + [I]).

    Args:
        inhibitor_um: inhibitor concentration (uM).
        kinact_per_min: maximal inactivation rate constant (1/min).
        ki_um: KI, the concentration giving half of kinact (uM).
    """
    i = _nonneg("[I]", inhibitor_um)
    return _nonneg("kinact", kinact_per_min) * i / (_positive("KI", ki_um) + i)


def r_value_time_dependent(
    inhibitor_um: ArrayLike, kinact_per_min: ArrayLike, ki_um: ArrayLike, kdeg_per_min: ArrayLike
) -> Array:
    """Basic static model for time-dependent inhibition: R2 = (k_obs + kdeg) / kdeg.

    The ratio of the enzyme's turnover with and without the inactivator. Guidance may scale the
    inhibitor concentration before this step; pass the concentration you intend to use.

    Args:
        inhibitor_um: inhibitor concentration (uM).
        kinact_per_min: maximal inactivation rate constant (1/min).
        ki_um: KI (uM).
        kdeg_per_min: the enzyme's natural degradation rate constant (1/min).
    """
    kdeg = _positive("kdeg", kdeg_per_min)
    return (k_obs_per_min(inhibitor_um, kinact_per_min, ki_um) + kdeg) / kdeg


def _organ_term(
    inhibitor_um: ArrayLike,
    ki_um: ArrayLike | None,
    kinact_per_min: ArrayLike | None,
    ki_tdi_um: ArrayLike | None,
    kdeg_per_min: ArrayLike | None,
    d_emax: ArrayLike | None,
    ec50_um: ArrayLike | None,
) -> Array:
    """A * B * C for one organ (1 when the organ sees no inhibitor)."""
    i = _nonneg("[I]", inhibitor_um)
    a = np.ones_like(i)
    if kinact_per_min is not None:
        if ki_tdi_um is None or kdeg_per_min is None:
            raise ValueError("time-dependent inhibition needs kinact, KI and kdeg together")
        kdeg = _positive("kdeg", kdeg_per_min)
        a = kdeg / (kdeg + k_obs_per_min(i, kinact_per_min, ki_tdi_um))
    b = 1.0 / r_value_reversible(i, ki_um) if ki_um is not None else np.ones_like(i)
    c = np.ones_like(i)
    if d_emax is not None:
        if ec50_um is None:
            raise ValueError("induction needs d*Emax and EC50 together")
        c = 1.0 + np.asarray(d_emax, float) * i / (i + _positive("EC50", ec50_um))
    return a * b * c


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
        Predicted AUC ratio (dimensionless), >= 1 for pure inhibition.
    """
    fm_arr = _fraction("fm", fm)
    fg_arr = _fraction("Fg", fg)
    gut = _organ_term(inhibitor_gut_um, ki_um, kinact_per_min, ki_tdi_um,
                      kdeg_gut_per_min, d_emax, ec50_um)
    liver = _organ_term(inhibitor_liver_um, ki_um, kinact_per_min, ki_tdi_um,
                        kdeg_liver_per_min, d_emax, ec50_um)
    return 1.0 / (gut * (1.0 - fg_arr) + fg_arr) * 1.0 / (liver * fm_arr + (1.0 - fm_arr))
