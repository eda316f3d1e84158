"""The same amount of kratom product in thousands of virtual people: how exposures spread
(lesson 09)."""

from __future__ import annotations

import numpy as np

from pharmacourse import plots, variability
from pharmacourse.explorers._base import Explorer, slider
from pharmacourse.explorers._mitragynine import published, tanna2022_dose_mg

__all__ = ["VariabilityExplorer", "published_sizes"]


def published_sizes() -> dict[str, float]:
    """The data behind the explorer's defaults (data/product_composition, data/human_pk).

    ``content_low``/``content_high``: mitragynine mg/g of the 8 Chicago-area products
    (Prozialeck 2020); ``k51_mg_per_g``: Tanna 2022's product; ``dose_g``: Tanna 2022's grams of
    product (its mitragynine dose / K51's content); ``cl_median``, ``cl_min``, ``cl_max`` and
    ``n``: Tanna 2022's CL/F (L/h) and the number of people in its PK table.
    """
    from pharmacourse import data

    pc = data.load("product_composition").query("analyte == 'mitragynine'")

    def content(source: str, statistic: str) -> float:
        rows = pc[(pc["source_ids"] == source) & (pc["statistic"] == statistic)]
        if len(rows) != 1:
            raise LookupError(f"data/product_composition has {len(rows)} mitragynine rows for "
                              f"{source} {statistic}; expected one")
        return float(rows["value"].iloc[0])

    hp = data.load("human_pk")
    n = hp.loc[hp["study_id"] == "tanna2022", "n_subjects"].dropna().unique()
    k51 = content("tanna2022", "mean")
    return {"content_low": content("prozialeck2020", "min"),
            "content_high": content("prozialeck2020", "max"),
            "k51_mg_per_g": k51, "dose_g": tanna2022_dose_mg() / k51,
            "cl_median": published("cl_f", "tanna2022", "median"),
            "cl_min": published("cl_f", "tanna2022", "min"),
            "cl_max": published("cl_f", "tanna2022", "max"), "n": float(n[0])}


