"""Derivations as named steps of SymPy expressions, ending in a residual.

A :class:`Derivation` is what a symbolic check produces: a readable list of steps (each a
SymPy object with a name and a short note), a residual that must reduce to zero for the
statement to hold, and the scope over which the reduction was carried out. When the
residual does not reduce to zero, :func:`nonzero_witness` looks for a small exact point
where it is nonzero and evaluates it at 50 significant digits, so that a refutation never
rests on floating-point rounding.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

HIGH_PRECISION_DIGITS = 50


@dataclass
class Step:
    """One named step: ``name`` and the expression it produces."""

    name: str
    expr: Any
    note: str = ""

    def latex(self) -> str:
        return paper_latex(self.expr)


#: symbol names the derivations use for the papers' notation
_NAMES = {"lam": r"\lambda", "norm_W": r"\|W\|", "gamma'": r"\gamma'"}
_SUFFIX = {"star": "^{\\star}", "inf": "_{\\infty}", "perp": "_{\\perp}"}


def symbol_tex(name: str) -> str | None:
    """The papers' notation for a machine-looking symbol name (``lam`` → λ, ``g_star`` →
    g^⋆, ``V_inf`` → V_∞, ``n_perp`` → n_⊥, ``norm_W`` → ‖W‖), or None for SymPy's own."""
    if name in _NAMES:
        return _NAMES[name]
    if m := re.fullmatch(r"lam_?(\w+)", name):
        return rf"\lambda_{{{m.group(1)}}}"
    if m := re.fullmatch(r"([A-Za-z]+)_(star|inf|perp)", name):
        base = _NAMES.get(m.group(1)) or sp.latex(sp.Symbol(m.group(1)))
        return base + _SUFFIX[m.group(2)]
    return None


def paper_latex(expr: Any) -> str:
    """LaTeX of a SymPy object (or a tuple/list/dict of them) with the papers' symbol names."""
    try:
        syms = getattr(sp.sympify(expr) if isinstance(expr, tuple | list) else expr,
                       "free_symbols", set())
    except (sp.SympifyError, TypeError, AttributeError):
        syms = set()
    names = {s: t for s in syms if isinstance(s, sp.Symbol) and (t := symbol_tex(s.name))}
    if isinstance(expr, sp.Basic | sp.MatrixBase | tuple | list | dict):
        try:
            return sp.latex(expr, symbol_names=names)
        except Exception:  # an object SymPy cannot print: its plain text
            return str(expr)
    return str(expr)


@dataclass
class Derivation:
    """A named list of steps ending in a residual (zero iff the statement holds)."""

    title: str
    scope: str
    steps: list[Step] = field(default_factory=list)
    residual: Any = None
    reduced: Any = None
    #: symbols a witness search assigns, and which assignments are admissible
    symbols: tuple[sp.Symbol, ...] = ()
    admissible: Callable[[dict], bool] | None = None

    def step(self, name: str, expr: Any, note: str = "") -> Any:
        self.steps.append(Step(name, expr, note))
        return expr

    def conclude(self, residual: Any, simplifier: Callable[[Any], Any] | None = None) -> Any:
        """Record the residual and its reduced form."""
        self.residual = residual
        self.reduced = reduce_residual(residual, simplifier)
        self.steps.append(Step("residual", self.reduced, "reduced"))
        return self.reduced

    @property
    def holds(self) -> bool:
        return is_zero(self.reduced)

    def to_json(self) -> list[dict[str, str]]:
        return [{"name": s.name, "latex": s.latex(), "note": s.note} for s in self.steps]


def reduce_residual(expr: Any, simplifier: Callable[[Any], Any] | None = None) -> Any:
    """Reduce a scalar, vector or matrix residual entrywise (cancel, then simplify)."""
    simp = simplifier or _default_simplify
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(simp)
    if isinstance(expr, list | tuple):
        return [reduce_residual(e, simplifier) for e in expr]
    return simp(sp.sympify(expr))


def _default_simplify(e: sp.Expr) -> sp.Expr:
    e = sp.cancel(sp.together(e))
    if e != 0:
        e = sp.simplify(e)
    return e


def is_zero(expr: Any) -> bool:
    if expr is None:
        return False
    if isinstance(expr, sp.MatrixBase):
        return all(sp.sympify(x) == 0 for x in expr)
    if isinstance(expr, list | tuple):
        return all(is_zero(e) for e in expr)
    return sp.sympify(expr) == 0


