"""DDI static models: a published R value from its stated inputs, and model identities."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharmacourse import interactions as ddi
from pharmacourse import pd


def test_gut_r_value_of_mitragynine_at_cyp3a():
    """Drug Metab Dispos 2023;51(8):923-935, doi:10.1124/dmd.122.001005, Table 5: CYP3A IC50
    11.4 uM, Ki = IC50 / 2 = 5.7 uM (Cheng-Prusoff, competitive), [I]_gut = dose / 250 mL
    (~400 uM), R1,gut = 1 + [I]_gut / Ki = 71. From the dose: a 2 g kratom dose of product K51
    contains ~39 mg mitragynine (Tanna 2022, data/human_pk), M = 398.5 g/mol."""
    from pharmacourse import data

    ki = pd.cheng_prusoff_ki(11.4, 1.0, 1.0)
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
    with pytest.raises(ValueError, match="kinact, KI and kdeg"):
        ddi.auc_ratio_mechanistic_static(1.0, 1.0, 1.0, 1.0, kinact_per_min=0.07)
    with pytest.raises(ValueError):
        ddi.r_value_reversible(1.0, 0.0)
