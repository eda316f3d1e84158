"""Quizzes: question banks in YAML, feedback on every answer, scores that are kept.

In a lesson::

    from pharmacourse import quiz
    quiz.show("03-dose-response", "efficacy")      # a section (or one question id)
    quiz.show("03-dose-response")                  # the whole bank
    quiz.claim_review(["d", "j"])                  # first/latest guess beside the evidence
    quiz.claim_list()                              # guesses and where each claim is weighed

On the start page: ``quiz.progress_table()``, ``quiz.progress_download()``,
``quiz.progress_upload()``; for an instructor: ``quiz.export_csv("results.csv")`` (one row per
attempt or prediction), or live into a class folder with ``quiz.join_class("CODE", name=...)``
(opt-in, when ``$PHARMACOURSE_CLASS_DIR`` is set; ``quiz.leave_class()``). Check banks for
give-aways with ``python -m pharmacourse.quiz lint``.
Banks live in ``quizzes/<lesson-slug>.yml`` (schema: ``quizzes/README.md``); check one with
``python -m pharmacourse.quiz validate quizzes/03-dose-response.yml``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from pharmacourse.quiz import store
from pharmacourse.quiz.claims import ClaimList, ClaimReview, claim_list, claim_review
from pharmacourse.quiz.classlink import join_class, leave_class
from pharmacourse.quiz.exchange import export_csv
from pharmacourse.quiz.grading import (
    InvalidAnswer,
    Result,
    answer_text,
    draw_parameters,
    expected_quantity,
    grade,
    parse_answer,
)
from pharmacourse.quiz.schema import (
    Bank,
    Question,
    QuizBankError,
    Section,
    load_bank_file,
    parse_bank,
    resolve_function,
)
from pharmacourse.quiz.store import ProgressWarning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from pharmacourse.quiz.completion import CompletionDownload
    from pharmacourse.quiz.widgets import ProgressDownload, ProgressUpload, QuizSection

__all__ = [
    "Bank", "ClaimList", "ClaimReview", "InvalidAnswer", "ProgressWarning", "Question",
    "QuizBankError", "Result", "Section", "answer_text", "bank_path", "banks", "claim_list",
    "claim_review", "completion_download", "completion_summary",
    "draw_parameters", "expected_quantity", "export_csv", "grade", "join_class",
    "leave_class", "load", "load_bank_file", "parse_answer", "parse_bank",
    "progress_download", "progress_table", "progress_upload", "quiz_dir", "resolve_function",
    "select", "show", "validate",
]

QUIZ_DIR_ENV = "PHARMACOURSE_QUIZ_DIR"
_CACHE: dict[Path, tuple[float, Bank]] = {}


def quiz_dir() -> Path:
    """The folder of banks: ``$PHARMACOURSE_QUIZ_DIR``, else the repository's ``quizzes/``."""
    env = os.environ.get(QUIZ_DIR_ENV)
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3] / "quizzes"
    if repo.is_dir():
        return repo
    for folder in (Path.cwd(), *Path.cwd().parents):  # pragma: no cover - non-editable installs
        if (folder / "quizzes").is_dir():
            return folder / "quizzes"
    return repo  # pragma: no cover


def bank_path(lesson: str) -> Path:
    return quiz_dir() / f"{lesson}.yml"


def load(lesson_or_path: str | Path) -> Bank:
    """Load and validate a bank by lesson slug or file path (cached until the file changes)."""
    path = Path(lesson_or_path)
    if path.suffix not in (".yml", ".yaml"):
        path = bank_path(str(lesson_or_path))
        if not path.exists():
            known = ", ".join(p.stem for p in sorted(quiz_dir().glob("*.yml"))) or "none"
            raise QuizBankError(str(path), f"no quiz bank for lesson {str(lesson_or_path)!r}; "
                                           f"banks: {known}")
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = -1
    hit = _CACHE.get(path)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    bank = load_bank_file(path)
    _CACHE[path] = (mtime, bank)
    return bank


