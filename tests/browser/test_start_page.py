"""The README's Binder badge names the start page, the one `make lab` opens.

That the page opens in JupyterLab at the badge's URL is checked in a Binder-like environment by
``test_binder.py`` (one browser test for both).
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from labkit import source_repo

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
