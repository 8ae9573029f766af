"""Dukler et al. §2: projections, the WN reparametrization (2.1), its gradient identities,
orthogonality and norm conservation, and the norm growth (2.3) under gradient descent."""

from __future__ import annotations

import inspect
import math
from typing import Any

import mpmath as mp
import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from derivations import wn as dwn
from numeric import fd, wn
from numeric._backend import to_numpy
from numeric.flow import FlowStalled as _Sliding
from numeric.flow import solve_capped
from verify import highprec as hp
from verify.api import Implementation, Variant, implements, prop, symbolic
from verify.claims._dukler import FD_H, assume_away_from_kinks, build, instances
from verify.context import Context
from verify.props import Outcome, Recheck, run_property
from verify.strategies import log_uniform, seeds
from verify.symbolic import run_symbolic
from verify.tolerance import eps, gamma
from verify.verdicts import Evidence

DIMS = range(2, 7)  # symbolic entries, d = 2..6
SYM_SCOPE = "symbolic entries, d ∈ {2..6}"


def _symbolic(builder: Any, scope: str = SYM_SCOPE, **fixed: Any) -> Any:
    """A symbolic check running ``builder(d, **params)`` for d = 2..6; ``params`` are the
    variant's parameters that the builder takes (others belong to the numeric checks)."""
    takes = set(inspect.signature(builder).parameters)

    def check(variant: Variant, ctx: Context) -> Evidence:
        params = {k: v for k, v in {**fixed, **variant.params}.items() if k in takes}
        return run_symbolic(ctx, lambda: (builder(d, **params) for d in DIMS), scope)

    return check


# --------------------------------------------------------------------------------------
# dukler.def.projections
# --------------------------------------------------------------------------------------


def _proj_residuals(u: Any, xi: Any, xj: Any, lam: float, power: int, xp: Any) -> Any:
    """Residuals of idempotence, symmetry, complement, Pythagoras and scale invariance for
    P = u uᵀ/‖u‖^power, as the vector of their max-abs values."""
    d = u.shape[0]

    def P(w: Any) -> Any:
        return (w[:, None] * w[None, :]) / xp.linalg.vector_norm(w) ** power

    Pu = P(u)
    Q = xp.eye(d, dtype=u.dtype) - Pu
    pyth = (Pu @ xi) @ (Pu @ xj) + (Q @ xi) @ (Q @ xj) - xi @ xj
    return xp.stack(
        [
            xp.max(xp.abs(Pu @ Pu - Pu)),
            xp.max(xp.abs(Pu.T - Pu)),
            xp.max(xp.abs(Q @ Pu)),
            xp.abs(pyth),
            xp.max(xp.abs(P(lam * u) - Pu)),
        ]
    )


def _proj_inputs(ex: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    rng = np.random.default_rng(ex["seed"])
    d = ex["d"]
    u = rng.standard_normal(d) * ex["u_scale"]
    return u, rng.standard_normal(d), rng.standard_normal(d), ex["lam"]


def _proj_tol(d: int, xi: np.ndarray, xj: np.ndarray) -> float:
    # P has entries ≤ 1; each residual is a few d-term dot products of such entries
    # (scaled by ‖x_i‖‖x_j‖ for Pythagoras): Higham's γ_{4d}·(d + ‖x_i‖‖x_j‖)·4.
    return gamma(4 * d + 8) * 4 * (d + float(np.linalg.norm(xi) * np.linalg.norm(xj)))


def _proj_property(variant: Variant, ctx: Context) -> Evidence:
    power = variant.get("norm_power", 2)
    strategy = st.fixed_dictionaries(
        {"seed": seeds(), "d": st.integers(2, 64), "lam": log_uniform(-3, 3),
         "u_scale": log_uniform(-3, 3)}
    )

    def body(ex: dict[str, Any]) -> Outcome:
        u, xi, xj, lam = _proj_inputs(ex)
        r = to_numpy(_proj_residuals(*(ctx.asarray(a) for a in (u, xi, xj)), lam, power, ctx.xp))
        return Outcome(float(np.max(r)), _proj_tol(ex["d"], xi, xj),
                       {"residuals": r.tolist()})

    def recheck(ex: dict[str, Any]) -> Recheck:
        u, xi, xj, lam = _proj_inputs(ex)
        with hp.workdps():
            U, XI, XJ = mp.matrix(u.tolist()), mp.matrix(xi.tolist()), mp.matrix(xj.tolist())
            d = len(u)

            def P(w: Any) -> Any:
                return (w * w.T) / mp.norm(w) ** power

            Pu = P(U)
            Q = mp.eye(d) - Pu
            res = [
                mp.mnorm(Pu * Pu - Pu, 1),
                mp.mnorm(Pu.T - Pu, 1),
                mp.mnorm(Q * Pu, 1),
                abs(((Pu * XI).T * (Pu * XJ))[0] + ((Q * XI).T * (Q * XJ))[0] - (XI.T * XJ)[0]),
                mp.mnorm(P(mp.mpf(lam) * U) - Pu, 1),
            ]
            worst = max(res)
        return Recheck(hp.to_str(worst), _proj_tol(ex["d"], xi, xj))

    return run_property(
        ctx, strategy=strategy, body=body, recheck=recheck, salt=101,
        max_examples=ctx.pick(60, 300), scope="random u, x_i, x_j ∈ ℝ^d, d ∈ [2, 64], "
        "‖u‖ and λ log-uniform in [1e-3, 1e3]", sizes={"d": [2, 64]},
    )


@implements("dukler.def.projections")
def _projections() -> Implementation:
    printed = Variant(
        "printed",
        r"x^{u}=\frac{uu^\top x}{\|u\|_2^2},\ x^{u^\perp}=\Big(I-\frac{uu^\top}{\|u\|_2^2}\Big)x"
        r"\ \text{(orthogonal projectors: } P^2=P=P^\top,\ (I-P)P=0,\ \text{Pythagoras, }"
        r"P(\lambda u)=P(u))",
        {"norm_power": 2},
    )
    return Implementation(
        ids=(),
        printed=printed,
        checks=[symbolic("symbolic", _symbolic(dwn.projections)),
                prop("property", _proj_property)],
        perturbations=[
            Variant("norm_not_squared", r"x^{u}=\frac{uu^\top x}{\|u\|_2}", {"norm_power": 1}),
            Variant("norm_cubed", r"x^{u}=\frac{uu^\top x}{\|u\|_2^3}", {"norm_power": 3}),
        ],
    )


# --------------------------------------------------------------------------------------
# Single WN neuron: f = F(w(v, g)), F(w) = Σ_i ρ_i σ(wᵀx_i) + ½(wᵀb)² (ReLU part + smooth)
# --------------------------------------------------------------------------------------


def _neuron_strategy() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"seed": seeds(), "d": st.integers(2, 12), "n": st.integers(1, 5),
         "v_scale": log_uniform(-2, 2), "g": log_uniform(-2, 2),
         "g_sign": st.sampled_from([1.0, -1.0])}
    )


