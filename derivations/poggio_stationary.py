"""SymPy derivations for [002] §5 (limits of the stationarity condition, margin), §7 (the
landscape under the exponential loss) and §11.3 (Jacobians after separability).

Labels are absorbed (catalog poggio.md §0): margins m_n = y_n f̃(x_n), brackets
b_n = ∂f̃_n/∂V_k − V_k f̃_n. Each builder returns a :class:`Derivation` whose residual is zero
iff the encoded statement holds; the statement's reading is a keyword argument, so the same
builder decides the printed, the corrected and the perturbed statement.
"""

from __future__ import annotations

import sympy as sp

from derivations.core import Derivation

r = sp.Symbol("rho", positive=True)
T = sp.Symbol("T", positive=True)


def _pos(*names: str) -> tuple[sp.Symbol, ...]:
    return tuple(sp.Symbol(n, positive=True) for n in names)


def _vlimit(expr: sp.Matrix | sp.Expr, var: sp.Symbol = r) -> sp.Matrix | sp.Expr:
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: sp.limit(e, var, sp.oo))
    return sp.limit(expr, var, sp.oo)


# --------------------------------------------------------------------------------------
# §5: one support vector, limits (27)-(28), the margin
# --------------------------------------------------------------------------------------


def single_sv(ties: int, target: str) -> Derivation:
    """[002] §5 l.236: Σ_n e^{-ρ m_n} ≈ e^{-ρ m_*} read as lim ratio = 1 (``target='one'``)
    or = C, the number of minimal margins (``'count'``); ``'zero'`` is a perturbation."""
    m, a, b = _pos("m", "a", "b")
    margins = [m] * ties + [m + a, m + a + b][: max(0, 3 - ties)]
    dv = Derivation(f"sum of exponentials vs its largest term ({ties} tied minima)",
                    "symbolic positive margins m < m+a < m+a+b, ties at m",
                    symbols=(m, a, b))
    dv.step("sum", sum(sp.exp(-r * q) for q in margins))
    ratio = dv.step("ratio", sum(sp.exp(-r * sp.expand(q - m)) for q in margins),
                    "Σ_n e^{-ρ m_n}/e^{-ρ m_*} = Σ_n e^{-ρ(m_n − m_*)}")
    lim = dv.step("lim_ratio", sp.limit(ratio, r, sp.oo), "ρ* read as ρ")
    dv.step("lim_ratio_rho_star_fixed", sp.Integer(0),
            "ρ* read as a fixed constant: Σ e^{-ρ m_n}/e^{-ρ* m_*} → 0")
    dv.step("log_equivalence", sp.limit(sp.log(lim) / r, r, sp.oo),
            "(1/ρ) log Σ + m_* = (1/ρ) log(ratio) → 0: holds with or without ties")
    want = {"one": sp.Integer(1), "count": sp.Integer(ties), "zero": sp.Integer(0)}[target]
    dv.conclude(lim - want)
    return dv


def margin_limit(reading: str) -> Derivation:
    """[002] §5 Margin l.258: lim Σ e^{-ρ m_n} = min m_n (``'sum'``, as printed) or
    lim −(1/ρ) log Σ e^{-ρ m_n} = min m_n (``'logsum'``, corrected); ``'logsum2'`` doubles."""
    m, a, b = _pos("m", "a", "b")
    margins = [m, m + a, m + a + b]
    dv = Derivation("limit of the exponential sum vs the minimal margin",
                    "symbolic positive margins m < m+a < m+a+b", symbols=(m, a, b))
    dv.step("sum", sum(sp.exp(-r * q) for q in margins))
    ratio = dv.step("ratio", sum(sp.exp(-r * sp.expand(q - m)) for q in margins),
                    "Σ e^{-ρ m_n} = e^{-ρ m}·Σ e^{-ρ(m_n − m)}")
    lr = dv.step("lim_ratio", sp.limit(ratio, r, sp.oo))
    if reading == "sum":
        lim = dv.step("lim_sum", sp.limit(sp.exp(-r * m), r, sp.oo) * lr)
    else:
        dv.step("log_identity", m - sp.log(ratio) / r,
                "−(1/ρ) log Σ e^{-ρ m_n} = m − (1/ρ) log Σ e^{-ρ(m_n − m)}")
        lim = dv.step("lim_logsum", m - sp.limit(sp.log(lr) / r, r, sp.oo))
        if reading == "logsum2":
            lim = 2 * lim
    dv.conclude(lim - m)
    return dv


