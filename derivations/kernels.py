"""Infinite-width Gram matrices H∞, V∞, G∞ (suite entry ``dukler.Z.kernels``), derived in SymPy.

The kernels are the expectations of the finite-width matrices of Dukler et al. (3.6), (3.3),
(3.4) under the initialization (2.4) (v_k ~ N(0, α²I), g_k = ‖v_k‖/α, so s_k² = 1):
  H∞_ij = x_iᵀx_j (π − θ_ij)/(2π),   G∞_ij = r_i r_j (sin θ_ij + (π − θ_ij) cos θ_ij)/(2π d),
  V∞ = H∞ − G∞ = r_i r_j/(2π) [(1 − 1/d)(π − θ_ij) cos θ_ij − sin θ_ij/d],
with r_i = ‖x_i‖ and θ_ij ∈ [0, π] the angle between x_i and x_j.

:func:`closed_forms` writes the statement with its coefficients as parameters (printed:
``h_theta_coef = -1``, ``g_denominator = 2``, ``v_g_sign = -1``) and :func:`z_kernels` derives
the kernels and decides any such statement with the same steps.
"""

from __future__ import annotations

import sympy as sp

from derivations.core import Derivation, norm2, norm_simplifier, relu, vector

R_I = sp.Symbol("r_i", positive=True)
R_J = sp.Symbol("r_j", positive=True)
THETA = sp.Symbol("theta", positive=True)
D = sp.Symbol("d", positive=True, integer=True)

SCOPE = (
    "general d ≥ 2, r_i, r_j > 0 and θ ∈ [0, π] (a zero row gives zero kernels); the planar "
    "reduction uses the rotational invariance of N(0, I_d) and the independence of ‖w‖ and "
    "w/‖w‖, stated not derived; Prop. 1's projection identity is reduced in d = 3"
)


def kernel_symbols() -> tuple[sp.Symbol, sp.Symbol, sp.Symbol, sp.Symbol]:
    """(r_i, r_j, θ, d): the symbols of :func:`closed_forms`."""
    return R_I, R_J, THETA, D


def closed_forms(
    h_theta_coef: int = -1, g_denominator: int = 2, v_g_sign: int = -1
) -> dict[str, sp.Expr]:
    """The statement's closed forms in (r_i, r_j, θ, d), with x_iᵀx_j = r_i r_j cos θ.

    H = x_iᵀx_j (π + h θ)/(2π), G = r_i r_j (sin θ + (π − θ) cos θ)/(g_den π d),
    V = H + s G (printed "V∞ = H∞ − G∞": s = −1), and V written in the printed bracket layout
    r_i r_j/(2π) [(1 + 2s/(g_den d))(π − θ) cos θ + (h + 1) θ cos θ + 2s sin θ/(g_den d)],
    which is the printed (1 − 1/d)(π − θ) cos θ − sin θ/d for the printed coefficients.
    """
    h, gden, s = sp.Integer(h_theta_coef), sp.Integer(g_denominator), sp.Integer(v_g_sign)
    K = R_I * R_J * sp.cos(THETA)
    H = K * (sp.pi + h * THETA) / (2 * sp.pi)
    G = R_I * R_J * (sp.sin(THETA) + (sp.pi - THETA) * sp.cos(THETA)) / (gden * sp.pi * D)
    c = 2 * s / (gden * D)
    V_bracket = R_I * R_J / (2 * sp.pi) * (
        (1 + c) * (sp.pi - THETA) * sp.cos(THETA)
        + (h + 1) * THETA * sp.cos(THETA)
        + c * sp.sin(THETA)
    )
    return {"H": H, "G": G, "V": H + s * G, "V_bracket": V_bracket}


def _special_values(forms: dict[str, sp.Expr]) -> list[tuple[str, sp.Expr, sp.Expr]]:
    """(name, form at the special point, stated value) for the catalog's special values."""
    r, ri, rj = R_I, R_I, R_J
    diag = {R_J: R_I, THETA: 0}
    half = {THETA: sp.pi / 2}
    anti = {THETA: sp.pi}
    return [
        ("H_ii = r^2/2", forms["H"].subs(diag), r**2 / 2),
        ("G_ii = r^2/(2d)", forms["G"].subs(diag), r**2 / (2 * D)),
        ("V_ii = (d-1) r^2/(2d)", forms["V"].subs(diag), (D - 1) * r**2 / (2 * D)),
        ("H(pi/2) = 0", forms["H"].subs(half), sp.Integer(0)),
        ("G(pi/2) = r_i r_j/(2 pi d)", forms["G"].subs(half), ri * rj / (2 * sp.pi * D)),
        ("V(pi/2) = -r_i r_j/(2 pi d)", forms["V"].subs(half), -ri * rj / (2 * sp.pi * D)),
        ("H(pi) = 0", forms["H"].subs(anti), sp.Integer(0)),
        ("G(pi) = 0", forms["G"].subs(anti), sp.Integer(0)),
        ("V(pi) = 0", forms["V"].subs(anti), sp.Integer(0)),
    ]


