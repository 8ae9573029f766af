"""Banburski/Poggio et al. [002] §9 and [004] §5.1–5.2: gradient techniques under a
unit-norm constraint: the equivalence of the Lagrange, coefficient-normalisation and
tangent-gradient methods, the geometry of unit L_p sets, the Lagrange method (45)–(51) and
its remarks, coefficient normalisation (52), Theorem 7 and [004]'s Douglas theorem (6).

Conventions (catalog poggio.md §0): labels absorbed, f̃_n = y_n f̃(x_n); data are
self-separable (y_n = sign f(W; x_n)); the "V^{p−1}" of (47) is read sign(V)|V|^{p−1} (the
gradient of ‖V‖_p^p / p; the literal elementwise power is reported as a second reading).
Flows are integrated with SciPy's DOP853; refutations are re-checked at 50 digits with mpmath.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from typing import Any

import mpmath as mp
import numpy as np
import sympy as sp
from hypothesis import assume
from hypothesis import strategies as st
from scipy import stats
from scipy.integrate import solve_ivp
from scipy.spatial import ConvexHull

from derivations import poggio_constraint as dc
from derivations.core import Derivation
from numeric import fd
from numeric import poggio_constraint as pc
from numeric import relunet as rn
from numeric._backend import to_numpy
from verify.api import Implementation, Variant, experiment, implements, prop, symbolic
from verify.context import Context
from verify.props import HP_DIGITS, Outcome, Recheck, jsonable, run_property
from verify.strategies import log_uniform, seeds
from verify.symbolic import run_symbolic
from verify.tolerance import eps, gamma
from verify.verdicts import Evidence

EPS = eps()
INF = math.inf
P_ALL = (1.5, 2.0, 3.0, 4.0)  # st_p of catalog §0
P_SYM = (sp.Rational(3, 2), sp.Integer(2), sp.Integer(3))
MP_ZERO = 1e-40  # a 50-digit value above this is nonzero (not rounding)
ODE_RTOL, ODE_ATOL = 1e-11, 1e-13
DRIFT_STOP = 1e-5  # ≫ any integration tolerance used here (≤ 1e-7)


# --------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------


def _ev(method: str, verdict: str, scope: str, ctx: Context, t0: float, *, examples: int = 0,
        max_error: float | None = None, tolerance: float | None = None,
        sizes: dict | None = None, details: dict | None = None) -> Evidence:
    return Evidence(method=method, verdict=verdict, scope=scope, examples=examples,
                    max_error=max_error, tolerance=tolerance, seed=ctx.seed,
                    sizes=sizes or {}, seconds=time.perf_counter() - t0,
                    details=jsonable(details or {}))


def _sym(build: Callable[[Variant, Context], Iterable[Derivation]],
         scope: str) -> Callable[[Variant, Context], Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        return run_symbolic(ctx, lambda: build(variant, ctx), scope)

    return check


def _mpf(x: Any) -> Any:
    return mp.mpf(float(x))


def _mp_lp(u: list, p: float) -> Any:
    if p == INF:
        return max(abs(x) for x in u)
    return mp.fsum(abs(x) ** p for x in u) ** (mp.mpf(1) / p)


def _mp_normal(u: list, p: float) -> list:
    if p == 1:
        return [mp.sign(x) for x in u]
    if p == INF:
        a = [abs(x) for x in u]
        k = a.index(max(a))
        return [mp.sign(u[k]) if j == k else mp.mpf(0) for j in range(len(u))]
    n = _mp_lp(u, p)
    return [mp.sign(x) * abs(x) ** (p - 1) / n ** (p - 1) for x in u]


def _mp_dot(a: list, b: list) -> Any:
    return mp.fsum(x * y for x, y in zip(a, b, strict=True))


def _mp_forward(W: list, x: list, act: str) -> Any:
    """f(W; x) of [002] §2 at 50 digits; W a list of nested lists of mpf."""
    h = list(x)
    for k, Wk in enumerate(W):
        z = [mp.fsum(Wk[i][j] * h[j] for j in range(len(h))) for i in range(len(Wk))]
        if k < len(W) - 1 and act == "relu":
            z = [zi if zi > 0 else mp.mpf(0) for zi in z]
        h = z
    return h[0]


def _mp_net(W: list) -> list:
    return [[[_mpf(v) for v in row] for row in np.asarray(Wk)] for Wk in W]


def _slope_ci(x: np.ndarray, y: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Least-squares slope and its two-sided confidence interval (t quantile)."""
    r = stats.linregress(x, y)
    tq = float(stats.t.ppf(0.5 + level / 2, len(x) - 2))
    return float(r.slope), float(r.slope - tq * r.stderr), float(r.slope + tq * r.stderr)


# --------------------------------------------------------------------------------------
# networks (catalog §0 st_arch, self-separable data)
# --------------------------------------------------------------------------------------


def net_strategy(p_choices: Iterable[float] = P_ALL) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "seed": seeds(), "K": st.integers(1, 3), "d": st.integers(1, 3),
        "widths": st.lists(st.integers(1, 3), min_size=2, max_size=2),
        "N": st.integers(1, 4), "act": st.sampled_from(["relu", "linear"]),
        "scale": log_uniform(-0.5, 0.5), "p": st.sampled_from(list(p_choices)),
        "lam": log_uniform(-1, 1), "lam_sign": st.sampled_from([1.0, -1.0]),
    })


def build_net(ex: dict[str, Any]) -> dict[str, Any]:
    """W (NumPy), data X, self-separable labels y, the drawn p and multipliers λ_k."""
    rng = np.random.default_rng(ex["seed"])
    W = rn.random_net(ex["d"], ex["widths"][: ex["K"] - 1], rng, ex["scale"])
    X = rng.standard_normal((ex["N"], ex["d"]))
    f = rn.forward(W, X, ex["act"])
    y = np.where(f >= 0, 1.0, -1.0)
    lam = ex["lam_sign"] * ex["lam"] * rng.uniform(0.5, 1.0, size=ex["K"])
    return {"W": W, "X": X, "y": y, "p": float(ex["p"]), "act": ex["act"], "lam": lam,
            "rng": rng}


# ======================================================================================
# poggio.sec9.equiv / wnbn.sec5_1.equiv
# ======================================================================================

MU_GRID = (1e-2, 1e-3, 1e-4)  # μ‖g‖ values of the (reported) slope fit
MU_S = 1e-6  # μ‖g‖ of the criterion: steps agreeing to first order differ by ≤ 4(μ‖g‖)²
PAIRS = (("coef", "tangent"), ("lagrange", "tangent"), ("coef", "lagrange"),
         ("geodesic", "coef"), ("geodesic", "lagrange"), ("geodesic", "tangent"))


def _steps(u: Any, g: Any, mu: float, p: float, coef_power: float) -> dict[str, Any]:
    out = {"coef": pc.coef_norm_step(u, g, mu, p, coef_power),
           "tangent": pc.tangent_step(u, g, mu, p, "v"),
           "lagrange": pc.lagrange_step(u, g, mu, p)}
    if p == 2:
        out["geodesic"] = pc.geodesic_step(u, g, mu)
    return out


def _mp_steps(u: list, g: list, mu: Any, coef_power: float) -> dict[str, list]:
    """The four p = 2 steps at 50 digits."""
    x = [a + mu * b for a, b in zip(u, g, strict=True)]
    nx = mp.sqrt(_mp_dot(x, x))
    coef = [a / nx ** coef_power for a in x]
    ug = _mp_dot(u, g)
    h = [b - ug * a for a, b in zip(u, g, strict=True)]
    tan = [a + mu * b for a, b in zip(u, h, strict=True)]
    alpha = mp.sqrt(1 - mu**2 * _mp_dot(g, g) + mu**2 * ug**2) - mu * ug
    lag = [alpha * a + mu * b for a, b in zip(u, g, strict=True)]
    nh = mp.sqrt(_mp_dot(h, h))
    geo = [mp.cos(mu * nh) * a + mp.sin(mu * nh) * b / nh for a, b in zip(u, h, strict=True)]
    return {"coef": coef, "tangent": tan, "lagrange": lag, "geodesic": geo}


def _pair_slopes(u: np.ndarray, g: np.ndarray, p: float, coef_power: float,
                 xp: Any = None, asarray: Callable | None = None) -> dict[str, float]:
    gn = float(np.linalg.norm(g))
    logs: dict[str, list[float]] = {}
    for c in MU_GRID:
        mu = c / gn
        if xp is not None and p == 2:
            s = {k: to_numpy(v) for k, v in _steps(asarray(u), asarray(g), mu, p,
                                                   coef_power).items()}
        else:
            s = _steps(u, g, mu, p, coef_power)
        for a, b in PAIRS:
            if a in s and b in s:
                diff = float(np.linalg.norm(np.asarray(s[a]) - np.asarray(s[b])))
                logs.setdefault(f"{a}-{b}", []).append(math.log(max(diff, 1e-300)))
    lx = [math.log(c) for c in MU_GRID]
    return {k: float(np.polyfit(lx, v, 1)[0]) for k, v in logs.items()}


