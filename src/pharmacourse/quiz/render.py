"""The static rendering of a quiz: what GitHub, nbviewer and an un-run notebook show.

It holds the stems and options only: never an answer, feedback, a score, restored progress or a
seed-dependent number (a parameterised stem shows its placeholders as variable names). The output
is a pure function of the bank, so a stored notebook is the same on every run (nbval strict).

:func:`shown_options` is the one place that orders options: the live widget shuffles them per
learner (a seed kept with the learner's progress), the static preview with a fixed shuffle seeded
by the question id, so neither shows the key where the author happened to write it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from pharmacourse.quiz.model import Option, Question
from pharmacourse.quiz.text import escape, inline, plain

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def stem_html(question: Question, values: dict[str, str] | None = None) -> str:
    """The stem as safe HTML; placeholders become the drawn numbers or ``<var>name</var>``."""
    html = inline(question.stem)
    if question.parameters:
        def fill(m: re.Match) -> str:
            name = m.group(1)
            if values is not None and name in values:
                return escape(values[name])
            return f"<var>{escape(name)}</var>"
        html = _PLACEHOLDER.sub(fill, html)
    return html


def shown_options(question: Question, learner_seed: int | None = None) -> tuple[Option, ...]:
    """The options in the order shown: shuffled per (learner, question), ``last: true`` last.

    ``learner_seed=None`` gives the static preview's order, seeded by the question id alone.
    ``order: fixed`` questions and predictions keep the authored order.
    """
    if question.type not in ("single", "multiple") or question.order == "fixed":
        return question.options
    key = f"preview/{question.id}" if learner_seed is None else (
        f"learner/{learner_seed}/{question.lesson}/{question.id}")
    free = [o for o in question.options if not o.last]
    random.Random(key).shuffle(free)
    return (*free, *(o for o in question.options if o.last))


def answer_hint(question: Question) -> str:
    """What kind of answer is expected (no value): shown under the stem in both renderings."""
    if question.type == "multiple":
        return "Select all that apply."
    if question.type == "prediction":
        return "Your prediction: there is no right or wrong answer yet; it is saved for later."
    if question.type in ("numeric", "parameterised"):
        return f"Type a number with its unit (expected unit: {question.unit})."
    return "Choose one option."


def plain_line(lesson: str, label: str, n_questions: int) -> str:
    """The stable text/plain line of a quiz output."""
    noun = "question" if n_questions == 1 else "questions"
    return f"Quiz {lesson} / {label}: {n_questions} {noun}. Run the cell to answer."


def static_html(lesson: str, title: str, questions: Sequence[Question],
                intro: str | None = None) -> str:
    """A readable, answer-free HTML rendering of a list of questions."""
    parts = [
        '<div class="quiz quiz-static">',
        f'<p><strong>Quiz: {inline(title)}</strong> ({len(questions)} '
        f'{"question" if len(questions) == 1 else "questions"}). '
        "<em>Run this cell to answer: each answer gets feedback and your score is kept.</em></p>",
    ]
    if intro:
        parts.append(f"<p>{inline(intro)}</p>")
    parts.append("<ol>")
    for q in questions:
        parts.append(f'<li class="quiz-question quiz-{q.type}">')
        parts.append(f'<div class="quiz-stem">{stem_html(q)}</div>')
        if q.parameters:
            parts.append("<p><em>The numbers are drawn when you run the cell "
                         "(and again with “New numbers”).</em></p>")
        if q.options:
            mark = "☐" if q.type == "multiple" else "○"
            parts.append('<ul class="quiz-choices">')
            parts.extend(f"<li>{mark} {inline(o.text)}</li>" for o in shown_options(q))
            parts.append("</ul>")
        parts.append(f"<p><em>{escape(answer_hint(q))}</em></p>")
        parts.append("</li>")
    parts.append("</ol></div>")
    return "\n".join(parts)


def _answer_html(question: Question) -> str:
    """The key of one question for "Show answer" (bank markup rendered; never learner text)."""
    from pharmacourse.quiz.grading import answer_text

    if question.type == "prediction":
        return ("<p>There is no right or wrong answer yet: the lesson comes back to your "
                "prediction later.</p>")
    if question.type in ("single", "multiple"):
        right = [o for o in shown_options(question) if o.correct]
        label = "Answer" if len(right) == 1 else "Answers"
        items = "".join(f"<li>{inline(o.text)}</li>" for o in right)
        return f"<p><strong>{label}:</strong></p><ul>{items}</ul>"
    if question.type == "parameterised":
        return ("<p><strong>Answer:</strong> it depends on the numbers drawn when you run the "
                "cell; one worked example: " + inline(answer_text(question)) + "</p>")
    return f"<p><strong>Answer:</strong> {inline(answer_text(question))}</p>"


def details_html(lesson: str, title: str, questions: Sequence[Question],
                 intro: str | None = None) -> str:
    """A quiz for a static page, Carpentries style: each stem and its options, with the answer
    and the explanation folded in a ``<details>`` element ("Show answer").

    Options are listed in :func:`shown_options`' preview order, as in the stored notebook.
    """
    noun = "question" if len(questions) == 1 else "questions"
    parts = [f'<section class="quiz quiz-site" aria-label="Quiz: {escape(plain(title))}">',
             f"<p><strong>Quiz: {inline(title)}</strong> ({len(questions)} {noun}). "
             "<em>Think of your answer, then open “Show answer”. Run the notebook in "
             "JupyterLab to get feedback and keep your score.</em></p>"]
    if intro:
        parts.append(f"<p>{inline(intro)}</p>")
    parts.append("<ol>")
    for q in questions:
        parts.append(f'<li class="quiz-question quiz-{q.type}" id="quiz-{escape(lesson)}-'
                     f'{escape(q.id)}">')
        parts.append(f'<p class="quiz-stem">{stem_html(q)}</p>')
        if q.options:
            parts.append('<ul class="quiz-choices">')
            parts.extend(f"<li>{inline(o.text)}</li>" for o in shown_options(q))
            parts.append("</ul>")
        parts.append(f"<p><em>{escape(answer_hint(q))}</em></p>")
        parts.append("<details><summary>Show answer</summary>")
        parts.append(_answer_html(q))
        if q.explanation:
            parts.append(f'<p class="quiz-explanation">{inline(q.explanation)}</p>')
        parts.append("</details></li>")
    parts.append("</ol></section>")
    return "\n".join(parts)


def static_text(questions: Sequence[Question]) -> str:
    """Plain-text stems (for accessibility tools and logs); no answers."""
    return "\n".join(f"{i}. {plain(q.stem)}" for i, q in enumerate(questions, start=1))