def validate(path: str | Path) -> Bank:
    """Validate one bank file (no cache); raise :class:`QuizBankError` on the first fault."""
    return load_bank_file(path)


def banks() -> list[Bank]:
    """Every bank under :func:`quiz_dir`, sorted by lesson."""
    return [load(p) for p in sorted(quiz_dir().glob("*.yml"))]


def select(lesson: str, item: str | None = None,
           ) -> tuple[str, str, str, list[Question], str | None]:
    """What :func:`show` displays: (lesson, item id, title, questions, intro).

    ``item`` is a section id, one question id, or ``None`` for the whole bank. The static site
    (``scripts/build_site.py``) uses it too, so both list the same questions.
    """
    bank = load(lesson)
    if item is None:
        return bank.lesson, "all", bank.title, [q for s in bank.sections for q in s.questions], None
    for section in bank.sections:
        if section.id == item:
            return bank.lesson, section.id, section.title, list(section.questions), section.intro
    question = bank.questions.get(item)
    if question is None:
        ids = ", ".join([s.id for s in bank.sections] + list(bank.questions))
        raise QuizBankError(bank.source, f"no section or question {item!r}; known: {ids}")
    return bank.lesson, question.id, bank.section(question.section).title, [question], None


def show(lesson: str, item: str | None = None) -> QuizSection:
    """The live quiz of a section (``item`` = section id), one question, or a whole bank.

    The returned widget is displayed as the cell's output; its stored form is a static,
    answer-free HTML rendering.
    """
    from pharmacourse.quiz.widgets import QuizSection

    return QuizSection(*select(lesson, item))


def progress_table() -> pd.DataFrame:
    """Progress per lesson with a bank: questions, answered (tried or revealed), correct."""
    import pandas as pd

    rows = []
    for path in sorted(quiz_dir().glob("*.yml")):
        try:
            bank = load(path)
        except QuizBankError as exc:  # a broken bank must not break the start page
            warnings.warn(str(exc), ProgressWarning, stacklevel=2)
            continue
        graded = [q for q in bank.questions.values() if q.graded]
        states = store.read(bank.lesson)["questions"]
        answered = sum(1 for q in graded if states.get(q.id, {}).get("attempts")
                       or states.get(q.id, {}).get("revealed"))
        correct = sum(1 for q in graded if states.get(q.id, {}).get("correct"))
        rows.append({"lesson": bank.lesson, "title": bank.title, "questions": len(graded),
                     "answered": answered, "correct": correct})
    return pd.DataFrame(rows, columns=["lesson", "title", "questions", "answered", "correct"])


def progress_download() -> ProgressDownload:
    """A link to download all progress as a JSON file (Binder keeps nothing)."""
    from pharmacourse.quiz.widgets import ProgressDownload

    return ProgressDownload()


def progress_upload() -> ProgressUpload:
    """A file picker that loads a downloaded progress file back (validated, then merged)."""
    from pharmacourse.quiz.widgets import ProgressUpload

    return ProgressUpload()


def _graded_ids() -> dict[str, list[str]]:
    ids = {}
    for path in sorted(quiz_dir().glob("*.yml")):
        try:
            bank = load(path)
        except QuizBankError as exc:  # a broken bank must not break the summary
            warnings.warn(str(exc), ProgressWarning, stacklevel=3)
            continue
        ids[bank.lesson] = [q.id for q in bank.questions.values() if q.graded]
    return ids


def completion_summary() -> dict:
    """This learner's course completion numbers (``quiz.completion``), from the progress store."""
    from pharmacourse.quiz.completion import completion_summary as summarise

    return summarise(store.bundle(), _graded_ids())


def completion_download() -> CompletionDownload:
    """The completion summary with a link to download it as Markdown (lesson 10)."""
    from pharmacourse.quiz.completion import CompletionDownload, summary_markdown

    return CompletionDownload(lambda: summary_markdown(completion_summary()))
