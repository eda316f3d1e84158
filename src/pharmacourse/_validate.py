"""Input checks shared by the model modules (pk, pd, interactions).

Invalid inputs (NaN, infinity, a negative dose, a zero volume or half-life, a fraction above 1)
raise ``ValueError`` naming the argument, instead of propagating NaN or a negative
concentration into a learner's plot.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def finite(name: str, value: ArrayLike) -> Array:
    """``value`` as a float array; raises if any element is NaN or infinite."""
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or infinity), got {value!r}")
    return arr


def positive(name: str, value: ArrayLike) -> Array:
    """``value`` as a float array; raises unless every element is finite and > 0."""
    arr = finite(name, value)
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be positive, got {value!r}")
    return arr


def nonneg(name: str, value: ArrayLike) -> Array:
    """``value`` as a float array; raises unless every element is finite and >= 0."""
    arr = finite(name, value)
    if np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return arr


def fraction(name: str, value: ArrayLike, *, allow_zero: bool = True) -> Array:
    """``value`` as a float array in [0, 1] (or (0, 1] when ``allow_zero`` is False)."""
    arr = finite(name, value)
    low_bad = arr < 0 if allow_zero else arr <= 0
    if np.any(low_bad | (arr > 1)):
        interval = "[0, 1]" if allow_zero else "(0, 1]"
        raise ValueError(f"{name} must be in {interval}, got {value!r}")
    return arr
