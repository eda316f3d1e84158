"""Explorers: a slider move changes the picture and its alt text, the plotted data equal the
model, the stored preview is stable, every slider is labelled with units and within published
ranges, and the package imports an explorer only when a lesson uses it."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys

import ipywidgets as widgets
import numpy as np
import pytest

from pharmacourse import explorers, interactions, pharmacodynamics, pk
from pharmacourse.explorers._base import slider as make_slider

ALL = [explorers.PKExplorer, explorers.DoseResponseExplorer, explorers.OccupancyExplorer,
       explorers.DDICalculator, explorers.SingleDosePKExplorer, explorers.SamplingExplorer]

#: The public names of the single-module ``explorers.py`` before it became a package
#: (its ``__all__`` at commit d0093c2): lessons import them and must keep working.
OLD_PUBLIC_NAMES = ["DDICalculator", "DoseResponseExplorer", "Explorer", "OccupancyExplorer",
                    "PKExplorer", "PUBLISHED_MG_DOSE_RANGE_MG", "SamplingExplorer",
                    "SingleDosePKExplorer"]


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
    expected = pharmacodynamics.operational_model(d["conc_nm"] / 10.0, 300.0, 2.0, 100.0, 1.0, 0.25)
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


def _fresh_python(code: str) -> dict:
    """Run ``code`` in a new interpreter; it prints one JSON value, returned here."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


_LOADED = """
import json, sys
{body}
heavy = ("matplotlib", "ipywidgets", "scipy", "pint", "pandas")
print(json.dumps(sorted(m for m in sys.modules
                        if m.startswith("pharmacourse.explorers.") or m in heavy)))
"""


def test_importing_the_package_loads_no_explorer():
    loaded = _fresh_python(_LOADED.format(body="import pharmacourse.explorers"))
    assert loaded == []


def test_using_one_explorer_loads_only_its_module():
    loaded = _fresh_python(_LOADED.format(
        body="from pharmacourse.explorers import SamplingExplorer"))
    assert "pharmacourse.explorers.sampling" in loaded
    assert "pharmacourse.explorers._base" in loaded
    others = {"pk_regimen", "single_dose", "dose_response", "occupancy", "ddi"}
    assert not others & {m.rsplit(".", 1)[-1] for m in loaded}, loaded
    assert "scipy" not in loaded and "pint" not in loaded  # the sampling model needs neither


def test_every_public_name_of_the_old_module_is_importable():
    code = ("import json\n"
            f"from pharmacourse.explorers import {', '.join(OLD_PUBLIC_NAMES)}\n"
            "import pharmacourse.explorers as e\n"
            "print(json.dumps({'all': sorted(e.__all__), 'dir': sorted(dir(e)),\n"
            "                  'range': list(PUBLISHED_MG_DOSE_RANGE_MG),\n"
            "                  'subclass': all(issubclass(c, Explorer) for c in (\n"
            "                      DDICalculator, DoseResponseExplorer, OccupancyExplorer,\n"
            "                      PKExplorer, SamplingExplorer, SingleDosePKExplorer))}))")
    got = _fresh_python(code)
    assert set(OLD_PUBLIC_NAMES) <= set(got["all"])  # new explorers may be added
    assert set(OLD_PUBLIC_NAMES) <= set(got["dir"])
    assert got["range"] == [6.25, 53.2]
    assert got["subclass"]


def test_unknown_name_is_an_attribute_error_listing_the_explorers():
    with pytest.raises(AttributeError, match="PKExplorer"):
        explorers.PKExplorr  # noqa: B018 - the attribute access is the test
    assert not hasattr(explorers, "PKExplorr")


def test_slider_label_carries_unit_and_note():
    assert make_slider(1.0, 0.0, 2.0, 0.1, "Half-life", "h").description == "Half-life (h)"
    assert (make_slider(1.0, 0.1, 8.0, 0.1, "ka", "1/h", "assumed").description
            == "ka (1/h; assumed)")
    assert make_slider(1.0, 0.1, 8.0, 0.1, "Efficacy tau", log=True).description == "Efficacy tau"
    assert make_slider(0.5, 0.0, 1.0, 0.1, "fm", "", "assumed").description == "fm (assumed)"


def _pk_peak(e):
    return f"highest {np.max(e.data()['c_ng_per_ml']):.3g} ng/mL"


#: class -> (slider to move, new value, the fragment the alt text must then contain: a quantity
#: read from the plotted data, with its unit)
ALT = {
    explorers.PKExplorer: ("t_half_h", 20.0, _pk_peak),
    explorers.SingleDosePKExplorer: (
        "dose_mg", 20.0, lambda e: f"peak {e.data()['peak'][1]:.2f} ng/mL at "
                                   f"{e.data()['peak'][0]:.1f} h"),
    explorers.DoseResponseExplorer: (
        "tau", 5.0, lambda e: f"maximum {pharmacodynamics.operational_emax(5.0):.0f} % of the system maximum"),
    explorers.OccupancyExplorer: (
        "ligand_nm", 1000.0, lambda e: f"Free ligand 1e+03 nM with Kd 100 nM: "
                                       f"{e.data()['marker'][1]:.0f} % of receptors"),
    explorers.DDICalculator: (
        "dose_mg", 10.0, lambda e: f"10 mg mitragynine, Ki 5.7 uM: gut concentration "
                                   f"{e.values()['i_gut_um']:.0f} uM"),
    explorers.SamplingExplorer: (
        "recruitment", 10.0, lambda e: f"r = 10 (users vs others): the sample reports "
                                       f"{e.data()['marker'][1]:.1f} %"),
}


@pytest.mark.parametrize("cls", ALL)
def test_alt_text_follows_the_slider_and_names_units(cls):
    name, value, fragment = ALT[cls]
    e = cls()
    before = e.alt_text
    assert before == e.describe()
    assert "\n" not in before and "0x" not in before
    e.sliders[name].value = value  # as the browser would
    assert e.alt_text != before
    assert e.alt_text == e.describe()
    assert fragment(e) in e.alt_text
    assert re.search(r"\d (ng/mL|nM|uM|%|mg)(?!\w)", e.alt_text)
    # the stored preview and its text/plain line do not change with it
    assert e._repr_mimebundle_()["text/plain"] == cls.TEXT
