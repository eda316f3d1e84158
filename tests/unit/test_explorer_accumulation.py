"""The accumulation explorer of lesson 05: what the learner reads off the plot (the accumulation
ratio, the time to 90 % of steady state) agrees with the plotted curves and with the
superposition of single doses, and neither reading depends on the dose."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from pharmacourse import explorers, pk


@pytest.fixture(scope="module")
def e():
    return explorers.AccumulationExplorer()


def test_plot_is_the_superposition_of_single_doses(e):
    e.update(dose_mg=20.0, tau_h=12.0, t_half_h=30.0)
    d = e.data()
    ke = float(np.log(2) / 30.0)
    n = int(np.ceil(d["t_h"][-1] / 12.0)) + 1
    summed = 1000 * pk.multiple_dose_oral_superposition(d["t_h"], 20.0, 12.0, n, e.v_l, ke,
                                                        e.KA_PER_H)
    np.testing.assert_allclose(d["c_ng_per_ml"], summed, rtol=1e-9, atol=1e-12)
    # before the second dose, the regimen is the first dose alone
    first = d["t_h"] < 12.0
    np.testing.assert_allclose(d["c_ng_per_ml"][first], d["single_ng_per_ml"][first], rtol=1e-12)
    assert np.all(d["c_ng_per_ml"] >= d["single_ng_per_ml"] - 1e-12)


@pytest.mark.parametrize(("tau_h", "t_half_h"), [(24.0, 45.3), (12.0, 20.0), (48.0, 67.9)])
def test_accumulation_ratio_reads_as_steady_trough_over_first_trough(e, tau_h, t_half_h):
    e.update(tau_h=tau_h, t_half_h=t_half_h)
    ke = np.log(2) / t_half_h
    expected = 1.0 / (1.0 - np.exp(-ke * tau_h))  # written out, not the package's function
    assert e.readings()["accumulation_ratio"] == pytest.approx(expected, rel=1e-12)
    first_trough = e.data()["trough_ng_per_ml"][0]
    steady = float(e.ss_line.get_ydata()[0])
    # ka tau >= 12 here, so exp(-ka tau) is negligible: the trough ratio is the ratio itself
    assert steady / first_trough == pytest.approx(expected, rel=1e-4)
    assert f"ratio {expected:.1f}" in e.readout.value


@pytest.mark.parametrize(("tau_h", "t_half_h"), [(24.0, 45.3), (12.0, 30.0), (24.0, 67.9)])
def test_troughs_cross_the_90_percent_line_at_the_time_in_the_title(e, tau_h, t_half_h):
    e.update(tau_h=tau_h, t_half_h=t_half_h)
    d = e.data()
    line = float(e.ss90_line.get_ydata()[0])
    crossed = d["trough_t_h"][d["trough_ng_per_ml"] >= line * (1 - 1e-9)][0]
    t90_h = t_half_h * np.log(10) / np.log(2)
    assert crossed == pytest.approx(np.ceil(t90_h / tau_h - 1e-9) * tau_h)
    assert e.readings()["t90_days"] == pytest.approx(t90_h / 24, rel=1e-12)


def test_the_dose_scales_the_level_not_the_readings(e):
    e.update(dose_mg=10.0, tau_h=24.0, t_half_h=45.3)
    low, readings_low = e.data()["c_ng_per_ml"].copy(), e.readings()
    e.update(dose_mg=40.0)
    np.testing.assert_allclose(e.data()["c_ng_per_ml"], 4 * low, rtol=1e-12)
    assert e.readings() == pytest.approx(readings_low)


def test_the_interval_changes_the_ratio_not_the_time_to_steady_state(e):
    e.update(tau_h=12.0, t_half_h=45.3)
    r12 = e.readings()
    e.update(tau_h=36.0)
    r36 = e.readings()
    assert r12["t90_days"] == pytest.approx(r36["t90_days"])
    assert r12["accumulation_ratio"] > 2 * r36["accumulation_ratio"]


def test_alt_text_and_labels(e):
    e.update(dose_mg=39.0, tau_h=24.0, t_half_h=45.3)
    text = e.alt_text
    assert "every 24 h" in text and "half-life 45.3 h" in text
    assert f"{e.data()['trough_ng_per_ml'][0]:.3g} ng/mL" in text
    assert "(h)" in e.sliders["tau_h"].description
    s = e.sliders["dose_mg"]
    assert (s.min, s.max) == explorers.PUBLISHED_MG_DOSE_RANGE_MG
    labels = [t.get_text() for t in e.axes[0].get_legend().get_texts()]
    assert any("simulated" in lab and "assumed" in lab for lab in labels)
    assert e.axes[0].get_xlabel().endswith("(days)")
    assert "ng/mL" in e.axes[0].get_ylabel()


def test_static_preview_is_stable_and_slider_moves_redraw():
    a, b = explorers.AccumulationExplorer(), explorers.AccumulationExplorer()
    bundle = a._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["image/png"] == b._repr_mimebundle_()["image/png"]
    assert bundle["text/plain"] == explorers.AccumulationExplorer.TEXT
    before = a.image.value
    a.sliders["t_half_h"].value = 20.0  # as the browser would
    assert a.params["t_half_h"] == 20.0 and a.image.value != before


def test_unknown_parameter_is_refused(e):
    with pytest.raises(KeyError, match="tau_h"):
        e.update(ka_per_h=3.0)
