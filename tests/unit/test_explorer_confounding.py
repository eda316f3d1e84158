"""Lesson 08's confounding explorer and the confounding model under it (pharmacourse.epi).

The model is checked against counts worked out by hand for a small hypothetical population; the
explorer against the model, its sliders, its alt text and its stable stored preview.
"""

from __future__ import annotations

import base64

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pharmacourse import epi, explorers

# 1,000 people: 100 use other drugs (20 of them also the substance), 900 do not (9 use it).
HAND = {"p_other": 0.1, "use_if_other": 0.2, "use_if_none": 0.01, "rr_other": 10.0}


def test_crude_risk_ratio_matches_hand_counts():
    # baseline risk 1 per 1,000 people-units: deaths = people x risk multipliers
    # substance + other: 20 x 10 x 2 = 400; substance only: 9 x 2 = 18 (29 people)
    # other only: 80 x 10 = 800; neither: 891 (971 people)
    expected = (418 / 29) / (1691 / 971)
    assert epi.crude_risk_ratio(**HAND, rr_substance=2.0) == pytest.approx(expected)
    assert epi.share_with_other_drugs(**HAND, rr_substance=2.0) == pytest.approx(400 / 418)


def test_no_confounding_when_use_does_not_depend_on_other_drugs():
    args = dict(HAND, use_if_other=0.05, use_if_none=0.05)
    for rr in (1.0, 1.7, 4.0):
        assert epi.crude_risk_ratio(**args, rr_substance=rr) == pytest.approx(rr)


def test_a_harmless_substance_looks_harmful_when_confounded():
    assert epi.crude_risk_ratio(**HAND, rr_substance=1.0) > 3


@settings(max_examples=50, deadline=None)
@given(st.floats(1.0, 10.0), st.floats(1.0, 10.0))
def test_share_with_other_drugs_ignores_the_substance_effect(rr_a, rr_b):
    assert epi.share_with_other_drugs(**HAND, rr_substance=rr_a) == pytest.approx(
        epi.share_with_other_drugs(**HAND, rr_substance=rr_b))


def test_attributable_fraction():
    np.testing.assert_allclose(epi.attributable_fraction_exposed([1.0, 2.0, 4.0]), [0, 0.5, 0.75])
    with pytest.raises(ValueError, match="rr_substance"):
        epi.attributable_fraction_exposed(0.5)
    with pytest.raises(ValueError, match="use_if_none"):
        epi.crude_risk_ratio(0.1, 0.2, 1.5, 10.0, 1.0)


def test_explorer_plots_the_model_and_says_so():
    e = explorers.ConfoundingExplorer(observed={"published": 95.4})
    for rr, assoc in [(1.0, 10.0), (3.0, 2.0), (5.0, 30.0)]:
        e.update(rr_substance=rr, association=assoc)
        args = (0.05, 0.007 * assoc, 0.007, 50.0, rr)
        plotted = e.data()
        np.testing.assert_allclose(plotted["risk_ratio"], [rr, epi.crude_risk_ratio(*args)])
        np.testing.assert_allclose(plotted["share_percent"],
                                   [100 * epi.share_with_other_drugs(*args),
                                    100 * (rr - 1) / rr])
        assert f"true risk ratio {rr:.1f}" in e.alt_text
        assert "assumed" in e.alt_text
        top = e.axes[0].get_ylim()[1]
        assert plotted["risk_ratio"].max() < top  # the tallest bar stays inside the axes


def test_explorer_sliders_stored_preview_and_bad_input():
    e = explorers.ConfoundingExplorer()
    assert set(e.sliders) == {"rr_substance", "association"}
    for s in e.sliders.values():
        assert "assumed" in s.description
    before = e.image.value
    e.sliders["rr_substance"].value = 4.0  # as the browser would
    assert e.params["rr_substance"] == 4.0 and e.image.value != before
    bundle = explorers.ConfoundingExplorer()._repr_mimebundle_()
    assert bundle["text/plain"] == explorers.ConfoundingExplorer.TEXT
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["image/png"] == explorers.ConfoundingExplorer()._repr_mimebundle_()["image/png"]
    with pytest.raises(ValueError, match="use_if_none"):
        explorers.ConfoundingExplorer(use_if_none=0.05)
    with pytest.raises(KeyError):
        e.update(dose_mg=1.0)
