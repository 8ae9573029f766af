"""Wu, Dobriban, Ren, Wu, Li, Gunasekar, Ward, Liu, §3 (discrete time), in SymPy.

rPGD (Algorithm 2) on f(w, g) = ½‖A g w − y‖² with the Euclidean derivatives
∇_w f = g Aᵀ(gAw − y), ∇_g f = wᵀAᵀ(gAw − y) (not the formulas printed on l.141).
Π = Aᵀ(AAᵀ)⁻¹A, N = I − Π, x* = Aᵀ(AAᵀ)⁻¹y, g* = ‖x*‖, p = ‖w^⊥‖² = ‖Nw‖².

Each builder takes the parameters of the statement it decides (printed, corrected or a
perturbation) and returns a :class:`~derivations.core.Derivation` whose residual is 0 iff
that statement holds. Inequalities "lhs ≤ rhs" enter the residual as 0 when a sound
certificate exists (:func:`nonneg_certificate`: after a substitution that makes every symbol
nonnegative, ``rhs − lhs`` is a ratio of polynomials with coefficients of one sign) and as
``Max(0, lhs − rhs)`` otherwise, which is nonzero exactly where the inequality fails, so a
witness point is a genuine counterexample.

Orthogonal A (AAᵀ = I) is taken (a) fully symbolic for (m, d) = (1, 2) through the Cayley
transform A = first row of (I − S)(I + S)⁻¹, S = [[0, a], [−a, 0]]; (b) exact rational for
(m, d) ∈ {(1, 3), (2, 3), (2, 4), (3, 5)}: the first m rows of the Cayley transform of a
seeded random rational skew matrix (AAᵀ = I exactly). w, y, g are symbolic throughout.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sympy as sp

from derivations.concentration import poly_nonneg
from derivations.core import Derivation, norm2, vector

ORTH_SCOPE = ("orthogonal A: symbolic Cayley family (m, d) = (1, 2); exact rational Cayley "
              "matrices (m, d) ∈ {(1,3), (2,3), (2,4), (3,5)}; symbolic w, y, g")
ORTH_SHAPES = ((1, 3, 11), (2, 3, 12), (2, 4, 13), (3, 5, 14))
GEN_SCOPE = "general full-rank A with symbolic entries, (m, d) = (2, 3); symbolic w, y, g, η"


# =======================================================================================
# certificates and helpers


def nonneg_certificate(expr: Any, variables: Sequence[sp.Symbol]) -> bool:
    """True when ``expr`` ≥ 0 is certified by one-signed coefficients of its numerator and
    denominator (the rule of :func:`derivations.concentration.poly_nonneg`)."""
    return poly_nonneg(expr, variables)


def le(dv: Derivation, name: str, lhs: Any, rhs: Any, variables: Sequence[sp.Symbol],
       note: str = "") -> sp.Expr:
    """Record lhs ≤ rhs (variables ≥ 0); 0 when certified, else Max(0, lhs − rhs)."""
    dv.step(name, sp.Le(lhs, rhs, evaluate=False), note)
    if nonneg_certificate(sp.sympify(rhs) - sp.sympify(lhs), variables):
        return sp.Integer(0)
    return sp.Max(0, sp.factor(sp.cancel(sp.sympify(lhs) - sp.sympify(rhs))))


def _nonneg(*syms: sp.Symbol) -> Callable[[dict], bool]:
    return lambda pt: all(pt[s] >= 0 for s in syms if s in pt)


def _cancel(M: Any) -> Any:
    return M.applyfunc(sp.cancel) if isinstance(M, sp.MatrixBase) else sp.cancel(M)


def _conclude(dv: Derivation, pieces: list[Any]) -> Derivation:
    flat: list[sp.Expr] = []
    for p in pieces:
        if isinstance(p, sp.MatrixBase):
            flat.extend(list(p))
        else:
            flat.append(sp.sympify(p))
    dv.conclude(sp.Matrix(flat))
    if not dv.symbols and dv.reduced is not None:
        free = set().union(*(sp.sympify(e).free_symbols for e in dv.reduced))
        dv.symbols = tuple(sorted(free, key=str))
    return dv


def cayley_rational(d: int, seed: int) -> sp.Matrix:
    """An exact rational orthogonal d×d matrix: the Cayley transform of a seeded skew matrix."""
    rnd = random.Random(seed)
    S = sp.zeros(d, d)
    for i in range(d):
        for j in range(i + 1, d):
            a = sp.Rational(rnd.randint(-9, 9), rnd.randint(1, 9))
            S[i, j], S[j, i] = a, -a
    eye = sp.eye(d)
    return (eye - S) * (eye + S).inv()


def orthogonal_cases() -> Iterator[tuple[str, sp.Matrix, tuple[sp.Symbol, ...]]]:
    """(label, A with AAᵀ = I, the symbols A depends on)."""
    a = sp.Symbol("a", real=True)
    Q = sp.Matrix([[1 - a**2, -2 * a], [2 * a, 1 - a**2]]) / (1 + a**2)
    yield "Cayley (m, d) = (1, 2), symbolic a", Q[:1, :], (a,)
    for m, d, seed in ORTH_SHAPES:
        yield f"exact rational Cayley (m, d) = ({m}, {d})", cayley_rational(d, seed)[:m, :], ()


def general_matrix(m: int = 2, d: int = 3) -> sp.Matrix:
    return sp.Matrix(m, d, lambda i, j: sp.Symbol(f"A_{i + 1}{j + 1}", real=True))


def full_rank_ok(A: sp.Matrix) -> Callable[[dict], bool]:
    """Witness filter: A (symbolic entries) evaluated at the point has full row rank."""
    m = A.shape[0]
    fill = {A[i, j]: int(i == j) for i in range(m) for j in range(A.shape[1])}

    def ok(pt: dict) -> bool:
        Ap = A.subs(pt).subs(fill)  # entries the residual does not involve: [I 0]
        return bool((Ap * Ap.T).det() != 0)
    return ok


def grads_f(A: sp.Matrix, y: sp.Matrix, g: Any, w: sp.Matrix) -> tuple[sp.Matrix, sp.Expr]:
    """(∇_w f, ∇_g f) = (g Aᵀ(gAw − y), wᵀAᵀ(gAw − y)); the formula is the SymPy derivative of
    f = ½‖gAw − y‖², proved for general A by :func:`gradient_formula`."""
    e = g * A * w - y
    return g * A.T * e, (w.T * A.T * e)[0, 0]


def gradient_formula() -> Derivation:
    """∇_w f and ∇_g f of f = ½‖gAw − y‖² by SymPy differentiation equal :func:`grads_f`."""
    A = general_matrix()
    w, y, g = vector("w", 3), vector("y", 2), sp.Symbol("g", real=True)
    dv = Derivation("gradients of f by differentiation", GEN_SCOPE)
    f = norm2(g * A * w - y) / 2
    dw = dv.step("∂f/∂w", sp.Matrix([sp.diff(f, wi) for wi in w]))
    dg = dv.step("∂f/∂g", sp.diff(f, g))
    gw, gg = grads_f(A, y, g, w)
    dv.admissible = full_rank_ok(A)
    return _conclude(dv, [sp.expand(dw - gw), sp.expand(dg - gg)])


def _red(M: Any, symbolic: bool) -> Any:
    """Reduce a residual: ``cancel`` when A carries symbols, ``expand`` (polynomial in the
    free symbols up to powers of g) for exact rational A."""
    fn = sp.cancel if symbolic else (lambda e: sp.cancel(sp.expand(e)))
    return M.applyfunc(fn) if isinstance(M, sp.MatrixBase) else fn(M)


def _syms_orth(d: int, m: int) -> tuple[sp.Matrix, sp.Matrix, sp.Symbol]:
    return vector("w", d), vector("y", m), sp.Symbol("g", real=True, nonzero=True)


def _min_norm(A: sp.Matrix, y: sp.Matrix) -> sp.Matrix:
    return _cancel(A.T * (A * A.T).inv() * y)


# =======================================================================================
# Condition 3.1 and footnote 2


def hessian_footnote(g_power: int = 2) -> Derivation:
    """Footnote 2: ∇²_w f(w, g) = g² AᵀA (general A); ``g_power`` is the claimed exponent."""
    A = general_matrix()
    w, y, g = vector("w", 3), vector("y", 2), sp.Symbol("g", real=True)
    dv = Derivation("footnote 2: Hessian in w", GEN_SCOPE)
    H = dv.step("∇²_w f (differentiated)", sp.hessian(norm2(g * A * w - y) / 2, list(w)))
    claimed = dv.step("claimed", g**g_power * A.T * A)
    dv.admissible = full_rank_ok(A)
    return _conclude(dv, [sp.expand(H - claimed)])


def orth_spectrum(lam_power: int = 2) -> Iterator[Derivation]:
    """Footnote 2, orthogonal A: charpoly(AᵀA) = λ^{d−m}(λ − 1)^m, so the eigenvalues of
    g²AᵀA are g² (m times) and 0, and λ_max = g²; ``lam_power`` is the claimed exponent."""
    g = sp.Symbol("g", real=True, nonzero=True)
    lam = sp.Symbol("lambda")
    for label, A, _ in orthogonal_cases():
        m, d = A.shape
        dv = Derivation(f"footnote 2: spectrum of g²AᵀA, {label}", ORTH_SCOPE)
        dv.step("AAᵀ − I", _cancel(A * A.T - sp.eye(m)))
        P = _cancel(A.T * A)
        cp = dv.step("charpoly(AᵀA)", sp.factor(sp.cancel((lam * sp.eye(d) - P).det())))
        target = lam ** (d - m) * (lam - 1) ** m
        dv.step("λ_max(g²AᵀA) = g² · max{0, 1} = g²", g**2)
        yield _conclude(dv, [_cancel(A * A.T - sp.eye(m)), sp.expand(cp - target),
                             g**2 - g**lam_power])


def optimal_step(step: Any = 1) -> Iterator[Derivation]:
    """"Optimal step-size η_t = 1/g_t²" (Condition 3.1): for orthogonal A the step lands on a
    minimiser of the convex quadratic w ↦ f(w, g): ∇_w f(w − (s/g²)∇_w f, g) = 0 for s = 1
    (so exact line search along −∇_w f picks η = 1/g²). ``step`` is s."""
    s = sp.nsimplify(step)
    for label, A, syms in orthogonal_cases():
        m, d = A.shape
        w, y, g = _syms_orth(d, m)
        dv = Derivation(f"optimal step 1/g², {label}", ORTH_SCOPE)
        gw, _ = grads_f(A, y, g, w)
        v = dv.step("v = w − (s/g²)∇_w f", w - s / g**2 * gw)
        gv, _ = grads_f(A, y, g, v)
        yield _conclude(dv, [_red(dv.step("∇_w f(v, g)", gv), bool(syms))])


# =======================================================================================
# Lemma E.2, the split of v_t, eq. (19), the fixed-g closed form


def lemma_e2(g_power: int = 1) -> Iterator[Derivation]:
    """l.230: A w_{t+1} = A g*w*/(g_t‖v_t‖) with η_t = 1/g_t²; x* = g*w* = Aᵀ(AAᵀ)⁻¹y.
    Multiplied by ‖v_t‖ > 0: A v_t − A x*/g_t^k = 0 for k = ``g_power`` = 1."""
    for label, A, _ in orthogonal_cases():
        m, d = A.shape
        w, y, g = _syms_orth(d, m)
        dv = Derivation(f"Lemma E.2 identity, {label}", ORTH_SCOPE)
        gw, _ = grads_f(A, y, g, w)
        v = dv.step("v_t = w_t − (1/g_t²)∇_w f", w - gw / g**2)
        xs = dv.step("x* = g*w* = Aᵀ(AAᵀ)⁻¹y", _min_norm(A, y))
        dv.step("A x* = y (≠ 0 since y ≠ 0)", _cancel(A * xs - y))
        yield _conclude(dv, [_cancel(A * v - A * xs / g**g_power), _cancel(A * xs - y)])


def v_split() -> Iterator[Derivation]:
    """For orthogonal A and η = 1/g²: N v = N w, Π v = x*/g, ‖v‖² = ‖Nw‖² + ‖x*‖²/g²."""
    for label, A, syms in orthogonal_cases():
        m, d = A.shape
        w, y, g = _syms_orth(d, m)
        dv = Derivation(f"split of v_t, {label}", ORTH_SCOPE)
        gw, _ = grads_f(A, y, g, w)
        v = w - gw / g**2
        Pi = _cancel(A.T * (A * A.T).inv() * A)
        Nm = sp.eye(d) - Pi
        xs = _min_norm(A, y)
        sym = bool(syms)
        r1 = dv.step("N v − N w", _red(Nm * v - Nm * w, sym))
        r2 = dv.step("Π v − x*/g", _red(Pi * v - xs / g, sym))
        r3 = dv.step("vᵀ(Nw) − ‖Nw‖² (cross term (x*/g)ᵀNw = 0)",
                     _red((v.T * Nm * w)[0, 0] - (w.T * Nm * w)[0, 0], sym))
        r4 = dv.step("‖Πv‖² − ‖x*‖²/g²", _red((xs.T * xs)[0, 0] / g**2
                                               - (v.T * Pi * v)[0, 0], sym))
        yield _conclude(dv, [r1, r2, r3, r4])


def eq19(power: Any = 2) -> Derivation:
    """l.228 / eq. (19): ‖w_{t+1}^⊥‖² ≤ (g_t²/g*²)^{k/2}‖w_t^⊥‖² for k = ``power`` = 2.

    From :func:`v_split`: w_{t+1}^⊥ = Nw_t/‖v_t‖, so p_{t+1} = p_t/(p_t + g*²/g_t²) exactly
    (p = ‖w^⊥‖² ∈ [0, 1]); the slack of (19) is p²g⁴/(g*²(g²p + g*²)) ≥ 0 for every g ≠ 0."""
    p, G, gs = sp.symbols("p G g_star", nonnegative=True)  # G = g_t² > 0
    dv = Derivation("eq. (19): one-step map of p = ‖w^⊥‖²", "general: p ≥ 0, g_t² = G > 0, "
                    "g* > 0 (the split of v_t is proved by v_split)",
                    symbols=(p, G, gs), admissible=lambda pt: pt[p] >= 0 and pt[G] > 0
                    and pt[gs] > 0)
    pn = dv.step("p_{t+1} = p_t/‖v_t‖² = p_t/(p_t + g*²/g_t²)", sp.cancel(p / (p + gs**2 / G)))
    rhs = dv.step("claimed bound", (G / gs**2) ** (sp.sympify(power) / 2) * p)
    dv.step("slack (k = 2)", sp.factor(sp.cancel(G * p / gs**2 - pn)))
    return _conclude(dv, [le(dv, "(19)", pn, rhs, (p, G, gs))])


def fixed_g_closed_form() -> Derivation:
    """γ = 0 (g fixed): u_t = 1/p_t obeys u_{t+1} = a u_t + 1, a = g*²/g² (from eq19), so
    u_t = a^t u_0 + (a^t − 1)/(a − 1); the first t with p_t ≤ ε² is
    ⌈log((ε⁻² + k)/(u_0 + k))/log a⌉, k = 1/(a − 1) = g_0²/δ_0."""
    u, a, t, G, gs, p = sp.symbols("u a t G g_star p", positive=True)
    dv = Derivation("fixed-g closed form of 1/p_t", "general: a = g*²/g² ≠ 1, t symbolic")
    rec = dv.step("1/p_{t+1} − (a/p_t + 1)", sp.cancel((p + gs**2 / G) / p - (gs**2 / G / p + 1)))
    ut = dv.step("u_t", a**t * u + (a**t - 1) / (a - 1))
    step = dv.step("u_{t+1} − (a u_t + 1)", sp.simplify(ut.subs(t, t + 1) - (a * ut + 1)))
    init = sp.simplify(ut.subs(t, 0) - u)
    k = dv.step("1/(a − 1) at a = g*²/g_0²", sp.cancel(1 / (gs**2 / G - 1)))
    return _conclude(dv, [rec, step, init, sp.cancel(k - G / (gs**2 - G))])


# =======================================================================================
# Lemma E.4: the g-update


def g_increment(t_index: int = 0, restrict: bool = False) -> Iterator[Derivation]:
    """g_{t+1} − g_t = −γ∇_g f(w_t, g_t) = γ(yᵀAw_t − g_t‖Aw_t‖²).

    ``t_index = 0`` (as printed, "for any g_0 > 0"): w_0 an arbitrary unit vector; with
    c = w*ᵀw_0 ∈ [−√(1−p_0), √(1−p_0)] the increment is γ(g*c − g_0(1 − p_0)), not of one
    sign (w_0 = −w*: −γ(g* + g_0) < 0). ``t_index = 1`` (the corrected statement): w_t =
    v_{t−1}/‖v_{t−1}‖ with g_{t−1} > 0, so Aw_t = s y/g*, s = g*/(g_{t−1}‖v_{t−1}‖) = ‖Aw_t‖
    ∈ (0, 1], and the increment is γ s (g* − g_t s) ≥ 0 whenever g_t ≤ g* (``restrict``)."""
    if t_index == 0:
        gam, gs, g0 = sp.symbols("gamma g_star g_0", positive=True)
        p0, r = sp.Symbol("p_0", nonnegative=True), sp.Symbol("r", real=True)
        dv = Derivation("Lemma E.4 at t = 0", "general: 0 < g_0 < g*, unit w_0 with p_0 = "
                        "‖w_0^⊥‖², c = w*ᵀw_0 = r(1 − p_0), r ∈ [−1, 1] (so c² ≤ 1 − p_0), γ > 0",
                        symbols=(r, p0, g0, gs, gam),
                        admissible=lambda pt: pt[gam] > 0 and 0 < pt[g0] < pt[gs]
                        and 0 <= pt[p0] <= 1 and -1 <= pt[r] <= 1)
        c = r * (1 - p0)
        inc = dv.step("g_1 − g_0 = γ(y^TAw_0 − g_0‖Aw_0‖²) = γ(g*c − g_0(1 − p_0))",
                      gam * (gs * c - g0 * (1 - p0)))
        return iter([_conclude(dv, [sp.Max(0, -inc)])])
    return _g_increment_later(restrict)


def _g_increment_later(restrict: bool) -> Iterator[Derivation]:
    gam, gs, k, z = sp.symbols("gamma g_star k z", nonnegative=True)
    gg = sp.Symbol("g_t", positive=True)
    sign_syms = (gam, gs, k, z) if restrict else (gam, gs, k, gg)
    for label, A, syms in orthogonal_cases():
        m, d = A.shape
        w, y, gp = _syms_orth(d, m)
        g, nv = sp.symbols("g_t n_v", positive=True)
        dv = Derivation(f"Lemma E.4 for t ≥ 1, {label}", ORTH_SCOPE + "; g_{t−1} > 0, g_t > 0"
                        + ("; g_t ≤ g*" if restrict else ""), symbols=sign_syms,
                        admissible=_nonneg(*sign_syms))
        gwp, _ = grads_f(A, y, gp, w)
        v = w - gwp / gp**2  # v_{t−1}; w_t = v/‖v‖ with ‖v‖ kept as the symbol n_v > 0
        wt = v / nv
        sym = bool(syms)
        r1 = dv.step("A w_t − y/(g_{t−1}‖v_{t−1}‖)", _red(A * wt - y / (gp * nv), sym))
        _, dg = grads_f(A, y, g, wt)
        inc = -sp.Symbol("gamma") * dg
        ys = sp.sqrt(norm2(y))  # = g* for orthogonal A
        s = ys / (gp * nv)
        claimed = dv.step("γ s (g* − g_t s), s = ‖A w_t‖ = g*/(g_{t−1}‖v_{t−1}‖)",
                          sp.Symbol("gamma") * s * (ys - g * s))
        r2 = _red(inc - claimed, sym)
        # sign: s = 1/(1 + k) ∈ (0, 1]; g_t = g* − z (restricted) or any g_t > 0
        sv = 1 / (1 + k)
        gt = gs - z if restrict else gg
        r3 = le(dv, "0 ≤ γ s (g* − g_t s)", sp.Integer(0), gam * sv * (gs - gt * sv), sign_syms)
        yield _conclude(dv, [r1, r2, r3])


# =======================================================================================
# Theorem 3.2: expressions, limits, orders


def _thm_symbols() -> dict[str, sp.Symbol]:
    return dict(zip(("q", "rho", "L", "gam2", "gs"),
                    sp.symbols("q rho L gamma_2 g_star", positive=True), strict=True))


def gamma1_order(log_power: int = 1) -> Derivation:
    """eq. (20) / l.228: γ^(1) = (ρ/L) q² log((1 − ρ)/q + ρ), L = log(1/ε), is of order
    1/L^k for k = ``log_power`` = 1: lim_{L→∞} γ^(1) L^k is finite and nonzero
    (ρ ∈ (0, 1), q = g_0/g* ∈ (0, 1)); at ρ = 1 it vanishes (l.228)."""
    s = _thm_symbols()
    q, rho, L = s["q"], s["rho"], s["L"]
    dv = Derivation("order of γ^(1) in ε", "general: ρ ∈ (0,1), q ∈ (0,1), L = log(1/ε) → ∞")
    g1 = dv.step("γ^(1)", rho / L * q**2 * sp.log((1 - rho) / q + rho))
    lim = dv.step("lim_{L→∞} γ^(1) L^k", sp.limit(g1 * L**log_power, L, sp.oo))
    finite_nonzero = bool(lim.is_finite) and lim != 0 and not lim.has(sp.oo, sp.zoo)
    at1 = dv.step("γ^(1) at ρ = 1", sp.simplify(g1.subs(rho, 1)))
    return _conclude(dv, [sp.Integer(0 if finite_nonzero else 1), at1])


def convexity_identity() -> Derivation:
    """g*² − ρδ_0 − ((1 − ρ)g* + ρg_0)² = ρ(1 − ρ)(g* − g_0)² ≥ 0 (suite's own step)."""
    gs, g0, rho = sp.symbols("g_star g_0 rho", positive=True)
    dv = Derivation("convexity bound behind log((1 − ρ)g*/g_0 + ρ)", "general")
    lhs = gs**2 - rho * (gs**2 - g0**2) - ((1 - rho) * gs + rho * g0) ** 2
    return _conclude(dv, [sp.expand(lhs - rho * (1 - rho) * (gs - g0) ** 2)])


def exact_count_b(q: Any, eps: Any, p0: Any) -> Any:
    """Case (b) phase 1: the real number whose ceiling is the exact first t with p_t ≤ ε²
    (fixed g = q g*), from :func:`fixed_g_closed_form` (p_0 > ε² assumed)."""
    q, eps, p0 = sp.sympify(q), sp.sympify(eps), sp.sympify(p0)
    k = q**2 / (1 - q**2)
    return sp.log((eps ** -2 + k) / (1 / p0 + k)) / sp.log(1 / q**2)


def thm32b_t1(form: str = "printed") -> Derivation:
    """Theorem 3.2 (b): T_1 = O((g_0²/δ_0) log(1/ε)) with a universal constant.

    With w_0 ∈ ker A (p_0 = 1), the exact count N (:func:`exact_count_b`) over the printed
    expression E = (q²/(1 − q²))L, L = log(1/ε), tends to ∞ as q → 0 at fixed ε, so no
    constant works (``form = "printed"``). ``form = "corrected"``: N ≤ L/log(1/q) (the
    corrected bound ⌈log(1/ε)/log(g*/g_0)⌉), certified from (X + k)/(Y + k) ≤ X/Y (X ≥ Y)."""
    q, L = sp.symbols("q L", positive=True)
    dv = Derivation(f"Theorem 3.2(b) T_1 ({form})", "general: q = g_0/g* ∈ (0, 1), ε < 1, "
                    "p_0 ∈ (ε², 1]")
    if form == "printed":
        N = dv.step("exact count (p_0 = 1)", exact_count_b(q, sp.exp(-L), 1))
        E = dv.step("printed expression", q**2 / (1 - q**2) * L)
        lim = dv.step("lim_{q→0+} N/E at L = 1", sp.limit(sp.simplify(N / E).subs(L, 1), q, 0,
                                                              "+"))
        return _conclude(dv, [sp.Integer(0 if (lim.is_finite and lim != sp.oo) else 1)])
    Y, k, z = sp.symbols("Y k z", nonnegative=True)  # X = ε⁻² = Y + z, Y = 1/p_0 ≥ 1
    r = le(dv, "(X + k)/(Y + k) ≤ X/Y for X = Y + z ≥ Y > 0, k ≥ 0",
           (Y + z + k) / (Y + k), (Y + z) / Y, (Y, z, k))
    dv.step("hence N ≤ log(ε⁻² p_0)/log(1/q²) ≤ log(1/ε)/log(1/q)", sp.Integer(0))
    return _conclude(dv, [r])


def printed_expressions() -> dict[str, sp.Expr]:
    """The printed iteration-count expressions of Theorem 3.2 (O-constants = 1)."""
    gs, g0, d0, rho, eps, gam2 = sp.symbols("g_star g_0 delta_0 rho epsilon gamma_2",
                                            positive=True)
    return {
        "T1a": gs**2 / (rho * d0) * sp.log(1 / eps),
        "T2a": sp.log((rho * d0 / gs**2) ** 2 / eps) / gam2,
        "T1b": g0**2 / d0 * sp.log(1 / eps),
        "T2b": sp.log(sp.sqrt(d0 / gs**2) / eps) / gam2,
        "gamma1": rho / sp.log(1 / eps) * (g0 / gs) ** 2 * sp.log((1 - rho) * gs / g0 + rho),
    }


def disc_tradeoffs(sign_t1: int = -1, sign_t2: int = 1) -> Derivation:
    """l.226–228 on the printed expressions: δ_0 is in the denominator of T_1 and the
    numerator of T_2 (∂T_1/∂δ_0 < 0 < ∂T_2/∂δ_0, both cases); smaller ρ gives larger T_1 and
    smaller T_2 (case (a)); (g*)²/(ρδ_0) → ∞ as ρ → 0 or δ_0 → 0; the (a)/(b) ratio of the
    T_1 expressions at ρ = 1 is (g*/g_0)²; γ^(1) = 0 at ρ = 1. ``sign_t1``/``sign_t2`` are
    the claimed signs of ∂T/∂δ_0 (printed −1, +1)."""
    e = printed_expressions()
    gs, g0, d0, rho, eps = sp.symbols("g_star g_0 delta_0 rho epsilon", positive=True)
    L = sp.Symbol("L", positive=True)  # log(1/ε)
    dv = Derivation("Theorem 3.2 discussion: monotonicity of the printed counts",
                    "general: all symbols positive, ε < 1, where the logs are positive",
                    symbols=(gs, g0, d0, rho, eps, L), admissible=lambda pt: all(
                        v > 0 for v in pt.values()) and pt[eps] < 1 and pt[rho] <= 1)
    sub = {sp.log(1 / eps): L}
    res: list[Any] = []
    for key in ("T1a", "T1b"):
        der = dv.step(f"∂{key}/∂δ_0", sp.simplify(sp.diff(e[key], d0).subs(sub)))
        res.append(sp.Max(0, sp.factor(-sign_t1 * der)))
    for key in ("T2a", "T2b"):
        der = dv.step(f"∂{key}/∂δ_0", sp.simplify(sp.diff(e[key], d0)))
        res.append(sp.Max(0, sp.factor(-sign_t2 * der)))
    dr1 = dv.step("∂T1a/∂ρ", sp.simplify(sp.diff(e["T1a"], rho).subs(sub)))
    dr2 = dv.step("∂T2a/∂ρ", sp.simplify(sp.diff(e["T2a"], rho)))
    res += [sp.Max(0, sp.factor(dr1)), sp.Max(0, sp.factor(-dr2))]
    dv.step("lim_{ρ→0} g*²/(ρδ_0)", sp.limit(gs**2 / (rho * d0), rho, 0, "+"))
    dv.step("lim_{δ_0→0} g*²/(ρδ_0)", sp.limit(gs**2 / (rho * d0), d0, 0, "+"))
    ratio = dv.step("T1a(ρ = 1)/T1b", sp.simplify(e["T1a"].subs(rho, 1) / e["T1b"]))
    res.append(sp.simplify(ratio - (gs / g0) ** 2))
    res.append(dv.step("γ^(1) at ρ = 1", sp.simplify(e["gamma1"].subs(rho, 1))))
    return _conclude(dv, res)


def gstar_norm_y(factor: Any = 1) -> Iterator[Derivation]:
    """l.226: g* = ‖y‖ for orthogonal A: ‖Aᵀ(AAᵀ)⁻¹y‖² = c‖y‖² with c = ``factor`` = 1."""
    for label, A, _ in orthogonal_cases():
        y = vector("y", A.shape[0])
        dv = Derivation(f"g* = ‖y‖, {label}", ORTH_SCOPE)
        xs = _min_norm(A, y)
        yield _conclude(dv, [sp.cancel(norm2(xs) - sp.sympify(factor) * norm2(y))])


def escape(g_power: int = 1) -> Iterator[Derivation]:
    """l.230: yᵀA w_{t+1} = ‖y‖²/(g_t‖v_t‖) ≠ 0 (so (g_{t+1}, w_{t+1}) ∉ 𝒮 for any w_t,
    g_t ≠ 0): times ‖v_t‖, yᵀAv_t − ‖y‖²/g_t^k = 0 for k = ``g_power`` = 1."""
    for label, A, _ in orthogonal_cases():
        m, d = A.shape
        w, y, g = _syms_orth(d, m)
        dv = Derivation(f"escape from 𝒮, {label}", ORTH_SCOPE)
        gw, _ = grads_f(A, y, g, w)
        v = w - gw / g**2
        yield _conclude(dv, [sp.cancel((y.T * A * v)[0, 0] - norm2(y) / g**g_power)])


# =======================================================================================
# General A: sphere vs ball, ‖v_t‖ ≥ 1 + δ (Proposition 3.3, App. E.3 reconstructed)


def rescaling(eta_power: int = 2) -> Derivation:
    """l.244 "WLOG scale A so that its largest singular value is one": Algorithm 2's w-step
    with fixed g is unchanged under (A, y, η) → (A/s, y/s, s^k η) for k = ``eta_power`` = 2
    (f scales by 1/s², so the stepsize rule must be η = 1/(g²λ_max), not 1/g²)."""
    A = general_matrix()
    w, y = vector("w", 3), vector("y", 2)
    g, eta, s = sp.symbols("g eta s", positive=True)
    dv = Derivation("rescaling A in Algorithm 2", GEN_SCOPE + ", s > 0")
    gw, _ = grads_f(A, y, g, w)
    gw2, _ = grads_f(A / s, y / s, g, w)
    v1 = w - eta * gw
    v2 = w - s**eta_power * eta * gw2
    dv.admissible = full_rank_ok(A)
    return _conclude(dv, [sp.expand(v1 - v2)])


def ball_threshold() -> Derivation:
    """The minimisers of ‖Ag_0w − y‖² over the ball and over the sphere coincide iff the
    zero-loss set {w : g_0Aw = y} has no point of norm < 1; its least-norm point is x*/g_0,
    of norm g*/|g_0| (general A). Hence: equal iff |g_0| ≤ g*. The ball problem is convex:
    its Hessian 2g_0²AᵀA is a Gram matrix (and the ball is a convex set)."""
    A = general_matrix()
    y = vector("y", 2)
    g0 = sp.Symbol("g_0", real=True, nonzero=True)
    dv = Derivation("sphere vs ball: threshold |g_0| = g*", GEN_SCOPE)
    G = A * A.T
    Dxs = A.T * G.adjugate() * y  # D·x*, D = det(AAᵀ)
    r1 = dv.step("D·(g_0 A (x*/g_0) − y)", sp.expand(A * Dxs - G.det() * y))
    dv.step("‖x*/g_0‖ = ‖x*‖/|g_0| = g*/|g_0| (homogeneity of the norm)", sp.Integer(0))
    w = vector("w", 3)
    H = sp.hessian(norm2(g0 * A * w - y), list(w))
    r3 = dv.step("Hessian − 2 (g_0A)ᵀ(g_0A)", sp.expand(H - 2 * (g0 * A).T * (g0 * A)))
    dv.admissible = full_rank_ok(A)
    return _conclude(dv, [r1, r3])


def sphere_ball_counterexample(g0: Any = 2, predict: str = "never") -> Derivation:
    """A = [1, 0], y = 1 (g* = 1), w_0 = (0, 1), g fixed at g_0, η = 1/g_0²: p_{t+1} =
    p_t/(p_t + 1/g_0²), ‖v_t‖² = p_t + 1/g_0². For g_0 ≥ 1 the set {p ≥ p* = 1 − 1/g_0²} is
    invariant and contains p_0 = 1, so ‖v_t‖ ≥ 1 for all t (the hypothesis of l.236). The
    least-norm zero-loss point (1/g_0, 0) has norm 1/|g_0|: for |g_0| > 1 it is an interior
    minimiser of the ball problem, absent from the sphere's, so the minimiser sets differ.
    ``predict``: "never" (l.236 as printed: the sets are equal under the hypothesis) or
    "threshold:c" (equal iff |g_0| ≤ c g*). Residual: the certificates and |actual − predicted|."""
    z = sp.Symbol("z", nonnegative=True)
    g0 = sp.sympify(g0)
    pstar = 1 - 1 / g0**2
    dv = Derivation(f"sphere vs ball at g_0 = {g0} (A = [1, 0], y = 1, w_0 = (0, 1))",
                    "exact instance", symbols=(z,), admissible=lambda pt: pt[z] >= 0)
    pieces: list[Any] = []
    if g0 >= 1:
        pp = pstar + z  # p ≥ p*
        pn = dv.step("p_{t+1} at p = p* + z", sp.cancel(pp / (pp + 1 / g0**2)))
        pieces.append(le(dv, "p* ≤ p_{t+1} (invariance)", pstar, pn, (z,)))
        pieces.append(le(dv, "1 ≤ ‖v_t‖² = p_t + 1/g_0²", sp.Integer(1), pp + 1 / g0**2, (z,)))
    inside = dv.step("‖(1/g_0, 0)‖ (least-norm zero-loss point)", 1 / abs(g0))
    differ = 1 if inside < 1 else 0
    dv.step("minimiser sets differ (1) / coincide (0)", sp.Integer(differ))
    if predict == "never":
        predicted = 0
    else:
        predicted = int(bool(abs(g0) > sp.nsimplify(predict.split(":")[1])))
    pieces.append(sp.Integer(abs(differ - predicted)))
    return _conclude(dv, pieces)


def ball_convexity(claim_nonconvex: bool = True) -> Derivation:
    """l.236 calls both problems non-convex. The ball problem min ‖Ag_0w − y‖² s.t. ‖w‖ ≤ 1
    is convex: its Hessian 2(g_0A)ᵀ(g_0A) is a Gram matrix and the ball is convex. Residual:
    the Gram identity and the indicator that the claimed qualifier is wrong."""
    A = general_matrix()
    y, w = vector("y", 2), vector("w", 3)
    g0 = sp.Symbol("g_0", real=True, nonzero=True)
    dv = Derivation("the ball problem is convex", GEN_SCOPE)
    H = sp.hessian(norm2(g0 * A * w - y), list(w))
    r = dv.step("Hessian − 2(g_0A)ᵀ(g_0A)", sp.expand(H - 2 * (g0 * A).T * (g0 * A)))
    dv.step("claimed non-convex (1) / convex (0)", sp.Integer(int(claim_nonconvex)))
    dv.admissible = full_rank_ok(A)
    return _conclude(dv, [r, sp.Integer(int(claim_nonconvex))])


def vnorm_split() -> Derivation:
    """App. E.3 (reconstructed) (i): v_t^⊥ = w_t^⊥ for every stepsize η, since NAᵀ = 0.
    With D = det(AAᵀ) and adj(AAᵀ): D·N = D·I − Aᵀ adj(AAᵀ) A is a polynomial matrix."""
    A = general_matrix()
    w, y = vector("w", 3), vector("y", 2)
    g, eta = sp.symbols("g eta", real=True)
    dv = Derivation("v_t^⊥ = w_t^⊥ (any η)", GEN_SCOPE + "; D = det(AAᵀ) ≠ 0")
    G = A * A.T
    DN = G.det() * sp.eye(3) - A.T * G.adjugate() * A
    r1 = dv.step("D · N Aᵀ", sp.expand(DN * A.T))
    gw, _ = grads_f(A, y, g, w)
    r2 = dv.step("D · (N v − N w)", sp.expand(DN * (w - eta * gw) - DN * w))
    dv.admissible = full_rank_ok(A)
    return _conclude(dv, [r1, r2])


def vnorm_bound(denominator: Any = 2, stepsize: Any = 1, lam_factor: bool = True) -> Derivation:
    """App. E.3 (reconstructed) (ii), in SVD coordinates A = [diag(σ), 0] (rPGD is equivariant
    under orthogonal changes of coordinates of w and y), λ_max = 1 ≥ σ_i² ≥ λ_min > 0:

    v^∥ = (I − s Σ²)w^∥ + s Σ² x*/g for η = s/g² (checked entrywise, m = 2, d = 3);
    ‖v‖ ≥ ‖v^∥‖ ≥ s λ_min g*/g − max_i|1 − sσ_i²| ‖w^∥‖ (triangle inequality, ‖Σ²x*‖ ≥
    λ_min‖x*‖); at s = 1 and ‖w^∥‖ ≤ 1 the lower bound decreases in g, so it suffices to take
    g at the hypothesis' boundary g = λ_min g*/(c + δ) (c = ``denominator`` = 2; without the
    factor λ_min when ``lam_factor`` is False): the bound minus (1 + δ) is λ_min + c − 2 ≥ 0."""
    s1, s2, lmin, gs, delta = sp.symbols("sigma_1 sigma_2 lambda_min g_star delta",
                                         positive=True)
    w1, w2, w3, x1, x2 = sp.symbols("w_1 w_2 w_3 x_1 x_2", real=True)
    g, s = sp.Symbol("g", positive=True), sp.sympify(stepsize)
    dv = Derivation("‖v_t‖ ≥ 1 + δ under Proposition 3.3's condition", "SVD coordinates, "
                    "(m, d) = (2, 3) for the identity; general for the final arithmetic "
                    "(λ_min ∈ (0, 1], δ > 0)", symbols=(lmin, delta, gs),
                    admissible=lambda pt: 0 < pt[lmin] <= 1 and pt[delta] > 0 and pt[gs] > 0)
    A = sp.Matrix([[s1, 0, 0], [0, s2, 0]])
    w = sp.Matrix([w1, w2, w3])
    xs = sp.Matrix([x1, x2, 0])
    y = A * xs
    gw, _ = grads_f(A, y, g, w)
    v = w - s / g**2 * gw
    Sig2 = sp.diag(s1**2, s2**2, 0)
    claimed = sp.Matrix([w1, w2, 0]) - s * Sig2 * sp.Matrix([w1, w2, 0]) + s * Sig2 * xs / g
    r1 = dv.step("v^∥ − [(I − sΣ²)w^∥ + sΣ²x*/g]", sp.expand(sp.Matrix([v[0], v[1], 0])
                                                          - claimed))
    r2 = dv.step("v^⊥ − w^⊥", sp.expand(v[2] - w3))
    gval = (lmin if lam_factor else 1) * gs / (denominator + delta)
    lower = dv.step("λ_min g*/g − (1 − λ_min) at the boundary, s = 1",
                    sp.cancel(lmin * gs / gval - (1 - lmin)))
    r3 = le(dv, "1 + δ ≤ lower bound", 1 + delta, lower, (lmin, delta, gs))
    return _conclude(dv, [r1, r2, r3])


# =======================================================================================
# Appendix A (reconstructed): adaptive ℓ2 regularization


def adaptive_l2(flow: str = "L-S2", with_projection: bool = True) -> Derivation:
    """(i) rPGD: w_{t+1} = v_t − λ_t v_t, λ_t = 1 − 1/‖v_t‖; WN: w_{t+1}/‖w_{t+1}‖ =
    (1 − λ_t) w_{t+1}/‖w_t‖, λ_t = 1 − ‖w_t‖/‖w_{t+1}‖ ∈ [0, 1) because wᵀ∇_w h = 0.
    (ii) along a candidate WN flow (catalog §0.3), x = g w obeys ẋ = −M∇L(x), L(x) =
    ½‖Ax − y‖², with M = c wwᵀ + g² P (L-S2), wwᵀ + c g² P (L-S1), c wwᵀ + g³ P (F-R2),
    −(c wwᵀ + g² P) (F-R1); P = I − wwᵀ on ‖w‖ = 1. ``with_projection = False`` (a
    perturbation) drops P from M."""
    A = general_matrix()
    d = 3
    w, y = vector("w", d), vector("y", 2)
    g, c = sp.Symbol("g", real=True), sp.Symbol("c", nonnegative=True)
    dv = Derivation(f"adaptive ℓ2 view ({flow})", GEN_SCOPE + "; (ii) on ‖w‖ = 1 with "
                    "P = I − wwᵀ")
    # (i) rPGD: w_{t+1} = v/‖v‖ = v − λv with λ = 1 − 1/‖v‖ (‖v‖ = n_v > 0)
    nv = sp.Symbol("n_v", positive=True)
    v = vector("v", d)
    r1 = dv.step("rPGD: v/‖v‖ − (v − λv)", sp.expand(v / nv - (v - (1 - 1 / nv) * v)))
    # WN: ∇_w h by the chain rule through n = ‖w‖ (∂n/∂w = w/n), then wᵀ∇_w h on n² = ‖w‖²
    n = sp.Symbol("n", positive=True)
    h = norm2(g * A * w / n - y) / 2
    gh = sp.Matrix([sp.diff(h, wi) for wi in w]) + sp.diff(h, n) * w / n
    num = sp.expand(sp.numer(sp.together((w.T * gh)[0, 0])))
    r2 = dv.step("WN: numerator of wᵀ∇_w h mod (n² − ‖w‖²) (so ‖w_{t+1}‖² = ‖w_t‖² + η²‖∇_w h‖²)",
                 sp.rem(num, n**2 - norm2(w), n))
    # (ii) the candidate flows on the sphere: P = I − wwᵀ (‖w‖ = 1); ∇L(x) = G is kept as a
    # symbolic vector (the identity is linear in it), so the scope is any A and y
    G = vector("G", d)
    P = sp.eye(d) - w * w.T
    wg = (w.T * G)[0, 0]
    fl = {"L-S2": (-c * wg, -g * P * G), "L-S1": (-wg, -c * g * P * G),
          "F-R2": (-c * wg, -g * P * (g * G)), "F-R1": (c * wg, g * P * G)}
    Ms = {"L-S2": (c, g**2), "L-S1": (1, c * g**2), "F-R2": (c, g**3), "F-R1": (-c, -g**2)}
    gdot, wdot = fl[flow]
    a_w, a_p = Ms[flow]
    Pm = P if with_projection else sp.eye(d)
    M = dv.step("M (eigenvalue a_w on w, a_P on w^⊥)", a_w * w * w.T + a_p * Pm)
    dv.step("a_w, a_P (M ⪰ 0 iff both ≥ 0)", sp.Matrix([a_w, a_p]))
    xdot = gdot * w + g * wdot
    r3 = dv.step("ẋ + M∇L (∇L = G)", sp.expand(xdot + M * G))
    return _conclude(dv, [r1, r2, r3])


def prop33_negative_g0() -> Derivation:
    """Proposition 3.3 as printed admits every g_0 ≤ g*λ_min/(2 + δ), including negative g_0
    of any size. A = [1, 0], y = 1 (λ_min = λ_max = 1, g* = 1), δ = 1, g_0 = −1 (≤ 1/3),
    w_0 = (0, 1), η = 1/g_0²: p_{t+1} = p_t/(p_t + 1), i.e. p_t = p_0/(1 + t p_0), so
    ‖w_t^⊥‖ ≤ ε = 1/10 first at t = 99 while ⌈T_1⌉ = ⌈log 10/log 2⌉ = 4."""
    p, t = sp.symbols("p t", nonnegative=True)
    dv = Derivation("Proposition 3.3 with g_0 = −g* (A = [1, 0], y = 1, δ = 1)", "exact instance")
    closed = p / (1 + t * p)
    r1 = dv.step("p_{t+1} − p_t/(p_t + 1) on p_t = p_0/(1 + t p_0)",
                 sp.simplify(closed.subs(t, t + 1) - closed / (closed + 1)))
    count = dv.step("first t with p_t ≤ 1/100 at p_0 = 1", sp.Integer(99))
    T1 = dv.step("⌈T_1⌉ = ⌈log(1/ε)/log(1 + δ)⌉", sp.ceiling(sp.log(10) / sp.log(2)))
    dv.step("p_99 = 1/100 and p_98 = 1/99 > 1/100", sp.Matrix([closed.subs({p: 1, t: 99}),
                                                              closed.subs({p: 1, t: 98})]))
    return _conclude(dv, [r1, sp.Max(0, count - T1)])
