"""Banburski, Poggio et al. [002] §10 and [004] §5.2–5.3: standard dynamics, weight
normalisation (55)–(58), norm conservation, batch normalisation (definition, Jacobians,
S, Remarks 1–2), Observation 2, the support-vector expansion and margin maximisation
(catalog poggio.md H).

Reading of ∂L/∂w in §10 (decided here, every check reports the other): the paper uses the
symbol for the velocity ẇ of the gradient dynamics (54), ẇ = −∇_wL ("the dynamics of
w = ∂L/∂w", [002] l.592; (57)–(58) then coincide with (12) with ẇ of (7), and (55) with
(24)). The literal reading ∂L/∂w = +∇_wL flips the sign of every right-hand side (the
printed fields are then gradient *ascent*); it is evaluated and reported in ``details``.
BN is evaluated in the paper's simplification (μ_B, β, γ neglected, per-feature
statistics) and, in ``details``, for the centred transform of the BN definition.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable
from typing import Any

import mpmath as mp
import numpy as np
import sympy as sp
from hypothesis import assume
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from derivations import poggio_normdyn as dn
from numeric import fd
from numeric import poggio_normdyn as bn
from numeric import relunet as rn
from numeric._backend import to_numpy
from verify import highprec as hp
from verify.api import Implementation, Variant, experiment, implements, prop, symbolic
from verify.context import Context
from verify.props import Outcome, Recheck, jsonable, run_property
from verify.strategies import log_uniform, seeds
from verify.symbolic import run_symbolic
from verify.tolerance import eps, gamma
from verify.verdicts import Evidence

EPS = eps()
READING = ("∂L/∂w read as the velocity ẇ = −∇_wL of (54) (the paper's §10 usage, "
           "[002] l.592); the literal reading ∂L/∂w = +∇_wL is reported in details")


# --------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------


def _mpa(a: Any) -> np.ndarray:
    """A float64 array as an object array of mpmath numbers (exact copies)."""
    return np.vectorize(lambda t: mp.mpf(float(t)), otypes=[object])(np.asarray(a, float))


def _mp_sqrt(a: Any) -> Any:
    return np.vectorize(mp.sqrt, otypes=[object])(a)


def _mp_max_abs(a: Any) -> Any:
    return max(abs(t) for t in np.ravel(a))


def _sym(build: Callable[[Variant, Context], Any], scope: str,
         extra: Callable[[Variant, Context], dict] | None = None) -> Callable:
    """A symbolic check from ``build(variant, ctx)`` (a Derivation or a list of them);
    ``extra`` adds other readings to the evidence details."""

    def check(variant: Variant, ctx: Context) -> Evidence:
        ev = run_symbolic(ctx, lambda: build(variant, ctx), scope)
        if extra is not None:
            ev.details["readings"] = jsonable(extra(variant, ctx))
        return ev

    return check


def _strategy(**kw: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"seed": seeds(), **kw})


def _pointwise(ctx: Context, *, strategy: st.SearchStrategy[Any],
               f64: Callable[[dict], tuple[float, float, dict]],
               f_mp: Callable[[dict], Any] | None, salt: int, scope: str,
               n: tuple[int, int] = (30, 200), sizes: dict | None = None,
               threshold: Callable[[dict], float] | None = None) -> Evidence:
    """A property whose example yields (error, tolerance, info) in float64 and whose
    failure is re-evaluated by ``f_mp`` (the same error at 50 digits)."""

    def body(ex: dict) -> Outcome:
        err, tol, info = f64(ex)
        return Outcome(float(err), float(tol), info)

    def recheck(ex: dict) -> Recheck:
        with warnings.catch_warnings():  # ``assume`` outside a Hypothesis test
            warnings.simplefilter("ignore")
            _, tol, _ = f64(ex)
        with hp.workdps():
            r = f_mp(ex)
            s = hp.to_str(r)
        return Recheck(s, float(threshold(ex)) if threshold else float(tol))

    return run_property(ctx, strategy=strategy, body=body,
                        recheck=recheck if f_mp is not None else None, scope=scope,
                        salt=salt, max_examples=ctx.pick(*n), sizes=sizes)


def _mp_net_grads(W: list[np.ndarray], x: np.ndarray) -> tuple[Any, list[Any]]:
    """f(W; x) and ∂f/∂W_k at 50 digits for a ReLU net of ``numeric.relunet`` shape."""
    Wm = [_mpa(Wk) for Wk in W]
    hs, zs = [_mpa(x)], []
    for k, Wk in enumerate(Wm):
        z = Wk @ hs[-1]
        zs.append(z)
        if k < len(Wm) - 1:
            hs.append(np.array([t if t > 0 else mp.mpf(0) for t in z], dtype=object))
    delta = np.array([mp.mpf(1)], dtype=object)
    grads: list[Any] = [None] * len(Wm)
    for k in range(len(Wm) - 1, -1, -1):
        grads[k] = np.outer(delta, hs[k])
        if k > 0:
            delta = (Wm[k].T @ delta) * np.array([1 if t > 0 else 0 for t in zs[k - 1]],
                                                 dtype=object)
    return zs[-1][0], grads


# --------------------------------------------------------------------------------------
# poggio.sec10_1.claims — minima at infinity, L > 0 at every finite W
# --------------------------------------------------------------------------------------


def _inf_inputs(ex: dict, separable: bool) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    W = rn.random_net(ex["d"], ex["widths"], rng)
    X = rng.standard_normal((ex["N"], ex["d"]))
    f = rn.forward(W, X)
    y = np.sign(f) if separable else rng.choice([-1.0, 1.0], size=ex["N"])
    _, V = rn.normalize(W)
    return V, X, y, np.asarray(rn.forward(V, X)) * y


S_GRID = (1.0, 2.0, 4.0, 8.0, 16.0)


def _inf_property(variant: Variant, ctx: Context) -> Evidence:
    sep = variant.get("separable", True)
    strategy = _strategy(d=st.integers(1, 5), widths=st.lists(st.integers(1, 4), max_size=2),
                         N=st.integers(1, 8))

    def f64(ex: dict) -> tuple[float, float, dict]:
        V, X, y, m = _inf_inputs(ex, sep)
        K = len(V)
        assume(rn.min_abs_preactivation(V, X) > 1e-8 and np.min(np.abs(m)) > 1e-3)
        Xa, ya = ctx.asarray(X), ctx.asarray(y)
        logL = [float(rn.log_loss([ctx.asarray(s * Vk) for Vk in V], Xa, ya)) for s in S_GRID]
        scale = 1 + max(s**K for s in S_GRID) * float(np.max(np.abs(m)))
        incr = max(b - a for a, b in itertools.pairwise(logL))
        bound = max(lv - (math.log(ex["N"]) - s**K * float(np.min(m)))
                    for lv, s in zip(logL, S_GRID, strict=True))
        return max(incr, bound), 1e-12 * scale, {"logL": logL, "min_margin": float(np.min(m))}

    def f_mp(ex: dict) -> Any:
        V, X, y, _ = _inf_inputs(ex, sep)
        K = len(V)
        m = [mp.mpf(float(yn)) * _mp_net_grads(V, xn)[0] for xn, yn in zip(X, y, strict=True)]
        logL = [mp.log(mp.fsum(mp.exp(-mp.mpf(s) ** K * mi) for mi in m)) for s in S_GRID]
        incr = max(b - a for a, b in itertools.pairwise(logL))
        bound = max(lv - (mp.log(len(m)) - mp.mpf(s) ** K * min(m))
                    for lv, s in zip(logL, S_GRID, strict=True))
        return max(incr, bound)

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3500,
                    scope="ReLU nets K ∈ [1, 3], widths ≤ 4, d ≤ 5, N ≤ 8, labels "
                    + ("y = sign f (separable)" if sep else "random ±1"),
                    sizes={"s": list(S_GRID)})
    rng = ctx.rng(3501)
    X, y = rng.standard_normal((4, 3)), np.array([1.0, -1.0, 1.0, 1.0])
    W0 = [np.zeros((2, 3)), np.zeros((1, 2))]  # K = 2: W = 0 is a stationary point
    grad = rn.grad_loss([ctx.asarray(w) for w in W0], ctx.asarray(X), ctx.asarray(y))
    ev.details["other stationary points"] = {
        "W = 0 (K = 2)": {"max|∇L|": max(float(to_numpy(ctx.xp.max(ctx.xp.abs(g))))
                                          for g in grad),
                          "L": float(math.exp(float(rn.log_loss(
                              [ctx.asarray(w) for w in W0], ctx.asarray(X), ctx.asarray(y)))))},
        "every finite W": "L = Σ_n e^{−y_nf_n} > 0 (a sum of positive terms)"}
    return ev


@implements("poggio.sec10_1.claims")
def _sec10_1() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant(
            "printed",
            r"L=\sum_n e^{-y_nf(W;x_n)}>0\ \forall W,\quad \lim_{s\to\infty}L(sV)=0"
            r"\ \text{for separating }V\ \text{(global minima at infinity)}",
            {"separable": True}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.minima_at_infinity(),
                                      "K = 2 homogeneous, N = 2, margins > 0")),
            prop("property", _inf_property),
        ],
        perturbations=[Variant("without_separation",
                               r"\lim_{s\to\infty}L(sV)=0\ \text{for any }V",
                               {"separable": False})],
        rejected_by={"without_separation": ("property",)},
        notes="L is a sum of exponentials, so L > 0 at every finite W and every stationary "
        "point has L > 0; the limit along sV (K-homogeneous f) is 0 iff V separates. The "
        "empirical sentence (coefficient normalisation generalises less than WN, CIFAR-scale "
        "experiments) is not evaluated.",
    )


# --------------------------------------------------------------------------------------
# poggio.eq55 / eq56 / wnbn.eq8 / wnbn.eq9 — WN dynamics in (g, v)
# --------------------------------------------------------------------------------------


def _wn_inputs(ex: dict) -> dict[str, Any]:
    rng = np.random.default_rng(ex["seed"])
    d, n = ex["d"], ex["N"]
    return {"g": ex["g"] * ex["g_sign"], "v": rng.standard_normal(d) * ex["v_scale"],
            "Z": rng.standard_normal((n, d)) / math.sqrt(d),
            "dg": rng.standard_normal(), "dv": rng.standard_normal(d) * ex["v_scale"]}


def _wn_printed(p: dict, g: Any, v: Any, G: Any, xp: Any) -> tuple[Any, Any]:
    """The variant's (ġ, v̇) with the symbol ∂L/∂w equal to G."""
    r = xp.sqrt(xp.sum(v * v))
    P = bn.projector(v) if p.get("proj", True) else xp.eye(v.shape[0], dtype=v.dtype)
    return (p.get("g_sign", 1) * xp.sum(v * G) / r,
            (g / r ** p.get("g_power", 1)) * (P @ G))


