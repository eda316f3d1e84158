"""The quiz's answer controls and feedback area as native, accessible HTML (issue 18).

ipywidgets' ``RadioButtons`` cannot be given a group label, and its radios share no ``name``, so
they are not a native radio group (arrow keys do nothing; each radio is its own Tab stop). Its
``HTML`` widget replaces its content on every update, so a live region inside it is a new element
each time and screen readers may not announce it. These two small ``anywidget`` widgets render
plain HTML instead; their front end is the ESM string below, shipped in the package (no CDN, no
network, no build step):

- :class:`AnswerControl`: one ``<fieldset>`` whose ``<legend>`` is the question (number, stem and
  hint, class ``quiz-stem``), holding native radios (one ``name``: Tab enters the group, arrow keys
  move and select, Space selects), checkboxes (multiple select) or a text field with a visible
  ``<label>`` ("Answer (h)"). Options are labelled ``<label><input><span>text</span></label>``
  (class ``quiz-choice``). ``value`` is an option id (radio), a list of ids (checkbox) or the text
  typed (text: synced on ``change``, i.e. on Enter or when the field loses focus).
  The fieldset carries ``data-lm-suppress-shortcuts`` and stops arrow keys, Space and Enter from
  bubbling, so JupyterLab's notebook shortcuts (ArrowDown selects the next cell) do not take them.
- :class:`LiveFeedback`: ONE persistent ``role="status"`` / ``aria-live="polite"`` element per
  question, created once; each update changes its content, never the element.

Both are ``ipywidgets.DOMWidget`` subclasses, so ``add_class`` and ``layout`` work as before.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

#: Scoped to ``.quiz-control`` / ``.quiz-live`` (anywidget adds it to the page once per class).
CONTROL_CSS = """
.quiz-control .quiz-fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.quiz-control .quiz-stem { padding: 0; margin: 0 0 0.4em 0; white-space: normal;
  overflow-wrap: anywhere; font-size: var(--jp-content-font-size1, 14px);
  color: var(--jp-content-font-color1, inherit); }
.quiz-control .quiz-choice { display: flex; align-items: flex-start; gap: 0.5em;
  margin: 0 0 4px 0; white-space: normal; overflow-wrap: anywhere; cursor: pointer;
  line-height: 1.4; }
.quiz-control .quiz-choice input { flex: none; margin: 0.2em 0 0 0; }
.quiz-control .quiz-choice span { white-space: normal; overflow-wrap: anywhere; }
.quiz-control .quiz-numeric-label { margin-right: 0.5em; }
.quiz-control .quiz-numeric-input { min-width: 16em; padding: 2px 4px; }
.quiz-control input:focus-visible { outline: 2px solid var(--jp-brand-color1, #1976d2);
  outline-offset: 2px; }
"""

_CONTROL_ESM = r"""
const PASS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", " ", "Enter",
                      "Home", "End"]);

