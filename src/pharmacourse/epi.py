"""Epidemiology helpers: how recruitment into a sample biases a prevalence estimate (lesson 01),
and how a confounder puts a substance into deaths it did not cause (lesson 08, below).

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


# --- confounding: a substance found in deaths that it did not cause ----------------------------
#
# Model (lesson 08): a hypothetical population in two strata, people who use other drugs (share
# ``p_other``) and people who do not. The substance is used by ``use_if_other`` of the first
# stratum and ``use_if_none`` of the second (a difference between them is the association that
# makes "other drugs" a confounder). The risk of death is multiplied by ``rr_other`` for other
# drugs and by ``rr_substance`` for the substance (its true causal effect; 1 = none), with no
# interaction. Standard confounding algebra (Rothman, Greenland & Lash, *Modern Epidemiology*,
# chapter on confounding); the baseline risk cancels from every ratio below.


def _death_strata(p_other: ArrayLike, use_if_other: ArrayLike, use_if_none: ArrayLike,
                  rr_other: ArrayLike, rr_substance: ArrayLike) -> tuple[np.ndarray, ...]:
    """People and deaths (relative units) per stratum: (people, deaths) for substance and other,
    substance only, other only, neither."""
    c = _fraction("p_other", p_other)
    u1 = _fraction("use_if_other", use_if_other)
    u0 = _fraction("use_if_none", use_if_none)
    rr_c = _positive("rr_other", rr_other)
    rr_s = _positive("rr_substance", rr_substance)
    people = (c * u1, (1 - c) * u0, c * (1 - u1), (1 - c) * (1 - u0))
    deaths = (people[0] * rr_c * rr_s, people[1] * rr_s, people[2] * rr_c, people[3])
    return people, deaths


@_checked
def crude_risk_ratio(p_other: ArrayLike, use_if_other: ArrayLike, use_if_none: ArrayLike,
                     rr_other: ArrayLike, rr_substance: ArrayLike) -> np.ndarray:
    """Risk ratio of death, people who use the substance vs people who do not, ignoring other drugs.

    Equation: RR_crude = [(D_so + D_s) / (N_so + N_s)] / [(D_o + D_n) / (N_o + N_n)], with the
    strata of the module comment (N people, D deaths; so = substance and other drugs, s =
    substance only, o = other drugs only, n = neither). With ``rr_substance`` = 1 it measures
    confounding alone.

    Args:
        p_other: share of the population who use other drugs (fraction, 0-1 exclusive).
        use_if_other: share of them who also use the substance (fraction).
        use_if_none: share of the others who use the substance (fraction).
        rr_other: risk ratio of death for other drugs (> 0, dimensionless).
        rr_substance: true risk ratio of death for the substance (> 0; 1 = no effect).

    Returns:
        The crude risk ratio (dimensionless).
    """
    people, deaths = _death_strata(p_other, use_if_other, use_if_none, rr_other, rr_substance)
    exposed = (deaths[0] + deaths[1]) / (people[0] + people[1])
    unexposed = (deaths[2] + deaths[3]) / (people[2] + people[3])
    return exposed / unexposed


@_checked
def share_with_other_drugs(p_other: ArrayLike, use_if_other: ArrayLike, use_if_none: ArrayLike,
                           rr_other: ArrayLike, rr_substance: ArrayLike) -> np.ndarray:
    """Share of substance-positive deaths in which other drugs are also present (fraction).

    Equation: D_so / (D_so + D_s) = p u1 RR_o / (p u1 RR_o + (1 - p) u0); ``rr_substance``
    cancels, so this share says nothing about the substance's own effect.

    Args: as :func:`crude_risk_ratio`.
    """
    _, deaths = _death_strata(p_other, use_if_other, use_if_none, rr_other, rr_substance)
    return deaths[0] / (deaths[0] + deaths[1])


@_checked
def attributable_fraction_exposed(rr_substance: ArrayLike) -> np.ndarray:
    """Share of substance-positive deaths that would not have happened without the substance.

    Equation: AF_exposed = (RR - 1) / RR for a true risk ratio RR >= 1 (0 when RR = 1).

    Args:
        rr_substance: true risk ratio of death for the substance (>= 1, dimensionless).
    """
    rr = _finite("rr_substance", rr_substance)
    if np.any(rr < 1):
        raise ValueError(f"rr_substance must be at least 1 (a harmful or neutral substance), "
                         f"got {rr_substance!r}")
    return (rr - 1.0) / rr
