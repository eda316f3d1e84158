"""Population variability: log-normal between-subject variability (BSV) on PK parameters.

Each subject i gets P_i = P_typical * exp(eta_i), eta_i ~ Normal(0, omega^2), the usual
population-PK assumption (parameters stay positive, variability is proportional). omega is the
SD of ln P; a coefficient of variation converts as omega = sqrt(ln(1 + CV^2)). P_typical is the
median of the population (its geometric mean); the arithmetic mean is P_typical exp(omega^2 / 2).

Random numbers come from ``numpy.random.default_rng(seed)``: the same seed gives the same subjects
on every machine, so notebooks and the simulated study are reproducible.

Source: Mould DR, Upton RN. Basic concepts in population modeling, simulation, and model-based
drug development. CPT Pharmacometrics Syst Pharmacol 2012;1:e6 (log-normal BSV).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse import pk
from pharmacourse._validate import checked as _checked
from pharmacourse._validate import count as _count
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive
from pharmacourse.pk._stable import regimen_factors

__all__ = [
    "cv_to_omega",
    "lognormal_parameters",
    "simulate_oral_regimen",
    "simulate_oral_regimen_loop",
]

Array = NDArray[np.float64]

#: Elements (subjects x times) evaluated at once by ``simulate_oral_regimen``: a block's few
#: float64 temporaries take about 10 MB, far below the ~500 MB bound, and stay in the CPU cache.
BLOCK_ELEMENTS = 1 << 18

#: The parameters ``simulate_oral_regimen`` needs. ``lognormal_parameters`` draws one normal
#: column per parameter in the *sorted* order of the names (cl_l_per_h, ka_per_h, v_l).
PARAMETER_ORDER = ("cl_l_per_h", "v_l", "ka_per_h")


@_checked
def cv_to_omega(cv: ArrayLike) -> Array:
    """SD of ln P for a log-normal parameter with coefficient of variation CV.

    Equation: omega = sqrt(ln(1 + CV^2)) (CV as a fraction: 0.3 for 30 %).
    """
    cv_arr = _nonneg("cv", cv)
    return np.sqrt(np.log1p(cv_arr**2))


@_checked
def lognormal_parameters(
    typical: Mapping[str, float],
    omega: Mapping[str, float],
    n_subjects: int,
    seed: int,
) -> dict[str, Array]:
    """Draw individual parameters with log-normal between-subject variability.

    Equation: P_i = P_typical * exp(eta_i), eta_i ~ N(0, omega_P^2), independent parameters.
    P_typical is the population median; the mean is P_typical * exp(omega^2 / 2).

    Args:
        typical: typical values by name (units as in the name, e.g. ``{"cl_l_per_h": 233}``),
            finite and > 0 (a log-normal parameter cannot be zero or negative).
        omega: SD of ln P by name, finite and >= 0 (missing names get 0, i.e. no variability).
        n_subjects: number of subjects.
        seed: seed of ``numpy.random.default_rng``; one (n_subjects, n_parameters) block of
            standard normals is drawn, columns in the sorted order of the names.

    Returns:
        Dict name -> array of shape (n_subjects,).
    """
    n_subjects = _count("n_subjects", n_subjects)
    unknown = set(omega) - set(typical)
    if unknown:
        raise ValueError(f"omega given for unknown parameters {sorted(unknown)}")
    for name, value in typical.items():
        _positive(f"typical[{name!r}]", value)
    rng = np.random.default_rng(seed)
    names = sorted(typical)
    eta = rng.standard_normal((n_subjects, len(names)))
    out = {}
    for j, name in enumerate(names):
        w = float(omega.get(name, 0.0))
        _nonneg(f"omega[{name!r}]", w)
        with np.errstate(over="ignore", under="ignore"):  # checked on the next line
            out[name] = float(typical[name]) * np.exp(w * eta[:, j])
        if not np.all(np.isfinite(out[name]) & (out[name] > 0)):
            raise ValueError(f"omega for {name} ({w}) is so large that some subjects' values "
                             "overflow to infinity or 0; use a smaller omega")
    return out


def _check_regimen(typical: Mapping[str, float], tau_h: float, dose_mg: float, f: float) -> None:
    missing = set(PARAMETER_ORDER) - set(typical)
    if missing:
        raise ValueError(f"typical values missing for {sorted(missing)}")
    _positive("tau_h", tau_h)
    _nonneg("dose_mg", dose_mg)
    _fraction("f", f, allow_zero=False)


@_checked
def simulate_oral_regimen(
    times_h: ArrayLike,
    dose_mg: float,
    tau_h: float,
    n_doses: int,
    typical: Mapping[str, float],
    omega: Mapping[str, float],
    n_subjects: int,
    seed: int,
    f: float = 1.0,
) -> tuple[dict[str, Array], Array]:
    """Concentrations of a population on an oral regimen, in one vectorised call.

    Individual CL/F, V/F and ka are drawn by ``lognormal_parameters`` (names ``cl_l_per_h``,
    ``v_l``, ``ka_per_h``); ke = CL / V; concentrations are the closed-form multiple-dose
    function ``pk.multiple_dose_oral`` evaluated for all subjects x times at once: the dose-count
    factors (``pk._stable.regimen_factors``) once per subject and number of doses given, then
    one ``expm1`` and one ``exp`` per (subject, time). No loop over subjects or doses; blocks of
    at most ``BLOCK_ELEMENTS`` subject-times keep the temporaries small whatever the population
    size.

    Args:
        times_h: sampling grid after the first dose (h), shape (n_times,).
        dose_mg: each dose (mg); tau_h: interval (h); n_doses: number of doses.
        typical, omega: typical values and SDs of ln P for the three parameters.
        n_subjects: number of subjects; seed: random seed.
        f: bioavailable fraction (1 when V and CL are apparent oral values).

    Returns:
        (individual parameters dict, concentrations in mg/L with shape (n_subjects, n_times)),
        every concentration finite (otherwise ``ValueError``).
    """
    _check_regimen(typical, tau_h, dose_mg, f)
    params = lognormal_parameters(typical, omega, n_subjects, seed)
    t = np.atleast_1d(np.asarray(times_h, float))
    if t.ndim != 1:
        raise ValueError(f"times_h must be one grid of times (1-D), got shape {t.shape}")
    v = params["v_l"]
    ka = params["ka_per_h"]
    ke = params["cl_l_per_h"] / v
    with np.errstate(over="ignore"):  # an overflow is refused with a message below
        scale = (np.asarray(f, float) * np.asarray(dose_mg, float)) * ka / v
    conc = _regimen_grid(t, float(tau_h), int(n_doses), ke, ka, scale)
    return params, conc


def _regimen_grid(t: Array, tau_h: float, n_doses: int, ke: Array, ka: Array,
                  scale: Array) -> Array:
    """scale_i * (multiple-dose sum of subject i at t_j): ``pk.multiple_dose_oral`` on a grid.

    The sum is exp(-lo t') * (phi(d, t') W + U) (``pk._stable.regimen_sum``) with
    phi = -expm1(-d t') / d; the per-subject, per-dose-count factors -scale W / d and scale U
    are folded into small tables first, so each (subject, time) costs one ``expm1``, one ``exp``
    and four in-place array operations. d = ka - ke is floored at 1e-150 (ka = ke exactly): there
    phi = t' to rounding, while U and W use the true rate constants.
    """
    n_before = np.clip(np.floor(t / tau_h), 0.0, n_doses - 1.0)
    neg_t = -np.maximum(t - n_before * tau_h, 0.0)  # -t', t' the time since the latest dose
    levels, which = np.unique(n_before, return_inverse=True)
    lo = np.minimum(ka, ke)[:, None]
    hi = np.maximum(ka, ke)[:, None]
    d = np.maximum(hi - lo, 1e-150)
    conc = np.empty((ka.size, t.size))
    rows = max(1, BLOCK_ELEMENTS // max(t.size, 1))
    scratch = np.empty((min(rows, ka.size), t.size))
    for start in range(0, ka.size, rows):  # blocks of subjects, each one array evaluation
        b = slice(start, start + rows)
        u, w = regimen_factors(lo[b], hi[b], tau_h, levels)
        with np.errstate(over="ignore", invalid="ignore"):  # refused just below
            a_tab, b_tab = w * (-scale[b, None] / d[b]), u * scale[b, None]
        # |block| <= |a_tab| + |b_tab| below (expm1 in [-1, 0], exp in [0, 1]): checking the
        # small tables proves every concentration finite without a pass over the whole array
        if not np.isfinite(np.abs(a_tab) + np.abs(b_tab)).all():
            raise ValueError("dose_mg, f, v_l or ka_per_h make the concentrations overflow; "
                             "check their values")
        block = conc[b]  # a view: every step below writes in place
        np.multiply(d[b], neg_t, out=block)
        np.expm1(block, out=block)  # in [-1, 0]: with finite tables the result stays finite
        block *= a_tab[:, which]
        block += b_tab[:, which]
        e_lo = scratch[: block.shape[0]]
        np.multiply(lo[b], neg_t, out=e_lo)
        block *= np.exp(e_lo, out=e_lo)
    conc[:, t < 0] = 0.0
    return conc


@_checked
def simulate_oral_regimen_loop(
    times_h: ArrayLike,
    dose_mg: float,
    tau_h: float,
    n_doses: int,
    typical: Mapping[str, float],
    omega: Mapping[str, float],
    n_subjects: int,
    seed: int,
    f: float = 1.0,
) -> tuple[dict[str, Array], Array]:
    """The same simulation as ``simulate_oral_regimen`` with a plain Python loop.

    One subject at a time, one dose at a time (superposition of single-dose Bateman curves):
    the way a first program is usually written. It is the baseline of ``make bench`` and gives
    the same numbers (tested).
    """
    _check_regimen(typical, tau_h, dose_mg, f)
    params = lognormal_parameters(typical, omega, n_subjects, seed)
    t = np.asarray(times_h, float)
    conc = np.zeros((n_subjects, t.size))
    for i in range(n_subjects):
        cl = float(params["cl_l_per_h"][i])
        v = float(params["v_l"][i])
        ka = float(params["ka_per_h"][i])
        for j in range(int(n_doses)):
            conc[i] += pk.one_compartment_oral(t - j * tau_h, dose_mg, v, cl / v, ka, f)
    return params, conc
