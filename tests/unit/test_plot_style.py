"""Figures are readable: the course style and the lessons' own calls keep legend and tick labels
at 10 pt or more (issue 14 §6)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib as mpl
import pytest
from matplotlib.font_manager import FontProperties

from pharmacourse import plots

ROOT = Path(__file__).resolve().parents[2]
MIN_PT = 10
SIZE_KEYS = ("legend.fontsize", "legend.title_fontsize", "xtick.labelsize", "ytick.labelsize",
             "axes.labelsize", "axes.titlesize")
# fontsize=/labelsize= given to a legend or tick call in a code cell
SMALL_CALL = re.compile(r"\b(legend|tick_params|set_xticklabels|set_yticklabels)\([^)]*?"
                        r"\b(?:fontsize|labelsize|title_fontsize)\s*=\s*(\d+(?:\.\d+)?)", re.S)


def _points(value: object) -> float:
    """Resolve a matplotlib size ('medium', 'small', 9, None = font.size) to points."""
    if value is None:
        return mpl.rcParams["font.size"]
    return FontProperties(size=value).get_size_in_points()


def test_course_style_sets_legend_and_tick_labels_at_10_pt_or_more():
    with mpl.rc_context():
        plots.apply_style()
        sizes = {key: _points(mpl.rcParams[key]) for key in SIZE_KEYS}
    small = {k: v for k, v in sizes.items() if v < MIN_PT}
    assert not small, f"course style below {MIN_PT} pt: {small}"


def test_a_small_default_would_be_caught():
    with mpl.rc_context({"font.size": 8}):
        assert _points(mpl.rcParams["legend.fontsize"]) < MIN_PT


def test_the_call_pattern_finds_small_sizes():
    found = SMALL_CALL.findall('ax.legend(loc="upper left", fontsize=9)\nax.tick_params(labelsize=12)')
    assert found == [("legend", "9"), ("tick_params", "12")]


def _notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_figure_call_shrinks_legend_or_ticks_below_10_pt(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    small = [(i, call, size) for i, cell in enumerate(cells) if cell["cell_type"] == "code"
             for call, size in SMALL_CALL.findall("".join(cell["source"]))
             if float(size) < MIN_PT]
    assert not small, f"{path.name}: legend/tick text below {MIN_PT} pt (cell, call, size): {small}"


# -- explorers: their own rendered figures (issue 18, section 1) ----------------------------------

def _explorer_classes() -> list[type]:
    from pharmacourse import explorers

    return explorers.classes()


def _small_text_and_thin_lines(fig) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(legend or tick texts below MIN_PT, legend lines below 1.5 pt) of a drawn figure."""
    small, thin = [], []
    legends = [leg for ax in fig.axes for leg in [ax.get_legend()] if leg] + list(fig.legends)
    for leg in legends:
        texts = list(leg.get_texts()) + ([leg.get_title()] if leg.get_title().get_text() else [])
        small += [(f"legend {t.get_text()!r}", t.get_fontsize()) for t in texts
                  if t.get_fontsize() < MIN_PT]
        thin += [(f"legend line {t.get_text()!r}", h.get_linewidth())
                 for h, t in zip(leg.legend_handles, leg.get_texts(), strict=False)
                 if h is not None and hasattr(h, "get_linestyle") and h.get_linestyle() != "None"
                 and type(h).__name__ == "Line2D" and h.get_linewidth() < 1.5]
    for ax in fig.axes:
        for tick in ax.get_xticklabels() + ax.get_yticklabels():
            if tick.get_visible() and tick.get_text() and tick.get_fontsize() < MIN_PT:
                small.append((f"tick {tick.get_text()!r}", tick.get_fontsize()))
    return small, thin


#: Arguments a lesson passes that add a legend (lesson 08 passes a published share).
EXPLORER_ARGS = {"ConfoundingExplorer": {"observed": {"a published share": 40.0}}}


@pytest.mark.parametrize("cls", _explorer_classes(), ids=lambda c: c.__name__)
def test_every_explorer_draws_legend_and_ticks_at_10_pt_or_more(cls):
    # a lesson's own small default must not leak into an explorer's picture
    with mpl.rc_context({"font.size": 7, "legend.fontsize": 7, "xtick.labelsize": 7,
                         "ytick.labelsize": 7, "lines.linewidth": 1.0}):
        explorer = cls(**EXPLORER_ARGS.get(cls.__name__, {}))  # draws its first picture
        small, thin = _small_text_and_thin_lines(explorer.fig)
    legends = [ax.get_legend() for ax in explorer.fig.axes if ax.get_legend()]
    legends += explorer.fig.legends
    assert legends, f"{cls.__name__}: no legend found (the test would check nothing)"
    assert not small, f"{cls.__name__}: text below {MIN_PT} pt: {small}"
    assert not thin, f"{cls.__name__}: legend lines thinner than 1.5 pt: {thin}"


def test_the_explorer_check_catches_a_small_legend():
    fig, (ax,) = plots.new_figure()
    ax.plot([0, 1], [0, 1], label="thin", linewidth=1.0)
    ax.legend(fontsize=8)
    fig.canvas.draw()
    small, thin = _small_text_and_thin_lines(fig)
    assert ("legend 'thin'", 8.0) in small and thin
