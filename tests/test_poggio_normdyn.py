"""Unit tests of numeric.poggio_normdyn (batch normalisation and WN fields, [002] §10)."""

from __future__ import annotations

import numpy as np
import pytest

from numeric import poggio_normdyn as bn
from numeric.relunet import fd_jacobian


@pytest.mark.parametrize("centred", [False, True])
@pytest.mark.parametrize("eps", [0.0, 1e-3])
def test_bn_forward_matches_loop(centred: bool, eps: float) -> None:
    rng = np.random.default_rng(1)
    X = rng.standard_normal((7, 3)) * 2 + 1
    out = bn.bn_forward(X, eps, centred)
    for j in range(3):
        col = X[:, j] - (X[:, j].mean() if centred else 0.0)
        ref = col / np.sqrt(np.mean(col**2) + eps)
        np.testing.assert_allclose(out[:, j], ref, rtol=1e-14)


@pytest.mark.parametrize("centred", [False, True])
def test_bn_jacobian_matches_fd(centred: bool) -> None:
    rng = np.random.default_rng(2)
    X = rng.standard_normal((4, 2)) + 0.3
    J = bn.bn_jacobian(X, 1e-3, centred).reshape(8, 8)

    def f(t: np.ndarray) -> np.ndarray:
        return bn.bn_forward(t.reshape(4, 2), 1e-3, centred).reshape(-1)

    np.testing.assert_allclose(J, fd_jacobian(f, X.reshape(-1), 1e-6), atol=1e-8)


def test_wn_and_tangent_fields_agree_on_the_sphere() -> None:
    rng = np.random.default_rng(3)
    v = rng.standard_normal(5)
    v /= np.linalg.norm(v)
    G = rng.standard_normal(5)
    g55, v56 = bn.wn_field(2.5, v, G)
    r57, v58 = bn.tangent_field(2.5, v, G)
    assert abs(g55 - r57) < 1e-14
    np.testing.assert_allclose(v56, v58, atol=1e-14)
    S = bn.projector(v)
    np.testing.assert_allclose(S @ S, S, atol=1e-14)
    assert abs(v @ v56) < 1e-14


def test_bn_net_layers_scale_invariant() -> None:
    rng = np.random.default_rng(4)
    W = [rng.standard_normal((3, 2)), rng.standard_normal((3, 3)), rng.standard_normal((1, 3))]
    X = rng.standard_normal((6, 2))
    a = bn.bn_net_layers(W, X)
    b = bn.bn_net_layers([5.0 * W[0], 0.01 * W[1], W[2]], X)
    for s, t in zip(a, b, strict=True):
        np.testing.assert_allclose(s, t, atol=1e-12)
