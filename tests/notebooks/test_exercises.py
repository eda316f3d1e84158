"""The real exercises: in step with their solutions, solutions pass their checks, exercises run.

Notebooks are discovered at run time in solutions/. ``test_solutions_folder_is_not_empty`` fails
when there are none, so the parametrised tests below cannot pass by having zero cases (pytest
reports those as skipped, "got empty parameter set").
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from pharmacourse import checks

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
NAMES = sorted(p.name for p in SOLUTIONS.glob("*.ipynb"))
CHECK_CALL = re.compile(r"""^\s*check\(\s*["'](?P<id>[^"']+)["']""", re.MULTILINE)


from scripts import make_exercises as mx  # noqa: E402  (the repo root is on sys.path)


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


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
    for index, (sol_cell, ex_cell) in enumerate(zip(solution.cells, exercise.cells, strict=True)):
        assert sol_cell.get("id") == ex_cell.get("id")
        lines = mx.split_lines(sol_cell.source)
        found = mx.find_regions(lines, sol_cell.cell_type, f"{name}: cell {index}")
        regions += len(found)
        in_region = {k for r in found for k in range(r.begin, r.end + 1)}
        inside = {ln.strip() for k, ln in enumerate(lines) if k in in_region and ln.strip()}
        outside = {ln.strip() for k, ln in enumerate(lines) if k not in in_region}
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
            c.cell_type == "markdown"
            and mx.find_regions(mx.split_lines(c.source), "markdown", title)
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


PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)(?P<name>[A-Za-z_]\w*) = \.\.\.  # your answer here$")
LITERAL = """
def _solution_literal(value):
    import numpy, pint
    if isinstance(value, pint.Quantity):
        return f"Q_({float(value.magnitude)!r}, {str(value.units)!r})"
    if isinstance(value, numpy.generic):
        value = value.item()
    if isinstance(value, set | frozenset):
        return repr(set(value))
    assert isinstance(value, str | int | float | tuple | list | set), type(value)
    return repr(value)
"""


def _placeholders(exercise: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell index, variable) of every value placeholder of an exercise notebook."""
    return [
        (index, m["name"])
        for index, cell in enumerate(exercise.cells)
        if cell.cell_type == "code"
        for m in map(PLACEHOLDER.match, cell.source.split("\n"))
        if m
    ]


#: Between two notebooks run in one kernel: no figure and no name of the first survives (modules
#: stay imported: that is the time saved; a missing import still fails, its name is gone).
FORGET = 'import matplotlib.pyplot as _plt\n_plt.close("all")\n%reset -f'


def _probe(solution: nbformat.NotebookNode, slots: list[tuple[int, str]]) -> nbformat.NotebookNode:
    """The solutions notebook, printing after each solution cell the value its placeholder names."""
    probe = copy.deepcopy(solution)
    for index, variable in reversed(slots):
        probe.cells.insert(index + 1, nbformat.v4.new_code_cell(
            "from IPython.display import display\n"
            f"display({{'text/plain': '@@value {index} {variable} ' + "
            f"_solution_literal({variable})}}, raw=True)"))
    probe.cells.insert(1, nbformat.v4.new_code_cell(LITERAL))
    return probe


def _probed_values(ran: nbformat.NotebookNode) -> dict[tuple[int, str], str]:
    values = {}
    for cell in ran.cells:
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/plain", "")
            if text.startswith("@@value "):  # display messages are not buffered like print
                _, index, variable, literal = text.split(" ", 3)
                values[(int(index), variable)] = literal
    return values


def _substitute(exercise: nbformat.NotebookNode, values: dict[tuple[int, str], str]) -> None:
    for (index, variable), literal in values.items():
        lines = exercise.cells[index].source.split("\n")
        exercise.cells[index].source = "\n".join(
            f"{m['indent']}{variable} = {literal}" if (m := PLACEHOLDER.match(ln)) and
            m["name"] == variable else ln for ln in lines)


@pytest.mark.parametrize("name", NAMES)
def test_exercise_runs_unanswered_and_passes_with_the_solutions_values(name):
    """Three runs of the lesson's exercises in one kernel (one start-up and one import, not three).

    1. exercises/NN as a learner first meets it, in a fresh kernel in its own folder: every cell
       runs without error (what nbval-lax checked) and every check says "Not answered yet".
    2. The solutions notebook, printing after each solution cell the value of the variable that
       the exercise's placeholder names: every check says correct.
    3. The exercise with each placeholder replaced by that value: every check must say correct.
       This is the test that would have caught 04.5 (placeholder `peak`, check reading `answer`).
    Between runs the kernel forgets every name and figure (``FORGET``).
    """
    exercise = _read(EXERCISES / name)
    slots = _placeholders(exercise)
    assert slots, f"exercises/{name} has no placeholder"
    client = NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3", timeout=120,
                            resources={"metadata": {"path": str(EXERCISES)}})

    def run(nb: nbformat.NotebookNode, what: str) -> nbformat.NotebookNode:
        client.nb = nb
        client.reset_execution_trackers()
        try:
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
        except CellExecutionError as error:
            pytest.fail(f"{what}: a cell raised:\n{error}", pytrace=False)
        return nb

    def forget() -> None:
        run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FORGET)]), "forgetting")

    with client.setup_kernel():
        unanswered = _check_outputs(run(copy.deepcopy(exercise), f"exercises/{name}"))
        assert unanswered, f"exercises/{name} calls no check()"
        for exercise_id, html in unanswered:
            assert "check-not-answered" in html and "Not answered yet" in html, exercise_id

        forget()
        ran = run(_probe(_read(SOLUTIONS / name), slots), f"solutions/{name} (probed)")
        solution_results = _check_outputs(ran)
        assert solution_results and all("check-correct" in h for _, h in solution_results), (
            f"solutions/{name}: a check is not right: "
            f"{[i for i, h in solution_results if 'check-correct' not in h]}"
        )
        values = _probed_values(ran)
        assert set(values) == set(slots)
        _substitute(exercise, values)
        forget()
        results = _check_outputs(run(exercise, f"exercises/{name} with the solution's values"))
    assert {i for i, _ in results} == {i for i, _ in solution_results} == {i for i, _ in unanswered}
    wrong = [i for i, h in results if "check-correct" not in h]
    assert not wrong, f"exercises/{name}: with the solution's values these checks fail: {wrong}"


