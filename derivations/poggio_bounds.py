"""Generalisation bounds, margin maximisation and max-margin ⇔ min-norm, in SymPy.

Banburski, Poggio et al. [002] §8 (Theorems 3–5, eqs. (34)–(38)), §8.1 (Lemma 6,
eqs. (39)–(44)), §13 (Facts 1–2); [004] §4–§5 (eqs. (3)–(5)). Each builder takes the
parameters of the statement it decides and returns a Derivation whose residual is 0 iff
the statement holds (printed, corrected and perturbed statements go through the same
builder).
"""

from __future__ import annotations

import sympy as sp

from derivations import relunet as drn
from derivations.core import Derivation, norm2, norm_simplifier, vector


def thm5_chain(rate_exp: int = 1) -> Derivation:
    """[002] Thm 5 proof (l.405): N e^{−ρη₁} ≤ e^{−ρη₂} ⇔ ρ ≥ log N/(η₁ − η₂); and the
    quantitative form e^{−ρη(V_ρ)} ≤ L(V_ρ) ≤ L(V*) ≤ N e^{−ρη*} ⇒ η* − η(V_ρ) ≤ log N/ρ.
    The statement decided: the bound equals log N/ρ^{rate_exp} (printed chain: 1)."""
    N, rho, e1, e2, es, ev = sp.symbols("N rho eta_1 eta_2 eta_star eta_V", positive=True)
    dv = Derivation("Theorem 5: proof chain and margin-gap bound", "symbols N, ρ, η > 0",
                    symbols=(N, rho), admissible=lambda p: p[N] >= 2 and p[rho] > 1)
    link = dv.step("log(N e^{-rho eta_1}) - log(e^{-rho eta_2})",
                   sp.expand_log(sp.log(N * sp.exp(-rho * e1)) - sp.log(sp.exp(-rho * e2)),
                                 force=True))
    thr = dv.step("threshold rho_0 (middle link holds iff rho >= rho_0)",
                  sp.solve(sp.Eq(link, 0), rho)[0])
    dv.step("d/drho of the log-ratio (negative when eta_1 > eta_2)", sp.diff(link, rho))
    dv.step("threshold residual", sp.simplify(thr - sp.log(N) / (e1 - e2)))
    # chain: -rho*eta_V <= log N - rho*eta_star, solved for the gap at equality
    gap = dv.step("gap bound from the chain", sp.solve(sp.Eq(-rho * ev, sp.log(N) - rho * es),
                                                       ev)[0])
    derived = sp.simplify(es - gap)
    dv.step("eta* - eta(V_rho) <= ", derived)
    stated = dv.step("stated bound", sp.log(N) / rho**rate_exp)
    # (37) prints rho_k (one layer's norm) where (36)/(38) have rho = rho_1 rho_2 (K = 2):
    r1, r2, m = sp.symbols("rho_1 rho_2 m", positive=True)
    dv.step("(37) as printed: exponent -rho_k m (k = 1)", -r1 * m,
            "differs from (38)'s exponent -rho_1 rho_2 m unless rho_2 = 1; the minimiser over V "
            "depends only on the scalar factor, so the limit rho -> oo is the same (reported)")
    dv.step("(36)/(38): exponent -rho m", -r1 * r2 * m)
    dv.conclude(derived - stated)
    return dv


def homogeneity_degree(widths: tuple[int, ...], d: int, degree: int) -> Derivation:
    """[002] §8.1 hypothesis f(αW; x) = α f(W; x) tested on the §2 network (all layers scaled
    by α, on every activation region of a net with hidden ``widths``): f(αW) = α^K f(W),
    so the stated hypothesis (degree 1) holds iff K = 1. Decides degree ``degree``."""
    W = drn.weights(d, widths)
    x = drn.vector(d)
    a = sp.Symbol("alpha", positive=True)
    K = len(W)
    dv = Derivation(f"homogeneity of the §2 net, K = {K}, widths {widths}",
                    f"every activation region, d = {d}",
                    symbols=(a, *drn.flat(W), *x),
                    admissible=lambda p: p[a] > 0 and p[a] != 1)
    res = []
    for pat in drn.patterns(widths):
        f = drn.region_forward(W, x, pat)
        fa = drn.region_forward([a * Wk for Wk in W], x, pat)
        res.append(sp.expand(fa - a**degree * f))
    dv.step("f(alpha W) - alpha^deg f(W), one entry per region", sp.Matrix(res))
    dv.conclude(sp.Matrix(res))
    return dv


