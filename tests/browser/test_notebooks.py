"""Every lesson in JupyterLab in a real browser: as stored, after Run All, then used as a learner.

One test per lesson, in three steps: (1) opened as stored, the static fallbacks read well; (2) Run
All runs every cell with no error and renders every widget; (3) every quiz question is answered
(wrong, then right) and every explorer's slider is moved with the keyboard (``learnerkit``).
After Run All, axe audits the course's own outputs: no serious or critical violation (issue 18).
Steps 2 and 3 share one Run All, the slowest step of the browser suite.

Notebooks are discovered at run time (``notebooks/*.ipynb``), so a new lesson is covered without
editing this file. The server serves a temporary copy of the repository: nothing here changes a
tracked notebook. A screenshot of a lesson that fails goes to ``.artifacts/browser/``
(``PHARMACOURSE_SCREENSHOTS=all``: of every lesson after Run All).
"""

from __future__ import annotations

import pytest
from axekit import audit, blocking, table
from labkit import LabPage, artifact_name, discover_notebooks
from learnerkit import clear_progress, is_interactive, use_as_a_learner

pytestmark = pytest.mark.browser

NOTEBOOKS = discover_notebooks()


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_lesson_as_stored_after_run_all_and_as_a_learner(lab: LabPage, path: str) -> None:
    clear_progress(lab)  # no "answered correctly before" restored from another lesson
    # 1. Opened as stored, before anything runs: readable static fallbacks, never raw reprs.
    lab.open(path)
    assert lab.widget_failures() == [], (
        f"{path} as stored shows widget errors or raw widget reprs; store a static fallback "
        "(text/html or image/png) for widget cells and save only through `make notebooks`"
    )
    assert lab.error_outputs() == [], f"{path} was stored with error output"
    static_quizzes = lab.page.locator(".jp-OutputArea-output .quiz-static")
    for index in range(static_quizzes.count()):
        quiz = static_quizzes.nth(index)
        assert quiz.locator(".quiz-stem").count() > 0, f"{path}: stored quiz #{index} has no stem"
        assert quiz.inner_text().strip(), f"{path}: stored quiz #{index} is empty"

    # 2. Run All, waiting until every code cell has run and the kernel is idle.
    lab.run_all()
    shot = lab.keep_screenshot(artifact_name(path, "run-all"))

    errors = lab.error_outputs()
    assert errors == [], f"{path}: error output after Run All (see {shot}):\n" + "\n---\n".join(
        e[:2000] for e in errors
    )
    assert lab.widget_failures() == [], f"{path}: widgets not rendered after Run All ({shot})"

    model = lab.model_summary()
    assert model is not None, "no window.jupyterapp: start JupyterLab with expose_app_in_browser"
    assert model["executed"] == model["code"], f"{path}: not every code cell ran: {model}"
    rendered = lab.rendered_widget_outputs()
    assert rendered == model["widgetOutputs"], (
        f"{path}: the kernel sent {model['widgetOutputs']} widget views but the page renders "
        f"{rendered}: is the @jupyter-widgets/jupyterlab-manager extension installed and enabled? "
        f"(see {shot})"
    )
    # A quiz that runs must replace its static fallback by the live widget.
    assert lab.page.locator(".jp-OutputArea-output .quiz-static").count() == 0, (
        f"{path}: after Run All a quiz still shows its static version (widgets not live; {shot})"
    )

    for figure in lab.figures():
        assert figure["width"] > 10 and figure["height"] > 10, f"{path}: empty figure {figure}"
        assert figure["distinct"] > 1, f"{path}: blank (single-colour) figure {figure}"

    assert lab.console_errors == [], f"{path}: JavaScript errors in the page: {lab.console_errors}"

    # Accessibility of the course's own outputs (quizzes, explorers, tables, figures) after Run
    # All; JupyterLab's chrome (menus, side bars, tabs, toolbars, editors) is out of scope.
    rows = audit(lab.page, include=[".jp-OutputArea-output"], where=path)
    print(f"\n{path}\n{table(rows)}")
    assert not blocking(rows), f"{path}: serious or critical axe violations in course output " \
        f"(see {shot}):\n{table(blocking(rows))}"

    # 3. Used as a learner: every question answered, every explorer moved (learnerkit).
    if is_interactive(lab.server.root / path):
        use_as_a_learner(lab, path)
