"""Thin widget layer: render questions, call :func:`grade`, show feedback, keep scores.

All logic lives in :mod:`pharmacourse.quiz.grading`; the widgets only read controls, call it and
render the :class:`Result` (icon + words, never colour alone). Every event handler is guarded so
no exception reaches the notebook. Stable CSS classes for the browser tests: ``quiz``,
``quiz-question``, ``quiz-stem``, ``quiz-choices``, ``quiz-choice``, ``quiz-numeric``,
``quiz-check``, ``quiz-reveal``, ``quiz-new-numbers``, ``quiz-feedback`` (+ ``-correct``,
``-incorrect``, ``-invalid``, ``-recorded``, ``-revealed``), ``quiz-score``, ``quiz-prediction``.

Controls (:mod:`pharmacourse.quiz.controls`, ``anywidget``): each question is one ``<fieldset>``
whose ``<legend>`` is the question (class ``quiz-stem``), with native radios (arrow keys move within
the group), checkboxes or a labelled text field (``input``, class ``quiz-choices`` or
``quiz-numeric``), and ONE persistent live region for the feedback (``feedback``). ``input.value``
is an option id, a list of ids (multiple) or the text typed; ``input.legend`` the question's HTML.

The containers' ``__repr__`` and ``text/plain`` are a fixed line, and their mime bundle adds the
static HTML of :mod:`pharmacourse.quiz.render`, so a stored output never holds an answer.
Options are shown in the learner's own order (``render.shown_options``); controls carry option
ids, never positions. Driver for tests and demos: ``section.shown_options(question_id)``,
``section.answer(question_id, response)``.
"""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from pharmacourse.quiz import learner, store
from pharmacourse.quiz.controls import AnswerControl, LiveFeedback
from pharmacourse.quiz.grading import (
    CORRECT,
    ERROR,
    INCORRECT,
    INVALID,
    RECORDED,
    Result,
    answer_text,
    draw_parameters,
    format_parameter,
    grade,
)
from pharmacourse.quiz.model import Question
from pharmacourse.quiz.render import answer_hint, plain_line, shown_options, static_html, stem_html
from pharmacourse.quiz.text import escape, inline, plain, shorten

STATUS_CLASSES = {
    CORRECT: "quiz-feedback-correct",
    INCORRECT: "quiz-feedback-incorrect",
    INVALID: "quiz-feedback-invalid",
    ERROR: "quiz-feedback-invalid",
    RECORDED: "quiz-feedback-recorded",
    "revealed": "quiz-feedback-revealed",
}
_HEADLINES = {CORRECT: "", INCORRECT: "", INVALID: "Check your input: ", ERROR: "",
              RECORDED: ""}
_ICONS = {CORRECT: "✔", INCORRECT: "✘", INVALID: "⚠", ERROR: "⚠", RECORDED: "✎",
          "revealed": "ℹ"}
_FULL = widgets.Layout(width="auto", max_width="100%")


def _feedback_html(icon: str, headline: str, items: Sequence[str] = (),
                   explanation: str | None = None) -> str:
    """Feedback markup. ``headline`` must already be safe HTML; items are bank inline text."""
    body = [f'<span aria-hidden="true">{icon}</span> <strong>{headline}</strong>']
    body.extend(f"<div>{inline(item)}</div>" for item in items if item)
    if explanation:
        body.append(f"<div><em>Why:</em> {inline(explanation)}</div>")
    return "".join(body)


