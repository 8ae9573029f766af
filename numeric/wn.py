"""Weight-normalized two-layer ReLU networks (Dukler, Gu, Montúfar, ICML 2020, §2–§3).

Rows of ``X`` are data points; ``V`` is m×d with rows v_k; ``g`` and ``c`` have length m.
All functions take the namespace from their inputs (NumPy, CuPy, array-api-strict) and
process neurons in chunks so that no n×m×d tensor is ever formed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from numeric._backend import (
    asarray,
    chunk_size,
    chunks,
    indicator,
    inv_sqrt,
    namespace,
    relu,
)


def _row_norms(V: Any, xp: Any) -> Any:
    return xp.linalg.vector_norm(V, axis=1)


def forward(X: Any, V: Any, g: Any, c: Any, chunk: int | None = None) -> Any:
    """f(x; V, g, c) = m^{-1/2} Σ_k c_k σ(g_k v_kᵀx/‖v_k‖₂) for every row x of X.

    Dukler et al. eq. (1.2). Returns the vector f of length n.
    """
    xp = namespace(X, V, g, c)
    n, d = X.shape
    m = V.shape[0]
    b = chunk_size(n, d, m, chunk)
    f = xp.zeros((n,), dtype=X.dtype)
    for s, e in chunks(m, b):
        Vc, gc, cc = V[s : e, :], g[s : e], c[s : e]
        pre = (X @ Vc.T) * (gc / _row_norms(Vc, xp))
        f = f + relu(pre, xp) @ cc
    return f * inv_sqrt(m)


def forward_unnormalized(X: Any, W: Any, c: Any, chunk: int | None = None) -> Any:
    """f(x; W, c) = m^{-1/2} Σ_k c_k σ(w_kᵀx), Dukler et al. eq. (1.1)."""
    xp = namespace(X, W, c)
    n, d = X.shape
    m = W.shape[0]
    b = chunk_size(n, d, m, chunk)
    f = xp.zeros((n,), dtype=X.dtype)
    for s, e in chunks(m, b):
        f = f + relu(X @ W[s : e, :].T, xp) @ c[s : e]
    return f * inv_sqrt(m)


def loss(X: Any, y: Any, V: Any, g: Any, c: Any) -> Any:
    """L = ½‖f − y‖₂², Dukler et al. eq. (2.5)."""
    xp = namespace(X, y, V, g, c)
    r = forward(X, V, g, c) - y
    return 0.5 * xp.sum(r * r)


def gradients(
    X: Any, y: Any, V: Any, g: Any, c: Any, chunk: int | None = None
) -> tuple[Any, Any]:
    """(∂L/∂V, ∂L/∂g) of the square loss (2.5) for the WN network (1.2).

    With u_k = v_k/‖v_k‖, P_ik = u_kᵀx_i and a_ik = 𝟙{g_k P_ik ≥ 0} (σ'(0) := 1):
    ∂L/∂v_k = m^{-1/2} c_k g_k/‖v_k‖ Σ_i r_i a_ik x_i^{v_k⊥}   (Dukler et al., §3, ∂L/∂v_k)
    ∂L/∂g_k = m^{-1/2} c_k Σ_i r_i a_ik P_ik                 (∂L/∂g_k; = σ(v_kᵀx_i)/‖v_k‖
    when g_k > 0). Computed as matrix products per chunk of neurons: x^{v⊥} = x − (uᵀx) u.
    """
    xp = namespace(X, y, V, g, c)
    n, d = X.shape
    m = V.shape[0]
    r = forward(X, V, g, c, chunk) - y
    b = chunk_size(n, d, m, chunk)
    dV_parts, dg_parts = [], []
    for s, e in chunks(m, b):
        Vc, gc, cc = V[s : e, :], g[s : e], c[s : e]
        nv = _row_norms(Vc, xp)
        Uh = Vc / nv[:, None]
        P = X @ Uh.T  # (n, b)
        A = indicator(gc * P, xp)
        Ar = A * r[:, None]  # r_i a_ik
        proj = xp.sum(Ar * P, axis=0)  # Σ_i r_i a_ik P_ik
        coef = cc * gc / nv * inv_sqrt(m)
        dV_parts.append(coef[:, None] * (Ar.T @ X - proj[:, None] * Uh))
        dg_parts.append(cc * proj * inv_sqrt(m))
    return xp.concat(dV_parts, axis=0), xp.concat(dg_parts, axis=0)


def gd_step(
    X: Any, y: Any, V: Any, g: Any, c: Any, eta: float
) -> tuple[Any, Any]:
    """One WN gradient-descent step: v_k ← v_k − η∂L/∂v_k, g_k ← g_k − η∂L/∂g_k (App. C)."""
    dV, dg = gradients(X, y, V, g, c)
    return V - eta * dV, g - eta * dg


def init(
    m: int, d: int, alpha: float, seed: int, xp: Any = None
) -> tuple[Any, Any, Any]:
    """Initialization (2.4): v_k(0) ~ N(0, α²I), c_k ~ U{−1, 1}, g_k(0) = ‖v_k(0)‖₂/α.

    Drawn from ``numpy.random.default_rng(seed)`` and returned in namespace ``xp``
    (NumPy when None).
    """
    if m < 1 or d < 1:
        raise ValueError(f"init needs m >= 1 and d >= 1, got m={m}, d={d}")
    if not alpha > 0:
        raise ValueError(f"init needs alpha > 0, got {alpha}")
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((m, d))
    c = rng.choice(np.array([-1.0, 1.0]), size=m)
    V = alpha * Z
    g = np.linalg.norm(V, axis=1) / alpha
    if xp is None:
        return V, g, c
    return asarray(V, xp), asarray(g, xp), asarray(c, xp)
