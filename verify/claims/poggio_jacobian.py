"""Banburski, Poggio et al. [002] §11.2–11.3: critical points of the Lagrange-multiplier
flow (69) and of the standard-GD V-flow (78), their Jacobians (71), (76), (81), the
quadratic form along V, definiteness, uniqueness, the substituted multiplier and the
log t form (72)–(73), and the margin monotonicity of Lemma 8 / (74).

Conventions (catalog poggio.md §0): labels absorbed, f̃_n = y_n f(V; x_n); V_k on unit
spheres; "critical points" are local minimisers of L = Σ_n e^{−ρ f̃_n} on ∏_k S^{n_k−1}
located by Riemannian Newton to a normalised Riemannian gradient < 1e-13 (these are the
points where (69) with the constraint multiplier, and (78), vanish). Exponential weights
are shifted by a positive constant (e^{ρ min f̃}) where only signs and ratios matter.

Spectra: H (Jacobian of (69), λ fixed at the constraint value) and J (Jacobian of (78),
ρ_k fixed) are computed twice, assembled from exact gradients and per-sample Hessians and
by central differences of the exact vector field (``numeric.relunet.fd_jacobian``, the
activation pattern checked stable at every stencil point), and their eigenvalues are
reported on the tangent space of ∏_k S^{n_k−1} and on its normal directions separately.
An eigenvalue counts as zero when |λ| ≤ 1e-8 · spectral radius (catalog §0).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from typing import Any

import mpmath as mp
import numpy as np
import sympy as sp
from hypothesis import assume
from hypothesis import strategies as st

from derivations import poggio_jacobian as dj
from derivations import relunet as srn
from derivations.core import Derivation
from numeric import fd, relunet
from numeric import poggio_jacobian as pj
from numeric._backend import namespace, to_numpy
from verify import highprec as hp
from verify.api import Implementation, Variant, experiment, implements, prop, symbolic
from verify.context import Context
from verify.props import Outcome, Recheck, jsonable, run_property
from verify.symbolic import run_symbolic
from verify.tolerance import eps, gamma
from verify.verdicts import Evidence

EPS = eps()
ZERO_REL = 1e-8  # an eigenvalue is zero when |λ| ≤ 1e-8 · spectral radius (catalog §0)
CRIT_TOL = 1e-13  # normalised Riemannian gradient at a located critical point
H_HESS = 1e-4  # stencil of the pattern-stability guard (per-sample Hessians: closed form)
H_FIELD = 1e-4  # central-difference step of the vector fields
GUARD = 1e-3  # kink guard: min |pre-activation| and min |f̃_n|
# salts 3700–3799; "crit" is shared by the checks at located critical points (same draws,
# so the located points are computed once per process: ``_critical`` is cached)
SALT = {"crit": 3730, "eq69": 3700, "lamsq": 3704, "h71": 3706, "h81": 3708, "qf": 3710,
        "l727": 3716, "lemma8": 3718, "remark1": 3724}
REGION_K2 = ((1, 0),)  # a ReLU region of the width-2 hidden layer
LINEAR_K2 = ((1, 1),)


# --------------------------------------------------------------------------------------
# instances
# --------------------------------------------------------------------------------------


def _strategy(Ks: tuple[int, ...] = (1, 2, 3), acts: tuple[str, ...] = ("relu", "linear"),
              n_max: int = 4, rho: tuple[float, float] = (-0.5, 1.0), d_max: int = 3,
              w_max: int = 3, n_min: int = 1) -> st.SearchStrategy[dict[str, Any]]:
    """Instances {seed, K, d, width, N, act, rho}: the shape is one draw from a list of
    configurations ordered from simple to complex (cheap to shrink), ρ from a log-spaced
    grid on 10**[rho], seeds from [0, 1024]; arrays are built from the seed."""
    grid = [float(10**t) for t in np.linspace(rho[0], rho[1], 7)]
    configs = sorted(
        ((K, d, w, N, a) for K in Ks for d in range(2, d_max + 1) for w in range(1, w_max + 1)
         for N in range(n_min, n_max + 1) for a in acts if not (K == 1 and w > 1)),
        key=lambda c: (c[0] + c[1] + c[2] + c[3], c))

    def make(cfg: tuple, seed: int, r: float) -> dict[str, Any]:
        K, d, w, N, a = cfg
        return {"seed": seed, "K": K, "d": d, "width": w, "N": N, "act": a, "rho": r}

    return st.builds(make, st.sampled_from(configs), st.integers(0, 2**10),
                     st.sampled_from(grid))


def _key(ex: dict[str, Any]) -> tuple:
    return tuple(sorted(ex.items()))


@functools.lru_cache(maxsize=512)
def _instance(key: tuple) -> tuple[np.ndarray, pj.Shapes, np.ndarray, np.ndarray] | None:
    """Unit-norm V, data X and labels y = sign f(V; X) (the 'self_separable' data of
    catalog §0), or None when the kink guard or the margin guard fails."""
    ex = dict(key)
    rng = np.random.default_rng(ex["seed"])
    W = relunet.random_net(ex["d"], [ex["width"]] * (ex["K"] - 1), rng)
    shapes = pj.shapes_of(W)
    theta = pj.retract(relunet.flatten(W), shapes)
    X = rng.standard_normal((ex["N"], ex["d"]))
    V = relunet.unflatten(theta, shapes)
    f = relunet.forward(V, X, ex["act"])
    if np.min(np.abs(f)) < GUARD or relunet.min_abs_preactivation(V, X, ex["act"]) < GUARD:
        return None
    return theta, shapes, X, np.sign(f)


@functools.lru_cache(maxsize=512)
def _critical(key: tuple) -> tuple[np.ndarray, dict[str, Any]] | None:
    """A located local minimiser of L on ∏ S^{n_k−1} started from the instance's V, or None
    when it does not converge, leaves the separated set, or sits near a kink."""
    inst = _instance(key)
    if inst is None:
        return None
    ex = dict(key)
    theta0, shapes, X, y = inst
    theta, info = pj.critical_point(theta0, shapes, X, y, ex["rho"], ex["act"], tol=CRIT_TOL)
    V = relunet.unflatten(theta, shapes)
    f = y * relunet.forward(V, X, ex["act"])
    if info["grad"] > CRIT_TOL or np.min(f) <= GUARD:
        return None
    if relunet.min_abs_preactivation(V, X, ex["act"]) < 10 * H_HESS:
        return None
    if not pj.pattern_stable(theta, shapes, X, ex["act"], H_HESS):
        return None
    return theta, info


def _need(inst: Any) -> Any:
    assume(inst is not None)
    return inst


def _point(ex: dict[str, Any], at: str) -> tuple[np.ndarray, pj.Shapes, np.ndarray, np.ndarray]:
    """(θ, shapes, X, y) at a random unit V ("random") or at a located critical point."""
    theta, shapes, X, y = _need(_instance(_key(ex)))
    if at == "critical":
        theta = _need(_critical(_key(ex)))[0]
    else:
        assume(pj.pattern_stable(theta, shapes, X, ex["act"], H_HESS))
    return theta, shapes, X, y


def _parts(theta: np.ndarray, shapes: pj.Shapes, X: np.ndarray, y: np.ndarray, act: str,
           ctx: Context) -> tuple[Any, Any, Any]:
    """(f̃, G, per-sample Hessians) on the run's backend."""
    V = [ctx.asarray(v) for v in relunet.unflatten(theta, shapes)]
    f, G = pj.sample_grads(V, ctx.asarray(X), ctx.asarray(y), act)
    Hf = ctx.asarray(pj.sample_hessians_exact(theta, shapes, X, y, act))
    return f, G, Hf


# --------------------------------------------------------------------------------------
# 50-digit reference (exact rationals on the activation region, via SymPy)
# --------------------------------------------------------------------------------------


def _mp_parts(theta: np.ndarray, shapes: pj.Shapes, X: np.ndarray, y: np.ndarray,
              act: str, hessians: bool = True) -> tuple[list[Any], Any, list[Any]]:
    """(f̃_n, G (N×P), [∂²f̃_n]) at 50 digits: the network is a polynomial on the region of
    each x_n, evaluated at the float64 inputs (exact rationals)."""
    d = shapes[0][1]
    widths = [s[0] for s in shapes[:-1]]
    W = srn.weights(d, widths, name="v")
    flat = srn.flat(W)
    pt = {s: sp.Rational(float(v)) for s, v in zip(flat, theta, strict=True)}
    pats = [np.asarray(p) if act == "relu" else np.ones(np.asarray(p).shape, dtype=bool)
            for p in relunet.patterns(relunet.unflatten(theta, shapes), X, act)]

    def mpq(r: sp.Expr) -> Any:
        r = sp.Rational(r)
        return mp.mpf(int(r.p)) / int(r.q)

    fs, Gs, Hs = [], [], []
    with hp.workdps():
        for n in range(X.shape[0]):
            x = sp.Matrix([sp.Rational(float(v)) for v in X[n]])
            pattern = tuple(tuple(int(b) for b in p[n]) for p in pats)
            f = sp.expand(sp.Rational(float(y[n])) * srn.region_forward(W, x, pattern))
            g = [sp.diff(f, s) for s in flat]
            fs.append(mpq(f.subs(pt)))
            Gs.append([mpq(gi.subs(pt)) for gi in g])
            if hessians:
                Hs.append(mp.matrix([[mpq(sp.diff(gi, s).subs(pt)) for s in flat]
                                     for gi in g]))
        G = mp.matrix(Gs)
    return fs, G, Hs


def _mp_weights(fs: list[Any], rho: float, shift: float) -> list[Any]:
    return [mp.exp(-mp.mpf(rho) * f + mp.mpf(shift)) for f in fs]


def _mp_H(fs: list[Any], G: Any, Hs: list[Any], w: list[Any], c2: Any, c1: Any,
          lam: Any) -> Any:
    P = G.cols
    H = mp.matrix(P, P)
    for n in range(len(fs)):
        for i in range(P):
            for j in range(P):
                H[i, j] += w[n] * (-c2 * G[n, i] * G[n, j] + c1 * Hs[n][i, j])
    for i in range(P):
        H[i, i] -= 2 * lam
    return H


def _mp_tangent(theta: np.ndarray, shapes: pj.Shapes) -> Any:
    """An orthonormal basis of the tangent space at 50 digits (Gram–Schmidt per block)."""
    P = theta.size
    cols = []
    for a, b in pj.block_index(shapes):
        v = [mp.mpf(float(t)) for t in theta[a:b]]
        nv = mp.sqrt(mp.fsum(t * t for t in v))
        basis = [[t / nv for t in v]]
        for j in range(b - a):
            e = [mp.mpf(1) if i == j else mp.mpf(0) for i in range(b - a)]
            for q in basis:
                c = mp.fsum(ei * qi for ei, qi in zip(e, q, strict=True))
                e = [ei - c * qi for ei, qi in zip(e, q, strict=True)]
            ne = mp.sqrt(mp.fsum(t * t for t in e))
            if ne > mp.mpf("1e-20"):
                basis.append([t / ne for t in e])
        for q in basis[1:]:
            col = [mp.mpf(0)] * P
            col[a:b] = q
            cols.append(col)
    B = mp.matrix(P, len(cols))
    for j, c in enumerate(cols):
        for i in range(P):
            B[i, j] = c[i]
    return B


def _mp_maxabs(A: Any) -> Any:
    return max(abs(A[i, j]) for i in range(A.rows) for j in range(A.cols))


# --------------------------------------------------------------------------------------
# symbolic runner helper
# --------------------------------------------------------------------------------------


