"""WN as a natural-gradient-type re-parametrization (Dukler et al. ICML 2020, §4 "Connection
with natural gradient", l.271–292), and the exact spectra behind the existence of α*.

For one neuron w = g v/‖v‖ (2.1) the paper prints the Jacobian of the re-parametrization as
  S_k = [ g_k/‖v_k‖ (I − v_k v_kᵀ/‖v_k‖), v_k/‖v_k‖ ]       (ICML, as printed)
and states Λ = K Kᵀ with K = "J Sᵀ", Λ = J Sᵀ S Jᵀ, N(α) := S Sᵀ, Λ(α) = V/α² + G = J N(α) Jᵀ,
and "for α = 1 the term corresponds to training without normalization". Each builder takes
the variant's S_k as parameters:
  proj_power  p in (I − v vᵀ/‖v‖^p) (printed p = 1; the true Jacobian has p = 2),
  scale       the factor g/‖v‖ in front of the projection (printed: present),
  aligned     the column v/‖v‖ (printed: present),
so the printed statement, the corrected one and perturbations are decided by one derivation.

Shapes: as printed S_k = [A, b] is d×(d+1) (= ∂w_k/∂(v_k, g_k)); then the chain rule reads
∂f_i/∂(v_k, g_k) = J_ik S_k and the per-neuron factor of the NTK is S_k S_kᵀ (d×d). The
printed "K = J Sᵀ, Λ = J Sᵀ S Jᵀ" conforms only with S stored transposed, in which case
"N = S Sᵀ" would not; the derivation uses the conformable product J S Sᵀ Jᵀ = J N Jᵀ for
both displays (noted in the scope; it changes no entry).

A network output on a fixed activation region is f_i = m^{-1/2} Σ_k c_k a_ik g_k v_kᵀx_i/‖v_k‖
(a_ik ∈ {0, 1}, g_k > 0 as under (2.4)); every identity is a sum over k of per-neuron terms
with the common factor 1/m, so one neuron and two data points decide it.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from derivations.core import Derivation, norm2, norm_simplifier, vector

SCOPE_S = "symbolic entries, d = {d}; v ≠ 0, g > 0"
SCOPE_K = (
    "one neuron (the sums over k and the factor 1/m are common to both sides), two data "
    "points on a fixed activation region a_1, a_2 ∈ {{0, 1}} (a_i = 1{{vᵀx_i ≥ 0}}), c = ±1, "
    "g > 0, symbolic entries, d = {d}; products read J S Sᵀ Jᵀ (the conformable order)"
)


def s_matrix(v: sp.Matrix, g: sp.Expr, s: sp.Expr, proj_power: int = 2, scale: bool = True,
             aligned: bool = True) -> sp.Matrix:
    """The variant's S_k = [β(I − v vᵀ/s^p), u] (d×(d+1)), β = g/s (or 1), u = v/s (or 0)."""
    d = v.shape[0]
    beta = g / s if scale else sp.Integer(1)
    A = beta * (sp.eye(d) - v * v.T / s**proj_power)
    b = v / s if aligned else sp.zeros(d, 1)
    return A.row_join(b)


def _admissible(v: sp.Matrix, g: sp.Symbol, xs: list[sp.Matrix] | None = None,
                a: list[int] | None = None):
    def ok(pt: dict) -> bool:
        vals = [pt.get(e, 0) for e in v]
        if all(t == 0 for t in vals) or pt.get(g, 1) <= 0:
            return False
        for x, ai in zip(xs or [], a or [], strict=True):
            pre = sum(p * pt.get(e, 0) for p, e in zip(vals, x, strict=True))
            if (1 if pre >= 0 else 0) != ai:
                return False
        return True

    return ok


def _total_grad(expr: sp.Expr, v: sp.Matrix, s: sp.Symbol) -> list[sp.Expr]:
    """∂E/∂v_j for E(v, s) with s = ‖v‖: ∂E/∂v_j + ∂E/∂s · v_j/s (chain rule through s)."""
    ds = sp.diff(expr, s)
    return [sp.diff(expr, vj) + ds * vj / s for vj in v]


