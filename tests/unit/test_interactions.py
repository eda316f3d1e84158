"""DDI static models: a published R value from its stated inputs, and model identities."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharmacourse import interactions as ddi
from pharmacourse import pharmacodynamics


def test_gut_r_value_of_mitragynine_at_cyp3a():
    """Drug Metab Dispos 2023;51(8):923-935, doi:10.1124/dmd.122.001005, Table 5: CYP3A IC50
    11.4 uM, Ki = IC50 / 2 = 5.7 uM (Cheng-Prusoff, competitive), [I]_gut = dose / 250 mL
    (~400 uM), R1,gut = 1 + [I]_gut / Ki = 71. From the dose: a 2 g kratom dose of product K51
    contains ~39 mg mitragynine (Tanna 2022, data/human_pk), M = 398.5 g/mol."""
    from pharmacourse import data

    ki = pharmacodynamics.cheng_prusoff_ki(11.4, 1.0, 1.0)
    assert ki == pytest.approx(5.7)
    assert round(float(ddi.r_value_reversible(400.0, ki))) == 71
    mw = data.molar_mass("mitragynine")
    i_gut = ddi.gut_concentration_um(39.0, mw)
    assert i_gut == pytest.approx(400, rel=0.03)  # "~400 uM"
    assert ddi.r_value_reversible(i_gut, ki) == pytest.approx(71, abs=2)


def test_hepatic_r_value_cyp2d6():
    """Same table: CYP2D6 IC50 0.67 uM, Ki 0.34 (rounded), I_hep,u ~0.19 uM -> R1,hep 1.57."""
    assert ddi.r_value_reversible(0.19, 0.67 / 2) == pytest.approx(1.57, abs=0.01)


conc = st.floats(min_value=0.0, max_value=1e3)
pos = st.floats(min_value=1e-3, max_value=1e3)
frac = st.floats(min_value=0.0, max_value=1.0)


@given(conc, pos, frac)
def test_mechanistic_reduces_to_basic_when_liver_only(i, ki, fm):
    aucr = ddi.auc_ratio_mechanistic_static(fm=1.0, fg=1.0, inhibitor_gut_um=0.0,
                                            inhibitor_liver_um=i, ki_um=ki)
    assert aucr == pytest.approx(float(ddi.r_value_reversible(i, ki)), rel=1e-12)
    # no inhibitor, no interaction
    assert ddi.auc_ratio_mechanistic_static(fm, 0.5, 0.0, 0.0, ki_um=ki) == pytest.approx(1.0)


@given(conc, pos, pos, pos)
def test_tdi_liver_only_equals_r2(i, kinact, ki, kdeg):
    aucr = ddi.auc_ratio_mechanistic_static(
        fm=1.0, fg=1.0, inhibitor_gut_um=0.0, inhibitor_liver_um=i, kinact_per_min=kinact,
        ki_tdi_um=ki, kdeg_gut_per_min=kdeg, kdeg_liver_per_min=kdeg)
    assert aucr == pytest.approx(float(ddi.r_value_time_dependent(i, kinact, ki, kdeg)),
                                 rel=1e-9)


@given(conc, pos, frac, frac)
def test_aucr_at_least_one_and_bounded_by_fm(i, ki, fm, fg):
    aucr = float(ddi.auc_ratio_mechanistic_static(fm, fg, i, i, ki_um=ki))
    assert aucr >= 1.0 - 1e-12
    # the liver term alone cannot exceed 1 / (1 - fm); the gut term alone 1 / Fg
    if fm < 1 and fg > 0:
        assert aucr <= 1.0 / (1.0 - fm) / fg * (1 + 1e-9)


def test_errors():
    with pytest.raises(ValueError, match="kinact_per_min, ki_tdi_um"):
        ddi.auc_ratio_mechanistic_static(1.0, 1.0, 1.0, 1.0, kinact_per_min=0.07)
    with pytest.raises(ValueError):
        ddi.r_value_reversible(1.0, 0.0)


# --- Review fixes --------------------------------------------------------------------------------
NAN = float("nan")


@pytest.mark.parametrize("call", [
    lambda: ddi.r_value_reversible(NAN, 1.0),
    lambda: ddi.r_value_reversible(1.0, NAN),
    lambda: ddi.k_obs_per_min(1.0, NAN, 1.0),
    lambda: ddi.r_value_time_dependent(1.0, 0.1, 1.0, NAN),
    lambda: ddi.gut_concentration_um(NAN, 398.5),
    lambda: ddi.auc_ratio_mechanistic_static(NAN, 0.5, 1.0, 1.0, ki_um=1.0),
], ids=["NaN [I]", "NaN Ki", "NaN kinact", "NaN kdeg", "NaN dose", "NaN fm"])
def test_nan_inputs_raise(call):
    with pytest.raises(ValueError, match="finite"):
        call()


def test_incomplete_or_absent_mechanisms_raise():
    """An EC50 without d*Emax, or a TDI KI without kinact, was silently ignored (AUCR = 1); so was
    a call with no mechanism at all. A negative d*Emax made induction raise the AUC ratio."""
    with pytest.raises(ValueError, match="induction"):
        ddi.auc_ratio_mechanistic_static(0.9, 0.5, 1.0, 1.0, ec50_um=1.0)
    with pytest.raises(ValueError, match="kinact"):
        ddi.auc_ratio_mechanistic_static(0.9, 0.5, 1.0, 1.0, ki_tdi_um=1.0,
                                         kdeg_gut_per_min=5e-4, kdeg_liver_per_min=5e-4)
    with pytest.raises(ValueError, match="mechanism"):
        ddi.auc_ratio_mechanistic_static(0.9, 0.5, 1.0, 1.0)
    with pytest.raises(ValueError, match="d_emax"):
        ddi.auc_ratio_mechanistic_static(0.9, 0.5, 1.0, 1.0, d_emax=-5.0, ec50_um=1.0)


def test_induction_lowers_the_auc_ratio():
    aucr = float(ddi.auc_ratio_mechanistic_static(0.9, 0.5, 10.0, 1.0, d_emax=5.0, ec50_um=1.0))
    assert aucr < 1.0


def test_docstrings_state_the_regulatory_concentrations():
    """Where the functions leave the choice of concentration to the caller, the docstrings say
    what FDA 2020 uses: unbound Imax,u and Ki,u for R1; total Dose/250 mL for R1,gut; 50 x
    Imax,u for R2 (5 x in ICH M12)."""
    r1 = ddi.r_value_reversible.__doc__
    assert "Imax,u" in r1 and "Ki,u" in r1 and "250 mL" in r1
    r2 = ddi.r_value_time_dependent.__doc__
    assert "50 x Imax,u" in r2 and "ICH M12" in r2 and "per hour" in r2
