"""The input contract of every public model function (issue 12, section 2).

Invalid input raises ``ValueError`` whose message names the argument; valid input gives a finite
result. The functions are discovered with ``inspect`` from the model modules, so a new function is
covered automatically: it only needs a generator for each new parameter name in ``SPEC`` (a test
fails naming the parameter that has none).

Each argument in turn gets NaN, inf, -1, "5", None and an array of a shape that does not
broadcast with the others' (array arguments are drawn with shape (3,), so a (2,) array
mismatches; a number-only argument must refuse any array).
"""

from __future__ import annotations

import dataclasses
import inspect
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pharmacourse import _validate, epi, interactions, nca, pharmacodynamics, pk, population, units

MODULES = [pk, nca, pharmacodynamics, interactions, population, epi, units]


def _floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


# name -> (element strategy, is -1 a valid value?). Arrays are drawn with these elements.
RATE, POS, NONNEG = _floats(1e-3, 50.0), _floats(0.01, 100.0), _floats(0.0, 100.0)
SPEC: dict[str, tuple[st.SearchStrategy, bool]] = {
    # pk
    "t_h": (_floats(-10.0, 500.0), True), "dose_mg": (_floats(0.0, 1000.0), False),
    "tau_h": (_floats(0.5, 200.0), False), "n_doses": (st.integers(1, 30), False),
    "v_l": (_floats(1.0, 2e4), False), "v_parent_l": (_floats(1.0, 2e4), False),
    "v_metabolite_l": (_floats(1.0, 2e4), False), "ke_per_h": (RATE, False),
    "ka_per_h": (RATE, False), "k_per_h": (RATE, False), "ke_parent_per_h": (RATE, False),
    "ke_after_per_h": (RATE, False), "t_change_h": (_floats(0.0, 500.0), False),
    "activity_fold_reduction": (_floats(1.0, 100.0), False),
    "ke_metabolite_per_h": (RATE, False), "f": (_floats(0.05, 1.0), False),
    "cl_l_per_h": (_floats(0.1, 500.0), False), "t_half_h": (_floats(0.1, 200.0), False),
    "percent_bound": (_floats(0.0, 100.0), False), "c_mg_per_l": (NONNEG, False),
    "c_ng_per_ml": (NONNEG, False), "c_total": (NONNEG, False), "c_nmol_per_l": (NONNEG, False),
    "fm": (_floats(0.0, 1.0), False), "fraction_unbound": (_floats(0.0, 1.0), False),
    "fg": (_floats(0.0, 1.0), False), "molar_mass_ratio": (_floats(0.5, 2.0), False),
    "fraction": (_floats(0.01, 0.99), False),
    "compound": (st.sampled_from(["mitragynine", "7-hydroxymitragynine"]), False),
    # pd
    "ic50": (POS, False), "km": (POS, False), "ed50": (POS, False), "td50": (POS, False),
    "kd": (POS, False), "ka": (POS, False), "ec50": (POS, False), "kb": (POS, False),
    "hill": (_floats(0.3, 4.0), False), "slope": (_floats(0.3, 10.0), False),
    "schild_slope": (_floats(0.3, 3.0), False), "n": (_floats(0.3, 4.0), False),
    "substrate": (NONNEG, False), "ligand": (NONNEG, False), "agonist": (NONNEG, False),
    "antagonist": (NONNEG, False), "conc": (NONNEG, False), "dose": (NONNEG, False),
    "tau": (POS, False), "emax": (_floats(-100.0, 100.0), True),
    "em": (_floats(-100.0, 100.0), True), "e0": (_floats(-10.0, 10.0), True),
    "receptor_fraction": (_floats(0.01, 1.0), False), "fold_shift": (_floats(1.0, 50.0), False),
    # interactions
    "inhibitor_um": (_floats(0.0, 500.0), False), "inhibitor_gut_um": (_floats(0.0, 500.0), False),
    "inhibitor_liver_um": (_floats(0.0, 500.0), False), "ki_um": (POS, False),
    "ki_tdi_um": (POS, False), "ec50_um": (POS, False),
    "kinact_per_min": (_floats(0.0, 1.0), False),
    "kdeg_per_min": (_floats(1e-4, 1e-2), False), "kdeg_gut_per_min": (_floats(1e-4, 1e-2), False),
    "kdeg_liver_per_min": (_floats(1e-4, 1e-2), False), "d_emax": (_floats(0.0, 10.0), False),
    "molar_mass_g_per_mol": (_floats(100.0, 1000.0), False),
    "volume_ml": (_floats(50.0, 1000.0), False),
    # population
    "cv": (_floats(0.0, 2.0), False), "n_subjects": (st.integers(1, 20), False),
    "seed": (st.integers(0, 10_000), False), "times_h": (_floats(-10.0, 500.0), True),
    "typical": (st.just({"cl_l_per_h": 233.0, "v_l": 15000.0, "ka_per_h": 1.5}), False),
    "omega": (st.just({"cl_l_per_h": 0.3, "v_l": 0.3, "ka_per_h": 0.6}), False),
    # epi
    "p_true": (_floats(1e-3, 0.999), False), "p_sample": (_floats(1e-3, 0.999), False),
    "recruitment_ratio": (_floats(0.01, 100.0), False),
    "p_other": (_floats(1e-3, 0.999), False), "use_if_other": (_floats(1e-3, 0.999), False),
    "use_if_none": (_floats(1e-3, 0.999), False), "rr_other": (_floats(0.1, 100.0), False),
    "rr_substance": (_floats(1.0, 10.0), False),
    # units
    "quantity": (_floats(0.0, 1e3).map(lambda x: units.Q_(x, "h")), False),
    "unit": (st.just("min"), False),
}