def _projection_identity(dv: Derivation) -> sp.Expr:
    """Prop. 1 per summand, in d = 3 with symbolic entries: for u ≠ 0,
    ⟨x_i^{u⊥}, x_j^{u⊥}⟩ = x_iᵀx_j − (ûᵀx_i)(ûᵀx_j), so on an activation region
    (a_i, a_j ∈ {0, 1}, σ(ûᵀx) = a ûᵀx) the summands satisfy V + G − H = 0 (s² = 1)."""
    u, xi, xj = vector("u", 3), vector("x", 3), vector("y", 3)
    S, s = norm2(u), sp.Symbol("s_u", positive=True)
    P = u * u.T / S
    Q = sp.eye(3) - P
    lhs = ((Q * xi).T * (Q * xj))[0, 0]
    pi_, pj_ = (u.T * xi)[0, 0] / sp.sqrt(S), (u.T * xj)[0, 0] / sp.sqrt(S)
    K = (xi.T * xj)[0, 0]
    proj = dv.step(
        "<x_i^{u perp}, x_j^{u perp}> - (x_i^T x_j - (u^T x_i)(u^T x_j)/||u||^2)",
        norm_simplifier([(S, s)])(lhs - (K - pi_ * pj_)),
        "d = 3, symbolic entries",
    )
    ai, aj = sp.symbols("a_i a_j", nonnegative=True)
    summands = dv.step(
        "summands on a region: V_k + G_k - H_k",
        sp.expand(ai * aj * (K - pi_ * pj_) + (ai * pi_) * (aj * pj_) - K * ai * aj),
        "sigma(p) = a p, 1{p >= 0} = a, s_k^2 = 1 at (2.4)",
    )
    return sp.Matrix([proj, summands])


