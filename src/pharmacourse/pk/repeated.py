"""Repeated dosing: superposition, the closed-form multiple-dose function, steady state.

Source: Gibaldi & Perrier 1982, ch. 3 (multiple-dosing function); Rowland & Tozer 2011
(accumulation, time to steady state).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import count as _count
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive
from pharmacourse.pk._stable import regimen_factors, regimen_sum
from pharmacourse.pk.relations import elimination_rate_constant_per_h
from pharmacourse.pk.single_dose import one_compartment_oral

Array = NDArray[np.float64]


def _n_doses(n_doses: int) -> int:
    return _count("n_doses", n_doses)




@_checked
def multiple_dose_oral_superposition(
    t_h: ArrayLike,
    dose_mg: ArrayLike,
    tau_h: float,
    n_doses: int,
    v_l: ArrayLike,
    ke_per_h: ArrayLike,
    ka_per_h: ArrayLike,
    f: ArrayLike = 1.0,
) -> Array:
    """Concentration during a regimen of equal oral doses, by superposition.

    Equation: C(t) = sum_{j=0}^{n_doses-1} C_single(t - j * tau), with C_single the Bateman
    function (zero before each dose). Linear kinetics make the sum exact; it is the definition
    the closed forms (``multiple_dose_oral``, ``steady_state_oral``) are tested against.

    Args:
        t_h: time after the first dose (h).
        dose_mg: each dose (mg).
        tau_h: dosing interval (h).
        n_doses: number of doses given (doses at 0, tau, ..., (n_doses - 1) tau).
        v_l, ke_per_h, ka_per_h, f: as in ``one_compartment_oral``.

    Returns:
        Concentration (mg/L).
    """
    n_doses = _n_doses(n_doses)
    tau_h = float(_positive("tau_h", tau_h))
    t = _finite("t_h", t_h)
    total = np.zeros(np.broadcast_shapes(t.shape, np.shape(dose_mg), np.shape(v_l),
                                         np.shape(ke_per_h), np.shape(ka_per_h), np.shape(f)))
    for j in range(n_doses):
        total = total + one_compartment_oral(t - j * tau_h, dose_mg, v_l, ke_per_h, ka_per_h, f)
    return total


@_checked
def multiple_dose_oral(
    t_h: ArrayLike,
    dose_mg: ArrayLike,
    tau_h: float,
    n_doses: int,
    v_l: ArrayLike,
    ke_per_h: ArrayLike,
    ka_per_h: ArrayLike,
    f: ArrayLike = 1.0,
) -> Array:
    """Concentration during a regimen of equal oral doses, closed form (no loop over doses).

    After the n-th dose (n = min(floor(t / tau) + 1, n_doses)) and at t' = t - (n - 1) tau:

        C(t) = F Dose ka / V * (h(ke) - h(ka)) / (ka - ke),
        h(lambda) = exp(-lambda t') * (1 - exp(-n lambda tau)) / (1 - exp(-lambda tau)),

    the geometric sum of the Bateman terms of the n doses given so far. It is evaluated as a
    product of positive factors (``pk._stable.regimen_factors``), so it stays finite and accurate
    for every ka, ke, tau > 0, including ka >> ke with long intervals and ka = ke. Equal to
    ``multiple_dose_oral_superposition`` (tested), but its cost does not grow with the number of
    doses, which is what makes a 1000-subject simulation fast.

    Args: as in ``multiple_dose_oral_superposition``.

    Returns:
        Concentration (mg/L); 0 before the first dose.

    Source: Gibaldi & Perrier 1982, ch. 3 (multiple-dosing function).
    """
    n_doses = _n_doses(n_doses)
    tau_h = float(_positive("tau_h", tau_h))
    t = _finite("t_h", t_h)
    n = np.clip(np.floor(t / tau_h) + 1.0, 1.0, float(n_doses))
    t_prime = np.maximum(t - (n - 1.0) * tau_h, 0.0)
    c = _regimen(t_prime, dose_mg, tau_h, n - 1.0, v_l, ke_per_h, ka_per_h, f)
    return np.where(t >= 0, c, 0.0)


def _regimen(t_prime, dose_mg, tau_h, n_before, v_l, ke_per_h, ka_per_h, f) -> Array:
    """F Dose ka / V * sum of the Bateman terms of the latest dose and ``n_before`` earlier ones.

    ``n_before`` None: infinitely many (steady state). See ``_stable.regimen_factors``.
    """
    ka = _positive("ka_per_h", ka_per_h)
    ke = _positive("ke_per_h", ke_per_h)
    lo, hi = np.minimum(ka, ke), np.maximum(ka, ke)
    u, w = regimen_factors(lo, hi, tau_h, n_before)
    scale = (_fraction("f", f, allow_zero=False) * _nonneg("dose_mg", dose_mg) * ka
             / _positive("v_l", v_l))
    return scale * regimen_sum(lo, hi, t_prime, u, w)


@_checked
def steady_state_iv_bolus(
    t_h: ArrayLike, dose_mg: ArrayLike, tau_h: float, v_l: ArrayLike, ke_per_h: ArrayLike
) -> Array:
    """Concentration within a dosing interval at steady state, repeated IV boluses.

    Equation: C_ss(t) = (Dose / V) * exp(-ke t) / (1 - exp(-ke tau)), 0 <= t < tau (t measured
    from the last dose; values of t outside [0, tau) are wrapped with t mod tau).

    Args:
        t_h: time since the last dose (h).
        dose_mg: each dose (mg); tau_h: interval (h); v_l: volume (L); ke_per_h: 1/h.

    Returns:
        Concentration (mg/L).
    """
    tau_h = float(_positive("tau_h", tau_h))
    t = np.mod(_finite("t_h", t_h), tau_h)
    ke = _positive("ke_per_h", ke_per_h)
    return _nonneg("dose_mg", dose_mg) / _positive("v_l", v_l) * np.exp(-ke * t) / (
        -np.expm1(-ke * tau_h)
    )


@_checked
def steady_state_oral(
    t_h: ArrayLike,
    dose_mg: ArrayLike,
    tau_h: float,
    v_l: ArrayLike,
    ke_per_h: ArrayLike,
    ka_per_h: ArrayLike,
    f: ArrayLike = 1.0,
) -> Array:
    """Concentration within a dosing interval at steady state, repeated oral doses.

    Equation: C_ss(t) = F Dose ka / (V (ka - ke)) *
    [exp(-ke t) / (1 - exp(-ke tau)) - exp(-ka t) / (1 - exp(-ka tau))], 0 <= t < tau
    (t since the last dose, wrapped with t mod tau); the ka = ke limit is handled.

    Args: as in ``multiple_dose_oral``; ``t_h`` is the time since the last dose.

    Returns:
        Concentration (mg/L).

    Source: Gibaldi & Perrier 1982, ch. 3.
    """
    tau_h = float(_positive("tau_h", tau_h))
    t = np.mod(_finite("t_h", t_h), tau_h)
    return _regimen(t, dose_mg, tau_h, None, v_l, ke_per_h, ka_per_h, f)


@_checked
def accumulation_ratio(ke_per_h: ArrayLike, tau_h: ArrayLike) -> Array:
    """Accumulation ratio at steady state relative to the first dose (same time in the interval).

    Equation: R_ac = 1 / (1 - exp(-ke tau)) (dimensionless; ke in 1/h, tau in h). For mitragynine
    with a 45 h half-life and daily dosing this is about 3.2 (ke = ln 2 / 45 h = 0.0154 1/h,
    exp(-0.0154 * 24) = 0.69): at steady state the body holds about three days' worth of doses.
    """
    ke = _positive("ke_per_h", ke_per_h)
    return 1.0 / (-np.expm1(-ke * _positive("tau_h", tau_h)))


@_checked
def average_steady_state_conc_mg_per_l(
    dose_mg: ArrayLike, tau_h: ArrayLike, cl_l_per_h: ArrayLike, f: ArrayLike = 1.0
) -> Array:
    """Average concentration over a dosing interval at steady state.

    Equation: C_ss,avg = F * Dose / (CL * tau) = AUC_0-tau,ss / tau (mg/L; dose in mg, tau in h,
    CL in L/h). It depends on the dose rate and clearance, not on the absorption rate.
    """
    return (_fraction("f", f, allow_zero=False) * _nonneg("dose_mg", dose_mg)
            / (_positive("cl_l_per_h", cl_l_per_h) * _positive("tau_h", tau_h)))


@_checked
def fraction_of_steady_state(t_h: ArrayLike, t_half_h: ArrayLike) -> Array:
    """Fraction of the steady-state level reached after dosing for a time t.

    Equation: f_ss(t) = 1 - exp(-ke t) = 1 - 2^(-t / t1/2) (dimensionless). It depends only on
    the half-life, not on the dose or the interval. t is the time since the first dose (>= 0).
    """
    t = _nonneg("t_h", t_h)
    return -np.expm1(-elimination_rate_constant_per_h(t_half_h) * t)


@_checked
def time_to_fraction_of_steady_state_h(fraction: ArrayLike, t_half_h: ArrayLike) -> Array:
    """Time needed to reach a given fraction of steady state.

    Equation: t = -ln(1 - f) / ke = t1/2 * log2(1 / (1 - f)); f = 0.9 gives 3.32 half-lives,
    f = 0.97 about 5 half-lives.

    Args:
        fraction: target fraction of steady state, 0 < f < 1.
        t_half_h: half-life (h).

    Returns:
        Time (h).
    """
    frac = _finite("fraction", fraction)
    if np.any((frac <= 0) | (frac >= 1)):
        raise ValueError(f"fraction must be strictly between 0 and 1, got {fraction!r}")
    return -np.log1p(-frac) / elimination_rate_constant_per_h(t_half_h)




@_checked
def peak_trough_fluctuation(ke_per_h: ArrayLike, tau_h: ArrayLike) -> Array:
    """Fluctuation at steady state: (C_max,ss - C_min,ss) / C_avg,ss, the peak-trough fluctuation.

    Equation, repeated intravenous boluses: C_max,ss - C_min,ss = Dose / V (each dose adds what
    one interval removes) and C_avg,ss = Dose / (V ke tau), so the fluctuation is ke tau =
    ln 2 tau / t1/2 (dimensionless; 1 = 100 % of the average). Oral doses absorbed much faster
    than they are eliminated come close; slower absorption flattens the curve further. It
    depends on the interval relative to the half-life, not on the dose: halving both dose and
    interval halves the swing at the same average. (The peak over the trough is exp(ke tau).)

    Args:
        ke_per_h: elimination rate constant (1/h).
        tau_h: dosing interval (h).

    Source: Rowland & Tozer 2011, ch. 11 (fluctuation at steady state).
    """
    return _positive("ke_per_h", ke_per_h) * _positive("tau_h", tau_h)


@_checked
def loading_dose_mg(c_mg_per_l: ArrayLike, v_l: ArrayLike, f: ArrayLike = 1.0) -> Array:
    """Loading dose that reaches a target concentration at once.

    Equation: Loading dose = C_target V / F (mg; C in mg/L, V in L). A first dose this large puts
    into the body the amount the regimen would hold at steady state, so the level starts there
    instead of climbing for 4-5 half-lives. With the maintenance dose D every tau (intravenous
    bolus, steady-state peak as target) it equals D times the accumulation ratio,
    D / (1 - exp(-ke tau)). Course use: a generic example drug only, never kratom.

    Source: Rowland & Tozer 2011, ch. 11 (loading dose).
    """
    return (_nonneg("c_mg_per_l", c_mg_per_l) * _positive("v_l", v_l)
            / _fraction("f", f, allow_zero=False))
