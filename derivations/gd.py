"""Finite-step gradient descent for WN (Dukler et al., ICLR version, App. C and E), in SymPy.

Each builder takes the parameters of the statement it decides (the printed statement, its
correction, or a perturbation) and returns a :class:`~derivations.core.Derivation` whose
residual is 0 iff the statement holds. Inequalities are encoded as ``Max(0, excess)`` with
every symbol's sign known (positive symbols, or a parametrisation such as ``N1 = N0(1+u)``,
``u > 0``) so that a true inequality reduces to 0 and a false one leaves a positive
expression for the witness search. Notation: e = f(s) − y, E = ‖f(0) − y‖₂, c = (m/δ)^{1/d}
(Lemma B.10), L = log(n/δ), C the constant of Lemma B.9 (‖f(0) − y‖ ≤ C√(nL)).
"""

from __future__ import annotations

import itertools

import sympy as sp

from derivations.core import Derivation, norm2, relu, vector

POS = {"positive": True}
HALF, QUARTER, THREE_EIGHTHS = sp.Rational(1, 2), sp.Rational(1, 4), sp.Rational(3, 8)


def _pos(names: str) -> tuple[sp.Symbol, ...]:
    out = sp.symbols(names, **POS)
    return out if isinstance(out, tuple) else (out,)


def _excess(expr: sp.Expr) -> sp.Expr:
    """Max(0, expr): zero iff expr ≤ 0 (an inequality 'expr ≤ 0' holds)."""
    return sp.Max(0, sp.simplify(expr))


# =======================================================================================
# (C.1)–(C.4): the decomposition of f(s+1) − f(s)


def c1_neuron(g_index: int = 1) -> Derivation:
    """(C.1) per neuron: c σ(g₁ z₁/N₁) − c σ(g₀ z₀/N₀) = c G/N₁ σ(z₁) − c g₀/N₀ σ(z₀), with
    z = v_kᵀx_i at s and s+1, N = ‖v_k‖, g > 0 as under (2.4), every sign region of z₀, z₁.

    Printed: G = g_k(s+1) (``g_index`` = 1); the perturbation g_index = 0 uses g_k(s).
    """
    g0, g1, N0, N1, t0, t1 = _pos("g_0 g_1 N_0 N_1 t_0 t_1")
    c = sp.Symbol("c", real=True)
    G = g1 if g_index == 1 else g0
    dv = Derivation("(C.1) one neuron, every activation region", "g_k > 0, any c_k, both "
                    "sign regions of v_k(s)ᵀx_i and v_k(s+1)ᵀx_i",
                    symbols=(c, N0, N1, t0, t1, g0, g1),
                    admissible=lambda pt: all(pt[s] > 0 for s in (g0, g1, N0, N1, t0, t1)))
    res = []
    for s0, s1 in itertools.product((1, -1, 0), repeat=2):
        z0, z1 = s0 * t0, s1 * t1
        lhs = c * relu(g1 * z1 / N1) - c * relu(g0 * z0 / N0)
        rhs = c * G / N1 * relu(z1) - c * g0 / N0 * relu(z0)
        res.append(dv.step(f"region sign(z0)={s0}, sign(z1)={s1}: (1.2) minus (C.1)",
                           lhs - rhs))
    dv.conclude(sp.Matrix(res))
    return dv


def telescoping(split: str = "printed") -> Derivation:
    """(C.2) a_i + b_i = (C.1) and (C.3) a^I_i + a^II_i = a_i, per neuron (sums are linear).

    A₀ = c g(s)/‖v(s)‖, A₁ = c g(s+1)/‖v(s+1)‖, σ₀ = σ(v(s)ᵀx), σ₁ = σ(v(s+1)ᵀx);
    a^I = (c g(s+1) − c g(s))σ₀/‖v(s)‖, a^II = (c g(s+1)/‖v(s+1)‖ − c g(s+1)/‖v(s)‖)σ₀.
    ``split = "swapped"`` (a perturbation) evaluates a^II at g(s) in place of g(s+1).
    """
    c, s0, s1 = sp.symbols("c sigma_0 sigma_1", real=True)
    g0, g1, N0, N1 = _pos("g_0 g_1 N_0 N_1")
    dv = Derivation("(C.2)-(C.3) telescoping", "per neuron, symbolic", symbols=(c, s0, s1, g0,
                    g1, N0, N1))
    A0, A1 = c * g0 / N0, c * g1 / N1
    a = dv.step("a (C.2)", (A1 - A0) * s0)
    b = dv.step("b (C.2)", A1 * (s1 - s0))
    aI = dv.step("a^I (C.3)", (c * g1 / N0 - c * g0 / N0) * s0)
    gII = g1 if split == "printed" else g0
    aII = dv.step("a^II (C.3)", (c * gII / N1 - c * gII / N0) * s0)
    dv.conclude(sp.Matrix([a + b - (A1 * s1 - A0 * s0), aI + aII - a]))
    return dv


def completing_square(d: int, power: int = 2, sign: int = -1) -> Derivation:
    """1/‖v(s+1)‖ − 1/‖v(s)‖ = −η²‖h‖²/(‖v(s)‖‖v(s+1)‖(‖v(s)‖ + ‖v(s+1)‖)) for
    v(s+1) = v(s) − ηh with vᵀh = 0 (h = ∇_{v_k}L(s) is orthogonal to v_k(s)); proof of
    Thm C.1 ("completing the square"). Perturbations: η^power, sign."""
    v, w = vector("v", d), vector("w", d)
    eta = sp.Symbol("eta", positive=True)
    S = norm2(v)
    N0, N1 = _pos("N_0 N_1")
    dv = Derivation(f"completing the square, d = {d}", f"symbolic entries, d = {d}",
                    symbols=(*v, *w, N0, eta, N1),
                    admissible=lambda pt: any(pt[x] != 0 for x in v))
    h = dv.step("h = w - (v^T w/||v||^2) v (orthogonal to v)", w - (v.T * w)[0, 0] / S * v)
    v1 = v - eta * h
    HH = norm2(h)
    grow = dv.step("||v(s+1)||^2 - ||v(s)||^2 - eta^2 ||h||^2",
                   sp.cancel(norm2(v1) - S - eta**2 * HH))
    diff = 1 / N1 - 1 / N0
    printed = sign * eta**power * (N1**2 - N0**2) / eta**2 / (N0 * N1 * (N0 + N1))
    dv.step("printed form with eta^2||h||^2 = N1^2 - N0^2", printed)
    dv.conclude(sp.Matrix([grow, sp.cancel(diff - printed)]))
    return dv


