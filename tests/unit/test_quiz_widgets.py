"""Drive the real widgets: set values, click buttons, read the feedback, the score and the
stored output (static HTML, no answers)."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pharmacourse import quiz
from pharmacourse.quiz import store
from pharmacourse.quiz.widgets import QuestionWidget, QuizSection

BANK = {
    "lesson": "99-widgets",
    "title": "Widget test",
    "sections": [
        {"id": "main", "title": "Main section", "questions": [
            {"id": "pick", "type": "single", "stem": "Pick <one>", "explanation": "SECRET-WHY",
             "options": [{"id": "right", "text": "right", "correct": True},
                         {"id": "wrong", "text": "wrong", "feedback": "SECRET-FEEDBACK: tempting"},
                         {"id": "also-wrong", "text": "also wrong", "feedback": "no"}]},
            {"id": "many", "type": "multiple", "stem": "Pick all", "explanation": "both",
             "options": [{"id": "a", "text": "a", "correct": True},
                         {"id": "b", "text": "b", "correct": True},
                         {"id": "c", "text": "c", "feedback": "not c"}]},
            {"id": "num", "type": "numeric", "stem": "How long?", "explanation": "12 h",
             "unit": "h", "answer": 12.345, "tolerance": {"absolute": 0.01},
             "mistakes": [{"value": 17.81, "feedback": "forgot ln 2"}]},
            {"id": "par", "type": "parameterised", "stem": "k = {k_per_h} per h", "unit": "h",
             "explanation": "ln2/k", "tries_before_reveal": 1,
             "parameters": {"k_per_h": {"min": 0.05, "max": 0.5, "decimals": 3}},
             "answer": {"function": "pharmacourse.quiz.examples.half_life_h"},
             "tolerance": {"relative": 0.02}},
        ]},
        {"id": "claims", "title": "Before the lesson", "questions": [
            {"id": "predict-d", "type": "prediction", "stem": "Kratom cannot depress breathing?",
             "claim": "d"},
        ]},
    ],
}


@pytest.fixture
def bank_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, progress_dir: Path) -> Path:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "99-widgets.yml").write_text(yaml.safe_dump(BANK, sort_keys=False),
                                           encoding="utf-8")
    monkeypatch.setenv(quiz.QUIZ_DIR_ENV, str(folder))
    return folder


def feedback_classes(w: QuestionWidget) -> set[str]:
    return {c for c in w.feedback._dom_classes if c.startswith("quiz-feedback-")}


def test_css_classes_for_the_browser_tests(bank_dir: Path) -> None:
    section = quiz.show("99-widgets", "main")
    assert "quiz" in section._dom_classes
    assert all("quiz-question" in w._dom_classes for w in section.question_widgets)
    pick = section.widget("pick")
    assert "quiz-choices" in pick.input._dom_classes
    assert pick.check_button.description == "Check"
    assert "quiz-check" in pick.check_button._dom_classes
    assert "quiz-reveal" in pick.reveal_button._dom_classes
    assert "quiz-feedback" in pick.feedback._dom_classes
    assert pick.input.kind == "radio" and "Pick &lt;one&gt;" in pick.input.legend
    many = section.widget("many")
    assert "quiz-choices" in many.input._dom_classes and many.input.kind == "checkbox"
    num = section.widget("num")
    assert "quiz-numeric" in num.input._dom_classes and num.input.description == "Answer (h)"
    assert num.input.kind == "text"
    assert "quiz-new-numbers" in section.widget("par").new_numbers_button._dom_classes
    assert "quiz-score" in section.score._dom_classes
    predict = quiz.show("99-widgets", "claims").widget("predict-d")
    assert "quiz-prediction" in predict._dom_classes


def test_every_control_has_a_label(bank_dir: Path) -> None:
    from pharmacourse.quiz.text import escape, plain

    section = quiz.show("99-widgets")
    for w in section.question_widgets:
        # the group's name is its legend: the question's number and stem (and the hint)
        assert w.input.legend.startswith(f"<strong>{w.number}.</strong> ")
        assert escape(plain(w.question.stem).split("{")[0]) in w.input.legend
        assert [label for label, _id in w.input.options] == [plain(o.text) for o in w.options]
        for control in [w.input, w.check_button, w.reveal_button]:
            assert control.description.strip(), control
        assert w.check_button.tooltip


def test_single_choice_feedback_icon_words_and_score(bank_dir: Path) -> None:
    section = quiz.show("99-widgets", "main")
    pick = section.widget("pick")
    assert section.score.value.endswith("Score: 0 of 4 correct</span>")
    pick.check_button.click()  # nothing chosen
    assert feedback_classes(pick) == {"quiz-feedback-invalid"}
    assert "⚠" in pick.feedback.value and "Choose an option first" in pick.feedback.value
    assert pick.tries == 0
    pick.input.value = "wrong"
    pick.check_button.click()
    assert feedback_classes(pick) == {"quiz-feedback-incorrect"}
    assert "✘" in pick.feedback.value and "Not yet" in pick.feedback.value
    assert "SECRET-FEEDBACK: tempting" in pick.feedback.value
    pick.input.value = "right"
    pick.check_button.click()
    assert feedback_classes(pick) == {"quiz-feedback-correct"}
    assert "✔" in pick.feedback.value and "Correct" in pick.feedback.value
    assert "SECRET-WHY" in pick.feedback.value
    assert "Score: 1 of 4 correct" in section.score.value
    state = store.read("99-widgets")["questions"]["pick"]
    assert state["attempts"] == 2 and state["correct"] and state["last_answer"] == "right"


def test_multiple_select_by_ticking_boxes(bank_dir: Path) -> None:
    many = quiz.show("99-widgets", "many").widget("many")
    many.input.value = ["a", "c"]  # what ticking two boxes sends from the page
    many.check_button.click()
    assert feedback_classes(many) == {"quiz-feedback-incorrect"} and "not c" in many.feedback.value
    many.input.value = ["a", "b"]
    many.check_button.click()
    assert feedback_classes(many) == {"quiz-feedback-correct"}
    assert store.read("99-widgets")["questions"]["many"]["last_answer"] == "a | b"


def test_numeric_units_mistakes_and_invalid_input(bank_dir: Path) -> None:
    num = quiz.show("99-widgets", "num").widget("num")
    for text, cls, words in [("", "invalid", "Type an answer"),
                             ("twelve", "invalid", "Start with a number"),
                             ("12.345 kg", "invalid", "a mass"),
                             ("17.81", "incorrect", "forgot ln 2"),
                             ("740.7 min", "correct", "read as 12.35 h")]:
        num.input.value = text
        num.check_button.click()
        assert feedback_classes(num) == {f"quiz-feedback-{cls}"}, text
        assert words in num.feedback.value, (text, num.feedback.value)
    assert num.tries == 2  # invalid input is not a try


def test_show_answer_appears_after_the_configured_tries(bank_dir: Path) -> None:
    section = quiz.show("99-widgets", "main")
    pick = section.widget("pick")
    assert pick.reveal_button.layout.display == "none"
    pick.input.value = "wrong"
    pick.check_button.click()
    assert pick.reveal_button.layout.display == "none"
    pick.input.value = "also-wrong"
    pick.check_button.click()
    assert pick.reveal_button.layout.display is None  # visible after 2 tries (the default)
    pick.reveal_button.click()
    assert feedback_classes(pick) == {"quiz-feedback-revealed"}
    assert "Answer: right" in pick.feedback.value and "SECRET-WHY" in pick.feedback.value
    pick.input.value = "right"
    pick.check_button.click()
    assert "Score: 0 of 4 correct" in section.score.value  # revealed answers do not score
    assert store.read("99-widgets")["questions"]["pick"]["revealed"]


def test_new_numbers_draws_a_new_question(bank_dir: Path) -> None:
    par = quiz.show("99-widgets", "par").widget("par")
    first_stem, first_params = par.input.legend, dict(par.params)
    k = first_params["k_per_h"]
    assert f"{k:.3f}" in first_stem
    par.input.value = "1 h"
    par.check_button.click()
    assert par.reveal_button.layout.display is None  # tries_before_reveal: 1
    par.new_numbers_button.click()
    assert par.params != first_params and par.input.legend != first_stem
    assert par.input.value == "" and par.feedback.value == "" and par.tries == 0
    assert par.reveal_button.layout.display == "none"
    k2 = par.params["k_per_h"]
    par.input.value = f"{0.6931 / k2:.3f} h"
    par.check_button.click()
    assert feedback_classes(par) == {"quiz-feedback-correct"}


def test_predictions_are_stored_by_claim_and_shown_back(
        bank_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    predict = quiz.show("99-widgets", "claims").widget("predict-d")
    assert predict.check_button.description == "Save prediction"
    predict.input.value = "Not supported or contradicted"
    predict.check_button.click()
    assert feedback_classes(predict) == {"quiz-feedback-recorded"}
    assert store.predictions()["d"]["choice"] == "Not supported or contradicted"
    again = quiz.show("99-widgets", "claims").widget("predict-d")  # a re-run restores it
    assert again.input.value == "Not supported or contradicted"
    assert "Your saved prediction" in again.feedback.value
    fake = types.ModuleType("pharmacourse.data")
    fake.load = lambda name: pd.DataFrame({
        "id": ["d", "j"], "claim": ["No respiratory depression", "Similar to opioids"],
        "verdict": ["Contradicted", "Not supported"], "explanation": ["<ceiling>", "x"],
        "source_ids": ["hill2022", "hill2022"]})
    monkeypatch.setitem(sys.modules, "pharmacourse.data", fake)
    review = quiz.claim_review(["d", "j"])
    frame = review.to_frame().set_index("claim_id")
    assert frame.loc["d", "latest_prediction"] == "Not supported or contradicted"
    assert frame.loc["d", "verdict"] == "Contradicted"
    assert frame.loc["j", "latest_prediction"] == "no prediction recorded"
    assert "&lt;ceiling&gt;" in review._repr_html_()


def test_claim_review_without_the_data_module_still_shows_predictions(
        bank_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pharmacourse.data", None)  # import fails
    review = quiz.claim_review(["a"])
    assert review.rows[0]["latest_prediction"] == "no prediction recorded"
    assert "could not be loaded" in (review.note or "")


def test_restored_progress_is_live_only(bank_dir: Path) -> None:
    store.record_attempt("99-widgets", "pick", "correct", "right")
    section = quiz.show("99-widgets", "main")
    assert "Score: 1 of 4 correct" in section.score.value
    assert "before" in section.widget("pick").feedback.value
    assert "Score" not in section._repr_mimebundle_()["text/html"]


def _stored_output(section: QuizSection) -> dict:
    bundle = section._repr_mimebundle_()
    return {k: v for k, v in bundle.items() if k != "application/vnd.jupyter.widget-view+json"}


def test_the_stored_output_is_static_deterministic_and_answer_free(bank_dir: Path) -> None:
    first = quiz.show("99-widgets")
    bundle = first._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # the live widget
    stored = _stored_output(first)
    assert stored["text/plain"] == "Quiz 99-widgets / all: 5 questions. Run the cell to answer."
    html = stored["text/html"]
    assert 'class="quiz quiz-static"' in html and "Pick &lt;one&gt;" in html
    assert "<var>k_per_h</var>" in html
    for option in ("right", "wrong", "also wrong"):
        assert f"○ {option}</li>" in html
    assert "☐ a</li>" in html
    # play the quiz; the stored output must not change and must hold no answer or feedback
    pick = first.widget("pick")
    pick.input.value = "wrong"
    pick.check_button.click()
    first.widget("num").input.value = "12.345 h"
    first.widget("num").check_button.click()
    first.widget("par").new_numbers_button.click()
    again = quiz.show("99-widgets")
    assert _stored_output(first) == _stored_output(again) == stored
    text = json.dumps(stored)
    for secret in ("SECRET", "12.345", "correct: true", "Score", "Not yet", "✔", "✘"):
        assert secret not in text, secret
    assert not re.search(r"\d\.\d{3} per h", html)  # no drawn number
    assert repr(first) == stored["text/plain"] and "VBox" not in repr(first)
    assert repr(first.widget("num")).startswith("Quiz 99-widgets / num")


def test_show_by_question_id_and_unknown_names(bank_dir: Path) -> None:
    one = quiz.show("99-widgets", "num")
    assert [w.question.id for w in one.question_widgets] == ["num"]
    with pytest.raises(quiz.QuizBankError, match="no section or question 'nope'"):
        quiz.show("99-widgets", "nope")


def test_a_failing_handler_shows_a_message_instead_of_raising(
        bank_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pick = quiz.show("99-widgets", "pick").widget("pick")

    def broken(*args, **kwargs):
        raise RuntimeError("disk <on> fire")

    monkeypatch.setattr(store, "record_attempt", broken)
    pick.input.value = "right"
    pick.check_button.click()  # must not raise
    assert feedback_classes(pick) == {"quiz-feedback-invalid"}
    assert "disk &lt;on&gt; fire" in pick.feedback.value


def test_progress_download_and_upload_widgets(bank_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store.record_attempt("99-widgets", "pick", "correct", "right")
    download = quiz.progress_download()
    href = re.search(r'href="data:application/json;base64,([^"]+)"', download.link.value)
    assert href is not None
    import base64

    payload = base64.b64decode(href.group(1))
    assert "Run this cell" in download._repr_mimebundle_()["text/html"]
    other = tmp_path / "binder-session-2"
    other.mkdir()
    monkeypatch.setenv(store.ENV_VAR, str(other))
    upload = quiz.progress_upload()
    upload.load_bytes(b"not json")
    assert "Not loaded" in upload.status.value
    upload._on_upload({"new": ({"name": "p.json", "content": memoryview(payload)},)})
    assert "Loaded" in upload.status.value
    assert store.read("99-widgets")["questions"]["pick"]["correct"]


def test_long_options_wrap_with_css_scoped_to_the_quiz_controls(bank_dir: Path) -> None:
    from pharmacourse.quiz.controls import CONTROL_CSS, AnswerControl

    section = quiz.show("99-widgets")
    # the controls bring their own stylesheet (anywidget adds it to the page once per class)
    assert AnswerControl._css == CONTROL_CSS
    assert "white-space: normal" in CONTROL_CSS and "overflow-wrap: anywhere" in CONTROL_CSS
    rules = [r for r in CONTROL_CSS.split("}") if r.strip()]
    assert all(r.split("{")[0].count(".quiz-control ") == r.split("{")[0].count(",") + 1
               for r in rules), "every selector is scoped to .quiz-control"
    # the stored output and the text repr carry no stylesheet
    bundle = section._repr_mimebundle_()
    assert "<style" not in bundle["text/html"] and "<style" not in bundle["text/plain"]


def test_feedback_is_one_live_region_updated_in_place(bank_dir: Path) -> None:
    from pharmacourse.quiz.controls import _LIVE_ESM, LiveFeedback

    pick = quiz.show("99-widgets", "main").widget("pick")
    region = pick.feedback
    assert isinstance(region, LiveFeedback)
    pick.check_button.click()
    pick.input.value = "wrong"
    pick.check_button.click()
    assert pick.feedback is region and "Not yet" in region.value  # same widget, new content
    # the front end creates the role=status element once and only changes its content
    assert _LIVE_ESM.count("createElement") == 1 and 'aria-live", "polite"' in _LIVE_ESM
    assert 'role="status"' not in region.value  # no nested live region in the content


def test_new_numbers_never_repeats_the_numbers_shown(bank_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # A draw that repeats the current numbers (likely when a parameter has few values) is
    # drawn again: "New numbers" must show new numbers.
    from pharmacourse.quiz import widgets as quiz_widgets
    par = quiz.show("99-widgets", "par").widget("par")
    shown = dict(par.params)
    draws = iter([dict(shown), dict(shown), {"k_per_h": 0.25}])
    monkeypatch.setattr(quiz_widgets, "draw_parameters", lambda question, seed: next(draws))
    par.new_numbers_button.click()
    assert par.params == {"k_per_h": 0.25} and "0.250" in par.input.legend
