"""Accessible names in the page for an explorer's slider handles and picture (issue 18).

ipywidgets 8 draws a slider with noUiSlider: the keyboard-focusable handle is a
``<div role="slider">`` next to the description ``<label>``, which does not name it (a label only
names form controls), and ipywidgets passes no ``aria-label`` to it. :class:`SliderNames` is a
hidden ``anywidget`` each explorer carries as its last child: its front end (the ESM string below,
shipped in the package) finds its explorer (``.explorer``) in the page and gives every slider
handle the ``aria-label`` of its slider's visible label ("Half-life (h)"), again whenever
ipywidgets redraws a slider (axe ``aria-input-field-name``). The sliders stay ipywidgets sliders.

The picture is an ``ipywidgets.Image``, an ``<img>`` without ``alt`` (axe ``image-alt``): the
same front end sets its ``alt`` (``img.explorer-plot``) to the ``alt`` trait, which the explorer
updates with its ``alt_text`` on every redraw ("peak 3.0 ng/mL at 1.0 h").
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets

_ESM = r"""
const SLIDERS = ".widget-slider, .jupyter-widget-slider";
const LABEL = ".widget-label, .jupyter-widget-label";

function nameHandles(root) {
  for (const slider of root.querySelectorAll(SLIDERS)) {
    const label = slider.querySelector(LABEL);
    const text = label ? label.textContent.trim() : "";
    if (!text) continue;
    for (const handle of slider.querySelectorAll('[role="slider"]')) {
      if (handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
    }
  }
}

function render({ model, el }) {
  let observer = null;
  let root = null;
  const describe = () => {
    if (!root) return;
    for (const img of root.querySelectorAll("img.explorer-plot")) img.alt = model.get("alt");
  };
  model.on("change:alt", describe);
  let tries = 0;
  let frame = 0;
  const attach = () => {
    root = el.isConnected ? el.closest(".explorer") : null;
    if (!root) {
      if (tries++ < 600) frame = requestAnimationFrame(attach);  // ~10 s until it is shown
      return;
    }
    nameHandles(root);
    describe();
    observer = new MutationObserver(() => nameHandles(root));
    observer.observe(root, { childList: true, subtree: true });
  };
  attach();
  return () => {
    cancelAnimationFrame(frame);
    model.off("change:alt", describe);
    if (observer) observer.disconnect();
  };
}
export default { render };
"""


class SliderNames(anywidget.AnyWidget):
    """Hidden helper: names its explorer's slider handles and picture in the page."""

    _esm = _ESM
    #: The picture's alt text (the explorer's ``alt_text``).
    alt = traitlets.Unicode("").tag(sync=True)

    def __init__(self, alt: str = "") -> None:
        super().__init__(alt=alt, layout=widgets.Layout(display="none"))
        self.add_class("explorer-slider-names")
