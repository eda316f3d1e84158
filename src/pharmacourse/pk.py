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

Invalid inputs raise ``ValueError`` rather than returning NaN or a negative concentration:
NaN or infinite values, negative doses or times since the first dose, zero or negative volumes,
clearances, rate constants, half-lives or dosing intervals, F outside (0, 1], fractions outside
[0, 1], and a non-integer number of doses. Times before a dose (t < 0) are valid and give 0.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse import units
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive

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
    "mg_per_l_to_ng_per_ml",
    "multiple_dose_oral",
    "multiple_dose_oral_superposition",
    "one_compartment_iv_bolus",
    "one_compartment_oral",
    "parent_metabolite_oral",
    "steady_state_iv_bolus",
    "steady_state_oral",
    "time_to_fraction_of_steady_state_h",
    "to_nmol_per_l",
    "unbound_concentration",
    "volume_l",
]

#: ln 2, the factor between a first-order rate constant and its half-life.
LN2 = float(np.log(2.0))

Array = NDArray[np.float64]


def _n_doses(n_doses: int) -> int:
    if isinstance(n_doses, bool) or int(n_doses) != n_doses or n_doses < 1:
        raise ValueError(f"n_doses must be a whole number >= 1, got {n_doses!r}")
    return int(n_doses)


# ---------------------------------------------------------------------------------------------
# Basic relations
# ---------------------------------------------------------------------------------------------
def elimination_rate_constant_per_h(t_half_h: ArrayLike) -> Array:
    """First-order elimination rate constant from a half-life.

    Equation: k = ln 2 / t1/2.

    Args:
        t_half_h: half-life (h), > 0.

    Returns:
        k (1/h).
    """
    return LN2 / _positive("half-life (h)", t_half_h)


def half_life_h(k_per_h: ArrayLike) -> Array:
    """Half-life from a first-order rate constant: t1/2 = ln 2 / k (k in 1/h, result in h)."""
    return LN2 / _positive("rate constant (1/h)", k_per_h)


def clearance_l_per_h(k_per_h: ArrayLike, v_l: ArrayLike) -> Array:
    """Clearance of a one-compartment model: CL = k * V (k in 1/h, V in L, CL in L/h)."""
    return _positive("k (1/h)", k_per_h) * _positive("V (L)", v_l)


def volume_l(cl_l_per_h: ArrayLike, k_per_h: ArrayLike) -> Array:
    """Volume of a one-compartment model: V = CL / k (CL in L/h, k in 1/h, V in L).

    With the apparent oral values of a study (CL/F, and k from the terminal half-life) this gives
    the apparent volume V/F.
    """
    return _positive("CL (L/h)", cl_l_per_h) / _positive("k (1/h)", k_per_h)


def mg_per_l_to_ng_per_ml(c_mg_per_l: ArrayLike) -> Array:
    """Convert mg/L to ng/mL: 1 mg/L = 1000 ng/mL (1 mg/L = 1 ug/mL)."""
    return np.asarray(c_mg_per_l, dtype=float) * 1000.0


def to_nmol_per_l(c_ng_per_ml: ArrayLike, compound: str) -> Array:
    """Convert a concentration of a named alkaloid from ng/mL to nmol/L (nM).

    Equation: c [nmol/L] = c [ng/mL] * 1000 / M [g/mol], with the molar mass M read from the
    course data (``pharmacourse.data.molar_mass``; mitragynine about 398.5 g/mol).

    Args:
        c_ng_per_ml: concentration (ng/mL).
        compound: a compound name known to ``pharmacourse.data.molar_mass``.

    Returns:
        The concentration in nmol/L.
    """
    from pharmacourse import data  # imported late: the models themselves need no data files

    return units.ng_per_ml_to_nmol_per_l(np.asarray(c_ng_per_ml, dtype=float),
                                         data.molar_mass(compound))


def unbound_concentration(c_total: ArrayLike, fraction_unbound: ArrayLike) -> Array:
    """Unbound (free) concentration: C_u = f_u * C.

    Only unbound drug crosses membranes, reaches receptors and enzymes, so occupancy and
    interaction calculations use C_u.

    Args:
        c_total: total plasma concentration (any unit; the result has the same unit).
        fraction_unbound: f_u, between 0 and 1 (dimensionless).
    """
    fu = _fraction("fraction unbound", fraction_unbound)
    return _nonneg("total concentration", c_total) * fu


