"""Figures and tables of the "read the plot" exercises, drawn from parameters nobody can read off.

A read-the-plot exercise asks for a value (a Kd, an EC50, a Cmax) that the learner must read from
a figure. If the notebook cell drawing it said ``kd_nm = 40``, the exercise would hand out its
answer. So the exercise cell calls::

    from pharmacourse import exercise_figures
    exercise_figures.plot("02.5")          # draws the figure and returns it
    exercise_figures.table("03.5")         # a simulated table (pandas DataFrame)

and the parameters come from ``exercise_figures.json`` next to this module, written by
``scripts/build_exercise_keys.py`` from the ``figures()`` function of each lesson's key module in
``solutions/keys/`` (the single source of the hidden parameters, next to the answer they give).
Numbers are stored obfuscated like the answer keys (``pharmacourse.checks.encode_number``):
against accidental reading, not security. Neither the figure, nor its title, legend or the
returned objects' repr print a hidden parameter.

Kinds of figure (the ``kind`` of an entry):
    ``occupancy``      occupancy curve, [L] / ([L] + Kd); parameter ``kd_nm``
    ``emax``           Emax/Hill curve of a partial agonist; ``emax_pct``, ``ec50_nm``, ``hill``
    ``quantal_table``  probit quantal table; ``ed50``, ``td50``, ``slope`` (mg/kg) (``table``)
    ``oral_pk``        one-compartment oral curve; ``dose_mg``, ``v_l``, ``k_per_h``,
                       ``ka_per_h``, ``y_max`` (axis top, ng/mL), ``y_step`` (grid, ng/mL)
    ``repeated_iv``    repeated intravenous boluses, one compartment; ``dose_mg``, ``v_l``,
                       ``k_per_h``, ``tau_h``, ``n_doses``, ``y_max`` and ``y_step`` (mg/L)
    ``enzyme_inhibition``  enzyme activity left vs inhibitor concentration, 100 / (1 + [I] /
                       IC50); parameter ``ic50_um``
    ``inhibitor_switch`` repeated oral doses alone and with an inhibitor started part-way;
                       ``dose_mg``, ``v_l``, ``k_per_h``, ``ka_per_h``, ``tau_h``, ``n_doses``,
                       ``fm``, ``fold``, ``start_h``, ``y_max``, ``y_step``
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy.special import ndtr

from pharmacourse import plots
from pharmacourse.checks import _decode_number, encode_number
from pharmacourse.interactions import auc_ratio_from_fm
from pharmacourse.pk import (
    mg_per_l_to_ng_per_ml,
    multiple_dose_oral,
    multiple_dose_oral_ke_change,
    one_compartment_iv_bolus,
    one_compartment_oral,
)

__all__ = ["FIGURES_PATH", "encode_figures", "plot", "table"]

#: Written by scripts/build_exercise_keys.py from solutions/keys/ (never by hand).
FIGURES_PATH = Path(__file__).with_name("exercise_figures.json")

#: Doses of the simulated quantal table (mg/kg): widely spaced, as in a real experiment.
QUANTAL_DOSES_MG_KG = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


def _token_id(exercise_id: str, name: str) -> str:
    return f"figure:{exercise_id}:{name}"


def encode_figures(figures: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The stored form of the key modules' ``figures()``: numbers obfuscated, ``kind`` plain."""
    out = {}
    for exercise_id, spec in sorted(figures.items()):
        if "kind" not in spec:
            raise ValueError(f"figure {exercise_id}: needs a 'kind'")
        entry = {"kind": spec["kind"]}
        for name, value in sorted(spec.items()):
            if name != "kind":
                entry[name] = encode_number(_token_id(exercise_id, name), float(value))
        out[exercise_id] = entry
    return out


