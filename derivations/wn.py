"""Weight-normalization identities of Dukler et al. §2, derived in SymPy.

Each builder takes the parameters of the statement it decides (so the same derivation
decides the printed statement, its correction and perturbations) and returns a
:class:`~derivations.core.Derivation` whose residual is 0 iff the statement holds.
Vectors have symbolic real entries in dimension d (the scope is stated per derivation).
"""

from __future__ import annotations

import sympy as sp

from derivations.core import Derivation, norm2, norm_simplifier, vector


def projections(d: int, norm_power: int = 2) -> Derivation:
    """x^u = u uᵀx/‖u‖², x^{u⊥} = (I − u uᵀ/‖u‖²)x (Dukler et al. §2 Notation).

    Decides: P² = P, Pᵀ = P, (I − P)P = 0, Pythagoras
    ⟨x_i^u, x_j^u⟩ + ⟨x_i^{u⊥}, x_j^{u⊥}⟩ = x_iᵀx_j, and P(λu) = P(u) for λ > 0, with
    P = u uᵀ/‖u‖^{norm_power} (printed: norm_power = 2).
    """
    u, xi, xj = vector("u", d), vector("x", d), vector("y", d)
    lam = sp.Symbol("lambda", positive=True)
    S, s = norm2(u), sp.Symbol("s_u", positive=True)
    dv = Derivation(
        title=f"projections, d = {d}",
        scope=f"symbolic entries, d = {d}",
        symbols=(*u, *xi, *xj, lam),
        admissible=lambda pt: any(pt[x] != 0 for x in u) and pt[lam] > 0,
    )
    I = sp.eye(d)

    def proj(w: sp.Matrix) -> sp.Matrix:
        return w * w.T / sp.factor(norm2(w)) ** sp.Rational(norm_power, 2)

    P = dv.step("P", proj(u), rf"P = u u^\top/\|u\|^{{{norm_power}}}")
    Q = I - P
    idem = dv.step("idempotence P^2 - P", P * P - P)
    sym = dv.step("symmetry P^T - P", P.T - P)
    comp = dv.step("(I - P) P", Q * P)
    pyth = dv.step(
        "Pythagoras <Px_i,Px_j> + <(I-P)x_i,(I-P)x_j> - x_i^T x_j",
        ((P * xi).T * (P * xj) + (Q * xi).T * (Q * xj) - xi.T * xj)[0, 0],
    )
    scale = dv.step("scale invariance P(lambda u) - P(u)", proj(lam * u) - P)
    residual = sp.Matrix([*idem, *sym, *comp, pyth, *scale])
    dv.conclude(residual, norm_simplifier([(S, s)]))
    return dv


def _generic_gradient(d: int) -> tuple[sp.Matrix, sp.Symbol, sp.Matrix, sp.Expr, sp.Matrix]:
    """v, g, w(v, g) = g v/‖v‖ (2.1), F(w) for an undefined function F, and p = ∇_w F at w.

    SymPy's chain rule writes ∂F(w(v,g))/∂v_i with Subs(Derivative(F, ξ_j)) objects; each is
    replaced by the symbol p_j (the j-th component of ∇_w F at w(v, g)), so the identities
    are decided for a general differentiable F.
    """
    v = vector("v", d)
    g = sp.Symbol("g", real=True)
    p = vector("p", d)
    w = g * v / sp.sqrt(norm2(v))
    F = sp.Function("F")(*w)
    return v, g, w, F, p


def _chain(expr: sp.Expr, p: sp.Matrix) -> sp.Expr:
    def rep(e: sp.Subs) -> sp.Expr:
        der = e.expr
        var = der.variables[0]
        return p[list(der.expr.args).index(var)]

    return expr.replace(lambda e: isinstance(e, sp.Subs), rep)