def _sym(builder: Callable[[Variant], list[Derivation]], scope: str) -> Callable[..., Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        return run_symbolic(ctx, lambda: iter(builder(variant)), scope)

    return check


def _not_checkable(scope: str, why: str) -> Callable[..., Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        return Evidence("property", "not-checkable", scope, details={"why": why})

    return check


def _scale(G: np.ndarray, w: np.ndarray, rho: float, lam: float) -> float:
    return float(rho * np.sum(w * np.linalg.norm(G, axis=1)) + 2 * abs(lam)) + 1e-300


def _fd(fun: Callable[[Any], Any], theta: np.ndarray, ctx: Context, f_abs: float
        ) -> tuple[np.ndarray, np.ndarray]:
    """Richardson central differences of ``fun`` (on the run's backend) with the error
    bound of ``numeric.fd`` (truncation + rounding)."""
    th = ctx.asarray(theta)
    J, err = fd.jacobian(fun, th, [H_FIELD] * theta.size, f_abs)
    return to_numpy(J), to_numpy(err)


def _fd_richardson(fun: Callable[[np.ndarray], np.ndarray], theta: np.ndarray,
                   f_abs: float) -> tuple[np.ndarray, np.ndarray]:
    """``relunet.fd_jacobian`` at h and h/2, Richardson-extrapolated, with the entrywise
    error model |J_h − J_{h/2}| + 4 eps·f_abs/h (``numeric.fd``)."""
    J1 = relunet.fd_jacobian(fun, theta, H_FIELD)
    J2 = relunet.fd_jacobian(fun, theta, H_FIELD / 2)
    return (4 * J2 - J1) / 3, np.abs(J2 - J1) + 4 * EPS * f_abs / H_FIELD


# ======================================================================================
# poggio.eq69 — the Lagrange critical-point equations
# ======================================================================================


def _eq69_sym(v: Variant) -> list[Derivation]:
    s = v["lam_sign"]
    return [dj.eq69(2, [2], REGION_K2, 1, lam_sign=s), dj.eq69(2, [], (), 2, lam_sign=s),
            dj.lagrange_lambda(2, [2], REGION_K2, 2, lam_sign=s)]


def _eq69_prop(variant: Variant, ctx: Context) -> Evidence:
    s = variant["lam_sign"]

    def setup(ex: dict[str, Any]) -> tuple:
        theta, shapes, X, y = _point(ex, "random")
        rng = np.random.default_rng(ex["seed"] + 1)
        lams = rng.uniform(0.1, 2.0, len(shapes))
        lamvec = np.concatenate([np.full(r * c, lk) for (r, c), lk in zip(shapes, lams,
                                                                            strict=True)])
        return theta, shapes, X, y, lamvec

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y, lamvec = setup(ex)
        rho, act, xp = ex["rho"], ex["act"], ctx.xp
        Xa, ya, lv = ctx.asarray(X), ctx.asarray(y), ctx.asarray(lamvec)

        def L(t: Any) -> Any:
            f, _ = pj.sample_grads(relunet.unflatten(t, shapes), Xa, ya, act)
            return xp.reshape(xp.sum(xp.exp(-rho * f)) + xp.sum(lv * t * t), (1,))

        f, G = pj.sample_grads([ctx.asarray(a) for a in relunet.unflatten(theta, shapes)],
                               Xa, ya, act)
        fn, Gn = to_numpy(f), to_numpy(G)
        w = np.exp(-rho * fn)
        Labs = float(np.sum(w) + np.sum(lamvec * theta**2))
        gL, err = _fd(L, theta, ctx, Labs)
        th = ctx.asarray(theta)
        field = to_numpy(rho * (ctx.asarray(w) @ G) + s * 2 * lv * th)
        scale = _scale(Gn, w, rho, float(np.max(lamvec)))
        r1 = float(np.max(np.abs(-gL[0] - field) / (err[0] + 64 * EPS * scale)))
        # the multiplier of (17)/l.727 keeps ‖V_k‖ = 1: V_kᵀ V̇_k = 0
        lam_c = 0.5 * rho * float(np.sum(w * fn))
        F = to_numpy(rho * (ctx.asarray(w) @ G) + s * 2 * lam_c * th)
        vt = [abs(float(theta[a:b] @ F[a:b])) for a, b in pj.block_index(shapes)]
        r2 = max(vt) / (gamma(4 * theta.size) * scale)
        return Outcome(max(r1, r2), 1.0, {"fd_ratio": r1, "constraint_ratio": r2,
                                          "V_k^T Vdot_k": vt})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y, lamvec = setup(ex)
        rho = ex["rho"]
        fs, G, _ = _mp_parts(theta, shapes, X, y, ex["act"], hessians=False)
        with hp.workdps():
            w = _mp_weights(fs, rho, 0)
            P = theta.size
            true = [mp.fsum(mp.mpf(rho) * w[n] * G[n, i] for n in range(len(fs)))
                    - 2 * mp.mpf(float(lamvec[i])) * mp.mpf(float(theta[i])) for i in range(P)]
            enc = [true[i] + (s + 1) * 2 * mp.mpf(float(lamvec[i])) * mp.mpf(float(theta[i]))
                   for i in range(P)]
            res = max(abs(a - b) for a, b in zip(true, enc, strict=True))
        return Recheck(hp.to_str(res), 1e-6, "max |−∇L (16) − (69) as encoded| at 50 digits")

    return run_property(ctx, strategy=_strategy(), body=body, recheck=recheck,
                        salt=SALT["eq69"], max_examples=ctx.pick(12, 150),
                        scope="random unit V, K ∈ {1,2,3}, widths 1–3, d ∈ {2,3}, N ≤ 4, "
                        "ReLU and linear, self-separable data, λ_k ∈ [0.1, 2]",
                        sizes={"K": [1, 3], "N": [1, 4]})


@implements("poggio.eq69")
def _eq69() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\dot V_k=\rho\sum_n e^{-\rho\tilde f(x_n)}\frac{\partial"
                        r"\tilde f(x_n)}{\partial V_k}-2\lambda_k(\rho)V_k", {"lam_sign": -1}),
        checks=[symbolic("symbolic", _sym(_eq69_sym, "activation region (1,0) of d=2, width 2 "
                                          "(K=2, N=1 and N=2) and K=1 (N=2), symbolic "
                                          "entries")),
                prop("property", _eq69_prop)],
        perturbations=[Variant("plus_lambda", r"\dot V_k=\rho\sum_n e^{-\rho\tilde f_n}"
                               r"\partial\tilde f_n/\partial V_k+2\lambda_kV_k\ \text{(the sign "
                               r"of (17))}", {"lam_sign": 1})],
        notes="(69) is −∂L/∂V_k of (16) exactly (gradient descent on the Lagrangian); the "
              "multiplier that keeps ‖V_k‖ = 1 is λ_k = ½ρ Σ e_n f̃_n (the value printed in "
              "(17) and at l.727). (17) prints +2λ_kV_k with the same λ_k; with that sign "
              "the constraint would need λ_k = −½ρΣe_nf̃_n (the perturbation 'plus_lambda' "
              "is refuted). 'We do not need to consider the ρ̇_k equations' is a remark "
              "about the method, not checked.",
    )


# ======================================================================================
# poggio.eq70 — V_k = g/(2λ), ‖g‖ = 2λ
# ======================================================================================


def _crit_tol(Gn: np.ndarray, fn: np.ndarray) -> float:
    """How far a located critical point (normalised Riemannian gradient ≤ CRIT_TOL) may
    leave V_k = g/(2λ): ‖P g‖/(2λ) ≤ CRIT_TOL·ρ max‖G_n‖ Σw / (ρ Σ w f̃) ≤ CRIT_TOL·max‖G_n‖
    / min f̃ (×10 for the rounding of the located point)."""
    return 10 * CRIT_TOL * float(np.max(np.linalg.norm(Gn, axis=1))) / float(np.min(fn)) + \
        gamma(8 * Gn.size)


def _eq70_prop(variant: Variant, ctx: Context) -> Evidence:
    factor = variant["factor"]
    spectra: list[Any] = []

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y = _point(ex, "critical")
        rho = ex["rho"]
        V = [ctx.asarray(a) for a in relunet.unflatten(theta, shapes)]
        f, G = pj.sample_grads(V, ctx.asarray(X), ctx.asarray(y), ex["act"])
        fn, Gn = to_numpy(f), to_numpy(G)
        shift = rho * float(np.min(fn))
        w = pj.weights(f, rho, shift)
        g = to_numpy(rho * (w @ G))
        lam = float(to_numpy(pj.lagrange_lambda(f, rho, shift)))
        errs, ratios = [], []
        for a, b in pj.block_index(shapes):
            errs.append(float(np.linalg.norm(theta[a:b] - g[a:b] / (factor * lam))))
            ratios.append(float(np.linalg.norm(g[a:b]) / (2 * lam)))
        if len(spectra) < 6:
            spectra.append({"rho": rho, "lambda/|g_k|": [1 / (2 * r) for r in ratios]})
        return Outcome(max(errs + [abs(r - 1) for r in ratios]), _crit_tol(Gn, fn),
                       {"|V_k - g/(c lambda)|": errs, "|g_k|/(2 lambda)": ratios})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y = _point(ex, "critical")
        rho = ex["rho"]
        fs, G, _ = _mp_parts(theta, shapes, X, y, ex["act"], hessians=False)
        with hp.workdps():
            w = _mp_weights(fs, rho, 0)
            lam = mp.mpf(rho) / 2 * mp.fsum(wi * fi for wi, fi in zip(w, fs, strict=True))
            worst = mp.mpf(0)
            for a, b in pj.block_index(shapes):
                gk = [mp.mpf(rho) * mp.fsum(w[n] * G[n, i] for n in range(len(fs)))
                      for i in range(a, b)]
                e = mp.sqrt(mp.fsum((mp.mpf(float(theta[a + i])) - gk[i] / (factor * lam)) ** 2
                                    for i in range(b - a)))
                worst = max(worst, e)
        _, Gn = pj.sample_grads(relunet.unflatten(theta, shapes), X, y, ex["act"])
        fn = y * relunet.forward(relunet.unflatten(theta, shapes), X, ex["act"])
        return Recheck(hp.to_str(worst), _crit_tol(Gn, fn), "max_k ‖V_k − g_k/(cλ)‖")

    ev = run_property(ctx, strategy=_strategy(), body=body, recheck=recheck,
                      salt=SALT["crit"], max_examples=ctx.pick(12, 120),
                      scope="located critical points of (69) (λ from the constraint), K ≤ 3, "
                      "widths ≤ 3, N ≤ 4, ReLU and linear, ρ ∈ [0.3, 10]",
                      sizes={"K": [1, 3], "N": [1, 4]})
    ev.details["lambda_over_g"] = jsonable(spectra)
    return ev


@implements("poggio.eq70")
def _eq70() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"V_k=\frac{g(t)}{2\lambda},\quad 1=\frac{g^2}{4\lambda^2}"
                        r"\ (\lambda\to0\text{ at the rate of }g)", {"factor": 2}),
        checks=[symbolic("symbolic", lambda v, ctx: run_symbolic(
                    ctx, lambda: [dj.eq70(v["factor"])], "generic g ∈ ℝ³, λ > 0")),
                prop("property", _eq70_prop)],
        perturbations=[Variant("no_two", r"V_k=g/\lambda", {"factor": 1})],
        notes="g is read per layer, g_k = ρ Σ e_n ∂f̃_n/∂V_k, and g² as ‖g_k‖². At every "
              "located critical point λ/‖g_k‖ = 1/2 exactly (reported along ρ), so λ and ‖g‖ "
              "go to zero at the same rate.",
    )


# ======================================================================================
# poggio.sec11_2.lambda_sq — the linear one-layer multiplier
# ======================================================================================


