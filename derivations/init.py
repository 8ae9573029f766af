"""Initialization (2.4) of Dukler et al. and Observation 1 (α-independence), in SymPy.

Each builder takes the parameters of the statement it decides, so the same derivation
decides the printed statement, its correction and its perturbations, and returns a
:class:`~derivations.core.Derivation` whose residual is 0 iff the statement holds.

Initialization (2.4): v_k(0) ~ N(0, α²I), c_k ~ U{−1, 1}, g_k(0) = ‖v_k(0)‖/α, α > 0.
The draw is written v = α z with z ~ N(0, I) (the densities are compared in
``sympy.stats``), so that distributional statements about (2.4) become pathwise
identities in z, with α (and β) positive symbols.
"""

from __future__ import annotations

import sympy as sp
import sympy.stats as ss

from derivations.core import Derivation, norm2, norm_simplifier, vector


def _alpha() -> sp.Symbol:
    return sp.Symbol("alpha", positive=True)


def _positive(*syms: sp.Symbol):
    return lambda pt: all(pt[s] > 0 for s in syms)


def variance_sentence(sentence: str, power: int) -> Derivation:
    """"α^power is the variance of v_k at initialization" against Var(v_kj) for
    v_kj ~ N(0, α²) (``sympy.stats``). ICML prints power = 2, ICLR prints power = 1."""
    a = _alpha()
    t = sp.Symbol("t", real=True)
    dv = Derivation(
        title=f"variance sentence ({sentence}): Var(v_kj(0)) = alpha^{power}",
        scope="general: alpha > 0",
        symbols=(a,),
        admissible=_positive(a),
    )
    v = ss.Normal("v", 0, a)
    z = ss.Normal("z", 0, 1)
    law = dv.step(
        "density of alpha z minus density of N(0, alpha^2)",
        sp.simplify(ss.density(a * z)(t) - ss.density(v)(t)),
        "v = alpha z with z ~ N(0, 1) (sympy.stats densities)",
    )
    var = dv.step("Var(v_kj(0)) (sympy.stats)", ss.variance(v), "N(0, alpha^2 I), (2.4)")
    claim = dv.step(f"printed variance ({sentence})", a**power)
    dv.conclude(sp.Matrix([law, var - claim]))
    return dv


def g_law(d: int, g_power: int = 1) -> Derivation:
    """g_k(0) = ‖v_k(0)‖/α^g_power has a law independent of α, namely χ_d (printed:
    g_power = 1). With v = α z: g(α z) − g(β z) = 0 for all α, β > 0 (independence),
    g(α z) − ‖z‖ = 0 (so g(0) = ‖z‖ ~ χ_d), and E[g(0)²] = E[χ_d²] = d (``sympy.stats``)."""
    a, b = _alpha(), sp.Symbol("beta", positive=True)
    z = vector("z", d)
    S, s = norm2(z), sp.Symbol("s_z", positive=True)
    dv = Derivation(
        title=f"law of g_k(0) = ||v_k(0)||/alpha^{g_power}, d = {d}",
        scope=f"symbolic entries, d = {d}, alpha, beta > 0",
        symbols=(*z, a, b),
        admissible=lambda pt: any(pt[x] != 0 for x in z) and pt[a] > 0 and pt[b] > 0,
    )

    def g_of(scale: sp.Expr) -> sp.Expr:
        v = scale * z
        return sp.sqrt(norm2(v)) / scale**g_power

    ga = dv.step("g(0) with v(0) = alpha z", g_of(a), "(2.4)")
    gb = dv.step("g(0) with v(0) = beta z", g_of(b))
    indep = dv.step("g(alpha z) - g(beta z)", ga - gb, "independence of alpha, pathwise")
    chi = dv.step("g(alpha z) - ||z||", ga - sp.sqrt(S), "||z|| ~ chi_d for z ~ N(0, I)")
    comps = [ss.Normal(f"v{j}", 0, a) for j in range(1, d + 1)]
    moment = dv.step(
        "E[g(0)^2] - E[chi_d^2] (sympy.stats)",
        sp.simplify(
            ss.E(sum(x**2 for x in comps)) / a ** (2 * g_power) - ss.E(ss.Chi("g", d) ** 2)
        ),
    )
    dv.conclude(sp.Matrix([indep, chi, moment]), norm_simplifier([(S, s)]))
    return dv


def weight_at_init(d: int, g_power: int = 1, w_power: int = 1) -> Derivation:
    """w_k(0) = g_k(0) v_k(0)/‖v_k(0)‖ = v_k(0)/α^w_power with g_k(0) = ‖v_k(0)‖/α^g_power
    (printed: both powers 1), hence σ(w_k(0)ᵀx) = σ(v_k(0)ᵀx/α) and the WN network at
    initialization is network (1.1) with W = V(0)/α, whose rows are N(0, I)."""
    a = _alpha()
    v, x = vector("v", d), vector("x", d)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    t = sp.Symbol("t", real=True)
    dv = Derivation(
        title=f"w_k(0) = v_k(0)/alpha^{w_power} (g = ||v||/alpha^{g_power}), d = {d}",
        scope=f"symbolic entries, d = {d}, alpha > 0",
        symbols=(*v, *x, a),
        admissible=lambda pt: any(pt[y] != 0 for y in v) and pt[a] > 0,
    )
    g = dv.step("g_k(0)", sp.sqrt(S) / a**g_power, "(2.4)")
    w = dv.step("w_k(0) = g v/||v||", g * v / sp.sqrt(S), "(2.1)")
    W = dv.step("claimed row of W", v / a**w_power, "network (1.1) with W = V(0)/alpha")
    diff = dv.step("w_k(0) - claimed row", w - W)
    pre = dv.step(
        "g v^T x/||v|| - claimed w^T x",
        g * (v.T * x)[0, 0] / sp.sqrt(S) - (W.T * x)[0, 0],
        "pre-activations of (1.2) and (1.1) agree, hence the outputs agree pathwise",
    )
    law = dv.step(
        "density of v_kj(0)/alpha minus N(0, 1) density",
        sp.simplify(ss.density(ss.Normal("v", 0, a) / a)(t) - ss.density(ss.Normal("z", 0, 1))(t)),
        "rows of V(0)/alpha are N(0, I)",
    )
    dv.conclude(sp.Matrix([*diff, pre, law]), norm_simplifier([(S, s)]))
    return dv


