"""Gradient steps and flows under a unit-norm constraint ([002] §9; [004] §5.1–5.2), array API.

One step from a point u on the unit L_p sphere along an ascent direction g with step μ:

- coefficient normalisation ([002] §9.2, eq. (52)): û = u + μg, u' = û/‖û‖_p;
- tangent gradient ([002] Theorem 7, eq. (53)), one Euler step: u' = u + μ S g with
  S = I − v vᵀ/‖v‖₂², v = ∂‖u‖_p/∂u (``basis="u"``: S built from u, as in [004] eq. (6));
- Lagrange multiplier ([002] §9.1, eqs. (45), (48)–(51)): u' = u + μg + c·p·sign(u)|u|^{p−1}
  with the scalar c fixed by ‖u'‖_p = 1 (closed form (51) at p = 2);
- true gradient (geodesic, p = 2): u' = cos(μ‖Sg‖) u + sin(μ‖Sg‖) Sg/‖Sg‖.

Right-hand sides of flows for :func:`scipy.integrate.solve_ivp` are NumPy functions
(solve_ivp is NumPy-only); the one-step maps take any array-API array.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from numeric import relunet as rn
from numeric._backend import namespace

INF = math.inf


def lp_norm(u: Any, p: float) -> Any:
    """‖u‖_p (p = inf: max |u_j|), [002] §9."""
    xp = namespace(u)
    if p == INF:
        return xp.max(xp.abs(u))
    return xp.sum(xp.abs(u) ** p) ** (1.0 / p)


def signed_power(u: Any, q: float) -> Any:
    """sign(u)|u|^q, the natural reading of "u^q" in the gradient of ‖u‖_p^p."""
    xp = namespace(u)
    return xp.sign(u) * xp.abs(u) ** q


def lp_normal(u: Any, p: float) -> Any:
    """v = ∂‖u‖_p/∂u ([002] Theorem 7): sign(u)|u|^{p−1}/‖u‖_p^{p−1}; p = 1: sign(u);
    p = inf: sign(u_k) e_k at the (assumed unique) maximiser k."""
    xp = namespace(u)
    if p == 1:
        return xp.sign(u)
    if p == INF:
        a = xp.abs(u)
        k = xp.argmax(a)
        onehot = xp.astype(xp.arange(u.shape[0]) == k, u.dtype)
        return onehot * xp.sign(u)
    return signed_power(u, p - 1.0) / lp_norm(u, p) ** (p - 1.0)


def project(v: Any, g: Any) -> Any:
    """S g = (I − v vᵀ/‖v‖₂²) g ([002] eq. (53)), without forming S."""
    return g - (v @ g) / (v @ v) * v


def coef_norm_step(u: Any, g: Any, mu: float, p: float, power: float = 1.0) -> Any:
    """[002] §9.2: û = u + μg, u' = û/‖û‖_p (``power`` ≠ 1 is a perturbation)."""
    uh = u + mu * g
    return uh / lp_norm(uh, p) ** power


def tangent_step(u: Any, g: Any, mu: float, p: float, basis: str = "v") -> Any:
    """One Euler step u + μ S g of (53); S from v = ∂‖u‖_p/∂u (``basis="v"``), from u
    ([004] eq. (6), ``"u"``) or the identity (``"none"``, no projection)."""
    if basis == "none":
        return u + mu * g
    v = lp_normal(u, p) if basis == "v" else u
    return u + mu * project(v, g)


def alpha_51(V: Any, g: Any) -> Any:
    """[002] eq. (51): α = √(1 − ‖g‖² + (Vᵀg)²) − Vᵀg (the root of ‖αV + g‖ = 1 with
    ‖V‖ = 1 that tends to 1 as g → 0)."""
    xp = namespace(V, g)
    vg = xp.sum(V * g)
    return xp.sqrt(1.0 - xp.sum(g * g) + vg * vg) - vg


