"""NCA: reproduce a published worked example and recover known parameters from dense profiles."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pharmacourse import nca, pk

# ncappc vignette (CRAN package ncappc; Acharya C, Hooker AC, Tuerkyilmaz GY, Joensson S,
# Karlsson MO. A diagnostic tool for population models using non-compartmental analysis: the
# ncappc package for R. Comput Methods Programs Biomed 2016;127:83-93,
# doi:10.1016/j.cmpb.2016.01.013). The vignette's data_1 and its printed output
# "AUClast 3.235439, AUCINF_pred 3.524005, Cmax 0.27, Tmax 2" (method "linearup-logdown").
NCAPPC_TIME = [0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24]
NCAPPC_CONC = [0, 0.07, 0.14, 0.21, 0.24, 0.27, 0.26, 0.25, 0.22, 0.19, 0.13, 0.081, 0.033]


def test_reproduces_ncappc_vignette_example():
    res = nca.nca(NCAPPC_TIME, NCAPPC_CONC, n_points=None)  # best adjusted R^2, as ncappc
    assert res.cmax_ng_per_ml == 0.27
    assert res.tmax_h == 2
    assert res.auc_0_t_ng_h_per_ml == pytest.approx(3.235439, abs=5e-7)
    assert res.auc_0_inf_pred_ng_h_per_ml == pytest.approx(3.524005, abs=5e-7)
    assert res.terminal_times_h == (12.0, 16.0, 24.0)


def test_linear_trapezoids_would_not_reproduce_it():
    """Guards the log-down branch: plain linear trapezoids give 3.2805, not 3.235439."""
    t, c = np.array(NCAPPC_TIME, float), np.array(NCAPPC_CONC)
    linear = float(np.sum(np.diff(t) * (c[1:] + c[:-1]) / 2))
    assert linear == pytest.approx(3.2805)
    assert abs(linear - nca.auc_linear_up_log_down(t, c)) > 0.04


@given(
    st.floats(min_value=5.0, max_value=500.0),  # dose mg
    st.floats(min_value=10.0, max_value=20000.0),  # V/F L
    st.floats(min_value=5.0, max_value=80.0),  # t1/2 h
    st.floats(min_value=0.3, max_value=5.0),  # ka 1/h
)
@settings(max_examples=50)
def test_recovers_known_parameters_from_dense_profile(dose_mg, v_l, t_half, ka):
    ke = float(np.log(2) / t_half)
    if ka < 3 * ke:
        ka = 3 * ke
    t = np.concatenate([np.linspace(0, 4, 81), np.linspace(4.25, 10 * t_half, 400)])
    c = pk.mg_per_l_to_ng_per_ml(pk.one_compartment_oral(t, dose_mg, v_l, ke, ka))
    res = nca.nca(t, c, dose_mg=dose_mg, n_points=5)
    assert res.t_half_h == pytest.approx(t_half, rel=1e-4)
    auc_true = float(pk.auc_inf_mg_h_per_l(dose_mg, ke * v_l)) * 1000
    assert res.auc_0_inf_ng_h_per_ml == pytest.approx(auc_true, rel=2e-3)
    assert res.cl_f_l_per_h == pytest.approx(ke * v_l, rel=2e-3)
    assert res.vz_f_l == pytest.approx(v_l, rel=2e-3)
    assert res.cmax_ng_per_ml == pytest.approx(float(np.max(c)))


def test_log_down_is_exact_for_exponential_decline():
    t = np.array([0.0, 2.0, 5.0, 9.0, 20.0])
    c = 100 * np.exp(-0.2 * t)
    exact = 100 / 0.2 * (1 - np.exp(-0.2 * 20))
    assert nca.auc_linear_up_log_down(t, c) == pytest.approx(exact, rel=1e-12)


def test_explicit_point_choice_and_errors():
    fit = nca.terminal_slope(NCAPPC_TIME, NCAPPC_CONC, n_points=4)
    assert fit.times_h == (8.0, 12.0, 16.0, 24.0)
    with pytest.raises(ValueError, match="strictly increasing"):
        nca.nca([0, 2, 1], [0, 1, 2])
    with pytest.raises(ValueError, match="cannot use the last"):
        nca.terminal_slope([0, 1, 2, 3], [0, 5, 4, 3], n_points=4)


def test_nca_table_groups_subjects():
    import pandas as pd

    t = np.array(NCAPPC_TIME, float)
    df = pd.DataFrame({
        "subject": np.repeat([1, 2], t.size),
        "time_h": np.tile(t, 2),
        "concentration_ng_per_ml": np.concatenate([NCAPPC_CONC, 2 * np.array(NCAPPC_CONC)]),
        "dose_mg": 10.0,
    })
    table = nca.nca_table(df)
    assert table.loc[2, "auc_0_t_ng_h_per_ml"] == pytest.approx(
        2 * table.loc[1, "auc_0_t_ng_h_per_ml"])


# --- Review fixes --------------------------------------------------------------------------------
PROFILE_T = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
PROFILE_C = [0.0, 5.0, 4.0, 2.0, 1.0, 0.5]


@pytest.mark.parametrize("times", [
    [0.0, float("nan"), 2.0, 3.0, 4.0, 5.0],  # NaN slipped through the "increasing" check
    [0.0, 1.0, 2.0, 3.0, 4.0, float("inf")],
])
def test_non_finite_times_raise(times):
    with pytest.raises(ValueError, match="finite"):
        nca.nca(times, PROFILE_C)


@pytest.mark.parametrize("dose", [-1.0, 0.0, float("nan")])
def test_invalid_dose_raises(dose):
    """A negative or zero dose gave a negative or zero CL/F, NaN a silent NaN."""
    with pytest.raises(ValueError, match="dose"):
        nca.nca(PROFILE_T, PROFILE_C, dose_mg=dose)


def test_lambda_z_never_uses_a_point_at_cmax():
    """A plateau at Cmax (two samples equal to Cmax): the second one is a Cmax point too and must
    not enter the terminal regression. Here 8, 8, 4, 2, 1 makes the later Cmax point fall on the
    same line, so best-adjusted-R^2 selection used it (t = 2, 3, 4, 5)."""
    t = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    c = [0.0, 8.0, 8.0, 4.0, 2.0, 1.0]
    fit = nca.terminal_slope(t, c, n_points=None)
    assert 2.0 not in fit.times_h
    assert fit.times_h == (3.0, 4.0, 5.0)
    res = nca.nca(t, c, n_points=None)
    assert res.tmax_h == 1.0  # tmax is still the first time of Cmax
    assert res.terminal_times_h == (3.0, 4.0, 5.0)


def test_auc_0_t_starts_at_the_dose_when_first_sample_is_later():
    """AUC0-t of a single oral dose starts at the dose (C = 0 at t = 0, the extravascular
    convention of WinNonlin); without the first sample at 0 the area 0 -> t1 was silently lost."""
    with_zero = nca.nca(PROFILE_T, PROFILE_C)
    without_zero = nca.nca(PROFILE_T[1:], PROFILE_C[1:])
    assert without_zero.auc_0_t_ng_h_per_ml == pytest.approx(with_zero.auc_0_t_ng_h_per_ml)
    assert without_zero.auc_0_inf_ng_h_per_ml == pytest.approx(with_zero.auc_0_inf_ng_h_per_ml)
    with pytest.raises(ValueError, match="negative"):
        nca.nca([-0.5, *PROFILE_T[1:]], [0.0, *PROFILE_C[1:]])