# Per module or function: arguments that must be coherent with each other (fixed valid bases,
# still drawn), or whose valid range differs from SPEC's (then -1 must be refused).
_T = np.array([0.5, 1.0, 2.0, 4.0, 8.0, 12.0, 24.0, 48.0])
_PROFILE = 10.0 * (np.exp(-0.05 * _T) - np.exp(-1.5 * _T))
_NCA_DF = pd.DataFrame({"subject": np.repeat([1, 2], _T.size), "time_h": np.tile(_T, 2),
                        "concentration_ng_per_ml": np.tile(_PROFILE, 2), "dose_mg": 20.0})
OVERRIDES = {
    "nca": {"t_h": st.just(_T), "c": st.floats(0.1, 100.0).map(lambda s: s * _PROFILE),
            "c_ng_per_ml": st.floats(0.1, 100.0).map(lambda s: s * _PROFILE),
            "n_points": st.integers(3, 5), "cumulative": st.booleans(),
            "include_tmax": st.booleans(), "dose_mg": _floats(0.1, 1000.0),
            "df": st.just(_NCA_DF), "subject": st.just("subject"), "time": st.just("time_h"),
            "conc": st.just("concentration_ng_per_ml"), "dose": st.just("dose_mg")},
    # the time since the first dose: >= 0
    "fraction_of_steady_state": {"t_h": st.lists(_floats(0.0, 500.0), min_size=3,
                                                  max_size=3).map(np.array)},
}
# Defaults that are None but have a value in a full valid call (each mechanism given).
NONE_DEFAULT_VALID_BASE = {"dose_mg", "ki_um", "kinact_per_min", "ki_tdi_um", "kdeg_gut_per_min",
                           "kdeg_liver_per_min", "d_emax", "ec50_um", "molar_mass_g_per_mol"}
# Documented: without a dose NCA cannot give CL/F and Vz/F; they are NaN, the rest finite.
NAN_BY_DESIGN = {("nca", "dose_mg"): ("cl_f_l_per_h", "vz_f_l"),
                 ("nca_table", "dose"): ("cl_f_l_per_h", "vz_f_l")}


def public_functions():
    for module in MODULES:
        for name, obj in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and obj.__module__.startswith(module.__name__):
                yield f"{module.__name__.split('.')[-1]}.{name}", obj


FUNCTIONS = dict(public_functions())


def _kind(func, name):
    return _validate._kind(str(inspect.signature(func).parameters[name].annotation))[0]


def _overrides(func) -> dict:
    return OVERRIDES.get(func.__name__) or OVERRIDES.get(func.__module__.split(".")[-1], {})


def _strategy(func, name):
    if name in _overrides(func):
        return _overrides(func)[name]
    element = SPEC[name][0]
    if _kind(func, name) == "array":
        return st.lists(element, min_size=3, max_size=3).map(np.array)
    return element


def _numbers(result, key: str = "") -> dict[str, np.ndarray]:
    """Every number in a result (arrays, tuples, dicts, dataclasses, DataFrames), by path."""
    if dataclasses.is_dataclass(result):
        result = dataclasses.asdict(result)
    if isinstance(result, pd.DataFrame):
        return {f"{key}{c}": result[c].to_numpy(dtype=float) for c in result.columns
                if result[c].dtype.kind in "iuf"}
    if isinstance(result, (dict, tuple)):
        items = result.items() if isinstance(result, dict) else enumerate(result)
        out = {}
        for k, v in items:
            out.update(_numbers(v, f"{key}{k}."))
        return out
    return {key: np.asarray(result, dtype=float)}


def _assert_finite(label, result, allowed_nan=()):
    for key, value in _numbers(result).items():
        if key.split(".")[0] in allowed_nan:
            continue
        assert np.all(np.isfinite(value)), f"{label}: non-finite {key or 'result'}: {value!r}"


