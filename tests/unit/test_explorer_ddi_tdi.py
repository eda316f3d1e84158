"""The DDI calculator with time-dependent inhibition (lesson 06): published starting values from
data/, predictions equal to the static models, and the observed midazolam line."""

from __future__ import annotations

import numpy as np
import pytest

from pharmacourse import data, explorers, interactions


def test_tdi_sliders_start_at_the_published_liver_microsome_values():
    e = explorers.DDICalculator(time_dependent=True)
    inh = data.load("enzyme_inhibition").query(
        "inhibitor == 'mitragynine' and enzyme == 'CYP3A' and system == 'human liver microsomes'"
        " and source_ids == 'tanna2021'").set_index("parameter")["value"]
    assert e.params["kinact_per_min"] == pytest.approx(inh["kinact"])
    assert e.params["ki_tdi_um"] == pytest.approx(inh["ki_inact"])
    assert "1/min" in e.sliders["kinact_per_min"].description
    assert "uM" in e.sliders["ki_tdi_um"].description
    obs = data.load("ddi_clinical").query("kind == 'observed' and object_drug == 'midazolam' "
                                          "and measure == 'auc_ratio'")["estimate"].item()
    assert e.observed == pytest.approx(obs)
    labels = " ".join(t.get_text() for t in e.axes[0].get_legend().get_texts())
    assert f"{obs:g}" in labels and "Tanna 2023" in labels


def test_tdi_bar_equals_the_mechanistic_static_model():
    e = explorers.DDICalculator(time_dependent=True)
    e.update(dose_mg=20.0, ki_um=5.7, fm=0.8, fg=0.4, i_liver_um=0.1, kinact_per_min=0.05,
             ki_tdi_um=3.0)
    i_gut = float(interactions.gut_concentration_um(20.0, e.molar_mass))
    expected = float(interactions.auc_ratio_mechanistic_static(
        0.8, 0.4, i_gut, 0.1, ki_um=5.7, kinact_per_min=0.05, ki_tdi_um=3.0,
        kdeg_gut_per_min=e.KDEG_GUT_PER_H / 60, kdeg_liver_per_min=e.KDEG_LIVER_PER_H / 60))
    v = e.values()
    assert v["auc_ratio_tdi"] == pytest.approx(expected)
    np.testing.assert_allclose(e.data()["heights"], [v["r1_gut"], v["auc_ratio"], expected])
    assert "with time-dependent inhibition" in e.alt_text


def test_tdi_adds_to_reversible_inhibition_and_kinact_zero_removes_it():
    e = explorers.DDICalculator(time_dependent=True)
    e.update(i_liver_um=0.08)
    v = e.values()
    assert v["auc_ratio_tdi"] > v["auc_ratio"]
    e.update(kinact_per_min=0.0)
    v = e.values()
    assert v["auc_ratio_tdi"] == pytest.approx(v["auc_ratio"])


def test_gut_only_tdi_is_capped_by_fg():
    """With no inhibitor at the liver, complete gut inactivation can at most give 1 / Fg."""
    e = explorers.DDICalculator(time_dependent=True)
    e.update(i_liver_um=0.0, fg=0.5, ki_um=100.0)
    assert e.values()["auc_ratio_tdi"] == pytest.approx(2.0, rel=0.02)
    assert e.values()["auc_ratio_tdi"] <= 2.0


def test_default_calculator_is_unchanged():
    e = explorers.DDICalculator()
    assert set(e.sliders) == {"dose_mg", "ki_um", "fm", "fg", "i_liver_um"}
    assert len(e.data()["heights"]) == 2
    assert "auc_ratio_tdi" not in e.values()
