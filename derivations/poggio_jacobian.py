"""[002] §11.2–11.3: critical points of the Lagrange and standard-GD V-flows and their
Jacobians, derived on one activation region (σ = fixed 0/1 diagonal, f̃ multilinear in
the layers; derivations.relunet). Labels are absorbed into the inputs (catalog §0).

Each builder returns a :class:`derivations.core.Derivation` whose residual is zero iff the
statement (as encoded by the caller's parameters) holds on the region.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from derivations import relunet as srn
from derivations.core import Derivation

RHO = sp.Symbol("rho", positive=True)
LAM = sp.Symbol("lambda", real=True)
HALF, ONE, TWO = sp.Rational(1, 2), sp.Integer(1), sp.Integer(2)


def _net(d: int, widths: Sequence[int], pattern: Any, n_pts: int
         ) -> tuple[list[sp.Matrix], list[sp.Symbol], list[sp.Matrix], list[sp.Expr]]:
    W = srn.weights(d, widths, name="v")
    flat = srn.flat(W)
    xs = [srn.vector(d, name=f"x{n}_") for n in range(n_pts)]
    fs = [sp.expand(srn.region_forward(W, x, pattern)) for x in xs]
    return W, flat, xs, fs


def _grad(f: sp.Expr, flat: Sequence[sp.Symbol]) -> sp.Matrix:
    return sp.Matrix([sp.diff(f, s) for s in flat])


def _blocks(W: Sequence[sp.Matrix]) -> list[tuple[int, int]]:
    out, i = [], 0
    for Wk in W:
        out.append((i, i + len(Wk)))
        i += len(Wk)
    return out


def _region_scope(d: int, widths: Sequence[int], pattern: Any, n_pts: int) -> str:
    return f"d={d}, widths={list(widths)}, region {pattern}, N={n_pts}, symbolic entries"


def eq69(d: int, widths: Sequence[int], pattern: Any, n_pts: int, lam_sign: int = -1
         ) -> Derivation:
    """−∂L/∂V_k of (16) L = Σ_n e^{−ρ f̃_n} + Σ_k λ_k‖V_k‖² against (69)
    ρ Σ_n e^{−ρ f̃_n} ∂f̃_n/∂V_k + lam_sign·2λ_k V_k (printed: lam_sign = −1)."""
    W, flat, xs, fs = _net(d, widths, pattern, n_pts)
    lams = sp.symbols(f"lambda_1:{len(W) + 1}", real=True)
    dv = Derivation("eq. (69) is gradient descent on (16)",
                    _region_scope(d, widths, pattern, n_pts),
                    symbols=(*flat, *[s for x in xs for s in x], RHO, *lams),
                    admissible=lambda p: p[RHO] > 0)
    L = sum(sp.exp(-RHO * f) for f in fs) + sum(
        lk * srn.frob2(Wk) for lk, Wk in zip(lams, W, strict=True))
    dv.step("L (16)", L)
    neg_grad = -_grad(L, flat)
    lamvec = sp.Matrix([lams[k] for k, (a, b) in enumerate(_blocks(W)) for _ in range(a, b)])
    printed = RHO * sum((sp.exp(-RHO * f) * _grad(f, flat) for f in fs),
                        sp.zeros(len(flat), 1)) + lam_sign * 2 * sp.Matrix(
        [lamvec[i] * flat[i] for i in range(len(flat))])
    dv.step("(69) as encoded", printed)
    dv.conclude(neg_grad - printed)
    return dv


def lagrange_lambda(d: int, widths: Sequence[int], pattern: Any, n_pts: int,
                    lam_factor: sp.Expr = HALF, with_rho: bool = True,
                    lam_sign: int = -1) -> Derivation:
    """V_kᵀ V̇_k = 0 along ρ Σ e_n ∂f̃_n/∂V_k + lam_sign·2λ_k V_k on ‖V_k‖ = 1 forces
    λ_k = −lam_sign·½ V_kᵀ g; compared with the encoded multiplier
    lam_factor·(ρ if with_rho)·Σ_n e_n f̃_n ((17) and l.727 print ½ρ Σ e_n f̃_n)."""
    W, flat, xs, fs = _net(d, widths, pattern, n_pts)
    es = sp.symbols(f"e_1:{n_pts + 1}", positive=True)
    dv = Derivation("the multiplier that keeps ‖V_k‖ = 1 along (69)",
                    _region_scope(d, widths, pattern, n_pts),
                    symbols=(*flat, *[s for x in xs for s in x], RHO, *es),
                    admissible=lambda p: all(p[s] > 0 for s in (RHO, *es)))
    res = []
    for k, (a, b) in enumerate(_blocks(W)):
        Vk = sp.Matrix(flat[a:b])
        g = RHO * sum((e * _grad(f, flat)[a:b, :] for e, f in zip(es, fs, strict=True)),
                      sp.zeros(b - a, 1))
        # V_kᵀ(g + s·2λ V_k) = 0 with ‖V_k‖² = 1  ⇒  λ = −s·½ V_kᵀ g
        lam_true = sp.expand(-lam_sign * (Vk.T * g)[0, 0] / 2)
        dv.step(f"lambda_{k + 1} from the constraint", lam_true)
        enc = lam_factor * (RHO if with_rho else 1) * sum(
            e * f for e, f in zip(es, fs, strict=True))
        res.append(sp.expand(lam_true - enc))
    dv.conclude(sp.Matrix(res))
    return dv


def hessian_71(d: int, widths: Sequence[int], pattern: Any, n_pts: int,
               exponent: str = "product", rank1_sign: int = -1, rank1_power: int = 2
               ) -> Derivation:
    """The Jacobian of (69) (ρ = ∏_i ρ_i, λ fixed) against the printed H of (71)/(81):
    Σ_n [rank1_sign (∏ρ_i)^{rank1_power} ∇f̃∇f̃ᵀ + (∏ρ_i) ∇²f̃] e^{−E f̃_n} − 2λI with
    E = Σ_i ρ_i ("sum", (71)) or ∏_i ρ_i ("product", (81))."""
    W, flat, xs, fs = _net(d, widths, pattern, n_pts)
    K = len(W)
    rhos = sp.symbols(f"rho_1:{K + 1}", positive=True)
    rho = sp.Mul(*rhos)
    E = sp.Add(*rhos) if exponent == "sum" else rho
    dv = Derivation(f"Jacobian of (69) vs H with exponent {exponent}",
                    _region_scope(d, widths, pattern, n_pts),
                    symbols=(*flat, *[s for x in xs for s in x], *rhos, LAM), admissible=None)
    field = rho * sum((sp.exp(-rho * f) * _grad(f, flat) for f in fs),
                      sp.zeros(len(flat), 1)) - 2 * LAM * sp.Matrix(flat)
    J = field.jacobian(flat)
    dv.step("Jacobian of (69)", J)
    H = sp.zeros(len(flat), len(flat))
    for f in fs:
        g = _grad(f, flat)
        H += (rank1_sign * rho**rank1_power * g * g.T + rho * sp.hessian(f, flat)) * sp.exp(
            -E * f)
    H -= 2 * LAM * sp.eye(len(flat))
    dv.step("H as encoded", H)
    dv.conclude(J - H, simplifier=lambda e: sp.expand(e))
    return dv


def hess_terms(d: int, widths: Sequence[int], pattern: Any, t2_square: bool = False
               ) -> Derivation:
    """The structural identities behind the quadratic form Σ_{kk'} V_kᵀ H V_{k'}:
    V_kᵀ ∇_k f̃ = f̃ (eq. 4), V_kᵀ ∇²_{kk} f̃ V_k = 0 (eq. 5), V_kᵀ ∇²_{kk'} f̃ V_{k'} = f̃
    (k ≠ k'); hence (Σ_k V_kᵀ∇_k f̃)² = K² f̃² and Σ_{kk'} V_kᵀ∇²_{kk'}f̃ V_{k'} = K(K−1) f̃
    (encoded as K² f̃ when ``t2_square``)."""
    W, flat, xs, fs = _net(d, widths, pattern, 1)
    f = fs[0]
    K = len(W)
    dv = Derivation("terms of the quadratic form along V", _region_scope(d, widths, pattern, 1),
                    symbols=(*flat, *xs[0]), admissible=None)
    g = _grad(f, flat)
    Hs = sp.hessian(f, flat)
    blocks = _blocks(W)
    res = []
    for k, (a, b) in enumerate(blocks):
        Vk = sp.Matrix(flat[a:b])
        res.append(sp.expand((Vk.T * g[a:b, :])[0, 0] - f))
        for k2, (a2, b2) in enumerate(blocks):
            V2 = sp.Matrix(flat[a2:b2])
            q = sp.expand((Vk.T * Hs[a:b, a2:b2] * V2)[0, 0])
            res.append(q - (0 if k == k2 else f))
    th = sp.Matrix(flat)
    dv.step("sum_k V_k^T grad_k f", sp.expand((th.T * g)[0, 0]))
    dv.step("sum_kk' V_k^T Hess_kk' f V_k'", sp.expand((th.T * Hs * th)[0, 0]))
    res.append(sp.expand((th.T * g)[0, 0] - K * f))
    t2 = K**2 if t2_square else K * (K - 1)
    res.append(sp.expand((th.T * Hs * th)[0, 0] - t2 * f))
    dv.conclude(sp.Matrix(res))
    return dv


def qf_third_term(K: int, n_pts: int, lam_with_rho: bool, third_with_rho: bool
                  ) -> Derivation:
    """Third term −2λ Σ_k ‖V_k‖² = −2Kλ of the quadratic form with the encoded λ
    (½ Σ e_n f̃_n as printed, or ½ρ Σ e_n f̃_n) against the encoded value −K(ρ) Σ e_n f̃_n;
    and the encoded λ against the constraint value ½ρ Σ e_n f̃_n."""
    es = sp.symbols(f"e_1:{n_pts + 1}", positive=True)
    fs = sp.symbols(f"f_1:{n_pts + 1}", positive=True)
    S = sum(e * f for e, f in zip(es, fs, strict=True))
    lam = sp.Rational(1, 2) * (RHO if lam_with_rho else 1) * S
    dv = Derivation(f"third term of the quadratic form, K={K}", f"K={K}, N={n_pts}, generic",
                    symbols=(*es, *fs, RHO),  # ρ varies fastest (ρ = 1 is degenerate)
                    admissible=lambda p: all(v > 0 for v in p.values()))
    third = dv.step("-2 lambda sum_k ||V_k||^2", -2 * lam * K)
    claimed = dv.step("printed third term", -K * (RHO if third_with_rho else 1) * S)
    lam_c = sp.Rational(1, 2) * RHO * S
    dv.conclude(sp.Matrix([sp.expand(third - claimed), sp.expand(lam - lam_c)]),
                simplifier=sp.expand)
    return dv


def negdef_condition(K: int, threshold: sp.Expr = ONE) -> Derivation:
    """ρ f̃ > threshold ⟹ K²ρ²f̃² > K(K−2)ρ f̃ (the printed 'only requires ρf̃ > 1'): the
    residual is the measure of {t > threshold : K²t² ≤ K(K−2)t} (zero iff implied)."""
    t = sp.Symbol("t", real=True)
    dv = Derivation(f"rho f > {threshold} implies the condition, K={K}", f"K={K}, t = ρf̃")
    qf = dv.step("radial form per n (T1 + T2 + T3 with T3 = -K t)",
                 -K**2 * t**2 + K * (K - 1) * t - K * t)
    dv.step("equals -K^2 t^2 + K(K-2) t", sp.expand(qf + K**2 * t**2 - K * (K - 2) * t))
    roots = sp.Poly(K**2 * t**2 - K * (K - 2) * t, t).all_roots()  # 0 and (K−2)/K
    sol = sp.Interval(min(roots), max(roots))  # leading coefficient K² > 0
    dv.step("{t : K^2 t^2 <= K(K-2) t} (radial form not negative; l.725: empty on t > 0 "
            "iff K <= 2)", sol)
    bad = sp.Intersection(sol, sp.Interval.open(threshold, sp.oo))
    dv.step("violations with t > threshold", bad)
    dv.conclude(sp.Integer(0) if bad.is_empty else sp.Integer(1))
    return dv


def linear_k2_critical(rho: sp.Expr = TWO, definiteness: str = "strict"
                       ) -> Derivation:
    """Exact critical point of the Lagrange flow (69) for the linear net f = V_2 V_1 x,
    d = 2, hidden width 2, one point x = (3/5, 4/5): V_1 = a xᵀ, V_2 = aᵀ, a = (1, 0);
    H of (81) with λ = ½ρ e f̃. The tangent-space spectrum of H must be < 0 ("strict",
    the printed 'negative definite') or ≤ 0 ("semi"); the residual counts violations."""
    x = sp.Matrix([sp.Rational(3, 5), sp.Rational(4, 5)])
    a = sp.Matrix([1, 0])
    W = srn.weights(2, [2], name="v")
    flat = srn.flat(W)
    f = sp.expand((W[1] * W[0] * x)[0, 0])
    point = {}
    V1 = a * x.T
    V2 = a.T
    for s, val in zip(flat, list(V1) + list(V2), strict=True):
        point[s] = val
    dv = Derivation("exact critical point of (69), linear K=2, width 2, N=1",
                    "exact rationals, d=2, width 2, N=1")
    fv = f.subs(point)
    g = _grad(f, flat)
    Hs = sp.hessian(f, flat)
    e = sp.exp(-rho * fv)
    lam = sp.Rational(1, 2) * rho * e * fv
    field = (rho * e * g - 2 * lam * sp.Matrix(flat)).subs(point)
    dv.step("f at the point", fv)
    dv.step("(69) at the point (must vanish)", sp.simplify(field))
    H = (e * (-rho**2 * g * g.T + rho * Hs) - 2 * lam * sp.eye(len(flat))).subs(point)
    dv.step("H (81) at the point", H)
    # orthonormal tangent basis of S^3 × S^1 at (V_1, V_2): V_1 block only (V_2 ∈ S^1 ⊂ R²)
    v1 = sp.Matrix(list(V1))
    v2 = sp.Matrix(list(V2))
    T1 = [sp.Matrix([0, 0, 1, 0]), sp.Matrix([0, 0, 0, 1]),
          sp.Matrix([sp.Rational(4, 5), -sp.Rational(3, 5), 0, 0])]
    T2 = [sp.Matrix([0, 1])]
    cols = [sp.Matrix.vstack(t, sp.zeros(2, 1)) for t in T1] + [
        sp.Matrix.vstack(sp.zeros(4, 1), t) for t in T2]
    B = sp.Matrix.hstack(*cols)
    dv.step("tangent basis (orthonormal)", B)
    assert all((v1.T * t)[0, 0] == 0 for t in T1) and (v2.T * T2[0])[0, 0] == 0
    Ht = sp.simplify(B.T * H * B)
    dv.step("B^T H B", Ht)
    eig = Ht.eigenvals()
    dv.step("tangent spectrum {eigenvalue: multiplicity}", eig)
    Nb = sp.Matrix.hstack(sp.Matrix.vstack(v1, sp.zeros(2, 1)),
                          sp.Matrix.vstack(sp.zeros(4, 1), v2))
    dv.step("normal block N^T H N and its spectrum", (sp.simplify(Nb.T * H * Nb),
                                                      sp.simplify(Nb.T * H * Nb).eigenvals()))
    bad = 0
    for ev, mult in eig.items():
        val = sp.N(ev, 50)
        if ((definiteness == "strict" and val >= 0) or (definiteness == "semi" and val > 0)
                or (definiteness == "psd" and val < 0)):
            bad += mult
    dv.step("eigenvalues violating the encoded definiteness", sp.Integer(bad))
    dv.conclude(sp.Matrix([*list(field), sp.Integer(bad)]))
    return dv


def substituted_field(form: str) -> Derivation:
    """l.727: substitute λ_k = ½ρ Σ e_n f̃_n into (69) and compare with the encoded
    'becomes' form ρ Σ_n e_n (∂f̃_n/∂V_k − V_k c_n), with (72) (e_n = t^{−f̃_n}, ρ = log t)
    and, for N = 2 (x_* and x_**), with (73). ``form``: "printed" (c_n = 1; (73) as
    printed, log t [t^{−f̃_*}(∂f̃_* + t^{−f̃_**} ∂f̃_**)] − V_k), "corrected" (c_n = f̃_n;
    (73) = log t Σ_{n∈{*,**}} t^{−f̃_n}(∂f̃_n − V_k f̃_n)), or "double" (c_n = 2 f̃_n).
    Generic symbols: e_n, f̃_n, the entries of ∂f̃_n/∂V_k and V_k (one entry each)."""
    n_pts = 2
    t = sp.Symbol("t", positive=True)
    fs = sp.symbols(f"f_1:{n_pts + 1}", positive=True)
    gs = sp.symbols(f"g_1:{n_pts + 1}", real=True)
    V = sp.Symbol("V", real=True)
    es = [sp.exp(-RHO * f) for f in fs]
    dv = Derivation(f"l.727 substitution, (72) and (73), form {form}", "generic, N=2",
                    symbols=(RHO, t, V, *gs, fs[1], fs[0]),
                    admissible=lambda p: all(p[s] > 0 for s in (RHO, t, *fs)))
    lam = sp.Rational(1, 2) * RHO * sum(e * f for e, f in zip(es, fs, strict=True))
    f69 = RHO * sum(e * g for e, g in zip(es, gs, strict=True)) - 2 * lam * V
    dv.step("(69) with lambda_k substituted", f69)
    c = {"printed": lambda f: 1, "corrected": lambda f: f, "double": lambda f: 2 * f}[form]
    enc = RHO * sum(e * (g - V * c(f)) for e, g, f in zip(es, gs, fs, strict=True))
    dv.step("encoded 'becomes' form", enc)
    e72 = sp.log(t) * sum(t ** (-f) * (g - V * c(f)) for g, f in zip(gs, fs, strict=True))
    dv.step("encoded (72)", e72)
    if form == "printed":
        e73 = sp.log(t) * (t ** (-fs[0]) * (gs[0] + t ** (-fs[1]) * gs[1])) - V
    else:
        e73 = e72
    dv.step("encoded (73)", e73)
    f69t = f69.subs(RHO, sp.log(t))
    dv.conclude(sp.Matrix([f69 - enc, f69t - e72, f69t - e73]),
                simplifier=lambda e: sp.expand(sp.sympify(e).rewrite(sp.exp)))
    return dv


def eq74(d: int, widths: Sequence[int], pattern: Any, rho_power: int = 2,
         sign: int = -1) -> Derivation:
    """(74) with the flow (11) restricted to the support vector x* (the hypothesis of
    Lemma 8): Σ_k ∇_k f̃*ᵀ V̇_k = Σ_k ρ/ρ_k^{rho_power} e* (‖∇_k f̃*‖² + sign·f̃*²),
    on ‖V_k‖ = 1 (imposed by reducing with the structural lemma)."""
    W, flat, xs, fs = _net(d, widths, pattern, 1)
    f = fs[0]
    K = len(W)
    rhos = sp.symbols(f"rho_1:{K + 1}", positive=True)
    rho = sp.Mul(*rhos)
    e = sp.Symbol("e_star", positive=True)
    dv = Derivation("eq. (74): the margin's time derivative along (11)",
                    _region_scope(d, widths, pattern, 1),
                    symbols=(*flat, *xs[0], *rhos, e), admissible=None)
    g = _grad(f, flat)
    lhs = 0
    rhs = 0
    for k, (a, b) in enumerate(_blocks(W)):
        Vk = sp.Matrix(flat[a:b])
        gk = g[a:b, :]
        vdot = rho / rhos[k] ** 2 * e * (gk - Vk * f)
        lhs += (gk.T * vdot)[0, 0]
        rhs += rho / rhos[k] ** rho_power * e * ((gk.T * gk)[0, 0] + sign * f**2)
    dv.step("sum_k grad_k f*^T Vdot_k", lhs)
    dv.step("(74) right-hand side", rhs)
    # ∇_k f̃ᵀ V_k f̃ = f̃² identically on the region (structural lemma, eq. (4))
    dv.conclude(sp.expand(lhs - rhs))
    return dv


def eq75(d: int, widths: Sequence[int], pattern: Any, projected: bool = True) -> Derivation:
    """(75) vs (26): (I − V_kV_kᵀ) ∂f̃/∂V_k = ∂f̃/∂V_k − V_k f̃ on the region (structural
    lemma), so Σ_n e_n (I − VVᵀ)∂f̃_n/∂V = Σ_n e_n (∂f̃_n/∂V − V f̃_n) termwise; encoded
    without the projector when ``projected`` is False."""
    W, flat, xs, fs = _net(d, widths, pattern, 1)
    f = fs[0]
    dv = Derivation("(75) is (26)", _region_scope(d, widths, pattern, 1),
                    symbols=(*flat, *xs[0]), admissible=None)
    g = _grad(f, flat)
    res = []
    for a, b in _blocks(W):
        Vk = sp.Matrix(flat[a:b])
        gk = g[a:b, :]
        lhs = (gk - Vk * (Vk.T * gk)[0, 0]) if projected else gk
        res.extend(list(sp.expand(lhs - (gk - Vk * f))))
    dv.conclude(sp.Matrix(res))
    return dv


def jacobian_76(d: int, widths: Sequence[int], pattern: Any, reading: str) -> Derivation:
    """The Jacobian of (78) w.r.t. V at fixed ρ_k (N = 1, symbolic ρ_k and e = e^{−ρf̃})
    against (76): ``reading`` "literal" (A, B with δ_{ℓ,i}, C as printed, no prefactor),
    "intended" (B with δ_{ℓ,j}), or "derived" (the suite's derivation)."""
    W, flat, xs, fs = _net(d, widths, pattern, 1)
    f = fs[0]
    K = len(W)
    rhos = sp.symbols(f"rho_1:{K + 1}", positive=True)
    rho = sp.Mul(*rhos)
    P = len(flat)
    dv = Derivation(f"Jacobian of (78) vs (76), reading {reading}",
                    _region_scope(d, widths, pattern, 1),
                    symbols=(*flat, *xs[0], *rhos), admissible=None)
    blocks = _blocks(W)
    F = sp.zeros(P, 1)
    g = _grad(f, flat)
    for k, (a, b) in enumerate(blocks):
        Vk = sp.Matrix(flat[a:b])
        F[a:b, 0] = rho / rhos[k] ** 2 * sp.exp(-rho * f) * (g[a:b, :] - Vk * f)
    J = F.jacobian(flat)
    dv.step("Jacobian of (78)", J)
    e = sp.exp(-rho * f)
    Hs = sp.hessian(f, flat)
    Pm = sp.zeros(P, P)
    for a, b in blocks:
        Vk = sp.Matrix(flat[a:b])
        Pm[a:b, a:b] = sp.eye(b - a) - Vk * Vk.T
    if reading in ("derived", "no_prefactor"):
        Jp = sp.zeros(P, P)
        for k, (a, b) in enumerate(blocks):
            Vk = sp.Matrix(flat[a:b])
            blk = (-rho * (g[a:b, :] - Vk * f) * g.T + Hs[a:b, :] - Vk * g.T)
            blk[:, a:b] -= f * sp.eye(b - a)
            pre = 1 if reading == "no_prefactor" else rho / rhos[k] ** 2
            Jp[a:b, :] = pre * e * blk
    else:
        A = -rho * g * (Pm * g).T
        C = Hs * Pm
        B = sp.zeros(P, P)
        for a, b in blocks:
            Vk = sp.Matrix(flat[a:b])
            gk = g[a:b, :]
            vg = (Vk.T * gk)[0, 0]
            for i in range(b - a):
                for j in range(b - a):
                    x = Vk[i] * gk[i] if reading == "literal" else Vk[i] * gk[j]
                    B[a + i, a + j] = -((vg if i == j else 0) + x)
        Jp = e * (A + B + C)
    dv.step("encoded Jacobian", Jp)
    dv.conclude(J - Jp, simplifier=lambda x: sp.expand(x))
    return dv


def eq70(factor: sp.Expr = 2) -> Derivation:
    """(69) = 0 with the encoded V_k = g/(factor·λ) (printed factor 2): residual
    g − 2λ V_k; and, with ‖V_k‖ = 1, λ² = ‖g‖²/4 ('1 = g²/4λ²'). Generic g ∈ ℝ³, λ > 0."""
    g = sp.Matrix(sp.symbols("g_1:4", real=True))
    lam = sp.Symbol("lambda", positive=True)
    dv = Derivation(f"critical points of (69): V_k = g/({factor} lambda)", "generic g ∈ ℝ³",
                    symbols=(*g, lam), admissible=lambda p: p[lam] > 0)
    V = dv.step("encoded V_k", g / (factor * lam))
    field = dv.step("(69) at the encoded V_k", g - 2 * lam * V)
    norm_rel = dv.step("‖V_k‖² − g²/(4λ²)", (V.T * V)[0, 0] - (g.T * g)[0, 0] / (4 * lam**2))
    dv.conclude(sp.Matrix([*field, norm_rel]))
    return dv


def lambda_sq(rhs: str) -> Derivation:
    """l.706: K = 1 linear, one point x = c·(3/5, 4/5) (c > 0): the critical point on the
    sphere is v = x/‖x‖; ρ α x − λ v = 0 gives λ = ρ c e^{−ρc}. The encoded λ² is
    ρ² e^{2ρ vᵀx} x ("printed", a vector), ρ²‖α x‖² ("corrected") or ρ‖α x‖² ("rho1")."""
    c = sp.Symbol("c", positive=True)
    u = sp.Matrix([sp.Rational(3, 5), sp.Rational(4, 5)])
    x = c * u
    v = u
    dv = Derivation(f"lambda^2 in the linear one-layer case ({rhs})", "K=1 linear, N=1, d=2",
                    symbols=(RHO, c), admissible=lambda p: p[RHO] > 0 and p[c] > 0)
    alpha = sp.exp(-RHO * (v.T * x)[0, 0])
    stat = dv.step("gradient stationarity  sum alpha rho (x - v v^T x)",
                   sp.expand(alpha * RHO * (x - v * (v.T * x)[0, 0])))
    lam = dv.step("lambda from v^T(rho alpha x - lambda v) = 0",
                  sp.expand((v.T * (RHO * alpha * x))[0, 0]))
    lag = dv.step("rho alpha x - lambda v", sp.expand(RHO * alpha * x - lam * v))
    if rhs == "printed":
        enc = sp.exp(2 * RHO * (v.T * x)[0, 0]) * RHO**2 * x
    elif rhs == "rho1":
        enc = sp.ones(2, 1) * RHO * ((alpha * x).T * (alpha * x))[0, 0]
    else:
        enc = sp.ones(2, 1) * RHO**2 * ((alpha * x).T * (alpha * x))[0, 0]
    dv.step("encoded lambda^2 (entrywise; the printed right-hand side is a vector)", enc)
    lim = dv.step("limit of lambda as rho -> oo", sp.limit(lam, RHO, sp.oo))
    dv.conclude(sp.Matrix([*stat, *lag, *(sp.ones(2, 1) * lam**2 - enc), lim]),
                simplifier=lambda e: sp.expand(sp.powsimp(sp.expand(e))))
    return dv