class QuestionWidget(widgets.VBox):
    """One question: stem, input, Check (+ Show answer, New numbers) and feedback."""

    def __init__(self, question: Question, number: int = 1,
                 on_change: Callable[[QuestionWidget], None] | None = None,
                 seed: int | None = None, restore: bool = True,
                 learner_seed: int | None = None) -> None:
        """``seed`` draws a parameterised question's numbers; ``learner_seed`` orders the options
        (default: this learner's stored seed).
        """
        self.question = question
        self.last_result: Result | None = None
        if question.type in ("single", "multiple") and learner_seed is None:
            learner_seed = learner.learner_seed()
        self.options = shown_options(question, learner_seed)  # in the order shown
        self.number = number
        self.tries = 0
        self.correct = False
        self.revealed = False
        self._on_change = on_change
        self.seed = question.seed if seed is None else seed
        self.params = draw_parameters(question, self.seed) if question.parameters else None
        self.input = self._make_input()
        self.check_button = widgets.Button(
            description="Save prediction" if question.type == "prediction" else "Check",
            tooltip="Check your answer" if question.graded else "Save your prediction",
            button_style="", icon="")
        self.check_button.add_class("quiz-check")
        self.check_button.on_click(self._guard(self.check))
        self.reveal_button = widgets.Button(description="Show answer",
                                            tooltip="Show the answer and the explanation",
                                            layout=widgets.Layout(display="none"))
        self.reveal_button.add_class("quiz-reveal")
        self.reveal_button.on_click(self._guard(self.reveal))
        buttons = [self.check_button, self.reveal_button]
        self.new_numbers_button: widgets.Button | None = None
        if question.parameters:
            self.new_numbers_button = widgets.Button(description="New numbers",
                                                     tooltip="Draw new numbers for practice")
            self.new_numbers_button.add_class("quiz-new-numbers")
            self.new_numbers_button.on_click(self._guard(self.new_numbers))
            buttons.append(self.new_numbers_button)
        self.feedback = LiveFeedback(layout=_FULL)
        self.feedback.add_class("quiz-feedback")
        self._status_class: str | None = None
        children = [self.input, widgets.HBox(buttons), self.feedback]
        super().__init__(children=children, layout=widgets.Layout(margin="0 0 1em 0"))
        self.add_class("quiz-question")
        self.add_class(f"quiz-{question.type}")
        if question.type == "prediction":
            self.add_class("quiz-prediction")
        self._render_stem()
        if restore:
            self._guard(self._restore)()

    # ----------------------------------------------------------------- construction
    def _make_input(self) -> AnswerControl:
        """The fieldset: radios (single, prediction), checkboxes (multiple) or a text field."""
        q = self.question
        if q.options:
            control = AnswerControl(
                "checkbox" if q.type == "multiple" else "radio", "",
                "Prediction" if q.type == "prediction" else "Answer",
                [(plain(o.text), o.id) for o in self.options], layout=_FULL)
            control.add_class("quiz-choices")
        else:
            control = AnswerControl("text", "", f"Answer ({q.unit})",
                                    placeholder=f"number and unit, e.g. 12 {q.unit}", layout=_FULL)
            control.add_class("quiz-numeric")
        return control

    def _render_stem(self) -> None:
        values = None
        if self.params is not None:
            values = {k: format_parameter(self.question, k, v) for k, v in self.params.items()}
        hint = answer_hint(self.question) if self.question.type == "multiple" else ""
        hint_html = f' <em>({escape(hint)})</em>' if hint else ""
        self.input.legend = (f"<strong>{self.number}.</strong> "
                             f"{stem_html(self.question, values)}{hint_html}")

    def _restore(self) -> None:
        q = self.question
        if q.type == "prediction":
            saved = store.predictions().get(q.claim or "")
            if saved:
                ids = [o.id for o in q.options if o.text == saved["choice"]]
                if ids:
                    self.input.value = ids[0]
                self._show(RECORDED, f"Your saved prediction: {escape(saved['choice'])}.")
            return
        state = store.read(q.lesson)["questions"].get(q.id)
        if state and state.get("correct"):
            self.correct = True
            self._show(CORRECT, "Answered correctly before (saved progress).")

    # ----------------------------------------------------------------- behaviour
    def _guard(self, fn: Callable[..., Any]) -> Callable[..., None]:
        def run(*args: Any) -> None:
            try:
                fn()
            except Exception as exc:  # nothing reaches the notebook
                detail = shorten(f"{type(exc).__name__}: {exc}", 120)
                self.last_result = Result(ERROR, f"Something went wrong while checking ({detail}).")
                self._show(ERROR, escape(self.last_result.message))
        return run

    def response(self) -> Any:
        """The learner's current response, in the shape :func:`grade` expects."""
        if self.question.type == "multiple":
            return list(self.input.value or ())
        return self.input.value

    def _show(self, status: str, headline_html: str, items: Sequence[str] = (),
              explanation: str | None = None) -> None:
        self._status_class = STATUS_CLASSES[status]
        self.feedback.show(_feedback_html(_ICONS[status], headline_html, items, explanation),
                           self._status_class)

    def show_result(self, result: Result) -> None:
        headline = _HEADLINES.get(result.status, "") + escape(result.message)
        typed = self.input.value if self.question.type in ("numeric", "parameterised") else None
        if isinstance(typed, str) and typed.strip():
            understood = ""
            if result.value is not None:
                understood = f" (read as {result.value:.4g} {escape(self.question.unit)})"
            headline += (f' <span class="quiz-echo">Your answer: '
                         f"{escape(shorten(typed, 60))}{understood}</span>")
        self._show(result.status, headline, result.feedback,
                   result.explanation if result.status in (CORRECT, RECORDED) else None)

    def check(self) -> Result:
        """Grade the current response, record it, and show the feedback (the Check button)."""
        q = self.question
        result = self.last_result = grade(q, self.response(), self.params)
        if result.counts_as_try:
            self.tries += 1
            self.correct = self.correct or (result.correct and not self.revealed)
            store.record_attempt(q.lesson, q.id, result.status, self._echo(), self._chosen())
        elif result.status == RECORDED:
            choice = q.option(self.input.value).text
            store.record_prediction(q.claim or "", choice, q.lesson, q.id)
        self.show_result(result)
        if (q.graded and not result.correct and self.tries >= q.tries_before_reveal
                and not self.revealed):
            self.reveal_button.layout.display = None
        if result.correct:
            self.reveal_button.layout.display = "none"
        if self._on_change is not None:
            self._on_change(self)
        return result

    def _chosen(self) -> str | list[str]:
        """The attempt's stable key(s): option id(s), never positions, or what was typed."""
        q, response = self.question, self.response()
        if q.type == "multiple":
            return sorted({str(x) for x in response})
        return str(response) if q.type == "single" else shorten(str(response), 80)

    def _echo(self) -> str:
        """The response as one line for the progress file's ``last_answer``."""
        chosen = self._chosen()
        return " | ".join(chosen) if isinstance(chosen, list) else chosen

    def reveal(self) -> None:
        """Show the answer and the explanation (the Show answer button)."""
        q = self.question
        self.revealed = True
        store.record_reveal(q.lesson, q.id)
        self._show("revealed", f"Answer: {inline(answer_text(q, self.params))}", (),
                   q.explanation)
        self.reveal_button.layout.display = "none"

    def new_numbers(self, seed: int | None = None) -> None:
        """Draw new numbers (the New numbers button): fresh stem, empty input, tries reset.

        Without a seed, draws until the numbers differ from those shown (a parameter with few
        possible values would otherwise repeat the same question now and then; 50 tries).
        """
        rng, previous = random.SystemRandom(), self.params
        for _ in range(50):
            self.seed = rng.randrange(1, 10**9) if seed is None else seed
            self.params = draw_parameters(self.question, self.seed)
            if seed is not None or self.params != previous:
                break
        self._render_stem()
        self.input.value = ""
        self.tries = 0
        self.revealed = False
        self._status_class = None
        self.feedback.show("", None)
        self.reveal_button.layout.display = "none"

    # ----------------------------------------------------------------- stored output
    def __repr__(self) -> str:
        return plain_line(self.question.lesson, self.question.id, 1)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = static_html(self.question.lesson, self.question.id, [self.question])
        return bundle


