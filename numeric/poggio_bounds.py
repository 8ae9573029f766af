"""Margin and norm oracles for the generalisation claims of Banburski, Poggio et al.

([002] §8, §8.1, Theorems 3–5, Lemma 6; [004] §4–§5.) The maximum-margin references are
convex programs solved with cvxpy (Clarabel):

* linear (and deep-linear, through the end-to-end map) max margin, [002] eq. (40), and the
  min-norm problem (41);
* the constrained exponential-loss minimiser of [002] eq. (37) for a linear model, an
  exponential-cone program min log Σ_n exp(−ρ y_n wᵀx_n) s.t. ‖w‖ ≤ 1;
* the two-layer ReLU max margin under per-layer unit Frobenius norms through the convex
  reformulation over activation patterns (Pilanci & Ergen 2020): for the hyperplane
  arrangement patterns D_i of the data, maximise t subject to
  y_n Σ_i D_i[n] x_nᵀ(u_i − v_i) ≥ t, (2D_i − 1) ⊙ X u_i ≥ 0, (2D_i − 1) ⊙ X v_i ≥ 0,
  Σ_i ‖u_i‖ + ‖v_i‖ ≤ 1. Every unit-norm net of any width has margin ≤ t*, and a net of
  width = #nonzero blocks attains t* (:func:`relu2_net_from_blocks`); exact when every
  arrangement pattern is listed (d = 2 here; sampled patterns give a lower bound).

The probabilistic-bound harness (finite function classes on a finite-support distribution)
computes exact population losses, and empirical Rademacher averages exactly (2^N sign
vectors, small N) or by Monte Carlo with a McDiarmid interval. NumPy (and scipy/cvxpy)
only, except :func:`normalized_gd`, which runs on the arrays' backend: these are oracles.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import optimize, stats

from numeric import relunet
from numeric._backend import namespace, to_numpy

SOLVER = "CLARABEL"
#: tight interior-point tolerances: max-margin directions are ill-conditioned when the
#: margin is flat in some direction (defaults, 1e-8, leave direction errors ~1e-4; 1e-12 stalls)
SOLVER_OPTS = {"tol_gap_abs": 1e-11, "tol_gap_rel": 1e-11, "tol_feas": 1e-11,
               "tol_ktratio": 1e-10}


def solve(prob: Any) -> None:
    """Solve a cvxpy problem with the tight tolerances; if Clarabel stalls before them
    ('optimal_inaccurate'), re-solve with its defaults (1e-8) rather than keep a stalled
    iterate. Callers judge the result against their own tolerances (a remaining
    inaccuracy shows up as a solver failure, never as a refutation)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        prob.solve(solver=SOLVER, **SOLVER_OPTS)
        if prob.status != "optimal":
            prob.solve(solver=SOLVER)


def _cp() -> Any:
    import cvxpy as cp  # imported lazily (slow import, oracle only)

    return cp


# ------------------------------------------------------------------ linear oracles


def max_margin_linear(Z: np.ndarray, p: float = 2.0) -> tuple[float, np.ndarray]:
    """[002] eq. (40) for f(w; x) = wᵀx: max_w min_n z_nᵀw s.t. ‖w‖_p ≤ 1 (z_n = y_n x_n).

    Returns (γ*, w*). On separable data the maximiser lies on the sphere ‖w‖_p = 1."""
    cp = _cp()
    w, t = cp.Variable(Z.shape[1]), cp.Variable()
    prob = cp.Problem(cp.Maximize(t), [Z @ w >= t, cp.norm(w, p) <= 1])
    solve(prob)
    return float(t.value), np.asarray(w.value, dtype=np.float64)


def min_norm_linear(Z: np.ndarray) -> np.ndarray:
    """[002] eq. (41) for a linear model: argmin ½‖w‖² s.t. z_nᵀw ≥ 1."""
    cp = _cp()
    w = cp.Variable(Z.shape[1])
    solve(cp.Problem(cp.Minimize(0.5 * cp.sum_squares(w)), [Z @ w >= 1]))
    return np.asarray(w.value, dtype=np.float64)


