"""Live class folder: opt-in joining, appends under a lock from processes writing at once,
a hostile file beside the learners' files, leaving the class."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from pharmacourse import quiz
from pharmacourse.classroom import ClassroomWarning, class_stats, read_exports, report
from pharmacourse.quiz import classlink

LESSON = "02-drugs-meet-receptors"
N = 15  # answers per process

_WORKER = """
import sys
from pharmacourse import quiz
section = quiz.show({lesson!r})
q = next(q for q in section.questions if q.type == "single")
wrong = next(o.id for o in q.options if not o.correct)
for _ in range({n}):
    section.answer(q.id, wrong)
"""


def _env(progress: Path, folder: Path) -> dict:
    return {**os.environ, "PHARMACOURSE_PROGRESS_DIR": str(progress),
            "PHARMACOURSE_CLASS_DIR": str(folder)}


def test_without_the_variable_nothing_changes(progress_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(classlink.CLASS_DIR_ENV, raising=False)
    with pytest.raises(ValueError, match="PHARMACOURSE_CLASS_DIR"):
        quiz.join_class("PHARM-A", name="heron")
    section = quiz.show(LESSON)
    q = next(q for q in section.questions if q.type == "single")
    section.answer(q.id, q.options[0].id)
    assert sorted(p.name for p in progress_dir.iterdir()) == [
        f"{LESSON}.json", f"{LESSON}.json.lock", "learner-seed.txt"]


def test_bad_codes_and_names_are_refused(progress_dir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(classlink.CLASS_DIR_ENV, str(tmp_path))
    for code, name in (("../x", "heron"), ("A", "a/b"), ("A", ""), ("A", "<b>")):
        with pytest.raises(ValueError, match="code|name"):
            quiz.join_class(code, name=name)
    assert not list(tmp_path.glob("*.csv"))


def test_two_learners_writing_at_once_and_a_hostile_file(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    monkeypatch.setenv(classlink.CLASS_DIR_ENV, str(folder))
    files = []
    for who in ("heron", "otter"):
        monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(tmp_path / who))
        files.append(quiz.join_class("PHARM-A", name=who))
    # heron has two notebooks open (two processes on one file), otter one: all at once
    script = _WORKER.format(lesson=LESSON, n=N)
    procs = [subprocess.Popen([sys.executable, "-c", script],
                              env=_env(tmp_path / who, folder))
             for who in ("heron", "heron", "otter")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    (folder / "PHARM-A--mallory--0.csv").write_text(
        "lesson,question_id,kind,attempt,chosen,correct,revealed,time,claim\n"
        f'{LESSON},x,attempt,1,"<img src=x onerror=alert(1)>",false,false,t,\n'
        "\x00garbage", encoding="utf-8")
    rows = {f.name: list(csv.DictReader(f.open(encoding="utf-8"))) for f in files}
    heron, otter = (rows[f.name] for f in files)
    assert len(heron) == 2 * N and len(otter) == N  # no append lost or torn
    assert sorted(int(r["attempt"]) for r in heron) == list(range(1, 2 * N + 1))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stats = class_stats(read_exports([folder]))
        page = report([folder], tmp_path / "out")
    assert stats.learners == 2
    assert len(read_exports([folder], code="PHARM-B")) == 0  # another class's report
    assert any("mallory" in str(w.message) and w.category is ClassroomWarning for w in caught)
    assert sum(q.attempts for q in stats.questions) == 3 * N
    text = page.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "heron" not in text


def test_leaving_stops_writing_and_deletes_the_file(progress_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    monkeypatch.setenv(classlink.CLASS_DIR_ENV, str(folder))
    section = quiz.show(LESSON)
    q = next(q for q in section.questions if q.type == "single")
    section.answer(q.id, q.options[0].id)  # before joining: backfilled at join
    mine = quiz.join_class("PHARM-A", name="heron")
    pred = next(p for p in section.questions if p.type == "prediction")
    section.answer(pred.id, pred.options[0].id)
    kinds = [r["kind"] for r in csv.DictReader(mine.open(encoding="utf-8"))]
    assert kinds == ["attempt", "prediction"]
    quiz.leave_class()
    assert not mine.exists() and classlink.membership() is None
    section.answer(q.id, q.options[0].id)
    assert not list(folder.glob("*.csv"))