def _lamsq_values(v: np.ndarray, X: np.ndarray, y: np.ndarray, rho: float, rhs: str
                  ) -> tuple[float, np.ndarray]:
    Z = X * y[:, None]
    a = np.exp(-rho * (Z @ v))
    s = rho * (a @ Z)
    lam = float(v @ s)
    if rhs == "printed":
        enc = rho**2 * (np.exp(2 * rho * (Z @ v)) @ Z)
    elif rhs == "rho1":
        enc = np.full(X.shape[1], rho * float(s @ s) / rho**2)
    else:
        enc = np.full(X.shape[1], float(s @ s))
    return lam, enc


def _lamsq_prop(variant: Variant, ctx: Context) -> Evidence:
    rhs = variant["rhs"]

    def body(ex: dict[str, Any]) -> Outcome:
        theta, _, X, y = _point(ex, "critical")
        xp = ctx.xp
        Z = ctx.asarray(X * y[:, None])
        v = ctx.asarray(theta)
        a = xp.exp(-ex["rho"] * (Z @ v))
        s = ex["rho"] * (a @ Z)
        lam = float(to_numpy(xp.sum(v * s)))
        _, enc = _lamsq_values(theta, X, y, ex["rho"], rhs)
        err = float(np.max(np.abs(lam**2 - enc)))
        scale = lam**2 + float(np.max(np.abs(enc)))
        return Outcome(err, 1e3 * CRIT_TOL * scale + gamma(8 * X.size) * scale,
                       {"lambda^2": lam**2, "encoded": enc.tolist()})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, _, X, y = _point(ex, "critical")
        rho = mp.mpf(ex["rho"])
        with hp.workdps():
            Z = [[mp.mpf(float(yy)) * mp.mpf(float(t)) for t in row] for row, yy in zip(X, y,
                                                                                   strict=True)]
            v = [mp.mpf(float(t)) for t in theta]
            m = [hp.dot(z, v) for z in Z]
            s = [rho * mp.fsum(mp.exp(-rho * mi) * z[j] for mi, z in zip(m, Z, strict=True))
                 for j in range(len(v))]
            lam = hp.dot(v, s)
            if rhs == "printed":
                enc = [rho**2 * mp.fsum(mp.exp(2 * rho * mi) * z[j] for mi, z in zip(m, Z,
                                                                                    strict=True))
                       for j in range(len(v))]
            elif rhs == "rho1":
                enc = [hp.dot(s, s) / rho] * len(v)
            else:
                enc = [hp.dot(s, s)] * len(v)
            res = max(abs(lam**2 - e) for e in enc)
            scale = lam**2 + max(abs(e) for e in enc)
        return Recheck(hp.to_str(res), float(1e3 * CRIT_TOL * scale + gamma(8 * X.size) * scale),
                       "max_i |λ² − encoded_i| at the located critical point")

    return run_property(ctx, strategy=_strategy(Ks=(1,), acts=("linear",)), body=body,
                        recheck=recheck, salt=SALT["lamsq"], max_examples=ctx.pick(12, 120),
                        scope="K=1 linear, d ∈ {2,3}, N ≤ 4, self-separable data, located "
                        "critical point of the Lagrange flow, ρ ∈ [0.3, 10]",
                        sizes={"d": [2, 3], "N": [1, 4]})


@implements("poggio.sec11_2.lambda_sq")
def _lambda_sq() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\sum\alpha_n\rho x_n-\lambda v=0,\quad\lambda^2=\sum_n "
                        r"e^{2\rho v^Tx_n}\rho^2x_n,\quad\lambda\to0\ (\rho\to\infty)",
                        {"rhs": "printed"}),
        corrected=Variant("corrected", r"\lambda=\rho\sum_n\alpha_nv^Tx_n,\quad\lambda^2=\rho^2"
                          r"\Big\|\sum_n e^{-\rho v^Tx_n}x_n\Big\|^2\to0\ (\rho\to\infty)",
                          {"rhs": "corrected"}),
        checks=[symbolic("symbolic", lambda v, ctx: run_symbolic(
                    ctx, lambda: [dj.lambda_sq(v["rhs"])], "K=1 linear, N=1, d=2, exact")),
                prop("property", _lamsq_prop)],
        perturbations=[Variant("rho_not_squared", r"\lambda^2=\rho\|\sum_n\alpha_nx_n\|^2",
                               {"rhs": "rho1"})],
        notes="Read with α_n = e^{−ρ vᵀx_n} (labels absorbed) and λ the coefficient of v in "
              "'Σ α_n ρ x_n − λ v' (= 2λ_k of (69); with the (69) reading λ_k² = ρ²‖Σα_nx_n‖²/4). "
              "The printed right-hand side is a vector (x_n) with the exponent's sign flipped; "
              "compared entrywise it differs from λ² (refuted); the corrected "
              "λ² = ρ²‖Σ_n e^{−ρvᵀx_n} x_n‖² holds, and λ → 0 as ρ → ∞ (symbolic limit).",
    )


# ======================================================================================
# poggio.eq71 / poggio.eq81 — the Hessian (Jacobian of (69))
# ======================================================================================


def _h81_sym(v: Variant) -> list[Derivation]:
    kw = {"exponent": v["exponent"], "rank1_sign": v.get("rank1_sign", -1)}
    return [dj.hessian_71(2, [1], ((1,),), 1, **kw), dj.hessian_71(2, [2], REGION_K2, 1, **kw)]


def _h81_prop(salt: int) -> Callable[[Variant, Context], Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        expo, sgn = variant["exponent"], variant.get("rank1_sign", -1)

        def setup(ex: dict[str, Any]) -> tuple:
            theta, shapes, X, y = _point(ex, "random")
            rng = np.random.default_rng(ex["seed"] + 2)
            rhos = 10 ** rng.uniform(-0.5, 0.5, len(shapes))
            lam = float(rng.uniform(0.1, 2.0))
            return theta, shapes, X, y, rhos, lam

        def encoded(f: Any, G: Any, Hf: Any, rhos: np.ndarray, lam: float, shift: float
                    ) -> Any:
            rho = float(np.prod(rhos))
            E = float(np.sum(rhos)) if expo == "sum" else rho
            w = pj.weights(f, E, shift)
            return pj.hessian_81(G, Hf, w, -sgn * rho**2, rho, lam)

        def body(ex: dict[str, Any]) -> Outcome:
            theta, shapes, X, y, rhos, lam = setup(ex)
            rho = float(np.prod(rhos))
            f, G, Hf = _parts(theta, shapes, X, y, ex["act"], ctx)
            fn = to_numpy(f)
            Xa, ya = ctx.asarray(X), ctx.asarray(y)
            shift = 0.0
            H = to_numpy(encoded(f, G, Hf, rhos, lam, shift))
            w = np.exp(-rho * fn)
            f_abs = _scale(to_numpy(G), w, rho, lam)
            J, err = _fd(lambda t: pj.lagrange_field(t, shapes, Xa, ya, rho, lam, ex["act"]),
                         theta, ctx, f_abs)
            Hscale = float(np.max(np.abs(J))) + 2 * lam
            ratio = float(np.max(np.abs(H - J) / (err + 1e-6 * Hscale)))
            return Outcome(ratio, 1.0, {"max|H - J_fd|": float(np.max(np.abs(H - J))),
                                        "rho_k": rhos.tolist()})

        def recheck(ex: dict[str, Any]) -> Recheck:
            theta, shapes, X, y, rhos, lam = setup(ex)
            fs, G, Hs = _mp_parts(theta, shapes, X, y, ex["act"])
            with hp.workdps():
                rho = mp.fprod([mp.mpf(float(r)) for r in rhos])
                E = mp.fsum([mp.mpf(float(r)) for r in rhos]) if expo == "sum" else rho
                true = _mp_H(fs, G, Hs, [mp.exp(-rho * f) for f in fs], rho**2, rho,
                             mp.mpf(lam))
                enc = _mp_H(fs, G, Hs, [mp.exp(-E * f) for f in fs], -sgn * rho**2, rho,
                            mp.mpf(lam))
                res = _mp_maxabs(true - enc)
                scale = _mp_maxabs(true)
            return Recheck(hp.to_str(res), float(1e-6 * scale),
                           "max |Jacobian of (69) − encoded H| at 50 digits (the Jacobian "
                           "in the form (81), proved by the symbolic check)")

        return run_property(ctx, strategy=_strategy(Ks=(2, 3)), body=body, recheck=recheck,
                            salt=salt, max_examples=ctx.pick(8, 100),
                            scope="random unit V, K ∈ {2,3}, widths ≤ 3, N ≤ 4, ReLU and "
                            "linear, per-layer ρ_i ∈ [0.3, 3], fixed λ ∈ [0.1, 2]",
                            sizes={"K": [2, 3], "N": [1, 4]})

    return check


_H_TEX = (r"H_{k,k'}^{i,j}=\sum_n\Big[-\Big(\prod_i\rho_i^2\Big)\frac{\partial\tilde f_n}"
          r"{\partial V_k}\frac{\partial\tilde f_n}{\partial V_{k'}}^T+\Big(\prod_i\rho_i\Big)"
          r"\frac{\partial^2\tilde f_n}{\partial V_k\partial V_{k'}}\Big]")


@implements("poggio.eq71")
def _eq71() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", _H_TEX + r"e^{-\sum_i\rho_i\tilde f_n}-2\lambda(\rho)I",
                        {"exponent": "sum"}),
        corrected=Variant("corrected", _H_TEX + r"e^{-\prod_i\rho_i\tilde f_n}-2\lambda(\rho)I"
                          r"\ \text{(= (81))}", {"exponent": "product"}),
        checks=[symbolic("symbolic", _sym(_h81_sym, "K=2: d=2 widths 1 and 2 (region (1,0)), "
                                          "N=1, symbolic entries and ρ_1, ρ_2, λ")),
                prop("property", _h81_prop(SALT["h71"]))],
        perturbations=[Variant("rank1_plus", r"(71)\ \text{with }+\prod\rho_i^2\,\partial\tilde "
                               r"f\partial\tilde f^T", {"exponent": "sum", "rank1_sign": 1})],
        notes="H is the Jacobian of the right-hand side of (69) with λ fixed (the printed "
              "signs); the Hessian of L in (16) is −H. The exponent e^{−Σ_iρ_if̃} of (71) is "
              "not e^{−ρf̃} (ρ = ∏ρ_i) unless K = 1 or Σρ_i = ∏ρ_i: refuted; (81) prints "
              "the product and is proved.",
    )


@implements("poggio.eq81")
def _eq81() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", _H_TEX + r"e^{-\prod_i\rho_i\tilde f_n}-2\lambda(\rho)I",
                        {"exponent": "product"}),
        checks=[symbolic("symbolic", _sym(_h81_sym, "K=2: d=2 widths 1 and 2 (region (1,0)), "
                                          "N=1, symbolic entries and ρ_1, ρ_2, λ")),
                prop("property", _h81_prop(SALT["h81"]))],
        perturbations=[Variant("rank1_plus", r"(81)\ \text{with }+\prod\rho_i^2\,\partial\tilde "
                               r"f\partial\tilde f^T", {"exponent": "product", "rank1_sign": 1})],
        notes="H is the Jacobian of (69) w.r.t. V at fixed λ, i.e. minus the Hessian of L "
              "(16); proved on activation regions and confirmed against central differences "
              "of the exact vector field.",
    )


# ======================================================================================
# poggio.sec11_2.hess_qf — the three terms of Σ_{kk'} V_kᵀ H V_{k'}
# ======================================================================================


def _qf_sym(v: Variant) -> list[Derivation]:
    sq = v.get("t2_square", False)
    return [dj.hess_terms(2, [2], REGION_K2, t2_square=sq),
            dj.hess_terms(2, [1, 1], ((1,), (1,)), t2_square=sq),
            dj.qf_third_term(2, 2, v["lam_rho"], True),
            dj.qf_third_term(3, 2, v["lam_rho"], True)]


