"""Peak-trough fluctuation and loading dose (lesson 05), against steady state and superposition."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pharmacourse import pk

rate = st.floats(min_value=1e-3, max_value=1.0)
interval = st.floats(min_value=1.0, max_value=96.0)


@given(rate, interval)
@settings(max_examples=60, deadline=None)
def test_fluctuation_is_the_swing_over_the_average_at_steady_state(ke, tau):
    t = np.linspace(0.0, tau, 4001)[:-1]
    c = pk.steady_state_iv_bolus(t, 10.0, tau, 50.0, ke)
    peak = float(pk.steady_state_iv_bolus(0.0, 10.0, tau, 50.0, ke))
    trough = peak * np.exp(-ke * tau)  # the concentration just before the next dose
    average = float(pk.average_steady_state_conc_mg_per_l(10.0, tau, ke * 50.0))
    assert np.mean(c) == pytest.approx(average, rel=0.01 * ke * tau + 1e-6)  # numerical mean
    assert pk.peak_trough_fluctuation(ke, tau) == pytest.approx((peak - trough) / average,
                                                                rel=1e-9)


def test_fluctuation_depends_on_interval_over_half_life_not_dose():
    ke = np.log(2) / 10.0
    assert pk.peak_trough_fluctuation(ke, 10.0) == pytest.approx(np.log(2))  # one half-life
    assert pk.peak_trough_fluctuation(ke, 5.0) == pytest.approx(np.log(2) / 2)


@given(rate, interval)
@settings(max_examples=60, deadline=None)
def test_loading_dose_reaches_the_steady_state_peak_at_once(ke, tau):
    dose, v = 100.0, 40.0
    peak_ss = float(pk.steady_state_iv_bolus(0.0, dose, tau, v, ke))
    loading = float(pk.loading_dose_mg(peak_ss, v))
    # the loading dose is the maintenance dose times the accumulation ratio
    assert loading == pytest.approx(dose * pk.accumulation_ratio(ke, tau), rel=1e-9)
    # a loading dose, then maintenance doses from tau on: the peaks stay at the steady state
    n = 6
    t = np.arange(n) * tau
    c = (pk.one_compartment_iv_bolus(t, loading, v, ke)
         + sum(pk.one_compartment_iv_bolus(t - j * tau, dose, v, ke) * (t >= j * tau)
               for j in range(1, n)))
    np.testing.assert_allclose(c, peak_ss, rtol=1e-9)


def test_loading_dose_divides_by_bioavailability():
    assert pk.loading_dose_mg(2.0, 50.0, 0.5) == pytest.approx(200.0)
    assert pk.loading_dose_mg(0.0, 50.0) == 0.0


@pytest.mark.parametrize(("call", "name"), [
    (lambda: pk.peak_trough_fluctuation(0.0, 24.0), "ke_per_h"),
    (lambda: pk.peak_trough_fluctuation(0.1, -1.0), "tau_h"),
    (lambda: pk.loading_dose_mg(-1.0, 50.0), "c_mg_per_l"),
    (lambda: pk.loading_dose_mg(1.0, 0.0), "v_l"),
    (lambda: pk.loading_dose_mg(1.0, 50.0, 1.5), "f"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