class QuizSection(widgets.VBox):
    """A titled group of questions with an "n of m correct" score (CSS class ``quiz``)."""

    def __init__(self, lesson: str, label: str, title: str, questions: Sequence[Question],
                 intro: str | None = None, learner_seed: int | None = None) -> None:
        """``learner_seed`` orders the options (default: this learner's stored seed)."""
        self.lesson = lesson
        self.label = label
        self.title = title
        self.intro = intro
        self.questions = tuple(questions)
        header = widgets.HTML(f"<strong>Quiz: {inline(title)}</strong>"
                              + (f"<div>{inline(intro)}</div>" if intro else ""))
        header.add_class("quiz-title")
        if learner_seed is None and any(q.type in ("single", "multiple") for q in questions):
            learner_seed = learner.learner_seed()
        self.question_widgets = [QuestionWidget(q, i, on_change=self._update_score,
                                                learner_seed=learner_seed)
                                 for i, q in enumerate(self.questions, start=1)]
        self.score = widgets.HTML(layout=_FULL)
        self.score.add_class("quiz-score")
        super().__init__(children=[header, *self.question_widgets, self.score])
        self.add_class("quiz")
        self._update_score()

    @property
    def graded(self) -> list[QuestionWidget]:
        return [w for w in self.question_widgets if w.question.graded]

    def score_counts(self) -> tuple[int, int]:
        graded = self.graded
        return sum(w.correct for w in graded), len(graded)

    def _update_score(self, _changed: QuestionWidget | None = None) -> None:
        n, m = self.score_counts()
        self.score.value = (f'<span role="status" aria-live="polite">Score: {n} of {m} correct'
                            "</span>") if m else ""

    def widget(self, question_id: str) -> QuestionWidget:
        for w in self.question_widgets:
            if w.question.id == question_id:
                return w
        raise KeyError(question_id)

    # ----------------------------------------------------------------- driver (tests, demos)
    def shown_options(self, question_id: str) -> list[str]:
        """The option ids of a question in the order this learner sees them."""
        return [o.id for o in self.widget(question_id).options]

    def answer(self, question_id: str, response: Any) -> Result:
        """Answer a question as a learner would: set its control, press Check, return the result.

        ``response``: an option id or text (single, prediction), a list of them (multiple) or the
        text typed (numeric); ``None`` leaves it empty. ``ValueError`` for an unknown option.
        """
        w = self.widget(question_id)
        q = w.question
        known = {o.id: o.id for o in q.options} | {o.text: o.id for o in q.options}
        chosen = [response] if q.type in ("single", "prediction") else response
        if q.options and response is not None:
            unknown = [c for c in chosen if c not in known]
            if unknown:
                raise ValueError(f"question {question_id!r} has no option {unknown[0]!r}; "
                                 f"options: {', '.join(o.id for o in q.options)}")
            chosen = [known[c] for c in chosen]
        if q.type == "multiple":
            w.input.value = list(chosen or ())
        elif q.options:
            w.input.value = chosen[0] if chosen else None
        else:
            w.input.value = "" if response is None else str(response)
        w.check_button.click()
        return w.last_result  # type: ignore[return-value] - check() or its guard set it

    def __repr__(self) -> str:
        return plain_line(self.lesson, self.label, len(self.questions))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = static_html(self.lesson, self.title, self.questions, self.intro)
        return bundle


