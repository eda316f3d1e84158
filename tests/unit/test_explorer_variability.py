"""Lesson 09's population explorer: its defaults come from data/, each slider switches a source
of variability on or off, the histogram equals the model, and the picture is described."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pharmacourse import data, explorers, variability

OFF = dict(content_fold=1.0, cl_cv_pct=0.0, weight_cv_pct=0.0, inhibitor_pct=0.0)


@pytest.fixture(scope="module")
def explorer():
    return explorers.VariabilityExplorer()


def test_defaults_come_from_the_data_rows() -> None:
    from pharmacourse.explorers.variability import published_sizes

    s = published_sizes()
    pc = data.load("product_composition")
    prozialeck = pc.query("source_ids == 'prozialeck2020' and analyte == 'mitragynine'")
    assert (s["content_low"], s["content_high"]) == (prozialeck["value"].min(),
                                                      prozialeck["value"].max())
    assert s["dose_g"] == pytest.approx(2.0, abs=0.01)  # Tanna 2022: one 2 g tea, about 39 mg
    e = explorers.VariabilityExplorer()
    assert e.params["content_fold"] == pytest.approx(62.1 / 3.9)
    # CV from the range 71.7-302 L/h of 5 people: omega = ln(302/71.7)/2.326 = 0.618 -> CV 68 %
    assert e.params["cl_cv_pct"] == pytest.approx(100 * math.sqrt(math.exp(0.6182**2) - 1), abs=0.2)


def test_every_source_off_puts_everyone_on_the_typical_person(explorer) -> None:
    explorer.update(**OFF)
    d = explorer.data()
    assert d["percent"].max() == pytest.approx(100.0)
    assert float(d["fold"]) == pytest.approx(1.0)
    assert d["percentiles"] == pytest.approx([explorer.typical_auc()] * 2)


@pytest.mark.parametrize("source", [dict(content_fold=15.9), dict(cl_cv_pct=68.0),
                                    dict(weight_cv_pct=20.0), dict(inhibitor_pct=20.0)])
def test_each_source_alone_spreads_the_exposures(explorer, source) -> None:
    explorer.update(**OFF)
    before = explorer.alt_text
    explorer.update(**source)
    assert float(explorer.data()["fold"]) > 1.2
    assert explorer.alt_text != before


def test_histogram_equals_the_model(explorer) -> None:
    png_a = explorer.update(content_fold=10.0, cl_cv_pct=50.0, weight_cv_pct=10.0,
                            inhibitor_pct=10.0, fm_pct=60.0)
    auc = variability.exposure_population(
        explorer.sizes["dose_g"], explorer.content_mid / math.sqrt(10.0),
        explorer.content_mid * math.sqrt(10.0), 233.0, 0.5, 0.1, 0.6, 0.1, explorer.N,
        explorer.SEED)["auc_ng_h_per_ml"]
    d = explorer.data()
    inside = (auc >= d["edges"][0]) & (auc < d["edges"][-1])
    expected, _ = np.histogram(auc[inside], d["edges"])
    assert np.allclose(d["percent"][1:-1], 100.0 * expected[1:-1] / auc.size)
    assert d["percentiles"] == pytest.approx(np.percentile(auc, [5, 95]))
    assert explorer.update(fm_pct=0.0) != png_a  # fm matters only with an inhibitor share


def test_fm_zero_makes_the_inhibitor_irrelevant(explorer) -> None:
    explorer.update(**OFF, fm_pct=0.0)
    explorer.update(inhibitor_pct=40.0)
    assert float(explorer.data()["fold"]) == pytest.approx(1.0)


def test_sliders_say_their_units_and_where_values_come_from(explorer) -> None:
    labels = {name: s.description for name, s in explorer.sliders.items()}
    assert "Prozialeck 2020" in labels["content_fold"]
    assert "Tanna 2022" in labels["cl_cv_pct"]
    for name in ("weight_cv_pct", "inhibitor_pct", "fm_pct"):
        assert "assumed" in labels[name] and "%" in labels[name]


def test_legend_labels_simulated_and_no_safety_band(explorer) -> None:
    texts = [t.get_text() for t in explorer.axes[0].get_legend().get_texts()]
    assert any("simulated" in t for t in texts)
    assert not any(w in " ".join(texts).lower() for w in ("safe", "toxic", "therapeutic"))
    assert explorer.axes[0].get_xscale() == "log"
    assert "ng·h/mL" in explorer.axes[0].get_xlabel()


def test_unknown_parameter_is_refused(explorer) -> None:
    with pytest.raises(KeyError, match="unknown"):
        explorer.update(dose_g=5.0)


def test_static_preview_is_stable() -> None:
    bundle = explorers.VariabilityExplorer()._repr_mimebundle_()
    assert bundle["text/plain"] == explorers.VariabilityExplorer.TEXT
    assert bundle["image/png"] == explorers.VariabilityExplorer()._repr_mimebundle_()["image/png"]
