"""The capstone's case explorer: the plotted curves are the models, the assumptions are
labelled, a slider move changes the picture and its alt text."""

from __future__ import annotations

import numpy as np
import pytest

from pharmacourse import explorers, interactions, pk
from pharmacourse.explorers._mitragynine import published


def test_curves_equal_the_models() -> None:
    e = explorers.CaseExplorer()
    e.update(fm=0.6, fold=4.0, start_day=5.0, t_half_h=50.0, dose_mg=20.0)
    d = e.data()
    ke = np.log(2) / 50.0
    v = published("vz_f", "tanna2022", "median")
    np.testing.assert_allclose(d["without_ng_per_ml"],
                               1000 * pk.multiple_dose_oral(d["t_h"], 20.0, 24.0, 15, v, ke, 5.8))
    ke2 = ke / float(interactions.auc_ratio_from_fm(0.6, 4.0))
    np.testing.assert_allclose(d["with_ng_per_ml"], 1000 * pk.multiple_dose_oral_ke_change(
        d["t_h"], 20.0, 24.0, 15, v, ke, ke2, 5 * 24.0, 5.8))


def test_values_and_description_follow_the_sliders() -> None:
    e = explorers.CaseExplorer()
    png = e.update(fm=0.0)
    v = e.values()
    assert v["auc_ratio"] == pytest.approx(1.0)  # no CYP3A share: the inhibitor changes nothing
    np.testing.assert_allclose(e.data()["with_ng_per_ml"], e.data()["without_ng_per_ml"])
    assert "fm 0.00" in e.alt_text
    assert e.update(fm=0.9, fold=20.0) != png
    v = e.values()
    assert v["auc_ratio"] == pytest.approx(1 / (0.9 / 20 + 0.1))
    assert v["t_half_inhibited_h"] == pytest.approx(v["t_half_h"] * v["auc_ratio"])
    assert v["accumulation"] == pytest.approx(
        float(pk.accumulation_ratio(np.log(2) / v["t_half_h"], 24.0)))
    assert "fm 0.90" in e.alt_text and "assumed" in e.alt_text


def test_assumptions_are_labelled_and_the_dose_range_is_published() -> None:
    e = explorers.CaseExplorer()
    assert "assumed" in e.sliders["fm"].description
    assert "assumed" in e.sliders["fold"].description
    assert "published" in e.sliders["dose_mg"].description
    lo, hi = explorers.PUBLISHED_MG_DOSE_RANGE_MG
    assert (e.sliders["dose_mg"].min, e.sliders["dose_mg"].max) == (lo, hi)
    labels = [t.get_text() for t in e.axes[0].get_legend().get_texts()]
    assert any("assumed" in label for label in labels)
    assert e._repr_mimebundle_()["text/plain"] == explorers.CaseExplorer.TEXT


def test_unknown_parameter_is_an_error() -> None:
    with pytest.raises(KeyError, match="unknown parameters"):
        explorers.CaseExplorer().update(ki_um=3.0)
