"""The minutes estimator (scripts/estimate_minutes.py) and the minutes course.yml states."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from pharmacourse import course
from scripts import estimate_minutes as em  # (the repo root is on sys.path)
from scripts import nav

ROOT = Path(__file__).resolve().parents[2]

QUIZ_PREVIEW = ('<div class="quiz quiz-static"><p>Quiz</p><table><tr><td>hidden words here</td>'
                "</tr></table></div>")
TABLE = ('<p>not read</p><table class="quiz-claim-review"><tr><th>dose mg</th></tr>'
         "<tr><td>two words</td></tr></table>")  # a claim review is read: it counts


def _tiny_lesson(root: Path) -> None:
    """A lesson whose counts are known: 300 words + bank, 2 code cells, 5 lines, 2 exercises."""
    for folder in ("notebooks", "quizzes", "solutions"):
        (root / folder).mkdir()
    code_a = nbformat.v4.new_code_cell("x = 1\n\ny = 2\nprint(x)")
    code_a.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="one two three\n"),
        nbformat.v4.new_output("display_data", data={"text/html": QUIZ_PREVIEW,
                                                     "text/plain": "ignored plain text"}),
    ]
    code_b = nbformat.v4.new_code_cell("show()\nz = 3")
    code_b.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": TABLE}),
        nbformat.v4.new_output("display_data",
                               data={"text/markdown": "**four** [words](x.ipynb) in it"}),
    ]
    prose = nbformat.v4.new_markdown_cell(" ".join(["word"] * 289) + " [a link](http://x.org)")
    nbformat.write(nbformat.v4.new_notebook(cells=[prose, code_a, code_b]),
                   root / "notebooks" / "99-tiny.ipynb")
    bank = {"lesson": "99-tiny", "sections": [{"id": "s", "questions": [
        {"id": "q1", "type": "numeric", "stem": "five words in this stem"},
        {"id": "q2", "type": "single", "stem": "two words",
         "options": [{"id": "a", "text": "one"}, {"id": "b", "text": "two more"}]},
    ]}]}
    (root / "quizzes" / "99-tiny.yml").write_text(yaml.safe_dump(bank))
    exercises = nbformat.v4.new_markdown_cell(
        "## Exercise 99.1: Compute (compute, about 7 minutes)\n\ntext\n\n"
        "## Exercise 99.2: Short one (read, about 1 minute)")
    nbformat.write(nbformat.v4.new_notebook(cells=[exercises]),
                   root / "solutions" / "99-tiny.ipynb")


def test_estimator_counts_a_tiny_notebook_exactly(tmp_path):
    _tiny_lesson(tmp_path)
    got = em.estimate("99-tiny", tmp_path)
    # 291 prose words (the link target is not read) + 3 stream + 4 table ("dose mg two words")
    # + 4 markdown output; the quiz preview and text/plain count nothing; bank 5 + 2 + 1 + 2.
    assert got.words == 291 + 3 + 4 + 4 + 10
    assert (got.questions, got.code_cells, got.code_lines) == (2, 2, 5)
    assert got.exercise_minutes == 7 + 3, "an exercise counts at least 3 minutes"
    expected = 312 / 150 + 2 * 0.75 + 2 * 0.3 + 5 * 0.05 + 10
    assert got.minutes == pytest.approx(expected)
    assert got.rounded == 15


def test_rounding_is_up_to_a_multiple_of_five():
    def e(ex: int) -> em.Estimate:
        return em.Estimate("x", 0, 0, 0, 0, ex)
    assert [e(n).rounded for n in (1, 5, 6, 10, 11)] == [5, 5, 10, 10, 15]


def test_a_lesson_without_bank_or_solutions_counts_only_its_notebook(tmp_path):
    _tiny_lesson(tmp_path)
    (tmp_path / "quizzes" / "99-tiny.yml").unlink()
    (tmp_path / "solutions" / "99-tiny.ipynb").unlink()
    got = em.estimate("99-tiny", tmp_path)
    assert (got.words, got.questions, got.exercise_minutes) == (302, 0, 0)


def test_course_yml_states_each_written_lessons_estimate():
    wrong = {x.slug: (x.minutes, em.estimate(x.slug).rounded) for x in course.lessons()
             if x.exists() and x.minutes != em.estimate(x.slug).rounded}
    assert not wrong, f"course.yml minutes vs estimate (run scripts/nav.py): {wrong}"


def test_writing_minutes_keeps_comments_and_other_rows():
    text = ("# a comment\nlessons:\n"
            "  - {number: \"01\", slug: 01-a, title: \"A\", minutes: 65, part: 1}\n"
            "  - {number: \"05\", slug: 05-b, title: \"B\", minutes: 60, part: 2}\n")
    new = nav.course_yml_with_minutes(text, {"01-a": 115})
    assert new == text.replace("minutes: 65", "minutes: 115")
    with pytest.raises(SystemExit, match="no row with 'slug: 07-c"):
        nav.course_yml_with_minutes(text, {"07-c": 5})


def test_span_sentence_is_replaced_once_and_stays_stable():
    source = "## Map\n\nEach lesson takes about an hour (60-75 minutes) including exercises. Next."
    once = nav.SPAN_SENTENCE.sub(lambda _m: nav.span_sentence(), source)
    twice = nav.SPAN_SENTENCE.sub(lambda _m: nav.span_sentence(), once)
    assert once == twice and once.endswith(" Next.") and "60-75" not in once


MAX_MINUTES = 90  # one sitting (issue 14 §1; STYLE.md "Time budget")


def test_every_written_lesson_fits_one_sitting():
    over = {slug: round(em.estimate(slug).minutes, 1) for slug in em.written_slugs()
            if em.estimate(slug).minutes > MAX_MINUTES}
    assert not over, f"lessons estimated above {MAX_MINUTES} minutes (cut or split): {over}"


# "**Time:** about 55 minutes, then about 30 minutes of [exercises](...)", typed in a lesson's
# opening cell: a learner plans a sitting with it, so it must agree with the estimator.
TIME_LINE = re.compile(r"\*\*Time:\*\*\s+about\s+(\d+)\s+minutes,\s+then\s+about\s+(\d+)\s+"
                       r"minutes\s+of\s+\[exercises\]")
SLACK = 5  # minutes: the stated parts are rounded to fives


def stated_time(path: Path) -> tuple[int, int] | None:
    """(lesson minutes, exercise minutes) a notebook's opening cells state, or None."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells[:6] if c.cell_type == "markdown")
    match = TIME_LINE.search(" ".join(text.split()))
    return (int(match[1]), int(match[2])) if match else None


def test_stated_time_reads_the_opening_cell(tmp_path):
    cell = nbformat.v4.new_markdown_cell("**Time:** about 45\nminutes, then about 30 minutes of\n"
                                         "[exercises](../exercises/x.ipynb).")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "x.ipynb")
    assert stated_time(tmp_path / "x.ipynb") == (45, 30)


def test_a_lessons_stated_time_agrees_with_the_estimate():
    wrong = {}
    for slug in em.written_slugs():
        stated = stated_time(ROOT / "notebooks" / f"{slug}.ipynb")
        if stated is None:
            continue
        est = em.estimate(slug)
        lesson, exercises = stated
        if (abs(exercises - est.exercise_minutes) > SLACK
                or abs(lesson + exercises - est.minutes) > SLACK):
            wrong[slug] = (stated, round(est.minutes - est.exercise_minutes),
                           est.exercise_minutes)
    assert not wrong, ("a lesson's **Time:** line disagrees with scripts/estimate_minutes.py "
                       f"(stated, lesson, exercises): {wrong}")