def eq27(normalized: bool, sign: int = -1, ties: bool = False) -> Derivation:
    """[002] eq. (27): the limit ρ → ∞ of Σ_n e^{-ρ m_n} b_n (``normalized``: divided by
    Σ e_n) at a separating V that is *not* stationary for the limiting dynamics (K = 1,
    d = 2), compared with the stationarity measure of the limit: the mean bracket over the
    minimal-margin points. ``sign=+1``: the perturbed bracket g_n + V m_n."""
    if ties:
        Z = [sp.Matrix([1, 1]), sp.Matrix([1, -1]), sp.Matrix([2, 0])]
        V = sp.Matrix([1, 0])
    else:
        Z = [sp.Matrix([1, 0]), sp.Matrix([0, 2])]
        V = sp.Matrix([sp.Rational(3, 5), sp.Rational(4, 5)])
    dv = Derivation(f"limit (27) at a separating V, K = 1 ({'tied' if ties else 'unique'} "
                    "minimum)", "exact data, K = 1 linear, d = 2")
    m = [dv.step(f"margin_{n + 1}", (V.T * z)[0, 0]) for n, z in enumerate(Z)]
    br = [z + sign * V * mn for z, mn in zip(Z, m, strict=True)]
    s = sp.zeros(2, 1)
    for mn, b in zip(m, br, strict=True):
        s += sp.exp(-r * mn) * b
    if normalized:
        s = s / sum(sp.exp(-r * mn) for mn in m)
    dv.step("expression", s)
    lim = dv.step("limit", _vlimit(s))
    mmin = min(m)
    star = [z - V * mn for z, mn in zip(Z, m, strict=True) if mn == mmin]
    meas = dv.step("limiting_stationarity_measure", sum(star, sp.zeros(2, 1)) / len(star),
                   "mean of the brackets of the minimal-margin points")
    dv.conclude(lim - meas)
    return dv


def eq28(remainder: str) -> Derivation:
    """[002] eq. (28): e^{ρ m_*} Σ_n e^{-ρ m_n} b_n = b_* + R(ρ); R as printed
    (``'printed'``: N e^{-ρΔ}, Δ = m_* − m_** ≤ 0, added to every component), exact
    (``'exact'``: Σ_{n≠*} e^{-ρ(m_n − m_*)} b_n), or the sign-flipped exact remainder."""
    b1 = sp.Matrix(sp.symbols("b1_1:3", real=True))
    b2 = sp.Matrix(sp.symbols("b2_1:3", real=True))
    m1, gap = _pos("m1", "Delta_bar")
    m2 = m1 + gap
    N = 2
    dv = Derivation("rewriting of (27) as (28)", "N = 2, symbolic margins and brackets",
                    symbols=(r, gap, *b2, m1))
    lhs = dv.step("scaled_sum", sp.exp(r * m1) * (sp.exp(-r * m1) * b1 + sp.exp(-r * m2) * b2))
    if remainder == "printed":
        delta = m1 - m2
        R = N * sp.exp(-r * delta) * sp.ones(2, 1)
    elif remainder == "exact":
        R = sp.exp(-r * (m2 - m1)) * b2
    else:
        R = sp.exp(r * (m2 - m1)) * b2
    rhs = dv.step("bracket", b1 + R)
    dv.step("limit_of_remainder", _vlimit(R))
    dv.conclude((lhs - rhs).applyfunc(sp.expand))
    return dv


def footnote2(reading: str) -> Derivation:
    """[002] footnote 2: Δ = 0 ⇒ 'all data points are support vectors' (``'all'``, printed)
    or 'at least two points share the minimal margin' (``'two'``, corrected); margins
    (1, 1, 2)."""
    margins = [1, 1, 2]
    dv = Derivation("footnote 2 on margins (1, 1, 2)", "exact margins")
    srt = sorted(margins)
    dv.step("Delta", sp.Integer(srt[0] - srt[1]))
    count = dv.step("points_at_minimum", sp.Integer(margins.count(srt[0])))
    if reading == "all":
        dv.conclude(sp.Integer(len(margins)) - count)
    elif reading == "two":
        dv.conclude(sp.Min(count, 2) - 2)
    else:
        dv.conclude(sp.Min(count, 3) - 3)
    return dv