def _equiv_property(variant: Variant, ctx: Context) -> Evidence:
    power = float(variant.get("coef_power", 1.0))
    strategy = st.fixed_dictionaries({"seed": seeds(), "n": st.integers(2, 6),
                                      "g_scale": log_uniform(-1, 1)})

    def draw(ex: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(ex["seed"])
        u = rng.standard_normal(ex["n"])
        g = rng.standard_normal(ex["n"]) * ex["g_scale"]
        return u / np.linalg.norm(u), g

    def first_order_gap(s: dict[str, Any], mu: float, gn: float) -> dict[str, float]:
        return {f"{a}-{b}": float(np.linalg.norm(np.asarray(s[a]) - np.asarray(s[b])))
                / (mu * gn) for a, b in PAIRS}

    def body(ex: dict[str, Any]) -> Outcome:
        u, g = draw(ex)
        h = g - (u @ g) * u
        assume(np.linalg.norm(h) > 1e-3 * np.linalg.norm(g))  # g not normal to the sphere
        gn = float(np.linalg.norm(g))
        mu = MU_S / gn
        s = {k: to_numpy(v) for k, v in _steps(ctx.asarray(u), ctx.asarray(g), mu, 2.0,
                                                power).items()}
        gaps = first_order_gap(s, mu, gn)
        sl = _pair_slopes(u, g, 2.0, power, ctx.xp, ctx.asarray)
        drift = {k: abs(float(np.linalg.norm(v)) - 1.0) for k, v in s.items()}
        return Outcome(max(gaps.values()), 8 * MU_S, {"gap_over_mu_g": gaps, "slopes": sl,
                                                      "constraint_drift": drift})

    def recheck(ex: dict[str, Any]) -> Recheck:
        u, g = draw(ex)
        with mp.workdps(HP_DIGITS):
            U, G = [_mpf(x) for x in u], [_mpf(x) for x in g]
            gn = mp.sqrt(_mp_dot(G, G))
            mu = mp.mpf(MU_S) / gn
            s = _mp_steps(U, G, mu, power)
            res = max(mp.sqrt(mp.fsum((x - y) ** 2 for x, y in zip(s[a], s[b], strict=True)))
                      / (mu * gn) for a, b in PAIRS)
        return Recheck(mp.nstr(res, HP_DIGITS), 8 * MU_S, "‖step_a − step_b‖/(μ‖g‖) at "
                       "μ‖g‖ = 1e-6, 50 digits")

    ev = run_property(ctx, strategy=strategy, body=body, recheck=recheck, salt=3400,
                      max_examples=ctx.pick(20, 100),
                      scope="p = 2 (the sentence's ‖V‖² = 1), u uniform on S^{n−1}, n ≤ 6, "
                      "g Gaussian; first-order agreement ⇔ ‖step_a − step_b‖/(μ‖g‖) ≤ "
                      "8μ‖g‖ at μ‖g‖ = 1e-6 (second-order terms are ≤ 4(μ‖g‖)² on the unit "
                      "sphere); log-log slopes over μ‖g‖ ∈ {1e-2, 1e-3, 1e-4} reported",
                      sizes={"n": [2, 6]})
    ev.details["lp_reading"] = _lp_reading_table(ctx, power)
    return ev


def _lp_reading_table(ctx: Context, power: float) -> dict[str, Any]:
    """The L_p reading (the three methods for ‖u‖_p = 1, p ≠ 2): median slopes per pair."""
    rng = ctx.rng(3401)
    out: dict[str, Any] = {}
    for p in (1.5, 3.0, 4.0):
        rows = []
        for _ in range(3):
            u = rng.standard_normal(4)
            u /= float(pc.lp_norm(u, p))
            g = rng.standard_normal(4)
            rows.append(_pair_slopes(u, g, p, power))
        out[f"p={p}"] = {k: float(np.median([r[k] for r in rows])) for k in rows[0]}
    out["finding"] = ("for p ≠ 2 the Lagrange and tangent-gradient steps agree to first order "
                      "(slope ≈ 2), the coefficient-normalisation step differs at first order "
                      "(slope ≈ 1): it retracts radially, along u, not along v = ∂‖u‖_p/∂u")
    return out


def _equiv_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    return dc.equiv_first_order(ctx.pick(2, 3), int(variant.get("coef_power", 1)))


@implements("poggio.sec9.equiv", "wnbn.sec5_1.equiv")
def _equiv() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\text{Lagrange, coefficient normalisation and tangent "
                        r"gradient steps agree as }\mu\to0\ (\|V\|_2=1);\ \text{and approximate "
                        r"the true-gradient (geodesic) step}", {"coef_power": 1}),
        checks=[symbolic("symbolic", _sym(_equiv_symbolic, "p = 2, symbolic unit u ∈ R^n "
                                          "(n = 2 quick, 3 full), symbolic g")),
                prop("property", _equiv_property)],
        perturbations=[Variant("coef_norm_squared", r"u(k+1)=\hat u/\|\hat u\|^2",
                               {"coef_power": 2})],
        notes="'Equivalent for small step size' is read as: one step of each method from the "
        "same point differs from another's by O(μ²) (agreement of the first-order terms). The "
        "printed variant uses the constraint of the sentence itself ([002] l.457 'the tangent "
        "space of ‖V‖² = 1'; [004] the Frobenius norm), p = 2; the true gradient is the "
        "geodesic step. The L_p reading (p ≠ 2) is reported in the property's details: "
        "coefficient normalisation then differs at first order.",
    )


# ======================================================================================
# poggio.sec9.geometry
# ======================================================================================


def _body_points(name: str, n: int) -> np.ndarray | None:
    if name == "cube":
        return np.array(np.meshgrid(*[[-1.0, 1.0]] * n)).reshape(n, -1).T
    if name == "cross":
        return np.vstack([np.eye(n), -np.eye(n)])
    return None


def _geometry_property(variant: Variant, ctx: Context) -> Evidence:
    shapes: dict[str, str] = variant["shapes"]
    radius = float(variant.get("radius", 1.0))
    strategy = st.fixed_dictionaries({"seed": seeds(), "n": st.integers(2, 4),
                                      "p": st.sampled_from(["2", "inf", "1"])})

    def pts(ex: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, float, str]:
        rng = np.random.default_rng(ex["seed"])
        n, p = ex["n"], {"2": 2.0, "inf": INF, "1": 1.0}[ex["p"]]
        Z = rng.standard_normal((8, n))
        on_set = np.stack([z / float(pc.lp_norm(z, p)) for z in Z])
        body = shapes[ex["p"]]
        if body == "sphere":
            bnd = radius * Z / np.linalg.norm(Z, axis=1, keepdims=True)
        else:
            hull = ConvexHull(_body_points(body, n))
            fac = hull.simplices[rng.integers(0, len(hull.simplices), size=8)]
            wts = rng.dirichlet(np.ones(n), size=8)
            bnd = np.einsum("ij,ijk->ik", wts, hull.points[fac])
        return on_set, bnd, p, body

    def residuals(ex: dict[str, Any]) -> tuple[float, float]:
        on_set, bnd, p, body = pts(ex)
        xp = ctx.xp
        S, B = ctx.asarray(on_set), ctx.asarray(bnd)
        if body == "sphere":
            r1 = float(xp.max(xp.abs(xp.linalg.vector_norm(S, axis=1) - radius)))
        else:
            hull = ConvexHull(_body_points(body, ex["n"]))
            E = ctx.asarray(hull.equations)
            r1 = float(xp.max(xp.abs(xp.max(S @ E[:, :-1].T + E[:, -1], axis=1))))
        if p == INF:
            nb = xp.max(xp.abs(B), axis=1)
        else:
            nb = xp.sum(xp.abs(B) ** p, axis=1) ** (1.0 / p)
        r2 = float(xp.max(xp.abs(nb - 1.0)))
        return r1, r2

    def body(ex: dict[str, Any]) -> Outcome:
        r1, r2 = residuals(ex)
        tol = 64 * gamma(4 * ex["n"]) * max(1.0, radius)
        return Outcome(max(r1, r2), tol, {"unit_set_on_body_boundary": r1,
                                          "body_boundary_has_unit_norm": r2})

    def recheck(ex: dict[str, Any]) -> Recheck:
        on_set, bnd, p, body = pts(ex)
        with mp.workdps(HP_DIGITS):
            def dist(x: list) -> Any:  # exact boundary residual of the named body
                if body == "sphere":
                    return mp.sqrt(_mp_dot(x, x)) - radius
                if body == "cube":
                    return max(abs(v) for v in x) - 1
                return mp.fsum(abs(v) for v in x) - 1
            r1 = max(abs(dist([_mpf(v) for v in x])) for x in on_set)
            r2 = max(abs(_mp_lp([_mpf(v) for v in x], p) - 1) for x in bnd)
            res = max(r1, r2)
        return Recheck(mp.nstr(res, HP_DIGITS), 64 * gamma(4 * ex["n"]) * max(1.0, radius),
                       "exact facet descriptions (sphere ‖x‖₂ = r, cube max|x_i| = 1, "
                       "cross-polytope Σ|x_i| = 1) at 50 digits")

    ev = run_property(ctx, strategy=strategy, body=body, recheck=recheck, salt=3405,
                      max_examples=ctx.pick(20, 80),
                      scope="n ∈ {2, 3, 4}; 8 points of each unit L_p set tested against the "
                      "boundary of the named body (convex hull by Qhull), 8 boundary points of "
                      "the body tested for unit L_p norm", sizes={"n": [2, 4]})
    ev.details["readings"] = {
        "hypersphere": "the unit sphere {‖v‖₂ = 1} of R^n (a manifold of dimension n − 1, "
        "'n-dimensional' read as 'in R^n')",
        "hypercube": "the boundary of [−1, 1]^n", "hyperpolyhedron": "the boundary of the "
        "cross-polytope conv{±e_i}"}
    return ev


@implements("poggio.sec9.geometry")
def _geometry() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\{\|v\|_2=1\}=\text{sphere of radius }1,\ \{\|v\|_\infty=1\}"
                        r"=\partial\,\text{hypercube},\ \{\|v\|_1=1\}=\partial\,\text{polyhedron}",
                        {"shapes": {"2": "sphere", "inf": "cube", "1": "cross"}, "radius": 1.0}),
        checks=[prop("property", _geometry_property)],
        perturbations=[
            Variant("p1_cube", r"\{\|v\|_1=1\}=\partial\,\text{hypercube}",
                    {"shapes": {"2": "sphere", "inf": "cross", "1": "cube"}, "radius": 1.0}),
            Variant("radius_2", r"\{\|v\|_2=1\}=\text{sphere of radius }2",
                    {"shapes": {"2": "sphere", "inf": "cube", "1": "cross"}, "radius": 2.0}),
        ],
        notes="Made quantitative as set equalities with independently computed bodies (Qhull "
        "hulls of the cube's and the cross-polytope's vertices). 'n-dimensional hypersphere' "
        "is read as the sphere of R^n; as a manifold it has dimension n − 1.",
    )


# ======================================================================================
# poggio.eq45 — the loss (45) on the constraint set is the exponential loss
# ======================================================================================


