"""A small widget under a claim review: one optional line "what changed my mind" per claim.

The logic is :func:`pharmacourse.quiz.store.record_note` (a pure store update, tested on its own);
this is a thin layer of ``ipywidgets.Text`` + a "Save" button. CSS classes: ``quiz-notes``
(the box), ``quiz-note`` (each line's input), ``quiz-note-save``, ``quiz-note-status``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from pharmacourse.quiz import store
from pharmacourse.quiz.text import escape

PROMPT = "What changed my mind (optional, one line)"


class ChangedMind(widgets.VBox):
    """One text line per claim, saved with the predictions."""

    def __init__(self, claim_ids: Sequence[str], lesson: str = "") -> None:
        self.lesson = lesson
        saved = store.claims()
        self.inputs: dict[str, widgets.Text] = {}
        rows = []
        for cid in claim_ids:
            note = (saved.get(cid) or {}).get("note") or {}
            box = widgets.Text(value=str(note.get("text", "")),
                               placeholder=PROMPT, description=f"Claim {cid}",
                               layout=widgets.Layout(width="auto", max_width="100%"))
            box.add_class("quiz-note")
            self.inputs[cid] = box
            rows.append(box)
        self.save_button = widgets.Button(description="Save", tooltip="Save these lines")
        self.save_button.add_class("quiz-note-save")
        self.save_button.on_click(lambda _b: self.save())
        self.status = widgets.HTML("")
        self.status.add_class("quiz-note-status")
        title = widgets.HTML(f"<em>{escape(PROMPT)}</em>")
        super().__init__([title, *rows, self.save_button, self.status])
        self.add_class("quiz-notes")

    def save(self) -> dict[str, str]:
        """Store every line (an empty line removes a note); return what was stored."""
        try:
            stored = {cid: store.record_note(cid, box.value, self.lesson)
                      for cid, box in self.inputs.items()}
        except Exception as exc:  # nothing reaches the notebook
            self.status.value = f"⚠ Not saved ({escape(type(exc).__name__)}: {escape(exc)})."
            return {}
        kept = sum(1 for text in stored.values() if text)
        self.status.value = f"✎ Saved ({kept} line{'s' if kept != 1 else ''})."
        return stored

    def __repr__(self) -> str:
        return f"What changed my mind: {len(self.inputs)} claim(s). Run the cell to write."

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = f"<p><em>{escape(PROMPT)}: run this cell to write it.</em></p>"
        return bundle
