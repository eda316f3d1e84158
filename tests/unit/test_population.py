"""Population simulation: seeded, log-normal, vectorised equals the loop."""

from __future__ import annotations

import numpy as np
import pytest

from pharmacourse import population

TYPICAL = {"cl_l_per_h": 200.0, "v_l": 10000.0, "ka_per_h": 1.0}
OMEGA = {"cl_l_per_h": 0.3, "v_l": 0.3, "ka_per_h": 0.5}


def test_seeded_and_lognormal():
    a = population.lognormal_parameters(TYPICAL, OMEGA, 20000, seed=1)
    b = population.lognormal_parameters(TYPICAL, OMEGA, 20000, seed=1)
    np.testing.assert_array_equal(a["v_l"], b["v_l"])
    log_cl = np.log(a["cl_l_per_h"])
    assert np.median(a["cl_l_per_h"]) == pytest.approx(200, rel=0.02)
    assert np.std(log_cl) == pytest.approx(0.3, rel=0.03)
    c = population.lognormal_parameters(TYPICAL, OMEGA, 5, seed=2)
    assert not np.allclose(c["v_l"], a["v_l"][:5])


def test_cv_to_omega():
    assert population.cv_to_omega(0.0) == 0.0
    assert population.cv_to_omega(0.3) == pytest.approx(np.sqrt(np.log(1.09)))


def test_vectorised_equals_loop():
    t = np.linspace(0, 15 * 24 + 48, 200)
    pv, cv = population.simulate_oral_regimen(t, 40.0, 24.0, 15, TYPICAL, OMEGA, 25, seed=3)
    pl, cl = population.simulate_oral_regimen_loop(t, 40.0, 24.0, 15, TYPICAL, OMEGA, 25, seed=3)
    assert cv.shape == (25, 200)
    np.testing.assert_allclose(cv, cl, rtol=1e-9, atol=1e-15)
    np.testing.assert_array_equal(pv["ka_per_h"], pl["ka_per_h"])


def test_errors():
    with pytest.raises(ValueError, match="unknown"):
        population.lognormal_parameters(TYPICAL, {"q": 0.1}, 3, seed=0)


# --- Review fixes --------------------------------------------------------------------------------
NAN = float("nan")


@pytest.mark.parametrize("call", [
    lambda: population.cv_to_omega(NAN),
    lambda: population.lognormal_parameters({"a": -1.0}, {"a": 0.1}, 3, seed=0),
    lambda: population.lognormal_parameters({"a": 1.0}, {"a": NAN}, 3, seed=0),
    lambda: population.lognormal_parameters({"a": NAN}, {}, 3, seed=0),
    lambda: population.simulate_oral_regimen_loop([1.0], 1.0, 0.0, 2, TYPICAL, {}, 2, seed=0),
    lambda: population.simulate_oral_regimen_loop([1.0], 1.0, 24.0, 2,
                                                  {"cl_l_per_h": 1.0, "v_l": 1.0}, {}, 2, seed=0),
], ids=["NaN CV", "negative typical value", "NaN omega", "NaN typical value",
        "zero interval (loop)", "missing ka (loop, was KeyError)"])
def test_invalid_inputs_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_typical_value_is_the_median_not_the_mean():
    """The docstring's claim: mean = P_typical * exp(omega^2 / 2)."""
    p = population.lognormal_parameters({"cl_l_per_h": 100.0}, {"cl_l_per_h": 0.5}, 200000,
                                        seed=7)["cl_l_per_h"]
    assert np.mean(p) == pytest.approx(100.0 * np.exp(0.5**2 / 2), rel=0.01)
    assert "median" in population.lognormal_parameters.__doc__


# --- Issue 12: finite everywhere, vectorised without a loop over subjects -------------------------
WEEKLY = {"cl_l_per_h": 233.0, "v_l": 15000.0, "ka_per_h": 1.5}


