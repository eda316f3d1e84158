"""Numerically stable building blocks shared by the PK models (differences of exponentials)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

def _exp_divided_difference_2(a: Array, b: Array, t: Array) -> Array:
    """(exp(-b t) - exp(-a t)) / (a - b), stable as a -> b (limit t exp(-b t)).

    Written as exp(-b t) * (-expm1(-(a - b) t)) / (a - b); when (a - b) t is tiny the ratio is
    replaced by its series t (1 - d t / 2).
    """
    # symmetric in a and b: factor out the slower exponential so expm1 never overflows
    lo = np.minimum(a, b)
    d = np.abs(a - b)
    x = d * t
    small = x < 1e-8
    safe_d = np.where(small, 1.0, d)
    ratio = np.where(small, t * (1.0 - 0.5 * x), -np.expm1(-x) / safe_d)
    return np.exp(-lo * t) * ratio


def _expm1_ratio(m: Array, x: Array) -> Array:
    """expm1(m x) / expm1(x), with the limit m where x -> 0 (m >= 0)."""
    tiny = np.abs(x) < 1e-300
    safe_x = np.where(tiny, 1.0, x)
    return np.where(tiny, m, np.expm1(m * safe_x) / np.expm1(safe_x))


def _regimen_divided_difference(
    ke: Array, ka: Array, t_prime: Array, tau_h: float, n: Array | None
) -> Array:
    """h[ke, ka] = (h(ke) - h(ka)) / (ke - ka) for the multiple-dose sum, without cancellation.

    h(lam) = exp(-lam t') * S(lam), S(lam) = sum_{j<n} x^j = (1 - x^n) / (1 - x), x = exp(-lam tau)
    (n = None: the infinite sum 1 / (1 - x) of steady state). The product rule of divided
    differences, h[a,b] = u[a,b] S(a) + u(b) S[a,b] with u = exp(-lam t'), and
    x_a^m - x_b^m written with expm1 keep every step free of catastrophic cancellation, so the
    result stays accurate as ka -> ke (tested against the superposition sum).
    """
    a, b = ke, ka
    d = a - b
    xa = np.exp(-a * tau_h)
    xb = np.exp(-b * tau_h)
    one_minus_xa = -np.expm1(-a * tau_h)
    one_minus_xb = -np.expm1(-b * tau_h)
    # (xa - xb) / (a - b) = xb * expm1(-tau d) / d  ->  -tau xb as d -> 0
    tiny = np.abs(d * tau_h) < 1e-12
    safe_d = np.where(tiny, 1.0, d)
    x_dd = np.where(tiny, -tau_h * xb, xb * np.expm1(-tau_h * d) / safe_d)
    if n is None:
        s_a = 1.0 / one_minus_xa
        s_dd = x_dd / (one_minus_xa * one_minus_xb)
    else:
        s_a = -np.expm1(-n * a * tau_h) / one_minus_xa
        # D_m = (xa^m - xb^m) / (xa - xb), symmetric in a and b; with lo <= hi the rates,
        # D_m = x_lo^(m-1) * expm1(-m tau (hi - lo)) / expm1(-tau (hi - lo)), no overflow
        lo = np.minimum(a, b)
        gap = np.abs(d) * tau_h
        d_n = np.exp(-(n - 1.0) * lo * tau_h) * _expm1_ratio(n, -gap)
        d_n1 = np.exp(-np.maximum(n - 2.0, 0.0) * lo * tau_h) * _expm1_ratio(n - 1.0, -gap)
        d_n1 = np.where(n >= 2, d_n1, 0.0)
        s_dd = x_dd * (1.0 - d_n + xa * xb * d_n1) / (one_minus_xa * one_minus_xb)
    u_dd = -_exp_divided_difference_2(a, b, t_prime)  # (e^{-a t'} - e^{-b t'}) / (a - b)
    u_b = np.exp(-b * t_prime)
    return u_dd * s_a + u_b * s_dd


def _exp_divided_difference_3(a: Array, b: Array, c: Array, t: Array) -> Array:
    """Divided difference g[a, b, c] of g(x) = exp(-x t), stable for close or equal points.

    g[a,b,c] = sum_i exp(-x_i t) / prod_{j != i} (x_i - x_j). Divided differences are
    symmetric, so the outer pair is chosen as the two points farthest apart; when all three
    nearly coincide the second-order limit (t^2 / 2) exp(-m t), m the mean, is used.
    """
    a, b, c, t = np.broadcast_arrays(*(np.asarray(x, float) for x in (a, b, c, t)))
    lo = np.minimum(np.minimum(a, b), c)
    hi = np.maximum(np.maximum(a, b), c)
    mid = a + b + c - lo - hi
    spread = hi - lo
    coincide = spread * t < 1e-4
    safe = np.where(coincide, 1.0, spread)
    # g[lo, mid, hi] = (g[mid, hi] - g[lo, mid]) / (hi - lo), each pair difference via expm1
    g_mid_hi = -_exp_divided_difference_2(hi, mid, t)  # (e^{-hi t}-e^{-mid t})/(hi-mid)
    g_lo_mid = -_exp_divided_difference_2(mid, lo, t)
    general = (g_mid_hi - g_lo_mid) / safe
    m = (a + b + c) / 3.0
    limit = 0.5 * t * t * np.exp(-m * t)
    return np.where(coincide, limit, general)


