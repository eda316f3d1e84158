"""Interactive figures the lessons embed: PK, dose-response, occupancy, DDI and sampling.

Plotting route: a matplotlib figure drawn on the Agg canvas (no pyplot), encoded to PNG and shown
in an ``ipywidgets.Image`` (CSS class ``explorer-plot``) inside a ``VBox`` (class ``explorer``)
with the sliders. Why: it needs no JupyterLab extension beyond ipywidgets (ipympl is one more
extension to break on Binder), renders the same in nbval, a static page and a browser test, and
a stored notebook keeps a picture. A slider change updates the existing artists in place
(``set_data``/``set_ydata``/``set_height``) and re-encodes the PNG; it never rebuilds the figure.

Each explorer:
- ``explorer.update(**params)`` recomputes and redraws (pure; the benchmark and tests call it);
- ``explorer.sliders[name]`` is the widget for a parameter, with a label and units, usable with
  the keyboard (Tab to a slider, arrow keys to move it);
- ``explorer.data()`` returns the plotted arrays, so a test can compare them with the model;
- ``_repr_mimebundle_`` adds an ``image/png`` preview and a stable ``text/plain`` line.

Safety frame: dose sliders stay within the doses published human studies used, and say so; no
kratom plot shows a therapeutic, safe or toxic band (none is established). Parameters without a
published value (ka, fm, Fg) are labelled "assumed" in the legend.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np

from pharmacourse import epi, interactions, pd, pk, plots

__all__ = [
    "DDICalculator",
    "DoseResponseExplorer",
    "Explorer",
    "OccupancyExplorer",
    "PKExplorer",
    "PUBLISHED_MG_DOSE_RANGE_MG",
    "SamplingExplorer",
    "SingleDosePKExplorer",
]

#: Range of single mitragynine doses given in the published human studies (data/human_pk,
#: dose_description): 6.25 mg (lowest, Trakulsrichai 2015) to 53.2 mg (highest, Huestis 2024).
PUBLISHED_MG_DOSE_RANGE_MG = (6.25, 53.2)
_DOSE_LABEL = ("Mitragynine dose (mg; {:g}-{:g} mg used in published studies)"
               .format(*PUBLISHED_MG_DOSE_RANGE_MG))


def _published(parameter: str, study: str, statistic: str, analyte: str = "mitragynine") -> float:
    """One value from data/human_pk (raises if absent: explorers never invent numbers)."""
    from pharmacourse import data

    df = data.load("human_pk")
    sel = df[(df["study_id"] == study) & (df["analyte"] == analyte)
             & (df["parameter"] == parameter) & (df["statistic"] == statistic)]
    if len(sel) != 1:
        raise LookupError(f"data/human_pk has {len(sel)} rows for {study} {analyte} "
                          f"{parameter} {statistic}; expected one")
    return float(sel["value"].iloc[0])


def _tanna2022_dose_mg() -> float:
    """Mitragynine in the single 2 g kratom dose of Tanna 2022 (about 39 mg, data/human_pk)."""
    from pharmacourse import data

    df = data.load("human_pk")
    doses = df.loc[df["study_id"] == "tanna2022", "mg_dose_mg"].dropna().unique()
    if len(doses) != 1:
        raise LookupError(f"expected one mitragynine dose for tanna2022, found {list(doses)}")
    return float(doses[0])


def _inhibition(enzyme: str, parameter: str, source: str) -> float:
    from pharmacourse import data

    df = data.load("enzyme_inhibition")
    sel = df[(df["inhibitor"] == "mitragynine") & (df["enzyme"] == enzyme)
             & (df["parameter"] == parameter) & (df["source_ids"] == source)]
    if len(sel) != 1:
        raise LookupError(f"data/enzyme_inhibition has {len(sel)} rows for mitragynine {enzyme} "
                          f"{parameter} ({source}); expected one")
    return float(sel["value"].iloc[0])


class Explorer(widgets.VBox):
    """Base class: sliders + a PNG figure, updated in place. Subclasses define the model."""

    #: Stable one-line description for text/plain (nbval compares it).
    TEXT: ClassVar[str] = "Explorer: run this cell to move the sliders (static preview shown)"

    def __init__(self, sliders: dict[str, widgets.Widget], width_in: float = 7.0,
                 height_in: float = 4.0, ncols: int = 1) -> None:
        self.sliders = sliders
        self.fig, self.axes = plots.new_figure(width_in, height_in, ncols)
        self.params: dict[str, float] = {k: float(s.value) for k, s in sliders.items()}
        self._animated: list[Any] = []
        self._background: Any = None
        self._build()
        for artist in self._animated:
            artist.set_animated(True)
        self._recompute()
        self._initial_png = self._render(full=True)
        self.image = widgets.Image(value=self._initial_png, format="png",
                                   layout=widgets.Layout(width="100%", max_width="720px"))
        self.image.add_class("explorer-plot")
        for name, slider in sliders.items():
            slider.observe(self._on_change(name), names="value")
        super().__init__(children=[*sliders.values(), self.image])
        self.add_class("explorer")

    def _animate(self, *artists: Any) -> None:
        """Register the artists that change with the sliders (redrawn over a cached background)."""
        self._animated.extend(artists)

    def _render(self, full: bool = False) -> bytes:
        """Draw and encode the figure. The static part (axes, ticks, labels, legend) is drawn once
        and cached; an update restores it and draws only the changing artists (blitting)."""
        canvas = self.fig.canvas
        if full or self._background is None:
            canvas.draw()  # animated artists are skipped here
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self._animated:
            self.fig.draw_artist(artist)
        return _encode_png(canvas)

    # -- to implement -------------------------------------------------------------------------
    def _build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _recompute(self) -> bool:  # pragma: no cover - abstract
        """Update the artists from ``self.params``; return True if the static part changed
        (e.g. an axis limit), which forces a full redraw."""
        raise NotImplementedError

    def data(self) -> dict[str, np.ndarray]:  # pragma: no cover - abstract
        """The arrays currently plotted."""
        raise NotImplementedError

    # -- shared -------------------------------------------------------------------------------
    def _on_change(self, name: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            if not getattr(self, "_syncing", False):
                self.update(**{name: change["new"]})

        return handler

    def update(self, **params: float) -> bytes:
        """Set parameters (by slider name), recompute the model, redraw; returns the PNG bytes.

        Slider widgets are moved to match, without triggering a second redraw.
        """
        unknown = set(params) - set(self.sliders)
        if unknown:
            raise KeyError(f"unknown parameters {sorted(unknown)}; known: {sorted(self.sliders)}")
        self.params.update({k: float(v) for k, v in params.items()})
        full = bool(self._recompute())
        png = self._render(full=full)
        if hasattr(self, "image"):
            self._syncing = True
            try:
                for name in params:
                    if float(self.sliders[name].value) != self.params[name]:
                        self.sliders[name].value = self.params[name]
            finally:
                self._syncing = False
            self.image.value = png
        return png

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # (data, metadata)
            bundle = bundle[0]
        bundle = dict(bundle or {})
        bundle["image/png"] = base64.b64encode(self._initial_png).decode("ascii")
        bundle["text/plain"] = self.TEXT
        return bundle


def _encode_png(canvas: Any) -> bytes:
    """PNG bytes of the canvas buffer (Pillow, fast compression, no timestamps: deterministic)."""
    from PIL import Image

    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _slider(value: float, lo: float, hi: float, step: float, description: str,
            readout_format: str = ".3g", log: bool = False) -> widgets.Widget:
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="95%", max_width="640px")
    if log:
        return widgets.FloatLogSlider(value=value, base=10, min=math.log10(lo), max=math.log10(hi),
                                      step=step, description=description, style=style,
                                      layout=layout, readout_format=readout_format,
                                      continuous_update=True)
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               style=style, layout=layout, readout_format=readout_format,
                               continuous_update=True)


def _mitragynine_sliders(dose_mg: float | None,
                         t_half_h: float | None) -> tuple[widgets.Widget, widgets.Widget]:
    """Dose and half-life sliders of the PK explorers, starting at Tanna 2022's dose and median
    half-life (data/human_pk) unless given; the dose range is that of the published studies."""
    dose0 = _tanna2022_dose_mg() if dose_mg is None else dose_mg
    t_half0 = _published("t_half", "tanna2022", "median") if t_half_h is None else t_half_h
    lo, hi = PUBLISHED_MG_DOSE_RANGE_MG
    return (_slider(dose0, lo, hi, 0.05, _DOSE_LABEL),
            _slider(t_half0, 5.0, 80.0, 0.1, "Half-life (h)"))


def _point(line: Any) -> np.ndarray:
    """The (x, y) of a one-point marker line, as a float array."""
    x, y = line.get_data()
    return np.array([x[0], y[0]], dtype=float)


# ---------------------------------------------------------------------------------------------
class PKExplorer(Explorer):
    """Repeated oral dosing of mitragynine: dose, interval, half-life and ka.

    Model: one-compartment oral, superposition of equal doses (``pk.multiple_dose_oral``), with
    the apparent volume Vz/F = 12,700 L (Tanna 2022 median, data/human_pk). Half-life starts at
    Tanna 2022's median 45.3 h; ka has no published value (the studies report tmax about 1 h) and
    is marked "assumed". The dashed line is the average steady-state concentration
    F Dose / (CL tau). The default dose is the mitragynine content of Tanna 2022's 2 g dose.

    Limitation (say it in the lesson): Tanna 2022 fitted two compartments; one compartment with
    the terminal volume reproduces the slow accumulation and the time to steady state but not the
    early peak (it underestimates Cmax several-fold). Read times and ratios here, not peaks.
    """

    TEXT = "PK explorer: run this cell to move the sliders (static preview shown)"
    DAYS = 21.0

    def __init__(self, dose_mg: float | None = None, tau_h: float = 24.0,
                 t_half_h: float | None = None, ka_per_h: float = 2.0) -> None:
        self.v_l = _published("vz_f", "tanna2022", "median")
        dose, t_half = _mitragynine_sliders(dose_mg, t_half_h)
        sliders = {
            "dose_mg": dose,
            "tau_h": _slider(tau_h, 6.0, 48.0, 1.0, "Dosing interval (h)"),
            "t_half_h": t_half,
            "ka_per_h": _slider(ka_per_h, 0.2, 10.0, 0.1,
                                "Absorption rate constant ka (1/h, assumed)"),
        }
        self.t_h = np.linspace(0.0, self.DAYS * 24.0, 2000)
        super().__init__(sliders)

    def _model(self) -> tuple[np.ndarray, float, float]:
        p = self.params
        ke = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
        n_doses = int(np.ceil(self.t_h[-1] / p["tau_h"]))
        c = pk.mg_per_l_to_ng_per_ml(
            pk.multiple_dose_oral(self.t_h, p["dose_mg"], p["tau_h"], n_doses, self.v_l, ke,
                                  p["ka_per_h"]))
        css = float(pk.mg_per_l_to_ng_per_ml(
            pk.average_steady_state_conc_mg_per_l(p["dose_mg"], p["tau_h"], ke * self.v_l)))
        t90 = float(pk.time_to_fraction_of_steady_state_h(0.9, p["t_half_h"])) / 24.0
        return c, css, t90

    def _build(self) -> None:
        ax = self.axes[0]
        days = self.t_h / 24.0
        (self.line,) = ax.plot(days, np.zeros_like(days), **plots.series_style(0),
                               label=plots.label("Mitragynine, one-compartment model",
                                                 ["simulated", "ka assumed"]))
        self.css_line = ax.axhline(0.0, **plots.series_style(1),
                                   label="Average at steady state (model)")
        self.t90_line = ax.axvline(0.0, color=plots.OKABE_ITO["black"], linestyle=":",
                                   linewidth=1.2, label="90 % of steady state (model)")
        ax.set_xlabel("Time since first dose (days)")
        ax.set_ylabel("Plasma concentration (ng/mL)")
        ax.set_xlim(0, self.DAYS)
        ax.set_title(" ")
        ax.legend(loc="lower right", fontsize=9)
        self._animate(self.line, self.css_line, self.t90_line, ax.title)

    def _recompute(self) -> bool:
        c, css, t90 = self._model()
        self.line.set_ydata(c)
        self.css_line.set_ydata([css, css])
        self.t90_line.set_xdata([t90, t90])
        self.axes[0].set_title(f"Half-life {self.params['t_half_h']:.1f} h: 90 % of steady state "
                               f"after {t90:.1f} days, whatever the dose")
        top = float(np.max(c))
        _, ylim = self.axes[0].get_ylim()
        if top > ylim or top < 0.4 * ylim:  # rescale only when the curve leaves a good range
            self.axes[0].set_ylim(0, 1.3 * top)
            return True
        return False

    def data(self) -> dict[str, np.ndarray]:
        return {"t_h": self.t_h, "c_ng_per_ml": np.asarray(self.line.get_ydata())}


# ---------------------------------------------------------------------------------------------
class SingleDosePKExplorer(Explorer):
    """One oral dose of mitragynine: dose, half-life and ka (the Bateman function).

    Model: one-compartment oral absorption (``pk.one_compartment_oral``) with the apparent volume
    Vz/F of Tanna 2022 (median, data/human_pk) and F folded into it; half-life and dose start at
    Tanna 2022's median and dose. ka has no published value and is marked "assumed" (the default
    is the lesson's choice). The marker is the model's Cmax at tmax; the title gives Cmax, tmax
    and AUC0-inf = Dose / (k Vz/F). Same one-compartment limitation as ``PKExplorer``: the early
    peak is several-fold below the published Cmax.
    """

    TEXT = "Single-dose PK explorer: run this cell to move the sliders (static preview shown)"
    HOURS = 72.0

    def __init__(self, dose_mg: float | None = None, t_half_h: float | None = None,
                 ka_per_h: float = 5.8) -> None:
        self.v_l = _published("vz_f", "tanna2022", "median")
        dose, t_half = _mitragynine_sliders(dose_mg, t_half_h)
        sliders = {
            "dose_mg": dose,
            "t_half_h": t_half,
            "ka_per_h": _slider(ka_per_h, 0.1, 8.0, 0.1,
                                "Absorption rate constant ka (1/h, assumed)"),
        }
        self.t_h = np.linspace(0.0, self.HOURS, 721)
        super().__init__(sliders)

    def _model(self) -> tuple[np.ndarray, float]:
        p = self.params
        k = float(pk.elimination_rate_constant_per_h(p["t_half_h"]))
        c = pk.mg_per_l_to_ng_per_ml(
            pk.one_compartment_oral(self.t_h, p["dose_mg"], self.v_l, k, p["ka_per_h"]))
        auc_ng_h_per_ml = float(pk.mg_per_l_to_ng_per_ml(
            pk.auc_inf_mg_h_per_l(p["dose_mg"], k * self.v_l)))
        return np.asarray(c), auc_ng_h_per_ml

    def _build(self) -> None:
        ax = self.axes[0]
        (self.line,) = ax.plot(self.t_h, np.zeros_like(self.t_h), **plots.series_style(0),
                               label=plots.label("Mitragynine, one-compartment model",
                                                 ["simulated", "ka assumed"]))
        (self.peak,) = ax.plot([0.0], [0.0], marker="o", linestyle="none", markersize=8,
                               color=plots.OKABE_ITO["vermillion"], label="Cmax at tmax (model)")
        ax.set_xlabel("Time after the dose (h)")
        ax.set_ylabel("Plasma concentration (ng/mL)")
        ax.set_xlim(0, self.HOURS)
        ax.set_xticks(np.arange(0, self.HOURS + 1, 12))
        lo, hi = PUBLISHED_MG_DOSE_RANGE_MG
        # Fixed y range: the highest possible peak (top dose, instant absorption) fits, so
        # curves can be compared across slider moves.
        ax.set_ylim(0, 1.1 * float(pk.mg_per_l_to_ng_per_ml(hi / self.v_l)))
        ax.set_title(" ")
        ax.legend(loc="upper right", fontsize=9)
        self._animate(self.line, self.peak, ax.title)

    def _recompute(self) -> bool:
        c, auc = self._model()
        self.line.set_ydata(c)
        i = int(np.argmax(c))
        self.peak.set_data([self.t_h[i]], [c[i]])
        self.axes[0].set_title(f"Cmax {c[i]:.2f} ng/mL at tmax {self.t_h[i]:.1f} h; "
                               f"AUC0-inf {auc:.0f} ng·h/mL")
        return False

    def data(self) -> dict[str, np.ndarray]:
        return {"t_h": self.t_h, "c_ng_per_ml": np.asarray(self.line.get_ydata()),
                "peak": _point(self.peak)}


# ---------------------------------------------------------------------------------------------
class DoseResponseExplorer(Explorer):
    """Operational model of agonism for a generic agonist, against a full-agonist reference.

    Sliders: KA (affinity, nM), tau (efficacy), the fraction of receptors left (receptor
    reserve) and a competitive antagonist's concentration in multiples of its KB. A partial
    agonist (small tau) loses its maximum when receptors are removed; a full agonist only moves
    right. The antagonist shifts both curves right in parallel (Gaddum/Schild).
    """

    TEXT = "Dose-response explorer: run this cell to move the sliders (static preview shown)"
    REFERENCE_TAU = 30.0

    def __init__(self, ka_nm: float = 100.0, tau: float = 1.0, receptor_fraction: float = 1.0,
                 antagonist_over_kb: float = 0.0) -> None:
        sliders = {
            "ka_nm": _slider(ka_nm, 1.0, 10000.0, 0.05, "Agonist affinity KA (nM)", log=True),
            "tau": _slider(tau, 0.1, 100.0, 0.05, "Efficacy tau", log=True),
            "receptor_fraction": _slider(receptor_fraction, 0.02, 1.0, 0.01,
                                         "Receptors left (fraction; receptor reserve)"),
            "antagonist_over_kb": _slider(antagonist_over_kb, 0.0, 100.0, 1.0,
                                          "Competitive antagonist [B]/KB"),
        }
        self.conc_nm = np.logspace(-2, 6, 400)
        super().__init__(sliders)

    def _curves(self) -> tuple[np.ndarray, np.ndarray]:
        p = self.params
        dr = float(pd.dose_ratio(p["antagonist_over_kb"], 1.0))
        test = pd.operational_model(self.conc_nm / dr, p["ka_nm"], p["tau"], 100.0, 1.0,
                                    p["receptor_fraction"])
        ref = pd.operational_model(self.conc_nm / dr, p["ka_nm"], self.REFERENCE_TAU, 100.0, 1.0,
                                   p["receptor_fraction"])
        return test, ref

    def _build(self) -> None:
        ax = self.axes[0]
        (self.ref_line,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                                   **plots.series_style(1),
                                   label=f"Full agonist, tau {self.REFERENCE_TAU:g} (model)")
        (self.line,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                               **plots.series_style(0), label="Test agonist (model)")
        ax.set_xscale("log")
        ax.set_ylim(0, 105)
        ax.set_xlabel("Agonist concentration (nM)")
        ax.set_ylabel("Effect (% of system maximum)")
        ax.set_title(" ")
        ax.legend(loc="upper left", fontsize=9)
        self._animate(self.ref_line, self.line, ax.title)

    def _recompute(self) -> bool:
        test, ref = self._curves()
        self.line.set_ydata(test)
        self.ref_line.set_ydata(ref)
        p = self.params
        emax = float(pd.operational_emax(p["tau"], 100.0, 1.0, p["receptor_fraction"]))
        self.axes[0].set_title(f"Maximum {emax:.0f} % with tau {p['tau']:.2g} and "
                               f"{100 * p['receptor_fraction']:.0f} % of receptors")
        return False

    def data(self) -> dict[str, np.ndarray]:
        return {"conc_nm": self.conc_nm, "effect": np.asarray(self.line.get_ydata()),
                "reference": np.asarray(self.ref_line.get_ydata())}


# ---------------------------------------------------------------------------------------------
class OccupancyExplorer(Explorer):
    """Receptor occupancy (Hill-Langmuir) against ligand concentration, generic ligand.

    Sliders: Kd (nM) and the free ligand concentration (nM); the marker shows the occupancy at
    that concentration (50 % exactly where [L] = Kd).
    """

    TEXT = "Occupancy explorer: run this cell to move the sliders (static preview shown)"

    def __init__(self, kd_nm: float = 100.0, ligand_nm: float = 100.0) -> None:
        sliders = {
            "kd_nm": _slider(kd_nm, 0.1, 10000.0, 0.05, "Dissociation constant Kd (nM)", log=True),
            "ligand_nm": _slider(ligand_nm, 0.1, 100000.0, 0.05,
                                 "Free ligand concentration (nM)", log=True),
        }
        self.conc_nm = np.logspace(-2, 6, 400)
        super().__init__(sliders)

    def _build(self) -> None:
        ax = self.axes[0]
        (self.line,) = ax.plot(self.conc_nm, np.zeros_like(self.conc_nm),
                               **plots.series_style(0), label="Occupancy (model)")
        (self.marker,) = ax.plot([1.0], [0.0], marker="o", markersize=9, linestyle="none",
                                 color=plots.OKABE_ITO["vermillion"], label="Chosen concentration")
        ax.set_xscale("log")
        ax.set_ylim(0, 100)
        ax.set_xlabel("Free ligand concentration (nM)")
        ax.set_ylabel("Receptors occupied (%)")
        ax.set_title(" ")
        ax.legend(loc="upper left", fontsize=9)
        self._animate(self.line, self.marker, ax.title)

    def _recompute(self) -> bool:
        p = self.params
        self.line.set_ydata(100 * pd.occupancy(self.conc_nm, p["kd_nm"]))
        occ = 100 * float(pd.occupancy(p["ligand_nm"], p["kd_nm"]))
        self.marker.set_data([p["ligand_nm"]], [occ])
        self.axes[0].set_title(f"[L] = {p['ligand_nm']:.3g} nM occupies {occ:.0f} % of receptors "
                               f"(Kd {p['kd_nm']:.3g} nM)")
        return False

    def data(self) -> dict[str, np.ndarray]:
        return {"conc_nm": self.conc_nm, "occupancy_pct": np.asarray(self.line.get_ydata()),
                "marker": _point(self.marker)}


# ---------------------------------------------------------------------------------------------
class DDICalculator(Explorer):
    """Static DDI predictions for mitragynine as a CYP3A inhibitor of an object drug.

    Bars: the basic gut R value R1,gut = 1 + [I]_gut / Ki ([I]_gut = dose / 250 mL) and the
    mechanistic static AUC ratio with gut and liver terms (reversible inhibition). Defaults:
    Ki = IC50 / 2 from the CYP3A IC50 of 11.4 uM (data/enzyme_inhibition, as tabulated in the
    DMD 2023 review); fm and Fg of the object drug are assumed, as labelled. The log axis shows
    the regulatory cut-off of 11 for R1,gut as a reference line.

    Simplification to teach before use: the same Ki is used for gut and liver, and the gut term
    of the mechanistic model takes Dose / 250 mL, the basic-model convention; FDA's mechanistic
    model uses [I]g = Fa ka Dose / Qg, which is lower, so this overstates gut-wall inhibition.
    """

    TEXT = "DDI calculator: run this cell to move the sliders (static preview shown)"
    CUTOFF_GUT = 11.0

    def __init__(self, dose_mg: float | None = None, ki_um: float | None = None, fm: float = 0.9,
                 fg: float = 0.5, i_liver_um: float = 0.0) -> None:
        from pharmacourse import data

        if dose_mg is None:
            dose_mg = _tanna2022_dose_mg()
        self.molar_mass = data.molar_mass("mitragynine")
        if ki_um is None:
            ic50 = _inhibition("CYP3A", "ic50", "tanna2021;dmd2023")
            ki_um = float(pd.cheng_prusoff_ki(ic50, 1.0, 1.0))
        lo, hi = PUBLISHED_MG_DOSE_RANGE_MG
        sliders = {
            "dose_mg": _slider(dose_mg, lo, hi, 0.05, _DOSE_LABEL),
            "ki_um": _slider(ki_um, 0.1, 100.0, 0.05, "Reversible Ki (uM)", log=True),
            "fm": _slider(fm, 0.0, 1.0, 0.01, "fm, fraction metabolised by CYP3A (assumed)"),
            "fg": _slider(fg, 0.05, 1.0, 0.01, "Fg, fraction escaping gut metabolism (assumed)"),
            "i_liver_um": _slider(i_liver_um, 0.0, 2.0, 0.01, "Unbound liver concentration (uM)"),
        }
        super().__init__(sliders, height_in=3.6)

    def values(self) -> dict[str, float]:
        """R1,gut, the gut concentration (uM) and the mechanistic AUC ratio for the sliders."""
        p = self.params
        i_gut = float(interactions.gut_concentration_um(p["dose_mg"], self.molar_mass))
        r_gut = float(interactions.r_value_reversible(i_gut, p["ki_um"]))
        aucr = float(interactions.auc_ratio_mechanistic_static(
            p["fm"], p["fg"], i_gut, p["i_liver_um"], ki_um=p["ki_um"]))
        return {"i_gut_um": i_gut, "r1_gut": r_gut, "auc_ratio": aucr}

    def _build(self) -> None:
        ax = self.axes[0]
        self.bars = ax.bar([0, 1], [1.0, 1.0], color=[plots.OKABE_ITO["blue"],
                                                      plots.OKABE_ITO["orange"]],
                           hatch=["", "//"], edgecolor="black")
        ax.set_xticks([0, 1], ["R1,gut (basic model)",
                               "AUC ratio (mechanistic; fm, Fg assumed)"])
        ax.axhline(self.CUTOFF_GUT, color=plots.OKABE_ITO["black"], linestyle=":", linewidth=1.2,
                   label="R1,gut cut-off 11 (FDA 2020)")
        ax.set_yscale("log")
        ax.set_ylim(0.9, 1000)
        ax.set_ylabel("Predicted ratio (with / without)")
        ax.legend(loc="upper right", fontsize=9)
        self.texts = [ax.text(i, 1.0, "", ha="center", va="bottom") for i in (0, 1)]
        ax.set_title(" ")
        self._animate(*self.bars, *self.texts, ax.title)

    def _recompute(self) -> bool:
        v = self.values()
        for bar, txt, val in zip(self.bars, self.texts, (v["r1_gut"], v["auc_ratio"]),
                                 strict=True):
            bar.set_height(val)
            txt.set_position((bar.get_x() + bar.get_width() / 2, val * 1.05))
            txt.set_text(f"{val:.2f}")
        self.axes[0].set_title(f"{self.params['dose_mg']:.3g} mg mitragynine: gut concentration "
                               f"{v['i_gut_um']:.0f} uM")
        return False

    def data(self) -> dict[str, np.ndarray]:
        return {"heights": np.array([b.get_height() for b in self.bars])}


# ---------------------------------------------------------------------------------------------
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
            "p_true_percent": _slider(p_true_percent, 0.1, 5.0, 0.05,
                                      "True past-year prevalence (%, assumed)",
                                      readout_format=".2f"),
            "recruitment": _slider(recruitment, 1.0, 100.0, 0.02,
                                   "Recruitment ratio r (users vs others)", log=True),
        }
        self.r_grid = np.logspace(0, 2, 300)
        super().__init__(sliders)

    def _build(self) -> None:
        ax = self.axes[0]
        for i, (name, value) in enumerate(self.published.items()):
            ax.axhline(value, color=plots.OKABE_ITO["black"],
                       linestyle=plots.LINESTYLES[(i + 1) % len(plots.LINESTYLES)], linewidth=1,
                       label=f"{name}: {value:g} % (published)")
        (self.line,) = ax.plot(self.r_grid, np.zeros_like(self.r_grid), **plots.series_style(0),
                               label="Sample estimate (model)")
        (self.marker,) = ax.plot([1.0], [0.0], marker="o", markersize=9, linestyle="none",
                                 color=plots.OKABE_ITO["vermillion"], label="Chosen r")
        ax.set_xscale("log")
        ax.set_xlabel("Recruitment ratio r (log scale)")
        ax.set_ylabel("Past-year use the sample reports (%)")
        ax.set_title(" ")
        ax.legend(loc="upper left", fontsize=8)
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

    def data(self) -> dict[str, np.ndarray]:
        return {"r": self.r_grid, "sample_percent": np.asarray(self.line.get_ydata()),
                "marker": _point(self.marker)}
