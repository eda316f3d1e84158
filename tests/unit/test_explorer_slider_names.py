"""Explorers name their slider handles for screen readers (issue 18, axe ``aria-input-field-name``).

ipywidgets' slider handle is a ``<div role="slider">`` that its ``<label>`` does not name; each
explorer carries one hidden :class:`SliderNames` whose front end copies every slider's visible
label into its handle's ``aria-label``, and its explorer's ``alt_text`` into the picture's ``alt``
(checked in a real browser by tests/browser/test_quiz_a11y.py).
"""

from __future__ import annotations

import pytest

from pharmacourse import explorers
from pharmacourse.explorers._names import _ESM, SliderNames

ALL = [explorers.PKExplorer, explorers.DoseResponseExplorer, explorers.OccupancyExplorer,
       explorers.DDICalculator, explorers.SingleDosePKExplorer, explorers.SamplingExplorer]


@pytest.mark.parametrize("cls", ALL)
def test_every_explorer_carries_one_hidden_slider_namer_last(cls) -> None:
    e = cls()
    namers = [c for c in e.children if isinstance(c, SliderNames)]
    assert len(namers) == 1 and e.children[-1] is namers[0]
    assert namers[0].layout.display == "none"
    assert "explorer-slider-names" in namers[0]._dom_classes
    # the stored output is unchanged by it: a picture and the stable text line
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"] == cls.TEXT and "image/png" in bundle


def test_the_front_end_copies_each_label_into_its_handle() -> None:
    # the ESM reads the slider's visible label and sets it on every role=slider handle,
    # within its own explorer only, and again when ipywidgets redraws (MutationObserver)
    assert 'closest(".explorer")' in _ESM
    assert "querySelectorAll('[role=\"slider\"]')" in _ESM
    assert 'setAttribute("aria-label", text)' in _ESM
    assert "MutationObserver" in _ESM and "disconnect" in _ESM


def test_the_picture_alt_follows_the_alt_text() -> None:
    e = explorers.PKExplorer()
    namer = e.children[-1]
    assert namer.alt == e.alt_text and namer.alt
    e.update(dose_mg=e.params["dose_mg"] * 1.5 if e.params["dose_mg"] < 20 else 5.0)
    assert namer.alt == e.alt_text  # refreshed with the picture
    assert 'img.explorer-plot' in _ESM and 'img.alt = model.get("alt")' in _ESM