def rho_dot_sign(sign: int = 1) -> Derivation:
    """[002] eq. (24)/(77) and l.262, l.795: ρ̇_k = (ρ/ρ_k) Σ e^{-ρ m_n} m_n and
    ρ̇ = Σ_k (ρ/ρ_k) ρ̇_k are positive when every m_n > 0 (residual min(0, ·))."""
    m1, m2, m3, r1, r2 = _pos("m1", "m2", "m3", "rho1", "rho2")
    rho = r1 * r2
    dv = Derivation("sign of the radial flows after separation", "K = 2, N = 3, m_n > 0",
                    symbols=(m1, m2, m3, r1, r2))
    S = sum(sp.exp(-rho * m) * m for m in (m1, m2, m3))
    rd = [dv.step(f"rho{k + 1}_dot", sign * rho / rk * S) for k, rk in enumerate((r1, r2))]
    rdot = dv.step("rho_dot", sum(rho / rk * q for rk, q in zip((r1, r2), rd, strict=True)))
    g = sp.Symbol("gamma", positive=True)
    dv.step("bound_limit", sp.limit(3 * r**2 * sp.exp(-r * g) * sp.Symbol("C", positive=True),
                                    r, sp.oo), "ρ̇ ≤ C ρ² N e^{-ργ} → 0")
    dv.conclude(sp.Min(0, rd[0]) + sp.Min(0, rd[1]) + sp.Min(0, rdot))
    return dv


# --------------------------------------------------------------------------------------
# §7
# --------------------------------------------------------------------------------------


def euler_contraction(factor: int = 1) -> Derivation:
    """[002] §7 l.313/345 via eq. (4): ⟨∇_{W_k} L, W_k⟩ = −Σ_n y_n f_n e^{-y_n f_n} for each
    layer of a 2-layer ReLU net on an activation region (d = 2, h = 2, N = 2)."""
    from derivations import relunet as dr

    W = dr.weights(2, [2])
    xs = [dr.vector(2, "x"), dr.vector(2, "u")]
    ys = sp.symbols("y1 y2", real=True)
    dv = Derivation("Euler contraction of the loss gradient", "K = 2, d = 2, h = 2, N = 2, "
                    "activation regions (1,1) and (1,0)",
                    symbols=(*dr.flat(W), *xs[0], *xs[1], *ys))
    res = []
    for pat in [((1, 1),), ((1, 0),)]:
        fs = [dr.region_forward(W, x, pat) for x in xs]
        L = sum(sp.exp(-yy * f) for yy, f in zip(ys, fs, strict=True))
        rhs = -factor * sum(yy * f * sp.exp(-yy * f) for yy, f in zip(ys, fs, strict=True))
        for k, Wk in enumerate(W):
            lhs = sum(w * sp.diff(L, w) for w in Wk)
            res.append(dv.step(f"residual_region{pat}_layer{k + 1}", sp.expand(lhs - rhs)))
    dv.conclude(sp.Matrix(res), simplifier=sp.expand)
    return dv


def linear_hessian(reading: str) -> Derivation:
    """[002] §7 l.315: the Hessian of L = Σ e^{-z_n·w} (d = 2, N = 2) against
    c Σ x_n x_nᵀ (``'proportional'``, printed; c = tr H / tr Σ x xᵀ), against
    Σ e^{-z_n·w} z_n z_nᵀ (``'weighted'``, corrected) or Σ e^{+z·w} z zᵀ (perturbed)."""
    w = sp.Matrix(sp.symbols("w1:3", real=True))
    Z = [sp.Matrix(sp.symbols(f"z{n}_1:3", real=True)) for n in (1, 2)]
    dv = Derivation("Hessian of the exponential loss, linear model", "d = 2, N = 2, symbolic",
                    symbols=(*w, *Z[0], *Z[1]))
    L = sum(sp.exp(-(z.T * w)[0, 0]) for z in Z)
    H = dv.step("hessian", sp.hessian(L, list(w)))
    S = sum((z * z.T for z in Z), sp.zeros(2, 2))
    if reading == "proportional":
        c = dv.step("c", H.trace() / S.trace())
        dv.conclude(H - c * S, simplifier=lambda e: sp.expand(sp.numer(sp.together(e))))
    else:
        sgn = -1 if reading == "weighted" else 1
        dv.conclude(H - sum((sp.exp(sgn * (z.T * w)[0, 0]) * z * z.T for z in Z),
                            sp.zeros(2, 2)), simplifier=sp.expand)
    s, g = _pos("s", "gamma")
    dv.step("ray_limit", sp.limit(s**2 * sp.exp(-s * g), s, sp.oo),
            "along w = sV with margins ≥ γ > 0 every entry is ≤ C e^{-sγ} → 0")
    return dv


