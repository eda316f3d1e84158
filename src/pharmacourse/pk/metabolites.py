"""Parent -> metabolite after one oral dose (mitragynine -> 7-hydroxymitragynine).

Source: Gibaldi & Perrier 1982, ch. 1 (metabolite kinetics); Bateman 1910.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive
from pharmacourse.pk._stable import _exp_divided_difference_2, _exp_divided_difference_3

Array = NDArray[np.float64]

@_checked
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
    t = _finite("t_h", t_h)
    tt = np.maximum(t, 0.0)
    fm_arr = _fraction("fm", fm)
    ka = _positive("ka_per_h", ka_per_h)
    kp = _positive("ke_parent_per_h", ke_parent_per_h)
    km = _positive("ke_metabolite_per_h", ke_metabolite_per_h)
    absorbed = _fraction("f", f, allow_zero=False) * _nonneg("dose_mg", dose_mg) * ka
    a_parent = absorbed * _exp_divided_difference_2(ka, kp, tt)
    a_met = fm_arr * kp * absorbed * _exp_divided_difference_3(ka, kp, km, tt)
    c_parent = np.where(t >= 0, a_parent / _positive("v_parent_l", v_parent_l), 0.0)
    c_met = np.where(
        t >= 0, _positive("molar_mass_ratio", molar_mass_ratio) * a_met
        / _positive("v_metabolite_l", v_metabolite_l),
        0.0,
    )
    return c_parent, c_met