def a_primary(m: int = 2, n: int = 2, sign: int = -1) -> Derivation:
    """a^I_i = −η Σ_j G_ij(s)(f_j(s) − y_j) (proof of Thm C.1), from g(s+1) = g(s) − η∂L/∂g
    and ∂L/∂g_k = m^{-1/2} Σ_j r_j c_k σ(v_kᵀx_j)/‖v_k‖ (§3), with t_jk = σ(v_kᵀx_j)/‖v_k‖ and
    G_ij = m⁻¹ Σ_k t_ik t_jk (3.4); every c ∈ {±1}^m. ``sign`` = −1 printed."""
    t = sp.Matrix(n, m, lambda i, k: sp.Symbol(f"t_{i + 1}{k + 1}", real=True))
    r = vector("r", n)
    eta = sp.Symbol("eta", positive=True)
    dv = Derivation(f"a^I = -eta G r, n = {n}, m = {m}", f"symbolic σ-values, n = {n}, "
                    f"m = {m}, c ∈ {{±1}}^{m}", symbols=(*t, *r, eta))
    res = []
    for cs in itertools.product((1, -1), repeat=m):
        dLdg = [sum(r[j] * cs[k] * t[j, k] for j in range(n)) / sp.sqrt(m) for k in range(m)]
        aI = [sum(cs[k] * (-eta * dLdg[k]) * t[i, k] for k in range(m)) / sp.sqrt(m)
              for i in range(n)]
        G = sp.Matrix(n, n, lambda i, j: sum(t[i, k] * t[j, k] for k in range(m)) / m)
        target = sign * eta * G * r
        res.extend(sp.expand(aI[i] - target[i]) for i in range(n))
    dv.step("a^I - (sign) eta G r over c in {±1}^m", sp.Matrix(res))
    dv.conclude(sp.Matrix(res))
    return dv


def projection_identity(d: int) -> Derivation:
    """⟨x_j^{v⊥}, x_i⟩ = ⟨x_j^{v⊥}, x_i^{v⊥}⟩ (x^{v⊥} = (I − vvᵀ/‖v‖²)x, §2 notation)."""
    v, xi, xj = vector("v", d), vector("x", d), vector("z", d)
    S = norm2(v)
    dv = Derivation(f"projection identity, d = {d}", f"symbolic entries, d = {d}",
                    symbols=(*v, *xi, *xj), admissible=lambda pt: any(pt[q] != 0 for q in v))

    def perp(x: sp.Matrix) -> sp.Matrix:
        return x - (v.T * x)[0, 0] / S * v

    dv.conclude(sp.cancel((perp(xj).T * xi)[0, 0] - (perp(xj).T * perp(xi))[0, 0]))
    return dv


def b_primary(n: int = 2, lam_alpha_power: int = 2, vt_alpha: bool = True) -> Derivation:
    """b^I_i = −(η/α²) Σ_j (Ṽ_ij − Ṽ^⊥_ij)(f_j − y_j) (C.8), neuron by neuron for k ∉ S_i:
    there 𝟙_ik(s+1) = 𝟙_ik(s) = a_i, so σ(v(s+1)ᵀx_i) − σ(v(s)ᵀx_i) = a_i (v(s+1) − v(s))ᵀx_i
    with v(s+1) − v(s) = −η∇_{v_k}L = −η m^{-1/2} Σ_j r_j c g(s)/‖v(s)‖ a_j x_j^{v⊥} (§3), and
    ⟨x_j^{v⊥}, x_i⟩ = ⟨x_j^{v⊥}, x_i^{v⊥}⟩ (:func:`projection_identity`) =: P_ij.

    Every activation pattern a ∈ {0,1}^n and c ∈ {±1}; N₁ = ‖v(s+1)‖ enters both sides through
    g(s+1)/N₁. Perturbations: Λ with α^p (``lam_alpha_power``), Ṽ without its α factors.
    """
    g0, g1, N0, N1, alpha, eta, m = _pos("g_0 g_1 N_0 N_1 alpha eta m")
    r = vector("r", n)
    P = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"P_{min(i, j) + 1}{max(i, j) + 1}", real=True))
    dv = Derivation(f"b^I identity, n = {n}", f"n = {n}, one neuron k ∉ S_i, every activation "
                    "pattern, c ∈ {±1}", symbols=(*P, *r, g0, N0, N1, eta, m, g1, alpha))
    res = []
    sa = alpha if vt_alpha else 1
    for c in (1, -1):
        for a in itertools.product((0, 1), repeat=n):
            for i in range(n):
                # (v(s+1) - v(s))^T x_i = -eta m^{-1/2} sum_j r_j c g0/N0 a_j <x_j^perp, x_i>
                step = -eta / sp.sqrt(m) * sum(r[j] * c * g0 / N0 * a[j] * P[i, j]
                                               for j in range(n))
                bI = c * g1 / N1 * a[i] * step / sp.sqrt(m)
                Vt = [sa * c * g0 / N0 * sa * c * g1 / N1 * a[i] * a[j] * P[i, j] / m
                      for j in range(n)]
                target = -eta / alpha**lam_alpha_power * sum(Vt[j] * r[j] for j in range(n))
                res.append(sp.cancel(bI - target))
    dv.step("b^I_i - target over patterns and c", sp.Matrix(res))
    dv.conclude(sp.Matrix(res))
    return dv