def _neuron_inputs(ex: dict[str, Any]) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    d, n = ex["d"], ex["n"]
    return {
        "v": rng.standard_normal(d) * ex["v_scale"],
        "g": np.array(ex["g"] * ex["g_sign"]),
        "X": rng.standard_normal((n, d)),
        "rho": rng.standard_normal(n),
        "b": rng.standard_normal(d),
        "delta": rng.standard_normal(d),
    }


def _F(w: Any, X: Any, rho: Any, b: Any, xp: Any) -> Any:
    z = X @ w
    return xp.sum(rho * xp.maximum(z, xp.zeros_like(z))) + 0.5 * (w @ b) ** 2


def _F_mp(w: list, X: list, rho: list, b: list) -> Any:
    return mp.fsum(r * hp.relu(hp.dot(x, w)) for r, x in zip(rho, X, strict=True)) + hp.dot(
        w, b
    ) ** 2 / 2


def _neuron_kink_free(inp: dict[str, np.ndarray], h: float) -> bool:
    """No stencil point of relative size h crosses a kink of F∘w (margin 8h)."""
    v, X = inp["v"], inp["X"]
    u = v / np.linalg.norm(v)
    r = np.linalg.norm(X, axis=1)
    return bool(np.min(np.abs(X @ u) / r) > 8 * h * (1 + np.linalg.norm(inp["delta"])))


def _f_scale(inp: dict[str, np.ndarray]) -> float:
    g = abs(float(inp["g"]))
    return float(g * np.sum(np.abs(inp["rho"]) * np.linalg.norm(inp["X"], axis=1))
                 + (g * np.linalg.norm(inp["b"])) ** 2) + 1e-300


def _grad_v_direction(v: np.ndarray, g: float, delta: np.ndarray, p: dict[str, Any]) -> np.ndarray:
    """The direction e with ⟨RHS(∇_w F), δ⟩ = D_e F(w) for the variant's right-hand side
    g/‖v‖^a (I − vvᵀ/‖v‖^b) ∇_w F (P is symmetric, so ⟨P∇F, δ⟩ = ⟨∇F, Pδ⟩)."""
    nv = np.linalg.norm(v)
    proj = np.outer(v, v) / nv ** p.get("proj_power", 2) if p.get("projection", True) else 0
    return g / nv ** p.get("norm_power", 1) * ((np.eye(v.shape[0]) - proj) @ delta)


