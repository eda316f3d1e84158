"""The course's figure style: colour-blind-safe colours, line styles as a second cue, honest labels.

- ``OKABE_ITO``: the eight colours of Okabe & Ito (Color Universal Design, 2008), safe for the
  common colour-vision deficiencies; ``LINESTYLES`` pairs each series with a line style so a
  figure also reads in greyscale.
- ``apply_style()`` sets matplotlib's rcParams for pyplot figures in lessons (colour + line-style
  cycle, readable sizes, no top/right spines).
- ``new_figure()`` makes a figure on the Agg canvas *without* pyplot (explorers use it, so no
  inline figure leaks into a cell's output); ``figure_png()`` encodes it with stable metadata.
- ``label()`` appends the data's status ("simulated", "assumed", "published") to a legend entry:
  every concentration plot says whether its data are real.
- ``figure_caption()`` returns the markdown caption that must follow every figure.
- ``show(alt=...)`` displays a figure with its alt text, so JupyterLab's page carries it
  (an ``image/png`` output becomes an ``<img>`` without alt); ``scripts/sync_figure_alt.py``
  writes each lesson figure's ``alt`` from its caption cell.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import struct
import sys
from collections.abc import Iterable

import matplotlib as mpl
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = [
    "LINESTYLES",
    "OKABE_ITO",
    "STATUSES",
    "apply_style",
    "figure_caption",
    "figure_png",
    "label",
    "new_figure",
    "series_style",
    "show",
    "style_context",
]

#: Okabe-Ito palette (hex), in the order the course uses it.
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: Line styles used as the second cue, in step with the colours.
LINESTYLES: tuple[str, ...] = ("-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1)), "-", "--")

#: Allowed data statuses for legend labels.
STATUSES = ("published", "simulated", "assumed", "model")

_RC = {
    "axes.prop_cycle": cycler(color=list(OKABE_ITO.values())[:6])
    + cycler(linestyle=list(LINESTYLES[:6])),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 11,
    "axes.titlesize": 12,
    # matplotlib's defaults, stated so that a style context restores them: relative to font.size
    "axes.labelsize": "medium",
    "xtick.labelsize": "medium",
    "ytick.labelsize": "medium",
    "legend.fontsize": "medium",
    "legend.title_fontsize": None,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "lines.linewidth": 2.0,
}


def apply_style() -> None:
    """Apply the course style to matplotlib's global rcParams (for pyplot figures in lessons)."""
    mpl.rcParams.update(_RC)


def series_style(i: int) -> dict[str, object]:
    """Colour and line style of the i-th series: ``ax.plot(x, y, **series_style(1))``."""
    colours = list(OKABE_ITO.values())
    return {"color": colours[i % len(colours)], "linestyle": LINESTYLES[i % len(LINESTYLES)]}


def label(text: str, status: str | Iterable[str]) -> str:
    """A legend label that states the data's status, e.g. ``"MG (simulated; ka assumed)"``.

    Args:
        text: what the series is.
        status: one of ``STATUSES`` or free text such as "ka assumed"; several are joined.
    """
    parts = [status] if isinstance(status, str) else list(status)
    if not parts:
        raise ValueError("a legend label needs a status (simulated, assumed, published, model)")
    return f"{text} ({'; '.join(parts)})"


def style_context(extra: dict[str, object] | None = None) -> contextlib.AbstractContextManager:
    """The course style (plus ``extra`` rcParams) for a ``with`` block, whatever the global
    rcParams: ``with style_context({"legend.fontsize": 10}): ...``."""
    return mpl.rc_context({**_RC, **(extra or {})})


def new_figure(
    width_in: float = 7.0, height_in: float = 4.0, ncols: int = 1
) -> tuple[Figure, list[Axes]]:
    """A Figure on an Agg canvas with ``ncols`` axes, created without pyplot, in course style.

    Returns:
        (figure, list of axes).
    """
    with mpl.rc_context(_RC):
        fig = Figure(figsize=(width_in, height_in), layout="constrained")
        FigureCanvasAgg(fig)
        axes = [fig.add_subplot(1, ncols, i + 1) for i in range(ncols)]
    return fig, axes


def figure_png(fig: Figure, *, tight: bool = False) -> bytes:
    """PNG bytes of a figure with stable metadata (no software version), for stored outputs.

    ``tight`` crops to the drawn content as JupyterLab's inline backend does.
    """
    buf = io.BytesIO()
    extra = {"bbox_inches": "tight"} if tight else {}
    with mpl.rc_context(_RC):
        fig.savefig(buf, format="png", metadata={"Software": None}, **extra)
    return buf.getvalue()


def figure_html(png: bytes, alt: str) -> str:
    """An ``<img>`` of PNG bytes with its alt text (escaped), at most its natural width."""
    width = struct.unpack(">I", png[16:20])[0]  # IHDR: the first chunk of every PNG
    src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return (f'<img src="{src}" alt="{html.escape(alt, quote=True)}" width="{width}" '
            'style="max-width: 100%; height: auto;">')


def show(fig: Figure | None = None, *, alt: str) -> None:
    """Display a figure with alt text, as one output, then close it.

    The output has ``text/html`` (an ``<img alt>``, which JupyterLab shows and a screen reader
    reads), ``image/png`` (for viewers that only take images) and ``text/plain``. Closing the
    figure stops the inline backend from showing it a second time.

    Args:
        fig: a Figure (e.g. from :func:`new_figure`); ``None`` means pyplot's current figure.
        alt: what the figure shows, in words: the plain text of its ``*Figure:*`` caption.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("plots.show needs alt text: what the figure shows, in words (its "
                         "caption's text), e.g. plots.show(alt='Concentration falls ...')")
    pyplot = sys.modules.get("matplotlib.pyplot")
    if fig is None:
        if pyplot is None or not pyplot.get_fignums():
            raise ValueError("plots.show: no figure to show; draw one first or pass fig=")
        fig = pyplot.gcf()
    if not isinstance(fig, Figure):
        raise ValueError(f"plots.show: fig must be a matplotlib Figure, not {type(fig).__name__}")
    from IPython.display import display

    png = figure_png(fig, tight=True)
    display({"text/html": figure_html(png, alt.strip()),
             "image/png": base64.b64encode(png).decode("ascii"), "text/plain": repr(fig)},
            raw=True)
    if pyplot is not None:
        pyplot.close(fig)


def figure_caption(text: str) -> str:
    """The markdown caption (alt text) that follows every figure: ``*Figure:* <text>``."""
    text = text.strip()
    if not text:
        raise ValueError("a figure caption must say what the figure shows")
    return f"*Figure:* {text}"
