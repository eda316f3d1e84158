"""Repeated oral dosing when elimination changes part-way: an enzyme inhibitor started (or
stopped) during a regimen (the capstone case, lesson 10).

Linear one-compartment kinetics with an elimination rate constant ``ke_per_h`` before the time
``t_change_h`` and ``ke_after_per_h`` from then on (absorption unchanged). Each dose is a Bateman
term (superposition); for a dose given before the change, the amounts in the gut and in the body
at the change are carried on: the body's amount then decays with the new constant and what is
still in the gut is absorbed into a body that eliminates at the new rate.

Source: the equations of Gibaldi & Perrier 1982, ch. 1 and 3 (Bateman function, superposition),
applied piecewise; checked against a numerical ODE solution in the tests.
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
from pharmacourse.pk.single_dose import one_compartment_oral

Array = NDArray[np.float64]

__all__ = ["multiple_dose_oral_ke_change"]


@_checked
def multiple_dose_oral_ke_change(
    t_h: ArrayLike,
    dose_mg: float,
    tau_h: float,
    n_doses: int,
    v_l: float,
    ke_per_h: float,
    ke_after_per_h: float,
    t_change_h: float,
    ka_per_h: float,
    f: float = 1.0,
) -> Array:
    """Concentration (mg/L) during equal oral doses when the elimination rate constant changes.

    Doses at 0, tau, ..., (n_doses - 1) tau. Before ``t_change_h`` the result equals
    ``pk.multiple_dose_oral`` with ``ke_per_h``; a dose given at or after it follows the Bateman
    function with ``ke_after_per_h``. For a dose given at t_j < t_c, with s = t_c - t_j and
    u = t - t_c > 0:

        A_gut(t_c) = F Dose exp(-ka s),  C(t_c) = C_single(s; ke)
        C(t) = C(t_c) exp(-ke_after u) + C_single(u; ke_after, dose = A_gut(t_c), F = 1)

    Args:
        t_h: times after the first dose (h); 0 before it.
        dose_mg: each dose (mg).
        tau_h: dosing interval (h).
        n_doses: number of doses (a whole number from 1).
        v_l: apparent volume (L).
        ke_per_h: elimination rate constant before the change (1/h).
        ke_after_per_h: elimination rate constant from ``t_change_h`` on (1/h).
        t_change_h: when elimination changes (h after the first dose, >= 0).
        ka_per_h: absorption rate constant (1/h).
        f: bioavailability (0-1].

    Returns:
        Concentration (mg/L), shaped like ``t_h``.
    """
    n = _count("n_doses", n_doses)
    t = _finite("t_h", t_h)
    tau = float(_positive("tau_h", tau_h))
    dose, v = float(_nonneg("dose_mg", dose_mg)), float(_positive("v_l", v_l))
    ke1, ke2 = float(_positive("ke_per_h", ke_per_h)), float(_positive("ke_after_per_h",
                                                                        ke_after_per_h))
    ka, tc = float(_positive("ka_per_h", ka_per_h)), float(_nonneg("t_change_h", t_change_h))
    f = float(_fraction("f", f, allow_zero=False))
    times = np.arange(n) * tau
    total = np.zeros_like(t, dtype=float)
    after = t >= tc
    u = np.where(after, t - tc, 0.0)
    for tj in times:
        if tj >= tc:
            total += one_compartment_oral(t - tj, dose, v, ke2, ka, f)
            continue
        before = one_compartment_oral(t - tj, dose, v, ke1, ka, f)
        s = tc - tj
        c_at_change = float(one_compartment_oral(s, dose, v, ke1, ka, f))
        gut_mg = f * dose * np.exp(-ka * s)
        carried = (c_at_change * np.exp(-ke2 * u)
                   + one_compartment_oral(u, gut_mg, v, ke2, ka, 1.0))
        total += np.where(after, carried, before)
    return total
