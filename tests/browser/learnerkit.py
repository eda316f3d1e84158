"""Quizzes and explorers used as a learner uses them (called by ``test_notebooks.py`` after Run All).

After Run All, each live question widget (CSS class ``quiz-question``) is matched to its bank
question by its stem text, so the test knows the right answer without any per-notebook
hard-coding: the bank (``quizzes/<lesson>.yml``, loaded with ``pharmacourse.quiz``) says which
option is right and what each wrong option's feedback is, and ``expected_quantity`` gives the
numeric answer (for a parameterised question, from the numbers read off the stem on screen).

Per question type:
- single / multiple: a wrong option, Check -> that option's feedback; then the right
  option(s), Check -> the correct feedback and the score goes up by one;
- numeric / parameterised: a non-number -> a friendly message (no traceback); then the right
  value typed in an equivalent unit (minutes for hours, ...) -> accepted, score up;
- prediction: pick one, Save -> recorded.
Every explorer (``explorer``): move its first slider with the keyboard; the plot's PNG changes.

Why a module and not a test of its own: answering the quizzes needs a notebook that has run, and
Run All is the slowest step of the browser suite; one test per lesson runs it once and checks the
lesson as stored, after Run All, and as a learner uses it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from labkit import TIMEOUT_MS, LabPage, artifact_name
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

#: Live widgets only: the stored static rendering reuses the ``quiz``/``quiz-question`` classes.
LIVE_QUESTION = ".jupyter-widgets.quiz-question"
LIVE_QUIZ = ".jupyter-widgets.quiz"
LIVE_EXPLORER = ".jupyter-widgets.explorer"

#: For "an equivalent unit": other units of the same dimension, in order of preference (the
#: first one that differs from the question's unit and converts is used). ASCII only.
_EQUIVALENT_UNITS = (
    "min", "h", "s", "d",
    "mg/L", "ng/mL", "g/L",
    "nmol/L", "pmol/mL",
    "L", "mL",
    "L/h", "mL/min",
    "1/h", "1/min",
    "mg", "g", "kg",
    "mg/kg", "g/kg",
    "ng*h/mL", "mg*h/L",
)  # fmt: skip


def _norm(text: str) -> str:
    """Text as compared: markup removed, ``^`` dropped, whitespace collapsed."""
    return " ".join(text.replace("^", "").replace("\u00a0", " ").split())


# --------------------------------------------------------------------------------------------
# The bank side
# --------------------------------------------------------------------------------------------
@dataclass
class Match:
    question: object  # pharmacourse.quiz.schema.Question
    params: dict[str, float] | None


def load_questions(root: Path, lesson: str) -> tuple[list, list]:
    """The lesson's own questions, and every question of every bank in ``root/quizzes``.

    Loaded with the quiz package's own loader, so the test reads banks exactly as lessons do.
    """
    from pharmacourse.quiz.schema import load_bank_file

    own, everything = [], []
    for path in sorted((root / "quizzes").glob("*.yml")):
        questions = list(load_bank_file(path).questions.values())
        everything.extend(questions)
        if path.stem == lesson:
            own.extend(questions)
    return own, everything


def _stem_pattern(question) -> re.Pattern:
    """A regex over the stem's on-screen text; placeholders capture the drawn numbers."""
    from pharmacourse.quiz.text import plain

    text = _norm(plain(question.stem))
    names = {p.name for p in question.parameters}  # other braces are literal text
    parts = re.split(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", text)
    regex, literal = "", ""
    for i, part in enumerate(parts):
        if i % 2 and part in names:
            regex += r"\s*".join(re.escape(w) for w in literal.split(" "))
            regex += rf"(?P<{part}>[-+]?\d+(?:\.\d+)?)"
            literal = ""
        else:
            literal += "{" + part + "}" if i % 2 else part
    regex += r"\s*".join(re.escape(w) for w in literal.split(" "))
    return re.compile(regex)


def identify(stem_text: str, own: list, everything: list) -> Match:
    """The bank question whose stem is on screen (text after the ``N.`` number).

    The lesson's own bank is searched first, then every bank (a lesson may reuse a question).
    """
    shown = _norm(re.sub(r"^\s*\d+\.\s*", "", stem_text))
    for questions in (own, everything):
        found = []
        for question in questions:
            hit = _stem_pattern(question).search(shown)
            if hit:
                params = {k: float(v) for k, v in hit.groupdict().items()} or None
                found.append(Match(question, params))
        if len(found) == 1:
            return found[0]
    assert len(found) == 1, (
        f"stem {shown[:120]!r} matches {len(found)} bank questions "
        f"({[m.question.id for m in found]}); stems must be unique and come from quizzes/*.yml"
    )
    return found[0]


def equivalent_answer(question, params: dict[str, float] | None) -> tuple[str, str]:
    """The correct answer typed in another unit of the same dimension, and that unit."""
    from pharmacourse.quiz.grading import expected_quantity
    from pharmacourse.units import ureg

    expected = expected_quantity(question, params)
    for unit in _EQUIVALENT_UNITS:
        if ureg.Unit(unit) == ureg.Unit(question.unit):
            continue
        try:
            value = expected.to(unit).magnitude
        except Exception:  # noqa: BLE001 - another dimension: try the next unit
            continue
        return f"{value:.9g} {unit}", unit
    # No other unit of this dimension in the table (e.g. dimensionless): the same unit.
    return f"{expected.magnitude:.9g} {question.unit}", question.unit


# --------------------------------------------------------------------------------------------
# The page side
# --------------------------------------------------------------------------------------------
def _score(widget) -> tuple[int, int] | None:
    """``(n, m)`` from the enclosing quiz section's "Score: n of m correct", if any."""
    section = widget.locator(f"xpath=ancestor::*[{_has_class('quiz')}][1]")
    if section.count() == 0:
        return None
    score = section.locator(".quiz-score")
    if score.count() == 0:
        return None
    found = re.search(r"(\d+)\s+of\s+(\d+)", score.first.inner_text())
    return (int(found.group(1)), int(found.group(2))) if found else None


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _wait_score(widget, expected: tuple[int, int]) -> None:
    section = widget.locator(f"xpath=ancestor::*[{_has_class('quiz')}][1]")
    score = section.locator(".quiz-score").first
    score.filter(has_text=re.compile(rf"\b{expected[0]}\s+of\s+{expected[1]}\b")).wait_for(
        state="visible"
    )


def _check(widget) -> None:
    widget.locator(".quiz-check button, button.quiz-check").first.click()


def _feedback(widget, status: str, action: str):
    """The feedback element once it shows ``status`` (correct/incorrect/invalid/recorded)."""
    locator = widget.locator(f".quiz-feedback.quiz-feedback-{status}").first
    try:
        locator.wait_for(state="visible")
    except PlaywrightTimeoutError:
        shown = widget.locator(".quiz-feedback").first
        classes = shown.get_attribute("class") if shown.count() else "(no .quiz-feedback)"
        text = shown.inner_text() if shown.count() else ""
        raise AssertionError(
            f"{action}: no {status} feedback within {TIMEOUT_MS // 1000} s; the feedback shows "
            f"{text.strip()[:200]!r} with classes {classes!r} (is the Check handler wired?)"
        ) from None
    return locator


def _assert_contains(feedback, expected_bank_text: str | None, what: str) -> None:
    if not expected_bank_text:
        return
    from pharmacourse.quiz.text import plain

    want = _norm(plain(expected_bank_text))
    feedback.filter(has_text=want).wait_for(state="visible")  # waits for the text to arrive
    assert want in _norm(feedback.inner_text()), f"{what}: feedback lacks {want!r}"


def _choice(widget, role: str, text: str):
    from pharmacourse.quiz.text import plain

    return widget.get_by_role(role, name=_norm(plain(text)), exact=True)


def answer_choice(widget, question) -> None:
    """single/multiple: a wrong option first, then the right one(s)."""
    role = "checkbox" if question.type == "multiple" else "radio"
    wrong = next(o for o in question.options if not o.correct)
    right = [o for o in question.options if o.correct]
    before = _score(widget)

    _choice(widget, role, wrong.text).check()
    _check(widget)
    action = f"{question.id}: wrong option {wrong.text!r}, Check"
    feedback = _feedback(widget, "incorrect", action)
    _assert_contains(feedback, wrong.feedback, action)

    if role == "checkbox":
        _choice(widget, role, wrong.text).uncheck()
    for option in right:
        _choice(widget, role, option.text).check()
    _check(widget)
    feedback = _feedback(widget, "correct", f"{question.id}: right option(s), Check")
    if question.type == "single":
        _assert_contains(feedback, right[0].feedback, f"{question.id}: right option")
    _assert_contains(feedback, question.explanation, f"{question.id}: explanation")
    if before is not None:
        _wait_score(widget, (before[0] + 1, before[1]))


def answer_numeric(widget, match: Match, lab: LabPage) -> None:
    """numeric/parameterised: a non-number (friendly message), then the answer in other units."""
    question = match.question
    box = widget.locator(".quiz-numeric input").first
    before = _score(widget)

    box.fill("about twelve-ish")
    box.press("Tab")  # continuous_update=False: the value syncs on blur
    _check(widget)
    invalid = _feedback(widget, "invalid", f"{question.id}: a non-number, Check")
    assert invalid.inner_text().strip(), f"{question.id}: empty message for a non-number"
    assert "Traceback" not in widget.inner_text(), f"{question.id}: a traceback in the quiz"
    assert lab.error_outputs() == [], f"{question.id}: error output after a non-number"

    typed, _unit = equivalent_answer(question, match.params)
    box.fill(typed)
    box.press("Tab")
    _check(widget)
    feedback = _feedback(widget, "correct", f"{question.id}: {typed!r}, Check")
    _assert_contains(feedback, question.explanation, f"{question.id}: explanation for {typed!r}")
    if before is not None:
        _wait_score(widget, (before[0] + 1, before[1]))


def answer_prediction(widget, question) -> None:
    _choice(widget, "radio", question.options[0].text).check()
    _check(widget)
    _feedback(widget, "recorded", f"{question.id}: a prediction, Save")


def move_explorer(explorer, path: str, index: int) -> None:
    """Move the explorer's first slider one step by keyboard; its plot PNG must change."""
    plot = explorer.locator("img.explorer-plot, .explorer-plot img").first
    plot.wait_for(state="visible")
    before = plot.get_attribute("src")
    slider = explorer.get_by_role("slider").first
    slider.wait_for(state="visible")
    # aria-valuenow is rounded (a log slider's exponent to 0.1); valuetext is what is shown.
    state = (
        "s => (s.getAttribute('aria-valuenow') || '') + ' '"
        " + (s.getAttribute('aria-valuetext') || '')"
    )
    value = slider.evaluate(state)
    at_max = slider.get_attribute("aria-valuenow") == slider.get_attribute("aria-valuemax")
    slider.focus()
    slider.press("ArrowLeft" if at_max else "ArrowRight")
    where = f"{path}: explorer #{index + 1}"
    try:
        explorer.page.wait_for_function(
            f"([s, v]) => ({state})(s) !== v", arg=[slider.element_handle(), value]
        )
    except PlaywrightTimeoutError:
        raise AssertionError(f"{where}: the slider did not move with the arrow keys") from None
    moved = slider.evaluate(state)
    try:
        explorer.page.wait_for_function(
            "([img, old]) => img.getAttribute('src') !== old && img.complete"
            " && img.naturalWidth > 0",
            arg=[plot.element_handle(), before],
            timeout=TIMEOUT_MS,
        )
    except PlaywrightTimeoutError:
        raise AssertionError(
            f"{where}: slider moved {value} -> {moved} but the plot did not change within "
            f"{TIMEOUT_MS // 1000} s (is the slider observed?)"
        ) from None


# --------------------------------------------------------------------------------------------
# The test
# --------------------------------------------------------------------------------------------
def is_interactive(notebook: Path) -> bool:
    """Whether a notebook uses quizzes or explorers (the text of the .ipynb mentions them)."""
    text = notebook.read_text(encoding="utf-8")
    return "quiz." in text or "explorer" in text or "Explorer" in text


def clear_progress(lab: LabPage) -> None:
    """A fresh progress folder: no "answered correctly before" restored from another test."""
    for item in lab.server.progress_dir.iterdir():
        shutil.rmtree(item) if item.is_dir() else item.unlink()


def use_as_a_learner(lab: LabPage, path: str) -> None:
    """Answer every live question (wrong, then right) and move every explorer, after Run All."""
    questions = lab.page.locator(LIVE_QUESTION)
    explorers = lab.page.locator(LIVE_EXPLORER)
    n_questions, n_explorers = questions.count(), explorers.count()
    assert n_questions + n_explorers > 0, (
        f"{path} uses quizzes or explorers but none rendered as a live widget after Run All"
    )

    own, everything = load_questions(lab.server.root, Path(path).stem)
    tried: list[str] = []
    for index in range(n_questions):
        widget = questions.nth(index)
        widget.scroll_into_view_if_needed()
        match = identify(widget.locator(".quiz-stem").first.inner_text(), own, everything)
        kind = match.question.type
        if kind in ("single", "multiple"):
            answer_choice(widget, match.question)
        elif kind in ("numeric", "parameterised"):
            answer_numeric(widget, match, lab)
        elif kind == "prediction":
            answer_prediction(widget, match.question)
        else:  # a new question type: the test must learn it
            pytest.fail(f"{path}: question {match.question.id} has unknown type {kind!r}")
        tried.append(f"{match.question.id} ({kind})")

    if n_questions:
        first_quiz = lab.page.locator(LIVE_QUIZ).first
        lab.keep_screenshot(artifact_name(path, "quiz-answered"), element=first_quiz)

    for index in range(n_explorers):
        explorer = explorers.nth(index)
        explorer.scroll_into_view_if_needed()
        move_explorer(explorer, path, index)

    assert lab.error_outputs() == [], f"{path}: error output while answering {tried}"
    assert lab.widget_failures() == [], f"{path}: widget failure while answering {tried}"
    assert lab.console_errors == [], f"{path}: JavaScript errors: {lab.console_errors}"