def jacobian(d: int, proj_power: int = 2, scale: bool = True, aligned: bool = True
             ) -> Derivation:
    """∂w/∂(v, g) for w = g v/‖v‖ (2.1) against the variant's S_k (residual: the difference).
    ‖v‖ is a positive symbol s tied to v by s² = ‖v‖² (chain rule through s; residuals are
    reduced modulo s² − ‖v‖²)."""
    v, g = vector("v", d), sp.Symbol("g", positive=True)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"natgrad: Jacobian of w(v, g) = g v/||v|| vs S_k (p = {proj_power}), d = {d}",
        scope=SCOPE_S.format(d=d), symbols=(*v, g), admissible=_admissible(v, g),
    )
    w = dv.step("w = g v/||v||", g * v / s)
    Jw = dv.step("dw/d(v, g)", sp.Matrix([[*_total_grad(wi, v, s), sp.diff(wi, g)] for wi in w]),
                 "d x (d+1); d||v||/dv = v/||v||")
    Sk = dv.step("S_k as stated", s_matrix(v, g, s, proj_power, scale, aligned))
    dv.conclude((Jw - Sk).subs(s, sp.sqrt(S)), norm_simplifier([(S, s)]))
    return dv


def kernel(d: int, a: tuple[int, int], c: int, proj_power: int = 2, scale: bool = True,
           aligned: bool = True) -> Derivation:
    """Per neuron: Λ_ij = ∂f_i/∂(v,g)·∂f_j/∂(v,g) = (J S Sᵀ Jᵀ)_ij = (V/α² + G)_ij.

    Residuals: (1) K_i − J_i S (chain rule "K = J S", with J_i = ∂f_i/∂w = m^{-1/2} c a_i x_iᵀ
    the Jacobian of the un-normalized network (1.1)); (2) K Kᵀ − J N Jᵀ with N = S Sᵀ;
    (3) J N Jᵀ − (V/α² + G) with V of (3.3) (scale (α c g/‖v‖)², ⟨x_i^⊥, x_j^⊥⟩) and G of
    (3.4) (σ(vᵀx_i)σ(vᵀx_j)/‖v‖², c² = 1). ‖v‖ is the positive symbol s, s² = ‖v‖².
    """
    v, g = vector("v", d), sp.Symbol("g", positive=True)
    xs = [vector("x", d), vector("y", d)]
    alpha, m = sp.Symbol("alpha", positive=True), sp.Symbol("m", positive=True)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=(f"natgrad: Lambda = J S S^T J^T = V/alpha^2 + G on region a = {a}, c = {c} "
               f"(p = {proj_power}), d = {d}"),
        scope=SCOPE_K.format(d=d), symbols=(*v, g, *xs[0], *xs[1], alpha),
        admissible=_admissible(v, g, xs, list(a)),
    )
    rm = sp.sqrt(m)
    f = [dv.step(f"f_{i + 1}", c * a[i] * g * (v.T * xs[i])[0, 0] / s / rm,
                 "sigma(z) = a z on the region") for i in range(2)]
    K = [sp.Matrix([[*_total_grad(fi, v, s), sp.diff(fi, g)]]) for fi in f]
    Sk = dv.step("S_k as stated", s_matrix(v, g, s, proj_power, scale, aligned))
    J = [c * a[i] * xs[i].T / rm for i in range(2)]
    chain = [dv.step(f"K_{i + 1} - J_{i + 1} S", K[i] - J[i] * Sk) for i in range(2)]
    N = dv.step("N = S S^T", Sk * Sk.T)
    pairs = ((0, 0), (0, 1), (1, 1))
    lam = [(K[i] * K[j].T)[0, 0] for i, j in pairs]
    jnj = [(J[i] * N * J[j].T)[0, 0] for i, j in pairs]

    def perp(x: sp.Matrix) -> sp.Matrix:
        return x - v * (v.T * x)[0, 0] / s**2

    def vg(i: int, j: int) -> sp.Expr:
        sc = (alpha * c * g / s) ** 2
        Vij = sc * (perp(xs[i]).T * perp(xs[j]))[0, 0] * a[i] * a[j] / m
        sig = [a[t] * (v.T * xs[t])[0, 0] for t in range(2)]
        Gij = sig[i] * sig[j] / s**2 / m
        return Vij / alpha**2 + Gij

    printed = dv.step("V/alpha^2 + G (3.3), (3.4): entries 11, 12, 22",
                      sp.Matrix([vg(i, j) for i, j in pairs]))
    r1 = dv.step("K K^T - J N J^T", sp.Matrix([p - q for p, q in zip(lam, jnj, strict=True)]))
    r2 = dv.step("J N J^T - (V/alpha^2 + G)", sp.Matrix(jnj) - printed)
    residual = sp.Matrix([*chain[0], *chain[1], *r1, *r2]).subs(s, sp.sqrt(S))
    dv.conclude(residual, norm_simplifier([(S, s)]))
    return dv


