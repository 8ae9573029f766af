"""Unit tests of numeric.poggio_jacobian: fields, assembled Jacobians against central
differences, tangent geometry and the critical-point finder ([002] §11.2)."""

from __future__ import annotations

import numpy as np
import pytest

from numeric import poggio_jacobian as pj
from numeric import relunet


def _setup(act: str, seed: int = 1, widths: tuple[int, ...] = (2,), d: int = 3, n: int = 4
           ) -> tuple[np.ndarray, pj.Shapes, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    W = relunet.random_net(d, list(widths), rng)
    shapes = pj.shapes_of(W)
    theta = pj.retract(relunet.flatten(W), shapes)
    X = rng.standard_normal((n, d))
    y = np.sign(relunet.forward(relunet.unflatten(theta, shapes), X, act))
    return theta, shapes, X, y


@pytest.mark.parametrize("act", ["linear", "relu"])
def test_hessian_81_is_the_jacobian_of_69(act: str) -> None:
    theta, shapes, X, y = _setup(act)
    rho, lam = 1.7, 0.3
    f, G = pj.sample_grads(relunet.unflatten(theta, shapes), X, y, act)
    Hf = pj.sample_hessians(theta, shapes, X, y, act, 1e-4)
    H = pj.hessian_81(G, Hf, pj.weights(f, rho, 0.0), rho**2, rho, lam)
    J = relunet.fd_jacobian(lambda t: pj.lagrange_field(t, shapes, X, y, rho, lam, act),
                            theta, 1e-5)
    assert np.max(np.abs(H - J)) < 1e-6 * np.max(np.abs(H))


@pytest.mark.parametrize("act", ["linear", "relu"])
def test_jacobian_78_matches_central_differences(act: str) -> None:
    theta, shapes, X, y = _setup(act, seed=2)
    rhos = [1.3, 0.8]
    rho = float(np.prod(rhos))
    f, G = pj.sample_grads(relunet.unflatten(theta, shapes), X, y, act)
    Hf = pj.sample_hessians(theta, shapes, X, y, act, 1e-4)
    J = pj.jacobian_78(theta, shapes, G, Hf, f, pj.weights(f, rho, 0.0), rhos)
    Jfd = relunet.fd_jacobian(lambda t: pj.standard_field(t, shapes, X, y, rhos, act),
                              theta, 1e-5)
    assert np.max(np.abs(J - Jfd)) < 1e-6 * np.max(np.abs(J))


@pytest.mark.parametrize("act", ["linear", "relu"])
@pytest.mark.parametrize("widths", [(), (2,), (3, 2), (2, 3, 2)])
def test_closed_form_hessians_match_central_differences(act: str, widths: tuple) -> None:
    theta, shapes, X, y = _setup(act, seed=4, widths=widths)
    H1 = pj.sample_hessians(theta, shapes, X, y, act, 1e-4)
    H2 = pj.sample_hessians_exact(theta, shapes, X, y, act)
    assert np.max(np.abs(H1 - H2)) <= 1e-9 * (1 + np.max(np.abs(H1)))


def test_tangent_basis_is_orthonormal_and_tangent() -> None:
    theta, shapes, _, _ = _setup("linear", widths=(3, 2))
    B = pj.tangent_basis(theta, shapes)
    N = pj.normal_basis(theta, shapes)
    assert B.shape == (theta.size, theta.size - len(shapes))
    assert np.allclose(B.T @ B, np.eye(B.shape[1]), atol=1e-12)
    assert np.allclose(N.T @ B, 0, atol=1e-12)


def test_critical_point_zeroes_both_fields() -> None:
    theta, shapes, X, y = _setup("linear", seed=3)
    rho = 2.0
    th, info = pj.critical_point(theta, shapes, X, y, rho, "linear")
    assert info["grad"] < 1e-13
    f, _ = pj.sample_grads(relunet.unflatten(th, shapes), X, y, "linear")
    lam = pj.lagrange_lambda(f, rho)
    F69 = pj.lagrange_field(th, shapes, X, y, rho, lam, "linear")
    F78 = pj.standard_field(th, shapes, X, y, [rho**0.5, rho**0.5], "linear")
    assert np.max(np.abs(F69)) < 1e-12 and np.max(np.abs(F78)) < 1e-12