def fraction_unbound_from_percent_bound(percent_bound: ArrayLike) -> Array:
    """f_u = 1 - (% bound)/100 (e.g. 73.1 % bound gives f_u = 0.269)."""
    pb = _finite("percent bound", percent_bound)
    if np.any((pb < 0) | (pb > 100)):
        raise ValueError(f"percent bound must be between 0 and 100, got {percent_bound!r}")
    return 1.0 - pb / 100.0


# ---------------------------------------------------------------------------------------------
# Numerically stable building blocks
# ---------------------------------------------------------------------------------------------
def _exp_divided_difference_2(a: Array, b: Array, t: Array) -> Array:
    """(exp(-b t) - exp(-a t)) / (a - b), stable as a -> b (limit t exp(-b t)).

    Written as exp(-b t) * (-expm1(-(a - b) t)) / (a - b); when (a - b) t is tiny the ratio is
    replaced by its series t (1 - d t / 2).
    """
    # symmetric in a and b: factor out the slower exponential so expm1 never overflows
    lo = np.minimum(a, b)
    d = np.abs(a - b)
    x = d * t
    small = x < 1e-8
    safe_d = np.where(small, 1.0, d)
    ratio = np.where(small, t * (1.0 - 0.5 * x), -np.expm1(-x) / safe_d)
    return np.exp(-lo * t) * ratio


def _expm1_ratio(m: Array, x: Array) -> Array:
    """expm1(m x) / expm1(x), with the limit m where x -> 0 (m >= 0)."""
    tiny = np.abs(x) < 1e-300
    safe_x = np.where(tiny, 1.0, x)
    return np.where(tiny, m, np.expm1(m * safe_x) / np.expm1(safe_x))


def _regimen_divided_difference(
    ke: Array, ka: Array, t_prime: Array, tau_h: float, n: Array | None
) -> Array:
    """h[ke, ka] = (h(ke) - h(ka)) / (ke - ka) for the multiple-dose sum, without cancellation.

    h(lam) = exp(-lam t') * S(lam), S(lam) = sum_{j<n} x^j = (1 - x^n) / (1 - x), x = exp(-lam tau)
    (n = None: the infinite sum 1 / (1 - x) of steady state). The product rule of divided
    differences, h[a,b] = u[a,b] S(a) + u(b) S[a,b] with u = exp(-lam t'), and
    x_a^m - x_b^m written with expm1 keep every step free of catastrophic cancellation, so the
    result stays accurate as ka -> ke (tested against the superposition sum).
    """
    a, b = ke, ka
    d = a - b
    xa = np.exp(-a * tau_h)
    xb = np.exp(-b * tau_h)
    one_minus_xa = -np.expm1(-a * tau_h)
    one_minus_xb = -np.expm1(-b * tau_h)
    # (xa - xb) / (a - b) = xb * expm1(-tau d) / d  ->  -tau xb as d -> 0
    tiny = np.abs(d * tau_h) < 1e-12
    safe_d = np.where(tiny, 1.0, d)
    x_dd = np.where(tiny, -tau_h * xb, xb * np.expm1(-tau_h * d) / safe_d)
    if n is None:
        s_a = 1.0 / one_minus_xa
        s_dd = x_dd / (one_minus_xa * one_minus_xb)
    else:
        s_a = -np.expm1(-n * a * tau_h) / one_minus_xa
        # D_m = (xa^m - xb^m) / (xa - xb), symmetric in a and b; with lo <= hi the rates,
        # D_m = x_lo^(m-1) * expm1(-m tau (hi - lo)) / expm1(-tau (hi - lo)), no overflow
        lo = np.minimum(a, b)
        gap = np.abs(d) * tau_h
        d_n = np.exp(-(n - 1.0) * lo * tau_h) * _expm1_ratio(n, -gap)
        d_n1 = np.exp(-np.maximum(n - 2.0, 0.0) * lo * tau_h) * _expm1_ratio(n - 1.0, -gap)
        d_n1 = np.where(n >= 2, d_n1, 0.0)
        s_dd = x_dd * (1.0 - d_n + xa * xb * d_n1) / (one_minus_xa * one_minus_xb)
    u_dd = -_exp_divided_difference_2(a, b, t_prime)  # (e^{-a t'} - e^{-b t'}) / (a - b)
    u_b = np.exp(-b * t_prime)
    return u_dd * s_a + u_b * s_dd