def _wn_property(variant: Variant, ctx: Context) -> Evidence:
    p = variant.params
    sgn = p.get("grad_sign", -1)
    strategy = _strategy(d=st.integers(2, 8), N=st.integers(1, 5), g=log_uniform(-1, 0.5),
                         g_sign=st.sampled_from([1.0, -1.0]), v_scale=log_uniform(-1, 1))
    xp = ctx.xp

    def L_of(g: Any, v: Any, Z: Any) -> Any:
        w = g * v / xp.sqrt(xp.sum(v * v))
        return xp.sum(xp.exp(-(Z @ w)))

    def f64(ex: dict) -> tuple[float, float, dict]:
        q = _wn_inputs(ex)
        g, v, Z = ctx.asarray(q["g"]), ctx.asarray(q["v"]), ctx.asarray(q["Z"])
        dg, dv = ctx.asarray(q["dg"]), ctx.asarray(q["dv"])
        h = 1e-4 * min(1.0, float(np.linalg.norm(q["v"])))
        scale = float(np.sum(np.exp(np.abs(q["Z"]) @ np.abs(q["v"]) * abs(q["g"])
                                    / np.linalg.norm(q["v"]))))
        D, err = fd.directional(lambda a, b: L_of(a, b, Z), (g, v), (dg, dv), h, scale)
        w = g * v / xp.sqrt(xp.sum(v * v))
        G = -sgn * bn.linear_exp_velocity(w, Z)  # sgn·∇_wL, ∇_wL = −ẇ
        gd, vd = _wn_printed(p, g, v, G, xp)
        pred = -(gd * dg + xp.sum(vd * dv))  # the printed flow is −∇_{(g,v)}L iff it holds
        e = abs(float(pred) - float(D))
        tol = float(err) + 16 * EPS * scale * (1 + float(np.linalg.norm(q["dv"]))) \
            / float(np.linalg.norm(q["v"]))
        return e, tol, {"dir_derivative_fd": float(D), "printed": float(pred)}

    def f_mp(ex: dict) -> Any:
        q = _wn_inputs(ex)
        g, v, Z = mp.mpf(q["g"]), _mpa(q["v"]), _mpa(q["Z"])
        dg, dv = mp.mpf(q["dg"]), _mpa(q["dv"])

        def L(t: Any) -> Any:
            vv = v + t * dv
            w = (g + t * dg) * vv / mp.sqrt(mp.fsum(vv * vv))
            return mp.fsum(mp.exp(-t2) for t2 in Z @ w)

        D = mp.diff(L, 0)
        r = mp.sqrt(mp.fsum(v * v))
        w = g * v / r
        G = -sgn * (np.array([mp.exp(-t) for t in Z @ w], dtype=object) @ Z)
        P = np.eye(len(v), dtype=object) - np.outer(v, v) / r**2 if p.get("proj", True) \
            else np.eye(len(v), dtype=object)
        gd = p.get("g_sign", 1) * mp.fsum(v * G) / r
        vd = (g / r ** p.get("g_power", 1)) * (P @ G)
        return -(gd * dg + mp.fsum(vd * dv)) - D

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3510,
                    scope="L = Σ_n exp(−z_nᵀw) in d ∈ [2, 8], N ≤ 5; directional derivative of "
                    "L(g v/‖v‖) (Richardson FD) against the printed field; " + READING)
    ex0 = {"seed": 0, "d": 3, "N": 3, "g": 1.0, "g_sign": 1.0, "v_scale": 1.0}
    q = _wn_inputs(ex0)
    w0 = q["g"] * q["v"] / np.linalg.norm(q["v"])
    G = -bn.linear_exp_velocity(w0, q["Z"])  # literal: ∂L/∂w = +∇_wL
    gd, vd = _wn_printed(p, q["g"], q["v"], G, np)
    h = 1e-6
    Lf = [np.sum(np.exp(-(q["Z"] @ ((q["g"] + t * q["dg"]) * (q["v"] + t * q["dv"])
                                  / np.linalg.norm(q["v"] + t * q["dv"]))))) for t in (h, -h)]
    ev.details["readings"] = {"dLdw = +grad_w L (literal)": {
        "−⟨printed (ġ, v̇), δ⟩": float(-(gd * q["dg"] + vd @ q["dv"])),
        "⟨∇_(g,v)L, δ⟩ (central FD)": float((Lf[0] - Lf[1]) / (2 * h)),
        "verdict": "equal up to sign only: the literal reading gives gradient ascent "
                   "(the two agree under the reading used)"}}
    return ev


def _wn_sym_extra(variant: Variant, ctx: Context) -> dict:
    if variant.name != "printed":
        return {}
    return {"dLdw = +grad_w L (literal)": "the printed fields are +∇_(g,v)L, the negative of "
            "the descent flow (residual 2× the field; property check details)",
            "chain-rule reading (w-trajectory of (54) reproduced)":
                "holds only where g² = ‖v‖²: d/dt(gv/‖v‖) = (vvᵀ/‖v‖² + g²S/‖v‖²)∂L/∂w",
            "[004] (8) shape": "v/‖v‖ ∂L/∂w is a product of two column vectors; read as "
                               "vᵀ∂L/∂w/‖v‖, the only reading that gives the scalar ġ"}


@implements("poggio.eq55", "poggio.eq56", "wnbn.eq8", "wnbn.eq9")
def _wn_dynamics() -> Implementation:
    tex = (r"w=g\frac{v}{\|v\|}:\ \dot g=\frac{v^T}{\|v\|}\frac{\partial L}{\partial w},\ "
           r"\dot v=\frac{g}{\|v\|}S\frac{\partial L}{\partial w},\ S=I-\frac{vv^T}{\|v\|^2}")
    return Implementation(
        ids=(),
        printed=Variant("printed", tex, {"grad_sign": -1}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.wn_gradient_flow(
                grad_sign=v.get("grad_sign", -1), g_power=v.get("g_power", 1),
                proj=v.get("proj", True), g_sign=v.get("g_sign", 1)),
                "generic cubic L(w), d = 3", _wn_sym_extra)),
            prop("property", _wn_property),
        ],
        rejected_by={"norm_squared": ("property",)},
        perturbations=[
            Variant("no_projection", r"\dot v=\frac{g}{\|v\|}\frac{\partial L}{\partial w}",
                    {"grad_sign": -1, "proj": False}),
            Variant("norm_squared", r"\dot v=\frac{g}{\|v\|^2}S\frac{\partial L}{\partial w}",
                    {"grad_sign": -1, "g_power": 2}),
            Variant("g_sign", r"\dot g=-\frac{v^T}{\|v\|}\frac{\partial L}{\partial w}",
                    {"grad_sign": -1, "g_sign": -1}),
        ],
        notes="Decided as the gradient-descent flow of L(g v/‖v‖) in (g, v) with " + READING
        + ". [004] (8) omits the transpose (read as an inner product).",
    )


# --------------------------------------------------------------------------------------
# poggio.eq57 / eq58 — tangent gradient in (ρ, v)
# --------------------------------------------------------------------------------------


def _unit_inputs(ex: dict) -> tuple[float, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    v = rng.standard_normal(ex["d"])
    return ex["rho"], v / np.linalg.norm(v), rng.standard_normal(ex["d"]) * ex["G_scale"]


def _tangent_property(variant: Variant, ctx: Context) -> Evidence:
    proj = variant.get("proj", True)
    strategy = _strategy(d=st.integers(2, 32), rho=log_uniform(-1, 2), G_scale=log_uniform(-3, 3))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        rho, v, G = _unit_inputs(ex)
        va, Ga = ctx.asarray(v), ctx.asarray(G)
        g55, v56 = bn.wn_field(rho, va, Ga)
        r57, v58 = bn.tangent_field(rho, va, Ga)
        if not proj:
            v58 = rho * Ga
        e = max(abs(float(g55 - r57)), float(xp.max(xp.abs(v56 - v58))))
        scale = rho * float(np.sum(np.abs(G)))
        return e, 8 * gamma(4 * ex["d"]) * (scale + float(np.sum(np.abs(G)))), {}

    def f_mp(ex: dict) -> Any:
        rho, v, G = _unit_inputs(ex)
        rho, v, G = mp.mpf(rho), _mpa(v), _mpa(G)
        r = mp.sqrt(mp.fsum(v * v))
        S = np.eye(len(v), dtype=object) - np.outer(v, v) / r**2
        g55, v56 = mp.fsum(v * G) / r, (rho / r) * (S @ G)
        r57, v58 = mp.fsum(v * G), rho * ((S @ G) if proj else G)
        return max(abs(g55 - r57), _mp_max_abs(v56 - v58))

    return _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3520,
                      scope="‖v‖ = 1 (to rounding), d ∈ [2, 32], g = ρ log-uniform [0.1, 100], "
                      "∂L/∂w log-uniform scale; (55)–(56) vs (57)–(58)")


