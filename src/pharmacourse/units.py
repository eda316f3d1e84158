"""Units for the course: one shared pint registry and concentration conversions.

Every quantity a learner types (a quiz answer, an exercise answer) and every unit conversion in
the models goes through the single registry ``ureg`` defined here, so "12 h", "720 min" and
"0.5 d" compare equal everywhere.

Mass and amount concentrations are linked by the molar mass *M* (g/mol):

    c_mass [ng/mL] = c_amount [nmol/L] * M [g/mol] / 1000

because 1 nmol/L * M g/mol = M ng/L = M/1000 ng/mL.
"""

from __future__ import annotations

import numpy as np
import pint
from numpy.typing import ArrayLike

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive

#: The one unit registry of the course (pint). Quantities from different registries cannot be
#: compared, so every module imports this one.
ureg = pint.UnitRegistry()
ureg.define("molar = mole / liter = M")
Q_ = ureg.Quantity


def _like_input(given: object, result: np.ndarray) -> float | np.ndarray:
    """A plain float for a plain number given (as before the checks), else the array."""
    return float(result) if isinstance(given, (int, float)) else result


@_checked
def ng_per_ml_to_nmol_per_l(c_ng_per_ml: ArrayLike, molar_mass_g_per_mol: float) -> np.ndarray:
    """Convert a mass concentration (ng/mL) to an amount concentration (nmol/L).

    Equation: c [nmol/L] = c [ng/mL] * 1000 / M [g/mol].

    Args:
        c_ng_per_ml: concentration in ng/mL (numpy arrays work too).
        molar_mass_g_per_mol: molar mass in g/mol (mitragynine: 398.5 g/mol).

    Returns:
        The concentration in nmol/L.
    """
    return _like_input(c_ng_per_ml, _nonneg("c_ng_per_ml", c_ng_per_ml) * 1000.0
                       / _positive("molar_mass_g_per_mol", molar_mass_g_per_mol))


@_checked
def nmol_per_l_to_ng_per_ml(c_nmol_per_l: ArrayLike, molar_mass_g_per_mol: float) -> np.ndarray:
    """Convert an amount concentration (nmol/L) to a mass concentration (ng/mL).

    Equation: c [ng/mL] = c [nmol/L] * M [g/mol] / 1000.

    Args:
        c_nmol_per_l: concentration in nmol/L (numpy arrays work too).
        molar_mass_g_per_mol: molar mass in g/mol.

    Returns:
        The concentration in ng/mL.
    """
    return _like_input(c_nmol_per_l, _nonneg("c_nmol_per_l", c_nmol_per_l)
                       * _positive("molar_mass_g_per_mol", molar_mass_g_per_mol) / 1000.0)


@_checked
def to_unit(quantity: pint.Quantity, unit: str, molar_mass_g_per_mol: float | None = None) -> float:
    """Return the magnitude of ``quantity`` expressed in ``unit``.

    When the dimensions differ only by amount versus mass (nmol/L versus ng/mL) and a molar mass
    is given, the conversion goes through it (pint's ``chemistry`` context).

    Raises:
        pint.DimensionalityError: if the dimensions cannot be reconciled.
        ValueError: a unit pint does not know, a non-finite magnitude, a molar mass <= 0.
    """
    try:
        ureg.Unit(unit)
    except (pint.errors.UndefinedUnitError, ValueError, TypeError, AttributeError) as err:
        raise ValueError(f"unit {unit!r} is not a unit pint knows ({err})") from None
    magnitude = np.asarray(quantity.magnitude)
    if magnitude.dtype.kind not in "iuf" or not np.all(np.isfinite(magnitude)):
        raise ValueError(f"quantity must have a finite number as magnitude, got {quantity!r}")
    if molar_mass_g_per_mol is not None:
        _positive("molar_mass_g_per_mol", molar_mass_g_per_mol)
        with ureg.context("chemistry", mw=molar_mass_g_per_mol * ureg("g/mol")):
            return float(quantity.to(unit).magnitude)
    return float(quantity.to(unit).magnitude)