def evolution_step(alpha_power: int = 2, p_sign: int = -1) -> Derivation:
    """(C.4)/(C.5): f(s+1) − f(s) = ηp + ηr with ηp = a^I + b^I = −ηG e − (η/α²)(Ṽ − Ṽ^⊥)e,
    hence p = −Λ(s)e with Λ(s) = G + (Ṽ − Ṽ^⊥)/α² (2×2 symbolic matrices)."""
    n = 2
    G = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"G_{i + 1}{j + 1}", real=True))
    Vt = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"W_{i + 1}{j + 1}", real=True))
    Vp = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"P_{i + 1}{j + 1}", real=True))
    e, rr = vector("e", n), vector("q", n)
    eta, alpha = _pos("eta alpha")
    dv = Derivation("(C.4) f(s+1) - f(s) = -eta Lambda e + eta r", "symbolic 2x2 matrices",
                    symbols=(*G, *Vt, *Vp[:3], *e, *rr, eta, alpha, Vp[3]))
    aI, bI = -eta * G * e, -eta / alpha**2 * (Vt - Vp) * e
    Lam = dv.step("Lambda(s)", G + (Vt - Vp) / alpha**alpha_power)
    p = dv.step("p = (a^I + b^I)/eta", (aI + bI) / eta)
    dv.conclude(sp.Matrix([*(eta * p + eta * rr - (-eta * Lam * e + eta * rr)),
                           *(p - p_sign * Lam * e)]))
    return dv


# =======================================================================================
# Property 1 and Theorem C.1


def property1_bookkeeping(eta_power: int = 1, omega_power: int = 1) -> Derivation:
    """(C.12)–(C.15) give ‖a^II‖, ‖b^II‖ ≤ cηω‖e‖, so r = (a^II + b^II)/η (C.4) has
    ‖r‖ ≤ 2cω‖e‖: Property 1's form cω‖e‖ up to an absolute factor. A restated form
    c'ω^q η^p ‖e‖ is implied with an absolute c' iff implied/stated is free of η, ω.
    Printed restatement (proof of Thm 4.2): p = 1; Property 1 itself: p = 0."""
    c, eta, omega, E = _pos("c eta omega E")
    dv = Derivation(f"Property 1 bookkeeping, eta^{eta_power}", "general",
                    symbols=(c, eta, omega, E))
    implied = dv.step("||r|| <= (||a^II|| + ||b^II||)/eta", (c * eta * omega * E * 2) / eta)
    stated = dv.step("restated bound (constant c')", omega**omega_power * eta**eta_power * E)
    ratio = dv.step("implied/stated (must be an absolute constant)", sp.simplify(implied
                                                                                 / stated))
    dv.conclude(sp.Matrix([sp.diff(ratio, eta), sp.diff(ratio, omega), sp.diff(ratio, E)]))
    return dv


C_STAR = (sp.sqrt(6) - 2) / 2


def thmC1_sharp(c_value: sp.Expr = C_STAR, squared: bool = True,
                rate: sp.Expr = HALF) -> Derivation:
    """Theorem C.1 in the worst case. With x = ηω/2, η ≤ 1/(3‖Λ‖) and ‖Λ‖ ≥ λ_min ≥ ω/2 give
    x ∈ (0, 1/3]; ‖e'‖ ≤ ‖(I − ηΛ)e‖ + η‖r‖ ≤ (1 − x + 2cx)‖e‖, with equality at Λ = (ω/2)I,
    r = cω e. The one-step claim ‖e'‖^k ≤ (1 − ηω·rate)‖e‖^k (k = 2 squared reading, k = 1 as
    visible) holds for every admissible instance iff φ(x) = (1 − x + 2cx)^k − (1 − 2·rate·x)
    ≤ 0 on [0, 1/3]; φ(0) = 0 and φ is convex, so iff φ(1/3) ≤ 0. For k = 2, rate = 1/2 the
    sharp constant is c* = (√6 − 2)/2 ≈ 0.2247 (the instantiation of "c sufficiently small")."""
    x, cc = sp.Symbol("x", positive=True), sp.Symbol("c", positive=True)
    k = 2 if squared else 1
    dv = Derivation(f"Thm C.1 worst case ({'squared' if squared else 'as visible'}, "
                    f"rate {rate}, c = {sp.nsimplify(c_value)})", "all symmetric Λ with "
                    "spectrum in [ω/2, ‖Λ‖], η ≤ 1/(3‖Λ‖), ‖r‖ ≤ cω‖e‖", symbols=())
    phi = dv.step("phi(x)", (1 - x + 2 * cc * x) ** k - (1 - 2 * rate * x))
    dv.step("phi(0)", phi.subs(x, 0))
    dv.step("phi''(x) >= 0 (convex)", sp.diff(phi, x, 2))
    if squared:
        dv.step("sharp c: phi(1/3) = 0", sp.solve(sp.Eq(phi.subs(x, sp.Rational(1, 3)), 0), cc))
    end = dv.step("phi(1/3) at the instantiated c", sp.simplify(
        phi.subs({x: sp.Rational(1, 3), cc: c_value})))
    dv.conclude(sp.Matrix([_excess(end), _excess(phi.subs(x, 0)),
                           _excess(-sp.diff(phi, x, 2).subs(cc, c_value))]))
    return dv


def thmC1_P0() -> Derivation:
    """Proof of Thm C.1, first display: ‖e'‖² = ‖e‖² + 2(−ηΛe + ηr)ᵀe + η²(Λe − r)ᵀ(Λe − r)
    for e' = e − ηΛe + ηr, and the slack of the next line (P1): printed RHS − exact =
    ηeᵀΛe − ηrᵀ(I − ηΛ)e (symmetric 2×2 Λ)."""
    a, b, cc = sp.symbols("a b c", real=True)
    Lam = sp.Matrix([[a, b], [b, cc]])
    e, r = vector("e", 2), vector("r", 2)
    eta = sp.Symbol("eta", positive=True)
    dv = Derivation("Thm C.1 proof, expansion (P0) and slack of (P1)", "symmetric 2x2 Λ",
                    symbols=(a, b, cc, *e, *r, eta))
    ep = e - eta * Lam * e + eta * r
    exact = norm2(ep)
    p0 = (norm2(e) + 2 * ((-eta * Lam * e + eta * r).T * e)[0, 0]
          + eta**2 * norm2(Lam * e - r))
    p1 = (norm2(e) + (e.T * (-eta * Lam + eta**2 * Lam**2) * e)[0, 0]
          + eta * (r.T * (sp.eye(2) - eta * Lam) * e)[0, 0] + eta**2 * norm2(r))
    slack = dv.step("P1 RHS - exact", sp.expand(p1 - exact))
    dv.conclude(sp.Matrix([sp.expand(exact - p0), sp.expand(
        slack - (eta * (e.T * Lam * e)[0, 0] - eta * (r.T * (sp.eye(2) - eta * Lam) * e)[0, 0]))]))
    return dv


