"""Gram matrices (neural tangent kernels) of Dukler et al. as matrix products.

Finite width: with Û the rows v_k/‖v_k‖, P = X Ûᵀ (n×m), A = 𝟙{P ≥ 0}, R = A ⊙ P and the
per-neuron scale s_k = α c_k g_k/‖v_k‖,
  H  = (X Xᵀ) ⊙ (A Aᵀ) / m                                        eq. (3.6)
  Vg = [(X Xᵀ) ⊙ (A diag(s²) Aᵀ) − R diag(s²) Rᵀ] / m              eq. (3.3)
  G  = R Rᵀ / m                                                     eq. (3.4)
(using ⟨x_i^{u⊥}, x_j^{u⊥}⟩ = x_iᵀx_j − (uᵀx_i)(uᵀx_j) and σ(vᵀx)/‖v‖ = σ(uᵀx)).
Neurons are accumulated in chunks, so peak memory is O(n² + chunk·(n + d)).

Infinite width (expectations under (2.4), derived in ``derivations.kernels``):
  H∞_ij = x_iᵀx_j (π − θ_ij)/(2π),  G∞_ij = r_i r_j (sin θ_ij + (π − θ_ij) cos θ_ij)/(2π d),
  V∞ = H∞ − G∞,  with θ_ij = arctan2(√(r_i² r_j² − ⟨x_i, x_j⟩²), ⟨x_i, x_j⟩).
"""

from __future__ import annotations

import math
from typing import Any

from numeric._backend import chunk_size, chunks, indicator, namespace


def gram(
    X: Any, V: Any, g: Any, c: Any, alpha: float, chunk: int | None = None
) -> tuple[Any, Any, Any]:
    """(H, Vg, G): the finite-width Gram matrices of eqs. (3.6), (3.3), (3.4).

    The indicators are 𝟙_ik = 𝟙{v_kᵀx_i ≥ 0} as Dukler et al. define them (§2); for H this
    is the indicator of w_k = g_k v_k/‖v_k‖ whenever g_k > 0, as under (2.4).
    """
    xp = namespace(X, V, g, c)
    n, d = X.shape
    m = V.shape[0]
    b = chunk_size(n, d, m, chunk)
    AA = xp.zeros((n, n), dtype=X.dtype)
    AsA = xp.zeros((n, n), dtype=X.dtype)
    RsR = xp.zeros((n, n), dtype=X.dtype)
    RR = xp.zeros((n, n), dtype=X.dtype)
    for s, e in chunks(m, b):
        Vc = V[s : e, :]
        nv = xp.linalg.vector_norm(Vc, axis=1)
        P = X @ (Vc / nv[:, None]).T
        A = indicator(P, xp)
        R = A * P
        s2 = (alpha * c[s : e] * g[s : e] / nv) ** 2
        AA = AA + coactivation(A, xp)
        AsA = AsA + (A * s2) @ A.T
        RsR = RsR + (R * s2) @ R.T
        RR = RR + R @ R.T
    K = X @ X.T
    return K * AA / m, (K * AsA - RsR) / m, RR / m


#: a chunk's co-activation counts are integers ≤ chunk; float32 holds every integer up to 2²⁴
#: exactly, and so does a float32 accumulation of 0/1 products whose partial sums stay
#: below it, whatever the summation order
EXACT_F32_COUNT = 2**24


def coactivation(A: Any, xp: Any) -> Any:
    """AAᵀ for a 0/1 matrix A (n × b), exactly: in float32 when b < 2²⁴ (every partial sum
    is an integer below 2²⁴, so the float32 product is exact and about twice as fast),
    returned in A's dtype."""
    if A.shape[1] < EXACT_F32_COUNT and A.dtype == xp.float64:
        A32 = xp.astype(A, xp.float32)
        return xp.astype(A32 @ A32.T, A.dtype)
    return A @ A.T


def gram_H(X: Any, W: Any, chunk: int | None = None) -> Any:
    """H_ij = m⁻¹ Σ_k x_iᵀx_j 𝟙{w_kᵀx_i ≥ 0} 𝟙{w_kᵀx_j ≥ 0}: the NTK of network (1.1), eq. (3.6).
    The counts Σ_k 𝟙𝟙 are exact integers (``coactivation`` per chunk, summed in float64)."""
    xp = namespace(X, W)
    n, d = X.shape
    m = W.shape[0]
    b = chunk_size(n, d, m, chunk)
    AA = xp.zeros((n, n), dtype=X.dtype)
    for s, e in chunks(m, b):
        A = indicator(X @ W[s : e, :].T, xp)
        AA = AA + coactivation(A, xp)
    return (X @ X.T) * AA / m


def angles(X: Any) -> tuple[Any, Any, Any]:
    """(K, cross, θ): K = XXᵀ, cross_ij = √(r_i²r_j² − K_ij²) = r_i r_j sin θ_ij, and
    θ_ij = arctan2(cross_ij, K_ij) ∈ [0, π].

    The diagonal is exact (θ_ii = 0, cross_ii = 0). Off the diagonal, K_ij carries a
    rounding error of about ε r_i r_j, so an angle is known to about √ε from the Gram matrix
    alone: distinct points closer than that to parallel are outside the papers' assumption
    (no two data points parallel) and get θ to that accuracy.
    """
    xp = namespace(X)
    n = X.shape[0]
    K = X @ X.T
    r2 = xp.linalg.vector_norm(X, axis=1) ** 2
    cross2 = r2[:, None] * r2[None, :] - K * K
    off = 1.0 - xp.eye(n, dtype=X.dtype)
    cross = xp.sqrt(xp.maximum(cross2, xp.zeros_like(cross2))) * off
    return K, cross, xp.atan2(cross, K) * off


def gram_infinite(X: Any) -> tuple[Any, Any, Any]:
    """(H∞, V∞, G∞): the expectations of H(0), V(0), G(0) under initialization (2.4).

    Closed forms of the suite's entry ``dukler.Z.kernels`` (derived in
    ``derivations.kernels``); G∞ and V∞ are the matrices (4.3) and (4.2) of Dukler et al.
    """
    d = X.shape[1]
    K, cross, theta = angles(X)
    H = K * (math.pi - theta) / (2 * math.pi)
    G = (cross + (math.pi - theta) * K) / (2 * math.pi * d)
    return H, H - G, G