def _grad_v_property(variant: Variant, ctx: Context) -> Evidence:
    xp = ctx.xp

    def sides(inp: dict[str, np.ndarray]) -> tuple[Any, Any, Any, Any]:
        v, g, X, rho, b, delta = (ctx.asarray(inp[k]) for k in ("v", "g", "X", "rho", "b",
                                                                   "delta"))
        nv = float(np.linalg.norm(inp["v"]))

        def f_of_v(vv: Any) -> Any:
            return _F(g * vv / xp.linalg.vector_norm(vv), X, rho, b, xp)

        lhs, lerr = fd.directional(f_of_v, (v,), (delta,), FD_H * nv, _f_scale(inp))
        e = ctx.asarray(_grad_v_direction(inp["v"], float(inp["g"]), inp["delta"],
                                          variant.params))
        w0 = g * v / xp.linalg.vector_norm(v)
        rhs, rerr = fd.directional(lambda w: _F(w, X, rho, b, xp), (w0,), (e,),
                                   FD_H * abs(float(inp["g"])), _f_scale(inp))
        return lhs, lerr, rhs, rerr

    def body(ex: dict[str, Any]) -> Outcome:
        inp = _neuron_inputs(ex)
        assume(_neuron_kink_free(inp, FD_H))
        lhs, lerr, rhs, rerr = (float(to_numpy(a)) for a in sides(inp))
        return Outcome(abs(lhs - rhs), 4 * (lerr + rerr), {"lhs": lhs, "rhs": rhs})

    def recheck(ex: dict[str, Any]) -> Recheck:
        inp = _neuron_inputs(ex)
        with hp.workdps():
            X = hp.mpf_matrix(inp["X"])
            rho, b = hp.mpf_vector(inp["rho"]), hp.mpf_vector(inp["b"])
            v, dl = hp.mpf_vector(inp["v"]), hp.mpf_vector(inp["delta"])
            g = mp.mpf(float(inp["g"]))
            e = hp.mpf_vector(_grad_v_direction(inp["v"], float(inp["g"]), inp["delta"],
                                                variant.params))

            def f_of_t(t: Any) -> Any:
                vv = [a + t * c for a, c in zip(v, dl, strict=True)]
                nv = hp.norm(vv)
                return _F_mp([g * a / nv for a in vv], X, rho, b)

            nv0 = hp.norm(v)
            w0 = [g * a / nv0 for a in v]
            lhs = mp.diff(f_of_t, 0)
            rhs = mp.diff(lambda t: _F_mp([a + t * c for a, c in zip(w0, e, strict=True)],
                                          X, rho, b), 0)
            res = lhs - rhs
        body_out = body_nocheck(ex)
        return Recheck(hp.to_str(res), body_out.tol, "derivatives by mpmath.diff at 50 digits")

    def body_nocheck(ex: dict[str, Any]) -> Outcome:
        inp = _neuron_inputs(ex)
        lhs, lerr, rhs, rerr = (float(to_numpy(a)) for a in sides(inp))
        return Outcome(abs(lhs - rhs), 4 * (lerr + rerr))

    return run_property(
        ctx, strategy=_neuron_strategy(), body=body, recheck=recheck, salt=211,
        max_examples=ctx.pick(60, 300),
        scope="F(w) = Σρ_iσ(wᵀx_i) + ½(wᵀb)², d ∈ [2, 12], g of either sign, "
        "away from ReLU kinks (directional derivatives by Richardson FD)",
        sizes={"d": [2, 12], "n": [1, 5]},
    )


@implements("dukler.prop.wn_grad_v")
def _wn_grad_v() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant(
            "printed",
            r"\nabla_{\mathbf v}f=\frac{g}{\|\mathbf v\|_2}(\nabla_{\mathbf w}f)^{\mathbf v^\perp}",
            {"projection": True, "norm_power": 1, "proj_power": 2},
        ),
        checks=[symbolic("symbolic", _symbolic(dwn.wn_grad_v,
                                               "general differentiable F, " + SYM_SCOPE)),
                prop("property", _grad_v_property)],
        perturbations=[
            Variant("missing_projection",
                    r"\nabla_{\mathbf v}f=\frac{g}{\|\mathbf v\|_2}\nabla_{\mathbf w}f",
                    {"projection": False}),
            Variant("norm_squared_prefactor",
                    r"\nabla_{\mathbf v}f=\frac{g}{\|\mathbf v\|_2^2}(\nabla_{\mathbf w}f)"
                    r"^{\mathbf v^\perp}", {"norm_power": 2}),
            Variant("projection_norm_not_squared",
                    r"\nabla_{\mathbf v}f=\frac{g}{\|\mathbf v\|_2}\Big(I-\frac{\mathbf v"
                    r"\mathbf v^\top}{\|\mathbf v\|_2}\Big)\nabla_{\mathbf w}f",
                    {"proj_power": 1}),
        ],
    )


# --------------------------------------------------------------------------------------
# dukler.prop.wn_grad_g — ∂f/∂g = (∇_w f)^v
# --------------------------------------------------------------------------------------


