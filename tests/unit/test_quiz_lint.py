"""The bank linter: every bank of the course passes, and each give-away it knows is found."""

from __future__ import annotations

import io
import itertools
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from pharmacourse import quiz
from pharmacourse.quiz import lint
from pharmacourse.quiz.__main__ import main as cli

REPO = Path(__file__).resolve().parents[2]
BANKS = sorted((REPO / "quizzes").glob("*.yml"))


def test_every_bank_of_the_course_passes_the_linter() -> None:
    out = io.StringIO()
    status = lint.main(BANKS, out=out)
    assert status == 0, out.getvalue()
    assert "course: the key is the longest option in" in out.getvalue()  # the test ran


def test_the_lint_command_checks_every_bank_by_default(capsys: pytest.CaptureFixture) -> None:
    assert cli(["lint"]) == 0
    printed = capsys.readouterr().out
    assert all(f"ok   {quiz.schema.display_path(p)}" in printed for p in BANKS)


# --------------------------------------------------------------------------- synthetic banks


def _option(text: str, correct: bool = False) -> dict:
    return {"text": text, "correct": True} if correct else {"text": text, "feedback": "Why not."}


def _single(qid: str, key: str, wrong: list[str], **extra) -> dict:
    return {"id": qid, "type": "single", "stem": f"Question {qid}?", "explanation": "Because.",
            "options": [_option(key, True)] + [_option(w) for w in wrong], **extra}


def _write_course(root: Path, questions: list[dict], cells: list[str] | None = None,
                  lesson: str = "99-lint") -> Path:
    """A course in ``root``: course.yml (lesson 99 written, 98 not), a bank, a notebook."""
    (root / "quizzes").mkdir(exist_ok=True)
    (root / "notebooks").mkdir(exist_ok=True)
    course = {"lessons": [{"number": "99", "slug": lesson}, {"number": "98", "slug": "98-later"}]}
    (root / "course.yml").write_text(yaml.safe_dump(course), encoding="utf-8")
    bank = {"lesson": lesson, "sections": [{"id": "main", "questions": questions}]}
    path = root / "quizzes" / f"{lesson}.yml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    nb = {"cells": [{"cell_type": "code", "source": src, "metadata": {}, "execution_count": 1,
                     "outputs": [{"output_type": "stream", "name": "stdout", "text": out}]}
                    for src, out in (cells or [])],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "notebooks" / f"{lesson}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return path


def _reasons(path: Path) -> list[str]:
    return [f"{f.question}: {f.reason}" for f in lint.lint_bank(path).findings]


def test_a_bank_whose_key_is_always_the_longest_fails(tmp_path: Path) -> None:
    questions = [_single(f"q{i}", "The longer, carefully hedged right answer", ["Short one",
                                                                              "Another short"])
                 for i in range(12)]
    path = _write_course(tmp_path, questions)
    out = io.StringIO()
    assert lint.main([path], out=out) == 1
    text = out.getvalue()
    assert "the key is the longest option in 12 of 12" in text
    assert "FAIL course:" in text and "p = 1.9e-06" in text  # (1/3)^12
    assert "3.154x as long as the longest wrong one" in text  # 41 characters vs 13
    assert cli(["lint", str(path)]) == 1


def test_a_bank_whose_key_is_always_the_shortest_fails(tmp_path: Path) -> None:
    # The over-correction of the first give-away: every key cut short, every distractor padded.
    questions = [_single(f"q{i}", "Yes", ["No, because the curve keeps rising",
                                          "Only at the highest concentrations tested"])
                 for i in range(12)]
    reports, course = lint.lint([_write_course(tmp_path, questions)])
    assert [failed for failed, _ in course] == [False, True]
    assert course[1][1].startswith("the key is the shortest option in 12 of 12")
    assert "lengthen keys or shorten distractors" in course[1][1]
    out = io.StringIO()
    assert lint.main([_write_course(tmp_path, questions)], out=out) == 1


def test_nine_longest_keys_are_only_counted(tmp_path: Path) -> None:
    questions = [_single(f"q{i}", "The longer right answer", ["Shorter wrong", "Also wrong"])
                 for i in range(9)]
    reports, course = lint.lint([_write_course(tmp_path, questions)])
    assert course == [] and reports[0].info == [
        "the key is the longest option in 9 of 9 single-choice questions (chance: 3.0)"]


def test_options_without_feedback_or_with_the_same_text(tmp_path: Path) -> None:
    q = _single("dup", "Same text", ["Same  TEXT", "Other"])
    q["options"][2].pop("feedback")
    reasons = _reasons(_write_course(tmp_path, [q]))
    assert "dup: wrong option 3 ('Other') has no feedback" in reasons
    assert "dup: two options have the same text ('Same TEXT')" in reasons