def one_d_example(wstar_sign: int = 1) -> Derivation:
    """[002] eqs. (29)-(31): 1-D, z_1 = −x_1 (misclassified), z_2 = x_2; F = −L'(w)."""
    x1, x2 = _pos("x1", "x2")
    w = sp.Symbol("w", real=True)
    dv = Derivation("1-D two-point example", "x_1, x_2 > 0 symbolic", symbols=(x1, x2))
    L = sp.exp(x1 * w) + sp.exp(-x2 * w)
    F = dv.step("F_eq29", -sp.diff(L, w))
    res30 = dv.step("eq30_minus_F", sp.simplify((-x1 * sp.exp(x1 * w) + x2 * sp.exp(-x2 * w))
                                                - F))
    sols = dv.step("solve_F_eq_0", sp.solve(sp.Eq(F, 0), w))
    ws = dv.step("w_star_printed", wstar_sign * sp.log(x2 / x1) / (x1 + x2))
    at = dv.step("F_at_w_star", sp.simplify(sp.expand_log(F.subs(w, ws), force=True)))
    dF = dv.step("dF_eq31_minus_printed", sp.simplify(sp.diff(F, w) - (
        -x1**2 * sp.exp(x1 * w) - x2**2 * sp.exp(-x2 * w))))
    sign = dv.step("max_0_dF", sp.Max(0, sp.diff(F, w).subs(w, ws)))
    dv.step("n_solutions", sp.Integer(len(sols)))
    wv = sp.Matrix(sp.symbols("v1:3", real=True))
    zs = [sp.Matrix(sp.symbols(f"z{n}_1:3", real=True)) for n in (1, 2)]
    Lg = sum(sp.exp(-(z.T * wv)[0, 0]) for z in zs)
    res29 = dv.step("eq29_general_d2", sp.Matrix([-sp.diff(Lg, q) for q in wv]) - sum(
        (z * sp.exp(-(z.T * wv)[0, 0]) for z in zs), sp.zeros(2, 1)),
        "(29) in d = 2 with N = 2 symbolic points (labels absorbed)")
    dv.conclude(sp.Matrix([*res29, res30, sp.simplify(sp.powsimp(sp.expand(at), force=True)), dF,
                           sign]))
    return dv


def d_gt_n(reading: str) -> Derivation:
    """[002] §7 l.335: D = 3, N = 2. A finite stationary point of L = e^{-z_1·w} + e^{-z_2·w}
    needs z_2 = −κ z_1 (κ > 0; otherwise z_1 e_1 + z_2 e_2 ≠ 0); there
    ∇²L = (e_1 + κ² e_2) z_1 z_1ᵀ. Reading ``'F'``: 'the Hessian' is ∇F = −∇²L (the
    convention of (31)); ``'L'``: ∇²L. Residual 0 iff it has ≥ 1 zero and ≥ 1 negative
    eigenvalue. z_1 = (1, 2, 2), κ and w symbolic."""
    kap = sp.Symbol("kappa", positive=True)
    w = sp.Matrix(sp.symbols("w1:4", real=True))
    z1 = sp.Matrix([1, 2, 2])
    z2 = -kap * z1
    dv = Derivation("D = 3, N = 2 stationary points", "z_1 = (1, 2, 2), z_2 = −κ z_1, "
                    "κ > 0 symbolic")
    L = sp.exp(-(z1.T * w)[0, 0]) + sp.exp(-(z2.T * w)[0, 0])
    t = sp.Symbol("t", real=True)  # t = z_1·w
    tstar = -sp.log(kap) / (1 + kap)
    dv.step("stationary_t", tstar, "the root of −e^{-t} + κ e^{κt} = 0")
    dv.step("check_root", sp.simplify(sp.powsimp(sp.expand_log(
        (-sp.exp(-t) + kap * sp.exp(kap * t)).subs(t, tstar), force=True), force=True)))
    on = {w[0]: tstar - 2 * w[1] - 2 * w[2]}
    grad = dv.step("grad_on_stationary_set",
                   sp.Matrix([sp.diff(L, v) for v in w]).subs(on).applyfunc(
                       lambda e: sp.simplify(sp.powsimp(sp.expand(e), force=True))))
    H = sp.hessian(L, list(w)).subs(on).applyfunc(sp.expand)
    c = dv.step("scalar", H[0, 0])
    dv.step("hessian_minus_rank_one", (H - c * z1 * z1.T).applyfunc(sp.expand))
    sign = 1 if reading == "L" else -1
    ev = dv.step("eigenvalues", {sign * c * lam: mult
                                 for lam, mult in (z1 * z1.T).eigenvals().items()})
    zero = sum(mult for lam, mult in ev.items() if lam == 0)
    neg = sum(mult for lam, mult in ev.items() if lam.is_negative)
    dv.step("zero_count", sp.Integer(zero))
    dv.step("negative_count", sp.Integer(neg))
    dv.conclude(sp.Matrix([int(zero < 1) + int(neg < 1), *grad]))
    return dv


