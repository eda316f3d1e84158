"""The class report from exports made by driving the real quiz widgets (five simulated
learners, each with their own progress folder), and from hostile files."""

from __future__ import annotations

import html
import warnings
from pathlib import Path

import pytest

from pharmacourse import quiz
from pharmacourse.classroom import ClassroomWarning, class_stats, read_exports, report
from pharmacourse.classroom.__main__ import main
from pharmacourse.classroom.reading import MAX_FILE_BYTES

LESSON = "02-drugs-meet-receptors"


def _question():
    """The first single-choice question of the lesson with a named misconception."""
    bank = quiz.load(LESSON)
    return next(q for q in bank.questions.values() if q.type == "single"
                and sum(1 for o in q.options if not o.correct and o.misconception) >= 2)


def _learner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int, answers: list[str],
             claim_choices: tuple[str, ...] = ()) -> Path:
    monkeypatch.setenv("PHARMACOURSE_PROGRESS_DIR", str(tmp_path / f"progress-{n}"))
    q = _question()
    section = quiz.show(LESSON)
    for a in answers:
        section.answer(q.id, a)
    pred = next(p for p in quiz.load(LESSON).questions.values() if p.type == "prediction")
    for choice in claim_choices:
        section.answer(pred.id, choice)
    return quiz.export_csv(tmp_path / "exports" / f"learner-{n}.csv")


@pytest.fixture
def class_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    q = _question()
    right = next(o.id for o in q.options if o.correct)
    wrong = [o.id for o in q.options if not o.correct and o.misconception]
    pred = next(p for p in quiz.load(LESSON).questions.values() if p.type == "prediction")
    first, later = pred.options[0].id, pred.options[1].id
    (tmp_path / "exports").mkdir()
    plans = [[wrong[0], right], [wrong[0], wrong[1], right], [wrong[0]], [right], [right]]
    for n, plan in enumerate(plans):
        _learner(tmp_path, monkeypatch, n, plan, (first, later) if n < 2 else (first,))
    return tmp_path / "exports", {"q": q, "wrong": wrong, "first": first, "later": later,
                                  "pred": pred}


def test_first_try_shares_and_the_most_chosen_wrong_option_with_its_misconception(
        class_exports: tuple[Path, dict], tmp_path: Path) -> None:
    folder, info = class_exports
    q = info["q"]
    stats = class_stats(read_exports([folder, folder / "learner-0.csv"]))
    assert stats.learners == 5  # a file named twice is one learner
    qs = next(s for s in stats.questions if s.question_id == q.id)
    assert (qs.first_try_right, qs.first_tries) == (2, 5)  # two were right at the first try
    assert qs.attempts == 2 + 3 + 1 + 1 + 1
    top = qs.wrong[0]
    option = q.option(info["wrong"][0])
    assert (top.option_id, top.count) == (option.id, 3)
    assert top.misconception == option.misconception and top.source == "misconception field"
    claim = next(c for c in stats.claims if c.claim == info["pred"].claim)
    assert dict(claim.first) == {info["first"]: 5}  # how the class moved: two changed
    assert dict(claim.latest) == {info["first"]: 3, info["later"]: 2}
    assert claim.choices() == [info["first"], info["later"]]  # in the bank's order
    assert claim.text  # the claim's wording from data/claims.csv

    page = report([folder], tmp_path / "out")
    text = page.read_text(encoding="utf-8")
    assert "40 % (2 of 5)" in text
    assert html.escape(option.misconception) in text
    for img in (tmp_path / "out").glob("*.png"):
        assert f'src="{img.name}" alt="' in text
    assert "learner-0" not in text  # no file or user names


def test_the_command_line_writes_the_page(class_exports: tuple[Path, dict], tmp_path: Path,
                                          capsys: pytest.CaptureFixture) -> None:
    folder, _ = class_exports
    assert main(["report", str(folder), "--out", str(tmp_path / "cli")]) == 0
    assert (tmp_path / "cli" / "index.html").exists()
    assert "wrote" in capsys.readouterr().out


def test_hostile_files_are_skipped_or_escaped_never_crash(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    header = "lesson,question_id,kind,attempt,chosen,correct,revealed,time,claim\n"
    qid = next(q.id for q in quiz.load(LESSON).questions.values() if q.type == "numeric")
    (folder / "a-html.csv").write_text(
        header + f'{LESSON},{qid},attempt,1,"<script>alert(1)</script>",false,false,t,\n'
        + f'{LESSON},{qid},attempt,2,"=HYPERLINK(""http://x"")",false,false,t,\n'
        + "../../etc,passwd,attempt,1,x,false,false,t,\n"  # not a lesson slug
        + f"{LESSON},{qid},attempt,NaN,x,maybe,false,t,\n"  # not the export's shape
        + f"{LESSON},{qid},attempt,1,too,many,fields,here,x,y,z\n", encoding="utf-8")
    (folder / "b-binary.csv").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (folder / "c-huge.csv").write_bytes(header.encode() + b"x" * (MAX_FILE_BYTES + 10))
    (folder / "d-latin1.csv").write_bytes(header.encode() + "é,".encode("latin-1"))
    (folder / "e-header.csv").write_text("name,grade\nbob,10\n", encoding="utf-8")
    (folder / "f-field.csv").write_text(header + '"' + "y" * 200_000 + '"\n', encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = report([folder, tmp_path / "missing.csv"], tmp_path / "out")
    messages = "\n".join(str(w.message) for w in caught if w.category is ClassroomWarning)
    for name in ("b-binary.csv: skipped, a binary", "c-huge.csv: skipped, larger",
                 "d-latin1.csv: skipped, not UTF-8", "e-header.csv: skipped, its header",
                 "f-field.csv: skipped, not a readable CSV", "a-html.csv: 3 row(s) skipped",
                 "missing.csv: skipped, no such file"):
        assert name in messages
    text = page.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "1 learner file(s) read" in text


def test_a_typed_number_is_named_by_the_bank_mistake_it_matches(tmp_path: Path,
                                                               progress_dir: Path) -> None:
    bank = quiz.load(LESSON)
    q, n, m = next((q, n, m) for q in bank.questions.values() if q.type == "numeric"
                   for n, m in enumerate(q.mistakes, start=1)
                   if m.value is not None and m.value.kind == "literal")
    typed = f"{m.value.value:g} {m.unit or q.unit}"
    section = quiz.show(LESSON)
    section.answer(q.id, typed)
    other = f"98765.4 {q.unit}"  # wrong, and no typical mistake
    assert quiz.grade(q, other).mistake is None
    section.answer(q.id, other)
    stats = class_stats(read_exports([quiz.export_csv(tmp_path / "one.csv")]))
    wrong = {w.option_id: w for w in next(s for s in stats.questions
                                          if s.question_id == q.id).wrong}
    assert wrong[f"mistake {n}"].source == "mistake feedback"
    assert wrong[f"mistake {n}"].misconception and wrong[f"mistake {n}"].count == 1
    assert not wrong[other].from_bank  # learner text: shown quoted and escaped
