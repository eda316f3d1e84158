"""Explorers: a slider move changes the picture, the plotted data equal the model, the stored
preview is stable, and every slider is labelled with units and within published ranges."""

from __future__ import annotations

import base64

import ipywidgets as widgets
import numpy as np
import pytest

from pharmacourse import explorers, interactions, pd, pk

ALL = [explorers.PKExplorer, explorers.DoseResponseExplorer, explorers.OccupancyExplorer,
       explorers.DDICalculator]


@pytest.mark.parametrize("cls", ALL)
def test_structure_and_static_bundle(cls):
    e = cls()
    assert "explorer" in e._dom_classes
    assert "explorer-plot" in e.image._dom_classes
    assert isinstance(e.image, widgets.Image)
    for name, slider in e.sliders.items():
        assert slider.description, name
        assert slider in e.children
        assert not slider.disabled  # focusable: arrow keys move a focused slider
    bundle = e._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"] == cls.TEXT
    assert "0x" not in bundle["text/plain"]
    # a second explorer gives the same stored preview (nbval strict compares it)
    assert cls()._repr_mimebundle_()["image/png"] == bundle["image/png"]


@pytest.mark.parametrize("cls", ALL)
def test_slider_move_changes_png(cls):
    e = cls()
    before = e.image.value
    name, slider = next(iter(e.sliders.items()))
    new = slider.max if slider.value != slider.max else slider.min
    if isinstance(slider, widgets.FloatLogSlider):
        new = 10 ** (slider.max if abs(np.log10(slider.value) - slider.max) > 1e-9 else slider.min)
    slider.value = new  # as the browser would
    assert e.params[name] == pytest.approx(slider.value)
    assert e.image.value != before


def test_pk_explorer_plots_the_model():
    e = explorers.PKExplorer()
    e.update(dose_mg=20.0, tau_h=12.0, t_half_h=30.0, ka_per_h=1.5)
    assert e.sliders["dose_mg"].value == 20.0
    d = e.data()
    ke = float(np.log(2) / 30.0)
    n = int(np.ceil(d["t_h"][-1] / 12.0))
    expected = 1000 * pk.multiple_dose_oral(d["t_h"], 20.0, 12.0, n, e.v_l, ke, 1.5)
    np.testing.assert_allclose(d["c_ng_per_ml"], expected, rtol=1e-12)


def test_pk_explorer_dose_range_is_published_and_labelled():
    e = explorers.PKExplorer()
    s = e.sliders["dose_mg"]
    assert (s.min, s.max) == explorers.PUBLISHED_MG_DOSE_RANGE_MG
    assert "published studies" in s.description
    assert "assumed" in e.sliders["ka_per_h"].description
    labels = [t.get_text() for t in e.axes[0].get_legend().get_texts()]
    assert any("simulated" in lab and "assumed" in lab for lab in labels)
    # no therapeutic/safe/toxic band on a kratom plot
    assert not e.axes[0].patches
    assert not any(w in " ".join(labels).lower() for w in ("therapeutic", "safe", "toxic"))


def test_dose_response_explorer_plots_the_model():
    e = explorers.DoseResponseExplorer()
    e.update(ka_nm=300.0, tau=2.0, receptor_fraction=0.25, antagonist_over_kb=9.0)
    d = e.data()
    expected = pd.operational_model(d["conc_nm"] / 10.0, 300.0, 2.0, 100.0, 1.0, 0.25)
    np.testing.assert_allclose(d["effect"], expected, rtol=1e-12)


def test_occupancy_explorer_half_at_kd():
    e = explorers.OccupancyExplorer()
    e.update(kd_nm=42.0, ligand_nm=42.0)
    assert e.data()["marker"][1] == pytest.approx(50.0)


def test_ddi_calculator_matches_models():
    e = explorers.DDICalculator()
    e.update(dose_mg=20.0, ki_um=5.7, fm=0.8, fg=0.4, i_liver_um=0.1)
    v = e.values()
    i_gut = float(interactions.gut_concentration_um(20.0, e.molar_mass))
    assert v["r1_gut"] == pytest.approx(1 + i_gut / 5.7)
    np.testing.assert_allclose(e.data()["heights"], [v["r1_gut"], v["auc_ratio"]])
    assert 5.7 == pytest.approx(explorers.DDICalculator().params["ki_um"])  # 11.4 / 2 from data


def test_unknown_parameter_is_an_error():
    with pytest.raises(KeyError, match="unknown"):
        explorers.OccupancyExplorer().update(kd=1.0)