def radial_quadratic_form(K: int, target: str) -> Derivation:
    """Σ_k V_kᵀ J_{kk'} V_{k'} for J the Jacobian of G_k(V) = Σ_n e^{-ρ f̃_n}(∂f̃_n/∂V_k − V_k f̃_n)
    (the bracket of (80)): the derivative d/dε Σ_k V_k·G_k((1+ε)V) at ε = 0 on the unit
    spheres (V_1 = (3/5, 4/5), V_2 = 1), K = 1 (d = 2) or K = 2 linear (d = 2, h = 1), N = 2,
    symbolic data and ρ. Compared with −2Kρ Σ e f̃ (``'printed'``), −2K Σ e f̃
    (``'corrected'``) or +2K Σ e f̃ (``'flipped'``)."""
    xs = [sp.Matrix(sp.symbols(f"x{n}_1:3", real=True)) for n in (1, 2)]
    eps_ = sp.Symbol("epsilon", real=True)
    dv = Derivation(f"radial quadratic form of the Jacobian (80), K = {K}",
                    "linear, d = 2, N = 2, symbolic data and ρ, V_1 = (3/5, 4/5)",
                    symbols=(r, *xs[0], *xs[1]))
    V = [sp.Matrix([sp.Rational(3, 5), sp.Rational(4, 5)]), sp.Matrix([1])][:K]
    syms = [sp.Matrix(sp.symbols(f"v{k}_1:{Vk.shape[0] + 1}", real=True))
            for k, Vk in enumerate(V)]

    def f(Vs: list, x: sp.Matrix) -> sp.Expr:
        out = (Vs[0].T * x)[0, 0]
        return out * Vs[1][0, 0] if K == 2 else out

    qf = sp.Integer(0)
    sub = {a: (1 + eps_) * bb for kk in range(K) for a, bb in zip(syms[kk], V[kk], strict=True)}
    for k in range(K):
        Gk = sp.zeros(*V[k].shape)
        for x in xs:
            fn = f(syms, x)
            g = sp.Matrix([sp.diff(fn, v) for v in syms[k]])
            Gk += sp.exp(-r * fn) * (g - syms[k] * fn)
        qf += (V[k].T * sp.diff(Gk.subs(sub), eps_).subs(eps_, 0))[0, 0]
    qf = dv.step("quadratic_form", sp.expand(qf))
    S = sum(sp.exp(-r * f(V, x)) * f(V, x) for x in xs)
    want = {"printed": -2 * K * r * S, "corrected": -2 * K * S, "flipped": 2 * K * S}[target]
    dv.step("target", want)
    dv.conclude(qf - want, simplifier=sp.expand)
    return dv


def boltzmann_preference(reading: str) -> Derivation:
    """[002] eq. (33): basins of equal depth, L = a w² (non-degenerate) and L = b w⁴
    (degenerate, zero Hessian); Boltzmann masses ∫ e^{-L/T}. ``'degenerate'``: P(non-degenerate
    basin) → 0 as T → 0 (residual = that limit); ``'nondegenerate'``: P(degenerate) → 0."""
    a, b = _pos("a", "b")
    w = sp.Symbol("w", real=True)
    dv = Derivation("Boltzmann masses of a quadratic and a quartic basin",
                    "symbolic curvatures a, b > 0, T → 0", symbols=(a, b))
    Zq = dv.step("Z_quadratic", sp.integrate(sp.exp(-a * w**2 / T), (w, -sp.oo, sp.oo)))
    Z4 = dv.step("Z_quartic", sp.integrate(sp.exp(-b * w**4 / T), (w, -sp.oo, sp.oo)))
    pq = dv.step("P_nondegenerate", sp.simplify(Zq / (Zq + Z4)))
    pd = 1 - pq
    lim = dv.step("limit_T_0", sp.limit(pq if reading == "degenerate" else pd, T, 0, "+"))
    dv.step("P_nondegenerate_T_to_infinity", sp.limit(pq, T, sp.oo),
            "at high temperature the non-degenerate basin dominates instead")
    dv.conclude(lim)
    return dv