def alpha_one(d: int, proj_power: int = 2, scale: bool = True, aligned: bool = True
              ) -> Derivation:
    """At initialization (2.4) g = ‖v‖/α; for α = 1: N(1) = S Sᵀ = I, so J N(1) Jᵀ = J Jᵀ = H
    ("for α = 1 the term corresponds to training without normalization")."""
    v = vector("v", d)
    alpha = sp.Symbol("alpha", positive=True)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"natgrad: N(1) = I at initialization (p = {proj_power}), d = {d}",
        scope=SCOPE_S.format(d=d) + "; g = ||v||/alpha (2.4)", symbols=(*v,),
        admissible=lambda pt: any(pt.get(e, 0) != 0 for e in v),
    )
    g0 = dv.step("g(0) = ||v(0)||/alpha", s / alpha)
    Sk = s_matrix(v, g0, s, proj_power, scale, aligned)
    N = dv.step("N(alpha) = S S^T at init", Sk * Sk.T)
    dv.step("N(alpha) - (I/alpha^2 - (1/alpha^2 - 1) u u^T)",
            N - (sp.eye(d) / alpha**2 - (1 / alpha**2 - 1) * v * v.T / s**2))
    dv.conclude((N.subs(alpha, 1) - sp.eye(d)).subs(s, sp.sqrt(S)), norm_simplifier([(S, s)]))
    return dv


def natgrad(proj_power: int = 2, scale: bool = True, aligned: bool = True,
            dims: tuple[int, ...] = (2, 3, 4, 5, 6), kernel_dims: tuple[int, ...] = (2, 3),
            init_dims: tuple[int, ...] = (2, 3, 4)) -> Iterator[Derivation]:
    """All derivations of the natural-gradient paragraph for one statement variant (lazy: the
    runner stops at the first one that fails). Regions: a = (1, 1) and (1, 0) (a region with
    both a_i = 0 makes both sides 0); c = 1 (c enters every term as c² = 1, so c = −1 gives
    the same residual)."""
    kw = {"proj_power": proj_power, "scale": scale, "aligned": aligned}
    for d in dims:
        yield jacobian(d, **kw)
    for d in kernel_dims:
        for a in ((1, 1), (1, 0)):
            yield kernel(d, a, 1, **kw)
    for d in init_dims:
        yield alpha_one(d, **kw)


# --------------------------------------------------------------------------------------
# α*: exact spectra for orthonormal data (suite entry dukler.Z.orthonormal)
# --------------------------------------------------------------------------------------

ALPHA = sp.Symbol("alpha", positive=True)
N_SYM = sp.Symbol("n", positive=True, integer=True)
D_SYM = sp.Symbol("d", positive=True, integer=True)


