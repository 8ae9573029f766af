"""Deep homogeneous networks of Banburski, Poggio et al. ([002] §2, [004] §2), array API.

A net is a list ``W = [W_1, …, W_K]`` with ``W_k`` of shape (h_k, h_{k-1}), h_0 = d and
h_K = 1; inputs ``X`` are (N, d). [002]'s network is f(W; x) = W_K σ(W_{K-1} ⋯ σ(W_1 x))
(:func:`forward`); [004] prints one more σ on the output (:func:`forward_004`). σ is ReLU
(``act="relu"``) or the identity (``act="linear"``, the smooth surrogate of the catalog).
Labels are absorbed (catalog poggio.md §0): f̃_n = y_n f̃(x_n).

Gradients are exact back-propagation; sums over samples are matrix products
(Σ_n c_n ∂f_n/∂W_k = (c ⊙ δ_k)ᵀ H_{k-1}). Per-sample gradients (N, h_k, h_{k-1}) are for the
small nets of the claims only. The exponential loss is handled in log space
(log L = logsumexp(−y f)), so ρ in the hundreds never underflows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from numeric._backend import namespace

Net = list[Any]


def _act(z: Any, act: str, xp: Any) -> Any:
    if act == "relu":
        return xp.where(z > 0, z, xp.zeros_like(z))
    if act == "linear":
        return z
    raise ValueError(f"unknown activation {act!r} (relu or linear)")


def _dact(z: Any, act: str, xp: Any) -> Any:
    if act == "relu":
        return xp.astype(z > 0, z.dtype)
    return xp.ones_like(z)


def random_net(d: int, widths: Sequence[int], rng: np.random.Generator, scale: float = 1.0,
               xp: Any = None) -> Net:
    """A net with input dimension d, hidden widths ``widths`` (K − 1 of them) and scalar
    output; entries N(0, scale²/h_{k-1}). NumPy arrays unless ``xp`` is given."""
    dims = [int(d), *[int(w) for w in widths], 1]
    out = []
    for k in range(1, len(dims)):
        a = rng.standard_normal((dims[k], dims[k - 1])) * (scale / np.sqrt(dims[k - 1]))
        out.append(a if xp is None else xp.asarray(a, dtype=xp.float64))
    return out


def layers(W: Net, X: Any, act: str = "relu") -> tuple[list[Any], list[Any]]:
    """(Z, H): pre-activations Z_k = H_{k-1} W_kᵀ (k = 1..K) and H_0 = X, H_k = σ(Z_k)
    (k < K); Z_K is the (N, 1) output of :func:`forward`."""
    xp = namespace(X, *W)
    H = [X]
    Z = []
    for k, Wk in enumerate(W):
        z = H[-1] @ xp.matrix_transpose(Wk)
        Z.append(z)
        if k < len(W) - 1:
            H.append(_act(z, act, xp))
    return Z, H


def forward(W: Net, X: Any, act: str = "relu") -> Any:
    """[002] §2: f(W; x_n) = W_K σ(W_{K-1} ⋯ σ(W_1 x_n)) for each row x_n of X, shape (N,)."""
    Z, _ = layers(W, X, act)
    return Z[-1][:, 0]


def forward_004(W: Net, X: Any, act: str = "relu") -> Any:
    """[004] §2 as printed: f(W; x) = σ(W_K σ(W_{K-1} ⋯ σ(W_1 x))), shape (N,)."""
    xp = namespace(X, *W)
    return _act(forward(W, X, act), act, xp)


def deltas(W: Net, X: Any, act: str = "relu") -> tuple[list[Any], list[Any]]:
    """(δ, H): δ_k = ∂f_n/∂Z_k, (N, h_k), by back-propagation, and the layer inputs H."""
    xp = namespace(X, *W)
    Z, H = layers(W, X, act)
    K = len(W)
    d = [None] * K
    d[K - 1] = xp.ones_like(Z[K - 1])
    for k in range(K - 1, 0, -1):
        d[k - 1] = (d[k] @ W[k]) * _dact(Z[k - 1], act, xp)
    return d, H


def grad_sum(W: Net, X: Any, c: Any, act: str = "relu") -> Net:
    """Σ_n c_n ∂f(x_n)/∂W_k for every layer k (a weighted sum of per-sample gradients),
    as the matrix products (c ⊙ δ_k)ᵀ H_{k-1}."""
    xp = namespace(X, c, *W)
    d, H = deltas(W, X, act)
    return [xp.matrix_transpose(d[k] * c[:, None]) @ H[k] for k in range(len(W))]


def grad_f(W: Net, X: Any, act: str = "relu") -> Net:
    """Per-sample gradients ∂f(x_n)/∂W_k, each (N, h_k, h_{k-1}) (small nets only)."""
    d, H = deltas(W, X, act)
    return [d[k][:, :, None] * H[k][:, None, :] for k in range(len(W))]


def norms(W: Net, p: float = 2.0) -> list[Any]:
    """ρ_k = ‖W_k‖_p, the entrywise L_p norm (Frobenius at p = 2), [002] §2."""
    xp = namespace(*W)
    return [xp.sum(xp.abs(Wk) ** p) ** (1.0 / p) for Wk in W]


def normalize(W: Net, p: float = 2.0) -> tuple[list[Any], Net]:
    """([ρ_k], [V_k]) with W_k = ρ_k V_k and ‖V_k‖_p = 1 ([002] §2)."""
    rho = norms(W, p)
    return rho, [Wk / r for Wk, r in zip(W, rho, strict=True)]


def product(rhos: Sequence[Any]) -> Any:
    """ρ = ∏_k ρ_k."""
    out = rhos[0]
    for r in rhos[1:]:
        out = out * r
    return out


def margins(W: Net, X: Any, y: Any, act: str = "relu") -> Any:
    """y_n f(W; x_n), shape (N,) (labels absorbed: f̃_n when W = V is normalized)."""
    return y * forward(W, X, act)


def log_loss(W: Net, X: Any, y: Any, act: str = "relu") -> Any:
    """log L, L = Σ_n exp(−y_n f(x_n)) ([002] eq. (7)), computed as a log-sum-exp."""
    xp = namespace(X, y, *W)
    a = -margins(W, X, y, act)
    m = xp.max(a)
    return m + xp.log(xp.sum(xp.exp(a - m)))


def loss_weights(W: Net, X: Any, y: Any, act: str = "relu") -> Any:
    """w_n = e_n / Σ_m e_m with e_n = exp(−y_n f(x_n)): the softmax of −y f (log space)."""
    xp = namespace(X, y, *W)
    a = -margins(W, X, y, act)
    e = xp.exp(a - xp.max(a))
    return e / xp.sum(e)


def grad_loss(W: Net, X: Any, y: Any, act: str = "relu", normalized: bool = False) -> Net:
    """∂L/∂W_k = −Σ_n e_n y_n ∂f(x_n)/∂W_k ([002] eq. (7), the flow is Ẇ_k = −∂L/∂W_k).
    ``normalized``: divided by L = Σ_n e_n (the log-space form, never underflows)."""
    xp = namespace(X, y, *W)
    if normalized:
        e = loss_weights(W, X, y, act)
    else:
        e = xp.exp(-margins(W, X, y, act))
    return [-g for g in grad_sum(W, X, e * y, act)]


def patterns(W: Net, X: Any, act: str = "relu") -> list[Any]:
    """The activation pattern: boolean (N, h_k) arrays 1{Z_k > 0} for the hidden layers."""
    Z, _ = layers(W, X, act)
    return [z > 0 for z in Z[:-1]]


def min_abs_preactivation(W: Net, X: Any, act: str = "relu") -> float:
    """min |Z_k| over hidden units and samples (the kink guard of catalog §0); inf when
    there are no hidden layers or the activation is linear."""
    if act == "linear" or len(W) == 1:
        return float("inf")
    xp = namespace(X, *W)
    Z, _ = layers(W, X, act)
    return float(min(float(xp.min(xp.abs(z))) for z in Z[:-1]))


def flatten(W: Net) -> Any:
    """All layers as one vector (row-major, layer by layer)."""
    xp = namespace(*W)
    return xp.concat([xp.reshape(Wk, (-1,)) for Wk in W])


def unflatten(theta: Any, shapes: Sequence[tuple[int, int]]) -> Net:
    """The inverse of :func:`flatten` for layer shapes ``shapes``."""
    xp = namespace(theta)
    out, i = [], 0
    for r, c in shapes:
        out.append(xp.reshape(theta[i:i + r * c], (r, c)))
        i += r * c
    return out


def fd_jacobian(fun: Any, theta: np.ndarray, h: float) -> np.ndarray:
    """Central-difference Jacobian of a vector field ``fun: R^P → R^Q`` at θ (NumPy),
    column j = (fun(θ + h e_j) − fun(θ − h e_j)) / 2h; truncation O(h²)."""
    theta = np.asarray(theta, dtype=np.float64)
    cols = []
    for j in range(theta.size):
        e = np.zeros_like(theta)
        e[j] = h
        cols.append((np.asarray(fun(theta + e)) - np.asarray(fun(theta - e))) / (2 * h))
    return np.stack(cols, axis=1)
