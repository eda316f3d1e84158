"""Generate the course's simulated clinical PK study: data/simulated_pk_study.csv.

A SIMULATED single-dose study of mitragynine, built from published values in data/human_pk and
assumptions where nothing is published. Regenerating reproduces the committed file byte for byte
(fixed seed; values rounded; tested in tests/unit/test_simulated_study.py).

    .venv/bin/python scripts/simulate_study.py            # rewrite data/simulated_pk_study.csv
    .venv/bin/python scripts/simulate_study.py --out x.csv

Published (data/human_pk, Tanna 2022, single 2 g kratom tea, product K51):
  dose 39 mg mitragynine; typical CL/F = 233 L/h (median); typical t1/2 = 45.3 h (median).
Derived: ke = ln 2 / t1/2; typical V/F = CL/F / ke (about 15,200 L, inside the published Vz/F
  range 5,190-19,700 L; medians of different parameters need not be mutually consistent).
Assumed (no published value): ka, chosen so that the typical profile peaks at the published
  median tmax of 1 h; between-subject variability omega = 0.3 on CL/F, V/F and ka (log-normal);
  proportional residual error 10 % (log-normal); the sampling schedule (17 samples to 120 h, the
  study's sampling span); 12 subjects; seed 20221 (arbitrary).
Model: one-compartment oral with first-order absorption (pharmacourse.pk.one_compartment_oral).
  Tanna 2022 fitted two compartments; a one-compartment model with the terminal volume
  underestimates the early peak, so the simulated Cmax is lower than the published one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import brentq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pharmacourse import data, pk, population  # noqa: E402

OUT = ROOT / "data" / "simulated_pk_study.csv"

SEED = 20221  # assumed (arbitrary, fixed)
N_SUBJECTS = 12  # assumed
OMEGA = {"cl_l_per_h": 0.3, "v_l": 0.3, "ka_per_h": 0.3}  # assumed
RESIDUAL_CV = 0.10  # assumed, proportional (log-normal)
SAMPLING_H = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 24.0, 48.0, 72.0,
              96.0, 120.0)  # assumed schedule over the published sampling span (120 h)

COLUMNS = ["subject", "time_h", "analyte", "dose_mg", "concentration_ng_per_ml",
           "cl_f_l_per_h", "v_f_l", "ka_per_h", "status", "source_ids"]


def _published(parameter: str, statistic: str) -> float:
    df = data.load("human_pk")
    sel = df[(df["study_id"] == "tanna2022") & (df["analyte"] == "mitragynine")
             & (df["parameter"] == parameter) & (df["statistic"] == statistic)]
    if len(sel) != 1:
        raise LookupError(f"data/human_pk: expected one tanna2022 mitragynine {parameter} "
                          f"{statistic}, found {len(sel)}")
    return float(sel["value"].iloc[0])


def typical_parameters() -> dict[str, float]:
    """Typical values: published (CL/F, t1/2, tmax, dose), derived (ke, V/F), assumed ka."""
    df = data.load("human_pk")
    doses = df.loc[df["study_id"] == "tanna2022", "mg_dose_mg"].dropna().unique()
    (dose_mg,) = doses
    cl = _published("cl_f", "median")
    t_half = _published("t_half", "median")
    tmax = _published("tmax", "median")
    ke = float(pk.elimination_rate_constant_per_h(t_half))

    def tmax_of(ka: float) -> float:  # one-compartment peak time
        return np.log(ka / ke) / (ka - ke)

    ka = brentq(lambda k: tmax_of(k) - tmax, ke * 1.001, 100.0)
    return {"dose_mg": float(dose_mg), "cl_l_per_h": cl, "v_l": cl / ke, "ka_per_h": float(ka),
            "t_half_h": t_half, "tmax_h": tmax}


def simulate(seed: int = SEED) -> pd.DataFrame:
    """The simulated study as a tidy DataFrame (one row per subject and sample)."""
    typ = typical_parameters()
    t = np.asarray(SAMPLING_H)
    params, conc_mg_per_l = population.simulate_oral_regimen(
        t, typ["dose_mg"], tau_h=24.0, n_doses=1,
        typical={k: typ[k] for k in population.PARAMETER_ORDER}, omega=OMEGA,
        n_subjects=N_SUBJECTS, seed=seed)
    rng = np.random.default_rng([seed, 1])  # a separate stream for the residual error
    sigma = np.sqrt(np.log1p(RESIDUAL_CV**2))
    observed = pk.mg_per_l_to_ng_per_ml(conc_mg_per_l) * np.exp(
        sigma * rng.standard_normal(conc_mg_per_l.shape))
    n_t = t.size
    df = pd.DataFrame({
        "subject": np.repeat(np.arange(1, N_SUBJECTS + 1), n_t),
        "time_h": np.tile(t, N_SUBJECTS),
        "analyte": "mitragynine",
        "dose_mg": typ["dose_mg"],
        "concentration_ng_per_ml": np.round(observed.ravel(), 4),
        "cl_f_l_per_h": np.repeat(np.round(params["cl_l_per_h"], 2), n_t),
        "v_f_l": np.repeat(np.round(params["v_l"], 1), n_t),
        "ka_per_h": np.repeat(np.round(params["ka_per_h"], 4), n_t),
        "status": "simulated",
        "source_ids": "tanna2022",
    })
    return df[COLUMNS]


def write(path: Path = OUT, seed: int = SEED) -> Path:
    """Write the CSV (LF line endings, fixed float formats) and return its path."""
    df = simulate(seed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output CSV (default: %(default)s)")
    args = parser.parse_args(argv)
    path = write(args.out)
    typ = typical_parameters()
    print(f"wrote {path} ({N_SUBJECTS} subjects x {len(SAMPLING_H)} samples); typical CL/F "
          f"{typ['cl_l_per_h']:g} L/h, t1/2 {typ['t_half_h']:g} h (published), V/F "
          f"{typ['v_l']:.0f} L (derived), ka {typ['ka_per_h']:.3g} 1/h (assumed, tmax 1 h)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
