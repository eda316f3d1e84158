"""Long quiz options in the live widget: they wrap, never overlap, and stay clickable.

ipywidgets 8 pins each RadioButtons label to one 20 px line, so an option that wrapped spilled
over the next one, which covered its radio (Playwright: "intercepts pointer events"), and a
Checkbox description was cut to one line with an ellipsis. The quiz controls are now native
HTML with a scoped stylesheet (``pharmacourse.quiz.controls.CONTROL_CSS``); this test opens a
quiz whose options are
about 200 characters long in a real JupyterLab and checks the layout as a learner meets it.

The notebook is written into the server's temporary copy only (never into the repository).
"""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from labkit import LabPage, LabServer

pytestmark = pytest.mark.browser

FOLDER = "scratch-quiz-layout"
NOTEBOOK = f"{FOLDER}/long-options.ipynb"

_TAIL = (
    "the plasma concentration falls by half in every half-life, so after four to five "
    "half-lives almost all of the drug has gone, whatever the dose, the route of "
    "administration and the formulation"
)
#: Three options of about 200 characters, each with a distinct start (exact accessible names).
OPTIONS = [f"{start}: {_TAIL}" for start in ("First reading", "Second reading", "Third reading")]

#: The bank of the scratch notebook: a single choice and a multiple select, the last option(s)
#: right, so "Check" proves the click reached the kernel.
BANK = {
    "lesson": "99-long-options",
    "title": "Long options",
    "sections": [
        {
            "id": "long",
            "title": "Long options",
            "questions": [
                {
                    "id": "one",
                    "type": "single",
                    "stem": "Which reading of the elimination curve is right?",
                    "explanation": "Only the last one.",
                    "options": [
                        {"id": "reading-1", "text": OPTIONS[0], "feedback": "Not this one."},
                        {"id": "reading-2", "text": OPTIONS[1], "feedback": "Not this one either."},
                        {"id": "reading-3", "text": OPTIONS[2], "correct": True},
                    ],
                },
                {
                    "id": "many",
                    "type": "multiple",
                    "stem": "Which readings of the elimination curve apply?",
                    "explanation": "The last one.",
                    "options": [
                        {"id": "reading-1", "text": OPTIONS[0], "feedback": "Not this one."},
                        {"id": "reading-2", "text": OPTIONS[1], "feedback": "Not this one either."},
                        {"id": "reading-3", "text": OPTIONS[2], "correct": True},
                    ],
                },
            ],
        }
    ],
}

CELL = f"""import json

from pharmacourse.quiz.schema import parse_bank
from pharmacourse.quiz.widgets import QuizSection

bank = parse_bank(json.loads({json.dumps(BANK)!r}), source="long-options")
section = bank.sections[0]
QuizSection(bank.lesson, section.id, section.title, section.questions)"""

#: Geometry of each option's label: its box, and whether its content overflows it.
_JS_BOXES = """
(question) => Array.from(question.querySelectorAll('input[type=radio], input[type=checkbox]'))
  .map(input => {
    const label = input.closest('label');
    const r = label.getBoundingClientRect();
    const q = question.getBoundingClientRect();
    const text = label.querySelector('span') || label;
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, qright: q.right,
            height: r.height, overflowY: label.scrollHeight - label.clientHeight,
            overflowX: text.scrollWidth - text.clientWidth};
  })
"""


@pytest.fixture
def long_options(lab_server: LabServer):
    """The scratch notebook in the server's copy; removed afterwards."""
    folder = lab_server.root / FOLDER
    folder.mkdir(exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.write(notebook, folder / "long-options.ipynb")
    try:
        yield NOTEBOOK
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _check_layout(question, kind: str) -> None:
    boxes = question.evaluate(_JS_BOXES)
    assert len(boxes) == len(OPTIONS), boxes
    for i, box in enumerate(boxes):
        # ~200 characters wrap onto 2+ lines at this width: the box must grow with them
        # (ipywidgets' own CSS keeps it at one 20 px line and the text spills over the next).
        assert box["height"] >= 35 and box["overflowY"] <= 1, (
            f"{kind} option {i + 1}: its box does not hold its wrapped text: {box}"
        )
        assert box["overflowX"] <= 1, f"{kind} option {i + 1} is cut off: {box}"
        assert box["right"] <= box["qright"] + 1, f"{kind} option {i + 1} sticks out: {box}"
    for i, (upper, lower) in enumerate(zip(boxes, boxes[1:], strict=False), start=1):
        assert upper["bottom"] <= lower["top"] + 0.5, (
            f"{kind} options {i} and {i + 1} overlap: {upper} / {lower}"
        )


def test_long_options_wrap_without_overlap_and_stay_clickable(
    lab: LabPage, long_options: str
) -> None:
    page = lab.page
    lab.open(long_options)
    lab.run_all()
    assert not lab.error_outputs(), lab.error_outputs()
    quiz = page.locator(".jupyter-widgets.quiz").first
    quiz.wait_for(state="visible")
    single, multiple = (page.locator(".jupyter-widgets.quiz-question").nth(i) for i in (0, 1))
    single.get_by_role("radio").first.wait_for(state="visible")
    lab.keep_screenshot("quiz-long-options", element=quiz)  # taken if the test fails

    _check_layout(single, "single-choice")
    _check_layout(multiple, "multiple-select")

    # Keyboard: the first radio takes focus and Space selects it.
    first = single.get_by_role("radio", name=OPTIONS[0], exact=True)
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    # Mouse: the last long option is clicked like a learner would (no force): nothing covers it.
    last = single.get_by_role("radio", name=OPTIONS[2], exact=True)
    last.click()
    assert last.is_checked() and not first.is_checked()
    single.locator(".quiz-check").first.click()
    single.locator(".quiz-feedback-correct").wait_for(state="visible")

    box = multiple.get_by_role("checkbox", name=OPTIONS[2], exact=True)
    box.click()
    assert box.is_checked()
    multiple.locator(".quiz-check").first.click()
    multiple.locator(".quiz-feedback-correct").wait_for(state="visible")
    assert not lab.widget_failures() and not lab.console_errors, (
        lab.widget_failures(),
        lab.console_errors,
    )