def minnorm_ray(p: int = 1) -> Derivation:
    """Lemma 6 via rays: for f(tV) = t^p f(V) (‖V‖ = 1, margin γ(V) > 0), the least ‖W‖ on
    the ray tV with y f ≥ 1 is t* = γ^{−1/p}; it decreases in γ, so (41)'s minimiser lies on
    the direction maximising γ, i.e. (40)'s maximiser. Residual: t*^p γ − 1 (0)."""
    g, pp = sp.Symbol("gamma", positive=True), sp.Integer(p)
    dv = Derivation(f"max margin <=> min norm along rays, degree p = {p}", "γ > 0")
    t = dv.step("t* = gamma^(-1/p)", g ** (-1 / pp))
    dv.step("d t*/d gamma (< 0)", sp.diff(t, g))
    dv.step("value map: gamma* = ||W*||^(-p)", g - t ** (-pp))
    dv.conclude(t**pp * g - 1)
    return dv


def eq43_scaling(K: int, degree: int) -> Derivation:
    """[002] (43): max γ'/‖W‖^{degree} s.t. y_i f(W; x_i) ≥ γ'. Along the feasible family
    (tW, t^K γ') of a K-homogeneous net the objective is t^{K−degree}·(its value at t = 1): it
    is constant, as equivalence with (42) needs, iff degree = K (printed: degree 1)."""
    t, g, n = sp.symbols("t gamma' norm_W", positive=True)
    dv = Derivation(f"(43) objective along (tW, t^K gamma'), K = {K}, degree {degree}",
                    "K-homogeneous f, t > 0", symbols=(t, g, n),
                    admissible=lambda p: p[t] > 0 and p[t] != 1)
    obj = dv.step("objective at (tW, t^K gamma')", (t**K * g) / (t * n) ** degree)
    dv.conclude(obj - g / n**degree)
    return dv


def eq44_value_map(degree: int) -> Derivation:
    """[002] (40) and (41) on the exact instance N = 1, x = 1, y = 1, f(W) = w₂w₁ (deep linear,
    K = 2, width 1): γ* of (40) = 1/2, ‖W*‖ of (41) = √2. Decides the value map
    γ* = ‖W*‖^{−degree} that (44) implies (printed: degree 1)."""
    th = sp.Symbol("theta", real=True)
    w = sp.Symbol("w", positive=True)
    dv = Derivation(f"(40)/(41) values, N = 1, K = 2, degree {degree}", "exact instance")
    f40 = dv.step("(40) objective on ||W|| = 1: cos(theta) sin(theta)", sp.cos(th) * sp.sin(th))
    crit = [c for c in sp.solve(sp.diff(f40, th), th) if 0 < c < sp.pi / 2]
    gam = dv.step("gamma* (max over (0, pi/2))", sp.simplify(max(f40.subs(th, c) for c in crit)))
    n2 = dv.step("(41) on w1 w2 = 1: ||W||^2 = w^2 + 1/w^2", w**2 + 1 / w**2)
    wmin = next(c for c in sp.solve(sp.diff(n2, w), w) if c > 0)
    nrm = dv.step("||W*||", sp.sqrt(sp.simplify(n2.subs(w, wmin))))
    dv.conclude(gam - nrm ** (-degree))
    return dv


