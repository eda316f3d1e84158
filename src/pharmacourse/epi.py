"""Epidemiology helpers: how recruitment into a sample biases a prevalence estimate.

Model (selection on the exposure): in a population with true prevalence *p*, a survey recruits a
person who uses the substance *r* times as readily as a person who does not (r is the
recruitment ratio, an odds ratio of selection). The share of users in the sample is then

    p_sample = r p / (r p + (1 - p)),

and, inverted, the recruitment ratio that turns *p* into an observed *p_sample* is the ratio of
their odds:

    r = [p_sample / (1 - p_sample)] / [p / (1 - p)].

Source: standard selection-bias algebra (e.g. Rothman, Greenland & Lash, *Modern Epidemiology*,
on selection bias as differential sampling fractions). Proportions are fractions (0-1), not %.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import positive as _positive


def _fraction(name: str, value: ArrayLike) -> np.ndarray:
    arr = _finite(name, value)
    if np.any((arr <= 0) | (arr >= 1)):
        raise ValueError(f"{name} must be a fraction strictly between 0 and 1, got {value!r}")
    return arr


@_checked
def sample_prevalence(p_true: ArrayLike, recruitment_ratio: ArrayLike) -> np.ndarray:
    """Prevalence a sample reports when users are ``recruitment_ratio`` times as likely to join.

    Equation: p_sample = r p / (r p + 1 - p).

    Args:
        p_true: true prevalence in the population (fraction, 0 < p < 1).
        recruitment_ratio: r > 0 (1 = no selection; 10 = users ten times as likely to join).

    Returns:
        The prevalence in the sample (fraction).
    """
    p = _fraction("p_true", p_true)
    r = _positive("recruitment_ratio", recruitment_ratio)
    return r * p / (r * p + (1.0 - p))


@_checked
def recruitment_ratio(p_true: ArrayLike, p_sample: ArrayLike) -> np.ndarray:
    """The recruitment ratio that turns ``p_true`` into ``p_sample``: the ratio of their odds.

    Equation: r = [p_s / (1 - p_s)] / [p / (1 - p)].

    Args:
        p_true: true prevalence (fraction, 0 < p < 1).
        p_sample: prevalence the sample reports (fraction, 0 < p < 1).
    """
    p = _fraction("p_true", p_true)
    ps = _fraction("p_sample", p_sample)
    return (ps / (1.0 - ps)) / (p / (1.0 - p))
