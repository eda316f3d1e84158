"""What the widgets record is what the export and the class report read: option ids, not texts
or positions (a check driven through the documented driver, as a click on "Check" would)."""

from __future__ import annotations

import csv
from pathlib import Path

from pharmacourse import quiz


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_a_checked_choice_is_exported_by_its_option_id(progress_dir: Path, tmp_path: Path) -> None:
    section = quiz.show("00-start-here")
    single = next(q for q in section.questions if q.type == "single")
    wrong = next(o.id for o in single.options if not o.correct)
    right = next(o.id for o in single.options if o.correct)
    assert not section.answer(single.id, wrong).correct
    assert section.answer(single.id, right).correct
    rows = [r for r in _rows(quiz.export_csv(tmp_path / "out.csv")) if r["question_id"] == single.id]
    assert [(r["attempt"], r["chosen"], r["correct"]) for r in rows] == [
        ("1", wrong, "false"), ("2", right, "true")]


def test_a_multiple_choice_attempt_exports_its_ids_as_a_set(progress_dir: Path,
                                                           tmp_path: Path) -> None:
    section = next(s for s in (quiz.show(b.lesson) for b in quiz.banks())
                   if any(q.type == "multiple" for q in s.questions))
    multi = next(q for q in section.questions if q.type == "multiple")
    keys = sorted(o.id for o in multi.options if o.correct)
    section.answer(multi.id, [*reversed(keys), keys[0]])  # order and repeats do not matter
    row = next(r for r in _rows(quiz.export_csv(tmp_path / "out.csv"))
               if r["question_id"] == multi.id)
    assert row["chosen"].split("|") == keys and row["correct"] == "true"
