"""Unit tests of numeric.poggio_growth (the ODE helpers of [002] §11.1 and §12)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from numeric import poggio_growth as ng


def test_fit_line_recovers_slope() -> None:
    x = np.linspace(0, 1, 11)
    b, lo, hi = ng.fit_line(x, 3 * x + 1 + 1e-3 * np.sin(40 * x))
    assert lo <= 3 <= hi and abs(b - 3) < 1e-2


def test_k1_norm_system_matches_closed_form() -> None:
    tau = np.linspace(0, 50, 11)
    r = ng.norms_logtime([0.7], 1.3, tau)[0]
    closed = np.log(1.3**2 * np.expm1(tau) + math.exp(0.7 * 1.3)) / 1.3
    assert np.max(np.abs(r - closed) / closed) < 1e-8


def test_unequal_norms_conserve_difference_of_squares() -> None:
    r = ng.norms_logtime([0.5, 2.0], 1.0, np.linspace(0, 30, 7))
    d = r[1] ** 2 - r[0] ** 2
    assert np.max(np.abs(d - d[0])) < 1e-7


def test_direction_error_gd_matches_exact_solution() -> None:
    tau = np.linspace(0, 30, 7)
    Y = ng.direction_error_logtime(1.0, 1.0, 0.4, tau, "gd")
    _, th = ng.gd_closed_form(1.0, 1.0, 0.4, np.expm1(tau))
    assert np.max(np.abs(Y[1] - np.log(th))) < 1e-7


def test_li_inverse_and_calL() -> None:
    r = ng.li_inv(100)
    assert abs(mp.li(r) - 100) < 1e-20
    assert abs(ng.calL_of_u(3.0) - ng.calL(mp.e**3)) < 1e-12


def test_rv_system_reproduces_standard_flow() -> None:
    Z = np.array([[1.0, 0.3], [0.2, 1.0]])
    w0 = np.array([0.5, -0.4])
    tau = np.log1p(np.array([0.0, 1.0, 100.0]))
    assert np.allclose(ng.linear_flows(Z, w0, tau, "w"), ng.linear_flows(Z, w0, tau, "rv"),
                       rtol=1e-8)


def test_bn_equals_wn_on_whitened_batch_only() -> None:
    Q, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((4, 2)))
    w = np.array([0.3, -1.2])
    r = ng.bn_output(2 * Q, w, False, np) / ng.wn_output(2 * Q, w, np)
    assert np.allclose(r, r[0])
    X = np.array([[1.0, 0.5], [1.0, 1.0]])
    e1, e2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    r1 = ng.bn_output(X, e1, False, np) / ng.wn_output(X, e1, np)
    r2 = ng.bn_output(X, e2, False, np) / ng.wn_output(X, e2, np)
    assert abs(r1[0] - r2[0]) > 0.1
