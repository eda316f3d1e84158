"""Tables a keyboard can scroll: every pandas DataFrame a lesson shows sits in a focusable region.

A wide DataFrame scrolls sideways inside JupyterLab's output area, and a scrolling box that a
keyboard cannot reach fails axe's ``scrollable-region-focusable`` (serious): a keyboard user
cannot see the right-hand columns. ``import pharmacourse`` calls :func:`register`, which makes
the running IPython kernel (if any) show each DataFrame as pandas' own HTML inside
``<div class="course-table" tabindex="0" role="region" aria-label="...">`` that does the
scrolling; the label names the table's columns and rows. Outside IPython nothing happens, and
pandas is not imported here (the formatter is registered by the type's name).
"""

from __future__ import annotations

import html
import sys
from typing import Any

__all__ = ["register", "scrollable_html"]

#: How many column names the region's label lists before "and N more".
LABEL_COLUMNS = 6


def table_label(frame: Any) -> str:
    """The accessible name of a table's region: its size and first columns."""
    names = [" ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    shown = ", ".join(names[:LABEL_COLUMNS])
    more = f" and {len(names) - LABEL_COLUMNS} more" if len(names) > LABEL_COLUMNS else ""
    rows = len(frame)
    return f"Table, {rows} row{'s' if rows != 1 else ''}; columns: {shown}{more}"


def scrollable_html(frame: Any) -> str | None:
    """pandas' HTML of ``frame`` inside a keyboard-focusable region that scrolls sideways."""
    inner = frame._repr_html_()
    if inner is None:  # pandas told not to show HTML
        return None
    return (f'<div class="course-table" tabindex="0" role="region" '
            f'aria-label="{html.escape(table_label(frame), quote=True)}" '
            f'style="overflow-x: auto; max-width: 100%;">{inner}</div>')


def register() -> bool:
    """Show DataFrames through :func:`scrollable_html` in the running IPython; True if done."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    for module in ("pandas", "pandas.core.frame"):  # DataFrame.__module__: pandas 3, pandas 2
        formatter.for_type_by_name(module, "DataFrame", scrollable_html)
    return True