def _grad_g_property(variant: Variant, ctx: Context) -> Evidence:
    """LHS ∂(F∘w)/∂g by FD in g; RHS per reading: printed (∇_w F)^v, a d-vector whose j-th
    entry is (v_j/‖v‖)·D_{v/‖v‖}F; corrected (v/‖v‖)ᵀ∇_w F = D_{v/‖v‖}F (a scalar);
    wrong_norm vᵀ∇_w F/‖v‖² = D_{v/‖v‖}F/‖v‖."""
    xp = ctx.xp
    reading = variant.get("reading", "printed")

    def sides(inp: dict[str, np.ndarray]) -> tuple[Any, ...]:
        v, X, rho, b = (ctx.asarray(inp[k]) for k in ("v", "X", "rho", "b"))
        g0 = float(inp["g"])
        nv = xp.linalg.vector_norm(v)
        u = v / nv
        one = ctx.asarray(np.array(1.0))
        scale = _f_scale(inp)
        lhs, lerr = fd.directional(lambda gg: _F(gg * u, X, rho, b, xp), (one * g0,), (one,),
                                   FD_H * abs(g0), scale)
        du, uerr = fd.directional(lambda w: _F(w, X, rho, b, xp), (g0 * u,), (u,),
                                  FD_H * abs(g0), scale)
        if reading == "printed":
            rhs, rerr = u * du, xp.abs(u) * uerr
        elif reading == "corrected":
            rhs, rerr = du, uerr
        else:
            rhs, rerr = du / nv, uerr / nv
        return lhs, lerr, rhs, rerr

    def body(ex: dict[str, Any]) -> Outcome:
        inp = _neuron_inputs(ex)
        assume(_neuron_kink_free(inp, FD_H))
        lhs, lerr, rhs, rerr = (to_numpy(a) for a in sides(inp))
        if lhs.shape != rhs.shape:
            return Outcome(math.inf, 0.0, {"lhs_shape": list(lhs.shape),
                                           "rhs_shape": list(rhs.shape),
                                           "lhs": lhs.tolist(), "rhs": rhs.tolist()})
        err = float(np.max(np.abs(lhs - rhs)))
        return Outcome(err, float(4 * np.max(lerr + rerr)))

    def recheck(ex: dict[str, Any]) -> Recheck:
        inp = _neuron_inputs(ex)
        with hp.workdps():
            X = hp.mpf_matrix(inp["X"])
            rho, b, v = (hp.mpf_vector(inp[k]) for k in ("rho", "b", "v"))
            g0 = mp.mpf(float(inp["g"]))
            nv = hp.norm(v)
            u = [a / nv for a in v]
            lhs = mp.diff(lambda gg: _F_mp([gg * a for a in u], X, rho, b), g0)
            du = mp.diff(lambda t: _F_mp([(g0 + t) * a for a in u], X, rho, b), 0)
            if reading == "printed":
                rhs = [a * du for a in u]
                note = (f"shape mismatch at 50 digits: lhs is the scalar {hp.to_str(lhs)}, "
                        f"rhs is the {len(rhs)}-vector [{', '.join(mp.nstr(a, 15) for a in rhs)}]")
                return Recheck("inf", 0.0, note)
            rhs = du if reading == "corrected" else du / nv
            out = body_tol(ex)
            return Recheck(hp.to_str(lhs - rhs), out, "derivatives by mpmath.diff")

    def body_tol(ex: dict[str, Any]) -> float:
        _, lerr, _, rerr = (to_numpy(a) for a in sides(_neuron_inputs(ex)))
        return float(4 * np.max(lerr + rerr))

    return run_property(
        ctx, strategy=_neuron_strategy(), body=body, recheck=recheck, salt=223,
        max_examples=ctx.pick(60, 300),
        scope="F(w) = Σρ_iσ(wᵀx_i) + ½(wᵀb)², d ∈ [2, 12], g of either sign, away from kinks",
        sizes={"d": [2, 12]},
    )


@implements("dukler.prop.wn_grad_g")
def _wn_grad_g() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant(
            "printed",
            r"\frac{\partial f}{\partial g}=(\nabla_{\mathbf w}f)^{\mathbf v}"
            r"=\frac{\mathbf v\mathbf v^\top}{\|\mathbf v\|_2^2}\nabla_{\mathbf w}f",
            {"reading": "printed"},
        ),
        corrected=Variant(
            "corrected",
            r"\frac{\partial f}{\partial g}=\frac{\mathbf v^\top}{\|\mathbf v\|_2}"
            r"\nabla_{\mathbf w}f,\quad (\nabla_{\mathbf w}f)^{\mathbf v}"
            r"=\frac{\partial f}{\partial g}\,\frac{\mathbf v}{\|\mathbf v\|_2}",
            {"reading": "corrected"},
        ),
        checks=[symbolic("symbolic", _symbolic(dwn.wn_grad_g,
                                               "general differentiable F, " + SYM_SCOPE)),
                prop("property", _grad_g_property)],
        perturbations=[
            Variant("wrong_norm",
                    r"\frac{\partial f}{\partial g}=\frac{\mathbf v^\top\nabla_{\mathbf w}f}"
                    r"{\|\mathbf v\|_2^2}", {"reading": "wrong_norm"}),
        ],
        notes="As printed, (∇_w f)^v is the projection vector of §2's notation, a d-vector, "
        "while ∂f/∂g is a scalar: the equation is ill-typed for d ≥ 2. The scalar identity "
        "is the component of ∇_w f along v/‖v‖.",
    )


# --------------------------------------------------------------------------------------
# dukler.eq2.1 — w(v, g) = g v/‖v‖ and its Jacobians
# --------------------------------------------------------------------------------------


def _jac_formula(v: np.ndarray, g: float, p: dict[str, Any]) -> np.ndarray:
    nv = np.linalg.norm(v)
    proj = np.outer(v, v) / nv ** p.get("proj_power", 2) if p.get("projection", True) else 0
    return np.concatenate([g / nv * (np.eye(v.shape[0]) - proj), (v / nv)[:, None]], axis=1)


