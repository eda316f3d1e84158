"""Pure grading against right and wrong answers: no kernel, no widgets, no files."""

from __future__ import annotations

import math
import sys
import types

import pandas as pd
import pytest

from pharmacourse.quiz import answer_text, draw_parameters, expected_quantity, grade, parse_bank

BANK = {
    "lesson": "99-grading",
    "sections": [{"id": "s", "questions": [
        {"id": "single", "type": "single", "stem": "Lower EC_{50} means?", "explanation": "Why.",
         "options": [{"id": "more-potent", "text": "more potent", "correct": True,
                      "feedback": "Yes: potency."},
                     {"id": "more-effective", "text": "more effective",
                      "feedback": "That is efficacy, not potency."},
                     {"id": "safer", "text": "safer",
                      "feedback": "Potency says nothing about safety."}]},
        {"id": "multi", "type": "multiple", "stem": "Which?", "explanation": "Both.",
         "options": [{"id": "a", "text": "a", "correct": True},
                     {"id": "b", "text": "b", "correct": True},
                     {"id": "c", "text": "c", "feedback": "c is wrong because of C."},
                     {"id": "d", "text": "d", "feedback": "d is wrong because of D."}]},
        {"id": "t-half", "type": "numeric", "stem": "Half-life?", "explanation": "12 h.",
         "unit": "h", "answer": 12, "tolerance": {"absolute": 0.1},
         "mistakes": [
             {"value": 0.0578, "unit": "1/h", "tolerance": {"relative": 0.05},
              "feedback": "That is k, not the half-life."},
             {"value": 17.3, "tolerance": {"absolute": 0.2},
              "feedback": "You forgot ln 2 (1/k)."},
             {"range": [700, 730], "feedback": "Those are minutes: add the unit min."}]},
        {"id": "rel", "type": "numeric", "stem": "Vz/F?", "explanation": "x", "unit": "L",
         "answer": {"value": 12700, "unit": "L"}, "tolerance": {"relative": 0.05}},
        {"id": "conc", "type": "numeric", "stem": "ng/mL?", "explanation": "x",
         "unit": "ng/mL", "molar_mass": 398.5, "answer": {"value": 100, "unit": "nmol/L"},
         "tolerance": {"relative": 0.02}},
        {"id": "fn", "type": "numeric", "stem": "t1/2 for k = 0.1/h?", "explanation": "x",
         "unit": "h", "answer": {"function": "pharmacourse.quiz.examples.half_life_h",
                                 "args": {"k_per_h": 0.1}},
         "tolerance": {"relative": 0.01}},
        {"id": "data", "type": "numeric", "stem": "median t1/2?", "explanation": "x",
         "unit": "h", "answer": {"data": {"resource": "human_pk", "field": "value", "where": {
             "study_id": "tanna2022", "parameter": "t_half", "statistic": "median"}}},
         "tolerance": {"relative": 0.01}},
        {"id": "par", "type": "parameterised", "stem": "k = {k_per_h}; t1/2?",
         "explanation": "ln 2 / k", "unit": "h",
         "parameters": {"k_per_h": {"min": 0.05, "max": 0.5, "decimals": 3}},
         "answer": {"function": "pharmacourse.quiz.examples.half_life_h"},
         "tolerance": {"relative": 0.02},
         "mistakes": [{"function": "pharmacourse.quiz.examples.forgot_ln2_h",
                       "feedback": "forgot ln 2"}]},
        {"id": "guess", "type": "prediction", "stem": "Guess", "claim": "d",
         "explanation": "We will see."},
    ]}],
}
Q = parse_bank(BANK, source="test").questions


# ----------------------------------------------------------------------------- choices


def test_single_choice_right_and_each_wrong_option_with_its_own_feedback() -> None:
    right = grade(Q["single"], "more-potent")
    assert right.correct and right.explanation == "Why." and right.feedback == ("Yes: potency.",)
    assert grade(Q["single"], "more potent").correct
    wrong = grade(Q["single"], "more-effective")
    assert wrong.status == "incorrect" and wrong.feedback == ("That is efficacy, not potency.",)
    assert wrong.explanation is None  # the explanation is kept for a correct answer
    assert grade(Q["single"], "safer").feedback == ("Potency says nothing about safety.",)


@pytest.mark.parametrize("response", [None, "", 0, 3, -1, True, 1.0, "maybe", [0], ["safer"]])
def test_single_choice_without_a_valid_choice_is_invalid(response) -> None:
    result = grade(Q["single"], response)
    assert result.status == "invalid" and not result.counts_as_try


def test_multiple_select_needs_all_correct_and_no_wrong_option() -> None:
    assert grade(Q["multi"], ["a", "b"]).correct
    assert grade(Q["multi"], {"b", "a"}).correct
    partial = grade(Q["multi"], ["a"])
    assert partial.status == "incorrect" and "missing" in partial.message
    extra = grade(Q["multi"], ["a", "b", "d"])
    assert extra.status == "incorrect" and extra.feedback == ("d is wrong because of D.",)
    both = grade(Q["multi"], ["d", "c"])
    assert both.feedback == ("c is wrong because of C.", "d is wrong because of D.")
    assert grade(Q["multi"], []).status == "invalid"
    assert grade(Q["multi"], "ab").status == "invalid"
    assert grade(Q["multi"], ["a", "zz"]).status == "invalid"
    assert grade(Q["multi"], [0, 1]).status == "invalid"  # positions are never answers


# ----------------------------------------------------------------------------- numeric


