"""Property-based tests: no learner input breaks grading, and echoed text is always escaped."""

from __future__ import annotations

import math
import threading

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pharmacourse.quiz import grade, parse_bank
from pharmacourse.quiz.grading import Result
from pharmacourse.quiz.text import escape, shorten
from pharmacourse.quiz.widgets import QuestionWidget

BANK = {
    "lesson": "99-props",
    "sections": [{"id": "s", "questions": [
        {"id": "num", "type": "numeric", "stem": "t1/2?", "explanation": "x", "unit": "h",
         "answer": 12, "tolerance": {"absolute": 0.1},
         "mistakes": [{"value": 0.0578, "unit": "1/h", "feedback": "k"},
                      {"range": [700, 730], "feedback": "min"}]},
        {"id": "conc", "type": "numeric", "stem": "c?", "explanation": "x", "unit": "ng/mL",
         "molar_mass": 398.5, "answer": {"value": 100, "unit": "nmol/L"},
         "tolerance": {"relative": 0.02}},
        {"id": "par", "type": "parameterised", "stem": "k={k_per_h}", "explanation": "x",
         "unit": "h", "parameters": {"k_per_h": {"min": 0.01, "max": 1, "decimals": 3}},
         "answer": {"function": "pharmacourse.quiz.examples.half_life_h"},
         "tolerance": {"relative": 0.01}},
        {"id": "one", "type": "single", "stem": "?", "explanation": "x",
         "options": [{"id": "a", "text": "a", "correct": True},
                     {"id": "b", "text": "b", "feedback": "no"}]},
        {"id": "many", "type": "multiple", "stem": "?", "explanation": "x",
         "options": [{"id": "a", "text": "a", "correct": True},
                     {"id": "b", "text": "b", "feedback": "no"}]},
        {"id": "two", "type": "multiple", "stem": "?", "explanation": "x",
         "options": [{"id": "a", "text": "a", "correct": True},
                     {"id": "b", "text": "b", "correct": True},
                     {"id": "c", "text": "c", "feedback": "no"}]},
        {"id": "guess", "type": "prediction", "stem": "?", "claim": "a"},
    ]}],
}
Q = parse_bank(BANK, source="props").questions
STATUSES = {"correct", "incorrect", "invalid", "recorded", "error"}