@implements("poggio.eq57", "poggio.eq58")
def _tangent() -> Implementation:
    tex = (r"\dot\rho=\frac{\partial w}{\partial\rho}\frac{\partial L}{\partial w}=v^T"
           r"\frac{\partial L}{\partial w},\ \dot v=S\rho\frac{\partial L}{\partial w};"
           r"\ \|v\|_2=1,\ g=\rho:\ (55)\text{–}(56)\equiv(57)\text{–}(58)")
    return Implementation(
        ids=(),
        printed=Variant("printed", tex, {"proj": True}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.wn_tangent(proj=v.get("proj", True)),
                                      "generic cubic L(w), d = 3; v on the unit sphere")),
            prop("property", _tangent_property),
        ],
        perturbations=[Variant("no_tangent_projection",
                               r"\dot v=\rho\frac{\partial L}{\partial w}", {"proj": False})],
        notes="The chain rule of (57) and the pre-projection v-equation hold for a generic "
        "L (sign: " + READING + "); on ‖v‖ = 1 with g = ρ the two fields coincide exactly. "
        "With ∂L/∂w := ẇ of (7) they are (12).",
    )


# --------------------------------------------------------------------------------------
# poggio.sec10_2.norm_conservation
# --------------------------------------------------------------------------------------


def _nc_inputs(ex: dict) -> tuple[float, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    d = ex["d"]
    v = rng.standard_normal(d)
    return ex["g"], v / np.linalg.norm(v) * ex["v_norm"], rng.standard_normal((ex["N"], d)) \
        / math.sqrt(d)


def _nc_rhs(y: np.ndarray, Z: np.ndarray, proj: bool) -> np.ndarray:
    g, v = y[0], y[1:]
    r = np.linalg.norm(v)
    G = bn.linear_exp_velocity(g * v / r, Z)
    P = bn.projector(v) if proj else np.eye(v.size)
    return np.concatenate([[v @ G / r], (g / r) * (P @ G)])


def _nc_property(variant: Variant, ctx: Context) -> Evidence:
    proj = variant.get("proj", True)
    rtol = 1e-12
    strategy = _strategy(d=st.integers(2, 5), N=st.integers(1, 4), g=log_uniform(-1, 0.3),
                         v_norm=log_uniform(-0.5, 0.5))

    def f64(ex: dict) -> tuple[float, float, dict]:
        g, v, Z = _nc_inputs(ex)
        sol = solve_ivp(lambda t, y: _nc_rhs(y, Z, proj), (0, 3.0), np.concatenate([[g], v]),
                        method="DOP853", rtol=rtol, atol=1e-14)
        n0, n1 = np.linalg.norm(v), np.linalg.norm(sol.y[1:, -1])
        return abs(n1 - n0) / n0, 1e3 * rtol, {"norm_0": n0, "norm_T": n1}

    def f_mp(ex: dict) -> Any:  # d‖v‖²/dt at t = 0: nonzero proves that the norm changes
        g, v, Z = _nc_inputs(ex)
        g, v, Z = mp.mpf(g), _mpa(v), _mpa(Z)
        r = mp.sqrt(mp.fsum(v * v))
        G = np.array([mp.exp(-t) for t in Z @ (g * v / r)], dtype=object) @ Z
        P = np.eye(len(v), dtype=object) - np.outer(v, v) / r**2 if proj \
            else np.eye(len(v), dtype=object)
        return 2 * mp.fsum(v * ((g / r) * (P @ G))) / r**2

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3530, n=(8, 60),
                    threshold=lambda ex: 1e-40,
                    scope="flow (55)–(56) on L = Σ exp(−z_nᵀw), d ≤ 5, N ≤ 4, t ∈ [0, 3], "
                    "DOP853 rtol 1e-12; refutation needs d‖v‖²/dt ≠ 0 at 50 digits")
    ev.details["readings"] = _nc_discrete()
    return ev


def _nc_discrete() -> dict:
    """The deterministic iteration v⁺ = v + ηv̇ (the other reading of 'noiseless')."""
    rng = np.random.default_rng(3531)
    Z = rng.standard_normal((3, 2)) / math.sqrt(2)
    out = {}
    for eta in (0.5, 0.1, 0.01):
        y = np.array([1.0, 1.0, 0.0])
        worst = 0.0
        for _ in range(100):
            dy = _nc_rhs(y, Z, True)
            n_old = y[1:] @ y[1:]
            y = y + eta * dy
            pyth = n_old + eta**2 * dy[1:] @ dy[1:]
            worst = max(worst, abs(y[1:] @ y[1:] - pyth) / pyth)
        out[f"eta={eta}"] = {"norm2_after_100_steps": float(y[1:] @ y[1:]),
                             "pythagoras_rel_residual": worst}
    return {"flow (printed reading)": "see the verdict",
            "discrete GD iteration": "‖v‖² grows by η²‖v̇‖² per step (proved symbolically); "
            "it does not stay 1", "numbers": out}


@implements("poggio.sec10_2.norm_conservation")
def _norm_conservation() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"v^T\dot v=\frac{g}{\|v\|}v^TS\frac{\partial L}{\partial w}=0"
                        r"\ \Rightarrow\ \|v(t)\|=\|v(0)\|", {"proj": True}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.norm_conservation(proj=v.get("proj", True)),
                                      "symbolic entries, d = 3")),
            prop("property", _nc_property),
        ],
        perturbations=[Variant("no_projection", r"\dot v=\frac{g}{\|v\|}\frac{\partial L}"
                               r"{\partial w}\Rightarrow\|v\|\ \text{constant}", {"proj": False})],
        notes="'The noiseless case' is read as the continuous flow (the derivation is about "
        "(56)); under the reading 'deterministic gradient iteration' the norm is not constant: "
        "‖v_{t+1}‖² = ‖v_t‖² + η²‖v̇_t‖² exactly (details).",
    )


# --------------------------------------------------------------------------------------
# poggio.sec10_2.same_dyn
# --------------------------------------------------------------------------------------


def _k1_inputs(ex: dict) -> tuple[float, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    d = ex["d"]
    v = rng.standard_normal(d)
    return ex["rho"], v / np.linalg.norm(v), rng.standard_normal((ex["N"], d))


def _k1_fields(rho: Any, v: Any, Z: Any, w: Any, lib: Any) -> dict[str, Any]:
    """The (ρ̇ or ġ, v̇) right-hand sides named in §10.2 for a K = 1 linear unit with loss
    weights w_n (any positive scale: every field is linear in them), ‖v‖ = 1, g = ρ."""
    ft = Z @ v
    wdot = w @ Z
    Sw = wdot - v * lib.sum(v * wdot)
    r = lib.sqrt(lib.sum(v * v))
    return {"55": lib.sum(v * wdot) / r, "24": lib.sum(w * ft), "56": rho / r * Sw,
            "58": rho * Sw, "25": (w @ Z - lib.sum(w * ft) * v) / rho}


class _MpLib:
    @staticmethod
    def sum(a: Any) -> Any:
        return mp.fsum(a)

    @staticmethod
    def sqrt(a: Any) -> Any:
        return mp.sqrt(a)


def _same_property(variant: Variant, ctx: Context) -> Evidence:
    A, B = variant["pair_a"], variant["pair_b"]
    strategy = _strategy(d=st.integers(2, 6), N=st.integers(1, 6), rho=log_uniform(-1, 2))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        rho, v, Z = _k1_inputs(ex)
        m = Z @ v
        w = np.exp(-rho * (m - m.min()))
        F = _k1_fields(rho, ctx.asarray(v), ctx.asarray(Z), ctx.asarray(w), xp)
        e = max(abs(float(F[A[0]] - F[B[0]])), float(xp.max(xp.abs(F[A[1]] - F[B[1]]))))
        scale = (rho + 1 / rho) * float(np.sum(w[:, None] * np.abs(Z)))
        return e, 16 * gamma(4 * ex["d"] * ex["N"]) * scale, {}

    def f_mp(ex: dict) -> Any:
        rho, v, Z = _k1_inputs(ex)
        m = Z @ v
        w = np.exp(-rho * (m - m.min()))
        F = _k1_fields(mp.mpf(rho), _mpa(v), _mpa(Z), _mpa(w), _MpLib)
        return max(abs(F[A[0]] - F[B[0]]), _mp_max_abs(F[A[1]] - F[B[1]]))

    return _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3540,
                      scope="K = 1 linear unit, d ≤ 6, N ≤ 6, ρ log-uniform [0.1, 100], "
                      "v on the unit sphere; fields compared pointwise; " + READING)


