"""Concentration units of the PK models: mg/L to ng/mL and to nmol/L."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse import units

Array = NDArray[np.float64]

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