def _reparam_property(variant: Variant, ctx: Context) -> Evidence:
    xp = ctx.xp

    def inputs(ex: dict[str, Any]) -> tuple[np.ndarray, float]:
        rng = np.random.default_rng(ex["seed"])
        return rng.standard_normal(ex["d"]) * ex["v_scale"], ex["g"] * ex["g_sign"]

    def measure(ex: dict[str, Any]) -> tuple[float, float, np.ndarray]:
        v, g = inputs(ex)
        d = v.shape[0]
        theta = ctx.asarray(np.concatenate([v, [g]]))

        def w_of(t: Any) -> Any:
            vv = t[:d]
            return t[d] * vv / xp.linalg.vector_norm(vv)

        steps = np.concatenate([np.full(d, FD_H * np.linalg.norm(v)), [FD_H * abs(g)]])
        J, E = fd.jacobian(w_of, theta, steps, abs(g))
        J, E = to_numpy(J), to_numpy(E)
        ref = _jac_formula(v, g, variant.params)
        norm_err = abs(float(np.linalg.norm(g * v / np.linalg.norm(v))) - abs(g))
        err = float(np.max(np.abs(J - ref)))
        tol = float(np.max(4 * E)) + gamma(2 * d) * abs(g) * 4
        return max(err, norm_err), tol, ref

    def body(ex: dict[str, Any]) -> Outcome:
        err, tol, _ = measure(ex)
        return Outcome(err, tol)

    def recheck(ex: dict[str, Any]) -> Recheck:
        v, g = inputs(ex)
        d = v.shape[0]
        _, tol, ref = measure(ex)
        with hp.workdps():
            V = hp.mpf_vector(v)
            worst = mp.mpf(0)
            for j in range(d + 1):
                for i in range(d):
                    def wi(t: Any, i: int = i, j: int = j) -> Any:
                        vv = [a + (t if k == j else 0) for k, a in enumerate(V)]
                        gg = mp.mpf(g) + (t if j == d else 0)
                        return gg * vv[i] / hp.norm(vv)

                    worst = max(worst, abs(mp.diff(wi, 0) - mp.mpf(float(ref[i, j]))))
        return Recheck(hp.to_str(worst), tol, "Jacobian by mpmath.diff at 50 digits")

    strategy = st.fixed_dictionaries(
        {"seed": seeds(), "d": st.integers(2, 16), "v_scale": log_uniform(-2, 2),
         "g": log_uniform(-2, 2), "g_sign": st.sampled_from([1.0, -1.0])}
    )
    return run_property(
        ctx, strategy=strategy, body=body, recheck=recheck, salt=307,
        max_examples=ctx.pick(60, 300),
        scope="v ∈ ℝ^d \\ {0}, d ∈ [2, 16], g of either sign; FD Jacobian (Richardson)",
        sizes={"d": [2, 16]},
    )


@implements("dukler.eq2.1")
def _reparametrization() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant(
            "printed",
            r"\mathbf w(\mathbf v,g)=g\frac{\mathbf v}{\|\mathbf v\|_2}:\ \|\mathbf w\|=|g|,\ "
            r"\frac{\partial\mathbf w}{\partial\mathbf v}=\frac{g}{\|\mathbf v\|}\Big(I-\frac{"
            r"\mathbf v\mathbf v^\top}{\|\mathbf v\|^2}\Big),\ \frac{\partial\mathbf w}{\partial g}"
            r"=\frac{\mathbf v}{\|\mathbf v\|},\ \sigma(\mathbf w^\top\mathbf x)=\sigma\big(g"
            r"\frac{\mathbf v^\top\mathbf x}{\|\mathbf v\|}\big)",
            {"projection": True, "proj_power": 2},
        ),
        checks=[symbolic("symbolic", _symbolic(dwn.reparametrization)),
                prop("property", _reparam_property)],
        perturbations=[
            Variant("jacobian_without_projection",
                    r"\frac{\partial\mathbf w}{\partial\mathbf v}=\frac{g}{\|\mathbf v\|}I",
                    {"projection": False}),
            Variant("projection_norm_not_squared",
                    r"\frac{\partial\mathbf w}{\partial\mathbf v}=\frac{g}{\|\mathbf v\|}\Big(I-"
                    r"\frac{\mathbf v\mathbf v^\top}{\|\mathbf v\|}\Big)", {"proj_power": 1}),
        ],
    )


# --------------------------------------------------------------------------------------
# dukler.prop.orthogonality — v·∇_v f = 0; ‖v_k(t)‖ conserved by the gradient flow
# --------------------------------------------------------------------------------------


