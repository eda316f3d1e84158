"""Every answer kept: attempt and prediction histories, old (version 1) files converted, one bad
entry set aside without losing the rest, left-over temporary files removed."""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pharmacourse import quiz
from pharmacourse.quiz import store
from pharmacourse.quiz.store import ProgressWarning

#: A lesson file as today's engine (version 1) wrote it: counts and the last answer only.
V1_LESSON = {
    "format": "pharmacourse-progress", "version": 1, "kind": "lesson", "lesson": "00-start-here",
    "questions": {
        "days-to-hours": {"attempts": 3, "correct": True, "first_correct_attempt": 2,
                          "revealed": False, "last_status": "incorrect", "last_answer": "1.5 d",
                          "updated": "2026-11-30T10:00:00+00:00"},
        "run-a-cell": {"attempts": 1, "correct": False, "first_correct_attempt": None,
                       "revealed": True, "last_status": "incorrect",
                       "last_answer": "It saves the notebook",
                       "updated": "2026-11-30T10:05:00+00:00"},
    },
}
V1_PREDICTIONS = {
    "format": "pharmacourse-progress", "version": 1, "kind": "predictions",
    "predictions": {"d": {"choice": "Supported", "lesson": "01-kratom-and-evidence",
                          "question_id": "predict-d", "updated": "2026-11-30T09:00:00+00:00"}},
}


def _write(folder: Path, name: str, doc: object) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_each_attempt_keeps_the_chosen_key_and_time(progress_dir: Path) -> None:
    store.record_attempt("l", "q", "incorrect", "Wrong text", chosen="occupancy")
    store.record_reveal("l", "q")
    state = store.record_attempt("l", "q", "correct", "Right text", chosen=["a", "b"])
    assert state["attempts"] == 2 and not state["correct"]  # correct after "Show answer"
    history = store.read("l")["questions"]["q"]["history"]
    assert [(e["kind"], e["attempt"], e["chosen"], e["correct"], e["revealed"])
            for e in history] == [("attempt", 1, "occupancy", False, False),
                                  ("reveal", None, "", None, True),
                                  ("attempt", 2, ["a", "b"], True, True)]
    assert all(e["time"] for e in history)


def test_option_key_is_the_id_else_the_position() -> None:
    assert store.option_key({"id": "occupancy", "text": "x"}, 3) == "occupancy"
    assert store.option_key({"text": "x"}, 3) == "3"

    class Opt:
        id = "reserve"

    assert store.option_key(Opt(), 0) == "reserve"


def test_two_predictions_are_first_and_latest(progress_dir: Path) -> None:
    store.record_prediction("d", "Supported", "01-kratom-and-evidence", "predict-d")
    store.record_prediction("d", "Not supported or contradicted", "02-drugs", "p")
    assert store.predictions()["d"]["choice"] == "Not supported or contradicted"  # widgets read it
    frame = quiz.claim_review(["d", "j"]).to_frame().set_index("claim_id")
    assert list(frame.columns[:4]) == ["claim", "first_prediction", "latest_prediction",
                                       "verdict"]
    assert frame.loc["d", "first_prediction"] == "Supported"
    assert frame.loc["d", "latest_prediction"] == "Not supported or contradicted"
    assert frame.loc["j", "first_prediction"] == "no prediction recorded"
    html = quiz.claim_review(["d"])._repr_html_()
    assert "Your first guess" in html and "Your latest guess" in html and "Supported" in html


def test_claim_list_shows_guesses_and_route_but_no_verdict(progress_dir: Path) -> None:
    store.record_prediction("f", "Supported", "01-kratom-and-evidence", "predict-f")
    listing = quiz.claim_list()
    frame = listing.to_frame().set_index("claim_id")
    assert "verdict" not in frame.columns and "explanation" not in frame.columns
    assert frame.loc["f", "latest_prediction"] == "Supported"
    assert frame.loc["m", "revisited_in"] == "07"
    verdicts = set(quiz.claim_review(list(frame.index)).to_frame()["verdict"]) - {"Supported"}
    assert "Contradicted (as an absolute)" in verdicts
    assert not any(v in listing._repr_html_() for v in verdicts)


def test_what_changed_my_mind_is_one_stored_line(progress_dir: Path) -> None:
    store.record_prediction("d", "Supported", "01", "p")
    assert store.record_note("d", "the  mouse\nceiling " + "x" * 400, "03") .startswith(
        "the mouse ceiling x")
    assert len(store.predictions()["d"]["note"]["text"]) == store.MAX_TEXT
    assert store.predictions()["d"]["choice"] == "Supported"  # the prediction is untouched
    store.record_note("d", "   ", "03")
    assert store.predictions()["d"]["note"] is None
    with pytest.raises(ValueError, match="not a claim id"):
        store.record_note("../x", "text")


