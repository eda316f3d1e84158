"""Units for the course: one shared pint registry and concentration conversions.

Every quantity a learner types (a quiz answer, an exercise answer) and every unit conversion in
the models goes through the single registry ``ureg`` defined here, so "12 h", "720 min" and
"0.5 d" compare equal everywhere.

The registry is built on first use (``units.ureg``), not at import: pint costs about half a second
to import and as much again to parse its definitions, and a lesson's first cell should not pay
for units it may never convert. Its parsed definitions are cached (pint's own cache, in
``$PHARMACOURSE_CACHE_DIR`` or the user cache folder), so later kernels build it in ~0.1 s; a
cache folder that cannot be written is skipped, never an error.

Mass and amount concentrations are linked by the molar mass *M* (g/mol):

    c_mass [ng/mL] = c_amount [nmol/L] * M [g/mol] / 1000

because 1 nmol/L * M g/mol = M ng/L = M/1000 ng/mL.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    import pint

_REGISTRY: Any = None


def _cache_dir() -> Path | None:
    """Where pint may cache its parsed definitions, or None if no folder can be written."""
    base = os.environ.get("PHARMACOURSE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    folder = (Path(base) if base else Path.home() / ".cache") / "pharmacourse" / "pint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".writable"
        probe.touch()
    except OSError:
        return None
    return folder


def _registry() -> pint.UnitRegistry:
    """The one unit registry of the course (pint), built on first use.

    Quantities from different registries cannot be compared, so every module uses this one
    (``units.ureg``; ``units.Q_`` is its Quantity class).
    """
    global _REGISTRY
    if _REGISTRY is None:
        import pint

        folder = _cache_dir()
        try:
            reg = pint.UnitRegistry(cache_folder=folder) if folder else pint.UnitRegistry()
        except Exception:  # a stale or unreadable cache must never stop a lesson
            reg = pint.UnitRegistry()
        reg.define("molar = mole / liter = M")
        _REGISTRY = reg
    return _REGISTRY


def __getattr__(name: str) -> Any:
    """``ureg`` and ``Q_`` are built on first access (PEP 562), see :func:`_registry`."""
    if name == "ureg":
        return _registry()
    if name == "Q_":
        return _registry().Quantity
    raise AttributeError(f"module 'pharmacourse.units' has no attribute {name!r}")


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
    import pint

    ureg = _registry()
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