def _orth_property(variant: Variant, ctx: Context) -> Evidence:
    """D_{v_k} f (FD along v_k itself, per neuron) equals v_k·∇_{v_k} f; printed target 0,
    perturbation "f_value": the neuron's own output m^{-1/2}c_kσ(g_k u_kᵀx)."""
    rhs_kind = variant.get("rhs", "zero")

    def measure(ex: dict[str, Any]) -> tuple[float, float, dict]:
        inst = build(ex)
        X, _, V, g, c = inst.on(ctx)
        worst, worst_tol = 0.0, 0.0
        scale = float(np.sum(np.abs(inst.g))) * float(
            np.max(np.linalg.norm(inst.X, axis=1), initial=0)) / math.sqrt(inst.m) + 1e-300
        for k in range(inst.m):
            mask = np.zeros((inst.m, 1))
            mask[k] = 1.0
            dirn = ctx.asarray(mask) * V
            D, E = fd.directional(lambda VV: wn.forward(X, VV, g, c), (V,), (dirn,), FD_H,
                                  scale)
            if rhs_kind == "zero":
                target = np.zeros(inst.n)
            else:
                pre = inst.g[k] * (inst.X @ inst.V[k]) / np.linalg.norm(inst.V[k])
                target = inst.c[k] * np.maximum(pre, 0) / math.sqrt(inst.m)
            err = np.abs(to_numpy(D) - target)
            tol = 4 * to_numpy(E)
            j = int(np.argmax(err - tol))
            if err[j] - tol[j] > worst - worst_tol:
                worst, worst_tol = float(err[j]), float(tol[j])
        return worst, worst_tol, {}

    def body(ex: dict[str, Any]) -> Outcome:
        assume_away_from_kinks(build(ex))
        err, tol, info = measure(ex)
        return Outcome(err, tol, info)

    def recheck(ex: dict[str, Any]) -> Recheck:
        inst = build(ex)
        _, tol, _ = measure(ex)
        with hp.workdps():
            X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
            g, c = hp.mpf_vector(inst.g), hp.mpf_vector(inst.c)
            worst = mp.mpf(0)
            for k in range(inst.m):
                def f_t(t: Any, k: int = k) -> list:
                    VV = [row if j != k else [(1 + t) * a for a in row]
                          for j, row in enumerate(V)]
                    return hp.wn_forward(X, VV, g, c)

                for i in range(inst.n):
                    D = mp.diff(lambda t, i=i, f_t=f_t: f_t(t)[i], 0)
                    if rhs_kind == "zero":
                        target = mp.mpf(0)
                    else:
                        pre = g[k] * hp.dot(V[k], X[i]) / hp.norm(V[k])
                        target = c[k] * hp.relu(pre) / mp.sqrt(inst.m)
                    worst = max(worst, abs(D - target))
        return Recheck(hp.to_str(worst), tol, "directional derivatives by mpmath.diff")

    return run_property(
        ctx, strategy=instances(), body=body, recheck=recheck, salt=401,
        max_examples=ctx.pick(40, 200),
        scope="network (1.2), init and generic states, n ≤ 6, d ≤ 8, m ≤ 16, α ∈ [1e-3, 1e3], "
        "away from kinks; v_k·∇_{v_k}f_i as the FD derivative along v_k",
        sizes={"n": [1, 6], "d": [2, 8], "m": [1, 16]},
    )


MAX_RHS_EVALS = 5_000


def _flow(inst: Any, ctx: Context, rtol: float, T: float) -> np.ndarray:
    """Integrate the WN gradient flow (3.1) with DOP853 and return the state at T; raise
    :class:`_Sliding` after ``MAX_RHS_EVALS`` right-hand-side evaluations."""
    xp = ctx.xp
    X, y, _, _, c = inst.on(ctx)
    m, d = inst.m, inst.d

    def rhs(t: float, z: np.ndarray) -> np.ndarray:
        V = ctx.asarray(z[: m * d].reshape(m, d))
        g = ctx.asarray(z[m * d :])
        dV, dg = wn.gradients(X, y, V, g, c)
        return -np.concatenate([to_numpy(xp.reshape(dV, (-1,))), to_numpy(dg)])

    z0 = np.concatenate([inst.V.ravel(), inst.g])
    sol = solve_capped(rhs, z0, T, rtol=rtol, atol=rtol * 1e-6, max_nfev=MAX_RHS_EVALS)
    return sol.y[:, -1]