def test_every_public_function_is_checked_and_has_generators():
    assert len(FUNCTIONS) >= 45
    for label, func in FUNCTIONS.items():
        assert getattr(func, "__checked__", False), f"{label} lacks @_validate.checked"
        for name in inspect.signature(func).parameters:
            assert name in SPEC or name in _overrides(func), (
                f"{label}: add a generator for parameter {name!r} to SPEC")


@pytest.mark.parametrize("label", sorted(FUNCTIONS))
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_valid_input_is_finite_and_invalid_input_is_named(label, data):
    func = FUNCTIONS[label]
    params = inspect.signature(func).parameters
    kwargs = {}
    for name, p in params.items():
        if p.default is None and name not in NONE_DEFAULT_VALID_BASE:
            continue  # optional, left out (its None case is checked below)
        kwargs[name] = data.draw(_strategy(func, name), label=name)
    _assert_finite(label, func(**kwargs))

    array_args = [n for n in kwargs if _kind(func, n) == "array"]
    for name, p in params.items():
        kind, optional = _validate._kind(str(p.annotation))
        negative_ok = name not in _overrides(func) and SPEC[name][1] and kind in ("array", "number")
        bads = [("NaN", math.nan), ("inf", math.inf), ("-1", -1), ("'5'", "5"), ("None", None)]
        if kind != "array" or len(array_args) > 1:  # a lone array argument may take any shape
            bads.append(("mismatched shape", np.ones(2)))
        for what, bad in bads:
            trial = dict(kwargs, **{name: bad})
            call = f"{label}({name}={what})"
            if (what == "None" and optional) or (what == "'5'" and kind == "str"):
                try:  # None means "not given" here, a string is the right type: valid or named
                    result = func(**trial)
                except ValueError as err:
                    assert name in str(err), f"{call}: message does not name it: {err}"
                    continue
                _assert_finite(call, result, NAN_BY_DESIGN.get((func.__name__, name), ()))
            elif what == "-1" and negative_ok:
                _assert_finite(call, func(**trial))
            else:
                with pytest.raises(ValueError) as err:
                    func(**trial)
                assert name in str(err.value), f"{call}: message does not name it: {err.value}"


# --- The cases the issue lists ----------------------------------------------------------------
NAN, INF = math.nan, math.inf
_T3 = np.array([0.5, 1.0, 2.0, 4.0, 8.0, 12.0])
_C3 = np.array([1.0, 8.0, 6.0, 4.0, 2.0, 1.0])


@pytest.mark.parametrize(("call", "name"), [
    (lambda: pk.mg_per_l_to_ng_per_ml(-1), "c_mg_per_l"),
    (lambda: pk.to_nmol_per_l(NAN, "mitragynine"), "c_ng_per_ml"),
    (lambda: units.ng_per_ml_to_nmol_per_l(10, NAN), "molar_mass_g_per_mol"),
    (lambda: epi.sample_prevalence(0.007, INF), "recruitment_ratio"),
    (lambda: pk.half_life_h("5"), "k_per_h"),
    (lambda: nca.terminal_slope(_T3, _C3, n_points=2.5), "n_points"),
    (lambda: pk.multiple_dose_oral(1.0, 39.0, 24.0, INF, 100.0, 0.02, 1.0), "n_doses"),
    (lambda: pk.to_nmol_per_l(10.0, None), "compound"),
    (lambda: pk.to_nmol_per_l(10.0, "aspirin"), "compound"),
    (lambda: pk.one_compartment_oral(np.ones(3), 39.0, np.ones(2), 0.02, 1.0), "v_l"),
    (lambda: pk.half_life_h(True), "k_per_h"),
    (lambda: population.simulate_oral_regimen([1.0], 39.0, 24.0, 2, {"cl_l_per_h": 1.0,
     "v_l": 1.0, "ka_per_h": "5"}, {}, 3, seed=0), "typical"),
], ids=["negative mg/L", "NaN to nM", "NaN molar mass", "infinite recruitment", "string k",
        "non-integer n_points", "n_doses inf", "None compound", "unknown compound",
        "mismatched shapes", "bool k", "string in typical"])
def test_the_issue_cases_raise_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_a_billion_doses_is_refused_before_any_superposition():
    with pytest.raises(ValueError, match="n_doses must be a whole number from 1 to 10,000"):
        pk.multiple_dose_oral_superposition(1.0, 39.0, 24.0, 1e9, 100.0, 0.02, 1.0)
    assert pk.multiple_dose_oral_superposition(1.0, 39.0, 24.0, 10_000, 100.0, 0.02, 1.0) > 0
