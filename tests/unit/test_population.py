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
