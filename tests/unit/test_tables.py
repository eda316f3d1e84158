"""DataFrames in lessons sit in a keyboard-focusable scrolling region (pharmacourse.tables;
axe ``scrollable-region-focusable``), with a name that says what the table holds."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from pharmacourse import tables

REPO = Path(__file__).resolve().parents[2]


class _Divs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.divs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "div":
            self.divs.append(dict(attrs))


def outer_div(page_html: str) -> dict[str, str | None]:
    parser = _Divs()
    parser.feed(page_html)
    return parser.divs[0]


def test_a_dataframe_is_wrapped_in_a_named_focusable_region():
    frame = pd.DataFrame({f"col {i}": [1, 2, 3] for i in range(8)})
    out = tables.scrollable_html(frame)
    div = outer_div(out)
    assert div["tabindex"] == "0" and div["role"] == "region"
    assert div["aria-label"] == ("Table, 3 rows; columns: col 0, col 1, col 2, col 3, col 4, "
                                 "col 5 and 2 more")
    assert "overflow-x: auto" in div["style"]
    assert frame._repr_html_() in out, "pandas' own table must be kept as it is"


def test_the_label_is_escaped_and_handles_one_row_and_multiindex_columns():
    frame = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", '"x"'), ("b", "<y>")]))
    div = outer_div(tables.scrollable_html(frame))
    assert div["aria-label"] == 'Table, 1 row; columns: a "x", b <y>'


def test_no_html_when_pandas_is_told_not_to_show_it():
    with pd.option_context("display.notebook_repr_html", False):
        assert tables.scrollable_html(pd.DataFrame({"a": [1]})) is None


def test_register_outside_ipython_does_nothing():
    code = ("import json, sys; import pharmacourse; from pharmacourse import tables; "
            "print(json.dumps([tables.register(), 'pandas' in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, False]


def test_register_in_ipython_formats_dataframes(monkeypatch):
    from types import SimpleNamespace

    from IPython.core.formatters import HTMLFormatter

    formatter = HTMLFormatter()
    shell = SimpleNamespace(display_formatter=SimpleNamespace(formatters={"text/html": formatter}))
    monkeypatch.setitem(sys.modules, "IPython", SimpleNamespace(get_ipython=lambda: shell))
    assert tables.register() is True
    assert 'class="course-table" tabindex="0"' in formatter(pd.DataFrame({"a": [1]}))


@pytest.mark.parametrize("folder", ["notebooks", "solutions"])
def test_stored_dataframes_are_in_focusable_regions(folder):
    bare = []
    for path in sorted((REPO / folder).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []):
                page = out.get("data", {}).get("text/html", "")
                page = "".join(page) if isinstance(page, list) else page
                if 'class="dataframe"' in page and 'class="course-table"' not in page:
                    bare.append(f"{path.name} cell {index}")
    assert not bare, f"DataFrames stored without their focusable region: {bare}"


def test_the_site_replaces_the_kernels_table_region_by_its_own():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from pharmacourse.site import prepare, scrollable_tables

    cell = new_code_cell("df")
    cell.outputs = [new_output("execute_result", execution_count=1, data={
        "text/html": tables.scrollable_html(pd.DataFrame({"a": [1]})), "text/plain": "a"})]
    out = prepare(new_notebook(cells=[cell]), "notebooks/x.ipynb", "https://g", "https://b", set())
    page = scrollable_tables(out.cells[0].outputs[0]["data"]["text/html"])
    assert "course-table" not in page and page.count('tabindex="0"') == 1
