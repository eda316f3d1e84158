"""The static site's rewriting of a stored notebook: alt text, quizzes, explorers and links.

``scripts/build_site.py`` reads each stored notebook, passes it through :func:`prepare` and
renders it with nbconvert. Nothing is executed: the site shows the stored outputs, except that

- every figure output becomes a ``text/html`` ``<figure>`` whose ``<img alt>`` is the text of
  its caption (the markdown cell after it that starts with ``*Figure``, the course's caption
  convention), so no image reaches the page without a text alternative;
- an explorer's stored preview gets its caption as alt text plus a visible line saying it is
  interactive in JupyterLab or on Binder (with the launch link);
- a ``quiz.show(...)`` output is rendered again from the bank, Carpentries style: stems and
  options, with the answer and explanation folded in ``<details>`` ("Show answer");
- links to ``.ipynb`` and ``glossary.md`` point at the site's ``.html`` pages, and links to
  other repository files at the repository on GitHub.
"""

from __future__ import annotations

import ast
import copy
import html
import re
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

import nbformat

#: nbconvert's placeholder for an image without alt text: it must never reach the site.
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"

_CAPTION_START = re.compile(r"^\s*\*Figure[^*]*:\*\s*")
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
_LINK = re.compile(r"(\]\()([^)\s]+)(\))")
_COURSE_TABLE = re.compile(r'<div class="course-table"[^>]*>')  # pharmacourse.tables
_EXPLORER_CALL = re.compile(r"\bexplorers\.\w+\(|\w+Explorer\(")


class SiteBuildError(ValueError):
    """A notebook cannot be published as it is (names the file and the cell)."""


def markdown_plain(text: str) -> str:
    """Markdown of a caption as plain text: links keep their words, markup and maths signs go."""
    out = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    out = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", out)
    out = re.sub(r"<[^>]+>", "", out)
    out = out.replace("\\$", "\0")
    out = re.sub(r"\\(mathrm|text|mathit)\{([^{}]*)\}", r"\2", out)
    out = out.replace("$", "").replace("\0", "$")
    out = re.sub(r"(\*\*|__|\*|`)", "", out)
    return " ".join(html.unescape(out).split())


def caption_text(source: str) -> str:
    """The alt text of a figure from its caption cell: the caption without its "*Figure:*"."""
    return markdown_plain(_CAPTION_START.sub("", source, count=1))


