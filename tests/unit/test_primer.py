"""The self-checks of the primer's "your turn" cells: right, wrong and unanswered inputs."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from pharmacourse import data, primer  # noqa: E402


@pytest.fixture
def half_lives():
    pk = data.load("human_pk")
    return pk[pk["parameter"] == "t_half"]


def test_filter_check(half_lives) -> None:
    right = half_lives[half_lives["analyte"] == "7-hydroxymitragynine"]
    assert primer.check_filter(right).correct
    assert not primer.check_filter(half_lives[half_lives["analyte"] == "mitragynine"]).correct
    assert not primer.check_filter(half_lives).correct
    pk = data.load("human_pk")
    assert not primer.check_filter(pk[pk["analyte"] == "7-hydroxymitragynine"]).correct
    assert not primer.check_filter(...).answered
    assert "DataFrame" in primer.check_filter([1, 2]).hint


def test_value_check(half_lives) -> None:
    row = half_lives.query(
        "study_id == 'tanna2022' and analyte == '7-hydroxymitragynine' and statistic == 'median'"
    )
    assert primer.check_value(row["value"].item()).correct
    assert not primer.check_value(row["value"]).correct  # a column, not the number
    assert ".item()" in primer.check_value(row["value"]).hint
    assert not primer.check_value(row["value"].item() + 1).correct
    assert not primer.check_value("five").correct
    assert not primer.check_value(...).answered


def test_column_check(half_lives) -> None:
    medians = half_lives[half_lives["statistic"] == "median"].copy()
    assert not primer.check_column(medians).correct  # no column yet
    medians["value_d"] = medians["value"] * 24
    assert not primer.check_column(medians).correct
    medians["value_d"] = medians["value"] / 24
    assert primer.check_column(medians).correct
    medians["value_d"] = ...
    assert not primer.check_column(medians).answered
    assert not primer.check_column(...).answered


def test_plot_check(half_lives) -> None:
    medians = half_lives[half_lives["statistic"] == "median"]
    fig, ax = plt.subplots()
    assert not primer.check_plot(ax, len(medians)).answered  # empty axes: nothing drawn yet
    assert not plt.fignum_exists(fig.number)  # and the empty figure is not shown
    fig, ax = plt.subplots()
    ax.bar(medians["analyte"], medians["value"])
    result = primer.check_plot(ax, len(medians))
    assert not result.correct and "x axis" in result.hint
    ax.set_xlabel("Alkaloid")
    ax.set_ylabel("Median half-life (h)")
    ax.set_title("Half-lives")
    assert primer.check_plot(ax, len(medians)).correct
    assert not primer.check_plot(ax, len(medians) + 1).correct
    assert not primer.check_plot(..., 3).answered
    assert not primer.check_plot("a plot", 3).correct
    plt.close(fig)
