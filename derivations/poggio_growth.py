"""Growth of the layer norms and rates of convergence ([002] §11.1, §12): symbolic steps.

Conventions (catalog poggio.md §0): labels absorbed, N = 1 norm system of (10) written
ρ̇_k = (P/ρ_k) f̃ e^{−P f̃} with P = ∏_i ρ_i; "equal norms" ρ_1 = … = ρ_K = ρ, so P = ρ^K;
R = e^{P f̃} (the "exponentiated product of weights" of l.675).
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from derivations import relunet as drn
from derivations.core import Derivation

t = sp.Symbol("t", positive=True)
ft = sp.Symbol(r"\tilde{f}", positive=True)
rho = sp.Symbol(r"\rho", positive=True)
z = sp.Symbol("z", positive=True)
u = sp.Symbol("u", positive=True)


def _positive(point: dict) -> bool:
    return all(v > 0 for v in point.values())


def rho_dot_eq10(rhos: Sequence[sp.Expr], k: int, f: sp.Expr = ft) -> sp.Expr:
    """ρ̇_k of [002] eq. (10) with N = 1: (P/ρ_k) f̃ e^{−P f̃}, P = ∏ρ_i."""
    P = sp.Mul(*rhos)
    return P / rhos[k] * f * sp.exp(-P * f)


# ---------------------------------------------------------------------------------------
# (62)-(63): d/dt ‖W_k‖ and d/dt ‖W_k‖² along the flow (61), on activation regions
# ---------------------------------------------------------------------------------------

REGIONS_62 = ((((1, 1),), ((1, 1),)), (((1, 0),), ((1, 1),)))


def norm_rate(region: tuple, k: int, power: int, coef: sp.Expr, squared: bool) -> Derivation:
    """[002] (62)/(63) on one activation region of a K = 2 net (d = 2, h = 2, N = 2).

    Ẇ_k = Σ_n y_n e_n ∂f_n/∂W_k (61) with e_n = e^{−y_n f_n} kept as positive symbols (the
    identity is linear in them). Derived: d/dt‖W_k‖ = ⟨W_k, Ẇ_k⟩/‖W_k‖ (the relation printed
    before (62)), d/dt‖W_k‖² = 2⟨W_k, Ẇ_k⟩. Claimed: coef·‖W_k‖^power Σ_n y_n f_n e_n.
    """
    W = drn.weights(2, [2])
    xs = [drn.vector(2, f"x{n}_") for n in range(2)]
    ys = sp.symbols("y0 y1", real=True)
    es = sp.symbols("e0 e1", positive=True)
    fs = [drn.region_forward(W, xs[n], region[n]) for n in range(2)]
    Wk = W[k]
    Wdot = sp.zeros(*Wk.shape)
    for n in range(2):
        Wdot += ys[n] * es[n] * sp.Matrix(Wk.shape[0], Wk.shape[1],
                                          lambda i, j, n=n: sp.diff(fs[n], Wk[i, j]))
    inner = sum(Wk[i, j] * Wdot[i, j] for i in range(Wk.shape[0]) for j in range(Wk.shape[1]))
    nk = sp.sqrt(drn.frob2(Wk))
    S = sum(ys[n] * fs[n] * es[n] for n in range(2))
    lhs_name = r"\frac{d}{dt}\|W_k\|^2" if squared else r"\frac{d}{dt}\|W_k\|"
    dv = Derivation(f"(6{3 if squared else 2}) layer {k + 1}, region {region}",
                    "K = 2, d = 2, h = 2, N = 2, fixed activation region",
                    symbols=tuple(drn.flat(W)) + tuple(s for x in xs for s in x) + ys + es,
                    admissible=lambda p: all(p[e] > 0 for e in es) and any(
                        p[s] != 0 for s in W[k]))
    dv.step(r"\dot W_k\ (61)", Wdot)
    dv.step(r"\langle W_k,\dot W_k\rangle", sp.expand(inner))
    dv.step(r"\sum_n y_nf_ne_n\ (\text{Lemma 3})", sp.expand(S))
    lhs = 2 * inner if squared else inner / nk
    dv.step(lhs_name, lhs)
    rhs = coef * nk**power * S
    dv.step("claimed right-hand side", rhs)
    dv.conclude(sp.expand(lhs - rhs))
    return dv


def norm_balance(region: tuple) -> Derivation:
    """d/dt(‖W_1‖² − ‖W_2‖²) = 0 along (61) (K = 2, one region): the conservation law."""
    W = drn.weights(2, [2])
    xs = [drn.vector(2, f"x{n}_") for n in range(2)]
    ys = sp.symbols("y0 y1", real=True)
    es = sp.symbols("e0 e1", positive=True)
    fs = [drn.region_forward(W, xs[n], region[n]) for n in range(2)]
    rates = []
    for Wk in W:
        rates.append(2 * sum(Wk[i, j] * sum(ys[n] * es[n] * sp.diff(fs[n], Wk[i, j])
                                            for n in range(2))
                             for i in range(Wk.shape[0]) for j in range(Wk.shape[1])))
    dv = Derivation(f"balance of layer norms, region {region}",
                    "K = 2, d = 2, h = 2, N = 2, fixed activation region")
    dv.step(r"\frac{d}{dt}\|W_1\|^2", sp.expand(rates[0]))
    dv.step(r"\frac{d}{dt}\|W_2\|^2", sp.expand(rates[1]))
    dv.conclude(sp.expand(rates[0] - rates[1]))
    return dv


# ---------------------------------------------------------------------------------------
# (64)-(68), K = 1 and K = 2 solutions, K → ∞
# ---------------------------------------------------------------------------------------


def rhos_of(K: int) -> list[sp.Symbol]:
    return list(sp.symbols(rf"\rho_1:{K + 1}", positive=True))


def eq64(K: int, upto: str, sign: int = -1) -> Derivation:
    """ρ_kρ̇_k from (10) (N = 1) against f̃ (∏_{i≤m} ρ_i) e^{sign·Pf̃}, m = k (printed) or K."""
    r = rhos_of(K)
    P = sp.Mul(*r)
    dv = Derivation(f"(64), K = {K}, product up to {upto}", f"K = {K}, N = 1, ρ_k > 0, f̃ > 0",
                    symbols=(*r, ft), admissible=_positive)
    res = []
    for k in range(K):
        lhs = dv.step(rf"\rho_{k + 1}\dot\rho_{k + 1}\ (10)",
                      sp.simplify(r[k] * rho_dot_eq10(r, k)))
        m = k + 1 if upto == "k" else K
        rhs = dv.step(f"claimed, k = {k + 1}", ft * sp.Mul(*r[:m]) * sp.exp(sign * P * ft))
        res.append(lhs - rhs)
    dv.conclude(sp.Matrix(res))
    return dv


def eq65(c_gamma: sp.Expr, c_r: sp.Expr) -> Derivation:
    """γ = e^{ρ1ρ2f̃}, r² = ρ1² + ρ2²: γ̇ and rṙ along (10) (K = 2, N = 1) against
    γ̇ = c_γ f̃² r² and rṙ = c_r log γ/γ ((65) prints c_γ = 1, c_r = 2)."""
    r1, r2 = rhos_of(2)
    d1, d2 = rho_dot_eq10([r1, r2], 0), rho_dot_eq10([r1, r2], 1)
    gam = sp.exp(r1 * r2 * ft)
    dv = Derivation("(65) from (10)", "K = 2, N = 1, ρ_k > 0, f̃ > 0", symbols=(r1, r2, ft),
                    admissible=_positive)
    gdot = dv.step(r"\dot\gamma", sp.simplify(gam * ft * (d1 * r2 + r1 * d2)))
    rrdot = dv.step(r"r\dot r", sp.simplify(r1 * d1 + r2 * d2))
    res = [gdot - c_gamma * ft**2 * (r1**2 + r2**2),
           rrdot - c_r * sp.log(gam) / gam]
    dv.conclude(sp.Matrix([sp.expand_log(sp.simplify(e), force=True) for e in res]))
    return dv


def equal_norm_rho_dot(K: int) -> sp.Expr:
    """ρ̇ of (10) (N = 1) at ρ_1 = … = ρ_K = ρ: f̃ ρ^{K−1} e^{−ρ^K f̃}."""
    return sp.simplify(rho_dot_eq10([rho] * K, 0).subs({}))


def eq66(K: int, coef: sp.Expr, expo: str) -> Derivation:
    """(66) ρ̇ = coef·f̃ ρ^{K−1} e^{−X f̃} with X = ρ^K (``expo='product'``, reading of ρ_k as
    the product) or X = ρ (``'layer'``, literal ρ_k = ρ); derived from (10) at equal norms."""
    dv = Derivation(f"(66), K = {K}, exponent reading '{expo}'", f"K = {K}, N = 1, ρ > 0, f̃ > 0",
                    symbols=(rho, ft), admissible=_positive)
    true = dv.step(r"\dot\rho\ \text{from (10)}, \rho_k=\rho", equal_norm_rho_dot(K))
    X = rho**K if expo == "product" else rho
    claimed = dv.step("claimed (66)", coef * ft * rho ** (K - 1) * sp.exp(-X * ft))
    dv.conclude(true - claimed)
    return dv


def eq67_68(K: int, coef: sp.Expr, source: str = "flow") -> Derivation:
    """(67) d/dt e^{ρ^K f̃} = coef f̃² ρ^{2K−2} and (68) Ṙ = coef f̃^{2/K} (log R)^{2−2/K},
    R = e^{ρ^K f̃}, along (10) at equal norms (``source='flow'``) or along (66) as printed
    (``source='66'``, the paper's own step)."""
    c66 = K if source == "66" else 1
    rd = c66 * equal_norm_rho_dot(K)
    R = sp.exp(rho**K * ft)
    dv = Derivation(f"(67)-(68), K = {K}, along {source}", f"K = {K}, N = 1, ρ > 0, f̃ > 0",
                    symbols=(rho, ft), admissible=_positive)
    Rdot = dv.step(r"\frac{d}{dt}e^{\rho^K\tilde f}", sp.simplify(R * K * rho ** (K - 1) * ft * rd))
    r67 = Rdot - coef * ft**2 * rho ** (2 * K - 2)
    logR = rho**K * ft
    claim68 = dv.step("claimed (68) at R = e^{ρ^K f̃}",
                      coef * ft ** sp.Rational(2, K) * logR ** (2 - sp.Rational(2, K)))
    r68 = Rdot - claim68
    dv.conclude(sp.Matrix([sp.powsimp(sp.expand_power_base(sp.simplify(r67), force=True),
                                      force=True),
                           sp.powsimp(sp.expand_power_base(sp.simplify(r68), force=True),
                                      force=True)]))
    return dv


def k1_closed_form(power: int) -> Derivation:
    """K = 1: (68) is Ṙ = f̃², so R = f̃² t + R_0 (dsolve), and ρ = log(f̃²t + e^{ρ_0f̃})/f̃
    solves (10); R ∼ t^power is claimed: lim R/t^power is finite and positive iff power = 1."""
    R = sp.Function("R")
    r0 = sp.Symbol(r"\rho_0", positive=True)
    dv = Derivation(f"K = 1 closed form, R ~ t^{power}", "K = 1, N = 1, f̃ > 0, ρ_0 > 0",
                    symbols=(ft, r0), admissible=_positive)
    sol = dv.step("dsolve (68), K = 1", sp.dsolve(sp.Eq(R(t).diff(t), ft**2), R(t)).rhs)
    rho_t = sp.log(ft**2 * t + sp.exp(r0 * ft)) / ft
    dv.step(r"\rho(t)", rho_t)
    res_flow = sp.simplify(rho_t.diff(t) - ft * sp.exp(-rho_t * ft))
    dv.step(r"\dot\rho-\tilde fe^{-\rho\tilde f}", res_flow)
    lim_R = dv.step(rf"\lim R/t^{power}", sp.limit((ft**2 * t + sp.exp(r0 * ft)) / t**power, t,
                                                   sp.oo))
    lim_rho = dv.step(r"\lim\rho/\log t", sp.limit(rho_t / sp.log(t) ** power, t, sp.oo))
    dv.step("dsolve constant", sol)
    # "∼" (ratio → positive finite constant): residual 0 iff both limits are finite and > 0
    def bad(L: sp.Expr) -> sp.Expr:
        return sp.Integer(0) if (L.is_finite and L.is_positive) else sp.Integer(1)
    dv.conclude(sp.Matrix([res_flow, bad(lim_R), bad(lim_rho)]))
    return dv


def k2_li(coef: sp.Expr) -> Derivation:
    """K = 2, equal norms: d/dt li(R) = Ṙ/log R along (10); claimed f̃·coef (printed K² = 4)."""
    dv = Derivation(f"K = 2: d li(R)/dt vs {coef} f̃", "K = 2, N = 1, ρ > 0, f̃ > 0",
                    symbols=(rho, ft), admissible=_positive)
    R = sp.exp(rho**2 * ft)
    Rdot = dv.step(r"\dot R", sp.simplify(R * 2 * rho * ft * equal_norm_rho_dot(2)))
    dli = dv.step(r"\frac{d}{dt}\mathrm{li}(R)",
                  sp.simplify(sp.diff(sp.li(z), z).subs(z, R) * Rdot))
    dv.conclude(sp.simplify(dli - coef * ft))
    return dv


def kinf(limit_fn: str) -> Derivation:
    """K → ∞: the limit of (68) is Ṙ = α(log R)²; F(R) = αt + C needs F'(z) = 1/log²z.
    ``limit_fn``: 'L' (printed: li(z) − z/log z) or 'li'. Also records α_∞ = lim f̃^{2/K}K²."""
    K = sp.Symbol("K", positive=True)
    F = sp.li(z) - z / sp.log(z) if limit_fn == "L" else sp.li(z)
    dv = Derivation(f"K → ∞ with {limit_fn}", "z > 1, f̃ > 0", symbols=(z,),
                    admissible=lambda p: p[z] > 1)
    dv.step(r"\lim_{K\to\infty}(\log R)^{2-2/K}", sp.limit(sp.log(z) ** (2 - 2 / K), K, sp.oo))
    dv.step(r"\alpha_\infty=\lim\tilde f^{2/K}K^2", sp.limit(ft ** (2 / K) * K**2, K, sp.oo),
            "infinite: the printed constant diverges")
    dv.step(r"\lim K\tilde f^{2/K}\ (\text{from (10)})", sp.limit(ft ** (2 / K) * K, K, sp.oo))
    dF = dv.step("F'(z)", sp.simplify(sp.diff(F, z)))
    dv.conclude(sp.simplify(dF * sp.log(z) ** 2 - 1))
    return dv


def product_growth(K: int, claimed_limit: str) -> Derivation:
    """Asymptotics of u = f̃∏ρ_k for the equal-norm flow: u̇ = a_K u^{a}e^{−u}, a = 2 − 2/K.
    ∫e^u u^{−a}du = e^u u^{−a}(1 + a/u + O(u^{−2})), so log t = u − a log u + O(1) and
    lim u/log t is computed. ``claimed_limit``: 'oo' (ω(log t): "faster than logarithmically",
    strict reading) or '1' (Θ(log t) with ratio → 1)."""
    a = 2 - sp.Rational(2, K)
    c = sp.Symbol("c", positive=True)
    dv = Derivation(f"product growth, K = {K}, claimed lim u/log t = {claimed_limit}",
                    f"K = {K}, N = 1, equal norms")
    G = sp.exp(u) * u ** (-a) * (1 + a / u)
    dv.step(r"\frac{d}{du}[e^uu^{-a}(1+a/u)]\big/e^uu^{-a}",
            sp.limit(sp.simplify(sp.diff(G, u) / (sp.exp(u) * u ** (-a))), u, sp.oo))
    logt = u - a * sp.log(u) + c  # log t along the solution, up to o(1)
    lim = dv.step(r"\lim u/\log t", sp.limit(u / logt, u, sp.oo))
    dv.step(r"\lim (u-\log t)", sp.limit(u - logt, u, sp.oo), "unbounded iff K > 1")
    dv.step(r"\lim \rho_k^{(K)}/\rho^{(1)}", sp.limit((u / ft) ** sp.Rational(1, K)
                                                      / (logt / ft), u, sp.oo))
    target = sp.oo if claimed_limit == "oo" else sp.Integer(claimed_limit)
    dv.conclude(1 / lim - 1 / target)
    return dv


# ---------------------------------------------------------------------------------------
# §12: linear one-layer networks
# ---------------------------------------------------------------------------------------

s_par = sp.Symbol("s", real=True)


def unit2(s: sp.Expr) -> sp.Matrix:
    """The rational parametrization of the unit circle, ((1 − s²), 2s)/(1 + s²)."""
    return sp.Matrix([(1 - s**2) / (1 + s**2), 2 * s / (1 + s**2)])


def eq82_83(rho_power: int, which: str) -> Derivation:
    """K = 1 linear, w = ρV, ‖V‖ = 1, N = 2, d = 2: ρ̇ = Vᵀẇ and V̇ = (S/ρ)ẇ with
    ẇ = Σ e^{−ρVᵀx_n}x_n (eqs. (7)-(9)), against (82) ρ̇ = ρ^{rho_power}Σ e (Vᵀx_n) and
    (83) V̇ = ρ^{rho_power}Σ e (x_n − VVᵀx_n) (printed: rho_power = −1 in both).

    Both sides are linear in e_n = e^{−ρVᵀx_n}; the residual is reduced with the e_n as
    independent positive symbols E_n (a zero residual is then a proof for every value) and
    the exponentials are put back for the witness search."""
    V = unit2(s_par)
    xs = [drn.vector(2, f"x{n}_") for n in range(2)]
    E = sp.symbols("E0 E1", positive=True)
    back = {E[n]: sp.exp(-rho * (V.T * xs[n])[0, 0]) for n in range(2)}
    wdot = sum((E[n] * xs[n] for n in range(2)), sp.zeros(2, 1))
    S = sp.eye(2) - V * V.T
    syms = (s_par, rho, *[c for x in xs for c in x])
    dv = Derivation(f"({82 if which == 'rho' else 83}) with factor ρ^{rho_power}",
                    "K = 1 linear, d = 2, N = 2, ‖V‖ = 1 (rational unit circle), ρ > 0",
                    symbols=syms, admissible=lambda p: p[rho] > 0)
    dv.step(r"\dot w", wdot)
    if which == "rho":
        lhs = dv.step(r"\dot\rho=V^\top\dot w", (V.T * wdot)[0, 0])
        rhs = rho**rho_power * sum(E[n] * (V.T * xs[n])[0, 0] for n in range(2))
        res = sp.Matrix([lhs - rhs])
    else:
        lhs = dv.step(r"\dot V=\frac{S}{\rho}\dot w", S * wdot / rho)
        rhs = rho**rho_power * sum((E[n] * (xs[n] - V * (V.T * xs[n])) for n in range(2)),
                                   sp.zeros(2, 1))
        res = lhs - rhs
    dv.step("claimed", rhs)
    red = res.applyfunc(lambda e: sp.factor(sp.cancel(sp.together(e))))
    dv.conclude(red.subs(back), simplifier=lambda e: e)
    return dv


def eq84(solution: str) -> Derivation:
    """Unit-norm solutions of (I − VVᵀ)x = 0 (d = 3): the residual VVᵀx − x and ‖V‖² − 1 of
    V = ‖x‖²x^† (printed, = x), V = x/‖x‖ (corrected) or V = x/‖x‖² (perturbation)."""
    x = drn.vector(3, "x")
    n2 = (x.T * x)[0, 0]
    n = sp.sqrt(n2)
    V = {"pinv": n2 * x / n2, "unit": x / n, "over_norm2": x / n2}[solution]
    dv = Derivation(f"(84) fixed point V = {solution}", "d = 3, x ≠ 0 symbolic",
                    symbols=tuple(x), admissible=lambda p: any(v != 0 for v in p.values()))
    dv.step(r"x^\dagger=x^\top/\|x\|^2", x.T / n2)
    dv.step("V", V)
    res = [*list(V * (V.T * x) - x), (V.T * V)[0, 0] - 1]
    dv.conclude(sp.Matrix([sp.simplify(sp.radsimp(e)) for e in res]))
    return dv


def eq85(coef: sp.Expr, rate_power: int) -> Derivation:
    """(85): x = e_1 (rotation invariance; ‖x‖ = 1 since v → x on the sphere), ε on the
    tangent space to first order (x^Tε = 0). Linearization of x − (x+ε)(x+ε)ᵀx, then the
    ODE ε̇ = −coef ε/(t log t) solved, and ε ∝ (log t)^{−rate_power} tested in it."""
    e1, e2, e3 = sp.symbols("epsilon1:4", real=True)
    x = sp.Matrix([1, 0, 0])
    eps_ = sp.Matrix([e1, e2, e3])
    dv = Derivation(f"(85) linearization, coefficient {coef}, rate log^-{rate_power} t",
                    "d = 3, x = e_1, first order in ε, x^Tε = 0", symbols=(e2, e3, t),
                    admissible=lambda p: p[t] > 1 and (p[e2] != 0 or p[e3] != 0))
    F = x - (x + eps_) * ((x + eps_).T * x)
    J = F.jacobian(eps_)
    dv.step(r"x-(x+\epsilon)(x+\epsilon)^\top x", F)
    lin = dv.step("first order", J * eps_)
    dv.step("printed first order -xε^Tx - εx^Tx", -x * (eps_.T * x) - eps_ * (x.T * x))
    tang = dv.step(r"\text{on } x^\top\epsilon=0", lin.subs(e1, 0))
    r1 = tang - (-coef * eps_.subs(e1, 0))
    E = sp.Function("E")
    sol = dv.step(r"\text{dsolve }\dot E=-\frac{E}{t\log t}",
                  sp.dsolve(sp.Eq(E(t).diff(t), -E(t) / (t * sp.log(t))), E(t)).rhs)
    del sol
    trial = sp.log(t) ** (-rate_power)
    r2 = sp.simplify(trial.diff(t) + coef * trial / (t * sp.log(t)))
    dv.step(r"\dot\epsilon+\frac{c}{t\log t}\epsilon \text{ at } \epsilon=\log^{-p}t", r2)
    dv.conclude(sp.Matrix([*r1, r2]))
    return dv


def eq86(ratio_power: int, rate_coef: sp.Expr) -> Derivation:
    """(86): the WN v-field of (12) (K = 1) over the GD field (83) is ρ^{ratio_power}
    (printed 2); ε̇ = −(log t/t)ε is solved by ε = t^{−rate_coef log t} (printed ½)."""
    V = unit2(s_par)
    x = drn.vector(2, "x")
    e = sp.exp(-rho * (V.T * x)[0, 0])
    S = sp.eye(2) - V * V.T
    wdot = e * x
    dv = Derivation(f"(86): factor ρ^{ratio_power}, rate t^(-{rate_coef} log t)",
                    "K = 1 linear, d = 2, N = 1, ρ > 0, t > 1",
                    symbols=(s_par, rho, *x, t), admissible=lambda p: p[rho] > 0 and p[t] > 1)
    wn = dv.step(r"\dot v=S\rho\dot w\ (12)", S * rho * wdot)
    gd = dv.step(r"\dot V=\frac{S}{\rho}\dot w\ (83)", S * wdot / rho)
    r1 = (wn - rho**ratio_power * gd).applyfunc(sp.simplify)
    trial = t ** (-rate_coef * sp.log(t))
    r2 = dv.step(r"\dot\epsilon+\frac{\log t}{t}\epsilon", sp.simplify(
        (trial.diff(t) + sp.log(t) / t * trial) / trial))
    dv.step(r"t^{-\frac12\log t}=1/t^{\log\sqrt t}", sp.simplify(
        sp.expand_log(sp.log(t ** (-sp.log(t) / 2)) - sp.log(1 / t ** sp.log(sp.sqrt(t))),
                      force=True)))
    dv.conclude(sp.Matrix([*r1, r2]))
    return dv


def bn_vs_wn(data: str, centered: bool) -> Derivation:
    """Linear unit, batch of N = 2 points in d = 2: BN output ẑ_n = (z_n − μ_B)/σ_B
    (μ_B dropped unless ``centered``, as in §10.3's simplification) vs WN output z_n/‖w‖.
    Identical up to a w-independent gain iff (a) ẑ_1 z_2 − ẑ_2 z_1 = 0 (same shape over the
    batch) and (b) ‖w‖²/σ_B² is constant in w: its gradient's numerator
    w σ_B² − ‖w‖² ∇σ_B²/2 vanishes. ``data``: 'general' (symbolic X) or 'whitened'
    (XᵀX = c²I: X = c·Q with Q a rational rotation)."""
    w = drn.vector(2, "w")
    if data == "general":
        X = sp.Matrix(2, 2, sp.symbols("x0:4", real=True))
        syms = (*w, *X)
    else:
        c = sp.Symbol("c", positive=True)
        q = unit2(s_par)
        X = c * sp.Matrix([[q[0], q[1]], [-q[1], q[0]]])
        syms = (*w, c, s_par)
    zz = X * w
    mu = (zz[0] + zz[1]) / 2 if centered else 0
    sig2 = ((zz[0] - mu) ** 2 + (zz[1] - mu) ** 2) / 2
    dv = Derivation(f"BN vs WN, data {data}, centered {centered}", "linear unit, N = 2, d = 2",
                    symbols=syms, admissible=lambda p: any(p[s] != 0 for s in w))
    dv.step(r"\sigma_B^2", sig2)
    shape = dv.step(r"(z_1-\mu_B)z_2-(z_2-\mu_B)z_1", sp.expand((zz[0] - mu) * zz[1]
                                                                 - (zz[1] - mu) * zz[0]))
    n2 = (w.T * w)[0, 0]
    grad = [sp.expand(w[i] * sig2 - n2 * sp.diff(sig2, w[i]) / 2) for i in range(2)]
    dv.step(r"\nabla_w(\|w\|^2/\sigma_B^2)\cdot\sigma_B^4/2", sp.Matrix(grad))
    dv.conclude(sp.Matrix([shape, *grad]), simplifier=lambda e: sp.factor(sp.cancel(e)))
    return dv