def test_read_the_plot_exercises_do_not_print_what_they_ask_for():
    """02.5 once printed `mystery_kd_nm = 10**1.60206`: hidden figures, no parameter in view."""
    from scripts import build_exercise_keys as bk

    figures, keys = bk.figures(), bk.keys()
    assert figures, "no hidden figures registered"
    for exercise_id, spec in figures.items():
        name = next(n for n in NAMES if n.startswith(exercise_id.split(".")[0] + "-"))
        cells = _read(EXERCISES / name).cells
        start = next(i for i, c in enumerate(cells) if f"Exercise {exercise_id}:" in c.source)
        end = next(i for i, c in enumerate(cells) if f'check("{exercise_id}"' in c.source)
        text = "\n".join(c.source for c in cells[start : end + 1])
        assert "exercise_figures." in text, f"{exercise_id}: draw it with exercise_figures"
        # the plateau of 03.2 (emax_pct) is the first thing read, and the caption states it for
        # screen-reader users; the value asked for (the EC50) is never shown
        shown_on_purpose = ("kind", "y_max", "y_step", "slope", "emax_pct")
        hidden = [v for n, v in spec.items() if n not in shown_on_purpose]
        for value in [*hidden, keys[exercise_id]["value"]]:
            shown = re.search(rf"(?<![\d.]){re.escape(f'{value:g}')}(?![\d.])", text)
            assert not shown, f"exercises/{name}, {exercise_id}: shows {value:g}"
