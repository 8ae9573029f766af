"""Wu, Dobriban, Ren, Wu, Li, Gunasekar, Ward, Liu §1.1–§2 (WN and rPGD on over-parametrized
least squares), derived in SymPy.

Each builder takes the parameters of the statement it decides (printed, corrected or
perturbed) and returns a :class:`~derivations.core.Derivation` whose residual is 0 iff the
statement holds on the stated scope. The setting is symbolic: A has symbolic real entries
(m×d with (m, d) ∈ SHAPES), y ∈ ℝ^m, g ∈ ℝ, c > 0, and the direction w lies *exactly* on the
unit sphere through the rational inverse stereographic map
w(u) = (2u, ‖u‖² − 1)/(‖u‖² + 1), u ∈ ℝ^{d−1} (so every witness is an admissible unit w).

Gradients are taken by differentiation of the objectives (2)/(3); flows are written on a
free vector W (so that d/dt Φ(g, W) = ∂_gΦ ġ + ∇_WΦ·Ẇ is the chain rule) and evaluated on
the sphere afterwards. Candidate WN flows (catalog §0.3):

- ``limit``: the η → 0 limit of Algorithms 1–2 with η on w and γ = cη on g (reading S2):
  ġ = −c ∂_g f, ẇ = −P_w ∂_w f (derived in :func:`lemma22_limit`);
- ``F-R1``: (4) with the l.141 formulas ∇_w f = Aᵀr, ∇_g f = wᵀAᵀr, r = y − Agw;
- ``F-R2``: (4) with the differentiated gradients, ẇ = −g P_w ∂_w f;
- ``L-S1``: the η → 0 limit with η on g and cη on w (Condition 2.1's wording).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import sympy as sp

from derivations.core import Derivation, norm2, vector

SHAPES = ((1, 2), (1, 3), (2, 3))
HALF = sp.Rational(1, 2)
FLOWS = ("limit", "F-R1", "F-R2", "L-S1")


# --------------------------------------------------------------------------------------
# the symbolic setting
# --------------------------------------------------------------------------------------


def stereo(u: sp.Matrix) -> sp.Matrix:
    """The inverse stereographic map ℝ^{d−1} → S^{d−1} (rational, exactly unit norm)."""
    s = norm2(u)
    return sp.Matrix([*(2 * ui / (s + 1) for ui in u), (s - 1) / (s + 1)])


class Setting:
    """Symbolic least squares: A (m×d), y, g, c > 0, the free W and the unit w(u)."""

    def __init__(self, m: int, d: int) -> None:
        self.m, self.d = m, d
        self.A = sp.Matrix(m, d, lambda i, j: sp.Symbol(f"a_{i + 1}{j + 1}", real=True))
        self.y = vector("y", m)
        self.u = vector("u", d - 1)
        self.g = sp.Symbol("g", real=True)
        self.c = sp.Symbol("c", positive=True)
        self.W = vector("W", d)
        self.w = stereo(self.u)
        self.I = sp.eye(d)
        G = self.A * self.A.T
        self.Ginv = G.inv() if m > 1 else sp.Matrix([[1 / G[0, 0]]])
        self.pinv = self.A.T * self.Ginv
        self.Pi = self.pinv * self.A
        self.N = self.I - self.Pi
        self.xstar = self.pinv * self.y

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        return (*self.A, *self.y, *self.u, self.g, self.c)

    def admissible(self, pt: dict) -> bool:
        """Full row rank A, y ≠ 0, c > 0 at a witness point."""
        A = self.A.subs(pt)
        if (A * A.T).det() == 0:
            return False
        if all(pt.get(v, v) == 0 for v in self.y):
            return False
        return pt.get(self.c, 1) > 0

    def on_sphere(self, expr: Any) -> Any:
        """Substitute W = w(u); radicals of (now rational) bases are reduced, so that
        √‖w(u)‖² = 1 exactly."""
        out = expr.subs(norm2(self.W), 1).subs(dict(zip(self.W, self.w, strict=True)))

        def radical(x: Any) -> bool:
            return isinstance(x, sp.Pow) and x.exp.is_Rational and not x.exp.is_Integer

        def fix(e: Any) -> Any:
            if not e.has(sp.Pow) or not any(radical(x) for x in sp.preorder_traversal(e)):
                return e
            return e.replace(radical, lambda x: sp.Pow(sp.factor(sp.cancel(x.base)), x.exp))

        return out.applyfunc(fix) if isinstance(out, sp.MatrixBase) else fix(out)

    def f(self, W: sp.Matrix | None = None, g: Any = None) -> sp.Expr:
        W = self.W if W is None else W
        g = self.g if g is None else g
        e = self.A * (g * W) - self.y
        return norm2(e) / 2

    def grad_f(self) -> tuple[sp.Matrix, sp.Expr]:
        """(∂_W f, ∂_g f) of f(W, g) = ½‖AgW − y‖² by differentiation."""
        F = self.f()
        return sp.Matrix([sp.diff(F, x) for x in self.W]), sp.diff(F, self.g)

    def P(self, W: sp.Matrix | None = None) -> sp.Matrix:
        W = self.W if W is None else W
        return self.I - W * W.T / norm2(W)


def flow(s: Setting, name: str) -> tuple[sp.Expr, sp.Matrix]:
    """(ġ, Ẇ) of a candidate WN flow (module docstring), on the free W."""
    gw, gg = s.grad_f()
    P = s.P()
    if name == "limit":
        return -s.c * gg, -P * gw
    if name == "F-R1":
        r = s.y - s.A * (s.g * s.W)
        return -s.c * (s.W.T * s.A.T * r)[0, 0], -s.g * P * (s.A.T * r)
    if name == "F-R2":
        return -s.c * gg, -s.g * P * gw
    if name == "L-S1":
        return -gg, -s.c * P * gw
    raise ValueError(f"unknown flow {name!r}")


def along(s: Setting, Phi: Any, name: str) -> Any:
    """d/dt Φ(g, W) along the flow ``name`` (chain rule), evaluated on the sphere."""
    gdot, Wdot = flow(s, name)

    def dd(e: sp.Expr) -> sp.Expr:
        return sp.diff(e, s.g) * gdot + sum(
            (sp.diff(e, x) * v for x, v in zip(s.W, Wdot, strict=True)), sp.Integer(0)
        )

    out = Phi.applyfunc(dd) if isinstance(Phi, sp.MatrixBase) else dd(Phi)
    return s.on_sphere(out)


def _cancel(e: Any) -> Any:
    """Reduce exactly: exponentials are factored out, the rest brought to one fraction."""
    if isinstance(e, sp.MatrixBase):
        return e.applyfunc(_cancel)
    e = sp.sympify(e)
    if e.has(sp.exp):
        e = sp.powsimp(sp.expand_power_exp(e))
    e = sp.cancel(sp.together(e))
    return e if e == 0 else sp.factor(e)


def _new(title: str, s: Setting, extra: tuple = (), admissible: Any = None) -> Derivation:
    return Derivation(
        title=f"{title}, m = {s.m}, d = {s.d}",
        scope=f"symbolic entries, A ∈ ℝ^{{{s.m}×{s.d}}}, unit w by stereographic parameters",
        symbols=(*s.symbols, *extra),
        admissible=admissible or s.admissible,
    )


@cache
def setting(m: int, d: int) -> Setting:
    return Setting(m, d)


# --------------------------------------------------------------------------------------
# §1.1 definitions
# --------------------------------------------------------------------------------------


def ls_min_norm(m: int, d: int, formula: str = "pinv") -> Derivation:
    """x* = Aᵀ(AAᵀ)⁻¹y satisfies (1) Ax* = y and (2) x* ∈ row(A), and ‖x* + n‖² = ‖x*‖² +
    ‖n‖² for n ∈ ker A (minimality; uniqueness: row(A) ∩ ker A = {0} since N Aᵀ = 0).

    ``formula``: "pinv" (the characterised x*), "AT_y" (perturbation x = Aᵀy).
    """
    s = setting(m, d)
    dv = _new("min-norm solution of (1)", s, extra=tuple(vector("z", d)))
    x = s.xstar if formula == "pinv" else s.A.T * s.y
    z = vector("z", d)
    n = s.N * z
    r1 = dv.step("(1): A x - y", s.A * x - s.y)
    r2 = dv.step("(2): N x (row space)", s.N * x)
    r3 = dv.step("minimality ‖x+n‖² − ‖x‖² − ‖n‖², n = Nz", norm2(x + n) - norm2(x) - norm2(n))
    r4 = dv.step("row ∩ ker = 0: N Aᵀ", s.N * s.A.T)
    dv.conclude(sp.Matrix([*r1, *r2, r3, *r4]), _cancel)
    return dv


def def11_split(m: int, d: int, reading: str = "printed") -> Derivation:
    """Definition 1.1 and l.86.

    printed: "for any z, z = z∥ + z⊥ with Az∥ = y, Az⊥ = 0" forces Az = A z∥ + A z⊥ = y, so
    the residual Az − y must vanish for every z (it does not). corrected: z∥ = A⁺Az,
    z⊥ = (I − A⁺A)z: z∥ + z⊥ = z, Az⊥ = 0, z∥ ∈ row(A), and x∥ − x* = A⁺(Ax − y),
    A(x∥ − x*) = Ax − y (so x∥ = x* ⇔ condition (1)), x − x∥ = x⊥ (so (2) ⇔ x⊥ = 0).
    """
    s = setting(m, d)
    z = vector("z", d)
    dv = _new(f"Definition 1.1 ({reading})", s, extra=tuple(z))
    if reading == "printed":
        res = dv.step("A z∥ + A z⊥ − y = A z − y (must vanish for every z)", s.A * z - s.y)
        dv.conclude(res, _cancel)
        return dv
    Pi = s.Pi if reading == "corrected" else s.A.T * s.A  # "AtA": a perturbation
    zpar = dv.step("z∥ = A⁺A z", Pi * z)
    zperp = dv.step("z⊥ = (I − A⁺A) z", z - zpar)
    res = [
        *(zpar + zperp - z),
        *(s.A * zperp),
        *(s.N * zpar),
        *(zpar - s.xstar - (s.pinv if reading == "corrected" else s.A.T) * (s.A * z - s.y)),
        *(s.A * (zpar - s.xstar) - (s.A * z - s.y)),
    ]
    dv.conclude(sp.Matrix(res), _cancel)
    return dv


def def11_l86(m: int, d: int) -> Derivation:
    """l.86 "condition (2) ⇔ x∥ = x*" under the orthogonal split, at x = Aᵀv ∈ row(A):
    the residual x∥ − x* = Aᵀv − x* must vanish for every v (it vanishes iff Ax = y)."""
    s = setting(m, d)
    v = vector("v", m)
    dv = _new("l.86: x ∈ row(A) ⇒ x∥ = x*", s, extra=tuple(v))
    x = s.A.T * v
    dv.conclude(dv.step("x∥ − x*, x = Aᵀv", s.Pi * x - s.xstar), _cancel)
    return dv


def wn_objective(m: int, d: int, norm_power: int = 1) -> Derivation:
    """(2): h(sw, g) = h(w, g) for s > 0 and wᵀ∇_w h = 0, with h = ½‖gAw/‖w‖^p − y‖²
    (printed p = 1); x* = 0 ⇒ y = Ax* = 0 (A x* − y = 0)."""
    s = setting(m, d)
    sc = sp.Symbol("s", positive=True)
    W = s.W
    dv = Derivation(
        title=f"WN objective (2), p = {norm_power}, m = {m}, d = {d}",
        scope=f"symbolic entries, A ∈ ℝ^{{{m}×{d}}}, w ∈ ℝ^{d} free",
        symbols=(*s.A, *s.y, *W, s.g, sc),
        admissible=lambda pt: any(pt[x] != 0 for x in W) and pt[sc] > 0,
    )
    nW = sp.sqrt(norm2(W))

    def h(V: sp.Matrix) -> sp.Expr:
        return norm2(s.g * s.A * V / sp.sqrt(norm2(V)) ** norm_power - s.y) / 2

    r1 = dv.step("h(sw, g) − h(w, g)", h(sc * W) - h(W))
    grad = sp.Matrix([sp.diff(h(W), x) for x in W])
    r2 = dv.step("wᵀ∇_w h", (W.T * grad)[0, 0])
    r3 = dv.step("A x* − y", s.A * s.xstar - s.y)
    nsym = sp.Symbol("n_W", positive=True)

    def simp(e: Any) -> Any:
        e = sp.sympify(e).subs(nW, nsym).subs(sp.sqrt(norm2(sc * W)), sc * nsym)
        e = sp.cancel(sp.together(sp.expand(e)))
        if e == 0:
            return sp.Integer(0)
        num, den = sp.fraction(e)
        num = sp.rem(sp.expand(num), sp.expand(norm2(W) - nsym**2), W[0])
        return sp.Integer(0) if num == 0 else (num / den).subs(nsym, nW)

    dv.conclude(sp.Matrix([r1, r2, *r3]), simp)
    return dv


def rpgd_objective(m: int, d: int, gstar_power: int = 1) -> Derivation:
    """(3): x* = g* w* with g* = ‖x*‖^p (printed p = 1), w* = x*/‖x*‖: residuals
    g*w* − x* and ‖w*‖² − 1 (uniqueness: g* = ‖g*w*‖ = ‖x*‖ for any such pair)."""
    d_ = d
    x = vector("x", d_)
    dv = Derivation(
        title=f"rPGD objective (3), g* = ‖x*‖^{gstar_power}, d = {d_}",
        scope=f"symbolic x* ∈ ℝ^{d_} \\ {{0}}",
        symbols=tuple(x),
        admissible=lambda pt: any(pt[v] != 0 for v in x),
    )
    nx = sp.sqrt(norm2(x))
    gs = nx**gstar_power
    ws = x / nx
    r = dv.step("g* w* − x*", gs * ws - x)
    r2 = dv.step("‖w*‖² − 1", norm2(ws) - 1)
    dv.conclude(sp.Matrix([*r, r2]), lambda e: sp.simplify(sp.sympify(e)))
    return dv


def residual_gradients(m: int, d: int, r_sign: int = 1, w_factor: str = "1") -> Derivation:
    """l.141: with r = r_sign·(y − Agw), is ∇_w f = (w_factor)·Aᵀr and ∇_g f = wᵀAᵀr?
    Printed: r_sign = +1 (r = y − Agw), w_factor "1". Also P² = P, Pᵀ = P, Pw = 0."""
    s = setting(m, d)
    dv = _new(f"l.141 gradients (r = {r_sign}(y − Agw), factor {w_factor})", s)
    gw, gg = s.grad_f()
    r = r_sign * (s.y - s.A * (s.g * s.W))
    fac = {"1": 1, "g": s.g, "g2": s.g**2}[w_factor]
    e1 = dv.step("∂_w f − printed ∇_w f", gw - fac * s.A.T * r)
    e2 = dv.step("∂_g f − printed ∇_g f", gg - (s.W.T * s.A.T * r)[0, 0])
    P = s.P()
    e3 = dv.step("P² − P, Pᵀ − P, P w", sp.Matrix([*(P * P - P), *(P.T - P), *(P * s.W)]))
    dv.conclude(s.on_sphere(sp.Matrix([*e1, e2, *e3])), _cancel)
    return dv


def alg1_norm_growth(m: int, d: int, sign: int = 1) -> Derivation:
    """Algorithm 1: ‖w − η∇_w h‖² = ‖w‖² + sign·η²‖∇_w h‖² (printed/derived: sign = +1),
    because wᵀ∇_w h = 0; w free (not only unit)."""
    s = setting(m, d)
    eta = sp.Symbol("eta", positive=True)
    W = s.W
    nW = sp.sqrt(norm2(W))
    e = s.g * s.A * W / nW - s.y
    grad = sp.Matrix([sp.diff(norm2(e) / 2, x) for x in W])
    dv = Derivation(
        title=f"Algorithm 1 norm growth (sign {sign}), m = {m}, d = {d}",
        scope=f"symbolic entries, A ∈ ℝ^{{{m}×{d}}}, w ∈ ℝ^{d} free",
        symbols=(*s.A, *s.y, *W, s.g, eta),
        admissible=lambda pt: any(pt[x] != 0 for x in W) and pt[eta] > 0,
    )
    Wn = W - eta * grad
    res = dv.step("‖w_{t+1}‖² − ‖w_t‖² − sign η²‖∇_w h‖²",
                  norm2(Wn) - norm2(W) - sign * eta**2 * norm2(grad))
    nsym = sp.Symbol("n_W", positive=True)

    def simp(x: Any) -> Any:
        x = sp.cancel(sp.together(sp.expand(sp.sympify(x).subs(nW, nsym))))
        if x == 0:
            return sp.Integer(0)
        num, den = sp.fraction(x)
        num = sp.rem(sp.expand(num), sp.expand(norm2(W) - nsym**2), W[0])
        return sp.Integer(0) if num == 0 else (num / den).subs(nsym, nW)

    dv.conclude(res, simp)
    return dv


def alg2_projection(d: int, power: int = 1) -> Derivation:
    """Algorithm 2's projection w⁺ = v/‖v‖^p (printed p = 1): ‖w⁺‖² = 1, the shrinkage
    identity w⁺ = v − (1 − 1/‖v‖)v, and Euclidean optimality on the sphere:
    ‖u − v‖² − ‖w⁺ − v‖² = 2(‖v‖ − uᵀv) ≥ 0 for unit u (Cauchy–Schwarz)."""
    v = vector("v", d)
    uu = vector("q", d - 1)
    u = stereo(uu)
    dv = Derivation(
        title=f"Algorithm 2 projection v/‖v‖^{power}, d = {d}",
        scope=f"symbolic v ∈ ℝ^{d} \\ {{0}}, unit u",
        symbols=(*v, *uu),
        admissible=lambda pt: any(pt[x] != 0 for x in v),
    )
    nv = sp.Symbol("n_v", positive=True)
    wp = v / nv**power
    r1 = dv.step("‖w⁺‖² − 1", norm2(wp) - 1)
    r2 = dv.step("w⁺ − (v − (1 − 1/‖v‖) v)", wp - (v - (1 - 1 / nv) * v))
    r3 = dv.step("‖u − v‖² − ‖w⁺ − v‖² − 2(‖v‖ − uᵀv)",
                 norm2(u - v) - norm2(wp - v) - 2 * (nv - (u.T * v)[0, 0]))

    def simp(x: Any) -> Any:
        x = sp.cancel(sp.together(sp.expand(x)))
        if x == 0:
            return sp.Integer(0)
        num, den = sp.fraction(x)
        num = sp.rem(sp.expand(num), sp.expand(norm2(v) - nv**2), nv)
        return sp.Integer(0) if num == 0 else (num / den).subs(nv, sp.sqrt(norm2(v)))

    dv.conclude(sp.Matrix([r1, *r2, r3]), simp)
    return dv


def cond21(m: int, d: int, reading: str = "S1") -> Derivation:
    """Condition 2.1 with l.135 ("c = 0 fixes g"): the g-increment of one step of
    Algorithm 1 and of Algorithm 2 at c = 0 must vanish.

    S1 (printed wording "η_t = η and γ_t = cη for g and w respectively"): the g-step is
    η∇_g; S2 (Algorithms' naming): γ = cη multiplies ∇_g; "ratio1" (perturbation): γ = η.
    """
    s = setting(m, d)
    eta = sp.Symbol("eta", positive=True)
    dv = _new(f"Condition 2.1 reading {reading}: Δg at c = 0", s, extra=(eta,))
    gstep = {"S1": eta, "S2": s.c * eta, "ratio1": eta}[reading]
    _, gg = s.grad_f()
    W = s.W
    nW = sp.sqrt(norm2(W))
    h = norm2(s.g * s.A * W / nW - s.y) / 2
    gh = sp.diff(h, s.g)
    d1 = dv.step("Alg. 1: g_{t+1} − g_t at c = 0", (-gstep * gh).subs(s.c, 0))
    d2 = dv.step("Alg. 2: g_{t+1} − g_t at c = 0", (-gstep * gg).subs(s.c, 0))
    dv.conclude(s.on_sphere(sp.Matrix([d1, d2])), _cancel)
    return dv


# --------------------------------------------------------------------------------------
# Lemma 2.2 and the sphere
# --------------------------------------------------------------------------------------


def _one_step_coefficients(s: Setting, stepsizes: str) -> dict[str, tuple[sp.Expr, sp.Matrix]]:
    """d/dη at η = 0 of one step of Algorithm 1 (on (g, w/‖w‖)) and Algorithm 2 (on (g, w))
    from a unit w, with stepsizes S1 (η on g, cη on w) or S2 (η on w, cη on g)."""
    eta = sp.Symbol("eta", positive=True)
    ew, eg = (s.c * eta, eta) if stepsizes == "S1" else (eta, s.c * eta)
    W = s.W
    nW = sp.sqrt(norm2(W))
    h = norm2(s.g * s.A * W / nW - s.y) / 2
    hw = sp.Matrix([sp.diff(h, x) for x in W])
    hg = sp.diff(h, s.g)
    gw, gg = s.grad_f()
    # Algorithm 1 (WN): w⁺ = w − η_w ∇_w h, g⁺ = g − η_g ∇_g h; direction w⁺/‖w⁺‖
    w1 = W - ew * hw
    u1 = w1 / sp.sqrt(norm2(w1))
    g1 = s.g - eg * hg
    # Algorithm 2 (rPGD): v = w − η_w ∇_w f, w⁺ = v/‖v‖, g⁺ = g − η_g ∇_g f
    v = W - ew * gw
    w2 = v / sp.sqrt(norm2(v))
    g2 = s.g - eg * gg

    def coef(e: Any) -> Any:
        de = sp.diff(e, eta).subs(eta, 0)
        return s.on_sphere(de)

    return {
        "WN": (coef(g1), u1.applyfunc(coef)),
        "rPGD": (coef(g2), w2.applyfunc(coef)),
    }


def lemma22_same_limit(m: int, d: int, stepsizes: str = "S2") -> Derivation:
    """Lemma 2.2 (a): the O(η) coefficients of one step of WN (on (g, w/‖w‖)) and rPGD
    (on (g, w)) from a unit w agree (so the two algorithms have the same limit)."""
    s = setting(m, d)
    dv = _new(f"Lemma 2.2 (a): WN and rPGD one-step coefficients ({stepsizes})", s)
    co = _one_step_coefficients(s, stepsizes)
    gW, wW = co["WN"]
    gR, wR = co["rPGD"]
    dv.step("WN: d/dη (g, w/‖w‖)", sp.Matrix([gW, *wW]))
    dv.step("rPGD: d/dη (g, w)", sp.Matrix([gR, *wR]))
    dv.conclude(sp.Matrix([gW - gR, *(wW - wR)]), _cancel)
    return dv


def lemma22_limit(m: int, d: int, flow_name: str = "F-R1", stepsizes: str = "S2") -> Derivation:
    """Lemma 2.2 (b): the O(η) coefficient of one rPGD step (= WN's, by (a)) equals the
    right-hand side of the flow ``flow_name`` (printed (4) with l.141: F-R1)."""
    s = setting(m, d)
    dv = _new(f"Lemma 2.2 (b): limit ({stepsizes}) vs flow {flow_name}", s)
    gR, wR = _one_step_coefficients(s, stepsizes)["rPGD"]
    gd, Wd = flow(s, flow_name)
    gd, Wd = s.on_sphere(gd), s.on_sphere(Wd)
    dv.step("limit d/dη (g, w)", sp.Matrix([gR, *wR]))
    dv.step(f"flow {flow_name} (ġ, ẇ)", sp.Matrix([gd, *Wd]))
    dv.conclude(sp.Matrix([gR - gd, *(wR - Wd)]), _cancel)
    return dv


def flow_sphere(m: int, d: int, projected: bool = True) -> Derivation:
    """d/dt ‖w‖² = 2wᵀẇ = 0 along the WN flow (ẇ = −P_w ∂_w f); ``projected=False`` is
    the perturbation ẇ = −∂_w f (missing projection)."""
    s = setting(m, d)
    dv = _new(f"flow keeps ‖w‖ = 1 (projected={projected})", s)
    gw, _ = s.grad_f()
    Wd = -(s.P() if projected else s.I) * gw
    dv.conclude(dv.step("2 wᵀẇ", s.on_sphere(2 * (s.W.T * Wd)[0, 0])), _cancel)
    return dv


# --------------------------------------------------------------------------------------
# Lemmas 2.3, 2.4
# --------------------------------------------------------------------------------------


def lemma23(m: int, d: int) -> Derivation:
    """Lemma 2.3 on the unit sphere: with e = Agw − y, q = Aᵀe:
    ∇_g h = wᵀq, ∇_w h = g P_w q (differentiated), q = P_w q + w (wᵀq) (so ∇h = 0 with
    g ≠ 0 forces q = 0), e = (AAᵀ)⁻¹A q (so q = 0 forces zero loss), at g = 0:
    ∇_w h = 0 and ∇_g h = −yᵀAw (so stationarity ⇔ 𝒮), and h(w, 0) = ½‖y‖²."""
    s = setting(m, d)
    dv = _new("Lemma 2.3: stationary points of (2)", s)
    W = s.W
    h = norm2(s.g * s.A * W / sp.sqrt(norm2(W)) - s.y) / 2
    hw = sp.Matrix([sp.diff(h, x) for x in W])
    hg = sp.diff(h, s.g)
    e = s.A * (s.g * W) - s.y
    q = s.A.T * e
    P = s.P()
    r = [
        *dv.step("∇_w h − g P q", s.on_sphere(hw - s.g * P * q)),
        dv.step("∇_g h − wᵀq", s.on_sphere(hg - (W.T * q)[0, 0])),
        *dv.step("q − P q − w wᵀq", s.on_sphere(q - P * q - W * (W.T * q))),
        *dv.step("e − (AAᵀ)⁻¹A q", s.on_sphere(e - s.Ginv * s.A * q)),
        *dv.step("∇_w h at g = 0", s.on_sphere(hw.subs(s.g, 0))),
        dv.step("∇_g h at g = 0 + yᵀAw", s.on_sphere(hg.subs(s.g, 0) + (s.y.T * s.A * W)[0, 0])),
        dv.step("h(w, 0) − ½‖y‖²", s.on_sphere(h.subs(s.g, 0) - norm2(s.y) / 2)),
    ]
    dv.conclude(sp.Matrix(r), _cancel)
    return dv


def lemma24_sandwich(m: int, d: int, flow_name: str = "limit") -> Derivation:
    """Lemma 2.4 (5): along the flow, d/dt ½‖r‖² = −c s² − g²‖P q‖² with s = wᵀq,
    q = Aᵀ(Agw − y), and ‖q‖² = s² + ‖Pq‖² on the sphere; then for each case of min/max
    the gaps of (5) are c·0 + (g² − c)‖Pq‖² ≥ 0 (c ≤ g²) or (c − g²)s² ≥ 0 (g² ≤ c)."""
    s = setting(m, d)
    dv = _new(f"Lemma 2.4 sandwich along {flow_name}", s)
    W = s.W
    e = s.A * (s.g * W) - s.y
    q = s.A.T * e
    sc = (W.T * q)[0, 0]
    P = s.P()
    L = norm2(e) / 2
    dL = along(s, L, flow_name)
    a, b = s.on_sphere(sc**2), s.on_sphere(norm2(P * q))
    r1 = dv.step("dL/dt + c s² + g²‖Pq‖²", dL + s.c * a + s.g**2 * b)
    r2 = dv.step("‖q‖² − s² − ‖Pq‖²", s.on_sphere(norm2(q)) - a - b)
    # case split on min/max with abstract α = s² ≥ 0, β = ‖Pq‖² ≥ 0 and D ≥ 0:
    al, be, D = sp.symbols("alpha beta D", nonnegative=True)
    cc, G2 = sp.symbols("c_ g2", nonnegative=True)
    mid = -(cc * al + G2 * be)
    cases = []
    for big, small, name in ((G2, cc, "c ≤ g²"), (cc, G2, "g² ≤ c")):
        sub = {big: small + D}
        lower, upper = -big * (al + be), -small * (al + be)
        gap_lo = sp.expand((mid - lower).subs(sub))
        gap_hi = sp.expand((upper - mid).subs(sub))
        dv.step(f"case {name}: mid − lower", gap_lo)
        dv.step(f"case {name}: upper − mid", gap_hi)
        # each gap is D times one of α, β: nonnegative
        cases += [sp.expand(gap_lo - D * (al if big is G2 else be)),
                  sp.expand(gap_hi - D * (be if big is G2 else al))]
    r3, r4 = cases[0] + cases[2], cases[1] + cases[3]
    dv.conclude(sp.Matrix([r1, r2, r3, r4]), _cancel)
    return dv


def lemma24_rate_family(rate: Callable[[Any, Any, Any], Any]) -> Derivation:
    """Lemma 2.4 (c) on the aligned family A = [a, 0], y = 1, w₀ = e₁, c > 0,
    C² = c + D ≥ c, C < g₀ < 1/a: w stays e₁ (P_{e₁}Aᵀ = 0), e = a g − 1 solves
    ė = −c a² e, so f_t = f₀ exp(−2 c a² t) exactly (g_t increases, so g_t > C). The claim
    "f_t ≤ f₀ exp(−k t) for all t" holds iff k ≤ 2 c a²: residual Max(0, k − 2ca²), with
    k = rate(λ_min = a², C², c)."""
    a, c, D, t, e0 = sp.symbols("a c D t e_0", positive=True)
    dv = Derivation(
        title="Lemma 2.4 (c): aligned family A = [a, 0], w = e₁",
        scope="exact family A = [a, 0], y = 1, w₀ = e₁, C² = c + D ≥ c, C·a < 1",
        symbols=(a, c, D),
        admissible=lambda pt: pt[a] > 0 and pt[c] > 0 and pt[D] > 0
        and (pt[c] + pt[D]) * pt[a] ** 2 < 1,
    )
    Pe1 = sp.Matrix([[0, 0], [0, 1]])
    r0 = dv.step("P_{e1} Aᵀ", Pe1 * sp.Matrix([a, 0]))
    et = e0 * sp.exp(-c * a**2 * t)
    r1 = dv.step("ė + c a² e for e_t = e₀ exp(−c a² t)", sp.diff(et, t) + c * a**2 * et)
    k = rate(a**2, c + D, c)
    dv.step("claimed rate k", k)
    r2 = dv.step("Max(0, k − 2 c a²)", sp.Max(0, sp.simplify(k - 2 * c * a**2)))
    dv.conclude(sp.Matrix([*r0, r1, r2]), lambda x: sp.simplify(sp.sympify(x)))
    return dv


# --------------------------------------------------------------------------------------
# Lemma 2.5 and its relatives
# --------------------------------------------------------------------------------------


def lemma25_vector(m: int, d: int, kappa: Any = HALF, flow_name: str = "limit",
                   sign: int = 1) -> Derivation:
    """(6), first half: w_t⊥ = exp(sign·κ(g₀² − g_t²)/c) w₀⊥ for all t ⇔ Φ = exp(sign·κ g²/c)
    N w is constant along the flow; printed κ = 1/2, sign = +1. Residual: dΦ/dt."""
    s = setting(m, d)
    dv = _new(f"Lemma 2.5 vector form, κ = {kappa}, sign {sign}, flow {flow_name}", s)
    Phi = sp.exp(sign * kappa * s.g**2 / s.c) * (s.N * s.W)
    dv.step("Φ = exp(κ g²/c) N w", Phi)
    dv.conclude(dv.step("dΦ/dt", along(s, Phi, flow_name)), _cancel)
    return dv


def lemma25_scalar(m: int, d: int, phi: Callable[[Any, Any], Any],
                   flow_name: str = "limit", label: str = "") -> Derivation:
    """(6), second half: ‖w⊥‖² exp(φ(g, c)) is constant along the flow. Printed
    φ = g²/(2c) (other parsing: c g²/2; corrected: g²/c). Residual: the time derivative."""
    s = setting(m, d)
    dv = _new(f"Lemma 2.5 scalar form {label}, flow {flow_name}", s)
    Phi = norm2(s.N * s.W) * sp.exp(phi(s.g, s.c))
    dv.step("Φ = ‖N w‖² exp(φ)", Phi)
    dv.conclude(dv.step("dΦ/dt", along(s, Phi, flow_name)), _cancel)
    return dv


def lemma25_squared(phi: Callable[[Any, Any], Any]) -> Derivation:
    """The "and so" of (6): squaring w_t⊥ = E w₀⊥ with E = exp((g₀² − g_t²)/(2c)) gives
    ‖w_t⊥‖² exp(g_t²/c) = ‖w₀⊥‖² exp(g₀²/c); residual of the scalar form with φ:
    ‖w_t⊥‖² e^{φ(g_t)} − ‖w₀⊥‖² e^{φ(g₀)} after substituting the vector form."""
    g0, gt = sp.symbols("g_0 g_t", real=True)
    c, k = sp.symbols("c k", positive=True)  # k = ‖w₀⊥‖²
    dv = Derivation(
        title="Lemma 2.5: the scalar form from the vector form",
        scope="symbols g₀, g_t ∈ ℝ, c > 0, ‖w₀⊥‖² = k > 0",
        symbols=(g0, gt, c, k),
        admissible=lambda pt: pt[c] > 0 and pt[k] > 0,
    )
    E = sp.exp((g0**2 - gt**2) / (2 * c))
    pt = dv.step("‖w_t⊥‖² = E² ‖w₀⊥‖²", E**2 * k)
    res = dv.step("‖w_t⊥‖² e^{φ(g_t)} − ‖w₀⊥‖² e^{φ(g₀)}",
                  pt * sp.exp(phi(gt, c)) - k * sp.exp(phi(g0, c)))
    dv.conclude(res, lambda x: sp.simplify(sp.powsimp(sp.expand_power_exp(sp.sympify(x)))))
    return dv


def appD_invariant(m: int, d: int, phi: Callable[[Any, Any], Any] | None = None,
                   kappa: Any = HALF) -> Derivation:
    """Appendix D (suite's reconstruction): L(x) = ℓ(Bx), ∇L(x) = Bᵀp with p = ∇ℓ(Bx) a
    generic vector; WN flow ġ = −c wᵀBᵀp, ẇ = −g P_w Bᵀp. Residual: d/dt of
    exp(κg²/c)N w (phi None) or of ‖Nw‖² e^{φ(g,c)} (phi given)."""
    s = setting(m, d)
    p = vector("p", m)
    dv = _new("Appendix D: invariant for L(x) = ℓ(Bx)", s, extra=tuple(p))
    W = s.W
    gdot = -s.c * (W.T * s.A.T * p)[0, 0]
    Wdot = -s.g * s.P() * (s.A.T * p)
    Phi = (sp.exp(kappa * s.g**2 / s.c) * (s.N * W) if phi is None
           else norm2(s.N * W) * sp.exp(phi(s.g, s.c)))

    def dd(e: sp.Expr) -> sp.Expr:
        return sp.diff(e, s.g) * gdot + sum(
            (sp.diff(e, x) * v for x, v in zip(W, Wdot, strict=True)), sp.Integer(0))

    out = Phi.applyfunc(dd) if isinstance(Phi, sp.MatrixBase) else dd(Phi)
    dv.conclude(dv.step("dΦ/dt", s.on_sphere(out)), _cancel)
    return dv


def gd_perp(m: int, d: int, factor: Any = 1) -> Derivation:
    """GD on (1): N x_{k+1} = factor·N x_k (printed: factor 1, "preserved"), gradient flow
    N ẋ = 0, and the GD/flow limit x* + N x₀ is the only point with Ax = y and
    Nx = Nx₀ (so it equals x* iff N x₀ = 0)."""
    s = setting(m, d)
    x, x0 = vector("x", d), vector("x0", d)
    eta = sp.Symbol("eta", positive=True)
    dv = _new(f"GD preserves x⊥ (factor {factor})", s, extra=(*x, *x0, eta))
    grad = s.A.T * (s.A * x - s.y)
    xn = x - eta * grad
    r1 = dv.step("N x_{k+1} − factor·N x_k", s.N * xn - factor * (s.N * x))
    r2 = dv.step("N ẋ (flow)", s.N * (-grad))
    lim = s.xstar + s.N * x0
    r3 = dv.step("A(x* + N x₀) − y", s.A * lim - s.y)
    r4 = dv.step("N(x* + N x₀) − N x₀", s.N * lim - s.N * x0)
    dv.conclude(sp.Matrix([*r1, *r2, *r3, *r4]), _cancel)
    return dv


def selfbalance(m: int, d: int, flow_name: str = "limit") -> Derivation:
    """Lemma C.1-type self-balancing (suite's reconstruction): along the flow,
    d/dt g² = c(‖y‖² − ‖r‖² − g²‖Aw‖²) (identity), using
    ‖y‖² − ‖r‖² = 2g yᵀAw − g²‖Aw‖². With ‖r_t‖ ≤ ‖r₀‖ and ‖Aw‖² ≤ λ_max this gives
    d/dt g² ≥ cλ_max(δ − g²), δ = (‖y‖² − ‖r₀‖²)/λ_max."""
    s = setting(m, d)
    dv = _new(f"self-balancing identity along {flow_name}", s)
    W = s.W
    r = s.A * (s.g * W) - s.y
    dg2 = along(s, s.g**2, flow_name)
    rhs = s.c * (norm2(s.y) - norm2(r) - s.g**2 * norm2(s.A * W))
    r1 = dv.step("d/dt g² − c(‖y‖² − ‖r‖² − g²‖Aw‖²)", dg2 - s.on_sphere(rhs))
    r2 = dv.step("‖y‖² − ‖r‖² − 2g yᵀAw + g²‖Aw‖²",
                 s.on_sphere(norm2(s.y) - norm2(r) - 2 * s.g * (s.y.T * s.A * W)[0, 0]
                             + s.g**2 * norm2(s.A * W)))
    dv.conclude(sp.Matrix([r1, r2]), _cancel)
    return dv


def comparison_ode() -> Derivation:
    """z(t) = δ − (δ − z₀) e^{−κt} solves z' = κ(δ − z), and z(t_w) = δ/2 at
    t_w = (1/κ) log(2 − 2z₀/δ) (the corrected waiting time of Theorem 2.7, 2nd bullet)."""
    t, kap, dl = sp.symbols("t kappa delta", positive=True)
    z0 = sp.Symbol("z_0", positive=True)
    dv = Derivation(title="comparison ODE for g_t²", scope="symbols δ, κ > 0, z₀ ∈ (0, δ/2)",
                    symbols=(t, kap, dl, z0))
    z = dl - (dl - z0) * sp.exp(-kap * t)
    r1 = dv.step("z' − κ(δ − z)", sp.diff(z, t) - kap * (dl - z))
    tw = sp.log(2 - 2 * z0 / dl) / kap
    r2 = dv.step("z(t_w) − δ/2", z.subs(t, tw) - dl / 2)
    dv.conclude(sp.Matrix([r1, r2]), lambda x: sp.simplify(sp.sympify(x)))
    return dv


# --------------------------------------------------------------------------------------
# Theorem 2.6 Part I and Theorem 2.7 (first bullet)
# --------------------------------------------------------------------------------------


def thm26_limit(which: str = "printed") -> Derivation:
    """(7) against the proved invariant. At a zero-loss limit x∞ = g∞w∞ (‖w∞‖ = 1):
    Πx∞ = x*, N x∞ = g∞ exp((g₀² − g∞²)/(2c)) w₀⊥ (Lemma 2.5, vector form). If
    x∞ = x* + g* E* w₀⊥ (printed (7), E* = exp((g₀² − g*²)/(2c))) then g∞ = ‖x∞‖
    = g*·√(1 + E*² k) (k = ‖w₀⊥‖², x* ⊥ w₀⊥; the sign + is forced since E*, g* > 0), and
    the invariant demands G e^{(g₀² − G²)/(2c)} = g* E*: the residual below. Corrected:
    x∞ = x* + g∞ exp((g₀² − g∞²)/(2c)) w₀⊥, residual 0 by construction.
    Witness points respect k ∈ (0, 1) and 0 < g₀√(1 − k) < 2g* (then A = [1, 0], y = g*,
    w₀ = (√(1−k), √k) satisfies Theorem 2.6's sufficient condition for zero loss)."""
    gs, c, k = sp.symbols("g^* c k", positive=True)
    g0 = sp.Symbol("g_0", real=True)
    dv = Derivation(
        title=f"(7) vs the invariant ({which})",
        scope="symbols g* > 0, c > 0, g₀, k = ‖w₀⊥‖² ∈ (0, 1)",
        symbols=(gs, c, k, g0),
        admissible=lambda pt: pt[gs] > 0 and pt[c] > 0 and 0 < pt[k] < 1
        and 0 < pt[g0] * sp.sqrt(1 - pt[k]) < 2 * pt[gs],
    )
    if which == "printed":
        Es = sp.exp((g0**2 - gs**2) / (2 * c))
        G = dv.step("g∞ = ‖x∞‖", gs * sp.sqrt(1 + Es**2 * k))
        res = dv.step("g∞ e^{(g₀²−g∞²)/2c} − g* E*",
                      G * sp.exp((g0**2 - G**2) / (2 * c)) - gs * Es)
    else:
        ginf = sp.Symbol("g_inf", positive=True)
        E = sp.exp((g0**2 - ginf**2) / (2 * c))
        res = dv.step("N x∞ − g∞ E w₀⊥ (corrected form, per unit w₀⊥)", ginf * E - ginf * E)
    dv.conclude(res, lambda x: sp.simplify(sp.sympify(x)))
    return dv


def thm27_bound(T: Callable[..., Any]) -> Derivation:
    """Theorem 2.7, first bullet, sufficiency: from the vector invariant and ‖w_t⊥‖ ≤ 1,
    g_t² ≥ G := g₀² + 2c log‖w₀⊥‖ (> 0 by hypothesis); (5) with ‖Aᵀr‖² ≥ λ_min‖r‖² and
    Grönwall give f(T) ≤ f₀ exp(−2λ_min min(G, c) T). The bound f(T) ≤ ε follows iff
    L − 2λ_min min(G, c) T ≤ 0, L = log(f₀/ε) > 0: residual Max(0, ·) for the given T."""
    lam, c, G, L = sp.symbols("lambda_min c G L", positive=True)
    g0, nperp, gt = sp.symbols("g_0 n_perp g_t", positive=True)
    dv = Derivation(title="Theorem 2.7 (1st bullet) via the invariant",
                    scope="symbols λ_min, c, G, L > 0", symbols=(lam, c, G, L))
    # invariant: ‖w_t⊥‖ = e^{(g₀² − g_t²)/2c} ‖w₀⊥‖ ≤ 1  ⇒  g_t² ≥ g₀² + 2c log‖w₀⊥‖
    inv = dv.step("g_t² − g₀² − 2c log‖w₀⊥‖ + 2c log‖w_t⊥‖ (at ‖w_t⊥‖ from the invariant)",
                  gt**2 - g0**2 - 2 * c * sp.log(nperp)
                  + 2 * c * sp.log(sp.exp((g0**2 - gt**2) / (2 * c)) * nperp))
    Tv = T(lam, c, G, L)
    dv.step("T", Tv)
    res = dv.step("Max(0, L − 2λ_min min(G, c) T)",
                  sp.Max(0, sp.simplify(L - 2 * lam * sp.Min(G, c) * Tv)))
    dv.conclude(sp.Matrix([sp.expand_log(inv, force=True), res]),
                lambda x: sp.simplify(sp.expand_log(sp.sympify(x), force=True)))
    return dv


# --------------------------------------------------------------------------------------
# the concrete example and Figure 2
# --------------------------------------------------------------------------------------


def example_stationary(value: Any = 1, half: bool = True) -> Derivation:
    """A = [1, 0], y = 1, w = (cos θ, sin θ): ∇h = 0 ⇔ (g cos θ = 1) or (g = 0, cos θ = 0),
    and the loss at (0, [0, ±1]) equals ``value`` (printed 1; h has the factor ½)."""
    g, th = sp.symbols("g theta", real=True)
    dv = Derivation(title="example: stationary points, A = [1, 0], y = 1",
                    scope="exact, polar coordinates", symbols=())
    w = sp.Matrix([sp.cos(th), sp.sin(th)])
    e = g * sp.cos(th) - 1
    h = (e**2 / 2) if half else e**2
    dh = sp.Matrix([sp.diff(h, g), sp.diff(h, th)])
    dv.step("∇_(g,θ) h", sp.factor(dh))
    sol = sp.solve([dh[0], dh[1]], [g, th], dict=True)
    dv.step("solutions", str(sol))
    r = []
    for sgn in (1, -1):
        val = h.subs({g: 0, th: sgn * sp.pi / 2})
        r.append(dv.step(f"h(0, [0, {sgn}]) − printed value", val - value))
        r.append(dv.step(f"∇h at (0, [0, {sgn}])", dh.subs({g: 0, th: sgn * sp.pi / 2})))
    del w
    dv.conclude(sp.Matrix([r[0], *r[1], r[2], *r[3]]), sp.simplify)
    return dv


def fig2_min_norm(xstar: tuple[Any, Any] = (2, 0)) -> Derivation:
    """Footnote 1: f = (g w₁ − 2)², A = [1, 0]: the minimum-norm solution of x₁ = 2 is
    x* = A⁺·2 = (2, 0); residual x* − printed point."""
    dv = Derivation(title="Figure 2 footnote: minimum-norm solution", scope="exact",
                    symbols=())
    A = sp.Matrix([[1, 0]])
    xs = A.T * (A * A.T).inv() * sp.Matrix([2])
    dv.step("x* = Aᵀ(AAᵀ)⁻¹·2", xs)
    dv.conclude(xs - sp.Matrix(xstar), sp.simplify)
    return dv


def thm272_bound(which: str = "printed") -> Derivation:
    """Theorem 2.7, second bullet, sufficiency (suite's reconstruction of (14)): with
    κ = cλ_max, g_t² ≥ δ/2 after t_w = log(2 − 2g₀²/δ)/κ (comparison_ode), then f decays at
    rate 2λ_min min(δ/2, c), so f(T) ≤ ε once T ≥ t_w + L/(2λ_min min(δ/2, c)),
    L = log(f₀/ε). The variant's T = L/(λ_min min(δ, c)) + W covers this iff W ≥ t_w and
    L/(λ_min min(δ, c)) ≥ L/(2λ_min min(δ/2, c)) (three cases of min). Residuals are
    Max(0, shortfall) on the branch g₀² < δ/2 (where the waiting term is active)."""
    L, lam, lmax, c, dl, z0, D, E = sp.symbols("L lambda_min lambda_max c delta z_0 D E",
                                               positive=True)
    dv = Derivation(title=f"Theorem 2.7 (2nd bullet) sufficiency ({which})",
                    scope="symbols, branch 0 < g₀² < δ/2, g₀ > 0",
                    symbols=(L, lam, lmax, c, dl, z0),
                    admissible=lambda pt: 2 * pt[z0] < pt[dl])
    tw = sp.log(2 - 2 * z0 / dl) / (c * lmax)
    wait = (sp.log(2 - sp.sqrt(z0) / dl) / lmax if which == "printed" else tw)
    dv.step("t_w", tw)
    dv.step("waiting term of T", wait)
    r_wait = dv.step("Max(0, t_w − W)", sp.Max(0, sp.simplify(tw - wait)))

    def first(dl_: Any, c_: Any) -> Any:
        return L / (2 * lam * sp.Min(dl_ / 2, c_)) - L / (lam * sp.Min(dl_, c_))

    cases = [
        dv.step("δ ≤ c (c = δ + D)", sp.Max(0, sp.simplify(first(dl, dl + D)))),
        dv.step("c < δ ≤ 2c (δ = c + D, c = D + E)",
                sp.Max(0, sp.simplify(first(2 * D + E, D + E)))),
        dv.step("δ > 2c (δ = 2c + D)", sp.Max(0, sp.simplify(first(2 * c + D, c)))),
    ]
    dv.conclude(sp.Matrix([r_wait, *cases]), lambda x: sp.simplify(sp.sympify(x)))
    return dv