def _flow_property(variant: Variant, ctx: Context) -> Evidence:
    """‖v_k(T)‖ = ‖v_k(0)‖ along the flow (printed), or |g_k(T)| = |g_k(0)| (perturbation).

    The drift of the conserved quantity at rtol = 1e-11 must stay below the integration
    error, estimated by the difference between the runs at rtol = 1e-8 and 1e-11.
    T = α² (the flow's time scale: ∂L/∂v ∝ 1/α when ‖v‖ ∝ α).
    """
    quantity = variant.get("conserved", "v_norm")

    def conserved(z: np.ndarray, inst: Any) -> np.ndarray:
        m, d = inst.m, inst.d
        if quantity == "v_norm":
            return np.linalg.norm(z[: m * d].reshape(m, d), axis=1)
        return np.abs(z[m * d :])

    def measure(ex: dict[str, Any]) -> tuple[float, float]:
        inst = build(ex)
        T = inst.alpha**2
        z0 = np.concatenate([inst.V.ravel(), inst.g])
        try:
            loose, tight = _flow(inst, ctx, 1e-8, T), _flow(inst, ctx, 1e-11, T)
        except _Sliding:
            assume(False)  # a sliding (Filippov) trajectory: outside this check's scope
        q0 = conserved(z0, inst)
        drift = float(np.max(np.abs(conserved(tight, inst) - q0) / q0))
        m, d = inst.m, inst.d
        dv = np.linalg.norm((loose - tight)[: m * d].reshape(m, d), axis=1)
        integ = max(float(np.max(dv / np.linalg.norm(inst.V, axis=1))),
                    float(np.max(np.abs(loose - tight)[m * d :] / np.abs(inst.g))))
        return drift, 10 * integ + 100 * eps()

    def body(ex: dict[str, Any]) -> Outcome:
        drift, tol = measure(ex)
        return Outcome(drift, tol)

    def recheck(ex: dict[str, Any]) -> Recheck:
        """At 50 digits: the rate d/dt of the conserved quantity at t = 0 (−2v_k·∂L/∂v_k for
        ‖v_k‖², −2g_k ∂L/∂g_k for g_k²), relative to the quantity."""
        inst = build(ex)
        with hp.workdps():
            X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
            y, g, c = (hp.mpf_vector(a) for a in (inst.y, inst.g, inst.c))
            dV, dg = hp.wn_gradients(X, y, V, g, c)
            if quantity == "v_norm":
                rates = [abs(2 * hp.dot(V[k], dV[k])) / hp.dot(V[k], V[k])
                         for k in range(inst.m)]
            else:
                rates = [abs(2 * g[k] * dg[k]) / g[k] ** 2 for k in range(inst.m)]
            worst = max(rates) * inst.alpha**2
        return Recheck(hp.to_str(worst), 100 * eps(),
                       "relative rate of change at t = 0 times T = α², at 50 digits")

    strategy = instances(n=(1, 4), d=(2, 5), m=(1, 5), alpha=(-1.0, 1.0))
    return run_property(
        ctx, strategy=strategy, body=body, recheck=recheck, salt=409,
        max_examples=ctx.pick(6, 30),
        scope="gradient flow (3.1) of network (1.2) on [0, α²], n ≤ 4, d ≤ 5, m ≤ 5, "
        "α ∈ [0.1, 10]; DOP853 at rtol 1e-8 and 1e-11; trajectories that slide along a ReLU "
        f"kink (over {MAX_RHS_EVALS} evaluations) are outside the scope",
        sizes={"n": [1, 4], "d": [2, 5], "m": [1, 5]},
    )


@implements("dukler.prop.orthogonality")
def _orthogonality() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant(
            "printed",
            r"\nabla_{\mathbf v}f\cdot\mathbf v=0;\quad \|\mathbf v(0)\|_2=\|\mathbf v(t)\|_2"
            r"\ \text{under gradient flow}",
            {"rhs": "zero", "conserved": "v_norm"},
        ),
        checks=[symbolic("symbolic", _symbolic(dwn.orthogonality,
                                               "general differentiable F, " + SYM_SCOPE)),
                prop("orthogonality", _orth_property),
                prop("flow_conservation", _flow_property)],
        perturbations=[
            Variant("euler_instead_of_zero",
                    r"\nabla_{\mathbf v}f\cdot\mathbf v=f;\quad |g(0)|=|g(t)|",
                    {"rhs": "f_value", "conserved": "g_abs"}),
        ],
    )


# --------------------------------------------------------------------------------------
# dukler.eq2.3 — ‖v(s+1)‖² = ‖v(s)‖² + η²‖∇_v f‖² under gradient descent
# --------------------------------------------------------------------------------------


def _growth_strategy() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"inst": instances(n=(1, 4), d=(2, 6), m=(1, 6)), "eta": log_uniform(-3, 0)}
    )


def _growth_sides(ex: dict[str, Any], ctx: Context, p: dict[str, Any]) -> dict[str, np.ndarray]:
    """Per neuron: Δ_k = ‖v_k(s+1)‖² − ‖v_k(s)‖² after one GD step on L, and the right-hand
    side sign·η^p‖∇_{v_k}·‖² with · = L, or f_i for each training input i (rows)."""
    xp = ctx.xp
    inst = build(ex["inst"])
    eta = ex["eta"]
    X, y, V, g, c = inst.on(ctx)
    V1, _ = wn.gd_step(X, y, V, g, c, eta)
    n0 = to_numpy(xp.sum(V * V, axis=1))
    n1 = to_numpy(xp.sum(V1 * V1, axis=1))
    coef = p.get("sign", 1) * eta ** p.get("eta_power", 2)
    if p.get("gradient", "L") == "L":
        dV, _ = wn.gradients(X, y, V, g, c)
        rhs = coef * to_numpy(xp.sum(dV * dV, axis=1))[None, :]
    else:
        f = wn.forward(X, V, g, c)
        rows = []
        for i in range(inst.n):
            e = np.zeros(inst.n)
            e[i] = 1.0
            dVi, _ = wn.gradients(X, f - ctx.asarray(e), V, g, c)  # r = e_i: ∇_v f_i
            rows.append(coef * to_numpy(xp.sum(dVi * dVi, axis=1)))
        rhs = np.stack(rows)
    # rounding: ‖v‖² of d terms twice, and the difference (Higham γ_{2d+2}), plus rhs
    tol = gamma(2 * inst.d + 2) * 2 * (n0 + n1) + gamma(inst.d + inst.n + inst.m) * np.max(
        np.abs(rhs), axis=0)
    return {"delta": n1 - n0, "rhs": rhs, "tol": tol}


