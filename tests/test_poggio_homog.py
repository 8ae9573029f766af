"""Unit tests of numeric.poggio_homog (Banburski, Poggio et al. [002] §2 helpers)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from numeric import poggio_homog as ph
from numeric import relunet as rn


def _net(seed: int = 0) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    W = rn.random_net(3, [4, 3], rng)
    X = rng.standard_normal((5, 3))
    return W, X, np.sign(rng.standard_normal(5))


def test_output_maps() -> None:
    u = np.array([-2.0, 0.0, 3.0])
    assert np.array_equal(ph.output_map(u, "none"), u)
    assert np.array_equal(ph.output_map(u, "relu"), [0.0, 0.0, 3.0])
    assert np.array_equal(ph.output_map(u, "abs"), [2.0, 0.0, 3.0])
    with pytest.raises(ValueError):
        ph.output_map(u, "tanh")


@pytest.mark.parametrize("outer", ["none", "relu"])
def test_grad_loss_outer_matches_finite_differences(outer: str) -> None:
    W, X, y = _net(1)

    def loss(Wl: list[np.ndarray]) -> float:
        return float(np.mean(np.exp(-y * ph.output_map(rn.forward(Wl, X), outer))))

    G = ph.grad_loss_outer(W, X, y, outer)
    h = 1e-6
    for k, (i, j) in itertools.product(range(3), [(0, 0), (0, 1)]):
        Wp = [w.copy() for w in W]
        Wm = [w.copy() for w in W]
        Wp[k][i, j] += h
        Wm[k][i, j] -= h
        assert abs((loss(Wp) - loss(Wm)) / (2 * h) - G[k][i, j]) < 1e-7


def test_softplus_gradient_and_limit() -> None:
    W, X, y = _net(2)
    beta = 5.0

    def loss(Wl: list[np.ndarray]) -> float:
        H = X
        for k, w in enumerate(Wl):
            z = H @ w.T
            H = ph.softplus(z, beta) if k < len(Wl) - 1 else z
        return float(np.sum(np.exp(-y * H[:, 0])))

    G = ph.grad_loss_smooth(W, X, y, "softplus", beta)
    h = 1e-6
    Wp = [w.copy() for w in W]
    Wm = [w.copy() for w in W]
    Wp[1][1, 2] += h
    Wm[1][1, 2] -= h
    assert abs((loss(Wp) - loss(Wm)) / (2 * h) - G[1][1, 2]) < 1e-6
    z = np.linspace(-3, 3, 61)
    assert np.max(np.abs(ph.softplus(z, 1e3) - np.maximum(z, 0))) <= np.log(2) / 1e3 + 1e-15
    assert all(np.allclose(a, b) for a, b in zip(ph.grad_loss_smooth(W, X, y, "relu"),
                                                 rn.grad_loss(W, X, y), strict=True))


def test_per_sample_hessians_are_multilinear() -> None:
    W, X, _ = _net(3)
    G, H = ph.per_sample_hessians(W, X, 1e-4)
    theta = rn.flatten(W)
    # inside a region f(θ + t v) is a polynomial of degree K = 3; its second derivative at 0
    v = np.random.default_rng(0).standard_normal(theta.size) * 1e-3
    shapes = [w.shape for w in W]
    f = [rn.forward(rn.unflatten(theta + t * v, shapes), X) for t in (-2, -1, 0, 1, 2)]
    d2 = (-f[0] + 16 * f[1] - 30 * f[2] + 16 * f[3] - f[4]) / 12
    assert np.allclose(np.einsum("npq,p,q->n", H, v, v), d2, atol=1e-10)
    assert np.allclose(G @ v, (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / 12, atol=1e-10)


def test_rademacher_enumeration() -> None:
    S = ph.sign_vectors(3)
    assert S.shape == (8, 3)
    F = np.array([[1.0, -2.0, 0.5]])
    # a single member: E_σ σ·F / N = 0
    assert abs(ph.rademacher(F, S)) < 1e-15
    F2 = np.vstack([F, -F])
    assert np.isclose(ph.rademacher(F2, S), np.mean(np.abs(S @ F[0])) / 3)
    assert np.isclose(ph.rademacher(2.5 * F2, S), 2.5 * ph.rademacher(F2, S))
