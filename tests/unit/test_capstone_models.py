"""The capstone's models: a regimen whose elimination changes part-way (a CYP3A inhibitor
started during daily dosing) and the AUC ratio from fm and the inhibition's fold."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from pharmacourse import interactions, pk

DOSE, TAU, N, V, KA = 39.0, 24.0, 15, 12700.0, 5.8
KE1, KE2, TC = np.log(2) / 45.3, np.log(2) / 75.5, 7 * 24.0 + 6.0


def _ode(t_end: float, ke_after: float) -> tuple[np.ndarray, np.ndarray]:
    """Gut and body amounts with a dose every TAU and ke switching at TC (numerical reference)."""
    ts, cs, state = [], [], np.zeros(2)
    edges = sorted({*(j * TAU for j in range(N)), TC, t_end})
    for start, end in zip(edges[:-1], edges[1:], strict=True):
        if start in {j * TAU for j in range(N)}:
            state = state + np.array([DOSE, 0.0])
        ke = KE1 if start < TC else ke_after
        grid = np.linspace(start, end, 25)
        sol = solve_ivp(lambda _t, y, k=ke: [-KA * y[0], KA * y[0] - k * y[1]], (start, end),
                        state, t_eval=grid, rtol=1e-10, atol=1e-12)
        ts.append(grid[:-1])
        cs.append(sol.y[1][:-1] / V)
        state = sol.y[:, -1]
    return np.concatenate(ts), np.concatenate(cs)


def test_the_switched_regimen_matches_a_numerical_solution() -> None:
    t, c_ode = _ode(20 * 24.0, KE2)
    c = pk.multiple_dose_oral_ke_change(t, DOSE, TAU, N, V, KE1, KE2, TC, KA)
    np.testing.assert_allclose(c, c_ode, rtol=1e-6, atol=1e-12)


def test_no_change_in_ke_gives_the_plain_regimen() -> None:
    t = np.linspace(-5, 500, 400)
    same = pk.multiple_dose_oral_ke_change(t, DOSE, TAU, N, V, KE1, KE1, TC, KA)
    np.testing.assert_allclose(same, pk.multiple_dose_oral(t, DOSE, TAU, N, V, KE1, KA), rtol=1e-9)


def test_before_the_change_the_inhibitor_changes_nothing_and_after_it_levels_rise() -> None:
    t = np.linspace(0, 20 * 24.0, 481)
    plain = pk.multiple_dose_oral(t, DOSE, TAU, N, V, KE1, KA)
    switched = pk.multiple_dose_oral_ke_change(t, DOSE, TAU, N, V, KE1, KE2, TC, KA)
    np.testing.assert_allclose(switched[t < TC], plain[t < TC])
    assert np.all(switched[t > TC + 1] > plain[t > TC + 1])


@pytest.mark.parametrize("bad", [{"v_l": 0.0}, {"ke_after_per_h": -1.0}, {"t_change_h": -1.0},
                                 {"n_doses": 0}, {"f": 1.5}, {"dose_mg": float("nan")}])
def test_bad_inputs_name_the_argument(bad: dict) -> None:
    args = {"t_h": [0.0, 1.0], "dose_mg": DOSE, "tau_h": TAU, "n_doses": N, "v_l": V,
            "ke_per_h": KE1, "ke_after_per_h": KE2, "t_change_h": TC, "ka_per_h": KA}
    args.update(bad)
    with pytest.raises(ValueError, match=next(iter(bad))):
        pk.multiple_dose_oral_ke_change(**args)


def test_auc_ratio_from_fm_limits_and_the_mechanistic_static_model() -> None:
    assert interactions.auc_ratio_from_fm(0.0, 10.0) == pytest.approx(1.0)
    assert interactions.auc_ratio_from_fm(0.8, 1.0) == pytest.approx(1.0)
    assert interactions.auc_ratio_from_fm(0.5, 1e9) == pytest.approx(2.0)  # 1 / (1 - fm)
    assert interactions.auc_ratio_from_fm(0.9, 5.0) == pytest.approx(1 / (0.9 / 5 + 0.1))
    # the same as the liver term of the mechanistic static model with [I] / Ki = fold - 1
    assert interactions.auc_ratio_from_fm(0.7, 4.0) == pytest.approx(
        interactions.auc_ratio_mechanistic_static(0.7, 1.0, 0.0, 3.0, ki_um=1.0))
    np.testing.assert_allclose(interactions.auc_ratio_from_fm([0.2, 0.6], 3.0),
                               [1 / (0.2 / 3 + 0.8), 1 / (0.6 / 3 + 0.4)])


@pytest.mark.parametrize(("fm", "fold", "word"), [(1.2, 2.0, "fm"), (0.5, 0.5, ">= 1"),
                                                  (0.5, float("nan"), "activity")])
def test_auc_ratio_from_fm_rejects_bad_input(fm: float, fold: float, word: str) -> None:
    with pytest.raises(ValueError, match=word):
        interactions.auc_ratio_from_fm(fm, fold)
