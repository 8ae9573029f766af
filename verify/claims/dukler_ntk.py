"""Dukler et al. §3: the Gram matrices (neural tangent kernels) of WN training.

Claims: ``dukler.eq3.3`` (V and T_v), ``dukler.eq3.4`` (G and T_g), ``dukler.eq3.5``
(Λ = V/α² + G), ``dukler.eq3.6`` (H of the un-normalized network (1.1)) and
``dukler.prop1`` (V(0) + G(0) = H(0); for α = 1, ∂f/∂t = −Λ(0)r = −H(0)r).

Every kernel a check compares with is a *kernel expression*: a tuple of :class:`Term`,
  K_ij = Σ_terms coef·α^{alpha_pow}·m^{m_pow} · m⁻¹ Σ_k w_k · atom_ijk · (1_ik 1_jk),
with per-neuron weight w_k ∈ {1, s_k² = (α c_k g_k/‖v_k‖)², ‖v_k‖} and atom x_iᵀx_j (K),
P_ik P_jk (PP, P_ik = v_kᵀx_i/‖v_k‖) or 1. The printed kernels are
  V = [s²·K − s²·PP]   (3.3),   G = [1·PP]   (3.4, σ(v_kᵀx_i)σ(v_kᵀx_j)/‖v_k‖² = P_ik P_jk 1 1),
  H = [1·K]   (3.6),
and a perturbation changes the terms. A check evaluates the expression of its variant: the
parts that are the printed V, G or H are taken from ``numeric.ntk`` (gram, gram_H), the
rest is computed here; a 50-digit re-check evaluates the same expression with mpmath.

The paper's indicators are 𝟙{v_kᵀx_i ≥ 0}; its gradient formulas hold for g_k > 0, which
(2.4) gives and every instance keeps ("g_k > 0 as under (2.4)").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import mpmath as mp
import numpy as np
from hypothesis import strategies as st

from derivations import ntk as dntk
from numeric import fd, ntk, wn
from numeric._backend import chunk_size, chunks, indicator, to_numpy
from verify import highprec as hp
from verify.api import Implementation, Variant, implements, prop, symbolic
from verify.claims import _dukler as D
from verify.context import Context
from verify.props import Outcome, Recheck, run_property
from verify.symbolic import run_symbolic
from verify.tolerance import gamma
from verify.verdicts import Evidence

SCOPE_G = "g_k > 0 as under (2.4); indicators 1{v_k^T x_i >= 0}"
HP_STEP = 1e-20  # relative step of the 50-digit central differences (error O(1e-40 + 1e-30))


# --------------------------------------------------------------------------- kernels


@dataclass(frozen=True)
class Term:
    """coef·α^alpha_pow·m^m_pow · m⁻¹Σ_k w_k·atom_ijk·(1_ik 1_jk if ind)."""

    coef: float = 1.0
    alpha_pow: int = 0
    m_pow: int = 0
    weight: str = "1"  # "1" | "s2" | "nv"
    atom: str = "K"  # "K" | "PP" | "one"
    ind: bool = True

    def factor(self, alpha: Any, m: int) -> Any:
        return self.coef * alpha**self.alpha_pow * m**self.m_pow


Kernel = tuple[Term, ...]


def v_terms(alpha_pow: int = 0, projection: bool = True, scale_alpha: bool = True,
            coef: float = 1.0) -> Kernel:
    """V/α^{-alpha_pow} of (3.3); projection=False uses ⟨x_i, x_j⟩, scale_alpha=False the
    scale (c_k g_k/‖v_k‖)² (= s_k²/α²)."""
    ap = alpha_pow - (0 if scale_alpha else 2)
    out = [Term(coef, ap, 0, "s2", "K")]
    if projection:
        out.append(Term(-coef, ap, 0, "s2", "PP"))
    return tuple(out)


def g_terms(coef: float = 1.0, alpha_pow: int = 0, norm_power: int = 2,
            kind: str = "aligned") -> Kernel:
    """G of (3.4): m⁻¹Σ σ(v_kᵀx_i)σ(v_kᵀx_j)/‖v_k‖^{norm_power} (= ‖v_k‖^{2−p} P P 1 1);
    kind="perp" uses ⟨x_i^{v⊥}, x_j^{v⊥}⟩ in place of ⟨x_i^v, x_j^v⟩ (App. A form)."""
    w = {2: "1", 1: "nv"}[norm_power]
    if kind == "perp":
        return (Term(coef, alpha_pow, 0, w, "K"), Term(-coef, alpha_pow, 0, w, "PP"))
    return (Term(coef, alpha_pow, 0, w, "PP"),)


def h_terms(coef: float = 1.0, m_pow: int = 0, atom: str = "K", ind: bool = True) -> Kernel:
    """H of (3.6): m⁻¹Σ_k x_iᵀx_j 1_ik 1_jk (atom "one" replaces x_iᵀx_j by 1)."""
    return (Term(coef, 0, m_pow, "1", atom, ind),)


def _decompose(terms: Kernel) -> tuple[list[tuple[str, float, int]], list[Term]]:
    """Split a kernel into multiples c·α^p of the printed V, G, H and leftover terms."""
    rest = list(terms)
    basis: list[tuple[str, float, int]] = []
    for t in list(rest):
        if t not in rest or t.m_pow or not t.ind:
            continue
        if t.weight == "s2" and t.atom == "K":
            mate = Term(-t.coef, t.alpha_pow, 0, "s2", "PP", True)
            if mate in rest:
                rest.remove(t)
                rest.remove(mate)
                basis.append(("V", t.coef, t.alpha_pow))
        elif t.weight == "1" and t.atom in ("PP", "K"):
            rest.remove(t)
            basis.append(("G" if t.atom == "PP" else "H", t.coef, t.alpha_pow))
    return basis, rest


def kernel_xp(inst: D.Instance, ctx: Context, terms: Kernel) -> Any:
    """The kernel expression on the run's backend: the printed V (Vg), G from
    ``numeric.ntk.gram``, H from ``numeric.ntk.gram_H`` at w_k = g_k v_k/‖v_k‖, and the
    remaining terms as chunked matrix products (memory O(n² + chunk·(n + d)))."""
    xp = ctx.xp
    X, _, V, g, c = inst.on(ctx)
    n, d, m, alpha = inst.n, inst.d, inst.m, inst.alpha
    basis, rest = _decompose(terms)
    out = xp.zeros((n, n), dtype=xp.float64)
    names = {b for b, _, _ in basis}
    if names & {"V", "G"}:
        _, Vg, G = ntk.gram(X, V, g, c, alpha)
        parts = {"V": Vg, "G": G}
    else:
        parts = {}
    if "H" in names:
        W = (g / xp.linalg.vector_norm(V, axis=1))[:, None] * V
        parts["H"] = ntk.gram_H(X, W)
    for name, coef, ap in basis:
        out = out + (coef * alpha**ap) * parts[name]
    if not rest:
        return out
    K = X @ X.T
    accK = xp.zeros((n, n), dtype=xp.float64)
    acc = xp.zeros((n, n), dtype=xp.float64)
    ones = xp.ones((n, n), dtype=xp.float64)
    b = chunk_size(n, d, m)
    for s, e in chunks(m, b):
        Vc = V[s : e, :]
        nv = xp.linalg.vector_norm(Vc, axis=1)
        P = X @ (Vc / nv[:, None]).T
        A = indicator(P, xp)
        weights = {"1": xp.ones_like(nv), "s2": (alpha * c[s : e] * g[s : e] / nv) ** 2,
                   "nv": nv}
        for t in rest:
            w = weights[t.weight] * t.factor(alpha, m)
            if t.atom == "PP":
                Z = A * P if t.ind else P
                acc = acc + (Z * w) @ Z.T
            elif t.ind:
                target = (A * w) @ A.T
                if t.atom == "K":
                    accK = accK + target
                else:
                    acc = acc + target
            elif t.atom == "K":
                accK = accK + xp.sum(w) * ones
            else:
                acc = acc + xp.sum(w) * ones
    return out + (K * accK + acc) / m


def _weights_np(inst: D.Instance) -> dict[str, np.ndarray]:
    nv = np.linalg.norm(inst.V, axis=1)
    return {"1": np.ones(inst.m), "s2": (inst.alpha * inst.c * inst.g / nv) ** 2, "nv": nv}


def kernel_abs(inst: D.Instance, terms: Kernel) -> np.ndarray:
    """Σ_terms |coef α^p m^q|·m⁻¹Σ_k w_k·B_ij, with B = r_i r_j for the atoms K and PP
    (|x_iᵀx_j|, |P_ik P_jk| ≤ r_i r_j, r_i = ‖x_i‖) and B = 1 for the atom 1: a bound on
    Σ|summands| of every entry."""
    r = np.linalg.norm(inst.X, axis=1)
    ws = _weights_np(inst)
    rr, one = 0.0, 0.0
    for t in terms:
        val = abs(t.factor(inst.alpha, inst.m)) * float(np.mean(ws[t.weight]))
        if t.atom == "one":
            one += val
        else:
            rr += val
    return rr * np.outer(r, r) + one * np.ones((inst.n, inst.n))


def kernel_round(inst: D.Instance, terms: Kernel) -> np.ndarray:
    """Entrywise rounding bound of the computed kernel: each summand takes O(d) flops and
    the sum m terms, so |error| ≤ 2γ_{d+m+4}·Σ|summands| (the bound of
    ``_dukler.kernel_rounding`` with the variant's weights)."""
    eff = np.zeros(inst.m)
    ws = _weights_np(inst)
    one = 0.0
    for t in terms:
        if t.atom == "one":
            one += abs(t.factor(inst.alpha, inst.m)) * float(np.mean(ws[t.weight]))
        else:
            eff = eff + abs(t.factor(inst.alpha, inst.m)) * ws[t.weight]
    out = D.kernel_rounding(inst, eff)
    return out + gamma(inst.d + inst.m + 4) * 2 * one


def init_deviation(inst: D.Instance) -> np.ndarray:
    """|V(0)+G(0)−H(0)| of the *stored* init (2.4): g_k = fl(‖v_k‖/α), so
    s_k² = (α g_k/‖v_k‖)² = (1+θ)² with |θ| ≤ γ_{d+2} and the exact value is
    m⁻¹Σ_k (s_k² − 1)⟨x_i^⊥, x_j^⊥⟩1 1, bounded by 3γ_{d+3} r_i r_j."""
    r = np.linalg.norm(inst.X, axis=1)
    return 3 * gamma(inst.d + 3) * np.outer(r, r)


def hp_kernel(inst: D.Instance, terms: Kernel,
              entries: Iterable[tuple[int, int]] | None = None) -> dict[tuple[int, int], Any]:
    """The kernel expression at 50 digits from the float64 instance (exact inputs)."""
    with hp.workdps():
        X = hp.mpf_matrix(inst.X)
        V = hp.mpf_matrix(inst.V)
        g, c = hp.mpf_vector(inst.g), hp.mpf_vector(inst.c)
        alpha, m = mp.mpf(inst.alpha), inst.m
        ents = list(entries) if entries is not None else [
            (i, j) for i in range(inst.n) for j in range(inst.n)]
        rows = sorted({i for ij in ents for i in ij})
        K = {(i, j): mp.fdot(X[i], X[j]) for i, j in ents}
        acc = {ij: mp.mpf(0) for ij in ents}
        facs = [t.factor(alpha, m) for t in terms]
        for k in range(m):
            nv = mp.sqrt(mp.fdot(V[k], V[k]))
            P = {i: mp.fdot(V[k], X[i]) / nv for i in rows}
            w = {"1": mp.mpf(1), "s2": (alpha * c[k] * g[k] / nv) ** 2, "nv": nv}
            for i, j in ents:
                both = P[i] >= 0 and P[j] >= 0
                for t, f in zip(terms, facs, strict=True):
                    if t.ind and not both:
                        continue
                    atom = K[i, j] if t.atom == "K" else (
                        P[i] * P[j] if t.atom == "PP" else mp.mpf(1))
                    acc[i, j] += f * w[t.weight] * atom
        return {ij: v / m for ij, v in acc.items()}


def _worst(diff: dict[tuple[int, ...], Any], bound: np.ndarray, note: str) -> Recheck:
    """The entry with the largest |diff|/bound, as a Recheck against its float bound."""
    best, key = -1.0, None
    for ij, val in diff.items():
        b = float(bound[ij])
        a = abs(float(val))
        ratio = a / b if b > 0 else (math.inf if a > 0 else 0.0)
        if ratio > best:
            best, key = ratio, ij
    return Recheck(residual=hp.to_str(diff[key]), threshold=float(bound[key]),
                   note=f"{note}; entry {list(key)}")


# --------------------------------------------------------------------------- 50-digit FD


def _hp_unnormalized(X: Any, W: Any, c: Any) -> list[Any]:
    m = len(W)
    return [mp.fsum(c[k] * hp.relu(mp.fdot(W[k], x)) for k in range(m)) / mp.sqrt(m) for x in X]


def hp_jacobian(inst: D.Instance, block: str, net: str = "wn") -> list[list[Any]]:
    """n×P Jacobian of f at 50 digits by central differences with relative step 1e-20
    (truncation O(1e-40), rounding O(1e-30) relative; no kink is within the step).
    net="wn": f of (1.2) w.r.t. the block "v", "g" or "all" of (vec V, g);
    net="plain": f of (1.1) w.r.t. vec W with W = inst.V."""
    with hp.workdps():
        X, V = hp.mpf_matrix(inst.X), hp.mpf_matrix(inst.V)
        g, c = hp.mpf_vector(inst.g), hp.mpf_vector(inst.c)
        m, d = inst.m, inst.d
        params: list[tuple[str, int, int]] = []
        if block in ("v", "all"):
            params += [("v", k, j) for k in range(m) for j in range(d)]
        if block in ("g", "all"):
            params += [("g", k, 0) for k in range(m)]

        def f(Vt: Any, gt: Any) -> list[Any]:
            return hp.wn_forward(X, Vt, gt, c) if net == "wn" else _hp_unnormalized(X, Vt, c)

        cols = []
        for kind, k, j in params:
            if kind == "v":
                h = mp.mpf(HP_STEP) * hp.norm(V[k])
                Vp = [row[:] for row in V]
                Vm = [row[:] for row in V]
                Vp[k][j] += h
                Vm[k][j] -= h
                fp, fm = f(Vp, g), f(Vm, g)
            else:
                h = mp.mpf(HP_STEP) * abs(g[k])
                gp, gm = g[:], g[:]
                gp[k] += h
                gm[k] -= h
                fp, fm = f(V, gp), f(V, gm)
            cols.append([(a - b) / (2 * h) for a, b in zip(fp, fm, strict=True)])
        return [[col[i] for col in cols] for i in range(inst.n)]


def _hp_gram(J: list[list[Any]]) -> dict[tuple[int, int], Any]:
    n = len(J)
    with hp.workdps():
        return {(i, j): mp.fdot(J[i], J[j]) for i in range(n) for j in range(n)}


# --------------------------------------------------------------------------- checks


def _max_examples(ctx: Context) -> int:
    return ctx.pick(30, 200)


def _sizes(ex_ranges: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in ex_ranges.items()}


SMALL = {"n": (1, 6), "d": (2, 8), "m": (1, 12)}


def _symbolic_check(builder: Callable[..., Any], scope: str,
                    dims: Iterable[int] = (2, 3)) -> Callable[[Variant, Context], Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        params = variant["sym"]

        def build() -> Iterable[Any]:
            if builder is dntk.decoupling:
                return dntk.decoupling(**params)
            return (builder(d, **params) for d in dims)

        ev = run_symbolic(ctx, build, scope, sizes={"n": 2, "m": 2, "d": list(dims)})
        ev.details["check"] = "symbolic"
        return ev

    return check


def _ntk_check(block: str, salt: int, label: str) -> Callable[[Variant, Context], Evidence]:
    """J_block J_blockᵀ (FD Jacobian of (1.2)) equals the variant's kernel entrywise."""

    def check(variant: Variant, ctx: Context) -> Evidence:
        terms: Kernel = variant["kernel"]
        xp = ctx.xp

        def bounds(inst: D.Instance) -> tuple[Any, np.ndarray]:
            J, E = D.wn_jacobian(inst, ctx, block)
            JJ, bound = D.gram_of_jacobian(J, E, xp)
            return JJ, to_numpy(bound) + kernel_round(inst, terms)

        def body(ex: dict[str, Any]) -> Outcome:
            inst = D.build(ex)
            D.assume_away_from_kinks(inst)
            JJ, tol = bounds(inst)
            K = kernel_xp(inst, ctx, terms)
            err, t, info = D.compare(JJ, K, ctx.asarray(tol), xp)
            return Outcome(err, t, info)

        def recheck(ex: dict[str, Any]) -> Recheck:
            inst = D.build(ex)
            _, tol = bounds(inst)
            JJ = _hp_gram(hp_jacobian(inst, block))
            K = hp_kernel(inst, terms)
            with hp.workdps():
                diff = {ij: JJ[ij] - K[ij] for ij in K}
            return _worst(diff, tol, f"J_{block} J_{block}^T - kernel at 50 digits "
                                     "(50-digit central differences)")

        ev = run_property(
            ctx, strategy=D.instances(**SMALL), body=body, recheck=recheck, salt=salt,
            max_examples=_max_examples(ctx),
            scope=(f"FD Jacobian of (1.2) w.r.t. {label}: J J^T = kernel entrywise; "
                   f"init and generic states, {SCOPE_G}; away from ReLU kinks; "
                   "n <= 6, d <= 8, m <= 12, alpha in [1e-3, 1e3]"),
            sizes=_sizes(SMALL),
        )
        ev.details["check"] = f"ntk_{block}"
        return ev

    return check


def _flow_check(block: str, salt: int, label: str) -> Callable[[Variant, Context], Evidence]:
    """The directional FD of f along the flow (3.1) restricted to the block, −∇_block L,
    equals −(kernel) r."""

    def direction(inst: D.Instance, dV: np.ndarray, dg: np.ndarray) -> tuple[Any, Any]:
        dV = -dV if block in ("v", "all") else np.zeros_like(dV)
        dg = -dg if block in ("g", "all") else np.zeros_like(dg)
        return dV, dg

    def check(variant: Variant, ctx: Context) -> Evidence:
        terms: Kernel = variant["kernel"]
        xp = ctx.xp

        def relative(inst: D.Instance, dV: np.ndarray, dg: np.ndarray) -> float:
            nv = np.linalg.norm(inst.V, axis=1)
            rel = np.concatenate([np.linalg.norm(dV, axis=1) / nv, np.abs(dg) / np.abs(inst.g)])
            return float(np.max(rel))

        def float_side(inst: D.Instance) -> tuple[Any, Any, np.ndarray]:
            X, y, V, g, c = inst.on(ctx)
            gV, gg = wn.gradients(X, y, V, g, c)
            dV, dg = direction(inst, to_numpy(gV), to_numpy(gg))
            rel = relative(inst, dV, dg)
            h = D.FD_H / rel if rel > 0 else D.FD_H
            r = wn.forward(X, V, g, c) - y
            scale = float(np.sum(np.abs(inst.g)) * np.max(np.linalg.norm(inst.X, axis=1),
                                                           initial=0)) / math.sqrt(inst.m)
            est, err = fd.directional(lambda Vt, gt: wn.forward(X, Vt, gt, c), (V, g),
                                      (ctx.asarray(dV), ctx.asarray(dg)), h, scale + 1e-300)
            Kr = kernel_xp(inst, ctx, terms) @ r
            # rounding of K, of K r, and of the direction −∇L (Σ_p |J_ip||Δδ_p|): each is
            # at most γ_N·(Kabs |r|)_i with N = n + d + m + 8
            rn = np.abs(to_numpy(r))
            tol = to_numpy(err) + 3 * gamma(inst.n + inst.d + inst.m + 8) * (
                kernel_abs(inst, terms) @ rn) + kernel_round(inst, terms) @ rn
            return est, -Kr, tol

        def body(ex: dict[str, Any]) -> Outcome:
            inst = D.build(ex)
            D.assume_away_from_kinks(inst)
            est, pred, tol = float_side(inst)
            err, t, info = D.compare(est, pred, ctx.asarray(tol), xp)
            return Outcome(err, t, info)

        def recheck(ex: dict[str, Any]) -> Recheck:
            inst = D.build(ex)
            _, _, tol = float_side(inst)
            with hp.workdps():
                X, y = hp.mpf_matrix(inst.X), hp.mpf_vector(inst.y)
                V, g, c = hp.mpf_matrix(inst.V), hp.mpf_vector(inst.g), hp.mpf_vector(inst.c)
                gV, gg = hp.wn_gradients(X, y, V, g, c)
                zero = mp.mpf(0)
                dV = [[-t if block in ("v", "all") else zero for t in row] for row in gV]
                dg = [-t if block in ("g", "all") else zero for t in gg]
                rel = max([hp.norm(a) / hp.norm(b) for a, b in zip(dV, V, strict=True)]
                          + [abs(a) / abs(b) for a, b in zip(dg, g, strict=True)])
                t = mp.mpf(HP_STEP) / rel if rel > 0 else mp.mpf(HP_STEP)

                def shifted(s: Any) -> list[Any]:
                    Vs = [[a + s * b for a, b in zip(ra, rb, strict=True)]
                          for ra, rb in zip(V, dV, strict=True)]
                    gs = [a + s * b for a, b in zip(g, dg, strict=True)]
                    return hp.wn_forward(X, Vs, gs, c)

                est = [(a - b) / (2 * t) for a, b in zip(shifted(t), shifted(-t), strict=True)]
                r = [a - b for a, b in zip(hp.wn_forward(X, V, g, c), y, strict=True)]
                K = hp_kernel(inst, terms)
                diff = {(i,): est[i] + mp.fsum(K[i, j] * r[j] for j in range(inst.n))
                        for i in range(inst.n)}
            return _worst(diff, tol, "df/dt along -grad L (50-digit central difference) "
                                     "+ kernel r at 50 digits")

        ev = run_property(
            ctx, strategy=D.instances(**SMALL), body=body, recheck=recheck, salt=salt,
            max_examples=_max_examples(ctx),
            scope=(f"directional FD of f along the flow (3.1) in {label} vs -kernel (f - y); "
                   f"init and generic states, {SCOPE_G}; away from ReLU kinks; "
                   "n <= 6, d <= 8, m <= 12, alpha in [1e-3, 1e3]"),
            sizes=_sizes(SMALL),
        )
        ev.details["check"] = f"flow_{block}"
        return ev

    return check


# --------------------------------------------------------------------------- (3.3)–(3.5)

TEX_33 = (
    r"\mathbf V_{ij}(t)=\frac1m\sum_{k=1}^m\Big(\frac{\alpha c_k g_k(t)}{\|\mathbf v_k(t)\|_2}"
    r"\Big)^2\langle\mathbf x_i^{\mathbf v_k(t)^\perp},\mathbf x_j^{\mathbf v_k(t)^\perp}\rangle"
    r"\mathbb 1_{ik}(t)\mathbb 1_{jk}(t),\quad T^i_{\mathbf v}(t)=\sum_{j=1}^n"
    r"\frac{\mathbf V_{ij}(t)}{\alpha^2}(f_j(t)-y_j)"
)


def _v_variant(name: str, tex: str, alpha_power: int, projection: bool) -> Variant:
    return Variant(name, tex, {
        "sym": {"alpha_power": alpha_power, "projection": projection},
        "kernel": v_terms(alpha_pow=-alpha_power, projection=projection),
    })


@implements("dukler.eq3.3")
def eq3_3() -> Implementation:
    sym = _symbolic_check(dntk.t_v, "fixed activation region, n = m = 2, symbolic entries, "
                                    f"d in {{2, 3}}; {SCOPE_G}")
    return Implementation(
        ids=(),
        printed=_v_variant("printed", TEX_33, 2, True),
        checks=[
            symbolic("symbolic", sym),
            prop("ntk_v", _ntk_check("v", 3301, "all v_k (J_v J_v^T = V/alpha^2)")),
            prop("flow_v", _flow_check("v", 3302, "v only (T_v = V r/alpha^2)")),
        ],
        perturbations=[
            _v_variant("no_alpha2", r"T^i_{\mathbf v}=\sum_j\mathbf V_{ij}(f_j-y_j)", 0, True),
            _v_variant("no_projection",
                       r"\mathbf V_{ij}=\frac1m\sum_k(\alpha c_kg_k/\|\mathbf v_k\|)^2"
                       r"\langle\mathbf x_i,\mathbf x_j\rangle\mathbb 1_{ik}\mathbb 1_{jk}",
                       2, False),
        ],
        rejected_by={"no_alpha2": ("symbolic", "ntk_v", "flow_v"),
                     "no_projection": ("symbolic", "ntk_v", "flow_v")},
        notes="T_v^i = sum_k df_i/dv_k . dL/dv_k; V(t) is the v-block NTK J_v J_v^T times alpha^2.",
    )


TEX_34 = (
    r"T^i_g=\sum_k\frac1m\sum_j\frac{c_k^2(f_j-y_j)}{\|\mathbf v_k\|_2^2}\sigma(\mathbf v_k^\top"
    r"\mathbf x_j)\sigma(\mathbf v_k^\top\mathbf x_i);\ c_k^2=1:\ \mathbf G_{ij}(t)=\frac1m"
    r"\sum_{k=1}^m\frac{\sigma(\mathbf v_k(t)^\top\mathbf x_i)\sigma(\mathbf v_k(t)^\top"
    r"\mathbf x_j)}{\|\mathbf v_k(t)\|_2^2},\ T^i_g=\sum_j\mathbf G_{ij}(f_j-y_j)"
)


def _g_variant(name: str, tex: str, norm_power: int, kind: str) -> Variant:
    return Variant(name, tex, {
        "sym": {"norm_power": norm_power, "kind": kind},
        "kernel": g_terms(norm_power=norm_power, kind=kind),
    })


@implements("dukler.eq3.4")
def eq3_4() -> Implementation:
    sym = _symbolic_check(dntk.t_g, "fixed activation region, n = m = 2, symbolic entries, "
                                    f"d in {{2, 3}}, c_k^2 = 1 as printed; {SCOPE_G}")
    return Implementation(
        ids=(),
        printed=_g_variant("printed", TEX_34, 2, "aligned"),
        checks=[
            symbolic("symbolic", sym),
            prop("ntk_g", _ntk_check("g", 3401, "all g_k (J_g J_g^T = G)")),
            prop("flow_g", _flow_check("g", 3402, "g only (T_g = G r)")),
        ],
        perturbations=[
            _g_variant("norm1",
                       r"\mathbf G_{ij}=\frac1m\sum_k\frac{\sigma(\mathbf v_k^\top\mathbf x_i)"
                       r"\sigma(\mathbf v_k^\top\mathbf x_j)}{\|\mathbf v_k\|_2}",
                       1, "aligned"),
            _g_variant("perp",
                       r"\mathbf G_{ij}=\frac1m\sum_k\langle\mathbf x_i^{\mathbf v_k^\perp},"
                       r"\mathbf x_j^{\mathbf v_k^\perp}\rangle\mathbb 1_{ik}\mathbb 1_{jk}",
                       2, "perp"),
        ],
        rejected_by={"norm1": ("symbolic", "ntk_g", "flow_g"),
                     "perp": ("symbolic", "ntk_g", "flow_g")},
        notes="Also decides the App. A form G_ij = m^-1 sum_k <x_i^v_k, x_j^v_k> 1_ik 1_jk.",
    )


TEX_35 = (
    r"\frac{d\mathbf f}{dt}=-\Big(\frac{\mathbf V(t)}{\alpha^2}+\mathbf G(t)\Big)(\mathbf f(t)"
    r"-\mathbf y),\quad\boldsymbol\Lambda(t):=\frac{\mathbf V(t)}{\alpha^2}+\mathbf G(t)"
)


def _lam_variant(name: str, tex: str, v_power: int, g_power: int) -> Variant:
    return Variant(name, tex, {
        "sym": {"v_power": v_power, "g_power": g_power},
        "kernel": v_terms(alpha_pow=-v_power) + g_terms(alpha_pow=-g_power),
    })


@implements("dukler.eq3.5")
def eq3_5() -> Implementation:
    sym = _symbolic_check(dntk.evolution, "fixed activation region, n = m = 2, symbolic "
                                          f"entries, d in {{2, 3}}, c_k^2 = 1; {SCOPE_G}")
    return Implementation(
        ids=(),
        printed=_lam_variant("printed", TEX_35, 2, 0),
        checks=[
            symbolic("symbolic", sym),
            prop("ntk_all", _ntk_check("all", 3501, "(V, g) (J J^T = Lambda)")),
            prop("flow_all", _flow_check("all", 3502, "(V, g) (df/dt = -Lambda r)")),
        ],
        perturbations=[
            _lam_variant("swapped", r"\boldsymbol\Lambda=\mathbf V+\mathbf G/\alpha^2", 0, 2),
            _lam_variant("alpha1", r"\boldsymbol\Lambda=\mathbf V/\alpha+\mathbf G", 1, 0),
        ],
        rejected_by={"swapped": ("symbolic", "ntk_all", "flow_all"),
                     "alpha1": ("symbolic", "ntk_all", "flow_all")},
    )


# --------------------------------------------------------------------------- (3.6)

TEX_36 = (
    r"\frac{\partial f_i}{\partial t}=\sum_k\frac{\partial f_i}{\partial\mathbf w_k}"
    r"\frac{d\mathbf w_k}{dt}=-\sum_j\mathbf H_{ij}(t)(f_j-y_j),\quad\mathbf H_{ij}(t)="
    r"\frac1m\sum_{k=1}^m\mathbf x_i^\top\mathbf x_j\mathbb 1_{ik}(t)\mathbb 1_{jk}(t)"
)


def _plain_instance(inst: D.Instance) -> D.Instance:
    """The un-normalized network (1.1) with w_k = g_k v_k/‖v_k‖ (rows of V; g := ‖w_k‖)."""
    W = inst.g[:, None] * inst.V / np.linalg.norm(inst.V, axis=1, keepdims=True)
    return replace(inst, V=W, g=np.linalg.norm(W, axis=1), alpha=1.0)


def _h_ntk_check(salt: int) -> Callable[[Variant, Context], Evidence]:
    def check(variant: Variant, ctx: Context) -> Evidence:
        terms: Kernel = variant["kernel"]
        xp = ctx.xp

        def float_side(inst: D.Instance) -> tuple[Any, np.ndarray]:
            X, _, W, _, c = inst.on(ctx)
            m, d = inst.m, inst.d
            nw = np.linalg.norm(inst.V, axis=1)
            scale = float(np.sum(nw) * np.max(np.linalg.norm(inst.X, axis=1), initial=0))
            J, E = fd.jacobian(
                lambda t: wn.forward_unnormalized(X, xp.reshape(t, (m, d)), c),
                xp.reshape(W, (-1,)), np.repeat(D.FD_H * nw, d), scale / math.sqrt(m) + 1e-300)
            JJ, bound = D.gram_of_jacobian(J, E, xp)
            return JJ, to_numpy(bound) + kernel_round(inst, terms)

        def body(ex: dict[str, Any]) -> Outcome:
            inst = _plain_instance(D.build(ex))
            D.assume_away_from_kinks(inst)
            JJ, tol = float_side(inst)
            err, t, info = D.compare(JJ, kernel_xp(inst, ctx, terms), ctx.asarray(tol), xp)
            return Outcome(err, t, info)

        def recheck(ex: dict[str, Any]) -> Recheck:
            inst = _plain_instance(D.build(ex))
            _, tol = float_side(inst)
            JJ = _hp_gram(hp_jacobian(inst, "v", net="plain"))
            K = hp_kernel(inst, terms)
            with hp.workdps():
                diff = {ij: JJ[ij] - K[ij] for ij in K}
            return _worst(diff, tol, "J_w J_w^T - H at 50 digits (50-digit central differences)")

        ev = run_property(
            ctx, strategy=D.instances(**SMALL), body=body, recheck=recheck, salt=salt,
            max_examples=_max_examples(ctx),
            scope=("FD Jacobian of network (1.1) w.r.t. W: J J^T = H entrywise (so "
                   "df/dt = -J J^T (f - y) = -H (f - y)); W = g v/||v|| of init and generic "
                   "states; away from ReLU kinks; n <= 6, d <= 8, m <= 12"),
            sizes=_sizes(SMALL),
        )
        ev.details["check"] = "ntk_w"
        return ev

    return check


def _h_variant(name: str, tex: str, inv_m: bool, inner: str) -> Variant:
    return Variant(name, tex, {
        "sym": {"inv_m": inv_m, "inner": inner},
        "kernel": h_terms(m_pow=0 if inv_m else 1, atom="K" if inner == "x" else "one"),
    })


@implements("dukler.eq3.6")
def eq3_6() -> Implementation:
    sym = _symbolic_check(dntk.unnormalized_ntk, "fixed activation region of network (1.1), "
                                                 "n = m = 2, symbolic entries, d in {2, 3}, "
                                                 "c_k^2 = 1")
    return Implementation(
        ids=(),
        printed=_h_variant("printed", TEX_36, True, "x"),
        checks=[symbolic("symbolic", sym), prop("ntk_w", _h_ntk_check(3601))],
        perturbations=[
            _h_variant("no_inv_m", r"\mathbf H_{ij}=\sum_k\mathbf x_i^\top\mathbf x_j"
                                   r"\mathbb 1_{ik}\mathbb 1_{jk}", False, "x"),
            _h_variant("ones_inner", r"\mathbf H_{ij}=\frac1m\sum_k\mathbb 1_{ik}"
                                     r"\mathbb 1_{jk}", True, "one"),
        ],
        rejected_by={"no_inv_m": ("symbolic", "ntk_w"), "ones_inner": ("symbolic", "ntk_w")},
    )


# --------------------------------------------------------------------------- Prop. 1

TEX_P1 = (
    r"\mathbf V(0)+\mathbf G(0)=\mathbf H(0)\ \text{for all }\alpha>0;\ \text{for }\alpha=1:\ "
    r"\frac{\partial\mathbf f}{\partial t}=-\boldsymbol\Lambda(0)(\mathbf f(0)-\mathbf y)"
    r"=-\mathbf H(0)(\mathbf f(0)-\mathbf y)"
)
P1_INIT = {"n": (1, 8), "d": (2, 40), "m": (1, 300)}
P1_WIDE = {"n": 8, "d": 16, "alpha": 20.0}


def _p1_variant(name: str, tex: str, projection: bool = True, scale_alpha: bool = True,
                g_factor: int = 1) -> Variant:
    V0 = v_terms(projection=projection, scale_alpha=scale_alpha)
    G0 = g_terms(coef=float(g_factor))
    return Variant(name, tex, {
        "sym": {"projection": projection, "scale_alpha": scale_alpha, "g_factor": g_factor},
        "kernel": V0 + G0 + h_terms(coef=-1.0),  # V(0) + G(0) − H(0)
        "lambda": v_terms(alpha_pow=-2, projection=projection, scale_alpha=scale_alpha) + G0,
        "H": h_terms(),
    })


def _p1_identity_check(salt: int, wide: bool) -> Callable[[Variant, Context], Evidence]:
    """V(0) + G(0) − H(0) = 0 entrywise at init (2.4); tolerance: the rounding of the three
    kernels (each summand ≤ w_k r_i r_j) plus the init deviation of the stored g_k."""

    def check(variant: Variant, ctx: Context) -> Evidence:
        terms: Kernel = variant["kernel"]
        xp = ctx.xp

        def tol_of(inst: D.Instance) -> np.ndarray:
            return kernel_round(inst, terms) + init_deviation(inst)

        def body(ex: dict[str, Any]) -> Outcome:
            inst = D.build(ex)
            K = kernel_xp(inst, ctx, terms)
            err, t, info = D.compare(K, xp.zeros_like(K), ctx.asarray(tol_of(inst)), xp)
            return Outcome(err, t, info)

        def recheck(ex: dict[str, Any]) -> Recheck:
            inst = D.build(ex)
            tol = tol_of(inst)
            if wide:  # one entry (the float worst) at 50 digits: m summands each
                K = to_numpy(kernel_xp(inst, ctx, terms))
                ratio = np.abs(K) / tol
                i, j = np.unravel_index(int(np.argmax(ratio)), ratio.shape)
                val = hp_kernel(inst, terms, [(int(i), int(j))])
            else:
                val = hp_kernel(inst, terms)
            return _worst(val, tol, "V(0) + G(0) - H(0) at 50 digits from the stored init")

        if wide:
            m = ctx.pick(10**5, 10**6)
            ex = {"seed": int(ctx.rng(salt).integers(2**32)), "m": m, "state": "init",
                  "geometry": "sphere", "perturbation": 0.1, **P1_WIDE}
            strategy = st.just(ex)
            scope = (f"one large-width instance at init (2.4): n = 8, d = 16, m = {m}, "
                     "alpha = 20, unit-sphere data; kernels chunked over neurons")
            sizes = {"n": 8, "d": 16, "m": m}
            n_ex = 1
        else:
            strategy = D.instances(**P1_INIT, states=("init",))
            scope = ("init (2.4) for all alpha in [1e-3, 1e3]: n <= 8, d <= 40, m <= 300, "
                     "all data geometries (kinks included: same indicators on both sides)")
            sizes = _sizes(P1_INIT)
            n_ex = _max_examples(ctx)
        ev = run_property(ctx, strategy=strategy, body=body, recheck=recheck, salt=salt,
                          max_examples=n_ex, scope=scope, sizes=sizes)
        ev.details["check"] = "wide" if wide else "identity"
        return ev

    return check


def _p1_display_check(salt: int) -> Callable[[Variant, Context], Evidence]:
    """For α = 1 at init: J Jᵀ (FD Jacobian in (V, g)) equals Λ(0) and H(0) entrywise, so
    ∂f/∂t = −J Jᵀ (f(0) − y) = −Λ(0)(f(0) − y) = −H(0)(f(0) − y)."""

    def check(variant: Variant, ctx: Context) -> Evidence:
        lam: Kernel = variant["lambda"]
        H: Kernel = variant["H"]
        xp = ctx.xp

        def bounds(inst: D.Instance) -> tuple[Any, np.ndarray, np.ndarray]:
            J, E = D.wn_jacobian(inst, ctx, "all")
            JJ, bound = D.gram_of_jacobian(J, E, xp)
            b = to_numpy(bound)
            return JJ, b + kernel_round(inst, lam), b + kernel_round(inst, H) + init_deviation(
                inst)

        def body(ex: dict[str, Any]) -> Outcome:
            inst = D.build(ex)
            D.assume_away_from_kinks(inst)
            JJ, t_lam, t_h = bounds(inst)
            e1, b1, i1 = D.compare(JJ, kernel_xp(inst, ctx, lam), ctx.asarray(t_lam), xp)
            e2, b2, i2 = D.compare(JJ, kernel_xp(inst, ctx, H), ctx.asarray(t_h), xp)
            r1 = e1 / b1 if b1 > 0 else (math.inf if e1 > 0 else 0.0)
            r2 = e2 / b2 if b2 > 0 else (math.inf if e2 > 0 else 0.0)
            if r1 >= r2:
                return Outcome(e1, b1, {"kernel": "Lambda(0)", **i1})
            return Outcome(e2, b2, {"kernel": "H(0)", **i2})

        def recheck(ex: dict[str, Any]) -> Recheck:
            inst = D.build(ex)
            _, t_lam, t_h = bounds(inst)
            JJ = _hp_gram(hp_jacobian(inst, "all"))
            KL, KH = hp_kernel(inst, lam), hp_kernel(inst, H)
            with hp.workdps():
                a = _worst({ij: JJ[ij] - KL[ij] for ij in KL}, t_lam, "J J^T - Lambda(0)")
                b = _worst({ij: JJ[ij] - KH[ij] for ij in KH}, t_h, "J J^T - H(0)")
            ra = abs(float(a.residual)) / a.threshold if a.threshold > 0 else math.inf
            rb = abs(float(b.residual)) / b.threshold if b.threshold > 0 else math.inf
            best = a if ra >= rb else b
            return replace(best, note=best.note + " at 50 digits (50-digit central differences)")

        strategy = D.instances(**SMALL, alpha=(0.0, 0.0), states=("init",))
        ev = run_property(
            ctx, strategy=strategy, body=body, recheck=recheck, salt=salt,
            max_examples=_max_examples(ctx),
            scope=("alpha = 1 at init (2.4): FD Jacobian in (V, g) gives J J^T = Lambda(0) = "
                   f"H(0) entrywise, hence df/dt = -Lambda(0) r = -H(0) r; {SCOPE_G}; "
                   "away from ReLU kinks; n <= 6, d <= 8, m <= 12"),
            sizes=_sizes(SMALL) | {"alpha": 1.0},
        )
        ev.details["check"] = "alpha1_display"
        return ev

    return check


@implements("dukler.prop1")
def prop1() -> Implementation:
    sym = _symbolic_check(
        dntk.decoupling,
        "per summand: symbolic entries, d in {2..6}; at init g_k = ||v_k||/alpha: fixed "
        "activation region, n = m = 2, d in {2, 3}, c_k^2 = 1 (indicators of w_k(0) = "
        "v_k(0)/alpha equal those of v_k(0))",
        dims=(2, 3, 4, 5, 6),
    )
    return Implementation(
        ids=(),
        printed=_p1_variant("printed", TEX_P1),
        checks=[
            symbolic("symbolic", sym),
            prop("identity", _p1_identity_check(1001, wide=False)),
            prop("wide", _p1_identity_check(1002, wide=True)),
            prop("alpha1_display", _p1_display_check(1003)),
        ],
        perturbations=[
            _p1_variant("V_no_alpha", r"\mathbf V(0)\ \text{with scale}\ (c_kg_k/\|\mathbf v_k"
                                      r"\|)^2:\ \mathbf V(0)+\mathbf G(0)=\mathbf H(0)",
                        scale_alpha=False),
            _p1_variant("G_doubled", r"\mathbf V(0)+2\mathbf G(0)=\mathbf H(0)", g_factor=2),
            _p1_variant("V_no_projection", r"\mathbf V(0)\ \text{with}\ \langle\mathbf x_i,"
                                           r"\mathbf x_j\rangle:\ \mathbf V(0)+\mathbf G(0)="
                                           r"\mathbf H(0)", projection=False),
        ],
        rejected_by={
            # at alpha = 1 the scale (c g/||v||)^2 equals (alpha c g/||v||)^2: not decidable there
            "V_no_alpha": ("symbolic", "identity", "wide"),
            "G_doubled": ("symbolic", "identity", "wide", "alpha1_display"),
            "V_no_projection": ("symbolic", "identity", "wide", "alpha1_display"),
        },
    )
