"""Acceptance in a real kernel: a notebook showing quizzes stores readable static quizzes (no raw
widget repr, no answers, no error), the same on every run, and passes nbval strict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CELLS = [
    "from pharmacourse import quiz",
    'quiz.show("00-start-here", "demo")',
    'quiz.show("00-start-here", "hours-from-rate")',
]


def _run(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    # What `make notebooks` does: keep the static fallback, drop the widget view and state.
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    nbformat.write(nb, path)
    return nb


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nbformat.NotebookNode]:
    folder = tmp_path_factory.mktemp("quiz-notebook")
    return folder / "quiz.ipynb", _run(folder / "quiz.ipynb")


def test_stored_quiz_outputs_are_static_readable_and_answer_free(stored) -> None:
    path, nb = stored
    text = path.read_text(encoding="utf-8")
    assert "VBox(" not in text and "RadioButtons(" not in text
    assert WIDGET_VIEW not in text
    for cell in nb.cells[1:]:
        (output,) = cell.outputs
        assert output.output_type == "execute_result"
        assert set(output.data) == {"text/plain", "text/html"}
        assert output.data["text/plain"].startswith("Quiz 00-start-here / ")
        html = output.data["text/html"]
        assert 'class="quiz quiz-static"' in html and 'class="quiz-stem"' in html
    demo = nb.cells[1].outputs[0].data["text/html"]
    assert "Shift+Enter" in demo and "○ It saves the notebook" in demo
    for answer_only in ("36 h", "Ctrl+S", "1.5 d × 24", "Score"):
        assert answer_only not in demo
    assert "<var>k_per_h</var>" in nb.cells[2].outputs[0].data["text/html"]
    assert not any(o.output_type == "error" or o.get("name") == "stderr"
                   for c in nb.cells for o in c.outputs)


def test_nbval_strict_passes_so_a_rerun_stores_the_same(stored) -> None:
    path, _ = stored
    # Only nbval's plugin: the others (hypothesis, playwright, xdist) cost seconds to import.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "nbval", "--nbval", "-q", "-p", "no:cacheprovider",
         path.name],
        cwd=path.parent, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout, result.stdout[-2000:]
    json.loads(path.read_text(encoding="utf-8"))  # nbval left the notebook intact
