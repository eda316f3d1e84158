"""Every lesson in JupyterLab in a real browser: as a learner first sees it, and after Run All.

Notebooks are discovered at run time (``notebooks/*.ipynb``), so a new lesson is covered without
editing this file. The server serves a temporary copy of the repository: nothing here changes a
tracked notebook.
"""

from __future__ import annotations

import pytest
from labkit import LabPage, artifact_name, discover_notebooks

pytestmark = pytest.mark.browser

NOTEBOOKS = discover_notebooks()


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_opened_as_stored_shows_no_widget_error_or_raw_repr(lab: LabPage, path: str) -> None:
    """Before anything runs, stored outputs are readable: static fallbacks, never reprs."""
    lab.open(path)
    assert lab.widget_failures() == [], (
        f"{path} as stored shows widget errors or raw widget reprs; store a static fallback "
        "(text/html or image/png) for widget cells and save only through `make notebooks`"
    )
    assert lab.error_outputs() == [], f"{path} was stored with error output"
    # Quizzes are readable as their static version: every stored quiz fallback is visible.
    static = lab.page.locator(
        '.jp-OutputArea-output[data-mime-type="text/html"] .quiz, '
        '.jp-OutputArea-output[data-mime-type="text/html"] [class*="quiz"]'
    )
    for index in range(static.count()):
        item = static.nth(index)
        assert item.inner_text().strip(), f"{path}: stored quiz fallback #{index} is empty"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_run_all_renders_every_output(lab: LabPage, path: str) -> None:
    """Run All: no error output, every widget rendered, every figure non-empty."""
    lab.open(path)
    lab.run_all()
    shot = lab.screenshot(artifact_name(path, "run-all"))

    errors = lab.error_outputs()
    assert errors == [], (
        f"{path}: error output after Run All (screenshot {shot}):\n"
        + "\n---\n".join(e[:2000] for e in errors)
    )
    assert lab.widget_failures() == [], f"{path}: widgets not rendered after Run All ({shot})"

    model = lab.model_summary()
    assert model is not None, (
        "window.jupyterapp is missing: start JupyterLab with expose_app_in_browser"
    )
    assert model["executed"] == model["code"], f"{path}: not every code cell ran: {model}"
    rendered = lab.rendered_widget_outputs()
    assert rendered == model["widgetOutputs"], (
        f"{path}: the kernel sent {model['widgetOutputs']} widget views but the page renders "
        f"{rendered}: is the @jupyter-widgets/jupyterlab-manager extension installed and enabled? "
        f"(screenshot {shot})"
    )

    for figure in lab.figures():
        assert figure["width"] > 10 and figure["height"] > 10, f"{path}: empty figure {figure}"
        assert figure["distinct"] > 1, f"{path}: blank (single-colour) figure {figure}"

    assert lab.console_errors == [], f"{path}: JavaScript errors in the page: {lab.console_errors}"