# ---------------------------------------------------------------------------------------
# Observation 1


def obs1_scale(scale_alpha_power: int = 1) -> Derivation:
    """(α c_k g_k(0)/‖v_k(0)‖)² = c_k² = 1 under (2.4) (printed: the α in the scale
    s_k = α^p c_k g_k/‖v_k‖ has p = 1; the perturbation p = 0 drops it)."""
    a = _alpha()
    c = sp.Symbol("c", real=True)
    nv = sp.Symbol("n_v", positive=True)  # ‖v_k(0)‖ > 0
    dv = Derivation(
        title=f"scale (alpha^{scale_alpha_power} c g(0)/||v(0)||)^2 = 1",
        scope="general: alpha > 0, ||v|| > 0, c in {-1, 1}",
        symbols=(c, nv, a),
        admissible=lambda pt: pt[c] in (1, -1) and pt[a] > 0 and pt[nv] > 0,
    )
    g = dv.step("g_k(0)", nv / a, "(2.4)")
    s2 = dv.step("s_k^2", (a**scale_alpha_power * c * g / nv) ** 2)
    red = dv.step("s_k^2 with c^2 = 1", sp.expand(s2).subs(c**2, 1))
    dv.conclude(red - 1)
    return dv


def _obs1_summands(d: int, which: str, scale_alpha_power: int, g_norm_power: int) -> Derivation:
    a, b = _alpha(), sp.Symbol("beta", positive=True)
    c = sp.Symbol("c", real=True)
    ai, aj = sp.symbols("a_i a_j", real=True)
    z, xi, xj = vector("z", d), vector("x", d), vector("y", d)
    S, s = norm2(z), sp.Symbol("s_z", positive=True)
    kernel = "V(0)" if which == "V" else "G(0)"
    dv = Derivation(
        title=f"{kernel} summand independent of alpha, d = {d}",
        scope=f"symbolic entries, d = {d}, fixed activation region (a_i, a_j in {{0,1}}), "
        "alpha, beta > 0",
        # ordered so that the witness search varies z and beta first (x_i, x_j not
        # parallel to z, alpha != beta)
        symbols=(ai, aj, c, *xi, *xj, a, *z, b),
        admissible=lambda pt: pt[ai] in (0, 1)
        and pt[aj] in (0, 1)
        and pt[c] in (1, -1)
        and pt[a] > 0
        and pt[b] > 0
        and any(pt[t] != 0 for t in z),
    )

    def summand(scale: sp.Expr) -> sp.Expr:
        v = scale * z  # v(0) = scale * z, z ~ N(0, I)
        nv2 = norm2(v)
        nv = sp.sqrt(nv2)
        g = nv / scale  # (2.4)
        if which == "V":
            s2 = (scale**scale_alpha_power * c * g / nv) ** 2
            s2 = sp.expand(s2).subs(c**2, 1)
            P = sp.eye(d) - v * v.T / nv2
            inner = ((P * xi).T * (P * xj))[0, 0]  # <x_i^{v⊥}, x_j^{v⊥}>
            return s2 * ai * aj * inner
        # σ(vᵀx_i)σ(vᵀx_j)/‖v‖^q on the region: a_i a_j (vᵀx_i)(vᵀx_j)/‖v‖^q
        return ai * aj * (v.T * xi)[0, 0] * (v.T * xj)[0, 0] / nv**g_norm_power

    if which == "V":
        dv.step(
            "V summand",
            sp.Symbol(
                rf"(\alpha^{{{scale_alpha_power}}} c_k g_k(0)/\|v_k\|)^2 a_i a_j "
                r"\langle x_i^{v\perp}, x_j^{v\perp}\rangle"
            ),
            "(3.3) on an activation region, c_k^2 = 1",
        )
    else:
        dv.step(
            "G summand",
            sp.Symbol(rf"a_i a_j (v_k^\top x_i)(v_k^\top x_j)/\|v_k\|^{{{g_norm_power}}}"),
            "(3.4) on an activation region",
        )
    sa = dv.step("summand at v(0) = alpha z", summand(a))
    sb = dv.step("summand at v(0) = beta z", summand(b))
    dv.conclude(sa - sb, norm_simplifier([(S, s)]))
    return dv


def obs1_v_summand(d: int, scale_alpha_power: int = 1) -> Derivation:
    """The summand of V(0) (3.3) is the same for v(0) = α z and v(0) = β z (printed p = 1)."""
    return _obs1_summands(d, "V", scale_alpha_power, 2)


def obs1_g_summand(d: int, g_norm_power: int = 2) -> Derivation:
    """The summand of G(0) (3.4), σ(vᵀx_i)σ(vᵀx_j)/‖v‖^q, is the same for v(0) = α z and
    β z (printed q = 2; the perturbation q = 1 scales with α)."""
    return _obs1_summands(d, "G", 1, g_norm_power)
