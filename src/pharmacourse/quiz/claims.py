"""The claim thread: the learner's guesses beside the evidence (``claim_review``), or without it
(``claim_list``), and one line "what changed my mind" per claim.

"A lesson reviews a claim" means it calls ``quiz.claim_review([...])`` with it; ``data/claims.csv``
lists in ``revisited_in`` the lessons that do (a test keeps the two in step). ``claim_list`` is
the verdict-free overview (lesson 04, the start page).
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pharmacourse.quiz import store

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

NO_PREDICTION = "no prediction recorded"
REVIEW_COLUMNS = ("claim_id", "claim", "first_prediction", "latest_prediction", "verdict",
                  "explanation", "changed_mind")
#: The capstone's final table: the review plus the lessons whose evidence built each verdict.
FINAL_COLUMNS = (*REVIEW_COLUMNS[:5], "revisited_in", *REVIEW_COLUMNS[5:])
LIST_COLUMNS = ("claim_id", "claim", "first_prediction", "latest_prediction", "revisited_in")
_HEADS = {"claim_id": "Claim", "first_prediction": "Your first guess",
          "latest_prediction": "Your latest guess", "verdict": "Verdict of the evidence",
          "explanation": "Why", "changed_mind": "What changed your mind",
          "revisited_in": "Weighed in lesson"}


def _claims_table() -> tuple[dict[str, dict[str, Any]], str | None]:
    try:
        frame = importlib.import_module("pharmacourse.data").load("claims")
    except Exception as exc:
        return {}, f"The evidence table (data/claims.csv) could not be loaded: {exc}"
    return {str(r["id"]): r for r in frame.to_dict("records")}, None


def guesses(entry: dict | None) -> tuple[str, str]:
    """(first, latest) prediction of one claim's stored entry ("no prediction recorded")."""
    history = (entry or {}).get("history") or []
    if not history:
        return NO_PREDICTION, NO_PREDICTION
    return history[0]["choice"], history[-1]["choice"]


def claim_rows(claim_ids: Sequence[str] | None, columns: Sequence[str]
               ) -> tuple[list[dict[str, str]], str | None]:
    """One row per claim with ``columns`` (pure: stored predictions + data/claims.csv)."""
    claims, note = _claims_table()
    ids = [str(c) for c in claim_ids] if claim_ids is not None else sorted(claims)
    saved = store.claims()
    rows = []
    for cid in ids:
        entry, stored = claims.get(cid, {}), saved.get(cid) or {}
        first, latest = guesses(stored)
        values = {
            "claim_id": cid, "claim": str(entry.get("claim", "")), "first_prediction": first,
            "latest_prediction": latest,
            "verdict": str(entry.get("verdict", "unknown claim" if claims else "")),
            "explanation": str(entry.get("explanation", "")),
            "changed_mind": str((stored.get("note") or {}).get("text", "")),
            "revisited_in": ", ".join(str(entry.get("revisited_in", "") or "").split(";")),
        }
        rows.append({c: values[c] for c in columns})
    return rows, note


class _ClaimTable:
    columns: tuple[str, ...] = ()
    css = ""

    def __init__(self, rows: list[dict[str, str]], note: str | None = None) -> None:
        self.rows = rows
        self.note = note

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.rows, columns=list(self.columns))

    def _cell(self, row: dict[str, str], column: str) -> str:
        if column == "claim_id":
            return (f"<strong>{html.escape(row['claim_id'])}</strong> "
                    f"{html.escape(row.get('claim', ''))}")
        return html.escape(row.get(column, ""))

    line = ""  # the text/plain form of one row (str.format with the row's columns)

    def __repr__(self) -> str:
        return "\n".join([self.line.format(**r) for r in self.rows]
                         + ([self.note] if self.note else []))

    def _repr_html_(self) -> str:
        shown = [c for c in self.columns if c != "claim"]
        head = "".join(f"<th>{_HEADS[c]}</th>" for c in shown)
        body = "".join("<tr>" + "".join(f"<td>{self._cell(r, c)}</td>" for c in shown) + "</tr>"
                       for r in self.rows)
        note = f"<p><em>{html.escape(self.note)}</em></p>" if self.note else ""
        return f'<table class="{self.css}"><tr>{head}</tr>{body}</table>{note}'


class ClaimReview(_ClaimTable):
    """Per claim: the learner's first and latest guess beside the evidence verdict."""

    NO_PREDICTION = NO_PREDICTION
    columns = REVIEW_COLUMNS
    css = "quiz-claim-review"

    line = ("{claim_id}: your first guess: {first_prediction}; latest: {latest_prediction}; "
            "evidence: {verdict}")

    def notes(self, lesson: str = "") -> Any:
        """The "what changed my mind" widget for these claims (one line each, optional)."""
        from pharmacourse.quiz.claim_notes import ChangedMind

        return ChangedMind([r["claim_id"] for r in self.rows], lesson)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        """Live: the table with the note lines under it; stored: the table alone (static)."""
        from pharmacourse.quiz.claim_notes import PROMPT

        static = f"<p><em>{PROMPT}: run this cell to write it under the table.</em></p>"
        bundle = {"text/plain": repr(self), "text/html": self._repr_html_() + static}
        try:
            import ipywidgets as widgets

            live = widgets.VBox([widgets.HTML(self._repr_html_()), self.notes()])
            view = live._repr_mimebundle_() or {}
        except Exception:  # no widgets: the static table is the whole answer
            return bundle
        bundle.update({k: v for k, v in view.items() if k not in ("text/plain", "text/html")})
        return bundle


class ClaimList(_ClaimTable):
    """Per claim: the learner's guesses and the lesson that weighs it, without verdicts."""

    columns = LIST_COLUMNS
    css = "quiz-claim-list"

    line = "{claim_id}: your latest guess: {latest_prediction}; weighed in lesson {revisited_in}"


def claim_review(claim_ids: Sequence[str], with_lessons: bool = False) -> ClaimReview:
    """The learner's first and latest prediction for ``claim_ids`` beside the evidence verdicts.

    ``with_lessons`` adds the lessons that weighed each claim (``revisited_in``), as the
    capstone's final verdict table does. The "what changed my mind" lines are written under the
    table (live) or with ``.notes()``.
    """
    columns = FINAL_COLUMNS if with_lessons else REVIEW_COLUMNS
    review = ClaimReview(*claim_rows(claim_ids, columns))
    review.columns = columns
    return review


def claim_list(claim_ids: Sequence[str] | None = None) -> ClaimList:
    """The claims (all by default) with the learner's guesses and where each is weighed; no
    verdicts (an overview that gives nothing away)."""
    return ClaimList(*claim_rows(claim_ids, LIST_COLUMNS))
