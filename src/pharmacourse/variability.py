"""Why the same dose gives different exposures: a virtual population, one source at a time.

Exposure here is the area under the curve after one oral dose, AUC = Dose_MG / (CL/F) (lesson 04;
no time grid is needed, so thousands of people cost microseconds). Each source of variability
changes either the mitragynine dose inside the same weight of product or the apparent clearance:

- **product**: mitragynine content (mg/g) drawn uniformly on a log scale between the lowest and
  highest content of a set of assayed products (the range comes from data/product_composition;
  the uniform-on-a-log-scale shape is an assumption: the papers give ranges, not distributions);
- **clearance**: log-normal between-person variability of CL/F (``population.lognormal_parameters``)
  with a coefficient of variation that a lesson estimates from a published range
  (``omega_from_range``);
- **body size**: relative body weight log-normal around 1, CL scaling as weight^0.75 (the usual
  allometric exponent; both assumed, no kratom study measured either);
- **CYP3A4 inhibitor**: a share of people takes an inhibitor that leaves a fraction
  ``inhibited_activity`` of CYP3A4 activity; with a fraction fm of clearance through CYP3A4,
  their clearance is multiplied by fm * activity + (1 - fm) (all assumed: no fm for
  mitragynine was found in the course's sources). This is the body's clearance only: for a dose
  taken by mouth, an inhibitor of gut-wall CYP3A4 would also raise F, which is not modelled.

Every source draws from its own seed (seed, seed + 1, ...), so switching one source off leaves
the others' virtual people unchanged, and the same seed gives the same people on every machine.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pharmacourse import population
from pharmacourse._validate import checked as _checked
from pharmacourse._validate import count as _count
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import fraction as _fraction
from pharmacourse._validate import nonneg as _nonneg
from pharmacourse._validate import positive as _positive

__all__ = ["ALLOMETRIC_EXPONENT", "exposure_population", "log_uniform", "omega_from_range",
           "spread"]

Array = NDArray[np.float64]

#: Exponent of clearance on body weight, CL ~ weight^0.75 (the usual allometric assumption).
ALLOMETRIC_EXPONENT = 0.75

#: Expected range of n standard-normal draws, in SDs (Tippett's d2 constants of quality control):
#: a published min-max of n people spans about this many SDs of the underlying normal.
EXPECTED_RANGE_SD = {2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847,
                     9: 2.970, 10: 3.078}


@_checked
def omega_from_range(low: float, high: float, n_subjects: int) -> float:
    """SD of ln P estimated from the min-max range of n people: ln(high/low) / d2(n).

    A rough estimate (a range of five people is itself very uncertain); d2(n) is the expected
    range of n standard normals (``EXPECTED_RANGE_SD``, n = 2 to 10).
    """
    _positive("low", low)
    _positive("high", high)
    n = _count("n_subjects", n_subjects)
    if high < low:
        raise ValueError(f"high ({high}) must be at least low ({low})")
    if n not in EXPECTED_RANGE_SD:
        raise ValueError(f"n_subjects must be from 2 to 10 for a range-based estimate, got {n}")
    return float(np.log(high / low) / EXPECTED_RANGE_SD[n])


@_checked
def log_uniform(low: float, high: float, n_subjects: int, seed: int) -> Array:
    """n values uniform on a log scale between low and high (equal: all equal to low)."""
    _positive("low", low)
    _positive("high", high)
    if high < low:
        raise ValueError(f"high ({high}) must be at least low ({low})")
    rng = np.random.default_rng(seed)
    u = rng.random(_count("n_subjects", n_subjects))
    return np.exp(np.log(low) + u * (np.log(high) - np.log(low)))


@_checked
def exposure_population(dose_g: float, content_low_mg_per_g: float,
                        content_high_mg_per_g: float, cl_l_per_h: float, cl_cv: float,
                        weight_cv: float, fm: float, inhibitor_fraction: float,
                        n_subjects: int, seed: int,
                        inhibited_activity: float = 0.2) -> dict[str, Array]:
    """Mitragynine AUC after one dose of ``dose_g`` grams of product in a virtual population.

    Equation: AUC_i (ng·h/mL) = 1000 * dose_g * content_i / CL_i, with
    CL_i = cl_l_per_h * exp(eta_i) * w_i^0.75 * (fm * a + 1 - fm if inhibited else 1).

    Args:
        dose_g: grams of product each person takes (one amount, as a study gave it).
        content_low_mg_per_g, content_high_mg_per_g: range of mitragynine content (mg/g); equal
            values switch the product source off.
        cl_l_per_h: typical (median) apparent clearance CL/F (L/h).
        cl_cv: between-person CV of CL/F (fraction; 0 = off).
        weight_cv: CV of body weight (fraction; 0 = off), median relative weight 1.
        fm: fraction of clearance through CYP3A4 (0-1).
        inhibitor_fraction: share of people taking a CYP3A4 inhibitor (0-1; 0 = off).
        n_subjects, seed: population size and random seed.
        inhibited_activity: CYP3A4 activity left with the inhibitor (0-1, default 0.2, assumed).

    Returns:
        dict of arrays (n_subjects,): ``content_mg_per_g``, ``dose_mg``, ``weight_rel``,
        ``inhibited`` (1.0 or 0.0), ``cl_l_per_h``, ``auc_ng_h_per_ml``.
    """
    _nonneg("dose_g", dose_g)
    _positive("content_low_mg_per_g", content_low_mg_per_g)
    _positive("content_high_mg_per_g", content_high_mg_per_g)
    _positive("cl_l_per_h", cl_l_per_h)
    _nonneg("cl_cv", cl_cv)
    _nonneg("weight_cv", weight_cv)
    _fraction("fm", fm)
    _fraction("inhibitor_fraction", inhibitor_fraction)
    _fraction("inhibited_activity", inhibited_activity)
    n = _count("n_subjects", n_subjects)
    content = log_uniform(content_low_mg_per_g, content_high_mg_per_g, n, seed)
    cl = population.lognormal_parameters(
        {"cl_l_per_h": cl_l_per_h}, {"cl_l_per_h": float(population.cv_to_omega(cl_cv))},
        n, seed + 1)["cl_l_per_h"]
    weight = population.lognormal_parameters(
        {"w": 1.0}, {"w": float(population.cv_to_omega(weight_cv))}, n, seed + 2)["w"]
    inhibited = np.random.default_rng(seed + 3).random(n) < inhibitor_fraction
    cl = cl * weight**ALLOMETRIC_EXPONENT
    cl = np.where(inhibited, cl * (fm * inhibited_activity + 1.0 - fm), cl)
    dose_mg = dose_g * content
    return {"content_mg_per_g": content, "dose_mg": dose_mg, "weight_rel": weight,
            "inhibited": inhibited.astype(float), "cl_l_per_h": cl,
            "auc_ng_h_per_ml": 1000.0 * dose_mg / cl}


@_checked
def spread(values: ArrayLike, coverage: float = 0.9) -> dict[str, float]:
    """Median, the central ``coverage`` interval (default 5th-95th percentile) and its fold.

    ``fold`` = upper / lower percentile: how many times the exposure of a person near the top
    exceeds that of a person near the bottom (1 = no spread).
    """
    x = _finite("values", values).ravel()
    if x.size == 0 or np.any(x <= 0):
        raise ValueError("values must be a non-empty array of positive numbers")
    _fraction("coverage", coverage, allow_zero=False)
    tail = 50.0 * (1.0 - coverage)
    lo, med, hi = np.percentile(x, [tail, 50.0, 100.0 - tail])
    return {"lower": float(lo), "median": float(med), "upper": float(hi),
            "fold": float(hi / lo)}