def test_feedback_that_names_an_unwritten_lesson(tmp_path: Path) -> None:
    q = _single("later", "Right", ["Wrong"])
    q["options"][1]["feedback"] = "Lessons 99 and 98 explain this."
    q["explanation"] = "See lesson 99."  # lesson 99 is written
    assert _reasons(_write_course(tmp_path, [q])) == [
        "later: options[2].feedback sends the learner to lesson 98, which is not written yet: "
        'say "a later lesson"']


NUMERIC = {"id": "half", "type": "numeric", "unit": "h", "answer": 12,
           "tolerance": {"absolute": 0.5}, "explanation": "0.5 d is 12 h.",
           "stem": "A half-life is 0.5 days (section 12). How long is it in hours?"}


def test_a_numeric_answer_in_the_stem_is_found(tmp_path: Path) -> None:
    q = dict(NUMERIC, stem="Half of 24 h, that is 11.8 h, is how many hours?")
    assert _reasons(_write_course(tmp_path, [q])) == [
        "half: the answer 12 h appears in its stem (as 11.8): ask for a step the learner must "
        "take"]


def test_a_numeric_answer_printed_just_above_the_quiz_is_found(tmp_path: Path) -> None:
    cells = [("print(t)", "t½ = 12.2 h"), ("plt.plot(x)", "plotted 3 curves"),
             ('quiz.show("99-lint", "main")', "Quiz preview 12 h")]
    assert _reasons(_write_course(tmp_path, [NUMERIC], cells)) == [
        "half: the answer 12 h appears in the stored output of the cells above its quiz cell "
        "(as 12.2): ask for a step the learner must take"]
    far = [("print(t)", "t½ = 12.2 h"), ("x = 1", "1"), ("y = 2", "2"),
           ('quiz.show("99-lint", "half")', "")]  # three cells up: not "just above"
    assert _reasons(_write_course(tmp_path, [NUMERIC], far)) == []


def test_labels_percentages_and_names_are_not_values(tmp_path: Path) -> None:
    cells = [("x", "CYP3A4 12-OH: 12 % extrapolated, table 12"), ('quiz.show("99-lint")', "")]
    assert _reasons(_write_course(tmp_path, [NUMERIC], cells)) == []
    assert lint.numbers_in("7-OH at 12,700 L and −2.5; lesson 05", None) == [12700.0, -2.5]


def test_lint_ok_waives_a_question(tmp_path: Path) -> None:
    q = dict(NUMERIC, stem="What is 12 h in hours?", lint_ok="the stem teaches the reading")
    report = lint.lint_bank(_write_course(tmp_path, [q]))
    assert report.findings == []
    assert report.info == ["question 'half' waived: the stem teaches the reading"]


def test_an_unreadable_bank_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "quizzes" / "99-bad.yml"
    bad.parent.mkdir()
    bad.write_text("lesson: [unclosed", encoding="utf-8")
    assert "cannot be read as YAML" in _reasons(bad)[0]


# --------------------------------------------------------------------------- the exact test


def _brute_force(ns: list[int], hits: int) -> Fraction:
    total = Fraction(0)
    for outcome in itertools.product([0, 1], repeat=len(ns)):
        if sum(outcome) >= hits:
            term = Fraction(1)
            for n, x in zip(ns, outcome, strict=True):
                term *= Fraction(1, n) if x else 1 - Fraction(1, n)
            total += term
    return total


@pytest.mark.parametrize("ns,hits", [([3, 4, 4, 3, 2, 5, 4, 3], 4), ([4] * 6, 0), ([3, 4], 3)])
def test_the_tail_is_the_exact_poisson_binomial(ns: list[int], hits: int) -> None:
    assert lint.longest_key_p_value(ns, hits) == pytest.approx(float(_brute_force(ns, hits)))


def test_one_group_is_the_binomial_tail() -> None:
    expected = sum(math.comb(20, k) * 0.25**k * 0.75 ** (20 - k) for k in range(11, 21))
    assert lint.longest_key_p_value([4] * 20, 11) == pytest.approx(expected, rel=1e-12)


def test_a_numeric_bank_that_does_not_validate_is_a_finding(tmp_path: Path) -> None:
    q = dict(NUMERIC, unit="zorkmids")
    (reason,) = _reasons(_write_course(tmp_path, [q]))
    assert reason.startswith(": does not validate, numeric answers not checked:")
