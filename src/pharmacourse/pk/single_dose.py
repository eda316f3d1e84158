"""Single doses: IV bolus and first-order oral absorption (the Bateman function).

Source: Rowland & Tozer 2011, ch. 3; Gibaldi & Perrier 1982, ch. 1; Bateman 1910.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive
from pharmacourse.pk._stable import _exp_divided_difference_2

Array = NDArray[np.float64]

@_checked
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
    t = _finite("t_h", t_h)
    c = _nonneg("dose_mg", dose_mg) / _positive("v_l", v_l) * np.exp(
        -_positive("ke_per_h", ke_per_h) * np.maximum(t, 0.0)
    )
    return np.where(t >= 0, c, 0.0)


@_checked
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
    t = _finite("t_h", t_h)
    tt = np.maximum(t, 0.0)
    ka = _positive("ka_per_h", ka_per_h)
    ke = _positive("ke_per_h", ke_per_h)
    amount = _fraction("f", f, allow_zero=False) * _nonneg("dose_mg", dose_mg) * ka
    c = amount / _positive("v_l", v_l) * _exp_divided_difference_2(ka, ke, tt)
    return np.where(t >= 0, c, 0.0)