def wn_grad_v(
    d: int, projection: bool = True, norm_power: int = 1, proj_power: int = 2
) -> Derivation:
    """∇_v f = g/‖v‖ (∇_w f)^{v⊥} for f = F∘w(v, g), Dukler et al. §2 "Properties of WN".

    Printed: projection onto v⊥ with ‖v‖², prefactor g/‖v‖ (norm_power = 1).
    """
    v, g, w, F, p = _generic_gradient(d)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"grad_v f, d = {d}",
        scope=f"general differentiable F, symbolic entries, d = {d}",
        symbols=(*v, g, *p),
        admissible=lambda pt: any(pt[x] != 0 for x in v),
    )
    dv.step("w(v, g)", w, "(2.1)")
    lhs = dv.step("grad_v F(w(v,g)) (chain rule)", sp.Matrix([_chain(F.diff(x), p) for x in v]))
    Pperp = sp.eye(d) - (v * v.T / S ** sp.Rational(proj_power, 2) if projection else sp.zeros(d))
    rhs = dv.step("printed right-hand side", g / sp.sqrt(S) ** norm_power * Pperp * p)
    dv.conclude(lhs - rhs, norm_simplifier([(S, s)]))
    return dv


def wn_grad_g(d: int, reading: str = "printed") -> Derivation:
    """∂f/∂g = (∇_w f)^v (printed, §2) against the chain rule for f = F∘w(v, g).

    reading = "printed": the right-hand side is the vector v vᵀ∇_w f/‖v‖² of §2's notation,
    compared with the scalar ∂f/∂g as a d-vector equation (entries must all match).
    reading = "corrected": ∂f/∂g = (v/‖v‖)ᵀ∇_w f and (∇_w f)^v = (∂f/∂g) v/‖v‖.
    reading = "wrong_norm": ∂f/∂g = vᵀ∇_w f/‖v‖² (a perturbation).
    """
    v, g, _w, F, p = _generic_gradient(d)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"df/dg ({reading}), d = {d}",
        scope=f"general differentiable F, symbolic entries, d = {d}",
        symbols=(*v, g, *p),
        admissible=lambda pt: any(pt[x] != 0 for x in v),
    )
    lhs = dv.step("df/dg (chain rule)", _chain(F.diff(g), p))
    if reading == "printed":
        rhs = dv.step("(grad_w f)^v = v v^T grad_w f/||v||^2 (a d-vector)", v * v.T * p / S)
        dv.step("shapes", sp.Symbol(rf"\text{{scalar}} \ne \mathbb{{R}}^{{{d}}}"),
                "a scalar equated with a d-vector: compared entrywise")
        residual = rhs - lhs * sp.ones(d, 1)
    elif reading == "corrected":
        rhs = dv.step("(v/||v||)^T grad_w f", (v.T * p)[0, 0] / sp.sqrt(S))
        vec = dv.step("(grad_w f)^v - (df/dg) v/||v||", v * v.T * p / S - lhs * v / sp.sqrt(S))
        residual = sp.Matrix([lhs - rhs, *vec])
    elif reading == "wrong_norm":
        rhs = dv.step("v^T grad_w f/||v||^2", (v.T * p)[0, 0] / S)
        residual = sp.Matrix([lhs - rhs])
    else:
        raise ValueError(f"unknown reading {reading!r}")
    dv.conclude(residual, norm_simplifier([(S, s)]))
    return dv


def orthogonality(d: int, rhs: str = "zero") -> Derivation:
    """∇_v f · v = 0 for f = F∘w(v, g) (Dukler et al. §2), and d‖v‖²/dt = −2vᵀ∇_v L = 0 under
    the flow (3.1) since ∇_v L = Σ_i r_i ∇_v f_i.

    rhs = "zero" (printed) or "f_value" (the perturbation ∇_v f · v = F(w)).
    """
    v, g, _w, F, p = _generic_gradient(d)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"v . grad_v f ({rhs}), d = {d}",
        scope=f"general differentiable F, symbolic entries, d = {d}",
        symbols=(*v, g, *p),
        admissible=lambda pt: any(pt[x] != 0 for x in v),
    )
    grad = sp.Matrix([_chain(F.diff(x), p) for x in v])
    ip = dv.step("v . grad_v F(w(v,g))", (v.T * grad)[0, 0])
    target = sp.Integer(0) if rhs == "zero" else sp.Symbol("F_w")
    r1, r2 = sp.symbols("r_1 r_2", real=True)
    q = vector("q", d)
    # the loss gradient of two data points: ∇_v L = r_1 ∇_v f_1 + r_2 ∇_v f_2 (chain rule)
    flow = dv.step(
        "d||v||^2/dt = -2 v^T (r_1 grad_v f_1 + r_2 grad_v f_2)",
        -2 * (v.T * (r1 * grad + r2 * grad.subs(dict(zip(p, q, strict=True)))))[0, 0],
    )
    dv.symbols = (*dv.symbols, r1, r2, *q, sp.Symbol("F_w"))
    flow_target = sp.Integer(0) if rhs == "zero" else -2 * (r1 + r2) * sp.Symbol("F_w")
    dv.conclude(sp.Matrix([ip - target, flow - flow_target]), norm_simplifier([(S, s)]))
    return dv