def thmC1_P1(c_value: sp.Expr = C_STAR) -> Derivation:
    """(P1) holds iff its slack ηeᵀΛe − ηrᵀ(I − ηΛ)e ≥ 0; in the worst case (λ_min = ω/2,
    ‖r‖ = cω‖e‖ aligned with (I − ηΛ)e, ‖I − ηΛ‖ ≤ 1) the slack is η‖e‖²ω(1/2 − c): P1 needs
    c ≤ 1/2, which Property 1 with c ≤ c* grants."""
    cc = sp.Symbol("c", positive=True)
    dv = Derivation("Thm C.1 proof (P1) under Property 1", "worst case", symbols=())
    worst = dv.step("worst slack/(eta omega ||e||^2)", sp.Rational(1, 2) - cc)
    dv.conclude(_excess(-worst.subs(cc, c_value)))
    return dv


def thmC1_P2(const: sp.Expr = THREE_EIGHTHS) -> Derivation:
    """(P2): eᵀ(−ηΛ + η²Λ²)e ≤ −const·ηω‖e‖² for λ(Λ) ⊂ [ω/2, L], η = 1/(3L). Per eigenvalue
    λ = aω (a ∈ [1/2, b], L = bω, b ≥ 1/2) the quadratic form over ηω‖e‖² is
    −a(1 − a/(3b)): convex in a, so its max is at a = 1/2 or a = b, and then at b = 1/2:
    the supremum is −1/3 (at Λ = (ω/2)I). Printed const = 3/8 > 1/3."""
    a, b = _pos("a b")
    dv = Derivation(f"Thm C.1 proof (P2), constant {const}", "all symmetric Λ with spectrum "
                    "in [ω/2, L], η = 1/(3L)", symbols=())
    q = dv.step("q(a, b) = -a(1 - a/(3b))", -a * (1 - a / (3 * b)))
    dv.step("d^2q/da^2 >= 0", sp.diff(q, a, 2))
    end1 = dv.step("q(1/2, b)", q.subs(a, sp.Rational(1, 2)))
    end2 = dv.step("q(b, b)", sp.simplify(q.subs(a, b)))
    half = sp.Rational(1, 2)
    sup = dv.step("sup over b >= 1/2 (both decreasing in b)", sp.Max(end1.subs(b, half),
                                                                     end2.subs(b, half)))
    dv.step("d q(1/2,b)/db, d q(b,b)/db", sp.Matrix([sp.diff(end1, b), sp.diff(end2, b)]))
    dv.conclude(_excess(sup + const))
    return dv


def thmC1_P3() -> Derivation:
    """(P3): (1 − ηω(1 − η‖Λ‖) + c'ηω) ≤ 1 − ηω/2 iff c' ≤ 1/2 − η‖Λ‖; with η‖Λ‖ ≤ 1/3 the
    well-chosen constant is c' ≤ 1/6; and q(s) ≤ ηcω‖e‖²(1 + ηcω) ≤ 2cηω‖e‖² needs
    ηcω ≤ 1, granted by ηω ≤ 2/3, c ≤ 1."""
    t = sp.Symbol("t", positive=True)
    dv = Derivation("Thm C.1 proof (P3)", "η‖Λ‖ = t ∈ (0, 1/3]", symbols=())
    need = dv.step("largest c' at eta||Lambda|| = t", sp.Rational(1, 2) - t)
    dv.conclude(sp.Matrix([_excess(sp.Rational(1, 6) - need.subs(t, sp.Rational(1, 3))),
                           _excess(sp.Rational(2, 3) * C_STAR - 1)]))
    return dv


# =======================================================================================
# a^II bound (C.6)/(C.7), (E.1), (C.9)/(C.10), Lemmas C.2/C.3


def aII_summand(signed: bool = True, factor: sp.Expr = HALF) -> Derivation:
    """(C.6), per summand: c g₁(1/N₁ − 1/N₀)σ(vᵀx) = −c g₁η²H σ(vᵀx)/(N₁N₀(N₀ + N₁))
    ≤ −c g₁η²H/(2N₀N₁) σ(vᵀx/N₀) as printed (``signed``), or in absolute value (corrected),
    with N₁ = N₀(1 + u), u > 0 (the norm grows, (2.3)), H = ‖∇_{v_k}L‖², σ(vᵀx) = N₀ t."""
    N0, u, g1, eta, t = _pos("N_0 u g_1 eta t")
    N1 = N0 * (1 + u)
    H = (N1**2 - N0**2) / eta**2
    dv = Derivation(f"(C.6) summand ({'signed' if signed else 'absolute'}, factor {factor})",
                    "any c ∈ {±1}, g_k(s+1) > 0, ‖v(s+1)‖ > ‖v(s)‖", symbols=(u, t, N0, g1, eta))
    res = []
    for cv in (1, -1):
        lhs = dv.step(f"summand (c = {cv})", sp.simplify(cv * g1 * (1 / N1 - 1 / N0) * N0 * t))
        rhs = dv.step(f"printed bound (c = {cv})", -cv * g1 * eta**2 * H * factor / (N0 * N1) * t)
        res.append(_excess(lhs - rhs) if signed else _excess(sp.Abs(lhs) - sp.Abs(rhs)))
    dv.conclude(sp.Matrix(res))
    return dv


