"""Batch normalisation and weight-normalisation fields of Banburski, Poggio et al.
([002] §10, [004] §5.3), array API.

Batch statistics are per feature (column); a batch ``X`` is (N, D) with rows the examples.
Two transforms are provided: the *simplified* one of [002] l.590 ("neglecting μ_B"), whose
variance is the uncentred σ_B² = mean_n X_n², and the *centred* one of the BN definition,
X̂ = (X − μ_B)/√(σ_B² + ε). Jacobians are exact closed forms derived in
``derivations.poggio_normdyn`` and checked there symbolically and against finite
differences in the claims.
"""

from __future__ import annotations

from typing import Any

from numeric._backend import namespace


def bn_stats(X: Any, centred: bool = False) -> tuple[Any, Any]:
    """(μ_B, σ_B²) per feature; μ_B = 0 for the simplified transform ([002] §10.3)."""
    xp = namespace(X)
    n = X.shape[0]
    mu = xp.sum(X, axis=0) / n if centred else xp.zeros_like(X[0, ...])
    var = xp.sum((X - mu) ** 2, axis=0) / n
    return mu, var


def bn_forward(X: Any, eps: float = 0.0, centred: bool = False) -> Any:
    """X̂ = (X − μ_B) ⊙ (σ_B² + ε)^{-1/2} per feature ([002] §10.3, [004] §5.3); X is (N,)
    or (N, D); ``centred=False`` neglects μ_B (the paper's simplification)."""
    xp = namespace(X)
    mu, var = bn_stats(X, centred)
    return (X - mu) / xp.sqrt(var + eps)


def bn_jacobian_d1(x: Any, eps: float = 0.0, centred: bool = False) -> Any:
    """Exact ∂X̂/∂X for one feature (x of shape (N,)): with s = √(σ_B² + ε),
    s^{-1}[I − X̂X̂ᵀ/N] (simplified) and s^{-1}[I − 11ᵀ/N − X̂X̂ᵀ/N] (centred)."""
    xp = namespace(x)
    n = x.shape[0]
    _, var = bn_stats(x[:, None], centred)
    s = xp.sqrt(var[0] + eps)
    xh = bn_forward(x, eps, centred)
    eye = xp.eye(n, dtype=x.dtype)
    J = eye - (xh[:, None] * xh[None, :]) / n
    if centred:
        J = J - xp.ones((n, n), dtype=x.dtype) / n
    return J / s


def bn_jacobian(X: Any, eps: float = 0.0, centred: bool = False) -> Any:
    """Exact 4-index Jacobian J[n, d, m, e] = ∂X̂_{nd}/∂X_{me} of per-feature BN on an
    (N, D) batch: block-diagonal in the feature index (δ_{de} times the D=1 Jacobian)."""
    xp = namespace(X)
    n, d = X.shape
    J = xp.zeros((n, d, n, d), dtype=X.dtype)
    blocks = [bn_jacobian_d1(X[:, j], eps, centred) for j in range(d)]
    onehot = xp.eye(d, dtype=X.dtype)
    for j in range(d):
        J = J + blocks[j][:, None, :, None] * (onehot[j, :][None, :, None, None]
                                              * onehot[j, :][None, None, None, :])
    return J


def bn_net_layers(W: list[Any], X: Any, eps: float = 0.0, centred: bool = False) -> list[Any]:
    """Activations of a net with BN on every hidden pre-activation: a_0 = X,
    a_k = σ(BN(a_{k-1} W_kᵀ)) for the hidden layers (ReLU σ); returns [a_0, …, a_{K-1}]
    and, last, the BN outputs before σ of each hidden layer (for the remarks of §10.3)."""
    xp = namespace(X, *W)
    acts, pre = [X], []
    for Wk in W[:-1]:
        z = bn_forward(acts[-1] @ xp.matrix_transpose(Wk), eps, centred)
        pre.append(z)
        acts.append(xp.where(z > 0, z, xp.zeros_like(z)))
    return acts + pre


def projector(u: Any) -> Any:
    """S = I − uuᵀ/‖u‖² ([002] §4.1, Theorem 7 with p = 2)."""
    xp = namespace(u)
    d = u.shape[0]
    return xp.eye(d, dtype=u.dtype) - (u[:, None] * u[None, :]) / xp.sum(u * u)


def wn_field(g: Any, v: Any, dLdw: Any) -> tuple[Any, Any]:
    """[002] (55)–(56): ġ = vᵀ(∂L/∂w)/‖v‖, v̇ = (g/‖v‖) S ∂L/∂w (``dLdw`` is the symbol
    ∂L/∂w as printed; which vector it stands for is the caller's reading)."""
    xp = namespace(v, dLdw)
    r = xp.sqrt(xp.sum(v * v))
    return xp.sum(v * dLdw) / r, (g / r) * (projector(v) @ dLdw)


def tangent_field(rho: Any, v: Any, dLdw: Any) -> tuple[Any, Any]:
    """[002] (57)–(58): ρ̇ = vᵀ ∂L/∂w, v̇ = S ρ ∂L/∂w."""
    xp = namespace(v, dLdw)
    return xp.sum(v * dLdw), rho * (projector(v) @ dLdw)


def linear_exp_velocity(w: Any, Z: Any) -> Any:
    """ẇ = −∇_w L = Σ_n e^{−z_nᵀw} z_n for L = Σ_n e^{−z_nᵀw} (labels absorbed, z_n = y_nx_n),
    [002] (54) for a linear unit."""
    xp = namespace(w, Z)
    return xp.exp(-(Z @ w)) @ Z
