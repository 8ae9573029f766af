"""Infinite-width kernels V∞, G∞ of Dukler et al. §4 in SymPy: definitions (4.2)/(4.3),
positive semi-definiteness (§4), Assumptions 1/2 and pre-processing, Lemma 4.1 and its
App. D proof, and the suite's closed-form consequences (catalog §Z: trace and bounds,
orthonormal data, near-parallel pairs, covariance of the initial outputs).

Every builder takes the parameters of the statement it decides (printed, corrected or
perturbed) and returns a :class:`~derivations.core.Derivation` whose residual is 0 iff the
statement holds on the derivation's scope. The closed forms of V∞, G∞, H∞ are those of
:mod:`derivations.kernels` (``dukler.Z.kernels``), reused, not re-derived.

Inequalities are reduced to identities plus sign facts about elementary one-variable
functions on [0, π]; each sign fact is decided by ``sympy.solve_univariate_inequality``
(or by monotonicity: a value at an end point plus the sign of the derivative). A sign fact
that SymPy cannot decide enters the residual as min(expr, 0), so the witness search can
only report a point where it is really negative.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import sympy as sp

from derivations import kernels as dk
from derivations.core import Derivation, norm2, norm_simplifier, vector

R_I, R_J, THETA_P, D = dk.kernel_symbols()
TH = sp.Symbol("theta", real=True)  # θ as a real symbol for univariate inequalities
ALPHA = sp.Symbol("alpha", positive=True)
ZERO = sp.Integer(0)


def _forms(**kw: int) -> dict[str, sp.Expr]:
    """The closed forms of ``dukler.Z.kernels`` with θ as the real symbol TH."""
    return {k: v.subs(THETA_P, TH) for k, v in dk.closed_forms(**kw).items()}


def _unit(expr: sp.Expr) -> sp.Expr:
    return expr.subs({R_I: 1, R_J: 1})


def _z(expr: sp.Expr) -> sp.Expr:
    """Fast reduction for identities that are polynomial in θ, sin θ, cos θ, d."""
    return sp.expand(sp.cancel(sp.together(sp.expand(expr))))


@functools.lru_cache(maxsize=64)
def _proved_nonneg(expr: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> bool:
    dom = sp.Interval(lo, hi)
    try:
        sol = sp.solve_univariate_inequality(expr >= 0, TH, relational=False, domain=dom)
        return bool(dom.is_subset(sol))
    except (NotImplementedError, ValueError, TypeError):
        return False


def _nonneg(dv: Derivation, name: str, expr: sp.Expr, lo: sp.Expr = ZERO,
            hi: sp.Expr = sp.pi) -> sp.Expr:
    """Residual entry for "expr(θ) ≥ 0 on [lo, hi]": 0 when SymPy proves it."""
    ok = _proved_nonneg(expr, lo, hi)
    dv.step(f"{name} >= 0 on [{lo}, {hi}]", expr,
            "solve_univariate_inequality: " + ("proved" if ok else "NOT proved"))
    return sp.Integer(0) if ok else sp.Min(expr, 0)


def _theta_minus_sin(dv: Derivation) -> list[sp.Expr]:
    """θ − sin θ ≥ 0 on [0, π]: zero at 0 and derivative 1 − cos θ ≥ 0."""
    f = TH - sp.sin(TH)
    at0 = dv.step("theta - sin(theta) at 0", f.subs(TH, 0))
    der = dv.step("d/dtheta (theta - sin theta) - (1 - cos theta)",
                  sp.simplify(sp.diff(f, TH) - (1 - sp.cos(TH))))
    return [at0, der, _nonneg(dv, "1 - cos(theta)", 1 - sp.cos(TH))]


# ======================================================================================
# §4: V(t), G(t) positive semi-definite; λ_min(Λ) ≥ max{λ_min(V)/α², λ_min(G)}
# ======================================================================================


def psd_gram_form(proj_factor: int = 1, alpha_power: int = 2) -> Derivation:
    """§4 (Dukler et al., ICML l.184–186): the summands of V(t) (3.3) and G(t) (3.4) are
    Gram matrices, hence V, G ⪰ 0, and λ_min(V/α² + G) ≥ max{λ_min(V)/α^q, λ_min(G)}.

    Per neuron (u = v/‖v‖, p_i = uᵀx_i, any a_i ∈ {0, 1}, any weight s² ≥ 0), the statement
    with the subtracted term scaled by ``proj_factor`` (printed 1, i.e. ⟨x_i^{u⊥}, x_j^{u⊥}⟩):
    zᵀV_k z = s²‖Σ_i z_i a_i x_i^{u⊥}‖² and zᵀG_k z = (Σ_i z_i a_i p_i)² (d = 3, n = 2).
    The bound: zᵀΛz = zᵀVz/α² + zᵀGz with both terms ≥ 0; the exponent q = ``alpha_power``
    (printed 2) is decided on n = 1, where Λ = λ_V/α² + λ_G for any λ_V, λ_G ≥ 0 (every
    such pair is realized by one neuron: λ_V = s²(r² − p²), λ_G = p²).
    """
    f, q = sp.Integer(proj_factor), sp.Integer(alpha_power)
    v, x1, x2 = vector("v", 3), vector("x", 3), vector("y", 3)
    z1, z2 = sp.symbols("z_1 z_2", real=True)
    a1, a2 = sp.symbols("a_1 a_2", nonnegative=True)
    s2 = sp.Symbol("s2", nonnegative=True)
    S, sv = norm2(v), sp.Symbol("s_v", positive=True)
    lv, lg = sp.symbols("lambda_V lambda_G", nonnegative=True)
    dv = Derivation(
        title=f"V, G are Gram matrices; lambda_min(Lambda) >= max(lambda_min(V)/alpha^{q}, "
        f"lambda_min(G)) (projection factor {f})",
        scope="per-neuron identities: d = 3, n = 2, symbolic entries, any a_i, s^2 >= 0; "
        "the eigenvalue bound: general (Rayleigh quotient), the exponent decided on n = 1",
        symbols=(*v, *x1, *x2, z1, z2, a1, a2, s2, ALPHA, lv, lg),
        admissible=lambda pt: any(pt[e] != 0 for e in v) and pt[ALPHA] > 0
        and pt[lv] >= 0 and pt[lg] >= 0 and pt[s2] >= 0 and pt[a1] in (0, 1)
        and pt[a2] in (0, 1),
    )
    simp = norm_simplifier([(S, sv)])
    u = v / sp.sqrt(S)
    xs, zs, As = [x1, x2], [z1, z2], [a1, a2]
    p = [(u.T * x)[0, 0] for x in xs]
    K = [[(xi.T * xj)[0, 0] for xj in xs] for xi in xs]
    Vk = sp.Matrix(2, 2, lambda i, j: s2 * As[i] * As[j] * (K[i][j] - f * p[i] * p[j]))
    Gk = sp.Matrix(2, 2, lambda i, j: As[i] * As[j] * p[i] * p[j])
    dv.step("V summand s^2 a_i a_j (x_i^T x_j - f p_i p_j)", Vk,
            "<x_i^{u perp}, x_j^{u perp}> = x_i^T x_j - p_i p_j (f = 1 as printed)")
    zvec = sp.Matrix(zs)
    phi = sum((zs[i] * As[i] * (xs[i] - p[i] * u) for i in range(2)), sp.zeros(3, 1))
    sos_v = dv.step("z^T V_k z - s^2 ||sum_i z_i a_i x_i^{u perp}||^2",
                    simp((zvec.T * Vk * zvec)[0, 0] - s2 * (phi.T * phi)[0, 0]))
    sos_g = dv.step("z^T G_k z - (sum_i z_i a_i p_i)^2",
                    simp((zvec.T * Gk * zvec)[0, 0] - (zs[0] * As[0] * p[0] + zs[1] * As[1]
                                                       * p[1]) ** 2))
    one = dv.step("n = 1, u = x/||x||, a = 1, s^2 = 1: V_k = (1 - f)||x||^2",
                  sp.expand(norm2(x1) - f * norm2(x1)))
    neg = dv.step("negative part of V_k at that point (PSD needs 0)", sp.Max(0, -one))
    lam = dv.step("z^T Lambda z - (z^T V z/alpha^2 + z^T G z)", sp.Integer(0),
                  "Lambda = V/alpha^2 + G (3.5), linear in the kernels")
    dv.step("Rayleigh: min_z (z^T V z/alpha^2 + z^T G z) >= min_z z^T V z/alpha^2 + "
            "min_z z^T G z >= max(lambda_min(V)/alpha^2, lambda_min(G))", sp.Integer(0),
            "both quadratic forms are >= 0 (the Gram forms above); Weyl gives the sum")
    gap = dv.step("n = 1: stated bound - lambda_min(Lambda), positive part",
                  sp.Max(0, lv / ALPHA**q - (lv / ALPHA**2 + lg)),
                  "Lambda = lambda_V/alpha^2 + lambda_G for n = 1")
    dv.conclude(sp.Matrix([neg, gap, sos_v, sos_g, lam]))
    return dv


# ======================================================================================
# (4.2), (4.3): the auxiliary Gram matrices
# ======================================================================================


def aux_integrands(v_projection: bool = True, g_indicator: bool = True) -> list[Derivation]:
    """(4.2)/(4.3): the printed integrands ⟨x_i^{v⊥}, x_j^{v⊥}⟩𝟙_i𝟙_j and ⟨x_i^v, x_j^v⟩𝟙_i𝟙_j
    (a) are invariant under v → λv (λ > 0), so V∞, G∞ do not depend on α, and (b) equal the
    summands of (3.3), (3.4) at initialization (2.4) (s_k² = 1), so E V(0) = V∞ and
    E G(0) = G∞ (used in the proof of Lemma B.1). One derivation per activation region
    (a_i, a_j) ∈ {0, 1}², d = 3, symbolic entries. ``v_projection = False`` drops the
    projection in (4.2); ``g_indicator = False`` drops the indicators in (4.3).
    """
    out = []
    v, x1, x2 = vector("v", 3), vector("x", 3), vector("y", 3)
    lam, c = sp.Symbol("lambda", positive=True), sp.Symbol("c_k", real=True)
    S, sv = norm2(v), sp.Symbol("s_v", positive=True)
    S2, sv2 = norm2(lam * v), sp.Symbol("s_lv", positive=True)
    simp = norm_simplifier([(S, sv)])
    for ai in (1, 0):
        for aj in (1, 0):
            def ok(pt: dict, ai: int = ai, aj: int = aj) -> bool:
                vv = [pt[e] for e in v]
                if all(t == 0 for t in vv):
                    return False
                pi_ = sum(a * pt[e] for a, e in zip(vv, x1, strict=True))
                pj_ = sum(a * pt[e] for a, e in zip(vv, x2, strict=True))
                return (pi_ >= 0) == bool(ai) and (pj_ >= 0) == bool(aj)

            dv = Derivation(
                title=f"(4.2)/(4.3) integrands on the region a_i = {ai}, a_j = {aj} "
                f"(projection in (4.2): {v_projection}, indicators in (4.3): {g_indicator})",
                scope="d = 3, symbolic entries, v != 0, one activation region",
                symbols=(*v, *x1, *x2),
                admissible=ok,
            )

            def integrands(w: sp.Matrix, nrm: sp.Expr, ai: int = ai,
                           aj: int = aj) -> tuple[sp.Expr, sp.Expr]:
                uu = w / nrm
                pi_, pj_ = (uu.T * x1)[0, 0], (uu.T * x2)[0, 0]
                K = (x1.T * x2)[0, 0]
                perp = K - pi_ * pj_ if v_projection else K
                gv = pi_ * pj_ * (ai * aj if g_indicator else 1)
                return ai * aj * perp, gv

            iv, ig = integrands(v, sp.sqrt(S))
            dv.step("(4.2) integrand", iv, "<x_i^{v perp}, x_j^{v perp}> 1_i 1_j")
            dv.step("(4.3) integrand", ig, "<x_i^v, x_j^v> 1_i 1_j = (u^T x_i)(u^T x_j) 1_i 1_j")
            ivl, igl = integrands(lam * v, sp.sqrt(S2))
            simp2 = norm_simplifier([(S2, sv2)])
            sc_v = dv.step("(4.2) integrand at lambda v minus at v",
                           simp(simp2(ivl).subs(sv2, lam * sv) - iv))
            sc_g = dv.step("(4.3) integrand at lambda v minus at v",
                           simp(simp2(igl).subs(sv2, lam * sv) - ig))
            g0 = sp.sqrt(S) / ALPHA
            s_k2 = dv.step("s_k^2 at (2.4) with c_k^2 = 1",
                           simp((ALPHA * c * g0 / sp.sqrt(S)) ** 2).subs(c**2, 1))
            u = v / sp.sqrt(S)
            pi_, pj_ = (u.T * x1)[0, 0], (u.T * x2)[0, 0]
            K = (x1.T * x2)[0, 0]
            sum_v = dv.step("(3.3) summand at (2.4)", s_k2 * (K - pi_ * pj_) * ai * aj)
            sum_g = dv.step("(3.4) summand sigma(v^T x_i) sigma(v^T x_j)/||v||^2",
                            (ai * pi_) * (aj * pj_), "sigma(p) = a p on the region")
            rv = dv.step("(4.2) integrand - (3.3) summand", simp(iv - sum_v))
            rg = dv.step("(4.3) integrand - (3.4) summand", simp(ig - sum_g))
            dv.conclude(sp.Matrix([sc_v, sc_g, rv, rg]))
            out.append(dv)
    return out


# ======================================================================================
# Assumptions 1, 2 and the pre-processing sentence
# ======================================================================================


def preprocessing(shift: bool = True, pad_to: int = 50) -> Derivation:
    """"Both assumptions can be easily satisfied by pre-processing, e.g., normalizing and
    shifting the data, and adding zero coordinates if needed" (ICML l.225).

    The map: x ↦ (x, s)/M padded with zeros to dimension max(d + 1, ``pad_to``), with s = 1
    (a zero coordinate added, then shifted; ``shift = False``: s = 0) and M ≥ max_j ‖(x_j, s)‖.
    Decided in d = 3 with symbolic entries: every solution (β, x_j) of x̃_i = β x̃_j has
    x_j = x_i (so distinct inputs give non-parallel outputs), ‖x̃_i‖ ≤ 1, x̃_i ≠ 0, and the
    output dimension is ≥ 50.
    """
    s = sp.Integer(1 if shift else 0)
    xi, xj = vector("x", 3), vector("y", 3)
    beta = sp.Symbol("beta", real=True)
    M = sp.Symbol("M", positive=True)
    dv = Derivation(
        title=f"pre-processing x -> (x, {s})/M, zero-padded to dimension >= {pad_to}",
        scope="d = 3 symbolic entries (the argument is coordinatewise, any d); M >= "
        "max_j ||(x_j, s)|| > 0; distinct inputs (identical inputs stay identical under "
        "any pointwise map)",
        symbols=(beta, *xi, *xj),
        admissible=lambda pt: pt[beta] != 0 and any(pt[e] != 0 for e in xi)
        and any(pt[e] != 0 for e in xj),
    )
    ti = sp.Matrix([*xi, s]) / M
    tj = sp.Matrix([*xj, s]) / M
    eqs = dv.step("x~_i - beta x~_j", ti - beta * tj)
    sols = sp.solve(list(eqs), [beta, *xj], dict=True)
    dv.step("number of solutions (beta, x_j) of x~_i = beta x~_j", sp.Integer(len(sols)),
            "; ".join(str(sol) for sol in sols))
    dist = [sp.simplify(sum((sol.get(e, e) - t) ** 2 for e, t in zip(xj, xi, strict=True)))
            for sol in sols]
    res_par = dv.step("sum over solutions of ||x_j - x_i||^2 (0: only x_j = x_i)",
                      sp.Add(*dist) if dist else sp.Integer(0))
    norm_ok = dv.step("||x~_i||^2 - ||(x_i, s)||^2/M^2", sp.expand(norm2(ti) - norm2(
        sp.Matrix([*xi, s])) / M**2), "<= 1 since M >= ||(x_i, s)||")
    nonzero = dv.step("last coordinate of x~_i minus s/M", ti[3] - s / M,
                      "s = 1: every output is nonzero")
    pad = dv.step("output dimension - max(d + 1, pad_to)", sp.Integer(0),
                  "zero coordinates leave inner products and norms unchanged")
    a2 = dv.step("Assumption 2: min(max(d + 1, pad_to) - 50, 0)",
                 sp.Min(sp.Max(4, pad_to) - 50, 0))
    dv.conclude(sp.Matrix([res_par, norm_ok, nonzero, pad, a2]))
    return dv


# ======================================================================================
# Lemma 4.1: strict positive definiteness
# ======================================================================================


def two_point_pd(kernel: str) -> Derivation:
    """Lemma 4.1 for n = 2 points at angle θ ∈ (0, π] (any r_i, r_j > 0, d ≥ 2): the matrix
    [[r_i²a, r_ir_j b], [r_ir_j b, r_j²a]] (a = K(0), b = K(θ) for unit vectors) is positive
    definite iff a > 0 and (a − b)(a + b) > 0; both factors are written as sums of
    products of factors that are ≥ 0 on [0, π], with one term > 0 for θ > 0.
    """
    forms = _forms()
    F = _unit(forms[kernel])
    dv = Derivation(
        title=f"Lemma 4.1, two points: {kernel}_inf is positive definite for theta in (0, pi]",
        scope="general d >= 2, r_i, r_j > 0, theta in (0, pi] (non-parallel; antipodal "
        "included)",
        symbols=(TH, D),
        admissible=lambda pt: 0 < pt[TH] <= sp.pi and pt[D] >= 2,
    )
    a, b = F.subs(TH, 0), F
    ri, rj = R_I, R_J
    Mx = sp.Matrix([[ri**2 * a, ri * rj * b], [ri * rj * b, rj**2 * a]])
    det = dv.step("det - r_i^2 r_j^2 (a - b)(a + b)",
                  _z(Mx.det() - ri**2 * rj**2 * (a - b) * (a + b)))
    res = [det]
    if kernel == "G":
        k = sp.sin(TH) + (sp.pi - TH) * sp.cos(TH)
        res.append(dv.step("2 pi d G(theta) - k(theta)", _z(2 * sp.pi * D * F - k)))
        res.append(dv.step("a - pi/(2 pi d)", _z(a - 1 / (2 * D))))
        dk_ = dv.step("k'(theta) + (pi - theta) sin(theta)",
                      _z(sp.diff(k, TH) + (sp.pi - TH) * sp.sin(TH)))
        res.append(dk_)
        res.append(_nonneg(dv, "pi - theta", sp.pi - TH))
        res.append(_nonneg(dv, "sin(theta)", sp.sin(TH)))
        s_ = sp.Symbol("s", real=True)
        integral = sp.integrate((sp.pi - s_) * sp.sin(s_), (s_, 0, TH))
        res.append(dv.step("pi - k(theta) - int_0^theta (pi - s) sin(s) ds",
                           _z(sp.pi - k - integral),
                           "the integrand is > 0 on (0, min(theta, pi)): a - b > 0 for "
                           "theta > 0"))
        res.append(dv.step("k(pi)", k.subs(TH, sp.pi),
                           "k decreasing, so k >= k(pi) = 0 and a + b >= a > 0"))
    else:
        v = (D - 1) * (sp.pi - TH) * sp.cos(TH) - sp.sin(TH)
        res.append(dv.step("2 pi d V(theta) - v(theta)", _z(2 * sp.pi * D * F - v)))
        res.append(dv.step("a - (d - 1)/(2d)", _z(a - (D - 1) / (2 * D)),
                           "> 0 iff d >= 2"))
        up = (D - 1) * (TH + (sp.pi - TH) * (1 - sp.cos(TH))) + sp.sin(TH)
        res.append(dv.step("(d-1) pi - v - [(d-1)(theta + (pi-theta)(1-cos)) + sin]",
                           _z((D - 1) * sp.pi - v - up),
                           "a - b: the term (d-1) theta > 0 for theta > 0"))
        lo = (D - 2) * TH + (TH - sp.sin(TH)) + (D - 1) * (sp.pi - TH) * (1 + sp.cos(TH))
        res.append(dv.step("(d-1) pi + v - [(d-2) theta + (theta - sin) + (d-1)(pi-theta)"
                           "(1+cos)]", _z((D - 1) * sp.pi + v - lo),
                           "a + b: > 0 on (0, pi) by the last term, = (d-1) pi at pi"))
        res.append(dv.step("a + b at theta = pi, times 2 pi d", _z(lo.subs(TH, sp.pi))
                           - (D - 1) * sp.pi))
        res.append(_nonneg(dv, "pi - theta", sp.pi - TH))
        res.append(_nonneg(dv, "1 - cos(theta)", 1 - sp.cos(TH)))
        res.append(_nonneg(dv, "1 + cos(theta)", 1 + sp.cos(TH)))
        res.append(_nonneg(dv, "sin(theta)", sp.sin(TH)))
        res.extend(_theta_minus_sin(dv))
    dv.conclude(sp.Matrix(res))
    return dv


def zero_point_counterexample() -> Derivation:
    """n = 1, x_1 = 0 satisfies Assumption 1 as printed (‖x_1‖ ≤ 1; no pair), and
    V∞ = G∞ = [0]: not strictly positive definite. Residual 1 = "λ_min > 0 fails"."""
    v = vector("v", 3)
    x = sp.zeros(3, 1)
    S = norm2(v)
    dv = Derivation(title="Lemma 4.1 as printed, n = 1, x_1 = 0 (allowed by Assumption 1)",
                    scope="exact", symbols=(D,), admissible=lambda pt: pt[D] >= 1)
    perp = x - (v.T * x)[0, 0] / S * v
    vinf = dv.step("<x^{v perp}, x^{v perp}> 1{v^T x >= 0} for x = 0", (perp.T * perp)[0, 0])
    ginf = dv.step("<x^v, x^v> 1{v^T x >= 0} for x = 0", ((v.T * x)[0, 0] / S) ** 2 * S)
    dv.step("V_inf = G_inf = [0]: lambda_min = 0", sp.Matrix([vinf, ginf]))
    dv.conclude(sp.Matrix([sp.Integer(1) if vinf == 0 and ginf == 0 else sp.Integer(0)]))
    return dv


def parallel_counterexample() -> Derivation:
    """x_2 = βx_1 with β > 0 (parallel, excluded by Assumption 1): θ = 0 and both 2×2
    matrices [[r²a, βr²a], [βr²a, β²r²a]] are singular. Residual 1 = "strict PD fails"."""
    beta, r = sp.Symbol("beta", positive=True), sp.Symbol("r", positive=True)
    dv = Derivation(title="two parallel points x_2 = beta x_1", scope="general d, beta, r > 0",
                    symbols=(D,), admissible=lambda pt: pt[D] >= 2)
    f = _forms()
    dets = []
    for k in ("V", "G"):
        F = f[k].subs({R_I: r, R_J: beta * r, TH: 0})
        a = f[k].subs({R_I: r, R_J: r, TH: 0})
        Mx = sp.Matrix([[a, F], [F, f[k].subs({R_I: beta * r, R_J: beta * r, TH: 0})]])
        dets.append(dv.step(f"det {k}_inf", sp.simplify(Mx.det())))
    dv.conclude(sp.Matrix([sp.Integer(1) if all(x == 0 for x in dets) else sp.Integer(0)]))
    return dv


def dim_one_counterexample() -> Derivation:
    """d = 1, n = 1, x_1 = r ≠ 0 satisfies Assumption 1 as printed, and x^{v⊥} = 0 for every
    v ≠ 0, so V∞ = [0]. Residual 1 = "λ_min(V∞) > 0 fails"."""
    vv, r = sp.Symbol("v", nonzero=True, real=True), sp.Symbol("r", positive=True)
    dv = Derivation(title="Lemma 4.1 as printed, d = 1, n = 1, x_1 = r != 0 (Assumption 1 "
                    "holds)", scope="exact", symbols=(r,), admissible=lambda pt: pt[r] > 0)
    perp = dv.step("x^{v perp} = x - (v x/v^2) v in d = 1", sp.simplify(r - vv * r / vv**2 * vv))
    dv.step("V_inf = E perp^2 1{..} = 0", perp**2)
    dv.conclude(sp.Matrix([sp.Integer(1) if perp == 0 else sp.Integer(0)]))
    return dv


# ======================================================================================
# Lemma 4.1, App. D proof: φ_i, θ_i, geometry
# ======================================================================================


def phi_functionals() -> Derivation:
    """(a) φ_i(v) = (I − vvᵀ/‖v‖²)x_i 𝟙{vᵀx_i ≥ 0} ([R] reading of (D.1)): cᵀ[⟨φ_i, φ_j⟩]c =
    ‖Σ c_iφ_i‖² (so V∞ = E⟨φ_i, φ_j⟩ is PD iff the φ_i are linearly independent in L²),
    ⟨φ_i, φ_j⟩ is the (4.2) integrand, and φ_i(λv) = φ_i(v) (λ > 0). The literal OCR
    reading x_i(I − vvᵀ)𝟙 is not scale invariant (reported as a step, not in the residual).
    d = 3, n = 2 (bilinearity: any n), region a_i symbols."""
    v = vector("v", 3)
    xs = [vector(n_, 3) for n_ in ("x", "y")]
    cs = sp.symbols("c_1:3", real=True)
    As = sp.symbols("a_1:3", nonnegative=True)
    lam = sp.Symbol("lambda", positive=True)
    S, sv = norm2(v), sp.Symbol("s_v", positive=True)
    simp = norm_simplifier([(S, sv)])
    dv = Derivation(title="(D.1): V_inf is the Gram matrix of the functionals phi_i",
                    scope="d = 3, n = 2, symbolic entries, any region", symbols=(*v,),
                    admissible=lambda pt: any(pt[e] != 0 for e in v))
    P = sp.eye(3) - v * v.T / S
    phis = [As[i] * P * xs[i] for i in range(2)]
    gram = sp.Matrix(2, 2, lambda i, j: (phis[i].T * phis[j])[0, 0])
    fs = [vector("f", 3), vector("h", 3)]  # any two vectors phi_1(v), phi_2(v)
    cv = sp.Matrix(cs)
    gf = sp.Matrix(2, 2, lambda i, j: (fs[i].T * fs[j])[0, 0])
    comb = cs[0] * fs[0] + cs[1] * fs[1]
    r1 = dv.step("c^T [<phi_i, phi_j>] c - ||sum c_i phi_i||^2 (pointwise in v, then E)",
                 sp.expand((cv.T * gf * cv)[0, 0] - (comb.T * comb)[0, 0]))
    K = (xs[0].T * xs[1])[0, 0]
    p0, p1 = (v.T * xs[0])[0, 0], (v.T * xs[1])[0, 0]
    r2 = dv.step("<phi_1, phi_2> - (4.2) integrand",
                 simp(gram[0, 1] - As[0] * As[1] * (K - p0 * p1 / S)))
    Pl = sp.eye(3) - (lam * v) * (lam * v).T / norm2(lam * v)
    r3 = dv.step("phi_1(lambda v) - phi_1(v)", (Pl - P).applyfunc(sp.cancel) * xs[0])
    lit = (xs[0].T * (sp.eye(3) - v * v.T)).T
    litl = (xs[0].T * (sp.eye(3) - lam**2 * v * v.T)).T
    dv.step("literal OCR reading x(I - v v^T): value at lambda v minus at v (not 0: the "
            "reading with ||v||^2 is the one that gives (4.2))", sp.expand(litl - lit))
    dv.conclude(sp.Matrix([r1, r2, *r3]))
    return dv


def theta_functionals(definition: str, grad_sign: int = 1) -> Derivation:
    """(b) θ_i for G∞. ``definition`` "ICLR": θ_i(v) = σ(vᵀx_i/‖v‖); "ICML": θ_i(v) =
    σ(x_i^v) with σ applied to the vector x_i^v = (vvᵀ/‖v‖²)x_i (as printed, ICML l.233).

    Claims: E θ_i θ_j = G∞_ij (the covariance of θ_i is G∞), decided exactly for n = 1,
    x = r e_1, d = 2 (u uniform on the circle); and ‖v‖ ∂θ_i/∂v = ``grad_sign``·φ_i(v)
    on the active region ("each φ_i corresponds to dθ_i/dv", up to the common factor
    1/‖v‖), in d = 3 with symbolic entries (ICLR definition only: for the ICML one the
    derivative of a vector is a d×d matrix)."""
    r, ph = sp.Symbol("r", positive=True), sp.Symbol("phi", real=True)
    v, x = vector("v", 3), vector("x", 3)
    S, sv = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(title=f"theta_i ({definition}): covariance G_inf, gradient phi_i/||v||",
                    scope="covariance: n = 1, x = r e_1, d = 2, exact; gradient: d = 3, "
                    "symbolic entries, active region v^T x > 0",
                    symbols=(r, *v, *x),
                    admissible=lambda pt: pt[r] > 0 and any(pt[e] != 0 for e in v)
                    and sum(pt[a] * pt[b] for a, b in zip(v, x, strict=True)) > 0)
    u = sp.Matrix([sp.cos(ph), sp.sin(ph)])
    p = r * sp.cos(ph)
    if definition == "ICML":
        vec = p * u  # x^v = (u^T x) u
        # sigma componentwise; on [0, 2 pi] the signs are those of cos^2 >= 0 and cos*sin
        first = r * sp.cos(ph) ** 2
        second = r * sp.cos(ph) * sp.sin(ph)
        sq = first**2
        e_sq = (sp.integrate(sq, (ph, 0, 2 * sp.pi))
                + sp.integrate(second**2, (ph, 0, sp.pi / 2))
                + sp.integrate(second**2, (ph, sp.pi, 3 * sp.pi / 2))) / (2 * sp.pi)
        dv.step("x^v for u = (cos phi, sin phi)", vec)
        dv.step("E ||sigma(x^v)||^2 (componentwise sigma; cos phi sin phi > 0 on (0, pi/2) "
                "and (pi, 3 pi/2))", sp.simplify(e_sq))
    elif definition == "linear":
        e_sq = sp.integrate(p**2, (ph, 0, 2 * sp.pi)) / (2 * sp.pi)
        dv.step("E (u^T x)^2 (no ReLU)", sp.simplify(e_sq))
    else:
        e_sq = sp.integrate(p**2, (ph, -sp.pi / 2, sp.pi / 2)) / (2 * sp.pi)
        dv.step("E sigma(u^T x)^2 (active for cos phi >= 0)", sp.simplify(e_sq))
    g11 = _forms()["G"].subs({R_I: r, R_J: r, TH: 0, D: 2})
    cov = dv.step("E theta_1^2 - G_inf_11 (d = 2: r^2/4)", sp.simplify(e_sq - g11))
    res = [cov]
    if definition in ("ICLR", "linear"):
        theta = (v.T * x)[0, 0] / sp.sqrt(S)  # active region: sigma(z) = z
        grad = sp.Matrix([sp.diff(theta, e) for e in v])
        phi = x - (v.T * x)[0, 0] / S * v
        simp = norm_simplifier([(S, sv)])
        res.extend(dv.step("||v|| grad theta_i - sign * phi_i (active region)",
                           (sp.sqrt(S) * grad - grad_sign * phi).applyfunc(simp)))
        dv.step("inactive region: theta_i = 0 and phi_i = 0", sp.Integer(0))
    dv.conclude(sp.Matrix(res))
    return dv


def geometry(x_perp_claim: str = "gt_R", zero_rows: bool = True) -> Derivation:
    """(c), (d) of the App. D proof. D_i = {v : vᵀx_i = 0}.

    - "By Assumption 1, D_i ⊄ ∪_{j≠i} D_j": for non-parallel nonzero x_i, x_j the point
      z = x_j − (x_jᵀx̂_i)x̂_i lies in D_i and z ᵀx_j = (‖x_i‖²‖x_j‖² − (x_iᵀx_j)²)/‖x_i‖² > 0;
      with a zero row x_j = 0 (allowed by Assumption 1 as printed, ``zero_rows``), D_j = ℝ^d
      contains D_i (residual 1).
    - ‖x^{v⊥}‖ ≥ ‖x‖ − |xᵀv|/‖v‖ ≥ ‖x‖(1 − R/(2R)) = ‖x‖/2 for ‖v^{x⊥}‖ ≥ 2R, ‖v^x‖ ≤ R.
    - y ∈ D_i gives x_i^{y⊥} = x_i; the printed "‖x_i^{y⊥}‖ > R" (``x_perp_claim`` "gt_R")
      compares ‖x_i‖ with a radius R in v-space that scales with z (z → tz, R → tR), so it
      fails for t > ‖x_i‖/R; "positive" claims ‖x_i^{y⊥}‖ = ‖x_i‖ > 0 instead.
    """
    x, y = vector("x", 3), vector("y", 3)
    Xn, Pn, R, t = sp.symbols("X P R t", positive=True)
    dv = Derivation(title=f"App. D geometry (x_perp claim: {x_perp_claim}, zero rows "
                    f"allowed: {zero_rows})", scope="d = 3 symbolic entries; norms as "
                    "positive symbols X = ||x_i||, P = |x_i^T v|/||v|| <= X; R, t > 0",
                    symbols=(t, R, Xn, Pn),
                    admissible=lambda pt: pt[t] > 0 and pt[R] > 0 and 0 < pt[Xn] <= 1
                    and 0 < pt[Pn] <= pt[Xn])
    Sx = norm2(x)
    z = y - (x.T * y)[0, 0] / Sx * x
    res = [dv.step("z^T x_i", _z((z.T * x)[0, 0])),
           dv.step("z^T x_j - (||x_i||^2 ||x_j||^2 - (x_i^T x_j)^2)/||x_i||^2",
                   _z((z.T * y)[0, 0] - (Sx * norm2(y) - (x.T * y)[0, 0] ** 2) / Sx),
                   "> 0 iff x_i, x_j not parallel (Cauchy-Schwarz); D_i cap D_j is a proper "
                   "subspace of D_i, and finitely many cannot cover D_i")]
    if zero_rows:
        dv.step("x_j = 0: D_j = R^d contains D_i", sp.Integer(1))
        res.append(sp.Integer(1))
    res.append(dv.step("||x^{v perp}||^2 - (X - P)^2 - 2P(X - P)",
                       sp.expand((Xn**2 - Pn**2) - (Xn - Pn) ** 2 - 2 * Pn * (Xn - Pn)),
                       "||x^{v perp}||^2 = X^2 - P^2 and 2P(X - P) >= 0"))
    res.append(dv.step("X (1 - R/(2R)) - X/2", _z(Xn * (1 - R / (2 * R)) - Xn / 2),
                       "P = X ||v^{x}||/||v|| <= X R/(2R) since ||v|| >= ||v^{x perp}|| >= 2R"))
    yv = vector("w", 3)
    yy = yv - (x.T * yv)[0, 0] / Sx * x  # a point of D_i
    xperp = x - (yy.T * x)[0, 0] / norm2(yy) * yy
    res.extend(dv.step("x_i^{y perp} - x_i for y in D_i", xperp.applyfunc(sp.simplify) - x))
    if x_perp_claim == "gt_R":
        res.append(dv.step("z -> t z scales R -> t R: positive part of t R - ||x_i||",
                           sp.Max(0, t * R - Xn),
                           "printed: ||x_i^{y perp}|| > R 'by construction'"))
    else:
        res.append(dv.step("||x_i^{y perp}|| = X > 0", sp.Max(0, -Xn)))
    dv.conclude(sp.Matrix(res))
    return dv


# ======================================================================================
# §Z: trace and bounds, orthonormal data, near-parallel pairs, initial outputs
# ======================================================================================


def trace_and_bounds(g_diag_den: int = 2, trace_offset: int = -1,
                     norm_bound_den: int = 2) -> Derivation:
    """``dukler.Z.trace_and_bounds``: G∞_ii = r_i²/(2d), V∞_ii = (d−1)r_i²/(2d),
    H∞_ii = r_i²/2; tr V∞/tr G∞ = d − 1; μ0 ≤ min_i r_i²/(2d) ≤ 1/(2d), λ0 ≤ (d−1)min r²/(2d)
    < 1/2, ‖G∞‖₂ ≤ Σr_i²/(2d) ≤ n/(2d) (Assumption 1: r_i ≤ 1). The stated values carry the
    parameters: G∞_ii = r²/(g_diag_den·d), ratio d + trace_offset, ‖G∞‖₂ ≤ Σr²/(norm_bound_den·d)
    (decided on n = 1, where ‖G∞‖₂ = tr G∞)."""
    r = sp.Symbol("r", positive=True)
    Ssum = sp.Symbol("Sigma_r2", positive=True)  # Σ_i r_i²
    f = _forms()
    dv = Derivation(title="traces, diagonals and eigenvalue bounds of V_inf, G_inf",
                    scope="general d >= 2, r > 0 (n = 1 for the norm bound's tightness)",
                    symbols=(D, r), admissible=lambda pt: pt[D] >= 2 and 0 < pt[r] <= 1)
    diag = {R_I: r, R_J: r, TH: 0}
    gii, vii, hii = (dv.step(f"{k}_ii", sp.simplify(f[k].subs(diag))) for k in ("G", "V", "H"))
    res = [dv.step("G_ii - stated r^2/(g d)", sp.simplify(gii - r**2 / (g_diag_den * D))),
           dv.step("V_ii - (d-1) r^2/(2d)", sp.simplify(vii - (D - 1) * r**2 / (2 * D))),
           dv.step("H_ii - r^2/2", sp.simplify(hii - r**2 / 2))]
    ratio = dv.step("tr V/tr G = (d-1) Sigma/(2d) / (Sigma/(2d))",
                    sp.simplify(((D - 1) * Ssum / (2 * D)) / (Ssum / (2 * D))))
    res.append(dv.step("ratio - stated (d + offset)", sp.simplify(ratio - (D + trace_offset))))
    dv.step("lambda_min(A) <= e_i^T A e_i = A_ii (Rayleigh)", sp.Integer(0))
    res.append(dv.step("mu0 bound r^2/(2d) - 1/(2d) at r <= 1, positive part",
                       sp.Max(0, sp.simplify(gii.subs(r, 1) - 1 / (2 * D)))))
    res.append(dv.step("lambda0 bound (d-1)/(2d) - 1/2 (< 0)", sp.simplify(
        sp.Max(0, vii.subs(r, 1) - sp.Rational(1, 2) + 1 / (2 * D)))))
    dv.step("||A||_2 <= tr A for A PSD (eigenvalues >= 0)", sp.Integer(0))
    res.append(dv.step("n = 1: ||G_inf||_2 - stated bound, positive part",
                       sp.Max(0, sp.simplify(gii - r**2 / (norm_bound_den * D)))))
    dv.conclude(sp.Matrix(res))
    return dv


def orthonormal(lambda0_n_sign: int = -1, mu0_den: int = 2, alpha_star: int = 1,
                vnorm_n_min: int = 1) -> Iterator[Derivation]:
    """``dukler.Z.orthonormal``: x_i = e_i (n ≤ d). V∞ = a_V I + b_V 11ᵀ, G∞ = a_G I + b_G 11ᵀ
    with b_V = −b_G = −1/(2πd), a_V = (d−1)/(2d) + 1/(2πd), a_G = 1/(2d) − 1/(2πd).
    Stated (parameters): λ0 = (π(d−1) + 1 + sign·n)/(2πd), μ0 = (π−1)/(den·πd) (n ≥ 2),
    ‖V∞‖₂ = (π(d−1)+1)/(2πd) for n ≥ ``vnorm_n_min``, ‖G∞‖₂ = (π−1+n)/(2πd), H∞ = I/2, and
    κ(α) = λ_min/λ_max of Λ∞(α) = V∞/α² + G∞ maximal at α* = ``alpha_star``."""
    n = sp.Symbol("n", positive=True, integer=True)
    f = _forms()
    rest = {R_I: 1, R_J: 1}
    aV = _z((f["V"].subs(TH, 0) - f["V"].subs(TH, sp.pi / 2)).subs(rest))
    bV = _z(f["V"].subs(TH, sp.pi / 2).subs(rest))
    aG = _z((f["G"].subs(TH, 0) - f["G"].subs(TH, sp.pi / 2)).subs(rest))
    bG = _z(f["G"].subs(TH, sp.pi / 2).subs(rest))
    aH = _z((f["H"].subs(TH, 0) - f["H"].subs(TH, sp.pi / 2)).subs(rest))
    bH = _z(f["H"].subs(TH, sp.pi / 2).subs(rest))
    st = {
        "lambda0": (sp.pi * (D - 1) + 1 + lambda0_n_sign * n) / (2 * sp.pi * D),
        "vnorm": (sp.pi * (D - 1) + 1) / (2 * sp.pi * D),
        "mu0": (sp.pi - 1) / (mu0_den * sp.pi * D),
        "gnorm": (sp.pi - 1 + n) / (2 * sp.pi * D),
    }
    dv = Derivation(title="orthonormal data: spectra of V_inf, G_inf, H_inf and alpha*",
                    scope="general n >= 1, d >= max(n, 2) (eigenvectors 1 and 1-perp)",
                    symbols=(n, D), admissible=lambda pt: pt[n] >= 1 and pt[D] >= max(2, pt[n]))
    res = [dv.step("b_V + 1/(2 pi d)", _z(bV + 1 / (2 * sp.pi * D))),
           dv.step("b_G - 1/(2 pi d)", _z(bG - 1 / (2 * sp.pi * D))),
           dv.step("a_V - (d-1)/(2d) - 1/(2 pi d)",
                   _z(aV - (D - 1) / (2 * D) - 1 / (2 * sp.pi * D))),
           dv.step("a_G - 1/(2d) + 1/(2 pi d)",
                   _z(aG - 1 / (2 * D) + 1 / (2 * sp.pi * D))),
           dv.step("H_inf - I/2: a_H - 1/2, b_H", _z(aH - sp.Rational(1, 2))),
           dv.step("b_H", bH)]
    dv.step("(a I + b 11^T) 1 = (a + n b) 1; (a I + b 11^T) w = a w for w perp 1",
            sp.Integer(0), "eigenvalues a (multiplicity n - 1) and a + n b")
    res.append(dv.step("lambda0 (b_V < 0: a_V + n b_V) - stated",
                       _z(aV + n * bV - st["lambda0"])))
    res.append(dv.step("mu0 (b_G > 0: a_G, n >= 2) - stated", _z(aG - st["mu0"])))
    res.append(dv.step("||G_inf||_2 = a_G + n b_G - stated",
                       _z(aG + n * bG - st["gnorm"])))
    res.append(dv.step("||V_inf||_2 (n >= 2): a_V - stated", _z(aV - st["vnorm"]),
                       "a_V + n b_V = (pi(d-1)+1-n)/(2 pi d) in (0, a_V) for 1 <= n <= d"))
    if vnorm_n_min <= 1:
        res.append(dv.step("n = 1: ||V_inf||_2 = a_V + b_V - stated",
                           _z(aV + bV - st["vnorm"]),
                           "for n = 1 the only eigenvalue is a_V + b_V = (d-1)/(2d)"))
    lam_perp = aV / ALPHA**2 + aG
    lam_one = (aV + n * bV) / ALPHA**2 + aG + n * bG
    diff = dv.step("lambda_perp - lambda_1 of Lambda_inf(alpha)", _z(lam_perp - lam_one))
    res.append(dv.step("lambda_perp - lambda_1 - n (1/alpha^2 - 1)/(2 pi d)",
                       _z(diff - n * (1 / ALPHA**2 - 1) / (2 * sp.pi * D))))
    crossing = sp.solve(sp.Eq(diff, 0), ALPHA)
    dv.step("alpha > 0 with lambda_perp = lambda_1 (kappa = 1 = max)", sp.Matrix(crossing))
    res.append(dv.step("derived alpha* - stated", sp.Add(*[c - alpha_star for c in crossing])
                       if len(crossing) == 1 else sp.Integer(1)))
    res.append(dv.step("Lambda_inf(1) eigenvalue - 1/2", _z(lam_perp.subs(ALPHA, 1)
                                                                      - sp.Rational(1, 2))))
    dv.conclude(sp.Matrix(res))
    yield dv
    for nn in (2, 3):
        sub = Derivation(title=f"orthonormal data, n = {nn}: characteristic polynomials",
                         scope=f"n = {nn}, general d >= {max(nn, 2)}", symbols=(D,),
                         admissible=lambda pt, nn=nn: pt[D] >= max(nn, 2))
        Vm = sp.Matrix(nn, nn, lambda i, j: aV + bV if i == j else bV)
        Gm = sp.Matrix(nn, nn, lambda i, j: aG + bG if i == j else bG)
        lam = sp.Symbol("lam")
        rr = []
        for name, Mm, lo_name, hi_name in (("V", Vm, "lambda0", "vnorm"),
                                           ("G", Gm, "mu0", "gnorm")):
            ev = sp.roots(sp.factor(Mm.charpoly(lam).as_expr()), lam)
            evs = sorted(ev, key=lambda e: float(e.subs(D, max(nn, 2) + 7)))
            sub.step(f"eigenvalues of {name}_inf", sp.Matrix(evs))
            rr.append(sub.step(f"lambda_min({name}) - stated",
                               _z(evs[0] - st[lo_name].subs(n, nn))))
            rr.append(sub.step(f"lambda_max({name}) - stated",
                               _z(evs[-1] - st[hi_name].subs(n, nn))))
        sub.conclude(sp.Matrix(rr))
        yield sub


def near_parallel(lam_coeffs: tuple[str, str] = ("1/(2*pi)", "(d-1)/(4*d)"), lam_order: int = 1,
                  mu_coeffs: tuple[str, str] = ("1/(4*d)", "-1/(6*pi*d)"),
                  mu_order: int = 2) -> Derivation:
    """``dukler.Z.near_parallel``: for unit x_1, x_2 at angle θ the 2×2 matrices [[a, b],
    [b, a]] have eigenvalues a ± b, and near θ = 0 (b > 0) λ_min = a − b. Stated:
    λ0 = c1 θ^p + c2 θ^{p+1} + O(θ^{p+2}) and μ0 = c1' θ^q + c2' θ^{q+1} + O(θ^{q+2})."""
    f = _forms()
    th = sp.Symbol("theta", positive=True)
    dv = Derivation(title="near-parallel pair: series of lambda0 and mu0 in theta",
                    scope="general d >= 2, unit vectors, theta -> 0+", symbols=(D, th),
                    admissible=lambda pt: pt[D] >= 2 and 0 < pt[th] <= 1)
    a_, b_ = sp.symbols("a b", real=True)
    lam = sp.Symbol("lam")
    ev = sp.roots(sp.Matrix([[a_, b_], [b_, a_]]).charpoly(lam).as_expr(), lam)
    res = [dv.step("eigenvalues of [[a, b], [b, a]] minus {a - b, a + b}",
                   sp.Matrix(sorted(ev, key=str)) - sp.Matrix(sorted([a_ - b_, a_ + b_],
                                                                       key=str)))]
    for name, coeffs, order in (("V", lam_coeffs, lam_order), ("G", mu_coeffs, mu_order)):
        F = _unit(f[name]).subs(TH, th)
        res.append(dv.step(f"{name}(theta) at 0 (b > 0 near 0)", sp.Min(F.subs(th, 0), 0)))
        diff = F.subs(th, 0) - F
        ser = sp.series(diff, th, 0, order + 2).removeO()
        dv.step(f"series of {name}(0) - {name}(theta) to O(theta^{order + 2})", sp.expand(ser))
        c1, c2 = (sp.sympify(c, locals={"d": D, "pi": sp.pi}) for c in coeffs)
        stated = c1 * th**order + c2 * th ** (order + 1)
        trunc = sp.series(diff, th, 0, order + 2).removeO()
        res.append(dv.step(f"{name}: series - stated", sp.simplify(sp.expand(trunc - stated))))
    dv.conclude(sp.Matrix(res))
    return dv


def series_coefficients(kernel: str, order: int) -> list[sp.Expr]:
    """Taylor coefficients of λ_min(θ) (a − b for unit vectors) of V∞ or G∞, θ^0..θ^order."""
    th = sp.Symbol("theta", positive=True)
    F = _unit(_forms()[kernel]).subs(TH, th)
    ser = sp.series(F.subs(th, 0) - F, th, 0, order + 1).removeO()
    return [sp.simplify(ser.coeff(th, k)) for k in range(order + 1)]


def lambda_min_pair(kernel: str) -> sp.Expr:
    """λ_min(θ) = a − b for two unit vectors at angle θ near 0 (symbols θ, d)."""
    F = _unit(_forms()[kernel])
    return sp.simplify(F.subs(TH, 0) - F)


def output_covariance(d_power: int = 1, m_power: int = 0) -> Derivation:
    """``dukler.Z.init_output_cov``: under (2.4), E f(0) = 0 and Cov(f_i(0), f_j(0)) =
    d·G∞_ij = r_ir_j(sin θ + (π − θ)cos θ)/(2π) for every m. Stated: d^d_power·G∞·m^{−m_power}.
    Steps: w_k = g_k v_k/‖v_k‖ = v_k/α ~ N(0, I); with s_ik = σ(w_kᵀx_i) (independent of the
    signs c_k), E_c f_i f_j = (1/m) Σ_k s_ik s_jk (m = 3, the 2³ sign patterns); and
    E_w σ(wᵀx_i)σ(wᵀx_j) in polar coordinates in the plane of (x_i, x_j)."""
    m = 3
    msym = sp.Symbol("m", positive=True, integer=True)
    si = sp.symbols("s_1:4", nonnegative=True)
    sj = sp.symbols("t_1:4", nonnegative=True)
    v = vector("v", 3)
    S, sv = norm2(v), sp.Symbol("s_v", positive=True)
    th = sp.Symbol("theta", positive=True)
    dv = Derivation(title="covariance of the initial outputs: d G_inf",
                    scope="signs: m = 3 exact; weights: d = 3 symbolic; kernel: general d, "
                    "r_i, r_j > 0, theta in [0, pi]", symbols=(D, msym, R_I, R_J, th),
                    admissible=lambda pt: pt[D] >= 2 and pt[msym] >= 1 and pt[R_I] > 0
                    and pt[R_J] > 0 and 0 <= pt[th] <= sp.pi)
    simp = norm_simplifier([(S, sv)])
    w = dv.step("w_k(0) - v_k(0)/alpha with g_k = ||v_k||/alpha",
                (v * (sp.sqrt(S) / ALPHA) / sp.sqrt(S) - v / ALPHA).applyfunc(simp))
    pats = [[1 if (b >> k) & 1 else -1 for k in range(m)] for b in range(2**m)]
    fi = [sum(c[k] * si[k] for k in range(m)) / sp.sqrt(m) for c in pats]
    fj = [sum(c[k] * sj[k] for k in range(m)) / sp.sqrt(m) for c in pats]
    Ef = dv.step("E_c f_i", sp.Add(*fi) / 2**m)
    Eff = dv.step("E_c f_i f_j - (1/m) sum_k s_ik s_jk",
                  sp.expand(sp.Add(*[a * b for a, b in zip(fi, fj, strict=True)]) / 2**m
                            - sum(si[k] * sj[k] for k in range(m)) / m))
    rho, ph = sp.Symbol("rho", positive=True), sp.Symbol("phi", real=True)
    th = sp.Symbol("theta", positive=True)
    radial = sp.integrate(rho**3 * sp.exp(-rho**2 / 2), (rho, 0, sp.oo))
    ang = sp.integrate(sp.expand(sp.expand_trig(sp.cos(ph) * sp.cos(ph - th))),
                       (ph, th - sp.pi / 2, sp.pi / 2))
    ew = dv.step("E_w sigma(w^T x_i) sigma(w^T x_j)", _z(R_I * R_J * radial * ang
                                                                 / (2 * sp.pi)),
                 "density e^{-rho^2/2} rho/(2 pi); both active for phi in [theta - pi/2, pi/2]")
    arc = R_I * R_J * (sp.sin(th) + (sp.pi - th) * sp.cos(th)) / (2 * sp.pi)
    r_arc = dv.step("E_w[...] - arc-cosine kernel", _z(ew - arc))
    G = dk.closed_forms()["G"].subs(THETA_P, th)
    cov = dv.step("Cov = (1/m) m E_w[...] (E c_k^2 = 1)", ew)
    stated = D**d_power * G * msym ** (-m_power)
    r_cov = dv.step("Cov - stated d^p G_inf m^-q", _z(cov - stated))
    dv.conclude(sp.Matrix([*w, Ef, Eff, r_arc, r_cov]))
    return dv