@cache
def _stored(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["figures"]


def _kind(exercise_id: str) -> str:
    figures = _stored(str(FIGURES_PATH))
    if exercise_id not in figures:
        raise ValueError(
            f"no hidden figure is registered for exercise {exercise_id!r}; known: "
            f"{', '.join(sorted(figures))}"
        )
    return figures[exercise_id]["kind"]


def _parameters(exercise_id: str, kind: str) -> dict[str, float]:
    found = _kind(exercise_id)
    if found != kind:
        raise ValueError(f"exercise {exercise_id!r} has a {found!r} figure, not {kind!r}")
    entry = _stored(str(FIGURES_PATH))[exercise_id]
    return {
        name: _decode_number(_token_id(exercise_id, name), token)
        for name, token in entry.items()
        if name != "kind"
    }


def _log_axis(ax, x_label: str) -> None:
    ax.set_xscale("log")
    ax.set_yticks(np.arange(0, 101, 10))
    ax.grid(True, which="major", color="0.55", alpha=0.8, linewidth=0.9)
    ax.grid(True, which="minor", axis="x", color="0.7", alpha=0.8, linewidth=0.5)
    ax.set_xlabel(x_label)


def _occupancy(ax, p: dict[str, float]) -> None:
    conc_nm = np.logspace(0, 4, 400)
    ax.plot(conc_nm, 100 * conc_nm / (conc_nm + p["kd_nm"]), **plots.series_style(0),
            label=plots.label("invented ligand", "model"))
    _log_axis(ax, "Free ligand concentration (nM, log scale)")
    ax.set_xlim(1, 10000)
    ax.axhline(50, color="0.3", linewidth=1, linestyle=":")
    ax.set_ylabel("Receptors occupied (%)")
    ax.set_title("Occupancy curve of an invented ligand")
    ax.legend(loc="upper left")


def _emax(ax, p: dict[str, float]) -> None:
    conc_nm = np.logspace(0, 5, 500)
    ratio = (conc_nm / p["ec50_nm"]) ** p["hill"]
    ax.plot(conc_nm, p["emax_pct"] * ratio / (1 + ratio), **plots.series_style(0),
            label=plots.label("drug Z", "model"))
    _log_axis(ax, "Concentration of drug Z (nM, log scale)")
    ax.set_xlim(1, 100000)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Effect (% of system maximum)")
    ax.set_title("Drug Z: a partial agonist")
    ax.legend(loc="upper left")


def _concentration_axes(ax, p: dict[str, float], x_max: float, x_step: float,
                        x_label: str) -> None:
    """Time axis from 0, concentration axis 0-y_max (ng/mL) with grid lines every y_step."""
    ax.set_xlim(0, x_max)
    ax.set_ylim(0, p["y_max"])
    ax.set_xticks(np.arange(0, x_max + 1e-9, x_step))
    ax.set_yticks(np.arange(0, p["y_max"] + 1e-9, p["y_step"]))
    ax.grid(True, color="0.8")
    ax.set_xlabel(x_label)
    ax.set_ylabel("Plasma concentration (ng/mL)")


def _oral_pk(ax, p: dict[str, float]) -> None:
    t_h = np.linspace(0, 24, 961)
    conc = mg_per_l_to_ng_per_ml(
        one_compartment_oral(t_h, p["dose_mg"], p["v_l"], p["k_per_h"], p["ka_per_h"])
    )
    ax.plot(t_h, conc, **plots.series_style(0),
            label=plots.label("hypothetical drug", "simulated"))
    _concentration_axes(ax, p, 24.0, 2.0, "Time after the dose (h)")
    ax.set_title("Simulated single oral dose of a hypothetical drug")
    ax.legend(loc="upper right")


def _repeated_iv(ax, p: dict[str, float]) -> None:
    n_doses = int(round(p["n_doses"]))
    end_h = n_doses * p["tau_h"]
    t_h = np.linspace(0, end_h, 4001)
    doses = np.arange(n_doses)[:, None] * p["tau_h"]
    conc = one_compartment_iv_bolus(t_h[None, :] - doses, p["dose_mg"], p["v_l"],
                                    p["k_per_h"]).sum(axis=0)
    ax.plot(t_h, conc, **plots.series_style(0),
            label=plots.label("hypothetical drug, repeated injections", "simulated"))
    ax.set_xlim(0, end_h)
    ax.set_ylim(0, p["y_max"])
    ax.set_yticks(np.arange(0, p["y_max"] + 1e-9, p["y_step"]))
    ax.grid(True, color="0.8")
    ax.set_xlabel("Time since the first dose (h)")
    ax.set_ylabel("Plasma concentration (mg/L)")
    ax.set_title("Simulated repeated doses of a hypothetical drug")
    ax.legend(loc="lower right")


def _enzyme_inhibition(ax, p: dict[str, float]) -> None:
    conc_um = np.logspace(-2, 3, 500)
    ax.plot(conc_um, 100 / (1 + conc_um / p["ic50_um"]), **plots.series_style(0),
            label=plots.label("drug Q, CYP3A probe reaction", "simulated"))
    _log_axis(ax, "Concentration of drug Q (µM, log scale)")
    ax.set_xlim(0.01, 1000)
    ax.set_ylim(0, 105)
    ax.axhline(50, color="0.3", linewidth=1, linestyle=":")
    ax.set_ylabel("CYP3A activity left (% of control)")
    ax.set_title("Drug Q inhibits CYP3A in liver microsomes")
    ax.legend(loc="lower left")


def _inhibitor_switch(ax, p: dict[str, float]) -> None:
    n, tau = int(round(p["n_doses"])), p["tau_h"]
    t_h = np.linspace(0, n * tau, 40 * n + 1)
    k_after = p["k_per_h"] / float(auc_ratio_from_fm(p["fm"], p["fold"]))
    alone = multiple_dose_oral(t_h, p["dose_mg"], tau, n, p["v_l"], p["k_per_h"], p["ka_per_h"])
    both = multiple_dose_oral_ke_change(t_h, p["dose_mg"], tau, n, p["v_l"], p["k_per_h"],
                                        k_after, p["start_h"], p["ka_per_h"])
    days = t_h / 24.0
    ax.plot(days, mg_per_l_to_ng_per_ml(alone), **plots.series_style(0),
            label=plots.label("drug alone", "simulated"))
    ax.plot(days, mg_per_l_to_ng_per_ml(both), **plots.series_style(1),
            label=plots.label("with an inhibitor", "simulated"))
    ax.axvline(p["start_h"] / 24.0, color=plots.OKABE_ITO["black"], linestyle=":",
               linewidth=1.2, label="inhibitor started")
    _concentration_axes(ax, p, n * tau / 24.0, 1.0, "Time since the first dose (days)")
    ax.set_title("Simulated repeated doses of a hypothetical drug")
    ax.legend(loc="upper left")


_DRAW = {"occupancy": _occupancy, "emax": _emax, "oral_pk": _oral_pk,
         "repeated_iv": _repeated_iv, "enzyme_inhibition": _enzyme_inhibition,
         "inhibitor_switch": _inhibitor_switch}


def plot(exercise_id: str, ax=None) -> Figure:
    """Draw the figure of a read-the-plot exercise (e.g. ``plot("02.5")``) and return it.

    Args:
        exercise_id: the exercise's id, as in its check cell.
        ax: a matplotlib Axes to draw on; by default a new figure (pyplot, so it shows inline).
    """
    kind = _kind(exercise_id)
    if kind not in _DRAW:
        raise ValueError(f"exercise {exercise_id!r} has a {kind!r} entry: use table(), not plot()")
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    _DRAW[kind](ax, _parameters(exercise_id, kind))
    return ax.figure


def table(exercise_id: str) -> pd.DataFrame:
    """The simulated table of an exercise (``quantal_table``: dose and fractions responding)."""
    p = _parameters(exercise_id, "quantal_table")
    dose = np.array(QUANTAL_DOSES_MG_KG, dtype=float)
    return pd.DataFrame({
        "dose_mg_kg": np.array(QUANTAL_DOSES_MG_KG),
        "fraction_effective": ndtr(p["slope"] * np.log10(dose / p["ed50"])).round(3),
        "fraction_toxic": ndtr(p["slope"] * np.log10(dose / p["td50"])).round(3),
    })