def _eq45_property(variant: Variant, ctx: Context) -> Evidence:
    combine = variant.get("rho", "product")

    def values(inst: dict[str, Any]) -> tuple[float, float, float]:
        xp, p = ctx.xp, inst["p"]
        W = [ctx.asarray(w) for w in inst["W"]]
        X, y = ctx.asarray(inst["X"]), ctx.asarray(inst["y"])
        rhos, V = rn.normalize(W, p)
        rho = rn.product(rhos) if combine == "product" else sum(rhos[1:], rhos[0])
        ft = rn.margins(V, X, y, inst["act"])
        cons = sum(float(lam) * (float(xp.sum(xp.abs(Vk) ** p)) - 1.0)
                   for lam, Vk in zip(inst["lam"], V, strict=True))
        L45 = float(xp.sum(xp.exp(-rho * ft))) + cons
        L7 = float(xp.sum(xp.exp(-rn.margins(W, X, y, inst["act"]))))
        lit = to_numpy(rn.forward(V, X * y[:, None], inst["act"]))
        gap = float(np.max(np.abs(lit - to_numpy(ft)))) / max(float(np.max(np.abs(to_numpy(ft)))),
                                                             1e-300)
        return L45, L7, gap

    def tol(inst: dict[str, Any]) -> float:
        """Absolute: relative rounding of the exponentials (arguments up to |f|) times L, plus
        the rounding of the constraint term λ_k(‖V_k‖_p^p − 1), which is 0 in exact arithmetic."""
        W = inst["W"]
        size = sum(w.size for w in W) + inst["X"].shape[1]
        fv = rn.forward(W, inst["X"], inst["act"])
        L7 = float(np.sum(np.exp(-inst["y"] * fv)))
        fmax = float(np.max(np.abs(fv)))
        lam = float(np.sum(np.abs(inst["lam"])))
        return 16 * gamma(4 * size) * (L7 * (1.0 + fmax) + lam * inst["p"])

    def body(ex: dict[str, Any]) -> Outcome:
        inst = build_net(ex)
        L45, L7, gap = values(inst)
        return Outcome(abs(L45 - L7), tol(inst), {"L45": L45, "L7": L7,
                                                  "literal_f(y_n x_n)_relative_gap": gap})

    def recheck(ex: dict[str, Any]) -> Recheck:
        inst = build_net(ex)
        p, act = inst["p"], inst["act"]
        with mp.workdps(HP_DIGITS):
            W = _mp_net(inst["W"])
            rhos = [_mp_lp([v for row in Wk for v in row], p) for Wk in W]
            V = [[[v / r for v in row] for row in Wk] for Wk, r in zip(W, rhos, strict=True)]
            rho = mp.fprod(rhos) if combine == "product" else mp.fsum(rhos)
            L45 = mp.fsum(mp.exp(-rho * _mpf(yn) * _mp_forward(V, [_mpf(v) for v in x], act))
                          for x, yn in zip(inst["X"], inst["y"], strict=True))
            L45 += mp.fsum(_mpf(lam) * (mp.fsum(abs(v) ** p for row in Vk for v in row) - 1)
                           for lam, Vk in zip(inst["lam"], V, strict=True))
            L7 = mp.fsum(mp.exp(-_mpf(yn) * _mp_forward(W, [_mpf(v) for v in x], act))
                         for x, yn in zip(inst["X"], inst["y"], strict=True))
            res = abs(L45 - L7)
        return Recheck(mp.nstr(res, HP_DIGITS), tol(inst), "(45) and (7) at 50 digits")

    ev = run_property(ctx, strategy=net_strategy(), body=body, recheck=recheck, salt=3410,
                      max_examples=ctx.pick(30, 150),
                      scope="K ≤ 3, d ≤ 3, widths ≤ 3, N ≤ 4, ReLU and linear, p ∈ {1.5, 2, "
                      "3, 4}; W_k = ρ_kV_k, ‖V_k‖_p = 1; (45) vs Σ_n e^{−y_n f(W; x_n)}",
                      sizes={"K": [1, 3], "N": [1, 4]})
    ev.details["readings"] = {
        "labels absorbed (used)": "e^{-ρ y_n f̃(x_n)}",
        "literal f̃((x_n) y_n)": "f̃ evaluated at y_n x_n: differs from y_n f̃(x_n) for ReLU "
        "nets (not odd); the relative gap per example is in the counterexample/info"}
    return ev


@implements("poggio.eq45")
def _eq45() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"L=\sum_n e^{-\rho\tilde f_n}+\sum_k\lambda_k(\|V_k\|_p^p-1)"
                        r"\ \text{equals the exponential loss on }\|V_k\|_p=1,\ \rho=\prod_k\rho_k",
                        {"rho": "product"}),
        checks=[prop("property", _eq45_property)],
        perturbations=[Variant("rho_sum", r"\rho=\sum_k\rho_k", {"rho": "sum"})],
        notes="(45) is a definition; what can fail is that it is the exponential loss of the "
        "network W_k = ρ_kV_k on the constraint set ‖V_k‖_p = 1 (homogeneity, any p). The "
        "printed argument f̃((x_n)y_n) is read y_n f̃(x_n) (catalog §0); the literal reading "
        "f̃(y_n x_n) is a different function for ReLU nets (reported).",
    )


# ======================================================================================
# poggio.eq46
# ======================================================================================


def _eq46_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    for K in ctx.pick((2, 3), (1, 2, 3, 4)):
        yield from dc.rho_k_derivative(K, 2, variant.get("factor", "rho_over_rhok"),
                                       int(variant.get("sign", 1)))


def _eq46_property(variant: Variant, ctx: Context) -> Evidence:
    factor, sign = variant.get("factor", "rho_over_rhok"), float(variant.get("sign", 1))
    strategy = st.fixed_dictionaries({"net": net_strategy(),
                                      "log_rho": st.lists(st.floats(-0.7, 0.7), min_size=3,
                                                          max_size=3)})

    def setup(ex: dict[str, Any]) -> tuple[dict, np.ndarray, np.ndarray]:
        inst = build_net(ex["net"])
        _, V = rn.normalize(inst["W"], inst["p"])
        F = rn.margins(V, inst["X"], inst["y"], inst["act"])
        r = np.exp(np.asarray(ex["log_rho"][: ex["net"]["K"]]))
        return inst, F, r

    def body(ex: dict[str, Any]) -> Outcome:
        xp = ctx.xp
        _, Fn, rn_ = setup(ex)
        F, r = ctx.asarray(Fn), ctx.asarray(rn_)
        K = r.shape[0]

        def L(rr: Any) -> Any:
            return xp.sum(xp.exp(-xp.prod(rr) * F))

        err, tol = 0.0, 0.0
        rho = float(np.prod(rn_))
        e = np.exp(-rho * Fn)
        Lval = float(np.sum(e))
        for k in range(K):
            dk = ctx.asarray(np.eye(K)[k])
            D, derr = fd.directional(L, (r,), (dk,), 1e-3 * float(rn_[k]), Lval)
            pref = rho / rn_[k] if factor == "rho_over_rhok" else rho
            printed = sign * float(np.sum(pref * e * Fn))
            err = max(err, abs(-float(D) - printed))
            tol = max(tol, 4 * float(derr) + 8 * gamma(4 * len(Fn)) * rho / rn_[k]
                      * float(np.sum(e * np.abs(Fn))))
        return Outcome(err, tol, {"rho": rho})

    def recheck(ex: dict[str, Any]) -> Recheck:
        _, Fn, rn_ = setup(ex)
        with mp.workdps(HP_DIGITS):
            F = [_mpf(x) for x in Fn]
            r = [_mpf(x) for x in rn_]
            res = mp.mpf(0)
            for k in range(len(r)):
                def L(t: Any, k: int = k) -> Any:
                    rr = [ri + (t if j == k else 0) for j, ri in enumerate(r)]
                    return mp.fsum(mp.exp(-mp.fprod(rr) * f) for f in F)
                rho = mp.fprod(r)
                pref = rho / r[k] if factor == "rho_over_rhok" else rho
                printed = sign * mp.fsum(pref * mp.exp(-rho * f) * f for f in F)
                res = max(res, abs(-mp.diff(L, 0) - printed))
        return Recheck(mp.nstr(res, HP_DIGITS), 1e-12, "−∂L/∂ρ_k by mpmath.diff vs (46)")

    return run_property(ctx, strategy=strategy, body=body, recheck=recheck, salt=3415,
                        max_examples=ctx.pick(30, 150),
                        scope="f̃_n from random nets (K ≤ 3, p ∈ {1.5, 2, 3, 4}), ρ_k ∈ "
                        "[e^{-0.7}, e^{0.7}]; Richardson central differences in ρ_k",
                        sizes={"K": [1, 3]})


@implements("poggio.eq46")
def _eq46() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\dot\rho_k=\sum_n\frac{\rho}{\rho_k}e^{-\rho\tilde f_n}"
                        r"\tilde f_n", {"factor": "rho_over_rhok", "sign": 1}),
        checks=[symbolic("symbolic", _sym(_eq46_symbolic, "symbolic ρ_k > 0, f̃_n (N = 2), "
                                          "K ∈ {2, 3} quick, {1..4} full")),
                prop("property", _eq46_property)],
        perturbations=[Variant("missing_1_over_rho_k", r"\dot\rho_k=\sum_n\rho\,e^{-\rho"
                               r"\tilde f_n}\tilde f_n", {"factor": "rho", "sign": 1}),
                       Variant("wrong_sign", r"\dot\rho_k=-\sum_n\frac{\rho}{\rho_k}e^{-\rho"
                               r"\tilde f_n}\tilde f_n", {"factor": "rho_over_rhok",
                                                          "sign": -1})],
        notes="Labels absorbed: the trailing f̃(x_n) of (46) is read y_n f̃(x_n) (without y_n the "
        "formula is wrong whenever some y_n = −1).",
    )


# ======================================================================================
# poggio.eq47 / poggio.eq48 — −∂L/∂V_k of (45) against the printed right-hand sides
# ======================================================================================


def _eq47_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    for p in P_SYM:
        yield dc.lagrange_velocity(p, 2, 2, int(variant.get("sign", 1)),
                                   variant.get("exponent", "p-1"))


