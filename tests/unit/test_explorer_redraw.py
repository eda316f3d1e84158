"""How an explorer redraws (``explorers._base.Explorer._render``): fast, and never a stale or
clipped picture.

A change of y limits redraws only the y layer (y axes and spines) over the cached base, with no
new layout; tick labels that need more room than the layout gave them get a full layout and
draw. What could go wrong, and is checked here: stale tick labels after a rescale, a y label
pushed out of the figure, a picture that differs from a plain full draw of the same layout.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from pharmacourse import explorers
from pharmacourse.explorers._base import Explorer

CLASSES = explorers.classes()


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def count_full_draws(e: Explorer) -> list[int]:
    """Wrap the canvas's ``draw`` (layout + every static artist) to count its calls."""
    calls = [0]
    draw = e.fig.canvas.draw

    def counted(*args, **kwargs):
        calls[0] += 1
        return draw(*args, **kwargs)

    e.fig.canvas.draw = counted
    return calls


def test_the_registry_lists_every_explorer() -> None:
    assert len(CLASSES) >= 12 and explorers.AccumulationExplorer in CLASSES


def test_a_rescale_redraws_the_y_axis_without_a_new_layout() -> None:
    e = explorers.AccumulationExplorer()  # every 24 h
    ax = e.axes[0]
    e.update(tau_h=36.0)  # a lower plateau: the y axis rescales (labels 0-12, two digits)
    before = ax.get_ylim()
    draws = count_full_draws(e)
    png = e.update(tau_h=12.0)  # a higher plateau: rescales again (labels 0-40, two digits)
    assert ax.get_ylim() != before, "this move must rescale the y axis"
    assert draws[0] == 0, "a rescale whose labels fit must not lay out and draw everything"
    # the same layout drawn in full, in matplotlib's usual order: the same picture except where
    # the y grid lines cross legend text (the y layer is drawn over the legend)
    e.fig.set_layout_engine("none")
    reference = e._render(full=True)
    differ = (np.abs(pixels(png) - pixels(reference)).sum(axis=2) > 0).mean()
    assert differ < 0.001, f"{differ:.2%} of the pixels differ from a full draw"


def test_stale_tick_labels_would_show(monkeypatch) -> None:
    """The comparison above can fail: keeping the old y layer gives a different picture."""
    e = explorers.AccumulationExplorer()
    e.update(tau_h=36.0)
    monkeypatch.setattr(e, "_draw_y_layer", lambda: None)
    png = e.update(tau_h=12.0)
    monkeypatch.undo()  # the reference draws its y layer
    e.fig.set_layout_engine("none")
    differ = (np.abs(pixels(png) - pixels(e._render(full=True))).sum(axis=2) > 0).mean()
    assert differ > 0.001


def test_labels_that_need_more_room_get_a_new_layout() -> None:
    e = explorers.AccumulationExplorer(dose_mg=20.0, t_half_h=20.0)  # low levels: short labels
    draws = count_full_draws(e)
    left_before = e.axes[0].yaxis.get_tightbbox(e.fig.canvas.get_renderer()).x0
    e.update(tau_h=6.0, t_half_h=140.0, dose_mg=float(e.sliders["dose_mg"].max))
    assert draws[0] == 1, "wider tick labels must get a new layout"
    left_after = e.axes[0].yaxis.get_tightbbox(e.fig.canvas.get_renderer()).x0
    assert 0 <= left_after and left_after < left_before + 0.5


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_y_axis_stays_inside_the_figure_whatever_the_sliders(cls) -> None:
    e = cls()
    renderer = e.fig.canvas.get_renderer()
    width = e.fig.bbox.width
    for name, widget in e.sliders.items():
        lo, hi = float(widget.min), float(widget.max)
        if type(widget).__name__ == "FloatLogSlider":
            lo, hi = 10**lo, 10**hi
        for value in (lo, hi, float(widget.value)):
            e.update(**{name: value})
            for ax in e.axes:
                box = ax.yaxis.get_tightbbox(renderer)
                assert box is None or (box.x0 >= -0.5 and box.x1 <= width + 0.5), (
                    f"{cls.__name__}: {name}={value:g} puts a y axis outside the figure "
                    f"({box.x0:.1f}..{box.x1:.1f} px of {width:.0f})")