def scale_bound() -> Derivation:
    """g(s)/‖v(s)‖ ≤ (g(0) + R_g)/‖v(0)‖ ≤ (1 + R_g c)/α, from |g(s) − g(0)| ≤ R_g,
    ‖v(s)‖ ≥ ‖v(0)‖ (2.3), g(0) = ‖v(0)‖/α (2.4), 1/‖v(0)‖ ≤ c/α (B.10): ‖v(0)‖ = (α/c)(1+w)."""
    alpha, c, Rg, w = _pos("alpha c R_g w")
    dv = Derivation("scale bound (1 + R_g c)/alpha", "general", symbols=(alpha, c, Rg, w))
    N0 = alpha / c * (1 + w)
    mid = dv.step("(g(0) + R_g)/||v(0)||", (N0 / alpha + Rg) / N0)
    dv.conclude(_excess(sp.simplify(mid - (1 + Rg * c) / alpha)))
    return dv


def cauchy_schwarz(n: int) -> Derivation:
    """Σ_i |r_i| ≤ √n ‖r‖ via Lagrange's identity n Σ r_i² − (Σ r_i)² = Σ_{i<j}(r_i − r_j)²."""
    r = vector("r", n)
    dv = Derivation(f"Cauchy-Schwarz, n = {n}", f"n = {n}", symbols=tuple(r))
    lag = sum(((r[i] - r[j]) ** 2 for i in range(n) for j in range(i + 1, n)), sp.Integer(0))
    dv.conclude(sp.expand(n * norm2(r) - sum(r) ** 2 - lag))
    return dv


def chain_product(name: str, factors: list[sp.Expr], printed: sp.Expr,
                  symbols: tuple[sp.Symbol, ...] = ()) -> Derivation:
    """The product of the bounds of a printed chain against its printed conclusion. All
    quantities are positive, so the conclusion follows iff product/printed ≤ 1; the residual
    is Max(0, product/printed − 1), and a witness is searched over the symbols the ratio
    keeps (positive values only)."""
    prod = sp.simplify(sp.Mul(*factors))
    ratio = sp.simplify(prod / printed)
    keep = tuple(sorted(ratio.free_symbols, key=str))
    dv = Derivation(name, "general (positive quantities)", symbols=keep,
                    admissible=lambda pt: all(v > 0 for v in pt.values()))
    dv.step("product of the chain's bounds", prod)
    dv.step("printed conclusion", printed)
    dv.step("product / printed", ratio)
    dv.conclude(_excess(ratio - 1))
    return dv


SYM = dict(zip(("eta", "n", "m", "alpha", "c", "R_g", "E", "omega"),
               _pos("eta n m alpha c R_g E omega"), strict=True))


def aII_chain(alpha_power: int = 4, factor: sp.Expr = HALF) -> Derivation:
    """(C.7): m^{-1/2} Σ_k g(s+1)η²‖∇L‖²/(2‖v(s)‖‖v(s+1)‖) ≤ η²n(1 + R_g c)³c‖e‖²/(2α⁴√m),
    from σ ≤ 1 (‖x_i‖ ≤ 1), g(s+1)/‖v(s+1)‖ ≤ (1+R_g c)/α, 1/‖v(s)‖ ≤ c/α and (E.1)."""
    eta, n, m, alpha, c, Rg, E = (SYM[k] for k in ("eta", "n", "m", "alpha", "c", "R_g", "E"))
    factors = [1 / sp.sqrt(m), m, eta**2 * factor, (1 + Rg * c) / alpha, c / alpha,
               ((1 + Rg * c) * sp.sqrt(n) * E / (alpha * sp.sqrt(m))) ** 2]
    printed = eta**2 * n * (1 + Rg * c) ** 3 * c * E**2 * factor / (alpha**alpha_power
                                                                    * sp.sqrt(m))
    return chain_product(f"(C.7) chain, alpha^{alpha_power}", factors, printed,
                         (eta, n, m, alpha, c, Rg, E))


def e1_chain(n_power: sp.Expr = HALF, m_power: sp.Expr = HALF) -> Derivation:
    """(E.1): ‖∇_{v_k}L‖ = m^{-1/2}(g/‖v‖)‖Σ r_i 𝟙_ik x_i^{v⊥}‖ ≤ m^{-1/2}(1 + R_g c)/α ·
    Σ|r_i| ≤ (1 + R_g c)√n‖e‖/(α√m) (‖x^{v⊥}‖ ≤ ‖x‖ ≤ 1, Cauchy–Schwarz)."""
    n, m, alpha, c, Rg, E = (SYM[k] for k in ("n", "m", "alpha", "c", "R_g", "E"))
    factors = [1 / sp.sqrt(m), (1 + Rg * c) / alpha, sp.sqrt(n) * E]
    printed = (1 + Rg * c) * n**n_power * E / (alpha * m**m_power)
    return chain_product("(E.1) chain", factors, printed, (n, m, alpha, c, Rg, E))


def c9_chain(m_power: int = 1) -> Derivation:
    """(C.9): |Ṽ^⊥_ij| ≤ m⁻¹ Σ_{k∈S_i} |αg(s)/‖v(s)‖||αg(s+1)/‖v(s+1)‖||⟨x_i^⊥, x_j^⊥⟩|
    ≤ (1 + R_g c)²|S_i|/m (scale bound twice, |⟨x_i^⊥, x_j^⊥⟩| ≤ 1)."""
    m, c, Rg = SYM["m"], SYM["c"], SYM["R_g"]
    S = sp.Symbol("S_i", positive=True)
    factors = [1 / m, S, (1 + Rg * c) ** 2]
    return chain_product("(C.9) chain", factors, (1 + Rg * c) ** 2 * S / m**m_power, (m, c,
                                                                                       Rg, S))


def c10_chain(alpha_power: int = 2) -> Derivation:
    """(C.10): |b^II_i| ≤ m^{-1/2} Σ_{k∈S_i} (g(s+1)/‖v(s+1)‖)|σ(v(s+1)ᵀx_i) − σ(v(s)ᵀx_i)|
    ≤ m^{-1/2}|S_i|(1 + R_g c)/α · η‖∇L‖ (σ 1-Lipschitz, ‖x_i‖ ≤ 1) and (E.1)."""
    eta, n, m, alpha, c, Rg, E = (SYM[k] for k in ("eta", "n", "m", "alpha", "c", "R_g", "E"))
    S = sp.Symbol("S_i", positive=True)
    factors = [1 / sp.sqrt(m), S, (1 + Rg * c) / alpha, eta,
               (1 + Rg * c) * sp.sqrt(n) * E / (alpha * sp.sqrt(m))]
    printed = eta * S * sp.sqrt(n) * (1 + Rg * c) ** 2 * E / (alpha**alpha_power * m)
    return chain_product(f"(C.10) chain, alpha^{alpha_power}", factors, printed,
                         (eta, n, m, alpha, c, Rg, E, S))