def fact1_identity(power: int = 2) -> Derivation:
    """[002] Fact 1: λ‖V_k‖² = λ‖W_k‖²/ρ_k² = λ'‖W_k‖² with W_k = ρ_k V_k, λ' = λ/ρ_k^{power}
    (printed power 2), symbolic 2×2 V_k."""
    lam, rk = sp.symbols("lambda rho_k", positive=True)
    V = sp.Matrix(2, 2, sp.symbols("v_1:5", real=True))
    dv = Derivation("Fact 1: lambda ||V_k||^2 = lambda' ||W_k||^2", "symbolic 2x2 V_k",
                    symbols=(lam, rk, *V), admissible=lambda p: p[rk] != 1 and any(
                        p[v] != 0 for v in V))
    Wk = rk * V
    lhs = dv.step("lambda ||V_k||^2", lam * sum(e**2 for e in V))
    rhs = dv.step("lambda' ||W_k||^2", lam / rk**power * sum(e**2 for e in Wk))
    dv.conclude(lhs - rhs)
    return dv


def fact2_vdot(form: str, d: int = 2) -> Derivation:
    """[002] Fact 2 / eq. (9): d/dt (W/‖W‖) for W(t) ∈ ℝ^d against the stated V̇:
    ``printed`` Ẇ/‖W‖, ``corrected`` (I − VVᵀ)Ẇ/‖W‖ (the chain rule (9))."""
    tt = sp.Symbol("t", real=True)
    funcs = [sp.Function(f"w{i}")(tt) for i in range(1, d + 1)]
    Wt = sp.Matrix(funcs)
    w, wd = vector("w", d), vector("wdot", d)
    dv = Derivation(f"Fact 2: d/dt (W/||W||) versus {form}", f"symbolic entries, d = {d}",
                    symbols=(*w, *wd), admissible=lambda p: any(p[x] != 0 for x in w))
    deriv = (Wt / sp.sqrt(norm2(Wt))).diff(tt)
    subs = {sp.Derivative(fi, tt): wd[i] for i, fi in enumerate(funcs)}
    subs2 = {fi: w[i] for i, fi in enumerate(funcs)}
    exact = dv.step("d/dt (W/||W||)", deriv.subs(subs).subs(subs2))
    nw = sp.sqrt(norm2(w))
    V = w / nw
    stated = wd / nw if form == "printed" else (sp.eye(d) - V * V.T) * wd / nw
    dv.step(f"stated V-dot ({form})", stated)
    dv.conclude(exact - stated, norm_simplifier([(norm2(w), sp.Symbol("s_w", positive=True))]))
    return dv


def fact2_lagrange_linear(d: int = 2, n: int = 2) -> Derivation:
    """[002] (69) with λ_k = ½ρΣ_n e_n f̃_n ((17)) for f̃ = Vᵀx (K = 1, so the structural lemma
    Vᵀ∂f̃/∂V = f̃ is exact): ρΣe_n x_n − 2λV = ρ(I − VVᵀ)Σ_n e_n x_n on ‖V‖ = 1 (the WN
    field (58) up to the factor ρ)."""
    V = vector("v", d)
    xs = [vector(f"x{j}", d) for j in range(n)]
    e = sp.symbols(f"e_1:{n + 1}", positive=True)
    rho = sp.Symbol("rho", positive=True)
    dv = Derivation("Fact 2: Lagrange (69) field = rho S g (K = 1)", f"d = {d}, N = {n}",
                    symbols=(*V, *e, rho))
    g = sum((ei * xi for ei, xi in zip(e, xs, strict=True)), sp.zeros(d, 1))
    lam = sp.Rational(1, 2) * rho * sum(ei * (V.T * xi)[0, 0] for ei, xi in zip(e, xs,
                                                                               strict=True))
    lag = dv.step("(69) field", rho * g - 2 * lam * V)
    wn = dv.step("rho S g (WN (58))", rho * (sp.eye(d) - V * V.T) * g)
    dv.conclude((lag - wn).applyfunc(sp.expand))
    return dv


