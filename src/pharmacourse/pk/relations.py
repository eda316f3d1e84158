"""Basic one-compartment relations: rate constant, half-life, clearance, volume, protein binding.

Units are in the argument names (h, 1/h, L, L/h). Source: Rowland M, Tozer TN. *Clinical
Pharmacokinetics and Pharmacodynamics*, 4th ed., 2011.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive

#: ln 2, the factor between a first-order rate constant and its half-life.
LN2 = float(np.log(2.0))

Array = NDArray[np.float64]

@_checked
def elimination_rate_constant_per_h(t_half_h: ArrayLike) -> Array:
    """First-order elimination rate constant from a half-life.

    Equation: k = ln 2 / t1/2.

    Args:
        t_half_h: half-life (h), > 0.

    Returns:
        k (1/h).
    """
    return LN2 / _positive("t_half_h", t_half_h)


@_checked
def half_life_h(k_per_h: ArrayLike) -> Array:
    """Half-life from a first-order rate constant: t1/2 = ln 2 / k (k in 1/h, result in h)."""
    return LN2 / _positive("k_per_h", k_per_h)


@_checked
def clearance_l_per_h(k_per_h: ArrayLike, v_l: ArrayLike) -> Array:
    """Clearance of a one-compartment model: CL = k * V (k in 1/h, V in L, CL in L/h)."""
    return _positive("k_per_h", k_per_h) * _positive("v_l", v_l)


@_checked
def volume_l(cl_l_per_h: ArrayLike, k_per_h: ArrayLike) -> Array:
    """Volume of a one-compartment model: V = CL / k (CL in L/h, k in 1/h, V in L).

    With the apparent oral values of a study (CL/F, and k from the terminal half-life) this gives
    the apparent volume V/F.
    """
    return _positive("cl_l_per_h", cl_l_per_h) / _positive("k_per_h", k_per_h)


@_checked
def unbound_concentration(c_total: ArrayLike, fraction_unbound: ArrayLike) -> Array:
    """Unbound (free) concentration: C_u = f_u * C.

    Only unbound drug crosses membranes, reaches receptors and enzymes, so occupancy and
    interaction calculations use C_u.

    Args:
        c_total: total plasma concentration (any unit; the result has the same unit).
        fraction_unbound: f_u, between 0 and 1 (dimensionless).
    """
    fu = _fraction("fraction_unbound", fraction_unbound)
    return _nonneg("c_total", c_total) * fu


@_checked
def fraction_unbound_from_percent_bound(percent_bound: ArrayLike) -> Array:
    """f_u = 1 - (% bound)/100 (e.g. 73.1 % bound gives f_u = 0.269)."""
    pb = _finite("percent_bound", percent_bound)
    if np.any((pb < 0) | (pb > 100)):
        raise ValueError(f"percent_bound must be between 0 and 100, got {percent_bound!r}")
    return 1.0 - pb / 100.0


@_checked
def auc_inf_mg_h_per_l(dose_mg: ArrayLike, cl_l_per_h: ArrayLike, f: ArrayLike = 1.0) -> Array:
    """Total exposure after one dose: AUC_0-inf = F * Dose / CL (mg*h/L)."""
    return (_fraction("f", f, allow_zero=False) * _nonneg("dose_mg", dose_mg)
            / _positive("cl_l_per_h", cl_l_per_h))


