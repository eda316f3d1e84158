"""Figures carry alt text in JupyterLab (issue 18, section 1): ``plots.show(alt=...)`` emits an
``<img alt>``, scripts/sync_figure_alt.py keeps each figure's alt equal to its caption, and every
stored figure output in notebooks/ and solutions/ carries its caption's text as alt."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pytest  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

from pharmacourse import plots  # noqa: E402
from pharmacourse.site import NBCONVERT_PLACEHOLDER, figure_captions, is_explorer_cell  # noqa: E402
from scripts import sync_figure_alt as script  # noqa: E402  (the repo root is on sys.path)

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = [p for folder in ("notebooks", "solutions")
             for p in sorted((REPO / folder).glob("*.ipynb"))]


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def images(page_html: str) -> list[dict[str, str | None]]:
    parser = _Images()
    parser.feed(page_html)
    return parser.images


# -- plots.show ---------------------------------------------------------------------------------

@pytest.fixture
def shown(monkeypatch):
    bundles = []
    monkeypatch.setattr("IPython.display.display",
                        lambda obj, raw=False: bundles.append((obj, raw)))
    return bundles


def test_show_emits_one_bundle_with_img_alt_and_png_and_closes_the_figure(shown):
    fig = plt.figure()
    plt.plot([0, 1], [1, 0])
    plots.show(alt='Falls from 1 to 0; "linear" & <simple>')
    assert not plt.fignum_exists(fig.number), (
        "the figure stays open: the inline backend would show it twice")
    (bundle, raw), = shown
    assert raw and set(bundle) == {"text/html", "image/png", "text/plain"}
    (img,) = images(bundle["text/html"])
    assert img["alt"] == 'Falls from 1 to 0; "linear" & <simple>'  # escaped, then read back
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG")
    assert img["src"] == "data:image/png;base64," + bundle["image/png"]
    assert int(img["width"]) > 100


def test_show_takes_a_figure_from_new_figure_and_is_deterministic(shown):
    fig, (ax,) = plots.new_figure()
    ax.plot([0, 1], [0, 1])
    plots.show(fig, alt="A rising line")
    plots.show(fig, alt="A rising line")
    assert shown[0][0] == shown[1][0]


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_show_without_alt_text_is_a_clear_error(shown, alt):
    plt.figure()
    with pytest.raises(ValueError, match="alt text"):
        plots.show(alt=alt)
    plt.close("all")
    assert shown == []


def test_show_with_no_figure_or_a_wrong_object_is_a_clear_error(shown):
    plt.close("all")
    with pytest.raises(ValueError, match="no figure"):
        plots.show(alt="x")
    with pytest.raises(ValueError, match="Figure"):
        plots.show("not a figure", alt="x")


# -- scripts/sync_figure_alt.py -----------------------------------------------------------------

def lesson(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    setup = new_code_cell("import matplotlib.pyplot as plt\nfrom pharmacourse import data, pk")
    return new_notebook(cells=[setup, *cells])


def caption(text: str) -> nbformat.NotebookNode:
    return new_markdown_cell(f"*Figure:* {text}")


def test_sync_rewrites_plt_show_from_the_caption_and_adds_the_import():
    nb = lesson(new_code_cell("plt.plot([1, 2])\nplt.show()  # draw\nx = 1"),
                caption("A **rising** line, from [1](glossary.md#x) to $2$."))
    assert script.sync_notebook(nb, "nb") is True
    assert nb.cells[1].source == (
        'plt.plot([1, 2])\nplots.show(alt="A rising line, from 1 to 2.")\nx = 1')
    assert nb.cells[0].source.endswith("from pharmacourse import data, pk, plots")
    assert script.sync_notebook(nb, "nb") is False, "a second run must change nothing"


def test_sync_follows_an_edited_caption_and_escapes_quotes():
    nb = lesson(new_code_cell('plt.plot([1])\nplots.show(alt="old text")'),
                caption('The "new" text, with a backslash \\ and ½'))
    assert script.sync_notebook(nb, "nb") is True
    assert nb.cells[1].source.splitlines()[-1] == (
        'plots.show(alt="The \\"new\\" text, with a backslash \\\\ and ½")')
    alt = eval(nb.cells[1].source.splitlines()[-1].removeprefix("plots.show(alt=")[:-1])
    assert alt == 'The "new" text, with a backslash \\ and ½'


def test_sync_leaves_explorers_and_other_cells_alone():
    nb = lesson(new_code_cell("explorers.PKExplorer()"), caption("An explorer."),
                new_code_cell("print(1)"))
    before = nbformat.writes(nb)
    assert script.sync_notebook(nb, "nb") is False
    assert nbformat.writes(nb) == before


@pytest.mark.parametrize("cells, message", [
    ([new_code_cell("plt.plot([1])\nplt.show()"), new_markdown_cell("No caption here.")],
     "without a caption"),
    ([new_code_cell("plt.plot([1])\nplt.show()"), new_code_cell("plt.plot([2])\nplt.show()"),
      caption("only the second")], "without a caption"),
    ([new_code_cell("fig, ax = plt.subplots()\ndisplay(fig)"), caption("x")], "display line"),
    ([new_code_cell("fig, ax = plt.subplots()\nplt.show()\nfig.show()"), caption("x")],
     "unknown figure display form"),
    ([new_code_cell("plt.plot([1])\nplt.show()\nplt.plot([2])\nplt.show()"), caption("x")],
     "2 figure display"),
])
def test_sync_names_notebook_and_cell_when_it_cannot_rewrite(cells, message):
    nb = lesson(*cells)
    with pytest.raises(script.FigureAltError, match=message) as err:
        script.sync_notebook(nb, "notebooks/99-x.ipynb")
    assert "notebooks/99-x.ipynb, cell 1" in str(err.value)


def test_a_stored_figure_drawn_without_a_display_line_is_an_error():
    cell = new_code_cell("plt.plot([1])")
    cell.outputs = [new_output("display_data",
                               data={"image/png": "iVBO", "text/plain": "<Figure>"})]
    with pytest.raises(script.FigureAltError, match="cell 1"):
        script.sync_notebook(lesson(cell, caption("x")), "nb")


# -- the stored notebooks -----------------------------------------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_stored_figure_has_its_caption_as_alt_text(path):
    nb = nbformat.read(path, as_version=4)
    captions = figure_captions(nb.cells)
    problems = []
    for index, alt in captions.items():
        cell = nb.cells[index]
        for out in cell.outputs:
            data = out.get("data", {})
            if not any(k.startswith("image/") for k in data):
                continue
            imgs = images(data.get("text/html", ""))
            if len(imgs) != 1:
                problems.append(f"cell {index}: an image output without text/html <img alt> (run "
                                "scripts/sync_figure_alt.py, then make notebooks)")
                continue
            shown_alt = imgs[0].get("alt") or ""
            if is_explorer_cell(cell.source):  # a live widget: its alt says what it shows now
                ok = len(shown_alt) > 20 and shown_alt != NBCONVERT_PLACEHOLDER
            else:
                ok = shown_alt == alt
            if not ok:
                problems.append(f"cell {index}: alt {shown_alt[:60]!r} is not the caption "
                                f"{alt[:60]!r}")
            if imgs[0].get("src") != "data:image/png;base64," + "".join(data["image/png"].split()):
                problems.append(f"cell {index}: <img> and image/png are not the same picture")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_figure_cells_are_in_step_with_their_captions(path):
    nb = nbformat.read(path, as_version=4)
    name = path.relative_to(REPO).as_posix()
    assert script.sync_notebook(nb, name) is False, (
        f"{name}: a figure's alt differs from its caption; run `python scripts/sync_figure_alt.py`"
        " and `make notebooks`")
    assert not any(re.search(r"^\s*plt\.show\(\)", c.source, re.M) for c in nb.cells
                   if c.cell_type == "code"), f"{name}: a figure still ends with plt.show()"


def test_an_explorer_preview_carries_the_alt_text_of_its_first_picture():
    from pharmacourse import explorers

    explorer = explorers.SingleDosePKExplorer()
    first_alt = explorer.alt_text
    explorer.update(**{name: s.max for name, s in list(explorer.sliders.items())[:1]})
    bundle = explorer._repr_mimebundle_()
    (img,) = images(bundle["text/html"])
    assert img["alt"] == first_alt and "peak" in first_alt  # the stored preview's own words
    assert img["src"] == "data:image/png;base64," + bundle["image/png"]