def test_the_notes_widget_saves_through_the_store(progress_dir: Path) -> None:
    widget = quiz.claim_review(["c", "d"]).notes("03-dose-response")
    widget.inputs["d"].value = "Hill 2022's ceiling"
    widget.save_button.click()
    assert store.claims()["d"]["note"]["text"] == "Hill 2022's ceiling"
    assert "c" not in store.claims() or not store.claims()["c"]["note"]
    widget.inputs["c"].value = "no guess, but a note"
    widget.save()
    assert "c" not in store.predictions()  # a note alone is no prediction (widgets show those)
    assert store.claims()["c"]["note"]["text"] == "no guess, but a note"
    assert quiz.claim_review(["c"]).rows[0]["latest_prediction"] == "no prediction recorded"
    assert "Saved (2 lines)" in widget.status.value
    again = quiz.claim_review(["d"]).notes()  # a re-run shows the saved line
    assert again.inputs["d"].value == "Hill 2022's ceiling"
    assert quiz.claim_review(["d"]).to_frame()["changed_mind"].tolist() == ["Hill 2022's ceiling"]
    bundle = quiz.claim_review(["d"])._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "quiz-claim-review" in bundle["text/html"]
    assert "What changed my mind" in bundle["text/html"] and "Hill 2022" in bundle["text/html"]


def test_an_old_format_file_is_converted_not_lost(progress_dir: Path, tmp_path: Path) -> None:
    _write(progress_dir, "00-start-here", V1_LESSON)
    _write(progress_dir, "predictions", V1_PREDICTIONS)
    state = store.read("00-start-here")["questions"]["days-to-hours"]
    assert (state["attempts"], state["correct"], state["first_correct_attempt"]) == (3, True, 2)
    assert [(e["attempt"], e["correct"], e["chosen"]) for e in state["history"]] == [
        (1, False, ""), (2, True, ""), (3, False, "1.5 d")]
    assert quiz.progress_table().set_index("lesson").loc["00-start-here", "correct"] == 1
    assert quiz.claim_review(["d"]).rows[0]["first_prediction"] == "Supported"
    rows = list(csv.DictReader(quiz.export_csv(tmp_path / "r.csv").open(encoding="utf-8")))
    assert [(r["question_id"], r["attempt"], r["correct"]) for r in rows if r["lesson"]
            == "00-start-here"] == [("days-to-hours", "1", "false"), ("days-to-hours", "2", "true"),
                                    ("days-to-hours", "3", "false"), ("run-a-cell", "1", "false")]
    store.record_attempt("00-start-here", "days-to-hours", "correct", "36 h", chosen="36 h")
    doc = json.loads((progress_dir / "00-start-here.json").read_text(encoding="utf-8"))
    assert doc["version"] == store.VERSION
    assert len(doc["questions"]["days-to-hours"]["history"]) == 4
    assert doc["questions"]["run-a-cell"]["revealed"]  # the untouched entry survived the rewrite


def test_one_bad_entry_is_set_aside_and_the_rest_kept(progress_dir: Path) -> None:
    bad = json.loads(json.dumps(V1_LESSON))
    bad["questions"]["broken"] = {"attempts": "many"}
    bad["questions"]["no-count"] = {"correct": True}  # an old file with a missing field
    path = _write(progress_dir, "00-start-here", bad)
    with pytest.warns(ProgressWarning, match=r"'broken', field 'attempts'"):
        assert set(store.read("00-start-here")["questions"]) == {"days-to-hours", "run-a-cell"}
    with pytest.warns(ProgressWarning) as caught:
        store.record_attempt("00-start-here", "days-to-hours", "correct", "36 h")
    message = str(caught[0].message)
    assert str(path) in message and "question 'no-count', field 'attempts': missing" in message
    (aside,) = progress_dir.glob("00-start-here.rejected-*.json")
    assert json.loads(aside.read_text(encoding="utf-8")) == {
        "broken": {"attempts": "many"}, "no-count": {"correct": True}}
    questions = store.read("00-start-here")["questions"]
    assert set(questions) == {"days-to-hours", "run-a-cell"}
    assert questions["days-to-hours"]["attempts"] == 4
    assert not list(progress_dir.glob("*.corrupt-*"))