def exp_constrained_linear(Z: np.ndarray, rho: float) -> np.ndarray:
    """[002] eq. (37) for a linear model: argmin_{‖w‖ ≤ 1} log Σ_n exp(−ρ z_nᵀw)
    (convex; on separable data the minimiser lies on the unit sphere)."""
    cp = _cp()
    w = cp.Variable(Z.shape[1])
    solve(cp.Problem(cp.Minimize(cp.log_sum_exp(-rho * (Z @ w))), [cp.norm(w, 2) <= 1]))
    out = np.asarray(w.value, dtype=np.float64)
    return out / max(1.0, float(np.linalg.norm(out)))


def rosset_polish(Z: np.ndarray, lam: float, w0: np.ndarray) -> np.ndarray:
    """Newton polish of Rosset et al.'s regularised problem min Σ_n exp(−z_nᵀw) + λ'‖w‖²
    (smooth, strongly convex) from a solver's point ``w0``."""
    w = np.array(w0, dtype=np.float64)
    for _ in range(30):
        e = np.exp(-Z @ w)
        g = -Z.T @ e + 2 * lam * w
        H = (Z.T * e) @ Z + 2 * lam * np.eye(w.size)
        step = np.linalg.solve(H, g)
        w = w - step
        if float(np.linalg.norm(step)) <= 1e-15 * (1 + float(np.linalg.norm(w))):
            break
    return w


def log_loss_linear(Z: np.ndarray, w: np.ndarray, rho: float) -> float:
    """log Σ_n exp(−ρ z_nᵀw) (log-sum-exp)."""
    a = -rho * (Z @ w)
    m = float(np.max(a))
    return m + math.log(float(np.sum(np.exp(a - m))))


# ------------------------------------------------------------------ two-layer ReLU oracle


def arrangement_patterns(X: np.ndarray, rng: np.random.Generator | None = None,
                         samples: int = 4000) -> np.ndarray:
    """The activation patterns 1{Xw ≥ 0} over all w (rows), exactly for d = 2 (one direction
    in each arc between consecutive breakpoints ±x_n^⊥), by sampling otherwise."""
    d = X.shape[1]
    if d == 2:
        ang = np.arctan2(X[:, 1], X[:, 0])
        brk = np.sort(np.mod(np.concatenate([ang + np.pi / 2, ang - np.pi / 2]), 2 * np.pi))
        mids = (brk + np.roll(brk, -1) + np.r_[np.zeros(len(brk) - 1), 2 * np.pi]) / 2
        dirs = np.stack([np.cos(mids), np.sin(mids)], axis=1)
    else:
        rng = rng or np.random.default_rng(0)
        dirs = rng.standard_normal((samples, d))
    pats = (X @ dirs.T >= 0).T.astype(np.float64)
    pats = np.unique(pats, axis=0)
    return pats[pats.sum(axis=1) > 0]


