"""The tolerance explorer (lesson 07): its curves equal the operational model written out by
hand, receptor loss and desensitisation act alike, a full agonist shifts right while a partial
agonist loses its maximum, and the figure, alt text and stored preview behave like every
explorer's."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from pharmacourse import explorers


def by_hand(conc_nm, ka_nm, tau):
    """Operational model (n = 1, Em = 100 %) written out: E = 100 tau A / (KA + A + tau A)."""
    return 100.0 * tau * conc_nm / (ka_nm + conc_nm + tau * conc_nm)


def test_lazy_name_and_structure():
    e = explorers.ToleranceExplorer()
    assert "explorer" in e._dom_classes and "explorer-plot" in e.image._dom_classes
    for name, widget in e.sliders.items():
        assert "(" in widget.description, name  # quantity (unit; note)
        assert widget in e.children
    bundle = e._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"] == explorers.ToleranceExplorer.TEXT
    assert explorers.ToleranceExplorer()._repr_mimebundle_()["image/png"] == bundle["image/png"]


@pytest.mark.parametrize("receptors, coupling, partial_tau",
                         [(1.0, 1.0, 2.0), (0.1, 1.0, 2.0), (0.5, 0.2, 0.5), (0.03, 0.9, 8.0)])
def test_curves_equal_the_model_written_out(receptors, coupling, partial_tau):
    e = explorers.ToleranceExplorer()
    e.update(receptor_fraction=receptors, coupling_fraction=coupling, partial_tau=partial_tau)
    d, left = e.data(), receptors * coupling
    ka, full = e.KA_NM, e.FULL_TAU
    np.testing.assert_allclose(d["full_before"], by_hand(d["conc_nm"], ka, full), rtol=1e-9)
    np.testing.assert_allclose(d["full_after"], by_hand(d["conc_nm"], ka, full * left), rtol=1e-9)
    np.testing.assert_allclose(d["partial_before"], by_hand(d["conc_nm"], ka, partial_tau),
                               rtol=1e-9)
    np.testing.assert_allclose(d["partial_after"], by_hand(d["conc_nm"], ka, partial_tau * left),
                               rtol=1e-9)


def test_receptor_loss_and_desensitisation_look_the_same():
    a, b = explorers.ToleranceExplorer(), explorers.ToleranceExplorer()
    a.update(receptor_fraction=0.2, coupling_fraction=1.0)
    b.update(receptor_fraction=1.0, coupling_fraction=0.2)
    for key in ("full_after", "partial_after"):
        np.testing.assert_allclose(a.data()[key], b.data()[key])
    assert a.summary() == pytest.approx(b.summary())


def test_full_agonist_shifts_partial_agonist_loses_its_maximum():
    e = explorers.ToleranceExplorer()
    e.update(receptor_fraction=0.1, coupling_fraction=1.0, partial_tau=2.0)
    s = e.summary()
    # full: tau 30 -> 3; EC50 = KA/(1 + tau): fold = 31/4; max 100*3/4
    assert s["full_ec50_fold"] == pytest.approx(31 / 4)
    assert s["full_emax_pct"] == pytest.approx(75.0)
    # partial: tau 2 -> 0.2; fold = 3/1.2; max 100*0.2/1.2
    assert s["partial_ec50_fold"] == pytest.approx(3 / 1.2)
    assert s["partial_emax_pct"] == pytest.approx(100 * 0.2 / 1.2)
    # the partial agonist loses a larger share of its maximum than the full agonist
    assert s["partial_emax_pct"] / (100 * 2 / 3) < s["full_emax_pct"] / (100 * 30 / 31)


def test_no_tolerance_means_no_shift():
    s = explorers.ToleranceExplorer(receptor_fraction=1.0, coupling_fraction=1.0).summary()
    assert s["full_ec50_fold"] == pytest.approx(1.0)
    assert s["partial_ec50_fold"] == pytest.approx(1.0)


def test_slider_move_changes_picture_title_and_alt_text():
    e = explorers.ToleranceExplorer()
    png, alt = e.image.value, e.alt_text
    e.sliders["receptor_fraction"].value = 0.2  # as the browser would
    assert e.params["receptor_fraction"] == pytest.approx(0.2)
    assert e.image.value != png
    assert e.alt_text != alt and "20 % of receptors" in e.alt_text
    assert "EC50 x" in e.axes[0].get_title()


def test_unknown_parameter_is_named():
    with pytest.raises(KeyError, match="tau_full"):
        explorers.ToleranceExplorer().update(tau_full=3)
