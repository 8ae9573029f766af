"""Unit tests of numeric.poggio_stationary (the V_k flows of [002] §5, §11.3)."""

from __future__ import annotations

import mpmath as mp
import numpy as np

from numeric import poggio_stationary as ps
from numeric import relunet as rn


def _k1(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((4, 3))
    y = np.sign(X @ rng.standard_normal(3))
    V = rng.standard_normal(3)
    return X, y, V / np.linalg.norm(V)


def test_field_k1_closed_form() -> None:
    """K = 1: Σ_n w_n (z_n − V (V·z_n)), w = softmax(−ρ V·z), times ρ/ρ_1² with rhos."""
    X, y, V = _k1()
    rho = 3.0
    Z = X * y[:, None]
    m = Z @ V
    w = np.exp(-rho * (m - m.min()))
    w /= w.sum()
    want = w @ (Z - V[None] * m[:, None])
    got = np.asarray(ps.field([V[None, :]], X, y, rho, "linear"))[0, 0]
    assert np.allclose(got, want, rtol=1e-13, atol=1e-15)
    got2 = np.asarray(ps.field([V[None, :]], X, y, rho, "linear", [2.0]))[0, 0]
    assert np.allclose(got2, want * rho / 4.0, rtol=1e-13, atol=1e-15)


def test_tangent_basis_orthonormal() -> None:
    shapes = ps.shapes_of(3, [2])
    theta = ps.sphere_normalize(np.random.default_rng(1).standard_normal(8), shapes)
    B = ps.tangent_basis(theta, shapes)
    assert B.shape == (8, 6)
    assert np.allclose(B.T @ B, np.eye(6), atol=1e-13)
    assert np.allclose(B[:6].T @ theta[:6], 0, atol=1e-13)
    assert np.allclose(B[6:].T @ theta[6:], 0, atol=1e-13)


def test_critical_point_and_mp_twin() -> None:
    X, y, _ = _k1(2)
    shapes = ps.shapes_of(3, [])
    theta, res = ps.critical_point(np.ones(3), shapes, X, y, 5.0, "linear")
    assert res < 1e-12
    with mp.workdps(30):
        F = ps.mp_field([mp.mpf(float(t)) for t in theta], shapes, ps._obj(X), ps._obj(y),
                        mp.mpf(5), "linear")
        Fn = np.asarray(rn.flatten(ps.field(rn.unflatten(theta, shapes), X, y, 5.0,
                                            "linear")))
        assert max(abs(float(a) - b) for a, b in zip(F, Fn, strict=True)) < 1e-14


def test_deep_linear_continuum_has_zero_eigenvalue() -> None:
    """K = 2 linear, h = 2: stationary points lie on O(2)-orbits (a zero tangent eigenvalue);
    K = 1: the separating stationary point is hyperbolic and stable."""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((3, 2))
    y = np.sign(X @ np.array([1.0, 0.5]))
    shapes = ps.shapes_of(2, [2])
    theta, res = ps.critical_point(rng.standard_normal(6), shapes, X, y, 4.0, "linear")
    assert res < 1e-12
    _, JT = ps.tangent_jacobian(theta, shapes, X, y, 4.0, "linear")
    ev = np.linalg.eigvals(JT)
    assert np.min(np.abs(ev)) < 1e-8 * np.max(np.abs(ev))
    ev50, _F = ps.mp_tangent_spectrum(theta, shapes, X, y, 4.0, "linear")
    assert min(abs(complex(e)) for e in ev50) < 1e-12
    shapes1 = ps.shapes_of(2, [])
    th1, res1 = ps.critical_point(np.array([1.0, 0.5]), shapes1, X, y, 4.0, "linear")
    _, JT1 = ps.tangent_jacobian(th1, shapes1, X, y, 4.0, "linear")
    assert res1 < 1e-12 and np.all(np.linalg.eigvals(JT1).real < 0)