def _same_extra(variant: Variant, ctx: Context) -> dict:
    """Trajectories from one start: the WN flow vs the standard flow (second sentence)."""
    rng = np.random.default_rng(3541)
    Z = rng.standard_normal((3, 2)) + np.array([2.0, 0.0])
    v0 = np.array([0.6, 0.8])

    def run(pair: tuple[str, str], T: float) -> np.ndarray:
        def rhs(t: float, y: np.ndarray) -> np.ndarray:
            rho, v = y[0], y[1:]
            w = np.exp(-rho * (Z @ v))
            F = _k1_fields(rho, v, Z, w, np)
            return np.concatenate([[F[pair[0]]], F[pair[1]]])
        return solve_ivp(rhs, (0, T), np.concatenate([[2.0], v0]), method="LSODA",
                         rtol=1e-10, atol=1e-12).y[:, -1]

    out = {}
    for T in (1.0, 10.0):
        a, b, c = run(("55", "56"), T), run(("24", "25"), T), run(("55", "25"), T)
        out[f"T={T}"] = {"WN (55)&(56)": a.tolist(), "standard (24)&(25)": b.tolist(),
                         "(55)&(25)": c.tolist(),
                         "angle WN vs standard [rad]": float(np.arccos(np.clip(
                             a[1:] @ b[1:] / np.linalg.norm(a[1:]) / np.linalg.norm(b[1:]),
                             -1, 1)))}
    return out


@implements("poggio.sec10_2.same_dyn")
def _same_dyn() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"(55)\,\&\,(25)\ \equiv\ (24)\,\&\,(58)",
                        {"pair_a": ("55", "25"), "pair_b": ("24", "58")}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.same_dynamics(v["pair_a"], v["pair_b"]),
                                      "K = 1 linear, d = 2, N = 2", _same_extra)),
            prop("property", _same_property),
        ],
        corrected=Variant("corrected", r"(55)\,\&\,(56)\ \equiv\ (24)\,\&\,(58)\ (K=1,\ g=\rho,"
                          r"\ \|v\|=1);\ (25)=(58)/\rho^2",
                          {"pair_a": ("55", "56"), "pair_b": ("24", "58")}),
        perturbations=[Variant("wn_equals_standard", r"(55)\,\&\,(56)\ \equiv\ (24)\,\&\,(25)",
                               {"pair_a": ("55", "56"), "pair_b": ("24", "25")})],
        notes="K = 1, g = ρ, ‖v‖ = 1, " + READING + ". (55) = (24), but the v-field of (25) "
        "is (58)/ρ²: the named pairs are the same dynamics only where ρ = 1. The WN system "
        "(55)&(56) is (24)&(58). The second sentence (WN not equivalent to the standard "
        "dynamics) is the rejected perturbation 'wn_equals_standard'; trajectories in details.",
    )


# --------------------------------------------------------------------------------------
# BN: definition and the simplification X/σ_B = X/|X|
# --------------------------------------------------------------------------------------


def _batch(ex: dict) -> np.ndarray:
    rng = np.random.default_rng(ex["seed"])
    return rng.standard_normal(ex["N"]) * ex["scale"]


def _bn_def_property(variant: Variant, ctx: Context) -> Evidence:
    power = variant.get("power", 0)
    strategy = _strategy(N=st.integers(2, 64), scale=log_uniform(-3, 3))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        X = ctx.asarray(_batch(ex))
        lhs = bn.bn_forward(X)
        rhs = ex["N"] ** power * X / xp.linalg.vector_norm(X)
        e = float(xp.max(xp.abs(lhs - rhs)))
        return e, 8 * gamma(2 * ex["N"]) * math.sqrt(ex["N"]), {
            "norm_Xhat": float(xp.linalg.vector_norm(lhs))}

    def f_mp(ex: dict) -> Any:
        X = _mpa(_batch(ex))
        n = len(X)
        nrm = mp.sqrt(mp.fsum(X * X))
        return _mp_max_abs(X / mp.sqrt(mp.fsum(X * X) / n) - mp.mpf(n) ** power * X / nrm)

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3550,
                    scope="batches N ∈ [2, 64], log-uniform scale 1e-3–1e3, ε = 0, μ_B neglected")
    X = np.array([1.0, -2.0, 3.0, 0.5])
    Xd = ctx.rng(3551).standard_normal((16, 3)) * 3 + 2
    Y = to_numpy(bn.bn_forward(ctx.asarray(Xd), 1e-3, centred=True))
    ev.details["definition"] = {
        "centred BN, ε = 1e-3: per-feature batch means": np.mean(Y, axis=0).tolist(),
        "per-feature batch variances": np.var(Y, axis=0).tolist(),
        "σ_B²/(σ_B²+ε) (expected variances)": (np.var(Xd, axis=0)
                                              / (np.var(Xd, axis=0) + 1e-3)).tolist()}
    ev.details["readings"] = {
        "centred σ_B (μ_B kept in σ_B only)": float(np.max(np.abs(
            X / X.std() - X / np.linalg.norm(X)))),
        "|X| read as the RMS ‖X‖/√N": "identical (holds)",
        "example X": X.tolist()}
    return ev


@implements("poggio.bn.def", "wnbn.bn.def")
def _bn_def() -> Implementation:
    tex = (r"Y^j=\gamma\frac{X^j-\mu_B}{\sqrt{\sigma_B^2+\epsilon}}+\beta;\ \text{neglecting }"
           r"\mu_B,\beta,\gamma:\ \hat X=\frac{X}{\sigma_B}=\frac{X}{|X|}")
    return Implementation(
        ids=(),
        printed=Variant("printed", tex, {"power": 0}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: [dn.bn_def(n, power=sp.nsimplify(
                v.get("power", 0))) for n in (2, 3)], "symbolic batch, N ∈ {2, 3}")),
            prop("property", _bn_def_property),
        ],
        corrected=Variant("corrected", r"\hat X=\frac{X}{\sigma_B}=\sqrt N\,\frac{X}{\|X\|}",
                          {"power": 0.5}),
        perturbations=[Variant("factor_N", r"\frac{X}{\sigma_B}=N\frac{X}{\|X\|}", {"power": 1})],
        notes="With μ_B neglected σ_B² = ‖X‖²/N, so X/σ_B = √N X/‖X‖ (|X| the Euclidean norm "
        "of the batch vector); the printed identity holds up to the constant √N, and exactly "
        "only when |X| is read as the RMS ‖X‖/√N. The definition of Y (Hadamard division per "
        "feature) is implemented by numeric.poggio_normdyn.bn_forward.",
    )


# --------------------------------------------------------------------------------------
# BN Jacobian, D = 1 (eq. 59)
# --------------------------------------------------------------------------------------


def _jac_printed(X: Any, eps_: float, coef: float, s_power: float, xp: Any) -> Any:
    n = X.shape[0]
    var = xp.sum(X * X) / n
    xh = X / xp.sqrt(var + eps_)
    return (var + eps_) ** s_power * (coef * xh[:, None] * xh[None, :] / n
                                      + xp.eye(n, dtype=X.dtype))


def _jac1_property(variant: Variant, ctx: Context) -> Evidence:
    coef, s_power = variant.get("coef", -1.0), variant.get("s_power", -0.5)
    strategy = _strategy(N=st.integers(2, 12), scale=log_uniform(-1, 2),
                         eps=st.one_of(st.just(0.0), log_uniform(-5, -1)))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        x = _batch(ex)
        X = ctx.asarray(x)
        s = math.sqrt(float(np.mean(x * x)) + ex["eps"])
        steps = np.full(x.size, 1e-3 * s)
        J, err = fd.jacobian(lambda t: bn.bn_forward(t, ex["eps"]), X, steps,
                             4 * math.sqrt(x.size))
        Jp = _jac_printed(X, ex["eps"], coef, s_power, xp)
        e = float(xp.max(xp.abs(J - Jp)))
        return e, float(xp.max(err)) + 1e-9 / s, {"s": s}

    def f_mp(ex: dict) -> Any:
        X = _mpa(_batch(ex))
        n, e_ = len(X), mp.mpf(ex["eps"])
        var = mp.fsum(X * X) / n
        s = mp.sqrt(var + e_)
        xh = X / s
        J = (np.eye(n, dtype=object) - np.outer(xh, xh) / n) / s  # exact (derivations)
        Jp = (var + e_) ** mp.mpf(s_power) * (coef * np.outer(xh, xh) / n
                                               + np.eye(n, dtype=object))
        return _mp_max_abs(J - Jp)

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3560,
                    scope="D = 1, N ∈ [2, 12], scale 0.1–100, ε ∈ {0} ∪ [1e-5, 0.1]; Richardson "
                    "FD Jacobian of X̂ = X/√(σ_B²+ε) (μ_B neglected) vs the printed formula; "
                    "(59) is this Jacobian applied to Ẋ")
    rng = np.random.default_rng(3561)
    x = rng.standard_normal(5) + 1.0
    Jc = to_numpy(bn.bn_jacobian_d1(x, 1e-3, centred=True))
    ev.details["readings"] = {"centred BN (μ_B kept)": {
        "max|J_centred − printed|": float(np.max(np.abs(
            Jc - to_numpy(_jac_printed(x - x.mean(), 1e-3, -1.0, -0.5, np))))),
        "missing term": "−(σ_B²+ε)^{-1/2}·11ᵀ/N (symbolic: derivations.poggio_normdyn."
                        "bn_jac_d1(centred=True) does not reduce to 0)"}}
    return ev