def _velocity_property(variant: Variant, ctx: Context) -> Evidence:
    """FD of (45) in V_k along a random direction δ against ⟨RHS, δ⟩, RHS = G_k +
    sign·λ_k p sign(V_k)|V_k|^q (q = p − 1 as printed)."""
    sign = float(variant.get("sign", 1))
    qoff = 1.0 if variant.get("exponent", "p-1") == "p-1" else 0.0
    p_fixed = variant.get("p_fixed")
    h = 1e-4
    strategy = net_strategy([p_fixed] if p_fixed else P_ALL)

    def setup(ex: dict[str, Any]) -> dict[str, Any]:
        inst = build_net(ex)
        rhos, V = rn.normalize(inst["W"], inst["p"])
        rng = inst["rng"]
        k = int(rng.integers(0, len(V)))
        delta = [np.zeros_like(Vj) for Vj in V]
        delta[k] = rng.standard_normal(V[k].shape)
        delta[k] /= np.linalg.norm(delta[k])
        inst.update(V=V, rho=float(np.prod(rhos)), k=k, delta=delta)
        return inst

    def rhs_dot(inst: dict[str, Any], xp_: Any, asarray: Callable) -> float:
        V = [asarray(v) for v in inst["V"]]
        X, y = asarray(inst["X"]), asarray(inst["y"])
        k, p = inst["k"], inst["p"]
        G = pc.data_term(V, inst["rho"], X, y, inst["act"])[k]
        mult = sign * float(inst["lam"][k]) * p * pc.signed_power(V[k], p - qoff)
        return float(xp_.sum((G + mult) * asarray(inst["delta"][k])))

    def loss(inst: dict[str, Any], xp_: Any, asarray: Callable) -> Callable[[Any], Any]:
        shapes = [v.shape for v in inst["V"]]
        X, y = asarray(inst["X"]), asarray(inst["y"])
        lam, p, rho, act = inst["lam"], inst["p"], inst["rho"], inst["act"]

        def L(theta: Any) -> Any:
            V = rn.unflatten(theta, shapes)
            out = xp_.sum(xp_.exp(-rho * rn.margins(V, X, y, act)))
            for lk, Vk in zip(lam, V, strict=True):
                out = out + float(lk) * (xp_.sum(xp_.abs(Vk) ** p) - 1.0)
            return out
        return L

    def body(ex: dict[str, Any]) -> Outcome:
        inst = setup(ex)
        V, delta, act = inst["V"], inst["delta"], inst["act"]
        k = inst["k"]
        assume(float(np.min(np.abs(V[k]))) > 100 * h)  # |V|^p smooth along ±hδ
        if act == "relu":
            for s in (h, -h):
                Vs = [Vj + s * dj for Vj, dj in zip(V, delta, strict=True)]
                pa, pb = rn.patterns(V, inst["X"], act), rn.patterns(Vs, inst["X"], act)
                assume(all(bool(np.all(a == b)) for a, b in zip(pa, pb, strict=True)))
            assume(rn.min_abs_preactivation(V, inst["X"], act) > 1e-6)
        xp_ = ctx.xp
        theta = ctx.asarray(rn.flatten(V))
        dvec = ctx.asarray(rn.flatten(delta))
        L = loss(inst, xp_, ctx.asarray)
        Lval = float(L(theta))
        scale = Lval + float(np.sum(np.abs(inst["lam"]))) * (1 + inst["p"])
        D, derr = fd.directional(L, (theta,), (dvec,), h, scale)
        rd = rhs_dot(inst, xp_, ctx.asarray)
        tol = 4 * float(derr) + 16 * gamma(8 * theta.shape[0]) * scale * (1 + inst["rho"])
        return Outcome(abs(-float(D) - rd), tol, {"minus_dL_ddelta": -float(D),
                                                  "rhs_dot_delta": rd, "p": inst["p"],
                                                  "lambda_k": float(inst["lam"][k])})

    def recheck(ex: dict[str, Any]) -> Recheck:
        inst = setup(ex)
        p, act, rho, k = inst["p"], inst["act"], _mpf(inst["rho"]), inst["k"]
        with mp.workdps(HP_DIGITS):
            V = _mp_net(inst["V"])
            dl = _mp_net(inst["delta"])
            Xs = [[_mpf(v) for v in x] for x in inst["X"]]
            ys = [_mpf(v) for v in inst["y"]]

            def at(t: Any) -> list:
                return [[[a + t * b for a, b in zip(ra, rb, strict=True)]
                         for ra, rb in zip(Va, Da, strict=True)]
                        for Va, Da in zip(V, dl, strict=True)]

            def L(t: Any) -> Any:
                Vt = at(t)
                out = mp.fsum(mp.exp(-rho * yn * _mp_forward(Vt, x, act))
                              for x, yn in zip(Xs, ys, strict=True))
                return out + mp.fsum(_mpf(lk) * (mp.fsum(abs(v) ** p for row in Vk
                                                         for v in row) - 1)
                                     for lk, Vk in zip(inst["lam"], Vt, strict=True))

            lhs = -mp.diff(L, 0)
            rd = rhs_dot(inst, np, lambda a: np.asarray(a, dtype=np.float64))
            # the RHS at 50 digits: data term by mpmath.diff of the data part, multiplier exact
            def Ld(t: Any) -> Any:
                return mp.fsum(mp.exp(-rho * yn * _mp_forward(at(t), x, act))
                               for x, yn in zip(Xs, ys, strict=True))
            mult = mp.fsum(sign * _mpf(inst["lam"][k]) * p * mp.sign(v) * abs(v) ** (p - qoff)
                           * d for rv, rd_ in zip(V[k], dl[k], strict=True)
                           for v, d in zip(rv, rd_, strict=True))
            res = abs(lhs - (-mp.diff(Ld, 0) + mult))
        return Recheck(mp.nstr(res, HP_DIGITS), 1e-10 * (1 + abs(rd)),
                       "−dL/dδ by mpmath.diff at 50 digits vs the printed RHS·δ")

    return run_property(ctx, strategy=strategy, body=body, recheck=recheck,
                        salt=3420 if p_fixed is None else 3425,
                        max_examples=ctx.pick(25, 120),
                        scope="random nets (K ≤ 3, ReLU off kinks and linear), p ∈ "
                        + ("{2}" if p_fixed else "{1.5, 2, 3, 4}") + ", random λ_k, random "
                        "unit direction δ in one layer; Richardson central differences",
                        sizes={"K": [1, 3]})


def _flow_instance(rng: np.random.Generator, p: float) -> tuple[np.ndarray, ...]:
    """A two-layer linear net (d = 3, h = 2), N = 5 self-separable points, ‖V_k‖_p = 1; the
    first of up to 50 draws whose entries all exceed 0.1 in modulus (for p < 2, where
    |V|^{p−1} is not Lipschitz at 0)."""
    for _ in range(50):
        W = rn.random_net(3, [2], rng)
        if min(float(np.min(np.abs(w) / np.linalg.norm(w))) for w in W) > 0.1:
            break
    X = rng.standard_normal((5, 3))
    y = np.where(rn.forward(W, X, "linear") >= 0, 1.0, -1.0)
    rhos, V = rn.normalize(W, p)
    z0 = np.concatenate([np.log(np.asarray(rhos, dtype=np.float64)), rn.flatten(V)])
    return X, y, z0


def _mp_norm_rate(z: np.ndarray, X: np.ndarray, y: np.ndarray, p: float, sign: float,
                  use_lambda: bool) -> Any:
    """max_k |d/dt ‖V_k‖_p^p| of (46)–(47) at the state z, at 50 digits."""
    with mp.workdps(HP_DIGITS):
        zz = [_mpf(v) for v in z]
        rho = mp.exp(zz[0] + zz[1])
        V1 = [zz[2:5], zz[5:8]]
        V2 = zz[8:10]
        Xs = [[_mpf(v) for v in x] for x in X]
        ys = [_mpf(v) for v in y]
        H = [[yn * _mp_dot(V1[i], x) for i in range(2)] for x, yn in zip(Xs, ys, strict=True)]
        ft = [_mp_dot(hh, V2) for hh in H]
        c = [rho * mp.exp(-rho * f) for f in ft]
        G1 = [[V2[i] * mp.fsum(cn * yn * x[j] for cn, yn, x in zip(c, ys, Xs, strict=True))
               for j in range(3)] for i in range(2)]
        G2 = [mp.fsum(cn * hh[i] for cn, hh in zip(c, H, strict=True)) for i in range(2)]
        rates = []
        for Vk, Gk in ((V1[0] + V1[1], G1[0] + G1[1]), (V2, G2)):
            w = [mp.sign(v) * abs(v) ** (p - 1) for v in Vk]
            lam = -sign * _mp_dot(w, Gk) / (p * _mp_dot(w, w)) if use_lambda else 0
            vdot = [gk + sign * lam * p * wk for gk, wk in zip(Gk, w, strict=True)]
            rates.append(abs(p * _mp_dot(w, vdot)))
        return max(rates)