def orthonormal_kappa(relation: str = "geq") -> Derivation:
    """κ(α) = λ_min/λ_max of Λ∞(α) = V∞/α² + G∞ for orthonormal data x_i = e_i (n ≤ d, n ≥ 2).

    From the closed forms (θ_ij = π/2 off the diagonal): V∞ = a_V I + b_V 11ᵀ, G∞ = a_G I +
    b_G 11ᵀ with a_V = (d−1)/(2d) + 1/(2πd), b_V = −1/(2πd), a_G = 1/(2d) − 1/(2πd),
    b_G = 1/(2πd); eigenvalues λ_⊥ = a (multiplicity n−1) and λ_1 = a + n b. Derived: κ is
    continuous on (0, ∞), κ(1) = 1 (H∞ = I/2), κ(α) < 1 for α ≠ 1, with the limits κ(0+) and
    κ(∞) below 1; so α* = 1 is a proper global maximum and WN is never faster than α = 1
    (the "equal" case of "equal or faster").

    ``relation`` is the variant's claim about sup_α κ(α) versus κ(1): "geq" (printed:
    sup ≥ κ(1), attained in the interior or as α → 0/∞), "gt" (strictly faster for some α),
    "ends_only" (the sup is never a proper maximum), "at_one" (κ(α) ≤ κ(1) for all α). The
    residual is 0 iff the relation holds for this data family.
    """
    a, n, d = ALPHA, N_SYM, D_SYM
    dv = Derivation(
        title=f"alpha*: orthonormal data, relation '{relation}'",
        scope="orthonormal data x_i = e_i, 2 <= n <= d, general n and d (symbolic)",
        symbols=(a, n, d),
        admissible=lambda pt: pt[a] > 0 and 2 <= pt[n] <= pt[d],
    )
    pi = sp.pi
    aV = (d - 1) / (2 * d) + 1 / (2 * pi * d)
    bV = -1 / (2 * pi * d)
    aG = 1 / (2 * d) - 1 / (2 * pi * d)
    bG = 1 / (2 * pi * d)
    lam_perp = dv.step("lambda_perp = a_V/alpha^2 + a_G", aV / a**2 + aG)
    lam_one = dv.step("lambda_1 = (a_V + n b_V)/alpha^2 + a_G + n b_G",
                      (aV + n * bV) / a**2 + aG + n * bG)
    A = pi * (d - 1) + 1
    forms = dv.step(
        "catalog forms: lambda_perp - (A/alpha^2 + pi - 1)/(2 pi d), lambda_1 - ((A - n)/alpha^2"
        " + pi - 1 + n)/(2 pi d)",
        sp.Matrix([sp.simplify(lam_perp - (A / a**2 + pi - 1) / (2 * pi * d)),
                   sp.simplify(lam_one - ((A - n) / a**2 + pi - 1 + n) / (2 * pi * d))]))
    gap = dv.step("lambda_perp - lambda_1", sp.factor(sp.simplify(lam_perp - lam_one)),
                  "= n (1 - alpha^2)/(2 pi d alpha^2): > 0 for alpha < 1, < 0 for alpha > 1")
    gap_form = sp.simplify(gap - n * (1 - a**2) / (2 * pi * d * a**2))
    # κ on each side of α = 1
    k_lo = dv.step("kappa(alpha), alpha <= 1", sp.simplify(lam_one / lam_perp))
    k_hi = dv.step("kappa(alpha), alpha >= 1", sp.simplify(lam_perp / lam_one))
    k1 = dv.step("kappa(1)", sp.simplify(k_lo.subs(a, 1)))
    k0 = dv.step("kappa(0+)", sp.simplify(sp.limit(k_lo, a, 0, "+")))
    kinf = dv.step("kappa(oo)", sp.simplify(sp.limit(k_hi, a, sp.oo)))
    dlo = dv.step("d kappa/d alpha (alpha < 1)", sp.factor(sp.simplify(sp.diff(k_lo, a))))
    dhi = dv.step("d kappa/d alpha (alpha > 1)", sp.factor(sp.simplify(sp.diff(k_hi, a))))
    # signs: dκ/dα = ±2π α d n/(positive)²: > 0 on (0, 1), < 0 on (1, ∞)
    den_lo = (pi - 1) * a**2 + pi * (d - 1) + 1
    den_hi = (pi - 1 + n) * a**2 + pi * (d - 1) + 1 - n
    sign_lo = dv.step("d kappa/d alpha - 2 pi alpha d n/((pi-1) alpha^2 + pi(d-1) + 1)^2",
                      sp.simplify(dlo - 2 * pi * a * d * n / den_lo**2),
                      "numerator 2 pi alpha d n > 0: kappa increases on (0, 1)")
    sign_hi = dv.step("d kappa/d alpha + 2 pi alpha d n/((pi-1+n) alpha^2 + pi(d-1)+1-n)^2",
                      sp.simplify(dhi + 2 * pi * a * d * n / den_hi**2),
                      "kappa decreases on (1, oo) (pi(d-1)+1-n > 0 for n <= d)")
    crit_lo = dv.step("critical points of kappa on alpha < 1",
                      sp.solve(sp.numer(sp.together(dlo)), a))
    crit_hi = dv.step("critical points of kappa on alpha > 1",
                      sp.solve(sp.numer(sp.together(dhi)), a))
    sup = sp.Integer(1)  # κ ≤ 1 always, attained at α = 1
    holds = {
        "geq": sup - k1 >= 0,
        "gt": sup - k1 > 0,
        "ends_only": False,  # the sup is attained at α = 1, an interior point
        "at_one": True,  # κ(α) ≤ κ(1) = 1 for every α
    }[relation]
    dv.step("sup kappa = kappa(1) = 1, attained at alpha* = 1 (interior)", sup - k1)
    residual = sp.Matrix([
        *forms, gap_form, k1 - 1, sign_lo, sign_hi, sp.Integer(len(crit_lo) + len(crit_hi)),
        sp.Integer(0 if holds else 1),
    ])
    dv.step("limits kappa(0+) < 1 and kappa(oo) < 1 at n = 2, d = 3",
            sp.Matrix([k0.subs({n: 2, d: 3}), kinf.subs({n: 2, d: 3})]))
    dv.conclude(residual)
    return dv


