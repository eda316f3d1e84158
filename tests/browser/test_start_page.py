"""The start page opens in JupyterLab at the very URL the README's Binder badge uses."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from labkit import LabPage, source_repo

pytestmark = pytest.mark.browser

_BADGE = re.compile(r"\(https://mybinder\.org/v2/[^)\s]+\)")


def binder_path(readme: Path) -> str:
    """The JupyterLab path (``lab/tree/...``) that the README's Binder badge opens."""
    text = readme.read_text(encoding="utf-8")
    links = [m.group(0)[1:-1] for m in _BADGE.finditer(text)]
    assert links, f"{readme} has no Binder link (https://mybinder.org/v2/...)"
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(links[0]).query)
    if "urlpath" in query:
        return query["urlpath"][0].lstrip("/")
    if "labpath" in query:
        return "lab/tree/" + query["labpath"][0].lstrip("/")
    raise AssertionError(f"the Binder link {links[0]} names no urlpath/labpath: it opens no page")


def test_binder_badge_names_the_start_page() -> None:
    """The badge opens an existing notebook (and the same one ``make lab`` opens)."""
    path = binder_path(source_repo() / "README.md")
    assert path.startswith("lab/tree/"), f"the Binder badge does not open JupyterLab: {path}"
    notebook = source_repo() / path.removeprefix("lab/tree/")
    assert notebook.is_file(), f"the Binder badge opens {notebook}, which does not exist"
    makefile = source_repo() / "Makefile"
    if makefile.is_file():
        start = re.search(r"^START\s*:?=\s*(\S+)", makefile.read_text(), re.M)
        if start:
            assert start.group(1) == path.removeprefix("lab/tree/"), (
                f"`make lab` opens {start.group(1)} but the Binder badge opens {path}"
            )


def test_start_page_opens_at_the_binder_url(lab: LabPage) -> None:
    path = binder_path(source_repo() / "README.md")
    notebook = path.removeprefix("lab/tree/")
    lab.open(notebook, url_path=path)
    title = lab.page.locator(".jp-NotebookPanel h1").first
    title.wait_for(state="visible")
    assert title.inner_text().strip(), "the start page shows no title"
    active_tab = lab.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current").first
    assert Path(notebook).name in active_tab.inner_text()
    assert lab.widget_failures() == []
    lab.keep_screenshot("start-page-opened")