def _eq47_flow(variant: Variant, ctx: Context) -> Evidence:
    t0 = time.perf_counter()
    sign, use_lambda = float(variant.get("sign", 1)), bool(variant.get("use_lambda", True))
    T = ctx.pick(3.0, 10.0)
    rng = ctx.rng(3430)
    tol = 1e-9  # catalog §G; DOP853 at rtol 1e-11 accumulates ≲ 1e2 local errors over [0, T]
    rows, worst, fail = [], 0.0, None
    for p in (1.5, 2.0, 3.0):
        X, y, z0 = _flow_instance(rng, p)
        f = pc.linear2_flow_rhs(3, 2, X, y, p, sign, use_lambda)

        def near_zero(_t: float, z: np.ndarray) -> float:
            return float(np.min(np.abs(z[2:]))) - 1e-3

        near_zero.terminal = True  # type: ignore[attr-defined]
        sol = solve_ivp(f, (0.0, T), z0, method="DOP853", rtol=ODE_RTOL, atol=ODE_ATOL,
                        dense_output=True, events=near_zero if p < 2 else None)
        Th = float(sol.t[-1])
        ts = np.linspace(0.0, Th, 101)
        Z = sol.sol(ts)
        drift, lam_pos, lam_n = 0.0, 0, 0
        for j in range(ts.size):
            V = rn.unflatten(Z[2:, j], [(2, 3), (1, 2)])
            drift = max(drift, *(abs(float(pc.lp_norm(Vk, p)) - 1.0) for Vk in V))
            rho = math.exp(Z[0, j] + Z[1, j])
            G = pc.data_term(V, rho, X, y, "linear")
            for Vk, Gk in zip(V, G, strict=True):
                lam_pos += float(pc.lagrange_lambda(Vk, Gk, p, sign)) > 0
                lam_n += 1
        rows.append({"p": p, "horizon": Th, "stopped_at_zero_entry": Th < T, "drift": drift,
                     "fraction_lambda_positive": lam_pos / lam_n, "nfev": sol.nfev})
        if drift > worst:
            worst = drift
        if drift > tol and fail is None:
            fail = (p, X, y, z0)
    details: dict[str, Any] = {"runs": rows, "lambda_form": "λ_k = −sign·⟨w, G_k⟩/(p‖w‖²), "
                               "w = sign(V_k)|V_k|^{p−1}; with (47)'s printed + sign λ_k < 0 "
                               "on separable data at p = 2 (⟨V_k, G_k⟩ = ρΣe f̃_n > 0); with "
                               "the descent sign λ_k > 0"}
    verdict = "confirmed"
    if fail is not None:
        p, X, y, z0 = fail
        rate = _mp_norm_rate(z0, X, y, p, sign, use_lambda)
        details["counterexample"] = {"p": p, "z0": z0, "rate_50_digits": mp.nstr(rate, 50)}
        verdict = "refuted" if rate > MP_ZERO else "inconclusive"
    return _ev("experiment", verdict, "two-layer linear net (d = 3, h = 2), N = 5 separable "
               f"points, p ∈ {{1.5, 2, 3}}, t ∈ [0, {T}] (p < 2: until an entry of V nears 0)",
               ctx, t0, examples=3, max_error=worst, tolerance=tol, details=details)


@implements("poggio.eq47")
def _eq47() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\dot V_k=\rho\sum_ne^{-\rho\tilde f_n}\frac{\partial\tilde "
                        r"f_n}{\partial V_k}+\lambda_kpV_k^{p-1}\ (=-\partial L/\partial V_k\text{ "
                        r"of (45)})", {"sign": 1}),
        corrected=Variant("corrected", r"\dot V_k=\rho\sum_ne^{-\rho\tilde f_n}\frac{\partial"
                          r"\tilde f_n}{\partial V_k}-\lambda_kp\,\mathrm{sign}(V_k)|V_k|^{p-1}",
                          {"sign": -1}),
        checks=[symbolic("symbolic", _sym(_eq47_symbolic, "entrywise, symbolic V_k ∈ R² "
                                          "(nonzero entries), generic f̃_n, p ∈ {3/2, 2, 3}")),
                prop("fd_property", _velocity_property),
                experiment("flow", _eq47_flow)],
        perturbations=[
            Variant("exponent_p", r"\dot V_k=\dots-\lambda_kp\,\mathrm{sign}(V_k)|V_k|^{p}",
                    {"sign": -1, "exponent": "p"}),
            Variant("no_multiplier", r"\dot V_k=\rho\sum_ne^{-\rho\tilde f_n}\partial\tilde "
                    r"f_n/\partial V_k\ (\lambda_k\equiv0)", {"sign": 1, "use_lambda": False}),
        ],
        rejected_by={"exponent_p": ("symbolic", "fd_property"), "no_multiplier": ("flow",)},
        notes="Gradient descent on (45) gives −∂/∂V_k[λ_k(‖V_k‖_p^p − 1)] = −λ_k p sign(V_k)"
        "|V_k|^{p−1}: (47) prints the multiplier term with the opposite sign (so does (17) for "
        "(16); (48) and (69) use the descent sign). Under the reading 'λ_k is a free multiplier "
        "whose sign convention differs from (45)' (λ_k → −λ_k) the printed form holds. The "
        "literal elementwise power V^{p−1} equals sign(V)|V|^{p−1} only for p = 2 (for p = 3 "
        "it loses the sign; for p = 1.5 it is undefined at negative entries). Along (46)–(47) "
        "the λ_k(t) that keeps ‖V_k‖_p = 1 exists for either sign (flow check).",
    )


def _eq48_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    for m in ctx.pick((2,), (2, 3)):
        yield dc.gd_step_48(m, 2, int(variant.get("lam_coef", -2)))


def _eq48_property(variant: Variant, ctx: Context) -> Evidence:
    ev = _velocity_property(variant, ctx)
    orb = _lagrange_orbit(ctx, 3455, ctx.pick(9.0, 13.0))
    ev.details["multipliers_along_flow"] = {
        "table": orb["rec"]["multipliers_layer1"],
        "reading": "unit-step multipliers of (48) and of (49)–(50) (λ = (α − 1)/2) and the "
        "continuous-time multipliers of (17) (+2λV) and (69) (−2λV) at the same states of "
        "the p = 2 flow: λ_48 ≈ λ_69 and λ_49 = −λ_48 ≈ λ_17 as g → 0"}
    return ev


@implements("poggio.eq48")
def _eq48() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\|V_k+\rho\sum_ne^{-\rho\tilde f_n}\partial\tilde f_n/"
                        r"\partial V_k-2\lambda_kV_k\|=1\ (V_k-\partial L/\partial V_k\text{ of "
                        r"(45)},\ p=2)", {"lam_coef": -2, "sign": -1, "p_fixed": 2.0}),
        checks=[symbolic("symbolic", _sym(_eq48_symbolic, "p = 2, symbolic V ∈ R^m, generic "
                                          "f̃_n (N = 2)")),
                prop("fd_property", _eq48_property)],
        perturbations=[Variant("plus_2lambda", r"\|V_k+g+2\lambda_kV_k\|=1",
                               {"lam_coef": 2, "sign": 1, "p_fixed": 2.0})],
        notes="(48) is the unit-norm condition on one unit-step gradient-descent update of "
        "(45) at p = 2; the vector inside the norm is V − ∂L/∂V (checked symbolically and by "
        "finite differences). It agrees with (45) but not with an Euler step of (47) as "
        "printed (which has +2λ_kV_k, the sign of (49)).",
    )


# ======================================================================================
# poggio.eq49 / eq50 / eq51 — the chain (48) → (51), p = 2
# ======================================================================================


def _unit_g_strategy() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"seed": seeds(), "n": st.integers(2, 6),
                                  "g_scale": log_uniform(-2, 0), "lam": st.floats(-2, 2)})


def _unit_g(ex: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    V = rng.standard_normal(ex["n"])
    g = rng.standard_normal(ex["n"])
    g *= ex["g_scale"] / np.linalg.norm(g)
    return V / np.linalg.norm(V), g


def _real_root(V: np.ndarray, g: np.ndarray) -> bool:
    c = float(V @ g)
    return 1.0 - float(g @ g) + c * c > 1e-3


def _chain_tol(n: int, g: np.ndarray, lam: float) -> float:
    return 32 * gamma(4 * n) * (2 + float(np.linalg.norm(g)) + 4 * abs(lam)) ** 2


def _eq49_property(variant: Variant, ctx: Context) -> Evidence:
    coef = float(variant.get("coef49", 2.0))

    def body(ex: dict[str, Any]) -> Outcome:
        V, g = _unit_g(ex)
        assume(_real_root(V, g))
        xp = ctx.xp
        Vx, gx = ctx.asarray(V), ctx.asarray(g)
        alpha = float(pc.alpha_51(Vx, gx))
        lam = (1.0 - alpha) / 2.0  # the root of (48): 1 − 2λ = α of (51)
        r48 = abs(float(xp.linalg.vector_norm(Vx + gx - 2 * lam * Vx)) - 1.0)
        r49 = abs(float(xp.linalg.vector_norm(Vx + gx + coef * lam * Vx)) - 1.0)
        return Outcome(r49, _chain_tol(ex["n"], g, lam), {"lambda_48": lam,
                                                          "residual_48": r48})

    def recheck(ex: dict[str, Any]) -> Recheck:
        V, g = _unit_g(ex)
        with mp.workdps(HP_DIGITS):
            Vm, gm = [_mpf(v) for v in V], [_mpf(v) for v in g]
            nV = mp.sqrt(_mp_dot(Vm, Vm))
            Vm = [v / nV for v in Vm]
            c = _mp_dot(Vm, gm)
            lam = (1 - (mp.sqrt(1 - _mp_dot(gm, gm) + c * c) - c)) / 2
            x = [a + b + coef * lam * a for a, b in zip(Vm, gm, strict=True)]
            res = abs(mp.sqrt(_mp_dot(x, x)) - 1)
        return Recheck(mp.nstr(res, HP_DIGITS), 1e-12, "λ from (48) and the (49) residual at "
                       "50 digits")

    return run_property(ctx, strategy=_unit_g_strategy(), body=body, recheck=recheck,
                        salt=3440, max_examples=ctx.pick(30, 200),
                        scope="unit V ∈ R^n (n ≤ 6), ‖g‖ ∈ [0.01, 1] with a real root; λ the "
                        "root of (48) given by (51)", sizes={"n": [2, 6]})


def _eq49_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    for n in ctx.pick((2,), (2, 3)):
        yield dc.norm_rewrite(n, "48", variant.get("expr", "49"))


@implements("poggio.eq49")
def _eq49() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"(48)\ \Rightarrow\ \|V_k+g+2\lambda_kV_k\|=1",
                        {"expr": "49", "coef49": 2.0}),
        corrected=Variant("corrected", r"(48)\ \Leftrightarrow\ \|V_k+g-2\lambda_kV_k\|=1",
                          {"expr": "49c", "coef49": -2.0}),
        checks=[symbolic("symbolic", _sym(_eq49_symbolic, "symbolic unit V ∈ R^n (n = 2 "
                                          "quick; 2, 3 full), symbolic g, λ")),
                prop("property", _eq49_property)],
        perturbations=[Variant("factor_4", r"\|V_k+g-4\lambda_kV_k\|=1",
                               {"expr": "49x4", "coef49": -4.0})],
        notes="Substituting the definition of g into (48) gives ‖V + g − 2λV‖ = 1; (49) flips "
        "the sign of the multiplier term, so for the λ_k fixed by (48) it fails unless λ_k = 0 "
        "or Vᵀg = −1. Read as a new definition of λ_k (λ → −λ, the sign convention of (47) as "
        "printed) it is consistent, and (50)–(51) follow from it.",
    )