def eq3_cancellation(eta_scales: bool = True) -> Derivation:
    """[004] eq. (3) argument: R_N(F)/η with R_N(F) = ρ R_N(F̃) and η = ρ η̃ is R_N(F̃)/η̃,
    independent of ρ (``eta_scales=False``: η not scaled by ρ, a perturbation)."""
    rho, R, e = sp.symbols("rho R_tilde eta_tilde", positive=True)
    dv = Derivation("[004] (3): rho cancels in R_N(F)/eta", "symbols", symbols=(rho, R, e),
                    admissible=lambda p: p[rho] > 0 and p[rho] != 1 and p[R] > 0 and p[e] > 0)
    ratio = dv.step("R_N(F)/eta", (rho * R) / (rho * e if eta_scales else e))
    dv.step("d/drho", sp.simplify(sp.diff(ratio, rho)))
    dv.conclude(ratio - R / e)
    return dv


def thm4_substitution(coef: str = "1") -> Derivation:
    """[002] (34) with R_N(F) = ρR_N(F̃) (eq. (1)) against (35): the right-hand sides differ by
    (c₁ − coef)ρR_N(F̃). Printed coef = 1; c₁ = 2·Lip (Lip ≥ 1 for the ramp and exponential
    losses) in the standard instantiation (witness c₁ = 2)."""
    Lh, c1, c2, rho, R, s = sp.symbols("Lhat c_1 c_2 rho R_tilde s", positive=True)
    dv = Derivation(f"(34) + (1) versus (35), coefficient {coef}", "symbols",
                    symbols=(c1, rho, R), admissible=lambda p: p[c1] >= 2 and p[rho] > 0
                    and p[R] > 0)
    rhs34 = dv.step("(34) with R_N(F) = rho R_N(F~)", Lh + c1 * rho * R + c2 * s)
    k = sp.Integer(1) if coef == "1" else c1
    rhs35 = dv.step("(35)", Lh + k * rho * R + c2 * s)
    dv.conclude(rhs34 - rhs35)
    return dv


def layer_scaling(form: str, outer_relu: bool = False, d: int = 2,
                  widths: tuple[int, ...] = (2,)) -> Derivation:
    """[004] (1)/(5): f(ρ₁V₁, …, ρ_KV_K; x) = ρ f(V; x) on every region (outer σ of [004]
    on its active region), with ρ = ∏ρ_k (``product``) or Σρ_k (``sum``, a perturbation)."""
    V = drn.weights(d, widths, name="v")
    x = drn.vector(d)
    rs = sp.symbols(f"rho_1:{len(V) + 1}", positive=True)
    rho = sp.Mul(*rs) if form == "product" else sp.Add(*rs)
    dv = Derivation(f"f(rho_k V_k) = rho f(V), rho = {form}",
                    f"every region, d = {d}, widths {widths}" + (", outer σ active"
                                                               if outer_relu else ""),
                    symbols=(*rs, *drn.flat(V), *x),
                    admissible=lambda p: all(p[r] > 0 for r in rs))
    res = []
    for pat in drn.patterns(widths):
        f = drn.region_forward(V, x, pat)
        fW = drn.region_forward([r * Vk for r, Vk in zip(rs, V, strict=True)], x, pat)
        res.append(sp.expand(fW - rho * f))
    dv.step("f(W) - rho f(V), one entry per region", sp.Matrix(res))
    dv.conclude(sp.Matrix(res))
    return dv


def product_norm_invariance(constraint: str) -> Derivation:
    """[004] (4)/(1): f(c₁W₁, c₂W₂) = f(W) for c₁c₂ = 1 (``product``), K = 2, every region;
    ``sum`` (c₁ + c₂ = 1) is a perturbation. Symbols c₁ > 0."""
    W = drn.weights(2, (2,))
    x = drn.vector(2)
    c = sp.Symbol("c", positive=True)
    c2 = 1 / c if constraint == "product" else 1 - c
    dv = Derivation(f"invariance under layer rescaling, {constraint} = 1", "every region, K = 2",
                    symbols=(c, *drn.flat(W), *x), admissible=lambda p: 0 < p[c] < 1)
    res = [sp.expand(drn.region_forward([c * W[0], c2 * W[1]], x, pat)
                     - drn.region_forward(W, x, pat)) for pat in drn.patterns((2,))]
    dv.conclude(sp.Matrix(res))
    return dv