nasty_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["nan", "inf", "-inf", "NaN h", "1e309", "1e-400 h", "1_000", "١٢ h",
                     "12 h**999999", "12 h^99", "((((", "12 <script>alert(1)</script>",
                     "12 ' OR 1=1", "10**10**10", "9" * 5000, "12 h h h", "12 degC", "0x10",
                     "12\x00h", "½ d", "12 ㍱", "12 ％", "1.2×10^999 h", "--12", "12 1/h/h"]),
    st.builds(lambda x, u: f"{x} {u}",
              st.floats(allow_nan=True, allow_infinity=True),
              st.sampled_from(["h", "min", "d", "kg", "ng/mL", "nmol/L", "1/h", "", "zz", "%"])),
)
any_response = st.one_of(nasty_text, st.none(), st.integers(), st.floats(), st.booleans(),
                         st.sampled_from([10**400, -(10**400), np.array(3.0), np.array("a"),
                                          np.float64("nan"), np.array([["a"]]), ["a"] * 9]),
                         st.lists(st.integers(-3, 5), max_size=6), st.binary(max_size=20),
                         st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@given(question_id=st.sampled_from(sorted(Q)), response=any_response)
@example(question_id="num", response="12 <b>h</b>")
@example(question_id="num", response=float("nan"))
@example(question_id="num", response=10**400)  # float() overflows
@example(question_id="par", response=-(10**400))
@example(question_id="num", response=np.array(12.0))  # a 0-d array: its value
@example(question_id="many", response=np.array(3.0))  # iterating a 0-d array raises TypeError
@example(question_id="one", response=np.array(3))
@example(question_id="two", response=np.array([["a", "b"]]))
def test_grade_never_raises_and_always_answers(question_id: str, response: object) -> None:
    result = grade(Q[question_id], response)
    assert isinstance(result, Result)
    assert result.status in STATUSES - {"error"}
    assert isinstance(result.message, str) and 0 < len(result.message) < 300
    if result.value is not None:
        assert math.isfinite(result.value)


@given(hours=st.floats(min_value=1e-3, max_value=1e5, allow_nan=False),
       unit=st.sampled_from([("h", 1.0), ("min", 60.0), ("s", 3600.0), ("d", 1 / 24)]))
def test_the_same_duration_in_any_unit_grades_alike(hours: float, unit: tuple[str, float]) -> None:
    name, factor = unit
    question = Q["num"]
    in_hours = grade(question, f"{hours!r} h")
    in_unit = grade(question, f"{hours * factor!r} {name}")
    assert in_hours.status == in_unit.status
    assert in_unit.value is not None and math.isclose(in_unit.value, hours, rel_tol=1e-9)


@given(text=nasty_text)
@example(text="<img src=x onerror=alert(1)>")
@example(text="12 <script>alert(1)</script>")
def test_learner_text_is_escaped_wherever_the_widget_echoes_it(text: str) -> None:
    widget = QuestionWidget(Q["num"], restore=False)
    widget.input.value = text
    widget.check()  # may record to the test's temporary progress folder
    shown = widget.feedback.value
    assert "<script" not in shown and "<img" not in shown
    if text.strip():  # what was typed is echoed, escaped (and shortened)
        assert "Your answer: " + escape(shorten(text, 60)) in shown


def test_huge_numbers_and_0d_arrays_get_an_answer_not_an_exception() -> None:
    assert grade(Q["num"], 10**400).status == "invalid"
    assert "ordinary size" in grade(Q["num"], 10**400).message
    assert grade(Q["num"], np.array(12.0)).correct  # a 0-d array is read as its value
    assert grade(Q["num"], np.int64(12)).correct
    assert grade(Q["many"], np.array(3.0)).status == "invalid"
    assert grade(Q["one"], np.array("a")).correct


def _grade_in_thread(question_id: str, text: str) -> Result:
    """grade() in a daemon thread: a safety net so a regression fails instead of hanging."""
    box: list[Result] = []
    worker = threading.Thread(target=lambda: box.append(grade(Q[question_id], text)),
                              daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), f"grade() did not return for {text!r}"
    return box[0]


@settings(max_examples=30, deadline=None)
@given(text=st.from_regex(r"\A1 ?(h|min|ng/mL)( ?(\^|\*\*) ?[1-9]){2,4}\Z"))
@example(text="1 h^9^9^9")
@example(text="1 h**9**9**9")
@example(text="1 (h^9)^9")
@example(text="1 h^(9^9)")
@example(text="10**10**10")
@example(text="1 × 10^9^9 h")
def test_power_towers_are_refused_before_pint_sees_them(text: str) -> None:
    result = _grade_in_thread("num", text)
    assert result.status == "invalid" and result.message, result
    if text.startswith("1 h"):  # a unit raised to a power of a power: said so
        assert "Powers of units are small whole numbers" in result.message


@given(ids=st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=40))
@example(ids=["a"] * 5 + ["b"])  # right, but was cut to ["a"] * 4 before the set: rejected
@example(ids=["a", "a", "a", "c"])  # wrong (c), but was cut to ["a"] * 3: accepted
@example(ids=["a", "b", "a", "b", "a", "b", "c"])
def test_multiple_select_grades_the_set_of_ticked_options(ids: list[str]) -> None:
    result = grade(Q["two"], ids)
    assert result.correct == (set(ids) == {"a", "b"}), (ids, result)
    assert result.status == grade(Q["two"], sorted(set(ids))).status
    if "c" in ids:
        assert result.feedback == ("no",)  # each wrong option's feedback once