def _eq50_property(variant: Variant, ctx: Context) -> Evidence:
    s = float(variant.get("alpha_sign", 1.0))

    def body(ex: dict[str, Any]) -> Outcome:
        V, g = _unit_g(ex)
        lam = float(ex["lam"])
        xp = ctx.xp
        Vx, gx = ctx.asarray(V), ctx.asarray(g)
        a = float(xp.linalg.vector_norm(Vx + gx + 2 * lam * Vx))
        b = float(xp.linalg.vector_norm((1 + s * 2 * lam) * Vx + gx))
        return Outcome(abs(a - b), _chain_tol(ex["n"], g, lam))

    def recheck(ex: dict[str, Any]) -> Recheck:
        V, g = _unit_g(ex)
        with mp.workdps(HP_DIGITS):
            Vm, gm, lam = [_mpf(v) for v in V], [_mpf(v) for v in g], _mpf(ex["lam"])
            x = [a + b + 2 * lam * a for a, b in zip(Vm, gm, strict=True)]
            y = [(1 + s * 2 * lam) * a + b for a, b in zip(Vm, gm, strict=True)]
            res = abs(mp.sqrt(_mp_dot(x, x)) - mp.sqrt(_mp_dot(y, y)))
        return Recheck(mp.nstr(res, HP_DIGITS), 1e-12, "both norms at 50 digits")

    return run_property(ctx, strategy=_unit_g_strategy(), body=body, recheck=recheck,
                        salt=3445, max_examples=ctx.pick(30, 200),
                        scope="unit V ∈ R^n (n ≤ 6), g, λ ∈ [−2, 2]", sizes={"n": [2, 6]})


def _eq50_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    for n in ctx.pick((2,), (2, 3)):
        yield dc.norm_rewrite(n, "49", variant.get("expr", "50"))


@implements("poggio.eq50")
def _eq50() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\|V_k+g+2\lambda_kV_k\|=\|\alpha V_k+g\|,\ \alpha=1+"
                        r"2\lambda_k", {"expr": "50", "alpha_sign": 1.0}),
        checks=[symbolic("symbolic", _sym(_eq50_symbolic, "symbolic unit V ∈ R^n, g, λ")),
                prop("property", _eq50_property)],
        perturbations=[Variant("alpha_1_minus_2lambda", r"\alpha=1-2\lambda_k",
                               {"expr": "50m", "alpha_sign": -1.0})],
        notes="(50) is the rewriting of (49) with α = 1 + 2λ_k (holds). Relative to (48) the "
        "same α is 1 − 2λ_k (see poggio.eq49).",
    )


def _eq51_property(variant: Variant, ctx: Context) -> Evidence:
    rs = float(variant.get("radicand_sign", 1.0))

    def alpha(V: Any, g: Any, xp: Any) -> Any:
        c = xp.sum(V * g)
        return xp.sqrt(1.0 - rs * xp.sum(g * g) + rs * c * c) - c

    def body(ex: dict[str, Any]) -> Outcome:
        V, g = _unit_g(ex)
        assume(_real_root(V, g))
        xp = ctx.xp
        Vx, gx = ctx.asarray(V), ctx.asarray(g)
        a = alpha(Vx, gx, xp)
        c = float(V @ g)
        other = -c - math.sqrt(1 - float(g @ g) + c * c)
        res = abs(float(xp.linalg.vector_norm(a * Vx + gx)) - 1.0)
        return Outcome(res, _chain_tol(ex["n"], g, 1.0), {"alpha": float(a),
                                                          "other_root": other})

    def recheck(ex: dict[str, Any]) -> Recheck:
        V, g = _unit_g(ex)
        with mp.workdps(HP_DIGITS):
            Vm, gm = [_mpf(v) for v in V], [_mpf(v) for v in g]
            nV = mp.sqrt(_mp_dot(Vm, Vm))
            Vm = [v / nV for v in Vm]
            c = _mp_dot(Vm, gm)
            a = mp.sqrt(1 - rs * _mp_dot(gm, gm) + rs * c * c) - c
            x = [a * v + w for v, w in zip(Vm, gm, strict=True)]
            res = abs(mp.sqrt(_mp_dot(x, x)) - 1)
        return Recheck(mp.nstr(res, HP_DIGITS), 1e-12, "(50) at α of the variant, 50 digits")

    return run_property(ctx, strategy=_unit_g_strategy(), body=body, recheck=recheck,
                        salt=3450, max_examples=ctx.pick(30, 200),
                        scope="unit V ∈ R^n (n ≤ 6), ‖g‖ ∈ [0.01, 1] with a real root",
                        sizes={"n": [2, 6]})


def _eq51_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    for n in ctx.pick((2,), (2, 3)):
        yield from dc.alpha_root(n, int(variant.get("radicand_sign", 1)))


_ORBITS: dict[tuple[int, float], dict[str, Any]] = {}


def _lagrange_orbit(ctx: Context, salt: int, S: float) -> dict[str, Any]:
    """:func:`_orbit` cached per (seed, S): eq. (51) and the remarks read the same orbit."""
    key = (int(ctx.seed), float(S))
    if key not in _ORBITS:
        _ORBITS[key] = _orbit(ctx, salt, S)
    return _ORBITS[key]


def _orbit(ctx: Context, salt: int, S: float) -> dict[str, Any]:
    """The p = 2 Lagrange flow (46)–(47) of a separable two-layer linear net in log time
    s = log(1 + t) on [0, S], sampled at 40 log-spaced times, with the first term G_k of
    (47), the multiplier of the continuous flow and the (51)-multiplier of one unit step."""
    rng = ctx.rng(salt)
    X, y, z0 = _flow_instance(rng, 2.0)
    f = pc.linear2_flow_rhs(3, 2, X, y, 2.0, -1.0, True, time_scale="log")
    sol = solve_ivp(f, (0.0, S), z0, method="DOP853", rtol=1e-10, atol=1e-12,
                    dense_output=True)
    ss = np.linspace(S / 4, S, 40)
    Z = sol.sol(ss)
    rec: dict[str, list] = {k: [] for k in ("t", "rho", "rho_k2", "G", "lam_flow", "Vdot",
                                            "lam_51", "g_norm")}
    for j, s in enumerate(ss):
        z = Z[:, j]
        V = rn.unflatten(z[2:], [(2, 3), (1, 2)])
        rho = math.exp(z[0] + z[1])
        G = pc.data_term(V, rho, X, y, "linear")
        rec["t"].append(math.expm1(s))
        rec["rho"].append(rho)
        rec["rho_k2"].append([math.exp(2 * z[0]), math.exp(2 * z[1])])
        rec["G"].append([float(np.linalg.norm(Gk)) for Gk in G])
        lam = [float(pc.lagrange_lambda(Vk, Gk, 2.0, 1.0)) for Vk, Gk in zip(V, G, strict=True)]
        rec["lam_flow"].append([abs(v) for v in lam])
        rec["Vdot"].append([float(np.linalg.norm(Gk - (Vk * Gk).sum() * Vk))
                            for Vk, Gk in zip(V, G, strict=True)])
        l51 = []
        for Vk, Gk in zip(V, G, strict=True):
            a = float(pc.alpha_51(Vk.reshape(-1), Gk.reshape(-1)))
            l51.append(abs((a - 1.0) / 2.0))
        rec["lam_51"].append(l51)
        if j in (0, len(ss) // 2, len(ss) - 1):
            Vk, Gk = V[0].reshape(-1), G[0].reshape(-1)
            a = float(pc.alpha_51(Vk, Gk))
            vg = float(Vk @ Gk)
            rec.setdefault("multipliers_layer1", []).append({
                "t": math.expm1(s), "lambda_48": (1 - a) / 2, "lambda_49_50": (a - 1) / 2,
                "lambda_17_continuous": -vg / 2, "lambda_69_continuous": vg / 2})
        rec["g_norm"].append(max(float(np.linalg.norm(Gk)) for Gk in G))
    rho0 = [math.exp(2 * z0[0]), math.exp(2 * z0[1])]
    return {"rec": rec, "X": X, "y": y, "z0": z0, "rho_k2_0": rho0, "nfev": sol.nfev,
            "status": sol.status}


def _decay(t: list, vals: list) -> dict[str, float]:
    lt = np.log(np.asarray(t))
    lv = np.log(np.maximum(np.asarray(vals, dtype=np.float64), 1e-300))
    s, lo, hi = _slope_ci(lt, lv)
    return {"slope": s, "ci_low": lo, "ci_high": hi, "first": float(vals[0]),
            "last": float(vals[-1])}


def _eq51_flow(variant: Variant, ctx: Context) -> Evidence:
    t0 = time.perf_counter()
    S = ctx.pick(9.0, 13.0)
    orb = _lagrange_orbit(ctx, 3455, S)
    rec = orb["rec"]
    fits = {"g": _decay(rec["t"], rec["g_norm"])}
    for k in range(2):
        fits[f"lambda_51_k{k + 1}"] = _decay(rec["t"], [v[k] for v in rec["lam_51"]])
    ok = all(v["ci_high"] < 0 and v["last"] < v["first"] for v in fits.values())
    return _ev("experiment", "confirmed" if ok else "inconclusive",
               f"p = 2 Lagrange flow of a separable two-layer linear net, t ∈ [e^{S / 4:.2f}"
               f" − 1, e^{S:g} − 1]; slopes of log|λ_k| and log‖g‖ against log t (95% CI)",
               ctx, t0, examples=len(rec["t"]), max_error=max(v["ci_high"] for v in
                                                              fits.values()),
               tolerance=0.0, details={"fits": fits, "criterion": "upper CI of each slope < 0 "
                                       "and the last value below the first",
                                       "nfev": orb["nfev"]})


@implements("poggio.eq51")
def _eq51() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\alpha=\sqrt{1-\|g\|^2+(V_k^\top g)^2}-V_k^\top g\ "
                        r"\text{solves (50)};\ \lambda\to0\text{ since }g\to0,\ \alpha\to1",
                        {"radicand_sign": 1}),
        checks=[symbolic("symbolic", _sym(_eq51_symbolic, "symbolic unit V ∈ R^n, g with a "
                                          "real root; limit g = εh, ε → 0")),
                prop("property", _eq51_property),
                experiment("flow", _eq51_flow)],
        perturbations=[Variant("radicand_sign", r"\alpha=\sqrt{1+\|g\|^2-(V_k^\top g)^2}-"
                               r"V_k^\top g", {"radicand_sign": -1})],
        rejected_by={"radicand_sign": ("symbolic", "property")},
        notes="(51) is the root of α² + 2αVᵀg + ‖g‖² − 1 = 0 that tends to 1 as g → 0 (the "
        "other root −Vᵀg − √(…) is reported). Along the p = 2 flow of a separable net, g(t) "
        "(the first term of (47)) and the unit-step multiplier λ = (α − 1)/2 decay like a "
        "power of t (fitted slopes with confidence intervals).",
    )