def _qf_prop(variant: Variant, ctx: Context) -> Evidence:
    lam_rho, sq = variant["lam_rho"], variant.get("t2_square", False)

    def terms(f: np.ndarray, G: np.ndarray, Hf: np.ndarray, theta: np.ndarray, K: int,
              rho: float) -> tuple[list[float], list[float], float]:
        w = np.exp(-rho * (f - np.min(f)))
        t1 = -rho**2 * float(np.sum(w * (G @ theta) ** 2))
        t2 = rho * float(np.einsum("n,i,nij,j->", w, theta, Hf, theta))
        lam_c = 0.5 * rho * float(np.sum(w * f))
        lam_p = 0.5 * (rho if lam_rho else 1.0) * float(np.sum(w * f))
        t3 = -2 * lam_p * float(theta @ theta)
        S = float(np.sum(w * f))
        printed = [-(K**2) * rho**2 * float(np.sum(w * f**2)),
                   (K**2 if sq else K * (K - 1)) * rho * S, -K * rho * S, lam_c]
        scale = rho**2 * float(np.sum(w * f**2)) + K**2 * rho * S + 1e-300
        return [t1, t2, t3, lam_p], printed, scale

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y = _point(ex, "random")
        f, G, Hf = _parts(theta, shapes, X, y, ex["act"], ctx)
        got, printed, scale = terms(to_numpy(f), to_numpy(G), to_numpy(Hf), theta,
                                    len(shapes), ex["rho"])
        err = max(abs(a - b) for a, b in zip(got, printed, strict=True))
        return Outcome(err, 1e-9 * scale, {"T1,T2,T3,lambda": got, "printed": printed})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y = _point(ex, "random")
        fs, G, Hs = _mp_parts(theta, shapes, X, y, ex["act"])
        K, rho = len(shapes), mp.mpf(ex["rho"])
        with hp.workdps():
            th = [mp.mpf(float(t)) for t in theta]
            fmin = min(fs)
            w = [mp.exp(-rho * (f - fmin)) for f in fs]
            P = len(th)
            S = mp.fsum(wi * fi for wi, fi in zip(w, fs, strict=True))
            t1 = -rho**2 * mp.fsum(w[n] * mp.fsum(G[n, i] * th[i] for i in range(P)) ** 2
                                   for n in range(len(fs)))
            t2 = rho * mp.fsum(w[n] * mp.fsum(th[i] * Hs[n][i, j] * th[j] for i in range(P)
                                              for j in range(P)) for n in range(len(fs)))
            lam_p = (rho if lam_rho else 1) * S / 2
            t3 = -2 * lam_p * mp.fsum(t * t for t in th)
            printed = [-(K**2) * rho**2 * mp.fsum(wi * fi**2 for wi, fi in zip(w, fs,
                                                                              strict=True)),
                       (K**2 if sq else K * (K - 1)) * rho * S, -K * rho * S, rho * S / 2]
            res = max(abs(a - b) for a, b in zip([t1, t2, t3, lam_p], printed, strict=True))
            scale = rho**2 * mp.fsum(wi * fi**2 for wi, fi in zip(w, fs, strict=True)) + \
                K**2 * rho * S
        return Recheck(hp.to_str(res), float(1e-9 * scale), "max over (T1, T2, T3, λ) of "
                       "|computed − printed| (weights e^{−ρ(f̃_n − min f̃)})")

    return run_property(ctx, strategy=_strategy(), body=body, recheck=recheck,
                        salt=SALT["qf"], max_examples=ctx.pick(12, 120),
                        scope="random unit V, K ≤ 3, widths ≤ 3, N ≤ 4, ReLU and linear, "
                        "ρ ∈ [0.3, 10]; terms weighted by e_n and summed over n",
                        sizes={"K": [1, 3], "N": [1, 4]})


@implements("poggio.sec11_2.hess_qf")
def _hess_qf() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\sum_{kk'}V_k^THV_{k'}:\ -K^2\rho^2\tilde f_n^2e^{-\rho"
                        r"\tilde f_n},\ +K(K-1)\rho\tilde f_ne^{-\rho\tilde f_n},\ -2K\lambda;"
                        r"\ \lambda=\tfrac12\sum_ne^{-\rho\tilde f_n}\tilde f_n\Rightarrow-K\rho"
                        r"\tilde f_n", {"lam_rho": False}),
        corrected=Variant("corrected", r"\text{same terms};\ \lambda=\tfrac12\rho\sum_ne^{-\rho"
                          r"\tilde f_n}\tilde f_n\ \text{(the constraint value, (17), l.727)}"
                          r"\Rightarrow-2K\lambda=-K\rho\sum_ne^{-\rho\tilde f_n}\tilde f_n",
                          {"lam_rho": True}),
        checks=[symbolic("symbolic", _sym(_qf_sym, "regions of d=2 nets K=2 (width 2) and "
                                          "K=3 (widths 1,1); third term generic, K ∈ {2,3}")),
                prop("property", _qf_prop)],
        perturbations=[Variant("t2_K_squared", r"\text{second term }+K^2\rho\tilde f_ne^{-\rho"
                               r"\tilde f_n}", {"lam_rho": True, "t2_square": True})],
        notes="Terms weighted by e_n and summed over n. T1 = −K²ρ²Σe_nf̃_n² and "
              "T2 = K(K−1)ρΣe_nf̃_n hold for every V (structural lemma, eq. 5 and the mixed "
              "identity V_kᵀ∂²f̃/∂V_k∂V_{k'}V_{k'} = f̃); T3 = −2Kλ on unit V_k. The printed "
              "λ = ½Σe_nf̃_n misses the factor ρ of the constraint value (17)/l.727 and then "
              "gives −KΣe_nf̃_n, not the printed −Kρf̃: refuted; with λ = ½ρΣe_nf̃_n the third "
              "term is −KρΣe_nf̃_n as printed.",
    )


# ======================================================================================
# poggio.sec11_2.hess_negdef / poggio.sec11_3.hess_negdef — definiteness of H
# ======================================================================================


def _spectra(H: np.ndarray, theta: np.ndarray, shapes: pj.Shapes) -> dict[str, np.ndarray]:
    B = pj.tangent_basis(theta, shapes)
    Nb = pj.normal_basis(theta, shapes)
    Hs = 0.5 * (H + H.T)
    return {"tangent": np.linalg.eigvalsh(B.T @ Hs @ B) if B.shape[1] else np.zeros(0),
            "normal": np.linalg.eigvalsh(Nb.T @ Hs @ Nb),
            "ambient": np.linalg.eigvalsh(Hs)}


def _violation(sp_: dict[str, Any], radial: float, criterion: str) -> float:
    """≤ 0 iff the spectra satisfy the encoded definiteness (relative to the radius)."""
    r = max(float(max(abs(x) for x in sp_["ambient"])), 1e-300)

    def mx(key: str) -> float:
        return float(max(sp_[key])) / r if len(sp_[key]) else -1.0

    if criterion == "strict":  # negative definite (all directions)
        return mx("ambient") + ZERO_REL
    if criterion == "semi":  # the corrected statement at local minima
        return max(mx("tangent") - ZERO_REL, mx("normal") + ZERO_REL, radial / r + ZERO_REL)
    # "psd": positive semidefinite (a perturbation)
    return -float(min(sp_["ambient"])) / r - ZERO_REL


def _negdef_sym(v: Variant) -> list[Derivation]:
    crit = v["criterion"]
    out = [dj.negdef_condition(K) for K in (1, 2, 3, 4)]
    out.append(dj.linear_k2_critical(definiteness="strict" if crit == "strict" else "semi"))
    if crit == "psd":
        out.append(dj.linear_k2_critical(definiteness="psd"))
    return out


def _negdef_prop(variant: Variant, ctx: Context) -> Evidence:
    crit = variant["criterion"]
    report: list[dict[str, Any]] = []

    def lagrange_H(ex: dict[str, Any]) -> tuple:
        theta, shapes, X, y = _point(ex, "critical")
        rho = ex["rho"]
        f, G, Hf = _parts(theta, shapes, X, y, ex["act"], ctx)
        fn = to_numpy(f)
        # the printed hypothesis: ρ²K²f̃_n² > K(K−2)ρf̃_n for every n
        K = len(shapes)
        assume(bool(np.all(K**2 * (rho * fn) ** 2 > K * (K - 2) * rho * fn)))
        shift = rho * float(np.min(fn))
        w = pj.weights(f, rho, shift)
        lam = pj.lagrange_lambda(f, rho, shift)
        H = to_numpy(pj.hessian_81(G, Hf, w, rho**2, rho, lam))
        return theta, shapes, X, y, H, float(to_numpy(lam)), shift

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y, H, lam, shift = lagrange_H(ex)
        rho, act = ex["rho"], ex["act"]
        Xa, ya = ctx.asarray(X), ctx.asarray(y)
        def field(t: np.ndarray) -> np.ndarray:
            return to_numpy(pj.lagrange_field(ctx.asarray(t), shapes, Xa, ya, rho, lam, act,
                                              shift))

        Jfd, fd_err = _fd_richardson(field, theta, float(np.max(np.abs(H))))
        if float(np.max(np.abs(Jfd - H) - fd_err)) > 0:
            raise RuntimeError("assembled H (81) and the central-difference Jacobian of (69) "
                               "disagree beyond the FD error model")
        spa, spf = _spectra(H, theta, shapes), _spectra(Jfd, theta, shapes)
        radial = float(theta @ H @ theta)
        # the decision uses the assembled spectrum (exact on the region); the FD spectrum
        # agrees with it to within ‖J_fd − H‖₂ ≤ ‖fd_err‖_F (Weyl), reported
        v = _violation(spa, radial, crit)
        if len(report) < 8:
            r = float(np.max(np.abs(spa["ambient"])))
            report.append({"K": len(shapes), "act": act, "width": ex["width"], "N": ex["N"],
                           "rho": rho, "radius": r,
                           "tangent/radius": (spa["tangent"] / r).round(8).tolist(),
                           "normal/radius": (spa["normal"] / r).round(8).tolist(),
                           "fd_tangent/radius": (spf["tangent"] / r).round(8).tolist(),
                           "fd_error_F/radius": float(np.linalg.norm(fd_err)) / r,
                           "radial_qf/radius": radial / r})
        return Outcome(v, 0.0, {"tangent": spa["tangent"].tolist(),
                                "normal": spa["normal"].tolist(),
                                "fd_tangent": spf["tangent"].tolist(), "radial_qf": radial})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y = _point(ex, "critical")
        rho = ex["rho"]
        fs, G, Hs = _mp_parts(theta, shapes, X, y, ex["act"])
        with hp.workdps():
            fmin = min(fs)
            w = [mp.exp(-mp.mpf(rho) * (f - fmin)) for f in fs]
            lam = mp.mpf(rho) / 2 * mp.fsum(wi * fi for wi, fi in zip(w, fs, strict=True))
            H = _mp_H(fs, G, Hs, w, mp.mpf(rho) ** 2, mp.mpf(rho), lam)
            B = _mp_tangent(theta, shapes)
            th = mp.matrix([mp.mpf(float(t)) for t in theta])
            Nb = mp.matrix(theta.size, len(shapes))
            for k, (a, b) in enumerate(pj.block_index(shapes)):
                nk = mp.sqrt(mp.fsum(th[i] ** 2 for i in range(a, b)))
                for i in range(a, b):
                    Nb[i, k] = th[i] / nk
            amb = mp.eigsy(H, eigvals_only=True)
            tan = mp.eigsy(B.T * H * B, eigvals_only=True) if B.cols else []
            nor = mp.eigsy(Nb.T * H * Nb, eigvals_only=True)
            spx = {"ambient": [amb[i] for i in range(len(amb))],
                   "tangent": [tan[i] for i in range(len(tan))] if B.cols else [],
                   "normal": [nor[i] for i in range(len(nor))]}
            radial = (th.T * H * th)[0, 0]
            r = max(abs(x) for x in spx["ambient"])
            mx = {k: (max(v) / r if len(v) else mp.mpf(-1)) for k, v in spx.items()}
            if crit == "strict":
                viol = mx["ambient"] + ZERO_REL
            elif crit == "semi":
                viol = max(mx["tangent"] - ZERO_REL, mx["normal"] + ZERO_REL,
                           radial / r + ZERO_REL)
            else:
                viol = -min(spx["ambient"]) / r - ZERO_REL
            res = max(viol, mp.mpf(0))
        return Recheck(hp.to_str(res), 0.0, "violation of the encoded definiteness of H at "
                       "the located critical point, spectra at 50 digits (max eigenvalue/"
                       "radius + 1e-8)")

    ev = run_property(ctx, strategy=_strategy(), body=body, recheck=recheck,
                      salt=SALT["crit"], max_examples=ctx.pick(8, 120),
                      scope="located local minimisers of L on ∏S^{n_k-1} (critical points "
                      "of (69) with the constraint λ), separated data, K ≤ 3, widths ≤ 3, "
                      "N ≤ 4, ReLU and linear, ρ ∈ [0.3, 10]",
                      sizes={"K": [1, 3], "N": [1, 4]})
    ev.details["spectra"] = jsonable(report)
    return ev


