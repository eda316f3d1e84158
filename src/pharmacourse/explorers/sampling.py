"""Selection bias: the prevalence a sample reports as recruitment favours users (lesson 01)."""

from __future__ import annotations

import numpy as np

from pharmacourse import epi, plots
from pharmacourse.explorers._base import Explorer, point, slider

__all__ = ["SamplingExplorer"]


class SamplingExplorer(Explorer):
    """Selection bias: the prevalence a sample reports as recruitment favours users.

    Sliders: the true past-year prevalence (%) and the recruitment ratio r (how many times as
    likely a person who uses kratom is to join the sample). The curve is the model
    ``epi.sample_prevalence`` for r from 1 to 100; the marker is the chosen r. Horizontal lines
    are published estimates passed in by the lesson (label -> percent), e.g. from
    data/prevalence; the default true prevalence is the first of them if none is given.
    """

    TEXT = "Sampling explorer: run this cell to move the sliders (static preview shown)"

    def __init__(self, p_true_percent: float = 0.7, recruitment: float = 1.0,
                 published: dict[str, float] | None = None) -> None:
        self.published = dict(published or {})
        sliders = {
            "p_true_percent": slider(p_true_percent, 0.1, 5.0, 0.05, "True past-year prevalence",
                                     "%", "assumed", readout_format=".2f"),
            "recruitment": slider(recruitment, 1.0, 100.0, 0.02, "Recruitment ratio r", "",
                                  "users vs others", log=True),
        }
        self.r_grid = np.logspace(0, 2, 300)
        super().__init__(sliders)

    def _build(self) -> None:
        ax = self.axes[0]
        for i, (name, value) in enumerate(self.published.items()):
            ax.axhline(value, color=plots.OKABE_ITO["black"],
                       linestyle=plots.LINESTYLES[(i + 1) % len(plots.LINESTYLES)], linewidth=1.5,
                       label=f"{name}: {value:g} % (published)")
        (self.line,) = ax.plot(self.r_grid, np.zeros_like(self.r_grid), **plots.series_style(0),
                               label="Sample estimate (model)")
        (self.marker,) = ax.plot([1.0], [0.0], marker="o", markersize=9, linestyle="none",
                                 color=plots.OKABE_ITO["vermillion"], label="Chosen r")
        ax.set_xscale("log")
        ax.set_xlabel("Recruitment ratio r (log scale)")
        ax.set_ylabel("Past-year use the sample reports (%)")
        ax.set_title(" ")
        ax.legend(loc="upper left")
        self._animate(self.line, self.marker, ax.title)

    def _recompute(self) -> bool:
        p = self.params["p_true_percent"] / 100.0
        r = self.params["recruitment"]
        curve = 100.0 * epi.sample_prevalence(p, self.r_grid)
        self.line.set_ydata(curve)
        here = 100.0 * float(epi.sample_prevalence(p, r))
        self.marker.set_data([r], [here])
        self.axes[0].set_title(f"True {100 * p:.2g} %, users {r:.3g}x as likely to join: "
                               f"the sample reports {here:.1f} %")
        top = max(float(curve.max()), *self.published.values(), 1.0)
        _, ylim = self.axes[0].get_ylim()
        if top > ylim or top < 0.5 * ylim:
            self.axes[0].set_ylim(0, 1.1 * top)
            return True
        return False

    def describe(self) -> str:
        r, here = point(self.marker)
        return (f"True past-year prevalence {self.params['p_true_percent']:.2g} %, recruitment "
                f"ratio r = {r:.3g} (users vs others): the sample reports {here:.1f} % (model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"r": self.r_grid, "sample_percent": np.asarray(self.line.get_ydata()),
                "marker": point(self.marker)}
