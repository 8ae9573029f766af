"""Derivations for gradient techniques under a unit-norm constraint ([002] §9, [004] §5).

Points of the unit L_2 sphere are parametrised rationally (inverse stereographic
projection), so ‖u‖₂ = 1 holds exactly and no square root of the constraint appears:
n = 2: u = ((1 − a²), 2a)/(1 + a²); n = 3: u = (2a, 2b, 1 − a² − b²)/(1 + a² + b²).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sympy as sp

from derivations.core import Derivation, norm2, vector

A_, B_ = sp.symbols("a b", real=True)
MU = sp.Symbol("mu", real=True)
LAM = sp.Symbol("lambda", real=True)


def unit_vector(n: int) -> tuple[sp.Matrix, tuple[sp.Symbol, ...]]:
    """A rational point of the unit L_2 sphere in R^n (n = 2, 3) and its parameters."""
    if n == 2:
        q = 1 + A_**2
        return sp.Matrix([(1 - A_**2) / q, 2 * A_ / q]), (A_,)
    if n == 3:
        q = 1 + A_**2 + B_**2
        return sp.Matrix([2 * A_ / q, 2 * B_ / q, (1 - A_**2 - B_**2) / q]), (A_, B_)
    raise ValueError("n must be 2 or 3")


def _dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    return (a.T * b)[0, 0]


def _simp_vec(m: sp.Matrix) -> sp.Matrix:
    return m.applyfunc(lambda e: sp.factor(sp.cancel(sp.together(e))))


def first_order_terms(n: int = 3, coef_power: int = 1) -> tuple[dict[str, sp.Matrix], tuple]:
    """d/dμ at μ = 0 of one step of each method from a unit u along g, p = 2 ([002] §9).

    coefficient normalisation (u + μg)/‖u + μg‖^power; Lagrange u + μg + c(μ)u with c from
    the implicit function theorem on ‖u + μg + cu‖² = 1; tangent gradient S g,
    S = I − v vᵀ/‖v‖², v = ∂‖u‖₂/∂u; true gradient (geodesic) step."""
    u, params = unit_vector(n)
    g = vector("g", n)
    x = u + MU * g
    N = sp.sqrt(norm2(x))
    coef = _simp_vec(sp.diff(x / N**coef_power, MU).subs(MU, 0))
    c = sp.Symbol("c", real=True)
    F = norm2(u + MU * g + c * u) - 1
    dc = -(sp.diff(F, MU) / sp.diff(F, c)).subs({MU: 0, c: 0})
    lag = _simp_vec(g + dc * u)
    w = vector("w", n)
    v = sp.Matrix([sp.diff(sp.sqrt(norm2(w)), wi) for wi in w]).subs(dict(zip(w, u, strict=True)))
    v = _simp_vec(v)
    tan = _simp_vec(g - v * _dot(v, g) / _dot(v, v))
    h = tan
    nh = sp.sqrt(norm2(h))
    geo = _simp_vec(sp.diff(sp.cos(MU * nh) * u + sp.sin(MU * nh) * h / nh, MU).subs(MU, 0))
    return {"coef": coef, "lagrange": lag, "tangent": tan, "geodesic": geo}, (*params, *g)


def equiv_first_order(n: int = 3, coef_power: int = 1) -> Iterable[Derivation]:
    """The three methods (and the true gradient) agree to first order in μ, pairwise."""
    terms, syms = first_order_terms(n, coef_power)
    for a, b in (("coef", "tangent"), ("lagrange", "tangent"), ("coef", "lagrange"),
                 ("geodesic", "tangent")):
        dv = Derivation(f"first-order term of one step: {a} vs {b} (p = 2, n = {n})",
                        f"symbolic u on the unit sphere of R^{n}, symbolic g", symbols=syms)
        dv.step(f"d/dmu {a} step at mu=0", terms[a])
        dv.step(f"d/dmu {b} step at mu=0", terms[b])
        dv.conclude(terms[a] - terms[b])
        yield dv


def rho_k_derivative(K: int = 3, N: int = 2, factor: str = "rho_over_rhok",
                     sign: int = 1) -> Iterable[Derivation]:
    """[002] eq. (46): ρ̇_k = −∂L/∂ρ_k for L of (45), ρ = ∏ρ_k, f̃_n = F_n (V fixed)."""
    r = sp.symbols(f"rho_1:{K + 1}", positive=True)
    F = sp.symbols(f"F_1:{N + 1}", real=True)
    lam = sp.symbols(f"lambda_1:{K + 1}", real=True)
    cst = sp.symbols(f"c_1:{K + 1}", positive=True)  # ‖V_k‖_p^p, independent of ρ
    rho = sp.Mul(*r)
    L = sum(sp.exp(-rho * f) for f in F) + sum(l_ * (c_ - 1) for l_, c_ in zip(lam, cst,
                                                                              strict=True))
    for k in range(K):
        dv = Derivation(f"eq. (46), k = {k + 1} of K = {K}", "symbolic ρ_k > 0, f̃_n, λ_k",
                        symbols=(*r, *F), admissible=lambda pt: all(
                            pt.get(x, 1) > 0 for x in r))
        flow = dv.step("-dL/drho_k", -sp.diff(L, r[k]))
        pref = rho / r[k] if factor == "rho_over_rhok" else rho
        printed = dv.step("(46) as encoded", sign * sum(pref * sp.exp(-rho * f) * f for f in F))
        dv.conclude(flow - printed)
        yield dv


def rho_sq_rates(K: int = 3, N: int = 2, power: int = 2) -> Iterable[Derivation]:
    """[002] §9.1 remark 2: d(ρ_k²)/dt = 2ρ_kρ̇_k = 2ρ Σ_n e^{−ρf̃_n} f̃_n is the same for
    every k (``power=1``: the perturbation "ρ_k grows at the same rate")."""
    r = sp.symbols(f"rho_1:{K + 1}", positive=True)
    F = sp.symbols(f"F_1:{N + 1}", real=True)
    rho = sp.Mul(*r)
    rd = [rho / r[k] * sum(sp.exp(-rho * f) * f for f in F) for k in range(K)]
    rate = [sp.diff(r[k] ** power, r[k]) * rd[k] for k in range(K)]
    for k in range(1, K):
        dv = Derivation(f"d/dt rho_k^{power}: k = 1 vs k = {k + 1}", "symbolic ρ_k > 0, f̃_n",
                        symbols=(*r, *F), admissible=lambda pt: all(
                            pt.get(x, 1) > 0 for x in r))
        dv.step("d/dt rho_1^power via (46)", rate[0])
        dv.step(f"d/dt rho_{k + 1}^power via (46)", rate[k])
        dv.conclude(rate[0] - rate[k])
        yield dv


def _net_symbols(m: int, N: int) -> tuple[tuple, list, sp.Symbol]:
    v = sp.symbols(f"v_1:{m + 1}", real=True, nonzero=True)
    F = [sp.Function(f"F_{n + 1}")(*v) for n in range(N)]
    rho = sp.Symbol("rho", positive=True)
    return v, F, rho


def lagrange_velocity(p: sp.Expr, m: int = 2, N: int = 2, sign: int = 1,
                      exponent: str = "p-1") -> Derivation:
    """[002] eq. (47) against −∂L/∂V_k of (45), entrywise, f̃_n = F_n(V_k) generic; the
    multiplier term as printed is +λ p V^{p−1}, read sign(V)|V|^{p−1} (``sign``: its sign,
    ``exponent``: p−1 or the perturbation p)."""
    v, F, rho = _net_symbols(m, N)
    L = sum(sp.exp(-rho * f) for f in F) + LAM * (sum(sp.Abs(x) ** p for x in v) - 1)
    q = p - 1 if exponent == "p-1" else p
    dv = Derivation(f"eq. (47), p = {p}, entrywise", f"symbolic V_k ∈ R^{m} (nonzero entries), "
                    f"generic f̃_n(V_k), n ≤ {N}", symbols=(LAM, *v, rho))
    flow = dv.step("-dL/dV (gradient descent on (45))",
                   sp.Matrix([-sp.diff(L, x) for x in v]))
    data = sp.Matrix([rho * sum(sp.exp(-rho * f) * sp.diff(f, x) for f in F) for x in v])
    mult = sp.Matrix([sign * LAM * p * sp.sign(x) * sp.Abs(x) ** q for x in v])
    printed = dv.step("(47) as encoded", data + mult)
    dv.conclude(flow - printed)
    return dv


def gd_step_48(m: int = 2, N: int = 2, lam_coef: int = -2) -> Derivation:
    """[002] eq. (48): the unit gradient step V − ∂L/∂V of (45) at p = 2 is
    V + ρΣe^{−ρf̃}∂f̃/∂V − 2λV (``lam_coef``: the coefficient of λV as encoded)."""
    v, F, rho = _net_symbols(m, N)
    V = sp.Matrix(v)
    L = sum(sp.exp(-rho * f) for f in F) + LAM * (norm2(V) - 1)
    dv = Derivation("eq. (48): unit GD step on (45), p = 2", f"symbolic V ∈ R^{m}, generic "
                    f"f̃_n(V), n ≤ {N}", symbols=(LAM, *v, rho))
    step = dv.step("V - dL/dV", V - sp.Matrix([sp.diff(L, x) for x in v]))
    g = sp.Matrix([rho * sum(sp.exp(-rho * f) * sp.diff(f, x) for f in F) for x in v])
    inside = dv.step("vector inside the norm of (48)", V + g + lam_coef * LAM * V)
    dv.conclude(step - inside)
    return dv


def norm_rewrite(n: int, lhs: str, rhs: str) -> Derivation:
    """‖·‖² of two printed expressions in V (unit), g and λ (or α) must agree identically.

    Expressions by name: "48": V + g − 2λV; "49": V + g + 2λV; "49c": the corrected V + g − 2λV;
    "49x4": V + g − 4λV; "50": αV + g with α = 1 + 2λ; "50m": α = 1 − 2λ."""
    V, params = unit_vector(n)
    g = vector("g", n)
    exprs = {"48": V + g - 2 * LAM * V, "49": V + g + 2 * LAM * V,
             "49c": V + g - 2 * LAM * V, "49x4": V + g - 4 * LAM * V,
             "50": (1 + 2 * LAM) * V + g, "50m": (1 - 2 * LAM) * V + g}
    dv = Derivation(f"||({lhs})||^2 = ||({rhs})||^2 (n = {n})",
                    f"symbolic unit V ∈ R^{n}, symbolic g, λ", symbols=(*params, *g, LAM))
    a = dv.step(f"||{lhs}||^2", sp.expand(norm2(exprs[lhs])))
    b = dv.step(f"||{rhs}||^2", sp.expand(norm2(exprs[rhs])))
    dv.conclude(a - b)
    return dv


def reduce_sqrt(expr: sp.Expr, radicand: sp.Expr, s: sp.Symbol) -> sp.Expr:
    """Reduce an expression in √R exactly: √R → s, powers s² → R; the result A + B s is 0
    iff A = B = 0 (for R not a perfect square); otherwise it is returned with s = √R."""
    t = sp.together(sp.sympify(expr).subs(sp.sqrt(radicand), s))
    num, den = sp.fraction(sp.cancel(t))
    poly = sp.Poly(sp.expand(num), s)
    A = sp.Integer(0)
    B = sp.Integer(0)
    for (k,), c in poly.terms():
        if k % 2 == 0:
            A += c * radicand ** (k // 2)
        else:
            B += c * radicand ** (k // 2)
    A, B = sp.cancel(sp.together(A)), sp.cancel(sp.together(B))
    if A == 0 and B == 0:
        return sp.Integer(0)
    return (A + B * sp.sqrt(radicand)) / den


def alpha_root(n: int = 2, radicand_sign: int = 1) -> Iterable[Derivation]:
    """[002] eq. (51): α = √(1 − ‖g‖² + (Vᵀg)²) − Vᵀg solves ‖αV + g‖ = 1 for unit V, and
    α → 1 as g → 0 (``radicand_sign=-1``: the perturbation √(1 + ‖g‖² − (Vᵀg)²))."""
    V, params = unit_vector(n)
    g = vector("g", n)
    c = _dot(V, g)
    R = sp.cancel(sp.together(1 - radicand_sign * norm2(g) + radicand_sign * c**2))
    alpha = sp.sqrt(R) - c
    s = sp.Symbol("s", positive=True)
    R1 = sp.cancel(sp.together(1 - norm2(g) + c**2))

    def admissible(pt: dict) -> bool:
        return bool(R.subs(pt) > 0 and R1.subs(pt) > 0)

    dv = Derivation(f"eq. (51) solves eq. (50) (n = {n})", f"symbolic unit V ∈ R^{n}, "
                    "symbolic g with a real root", symbols=(*params, *g), admissible=admissible)
    dv.step("alpha (51)", alpha)
    res = dv.step("||alpha V + g||^2 - 1", norm2(alpha * V + g) - 1)
    dv.conclude(res, simplifier=lambda e: reduce_sqrt(e, R, s))
    yield dv
    eps_ = sp.Symbol("epsilon", positive=True)
    dv2 = Derivation("alpha -> 1 as g -> 0 (g = eps h)", f"symbolic unit V ∈ R^{n}, h",
                     symbols=(*params, *g))
    lim = dv2.step("lim_{eps->0} alpha(eps g)", sp.limit(alpha.subs(
        {gi: eps_ * gi for gi in g}), eps_, 0))
    dv2.conclude(lim - 1)
    yield dv2


def coef_norm_unit(p: sp.Expr, n: int = 2, power: int = 1,
                   norm_p: sp.Expr | None = None) -> Derivation:
    """[002] §9.2: ‖û/‖û‖_p‖_p = 1 (entries positive, the general case follows by |·|).
    ``power``: the perturbation û/‖û‖_p²; ``norm_p``: normalising with another norm."""
    x = sp.symbols(f"x_1:{n + 1}", positive=True)
    q = p if norm_p is None else norm_p
    N = sum(xi**q for xi in x) ** (1 / q)
    u = [xi / N**power for xi in x]
    dv = Derivation(f"||u_hat/||u_hat||||_p = 1, p = {p}, n = {n}",
                    f"symbolic û ∈ R^{n} (positive orthant)", symbols=x,
                    admissible=lambda pt: all(pt[xi] > 0 for xi in x))
    val = dv.step("||u(k+1)||_p", sum(ui**p for ui in u) ** (1 / p))
    dv.conclude(val - 1, simplifier=lambda e: sp.simplify(sp.powsimp(sp.powdenest(
        sp.simplify(e), force=True), force=True)))
    return dv


def tangent_conservation(p: sp.Expr, n: int = 3, basis: str = "v",
                         denom: str = "l2") -> Derivation:
    """[002] Theorem 7 / [004] eq. (6): d/dt ‖u‖_p = vᵀ S g with v = ∂‖u‖_p/∂u; S from v
    (``basis="v"``, [002]) or from u ([004]; ``denom``: ‖u‖² Euclidean or L_p) or S = I."""
    u = sp.symbols(f"u_1:{n + 1}", positive=True)
    g = sp.Matrix(sp.symbols(f"g_1:{n + 1}", real=True))
    U = sp.Matrix(u)
    normp = sum(x**p for x in u) ** (1 / p)
    v = sp.Matrix([sp.diff(normp, x) for x in u])
    dv = Derivation(f"d/dt ||u||_p along u' = S g: p = {p}, S from {basis}"
                    + (f" ({denom} denominator)" if basis == "u" else ""),
                    f"symbolic u ∈ R^{n} (positive orthant), symbolic g",
                    symbols=(*u, *g), admissible=lambda pt: all(pt[x] > 0 for x in u))
    dv.step("v = d||u||_p/du", v)
    if basis == "v":
        Sg = g - v * _dot(v, g) / _dot(v, v)
    elif basis == "u":
        den = _dot(U, U) if denom == "l2" else normp**2
        Sg = g - U * _dot(U, g) / den
    else:
        Sg = g
    dv.step("u' = S g", Sg)
    rate = dv.step("d/dt ||u||_p = v^T S g", _dot(v, Sg))
    dv.conclude(rate)
    return dv


def gradient_remarks() -> Iterable[Derivation]:
    """[002] §9.3 remarks: ∂‖u‖₂/∂u = u/‖u‖₂, S(u/‖u‖) = S(u) (so v may be replaced by u
    at p = 2), and ∂‖u‖₁/∂u_j = u_j/|u_j| (u_j ≠ 0)."""
    u = sp.symbols("u_1:4", real=True, nonzero=True)
    U = sp.Matrix(u)
    g = sp.Matrix(sp.symbols("g_1:4", real=True))
    n2 = sp.sqrt(norm2(U))
    dv = Derivation("p = 2: d||u||_2/du = u/||u||_2", "symbolic u ∈ R^3 \\ {0}", symbols=u)
    dv.conclude(sp.Matrix([sp.diff(n2, x) for x in u]) - U / n2)
    yield dv

    def S(w: sp.Matrix) -> sp.Matrix:
        return g - w * _dot(w, g) / _dot(w, w)

    dv = Derivation("p = 2: S built from u/||u|| equals S built from u", "symbolic u, g",
                    symbols=(*u, *g))
    dv.conclude(S(U / n2) - S(U))
    yield dv
    dv = Derivation("p = 1: d||u||_1/du_j = u_j/|u_j|", "symbolic u ∈ R^3, u_j ≠ 0",
                    symbols=u)
    n1 = sum(sp.Abs(x) for x in u)
    dv.conclude(sp.Matrix([sp.diff(n1, x) - x / sp.Abs(x) for x in u]),
                simplifier=lambda e: sp.simplify(sp.refine(e)))
    yield dv


def defaults() -> dict[str, Sequence[Any]]:
    """The exponents the symbolic checks use: p ∈ {3/2, 2, 3}."""
    return {"p": (sp.Rational(3, 2), sp.Integer(2), sp.Integer(3))}