def norm_growth(d: int, gradient: str = "L", eta_power: int = 2, sign: int = 1) -> Derivation:
    """One GD step v' = v − η∇_v L on the WN neuron: ‖v'‖² = ‖v‖² + sign·η^p‖∇_v ·‖²
    (Dukler et al. (2.3)). Printed: gradient = "f" (∇_v f of one input), p = 2, sign = +1.

    With two training inputs, ∇_v L = r_1∇_v f_1 + r_2∇_v f_2 where
    ∇_v f_i = g/‖v‖ (I − vvᵀ/‖v‖²) q_i (q_i = ∇_w f_i, arbitrary); for gradient = "f" the
    printed right-hand side uses ∇_v f_1.
    """
    v = vector("v", d)
    g, eta = sp.Symbol("g", real=True), sp.Symbol("eta", positive=True)
    r1, r2 = sp.symbols("r_1 r_2", real=True)
    q1, q2 = vector("q", d), vector("p", d)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"norm growth (grad {gradient}, eta^{eta_power}, sign {sign:+d}), d = {d}",
        scope=f"symbolic entries, d = {d}, two training inputs, any eta > 0",
        symbols=(*v, g, eta, r1, r2, *q1, *q2),
        admissible=lambda pt: any(pt[x] != 0 for x in v) and pt[eta] > 0,
    )
    # ‖v‖ is the positive symbol s, tied to v by s² = ‖v‖² in the reduction
    Pperp = sp.eye(d) - v * v.T / s**2
    gf1 = dv.step("grad_v f_1 = g/||v|| P_perp q_1", g / s * Pperp * q1)
    gf2 = g / s * Pperp * q2
    gL = dv.step("grad_v L = r_1 grad_v f_1 + r_2 grad_v f_2", r1 * gf1 + r2 * gf2)
    vn = dv.step("v(s+1) = v - eta grad_v L", v - eta * gL)
    lhs = dv.step("||v(s+1)||^2 - ||v(s)||^2", norm2(vn) - S)
    h = gL if gradient == "L" else gf1
    rhs = dv.step("right-hand side", sign * eta**eta_power * norm2(h))
    dv.conclude(lhs - rhs, norm_simplifier([(S, s)]))
    return dv


def reparametrization(d: int, projection: bool = True, proj_power: int = 2) -> Derivation:
    """w(v, g) = g v/‖v‖ (2.1): ‖w‖² = g², ∂w/∂v = g/‖v‖ (I − vvᵀ/‖v‖²), ∂w/∂g = v/‖v‖,
    and σ(wᵀx) = σ(g vᵀx/‖v‖). Perturbations drop the projection or square the wrong norm."""
    v, x = vector("v", d), vector("x", d)
    g = sp.Symbol("g", real=True)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"reparametrization (2.1), d = {d}",
        scope=f"symbolic entries, d = {d}",
        symbols=(*v, g, *x),
        admissible=lambda pt: any(pt[y] != 0 for y in v),
    )
    w = dv.step("w(v, g)", g * v / sp.sqrt(S))
    nrm = dv.step("||w||^2 - g^2", norm2(w) - g**2)
    Jv = dv.step("dw/dv (jacobian)", w.jacobian(v))
    proj = v * v.T / S ** sp.Rational(proj_power, 2) if projection else sp.zeros(d)
    Jv_pr = dv.step("printed dw/dv", g / sp.sqrt(S) * (sp.eye(d) - proj))
    Jg = dv.step("dw/dg - v/||v||", w.diff(g) - v / sp.sqrt(S))
    pre = dv.step("w^T x - g v^T x/||v||", (w.T * x)[0, 0] - g * (v.T * x)[0, 0] / sp.sqrt(S))
    dv.conclude(sp.Matrix([nrm, *(Jv - Jv_pr), *Jg, pre]), norm_simplifier([(S, s)]))
    return dv
