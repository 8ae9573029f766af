"""Growth of the layer norms and direction convergence of linear nets ([002] §11.1, §12).

ODE integrations use SciPy's ``solve_ivp`` (NumPy only) in log-time τ = log(1 + t), so that
t up to e^{700} is reached without underflow: every right-hand side is multiplied by
dt/dτ = e^τ and exponentials are combined as exp(τ − ρf̃) before evaluation. Slopes are
fitted by least squares with a two-sided 95% t interval. li⁻¹ and 𝓛⁻¹ (𝓛(z) = li(z) − z/log z)
are inverted with mpmath's ``findroot``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import mpmath as mp
import numpy as np
from scipy import stats
from scipy.integrate import solve_ivp

RTOL, ATOL = 1e-11, 1e-13


def fit_line(x: Sequence[float], y: Sequence[float], level: float = 0.95
             ) -> tuple[float, float, float]:
    """Least-squares slope of y on x with its two-sided t interval: (slope, lo, hi)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    r = stats.linregress(x, y)
    dof = max(len(x) - 2, 1)
    q = float(stats.t.ppf(0.5 + level / 2, dof))
    return float(r.slope), float(r.slope - q * r.stderr), float(r.slope + q * r.stderr)


def _logtime(rhs: Callable[[float, np.ndarray], np.ndarray], y0: Sequence[float],
             tau_eval: np.ndarray, method: str = "DOP853") -> np.ndarray:
    """Integrate dy/dτ = rhs(τ, y) on τ_eval (τ_eval[0] is the start); returns (n, len)."""
    sol = solve_ivp(rhs, (float(tau_eval[0]), float(tau_eval[-1])), np.asarray(y0, float),
                    t_eval=tau_eval, method=method, rtol=RTOL, atol=ATOL)
    if sol.status != 0:
        raise RuntimeError(f"integration failed: {sol.message}")
    return sol.y


# ---------------------------------------------------------------------------------------
# [002] (10) with N = 1: the K-layer norm system, and its equal-norm reductions
# ---------------------------------------------------------------------------------------


def norm_system_t(rho0: Sequence[float], ftilde: float, t_eval: np.ndarray) -> np.ndarray:
    """(10) with N = 1 in plain time (short horizons), state log ρ_k; (K, len(t))."""

    def rhs(_t: float, y: np.ndarray) -> np.ndarray:
        r = np.exp(y)
        u = float(np.prod(r)) * ftilde
        return u / r**2 * math.exp(-u)

    sol = solve_ivp(rhs, (0.0, float(t_eval[-1])), np.log(np.asarray(rho0, float)),
                    t_eval=t_eval, method="DOP853", rtol=1e-12, atol=1e-14)
    return np.exp(sol.y)


def norms_logtime(rho0: Sequence[float], ftilde: float, tau_eval: np.ndarray) -> np.ndarray:
    """(10) with N = 1 in log-time τ = log(1 + t): d log ρ_k/dτ = e^τ (u/ρ_k²) e^{−u},
    u = f̃∏ρ_i, evaluated as (u/ρ_k²)·exp(τ − u) (no overflow); returns ρ (K, len(τ))."""

    def rhs(tau: float, y: np.ndarray) -> np.ndarray:
        r = np.exp(y)
        u = float(np.prod(r)) * ftilde
        return u / r**2 * math.exp(tau - u)

    return np.exp(_logtime(rhs, np.log(np.asarray(rho0, float)), tau_eval))


def scalar_logtime(field: Callable[[float, float], float], y0: float, tau_eval: np.ndarray
                   ) -> np.ndarray:
    """A scalar ODE given directly in log-time, dy/dτ = field(τ, y); y on τ_eval."""
    out = _logtime(lambda tau, y: np.array([field(tau, float(y[0]))]), [y0], tau_eval)
    return out[0]


def u_logtime(alpha: float, a: float, u0: float, tau_eval: np.ndarray) -> np.ndarray:
    """u = log R for Ṙ = α (log R)^a, i.e. u̇ = α u^a e^{−u} ((68) with α = c f̃^{2/K},
    a = 2 − 2/K), in log-time: du/dτ = α u^a exp(τ − u)."""
    return scalar_logtime(lambda tau, y: alpha * y**a * math.exp(tau - y), u0, tau_eval)


def u_plain(alpha: float, a: float, u0: float, t_eval: np.ndarray) -> np.ndarray:
    """u̇ = α u^a e^{−u} in plain time (short horizons)."""
    sol = solve_ivp(lambda _t, y: alpha * y**a * np.exp(-y), (0.0, float(t_eval[-1])), [u0],
                    t_eval=t_eval, method="DOP853", rtol=1e-12, atol=1e-14)
    return sol.y[0]


def li_inv(y: Any, dps: int = 30) -> Any:
    """R > 1 with li(R) = y (mpmath ``findroot`` from the guess y log y)."""
    with mp.workdps(dps):
        y = mp.mpf(y)
        g = max(y * mp.log(max(y, mp.mpf(3))), mp.mpf(2))
        return mp.findroot(lambda r: mp.li(r) - y, g)


