"""Pharmacodynamic models: binding, concentration-effect, populations, antagonism, partial agonism.

All functions are numpy-vectorised and concentration units are free as long as a concentration
and its constant share one unit (nM with nM, mg/kg with mg/kg); effects carry the unit of
``emax`` (e.g. % of a reference agonist's maximum).

Sources:
- Hill AV. J Physiol 1910;40:iv-vii; Langmuir I. J Am Chem Soc 1918;40:1361-1403 (occupancy).
- Cheng Y, Prusoff WH. Biochem Pharmacol 1973;22:3099-3108 (IC50 to Ki).
- Arunlakshana O, Schild HO. Br J Pharmacol Chemother 1959;14:48-58 (Schild analysis; Gaddum's
  equation for the shift).
- Black JW, Leff P. Proc R Soc Lond B 1983;220:141-162 (operational model of agonism).
- Rang & Dale's Pharmacology (quantal dose-response, therapeutic index).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive

__all__ = [
    "cheng_prusoff_ki",
    "dose_for_fraction_responding",
    "dose_ratio",
    "emax_model",
    "occupancy",
    "operational_ec50",
    "operational_emax",
    "operational_model",
    "quantal_fraction_responding",
    "schild_shifted_ec50",
    "therapeutic_index",
    "tolerance_shifted_ec50",
]

Array = NDArray[np.float64]


def _receptor_fraction(value: ArrayLike) -> Array:
    q = _finite("receptor_fraction", value)
    if np.any((q < 0) | (q > 1)):
        raise ValueError(f"receptor_fraction must be between 0 and 1, got {value!r}")
    return q


@_checked
def occupancy(ligand: ArrayLike, kd: ArrayLike, hill: ArrayLike = 1.0) -> Array:
    """Fraction of receptors occupied at equilibrium (Hill-Langmuir equation).

    Equation: p = [L]^n / ([L]^n + Kd^n); with n = 1, p = [L] / ([L] + Kd), so p = 0.5 exactly at
    [L] = Kd (the definition of Kd).

    Args:
        ligand: free ligand concentration [L] (same unit as kd), >= 0.
        kd: equilibrium dissociation constant (or Ki), > 0.
        hill: Hill coefficient n (dimensionless, 1 for simple binding).

    Returns:
        Occupancy, between 0 and 1.
    """
    kd_arr = _positive("kd", kd)
    n = _positive("hill", hill)
    x = (_nonneg("ligand", ligand) / kd_arr) ** n
    return x / (1.0 + x)


@_checked
def emax_model(
    conc: ArrayLike, emax: ArrayLike, ec50: ArrayLike, hill: ArrayLike = 1.0, e0: ArrayLike = 0.0
) -> Array:
    """Graded concentration-effect relation (sigmoid Emax / Hill model).

    Equation: E = E0 + Emax * C^n / (EC50^n + C^n).

    Args:
        conc: concentration C (unit of ec50), >= 0.
        emax: maximal effect above baseline (unit of the effect): efficacy.
        ec50: concentration giving half of Emax (same unit as conc): potency.
        hill: steepness n (dimensionless).
        e0: baseline effect.

    Returns:
        Effect (unit of emax).
    """
    fraction = occupancy(_nonneg("conc", conc), _positive("ec50", ec50), hill)
    return _finite("e0", e0) + _finite("emax", emax) * fraction


@_checked
def quantal_fraction_responding(dose: ArrayLike, ed50: ArrayLike, slope: ArrayLike) -> Array:
    """Fraction of a population that shows an all-or-none response at a dose (probit model).

    Individual threshold doses are taken as log-normally distributed: log10(threshold) ~
    Normal(log10(ED50), sd = 1 / slope). Then
        fraction = Phi(slope * log10(dose / ED50)),
    Phi the standard normal distribution function. Half the population responds at ED50; the
    same function with TD50 (or LD50) gives the fraction with a toxic effect.

    Args:
        dose: dose (unit of ed50), >= 0.
        ed50: median effective (or toxic) dose, > 0.
        slope: probit slope per log10 unit of dose (> 0): the larger, the less variable the
            population.

    Returns:
        Fraction responding, 0 to 1.
    """
    ed = _positive("ed50", ed50)
    s = _positive("slope", slope)
    d = _nonneg("dose", dose)
    with np.errstate(divide="ignore"):
        z = s * np.log10(d / ed)
    from scipy.special import ndtr  # imported on first use: scipy.special costs ~0.5 s

    return ndtr(z)


@_checked
def dose_for_fraction_responding(fraction: ArrayLike, ed50: ArrayLike, slope: ArrayLike) -> Array:
    """Inverse of ``quantal_fraction_responding``: the dose at which a fraction responds.

    Equation: dose = ED50 * 10^(Phi^-1(fraction) / slope), e.g. ED99 and TD1 for the
    "certain safety factor" TD1 / ED99.
    """
    frac = _finite("fraction", fraction)
    if np.any((frac <= 0) | (frac >= 1)):
        raise ValueError(f"fraction must be strictly between 0 and 1, got {fraction!r}")
    from scipy.special import ndtri  # imported on first use

    return _positive("ed50", ed50) * 10.0 ** (ndtri(frac) / _positive("slope", slope))


@_checked
def therapeutic_index(td50: ArrayLike, ed50: ArrayLike) -> Array:
    """Therapeutic index TI = TD50 / ED50 (dimensionless; LD50 / ED50 in animal work).

    Taught on a generic example drug: no therapeutic index is established for kratom.
    """
    return _positive("td50", td50) / _positive("ed50", ed50)


@_checked
def cheng_prusoff_ki(ic50: ArrayLike, substrate: ArrayLike, km: ArrayLike) -> Array:
    """Inhibition constant from an IC50 (Cheng-Prusoff equation, competitive inhibition).

    Equation: Ki = IC50 / (1 + [S] / Km) (for a radioligand: [S] = [L*], Km = Kd of the
    radioligand). With [S] = Km, Ki = IC50 / 2, the assumption a DDI review uses for
    mitragynine (Table 5 of doi:10.1124/dmd.122.001005).

    Args:
        ic50: concentration inhibiting 50 % (unit of the result).
        substrate: substrate (or radioligand) concentration, same unit as km.
        km: Michaelis constant (or Kd of the radioligand).

    Returns:
        Ki, in the unit of ic50.
    """
    return _positive("ic50", ic50) / (1.0 + _nonneg("substrate", substrate) / _positive("km", km))


@_checked
def dose_ratio(antagonist: ArrayLike, kb: ArrayLike, schild_slope: ArrayLike = 1.0) -> Array:
    """Agonist dose ratio caused by a competitive antagonist (Gaddum/Schild equation).

    Equation: DR = 1 + ([B] / KB)^s, s the Schild slope (1 for simple competition), so
    log(DR - 1) = s log[B] - s log KB (the Schild plot). DR = 2 at [B] = KB whatever s, so the
    plot's x-intercept, pA2, is -log10 KB; only when s = 1 is KB the antagonist's equilibrium
    dissociation constant (pA2 = pKB). A slope far from 1 means the antagonism is not simple
    competition, and KB is then an empirical constant.

    Args:
        antagonist: antagonist concentration [B] (unit of kb), >= 0.
        kb: antagonist dissociation constant, > 0.
        schild_slope: s (dimensionless), > 0.
    """
    return 1.0 + (_nonneg("antagonist", antagonist) / _positive("kb", kb)) ** _positive(
        "schild_slope", schild_slope
    )


@_checked
def schild_shifted_ec50(
    ec50: ArrayLike, antagonist: ArrayLike, kb: ArrayLike, schild_slope: ArrayLike = 1.0
) -> Array:
    """EC50 of an agonist in the presence of a competitive antagonist: EC50' = EC50 * DR.

    The curve shifts right in parallel and keeps its maximum (surmountable antagonism).
    """
    return _positive("ec50", ec50) * dose_ratio(antagonist, kb, schild_slope)


@_checked
def tolerance_shifted_ec50(ec50: ArrayLike, fold_shift: ArrayLike) -> Array:
    """Tolerance as a rightward shift: EC50_tolerant = fold_shift * EC50 (fold_shift >= 1).

    For the other mechanism, loss of receptors, use ``operational_model`` with
    ``receptor_fraction`` < 1: for a partial agonist it lowers the maximum as well.
    """
    fold = _positive("fold_shift", fold_shift)
    if np.any(fold < 1):
        raise ValueError(f"tolerance shifts the curve right: fold_shift must be >= 1, got "
                         f"{fold_shift!r}")
    return _positive("ec50", ec50) * fold


@_checked
def operational_model(
    agonist: ArrayLike,
    ka: ArrayLike,
    tau: ArrayLike,
    em: ArrayLike = 100.0,
    n: ArrayLike = 1.0,
    receptor_fraction: ArrayLike = 1.0,
) -> Array:
    """Effect of an agonist in the operational model of Black and Leff (1983).

    Equation: E = Em * tau'^n [A]^n / ((KA + [A])^n + tau'^n [A]^n), tau' = q * tau.

    tau = [R0] / KE is the efficacy in a tissue: the receptor density over the
    concentration of agonist-receptor complex giving half the system's maximum Em. Receptor
    reserve is a large tau; removing receptors (irreversible antagonist, down-regulation in
    tolerance; ``receptor_fraction`` q < 1) lowers tau. A full agonist (large tau) keeps its
    maximum while its EC50 moves; a partial agonist (tau near 1 or below) loses maximum: its
    maximum depends on the tissue.

    Args:
        agonist: agonist concentration [A] (unit of ka), >= 0.
        ka: agonist-receptor dissociation constant KA (same unit), > 0.
        tau: efficacy tau (dimensionless), >= 0.
        em: the system's maximal response (unit of the effect, e.g. %).
        n: slope of the transducer function (dimensionless).
        receptor_fraction: fraction q of the receptors left (0-1).

    Returns:
        Effect (unit of em).
    """
    ka_arr = _positive("ka", ka)
    tau_eff = _receptor_fraction(receptor_fraction) * _nonneg("tau", tau)
    a = _nonneg("agonist", agonist)
    n_arr = _positive("n", n)
    num = (tau_eff * a) ** n_arr
    return _finite("em", em) * num / ((ka_arr + a) ** n_arr + num)


@_checked
def operational_emax(
    tau: ArrayLike, em: ArrayLike = 100.0, n: ArrayLike = 1.0, receptor_fraction: ArrayLike = 1.0
) -> Array:
    """Maximal effect in the operational model: Emax = Em * tau'^n / (1 + tau'^n), tau' = q tau.

    It rises with tau and falls as receptors are removed (q < 1).
    """
    tau_eff = _receptor_fraction(receptor_fraction) * _nonneg("tau", tau)
    t_n = tau_eff ** _positive("n", n)
    return _finite("em", em) * t_n / (1.0 + t_n)


@_checked
def operational_ec50(
    ka: ArrayLike, tau: ArrayLike, n: ArrayLike = 1.0, receptor_fraction: ArrayLike = 1.0
) -> Array:
    """Observed EC50 in the operational model: EC50 = KA / ((2 + tau'^n)^(1/n) - 1).

    For n = 1, EC50 = KA / (1 + tau').

    With receptor reserve (tau' >> 1) the EC50 lies far below KA: potency is not affinity.
    """
    tau_eff = _positive("tau * receptor_fraction",
                        _receptor_fraction(receptor_fraction) * _nonneg("tau", tau))
    n_arr = _positive("n", n)
    return _positive("ka", ka) / ((2.0 + tau_eff**n_arr) ** (1.0 / n_arr) - 1.0)
