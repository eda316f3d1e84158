"""Confounding: a substance found in overdose deaths that it need not have caused (lesson 08).

A hypothetical population (every parameter assumed, none a measured kratom value): people who use
other drugs are more likely to use the substance *and* far more likely to die of an overdose.
The learner sets the substance's true effect on the risk of death and how strongly its use goes
with other drug use, and reads two things: the crude risk ratio a naive comparison would report,
and the share of substance-positive deaths in which other drugs are present, set against the share
observed in a real surveillance series (passed in by the lesson).
"""

from __future__ import annotations

import numpy as np

from pharmacourse import epi, plots
from pharmacourse.explorers._base import Explorer, slider

__all__ = ["ConfoundingExplorer"]

_RR_LABELS = ["true effect\n(set by you)", "naive comparison\n(crude)"]
# the excess fraction: deaths that would not have happened without the substance, which is not
# the share in which it played any causal part (review 08-22)
_SHARE_LABELS = ["with other\ndrugs present", "would not happen\nwithout it (model)"]


class ConfoundingExplorer(Explorer):
    """Confounding by other drug use, in a hypothetical population (all parameters assumed).

    Sliders: ``rr_substance``, the substance's true risk ratio of death (1 = it causes no
    deaths), and ``association``, how many times as common its use is among people who use other
    drugs as among people who do not. Fixed (constructor, assumed): ``p_other``, the share using
    other drugs; ``use_if_none``, the substance's use among people not using other drugs;
    ``rr_other``, the risk ratio of death for other drugs. ``observed`` (label -> percent) draws
    published shares as dashed lines on the right panel.

    Left: the true risk ratio beside the crude one (:func:`pharmacourse.epi.crude_risk_ratio`).
    Right: the share of substance-positive deaths with other drugs present
    (:func:`pharmacourse.epi.share_with_other_drugs`) and the excess fraction, the share that
    would not have happened without the substance
    (:func:`pharmacourse.epi.attributable_fraction_exposed`).
    """

    TEXT = "Confounding explorer: run this cell to move the sliders (static preview shown)"

    def __init__(self, rr_substance: float = 1.0, association: float = 10.0,
                 p_other: float = 0.05, use_if_none: float = 0.007, rr_other: float = 50.0,
                 observed: dict[str, float] | None = None) -> None:
        self.fixed = {"p_other": p_other, "use_if_none": use_if_none, "rr_other": rr_other}
        if not 0 < use_if_none * 30.0 < 1:
            raise ValueError(f"use_if_none must be above 0 and below 1/30 (the largest "
                             f"association times it must stay a fraction), got {use_if_none!r}")
        self.observed = dict(observed or {})
        sliders = {
            "rr_substance": slider(rr_substance, 1.0, 5.0, 0.1, "True risk ratio of the substance",
                                   "", "assumed; 1 = causes no deaths", readout_format=".1f"),
            "association": slider(association, 1.0, 30.0, 0.02, "Use among people using other "
                                  "drugs vs others", "times", "assumed", log=True,
                                  readout_format=".1f"),
        }
        super().__init__(sliders, width_in=8.0, height_in=4.4, ncols=2)

    def _args(self, rr_substance: float, association: float) -> tuple[float, ...]:
        return (self.fixed["p_other"], self.fixed["use_if_none"] * association,
                self.fixed["use_if_none"], self.fixed["rr_other"], rr_substance)

    def _crude(self, rr_substance: float, association: float) -> float:
        return float(epi.crude_risk_ratio(*self._args(rr_substance, association)))

    def _model(self) -> tuple[float, float, float]:
        rr, association = self.params["rr_substance"], self.params["association"]
        with_other = epi.share_with_other_drugs(*self._args(rr, association))
        return (self._crude(rr, association), 100.0 * float(with_other),
                100.0 * float(epi.attributable_fraction_exposed(rr)))

    def _build(self) -> None:
        ax_rr, ax_share = self.axes
        colours = [plots.OKABE_ITO["blue"], plots.OKABE_ITO["vermillion"]]
        self.rr_bars = ax_rr.bar([0, 1], [1.0, 1.0], bottom=0.8, color=colours, hatch=["", "//"],
                                 edgecolor="black", width=0.6)
        ax_rr.axhline(1.0, color=plots.OKABE_ITO["black"], linewidth=1.5, linestyle=":")
        ax_rr.set_xticks([0, 1], _RR_LABELS)
        ax_rr.set_ylabel("Risk ratio of death (log scale)")
        ax_rr.set_yscale("log")
        top = 1.3 * max(self._crude(rr, a) for rr in (1.0, 5.0) for a in (1.0, 30.0))
        ax_rr.set_ylim(0.8, top)
        ticks = [t for t in (1, 2, 5, 10, 20, 50, 100) if t < top]
        ax_rr.set_yticks(ticks, [str(t) for t in ticks])
        ax_rr.minorticks_off()
        self.share_bars = ax_share.bar([0, 1], [0.0, 0.0], color=colours, hatch=["", "//"],
                                       edgecolor="black", width=0.6)
        for i, (label, percent) in enumerate(self.observed.items()):
            ax_share.axhline(percent, color=plots.OKABE_ITO["black"], linewidth=1.5,
                             linestyle=plots.LINESTYLES[(i + 1) % len(plots.LINESTYLES)],
                             label=f"{label}: {percent:.1f} % (published)")
        ax_share.set_xticks([0, 1], _SHARE_LABELS)
        ax_share.set_ylim(0, 105)
        ax_share.set_ylabel("Share of substance-positive deaths (%)")
        if self.observed:
            self.fig.legend(loc="outside lower center")
        ax_rr.set_title("Risk ratio: set vs seen")
        ax_share.set_title("Among substance-positive deaths")
        self.fig.suptitle("Hypothetical population, assumed parameters (not kratom data)")
        self._animate(*self.rr_bars, *self.share_bars)

    def _recompute(self) -> bool:
        crude, with_other, caused = self._model()
        self.rr_bars[0].set_height(self.params["rr_substance"] - 0.8)
        self.rr_bars[1].set_height(crude - 0.8)
        self.share_bars[0].set_height(with_other)
        self.share_bars[1].set_height(caused)
        return False

    def describe(self) -> str:
        crude, with_other, caused = self._model()
        return (f"Hypothetical population, assumed parameters: true risk ratio "
                f"{self.params['rr_substance']:.1f}, use {self.params['association']:.1f} times as "
                f"common among people using other drugs; a naive comparison gives a risk ratio of "
                f"{crude:.1f}; other drugs present in {with_other:.1f} % of substance-positive "
                f"deaths; {caused:.1f} % of them would not have happened without the substance "
                f"(excess fraction, model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"risk_ratio": np.array([b.get_y() + b.get_height() for b in self.rr_bars]),
                "share_percent": np.array([b.get_height() for b in self.share_bars])}
