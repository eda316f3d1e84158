"""The real exercises: in step with their solutions, solutions pass their checks, exercises run.

Notebooks are discovered at run time in solutions/. ``test_solutions_folder_is_not_empty`` fails
when there are none, so the parametrised tests below cannot pass by having zero cases (pytest
reports those as skipped, "got empty parameter set").
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pharmacourse import checks

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
NAMES = sorted(p.name for p in SOLUTIONS.glob("*.ipynb"))
CHECK_CALL = re.compile(r"""^\s*check\(\s*["'](?P<id>[^"']+)["']""", re.MULTILINE)


from scripts import make_exercises as mx  # noqa: E402  (the repo root is on sys.path)


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _execute(src: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run a copy of the notebook top to bottom in a fresh python3 kernel."""
    copy = workdir / src.name
    shutil.copy(src, copy)
    nb = _read(copy)
    NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(workdir)}}
    ).execute()
    return nb


def _check_outputs(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(exercise id, HTML) for every check cell's feedback, in order."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for match in CHECK_CALL.finditer(cell.source):
            htmls = [
                o["data"]["text/html"]
                for o in cell.outputs
                if "text/html" in o.get("data", {}) and "check-feedback" in o["data"]["text/html"]
            ]
            assert len(htmls) == 1, f"check({match['id']!r}) should show exactly one feedback block"
            found.append((match["id"], htmls[0]))
    return found


def test_solutions_folder_is_not_empty():
    assert NAMES, "solutions/ holds no notebook: the exercise tests below would check nothing"


def test_exercises_folder_matches_solutions_as_a_whole():
    assert mx.check(SOLUTIONS, EXERCISES) == [], "run make exercises"


@pytest.mark.parametrize("name", NAMES)
def test_exercise_notebook_in_step(name, tmp_path):
    mx.generate(SOLUTIONS, tmp_path)
    committed = EXERCISES / name
    assert committed.exists(), f"exercises/{name} is missing: run make exercises"
    assert committed.read_bytes() == (tmp_path / name).read_bytes(), (
        f"exercises/{name} differs from what solutions/{name} generates: "
        "edit the solutions notebook, then run make exercises"
    )


@pytest.mark.parametrize("name", NAMES)
def test_solution_text_does_not_leak_into_exercise(name):
    solution, exercise = _read(SOLUTIONS / name), _read(EXERCISES / name)
    assert len(solution.cells) == len(exercise.cells)
    regions = 0
    for sol_cell, ex_cell in zip(solution.cells, exercise.cells, strict=True):
        assert sol_cell.get("id") == ex_cell.get("id")
        inside, outside, in_region = set(), set(), False
        for line in sol_cell.source.split("\n"):
            if mx.BEGIN_RE.match(line):
                in_region, regions = True, regions + 1
            elif mx.END_RE.match(line):
                in_region = False
            elif line.strip():
                (inside if in_region else outside).add(line.strip())
        ex_lines = {line.strip() for line in ex_cell.source.split("\n")}
        leaked = (inside - outside) & ex_lines
        assert not leaked, f"{name}, cell {sol_cell.get('id')}: solution lines survive: {leaked}"
        assert "BEGIN SOLUTION" not in ex_cell.source and "END SOLUTION" not in ex_cell.source
    assert regions, f"solutions/{name} has no solution marker"


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_has_a_check_or_a_model_answer_and_states_minutes(name):
    nb = _read(SOLUTIONS / name)
    registered = set(checks.exercise_ids())
    headings = [
        (i, c)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown" and "## Exercise" in c.source
    ]
    assert headings, f"solutions/{name} has no '## Exercise' heading"
    bounds = [i for i, _ in headings] + [len(nb.cells)]
    for (start, heading), end in zip(headings, bounds[1:], strict=True):
        title = heading.source.splitlines()[0]
        assert re.search(r"\d+ minutes", heading.source), f"{title}: state the expected minutes"
        body = nb.cells[start + 1 : end]
        ids = [
            m["id"] for c in body if c.cell_type == "code" for m in CHECK_CALL.finditer(c.source)
        ]
        model_answer = any(
            c.cell_type == "markdown" and any(mx.BEGIN_RE.match(x) for x in c.source.split("\n"))
            for c in body
        )
        assert ids or model_answer, f"{title}: needs a check cell or a model answer"
        for exercise_id in ids:
            assert exercise_id in registered, f"{title}: check({exercise_id!r}) is not registered"
            assert exercise_id in title, f"{title}: checks {exercise_id!r}, not its own id"
        if ids:
            assert "Tolerance" in heading.source or "string" in heading.source, (
                f"{title}: state the answer format and tolerance"
            )


def test_every_registered_key_is_used_by_a_solutions_notebook():
    used = {
        m["id"]
        for name in NAMES
        for c in _read(SOLUTIONS / name).cells
        if c.cell_type == "code"
        for m in CHECK_CALL.finditer(c.source)
    }
    assert set(checks.exercise_ids()) <= used, "keys without an exercise"


@pytest.mark.parametrize("name", NAMES)
def test_solutions_pass_their_checks(name, tmp_path):
    nb = _execute(SOLUTIONS / name, tmp_path)
    results = _check_outputs(nb)
    assert results, f"solutions/{name} calls no check()"
    for exercise_id, html in results:
        assert "check-correct" in html, f"solutions/{name}: check({exercise_id!r}) is not right"


@pytest.mark.parametrize("name", NAMES)
def test_exercises_run_and_every_check_says_not_answered(name, tmp_path):
    nb = _execute(EXERCISES / name, tmp_path)  # raises CellExecutionError on any error
    results = _check_outputs(nb)
    assert results, f"exercises/{name} calls no check()"
    for exercise_id, html in results:
        assert "check-not-answered" in html and "Not answered yet" in html, exercise_id