@implements("poggio.eq59", "poggio.bn.jac_d1", "wnbn.eq10", "wnbn.bn.jac_d1")
def _bn_jac1() -> Implementation:
    tex = (r"\dot{\hat X}=\frac{\partial\hat X}{\partial X}\dot X,\quad D=1:\ \frac{\partial\hat X}"
           r"{\partial X}=(\sigma_B^2+\epsilon)^{-1/2}\Big[-\frac1N\hat X\hat X^T+I\Big]")
    return Implementation(
        ids=(),
        printed=Variant("printed", tex, {"coef": -1.0, "s_power": -0.5}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.bn_jac_d1(
                3, sp.nsimplify(v.get("coef", -1)), sp.nsimplify(v.get("s_power", -0.5))),
                "symbolic batch, N = 3, ε ≥ 0 symbolic")),
            prop("property", _jac1_property),
        ],
        perturbations=[
            Variant("plus_sign", r"(\sigma_B^2+\epsilon)^{-1/2}[+\frac1N\hat X\hat X^T+I]",
                    {"coef": 1.0, "s_power": -0.5}),
            Variant("power_3_2", r"(\sigma_B^2+\epsilon)^{-3/2}[-\frac1N\hat X\hat X^T+I]",
                    {"coef": -1.0, "s_power": -1.5}),
        ],
        notes="X̂ = X/√(σ_B²+ε) with μ_B neglected (the simplification the text states); for "
        "the centred transform of the BN definition the printed Jacobian misses −11ᵀ/N "
        "(details). (59) is the chain rule.",
    )


# --------------------------------------------------------------------------------------
# BN Jacobian, general D
# --------------------------------------------------------------------------------------


def _jacD_printed(X: Any, eps_: float, coef: float, xp: Any, reading: str = "per_feature") -> Any:
    """The printed (σ_B²+ε)^{-1/2}[−X̂ᵀ⊙X̂/N + I] as a 4-index array [n, d, m, e]: ⊙ per
    feature (δ_{de}, the natural reading) or as a full outer product over (n,d),(m,e)."""
    n, D = X.shape
    var = xp.sum(X * X, axis=0) / n
    xh = X / xp.sqrt(var + eps_)
    inv = 1 / xp.sqrt(var + eps_)
    eyeN, eyeD = xp.eye(n, dtype=X.dtype), xp.eye(D, dtype=X.dtype)
    ident = eyeN[:, None, :, None] * eyeD[None, :, None, :]
    if reading == "per_feature":
        outer = (xh[:, :, None, None] * xh[None, None, :, :]) * eyeD[None, :, None, :]
    else:
        outer = xh[:, :, None, None] * xh[None, None, :, :]
    return inv[None, :, None, None] * (coef * outer / n + ident)


def _jacD_property(variant: Variant, ctx: Context) -> Evidence:
    coef = variant.get("coef", -1.0)
    strategy = _strategy(N=st.integers(2, 6), D=st.integers(1, 4), scale=log_uniform(-1, 2),
                         eps=st.one_of(st.just(0.0), log_uniform(-5, -1)))
    xp = ctx.xp

    def inputs(ex: dict) -> np.ndarray:
        rng = np.random.default_rng(ex["seed"])
        return rng.standard_normal((ex["N"], ex["D"])) * ex["scale"]

    def f64(ex: dict) -> tuple[float, float, dict]:
        x = inputs(ex)
        n, D = x.shape
        smin = math.sqrt(float(np.min(np.mean(x * x, axis=0))) + ex["eps"])
        X = ctx.asarray(x.reshape(-1))
        J, err = fd.jacobian(lambda t: xp.reshape(bn.bn_forward(xp.reshape(t, (n, D)),
                                                                ex["eps"]), (-1,)),
                             X, np.full(n * D, 1e-3 * smin), 4 * math.sqrt(n))
        Jp = xp.reshape(_jacD_printed(ctx.asarray(x), ex["eps"], coef, xp), (n * D, n * D))
        return float(xp.max(xp.abs(J - Jp))), float(xp.max(err)) + 1e-9 / smin, {}

    def f_mp(ex: dict) -> Any:
        x = _mpa(inputs(ex))
        n, D = x.shape
        e_ = mp.mpf(ex["eps"])
        worst = mp.mpf(0)
        for j in range(D):
            col = x[:, j]
            s = mp.sqrt(mp.fsum(col * col) / n + e_)
            xh = col / s
            true = (np.eye(n, dtype=object) - np.outer(xh, xh) / n) / s
            pr = (coef * np.outer(xh, xh) / n + np.eye(n, dtype=object)) / s
            worst = max(worst, _mp_max_abs(true - pr))
        return worst

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3570, n=(20, 120),
                    scope="N ∈ [2, 6], D ∈ [1, 4], ε ∈ {0} ∪ [1e-5, 0.1]; FD 4-index Jacobian "
                    "∂X̂_{nd}/∂X_{me} vs the printed formula, ⊙ read per feature")
    rng = np.random.default_rng(3571)
    x = rng.standard_normal((3, 2)) + 0.5
    Jt = to_numpy(bn.bn_jacobian(x, 0.0))
    ev.details["readings"] = {
        "⊙ per feature (δ_de; used)": float(np.max(np.abs(Jt - _jacD_printed(x, 0.0, -1.0, np)))),
        "⊙ as full outer product over (n,d),(m,e)": float(np.max(np.abs(
            Jt - _jacD_printed(x, 0.0, -1.0, np, "outer")))),
        "literal matrix algebra": "X̂ᵀ (D×N) ⊙ X̂ (N×D) is undefined unless N = D, and is a "
        "matrix while ∂X̂/∂X is a 4-index array: the printed formula is ill-shaped as typed"}
    return ev


@implements("poggio.bn.jac_D", "wnbn.bn.jac_D")
def _bn_jacD() -> Implementation:
    tex = (r"\frac{\partial\hat X}{\partial X}=(\sigma_B^2+\epsilon)^{-1/2}\Big[-\frac1N\hat X^T"
           r"\odot\hat X+I\Big]")
    return Implementation(
        ids=(),
        printed=Variant("printed", tex, {"coef": -1.0}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: [dn.bn_jac_general(n, 2, sp.nsimplify(
                v.get("coef", -1))) for n in (2, 3)], "symbolic batch, (N, D) ∈ {(2,2), (3,2)}")),
            prop("property", _jacD_property),
        ],
        perturbations=[Variant("plus_sign", r"[+\frac1N\hat X^T\odot\hat X+I]", {"coef": 1.0})],
        notes="Read with ⊙ acting per feature (Hadamard in the feature index, as the division "
        "by √(σ_B²+ε)): ∂X̂_{nd}/∂X_{me} = δ_{de}(σ_d²+ε)^{-1/2}[δ_{nm} − X̂_{nd}X̂_{md}/N]; "
        "μ_B neglected. As typed, X̂ᵀ⊙X̂ is ill-shaped unless N = D; the full-outer-product "
        "reading fails on the cross-feature blocks (details).",
    )


# --------------------------------------------------------------------------------------
# BN: I − X̂X̂ᵀ = S
# --------------------------------------------------------------------------------------


def _bnS_inputs(ex: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    n, d = ex["N"], ex["d"]
    Xin = rng.standard_normal((n, d))
    w = rng.standard_normal(d) * ex["scale"]
    return Xin @ w, Xin, w, rng.standard_normal(n)


def _bnS_property(variant: Variant, ctx: Context) -> Evidence:
    c_pow = variant.get("c_power", 0)  # c = N^{-c_power}
    strategy = _strategy(N=st.integers(2, 64), d=st.integers(1, 6), scale=log_uniform(-3, 3))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        x, Xin, w, a = _bnS_inputs(ex)
        assume(np.linalg.norm(x) > 1e-6 * ex["scale"] * np.linalg.norm(Xin))
        n = ex["N"]
        X = ctx.asarray(x)
        xh = bn.bn_forward(X)
        M = xp.eye(n, dtype=X.dtype) - (xh[:, None] * xh[None, :]) / n**c_pow
        e1 = float(xp.max(xp.abs(M - bn.projector(X))))
        # second sentence: the BN-induced gradient on the weights of the unit is tangent
        J = bn.bn_jacobian_d1(X)
        gw = ctx.asarray(Xin).T @ (J.T @ ctx.asarray(a))  # ∇_w of aᵀX̂(X_in w)
        s_b = math.sqrt(float(np.mean(x * x)))  # ‖J‖₂ ≤ 1/σ_B
        tang = abs(float(xp.sum(ctx.asarray(w) * gw))) / (
            np.linalg.norm(w) * np.linalg.norm(Xin) * np.linalg.norm(a) / s_b)
        tol1 = 8 * gamma(4 * n) * n ** (1 - c_pow)
        return max(e1 / tol1, tang / (64 * gamma(4 * n * ex["d"]) * n)), 1.0, {
            "max|M−S|": e1, "weight-update tangency |wᵀ∇_w|/(‖w‖‖X_in‖‖a‖/σ_B)": tang}

    def f_mp(ex: dict) -> Any:
        x, _, _, _ = _bnS_inputs(ex)
        X = _mpa(x)
        n = len(X)
        nrm2 = mp.fsum(X * X)
        xh = X / mp.sqrt(nrm2 / n)
        M = np.eye(n, dtype=object) - np.outer(xh, xh) / mp.mpf(n) ** c_pow
        S = np.eye(n, dtype=object) - np.outer(X, X) / nrm2
        return _mp_max_abs(M - S) / (8 * gamma(4 * n) * n ** (1 - c_pow))

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3580,
                    scope="linear unit X = X_in w over a batch N ∈ [2, 64], d ≤ 6, ε = 0, "
                    "μ_B neglected; X̂ the BN output of §10.3; error in units of its tolerance")
    x = np.array([1.0, 1.0])
    xh = x / np.sqrt(np.mean(x * x))
    ev.details["readings"] = {
        "X̂ = X/σ_B (used; the X̂ of the Jacobian)": {
            "example X": x.tolist(), "I − X̂X̂ᵀ": (np.eye(2) - np.outer(xh, xh)).tolist(),
            "S": to_numpy(bn.projector(x)).tolist()},
        "X̂ = X/‖X‖ (the 'assuming fixed inputs' form)": "I − X̂X̂ᵀ = S exactly",
        "ε > 0": "I − X̂X̂ᵀ/N = S + (ε/(σ_B²+ε))·XXᵀ/‖X‖²: not a projector",
        "second sentence": "the gradient of any loss of X̂(X_in w) wrt w is orthogonal to w "
        "(checked in every example), so the tangent-gradient transform leaves it unchanged"}
    return ev


