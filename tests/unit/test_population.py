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