def has_image(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and any(
        any(t in out.get("data", {}) for t in _IMAGE_TYPES) for out in cell.get("outputs", []))


def caption_after(cells: Sequence[nbformat.NotebookNode], index: int,
                  is_figure: Callable[[nbformat.NotebookNode], bool] = has_image) -> str | None:
    """The plain text of the caption of the figure in cell ``index``, or None if it has none.

    The caption is the first markdown cell after it that starts with ``*Figure``, looking no
    further than the next cell that draws a figure (``is_figure``).
    """
    for later in cells[index + 1:]:
        if later.cell_type == "markdown" and _CAPTION_START.match(later.source):
            return caption_text(later.source)
        if is_figure(later):
            return None
    return None


def figure_captions(cells: Sequence[nbformat.NotebookNode]) -> dict[int, str]:
    """For every code cell with a figure output, the text of its caption.

    The caption is the first markdown cell after the figure that starts with ``*Figure``
    (``*Figure:*`` or ``*Figure (interactive):*``), looking no further than the next cell
    that draws a figure. A figure without a caption is an error naming the cell: the site
    never invents a text alternative.
    """
    captions: dict[int, str] = {}
    for index, cell in enumerate(cells):
        if not has_image(cell):
            continue
        caption = caption_after(cells, index)
        if caption is not None:
            captions[index] = caption
        else:
            raise SiteBuildError(
                f"cell {index}: a figure without a caption; add a markdown cell starting "
                "with '*Figure:*' after it (its text becomes the image's alt text)")
    return captions


def is_explorer_cell(source: str) -> bool:
    """True if a code cell makes an explorer (its figure is a live widget, not a static image)."""
    return bool(_EXPLORER_CALL.search(source))


def figure_html(output: nbformat.NotebookNode, alt: str, note: str = "") -> str:
    """One figure output as a ``<figure>`` with ``<img alt>``; ``note`` is shown under it."""
    data = output["data"]
    if "image/png" in data:
        src = "data:image/png;base64," + "".join(data["image/png"].split())
    elif "image/jpeg" in data:
        src = "data:image/jpeg;base64," + "".join(data["image/jpeg"].split())
    else:
        import base64

        svg = _text(data["image/svg+xml"])
        src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    extra = f'<figcaption class="interactive-note">{note}</figcaption>' if note else ""
    return (f'<figure class="course-figure"><img src="{src}" alt="{html.escape(alt)}">'
            f"{extra}</figure>")


def interactive_note(binder_link: str) -> str:
    """The visible line under an explorer's preview: where it can be used."""
    return ("This picture is a static preview: the explorer is interactive in JupyterLab or "
            f'on Binder (<a href="{html.escape(binder_link)}">launch this notebook on '
            "Binder</a>).")


INTERACTIVE_ALT = "Static preview; the explorer is interactive in JupyterLab or on Binder."


def quiz_call(source: str) -> tuple[str, str | None] | None:
    """``(lesson, item)`` of a cell whose code is ``quiz.show(lesson[, item])``, else None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    *before, last = tree.body or [None]
    if not isinstance(last, ast.Expr) or not all(
            isinstance(s, (ast.Import, ast.ImportFrom)) for s in before):
        return None
    call = last.value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr == "show" and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "quiz"):
        return None
    args = [a.value for a in call.args if isinstance(a, ast.Constant)]
    if len(args) != len(call.args) or not 1 <= len(args) <= 2 or call.keywords:
        return None
    return str(args[0]), (str(args[1]) if len(args) == 2 else None)


def quiz_html(lesson: str, item: str | None) -> str:
    """The site's rendering of ``quiz.show(lesson, item)``: the same questions, with answers."""
    from pharmacourse import quiz
    from pharmacourse.quiz.render import details_html

    lesson_id, _, title, questions, intro = quiz.select(lesson, item)
    return details_html(lesson_id, title, questions, intro)


def rewrite_link(target: str, page: str, github_base: str, site_files: set[str]) -> str:
    """A link of the page ``page`` (repo-relative path) as the site needs it.

    ``.ipynb`` and ``.md`` pages that the site publishes become ``.html``; any other
    repository file becomes a link to it on GitHub; external links and anchors are kept.
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
        return target
    path, _, anchor = target.partition("#")
    resolved = _normalise(PurePosixPath(page).parent / path)
    if resolved.endswith((".ipynb", ".md")):
        as_html = resolved.rsplit(".", 1)[0] + ".html"
        if as_html in site_files:
            new = path.rsplit(".", 1)[0] + ".html"
            return new + (f"#{anchor}" if anchor else "")
    if resolved.startswith("../"):
        return target
    return f"{github_base}/{resolved}" + (f"#{anchor}" if anchor else "")


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            else:
                parts.append("..")
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def rewrite_links(markdown: str, page: str, github_base: str, site_files: set[str]) -> str:
    """Every ``](target)`` link of a markdown text through :func:`rewrite_link`."""
    return _LINK.sub(lambda m: m.group(1) + rewrite_link(m.group(2), page, github_base,
                                                         site_files) + m.group(3), markdown)


def scrollable_tables(page_html: str) -> str:
    """Wrap every ``<table>`` in a region that scrolls sideways and takes keyboard focus.

    A wide table must not widen a phone's page; a scrolling box must be reachable by keyboard
    (axe rule ``scrollable-region-focusable``), so it gets ``tabindex="0"`` and a name, unique
    on the page (``landmark-unique``).
    """
    count = iter(range(1, 10**6))
    opened = re.sub(r"<table\b", lambda _: '<div class="table-scroll" tabindex="0" role="region" '
                    f'aria-label="Table {next(count)} (scrolls sideways)"><table', page_html)
    return opened.replace("</table>", "</table></div>")


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _html_output(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": text, "text/plain": ""})


def prepare(nb: nbformat.NotebookNode, page: str, github_base: str, binder_link: str,
            site_files: set[str]) -> nbformat.NotebookNode:
    """A copy of a stored notebook ready for the site (see the module docstring)."""
    nb = copy.deepcopy(nb)
    try:
        captions = figure_captions(nb.cells)
    except SiteBuildError as exc:
        raise SiteBuildError(f"{page}: {exc}") from None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source, page, github_base, site_files)
            continue
        if cell.cell_type != "code":
            continue
        called = quiz_call(cell.source)
        if called is not None and cell.get("outputs"):
            cell.outputs = [_html_output(quiz_html(*called))]
            continue
        explorer = is_explorer_cell(cell.source)
        outputs = []
        for out in cell.get("outputs", []):
            if any(t in out.get("data", {}) for t in _IMAGE_TYPES):
                alt = captions[index]
                note = ""
                if explorer:
                    alt = f"{alt} {INTERACTIVE_ALT}"
                    note = interactive_note(binder_link)
                out = _html_output(figure_html(out, alt, note))
            elif "course-table" in _text(out.get("data", {}).get("text/html", "")):
                out = copy.deepcopy(out)  # the page's own table regions replace the kernel's
                out["data"]["text/html"] = _COURSE_TABLE.sub(
                    "<div>", _text(out["data"]["text/html"]))
            elif "text/markdown" in out.get("data", {}):  # display(Markdown(...)) has links too
                out = copy.deepcopy(out)
                text = _text(out["data"]["text/markdown"])
                out["data"]["text/markdown"] = rewrite_links(text, page, github_base, site_files)
            outputs.append(out)
        cell.outputs = outputs
    return nb