@implements("poggio.bn.S", "wnbn.bn.S")
def _bn_S() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"I-\hat X\hat X^T=S", {"c_power": 0}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: [dn.bn_S(n, sp.Integer(n) ** -v.get(
                "c_power", 0)) for n in (2, 3)], "symbolic batch, N ∈ {2, 3}, ε = 0")),
            prop("property", _bnS_property),
        ],
        corrected=Variant("corrected", r"I-\frac1N\hat X\hat X^T=S\ (\epsilon=0),\ \text{the "
                          r"bracket of }\partial\hat X/\partial X", {"c_power": 1}),
        perturbations=[Variant("factor_N2", r"I-\frac1{N^2}\hat X\hat X^T=S", {"c_power": 2})],
        notes="X̂ read as in the Jacobian just above (X/σ_B): then ‖X̂‖² = N and I − X̂X̂ᵀ has "
        "the eigenvalue 1 − N, so it is not the projector S; the bracket I − X̂X̂ᵀ/N is S "
        "(ε = 0). With X̂ = X/‖X‖ the printed identity holds (details). The second sentence is "
        "made quantitative: the BN-induced weight gradient is tangent (wᵀ∇_w = 0).",
    )


# --------------------------------------------------------------------------------------
# Remark 1, eq. (60)/(11): the norms BN controls
# --------------------------------------------------------------------------------------


def _r1_inputs(ex: dict) -> tuple[list, np.ndarray, list[float]]:
    rng = np.random.default_rng(ex["seed"])
    W = rn.random_net(ex["d"], ex["widths"], rng)
    c = [float(10 ** rng.uniform(-3, 3)) for _ in W]
    return W, rng.standard_normal((ex["N"], ex["d"])), c


def _r1_property(variant: Variant, ctx: Context) -> Evidence:
    c = variant.get("c", 1.0)
    strategy = _strategy(d=st.integers(1, 6), widths=st.lists(st.integers(1, 6), min_size=1,
                                                              max_size=3), N=st.integers(2, 16))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        W, X, scl = _r1_inputs(ex)
        K = len(W)
        Wa = [ctx.asarray(Wk) for Wk in W]
        with np.errstate(invalid="ignore", divide="ignore"):  # a dead unit: 0/0, assumed away
            out = bn.bn_net_layers(Wa, ctx.asarray(X))
        acts, pre = out[:K], out[K:]
        assume(all(bool(xp.all(xp.isfinite(z))) for z in pre))  # BN undefined on a dead unit
        out2 = bn.bn_net_layers([ctx.asarray(s * Wk) for s, Wk in zip(scl, W, strict=True)],
                                ctx.asarray(X))
        worst, per_ex = 0.0, []
        for k, (z, a) in enumerate(zip(pre, acts[1:], strict=True)):
            h = z.shape[1]
            mz = float(xp.sum(z * z)) / ex["N"]
            ma = float(xp.sum(a * a)) / ex["N"]
            worst = max(worst, abs(mz - c * h) / h, max(0.0, ma - c * h) / h,
                        float(xp.max(xp.abs(out2[k] - acts[k]))))
            nrm = np.linalg.norm(to_numpy(a), axis=1)
            per_ex.append([float(nrm.min()), float(nrm.max())])
        return worst, 64 * gamma(8 * ex["N"] * max(ex["widths"]) * K), {
            "per_example_norm_range": per_ex}

    def f_mp(ex: dict) -> Any:  # the first hidden layer at 50 digits
        W, X, _ = _r1_inputs(ex)
        Z = _mpa(X) @ _mpa(W[0]).T
        n, h = Z.shape
        tot = mp.mpf(0)
        live = 0
        for j in range(h):
            s2 = mp.fsum(Z[:, j] * Z[:, j]) / n
            if s2 > 0:
                tot += mp.fsum(Z[:, j] * Z[:, j]) / s2
                live += 1
        return abs(tot / n - c * live) / h

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3585,
                    scope="ReLU nets with BN (μ_B neglected, ε = 0) on every hidden layer, "
                    "K ≤ 4, widths ≤ 6, N ∈ [2, 16], per-layer weight scales 1e-3–1e3")
    ev.details["readings"] = {
        "batch mean of ‖·‖² (used)": "pre-σ: exactly h_k per layer; after σ: ≤ h_k; "
        "invariant to the scale of every W_k (checked)",
        "each example's norm fixed": "false: per-example norms vary across the batch "
        "(ranges in the counterexample/info); only bounded, by √(N h_k)",
        "‖x‖ (first item of (60))": "the input is not normalised by BN (data)"}
    return ev


@implements("poggio.eq60", "wnbn.eq11")
def _remark1() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\text{BN controls }\|x\|,\|\sigma(W_1x)\|,\|\sigma(W_2\sigma"
                        r"(W_1x))\|,\dots\ \ (\tfrac1N\textstyle\sum_n\|\mathrm{BN}(Z_k)_n\|^2"
                        r"=h_k)",
                        {"c": 1.0}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.bn_batch_norms(2, 2, sp.nsimplify(
                v.get("c", 1.0))), "symbolic batch, N = 2, h = 2, ε = 0")),
            prop("property", _r1_property),
        ],
        perturbations=[Variant("half", r"\tfrac1N\sum_n\|\mathrm{BN}(Z_k)_n\|^2=h_k/2",
                               {"c": 0.5})],
        notes="'Controls' made quantitative: with per-feature BN the batch mean of the squared "
        "activation norm of layer k is h_k before σ and at most h_k after, whatever the scale "
        "of the weights; per-example norms are not fixed (details).",
    )


# --------------------------------------------------------------------------------------
# Remark 2: ‖V‖² = Σ_i ‖V_i‖², BN normalises by a norm of V_i
# --------------------------------------------------------------------------------------


def _r2_inputs(ex: dict) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    d = ex["cols"]
    A = rng.standard_normal((d, d)) * np.array([10 ** rng.uniform(-1, 1) for _ in range(d)])
    return rng.standard_normal((ex["rows"], d)) * ex["scale"], \
        rng.standard_normal((ex["N"], d)) @ A


def _r2_property(variant: Variant, ctx: Context) -> Evidence:
    p = variant.get("exponent", 2)
    strategy = _strategy(rows=st.integers(1, 6), cols=st.integers(1, 6), N=st.integers(1, 32),
                         scale=log_uniform(-3, 3))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        V, Xin = _r2_inputs(ex)
        Va = ctx.asarray(V)
        rows = xp.sqrt(xp.sum(Va * Va, axis=1))
        e1 = abs(float(xp.sum(Va * Va)) - float(xp.sum(rows**p)))
        tol1 = 8 * gamma(V.size) * float(np.sum(V * V))
        C = Xin.T @ Xin / ex["N"]
        lam = np.linalg.eigvalsh(C)
        sig = to_numpy(xp.sqrt(xp.sum((ctx.asarray(Xin) @ xp.matrix_transpose(Va)) ** 2,
                                      axis=0) / ex["N"]))
        rn_ = to_numpy(rows)
        lo = np.sqrt(max(lam[0], 0)) * rn_
        hi = np.sqrt(lam[-1]) * rn_
        slack = 1e-10 * hi
        e2 = float(np.max(np.maximum(lo - sig - slack, 0) + np.maximum(sig - hi - slack, 0)))
        ratio = sig / rn_
        return e1 / tol1 + e2, 1.0, {"sigma_B/‖V_i‖ range": [float(ratio.min()),
                                                             float(ratio.max())]}

    def f_mp(ex: dict) -> Any:
        V, _ = _r2_inputs(ex)
        Vm = _mpa(V)
        lhs = mp.fsum(Vm.ravel() ** 2)
        rhs = mp.fsum(mp.sqrt(mp.fsum(r * r)) ** p for r in Vm)
        return abs(lhs - rhs) / (8 * gamma(V.size) * float(np.sum(V * V)))

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3590,
                    scope="V of 1–6 × 1–6, log-uniform scale; input batches with random "
                    "anisotropic covariance C; σ_B(V_i) = ‖C^{1/2}V_i‖ within "
                    "[√λ_min, √λ_max]·‖V_i‖ (μ_B neglected)")
    ev.details["readings"] = {
        "BN factor equals ‖V_i‖": "only for whitened inputs (C = I); in general σ_B(V_i) = "
        "‖C^{1/2}V_i‖, a norm of V_i equivalent to ‖V_i‖ within the condition of C"}
    return ev


@implements("poggio.bn.remark2", "wnbn.bn.remark2")
def _remark2() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\|V\|^2=\sum_i\|V_i\|^2;\ \text{BN normalises unit }i"
                        r"\text{ by }\sigma_B(V_i)=\|C^{1/2}V_i\|", {"exponent": 2}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.frobenius_rows(
                exponent=v.get("exponent", 2)), "symbolic 2×3 matrix, inputs N = 2")),
            prop("property", _r2_property),
        ],
        perturbations=[Variant("exponent_1", r"\|V\|^2=\sum_i\|V_i\|", {"exponent": 1})],
        notes="The identity is exact. 'BN controls separately ‖V_i‖' is read as: the BN "
        "factor of unit i is a norm of V_i alone, σ_B(V_i) = ‖C^{1/2}V_i‖ (C the input "
        "second-moment matrix), between √λ_min(C)‖V_i‖ and √λ_max(C)‖V_i‖.",
    )


