"""Gradient flow (3.1) of the WN network (1.2), integrated by an ODE solver, and the
quantities the flow theorems of Dukler et al. (ICLR App. B) speak about.

The flow dv_k/dt = −∂L/∂v_k, dg_k/dt = −∂L/∂g_k (c fixed) has a right-hand side that jumps
where a neuron crosses a ReLU kink (v_kᵀx_i = 0). An adaptive Runge–Kutta method (RK45)
steps across such crossings; its error norm is the RMS over all m(d+1) coordinates, so a
crossing costs a few rejected steps instead of stalling the step size (as the 8th-order
DOP853 at tight tolerances does). The integration error is *estimated*, not assumed: every
trajectory is computed at two tolerances and each monitored quantity carries the difference
of the two runs (:class:`FlowRun` ``err``). A trajectory that slides along a kink (a
Filippov solution) makes the solver chatter; more than ``max_nfev`` right-hand-side
evaluations raise :class:`FlowStalled`.

Arrays live in the namespace of the inputs (``numeric.wn``/``numeric.ntk`` do the work);
the solver and the n×n eigenvalue problems use NumPy copies.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.integrate import solve_ivp

from numeric import ntk, wn
from numeric._backend import namespace, to_numpy

#: monitored quantities (see :func:`monitor`)
QUANTITIES = (
    "r2", "lmin_L", "lmin_V", "lmin_G", "rayleigh", "dv", "dg", "dV", "dG", "asym",
)


class FlowStalled(RuntimeError):
    """The solver needed more than ``max_nfev`` evaluations (a sliding mode at a kink)."""


@dataclass
class FlowRun:
    """A monitored trajectory: grid times ``t``, the quantities of :func:`monitor` at those
    times (``values``), their integration-error estimates ``err`` (|loose − tight| between
    the runs at the two tolerances) and the evaluation counts of both runs."""

    t: np.ndarray
    values: dict[str, np.ndarray]
    err: dict[str, np.ndarray]
    nfev: tuple[int, int]
    rtols: tuple[float, float]
    stopped_by_event: bool
    info: dict[str, Any] = field(default_factory=dict)


def _sym_eigs(A: np.ndarray) -> tuple[np.ndarray, float]:
    """Eigenvalues of the symmetric part of A (ascending) and the asymmetry max|A − Aᵀ|."""
    asym = float(np.max(np.abs(A - A.T))) if A.size else 0.0
    return np.linalg.eigvalsh((A + A.T) / 2), asym


def monitor(
    X: Any, y: Any, V0: Any, g0: Any, c: Any, alpha: float, V: Any, g: Any,
    kernels0: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, float]:
    """The quantities of App. B at one state (V, g) of the flow started at (V0, g0).

    r2 = ‖f − y‖²; lmin_L, lmin_V, lmin_G = λ_min of Λ = V/α² + G (3.5), of V (3.3) and
    of G (3.4); rayleigh = rᵀΛr/‖r‖²; dv = max_k‖v_k − v_k(0)‖; dg = max_k|g_k − g_k(0)|;
    dV = ‖V(t) − V(0)‖₂; dG = ‖G(t) − G(0)‖₂; asym = max|Λ − Λᵀ| (rounding; eigenvalues are
    those of the symmetric part).
    """
    xp = namespace(X, V, g)
    r = to_numpy(wn.forward(X, V, g, c) - y)
    _, Vg, G = ntk.gram(X, V, g, c, alpha)
    Vn, Gn = to_numpy(Vg), to_numpy(G)
    if kernels0 is None:
        _, V00, G00 = ntk.gram(X, V0, g0, c, alpha)
        kernels0 = (to_numpy(V00), to_numpy(G00))
    L = Vn / alpha**2 + Gn
    eL, asym = _sym_eigs(L)
    eV, _ = _sym_eigs(Vn)
    eG, _ = _sym_eigs(Gn)
    r2 = float(r @ r)
    Ls = (L + L.T) / 2
    dV = _sym_eigs(Vn - kernels0[0])[0]
    dG = _sym_eigs(Gn - kernels0[1])[0]
    return {
        "r2": r2,
        "lmin_L": float(eL[0]),
        "lmin_V": float(eV[0]),
        "lmin_G": float(eG[0]),
        "rayleigh": float(r @ Ls @ r / r2) if r2 > 0 else math.nan,
        "dv": float(to_numpy(xp.max(xp.linalg.vector_norm(V - V0, axis=1)))),
        "dg": float(to_numpy(xp.max(xp.abs(g - g0)))),
        "dV": float(np.max(np.abs(dV))) if dV.size else 0.0,
        "dG": float(np.max(np.abs(dG))) if dG.size else 0.0,
        "asym": asym,
    }


def solve_capped(
    rhs: Callable[[float, np.ndarray], np.ndarray], z0: np.ndarray, T: float, *, rtol: float,
    atol: Any, max_nfev: int, method: str = "DOP853", t_eval: np.ndarray | None = None,
    events: Any = None,
) -> Any:
    """``scipy.integrate.solve_ivp`` of dz/dt = rhs(t, z) on [0, T] with at most
    ``max_nfev`` right-hand-side evaluations: a trajectory that needs more (it slides along
    a ReLU kink, a Filippov solution, where an adaptive smooth integrator chatters) or on
    which the solver fails raises :class:`FlowStalled`."""
    calls = [0]

    def f(t: float, z: np.ndarray) -> np.ndarray:
        calls[0] += 1
        if calls[0] > max_nfev:
            raise FlowStalled(f"more than {max_nfev} evaluations by t = {t:.3g} of {T:.3g}")
        return rhs(t, z)

    sol = solve_ivp(f, (0.0, T), z0, method=method, rtol=rtol, atol=atol, t_eval=t_eval,
                    events=events)
    if sol.status == -1:
        raise FlowStalled(f"solve_ivp failed at t = {sol.t[-1] if sol.t.size else 0:.3g} of "
                          f"{T:.3g}: {sol.message}")
    return sol


def rhs_factory(
    X: Any, y: Any, c: Any, m: int, d: int, max_nfev: int
) -> Callable[[float, np.ndarray], np.ndarray]:
    """The right-hand side −(∂L/∂V, ∂L/∂g) of (3.1) on the flat NumPy state (vec V, g),
    computed by :func:`numeric.wn.gradients` in the namespace of X."""
    xp = namespace(X, y, c)
    calls = [0]

    def rhs(t: float, z: np.ndarray) -> np.ndarray:
        calls[0] += 1
        if calls[0] > max_nfev:
            raise FlowStalled(f"more than {max_nfev} evaluations by t = {t:.4g}")
        V = xp.asarray(np.reshape(z[: m * d], (m, d)), dtype=xp.float64)
        g = xp.asarray(z[m * d :], dtype=xp.float64)
        dV, dg = wn.gradients(X, y, V, g, c)
        return -np.concatenate([to_numpy(xp.reshape(dV, (-1,))), to_numpy(dg)])

    rhs.calls = calls  # type: ignore[attr-defined]
    return rhs


def integrate(
    X: Any, y: Any, V0: Any, g0: Any, c: Any, alpha: float, t_eval: np.ndarray, *,
    rtol: float, stop_r2: float | None = None, max_nfev: int = 60_000,
) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """Integrate (3.1) with RK45 from (V0, g0) and return (times, states, nfev, stopped):
    the states (columns: vec V then g) at the times of ``t_eval`` reached before the loss
    ‖f − y‖² fell to ``stop_r2`` (a terminal event), as NumPy arrays.

    Tolerances: relative ``rtol``; absolute rtol·α on the coordinates of V (those of
    v_k(0) ~ N(0, α²I) are of size α) and rtol on those of g (g_k(0) ~ χ_d, of size √d).
    """
    xp = namespace(X, V0)
    m, d = V0.shape
    rhs = rhs_factory(X, y, c, m, d, max_nfev)
    z0 = np.concatenate([to_numpy(xp.reshape(V0, (-1,))), to_numpy(g0)])
    events = None
    if stop_r2 is not None:
        def loss_event(t: float, z: np.ndarray) -> float:
            V = xp.asarray(np.reshape(z[: m * d], (m, d)), dtype=xp.float64)
            g = xp.asarray(z[m * d :], dtype=xp.float64)
            r = to_numpy(wn.forward(X, V, g, c) - y)
            return float(r @ r) - stop_r2

        loss_event.terminal = True  # type: ignore[attr-defined]
        loss_event.direction = -1  # type: ignore[attr-defined]
        events = [loss_event]
    atol = np.concatenate([np.full(m * d, rtol * alpha), np.full(m, rtol)])
    sol = solve_ivp(rhs, (0.0, float(t_eval[-1])), z0, method="RK45", t_eval=t_eval,
                    rtol=rtol, atol=atol, events=events)
    if sol.status == -1:
        raise FlowStalled(f"solve_ivp failed at t = {sol.t[-1] if sol.t.size else 0:.4g}: "
                          f"{sol.message}")
    return sol.t, sol.y, int(rhs.calls[0]), sol.status == 1


def run(
    X: Any, y: Any, V0: Any, g0: Any, c: Any, alpha: float, t_max: float, *,
    n_grid: int = 61, rtols: tuple[float, float] = (1e-5, 1e-6),
    stop_ratio: float = 1e-4, max_nfev: int = 60_000,
) -> FlowRun:
    """A monitored trajectory of (3.1) on [0, t_max], stopped once ‖f − y‖² has fallen by
    ``stop_ratio`` (beyond that the residual is of the size of the integration error).

    The tight run (rtols[1]) gives the values; the loose run (rtols[0]), on the same grid,
    gives the error estimate |loose − tight| of every quantity.
    """
    xp = namespace(X, V0)
    m, d = V0.shape
    _, V00, G00 = ntk.gram(X, V0, g0, c, alpha)
    k0 = (to_numpy(V00), to_numpy(G00))
    r0 = to_numpy(wn.forward(X, V0, g0, c) - y)
    grid = np.linspace(0.0, t_max, n_grid)
    out: list[dict[str, np.ndarray]] = []
    nfevs: list[int] = []
    stopped = False
    t_common = grid
    for k, rtol in enumerate((rtols[1], rtols[0])):  # tight first: it fixes the horizon
        stop = stop_ratio * float(r0 @ r0) if k == 0 else None
        ts, Z, nfev, st = integrate(X, y, V0, g0, c, alpha, t_common, rtol=rtol,
                                    stop_r2=stop, max_nfev=max_nfev)
        if k == 0:
            stopped = st
            t_common = ts
        vals: dict[str, list[float]] = {q: [] for q in QUANTITIES}
        for j in range(ts.size):
            V = xp.asarray(np.reshape(Z[: m * d, j], (m, d)), dtype=xp.float64)
            g = xp.asarray(Z[m * d :, j], dtype=xp.float64)
            for q, v in monitor(X, y, V0, g0, c, alpha, V, g, k0).items():
                vals[q].append(v)
        out.append({q: np.asarray(v) for q, v in vals.items()})
        nfevs.append(nfev)
    tight, loose = out
    n_common = min(tight["r2"].size, loose["r2"].size)
    err = {q: np.abs(loose[q][:n_common] - tight[q][:n_common]) for q in QUANTITIES}
    vals = {q: tight[q][:n_common] for q in QUANTITIES}
    return FlowRun(t=t_common[:n_common], values=vals, err=err, nfev=(nfevs[1], nfevs[0]),
                   rtols=rtols, stopped_by_event=stopped,
                   info={"grid": grid, "stop_r2": stop_ratio * float(r0 @ r0),
                         "max_nfev": max_nfev})


def state_at(
    X: Any, y: Any, V0: Any, g0: Any, c: Any, alpha: float, flow_run: FlowRun, j: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The state (V, g) (NumPy) at grid time ``flow_run.t[j]`` of the tight run, recomputed
    by repeating that integration exactly (same grid, tolerance and stopping event), so it
    is the state :func:`run` monitored."""
    m, d = V0.shape
    info = flow_run.info
    _, Z, _, _ = integrate(X, y, V0, g0, c, alpha, info["grid"], rtol=flow_run.rtols[1],
                           stop_r2=info["stop_r2"], max_nfev=info["max_nfev"])
    return np.reshape(Z[: m * d, j], (m, d)), Z[m * d :, j]
