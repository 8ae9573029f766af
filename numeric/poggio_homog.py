"""Helpers for Banburski, Poggio et al. [002] §2 / [004] §2 beyond ``numeric.relunet``:
smooth (softplus) networks and their exponential-loss flow, per-sample Hessians of a ReLU
net, empirical Rademacher averages by exact enumeration, and the output maps of the two
network definitions. Array API throughout (the backend is read from the inputs).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from numeric import relunet as rn
from numeric._backend import namespace

Net = list[Any]


def output_map(u: Any, outer: str) -> Any:
    """The output map of a network reading: ``none`` ([002] §2, f = u), ``relu`` ([004] §2
    as printed, f = σ(u)) or ``abs`` (f = |u|)."""
    xp = namespace(u)
    if outer == "none":
        return u
    if outer == "relu":
        return xp.where(u > 0, u, xp.zeros_like(u))
    if outer == "abs":
        return xp.abs(u)
    raise ValueError(f"unknown output map {outer!r} (none, relu or abs)")


def d_output_map(u: Any, outer: str) -> Any:
    """Derivative of :func:`output_map` (0 at the kink)."""
    xp = namespace(u)
    if outer == "none":
        return xp.ones_like(u)
    if outer == "relu":
        return xp.astype(u > 0, u.dtype)
    if outer == "abs":
        return xp.sign(u)
    raise ValueError(f"unknown output map {outer!r}")


def grad_loss_outer(W: Net, X: Any, y: Any, outer: str = "none") -> Net:
    """∂L/∂W_k for the mean exponential loss L = (1/N) Σ_n exp(−y_n f(x_n)), f = out(u),
    u the [002] network (out as in :func:`output_map`)."""
    xp = namespace(X, y, *W)
    u = rn.forward(W, X)
    e = xp.exp(-y * output_map(u, outer)) / X.shape[0]
    return rn.grad_sum(W, X, -(e * y * d_output_map(u, outer)))


def softplus(z: Any, beta: float) -> Any:
    """softplus_β(z) = log(1 + e^{βz})/β, a smooth ReLU (→ ReLU as β → ∞, error ≤ log2/β)."""
    xp = namespace(z)
    return xp.logaddexp(xp.zeros_like(z), beta * z) / beta


def _sigmoid(z: Any) -> Any:
    xp = namespace(z)
    e = xp.exp(-xp.abs(z))
    return xp.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def grad_loss_smooth(W: Net, X: Any, y: Any, act: str, beta: float = 1.0) -> Net:
    """∂L/∂W_k of L = Σ_n exp(−y_n f(x_n)) for f = W_K σ(⋯ σ(W_1 x)) with σ ∈ {relu,
    linear, softplus (sharpness β)}: the vector field of [002] eq. (6) with γ = 1 negated."""
    xp = namespace(X, y, *W)
    if act != "softplus":
        return rn.grad_loss(W, X, y, act)
    H, Z = [X], []
    for k, Wk in enumerate(W):
        z = H[-1] @ xp.matrix_transpose(Wk)
        Z.append(z)
        if k < len(W) - 1:
            H.append(softplus(z, beta))
    f = Z[-1][:, 0]
    e = xp.exp(-y * f)
    K = len(W)
    d = [None] * K
    d[K - 1] = xp.reshape(-(e * y), (-1, 1))
    for k in range(K - 1, 0, -1):
        d[k - 1] = (d[k] @ W[k]) * _sigmoid(beta * Z[k - 1])
    return [xp.matrix_transpose(d[k]) @ H[k] for k in range(K)]


def per_sample_hessians(W: Net, X: Any, h: float, act: str = "relu") -> tuple[Any, Any]:
    """(G, Hs): per-sample gradients G (N, P) of f(x_n) in the flattened weights and
    Hessians Hs (N, P, P), the latter by central differences of the exact gradient with
    step h. Inside one activation region the gradient is linear along each coordinate
    (f is multilinear across layers), so the difference quotient has no truncation error."""
    xp = namespace(X, *W)
    shapes = [tuple(Wk.shape) for Wk in W]
    theta = rn.flatten(W)
    P = theta.shape[0]

    def g(th: Any) -> Any:
        Gs = rn.grad_f(rn.unflatten(th, shapes), X, act)
        return xp.concat([xp.reshape(Gk, (Gk.shape[0], -1)) for Gk in Gs], axis=1)

    eye = xp.eye(P, dtype=theta.dtype)
    cols = [(g(theta + h * eye[j, :]) - g(theta - h * eye[j, :])) / (2 * h) for j in range(P)]
    Hs = xp.stack(cols, axis=2)
    return g(theta), 0.5 * (Hs + xp.permute_dims(Hs, (0, 2, 1)))


def sign_vectors(n: int) -> np.ndarray:
    """All 2^n Rademacher sign vectors, (2^n, n)."""
    return np.array(list(itertools.product((1.0, -1.0), repeat=n)), dtype=np.float64)


def rademacher(F: Any, S: Any) -> Any:
    """Empirical Rademacher average of a finite class by exact enumeration:
    R_N = mean_σ max_i (1/N) Σ_n σ_n F[i, n], with F (M, N) the members' outputs and S
    the (2^N, N) sign vectors ([002] eq. (1))."""
    xp = namespace(F, S)
    A = S @ xp.matrix_transpose(F) / F.shape[1]
    return xp.mean(xp.max(A, axis=1))
