"""The course completion summary (lesson 10): lessons done, quiz first-try rate, claims revised.

``completion_summary`` is pure: it reads a progress download (the document ``store.bundle()``
builds and the start page's download link saves) and the graded question ids of each bank, and
returns plain numbers. ``summary_from_file`` reads a downloaded file with a clear message when it
is empty or not a progress file; ``summary_markdown`` turns a summary into the text the learner
downloads (``CompletionDownload``, a link and a refresh button, as ``ProgressDownload``).

Definitions: a lesson is *done* when every graded question of its bank has been tried or
revealed; the *first-try rate* is the share of tried questions answered correctly on the first
try; a claim is *revised* when the latest saved prediction differs from the first.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pharmacourse.quiz.exchange import clean_bundle

__all__ = ["CompletionDownload", "completion_summary", "summary_from_file", "summary_markdown"]

EMPTY_MESSAGE = ("No quiz answers or predictions are recorded yet: answer the quizzes in the "
                 "lessons (or load your progress download on the start page), then run this "
                 "cell again.")


def _tried(state: Mapping[str, Any]) -> bool:
    return bool(state.get("attempts")) or any(e.get("kind") == "attempt"
                                             for e in state.get("history", []))


def completion_summary(progress: Any, banks: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Numbers of the course completion summary from a progress download.

    Args:
        progress: a progress download (format ``pharmacourse-progress-bundle``, as
            ``store.bundle()`` returns and the start page saves).
        banks: per lesson slug with a quiz, the ids of its graded questions.

    Returns:
        ``lessons_total``, ``lessons_done`` (and ``done``, their slugs), ``lessons_started``,
        ``questions_tried``, ``first_try_correct``, ``first_try_rate`` (None with no try),
        ``claims_predicted``, ``claims_revised`` (and ``revised``, their ids), ``notes`` (claims
        with a "what changed my mind" line) and ``message`` (empty unless nothing is recorded).

    Raises:
        ValueError: ``progress`` is not a valid progress download (the message says what).
    """
    lessons, preds = clean_bundle(progress)
    done, started, tried, first_right = [], 0, 0, 0
    for slug in sorted(banks):
        states = lessons.get(slug, {}).get("questions", {})
        ids = list(banks[slug])
        answered = [q for q in ids
                    if _tried(states.get(q, {})) or states.get(q, {}).get("revealed")]
        started += bool(answered)
        if ids and len(answered) == len(ids):
            done.append(slug)
        for q in ids:
            state = states.get(q, {})
            if _tried(state):
                tried += 1
                first_right += state.get("first_correct_attempt") == 1
    entries = preds["predictions"]
    predicted = {c: e for c, e in entries.items() if e["history"]}
    revised = sorted(c for c, e in predicted.items()
                     if e["history"][0]["choice"] != e["history"][-1]["choice"])
    notes = sum(1 for e in entries.values() if (e.get("note") or {}).get("text"))
    nothing = not tried and not predicted and not notes and not started
    return {"lessons_total": len(banks), "lessons_done": len(done), "done": done,
            "lessons_started": started, "questions_tried": tried,
            "first_try_correct": first_right,
            "first_try_rate": first_right / tried if tried else None,
            "claims_predicted": len(predicted), "claims_revised": len(revised),
            "revised": revised, "notes": notes, "message": EMPTY_MESSAGE if nothing else ""}


def summary_from_file(path: str | Path, banks: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """``completion_summary`` of a downloaded progress file.

    Raises:
        ValueError: the file is missing, empty, not JSON or not a progress download; the
            message names the file and what is wrong.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read ({exc})") from None
    if not text.strip():
        raise ValueError(f"{path}: the file is empty; download your progress again from the "
                         "start page")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not a progress download (not valid JSON: {exc.msg} at line "
                         f"{exc.lineno})") from None
    try:
        return completion_summary(data, banks)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def summary_markdown(summary: Mapping[str, Any], title: str = "Course completion summary") -> str:
    """The summary as Markdown (what the learner downloads)."""
    rate = summary["first_try_rate"]
    rate_text = "no quiz tried yet" if rate is None else (
        f"{rate:.0%} ({summary['first_try_correct']} of {summary['questions_tried']} questions "
        "tried)")
    lines = [f"# {title}", "",
             f"- Lessons done (every quiz question tried or revealed): "
             f"{summary['lessons_done']} of {summary['lessons_total']}"
             + (f" ({', '.join(summary['done'])})" if summary["done"] else ""),
             f"- Lessons with at least one answer: {summary['lessons_started']}",
             f"- Quiz questions right at the first try: {rate_text}",
             f"- Claims predicted: {summary['claims_predicted']}; revised (latest guess differs "
             f"from the first): {summary['claims_revised']}"
             + (f" ({', '.join(summary['revised'])})" if summary["revised"] else ""),
             f"- \"What changed my mind\" lines written: {summary['notes']}"]
    if summary.get("message"):
        lines += ["", summary["message"]]
    return "\n".join(lines) + "\n"


def _link(text: str) -> str:
    href = "data:text/markdown;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f'<a download="pharmacourse-completion.md" href="{href}">'
            "⬇ Download my completion summary (pharmacourse-completion.md)</a>")


def _summary_html(text: str) -> str:
    items = [html.escape(line[2:]) for line in text.splitlines() if line.startswith("- ")]
    rest = [html.escape(line) for line in text.splitlines()[1:]
            if line and not line.startswith("- ")]
    return ("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
            + "".join(f"<p><em>{r}</em></p>" for r in rest) + _link(text))


class CompletionDownload:
    """The learner's summary with a download link and an "Update" button (built on display)."""

    def __init__(self, text_fn: Any) -> None:
        self._text_fn = text_fn

    def __repr__(self) -> str:
        return "Completion summary. Run the cell to see and download your own summary."

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        static = ("<p><em>Run this cell to see your own completion summary and a link that "
                  "downloads it.</em></p>")
        bundle = {"text/plain": repr(self), "text/html": static}
        try:
            import ipywidgets as widgets

            out = widgets.HTML(self._html())
            out.add_class("quiz-completion")
            button = widgets.Button(description="Update summary",
                                    tooltip="Include the answers given since")
            button.on_click(lambda _b: setattr(out, "value", self._html()))
            view = widgets.VBox([out, button])._repr_mimebundle_(**kwargs) or {}
        except Exception:  # pragma: no cover - no widgets: the static text stands
            return bundle
        bundle.update({k: v for k, v in view.items() if k not in ("text/plain", "text/html")})
        return bundle

    def _html(self) -> str:
        try:
            return _summary_html(self._text_fn())
        except ValueError as exc:
            return f"⚠ Could not build the summary ({html.escape(str(exc))})."
