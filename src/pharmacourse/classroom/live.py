"""The class view in JupyterLab: the report of a class folder, with a Refresh button.

``ClassView(folder)`` (default ``$PHARMACOURSE_CLASS_DIR``) shows the same page as
``python -m pharmacourse.classroom report`` with figures embedded; warnings about skipped files
are listed under it. Used by ``docs/instructors/class-results.ipynb``.
"""

from __future__ import annotations

import html
import os
import re
import warnings
from pathlib import Path

import ipywidgets as widgets

from pharmacourse.classroom.reading import ClassroomWarning, read_exports
from pharmacourse.classroom.report import render_html
from pharmacourse.classroom.stats import class_stats


def _body(page: str) -> str:
    """The page's body and style, to sit inside a notebook output."""
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    body = re.search(r"<body>(.*)</body>", page, re.S)
    return (f"<style>{style.group(1) if style else ''}</style>"
            f"{body.group(1) if body else page}")


class ClassView(widgets.VBox):
    """A live class report: press Refresh to read the folder again."""

    def __init__(self, folder: str | Path | None = None) -> None:
        env = os.environ.get("PHARMACOURSE_CLASS_DIR")
        self.folder = Path(folder) if folder else (Path(env) if env else None)
        self.button = widgets.Button(description="Refresh", icon="refresh",
                                     tooltip="Read the class folder again")
        self.page = widgets.HTML()
        self.button.on_click(lambda _b: self.refresh())
        super().__init__([self.button, self.page])
        self.refresh()

    def html(self) -> str:
        if self.folder is None or not self.folder.is_dir():
            return (f"<p>No class folder: {html.escape(str(self.folder))} is not a folder. Set "
                    "PHARMACOURSE_CLASS_DIR or pass the folder.</p>")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ClassroomWarning)
            page = _body(render_html(class_stats(read_exports([self.folder]))))
        notes = "".join(f"<li>{html.escape(str(w.message))}</li>" for w in caught
                        if issubclass(w.category, ClassroomWarning))
        return page + (f"<h2>Skipped</h2><ul>{notes}</ul>" if notes else "")

    def refresh(self) -> None:
        try:
            self.page.value = self.html()
        except Exception as exc:  # the view must never break the instructor's kernel
            self.page.value = f"<p>Could not read the class folder: {html.escape(str(exc))}</p>"

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        data = super()._repr_mimebundle_(**kwargs)
        data = data if isinstance(data, dict) else {}
        data["text/html"] = self.page.value
        data["text/plain"] = f"ClassView({self.folder})"
        return data