def test_a_prediction_without_its_choice_names_claim_and_field(progress_dir: Path) -> None:
    doc = json.loads(json.dumps(V1_PREDICTIONS))
    doc["predictions"]["j"] = {"lesson": "01"}
    _write(progress_dir, "predictions", doc)
    with pytest.warns(ProgressWarning, match=r"claim 'j', field 'choice': missing"):
        store.record_prediction("a", "Supported", "01", "p")
    assert set(store.predictions()) == {"a", "d"}
    (aside,) = progress_dir.glob("predictions.rejected-*.json")
    assert json.loads(aside.read_text(encoding="utf-8")) == {"j": {"lesson": "01"}}


def test_an_unknown_option_key_is_named_and_kept(progress_dir: Path, tmp_path: Path) -> None:
    store.record_attempt("00-start-here", "run-a-cell", "incorrect", "x", chosen=["no-such-key"])
    with pytest.warns(ProgressWarning, match=r"question 'run-a-cell', field 'chosen'.*no-such-key"):
        rows = list(csv.DictReader(quiz.export_csv(tmp_path / "r.csv").open(encoding="utf-8")))
    assert rows[0]["chosen"] == "no-such-key"


def test_left_over_temporary_files_are_removed_on_the_next_write(progress_dir: Path) -> None:
    store.record_attempt("l", "q", "correct")
    old = time.time() - 2 * store.STALE_TEMP_S
    for name in (".l.json.abc123.tmp", ".other.json.x.tmp"):  # another file's: left alone
        (progress_dir / name).write_text("{half written")
        os.utime(progress_dir / name, (old, old))
    (progress_dir / ".l.json.fresh.tmp").write_text("{")  # too young: maybe still being written
    store.record_attempt("l", "q", "correct")
    assert [p.name for p in progress_dir.glob(".l.json.*.tmp")] == [".l.json.fresh.tmp"]
    assert (progress_dir / ".other.json.x.tmp").exists()


def test_option_texts_from_older_files_are_known_keys(progress_dir: Path, tmp_path: Path,
                                                      recwarn: pytest.WarningsRecorder) -> None:
    bank = quiz.load("00-start-here")
    single = next(q for q in bank.questions.values() if q.type == "single")
    store.record_attempt("00-start-here", single.id, "incorrect", single.options[1].text)
    store.record_attempt("00-start-here", single.id, "correct", "x", chosen=single.options[0].id)
    quiz.export_csv(tmp_path / "r.csv")
    assert not [w for w in recwarn if issubclass(w.category, ProgressWarning)]
    store.record_attempt("00-start-here", single.id, "incorrect", "x", chosen="renamed-id")
    with pytest.warns(ProgressWarning, match="renamed-id"):
        quiz.export_csv(tmp_path / "r2.csv")


def test_a_version_1_download_is_converted_and_merged(progress_dir: Path) -> None:
    old = {"format": "pharmacourse-progress-bundle", "version": 1,
           "lessons": {"00-start-here": V1_LESSON}, "predictions": V1_PREDICTIONS}
    assert store.merge_bundle(old) == {"lessons": 1, "questions": 2, "predictions": 1}
    assert store.read("00-start-here")["questions"]["days-to-hours"]["attempts"] == 3
    assert store.predictions()["d"]["history"][0]["choice"] == "Supported"


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=12)


@given(entries=st.dictionaries(st.text(max_size=4), _JSON, max_size=4),
       version=st.sampled_from([1, 2]), predictions=st.booleans())
def test_any_entry_is_kept_or_set_aside_never_a_crash(entries: dict, version: int,
                                                       predictions: bool) -> None:
    name = store.PREDICTIONS if predictions else "l"
    key = "predictions" if predictions else "questions"
    doc = {"format": "pharmacourse-progress", "version": version, key: entries}
    kept, rejected = store.clean_entries(doc, name)
    assert set(kept[key]) | set(rejected) == {k[:store.MAX_TEXT] for k in entries}
    assert not set(kept[key]) & set(rejected)
    assert store.clean(kept, name) == kept  # what is kept is a valid current-version file


def test_history_keeps_the_latest_events_and_counts_on(progress_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from pharmacourse.quiz import entries

    monkeypatch.setattr(store, "MAX_HISTORY", 3)
    monkeypatch.setattr(entries, "MAX_HISTORY", 3)
    for i in range(5):
        state = store.record_attempt("l", "q", "incorrect", str(i), chosen=str(i))
    assert state["attempts"] == 5
    history = store.read("l")["questions"]["q"]["history"]
    assert [(e["attempt"], e["chosen"]) for e in history] == [(3, "2"), (4, "3"), (5, "4")]
