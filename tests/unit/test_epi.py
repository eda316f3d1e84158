"""Selection-bias model (pharmacourse.epi) and the sampling explorer built on it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharmacourse import epi, explorers

fractions = st.floats(min_value=1e-4, max_value=0.9999)


def test_no_selection_reports_the_truth():
    assert epi.sample_prevalence(0.007, 1.0) == pytest.approx(0.007)


def test_worked_example_by_hand():
    # p = 0.7 %, r = 10: 0.07 / (0.07 + 0.993) = 0.0658514...
    assert epi.sample_prevalence(0.007, 10.0) == pytest.approx(0.07 / 1.063, rel=1e-12)


@given(p=fractions, ps=fractions)
def test_recruitment_ratio_inverts_sample_prevalence(p, ps):
    r = epi.recruitment_ratio(p, ps)
    assert float(epi.sample_prevalence(p, r)) == pytest.approx(ps, rel=1e-9, abs=1e-12)


@given(p=fractions, r1=st.floats(1, 100), r2=st.floats(1, 100))
def test_more_selection_never_lowers_the_estimate(p, r1, r2):
    lo, hi = sorted((r1, r2))
    assert epi.sample_prevalence(p, hi) >= epi.sample_prevalence(p, lo) - 1e-15


def test_rare_outcome_ratio_is_close_to_the_ratio_of_percentages():
    r = float(epi.recruitment_ratio(0.007, 0.067))
    assert r == pytest.approx((0.067 / 0.933) / (0.007 / 0.993))
    assert 9.5 < r < 10.5 and math.isclose(r, 0.067 / 0.007, rel_tol=0.1)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_prevalence_outside_zero_one_is_refused(bad):
    with pytest.raises(ValueError, match="p_true"):
        epi.sample_prevalence(bad, 2.0)


def test_non_positive_recruitment_ratio_is_refused():
    with pytest.raises(ValueError, match="positive"):
        epi.sample_prevalence(0.1, 0.0)


def test_sampling_explorer_moves_its_marker_and_redraws():
    e = explorers.SamplingExplorer(published={"crowdsourced online sample": 6.7})
    before = e.image.value
    e.sliders["recruitment"].value = 10.0
    assert e.image.value != before
    x, y = e.data()["marker"]
    assert x == pytest.approx(10.0)
    assert y == pytest.approx(100 * float(epi.sample_prevalence(0.007, 10.0)))
    np.testing.assert_allclose(e.data()["sample_percent"],
                               100 * epi.sample_prevalence(0.007, e.r_grid))
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Sampling explorer") and "image/png" in bundle


def test_single_dose_explorer_matches_the_bateman_function_and_moves_its_peak():
    from pharmacourse import pk

    e = explorers.SingleDosePKExplorer()
    before = e.image.value
    e.sliders["dose_mg"].value = 2 * e.params["dose_mg"] if e.params["dose_mg"] < 26 else 20.0
    assert e.image.value != before
    p = e.params
    k = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
    expected = pk.mg_per_l_to_ng_per_ml(
        pk.one_compartment_oral(e.t_h, p["dose_mg"], e.v_l, k, p["ka_per_h"]))
    np.testing.assert_allclose(e.data()["c_ng_per_ml"], expected)
    t_peak, c_peak = e.data()["peak"]
    assert c_peak == pytest.approx(float(np.max(expected)))
    # Closed-form tmax of the Bateman function: ln(ka/k) / (ka - k).
    ka = p["ka_per_h"]
    assert t_peak == pytest.approx(math.log(ka / k) / (ka - k), abs=0.1)  # 0.1 h time grid
    assert e._repr_mimebundle_()["text/plain"].startswith("Single-dose PK explorer")
