"""What every explorer shares: the figure and its PNG, in-place updates, the stored preview and
text/plain line, the alt text of the current picture, and sliders labelled with their units.

An explorer subclasses ``Explorer`` and implements four methods: ``_build`` (draw the artists once
and register the changing ones with ``_animate``), ``_recompute`` (update those artists from
``self.params``), ``describe`` (one line saying what the picture shows now, with units) and
``data`` (the plotted arrays).
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np

from pharmacourse import plots
from pharmacourse.explorers._names import SliderNames

#: Explorers' legends: 10 pt (the course minimum; ticks and labels keep the style's 11 pt), so
#: a legend inside the axes leaves room for the curves. One place for every explorer.
LEGEND_STYLE = {"legend.fontsize": 10, "legend.title_fontsize": 10}

__all__ = ["Explorer", "encode_png", "point", "rescale_y", "slider"]


class Explorer(widgets.VBox):
    """Base class: sliders + a PNG figure, updated in place. Subclasses define the model."""

    #: Stable one-line description for text/plain (nbval compares it).
    TEXT: ClassVar[str] = "Explorer: run this cell to move the sliders (static preview shown)"

    #: One line saying what the picture currently shows (``describe()``), refreshed on every
    #: redraw; for screen readers and captions.
    alt_text: str

    def __init__(self, sliders: dict[str, widgets.Widget], width_in: float = 7.0,
                 height_in: float = 4.0, ncols: int = 1) -> None:
        self.sliders = sliders
        self.fig, self.axes = plots.new_figure(width_in, height_in, ncols)
        self.params: dict[str, float] = {k: float(s.value) for k, s in sliders.items()}
        self._animated: list[Any] = []
        self._background: Any = None
        with plots.style_context(LEGEND_STYLE):  # the same text sizes in every lesson
            self._build()
        for artist in self._animated:
            artist.set_animated(True)
        # the y axes (ticks, tick labels, grid lines, label) and the spines form a layer drawn
        # over the cached base, so a change of y limits redraws only them (``_render``)
        self._y_layer: list[Any] = [artist for ax in self.axes
                                    for artist in (ax.yaxis, *ax.spines.values())]
        for artist in self._y_layer:
            artist.set_animated(True)
        self._base: Any = None
        self._y_room: list[float] = []
        self._initial_png = self._redraw(full=True)
        self._initial_alt = self.alt_text
        self.image = widgets.Image(value=self._initial_png, format="png",
                                   layout=widgets.Layout(width="100%", max_width="720px"))
        self.image.add_class("explorer-plot")
        for name, slider_widget in sliders.items():
            slider_widget.observe(self._on_change(name), names="value")
        # last child: gives the slider handles their labels as accessible names in the page
        self._names = SliderNames(self.alt_text)  # also the picture's alt, kept up to date
        super().__init__(children=[*sliders.values(), self.image, self._names])
        self.add_class("explorer")

    # -- to implement -------------------------------------------------------------------------
    def _build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _recompute(self) -> bool:  # pragma: no cover - abstract
        """Update the artists from ``self.params``; return True if a y axis's limits changed
        (``rescale_y``), which redraws the y axes over the cached base (``_render``)."""
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        """One line saying what the picture shows now, each quantity with its unit."""
        raise NotImplementedError

    def data(self) -> dict[str, np.ndarray]:  # pragma: no cover - abstract
        """The arrays currently plotted."""
        raise NotImplementedError

    # -- shared -------------------------------------------------------------------------------
    def _animate(self, *artists: Any) -> None:
        """Register the artists that change with the sliders (redrawn over a cached background)."""
        self._animated.extend(artists)

    def _redraw(self, full: bool = False) -> bytes:
        """Recompute the artists, refresh ``alt_text`` and return the new PNG."""
        y_changed = bool(self._recompute())
        self.alt_text = self.describe()
        return self._render(full=full, y_changed=y_changed)

    def _render(self, full: bool = False, y_changed: bool = False) -> bytes:
        """Draw and encode the figure, redrawing as little as the change needs (blitting).

        Three layers: the base (title, x axis, legend, static artists; laid out and drawn once),
        the y layer (each axes' y axis and spines, drawn over the base) and the animated
        artists. A slider move restores base + y layer and draws the animated artists; a change
        of y limits (``y_changed``) restores the base and redraws the y layer first (the legend
        and the layout are not redone: a few ms instead of a full draw). Only when the new tick
        labels need more room than the layout gave them, or on ``full``, is everything laid out
        and drawn again.
        """
        canvas = self.fig.canvas
        full = full or self._base is None
        if y_changed and not full:
            canvas.restore_region(self._base)
            self._draw_y_layer()
            full = not self._y_layer_fits()
            if not full:
                self._background = canvas.copy_from_bbox(self.fig.bbox)
        elif not full:
            canvas.restore_region(self._background)
        if full:
            with plots.style_context(LEGEND_STYLE):  # ticks made while drawing: course sizes
                canvas.draw()  # the layout leaves the y layer its room; animated: not drawn
            self._base = canvas.copy_from_bbox(self.fig.bbox)
            self._draw_y_layer()
            self._y_room = self._y_lefts()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        for artist in self._animated:
            self.fig.draw_artist(artist)
        return encode_png(canvas)

    def _draw_y_layer(self) -> None:
        with plots.style_context(LEGEND_STYLE):  # ticks made while drawing: course sizes
            for artist in self._y_layer:
                self.fig.draw_artist(artist)

    def _y_layer_fits(self) -> bool:
        """Whether every y axis just drawn (tick labels and label) fits the room the last layout
        gave it: its left edge no further left than then, to half a pixel."""
        return all(left >= room - 0.5
                   for left, room in zip(self._y_lefts(), self._y_room, strict=True))

    def _y_lefts(self) -> list[float]:
        """Left edge (pixels) of each y axis as last drawn: its label, or without one its tick
        labels (the label sits left of them); +inf if it shows no text."""
        renderer = self.fig.canvas.get_renderer()
        lefts = []
        for ax in self.axes:
            label = ax.yaxis.label
            texts = ([label] if label.get_visible() and label.get_text() else
                     [t for t in ax.yaxis.get_ticklabels() if t.get_visible() and t.get_text()])
            lefts.append(min((t.get_window_extent(renderer).x0 for t in texts),
                             default=math.inf) if ax.yaxis.get_visible() else math.inf)
        return lefts

    def _on_change(self, name: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            if not getattr(self, "_syncing", False):
                self.update(**{name: change["new"]})

        return handler

    def update(self, **params: float) -> bytes:
        """Set parameters (by slider name), recompute the model, redraw; returns the PNG bytes.

        Slider widgets are moved to match, without triggering a second redraw.
        """
        unknown = set(params) - set(self.sliders)
        if unknown:
            raise KeyError(f"unknown parameters {sorted(unknown)}; known: {sorted(self.sliders)}")
        self.params.update({k: float(v) for k, v in params.items()})
        png = self._redraw()
        if hasattr(self, "image"):
            self._syncing = True
            try:
                for name in params:
                    if float(self.sliders[name].value) != self.params[name]:
                        self.sliders[name].value = self.params[name]
            finally:
                self._syncing = False
            self.image.value = png
            self._names.alt = self.alt_text
        return png

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # (data, metadata)
            bundle = bundle[0]
        bundle = dict(bundle or {})
        bundle["image/png"] = base64.b64encode(self._initial_png).decode("ascii")
        # the stored preview as an <img> with alt text, for a page where the widget is not live
        bundle["text/html"] = plots.figure_html(self._initial_png, self._initial_alt)
        bundle["text/plain"] = self.TEXT
        return bundle


def encode_png(canvas: Any) -> bytes:
    """PNG bytes of the canvas buffer (Pillow, fast compression, no timestamps: deterministic)."""
    from PIL import Image

    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def slider(value: float, lo: float, hi: float, step: float, quantity: str, unit: str = "",
           note: str = "", *, readout_format: str = ".3g", log: bool = False) -> widgets.Widget:
    """A keyboard-usable float slider labelled "quantity (unit; note)".

    ``unit`` is empty for a dimensionless quantity; ``note`` says where a value or range comes
    from ("assumed", "used in published studies"). ``log`` makes a base-10 log slider.
    """
    extra = "; ".join(part for part in (unit, note) if part)
    description = f"{quantity} ({extra})" if extra else quantity
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="95%", max_width="640px")
    if log:
        return widgets.FloatLogSlider(value=value, base=10, min=math.log10(lo), max=math.log10(hi),
                                      step=step, description=description, style=style,
                                      layout=layout, readout_format=readout_format,
                                      continuous_update=True)
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               style=style, layout=layout, readout_format=readout_format,
                               continuous_update=True)


def point(line: Any) -> np.ndarray:
    """The (x, y) of a one-point marker line, as a float array."""
    x, y = line.get_data()
    return np.array([x[0], y[0]], dtype=float)


def rescale_y(ax: Any, top: float, headroom: float = 1.3) -> bool:
    """Fit the y axis (from 0 to ``headroom`` x ``top``) to a curve whose highest point is
    ``top``, only when the curve leaves a good range (above the axis, or below 40 % of it); True
    if the axis changed (the static part must then be redrawn)."""
    _, ylim = ax.get_ylim()
    if top > ylim or top < 0.4 * ylim:
        ax.set_ylim(0, headroom * top)
        return True
    return False