@implements("poggio.sec11_2.hess_negdef", "poggio.sec11_3.hess_negdef")
def _hess_negdef() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\tilde f(x_n)>0\ \forall n:\ H\ \text{negative definite "
                        r"for finite }\rho\text{ with }\rho^2K^2\tilde f_n^2>K(K-2)\rho\tilde f_n"
                        r"\ (\text{only requires }\rho\tilde f_n>1)", {"criterion": "strict"}),
        corrected=Variant("corrected", r"\rho\tilde f_n>\tfrac{K-2}{K}\ \forall n:\ \sum_{kk'}"
                          r"V_k^THV_{k'}=\sum_ne_n(-K^2\rho^2\tilde f_n^2+K(K-2)\rho\tilde f_n)<0,"
                          r"\ H|_{\rm normal}\prec0;\ \text{at local minima }H|_{\rm tangent}"
                          r"\preceq0\text{, }\prec0\text{ iff the minimum is nondegenerate}",
                          {"criterion": "semi"}),
        checks=[symbolic("symbolic", _sym(_negdef_sym, "ρf̃ condition for K=1..4; exact "
                                          "critical point of a linear K=2 net (width 2)")),
                prop("spectra", _negdef_prop)],
        perturbations=[Variant("positive_semidefinite", r"H\succeq0", {"criterion": "psd"})],
        notes="H = Jacobian of (69) at the constraint λ = ½ρΣe_nf̃_n (= −Hessian of L on the "
              "tangent space). The radial computation is right: Σ V_kᵀHV_{k'} = "
              "Σ_n e_n(−K²ρ²f̃_n² + K(K−2)ρf̃_n) < 0 when ρf̃_n > (K−2)/K, so 'ρf̃_n > 1' "
              "suffices (proved). It does not give definiteness: at minima with a continuous "
              "symmetry (linear nets K ≥ 2 with hidden width ≥ 2: V_1 → QV_1, V_2 → V_2Qᵀ; ReLU "
              "layers with ≥ 3 units: neuron rescalings on the spheres) H has an exact zero "
              "eigenvalue on the tangent space, so 'negative definite' and 'the sufficient "
              "conditions for a local minimum are satisfied' fail (refuted; exact rational "
              "example in the symbolic check). Semi-definiteness as ρ → ∞ holds trivially "
              "(H → 0). l.725: the radial form is negative for all ρ > 0 iff K ≤ 2; for K = 3 "
              "and ρf̃_n < 1/3 the normal block of H has a positive eigenvalue (seen in "
              "exploration; such instances violate the printed hypothesis and are excluded by "
              "it). Ambient spectra are reported, not asserted. Spectra "
              "(tangent and normal separately, assembled and by central differences of the "
              "exact field) are in the evidence details.",
    )


# ======================================================================================
# poggio.sec11_2.uniqueness — "unique only for linear networks"
# ======================================================================================

# multi-start configurations: (label, seed, d, widths, N, act, ρ, starts)
_UNIQ_CASES = (("linear K=1", 3, 3, [], 4, "linear", 4.0, 4),
               ("linear K=2 width 2", 5, 2, [2], 3, "linear", 4.0, 4),
               ("ReLU K=2 width 3", 5, 2, [3], 4, "relu", 4.0, 5))


