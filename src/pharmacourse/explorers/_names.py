"""Accessible names for the explorers' slider handles (axe rule ``aria-input-field-name``).

ipywidgets 8 draws a slider with noUiSlider: the keyboard-focusable handle is a
``<div role="slider">`` next to the description ``<label>``, which does not name it (a label only
names form controls), and ipywidgets passes no ``aria-label`` to it. :class:`SliderNames` is a
hidden ``anywidget`` each explorer carries as its last child: its front end (the ESM string below,
shipped in the package) finds its explorer (``.explorer``) in the page and gives every slider
handle the ``aria-label`` of its slider's visible label ("Half-life (h)"), again whenever
ipywidgets redraws a slider. The sliders themselves stay ipywidgets ``FloatSlider``s.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets

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

function render({ el }) {
  let observer = null;
  let tries = 0;
  let frame = 0;
  const attach = () => {
    const root = el.isConnected ? el.closest(".explorer") : null;
    if (!root) {
      if (tries++ < 600) frame = requestAnimationFrame(attach);  // ~10 s until it is shown
      return;
    }
    nameHandles(root);
    observer = new MutationObserver(() => nameHandles(root));
    observer.observe(root, { childList: true, subtree: true });
  };
  attach();
  return () => { cancelAnimationFrame(frame); if (observer) observer.disconnect(); };
}
export default { render };
"""


class SliderNames(anywidget.AnyWidget):
    """Hidden helper: names its explorer's slider handles in the page (see the module doc)."""

    _esm = _ESM

    def __init__(self) -> None:
        super().__init__(layout=widgets.Layout(display="none"))
        self.add_class("explorer-slider-names")
