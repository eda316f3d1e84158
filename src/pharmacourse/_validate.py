"""Input checks shared by the model modules (pk, nca, pd, interactions, population, epi, units).

The contract: invalid input raises ``ValueError`` whose message names the argument; valid input
gives a finite result. Two layers keep it in one place:

- ``checked``, a decorator on every public model function, reads the function's annotations and
  refuses what no model accepts: None where None has no meaning, strings or bools for numbers,
  NaN and infinity, an array where one number is expected, arrays whose shapes do not broadcast
  together, counts that are not whole numbers or exceed their limit (``COUNT_LIMITS``).
- ``finite``, ``positive``, ``nonneg`` and ``fraction`` check ranges inside the functions,
  named by the argument (``positive("ka_per_h (ka, 1/h)", ka_per_h)``).

A property test (``tests/unit/test_model_inputs.py``) walks every public function of these
modules and feeds each argument NaN, inf, -1, "5", None and a mismatched-shape array.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable, Mapping
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
F = TypeVar("F", bound=Callable)

#: Bounds of the whole-number arguments (inclusive). n_doses is capped because a superposition
#: costs one model evaluation per dose; beyond 10,000 doses use the steady-state functions.
COUNT_LIMITS = {
    "n_doses": (1, 10_000),
    "n_subjects": (1, 1_000_000),
    "n_points": (2, 100_000),
    "seed": (0, 2**63 - 1),
}


def _describe(value: object) -> str:
    text = repr(value)
    return (text if len(text) <= 60 else text[:57] + "...") + f" ({type(value).__name__})"


def numbers_only(name: str, value: ArrayLike) -> Array:
    """``value`` as a float array; refuses None, strings, bools and non-numeric arrays."""
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        raise ValueError(f"{name} must be a number or an array of numbers, got "
                         f"{_describe(value)}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as err:  # ragged lists and the like
        raise ValueError(f"{name} must be a number or an array of numbers: {err}") from None
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must contain only real numbers, got {_describe(value)}")
    return arr.astype(float, copy=False)


def finite(name: str, value: ArrayLike) -> Array:
    """``value`` as a float array; raises if any element is NaN or infinite."""
    arr = numbers_only(name, value)
    if not (math.isfinite(arr) if arr.ndim == 0 else np.isfinite(arr).all()):
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


def count(name: str, value: object) -> int:
    """A whole number within ``COUNT_LIMITS[name]`` (default >= 0), as an int."""
    low, high = COUNT_LIMITS.get(name, (0, 2**63 - 1))
    whole = (isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
             and bool(np.isfinite(value)) and float(value).is_integer())
    if not whole or not low <= value <= high:
        hint = ("; for a longer regimen use the steady-state functions (steady_state_oral)"
                if name == "n_doses" else "")
        raise ValueError(f"{name} must be a whole number from {low:,} to {high:,}, got "
                         f"{_describe(value)}{hint}")
    return int(value)


def _kind(annotation: str) -> tuple[str | None, bool]:
    """(kind, optional) from a string annotation such as 'ArrayLike | None'."""
    parts = [p.strip() for p in annotation.split("|")]
    optional = "None" in parts
    base = next((p for p in parts if p != "None"), "")
    kinds = {"ArrayLike": "array", "float": "number", "int": "count", "str": "str",
             "bool": "bool"}
    if base in kinds:
        return kinds[base], optional
    if base.startswith("Mapping"):
        return "mapping", optional
    if base.endswith("DataFrame"):
        return "frame", optional
    if base.endswith("Quantity"):
        return "quantity", optional
    return None, optional


def _check_one(name: str, kind: str, value: object) -> tuple[int, ...] | None:
    """Checks one argument by kind; returns its shape for arrays (for the broadcast check)."""
    if kind == "array":
        return finite(name, value).shape
    if kind == "number":
        if finite(name, value).size != 1:
            raise ValueError(f"{name} must be a single number, got an array of shape "
                             f"{np.shape(value)}")
    elif kind == "count":
        count(name, value)
    elif kind == "str" and not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {_describe(value)}")
    elif kind == "bool" and not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {_describe(value)}")
    elif kind == "mapping":
        if not isinstance(value, Mapping):
            raise ValueError(f"{name} must be a dict of numbers by name, got {_describe(value)}")
        for key, item in value.items():
            finite(f"{name}[{key!r}]", item)
            if np.ndim(item) != 0:
                raise ValueError(f"{name}[{key!r}] must be a single number, got {item!r}")
    elif kind == "frame":
        import pandas as pd

        if not isinstance(value, pd.DataFrame):
            raise ValueError(f"{name} must be a pandas DataFrame, got {_describe(value)}")
    elif kind == "quantity" and not hasattr(value, "to"):
        raise ValueError(f"{name} must be a pint Quantity such as Q_(12, 'h'), got "
                         f"{_describe(value)}")
    return None


def _check_broadcast(shapes: dict[str, tuple[int, ...]]) -> None:
    """Raise naming the first argument whose shape does not broadcast with the ones before."""
    try:
        np.broadcast_shapes(*shapes.values())
        return
    except ValueError:
        pass
    seen: dict[str, tuple[int, ...]] = {}
    for name, shape in shapes.items():
        try:
            np.broadcast_shapes(*seen.values(), shape)
        except ValueError:
            others = ", ".join(f"{k} {s}" for k, s in seen.items())
            raise ValueError(f"{name} has shape {shape}, which does not broadcast with "
                             f"{others}: give arrays of matching shapes") from None
        seen[name] = shape


def checked(func: F) -> F:
    """Decorator: check every argument of ``func`` by its annotation before the call.

    See the module docstring. Arrays (``ArrayLike`` arguments) must broadcast together; the
    message names the first argument whose shape does not fit the ones before it.
    """
    sig = inspect.signature(func)
    kinds = {name: _kind(str(p.annotation)) for name, p in sig.parameters.items()}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        shapes: dict[str, tuple[int, ...]] = {}
        for name, value in bound.arguments.items():
            kind, optional = kinds[name]
            if kind is None or (value is None and optional):
                continue
            shape = _check_one(name, kind, value)
            if shape:  # () broadcasts with anything
                shapes[name] = shape
        if len(shapes) > 1:
            _check_broadcast(shapes)
        return func(*args, **kwargs)

    wrapper.__checked__ = True  # the property test asserts every public function has it
    return wrapper  # type: ignore[return-value]