@pytest.mark.parametrize("answer", ["12 h", "720 min", "0.5 d", "12", "12.05 hours", "43200 s",
                                    " 12  h ", "1.2e1 h", "1.2 × 10^1 h", "0.5 day", "12 hr"])
def test_any_unit_of_time_is_understood(answer: str) -> None:
    result = grade(Q["t-half"], answer)
    assert result.correct, result
    assert result.value == pytest.approx(12, abs=0.1)


@pytest.mark.parametrize("answer", ["12.2 h", "11 h", "13", "-12 h", "0 h", "1 d"])
def test_wrong_numbers_are_not_yet(answer: str) -> None:
    result = grade(Q["t-half"], answer)
    assert result.status == "incorrect" and result.mistake is None


def test_mistakes_catch_typical_errors_with_their_own_feedback() -> None:
    k = grade(Q["t-half"], "0.0578 1/h")
    assert k.status == "incorrect" and k.mistake == 1 and "k, not" in k.feedback[0]
    assert grade(Q["t-half"], "0.058 h^-1").mistake == 1
    assert grade(Q["t-half"], "17.3").mistake == 2
    assert grade(Q["t-half"], "17.3 h").mistake == 2
    assert grade(Q["t-half"], "720").mistake == 3  # a unit slip: minutes typed as hours


def test_a_dimension_mismatch_says_so() -> None:
    result = grade(Q["t-half"], "12 mg")
    assert result.status == "invalid"
    assert "a mass" in result.message and "a time" in result.message


def test_relative_tolerance() -> None:
    assert grade(Q["rel"], "12700 L").correct
    assert grade(Q["rel"], "13300 L").correct  # +4.7 %
    assert not grade(Q["rel"], "13400 L").correct  # +5.5 %
    assert grade(Q["rel"], "12.7 m^3").correct


def test_molar_mass_links_amount_and_mass_concentrations() -> None:
    assert expected_quantity(Q["conc"]).magnitude == pytest.approx(39.85)
    assert grade(Q["conc"], "39.85 ng/mL").correct
    assert grade(Q["conc"], "100 nmol/L").correct
    assert grade(Q["conc"], "0.1 µmol/L").correct
    assert grade(Q["conc"], "39.85 µg/L").correct
    assert not grade(Q["conc"], "100 ng/mL").correct
    assert grade(Q["conc"], "5 h").status == "invalid"


def test_named_function_answers() -> None:
    assert grade(Q["fn"], f"{math.log(2) / 0.1:.2f} h").correct
    assert not grade(Q["fn"], "10 h").correct


def test_data_lookup_answers_are_resolved_at_grade_time(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = pd.DataFrame({
        "study_id": ["tanna2022", "tanna2022", "other"],
        "parameter": ["t_half", "t_half", "t_half"],
        "statistic": ["median", "mean", "median"],
        "value": [45.3, 43.4, 23.0],
        "unit": ["h", "h", "h"],
    })
    fake = types.ModuleType("pharmacourse.data")
    fake.load = lambda name: frame if name == "human_pk" else (_ for _ in ()).throw(
        KeyError(name))
    monkeypatch.setitem(sys.modules, "pharmacourse.data", fake)
    question = parse_bank(BANK, source="t").questions["data"]  # fresh object: no cached value
    assert grade(question, "45.3 h").correct
    assert grade(question, "1.8875 d").correct
    assert not grade(question, "43.4 h").correct
    # the data changes -> the answer follows it (a new bank load, as after a restart)
    frame.loc[0, "value"] = 50.0
    question = parse_bank(BANK, source="t").questions["data"]
    assert grade(question, "50 h").correct


def test_a_missing_data_resource_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("pharmacourse.data")

    def load(name: str):
        raise KeyError(f"unknown dataset {name}")

    fake.load = load
    monkeypatch.setitem(sys.modules, "pharmacourse.data", fake)
    question = parse_bank(BANK, source="t").questions["data"]
    result = grade(question, "45 h")
    assert result.status == "error"
    assert "human_pk" in result.message and "cannot be checked" in result.message


# ----------------------------------------------------------------------------- parameterised


def test_parameters_are_reproducible_from_the_seed_and_within_range() -> None:
    q = Q["par"]
    assert draw_parameters(q, 7) == draw_parameters(q, 7)
    draws = [draw_parameters(q, seed)["k_per_h"] for seed in range(200)]
    assert all(0.05 <= k <= 0.5 for k in draws)
    assert len(set(draws)) > 50
    assert all(round(k, 3) == k for k in draws)


def test_parameterised_grading_uses_the_drawn_numbers() -> None:
    q = Q["par"]
    params = draw_parameters(q, 3)
    k = params["k_per_h"]
    assert grade(q, f"{math.log(2) / k:.4f} h", params).correct
    forgot = grade(q, f"{1 / k:.4f} h", params)
    assert forgot.mistake == 1 and forgot.feedback == ("forgot ln 2",)
    other = draw_parameters(q, 4)
    assert other != params
    assert not grade(q, f"{math.log(2) / k:.4f} h", other).correct
    assert "h (accepted: ± 2 %)" in answer_text(q, params)


def test_prediction_is_recorded_not_graded() -> None:
    result = grade(Q["guess"], "Supported")
    assert result.status == "recorded" and "Supported" in result.message
    assert not result.counts_as_try
    assert grade(Q["guess"], None).status == "invalid"


def test_answer_text_for_reveal() -> None:
    assert answer_text(Q["single"]) == "more potent"
    assert answer_text(Q["multi"]) == "a; b"
    assert answer_text(Q["t-half"]) == "12 h (accepted: ± 0.1 h)"