# ---------------------------------------------------------------------------------------------
# Single doses
# ---------------------------------------------------------------------------------------------
def one_compartment_iv_bolus(
    t_h: ArrayLike, dose_mg: ArrayLike, v_l: ArrayLike, ke_per_h: ArrayLike
) -> Array:
    """Concentration after an intravenous bolus into one compartment.

    Equation: C(t) = (Dose / V) * exp(-ke * t) for t >= 0, and 0 before the dose.
    ODE: dA/dt = -ke * A, A(0) = Dose, C = A / V.

    Args:
        t_h: time after the dose (h).
        dose_mg: dose (mg).
        v_l: volume of distribution (L).
        ke_per_h: elimination rate constant (1/h).

    Returns:
        Concentration (mg/L), broadcast over the arguments.

    Source: Rowland & Tozer 2011, ch. 3.
    """
    t = _finite("time (h)", t_h)
    c = _nonneg("dose (mg)", dose_mg) / _positive("V (L)", v_l) * np.exp(
        -_positive("ke (1/h)", ke_per_h) * np.maximum(t, 0.0)
    )
    return np.where(t >= 0, c, 0.0)


def one_compartment_oral(
    t_h: ArrayLike,
    dose_mg: ArrayLike,
    v_l: ArrayLike,
    ke_per_h: ArrayLike,
    ka_per_h: ArrayLike,
    f: ArrayLike = 1.0,
) -> Array:
    """Concentration after one oral dose with first-order absorption (the Bateman function).

    Equation: C(t) = F * Dose * ka / (V * (ka - ke)) * (exp(-ke t) - exp(-ka t)), t >= 0.
    Limit ka = ke (= k): C(t) = F * Dose * k * t * exp(-k t) / V, handled smoothly (the
    difference quotient is evaluated with ``expm1``).
    ODE: dAg/dt = -ka Ag, dA/dt = ka Ag - ke A, Ag(0) = F * Dose, C = A / V.

    With oral data alone only V/F and CL/F are identifiable: pass ``v_l`` = V/F and ``f`` = 1.

    Args:
        t_h: time after the dose (h).
        dose_mg: dose (mg).
        v_l: volume of distribution (L), or V/F with f = 1.
        ke_per_h: elimination rate constant (1/h).
        ka_per_h: first-order absorption rate constant (1/h).
        f: bioavailable fraction (0 < F <= 1, dimensionless).

    Returns:
        Concentration (mg/L).

    Source: Bateman 1910; Gibaldi & Perrier 1982, ch. 1.
    """
    t = _finite("time (h)", t_h)
    tt = np.maximum(t, 0.0)
    ka = _positive("ka (1/h)", ka_per_h)
    ke = _positive("ke (1/h)", ke_per_h)
    amount = _fraction("F", f, allow_zero=False) * _nonneg("dose (mg)", dose_mg) * ka
    c = amount / _positive("V (L)", v_l) * _exp_divided_difference_2(ka, ke, tt)
    return np.where(t >= 0, c, 0.0)


