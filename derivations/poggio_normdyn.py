"""SymPy derivations for [002] §10 / [004] §5.3: weight normalisation (55)–(58), norm
conservation, the batch-normalisation simplification and Jacobians, S, Observation 2 and
the support-vector expansion.

Reading used throughout (catalog poggio.md H): in §10 the symbol ∂L/∂w stands for the
velocity ẇ of the gradient dynamics (54), ẇ = −∇_wL (the paper writes "the dynamics of
w = ∂L/∂w", l.592, and (57)–(58) coincide with (12), whose ẇ is that of (7)). The builders
take the sign ``grad_sign`` of ∂L/∂w relative to ∇_wL so that the literal reading
(∂L/∂w = +∇_wL) can be decided by the same derivation.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.core import Derivation, norm2, norm_simplifier, vector


def _cancel(e: Any) -> Any:
    """Exact reduction of a rational function (zero iff the function is zero)."""
    return sp.cancel(e)


def _positive(*syms: sp.Symbol) -> Any:
    return lambda p: all(p[t] > 0 for t in syms if t in p)


ONE, ZERO, MINUS_ONE, MINUS_HALF = sp.Integer(1), sp.Integer(0), sp.Integer(-1), sp.Rational(-1, 2)


def sphere_point(d: int, name: str = "a") -> tuple[sp.Matrix, tuple[sp.Symbol, ...]]:
    """A rational point of the unit sphere S^{d-1} (inverse stereographic projection of
    d − 1 real symbols): ‖v‖² reduces to 1 by ``cancel``."""
    a = sp.symbols(f"{name}1:{d}", real=True)
    q = sum(t**2 for t in a)
    v = sp.Matrix([2 * t / (1 + q) for t in a] + [(1 - q) / (1 + q)])
    return v, a


def _generic_loss(w: sp.Matrix) -> tuple[sp.Expr, tuple[sp.Symbol, ...]]:
    """A generic smooth loss in d = 3: L = aᵀw + (bᵀw)²/2 + c w₁w₂w₃ (symbolic a, b, c)."""
    d = w.shape[0]
    a, b = vector("alpha", d), vector("beta", d)
    c = sp.Symbol("c", real=True)
    L = (a.T * w)[0, 0] + (b.T * w)[0, 0] ** 2 / 2 + c * sp.prod(list(w))
    return L, (*a, *b, c)


def wn_gradient_flow(d: int = 3, grad_sign: int = -1, g_power: int = 1, proj: bool = True,
                     g_sign: int = 1) -> Derivation:
    """[002] (55)–(56), [004] (8)–(9): with w = g v/‖v‖ and ``∂L/∂w`` := grad_sign·∇_wL, the
    printed (ġ, v̇) against the gradient-descent flow (−∂L/∂g, −∂L/∂v) of L(g v/‖v‖).
    ``g_power``/``proj``/``g_sign`` perturb the printed right-hand sides."""
    g = sp.Symbol("g", real=True)
    v = vector("v", d)
    r = sp.sqrt(norm2(v))
    w = g * v / r
    ws = vector("w", d)
    Lw, coeffs = _generic_loss(ws)
    grad = sp.Matrix([sp.diff(Lw, t) for t in ws]).subs(dict(zip(ws, w, strict=True)))
    L = Lw.subs(dict(zip(ws, w, strict=True)))
    dv = Derivation("WN flow in (g, v) vs (55)-(56)", f"generic cubic L, d = {d}",
                    symbols=(g, *v, *coeffs), admissible=lambda p: any(p[t] != 0 for t in v))
    S = sp.eye(d) - v * v.T / norm2(v)
    G = grad_sign * grad
    dv.step("w", w, "w = g v/‖v‖")
    g_true = dv.step("-dL/dg", -sp.diff(L, g))
    v_true = dv.step("-dL/dv", -sp.Matrix([sp.diff(L, t) for t in v]))
    g_pr = dv.step("(55) printed", g_sign * (v.T * G)[0, 0] / r)
    v_pr = dv.step("(56) printed", (g / r**g_power) * ((S if proj else sp.eye(d)) * G))
    res = sp.Matrix([g_pr - g_true, *(v_pr - v_true)])
    dv.conclude(res, norm_simplifier([(norm2(v), sp.Symbol("r", positive=True))]))
    return dv


def wn_tangent(d: int = 3, proj: bool = True) -> list[Derivation]:
    """[002] (57)–(58): ∂L(ρv)/∂ρ = vᵀ∇L, ∂L(ρv)/∂v = ρ∇L (generic L), and on ‖v‖ = 1 with
    g = ρ the fields (55)–(56) equal (57)–(58) (``proj=False`` drops S from (58))."""
    rho = sp.Symbol("rho", positive=True)
    v = vector("v", d)
    ws = vector("w", d)
    Lw, coeffs = _generic_loss(ws)
    sub = dict(zip(ws, rho * v, strict=True))
    grad = sp.Matrix([sp.diff(Lw, t) for t in ws]).subs(sub)
    L = Lw.subs(sub)
    d1 = Derivation("chain rule of (57) and of the v-equation before (58)",
                    f"generic cubic L, d = {d}", symbols=(rho, *v, *coeffs),
                    admissible=_positive(rho))
    res1 = sp.Matrix([sp.diff(L, rho) - (v.T * grad)[0, 0],
                      *(sp.Matrix([sp.diff(L, t) for t in v]) - rho * grad)])
    d1.step("dL/drho", sp.diff(L, rho))
    d1.conclude(res1, lambda e: sp.expand(e))
    yield_ = [d1]
    u, a = sphere_point(d)
    G = vector("G", d)
    d2 = Derivation("(55)-(56) on ‖v‖ = 1, g = ρ vs (57)-(58)",
                    f"v on the unit sphere (rational parametrisation), d = {d}",
                    symbols=(rho, *a, *G), admissible=_positive(rho))
    r = sp.sqrt(sp.cancel(norm2(u)))
    S = sp.eye(d) - u * u.T / sp.cancel(norm2(u))
    d2.step("‖v‖", r)
    g55 = d2.step("(55)", (u.T * G)[0, 0] / r)
    v56 = d2.step("(56)", (rho / r) * S * G)
    r57 = d2.step("(57)", (u.T * G)[0, 0])
    v58 = d2.step("(58)", rho * (S if proj else sp.eye(d)) * G)
    d2.conclude(sp.Matrix([g55 - r57, *(v56 - v58)]), _cancel)
    yield_.append(d2)
    return yield_


def norm_conservation(d: int = 3, proj: bool = True) -> list[Derivation]:
    """vᵀv̇ = 0 along (56) (vᵀS = 0), hence d‖v‖²/dt = 0; and, for the deterministic
    iteration v⁺ = v + ηv̇, ‖v⁺‖² − ‖v‖² = η²‖v̇‖² (Pythagoras)."""
    g, eta = sp.Symbol("g", real=True), sp.Symbol("eta", positive=True)
    v, G = vector("v", d), vector("G", d)
    r = sp.sqrt(norm2(v))
    P = sp.eye(d) - v * v.T / norm2(v) if proj else sp.eye(d)
    vdot = (g / r) * P * G
    d1 = Derivation("d‖v‖²/dt along (56)", f"symbolic entries, d = {d}",
                    symbols=(g, *v, *G), admissible=lambda p: any(p[t] != 0 for t in v))
    d1.step("v̇ (56)", vdot)
    d1.conclude(2 * (v.T * vdot)[0, 0],
                norm_simplifier([(norm2(v), sp.Symbol("r", positive=True))]))
    d2 = Derivation("discrete iteration: ‖v+ηv̇‖² − ‖v‖² − η²‖v̇‖²", f"symbolic, d = {d}",
                    symbols=(g, eta, *v, *G), admissible=lambda p: any(p[t] != 0 for t in v))
    vn = v + eta * vdot
    d2.conclude(norm2(vn) - norm2(v) - eta**2 * norm2(vdot) - 2 * eta * (v.T * vdot)[0, 0],
                norm_simplifier([(norm2(v), sp.Symbol("r", positive=True))]))
    return [d1, d2]


def _k1_linear(d: int = 2, n: int = 2) -> dict[str, Any]:
    """K = 1 linear unit on the unit sphere: f̃_n = vᵀz_n, e_n > 0 symbols, ẇ = Σ e_n z_n."""
    v, a = sphere_point(d)
    rho = sp.Symbol("rho", positive=True)
    e = sp.symbols(f"e1:{n + 1}", positive=True)
    Z = [vector(f"z{i}", d) for i in range(1, n + 1)]
    wdot = sum((ei * z for ei, z in zip(e, Z, strict=True)), sp.zeros(d, 1))
    S = sp.eye(d) - v * v.T / sp.cancel(norm2(v))
    ft = [(v.T * z)[0, 0] for z in Z]
    fields = {
        "55": (v.T * wdot)[0, 0] / sp.sqrt(sp.cancel(norm2(v))),
        "24": sum(ei * fi for ei, fi in zip(e, ft, strict=True)),
        "56": rho / sp.sqrt(sp.cancel(norm2(v))) * S * wdot,
        "58": rho * S * wdot,
        "25": (1 / rho) * sum((ei * (z - v * fi) for ei, z, fi in zip(e, Z, ft, strict=True)),
                              sp.zeros(d, 1)),
    }
    syms = (*a, *[t for z in Z for t in z], *e, rho)  # ρ last: the witness grid varies it first
    return {"v": v, "S": S, "wdot": wdot, "fields": fields, "symbols": syms,
            "positive": (rho, *e)}


def same_dynamics(pair_a: tuple[str, str], pair_b: tuple[str, str]) -> Derivation:
    """[002] §10.2, l.576: the (ρ̇, v̇) fields of two named pairs of equations, K = 1 linear
    unit (g = ρ, ‖v‖ = 1, ẇ of (7) with weights e_n = e^{−ρf̃_n} > 0)."""
    k = _k1_linear()
    F = k["fields"]
    dv = Derivation(f"({pair_a[0]})&({pair_a[1]}) vs ({pair_b[0]})&({pair_b[1]})",
                    "K = 1 linear, d = 2, N = 2, v on the unit sphere", symbols=k["symbols"],
                    admissible=_positive(*k["positive"]))
    for name in {*pair_a, *pair_b}:
        dv.step(f"({name})", F[name])
    dv.conclude(sp.Matrix([F[pair_a[0]] - F[pair_b[0]], *(F[pair_a[1]] - F[pair_b[1]])]),
                _cancel)
    return dv


def obs2(system: str = "wn") -> list[Derivation]:
    """Observation 2: S applied to the vector right-hand sides of (56) and (25) leaves them
    unchanged (S² = S; Euler vᵀ∂f̃/∂v = f̃); BN: P = I − X̂X̂ᵀ/N (ε = 0) is idempotent.
    ``system='standard'`` applies S to ẇ of (54) instead."""
    out = []
    k = _k1_linear()
    S = k["S"]
    if system == "wn":
        G = vector("G", 3)
        v3 = vector("v", 3)
        S3 = sp.eye(3) - v3 * v3.T / norm2(v3)
        g = sp.Symbol("g", real=True)
        rhs56 = S3 * G  # (56) is (g/‖v‖)·S∂L/∂w; the scalar factor commutes with S
        d1 = Derivation("S(56) − (56)", "symbolic entries, d = 3 (scalar g/‖v‖ factored out)",
                        symbols=(g, *v3, *G), admissible=lambda p: any(p[t] != 0 for t in v3))
        d1.conclude(S3 * rhs56 - rhs56, _cancel)
        out.append(d1)
        rhs = k["fields"]["25"]
        title = "S(25) − (25)"
    else:
        rhs = k["wdot"]
        title = "S(54) − (54)"
    d2 = Derivation(title, "K = 1 linear, d = 2, N = 2, v on the unit sphere",
                    symbols=k["symbols"], admissible=_positive(*k["positive"]))
    d2.step("rhs", rhs)
    d2.conclude(S * rhs - rhs, _cancel)
    out.append(d2)
    x = vector("x", 3)
    var = norm2(x) / 3  # X̂X̂ᵀ = XXᵀ/σ_B² (ε = 0, μ_B neglected): no square root left
    P = sp.eye(3) - x * x.T / (3 * var)
    d3 = Derivation("BN (ε = 0): P² − P, P = I − X̂X̂ᵀ/N", "symbolic batch, N = 3",
                    symbols=tuple(x), admissible=lambda p: any(p[t] != 0 for t in x))
    d3.conclude(P * P - P, _cancel)
    out.append(d3)
    return out


def _bn_simple(x: sp.Matrix, eps: sp.Expr) -> tuple[sp.Matrix, sp.Expr]:
    n = x.shape[0]
    s = sp.sqrt(norm2(x) / n + eps)
    return x / s, s


def bn_def(n: int = 3, factor: sp.Expr = ONE, power: sp.Expr = ZERO) -> Derivation:
    """[002] l.590: X/σ_B (μ_B neglected, σ_B² = mean X_n²) vs factor·N^power·X/‖X‖."""
    x = vector("X", n)
    xh, _ = _bn_simple(x, sp.Integer(0))
    dv = Derivation(f"X/σ_B vs X/|X|, N = {n}", f"symbolic batch, N = {n}", symbols=tuple(x),
                    admissible=lambda p: any(p[t] != 0 for t in x))
    dv.step("X/σ_B", xh)
    rhs = dv.step("printed", factor * sp.Integer(n) ** power * x / sp.sqrt(norm2(x)))
    dv.conclude(xh - rhs)
    return dv


def bn_jac_d1(n: int = 3, coef: sp.Expr = MINUS_ONE, s_power: sp.Expr = MINUS_HALF,
              centred: bool = False) -> Derivation:
    """D = 1: Jacobian of X̂ = X/√(σ_B² + ε) (μ_B neglected; ``centred`` keeps it) against
    the printed (σ_B² + ε)^{-1/2}[−X̂X̂ᵀ/N + I] (``coef``, ``s_power`` perturb it)."""
    x = vector("X", n)
    eps = sp.Symbol("epsilon", nonnegative=True)
    xc = x - sp.ones(n, 1) * (sum(x) / n) if centred else x
    var = norm2(xc) / n
    xh = xc / sp.sqrt(var + eps)
    J = xh.jacobian(x)
    printed = (var + eps) ** s_power * (coef * xh * xh.T / n + sp.eye(n))
    dv = Derivation(f"∂X̂/∂X (D = 1, {'centred' if centred else 'μ_B neglected'}), N = {n}",
                    f"symbolic batch, N = {n}, ε ≥ 0", symbols=(*x, eps),
                    admissible=lambda p: p[eps] >= 0 and any(p[t] != 0 for t in x))
    dv.step("X̂", xh)
    dv.step("printed", printed)
    dv.conclude(J - printed, norm_simplifier([(var + eps, sp.Symbol("s", positive=True))]))
    return dv


def bn_jac_general(n: int = 2, d: int = 2, coef: sp.Expr = MINUS_ONE) -> Derivation:
    """General D: 4-index Jacobian ∂X̂_{nd}/∂X_{me} (derive_by_array) of per-feature BN
    (μ_B neglected, ε ≥ 0) vs the printed formula read per feature (Hadamard over the feature
    index): δ_{de}(σ_d² + ε)^{-1/2}[δ_{nm} − X̂_{nd}X̂_{md}/N]."""
    X = sp.Matrix(n, d, lambda i, j: sp.Symbol(f"X{i}{j}", real=True))
    eps = sp.Symbol("epsilon", nonnegative=True)
    cols, svals = [], []
    for j in range(d):
        xh, s = _bn_simple(X[:, j], eps)
        cols.append(xh)
        svals.append(s)
    Xh = sp.Matrix.hstack(*cols)
    J = sp.derive_by_array(sp.Array(Xh), sp.Array(X))  # J[m, e, n, d] = ∂X̂_{nd}/∂X_{me}
    res = []
    for a in range(n):
        for b in range(d):
            for m in range(n):
                for e in range(d):
                    pr = (sp.KroneckerDelta(b, e) / svals[b]
                          * (sp.KroneckerDelta(a, m) + coef * Xh[a, b] * Xh[m, b] / n))
                    res.append(J[m, e, a, b] - pr)
    pairs = [(norm2(X[:, j]) / n + eps, sp.Symbol(f"s{j}", positive=True)) for j in range(d)]
    dv = Derivation(f"∂X̂/∂X, N = {n}, D = {d}", f"symbolic batch, N = {n}, D = {d}, ε ≥ 0",
                    symbols=(*X, eps),
                    admissible=lambda p: p[eps] >= 0 and all(
                        any(p[X[i, j]] != 0 for i in range(n)) for j in range(d)))
    dv.step("X̂", Xh)
    dv.conclude(sp.Matrix(res), norm_simplifier(pairs))
    return dv


def bn_S(n: int = 3, c: sp.Expr = ONE) -> Derivation:
    """[002] l.604: I − c·X̂X̂ᵀ vs S = I − XXᵀ/‖X‖², X̂ = X/σ_B (ε = 0, μ_B neglected); the
    printed c = 1; the bracket of the D = 1 Jacobian has c = 1/N."""
    x = vector("X", n)
    xh, _ = _bn_simple(x, sp.Integer(0))
    M = sp.eye(n) - c * xh * xh.T
    S = sp.eye(n) - x * x.T / norm2(x)
    dv = Derivation(f"I − c X̂X̂ᵀ vs S, N = {n}", f"symbolic batch, N = {n}, ε = 0",
                    symbols=tuple(x), admissible=lambda p: any(p[t] != 0 for t in x))
    dv.step("I − cX̂X̂ᵀ", M)
    dv.step("M² − M", M * M - M)
    dv.conclude(M - S)
    return dv


def bn_batch_norms(n: int = 2, h: int = 2, c: sp.Expr = ONE) -> Derivation:
    """Remark 1: for per-feature BN (μ_B neglected, ε = 0) of Z ∈ ℝ^{N×h},
    Σ_n ‖BN(Z)_n‖² = c·N·h (printed reading: c = 1, the batch mean of ‖·‖² is h)."""
    Z = sp.Matrix(n, h, lambda i, j: sp.Symbol(f"Z{i}{j}", real=True))
    cols = [_bn_simple(Z[:, j], sp.Integer(0))[0] for j in range(h)]
    B = sp.Matrix.hstack(*cols)
    tot = sum(B[i, j] ** 2 for i in range(n) for j in range(h))
    dv = Derivation(f"Σ_n ‖BN(Z)_n‖², N = {n}, h = {h}", f"symbolic batch, N = {n}, h = {h}",
                    symbols=tuple(Z), admissible=lambda p: all(
                        any(p[Z[i, j]] != 0 for i in range(n)) for j in range(h)))
    dv.step("Σ_n ‖BN(Z)_n‖²", tot)
    dv.conclude(tot - c * n * h)
    return dv


def frobenius_rows(rows: int = 2, cols: int = 3, n: int = 2, exponent: int = 2) -> list[Derivation]:
    """Remark 2: ‖V‖_F² = Σ_i ‖V_i‖^{exponent} (printed exponent 2), and the BN normalisation
    factor of unit i, σ_B(V_i)² = V_iᵀ C V_i, C = X_inᵀX_in/N (μ_B neglected)."""
    V = sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"V{i}{j}", real=True))
    lhs = sum(t**2 for t in V)
    rhs = sum(sp.sqrt(norm2(V[i, :].T)) ** exponent for i in range(rows))
    d1 = Derivation("‖V‖² − Σ_i ‖V_i‖^p", f"symbolic {rows}×{cols}", symbols=tuple(V))
    d1.conclude(lhs - rhs)
    Xin = sp.Matrix(n, cols, lambda i, j: sp.Symbol(f"x{i}{j}", real=True))
    vi = V[0, :].T
    Xu = Xin * vi
    d2 = Derivation("σ_B(V_i)² = V_iᵀ C V_i", f"symbolic inputs N = {n}, d = {cols}",
                    symbols=(*V, *Xin))
    d2.step("σ_B²", norm2(Xu) / n)
    d2.conclude(norm2(Xu) / n - (vi.T * (Xin.T * Xin / n) * vi)[0, 0])
    return [d1, d2]


def sv_expansion(n: int = 3, c_true: int = 2, use_multiplicity: bool = True) -> Derivation:
    """Σ_n e^{−ρ m_n}/(C e^{−ρη}) − 1 = (1/C) Σ_{non-SV} e^{−ρΔ_n} exactly, each term → 0
    (Δ_n = m_n − η > 0); ``use_multiplicity=False`` puts C = 1 whatever the ties."""
    rho, eta = sp.Symbol("rho", positive=True), sp.Symbol("eta", positive=True)
    gaps = sp.symbols(f"Delta1:{n - c_true + 1}", positive=True)
    m = [eta] * c_true + [eta + t for t in gaps]
    C = c_true if use_multiplicity else 1
    ratio = sum(sp.exp(-rho * mi) for mi in m) / (C * sp.exp(-rho * eta))
    tail = sum(sp.exp(-rho * t) for t in gaps) / C
    dv = Derivation(f"Σe^(−ρm)/(C e^(−ρη)), N = {n}, C = {c_true}",
                    f"N = {n}, {c_true} tied support vectors", symbols=(rho, eta, *gaps),
                    admissible=_positive(rho, eta, *gaps))
    dv.step("ratio", ratio)
    dv.step("lim tail", sp.limit(tail, rho, sp.oo))
    dv.conclude(sp.simplify(ratio - 1 - tail) + sp.limit(tail, rho, sp.oo))
    return dv


def minima_at_infinity(k: int = 2, n: int = 2) -> Derivation:
    """[002] §10.1: along W = sV with separating V (margins m_n > 0) a K-homogeneous net has
    L(sV) = Σ_n exp(−s^K m_n) → 0 as s → ∞ (each term positive, so L > 0 at finite W)."""
    s = sp.Symbol("s", positive=True)
    m = sp.symbols(f"m1:{n + 1}", positive=True)
    L = sum(sp.exp(-(s**k) * mi) for mi in m)
    dv = Derivation("lim_{s→∞} L(sV)", f"K = {k}, N = {n}, margins > 0", symbols=(s, *m))
    dv.step("L(sV)", L)
    dv.conclude(sp.limit(L, s, sp.oo))
    return dv