def lipschitz_relu() -> Derivation:
    """|σ(a) − σ(b)| ≤ |a − b| on all sign regions (a = ±p, b = ±q, p, q > 0)."""
    p, q = _pos("p q")
    dv = Derivation("ReLU is 1-Lipschitz", "all sign regions", symbols=(p, q))
    res = []
    for sa, sb in itertools.product((1, -1), repeat=2):
        a, b = sa * p, sb * q
        res.append(_excess(sp.Abs(relu(a) - relu(b)) - sp.Abs(a - b)))
    dv.conclude(sp.Matrix(res))
    return dv


def series_bound() -> Derivation:
    """1 − √(1 − y) ≥ y/2 on (0, 1] (so Σ_s (1 − ηω/2)^{s/2} ≤ 1/(1 − √(1−ηω/2)) ≤ 4/(ηω)):
    √(1 − y) ≤ 1 − y/2 since (1 − y/2)² − (1 − y) = y²/4 ≥ 0 and 1 − y/2 > 0."""
    y = sp.Symbol("y", positive=True)
    dv = Derivation("geometric series bound 4/(eta omega)", "y = ηω/2 ∈ (0, 1]", symbols=(y,))
    gap = dv.step("(1 - y/2)^2 - (1 - y)", sp.expand((1 - y / 2) ** 2 - (1 - y)))
    dv.conclude(sp.Matrix([gap - y**2 / 4, _excess(-gap)]))
    return dv


def trajectory_chain(which: str, const: int, m_power: sp.Expr = HALF) -> Derivation:
    """Lemma C.2 (``which = "g"``): |g(K+1) − g(0)| ≤ η Σ_s |∂L/∂g| ≤ η m^{-1/2}√n E Σ_s
    (1 − ηω/2)^{s/2} ≤ 4√nE/(√m ω) (σ(u_kᵀx) ≤ ‖x‖ ≤ 1, Cauchy–Schwarz, series bound).
    Lemma C.3 (``"v"``): the same with (E.1) and 1 + R_g c ≤ 2: 8√nE/(α√m ω). Printed
    constants 4 and 8; perturbations change ``const`` or the power of m."""
    eta, n, m, alpha, E, omega = (SYM[k] for k in ("eta", "n", "m", "alpha", "E", "omega"))
    per_step = sp.sqrt(n) * E / sp.sqrt(m) * (1 if which == "g" else 2 / alpha)
    printed = const * sp.sqrt(n) * E / (m**m_power * omega) / (1 if which == "g" else alpha)
    return chain_product(f"Lemma C.{2 if which == 'g' else 3} chain", [eta, per_step,
                         4 / (eta * omega)], printed, (eta, n, m, alpha, E, omega))


def sandwich() -> Derivation:
    """(C.8): min{a², b²} ≤ ab ≤ max{a², b²} for a = c g(s)/‖v(s)‖, b = c g(s+1)/‖v(s+1)‖
    of equal sign (g > 0, c² = 1); with a ≤ b write a = b/(1+u), u ≥ 0. Hence
    |α²ab − 1| ≤ max(|α²a² − 1|, |α²b² − 1|) (an interval's |·| peaks at an end): Ṽ(s) meets
    the hypothesis of Lemma B.4."""
    b, u = _pos("b u")
    dv = Derivation("(C.8) sandwich", "a, b > 0 (both orders by symmetry)", symbols=(b, u))
    a = b / (1 + u)
    lo = dv.step("ab - a^2", sp.simplify(a * b - a**2))
    hi = dv.step("b^2 - ab", sp.simplify(b**2 - a * b))
    dv.conclude(sp.Matrix([_excess(-lo), _excess(-hi)]))
    return dv


# =======================================================================================
# Proofs of Theorems 4.1 and 4.2: constants and width conditions


def level_chain(regime: str, level: sp.Expr) -> Derivation:
    """λ_min(Ṽ(s)) (4.1) or λ_min(G(s)) (4.2) ≥ level·(λ0 or μ0), from the lemmas at the
    finite-step radii. 4.1, (C.11): B.1 gives λ0/4; B.3 (f) gives 12nR_v c/α = λ0/16; B.4's
    scale part 3nR_g c + 3nR_v c/α = λ0/32 + λ0/64: level 1 − 23/64 = 41/64 ≥ 5/8.
    4.2: B.2 gives μ0/4; B.5 gives 2nR̃_v c/(α√(2π)) = μ0/32: level 23/32 ≥ 5/8."""
    n, c, alpha, lam = (*_pos("n c alpha"), sp.Symbol("lambda_0", positive=True))
    dv = Derivation(f"level of the proof of Thm 4.{1 if regime == 'V' else 2}",
                    "general n, c, α (explicit constants of App. B/C)", symbols=())
    if regime == "V":
        Rv, Rg = alpha * lam / (192 * n * c), lam / (96 * n * c)
        dev = dv.step("B.1 + B.3(f) + B.4 at (C.11)", lam / 4 + 12 * n * Rv * c / alpha
                      + 3 * n * Rg * c + 3 * n * Rv * c / alpha)
    else:
        Rv = sp.sqrt(2 * sp.pi) * alpha * lam / (64 * n * c)
        dev = dv.step("B.2 + B.5 at R~_v", lam / 4 + 2 * n * Rv * c / (alpha * sp.sqrt(2 * sp.pi)))
    got = dv.step("delivered level / lambda", sp.simplify(1 - dev / lam))
    final = dv.step("Lambda level: level - ||V~perp||/lambda (1/8)", level - sp.Rational(1, 8))
    dv.conclude(sp.Matrix([_excess(level - got), final - sp.Rational(1, 2)]))
    return dv