# ======================================================================================
# poggio.sec9_1.remarks
# ======================================================================================


def _remarks_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    return dc.rho_sq_rates(ctx.pick(2, 3), 2, int(variant.get("power", 2)))


def _remarks_flow(variant: Variant, ctx: Context) -> Evidence:
    t0 = time.perf_counter()
    power = int(variant.get("power", 2))
    S = ctx.pick(9.0, 13.0)
    orb = _lagrange_orbit(ctx, 3455, S)
    rec = orb["rec"]
    t = rec["t"]
    fits = {}
    for k in range(2):
        fits[f"first_term_k{k + 1}"] = _decay(t, [v[k] for v in rec["G"]])
        fits[f"lambda_k{k + 1}"] = _decay(t, [v[k] for v in rec["lam_flow"]])
        fits[f"Vdot_k{k + 1}"] = _decay(t, [v[k] for v in rec["Vdot"]])
    rs, rlo, rhi = _slope_ci(np.log(np.asarray(t)), np.asarray(rec["rho"]))
    asym_ok = all(v["ci_high"] < 0 and v["last"] < v["first"] for v in fits.values())
    rho_ok = bool(np.all(np.diff(rec["rho"]) > 0)) and rlo > 0
    r0 = orb["rho_k2_0"]
    growth = np.asarray([[r[k] ** (power / 2) - r0[k] ** (power / 2) for k in range(2)]
                         for r in rec["rho_k2"]])
    spread = float(np.max(np.abs(growth[:, 0] - growth[:, 1]) / np.max(np.abs(growth), axis=1)))
    tol = 1e-6  # DOP853 at rtol 1e-10 over ~1e3 steps
    details: dict[str, Any] = {"fits": fits, "rho_vs_log_t": {"slope": rs, "ci": [rlo, rhi],
                                                              "increasing": rho_ok},
                               "same_rate_relative_spread": spread, "power": power,
                               "rho_final": rec["rho"][-1]}
    verdict = "confirmed"
    if spread > tol:
        X, y, z0 = orb["X"], orb["y"], orb["z0"]
        with mp.workdps(HP_DIGITS):  # rates of ρ_k^power at t = 0 by (46), 50 digits
            r1, r2 = mp.exp(_mpf(z0[0])), mp.exp(_mpf(z0[1]))
            V = rn.unflatten(z0[2:], [(2, 3), (1, 2)])
            ft = rn.margins(V, X, y, "linear")
            rho = r1 * r2
            s = mp.fsum(mp.exp(-rho * _mpf(f)) * _mpf(f) for f in ft)
            rates = [power * r ** (power - 1) * rho / r * s for r in (r1, r2)]
            gap = abs(rates[0] - rates[1])
        details["counterexample"] = {"rate_gap_t0_50_digits": mp.nstr(gap, 50)}
        verdict = "refuted" if gap > MP_ZERO else "inconclusive"
    elif not (asym_ok and rho_ok):
        verdict = "inconclusive"
        details["why"] = "a fitted decay/growth was not significant at this horizon"
    return _ev("experiment", verdict, f"p = 2 Lagrange flow (46)–(47), separable two-layer "
               f"linear net, t up to e^{S:g}", ctx, t0, examples=len(t), max_error=spread,
               tolerance=tol, details=details)


@implements("poggio.sec9_1.remarks")
def _remarks() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"G_k\to0,\ \lambda_k\to0,\ \dot V_k\to0,\ \rho\to\infty,\ "
                        r"\rho_k^2\text{ grow at the same rate}", {"power": 2}),
        checks=[symbolic("symbolic", _sym(_remarks_symbolic, "symbolic ρ_k > 0, f̃_n (N = 2), "
                                          "K = 2 quick, 3 full")),
                experiment("flow", _remarks_flow)],
        perturbations=[Variant("rho_k_same_rate", r"\rho_k\text{ (not squared) grow at the "
                               r"same rate}", {"power": 1})],
        notes="'Grow at the same rate' is checked exactly: by (46) d(ρ_k²)/dt = 2ρΣe^{−ρf̃_n}f̃_n "
        "for every k, so ρ_k² − ρ_k²(0) is the same for all k. The limits are fitted slopes in "
        "log t with 95% confidence intervals along an integrated flow (linear surrogate net, "
        "catalog §0). Remark 4 (Halpern iteration) states no checkable relation.",
    )


# ======================================================================================
# poggio.eq52 / poggio.sec9_2.coef_norm
# ======================================================================================


def _coef_property(variant: Variant, ctx: Context) -> Evidence:
    power, norm_p = float(variant.get("power", 1.0)), variant.get("norm_p")
    strategy = st.fixed_dictionaries({"seed": seeds(), "n": st.integers(2, 6),
                                      "p": st.sampled_from([1.0, 1.5, 2.0, 3.0, 4.0, INF]),
                                      "mu": log_uniform(-3, 0)})

    def draw(ex: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, float]:
        rng = np.random.default_rng(ex["seed"])
        u = rng.standard_normal(ex["n"])
        return u / float(pc.lp_norm(u, ex["p"])), rng.standard_normal(ex["n"]), ex["p"]

    def body(ex: dict[str, Any]) -> Outcome:
        u, g, p = draw(ex)
        q = p if norm_p is None else float(norm_p)
        xp = ctx.xp
        ux, gx = ctx.asarray(u), ctx.asarray(g)
        uh = ux + ex["mu"] * gx
        u1 = pc.coef_norm_step(ux, gx, ex["mu"], q, power)
        r_norm = abs(float(pc.lp_norm(u1, p)) - 1.0)
        cosang = float(xp.sum(u1 * uh)) / float(xp.linalg.vector_norm(u1)
                                                * xp.linalg.vector_norm(uh))
        plain = abs(float(pc.lp_norm(uh, p)) - 1.0)
        tol = 16 * gamma(4 * ex["n"]) * (1 + ex["mu"] * float(np.linalg.norm(g)))
        return Outcome(max(r_norm, abs(1.0 - cosang)), tol,
                       {"unit_residual": r_norm, "plain_52_drift": plain})

    def recheck(ex: dict[str, Any]) -> Recheck:
        u, g, p = draw(ex)
        q = p if norm_p is None else float(norm_p)
        with mp.workdps(HP_DIGITS):
            uh = [_mpf(a) + _mpf(ex["mu"]) * _mpf(b) for a, b in zip(u, g, strict=True)]
            nq = _mp_lp(uh, q)
            u1 = [a / nq ** power for a in uh]
            res = abs(_mp_lp(u1, p) - 1)
        return Recheck(mp.nstr(res, HP_DIGITS), 1e-13, "‖u(k+1)‖_p − 1 at 50 digits")

    ev = run_property(ctx, strategy=strategy, body=body, recheck=recheck, salt=3465,
                      max_examples=ctx.pick(30, 200),
                      scope="u on the unit L_p sphere of R^n (n ≤ 6), p ∈ {1, 1.5, 2, 3, 4, ∞}, "
                      "g Gaussian, μ ∈ [1e-3, 1]", sizes={"n": [2, 6]})
    ev.details["plain_52_example"] = {"u": [1.0, 0.0], "g": [0.5, 0.0],
                                      "norm_after_52": 1.5, "note": "(52) alone leaves the "
                                      "unit sphere ('does not generally guarantee ‖u‖ = 1')"}
    return ev


def _coef_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    nq = variant.get("norm_p")
    for p in P_SYM:
        if nq is not None and p == 2:
            continue
        yield dc.coef_norm_unit(p, 2, int(variant.get("power", 1)),
                                None if nq is None else sp.Integer(int(nq)))


@implements("poggio.eq52", "poggio.sec9_2.coef_norm")
def _coef() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\hat u(k+1)=u(k)+g(k),\ u(k+1)=\hat u(k+1)/\|\hat u(k+1)"
                        r"\|_p\ \Rightarrow\ \|u(k+1)\|_p=1", {"power": 1}),
        checks=[symbolic("symbolic", _sym(_coef_symbolic, "symbolic û ∈ R² (positive orthant),"
                                          " p ∈ {3/2, 2, 3}")),
                prop("property", _coef_property)],
        perturbations=[Variant("squared_norm", r"u(k+1)=\hat u/\|\hat u\|_p^2", {"power": 2}),
                       Variant("l2_normalisation", r"u(k+1)=\hat u/\|\hat u\|_2\ (p\ne2)",
                               {"power": 1, "norm_p": 2})],
        notes="Definitions; what can fail is that the two-step update lands on the unit L_p "
        "sphere along the direction of û, while (52) alone does not (example in details). "
        "g = μ∇L is an ascent step as printed; the normalisation does not depend on the sign.",
    )


# ======================================================================================
# poggio.thm7 / wnbn.thm_douglas — tangent-gradient flows
# ======================================================================================


def _ode_strategy(p_choices: Iterable[float]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"seed": seeds(), "n": st.integers(2, 5),
                                  "p": st.sampled_from(list(p_choices)),
                                  "A_scale": log_uniform(-1, 0),
                                  "coupled": st.booleans()})


def _ode_setup(ex: dict[str, Any]) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    n = ex["n"]
    A = rng.standard_normal((n, min(n, 6))) * ex["A_scale"]
    B = None
    if ex["coupled"]:  # g = Aφ(t) − Bu: the gradient of a quadratic loss plus a drive
        M = rng.standard_normal((n, n)) / math.sqrt(n)
        B = M @ M.T
    u0 = rng.standard_normal(n)
    return A, B, u0 / float(pc.lp_norm(u0, ex["p"]))


