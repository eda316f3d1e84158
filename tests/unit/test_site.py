"""The static site's rewriting (pharmacourse.site): alt text from captions, quizzes with the
answers folded in <details>, explorers' Binder line, links, and the build itself."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pharmacourse import quiz
from pharmacourse.quiz.render import details_html, shown_options
from pharmacourse.quiz.text import inline
from pharmacourse.site import (
    INTERACTIVE_ALT,
    NBCONVERT_PLACEHOLDER,
    SiteBuildError,
    caption_text,
    figure_captions,
    prepare,
    quiz_call,
    rewrite_link,
)

REPO = Path(__file__).resolve().parents[2]
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJ"
       "RU5ErkJggg==")
GITHUB = "https://github.com/o/r/blob/main"


def figure_cell(source: str = "plt.plot([1, 2])") -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.outputs = [new_output("display_data", data={"image/png": PNG,
                                                     "text/plain": "<Figure size 640x480>"})]
    return cell


def alts(page_html: str) -> list[str]:
    return re.findall(r'<img [^>]*alt="([^"]*)"', page_html)


def test_caption_text_drops_the_label_and_markup_but_keeps_the_words() -> None:
    source = ("*Figure:* Drug **A** (solid) reaches [Emax](glossary.md#emax) at $10^{3}$ nM;\n"
              "`t1/2` is 2 h.")
    assert caption_text(source) == "Drug A (solid) reaches Emax at 10^{3} nM; t1/2 is 2 h."


def test_each_figure_gets_the_text_of_its_own_caption() -> None:
    cells = [figure_cell(), new_markdown_cell("*Figure:* First curve."),
             new_code_cell("x = 1"), figure_cell(),
             new_markdown_cell("Some prose."),
             new_markdown_cell("*Figure (interactive):* Second curve.")]
    assert figure_captions(cells) == {0: "First curve.", 3: "Second curve."}


def test_a_figure_without_caption_is_refused_naming_the_cell() -> None:
    cells = [new_markdown_cell("intro"), figure_cell(), figure_cell(),
             new_markdown_cell("*Figure:* Only the second has one.")]
    with pytest.raises(SiteBuildError, match="cell 1: a figure without a caption"):
        figure_captions(cells)


def test_prepare_writes_the_caption_as_alt_and_keeps_no_image_output() -> None:
    nb = new_notebook(cells=[figure_cell(), new_markdown_cell("*Figure:* A falling curve.")])
    out = prepare(nb, "notebooks/x.ipynb", GITHUB, "https://binder/x", set())
    (output,) = out.cells[0].outputs
    assert set(output.data) == {"text/html", "text/plain"}
    assert alts(output.data["text/html"]) == ["A falling curve."]
    assert NBCONVERT_PLACEHOLDER not in output.data["text/html"]
    assert "image/png" in nb.cells[0].outputs[0].data, "the stored notebook was changed"


def test_an_explorer_preview_says_it_is_interactive_with_the_binder_link() -> None:
    cell = figure_cell("explorers.DoseResponseExplorer(tau=1.0)")
    nb = new_notebook(cells=[cell, new_markdown_cell("*Figure:* Explorer, first view.")])
    out = prepare(nb, "notebooks/x.ipynb", GITHUB, "https://mybinder.org/v2/gh/o/r/main", set())
    page = out.cells[0].outputs[0].data["text/html"]
    assert alts(page) == [f"Explorer, first view. {INTERACTIVE_ALT}"]
    assert 'href="https://mybinder.org/v2/gh/o/r/main"' in page
    assert "interactive in JupyterLab or on Binder" in page


def test_quiz_call_is_recognised_only_for_quiz_show() -> None:
    assert quiz_call('quiz.show("03-dose-response", "graded")') == ("03-dose-response", "graded")
    assert quiz_call('from pharmacourse import quiz\n\nquiz.show("00-start-here")') == (
        "00-start-here", None)
    assert quiz_call("quiz.progress_table()") is None
    assert quiz_call('x = quiz.show("a")') is None
    assert quiz_call("quiz.show(name)") is None


def test_quiz_details_fold_answer_and_explanation_in_preview_order() -> None:
    lesson, _, title, questions, intro = quiz.select("03-dose-response", "graded")
    page = details_html(lesson, title, questions, intro)
    items = page.split('<li class="quiz-question')[1:]
    assert len(items) == len(questions)
    for q, item in zip(questions, items, strict=True):
        before, _, folded = item.partition("<details><summary>Show answer</summary>")
        assert folded, f"{q.id}: no Show answer"
        if q.options:
            shown = re.findall(r"<li>(.*?)</li>", before.split('class="quiz-choices">')[1])
            assert shown == [inline(o.text) for o in shown_options(q)], q.id
            for option in q.options:
                assert (inline(option.text) in folded) == option.correct, (q.id, option.id)
        if q.explanation:
            assert "quiz-explanation" in folded and "quiz-explanation" not in before


def test_prepare_renders_a_quiz_cell_from_the_bank_with_answers() -> None:
    cell = new_code_cell('quiz.show("03-dose-response", "graded")')
    cell.outputs = [new_output("execute_result", data={"text/html": "<div>stored</div>",
                                                       "text/plain": "Quiz"},
                               execution_count=1)]
    out = prepare(new_notebook(cells=[cell]), "notebooks/x.ipynb", GITHUB, "b", set())
    page = out.cells[0].outputs[0].data["text/html"]
    n = len(quiz.select("03-dose-response", "graded")[3])
    assert page.count("<summary>Show answer</summary>") == n
    assert "stored" not in page


def test_links_point_at_site_pages_or_github() -> None:
    pages = {"notebooks/03-x.html", "exercises/03-x.html", "notebooks/glossary.html"}
    page = "notebooks/02-y.ipynb"
    assert rewrite_link("03-x.ipynb", page, GITHUB, pages) == "03-x.html"
    assert rewrite_link("../exercises/03-x.ipynb#q", page, GITHUB, pages) == (
        "../exercises/03-x.html#q")
    assert rewrite_link("glossary.md#emax", page, GITHUB, pages) == "glossary.html#emax"
    assert rewrite_link("../data/references.csv", page, GITHUB, pages) == (
        f"{GITHUB}/data/references.csv")
    assert rewrite_link("https://doi.org/10.1/x", page, GITHUB, pages) == "https://doi.org/10.1/x"
    assert rewrite_link("#top", page, GITHUB, pages) == "#top"


def test_build_site_writes_every_page_with_alt_text_and_no_placeholder(tmp_path: Path) -> None:
    from scripts import build_site

    counts = build_site.build(tmp_path / "_site")
    pages = sorted((tmp_path / "_site").rglob("*.html"))
    pages = [p for p in pages if "assets" not in p.parts]
    assert len(pages) == sum(counts.values())
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert NBCONVERT_PLACEHOLDER not in text, page
        assert "quiz-static" not in text, f"{page}: the stored quiz preview leaked through"
        no_alt = re.search(r"<img(?![^>]*\balt=(\"[^\"]+\"|'[^']+'))", text)
        assert not no_alt, f"{page}: img without alt"
        assert not re.search(r'(src|href)="https?://[^"]*\.(js|css|woff2?)"', text), page
    lesson = (tmp_path / "_site" / "notebooks" / "03-dose-response.html").read_text()
    assert lesson.count("<summary>Show answer</summary>") >= 10
    assert 'href="../exercises/03-dose-response.html"' in lesson


def test_links_in_displayed_markdown_outputs_point_at_site_pages_too() -> None:
    """Lessons write computed prose with display(Markdown(f"...")): its glossary links must
    reach the site's glossary page as well (the browser test found one that did not)."""
    cell = new_code_cell("display(Markdown(text))", outputs=[new_output(
        "display_data", data={"text/markdown": "a [95 % CI](glossary.md#confidence-interval)",
                              "text/plain": "<IPython.core.display.Markdown object>"})])
    nb = new_notebook(cells=[cell])
    out = prepare(nb, "notebooks/01-x.ipynb", GITHUB, "https://binder/x",
                  {"notebooks/glossary.html"})
    assert out.cells[0].outputs[0].data["text/markdown"] == (
        "a [95 % CI](glossary.html#confidence-interval)")
    assert "glossary.md" in nb.cells[0].outputs[0].data["text/markdown"], "stored notebook changed"