class VariabilityExplorer(Explorer):
    """Mitragynine exposure (AUC) of a virtual population taking the same amount of product.

    Model: ``variability.exposure_population`` (AUC = dose / CL/F) for ``N`` people with a fixed
    seed. Sliders switch each source on (its published or assumed size) or off (0, or 1-fold):
    product content range (fold max/min, centred on the geometric mean of Prozialeck 2020's
    range; data), CV of CL/F (estimated from Tanna 2022's range of five people; data), body-weight
    CV (assumed), share of people taking a CYP3A4 inhibitor (assumed) and the fraction of
    clearance through CYP3A4, fm (assumed: no value found); the inhibitor leaves
    ``INHIBITED_ACTIVITY`` of CYP3A4 activity (assumed, shown on its slider). The histogram
    (log axis, fixed bins) is updated in place; dashed line: the typical person (no
    variability); dotted lines: the 5th and 95th percentiles. No band marks any exposure as
    safe or harmful.
    """

    TEXT = "Variability explorer: run this cell to move the sliders (static preview shown)"
    N = 4000
    SEED = 2026
    INHIBITED_ACTIVITY = 0.2  # CYP3A4 activity left in a person taking the inhibitor (assumed)
    EDGES = np.logspace(0.5, 4.0, 71)  # AUC bins, ng·h/mL (about 3 to 10,000)

    def __init__(self, content_fold: float | None = None, cl_cv_pct: float | None = None,
                 weight_cv_pct: float = 0.0, inhibitor_pct: float = 0.0,
                 fm_pct: float = 80.0) -> None:
        self.sizes = s = published_sizes()
        self.data_fold = s["content_high"] / s["content_low"]
        self.content_mid = float(np.sqrt(s["content_high"] * s["content_low"]))
        omega = variability.omega_from_range(s["cl_min"], s["cl_max"], int(s["n"]))
        self.data_cv_pct = 100.0 * float(np.sqrt(np.expm1(omega**2)))
        fold0 = self.data_fold if content_fold is None else content_fold
        cv0 = self.data_cv_pct if cl_cv_pct is None else cl_cv_pct
        sliders = {
            "content_fold": slider(fold0, 1.0, 20.0, 0.1, "Product content range", "fold, max/min",
                                   f"Prozialeck 2020: {self.data_fold:.1f}; 1 = off"),
            "cl_cv_pct": slider(cv0, 0.0, 100.0, 1.0, "Clearance CV", "%",
                                f"from Tanna 2022's range: {self.data_cv_pct:.0f}; 0 = off"),
            "weight_cv_pct": slider(weight_cv_pct, 0.0, 40.0, 1.0, "Body-weight CV", "%",
                                    "assumed; 0 = off"),
            "inhibitor_pct": slider(inhibitor_pct, 0.0, 50.0, 1.0,
                                    "People taking a CYP3A4 inhibitor", "%",
                                    f"assumed: leaves {self.INHIBITED_ACTIVITY:.0%} of CYP3A4 "
                                    "activity; 0 = off"),
            "fm_pct": slider(fm_pct, 0.0, 100.0, 1.0, "Share of clearance by CYP3A4, fm", "%",
                             "assumed: no value found"),
        }
        self.centres = np.sqrt(self.EDGES[:-1] * self.EDGES[1:])
        super().__init__(sliders, height_in=4.2)

    def population(self) -> dict[str, np.ndarray]:
        """The current virtual population (``variability.exposure_population``)."""
        p, s = self.params, self.sizes
        half = np.sqrt(max(p["content_fold"], 1.0))
        return variability.exposure_population(
            s["dose_g"], self.content_mid / half, self.content_mid * half, s["cl_median"],
            p["cl_cv_pct"] / 100.0, p["weight_cv_pct"] / 100.0, p["fm_pct"] / 100.0,
            p["inhibitor_pct"] / 100.0, self.N, self.SEED, self.INHIBITED_ACTIVITY)

    def typical_auc(self) -> float:
        """AUC of the typical person: median content and clearance, no inhibitor (ng·h/mL)."""
        return 1000.0 * self.sizes["dose_g"] * self.content_mid / self.sizes["cl_median"]

    def _build(self) -> None:
        ax = self.axes[0]
        self.bars = ax.stairs(np.zeros(self.centres.size), self.EDGES, fill=True, alpha=0.75,
                              color=plots.OKABE_ITO["blue"],
                              label=plots.label(f"{self.N:,} virtual people", "simulated"))
        typical = self.typical_auc()
        ax.axvline(typical, color=plots.OKABE_ITO["vermillion"], linestyle="--", linewidth=2,
                   label="Typical person, no variability (model)")
        self.lo_line = ax.axvline(typical, color=plots.OKABE_ITO["black"], linestyle=":",
                                  linewidth=2, label="5th and 95th percentiles")
        self.hi_line = ax.axvline(typical, color=plots.OKABE_ITO["black"], linestyle=":",
                                  linewidth=2)
        ax.set_xscale("log")
        ax.set_xlim(self.EDGES[0], self.EDGES[-1])
        ax.set_ylim(0, 20)
        ax.set_xlabel("Mitragynine exposure, AUC0-inf (ng·h/mL, log scale)")
        ax.set_ylabel("Virtual people (% per bin)")
        ax.set_title(" ")
        ax.legend(loc="upper left")
        self._animate(self.bars, self.lo_line, self.hi_line, ax.title)

    def _recompute(self) -> bool:
        auc = self.population()["auc_ng_h_per_ml"]
        counts, _ = np.histogram(np.clip(auc, self.EDGES[0], self.EDGES[-1] * 0.999), self.EDGES)
        self._percent = 100.0 * counts / auc.size
        self.bars.set_data(self._percent)
        self._spread = variability.spread(auc)
        self.lo_line.set_xdata([self._spread["lower"]] * 2)
        self.hi_line.set_xdata([self._spread["upper"]] * 2)
        self.axes[0].set_title(f"90 % of people: {self._spread['lower']:.0f} to "
                               f"{self._spread['upper']:.0f} ng·h/mL, "
                               f"{self._spread['fold']:.1f}-fold", fontsize=11)
        top = float(self._percent.max())
        _, ylim = self.axes[0].get_ylim()
        if top > ylim or top < 0.25 * ylim:
            self.axes[0].set_ylim(0, max(5.0, 1.15 * top))
            return True
        return False

    def describe(self) -> str:
        p, s = self.params, self._spread
        return (f"{self.N:,} simulated people, each taking {self.sizes['dose_g']:.1f} g of "
                f"product; "
                f"sources: content range {p['content_fold']:.3g}-fold, clearance CV "
                f"{p['cl_cv_pct']:.0f} %, body-weight CV {p['weight_cv_pct']:.0f} % (assumed), "
                f"{p['inhibitor_pct']:.0f} % taking a CYP3A4 inhibitor that leaves "
                f"{self.INHIBITED_ACTIVITY:.0%} of its activity, with fm "
                f"{p['fm_pct']:.0f} % (assumed): median AUC {s['median']:.0f} ng·h/mL, 90 % "
                f"between {s['lower']:.0f} and {s['upper']:.0f} ({s['fold']:.1f}-fold; model)")

    def data(self) -> dict[str, np.ndarray]:
        return {"edges": self.EDGES, "percent": np.asarray(self._percent),
                "percentiles": np.array([self._spread["lower"], self._spread["upper"]]),
                "fold": np.array(self._spread["fold"])}
