"""Tiny worked formulas used by the demo bank and the tests of named-function answers.

Real lessons name functions of the models (``pharmacourse.pk...``); these exist so that the quiz
machinery can be shown and tested without depending on them.
"""

from __future__ import annotations

import math


def half_life_h(k_per_h: float) -> float:
    """Elimination half-life (h) from the first-order rate constant k (1/h): t1/2 = ln 2 / k."""
    return math.log(2) / k_per_h


def forgot_ln2_h(k_per_h: float) -> float:
    """A typical slip: 1 / k (h), the mean residence time of the one-compartment model, not t1/2."""
    return 1.0 / k_per_h


def days_to_hours(days: float) -> float:
    """Hours in a number of days: h = 24 * d."""
    return 24.0 * days