# ---------------------------------------------------------------------------------------------
# Multiple doses
# ---------------------------------------------------------------------------------------------
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
    tau_h = float(_positive("dosing interval (h)", tau_h))
    t = _finite("time (h)", t_h)
    total = np.zeros(np.broadcast_shapes(t.shape, np.shape(dose_mg), np.shape(v_l),
                                         np.shape(ke_per_h), np.shape(ka_per_h), np.shape(f)))
    for j in range(n_doses):
        total = total + one_compartment_oral(t - j * tau_h, dose_mg, v_l, ke_per_h, ka_per_h, f)
    return total


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

    the geometric sum of the Bateman terms of the n doses given so far. Equal to
    ``multiple_dose_oral_superposition`` (tested), but its cost does not grow with the number of
    doses, which is what makes a 1000-subject simulation fast.

    Args: as in ``multiple_dose_oral_superposition``.

    Returns:
        Concentration (mg/L); 0 before the first dose.

    Source: Gibaldi & Perrier 1982, ch. 3 (multiple-dosing function).
    """
    n_doses = _n_doses(n_doses)
    tau_h = float(_positive("dosing interval (h)", tau_h))
    t = _finite("time (h)", t_h)
    n = np.clip(np.floor(t / tau_h) + 1.0, 1.0, float(n_doses))
    t_prime = np.maximum(t - (n - 1.0) * tau_h, 0.0)

    ka = _positive("ka (1/h)", ka_per_h)
    ke = _positive("ke (1/h)", ke_per_h)
    # (h(ke) - h(ka)) / (ka - ke) = -h[ke, ka]
    c = -(_fraction("F", f, allow_zero=False) * _nonneg("dose (mg)", dose_mg) * ka
          / _positive("V (L)", v_l)
          * _regimen_divided_difference(ke, ka, t_prime, tau_h, n))
    return np.where(t >= 0, c, 0.0)


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
    tau_h = float(_positive("dosing interval (h)", tau_h))
    t = np.mod(_finite("time (h)", t_h), tau_h)
    ke = _positive("ke (1/h)", ke_per_h)
    return _nonneg("dose (mg)", dose_mg) / _positive("V (L)", v_l) * np.exp(-ke * t) / (
        -np.expm1(-ke * tau_h)
    )


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
    tau_h = float(_positive("dosing interval (h)", tau_h))
    t = np.mod(_finite("time (h)", t_h), tau_h)

    ka = _positive("ka (1/h)", ka_per_h)
    ke = _positive("ke (1/h)", ke_per_h)
    return -(_fraction("F", f, allow_zero=False) * _nonneg("dose (mg)", dose_mg) * ka
             / _positive("V (L)", v_l)
             * _regimen_divided_difference(ke, ka, t, tau_h, None))


def accumulation_ratio(ke_per_h: ArrayLike, tau_h: ArrayLike) -> Array:
    """Accumulation ratio at steady state relative to the first dose (same time in the interval).

    Equation: R_ac = 1 / (1 - exp(-ke tau)) (dimensionless; ke in 1/h, tau in h). For mitragynine
    with a 45 h half-life and daily dosing this is about 3.2 (ke = ln 2 / 45 h = 0.0154 1/h,
    exp(-0.0154 * 24) = 0.69): at steady state the body holds about three days' worth of doses.
    """
    ke = _positive("ke (1/h)", ke_per_h)
    return 1.0 / (-np.expm1(-ke * _positive("dosing interval (h)", tau_h)))


def average_steady_state_conc_mg_per_l(
    dose_mg: ArrayLike, tau_h: ArrayLike, cl_l_per_h: ArrayLike, f: ArrayLike = 1.0
) -> Array:
    """Average concentration over a dosing interval at steady state.

    Equation: C_ss,avg = F * Dose / (CL * tau) = AUC_0-tau,ss / tau (mg/L; dose in mg, tau in h,
    CL in L/h). It depends on the dose rate and clearance, not on the absorption rate.
    """
    return (_fraction("F", f, allow_zero=False) * _nonneg("dose (mg)", dose_mg)
            / (_positive("CL (L/h)", cl_l_per_h) * _positive("dosing interval (h)", tau_h)))


def auc_inf_mg_h_per_l(dose_mg: ArrayLike, cl_l_per_h: ArrayLike, f: ArrayLike = 1.0) -> Array:
    """Total exposure after one dose: AUC_0-inf = F * Dose / CL (mg*h/L)."""
    return (_fraction("F", f, allow_zero=False) * _nonneg("dose (mg)", dose_mg)
            / _positive("CL (L/h)", cl_l_per_h))


def fraction_of_steady_state(t_h: ArrayLike, t_half_h: ArrayLike) -> Array:
    """Fraction of the steady-state level reached after dosing for a time t.

    Equation: f_ss(t) = 1 - exp(-ke t) = 1 - 2^(-t / t1/2) (dimensionless). It depends only on
    the half-life, not on the dose or the interval. t is the time since the first dose (>= 0).
    """
    t = _nonneg("time since the first dose (h)", t_h)
    return -np.expm1(-elimination_rate_constant_per_h(t_half_h) * t)


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


# ---------------------------------------------------------------------------------------------
# Parent -> metabolite
# ---------------------------------------------------------------------------------------------
def _exp_divided_difference_3(a: Array, b: Array, c: Array, t: Array) -> Array:
    """Divided difference g[a, b, c] of g(x) = exp(-x t), stable for close or equal points.

    g[a,b,c] = sum_i exp(-x_i t) / prod_{j != i} (x_i - x_j). Divided differences are
    symmetric, so the outer pair is chosen as the two points farthest apart; when all three
    nearly coincide the second-order limit (t^2 / 2) exp(-m t), m the mean, is used.
    """
    a, b, c, t = np.broadcast_arrays(*(np.asarray(x, float) for x in (a, b, c, t)))
    lo = np.minimum(np.minimum(a, b), c)
    hi = np.maximum(np.maximum(a, b), c)
    mid = a + b + c - lo - hi
    spread = hi - lo
    coincide = spread * t < 1e-4
    safe = np.where(coincide, 1.0, spread)
    # g[lo, mid, hi] = (g[mid, hi] - g[lo, mid]) / (hi - lo), each pair difference via expm1
    g_mid_hi = -_exp_divided_difference_2(hi, mid, t)  # (e^{-hi t}-e^{-mid t})/(hi-mid)
    g_lo_mid = -_exp_divided_difference_2(mid, lo, t)
    general = (g_mid_hi - g_lo_mid) / safe
    m = (a + b + c) / 3.0
    limit = 0.5 * t * t * np.exp(-m * t)
    return np.where(coincide, limit, general)


def parent_metabolite_oral(
    t_h: ArrayLike,
    dose_mg: ArrayLike,
    ka_per_h: ArrayLike,
    ke_parent_per_h: ArrayLike,
    v_parent_l: ArrayLike,
    fm: ArrayLike,
    ke_metabolite_per_h: ArrayLike,
    v_metabolite_l: ArrayLike,
    molar_mass_ratio: ArrayLike = 1.0,
    f: ArrayLike = 1.0,
) -> tuple[Array, Array]:
    """Parent and metabolite concentrations after one oral dose of the parent.

    Model (amounts in mol-equivalents, all first order):
        dAg/dt = -ka Ag,              Ag(0) = F * Dose
        dAp/dt = ka Ag - ke,p Ap
        dAm/dt = fm * ke,p * Ap - ke,m Am
    with C_p = Ap / V_p and C_m = (M_m / M_p) * Am / V_m (mass of metabolite formed from a mass
    of parent scales with the ratio of molar masses).

    Solution: Ap(t) = F Dose ka * (e^{-ke,p t} - e^{-ka t}) / (ka - ke,p) and
    Am(t) = fm ke,p F Dose ka * g[ka, ke,p, ke,m], g the second divided difference of
    exp(-x t); equal rate constants are handled.

    Mitragynine -> 7-hydroxymitragynine (CYP3A4) is the course's example; the formation fraction
    ``fm`` is not measured in humans, so it is a parameter to explore.

    Args:
        t_h: time after the dose (h).
        dose_mg: parent dose (mg).
        ka_per_h: absorption rate constant (1/h).
        ke_parent_per_h: total elimination rate constant of the parent (1/h).
        v_parent_l: parent volume (L) (or V/F with f = 1).
        fm: fraction of the parent's elimination that forms the metabolite (0-1).
        ke_metabolite_per_h: metabolite elimination rate constant (1/h).
        v_metabolite_l: metabolite volume (L) (apparent).
        molar_mass_ratio: M_metabolite / M_parent (dimensionless; 414.5 / 398.5 for
            7-OH-mitragynine / mitragynine, from ``pharmacourse.data.molar_mass``).
        f: bioavailable fraction of the parent.

    Returns:
        (C_parent, C_metabolite), both in mg/L.

    Source: Gibaldi & Perrier 1982, ch. 1 (metabolite kinetics); Bateman 1910.
    """
    t = _finite("time (h)", t_h)
    tt = np.maximum(t, 0.0)
    fm_arr = _fraction("formation fraction fm", fm)
    ka = _positive("ka (1/h)", ka_per_h)
    kp = _positive("ke,parent (1/h)", ke_parent_per_h)
    km = _positive("ke,metabolite (1/h)", ke_metabolite_per_h)
    absorbed = _fraction("F", f, allow_zero=False) * _nonneg("dose (mg)", dose_mg) * ka
    a_parent = absorbed * _exp_divided_difference_2(ka, kp, tt)
    a_met = fm_arr * kp * absorbed * _exp_divided_difference_3(ka, kp, km, tt)
    c_parent = np.where(t >= 0, a_parent / _positive("V,parent (L)", v_parent_l), 0.0)
    c_met = np.where(
        t >= 0, _positive("molar mass ratio", molar_mass_ratio) * a_met
        / _positive("V,metabolite (L)", v_metabolite_l),
        0.0,
    )
    return c_parent, c_met