def lagrange_step(u: Any, g: Any, mu: float, p: float) -> Any:
    """u' = u + μg + c·w, w = sign(u)|u|^{p−1}, ‖u'‖_p = 1 ([002] eq. (45)–(48)).

    p = 2: u' = αu + μg with α of eq. (51). Other p: c by a safeguarded Newton iteration on
    φ(c) = ‖u + μg + c w‖_p^p − 1 from c = −μ (w·g)/(w·w) (NumPy only; used for reports)."""
    if p == 2:
        return alpha_51(u, mu * g) * u + mu * g
    un, gn = np.asarray(u, dtype=np.float64), np.asarray(g, dtype=np.float64)
    w = np.sign(un) * np.abs(un) ** (p - 1.0)
    base = un + mu * gn
    c = -mu * float(w @ gn) / float(w @ w)
    for _ in range(60):
        x = base + c * w
        phi = float(np.sum(np.abs(x) ** p)) - 1.0
        dphi = p * float(np.sum(np.sign(x) * np.abs(x) ** (p - 1.0) * w))
        step = phi / dphi
        c -= step
        if abs(step) <= 1e-17 * (1.0 + abs(c)):
            break
    return base + c * w


def geodesic_step(u: Any, g: Any, mu: float) -> Any:
    """The true-gradient (geodesic) step on the unit L_2 sphere."""
    xp = namespace(u, g)
    h = project(u, g)
    nh = xp.linalg.vector_norm(h)
    return xp.cos(mu * nh) * u + xp.sin(mu * nh) * h / nh


# --------------------------------------------------------------------------------------
# tangent-gradient flows (NumPy, for solve_ivp)
# --------------------------------------------------------------------------------------


def drive(A: np.ndarray, t: float) -> np.ndarray:
    """g(t) = A φ(t), φ(t) = (sin t, cos 2t, 1, sin 3t, cos t, …)[:A.shape[1]]: a bounded
    vector function with finite L_2 norm on bounded intervals ([002] Theorem 7)."""
    feats = [math.sin(t), math.cos(2 * t), 1.0, math.sin(3 * t), math.cos(t), math.sin(t / 2)]
    return A @ np.asarray(feats[: A.shape[1]])


def _np_lp(u: np.ndarray, p: float) -> float:
    if p == INF:
        return float(np.max(np.abs(u)))
    return float(np.sum(np.abs(u) ** p) ** (1.0 / p))


def _np_normal(u: np.ndarray, p: float) -> np.ndarray:
    """:func:`lp_normal` for a NumPy vector, without namespace dispatch (ODE hot path)."""
    if p == 1:
        return np.sign(u)
    if p == INF:
        k = int(np.argmax(np.abs(u)))
        v = np.zeros_like(u)
        v[k] = np.sign(u[k])
        return v
    return np.sign(u) * np.abs(u) ** (p - 1.0) / _np_lp(u, p) ** (p - 1.0)


def tangent_rhs(A: np.ndarray, p: float, basis: str = "v", denom: str = "l2",
                B: np.ndarray | None = None) -> Callable[[float, np.ndarray], np.ndarray]:
    """u̇ = S g(t, u) ([002] eq. (53); ``basis="u"``: [004] eq. (6)); g = A φ(t) − B u
    (B = None: g = A φ(t)). ``denom``: ‖·‖² in S is Euclidean ("l2") or the L_p norm
    ("lp", the literal reading of [004] eq. (6) for a general norm)."""

    def f(t: float, u: np.ndarray) -> np.ndarray:
        g = drive(A, t)
        if B is not None:
            g = g - B @ u
        if basis == "none":
            return g
        v = _np_normal(u, p) if basis == "v" else u
        nv2 = float(v @ v) if denom == "l2" else _np_lp(u, p) ** 2
        return g - (v @ g) / nv2 * v

    return f


# --------------------------------------------------------------------------------------
# the Lagrange flow (46)–(47) of a deep homogeneous net
# --------------------------------------------------------------------------------------


def data_term(V: rn.Net, rho: float, X: Any, y: Any, act: str = "relu") -> list[Any]:
    """G_k = ρ Σ_n e^{−ρ f̃_n} ∂f̃_n/∂V_k, the first term of (47) (labels absorbed)."""
    xp = namespace(X, y, *V)
    e = xp.exp(-rho * rn.margins(V, X, y, act))
    return rn.grad_sum(V, X, rho * e * y, act)


def rho_dot(V: rn.Net, rhos: Sequence[float], X: Any, y: Any, act: str = "relu") -> list[Any]:
    """[002] eq. (46): ρ̇_k = (ρ/ρ_k) Σ_n e^{−ρ f̃_n} f̃_n."""
    xp = namespace(X, y, *V)
    rho = float(np.prod(np.asarray(rhos, dtype=np.float64)))
    ft = rn.margins(V, X, y, act)
    s = xp.sum(xp.exp(-rho * ft) * ft)
    return [rho / r * s for r in rhos]


