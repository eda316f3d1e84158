"""Self-checks for the "your turn" cells of the Python primer (lesson 00a).

The primer has no graded exercises (``exercises: false`` in ``course.yml``); these checks let a
learner confirm that a pattern the later exercises need works in their hands: filtering rows,
picking one value, a formula on a column and a labelled plot. Each check recomputes what it
expects from ``data/`` itself, so the notebook cell shows the learner's code, not the answer, and
each returns the same feedback object as :func:`pharmacourse.checks.check`.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from pharmacourse import data
from pharmacourse.checks import CORRECT, INCORRECT, NOT_ANSWERED, CheckResult

OH = "7-hydroxymitragynine"


def _half_lives() -> pd.DataFrame:
    pk = data.load("human_pk")
    return pk[pk["parameter"] == "t_half"]


def _not_answered(task: str) -> CheckResult:
    return CheckResult(
        task, NOT_ANSWERED, "replace the ... with your code, then run the cell again."
    )


def _result(task: str, ok: bool, right: str, hint: str) -> CheckResult:
    if ok:
        return CheckResult(task, CORRECT, right)
    return CheckResult(task, INCORRECT, "the result does not match yet.", hint)


def check_filter(rows: Any) -> CheckResult:
    """Your turn 1: ``rows`` must be the half-life rows of 7-hydroxymitragynine."""
    task = "your turn 1"
    if rows is Ellipsis:
        return _not_answered(task)
    if not isinstance(rows, pd.DataFrame):
        return _result(
            task,
            False,
            "",
            f"expected a table (DataFrame), got {type(rows).__name__}: "
            "put the condition inside half_lives[...].",
        )
    expected = _half_lives()
    expected = expected[expected["analyte"] == OH]
    ok = (
        "analyte" in rows.columns
        and set(rows["analyte"]) == {OH}
        and "parameter" in rows.columns
        and set(rows["parameter"]) == {"t_half"}
        and len(rows) == len(expected)
    )
    return _result(
        task,
        ok,
        f"{len(rows)} half-life rows of {OH}.",
        "Re-read section 5: start from half_lives and compare the analyte column with "
        f"{OH!r} (spelled exactly so, with ==).",
    )


def check_value(value: Any) -> CheckResult:
    """Your turn 4: ``value`` must be Tanna 2022's median half-life of 7-OH, as a bare number."""
    task = "your turn 4"
    if value is Ellipsis:
        return _not_answered(task)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return _result(
            task,
            False,
            "",
            "that is still a table or a column: take the bare number out with .item() (section 8).",
        )
    try:
        number = float(value)
    except (TypeError, ValueError):
        return _result(task, False, "", f"expected a number, got {type(value).__name__}.")
    rows = _half_lives()
    rows = rows[
        (rows["study_id"] == "tanna2022")
        & (rows["analyte"] == OH)
        & (rows["statistic"] == "median")
    ]
    expected = float(rows["value"].item())
    return _result(
        task,
        math.isclose(number, expected, rel_tol=1e-9),
        "that is the median half-life of 7-OH in Tanna 2022, in hours.",
        "Re-read section 8: keep the row of study tanna2022, analyte "
        f"{OH}, parameter t_half and statistic median, then take the value with .item().",
    )


def check_column(table: Any, column: str = "value_d") -> CheckResult:
    """Your turn 2: ``table`` must have a column ``column`` = the half-life in days (value / 24)."""
    task = "your turn 2"
    if table is Ellipsis or (
        isinstance(table, pd.DataFrame)
        and column in table.columns
        and all(v is Ellipsis for v in table[column])
    ):
        return _not_answered(task)
    if not isinstance(table, pd.DataFrame) or column not in table.columns:
        return _result(
            task,
            False,
            "",
            f"the table has no column {column!r} yet: write "
            f"table[{column!r}] = ... with a formula on the value column.",
        )
    if set(table.get("unit", pd.Series(["h"]))) != {"h"}:
        return _result(task, False, "", "use the table of median half-lives, whose unit is h.")
    ok = bool(len(table)) and all(
        math.isclose(d, h / 24, rel_tol=1e-9)
        for d, h in zip(table[column], table["value"], strict=True)
    )
    return _result(
        task,
        ok,
        "each half-life is now also in days.",
        "Re-read section 5's last cell: hours become days when divided by 24.",
    )


def check_plot(ax: Any, n_bars: int) -> CheckResult:
    """Your turn 3: ``ax`` must hold ``n_bars`` bars and label both axes and the title."""
    task = "your turn 3"
    if ax is Ellipsis:
        return _not_answered(task)
    if hasattr(ax, "patches") and not (ax.patches or ax.lines or ax.get_xlabel() or ax.get_title()):
        import matplotlib.pyplot as plt

        plt.close(ax.figure)  # nothing drawn yet: do not show an empty figure
        return _not_answered(task)
    if not hasattr(ax, "patches") or not hasattr(ax, "get_xlabel"):
        return _result(task, False, "", "pass the axes of your figure: fig, ax = plt.subplots().")
    missing = [
        what
        for what, text in (
            ("x axis", ax.get_xlabel()),
            ("y axis", ax.get_ylabel()),
            ("title", ax.get_title()),
        )
        if not text.strip()
    ]
    bars = len(ax.patches)
    if bars != n_bars:
        return _result(
            task, False, "", f"the axes hold {bars} bars; expected one per row ({n_bars})."
        )
    return _result(
        task,
        not missing,
        "one bar per alkaloid, both axes and the title labelled.",
        "label the " + ", the ".join(missing) + " (section 7: every axis states its unit).",
    )