def relu2_max_margin(X: np.ndarray, y: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """Global max margin of a two-layer ReLU net f = aᵀσ(W₁x) (any width) under
    ‖W₁‖_F = ‖a‖ = 1, by the convex pattern program of the module docstring. Returns
    (t*, [u_i − v_i blocks as rows of U (positive), V (negative)])."""
    cp = _cp()
    P = arrangement_patterns(X)
    m, d = P.shape[0], X.shape[1]
    U, V, t = cp.Variable((m, d)), cp.Variable((m, d)), cp.Variable()
    cons = []
    f = 0
    for i in range(m):
        Di = P[i]
        s = 2 * Di - 1
        cons += [cp.multiply(s, X @ U[i]) >= 0, cp.multiply(s, X @ V[i]) >= 0]
        f = f + cp.multiply(Di, X @ (U[i] - V[i]))
    cons += [cp.multiply(y, f) >= t,
             cp.sum(cp.norm(U, 2, axis=1)) + cp.sum(cp.norm(V, 2, axis=1)) <= 1]
    solve(cp.Problem(cp.Maximize(t), cons))
    return float(t.value), [np.asarray(U.value), np.asarray(V.value)]


def relu2_net_from_blocks(blocks: Sequence[np.ndarray], tol: float = 1e-9) -> relunet.Net:
    """A two-layer net (W₁, a) realising Σ_i σ(u_iᵀx) − σ(v_iᵀx): unit w = u/√‖u‖,
    a = ±√‖u‖ for every block with ‖u‖ > tol; then normalised to ‖W₁‖_F = ‖a‖ = 1 (the
    value ‖W₁‖_F² = ‖a‖² = Σ‖u_i‖ + ‖v_i‖, 1 at the optimum)."""
    rows, outs = [], []
    for sign, B in zip((1.0, -1.0), blocks, strict=True):
        for u in B:
            nu = float(np.linalg.norm(u))
            if nu > tol:
                rows.append(u / math.sqrt(nu))
                outs.append(sign * math.sqrt(nu))
    W1, a = np.array(rows), np.array(outs)[None, :]
    return [W1 / np.linalg.norm(W1), a / np.linalg.norm(a)]


# ------------------------------------------------------------------ product-of-spheres minimiser


def sphere_params(theta: np.ndarray, shapes: Sequence[tuple[int, int]]) -> relunet.Net:
    """V_k = U_k/‖U_k‖_F for the unconstrained parameters θ = (U_1, …, U_K)."""
    U = relunet.unflatten(theta, shapes)
    return [Uk / np.linalg.norm(Uk) for Uk in U]


def sphere_loss_grad(theta: np.ndarray, X: np.ndarray, y: np.ndarray, rho: float,
                     shapes: Sequence[tuple[int, int]], act: str) -> tuple[float, np.ndarray]:
    """log Σ_n exp(−ρ y_n f(V; x_n)) with V_k = U_k/‖U_k‖ and its gradient in θ."""
    U = relunet.unflatten(theta, shapes)
    nrm = [float(np.linalg.norm(Uk)) for Uk in U]
    V = [Uk / n for Uk, n in zip(U, nrm, strict=True)]
    a = -rho * relunet.margins(V, X, y, act)
    m = float(np.max(a))
    e = np.exp(a - m)
    s = float(np.sum(e))
    w = e / s
    G = relunet.grad_sum(V, X, -rho * w * y, act)  # ∂ logL/∂V_k
    out = []
    for Gk, Vk, n in zip(G, V, nrm, strict=True):
        out.append(((Gk - np.sum(Gk * Vk) * Vk) / n).ravel())
    return m + math.log(s), np.concatenate(out)


def sphere_minimise(X: np.ndarray, y: np.ndarray, rho: float, starts: Sequence[relunet.Net],
                    act: str = "relu", gtol: float = 1e-12,
                    maxiter: int = 4000) -> tuple[relunet.Net, float]:
    """Best local minimiser of log L(ρ f̃) over the product of unit spheres (BFGS from each
    start in the sphere parametrisation); returns (V, log L)."""
    shapes = [tuple(Wk.shape) for Wk in starts[0]]
    best: tuple[relunet.Net, float] | None = None
    for W0 in starts:
        th0 = relunet.flatten([np.asarray(Wk, dtype=np.float64) for Wk in W0])
        res = optimize.minimize(sphere_loss_grad, th0, args=(X, y, rho, shapes, act),
                                jac=True, method="BFGS",
                                options={"gtol": gtol, "maxiter": maxiter})
        val = float(res.fun)
        if best is None or val < best[1]:
            best = (sphere_params(res.x, shapes), val)
    assert best is not None
    return best


# ------------------------------------------------------------------ GD (log-space, reparametrised)


def normalized_gd(X: Any, y: Any, W0: relunet.Net, act: str, steps: int, lr: float,
                  every: int = 1, method: str = "gd") -> list[tuple[float, list[np.ndarray]]]:
    """Gradient descent on the exponential loss in the time-reparametrised form
    W ← W − lr ∇L/L (the orbit of the flow Ẇ = −∇L, catalog §0 'log-space'), on the arrays'
    backend; ``method="wn"`` runs weight normalisation W_k = g_k v_k/‖v_k‖ ([004] (8)–(9))
    with the same normalised loss. Records (ρ = ∏_k ‖W_k‖_F, W as NumPy) every ``every``
    steps."""
    xp = namespace(X, y, *W0)
    W = list(W0)
    g = [xp.sqrt(xp.sum(Wk * Wk)) for Wk in W]
    v = [Wk / gk for Wk, gk in zip(W, g, strict=True)]
    out = []
    for s in range(steps):
        G = relunet.grad_loss(W, X, y, act, normalized=True)
        gn = float(to_numpy(xp.sqrt(sum(xp.sum(Gk * Gk) for Gk in G))))
        lr_t = lr / max(1.0, gn)
        if method == "gd":
            W = [Wk - lr_t * Gk for Wk, Gk in zip(W, G, strict=True)]
        else:
            ng, nv = [], []
            for gk, vk, Gk in zip(g, v, G, strict=True):
                nrm = xp.sqrt(xp.sum(vk * vk))
                u = vk / nrm
                dg = xp.sum(u * Gk)
                dv = (gk / nrm) * (Gk - dg * u)
                ng.append(gk - lr_t * dg)
                nv.append(vk - lr_t * dv)
            g, v = ng, nv
            W = [gk * vk / xp.sqrt(xp.sum(vk * vk)) for gk, vk in zip(g, v, strict=True)]
        if s % every == 0 or s == steps - 1:
            Wn = [to_numpy(Wk) for Wk in W]
            out.append((float(np.prod([np.linalg.norm(Wk) for Wk in Wn])), Wn))
    return out


def normalized_margin(W: relunet.Net, X: np.ndarray, y: np.ndarray, act: str) -> float:
    """min_n y_n f̃(x_n) with f̃ = f(V), V_k = W_k/‖W_k‖_F ([002] §2, eq. (39))."""
    _, V = relunet.normalize(W)
    return float(np.min(relunet.margins(V, X, y, act)))


# ------------------------------------------------------------------ probabilistic bounds


def rademacher_exact(F: np.ndarray) -> float:
    """Empirical Rademacher average E_σ max_j (1/N) Σ_i σ_i F[j, i] of a finite class (rows of
    F are the functions' values on the sample), by enumerating all 2^N sign vectors."""
    N = F.shape[1]
    S = np.array(list(itertools.product((-1.0, 1.0), repeat=N)))
    return float(np.mean(np.max(S @ F.T, axis=1)) / N)


def rademacher_mc(F: np.ndarray, rng: np.random.Generator, draws: int,
                  alpha: float) -> tuple[float, float, float]:
    """Monte-Carlo estimate of the empirical Rademacher average E_σ max_j (1/N)σ·F_j of a finite
    class (rows of F) from ``draws`` sign vectors, with a two-sided confidence interval: as
    a function of σ, max_j σ·F_j/N has bounded differences 2m/N (m = max|F|), so each draw
    is sub-Gaussian with variance proxy m²/N (McDiarmid) and the mean of the draws is within
    m√(2 ln(2/α)/(N·draws)) of the exact average with probability ≥ 1 − α.
    Returns (estimate, lower, upper)."""
    N = F.shape[1]
    S = (rng.integers(0, 2, size=(draws, N), dtype=np.int8) * 2 - 1).astype(np.float64)
    # einsum, not BLAS: tiny products, and no thread start-up cost on a loaded machine
    est = float(np.mean(np.max(np.einsum("sn,jn->sj", S, F), axis=1)) / N)
    hw = float(np.max(np.abs(F))) * math.sqrt(2 * math.log(2 / alpha) / (N * draws))
    return est, est - hw, est + hw


def cp_bounds(F: int, T: int, level: float) -> tuple[float, float]:
    """One-sided Clopper–Pearson (lower, upper) bounds, each at ``level``, on a rate F/T."""
    lo = 0.0 if F == 0 else float(stats.beta.ppf(level, F, T - F + 1))
    hi = 1.0 if F >= T else float(stats.beta.isf(level, F + 1, T - F))
    return lo, hi


def slope_ci(x: np.ndarray, yv: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Least-squares slope of yv on x with its two-sided ``level`` t confidence interval."""
    r = stats.linregress(x, yv)
    q = float(stats.t.ppf(0.5 + level / 2, len(x) - 2))
    return float(r.slope), float(r.slope - q * r.stderr), float(r.slope + q * r.stderr)