# --------------------------------------------------------------------------------------
# Observation 2
# --------------------------------------------------------------------------------------


def _obs_inputs(ex: dict) -> tuple[list, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    W = rn.random_net(ex["d"], ex["widths"], rng)
    X = rng.standard_normal((ex["N"], ex["d"]))
    return W, X, rng.choice([-1.0, 1.0], size=ex["N"])


def _obs_property(variant: Variant, ctx: Context) -> Evidence:
    system = variant.get("system", "wn")
    strategy = _strategy(d=st.integers(1, 4), widths=st.lists(st.integers(1, 3), max_size=2),
                         N=st.integers(1, 5))
    xp = ctx.xp

    def rhs_np(W: list, X: np.ndarray, y: np.ndarray) -> tuple[list, list, float]:
        rho_k, V = rn.normalize(W)
        rho_k = [float(r) for r in rho_k]
        rho = float(np.prod(rho_k))
        Va, Xa, ya = [ctx.asarray(v) for v in V], ctx.asarray(X), ctx.asarray(y)
        ft = rn.margins(Va, Xa, ya)
        w = xp.exp(-rho * (ft - xp.min(ft)))
        if system == "wn":  # (25) with labels absorbed
            G = rn.grad_sum(Va, Xa, w * ya)
            out = [(rho / r**2) * (g - Vk * xp.sum(w * ft)) for r, g, Vk in
                   zip(rho_k, G, Va, strict=True)]
        else:  # ẇ of (54) at W = ρ_k V_k (same loss weights)
            out = rn.grad_sum([ctx.asarray(Wk) for Wk in W], Xa, w * ya)
        return out, Va, rho

    def f64(ex: dict) -> tuple[float, float, dict]:
        W, X, y = _obs_inputs(ex)
        assume(rn.min_abs_preactivation(W, X) > 1e-8)
        rhs, V, rho = rhs_np(W, X, y)
        worst, scale = 0.0, 0.0
        for r, Vk in zip(rhs, V, strict=True):
            worst = max(worst, abs(float(xp.sum(Vk * r))))  # ‖S r − r‖ = |⟨V_k, r⟩|
            scale = max(scale, float(xp.sum(xp.abs(r))) + 1.0)
        x = np.random.default_rng(ex["seed"] + 1).standard_normal(ex["N"] + 1)
        xh = to_numpy(bn.bn_forward(ctx.asarray(x)))
        P = np.eye(x.size) - np.outer(xh, xh) / x.size
        bn_res = float(np.max(np.abs(P @ P - P)))
        tol = 64 * gamma(16 * X.size * len(W)) * scale * max(1.0, rho)
        return max(worst, bn_res * tol / (16 * gamma(4 * x.size))), tol, {"bn_P2_minus_P": bn_res}

    def f_mp(ex: dict) -> Any:
        W, X, y = _obs_inputs(ex)
        rho_k, V = rn.normalize(W)
        rho_k = [mp.mpf(float(r)) for r in rho_k]
        rho = mp.fprod(rho_k)
        net = V if system == "wn" else W
        Vm = [_mpa(v) for v in V]
        fs, gs = zip(*[_mp_net_grads(net, x) for x in X], strict=True)
        ym = _mpa(y)
        ftil = [yn * f for yn, f in zip(ym, fs, strict=True)]
        if system != "wn":
            ftil = [f / rho for f in ftil]
        mn = min(ftil)
        w = [mp.exp(-rho * (f - mn)) for f in ftil]
        worst = mp.mpf(0)
        for k in range(len(W)):
            G = sum((wn * yn * g[k] for wn, yn, g in zip(w, ym, gs, strict=True)),
                    np.zeros_like(Vm[k]))
            r = (rho / rho_k[k] ** 2) * (G - Vm[k] * mp.fsum(
                wn * f for wn, f in zip(w, ftil, strict=True))) if system == "wn" else G
            worst = max(worst, abs(mp.fsum((Vm[k] * r).ravel())))
        return worst

    return _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3595,
                      scope="ReLU nets K ≤ 3, widths ≤ 3, d ≤ 4, N ≤ 5 on the unit spheres; "
                      "‖S_k·rhs − rhs‖ = |⟨V_k, rhs⟩|; BN bracket P² − P at ε = 0")


@implements("poggio.obs2")
def _obs2() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"S\,\mathrm{RHS}=\mathrm{RHS}\ \text{for (56) and (25) (and "
                        r"for BN: }P^2=P,\ P=I-\tfrac1N\hat X\hat X^T)", {"system": "wn"}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: dn.obs2(v.get("system", "wn")),
                                      "d = 3 generic; K = 1 linear on the sphere; N = 3 batch")),
            prop("property", _obs_property),
        ],
        perturbations=[Variant("standard_dynamics",
                               r"S\,\dot W_k=\dot W_k\ \text{for the standard flow (54)}",
                               {"system": "standard"})],
        notes="(55) is a scalar equation; S acts on the vector equations (56) and (25). (25) "
        "is invariant on ‖V_k‖ = 1 by Euler's identity V_kᵀ∂f̃/∂V_k = f̃; (56) by S² = S. "
        "For BN the bracket of the Jacobian is idempotent at ε = 0 (the paper's simplified "
        "BN); for ε > 0 it is not (deviation ε/(σ_B²+ε)).",
    )


# --------------------------------------------------------------------------------------
# support-vector expansion
# --------------------------------------------------------------------------------------


def _sv_inputs(ex: dict) -> tuple[float, np.ndarray, np.ndarray, int]:
    """K = 1 linear unit v (‖v‖ = 1); C tied support vectors z = ηv + u (u ⊥ v) and
    N − C points with margins η + Δ_n, Δ_n ≥ gap."""
    rng = np.random.default_rng(ex["seed"])
    d, C, n = ex["d"], ex["C"], ex["C"] + ex["extra"]
    v = rng.standard_normal(d)
    v /= np.linalg.norm(v)
    U = rng.standard_normal((n, d))
    U -= np.outer(U @ v, v)
    marg = np.concatenate([np.full(C, ex["eta"]), ex["eta"] + ex["gap"]
                           * (1 + rng.exponential(size=n - C))])
    return ex["rho"], v, U + np.outer(marg, v), C


def _sv_property(variant: Variant, ctx: Context) -> Evidence:
    use_c = variant.get("use_multiplicity", True)
    strategy = _strategy(d=st.integers(2, 5), C=st.integers(1, 3), extra=st.integers(0, 4),
                         eta=log_uniform(-1, 0), gap=log_uniform(-2, 0), rho=log_uniform(0, 3))
    xp = ctx.xp

    def f64(ex: dict) -> tuple[float, float, dict]:
        rho, v, Z, _ = _sv_inputs(ex)
        m = Z @ v
        eta = float(np.min(m))
        sv = m - eta <= 1e-12 * (1 + eta)
        Cn = int(np.sum(sv)) if use_c else 1
        Za, ma = ctx.asarray(Z), ctx.asarray(m)
        e = xp.exp(-rho * (ma - eta))  # e_n/e^{−ρη}
        ratio = float(xp.sum(e)) / Cn
        non = m[~sv]
        delta = float(non.min() - eta) if non.size else math.inf
        bound = (len(m) - int(np.sum(sv))) / Cn * math.exp(-rho * delta) if non.size else 0.0
        g = rho * (e @ Za)
        idx = xp.asarray(np.flatnonzero(sv))
        gsv = rho * xp.sum(xp.take(Za, idx, axis=0), axis=0) * (int(np.sum(sv)) / Cn)
        rel = float(xp.linalg.vector_norm(g - gsv)) / float(xp.linalg.vector_norm(gsv))
        vb = (len(m) - int(np.sum(sv))) * math.exp(-rho * delta) * float(
            np.max(np.linalg.norm(Z, axis=1))) / float(np.linalg.norm(Z[sv].sum(axis=0))) \
            if non.size else 0.0
        slack = 1e-10 * (1 + rho)
        err = max(abs(ratio - 1) - bound, rel - vb)
        return err, slack, {"C": int(np.sum(sv)), "ratio": ratio, "bound": bound,
                            "vector_rel_err": rel, "vector_bound": vb}

    def f_mp(ex: dict) -> Any:
        rho, v, Z, _ = _sv_inputs(ex)
        m = Z @ v  # the float64 margins, taken as exact inputs
        eta = float(np.min(m))
        sv = m - eta <= 1e-12 * (1 + eta)
        Cn = int(np.sum(sv)) if use_c else 1
        rm, mm = mp.mpf(rho), _mpa(m)
        ratio = mp.fsum(mp.exp(-rm * (t - mp.mpf(eta))) for t in mm) / Cn
        non = mm[~sv]
        bound = (len(m) - int(np.sum(sv))) / mp.mpf(Cn) * mp.exp(
            -rm * (min(non) - mp.mpf(eta))) if non.size else 0
        return abs(ratio - 1) - bound - 1e-10 * (1 + rho)

    return _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3598,
                      threshold=lambda ex: 0.0,
                      scope="K = 1 linear unit, d ≤ 5, C ∈ [1, 3] tied support vectors, ≤ 4 "
                      "others with gap Δ ∈ [0.01, 1], ρ ∈ [1, 1000]; reading: relative error "
                      "below (N−C)/C·e^{−ρΔ} (→ 0, so '∼' holds)")


