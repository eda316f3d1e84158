"""Give every lesson figure its caption as alt text in JupyterLab (issue 18, section 1).

JupyterLab shows a matplotlib ``image/png`` output as an ``<img>`` without alt text. So every
figure cell in notebooks/ and solutions/ (exercises/ are generated from solutions/) ends its
display with ``plots.show(alt="...")`` (:func:`pharmacourse.plots.show`), and this script keeps
that ``alt`` equal to the plain text of the figure's caption: the first markdown cell after it
that starts with ``*Figure``, as the static site reads it (:func:`pharmacourse.site.caption_after`).

For each code cell that draws a figure (a ``plt.show()`` or ``plots.show(...)`` line, or a
stored image output), the display line is rewritten:

- ``plt.show()``                  -> ``plots.show(alt="<caption text>")``
- ``plots.show(alt="<old text>")`` -> ``plots.show(alt="<caption text>")`` (caption edited)

Explorer cells (``explorers.X(...)``) are left alone: an explorer is a live widget whose picture
carries its own alt text. If the notebook does not import ``plots``, ``plots`` is added to its
first ``from pharmacourse import ...`` line. Running it again changes nothing. A figure cell with
no caption, with an unknown display form (``display(fig)``, a bare ``fig``, ...) or with two
displays is an error naming the notebook and the cell. Run by ``make notebooks`` before the
notebooks are executed.

    python scripts/sync_figure_alt.py            # rewrite notebooks/ and solutions/
    python scripts/sync_figure_alt.py --check    # exit 1 if a notebook would change
    python scripts/sync_figure_alt.py notebooks/03-dose-response.ipynb
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pharmacourse.site import caption_after, has_image, is_explorer_cell  # noqa: E402

FOLDERS = ("notebooks", "solutions")
#: A line that displays the cell's figure: plt.show() or an earlier plots.show(...).
DISPLAY_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?:plt\.show\(\s*\)|plots\.show\(.*\))[ \t]*(?:#.*)?$")
#: Forms that display a figure but that the script cannot rewrite safely.
OTHER_DISPLAY = re.compile(
    r"\b(?:display\(\s*fig\w*\s*\)|fig\w*\.show\(|plt\.show\(\s*[^)\s])")
IMPORT_LINE = re.compile(
    r"^from pharmacourse import (?P<names>[\w ,]+?)(?P<comment>\s*#.*)?$", re.M)
IMPORTS_PLOTS = re.compile(
    r"^\s*(?:from pharmacourse import [^\n]*\bplots\b|import pharmacourse\.plots as plots\b)",
    re.M)


class FigureAltError(ValueError):
    """A figure cell the script cannot handle (names the notebook and the cell)."""


def is_figure_cell(cell: nbformat.NotebookNode) -> bool:
    """A code cell that draws a static figure (not an explorer)."""
    if cell.cell_type != "code" or is_explorer_cell(cell.source):
        return False
    lines = cell.source.splitlines()
    return (any(DISPLAY_LINE.match(line) for line in lines)
            or bool(OTHER_DISPLAY.search(cell.source)) or has_image(cell))


def _is_any_figure(cell: nbformat.NotebookNode) -> bool:
    """A static figure or an explorer (a caption search stops at either)."""
    return is_figure_cell(cell) or (cell.cell_type == "code" and is_explorer_cell(cell.source))


def display_call(alt: str, indent: str = "") -> str:
    """The display line of a figure whose caption's text is ``alt``."""
    return f"{indent}plots.show(alt={json.dumps(alt, ensure_ascii=False)})"


def rewrite_cell(source: str, alt: str, where: str) -> str:
    """The cell's source with its one display line set to ``plots.show(alt=...)``."""
    lines = source.split("\n")
    hits = [i for i, line in enumerate(lines) if DISPLAY_LINE.match(line)]
    if len(hits) != 1:
        found = "no" if not hits else f"{len(hits)}"
        raise FigureAltError(
            f"{where}: {found} figure display line(s) (`plt.show()` or `plots.show(alt=...)` on a "
            "line of its own); end each figure cell with exactly one `plt.show()`, one figure "
            "per cell")
    if OTHER_DISPLAY.search(source):
        raise FigureAltError(f"{where}: unknown figure display form (display(fig), fig.show(), "
                             "plt.show(fig)); use `plt.show()` on a line of its own")
    indent = DISPLAY_LINE.match(lines[hits[0]]).group("indent")
    lines[hits[0]] = display_call(alt, indent)
    return "\n".join(lines)


def _add_plots_import(cells: list[nbformat.NotebookNode], where: str) -> bool:
    code = [c for c in cells if c.cell_type == "code"]
    if any(IMPORTS_PLOTS.search(c.source) for c in code):
        return False
    for cell in code:
        match = IMPORT_LINE.search(cell.source)
        if match:
            names = sorted({n.strip() for n in match.group("names").split(",")} | {"plots"})
            line = f"from pharmacourse import {', '.join(names)}{match.group('comment') or ''}"
            cell.source = cell.source[:match.start()] + line + cell.source[match.end():]
            return True
    raise FigureAltError(f"{where}: a figure cell needs `plots`, but no code cell has a "
                         "`from pharmacourse import ...` line to add it to")


def sync_notebook(nb: nbformat.NotebookNode, name: str) -> bool:
    """Rewrite the figure cells of ``nb`` in place; True if anything changed."""
    changed = False
    figure_cells = [i for i, c in enumerate(nb.cells) if is_figure_cell(c)]
    for index in figure_cells:
        where = f"{name}, cell {index} (id {nb.cells[index].get('id', '?')})"
        alt = caption_after(nb.cells, index, _is_any_figure)
        if not alt:
            raise FigureAltError(f"{where}: a figure without a caption; add a markdown cell "
                                 "starting with '*Figure:*' right after it (its text becomes "
                                 "the figure's alt text)")
        new = rewrite_cell(nb.cells[index].source, alt, where)
        if new != nb.cells[index].source:
            nb.cells[index].source = new
            changed = True
    if figure_cells:
        changed |= _add_plots_import(nb.cells, name)
    return changed


def notebook_paths(args: list[str]) -> list[Path]:
    if args:
        return [Path(a).resolve() for a in args]
    return [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.ipynb"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Set every figure's alt text from its caption.")
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: notebooks/ and "
                        "solutions/)")
    parser.add_argument("--check", action="store_true", help="report, do not write; exit 1 "
                        "if a notebook would change")
    args = parser.parse_args(argv)
    stale = []
    try:
        for path in notebook_paths(args.notebooks):
            nb = nbformat.read(path, as_version=4)
            name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
            if sync_notebook(nb, name):
                stale.append(name)
                if not args.check:
                    nbformat.write(nb, path)
    except FigureAltError as exc:
        print(f"sync_figure_alt: {exc}", file=sys.stderr)
        return 2
    verb = "would change" if args.check else "updated"
    for name in stale:
        print(f"{verb}: {name}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