# --------------------------------------------------------------------------- progress widgets


def _download_link() -> str:
    payload = json.dumps(store.bundle(), indent=1, sort_keys=True).encode("utf-8")
    href = "data:application/json;base64," + base64.b64encode(payload).decode("ascii")
    return (f'<a download="pharmacourse-progress.json" href="{href}">'
            "⬇ Download my progress (pharmacourse-progress.json)</a>")


class ProgressDownload(widgets.VBox):
    """A link that downloads all progress as JSON, and a button that refreshes it."""

    def __init__(self) -> None:
        self.link = widgets.HTML(_download_link())
        self.link.add_class("quiz-progress-download")
        self.refresh_button = widgets.Button(description="Update download",
                                             tooltip="Include the answers given since")
        self.refresh_button.on_click(lambda _b: self.refresh())
        super().__init__(children=[self.link, self.refresh_button])

    def refresh(self) -> None:
        try:
            self.link.value = _download_link()
        except Exception as exc:  # pragma: no cover - defensive
            self.link.value = f"⚠ Could not prepare the download ({escape(str(exc))})."

    def __repr__(self) -> str:
        return "Progress download. Run the cell to download your quiz progress."

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = ("<p><em>Run this cell to get a link that downloads your quiz "
                               "progress as a JSON file.</em></p>")
        return bundle


class ProgressUpload(widgets.VBox):
    """A file picker that merges a downloaded progress file back (validated first)."""

    MAX_BYTES = 5_000_000

    def __init__(self) -> None:
        self.upload = widgets.FileUpload(accept=".json", multiple=False,
                                         description="Load progress")
        self.upload.add_class("quiz-progress-upload")
        self.status = widgets.HTML("")
        self.status.add_class("quiz-feedback")
        self.upload.observe(self._on_upload, names="value")
        super().__init__(children=[self.upload, self.status])

    def _on_upload(self, change: dict) -> None:
        for item in change.get("new") or ():
            try:
                content = item["content"] if isinstance(item, dict) else item.content
                self.load_bytes(bytes(content))
            except Exception as exc:
                self.status.value = f"⚠ Could not load that file ({escape(shorten(str(exc)))})."

    def load_bytes(self, data: bytes) -> dict[str, int] | None:
        """Validate and merge the bytes of a downloaded file; report in ``status``."""
        if len(data) > self.MAX_BYTES:
            self.status.value = "⚠ <strong>Not loaded:</strong> that file is too large."
            return None
        try:
            doc = json.loads(data.decode("utf-8"))
            counts = store.merge_bundle(doc)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            self.status.value = (f"⚠ <strong>Not loaded:</strong> "
                                 f"{escape(shorten(str(exc), 120))}.")
            return None
        self.status.value = (f"✔ <strong>Loaded:</strong> {counts['lessons']} lesson(s), "
                             f"{counts['questions']} question(s), {counts['predictions']} "
                             "prediction(s). Re-run the quiz cells to see them.")
        return counts

    def __repr__(self) -> str:
        return "Progress upload. Run the cell to load a downloaded progress file."

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = ("<p><em>Run this cell to load a progress file you downloaded "
                               "earlier.</em></p>")
        return bundle