@functools.lru_cache(maxsize=8)
def _multistart(seed: int, d: int, widths: tuple[int, ...], N: int, act: str, rho: float,
                starts: int) -> tuple[list[dict[str, Any]], np.ndarray, np.ndarray, pj.Shapes]:
    """Local minimisers of L = Σ e^{−ρ f̃_n} on ∏S from random starts (teacher-labelled
    data), kept when converged (normalised gradient < 1e-13), separating and kink-free."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, d))
    T = relunet.random_net(d, list(widths), rng)
    shapes = pj.shapes_of(T)
    y = np.sign(relunet.forward(T, X, act))
    out = []
    for _ in range(starts):
        th0 = pj.retract(relunet.flatten(relunet.random_net(d, list(widths), rng)), shapes)
        th, info = pj.critical_point(th0, shapes, X, y, rho, act, tol=CRIT_TOL, maxit=100)
        V = relunet.unflatten(th, shapes)
        f = y * relunet.forward(V, X, act)
        if info["grad"] > CRIT_TOL or np.min(f) <= GUARD or \
                relunet.min_abs_preactivation(V, X, act) < GUARD:
            continue
        _, _, Hb, _ = pj.riemannian_parts(th, shapes, X, y, rho, act)
        ev = np.linalg.eigvalsh(Hb) if Hb.size else np.zeros(0)
        r = float(np.max(np.abs(ev))) if ev.size else 1.0
        if ev.size and float(np.min(ev)) < -ZERO_REL * r:
            continue  # a saddle, not a minimum
        u = relunet.forward(V, np.eye(d), act) if act == "linear" else f
        out.append({"theta": th, "loss": pj._loss(th, shapes, X, y, rho, act),
                    "predictor": np.asarray(u), "margins": f,
                    "tangent_rank": int(np.sum(np.abs(ev) > ZERO_REL * r)),
                    "tangent_dim": int(ev.size)})
    return out, X, y, shapes


def _clusters(points: list[np.ndarray], tol: float) -> int:
    reps: list[np.ndarray] = []
    for p in points:
        if all(np.max(np.abs(p - q)) > tol for q in reps):
            reps.append(p)
    return len(reps)


def _uniq_experiment(variant: Variant, ctx: Context) -> Evidence:
    t0 = time.perf_counter()
    reading = variant["reading"]
    rows, verdict, cex = [], "confirmed", None
    for label, seed, d, widths, N, act, rho, starts in _UNIQ_CASES:
        mins, X, y, shapes = _multistart(seed, d, tuple(widths), N, act, rho, starts)
        n_v = _clusters([m["theta"] for m in mins], 1e-6)
        n_u = _clusters([m["predictor"] for m in mins], 1e-6)
        n_loss = _clusters([np.array([m["loss"]]) for m in mins], 1e-9)
        rows.append({"case": label, "minimisers": len(mins), "distinct_in_V": n_v,
                     "distinct_predictors": n_u, "distinct_losses": n_loss,
                     "tangent_rank/dim": [(m["tangent_rank"], m["tangent_dim"]) for m in mins]})
        linear = act == "linear"
        count = n_v if reading == "V" else n_u
        ok = (count == 1) if (linear or reading == "predictor_all") else (n_loss >= 2)
        if not mins:
            verdict = "inconclusive" if verdict == "confirmed" else verdict
        elif not ok and verdict in ("confirmed", "inconclusive"):
            a = mins[0]
            b = next((m for m in mins[1:] if np.max(np.abs(
                (m["theta"] if reading == "V" else m["predictor"]) -
                (a["theta"] if reading == "V" else a["predictor"]))) > 1e-6), mins[0])
            with hp.workdps():
                la = _mp_loss(a["theta"], shapes, X, y, rho, act)
                lb = _mp_loss(b["theta"], shapes, X, y, rho, act)
            dist = float(np.max(np.abs(a["theta"] - b["theta"])))
            verdict = "refuted" if (dist > 1e-6 or ok) else "inconclusive"
            cex = {"case": label, "theta_a": a["theta"].tolist(), "theta_b": b["theta"].tolist(),
                   "loss_a_50_digits": hp.to_str(la), "loss_b_50_digits": hp.to_str(lb),
                   "max|theta_a - theta_b|": dist,
                   "note": "two converged local minimisers (normalised Riemannian gradient "
                           "< 1e-13, tangent Hessian ≥ 0) that differ"}
    details: dict[str, Any] = {"cases": jsonable(rows), "reading": reading}
    if cex is not None:
        details["counterexample"] = jsonable(cex)
    return Evidence("experiment", verdict, "multi-start Riemannian Newton on ∏S^{n_k-1}, "
                    "ρ = 4, teacher-labelled data; linear K=1, linear K=2 (width 2), ReLU K=2 "
                    "(width 3)", examples=sum(r["minimisers"] for r in rows), seed=ctx.seed,
                    seconds=time.perf_counter() - t0, details=details)


def _mp_loss(theta: np.ndarray, shapes: pj.Shapes, X: np.ndarray, y: np.ndarray, rho: float,
             act: str) -> Any:
    fs, _, _ = _mp_parts(theta, shapes, X, y, act, hessians=False)
    return mp.fsum(mp.exp(-mp.mpf(rho) * f) for f in fs)


def _uniq_sym(v: Variant) -> list[Derivation]:
    """The exact global minimiser of the linear K=2 example (V_1 = a xᵀ, V_2 = aᵀ) and its
    image under V ↦ −V: same f̃ (so both minimise L), distinct in V, same predictor."""
    x = sp.Matrix([sp.Rational(3, 5), sp.Rational(4, 5)])
    a = sp.Matrix([1, 0])
    V1, V2 = a * x.T, a.T
    dv = Derivation("sign symmetry of a linear K=2 net", "exact, d=2, width 2, N=1")
    f_plus = dv.step("f(V_1, V_2; x)", (V2 * V1 * x)[0, 0])
    f_minus = dv.step("f(-V_1, -V_2; x)", ((-V2) * (-V1) * x)[0, 0])
    dv.step("f is maximal: f = ‖x‖ = 1 = max over the unit spheres (Cauchy–Schwarz)",
            f_plus - 1)
    u_plus, u_minus = V2 * V1, (-V2) * (-V1)
    distinct_v = dv.step("max |V - (-V)|", max(abs(t) for t in list(2 * V1) + list(2 * V2)))
    if v["reading"] == "V":
        extra = sp.Integer(1) if (f_plus == f_minus and distinct_v != 0) else sp.Integer(0)
        dv.step("number of further global minimisers in V", extra)
        dv.conclude(extra)
    else:
        dv.conclude(sp.Matrix([*(u_plus - u_minus), f_plus - f_minus]))
    return [dv]


@implements("poggio.sec11_2.uniqueness")
def _uniqueness() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\text{for finite large }\rho\text{ the minimum (in }V_k"
                        r")\text{ is unique only for linear networks}", {"reading": "V"}),
        corrected=Variant("corrected", r"\text{linear nets: the minimiser is unique in predictor "
                          r"space }(V_K\cdots V_1)\text{, not in }V_k\text{ (sign and rotation "
                          r"symmetries); ReLU nets: several minima}", {"reading": "predictor"}),
        checks=[symbolic("symbolic", _sym(_uniq_sym, "exact linear K=2 example")),
                experiment("multistart", _uniq_experiment)],
        perturbations=[Variant("unique_for_relu", r"\text{unique in predictor space for every "
                               r"network}", {"reading": "predictor_all"})],
        rejected_by={"unique_for_relu": ("multistart",)},
        notes="Printed reading: uniqueness of the minimiser V = (V_1..V_K) on the spheres. For "
              "linear K ≥ 2 nets V and −V (and V_1 → QV_1, V_2 → V_2Qᵀ) give the same f̃, so "
              "the minimum is never unique in V (refuted, exact example). Corrected reading: "
              "unique in predictor space (end-to-end map), confirmed by multi-start for linear "
              "K ∈ {1,2}; for the ReLU example multi-start finds minima with different losses. "
              "The tangent Hessian ranks (dimension of the minimiser set) are in the details.",
    )


# ======================================================================================
# poggio.sec11_2.line727 / poggio.eq72 / poggio.eq73 — substituted λ and the log t form
# ======================================================================================


def _l727_forms(f: Any, G: Any, theta: Any, shapes: pj.Shapes, rho: Any, form: str,
                exp: Callable[[Any], Any], log: Callable[[Any], Any]) -> tuple[Any, list[Any]]:
    """(69) with the constraint λ, and the encoded 'becomes' form, (72) at t = e^ρ and (73)
    (two points), as flat lists (works on floats and on mpmath numbers)."""
    N, P = len(f), len(theta)
    w = [exp(-rho * fn) for fn in f]
    lam = rho / 2 * sum(wi * fi for wi, fi in zip(w, f, strict=True))
    f69 = [rho * sum(w[n] * G[n][i] for n in range(N)) - 2 * lam * theta[i] for i in range(P)]
    c = {"printed": lambda v: 1, "corrected": lambda v: v, "double": lambda v: 2 * v}[form]
    becomes = [rho * sum(w[n] * (G[n][i] - theta[i] * c(f[n])) for n in range(N))
               for i in range(P)]
    t = exp(rho)
    lt = log(t)
    tw = [exp(-f[n] * lt) for n in range(N)]  # t^{−f̃_n}
    e72 = [lt * sum(tw[n] * (G[n][i] - theta[i] * c(f[n])) for n in range(N)) for i in range(P)]
    order = sorted(range(N), key=lambda n: f[n])
    s, ss = order[0], order[1]
    if form == "printed":
        e73 = [lt * (tw[s] * (G[s][i] + tw[ss] * G[ss][i])) - theta[i] for i in range(P)]
    else:
        e73 = [lt * sum(tw[n] * (G[n][i] - theta[i] * c(f[n])) for n in (s, ss))
               for i in range(P)]
    return f69, [becomes, e72, e73]


def _l727_prop(variant: Variant, ctx: Context) -> Evidence:
    form = variant["form"]

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y = _point(ex, "critical" if ex["at_critical"] else "random")
        V = [ctx.asarray(a) for a in relunet.unflatten(theta, shapes)]
        f, G = pj.sample_grads(V, ctx.asarray(X), ctx.asarray(y), ex["act"])
        fn, Gn = to_numpy(f).tolist(), to_numpy(G).tolist()
        f69, forms = _l727_forms(fn, Gn, theta.tolist(), shapes, ex["rho"], form, math.exp,
                                 math.log)
        scale = ex["rho"] * sum(math.exp(-ex["rho"] * a) * (np.linalg.norm(g) + abs(a))
                                for a, g in zip(fn, Gn, strict=True)) + 1e-300
        errs = [max(abs(a - b) for a, b in zip(f69, fm, strict=True)) for fm in forms]
        return Outcome(max(errs), 1e-9 * scale, {"|becomes-(69)|, |(72)-(69)|, |(73)-(69)|":
                                                 errs, "|(69)|": max(abs(a) for a in f69)})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y = _point(ex, "critical" if ex["at_critical"] else "random")
        fs, G, _ = _mp_parts(theta, shapes, X, y, ex["act"], hessians=False)
        with hp.workdps():
            Gl = [[G[n, i] for i in range(G.cols)] for n in range(G.rows)]
            th = [mp.mpf(float(t)) for t in theta]
            f69, forms = _l727_forms(fs, Gl, th, shapes, mp.mpf(ex["rho"]), form, mp.exp,
                                     mp.log)
            res = max(max(abs(a - b) for a, b in zip(f69, fm, strict=True)) for fm in forms)
            scale = mp.mpf(ex["rho"]) * mp.fsum(
                mp.exp(-mp.mpf(ex["rho"]) * a) * (mp.norm(mp.matrix(g)) + abs(a))
                for a, g in zip(fs, Gl, strict=True))
        return Recheck(hp.to_str(res), float(1e-9 * scale), "max |form − (69)| over the "
                       "'becomes' form, (72) and (73), at 50 digits")

    strategy = st.builds(lambda d, c: {**d, "at_critical": c},
                         _strategy(n_min=2, n_max=2), st.booleans())
    return run_property(ctx, strategy=strategy, body=body, recheck=recheck,
                        salt=SALT["l727"], max_examples=ctx.pick(12, 120),
                        scope="N = 2 (x_*, x_**), random unit V and located critical points, "
                        "K ≤ 3, widths ≤ 3, ReLU and linear, ρ ∈ [0.3, 10], t = e^ρ",
                        sizes={"K": [1, 3], "N": [2, 2]})


@implements("poggio.sec11_2.line727", "poggio.eq72", "poggio.eq73")
def _line727() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\lambda_k=\tfrac12\rho\sum_ne^{-\rho\tilde f_n}\tilde f_n"
                        r"\Rightarrow\dot V_k=\rho\sum_ne^{-\rho\tilde f_n}(\partial_k\tilde f_n-"
                        r"V_k);\ (72)\ \dot V_k=\log t\sum_nt^{-\tilde f_n}(\partial_k\tilde f_n-"
                        r"V_k);\ (73)\ \dot V_k=\log t[t^{-\tilde f_*}(\partial_k\tilde f_*+t^{-"
                        r"\tilde f_{**}}\partial_k\tilde f_{**})]-V_k", {"form": "printed"}),
        corrected=Variant("corrected", r"\dot V_k=\rho\sum_ne^{-\rho\tilde f_n}(\partial_k"
                          r"\tilde f_n-V_k\tilde f_n);\ (72)\ \log t\sum_nt^{-\tilde f_n}(\partial"
                          r"_k\tilde f_n-V_k\tilde f_n);\ (73)\ \log t\sum_{n\in\{*,**\}}t^{-"
                          r"\tilde f_n}(\partial_k\tilde f_n-V_k\tilde f_n)",
                          {"form": "corrected"}),
        checks=[symbolic("symbolic", lambda v, ctx: run_symbolic(
                    ctx, lambda: [dj.substituted_field(v["form"])], "generic symbols, N=2")),
                prop("property", _l727_prop)],
        perturbations=[Variant("double", r"\dot V_k=\rho\sum_ne^{-\rho\tilde f_n}(\partial_k"
                               r"\tilde f_n-2V_k\tilde f_n)", {"form": "double"})],
        notes="Substituting λ_k = ½ρΣe_nf̃_n into (69) gives ρΣe_n(∂f̃_n/∂V_k − V_kf̃_n) "
              "(the standard-GD form (25) up to ρ_k²), not the printed ρΣe_n(∂f̃_n/∂V_k − "
              "V_k) (the factor f̃_n is lost); (72) inherits the error (its substitution "
              "ρ = log t, e^{−ρf̃} = t^{−f̃} is right); (73) as printed nests the second "
              "term inside the first bracket and subtracts an unweighted V_k. Compared with "
              "(69) at t = e^ρ, N = 2 (so (73)'s two-term truncation is exact). The sentence "
              "'V_k = 0 when ∂f̃(x_n)/∂V_k − 2λ_k(ρ)V_k = 0' is read as V̇_k = 0 (it drops "
              "the factor ρe_n) and is not scored. 'For large t the smallest f̃ dominates' "
              "is the one-support-vector limit of the corrected (72).",
    )


# ======================================================================================
# poggio.lemma8 / poggio.eq74 — margin monotonicity
# ======================================================================================


def _l8_values(f: np.ndarray, G: np.ndarray, theta: np.ndarray, shapes: pj.Shapes,
               rhos: np.ndarray, sign: int, power: int) -> tuple[float, float, float]:
    """(chain rule along (11) restricted to x*, the encoded (74), the full-sum chain rule),
    all multiplied by e^{ρ f̃*} (positive)."""
    rho = float(np.prod(rhos))
    s = int(np.argmin(f))
    w = np.exp(-rho * (f - f[s]))
    chain = rhs = full = 0.0
    for (a, b), rk in zip(pj.block_index(shapes), rhos, strict=True):
        gk = G[s, a:b]
        vd_star = rho / rk**2 * (gk - theta[a:b] * f[s])
        vd_full = rho / rk**2 * (w @ (G[:, a:b] - f[:, None] * theta[None, a:b]))
        chain += float(gk @ vd_star)
        full += float(gk @ vd_full)
        rhs += rho / rk**power * (float(gk @ gk) + sign * f[s] ** 2)
    return chain, rhs, full


def _l8_prop(variant: Variant, ctx: Context) -> Evidence:
    sign, power = variant["sign"], variant["power"]
    negatives: list[Any] = []

    def setup(ex: dict[str, Any]) -> tuple:
        theta, shapes, X, y = _point(ex, "random")
        rng = np.random.default_rng(ex["seed"] + 3)
        return theta, shapes, X, y, 10 ** rng.uniform(-0.5, 0.5, len(shapes))

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y, rhos = setup(ex)
        V = [ctx.asarray(a) for a in relunet.unflatten(theta, shapes)]
        f, G = pj.sample_grads(V, ctx.asarray(X), ctx.asarray(y), ex["act"])
        chain, rhs, full = _l8_values(to_numpy(f), to_numpy(G), theta, shapes, rhos, sign,
                                      power)
        scale = float(np.prod(rhos)) * sum(1 / r**2 for r in rhos) * (
            float(np.max(np.sum(to_numpy(G) ** 2, axis=1))) + float(np.max(to_numpy(f))) ** 2)
        if full < -1e-12 * scale and len(negatives) < 3:
            negatives.append({"example": dict(ex), "full_sum_derivative": full})
        # (74) as an identity, and the lemma's inequality ∂f̃*/∂t ≥ 0
        err = max(abs(chain - rhs), -chain)
        return Outcome(err, 1e-10 * scale, {"chain": chain, "rhs74": rhs, "full_sum": full})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y, rhos = setup(ex)
        fs, G, _ = _mp_parts(theta, shapes, X, y, ex["act"], hessians=False)
        with hp.workdps():
            s = min(range(len(fs)), key=lambda n: fs[n])
            rho = mp.fprod([mp.mpf(float(r)) for r in rhos])
            chain = rhs = mp.mpf(0)
            for (a, b), rk in zip(pj.block_index(shapes), rhos, strict=True):
                rk = mp.mpf(float(rk))
                gk = [G[s, i] for i in range(a, b)]
                vk = [mp.mpf(float(theta[i])) for i in range(a, b)]
                chain += rho / rk**2 * mp.fsum(g * (g - v * fs[s]) for g, v in zip(gk, vk,
                                                                                   strict=True))
                rhs += rho / rk**power * (mp.fsum(g * g for g in gk) + sign * fs[s] ** 2)
            res = max(abs(chain - rhs), -chain)
            scale = rho * mp.fsum(1 / mp.mpf(float(r)) ** 2 for r in rhos) * (
                max(mp.fsum(G[n, i] ** 2 for i in range(G.cols)) for n in range(G.rows))
                + max(fs) ** 2)
        return Recheck(hp.to_str(res), float(1e-10 * scale), "max(|chain − (74)|, −chain)")

    ev = run_property(ctx, strategy=_strategy(Ks=(1, 2, 3)), body=body, recheck=recheck,
                      salt=SALT["lemma8"], max_examples=ctx.pick(20, 200),
                      scope="random unit V, separable (self-labelled) data, K ≤ 3, widths ≤ 3, "
                      "N ≤ 4, ReLU and linear, per-layer ρ_k ∈ [0.3, 3]; hypothesis read as "
                      "one effective support vector (only x* in the sum of (11))",
                      sizes={"K": [1, 3], "N": [1, 4]})
    ev.details["reading_full_sum"] = jsonable({
        "what": "d f̃(x*)/dt along (11) with all N terms at the same points (the literal "
                "'∝' holds with C = Σ_n e^{−ρ(f̃_n − f̃*)}); negative values found:",
        "examples": negatives})
    return ev


def _l8_sym(v: Variant) -> list[Derivation]:
    out = [dj.eq74(2, [2], REGION_K2, rho_power=v["power"], sign=v["sign"]),
           dj.eq74(2, [], (), rho_power=v["power"], sign=v["sign"])]
    # the justification: |⟨V_k, G⟩| ≤ ‖V_k‖_F‖G‖_F (Cauchy–Schwarz), so ‖G‖² − f̃² ≥ 0 on
    # ‖V_k‖ = 1: Lagrange's identity ‖V‖²‖G‖² − ⟨V,G⟩² = Σ_{i<j}(V_iG_j − V_jG_i)²
    Vs = sp.Matrix(sp.symbols("a_1:5", real=True))
    Gs = sp.Matrix(sp.symbols("b_1:5", real=True))
    dv = Derivation("‖G‖²‖V‖² − ⟨V,G⟩² is a sum of squares", "generic, 4 entries")
    lag = sum((Vs[i] * Gs[j] - Vs[j] * Gs[i]) ** 2 for i in range(4) for j in range(i + 1, 4))
    dv.step("Lagrange identity", lag)
    dv.conclude(sp.expand((Vs.T * Vs)[0, 0] * (Gs.T * Gs)[0, 0] - (Vs.T * Gs)[0, 0] ** 2 - lag))
    out.append(dv)
    return out


@implements("poggio.lemma8", "poggio.eq74")
def _lemma8() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\frac{\partial\tilde f(x^*)}{\partial t}=\sum_k\frac{\rho}"
                        r"{\rho_k^2}e^{-\rho\tilde f(x^*)}\Big(\Big\|\frac{\partial\tilde f(x^*)}"
                        r"{\partial V_k}\Big\|_F^2-\tilde f(x^*)^2\Big)\ge0",
                        {"sign": -1, "power": 2}),
        checks=[symbolic("symbolic", _sym(_l8_sym, "regions of d=2 nets K=2 (width 2) and "
                                          "K=1, N=1, symbolic entries and ρ_k; Lagrange "
                                          "identity")),
                prop("property", _l8_prop)],
        perturbations=[Variant("plus_f2", r"(74)\text{ with }+\tilde f(x^*)^2",
                               {"sign": 1, "power": 2})],
        notes="The hypothesis 'Σ_n e^{−ρf̃_n} ∝ e^{−ρf̃(x*)}' is read as one effective "
              "support vector: the flow (11) keeps only the x* term, as the proof does. Then "
              "(74) is an identity (structural lemma) and ≥ 0 by Cauchy–Schwarz "
              "|⟨V_k, ∂f̃/∂V_k⟩| ≤ ‖∂f̃/∂V_k‖_F (the printed 'V_kᵀ ∂f̃/∂V_k' must be read as "
              "the Frobenius inner product; 'sub-multiplicative' is not the argument needed). "
              "Literal reading (all N terms, '∝' with a constant C): d f̃*/dt can be negative "
              "at finite ρ; the examples found are reported in the property's details.",
    )


# ======================================================================================
# poggio.eq75 — standard-GD critical points
# ======================================================================================


def _eq75_prop(variant: Variant, ctx: Context) -> Evidence:
    projected = variant["projected"]

    def residual(theta: np.ndarray, shapes: pj.Shapes, f: Any, G: Any, rho: float) -> float:
        w = np.exp(-rho * (f - np.min(f)))
        worst = 0.0
        for a, b in pj.block_index(shapes):
            v = theta[a:b]
            Gk = G[:, a:b]
            PG = Gk - np.outer(Gk @ v, v) if projected else Gk
            worst = max(worst, float(np.linalg.norm(w @ PG)))
        return worst / (float(np.sum(w)) * float(np.max(np.linalg.norm(G, axis=1))))

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y = _point(ex, "critical")
        V = [ctx.asarray(a) for a in relunet.unflatten(theta, shapes)]
        f, G = pj.sample_grads(V, ctx.asarray(X), ctx.asarray(y), ex["act"])
        fn, Gn = to_numpy(f), to_numpy(G)
        rho = ex["rho"]
        # independent: the field (78) itself vanishes at the located point
        F = to_numpy(pj.standard_field(ctx.asarray(theta), shapes, ctx.asarray(X),
                                       ctx.asarray(y), [rho ** (1 / len(shapes))] * len(shapes),
                                       ex["act"], rho * float(np.min(fn))))
        r = residual(theta, shapes, fn, Gn, rho)
        return Outcome(r, 10 * CRIT_TOL + gamma(8 * Gn.size),
                       {"normalised (75) residual": r, "|(78)|": float(np.max(np.abs(F)))})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y = _point(ex, "critical")
        fs, G, _ = _mp_parts(theta, shapes, X, y, ex["act"], hessians=False)
        with hp.workdps():
            rho = mp.mpf(ex["rho"])
            fmin = min(fs)
            w = [mp.exp(-rho * (f - fmin)) for f in fs]
            worst = mp.mpf(0)
            for a, b in pj.block_index(shapes):
                v = [mp.mpf(float(t)) for t in theta[a:b]]
                acc = [mp.mpf(0)] * (b - a)
                for n in range(len(fs)):
                    g = [G[n, i] for i in range(a, b)]
                    vg = hp.dot(v, g) if projected else 0
                    acc = [acc[i] + w[n] * (g[i] - vg * v[i]) for i in range(b - a)]
                worst = max(worst, hp.norm(acc))
            gmax = max(hp.norm([G[n, i] for i in range(G.cols)]) for n in range(G.rows))
            res = worst / (mp.fsum(w) * gmax)
        _, Gn = pj.sample_grads(relunet.unflatten(theta, shapes), X, y, ex["act"])
        return Recheck(hp.to_str(res), 10 * CRIT_TOL + gamma(8 * Gn.size),
                       "normalised residual of (75) at 50 digits")

    return run_property(ctx, strategy=_strategy(), body=body, recheck=recheck,
                        salt=SALT["crit"], max_examples=ctx.pick(12, 120),
                        scope="located critical points of (78) (minimisers of L on ∏S), K ≤ 3, "
                        "widths ≤ 3, N ≤ 4, ReLU and linear, ρ ∈ [0.3, 10]",
                        sizes={"K": [1, 3], "N": [1, 4]})


@implements("poggio.eq75")
def _eq75() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"0=\sum_ne^{-y_nf(x_n)}(I-VV^T)\frac{\partial\tilde f(x_n)}"
                        r"{\partial V}", {"projected": True}),
        checks=[symbolic("symbolic", lambda v, ctx: run_symbolic(
                    ctx, lambda: [dj.eq75(2, [2], REGION_K2, v["projected"]),
                                  dj.eq75(2, [1, 1], ((1,), (1,)), v["projected"])],
                    "regions of d=2 nets K=2 (width 2), K=3 (widths 1,1), symbolic entries")),
                prop("property", _eq75_prop)],
        perturbations=[Variant("no_projection", r"0=\sum_ne^{-y_nf(x_n)}\frac{\partial\tilde f"
                               r"(x_n)}{\partial V}", {"projected": False})],
        notes="(I − V_kV_kᵀ)∂f̃/∂V_k = ∂f̃/∂V_k − V_kf̃ (structural lemma), so (75) is (26) "
              "termwise (proved); the exponent −y_nf(x_n) = −ρf̃_n with labels absorbed. "
              "Confirmed at located critical points, where (78) also vanishes.",
    )


# ======================================================================================
# poggio.eq76 — the Jacobian of the standard-GD V-flow
# ======================================================================================


def _j76_encoded(reading: str, theta: Any, shapes: pj.Shapes, G: Any, Hf: Any, f: Any,
                 w: Any, rhos: Any) -> Any:
    rho = relunet.product(list(rhos))
    if reading in ("literal", "intended"):
        return pj.jacobian_76(theta, shapes, G, Hf, f, w, rho, b_reading=reading)
    J = pj.jacobian_78(theta, shapes, G, Hf, f, w, rhos)
    if reading == "no_prefactor":  # perturbation: (78)'s ρ/ρ_k² dropped
        rows = []
        for (a, b), rk in zip(pj.block_index(shapes), rhos, strict=True):
            rows.append(J[a:b, :] * (rk**2 / rho))
        J = np.concatenate(rows, axis=0) if isinstance(J, np.ndarray) else \
            namespace(J).concat(rows, axis=0)
    return J


def _j76_claims(reading: str, theta: Any, shapes: pj.Shapes, f: Any, w: Any, rhos: Any
                ) -> Any:
    """The quadratic form Σ V_kᵀ J V_{k'} that the encoded statement asserts."""
    rho = relunet.product(list(rhos))
    S = sum(wi * fi for wi, fi in zip(list(w), list(f), strict=True))
    K = len(shapes)
    if reading in ("literal", "intended"):
        return -2 * K * rho * S  # bullets: 0 + (−2Kρ Σ e f̃) + 0
    if reading == "no_prefactor":
        return -2 * K * S
    return -2 * sum(rho / rk**2 for rk in rhos) * S


def _eq76_prop(variant: Variant, ctx: Context) -> Evidence:
    reading, crit = variant["reading"], variant["criterion"]
    report: list[Any] = []

    def setup(ex: dict[str, Any]) -> tuple:
        theta, shapes, X, y = _point(ex, "critical")
        rng = np.random.default_rng(ex["seed"] + 4)
        r = 10 ** rng.uniform(-0.3, 0.3, len(shapes))
        rhos = r * (ex["rho"] / float(np.prod(r))) ** (1 / len(shapes))  # ∏ρ_k = ρ
        return theta, shapes, X, y, [float(v) for v in rhos]

    def violations(J_true: Any, J_enc: Any, qf_enc: Any, qf_claim: Any, tol_e: Any,
                   tol_q: Any, eig_re: list[Any], r: Any) -> dict[str, Any]:
        entries = max(abs(x) for x in np.ravel(J_enc - J_true)) / tol_e - 1
        qf = abs(qf_enc - qf_claim) / tol_q - 1
        mx = max(eig_re) / r
        spec = mx + ZERO_REL if crit == "strict" else mx - ZERO_REL
        return {"entries": entries, "quadratic_form": qf, "spectrum": spec}

    def body(ex: dict[str, Any]) -> Outcome:
        theta, shapes, X, y, rhos = setup(ex)
        rho, act = float(np.prod(rhos)), ex["act"]
        f, G, Hf = _parts(theta, shapes, X, y, act, ctx)
        fn = to_numpy(f)
        shift = rho * float(np.min(fn))
        w = pj.weights(f, rho, shift)
        th = ctx.asarray(theta)
        J_true = to_numpy(pj.jacobian_78(th, shapes, G, Hf, f, w, list(rhos)))
        Xa, ya = ctx.asarray(X), ctx.asarray(y)

        def field(t: np.ndarray) -> np.ndarray:
            return to_numpy(pj.standard_field(ctx.asarray(t), shapes, Xa, ya, list(rhos), act,
                                              shift))

        Jfd, fd_err = _fd_richardson(field, theta, float(np.max(np.abs(J_true))))
        if float(np.max(np.abs(Jfd - J_true) - fd_err)) > 0:
            raise RuntimeError("derived Jacobian of (78) and central differences disagree")
        wn = to_numpy(w)
        J_enc = to_numpy(_j76_encoded(reading, th, shapes, G, Hf, f, w, list(rhos)))
        qf_enc = float(theta @ J_enc @ theta)
        qf_claim = float(_j76_claims(reading, theta, shapes, fn, wn, list(rhos)))
        scale = float(np.max(np.abs(J_true))) + 1e-300
        eig = np.linalg.eigvals(J_true)
        r = float(np.max(np.abs(eig))) + 1e-300
        v = violations(J_true, J_enc, qf_enc, qf_claim, float(np.max(fd_err)) + 1e-9 * scale,
                       1e-9 * scale * theta.size, eig.real.tolist(), r)
        if len(report) < 6:
            B = pj.tangent_basis(theta, shapes)
            et = np.linalg.eigvals(B.T @ J_true @ B) if B.shape[1] else np.zeros(0)
            Nb = pj.normal_basis(theta, shapes)
            en = np.linalg.eigvals(Nb.T @ J_true @ Nb)
            report.append({"K": len(shapes), "act": act, "width": ex["width"], "rho": rho,
                           "ambient_re/radius": np.sort(eig.real / r).round(8).tolist(),
                           "tangent_re/radius": np.sort(et.real / r).round(8).tolist(),
                           "normal_re/radius": np.sort(en.real / r).round(8).tolist(),
                           "qf/radius": qf_enc / r})
        bad = max(v.values()) > 0
        return Outcome(1.0 if bad else 0.0, 0.5, {k: float(x) for k, x in v.items()})

    def recheck(ex: dict[str, Any]) -> Recheck:
        theta, shapes, X, y, rhos = setup(ex)
        fs, G, Hs = _mp_parts(theta, shapes, X, y, ex["act"])
        with hp.workdps():
            rm = [mp.mpf(float(r)) for r in rhos]
            rho = mp.fprod(rm)
            fmin = min(fs)
            w = np.array([mp.exp(-rho * (fv - fmin)) for fv in fs], dtype=object)
            th = np.array([mp.mpf(float(t)) for t in theta], dtype=object)
            Gm = np.array([[G[n, i] for i in range(G.cols)] for n in range(G.rows)],
                          dtype=object)
            Hm = np.array([[[h[i, j] for j in range(h.cols)] for i in range(h.rows)]
                           for h in Hs], dtype=object)
            fa = np.array(fs, dtype=object)
            J_true = pj.jacobian_78(th, shapes, Gm, Hm, fa, w, rm)
            J_enc = _j76_encoded(reading, th, shapes, Gm, Hm, fa, w, rm)
            qf_enc = th @ J_enc @ th
            qf_claim = _j76_claims(reading, th, shapes, fa, w, rm)
            scale = max(abs(x) for x in np.ravel(J_true))
            E = mp.eig(mp.matrix(J_true.tolist()), left=False, right=False)
            re = [mp.re(e) for e in E]
            r = max(abs(e) for e in E)
            v = violations(J_true, J_enc, qf_enc, qf_claim, 1e-8 * scale,
                           1e-9 * scale * theta.size, re, r)
            res = max(max(v.values()), mp.mpf(0))
        return Recheck(hp.to_str(res), 0.0, "largest violation at 50 digits among: entries "
                       "of (76) vs the Jacobian of (78) (relative to 1e-8·max|J|), the "
                       "quadratic form vs its claimed value, max Re eig(J)/radius ± 1e-8")

    ev = run_property(ctx, strategy=_strategy(), body=body, recheck=recheck,
                      salt=SALT["crit"], max_examples=ctx.pick(8, 120),
                      scope="located critical points (minimisers of L on ∏S), separated data, "
                      "K ≤ 3, widths ≤ 3, N ≤ 4, ReLU and linear, ρ ∈ [0.3, 10], per-layer "
                      "ρ_k with ∏ρ_k = ρ", sizes={"K": [1, 3], "N": [1, 4]})
    ev.details["spectra"] = jsonable(report)
    return ev


@implements("poggio.eq76")
def _eq76() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"J_{k,k'}^{i,j}=\sum_ne^{-y_n\rho\tilde f_n}(A_n+B_n+C_n)"
                        r";\ \sum V_k^iJ_{kk'}^{ij}V_{k'}^j=0-2K\rho\sum_ne^{-\rho\tilde f_n}"
                        r"\tilde f_n+0;\ J\text{ negative definite}",
                        {"reading": "literal", "criterion": "strict"}),
        corrected=Variant("corrected", r"J_{kk'}=\frac{\rho}{\rho_k^2}\sum_ne_n\big[-\rho(I-V_k"
                          r"V_k^T)\partial_k\tilde f_n\partial_{k'}\tilde f_n^T+\partial^2_{kk'}"
                          r"\tilde f_n-V_k\partial_{k'}\tilde f_n^T-\delta_{kk'}\tilde f_nI\big];"
                          r"\ \sum V_k^TJ_{kk'}V_{k'}=-2\sum_k\frac{\rho}{\rho_k^2}\sum_ne_n"
                          r"\tilde f_n;\ \mathrm{Re\,spec}(J)\le0\text{ at minima}",
                          {"reading": "derived", "criterion": "semi"}),
        checks=[symbolic("symbolic", lambda v, ctx: run_symbolic(
                    ctx, lambda: [dj.jacobian_76(2, [1], ((1,),), r) for r in (
                        ("literal", "intended") if v["reading"] == "literal" else
                        (v["reading"],))],
                    "K=2, d=2, width 1, N=1, symbolic entries and ρ_1, ρ_2; printed: both "
                    "readings of B_n (δ_{ℓ,i} literal, δ_{ℓ,j})")),
                prop("property", _eq76_prop)],
        perturbations=[Variant("no_prefactor", r"J\text{ of (78) without }\rho/\rho_k^2",
                               {"reading": "no_prefactor", "criterion": "semi"})],
        notes="J is the Jacobian of (78) w.r.t. V at fixed ρ_k (y_n absorbed). As printed, "
              "(76) omits the prefactor ρ/ρ_k², puts the projector on the k' (column) side of "
              "A, adds a projector to C, confines the −V_k∂_{k'}f̃ᵀ term to k = k', and its "
              "B_n (δ_{ℓ,i}) leaves j free (the reading δ_{ℓ,j} is evaluated too): entries "
              "refuted under both readings. The "
              "quadratic form of the derived J is −2Σ_k(ρ/ρ_k²)Σ_ne_nf̃_n (the bullets' total "
              "−2Kρ Σe_nf̃_n only up to the prefactor), but its terms are not the printed ones "
              "(the ∂² term gives K(K−1)f̃, −V_k∂_{k'}f̃ᵀ gives −K²f̃, −δf̃I gives −Kf̃). "
              "J is not symmetric: 'negative definite' is read as Re spec(J) < 0 (the "
              "linearised flow contracts); it fails at minima with continuous symmetries (zero "
              "eigenvalues, as for (71)); the real parts are ≤ 0 at located minima (spectra, "
              "tangent and normal blocks, in the details).",
    )