def vperp_chain(regime: str, rg: str = "printed") -> Derivation:
    """|Ṽ^⊥_ij| ≤ (1 + R_g c)²|S_i|/m (C.9) with Lemma C.1, |S_i| ≤ √2 mR/(√π α) +
    16L/3 at R = R_v (4.1) or R̃_v (4.2), tends to (m → ∞) a limit ≤ λ/(8n); Frobenius
    gives ‖Ṽ^⊥‖₂ ≤ n·max|Ṽ^⊥_ij| ≤ λ/8. The log term sets m ≥ m_min ∝ nL/λ. For 4.2,
    ``rg = "one_over_c"`` uses R_g = 1/c (then the limit is 1/c ≤ 1, margin 1 − 1/c)."""
    n, c, alpha, lam, L, m = (*_pos("n c alpha"), sp.Symbol("lambda", positive=True),
                              *_pos("L m"))
    if regime == "V":
        R, Rg = alpha * lam / (192 * n * c), lam / (96 * n * c)
    else:
        R = sp.sqrt(2 * sp.pi) * alpha * lam / (64 * n * c)
        Rg = lam / (48 * n * c) if rg == "printed" else 1 / c
    dv = Derivation(f"V~perp entries in the proof of Thm 4.{1 if regime == 'V' else 2}",
                    "λ ≤ 1/2, n ≥ 1, c ≥ 1 (worst case at λ = 1/2, n = c = 1)", symbols=())
    entry = dv.step("(1 + R_g c)^2 (sqrt2 R/(sqrt(pi) alpha) + 16 L/(3 m))",
                    (1 + Rg * c) ** 2 * (sp.sqrt(2) * R / (sp.sqrt(sp.pi) * alpha)
                                         + 16 * L / (3 * m)))
    lim = dv.step("m -> oo, times 8n/lambda", sp.simplify(sp.limit(entry, m, sp.oo) * 8 * n / lam))
    worst = dv.step("worst case lambda = 1/2, n = c = 1", lim.subs({lam: sp.Rational(1, 2), n: 1,
                                                                    c: 1}))
    dv.step("lim is increasing in lambda, decreasing in n and c: worst at lambda = 1/2, "
            "n = c = 1", sp.Matrix([sp.diff(lim, lam), sp.diff(lim, n), sp.diff(lim, c)]))
    k = (1 + Rg * c) ** 2
    room = lam / (8 * n) - k * sp.sqrt(2) * R / (sp.sqrt(sp.pi) * alpha)
    dv.step("m_min: the width at which entry = lambda/(8n)", 16 * L * k / (3 * room))
    dv.conclude(_excess(worst - 1))
    return dv


def width_conditions(regime: str, rg: str = "printed", v_reading: str = "C3") -> Derivation:
    """Width conditions of the proofs of Thms 4.1/4.2 from the trajectory radii.

    4.1: Lemmas C.3/C.2 at ω = λ0/α² against R_v, R_g of (C.11):
      m ≥ (1536 c)² n³E²/λ0⁴ (α-free) and m ≥ (384 c)² n³E²α⁴/λ0⁴ (≤ the first for α ≤ 2).
    4.2: against R̃_v and R_g: v-link m ≥ K n³E²/(α⁴μ0⁴) with Lemma C.3's bound
      (``v_reading`` "C3"), or with the printed middle term 16α√nE/(α√m μ0) (``"printed"``);
      g-link with the printed R_g = μ0/(48nc) (``rg = "printed"``) or with R_g = 1/c
      (``"one_over_c"``, as in the flow proof of Thm B.2).
    The residual asks the width each link needs, divided by the printed width (4.1:
    n⁴L/λ0⁴; 4.2: max{n⁴L/(α⁴μ0⁴), n²L/μ0²}), to be free of α, n, λ (bounded by a constant)
    with E² = C²nL (B.9).
    """
    n, c, alpha, lam, L, C = (*_pos("n c alpha"), sp.Symbol("lambda", positive=True),
                              *_pos("L C"))
    E = C * sp.sqrt(n * L)
    m = sp.Symbol("m", positive=True)
    dv = Derivation(f"width conditions, Thm 4.{1 if regime == 'V' else 2} (R_g {rg}, v-bound "
                    f"{v_reading})", "general", symbols=(n, c, alpha, lam, L, C))
    res = []
    if regime == "V":
        omega = lam / alpha**2
        Rv, Rg = alpha * lam / (192 * n * c), lam / (96 * n * c)
        links = {"v": 8 * sp.sqrt(n) * E / (alpha * sp.sqrt(m) * omega) - Rv,
                 "g": 4 * sp.sqrt(n) * E / (sp.sqrt(m) * omega) - Rg}
        printed = n**4 * L / lam**4
        for name, link in links.items():
            need = dv.step(f"{name}-link: width needed", sp.solve(link, m)[0])
            ratio = dv.step(f"{name}-link: needed / (n^4 L/lambda^4)", sp.simplify(need
                                                                                  / printed))
            if name == "v":
                res.extend(sp.diff(ratio, q) for q in (alpha, n, lam, L))
            else:
                dv.step("g-link / v-link (<= 1 iff alpha <= 2)", sp.simplify(
                    ratio / sp.simplify(sp.solve(links["v"], m)[0] / printed)))
        dv.conclude(sp.Matrix(res))
        return dv
    omega = lam
    Rv = sp.sqrt(2 * sp.pi) * alpha * lam / (64 * n * c)
    Rg = lam / (48 * n * c) if rg == "printed" else 1 / c
    vmid = (16 * alpha * sp.sqrt(n) * E / (alpha * sp.sqrt(m) * lam) if v_reading == "printed"
            else 8 * sp.sqrt(n) * E / (alpha * sp.sqrt(m) * omega))
    gmid = (8 if rg == "printed" else 4) * sp.sqrt(n) * E / (sp.sqrt(m) * omega)
    need_v = dv.step("v-link: width needed", sp.solve(vmid - Rv, m)[0])
    need_g = dv.step("g-link: width needed", sp.solve(gmid - Rg, m)[0])
    rv = dv.step("v-link needed / (n^4 L/(alpha^4 mu0^4))", sp.simplify(
        need_v / (n**4 * L / (alpha**4 * lam**4))))
    rg_ratio = dv.step("g-link needed / (n^2 L/mu0^2)", sp.simplify(need_g / (n**2 * L
                                                                              / lam**2)))
    for q in (alpha, n, lam, L):
        res.extend([sp.diff(rv, q), sp.diff(rg_ratio, q)])
    dv.conclude(sp.Matrix(res))
    return dv


