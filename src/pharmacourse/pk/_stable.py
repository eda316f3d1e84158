"""Numerically stable building blocks shared by the PK models (differences of exponentials)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

def _phi(d: Array, t: Array) -> Array:
    """(1 - exp(-d t)) / d for d >= 0, with the limit t as d -> 0 (series t (1 - d t / 2))."""
    x = d * t
    small = x < 1e-8
    return np.where(small, t * (1.0 - 0.5 * x), -np.expm1(-x) / np.where(small, 1.0, d))


def _exp_divided_difference_2(a: Array, b: Array, t: Array) -> Array:
    """(exp(-b t) - exp(-a t)) / (a - b), stable as a -> b (limit t exp(-b t)).

    Symmetric in a and b: written as exp(-lo t) * (1 - exp(-(hi - lo) t)) / (hi - lo) with
    lo <= hi, so the slower exponential is factored out and ``expm1`` never overflows.
    """
    lo = np.minimum(a, b)
    return np.exp(-lo * t) * _phi(np.abs(a - b), t)


def _geometric_tail(k: Array, tau_h: float, n: Array | None) -> Array:
    """sum_{m=1}^{n} exp(-k m tau) = exp(-k tau) (1 - exp(-n k tau)) / (1 - exp(-k tau)).

    ``n`` None: the infinite sum exp(-k tau) / (1 - exp(-k tau)). Every factor is positive and
    written with ``expm1``, so nothing cancels or overflows for any k > 0.
    """
    x = k * tau_h
    if n is None:
        return np.exp(-x) / -np.expm1(-x)
    return np.exp(-x) * np.expm1(-n * x) / np.expm1(-x)


def _first_moment(a: Array, n: Array) -> Array:
    """M1 = sum_{m=1}^{n} m exp(-a m) for a > 0, n >= 0 whole numbers.

    Closed form x (S_n - n x^n) / (1 - x), x = exp(-a), S_n = (1 - x^n) / (1 - x): it loses
    about log10(2 / (a n)) digits, so where a n < 1e-3 the Taylor series in a over the power sums
    (s1 - a s2 + a^2 s3 / 2 - a^3 s4 / 6, relative error < (a n)^4 / 72) is used instead.
    """
    an = a * n
    small = an < 1e-3
    a_safe = np.where(small, 1.0, a)
    one_minus_x = -np.expm1(-a_safe)
    s_n = np.expm1(-n * a_safe) / np.expm1(-a_safe)
    closed = np.exp(-a_safe) * (s_n - n * np.exp(-n * a_safe)) / one_minus_x
    s1 = n * (n + 1.0) / 2.0
    s2 = s1 * (2.0 * n + 1.0) / 3.0
    s4 = s2 * (3.0 * n * n + 3.0 * n - 1.0) / 5.0
    series = s1 - a * s2 + a * a * s1 * s1 / 2.0 - a**3 * s4 / 6.0
    return np.where(small, series, closed)


def regimen_factors(
    lo: Array, hi: Array, tau_h: float, n_before: Array | None
) -> tuple[Array, Array]:
    """The per-subject, per-dose-count factors (U, W) of ``regimen_sum``.

    With lo <= hi the two rate constants (ka and ke in either order), d = hi - lo,
    x = exp(-lo tau), y = exp(-d tau) and N = ``n_before`` the number of earlier doses (None:
    infinitely many, steady state):

        U = sum_{m=1}^{N} x^m (1 - y^m) / d,     W = 1 + sum_{m=1}^{N} (x y)^m.

    Both are sums of positive terms. W is a geometric sum (``_geometric_tail``). U is the
    difference of two geometric sums divided by d, which loses at most log10(1 / (d tau)) digits
    (each term x^m (1 - y^m) >= (1 - y) x^m); at steady state it simplifies exactly to
    x (1 - y) / (d (1 - x) (1 - x y)), and where d tau < 1e-7 it is replaced by the midpoint
    derivative tau * sum m exp(-m tau (lo + hi) / 2) (relative error < (d tau N)^2 / 24 < 1e-7
    for N <= 10,000 doses).
    """
    d = hi - lo
    if n_before is None:
        x_tau = lo * tau_h
        u = np.exp(-x_tau) * _phi(d, tau_h) / (-np.expm1(-x_tau) * -np.expm1(-hi * tau_h))
        return u, 1.0 + _geometric_tail(hi, tau_h, None)
    tail_hi = _geometric_tail(hi, tau_h, n_before)
    close = d * tau_h < 1e-7
    if not np.any(close):
        return (_geometric_tail(lo, tau_h, n_before) - tail_hi) / d, 1.0 + tail_hi
    d_safe = np.where(close, 1.0, d)
    hi_safe = np.where(close, lo + 1.0, hi)
    direct = (_geometric_tail(lo, tau_h, n_before) - _geometric_tail(hi_safe, tau_h, n_before))
    midpoint = tau_h * _first_moment(0.5 * (lo + hi) * tau_h, n_before)
    return np.where(close, midpoint, direct / d_safe), 1.0 + tail_hi


def regimen_sum(lo: Array, hi: Array, t_prime: Array, u: Array, w: Array) -> Array:
    """sum_{m=0}^{N} B(t' + m tau), B(s) = (exp(-lo s) - exp(-hi s)) / (hi - lo): N + 1 doses.

    t' >= 0 is the time since the latest dose. Splitting 1 - exp(-d (t' + m tau)) into
    (1 - y^m) + y^m (1 - exp(-d t')) gives exp(-lo t') * (phi(d, t') W + U) with (U, W) from
    ``regimen_factors``: a product of positive factors, finite and free of cancellation for every
    lo, hi, tau > 0 (no exp(+(ka - ke) tau) that could overflow).
    """
    return np.exp(-lo * t_prime) * (_phi(hi - lo, t_prime) * w + u)


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