# ======================================================================================
# poggio.sec11_2.remark1 — designed ρ(t)
# ======================================================================================

_SCHEDULES: dict[str, Callable[[float], float]] = {
    "1+log(1+t)": lambda t: 1 + math.log1p(t),
    "1+sqrt(t)": lambda t: 1 + math.sqrt(t),
    "1+t": lambda t: 1 + t,
    "constant 1": lambda t: 1.0,
}


def _max_margin_2d(Z: np.ndarray) -> tuple[float, np.ndarray]:
    """max_{‖u‖=1} min_n uᵀz_n in ℝ² (grid, then golden-section refinement)."""
    from scipy.optimize import minimize_scalar

    phi = np.linspace(-np.pi, np.pi, 20001)
    m = np.min(np.stack([np.cos(phi), np.sin(phi)], 1) @ Z.T, axis=1)
    i = int(np.argmax(m))
    res = minimize_scalar(lambda p: -float(np.min(Z @ [math.cos(p), math.sin(p)])),
                          bounds=(phi[max(i - 1, 0)], phi[min(i + 1, phi.size - 1)]),
                          method="bounded", options={"xatol": 1e-12})
    return -float(res.fun), np.array([math.cos(res.x), math.sin(res.x)])


def _remark1_experiment(variant: Variant, ctx: Context) -> Evidence:
    """The V-flow of (69) (constraint λ) for K = 1 linear with ρ(t) prescribed, integrated
    in s = log t to T = 1e6; the margin against the maximum margin."""
    from scipy.integrate import solve_ivp

    t0 = time.perf_counter()
    # a fixed data set (root seed 0): the test bed is a stated experiment, not a sweep
    rng = np.random.default_rng(np.random.SeedSequence([0, SALT["remark1"]]))
    while True:
        Z = rng.standard_normal((5, 2))
        Z *= np.sign(Z @ np.array([1.0, 0.3]))[:, None]
        gstar, _ = _max_margin_2d(Z)
        if gstar > 0.1:
            break
    v0 = np.array([1.0, 0.3]) / np.linalg.norm([1.0, 0.3])
    rows = {}
    for name in variant["schedules"]:
        rho_t = _SCHEDULES[name]

        def rhs(s: float, v: np.ndarray, rho_t: Callable[[float], float] = rho_t) -> np.ndarray:
            t = math.exp(s)
            r = rho_t(t)
            m = Z @ v
            w = np.exp(-r * m)
            g = r * (w @ Z)
            return t * (g - v * (v @ g))

        sol = solve_ivp(rhs, (0.0, math.log(1e6)), v0, method="LSODA", rtol=1e-10,
                        atol=1e-12)
        v = sol.y[:, -1] / np.linalg.norm(sol.y[:, -1])
        rows[name] = {"margin_ratio": float(np.min(Z @ v)) / gstar, "ok": bool(sol.success)}
    reached = [n for n, r in rows.items() if r["margin_ratio"] >= 0.99]
    others = [n for n in reached if n != "1+log(1+t)"]
    verdict = "confirmed" if others else "refuted"
    details: dict[str, Any] = {"max_margin": gstar, "schedules": rows,
                               "criterion": "some schedule other than ρ ∝ log t reaches 99% "
                                            "of the maximum margin by T = 1e6"}
    if verdict == "refuted":
        details["counterexample"] = {"schedules": rows, "note": "no tested schedule reaches "
                                     "99% of the maximum margin (float64 ODE, rtol 1e-10)"}
    return Evidence("experiment", verdict, "K=1 linear, d=2, N=5 (fixed data set), V-flow "
                    "of (69) with prescribed ρ(t), LSODA in log t to T=1e6", examples=len(rows),
                    seed=ctx.seed, seconds=time.perf_counter() - t0, details=details)


@implements("poggio.sec11_2.remark1")
def _remark1() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\text{a new family of algorithms with }\rho(t)\text{ "
                        r"designed independently of GD on }V_k;\ \text{dynamics different from }"
                        r"\rho\propto\log t", {"schedules": ("1+log(1+t)", "1+sqrt(t)", "1+t")}),
        checks=[prop("proposal", _not_checkable(
                    "Remark 1, l.739–741", "a proposal ('suggests experimenting'): no statement "
                    "of fact to verify; the test-bed experiment is reported alongside")),
                experiment("testbed", _remark1_experiment)],
        perturbations=[Variant("constant_rho", r"\rho(t)\equiv1", {"schedules": ("constant 1",)})],
        rejected_by={"constant_rho": ("testbed",)},
        notes="Not checkable (a proposal). Test bed: with ρ(t) prescribed the constrained "
              "V-flow is integrated for K=1; the margin ratios per schedule are reported; a "
              "fixed ρ does not reach the maximum margin (the perturbation).",
    )