function render({ model, el }) {
  const name = "quiz-" + Math.random().toString(36).slice(2);
  el.classList.add("quiz-control");
  const fieldset = document.createElement("fieldset");
  fieldset.className = "quiz-fieldset";
  fieldset.setAttribute("data-lm-suppress-shortcuts", "true");
  fieldset.addEventListener("keydown", (e) => { if (PASS.has(e.key)) e.stopPropagation(); });
  const legend = document.createElement("legend");
  legend.className = "quiz-stem";
  const body = document.createElement("div");
  body.className = "quiz-options";
  fieldset.append(legend, body);
  el.append(fieldset);

  // A choice travels as a custom message, not a state sync: ipywidgets holds a state sync back
  // while an earlier message awaits the kernel, so a quick "Check" (a custom message, never held)
  // could overtake it and grade the previous choice. Custom messages keep their order.
  const send = (value) => { model.set("value", value); model.send({ event: "value", value }); };
  const inputs = () => Array.from(body.querySelectorAll("input"));
  function sync() {
    const kind = model.get("kind");
    const value = model.get("value");
    if (kind === "text") {
      const field = body.querySelector("input");
      const text = value == null ? "" : String(value);
      if (field && field.value !== text) field.value = text;
      return;
    }
    const chosen = new Set(kind === "checkbox" ? (value || []) : (value == null ? [] : [value]));
    for (const input of inputs()) input.checked = chosen.has(input.value);
  }
  function build() {
    legend.innerHTML = model.get("legend");
    body.replaceChildren();
    const kind = model.get("kind");
    if (kind === "text") {
      const label = document.createElement("label");
      label.className = "quiz-numeric-label";
      label.htmlFor = name;
      label.textContent = model.get("description");
      const field = document.createElement("input");
      Object.assign(field, { type: "text", id: name, className: "quiz-numeric-input",
                             placeholder: model.get("placeholder"), autocomplete: "off",
                             spellcheck: false });
      field.addEventListener("change", () => send(field.value));
      body.append(label, field);
    } else {
      for (const [text, id] of model.get("options")) {
        const label = document.createElement("label");
        label.className = "quiz-choice";
        const input = document.createElement("input");
        Object.assign(input, { type: kind === "checkbox" ? "checkbox" : "radio", name, value: id });
        const span = document.createElement("span");
        span.textContent = text;
        label.append(input, span);
        input.addEventListener("change", () => {
          if (kind === "checkbox") send(inputs().filter((i) => i.checked).map((i) => i.value));
          else if (input.checked) send(input.value);
        });
        body.append(label);
      }
    }
    sync();
  }
  const relabel = () => { legend.innerHTML = model.get("legend"); };
  build();
  model.on("change:value", sync);
  model.on("change:legend", relabel);
  model.on("change:options", build);
  return () => {
    model.off("change:value", sync);
    model.off("change:legend", relabel);
    model.off("change:options", build);
  };
}
export default { render };
"""

_LIVE_ESM = r"""
function render({ model, el }) {
  const region = document.createElement("div");
  region.className = "quiz-live";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-atomic", "true");
  const show = () => { region.innerHTML = model.get("value"); };
  const mark = () => {
    for (const c of Array.from(el.classList)) {
      if (c.startsWith("quiz-feedback-")) el.classList.remove(c);
    }
    if (model.get("status")) el.classList.add(model.get("status"));
  };
  show();
  mark();
  el.append(region);
  model.on("change:value", show);
  model.on("change:status", mark);
  return () => { model.off("change:value", show); model.off("change:status", mark); };
}
export default { render };
"""

KINDS = ("radio", "checkbox", "text")
STATUS_PREFIX = "quiz-feedback-"


class AnswerControl(anywidget.AnyWidget):
    """A question's answer control: a fieldset with the question as legend (see module doc)."""

    _esm = _CONTROL_ESM
    _css = CONTROL_CSS
    kind = traitlets.Enum(KINDS, default_value="radio").tag(sync=True)
    #: The question as safe HTML (number, stem, hint): the group's visible name.
    legend = traitlets.Unicode("").tag(sync=True)
    #: ``(label text, option id)`` pairs in the order shown (radio, checkbox).
    options = traitlets.List().tag(sync=True)
    #: The visible label of a text field ("Answer (h)"); a radio group's purpose.
    description = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    value = traitlets.Any(None, allow_none=True).tag(sync=True)

    def __init__(self, kind: str, legend: str, description: str,
                 options: list[tuple[str, str]] | None = None, placeholder: str = "",
                 **kwargs: Any) -> None:
        empty: object = [] if kind == "checkbox" else ("" if kind == "text" else None)
        super().__init__(kind=kind, legend=legend, description=description,
                         options=list(options or ()), placeholder=placeholder, value=empty,
                         **kwargs)
        self.on_msg(self._on_front_end_message)

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` is a well-formed answer for this control (ids it shows, or text)."""
        ids = {option_id for _text, option_id in self.options}
        if self.kind == "text":
            return isinstance(value, str)
        if self.kind == "checkbox":
            return isinstance(value, list) and all(isinstance(v, str) and v in ids for v in value)
        return value is None or (isinstance(value, str) and value in ids)

    def _on_front_end_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """The learner's choice from the page, in the order the page sent it (see the ESM).

        Set without echoing it back (the page already shows it); anything malformed is ignored.
        """
        if not isinstance(content, dict) or content.get("event") != "value":
            return
        value = content.get("value")
        if not self.accepts(value):
            return
        with self._lock_property(value=value), self.hold_trait_notifications():
            self.value = value


class LiveFeedback(anywidget.AnyWidget):
    """One persistent ``role="status"`` live region; ``value`` is its (safe) HTML content."""

    _esm = _LIVE_ESM
    value = traitlets.Unicode("").tag(sync=True)
    #: The current status class (``quiz-feedback-correct``...), set on the widget's element by
    #: the front end: anywidget does not apply later ``_dom_classes`` changes to the page.
    status = traitlets.Unicode("").tag(sync=True)

    def show(self, html: str, status_class: str | None) -> None:
        """Put ``html`` in the live region and mark the element with ``status_class``."""
        for cls in [c for c in self._dom_classes if c.startswith(STATUS_PREFIX)]:
            self.remove_class(cls)
        if status_class:
            self.add_class(status_class)
        self.status = status_class or ""
        self.value = html
