"""Regimes of WN training (Dukler et al. ICML §3-§5, ICLR §6 and App. F): condition numbers
of Λ(α) = V/α² + G, dominance ratios of its two terms, and gradient-descent runs that record
the quantities of App. F (α(s), the loss, the per-step change of the directions of v_k).

Array-API code: the hot loops (gradient steps, Gram matrices) run on the namespace of their
inputs; the n×n eigenvalue problems and the per-step scalars go to NumPy. Neurons are
processed in chunks by ``numeric.wn`` and ``numeric.ntk``, so no n×m×d tensor is formed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from numeric import ntk, wn
from numeric._backend import chunk_size, chunks, indicator, inv_sqrt, namespace, to_numpy


def sym_eigvalsh(K: Any) -> np.ndarray:
    """Ascending eigenvalues of a matrix that is symmetric by construction (checked to
    rounding: |K − Kᵀ| ≤ 1e3·eps·max|K|, else ValueError); symmetrised before ``eigvalsh``."""
    A = np.asarray(to_numpy(K), dtype=np.float64)
    scale = float(np.max(np.abs(A), initial=0.0))
    if float(np.max(np.abs(A - A.T), initial=0.0)) > 1e3 * np.finfo(np.float64).eps * scale:
        raise ValueError("sym_eigvalsh: matrix is not symmetric to rounding")
    return np.linalg.eigvalsh((A + A.T) / 2)


def kappa(Vk: Any, G: Any, alpha: float) -> float:
    """κ(α) = λ_min(Λ)/λ_max(Λ) of Λ(α) = Vk/α² + G: the per-step contraction of GD with
    step 1/‖Λ‖₂ is 1 − κ (the "convergence rate" as a function of α, ICML §5)."""
    e = sym_eigvalsh(to_numpy(Vk) / alpha**2 + to_numpy(G))
    return float(e[0] / e[-1])


def kappa_curve(Vk: Any, G: Any, alphas: Any) -> np.ndarray:
    """κ(α) on a grid (see :func:`kappa`)."""
    return np.array([kappa(Vk, G, float(a)) for a in alphas])


def dominance_ratios(Vk: Any, G: Any, alpha: float, r: Any = None) -> dict[str, float]:
    """Ratios (measure of V/α²)/(measure of G) of the two terms of Λ = Vk/α² + G for the
    trace, the spectral norm, the least eigenvalue and, given a residual r, the quadratic
    form rᵀ·r (the share of −dL/dt). A ratio > 1 means the V-term dominates."""
    A, B = to_numpy(Vk) / alpha**2, to_numpy(G)
    ea, eb = sym_eigvalsh(A), sym_eigvalsh(B)
    out = {
        "trace": float(np.trace(A) / np.trace(B)),
        "spectral": float(ea[-1] / eb[-1]),
        "lambda_min": float(ea[0] / eb[0]),
    }
    if r is not None:
        rr = to_numpy(r)
        out["quadratic"] = float(rr @ A @ rr / (rr @ B @ rr))
    return out


def crossover(Vk: Any, G: Any, r: Any = None) -> dict[str, float]:
    """α_× per measure: the α at which the V-term and the G-term of Λ(α) are equal; every
    ratio of :func:`dominance_ratios` is (ratio at α = 1)/α², so α_× = √(ratio at α = 1)."""
    return {k: math.sqrt(v) for k, v in dominance_ratios(Vk, G, 1.0, r).items()}


def effective_kernels(X: Any, V: Any, g: Any, c: Any) -> tuple[Any, Any, Any]:
    """(H, V/α², G) at the current state: V/α² = m⁻¹Σ_k (c_k g_k/‖v_k‖)²⟨x_i^⊥, x_j^⊥⟩1 1
    is (3.3) divided by α², i.e. ``numeric.ntk.gram`` at α = 1 (α-free along training)."""
    return ntk.gram(X, V, g, c, 1.0)


def alpha_ratio(V: Any, g: Any) -> float:
    """α(s) = m⁻¹ Σ_k ‖v_k(s)‖₂ / g_k(s): App. F's ratio (reconstructed; α(0) = α under
    (2.4) since g_k(0) = ‖v_k(0)‖/α)."""
    xp = namespace(V, g)
    return float(xp.mean(xp.linalg.vector_norm(V, axis=1) / g))


def mean_angle_change(V0: Any, V1: Any) -> float:
    """Δ_ave = m⁻¹ Σ_k ∠(v_k(s), v_k(s+1)), each angle as 2·asin(‖u_0 − u_1‖/2) (equal to
    arccos⟨u_0, u_1⟩, without its cancellation for small angles)."""
    xp = namespace(V0, V1)
    u0 = V0 / xp.linalg.vector_norm(V0, axis=1)[:, None]
    u1 = V1 / xp.linalg.vector_norm(V1, axis=1)[:, None]
    half = xp.linalg.vector_norm(u0 - u1, axis=1) / 2
    return float(xp.mean(2 * xp.asin(xp.minimum(half, xp.ones_like(half)))))


def max_angle(V0: Any, V1: Any) -> float:
    """max_k ∠(v_k(0), v_k(s)) (same formula as :func:`mean_angle_change`)."""
    xp = namespace(V0, V1)
    u0 = V0 / xp.linalg.vector_norm(V0, axis=1)[:, None]
    u1 = V1 / xp.linalg.vector_norm(V1, axis=1)[:, None]
    half = xp.linalg.vector_norm(u0 - u1, axis=1) / 2
    return float(xp.max(2 * xp.asin(xp.minimum(half, xp.ones_like(half)))))


def window_sum(a: np.ndarray, w: int) -> np.ndarray:
    """W(s) = Σ_{t=s}^{s+w−1} a(t) for s = 0..len(a)−w ("total variation in angle, next w
    steps", App. F)."""
    c = np.concatenate([[0.0], np.cumsum(np.asarray(a, dtype=np.float64))])
    return c[w:] - c[:-w]


def wn_step_data(X: Any, y: Any, V: Any, g: Any, c: Any,
                 cache_floats: int = 1 << 24) -> tuple[Any, Any, Any]:
    """(∂L/∂V, ∂L/∂g, r): the gradients of ``numeric.wn.gradients`` (same formulas, σ'(0) := 1)
    together with the residual r = f − y they use, so a GD loop evaluates f once per step.

    Two passes over chunks of neurons: f = m^{-1/2} Σ_k c_k g_k σ(x^⊤v_k/‖v_k‖), then the
    per-neuron gradients. The n×b blocks X v̂ᵀ and 𝟙 of the first pass are kept for the
    second only while the n×m of them hold ≤ ``cache_floats`` floats (2²⁴: 128 MiB in
    float64); above that they are recomputed, so peak memory stays O(n·b + m·d) whatever m
    is. Both paths do the same operations on the same blocks (identical results)."""
    xp = namespace(X, y, V, g, c)
    n, d = X.shape
    m = V.shape[0]
    b = chunk_size(n, d, m)
    keep = 2 * n * m <= cache_floats

    def block(s: int, e: int) -> tuple[Any, Any, Any, Any]:
        Vc, gc = V[s:e, :], g[s:e]
        nv = xp.linalg.vector_norm(Vc, axis=1)
        Uh = Vc / nv[:, None]
        P = X @ Uh.T
        return Uh, P, indicator(gc * P, xp), nv

    cached = []
    f = xp.zeros((n,), dtype=X.dtype)
    for s, e in chunks(m, b):
        Uh, P, A, nv = blk = block(s, e)
        f = f + (A * (P * g[s:e])) @ c[s:e]
        if keep:
            cached.append(blk)
    r = f * inv_sqrt(m) - y
    dV_parts, dg_parts = [], []
    for i, (s, e) in enumerate(chunks(m, b)):
        Uh, P, A, nv = cached[i] if keep else block(s, e)
        Ar = A * r[:, None]
        proj = xp.sum(Ar * P, axis=0)
        coef = c[s:e] * g[s:e] / nv * inv_sqrt(m)
        dV_parts.append(coef[:, None] * (Ar.T @ X - proj[:, None] * Uh))
        dg_parts.append(c[s:e] * proj * inv_sqrt(m))
    return xp.concat(dV_parts, axis=0), xp.concat(dg_parts, axis=0), r


def plain_gradients(X: Any, y: Any, W: Any, c: Any) -> tuple[Any, Any]:
    """(∂L/∂W, r) for the un-normalized network (1.1) and the square loss (2.5):
    ∂L/∂w_k = m^{-1/2} c_k Σ_i r_i 1{w_kᵀx_i ≥ 0} x_i, r = f − y."""
    xp = namespace(X, y, W, c)
    n, d = X.shape
    m = W.shape[0]
    r = wn.forward_unnormalized(X, W, c) - y
    parts = []
    for s, e in chunks(m, chunk_size(n, d, m)):
        A = indicator(X @ W[s:e, :].T, xp)
        parts.append((c[s:e] * inv_sqrt(m))[:, None] * ((A * r[:, None]).T @ X))
    return xp.concat(parts, axis=0), r


@dataclass
class Trajectory:
    """Per-step records of a GD run (NumPy arrays of length steps + 1 unless noted)."""

    loss: np.ndarray
    alpha: np.ndarray = field(default_factory=lambda: np.zeros(0))
    angle: np.ndarray = field(default_factory=lambda: np.zeros(0))  # length steps
    lam_min: np.ndarray = field(default_factory=lambda: np.zeros(0))
    extra: dict[str, Any] = field(default_factory=dict)


def train_wn(
    X: Any, y: Any, V: Any, g: Any, c: Any, eta: float, steps: int,
    kernel: bool = False, track: bool = True, stop_loss: float | None = None,
) -> tuple[Trajectory, Any, Any]:
    """WN gradient descent (App. C) for ``steps`` steps from (V, g): records ½‖f − y‖², and
    with ``track`` α(s) and Δ_ave(s), with ``kernel`` λ_min(Λ(s)) of Λ(s) = V(s)/α² + G(s).
    Stops early once the loss is ≤ ``stop_loss``. Returns (trajectory, V(K), g(K))."""
    loss, alpha, angle, lam = [], [], [], []
    for s in range(steps + 1):
        dV, dg, r = wn_step_data(X, y, V, g, c)
        loss.append(float(0.5 * np.sum(to_numpy(r) ** 2)))
        if track:
            alpha.append(alpha_ratio(V, g))
        if kernel:
            _, Vk, G = effective_kernels(X, V, g, c)
            lam.append(float(sym_eigvalsh(to_numpy(Vk) + to_numpy(G))[0]))
        if s == steps or (stop_loss is not None and loss[-1] <= stop_loss):
            break
        V1 = V - eta * dV
        g = g - eta * dg
        if track:
            angle.append(mean_angle_change(V, V1))
        V = V1
    return (Trajectory(np.array(loss), np.array(alpha), np.array(angle), np.array(lam)), V, g)


def train_plain(
    X: Any, y: Any, W: Any, c: Any, eta: float, steps: int, kernel: bool = False,
) -> tuple[Trajectory, Any]:
    """Gradient descent on the un-normalized network (1.1); with ``kernel`` records
    λ_min(H(s)) of the NTK (3.6). Returns (trajectory, W(K))."""
    loss, lam = [], []
    for s in range(steps + 1):
        dW, r = plain_gradients(X, y, W, c)
        loss.append(float(0.5 * np.sum(to_numpy(r) ** 2)))
        if kernel:
            lam.append(float(sym_eigvalsh(ntk.gram_H(X, W))[0]))
        if s == steps:
            break
        W = W - eta * dW
    return Trajectory(np.array(loss), lam_min=np.array(lam)), W


def block_shares(X: Any, y: Any, V: Any, g: Any, c: Any, eta: float) -> tuple[float, float]:
    """(ΔL_v, ΔL_g): the loss decrease of one GD step on the v-block alone and on the
    g-block alone (−dL/dt splits as rᵀ(V/α²)r + rᵀGr, eq. (3.5))."""
    dV, dg = wn.gradients(X, y, V, g, c)
    L0 = to_numpy(wn.loss(X, y, V, g, c))
    Lv = to_numpy(wn.loss(X, y, V - eta * dV, g, c))
    Lg = to_numpy(wn.loss(X, y, V, g - eta * dg, c))
    return float(L0 - Lv), float(L0 - Lg)