def z_kernels(
    h_theta_coef: int = -1, g_denominator: int = 2, v_g_sign: int = -1
) -> Derivation:
    """Derive H∞, G∞, V∞ and decide the statement :func:`closed_forms` writes for the given
    coefficients (suite entry ``dukler.Z.kernels``; the expectations of Dukler et al. (3.6),
    (3.3), (3.4) at (2.4); H∞ is the kernel of Du et al.).

    Residual: derived − stated for H∞, G∞, V∞, the two printed forms of V∞ against each
    other, the catalog's special values (diagonal, θ = π/2, θ = π) against the stated forms,
    and Prop. 1's per-summand identity.
    """
    ri, rj, th, d = R_I, R_J, THETA, D
    phi = sp.Symbol("phi", real=True)
    rho = sp.Symbol("rho", positive=True)
    dv = Derivation(
        title=(
            f"infinite-width kernels H, V, G (h = {h_theta_coef}, "
            f"G denominator {g_denominator} pi d, V = H {v_g_sign:+d} G)"
        ),
        scope=SCOPE,
        symbols=(ri, rj, th, d),
        admissible=lambda pt: pt[ri] > 0 and pt[rj] > 0 and 0 <= pt[th] <= sp.pi
        and pt[d] >= 2,
    )
    # ---- planar reduction
    dv.step(
        "plane of (x_i, x_j)",
        sp.Matrix([[ri, 0], [rj * sp.cos(th), rj * sp.sin(th)]]),
        "rows: x_i, x_j in an orthonormal basis of their span; w^T x depends on w only "
        "through its projection on the plane, which is N(0, I_2) for w ~ N(0, I_d) "
        "(rotational invariance, stated)",
    )
    dv.step("w in polar coordinates", sp.Matrix([rho * sp.cos(phi), rho * sp.sin(phi)]),
            "density (1/2pi) e^{-rho^2/2} rho drho dphi")
    pre_i = dv.step("w^T x_i/r_i", rho * sp.cos(phi))
    pre_j = dv.step("w^T x_j/r_j", sp.expand_trig(rho * sp.cos(phi - th)))
    t = sp.Symbol("t", positive=True)
    homog = dv.step("sigma(r z) - r sigma(z) for z = t and z = -t (t > 0, r > 0)",
            sp.Matrix([relu(ri * t) - ri * relu(t), relu(-ri * t) - ri * relu(-t)]),
            "positive homogeneity: sigma(w^T x_i) = r_i sigma(w^T xhat_i)")
    lo = dv.step("lower end of {cos phi >= 0} ∩ {cos(phi - theta) >= 0}",
                 sp.Max(-sp.pi / 2, th - sp.pi / 2), "phi in [-pi/2, pi/2] ∩ [theta-pi/2, "
                 "theta+pi/2], theta >= 0")
    hi = dv.step("upper end", sp.Min(sp.pi / 2, th + sp.pi / 2))
    ends = dv.step("both pre-activations vanish at the ends",
            sp.Matrix([pre_i.subs(phi, hi), sp.simplify(pre_j.subs(phi, lo))]))
    # ---- the two Gaussian integrals
    radial_p = dv.step("int_0^oo rho e^{-rho^2/2} drho",
                       sp.integrate(rho * sp.exp(-rho**2 / 2), (rho, 0, sp.oo)))
    radial_g = dv.step("int_0^oo rho^3 e^{-rho^2/2} drho",
                       sp.integrate(rho**3 * sp.exp(-rho**2 / 2), (rho, 0, sp.oo)))
    ang = dv.step("int_{theta-pi/2}^{pi/2} cos(phi) cos(phi - theta) dphi",
                  sp.simplify(sp.integrate(sp.cos(phi) * sp.cos(phi - th), (phi, lo, hi))))
    p_both = dv.step("P(w^T x_i >= 0, w^T x_j >= 0)",
                     sp.simplify(radial_p * (hi - lo) / (2 * sp.pi)),
                     "needs hi >= lo: theta <= pi")
    e_w = dv.step("E_w[sigma(w^T xhat_i) sigma(w^T xhat_j)]",
                  sp.simplify(radial_g * ang / (2 * sp.pi)))
    dv.step("arc-cosine check: E_w - (sin theta + (pi - theta) cos theta)/(2 pi)",
            sp.simplify(e_w - (sp.sin(th) + (sp.pi - th) * sp.cos(th)) / (2 * sp.pi)))
    # ---- from w ~ N(0, I_d) to u = v/||v||, v ~ N(0, alpha^2 I)
    a, w3 = sp.Symbol("alpha", positive=True), vector("w", 3)
    scale_free = dv.step("(alpha w)/||alpha w|| - w/||w||",
            sp.simplify(a * w3 / sp.sqrt(norm2(a * w3)) - w3 / sp.sqrt(norm2(w3))),
            "v = alpha w: u = v/||v|| has the law of w/||w||, whatever alpha (shown in d = 3)")
    chi_norm = sp.integrate(rho ** (d - 1) * sp.exp(-rho**2 / 2), (rho, 0, sp.oo))
    chi_m2 = sp.integrate(rho ** (d + 1) * sp.exp(-rho**2 / 2), (rho, 0, sp.oo))
    e_rho2 = dv.step("E rho^2, rho = ||w|| ~ chi_d", sp.gammasimp(chi_m2 / chi_norm),
                     "density rho^{d-1} e^{-rho^2/2}/(2^{d/2-1} Gamma(d/2))")
    e_u = dv.step("E_u[sigma(u^T xhat_i) sigma(u^T xhat_j)] = E_w[...]/E rho^2", e_w / e_rho2,
                  "w = rho u with rho independent of u (stated); sigma(rho z) = rho sigma(z)")
    # ---- the kernels
    K = ri * rj * sp.cos(th)
    H_der = dv.step("H_inf = x_i^T x_j P(both >= 0)", sp.simplify(K * p_both),
                    "1{u^T x >= 0} = 1{w^T x >= 0}")
    G_der = dv.step("G_inf = r_i r_j E_w[...]/d", sp.simplify(ri * rj * e_u))
    prop1 = _projection_identity(dv)
    V_der = dv.step("V_inf = H_inf - G_inf", sp.simplify(H_der - G_der),
                    "expectation of the per-summand identity (Prop. 1)")
    # ---- the stated closed forms
    forms = closed_forms(h_theta_coef, g_denominator, v_g_sign)
    dv.step("stated H_inf", forms["H"])
    dv.step("stated G_inf", forms["G"])
    dv.step("stated V_inf", forms["V"])
    dv.step("stated V_inf (bracket form)", forms["V_bracket"])
    derived = {"H": H_der, "G": G_der, "V": V_der}
    specials = []
    for name, at_point, value in _special_values(derived):
        specials.append(dv.step(f"derived {name}: residual", sp.simplify(at_point - value)))
    for name, at_point, value in _special_values(forms):
        specials.append(dv.step(f"stated {name}: residual", at_point - value))
    residual = sp.Matrix(
        [
            H_der - forms["H"],
            G_der - forms["G"],
            V_der - forms["V"],
            forms["V_bracket"] - forms["V"],
            *specials,
            *prop1,
            *homog,
            *ends,
            *scale_free,
        ]
    )
    dv.conclude(residual)
    return dv
