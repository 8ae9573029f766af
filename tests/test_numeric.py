"""Unit tests of ``numeric`` against independent references, on the backend under test.

References: mpmath at 50 digits (``verify.highprec``) for the forward pass and gradients of
the WN network, direct per-neuron loops for the Gram matrices, and the unnormalized network
for H. Tolerances are Higham's γ_N bounds for the sums involved (``verify.tolerance``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numeric
from numeric._backend import chunk_size, get_backend, to_numpy
from numeric.ntk import angles, gram, gram_H, gram_infinite
from numeric.wn import forward, forward_unnormalized, gradients, init, loss
from verify import highprec as hp
from verify.tolerance import gamma


def _instance(seed: int, n: int, m: int, d: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "X": rng.standard_normal((n, d)),
        "y": rng.standard_normal(n),
        "V": rng.standard_normal((m, d)),
        "g": rng.uniform(0.5, 2.0, m) * rng.choice([-1.0, 1.0], m),
        "c": rng.choice([-1.0, 1.0], m),
    }


def _xp_args(xp, inst: dict[str, np.ndarray], *keys: str):
    return [xp.asarray(inst[k]) for k in keys]


def test_api_names_exist() -> None:
    for name in ("forward", "gradients", "init"):
        assert callable(getattr(numeric.wn, name)) and getattr(numeric.wn, name).__doc__
    for name in ("gram", "gram_infinite"):
        assert callable(getattr(numeric.ntk, name)) and getattr(numeric.ntk, name).__doc__


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 5), m=st.integers(1, 6),
       d=st.integers(1, 4))
def test_forward_and_gradients_match_mpmath(backend: str, seed: int, n: int, m: int,
                                            d: int) -> None:
    xp = get_backend(backend)
    inst = _instance(seed, n, m, d)
    X, y, V, g, c = _xp_args(xp, inst, "X", "y", "V", "g", "c")
    f = to_numpy(forward(X, V, g, c))
    dV, dg = (to_numpy(a) for a in gradients(X, y, V, g, c))
    with hp.workdps():
        Xm, Vm = hp.mpf_matrix(inst["X"]), hp.mpf_matrix(inst["V"])
        gm, cm, ym = (hp.mpf_vector(inst[k]) for k in ("g", "c", "y"))
        f_ref = np.array([float(a) for a in hp.wn_forward(Xm, Vm, gm, cm)])
        dV_ref, dg_ref = hp.wn_gradients(Xm, ym, Vm, gm, cm)
        dV_ref = np.array([[float(a) for a in row] for row in dV_ref])
        dg_ref = np.array([float(a) for a in dg_ref])
    # scales: Σ|terms| bounds the rounding error of each entry (γ_N · scale)
    scale_f = (np.abs(inst["X"]) @ np.abs(inst["V"]).T).sum(axis=1) * 3 + 1
    tol_f = gamma(4 * (d + m + 4)) * scale_f.max()
    assert np.max(np.abs(f - f_ref)) <= tol_f
    r_scale = np.max(np.abs(f_ref - inst["y"])) + tol_f
    tol_g = gamma(8 * (n + d + m + 8)) * (r_scale + 1) * scale_f.max() * n * 4
    # entries near a kink (|g v_kᵀx_i| tiny) may switch sides between float64 and mpmath
    P = inst["X"] @ (inst["V"] / np.linalg.norm(inst["V"], axis=1)[:, None]).T
    if np.min(np.abs(P)) > 1e-8:
        assert np.max(np.abs(dV - dV_ref)) <= tol_g
        assert np.max(np.abs(dg - dg_ref)) <= tol_g


def test_gradients_match_finite_differences(backend: str) -> None:
    xp = get_backend(backend)
    inst = _instance(7, 6, 9, 3)
    X, y, V, g, c = _xp_args(xp, inst, "X", "y", "V", "g", "c")
    dV, dg = (to_numpy(a) for a in gradients(X, y, V, g, c))
    h = 1e-6
    for k in range(3):
        E = np.zeros_like(inst["V"])
        E[k, 1] = h
        lp = float(loss(X, y, xp.asarray(inst["V"] + E), g, c))
        lm = float(loss(X, y, xp.asarray(inst["V"] - E), g, c))
        assert abs((lp - lm) / (2 * h) - dV[k, 1]) < 1e-6
        e = np.zeros(9)
        e[k] = h
        lp = float(loss(X, y, V, xp.asarray(inst["g"] + e), c))
        lm = float(loss(X, y, V, xp.asarray(inst["g"] - e), c))
        assert abs((lp - lm) / (2 * h) - dg[k]) < 1e-6


def test_gradient_perturbation_is_detected(backend: str) -> None:
    """The FD comparison above can fail: a gradient off by 1 % is caught."""
    xp = get_backend(backend)
    inst = _instance(7, 6, 9, 3)
    X, y, V, g, c = _xp_args(xp, inst, "X", "y", "V", "g", "c")
    _, dg = (to_numpy(a) for a in gradients(X, y, V, g, c))
    h = 1e-6
    e = np.zeros(9)
    e[0] = h
    fd = (float(loss(X, y, V, xp.asarray(inst["g"] + e), c))
          - float(loss(X, y, V, xp.asarray(inst["g"] - e), c))) / (2 * h)
    assert abs(fd - 1.01 * dg[0]) > 1e-6


@pytest.mark.parametrize("chunk", [1, 3, 7, 1000])
def test_gram_chunking_invariant_and_matches_loops(backend: str, chunk: int) -> None:
    xp = get_backend(backend)
    inst = _instance(3, 5, 17, 4)
    alpha = 0.7
    X, V, g, c = _xp_args(xp, inst, "X", "V", "g", "c")
    H, Vg, G = (to_numpy(a) for a in gram(X, V, g, c, alpha, chunk=chunk))
    Xn, Vn = inst["X"], inst["V"]
    n, m = Xn.shape[0], Vn.shape[0]
    H_ref, V_ref, G_ref = np.zeros((n, n)), np.zeros((n, n)), np.zeros((n, n))
    for k in range(m):
        u = Vn[k] / np.linalg.norm(Vn[k])
        a = (Xn @ u >= 0).astype(float)
        Xp = Xn - np.outer(Xn @ u, u)  # x^{v⊥}
        s = alpha * inst["c"][k] * inst["g"][k] / np.linalg.norm(Vn[k])
        H_ref += np.outer(a, a) * (Xn @ Xn.T)
        V_ref += s**2 * np.outer(a, a) * (Xp @ Xp.T)
        G_ref += np.outer(a * (Xn @ u), a * (Xn @ u))
    tol = gamma(m * 4 + 8) * 50 * max(1.0, np.abs(Xn).max() ** 2 * 10)
    np.testing.assert_allclose(H, H_ref / m, atol=tol)
    np.testing.assert_allclose(Vg, V_ref / m, atol=tol * (alpha * 2 / 0.3) ** 2)
    np.testing.assert_allclose(G, G_ref / m, atol=tol)


def test_gram_H_equals_gram_when_g_positive(backend: str) -> None:
    xp = get_backend(backend)
    V, g, c = init(50, 3, 0.5, seed=1)
    X = np.random.default_rng(2).standard_normal((6, 3))
    W = g[:, None] * V / np.linalg.norm(V, axis=1)[:, None]
    H = to_numpy(gram(xp.asarray(X), xp.asarray(V), xp.asarray(g), xp.asarray(c), 0.5)[0])
    H2 = to_numpy(gram_H(xp.asarray(X), xp.asarray(W), chunk=7))
    np.testing.assert_allclose(H, H2, atol=1e-13)
    f1 = to_numpy(forward(xp.asarray(X), xp.asarray(V), xp.asarray(g), xp.asarray(c)))
    f2 = to_numpy(forward_unnormalized(xp.asarray(X), xp.asarray(W), xp.asarray(c)))
    np.testing.assert_allclose(f1, f2, atol=1e-13)


def test_gram_infinite_closed_forms(backend: str) -> None:
    xp = get_backend(backend)
    X = np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, 0.0], [1.0, 1.0]])
    H, Vi, G = (to_numpy(a) for a in gram_infinite(xp.asarray(X)))
    d = 2
    # diagonal: θ = 0 → H_ii = r²/2, G_ii = r² π /(2π d) = r²/(2d)
    r2 = (X**2).sum(1)
    np.testing.assert_allclose(np.diag(H), r2 / 2, rtol=1e-15)
    np.testing.assert_allclose(np.diag(G), r2 / (2 * d), rtol=1e-15)
    # antipodal points: θ = π → H = 0, G = 0
    assert abs(H[0, 2]) < 1e-15 and abs(G[0, 2]) < 1e-15
    # orthogonal points: θ = π/2 → H = 0, G = r_i r_j/(2π d)
    assert abs(H[0, 1]) < 1e-15
    assert G[0, 1] == pytest.approx(2 / (2 * math.pi * d), rel=1e-14)
    np.testing.assert_allclose(Vi, H - G)
    assert np.linalg.eigvalsh(H).min() > -1e-14 and np.linalg.eigvalsh(G).min() > -1e-14


def test_angles_diagonal_exact_and_off_diagonal_to_sqrt_eps(backend: str) -> None:
    xp = get_backend(backend)
    t = 1e-3
    X = np.array([[1.0, 0.0], [math.cos(t), math.sin(t)], [0.3, -0.7]])
    _, cross, theta = (to_numpy(a) for a in angles(xp.asarray(X)))
    assert np.all(np.diag(theta) == 0) and np.all(np.diag(cross) == 0)
    # off the diagonal θ is determined by K to ≈ √ε/ sin θ relative accuracy
    assert theta[0, 1] == pytest.approx(t, abs=4 * math.sqrt(np.finfo(float).eps) * 1e-3 / t)
    ref = math.atan2(abs(X[0, 0] * X[2, 1] - X[0, 1] * X[2, 0]), X[0] @ X[2])
    assert theta[0, 2] == pytest.approx(ref, rel=1e-12)


def test_init_distribution() -> None:
    V, g, c = init(20000, 3, 0.3, seed=5)
    assert V.shape == (20000, 3) and g.shape == (20000,) and c.shape == (20000,)
    assert set(np.unique(c)) == {-1.0, 1.0}
    np.testing.assert_allclose(g, np.linalg.norm(V, axis=1) / 0.3)
    # std of entries within 4 standard errors of α (sample of 60000 normals)
    se = 0.3 / math.sqrt(2 * V.size)
    assert abs(V.std() - 0.3) < 4 * se
    np.testing.assert_array_equal(init(5, 2, 1.0, seed=9)[0], init(5, 2, 1.0, seed=9)[0])


@pytest.mark.parametrize(("m", "d", "alpha"), [(0, 2, 1.0), (3, 0, 1.0), (3, 2, 0.0),
                                               (3, 2, -1.0), (3, 2, math.nan)])
def test_init_rejects_bad_sizes(m: int, d: int, alpha: float) -> None:
    with pytest.raises(ValueError):
        init(m, d, alpha, seed=0)


def test_chunk_size_bounds_memory() -> None:
    b = chunk_size(1000, 64, 10**6)
    assert 1 <= b <= 10**6
    assert b * (1000 + 64) <= 1 << 22 or b == 1
    assert chunk_size(10, 3, 5, chunk=2) == 2


@given(n=st.integers(1, 40), b=st.integers(1, 3000), p=st.floats(0.0, 1.0),
       seed=st.integers(0, 2**32 - 1))
def test_coactivation_counts_exact(n: int, b: int, p: float, seed: int) -> None:
    """The float32 co-activation product equals the float64 one bit for bit (integer counts
    below 2²⁴), including the largest count (all ones)."""
    from numeric.ntk import coactivation

    xp = get_backend("numpy")
    A = (np.random.default_rng(seed).random((n, b)) < p).astype(np.float64)
    assert np.array_equal(coactivation(A, xp), A @ A.T)
    ones = np.ones((n, b))
    assert np.array_equal(coactivation(ones, xp), np.full((n, n), float(b)))


def test_wn_step_data_cached_and_recomputed_agree_with_gradients(backend: str) -> None:
    """The GD step's two passes give ``numeric.wn.gradients`` and r = f − y, whether the
    first pass's blocks are kept (small n·m) or recomputed (large n·m): bit-identical."""
    from numeric.regimes import wn_step_data
    from numeric.wn import forward

    xp = get_backend(backend)
    inst = _instance(11, 7, 40, 4)
    X, y, V, g, c = _xp_args(xp, inst, "X", "y", "V", "g", "c")
    kept = [to_numpy(a) for a in wn_step_data(X, y, V, g, c)]
    recomputed = [to_numpy(a) for a in wn_step_data(X, y, V, g, c, cache_floats=0)]
    for a, b in zip(kept, recomputed, strict=True):
        assert np.array_equal(a, b)
    dV, dg = (to_numpy(a) for a in gradients(X, y, V, g, c))
    r = to_numpy(forward(X, V, g, c)) - inst["y"]
    for ours, ref in ((kept[0], dV), (kept[1], dg), (kept[2], r)):
        assert np.max(np.abs(ours - ref)) <= gamma(4 * 40 * 7) * (1 + np.max(np.abs(ref)))


def test_wn_step_data_memory_bounded_in_m() -> None:
    """Peak memory of a GD step above the cache threshold does not grow with n·m, only with
    the m×d outputs: from m = 8·10⁴ to 3.2·10⁵ (n = 400) the n×m blocks would grow from
    512 MB to 2 GB; the peak may grow by at most three copies of the (m×(d+1)) outputs."""
    import tracemalloc

    from numeric.regimes import wn_step_data

    rng = np.random.default_rng(3)
    n, d = 400, 8
    X, y = rng.standard_normal((n, d)), rng.standard_normal(n)
    peaks = {}
    for m in (80_000, 320_000):
        V, g = rng.standard_normal((m, d)), rng.uniform(0.5, 2, m)
        c = rng.choice([-1.0, 1.0], m)
        tracemalloc.start()
        wn_step_data(X, y, V, g, c)
        peaks[m] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    growth = 3 * (320_000 - 80_000) * (d + 1) * 8
    assert peaks[320_000] <= peaks[80_000] + growth, peaks
    assert peaks[320_000] < 2 * n * 320_000 * 8 / 4, peaks
