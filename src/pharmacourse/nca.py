"""Non-compartmental analysis (NCA), as the published kratom PK studies report it.

What is computed, and how (every choice is explicit in the arguments):

- Cmax and tmax: the largest observed concentration and its (first) time.
- AUC0-t (AUC to the last measurable concentration): **linear-up/log-down** trapezoids. A rising
  or flat segment uses the linear trapezoid (t2 - t1) (C1 + C2) / 2; a falling segment with both
  concentrations positive uses the logarithmic trapezoid (t2 - t1) (C1 - C2) / ln(C1 / C2),
  which is exact for a mono-exponential decline.
- AUC0-t starts at the dose: if the first sample is after t = 0, ``nca`` adds C = 0 at t = 0
  (single extravascular dose, the WinNonlin convention); negative (pre-dose) times are refused.
- lambda_z, the terminal rate constant: ordinary least squares of ln C on t over the **last
  ``n_points`` measurable concentrations after the peak** (default 3) - never a point at Cmax:
  with a plateau (Cmax observed twice) the fit starts after its last sample; with
  ``n_points=None`` the number of points (>= 3, after the peak) with the best adjusted R^2 is
  chosen, ties (within 1e-4) going to more points, as PKNCA, WinNonlin and ncappc do. The times
  used are returned.
- t1/2 = ln 2 / lambda_z; AUC0-inf = AUC0-t + C_last / lambda_z (observed C_last; the
  ``_pred`` variant uses the regression's predicted C_last); % extrapolated.
- CL/F = Dose / AUC0-inf and Vz/F = Dose / (lambda_z * AUC0-inf) (apparent oral values).

Units: times in h, concentrations in ng/mL, dose in mg; CL/F in L/h and Vz/F in L (the mg to
ng and mL to L factors are applied: CL/F [L/h] = Dose [mg] * 1000 / AUC [ng h/mL]).

Sources: Gabrielsson J, Weiner D. *Pharmacokinetic and Pharmacodynamic Data Analysis*, 5th ed.,
2016 (NCA equations); the implementation reproduces the worked example of the ncappc package
(Acharya C et al. Comput Methods Programs Biomed 2016;127:83-93, doi:10.1016/j.cmpb.2016.01.013;
vignette example AUClast 3.235439, AUCINF_pred 3.524005), see ``tests/unit/test_nca.py``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from pharmacourse._validate import checked as _checked
from pharmacourse._validate import finite as _finite
from pharmacourse._validate import numbers_only

__all__ = [
    "NCAResult",
    "TerminalFit",
    "auc_linear_up_log_down",
    "nca",
    "nca_table",
    "terminal_slope",
]


@dataclass(frozen=True)
class TerminalFit:
    """A log-linear fit of the terminal phase.

    Attributes:
        lambda_z_per_h: terminal rate constant (1/h), minus the slope of ln C on t.
        intercept: intercept of ln C on t (ln of the concentration unit).
        r_squared, adj_r_squared: goodness of fit (dimensionless).
        times_h: the sampling times used (h), so the choice of points is visible.
    """

    lambda_z_per_h: float
    intercept: float
    r_squared: float
    adj_r_squared: float
    times_h: tuple[float, ...]

    @property
    def n_points(self) -> int:
        """Number of points in the fit."""
        return len(self.times_h)


@dataclass(frozen=True)
class NCAResult:
    """NCA parameters of one concentration-time profile (units in the names)."""

    cmax_ng_per_ml: float
    tmax_h: float
    tlast_h: float
    clast_ng_per_ml: float
    auc_0_t_ng_h_per_ml: float
    lambda_z_per_h: float
    t_half_h: float
    auc_0_inf_ng_h_per_ml: float
    auc_0_inf_pred_ng_h_per_ml: float
    auc_pct_extrapolated: float
    cl_f_l_per_h: float
    vz_f_l: float
    terminal_times_h: tuple[float, ...]
    adj_r_squared: float

    def as_dict(self) -> dict[str, float | tuple[float, ...]]:
        """The parameters as a plain dict (for a DataFrame row)."""
        return asdict(self)


def _clean(
    t_h: ArrayLike, c: ArrayLike, c_name: str = "c"
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    t = _finite("t_h (sampling times)", t_h)
    conc = numbers_only(c_name, c)
    if t.ndim != 1 or t.shape != conc.shape:
        raise ValueError(f"t_h and {c_name} (times and concentrations) must be 1-D and the same "
                         f"length, got {t.shape} and {conc.shape}")
    if t.size < 2:
        raise ValueError(f"t_h and {c_name}: NCA needs at least two samples")
    if np.any(np.diff(t) <= 0):
        raise ValueError("t_h (sampling times) must be strictly increasing")
    if np.any(~np.isfinite(conc)) or np.any(conc < 0):
        raise ValueError(f"{c_name} (concentrations) must be finite and >= 0 (drop missing "
                         "samples first; set values below the limit of quantification to 0)")
    return t, conc


def _log_down_mask(c1: NDArray[np.float64], c2: NDArray[np.float64]) -> NDArray[np.bool_]:
    return (c2 < c1) & (c2 > 0) & (c1 > 0)


@_checked
def auc_linear_up_log_down(
    t_h: ArrayLike, c: ArrayLike, cumulative: bool = False
) -> float | NDArray[np.float64]:
    """Area under the concentration-time curve by linear-up/log-down trapezoids.

    Equation, for each pair of samples (t1, C1), (t2, C2):
        rising or flat:   (t2 - t1) * (C1 + C2) / 2
        falling (C2 > 0): (t2 - t1) * (C1 - C2) / ln(C1 / C2)

    The sum runs from the first sample to the last measurable (> 0) concentration.

    Args:
        t_h: sampling times (h), strictly increasing.
        c: concentrations (any unit; ng/mL in the course), >= 0.
        cumulative: if True, return the running AUC at every sample (an array).

    Returns:
        AUC0-t in (concentration unit) * h (a float), or the running AUC.
    """
    t, conc = _clean(t_h, c)
    positive = np.nonzero(conc > 0)[0]
    last = positive[-1] if positive.size else 0
    c1, c2 = conc[:-1], conc[1:]
    dt = np.diff(t)
    log_down = _log_down_mask(c1, c2)
    ratio = np.where(log_down, c1 / np.where(log_down, c2, 1.0), 2.0)
    pieces = np.where(log_down, dt * (c1 - c2) / np.log(ratio), dt * (c1 + c2) / 2.0)
    pieces[last:] = 0.0  # nothing after the last measurable concentration
    if cumulative:
        return np.concatenate([[0.0], np.cumsum(pieces)])
    return float(np.sum(pieces))


def _fit(t: NDArray[np.float64], c: NDArray[np.float64]) -> TerminalFit:
    y = np.log(c)
    slope, intercept = np.polyfit(t, y, 1)
    resid = y - (intercept + slope * t)
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    r2 = 1.0 - float(np.sum(resid**2)) / ss_tot if ss_tot > 0 else 1.0
    n = t.size
    adj = 1.0 - (1.0 - r2) * (n - 1) / (n - 2) if n > 2 else float("nan")
    return TerminalFit(float(-slope), float(intercept), r2, adj, tuple(float(x) for x in t))


@_checked
def terminal_slope(
    t_h: ArrayLike, c: ArrayLike, n_points: int | None = 3, include_tmax: bool = False
) -> TerminalFit:
    """Estimate lambda_z by log-linear regression on the last points of a profile.

    Args:
        t_h: sampling times (h).
        c: concentrations (> 0 are used; zeros, e.g. below the limit of quantification, are
            skipped).
        n_points: how many of the last measurable points to use (>= 2). ``None`` chooses the
            number (>= 3) with the best adjusted R^2 (ties within 1e-4 go to more points).
        include_tmax: whether the point at tmax may enter the fit (default False: only points
            after the peak, so absorption does not bias the slope; when Cmax is observed more
            than once, the fit starts after the last of those samples).

    Returns:
        A ``TerminalFit`` (lambda_z in 1/h, the times used, R^2).
    """
    t, conc = _clean(t_h, c)
    i_max = int(np.argmax(conc))
    i_max_last = int(conc.size - 1 - np.argmax(conc[::-1]))  # last sample at Cmax
    start = i_max if include_tmax else i_max_last + 1
    keep = np.arange(t.size) >= start
    keep &= conc > 0
    tt, cc = t[keep], conc[keep]
    if n_points is not None:
        if n_points < 2:
            raise ValueError(f"n_points must be at least 2, got {n_points!r}")
        if tt.size < n_points:
            raise ValueError(f"only {tt.size} measurable points after tmax; cannot use the last "
                             f"{n_points} for lambda_z")
        fit = _fit(tt[-n_points:], cc[-n_points:])
    else:
        if tt.size < 3:
            raise ValueError(f"only {tt.size} measurable points after tmax; need at least 3")
        fits = [_fit(tt[-k:], cc[-k:]) for k in range(3, tt.size + 1)]
        best = max(f.adj_r_squared for f in fits)
        fit = [f for f in fits if f.adj_r_squared >= best - 1e-4][-1]
    if fit.lambda_z_per_h <= 0:
        raise ValueError("the terminal points do not decline (lambda_z <= 0): choose other points")
    return fit


@_checked
def nca(
    t_h: ArrayLike,
    c_ng_per_ml: ArrayLike,
    dose_mg: float | None = None,
    n_points: int | None = 3,
) -> NCAResult:
    """Non-compartmental analysis of one oral concentration-time profile.

    Equations: AUC0-inf = AUC0-t + C_last / lambda_z; CL/F = Dose / AUC0-inf;
    Vz/F = (CL/F) / lambda_z (Gabrielsson & Weiner 2016).

    Args:
        t_h: sampling times after a single dose (h), >= 0 and strictly increasing. If the first
            sample is after 0, C = 0 at t = 0 is added (nothing absorbed yet at the dose), so
            AUC0-t really starts at the dose.
        c_ng_per_ml: concentrations (ng/mL); use 0 for samples below the limit of quantification.
        dose_mg: the dose (mg), > 0; without it CL/F and Vz/F are NaN.
        n_points: points for lambda_z (see ``terminal_slope``).

    Returns:
        An ``NCAResult``: Cmax (ng/mL), tmax (h), AUC0-t and AUC0-inf (ng*h/mL), lambda_z (1/h),
        t1/2 (h), CL/F (L/h), Vz/F (L), the terminal times used.

    Raises:
        ValueError: non-finite, negative or non-increasing times; negative or non-finite
            concentrations; a dose that is not a positive number; too few terminal points.
    """
    if dose_mg is not None and not (np.isfinite(dose_mg) and dose_mg > 0):
        raise ValueError(f"dose_mg must be a positive number of mg, got {dose_mg!r}")
    t, conc = _clean(t_h, c_ng_per_ml, "c_ng_per_ml")
    if t[0] < 0:
        raise ValueError("t_h: sampling times are after the dose and cannot be negative: drop "
                         "pre-dose samples or record them at t = 0")
    if t[0] > 0:
        t, conc = np.concatenate([[0.0], t]), np.concatenate([[0.0], conc])
    i_max = int(np.argmax(conc))
    positive = np.nonzero(conc > 0)[0]
    if positive.size == 0:
        raise ValueError("c_ng_per_ml: all concentrations are zero")
    i_last = int(positive[-1])
    auc_t = auc_linear_up_log_down(t, conc)
    fit = terminal_slope(t, conc, n_points=n_points)
    lz = fit.lambda_z_per_h
    clast = float(conc[i_last])
    clast_pred = float(np.exp(fit.intercept - lz * t[i_last]))
    auc_inf = auc_t + clast / lz
    auc_inf_pred = auc_t + clast_pred / lz
    if dose_mg is None:
        cl_f = vz_f = float("nan")
    else:
        # mg -> ng (1e6) and mL -> L (1e-3): CL/F [L/h] = Dose[mg] * 1e3 / AUC[ng h/mL]
        cl_f = float(dose_mg) * 1000.0 / auc_inf
        vz_f = cl_f / lz
    return NCAResult(
        cmax_ng_per_ml=float(conc[i_max]),
        tmax_h=float(t[i_max]),
        tlast_h=float(t[i_last]),
        clast_ng_per_ml=clast,
        auc_0_t_ng_h_per_ml=auc_t,
        lambda_z_per_h=lz,
        t_half_h=float(np.log(2.0) / lz),
        auc_0_inf_ng_h_per_ml=auc_inf,
        auc_0_inf_pred_ng_h_per_ml=auc_inf_pred,
        auc_pct_extrapolated=100.0 * (auc_inf - auc_t) / auc_inf,
        cl_f_l_per_h=cl_f,
        vz_f_l=vz_f,
        terminal_times_h=fit.times_h,
        adj_r_squared=fit.adj_r_squared,
    )


@_checked
def nca_table(
    df: pd.DataFrame,
    subject: str = "subject",
    time: str = "time_h",
    conc: str = "concentration_ng_per_ml",
    dose: str | None = "dose_mg",
    n_points: int | None = 3,
) -> pd.DataFrame:
    """NCA for every subject of a tidy table (one row per sample), one row per subject.

    Args:
        df: tidy data, e.g. ``pharmacourse.data.load("simulated_pk_study")`` filtered to one
            analyte.
        subject, time, conc, dose: column names (dose may be None).
        n_points: points for lambda_z (see ``terminal_slope``).

    Returns:
        A DataFrame indexed by subject with the ``NCAResult`` fields as columns.
    """
    for arg, column in (("subject", subject), ("time", time), ("conc", conc), ("dose", dose)):
        if column is not None and column not in df.columns:
            raise ValueError(f"{arg}: column {column!r} is not in df (columns: "
                             f"{', '.join(map(str, df.columns))})")
    rows = {}
    for sid, g in df.sort_values([subject, time]).groupby(subject, sort=True):
        d = float(g[dose].iloc[0]) if dose is not None else None
        rows[sid] = nca(g[time].to_numpy(), g[conc].to_numpy(), dose_mg=d,
                        n_points=n_points).as_dict()
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = subject
    return out