def residual_constants(regime: str) -> Derivation:
    """(C.12)–(C.15): Property 1's constant c_P = c_a + c_b from (C.7), (C.10), Lemma C.1
    and B.9 at the proof's radii, with η = κα²/‖V∞‖ (4.1) or η ≤ 1/(3‖Λ‖), ‖Λ‖ ≥ μ0/2 (4.2).
    The residual asks c_b's m → ∞ limit to be α-free and < c* (Thm C.1's sharp constant),
    and c_a → 0 as m → ∞ (with c_a α-free for 4.1)."""
    n, c, alpha, lam, L, C, m, kappa, Vn = (*_pos("n c alpha"), sp.Symbol("lambda",
                                            positive=True), *_pos("L C m kappa V_inf"))
    E = C * sp.sqrt(n * L)
    dv = Derivation(f"Property 1 constants, Thm 4.{1 if regime == 'V' else 2}", "general",
                    symbols=())
    if regime == "V":
        Rv, Rg, omega = alpha * lam / (192 * n * c), lam / (96 * n * c), lam / alpha**2
        eta = kappa * alpha**2 / Vn
    else:
        Rv, Rg, omega = (sp.sqrt(2 * sp.pi) * alpha * lam / (64 * n * c), lam / (48 * n * c),
                         lam)
        eta = 2 / (3 * lam)
    S_over_m = sp.sqrt(2) * Rv / (sp.sqrt(sp.pi) * alpha) + 16 * L / (3 * m)
    cb = dv.step("c_b = ||b^II||/(eta omega ||e||)", sp.simplify(
        n * (1 + Rg * c) ** 2 * S_over_m / (alpha**2 * omega)))
    ca = dv.step("c_a = ||a^II||/(eta omega ||e||)", sp.simplify(
        sp.sqrt(n) * eta * n * (1 + Rg * c) ** 3 * c * E / (2 * alpha**4 * sp.sqrt(m) * omega)))
    cb_inf = dv.step("c_b as m -> oo", sp.simplify(sp.limit(cb, m, sp.oo)))
    worst = dv.step("c_b limit at lambda = 1/2, n = c = 1, alpha = 1",
                    cb_inf.subs({lam: sp.Rational(1, 2), n: 1, c: 1, alpha: 1}))
    res = [_excess(worst - C_STAR), sp.limit(ca, m, sp.oo)]
    if regime == "V":
        res.extend([sp.diff(cb_inf, alpha), sp.diff(ca, alpha)])
    else:
        dv.step("d c_b(oo)/d alpha (decreasing: alpha >= 1 worst at 1)", sp.diff(cb_inf, alpha))
    dv.conclude(sp.Matrix(res))
    return dv


# =======================================================================================
# Remarks after Theorems 4.1 and 4.2


def remark41_alpha_free(eta_alpha_power: int = 2) -> Derivation:
    """Remarks after Thm 4.1: with η = κα^p/‖V∞‖ (printed p = 2) the contraction
    ηλ0/(2α²) per step and the effective step η' = η/α² are α-free (iv), (v); the flow rate
    λ0/α² → ∞ as α → 0 while the GD factor (1 − ηλ)² ≥ 4/9 for η‖Λ‖ ≤ 1/3 (vi)."""
    alpha, kappa, lam, Vn = _pos("alpha kappa lambda_0 V_inf")
    dv = Derivation(f"remarks (iv)-(vi) after Thm 4.1, eta ~ alpha^{eta_alpha_power}",
                    "general", symbols=(alpha, kappa, lam, Vn))
    eta = kappa * alpha**eta_alpha_power / Vn
    rate = dv.step("contraction eta lambda0/(2 alpha^2)", sp.simplify(eta * lam / (2 * alpha**2)))
    eff = dv.step("effective step eta/alpha^2", sp.simplify(eta / alpha**2))
    dv.step("flow rate lambda0/alpha^2 as alpha -> 0", sp.limit(lam / alpha**2, alpha, 0))
    dv.step("GD factor (1 - t)^2 at t = eta||Lambda|| = 1/3", (1 - sp.Rational(1, 3)) ** 2)
    dv.conclude(sp.Matrix([sp.diff(rate, alpha), sp.diff(eff, alpha)]))
    return dv


def remark42_alpha(exponent: sp.Expr = HALF) -> Derivation:
    """Remark after Thm 4.2: at α = (n/μ0)^exponent (printed 1/2) the first term
    n⁴L/(α⁴μ0⁴) of max{·,·} equals the second n²L/μ0², and for α ≥ √(n/μ0) the max is the
    second term, its infimum over α ≥ 1 ("optimal"); the rate μ0 is α-free, m is not."""
    n, mu, L, alpha = _pos("n mu_0 L alpha")
    dv = Derivation(f"remark after Thm 4.2, alpha = (n/mu0)^{exponent}", "general",
                    symbols=(n, mu, L))
    first = n**4 * L / (alpha**4 * mu**4)
    second = n**2 * L / mu**2
    at = dv.step("first term at alpha = (n/mu0)^exponent", sp.simplify(
        first.subs(alpha, (n / mu) ** exponent)))
    beyond = dv.step("first/second at alpha = sqrt(n/mu0)(1+w)", sp.simplify(
        (first / second).subs(alpha, sp.sqrt(n / mu) * (1 + sp.Symbol("w", positive=True)))))
    dv.step("d(first)/d alpha < 0 (decreasing)", sp.diff(first, alpha))
    dv.conclude(sp.Matrix([sp.simplify(at - second), _excess(beyond - 1)]))
    return dv
