"""Derivations for the gradient-flow theory of Dukler et al. (ICML (4.1); ICLR App. B).

Each builder returns a :class:`~derivations.core.Derivation` whose residual is zero iff the
encoded statement (printed, corrected or perturbed, through the builder's parameters)
follows. Inequalities are reduced to scalar statements: a bound ``claimed`` follows from a
derivation that delivers ``derived`` iff ``Max(0, derived − claimed)`` is 0, which SymPy
decides for positive symbols; a nonzero residual is handed to the witness search, which
evaluates it at small admissible rationals to 50 digits.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.core import Derivation, norm2, vector

HALF = sp.Rational(1, 2)
R48, R96 = sp.Rational(1, 48), sp.Rational(1, 96)
SQRT_2PI = sp.sqrt(2 * sp.pi)


def _pos(*names: str) -> tuple[sp.Symbol, ...]:
    return sp.symbols(names, positive=True)


def _all_positive(point: dict) -> bool:
    return all(sp.sympify(v) > 0 for v in point.values())


def _gap(derived: Any, claimed: Any) -> Any:
    """Max(0, derived − claimed): zero iff the claimed upper bound is implied.

    The difference is brought to one fraction with expanded numerator and denominator, so
    that the sign of a polynomial in positive (or nonnegative) symbols is decided."""
    diff = sp.factor(sp.simplify(derived - claimed))
    num, den = sp.fraction(sp.together(diff))
    num, den = sp.expand(num), sp.expand(den)
    if (num.is_nonpositive and den.is_positive) or (num.is_nonnegative and den.is_negative):
        return sp.Integer(0)
    return sp.Max(0, diff)


# --------------------------------------------------------------------------------------
# (4.1) / Lemma B.6: Grönwall
# --------------------------------------------------------------------------------------


def gronwall(h: Any = HALF, k: Any = 1) -> Derivation:
    """(4.1) ⇒ ‖f(t) − y‖² ≤ exp(−kωt)‖f(0) − y‖² under λ_min(Λ(t)) ≥ hω (printed h = ½,
    k = 1); general n for the scalar chain, the quadratic-form identities in n = 2.

    Steps: d/dt‖r‖² = −2rᵀΛr on the solution r(t) = e^{−Λt}r₀ of (3.5) (Λ = Q diag(l₁, l₂)Qᵀ,
    Q a rotation by φ); rᵀΛr − l₂‖r‖² = (l₁ − l₂)(q₁ᵀr)² ≥ 0 (Rayleigh, l₁ ≥ l₂ = λ_min);
    the printed step −2λ_min‖r‖² ≤ −ω‖r‖² at λ_min = hω; the integrating factor
    d/dt(u e^{kωt}) = e^{kωt}(u' + kωu) ≤ e^{kωt}(k − 2h)ωu; the extremal solution
    u = u₀e^{−2hωt} (Λ = hωI) against the claimed bound.
    """
    h, k = sp.nsimplify(h), sp.nsimplify(k)
    t, w, u0, l1, l2 = _pos("t", "omega", "u0", "l1", "l2")
    ca, sa, E1, E2 = sp.symbols("cos_phi sin_phi E1 E2", real=True)
    dv = Derivation("(4.1)/Lemma B.6: Grönwall bound on ‖f(t) − y‖²",
                    "general n (scalar chain); quadratic-form identities in n = 2 "
                    "(Q a rotation, reduced modulo cos^2 + sin^2 = 1)",
                    symbols=(w, u0, t), admissible=_all_positive)
    Q = sp.Matrix([[ca, -sa], [sa, ca]])
    r0 = vector("r0", 2)
    Lam = dv.step("Lambda", Q * sp.diag(l1, l2) * Q.T, "symmetric, eigenvalues l1 >= l2")
    r = dv.step("r(t)", Q * sp.diag(sp.exp(-l1 * t), sp.exp(-l2 * t)) * Q.T * r0,
                "solution of dr/dt = -Lambda r (3.5)")
    expo = {sp.exp(-l1 * t): E1, sp.exp(-l2 * t): E2}

    def on_circle(e: Any) -> Any:
        return sp.rem(sp.expand(sp.expand(e).subs(expo)), ca**2 + sa**2 - 1, ca)

    chain = on_circle(sp.diff(norm2(r), t) + 2 * (r.T * Lam * r)[0, 0])
    dv.step("d/dt|r|^2 + 2 r^T Lambda r", chain, "printed first equality")
    rho = on_circle((r0.T * Lam * r0)[0, 0] - l2 * norm2(r0)
                    - (l1 - l2) * ((Q[:, 0].T * r0)[0, 0]) ** 2)
    dv.step("r^T Lambda r - l2|r|^2 - (l1-l2)(q1^T r)^2", rho, "Rayleigh: >= 0 when l1 >= l2")
    step3 = dv.step("printed inequality at lambda_min = h omega",
                    sp.Max(0, (1 - 2 * h) * w * u0), "-2 lambda_min u <= -omega u")
    u = sp.Function("u")
    ifac = sp.simplify(sp.diff(u(t) * sp.exp(k * w * t), t)
                       - sp.exp(k * w * t) * (sp.diff(u(t), t) + k * w * u(t)))
    dv.step("d/dt(u e^{k w t}) - e^{k w t}(u' + k w u)", ifac, "integrating factor")
    sign = dv.step("sign of (k - 2h) omega u", sp.Max(0, (k - 2 * h) * w * u0),
                   "u e^{k w t} is non-increasing iff k <= 2h")
    sol = sp.dsolve(sp.Eq(sp.diff(u(t), t), -2 * h * w * u(t)), u(t), ics={u(0): u0}).rhs
    dv.step("extremal solution (Lambda = h omega I)", sol)
    ext = dv.step("claimed bound minus extremal solution",
                  sp.Min(0, sp.simplify(u0 * sp.exp(-k * w * t) - sol)),
                  "the claimed bound must dominate the extremal solution")
    dv.conclude([chain, rho, ifac, step3, sign, ext])
    return dv


# --------------------------------------------------------------------------------------
# Lemmas B.7 and B.8: trajectory bounds
# --------------------------------------------------------------------------------------


def cauchy_schwarz_l1(n: int) -> Derivation:
    """Σ|r_i| ≤ √n‖r‖: n‖a‖² − (Σa_i)² = ½Σ_{ij}(a_i − a_j)² (a_i = |r_i|)."""
    a = vector("a", n)
    dv = Derivation(f"sum |r_i| <= sqrt(n)|r|, n = {n}", f"n = {n}, general entries")
    lhs = n * norm2(a) - sum(a) ** 2
    rhs = sp.Rational(1, 2) * sum((a[i] - a[j]) ** 2 for i in range(n) for j in range(n))
    dv.step("n|a|^2 - (sum a)^2 - sum of squares/2", sp.expand(lhs - rhs))
    dv.conclude(sp.expand(lhs - rhs))
    return dv


def lemma_b7(K: Any = 4, m_power: Any = HALF, gv_const: Any = 2) -> Derivation:
    """Lemma B.7 / (B.3): ‖v_k(t) − v_k(0)‖ ≤ K√n‖f(0) − y‖/(αω m^{m_power}).

    Chain of the printed proof: |c_k g_k(t)|/‖v_k(t)‖ ≤ (g_k(0) + R_g)/‖v_k(0)‖ (flow:
    ‖v_k(t)‖ = ‖v_k(0)‖; (2.4): g_k(0) = ‖v_k(0)‖/α) ≤ gv_const/α, using ‖v_k(0)‖ ≥ α/c
    (B.10) and R_g ≤ 1/c; ‖x_i^{v⊥}‖ ≤ 1; Σ|r_i| ≤ √n‖r‖; ‖r(t)‖ ≤ e^{−ωt/2}‖r(0)‖ (B.6);
    ∫₀^∞ e^{−ωs/2} ds = 2/ω. The derived bound must not exceed the claimed one.
    """
    K, p, gc = sp.nsimplify(K), sp.nsimplify(m_power), sp.nsimplify(gv_const)
    al, c, Rg, nv0, n, m, w, r0, s = _pos("alpha", "c", "R_g", "nv0", "n", "m", "omega",
                                          "r0", "s")
    dv = Derivation("Lemma B.7: v-trajectory bound R'_v", "general (positive symbols)",
                    symbols=(al, n, m, w, r0), admissible=_all_positive)
    ratio = dv.step("(g(0) + R_g)/|v(0)|", (nv0 / al + Rg) / nv0, "g(0) = |v(0)|/alpha")
    dv.step("d/d|v(0)|", sp.simplify(sp.diff(ratio, nv0)), "<= 0: worst at |v(0)| = alpha/c")
    dv.step("d/dR_g", sp.simplify(sp.diff(ratio, Rg)), "> 0: worst at R_g = 1/c")
    corner = dv.step("corner value", sp.simplify(ratio.subs({nv0: al / c, Rg: 1 / c})))
    r1 = dv.step("corner - gv_const/alpha", _gap(corner, gc / al), "printed: <= 2/alpha")
    integral = dv.step("int_0^oo exp(-omega s/2) ds", sp.integrate(sp.exp(-w * s / 2),
                                                                   (s, 0, sp.oo)))
    r2 = dv.step("integral - 2/omega", sp.simplify(integral - 2 / w))
    derived = dv.step("derived bound", sp.simplify(corner / sp.sqrt(m) * sp.sqrt(n) * integral
                                                   * r0))
    claimed = dv.step("claimed R'_v", K * sp.sqrt(n) * r0 / (al * w * m**p))
    gap = dv.step("Max(0, derived - claimed)", _gap(derived, claimed))
    dv.conclude([r1, r2, gap])
    return dv


def lemma_b8(K: Any = 4, m_power: Any = HALF, deriv_const: Any = 2) -> Derivation:
    """Lemma B.8: |g_k(t) − g_k(0)| ≤ K√n‖f(0) − y‖/(m^{m_power} ω).

    Printed chain: c_kσ(v_kᵀx_j)/‖v_k‖ = σ(u_kᵀx_j) ≤ ‖x_j‖ ≤ 1, so
    |dg_k/dt| ≤ m^{-1/2}Σ|r_j| ≤ √n‖r‖/√m, printed as ≤ deriv_const·√n‖r‖/√m; with B.6 and
    ∫₀^∞ e^{−ωs/2}ds = 2/ω the chain delivers deriv_const·2√n‖r₀‖/(√mω).
    """
    K, p, dc = sp.nsimplify(K), sp.nsimplify(m_power), sp.nsimplify(deriv_const)
    n, m, w, r0, s = _pos("n", "m", "omega", "r0", "s")
    dv = Derivation("Lemma B.8: g-trajectory bound R'_g", "general (positive symbols)",
                    symbols=(n, m, w, r0), admissible=_all_positive)
    r1 = dv.step("tight derivative constant 1 vs printed", _gap(1, dc),
                 "|dg/dt| <= sqrt(n)|r|/sqrt(m) <= deriv_const sqrt(n)|r|/sqrt(m)")
    integral = sp.integrate(sp.exp(-w * s / 2), (s, 0, sp.oo))
    dv.step("int_0^oo exp(-omega s/2) ds", integral)
    chain = dv.step("bound delivered by the printed chain",
                    dc * sp.sqrt(n) / sp.sqrt(m) * integral * r0)
    claimed = dv.step("claimed R'_g", K * sp.sqrt(n) * r0 / (m**p * w))
    gap = dv.step("Max(0, chain - claimed)", _gap(chain, claimed))
    dv.conclude([r1, gap])
    return dv


# --------------------------------------------------------------------------------------
# (B.2) / Lemma B.4
# --------------------------------------------------------------------------------------


def lemma_b4(K: Any = 3, rg_const: Any = R48, rv_const: Any = R96,
             rv_alpha_power: Any = 1) -> Derivation:
    """Lemma B.4 with the radii (B.2): R_g = rg_const·λ₀/(n c), R_v = rv_const·α^p λ₀/(n c),
    c = (m/δ)^{1/d}; printed K = 3 in |α²g_k²/‖v_k‖² − 1| ≤ K R_g c + K R_v c/α.

    Steps: a = αg(t)/‖v(t)‖ with g(t) = ‖v(0)‖/α + Δg satisfies
    a − 1 = αΔg/‖v(t)‖ + (‖v(0)‖ − ‖v(t)‖)/‖v(t)‖ (identity); with |Δg| ≤ R_g,
    ‖v(0)‖ ≤ ‖v(t)‖ ≤ ‖v(0)‖ + R_v and ‖v(0)‖ ≥ α/c: |a − 1| ≤ R_g c + R_v c/α and
    a + 1 ≤ 2 + R_g c, so |a² − 1| ≤ (2 + R_g c)(R_g c + R_v c/α) ≤ K(…) iff 2 + R_g c ≤ K
    (at the radii R_g c = rg_const·λ₀/n ≤ rg_const/2, since λ₀ ≤ ½ and n ≥ 1). Entries
    |⟨x_i^⊥, x_j^⊥⟩| ≤ 1 and ‖·‖₂ ≤ ‖·‖_F ≤ n·max entry give
    ‖V̂(t) − V(t)‖₂ ≤ nK(R_g c + R_v c/α), which must be ≤ λ₀/8; with Lemma B.3
    (‖V̂(t) − V(0)‖₂ ≤ λ₀/8) the conclusion is λ₀/4.
    """
    K = sp.nsimplify(K)
    c, al, dg, nv0, nvt, Rg_, Rv_ = _pos("c", "alpha", "Delta_g", "nv0", "nvt", "R_g", "R_v")
    a_, b_ = sp.symbols("a b", nonnegative=True)
    lam = 1 / (2 * (1 + a_))  # 0 < lambda0 <= 1/2 (dukler.Z.trace_and_bounds)
    n = 1 + b_  # n >= 1
    dv = Derivation("Lemma B.4 with the radii (B.2)", "general (positive symbols; "
                    "lambda0 = 1/(2(1+a)), n = 1 + b with a, b >= 0)",
                    symbols=(a_, b_, al), admissible=lambda p: sp.sympify(p[a_]) >= 0
                    and sp.sympify(p[b_]) >= 0 and sp.sympify(p[al]) > 0)
    Rg = dv.step("R_g (B.2)", sp.nsimplify(rg_const) * lam / (n * c))
    Rv = dv.step("R_v (B.2)", sp.nsimplify(rv_const) * al ** sp.nsimplify(rv_alpha_power)
                 * lam / (n * c))
    a = al * (nv0 / al + dg) / nvt
    ident = dv.step("a - 1 - [alpha Dg/|v(t)| + (|v(0)| - |v(t)|)/|v(t)|]",
                    sp.simplify(a - 1 - (al * dg / nvt + (nv0 - nvt) / nvt)))
    worst = dv.step("|a - 1| <= (alpha R_g + R_v)/|v(0)| at |v(0)| = alpha/c",
                    sp.expand(((al * Rg_ + Rv_) / nv0).subs(nv0, al / c)))
    r_w = dv.step("... - (R_g c + R_v c/alpha)", sp.simplify(worst - (Rg_ * c + Rv_ * c / al)))
    r_K = dv.step("Max(0, 2 + R_g c - K) at R_g c <= rg_const/2",
                  _gap(2 + sp.nsimplify(rg_const) * lam / n, K),
                  "|t^2 - 1| = |t - 1||t + 1| <= (2 + R_g c)|t - 1|")
    bound = dv.step("n K (R_g c + R_v c/alpha) at the radii",
                    sp.simplify(n * K * (Rg * c + Rv * c / al)))
    r_sub = dv.step("Max(0, bound - lambda0/8)", _gap(bound, lam / 8))
    r_tri = dv.step("lambda0/8 + lambda0/8 - lambda0/4", lam / 8 + lam / 8 - lam / 4,
                    "with Lemma B.3")
    dv.conclude([ident, r_w, r_K, r_sub, r_tri])
    return dv


# --------------------------------------------------------------------------------------
# Lemma B.5
# --------------------------------------------------------------------------------------


def unit_vector_inequality() -> Derivation:
    """For ‖b‖ ≥ ‖a‖: ‖a − b‖² − ‖a‖²‖â − b̂‖² = (B − A)((B − A) + 2A(1 − C)) ≥ 0, with
    A = ‖a‖, B = ‖b‖, C = cos∠(a, b) ≤ 1 (the step 'intuitive from a geometrical standpoint'
    of the proof of Lemma B.5)."""
    A, B = _pos("A", "B")
    C = sp.Symbol("C", real=True)
    dv = Derivation("Lemma B.5: |a| |a/|a| - b/|b|| <= |a - b| for |b| >= |a|",
                    "general (any dimension: the identity involves only |a|, |b|, cos)")
    lhs = A**2 + B**2 - 2 * A * B * C - A**2 * (2 - 2 * C)
    res = dv.step("difference - (B-A)((B-A) + 2A(1-C))",
                  sp.expand(lhs - (B - A) * ((B - A) + 2 * A * (1 - C))))
    dv.conclude(res)
    return dv


def product_difference() -> Derivation:
    """σ(a)σ(b) − σ(a')σ(b') = σ(a)(σ(b) − σ(b')) + σ(b')(σ(a) − σ(a')) (identity), whence
    the entry bound 2‖u − u'‖ for ‖x‖ ≤ 1 (σ 1-Lipschitz, |σ(uᵀx)| ≤ 1)."""
    s = sp.symbols("sa sb sa2 sb2", real=True)
    dv = Derivation("Lemma B.5: product difference", "general")
    res = sp.expand(s[0] * s[1] - s[2] * s[3] - (s[0] * (s[1] - s[3]) + s[3] * (s[0] - s[2])))
    dv.step("identity residual", res)
    dv.conclude(res)
    return dv


def lemma_b5(radius_const: Any = SQRT_2PI / 8, line_factor: Any = 1 / SQRT_2PI,
             radius_alpha_power: Any = 1) -> Derivation:
    """Lemma B.5: R̃_v = radius_const·α^p μ₀/(n c) (printed √(2π)/8, p = 1); the proof's
    entry bound |G_ij(t) − G_ij(0)| ≤ 2R̃_v c/α, the Frobenius step ‖·‖₂ ≤ ‖·‖_F ≤ n·max entry
    (delivering 2nR̃_v c/α), the printed final line line_factor·2nR̃_v c/α (printed
    1/√(2π)), and the conclusion μ₀/4."""
    mu, n, c, al = _pos("mu0", "n", "c", "alpha")
    dv = Derivation("Lemma B.5: G(t) stays within mu0/4 of G(0)", "general (positive symbols)",
                    symbols=(mu, n, c, al), admissible=_all_positive)
    R = dv.step("R~_v", sp.nsimplify(radius_const) * al ** sp.nsimplify(radius_alpha_power)
                * mu / (n * c))
    entry = dv.step("entry bound 2 R c/alpha", 2 * R * c / al)
    frob = dv.step("Frobenius: n x entry bound", sp.simplify(n * entry))
    line = dv.step("printed final line", sp.simplify(sp.nsimplify(line_factor) * n * entry))
    r_line = dv.step("Max(0, Frobenius - printed line)", _gap(frob, line),
                     "the final line must follow from the entry bound")
    r_conc = dv.step("Max(0, Frobenius - mu0/4)", _gap(frob, mu / 4),
                     "the conclusion must follow")
    dv.conclude([r_line, r_conc])
    return dv


# --------------------------------------------------------------------------------------
# (B.1): the surrogate V̂
# --------------------------------------------------------------------------------------


def surrogate_at_init(d: int, projection: str = "perp", scale_alpha_power: int = 0) -> Derivation:
    """(B.1) at t = 0: the summand of V̂ (scaling term α^p, printed p = 0 i.e. '1', with the
    variant's projection) equals the summand of V(0) in (3.3), whose scaling
    (αc_k g_k(0)/‖v_k(0)‖)² = c_k² = 1 under (2.4); symbolic entries in dimension d."""
    v, xi, xj = vector("v", d), vector("xi", d), vector("xj", d)
    al = sp.Symbol("alpha", positive=True)
    ck = sp.Symbol("c_k", real=True)
    dv = Derivation(f"(B.1): V^(0) = V(0), d = {d}", f"symbolic entries, d = {d}; c_k^2 = 1",
                    symbols=(al, *v, *xi, *xj),
                    admissible=lambda p: sp.sympify(p[al]) > 0
                    and any(sp.sympify(p[x]) != 0 for x in v))
    nv2 = norm2(v)
    nv = sp.sqrt(nv2)
    g0 = nv / al
    scale = dv.step("(alpha c_k g_k(0)/|v_k(0)|)^2 with c_k^2 = 1",
                    sp.simplify(((al * ck * g0 / nv) ** 2).subs(ck**2, 1)))
    P = v * v.T / nv2
    Id = sp.eye(d)

    def perp(x: sp.Matrix) -> sp.Matrix:
        return (Id - P) * x

    def along(x: sp.Matrix) -> sp.Matrix:
        return P * x

    proj = perp if projection == "perp" else along
    hat = al**scale_alpha_power * (proj(xi).T * proj(xj))[0, 0]
    v0 = scale * (perp(xi).T * perp(xj))[0, 0]
    res = sp.simplify(sp.cancel(sp.together(hat - v0)))
    dv.step("summand of V^(0) - summand of V(0) (same activation pattern)", res)
    dv.conclude(res)
    return dv


# --------------------------------------------------------------------------------------
# Theorems B.1 and B.2: width conditions, rates, proof links
# --------------------------------------------------------------------------------------


def theorem_b1_width(n_power: Any = 4, lam_power: Any = 4, rate_factor: Any = 1) -> Derivation:
    """Theorem B.1: m = Ω(n^a log(n/δ)/λ₀^b) (printed a = b = 4) and the rate
    exp(−rate_factor·λ₀t/α²) (printed 1).

    The proof's requirement: R'_v ≤ R_v and R'_g ≤ R_g (B.2) with B.7/B.8 at ω = λ₀/α²,
    ‖f(0) − y‖ ≤ C√(n log(n/δ)) (B.9) and c = (m/δ)^{1/d} (a constant by Assumption 2);
    solved for m. The printed order must match the derived one up to a factor free of n,
    λ₀ and α (for α ≤ 1); the rate must be the ω of Lemma B.6.
    """
    n, lam, al, C, c, L, m = _pos("n", "lambda0", "alpha", "C", "c", "L", "m")
    dv = Derivation("Theorem B.1: width condition and rate", "general (positive symbols; "
                    "L = log(n/delta))", symbols=(n, lam, al), admissible=_all_positive)
    w = lam / al**2
    e0 = C * sp.sqrt(n * L)
    Rv_p = 4 * sp.sqrt(n) * e0 / (al * w * sp.sqrt(m))
    Rg_p = 4 * sp.sqrt(n) * e0 / (sp.sqrt(m) * w)
    Rv = al * lam / (96 * n * c)
    Rg = lam / (48 * n * c)
    m1 = dv.step("m from R'_v = R_v", sp.solve(sp.Eq(Rv_p, Rv), m)[0])
    m2 = dv.step("m from R'_g = R_g", sp.solve(sp.Eq(Rg_p, Rg), m)[0])
    dv.step("m2/m1", sp.simplify(m2 / m1), "alpha^4/4 <= 1 for alpha <= 1: m1 dominates")
    printed = n ** sp.nsimplify(n_power) * L / lam ** sp.nsimplify(lam_power)
    ratio = dv.step("m1 / printed order", sp.simplify(m1 / printed))
    res = [dv.step(f"d log(ratio)/d {s}", sp.simplify(sp.diff(sp.log(ratio), s)))
           for s in (n, lam, al)]
    rate = dv.step("Max(0, claimed rate - omega)", _gap(sp.nsimplify(rate_factor) * lam / al**2,
                                                          w), "Lemma B.6 with omega = lam0/alpha^2")
    chain = dv.step("lambda0 - lambda0/4 - lambda0/4 - lambda0/2", sp.Integer(0),
                    "lambda_min(V(t)) >= lambda0 - |V(0) - Vinf| - |V(t) - V(0)| (B.1, B.4)")
    dv.conclude([*res, rate, chain])
    return dv


def theorem_b2_width(first_alpha_power: Any = 4, rate: str = "mu0") -> Derivation:
    """Theorem B.2: m = Ω(max{n⁴log(n/δ)/(α^a μ₀⁴), n²log(n/δ)/μ₀²}) (printed a = 4) and
    the rate exp(−μ₀t); with α = √(n/μ₀) the first term becomes n²log(n/δ)/μ₀².

    The proof's requirement: R'_v ≤ R̃_v (Lemma B.5) and R'_g ≤ 1/c (Lemma B.7's
    hypothesis), with B.7/B.8 at ω = μ₀, B.9 and c = (m/δ)^{1/d}.
    """
    n, mu, al, C, c, L, m, lam = _pos("n", "mu0", "alpha", "C", "c", "L", "m", "lambda0")
    dv = Derivation("Theorem B.2: width condition and rate", "general (positive symbols; "
                    "L = log(n/delta))", symbols=(n, mu, al, lam), admissible=_all_positive)
    w = mu
    e0 = C * sp.sqrt(n * L)
    Rv_p = 4 * sp.sqrt(n) * e0 / (al * w * sp.sqrt(m))
    Rg_p = 4 * sp.sqrt(n) * e0 / (sp.sqrt(m) * w)
    Rt = sp.sqrt(2 * sp.pi) * al * mu / (8 * n * c)
    m1 = dv.step("m from R'_v = R~_v", sp.solve(sp.Eq(Rv_p, Rt), m)[0])
    m2 = dv.step("m from R'_g = 1/c", sp.solve(sp.Eq(Rg_p, 1 / c), m)[0])
    t1 = n**4 * L / (al ** sp.nsimplify(first_alpha_power) * mu**4)
    t2 = n**2 * L / mu**2
    r1 = dv.step("m1 / first printed term", sp.simplify(m1 / t1))
    r2 = dv.step("m2 / second printed term", sp.simplify(m2 / t2))
    res = [sp.simplify(sp.diff(sp.log(r), s)) for r in (r1, r2) for s in (n, mu, al)]
    dv.step("d log(ratios)/d (n, mu0, alpha)", sp.Matrix(res))
    imp = dv.step("first term at alpha = sqrt(n/mu0) minus n^2 L/mu0^2",
                  sp.simplify((n**4 * L / (al**4 * mu**4)).subs(al, sp.sqrt(n / mu)) - t2))
    claimed = mu if rate == "mu0" else lam
    r_rate = dv.step("rate: claimed - omega (B.6 with omega = mu0)",
                     sp.simplify(claimed - w))
    dv.conclude([*res, imp, r_rate])
    return dv


def theorem_b1_links(v_const: Any = 1, g_const: Any = 1) -> Derivation:
    """Proof of Theorem B.1: the links ‖v_k(t) − v_k(0)‖ ≤^{B.7} v_const·α√n‖f(0)−y‖/(√mλ₀)
    and |g_k(t) − g_k(0)| ≤^{B.8} g_const·α²√n‖f(0)−y‖/(√mλ₀) (printed constants 1) against
    what Lemmas B.7/B.8 deliver at ω = λ₀/α²."""
    n, m, lam, al, e0 = _pos("n", "m", "lambda0", "alpha", "e0")
    dv = Derivation("Proof of Theorem B.1: links labelled B.7 and B.8",
                    "general (positive symbols)", symbols=(n, m, lam, al, e0),
                    admissible=_all_positive)
    w = lam / al**2
    b7 = dv.step("R'_v of B.7 at omega = lam0/alpha^2", sp.simplify(
        4 * sp.sqrt(n) * e0 / (al * w * sp.sqrt(m))))
    b8 = dv.step("R'_g of B.8 at omega = lam0/alpha^2", sp.simplify(
        4 * sp.sqrt(n) * e0 / (sp.sqrt(m) * w)))
    pv = dv.step("printed v-link", sp.nsimplify(v_const) * al * sp.sqrt(n) * e0
                 / (sp.sqrt(m) * lam))
    pg = dv.step("printed g-link", sp.nsimplify(g_const) * al**2 * sp.sqrt(n) * e0
                 / (sp.sqrt(m) * lam))
    dv.step("printed v-link / R'_v", sp.simplify(pv / b7))
    dv.step("printed g-link / R'_g", sp.simplify(pg / b8))
    dv.conclude([_gap(b7, pv), _gap(b8, pg)])
    return dv


def theorem_b2_links(chain_alpha_power: Any = 2, g_const: Any = 1, v_const: Any = 4) -> Derivation:
    """Proof of Theorem B.2: λ_min(G + V/α²) ≥ λ_min(G)/α^p ≥ μ₀/2 (printed p = 2), with
    λ_min(G(t)) ≥ μ₀/2 the most the lemmas (B.2, B.5) guarantee, for α > 1; and the links
    labelled B.7 (v_const·√n‖f(0)−y‖/(αμ₀√m), printed 4) and B.8
    (g_const·√n‖f(0)−y‖/(√mμ₀), printed 1) against Lemmas B.7/B.8 at ω = μ₀."""
    n, m, mu, e0, beta = _pos("n", "m", "mu0", "e0", "beta")
    al = 1 + beta  # alpha > 1
    dv = Derivation("Proof of Theorem B.2: eigenvalue chain and links",
                    "general (positive symbols), alpha = 1 + beta > 1",
                    symbols=(n, m, mu, e0, beta), admissible=_all_positive)
    lg = dv.step("guaranteed lambda_min(G(t))", mu / 2, "B.2 and B.5: mu0 - mu0/4 - mu0/4")
    p = sp.nsimplify(chain_alpha_power)
    first = dv.step("Max(0, lambda_min(G)/alpha^p - lambda_min(G))", _gap(lg / al**p, lg),
                    "first link: V/alpha^2 is PSD and alpha >= 1")
    second = dv.step("Max(0, mu0/2 - lambda_min(G)/alpha^p)", _gap(mu / 2, lg / al**p),
                     "second link")
    b7 = 4 * sp.sqrt(n) * e0 / (al * mu * sp.sqrt(m))
    b8 = 4 * sp.sqrt(n) * e0 / (sp.sqrt(m) * mu)
    pv = sp.nsimplify(v_const) * sp.sqrt(n) * e0 / (al * mu * sp.sqrt(m))
    pg = sp.nsimplify(g_const) * sp.sqrt(n) * e0 / (sp.sqrt(m) * mu)
    dv.step("printed v-link / R'_v", sp.simplify(pv / b7))
    dv.step("printed g-link / R'_g", sp.simplify(pg / b8))
    dv.conclude([first, second, _gap(b7, pv), _gap(b8, pg)])
    return dv
