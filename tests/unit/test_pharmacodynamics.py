"""PD models: the identities a learner relies on."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pharmacourse import pharmacodynamics

pos = st.floats(min_value=1e-3, max_value=1e4)


@given(pos, st.floats(min_value=0.3, max_value=4))
def test_occupancy_half_at_kd(kd, n):
    assert pharmacodynamics.occupancy(kd, kd, n) == pytest.approx(0.5)
    assert pharmacodynamics.occupancy(9 * kd, kd) == pytest.approx(0.9)


@given(pos, pos, st.floats(min_value=0.3, max_value=4))
def test_emax_half_at_ec50(emax, ec50, n):
    assert pharmacodynamics.emax_model(ec50, emax, ec50, n) == pytest.approx(emax / 2)
    assert pharmacodynamics.emax_model(1e9 * ec50, emax, ec50, 1.0) == pytest.approx(emax, rel=1e-6)


@given(pos, st.floats(min_value=0.5, max_value=10))
def test_quantal_half_at_ed50_and_inverse(ed50, slope):
    assert pharmacodynamics.quantal_fraction_responding(ed50, ed50, slope) == pytest.approx(0.5)
    d99 = pharmacodynamics.dose_for_fraction_responding(0.99, ed50, slope)
    assert pharmacodynamics.quantal_fraction_responding(d99, ed50, slope) == pytest.approx(0.99)


def test_therapeutic_index_and_cheng_prusoff():
    assert pharmacodynamics.therapeutic_index(400, 20) == 20
    # Ki = IC50 / 2 when [S] = Km: the DMD 2023 review's CYP3A value 11.4 uM -> 5.7 uM
    assert pharmacodynamics.cheng_prusoff_ki(11.4, 1.0, 1.0) == pytest.approx(5.7)


@given(pos, pos, pos)
def test_schild_shift_is_parallel(ec50, b, kb):
    shifted = pharmacodynamics.schild_shifted_ec50(ec50, b, kb)
    assert shifted == pytest.approx(ec50 * (1 + b / kb))
    # same maximum, half effect at the shifted EC50
    assert pharmacodynamics.emax_model(shifted, 100, shifted) == pytest.approx(50)


@given(st.floats(min_value=0.05, max_value=100), pos)
def test_operational_emax_falls_as_receptor_reserve_falls(tau, ka):
    fractions = np.array([1.0, 0.5, 0.2, 0.05])
    emax = pharmacodynamics.operational_emax(tau, 100, 1, fractions)
    assert np.all(np.diff(emax) < 0)
    top = pharmacodynamics.operational_model(1e12 * ka, ka, tau, 100, 1, fractions)
    np.testing.assert_allclose(top, emax, rtol=1e-6)
    ec50 = pharmacodynamics.operational_ec50(ka, tau)
    assert pharmacodynamics.operational_model(ec50, ka, tau, 100) == pytest.approx(emax[0] / 2)


def test_partial_agonist_maximum_depends_on_tissue():
    full = pharmacodynamics.operational_emax(100.0, receptor_fraction=[1.0, 0.1])
    partial = pharmacodynamics.operational_emax(1.0, receptor_fraction=[1.0, 0.1])
    assert full[1] / full[0] > 0.9  # full agonist: maximum barely moves
    assert partial[1] / partial[0] < 0.2  # partial agonist: maximum collapses


def test_errors():
    with pytest.raises(ValueError):
        pharmacodynamics.occupancy(1.0, 0.0)
    with pytest.raises(ValueError):
        pharmacodynamics.operational_model(1.0, 1.0, 1.0, receptor_fraction=1.5)


# --- Review: invalid inputs raise ValueError instead of giving a plausible-looking number -------
NAN = float("nan")
_INVALID_PD_CALLS = {
    "negative ligand (occupancy 1/0)": lambda: pharmacodynamics.occupancy(-1.0, 1.0),
    "NaN Kd": lambda: pharmacodynamics.occupancy(1.0, NAN),
    "NaN concentration (Emax)": lambda: pharmacodynamics.emax_model(NAN, 100.0, 1.0),
    "negative dose (quantal)": lambda: pharmacodynamics.quantal_fraction_responding(-1.0, 1.0, 2.0),
    "NaN dose (quantal)": lambda: pharmacodynamics.quantal_fraction_responding(NAN, 1.0, 2.0),
    "negative substrate (Cheng-Prusoff)": lambda: pharmacodynamics.cheng_prusoff_ki(10.0, -1.0, 1.0),
    "NaN substrate (Cheng-Prusoff)": lambda: pharmacodynamics.cheng_prusoff_ki(10.0, NAN, 1.0),
    "negative antagonist (DR = 0)": lambda: pharmacodynamics.dose_ratio(-1.0, 1.0),
    "zero Schild slope": lambda: pharmacodynamics.dose_ratio(0.0, 1.0, 0.0),
    "negative Schild slope": lambda: pharmacodynamics.dose_ratio(1.0, 1.0, -1.0),
    "fold shift below 1 (tolerance)": lambda: pharmacodynamics.tolerance_shifted_ec50(1.0, 0.5),
    "negative tau (negative effect)": lambda: pharmacodynamics.operational_model(1.0, 1.0, -1.0),
    "zero transducer slope": lambda: pharmacodynamics.operational_model(1.0, 1.0, 1.0, n=0.0),
    "negative agonist": lambda: pharmacodynamics.operational_model(-1.0, 1.0, 1.0),
    "receptor fraction 2 (Emax)": lambda: pharmacodynamics.operational_emax(1.0, receptor_fraction=2.0),
    "negative tau (Emax)": lambda: pharmacodynamics.operational_emax(-1.0),
    "zero slope (EC50)": lambda: pharmacodynamics.operational_ec50(1.0, 1.0, n=0.0),
    "NaN TD50": lambda: pharmacodynamics.therapeutic_index(NAN, 1.0),
}


@pytest.mark.parametrize("call", _INVALID_PD_CALLS.values(), ids=_INVALID_PD_CALLS.keys())
def test_invalid_inputs_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


@given(pos, pos, st.floats(min_value=0.3, max_value=3))
def test_schild_plot_intercept_is_log_kb_for_any_slope(b, kb, s):
    """DR = 1 + ([B]/KB)^s: DR - 1 = 1 exactly at [B] = KB, and log(DR - 1) is linear in
    log[B] with slope s (the Schild plot)."""
    assert pharmacodynamics.dose_ratio(kb, kb, s) == pytest.approx(2.0)
    assume((b / kb) ** s > 1e-6)  # DR - 1 below that loses digits to the subtraction
    lhs = np.log10(pharmacodynamics.dose_ratio(b, kb, s) - 1.0)
    assert lhs == pytest.approx(s * np.log10(b) - s * np.log10(kb), abs=1e-6)
