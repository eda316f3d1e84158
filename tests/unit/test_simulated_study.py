"""The simulated study regenerates byte for byte, is labelled simulated, and is plausible."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "data" / "simulated_pk_study.csv"


def _script():
    spec = importlib.util.spec_from_file_location("simulate_study",
                                                  ROOT / "scripts" / "simulate_study.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerating_reproduces_committed_file(tmp_path):
    out = _script().write(tmp_path / "sim.csv")
    assert out.read_bytes() == COMMITTED.read_bytes()


def test_another_seed_gives_other_data(tmp_path):
    mod = _script()
    out = mod.write(tmp_path / "other.csv", seed=mod.SEED + 1)
    assert out.read_bytes() != COMMITTED.read_bytes()


def test_labelled_and_plausible():
    df = pd.read_csv(COMMITTED)
    assert set(df["status"]) == {"simulated"}
    assert df["subject"].nunique() == 12
    assert (df["concentration_ng_per_ml"] >= 0).all()
    from pharmacourse import nca

    table = nca.nca_table(df, n_points=4)
    # the published medians it was built from (Tanna 2022): t1/2 45.3 h, CL/F 233 L/h
    assert 25 < table["t_half_h"].median() < 70
    assert 150 < table["cl_f_l_per_h"].median() < 350
    assert table["tmax_h"].median() <= 3  # a flat plateau plus 10 % noise: single tmax vary


def test_typical_ka_gives_published_tmax():
    typ = _script().typical_parameters()
    from pharmacourse import pk

    t = np.linspace(0, 5, 50001)
    c = pk.one_compartment_oral(t, typ["dose_mg"], typ["v_l"], typ["cl_l_per_h"] / typ["v_l"],
                                typ["ka_per_h"])
    assert t[np.argmax(c)] == pytest.approx(typ["tmax_h"], abs=1e-3)