def trace_ratio(d_val: int | None = None) -> Derivation:
    """tr(V∞)/tr(G∞) = d − 1 exactly (diagonals (d−1)r²/(2d) and r²/(2d), θ_ii = 0), so the
    trace measure of dominance of V/α² over G is (d − 1)/α², equal to 1 at α_× = √(d − 1)."""
    d = D_SYM if d_val is None else sp.Integer(d_val)
    r, th, a = sp.Symbol("r", positive=True), sp.Symbol("theta"), ALPHA
    dv = Derivation(title="regimes: trace ratio of V_inf and G_inf",
                    scope="general d >= 2, any data (diagonal entries of the closed forms)",
                    symbols=(a, D_SYM), admissible=lambda pt: pt[a] > 0 and pt[D_SYM] >= 2)
    H = r * r * sp.cos(th) * (sp.pi - th) / (2 * sp.pi)
    G = r * r * (sp.sin(th) + (sp.pi - th) * sp.cos(th)) / (2 * sp.pi * d)
    Gii = dv.step("G_inf_ii", sp.simplify(G.subs(th, 0)))
    Vii = dv.step("V_inf_ii = H_ii - G_ii", sp.simplify((H - G).subs(th, 0)))
    ratio = dv.step("tr V/tr G (every diagonal term has the same ratio)", sp.simplify(Vii / Gii))
    cross = dv.step("alpha_x: (tr V/alpha^2)/tr G = 1", sp.solve(sp.Eq(ratio / a**2, 1), a))
    lim0 = dv.step("lim_{alpha -> 0} (tr G)/(tr V/alpha^2)", sp.limit(a**2 / ratio, a, 0, "+"))
    limi = dv.step("lim_{alpha -> oo} (tr V/alpha^2)/(tr G)", sp.limit(ratio / a**2, a, sp.oo))
    dv.conclude(sp.Matrix([ratio - (d - 1), cross[0] - sp.sqrt(d - 1), lim0, limi]))
    return dv