def _tangent_property(variant: Variant, ctx: Context, salt: int,
                      p_choices: Iterable[float]) -> Evidence:
    basis, denom = variant.get("basis", "v"), variant.get("denom", "l2")
    T = ctx.pick(2.0, 10.0)

    def events(p: float) -> list:
        def zero(_t: float, u: np.ndarray) -> float:
            return float(np.min(np.abs(u))) - 1e-6

        def tie(_t: float, u: np.ndarray) -> float:
            a = np.sort(np.abs(u))
            return float(a[-1] - a[-2]) - 1e-6

        def drifted(_t: float, u: np.ndarray) -> float:
            # stop a trajectory that already left the unit sphere (keeps shrinking cheap)
            return abs(float(pc.lp_norm(u, p)) - 1.0) - DRIFT_STOP

        for ev_ in (zero, tie, drifted):
            ev_.terminal = True  # type: ignore[attr-defined]
        if p == INF:
            return [drifted, tie]
        return [drifted, zero] if p < 2 else [drifted]

    def body(ex: dict[str, Any]) -> Outcome:
        A, B, u0 = _ode_setup(ex)
        p = ex["p"]
        if p == INF:
            a = np.sort(np.abs(u0))
            assume(a[-1] - a[-2] > 1e-3)
        if p < 2:
            assume(float(np.min(np.abs(u0))) > 1e-3)
        f = pc.tangent_rhs(A, p, basis, denom, B)
        sol = solve_ivp(f, (0.0, T), u0, method="DOP853", rtol=ODE_RTOL, atol=ODE_ATOL,
                        dense_output=True, events=events(p) or None)
        Th = float(sol.t[-1])
        left = sol.t_events[0].size > 0  # the drift event fired: a failure, whatever Th is
        assume(left or Th > 0.05 * T)  # away from the non-differentiable points
        ts = ctx.asarray(np.linspace(0.0, Th, 41))
        U = ctx.asarray(sol.sol(to_numpy(ts)))
        xp = ctx.xp
        if p == INF:
            norms = xp.max(xp.abs(U), axis=0)
        else:
            norms = xp.sum(xp.abs(U) ** p, axis=0) ** (1.0 / p)
        drift = float(xp.max(xp.abs(norms - 1.0)))
        # the remarks' gradient formulas against central differences of ‖u‖_p at u0
        h = 1e-5 * float(np.min(np.abs(u0))) if p < 2 else 1e-5
        v = to_numpy(pc.lp_normal(ctx.asarray(u0), p))
        gerr, gtol = 0.0, 0.0
        for j, e in enumerate(np.eye(u0.size)):
            D, derr = fd.directional(lambda x: pc.lp_norm(x, p), (ctx.asarray(u0),),
                                     (ctx.asarray(e),), h, 1.0)
            gerr = max(gerr, abs(float(D) - float(v[j])))
            gtol = max(gtol, 4 * float(derr))
        # global error of DOP853 ≲ (accepted steps ≈ nfev/12) × local tolerance
        tol = max(1.0, sol.nfev / 12) * (ODE_RTOL + ODE_ATOL) * 10
        return Outcome(max(drift / tol, gerr / gtol), 1.0,
                       {"drift": drift, "drift_tol": tol, "horizon": Th,
                        "gradient_formula_error": gerr, "gradient_fd_tol": gtol,
                        "nfev": sol.nfev})

    def recheck(ex: dict[str, Any]) -> Recheck:
        A, B, u0 = _ode_setup(ex)
        p = ex["p"]
        with mp.workdps(HP_DIGITS):
            u = [_mpf(x) for x in u0]
            g = [mp.fsum(_mpf(A[i, j]) * c for j, c in enumerate(
                [mp.mpf(0), mp.mpf(1), mp.mpf(1), mp.mpf(0), mp.mpf(1), mp.mpf(0)][:A.shape[1]]))
                for i in range(A.shape[0])]
            if B is not None:
                g = [gi - mp.fsum(_mpf(B[i, j]) * u[j] for j in range(len(u)))
                     for i, gi in enumerate(g)]
            vn = _mp_normal(u, p)
            if basis == "none":
                sg = g
            else:
                w = vn if basis == "v" else u
                den = _mp_dot(w, w) if (basis == "v" or denom == "l2") else _mp_lp(u, p) ** 2
                wg = _mp_dot(w, g)
                sg = [gi - wg / den * wi for gi, wi in zip(g, w, strict=True)]
            rate = abs(_mp_dot(vn, sg))
        return Recheck(mp.nstr(rate, HP_DIGITS), MP_ZERO,
                       "d/dt ‖u‖_p = vᵀu̇ at t = 0, 50 digits: nonzero means ‖u(t)‖_p ≠ 1 for "
                       "small t > 0")

    return run_property(ctx, strategy=_ode_strategy(p_choices), body=body, recheck=recheck,
                        salt=salt, max_examples=ctx.pick(8, 40),
                        scope=f"u ∈ R^n (n ≤ 5), ‖u(0)‖_p = 1, g(t) = Aφ(t) (− Bu), DOP853 rtol "
                        f"{ODE_RTOL:g} on [0, {T:g}]; p = 1, ∞ until a non-differentiable point",
                        sizes={"n": [2, 5]})


def _thm7_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    basis = variant.get("basis", "v")
    for p in P_SYM:
        yield dc.tangent_conservation(p, 3, basis, variant.get("denom", "l2"))
    if basis == "v":
        yield from dc.gradient_remarks()


@implements("poggio.thm7")
def _thm7() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\dot u=\Big(I-\frac{vv^\top}{\|v\|_2^2}\Big)g,\ v=\partial"
                        r"\|u\|_p/\partial u,\ \|u(0)\|_p=1\ \Rightarrow\ \|u(t)\|_p=1",
                        {"basis": "v"}),
        checks=[symbolic("symbolic", _sym(_thm7_symbolic, "symbolic u ∈ R³ (positive orthant), "
                                          "g; p ∈ {3/2, 2, 3}; remarks p = 2 and p = 1")),
                prop("property", lambda v, c: _tangent_property(
                    v, c, 3470, (1.0, 1.5, 2.0, 3.0, 4.0, INF)))],
        perturbations=[Variant("S_from_u", r"S=I-uu^\top/\|u\|_2^2\ (p\ne2)", {"basis": "u"}),
                       Variant("no_projection", r"\dot u=g", {"basis": "none"})],
        notes="'‖u(0)‖ = 1' is read in the theorem's norm ‖·‖_p (with the Euclidean reading "
        "the conclusion fails at t = 0 for p ≠ 2; the conserved quantity is ‖u‖_p). The "
        "conservation law is vᵀSg = 0. p = 1 and p = ∞ are integrated until a coordinate "
        "reaches 0 or the maximiser changes. Remarks: ∂‖u‖₂/∂u = u/‖u‖₂ (the text's 'v = u' "
        "holds on the unit sphere only; S is unchanged either way), ∂‖u‖₁/∂u_j = "
        "u_j/|u_j|, ∂‖u‖_∞/∂u_j = sign(u_k)δ_kj (checked by central differences in the property).",
    )


def _douglas_symbolic(variant: Variant, ctx: Context) -> Iterable[Derivation]:
    for p in (sp.Integer(2), sp.Rational(3, 2), sp.Integer(3)):
        yield dc.tangent_conservation(p, 3, variant.get("basis", "u"),
                                      variant.get("denom", "lp"))


def _douglas_property(variant: Variant, ctx: Context) -> Evidence:
    ev = _tangent_property(variant, ctx, 3480, P_ALL)
    # per-p report of both readings of ‖u‖² in S (one trajectory each, same drive)
    rng = ctx.rng(3481)
    A = rng.standard_normal((4, 4)) * 0.5
    table = {}
    for p in P_ALL:
        u0 = rng.standard_normal(4)
        u0 /= float(pc.lp_norm(u0, p))
        row = {}
        for name, b, dn in (("printed S, ‖u‖_p² (literal)", "u", "lp"),
                            ("printed S, ‖u‖₂² (projector)", "u", "l2"),
                            ("S from v = ∂‖u‖_p/∂u", "v", "l2")):
            sol = solve_ivp(pc.tangent_rhs(A, p, b, dn), (0.0, 0.5), u0, method="DOP853",
                            rtol=1e-9, atol=1e-12)
            row[name] = abs(float(pc.lp_norm(sol.y[:, -1], p)) - 1.0)
        table[f"p={p}"] = row
    ev.details["drift_at_t=0.5_by_p"] = table
    return ev


@implements("wnbn.thm_douglas")
def _douglas() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\|\cdot\|\text{ any differentiable norm: }\dot u=\Big(I-"
                        r"\frac{uu^\top}{\|u\|^2}\Big)g,\ \|u(0)\|=1\ \Rightarrow\ \|u(t)\|=1",
                        {"basis": "u", "denom": "lp"}),
        corrected=Variant("corrected", r"\dot u=\Big(I-\frac{vv^\top}{\|v\|_2^2}\Big)g,\ v="
                          r"\partial\|u\|/\partial u\ (\text{or (6) for the Euclidean norm only})",
                          {"basis": "v", "denom": "l2"}),
        checks=[symbolic("symbolic", _sym(_douglas_symbolic, "symbolic u ∈ R³ (positive "
                                          "orthant), g; L_p norms p ∈ {2, 3/2, 3}")),
                prop("property", _douglas_property)],
        perturbations=[Variant("no_projection", r"\dot u=g", {"basis": "none"})],
        notes="Along u̇ = Sg, d/dt‖u‖ = ∇‖u‖ᵀSg, which vanishes for every g iff Sᵀ∇‖u‖ = 0. "
        "With S = I − uuᵀ/‖u‖² this needs ∇‖u‖ ∥ u, true for the Euclidean norm only: for an "
        "L_p norm with p ≠ 2 (differentiable for 1 < p < ∞) the printed theorem fails, under "
        "both readings of ‖u‖² in S (the same L_p norm, printed variant; or Euclidean, in the "
        "details table). The corrected statement is [002]'s Theorem 7 (S from v = ∂‖u‖/∂u).",
    )
