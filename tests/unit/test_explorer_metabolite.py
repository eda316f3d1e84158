"""The parent-metabolite explorer (lesson 06): mitragynine -> 7-OH with CYP3A turned down.

Checked against an independent numerical solution of the model's differential equations
(scipy's solve_ivp), the closed-form AUCs, the published starting values and the safety frame.
"""

from __future__ import annotations

import base64

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from pharmacourse import data, explorers


def _ode_curves(e, activity_pct):
    """mitragynine and 7-OH (nM) by integrating the amounts (umol) numerically."""
    p = e.params
    a = activity_pct / 100.0
    kp, ka = e.k_parent_per_h, e.ka_per_h
    k_eff = kp * (1 - e.f_cyp3a + e.f_cyp3a * a)
    k_form = p["fm"] * kp * a
    km = np.log(2) / p["t_half_metabolite_h"]

    def rhs(_t, y):
        gut, parent, met = y
        return [-ka * gut, ka * gut - k_eff * parent, k_form * parent - km * met]

    dose_umol = p["dose_mg"] / e.mw_parent * 1e3
    sol = solve_ivp(rhs, (0, e.t_h[-1]), [dose_umol, 0, 0], t_eval=e.t_h, rtol=1e-10,
                    atol=1e-12, method="LSODA")
    return sol.y[1] / e.v_parent_l * 1e3, sol.y[2] / e.v_met_l * 1e3


@pytest.mark.parametrize("activity", [100.0, 35.0, 0.0])
def test_curves_match_an_independent_ode_solution(activity):
    e = explorers.ParentMetaboliteExplorer()
    e.update(dose_mg=20.0, fm=0.3, t_half_metabolite_h=12.0, cyp3a_activity_pct=activity)
    parent, met = _ode_curves(e, activity)
    d = e.data()
    np.testing.assert_allclose(d["parent_nm"], parent, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(d["metabolite_nm"], met, rtol=1e-6, atol=1e-9)
    ref_p, ref_m = _ode_curves(e, 100.0)
    np.testing.assert_allclose(d["parent_reference_nm"], ref_p, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(d["metabolite_reference_nm"], ref_m, rtol=1e-6, atol=1e-9)


def test_closed_form_aucs_agree_with_the_integrated_curves():
    e = explorers.ParentMetaboliteExplorer()
    e.update(cyp3a_activity_pct=50.0, t_half_metabolite_h=3.0)
    e.t_h = np.linspace(0, 2000, 200001)  # long enough for mitragynine's 45 h half-life
    parent, met = e.curves()
    auc = e.aucs_nm_h()
    assert np.trapezoid(parent, e.t_h) == pytest.approx(auc["parent"], rel=1e-3)
    assert np.trapezoid(met, e.t_h) == pytest.approx(auc["metabolite"], rel=1e-3)


def test_defaults_reproduce_the_published_auc_ratio():
    hp = data.load("human_pk").query("study_id == 'tanna2022' and parameter == 'auc_inf' "
                                     "and statistic == 'median'").set_index("analyte")["value"]
    e = explorers.ParentMetaboliteExplorer()
    assert e.values()["auc_ratio"] == pytest.approx(
        hp["7-hydroxymitragynine"] / hp["mitragynine"], rel=1e-9)
    # starting values are Tanna 2022's (no invented numbers)
    assert e.params["t_half_metabolite_h"] == pytest.approx(5.67)
    assert e.params["dose_mg"] == pytest.approx(39.0)


def test_inhibiting_cyp3a_raises_the_parent_and_lowers_the_metabolite():
    e = explorers.ParentMetaboliteExplorer()
    e.update(cyp3a_activity_pct=20.0)
    v = e.values()
    f = e.f_cyp3a
    assert v["parent_change"] == pytest.approx(1 / (1 - f + f * 0.2))
    assert v["metabolite_change"] == pytest.approx(0.2 * v["parent_change"])
    assert v["metabolite_change"] < 1 < v["parent_change"]
    e.update(cyp3a_activity_pct=0.0)
    assert e.values()["metabolite_change"] == 0.0
    assert np.all(e.data()["metabolite_nm"] == 0.0)


def test_metabolite_falls_in_parallel_with_the_parent_when_formation_limits():
    e = explorers.ParentMetaboliteExplorer()
    e.update(t_half_metabolite_h=2.0)
    d = e.data()
    late = d["t_h"] > 36
    slope_p = np.polyfit(d["t_h"][late], np.log(d["parent_nm"][late]), 1)[0]
    slope_m = np.polyfit(d["t_h"][late], np.log(d["metabolite_nm"][late]), 1)[0]
    assert slope_m == pytest.approx(slope_p, rel=1e-3)
    assert slope_p == pytest.approx(-e.k_parent_per_h, rel=1e-3)


def test_sliders_labelled_and_safety_frame():
    e = explorers.ParentMetaboliteExplorer()
    s = e.sliders
    assert (s["dose_mg"].min, s["dose_mg"].max) == explorers.PUBLISHED_MG_DOSE_RANGE_MG
    assert "published studies" in s["dose_mg"].description
    assert "assumed" in s["fm"].description
    # 7-OH's own elimination half-life is unknown: the label says so and names the unit
    label = s["t_half_metabolite_h"].description
    assert label.startswith("7-OH elimination half-life (h;") and "not measured in people" in label
    assert "%" in s["cyp3a_activity_pct"].description
    assert s["fm"].max == pytest.approx(e.f_cyp3a)  # 7-OH is formed by CYP3A only
    labels = " ".join(t.get_text() for t in e.axes[0].get_legend().get_texts())
    assert "simulated" in labels and "assumed" in labels
    assert not e.axes[0].patches
    assert not any(w in labels.lower() for w in ("therapeutic", "safe", "toxic"))
    assert "nM" in e.axes[0].get_ylabel() and "(h)" in e.axes[0].get_xlabel()


def test_describe_states_the_picture_and_the_bundle_is_stable():
    e = explorers.ParentMetaboliteExplorer()
    e.update(cyp3a_activity_pct=40.0)
    assert "40 % CYP3A activity" in e.alt_text and "assumed" in e.alt_text
    bundle = explorers.ParentMetaboliteExplorer()._repr_mimebundle_()
    assert bundle["text/plain"] == explorers.ParentMetaboliteExplorer.TEXT
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert explorers.ParentMetaboliteExplorer()._repr_mimebundle_()["image/png"] == \
        bundle["image/png"]


def test_slider_move_changes_the_picture():
    e = explorers.ParentMetaboliteExplorer()
    before = e.image.value
    e.sliders["cyp3a_activity_pct"].value = 10.0  # as the browser would
    assert e.params["cyp3a_activity_pct"] == 10.0
    assert e.image.value != before


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"f_cyp3a": 1.0}, "f_cyp3a"),
    ({"f_cyp3a": 0.0}, "f_cyp3a"),
    ({"fm": 0.9}, "fm"),
    ({"fm": -0.1}, "fm"),
])
def test_bad_settings_are_clear_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        explorers.ParentMetaboliteExplorer(**kwargs)


def test_unknown_parameter_is_an_error():
    with pytest.raises(KeyError, match="unknown"):
        explorers.ParentMetaboliteExplorer().update(ke=1.0)
