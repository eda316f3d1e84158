"""The virtual-population exposure model of lesson 09 (pharmacourse.variability)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pharmacourse import variability as v

BASE = dict(dose_g=2.0, content_low_mg_per_g=3.9, content_high_mg_per_g=62.1, cl_l_per_h=233.0,
            cl_cv=0.68, weight_cv=0.2, fm=0.8, inhibitor_fraction=0.1, n_subjects=3000, seed=7)
OFF = dict(BASE, content_low_mg_per_g=19.48, content_high_mg_per_g=19.48, cl_cv=0.0,
           weight_cv=0.0, inhibitor_fraction=0.0)


def test_no_variability_gives_everyone_dose_over_clearance() -> None:
    auc = v.exposure_population(**OFF)["auc_ng_h_per_ml"]
    assert np.allclose(auc, 1000 * 2.0 * 19.48 / 233.0)  # hand arithmetic: 167.2 ng·h/mL


def test_inhibitor_multiplies_clearance_by_fm_times_activity_plus_rest() -> None:
    out = v.exposure_population(**dict(OFF, inhibitor_fraction=0.5))
    inhibited = out["inhibited"] == 1.0
    assert 0.45 < inhibited.mean() < 0.55
    ratio = out["auc_ng_h_per_ml"][inhibited] / out["auc_ng_h_per_ml"][~inhibited][0]
    assert np.allclose(ratio, 1 / (0.8 * 0.2 + 0.2))  # 2.78-fold


def test_product_content_stays_inside_the_published_range_and_spans_it() -> None:
    c = v.exposure_population(**BASE)["content_mg_per_g"]
    assert c.min() >= 3.9 and c.max() <= 62.1
    assert c.min() < 4.5 and c.max() > 55  # log-uniform over the whole range
    assert abs(np.median(c) - math.sqrt(3.9 * 62.1)) < 1.5  # median = geometric mean


def test_clearance_cv_is_recovered_from_the_draws() -> None:
    cl = v.exposure_population(**dict(OFF, cl_cv=0.5, n_subjects=20000))["cl_l_per_h"]
    omega = np.std(np.log(cl))
    assert abs(omega - math.sqrt(math.log(1 + 0.5**2))) < 0.01


def test_switching_one_source_off_keeps_the_other_sources_people() -> None:
    both = v.exposure_population(**dict(OFF, cl_cv=0.68, content_low_mg_per_g=3.9,
                                        content_high_mg_per_g=62.1))
    cl_only = v.exposure_population(**dict(OFF, cl_cv=0.68))
    assert np.array_equal(both["cl_l_per_h"], cl_only["cl_l_per_h"])


def test_sources_together_spread_more_than_each_alone() -> None:
    folds = {name: v.spread(v.exposure_population(**dict(OFF, **change))["auc_ng_h_per_ml"])["fold"]
             for name, change in {"product": dict(content_low_mg_per_g=3.9,
                                                  content_high_mg_per_g=62.1),
                                  "clearance": dict(cl_cv=0.68)}.items()}
    together = v.spread(v.exposure_population(**dict(OFF, cl_cv=0.68, content_low_mg_per_g=3.9,
                                                     content_high_mg_per_g=62.1))
                        ["auc_ng_h_per_ml"])["fold"]
    assert together > max(folds.values())
    # the 5th-95th percentiles of a log-uniform range span 90 % of its log width
    assert folds["product"] == pytest.approx((62.1 / 3.9) ** 0.9, rel=0.05)


def test_omega_from_range_of_five_people() -> None:
    # ln(302 / 71.7) / 2.326 = 1.4379 / 2.326 = 0.618
    assert v.omega_from_range(71.7, 302.0, 5) == pytest.approx(0.6182, abs=1e-3)
    with pytest.raises(ValueError, match="n_subjects"):
        v.omega_from_range(1.0, 2.0, 40)
    with pytest.raises(ValueError, match="high"):
        v.omega_from_range(3.0, 2.0, 5)


def test_spread_percentiles_and_fold() -> None:
    s = v.spread(np.arange(1.0, 101.0))
    assert s["median"] == pytest.approx(50.5)
    assert s["fold"] == pytest.approx(s["upper"] / s["lower"])
    with pytest.raises(ValueError, match="positive"):
        v.spread([1.0, 0.0])


@pytest.mark.parametrize("name", ["dose_g", "cl_l_per_h", "fm", "inhibitor_fraction", "cl_cv",
                                  "weight_cv", "content_low_mg_per_g", "n_subjects", "seed"])
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1, "5", None])
def test_bad_input_names_the_argument(name: str, bad: object) -> None:
    with pytest.raises(ValueError, match=name):
        v.exposure_population(**dict(BASE, **{name: bad}))


@settings(max_examples=30, deadline=None)
@given(low=st.floats(0.5, 50), fold=st.floats(1, 30), cv=st.floats(0, 1.5), share=st.floats(0, 1),
       fm=st.floats(0, 1), seed=st.integers(0, 10_000))
def test_any_valid_input_gives_finite_positive_exposures(low, fold, cv, share, fm, seed) -> None:
    out = v.exposure_population(2.0, low, low * fold, 233.0, cv, cv / 3, fm, share, 200, seed)
    assert np.all(np.isfinite(out["auc_ng_h_per_ml"])) and np.all(out["auc_ng_h_per_ml"] > 0)
