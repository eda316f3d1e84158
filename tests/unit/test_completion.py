"""The course completion summary: pure numbers from a progress download, clear messages for an
empty or corrupt file, and the downloadable Markdown."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from pharmacourse import quiz
from pharmacourse.quiz import store
from pharmacourse.quiz.completion import (
    EMPTY_MESSAGE,
    CompletionDownload,
    completion_summary,
    summary_from_file,
    summary_markdown,
)

BANKS = {"01-x": ["q1", "q2"], "02-y": ["r1", "r2", "r3"]}


def _question(attempts: int, first_correct: int | None, revealed: bool = False) -> dict:
    history = [{"kind": "attempt", "attempt": i, "chosen": "a", "correct": i == first_correct,
                "revealed": False, "time": f"2026-01-01T00:0{i}"} for i in range(1, attempts + 1)]
    return {"attempts": attempts, "correct": first_correct is not None,
            "first_correct_attempt": first_correct, "revealed": revealed, "last_status": "",
            "last_answer": "", "updated": "", "history": history}


def _lesson(name: str, questions: dict) -> dict:
    return {"format": "pharmacourse-progress", "version": 2, "kind": "lesson", "lesson": name,
            "questions": questions}


def _prediction(*choices: str, note: str = "") -> dict:
    history = [{"choice": c, "lesson": "01-x", "question_id": "p", "time": f"t{i}"}
               for i, c in enumerate(choices)]
    return {"choice": choices[-1] if choices else "", "lesson": "", "question_id": "",
            "updated": "", "history": history,
            "note": {"text": note, "lesson": "10-capstone", "time": "t"} if note else None}


def _bundle(lessons: dict, predictions: dict) -> dict:
    return {"format": "pharmacourse-progress-bundle", "version": 2, "exported": "now",
            "lessons": lessons, "learner_seed": None,
            "predictions": {"format": "pharmacourse-progress", "version": 2,
                            "kind": "predictions", "predictions": predictions}}


def test_a_worked_course_is_counted() -> None:
    progress = _bundle(
        {"01-x": _lesson("01-x", {"q1": _question(1, 1), "q2": _question(2, 2)}),
         "02-y": _lesson("02-y", {"r1": _question(1, 1),
                                  "r2": _question(0, None, revealed=True)})},
        {"a": _prediction("Supported", "Partly supported", note="lesson 03's curves"),
         "b": _prediction("Supported", "Supported"), "c": _prediction("Not supported")})
    s = completion_summary(progress, BANKS)
    assert (s["lessons_total"], s["lessons_done"], s["done"]) == (2, 1, ["01-x"])
    assert s["lessons_started"] == 2
    assert (s["questions_tried"], s["first_try_correct"]) == (3, 2)  # r2 revealed, not tried
    assert s["first_try_rate"] == pytest.approx(2 / 3)
    assert (s["claims_predicted"], s["claims_revised"], s["revised"]) == (3, 1, ["a"])
    assert s["notes"] == 1 and s["message"] == ""
    text = summary_markdown(s)
    assert "1 of 2 (01-x)" in text and "67% (2 of 3 questions tried)" in text
    assert "revised (latest guess differs from the first): 1 (a)" in text


def test_empty_progress_gives_zeros_and_says_what_to_do() -> None:
    s = completion_summary(_bundle({}, {}), BANKS)
    assert s["lessons_done"] == 0 and s["first_try_rate"] is None
    assert s["message"] == EMPTY_MESSAGE
    assert "no quiz tried yet" in summary_markdown(s) and EMPTY_MESSAGE in summary_markdown(s)


@pytest.mark.parametrize(("content", "message"), [
    ("", "the file is empty"),
    ("   \n", "the file is empty"),
    ('{"lessons": ', "not valid JSON"),
    ('{"format": "something else"}', "not a pharmacourse progress download"),
    (json.dumps(_bundle({"01-x": {"format": "pharmacourse-progress", "version": 2,
                                  "questions": {"q1": {"attempts": -3}}}}, {})),
     "lesson '01-x'.*attempts"),
])
def test_an_empty_or_corrupt_file_gives_a_clear_message(tmp_path: Path, content: str,
                                                         message: str) -> None:
    path = tmp_path / "pharmacourse-progress.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        summary_from_file(path, BANKS)
    assert str(path) in str(info.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nowhere.json: cannot be read"):
        summary_from_file(tmp_path / "nowhere.json", BANKS)


def test_a_downloaded_file_gives_the_same_summary(tmp_path: Path) -> None:
    progress = _bundle({"01-x": _lesson("01-x", {"q1": _question(1, 1)})}, {})
    path = tmp_path / "p.json"
    path.write_text(json.dumps(progress), encoding="utf-8")
    assert summary_from_file(path, BANKS) == completion_summary(progress, BANKS)


def test_the_live_summary_reads_the_progress_store(progress_dir: Path) -> None:
    bank = quiz.load("04-single-dose-pk")
    qid = next(q.id for q in bank.questions.values() if q.graded)
    store.record_attempt("04-single-dose-pk", qid, "correct", "x")
    store.record_prediction("d", "Supported", lesson="01-kratom-and-evidence")
    store.record_prediction("d", "Not supported or contradicted", lesson="03-dose-response")
    s = quiz.completion_summary()
    assert (s["questions_tried"], s["first_try_correct"], s["revised"]) == (1, 1, ["d"])
    assert s["lessons_total"] == len(list(quiz.quiz_dir().glob("*.yml")))


def test_the_download_link_carries_the_summary(progress_dir: Path) -> None:
    store.record_prediction("a", "Supported", lesson="01-kratom-and-evidence")
    widget = quiz.completion_download()
    bundle = widget._repr_mimebundle_()
    assert "Run this cell" in bundle["text/html"]  # the stored page shows no one's results
    assert "application/vnd.jupyter.widget-view+json" in bundle
    page = widget._html()
    href = re.search(r'href="data:text/markdown;base64,([^"]+)"', page).group(1)
    text = base64.b64decode(href).decode("utf-8")
    assert text.startswith("# Course completion summary") and "Claims predicted: 1" in text


def test_a_broken_summary_shows_a_message_not_a_traceback() -> None:
    def broken() -> str:
        raise ValueError("lesson 'x': field 'questions' is missing")

    assert "Could not build the summary" in CompletionDownload(broken)._html()
