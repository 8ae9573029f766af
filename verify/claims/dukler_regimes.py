"""Dukler et al.: the two regimes of Λ = V/α² + G, WN as a natural-gradient re-parametrization,
the optimal α*, fast convergence (Prop. 2), the ICLR discussion (§6) and App. F.

Claims: ``dukler.natgrad`` (ICML l.271–292), ``dukler.natgrad.alphastar`` (l.292),
``dukler.prop2`` (l.294–304), ``dukler.claim.regimes_sec3`` (ICML l.178–180, l.203; ICLR
l.534–546, 599–604), ``dukler.sec6`` (ICLR l.834–885) and ``dukler.appF`` (ICLR l.4164–4240).

Measures of "dominance" of the two terms of Λ(α) = V/α² + G: the ratios (measure of V/α²) /
(measure of G) for the trace, the spectral norm, the least eigenvalue and the quadratic form
rᵀ·r (the share of −dL/dt, eq. (3.5)), and in training the share of the loss decrease made by
the v-updates. Every ratio is (its value at α = 1)/α², so each measure has one crossover
α_× = √(ratio at α = 1); the trace crossover is √(d − 1) exactly (``derivations.natgrad``).

Runs of gradient descent use ``numeric.regimes`` (array API); seeds come from
``ctx.rng(salt)`` with salts 2000–2199. App. F reads MNIST from ``wnverify audit --data
FILE`` (or the environment variable ``WNVERIFY_DATA``; an IDX directory/file or .npz, see
``numeric.data``) and otherwise the digits bundled with scikit-learn.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from typing import Any

import mpmath as mp
import numpy as np

from derivations import natgrad as dn
from numeric import ntk, wn
from numeric import regimes as R
from numeric._backend import indicator, namespace, to_numpy
from numeric.data import check_points, load_digits_pair, load_mnist_pair
from verify import highprec as hp
from verify.api import Implementation, Variant, experiment, implements, prop, statistical
from verify.api import symbolic as symbolic_check
from verify.claims import _dukler as D
from verify.claims.dukler_kernels import lowering_tolerance
from verify.claims.dukler_ntk import _hp_gram, hp_jacobian
from verify.context import Context
from verify.highprec import mp_kernels
from verify.plots import line, plot_spec
from verify.props import HP_DIGITS, Outcome, Recheck, jsonable, run_property
from verify.stats import cp_bounds, slope_fit
from verify.symbolic import run_symbolic
from verify.tolerance import eps, gamma
from verify.verdicts import Evidence

FALSE_ALARM = 0.01  # one-sided Clopper–Pearson level of every binomial test here
DELTA = 0.05  # the failure probability δ the probabilistic statements are tested at
_CACHE: dict[tuple[Any, ...], Any] = {}


# --------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------


def _ev(method: str, verdict: str, scope: str, t0: float, ctx: Context, **kw: Any) -> Evidence:
    details = kw.pop("details", {})
    return Evidence(method=method, verdict=verdict, scope=scope, seed=ctx.seed,
                    seconds=time.perf_counter() - t0,
                    details=jsonable(details), **kw)


def _cached(key: tuple[Any, ...], fn: Callable[[], Any]) -> Any:
    if key not in _CACHE:
        _CACHE[key] = fn()
    return _CACHE[key]


def _ctx_key(ctx: Context) -> tuple[Any, ...]:
    return (ctx.scale, ctx.backend, ctx.seed)


def slope_ci(x: np.ndarray, y: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Least-squares slope of y on x with its two-sided t confidence interval
    (:func:`verify.stats.slope_fit`): (slope, lo, hi)."""
    fit = slope_fit(x, y, level)
    return fit.slope, fit.lo, fit.hi


def unit_rows(X: np.ndarray) -> np.ndarray:
    nr = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(nr > 0, nr, 1.0)