def calL(z: Any) -> Any:
    """𝓛(z) = li(z) − z/log z ([002] l.683)."""
    return mp.li(z) - z / mp.log(z)


def calL_of_u(u: Any) -> Any:
    """𝓛(e^u) = Ei(u) − e^u/u (li(e^u) = Ei(u)), at mpmath precision."""
    u = mp.mpf(u)
    return mp.ei(u) - mp.exp(u) / u


# ---------------------------------------------------------------------------------------
# [002] §12: linear one-layer nets, one data point (reduced to the plane of x and v)
# ---------------------------------------------------------------------------------------


def direction_error_logtime(m: float, rho0: float, theta0: float, tau_eval: np.ndarray,
                            kind: str = "gd", rho_power: float | None = None) -> np.ndarray:
    """One point x of norm m, w = ρv, θ = ∠(v, x). Standard GD ((82) without 1/ρ, (83)):
    ρ̇ = m cosθ e^{−ρm cosθ}, θ̇ = −ρ^{−1} m sinθ e^{−ρm cosθ}; WN ((12)): θ̇ has ρ^{+1}.
    ``rho_power`` overrides the power of ρ in θ̇. State (ρ, log θ) in log-time; returns
    (ρ, log θ) of shape (2, len(τ))."""
    p = {"gd": -1.0, "wn": 1.0}[kind] if rho_power is None else rho_power

    def rhs(tau: float, y: np.ndarray) -> np.ndarray:
        r, phi = float(y[0]), float(y[1])
        th = math.exp(phi)
        E = math.exp(tau - r * m * math.cos(th))
        sinc = math.sin(th) / th if th > 1e-8 else 1.0 - th * th / 6
        return np.array([m * math.cos(th) * E, -(r**p) * m * sinc * E])

    return _logtime(rhs, [rho0, math.log(theta0)], tau_eval)


def gd_closed_form(m: float, rho0: float, theta0: float, t: Any) -> tuple[Any, Any]:
    """GD on one point (exact): w = w⊥ + a(t) x̂ with w⊥ constant and e^{ma} = m²t + e^{ma₀};
    returns (ρ, θ) at t (mpmath or float arithmetic, following the type of t)."""
    if isinstance(t, mp.mpf):
        a0, perp = rho0 * mp.cos(theta0), rho0 * mp.sin(theta0)
        a = mp.log(m * m * t + mp.exp(m * a0)) / m
        return mp.sqrt(a * a + perp * perp), mp.atan2(perp, a)
    a0, perp = rho0 * np.cos(theta0), rho0 * np.sin(theta0)
    a = np.log(m * m * np.asarray(t, float) + np.exp(m * a0)) / m
    return np.sqrt(a * a + perp * perp), np.arctan2(perp, a)


def linear_flows(X: np.ndarray, w0: np.ndarray, tau_eval: np.ndarray, kind: str
                 ) -> np.ndarray:
    """K = 1 linear net on rows x_n of X, exponential loss (labels absorbed), log-time.
    ``kind``: 'w' (standard flow (7): ẇ = Σ e^{−wᵀx_n}x_n, state w), 'rv' ((13)-(14):
    ρ̇ = vᵀẇ, v̇ = (S/ρ)ẇ), 'wn' ((12): v̇ = Sρẇ), 'rv_noS' (v̇ = ẇ/ρ, a perturbation).
    Returns w(τ) = ρv as (d, len(τ))."""
    d = X.shape[1]

    def wdot(w: np.ndarray, tau: float) -> np.ndarray:
        a = tau - X @ w  # log of e^τ e^{−wᵀx_n}
        return X.T @ np.exp(a)

    if kind == "w":
        Y = _logtime(lambda tau, y: wdot(y, tau), w0, tau_eval)
        return Y
    r0 = float(np.linalg.norm(w0))

    def rhs(tau: float, y: np.ndarray) -> np.ndarray:
        r, v = y[0], y[1:]
        g = wdot(r * v, tau)
        S_g = g - v * (v @ g)
        if kind == "rv":
            dv = S_g / r
        elif kind == "wn":
            dv = S_g * r
        else:
            dv = g / r
        return np.concatenate([[v @ g], dv])

    Y = _logtime(rhs, np.concatenate([[r0], w0 / r0]), tau_eval)
    return Y[0] * Y[1:d + 1]


# ---------------------------------------------------------------------------------------
# BN and WN outputs of a linear unit over a batch ([002] §10.3, §12)
# ---------------------------------------------------------------------------------------


def bn_output(X: Any, w: Any, centered: bool, xp: Any) -> Any:
    """ẑ_n = (z_n − μ_B)/σ_B, z = Xw, batch statistics over the N rows (μ_B dropped unless
    ``centered``, as in [002] §10.3's simplification; ε = 0)."""
    z = X @ w
    mu = xp.mean(z) if centered else 0.0
    return (z - mu) / xp.sqrt(xp.mean((z - mu) ** 2))


def wn_output(X: Any, w: Any, xp: Any) -> Any:
    """z_n = x_nᵀw/‖w‖ (WN with g = 1, [002] §10.2)."""
    return (X @ w) / xp.linalg.vector_norm(w)