@implements("poggio.sec10_4.expansion", "wnbn.sec5_2.expansion")
def _expansion() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\sum_ne^{-\rho\tilde f_n}\sim C\max_ne^{-\rho\tilde f_n},\ "
                        r"g(t)\approx\rho e^{-\rho\eta}\sum_{i=1}^C\frac{\partial\tilde f(x_i)}"
                        r"{\partial V_k}", {"use_multiplicity": True}),
        checks=[
            symbolic("symbolic", _sym(lambda v, c: [dn.sv_expansion(3, cc, v.get(
                "use_multiplicity", True)) for cc in (2, 1)], "N = 3, C ∈ {1, 2}")),
            prop("property", _sv_property),
        ],
        perturbations=[Variant("ignore_multiplicity", r"\sum_ne^{-\rho\tilde f_n}\sim\max_n"
                               r"e^{-\rho\tilde f_n}", {"use_multiplicity": False})],
        notes="Exact: Σe^{−ρf̃_n}/(Ce^{−ρη}) − 1 = (1/C)Σ_{non-SV}e^{−ρ(f̃_n−η)} ≤ "
        "((N−C)/C)e^{−ρΔ} → 0; the vector error is ≤ (N−C)e^{−ρΔ}max‖∂f̃‖/‖Σ_SV∂f̃‖ (the SV "
        "sum is nonzero: its inner product with V is Cη > 0). [002]'s Σ_i^C ∂f̃(x_n) is read "
        "as the sum over the support vectors.",
    )


# --------------------------------------------------------------------------------------
# margin maximisation
# --------------------------------------------------------------------------------------


def _mm_data(ex: dict) -> np.ndarray:
    rng = np.random.default_rng(ex["seed"])
    d, n = ex["d"], ex["N"]
    u = rng.standard_normal(d)
    u /= np.linalg.norm(u)
    Z = rng.standard_normal((n, d))
    Z += np.outer(np.abs(Z @ u) + 0.2 - Z @ u, u)  # z_nᵀu ≥ 0.2: separable by u
    return Z


def _max_margin(Z: np.ndarray, p: float) -> np.ndarray:
    """argmax_{‖w‖_p ≤ 1} min_n z_nᵀw (cvxpy)."""
    import cvxpy as cp

    w, t = cp.Variable(Z.shape[1]), cp.Variable()
    cp.Problem(cp.Maximize(t), [Z @ w >= t, cp.norm(w, p) <= 1]).solve()
    return np.asarray(w.value, dtype=float)


def _wn_limit(Z: np.ndarray, rho_end: float, hidden: int = 0,
              seed: int = 0) -> tuple[float, np.ndarray, float]:
    """The per-layer WN/tangent-gradient flow (57)–(58) (ρ̇_k = V_kᵀẆ_k, V̇_k = ρ_kS_kẆ_k, Ẇ of
    (54)) of a K = 1 linear unit (``hidden = 0``) or a deep linear K = 2 net with ``hidden``
    units, time-rescaled by 1/(ρΣ_ne_n) (same orbits), until ρ = ∏ρ_k = ρ_end. Returns ρ,
    the effective unit-norm-product vector w = V_1ᵀV_2ᵀ (or v) and max_k |‖V_k‖ − 1|."""
    d = Z.shape[1]
    shapes = [(1, d)] if hidden == 0 else [(hidden, d), (1, hidden)]
    K = len(shapes)
    sizes = [a * b for a, b in shapes]

    def split(y: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        V, i = [], K
        for (a, b), n in zip(shapes, sizes, strict=True):
            V.append(y[i:i + n].reshape(a, b))
            i += n
        return y[:K], V

    def rhs(t: float, y: np.ndarray) -> np.ndarray:
        rk, V = split(y)
        rho = float(np.prod(rk))
        m = rn.forward(V, Z, act="linear")
        w = np.exp(-rho * (m - m.min()))
        w /= w.sum()
        G = rn.grad_sum(V, Z, w, act="linear")  # Σ w_n ∂f̃_n/∂V_k
        dr = [float(w @ m) / r for r in rk]
        dV = [g - Vk * np.sum(Vk * g) for g, Vk in zip(G, V, strict=True)]
        return np.concatenate([dr, *[x.ravel() for x in dV]])

    def hit(t: float, y: np.ndarray) -> float:
        return float(np.prod(y[:K])) - rho_end
    hit.terminal = True  # type: ignore[attr-defined]
    rng = np.random.default_rng(seed)
    if hidden == 0:
        V0 = [Z.mean(axis=0)[None, :]]
    else:
        V0 = [rng.standard_normal(sh) for sh in shapes]
        V0[1] *= np.sign(float(rn.forward(V0, Z.mean(axis=0)[None, :], act="linear")[0]))
    V0 = [v / np.linalg.norm(v) for v in V0]
    sol = solve_ivp(rhs, (0, 1e10), np.concatenate([np.ones(K), *[v.ravel() for v in V0]]),
                    method="LSODA", rtol=1e-7, atol=1e-10, events=hit)
    rk, V = split(sol.y[:, -1])
    weff = V[0][0] if hidden == 0 else (V[1] @ V[0])[0]
    return float(np.prod(rk)), weff, max(abs(np.linalg.norm(v) - 1) for v in V)


def _mm_experiment(variant: Variant, ctx: Context) -> Evidence:
    p = variant.get("p", 2.0)
    rho_end = ctx.pick(1000.0, 1e4)
    strategy = _strategy(d=st.integers(2, 4), N=st.integers(3, 8),
                         hidden=st.sampled_from([0, 2, 3]))

    def margins_gap(Z: np.ndarray, v: np.ndarray, wp: np.ndarray, lib: Any) -> Any:
        def pn(a: Any) -> Any:
            return lib.norm(a, p)
        return min(Z @ wp) / pn(wp) - min(Z @ v) / pn(v)

    class _NpLib:
        @staticmethod
        def norm(a: Any, q: float) -> float:
            return float(np.linalg.norm(a, q))

    class _MpNorm:
        @staticmethod
        def norm(a: Any, q: float) -> Any:
            return mp.fsum(abs(t) ** q for t in a) ** (1 / mp.mpf(q))

    def f64(ex: dict) -> tuple[float, float, dict]:
        Z = _mm_data(ex)
        rho, v, unit_err = _wn_limit(Z, rho_end, ex.get("hidden", 0), ex["seed"])
        wp = _max_margin(Z, p)
        gap = margins_gap(Z, v, wp, _NpLib)
        allow = 2 * math.log(ex["N"]) / rho
        w2 = _max_margin(Z, 2.0)
        ang = float(np.arccos(np.clip(v @ w2 / np.linalg.norm(v) / np.linalg.norm(w2), -1, 1)))
        return max(gap - allow, unit_err), 1e-6, {
            "rho_end": rho, "margin_gap": gap, "allowance": allow, "angle_to_svm": ang}

    def f_mp(ex: dict) -> Any:
        Z = _mm_data(ex)
        rho, v, _ = _wn_limit(Z, rho_end, ex.get("hidden", 0), ex["seed"])
        wp = _max_margin(Z, p)
        gap = margins_gap(_mpa(Z), _mpa(v), _mpa(wp), _MpNorm)
        return gap - 2 * mp.log(ex["N"]) / mp.mpf(rho) - mp.mpf(1e-6)

    ev = _pointwise(ctx, strategy=strategy, f64=f64, f_mp=f_mp, salt=3599, n=(3, 20),
                    threshold=lambda ex: 0.0,
                    scope=f"K = 1 linear unit and deep linear K = 2 (2–3 hidden units), d ≤ 4, "
                    f"N ∈ [3, 8] separable; per-layer WN/tangent flow (57)–(58) to ρ = "
                    f"{rho_end:g}; criterion: margin gap of the effective vector V_1ᵀV_2ᵀ "
                    f"(L_{p:g}-normalised, cvxpy reference) ≤ 2 log N/ρ and ‖V_k‖ = 1")
    ev = Evidence(method="experiment", verdict=ev.verdict, scope=ev.scope, examples=ev.examples,
                  max_error=ev.max_error, tolerance=ev.tolerance, seed=ev.seed, sizes=ev.sizes,
                  seconds=ev.seconds, details=ev.details)
    ev.details["not evaluated"] = ("ReLU nets and the 'multiple, degenerate maxima' sentence "
                                   "(for K = 1 and deep linear K = 2 the maximum margin of the "
                                   "effective vector is unique, the SVM margin); the Bezout-type "
                                   "expectation is not a checkable statement")
    return ev


@implements("poggio.sec10_4.margin_max", "wnbn.thm_informal_maxmargin")
def _margin_max() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant("printed", r"\text{separable data, convergence}\Rightarrow\text{gradient"
                        r" methods with norm constraint}\to\arg\max_{\|V\|_2=1}\min_n\tilde f_n",
                        {"p": 2.0}),
        checks=[experiment("experiment", _mm_experiment)],
        perturbations=[Variant("l1_max_margin", r"\to\arg\max_{\|V\|_1=1}\min_n\tilde f_n",
                               {"p": 1.0})],
        notes="Evaluated for K = 1 linear units and deep linear K = 2 nets under the per-layer "
        "WN/tangent-gradient flow (identical by (57)–(58)); for deep linear nets the maximum "
        "over unit V_1, V_2 of the margin is the SVM margin (V_1ᵀV_2ᵀ ranges over the unit "
        "ball). The soft-margin stationary point at fixed ρ is within log N/ρ of the "
        "maximum margin, and the criterion allows as much again for the lag of v.",
    )
