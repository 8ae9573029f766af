"""Banburski, Poggio et al. [002] §2 / [004] §2: deep ReLU networks on activation regions,
positive one-homogeneity, the structural lemma (3)–(5), its cross-layer form (§11.2), the
Rademacher scaling (1) and the derivative (2).

Every builder yields :class:`~derivations.core.Derivation` objects, one per activation
region of the small model K = 3, d = 2, widths (2, 2) (16 regions), with the region's sign
conditions as the ``admissible`` predicate of the witness search, so that a nonzero residual
is refuted only at an exact point inside the region (never across a kink).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sympy as sp

from derivations import relunet as rn
from derivations.core import Derivation, relu

D_SYM = 2
WIDTHS_SYM = (2, 2)
MODEL = "K = 3, d = 2, widths (2, 2): every activation region"


def _poly(e: Any) -> Any:
    """Polynomial residuals: expansion is canonical (zero iff the polynomial is zero)."""
    return sp.expand(e)


def _act_map(kind: str) -> Callable[[sp.Expr], sp.Expr]:
    """The output map of a network reading: none ([002]), ReLU ([004] as printed), |·|."""
    if kind == "none":
        return lambda z: z
    if kind == "relu":
        return relu
    if kind == "abs":
        return lambda z: sp.Piecewise((z, z >= 0), (-z, True))
    raise ValueError(f"unknown output map {kind!r}")


def _region_admissible(W: Sequence[sp.Matrix], x: sp.Matrix,
                       pattern: rn.Pattern, out_sign: int = 0) -> Callable[[dict], bool]:
    """Exact point strictly inside the region: active units z > 0, inactive z < 0 (and the
    output of sign ``out_sign`` when nonzero)."""
    zs = rn.preactivations(W, x, pattern)
    out = rn.region_forward(W, x, pattern)
    syms = sorted({*rn.flat(W), *x}, key=sp.default_sort_key)
    signs = [1 if a else -1 for pat in pattern for a in pat] + ([out_sign] if out_sign else [])
    exprs = [zi for z in zs for zi in z] + ([out] if out_sign else [])
    fn = sp.lambdify(syms, exprs, modules=[{"Rational": sp.Rational}, "sympy"])

    def ok(point: dict) -> bool:
        vals = fn(*[sp.Rational(point.get(v, 0)) for v in syms])  # exact rationals
        return all(v != 0 and (v > 0) == (sg > 0) for v, sg in zip(vals, signs, strict=True))

    return ok


def model(name: str = "w") -> tuple[list[sp.Matrix], sp.Matrix]:
    """The symbolic K = 3 model: weights W_1 (2×2), W_2 (2×2), W_3 (1×2) and x ∈ ℝ²."""
    return rn.weights(D_SYM, WIDTHS_SYM, name), rn.vector(D_SYM)


def halves(W: Sequence[sp.Matrix], x: sp.Matrix
           ) -> Iterator[tuple[rn.Pattern, int, sp.Expr]]:
    """(pattern, s, u): every activation region split by the sign s of the pre-output u
    (s = 0 where u ≡ 0 on the region, e.g. a dead layer)."""
    for pattern in rn.patterns(WIDTHS_SYM):
        u = sp.expand(rn.region_forward(W, x, pattern))
        for s in ((0,) if u == 0 else (1, -1)):
            yield pattern, s, u


def _on_output(expr_of_t: Callable[[sp.Expr], sp.Expr], s: int, u: sp.Expr) -> sp.Expr:
    """An expression of the output written as s·t (t > 0), resolved on the half-region and
    then expressed in the weights (t = s·u), so a witness is a point of the half-region."""
    t = sp.Symbol("t_out", positive=True)
    if s == 0:
        return sp.piecewise_fold(expr_of_t(sp.Integer(0)))
    return sp.piecewise_fold(expr_of_t(s * t)).subs(t, s * u)


def network_regions(outer: str = "none") -> Iterator[Derivation]:
    """[002] §2 l.64: on each region and output sign, the composition
    f = out(W_3 σ(W_2 σ(W_1 x))) (σ = ReLU resolved on the region's signs) equals the
    reference region form W_3 D_2 W_2 D_1 W_1 x of ``derivations.relunet``. ``outer``: the
    variant's output map (none for [002])."""
    W, x = model()
    out_map = _act_map(outer)
    for pattern, s, ref in halves(W, x):
        dv = Derivation(f"network on region {pattern}, output sign {s:+d}", MODEL,
                        symbols=tuple(rn.flat(W)) + tuple(x),
                        admissible=_region_admissible(W, x, pattern, s))
        # σ on the region: each pre-activation is s_i t_i with t_i > 0 (the ≥ convention)
        h: Any = x
        sig_res: list[sp.Expr] = []
        for k, Wk in enumerate(W[:-1]):
            t = sp.symbols(f"t{k + 1}_1:{Wk.shape[0] + 1}", positive=True)
            u = [(1 if a else -1) * ti for a, ti in zip(pattern[k], t, strict=True)]
            sig = [relu(ui) for ui in u]
            dv.step(f"sigma on layer {k + 1}", sp.Matrix(sig),
                    "σ(s t) with t > 0 resolves to D_k (s t)")
            sig_res += [a * ui - si for a, ui, si in zip(pattern[k], u, sig, strict=True)]
            h = sp.diag(*pattern[k]) * (Wk * h)
        pre = (W[-1] * h)[0, 0]
        dv.step("reference region form", ref)
        out = dv.step("out(u) - u on this half-region", _on_output(
            lambda v: out_map(v) - v, s, ref))
        dv.conclude(sp.Matrix([*sig_res, sp.expand(pre - ref), out]), _poly)
        yield dv


def label_symmetry(outer: str = "relu") -> Iterator[Derivation]:
    """[004] §2 l.30 used with labels ±1 (l.40): the network class is closed under
    negation, f(W_1, …, −W_K; x) = −f(W; x), so the sign condition y_n f(x_n) > 0 can be met
    for y_n = −1 exactly when it can for y_n = +1. Printed: outer σ = ReLU."""
    W, x = model()
    out_map = _act_map(outer)
    for pattern, s, ref in halves(W, x):
        dv = Derivation(f"f(-W_K) + f(W) on region {pattern}, output sign {s:+d}", MODEL,
                        symbols=tuple(rn.flat(W)) + tuple(x),
                        admissible=_region_admissible(W, x, pattern, s))
        dv.step("pre-output u = W_K D W ⋯ x (linear in W_K)", ref)
        neg = dv.step("u(-W_K) + u", sp.expand(rn.region_forward([*W[:-1], -W[-1]], x,
                                                                   pattern) + ref))
        res = dv.step("out(-u) + out(u) on this half-region",
                      _on_output(lambda v: out_map(-v) + out_map(v), s, ref))
        dv.conclude(sp.Matrix([neg, res]), _poly)
        yield dv


def relu_euler(power: int = 1, alpha_sign: int = 1) -> Iterator[Derivation]:
    """[002] §2 l.66: σ(z) = σ'(z) z (σ' any subgradient s ∈ [0, 1] at 0) and σ(αz) = α σ(z)
    for α > 0, decided on the three cases z = t, z = −t (t > 0) and z = 0. ``power``:
    exponent of z; ``alpha_sign``: −1 for the all-real-α perturbation."""
    z = sp.Symbol("z", real=True)
    t = sp.Symbol("t", positive=True)
    s = sp.Symbol("s", nonnegative=True)  # the subgradient at z = 0, s ∈ [0, 1]
    a = sp.Symbol("alpha", positive=True)
    cases = {"z = t > 0": t, "z = -t < 0": -t, "z = 0": sp.Integer(0)}
    dv = Derivation("sigma(z) = sigma'(z) z", "z ∈ ℝ, three cases (≥ convention)",
                    symbols=(t, s))
    dsig = dv.step("sigma'", sp.Piecewise((1, z > 0), (0, z < 0), (s, True)),
                   "any subgradient s ∈ [0, 1] at z = 0")
    expr = dv.step("sigma'(z) z^p - sigma(z)", dsig * z**power - relu(z))
    dv.conclude(sp.Matrix([expr.subs(z, v) for v in cases.values()]))
    yield dv
    al = alpha_sign * a
    dv = Derivation("sigma(alpha z) = alpha sigma(z)", "α > 0 (α < 0: perturbation), z in "
                    "three cases", symbols=(t, a))
    expr = dv.step("sigma(alpha z) - alpha sigma(z)", relu(al * z) - al * relu(z))
    dv.conclude(sp.Matrix([expr.subs(z, v) for v in cases.values()]))
    yield dv


def homogeneity(outer: str = "none", rho_power: int = 1) -> Iterator[Derivation]:
    """[002] §2 l.66–72 / [004] l.32–36: f(ρ_1V_1, …, ρ_KV_K; x) = ∏ρ_k f(V; x) and
    f(c_1W_1, …) = f(W) for ∏c_k = 1, per region and output sign (ρ_k, c_k > 0)."""
    V, x = model("v")
    r = sp.symbols("rho_1:4", positive=True)
    c1, c2 = sp.symbols("c_1:3", positive=True)
    out_map = _act_map(outer)
    rho = r[0] * r[1] * r[2]
    for pattern, s, ref in halves(V, x):
        dv = Derivation(f"f(rho V) = rho f(V) on region {pattern}, sign {s:+d}", MODEL,
                        symbols=(*r, *rn.flat(V), *x),
                        admissible=_pos_and_region(r, V, x, pattern, s))
        scaled = rn.region_forward([ri * Vk for ri, Vk in zip(r, V, strict=True)], x, pattern)
        dv.step("u(rho V)", scaled)
        inv = rn.region_forward([c1 * V[0], c2 * V[1], V[2] / (c1 * c2)], x, pattern)
        dv.step("u(c V), c_3 = 1/(c_1 c_2)", inv)
        # positive factors keep the region and the output sign: out(ρu) vs ρ^p out(u)
        out = dv.step("out(rho u) - rho^p out(u)", _on_output(
            lambda v: out_map(rho * v) - rho**rho_power * out_map(v), s, ref))
        dv.conclude(sp.Matrix([sp.expand(scaled - rho * ref), sp.expand(inv - ref), out]),
                    _poly)
        yield dv


def rademacher_scaling(rho_power: int = 1, members: int = 3) -> Iterator[Derivation]:
    """[002] eq. (1) on a finite class, reading "ρ common to the class":
    R_N(ρF̃) = E_σ max_i (1/N) Σ_n σ_n ρ f̃_i(x_n) = ρ R_N(F̃). Lemma: max_i ρa_i = ρ max_i a_i
    for ρ > 0 (proved on the ordering a_1 ≥ … ≥ a_M, the others by symmetry of max);
    the rest is linearity of the average over the 2^N sign vectors (E_σ ρ X = ρ E_σ X)."""
    rho = sp.Symbol("rho", positive=True)
    c = sp.Symbol("c", real=True)
    gaps = sp.symbols(f"g_1:{members}", nonnegative=True)
    a = [c + sum(gaps[i:], sp.Integer(0)) for i in range(members)]
    dv = Derivation("max_i rho a_i = rho max_i a_i", "ρ > 0, a_1 ≥ ⋯ ≥ a_M (gaps g ≥ 0)",
                    symbols=(rho, c, *gaps))
    dv.step("ordered a", sp.Matrix(a))
    lhs = dv.step("max_i rho^p a_i", sp.Max(*[rho**rho_power * ai for ai in a]))
    rhs = dv.step("rho max_i a_i", rho * sp.Max(*a))
    dv.conclude(lhs - rhs)
    yield dv


def rho_derivative(outer: str = "none", drop_rho_k: bool = False) -> Iterator[Derivation]:
    """[002] eq. (2): ∂f/∂ρ_k = (ρ/ρ_k) f̃ with W_k = ρ_kV_k, V fixed, per region and sign."""
    V, x = model("v")
    r = sp.symbols("rho_1:4", positive=True)
    rho = r[0] * r[1] * r[2]
    out_map = _act_map(outer)
    for pattern, s, ft in halves(V, x):
        dv = Derivation(f"df/drho_k on region {pattern}, sign {s:+d}", MODEL,
                        symbols=(*r, *rn.flat(V), *x),
                        admissible=_pos_and_region(r, V, x, pattern, s))
        # on this half-region out(ρ u) = ρ out(u) is linear: f = c·u with c = out(s)/s
        c = _on_output(out_map, s, ft) if s else sp.Integer(0)
        scale = sp.cancel(c / ft) if s else sp.Integer(0)
        f = dv.step("f(rho V) on the half-region", scale * rho * ft)
        fv = scale * ft
        res = []
        for k in range(3):
            d = dv.step(f"df/drho_{k + 1}", sp.diff(f, r[k]))
            res.append(sp.expand(d - (rho if drop_rho_k else rho / r[k]) * fv))
        dv.conclude(sp.Matrix(res), _poly)
        yield dv


def _pos_and_region(r: Sequence[sp.Symbol], V: Sequence[sp.Matrix], x: sp.Matrix,
                    pattern: rn.Pattern, s: int) -> Callable[[dict], bool]:
    inner = _region_admissible(V, x, pattern, s)

    def ok(point: dict) -> bool:
        return all(point.get(ri, 1) > 0 for ri in r) and inner(point)

    return ok


def _grad_layer(f: sp.Expr, Wk: sp.Matrix) -> sp.Matrix:
    return Wk.applyfunc(lambda w: sp.diff(f, w))


def euler(factor: str = "1") -> Iterator[Derivation]:
    """[002] eqs. (3)–(4): Σ_ij ∂f/∂W_k^{ij} W_k^{ij} = c f for every layer k, per region;
    printed c = 1 (``factor="K"``: c = K, the sum over all layers)."""
    W, x = model()
    K = len(W)
    cst = K if factor == "K" else 1
    for pattern in rn.patterns(WIDTHS_SYM):
        dv = Derivation(f"Euler per layer on region {pattern}", MODEL,
                        symbols=(*rn.flat(W), *x),
                        admissible=_region_admissible(W, x, pattern))
        f = dv.step("f", rn.region_forward(W, x, pattern))
        res = []
        for k, Wk in enumerate(W):
            g = _grad_layer(f, Wk)
            lhs = dv.step(f"(W_{k + 1}, df/dW_{k + 1})", sp.expand(sum(
                gi * wi for gi, wi in zip(g, Wk, strict=True))))
            res.append(sp.expand(lhs - cst * f))
        dv.conclude(sp.Matrix(res), _poly)
        yield dv


def second_order(rhs: str = "zero") -> Iterator[Derivation]:
    """[002] eq. (5): (W_k, ∂²f/∂W_k²) = H_kk vec(W_k) = 0, per region and layer.
    ``rhs="grad"``: the perturbation H_kk vec(W_k) = ∂f/∂W_k (product rule dropped)."""
    W, x = model()
    for pattern in rn.patterns(WIDTHS_SYM):
        dv = Derivation(f"H_kk vec(W_k) on region {pattern}", MODEL,
                        symbols=(*rn.flat(W), *x),
                        admissible=_region_admissible(W, x, pattern))
        f = rn.region_forward(W, x, pattern)
        res = []
        for k, Wk in enumerate(W):
            w = list(Wk)
            H = sp.hessian(f, w)
            contr = dv.step(f"H_{k + 1}{k + 1} vec(W_{k + 1})", H * sp.Matrix(w))
            target = sp.zeros(len(w), 1) if rhs == "zero" else sp.Matrix(
                [sp.diff(f, wi) for wi in w])
            res.extend(list(sp.expand(contr - target)))
        dv.conclude(sp.Matrix(res), _poly)
        yield dv


def cross_layer(cross_factor: int = 1, diag_value: str = "zero") -> Iterator[Derivation]:
    """[002] §11.2 l.720: V_kᵀ ∂²f̃/∂V_k∂V_k' V_k' = f̃ for k ≠ k' and 0 for k = k', and the
    sum over all ordered pairs K(K−1) f̃, per region (V unnormalised: the identity is
    homogeneous)."""
    W, x = model("v")
    K = len(W)
    for pattern in rn.patterns(WIDTHS_SYM):
        dv = Derivation(f"cross-layer contractions on region {pattern}", MODEL,
                        symbols=(*rn.flat(W), *x),
                        admissible=_region_admissible(W, x, pattern))
        f = dv.step("f~", rn.region_forward(W, x, pattern))
        res = []
        for k in range(K):
            for kp in range(K):
                wk, wkp = list(W[k]), list(W[kp])
                q = sum(wk[i] * wkp[j] * sp.diff(f, wk[i], wkp[j])
                        for i in range(len(wk)) for j in range(len(wkp)))
                q = dv.step(f"V_{k + 1}^T H_{k + 1}{kp + 1} V_{kp + 1}", sp.expand(q))
                if k != kp:
                    res.append(sp.expand(q - cross_factor * f))
                else:
                    res.append(sp.expand(q - (f if diag_value == "f" else 0)))
        dv.conclude(sp.Matrix(res), _poly)
        yield dv


def square_loss_contraction(factor: int = 2, points: int = 2,
                            widths: Sequence[int] = (2,)) -> Iterator[Derivation]:
    """[002] §2 l.90 (derived testable form): with L = Σ_n (f_n − y_n)², (4) gives
    ⟨∂L/∂W_k, W_k⟩ = 2 Σ_n (f_n − y_n) f_n for every k, so at a stationary point
    Σ_n (f_n − y_n) f_n = 0; and ∂f/∂W_k = 0 ⇒ f = ⟨W_k, ∂f/∂W_k⟩ = 0."""
    W = rn.weights(D_SYM, widths)
    for pattern in rn.patterns(widths):
        xs = [rn.vector(D_SYM, f"x{n}_") for n in range(points)]
        ys = sp.symbols(f"y_1:{points + 1}", real=True)
        # the same region for every point keeps the polynomial form exact
        fs = [rn.region_forward(W, xn, pattern) for xn in xs]

        checks = [_region_admissible(W, xn, pattern) for xn in xs]

        def ok(point: dict, checks: list = checks) -> bool:
            return all(c(point) for c in checks)

        dv = Derivation(f"<dL/dW_k, W_k> on region {pattern}",
                        f"d = 2, widths {tuple(widths)}, N = {points}, every region",
                        symbols=(*rn.flat(W), *[s for xn in xs for s in xn], *ys),
                        admissible=ok)
        L = dv.step("L_sq", sum((fn - yn) ** 2 for fn, yn in zip(fs, ys, strict=True)))
        res = []
        for k, Wk in enumerate(W):
            c = sum(sp.diff(L, w) * w for w in Wk)  # chain rule on the unexpanded L
            dv.step(f"<dL/dW_{k + 1}, W_{k + 1}>", c, "chain rule, unexpanded")
            res.append(c - factor * sum((fn - yn) * fn for fn, yn in zip(fs, ys, strict=True)))
        dv.conclude(sp.Matrix(res), _poly)
        yield dv


def output_nonnegative(outer: str) -> tuple[bool, list[str]]:
    """Whether the output map is ≥ 0 on all of ℝ, decided exactly on z = t, z = −t (t > 0)
    and z = 0; then y f(x) ≤ 0 for every weight choice whenever y = −1 ([004] §2 as printed
    with l.40). Returns (decision, the three evaluated cases as strings)."""
    t = sp.Symbol("t", positive=True)
    m = _act_map(outer)
    vals = [sp.piecewise_fold(m(v)) for v in (t, -t, sp.Integer(0))]
    return all(bool(v.is_nonnegative) for v in vals), [str(v) for v in vals]
