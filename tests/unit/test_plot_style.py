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