def _entries(expr: Any) -> list[sp.Expr]:
    if isinstance(expr, sp.MatrixBase):
        return list(expr)
    if isinstance(expr, list | tuple):
        return [x for e in expr for x in _entries(e)]
    return [sp.sympify(expr)]


def nonzero_witness(
    residual: Any,
    symbols: Sequence[sp.Symbol],
    values: Iterable[Any] = (1, 2, -1, 3, sp.Rational(1, 2), -2),
    admissible: Callable[[dict], bool] | None = None,
    max_tries: int = 4000,
) -> dict | None:
    """A small exact point where the residual is nonzero, checked at 50 digits.

    Tries assignments of small rationals to ``symbols`` (respecting ``admissible``, e.g.
    v ≠ 0 or the sign pattern of an activation region) and returns the first where some
    entry evaluates to a nonzero number at :data:`HIGH_PRECISION_DIGITS` digits.
    """
    values = list(values)
    entries = [e for e in _entries(residual) if e != 0]
    if not entries:
        return None
    for point in _candidate_points(symbols, values, max_tries):
        if admissible is not None and not admissible(point):
            continue
        for e in entries:
            try:
                val = sp.N(e.subs(point), HIGH_PRECISION_DIGITS)
            except (ZeroDivisionError, ValueError, TypeError):
                continue
            if val.is_number and val.is_finite and abs(val) > sp.Float(10) ** (
                -HIGH_PRECISION_DIGITS // 2
            ):
                return {
                    "point": {str(k): str(v) for k, v in point.items()},
                    "residual_entry": paper_latex(e),
                    "value_50_digits": str(val),
                }
    return None


def _candidate_points(
    symbols: Sequence[sp.Symbol], values: list[Any], max_tries: int
) -> Iterable[dict]:
    """Small points first: the full grid of ``values`` when it has at most ``max_tries``
    points, else the first grid points (all symbols small) followed by seeded random draws
    from ``values`` (a fixed seed, so a witness is reproducible)."""
    k = len(symbols)
    if len(values) ** k <= max_tries:
        for combo in itertools.product(values, repeat=k):
            yield dict(zip(symbols, combo, strict=True))
        return
    head = max_tries // 4
    for combo in itertools.islice(itertools.product(values, repeat=k), head):
        yield dict(zip(symbols, combo, strict=True))
    rng = random.Random(0)
    for _ in range(max_tries - head):
        yield {x: rng.choice(values) for x in symbols}


def norm_simplifier(pairs: Sequence[tuple[sp.Expr, sp.Symbol]]) -> Callable[[Any], Any]:
    """Reduce an expression containing Euclidean norms √S exactly.

    Each √S is replaced by a positive symbol s; the expression is brought to one fraction,
    and its numerator is reduced modulo the relation s² − S (polynomial remainder in the
    first variable of S, the others as coefficients). The numerator vanishes on
    {s² = S} iff the remainder is 0, so a zero result is a proof; a nonzero result is
    returned with √S substituted back, for the witness search.
    """

    def simp(e: Any) -> Any:
        t = sp.sympify(e)
        for S, s in pairs:
            t = t.subs(sp.sqrt(S), s)
        t = sp.cancel(sp.together(t))
        if t == 0:
            return sp.Integer(0)
        num, den = sp.fraction(t)
        num = sp.expand(num)
        for S, s in pairs:
            main = sorted(S.free_symbols, key=sp.default_sort_key)[0]
            try:
                num = sp.rem(num, sp.expand(S - s**2), main)
            except sp.PolynomialError:  # a norm not in the form √S: leave to the witness
                break
        if num == 0:
            return sp.Integer(0)
        out = num / den
        for S, s in pairs:
            out = out.subs(s, sp.sqrt(S))
        return out

    return simp


def relu(z: sp.Expr) -> sp.Piecewise:
    """σ(z) = max{z, 0} with the papers' ≥ convention (never Heaviside(0) = 1/2)."""
    return sp.Piecewise((z, z >= 0), (0, True))


def vector(name: str, d: int, **assumptions: Any) -> sp.Matrix:
    """A column vector of d real symbols ``name_1..name_d``."""
    return sp.Matrix(sp.symbols(f"{name}_1:{d + 1}", real=True, **assumptions))


def norm2(v: sp.Matrix) -> sp.Expr:
    """‖v‖₂² as a polynomial."""
    return (v.T * v)[0, 0]
