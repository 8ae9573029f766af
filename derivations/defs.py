"""Definitions and first identities of Dukler, Gu, Montúfar (ICML 2020 / ICLR 2020
submission), §1–§3, derived in SymPy.

Each builder takes the parameters of the statement it decides (the printed statement, its
correction, or a perturbation) and returns a :class:`~derivations.core.Derivation` whose
residual is 0 iff the statement holds on the stated scope. ReLU is handled on activation
regions (σ(z) = a·z with a ∈ {0, 1}); a region is given by the signs of g_k and of
s_ik = v_kᵀx_i, and the witness search only visits points of that region (strict signs).
Norms ‖v‖ = √S are reduced exactly with :func:`~derivations.core.norm_simplifier`.

Builders:
  relu_convention        σ(x) = max{x, 0}, 1{x ≥ 0} (§2 Notation)
  unnormalized_network   homogeneity and ∂f/∂w_k of (1.1)
  wn_network             row-scale invariance of (1.2) and (1.2) = (1.1) at w_k = g_k v_k/‖v_k‖
  batchnorm_analogy      E[(wᵀx)²] = wᵀSw, the S = I reduction and scale invariance (2.2)
  square_loss            ½Σ(f_i − y_i)² = ½‖f − y‖², ∂L/∂f_i = f_i − y_i (2.5)
  gradient_flow          dL/dt = −‖∇L‖² under (3.1); GD is the Euler step of (3.1)
  norm_dynamics          Fig. 1: d‖v_k‖²/dt = 0 under (3.1); ‖v_k‖² grows by η²‖∇_{v_k}L‖² in GD
  chain_rule             (3.2) for general differentiable predictions f_i(V, g)
  grad_v_region          ∂f_i/∂v_k and ∂L/∂v_k (§3) on one sign region of (g_k, s_1k, s_2k)
  grad_g_region          ∂f_i/∂g_k and ∂L/∂g_k (§3) on one sign region
  c_g_mirror_region      g_k ∂f/∂g_k = c_k ∂f/∂c_k, hence c_k² − g_k² is conserved (§3 remark)
  init_kernel_constant   E[g_k(0)²] = d under (2.4) (χ_d law), the constant between C(0) and G(0)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp
import sympy.stats as sps

from derivations.core import Derivation, norm2, norm_simplifier, relu, vector

#: sign patterns (sign g_k, sign s_1k, sign s_2k) of a neuron and two data points
REGIONS_2 = tuple((sg, s1, s2) for sg in (1, -1) for s1 in (1, -1) for s2 in (1, -1))


HALF = sp.Rational(1, 2)


def _indicator(z: sp.Expr, h0: Any = 1) -> sp.Piecewise:
    """1{z > 0} + h0·1{z = 0}: the printed 1{z ≥ 0} when h0 = 1."""
    return sp.Piecewise((1, z > 0), (h0, sp.Eq(z, 0)), (0, True))


def _dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    return (a.T * b)[0, 0]


def _signs_ok(pt: dict, pairs: list[tuple[sp.Expr, int]]) -> bool:
    """Every expression has its required strict sign at the (exact) point."""
    for expr, sgn in pairs:
        val = sp.sympify(expr).subs(pt)
        if not val.is_number or val == 0 or (val > 0) != (sgn > 0):
            return False
    return True


# --------------------------------------------------------------------------- §2 notation


def relu_convention(h0: Any = 1) -> Derivation:
    """σ(x) := max{x, 0} and 1_ik := 1{v_kᵀx_i ≥ 0} (Dukler et al. §2 Notation).

    Decides: σ = Max(·, 0) and σ(z) = z·1{z ≥ 0} on z > 0, z < 0, z = 0; σ' = 1{z ≥ 0} on the
    open regions and the right derivative at 0 equals 1{0 ≥ 0} = 1 (σ'(0) := 1, the
    convention of the gradient formulas); SymPy's Heaviside(0, 1) is that convention;
    1{λz ≥ 0} = 1{z ≥ 0} for λ > 0 (so 1_ik depends on v_k only through its direction); and
    that the indicator a check uses, 1{z > 0} + h0·1{z = 0}, is the printed one (h0 = 1).
    """
    z = sp.Symbol("z", real=True)
    t, lam, h = sp.symbols("t lambda h", positive=True)
    dv = Derivation(
        title=f"ReLU and indicator (value at 0: {h0})",
        scope="general (z real; cases z > 0, z < 0, z = 0)",
        symbols=(t, lam),
        admissible=lambda pt: pt[t] > 0 and pt[lam] > 0,
    )
    sig = dv.step("sigma(z)", relu(z), "Piecewise((z, z >= 0), (0, True))")
    ind = dv.step("1{z >= 0}", sp.Piecewise((1, z >= 0), (0, True)))
    ind_used = dv.step("indicator used", _indicator(z, h0), "1{z > 0} + h0 1{z = 0}")
    cases = (t, -t, sp.Integer(0))
    rmax = [sig.subs(z, c) - sp.Max(c, 0) for c in cases]
    rprod = [sig.subs(z, c) - c * ind.subs(z, c) for c in cases]
    dsig = sp.diff(sig, z)
    rder = [dsig.subs(z, c) - ind.subs(z, c) for c in (t, -t)]
    right = dv.step("right derivative at 0", sp.limit((relu(h) - relu(0)) / h, h, 0, "+"))
    rright = right - ind.subs(z, 0)
    rheav = sp.Heaviside(0, 1) - ind.subs(z, 0)
    rused = [ind_used.subs(z, c) - ind.subs(z, c) for c in cases]
    rscale = [ind.subs(z, lam * c) - ind.subs(z, c) for c in cases]
    dv.conclude(sp.Matrix([*rmax, *rprod, *rder, rright, rheav, *rused, *rscale]))
    return dv


# --------------------------------------------------------------------------- (1.1), (1.2)


def unnormalized_network(
    d: int, pattern: tuple[int, ...], m_power: Any = HALF, hom_degree: int = 1
) -> Derivation:
    """(1.1) f(x; W, c) = m^{-1/2} Σ_k c_k σ(w_kᵀx) on one activation region (m = 2).

    On the region a_k = 1{w_kᵀx ≥ 0} (``pattern``), σ(w_kᵀx) = a_k w_kᵀx and, for λ > 0,
    1{λw_kᵀx ≥ 0} = a_k. Decides f(x; λW, c) = λ^{hom_degree} f(x; W, c) and
    ∂f/∂w_k = c_k x 1{w_kᵀx ≥ 0}/√m (the form used in (3.6)) for the variant's
    prefactor m^{-m_power}.
    """
    m = len(pattern)
    x = vector("x", d)
    W = [vector(f"w{k + 1}", d) for k in range(m)]
    c = sp.symbols(f"c1:{m + 1}", real=True)
    lam = sp.Symbol("lambda", positive=True)
    syms = (*x, *[e for w in W for e in w], *c, lam)
    pairs = [(_dot(W[k], x), 1 if pattern[k] else -1) for k in range(m)]
    dv = Derivation(
        title=f"(1.1) on region a = {pattern}, d = {d}, m = {m}",
        scope=f"fixed activation region, symbolic entries, d = {d}, m = {m}",
        symbols=syms,
        admissible=lambda pt: pt[lam] > 0 and _signs_ok(pt, pairs),
    )

    def f(Ws: list[sp.Matrix]) -> sp.Expr:
        return sp.Integer(m) ** (-m_power) * sum(
            c[k] * pattern[k] * _dot(Ws[k], x) for k in range(m))

    f0 = dv.step("f on the region", f(W))
    flam = dv.step("f(x; lambda W, c) (same region: lambda > 0)", f([lam * w for w in W]))
    hom = flam - lam**hom_degree * f0
    grads = [sp.Matrix([sp.diff(f0, e) for e in W[k]]) for k in range(m)]
    dv.step("df/dw_k", grads[0])
    paper = [c[k] * x * pattern[k] / sp.sqrt(m) for k in range(m)]
    res = [hom] + [e for k in range(m) for e in grads[k] - paper[k]]
    dv.conclude(sp.Matrix(res))
    return dv


def wn_network(
    d: int, pattern: tuple[int, ...], norm_power: int = 1, m_power: Any = HALF
) -> Derivation:
    """(1.2) f(x; V, g, c) = m^{-1/2} Σ_k c_k σ(g_k v_kᵀx/‖v_k‖) on one region (m = 2).

    The region is a_k = 1{g_k v_kᵀx ≥ 0} (``pattern``); the variant normalizes by
    ‖v_k‖^{norm_power}. Decides row-scale invariance f(x; diag(λ)V, g, c) = f(x; V, g, c)
    (λ_k > 0, one per row) and f_WN = f_(1.1)(x; W, c) at w_k = g_k v_k/‖v_k‖, whose
    activation 1{w_kᵀx ≥ 0} is a_k.
    """
    m = len(pattern)
    x = vector("x", d)
    V = [vector(f"v{k + 1}", d) for k in range(m)]
    g = sp.symbols(f"g1:{m + 1}", real=True)
    c = sp.symbols(f"c1:{m + 1}", real=True)
    lam = sp.symbols(f"lambda1:{m + 1}", positive=True)
    S = [norm2(v) for v in V]
    sn = [sp.Symbol(f"s_{k + 1}", positive=True) for k in range(m)]
    pairs = [(g[k] * _dot(V[k], x), 1 if pattern[k] else -1) for k in range(m)]
    dv = Derivation(
        title=f"(1.2) on region a = {pattern}, d = {d}, m = {m}",
        scope=f"fixed activation region, symbolic entries, g_k real, d = {d}, m = {m}",
        symbols=(*x, *[e for v in V for e in v], *g, *c, *lam),
        admissible=lambda pt: all(pt[t] > 0 for t in lam) and _signs_ok(pt, pairs),
    )
    pref = sp.Integer(m) ** (-m_power)

    def f(Vs: list[sp.Matrix]) -> sp.Expr:
        return pref * sum(
            c[k] * pattern[k] * g[k] * _dot(Vs[k], x) / sp.sqrt(norm2(Vs[k])) ** norm_power
            for k in range(m))

    f0 = dv.step("f_WN on the region", f(V))
    fl = dv.step("f_WN(x; diag(lambda) V, g, c)", f([lam[k] * V[k] for k in range(m)]))
    W = [g[k] * V[k] / sp.sqrt(S[k]) for k in range(m)]
    f11 = dv.step("f_(1.1)(x; W, c), w_k = g_k v_k/||v_k||",
                  sum(c[k] * pattern[k] * _dot(W[k], x) for k in range(m)) / sp.sqrt(m))
    dv.conclude(sp.Matrix([fl - f0, f0 - f11]), norm_simplifier(list(zip(S, sn, strict=True))))
    return dv


# --------------------------------------------------------------------------- (2.2)


def batchnorm_analogy(d: int, moment: str = "S", sqrt_norm: bool = True) -> Derivation:
    """(2.2): E_x[wᵀx xᵀw] = wᵀSw when E xxᵀ = S, the normalized argument γwᵀx/‖w‖_S is
    invariant under w → λw (λ > 0), and for S = I, γ = g, w = v it is the WN argument
    g vᵀx/‖v‖ of (2.1).

    The expectation is the linear map x_i x_j ↦ S_ij applied to the expanded quadratic
    form. The variant's target for E_x[(wᵀx)²] is wᵀSw ("S", printed), wᵀS⁻¹w ("S_inv")
    or wᵀS²w ("S2"); ``sqrt_norm=False`` normalizes by wᵀSw instead of its square root.
    """
    x, w = vector("x", d), vector("w", d)
    ent = {}
    for i in range(d):
        for j in range(i, d):
            ent[i, j] = ent[j, i] = sp.Symbol(f"S_{i + 1}{j + 1}", real=True)
    Smat = sp.Matrix(d, d, lambda i, j: ent[i, j])
    gam = sp.Symbol("gamma", real=True)
    lam = sp.Symbol("lambda", positive=True)
    s_syms = sorted(set(ent.values()), key=sp.default_sort_key)

    def pd(pt: dict) -> bool:
        """S positive definite at the point (leading principal minors, exact rationals)."""
        M = sp.Matrix(d, d, lambda i, j: sp.Rational(pt[ent[i, j]]))
        return all(M[:k, :k].det() > 0 for k in range(1, d + 1))

    dv = Derivation(
        title=f"(2.2) BN/WN analogy, target {moment}, d = {d}",
        scope=f"symbolic entries (S symmetric), d = {d}",
        symbols=(*w, *x, gam, lam, *s_syms),
        admissible=lambda pt: pd(pt) and pt[lam] > 0 and any(pt[e] != 0 for e in w),
    )
    quad = sp.Poly(sp.expand(_dot(w, x) ** 2), *x)
    E = sp.Integer(0)
    for monom, coef in quad.terms():
        idx = [i for i, p in enumerate(monom) for _ in range(p)]
        E += coef * ent[idx[0], idx[1]]
    E = dv.step("E[(w^T x)^2] (x_i x_j -> S_ij)", sp.expand(E))
    target = {"S": Smat, "S_inv": Smat.inv(), "S2": Smat * Smat}[moment]
    tq = dv.step("printed w^T S w" if moment == "S" else f"target ({moment})",
                 (w.T * target * w)[0, 0])
    r_lin = sp.together(E - tq)
    r_lin = sp.expand(sp.numer(r_lin))

    def arg(ww: sp.Matrix, M: sp.Matrix) -> sp.Expr:
        q = (ww.T * M * ww)[0, 0]
        return gam * _dot(ww, x) / (sp.sqrt(q) if sqrt_norm else q)

    S0, s0 = norm2(w), sp.Symbol("s_w", positive=True)
    wn_arg = dv.step("S = I, gamma = g, w = v: argument - g v^T x/||v||",
                     arg(w, sp.eye(d)) - gam * _dot(w, x) / sp.sqrt(S0))
    scale = dv.step("argument(lambda w) - argument(w), S = I",
                    arg(lam * w, sp.eye(d)) - arg(w, sp.eye(d)))
    simp = norm_simplifier([(S0, s0)])
    dv.conclude(sp.Matrix([r_lin, simp(wn_arg), simp(scale)]), simp)
    return dv


# --------------------------------------------------------------------------- (2.5)


def square_loss(
    n: int, sum_factor: Any = HALF, norm_factor: Any = HALF,
    norm_power: int = 2,
) -> Derivation:
    """(2.5) L = ½Σ_i(f_i − y_i)² = ½‖f − y‖₂², and ∂L/∂f_i = f_i − y_i (used in §3)."""
    f = sp.symbols(f"f1:{n + 1}", real=True)
    y = sp.symbols(f"y1:{n + 1}", real=True)
    dv = Derivation(title=f"(2.5) square loss, n = {n}", scope=f"symbolic entries, n = {n}",
                    symbols=(*f, *y))
    Ls = dv.step("sum form", sum_factor * sum((a - b) ** 2 for a, b in zip(f, y, strict=True)))
    r2 = sum((a - b) ** 2 for a, b in zip(f, y, strict=True))
    Ln = dv.step("norm form", norm_factor * sp.sqrt(r2) ** norm_power)
    grad = [sp.diff(Ls, fi) - (fi - yi) for fi, yi in zip(f, y, strict=True)]
    dv.conclude(sp.Matrix([Ls - Ln, *grad]))
    return dv


# --------------------------------------------------------------------------- (3.1), Fig. 1


def gradient_flow(p: int, sign: int = -1, eta_power: int = 1) -> Derivation:
    """(3.1) dθ_j/dt = sign·∂L/∂θ_j (printed sign −1) for a general differentiable L(θ).

    Decides dL/dt = −Σ_j(∂L/∂θ_j)² (the descent property, by SymPy's chain rule), and that the
    GD update θ(s+1) = θ(s) + sign·η^{eta_power}∂L/∂θ (App. C, printed for g; v by analogy)
    is the explicit Euler step of (3.1) with step η. ∂L/∂θ_j at θ(t) is the symbol q_j.
    """
    t = sp.Symbol("t", real=True)
    eta = sp.Symbol("eta", positive=True)
    th = [sp.Function(f"theta_{j + 1}")(t) for j in range(p)]
    q = sp.symbols(f"q1:{p + 1}", real=True)
    L = sp.Function("L")(*th)
    dv = Derivation(title=f"(3.1) descent, p = {p} parameters", scope="general differentiable "
                    f"L, p = {p}", symbols=(*q, eta), admissible=lambda pt: pt[eta] > 0)
    dLdt = sp.diff(L, t)
    rep = {sp.Derivative(L, th[j]): q[j] for j in range(p)}
    rep.update({sp.Derivative(th[j], t): sign * q[j] for j in range(p)})
    dLdt = dv.step("dL/dt (chain rule, dtheta/dt substituted)", dLdt.subs(rep))
    descent = dLdt + sum(qj**2 for qj in q)
    gd = [(sign * eta**eta_power * q[j]) / eta - sign * q[j] for j in range(p)]
    dv.step("(theta(s+1) - theta(s))/eta - dtheta/dt", sp.Matrix(gd))
    dv.conclude(sp.Matrix([descent, *gd]))
    return dv


def norm_dynamics(d: int, gd_sign: int = 1, flow_quantity: str = "v_norm") -> Derivation:
    """Fig. 1: under the flow (3.1) ‖v_k‖ is constant; under GD ‖v_k(s)‖ increases.

    With two inputs, ∇_{v_k}L = Σ_i r_i (c_k g_k/(√m‖v_k‖)) b_i x_i^{v_k⊥} (§3; b_i ∈ ℝ
    arbitrary, so the sign convention of the indicator does not matter). Decides
    d‖v_k‖²/dt = −2v_kᵀ∇_{v_k}L = 0 (flow_quantity "v_norm"; the perturbation "g_abs" claims
    d g_k²/dt = 0 with ∂L/∂g_k = Σ_i r_i c_k b_i v_kᵀx_i/(√m‖v_k‖)), and
    ‖v_k − η∇L‖² − ‖v_k‖² = gd_sign·η²‖∇L‖² (printed +1: an increase, a sum of squares).
    """
    v, x1, x2 = vector("v", d), vector("x", d), vector("z", d)
    g, c = sp.symbols("g c", real=True)
    m, eta = sp.symbols("m eta", positive=True)
    r1, r2, b1, b2 = sp.symbols("r1 r2 b1 b2", real=True)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"Fig. 1 norm dynamics (GD sign {gd_sign:+d}, flow {flow_quantity}), d = {d}",
        scope=f"symbolic entries, d = {d}, two training inputs, any eta > 0",
        symbols=(*v, g, c, m, eta, r1, r2, b1, b2, *x1, *x2),
        admissible=lambda pt: any(pt[e] != 0 for e in v) and pt[m] > 0 and pt[eta] > 0,
    )
    perp = sp.eye(d) - v * v.T / s**2
    coef = c * g / (sp.sqrt(m) * s)
    gL = dv.step("dL/dv_k", coef * (r1 * b1 * perp * x1 + r2 * b2 * perp * x2))
    if flow_quantity == "v_norm":
        rate = dv.step("d||v_k||^2/dt = -2 v_k^T dL/dv_k", -2 * _dot(v, gL))
    else:
        gLg = c * (r1 * b1 * _dot(v, x1) + r2 * b2 * _dot(v, x2)) / (sp.sqrt(m) * s)
        rate = dv.step("d g_k^2/dt = -2 g_k dL/dg_k", -2 * g * gLg)
    vn = v - eta * gL
    delta = dv.step("||v(s+1)||^2 - ||v(s)||^2", norm2(vn) - S)
    growth = delta - gd_sign * eta**2 * norm2(gL)
    dv.conclude(sp.Matrix([rate, growth]), norm_simplifier([(S, s)]))
    return dv


# --------------------------------------------------------------------------- (3.2)


def chain_rule(d: int, sign: int = -1, include_v: bool = True, include_g: bool = True
               ) -> Derivation:
    """(3.2) ∂f_i/∂t = −Σ_k ∂f_i/∂v_k·∂L/∂v_k − Σ_k ∂f_i/∂g_k ∂L/∂g_k = −T_v^i − T_g^i.

    Predictions f_1, f_2 are general differentiable functions of θ = (v_1, v_2, g_1, g_2)
    (m = 2, v_k ∈ ℝ^d); L = ½Σ_i(f_i − y_i)²; θ follows (3.1). SymPy's chain rule gives
    ∂f_i/∂t; ∂f_i/∂θ_j at θ(t) is the symbol q_ij and f_i(θ(t)) the symbol F_i. The variant
    predicts sign·(T_v·include_v + T_g·include_g) (printed: sign −1, both terms).
    """
    t = sp.Symbol("t", real=True)
    names = [f"v{k}{j}" for k in (1, 2) for j in range(1, d + 1)] + ["g1", "g2"]
    is_v = [nm.startswith("v") for nm in names]
    th = [sp.Function(nm)(t) for nm in names]
    P = len(th)
    fs = [sp.Function(f"f{i}")(*th) for i in (1, 2)]
    y = sp.symbols("y1 y2", real=True)
    F = sp.symbols("F1 F2", real=True)
    q = [[sp.Symbol(f"q_{i + 1}_{names[j]}", real=True) for j in range(P)] for i in range(2)]
    dv = Derivation(title=f"(3.2) chain rule, m = 2, d = {d}",
                    scope=f"general differentiable f_i(V, g), m = 2, n = 2, d = {d}",
                    symbols=(*[e for row in q for e in row], *F, *y))
    L = sp.Rational(1, 2) * sum((fi - yi) ** 2 for fi, yi in zip(fs, y, strict=True))
    rep: dict[Any, Any] = {}
    for i in range(2):
        for j in range(P):
            rep[sp.Derivative(fs[i], th[j])] = q[i][j]
    dL = [sp.diff(L, th[j]).subs(rep) for j in range(P)]
    dL = [e.subs({fs[0]: F[0], fs[1]: F[1]}) for e in dL]
    dv.step("dL/dtheta_j", sp.Matrix(dL))
    vel = {sp.Derivative(th[j], t): -dL[j] for j in range(P)}
    res = []
    for i in range(2):
        dfdt = sp.diff(fs[i], t).subs(rep).subs(vel)
        Tv = sum(q[i][j] * dL[j] for j in range(P) if is_v[j])
        Tg = sum(q[i][j] * dL[j] for j in range(P) if not is_v[j])
        dv.step(f"df_{i + 1}/dt", dfdt)
        pred = sign * ((Tv if include_v else 0) + (Tg if include_g else 0))
        res.append(sp.expand(dfdt - pred))
    dv.conclude(sp.Matrix(res))
    return dv


# --------------------------------------------------------------------------- §3 gradients


def _neuron(d: int) -> dict[str, Any]:
    """Symbols of one neuron k (v_k, g_k, c_k), two data points x (x_1) and z (x_2), their
    targets y1, y2 and the other neurons' outputs F1, F2."""
    v, x1, x2 = vector("v", d), vector("x", d), vector("z", d)
    g, c, y1, y2, F1, F2 = sp.symbols("g c y1 y2 F1 F2", real=True)
    m = sp.Symbol("m", positive=True)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    return {"v": v, "x": [x1, x2], "g": g, "c": c, "y": [y1, y2],
            "F": [F1, F2], "m": m, "S": S, "s": s,
            "symbols": (*v, g, c, m, y1, y2, F1, F2, *x1, *x2)}


def _region_ok(nz: dict[str, Any], sg: int, ss: tuple[int, ...]) -> Callable[[dict], bool]:
    """Admissible points: a positive integer width m, c_k = ±1 (as under (2.4)) and the
    strict signs of the region (g_k, v_kᵀx_1, v_kᵀx_2)."""
    pairs = [(nz["g"], sg)] + [(_dot(nz["v"], xi), si)
                               for xi, si in zip(nz["x"], ss, strict=True)]

    def ok(pt: dict) -> bool:
        m = pt[nz["m"]]
        return (m > 0 and m == int(m) and pt[nz["c"]] in (1, -1)
                and _signs_ok(pt, pairs))

    return ok


def _net_on_region(nz: dict[str, Any], sg: int, ss: tuple[int, ...]) -> list[sp.Expr]:
    """f_i = c σ(g vᵀx_i/‖v‖)/√m + F_i on the region: σ(z) = a_i z, a_i = 1{sg·ss_i > 0}
    (F_i collects the other neurons, constant in (v_k, g_k))."""
    out = []
    for xi, si, Fi in zip(nz["x"], ss, nz["F"], strict=True):
        a = 1 if sg * si > 0 else 0
        out.append(nz["c"] * a * nz["g"] * _dot(nz["v"], xi) / sp.sqrt(nz["S"])
                   / sp.sqrt(nz["m"]) + Fi)
    return out


def _indicator_value(form: str, sg: int, si: int) -> int:
    """The indicator of a formula on the region: "v" is the printed 1{v_kᵀx_i ≥ 0}, "gv" the
    activation 1{g_k v_kᵀx_i ≥ 0} = σ'(g_k v_kᵀx_i/‖v_k‖)."""
    if form == "v":
        return 1 if si > 0 else 0
    return 1 if sg * si > 0 else 0


def grad_v_region(
    d: int, region: tuple[int, int, int], indicator: str = "v", projection: bool = True,
    norm_power: int = 1,
) -> Derivation:
    """∂f_i/∂v_k = m^{-1/2} c_k g_k/‖v_k‖ x_i^{v_k⊥} 1_ik and
    ∂L/∂v_k = m^{-1/2} Σ_i (f_i − y_i) c_k g_k/‖v_k‖ x_i^{v_k⊥} 1_ik (Dukler et al. §3),
    against SymPy's derivative of (1.2) on the region (sign g_k, sign v_kᵀx_1, sign v_kᵀx_2).

    The variant's indicator is "v" (printed 1{v_kᵀx_i ≥ 0}) or "gv" (1{g_k v_kᵀx_i ≥ 0});
    ``projection=False`` uses x_i for x_i^{v⊥}, ``norm_power`` the power of ‖v_k‖.
    """
    sg, *ss = region
    nz = _neuron(d)
    v, S = nz["v"], nz["S"]
    dv = Derivation(
        title=f"df/dv_k, dL/dv_k on region sign(g, v^T x_1, v^T x_2) = {region}, d = {d}",
        scope=f"fixed activation region, symbolic entries, d = {d}, n = 2",
        symbols=nz["symbols"], admissible=_region_ok(nz, sg, tuple(ss)),
    )
    f = _net_on_region(nz, sg, tuple(ss))
    L = sp.Rational(1, 2) * sum((fi - yi) ** 2 for fi, yi in zip(f, nz["y"], strict=True))
    coef = nz["c"] * nz["g"] / (sp.sqrt(nz["m"]) * sp.sqrt(S) ** norm_power)
    res = []
    formula = []
    for i, xi in enumerate(nz["x"]):
        proj = xi - v * _dot(v, xi) / S if projection else xi
        formula.append(coef * proj * _indicator_value(indicator, sg, ss[i]))
        true = sp.Matrix([sp.diff(f[i], e) for e in v])
        dv.step(f"df_{i + 1}/dv_k (sympy)", true)
        res.extend(true - formula[i])
    trueL = sp.Matrix([sp.diff(L, e) for e in v])
    formL = sum(((f[i] - nz["y"][i]) * formula[i] for i in range(2)), sp.zeros(d, 1))
    dv.step("dL/dv_k (sympy)", trueL)
    res.extend(trueL - formL)
    dv.conclude(sp.Matrix(res), norm_simplifier([(S, nz["s"])]))
    return dv


def grad_g_region(
    d: int, region: tuple[int, int, int], form: str = "printed", norm_power: int = 1,
) -> Derivation:
    """∂f_i/∂g_k = m^{-1/2} c_k σ(v_kᵀx_i)/‖v_k‖ and
    ∂L/∂g_k = m^{-1/2} Σ_j (f_j − y_j) c_k σ(v_kᵀx_j)/‖v_k‖ (Dukler et al. §3) against
    SymPy's derivative of (1.2) on the region (sign g_k, sign v_kᵀx_1, sign v_kᵀx_2).

    form: "printed" σ(v_kᵀx_i); "corrected" v_kᵀx_i·1{g_k v_kᵀx_i ≥ 0} (= σ(v_kᵀx_i) when
    g_k > 0); "no_relu" v_kᵀx_i. ``norm_power`` is the power of ‖v_k‖.
    """
    sg, *ss = region
    nz = _neuron(d)
    v, S, gsym = nz["v"], nz["S"], nz["g"]
    dv = Derivation(
        title=f"df/dg_k, dL/dg_k ({form}) on region sign(g, v^T x_1, v^T x_2) = {region}, "
              f"d = {d}",
        scope=f"fixed activation region, symbolic entries, d = {d}, n = 2",
        symbols=nz["symbols"], admissible=_region_ok(nz, sg, tuple(ss)),
    )
    f = _net_on_region(nz, sg, tuple(ss))
    L = sp.Rational(1, 2) * sum((fi - yi) ** 2 for fi, yi in zip(f, nz["y"], strict=True))
    coef = nz["c"] / (sp.sqrt(nz["m"]) * sp.sqrt(S) ** norm_power)
    res, formula = [], []
    for i, xi in enumerate(nz["x"]):
        s_i = _dot(v, xi)
        if form == "printed":
            act = s_i * _indicator_value("v", sg, ss[i])  # σ(s_i) on the region
        elif form == "corrected":
            act = s_i * _indicator_value("gv", sg, ss[i])
        else:
            act = s_i
        formula.append(coef * act)
        true = sp.diff(f[i], gsym)
        dv.step(f"df_{i + 1}/dg_k (sympy)", true)
        res.append(true - formula[i])
    trueL = sp.diff(L, gsym)
    formL = sum((f[i] - nz["y"][i]) * formula[i] for i in range(2))
    dv.step("dL/dg_k (sympy)", trueL)
    res.append(trueL - formL)
    dv.conclude(sp.Matrix(res), norm_simplifier([(S, nz["s"])]))
    return dv


def c_g_mirror_region(d: int, region: tuple[int, int, int], mirror_sign: int = 1,
                      conserved: str = "difference") -> Derivation:
    """The top-layer weight c_k and the length g_k enter (1.2) symmetrically.

    On the region (sign g_k, sign v_kᵀx_1, sign v_kᵀx_2): g_k ∂f_i/∂g_k = mirror_sign·c_k
    ∂f_i/∂c_k (printed reading: +1; positive homogeneity σ(z) = σ'(z)z), hence under the
    gradient flow of (V, g, c) jointly d(c_k² − g_k²)/dt = −2c_k∂L/∂c_k + 2g_k∂L/∂g_k = 0
    (conserved = "difference"); the perturbation "sum" claims c_k² + g_k² is conserved.
    """
    sg, *ss = region
    nz = _neuron(d)
    gsym, csym = nz["g"], nz["c"]
    dv = Derivation(
        title=f"c_k/g_k mirror on region {region}, d = {d}",
        scope=f"fixed activation region, symbolic entries, d = {d}, n = 2",
        symbols=nz["symbols"], admissible=_region_ok(nz, sg, tuple(ss)),
    )
    f = _net_on_region(nz, sg, tuple(ss))
    L = sp.Rational(1, 2) * sum((fi - yi) ** 2 for fi, yi in zip(f, nz["y"], strict=True))
    res = []
    for i in range(2):
        dg, dc = sp.diff(f[i], gsym), sp.diff(f[i], csym)
        dv.step(f"g df_{i + 1}/dg - c df_{i + 1}/dc", gsym * dg - csym * dc)
        res.append(gsym * dg - mirror_sign * csym * dc)
    sgn = -1 if conserved == "difference" else 1
    rate = dv.step(f"d(c^2 {'-' if sgn < 0 else '+'} g^2)/dt under the joint flow",
                   -2 * csym * sp.diff(L, csym) - sgn * 2 * gsym * sp.diff(L, gsym))
    res.append(rate)
    dv.conclude(sp.Matrix(res), norm_simplifier([(nz["S"], nz["s"])]))
    return dv


def init_kernel_constant(d: int, kappa: str = "d") -> Derivation:
    """Under (2.4), g_k(0) = ‖v_k(0)‖/α ~ χ_d is independent of u_k(0) = v_k(0)/‖v_k(0)‖, so
    the c-block kernel C(0) = m⁻¹Σ_k g_k(0)² σ(u_kᵀx_i)σ(u_kᵀx_j) has E C(0) = E[g_k(0)²]·G∞
    with G∞ = E G(0). Decides E[g_k(0)²] = κ: κ = d (the reading "equivalent up to the
    constant d") or κ = 1 (the literal reading "the same kernel", a perturbation).
    """
    dv = Derivation(title=f"E[g_k(0)^2], d = {d}", scope=f"chi law of g_k(0), d = {d}")
    gk = sps.Chi("g", d)
    m2 = dv.step("E[g_k(0)^2] (sympy.stats, chi(d))", sp.simplify(sps.E(gk**2)))
    target = sp.Integer(d) if kappa == "d" else sp.Integer(1)
    dv.conclude(m2 - target)
    return dv
