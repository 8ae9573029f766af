"""Concentration steps of Dukler, Gu, Montúfar (ICLR appendices B–E), derived in SymPy.

Each builder returns a :class:`~derivations.core.Derivation` whose residual is 0 iff the
statement it is given follows from the proof's steps. Inequalities are decided by one sound
certificate (:func:`poly_nonneg`): after the substitutions a step names (log n = log 2 + a,
log(1/δ) = b, (m/δ)^{1/d} = 1 + γ, exp(−u) = 1/(1 + z), all new symbols ≥ 0), the gap
``rhs − lhs`` is a rational function whose numerator and denominator have coefficients of
one sign. A gap without a certificate enters the residual as Max(0, lhs − rhs), which is
nonzero exactly where the inequality fails, so a witness point is a genuine counterexample.

Proof references are to ``001_64a1f130ce7498ac.txt`` (the ICLR version with appendices).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import sympy as sp
import sympy.stats as ss

from derivations.core import Derivation, norm2, norm_simplifier, vector

_NONNEG = {"nonnegative": True, "real": True}


def poly_nonneg(expr: Any, variables: Sequence[sp.Symbol]) -> bool:
    """A certificate that ``expr`` ≥ 0 for all nonnegative ``variables``: the numerator and
    denominator of ``expr`` (as polynomials in ``variables``) have coefficients of one sign,
    decided at 60 digits. False means "no certificate", not "negative"."""
    e = sp.cancel(sp.together(sp.expand(sp.sympify(expr))))
    if e == 0:
        return True
    if not e.free_symbols:
        v = sp.N(e, 60)
        return bool(v.is_real and v >= 0)
    num, den = sp.fraction(e)

    def signs(p: sp.Expr) -> set[int] | None:
        try:
            poly = sp.Poly(sp.expand(p), *variables)
        except (sp.PolynomialError, sp.polys.polyerrors.GeneratorsNeeded):
            return None
        out: set[int] = set()
        for c in poly.coeffs():
            v = sp.N(c, 60)
            if not v.is_number or not v.is_real:
                return None
            if v > 0:
                out.add(1)
            elif v < 0:
                out.add(-1)
        return out

    sn, sd = signs(num), signs(den)
    if sn is None or sd is None or not sd:
        return False
    if not sn:
        return True
    return (sn | sd) <= {1} or (sn | sd) <= {-1}


def _le(
    dv: Derivation, name: str, lhs: Any, rhs: Any, variables: Sequence[sp.Symbol], note: str = ""
) -> sp.Expr:
    """Record the step lhs ≤ rhs; 0 when certified, else Max(0, lhs − rhs)."""
    dv.step(name, sp.Le(lhs, rhs, evaluate=False), note)
    if poly_nonneg(sp.sympify(rhs) - sp.sympify(lhs), variables):
        return sp.Integer(0)
    return sp.Max(0, sp.simplify(sp.sympify(lhs) - sp.sympify(rhs)))


def _eq(dv: Derivation, name: str, lhs: Any, rhs: Any, note: str = "") -> sp.Expr:
    """Record lhs = rhs; the residual is the simplified difference."""
    dv.step(name, sp.Eq(lhs, rhs, evaluate=False), note)
    return sp.simplify(sp.sympify(lhs) - sp.sympify(rhs))


def _nonneg_ok(*syms: sp.Symbol):
    return lambda pt: all(pt[s] >= 0 for s in syms if s in pt)


def _conclude(dv: Derivation, pieces: list[Any]) -> Derivation:
    dv.conclude(sp.Matrix([sp.sympify(p) for p in pieces]), simplifier=lambda e: e)
    return dv


# =======================================================================================
# Lemmas B.1 / B.2: entrywise Hoeffding, union bound, Frobenius, width condition


def entrywise_hoeffding(kernel: str = "V") -> tuple[Derivation, sp.Expr]:
    """Proof of Lemma B.1 (l.3026–3118) and B.2 (l.3120–3153), as printed.

    The summands of V_ij(0) lie in [−1, 1] (width 2), those of G_ij(0) in [0, 1] (width 1).
    Hoeffding at t = 2√(log(n²/δ)/m) has tail 2exp(−2mt²/w²) ≤ δ/n² (n ≥ 2, δ ≤ 1); the
    union step 2√log(n²/δ) ≤ 4√log(n/δ); the Frobenius bound 4n√(log(n/δ)/m); and the width
    m* = 256 n² log(n/δ)/λ² solving 4n√(log(n/δ)/m) = λ/4 (λ = λ0 for V, μ0 for G).
    Returns the derivation and m* (in the symbols n, delta, lam).
    """
    width = {"V": 2, "G": 1}[kernel]
    a, b, z = sp.symbols("a b z", **_NONNEG)
    m, lam = sp.symbols("m lam", positive=True)
    n, delta = sp.symbols("n delta", positive=True)
    A = sp.log(2) + a  # log n, n ≥ 2
    dv = Derivation(
        title=f"Lemma B.{1 if kernel == 'V' else 2}: Hoeffding, union and Frobenius steps "
        f"({kernel}, summands of width {width})",
        scope="general: n ≥ 2 (log n = log 2 + a), 0 < δ ≤ 1 (log(1/δ) = b), m > 0",
        symbols=(a, b, z, m, lam),
        admissible=_nonneg_ok(a, b, z),
    )
    L2 = 2 * A + b  # log(n²/δ)
    t2 = 4 * L2 / m  # t² with t = 2√(log(n²/δ)/m)
    k = sp.Rational(2, width**2) * 4 - 1  # exponent of exp(−k log(n²/δ)) in tail/(δ/n²)
    dv.step("Hoeffding tail at t", 2 * sp.exp(-2 * m * t2 / width**2),
            f"summands in an interval of width {width}; t = 2 sqrt(log(n^2/delta)/m)")
    # tail/(δ/n²) = 2 exp(−k (2A + b)) = 2^{1−2k} exp(−k(2a + b)); exp(−u) = 1/(1+z), z ≥ 0
    ratio = 2 ** (1 - 2 * k) / (1 + z)
    pieces = [
        _eq(dv, "tail/(delta/n^2) = 2 exp(-k log(n^2/delta))",
            2 * sp.exp(-2 * m * t2 / width**2) * sp.exp(L2), 2 * sp.exp(-k * L2)),
        _eq(dv, "2 exp(-k(2 log 2 + 2a + b)) = 2^(1-2k) exp(-k(2a + b))",
            2 * sp.exp(-k * L2), 2 ** (1 - 2 * k) * sp.exp(-k * (2 * a + b))),
        _le(dv, "tail <= delta/n^2", ratio, 1, [z],
            "exp(-k(2a+b)) = 1/(1+z) with z >= 0 (exp(-u) <= 1 for u >= 0)"),
        # union step: 2√log(n²/δ) ≤ 4√log(n/δ)  ⇔  4(2A + b) ≤ 16(A + b)
        _le(dv, "union: (2 sqrt(log(n^2/delta)))^2 <= (4 sqrt(log(n/delta)))^2",
            4 * L2, 16 * (A + b), [a, b]),
    ]
    frob2 = dv.step("Frobenius^2 = n^2 entries * 16 log(n/delta)/m",
                    n**2 * 16 * sp.log(n / delta) / m)
    mstar = sp.expand_log(sp.solve(sp.Eq(sp.sqrt(frob2), lam / 4), m)[0], force=True)
    dv.step("width m* solving 4 n sqrt(log(n/delta)/m) = lam/4", mstar, "sympy.solve")
    pieces.append(_eq(dv, "m* = 256 n^2 log(n/delta)/lam^2", mstar,
                      256 * n**2 * sp.log(n / delta) / lam**2))
    return _conclude(dv, pieces), mstar


@cache
def _width_b1_fn() -> Any:
    _, mstar = entrywise_hoeffding("V")
    return sp.lambdify(sp.symbols("n delta lam", positive=True), mstar, "math")


def width_b1(n: int, delta: float, lam: float) -> float:
    """m* = 256 n² log(n/δ)/λ² (solved by :func:`entrywise_hoeffding`, lambdified)."""
    return float(_width_b1_fn()(n, delta, lam))


# =======================================================================================
# Lemma D.1: Bernstein for dominated indicator sums


def bernstein_d1(const_p: Any = 2, const_log: Any = "8/3") -> Derivation:
    """Proof of Lemma D.1 (l.2916–3024) deciding S ≤ const_p·p + const_log·log(1/δ)/m
    (printed: p(2 + 8 log(1/δ)/(3mp)), i.e. const_p = 2, const_log = 8/3)."""
    p, m, r0 = sp.symbols("p m r0", positive=True)
    s, L = sp.symbols("s L", **_NONNEG)  # r = 1 + s ≥ 1, L = log(1/δ) ≥ 0
    r = 1 + s
    dv = Derivation(
        title=f"Lemma D.1: S <= {const_p} p + {const_log} log(1/delta)/m",
        scope="general: p, m > 0, r >= 1, 0 < delta <= 1",
        symbols=(p, m, s, L),
        admissible=lambda pt: pt[p] > 0 and pt[m] > 0 and pt[s] >= 0 and pt[L] >= 0,
    )
    bern = dv.step("Bernstein exponent at t = r p", (p * r) ** 2 / 2 / (p / m + p * r / (3 * m)),
                   "sum of variances <= p/m, summands <= 1/m")
    pieces = [
        _le(dv, "1 + r/3 <= 4r/3 (r >= 1)", 1 + r / 3, 4 * r / 3, [s]),
        _le(dv, "Bernstein exponent >= 3prm/8", 3 * p * r * m / 8, bern, [p, m, s]),
    ]
    sol = sp.solve(sp.Eq(sp.exp(-3 * p * r0 * m / 8), sp.exp(-L)), r0)[0]
    pieces.append(_eq(dv, "exp(-3prm/8) = delta solved: r p = 8 log(1/delta)/(3m)", sol * p,
                      8 * L / (3 * m)))
    derived = p * (2 + 8 * L / (3 * m * p))
    Ltilde = 8 * L / (3 * m)
    pieces += [
        _le(dv, "p(1 + 8L/(3mp)) <= p(2 + 8L/(3mp))", p + Ltilde, derived, [p, m, L]),
        _le(dv, "2p <= p(2 + 8L/(3mp))", 2 * p, derived, [p, m, L]),
        _le(dv, "derived bound <= stated bound", derived,
            sp.nsimplify(const_p) * p + sp.nsimplify(const_log) * L / m, [p, m, L]),
    ]
    return _conclude(dv, pieces)


# =======================================================================================
# Lemma B.3: the sign-change chain


def sign_change_chain(d_step: str = "printed", width: str = "printed") -> Derivation:
    """Proof of Lemma B.3 (l.3155–3408) with c = (m/δ)^{1/d} = 1 + γ ≥ 1.

    (c) (2m/δ)^{1/d} ≤ 2(m/δ)^{1/d} (d = 1..6). (d) the bound on (1/m)Σ1_{A_ik} + (1/m)Σ1_{A_jk}
    that Lemma D.1 gives with p = 2R_v/(α√(2π)) and δ/(2n²) for each of the two sums,
    2p(2 + 8 log(2n²/δ)/(3mp)), against the printed p(2 + 2√(2π)α log(2n²/δ)/(3mR_v))
    (``d_step="printed"``) or the re-derived one (``"corrected"``). (e) the entry bound
    ≤ 12R_v c/α at the width ``width``: "printed" m ≥ 32√(2π) n c log(2n²/δ)/λ0 (the width
    that makes the printed (d) ≤ 8R_v/(α√(2π))), "corrected" m ≥ 512 n c log(2n²/δ)/
    (λ0(4c − 8/√(2π))). (f) n·12R_v c/α = λ0/8 at R_v = αλ0/(96 n c).
    """
    gam, s = sp.symbols("gamma s", **_NONNEG)
    al, lam, n, Lp = sp.symbols("alpha lambda_0 n Lprime", positive=True)
    c = 1 + gam
    Rv = al * lam / (96 * n * c)
    p = 2 * Rv / (al * sp.sqrt(2 * sp.pi))
    dv = Derivation(
        title=f"Lemma B.3 chain: step (d) {d_step}, width {width}",
        scope="general: alpha, lambda_0, n, log(2n^2/delta) > 0, c = (m/delta)^(1/d) >= 1; "
        "(c) for d = 1..6",
        symbols=(gam, s, al, lam, n, Lp),
        admissible=_nonneg_ok(gam, s),
    )
    pieces: list[Any] = [
        _le(dv, f"(c) 2^(1/{d}) <= 2", sp.Integer(2) ** sp.Rational(1, d), 2, [])
        for d in range(1, 7)
    ]
    if width == "printed":
        m = 32 * sp.sqrt(2 * sp.pi) * n * c * Lp / lam * (1 + s)
    else:
        m = 512 * n * c * Lp / (lam * (4 * c - 8 / sp.sqrt(2 * sp.pi))) * (1 + s)
    dv.step("width m (times 1 + s, s >= 0)", m)
    derived = 2 * p * (2 + 8 * Lp / (3 * m * p))
    printed_d = p * (2 + 2 * sp.sqrt(2 * sp.pi) * al * Lp / (3 * m * Rv))
    stated = printed_d if d_step == "printed" else derived
    dv.step("(d) as D.1 gives it: 2 sums, p = 2R_v/(alpha sqrt(2 pi)), delta/(2n^2)", derived)
    pieces.append(_le(dv, "(d) D.1 bound <= stated (d) bound", derived, stated,
                      [gam, s, al, lam, n, Lp]))
    if d_step == "printed":
        pieces.append(_le(dv, "(d) stated <= 8 R_v/(alpha sqrt(2 pi))", stated, 4 * p,
                          [gam, s, al, lam, n, Lp]))
        entry = 4 * p + 8 * Rv * c / al
    else:
        entry = stated + 8 * Rv * c / al
    pieces.append(_le(dv, "(e) entry bound <= 12 R_v c/alpha", entry, 12 * Rv * c / al,
                      [gam, s, al, lam, n, Lp]))
    pieces.append(_eq(dv, "(f) n 12 R_v c/alpha = lambda_0/8", n * 12 * Rv * c / al, lam / 8))
    return _conclude(dv, pieces)


def width_b3(n: int, c: float, log2n2d: float, lam: float, which: str) -> float:
    """The width condition of Lemma B.3 that the (printed or corrected) chain needs."""
    import math

    if which == "printed":
        return 32 * math.sqrt(2 * math.pi) * n * c * log2n2d / lam
    return 512 * n * c * log2n2d / (lam * (4 * c - 8 / math.sqrt(2 * math.pi)))


# =======================================================================================
# Lemma B.10 and its Remark: the χ² lower tail


def chi2_lower_tail(ds: Sequence[int] = (1, 2, 3, 4, 5, 6), factor_power: int = 1,
                    exponent: Any = 1) -> Derivation:
    """Proof of Lemma B.10 (l.3937–3970) with explicit constants (suite entry
    ``Z.explicit_constants``): P(χ²_d ≤ x) ≤ (x/2)^{d/2}/Γ(d/2 + 1) from
    γ(s, y) ≤ y^s/s; at x = (δ/m)^{2/d} the union over m neurons gives
    δ/(2^{d/2}Γ(d/2+1)) ≤ δ. The stated bound is δ/(2^{d/2}Γ(d/2+1))^factor_power
    (printed lemma: factor_power = 0, the explicit version: 1) with the radius exponent
    ``exponent``/d (printed 1)."""
    y, x, mm, de = sp.symbols("y x m delta", positive=True)
    z = sp.Symbol("z", **_NONNEG)
    dv = Derivation(
        title=f"Lemma B.10: chi^2 lower tail, d in {list(ds)}",
        scope=f"d in {list(ds)}, x, m, delta > 0",
        symbols=(mm, de, z),
        admissible=lambda pt: pt[mm] >= 1 and 0 < pt[de] <= 1 and pt[z] >= 0,
    )
    pieces: list[Any] = []
    for d in ds:
        sh = sp.Rational(d, 2)
        X = ss.ChiSquared(f"X{d}", d)
        cdf = ss.cdf(X)(x)
        pieces.append(_eq(dv, f"d={d}: chi2 CDF = lowergamma(d/2, x/2)/Gamma(d/2)",
                          cdf, sp.lowergamma(sh, x / 2) / sp.gamma(sh)))
        gap = y**sh / sh - sp.lowergamma(sh, y)
        dgap = sp.simplify(sp.diff(gap, y))
        pieces.append(_eq(dv, f"d={d}: d/dy (y^s/s - gamma(s,y)) = y^(s-1)(1 - e^-y)", dgap,
                          y ** (sh - 1) * (1 - sp.exp(-y))))
        # gap(0) = 0 and gap' ≥ 0 because e^{−y} = 1/(1 + z) ≤ 1
        pieces.append(_le(dv, f"d={d}: 1 - e^-y >= 0", 0, 1 - 1 / (1 + z), [z]))
        xr = (de / mm) ** (sp.Integer(2) * sp.nsimplify(exponent) / d)
        bound_x = (xr / 2) ** sh / sp.gamma(sh + 1)
        fac = 2**sh * sp.gamma(sh + 1)
        pieces.append(_eq(dv, f"d={d}: m (x/2)^(d/2)/Gamma(d/2+1) at x=(delta/m)^(2/d)",
                          sp.powsimp(sp.expand_power_base(mm * bound_x, force=True), force=True),
                          mm * (de / mm) ** sp.nsimplify(exponent) / fac))
        stated = de / fac**factor_power
        pieces.append(_le(dv, f"d={d}: union bound <= stated failure probability",
                          mm * (de / mm) ** sp.nsimplify(exponent) / fac, stated, [mm, de]))
    return _conclude(dv, pieces)


def b10_remark(claim_log10: int = 80, d: int = 50, inv_norm: int = 10) -> Derivation:
    """Remark after Lemma B.10 (l.1494–1519), d = 50, α = 1: max_k 1/‖v_k(0)‖ ≥ 10 becomes
    likely only when m/δ ≳ 1/P(χ²_50 ≤ 1/100) (exact, ≈ 5.2·10^82), against the lemma's
    own (m/δ)^{1/50} = 10 (10^50); their ratio is the printed factor (d/2)!·2^{d/2} up to
    e^{1/200}. Decides "m/δ must reach 10^claim_log10"."""
    xq = sp.Rational(1, inv_norm**2)
    sh = sp.Rational(d, 2)
    F = sp.lowergamma(sh, xq / 2) / sp.gamma(sh)
    need = 1 / F
    lemma_level = sp.Integer(inv_norm) ** d
    dv = Derivation(title=f"Remark (Assumption 2): m/delta needed for max 1/||v|| >= "
                    f"{inv_norm} at d = {d}", scope=f"exact numbers, d = {d}, alpha = 1")
    dv.step("exact P(chi2_d <= 1/100)", F)
    dv.step("m/delta where m P = delta (first order, exact P)", sp.N(need, 30))
    dv.step("lemma-level (m/delta)^(1/d) = 10", lemma_level)
    ratio = need / (lemma_level * sp.factorial(sh) * 2**sh)
    pieces = [
        _le(dv, f"10^{claim_log10} <= needed m/delta", sp.Integer(10) ** claim_log10, need, []),
        _le(dv, "ratio exact/lemma-level >= (d/2)! 2^(d/2)", 1, ratio, []),
        _le(dv, "ratio exact/lemma-level <= (d/2)! 2^(d/2) e^(x/2)", ratio,
            sp.exp(xq / 2), []),
        _eq(dv, "without Assumption 2: exponent d/(d-1) = 1 + 1/(d-1)",
            sp.Rational(d, d - 1), 1 + sp.Rational(1, d - 1)),
    ]
    return _conclude(dv, pieces)


# =======================================================================================
# Lemma B.9: sub-Gaussian coordinates (cosh domination), union and triangle inequality


def residual_chain(n_power: Any = "1/2", proxy: Any = 1) -> Derivation:
    """Proof of Lemma B.9 (l.3874–3935) with an explicit constant (``Z.explicit_constants``).

    z = c σ(wᵀx), c = ±1 independent of w ~ N(0, I), ‖x‖ = r ≤ 1: E e^{λz} = E cosh(λσ(wᵀx))
    ≤ E cosh(λ wᵀx) = e^{λ²r²/2} ≤ e^{λ²/2} (variance proxy 1); Chernoff for √m f_i = Σ z_k
    gives P(|f_i| > τ) ≤ 2e^{−τ²/2}; τ = √(2 log(2n/δ)) makes it δ/n; with the union bound and
    ‖·‖₂ ≤ √n‖·‖_∞: ‖f(0) − y‖₂ ≤ √n(‖y‖_∞ + τ). Decides the stated n^{n_power} and a stated
    variance proxy ``proxy``."""
    lam, r, t, mm = sp.symbols("lambda r t m", positive=True)
    w = sp.Symbol("w", real=True)
    n, de = sp.symbols("n delta", positive=True)
    ell = sp.Symbol("ell", positive=True)  # log(2n/δ) > 0
    dv = Derivation(
        title=f"Lemma B.9: ||f(0)-y|| <= n^{n_power}(||y||_inf + sqrt(2 {proxy} log(2n/delta)))",
        scope="general: lambda, t, m > 0, ||x|| = r <= 1, n >= 1, 0 < delta <= 1",
        symbols=(n, de, ell),
        admissible=lambda pt: pt[n] >= 1 and 0 < pt[de] <= 1 and pt[ell] > 0,
    )
    pieces: list[Any] = []
    pieces.append(_eq(dv, "E_c e^(lambda c s) = cosh(lambda s), c = +-1",
                      (sp.exp(lam * w) + sp.exp(-lam * w)) / 2, sp.cosh(lam * w)))
    # cosh(λσ(u)) ≤ cosh(λu): equal for u ≥ 0; for u < 0, cosh(λu) − 1 = 2 sinh²(λu/2) ≥ 0
    pieces.append(_eq(dv, "cosh(lambda u) - cosh(0) = 2 sinh(lambda u/2)^2",
                      (sp.cosh(lam * w) - 1).rewrite(sp.exp),
                      (2 * sp.sinh(lam * w / 2) ** 2).rewrite(sp.exp)))
    mgf = ss.moment_generating_function(ss.Normal("Zb9", 0, 1))
    pieces.append(_eq(dv, "E cosh(lambda w^T x) = (M(lambda r) + M(-lambda r))/2 "
                      "= exp(lambda^2 r^2/2), M the N(0,1) MGF (sympy.stats)",
                      (mgf(lam * r) + mgf(-lam * r)) / 2, sp.exp(lam**2 * r**2 / 2)))
    # Chernoff: inf_λ exp(−λt + mλ²/2) at λ = t/m
    lam_opt = sp.solve(sp.diff(-lam * t + mm * lam**2 / 2, lam), lam)[0]
    pieces.append(_eq(dv, "Chernoff optimum for sum of m proxy-1 terms: exp(-t^2/(2m))",
                      sp.exp(-lam_opt * t + mm * lam_opt**2 / 2), sp.exp(-t**2 / (2 * mm))))
    tau = sp.sqrt(2 * sp.log(2 * n / de))
    pieces.append(_eq(dv, "2 exp(-tau^2/2) at tau = sqrt(2 log(2n/delta)) is delta/n",
                      2 * sp.exp(-tau**2 / 2), de / n))
    # stated per-coordinate bound √(2·proxy·ℓ) against τ = √(2ℓ), ℓ = log(2n/δ) > 0
    pieces.append(_le(dv, "tau^2 <= stated per-coordinate bound^2 (ell = log(2n/delta) > 0)",
                      2 * ell, 2 * sp.nsimplify(proxy) * ell, [ell]))
    # ‖·‖₂ ≤ √n‖·‖_∞ against the stated n^p: n^p ≥ √n for all n ≥ 1 iff p ≥ 1/2
    npow = sp.nsimplify(n_power)
    dv.step("||v||_2 <= sqrt(n) ||v||_inf against the stated n^p", sp.sqrt(n) - n**npow)
    pieces.append(_le(dv, "exponent 1/2 <= stated exponent p", sp.Rational(1, 2), npow, []))
    if npow < sp.Rational(1, 2):
        pieces.append(sp.Max(0, sp.sqrt(n) - n**npow))
    return _conclude(dv, pieces)


# =======================================================================================
# def.Si and Lemma C.1


def si_characterization(d: int, norm_power: int = 1) -> Derivation:
    """def.Si (l.1677–1680): over the ball ‖v − v0‖ ≤ R, min vᵀx = v0ᵀx − R‖x‖ and
    max vᵀx = v0ᵀx + R‖x‖ (Cauchy–Schwarz, attained at v0 ∓ R x/‖x‖), so k ∈ S_i(R) iff
    −R‖x_i‖ ≤ v_k(0)ᵀx_i < R‖x_i‖. Decides the threshold R‖x‖^norm_power (printed proofs
    use "‖x_i‖ = 1", i.e. norm_power = 0)."""
    v0, x, dl = vector("v", d), vector("x", d), vector("Delta", d)
    R = sp.Symbol("R", positive=True)
    S, sx = norm2(x), sp.Symbol("s_x", positive=True)
    simp = norm_simplifier([(S, sx)])
    dv = Derivation(
        title=f"def.Si characterization, d = {d}, threshold R||x||^{norm_power}",
        scope=f"symbolic entries, d = {d}, 0 < ||x|| <= 1 (Assumption 1), R > 0",
        symbols=(*x, R),
        admissible=lambda pt: 0 < sum(pt[xi] ** 2 for xi in x) <= 1 and pt[R] > 0,
    )
    lag = sum((dl[i] * x[j] - dl[j] * x[i]) ** 2 for i in range(d) for j in range(i + 1, d))
    pieces = [_eq(dv, "Lagrange identity ||D||^2||x||^2 - (D^T x)^2 = sum of squares",
                  sp.expand(norm2(dl) * S - (dl.T * x)[0, 0] ** 2), sp.expand(lag))]
    vmin = v0 - R * x / sp.sqrt(S)
    at_min = dv.step("v^T x at v0 - R x/||x||", (vmin.T * x)[0, 0])
    pieces.append(simp(at_min - ((v0.T * x)[0, 0] - R * sp.sqrt(S))))
    pieces.append(simp(norm2(vmin - v0) - R**2))
    thr = R * sp.sqrt(S) ** norm_power
    dv.step("stated threshold", thr)
    pieces.append(simp(R * sp.sqrt(S) - thr))
    return _conclude(dv, pieces)


def c1_constants(coef: Any, log_coef: Any) -> Derivation:
    """Lemma C.1 (l.1684–1697, proof l.3974–4021): the statement's first term √2 mR/(√π α)
    equals the proof's 2mR/(α√(2π)) = m p; erf(x) ≤ 2x/√π; and Lemma D.1 with
    p = 2R/(α√(2π)) and δ/n gives |S_i| ≤ m p(2 + 8 log(n/δ)/(3mp)) = 2mp + 8 log(n/δ)/3.
    Decides |S_i| ≤ coef·mR/α + log_coef·log(n/δ)."""
    m, R, al, L = sp.symbols("m R alpha L", positive=True)
    xx = sp.Symbol("x", positive=True)
    z = sp.Symbol("z", **_NONNEG)
    p = 2 * R / (al * sp.sqrt(2 * sp.pi))
    dv = Derivation(
        title=f"Lemma C.1: |S_i| <= {coef} m R/alpha + {log_coef} log(n/delta)",
        scope="general: m, R, alpha > 0, L = log(n/delta) > 0",
        symbols=(m, R, al, L),
        admissible=lambda pt: all(pt[s] > 0 for s in (m, R, al, L)),
    )
    pieces = [
        _eq(dv, "sqrt(2)/sqrt(pi) = 2/sqrt(2 pi)", sp.sqrt(2) / sp.sqrt(sp.pi),
            2 / sp.sqrt(2 * sp.pi)),
        _eq(dv, "d/dx (2x/sqrt(pi) - erf x) = 2(1 - e^{-x^2})/sqrt(pi)",
            sp.diff(2 * xx / sp.sqrt(sp.pi) - sp.erf(xx), xx),
            2 * (1 - sp.exp(-xx**2)) / sp.sqrt(sp.pi)),
        _le(dv, "1 - e^{-x^2} >= 0", 0, 1 - 1 / (1 + z), [z], "e^{-x^2} = 1/(1+z)"),
    ]
    derived = sp.expand(m * p * (2 + 8 * L / (3 * m * p)))
    dv.step("Lemma D.1 bound on |S_i| (p = 2R/(alpha sqrt(2 pi)), delta/n)", derived)
    stated = sp.nsimplify(coef) * m * R / al + sp.nsimplify(log_coef) * L
    pieces.append(_le(dv, "D.1 bound <= stated bound", derived, stated, [m, R, al, L]))
    return _conclude(dv, pieces)


# =======================================================================================
# §6(a) via Lemma C.3: the exponent of α in the direction change


def lazy_exponent(exponent: Any = -2) -> Derivation:
    """The α-exponent of the direction-change proxy (suite entry ``Z.explicit_constants``):
    ‖v_k(s) − v_k(0)‖/‖v_k(0)‖ ≤ 8√n‖f(0) − y‖/(α√m ω) · 1/(α√d) (Lemma C.3 with ω = μ0 and
    ‖v_k(0)‖ ≈ α√d); d log(proxy)/d log α against ``exponent``."""
    al, n, r0, m, om, d = sp.symbols("alpha n r0 m omega d", positive=True)
    proxy = 8 * sp.sqrt(n) * r0 / (al * sp.sqrt(m) * om) / (al * sp.sqrt(d))
    dv = Derivation(title=f"Lemma C.3 proxy: exponent of alpha = {exponent}",
                    scope="general: alpha, n, m, omega, d > 0, omega fixed (= mu_0)")
    dv.step("direction-change proxy", proxy)
    slope = sp.simplify(al * sp.diff(sp.log(proxy), al))
    return _conclude(dv, [_eq(dv, "d log(proxy)/d log(alpha)", slope, sp.nsimplify(exponent))])
