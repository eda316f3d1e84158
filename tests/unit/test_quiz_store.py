"""Kept scores: atomic per-lesson JSON files, corrupt files moved aside, no lost updates."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from pharmacourse import quiz
from pharmacourse.quiz import store
from pharmacourse.quiz.store import ProgressWarning


def test_progress_goes_to_the_folder_named_by_the_environment(progress_dir: Path) -> None:
    assert store.progress_dir() == progress_dir
    store.record_attempt("00-start-here", "q1", "incorrect", "1.5 d")
    state = store.record_attempt("00-start-here", "q1", "correct", "36 h")
    assert state["attempts"] == 2 and state["correct"] and state["first_correct_attempt"] == 2
    doc = json.loads((progress_dir / "00-start-here.json").read_text(encoding="utf-8"))
    assert doc["questions"]["q1"]["last_answer"] == "36 h"
    assert not list(progress_dir.glob("*.tmp"))  # the temporary file was renamed


def test_a_correct_answer_after_show_answer_does_not_count(progress_dir: Path) -> None:
    store.record_attempt("l", "q", "incorrect")
    store.record_reveal("l", "q")
    assert not store.record_attempt("l", "q", "correct")["correct"]


def test_writes_are_atomic(progress_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.record_attempt("l", "q", "correct", "12 h")
    before = (progress_dir / "l.json").read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", boom)
    with pytest.warns(ProgressWarning, match="kept for this session only"):
        store.record_attempt("l", "q2", "correct", "1 h")
    assert (progress_dir / "l.json").read_bytes() == before  # the old file is intact
    assert not list(progress_dir.glob(".*.tmp"))
    monkeypatch.undo()
    store._MEMORY.clear()
    store._WARNED.clear()


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[]", b'{"format": "x"}',
                                     b'{"format": "pharmacourse-progress", "version": 1}'])
def test_a_corrupt_file_is_moved_aside_and_a_fresh_one_started(progress_dir: Path,
                                                               content: bytes) -> None:
    (progress_dir / "l.json").write_bytes(content)
    with pytest.warns(ProgressWarning, match="moved to l.corrupt-"):
        state = store.record_attempt("l", "q", "correct")
    assert state["attempts"] == 1
    aside = list(progress_dir.glob("l.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert store.read("l")["questions"]["q"]["correct"]


def test_an_unwritable_folder_keeps_progress_for_the_session(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(store.ENV_VAR, str(blocker / "progress"))  # a folder under a file
    try:
        with pytest.warns(ProgressWarning, match="session only"):
            store.record_attempt("l", "q", "correct")
        assert store.read("l")["questions"]["q"]["correct"]
        assert store.record_attempt("l", "q", "correct")["attempts"] == 2
    finally:
        store._MEMORY.clear()
        store._WARNED.clear()


def _hammer(folder: str, worker: int, n: int) -> None:
    os.environ[store.ENV_VAR] = folder
    for i in range(n):
        store.record_attempt("shared-lesson", f"w{worker}-q{i}", "correct", str(i))
        store.record_attempt("shared-lesson", "common", "incorrect", str(i))


def test_two_notebooks_writing_at_once_lose_no_update(progress_dir: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_hammer, args=(str(progress_dir), w, 25)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    questions = store.read("shared-lesson")["questions"]
    assert len(questions) == 2 * 25 + 1
    assert questions["common"]["attempts"] == 50


def test_slugs_cannot_escape_the_folder(progress_dir: Path) -> None:
    for bad in ("../evil", "a/b", "", ".hidden"):
        with pytest.raises(ValueError):
            store.record_attempt(bad, "q", "correct")


def test_export_csv_has_one_row_per_event(progress_dir: Path, tmp_path: Path) -> None:
    store.record_attempt("00-start-here", "days-to-hours", "incorrect", "=HYPERLINK(1)")
    store.record_reveal("00-start-here", "days-to-hours")
    store.record_attempt("00-start-here", "days-to-hours", "correct", "36 h")
    store.record_attempt("00-start-here", "run-a-cell", "correct", "Run it", chosen="adds-new-line")
    store.record_attempt("00-start-here", "many", "incorrect", "a | b", chosen=["occ", "res"])
    store.record_prediction("d", "Supported", "01-kratom-and-evidence", "predict-d")
    store.record_prediction("d", "Not supported", "03-dose-response", "")
    store.record_note("d", "  the mouse ceiling \n data ", "03-dose-response")
    out = quiz.export_csv(tmp_path / "results.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["lesson", "question_id", "kind", "attempt", "chosen", "correct",
                             "revealed", "time", "claim"]
    days = [r for r in rows if r["question_id"] == "days-to-hours"]
    assert [(r["kind"], r["attempt"], r["chosen"], r["correct"], r["revealed"]) for r in days] == [
        ("attempt", "1", "'=HYPERLINK(1)", "false", "false"),  # no formula injection
        ("reveal", "", "", "", "true"),
        ("attempt", "2", "36 h", "true", "true")]
    assert all(r["time"] for r in days)
    assert [r["chosen"] for r in rows if r["question_id"] in ("run-a-cell", "many")] == [
        "occ|res", "adds-new-line"]
    preds = [r for r in rows if r["claim"] == "d"]
    assert [(r["kind"], r["attempt"], r["chosen"], r["lesson"], r["correct"]) for r in preds] == [
        ("prediction", "1", "Supported", "01-kratom-and-evidence", ""),
        ("prediction", "2", "Not supported", "03-dose-response", ""),
        ("changed-mind", "", "the mouse ceiling data", "03-dose-response", "")]


def test_the_export_command_writes_the_csv(progress_dir: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from pharmacourse.quiz.__main__ import main

    store.record_attempt("00-start-here", "days-to-hours", "incorrect", "2 h")
    monkeypatch.chdir(tmp_path)
    assert main(["export"]) == 0
    rows = list(csv.DictReader((tmp_path / "quiz-results.csv").open(encoding="utf-8")))
    assert [(r["question_id"], r["chosen"]) for r in rows] == [("days-to-hours", "2 h")]


def test_download_and_load_back_merges_progress(progress_dir: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store.record_attempt("00-start-here", "run-a-cell", "correct", "x")
    store.record_prediction("d", "Supported", "01", "p")
    saved = json.loads(json.dumps(store.bundle()))
    fresh = tmp_path / "other-session"
    fresh.mkdir()
    monkeypatch.setenv(store.ENV_VAR, str(fresh))
    store.record_attempt("00-start-here", "what-is-kept", "incorrect", "y")
    store.record_prediction("d", "Not supported", "03", "")
    counts = store.merge_bundle(saved)
    assert counts == {"lessons": 1, "questions": 1, "predictions": 1}
    questions = store.read("00-start-here")["questions"]
    assert questions["run-a-cell"]["correct"] and questions["what-is-kept"]["attempts"] == 1
    assert store.predictions()["d"]["choice"] == "Not supported"  # the latest
    store.merge_bundle(saved)  # loading twice changes nothing
    assert store.read("00-start-here")["questions"]["run-a-cell"]["attempts"] == 1
    assert [g["choice"] for g in store.predictions()["d"]["history"]] == ["Supported",
                                                                          "Not supported"]
    assert [e["chosen"] for e in questions["run-a-cell"]["history"]] == ["x"]


@pytest.mark.parametrize("bad", [None, [], {"format": "x"},
                                 {"format": "pharmacourse-progress-bundle", "version": 99},
                                 {"format": "pharmacourse-progress-bundle", "version": 1,
                                  "lessons": {"../x": {}}},
                                 {"format": "pharmacourse-progress-bundle", "version": 1,
                                  "lessons": {"l": {"format": "pharmacourse-progress",
                                                    "version": 1, "questions": []}}}])
def test_an_invalid_download_is_refused_and_nothing_written(progress_dir: Path, bad) -> None:
    with pytest.raises(ValueError):
        store.merge_bundle(bad)
    assert not list(progress_dir.glob("*.json"))


def test_progress_table_per_lesson(progress_dir: Path) -> None:
    table = quiz.progress_table()
    row = table.set_index("lesson").loc["00-start-here"]
    assert (row["questions"], row["answered"], row["correct"]) == (4, 0, 0)
    store.record_attempt("00-start-here", "run-a-cell", "correct")
    store.record_attempt("00-start-here", "days-to-hours", "incorrect")
    row = quiz.progress_table().set_index("lesson").loc["00-start-here"]
    assert (row["answered"], row["correct"]) == (2, 1)
