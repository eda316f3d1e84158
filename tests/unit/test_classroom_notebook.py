"""The instructor's class-results notebook runs (it lives outside notebooks/, so nbval does not
see it) and shows the class folder's report, with a Refresh button that reads it again."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pharmacourse.classroom.live import ClassView

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "instructors" / "class-results.ipynb"
SAMPLE = ("lesson,question_id,kind,attempt,chosen,correct,revealed,time,claim\n"
          "02-drugs-meet-receptors,{qid},attempt,1,{chosen},false,false,t,\n")


def _sample(folder: Path, n: int) -> None:
    from pharmacourse import quiz

    q = next(q for q in quiz.load("02-drugs-meet-receptors").questions.values()
             if q.type == "single")
    wrong = next(o.id for o in q.options if not o.correct)
    for i in range(n):
        (folder / f"C--l{i}--0.csv").write_text(SAMPLE.format(qid=q.id, chosen=wrong),
                                                encoding="utf-8")


def test_the_notebook_runs_on_a_class_folder(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _sample(tmp_path, 2)
    monkeypatch.setenv("PHARMACOURSE_CLASS_DIR", str(tmp_path))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")  # stored clean
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells
                   if c.cell_type == "code" for o in c.outputs)
    assert "2 learner file(s) read" in html


def test_refresh_reads_the_folder_again(tmp_path: Path) -> None:
    view = ClassView(tmp_path)
    assert "0 learner file(s) read" in view.page.value
    _sample(tmp_path, 3)
    view.button.click()
    assert "3 learner file(s) read" in view.page.value
    assert "not a folder" in ClassView(tmp_path / "nope").page.value
