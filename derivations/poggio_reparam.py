"""Reparametrisation of gradient flow and constrained vs unconstrained optimisation
(Banburski, Poggio et al. [002] §4, §4.1, §4.1.1), derived in SymPy.

Each builder takes the parameters of the statement it decides (printed, corrected or
perturbed) and returns a :class:`~derivations.core.Derivation` whose residual is 0 iff the
statement holds on the stated scope. Unit-norm layers are parametrised by the inverse
stereographic map (:func:`stereo`), so ‖V_k‖ = 1 holds exactly and a witness is a genuine
point of the product of spheres. ReLU networks are handled on one activation region
(σ = fixed 0/1 diagonal); labels are absorbed (y_n = 1, catalog poggio.md §0). The
exponential weights e_n = exp(−ρ f̃_n) are kept as positive symbols while a residual is
reduced and substituted back before a witness is searched (:func:`exp_simplifier`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from derivations.core import Derivation, norm2, norm_simplifier, vector
from derivations.relunet import region_forward

HALF = sp.Rational(1, 2)


def stereo(u: Sequence[sp.Expr]) -> sp.Matrix:
    """The inverse stereographic map ℝ^{n−1} → S^{n−1} (rational, exactly unit norm)."""
    s = sum(ui**2 for ui in u)
    return sp.Matrix([*(2 * ui / (s + 1) for ui in u), (s - 1) / (s + 1)])


def exp_simplifier(pairs: Sequence[tuple[sp.Symbol, sp.Expr]]) -> Callable[[Any], Any]:
    """Reduce with e_n as positive symbols (cancel, then simplify); a nonzero result gets
    e_n = exp(…) substituted back, so the witness search evaluates the true residual."""

    def simp(e: Any) -> Any:
        t = sp.cancel(sp.together(sp.sympify(e)))
        if t != 0:
            t = sp.factor(t)
        if t == 0:
            return sp.Integer(0)
        return t.subs(dict(pairs))

    return simp


def _cancel(e: Any) -> Any:
    """cancel(together(·)) only: decides rational expressions in exponentials of identical
    arguments without the cost of ``simplify`` on a nonzero residual."""
    return sp.cancel(sp.together(sp.sympify(e)))


def _sym_matrix(name: str, r: int, c: int) -> sp.Matrix:
    return sp.Matrix(r, c, lambda i, j: sp.Symbol(f"{name}_{i + 1}{j + 1}", real=True))


def _inner(A: sp.Matrix, B: sp.Matrix) -> sp.Expr:
    """⟨A, B⟩_F = Σ A_ij B_ij (the paper's V_kᵀ Ẇ_k for vectorised layers)."""
    return sum(a * b for a, b in zip(A, B, strict=True))


class RegionNet:
    """A net with input dimension d and hidden widths on one activation region.

    ``A`` are free (ambient) layer symbols used for differentiation; ``V`` are unit layers
    V_k = stereo(t_k); ``rho`` are ρ_k > 0; ``X`` holds N inputs (labels absorbed); ``E``
    are positive symbols standing for e_n = exp(−ρ f̃_n).
    """

    def __init__(self, d: int, widths: Sequence[int], N: int,
                 pattern: tuple[tuple[int, ...], ...] | None = None) -> None:
        self.dims = [d, *widths, 1]
        self.K = len(self.dims) - 1
        self.pattern = pattern or tuple(tuple([1] * h) for h in widths)
        self.A = [_sym_matrix(f"a{k + 1}", self.dims[k + 1], self.dims[k]) for k in range(self.K)]
        self.t = [sp.symbols(f"t{k + 1}_1:{self.dims[k + 1] * self.dims[k]}", real=True)
                  for k in range(self.K)]
        self.V = [stereo(self.t[k]).reshape(self.dims[k + 1], self.dims[k])
                  for k in range(self.K)]
        self.rho_k = [sp.Symbol(f"rho_{k + 1}", positive=True) for k in range(self.K)]
        self.rho = sp.Mul(*self.rho_k)
        self.X = [vector(f"x{n + 1}", d) for n in range(N)]
        self.E = [sp.Symbol(f"e_{n + 1}", positive=True) for n in range(N)]
        self.N = N

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        return (*[s for tk in self.t for s in tk], *self.rho_k, *[s for x in self.X for s in x])

    def f(self, layers: Sequence[sp.Matrix], n: int) -> sp.Expr:
        """f(layers; x_n) on the region."""
        return sp.expand(region_forward(list(layers), self.X[n], self.pattern))

    def grads(self, n: int) -> list[sp.Matrix]:
        """∂f(A; x_n)/∂A_k as matrices of polynomials in the ambient symbols."""
        fa = self.f(self.A, n)
        return [Ak.applyfunc(lambda a, fa=fa: sp.diff(fa, a)) for Ak in self.A]

    def at(self, expr: Any, layers: Sequence[sp.Matrix]) -> Any:
        """Substitute the ambient symbols A_k := layers_k."""
        sub = {a: v for Ak, Lk in zip(self.A, layers, strict=True) for a, v in zip(Ak, Lk,
                                                                                   strict=True)}
        return expr.xreplace(sub) if isinstance(expr, sp.MatrixBase) else sp.sympify(
            expr).xreplace(sub)

    def W(self) -> list[sp.Matrix]:
        """W_k = ρ_k V_k."""
        return [r * Vk for r, Vk in zip(self.rho_k, self.V, strict=True)]

    def ftilde(self, n: int) -> sp.Expr:
        return sp.cancel(self.f(self.V, n))

    def dftilde(self, n: int, k: int) -> sp.Matrix:
        """∂f̃(x_n)/∂V_k at the unit layers."""
        return self.at(self.grads(n)[k], self.V).applyfunc(sp.cancel)

    def exp_pairs(self) -> list[tuple[sp.Symbol, sp.Expr]]:
        return [(e, sp.exp(-self.rho * self.ftilde(n))) for n, e in enumerate(self.E)]

    def admissible(self, pt: dict) -> bool:
        return all(pt.get(r, 1) > 0 for r in self.rho_k)

    def derivation(self, title: str) -> Derivation:
        return Derivation(title=title, scope=self.scope, symbols=self.symbols,
                          admissible=self.admissible)

    @property
    def scope_free(self) -> str:
        """The scope for identities in free (ambient) weights W_k."""
        return (f"symbolic entries, K = {self.K}, d = {self.dims[0]}, widths "
                f"{tuple(self.dims[1:-1])}, N = {self.N}, activation region {self.pattern}, "
                "free weights W_k")

    @property
    def scope(self) -> str:
        return (f"symbolic entries, K = {self.K}, d = {self.dims[0]}, widths "
                f"{tuple(self.dims[1:-1])}, N = {self.N}, activation region {self.pattern}, "
                "‖V_k‖ = 1 exactly (stereographic)")


def nets(shapes: Sequence[tuple[int, tuple[int, ...], int]]) -> list[RegionNet]:
    """One RegionNet per (d, widths, N), on its all-active region and (for hidden layers)
    on one region with a switched-off unit."""
    out = []
    for d, widths, N in shapes:
        out.append(RegionNet(d, widths, N))
        if widths and widths[0] > 1:
            pat = tuple(tuple([0] + [1] * (h - 1)) if i == 0 else tuple([1] * h)
                        for i, h in enumerate(widths))
            out.append(RegionNet(d, widths, N, pat))
    return out


# --------------------------------------------------------------------------------------
# relations 1–5 of §4.1 ([002] l.126–133)
# --------------------------------------------------------------------------------------


def relation(n: int, which: int, p: dict[str, Any]) -> Derivation:
    """Relation ``which`` (1..5) of [002] §4.1 for a generic w ∈ ℝⁿ, ρ = ‖w‖, v = w/ρ,
    S = I − vvᵀ. Parameters: rel1 ``power`` (∂‖w‖/∂w = w/‖w‖^power, printed 1); rel2
    ``zeros``, ``sign`` (char. poly. λ^zeros (λ − sign)^{n−zeros}: printed 1, +1, i.e. one
    zero eigenvalue and the others +1 > 0); rel3 ``power`` (∂v/∂w = S/ρ^power, printed 1);
    rel4 ``c`` (Sw = c w, Sv = c v, printed 0); rel5 ``power`` (S² = S^power, printed 1)."""
    w = vector("w", n)
    Q, r = norm2(w), sp.Symbol("r_w", positive=True)
    rho = sp.sqrt(Q)
    v = w / rho
    S = sp.eye(n) - w * w.T / Q
    dv = Derivation(title=f"relation {which}, n = {n}", scope=f"symbolic entries, n = {n}",
                    symbols=tuple(w), admissible=lambda pt: any(pt[x] != 0 for x in w))
    dv.step("S", S, r"S = I - ww^\top/\|w\|^2")
    if which == 1:
        g = dv.step("grad of norm", sp.Matrix([sp.diff(rho, x) for x in w]))
        res = g - w / rho ** p.get("power", 1)
    elif which == 2:
        lam = sp.Symbol("lambda")
        dv.symbols = (*w, lam)
        cp = dv.step("char poly of S", sp.factor(S.charpoly(lam).as_expr()))
        z, s = p.get("zeros", 1), p.get("sign", 1)
        claimed = dv.step("claimed", lam**z * (lam - s) ** (n - z))
        res = sp.Matrix([sp.expand(cp - claimed)])
        dv.step("note", sp.Integer(0), "char poly λ(λ−1)^{n−1}: exactly one zero eigenvalue, "
                "the others equal 1, so S ≥ 0 (S is symmetric)")
    elif which == 3:
        J = dv.step("Jacobian of v", v.jacobian(w))
        res = J - S / rho ** p.get("power", 1)
    elif which == 4:
        c = p.get("c", 0)
        res = sp.Matrix([*(S * w - c * w), *(S * v - c * v)])
    else:
        res = S * S - (S ** p.get("power", 1) if p.get("power", 1) else sp.eye(n))
    dv.conclude(res, norm_simplifier([(Q, r)]))
    return dv


# --------------------------------------------------------------------------------------
# rel6, (7), (8)–(9), (10), (11), (20)–(22): region-wise identities
# --------------------------------------------------------------------------------------


def rel6(net: RegionNet, a: int = 1) -> Derivation:
    """∂f(x_n; W)/∂W_k = (ρ/ρ_k^a) ∂f̃(V; x_n)/∂V_k at W_k = ρ_kV_k (printed a = 1)."""
    dv = net.derivation(f"relation 6, {net.scope}")
    W = net.W()
    res = []
    for k in range(net.K):
        g = net.grads(0)[k]
        lhs = dv.step(f"df/dW_{k + 1}", net.at(g, W))
        rhs = dv.step(f"(rho/rho_k) dftilde/dV_{k + 1}",
                      net.rho / net.rho_k[k] ** a * net.at(g, net.V))
        res.extend(lhs - rhs)
    dv.conclude(sp.Matrix(res))
    return dv


def eq7(net: RegionNet, sign: int = 1, exp_sign: int = -1, labels: bool = True) -> Derivation:
    """−∂L/∂W_k = sign·Σ_n y_n ∂f_n/∂W_k exp(exp_sign·y_n f_n), L = Σ exp(−y_n f_n) (7)
    (printed sign = 1, exp_sign = −1; ``labels``: y_n in the printed sum)."""
    dv = net.derivation(f"eq. (7), {net.scope_free}")
    dv.scope = net.scope_free
    y = [sp.Symbol(f"y_{n + 1}", real=True) for n in range(net.N)]
    dv.symbols = (*dv.symbols, *y)
    fa = [net.f(net.A, n) for n in range(net.N)]
    L = dv.step("L", sum(sp.exp(-y[n] * fa[n]) for n in range(net.N)))
    res = []
    for k in range(net.K):
        grad = net.A[k].applyfunc(lambda a: -sp.diff(L, a))
        printed = sum((sign * (y[n] if labels else 1) * sp.exp(exp_sign * y[n] * fa[n])
                       * net.grads(n)[k] for n in range(net.N)), sp.zeros(*net.A[k].shape))
        res.extend(dv.step(f"-dL/dW_{k + 1} - printed", grad - printed))
    dv.symbols = (*[a for Ak in net.A for a in Ak], *[s for x in net.X for s in x], *y)
    dv.admissible = None
    dv.conclude(sp.Matrix(res), _cancel)
    return dv


def eq8_9(n_entries: int, which: str, power: int = 1, normalized: bool = True) -> Derivation:
    """(8) ρ̇ = d‖W(t)‖/dt = VᵀẆ and (9) V̇ = d(W/‖W‖)/dt = (S/ρ^power)Ẇ along any
    differentiable W(t) ∈ ℝ^{n} (vectorised layer); printed power = 1; ``normalized``:
    (8) with V (printed) or with W (perturbation)."""
    t = sp.Symbol("t", real=True)
    fs = [sp.Function(f"w{i + 1}")(t) for i in range(n_entries)]
    w, wd = vector("w", n_entries), vector("wdot", n_entries)
    Q, r = norm2(w), sp.Symbol("r_w", positive=True)
    rho = sp.sqrt(Q)
    dv = Derivation(title=f"eq. ({which}), n = {n_entries}", scope=f"symbolic entries, "
                    f"W(t) ∈ ℝ^{n_entries} differentiable", symbols=(*w, *wd),
                    admissible=lambda pt: any(pt[x] != 0 for x in w))
    Wt = sp.Matrix(fs)
    sub = {**{sp.Derivative(f, t): d for f, d in zip(fs, wd, strict=True)},
           **dict(zip(fs, w, strict=True))}
    if which == "8":
        lhs = dv.step("d||W||/dt", sp.diff(sp.sqrt(norm2(Wt)), t).subs(sub))
        V = w / rho if normalized else w
        res = sp.Matrix([lhs - (V.T * wd)[0, 0]])
    else:
        lhs = dv.step("d(W/||W||)/dt", sp.diff(Wt / sp.sqrt(norm2(Wt)), t).subs(sub))
        S = sp.eye(n_entries) - w * w.T / Q
        res = lhs - S * wd / rho**power
    dv.conclude(res, norm_simplifier([(Q, r)]))
    return dv


def _wdot(net: RegionNet) -> list[sp.Matrix]:
    """Ẇ_k = Σ_n e_n ∂f_n/∂W_k at W = ρV (the flow (7) with labels absorbed and
    e_n standing for exp(−f(W; x_n)) = exp(−ρ f̃_n))."""
    W = net.W()
    return [sum((net.E[n] * net.at(net.grads(n)[k], W) for n in range(net.N)),
                sp.zeros(*net.A[k].shape)) for k in range(net.K)]


def _homogeneity_steps(dv: Derivation, net: RegionNet) -> list[sp.Expr]:
    """f(ρV; x_n) − ρ f̃(x_n) (eq. (4)), so exp(−f(W; x_n)) = exp(−ρ f̃_n) = e_n."""
    W = net.W()
    return [dv.step(f"f(W;x_{n + 1}) - rho ftilde", sp.cancel(net.f(W, n) - net.rho
                                                              * net.ftilde(n)))
            for n in range(net.N)]


def eq10(net: RegionNet, a: int = 1, with_f: bool = True) -> Derivation:
    """(10): V_kᵀẆ_k = Σ V_kᵀ ∂f_n/∂W_k e_n = (ρ/ρ_k^a) Σ e_n f̃_n (printed a = 1;
    ``with_f`` False drops the factor f̃_n)."""
    dv = net.derivation(f"eq. (10), {net.scope}")
    res = _homogeneity_steps(dv, net)
    Wd = _wdot(net)
    for k in range(net.K):
        lhs = dv.step(f"V_{k + 1}^T Wdot_{k + 1}", _inner(net.V[k], Wd[k]))
        mid = sum(net.E[n] * _inner(net.V[k], net.at(net.grads(n)[k], net.W()))
                  for n in range(net.N))
        rhs = net.rho / net.rho_k[k] ** a * sum(
            net.E[n] * (net.ftilde(n) if with_f else 1) for n in range(net.N))
        res += [lhs - mid, dv.step(f"middle - final, k = {k + 1}", mid - rhs)]
    dv.conclude(sp.Matrix(res), exp_simplifier(net.exp_pairs()))
    return dv


def vdot_printed(net: RegionNet, k: int, a: int = 2, sign: int = -1,
                 form: str = "11") -> sp.Matrix:
    """(11)/(25)/(78): (ρ/ρ_k^a) Σ e_n (∂f̃_n/∂V_k + sign·V_k f̃_n) (printed a = 2, sign = −1);
    ``form`` "22": the V_kV_kᵀ∂f̃ form of (22)."""
    out = sp.zeros(*net.A[k].shape)
    for n in range(net.N):
        g = net.dftilde(n, k)
        corr = net.V[k] * net.ftilde(n) if form == "11" else net.V[k] * _inner(net.V[k], g)
        out += net.E[n] * (g + sign * corr)
    return net.rho / net.rho_k[k] ** a * out


def eq11(net: RegionNet, a: int = 2, sign: int = -1, form: str = "11") -> Derivation:
    """(9) with Ẇ from (7), (S_k/ρ_k)Ẇ_k, against the printed V̇_k of (11) (or (22))."""
    dv = net.derivation(f"eq. ({form}), {net.scope}")
    res = _homogeneity_steps(dv, net)
    Wd = _wdot(net)
    for k in range(net.K):
        V = net.V[k]
        SW = dv.step(f"S_{k + 1} Wdot_{k + 1}/rho_{k + 1}", (Wd[k] - V * _inner(V, Wd[k]))
                     / net.rho_k[k])
        res += list(SW - vdot_printed(net, k, a, sign, form))
    dv.conclude(sp.Matrix(res), exp_simplifier(net.exp_pairs()))
    return dv


def eq22_rho(net: RegionNet, a: int = 1) -> Derivation:
    """(22) first equation: (8) applied to −∇L of (20) equals (ρ/ρ_k^a) Σ e_n f̃_n."""
    dv = eq10(net, a)
    dv.title = f"eq. (22) rho-equation, {net.scope}"
    return dv


def eq20(net: RegionNet, factor: str = "rho") -> Derivation:
    """(20) Σ exp(−ρ f̃_n) is the loss Σ exp(−f(W; x_n)) of (7) at W_k = ρ_kV_k
    (``factor``: ρ printed; "rho1" uses ρ_1 only, "one" drops ρ)."""
    dv = net.derivation(f"eq. (20), {net.scope}")
    c = {"rho": net.rho, "rho1": net.rho_k[0], "one": sp.Integer(1)}[factor]
    res = [dv.step(f"f(W;x_{n + 1}) - c ftilde", sp.cancel(net.f(net.W(), n) - c * net.ftilde(n)))
           for n in range(net.N)]
    dv.conclude(sp.Matrix(res))
    return dv


def eq21(net: RegionNet, exp_sign: int = 1, sign: int = 1) -> Derivation:
    """(21): −∂/∂W_k of (20) (in W, with f(W) = ρ f̃) against sign·Σ exp(exp_sign·f_n)∂f_n/∂W_k
    (printed exp_sign = +1 as in the text)."""
    dv = net.derivation(f"eq. (21), {net.scope_free}")
    dv.scope = net.scope_free
    dv.symbols = (*[a for Ak in net.A for a in Ak], *[s for x in net.X for s in x])
    dv.admissible = None
    fa = [net.f(net.A, n) for n in range(net.N)]
    L = dv.step("L (20) in W", sum(sp.exp(-fa[n]) for n in range(net.N)))
    res = []
    for k in range(net.K):
        grad = net.A[k].applyfunc(lambda a: -sp.diff(L, a))
        printed = sum((sign * sp.exp(exp_sign * fa[n]) * net.grads(n)[k] for n in range(net.N)),
                      sp.zeros(*net.A[k].shape))
        res.extend(dv.step(f"-dL/dW_{k + 1} - printed", grad - printed))
    dv.conclude(sp.Matrix(res), _cancel)
    return dv


# --------------------------------------------------------------------------------------
# (12), Observation 1 / (13)–(15), §4 intro
# --------------------------------------------------------------------------------------


def _linear_exp_loss(d: int, N: int) -> tuple[list[sp.Matrix], Callable[[sp.Matrix], sp.Expr]]:
    X = [vector(f"x{n + 1}", d) for n in range(N)]

    def L(w: sp.Matrix) -> sp.Expr:
        return sum(sp.exp(-(x.T * w)[0, 0]) for x in X)

    return X, L


def eq12(d: int, N: int, rho_dot_sign: int = 1, v_power: int = 1) -> Derivation:
    """(12) is gradient descent on L(ρv) in (ρ, v) under ‖v‖ = 1: −∂_ρL(ρv) = vᵀẇ and the
    tangent part −S∇_vL(ρv) = ρ^{v_power} S ẇ, ẇ = −∇L(w) at w = ρv; L the exponential loss
    of a linear unit (K = 1, labels absorbed). Printed rho_dot_sign = 1, v_power = 1."""
    X, L = _linear_exp_loss(d, N)
    u = sp.symbols(f"u1:{d}", real=True)
    rho = sp.Symbol("rho", positive=True)
    a = vector("a", d)
    v = stereo(u)
    dv = Derivation(title=f"eq. (12), d = {d}, N = {N}", scope=f"symbolic entries, K = 1, "
                    f"d = {d}, N = {N}, exponential loss, ‖v‖ = 1 exactly",
                    symbols=(*u, rho, *[s for x in X for s in x]),
                    admissible=lambda pt: pt[rho] > 0)
    Lrv = L(rho * a)
    wdot = sp.Matrix([-sp.diff(L(a), ai) for ai in a]).xreplace(dict(zip(a, rho * v,
                                                                          strict=True)))
    sub = dict(zip(a, v, strict=True))
    drho = dv.step("-dL(rho v)/drho", -sp.diff(Lrv, rho).xreplace(sub))
    gv = sp.Matrix([-sp.diff(Lrv, ai) for ai in a]).xreplace(sub)
    S = sp.eye(d) - v * v.T
    dv.step("-S grad_v L(rho v)", S * gv)
    res = [drho - rho_dot_sign * (v.T * wdot)[0, 0], *(S * gv - rho**v_power * S * wdot)]
    dv.conclude(sp.Matrix(res), _cancel)
    return dv


def obs1(n: int, ratio_power: int = 2, rho_sign: int = 1) -> Derivation:
    """Observation 1 for one vector w = ρv ∈ ℝⁿ and a generic velocity ẇ = g:
    (i) V ρ̇ + ρ V̇ = Ẇ with (13)–(14) (ρ̇ = rho_sign·vᵀg); (ii) the v̇ of (12) over the v̇
    of (15) is ρ^ratio_power (printed 2), so (iii) both vanish on the same set (ρ > 0)."""
    u = sp.symbols(f"u1:{n}", real=True)
    g = vector("g", n)
    rho = sp.Symbol("rho", positive=True)
    v = stereo(u)
    S = sp.eye(n) - v * v.T
    dv = Derivation(title=f"Observation 1, n = {n}", scope=f"symbolic entries, n = {n}, "
                    "generic velocity ẇ", symbols=(*u, *g, rho),
                    admissible=lambda pt: pt[rho] > 0)
    rdot = dv.step("rho dot (13)", rho_sign * (v.T * g)[0, 0])
    vdot15 = dv.step("v dot (14)/(15)", S * g / rho)
    vdot12 = dv.step("v dot (12)", S * rho * g)
    ident = dv.step("V rhodot + rho Vdot - Wdot", v * rdot + rho * vdot15 - g)
    ratio = dv.step("vdot(12) - rho^p vdot(15)", vdot12 - rho**ratio_power * vdot15)
    dv.conclude(sp.Matrix([*ident, *ratio]), lambda e: sp.factor(sp.cancel(e)))
    return dv


def intro(d: int, system: str) -> Derivation:
    """§4 intro: the unit vector w/‖w‖ of gradient descent moves with the chain-rule velocity
    S ẇ/ρ; a system whose v-field differs from it at some state gives a different unit
    vector for small T > 0 from that state (uniqueness of ODE solutions), and one whose
    (ρ̇, v̇) equals the push-forward everywhere gives the same unit vector at every T.
    ``system``: "wn" (12), "reparam" (13)–(15), "lagrange" (17) with the multiplier fixed by
    ‖v‖ = 1 (K = 1), "reparam_noscale" (perturbation: v̇ = Sẇ)."""
    X, L = _linear_exp_loss(d, 1)
    u = sp.symbols(f"u1:{d}", real=True)
    rho = sp.Symbol("rho", positive=True)
    a = vector("a", d)
    v = stereo(u)
    dv = Derivation(title=f"§4 intro, system {system}, d = {d}", scope=f"symbolic entries, "
                    f"K = 1 linear, d = {d}, N = 1, exponential loss, ‖v‖ = 1 exactly",
                    symbols=(*u, rho, *X[0]), admissible=lambda pt: pt[rho] > 0)
    wdot = sp.Matrix([-sp.diff(L(a), ai) for ai in a]).xreplace(dict(zip(a, rho * v,
                                                                          strict=True)))
    S = sp.eye(d) - v * v.T
    push_rho = dv.step("d||w||/dt along GD", (v.T * wdot)[0, 0])
    push_v = dv.step("d(w/||w||)/dt along GD", S * wdot / rho)
    fields = {"wn": ((v.T * wdot)[0, 0], S * rho * wdot),
              "reparam": ((v.T * wdot)[0, 0], S * wdot / rho),
              "lagrange": ((v.T * wdot)[0, 0], rho * S * wdot),
              "reparam_noscale": ((v.T * wdot)[0, 0], S * wdot)}
    rdot, vdot = fields[system]
    dv.step("system v dot", vdot)
    res = [rdot - push_rho, *(vdot - push_v)]
    dv.conclude(sp.Matrix(res), lambda e: sp.factor(sp.cancel(e)))
    return dv


# --------------------------------------------------------------------------------------
# (16)–(19), (23), (26)
# --------------------------------------------------------------------------------------


def lagrange(net: RegionNet, lam_factor: sp.Expr = HALF, mult_sign: int = -1,
             loss_power: int = 1, norm_power: int = 2, exp_rho: bool = True,
             check_form: bool = True, check_tangent: bool = True) -> Derivation:
    """GD on (16) L = Σ exp(−ρ f̃_n) + Σ λ_k‖V_k‖^norm_power (V_k free, then evaluated at
    ‖V_k‖ = 1). ``check_form``: −∂L/∂(ρ_k, V_k) against the stated system
    ρ̇_k = (ρ/ρ_k)Σ e_n f̃_n, V̇_k = ρ^loss_power Σ e_n ∂f̃_n/∂V_k + mult_sign·2λ_kV_k for a free
    λ_k (printed (17): mult_sign = +1). ``check_tangent``: V_kᵀV̇_k = 0 for V̇_k = −∂L/∂V_k
    (eq. (16)) or the stated V̇_k (eq. (17)) with λ_k = lam_factor·ρ Σ e_n f̃_n (printed ½).
    ``exp_rho`` False: the loss term exp(−f̃_n) (a perturbation of (16))."""
    dv = net.derivation(f"Lagrangian (16)/(17), {net.scope}")
    lam = [sp.Symbol(f"lambda_{k + 1}", real=True) for k in range(net.K)]
    c = net.rho if exp_rho else sp.Integer(1)
    fa = [net.f(net.A, n) for n in range(net.N)]
    expo = [sp.exp(-c * fa[n]) for n in range(net.N)]
    n2 = [sum(a**2 for a in Ak) for Ak in net.A]
    Lag = dv.step("L (16)", sum(expo) + sum(lam[k] * sp.Pow(n2[k], sp.Rational(norm_power, 2))
                                            for k in range(net.K)))
    back = {e: E for e, E in zip([ex.xreplace(dict(zip([a for Ak in net.A for a in Ak],
                                                        [v for Vk in net.V for v in Vk],
                                                        strict=True))) for ex in expo],
                                 net.E, strict=True)}
    res: list[sp.Expr] = []
    sub = {a: v for Ak, Vk in zip(net.A, net.V, strict=True) for a, v in zip(Ak, Vk,
                                                                            strict=True)}
    for k in range(net.K):
        gV = net.A[k].applyfunc(lambda a: -sp.diff(Lag, a)).subs(n2[k], 1)
        gV = gV.xreplace(sub).xreplace(back)
        gV = gV.applyfunc(lambda e: sp.cancel(sp.factor(e)))
        grho = (-sp.diff(Lag, net.rho_k[k])).xreplace(sub).xreplace(back)
        lam_k = lam_factor * net.rho * sum(net.E[n] * net.ftilde(n) for n in range(net.N))
        stated_V = (net.rho**loss_power * sum((net.E[n] * net.dftilde(n, k)
                                               for n in range(net.N)), sp.zeros(*gV.shape))
                    + mult_sign * 2 * lam[k] * net.V[k])
        stated_rho = net.rho / net.rho_k[k] * sum(net.E[n] * net.ftilde(n) for n in range(net.N))
        if check_form:
            res += [dv.step(f"-dL/drho_{k + 1} - stated", grho - stated_rho)]
            res += list(dv.step(f"-dL/dV_{k + 1} - stated", gV - stated_V))
        if check_tangent:
            field = stated_V if check_form else gV
            res.append(dv.step(f"V_{k + 1}^T Vdot_{k + 1} at printed lambda",
                               _inner(net.V[k], field).xreplace({lam[k]: lam_k})))
    dv.symbols = (*dv.symbols, *lam)
    pairs = [(E, sp.exp(-c * net.ftilde(n))) for n, E in enumerate(net.E)]
    dv.conclude(sp.Matrix(res), exp_simplifier(pairs))
    return dv


def critical_k1(d: int, sign: int = 1, factor: int = 1) -> Derivation:
    """(18)/(23)/(26) and (19) at the exact critical points of K = 1, N = 1: x = r·s with
    r > 0 and s = stereo(u) a unit vector; V = ±s are the critical points of exp(−ρ vᵀx) on
    the sphere (the Riemannian gradient −ρ e S x vanishes iff v ∥ x). The stated condition
    e ∂f̃/∂V = sign·factor·e V f̃ must hold there (printed sign = factor = 1)."""
    u = sp.symbols(f"u1:{d}", real=True)
    r, rho = sp.Symbol("r", positive=True), sp.Symbol("rho", positive=True)
    s = stereo(u)
    x = r * s
    dv = Derivation(title=f"critical points K = 1, N = 1, d = {d}", scope=f"symbolic, K = 1, "
                    f"d = {d}, N = 1, exact critical points V = ±x/‖x‖",
                    symbols=(*u, r, rho), admissible=lambda pt: pt[r] > 0 and pt[rho] > 0)
    res = []
    for sgn in (1, -1):
        V = sgn * s
        S = sp.eye(d) - V * V.T
        ft = (V.T * x)[0, 0]
        e = sp.exp(-rho * ft)
        res += list(dv.step(f"Riemannian gradient at V = {sgn}x/|x|", S * x * rho * e))
        res += list(dv.step(f"condition at V = {sgn}x/|x|", e * x - sign * factor * e * V * ft))
    dv.conclude(sp.Matrix(res), lambda z: sp.factor(sp.cancel(z)))
    return dv


def critical_identity(net: RegionNet, sign: int = 1, factor: int = 1) -> Derivation:
    """Σ e_n ∂f̃_n/∂V_k − sign·factor·Σ e_n V_k f̃_n = S_k Σ e_n ∂f̃_n/∂V_k at ‖V_k‖ = 1:
    the residual of (18)/(26) is the Riemannian gradient of −Σ e_n on the sphere, and the
    V-fields of (22)/(25) are (ρ/ρ_k²) times it, so the zero sets coincide."""
    dv = net.derivation(f"(18) = Riemannian gradient, {net.scope}")
    res = []
    for k in range(net.K):
        G = sum((net.E[n] * net.dftilde(n, k) for n in range(net.N)), sp.zeros(*net.A[k].shape))
        V = net.V[k]
        lhs = G - sign * factor * sum((net.E[n] * V * net.ftilde(n) for n in range(net.N)),
                                      sp.zeros(*G.shape))
        res += list(dv.step(f"(18) residual - S_{k + 1} G", lhs - (G - V * _inner(V, G))))
    dv.conclude(sp.Matrix(res), exp_simplifier(net.exp_pairs()))
    return dv


def one_sv_deep(h: int, d: int, sign: int = 1, with_f: bool = True) -> Derivation:
    """(19) for N = 1 on a deep linear K = 2 net: the critical points V_1 = s_u s_xᵀ,
    V_2 = s_uᵀ (s_u, s_x unit, x = r s_x) of f̃ = V_2V_1x on the product of spheres satisfy
    V_k f̃ = sign·∂f̃/∂V_k (printed sign = 1; ``with_f`` False drops f̃)."""
    uu = sp.symbols(f"p1:{h}", real=True)
    ux = sp.symbols(f"q1:{d}", real=True)
    r = sp.Symbol("r", positive=True)
    su, sx = stereo(uu), stereo(ux)
    x = r * sx
    V1, V2 = su * sx.T, su.T
    dv = Derivation(title=f"(19) deep linear K = 2, h = {h}, d = {d}", scope=f"symbolic, "
                    f"deep linear K = 2, h = {h}, d = {d}, N = 1, critical point V_1 = s_u "
                    "s_x^T, V_2 = s_u^T", symbols=(*uu, *ux, r),
                    admissible=lambda pt: pt[r] > 0)
    ft = dv.step("ftilde", sp.cancel((V2 * V1 * x)[0, 0]))
    g1 = V2.T * x.T
    g2 = (V1 * x).T
    S1 = dv.step("Riemannian grad layer 1", g1 - V1 * _inner(V1, g1))
    S2 = dv.step("Riemannian grad layer 2", g2 - V2 * _inner(V2, g2))
    fct = ft if with_f else 1
    res = [*S1, *S2, *(V1 * fct - sign * g1), *(V2 * fct - sign * g2)]
    dv.conclude(sp.Matrix(res), lambda z: sp.factor(sp.cancel(z)))
    return dv


def tangency(net: RegionNet, sign: int = -1) -> Derivation:
    """V_kᵀV̇_k for V̇_k = (ρ/ρ_k²) Σ e_n (∂f̃_n/∂V_k + sign·V_k f̃_n) ((11): sign = −1): zero
    iff the induced flow keeps ‖V_k‖ = 1 (the implicit unit-norm constraint of §4.1.1)."""
    dv = net.derivation(f"V_k^T Vdot_k of (11), {net.scope}")
    res = [dv.step(f"V_{k + 1}^T Vdot_{k + 1}", _inner(net.V[k], vdot_printed(net, k, 2, sign)))
           for k in range(net.K)]
    dv.conclude(sp.Matrix(res), exp_simplifier(net.exp_pairs()))
    return dv
