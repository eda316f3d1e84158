"""Multiple-dose and steady-state closed forms over extreme ranges (issue 12, section 1).

Ranges: ka and ke log-uniform in [1e-3, 1e3] 1/h, tau log-uniform in [0.1, 1000] h, up to 60
doses against superposition (and 10,000 doses on a few points), up to 8 doses against
``solve_ivp`` with dose events. The closed forms must be finite and within a relative 1e-6 of
the reference (absolute floor: 1e-9 of the first peak, Dose/V * min(1, ka/ke), for the ODE,
whose own tolerance is relative; 1e-280 for superposition, where only underflow is excused).

The old divided-difference form overflowed (NaN, inf) once (ka - ke) tau passed about 710:
weekly dosing with ka >= 4.3/h, daily dosing with ka >= 30/h; those cases are the @examples.
"""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from pharmacourse import pk

RTOL = 1e-6
KE_MG = float(np.log(2) / 45.0)  # mitragynine-like half-life of 45 h

rate = st.floats(min_value=-3.0, max_value=3.0).map(lambda e: 10.0**e)
interval = st.floats(min_value=-1.0, max_value=3.0).map(lambda e: 10.0**e)


def _grid(tau: float, n_doses: int) -> np.ndarray:
    """Points inside every interval, at the doses and well after the last one."""
    inside = (np.arange(n_doses + 3)[:, None] + np.array([0.0, 0.01, 0.1, 0.5, 0.99])) * tau
    return np.concatenate([inside.ravel(), [n_doses * tau + 50 * tau]])


def _superposition_ss(t: np.ndarray, dose, tau, v, ke, ka) -> np.ndarray:
    """Steady state as the infinite superposition sum, cut where the terms are below 1e-18."""
    m = int(np.ceil(42.0 / (min(ka, ke) * tau))) + 2
    s = (np.mod(t, tau)[:, None] + tau * np.arange(m)[None, :])
    terms = pk.one_compartment_oral(s, dose, v, ke, ka)
    return terms[:, ::-1].sum(axis=1)  # small terms first


@given(rate, rate, interval, st.integers(min_value=1, max_value=60))
@example(KE_MG, 4.3, 168.0, 5)  # weekly dosing, ka 4.3/h: was NaN
@example(KE_MG, 10.0, 168.0, 12)
@example(KE_MG, 30.0, 24.0, 30)  # daily dosing, ka 30/h: was NaN
@example(KE_MG, 1000.0, 1000.0, 3)
@example(1000.0, 1e-3, 1000.0, 3)  # flip-flop, extreme
@example(0.3, 0.3, 24.0, 10)  # ka = ke exactly
@example(0.3, 0.3 * (1 + 1e-9), 24.0, 10)  # nearly equal
@example(1e-3, 1e-3 * (1 + 1e-6), 0.1, 60)  # nearly equal, slow, short interval
@settings(max_examples=150, deadline=None)
def test_closed_form_equals_superposition_extreme(ke, ka, tau, n_doses):
    t = _grid(tau, n_doses)
    closed = pk.multiple_dose_oral(t, 39.0, tau, n_doses, 100.0, ke, ka)
    summed = pk.multiple_dose_oral_superposition(t, 39.0, tau, n_doses, 100.0, ke, ka)
    assert np.all(np.isfinite(closed))
    np.testing.assert_allclose(closed, summed, rtol=RTOL, atol=1e-280)


@given(rate, rate, interval)
@example(KE_MG, 4.3, 168.0)  # was inf
@example(KE_MG, 30.0, 24.0)  # was inf
@example(KE_MG, 1000.0, 1000.0)
@example(0.3, 0.3, 24.0)
@example(1e-3, 1e-3 * (1 + 1e-9), 0.1)
@settings(max_examples=60, deadline=None)
def test_steady_state_equals_infinite_superposition(ke, ka, tau):
    t = tau * np.array([0.0, 0.01, 0.1, 0.5, 0.99])
    closed = pk.steady_state_oral(t, 39.0, tau, 100.0, ke, ka)
    assert np.all(np.isfinite(closed))
    np.testing.assert_allclose(closed, _superposition_ss(t, 39.0, tau, 100.0, ke, ka),
                               rtol=RTOL, atol=1e-280)


@given(rate, rate, st.floats(min_value=-1.0, max_value=2.0).map(lambda e: 10.0**e))
@example(KE_MG, 0.5, 1.0)
@example(KE_MG, 0.5, 100.0)
@settings(max_examples=10, deadline=None)
def test_ten_thousand_doses_equal_superposition(ke, ka, tau):
    n_doses = 10_000
    t = np.array([0.5, 5000.5, 9999.0, 9999.5, 10_003.0]) * tau
    closed = pk.multiple_dose_oral(t, 39.0, tau, n_doses, 100.0, ke, ka)
    # the superposition sum in one array call (one column per dose), small terms first
    terms = pk.one_compartment_oral(t[:, None] - tau * np.arange(n_doses), 39.0, 100.0, ke, ka)
    np.testing.assert_allclose(closed, np.sort(terms, axis=1).sum(axis=1), rtol=RTOL,
                               atol=1e-280)


def _ode_with_doses(dose, tau, n_doses, v, ke, ka, points_per_interval=5):
    atol = 1e-15 * dose * min(1.0, ka / ke)  # amounts; the peak is about dose * min(1, ka/ke)
    ag, a = 0.0, 0.0
    times, conc = [], []
    for j in range(n_doses + 2):
        if j < n_doses:
            ag += dose
        t_eval = np.linspace(0.0, tau, points_per_interval + 1)[1:]
        sol = solve_ivp(lambda _t, y: [-ka * y[0], ka * y[0] - ke * y[1]], (0.0, tau), [ag, a],
                        t_eval=t_eval, method="LSODA", rtol=1e-11, atol=atol,
                        jac=lambda _t, _y: [[-ka, 0.0], [ka, -ke]])
        assert sol.success, sol.message
        ag, a = sol.y[0, -1], sol.y[1, -1]
        times.extend(j * tau + t_eval)
        conc.extend(sol.y[1] / v)
    return np.array(times), np.array(conc)


@given(rate, rate, interval, st.integers(min_value=1, max_value=8))
@example(KE_MG, 4.3, 168.0, 4)  # weekly dosing, ka 4.3/h
@example(KE_MG, 30.0, 24.0, 8)  # daily dosing, ka 30/h
@example(KE_MG, 1.5, 168.0, 4)  # the population case's typical subject
@settings(max_examples=30, deadline=None)
def test_closed_form_matches_ode_extreme(ke, ka, tau, n_doses):
    t, reference = _ode_with_doses(39.0, tau, n_doses, 100.0, ke, ka)
    closed = pk.multiple_dose_oral(t, 39.0, tau, n_doses, 100.0, ke, ka)
    assert np.all(np.isfinite(closed))
    scale = 39.0 / 100.0 * min(1.0, ka / ke)  # about the first peak, mg/L
    np.testing.assert_allclose(closed, reference, rtol=RTOL, atol=1e-9 * scale)
