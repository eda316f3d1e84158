"""Read-the-plot exercises: figures drawn from hidden parameters that a careful reading recovers."""

from __future__ import annotations

import json

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from pharmacourse import checks, exercise_figures  # noqa: E402
from scripts import build_exercise_keys as bk  # noqa: E402  (the repo root is on sys.path)

FIGURES = bk.figures()  # plain hidden parameters, from the key modules
KEYS = bk.keys()
PLOTTED = sorted(i for i, f in FIGURES.items() if f["kind"] != "quantal_table")


def _allowed(key: dict) -> float:
    tol = key["tolerance"]
    return tol["abs"] if "abs" in tol else tol["rel"] * abs(key["value"])


def test_stored_figures_are_in_step_with_the_key_modules():
    assert FIGURES, "no key module defines figures(): the read-the-plot exercises would leak"
    stored = exercise_figures.FIGURES_PATH.read_text(encoding="utf-8")
    assert stored == bk.render_figures(), "run scripts/build_exercise_keys.py"


def test_hidden_parameters_are_not_stored_in_plain_text():
    text = exercise_figures.FIGURES_PATH.read_text(encoding="utf-8")
    tokens = json.loads(text)["figures"]
    for exercise_id, spec in FIGURES.items():
        assert set(tokens[exercise_id]) == set(spec)
        for name, value in spec.items():
            if name != "kind":
                token = tokens[exercise_id][name]
                assert isinstance(token, str) and token != f"{value:g}", (exercise_id, name)
                with pytest.raises(ValueError):
                    float(token)


@pytest.mark.parametrize("exercise_id", PLOTTED)
def test_figure_text_never_shows_a_hidden_parameter(exercise_id):
    fig = exercise_figures.plot(exercise_id)
    ax = fig.axes[0]
    words = " ".join([ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
                     + [t.get_text() for t in ax.get_legend().get_texts()])
    for name, value in FIGURES[exercise_id].items():
        if name not in ("kind", "y_max", "y_step"):
            assert f"{value:g}" not in words, (exercise_id, name)
    assert "Figure" in repr(fig) and f"{KEYS[exercise_id]['value']:g}" not in repr(fig)


def _read_crossing(x, y, level):
    """Where a rising curve first crosses ``level`` (log-linear interpolation), as a reader does."""
    i = int(np.argmax(y >= level))
    frac = (level - y[i - 1]) / (y[i] - y[i - 1])
    return 10 ** (np.log10(x[i - 1]) + frac * (np.log10(x[i]) - np.log10(x[i - 1])))


@pytest.mark.parametrize("exercise_id", PLOTTED)
def test_a_careful_reading_of_the_drawn_curve_meets_the_tolerance(exercise_id):
    fig = exercise_figures.plot(exercise_id)
    x, y = fig.axes[0].lines[0].get_xdata(), fig.axes[0].lines[0].get_ydata()
    kind = FIGURES[exercise_id]["kind"]
    if kind == "occupancy":
        read = _read_crossing(x, y, 50.0)
    elif kind == "emax":
        read = _read_crossing(x, y, y.max() / 2)
    elif kind == "repeated_iv":  # accumulation: the last peak over the first
        read = y.max() / y[: len(y) // FIGURES[exercise_id]["n_doses"]].max()
    elif kind == "enzyme_inhibition":  # read the IC50 (a falling curve), answer Ki = IC50 / 2
        read = _read_crossing(x, -y, -50.0) / 2
    elif kind == "inhibitor_switch":  # the troughs before the last dose, with / alone
        spec = FIGURES[exercise_id]
        last_day = (spec["n_doses"] - 1) * spec["tau_h"] / 24.0
        window = (x > last_day - spec["tau_h"] / 24.0) & (x <= last_day)
        read = fig.axes[0].lines[1].get_ydata()[window].min() / y[window].min()
    else:  # oral_pk: the height of the peak
        read = y.max()
    key = KEYS[exercise_id]
    assert abs(read - key["value"]) <= _allowed(key) / 3, (exercise_id, read)
    assert checks.check(exercise_id, float(read), show=False).correct


def test_quantal_table_interpolated_as_the_exercise_says_meets_the_tolerance():
    table = exercise_figures.table("03.5")
    assert list(table.columns) == ["dose_mg_kg", "fraction_effective", "fraction_toxic"]
    log_dose = np.log10(table["dose_mg_kg"])
    ed50 = 10 ** np.interp(0.5, table["fraction_effective"], log_dose)
    td50 = 10 ** np.interp(0.5, table["fraction_toxic"], log_dose)
    key = KEYS["03.5"]
    assert abs(td50 / ed50 - key["value"]) <= _allowed(key)
    assert checks.check("03.5", td50 / ed50, show=False).correct


def test_unknown_id_and_wrong_kind_are_clear_errors():
    with pytest.raises(ValueError, match=r"no hidden figure .*'99.9'.*known: 02.5"):
        exercise_figures.plot("99.9")
    with pytest.raises(ValueError, match="use table"):
        exercise_figures.plot("03.5")
    with pytest.raises(ValueError, match="not 'quantal_table'"):
        exercise_figures.table("02.5")


def test_encode_figures_needs_a_kind():
    with pytest.raises(ValueError, match="figure 99.1: needs a 'kind'"):
        exercise_figures.encode_figures({"99.1": {"kd_nm": 3.0}})