def _growth_property(variant: Variant, ctx: Context) -> Evidence:
    """Most favourable reading of the printed ∇_v f: the identity must hold for *some*
    training input i (error = min_i max_k |Δ_k − rhs_ik| − tol); also Δ_k ≥ −tol."""

    def measure(ex: dict[str, Any]) -> tuple[float, float, dict]:
        s = _growth_sides(ex, ctx, variant.params)
        excess = np.max(np.abs(s["delta"][None, :] - s["rhs"]) - s["tol"][None, :], axis=1)
        i = int(np.argmin(excess))
        k = int(np.argmax(np.abs(s["delta"] - s["rhs"][i]) - s["tol"]))
        err = float(abs(s["delta"][k] - s["rhs"][i, k]))
        mono = float(np.max(-s["delta"] - s["tol"]))
        info = {"input": i, "neuron": k, "delta": float(s["delta"][k]),
                "rhs": float(s["rhs"][i, k]), "monotone_violation": mono}
        if mono > 0:
            return math.inf, 0.0, info
        return err, float(s["tol"][k]), info

    def body(ex: dict[str, Any]) -> Outcome:
        err, tol, info = measure(ex)
        return Outcome(err, tol, info)

    def recheck(ex: dict[str, Any]) -> Recheck:
        inst = build(ex["inst"])
        eta = mp.mpf(ex["eta"])
        p = variant.params
        _, tol, _ = measure(ex)
        with hp.workdps():
            X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
            y, g, c = (hp.mpf_vector(a) for a in (inst.y, inst.g, inst.c))
            dV, _ = hp.wn_gradients(X, y, V, g, c)
            delta = [hp.dot([a - eta * b for a, b in zip(V[k], dV[k], strict=True)],
                            [a - eta * b for a, b in zip(V[k], dV[k], strict=True)])
                     - hp.dot(V[k], V[k]) for k in range(inst.m)]
            coef = p.get("sign", 1) * eta ** p.get("eta_power", 2)
            if p.get("gradient", "L") == "L":
                rhs_rows = [[coef * hp.dot(dV[k], dV[k]) for k in range(inst.m)]]
            else:
                f = hp.wn_forward(X, V, g, c)
                rhs_rows = []
                for i in range(inst.n):
                    yi = [f[j] - (1 if j == i else 0) for j in range(inst.n)]
                    dVi, _ = hp.wn_gradients(X, yi, V, g, c)
                    rhs_rows.append([coef * hp.dot(dVi[k], dVi[k]) for k in range(inst.m)])
            best = min(max(abs(delta[k] - row[k]) for k in range(inst.m)) for row in rhs_rows)
        return Recheck(hp.to_str(best), tol,
                       "one GD step recomputed at 50 digits; min over inputs i of "
                       "max_k |Δ_k − rhs_ik|")

    return run_property(
        ctx, strategy=_growth_strategy(), body=body, recheck=recheck, salt=503,
        max_examples=ctx.pick(60, 300),
        scope="one GD step of network (1.2) on the square loss (2.5), init and generic "
        "states, n ≤ 4, d ≤ 6, m ≤ 6, α ∈ [1e-3, 1e3], η ∈ [1e-3, 1]",
        sizes={"n": [1, 4], "d": [2, 6], "m": [1, 6]},
    )


@implements("dukler.eq2.3")
def _norm_growth() -> Implementation:
    return Implementation(
        ids=(),
        printed=Variant(
            "printed",
            r"\|\mathbf v(s+1)\|_2^2=\|\mathbf v(s)\|_2^2+\eta^2\|\nabla_{\mathbf v}f\|_2^2"
            r"\ge\|\mathbf v(s)\|_2^2",
            {"gradient": "f", "eta_power": 2, "sign": 1},
        ),
        corrected=Variant(
            "corrected",
            r"\|\mathbf v(s+1)\|_2^2=\|\mathbf v(s)\|_2^2+\eta^2\|\nabla_{\mathbf v}L\|_2^2"
            r"\ge\|\mathbf v(s)\|_2^2",
            {"gradient": "L", "eta_power": 2, "sign": 1},
        ),
        checks=[symbolic("symbolic", _symbolic(dwn.norm_growth,
                                               SYM_SCOPE + ", two training inputs")),
                prop("property", _growth_property)],
        perturbations=[
            Variant("eta_not_squared",
                    r"\|\mathbf v(s+1)\|_2^2=\|\mathbf v(s)\|_2^2+\eta\|\nabla_{\mathbf v}L\|_2^2",
                    {"gradient": "L", "eta_power": 1}),
            Variant("wrong_sign",
                    r"\|\mathbf v(s+1)\|_2^2=\|\mathbf v(s)\|_2^2"
                    r"-\eta^2\|\nabla_{\mathbf v}L\|_2^2",
                    {"gradient": "L", "sign": -1}),
        ],
        notes="The GD step is v(s+1) = v(s) − η∇_v L; orthogonality (v·∇_v L = 0) gives the "
        "identity with ∇_v L. With ∇_v f (the printed form) it fails unless |f − y| = 1; the "
        "property check takes the most favourable reading (the identity for some training "
        "input i).",
    )
