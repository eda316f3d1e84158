"""Concentration units of the PK models: mg/L to ng/mL and to nmol/L."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse import units
from pharmacourse._validate import checked as _checked
from pharmacourse._validate import nonneg as _nonneg

Array = NDArray[np.float64]

@_checked
def mg_per_l_to_ng_per_ml(c_mg_per_l: ArrayLike) -> Array:
    """Convert mg/L to ng/mL: 1 mg/L = 1000 ng/mL (1 mg/L = 1 ug/mL)."""
    return _nonneg("c_mg_per_l", c_mg_per_l) * 1000.0


@_checked
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

    try:
        molar_mass = data.molar_mass(compound)
    except data.UnknownDatasetError as err:
        raise ValueError(f"compound {compound!r} has no molar mass in the course data: "
                         f"{err}") from None
    return units.ng_per_ml_to_nmol_per_l(np.asarray(c_ng_per_ml, dtype=float), molar_mass)