def test_weekly_dosing_fast_absorption_has_no_nan():
    """Weekly doses, ka 1.5/h with omega 0.6: the old closed form gave 40 NaN rows of 1,000."""
    t = np.linspace(0.0, 12 * 168.0, 400)
    omega = {"cl_l_per_h": 0.3, "v_l": 0.3, "ka_per_h": 0.6}
    params, conc = population.simulate_oral_regimen(t, 39.0, 168.0, 12, WEEKLY, omega, 1000,
                                                    seed=1)
    assert np.isfinite(conc).all()
    assert params["ka_per_h"].max() * 168.0 > 710  # the subjects that used to overflow
    # the fastest absorbers against the loop baseline (superposition of Bateman curves)
    fast = np.argsort(params["ka_per_h"])[-5:]
    _, loop = population.simulate_oral_regimen_loop(t, 39.0, 168.0, 12, WEEKLY, omega, 1000,
                                                    seed=1)
    np.testing.assert_allclose(conc[fast], loop[fast], rtol=1e-9, atol=1e-300)


def test_blocks_over_subjects_give_the_same_numbers(monkeypatch):
    t = np.linspace(-5.0, 10 * 24 + 48, 301)  # includes times before the first dose
    _, whole = population.simulate_oral_regimen(t, 40.0, 24.0, 10, TYPICAL, OMEGA, 37, seed=4)
    monkeypatch.setattr(population, "BLOCK_ELEMENTS", 301 * 5)  # 8 blocks of 5 subjects
    _, blocked = population.simulate_oral_regimen(t, 40.0, 24.0, 10, TYPICAL, OMEGA, 37, seed=4)
    np.testing.assert_array_equal(whole, blocked)
    assert (whole[:, t < 0] == 0).all()


def test_equal_rate_constants_give_the_limit():
    """ka = CL/V exactly for every subject (no variability): the ka = ke limit, no 0/0."""
    typical = {"cl_l_per_h": 30.0, "v_l": 100.0, "ka_per_h": 0.3}
    t = np.linspace(0, 5 * 12 + 24, 97)
    _, conc = population.simulate_oral_regimen(t, 10.0, 12.0, 5, typical, {}, 3, seed=0)
    _, loop = population.simulate_oral_regimen_loop(t, 10.0, 12.0, 5, typical, {}, 3, seed=0)
    np.testing.assert_allclose(conc, loop, rtol=1e-12, atol=1e-300)


def test_population_matches_ode_for_a_few_subjects():
    from scipy.integrate import solve_ivp

    tau, n_doses = 24.0, 6
    params, conc = population.simulate_oral_regimen(
        np.linspace(0.0, (n_doses + 2) * tau, 8 * 24 + 1), 39.0, tau, n_doses, TYPICAL, OMEGA, 4,
        seed=5)
    for i in range(4):
        ka = params["ka_per_h"][i]
        ke = params["cl_l_per_h"][i] / params["v_l"][i]
        state, numeric = np.zeros(2), [0.0]
        for j in range(n_doses + 2):
            state[0] += 39.0 if j < n_doses else 0.0
            sol = solve_ivp(lambda _t, y, ka=ka, ke=ke: [-ka * y[0], ka * y[0] - ke * y[1]],
                            (0.0, tau), state, t_eval=np.arange(1, 25.0), method="LSODA",
                            rtol=1e-11, atol=1e-15)
            state = sol.y[:, -1].copy()
            numeric.extend(sol.y[1] / params["v_l"][i])
        np.testing.assert_allclose(conc[i], numeric, rtol=1e-6, atol=1e-12)


def test_omega_that_overflows_is_refused():
    with pytest.raises(ValueError, match="omega for ka_per_h"):
        population.simulate_oral_regimen([1.0], 1.0, 24.0, 2, WEEKLY, {"ka_per_h": 400.0}, 50,
                                         seed=0)


def test_concentrations_that_would_overflow_raise():
    huge = {"cl_l_per_h": 1e-300, "v_l": 1e-300, "ka_per_h": 1.0}
    with pytest.raises(ValueError, match="overflow"):
        population.simulate_oral_regimen([1.0, 30.0], 1e300, 24.0, 2, huge, {}, 3, seed=0)
