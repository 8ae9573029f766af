"""Neural tangent kernels of weight normalization, Dukler et al. §3: eqs. (3.3)–(3.6) and
Proposition 1, derived in SymPy.

The network (1.2) f_i = m^{-1/2} Σ_k c_k σ(g_k v_kᵀx_i/‖v_k‖) is taken on a fixed
activation region: with g_k > 0 (as under initialization (2.4)) the sign of g_k v_kᵀx_i is
that of v_kᵀx_i, and σ(z) = a·z with a_ik = 𝟙{v_kᵀx_i ≥ 0} ∈ {0, 1} a symbol. There are
n = 2 data points x_1, x_2 and m = 2 neurons, every vector has symbolic real entries in
dimension d. Each norm ‖v_k‖ is a positive symbol s_k tied to v_k by s_k² = ‖v_k‖²: the
derivative of an expression E(v_k, s_k) along v_k is ∂E/∂v_k + ∂E/∂s_k · v_k/s_k (the chain
rule through s_k = √(v_kᵀv_k)), and residuals are reduced modulo s_k² − ‖v_k‖² (and modulo
c_k² − 1 where the paper assumes c_k² = 1). The loss is L = ½Σ_i(f_i − y_i)²; after
differentiating, y_j is replaced by f_j − ρ_j, so ρ_j is the residual f_j − y_j.

Each builder takes the parameters of the statement it decides, so the printed statement
and its perturbations are decided by the same derivation.

A nonzero residual is a real-analytic function of (x, v) on {v_k ≠ 0}; for d ≥ 2 every
sign pattern of 2 points × 2 neurons is realized on a nonempty open set, so a residual
that is nonzero at some admissible point (checked at 50 digits by the witness search) is
nonzero somewhere on every such region.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from derivations.core import Derivation, norm2, norm_simplifier, vector

N_DATA = 2
M_NEURONS = 2


@dataclass
class _Net:
    """Symbols of the two-layer network on one activation region."""

    d: int
    x: list[sp.Matrix]  # data points x_i
    v: list[sp.Matrix]  # first-layer directions v_k (or weights w_k for network (1.1))
    s: list[sp.Symbol]  # s_k = ‖v_k‖ (positive)
    S: list[sp.Expr]  # ‖v_k‖² as polynomials
    g: list[sp.Symbol]
    c: list[sp.Symbol]
    a: dict[tuple[int, int], sp.Symbol]  # a_ik = 1{v_kᵀx_i ≥ 0}
    alpha: sp.Symbol
    rho: list[sp.Symbol]  # ρ_j = f_j − y_j
    y: list[sp.Symbol]

    @property
    def witness_symbols(self) -> tuple[sp.Symbol, ...]:
        # the witness search varies the last symbols fastest: α and the entries of x_2
        return (
            *self.a.values(), *self.c, *self.g, *self.rho,
            *[e for vk in self.v for e in vk], *[e for xi in self.x for e in xi], self.alpha,
        )

    def admissible(self, unit_c: bool) -> Callable[[dict], bool]:
        """v_k ≠ 0, g_k > 0, α > 0, a_ik = 1{v_kᵀx_i ≥ 0}, and c_k = ±1 when c_k² = 1 is used."""

        def ok(pt: dict) -> bool:
            if pt.get(self.alpha, 1) <= 0 or any(pt.get(gk, 1) <= 0 for gk in self.g):
                return False
            if unit_c and any(pt.get(ck, 1) not in (1, -1) for ck in self.c):
                return False
            for k, vk in enumerate(self.v):
                vals = [pt.get(e, 0) for e in vk]
                if all(t == 0 for t in vals):
                    return False
                for i, xi in enumerate(self.x):
                    pre = sum(p * pt.get(e, 0) for p, e in zip(vals, xi, strict=True))
                    if pt.get(self.a[i, k]) != (1 if pre >= 0 else 0):
                        return False
            return True

        return ok

    def simplifier(self, unit_c: bool, norms: bool = True) -> Callable[[Any], Any]:
        """Reduce modulo s_k² = ‖v_k‖² (when ``norms``), a_ik² = a_ik, and c_k² = 1 (when
        ``unit_c``).

        The residual is brought to one fraction; its numerator is divided by the relations
        in lex order with the first entry of each v_k, each a_ik and each c_k leading. Their
        leading terms v_k1², a_ik², c_k² are pairwise coprime, so the relations form a
        Gröbner basis and the remainder is 0 iff the numerator vanishes on the variety
        (the same criterion as :func:`derivations.core.norm_simplifier`, in one division).
        A nonzero remainder is returned with s_k replaced by √‖v_k‖² for the witness search.
        """
        rel: list[tuple[sp.Expr, sp.Symbol]] = []
        if norms:
            rel += [(S - s**2, vk[0]) for S, s, vk in zip(self.S, self.s, self.v, strict=True)]
        rel += [(a * a - a, a) for a in self.a.values()]
        if unit_c:
            rel += [(ck**2 - 1, ck) for ck in self.c]
        lead = [var for _, var in rel]
        back = {s: sp.sqrt(S) for S, s in zip(self.S, self.s, strict=True)}

        def simp(e: Any) -> Any:
            num, den = sp.fraction(sp.together(sp.sympify(e)))
            num = sp.expand(num)
            if num == 0:
                return sp.Integer(0)
            rest = set().union(num.free_symbols, *(p.free_symbols for p, _ in rel)) - set(lead)
            gens = [*lead, *sorted(rest, key=sp.default_sort_key)]
            _, rem = sp.reduced(num, [p for p, _ in rel], *gens, order="lex")
            if rem == 0:
                return sp.Integer(0)
            return (rem / den).subs(back)

        return simp


def _net(d: int, normalized: bool = True) -> _Net:
    x = [vector(f"x{i + 1}", d) for i in range(N_DATA)]
    v = [vector(("v" if normalized else "w") + f"{k + 1}", d) for k in range(M_NEURONS)]
    return _Net(
        d=d,
        x=x,
        v=v,
        s=[sp.Symbol(f"s_{k + 1}", positive=True) for k in range(M_NEURONS)],
        S=[norm2(vk) for vk in v],
        g=[sp.Symbol(f"g_{k + 1}", positive=True) for k in range(M_NEURONS)],
        c=[sp.Symbol(f"c_{k + 1}", real=True) for k in range(M_NEURONS)],
        a={
            (i, k): sp.Symbol(f"a_{i + 1}{k + 1}", nonnegative=True)
            for i in range(N_DATA)
            for k in range(M_NEURONS)
        },
        alpha=sp.Symbol("alpha", positive=True),
        rho=[sp.Symbol(f"rho_{j + 1}", real=True) for j in range(N_DATA)],
        y=[sp.Symbol(f"y_{j + 1}", real=True) for j in range(N_DATA)],
    )


def _dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    return (a.T * b)[0, 0]


def _grad_v(expr: sp.Expr, net: _Net, k: int) -> sp.Matrix:
    """∂E/∂v_k for E(v_k, s_k) with s_k = ‖v_k‖: ∂E/∂v_k + ∂E/∂s_k · v_k/s_k."""
    sk = net.s[k]
    dE_ds = sp.diff(expr, sk)
    return sp.Matrix([sp.diff(expr, e) + dE_ds * e / sk for e in net.v[k]])


def _perp(x: sp.Matrix, v: sp.Matrix, s: sp.Symbol) -> sp.Matrix:
    """x^{v⊥} = (I − v vᵀ/‖v‖²) x."""
    return x - v * _dot(v, x) / s**2


def _par(x: sp.Matrix, v: sp.Matrix, s: sp.Symbol) -> sp.Matrix:
    """x^v = v vᵀx/‖v‖²."""
    return v * _dot(v, x) / s**2


def _wn_outputs(net: _Net) -> list[sp.Expr]:
    """f_i = m^{-1/2} Σ_k c_k a_ik g_k v_kᵀx_i/‖v_k‖ (network (1.2) on the region)."""
    return [
        sum(
            net.c[k] * net.a[i, k] * net.g[k] * _dot(net.v[k], net.x[i]) / net.s[k]
            for k in range(M_NEURONS)
        )
        / sp.sqrt(M_NEURONS)
        for i in range(N_DATA)
    ]


def _loss(f: Sequence[sp.Expr], net: _Net) -> sp.Expr:
    return sum((fi - yi) ** 2 for fi, yi in zip(f, net.y, strict=True)) / 2


def _to_residuals(expr: Any, f: Sequence[sp.Expr], net: _Net) -> Any:
    """Replace y_j by f_j − ρ_j (so that f_j − y_j = ρ_j)."""
    return expr.subs({yj: fj - rj for yj, fj, rj in zip(net.y, f, net.rho, strict=True)})


def _sigma(net: _Net, i: int, k: int) -> sp.Expr:
    """σ(v_kᵀx_i) = a_ik v_kᵀx_i on the region."""
    return net.a[i, k] * _dot(net.v[k], net.x[i])


def _T_v(net: _Net, f: Sequence[sp.Expr], dv: Derivation) -> list[sp.Expr]:
    """T_v^i = Σ_k ∂f_i/∂v_k · ∂L/∂v_k (sp.diff through s_k), with f_j − y_j = ρ_j."""
    L = _loss(f, net)
    dL = [_to_residuals(_grad_v(L, net, k), f, net) for k in range(M_NEURONS)]
    df = [[_grad_v(f[i], net, k) for k in range(M_NEURONS)] for i in range(N_DATA)]
    m = M_NEURONS
    printed_df = net.c[0] * net.g[0] / (sp.sqrt(m) * net.s[0]) * _perp(
        net.x[0], net.v[0], net.s[0]
    ) * net.a[0, 0]
    dv.step(
        "df_1/dv_1 (sp.diff) - printed m^{-1/2} c_1 g_1/||v_1|| x_1^{v_1 perp} 1_11",
        (df[0][0] - printed_df).applyfunc(lambda e: sp.factor(sp.cancel(e))),
        "the printed gradient of Sec. 3 (zero on s_k^2 = ||v_k||^2)",
    )
    dv.step("dL/dv_1 (sp.diff, f - y = rho)", dL[0])
    return [sum(_dot(df[i][k], dL[k]) for k in range(M_NEURONS)) for i in range(N_DATA)]


def _T_g(net: _Net, f: Sequence[sp.Expr], dv: Derivation) -> list[sp.Expr]:
    """T_g^i = Σ_k ∂f_i/∂g_k · ∂L/∂g_k, with f_j − y_j = ρ_j."""
    L = _loss(f, net)
    dL = [_to_residuals(sp.diff(L, net.g[k]), f, net) for k in range(M_NEURONS)]
    df = [[sp.diff(f[i], net.g[k]) for k in range(M_NEURONS)] for i in range(N_DATA)]
    printed_df = net.c[0] / (sp.sqrt(M_NEURONS) * net.s[0]) * _sigma(net, 0, 0)
    dv.step(
        "df_1/dg_1 (sp.diff) - printed m^{-1/2} c_1 sigma(v_1^T x_1)/||v_1||",
        sp.simplify(df[0][0] - printed_df),
    )
    dv.step("dL/dg_1 (sp.diff, f - y = rho)", dL[0])
    return [sum(df[i][k] * dL[k] for k in range(M_NEURONS)) for i in range(N_DATA)]


def _V(net: _Net, projection: bool = True, scale_alpha: bool = True,
       g: Sequence[sp.Expr] | None = None) -> sp.Matrix:
    """V_ij = m⁻¹ Σ_k (α c_k g_k/‖v_k‖)² ⟨x_i^{v_k⊥}, x_j^{v_k⊥}⟩ 1_ik 1_jk  (3.3).

    projection=False uses ⟨x_i, x_j⟩; scale_alpha=False drops α from the scale."""
    g = net.g if g is None else g
    m = M_NEURONS

    def entry(i: int, j: int) -> sp.Expr:
        tot = sp.Integer(0)
        for k in range(m):
            vk, sk = net.v[k], net.s[k]
            if projection:
                ip = _dot(_perp(net.x[i], vk, sk), _perp(net.x[j], vk, sk))
            else:
                ip = _dot(net.x[i], net.x[j])
            scale = ((net.alpha if scale_alpha else 1) * net.c[k] * g[k] / sk) ** 2
            tot += scale * ip * net.a[i, k] * net.a[j, k]
        return tot / m

    return sp.Matrix(N_DATA, N_DATA, entry)


def _G(net: _Net, norm_power: int = 2, factor: int = 1, kind: str = "aligned") -> sp.Matrix:
    """G_ij = m⁻¹ Σ_k σ(v_kᵀx_i)σ(v_kᵀx_j)/‖v_k‖^{norm_power}  (3.4), printed power 2;
    kind="perp" puts ⟨x_i^{v_k⊥}, x_j^{v_k⊥}⟩1_ik 1_jk in place of σσ/‖v_k‖² (V's summand)."""
    m = M_NEURONS

    def entry(i: int, j: int) -> sp.Expr:
        if kind == "perp":
            tot = sum(
                _dot(_perp(net.x[i], net.v[k], net.s[k]), _perp(net.x[j], net.v[k], net.s[k]))
                * net.a[i, k] * net.a[j, k]
                for k in range(m)
            )
        else:
            tot = sum(
                _sigma(net, i, k) * _sigma(net, j, k) / net.s[k] ** norm_power
                for k in range(m)
            )
        return factor * tot / m

    return sp.Matrix(N_DATA, N_DATA, entry)


def _G_appA(net: _Net) -> sp.Matrix:
    """App. A form: G_ij = m⁻¹ Σ_k ⟨x_i^{v_k}, x_j^{v_k}⟩ 1_ik 1_jk."""
    return sp.Matrix(
        N_DATA,
        N_DATA,
        lambda i, j: sum(
            _dot(_par(net.x[i], net.v[k], net.s[k]), _par(net.x[j], net.v[k], net.s[k]))
            * net.a[i, k] * net.a[j, k]
            for k in range(M_NEURONS)
        ) / M_NEURONS,
    )


def _H(net: _Net, inv_m: bool = True, inner: str = "x", indicators: bool = True) -> sp.Matrix:
    """H_ij = m⁻¹ Σ_k x_iᵀx_j 1_ik 1_jk  (3.6); inner="one" replaces x_iᵀx_j by 1."""
    m = M_NEURONS

    def entry(i: int, j: int) -> sp.Expr:
        ip = _dot(net.x[i], net.x[j]) if inner == "x" else sp.Integer(1)
        tot = sum(
            ip * (net.a[i, k] * net.a[j, k] if indicators else 1) for k in range(m)
        )
        return tot / (m if inv_m else 1)

    return sp.Matrix(N_DATA, N_DATA, entry)


def _derivation(title: str, scope: str, net: _Net, unit_c: bool) -> Derivation:
    return Derivation(
        title=title,
        scope=scope,
        symbols=net.witness_symbols,
        admissible=net.admissible(unit_c),
    )


def _scope(d: int, extra: str = "") -> str:
    return (
        "fixed activation region (sigma(z) = a z, a_ik in {0,1}), g_k > 0 as under (2.4), "
        f"n = {N_DATA} data points, m = {M_NEURONS} neurons, symbolic entries, d = {d}"
        + (f", {extra}" if extra else "")
    )


def t_v(d: int, alpha_power: int = 2, projection: bool = True) -> Derivation:
    """(3.3): Σ_k ∂f_i/∂v_k · ∂L/∂v_k = Σ_j V_ij (f_j − y_j)/α^{alpha_power}.

    Printed: alpha_power = 2, V with the v⊥ projections (projection=True)."""
    net = _net(d)
    dv = _derivation(
        f"T_v = V r/alpha^{alpha_power} (projection={projection}), d = {d}",
        _scope(d), net, unit_c=False,
    )
    f = _wn_outputs(net)
    dv.step("f_1 (network (1.2) on the region)", f[0])
    Tv = _T_v(net, f, dv)
    V = _V(net, projection=projection)
    dv.step("V_12 printed (3.3)", V[0, 1])
    rhs = [sum(V[i, j] * net.rho[j] for j in range(N_DATA)) / net.alpha**alpha_power
           for i in range(N_DATA)]
    dv.step("T_v^1 - sum_j V_1j rho_j/alpha^p", Tv[0] - rhs[0])
    dv.conclude(sp.Matrix([Tv[i] - rhs[i] for i in range(N_DATA)]), net.simplifier(False))
    return dv


def t_g(d: int, norm_power: int = 2, kind: str = "aligned") -> Derivation:
    """(3.4): Σ_k ∂f_i/∂g_k · ∂L/∂g_k equals the printed T_g (with c_k²), equals
    Σ_j G_ij (f_j − y_j) given c_k² = 1, and G equals its App. A form
    m⁻¹Σ_k⟨x_i^{v_k}, x_j^{v_k}⟩1_ik 1_jk. Printed: norm_power = 2, kind = "aligned"
    (kind = "perp": the v⊥ projections in G, a perturbation)."""
    net = _net(d)
    dv = _derivation(
        f"T_g = G r (G {kind}, with ||v||^{norm_power}), d = {d}",
        _scope(d, "c_k^2 = 1 where the paper assumes it"), net, unit_c=True,
    )
    f = _wn_outputs(net)
    Tg = _T_g(net, f, dv)
    m = M_NEURONS
    Tg_printed = [
        sum(
            net.c[k] ** 2 * net.rho[j] / net.s[k] ** 2 * _sigma(net, j, k) * _sigma(net, i, k)
            for k in range(m) for j in range(N_DATA)
        ) / m
        for i in range(N_DATA)
    ]
    dv.step("printed T_g^1 (with c_k^2)", Tg_printed[0])
    G = _G(net, norm_power=norm_power, kind=kind)
    dv.step("G_12 printed (3.4), c_k^2 = 1", G[0, 1])
    GA = _G_appA(net)
    dv.step("G_12, App. A form", GA[0, 1])
    res_printed = [Tg[i] - Tg_printed[i] for i in range(N_DATA)]
    res_G = [Tg[i] - sum(G[i, j] * net.rho[j] for j in range(N_DATA)) for i in range(N_DATA)]
    res_A = list(G - GA)
    dv.step("T_g^1 - sum_j G_1j rho_j", res_G[0], "reduced modulo c_k^2 = 1")
    dv.conclude(sp.Matrix([*res_printed, *res_G, *res_A]), net.simplifier(True))
    return dv


def evolution(d: int, v_power: int = 2, g_power: int = 0) -> Derivation:
    """(3.5): along the flow (3.1), df_i/dt = −Σ_k ∂f_i/∂v_k ∂L/∂v_k − Σ_k ∂f_i/∂g_k ∂L/∂g_k
    = −Σ_j Λ_ij (f_j − y_j), Λ = V/α^{v_power} + G/α^{g_power} (printed 2 and 0)."""
    net = _net(d)
    dv = _derivation(
        f"df/dt = -(V/alpha^{v_power} + G/alpha^{g_power}) r, d = {d}",
        _scope(d, "c_k^2 = 1 as in (3.4)"), net, unit_c=True,
    )
    f = _wn_outputs(net)
    Tv = _T_v(net, f, dv)
    Tg = _T_g(net, f, dv)
    dfdt = [-(Tv[i] + Tg[i]) for i in range(N_DATA)]
    dv.step("df_1/dt = -T_v^1 - T_g^1 (chain rule, (3.1))", dfdt[0])
    Lam = _V(net) / net.alpha**v_power + _G(net) / net.alpha**g_power
    dv.step("Lambda_12", Lam[0, 1])
    rhs = [-sum(Lam[i, j] * net.rho[j] for j in range(N_DATA)) for i in range(N_DATA)]
    dv.conclude(sp.Matrix([dfdt[i] - rhs[i] for i in range(N_DATA)]), net.simplifier(True))
    return dv


def unnormalized_ntk(
    d: int, inv_m: bool = True, inner: str = "x", indicators: bool = True
) -> Derivation:
    """(3.6): for network (1.1) f_i = m^{-1/2} Σ_k c_k σ(w_kᵀx_i),
    Σ_k ∂f_i/∂w_k · ∂f_j/∂w_k = H_ij and −Σ_k ∂f_i/∂w_k ∂L/∂w_k = −Σ_j H_ij (f_j − y_j),
    with c_k² = 1. Printed: inv_m = True, inner = "x", indicators = True."""
    net = _net(d, normalized=False)
    dv = Derivation(
        title=f"J_w J_w^T = H (1/m={inv_m}, inner={inner}, indicators={indicators}), d = {d}",
        scope=(
            "fixed activation region (sigma(z) = a z, a_ik = 1{w_k^T x_i >= 0}), "
            f"n = {N_DATA}, m = {M_NEURONS}, symbolic entries, d = {d}, c_k^2 = 1"
        ),
        symbols=tuple(e for e in net.witness_symbols if e not in net.g and e != net.alpha),
        admissible=net.admissible(True),
    )
    m = M_NEURONS
    f = [
        sum(net.c[k] * net.a[i, k] * _dot(net.v[k], net.x[i]) for k in range(m)) / sp.sqrt(m)
        for i in range(N_DATA)
    ]
    dv.step("f_1 (network (1.1) on the region)", f[0])
    J = [[sp.Matrix([sp.diff(f[i], e) for e in net.v[k]]) for k in range(m)]
         for i in range(N_DATA)]
    dv.step("df_1/dw_1 (sp.diff)", J[0][0])
    L = _loss(f, net)
    dL = [_to_residuals(sp.Matrix([sp.diff(L, e) for e in net.v[k]]), f, net) for k in range(m)]
    ntk = sp.Matrix(N_DATA, N_DATA, lambda i, j: sum(_dot(J[i][k], J[j][k]) for k in range(m)))
    H = _H(net, inv_m=inv_m, inner=inner, indicators=indicators)
    dv.step("H_12 printed (3.6)", H[0, 1])
    flow = [-sum(_dot(J[i][k], dL[k]) for k in range(m)) for i in range(N_DATA)]
    rhs = [-sum(H[i, j] * net.rho[j] for j in range(N_DATA)) for i in range(N_DATA)]
    dv.step("df_1/dt + sum_j H_1j rho_j", flow[0] - rhs[0])
    dv.conclude(
        sp.Matrix([*(ntk - H), *[flow[i] - rhs[i] for i in range(N_DATA)]]),
        net.simplifier(True, norms=False),
    )
    return dv


def pythagoras(d: int, projection: bool = True, g_factor: int = 1) -> Derivation:
    """Prop. 1 per summand: ⟨x_i^{v⊥}, x_j^{v⊥}⟩ + ⟨x_i^v, x_j^v⟩ − x_iᵀx_j = 0 (App. A).

    projection=False uses ⟨x_i, x_j⟩ for the V summand; g_factor scales the G summand."""
    v, xi, xj = vector("v", d), vector("x", d), vector("z", d)
    S, s = norm2(v), sp.Symbol("s_v", positive=True)
    dv = Derivation(
        title=f"<x_i^perp, x_j^perp> + {g_factor} <x_i^v, x_j^v> = x_i^T x_j, d = {d}",
        scope=f"symbolic entries, d = {d}",
        symbols=(*v, *xi, *xj),
        admissible=lambda pt: any(pt[e] != 0 for e in v),
    )
    vperp = _dot(_perp(xi, v, s), _perp(xj, v, s)) if projection else _dot(xi, xj)
    vpar = _dot(_par(xi, v, s), _par(xj, v, s))
    dv.step("<x_i^{v perp}, x_j^{v perp}>" if projection else "<x_i, x_j>", vperp)
    dv.step("<x_i^v, x_j^v>", vpar)
    dv.conclude(vperp + g_factor * vpar - _dot(xi, xj), norm_simplifier([(S, s)]))
    return dv


def decoupling_at_init(
    d: int, projection: bool = True, scale_alpha: bool = True, g_factor: int = 1
) -> Derivation:
    """Prop. 1: at initialization (2.4), g_k(0) = ‖v_k(0)‖/α, V(0) + G(0) − H(0) = 0 on the
    region (c_k² = 1; the indicators of w_k(0) = v_k(0)/α are those of v_k(0))."""
    net = _net(d)
    dv = _derivation(
        f"V(0) + {g_factor} G(0) - H(0) (projection={projection}, alpha in scale="
        f"{scale_alpha}), d = {d}",
        _scope(d, "initialization (2.4): g_k = ||v_k||/alpha, c_k^2 = 1"),
        net, unit_c=True,
    )
    dv.symbols = tuple(e for e in dv.symbols if e not in net.g)
    g0 = [net.s[k] / net.alpha for k in range(M_NEURONS)]
    dv.step("g_k(0) = ||v_k(0)||/alpha", sp.Matrix(g0))
    V0 = _V(net, projection=projection, scale_alpha=scale_alpha, g=g0)
    dv.step("V_12(0)", V0[0, 1])
    G0 = _G(net, factor=g_factor)
    H0 = _H(net)
    dv.step("H_12(0), indicators of w_k(0) = v_k(0)/alpha", H0[0, 1])
    dv.conclude(V0 + G0 - H0, net.simplifier(True))
    return dv


def decoupling(
    dims: Sequence[int] = (2, 3, 4, 5, 6),
    init_dims: Sequence[int] = (2, 3),
    **params: Any,
) -> Iterator[Derivation]:
    """Prop. 1: the per-summand identity for d in ``dims`` and the matrix identity at init
    for d in ``init_dims`` (lazily: a failing derivation stops the sequence)."""
    for d in dims:
        yield pythagoras(
            d, projection=params.get("projection", True), g_factor=params.get("g_factor", 1)
        )
    for d in init_dims:
        yield decoupling_at_init(d, **params)
