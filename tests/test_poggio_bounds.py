"""Unit tests of numeric.poggio_bounds (max-margin oracles, Rademacher averages, GD)."""

from __future__ import annotations

import itertools
import math

import numpy as np

from numeric import poggio_bounds as pb
from numeric import relunet


def _data(seed: int = 0, N: int = 8, d: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    w0 = rng.standard_normal(d)
    return X, np.where(X @ w0 >= 0, 1.0, -1.0)


def test_max_margin_and_min_norm_agree() -> None:
    X, y = _data()
    Z = y[:, None] * X
    g, w = pb.max_margin_linear(Z)
    u = pb.min_norm_linear(Z)
    assert g > 0
    assert abs(np.linalg.norm(w) - 1) < 1e-7
    assert abs(g - 1 / np.linalg.norm(u)) < 1e-6
    assert np.linalg.norm(w - u / np.linalg.norm(u)) < 1e-5


def test_two_point_max_margin_closed_form() -> None:
    Z = np.array([[1.0, 0.0], [0.0, 1.0]])  # max margin direction (1, 1)/√2, γ = 1/√2
    g, _ = pb.max_margin_linear(Z)
    assert abs(g - 1 / math.sqrt(2)) < 1e-7


def test_exp_constrained_margin_gap_bound() -> None:
    X, y = _data(1)
    Z = y[:, None] * X
    g, _ = pb.max_margin_linear(Z)
    for rho in (10.0, 100.0):
        w = pb.exp_constrained_linear(Z, rho)
        assert -1e-7 <= g - np.min(Z @ w) <= math.log(len(Z)) / rho + 1e-7


def test_rademacher_exact_small_classes() -> None:
    f = np.array([[1.0, -2.0, 0.5]])
    assert abs(pb.rademacher_exact(f)) < 1e-15  # one function: E σ·f = 0
    both = np.vstack([f, -f])  # {f, −f}: E |σ·f| / N
    S = np.array([[a, b, c] for a in (-1, 1) for b in (-1, 1) for c in (-1, 1)], float)
    assert abs(pb.rademacher_exact(both) - np.mean(np.abs(S @ f[0])) / 3) < 1e-15


def test_cp_bounds() -> None:
    lo, hi = pb.cp_bounds(0, 100, 0.01)
    assert lo == 0.0 and abs(hi - (1 - 0.01 ** (1 / 100))) < 1e-12
    lo, hi = pb.cp_bounds(50, 100, 0.01)
    assert lo < 0.5 < hi


def test_relu2_max_margin_upper_bounds_random_nets() -> None:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((6, 2))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
    t, blocks = pb.relu2_max_margin(X, y)
    W = pb.relu2_net_from_blocks(blocks)
    assert abs(float(np.min(relunet.margins(W, X, y))) - t) < 1e-6
    for _ in range(200):
        _, V = relunet.normalize(relunet.random_net(2, [4], rng))
        assert float(np.min(relunet.margins(V, X, y))) <= t + 1e-7


def test_normalized_gd_increases_rho() -> None:
    X, y = _data(2)
    rng = np.random.default_rng(0)
    tr = pb.normalized_gd(X, y, relunet.random_net(3, [2], rng, 0.1), "linear", 200, 1.0, 20)
    rhos = [r for r, _ in tr]
    assert all(b > a for a, b in itertools.pairwise(rhos))


def test_rosset_polish_stationary() -> None:
    X, y = _data(4)
    Z = y[:, None] * X
    w = pb.rosset_polish(Z, 1e-2, np.zeros(3))
    g = -Z.T @ np.exp(-Z @ w) + 2e-2 * w
    assert np.linalg.norm(g) < 1e-12