def regime_boundary(boundary: str = "crossover", small_alpha: str = "V") -> Derivation:
    """Where the trace measure of dominance, (tr V∞/α²)/tr G∞ = (d − 1)/α², equals 1, against
    the variant's boundary b(d): "one" (printed: α = 1), "crossover" (√(d − 1)), "d_minus_1";
    and which term dominates as α → 0 against the variant's ``small_alpha`` ("V" printed).
    Residuals: ratio(b(d)) − 1, and 0/1 for the α → 0 limit."""
    d, a = D_SYM, ALPHA
    dv = Derivation(title=f"regimes: boundary '{boundary}', small alpha dominated by "
                          f"{small_alpha}",
                    scope="trace measure, infinite width, general d >= 2, any data",
                    symbols=(d,), admissible=lambda pt: pt[d] >= 2)
    tr = trace_ratio()
    for st_ in tr.steps:
        dv.steps.append(st_)
    ratio = dv.step("(tr V/alpha^2)/tr G", (d - 1) / a**2)
    b = {"one": sp.Integer(1), "crossover": sp.sqrt(d - 1), "d_minus_1": d - 1}[boundary]
    at_b = dv.step("ratio at the stated boundary", sp.simplify(ratio.subs(a, b)))
    lim0 = dv.step("lim_{alpha -> 0} 1/ratio = lim tr G/(tr V/alpha^2)",
                   sp.limit(1 / ratio, a, 0, "+"))
    dominant = "V" if lim0 == 0 else "G"
    dv.step("dominant term as alpha -> 0", sp.Symbol(dominant))
    dv.conclude(sp.Matrix([at_b - 1, sp.Integer(0 if dominant == small_alpha else 1),
                           *tr.reduced]))
    return dv


def lazy_exponents(angle_exponent: int = -2, g_exponent: int = 0) -> Derivation:
    """Exponents of α in the §6(a) proxies (ICLR App. C, Lemma C.3 with ω = μ0 and
    ‖v_k(0)‖ ≈ α√d): direction change ‖v_k(s) − v_k(0)‖/‖v_k(0)‖ ≲ 8√n‖f(0) − y‖/(α√m ω) ·
    1/(α√d), and magnitude change |g_k(s) − g_k(0)| ≤ η Σ_s |∂L/∂g_k| ≤ 4√n‖f(0) − y‖/(√m μ0)
    (geometric decay of ‖f(s) − y‖ at rate ημ0/2; ∂L/∂g_k has no factor α). ‖f(0) − y‖, ω and
    μ0 do not depend on α (Obs. 1). Residuals: derived exponent − stated exponent."""
    a = ALPHA
    n, m, d, R0, om = sp.symbols("n m d R_0 omega", positive=True)
    dv = Derivation(title=f"sec6(a): exponents of alpha (angle {angle_exponent}, g "
                          f"{g_exponent})", scope="general n, m, d, alpha > 0",
                    symbols=(a,), admissible=lambda pt: pt[a] > 0)
    ang = dv.step("angle proxy", 8 * sp.sqrt(n) * R0 / (a * sp.sqrt(m) * om) / (a * sp.sqrt(d)))
    gch = dv.step("g proxy", 4 * sp.sqrt(n) * R0 / (sp.sqrt(m) * om))
    ea = dv.step("d log(angle proxy)/d log alpha", sp.simplify(a * sp.diff(sp.log(ang), a)))
    eg = dv.step("d log(g proxy)/d log alpha", sp.simplify(a * sp.diff(sp.log(gch), a)))
    dv.conclude(sp.Matrix([ea - angle_exponent, eg - g_exponent]))
    return dv
