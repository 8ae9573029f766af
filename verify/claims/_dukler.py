"""Shared machinery of the Dukler et al. checks: instances, Jacobians, kernel comparisons.

An *instance* is data X (n×d), targets y, and a WN network state (V, g, c) at scale α,
drawn as Hypothesis examples (small numbers) and built from a seeded NumPy generator.
States are ``init`` (drawn by (2.4)) or ``generic`` (init plus perturbations of
log-uniform size, g_k kept positive as under (2.4)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from numeric import fd, wn
from numeric._backend import to_numpy
from verify.context import Context
from verify.strategies import data, log_uniform, seeds
from verify.tolerance import gamma

FD_H = 1e-4  # relative finite-difference step; truncation O(h²) then Richardson O(h⁴)


@dataclass
class Instance:
    X: np.ndarray
    y: np.ndarray
    V: np.ndarray
    g: np.ndarray
    c: np.ndarray
    alpha: float

    @property
    def n(self) -> int:
        return self.X.shape[0]

    @property
    def d(self) -> int:
        return self.X.shape[1]

    @property
    def m(self) -> int:
        return self.V.shape[0]

    def on(self, ctx: Context) -> tuple[Any, ...]:
        """(X, y, V, g, c) as arrays of the run's backend."""
        return tuple(ctx.asarray(a) for a in (self.X, self.y, self.V, self.g, self.c))


def instances(
    n: tuple[int, int] = (1, 6),
    d: tuple[int, int] = (2, 8),
    m: tuple[int, int] = (1, 16),
    alpha: tuple[float, float] = (-3.0, 3.0),
    states: tuple[str, ...] = ("init", "generic"),
    geometries: tuple[str, ...] = ("sphere", "ball", "near_parallel", "antipodal", "zero_row"),
) -> st.SearchStrategy[dict[str, Any]]:
    """Hypothesis examples describing an instance (built by :func:`build`)."""
    return st.fixed_dictionaries(
        {
            "seed": seeds(),
            "n": st.integers(*n),
            "d": st.integers(*d),
            "m": st.integers(*m),
            "alpha": log_uniform(*alpha),
            "state": st.sampled_from(states),
            "geometry": st.sampled_from(geometries),
            "perturbation": log_uniform(-2.0, 0.0),
        }
    )


def build(ex: dict[str, Any]) -> Instance:
    """The instance an example describes (deterministic in the example)."""
    rng = np.random.default_rng(ex["seed"])
    X = data(rng, ex["n"], ex["d"], ex["geometry"])
    y = rng.uniform(-1.0, 1.0, size=ex["n"])
    alpha = ex["alpha"]
    V, g, c = wn.init(ex["m"], ex["d"], alpha, int(rng.integers(2**32)))
    if ex["state"] == "generic":
        tau = ex["perturbation"]
        V = V + tau * alpha * rng.standard_normal(V.shape)
        g = g * np.exp(tau * rng.standard_normal(g.shape))
    return Instance(X, y, V, g, c, alpha)


def kink_margin(inst: Instance) -> float:
    """min_{i,k} |u_kᵀx_i|/‖x_i‖ over nonzero x_i (distance from the ReLU kinks)."""
    r = np.linalg.norm(inst.X, axis=1)
    U = inst.V / np.linalg.norm(inst.V, axis=1, keepdims=True)
    P = np.abs(inst.X @ U.T)
    P = P[r > 0] / r[r > 0, None]
    return float(P.min()) if P.size else math.inf


def assume_away_from_kinks(inst: Instance, h: float = FD_H) -> None:
    """Reject draws where a finite-difference stencil of relative step h could cross a kink.

    A step of h‖v_k‖ in v_k moves u_kᵀx_i/‖x_i‖ by at most about h, so a margin of 8h
    keeps every stencil point on the draw's activation region.
    """
    assume(kink_margin(inst) > 8 * h)


def theta_of(V: Any, g: Any, xp: Any) -> Any:
    return xp.concat([xp.reshape(V, (-1,)), g])


def split(theta: Any, m: int, d: int, xp: Any) -> tuple[Any, Any]:
    return xp.reshape(theta[: m * d], (m, d)), theta[m * d :]


def wn_jacobian(inst: Instance, ctx: Context, block: str = "all") -> tuple[Any, Any]:
    """(J, err): FD Jacobian of f = forward(X; V, g, c) w.r.t. the block "v", "g" or "all"
    of θ = (vec V, g), with steps h‖v_k‖ for v_k and h|g_k| for g_k."""
    xp = ctx.xp
    X, _, V, g, c = inst.on(ctx)
    m, d = inst.m, inst.d
    nv = np.linalg.norm(inst.V, axis=1)
    steps_v = np.repeat(FD_H * nv, d)
    steps_g = FD_H * np.abs(inst.g)
    scale = float(np.sum(np.abs(inst.g)) * np.max(np.linalg.norm(inst.X, axis=1), initial=0))
    scale = scale / math.sqrt(m) + 1e-300
    if block == "v":
        def fun(t: Any) -> Any:
            return wn.forward(X, xp.reshape(t, (m, d)), g, c)
        return fd.jacobian(fun, xp.reshape(V, (-1,)), steps_v, scale)
    if block == "g":
        def fun_g(t: Any) -> Any:
            return wn.forward(X, V, t, c)
        return fd.jacobian(fun_g, g, steps_g, scale)

    def fun_all(t: Any) -> Any:
        Vt, gt = split(t, m, d, xp)
        return wn.forward(X, Vt, gt, c)

    return fd.jacobian(fun_all, theta_of(V, g, xp), np.concatenate([steps_v, steps_g]), scale)


def gram_of_jacobian(J: Any, E: Any, xp: Any) -> tuple[Any, Any]:
    """(J Jᵀ, bound): the Gram matrix of an FD Jacobian and an entrywise bound on its error,
    |Δ(JJᵀ)_ij| ≤ Σ_p |J_ip|E_jp + E_ip|J_jp| + E_ip E_jp, plus its float rounding."""
    A = xp.abs(J)
    P = J.shape[1]
    bound = A @ E.T + E @ A.T + E @ E.T + gamma(P) * (A @ A.T)
    return J @ J.T, bound


def compare(K: Any, ref: Any, bound: Any, xp: Any) -> tuple[float, float, dict[str, Any]]:
    """(error, tolerance, info) for an entrywise comparison with an entrywise bound: the
    worst ratio |K − ref|/bound is reported as error/tolerance of the worst entry."""
    diff = to_numpy(xp.abs(K - ref))
    b = to_numpy(bound)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(b > 0, diff / b, np.where(diff > 0, np.inf, 0.0))
    idx = np.unravel_index(int(np.argmax(ratio)), ratio.shape) if ratio.size else (0, 0)
    if not ratio.size:
        return 0.0, 0.0, {}
    return float(diff[idx]), float(b[idx]), {"worst_entry": [int(i) for i in idx]}


def kernel_rounding(inst: Instance, weight: np.ndarray | None = None) -> np.ndarray:
    """Entrywise rounding bound of an m-neuron Gram kernel: γ_{d+m+4}·Σ_k w_k r_i r_j/m with
    weights w_k ≥ 0 (the per-neuron scale s_k² of (3.3), or 1), since each summand is at
    most r_i r_j in magnitude (|x_iᵀx_j|, |P_ik P_jk| ≤ r_i r_j)."""
    r = np.linalg.norm(inst.X, axis=1)
    w = np.ones(inst.m) if weight is None else weight
    return gamma(inst.d + inst.m + 4) * 2 * float(np.mean(w)) * np.outer(r, r)