def sphere(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    return unit_rows(rng.standard_normal((n, d)))


def pairs_data(rng: np.random.Generator, n: int, d: int, angle: float = 0.3) -> np.ndarray:
    """n unit vectors in R^d: n/2 random points and, for each, a partner at angle ``angle``
    (a harder, worse-conditioned geometry; no two points parallel: Assumption 1)."""
    X = sphere(rng, n, d)
    h = n // 2
    for i in range(h, n):
        z = rng.standard_normal(d)
        base = X[i - h]
        z -= (z @ base) * base
        X[i] = math.cos(angle) * base + math.sin(angle) * z / np.linalg.norm(z)
    return unit_rows(X)


def subspace_data(rng: np.random.Generator, n: int, d: int, k: int = 3) -> np.ndarray:
    """n unit vectors of a random k-dimensional subspace of R^d."""
    Q, _ = np.linalg.qr(rng.standard_normal((d, k)))
    return sphere(rng, n, k) @ Q.T


def orthonormal(n: int, d: int) -> np.ndarray:
    return np.eye(d)[:n]


def infinite(X: np.ndarray, ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(H∞, V∞, G∞) as NumPy arrays (``numeric.ntk.gram_infinite`` on the run's backend)."""
    H, V, G = ntk.gram_infinite(ctx.asarray(X))
    return to_numpy(H), to_numpy(V), to_numpy(G)


def mp_eigs(M: Any) -> list[Any]:
    with mp.workdps(HP_DIGITS):
        return sorted(mp.eigsy(M, eigvals_only=True))


def mp_lambda(mats: dict[str, Any], alpha: float | None) -> Any:
    """Λ∞(α) = V∞/α² + G∞ at 50 digits; α = None: V∞ (the α → 0 direction); α = inf: G∞."""
    with mp.workdps(HP_DIGITS):
        if alpha is None:
            return mats["V"]
        if math.isinf(alpha):
            return mats["G"]
        return mats["V"] / mp.mpf(alpha) ** 2 + mats["G"]


def kernel_error(X: np.ndarray, alpha: float | None) -> float:
    """A bound on |Δλ| for the float64 eigenvalues of Λ∞(α): the Frobenius norm of the
    entrywise lowering bound of ``gram_infinite`` (``dukler_kernels.lowering_tolerance``)
    plus the backward error 4n²·u·‖Λ‖_F of the symmetric eigensolver (Weyl)."""
    _, tV, tG = lowering_tolerance(X)
    if alpha is None:
        T = tV
    elif math.isinf(alpha):
        T = tG
    else:
        T = tV / alpha**2 + tG
    n = X.shape[0]
    _, Vi, Gi = (np.asarray(a) for a in ntk.gram_infinite(X))
    L = Vi if alpha is None else (Gi if math.isinf(alpha) else Vi / alpha**2 + Gi)
    return float(np.linalg.norm(T) + 4 * n * n * eps() / 2 * np.linalg.norm(L))


def kappa_of(L: np.ndarray, err: float) -> tuple[float, float]:
    """(κ, bound on |Δκ|) of a PSD matrix from float eigenvalues with error ≤ err."""
    e = R.sym_eigvalsh(L)
    lo, hi = float(e[0]), float(e[-1])
    k = lo / hi
    return k, (err + k * err) / max(hi - err, 1e-300)


# --------------------------------------------------------------------------------------
# dukler.natgrad
# --------------------------------------------------------------------------------------

NG_SCOPE = ("FD Jacobian of (1.2) w.r.t. (V, g) at init and generic states (g_k > 0), away "
            "from ReLU kinks; n <= 5, d <= 6, m <= 10, alpha in [1e-3, 1e3]")
NG_SIZES = {"n": (1, 5), "d": (2, 6), "m": (1, 10)}


def _s_params(variant: Variant) -> dict[str, Any]:
    return {"proj_power": variant["proj_power"], "scale": variant.get("scale", True),
            "aligned": variant.get("aligned", True)}


def jnj_xp(inst: D.Instance, ctx: Context, proj_power: int, scale: bool, aligned: bool
           ) -> tuple[Any, np.ndarray]:
    """(J N Jᵀ, Σ|summands|): J the Jacobian of network (1.1) at w_k = g_k v_k/‖v_k‖
    (J_ik = m^{-1/2} c_k 1{w_kᵀx_i ≥ 0} x_i), N = blockdiag(S_k S_kᵀ) for the variant's
    S_k = [β_k(I − v_k v_kᵀ/‖v_k‖^p), a·u_k]. With Q_ik = v_kᵀx_i and P_ik = u_kᵀx_i:
      x_iᵀS_kS_kᵀx_j = β_k²[x_iᵀx_j − ω_k Q_ik Q_jk] + a P_ik P_jk,
      ω_k = 2/‖v_k‖^p − ‖v_k‖^{2−2p}   ((I − γvvᵀ)² = I − (2γ − γ²‖v‖²)vvᵀ),
    so J N Jᵀ is a sum of n×m matrix products (no n×m×d tensor)."""
    xp = ctx.xp
    X, _, V, g, c = inst.on(ctx)
    nv = xp.linalg.vector_norm(V, axis=1)
    Q = X @ V.T
    P = Q / nv[None, :]
    A = indicator(Q * g[None, :], xp)
    beta2 = (g / nv) ** 2 if scale else xp.ones_like(nv)
    omega = 2 / nv**proj_power - nv ** (2 - 2 * proj_power)
    c2 = c * c
    K = X @ X.T
    AQ, AP = A * Q, A * P
    out = K * ((A * (c2 * beta2)) @ A.T) - (AQ * (c2 * beta2 * omega)) @ AQ.T
    if aligned:
        out = out + (AP * c2) @ AP.T
    m = inst.m
    nvn = np.linalg.norm(inst.V, axis=1)
    b2 = (inst.g / nvn) ** 2 if scale else np.ones(m)
    om = np.abs(2 / nvn**proj_power - nvn ** (2 - 2 * proj_power))
    r = np.linalg.norm(inst.X, axis=1)
    w = b2 * (1 + om * nvn**2) + (1.0 if aligned else 0.0)
    absum = float(np.mean(w)) * np.outer(r, r)
    return out / m, absum


def _hp_jnj(inst: D.Instance, proj_power: int, scale: bool, aligned: bool
            ) -> dict[tuple[int, int], Any]:
    """J N Jᵀ at 50 digits (same formula as :func:`jnj_xp`)."""
    with hp.workdps():
        X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
        g, c = hp.mpf_vector(inst.g), hp.mpf_vector(inst.c)
        n, m = inst.n, inst.m
        out = {(i, j): mp.mpf(0) for i in range(n) for j in range(n)}
        for k in range(m):
            nv = hp.norm(V[k])
            Q = [hp.dot(V[k], x) for x in X]
            A = [1 if g[k] * q >= 0 else 0 for q in Q]
            b2 = (g[k] / nv) ** 2 if scale else mp.mpf(1)
            om = 2 / nv**proj_power - nv ** (2 - 2 * proj_power)
            for i in range(n):
                for j in range(n):
                    if not (A[i] and A[j]):
                        continue
                    t = b2 * (hp.dot(X[i], X[j]) - om * Q[i] * Q[j])
                    if aligned:
                        t += Q[i] * Q[j] / nv**2
                    out[i, j] += c[k] ** 2 * t
        return {ij: v / m for ij, v in out.items()}


def _worst_ratio(diff: np.ndarray, tol: np.ndarray) -> tuple[float, float, tuple[int, int]]:
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(tol > 0, diff / tol, np.where(diff > 0, np.inf, 0.0))
    idx = np.unravel_index(int(np.argmax(ratio)), ratio.shape)
    return float(diff[idx]), float(tol[idx]), (int(idx[0]), int(idx[1]))


def _natgrad_property(salt: int) -> Callable[[Variant, Context], Evidence]:
    """Λ = K Kᵀ (K = ∂f/∂(V, g) by finite differences) = J S Sᵀ Jᵀ = J N Jᵀ for the variant's
    S_k, and J N Jᵀ = V/α² + G of (3.3), (3.4) (``numeric.ntk.gram``), entrywise."""

    def check(variant: Variant, ctx: Context) -> Evidence:
        kw = _s_params(variant)
        xp = ctx.xp

        def float_side(inst: D.Instance) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                   np.ndarray]:
            J, E = D.wn_jacobian(inst, ctx, "all")
            JJ, bound = D.gram_of_jacobian(J, E, xp)
            K, absum = jnj_xp(inst, ctx, **kw)
            X, _, V, g, c = inst.on(ctx)
            _, Vg, G = ntk.gram(X, V, g, c, inst.alpha)
            lam = to_numpy(Vg) / inst.alpha**2 + to_numpy(G)
            rnd = 2 * gamma(inst.d + inst.m + 8) * absum
            r = np.linalg.norm(inst.X, axis=1)
            s2 = (inst.g / np.linalg.norm(inst.V, axis=1)) ** 2
            rnd_lam = 4 * gamma(inst.d + inst.m + 8) * float(np.mean(s2 + 1)) * np.outer(r, r)
            return (to_numpy(JJ), to_numpy(K), lam,
                    np.stack([to_numpy(bound) + rnd, rnd + rnd_lam]))

        def body(ex: dict[str, Any]) -> Outcome:
            inst = D.build(ex)
            D.assume_away_from_kinks(inst)
            JJ, K, lam, tol = float_side(inst)
            e1 = _worst_ratio(np.abs(JJ - K), tol[0])
            e2 = _worst_ratio(np.abs(K - lam), tol[1])
            r1 = e1[0] / e1[1] if e1[1] > 0 else math.inf * (e1[0] > 0)
            r2 = e2[0] / e2[1] if e2[1] > 0 else math.inf * (e2[0] > 0)
            if r1 >= r2:
                return Outcome(e1[0], e1[1], {"identity": "K K^T = J N J^T",
                                              "entry": list(e1[2])})
            return Outcome(e2[0], e2[1], {"identity": "J N J^T = V/alpha^2 + G",
                                          "entry": list(e2[2])})

        def recheck(ex: dict[str, Any]) -> Recheck:
            inst = D.build(ex)
            _, _, _, tol = float_side(inst)
            jnj = _hp_jnj(inst, **kw)
            KK = _hp_gram(hp_jacobian(inst, "all"))
            with hp.workdps():
                diff = {ij: KK[ij] - jnj[ij] for ij in jnj}
            key = max(diff, key=lambda ij: abs(float(diff[ij])) / tol[0][ij])
            return Recheck(residual=hp.to_str(diff[key]), threshold=float(tol[0][key]),
                           note=f"J N J^T against the true Lambda = K K^T (= V/alpha^2 + G, "
                                f"eq. (3.5)) at 50 digits, K by 50-digit central differences; "
                                f"entry {list(key)}")

        ev = run_property(ctx, strategy=D.instances(**NG_SIZES), body=body, recheck=recheck,
                          salt=salt, max_examples=ctx.pick(25, 200), scope=NG_SCOPE,
                          sizes={k: list(v) for k, v in NG_SIZES.items()})
        ev.details["check"] = "ntk_factorization"
        ev.details["notation"] = NG_NOTATION
        return ev

    return check


def _natgrad_alpha1(salt: int) -> Callable[[Variant, Context], Evidence]:
    """At initialization (2.4) with α = 1: J N(1) Jᵀ equals H(0) of (3.6) (training without
    normalization), entrywise."""

    def check(variant: Variant, ctx: Context) -> Evidence:
        kw = _s_params(variant)

        def float_side(inst: D.Instance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            X, _, V, g, _ = inst.on(ctx)
            K, absum = jnj_xp(inst, ctx, **kw)
            W = (g / ctx.xp.linalg.vector_norm(V, axis=1))[:, None] * V
            H = to_numpy(ntk.gram_H(X, W))
            r = np.linalg.norm(inst.X, axis=1)
            # g_k = fl(‖v_k‖/α): β_k² = 1 + O(γ_{d+2}); plus the rounding of both kernels
            tol = (2 * gamma(inst.d + inst.m + 8) * absum + 3 * gamma(inst.d + 3) *
                   np.outer(r, r) * 2 + 2 * gamma(inst.d + inst.m + 4) * np.outer(r, r))
            return to_numpy(K), H, tol

        def body(ex: dict[str, Any]) -> Outcome:
            inst = D.build(ex)
            K, H, tol = float_side(inst)
            e = _worst_ratio(np.abs(K - H), tol)
            return Outcome(e[0], e[1], {"entry": list(e[2])})

        def recheck(ex: dict[str, Any]) -> Recheck:
            inst = D.build(ex)
            _, _, tol = float_side(inst)
            jnj = _hp_jnj(inst, **kw)
            with hp.workdps():
                X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
                Hm = {}
                for i, j in jnj:
                    acc = mp.mpf(0)
                    for k in range(inst.m):
                        if hp.dot(V[k], X[i]) >= 0 and hp.dot(V[k], X[j]) >= 0:
                            acc += hp.dot(X[i], X[j])
                    Hm[i, j] = acc / inst.m
                diff = {ij: jnj[ij] - Hm[ij] for ij in jnj}
            key = max(diff, key=lambda ij: abs(float(diff[ij])) / tol[ij])
            return Recheck(residual=hp.to_str(diff[key]), threshold=float(tol[key]),
                           note=f"J N(1) J^T - H(0) at 50 digits; entry {list(key)}")

        strategy = D.instances(**NG_SIZES, alpha=(0.0, 0.0), states=("init",))
        ev = run_property(ctx, strategy=strategy, body=body, recheck=recheck, salt=salt,
                          max_examples=ctx.pick(25, 200),
                          scope="alpha = 1 at init (2.4), all data geometries (kinks included: "
                                "both sides use 1{v_k^T x_i >= 0}); n <= 5, d <= 6, m <= 10",
                          sizes={k: list(v) for k, v in NG_SIZES.items()} | {"alpha": 1.0})
        ev.details["check"] = "alpha1"
        return ev

    return check


def _natgrad_symbolic(variant: Variant, ctx: Context) -> Evidence:
    kw = _s_params(variant)
    ev = run_symbolic(ctx, lambda: dn.natgrad(**kw),
                      "Jacobian: symbolic entries, d in 2..6; Lambda = J S S^T J^T = V/alpha^2 "
                      "+ G: one neuron, two data points, fixed activation region, d in {2, 3}; "
                      "N(1) = I at init: d in 2..4",
                      sizes={"d": [2, 3, 4, 5, 6]})
    ev.details["notation"] = NG_NOTATION
    return ev


NG_NOTATION = (
    "As printed, S_k = [A, b] is d x (d+1) (= dw_k/d(v_k, g_k)); then K = J S (not J S^T) and "
    "Lambda = J S S^T J^T = J N J^T with N = S S^T. The printed 'K = J S^T, Lambda = J S^T S "
    "J^T' conforms only if S is stored transposed, and then 'N = S S^T' does not: the two "
    "displays cannot both conform. Checked in the conformable order (no entry changes). The "
    "'t' in 'S = [S_1, ..., tS_m]' is read as a typo."
)
NG_PRINTED_TEX = (
    r"\boldsymbol\Lambda=\mathbf K\mathbf K^\top,\ \mathbf K=\mathbf J\mathbf S^\top;\ "
    r"\boldsymbol\Lambda=\mathbf J\mathbf S^\top\mathbf S\mathbf J^\top,\ \mathbf S_k=\Big["
    r"\frac{g_k}{\|\mathbf v_k\|_2}\Big(\mathbf I-\frac{\mathbf v_k\mathbf v_k^\top}{\|\mathbf "
    r"v_k\|_2}\Big),\frac{\mathbf v_k}{\|\mathbf v_k\|_2}\Big];\ \boldsymbol\Lambda(\alpha)="
    r"\frac1{\alpha^2}\mathbf V+\mathbf G=\mathbf J\mathbf N(\alpha)\mathbf J^\top,\ \mathbf N"
    r"(\alpha):=\mathbf S\mathbf S^\top;\ \alpha=1:\ \text{training without normalization}"
)
NG_CORRECTED_TEX = (
    r"\mathbf S_k=\frac{\partial\mathbf w_k}{\partial(\mathbf v_k,g_k)}=\Big[\frac{g_k}{\|"
    r"\mathbf v_k\|_2}\Big(\mathbf I-\frac{\mathbf v_k\mathbf v_k^\top}{\|\mathbf v_k\|_2^2}"
    r"\Big),\frac{\mathbf v_k}{\|\mathbf v_k\|_2}\Big]\in\mathbb R^{d\times(d+1)},\ \mathbf K="
    r"\mathbf J\mathbf S,\ \boldsymbol\Lambda=\mathbf K\mathbf K^\top=\mathbf J\mathbf S\mathbf "
    r"S^\top\mathbf J^\top=\mathbf J\mathbf N(\alpha)\mathbf J^\top=\frac{\mathbf V}{\alpha^2}+"
    r"\mathbf G,\ \mathbf N(\alpha)=\mathbf S\mathbf S^\top;\ \text{at (2.4) with }\alpha=1:\ "
    r"\mathbf N(1)=\mathbf I,\ \mathbf J\mathbf N(1)\mathbf J^\top=\mathbf H(0)"
)


@implements("dukler.natgrad")
def _natgrad() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", NG_PRINTED_TEX, {"proj_power": 1}),
        corrected=Variant("corrected", NG_CORRECTED_TEX, {"proj_power": 2}),
        checks=[
            symbolic_check("symbolic", _natgrad_symbolic),
            prop("ntk_factorization", _natgrad_property(2001)),
            prop("alpha1", _natgrad_alpha1(2002)),
        ],
        perturbations=[
            Variant("no_scale", r"\mathbf S_k=\Big[\mathbf I-\frac{\mathbf v_k\mathbf v_k^\top}"
                    r"{\|\mathbf v_k\|_2^2},\frac{\mathbf v_k}{\|\mathbf v_k\|_2}\Big]",
                    {"proj_power": 2, "scale": False}),
            Variant("no_aligned", r"\mathbf S_k=\Big[\frac{g_k}{\|\mathbf v_k\|_2}\Big(\mathbf I-"
                    r"\frac{\mathbf v_k\mathbf v_k^\top}{\|\mathbf v_k\|_2^2}\Big),\mathbf 0\Big]",
                    {"proj_power": 2, "aligned": False}),
        ],
        # at alpha = 1 and init g_k/||v_k|| = 1, so dropping the factor is invisible there
        rejected_by={"no_scale": ("symbolic", "ntk_factorization"),
                     "no_aligned": ("symbolic", "ntk_factorization", "alpha1")},
        notes="Printed S_k has ||v_k||_2 where the Jacobian of w = g v/||v|| has ||v_k||_2^2; "
              + NG_NOTATION,
    )


# --------------------------------------------------------------------------------------
# dukler.natgrad.alphastar
# --------------------------------------------------------------------------------------

GRID = np.logspace(-2, 2, 401)  # contains α = 1 exactly at index 200


def alphastar_instances(ctx: Context, salt: int) -> list[tuple[str, np.ndarray]]:
    rng = ctx.rng(salt)
    return [
        ("orthonormal n=5, d=50", orthonormal(5, 50)),
        ("sphere n=5, d=3", sphere(rng, 5, 3)),
        ("sphere n=10, d=10", sphere(rng, 10, 10)),
        ("sphere n=10, d=50", sphere(rng, 10, 50)),
        ("pairs n=10, d=50", pairs_data(rng, 10, 50)),
        ("3-dim subspace n=6, d=50", subspace_data(rng, 6, 50)),
    ]


def kappa_profile(X: np.ndarray, ctx: Context) -> dict[str, Any]:
    """κ on GRID, the limits κ(0+) = κ(V∞) and κ(∞) = κ(G∞), κ(1) = κ(H∞), with error bounds."""
    _, Vi, Gi = infinite(X, ctx)
    ks, errs = [], []
    for a in GRID:
        k, e = kappa_of(Vi / a**2 + Gi, kernel_error(X, float(a)))
        ks.append(k)
        errs.append(e)
    k0, e0 = kappa_of(Vi, kernel_error(X, None))
    kinf, einf = kappa_of(Gi, kernel_error(X, math.inf))
    i1 = int(np.argmin(np.abs(GRID - 1.0)))
    return {"kappa": np.array(ks), "err": np.array(errs), "k0": k0, "e0": e0, "kinf": kinf,
            "einf": einf, "k1": ks[i1], "e1": errs[i1], "i1": i1}


def alphastar_decide(p: dict[str, Any], relation: str) -> tuple[bool, dict[str, Any]]:
    """Whether the variant's relation holds for one κ profile, and the facts used.

    geq (printed): sup κ ≥ κ(1); if the sup is approached at an end (α → 0 or ∞), the
    finite grid end α* (1e-2 or 1e2) already has κ(α*) ≥ κ(1) ("one may fix α* ≪ 1 or ≫ 1").
    gt: sup κ > κ(1) (WN strictly faster). ends_only: the sup is never a proper interior
    maximum. at_one: κ(α) ≤ κ(1) for every α (un-normalized training optimal).
    """
    k, e = p["kappa"], p["err"]
    j = int(np.argmax(k))
    kmax, emax = float(k[j]), float(e[j])
    end_val = max(p["k0"], p["kinf"])
    end_err = p["e0"] if p["k0"] >= p["kinf"] else p["einf"]
    tol1 = p["e1"]
    interior = (0 < j < len(k) - 1) and kmax > end_val + emax + end_err
    sup = max(kmax, end_val)
    facts = {
        "curve": {"alpha": GRID[::10].tolist(), "kappa": k[::10].tolist()},
        "argmax_alpha": float(GRID[j]), "kappa_max_grid": kmax, "kappa_0plus": p["k0"],
        "kappa_inf": p["kinf"], "kappa_1": p["k1"], "proper_interior_max": bool(interior),
        "gain_over_alpha1": sup / p["k1"] - 1,
    }
    if relation == "geq":
        ok = sup >= p["k1"] - tol1 - max(emax, end_err)
        if not interior and end_val > kmax:
            end_k = float(k[0] if p["k0"] >= p["kinf"] else k[-1])
            end_e = float(e[0] if p["k0"] >= p["kinf"] else e[-1])
            facts["finite_end_alpha"] = float(GRID[0] if p["k0"] >= p["kinf"] else GRID[-1])
            facts["kappa_finite_end"] = end_k
            ok = ok and end_k >= p["k1"] - tol1 - end_e
        return bool(ok), facts
    if relation == "gt":
        return bool(sup > p["k1"] + tol1 + max(emax, end_err)), facts
    if relation == "ends_only":
        return bool(not interior), facts
    if relation == "at_one":
        return bool(sup <= p["k1"] + tol1 + max(emax, end_err)), facts
    raise ValueError(f"unknown relation {relation!r}")


def _alphastar_recheck(X: np.ndarray, facts: dict[str, Any]) -> dict[str, str]:
    """κ(1), κ at the grid argmax and the two limits at 50 digits (closed forms, mp.eigsy)."""
    mats = mp_kernels(X)
    out = {}
    with mp.workdps(HP_DIGITS):
        for name, a in (("kappa_1", 1.0), ("kappa_argmax", facts["argmax_alpha"]),
                        ("kappa_0plus", None), ("kappa_inf", math.inf)):
            E = mp_eigs(mp_lambda(mats, a))
            out[name] = mp.nstr(E[0] / E[-1], 20)
    return out


def _alphastar_grid(salt: int) -> Callable[[Variant, Context], Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        relation = variant["relation"]
        rows, fail = [], None
        for name, X in alphastar_instances(ctx, salt):
            p = kappa_profile(X, ctx)
            ok, facts = alphastar_decide(p, relation)
            facts["instance"] = name
            facts["holds"] = ok
            rows.append(facts)
            if not ok and fail is None:
                fail = (name, X, facts)
        details: dict[str, Any] = {
            "rate": "kappa(alpha) = lambda_min/lambda_max of V_inf/alpha^2 + G_inf: GD with step "
                    "1/||Lambda|| contracts the residual by 1 - kappa (the rate of Prop. 2 (1) "
                    "with eta_alpha* = O(1/||Lambda_alpha*||))",
            "grid": "401 log-spaced alpha in [1e-2, 1e2] (alpha = 1 included) and the limits "
                    "kappa(0+) = kappa(V_inf), kappa(oo) = kappa(G_inf)",
            "tolerance": "Weyl: |d lambda| <= ||entrywise lowering bound of gram_infinite||_F + "
                         "4 n^2 u ||Lambda||_F",
            "instances": rows,
        }
        verdict = "confirmed"
        if fail is not None:
            hp50 = _alphastar_recheck(fail[1], fail[2])
            ok50, _ = alphastar_decide({**kappa_profile(fail[1], ctx),
                                        "k1": float(hp50["kappa_1"]), "e1": 0.0,
                                        "k0": float(hp50["kappa_0plus"]), "e0": 0.0,
                                        "kinf": float(hp50["kappa_inf"]), "einf": 0.0},
                                       relation)
            verdict = "inconclusive" if ok50 else "refuted"
            details["counterexample"] = {"instance": fail[0], **fail[2], "recheck_50": hp50,
                                         "confirmed": not ok50}
            if ok50:
                details["why"] = "float failure not confirmed by the 50-digit kappa values"
        return _ev("property", verdict, "infinite-width kernels (closed forms) of six data "
                   "sets: orthonormal, unit sphere (d = 3, 10, 50), pairs at 0.3 rad (d = 50), "
                   "a 3-dim subspace of R^50", t0, ctx, examples=len(rows),
                   sizes={"grid": len(GRID)}, details=details)

    return check


def interior_instance(ctx: Context, salt: int, tries: int = 300
                      ) -> tuple[np.ndarray, float, dict[str, float]] | None:
    """A data set (n = 3 unit vectors in d = 3, drawn from ctx.rng(salt)) whose κ(α) has a
    proper interior maximum at least 20% above κ(1) and 5% above both limits (coarse 41-point
    scan), with that α*; None if none among ``tries`` draws."""
    rng = ctx.rng(salt)
    grid = np.logspace(-2, 2, 41)
    for t in range(tries):
        X = sphere(rng, 3, 3)
        _, Vi, Gi = infinite(X, ctx)
        k = R.kappa_curve(Vi, Gi, grid)
        j = int(np.argmax(k))
        k1 = R.kappa(Vi, Gi, 1.0)
        ends = max(kappa_of(Vi, 0.0)[0], kappa_of(Gi, 0.0)[0])
        if 0 < j < len(grid) - 1 and k[j] > 1.05 * ends and k[j] > 1.2 * k1:
            return X, float(grid[j]), {"draw": t, "kappa_star": float(k[j]), "kappa_1": k1,
                                       "kappa_ends_max": ends}
    return None


def _alphastar_training(salt: int) -> Callable[[Variant, Context], Evidence]:
    """The rate κ(α) against training: GD at α = 1 and at α* (η = 1/(3‖Λ(0)‖₂)); the measured
    asymptotic per-step decay of log loss (fitted slope with its 95% interval) is compared
    between the two, seed by seed; binomial test of the failures against δ (CP 1%)."""

    def run(ctx: Context) -> dict[str, Any] | None:
        found = interior_instance(ctx, salt)
        if found is None:
            return None
        X, a_star, info = found
        rng = ctx.rng(salt + 1)
        y = rng.uniform(-1, 1, 3)
        T, m, K = ctx.pick(3, 10), ctx.pick(2000, 8000), 200
        Xx, yx = ctx.asarray(X), ctx.asarray(y)
        rows = []
        for _ in range(T):
            Z, g0, c = coupled_init(ctx, m, 3, int(rng.integers(2**32)))
            row = {}
            for name, a in (("alpha1", 1.0), ("alpha_star", a_star)):
                V, g, cx = ctx.asarray(a * Z), ctx.asarray(g0), ctx.asarray(c)
                _, Vk, G = R.effective_kernels(Xx, V, g, cx)
                e = R.sym_eigvalsh(to_numpy(Vk) + to_numpy(G))
                eta = 1 / (3 * float(e[-1]))
                tr, _, _ = R.train_wn(Xx, yx, V, g, cx, eta, K, track=False)
                L = tr.loss / tr.loss[0]
                w = np.flatnonzero((L < 1e-3) & (L > 1e-25))
                sl, lo, hi = slope_ci(w.astype(float), np.log(L[w]))
                row[name] = {"rate": -sl, "rate_ci": [-hi, -lo], "steps_fitted": int(w.size),
                             "kappa_finite_width": float(e[0] / e[-1]),
                             "predicted_rate": -2 * math.log(1 - float(e[0] / e[-1]) / 3)}
            rows.append(row)
        return {"X": X, "alpha_star": a_star, "info": info, "rows": rows, "m": m, "T": T}

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        res = _cached(("alphastar_training", *_ctx_key(ctx)), lambda: run(ctx))
        if res is None:
            return _ev("statistical", "inconclusive", "no draw with an interior maximum", t0,
                       ctx, details={"why": "no data set with a proper interior maximum of "
                                            "kappa found in 300 draws"})
        relation = variant["relation"]
        fails = 0
        for row in res["rows"]:
            lo_s, hi_s = row["alpha_star"]["rate_ci"]
            lo_1, hi_1 = row["alpha1"]["rate_ci"]
            faster = lo_s > hi_1  # significantly faster at alpha*
            slower = hi_s < lo_1  # significantly slower at alpha*
            if relation == "at_one":
                fails += int(faster)
            elif relation == "gt":
                fails += int(not faster)
            else:
                fails += int(slower)
        lo, hi = cp_bounds(fails, res["T"], FALSE_ALARM)
        verdict = "refuted" if lo > DELTA else "confirmed"
        details = {
            "design": f"n = 3 unit vectors in d = 3 with an interior maximum of kappa at alpha* "
                      f"= {res['alpha_star']:.4g} ({res['info']}); m = {res['m']}, T = "
                      f"{res['T']} seeds, GD 200 steps with eta = 1/(3||Lambda(0)||); rate = "
                      "-slope of log loss over loss/loss(0) in (1e-25, 1e-3); a seed fails when "
                      "the 95% intervals separate in the direction the statement excludes",
            "per_seed": res["rows"], "failures": fails, "trials": res["T"],
            "cp_lower_99": lo, "cp_upper_99": hi, "delta": DELTA,
            "false_alarm_rate": FALSE_ALARM,
            "predicted_rate": "-2 log(1 - kappa(Lambda(0))/3) (loss contracts by "
                              "(1 - eta lambda_min)^2 per step)",
        }
        if verdict == "refuted":
            details["counterexample"] = {"failure_rate": fails / res["T"], "cp_lower_99": lo}
        return _ev("statistical", verdict, details["design"], t0, ctx, examples=res["T"],
                   sizes={"n": 3, "d": 3, "m": res["m"]}, details=details)

    return check


def _alphastar_symbolic(variant: Variant, ctx: Context) -> Evidence:
    return run_symbolic(ctx, lambda: dn.orthonormal_kappa(variant["relation"]),
                        "orthonormal data x_i = e_i, 2 <= n <= d (general n, d)")


AS_TEX = (
    r"\exists\alpha^*\ \text{maximizing the rate }\kappa(\alpha)=\lambda_{\min}/\lambda_{\max}"
    r"\big(\mathbf V^\infty/\alpha^2+\mathbf G^\infty\big):\ \text{a proper global maximum or "
    r"attained as }\alpha\to0\text{ or }\alpha\to\infty;\ \text{then some }\alpha^*\ll1\text{ or "
    r"}\gg1\text{ has }\kappa(\alpha^*)\ge\kappa(1)\ \text{(equal or faster than un-normalized)}"
)


@implements("dukler.natgrad.alphastar")
def _alphastar() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", AS_TEX, {"relation": "geq"}),
        checks=[symbolic_check("symbolic", _alphastar_symbolic),
                prop("kappa_grid", _alphastar_grid(2011)),
                statistical("training", _alphastar_training(2012))],
        perturbations=[
            Variant("strictly_faster", r"\exists\alpha^*:\ \kappa(\alpha^*)>\kappa(1)\ "
                    r"\text{(WN strictly faster for all data)}", {"relation": "gt"}),
            Variant("ends_only", r"\sup_\alpha\kappa\ \text{is never attained at a finite }"
                    r"\alpha", {"relation": "ends_only"}),
            Variant("alpha1_optimal", r"\kappa(\alpha)\le\kappa(1)\ \forall\alpha\ "
                    r"\text{(un-normalized training is optimal)}", {"relation": "at_one"}),
        ],
        rejected_by={"strictly_faster": ("symbolic", "kappa_grid"),
                     "ends_only": ("symbolic", "kappa_grid"),
                     "alpha1_optimal": ("kappa_grid", "training")},
        notes="The rate is read as kappa(alpha) (GD at step 1/||Lambda_alpha||); the flow rate "
              "lambda_min(Lambda_alpha) is decreasing in alpha (no interior optimum). For "
              "orthonormal data alpha* = 1 exactly; in d = 50 the best gain over alpha = 1 is "
              "a few percent (details: gain_over_alpha1).",
    )


# --------------------------------------------------------------------------------------
# dukler.claim.regimes_sec3
# --------------------------------------------------------------------------------------

MEASURES = ("trace", "spectral", "lambda_min")
REG_ALPHAS = (1e-3, 0.25, 0.5, 1.0, 2.0, 4.0, 1e3)


def regime_instances(ctx: Context, salt: int) -> list[tuple[str, np.ndarray]]:
    rng = ctx.rng(salt)
    return [("sphere n=10, d=3", sphere(rng, 10, 3)), ("sphere n=10, d=10", sphere(rng, 10, 10)),
            ("sphere n=10, d=50", sphere(rng, 10, 50)),
            ("orthonormal n=10, d=50", orthonormal(10, 50))]


def variant_boundary(boundary: str, measure: str, d: int, ratio1: float) -> float:
    """The α at which the variant says the dominance switches, for one measure."""
    if boundary == "one":
        return 1.0
    if boundary == "crossover":
        return math.sqrt(d - 1) if measure == "trace" else math.sqrt(ratio1)
    if boundary == "d_minus_1":
        return float(d - 1) if measure == "trace" else ratio1
    raise ValueError(f"unknown boundary {boundary!r}")


def predicted(alpha: float, b: float, small_alpha: str) -> str:
    below = small_alpha
    above = "G" if small_alpha == "V" else "V"
    return below if alpha < b else above


def _regime_symbolic(variant: Variant, ctx: Context) -> Evidence:
    return run_symbolic(ctx, lambda: dn.regime_boundary(variant["boundary"],
                                                        variant["small_alpha"]),
                        "trace measure at infinite width, general d >= 2 (exact)")


def _mp_ratios(X: np.ndarray) -> dict[str, Any]:
    mats = mp_kernels(X)
    n = X.shape[0]
    with mp.workdps(HP_DIGITS):
        eV, eG = mp_eigs(mats["V"]), mp_eigs(mats["G"])
        tV = mp.fsum(mats["V"][i, i] for i in range(n))
        tG = mp.fsum(mats["G"][i, i] for i in range(n))
        return {"trace": tV / tG, "spectral": eV[-1] / eG[-1], "lambda_min": eV[0] / eG[0]}


def _regime_kernels(salt: int) -> Callable[[Variant, Context], Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        bnd, small = variant["boundary"], variant["small_alpha"]
        rows: list[dict[str, Any]] = []
        fail: dict[str, Any] | None = None
        fail_key: tuple[bool, float] = (False, 0.0)
        m = ctx.pick(2000, 20000)
        rng = ctx.rng(salt + 100)
        for name, X in regime_instances(ctx, salt):
            d = X.shape[1]
            _, Vi, Gi = infinite(X, ctx)
            ratio1 = R.dominance_ratios(Vi, Gi, 1.0)
            rel = (kernel_error(X, None) / max(R.sym_eigvalsh(Vi)[0], 1e-300)
                   + kernel_error(X, math.inf) / max(R.sym_eigvalsh(Gi)[0], 1e-300))
            V0, g0, c0 = wn.init(m, d, 1.0, int(rng.integers(2**32)))
            _, Vk, Gk = R.effective_kernels(*(ctx.asarray(a) for a in (X, V0, g0, c0)))
            fin = R.dominance_ratios(Vk, Gk, 1.0)
            row: dict[str, Any] = {"instance": name, "d": d, "ratio_at_alpha1": ratio1,
                                   "crossover": {k: math.sqrt(v) for k, v in ratio1.items()},
                                   "finite_width_ratio_at_alpha1": fin, "m": m,
                                   "relative_error_bound": rel, "dominant": {}}
            for meas in MEASURES:
                b = variant_boundary(bnd, meas, d, ratio1[meas])
                for a in REG_ALPHAS:
                    rho = ratio1[meas] / a**2
                    if abs(rho - 1) <= rel * rho or a == b:
                        continue  # a tie, or the stated boundary itself (no claim there)
                    seen = "V" if rho > 1 else "G"
                    row["dominant"][f"{meas}@{a:g}"] = seen
                    if seen != predicted(a, b, small):
                        cand = {"instance": name, "measure": meas, "alpha": a, "ratio": rho,
                                "dominant": seen, "stated": predicted(a, b, small),
                                "stated_boundary": b, "X": X}
                        # report the trace measure first (exact closed form), then the
                        # largest disagreement
                        key = (meas == "trace", abs(math.log(rho)))
                        if fail is None or key > fail_key:
                            fail, fail_key = cand, key
            rows.append(row)
        details: dict[str, Any] = {
            "measures": "(measure of V/alpha^2)/(measure of G) for trace, spectral norm, least "
                        "eigenvalue; > 1: V-term dominates. Infinite-width closed forms decide; "
                        "finite-width ratios at init (m neurons) are reported",
            "alphas": list(REG_ALPHAS), "instances": rows,
            "plots": [_transition_plot(rows)],
        }
        verdict = "confirmed"
        if fail is not None:
            X = fail.pop("X")
            r50 = _mp_ratios(X)[fail["measure"]] / mp.mpf(fail["alpha"]) ** 2
            seen50 = "V" if r50 > 1 else "G"
            confirmed = seen50 != fail["stated"]
            verdict = "refuted" if confirmed else "inconclusive"
            details["counterexample"] = {**fail, "ratio_50_digits": mp.nstr(r50, 30),
                                         "confirmed": confirmed}
        return _ev("experiment", verdict, "infinite-width V, G of four data sets (unit sphere "
                   "d = 3, 10, 50; orthonormal d = 50), alpha in {1e-3, 1/4, 1/2, 1, 2, 4, 1e3}",
                   t0, ctx, examples=len(rows), sizes={"n": 10, "m_report": m},
                   details=details)

    return check


def coupled_init(ctx: Context, m: int, d: int, seed: int) -> tuple[np.ndarray, ...]:
    """(Z, ‖Z‖, c): under (2.4) with the coupling v = αZ, g = ‖v‖/α = ‖Z‖ for every α."""
    Z, g, c = wn.init(m, d, 1.0, seed)
    return Z, g, c


def share_run(ctx: Context, X: np.ndarray, y: np.ndarray, Z: np.ndarray, g: np.ndarray,
              c: np.ndarray, alpha: float, max_steps: int) -> dict[str, Any]:
    """GD at α (η = 1/(3‖Λ(0)‖₂)) until the loss falls to 1e-2·loss(0): the accumulated
    one-block loss decreases ΔL_v (v-step only) and ΔL_g (g-step only) and their share."""
    Xx, yx, cx = ctx.asarray(X), ctx.asarray(y), ctx.asarray(c)
    V, gg = ctx.asarray(alpha * Z), ctx.asarray(g)
    _, Vk, G = R.effective_kernels(Xx, V, gg, cx)
    eta = 1 / (3 * float(R.sym_eigvalsh(to_numpy(Vk) + to_numpy(G))[-1]))
    Dv = Dg = 0.0
    L0 = None
    steps = 0
    for _ in range(max_steps):
        steps += 1
        dv, dgl = R.block_shares(Xx, yx, V, gg, cx, eta)
        Dv, Dg = Dv + dv, Dg + dgl
        dV, dgr, r = R.wn_step_data(Xx, yx, V, gg, cx)
        L = 0.5 * float(np.sum(to_numpy(r) ** 2))
        L0 = L if L0 is None else L0
        if L <= 1e-2 * L0:
            break
        V, gg = V - eta * dV, gg - eta * dgr
    return {"alpha": alpha, "eta": eta, "steps": steps, "dL_v": Dv, "dL_g": Dg,
            "share_v": Dv / (Dv + Dg)}


def crossing(alphas: list[float], shares: list[float]) -> float | None:
    """α where the share of the v-updates crosses 1/2 (log-linear interpolation)."""
    for (a0, s0), (a1, s1) in zip(zip(alphas, shares, strict=True),
                                  zip(alphas[1:], shares[1:], strict=True), strict=False):
        if (s0 - 0.5) * (s1 - 0.5) <= 0 and s0 != s1:
            t = (s0 - 0.5) / (s0 - s1)
            return float(math.exp(math.log(a0) + t * (math.log(a1) - math.log(a0))))
    return None


def _regime_training(salt: int) -> Callable[[Variant, Context], Evidence]:
    def run(ctx: Context) -> dict[str, Any]:
        rng = ctx.rng(salt)
        n, d, m = 10, 50, ctx.pick(400, 4000)
        X, y = sphere(rng, n, d), rng.uniform(-1, 1, n)
        Z, g, c = coupled_init(ctx, m, d, int(rng.integers(2**32)))
        alphas = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
        runs = [share_run(ctx, X, y, Z, g, c, a, ctx.pick(200, 1000)) for a in alphas]
        Xx, cx = ctx.asarray(X), ctx.asarray(c)
        _, Vk, G = R.effective_kernels(Xx, ctx.asarray(Z), ctx.asarray(g), cx)
        r0 = to_numpy(wn.forward(Xx, ctx.asarray(Z), ctx.asarray(g), cx)) - y
        cross = R.crossover(Vk, G, r0)
        ratio1 = R.dominance_ratios(Vk, G, 1.0, r0)
        return {"X": X, "y": y, "Z": Z, "g": g, "c": c, "m": m, "alphas": alphas, "runs": runs,
                "crossover": cross, "ratio1": ratio1,
                "alpha_half": crossing(alphas, [r["share_v"] for r in runs])}

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        res = _cached(("regime_training", *_ctx_key(ctx)), lambda: run(ctx))
        bnd, small = variant["boundary"], variant["small_alpha"]
        shares = [r["share_v"] for r in res["runs"]]
        ah = res["alpha_half"]
        fail = None
        if bnd == "one":
            for a, s in zip(res["alphas"], shares, strict=True):
                if a == 1.0:
                    continue
                stated = predicted(a, 1.0, small)
                seen = "V" if s > 0.5 else "G"
                if seen != stated:
                    fail = {"alpha": a, "share_v": s, "stated": stated, "seen": seen}
                    break
        else:
            if bnd == "crossover":
                lo, hi = min(res["crossover"].values()), max(res["crossover"].values())
            else:
                lo, hi = min(res["ratio1"].values()), max(res["ratio1"].values())
            small_seen = "V" if shares[0] > 0.5 else "G"
            if small_seen != small:
                fail = {"alpha": res["alphas"][0], "share_v": shares[0], "stated": small,
                        "seen": small_seen}
            elif ah is None or not lo <= ah <= hi:
                fail = {"alpha_half": ah, "stated_interval": [lo, hi]}
        details = {
            "design": "n = 10 unit vectors in d = 50, y ~ U(-1, 1), init (2.4) coupled across "
                      "alpha (v = alpha Z, g = ||Z||), GD with eta = 1/(3||Lambda(0)||) until "
                      "loss <= 1e-2 loss(0); share_v = sum of one-block loss decreases of the "
                      "v-steps over those of both blocks",
            "runs": res["runs"], "alpha_half": ah,
            "kernel_crossovers_at_init": res["crossover"],
        }
        verdict = "confirmed"
        if fail is not None:
            verdict = "refuted"
            if "alpha" in fail:  # 50-digit recheck of the first-step quadratic forms
                inst = D.Instance(res["X"], res["y"], fail["alpha"] * res["Z"], res["g"],
                                  res["c"], fail["alpha"])
                q = _hp_quadratic(inst)
                seen50 = "V" if q > 1 else "G"
                fail["recheck_50"] = {"quadratic_ratio_step0": mp.nstr(q, 20),
                                      "dominant_step0": seen50}
                if seen50 != fail["seen"]:
                    verdict = "inconclusive"
                    details["why"] = "the first-step quadratic forms disagree with the shares"
            details["counterexample"] = fail
        return _ev("experiment", verdict, "GD on (1.2), n = 10, d = 50, m = "
                   f"{res['m']}, alpha in {res['alphas']}", t0, ctx,
                   examples=len(res["runs"]), sizes={"n": 10, "d": 50, "m": res["m"]},
                   details=details)

    return check


def _hp_quadratic(inst: D.Instance) -> Any:
    """r(0)ᵀ(V(0)/α²)r(0) / r(0)ᵀG(0)r(0) at 50 digits (finite width, (3.3)/(3.4))."""
    with hp.workdps():
        X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
        g, c = hp.mpf_vector(inst.g), hp.mpf_vector(inst.c)
        y = hp.mpf_vector(inst.y)
        f = hp.wn_forward(X, V, g, c)
        r = [fi - yi for fi, yi in zip(f, y, strict=True)]
        qv = qg = mp.mpf(0)
        for k in range(inst.m):
            nv = hp.norm(V[k])
            P = [hp.dot(V[k], x) / nv for x in X]
            act = [p >= 0 for p in P]
            s2 = (c[k] * g[k] / nv) ** 2
            a1 = mp.fsum(r[i] * P[i] for i in range(inst.n) if act[i])
            xs = [mp.fsum(r[i] * X[i][t] for i in range(inst.n) if act[i])
                  for t in range(inst.d)]
            u = [vt / nv for vt in V[k]]
            perp = [xs[t] - a1 * u[t] for t in range(inst.d)]
            qv += s2 * hp.dot(perp, perp)
            qg += a1 * a1
        return qv / qg


def _regime_growth(salt: int) -> Callable[[Variant, Context], Evidence]:
    """ICLR l.534–546: under GD ‖v_k‖ grows monotonically (2.3), α(s) grows, and the kernel
    moves from the V-dominated towards the G-dominated regime."""

    def run(ctx: Context) -> dict[str, Any]:
        rng = ctx.rng(salt)
        n, d, m = 10, 50, ctx.pick(500, 2000)
        X, y = sphere(rng, n, d), rng.uniform(-1, 1, n)
        a0 = 1e-2
        V, g, c = (ctx.asarray(t) for t in wn.init(m, d, a0, int(rng.integers(2**32))))
        Xx, yx = ctx.asarray(X), ctx.asarray(y)
        eta, K = 3 * a0, ctx.pick(300, 2000)
        cps = sorted({0, 1, 10, K // 2, K})
        alpha, min_inc, rounding, ratios = [], math.inf, 0.0, {}
        for s in range(K + 1):
            alpha.append(R.alpha_ratio(V, g))
            if s in cps:
                _, Vk, G = R.effective_kernels(Xx, V, g, c)
                r = to_numpy(wn.forward(Xx, V, g, c)) - y
                ratios[s] = R.dominance_ratios(Vk, G, 1.0, r)
                ratios[s].pop("lambda_min")
            if s == K:
                break
            dV, dg, _ = R.wn_step_data(Xx, yx, V, g, c)
            nv0 = to_numpy(xp_norm(V))
            V, g = V - eta * dV, g - eta * dg
            nv1 = to_numpy(xp_norm(V))
            min_inc = min(min_inc, float(np.min(nv1 - nv0)))
            rounding = max(rounding, float(np.max(nv1)) * 4 * gamma(d + 2))
        return {"alpha": np.array(alpha), "min_norm_increment": min_inc,
                "rounding": rounding, "ratios": ratios, "m": m, "K": K, "eta": eta,
                "alpha0": a0}

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        res = _cached(("regime_growth", *_ctx_key(ctx)), lambda: run(ctx))
        a = res["alpha"]
        s_end = max(res["ratios"])
        tr0, trK = res["ratios"][0]["trace"], res["ratios"][s_end]["trace"]
        facts = {
            "norms_monotone": res["min_norm_increment"] >= -res["rounding"],
            "alpha_grows": bool(a[-1] > a[0]),
            "trace_ratio_falls": bool(trK < tr0),
            "starts_V_dominated": bool(tr0 > 1),
        }
        if variant["growth"] == "V_to_G":
            ok = all(facts.values())
        else:  # the reverse transition: alpha shrinks and the ratio rises
            ok = facts["norms_monotone"] and (not facts["alpha_grows"]) and not \
                facts["trace_ratio_falls"]
        crossed = {meas: [s for s, r in res["ratios"].items() if r[meas] < 1]
                   for meas in ("trace", "spectral", "quadratic")}
        details = {
            "design": f"n = 10, d = 50, m = {res['m']}, alpha(0) = {res['alpha0']}, eta = "
                      f"{res['eta']} (App. F ratio eta/alpha = 3), K = {res['K']} GD steps",
            "facts": facts, "alpha_0": float(a[0]), "alpha_1": float(a[1]),
            "alpha_K": float(a[-1]), "fraction_steps_alpha_increases":
                float(np.mean(np.diff(a) > 0)),
            "min_norm_increment": res["min_norm_increment"], "rounding": res["rounding"],
            "ratios_at_checkpoints": res["ratios"],
            "G_dominated_reached_at": crossed,
            "recheck": "float margins (alpha grows by orders of magnitude; ratios change by "
                       "orders of magnitude) exceed float64 rounding by > 10 orders",
        }
        verdict = "confirmed" if ok else "refuted"
        if not ok:
            details["counterexample"] = {"facts": facts, "alpha_0": float(a[0]),
                                         "alpha_K": float(a[-1]), "trace_ratio_0": tr0,
                                         "trace_ratio_K": trK}
        return _ev("experiment", verdict, details["design"], t0, ctx, examples=res["K"],
                   sizes={"n": 10, "d": 50, "m": res["m"], "K": res["K"]}, details=details)

    return check


def xp_norm(V: Any) -> Any:
    return namespace(V).linalg.vector_norm(V, axis=1)


REG_PRINTED_TEX = (
    r"\alpha\gg1:\ \boldsymbol\Lambda(t)\ \text{dominated by }\mathbf G(t),\ \alpha\ll1:\ "
    r"\text{by }\mathbf V(t);\ \alpha<1:\ \text{dominated by }\tfrac1{\alpha^2}\mathbf V,\ "
    r"\alpha>1:\ \text{dominated by }\mathbf G;\ \text{GD: }\|\mathbf v_k\|_2\uparrow\ "
    r"\Rightarrow\alpha\uparrow:\ \mathbf V\text{- to }\mathbf G\text{-dominated}"
)
REG_CORRECTED_TEX = (
    r"\alpha\ll1:\ \mathbf V/\alpha^2\text{ dominates},\ \alpha\gg1:\ \mathbf G;\ \text{the "
    r"switch is at }\alpha_\times=\sqrt{\rho}\ \text{with }\rho\text{ the ratio (measure of }"
    r"\mathbf V)/(\text{measure of }\mathbf G):\ \alpha_\times^{\rm tr}=\sqrt{d-1}\ \text{"
    r"exactly (infinite width)},\ \alpha_\times^{\|\cdot\|_2}=\sqrt{\|\mathbf V^\infty\|_2/\|"
    r"\mathbf G^\infty\|_2},\ \alpha_\times^{\lambda_{\min}}=\sqrt{\lambda_0/\mu_0};\ "
    r"\text{all}>1\text{ for }d\ge3\text{ on the data tested; GD: }\alpha\uparrow,\ "
    r"\text{towards }\mathbf G"
)


@implements("dukler.claim.regimes_sec3")
def _regimes() -> Implementation:
    base = {"small_alpha": "V", "growth": "V_to_G"}
    return Implementation(
        ids=(),
        printed=Variant("printed", REG_PRINTED_TEX, {**base, "boundary": "one"}),
        corrected=Variant("corrected", REG_CORRECTED_TEX, {**base, "boundary": "crossover"}),
        checks=[
            symbolic_check("symbolic", _regime_symbolic),
            experiment("kernels", _regime_kernels(2021)),
            experiment("training_share", _regime_training(2022)),
            experiment("growth", _regime_growth(2023)),
        ],
        perturbations=[
            Variant("swapped", r"\alpha\ll1:\ \mathbf G\text{ dominates};\ \alpha\gg1:\ "
                    r"\mathbf V/\alpha^2", {**base, "boundary": "crossover",
                                             "small_alpha": "G"}),
            Variant("no_sqrt", r"\text{switch at }\alpha_\times=d-1\ (\text{trace}),\ \rho\ "
                    r"(\text{other measures})", {**base, "boundary": "d_minus_1"}),
            Variant("reverse_growth", r"\text{GD: }\alpha\downarrow,\ \mathbf G\text{- to }"
                    r"\mathbf V\text{-dominated}", {**base, "boundary": "crossover",
                                                      "growth": "G_to_V"}),
        ],
        rejected_by={"swapped": ("symbolic", "kernels", "training_share"),
                     "no_sqrt": ("symbolic", "kernels", "training_share"),
                     "reverse_growth": ("growth",)},
        notes="The alpha = 1 boundary is exact only for d = 2 (trace) ; for the d >= 50 of "
              "Assumption 2 the V-term still dominates well above alpha = 1.",
    )


# --------------------------------------------------------------------------------------
# dukler.prop2
# --------------------------------------------------------------------------------------

ETA_CONST = 1.0 / 3.0  # the constant instantiated in η = O(1/‖·‖₂)


def alpha_star(X: np.ndarray, ctx: Context) -> tuple[float, dict[str, Any]]:
    """α* from the κ profile: the grid argmax, or the finite grid end nearest the sup when
    the sup is approached as α → 0 or ∞ ("one may fix α* ≪ 1 or ≫ 1")."""
    p = kappa_profile(X, ctx)
    _, facts = alphastar_decide(p, "geq")
    return float(facts.get("finite_end_alpha", facts["argmax_alpha"])), facts


def _rate(variant: Variant, Vi: np.ndarray, Gi: np.ndarray, a: float, eta: float) -> float:
    eV, eG = R.sym_eigvalsh(Vi), R.sym_eigvalsh(Gi)
    if variant["rate"] == "lambda_max":
        return eta * (eV[-1] / (2 * a**2) + eG[-1] / 2)
    return eta * (eV[0] / (2 * a**2) + eG[0] / 2)


def _prop2_rate(salt: int) -> Callable[[Variant, Context], Evidence]:
    """Prop. 2 (1): ‖f(s) − y‖² ≤ (1 − η_{α*}(λ0/(2α*²) + μ0/2))^s ‖f(0) − y‖² at every s, with
    η_{α*} = (1/3)/‖V∞/α*² + G∞‖₂, over T seeds of (2.4); binomial test of the seed failure
    rate against δ (one-sided Clopper–Pearson at level 1%)."""

    def run(ctx: Context) -> dict[str, Any]:
        rng = ctx.rng(salt)
        n, d = 10, 50
        X, y = pairs_data(rng, n, d), rng.uniform(-1, 1, n)
        a, facts = alpha_star(X, ctx)
        _, Vi, Gi = infinite(X, ctx)
        eta = ETA_CONST / float(R.sym_eigvalsh(Vi / a**2 + Gi)[-1])
        T, m, K = ctx.pick(6, 30), ctx.pick(1000, 4000), ctx.pick(250, 1000)
        losses = []
        Xx, yx = ctx.asarray(X), ctx.asarray(y)
        for _ in range(T):
            V, g, c = (ctx.asarray(t) for t in wn.init(m, d, a, int(rng.integers(2**32))))
            tr, _, _ = R.train_wn(Xx, yx, V, g, c, eta, K, track=False)
            losses.append(tr.loss)
        return {"X": X, "alpha_star": a, "facts": facts, "eta": eta, "Vi": Vi, "Gi": Gi,
                "losses": losses, "T": T, "m": m, "K": K}

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        res = _cached(("prop2_rate", *_ctx_key(ctx)), lambda: run(ctx))
        a, eta = res["alpha_star"], res["eta"]
        rate = _rate(variant, res["Vi"], res["Gi"], a, eta)
        fails, worst = 0, []
        for L in res["losses"]:
            s = np.arange(len(L))
            bound = (1 - rate) ** s * L[0]
            tol = 10 * len(res["X"]) * eps() * np.maximum(L, bound)
            viol = np.flatnonzero(L > bound + tol)
            fails += int(viol.size > 0)
            worst.append(float(np.max(L / np.maximum(bound, 1e-300))))
        lo, hi = cp_bounds(fails, res["T"], FALSE_ALARM)
        verdict = "refuted" if lo > DELTA else "confirmed"
        eV, eG = R.sym_eigvalsh(res["Vi"]), R.sym_eigvalsh(res["Gi"])
        lam0, mu0 = float(eV[0]), float(eG[0])
        n = len(res["X"])
        details = {
            "design": f"pairs data (n = 10, d = 50, pairs at 0.3 rad, kappa small), alpha* = "
                      f"{a:g} from the kappa grid, eta = (1/3)/||V_inf/alpha*^2 + G_inf||_2, "
                      f"T = {res['T']} seeds of (2.4), m = {res['m']}, K = {res['K']} steps; "
                      "a seed fails when the bound is exceeded at some s",
            "rate_per_step": rate, "lambda0": lam0, "mu0": mu0, "alpha_star_facts": res["facts"],
            "failures": fails, "trials": res["T"], "cp_lower_99": lo, "cp_upper_99": hi,
            "delta": DELTA, "false_alarm_rate": FALSE_ALARM,
            "max_loss_over_bound_per_seed": worst,
            "constant_free": "empirical: eta = O(.) instantiated with 1/3; the width condition "
                             "m = Omega(n^4 log(n/delta)/min(lambda0, mu0)^4) has a hidden "
                             f"constant (with constant 1 it asks m >= "
                             f"{n**4 * math.log(n / DELTA) / min(lam0, mu0) ** 4:.3g})",
        }
        if verdict == "refuted":
            details["counterexample"] = {"failure_rate": fails / res["T"], "cp_lower_99": lo,
                                         "recheck": "loss/bound ratios above 1 by > 1e3 float "
                                                    "rounding"}
        return _ev("statistical", verdict, details["design"], t0, ctx, examples=res["T"],
                   sizes={"n": 10, "d": 50, "m": res["m"], "K": res["K"]}, details=details)

    return check


def prop2_instances(ctx: Context, salt: int) -> list[tuple[str, np.ndarray]]:
    rng = ctx.rng(salt)
    return [("orthonormal n=10, d=50", orthonormal(10, 50)),
            ("sphere n=10, d=50", sphere(rng, 10, 50)),
            ("pairs n=10, d=50", pairs_data(rng, 10, 50)),
            ("3-dim subspace n=6, d=50", subspace_data(rng, 6, 50))]


def _faster_holds(variant: Variant, a_wn: float, b_plain: float, tol: float) -> bool:
    """(2): 1 − η_{α*}λ_min(Λ) ≤ 1 − f·η λ_min(H) (printed f = 1); "reversed": ≥."""
    if variant.get("relation", "leq") == "geq":
        return a_wn >= b_plain - tol
    f = variant.get("factor", 1.0)
    return a_wn <= 1 - f * (1 - b_plain) + tol


def _prop2_faster_inf(salt: int) -> Callable[[Variant, Context], Evidence]:
    """Prop. 2 (2) for the infinite-width kernels at s = 0 (α* from the κ profile, η_{α*} =
    (1/3)/‖Λ∞_{α*}‖, η = (1/3)/‖H∞‖), on four data sets with d = 50 (Assumption 2)."""

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        rows, fail = [], None
        for name, X in prop2_instances(ctx, salt):
            a, _ = alpha_star(X, ctx)
            H, Vi, Gi = infinite(X, ctx)
            ka, ea = kappa_of(Vi / a**2 + Gi, kernel_error(X, a))
            kh, eh = kappa_of(H, kernel_error(X, 1.0))
            lhs, rhs = 1 - ETA_CONST * ka, 1 - ETA_CONST * kh
            tol = ETA_CONST * (ea + eh)
            ok = _faster_holds(variant, lhs, rhs, tol)
            rows.append({"instance": name, "alpha_star": a, "wn_factor": lhs,
                         "plain_factor": rhs, "margin": rhs - lhs, "tol": tol, "holds": ok})
            if not ok and fail is None:
                fail = (name, X, a, rows[-1])
        details = {"instances": rows, "eta_constant": ETA_CONST}
        verdict = "confirmed"
        if fail is not None:
            mats = mp_kernels(fail[1])
            with mp.workdps(HP_DIGITS):
                ea50 = mp_eigs(mp_lambda(mats, fail[2]))
                eh50 = mp_eigs(mats["H"])
                lhs50 = 1 - mp.mpf(ETA_CONST) * ea50[0] / ea50[-1]
                rhs50 = 1 - mp.mpf(ETA_CONST) * eh50[0] / eh50[-1]
            ok50 = _faster_holds(variant, float(lhs50), float(rhs50), 0.0)
            verdict = "inconclusive" if ok50 else "refuted"
            details["counterexample"] = {**fail[3], "wn_factor_50": mp.nstr(lhs50, 25),
                                         "plain_factor_50": mp.nstr(rhs50, 25)}
        return _ev("property", verdict, "infinite-width kernels at s = 0, four data sets in "
                   "d = 50", t0, ctx, examples=len(rows), sizes={"d": 50}, details=details)

    return check


def _prop2_faster_finite(salt: int) -> Callable[[Variant, Context], Evidence]:
    """Prop. 2 (2) along finite-width GD: WN at α* and un-normalized GD (1.1) from the same
    initialization W(0) = V(0)/α*, η = (1/3)/‖H∞‖; at every s, (1 − η_{α*}λ_min(Λ(s))) vs
    (1 − ηλ_min(H(s))). Binomial test over T seeds against δ (CP 1%)."""

    def run(ctx: Context) -> dict[str, Any]:
        rng = ctx.rng(salt)
        n, d = 10, 50
        X, y = sphere(rng, n, d), rng.uniform(-1, 1, n)
        a, _ = alpha_star(X, ctx)
        H, Vi, Gi = infinite(X, ctx)
        eta_a = ETA_CONST / float(R.sym_eigvalsh(Vi / a**2 + Gi)[-1])
        eta = ETA_CONST / float(R.sym_eigvalsh(H)[-1])
        T, m, K = ctx.pick(4, 20), ctx.pick(1000, 4000), ctx.pick(60, 200)
        Xx, yx = ctx.asarray(X), ctx.asarray(y)
        out = []
        for _ in range(T):
            V, g, c = (ctx.asarray(t) for t in wn.init(m, d, a, int(rng.integers(2**32))))
            tw, _, _ = R.train_wn(Xx, yx, V, g, c, eta_a, K, kernel=True, track=False)
            tp, _ = R.train_plain(Xx, yx, V / a, c, eta, K, kernel=True)
            out.append((1 - eta_a * tw.lam_min, 1 - eta * tp.lam_min, tw.loss, tp.loss))
        return {"alpha_star": a, "eta_a": eta_a, "eta": eta, "runs": out, "T": T, "m": m,
                "K": K, "n": n}

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        res = _cached(("prop2_finite", *_ctx_key(ctx)), lambda: run(ctx))
        fails, rows = 0, []
        tol = 10 * res["n"] * eps()
        for A, B, Lw, Lp in res["runs"]:
            ok = np.array([_faster_holds(variant, float(x), float(z), tol)
                           for x, z in zip(A, B, strict=True)])
            fails += int(not ok.all())
            rows.append({"fraction_steps_holding": float(ok.mean()),
                         "min_margin": float(np.min(B - A)),
                         "final_loss_wn": float(Lw[-1]), "final_loss_plain": float(Lp[-1])})
        lo, hi = cp_bounds(fails, res["T"], FALSE_ALARM)
        verdict = "refuted" if lo > DELTA else "confirmed"
        details = {
            "design": f"sphere data n = 10, d = 50, alpha* = {res['alpha_star']:g}, m = "
                      f"{res['m']}, K = {res['K']} steps, T = {res['T']} seeds; a seed fails "
                      "when the inequality fails at some s",
            "per_seed": rows, "failures": fails, "trials": res["T"], "cp_lower_99": lo,
            "cp_upper_99": hi, "delta": DELTA, "false_alarm_rate": FALSE_ALARM,
            "eta_alpha_star": res["eta_a"], "eta_plain": res["eta"],
            "constant_free": "empirical (eta constant 1/3; m with hidden Omega constant)",
            "note": "the infinite-width margin is kappa(alpha*) - kappa(1) (a few 1e-3 here); "
                    "for worse-conditioned data (pairs) it falls below the finite-width "
                    "fluctuation at m = 1000 and the inequality holds at only part of the steps",
        }
        if verdict == "refuted":
            details["counterexample"] = {"failure_rate": fails / res["T"], "cp_lower_99": lo}
        return _ev("statistical", verdict, details["design"], t0, ctx, examples=res["T"],
                   sizes={"n": 10, "d": 50, "m": res["m"], "K": res["K"]}, details=details)

    return check


P2_TEX = (
    r"\text{w.p. }1-\delta\ \exists\alpha^*:\ m=\Omega\Big(\frac{n^4\log(n/\delta)}{\min\{"
    r"\lambda_0^4,\mu_0^4\}}\Big)\Rightarrow(1)\ \eta_{\alpha^*}=O\Big(\frac1{\|\mathbf V^\infty"
    r"/(\alpha^*)^2+\mathbf G^\infty\|_2}\Big):\ \|\mathbf f(s)-\mathbf y\|_2^2\le\Big(1-"
    r"\eta_{\alpha^*}\Big(\frac{\lambda_0}{2(\alpha^*)^2}+\frac{\mu_0}2\Big)\Big)^s\|\mathbf f(0)"
    r"-\mathbf y\|_2^2;\ (2)\ 1-\eta_{\alpha^*}\lambda_{\min}(\boldsymbol\Lambda(s))\le1-\eta"
    r"\lambda_{\min}(\mathbf H(s))"
)


@implements("dukler.prop2")
def _prop2() -> Implementation:
    base = {"rate": "printed", "relation": "leq", "factor": 1.0}
    return Implementation(
        ids=(),
        printed=Variant("printed", P2_TEX, base),
        checks=[
            statistical("rate_bound", _prop2_rate(2031)),
            prop("faster_infinite", _prop2_faster_inf(2032)),
            statistical("faster_finite", _prop2_faster_finite(2033)),
        ],
        perturbations=[
            Variant("lambda_max", r"(1)\ \text{with rate }\eta_{\alpha^*}(\|\mathbf V^\infty\|_2/"
                    r"(2\alpha^{*2})+\|\mathbf G^\infty\|_2/2)", {**base, "rate": "lambda_max"}),
            Variant("twice_faster", r"(2)\ 1-\eta_{\alpha^*}\lambda_{\min}(\boldsymbol\Lambda)\le"
                    r"1-2\eta\lambda_{\min}(\mathbf H)", {**base, "factor": 2.0}),
            Variant("reversed", r"(2)\ 1-\eta_{\alpha^*}\lambda_{\min}(\boldsymbol\Lambda)\ge1-"
                    r"\eta\lambda_{\min}(\mathbf H)", {**base, "relation": "geq"}),
        ],
        rejected_by={"lambda_max": ("rate_bound",),
                     "twice_faster": ("faster_infinite", "faster_finite"),
                     "reversed": ("faster_infinite", "faster_finite")},
        notes="alpha* = the maximiser of kappa(alpha) (natgrad.alphastar); the un-normalized "
              "step eta of (2) is read as (1/3)/||H_inf||_2, the same O-constant as eta_alpha*.",
    )


# --------------------------------------------------------------------------------------
# dukler.appF (and the App. F run shared with dukler.sec6 (b))
# --------------------------------------------------------------------------------------

#: App. F's hyper-parameters; m = 10 n as in the paper (m = 10⁴, n = 10³). The catalog's
#: thresholds: α(K)/α(0) > 10 and the end window of angle change < 1e-2 × the first one.
#: ``runs`` independent initializations (seeds) are trained: with α = 1e-3 the first step
#: (‖η∇_{v_k}L‖ ∝ η/α ≫ ‖v_k(0)‖ = O(α√d)) aligns the neurons, the loss jumps by 10²–10⁴
#: and, depending on the seed, the g-steps can drive some g_k through 0 (measured on digits:
#: n = 100, m = 1000 and n = 361, m = 1000 crossed; n = 100, m = 300 and n = 361, m = 3610
#: did not), after which α(s) = mean ‖v_k‖/g_k no longer measures a scale.
APPF = {"alpha": 1e-3, "eta": 3e-3, "window": 100, "digits": (4, 9), "width_per_sample": 10,
        "alpha_growth": 10.0, "angle_drop": 1e-2, "runs": 3}
PAPER_FIG2 = {
    "source": "ICLR App. F, Figure 2 (OCR of the axes; the curves themselves are not in the "
              "text): MNIST 4 vs 9, m = 1e4, n = 1000, d = 784, alpha = 1e-3, eta = 3e-3, "
              "K = 1e4",
    "alpha_axis": [0, 3], "training_loss_axis": [0, 3], "updates_axis": [0, 10000],
    "angle_window_axis": [0.004, 0.014], "angle_window_end_over_start_axis_ratio": 0.004 / 0.014,
}


def _transition_plot(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The V- to G-dominated transition: (trace of V/α²)/(trace of G) = ratio(1)/α² over α
    per data set (infinite width), with the boundary ratio 1; each line crosses it at
    α_× = √ratio(1)."""
    alphas = np.geomspace(0.1, 100.0, 61)
    lines = [line(f"{r['instance']} (alpha_x = {r['crossover']['trace']:.3g})", alphas,
                  r["ratio_at_alpha1"]["trace"] / alphas**2) for r in rows]
    lines.append(line("ratio 1 (V = G)", alphas, np.ones_like(alphas), style="dashed"))
    return plot_spec("V- to G-dominated transition: tr(V/alpha^2) / tr(G)", "alpha",
                     "trace ratio", lines, logx=True, logy=True)


def appf_path(ctx: Context) -> str | None:
    """The MNIST file of App. F: ``--data`` (``ctx.data``), else $WNVERIFY_DATA, else None."""
    return ctx.data or os.environ.get("WNVERIFY_DATA") or None


def appf_data(ctx: Context) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """(X, y, info): MNIST 4 vs 9 from ``--data`` (``ctx.data``, or $WNVERIFY_DATA) when
    given, else scikit-learn's digits;
    the first n images of the two digits in file order, rows scaled to unit norm
    (Assumption 1), y = +1 for 4 and −1 for 9 (the paper leaves encoding and preprocessing
    unspecified). The width keeps App. F's ratio m/n = 10⁴/10³ = 10."""
    path = appf_path(ctx)
    a, b = APPF["digits"]
    if path:
        n = ctx.pick(100, 300, 1000)
        X, y = load_mnist_pair(path, a, b, n)
        check_points(X, path)
        src = f"MNIST ({path})"
        K = ctx.pick(500, 2000, 10000)
    else:
        n = ctx.pick(100, 361, 361)
        X, y = load_digits_pair(a, b, n)
        src = "scikit-learn digits (8x8, d = 64)"
        K = ctx.pick(800, 4000, 10000)
    m = APPF["width_per_sample"] * n
    return unit_rows(X), y, {"source": src, "n": n, "d": X.shape[1], "m": m, "K": K}


def appf_run(ctx: Context, salt: int) -> dict[str, Any]:
    X, y, info = appf_data(ctx)
    m, K, d = info["m"], info["K"], info["d"]
    alpha, eta = APPF["alpha"], APPF["eta"]
    rng = ctx.rng(salt)
    V0, g0, c0 = wn.init(m, d, alpha, int(rng.integers(2**32)))
    Xx, yx = ctx.asarray(X), ctx.asarray(y)
    V, g, c = ctx.asarray(V0), ctx.asarray(g0), ctx.asarray(c0)
    xp = ctx.xp
    loss, ratio, inv, angle, gmin = [], [], [], [], []
    cps = sorted({0, 1, K // 10, K // 2, K})
    dom: dict[int, dict[str, float]] = {}
    for s in range(K + 1):
        nv = xp.linalg.vector_norm(V, axis=1)
        ratio.append(float(xp.mean(nv / g)))
        inv.append(float(xp.mean(g / nv)))
        gmin.append(float(xp.min(g)))
        dV, dg, r = R.wn_step_data(Xx, yx, V, g, c)
        rn = to_numpy(r)
        loss.append(0.5 * float(rn @ rn))
        if s in cps:
            _, Vk, G = R.effective_kernels(Xx, V, g, c)
            ratios = R.dominance_ratios(Vk, G, 1.0, rn)
            ratios.pop("lambda_min")  # G(s) is numerically singular for n >= d here
            ratios["G_share_of_dLdt"] = 1 / (1 + ratios["quadratic"])
            dom[s] = ratios
        if s == K:
            break
        V1 = V - eta * dV
        angle.append(R.mean_angle_change(V, V1))
        V, g = V1, g - eta * dg
    return {"info": info, "loss": np.array(loss), "alpha_ratio": np.array(ratio),
            "alpha_inverse": np.array(inv), "g_min": np.array(gmin), "angle": np.array(angle),
            "dominance": dom,
            "alpha_init_exact": alpha, "g0": g0, "V0": V0}


def _appf_cached(ctx: Context) -> list[dict[str, Any]]:
    """App. F's run for ``APPF["runs"]`` seeds (salts 2051, 2052, …), cached per context."""
    key = ("appF", *_ctx_key(ctx), appf_path(ctx) or "")
    return _cached(key, lambda: [appf_run(ctx, 2051 + j) for j in range(APPF["runs"])])


def appf_valid(res: dict[str, Any]) -> bool:
    """α(s) = mean ‖v_k‖/g_k measures the scale only while every g_k(s) > 0 (as under (2.4))."""
    return bool(np.min(res["g_min"]) > 0)


def appf_verdict(oks: list[bool], valid: list[bool]) -> tuple[str, str]:
    """The verdict over seeded runs: a run in which some g_k reached 0 counts for nothing.
    ``confirmed`` when every valid run shows the stated trends, ``refuted`` when at least two
    valid runs exist and none shows them, else ``inconclusive`` (with the reason)."""
    kept = [ok for ok, v in zip(oks, valid, strict=True) if v]
    if not kept:
        return "inconclusive", (f"in all {len(oks)} runs some g_k(s) reached 0, so alpha(s) "
                                "no longer measures the scale the paper reads off Figure 2")
    if all(kept):
        return "confirmed", ""
    if len(kept) >= 2 and not any(kept):
        return "refuted", ""
    return "inconclusive", (f"{sum(kept)} of {len(kept)} runs with g_k > 0 throughout show the "
                            "stated trends; the runs disagree")


def appf_trends(res: dict[str, Any], alpha_def: str, angle_trend: str) -> dict[str, Any]:
    """The App. F observations as numbers: α grows, the loss decreases, the convergence rate
    slows down, the windowed angle variation decreases, the G-share of −dL/dt grows."""
    a = res["alpha_ratio"] if alpha_def == "ratio" else res["alpha_inverse"]
    L, K = res["loss"], len(res["loss"]) - 1
    w = APPF["window"]
    W = R.window_sum(res["angle"], w)
    q1, q2 = K // 10, K // 2
    rate_early = math.log(L[q1] / L[q2]) / (q2 - q1)
    rate_late = math.log(L[q2] / L[K]) / (K - q2)
    dom = res["dominance"]
    s_end = max(dom)
    angle_trend_holds = (bool(W[-1] < APPF["angle_drop"] * W[0]) if angle_trend == "decreases"
                         else bool(W[-1] > W[0]))
    facts = {
        "alpha_grows": bool(a[-1] > APPF["alpha_growth"] * a[0]),
        "loss_decreases": bool(L[K] < L[0]),
        "rate_slows": bool(rate_late < rate_early),
        "angle_variation_trend_as_stated": angle_trend_holds,
    }
    numbers = {
        "alpha": {"s=0": float(a[0]), "s=1": float(a[1]), "s=K/2": float(a[K // 2]),
                  "s=K": float(a[-1]), "s=K over s=0": float(a[-1] / a[0]),
                  "fraction_steps_increasing": float(np.mean(np.diff(a) > 0))},
        "g_min_over_run": float(np.min(res["g_min"])),
        "loss": {"s=0": float(L[0]), "s=1": float(L[1]), "max": float(L.max()),
                 "s=K/10": float(L[q1]), "s=K/2": float(L[q2]), "s=K": float(L[K])},
        "log_loss_rate_per_step": {"[K/10, K/2]": rate_early, "[K/2, K]": rate_late},
        "angle_window_sum": {"s=0": float(W[0]), "s=1": float(W[1]),
                             "s=K/2": float(W[min(K // 2, len(W) - 1)]), "end": float(W[-1]),
                             "end_over_start": float(W[-1] / W[0]),
                             "end_over_s1": float(W[-1] / W[1])},
        "dominance_at_checkpoints": dom,
        "G_dominated_reached": {meas: [s for s, r in dom.items() if r[meas] < 1]
                                for meas in ("trace", "spectral", "quadratic")},
        "G_share_of_dLdt": {str(s): r["G_share_of_dLdt"] for s, r in dom.items()},
        "G_share_end_over_peak": dom[s_end]["G_share_of_dLdt"] / max(
            r["G_share_of_dLdt"] for r in dom.values()),
        "curves": curves(a, L, W),
    }
    return {"facts": facts, "numbers": numbers}


def curves(alpha: np.ndarray, loss: np.ndarray, W: np.ndarray, points: int = 60
           ) -> dict[str, list[float]]:
    """α(s), loss(s) and the windowed angle variation W(s) on ≈ ``points`` log-spaced steps
    (s = 0 included), as numbers for plots beside Figure 2."""
    K = len(loss) - 1
    s = np.unique(np.concatenate([[0], np.round(np.geomspace(1, K, points)).astype(int)]))
    sw = s[s < len(W)]
    return {"s": s.tolist(), "alpha": alpha[s].tolist(), "loss": loss[s].tolist(),
            "s_window": sw.tolist(), "angle_window_sum": W[sw].tolist()}


def _appf_alpha_init(variant: Variant, ctx: Context) -> Evidence:
    """α(0) = α exactly under (2.4) (g_k(0) = ‖v_k(0)‖/α), up to the rounding of g_k; every
    seeded run."""
    t0 = time.perf_counter()
    runs = _appf_cached(ctx)
    key = "alpha_ratio" if variant["alpha_def"] == "ratio" else "alpha_inverse"
    alpha = runs[0]["alpha_init_exact"]
    d, m = runs[0]["info"]["d"], runs[0]["info"]["m"]
    tol = 4 * gamma(d + m + 4) * alpha  # g_k = fl(||v_k||/alpha), then a mean of m ratios
    errs = [abs(float(r[key][0]) - alpha) for r in runs]
    j = int(np.argmax(errs))
    err, res = errs[j], runs[j]
    verdict = "confirmed" if err <= tol else "refuted"
    details: dict[str, Any] = {"alpha_0": [float(r[key][0]) for r in runs], "alpha": alpha,
                               "definition": variant["alpha_def"]}
    if verdict == "refuted":
        with hp.workdps():
            V, g = hp.mpf_matrix(res["V0"]), hp.mpf_vector(res["g0"])
            terms = [hp.norm(v) / gk if variant["alpha_def"] == "ratio" else gk / hp.norm(v)
                     for v, gk in zip(V, g, strict=True)]
            a50 = mp.fsum(terms) / len(terms)
            conf = abs(float(a50) - alpha) > tol
        details["counterexample"] = {"run": j, "alpha_0_50_digits": mp.nstr(a50, 30),
                                     "alpha": alpha, "confirmed": conf}
        verdict = "refuted" if conf else "inconclusive"
    return _ev("property", verdict, f"App. F initialization, {len(runs)} seeds: {res['info']}",
               t0, ctx, examples=len(runs), max_error=err, tolerance=tol, sizes=res["info"],
               details=details)


def _appf_plots(res: dict[str, Any]) -> list[dict[str, Any]]:
    """App. F, Figure 2 panels: α(s), the training loss and the windowed angle change."""
    steps = np.arange(len(res["loss"]))
    W = R.window_sum(res["angle"], APPF["window"])
    src = res["info"]["source"]
    return [
        plot_spec(f"alpha(s) = mean ||v_k||/g_k ({src})", "update s", "alpha(s)",
                  [line("ours", steps, res["alpha_ratio"])]),
        plot_spec("training loss", "update s", "L(s) = |f - y|^2 / 2",
                  [line("ours", steps, res["loss"])], logy=True),
        plot_spec(f"angle change summed over a window of {APPF['window']} updates",
                  "update s", "windowed angle change (rad)",
                  [line("ours", np.arange(len(W)), W)], logy=True),
    ]


def _appf_trends(variant: Variant, ctx: Context) -> Evidence:
    t0 = time.perf_counter()
    runs = _appf_cached(ctx)
    outs = [appf_trends(r, variant["alpha_def"], variant["angle_trend"]) for r in runs]
    oks = [all(o["facts"].values()) for o in outs]
    valid = [appf_valid(r) for r in runs]
    verdict, why = appf_verdict(oks, valid)
    shown = valid.index(True) if any(valid) else 0
    info = runs[0]["info"]
    details: dict[str, Any] = {
        "design": f"App. F reproduction, {len(runs)} seeds: " + str(info) + f", alpha = "
                  f"{APPF['alpha']}, eta = {APPF['eta']}, window {APPF['window']}, m = 10 n as "
                  "in the paper; rows scaled to unit norm, y = +1 (digit 4) / -1 (digit 9); "
                  "alpha(s) = mean_k ||v_k(s)||/g_k(s) (reconstructed ratio, alpha(0) = "
                  f"alpha); a run passes if alpha(K)/alpha(0) > {APPF['alpha_growth']:g}, "
                  "loss(K) < loss(0), the log-loss rate on [K/2, K] is below that on "
                  f"[K/10, K/2], and the last window of angle change is < {APPF['angle_drop']:g}"
                  " x the first (catalog tests); runs in which some g_k reaches 0 are set "
                  "aside; confirmed if every other run passes",
        "runs": [{"seed_salt": 2051 + j, "g_k_positive_throughout": v, "passes": ok,
                  "facts": o["facts"], "g_min_over_run": o["numbers"]["g_min_over_run"],
                  "alpha": {k: o["numbers"]["alpha"][k] for k in ("s=0", "s=1", "s=K")},
                  "loss": {k: o["numbers"]["loss"][k] for k in ("s=0", "s=1", "s=K")}}
                 for j, (o, ok, v) in enumerate(zip(outs, oks, valid, strict=True))],
        "shown_run": shown, "facts": outs[shown]["facts"], "ours": outs[shown]["numbers"],
        "paper_figure_2": PAPER_FIG2,
        "G_regime": "reported, not asserted: the parenthetical 'emergence of the G-dominated "
                    "regime' is an interpretation; see ours.G_dominated_reached (checkpoints "
                    "where a dominance ratio of V/alpha^2 over G is < 1) and "
                    "ours.G_share_of_dLdt",
        "data_env": "pass --data FILE (an MNIST IDX directory/file or .npz) to run on MNIST "
                    "(the paper's m = 1e4, n = 1000, K = 1e4 at --scale gpu)",
        "recheck": "every fact compares quantities that differ by orders of magnitude more "
                   "than float64 rounding of a run",
        "plots": _appf_plots(runs[shown]),
    }
    if why:
        details["inconclusive"] = why
    if verdict == "refuted":
        details["counterexample"] = [{k: v for k, v in o["facts"].items() if not v}
                                     for o, v in zip(outs, valid, strict=True) if v]
    return _ev("experiment", verdict, details["design"], t0, ctx, examples=len(runs),
               sizes=info, details=details)


APPF_TEX = (
    r"\text{WN GD on MNIST 4 vs 9 }(m=10^4,n=1000,d=784,\alpha=10^{-3},\eta=3\cdot10^{-3},K="
    r"10^4):\ \alpha(s)=\tfrac1m\sum_k\|\mathbf v_k(s)\|_2/g_k(s)\text{ grows as the loss "
    r"decreases and the rate slows (G-dominated regime emerges)};\ \Delta_{ave}(s)=\tfrac1m"
    r"\sum_k\arccos\tfrac{\langle\mathbf v_k(s),\mathbf v_k(s+1)\rangle}{\|\mathbf v_k(s)\|\|"
    r"\mathbf v_k(s+1)\|}\text{ (window 100) decreases}"
)


@implements("dukler.appF")
def _appf() -> Implementation:
    base = {"alpha_def": "ratio", "angle_trend": "decreases"}
    return Implementation(
        ids=(),
        printed=Variant("printed", APPF_TEX, base),
        checks=[prop("alpha_init", _appf_alpha_init), experiment("trends", _appf_trends)],
        perturbations=[
            Variant("alpha_inverted", r"\alpha(s)=\tfrac1m\sum_kg_k(s)/\|\mathbf v_k(s)\|_2",
                    {**base, "alpha_def": "inverse"}),
            Variant("angle_grows", r"\text{the windowed angle variation increases}",
                    {**base, "angle_trend": "increases"}),
        ],
        rejected_by={"alpha_inverted": ("alpha_init", "trends"), "angle_grows": ("trends",)},
        notes="Quick scale: scikit-learn digits 4 vs 9 (n = 100, d = 64, m = 1000, K = 800); "
              "MNIST through --data FILE. 'G-dominated regime emerges' is read as the "
              "G-share of -dL/dt growing; whether G dominates is reported.",
    )


# --------------------------------------------------------------------------------------
# dukler.sec6
# --------------------------------------------------------------------------------------


def _sec6_symbolic(variant: Variant, ctx: Context) -> Evidence:
    return run_symbolic(ctx, lambda: dn.lazy_exponents(variant["angle_exponent"],
                                                       variant["g_exponent"]),
                        "Lemma C.3 proxy with omega = mu0, ||v_k(0)|| ~ alpha sqrt(d); general "
                        "n, m, d")


def _sec6_lazy(salt: int) -> Callable[[Variant, Context], Evidence]:
    """§6(a): in the G regime the directions stay put (max_k angle ≲ α^{-2}) while the
    magnitudes g_k change (mean |Δg_k|/g_k does not vanish as α grows)."""

    def run(ctx: Context) -> dict[str, Any]:
        rng = ctx.rng(salt)
        n, d, m = 10, 50, ctx.pick(1000, 4000)
        X, y = sphere(rng, n, d), rng.uniform(-1, 1, n)
        Z, g0, c = coupled_init(ctx, m, d, int(rng.integers(2**32)))
        Xx, yx, cx = ctx.asarray(X), ctx.asarray(y), ctx.asarray(c)
        alphas = list(ctx.pick((32.0, 64.0, 128.0, 256.0, 512.0),
                               (16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0)))
        rows = []
        for a in alphas:
            V, g = ctx.asarray(a * Z), ctx.asarray(g0)
            _, Vk, G = R.effective_kernels(Xx, V, g, cx)
            eta = 1 / (3 * float(R.sym_eigvalsh(to_numpy(Vk) + to_numpy(G))[-1]))
            L0 = 0.5 * float(np.sum((to_numpy(wn.forward(Xx, V, g, cx)) - y) ** 2))
            tr, VK, gK = R.train_wn(Xx, yx, V, g, cx, eta, ctx.pick(400, 2000), track=False,
                                    stop_loss=1e-2 * L0)
            rows.append({"alpha": a, "steps": len(tr.loss) - 1,
                         "max_angle": R.max_angle(V, VK),
                         "mean_rel_g_change": float(np.mean(np.abs(to_numpy(gK) - g0) / g0)),
                         "final_over_initial_loss": float(tr.loss[-1] / tr.loss[0])})
        _, Vi, Gi = infinite(X, ctx)
        return {"rows": rows, "m": m, "crossover": R.crossover(Vi, Gi)}

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        res = _cached(("sec6_lazy", *_ctx_key(ctx)), lambda: run(ctx))
        rows = res["rows"]
        la = np.log([r["alpha"] for r in rows])
        ang = slope_ci(la, np.log([r["max_angle"] for r in rows]))
        gch = slope_ci(la, np.log([r["mean_rel_g_change"] for r in rows]))
        pa, pg = variant["angle_exponent"], variant["g_exponent"]
        ok_angle = ang[2] <= pa + 0.1  # upper-bound exponent: CI upper end <= predicted + 0.1
        ok_g = gch[1] >= pg - 0.1 if pg == 0 else gch[2] <= pg + 0.1
        reached = all(r["final_over_initial_loss"] <= 1e-2 for r in rows)
        ok = ok_angle and ok_g and reached
        details = {
            "design": f"n = 10 unit vectors in d = 50, m = {res['m']}, init (2.4) coupled across "
                      "alpha, GD with eta = 1/(3||Lambda(0)||) until loss <= 1e-2 loss(0); "
                      "log-log slopes with 95% t-intervals; an upper-bound exponent p passes "
                      "when the CI upper end <= p + 0.1; 'g_k change' passes when the g-slope "
                      "CI lower end >= -0.1",
            "rows": rows, "angle_slope": ang, "g_slope": gch,
            "kernel_crossovers": res["crossover"], "stated": {"angle": pa, "g": pg},
            "target_loss_reached": reached,
        }
        verdict = "confirmed" if ok else "refuted"
        if not ok:
            details["counterexample"] = {"angle_slope_ci": ang, "g_slope_ci": gch,
                                         "stated_angle_exponent": pa, "stated_g_exponent": pg}
        return _ev("experiment", verdict, details["design"], t0, ctx, examples=len(rows),
                   sizes={"n": 10, "d": 50, "m": res["m"]}, details=details)

    return check


def _sec6_transition(variant: Variant, ctx: Context) -> Evidence:
    """§6(b) on the App. F runs: α increases, the directions change fast early and slowly
    late, and the dominance ratio of V/α² over G falls (towards the G regime). Runs in
    which some g_k reaches 0 are set aside (``appf_verdict``)."""
    t0 = time.perf_counter()
    runs = _appf_cached(ctx)
    per_run, oks = [], []
    for res in runs:
        out = appf_trends(res, "ratio", "decreases")
        dom = res["dominance"]
        s_end = max(dom)
        facts = {"alpha_grows": out["facts"]["alpha_grows"],
                 "directions_change_faster_early":
                     out["facts"]["angle_variation_trend_as_stated"],
                 "starts_V_dominated": bool(dom[0]["trace"] > 1),
                 "trace_ratio_falls": bool(dom[s_end]["trace"] < dom[0]["trace"])}
        if variant["growth"] == "V_to_G":
            ok = all(facts.values())
        else:
            ok = (not facts["alpha_grows"]) and not facts["trace_ratio_falls"]
        oks.append(ok)
        per_run.append({"facts": facts, "passes": ok, "g_k_positive_throughout":
                        appf_valid(res), "numbers": out["numbers"],
                        "G_dominated_reached": out["numbers"]["G_dominated_reached"]})
    valid = [appf_valid(r) for r in runs]
    verdict, why = appf_verdict(oks, valid)
    details: dict[str, Any] = {
        "run": runs[0]["info"], "runs": per_run,
        "note": "the text's 'transitions into the G-dominated regime' is reported (which "
                "measures drop below 1, at which checkpoints), the trend is asserted"}
    if why:
        details["inconclusive"] = why
    if verdict == "refuted":
        details["counterexample"] = [r["facts"] for r in per_run if r["g_k_positive_throughout"]]
    return _ev("experiment", verdict, "App. F runs (see dukler.appF)", t0, ctx,
               examples=len(runs), sizes=runs[0]["info"], details=details)


def _hp_gd_losses(inst: D.Instance, eta: float, steps: int) -> list[Any]:
    """½‖f(s) − y‖² for s = 0..steps of WN GD at 50 digits (``verify.highprec``)."""
    with hp.workdps():
        X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
        g, c, y = hp.mpf_vector(inst.g), hp.mpf_vector(inst.c), hp.mpf_vector(inst.y)
        e = mp.mpf(eta)
        out = []
        for s in range(steps + 1):
            f = hp.wn_forward(X, V, g, c)
            out.append(mp.fsum((a - b) ** 2 for a, b in zip(f, y, strict=True)) / 2)
            if s == steps:
                break
            dV, dg = hp.wn_gradients(X, y, V, g, c)
            V = [[a - e * b for a, b in zip(vr, dr, strict=True)] for vr, dr in zip(V, dV,
                                                                                    strict=True)]
            g = [a - e * b for a, b in zip(g, dg, strict=True)]
        return out


def _sec6_step(salt: int) -> Callable[[Variant, Context], Evidence]:
    """§6(c): for α > 1 a step size η = O(1/‖G(t)‖₂) is possible. Instantiated as η =
    (1/3)/‖G(0)‖₂: GD must satisfy ‖f(s) − y‖² ≤ (1 − ημ0/2)^s‖f(0) − y‖² (the G-regime rate
    of Thm 4.2) at every s. Also the largest linearly stable constant c_max = 2‖G∞‖/‖Λ∞(α)‖
    at α = 1.5 as d grows (no d-independent constant if it falls with d)."""

    def run(ctx: Context) -> dict[str, Any]:
        rng = ctx.rng(salt)
        n, d, m = 10, 50, 100
        X, y = sphere(rng, n, d), rng.uniform(-1, 1, n)
        _, Vi, Gi = infinite(X, ctx)
        mu0 = float(R.sym_eigvalsh(Gi)[0])
        cross = R.crossover(Vi, Gi)
        seed = int(rng.integers(2**32))
        Z, g0, c = coupled_init(ctx, m, d, seed)
        Xx, yx, cx = ctx.asarray(X), ctx.asarray(y), ctx.asarray(c)
        K = ctx.pick(200, 600)

        def one(a: float) -> dict[str, Any]:
            V, g = ctx.asarray(a * Z), ctx.asarray(g0)
            _, Vk, G = R.effective_kernels(Xx, V, g, cx)
            nG = float(R.sym_eigvalsh(G)[-1])
            eta = ETA_CONST / nG
            tr, _, _ = R.train_wn(Xx, yx, V, g, cx, eta, K, track=False)
            L = tr.loss
            bound = (1 - eta * mu0 / 2) ** np.arange(len(L)) * L[0]
            viol = np.flatnonzero(L > bound * (1 + 10 * n * eps()))
            return {"alpha": a, "eta": eta, "eta_times_norm_Lambda0":
                    eta * float(R.sym_eigvalsh(to_numpy(Vk) + to_numpy(G))[-1]),
                    "first_violation": int(viol[0]) if viol.size else None,
                    "max_loss_over_initial": float(L.max() / L[0]),
                    "final_over_initial": float(L[-1] / L[0])}

        rows_gt1 = [one(a) for a in (1.1, 1.5, 2.0, 4.0, 8.0, 16.0, 32.0)]
        rows_cross = [one(cross["spectral"] * k) for k in (1.0, 2.0, 4.0, 8.0)]
        dims = [50, 100, 200, 400, 784]
        cmax = []
        for dd in dims:
            _, Vd, Gd = infinite(sphere(rng, n, dd), ctx)
            cmax.append(2 * float(R.sym_eigvalsh(Gd)[-1]) /
                        float(R.sym_eigvalsh(Vd / 1.5**2 + Gd)[-1]))
        return {"X": X, "y": y, "Z": Z, "g0": g0, "c": c, "mu0": mu0, "crossover": cross,
                "gt1": rows_gt1, "cross": rows_cross, "dims": dims, "cmax": cmax, "m": m,
                "K": K}

    def check(variant: Variant, ctx: Context) -> Evidence:
        t0 = time.perf_counter()
        res = _cached(("sec6_step", *_ctx_key(ctx)), lambda: run(ctx))
        rows = res["gt1"] if variant["step_alphas"] == "gt1" else res["cross"]
        bad = [r for r in rows if r["first_violation"] is not None]
        slope = slope_ci(np.log(res["dims"]), np.log(res["cmax"]))
        details: dict[str, Any] = {
            "design": f"n = 10 unit vectors in d = 50, m = {res['m']}, K = {res['K']}, eta = "
                      "(1/3)/||G(0)||_2 (the O-constant instantiated as 1/3), bound "
                      "(1 - eta mu0/2)^s of Thm 4.2 checked at every s",
            "alphas_tested": [r["alpha"] for r in rows], "rows": rows,
            "kernel_crossovers": res["crossover"],
            "c_max_at_alpha_1.5": dict(zip(map(str, res["dims"]), res["cmax"], strict=True)),
            "c_max_loglog_slope_in_d": slope,
            "reading": "'a step size of order 1/||G(t)|| is possible' is read as: the G-regime "
                       "guarantee of Thm 4.2, ||f(s)-y||^2 <= (1 - eta mu0/2)^s ||f(0)-y||^2, "
                       "holds at every s with an absolute constant. Eventual convergence is "
                       "reported (rows.final_over_initial): WN recovers after the transient "
                       "because the jump in ||v_k|| raises the effective alpha",
        }
        verdict = "confirmed"
        if bad:
            r = min(bad, key=lambda row: row["first_violation"])
            no_constant = slope[2] < 0  # the admissible constant falls with d
            verdict = "refuted" if no_constant else "inconclusive"
            cex: dict[str, Any] = {**r, "c_max_slope_ci": slope}
            s = r["first_violation"]
            if s is not None and s <= 8:
                inst = D.Instance(res["X"], res["y"], r["alpha"] * res["Z"], res["g0"],
                                  res["c"], r["alpha"])
                L50 = _hp_gd_losses(inst, r["eta"], s)
                with mp.workdps(HP_DIGITS):
                    b50 = (1 - mp.mpf(r["eta"]) * mp.mpf(res["mu0"]) / 2) ** s * L50[0]
                    conf = L50[s] > b50
                cex["recheck_50"] = {"loss_s": mp.nstr(L50[s], 25), "bound_s": mp.nstr(b50, 25),
                                     "confirmed": bool(conf)}
                if not conf:
                    verdict = "inconclusive"
            else:
                verdict = "inconclusive"
                details["why"] = "first violation after step 8: not re-checked at 50 digits"
            if not no_constant:
                details["why"] = "c_max does not fall with d: a smaller absolute constant may do"
            details["counterexample"] = cex
        return _ev("experiment", verdict, details["design"], t0, ctx, examples=len(rows),
                   sizes={"n": 10, "d": 50, "m": res["m"], "K": res["K"]}, details=details)

    return check


SEC6_TEX = (
    r"\text{(a) G regime: directions of }\mathbf v_k\text{ stay (lazy), magnitudes }g_k\text{ "
    r"change; (b) }\alpha\uparrow\text{ in training: directions change fast early, then "
    r"G-dominated; (c) for }\alpha>1\text{ a step size }\eta=O(1/\|\mathbf G(t)\|_2)\text{ is "
    r"possible}"
)
SEC6_CORRECTED_TEX = (
    r"\text{(a) as printed; (b) }\alpha\uparrow\text{, direction changes slow down and the "
    r"dominance of }\mathbf V/\alpha^2\text{ over }\mathbf G\text{ falls (G-dominance not "
    r"reached in the runs); (c') for }\alpha\ge\alpha_\times^{\|\cdot\|}=\sqrt{\|\mathbf V^"
    r"\infty\|_2/\|\mathbf G^\infty\|_2}\ (\text{not }\alpha>1)\text{, }\eta=\tfrac13/\|\mathbf "
    r"G(0)\|_2\text{ gives }\|\mathbf f(s)-\mathbf y\|^2\le(1-\eta\mu_0/2)^s\|\mathbf f(0)-"
    r"\mathbf y\|^2;\ \text{near }\alpha=1\text{ the admissible constant falls like }1/d"
)


@implements("dukler.sec6")
def _sec6() -> Implementation:
    base = {"angle_exponent": -2, "g_exponent": 0, "growth": "V_to_G"}
    return Implementation(
        ids=(),
        printed=Variant("printed", SEC6_TEX, {**base, "step_alphas": "gt1"}),
        corrected=Variant("corrected", SEC6_CORRECTED_TEX, {**base, "step_alphas": "crossover"}),
        checks=[
            symbolic_check("proxy_exponents", _sec6_symbolic),
            experiment("lazy", _sec6_lazy(2041)),
            experiment("transition", _sec6_transition),
            experiment("step_size", _sec6_step(2043)),
        ],
        perturbations=[
            Variant("angle_alpha3", r"\text{(a) directions change}\lesssim\alpha^{-3}",
                    {**base, "angle_exponent": -3, "step_alphas": "crossover"}),
            Variant("g_lazy", r"\text{(a) magnitudes also stay: }|\Delta g_k|/g_k\lesssim"
                    r"\alpha^{-2}", {**base, "g_exponent": -2, "step_alphas": "crossover"}),
            Variant("reverse_transition", r"\text{(b) }\alpha\downarrow,\ \mathbf G\text{- to }"
                    r"\mathbf V\text{-dominated}",
                    {**base, "growth": "G_to_V", "step_alphas": "crossover"}),
        ],
        rejected_by={"angle_alpha3": ("proxy_exponents", "lazy"),
                     "g_lazy": ("proxy_exponents", "lazy"),
                     "reverse_transition": ("transition",)},
    )