def lagrange_lambda(V: Any, G: Any, p: float, sign: float = 1.0) -> Any:
    """The λ_k that makes d/dt ‖V_k‖_p^p = 0 along V̇_k = G_k + sign·λ_k p sign(V)|V|^{p−1}
    ([002] eq. (47) as printed: sign = +1; gradient descent on (45): sign = −1)."""
    xp = namespace(V, G)
    w = signed_power(V, p - 1.0)
    return -sign * xp.sum(w * G) / (p * xp.sum(w * w))


def lagrange_flow_rhs(shapes: Sequence[tuple[int, int]], X: np.ndarray, y: np.ndarray,
                      p: float, act: str = "linear", sign: float = 1.0,
                      use_lambda: bool = True, time_scale: str = "t"
                      ) -> Callable[[float, np.ndarray], np.ndarray]:
    """The state (log ρ_1..log ρ_K, vec V_1..V_K) of (46)–(47) with λ_k(t) from
    :func:`lagrange_lambda` (``use_lambda=False``: λ ≡ 0). ``time_scale="log"``: the field is
    multiplied by e^s, s = log(1 + t), so s ∈ [0, 12] covers t up to e^12 (orbits unchanged)."""
    K = len(shapes)
    sizes = [r * c for r, c in shapes]

    def f(s: float, z: np.ndarray) -> np.ndarray:
        lr = z[:K]
        rhos = [math.exp(a) for a in lr]
        V = rn.unflatten(z[K:], shapes)
        rho = math.exp(float(np.sum(lr)))
        G = data_term(V, rho, X, y, act)
        rd = rho_dot(V, rhos, X, y, act)
        out = np.empty_like(z)
        out[:K] = [float(r) / q for r, q in zip(rd, rhos, strict=True)]
        i = K
        for k in range(K):
            lam = lagrange_lambda(V[k], G[k], p, sign) if use_lambda else 0.0
            out[i:i + sizes[k]] = (G[k] + sign * lam * p * signed_power(V[k], p - 1.0)
                                   ).reshape(-1)
            i += sizes[k]
        if time_scale == "log":
            out *= math.exp(s)
        return out

    return f


def linear2_flow_rhs(d: int, h: int, X: np.ndarray, y: np.ndarray, p: float,
                     sign: float = 1.0, use_lambda: bool = True, time_scale: str = "t"
                     ) -> Callable[[float, np.ndarray], np.ndarray]:
    """:func:`lagrange_flow_rhs` specialised (NumPy, fast) to the two-layer linear net
    f̃(x) = V_2 V_1 x, V_1 ∈ R^{h×d}, V_2 ∈ R^{1×h}: ∂f̃/∂V_1 = V_2ᵀxᵀ, ∂f̃/∂V_2 = (V_1x)ᵀ.
    State: (log ρ_1, log ρ_2, vec V_1, vec V_2)."""
    Xy = X * y[:, None]
    n1 = h * d

    def f(s: float, z: np.ndarray) -> np.ndarray:
        rho = math.exp(z[0] + z[1])
        V1 = z[2:2 + n1].reshape(h, d)
        V2 = z[2 + n1:]
        H = Xy @ V1.T  # (N, h): y_n V_1 x_n
        ft = H @ V2  # f̃_n
        e = np.exp(-rho * ft)
        s_ = float(e @ ft)
        c = rho * e
        G1 = np.outer(V2, c @ Xy)
        G2 = c @ H
        out = np.empty_like(z)
        out[0] = rho / math.exp(2 * z[0]) * s_
        out[1] = rho / math.exp(2 * z[1]) * s_
        for sl, Vk, Gk in ((slice(2, 2 + n1), V1.reshape(-1), G1.reshape(-1)),
                           (slice(2 + n1, None), V2, G2)):
            w = np.sign(Vk) * np.abs(Vk) ** (p - 1.0)
            lam = -sign * float(w @ Gk) / (p * float(w @ w)) if use_lambda else 0.0
            out[sl] = Gk + sign * lam * p * w
        if time_scale == "log":
            out *= math.exp(s)
        return out

    return f
