"""Quizzes in JupyterLab for keyboard and screen-reader users (issue 18, part 1).

On the start page's demo quiz (notebooks/00-start-here.ipynb), after Run All:

- one single-choice, one multiple-choice and one numeric question are completed with the
  keyboard only (Tab, arrow keys, Space, Enter and typing): the single-choice options are one
  native radio group (one Tab stop, arrow keys move and select); the right answers come from the
  bank (the option texts, ``expected_quantity``), never from the page;
- each question is a ``fieldset`` whose ``legend`` is the question, and its feedback is read
  from its live region (``role="status"``), which stays the same element across updates;
- what the page renders for the controls is measured and printed;
- an explorer's slider handles (``role="slider"``) are named by their labels (axe
  ``aria-input-field-name``), also after a keyboard move, and its picture's ``alt`` follows
  the sliders;
- axe-core audits the explorer's output area: no unnamed slider, no serious or critical
  violation. Every lesson's output areas, the start page's included, get the same audit after
  Run All in ``test_notebooks.py``. Out of scope: JupyterLab's own chrome (menus, side bars,
  tabs, cell toolbars, code editors), which the course does not control.
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest
from axekit import audit, blocking, table
from labkit import LabPage, LabServer
from playwright.sync_api import expect

from pharmacourse import quiz
from pharmacourse.quiz.text import plain

pytestmark = pytest.mark.browser

START = "notebooks/00-start-here.ipynb"
LIVE_QUESTION = ".jupyter-widgets.quiz-question"
#: The visible text of each input's own label (its accessible name).
LABEL_TEXTS = "es => es.map(e => (e.closest('label') || {innerText: ''}).innerText)"

_JS_MEASURE = """root => {
  const name = el => el ? (el.getAttribute('aria-label') || (el.labels && el.labels[0]
      && el.labels[0].innerText) || el.getAttribute('title') || '') : null;
  const group = root.querySelector('fieldset');
  const input = root.querySelector('input');
  const live = root.querySelector('.quiz-feedback [aria-live], .quiz-feedback[aria-live]');
  const names = Array.from(root.querySelectorAll('input[type=radio]')).map(e => e.name);
  return {
    group_tag: group ? group.tagName.toLowerCase() : null,
    radios_share_one_name: names.length ? new Set(names).size === 1 : null,
    in_fieldset: !!group,
    legend: root.querySelector('legend') ? root.querySelector('legend').innerText : null,
    first_input_type: input ? input.type : null,
    first_input_name: name(input),
    live_region: live ? live.getAttribute('aria-live') : null,
  };
}"""


def live_questions(lab: LabPage):
    return lab.page.locator(LIVE_QUESTION)


def question_box(lab: LabPage, question) -> object:
    words = plain(question.stem).split()[:6]
    return live_questions(lab).filter(has_text=re.compile(r"\s+".join(map(re.escape, words))))


def focused_text(lab: LabPage) -> str:
    """The focused element as ``tag.class "text"`` (for failure messages)."""
    return lab.page.evaluate(
        "() => { const e = document.activeElement; if (!e) return '';"
        " const t = (e.innerText || e.value || (e.labels && e.labels[0] && e.labels[0].innerText)"
        " || '').slice(0, 30); return e.tagName.toLowerCase() + '.' +"
        " String(e.className).split(' ').slice(0, 2).join('.') + ' ' + JSON.stringify(t); }")


def tab_until(lab: LabPage, target) -> None:
    """Press Tab until ``target`` has the focus (at most 12 times)."""
    trail = []
    for _ in range(12):
        lab.page.keyboard.press("Tab")
        trail.append(focused_text(lab))
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError("Tab never reached the control; focus went " + " > ".join(trail))


def tab_to_check_and_press(lab: LabPage, box, key: str = "Enter", previous: str = "") -> str:
    """Tab until the question's Check button has focus, press ``key``; the new feedback text.

    ``previous``: the feedback shown before, if any. The kernel answers asynchronously, so the
    old text is still on the page for a moment after the key press: wait until it has changed.
    """
    tab_until(lab, box.locator("button.quiz-check, .quiz-check button").first)
    lab.page.keyboard.press(key)
    feedback = box.locator('.quiz-feedback [role="status"]').first
    feedback.filter(has_text=re.compile(r"\S")).wait_for(state="visible")
    if previous:
        expect(feedback).not_to_have_text(previous, timeout=60_000)
    return feedback.inner_text()


def same(text: str) -> str:
    return " ".join(plain(text).split())


def test_start_page_quiz_by_keyboard_only(lab: LabPage) -> None:
    lab.open(START)
    lab.run_all()
    bank = quiz.load("00-start-here")
    single = next(q for q in bank.questions.values() if q.type == "single")
    multiple = next(q for q in bank.questions.values() if q.type == "multiple")
    numeric = next(q for q in bank.questions.values() if q.type == "numeric")

    # Single choice: one native radio group. Tab enters it, ArrowDown moves to the next option
    # and selects it (JupyterLab must not take the key to select the next cell), Space selects
    # the focused one, one Tab leaves the group for Check, Enter presses Check.
    box = question_box(lab, single)
    radios = box.get_by_role("radio")
    right_text = same(next(o for o in single.options if o.correct).text)
    target = [same(t) for t in radios.evaluate_all(LABEL_TEXTS)].index(right_text)
    assert len(set(radios.evaluate_all("es => es.map(e => e.name)"))) == 1, "not one group"
    # Chromium's accessibility tree: a group named by the question (the fieldset's legend)
    stem_start = re.compile(r"\s+".join(map(re.escape, same(single.stem).split()[:5])))
    assert box.get_by_role("group", name=stem_start).count() == 1, "no group named by the stem"
    live = box.locator('.quiz-feedback [role="status"]').first
    live.evaluate("e => { e.dataset.probe = '1'; }")
    radios.first.focus()  # the one non-key step: where the learner starts
    lab.page.keyboard.press("Space")  # selects the first option (the arrow keys move on)
    assert radios.first.is_checked(), "Space did not select the focused radio"
    for i in range(1, target + 1):
        lab.page.keyboard.press("ArrowDown")
        assert radios.nth(i).evaluate("e => e === document.activeElement"), (
            f"ArrowDown did not move within the radio group; focus is on {focused_text(lab)}")
    assert radios.nth(target).is_checked(), "the arrow keys did not select the option"
    lab.page.keyboard.press("Tab")  # one Tab stop for the whole group: straight to Check
    check = box.locator("button.quiz-check, .quiz-check button").first
    assert check.evaluate("e => e === document.activeElement"), (
        f"one Tab from the radio group should reach Check; focus is on {focused_text(lab)}")
    lab.page.keyboard.press("Enter")
    live.filter(has_text=re.compile(r"\S")).wait_for(state="visible")
    text = live.inner_text()
    assert "✔" in text or "correct" in text.lower(), f"single by keyboard: {text!r}"
    assert box.locator('.quiz-feedback [data-probe]').count() == 1, (
        "the single-choice live region was replaced, not updated")

    # Multiple choice: Tab from box to box, Space ticks the right ones, Enter on Check.
    box = question_box(lab, multiple)
    boxes = box.get_by_role("checkbox")
    names = [same(n) for n in boxes.evaluate_all(LABEL_TEXTS)]
    right = {same(o.text) for o in multiple.options if o.correct}
    boxes.first.focus()
    for i in range(boxes.count()):
        if i:
            lab.page.keyboard.press("Tab")
        if names[i] in right:
            lab.page.keyboard.press("Space")
    text = tab_to_check_and_press(lab, box)
    assert "✔" in text, f"multiple by keyboard: {text!r}"

    # Numeric: type the value with its unit, Enter commits it, Tab to Check, Space presses it.
    # A non-number first, to measure whether the live region survives the next update.
    box = question_box(lab, numeric)
    field = box.locator(".quiz-numeric input").first
    tab_until(lab, field)
    lab.page.keyboard.type("about a day")
    lab.page.keyboard.press("Enter")
    text = tab_to_check_and_press(lab, box)
    assert "number" in text.lower() or "⚠" in text, f"numeric, not a number: {text!r}"
    box.locator(".quiz-feedback [aria-live]").first.evaluate("e => { e.dataset.probe = '1'; }")
    value = quiz.expected_quantity(numeric).magnitude
    field.focus()  # back to the field (Shift+Tab would do the same)
    lab.page.keyboard.press("Control+A")
    lab.page.keyboard.type(f"{value:g} {numeric.unit}")
    lab.page.keyboard.press("Enter")
    text = tab_to_check_and_press(lab, box, key="Space", previous=text)
    assert "✔" in text, f"numeric by keyboard: {text!r}"
    kept = box.locator(".quiz-feedback [data-probe]").count() == 1
    print(f"\nfeedback live region is the same element after an update: {kept}")
    assert kept, "the numeric question's live region was replaced, not updated"

    measured = {q.type: question_box(lab, q).first.evaluate(_JS_MEASURE)
                for q in (single, multiple, numeric)}
    print("\nmeasured quiz controls:\n" + json.dumps(measured, indent=1))
    for kind, found in measured.items():
        assert found["live_region"] == "polite", f"{kind}: the feedback is not a live region"
        assert found["first_input_name"], f"{kind}: the first input has no accessible name"
        assert found["in_fieldset"], f"{kind}: the controls are not in a fieldset"
    for q in (single, multiple, numeric):
        words = " ".join(same(q.stem).split()[:4])
        assert words in same(measured[q.type]["legend"] or ""), (
            f"{q.type}: the fieldset's legend is not the question: {measured[q.type]['legend']!r}")


EXPLORER_FOLDER = "scratch-a11y-explorer"
EXPLORER_NOTEBOOK = f"{EXPLORER_FOLDER}/explorer.ipynb"


@pytest.fixture
def explorer_notebook(lab_server: LabServer):
    """A scratch notebook showing one explorer, in the server's copy; removed afterwards."""
    folder = lab_server.root / EXPLORER_FOLDER
    folder.mkdir(exist_ok=True)
    cell = "from pharmacourse.explorers import PKExplorer\nPKExplorer()"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3 (ipykernel)"}
    nbformat.write(notebook, folder / "explorer.ipynb")
    try:
        yield EXPLORER_NOTEBOOK
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_explorer_slider_handles_are_named_by_their_labels(lab: LabPage,
                                                           explorer_notebook: str) -> None:
    from pharmacourse.explorers import PKExplorer

    labels = [s.description for s in PKExplorer().sliders.values()]
    lab.open(explorer_notebook)
    lab.run_all()
    handles = lab.page.locator(".explorer").first.get_by_role("slider")
    handles.first.wait_for(state="visible")
    expect(handles.first).to_have_attribute("aria-label", labels[0], timeout=30_000)
    names = handles.evaluate_all("es => es.map(e => e.getAttribute('aria-label'))")
    assert names == labels, f"slider handles are named {names}, their labels say {labels}"
    picture = lab.page.locator(".explorer img.explorer-plot").first
    expect(picture).to_have_attribute("alt", re.compile(r"\d"), timeout=30_000)
    before = picture.get_attribute("alt")
    handles.first.focus()
    lab.page.keyboard.press("ArrowRight")  # a move redraws the slider: the name must stay
    expect(handles.first).to_have_attribute("aria-label", labels[0])
    expect(picture).not_to_have_attribute("alt", before, timeout=30_000)  # alt follows it
    print(f"\nexplorer alt: {before!r} -> {picture.get_attribute('alt')!r}")
    rows = audit(lab.page, include=[".jp-OutputArea-output"], where="PKExplorer")
    print(table(rows))
    assert not [r for r in rows if r["rule"] == "aria-input-field-name"], table(rows)
    assert not blocking(rows), "serious or critical axe violations:\n" + table(blocking(rows))
