"""Interactive figures the lessons embed: PK, dose-response, occupancy, DDI and sampling.

Plotting route: a matplotlib figure drawn on the Agg canvas (no pyplot), encoded to PNG and shown
in an ``ipywidgets.Image`` (CSS class ``explorer-plot``) inside a ``VBox`` (class ``explorer``)
with the sliders. Why: it needs no JupyterLab extension beyond ipywidgets (ipympl is one more
extension to break on Binder), renders the same in nbval, a static page and a browser test, and
a stored notebook keeps a picture. A slider change updates the existing artists in place
(``set_data``/``set_ydata``/``set_height``) and re-encodes the PNG; it never rebuilds the figure.

Each explorer:
- ``explorer.update(**params)`` recomputes and redraws (pure; the benchmark and tests call it);
- ``explorer.sliders[name]`` is the widget for a parameter, with a label and units, usable with
  the keyboard (Tab to a slider, arrow keys to move it);
- ``explorer.data()`` returns the plotted arrays, so a test can compare them with the model;
- ``explorer.describe()`` says in one line what the picture shows now (``explorer.alt_text``
  holds it, refreshed on every redraw);
- ``_repr_mimebundle_`` adds an ``image/png`` preview and a stable ``text/plain`` line.

Layout: one module per explorer, plus ``_base`` (what they share) and ``_mitragynine`` (the
published values the kratom explorers start from). This package imports them lazily: ``import
pharmacourse.explorers`` costs almost nothing, and ``explorers.PKExplorer`` imports only
``pk_regimen`` and what it needs, so a lesson pays only for the explorer it shows. A new explorer
is a new module plus one line in ``_LAZY``.

Safety frame: dose sliders stay within the doses published human studies used, and say so; no
kratom plot shows a therapeutic, safe or toxic band (none is established). Parameters without a
published value (ka, fm, Fg) are labelled "assumed" in the legend.
"""

from __future__ import annotations

import importlib

# ``typing.TYPE_CHECKING`` without importing typing (10 ms in a fresh process).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Public name -> the submodule that defines it (imported on first use).
_LAZY: dict[str, str] = {
    "AccumulationExplorer": "accumulation",
    "ConfoundingExplorer": "confounding",
    "Explorer": "_base",
    "PUBLISHED_MG_DOSE_RANGE_MG": "_mitragynine",
    "CaseExplorer": "case",
    "DDICalculator": "ddi",
    "DoseResponseExplorer": "dose_response",
    "OccupancyExplorer": "occupancy",
    "ParentMetaboliteExplorer": "metabolite",
    "PKExplorer": "pk_regimen",
    "SamplingExplorer": "sampling",
    "SingleDosePKExplorer": "single_dose",
    "ToleranceExplorer": "tolerance",
    "VariabilityExplorer": "variability",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    """Import the submodule that defines ``name`` on first use (PEP 562) and cache the value."""
    try:
        module_name = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}; explorers: "
                             f"{', '.join(__all__)}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value
    return value


def classes() -> list[type]:
    """Every explorer class, by name (imports every explorer module: for tests and tools)."""
    base = __getattr__("Explorer")
    found = [__getattr__(name) for name in sorted(_LAZY)]
    return [c for c in found if isinstance(c, type) and issubclass(c, base) and c is not base]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
